// The engine's durable memory (core's RunJournal): steps upserted by (run, key), logs appended. Payloads too
// large for a column are written out of line in the same transaction and read back whole. The pages of a large
// forEach's items and outputs are payload blobs too (`step:<key>:list:<n>`), so a retry or replay copies them.
import type { LogRecord, RunJournal, StepRecord } from '@weft/core';
import { sql } from 'kysely';
import { prepared, type StoreContext } from './context.js';
import { upsertStep } from './sqlite-hot.js';
import { groupCommit } from './group-commit.js';
import { createJournalBuffer, type JournalBuffer } from './journal-buffer.js';
import { encodeLogRow, encodeStepRow } from './journal-rows.js';
import { decodeError, decodeJson, payloadTooLarge } from './payload.js';
import { resolvePayloads, writeBlob } from './payload-blobs.js';
import type { StepsTable } from './schema.js';

export interface StoreRunJournal extends RunJournal {
  /** The engine's view: every payload whole. */
  loadSteps(runId: string): Promise<StepRecord[]>;
  /** A reader's view (API, live replay): payloads over the inline limit as a marker with a preview. */
  listSteps(runId: string): Promise<StepRecord[]>;
  /**
   * A journal in memory for a run without effects outside it, written once with its final status (`runs.finish`
   * with `journal`, or `webhookEvents.receiveFinished`). It reads what this store journaled for the run before.
   */
  buffer(runId: string): JournalBuffer;
  /** Pages of a large forEach's items and outputs, as payload blobs `<slot>:<page>`. */
  writeListPage(runId: string, slot: string, page: number, text: string): Promise<void>;
  readListPage(runId: string, slot: string, page: number): Promise<string | undefined>;
}

export function createRunJournal(ctx: StoreContext): StoreRunJournal {
  const { db } = ctx;
  const commit = groupCommit(ctx);
  const select = (runId: string) =>
    db.selectFrom('steps').selectAll().where('run_id', '=', runId).orderBy('started_at').orderBy('key').execute();
  const loadSteps = async (runId: string) =>
    Promise.all((await select(runId)).map((row) => toStepRecord(ctx, row, true)));
  return {
    loadSteps,

    buffer: (runId) => createJournalBuffer(ctx, runId, loadSteps),

    async listSteps(runId) {
      return Promise.all((await select(runId)).map((row) => toStepRecord(ctx, row, false)));
    },

    async saveStep(record) {
      const { row, blobs } = encodeStepRow(ctx, record);
      // Written as one SQL template (the same text on SQLite and PostgreSQL): this is the hottest statement of
      // a run, and a template skips the query builder's work.
      await commit(async (tx) => {
        for (const blob of blobs) await writeBlob(tx, row.run_id, blob);
        const sqlite = prepared(tx);
        if (sqlite) return upsertStep(sqlite, row);
        await sql`insert into steps (run_id, key, node_id, status, attempt, input, output, error, port, started_at,
              ended_at, resumed)
            values (${row.run_id}, ${row.key}, ${row.node_id}, ${row.status}, ${row.attempt}, ${row.input}, ${row.output},
                    ${row.error}, ${row.port}, ${row.started_at}, ${row.ended_at}, ${row.resumed})
            on conflict (run_id, key) do update set node_id = excluded.node_id, status = excluded.status,
              attempt = excluded.attempt, input = excluded.input, output = excluded.output, error = excluded.error,
              port = excluded.port, started_at = excluded.started_at, ended_at = excluded.ended_at,
              resumed = excluded.resumed`.execute(tx.db);
      });
    },

    async appendLog(record: LogRecord) {
      const row = encodeLogRow(ctx, record);
      await commit((tx) => tx.db.insertInto('logs').values(row).execute());
    },

    async writeListPage(runId, slot, page, text) {
      const blob = { slot: `${slot}:${page}`, bytes: Buffer.byteLength(text, 'utf8'), body: text };
      if (blob.bytes > ctx.maxStoredPayloadBytes)
        throw payloadTooLarge(`page ${page} of ${slot}`, blob.bytes, ctx.maxStoredPayloadBytes);
      await commit((tx) => writeBlob(tx, runId, { column: null, blob }));
    },

    async readListPage(runId, slot, page) {
      const row = await db
        .selectFrom('payload_blobs')
        .select('body')
        .where('run_id', '=', runId)
        .where('slot', '=', `${slot}:${page}`)
        .executeTakeFirst();
      return row?.body;
    },
  };
}

export async function toStepRecord(ctx: StoreContext, row: StepsTable, whole: boolean): Promise<StepRecord> {
  const record: StepRecord = {
    runId: row.run_id,
    key: row.key,
    nodeId: row.node_id,
    status: row.status,
    attempt: row.attempt,
    startedAt: row.started_at,
  };
  const stored = [decodeJson(row.input), decodeJson(row.output)] as const;
  const [input, output] = whole ? await resolvePayloads(ctx, row.run_id, stored) : stored;
  const error = decodeError(row.error);
  if (input !== undefined) record.input = input;
  if (output !== undefined) record.output = output;
  if (error !== undefined) record.error = error;
  if (row.port !== null) record.port = row.port;
  if (row.ended_at !== null) record.endedAt = row.ended_at;
  if (row.resumed) record.resumed = true;
  return record;
}
