// Dead letters through HTTP: runs failing against a broken fake API are listed with their errors (test runs
// aside); once the API is fixed they are retried in bulk and leave the list; a retry that fails again takes its
// original's place; runs that are not dead letters are skipped.
import { defineAction, defineConnector } from '@weft/sdk';
import { startFakeApi, type FakeApi } from '@weft/sdk/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postHook, startTestRuntime, waitForRun, type TestRuntime } from '../test-support/runtime.js';

let weft: TestRuntime;
let api: FakeApi;
let broken = true;
let flowId: string;

const billing = (baseUrl: string) =>
  defineConnector({
    name: 'billing',
    version: '1.0.0',
    title: 'Billing',
    description: 'A fake billing API',
    auth: { kind: 'none' },
    baseUrl,
    actions: [
      defineAction({
        key: 'charge',
        title: 'Charge',
        description: 'POSTs /charge',
        retry: false,
        input: { type: 'object' } as const,
        output: {} as const,
        async run(ctx) {
          return (await ctx.http.request({ method: 'POST', url: '/charge', json: {} })).body;
        },
      }),
    ],
  });

interface Listed {
  items: { id: string; status: string; error?: { message: string } }[];
  nextCursor?: string;
}

async function failedRun(): Promise<string> {
  const response = await postHook(weft, flowId, { amount: 5 });
  const { runId } = (await response.json()) as { runId: string };
  expect((await waitForRun(weft, runId)).status).toBe('failed');
  return runId;
}

const list = async (query = ''): Promise<Listed> =>
  (await (await weft.api(`/api/dead-letters${query}`)).json()) as Listed;
const retry = async (body: object) => {
  const response = await weft.api('/api/dead-letters/retry', { method: 'POST', json: body });
  expect(response.status).toBe(200);
  return (await response.json()) as { retried: { runId: string; retryOf: string }[]; skipped: string[] };
};

beforeAll(async () => {
  api = await startFakeApi(() => (broken ? { status: 500, json: { error: 'down' } } : { json: { charged: true } }));
  weft = await startTestRuntime({ outboundAllow: ['127.0.0.1'], connectors: [billing(api.url)] });
  const created = await weft.api('/api/flows', {
    method: 'POST',
    json: {
      schema: 'weft.flow/v1',
      name: 'charge',
      trigger: { id: 'hook', connector: 'webhook@1', trigger: 'event' },
      steps: [{ id: 'charge', use: 'billing@1.charge', config: {} }],
      edges: [{ from: 'hook', to: 'charge' }],
    },
  });
  flowId = ((await created.json()) as { id: string }).id;
  expect((await weft.api(`/api/flows/${flowId}/publish`, { method: 'POST' })).status).toBe(201);
  expect((await weft.api(`/api/flows/${flowId}/activate`, { method: 'POST' })).status).toBe(200);
});
afterAll(async () => {
  await weft?.close();
  await api?.close();
});

describe('dead letters', () => {
  it('lists failed runs newest first with their errors, test runs aside, and retries them in bulk once fixed', async () => {
    const failed = [await failedRun(), await failedRun(), await failedRun()];
    const test = await weft.api(`/api/flows/${flowId}/test`, { method: 'POST', json: { input: {} } });
    const testRun = ((await test.json()) as { runId: string }).runId;
    expect((await waitForRun(weft, testRun)).status).toBe('failed');

    const listed = await list(`?flow=${flowId}`);
    expect(listed.items.map((r) => r.id)).toEqual([...failed].reverse());
    expect(listed.items[0]!.error?.message).toMatch(/500/);
    const firstPage = await list('?limit=2');
    expect(firstPage.items).toHaveLength(2);
    expect((await list(`?limit=2&cursor=${firstPage.nextCursor}`)).items.map((r) => r.id)).toEqual([failed[0]]);

    broken = false;
    const { retried, skipped } = await retry({ flow: flowId });
    expect(skipped).toEqual([]);
    expect(retried.map((r) => r.retryOf).sort()).toEqual([...failed].sort());
    for (const { runId } of retried) expect((await waitForRun(weft, runId)).status).toBe('succeeded');
    expect((await list()).items).toEqual([]);
  });

  it('shows a retry that failed again instead of its original, and skips runs that are not dead letters', async () => {
    broken = true;
    const original = await failedRun();
    const again = await retry({ runIds: [original] });
    const retryId = again.retried[0]!.runId;
    expect((await waitForRun(weft, retryId)).status).toBe('failed');
    expect((await list()).items.map((r) => r.id)).toEqual([retryId]);

    const second = await retry({ runIds: [original, 'run_missing', retryId] });
    expect(second.skipped).toEqual([original, 'run_missing']);
    expect(second.retried.map((r) => r.retryOf)).toEqual([retryId]);
  });

  it('needs runIds or a flow, and the operator role to retry', async () => {
    const response = await weft.api('/api/dead-letters/retry', { method: 'POST', json: {} });
    expect(response.status).toBe(400);
    expect((await fetch(`${weft.url}/api/dead-letters`)).status).toBe(401);
  });
});
