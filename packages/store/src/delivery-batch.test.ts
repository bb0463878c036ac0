// On PostgreSQL, webhook deliveries stored at the same time (runs executed in memory, or claimed to execute) share
// one statement (one round trip, one commit): every run is stored exactly once with its steps and logs in order, a
// redelivery in the same group keeps nothing, and a run that cannot be stored fails alone.
import type { StepRecord } from '@weft/core';
import { expect, test } from 'vitest';
import { newRunId } from './ids.js';
import type { Store } from './store.js';
import { openTestStore, publishedFlow, type FakeClock } from './test-support.js';

async function finish(store: Store, clock: FakeClock, flowId: string, eventId?: string, logs = 0) {
  const runId = newRunId(clock.now());
  const journal = store.journal.buffer(runId);
  const step = (key: string): StepRecord => ({
    runId,
    key,
    nodeId: key,
    status: 'succeeded',
    attempt: 1,
    output: { key },
    port: 'success',
    startedAt: clock.now(),
    endedAt: clock.now(),
  });
  await journal.saveStep(step('hook'));
  await journal.saveStep(step('map'));
  for (let i = 0; i < logs; i++)
    await journal.appendLog({ runId, stepKey: 'map', level: 'info', message: `log ${i}`, at: clock.now() });
  return store.webhookEvents.receiveFinished({
    flowId,
    flowVersion: 1,
    headers: { 'content-type': 'application/json', 'x-quote': `it's "quoted" \\ {a,b}` },
    body: '{"name":"x"}',
    input: { body: { name: 'x' } },
    ...(eventId === undefined ? {} : { providerEventId: eventId }),
    runId,
    startedAt: clock.now(),
    status: 'succeeded',
    output: { greeting: 'hello x' },
    journal,
  });
}

test('twenty pure runs finishing together on PostgreSQL are stored in one statement, each exactly once', async () => {
  const statements: string[] = [];
  const { store, clock } = await openTestStore('postgres', { onStatement: (sql) => statements.push(sql) });
  const flowId = await publishedFlow(store);

  statements.length = 0;
  const received = await Promise.all(
    Array.from({ length: 20 }, (_, i) => finish(store, clock, flowId, `e${i}`, i % 3)),
  );

  expect(statements.filter((s) => /^\s*(begin|commit)/i.test(s))).toEqual([]);
  expect(statements).toHaveLength(1);
  expect(new Set(received.map((r) => r.runId)).size).toBe(20);
  expect(received.every((r) => !r.duplicate)).toBe(true);
  const page = await store.runs.list({ flowId, limit: 100 });
  expect(page.items.map((r) => r.status).sort()).toEqual(Array(20).fill('succeeded'));
  for (const [i, r] of received.entries()) {
    expect((await store.journal.listSteps(r.runId)).map((s) => s.key)).toEqual(['hook', 'map']);
    expect((await store.logs.list(r.runId)).map((l) => l.message)).toEqual(
      Array.from({ length: i % 3 }, (_, n) => `log ${n}`),
    );
    const event = await store.webhookEvents.get(r.eventId);
    expect(event).toMatchObject({ runId: r.runId, providerEventId: `e${i}` });
    expect(event?.headers['x-quote']).toBe(`it's "quoted" \\ {a,b}`);
  }
});

test('two deliveries of one event in the same group on PostgreSQL store one run; the other answers with it', async () => {
  const { store, clock } = await openTestStore('postgres');
  const flowId = await publishedFlow(store);

  const [first, second, other] = await Promise.all([
    finish(store, clock, flowId, 'same'),
    finish(store, clock, flowId, 'same'),
    finish(store, clock, flowId),
  ]);

  expect([first!.duplicate, second!.duplicate].sort()).toEqual([false, true]);
  expect(first!.runId).toBe(second!.runId);
  expect(other!.duplicate).toBe(false);
  expect((await store.runs.list({ flowId, limit: 10 })).items).toHaveLength(2);
});

test('a run of a deleted flow fails alone; the runs in its group are stored', async () => {
  const { store, clock } = await openTestStore('postgres');
  const flowId = await publishedFlow(store);
  const gone = await publishedFlow(store, 'gone');
  await store.flows.delete(gone);

  const results = await Promise.allSettled([
    finish(store, clock, flowId, 'a'),
    finish(store, clock, gone, 'b'),
    finish(store, clock, flowId, 'c'),
  ]);

  expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
  expect((await store.runs.list({ flowId, limit: 10 })).items).toHaveLength(2);
});

test('deliveries received together on PostgreSQL store their claimed runs in one statement; a redelivery gets the original', async () => {
  const statements: string[] = [];
  const { store } = await openTestStore('postgres', { onStatement: (sql) => statements.push(sql) });
  const flowId = await publishedFlow(store);
  const receive = (eventId: string) =>
    store.webhookEvents.receive({
      flowId,
      flowVersion: 1,
      versionChecked: true,
      headers: {},
      body: '{}',
      input: { body: { eventId } },
      providerEventId: eventId,
      claim: { workerId: 'w1', leaseMs: 30_000 },
    });

  statements.length = 0;
  const received = await Promise.all([...Array.from({ length: 10 }, (_, i) => receive(`r${i}`)), receive('r0')]);

  expect(statements).toHaveLength(2); // the group, then the lookup of the original of the redelivery
  expect(received.filter((r) => r.duplicate)).toHaveLength(1);
  expect(received[10]!.runId).toBe(received[0]!.runId);
  for (const r of received.slice(0, 10)) {
    expect(r.run).toMatchObject({
      status: 'running',
      claimedBy: 'w1',
      input: { body: { eventId: expect.any(String) } },
    });
    expect(await store.runs.get(r.runId)).toMatchObject({ status: 'running', flowVersion: 1 });
  }
  expect((await store.runs.list({ flowId, limit: 100 })).items).toHaveLength(10);
});
