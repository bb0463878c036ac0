import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { runAction } from '@weft/sdk/testing';
import connector from '../index.js';
import { startFakeStripe, stepOptions, type FakeStripe } from '../test-support/fake-stripe.js';

let stripe: FakeStripe;
beforeAll(async () => {
  stripe = await startFakeStripe();
});
afterAll(() => stripe.close());
const options = () => stepOptions(stripe);

describe('customers', () => {
  test('createCustomer posts a form-encoded body with the secret key and the step’s idempotency key', async () => {
    const { output } = await runAction(connector, 'createCustomer', {
      ...options(),
      input: { email: 'ada@example.com', name: 'Ada', paymentMethodId: 'pm_card_visa', metadata: { plan: 'pro' } },
      idempotencyKey: 'run-1:create',
    });
    expect(output).toMatchObject({ object: 'customer', email: 'ada@example.com', metadata: { plan: 'pro' } });
    const request = stripe.api.requests.at(-1)!;
    expect(request.headers).toMatchObject({
      authorization: 'Bearer sk_test_123',
      'content-type': 'application/x-www-form-urlencoded',
      'idempotency-key': 'run-1:create',
    });
    expect(Object.fromEntries(new URLSearchParams(request.body))).toEqual({
      email: 'ada@example.com',
      name: 'Ada',
      payment_method: 'pm_card_visa',
      'invoice_settings[default_payment_method]': 'pm_card_visa',
      'metadata[plan]': 'pro',
    });
  });

  test('getCustomer and updateCustomer read and change only the given fields', async () => {
    const { output: created } = await runAction(connector, 'createCustomer', {
      ...options(),
      input: { email: 'grace@example.com', name: 'Grace' },
    });
    const { output: updated } = await runAction(connector, 'updateCustomer', {
      ...options(),
      input: { customerId: created.id, name: 'Grace Hopper', metadata: { tier: 'gold' } },
    });
    expect(new URLSearchParams(stripe.api.requests.at(-1)!.body).toString()).toBe(
      'name=Grace+Hopper&metadata%5Btier%5D=gold',
    );
    expect(updated).toMatchObject({ id: created.id, email: 'grace@example.com', name: 'Grace Hopper' });
    const { output: fetched } = await runAction(connector, 'getCustomer', {
      ...options(),
      input: { customerId: created.id },
    });
    expect(fetched).toEqual(updated);
    expect(stripe.api.requests.at(-1)).toMatchObject({ method: 'GET', path: `/v1/customers/${created.id}`, body: '' });
    expect(stripe.api.requests.at(-1)!.headers['idempotency-key']).toBeUndefined();
  });

  test('an unknown customer fails as notFound quoting Stripe; a deleted one too', async () => {
    await expect(
      runAction(connector, 'getCustomer', { ...options(), input: { customerId: 'cus_missing' } }),
    ).rejects.toMatchObject({
      code: 'connector_not_found',
      message: expect.stringContaining("No such object: 'cus_missing'"),
    });
    stripe.objects.set('cus_gone', { id: 'cus_gone', object: 'customer', deleted: true });
    await expect(
      runAction(connector, 'getCustomer', { ...options(), input: { customerId: 'cus_gone' } }),
    ).rejects.toMatchObject({ code: 'stripe_customer_deleted', retryable: false });
  });

  test('a wrong key fails as an auth error without retrying; ids are validated before any request', async () => {
    const before = stripe.api.requests.length;
    await expect(
      runAction(connector, 'getCustomer', {
        ...options(),
        credentials: { apiKey: 'sk_live_wrong' },
        input: { customerId: 'cus_1' },
      }),
    ).rejects.toMatchObject({ code: 'connector_auth', message: expect.stringContaining('Invalid API Key') });
    expect(stripe.api.requests.length).toBe(before + 1);
    await expect(
      runAction(connector, 'getCustomer', { ...options(), input: { customerId: '../charges' } }),
    ).rejects.toMatchObject({ code: 'connector_invalid_input' });
    expect(stripe.api.requests.length).toBe(before + 1);
  });
});
