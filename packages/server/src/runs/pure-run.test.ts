// Flows without effects outside the run, through HTTP: a respond-mode webhook runs in memory and is stored in one
// write before the answer; a redelivery still answers as a duplicate; an async one is stored on receipt and its
// steps are written once, with the final status. A flow with an effect keeps the step-by-step journal.
import { afterAll, beforeAll, expect, test, vi } from 'vitest';
import { postHook, startTestRuntime, waitForRun, type TestRuntime } from '../test-support/runtime.js';

let weft: TestRuntime;
beforeAll(async () => {
  weft = await startTestRuntime();
});
afterAll(() => weft.close());

async function liveFlow(steps: { id: string; use: string; config?: object }[]): Promise<string> {
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

function spies() {
  const { store } = weft;
  return {
    receiveFinished: vi.spyOn(store.webhookEvents, 'receiveFinished'),
    receive: vi.spyOn(store.webhookEvents, 'receive'),
    saveStep: vi.spyOn(store.journal, 'saveStep'),
    appendLog: vi.spyOn(store.journal, 'appendLog'),
    finish: vi.spyOn(store.runs, 'finish'),
    claimQueued: vi.spyOn(store.runs, 'claimQueued'),
  };
}

test('a respond-mode webhook of a pure flow answers after one write holding the event, run and steps', async () => {
  const flowId = await liveFlow([map, reply]);
  await postHook(weft, flowId, { name: 'warm' }); // the live flow is cached from now on
  const spy = spies();

  const response = await postHook(weft, flowId, { name: 'ada' });
  expect(response.status).toBe(201);
  expect(await response.json()).toEqual({ greeting: 'hello ada' });
  const runId = response.headers.get('x-weft-run-id')!;

  expect(spy.receiveFinished).toHaveBeenCalledTimes(1);
  for (const other of [spy.receive, spy.saveStep, spy.appendLog, spy.finish, spy.claimQueued])
    expect(other).not.toHaveBeenCalled();
  const run = await waitForRun(weft, runId);
  expect(run).toMatchObject({
    status: 'succeeded',
    output: { status: 201, headers: {}, body: { greeting: 'hello ada' } },
  });
  expect((run.steps as { key: string; status: string }[]).map((s) => [s.key, s.status])).toEqual([
    ['hook', 'succeeded'],
    ['map', 'succeeded'],
    ['reply', 'succeeded'],
  ]);
  vi.restoreAllMocks();
});

test('a redelivery of a pure respond-mode webhook answers with the original run and stores nothing new', async () => {
  const flowId = await liveFlow([map, reply]);
  const first = await postHook(weft, flowId, { name: 'ada' }, { 'idempotency-key': 'delivery-1' });
  expect(first.status).toBe(201);
  const runId = first.headers.get('x-weft-run-id');

  const again = await postHook(weft, flowId, { name: 'ada' }, { 'idempotency-key': 'delivery-1' });
  expect(again.status).toBe(200);
  expect(await again.json()).toEqual({ runId, duplicate: true });
  expect((await weft.store.runs.list({ flowId })).items.map((r) => r.id)).toEqual([runId]);
});

test('an async webhook of a pure flow is stored on receipt and its steps are written once, at the end', async () => {
  const flowId = await liveFlow([map]);
  const spy = spies();
  const response = await postHook(weft, flowId, { name: 'bob' });
  expect(response.status).toBe(202);
  const { runId } = (await response.json()) as { runId: string };
  expect(spy.receive).toHaveBeenCalledTimes(1);

  const run = await waitForRun(weft, runId);
  expect(run).toMatchObject({ status: 'succeeded', output: { greeting: 'hello bob' } });
  expect((run.steps as unknown[]).length).toBe(2);
  expect(spy.saveStep).not.toHaveBeenCalled();
  expect(spy.finish).toHaveBeenCalledTimes(1);
  vi.restoreAllMocks();
});

test('a flow with an effect (a delay) keeps journaling step by step', async () => {
  const flowId = await liveFlow([
    { id: 'wait', use: 'delay', config: { ms: 1 } },
    { id: 'reply', use: 'respond', config: { status: 201, body: 'waited' } },
  ]);
  const spy = spies();
  const response = await postHook(weft, flowId, { name: 'cy' });
  expect(response.status).toBe(201);
  expect(spy.receiveFinished).not.toHaveBeenCalled();
  expect(spy.receive).toHaveBeenCalledTimes(1);
  await waitForRun(weft, response.headers.get('x-weft-run-id')!);
  expect(spy.saveStep).toHaveBeenCalled();
  vi.restoreAllMocks();
});

test('a pure run in memory cut short by a shutdown is refused with 503 and leaves nothing stored', async () => {
  const stopping = await startTestRuntime({ sandboxTimeoutMs: 20_000 });
  try {
    const definition = {
      schema: 'weft.flow/v1',
      name: 'slow',
      trigger: { id: 'hook', connector: 'webhook@1', trigger: 'event' },
      steps: [
        {
          id: 'slow',
          use: 'transform.code',
          config: { code: 'const end = Date.now() + 10000; while (Date.now() < end) {} return 1;' },
        },
        { id: 'reply', use: 'respond', config: { status: 200, body: 'done' } },
      ],
      edges: [
        { from: 'hook', to: 'slow' },
        { from: 'slow', to: 'reply' },
      ],
    };
    const { id } = (await (await stopping.api('/api/flows', { method: 'POST', json: definition })).json()) as {
      id: string;
    };
    await stopping.api(`/api/flows/${id}/publish`, { method: 'POST' });
    await stopping.api(`/api/flows/${id}/activate`, { method: 'POST' });
    const pending = postHook(stopping, id, {});
    while (stopping.worker.load.executing === 0) await new Promise((r) => setTimeout(r, 10));
    await stopping.worker.stop(0);

    const response = await pending;
    expect(response.status).toBe(503);
    expect(response.headers.get('retry-after')).toBe('1');
    expect(await response.json()).toMatchObject({ code: 'shutting_down' });
    expect((await stopping.store.runs.list({ flowId: id })).items).toEqual([]);
  } finally {
    await stopping.close();
  }
});

test('one respond-mode webhook of a pure flow costs SQLite at most 3 statements and 1 commit', async () => {
  const statements: string[] = [];
  const counted = await startTestRuntime({ pollMs: 60_000, onStatement: (sql) => statements.push(sql.trim()) });
  try {
    const definition = {
      schema: 'weft.flow/v1',
      name: 'counted',
      trigger: { id: 'hook', connector: 'webhook@1', trigger: 'event' },
      steps: [map, reply],
      edges: [
        { from: 'hook', to: 'map' },
        { from: 'map', to: 'reply' },
      ],
    };
    const { id } = (await (await counted.api('/api/flows', { method: 'POST', json: definition })).json()) as {
      id: string;
    };
    await counted.api(`/api/flows/${id}/publish`, { method: 'POST' });
    await counted.api(`/api/flows/${id}/activate`, { method: 'POST' });
    expect((await postHook(counted, id, { name: 'warm' })).status).toBe(201); // caches the live flow

    statements.length = 0;
    const response = await postHook(counted, id, { name: 'ada' }, { 'idempotency-key': 'counted-1' });
    expect(response.status).toBe(201);

    const commits = statements.filter((s) => /^commit/i.test(s));
    const work = statements.filter((s) => !/^(begin|commit)/i.test(s));
    expect(commits).toHaveLength(1);
    expect(work.length, work.join('\n')).toBeLessThanOrEqual(3);
  } finally {
    await counted.close();
  }
});
