// Metrics in a cluster count each run once: a web process (no worker) takes a respond-mode webhook, a worker
// process executes it, and the run's reply events travel back over Redis. The worker's /metrics counts the run;
// the web's counts the webhook but not the relayed run, so summing the two counts every run once.
import { randomBytes } from 'node:crypto';
import { pino } from 'pino';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { RuntimeOptions } from '../runtime.js';
import { dropSchema, POSTGRES_URL, REDIS_URL } from '../test-support/services.js';
import { postHook, startTestRuntime, type TestRuntime } from '../test-support/runtime.js';
import { sampleOf } from './scrape.test-support.js';

const METRICS_TOKEN = 'metrics-token-cluster';
const schema = `weft_metrics_${randomBytes(5).toString('hex')}`;
let web: TestRuntime;
let worker: TestRuntime;

beforeAll(async () => {
  const common = (role: 'web' | 'worker'): RuntimeOptions => ({
    role,
    databaseUrl: POSTGRES_URL,
    databaseSchema: schema,
    redisUrl: REDIS_URL,
    redisPrefix: `weft-test-${schema}:`,
    env: { WEFT_SECRET_KEY: randomBytes(32).toString('base64') },
    metricsToken: METRICS_TOKEN,
    logger: pino({ level: 'error' }),
  });
  web = await startTestRuntime(common('web'));
  worker = await startTestRuntime(common('worker'));
}, 60_000);
afterAll(async () => {
  await Promise.all([web?.close(), worker?.close()]);
  await dropSchema(schema);
});

const scrape = async (runtime: TestRuntime) =>
  (await fetch(`${runtime.url}/metrics`, { headers: { authorization: `Bearer ${METRICS_TOKEN}` } })).text();

it('counts a run in the process that executed it only', async () => {
  const created = await web.api('/api/flows', {
    method: 'POST',
    json: {
      schema: 'weft.flow/v1',
      name: 'echo',
      trigger: { id: 'hook', connector: 'webhook@1', trigger: 'event', config: { respond: 'sync' } },
      steps: [
        { id: 'shape', use: 'transform.map', config: { greeting: 'Hello {{ trigger.body.name }}' } },
        { id: 'reply', use: 'respond', config: { status: 200, body: '{{ steps.shape }}' } },
      ],
      edges: [
        { from: 'hook', to: 'shape' },
        { from: 'shape', to: 'reply' },
      ],
    },
  });
  const { id } = (await created.json()) as { id: string };
  expect((await web.api(`/api/flows/${id}/publish`, { method: 'POST' })).status).toBe(201);
  expect((await web.api(`/api/flows/${id}/activate`, { method: 'POST' })).status).toBe(200);
  const response = await postHook(web, id, { name: 'Ada' });
  expect(response.status).toBe(200);
  expect(await response.json()).toEqual({ greeting: 'Hello Ada' });

  const fromWorker = await scrape(worker);
  const fromWeb = await scrape(web);
  const finished = { flow: id, status: 'succeeded' };
  expect(sampleOf(fromWorker, 'weft_runs_finished_total', finished)).toBe(1);
  expect(sampleOf(fromWeb, 'weft_runs_finished_total', finished)).toBe(0);
  expect(sampleOf(fromWorker, 'weft_runs_started_total', { flow: id })).toBe(1);
  expect(sampleOf(fromWeb, 'weft_runs_started_total', { flow: id })).toBe(0);
  expect(sampleOf(fromWeb, 'weft_webhooks_received_total', { flow: id })).toBe(1);
});
