// A run's journal kept in memory and written once, with the run's final status (runs.finish) or with the whole
// webhook delivery (webhookEvents.receiveFinished): for runs whose steps have no effect outside the run, which
// are simply executed again from their trigger after a crash. Steps are encoded as they are saved, so a payload
// over the store's cap fails its step exactly as with the persistent journal; all the steps then go in one
// multi-row statement, and all the logs in another.
import type { LogRecord, RunJournal, StepRecord } from '@weft/core';
import { prepared, type StoreContext } from './context.js';
import { insertLogs, upsertSteps } from './sqlite-hot.js';
import { encodeLogRow, encodeStepRow, type LogRow } from './journal-rows.js';
import type { EncodedPayload } from './payload.js';
import { writeBlob } from './payload-blobs.js';
import type { StepsTable } from './schema.js';

/** What a buffered journal holds, ready to insert. */
interface Buffered {
  steps: Map<string, { row: StepsTable; blobs: EncodedPayload[] }>;
  logs: LogRow[];
}

const contents = new WeakMap<JournalBuffer, Buffered>();

export interface JournalBuffer extends RunJournal {
  readonly runId: string;
  /** Steps held (the latest record of each key). */
  readonly size: number;
}

/** `load` reads what an earlier execution journaled (a run taken over after a crash); a fresh run reads nothing. */
export function createJournalBuffer(
  ctx: StoreContext,
  runId: string,
  load: (runId: string) => Promise<StepRecord[]>,
): JournalBuffer {
  const buffered: Buffered = { steps: new Map(), logs: [] };
  const buffer: JournalBuffer = {
    runId,
    get size() {
      return buffered.steps.size;
    },
    loadSteps: load,
    saveStep(record) {
      buffered.steps.set(record.key, encodeStepRow(ctx, record));
      return Promise.resolve();
    },
    appendLog(record: LogRecord) {
      buffered.logs.push(encodeLogRow(ctx, record));
      return Promise.resolve();
    },
  };
  contents.set(buffer, buffered);
  return buffer;
}

/** A buffer's rows, for a writer of its own (pure-run-batch.ts); undefined when a payload went out of line. */
export function bufferedRows(buffer: JournalBuffer): { steps: StepsTable[]; logs: LogRow[] } | undefined {
  const buffered = contents.get(buffer);
  if (!buffered) throw new Error('not a journal buffer of this store');
  const steps = [...buffered.steps.values()];
  if (steps.some((s) => s.blobs.some((blob) => blob.blob))) return undefined;
  return { steps: steps.map((s) => s.row), logs: buffered.logs };
}

/** Writes a buffer's steps (replacing those of an earlier execution) and logs. Call inside the run's transaction. */
export async function writeJournalBuffer(tx: StoreContext, buffer: JournalBuffer): Promise<void> {
  const buffered = contents.get(buffer);
  if (!buffered) throw new Error('not a journal buffer of this store');
  const steps = [...buffered.steps.values()];
  for (const { blobs } of steps) for (const blob of blobs) await writeBlob(tx, buffer.runId, blob);
  const sqlite = prepared(tx);
  if (sqlite) {
    upsertSteps(
      sqlite,
      steps.map((s) => s.row),
    );
    insertLogs(sqlite, buffered.logs);
    return;
  }
  // PostgreSQL binds at most 65,535 parameters per statement (12 per step, 5 per log): a large run (a forEach over
  // thousands of items) goes in several statements.
  for (let i = 0; i < steps.length; i += STEPS_PER_STATEMENT) {
    await tx.db
      .insertInto('steps')
      .values(steps.slice(i, i + STEPS_PER_STATEMENT).map((s) => s.row))
      .onConflict((oc) =>
        oc.columns(['run_id', 'key']).doUpdateSet((eb) => ({
          node_id: eb.ref('excluded.node_id'),
          status: eb.ref('excluded.status'),
          attempt: eb.ref('excluded.attempt'),
          input: eb.ref('excluded.input'),
          output: eb.ref('excluded.output'),
          error: eb.ref('excluded.error'),
          port: eb.ref('excluded.port'),
          started_at: eb.ref('excluded.started_at'),
          ended_at: eb.ref('excluded.ended_at'),
          resumed: eb.ref('excluded.resumed'),
        })),
      )
      .execute();
  }
  for (let i = 0; i < buffered.logs.length; i += LOGS_PER_STATEMENT)
    await tx.db
      .insertInto('logs')
      .values(buffered.logs.slice(i, i + LOGS_PER_STATEMENT))
      .execute();
}

const STEPS_PER_STATEMENT = 2000;
const LOGS_PER_STATEMENT = 5000;
