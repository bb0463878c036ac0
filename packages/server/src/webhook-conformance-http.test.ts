// Webhook conformance through HTTP, one flow per scheme with the real connectors: a signed delivery starts one
// run, a refused one (tampered, unsigned) starts none, and the signed delivery replayed with extra id headers is
// a duplicate. The verdicts of each verifier are compared with the official libraries in the SDK's suite.
import { createHmac, randomBytes } from 'node:crypto';
import { Webhook } from 'standardwebhooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestRuntime, type TestRuntime } from './test-support/runtime.js';

let weft: TestRuntime;
const SECRET = 'conformance-secret-0123';
const WHSEC = `whsec_${randomBytes(24).toString('base64')}`;
const now = () => Math.floor(Date.now() / 1000);
const hmac = (key: string | Buffer, ...parts: string[]) => {
  const h = createHmac('sha256', key);
  for (const part of parts) h.update(part);
  return h;
};
const standard = (id: string, body: string) => {
  const at = new Date();
  return {
    'webhook-id': id,
    'webhook-timestamp': String(Math.floor(at.getTime() / 1000)),
    'webhook-signature': new Webhook(WHSEC).sign(id, at, body),
  };
};

interface Scheme {
  trigger: { connector: string; trigger: string; config?: object };
  secret: string;
  body: string;
  sign(body: string): Record<string, string>;
}

const SCHEMES: Record<string, Scheme> = {
  stripe: {
    trigger: { connector: 'stripe@1', trigger: 'event' },
    secret: SECRET,
    body: JSON.stringify({ id: 'evt_1', object: 'event', type: 'invoice.paid', data: { object: {} } }),
    sign: (body) => {
      const t = now();
      return { 'stripe-signature': `t=${t},v1=${hmac(SECRET, `${t}.`, body).digest('hex')}` };
    },
  },
  clerk: {
    trigger: { connector: 'clerk@1', trigger: 'userCreated' },
    secret: WHSEC,
    body: JSON.stringify({ type: 'user.created', object: 'event', data: { id: 'user_1', object: 'user' } }),
    sign: (body) => standard('msg_clerk', body),
  },
  github: {
    trigger: { connector: 'github@1', trigger: 'event' },
    secret: SECRET,
    body: JSON.stringify({ action: 'opened', issue: { number: 1 } }),
    sign: (body) => ({
      'x-hub-signature-256': `sha256=${hmac(SECRET, body).digest('hex')}`,
      'x-github-event': 'issues',
      'x-github-delivery': 'd-1',
    }),
  },
  slack: {
    trigger: { connector: 'slack@1', trigger: 'event' },
    secret: SECRET,
    body: JSON.stringify({ type: 'event_callback', event_id: 'Ev1', event: { type: 'app_mention', user: 'U1' } }),
    sign: (body) => {
      const t = String(now());
      return {
        'x-slack-request-timestamp': t,
        'x-slack-signature': `v0=${hmac(SECRET, `v0:${t}:`, body).digest('hex')}`,
      };
    },
  },
  'built-in hmac': {
    trigger: { connector: 'webhook@1', trigger: 'event', config: { verify: 'hmac' } },
    secret: SECRET,
    body: '{"order":1}',
    sign: (body) => ({ 'x-signature': hmac(SECRET, body).digest('hex') }),
  },
  'built-in standard webhooks': {
    trigger: { connector: 'webhook@1', trigger: 'event', config: { verify: 'standardWebhooks' } },
    secret: WHSEC,
    body: '{"order":2}',
    sign: (body) => standard('msg_builtin', body),
  },
};

async function flowFor(scheme: Scheme): Promise<string> {
  const connector = scheme.trigger.connector.split('@')[0]!;
  const credential = (await (
    await weft.api('/api/credentials', {
      method: 'POST',
      json: { connector, name: 'signing', kind: 'none', values: { signingSecret: scheme.secret } },
    })
  ).json()) as { id: string };
  const flow = {
    schema: 'weft.flow/v1',
    name: `conformance ${connector}`,
    trigger: { id: 'in', credential: credential.id, ...scheme.trigger },
    steps: [{ id: 'ok', use: 'transform.map', config: { seen: true } }],
    edges: [{ from: 'in', to: 'ok' }],
  };
  const created = await weft.api('/api/flows', { method: 'POST', json: flow });
  expect(created.status).toBe(201);
  const { id } = (await created.json()) as { id: string };
  expect((await weft.api(`/api/flows/${id}/publish`, { method: 'POST' })).status).toBe(201);
  expect((await weft.api(`/api/flows/${id}/activate`, { method: 'POST' })).status).toBe(200);
  return id;
}

beforeAll(async () => {
  weft = await startTestRuntime();
});
afterAll(() => weft?.close());

describe.each(Object.entries(SCHEMES))('%s through HTTP', (_name, scheme) => {
  it('refusals start no run; a replay with added id headers is a duplicate', async () => {
    const id = await flowFor(scheme);
    const post = (body: string, headers: Record<string, string>) =>
      fetch(`${weft.url}/hooks/${id}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body,
      });
    const signed = scheme.sign(scheme.body);
    expect((await post(`${scheme.body} `, signed)).status).toBe(401);
    expect((await post(scheme.body, {})).status).toBe(401);
    expect((await post('{not json', {})).status).toBe(401);
    expect((await post(scheme.body, signed)).status).toBe(202);
    const extras: Record<string, string>[] = [
      { 'idempotency-key': 'replay-1' },
      { 'x-event-id': 'replay-2' },
      { 'x-github-delivery': 'replay-3' },
      { 'svix-id': 'replay-4' },
    ];
    for (const extra of extras) {
      // A duplicate, or (where the added header is one the verifier reads, svix-id for Clerk) a refusal.
      const replay = await post(scheme.body, { ...signed, ...extra });
      if (replay.status === 200) expect(await replay.json()).toMatchObject({ duplicate: true });
      else expect(replay.status).toBe(401);
    }
    const runs = (await (await weft.api(`/api/runs?flow=${id}`)).json()) as { items: unknown[] };
    expect(runs.items).toHaveLength(1);
  });
});
