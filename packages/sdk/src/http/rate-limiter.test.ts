import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createConnectorRegistry, createMemoryRateLimiter } from '../runtime.js';
import { createFakeClock, startFakeApi, type FakeApi } from '../testing/index.js';
import { apiConnector } from '../test-support/sample-connectors.js';
import { actionContext } from '../test-support/action-context.js';

describe('memory rate limiter', () => {
  test('lets `limit` through at once, then one each time a token comes back', async () => {
    const clock = createFakeClock({ now: 0 });
    const limiter = createMemoryRateLimiter({ clock });
    const limits = [{ per: 'connector' as const, limit: 3, interval: 1000 }];
    const waits = [];
    for (let i = 0; i < 7; i++) waits.push(await limiter.acquire('k', limits));
    // Auto-advancing clock: each wait moved time forward. Requests go at 0,0,0,1000,1000,1000,2000.
    expect(waits).toEqual([0, 0, 0, 1000, 0, 0, 1000]);
    expect(clock.now()).toBe(2000);
  });

  test('concurrent waiters reserve slots in order; several limits all hold', async () => {
    const clock = createFakeClock({ now: 0, autoAdvance: false });
    const limiter = createMemoryRateLimiter({ clock });
    const limits = [
      { per: 'connector' as const, limit: 2, interval: 100 },
      { per: 'connector' as const, limit: 3, interval: 1000 },
    ];
    const waits = await Promise.all(
      Array.from({ length: 6 }, async (_, i) => {
        const pending = limiter.acquire('k', limits);
        if (i === 5) for (let t = 0; t < 30; t++) clock.advance(100);
        return pending;
      }),
    );
    // 2 per 100 ms and 3 per 1000 ms: the third waits for the first limit, the fourth for the second.
    expect(waits).toEqual([0, 0, 100, 1000, 1000, 1100]);
  });

  test('keys are independent and an aborted wait rejects', async () => {
    const clock = createFakeClock({ now: 0, autoAdvance: false });
    const limiter = createMemoryRateLimiter({ clock });
    const limits = [{ per: 'credential' as const, limit: 1, interval: 1000 }];
    expect(await limiter.acquire('a', limits)).toBe(0);
    expect(await limiter.acquire('b', limits)).toBe(0);
    const controller = new AbortController();
    const waiting = limiter.acquire('a', limits, controller.signal);
    controller.abort(new Error('cancelled'));
    await expect(waiting).rejects.toThrow('cancelled');
  });
});

describe('declared rate limits at the wire', () => {
  let api: FakeApi;
  beforeAll(async () => {
    api = await startFakeApi(() => ({ json: { ok: true } }));
  });
  afterAll(() => api.close());

  // Time is a manual fake clock, so the check holds on a loaded machine: requests may only reach the API
  // when the clock has moved far enough, and nothing else is timed.
  test('a 10× burst never exceeds the declared limit, measured at the API', async () => {
    const limit = 3;
    const interval = 200;
    const clock = createFakeClock({ now: 0, autoAdvance: false });
    const registry = createConnectorRegistry({ outbound: { allow: ['127.0.0.1'] }, clock });
    registry.register(apiConnector({ rateLimits: [{ per: 'credential', limit, interval }], baseUrl: api.url }));
    const logs: string[] = [];
    const burst = () => api.requests.filter((r) => r.path === '/burst').length;
    const settle = async (expected: number) => {
      await expect.poll(burst, { timeout: 10_000, interval: 5 }).toBe(expected);
      // Nothing more arrives while the clock stands still.
      await new Promise((resolve) => setTimeout(resolve, 30));
      expect(burst()).toBe(expected);
    };
    try {
      const running = registry.resolve('api@1.call')!(
        actionContext({ path: '/burst', parallel: 10 }, { log: (_level, message) => logs.push(message) }),
      );
      await settle(3);
      clock.advance(interval - 1);
      await settle(3);
      for (const expected of [6, 9, 10]) {
        clock.advance(1);
        await settle(expected);
        clock.advance(interval - 1);
      }
      await expect(running).resolves.toHaveLength(10);
    } finally {
      await registry.close();
    }
    expect(
      logs.some((m) => /^Waited \d+ ms for the Test API rate limit \(3 per 200 ms per credential\)$/.test(m)),
    ).toBe(true);
  });
});
