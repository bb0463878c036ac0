// Respond-mode webhooks of a pure flow arriving while every slot is busy wait for a slot in memory, storing
// nothing until they have run, and are then written once each (on PostgreSQL, runs finishing together share one
// statement); a shutdown refuses those still waiting with 503 and stores nothing of them.
import { randomBytes } from 'node:crypto';
import { request } from 'node:http';
import pg from 'pg';
import { afterEach, expect, test, vi } from 'vitest';
import { expectStopToWaitFor, holdFirstCall } from '../test-support/hold-call.js';
import { postHook, startTestRuntime, type TestRuntime } from '../test-support/runtime.js';

const ADMIN_URL = process.env.WEFT_TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const cleanup: (() => Promise<void>)[] = [];
afterEach(async () => {
  vi.restoreAllMocks();
  for (const step of cleanup.splice(0).reverse()) await step();
});

async function admin(sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: ADMIN_URL });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

async function start(options: Parameters<typeof startTestRuntime>[0]): Promise<TestRuntime> {
  const weft = await startTestRuntime({ pollMs: 60_000, ...options });
  cleanup.push(() => weft.close());
  return weft;
}

/** A runtime on a PostgreSQL database of its own, dropped after the test. */
async function startOnPostgres(options: Parameters<typeof startTestRuntime>[0]): Promise<TestRuntime> {
  const database = `weft_wait_${randomBytes(6).toString('hex')}`;
  await admin(`create database ${database}`);
  cleanup.push(() => admin(`drop database if exists ${database} with (force)`));
  const url = new URL(ADMIN_URL);
  url.pathname = `/${database}`;
  return start({ databaseUrl: url.toString(), ...options });
}

async function liveFlow(weft: TestRuntime, steps: { id: string; use: string; config?: object }[]): Promise<string> {
  const definition = {
    schema: 'weft.flow/v1',
    name: 'pure',
    trigger: { id: 'hook', connector: 'webhook@1', trigger: 'event' },
    steps,
    edges: steps.map((s, i) => ({ from: i === 0 ? 'hook' : steps[i - 1]!.id, to: s.id })),
  };
  const flow = (await (await weft.api('/api/flows', { method: 'POST', json: definition })).json()) as { id: string };
  await weft.api(`/api/flows/${flow.id}/publish`, { method: 'POST' });
  await weft.api(`/api/flows/${flow.id}/activate`, { method: 'POST' });
  return flow.id;
}

const map = { id: 'map', use: 'transform.map', config: { greeting: 'hello {{ trigger.body.name }}' } };
const reply = { id: 'reply', use: 'respond', config: { status: 201, body: '{{ steps.map }}' } };

async function burst(weft: TestRuntime, flowId: string, count: number) {
  const responses = await Promise.all(
    Array.from({ length: count }, (_, i) => postHook(weft, flowId, { name: `n${i}` }, { 'idempotency-key': `d${i}` })),
  );
  return Promise.all(
    responses.map(async (r) => ({ status: r.status, body: await r.json(), runId: r.headers.get('x-weft-run-id') })),
  );
}

test('a burst on one slot waits in memory: every delivery is answered and stored once, none stored before it ran', async () => {
  const weft = await start({ concurrency: 1 });
  const flowId = await liveFlow(weft, [map, reply]);
  expect((await postHook(weft, flowId, { name: 'warm' })).status).toBe(201);
  const receive = vi.spyOn(weft.store.webhookEvents, 'receive');
  const finish = vi.spyOn(weft.store.runs, 'finish');
  const receiveFinished = vi.spyOn(weft.store.webhookEvents, 'receiveFinished');

  const answers = await burst(weft, flowId, 8);

  expect(answers.map((a) => a.status)).toEqual(Array(8).fill(201));
  expect(answers.map((a) => a.body)).toEqual(Array.from({ length: 8 }, (_, i) => ({ greeting: `hello n${i}` })));
  expect(receive).not.toHaveBeenCalled();
  expect(finish).not.toHaveBeenCalled();
  expect(receiveFinished).toHaveBeenCalledTimes(8);
  const runs = (await weft.store.runs.list({ flowId, limit: 100 })).items;
  expect(runs.filter((r) => r.status === 'succeeded')).toHaveLength(9);
  for (const { runId } of answers) expect(runs.filter((r) => r.id === runId)).toHaveLength(1);
});

test('a delivery still being sent holds its place, not the idle slot: the next delivery runs at once', async () => {
  const weft = await start({ concurrency: 1 });
  const flowId = await liveFlow(weft, [map, reply]);
  expect((await postHook(weft, flowId, { name: 'warm' })).status).toBe(201);
  const slow = request(`${weft.url}/hooks/${flowId}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'content-length': '15' },
  });
  const slowAnswer = new Promise<number>((resolve, reject) => {
    slow.on('response', (res) => resolve(res.statusCode ?? 0)).on('error', reject);
  });
  slow.write('{"name":');
  while (weft.worker.load.admitted === 0) await new Promise((r) => setTimeout(r, 10));

  const quick = await postHook(weft, flowId, { name: 'quick' });
  expect(quick.status).toBe(201);
  expect(await quick.json()).toEqual({ greeting: 'hello quick' });
  slow.end('"slow"}');
  expect(await slowAnswer).toBe(201);
});

test('on PostgreSQL a burst of pure respond-mode runs is stored by group statements only, each run once', async () => {
  const statements: string[] = [];
  const weft = await startOnPostgres({ concurrency: 4, onStatement: (sql) => statements.push(sql.trim()) });
  const flowId = await liveFlow(weft, [map, reply]);
  expect((await postHook(weft, flowId, { name: 'warm' })).status).toBe(201);

  statements.length = 0;
  const answers = await burst(weft, flowId, 24);

  expect(answers.map((a) => a.status)).toEqual(Array(24).fill(201));
  const writes = statements.filter((s) => /^(insert|update|delete|begin|commit|with)/i.test(s));
  expect(
    writes.every((s) => s.startsWith('with events as')),
    writes.join('\n'),
  ).toBe(true);
  expect(writes.length).toBeLessThanOrEqual(24);
  const runs = (await weft.store.runs.list({ flowId, limit: 100 })).items;
  expect(runs).toHaveLength(25);
  for (const { runId } of answers) expect(runs.filter((r) => r.id === runId)).toHaveLength(1);
});

test('a shutdown refuses the pure runs still waiting for a slot with 503 and stores nothing of them', async () => {
  const weft = await start({ concurrency: 1, sandboxTimeoutMs: 20_000 });
  const busy = {
    id: 'busy',
    use: 'transform.code',
    config: { code: 'const end = Date.now() + 10000; while (Date.now() < end) {} return 1;' },
  };
  const flowId = await liveFlow(weft, [busy, { id: 'reply', use: 'respond', config: { status: 200, body: 'done' } }]);
  const pending = [postHook(weft, flowId, {}), postHook(weft, flowId, {}), postHook(weft, flowId, {})];
  while (weft.worker.load.executing === 0 || weft.worker.load.admitted < 2) await new Promise((r) => setTimeout(r, 10));

  await weft.worker.stop(0);

  const responses = await Promise.all(pending);
  expect(responses.map((r) => r.status)).toEqual([503, 503, 503]);
  for (const response of responses) expect(await response.json()).toMatchObject({ code: 'shutting_down' });
  expect((await weft.store.runs.list({ flowId })).items).toEqual([]);
});

test('a pure run gives its slot to the next one while its write waits for the commit; a shutdown waits for the write', async () => {
  const weft = await start({ concurrency: 1 });
  const flowId = await liveFlow(weft, [map, reply]);
  expect((await postHook(weft, flowId, { name: 'warm' })).status).toBe(201);
  const held = holdFirstCall(weft.store.webhookEvents, 'receiveFinished');

  const first = postHook(weft, flowId, { name: 'first' });
  while (held.calls() === 0) await new Promise((r) => setTimeout(r, 5));
  // The first run's write is held; the one slot is free all the same: the second run runs and is stored.
  const second = await postHook(weft, flowId, { name: 'second' });
  expect(second.status).toBe(201);
  expect(await second.json()).toEqual({ greeting: 'hello second' });
  expect(weft.worker.load.executing).toBe(0);

  await expectStopToWaitFor(held, () => weft.worker.stop(5_000));
  expect((await first).status).toBe(201);
  const runs = (await weft.store.runs.list({ flowId, limit: 10 })).items;
  expect(runs.filter((r) => r.status === 'succeeded')).toHaveLength(3);
});
