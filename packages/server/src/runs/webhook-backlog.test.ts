// Webhook back-pressure through HTTP: runs a busy process accepts wait in its backlog and complete there (no claim
// round trips), a delivery finding no place waits for one, a full backlog refuses with 503 + Retry-After before
// storing anything, senders hammering a saturated process lose no accepted event, a web-only process refuses
// once the shared queue is full, and expired-lease recovery is not paid per run.
import { defineAction, defineConnector } from '@weft/sdk';
import { afterEach, expect, test, vi } from 'vitest';
import { sampleOf } from '../metrics/scrape.test-support.js';
import { expectStopToWaitFor, holdFirstCall } from '../test-support/hold-call.js';
import { postHook, startTestRuntime, waitForRun, type TestRuntime } from '../test-support/runtime.js';

const cleanup: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const step of cleanup.splice(0).reverse()) await step();
});

/** An action that holds its run until the test opens the gate. */
function gate() {
  let open: () => void = () => undefined;
  const opened = new Promise<void>((resolve) => (open = resolve));
  let started = 0;
  const connector = defineConnector({
    name: 'gate',
    version: '1.0.0',
    title: 'gate',
    description: 'Holds runs until the test opens it',
    actions: [
      defineAction({
        key: 'wait',
        title: 'wait',
        description: 'Waits for the gate',
        retry: false,
        input: { type: 'object' } as const,
        output: {} as const,
        async run() {
          started++;
          await opened;
          return { passed: true };
        },
      }),
    ],
  });
  return { connector, open: () => open(), started: () => started };
}

async function start(options: Parameters<typeof startTestRuntime>[0]): Promise<TestRuntime> {
  const weft = await startTestRuntime(options);
  cleanup.push(() => weft.close());
  return weft;
}

async function liveFlow(weft: TestRuntime, steps: object[]): Promise<string> {
  const definition = {
    schema: 'weft.flow/v1',
    name: 'backlog',
    trigger: { id: 'hook', connector: 'webhook@1', trigger: 'event' },
    steps,
    edges: steps.map((s, i) => ({
      from: i === 0 ? 'hook' : (steps[i - 1] as { id: string }).id,
      to: (s as { id: string }).id,
    })),
  };
  const flow = (await (await weft.api('/api/flows', { method: 'POST', json: definition })).json()) as { id: string };
  await weft.api(`/api/flows/${flow.id}/publish`, { method: 'POST' });
  await weft.api(`/api/flows/${flow.id}/activate`, { method: 'POST' });
  return flow.id;
}

async function runCount(weft: TestRuntime): Promise<number> {
  return (await weft.store.runs.list({ limit: 500 })).items.length;
}

test('a full backlog refuses with 503 and Retry-After and stores nothing; the runs it held complete', async () => {
  const held = gate();
  const weft = await start({ concurrency: 1, maxBacklog: 2, admissionWaitMs: 10, connectors: [held.connector] });
  const flowId = await liveFlow(weft, [{ id: 'wait', use: 'gate@1.wait' }]);

  const accepted: string[] = [];
  for (let i = 0; i < 3; i++) {
    const response = await postHook(weft, flowId, { n: i });
    expect(response.status).toBe(202);
    accepted.push(((await response.json()) as { runId: string }).runId);
  }
  expect(await runCount(weft)).toBe(3);

  const refused = await postHook(weft, flowId, { n: 3 }, { 'idempotency-key': 'refused-1' });
  expect(refused.status).toBe(503);
  expect(refused.headers.get('retry-after')).toMatch(/^[1-9][0-9]*$/);
  expect(refused.headers.get('content-type')).toContain('application/problem+json');
  expect(await refused.json()).toMatchObject({ status: 503, code: 'backlog_full' });
  expect(await runCount(weft)).toBe(3);
  // Refused before its body is read: even one over the size limit gets the 503, not a 413.
  const oversized = await postHook(weft, flowId, { pad: 'x'.repeat(2 * 1024 * 1024) });
  expect(oversized.status).toBe(503);

  held.open();
  for (const runId of accepted) expect(await waitForRun(weft, runId)).toMatchObject({ status: 'succeeded' });
  // The refused delivery, sent again once there is room, is a new event (nothing of it was kept).
  const again = await postHook(weft, flowId, { n: 3 }, { 'idempotency-key': 'refused-1' });
  expect(again.status).toBe(202);
  expect(await again.json()).not.toHaveProperty('duplicate');
});

test('a burst of webhooks on one slot all complete from the backlog without claiming from the queue', async () => {
  const held = gate();
  const weft = await start({ concurrency: 1, pollMs: 60_000, connectors: [held.connector] });
  const flowId = await liveFlow(weft, [{ id: 'wait', use: 'gate@1.wait' }]);
  const claimQueued = vi.spyOn(weft.store.runs, 'claimQueued');
  const claimExpired = vi.spyOn(weft.store.runs, 'claimExpiredRuns');
  const claimExpiredOne = vi.spyOn(weft.store.runs, 'claimExpired');

  const runIds: string[] = [];
  for (let i = 0; i < 20; i++) {
    const response = await postHook(weft, flowId, { n: i });
    expect(response.status).toBe(202);
    runIds.push(((await response.json()) as { runId: string }).runId);
  }
  held.open();
  for (const runId of runIds) expect(await waitForRun(weft, runId)).toMatchObject({ status: 'succeeded' });

  expect(held.started()).toBe(20);
  expect(claimQueued).not.toHaveBeenCalled();
  expect(claimExpired).not.toHaveBeenCalled();
  expect(claimExpiredOne).not.toHaveBeenCalled();
});

test('a web-only process (worker not started) queues webhook runs and wakes the workers', async () => {
  const weft = await start({ concurrency: 1 });
  const flowId = await liveFlow(weft, [{ id: 'map', use: 'transform.map', config: { n: '{{ trigger.body.n }}' } }]);
  await weft.worker.stop();
  const response = await postHook(weft, flowId, { n: 1 });
  expect(response.status).toBe(202);
  const { runId } = (await response.json()) as { runId: string };
  expect(await weft.store.runs.get(runId)).toMatchObject({ status: 'queued' });
  weft.worker.start();
  expect(await waitForRun(weft, runId)).toMatchObject({ status: 'succeeded' });
});

test('webhook runs that arrive while the worker is claiming from the queue start once the claim returns', async () => {
  const weft = await start({ concurrency: 2, pollMs: 60_000 });
  const flowId = await liveFlow(weft, [{ id: 'map', use: 'transform.map', config: { n: '{{ trigger.body.n }}' } }]);
  let release: () => void = () => undefined;
  const claimHeld = new Promise<void>((resolve) => (release = resolve));
  const claimQueued = weft.store.runs.claimQueued.bind(weft.store.runs);
  vi.spyOn(weft.store.runs, 'claimQueued').mockImplementation(async (options) => {
    await claimHeld;
    return claimQueued(options);
  });
  weft.worker.wake(); // the worker now holds its free slots for a claim that does not return yet

  const runIds: string[] = [];
  for (let i = 0; i < 2; i++) {
    const response = await postHook(weft, flowId, { n: i });
    expect(response.status).toBe(202);
    runIds.push(((await response.json()) as { runId: string }).runId);
  }
  release();
  for (const runId of runIds) expect(await waitForRun(weft, runId)).toMatchObject({ status: 'succeeded' });
});

const METRICS_TOKEN = 'metrics-token-0123456789';

async function waitingDeliveries(weft: TestRuntime): Promise<number> {
  const response = await fetch(`${weft.url}/metrics`, { headers: { authorization: `Bearer ${METRICS_TOKEN}` } });
  return sampleOf(await response.text(), 'weft_webhooks_waiting');
}

test('a delivery that finds no place waits for one, stores nothing meanwhile, and is accepted when a run ends', async () => {
  const held = gate();
  const weft = await start({
    concurrency: 1,
    maxBacklog: 0,
    admissionWaitMs: 60_000,
    metricsToken: METRICS_TOKEN,
    connectors: [held.connector],
  });
  const flowId = await liveFlow(weft, [{ id: 'wait', use: 'gate@1.wait' }]);
  const first = await postHook(weft, flowId, { n: 1 });
  expect(first.status).toBe(202);

  let answered = false;
  const second = postHook(weft, flowId, { n: 2 }).finally(() => (answered = true));
  while (!answered && (await waitingDeliveries(weft)) < 1) await new Promise((r) => setTimeout(r, 10));
  expect(answered).toBe(false);
  expect(await runCount(weft)).toBe(1);

  held.open();
  const answer = await second;
  expect(answer.status).toBe(202);
  const { runId } = (await answer.json()) as { runId: string };
  expect(await waitForRun(weft, runId)).toMatchObject({ status: 'succeeded' });
  expect(await waitingDeliveries(weft)).toBe(0);
});

test('senders hammering a saturated process: every accepted delivery completes, every refusal is a 503 problem', async () => {
  const weft = await start({ concurrency: 2, maxBacklog: 3, admissionWaitMs: 0 });
  const flowId = await liveFlow(weft, [{ id: 'map', use: 'transform.map', config: { n: '{{ trigger.body.n }}' } }]);
  const accepted: string[] = [];
  let refused = 0;
  for (let round = 0; round < 4; round++) {
    const answers = await Promise.all(Array.from({ length: 40 }, (_, i) => postHook(weft, flowId, { n: i })));
    for (const answer of answers) {
      if (answer.status === 202) {
        accepted.push(((await answer.json()) as { runId: string }).runId);
        continue;
      }
      expect(answer.status).toBe(503);
      expect(answer.headers.get('content-type')).toContain('application/problem+json');
      expect(answer.headers.get('retry-after')).toMatch(/^[1-9][0-9]*$/);
      expect(await answer.json()).toMatchObject({ code: 'backlog_full' });
      refused++;
    }
  }
  expect(accepted.length + refused).toBe(160);
  expect(refused).toBeGreaterThan(0);
  for (const runId of accepted) expect(await waitForRun(weft, runId)).toMatchObject({ status: 'succeeded' });
  expect(await runCount(weft)).toBe(accepted.length);
});

test('a web-only process refuses once the shared queue holds WEFT_MAX_QUEUED runs, and accepts again as it drains', async () => {
  const weft = await start({ concurrency: 1, maxQueued: 2 });
  const flowId = await liveFlow(weft, [{ id: 'map', use: 'transform.map', config: { n: '{{ trigger.body.n }}' } }]);
  await weft.worker.stop();
  const queued: string[] = [];
  for (let i = 0; i < 2; i++) {
    const response = await postHook(weft, flowId, { n: i });
    expect(response.status).toBe(202);
    queued.push(((await response.json()) as { runId: string }).runId);
  }
  const refused = await postHook(weft, flowId, { n: 2 });
  expect(refused.status).toBe(503);
  expect(refused.headers.get('content-type')).toContain('application/problem+json');
  expect(refused.headers.get('retry-after')).toMatch(/^[1-9][0-9]*$/);
  expect(await refused.json()).toMatchObject({ status: 503, code: 'queue_full' });
  expect(await runCount(weft)).toBe(2);

  weft.worker.start();
  for (const runId of queued) expect(await waitForRun(weft, runId)).toMatchObject({ status: 'succeeded' });
  // The guard reads the queue's depth every quarter second: once it has seen the queue drained, it admits again.
  let again = await postHook(weft, flowId, { n: 2 });
  for (let tries = 0; again.status === 503 && tries < 200; tries++) {
    await new Promise((r) => setTimeout(r, 25));
    again = await postHook(weft, flowId, { n: 2 });
  }
  expect(again.status).toBe(202);
});

test('Retry-After is the time the runs ahead take to drain at the rate this process completes them', async () => {
  const held = gate();
  const weft = await start({
    concurrency: 1,
    maxBacklog: 20,
    admissionWaitMs: 0,
    opsClock: () => 1_000_000, // a frozen clock: the 10 runs below all fall in the rate's two-second window
    connectors: [held.connector],
  });
  const quick = await liveFlow(weft, [{ id: 'map', use: 'transform.map', config: { n: '{{ trigger.body.n }}' } }]);
  const slow = await liveFlow(weft, [{ id: 'wait', use: 'gate@1.wait' }]);
  for (let i = 0; i < 10; i++) {
    const response = await postHook(weft, quick, { n: i });
    const { runId } = (await response.json()) as { runId: string };
    expect(await waitForRun(weft, runId)).toMatchObject({ status: 'succeeded' });
  }
  // 10 runs completed in the window: 5 per second. One slot and 20 backlog places taken: 21 runs ahead.
  for (let i = 0; i < 21; i++) expect((await postHook(weft, slow, { n: i })).status).toBe(202);
  const refused = await postHook(weft, slow, { n: 21 });
  expect(refused.status).toBe(503);
  expect(refused.headers.get('retry-after')).toBe('5');
  expect(await refused.json()).toMatchObject({ code: 'backlog_full', retryAfter: 5 });
  held.open();
});

test('a stored run gives its slot to the next one while its final write waits for the commit; a shutdown waits for it', async () => {
  const weft = await start({ concurrency: 1, pollMs: 60_000 });
  const flowId = await liveFlow(weft, [{ id: 'map', use: 'transform.map', config: { n: '{{ trigger.body.n }}' } }]);
  const runs = weft.store.runs;
  const held = holdFirstCall(runs, 'finish');

  const first = (await (await postHook(weft, flowId, { n: 1 })).json()) as { runId: string };
  while (held.calls() === 0) await new Promise((r) => setTimeout(r, 5));
  // The first run's final write is held; the one slot is free all the same: the second run runs to its end.
  const second = (await (await postHook(weft, flowId, { n: 2 })).json()) as { runId: string };
  expect(await waitForRun(weft, second.runId)).toMatchObject({ status: 'succeeded', output: { n: 2 } });
  expect((await runs.get(first.runId))?.status).toBe('running');

  await expectStopToWaitFor(held, () => weft.worker.stop(5_000));
  expect(await runs.get(first.runId)).toMatchObject({ status: 'succeeded', output: { n: 1 } });
});
