// Test runs (of the draft) stay apart from production history: the runs list leaves them out unless asked
// (?tests=1) and the flows list's last run is what the trigger started. A retry runs the original or the
// current version and links back to the failed run.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postHook, startTestRuntime, waitForRun, type TestRuntime } from './test-support/runtime.js';

let weft: TestRuntime;

beforeAll(async () => {
  weft = await startTestRuntime();
});
afterAll(() => weft?.close());

const divide = (code: string) => ({
  schema: 'weft.flow/v1',
  name: 'Divide',
  trigger: { id: 't', connector: 'webhook@1', trigger: 'event' },
  steps: [{ id: 'div', use: 'transform.code', config: { code } }],
  edges: [{ from: 't', to: 'div' }],
});
// A webhook's event carries the JSON under `body`; a test run's input is the JSON itself.
const FAILS_ON_ZERO =
  'const e = trigger.body ?? trigger;\nif (e.d === 0) throw new Error("cannot divide by zero");\nreturn e.n / e.d;';

async function json<T>(response: Response | Promise<Response>): Promise<T> {
  return (await (await response).json()) as T;
}

async function liveFlow(code: string): Promise<string> {
  const { id } = await json<{ id: string }>(
    weft.api('/api/flows', { method: 'POST', json: { definition: divide(code) } }),
  );
  expect((await weft.api(`/api/flows/${id}/publish`, { method: 'POST' })).status).toBe(201);
  expect((await weft.api(`/api/flows/${id}/activate`, { method: 'POST' })).status).toBe(200);
  return id;
}

async function testRun(flowId: string, input: object): Promise<string> {
  const { runId } = await json<{ runId: string }>(
    weft.api(`/api/flows/${flowId}/test`, { method: 'POST', json: { input } }),
  );
  await waitForRun(weft, runId);
  return runId;
}

describe('test runs apart from production history', () => {
  it('the flows list shows the last production run, not a later test run', async () => {
    const flowId = await liveFlow(FAILS_ON_ZERO);
    const hook = await json<{ runId: string }>(postHook(weft, flowId, { n: 4, d: 2 }));
    await waitForRun(weft, hook.runId);
    await testRun(flowId, { n: 1, d: 0 });
    const { items } = await json<{ items: { id: string; lastRun: { id: string; status: string } | null }[] }>(
      weft.api('/api/flows'),
    );
    expect(items.find((f) => f.id === flowId)?.lastRun).toMatchObject({ id: hook.runId, status: 'succeeded' });
  });

  it('the runs list leaves test runs out unless asked for them', async () => {
    const flowId = await liveFlow(FAILS_ON_ZERO);
    const hook = await json<{ runId: string }>(postHook(weft, flowId, { n: 4, d: 2 }));
    await waitForRun(weft, hook.runId);
    const test = await testRun(flowId, { n: 6, d: 3 });
    const ids = async (query: string) =>
      (await json<{ items: { id: string }[] }>(weft.api(`/api/runs?flow=${flowId}${query}`))).items.map((r) => r.id);
    expect(await ids('')).toEqual([hook.runId]);
    expect(await ids('&tests=1')).toEqual([test, hook.runId]);
  });

  it('a flow that only has test runs shows no last run', async () => {
    const { id } = await json<{ id: string }>(
      weft.api('/api/flows', { method: 'POST', json: { definition: divide('return 1;') } }),
    );
    await testRun(id, {});
    const { items } = await json<{ items: { id: string; lastRun: unknown }[] }>(weft.api('/api/flows'));
    expect(items.find((f) => f.id === id)?.lastRun).toBeNull();
  });
});

describe('retry with a version', () => {
  it('runs the original version by default and the current one on request, each linked to the failed run', async () => {
    const flowId = await liveFlow(FAILS_ON_ZERO);
    const hook = await json<{ runId: string }>(postHook(weft, flowId, { n: 1, d: 0 }));
    expect(await waitForRun(weft, hook.runId)).toMatchObject({ status: 'failed', flowVersion: 1 });
    // The fix is published as version 2.
    const fixed = divide('const e = trigger.body ?? trigger;\nreturn e.d === 0 ? null : e.n / e.d;');
    expect((await weft.api(`/api/flows/${flowId}`, { method: 'PUT', json: { definition: fixed } })).status).toBe(200);
    expect((await weft.api(`/api/flows/${flowId}/publish`, { method: 'POST' })).status).toBe(201);

    const retry = (body?: object) =>
      json<{ runId: string; retryOf: string }>(
        weft.api(`/api/runs/${hook.runId}/retry`, { method: 'POST', ...(body ? { json: body } : {}) }),
      );
    const original = await retry();
    expect(original.retryOf).toBe(hook.runId);
    expect(await waitForRun(weft, original.runId)).toMatchObject({
      status: 'failed',
      flowVersion: 1,
      retryOf: hook.runId,
    });
    const current = await retry({ version: 'current' });
    expect(await waitForRun(weft, current.runId)).toMatchObject({
      status: 'succeeded',
      flowVersion: 2,
      retryOf: hook.runId,
    });
    const bad = await weft.api(`/api/runs/${hook.runId}/retry`, { method: 'POST', json: { version: 'latest' } });
    expect(bad.status).toBe(400);
  });
});
