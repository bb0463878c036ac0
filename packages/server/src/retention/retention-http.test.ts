// Retention through HTTP: the policy (WEFT_RETENTION_* or their documented defaults) is shown at GET
// /api/retention; a pass (the timer's, or POST /api/retention/prune) deletes test runs after their shorter
// time and other runs after theirs, audit entries after their own (separate) limit, and GET /api/retention then
// reports that pass.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postHook, startTestRuntime, waitForRun, type TestRuntime } from '../test-support/runtime.js';

const DAY = 86_400_000;
let weft: TestRuntime;
let now = Date.now();

beforeAll(async () => {
  weft = await startTestRuntime({
    opsClock: () => now,
    env: { WEFT_RETENTION_FAILED_DAYS: '60', WEFT_AUDIT_RETENTION_DAYS: '40' },
  });
});
afterAll(() => weft?.close());

async function activeFlow(): Promise<string> {
  const created = await weft.api('/api/flows', {
    method: 'POST',
    json: {
      schema: 'weft.flow/v1',
      name: 'kept a while',
      trigger: { id: 'hook', connector: 'webhook@1', trigger: 'event' },
      steps: [{ id: 'shape', use: 'transform.map', config: { v: '{{ trigger.body }}' } }],
      edges: [{ from: 'hook', to: 'shape' }],
    },
  });
  const { id } = (await created.json()) as { id: string };
  expect((await weft.api(`/api/flows/${id}/publish`, { method: 'POST' })).status).toBe(201);
  expect((await weft.api(`/api/flows/${id}/activate`, { method: 'POST' })).status).toBe(200);
  return id;
}

describe('retention', () => {
  it('shows the policy: the defaults, with what the environment changed', async () => {
    const response = await weft.api('/api/retention');
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({
      policy: { maxAgeDays: 30, failedMaxAgeDays: 60, testMaxAgeDays: 7, maxRunsPerFlow: 10_000 },
      auditMaxAgeDays: 40,
      intervalMs: 600_000,
      batchSize: 100,
    });
  });

  it('deletes test runs after 7 days and other runs after 30, and reports each pass', async () => {
    const flowId = await activeFlow();
    const test = await weft.api(`/api/flows/${flowId}/test`, { method: 'POST', json: { input: {} } });
    const testRun = ((await test.json()) as { runId: string }).runId;
    const hook = await postHook(weft, flowId, { n: 1 });
    const hookRun = ((await hook.json()) as { runId: string }).runId;
    for (const runId of [testRun, hookRun]) expect((await waitForRun(weft, runId)).status).toBe('succeeded');

    const prune = () => weft.api('/api/retention/prune', { method: 'POST' });
    expect(await (await prune()).json()).toMatchObject({ deleted: 0 });
    now += 8 * DAY;
    expect(await (await prune()).json()).toMatchObject({ deleted: 1 });
    expect((await weft.api(`/api/runs/${testRun}`)).status).toBe(404);
    expect((await weft.api(`/api/runs/${hookRun}`)).status).toBe(200);
    now += 23 * DAY;
    expect(await (await prune()).json()).toMatchObject({ deleted: 1 });
    expect((await weft.api(`/api/runs/${hookRun}`)).status).toBe(404);
    const shown = (await (await weft.api('/api/retention')).json()) as { lastPass: { deleted: number } };
    expect(shown.lastPass).toMatchObject({ deleted: 1, finishedAt: new Date(now).toISOString() });
  });

  it("deletes audit entries by their own age limit (WEFT_AUDIT_RETENTION_DAYS), not by the runs'", async () => {
    const audit = async () =>
      ((await (await weft.api('/api/audit?limit=200')).json()) as { items: { action: string }[] }).items;
    const before = await audit();
    // 31 days on, the runs of the test above are gone and every audit entry (40 days) is still kept.
    expect(before.filter((e) => e.action === 'settings.retention_prune').length).toBeGreaterThanOrEqual(3);
    now += 10 * DAY;
    const pass = (await (await weft.api('/api/retention/prune', { method: 'POST' })).json()) as object;
    expect(pass).toMatchObject({ deleted: 0, auditDeleted: before.length });
    // What is left is the entry of the pass just made.
    expect((await audit()).map((e) => e.action)).toEqual(['settings.retention_prune']);
  });
});
