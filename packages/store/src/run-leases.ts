// Work distribution: workers claim queued runs under a time-limited lease, renew it while running, and take
// over runs whose worker died (lease expired). Every claim is one atomic UPDATE ... WHERE id = (SELECT ...);
// on PostgreSQL the inner SELECT uses FOR UPDATE SKIP LOCKED so concurrent claimers never wait on each other.
import { inTransaction } from './context.js';
import type { StoreContext } from './context.js';
import { toRunRow } from './run-row.js';
import type { RunRow } from './run-row.js';

export interface ClaimOptions {
  workerId: string;
  leaseMs: number;
}

export interface RenewLeaseInput extends ClaimOptions {
  runId: string;
}

export interface RunLeases {
  /** Claims the oldest queued run: status becomes `running`, held by `workerId` until now + leaseMs. */
  claimNext(options: ClaimOptions): Promise<RunRow | undefined>;
  /** Takes over the running run whose lease expired longest ago (its worker crashed), to resume it. */
  claimExpired(options: ClaimOptions): Promise<RunRow | undefined>;
  /** Extends the lease; false when the run is no longer running or is held by another worker. */
  renewLease(input: RenewLeaseInput): Promise<boolean>;
  /** Running runs whose lease has expired, longest expired first. */
  listExpiredLeases(options?: { limit?: number }): Promise<RunRow[]>;
}

export function createRunLeases(ctx: StoreContext): RunLeases {
  return {
    claimNext: (options) => claim(ctx, options, 'queued'),
    claimExpired: (options) => claim(ctx, options, 'expired'),

    async renewLease(input) {
      const now = ctx.now();
      const result = await ctx.db
        .updateTable('runs')
        .set({ lease_until: now + input.leaseMs })
        .where('id', '=', input.runId)
        .where('status', '=', 'running')
        .where('claimed_by', '=', input.workerId)
        .executeTakeFirst();
      return result.numUpdatedRows > 0n;
    },

    async listExpiredLeases(options = {}) {
      const rows = await ctx.db
        .selectFrom('runs')
        .selectAll()
        .where('status', '=', 'running')
        .where('lease_until', '<', ctx.now())
        .orderBy('lease_until')
        .orderBy('id')
        .limit(Math.max(1, options.limit ?? 100))
        .execute();
      return rows.map(toRunRow);
    },
  };
}

function claim(ctx: StoreContext, options: ClaimOptions, kind: 'queued' | 'expired'): Promise<RunRow | undefined> {
  // One statement is atomic on both; SQLite still wraps it in BEGIN IMMEDIATE so that a busy database makes the
  // claimer wait (busy_timeout) up front. PostgreSQL needs no extra round trips.
  const run = async (tx: StoreContext): Promise<RunRow | undefined> => {
    const now = tx.now();
    const row = await tx.db
      .updateTable('runs')
      .set((eb) => ({
        status: 'running',
        claimed_by: options.workerId,
        lease_until: now + options.leaseMs,
        started_at: eb.fn.coalesce('started_at', eb.val(now)),
      }))
      .where('id', '=', (eb) =>
        eb
          .selectFrom('runs')
          .select('id')
          .$if(kind === 'queued', (qb) => qb.where('status', '=', 'queued').orderBy('created_at').orderBy('id'))
          .$if(kind === 'expired', (qb) =>
            qb.where('status', '=', 'running').where('lease_until', '<', now).orderBy('lease_until').orderBy('id'),
          )
          .limit(1)
          .$if(tx.dialect === 'postgres', (qb) => qb.forUpdate().skipLocked()),
      )
      // Re-checked by the UPDATE itself, so a row changed since the SELECT is never claimed twice.
      .$if(kind === 'queued', (qb) => qb.where('status', '=', 'queued'))
      .$if(kind === 'expired', (qb) => qb.where('status', '=', 'running').where('lease_until', '<', now))
      .returningAll()
      .executeTakeFirst();
    return row && toRunRow(row);
  };
  return ctx.dialect === 'postgres' ? run(ctx) : inTransaction(ctx, run);
}
