// "Listen for a test event" and "Last event": while an editor waits, a draft takes a signed delivery as sample
// data only (verified first, never stored, never run); without a listener it refuses it as before; a live flow's
// deliveries are stored and run as usual, and the waiting editor gets them with their run. A polling trigger's
// "next event" is the first item its source yields when polled with the draft's config.
import { defineConnector, defineTrigger } from '@weft/sdk';
import { createHmac } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestRuntime, waitForRun, type TestRuntime } from './test-support/runtime.js';

const SECRET = 'draft-signing-secret';
let weft: TestRuntime;

let polls = 0;
const feed = defineConnector({
  name: 'feed',
  version: '1.0.0',
  title: 'Feed',
  description: 'A polling source: nothing on its first poll, then one item',
  actions: [],
  triggers: [
    defineTrigger({
      key: 'items',
      title: 'New item',
      description: 'Polls the feed',
      kind: 'polling',
      intervalMs: 1000,
      poll() {
        polls += 1;
        return Promise.resolve({ items: polls === 1 ? [] : [{ id: `item-${polls}`, title: 'Hello' }], cursor: {} });
      },
      dedupeKey: (item) => String(item.id),
    }),
  ],
});

beforeAll(async () => {
  weft = await startTestRuntime({ connectors: [feed] });
});
afterAll(() => weft?.close());

interface Delivery {
  id: string;
  receivedAt: number;
  runId?: string;
  sample: boolean;
  input: { body?: unknown; headers?: Record<string, unknown> };
}

async function signedFlow(): Promise<string> {
  const credential = (await (
    await weft.api('/api/credentials', {
      method: 'POST',
      json: { connector: 'webhook', name: 'signing', kind: 'none', values: { signingSecret: SECRET } },
    })
  ).json()) as { id: string };
  const flow = {
    schema: 'weft.flow/v1',
    name: 'listening',
    trigger: {
      id: 'in',
      connector: 'webhook@1',
      trigger: 'event',
      credential: credential.id,
      config: { verify: 'hmac', signatureHeader: 'X-Signature', signaturePrefix: 'sha256=' },
    },
    steps: [{ id: 'ok', use: 'transform.map', config: { got: '{{ trigger.body }}' } }],
    edges: [{ from: 'in', to: 'ok' }],
  };
  return ((await (await weft.api('/api/flows', { method: 'POST', json: flow })).json()) as { id: string }).id;
}

function post(flowId: string, body: object, signature?: string): Promise<Response> {
  const text = JSON.stringify(body);
  const signed = signature ?? `sha256=${createHmac('sha256', SECRET).update(text).digest('hex')}`;
  return fetch(`${weft.url}/hooks/${flowId}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-signature': signed },
    body: text,
  });
}

function listen(flowId: string, timeout = 10_000): Promise<Delivery | null> {
  return weft
    .api(`/api/flows/${flowId}/deliveries/next?timeout=${timeout}`)
    .then(async (r) => ((await r.json()) as { delivery: Delivery | null }).delivery);
}

/** Sends until the listener (a request in flight) is registered: a refused delivery is retried, as senders do. */
async function sendWhileListening(flowId: string, body: object): Promise<{ status: number; attempts: number }> {
  for (let attempts = 1; ; attempts++) {
    const response = await post(flowId, body);
    if (response.status !== 404 || attempts === 200) return { status: response.status, attempts };
    await new Promise((r) => setTimeout(r, 10));
  }
}

async function runsOf(flowId: string): Promise<unknown[]> {
  return ((await (await weft.api(`/api/runs?flow=${flowId}&tests=1`)).json()) as { items: unknown[] }).items;
}

describe('listening for a test event on a draft', () => {
  it('refuses deliveries to a draft while nobody listens, as before', async () => {
    const flowId = await signedFlow();
    expect((await post(flowId, { type: 'ping' })).status).toBe(404);
  });

  it('hands a signed delivery to the listener as a sample: nothing is stored and no run starts', async () => {
    const flowId = await signedFlow();
    const listening = listen(flowId);
    const sent = await sendWhileListening(flowId, { type: 'invoice.payment_failed', customer: 'cus_1' });
    expect(sent.status).toBe(200);
    const delivery = await listening;
    expect(delivery).toMatchObject({ sample: true, input: { body: { type: 'invoice.payment_failed' } } });
    expect(delivery?.runId).toBeUndefined();
    // The signature header is redacted from the sample, as from stored deliveries.
    expect(JSON.stringify(delivery?.input.headers)).not.toContain('sha256=');
    expect(await runsOf(flowId)).toEqual([]);
    // The listener is gone: the draft refuses deliveries again. "Last event" keeps the sample.
    expect((await post(flowId, { type: 'late' })).status).toBe(404);
    const last = (await (await weft.api(`/api/flows/${flowId}/deliveries`)).json()) as { items: Delivery[] };
    expect(last.items.map((d) => d.id)).toEqual([delivery?.id]);
  });

  it('checks the signature first: a forged delivery is refused and the listener keeps waiting', async () => {
    const flowId = await signedFlow();
    const listening = listen(flowId);
    let forged = 404;
    for (let i = 0; i < 200 && forged === 404; i++) {
      forged = (await post(flowId, { type: 'forged' }, 'sha256=00')).status;
      if (forged === 404) await new Promise((r) => setTimeout(r, 10));
    }
    expect(forged).toBe(401);
    expect((await sendWhileListening(flowId, { type: 'genuine' })).status).toBe(200);
    expect((await listening)?.input.body).toEqual({ type: 'genuine' });
  });

  it('answers null when nothing arrives before the timeout', async () => {
    const flowId = await signedFlow();
    expect(await listen(flowId, 1)).toBeNull();
  });

  it('asks for a timeout (a listen without one is a bad request)', async () => {
    const flowId = await signedFlow();
    expect((await weft.api(`/api/flows/${flowId}/deliveries/next`)).status).toBe(400);
  });
});

describe('listening on a live flow', () => {
  it('gets the next real delivery with its run, which runs as usual; "Last event" lists it', async () => {
    const flowId = await signedFlow();
    expect((await weft.api(`/api/flows/${flowId}/publish`, { method: 'POST' })).status).toBe(201);
    expect((await weft.api(`/api/flows/${flowId}/activate`, { method: 'POST' })).status).toBe(200);
    const after = Date.now() - 1;
    const listening = weft
      .api(`/api/flows/${flowId}/deliveries/next?timeout=10000&after=${after}`)
      .then(async (r) => ((await r.json()) as { delivery: Delivery | null }).delivery);
    const response = await post(flowId, { type: 'invoice.payment_failed' });
    expect(response.status).toBe(202);
    const { runId } = (await response.json()) as { runId: string };
    const delivery = await listening;
    expect(delivery).toMatchObject({ runId, sample: false, input: { body: { type: 'invoice.payment_failed' } } });
    expect(await waitForRun(weft, runId)).toMatchObject({ status: 'succeeded' });
    const last = (await (await weft.api(`/api/flows/${flowId}/deliveries`)).json()) as { items: Delivery[] };
    expect(last.items).toEqual([delivery]);
  });
});

describe('listening on a polling trigger', () => {
  it('polls the source with the draft until it yields an item, which becomes the sample; no run starts', async () => {
    const flow = {
      schema: 'weft.flow/v1',
      name: 'feed',
      trigger: { id: 'in', connector: 'feed@1', trigger: 'items' },
      steps: [{ id: 'ok', use: 'transform.map', config: { got: '{{ trigger.title }}' } }],
      edges: [{ from: 'in', to: 'ok' }],
    };
    const { id } = (await (await weft.api('/api/flows', { method: 'POST', json: flow })).json()) as { id: string };
    polls = 0;
    const delivery = await listen(id);
    expect(polls).toBe(2);
    expect(delivery).toMatchObject({ sample: true, input: { id: 'item-2', title: 'Hello' } });
    expect(await runsOf(id)).toEqual([]);
    const last = (await (await weft.api(`/api/flows/${id}/deliveries`)).json()) as { items: Delivery[] };
    expect(last.items).toEqual([delivery]);
  });
});
