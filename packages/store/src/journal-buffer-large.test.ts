// A buffered journal of a large run (a pure forEach over thousands of items) is written whatever its size: on
// PostgreSQL one statement takes at most 65,535 parameters, so the steps cannot go in one multi-row insert.
import { describe, expect, test } from 'vitest';
import { DIALECTS, openTestStore, publishedFlow } from './test-support.js';

describe.each(DIALECTS)('a large buffered journal on %s', (dialect) => {
  test('finishes a run with 7,000 buffered steps and 7,000 logs', async () => {
    const { store } = await openTestStore(dialect);
    const flowId = await publishedFlow(store);
    const run = await store.runs.create({ flowId, triggerKind: 'test', claim: { workerId: 'w', leaseMs: 60_000 } });
    const journal = store.journal.buffer(run.id);
    for (let i = 0; i < 7000; i++) {
      const key = `loop[${i}]/line`;
      await journal.saveStep({
        runId: run.id,
        key,
        nodeId: 'line',
        status: 'succeeded',
        attempt: 1,
        input: { i },
        output: { i },
        port: 'success',
        startedAt: i,
        endedAt: i,
      });
      await journal.appendLog({ runId: run.id, stepKey: key, level: 'info', message: `item ${i}`, at: i });
    }
    expect(await store.runs.finish({ runId: run.id, status: 'succeeded', workerId: 'w', journal })).toBe(true);
    expect(await store.journal.listSteps(run.id)).toHaveLength(7000);
    expect(await store.logs.list(run.id, { limit: 10_000 })).toHaveLength(7000);
  });
});
