import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXAMPLES_DIR, postHook, startTestRuntime, waitForRun, type TestRuntime } from './test-support/runtime.js';

let weft: TestRuntime;

beforeAll(async () => {
  weft = await startTestRuntime({ examplesDir: EXAMPLES_DIR, respondTimeoutMs: 5000 });
});
afterAll(() => weft?.close());

async function problem(response: Response) {
  expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  return (await response.json()) as {
    status: number;
    title: string;
    detail: string;
    problems?: { pointer: string; code: string }[];
  };
}

describe('health', () => {
  it('answers liveness and readiness without authentication', async () => {
    expect((await fetch(`${weft.url}/healthz`)).status).toBe(200);
    const ready = await fetch(`${weft.url}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toMatchObject({ status: 'ready', database: 'sqlite' });
  });
});

describe('webhooks', () => {
  it('answers a respond-mode webhook with the flow response', async () => {
    const response = await postHook(weft, 'hello-webhook', { name: 'Ada' });
    expect(response.status).toBe(200);
    const body = (await response.json()) as { message: string; letters: number };
    expect(body).toMatchObject({ message: 'Hello Ada!', letters: 3 });
    const runId = response.headers.get('x-weft-run-id')!;
    const run = await waitForRun(weft, runId);
    expect(run.status).toBe('succeeded');
    const logs = (await (await weft.api(`/api/runs/${runId}/logs`)).json()) as { items: { message: string }[] };
    expect(logs.items.map((l) => l.message)).toContain('greeting Hello Ada!');
  });

  it('persists the run before answering 202 and executes it', async () => {
    const response = await postHook(weft, 'order-routing', { id: 'o1', total: 50, country: 'US' });
    expect(response.status).toBe(202);
    const { runId } = (await response.json()) as { runId: string };
    const run = await waitForRun(weft, runId);
    expect(run).toMatchObject({ status: 'succeeded', output: { order: 'o1', queue: 'us-fulfilment' } });
    const steps = run.steps as { key: string; status: string }[];
    expect(steps.find((s) => s.key === 'review')?.status).toBe('skipped');
  });

  it('deduplicates a redelivered provider event id', async () => {
    const send = () =>
      postHook(weft, 'order-routing', { id: 'o2', total: 5, country: 'DE' }, { 'idempotency-key': 'evt_123' });
    const first = await send();
    const second = await send();
    expect(first.status).toBe(202);
    expect(second.status).toBe(200);
    const a = (await first.json()) as { runId: string };
    const b = (await second.json()) as { runId: string; duplicate: boolean };
    expect(b).toEqual({ runId: a.runId, duplicate: true });
  });

  it('refuses unknown hooks, other methods and oversized bodies with problem+json', async () => {
    expect((await problem(await fetch(`${weft.url}/hooks/nope`, { method: 'POST' }))).status).toBe(404);
    expect((await problem(await fetch(`${weft.url}/hooks/order-routing`, { method: 'OPTIONS' }))).status).toBe(405);
    const big = await postHook(weft, 'order-routing', { pad: 'x'.repeat(1024 * 1024 + 10) });
    expect((await problem(big)).status).toBe(413);
    const bad = await postHook(weft, 'order-routing', '{"oops": ');
    expect((await problem(bad)).status).toBe(400);
  });
});

describe('API', () => {
  it('requires a bearer token', async () => {
    const response = await fetch(`${weft.url}/api/flows`);
    expect((await problem(response)).status).toBe(401);
    expect((await problem(await weft.api('/api/flows', { headers: { authorization: 'Bearer wrong' } }))).status).toBe(
      401,
    );
  });

  it('lists the example flows: published, webhook ones active, scheduled ones left for a person to switch on', async () => {
    const { items } = (await (await weft.api('/api/flows')).json()) as {
      items: { id: string; active: boolean; activeVersion: number; trigger: string }[];
    };
    expect(items.map((f) => f.id)).toEqual(expect.arrayContaining(['batch-enrich', 'hello-webhook', 'order-routing']));
    expect(items.every((f) => f.activeVersion === 1)).toBe(true);
    for (const flow of items)
      expect(flow.active, flow.id).toBe(flow.trigger === 'webhook@1' && flow.id !== 'incremental-sync');
  });

  it('rejects an invalid flow with every problem and its JSON pointer', async () => {
    const response = await weft.api('/api/flows', {
      method: 'POST',
      json: {
        definition: {
          schema: 'weft.flow/v1',
          name: 'bad',
          trigger: { id: 't', connector: 'webhook@1', trigger: 'event' },
          steps: [{ id: 'a', use: 'transform.code', config: { code: 'return (' } }],
          edges: [{ from: 't', to: 'ghost' }],
        },
      },
    });
    expect(response.status).toBe(422);
    const body = await problem(response);
    expect(body.problems?.map((p) => `${p.code} ${p.pointer}`)).toEqual(
      expect.arrayContaining(['dangling_edge /definition/edges/0/to', 'unreachable /definition/steps/0']),
    );
  });

  it('answers malformed JSON, unknown routes and wrong methods with problem+json, never 500', async () => {
    const malformed = await weft.api('/api/flows', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{',
    });
    expect((await problem(malformed)).status).toBe(400);
    expect((await problem(await weft.api('/api/nothing-here'))).status).toBe(404);
    expect((await problem(await weft.api('/api/flows', { method: 'PATCH' }))).status).toBe(405);
    expect((await problem(await weft.api('/api/runs?status=bogus'))).status).toBe(400);
    expect((await problem(await weft.api('/api/runs/run_missing'))).status).toBe(404);
  });

  it('creates, publishes, tests and retries a flow through the API', async () => {
    const definition = {
      schema: 'weft.flow/v1',
      name: 'Divide',
      trigger: { id: 't', connector: 'webhook@1', trigger: 'event' },
      steps: [
        {
          id: 'div',
          use: 'transform.code',
          config: {
            code: 'console.log("dividing", trigger.n, trigger.d);\nif (trigger.d === 0) throw new Error("cannot divide by zero");\nreturn trigger.n / trigger.d;',
          },
        },
      ],
      edges: [{ from: 't', to: 'div' }],
    };
    const created = await weft.api('/api/flows', { method: 'POST', json: { definition } });
    expect(created.status).toBe(201);
    const flow = (await created.json()) as { id: string };
    const test = await weft.api(`/api/flows/${flow.id}/test`, { method: 'POST', json: { input: { n: 6, d: 3 } } });
    expect(test.status).toBe(202);
    const tested = await waitForRun(weft, ((await test.json()) as { runId: string }).runId);
    expect(tested).toMatchObject({ status: 'succeeded', output: 2 });

    const failing = await weft.api(`/api/flows/${flow.id}/test`, { method: 'POST', json: { input: { n: 1, d: 0 } } });
    const failed = await waitForRun(weft, ((await failing.json()) as { runId: string }).runId);
    expect(failed).toMatchObject({
      status: 'failed',
      error: { message: expect.stringContaining('cannot divide by zero') },
    });
    const failedLogs = (await (await weft.api(`/api/runs/${String(failed.id)}/logs`)).json()) as {
      items: { message: string }[];
    };
    expect(failedLogs.items.map((l) => l.message)).toContain('dividing 1 0');
    const retry = await weft.api(`/api/runs/${String(failed.id)}/retry`, { method: 'POST' });
    expect(retry.status).toBe(202);
    const retried = await waitForRun(weft, ((await retry.json()) as { runId: string }).runId);
    expect(retried).toMatchObject({ status: 'failed', retryOf: failed.id });

    expect((await weft.api(`/api/flows/${flow.id}/publish`, { method: 'POST' })).status).toBe(201);
    expect((await weft.api(`/api/flows/${flow.id}/activate`, { method: 'POST' })).status).toBe(200);
    const versions = (await (await weft.api(`/api/flows/${flow.id}/versions`)).json()) as {
      items: { version: number }[];
    };
    expect(versions.items.map((v) => v.version)).toEqual([1]);
  });
});
