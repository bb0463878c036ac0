// Why: the cluster tests run against the real local Redis and PostgreSQL; each test gets a key prefix or a
// schema of its own, removed when it finishes, and a clock it controls.
import { randomBytes } from 'node:crypto';
import { onTestFinished } from 'vitest';
import { openStore } from '@weft/store';
import type { Store, StoreDialect } from '@weft/store';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Clock } from '@weft/core';
import { dropSchema, POSTGRES_URL, REDIS_URL } from '../test-support/services.js';
import { openRedis } from './redis.js';
import type { RedisConnection } from './redis.js';

export { POSTGRES_URL, REDIS_URL } from '../test-support/services.js';

export const uniqueName = (stem: string) => `${stem}_${randomBytes(6).toString('hex')}`;

/** A Redis connection with a prefix of its own; its keys are deleted and it is closed after the test. */
export async function testRedis(): Promise<RedisConnection> {
  const redis = await openRedis(REDIS_URL, { prefix: `${uniqueName('weft_test')}:` });
  onTestFinished(async () => {
    await deleteKeys(redis);
    await redis.close();
  });
  return redis;
}

export async function deleteKeys(redis: RedisConnection): Promise<void> {
  const keys = await keysOf(redis);
  if (keys.length > 0) await redis.client.del(...keys);
}

/** Keys under the connection's prefix (to check that an adapter cleans up after itself). */
export async function keysOf(redis: RedisConnection): Promise<string[]> {
  const keys: string[] = [];
  let cursor = '0';
  do {
    const [next, found] = await redis.client.scan(cursor, 'MATCH', `${redis.prefix}*`, 'COUNT', 500);
    keys.push(...found);
    cursor = next;
  } while (cursor !== '0');
  return keys;
}

/** A PostgreSQL schema of its own, dropped after the test. */
export function testSchema(): string {
  const schema = uniqueName('weft_cluster');
  onTestFinished(() => dropSchema(schema));
  return schema;
}

export interface TestClock extends Clock {
  set(now: number): void;
  advance(ms: number): void;
  /** Every sleep asked for; sleeps resolve at once without moving the time. */
  readonly sleeps: number[];
}

export function testClock(start = 1_700_000_000_000): TestClock {
  let time = start;
  const sleeps: number[] = [];
  return {
    sleeps,
    now: () => time,
    set: (now) => {
      time = now;
    },
    advance: (ms) => {
      time += ms;
    },
    async sleep(ms, signal) {
      sleeps.push(ms);
      if (signal?.aborted) throw signal.reason;
    },
  };
}

/** Opens stores on one database (processes sharing it), all on `clock`; closed and removed after the test. */
export async function testStores(dialect: StoreDialect, count: number, clock: Pick<Clock, 'now'>): Promise<Store[]> {
  let url: string;
  let schema: string | undefined;
  let dir: string | undefined;
  if (dialect === 'sqlite') {
    dir = await mkdtemp(join(tmpdir(), 'weft-cluster-'));
    url = join(dir, 'weft.db');
  } else {
    url = POSTGRES_URL;
    schema = testSchema();
  }
  const stores: Store[] = [];
  onTestFinished(async () => {
    await Promise.all(stores.map((store) => store.close()));
    if (dir !== undefined) await rm(dir, { recursive: true, force: true });
  });
  // One after the other: the first one migrates.
  for (let i = 0; i < count; i++) {
    stores.push(await openStore({ url, clock, ...(schema === undefined ? {} : { schema }) }));
  }
  return stores;
}
