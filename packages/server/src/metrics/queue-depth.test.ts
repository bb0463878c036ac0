// Queue depth through /metrics: runs a web-only process queued (no worker here) show in weft_runs_queued, and
// the oldest one's wait in weft_queue_oldest_age_seconds (by the ops clock, a minute on).
import { afterAll, beforeAll, expect, it } from 'vitest';
import { postHook, startTestRuntime, type TestRuntime } from '../test-support/runtime.js';
import { sampleOf } from './scrape.test-support.js';

const METRICS_TOKEN = 'metrics-token-queue';
let weft: TestRuntime;
let ahead = 0;

beforeAll(async () => {
  weft = await startTestRuntime({ role: 'web', metricsToken: METRICS_TOKEN, opsClock: () => Date.now() + ahead });
});
afterAll(() => weft?.close());

it('shows the runs waiting in the persisted queue and how long the oldest has waited', async () => {
  const scrape = async () =>
    (await fetch(`${weft.url}/metrics`, { headers: { authorization: `Bearer ${METRICS_TOKEN}` } })).text();
  expect(sampleOf(await scrape(), 'weft_runs_queued')).toBe(0);
  const created = await weft.api('/api/flows', {
    method: 'POST',
    json: {
      schema: 'weft.flow/v1',
      name: 'waits',
      trigger: { id: 'hook', connector: 'webhook@1', trigger: 'event' },
      steps: [],
      edges: [],
    },
  });
  const { id } = (await created.json()) as { id: string };
  expect((await weft.api(`/api/flows/${id}/publish`, { method: 'POST' })).status).toBe(201);
  expect((await weft.api(`/api/flows/${id}/activate`, { method: 'POST' })).status).toBe(200);
  for (let i = 0; i < 2; i++) expect((await postHook(weft, id, { i })).status).toBe(202);
  ahead = 60_000;
  const text = await scrape();
  expect(sampleOf(text, 'weft_runs_queued')).toBe(2);
  expect(sampleOf(text, 'weft_queue_oldest_age_seconds')).toBeGreaterThanOrEqual(60);
  expect(sampleOf(text, 'weft_webhooks_received_total', { flow: id })).toBe(2);
});
