// Sync logs: one row per sync pass a connector action ran, kept as JSON (the SDK owns its shape), listed newest
// first, optionally by name. Bounded: the newest MAX_SYNC_LOGS are kept.
import type { JsonObject } from '@weft/core';
import { inTransaction, type StoreContext } from './context.js';

export const MAX_SYNC_LOGS = 10_000;

export interface SyncLogRepository {
  /** `entry` is stored as its JSON (undefined fields dropped). */
  record(
    entry: { name: string; connector: string; runId: string; [field: string]: unknown },
    at: number,
  ): Promise<void>;
  list(query?: { name?: string; limit?: number }): Promise<JsonObject[]>;
}

export function createSyncLogRepository(ctx: StoreContext): SyncLogRepository {
  return {
    record: (entry, at) =>
      inTransaction(ctx, async (tx) => {
        const inserted = await tx.db
          .insertInto('sync_logs')
          .values({
            name: entry.name,
            connector: entry.connector,
            run_id: entry.runId,
            entry: JSON.stringify(entry),
            at,
          })
          .returning('id')
          .executeTakeFirstOrThrow();
        await tx.db
          .deleteFrom('sync_logs')
          .where('id', '<=', Number(inserted.id) - MAX_SYNC_LOGS)
          .execute();
      }),

    async list(query = {}) {
      const limit = Math.min(Math.max(Math.trunc(query.limit ?? 50), 1), 500);
      const rows = await ctx.db
        .selectFrom('sync_logs')
        .select('entry')
        .$if(query.name !== undefined, (qb) => qb.where('name', '=', query.name!))
        .orderBy('id', 'desc')
        .limit(limit)
        .execute();
      return rows.map((row) => JSON.parse(row.entry) as JsonObject);
    },
  };
}
