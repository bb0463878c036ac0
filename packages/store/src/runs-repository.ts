// Runs: creation (queued), lookup, filtered newest-first listing with cursors, finishing and cancelling.
// Claiming and leases live in run-leases.ts.
import { WeftError } from '@weft/core';
import { sql } from 'kysely';
import type { ErrorInfo, JsonValue, RunStatus } from '@weft/core';
import { inTransaction, prepared } from './context.js';
import * as hot from './sqlite-hot.js';
import { groupCommit } from './group-commit.js';
import type { StoreContext } from './context.js';
import { flowNotFound } from './flows-repository.js';
import { newId } from './ids.js';
import { decodeJson, encodeError, encodePayload, type EncodedPayload } from './payload.js';
import { copyStepBlobs, limitsOf, resolvePayloads, writeBlob } from './payload-blobs.js';
import { bufferedRows, writeJournalBuffer, type JournalBuffer } from './journal-buffer.js';
import { finishRun } from './finish-batch.js';
import { postgresPoolOf } from './postgres-connection.js';
import { createRunLeases } from './run-leases.js';
import type { ClaimOptions, RunLeases } from './run-leases.js';
import { decodeCursor, encodeCursor } from './run-cursor.js';
import { replayRun, type ReplayRunInput } from './run-replay.js';
import { toRunRow } from './run-row.js';
import type { RunRow } from './run-row.js';
import type { RunsTable } from './schema.js';

export interface CreateRunInput {
  flowId: string;
  /** Defaults to the flow's active version at creation time (none: the run executes the draft). */
  flowVersion?: number;
  triggerKind: string;
  input?: JsonValue;
  parentRunId?: string;
  /**
   * With `parentRunId`: the run is a subflow child, named by the parent's step (`<step key>#<attempt>`, unique per
   * parent). Its parent executes it, so it starts `running` with no lease: no worker claims or takes it over.
   */
  parentStep?: string;
  retryOf?: string;
  /** Execute the flow's current draft rather than a published version (editor test runs). */
  draft?: boolean;
  /** Create the run already claimed by this worker (it will execute it now), instead of queued. */
  claim?: ClaimOptions;
}

export interface ListRunsQuery {
  flowId?: string;
  status?: RunStatus | readonly RunStatus[];
  /** Created at or after (ms). */
  since?: number;
  /** Created strictly before (ms). */
  until?: number;
  /** Page size, 1..500 (default 50). */
  limit?: number;
  /** `nextCursor` of the previous page. */
  cursor?: string;
  /** Include test runs (runs of the draft: editor tests and their retries). Default true. */
  tests?: boolean;
}

/** Which version a retry executes: the failed run's own (default), or the flow's version live now. */
export type RetryVersion = 'original' | 'current';

export interface RunPage {
  items: RunRow[];
  /** Present when there may be more runs. */
  nextCursor?: string;
}

export type FinalRunStatus = 'succeeded' | 'failed' | 'cancelled';

export interface FinishRunInput {
  runId: string;
  status: FinalRunStatus;
  output?: JsonValue;
  error?: ErrorInfo;
  /** When given, only the worker holding the run may finish it (a worker whose lease was taken over may not). */
  workerId?: string;
  /** The run's journal kept in memory (`journal.buffer`): its steps and logs are written in the same transaction. */
  journal?: JournalBuffer;
}

export interface RunRepository extends RunLeases {
  create(input: CreateRunInput): Promise<RunRow>;
  get(id: string): Promise<RunRow | undefined>;
  list(query?: ListRunsQuery): Promise<RunPage>;
  /** The subflow child a parent's step started (`parentStep` as given to `create`). */
  findChild(parentRunId: string, parentStep: string): Promise<RunRow | undefined>;
  /** The subflow children of a run, oldest first. */
  listChildren(parentRunId: string): Promise<RunRow[]>;
  /** Sets a final status; false when the run was already finished (or is held by another worker). */
  finish(input: FinishRunInput): Promise<boolean>;
  /** Cancels a queued or running run; false when it had already finished. */
  cancel(runId: string): Promise<boolean>;
  /**
   * Queues a new run of the same flow version and input that starts from where `runId` failed: the steps that
   * finished (succeeded, skipped, or failed and continued) are copied into the new run's journal. With
   * `version: 'current'` it executes the flow's live version (the draft when none is published) from the start,
   * unless that is the failed run's own version: steps of another version may differ, so none is carried over.
   */
  retry(runId: string, options?: { version?: RetryVersion }): Promise<RunRow>;
  /** Queues a run that replays `runId` from a step, keeping the recorded steps the caller keeps (run-replay.ts). */
  replay(input: ReplayRunInput): Promise<RunRow>;
}

const DEFAULT_PAGE = 50;
const MAX_PAGE = 500;

export function createRunRepository(ctx: StoreContext): RunRepository {
  const { db } = ctx;
  return {
    ...createRunLeases(ctx),

    create: (input) => insertRun(ctx, input),

    async get(id) {
      const row = await db.selectFrom('runs').selectAll().where('id', '=', id).executeTakeFirst();
      return row && toRunRow(row);
    },

    async findChild(parentRunId, parentStep) {
      const row = await db
        .selectFrom('runs')
        .selectAll()
        .where('parent_run_id', '=', parentRunId)
        .where('parent_step', '=', parentStep)
        .executeTakeFirst();
      return row && toRunRow(row);
    },

    async listChildren(parentRunId) {
      const rows = await db
        .selectFrom('runs')
        .selectAll()
        .where('parent_run_id', '=', parentRunId)
        .orderBy('created_at')
        .orderBy('id')
        .execute();
      return rows.map(toRunRow);
    },

    async list(query = {}) {
      const limit = Math.min(Math.max(Math.trunc(query.limit ?? DEFAULT_PAGE), 1), MAX_PAGE);
      const statuses =
        query.status === undefined ? [] : typeof query.status === 'string' ? [query.status] : query.status;
      const after = query.cursor === undefined ? undefined : decodeCursor(query.cursor);
      const rows = await db
        .selectFrom('runs')
        .selectAll()
        .$if(query.flowId !== undefined, (qb) => qb.where('flow_id', '=', query.flowId!))
        .$if(query.tests === false, (qb) => qb.where('flow_version', 'is not', null))
        .$if(statuses.length > 0, (qb) => qb.where('status', 'in', statuses))
        .$if(query.since !== undefined, (qb) => qb.where('created_at', '>=', query.since!))
        .$if(query.until !== undefined, (qb) => qb.where('created_at', '<', query.until!))
        .$if(after !== undefined, (qb) =>
          qb.where((eb) =>
            eb.or([
              eb('created_at', '<', after!.createdAt),
              eb.and([eb('created_at', '=', after!.createdAt), eb('id', '<', after!.id)]),
            ]),
          ),
        )
        .orderBy('created_at', 'desc')
        .orderBy('id', 'desc')
        .limit(limit + 1)
        .execute();
      const items = rows.slice(0, limit).map(toRunRow);
      const last = items.at(-1);
      return rows.length > limit && last ? { items, nextCursor: encodeCursor(last) } : { items };
    },

    async finish(input) {
      const output = encodePayload(input.output, limitsOf(ctx), { slot: 'run:output', what: 'output of the run' });
      const error = encodeError(input.error, ctx.maxPayloadBytes);
      // PostgreSQL outside a transaction, by its worker, nothing out of line: one statement per group of runs.
      const pool = ctx.inTransaction ? undefined : postgresPoolOf(ctx.db);
      const rows = input.journal ? bufferedRows(input.journal) : { steps: [], logs: [] };
      if (pool && input.workerId !== undefined && !output.blob && rows) {
        const { runId, workerId, status } = input;
        return finishRun(pool, { runId, workerId, status, output: output.column, error, endedAt: ctx.now(), ...rows });
      }
      const holder = input.workerId === undefined ? sql`` : sql` and claimed_by = ${input.workerId}`;
      return groupCommit(ctx)(async (tx) => {
        const sqlite = prepared(tx);
        const finished = sqlite
          ? hot.finishRun(sqlite, {
              runId: input.runId,
              status: input.status,
              output: output.column,
              error,
              at: ctx.now(),
              ...(input.workerId === undefined ? {} : { workerId: input.workerId }),
            })
          : Number(
              (
                await sql`update runs set status = ${input.status}, output = ${output.column}, error = ${error},
                  ended_at = ${ctx.now()}, lease_until = null
                where id = ${input.runId} and status in ('queued', 'running')${holder}`.execute(tx.db)
              ).numAffectedRows ?? 0n,
            );
        if (finished > 0) {
          await writeBlob(tx, input.runId, output);
          if (input.journal) await writeJournalBuffer(tx, input.journal);
        }
        return finished > 0;
      });
    },

    async cancel(runId) {
      const result = await db
        .updateTable('runs')
        .set({ status: 'cancelled', ended_at: ctx.now(), lease_until: null })
        .where('id', '=', runId)
        .where('status', 'in', ['queued', 'running'])
        .executeTakeFirst();
      return result.numUpdatedRows > 0n;
    },

    retry: (runId, options) => inTransaction(ctx, (tx) => retryRun(tx, runId, options?.version ?? 'original')),

    replay: (input) => inTransaction(ctx, (tx) => replayRun(tx, input)),
  };
}

async function retryRun(ctx: StoreContext, runId: string, which: RetryVersion): Promise<RunRow> {
  const original = await ctx.db.selectFrom('runs').selectAll().where('id', '=', runId).executeTakeFirst();
  if (!original) throw new WeftError('run_not_found', `There is no run with id "${runId}".`, { fault: 'user' });
  const [input] = await resolvePayloads(ctx, original.id, [decodeJson(original.input)]);
  let version = original.flow_version;
  if (which === 'current') {
    const flow = await ctx.db
      .selectFrom('flows')
      .select('active_version')
      .where('id', '=', original.flow_id)
      .executeTakeFirst();
    if (!flow) throw flowNotFound(original.flow_id);
    version = flow.active_version;
  }
  const retry = await insertRun(ctx, {
    flowId: original.flow_id,
    triggerKind: 'retry',
    input: input ?? null,
    retryOf: original.id,
    ...(version === null ? { draft: true } : { flowVersion: version }),
  });
  // A draft may have changed since the original ran, and another version may differ: start over then.
  if (version !== original.flow_version || (version === null && which === 'current')) return retry;
  const finished = await ctx.db
    .selectFrom('steps')
    .selectAll()
    .where('run_id', '=', original.id)
    .where((eb) =>
      eb.or([
        eb('status', 'in', ['succeeded', 'skipped']),
        eb.and([eb('status', '=', 'failed'), eb('port', 'is not', null)]),
      ]),
    )
    .execute();
  // The copied steps' out-of-line payloads stay under the same slots.
  if (finished.length) await copyStepBlobs(ctx, original.id, retry.id);
  for (const step of finished)
    await ctx.db
      .insertInto('steps')
      .values({ ...step, run_id: retry.id })
      .execute();
  return retry;
}

/**
 * Inserts a queued run; used by `runs.create` and by webhook ingress inside its transaction. `versionKnown`: the
 * caller just read `flowVersion` as the flow's live version (webhook ingress), so it is not looked up again (the
 * flow's foreign key still refuses a run of a deleted flow).
 */
export async function insertRun(ctx: StoreContext, input: CreateRunInput, versionKnown = false): Promise<RunRow> {
  let activeVersion: number | null = input.flowVersion ?? null;
  if (!versionKnown || input.flowVersion === undefined) {
    // One lookup checks the flow and, when one is named, its version.
    const { rows } = await sql<{ active_version: number | null; version: number | null }>`
      select f.active_version, v.version from flows f
        left join flow_versions v on v.flow_id = f.id and v.version = ${input.flowVersion ?? -1}
      where f.id = ${input.flowId}`.execute(ctx.db);
    const flow = rows[0];
    if (!flow) throw flowNotFound(input.flowId);
    if (input.flowVersion !== undefined && flow.version === null) {
      throw new WeftError('flow_version_not_found', `Flow "${input.flowId}" has no version ${input.flowVersion}.`, {
        fault: 'user',
      });
    }
    activeVersion = flow.active_version;
  }
  const { row, encodedInput } = newRunRow(ctx, input, activeVersion);
  const id = row.id;
  // A SQL template rather than the query builder: every run starts here (see run-journal.ts); on SQLite in a
  // transaction, a prepared statement.
  const insert = async (tx: StoreContext) => {
    const sqlite = prepared(tx);
    if (sqlite) return hot.insertRun(sqlite, row);
    await sql`insert into runs (id, flow_id, flow_version, trigger_kind, status, input, output, error, claimed_by,
      lease_until, created_at, started_at, ended_at, parent_run_id, parent_step, retry_of)
    values (${row.id}, ${row.flow_id}, ${row.flow_version}, ${row.trigger_kind}, ${row.status}, ${row.input},
      ${row.output}, ${row.error}, ${row.claimed_by}, ${row.lease_until}, ${row.created_at}, ${row.started_at},
      ${row.ended_at}, ${row.parent_run_id}, ${row.parent_step}, ${row.retry_of})`.execute(tx.db);
  };
  if (encodedInput.blob) {
    await inTransaction(ctx, async (tx) => {
      await insert(tx);
      await writeBlob(tx, id, encodedInput);
    });
  } else {
    await insert(ctx);
  }
  // The caller gets the input whole (a run created claimed is executed from this row).
  return { ...toRunRow(row), ...(input.input === undefined ? {} : { input: input.input }) };
}

/** The row of a new run (queued, or running when claimed or a child) and its encoded input. */
export function newRunRow(
  ctx: StoreContext,
  input: CreateRunInput,
  activeVersion: number | null,
): { row: RunsTable; encodedInput: EncodedPayload } {
  const now = ctx.now();
  const id = newId('run', now);
  const encodedInput = encodePayload(input.input, limitsOf(ctx), { slot: 'run:input', what: 'input of the run' });
  const child = input.parentRunId !== undefined && input.parentStep !== undefined;
  const started = input.claim !== undefined || child;
  const row: RunsTable = {
    id,
    flow_id: input.flowId,
    flow_version: input.draft ? null : (input.flowVersion ?? activeVersion),
    trigger_kind: input.triggerKind,
    status: started ? 'running' : 'queued',
    input: encodedInput.column,
    output: null,
    error: null,
    claimed_by: input.claim?.workerId ?? null,
    lease_until: input.claim ? now + input.claim.leaseMs : null,
    created_at: now,
    started_at: started ? now : null,
    ended_at: null,
    parent_run_id: input.parentRunId ?? null,
    parent_step: child ? input.parentStep! : null,
    retry_of: input.retryOf ?? null,
  };
  return { row, encodedInput };
}
