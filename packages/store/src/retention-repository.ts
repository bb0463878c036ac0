// Retention: deleting finished runs the policy no longer keeps, a small batch at a time (each batch one short
// transaction, so other writes interleave), and giving SQLite's freed pages back to the file system. A run's
// steps, logs, out-of-line payloads and webhook event go with it (foreign keys cascade); children and retries
// that pointed at it keep existing with the link cleared. Queued and running runs are never touched.
import { sql } from 'kysely';
import { inTransaction, prepared, type StoreContext } from './context.js';

const DAY_MS = 86_400_000;

export interface RetentionPolicy {
  /** Finished runs (succeeded, cancelled) older than this many days go; 0 keeps them by age. */
  maxAgeDays: number;
  /** Failed runs are kept this long instead (usually longer); 0 keeps them by age. */
  failedMaxAgeDays: number;
  /** Test runs (draft runs from the editor) go after this many days, whatever their status; 0: by the rules above. */
  testMaxAgeDays: number;
  /** Beyond this many finished runs of a flow (failed ones aside: they follow their own age), the oldest go; 0: no cap. */
  maxRunsPerFlow: number;
}

export interface RetentionRepository {
  /** Deletes up to `limit` runs the policy no longer keeps as of `now` (default: the store's clock); how many went. */
  pruneBatch(policy: RetentionPolicy, limit: number, now?: number): Promise<number>;
  /**
   * SQLite with incremental auto-vacuum: returns up to `pages` free pages to the file system and checkpoints the
   * WAL so the file shrinks; returns the pages freed. Elsewhere (PostgreSQL's autovacuum) nothing: 0.
   */
  reclaimSpace(pages?: number): Promise<number>;
}

const KEPT_BY_AGE = ['succeeded', 'cancelled'] as const;

export function createRetentionRepository(ctx: StoreContext): RetentionRepository {
  const { db } = ctx;
  return {
    async pruneBatch(policy, limit, now = ctx.now()) {
      const ids: string[] = [];
      const want = () => limit - ids.length;
      const take = (rows: { id: string }[]) => ids.push(...rows.map((r) => r.id).filter((id) => !ids.includes(id)));
      if (policy.testMaxAgeDays > 0) {
        take(
          await db
            .selectFrom('runs')
            .select('id')
            .where('trigger_kind', '=', 'test')
            .where('status', 'in', ['succeeded', 'failed', 'cancelled'])
            .where('created_at', '<', now - policy.testMaxAgeDays * DAY_MS)
            .limit(want())
            .execute(),
        );
      }
      if (want() > 0 && policy.failedMaxAgeDays > 0) {
        take(
          await db
            .selectFrom('runs')
            .select('id')
            .where('status', '=', 'failed')
            .where('created_at', '<', now - policy.failedMaxAgeDays * DAY_MS)
            .limit(want())
            .execute(),
        );
      }
      if (want() > 0 && policy.maxAgeDays > 0) {
        take(
          await db
            .selectFrom('runs')
            .select('id')
            .where('status', 'in', [...KEPT_BY_AGE])
            .where('created_at', '<', now - policy.maxAgeDays * DAY_MS)
            .limit(want())
            .execute(),
        );
      }
      if (want() > 0 && policy.maxRunsPerFlow > 0) {
        const flows = await db.selectFrom('flows').select('id').execute();
        for (const { id: flowId } of flows) {
          if (want() <= 0) break;
          take(
            await db
              .selectFrom('runs')
              .select('id')
              .where('flow_id', '=', flowId)
              .where('status', 'in', [...KEPT_BY_AGE])
              .orderBy('created_at', 'desc')
              .orderBy('id', 'desc')
              .limit(want())
              .offset(policy.maxRunsPerFlow)
              .execute(),
          );
        }
      }
      if (ids.length === 0) return 0;
      return inTransaction(ctx, async (tx) => {
        const result = await tx.db
          .deleteFrom('runs')
          .where('id', 'in', ids)
          .where('status', 'not in', ['queued', 'running'])
          .executeTakeFirst();
        return Number(result.numDeletedRows);
      });
    },

    async reclaimSpace(pages = 10_000) {
      if (ctx.dialect !== 'sqlite') return 0;
      const mode = await sql<{ auto_vacuum: number }>`pragma auto_vacuum`.execute(db);
      if (mode.rows[0]?.auto_vacuum !== 2) return 0;
      const before = await sql<{ freelist_count: number }>`pragma freelist_count`.execute(db);
      const free = Number(before.rows[0]?.freelist_count ?? 0);
      if (free === 0) return 0;
      const count = Math.max(1, Math.min(Math.trunc(pages), free));
      // Holding the connection (a transaction), run to completion: one short write per call, however many pages.
      await inTransaction(ctx, async (tx) => prepared(tx)?.exec(`pragma incremental_vacuum(${count})`));
      // The freed pages leave the file when the WAL is checkpointed into it (PASSIVE: never waits for readers).
      await sql`pragma wal_checkpoint(PASSIVE)`.execute(db);
      return count;
    },
  };
}
