// Connector rate limits counted across every process on the database. Each bucket (`<key>|<limit>/<interval>`)
// keeps the send times it handed out; a reservation takes the earliest time that is not before the bucket's
// last one (first come, first served) and leaves no window of `interval` ms with more than `limit` times,
// the same rule as the SDK's in-memory limiter. Reservations on a bucket are serialized: PostgreSQL by an
// advisory transaction lock per bucket, SQLite by its write lock (BEGIN IMMEDIATE).
import { sql } from 'kysely';
import { inTransaction } from './context.js';
import type { StoreContext } from './context.js';

export interface RateLimitBucket {
  bucket: string;
  limit: number;
  /** ms */
  interval: number;
}

export interface ReserveSlotInput {
  /** Every bucket the request counts against; the slot satisfies them all. */
  buckets: readonly RateLimitBucket[];
  /**
   * The current time (ms since epoch), read once the buckets are locked: the slot is never earlier. Read after the
   * lock because waiting for it takes time — a slot dated from before the wait would be sent late.
   */
  now: () => number;
}

export interface RateLimitRepository {
  /** Reserves a send time in every bucket and returns it (`now` when the request may go at once). */
  reserve(input: ReserveSlotInput): Promise<number>;
}

export function createRateLimitRepository(ctx: StoreContext): RateLimitRepository {
  return {
    reserve: (input) =>
      inTransaction(ctx, async (tx) => {
        const { db } = tx;
        if (tx.dialect === 'postgres') {
          // All locks in one statement, in hash order, so that two multi-bucket reservations cannot deadlock.
          const names = [...new Set(input.buckets.map((b) => b.bucket))];
          await sql`select pg_advisory_xact_lock(h) from (
              select distinct hashtext(current_schema() || '.rate_limit:' || b) as h from unnest(${names}::text[]) as b
              order by h) as locks`.execute(db);
        }
        const now = input.now();
        let at = now;
        const recent: number[][] = [];
        for (const { bucket, limit, interval } of input.buckets) {
          // The newest `limit` reservations are all the rule needs; older ones are forgotten below.
          const rows = await db
            .selectFrom('rate_limit_slots')
            .select('at')
            .where('bucket', '=', bucket)
            .where('at', '>', now - interval)
            .orderBy('at', 'desc')
            .limit(limit)
            .execute();
          const times = rows.map((row) => row.at);
          recent.push(times);
          if (times[0] !== undefined) at = Math.max(at, times[0]);
          const oldest = times[limit - 1];
          if (oldest !== undefined) at = Math.max(at, oldest + interval);
        }
        for (const [index, { bucket, limit, interval }] of input.buckets.entries()) {
          const times = recent[index] ?? [];
          // With the new one, only the newest `limit` matter: older ones are forgotten (ties with the oldest kept stay).
          const keepFrom = limit === 1 ? at : times[limit - 2];
          await db
            .deleteFrom('rate_limit_slots')
            .where('bucket', '=', bucket)
            .where((eb) =>
              eb.or([eb('at', '<=', now - interval), ...(keepFrom === undefined ? [] : [eb('at', '<', keepFrom)])]),
            )
            .execute();
          await db.insertInto('rate_limit_slots').values({ bucket, at }).execute();
        }
        return at;
      }),
  };
}
