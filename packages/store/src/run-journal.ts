// The engine's durable memory (core's RunJournal): steps upserted by (run, key), logs appended.
import type { LogRecord, RunJournal, StepRecord } from '@weft/core';
import { sql } from 'kysely';
import type { StoreContext } from './context.js';
import { groupCommit } from './group-commit.js';
import { capText, decodeError, decodeJson, encodeError, encodePayload } from './payload.js';
import type { StepsTable } from './schema.js';

export function createRunJournal(ctx: StoreContext): RunJournal {
  const { db } = ctx;
  const commit = groupCommit(ctx);
  return {
    async loadSteps(runId) {
      const rows = await db
        .selectFrom('steps')
        .selectAll()
        .where('run_id', '=', runId)
        .orderBy('started_at')
        .orderBy('key')
        .execute();
      return rows.map(toStepRecord);
    },

    async saveStep(record) {
      const row: StepsTable = {
        run_id: record.runId,
        key: record.key,
        node_id: record.nodeId,
        status: record.status,
        attempt: record.attempt,
        input: encodePayload(record.input, ctx.maxPayloadBytes),
        output: encodePayload(record.output, ctx.maxPayloadBytes),
        error: encodeError(record.error, ctx.maxPayloadBytes),
        port: record.port ?? null,
        started_at: record.startedAt,
        ended_at: record.endedAt ?? null,
      };
      // Written as one SQL template (the same text on SQLite and PostgreSQL): this is the hottest statement of
      // a run, and a template skips the query builder's work.
      await commit((tx) =>
        sql`insert into steps (run_id, key, node_id, status, attempt, input, output, error, port, started_at, ended_at)
            values (${row.run_id}, ${row.key}, ${row.node_id}, ${row.status}, ${row.attempt}, ${row.input}, ${row.output},
                    ${row.error}, ${row.port}, ${row.started_at}, ${row.ended_at})
            on conflict (run_id, key) do update set node_id = excluded.node_id, status = excluded.status,
              attempt = excluded.attempt, input = excluded.input, output = excluded.output, error = excluded.error,
              port = excluded.port, started_at = excluded.started_at, ended_at = excluded.ended_at`.execute(tx.db),
      );
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

function toStepRecord(row: StepsTable): StepRecord {
  const record: StepRecord = {
    runId: row.run_id,
    key: row.key,
    nodeId: row.node_id,
    status: row.status,
    attempt: row.attempt,
    startedAt: row.started_at,
  };
  const input = decodeJson(row.input);
  const output = decodeJson(row.output);
  const error = decodeError(row.error);
  if (input !== undefined) record.input = input;
  if (output !== undefined) record.output = output;
  if (error !== undefined) record.error = error;
  if (row.port !== null) record.port = row.port;
  if (row.ended_at !== null) record.endedAt = row.ended_at;
  return record;
}
