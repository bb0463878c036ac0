import { afterAll, beforeAll, expect, test } from 'vitest';
import { runAction, type FakeApi } from '@weft/sdk/testing';
import connector from '../index.js';
import { ADA, SECRET_KEY, startFakeClerk } from '../test-support/fake-clerk.js';

let clerk: { api: FakeApi; baseUrl: string };
beforeAll(async () => {
  clerk = await startFakeClerk();
});
afterAll(() => clerk.api.close());

test('gets a user with the secret key and picks out the primary email', async () => {
  const { output } = await runAction(connector, 'getUser', {
    credentials: { apiKey: SECRET_KEY },
    baseUrl: clerk.baseUrl,
    input: { userId: ADA.id },
  });
  expect(output).toEqual({
    id: ADA.id,
    primaryEmail: 'ada@example.com',
    emailAddresses: ['ada@old.example', 'ada@example.com'],
    primaryPhone: null,
    username: null,
    firstName: 'Ada',
    lastName: 'Lovelace',
    fullName: 'Ada Lovelace',
    imageUrl: 'https://img.clerk.com/ada.png',
    externalId: null,
    publicMetadata: { plan: 'pro' },
    createdAt: '2023-11-14T22:13:20.000Z',
    updatedAt: '2023-11-14T22:15:00.000Z',
    lastSignInAt: null,
    banned: false,
  });
  expect(clerk.api.requests.at(-1)!.headers.authorization).toBe(`Bearer ${SECRET_KEY}`);
});

test('an unknown user is notFound; a wrong key is an auth error', async () => {
  await expect(
    runAction(connector, 'getUser', {
      credentials: { apiKey: SECRET_KEY },
      baseUrl: clerk.baseUrl,
      input: { userId: 'user_nobody' },
    }),
  ).rejects.toMatchObject({ code: 'connector_not_found' });
  await expect(
    runAction(connector, 'getUser', {
      credentials: { apiKey: 'sk_test_wrong' },
      baseUrl: clerk.baseUrl,
      input: { userId: ADA.id },
    }),
  ).rejects.toMatchObject({ code: 'connector_auth' });
});
