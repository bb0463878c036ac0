// Connector health through HTTP: a connector's requests to a local fake API whose failure rate the test sets;
// GET /api/health/connectors moves healthy → degraded → down → healthy as the rate rises and falls out of the
// 5-minute window (a fake clock), per connector and per connection; an open circuit breaker is `down` at once.
import type { ConnectorHealthReport } from '@weft/core/contract';
import { defineAction, defineConnector } from '@weft/sdk';
import { startFakeApi, type FakeApi } from '@weft/sdk/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postHook, startTestRuntime, waitForRun, type TestRuntime } from '../test-support/runtime.js';

let weft: TestRuntime;
let api: FakeApi;
let now = Date.parse('2026-01-01T00:00:00Z');
/** Every n-th request fails with 500 (0: none); `brittle` requests always fail. */
let failEvery = 0;
let served = 0;

function burstConnector(name: string, baseUrl: string) {
  return defineConnector({
    name,
    version: '1.0.0',
    title: name,
    description: 'Requests a local fake API n times',
    auth: { kind: 'bearer' },
    baseUrl,
    actions: [
      defineAction({
        key: 'burst',
        title: 'Burst',
        description: 'GETs /hit n times',
        retry: false,
        input: { type: 'object', properties: { n: { type: 'integer' } }, required: ['n'] } as const,
        output: {} as const,
        async run(ctx) {
          for (let i = 0; i < ctx.input.n; i++) await ctx.http.request({ url: `/${name}`, throwHttpErrors: false });
          return {};
        },
      }),
    ],
  });
}

async function activeFlow(use: string, credential: string): Promise<string> {
  const created = await weft.api('/api/flows', {
    method: 'POST',
    json: {
      schema: 'weft.flow/v1',
      name: use,
      trigger: { id: 'hook', connector: 'webhook@1', trigger: 'event' },
      steps: [{ id: 'burst', use, credential, config: { n: '{{ trigger.body.n }}' } }],
      edges: [{ from: 'hook', to: 'burst' }],
    },
  });
  expect(created.status).toBe(201);
  const { id } = (await created.json()) as { id: string };
  expect((await weft.api(`/api/flows/${id}/publish`, { method: 'POST' })).status).toBe(201);
  expect((await weft.api(`/api/flows/${id}/activate`, { method: 'POST' })).status).toBe(200);
  return id;
}

async function connection(connector: string): Promise<string> {
  const created = await weft.api('/api/credentials', {
    method: 'POST',
    json: { connector, name: `${connector} main`, kind: 'bearer', values: { token: 't' } },
  });
  expect(created.status).toBe(201);
  return ((await created.json()) as { id: string }).id;
}

async function burst(flowId: string, n: number, ends = 'succeeded'): Promise<void> {
  const response = await postHook(weft, flowId, { n });
  expect(response.status).toBe(202);
  const { runId } = (await response.json()) as { runId: string };
  expect((await waitForRun(weft, runId)).status).toBe(ends);
}

async function health(): Promise<ConnectorHealthReport> {
  const response = await weft.api('/api/health/connectors');
  expect(response.status).toBe(200);
  return (await response.json()) as ConnectorHealthReport;
}

async function healthOf(connector: string) {
  const found = (await health()).items.find((item) => item.connector === connector);
  if (!found) throw new Error(`no health for ${connector}`);
  return found;
}

beforeAll(async () => {
  api = await startFakeApi((request) => {
    if (request.path === '/brittle') return { status: 500 };
    served++;
    return { status: failEvery > 0 && served % failEvery === 0 ? 500 : 200, json: {} };
  });
  weft = await startTestRuntime({
    outboundAllow: ['127.0.0.1'],
    connectors: [burstConnector('steady', api.url), burstConnector('brittle', api.url)],
    opsClock: () => now,
  });
});
afterAll(async () => {
  await weft?.close();
  await api?.close();
});

describe('GET /api/health/connectors', () => {
  it('lists installed connectors as healthy before any traffic, with the window and thresholds', async () => {
    const report = await health();
    expect(report.windowMs).toBe(300_000);
    expect(report.thresholds).toEqual({ degraded: 0.01, down: 0.1 });
    expect(report.items.find((i) => i.connector === 'steady')).toMatchObject({ status: 'healthy', requests: 0 });
  });

  it('moves healthy → degraded → down → healthy as the failure rate rises and leaves the window', async () => {
    const credential = await connection('steady');
    const flowId = await activeFlow('steady@1.burst', credential);

    await burst(flowId, 100);
    let steady = await healthOf('steady');
    expect(steady).toMatchObject({ status: 'healthy', requests: 100, errors: 0, breakerOpen: false });
    expect(steady.connections).toEqual([expect.objectContaining({ credentialId: credential, status: 'healthy' })]);

    // 1 in 20 fails: 5 errors in 200 requests (2.5%), never 5 in a row (the breaker stays closed).
    now += 60_000;
    failEvery = 20;
    await burst(flowId, 100);
    steady = await healthOf('steady');
    expect(steady).toMatchObject({ status: 'degraded', requests: 200, errors: 5 });
    expect(steady.connections[0]).toMatchObject({ status: 'degraded', errors: 5 });

    // 1 in 3 fails: 34 more errors, 39 in 300 (13%).
    now += 60_000;
    failEvery = 3;
    await burst(flowId, 100);
    steady = await healthOf('steady');
    expect(steady).toMatchObject({ status: 'down', requests: 300, errors: 39, breakerOpen: false });
    expect(steady.connections[0]!.status).toBe('down');

    // The failures leave the 5-minute window; fresh requests all succeed.
    now += 6 * 60_000;
    failEvery = 0;
    await burst(flowId, 50);
    steady = await healthOf('steady');
    expect(steady).toMatchObject({ status: 'healthy', requests: 50, errors: 0 });
    expect(steady.connections[0]).toMatchObject({ status: 'healthy', requests: 50 });
  });

  it('reports a connector whose circuit breaker is open as down', async () => {
    const flowId = await activeFlow('brittle@1.burst', await connection('brittle'));
    // Five failures in a row open the breaker; the sixth request fails fast (an error too) and fails the run.
    await burst(flowId, 7, 'failed');
    const brittle = await healthOf('brittle');
    expect(brittle).toMatchObject({ status: 'down', breakerOpen: true, requests: 6, errors: 6 });
    expect((await healthOf('steady')).status).toBe('healthy');
  });
});
