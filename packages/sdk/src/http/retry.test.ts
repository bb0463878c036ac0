import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, test } from 'vitest';
import { defineAction, defineConnector } from '../index.js';
import { createFakeClock, runAction, startFakeApi, type FakeApi, type FakeApiResponse } from '../testing/index.js';
import { apiConnector } from '../test-support/sample-connectors.js';

const apis: FakeApi[] = [];
afterEach(async () => {
  await Promise.all(apis.splice(0).map((api) => api.close()));
});

/** A fake API answering each request with the next response of the script (the last one repeats). */
async function scripted(...responses: FakeApiResponse[]): Promise<FakeApi> {
  let i = 0;
  const api = await startFakeApi(() => responses[Math.min(i++, responses.length - 1)]!);
  apis.push(api);
  return api;
}

const ok: FakeApiResponse = { json: { ok: true } };

describe('retries', () => {
  test('retries a 429 after Retry-After seconds', async () => {
    const api = await scripted({ status: 429, headers: { 'retry-after': '2' } }, ok);
    const clock = createFakeClock();
    const { output, logs } = await runAction(apiConnector({ baseUrl: api.url }), 'call', {
      input: { path: '/x' },
      clock,
    });
    expect(output).toEqual([{ status: 200, body: { ok: true } }]);
    expect(clock.sleeps).toEqual([2000]);
    expect(api.requests).toHaveLength(2);
    expect(logs).toContainEqual({
      level: 'warn',
      message: `GET 127.0.0.1:${new URL(api.url).port}/x failed with status 429; retrying in 2000 ms (attempt 2 of 3)`,
    });
  });

  test('honours Retry-After as an HTTP date', async () => {
    const clock = createFakeClock();
    const api = await scripted(
      { status: 503, headers: { 'retry-after': new Date(clock.now() + 5000).toUTCString() } },
      ok,
    );
    await runAction(apiConnector({ baseUrl: api.url }), 'call', { input: { path: '/x' }, clock });
    expect(clock.sleeps).toEqual([5000]);
  });

  test('backs off exponentially with full jitter, then fails with a retryable upstream error', async () => {
    const api = await scripted({ status: 503, json: { error: { message: 'maintenance' } } });
    const clock = createFakeClock();
    const failure = runAction(apiConnector({ baseUrl: api.url }), 'call', {
      input: { path: '/x' },
      clock,
      random: () => 0.5,
    });
    await expect(failure).rejects.toMatchObject({
      kind: 'upstream',
      status: 503,
      retryable: true,
      fault: 'upstream',
      message: 'Test API failed to handle the request (503): maintenance',
    });
    expect(api.requests).toHaveLength(3);
    // random 0.5 × ceilings 500 and 1000 ms
    expect(clock.sleeps).toEqual([250, 500]);
  });

  test('a Retry-After longer than the in-process cap fails the attempt with the wait attached', async () => {
    const api = await scripted({ status: 429, headers: { 'retry-after': '3600' } });
    const failure = runAction(apiConnector({ baseUrl: api.url }), 'call', {
      input: { path: '/x' },
      clock: createFakeClock(),
    });
    await expect(failure).rejects.toMatchObject({ kind: 'rateLimited', retryable: true, retryAfterMs: 3_600_000 });
    expect(api.requests).toHaveLength(1);
  });

  test('POST is not repeated after a 500 without an idempotency key, but is after a 503', async () => {
    const failing = await scripted({ status: 500 });
    const clock = createFakeClock();
    await expect(
      runAction(apiConnector({ baseUrl: failing.url }), 'call', {
        input: { path: '/x', method: 'POST', json: { a: 1 } },
        clock,
      }),
    ).rejects.toMatchObject({ status: 500 });
    expect(failing.requests).toHaveLength(1);
    const unavailable = await scripted({ status: 503 }, ok);
    await runAction(apiConnector({ baseUrl: unavailable.url }), 'call', {
      input: { path: '/x', method: 'POST' },
      clock,
    });
    expect(unavailable.requests).toHaveLength(2);
  });

  test('sends the step idempotency key, stable across retries, and distinct per request of the step', async () => {
    const api = await scripted({ status: 500 }, ok);
    const connector = apiConnector({ baseUrl: api.url, idempotencyHeader: 'Idempotency-Key' });
    await runAction(connector, 'call', {
      input: { path: '/charges', method: 'POST', json: { amount: 5 }, parallel: 2 },
      clock: createFakeClock(),
      idempotencyKey: 'run_7:charge',
    });
    const keys = api.requests.map((r) => r.headers['idempotency-key']);
    expect(api.requests).toHaveLength(3);
    // The first POST failed with 500 and was retried with the same key; the second POST has its own.
    expect(keys.sort()).toEqual(['run_7:charge', 'run_7:charge', 'run_7:charge:2']);
    const gets = await scripted(ok);
    await runAction(apiConnector({ baseUrl: gets.url, idempotencyHeader: 'Idempotency-Key' }), 'call', {
      input: { path: '/x' },
    });
    expect(gets.requests[0]?.headers['idempotency-key']).toBeUndefined();
  });

  test('retries connection failures that never reached the server', async () => {
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    await new Promise((resolve) => server.close(resolve));
    const clock = createFakeClock();
    const failure = runAction(apiConnector({ baseUrl: `http://127.0.0.1:${port}` }), 'call', {
      input: { path: '/x', method: 'POST' },
      clock,
      random: () => 0,
    });
    await expect(failure).rejects.toMatchObject({
      kind: 'network',
      retryable: true,
      details: { errorCode: 'ECONNREFUSED' },
    });
    await expect(failure).rejects.toThrow(/^Could not reach 127\.0\.0\.1:\d+: .* \(3 attempts\)$/);
    expect(clock.sleeps).toEqual([0, 0]);
  });

  test('a step whose own policy retries gets one request, and the Retry-After to wait', async () => {
    const api = await scripted({ status: 429, headers: { 'retry-after': '3' } }, ok);
    const clock = createFakeClock();
    const failure = runAction(apiConnector({ baseUrl: api.url }), 'call', {
      input: { path: '/x' },
      clock,
      stepAttempts: 5,
    });
    await expect(failure).rejects.toMatchObject({ kind: 'rateLimited', retryable: true, retryAfterMs: 3000 });
    expect(api.requests).toHaveLength(1);
    expect(clock.sleeps).toEqual([]);
  });

  test('the retry policy is configurable per action', async () => {
    const api = await scripted({ status: 502 }, { status: 502 }, { status: 502 }, { status: 502 }, ok);
    const connector = defineConnector({
      name: 'custom',
      version: '1.0.0',
      title: 'Custom',
      description: 'Custom retry policy',
      baseUrl: api.url,
      actions: [
        defineAction({
          key: 'patient',
          title: 'Patient',
          description: 'Retries 502 five times',
          input: { type: 'object' } as const,
          output: {} as const,
          retry: { attempts: 5, statuses: [502], delay: 100 },
          run: async (ctx) => (await ctx.http.request({ url: '/x' })).status,
        }),
        defineAction({
          key: 'impatient',
          title: 'Impatient',
          description: 'Never retries',
          input: { type: 'object' } as const,
          output: {} as const,
          retry: false,
          run: async (ctx) => (await ctx.http.request({ url: '/x' })).status,
        }),
      ],
    });
    const clock = createFakeClock();
    await expect(runAction(connector, 'patient', { input: {}, clock, random: () => 0.999 })).resolves.toMatchObject({
      output: 200,
    });
    expect(clock.sleeps).toEqual([99, 199, 399, 799]);
    const before = api.requests.length;
    await expect(runAction(connector, 'impatient', { input: {}, clock })).resolves.toMatchObject({ output: 200 });
    expect(api.requests.length - before).toBe(1);
  });
});

describe('errors from responses', () => {
  test.each([
    [
      404,
      { message: 'No such customer: cus_1' },
      'notFound',
      'Test API could not find what was asked for (404): No such customer: cus_1',
    ],
    [
      422,
      { errors: [{ message: 'email is invalid' }] },
      'validation',
      'Test API rejected the request (422): email is invalid',
    ],
    [
      401,
      { error: 'invalid_token', error_description: 'expired' },
      'auth',
      "Test API rejected the connection's credentials (401): expired. Check or reconnect the connection.",
    ],
    [403, {}, 'auth', 'The connection is not allowed to do this in Test API (403)'],
  ])('%i becomes a %s… error a user can act on', async (status, body, kind, message) => {
    const api = await scripted({ status, json: body });
    await expect(
      runAction(apiConnector({ baseUrl: api.url }), 'call', { input: { path: '/x' } }),
    ).rejects.toMatchObject({
      kind,
      status,
      message,
      retryable: false,
    });
  });
});
