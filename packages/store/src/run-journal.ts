// The engine's durable memory (core's RunJournal): steps upserted by (run, key), logs appended. Payloads too
// large for a column are written out of line in the same transaction and read back whole.
import type { LogRecord, RunJournal, StepRecord } from '@weft/core';
import { sql } from 'kysely';
import { prepared, type StoreContext } from './context.js';
import { upsertStep } from './sqlite-hot.js';
import { groupCommit } from './group-commit.js';
import { createJournalBuffer, type JournalBuffer } from './journal-buffer.js';
import { capText, decodeError, decodeJson, encodeError, encodePayload } from './payload.js';
import { limitsOf, resolvePayloads, writeBlob } from './payload-blobs.js';
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
      const limits = limitsOf(ctx);
      const step = `step "${record.key}"`;
      const input = encodePayload(record.input, limits, { slot: `step:${record.key}:input`, what: `input of ${step}` });
      const output = encodePayload(record.output, limits, {
        slot: `step:${record.key}:output`,
        what: `output of ${step}`,
      });
      const row: StepsTable = {
        run_id: record.runId,
        key: record.key,
        node_id: record.nodeId,
        status: record.status,
        attempt: record.attempt,
        input: input.column,
        output: output.column,
        error: encodeError(record.error, ctx.maxPayloadBytes),
        port: record.port ?? null,
        started_at: record.startedAt,
        ended_at: record.endedAt ?? null,
        resumed: record.resumed ? 1 : 0,
      };
      // Written as one SQL template (the same text on SQLite and PostgreSQL): this is the hottest statement of
      // a run, and a template skips the query builder's work.
      await commit(async (tx) => {
        await writeBlob(tx, row.run_id, input);
        await writeBlob(tx, row.run_id, output);
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
      const row = {
        run_id: record.runId,
        step_key: record.stepKey ?? null,
        level: record.level,
        message: capText(record.message, ctx.maxPayloadBytes),
        at: record.at,
      };
      await commit((tx) => tx.db.insertInto('logs').values(row).execute());
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
