// The cluster rate limiters: several instances (as several processes would have) share Redis or the database,
// and together never let more than `limit` requests into any window of `interval` ms.
import { describe, expect, test } from 'vitest';
import type { RateLimit } from '@weft/sdk';
import type { RateLimiter } from '@weft/sdk/runtime';
import { createRedisRateLimiter } from './redis-rate-limiter.js';
import { createStoreRateLimiter } from './store-rate-limiter.js';
import { keysOf, testClock, testRedis, testStores } from './test-support.js';
import type { TestClock } from './test-support.js';

type OpenLimiters = (count: number, clock: TestClock) => Promise<RateLimiter[]>;

const implementations: Record<string, OpenLimiters> = {
  redis: async (count, clock) => {
    const redis = await testRedis();
    return Array.from({ length: count }, () =>
      createRedisRateLimiter({ redis: redis.client, prefix: redis.prefix, clock }),
    );
  },
  postgres: async (count, clock) =>
    (await testStores('postgres', count, clock)).map((store) => createStoreRateLimiter({ store, clock })),
  // One store only: better-sqlite3 waits for a lock synchronously, so two stores on one file in one process
  // would block each other's event loop (processes sharing a file do not: see the store's multi-process test).
  sqlite: async (count, clock) => {
    const [store] = await testStores('sqlite', 1, clock);
    return Array.from({ length: count }, () => createStoreRateLimiter({ store: store!, clock }));
  },
};

const perSecond = (limit: number): RateLimit => ({ per: 'connector', limit, interval: 1_000 });

/** The most reservations any window of `interval` ms holds. */
function busiestWindow(times: readonly number[], interval: number): number {
  const sorted = [...times].sort((a, b) => a - b);
  let most = 0;
  for (let start = 0, end = 0; end < sorted.length; end++) {
    while (sorted[end]! - sorted[start]! >= interval) start++;
    most = Math.max(most, end - start + 1);
  }
  return most;
}

describe.each(Object.entries(implementations))('%s rate limiter', (_name, open) => {
  test('three processes firing 90 requests at 20 per second never put more than 20 in a second', async () => {
    const clock = testClock();
    const limiters = await open(3, clock);
    const start = clock.now();
    const times: number[] = [];
    for (let burst = 0; burst < 3; burst++) {
      // Three bursts of 30, a quarter second apart, each burst's requests all in flight together. The clock stands
      // still while a burst reserves, so the time a request goes out is the time it resolved plus its wait.
      if (burst > 0) clock.advance(250);
      const slots = Array.from({ length: 30 }, (_, i) =>
        limiters[i % 3]!.acquire('api', [perSecond(20)]).then((waited) => clock.now() + waited),
      );
      times.push(...(await Promise.all(slots)));
    }
    expect(busiestWindow(times, 1_000)).toBe(20);
    // No slot wasted either: 90 requests at 20 per second fit in five seconds from the first.
    expect(Math.max(...times) - start).toBeLessThan(5_000);
    expect(times.filter((time) => time === start).length).toBeGreaterThan(0);
  });

  test('a request waits until every one of its limits has room', async () => {
    const clock = testClock();
    const [a, b] = await open(2, clock);
    const limits: RateLimit[] = [
      { per: 'connector', limit: 2, interval: 100 },
      { per: 'connector', limit: 3, interval: 1_000 },
    ];
    const waits = [];
    for (let i = 0; i < 5; i++) waits.push(await (i % 2 === 0 ? a! : b!).acquire('k', limits));
    // Two at once, the third after 100 ms, then the per-second limit holds the rest to one second later.
    expect(waits).toEqual([0, 0, 100, 1_000, 1_000]);
  });

  test('slots free up as time passes, and keys are counted apart', async () => {
    const clock = testClock();
    const [a, b] = await open(2, clock);
    expect(await a!.acquire('x', [perSecond(1)])).toBe(0);
    expect(await b!.acquire('y', [perSecond(1)])).toBe(0);
    expect(await b!.acquire('x', [perSecond(1)])).toBe(1_000);
    clock.advance(2_500);
    expect(await a!.acquire('x', [perSecond(1)])).toBe(0);
    expect(await a!.acquire('x', [perSecond(1)])).toBe(1_000);
  });

  test('an aborted request is refused before it takes a slot, and no limits means no wait', async () => {
    const clock = testClock();
    const [a] = await open(1, clock);
    const controller = new AbortController();
    controller.abort(new Error('cancelled'));
    await expect(a!.acquire('x', [perSecond(1)], controller.signal)).rejects.toThrow('cancelled');
    expect(await a!.acquire('x', [])).toBe(0);
    expect(await a!.acquire('x', [perSecond(1)])).toBe(0);
    expect(clock.sleeps).toEqual([]);
  });

  test('the wait is slept on the clock with the request signal', async () => {
    const clock = testClock();
    const [a] = await open(1, clock);
    await a!.acquire('x', [perSecond(1)]);
    const controller = new AbortController();
    await a!.acquire('x', [perSecond(1)], controller.signal);
    expect(clock.sleeps).toEqual([1_000]);
  });
});

test('Redis keys expire once their reservations no longer matter', async () => {
  const clock = testClock();
  const redis = await testRedis();
  const limiter = createRedisRateLimiter({ redis: redis.client, prefix: redis.prefix, clock });
  await limiter.acquire('api', [perSecond(2)]);
  const keys = await keysOf(redis);
  expect(keys).toHaveLength(1);
  const ttl = await redis.client.pttl(keys[0]!);
  expect(ttl).toBeGreaterThan(0);
  expect(ttl).toBeLessThanOrEqual(1_000);
});
