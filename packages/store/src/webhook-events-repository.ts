// Webhook ingress persistence: the event and its queued run are written in one transaction, and a provider
// event id seen before for the same flow returns the original run instead of starting another. Ids are kept
// whole up to MAX_EVENT_ID_LENGTH characters; a longer one is kept as its SHA-256, never cut (two ids sharing a
// prefix are two events).
import { linkFiles } from './files-repository.js';
import type { ErrorInfo, JsonValue } from '@weft/core';
import { sql } from 'kysely';
import { createHash } from 'node:crypto';
import { prepared, type StoreContext } from './context.js';
import { groupCommit } from './group-commit.js';
import { newId } from './ids.js';
import { bufferedRows, writeJournalBuffer, type JournalBuffer } from './journal-buffer.js';
import { encodeError, encodePayload } from './payload.js';
import { limitsOf, writeBlob } from './payload-blobs.js';
import { postgresPoolOf } from './postgres-connection.js';
import { storeDelivery } from './delivery-batch.js';
import * as hot from './sqlite-hot.js';
import type { ClaimOptions } from './run-leases.js';
import { toRunRow, type RunRow } from './run-row.js';
import { insertRun, newRunRow } from './runs-repository.js';
import type { RunsTable, WebhookEventsTable } from './schema.js';

export type WebhookHeaders = Readonly<Record<string, string | readonly string[] | undefined>>;

export interface ReceiveWebhookInput {
  flowId: string;
  /** The provider's delivery/event id, used to drop redeliveries. Absent: no deduplication. */
  providerEventId?: string;
  headers: WebhookHeaders;
  /** The raw body: text is stored as is, bytes as base64. */
  body: string | Uint8Array;
  /** The run's trigger input (usually the parsed body). */
  input: JsonValue;
  /** Defaults to the flow's active version. */
  flowVersion?: number;
  /** `flowVersion` was just read as the flow's live version (webhook ingress): it is not looked up again. */
  versionChecked?: boolean;
  /** Defaults to `webhook`. */
  triggerKind?: string;
  /** Create the run already claimed by this worker, which executes it right away. */
  claim?: ClaimOptions;
  /** Files of this delivery (recorded already, spilled to disk): linked to the new run in its transaction. */
  files?: readonly string[];
}

/** A delivery whose run was executed in memory before anything was stored (a flow without effects). */
export interface ReceiveFinishedInput extends Omit<ReceiveWebhookInput, 'claim' | 'flowVersion' | 'versionChecked'> {
  flowVersion: number;
  /** Given up front (`newRunId`): the run's events already carried it. */
  runId: string;
  startedAt: number;
  status: 'succeeded' | 'failed' | 'cancelled';
  output?: JsonValue;
  error?: ErrorInfo;
  /** The run's steps and logs (`journal.buffer(runId)`). */
  journal: JournalBuffer;
}

export interface ReceivedWebhook {
  eventId: string;
  runId: string;
  /** The new run, when one was created (absent for a duplicate delivery). */
  run?: RunRow;
  /** True when the provider event id was already stored: nothing new was created. */
  duplicate: boolean;
}

export interface WebhookEventRow {
  id: string;
  flowId: string;
  providerEventId?: string;
  receivedAt: number;
  /** The run this delivery started (deleting the run deletes the event). */
  runId: string;
  headers: Record<string, string | string[]>;
  body: string;
  bodyEncoding: 'utf8' | 'base64';
}

export interface WebhookEventRepository {
  receive(input: ReceiveWebhookInput): Promise<ReceivedWebhook>;
  /**
   * Stores a delivery with its finished run, steps and logs in one transaction (a few statements). A provider
   * event id seen before wins: nothing of this run is kept, and the original run is returned as a duplicate.
   */
  receiveFinished(input: ReceiveFinishedInput): Promise<ReceivedWebhook>;
  get(id: string): Promise<WebhookEventRow | undefined>;
  /** A flow's deliveries, newest first: the last `limit` (1..50, default 10), or only those received after `after`. */
  listForFlow(flowId: string, options?: { limit?: number; after?: number }): Promise<WebhookEventSummary[]>;
}

/** A stored delivery as the editor lists it ("Last event"); the run's input is its sample data. */
export interface WebhookEventSummary {
  id: string;
  receivedAt: number;
  runId: string;
}

export function createWebhookEventRepository(ctx: StoreContext): WebhookEventRepository {
  async function findDuplicate(scope: StoreContext, flowId: string, providerEventId: string) {
    const row = await scope.db
      .selectFrom('webhook_events')
      .select(['id', 'run_id'])
      .where('flow_id', '=', flowId)
      .where('provider_event_id', '=', providerEventId)
      .executeTakeFirst();
    return row && { eventId: row.id, runId: row.run_id, duplicate: true };
  }

  return {
    receive(input) {
      const providerEventId = input.providerEventId === undefined ? undefined : dedupeKey(input.providerEventId);
      // PostgreSQL outside a transaction, the live version at hand, the input inline: one statement per group.
      const pool = ctx.inTransaction ? undefined : postgresPoolOf(ctx.db);
      if (pool && input.versionChecked === true && input.flowVersion !== undefined) {
        const { row, encodedInput } = newRunRow(
          ctx,
          {
            flowId: input.flowId,
            flowVersion: input.flowVersion,
            triggerKind: input.triggerKind ?? 'webhook',
            input: input.input,
            ...(input.claim ? { claim: input.claim } : {}),
          },
          input.flowVersion,
        );
        if (!encodedInput.blob) {
          const event = eventRow(ctx, input, providerEventId, row.id);
          return storeDelivery(pool, { run: row, event, steps: [], logs: [] }).then(async (stored) => {
            if (stored) return { eventId: event.id, runId: row.id, duplicate: false, run: runOf(row, input.input) };
            const winner = await findDuplicate(ctx, input.flowId, providerEventId!);
            if (!winner) throw new Error(`webhook event ${providerEventId} conflicted but cannot be found`);
            return winner;
          });
        }
      }
      return groupCommit(ctx)(async (tx) => {
        if (providerEventId !== undefined) {
          const seen = await findDuplicate(tx, input.flowId, providerEventId);
          if (seen) return seen;
        }
        const run = await insertRun(
          tx,
          {
            flowId: input.flowId,
            flowVersion: input.flowVersion,
            triggerKind: input.triggerKind ?? 'webhook',
            input: input.input,
            ...(input.claim ? { claim: input.claim } : {}),
          },
          input.versionChecked === true,
        );
        const inserted = await insertEvent(tx, input, providerEventId, run.id);
        if (inserted) {
          await linkFiles(tx, input.files ?? [], run.id);
          return { eventId: inserted, runId: run.id, duplicate: false, run };
        }
        // PostgreSQL only (SQLite's write lock serializes deliveries): a concurrent delivery inserted the same
        // event after our check. ON CONFLICT waited for it to commit, so the next statement sees it. Undo our
        // run here rather than by rollback, which also works when the caller's transaction encloses this one.
        await tx.db.deleteFrom('runs').where('id', '=', run.id).execute();
        const winner = await findDuplicate(tx, input.flowId, providerEventId!);
        if (!winner) throw new Error(`webhook event ${providerEventId} conflicted but cannot be found`);
        return winner;
      });
    },

    receiveFinished(input) {
      const providerEventId = input.providerEventId === undefined ? undefined : dedupeKey(input.providerEventId);
      const limits = limitsOf(ctx);
      const encodedInput = encodePayload(input.input, limits, { slot: 'run:input', what: 'input of the run' });
      const output = encodePayload(input.output, limits, { slot: 'run:output', what: 'output of the run' });
      const runRow = (now: number): RunsTable => ({
        id: input.runId,
        flow_id: input.flowId,
        flow_version: input.flowVersion,
        trigger_kind: input.triggerKind ?? 'webhook',
        status: input.status,
        input: encodedInput.column,
        output: output.column,
        error: encodeError(input.error, ctx.maxPayloadBytes),
        claimed_by: null,
        lease_until: null,
        created_at: input.startedAt,
        started_at: input.startedAt,
        ended_at: now,
        parent_run_id: null,
        parent_step: null,
        retry_of: null,
      });
      // PostgreSQL outside a transaction, nothing out of line and no uploaded files to link: one statement for a
      // whole group of runs.
      const pool = ctx.inTransaction || input.files?.length ? undefined : postgresPoolOf(ctx.db);
      const rows = pool && !encodedInput.blob && !output.blob ? bufferedRows(input.journal) : undefined;
      if (pool && rows) {
        const run = runRow(ctx.now());
        const event = eventRow(ctx, input, providerEventId, run.id);
        return storeDelivery(pool, { run, event, ...rows }).then(async (stored) => {
          if (stored) return { eventId: event.id, runId: run.id, duplicate: false };
          const winner = await findDuplicate(ctx, input.flowId, providerEventId!);
          if (!winner) throw new Error(`webhook event ${providerEventId} conflicted but cannot be found`);
          return winner;
        });
      }
      return groupCommit(ctx)(async (tx) => {
        const row = runRow(tx.now());
        // The run first (the event refers to it); the event's unique provider id then decides: on a conflict the
        // run is deleted again and the original answered. No lookup beforehand: a redelivery is the rare case.
        const sqlite = prepared(tx);
        if (sqlite) hot.insertRun(sqlite, row);
        else
          await sql`insert into runs (id, flow_id, flow_version, trigger_kind, status, input, output, error, claimed_by,
              lease_until, created_at, started_at, ended_at, parent_run_id, parent_step, retry_of)
            values (${row.id}, ${row.flow_id}, ${row.flow_version}, ${row.trigger_kind}, ${row.status}, ${row.input},
              ${row.output}, ${row.error}, ${row.claimed_by}, ${row.lease_until}, ${row.created_at}, ${row.started_at},
              ${row.ended_at}, ${row.parent_run_id}, ${row.parent_step}, ${row.retry_of})`.execute(tx.db);
        const inserted = await insertEvent(tx, input, providerEventId, row.id);
        if (!inserted) {
          await tx.db.deleteFrom('runs').where('id', '=', row.id).execute();
          const winner = await findDuplicate(tx, input.flowId, providerEventId!);
          if (!winner) throw new Error(`webhook event ${providerEventId} conflicted but cannot be found`);
          return winner;
        }
        await writeBlob(tx, row.id, encodedInput);
        await writeBlob(tx, row.id, output);
        await writeJournalBuffer(tx, input.journal);
        await linkFiles(tx, input.files ?? [], row.id);
        return { eventId: inserted, runId: row.id, duplicate: false };
      });
    },

    async listForFlow(flowId, options = {}) {
      const limit = Math.min(Math.max(Math.trunc(options.limit ?? 10), 1), 50);
      const rows = await ctx.db
        .selectFrom('webhook_events')
        .select(['id', 'received_at', 'run_id'])
        .where('flow_id', '=', flowId)
        .$if(options.after !== undefined, (qb) => qb.where('received_at', '>', options.after!))
        .orderBy('received_at', 'desc')
        .orderBy('id', 'desc')
        .limit(limit)
        .execute();
      return rows.map((row) => ({ id: row.id, receivedAt: row.received_at, runId: row.run_id }));
    },

    async get(id) {
      const row = await ctx.db.selectFrom('webhook_events').selectAll().where('id', '=', id).executeTakeFirst();
      if (!row) return undefined;
      const event: WebhookEventRow = {
        id: row.id,
        flowId: row.flow_id,
        receivedAt: row.received_at,
        runId: row.run_id,
        headers: JSON.parse(row.headers) as Record<string, string | string[]>,
        body: row.body,
        bodyEncoding: row.body_encoding,
      };
      if (row.provider_event_id !== null) event.providerEventId = row.provider_event_id;
      return event;
    },
  };
}

/** Inserts the event unless its provider id was stored already; its id, or undefined on that conflict. */
async function insertEvent(
  tx: StoreContext,
  input: Pick<ReceiveWebhookInput, 'flowId' | 'headers' | 'body'>,
  providerEventId: string | undefined,
  runId: string,
): Promise<string | undefined> {
  const event = eventRow(tx, input, providerEventId, runId);
  const sqlite = prepared(tx);
  if (sqlite) return hot.insertEvent(sqlite, event);
  const inserted = (
    await sql<{ id: string }>`insert into webhook_events
        (id, flow_id, provider_event_id, received_at, run_id, headers, body, body_encoding)
      values (${event.id}, ${event.flow_id}, ${event.provider_event_id}, ${event.received_at}, ${event.run_id},
        ${event.headers}, ${event.body}, ${event.body_encoding})
      on conflict (flow_id, provider_event_id) do nothing
      returning id`.execute(tx.db)
  ).rows[0];
  return inserted?.id;
}

/** The new run as `insertRun` returns it: with its input whole. */
function runOf(row: RunsTable, input: JsonValue): RunRow {
  return { ...toRunRow(row), input };
}

function eventRow(
  ctx: StoreContext,
  input: Pick<ReceiveWebhookInput, 'flowId' | 'headers' | 'body'>,
  providerEventId: string | undefined,
  runId: string,
): WebhookEventsTable {
  const { body } = input;
  const binary = typeof body !== 'string';
  return {
    id: newId('evt', ctx.now()),
    flow_id: input.flowId,
    provider_event_id: providerEventId ?? null,
    received_at: ctx.now(),
    run_id: runId,
    headers: JSON.stringify(compactHeaders(input.headers)),
    body: binary ? Buffer.from(body).toString('base64') : body,
    body_encoding: binary ? 'base64' : 'utf8',
  };
}

export const MAX_EVENT_ID_LENGTH = 200;

/** The provider event id as stored: itself when short enough, else `sha256:<hex>` of all of it. */
export function dedupeKey(providerEventId: string): string {
  if (providerEventId.length <= MAX_EVENT_ID_LENGTH) return providerEventId;
  return `sha256:${createHash('sha256').update(providerEventId).digest('hex')}`;
}

function compactHeaders(headers: WebhookHeaders): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined) continue;
    out[name] = typeof value === 'string' ? value : [...value];
  }
  return out;
}
