// On PostgreSQL, runs finishing together are finished by one statement (one round trip, one commit): each only by
// the worker holding it, with the journal it kept in memory replacing what an earlier execution journaled.
import type { StepRecord } from '@weft/core';
import { expect, test } from 'vitest';
import { openTestStore, publishedFlow } from './test-support.js';

test('eight runs finishing together on PostgreSQL take one statement; a run held by another worker stays', async () => {
  const statements: string[] = [];
  const { store } = await openTestStore('postgres', { onStatement: (sql) => statements.push(sql) });
  const flowId = await publishedFlow(store);
  const claim = { workerId: 'w1', leaseMs: 30_000 };
  const runs = await Promise.all(
    Array.from({ length: 8 }, () => store.runs.create({ flowId, triggerKind: 'webhook', claim })),
  );
  await store.journal.saveStep({
    runId: runs[0]!.id,
    key: 'map',
    nodeId: 'map',
    status: 'running',
    attempt: 1,
    startedAt: 1,
  });
  const finish = async (runId: string, i: number) => {
    const journal = store.journal.buffer(runId);
    const step: StepRecord = {
      runId,
      key: 'map',
      nodeId: 'map',
      status: 'succeeded',
      attempt: 1,
      output: { i },
      startedAt: 2,
      endedAt: 3,
    };
    await journal.saveStep(step);
    await journal.appendLog({ runId, stepKey: 'map', level: 'info', message: `run ${i}`, at: 3 });
    return store.runs.finish({ runId, status: 'succeeded', output: { i }, workerId: i === 7 ? 'w2' : 'w1', journal });
  };

  statements.length = 0;
  const finished = await Promise.all(runs.map((run, i) => finish(run.id, i)));

  expect(statements).toHaveLength(1);
  expect(finished).toEqual([true, true, true, true, true, true, true, false]);
  for (const [i, run] of runs.entries()) {
    const stored = await store.runs.get(run.id);
    const steps = await store.journal.listSteps(run.id);
    if (i === 7) {
      expect(stored).toMatchObject({ status: 'running' });
      expect(steps).toEqual([]);
      continue;
    }
    expect(stored).toMatchObject({ status: 'succeeded', output: { i } });
    expect(steps.map((s) => [s.key, s.status, s.output])).toEqual([['map', 'succeeded', { i }]]);
    expect((await store.logs.list(run.id)).map((l) => l.message)).toEqual([`run ${i}`]);
  }
});
