// Payloads larger than the inline limit: kept in full out of line and read back whole by the engine (resume,
// claim), shown as a marker with a preview to API readers, and refused above the hard cap.
import { describe, expect, test } from 'vitest';
import { executeFlow, type FlowDefinition, type JsonValue, type MappingSandbox, type StepRecord } from '@weft/core';
import { isTruncatedPayload } from './payload.js';
import { DIALECTS, openTestStore, sampleFlow } from './test-support.js';

const big = { rows: Array.from({ length: 800 }, (_, i) => ({ id: i, name: `row ${i} é` })) };
const bigBytes = Buffer.byteLength(JSON.stringify(big));

/** A first attempt of step `key` of run `runId` that succeeded with the big payload as its output. */
function bigOutputStep(runId: string, key: string, startedAt: number, more: Partial<StepRecord> = {}): StepRecord {
  const output = big as unknown as JsonValue;
  return { runId, key, nodeId: key, status: 'succeeded', attempt: 1, output, port: 'success', startedAt, ...more };
}

/** Just enough of a sandbox for the flow below (its one code step counts the rows it got). */
const sandbox: MappingSandbox = {
  render: async (template) => ({ value: template, logs: [] }),
  async runCode(_code, scope) {
    const rows = (scope.steps.fetch as { rows?: unknown } | undefined)?.rows;
    return { value: Array.isArray(rows) ? rows.length : { got: scope.steps.fetch ?? null }, logs: [] };
  },
};

describe.each(DIALECTS)('large payloads on %s', (dialect) => {
  test('a step output over the inline limit is stored in full and read back whole on resume', async () => {
    expect(bigBytes).toBeGreaterThan(4096);
    const { store } = await openTestStore(dialect, { maxPayloadBytes: 4096 });
    const definition: FlowDefinition = {
      ...sampleFlow(),
      steps: [
        { id: 'fetch', use: 'api@1.fetch' },
        { id: 'count', use: 'transform.code', config: { code: 'return steps.fetch.rows.length' } },
      ],
      edges: [
        { from: 'hook', to: 'fetch' },
        { from: 'fetch', to: 'count' },
      ],
    };
    const flow = await store.flows.create({ definition });
    const run = await store.runs.create({ flowId: flow.id, triggerKind: 'manual', draft: true, input: big });
    // The first worker finished `fetch` and died: the journal holds it, nothing else.
    await store.journal.saveStep(bigOutputStep(run.id, 'hook', 1, { endedAt: 1 }));
    await store.journal.saveStep(bigOutputStep(run.id, 'fetch', 2, { input: {}, endedAt: 3 }));

    const claimed = await store.runs.claimNext({ workerId: 'w2', leaseMs: 1000 });
    expect(claimed?.input).toEqual(big);
    const steps = await store.journal.loadSteps(run.id);
    expect(steps.find((s) => s.key === 'fetch')?.output).toEqual(big);

    const outcome = await executeFlow({
      flow: definition,
      runId: run.id,
      input: claimed!.input!,
      sandbox,
      journal: store.journal,
      actions: { resolve: () => async () => ({ never: 'called' }) },
    });
    expect(outcome).toMatchObject({ status: 'succeeded', output: 800 });
    await store.runs.finish({ runId: run.id, status: 'succeeded', output: big });

    // API readers see a marker with a preview instead of megabytes.
    const shown = await store.runs.get(run.id);
    for (const value of [shown?.input, shown?.output]) {
      expect(isTruncatedPayload(value)).toBe(true);
      expect(value).toMatchObject({ originalBytes: bigBytes });
    }
  });

  test('a retry of the run reads the copied large outputs whole', async () => {
    const { store } = await openTestStore(dialect, { maxPayloadBytes: 4096 });
    const flow = await store.flows.create({ definition: sampleFlow() });
    const run = await store.runs.create({ flowId: flow.id, triggerKind: 'manual', draft: true, input: big });
    await store.journal.saveStep(bigOutputStep(run.id, 'map', 1));
    await store.runs.finish({ runId: run.id, status: 'failed', error: { code: 'x', message: 'later step failed' } });
    const retry = await store.runs.retry(run.id);
    const [copied] = await store.journal.loadSteps(retry.id);
    expect(copied?.output).toEqual(big);
    expect((await store.runs.claimNext({ workerId: 'w', leaseMs: 1000 }))?.input).toEqual(big);
  });

  test('a payload over the hard cap is refused with payload_too_large, naming the limit', async () => {
    const { store } = await openTestStore(dialect, { maxPayloadBytes: 1024, maxStoredPayloadBytes: 4096 });
    const flow = await store.flows.create({ definition: sampleFlow() });
    const run = await store.runs.create({ flowId: flow.id, triggerKind: 'manual' });
    const saving = store.journal.saveStep({
      runId: run.id,
      key: 'map',
      nodeId: 'map',
      status: 'succeeded',
      attempt: 1,
      output: big,
      startedAt: 1,
    });
    await expect(saving).rejects.toMatchObject({
      code: 'payload_too_large',
      fault: 'user',
      retryable: false,
      message: expect.stringMatching(/output of step "map" is \d+ bytes.*limit of 4096 bytes/),
    });
    expect(await store.journal.loadSteps(run.id)).toEqual([]);
  });
});

describe('a step whose output is over the hard cap', () => {
  test('fails with payload_too_large (its onError applies) instead of storing a part of it', async () => {
    const { store } = await openTestStore('sqlite', { maxPayloadBytes: 1024, maxStoredPayloadBytes: 4096 });
    const definition: FlowDefinition = {
      ...sampleFlow(),
      steps: [{ id: 'fetch', use: 'api@1.fetch' }],
      edges: [{ from: 'hook', to: 'fetch' }],
    };
    const flow = await store.flows.create({ definition });
    const run = await store.runs.create({ flowId: flow.id, triggerKind: 'manual', draft: true });
    const outcome = await executeFlow({
      flow: definition,
      runId: run.id,
      input: null,
      sandbox,
      journal: store.journal,
      actions: { resolve: () => async () => big as unknown as JsonValue },
    });
    expect(outcome).toMatchObject({
      status: 'failed',
      error: { code: 'payload_too_large', nodeId: 'fetch', message: expect.stringContaining('output of step "fetch"') },
    });
    const fetch = (await store.journal.loadSteps(run.id)).find((step) => step.key === 'fetch');
    expect(fetch).toMatchObject({ key: 'fetch', status: 'failed', error: { code: 'payload_too_large' } });
    expect(fetch?.output).toBeUndefined();
  });
});
