import BetterSqlite3 from 'better-sqlite3';
import pg from 'pg';
import { describe, expect, test } from 'vitest';
import { DIALECTS, openTestStore } from './test-support.js';
import type { TestStore } from './test-support.js';

/** Rows kept for `bucket`, read around the store as an operator would. */
async function rowsOf(opened: TestStore, bucket: string): Promise<number> {
  if (opened.schema === undefined) {
    const db = new BetterSqlite3(opened.location, { readonly: true });
    try {
      return db.prepare('select count(*) from rate_limit_slots where bucket = ?').pluck().get(bucket) as number;
    } finally {
      db.close();
    }
  }
  const client = new pg.Client({ connectionString: opened.location });
  await client.connect();
  try {
    const { rows } = await client.query<{ n: string }>(
      `select count(*) as n from ${opened.schema}.rate_limit_slots where bucket = $1`,
      [bucket],
    );
    return Number(rows[0]?.n);
  } finally {
    await client.end();
  }
}

describe.each(DIALECTS)('rate limit reservations on %s', (dialect) => {
  test('slots follow the in-memory limiter rule and a bucket keeps about `limit` rows, not one per request', async () => {
    const opened = await openTestStore(dialect);
    const { store, clock } = opened;
    const buckets = [{ bucket: 'api|3/1000', limit: 3, interval: 1_000 }];
    const slots: number[] = [];
    for (let i = 0; i < 50; i++)
      slots.push((await store.rateLimits.reserve({ buckets, now: () => clock.now() })) - clock.now());
    expect(slots.slice(0, 7)).toEqual([0, 0, 0, 1_000, 1_000, 1_000, 2_000]);
    // The newest `limit`, plus rows sharing the oldest kept time (rows have no identity to split a tie).
    expect(await rowsOf(opened, 'api|3/1000')).toBeLessThan(2 * 3);
    // Once their time has passed by a whole interval, reservations no longer count.
    clock.advance(50_000);
    expect(await store.rateLimits.reserve({ buckets, now: () => clock.now() })).toBe(clock.now());
    expect(await rowsOf(opened, 'api|3/1000')).toBe(1);
  });
});
