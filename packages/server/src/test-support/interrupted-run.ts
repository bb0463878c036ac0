// What a worker killed mid-step leaves behind: its run claimed with a lease that has already expired, the trigger
// step done and one step journaled as running. Written in one transaction, so that a recovery timer cannot take
// the run over before the interrupted step is there.
import type { JsonValue } from '@weft/core';
import type { RunRow, Store } from '@weft/store';

export function seedInterruptedRun(
  store: Store,
  run: { flowId: string; input: JsonValue; runningStep: string },
): Promise<RunRow> {
  return store.transaction(async (tx) => {
    const created = await tx.runs.create({
      flowId: run.flowId,
      triggerKind: 'webhook',
      input: run.input,
      claim: { workerId: 'worker-dead', leaseMs: 1 },
    });
    const at = Date.now();
    await tx.journal.saveStep({
      runId: created.id,
      key: 'hook',
      nodeId: 'hook',
      status: 'succeeded',
      attempt: 1,
      output: run.input,
      port: 'success',
      startedAt: at,
      endedAt: at,
    });
    await tx.journal.saveStep({
      runId: created.id,
      key: run.runningStep,
      nodeId: run.runningStep,
      status: 'running',
      attempt: 1,
      input: {},
      startedAt: at,
    });
    return created;
  });
}
