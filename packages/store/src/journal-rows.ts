// How a journal record becomes its table row, in one place for the journal written step by step (run-journal.ts)
// and the one kept in memory and written once (journal-buffer.ts): payloads over the cap fail the step the same
// way in both, and payloads over the inline limit go out of line as blobs the caller writes with the row.
import type { LogRecord, StepRecord } from '@weft/core';
import type { StoreContext } from './context.js';
import { capText, encodeError, encodePayload, type EncodedPayload } from './payload.js';
import { limitsOf } from './payload-blobs.js';
import type { LogsTable, StepsTable } from './schema.js';

export type LogRow = Omit<LogsTable, 'id'>;

/** The step's row and its input and output payloads (blobs to write when they went out of line). */
export function encodeStepRow(ctx: StoreContext, record: StepRecord): { row: StepsTable; blobs: EncodedPayload[] } {
  const limits = limitsOf(ctx);
  const step = `step "${record.key}"`;
  const input = encodePayload(record.input, limits, { slot: `step:${record.key}:input`, what: `input of ${step}` });
  const output = encodePayload(record.output, limits, {
    slot: `step:${record.key}:output`,
    what: `output of ${step}`,
  });
  return {
    row: {
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
    },
    blobs: [input, output],
  };
}

export function encodeLogRow(ctx: StoreContext, record: LogRecord): LogRow {
  return {
    run_id: record.runId,
    step_key: record.stepKey ?? null,
    level: record.level,
    message: capText(record.message, ctx.maxPayloadBytes),
    at: record.at,
  };
}
