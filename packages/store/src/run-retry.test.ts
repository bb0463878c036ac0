import { describe, expect, test } from 'vitest';
import { DIALECTS, openTestStore, sampleFlow } from './test-support.js';

describe.each(DIALECTS)('run retry and draft runs on %s', (dialect) => {
  test('a draft run ignores the published version', async () => {
    const { store } = await openTestStore(dialect);
    const flow = await store.flows.create({ definition: sampleFlow() });
    await store.flows.publish(flow.id);
    expect(
      (await store.runs.create({ flowId: flow.id, triggerKind: 'test', draft: true })).flowVersion,
    ).toBeUndefined();
  });

  test('retry queues a run with the same version and input and carries over finished steps only', async () => {
    const { store } = await openTestStore(dialect);
    const flow = await store.flows.create({ definition: sampleFlow() });
    await store.flows.publish(flow.id);
    const run = await store.runs.create({ flowId: flow.id, triggerKind: 'webhook', input: { n: 1 } });
    const base = { runId: run.id, attempt: 1, startedAt: 1, endedAt: 2 };
    await store.journal.saveStep({
      ...base,
      key: 'a',
      nodeId: 'a',
      status: 'succeeded',
      output: { ok: 1 },
      port: 'success',
    });
    await store.journal.saveStep({ ...base, key: 'b', nodeId: 'b', status: 'skipped' });
    await store.journal.saveStep({
      ...base,
      key: 'c',
      nodeId: 'c',
      status: 'failed',
      error: { code: 'x', message: 'continued' },
      port: 'success',
    });
    await store.journal.saveStep({
      ...base,
      key: 'd',
      nodeId: 'd',
      status: 'failed',
      error: { code: 'x', message: 'fatal' },
    });
    await store.runs.finish({ runId: run.id, status: 'failed', error: { code: 'x', message: 'fatal' } });

    const retry = await store.runs.retry(run.id);
    expect(retry).toMatchObject({
      flowId: flow.id,
      flowVersion: 1,
      status: 'queued',
      triggerKind: 'retry',
      retryOf: run.id,
      input: { n: 1 },
    });
    const steps = await store.journal.loadSteps(retry.id);
    expect(steps.map((s) => `${s.key}:${s.status}`).sort()).toEqual(['a:succeeded', 'b:skipped', 'c:failed']);
    expect(steps.find((s) => s.key === 'a')).toMatchObject({ runId: retry.id, output: { ok: 1 }, port: 'success' });
    await expect(store.runs.retry('run_missing')).rejects.toMatchObject({ code: 'run_not_found' });
  });

  test('a retry of the current version runs the live version from the start, linked to the failed run', async () => {
    const { store } = await openTestStore(dialect);
    const flow = await store.flows.create({ definition: sampleFlow() });
    await store.flows.publish(flow.id);
    const run = await store.runs.create({ flowId: flow.id, triggerKind: 'webhook', input: { n: 1 } });
    const step = { runId: run.id, attempt: 1, startedAt: 1, endedAt: 2, key: 'a', nodeId: 'a' };
    await store.journal.saveStep({ ...step, status: 'succeeded', output: { ok: 1 }, port: 'success' });
    await store.runs.finish({ runId: run.id, status: 'failed', error: { code: 'x', message: 'fatal' } });
    await store.flows.publish(flow.id);

    const current = await store.runs.retry(run.id, { version: 'current' });
    expect(current).toMatchObject({ flowVersion: 2, retryOf: run.id, input: { n: 1 }, triggerKind: 'retry' });
    expect(await store.journal.loadSteps(current.id)).toEqual([]);
    const original = await store.runs.retry(run.id, { version: 'original' });
    expect(original).toMatchObject({ flowVersion: 1, retryOf: run.id });
    expect((await store.journal.loadSteps(original.id)).map((s) => s.key)).toEqual(['a']);
  });

  test('a test run of the draft retried on the current version starts the draft over; the original keeps its steps', async () => {
    const { store } = await openTestStore(dialect);
    const flow = await store.flows.create({ definition: sampleFlow() });
    const run = await store.runs.create({ flowId: flow.id, triggerKind: 'test', draft: true, input: { n: 2 } });
    const step = { runId: run.id, attempt: 1, startedAt: 1, endedAt: 2, key: 'a', nodeId: 'a' };
    await store.journal.saveStep({ ...step, status: 'succeeded', output: { ok: 1 }, port: 'success' });
    await store.runs.finish({ runId: run.id, status: 'failed', error: { code: 'x', message: 'fatal' } });

    const current = await store.runs.retry(run.id, { version: 'current' });
    expect(current.flowVersion).toBeUndefined();
    expect(current).toMatchObject({ retryOf: run.id, input: { n: 2 } });
    expect(await store.journal.loadSteps(current.id)).toEqual([]);
    const original = await store.runs.retry(run.id);
    expect((await store.journal.loadSteps(original.id)).map((s) => s.key)).toEqual(['a']);
  });

  test('runs of the draft (tests) can be left out of a listing', async () => {
    const { store } = await openTestStore(dialect);
    const flow = await store.flows.create({ definition: sampleFlow() });
    await store.flows.publish(flow.id);
    const live = await store.runs.create({ flowId: flow.id, triggerKind: 'webhook' });
    const test = await store.runs.create({ flowId: flow.id, triggerKind: 'test', draft: true });
    const ids = async (tests?: boolean) =>
      (await store.runs.list({ flowId: flow.id, ...(tests === undefined ? {} : { tests }) })).items.map((r) => r.id);
    expect(await ids()).toEqual([test.id, live.id].sort().reverse());
    expect(await ids(false)).toEqual([live.id]);
  });
});
