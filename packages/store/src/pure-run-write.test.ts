// A run executed in memory is stored whole in one write: delivery, run, steps and logs in one transaction of a
// few statements; a redelivery keeps nothing of the second run; a journal buffer also rides along with finish.
import type { StepRecord } from '@weft/core';
import { describe, expect, test } from 'vitest';
import { newRunId } from './ids.js';
import type { JournalBuffer } from './journal-buffer.js';
import type { Store } from './store.js';
import { DIALECTS, openTestStore, publishedFlow } from './test-support.js';

async function threeSteps(journal: JournalBuffer, at: number): Promise<void> {
  const step = (key: string, output: StepRecord['output']): StepRecord => ({
    runId: journal.runId,
    key,
    nodeId: key,
    status: 'succeeded',
    attempt: 1,
    output,
    port: 'success',
    startedAt: at,
    endedAt: at,
  });
  await journal.saveStep(step('hook', { body: { name: 'x' } }));
  await journal.saveStep(step('map', { greeting: 'hello x' }));
  await journal.saveStep(step('reply', { status: 200, headers: {}, body: { greeting: 'hello x' } }));
}

function finished(store: Store, flowId: string, runId: string, journal: JournalBuffer, providerEventId?: string) {
  return store.webhookEvents.receiveFinished({
    flowId,
    flowVersion: 1,
    headers: { 'content-type': 'application/json' },
    body: '{"name":"x"}',
    input: { body: { name: 'x' } },
    ...(providerEventId ? { providerEventId } : {}),
    runId,
    startedAt: 1,
    status: 'succeeded',
    output: { greeting: 'hello x' },
    journal,
  });
}

test('a pure run is stored on SQLite in at most 3 statements and 1 commit', async () => {
  const statements: string[] = [];
  const { store, clock } = await openTestStore('sqlite', { onStatement: (sql) => statements.push(sql) });
  const flowId = await publishedFlow(store);
  const runId = newRunId(clock.now());
  const journal = store.journal.buffer(runId);
  await threeSteps(journal, clock.now());

  statements.length = 0;
  const received = await finished(store, flowId, runId, journal, 'evt-1');

  const transaction = statements.filter((s) => /^(begin|commit)/i.test(s.trim()));
  expect(transaction.map((s) => s.trim().toLowerCase())).toEqual(['begin immediate', 'commit']);
  expect(statements.length - transaction.length).toBeLessThanOrEqual(3);
  expect(received).toMatchObject({ runId, duplicate: false });
});

describe.each(DIALECTS)('runs written once on %s', (dialect) => {
  test('the delivery, the finished run and its steps and logs are stored together', async () => {
    const { store, clock } = await openTestStore(dialect);
    const flowId = await publishedFlow(store);
    const runId = newRunId(clock.now());
    const journal = store.journal.buffer(runId);
    await threeSteps(journal, clock.now());
    await journal.appendLog({ runId, stepKey: 'map', level: 'info', message: 'mapped', at: clock.now() });

    const received = await finished(store, flowId, runId, journal, 'evt-1');

    expect(await store.runs.get(runId)).toMatchObject({
      status: 'succeeded',
      flowVersion: 1,
      output: { greeting: 'hello x' },
      input: { body: { name: 'x' } },
    });
    expect((await store.journal.listSteps(runId)).map((s) => [s.key, s.status])).toEqual([
      ['hook', 'succeeded'],
      ['map', 'succeeded'],
      ['reply', 'succeeded'],
    ]);
    expect((await store.logs.list(runId)).map((l) => l.message)).toEqual(['mapped']);
    expect((await store.webhookEvents.get(received.eventId))?.runId).toBe(runId);
  });

  test('a redelivery keeps nothing of its own run and answers with the original', async () => {
    const { store, clock } = await openTestStore(dialect);
    const flowId = await publishedFlow(store);
    const first = newRunId(clock.now());
    const firstJournal = store.journal.buffer(first);
    await threeSteps(firstJournal, clock.now());
    await finished(store, flowId, first, firstJournal, 'evt-1');
    const second = newRunId(clock.now());
    const secondJournal = store.journal.buffer(second);
    await threeSteps(secondJournal, clock.now());

    expect(await finished(store, flowId, second, secondJournal, 'evt-1')).toMatchObject({
      runId: first,
      duplicate: true,
    });
    expect(await store.runs.get(second)).toBeUndefined();
    expect(await store.journal.listSteps(second)).toEqual([]);
  });

  test('a buffered journal is written with the final status, replacing what an earlier attempt journaled', async () => {
    const { store } = await openTestStore(dialect);
    const flowId = await publishedFlow(store);
    const run = await store.runs.create({ flowId, triggerKind: 'webhook', claim: { workerId: 'w', leaseMs: 1000 } });
    await store.journal.saveStep({
      runId: run.id,
      key: 'map',
      nodeId: 'map',
      status: 'running',
      attempt: 1,
      startedAt: 1,
    });
    const journal = store.journal.buffer(run.id);
    expect((await journal.loadSteps(run.id)).map((s) => s.status)).toEqual(['running']);
    await threeSteps(journal, 2);

    expect(await store.runs.finish({ runId: run.id, status: 'succeeded', workerId: 'w', journal })).toBe(true);
    expect((await store.journal.listSteps(run.id)).map((s) => [s.key, s.status])).toEqual([
      ['hook', 'succeeded'],
      ['map', 'succeeded'],
      ['reply', 'succeeded'],
    ]);
  });
});
