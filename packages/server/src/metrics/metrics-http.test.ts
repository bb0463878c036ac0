// GET /metrics through HTTP: off without a token, refused without the right one, and each metric moves when its
// event happens — webhook runs (queued and in memory), steps, queue wait, rejected webhooks, connector requests
// against a local fake API (statuses, retries, rate-limit waits, breaker state), sandbox evaluations and
// timeouts, Node process metrics. No run id ever becomes a label.
import { ABANDON_PAYLOAD } from '@weft/sandbox/escape-corpus';
import { defineAction, defineConnector } from '@weft/sdk';
import { startFakeApi, type FakeApi } from '@weft/sdk/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postHook, startTestRuntime, waitForRun, type TestRuntime } from '../test-support/runtime.js';
import { sampleOf } from './scrape.test-support.js';

const METRICS_TOKEN = 'metrics-token-0123456789';
let weft: TestRuntime;
let api: FakeApi;
let answers: number[] = [];

function probeConnector(baseUrl: string) {
  return defineConnector({
    name: 'probe',
    version: '1.0.0',
    title: 'Probe API',
    description: 'A local fake API',
    auth: { kind: 'none' },
    baseUrl,
    rateLimits: [{ per: 'connector', limit: 1, interval: 100 }],
    actions: [
      defineAction({
        key: 'call',
        title: 'Call',
        description: 'GETs /hit',
        input: { type: 'object' } as const,
        output: {} as const,
        async run(ctx) {
          const response = await ctx.http.request({ url: '/hit', throwHttpErrors: false });
          return { status: response.status };
        },
      }),
    ],
  });
}

const flowOf = (name: string, steps: object[], config: object = {}) => ({
  schema: 'weft.flow/v1',
  name,
  trigger: { id: 'hook', connector: 'webhook@1', trigger: 'event', config },
  steps,
  edges: steps.map((s, i) => ({
    from: i === 0 ? 'hook' : (steps[i - 1] as { id: string }).id,
    to: (s as { id: string }).id,
  })),
});

async function activeFlow(flow: object): Promise<string> {
  const created = await weft.api('/api/flows', { method: 'POST', json: flow });
  expect(created.status).toBe(201);
  const { id } = (await created.json()) as { id: string };
  expect((await weft.api(`/api/flows/${id}/publish`, { method: 'POST' })).status).toBe(201);
  expect((await weft.api(`/api/flows/${id}/activate`, { method: 'POST' })).status).toBe(200);
  return id;
}

async function scrape(): Promise<string> {
  const response = await fetch(`${weft.url}/metrics`, { headers: { authorization: `Bearer ${METRICS_TOKEN}` } });
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toContain('text/plain');
  return response.text();
}

async function hookRun(flowId: string, body: object = {}): Promise<Record<string, unknown>> {
  const response = await postHook(weft, flowId, body);
  expect(response.status).toBe(202);
  const { runId } = (await response.json()) as { runId: string };
  return waitForRun(weft, runId);
}

beforeAll(async () => {
  api = await startFakeApi(() => ({ status: answers.shift() ?? 200, json: { ok: true } }));
  weft = await startTestRuntime({
    metricsToken: METRICS_TOKEN,
    outboundAllow: ['127.0.0.1'],
    connectors: [probeConnector(api.url)],
    sandboxTimeoutMs: 300,
  });
});
afterAll(async () => {
  await weft?.close();
  await api?.close();
});

describe('GET /metrics access', () => {
  it('is off (404) when no metrics token is configured', async () => {
    const plain = await startTestRuntime();
    try {
      const response = await fetch(`${plain.url}/metrics`, { headers: { authorization: 'Bearer anything' } });
      expect(response.status).toBe(404);
      expect(response.headers.get('content-type')).toContain('application/problem+json');
    } finally {
      await plain.close();
    }
  });

  it('refuses a missing or wrong token, and an API token, with 401', async () => {
    expect((await fetch(`${weft.url}/metrics`)).status).toBe(401);
    const wrong = await fetch(`${weft.url}/metrics`, { headers: { authorization: 'Bearer nope' } });
    expect(wrong.status).toBe(401);
    expect((await weft.api('/metrics')).status).toBe(401);
  });

  it('serves Node process metrics to the metrics token', async () => {
    const text = await scrape();
    expect(sampleOf(text, 'weft_process_resident_memory_bytes')).toBeGreaterThan(0);
    expect(text).toContain('weft_nodejs_eventloop_lag_seconds');
  });
});

describe('metrics move with their events', () => {
  it('counts a webhook run: received, started, finished, durations, queue wait, step and sandbox', async () => {
    const flowId = await activeFlow(
      flowOf('mapped', [{ id: 'shape', use: 'transform.map', config: { v: '{{ trigger.body.n + 1 }}' } }]),
    );
    const before = await scrape();
    expect((await hookRun(flowId, { n: 1 })).status).toBe('succeeded');
    const after = await scrape();
    const moved = (name: string, labels: Record<string, string> = {}) =>
      sampleOf(after, name, labels) - sampleOf(before, name, labels);
    expect(moved('weft_webhooks_received_total', { flow: flowId })).toBe(1);
    expect(moved('weft_runs_started_total', { flow: flowId })).toBe(1);
    expect(moved('weft_runs_finished_total', { flow: flowId, status: 'succeeded' })).toBe(1);
    expect(moved('weft_run_duration_seconds_count', { flow: flowId, status: 'succeeded' })).toBe(1);
    expect(moved('weft_queue_wait_seconds_count', { flow: flowId })).toBe(1);
    expect(moved('weft_step_duration_seconds_count', { flow: flowId, status: 'succeeded' })).toBe(1);
    expect(moved('weft_sandbox_evaluations_total', { outcome: 'ok' })).toBeGreaterThanOrEqual(1);
    expect(after).not.toMatch(/run_[0-9a-f]{12}/);
    expect(after).toContain('weft_runs_executing 0');
    expect(after).toContain('weft_runs_waiting 0');
  });

  it('counts a respond-mode run of a pure flow, executed in memory', async () => {
    const flowId = await activeFlow(
      flowOf(
        'echo',
        [
          { id: 'shape', use: 'transform.map', config: { greeting: 'Hello {{ trigger.body.name }}' } },
          { id: 'reply', use: 'respond', config: { status: 200, body: '{{ steps.shape }}' } },
        ],
        { respond: 'sync' },
      ),
    );
    const response = await postHook(weft, flowId, { name: 'Ada' });
    expect(response.status).toBe(200);
    const text = await scrape();
    expect(sampleOf(text, 'weft_runs_started_total', { flow: flowId })).toBe(1);
    expect(sampleOf(text, 'weft_runs_finished_total', { flow: flowId, status: 'succeeded' })).toBe(1);
    expect(sampleOf(text, 'weft_webhooks_received_total', { flow: flowId })).toBe(1);
  });

  it('counts rejected webhooks by reason, without the unknown flow id as a label', async () => {
    const before = await scrape();
    expect((await postHook(weft, 'no-such-flow', {})).status).toBe(404);
    expect((await postHook(weft, 'no-such-flow-2', {})).status).toBe(404);
    const after = await scrape();
    const reason = { reason: 'hook_not_found' };
    expect(
      sampleOf(after, 'weft_webhooks_rejected_total', reason) -
        sampleOf(before, 'weft_webhooks_rejected_total', reason),
    ).toBe(2);
    expect(after).not.toContain('no-such-flow');
  });

  it('counts a failed run and a sandbox timeout', async () => {
    const flowId = await activeFlow(
      flowOf('loops', [{ id: 'spin', use: 'transform.code', config: { code: 'while (true) {}' } }]),
    );
    expect((await hookRun(flowId)).status).toBe('failed');
    const text = await scrape();
    expect(sampleOf(text, 'weft_runs_finished_total', { flow: flowId, status: 'failed' })).toBe(1);
    expect(sampleOf(text, 'weft_step_duration_seconds_count', { flow: flowId, status: 'failed' })).toBe(1);
    expect(sampleOf(text, 'weft_sandbox_evaluations_total', { outcome: 'timeout' })).toBeGreaterThanOrEqual(1);
  });

  it('counts a memory kill and an abandoned isolate', async () => {
    const hog = await activeFlow(
      flowOf('hog', [
        {
          id: 'hog',
          use: 'transform.code',
          config: { code: 'const a = []; while (true) a.push(new Array(1e6).fill(1));' },
        },
      ]),
    );
    const lost = await activeFlow(
      flowOf('lost', [{ id: 'lost', use: 'transform.code', config: { code: ABANDON_PAYLOAD } }]),
    );
    const before = await scrape();
    expect((await hookRun(hog)).status).toBe('failed');
    expect((await hookRun(lost)).status).toBe('failed');
    const after = await scrape();
    const moved = (name: string, labels: Record<string, string> = {}) =>
      sampleOf(after, name, labels) - sampleOf(before, name, labels);
    expect(moved('weft_sandbox_evaluations_total', { outcome: 'memory' })).toBeGreaterThanOrEqual(1);
    await expect
      .poll(async () => sampleOf(await scrape(), 'weft_sandbox_abandoned_isolates_total'), { timeout: 10_000 })
      .toBeGreaterThanOrEqual(1);
  }, 30_000);

  it('counts connector requests by status with latency, retries, rate-limit waits and breaker state', async () => {
    const flowId = await activeFlow(flowOf('probe', [{ id: 'call', use: 'probe@1.call', config: {} }]));
    // 503 is retried (GET is idempotent) and then 200; the second run waits for the 1-per-100-ms rate limit.
    answers = [503, 200, 404];
    expect((await hookRun(flowId)).status).toBe('succeeded');
    expect((await hookRun(flowId)).status).toBe('succeeded');
    const text = await scrape();
    const call = { connector: 'probe', action: 'call' };
    expect(sampleOf(text, 'weft_connector_requests_total', { ...call, status: '503' })).toBe(1);
    expect(sampleOf(text, 'weft_connector_requests_total', { ...call, status: '200' })).toBe(1);
    expect(sampleOf(text, 'weft_connector_requests_total', { ...call, status: '404' })).toBe(1);
    expect(sampleOf(text, 'weft_connector_request_duration_seconds_count', call)).toBe(3);
    expect(sampleOf(text, 'weft_connector_retries_total', { ...call, reason: 'status' })).toBe(1);
    expect(
      sampleOf(text, 'weft_connector_rate_limit_waits_total', { connector: 'probe', per: 'connector' }),
    ).toBeGreaterThanOrEqual(1);
    expect(sampleOf(text, 'weft_circuit_breaker_state', { connector: 'probe' })).toBe(0);
    expect(text).toContain('weft_circuit_breaker_state{connector="probe"');
  });
});
