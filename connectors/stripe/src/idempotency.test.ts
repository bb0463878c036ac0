// Every POST carries an Idempotency-Key that stays the same across in-process retries and engine retries of
// the step, so Stripe acts once.
import { afterAll, beforeAll, expect, test } from 'vitest';
import { createFakeClock, runAction } from '@weft/sdk/testing';
import connector from './index.js';
import { startFakeStripe, type FakeStripe } from './test-support/fake-stripe.js';

let stripe: FakeStripe;
beforeAll(async () => {
  stripe = await startFakeStripe();
});
afterAll(() => stripe.close());

test('a POST retried after a 500 sends the same Idempotency-Key, and Stripe creates one customer', async () => {
  stripe.failNext('POST /v1/customers', { status: 500, json: { error: { type: 'api_error', message: 'boom' } } });
  const clock = createFakeClock();
  const options = {
    credentials: { apiKey: 'sk_test_123' },
    baseUrl: stripe.baseUrl,
    clock,
    input: { email: 'retry@example.com' },
    idempotencyKey: 'run-9:createCustomer',
  };
  const { output, logs } = await runAction(connector, 'createCustomer', options);
  const attempts = stripe.api.requests.filter((r) => r.method === 'POST' && r.path === '/v1/customers');
  expect(attempts).toHaveLength(2);
  expect(attempts.map((r) => r.headers['idempotency-key'])).toEqual(['run-9:createCustomer', 'run-9:createCustomer']);
  expect(attempts[0]!.body).toBe(attempts[1]!.body);
  expect(clock.sleeps).toHaveLength(1);
  expect(logs.map((l) => l.message)).toEqual([expect.stringContaining('failed with status 500; retrying')]);

  // The engine retrying the whole step (attempt 2) sends the key again: Stripe replays the same customer.
  const again = await runAction(connector, 'createCustomer', { ...options, attempt: 2 });
  expect(again.output.id).toBe(output.id);
  expect(stripe.api.requests.at(-1)!.headers['idempotency-key']).toBe('run-9:createCustomer');
  expect([...stripe.objects.values()].filter((o) => o.email === 'retry@example.com')).toHaveLength(1);
});

test('another step gets another key', async () => {
  await runAction(connector, 'createCustomer', {
    credentials: { apiKey: 'sk_test_123' },
    baseUrl: stripe.baseUrl,
    input: { email: 'other@example.com' },
    idempotencyKey: 'run-9:createOther',
  });
  expect(stripe.api.requests.at(-1)!.headers['idempotency-key']).toBe('run-9:createOther');
});
