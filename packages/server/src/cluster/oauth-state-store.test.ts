// The shared OAuth state stores: a state saved by one process is taken by another, exactly once, and never
// after it expired.
import { describe, expect, test } from 'vitest';
import type { OAuthStateEntry, OAuthStateStore } from '@weft/sdk/runtime';
import { createRedisOAuthStateStore } from './redis-oauth-state-store.js';
import { createStoreOAuthStateStore } from './store-oauth-state-store.js';
import { keysOf, testClock, testRedis, testStores } from './test-support.js';
import type { TestClock } from './test-support.js';

type OpenStores = (clock: TestClock) => Promise<[OAuthStateStore, OAuthStateStore]>;

const implementations: Record<string, OpenStores> = {
  redis: async (clock) => {
    const redis = await testRedis();
    const open = () => createRedisOAuthStateStore({ redis: redis.client, prefix: redis.prefix, clock });
    return [open(), open()];
  },
  postgres: async (clock) => {
    const [a, b] = await testStores('postgres', 2, clock);
    return [createStoreOAuthStateStore({ store: a! }), createStoreOAuthStateStore({ store: b! })];
  },
  sqlite: async (clock) => {
    const [a, b] = await testStores('sqlite', 2, clock);
    return [createStoreOAuthStateStore({ store: a! }), createStoreOAuthStateStore({ store: b! })];
  },
};

const entry = (clock: TestClock, extra: Partial<OAuthStateEntry> = {}): OAuthStateEntry => ({
  connector: 'github@1',
  redirectUri: 'https://weft.example/oauth/callback',
  scopes: ['repo', 'read:user'],
  expiresAt: clock.now() + 600_000,
  ...extra,
});

describe.each(Object.entries(implementations))('%s OAuth state store', (_name, open) => {
  test('a state saved by one process is taken by another, once', async () => {
    const clock = testClock();
    const [a, b] = await open(clock);
    const saved = entry(clock, { codeVerifier: 'verifier', data: { userId: 'u1', nested: { list: [1, null] } } });
    await a.save('s1', saved);
    expect(await b.take('s1')).toEqual(saved);
    expect(await b.take('s1')).toBeUndefined();
    expect(await a.take('s1')).toBeUndefined();
  });

  test('an entry without the optional fields comes back without them', async () => {
    const clock = testClock();
    const [a, b] = await open(clock);
    await a.save('plain', entry(clock));
    expect(await b.take('plain')).toStrictEqual(entry(clock));
  });

  test('an expired state is not returned, then or later', async () => {
    const clock = testClock();
    const [a, b] = await open(clock);
    await a.save('late', entry(clock, { expiresAt: clock.now() + 60_000 }));
    clock.advance(60_000);
    expect(await b.take('late')).toBeUndefined();
    clock.set(clock.now() - 60_000);
    expect(await b.take('late')).toBeUndefined();
  });

  test('saving a state again replaces it', async () => {
    const clock = testClock();
    const [a, b] = await open(clock);
    await a.save('s', entry(clock, { connector: 'first@1' }));
    await b.save('s', entry(clock, { connector: 'second@1' }));
    expect(await a.take('s')).toMatchObject({ connector: 'second@1' });
  });

  test('processes racing for one state: exactly one gets it', async () => {
    const clock = testClock();
    const [a, b] = await open(clock);
    await a.save('race', entry(clock));
    const taken = await Promise.all(Array.from({ length: 10 }, (_, i) => (i % 2 ? a : b).take('race')));
    expect(taken.filter((value) => value !== undefined)).toHaveLength(1);
  });

  test('unknown states are not found', async () => {
    const clock = testClock();
    const [a] = await open(clock);
    expect(await a.take('never-saved')).toBeUndefined();
  });
});

test('Redis keeps a pending state only until it expires, and not at all once taken', async () => {
  const clock = testClock();
  const redis = await testRedis();
  const store = createRedisOAuthStateStore({ redis: redis.client, prefix: redis.prefix, clock });
  await store.save('s', entry(clock, { expiresAt: clock.now() + 30_000 }));
  const [key] = await keysOf(redis);
  const ttl = await redis.client.pttl(key!);
  expect(ttl).toBeGreaterThan(0);
  expect(ttl).toBeLessThanOrEqual(30_000);
  await store.take('s');
  expect(await keysOf(redis)).toEqual([]);
  await store.save('gone', entry(clock, { expiresAt: clock.now() }));
  expect(await keysOf(redis)).toEqual([]);
});
