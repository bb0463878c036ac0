import { describe, expect, test } from 'vitest';
import type { StepRecord } from '@weft/core';
import { isTruncatedPayload } from './payload.js';
import type { Store } from './store.js';
import { DIALECTS, openTestStore, sampleFlow } from './test-support.js';

async function newRun(store: Store): Promise<string> {
  const flow = await store.flows.create({ definition: sampleFlow() });
  return (await store.runs.create({ flowId: flow.id, triggerKind: 'manual' })).id;
}

describe.each(DIALECTS)('run journal on %s', (dialect) => {
  test('saves a step and updates it in place by (run, key)', async () => {
    const { store } = await openTestStore(dialect);
    const runId = await newRun(store);
    const started: StepRecord = {
      runId,
      key: 'fetch',
      nodeId: 'fetch',
      status: 'running',
      attempt: 1,
      input: { url: 'x' },
      startedAt: 10,
    };
    await store.journal.saveStep(started);
    expect(await store.journal.loadSteps(runId)).toEqual([started]);
    const failed: StepRecord = {
      ...started,
      status: 'failed',
      attempt: 2,
      error: { code: 'http_503', message: 'unavailable', retryable: true },
      port: 'error',
      endedAt: 20,
    };
    await store.journal.saveStep(failed);
    expect(await store.journal.loadSteps(runId)).toEqual([failed]);
    const resumed: StepRecord = { ...started, attempt: 3, resumed: true };
    await store.journal.saveStep(resumed);
    expect(await store.journal.loadSteps(runId)).toEqual([resumed]);
  });

  test('records a step stopped by cancellation or shutdown as cancelled', async () => {
    const { store } = await openTestStore(dialect);
    const runId = await newRun(store);
    const stopped: StepRecord = {
      runId,
      key: 'wait',
      nodeId: 'wait',
      status: 'cancelled',
      attempt: 1,
      error: { code: 'cancelled', message: 'stopped before it finished' },
      startedAt: 1,
      endedAt: 2,
    };
    await store.journal.saveStep(stopped);
    expect(await store.journal.loadSteps(runId)).toEqual([stopped]);
  });

  test('loads steps in start order with loop keys, and only for that run', async () => {
    const { store } = await openTestStore(dialect);
    const runId = await newRun(store);
    const otherRun = await newRun(store);
    const step = (key: string, startedAt: number): StepRecord => ({
      runId,
      key,
      nodeId: key.split('/').at(-1)!,
      status: 'succeeded',
      attempt: 1,
      output: null,
      startedAt,
      endedAt: startedAt + 1,
    });
    await store.journal.saveStep(step('loop[1]/fetch', 3));
    await store.journal.saveStep(step('loop', 1));
    await store.journal.saveStep(step('loop[0]/fetch', 2));
    await store.journal.saveStep({ ...step('loop', 1), runId: otherRun });
    const steps = await store.journal.loadSteps(runId);
    expect(steps.map((s) => s.key)).toEqual(['loop', 'loop[0]/fetch', 'loop[1]/fetch']);
    // JSON null output survives the round trip (it is not "no output").
    expect(steps[0]?.output).toBeNull();
  });

  test('appends logs and lists them in order, tailing after an id', async () => {
    const { store } = await openTestStore(dialect);
    const runId = await newRun(store);
    await store.journal.appendLog({ runId, level: 'info', message: 'run started', at: 1 });
    await store.journal.appendLog({ runId, stepKey: 'map', level: 'warn', message: 'empty text', at: 2 });
    await store.journal.appendLog({ runId, stepKey: 'map', level: 'error', message: 'boom', at: 3 });
    const logs = await store.logs.list(runId);
    expect(logs.map(({ id: _id, ...log }) => log)).toEqual([
      { runId, level: 'info', message: 'run started', at: 1 },
      { runId, stepKey: 'map', level: 'warn', message: 'empty text', at: 2 },
      { runId, stepKey: 'map', level: 'error', message: 'boom', at: 3 },
    ]);
    expect(typeof logs[0]?.id).toBe('number');
    const tail = await store.logs.list(runId, { afterId: logs[0]!.id });
    expect(tail.map((l) => l.message)).toEqual(['empty text', 'boom']);
    expect((await store.logs.list(runId, { limit: 1 })).map((l) => l.message)).toEqual(['run started']);
    expect(await store.logs.list('run_other')).toEqual([]);
  });

  test('deleting a run deletes its steps and logs', async () => {
    const { store } = await openTestStore(dialect);
    const flow = await store.flows.create({ definition: sampleFlow() });
    const runId = (await store.runs.create({ flowId: flow.id, triggerKind: 'manual' })).id;
    await store.journal.saveStep({ runId, key: 'a', nodeId: 'a', status: 'running', attempt: 1, startedAt: 1 });
    await store.journal.appendLog({ runId, level: 'info', message: 'x', at: 1 });
    await store.flows.delete(flow.id);
    expect(await store.journal.loadSteps(runId)).toEqual([]);
    expect(await store.logs.list(runId)).toEqual([]);
  });

  test('keeps oversized step payloads whole for the engine; run input and output show a marker to readers', async () => {
    const { store } = await openTestStore(dialect, { maxPayloadBytes: 4096 });
    const flow = await store.flows.create({ definition: sampleFlow() });
    const big = { rows: 'é'.repeat(5000) };
    const bigBytes = Buffer.byteLength(JSON.stringify(big));
    const run = await store.runs.create({ flowId: flow.id, triggerKind: 'manual', input: big });
    await store.journal.saveStep({
      runId: run.id,
      key: 'a',
      nodeId: 'a',
      status: 'succeeded',
      attempt: 1,
      input: { small: true },
      output: big,
      startedAt: 1,
    });
    await store.runs.finish({ runId: run.id, status: 'succeeded', output: big });
    const [step] = await store.journal.loadSteps(run.id);
    expect(step?.input).toEqual({ small: true });
    expect(step?.output).toEqual(big);
    const stored = await store.runs.get(run.id);
    for (const value of [stored?.input, stored?.output]) {
      expect(isTruncatedPayload(value)).toBe(true);
      expect(value).toMatchObject({ $truncated: true, originalBytes: bigBytes });
      const preview = (value as { preview: string }).preview;
      expect(Buffer.byteLength(preview)).toBeLessThanOrEqual(1024);
      expect(JSON.stringify(big).startsWith(preview)).toBe(true);
    }
  });

  test('an oversized error keeps its code and a cut message; an oversized log message is cut', async () => {
    const { store } = await openTestStore(dialect, { maxPayloadBytes: 2048 });
    const runId = await newRun(store);
    const error = {
      code: 'script_runtime',
      message: 'x'.repeat(5000),
      fault: 'user' as const,
      details: { a: 'y'.repeat(5000) },
    };
    await store.journal.saveStep({ runId, key: 'a', nodeId: 'a', status: 'failed', attempt: 1, error, startedAt: 1 });
    const [step] = await store.journal.loadSteps(runId);
    expect(step?.error).toMatchObject({ code: 'script_runtime', fault: 'user', details: { $truncated: true } });
    expect(step?.error?.message).toHaveLength(1024);
    await store.journal.appendLog({ runId, level: 'info', message: 'z'.repeat(10_000), at: 1 });
    const [log] = await store.logs.list(runId);
    expect(log?.message).toMatch(/^z{2048}… \[truncated, 10000 bytes\]$/);
  });
});
