// Replay: a new run of the same flow version that keeps some recorded steps of a finished run and executes the
// rest again. The caller (who knows the graph, core replay.ts) says which steps are kept; they are copied into the
// new run's journal with their payloads, as a retry copies its finished steps. An edited input for the step
// replayed from is written as a prepared step record (attempt 0, status running, the input), which the engine runs
// with that input. The new run links to the original through `retryOf`, its trigger kind is `replay`, and its
// first log line says what it replays.
import { WeftError, type JsonValue, type StepStatus } from '@weft/core';
import { sql } from 'kysely';
import type { StoreContext } from './context.js';
import { encodePayload, decodeJson } from './payload.js';
import { copyStepBlobs, limitsOf, resolvePayloads, writeBlob } from './payload-blobs.js';
import type { RunRow } from './run-row.js';
import { insertRun } from './runs-repository.js';

export interface ReplayRunInput {
  runId: string;
  /** The node id replayed from. */
  from: string;
  /** Whether a recorded step of the original run is carried into the replay. */
  keep(step: { key: string; nodeId: string; status: StepStatus; port?: string }): boolean;
  /** The new run's input (trigger event); the original's when absent. */
  input?: JsonValue;
  /** The input step `from` runs with, instead of its resolved config. */
  stepInput?: JsonValue;
}

export async function replayRun(ctx: StoreContext, input: ReplayRunInput): Promise<RunRow> {
  const original = await ctx.db.selectFrom('runs').selectAll().where('id', '=', input.runId).executeTakeFirst();
  if (!original) throw new WeftError('run_not_found', `There is no run with id "${input.runId}".`, { fault: 'user' });
  const [recorded] = await resolvePayloads(ctx, original.id, [decodeJson(original.input)]);
  const replay = await insertRun(ctx, {
    flowId: original.flow_id,
    triggerKind: 'replay',
    input: input.input !== undefined ? input.input : (recorded ?? null),
    retryOf: original.id,
    ...(original.flow_version === null ? { draft: true } : { flowVersion: original.flow_version }),
  });
  const steps = await ctx.db.selectFrom('steps').selectAll().where('run_id', '=', original.id).execute();
  const kept = steps.filter((s) =>
    input.keep({ key: s.key, nodeId: s.node_id, status: s.status, ...(s.port === null ? {} : { port: s.port }) }),
  );
  if (kept.length) {
    // Out-of-line payloads stay under the same slots; those of steps that run again are not carried over.
    await copyStepBlobs(ctx, original.id, replay.id);
    const keptKeys = new Set(kept.map((s) => s.key));
    const slots = steps
      .filter((s) => !keptKeys.has(s.key))
      .flatMap((s) => [`step:${s.key}:input`, `step:${s.key}:output`]);
    for (let i = 0; i < slots.length; i += 500) {
      await ctx.db
        .deleteFrom('payload_blobs')
        .where('run_id', '=', replay.id)
        .where('slot', 'in', slots.slice(i, i + 500))
        .execute();
    }
    for (const step of kept)
      await ctx.db
        .insertInto('steps')
        .values({ ...step, run_id: replay.id })
        .execute();
  }
  const now = ctx.now();
  if (input.stepInput !== undefined) {
    const encoded = encodePayload(input.stepInput, limitsOf(ctx), {
      slot: `step:${input.from}:input`,
      what: `edited input of step "${input.from}"`,
    });
    await writeBlob(ctx, replay.id, encoded);
    await sql`insert into steps (run_id, key, node_id, status, attempt, input, output, error, port, started_at,
        ended_at, resumed)
      values (${replay.id}, ${input.from}, ${input.from}, 'running', 0, ${encoded.column}, null, null, null, ${now},
        null, 0)`.execute(ctx.db);
  }
  const edited = input.stepInput !== undefined || input.input !== undefined;
  await ctx.db
    .insertInto('logs')
    .values({
      run_id: replay.id,
      step_key: null,
      level: 'info',
      message: `replay of run ${original.id} from step "${input.from}"${edited ? ' with an edited input' : ''}`,
      at: now,
    })
    .execute();
  return replay;
}
