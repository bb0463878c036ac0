import { describe, expect, test } from 'vitest';
import { defineAction, defineConnector, type ErrorHook } from '../index.js';
import { validateConnector } from '../runtime.js';
import { fakeApis } from '../test-support/fake-apis.js';
import { createFakeClock, runAction, type FakeApiResponse } from '../testing/index.js';

const startApi = fakeApis();
const answering = (response: FakeApiResponse) => startApi(() => response);

function connectorWith(baseUrl: string, errors?: ErrorHook) {
  return defineConnector({
    name: 'hooked',
    version: '1.0.0',
    title: 'Hooked API',
    description: 'Refines its errors',
    baseUrl,
    ...(errors ? { errors } : {}),
    actions: [
      defineAction({
        key: 'get',
        title: 'Get',
        description: 'GET /x, handling 409 itself',
        input: { type: 'object' } as const,
        output: {} as const,
        retry: false,
        run: async (ctx) => (await ctx.http.request({ url: '/x', allowStatuses: [409] })).status,
      }),
    ],
  });
}

/** Like GitHub: a 403 with an exhausted budget is throttling, to retry after the reset. */
const budgetHook: ErrorHook = ({ status, headers, now }) =>
  status === 403 && headers['x-ratelimit-remaining'] === '0'
    ? { kind: 'rateLimited', retryAfterMs: Number(headers['x-ratelimit-reset']) * 1000 - now }
    : undefined;

describe('defineConnector({ errors })', () => {
  test('refines the status ladder: a 403 with an exhausted budget becomes a retryable rateLimited error', async () => {
    const now = 1_700_000_000_000;
    const api = await answering({
      status: 403,
      headers: { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': String(now / 1000 + 60) },
      json: { message: 'API rate limit exceeded' },
    });
    await expect(
      runAction(connectorWith(api.url, budgetHook), 'get', { input: {}, clock: createFakeClock({ now }) }),
    ).rejects.toMatchObject({
      kind: 'rateLimited',
      retryable: true,
      retryAfterMs: 60_000,
      message: 'Hooked API is rate limiting requests (403): API rate limit exceeded',
    });
  });

  test('what the hook leaves alone keeps the default ladder, and its details join the default ones', async () => {
    const api = await answering({ status: 403, json: { message: 'no scope' } });
    const hook: ErrorHook = () => ({ code: 'hooked_forbidden', details: { hint: 'grant the scope' } });
    await expect(runAction(connectorWith(api.url, hook), 'get', { input: {} })).rejects.toMatchObject({
      kind: 'auth',
      code: 'hooked_forbidden',
      retryable: false,
      message: 'The connection is not allowed to do this in Hooked API (403): no scope',
      details: { upstreamMessage: 'no scope', hint: 'grant the scope' },
    });
  });

  test('allowStatuses hands a failure status back to the action instead of throwing', async () => {
    const api = await answering({ status: 409, json: { message: 'exists' } });
    await expect(runAction(connectorWith(api.url), 'get', { input: {} })).resolves.toMatchObject({ output: 409 });
  });

  test('a hook that is not a function is a manifest problem', () => {
    const broken = { ...connectorWith('https://example.test'), errors: 'nope' } as unknown;
    expect(validateConnector(broken)).toMatchObject({
      ok: false,
      problems: [{ pointer: '/errors', message: expect.stringContaining('function') }],
    });
  });
});
