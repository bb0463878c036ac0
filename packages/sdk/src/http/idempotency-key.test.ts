// Write requests carry the step's idempotency key by default, so an API that honours one never applies a step's
// request twice when the step is retried or resumed after a crash; the header name comes from the connector.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { defineAction, defineConnector } from '../index.js';
import { runAction, startFakeApi, type FakeApi } from '../testing/index.js';
import { apiConnector } from '../test-support/sample-connectors.js';

let api: FakeApi;
beforeAll(async () => {
  api = await startFakeApi(() => ({ json: { ok: true } }));
});
afterAll(() => api.close());

const last = () => api.requests.at(-1)!;
const KEY = 'run_1:charge';

describe('idempotency keys on write requests', () => {
  test.each(['POST', 'PUT', 'PATCH', 'DELETE'] as const)(
    '%s carries Idempotency-Key: <runId>:<stepKey> even when the connector declares no header',
    async (method) => {
      await runAction(apiConnector({ baseUrl: api.url }), 'call', {
        input: { path: '/x', method },
        idempotencyKey: KEY,
      });
      expect(last().headers['idempotency-key']).toBe(KEY);
    },
  );

  test('reads carry no key', async () => {
    await runAction(apiConnector({ baseUrl: api.url }), 'call', { input: { path: '/x' }, idempotencyKey: KEY });
    expect(last().headers['idempotency-key']).toBeUndefined();
  });

  test('the header name is the one the connector declares', async () => {
    await runAction(apiConnector({ baseUrl: api.url, idempotencyHeader: 'X-Request-Id' }), 'call', {
      input: { path: '/x', method: 'POST' },
      idempotencyKey: KEY,
    });
    expect(last().headers['x-request-id']).toBe(KEY);
    expect(last().headers['idempotency-key']).toBeUndefined();
  });

  test('a connector whose API rejects the header opts out with idempotencyHeader: false', async () => {
    await runAction(apiConnector({ baseUrl: api.url, idempotencyHeader: false }), 'call', {
      input: { path: '/x', method: 'POST' },
      idempotencyKey: KEY,
    });
    expect(last().headers['idempotency-key']).toBeUndefined();
  });

  test('a step that opts out sends no key', async () => {
    await runAction(apiConnector({ baseUrl: api.url }), 'call', {
      input: { path: '/x', method: 'POST' },
      idempotencyKey: KEY,
      sendIdempotencyKey: false,
    });
    expect(last().headers['idempotency-key']).toBeUndefined();
  });

  test('a key the action sets itself is kept', async () => {
    const own = defineConnector({
      name: 'own',
      version: '1.0.0',
      title: 'Own key',
      description: 'Sets its own idempotency header',
      baseUrl: api.url,
      actions: [
        defineAction({
          key: 'put',
          title: 'Put',
          description: 'PUT with a key of its own',
          input: { type: 'object' } as const,
          output: {} as const,
          async run(ctx) {
            await ctx.http.request({ method: 'PUT', url: '/x', headers: { 'Idempotency-Key': 'clerk-evt_1' } });
            return null;
          },
        }),
      ],
    });
    await runAction(own, 'put', { input: {}, idempotencyKey: KEY });
    expect(last().headers['idempotency-key']).toBe('clerk-evt_1');
  });
});
