// Replay from a step, through HTTP against a local fake provider: only step N and what follows run again (the
// provider sees only their requests), with new idempotency keys, an edited input checked against the step's input
// schema, and the new run linked to the original.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestRuntime, waitForRun, type TestRuntime } from './test-support/runtime.js';

interface Received {
  path: string;
  body: unknown;
  key: string | undefined;
}
interface Step {
  key: string;
  status: string;
  input?: unknown;
  output?: unknown;
  startedAt: number;
}

let weft: TestRuntime;
let upstream: Server;
let upstreamUrl: string;
let received: Received[] = [];
let flowId: string;

beforeAll(async () => {
  upstream = createServer((req, res) => {
    let text = '';
    req.on('data', (chunk: Buffer) => (text += chunk.toString()));
    req.on('end', () => {
      const body: unknown = text ? JSON.parse(text) : null;
      received.push({ path: req.url ?? '', body, key: req.headers['idempotency-key'] as string | undefined });
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ echoed: body }));
    });
  });
  await new Promise<void>((resolve) => upstream.listen(0, '127.0.0.1', resolve));
  upstreamUrl = `http://127.0.0.1:${(upstream.address() as AddressInfo).port}`;
  weft = await startTestRuntime({ outboundAllow: ['127.0.0.1'] });
  const created = await weft.api('/api/flows', {
    method: 'POST',
    json: {
      schema: 'weft.flow/v1',
      name: 'replayed',
      trigger: { id: 'hook', connector: 'webhook@1', trigger: 'event' },
      steps: [
        { id: 'a', use: 'transform.map', config: { n: '{{ trigger.n }}' } },
        { id: 'b', use: 'http@1.request', config: { method: 'POST', url: `${upstreamUrl}/b`, json: '{{ steps.a }}' } },
        { id: 'c', use: 'transform.map', config: { got: '{{ steps.b.body.echoed.n }}' } },
        { id: 'd', use: 'http@1.request', config: { method: 'POST', url: `${upstreamUrl}/d`, json: '{{ steps.c }}' } },
      ],
      edges: [
        { from: 'hook', to: 'a' },
        { from: 'a', to: 'b' },
        { from: 'b', to: 'c' },
        { from: 'c', to: 'd' },
      ],
    },
  });
  expect(created.status, await created.clone().text()).toBe(201);
  flowId = ((await created.json()) as { id: string }).id;
});
afterAll(async () => {
  await weft?.close();
  await new Promise((resolve) => upstream?.close(resolve));
});

async function finishedRun(input: unknown): Promise<string> {
  const response = await weft.api(`/api/flows/${flowId}/test`, { method: 'POST', json: { input } });
  const { runId } = (await response.json()) as { runId: string };
  expect(await waitForRun(weft, runId)).toMatchObject({ status: 'succeeded' });
  return runId;
}

async function replay(runId: string, body: object): Promise<Response> {
  return weft.api(`/api/runs/${runId}/replay`, { method: 'POST', json: body });
}

async function replayed(runId: string, body: object) {
  const response = await replay(runId, body);
  const accepted = (await response.json()) as { runId: string; retryOf: string };
  expect(response.status, JSON.stringify(accepted)).toBe(202);
  const run = (await waitForRun(weft, accepted.runId)) as { status: string; steps: Step[]; retryOf: string };
  return { accepted, run, steps: Object.fromEntries(run.steps.map((s) => [s.key, s])) };
}

describe('replay from a step', () => {
  it('re-runs only the step and what follows, with new idempotency keys, linked to the original', async () => {
    const original = await finishedRun({ n: 1 });
    expect(received.map((r) => [r.path, r.key])).toEqual([
      ['/b', `${original}:b`],
      ['/d', `${original}:d`],
    ]);
    const before = (await (await weft.api(`/api/runs/${original}`)).json()) as { steps: Step[] };
    received = [];

    const { accepted, run, steps } = await replayed(original, { from: 'c' });
    expect(accepted.retryOf).toBe(original);
    expect(run).toMatchObject({ status: 'succeeded', retryOf: original, triggerKind: 'replay' });
    expect(received).toEqual([{ path: '/d', body: { got: 1 }, key: `${accepted.runId}:d` }]);
    // The steps before c keep their recorded outcome (same output, same start); c and d ran again.
    for (const key of ['hook', 'a', 'b'])
      expect(steps[key]).toMatchObject({ output: before.steps.find((s) => s.key === key)!.output });
    expect(steps.b!.startedAt).toBe(before.steps.find((s) => s.key === 'b')!.startedAt);
    expect(steps.c!.startedAt).toBeGreaterThanOrEqual(before.steps.find((s) => s.key === 'c')!.startedAt);
    expect(steps.d).toMatchObject({ status: 'succeeded', output: { body: { echoed: { got: 1 } } } });
    const logs = (await (await weft.api(`/api/runs/${accepted.runId}/logs`)).json()) as {
      items: { message: string }[];
    };
    expect(logs.items[0]!.message).toBe(`replay of run ${original} from step "c"`);
  });

  it("uses an edited input for the step, checked against the step's input schema", async () => {
    const original = await finishedRun({ n: 2 });
    received = [];
    const invalid = await replay(original, { from: 'b', input: { url: 42 } });
    expect(invalid.status).toBe(422);
    expect(await invalid.json()).toMatchObject({ code: 'invalid_replay_input', pointer: '/input/url' });
    expect(received).toEqual([]);

    const edited = { method: 'POST', url: `${upstreamUrl}/b`, json: { n: 99 } };
    const { accepted, steps } = await replayed(original, { from: 'b', input: edited });
    expect(received).toEqual([
      { path: '/b', body: { n: 99 }, key: `${accepted.runId}:b` },
      { path: '/d', body: { got: 99 }, key: `${accepted.runId}:d` },
    ]);
    expect(steps.b).toMatchObject({ status: 'succeeded', input: edited });
    expect(steps.a).toMatchObject({ output: { n: 2 } });
  });

  it('replays from the trigger with an edited event: every step runs again', async () => {
    const original = await finishedRun({ n: 3 });
    received = [];
    const { run } = await replayed(original, { from: 'hook', input: { n: 4 } });
    expect(run).toMatchObject({ status: 'succeeded', input: { n: 4 } });
    expect(received.map((r) => r.body)).toEqual([{ n: 4 }, { got: 4 }]);
  });

  it('refuses an unknown step and a missing run', async () => {
    const original = await finishedRun({ n: 5 });
    const unknown = await replay(original, { from: 'nope' });
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toMatchObject({ code: 'node_not_found', pointer: '/from' });
    expect((await replay('run_missing', { from: 'a' })).status).toBe(404);
  });

  it('replays a step inside a forEach: every iteration runs it again, earlier body steps keep their records', async () => {
    const created = await weft.api('/api/flows', {
      method: 'POST',
      json: {
        schema: 'weft.flow/v1',
        name: 'loop replay',
        trigger: { id: 'hook', connector: 'webhook@1', trigger: 'event' },
        steps: [
          { id: 'loop', use: 'forEach', config: { items: '{{ trigger.list }}' } },
          { id: 'x', use: 'transform.map', config: { v: '{{ item }}' } },
          { id: 'y', use: 'transform.map', config: { w: '{{ steps.x.v }}' } },
          { id: 'after', use: 'transform.map', config: { count: '{{ steps.loop.length }}' } },
        ],
        edges: [
          { from: 'hook', to: 'loop' },
          { from: 'loop', to: 'x', port: 'each' },
          { from: 'x', to: 'y' },
          { from: 'loop', to: 'after', port: 'done' },
        ],
      },
    });
    const loopFlow = ((await created.json()) as { id: string }).id;
    const test = await weft.api(`/api/flows/${loopFlow}/test`, { method: 'POST', json: { input: { list: [1, 2] } } });
    const original = ((await test.json()) as { runId: string }).runId;
    const before = (await waitForRun(weft, original)) as { steps: Step[] };
    const started = (key: string) => before.steps.find((s) => s.key === key)!.startedAt;

    // Later than every recorded step, so a step that ran again shows a later start than its record.
    await new Promise((resolve) => setTimeout(resolve, 5));
    const { run, steps } = await replayed(original, { from: 'y' });
    expect(run).toMatchObject({ status: 'succeeded', output: { count: 2 } });
    expect(steps['loop[0]/y']!.startedAt).toBeGreaterThan(started('loop[0]/y'));
    expect(Object.keys(steps).sort()).toEqual([
      'after',
      'hook',
      'loop',
      'loop[0]/x',
      'loop[0]/y',
      'loop[1]/x',
      'loop[1]/y',
    ]);
    expect(steps['loop[0]/x']!.startedAt).toBe(started('loop[0]/x'));
    expect(steps['loop[1]/y']).toMatchObject({ status: 'succeeded', output: { w: 2 } });
    const edited = await replay(original, { from: 'y', input: { w: 9 } });
    expect(edited.status).toBe(422);
    expect(await edited.json()).toMatchObject({ code: 'invalid_replay_input' });
  });
});
