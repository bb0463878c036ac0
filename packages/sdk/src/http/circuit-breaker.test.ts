import { afterEach, describe, expect, test } from 'vitest';
import { defineAction, defineConnector } from '../index.js';
import {
  createCircuitBreakers,
  createConnectorRegistry,
  type BreakerTransition,
  type ConnectorRegistry,
} from '../runtime.js';
import { createFakeClock, startFakeApi, type FakeApi } from '../testing/index.js';
import { actionContext } from '../test-support/action-context.js';

const cleanup: (() => Promise<void>)[] = [];
afterEach(async () => {
  await Promise.all(cleanup.splice(0).map((fn) => fn()));
});

function connectorFor(api: FakeApi) {
  return defineConnector({
    name: 'flaky',
    version: '1.0.0',
    title: 'Flaky',
    description: 'Fails on demand',
    baseUrl: api.url,
    actions: [
      defineAction({
        key: 'get',
        title: 'Get',
        description: 'One request, no in-process retries',
        input: { type: 'object' } as const,
        output: {} as const,
        retry: false,
        run: async (ctx) => (await ctx.http.request({ url: '/x' })).status,
      }),
    ],
  });
}

async function setup(respond: () => { status: number }, slow = false) {
  const api = await startFakeApi(async () => {
    if (slow) await new Promise((resolve) => setTimeout(resolve, 50));
    return respond();
  });
  const clock = createFakeClock();
  const registry: ConnectorRegistry = createConnectorRegistry({
    clock,
    outbound: { allow: ['127.0.0.1'] },
    breaker: { failureThreshold: 3, openMs: 10_000 },
  });
  registry.register(connectorFor(api));
  cleanup.push(
    () => registry.close(),
    () => api.close(),
  );
  const call = () => registry.resolve('flaky@1.get')!(actionContext());
  return { api, clock, registry, call };
}

describe('circuit breaker', () => {
  test('opens after the failure threshold, fails fast, probes when half-open and closes on success', async () => {
    let status = 500;
    const { api, clock, registry, call } = await setup(() => ({ status }));
    for (let i = 0; i < 3; i++) await expect(call()).rejects.toMatchObject({ status: 500 });
    const host = new URL(api.url).host;
    expect(registry.breakerStates()).toEqual([
      { connector: 'flaky', host, state: 'open', consecutiveFailures: 3, retryAt: clock.now() + 10_000 },
    ]);
    await expect(call()).rejects.toMatchObject({
      code: 'connector_circuit_open',
      kind: 'upstream',
      retryable: true,
      retryAfterMs: 10_000,
      message: expect.stringMatching(/is failing \(3 failures in a row\), so requests to it are paused until/),
    });
    expect(api.requests).toHaveLength(3);

    clock.advance(10_000);
    expect(registry.breakerStates()[0]?.state).toBe('halfOpen');
    // A failed probe opens it again for another period.
    await expect(call()).rejects.toMatchObject({ status: 500 });
    await expect(call()).rejects.toMatchObject({ code: 'connector_circuit_open' });
    expect(api.requests).toHaveLength(4);

    clock.advance(10_000);
    status = 200;
    await expect(call()).resolves.toBe(200);
    expect(registry.breakerStates()[0]).toMatchObject({ state: 'closed', consecutiveFailures: 0 });
    await expect(call()).resolves.toBe(200);
  });

  test('only one probe goes through while half-open', async () => {
    let status = 500;
    const { api, clock, call } = await setup(() => ({ status }), true);
    for (let i = 0; i < 3; i++) await expect(call()).rejects.toMatchObject({ status: 500 });
    clock.advance(10_000);
    status = 200;
    const results = await Promise.allSettled([call(), call(), call()]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'rejected']);
    expect(api.requests).toHaveLength(4);
  });

  test('4xx answers do not count as failures', async () => {
    const { registry, call } = await setup(() => ({ status: 404 }));
    for (let i = 0; i < 5; i++) await expect(call()).rejects.toMatchObject({ kind: 'notFound' });
    expect(registry.breakerStates()[0]?.state).toBe('closed');
  });

  test('a registry given breakers asks them before each request instead of keeping its own', async () => {
    const api = await startFakeApi(async () => ({ status: 200 }));
    const asked: string[] = [];
    const breakers = createCircuitBreakers({ failureThreshold: 1 });
    const registry = createConnectorRegistry({
      outbound: { allow: ['127.0.0.1'] },
      breaker: { failureThreshold: 100 },
      breakers: { ...breakers, before: (connector, host) => (asked.push(connector), breakers.before(connector, host)) },
    });
    registry.register(connectorFor(api));
    cleanup.push(
      () => registry.close(),
      () => api.close(),
    );
    const host = new URL(api.url).host;
    breakers.failure('flaky', host);
    await expect(registry.resolve('flaky@1.get')!(actionContext())).rejects.toMatchObject({
      code: 'connector_circuit_open',
    });
    expect(asked).toEqual(['flaky']);
    expect(api.requests).toHaveLength(0);
    expect(registry.breakerStates()).toEqual(breakers.states());
  });

  test('reports the circuits it opens and closes, and takes transitions seen elsewhere without reporting them', () => {
    const clock = createFakeClock();
    const seen: BreakerTransition[] = [];
    const breakers = createCircuitBreakers({
      failureThreshold: 2,
      openMs: 1_000,
      clock,
      onTransition: (transition) => seen.push(transition),
    });
    breakers.failure('a', 'h');
    breakers.failure('a', 'h');
    breakers.failure('a', 'h');
    clock.advance(1_000);
    breakers.before('a', 'h');
    breakers.success('a', 'h');
    breakers.success('a', 'h');
    expect(seen).toEqual([
      { connector: 'a', host: 'h', state: 'open', consecutiveFailures: 2 },
      { connector: 'a', host: 'h', state: 'closed', consecutiveFailures: 0 },
    ]);

    breakers.apply({ connector: 'b', host: 'h', state: 'open', consecutiveFailures: 7 });
    expect(() => breakers.before('b', 'h')).toThrow(expect.objectContaining({ code: 'connector_circuit_open' }));
    clock.advance(500);
    // Already open here: the running period is not extended.
    breakers.apply({ connector: 'b', host: 'h', state: 'open', consecutiveFailures: 7 });
    expect(breakers.states().find((s) => s.connector === 'b')).toMatchObject({
      state: 'open',
      consecutiveFailures: 7,
      retryAt: clock.now() + 500,
    });
    breakers.apply({ connector: 'b', host: 'h', state: 'closed', consecutiveFailures: 0 });
    expect(() => breakers.before('b', 'h')).not.toThrow();
    expect(seen).toHaveLength(2);
  });
});
