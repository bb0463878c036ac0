import { describe, expect, test } from 'vitest';
import { DIALECTS, openTestStore, sampleFlow } from './test-support.js';

describe.each(DIALECTS)('run replay on %s', (dialect) => {
  test('queues a linked run that keeps the steps the caller keeps and holds the edited input as a prepared step', async () => {
    const { store } = await openTestStore(dialect, { maxPayloadBytes: 64 });
    const flow = await store.flows.create({ definition: sampleFlow() });
    await store.flows.publish(flow.id);
    const run = await store.runs.create({ flowId: flow.id, triggerKind: 'webhook', input: { n: 1 } });
    const base = { runId: run.id, attempt: 1, startedAt: 1, endedAt: 2, port: 'success' };
    const big = { text: 'x'.repeat(200) };
    await store.journal.saveStep({ ...base, key: 'a', nodeId: 'a', status: 'succeeded', output: big });
    await store.journal.saveStep({ ...base, key: 'b', nodeId: 'b', status: 'succeeded', input: big, output: { b: 1 } });
    await store.runs.finish({ runId: run.id, status: 'succeeded' });

    const replay = await store.runs.replay({
      runId: run.id,
      from: 'b',
      keep: (step) => step.nodeId !== 'b',
      stepInput: { edited: 'y'.repeat(100) },
    });
    expect(replay).toMatchObject({
      flowVersion: 1,
      status: 'queued',
      triggerKind: 'replay',
      retryOf: run.id,
      input: { n: 1 },
    });
    const steps = await store.journal.loadSteps(replay.id);
    expect(steps.find((s) => s.key === 'a')).toMatchObject({ status: 'succeeded', output: big, startedAt: 1 });
    expect(steps.find((s) => s.key === 'b')).toMatchObject({
      status: 'running',
      attempt: 0,
      input: { edited: 'y'.repeat(100) },
    });
    expect(steps.find((s) => s.key === 'b')!.output).toBeUndefined();
    expect((await store.logs.list(replay.id)).map((l) => l.message)).toEqual([
      `replay of run ${run.id} from step "b" with an edited input`,
    ]);
    await expect(store.runs.replay({ runId: 'run_missing', from: 'a', keep: () => true })).rejects.toMatchObject({
      code: 'run_not_found',
    });
  });
});
