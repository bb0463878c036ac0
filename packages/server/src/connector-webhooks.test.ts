// Webhooks of connector triggers through the server: the connector's verifier over the raw body, the flow's
// trigger config reaching the connector, handshakes answered without a run, one run per event.
import { defineTrigger, type WebhookRequest } from '@weft/sdk';
import { createHmac } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestRuntime, waitForRun, type TestRuntime } from './test-support/runtime.js';
import { acmeWebhookConnector, verifyXSignature } from './test-support/signed-webhook.js';

const SECRET = 'whsec-test-secret';
let weft: TestRuntime;
let hook: string;
let draftDefinition: object;

const deliveries = defineTrigger({
  key: 'event',
  title: 'Event',
  description: 'Signed deliveries with a list of events',
  kind: 'webhook',
  verify: verifyXSignature,
  eventId: (request: WebhookRequest) => request.headers['x-delivery'],
  respond: (request: WebhookRequest) => {
    const body = request.body as { challenge?: string } | undefined;
    return body?.challenge ? { status: 200, body: { challenge: body.challenge } } : undefined;
  },
  toEvents: (request: WebhookRequest, config?: unknown) => {
    const wanted = (config as { types?: string[] } | undefined)?.types;
    const events = (request.body as { events?: { type: string }[] } | undefined)?.events ?? [];
    return events.filter((event) => !wanted || wanted.includes(event.type));
  },
});

const sign = (body: string) => createHmac('sha256', SECRET).update(body).digest('hex');

async function deliver(body: object, headers: Record<string, string> = {}) {
  const text = JSON.stringify(body);
  return fetch(`${weft.url}/hooks/${hook}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-signature': sign(text), ...headers },
    body: text,
  });
}

beforeAll(async () => {
  weft = await startTestRuntime({
    connectors: [acmeWebhookConnector(deliveries)],
  });
  const credential = (await (
    await weft.api('/api/credentials', {
      method: 'POST',
      json: { connector: 'acme', name: 'signing', kind: 'none', values: { signingSecret: SECRET } },
    })
  ).json()) as { id: string };
  const flow = {
    schema: 'weft.flow/v1',
    name: 'signed',
    trigger: {
      id: 'in',
      connector: 'acme@1',
      trigger: 'event',
      credential: credential.id,
      config: { types: ['order.paid', 'order.refunded'] },
    },
    steps: [{ id: 'seen', use: 'transform.map', config: { type: '{{ trigger.type }}' } }],
    edges: [{ from: 'in', to: 'seen' }],
  };
  draftDefinition = flow;
  const created = await weft.api('/api/flows', { method: 'POST', json: flow });
  expect(created.status).toBe(201);
  const { id } = (await created.json()) as { id: string };
  hook = id;
  expect((await weft.api(`/api/flows/${id}/publish`, { method: 'POST' })).status).toBe(201);
  expect((await weft.api(`/api/flows/${id}/activate`, { method: 'POST' })).status).toBe(200);
});
afterAll(() => weft?.close());

describe('connector webhooks', () => {
  it('refuses a forged signature with 401 problem+json and starts nothing', async () => {
    const response = await fetch(`${weft.url}/hooks/${hook}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-signature': 'bad' },
      body: '{"events":[]}',
    });
    expect(response.status).toBe(401);
    expect(response.headers.get('content-type')).toMatch(/problem\+json/);
  });

  it('answers a handshake without a run', async () => {
    const response = await deliver({ challenge: 'abc123' });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ challenge: 'abc123' });
  });

  it('starts one run per event the flow config selects, and drops redeliveries', async () => {
    const body = { events: [{ type: 'order.paid' }, { type: 'order.viewed' }, { type: 'order.refunded' }] };
    const first = await deliver(body, { 'x-delivery': 'd-1' });
    expect(first.status).toBe(202);
    const { runIds } = (await first.json()) as { runIds: string[] };
    expect(runIds).toHaveLength(2);
    const outputs = await Promise.all(runIds.map(async (id) => (await waitForRun(weft, id)).output));
    expect(outputs).toEqual([{ type: 'order.paid' }, { type: 'order.refunded' }]);
    const again = (await (await deliver(body, { 'x-delivery': 'd-1' })).json()) as { runIds: string[] };
    expect(again.runIds).toEqual(runIds);
  });

  it('accepts a delivery whose events are all filtered out, without a run', async () => {
    const response = await deliver({ events: [{ type: 'order.viewed' }] }, { 'x-delivery': 'd-2' });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ runIds: [] });
  });

  it('a draft being listened to answers handshakes, skips filtered events and hands over the first kept one', async () => {
    const created = await weft.api('/api/flows', { method: 'POST', json: draftDefinition });
    const { id } = (await created.json()) as { id: string };
    const send = (body: object) => {
      const text = JSON.stringify(body);
      return fetch(`${weft.url}/hooks/${id}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-signature': sign(text) },
        body: text,
      });
    };
    expect((await send({ events: [{ type: 'order.paid' }] })).status).toBe(404);
    const listening = weft
      .api(`/api/flows/${id}/deliveries/next?timeout=10000`)
      .then(async (r) => ((await r.json()) as { delivery: { input: unknown; sample: boolean } | null }).delivery);
    let handshake = await send({ challenge: 'c1' });
    for (let i = 0; i < 200 && handshake.status === 404; i++) {
      await new Promise((r) => setTimeout(r, 10));
      handshake = await send({ challenge: 'c1' });
    }
    expect(await handshake.json()).toEqual({ challenge: 'c1' });
    const filtered = await send({ events: [{ type: 'order.created' }] });
    expect(await filtered.json()).toEqual({ sample: null });
    const kept = await send({ events: [{ type: 'order.created' }, { type: 'order.refunded', id: 'o1' }] });
    expect(kept.status).toBe(200);
    expect(await listening).toEqual(
      expect.objectContaining({ sample: true, input: { type: 'order.refunded', id: 'o1' } }),
    );
    const runs = (await (await weft.api(`/api/runs?flow=${id}&tests=1`)).json()) as { items: unknown[] };
    expect(runs.items).toEqual([]);
  });
});
