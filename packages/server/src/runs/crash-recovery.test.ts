// Crash recovery as an operator sees it: a run whose worker died is taken over when its lease expires, its
// in-flight step runs again as attempt 2 marked resumed (journal, live event, run log) with the same
// idempotency key, and the server log says so, with run and flow ids and never the run's data.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { pino } from 'pino';
import { afterEach, expect, test } from 'vitest';
import type { ActionContext, FlowDefinition, MappingSandbox } from '@weft/core';
import { openStore, type Store } from '@weft/store';
import { seedInterruptedRun } from '../test-support/interrupted-run.js';
import { RunEventBus, type FlowRunEvent } from './event-bus.js';
import { RunWorker } from './run-worker.js';

const cleanup: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const step of cleanup.splice(0).reverse()) await step();
});

const noSandbox: MappingSandbox = {
  render: () => Promise.reject(new Error('no mappings in this flow')),
  runCode: () => Promise.reject(new Error('no code in this flow')),
};

const flow: FlowDefinition = {
  schema: 'weft.flow/v1',
  name: 'charge',
  trigger: { id: 'hook', connector: 'webhook@1', trigger: 'event' },
  steps: [{ id: 'charge', use: 'api@1.charge' }],
  edges: [{ from: 'hook', to: 'charge' }],
};

async function tempStore(): Promise<Store> {
  const dir = await mkdtemp(join(tmpdir(), 'weft-recovery-'));
  const store = await openStore({ url: join(dir, 'weft.db') });
  cleanup.push(
    () => rm(dir, { recursive: true, force: true }),
    () => store.close(),
  );
  return store;
}

test('a run whose worker died is taken over, resumed as attempt 2 and logged with its ids', async () => {
  const store = await tempStore();
  await store.flows.create({ id: 'charge', definition: flow });
  await store.flows.publish('charge');
  // The dead worker had started `charge` (journaled as running) when it was killed.
  const run = await seedInterruptedRun(store, {
    flowId: 'charge',
    input: { card: 'secret-card-4242' },
    runningStep: 'charge',
  });

  const lines: Record<string, unknown>[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(JSON.parse(chunk.toString()) as Record<string, unknown>);
      done();
    },
  });
  const calls: ActionContext[] = [];
  const bus = new RunEventBus();
  const events: FlowRunEvent[] = [];
  bus.subscribe('*', (event) => events.push(event));
  const worker = new RunWorker({
    store,
    sandbox: noSandbox,
    bus,
    logger: pino({ level: 'info' }, sink),
    leaseMs: 5000,
    pollMs: 10,
    workerId: 'worker-new',
    actions: {
      resolve: () => async (ctx) => {
        calls.push(ctx);
        return { charged: true };
      },
    },
  });
  worker.start();
  cleanup.push(() => worker.stop());
  while (!['succeeded', 'failed'].includes((await store.runs.get(run.id))?.status ?? '')) {
    await new Promise((r) => setTimeout(r, 10));
  }

  expect((await store.runs.get(run.id))?.status).toBe('succeeded');
  expect(calls.map((c) => [c.attempt, c.idempotencyKey])).toEqual([[2, `${run.id}:charge`]]);
  const charge = (await store.journal.listSteps(run.id)).find((s) => s.key === 'charge');
  expect(charge).toMatchObject({ status: 'succeeded', attempt: 2, resumed: true });
  expect((await store.logs.list(run.id)).map((l) => l.message)).toContain(
    'attempt 2: resumed after interruption (attempt 1 was in flight when the run stopped)',
  );
  expect(events).toContainEqual(
    expect.objectContaining({ type: 'step.resumed', runId: run.id, flowId: 'charge', key: 'charge', attempt: 2 }),
  );

  expect(lines).toContainEqual(
    expect.objectContaining({
      msg: 'lease taken over: resuming a run whose worker stopped',
      runId: run.id,
      flowId: 'charge',
      previousWorker: 'worker-dead',
      reason: 'lease expired',
    }),
  );
  expect(lines).toContainEqual(
    expect.objectContaining({
      msg: 'step resumed after interruption',
      runId: run.id,
      flowId: 'charge',
      stepKey: 'charge',
      attempt: 2,
      previousAttempt: 1,
    }),
  );
  expect(JSON.stringify(lines)).not.toContain('secret-card-4242');
});

test('a pure run whose worker died before its end is taken over and run again whole, its steps written at the end', async () => {
  const store = await tempStore();
  const pure: FlowDefinition = {
    schema: 'weft.flow/v1',
    name: 'pure',
    trigger: { id: 'hook', connector: 'webhook@1', trigger: 'event' },
    steps: [{ id: 'map', use: 'transform.map', config: { total: 3 } }],
    edges: [{ from: 'hook', to: 'map' }],
  };
  await store.flows.create({ id: 'pure', definition: pure });
  await store.flows.publish('pure');
  // Accepted (stored, held by the dead worker's lease); its journal was in memory, so nothing of it is stored.
  const run = await store.runs.create({
    flowId: 'pure',
    triggerKind: 'webhook',
    input: { n: 1 },
    claim: { workerId: 'worker-dead', leaseMs: 1 },
  });
  const worker = new RunWorker({
    store,
    sandbox: { ...noSandbox, render: (template) => Promise.resolve({ value: template, logs: [] }) },
    bus: new RunEventBus(),
    logger: pino({ level: 'silent' }),
    leaseMs: 5000,
    workerId: 'worker-new',
  });
  worker.start();
  cleanup.push(() => worker.stop());
  while ((await store.runs.get(run.id))?.status !== 'succeeded') await new Promise((r) => setTimeout(r, 10));

  expect(await store.runs.get(run.id)).toMatchObject({ claimedBy: 'worker-new', output: { total: 3 } });
  expect((await store.journal.listSteps(run.id)).map((s) => [s.key, s.status, s.attempt])).toEqual([
    ['hook', 'succeeded', 1],
    ['map', 'succeeded', 1],
  ]);
});

test('a stopping worker keeps renewing the leases of the runs it lets finish, so no one takes them over', async () => {
  const store = await tempStore();
  await store.flows.create({ id: 'charge', definition: flow });
  await store.flows.publish('charge');
  const run = await store.runs.create({ flowId: 'charge', triggerKind: 'manual', input: {} });
  let open: () => void = () => undefined;
  const gate = new Promise<void>((resolve) => (open = resolve));
  let begin: () => void = () => undefined;
  const began = new Promise<void>((resolve) => (begin = resolve));
  const worker = new RunWorker({
    store,
    sandbox: noSandbox,
    bus: new RunEventBus(),
    logger: pino({ level: 'silent' }),
    leaseMs: 300,
    pollMs: 10,
    workerId: 'stopping',
    actions: {
      resolve: () => async () => {
        begin();
        await gate;
        return { charged: true };
      },
    },
  });
  worker.start();
  await began;
  const stopped = worker.stop(60_000);
  await new Promise((r) => setTimeout(r, 1000)); // more than three leases

  expect(await store.runs.claimExpiredRuns({ workerId: 'other', leaseMs: 1000, limit: 5 })).toEqual([]);
  open();
  await stopped;
  expect(await store.runs.get(run.id)).toMatchObject({ status: 'succeeded', claimedBy: 'stopping' });
});
