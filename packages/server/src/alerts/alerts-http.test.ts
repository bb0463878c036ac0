// Alerts end to end: failing runs push a flow's success rate below its rule; the alert fires once, reaches a
// flow started by the alert trigger that posts it to a fake Slack (and the plain alert webhook), stays quiet
// while the condition holds, and resolves once when the failures leave the window (a fake clock). Rules are
// read and replaced through the API; the history lists both notices.
import { defineAction, defineConnector } from '@weft/sdk';
import { startFakeApi, type FakeApi } from '@weft/sdk/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postHook, startTestRuntime, waitForRun, type TestRuntime } from '../test-support/runtime.js';

let weft: TestRuntime;
let slack: FakeApi;
let now = Date.parse('2026-05-01T08:00:00Z');

const fakeSlack = (baseUrl: string) =>
  defineConnector({
    name: 'chat',
    version: '1.0.0',
    title: 'Chat',
    description: 'A fake Slack',
    auth: { kind: 'none' },
    baseUrl,
    actions: [
      defineAction({
        key: 'post',
        title: 'Post a message',
        description: 'POSTs /chat.postMessage',
        input: { type: 'object', properties: { text: { type: 'string' } }, required: ['text'] } as const,
        output: {} as const,
        async run(ctx) {
          return (await ctx.http.request({ method: 'POST', url: '/chat.postMessage', json: { text: ctx.input.text } }))
            .body;
        },
      }),
    ],
  });

async function activeFlow(definition: object): Promise<string> {
  const created = await weft.api('/api/flows', { method: 'POST', json: { schema: 'weft.flow/v1', ...definition } });
  expect(created.status).toBe(201);
  const { id } = (await created.json()) as { id: string };
  expect((await weft.api(`/api/flows/${id}/publish`, { method: 'POST' })).status).toBe(201);
  expect((await weft.api(`/api/flows/${id}/activate`, { method: 'POST' })).status).toBe(200);
  return id;
}

const messages = () =>
  slack.requests.filter((r) => r.path === '/chat.postMessage').map((r) => (r.json as { text: string }).text);
const hooked = () => slack.requests.filter((r) => r.path === '/alerts').map((r) => r.json as { state: string });
const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

beforeAll(async () => {
  slack = await startFakeApi(() => ({ json: { ok: true } }));
  weft = await startTestRuntime({
    outboundAllow: ['127.0.0.1'],
    connectors: [fakeSlack(slack.url)],
    opsClock: () => now,
    alertIntervalMs: 25,
    env: { WEFT_ALERT_WEBHOOK_URL: `${slack.url}/alerts` },
  });
});
afterAll(async () => {
  await weft?.close();
  await slack?.close();
});

describe('alerts', () => {
  it('has the default rules, and takes a replaced set', async () => {
    const defaults = (await (await weft.api('/api/alerts/rules')).json()) as { items: { id: string }[] };
    expect(defaults.items.map((r) => r.id)).toEqual([
      'flow-success-rate',
      'step-latency-p95',
      'webhook-verification-failures',
      'upstream-5xx',
      'connection-needs-reconnect',
    ]);
    const rules = [
      { id: 'flows', kind: 'flow_success_rate', enabled: true, threshold: 0.95, windowMs: 3_600_000, minRuns: 2 },
      { id: 'latency', kind: 'step_latency_p95', enabled: false, threshold: 5000, windowMs: 300_000 },
    ];
    const replaced = await weft.api('/api/alerts/rules', { method: 'PUT', json: { items: rules } });
    expect(replaced.status).toBe(200);
    expect(((await replaced.json()) as { items: unknown[] }).items).toEqual(rules);
    const twice = await weft.api('/api/alerts/rules', { method: 'PUT', json: { items: [rules[0], rules[0]] } });
    expect(twice.status).toBe(400);
  });

  it('fires once when a flow fails, reaches a flow that posts to Slack, and resolves once', async () => {
    await activeFlow({
      name: 'alerts to chat',
      trigger: { id: 'alert', connector: 'alert@1', trigger: 'fired' },
      steps: [{ id: 'post', use: 'chat@1.post', config: { text: '{{ trigger.state }}: {{ trigger.message }}' } }],
      edges: [{ from: 'alert', to: 'post' }],
    });
    const flaky = await activeFlow({
      name: 'flaky',
      trigger: { id: 'hook', connector: 'webhook@1', trigger: 'event' },
      steps: [{ id: 'work', use: 'transform.code', config: { code: "throw new Error('upstream broke')" } }],
      edges: [{ from: 'hook', to: 'work' }],
    });
    for (let i = 0; i < 2; i++) {
      const { runId } = (await (await postHook(weft, flaky, { i })).json()) as { runId: string };
      expect((await waitForRun(weft, runId)).status).toBe('failed');
    }
    await expect.poll(messages, { timeout: 10_000 }).toHaveLength(1);
    expect(messages()[0]).toMatch(new RegExp(`^firing: Flow ${flaky} succeeded in 0\\.0% of 2 runs`));
    await pause(200); // several evaluations while the condition holds: still one notice
    expect(messages()).toHaveLength(1);
    const history = (await (await weft.api('/api/alerts/history')).json()) as {
      firing: { subject: string }[];
      items: { state: string }[];
    };
    expect(history.firing.map((a) => a.subject)).toEqual([flaky]);

    now += 61 * 60_000; // the failures leave the one-hour window
    await expect.poll(messages, { timeout: 10_000 }).toHaveLength(2);
    expect(messages()[1]).toMatch(/^resolved: Resolved: Flow/);
    await pause(200);
    expect(messages()).toHaveLength(2);
    expect(hooked().map((n) => n.state)).toEqual(['firing', 'resolved']);
    const after = (await (await weft.api('/api/alerts/history')).json()) as {
      firing: unknown[];
      items: { state: string }[];
    };
    expect(after.firing).toEqual([]);
    expect(after.items.map((n) => n.state)).toEqual(['resolved', 'firing']);
  });
});
