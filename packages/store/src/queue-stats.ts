// The persisted queue as an operator gauges it: how many runs wait for a worker, and since when the oldest does.
// Both read the partial index of queued runs (migration 0005), so a scrape costs a few index pages.
import type { StoreContext } from './context.js';

export interface QueueStats {
  queued: number;
  /** created_at of the oldest queued run; undefined when none waits. */
  oldestQueuedAt: number | undefined;
}

export interface QueueStatsRepository {
  read(): Promise<QueueStats>;
}

export function createQueueStatsRepository(ctx: StoreContext): QueueStatsRepository {
  return {
    async read() {
      const row = await ctx.db
        .selectFrom('runs')
        .select((eb) => [eb.fn.countAll<number | string | bigint>().as('n'), eb.fn.min('created_at').as('oldest')])
        .where('status', '=', 'queued')
        .executeTakeFirst();
      const oldest = row?.oldest;
      return {
        queued: Number(row?.n ?? 0),
        oldestQueuedAt: oldest === null || oldest === undefined ? undefined : Number(oldest),
      };
    },
  };
}
