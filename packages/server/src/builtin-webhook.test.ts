// The built-in webhook trigger's optional checks: HMAC, Standard Webhooks (signed by the official library as
// the oracle), basic auth and a token header; a forged, stale or replayed delivery starts nothing.
import { createHmac, randomBytes } from 'node:crypto';
import { Webhook } from 'standardwebhooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestRuntime, type TestRuntime } from './test-support/runtime.js';

let weft: TestRuntime;
const HMAC_SECRET = 'hmac-secret-value';
const WHSEC = `whsec_${randomBytes(24).toString('base64')}`;

async function hook(triggerConfig: object, values: Record<string, string>): Promise<string> {
  const credential = (await (
    await weft.api('/api/credentials', {
      method: 'POST',
      json: { connector: 'webhook', name: 'hook', kind: 'none', values },
    })
  ).json()) as { id: string };
  const flow = {
    schema: 'weft.flow/v1',
    name: 'guarded',
    trigger: { id: 'in', connector: 'webhook@1', trigger: 'event', credential: credential.id, config: triggerConfig },
    steps: [{ id: 'ok', use: 'transform.map', config: { got: '{{ trigger.body }}' } }],
    edges: [{ from: 'in', to: 'ok' }],
  };
  const { id } = (await (await weft.api('/api/flows', { method: 'POST', json: flow })).json()) as { id: string };
  await weft.api(`/api/flows/${id}/publish`, { method: 'POST' });
  await weft.api(`/api/flows/${id}/activate`, { method: 'POST' });
  return `${weft.url}/hooks/${id}`;
}

const post = (url: string, body: string, headers: Record<string, string>) =>
  fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });

beforeAll(async () => {
  weft = await startTestRuntime();
});
afterAll(() => weft?.close());

describe('built-in webhook checks', () => {
  it('hmac: accepts the right signature over the raw body, refuses a forged one', async () => {
    const url = await hook(
      { verify: 'hmac', signatureHeader: 'X-Hub-Signature-256', signaturePrefix: 'sha256=' },
      { signingSecret: HMAC_SECRET },
    );
    const body = '{"a": 1,  "spaces": "kept"}';
    const good = `sha256=${createHmac('sha256', HMAC_SECRET).update(body).digest('hex')}`;
    expect((await post(url, body, { 'x-hub-signature-256': good })).status).toBe(202);
    expect((await post(url, body, { 'x-hub-signature-256': 'sha256=00' })).status).toBe(401);
    expect((await post(url, `${body} `, { 'x-hub-signature-256': good })).status).toBe(401);
  });

  it('standard webhooks: accepts what the official library signs; refuses forged and stale; drops a replayed id', async () => {
    const url = await hook({ verify: 'standardWebhooks' }, { signingSecret: WHSEC });
    const signer = new Webhook(WHSEC);
    const body = JSON.stringify({ type: 'user.created', data: { id: 'u1' } });
    const sign = (id: string, at: Date) => ({
      'webhook-id': id,
      'webhook-timestamp': String(Math.floor(at.getTime() / 1000)),
      'webhook-signature': signer.sign(id, at, body),
    });
    const first = await post(url, body, sign('msg_1', new Date()));
    expect(first.status).toBe(202);
    const replay = await post(url, body, sign('msg_1', new Date()));
    expect(replay.status).toBe(200);
    expect(await replay.json()).toMatchObject({
      duplicate: true,
      runId: ((await first.json()) as { runId: string }).runId,
    });
    expect((await post(url, body, sign('msg_2', new Date(Date.now() - 10 * 60_000)))).status).toBe(401);
    const forged = { ...sign('msg_3', new Date()), 'webhook-signature': 'v1,AAAA' };
    expect((await post(url, body, forged)).status).toBe(401);
  });

  it('basic and header access', async () => {
    const basic = await hook({ access: 'basic' }, { username: 'svc', password: 'pw' });
    expect((await post(basic, '{}', {})).status).toBe(401);
    expect(
      (await post(basic, '{}', { authorization: `Basic ${Buffer.from('svc:pw').toString('base64')}` })).status,
    ).toBe(202);
    const header = await hook({ access: 'header', accessHeader: 'X-Token' }, { token: 't0ken' });
    expect((await post(header, '{}', { 'x-token': 'wrong' })).status).toBe(401);
    expect((await post(header, '{}', { 'x-token': 't0ken' })).status).toBe(202);
  });
});
