// Every rejection and recovery leaves a trace: refused webhook deliveries are listed (newest first, with flow
// id, reason, status and time; filterable) at GET /api/webhooks/rejections and counted in /metrics; a run whose
// worker died is counted when its lease is taken over, and its interrupted step when it resumes.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedInterruptedRun } from '../test-support/interrupted-run.js';
import { postHook, startTestRuntime, waitForRun, type TestRuntime } from '../test-support/runtime.js';
import { sampleOf } from './scrape.test-support.js';

const METRICS_TOKEN = 'metrics-token-recovery';
let weft: TestRuntime;
let now = Date.parse('2026-03-01T12:00:00Z');

async function scrape(): Promise<string> {
  const response = await fetch(`${weft.url}/metrics`, { headers: { authorization: `Bearer ${METRICS_TOKEN}` } });
  return response.text();
}

async function activeFlow(name: string, trigger: object = {}): Promise<string> {
  const created = await weft.api('/api/flows', {
    method: 'POST',
    json: {
      schema: 'weft.flow/v1',
      name,
      trigger: { id: 'hook', connector: 'webhook@1', trigger: 'event', ...trigger },
      steps: [{ id: 'shape', use: 'transform.map', config: { v: '{{ trigger.body }}' } }],
      edges: [{ from: 'hook', to: 'shape' }],
    },
  });
  expect(created.status).toBe(201);
  const { id } = (await created.json()) as { id: string };
  expect((await weft.api(`/api/flows/${id}/publish`, { method: 'POST' })).status).toBe(201);
  expect((await weft.api(`/api/flows/${id}/activate`, { method: 'POST' })).status).toBe(200);
  return id;
}

beforeAll(async () => {
  weft = await startTestRuntime({ metricsToken: METRICS_TOKEN, opsClock: () => now, leaseMs: 300 });
});
afterAll(() => weft?.close());

describe('rejected webhooks', () => {
  it('are listed newest first with flow id, reason, status and time, and filter by flow and reason', async () => {
    const flowId = await activeFlow('strict');
    expect((await postHook(weft, 'gone-flow', {})).status).toBe(404);
    now += 1000;
    expect((await postHook(weft, flowId, '{not json')).status).toBe(400);
    const response = await weft.api('/api/webhooks/rejections');
    expect(response.status).toBe(200);
    const { items } = (await response.json()) as { items: Record<string, unknown>[] };
    expect(items.slice(0, 2)).toEqual([
      { flowId, reason: expect.any(String), status: 400, at: '2026-03-01T12:00:01.000Z' },
      { flowId: 'gone-flow', reason: 'hook_not_found', status: 404, at: '2026-03-01T12:00:00.000Z' },
    ]);
    const reason = String(items[0]!.reason);
    const byFlow = (await (await weft.api(`/api/webhooks/rejections?flow=${flowId}`)).json()) as { items: unknown[] };
    expect(byFlow.items).toHaveLength(1);
    const byReason = (await (await weft.api('/api/webhooks/rejections?reason=hook_not_found&limit=1')).json()) as {
      items: { flowId: string }[];
    };
    expect(byReason.items.map((i) => i.flowId)).toEqual(['gone-flow']);
    expect(sampleOf(await scrape(), 'weft_webhooks_rejected_total', { reason })).toBe(1);
  });

  it('need a signed-in caller', async () => {
    expect((await fetch(`${weft.url}/api/webhooks/rejections`)).status).toBe(401);
  });
});

describe('crash recovery', () => {
  it('counts a run whose lease was taken over and the step that resumed', async () => {
    const flowId = await activeFlow('recovered');
    const before = await scrape();
    // A worker that died had claimed the run (its lease long expired) and started its step.
    const run = await seedInterruptedRun(weft.store, { flowId, input: { body: { n: 1 } }, runningStep: 'shape' });
    expect((await waitForRun(weft, run.id)).status).toBe('succeeded');
    const after = await scrape();
    expect(sampleOf(after, 'weft_leases_taken_over_total') - sampleOf(before, 'weft_leases_taken_over_total')).toBe(1);
    expect(sampleOf(after, 'weft_steps_resumed_total', { flow: flowId })).toBe(1);
  });
});
