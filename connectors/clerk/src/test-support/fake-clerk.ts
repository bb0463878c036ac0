// A fake of Clerk's Backend API on 127.0.0.1: users in Clerk's shape and its `{ errors: [...] }` errors.
import { startFakeApi, type FakeApi } from '@weft/sdk/testing';

export const SECRET_KEY = 'sk_test_clerk123';

export const ADA = {
  id: 'user_2aBcD3eFgH',
  object: 'user',
  username: null,
  first_name: 'Ada',
  last_name: 'Lovelace',
  image_url: 'https://img.clerk.com/ada.png',
  primary_email_address_id: 'idn_2',
  email_addresses: [
    { id: 'idn_1', object: 'email_address', email_address: 'ada@old.example', verification: { status: 'verified' } },
    { id: 'idn_2', object: 'email_address', email_address: 'ada@example.com', verification: { status: 'verified' } },
  ],
  primary_phone_number_id: null,
  phone_numbers: [],
  external_id: null,
  public_metadata: { plan: 'pro' },
  private_metadata: {},
  created_at: 1_700_000_000_000,
  updated_at: 1_700_000_100_000,
  last_sign_in_at: null,
  banned: false,
  locked: false,
};

export async function startFakeClerk(): Promise<{ api: FakeApi; baseUrl: string }> {
  const api = await startFakeApi((request) => {
    if (request.headers.authorization !== `Bearer ${SECRET_KEY}`) {
      return {
        status: 401,
        json: {
          errors: [
            {
              message: 'Invalid authentication',
              long_message: 'Unable to authenticate the request, you need to supply an active API key',
              code: 'authentication_invalid',
            },
          ],
        },
      };
    }
    if (request.method === 'GET' && request.path === `/v1/users/${ADA.id}`) return { json: ADA };
    return {
      status: 404,
      json: { errors: [{ message: 'not found', long_message: 'Resource not found', code: 'resource_not_found' }] },
    };
  });
  return { api, baseUrl: `${api.url}/v1` };
}
