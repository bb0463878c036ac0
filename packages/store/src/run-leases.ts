// Work distribution: workers claim queued runs under a time-limited lease, renew it while running, and take
// over runs whose worker died (lease expired). Every claim is one atomic UPDATE ... WHERE id IN (SELECT ...);
// on PostgreSQL the inner SELECT uses FOR UPDATE SKIP LOCKED so concurrent claimers never wait on each other.
import { sql } from 'kysely';
import { inTransaction, prepared } from './context.js';
import { claimQueued } from './sqlite-hot.js';
import type { StoreContext } from './context.js';
import { groupCommit } from './group-commit.js';
import { resolvePayloads } from './payload-blobs.js';
import { toRunRow } from './run-row.js';
import type { RunRow } from './run-row.js';

export interface ClaimOptions {
  workerId: string;
  leaseMs: number;
}

export interface RenewLeaseInput extends ClaimOptions {
  runId: string;
}

export interface RenewLeasesInput extends ClaimOptions {
  runIds: readonly string[];
}

export interface TakenOverRun extends RunRow {
  takenOverFrom: { workerId?: string; leaseUntil?: number };
}

export interface RunLeases {
  /**
   * Claims the oldest queued run: status becomes `running`, held by `workerId` until now + leaseMs. Claimed
   * runs carry their input whole, even when it is stored out of line.
   */
  claimNext(options: ClaimOptions): Promise<RunRow | undefined>;
  /** Claims up to `limit` of the oldest queued runs at once (one statement), oldest first. */
  claimQueued(options: ClaimOptions & { limit: number }): Promise<RunRow[]>;
  /**
   * Takes over the running run whose lease expired longest ago (its worker crashed), to resume it; says who
   * held it and until when, for the recovery log.
   */
  claimExpired(options: ClaimOptions): Promise<TakenOverRun | undefined>;
  /** Takes over up to `limit` such runs at once (one transaction), longest expired first. */
  claimExpiredRuns(options: ClaimOptions & { limit: number }): Promise<TakenOverRun[]>;
  /** Extends the lease; false when the run is no longer running or is held by another worker. */
  renewLease(input: RenewLeaseInput): Promise<boolean>;
  /**
   * Extends the leases of all the given runs held by `workerId` in one statement; returns the ids still held
   * (a run missing from the answer was finished, cancelled or taken over: its worker must stop it).
   */
  renewLeases(input: RenewLeasesInput): Promise<Set<string>>;
  /**
   * Puts runs this worker holds but has not started back in the queue (a worker stopping with a backlog), so
   * another worker claims them at once instead of after their lease expires. Returns how many were released.
   */
  release(input: { workerId: string; runIds: readonly string[] }): Promise<number>;
  /** Running runs whose lease has expired, longest expired first. */
  listExpiredLeases(options?: { limit?: number }): Promise<RunRow[]>;
}

export function createRunLeases(ctx: StoreContext): RunLeases {
  return {
    claimNext: async (options) => (await claim(ctx, options, 'queued', 1))[0],
    claimQueued: (options) => claim(ctx, options, 'queued', Math.max(1, Math.floor(options.limit))),
    claimExpired: async (options) => (await takeOver(ctx, options, 1))[0],
    claimExpiredRuns: (options) => takeOver(ctx, options, Math.max(1, Math.floor(options.limit))),

    async renewLeases(input) {
      if (input.runIds.length === 0) return new Set();
      const until = ctx.now() + input.leaseMs;
      // One parameter whatever the number of runs: the statement text (and SQLite's prepared statement) stays
      // the same, and no parameter limit applies.
      const ids = JSON.stringify(input.runIds);
      const held =
        ctx.dialect === 'postgres'
          ? sql<{ id: string }>`update runs set lease_until = ${until}
              where id in (select json_array_elements_text(${ids}::json)) and status = 'running'
                and claimed_by = ${input.workerId} returning id`
          : sql<{ id: string }>`update runs set lease_until = ${until}
              where id in (select value from json_each(${ids})) and status = 'running'
                and claimed_by = ${input.workerId} returning id`;
      const { rows } = await held.execute(ctx.db);
      return new Set(rows.map((row) => row.id));
    },

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

    async release(input) {
      if (input.runIds.length === 0) return 0;
      const ids = JSON.stringify(input.runIds);
      const list =
        ctx.dialect === 'postgres'
          ? sql`select json_array_elements_text(${ids}::json)`
          : sql`select value from json_each(${ids})`;
      const result =
        await sql`update runs set status = 'queued', claimed_by = null, lease_until = null, started_at = null
        where id in (${list}) and status = 'running' and claimed_by = ${input.workerId}`.execute(ctx.db);
      return Number(result.numAffectedRows ?? 0n);
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

async function claim(
  ctx: StoreContext,
  options: ClaimOptions,
  kind: 'queued' | 'expired',
  limit: number,
): Promise<RunRow[]> {
  // One statement is atomic on both; SQLite still wraps it in BEGIN IMMEDIATE so that a busy database makes the
  // claimer wait (busy_timeout) up front. PostgreSQL needs no extra round trips.
  const run = async (tx: StoreContext): Promise<RunRow[]> => {
    const now = tx.now();
    const sqlite = prepared(tx);
    if (sqlite && kind === 'queued') {
      return claimQueued(sqlite, { workerId: options.workerId, until: now + options.leaseMs, now, limit })
        .map(toRunRow)
        .sort((a, b) => a.createdAt - b.createdAt || a.id.localeCompare(b.id));
    }
    const rows = await tx.db
      .updateTable('runs')
      .set((eb) => ({
        status: 'running',
        claimed_by: options.workerId,
        lease_until: now + options.leaseMs,
        started_at: eb.fn.coalesce('started_at', eb.val(now)),
      }))
      // PostgreSQL may re-run an `IN (subquery)` per row, claiming more than `limit`; `= ANY(ARRAY(...))` runs
      // the locking subquery exactly once.
      .where((eb) => {
        const picked = eb
          .selectFrom('runs')
          .select('id')
          .$if(kind === 'queued', (qb) => qb.where('status', '=', 'queued').orderBy('created_at').orderBy('id'))
          .$if(kind === 'expired', (qb) =>
            qb.where('status', '=', 'running').where('lease_until', '<', now).orderBy('lease_until').orderBy('id'),
          )
          .limit(limit);
        return tx.dialect === 'postgres'
          ? sql<boolean>`${sql.ref('id')} = any(array(${picked.forUpdate().skipLocked()}))`
          : eb('id', 'in', picked);
      })
      // Re-checked by the UPDATE itself, so a row changed since the SELECT is never claimed twice.
      .$if(kind === 'queued', (qb) => qb.where('status', '=', 'queued'))
      .$if(kind === 'expired', (qb) => qb.where('status', '=', 'running').where('lease_until', '<', now))
      .returningAll()
      .execute();
    return rows.map(toRunRow).sort((a, b) => a.createdAt - b.createdAt || a.id.localeCompare(b.id));
  };
  const claimed = await (ctx.dialect === 'postgres' ? run(ctx) : groupCommit(ctx)(run));
  return Promise.all(claimed.map((row) => withWholeInput(ctx, row)));
}

async function takeOver(ctx: StoreContext, options: ClaimOptions, limit: number): Promise<TakenOverRun[]> {
  const run = async (tx: StoreContext): Promise<TakenOverRun[]> => {
    const now = tx.now();
    const expired = await tx.db
      .selectFrom('runs')
      .select(['id', 'claimed_by', 'lease_until'])
      .where('status', '=', 'running')
      .where('lease_until', '<', now)
      .orderBy('lease_until')
      .orderBy('id')
      .limit(limit)
      .$if(tx.dialect === 'postgres', (qb) => qb.forUpdate().skipLocked())
      .execute();
    if (expired.length === 0) return [];
    const rows = await tx.db
      .updateTable('runs')
      .set({ claimed_by: options.workerId, lease_until: now + options.leaseMs })
      .where(
        'id',
        'in',
        expired.map((e) => e.id),
      )
      .where('status', '=', 'running')
      .where('lease_until', '<', now)
      .returningAll()
      .execute();
    const previous = new Map(expired.map((e) => [e.id, e]));
    return rows.map((row) => {
      const before = previous.get(row.id)!;
      const takenOverFrom: TakenOverRun['takenOverFrom'] = {};
      if (before.claimed_by !== null) takenOverFrom.workerId = before.claimed_by;
      if (before.lease_until !== null) takenOverFrom.leaseUntil = before.lease_until;
      return { ...toRunRow(row), takenOverFrom };
    });
  };
  const taken = await (ctx.dialect === 'postgres' ? inTransaction(ctx, run) : groupCommit(ctx)(run));
  taken.sort(
    (a, b) => (a.takenOverFrom.leaseUntil ?? 0) - (b.takenOverFrom.leaseUntil ?? 0) || a.id.localeCompare(b.id),
  );
  return Promise.all(
    taken.map(async (row) => ({ ...(await withWholeInput(ctx, row)), takenOverFrom: row.takenOverFrom })),
  );
}

async function withWholeInput(ctx: StoreContext, row: RunRow): Promise<RunRow> {
  const [input] = await resolvePayloads(ctx, row.id, [row.input]);
  return input === row.input ? row : { ...row, input };
}
