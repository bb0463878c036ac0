// Webhook ingress under an attacker's eye: credentials never reach the stored trigger input, replays with added
// headers stay duplicates, long delivery ids stay distinct, a verified hook answers 401 before it parses
// anything, over-deep bodies are refused at the door, and every rejection is logged without its secret.
import { defineTrigger, type WebhookRequest } from '@weft/sdk';
import { createHmac, randomBytes } from 'node:crypto';
import { Writable } from 'node:stream';
import { pino } from 'pino';
import { Webhook } from 'standardwebhooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestRuntime, waitForRun, type TestRuntime } from './test-support/runtime.js';
import { acmeWebhookConnector, verifyXSignature } from './test-support/signed-webhook.js';

let weft: TestRuntime;
const logLines: Record<string, unknown>[] = [];
const HMAC_SECRET = 'hmac-secret-value-0123';
const TOKEN_SECRET = 'header-token-secret-4567';
const WHSEC = `whsec_${randomBytes(24).toString('base64')}`;

const acmeTrigger = defineTrigger({
  key: 'event',
  title: 'Event',
  description: 'Signed JSON deliveries',
  kind: 'webhook',
  verify: verifyXSignature,
  toEvents: (request: WebhookRequest) => [request.body ?? null],
});

async function credential(connector: string, values: Record<string, string>): Promise<string> {
  const response = await weft.api('/api/credentials', {
    method: 'POST',
    json: { connector, name: 'hook', kind: 'none', values },
  });
  return ((await response.json()) as { id: string }).id;
}

async function hook(trigger: object, steps?: object[]): Promise<{ id: string; url: string }> {
  const flow = {
    schema: 'weft.flow/v1',
    name: 'trust',
    trigger: { id: 'in', ...trigger },
    steps: steps ?? [{ id: 'ok', use: 'transform.map', config: { got: '{{ trigger.body }}' } }],
    edges: [{ from: 'in', to: (steps?.[0] as { id?: string } | undefined)?.id ?? 'ok' }],
  };
  const { id } = (await (await weft.api('/api/flows', { method: 'POST', json: flow })).json()) as { id: string };
  await weft.api(`/api/flows/${id}/publish`, { method: 'POST' });
  await weft.api(`/api/flows/${id}/activate`, { method: 'POST' });
  return { id, url: `${weft.url}/hooks/${id}` };
}

const builtin = async (config: object, values?: Record<string, string>) =>
  hook({
    connector: 'webhook@1',
    trigger: 'event',
    config,
    ...(values ? { credential: await credential('webhook', values) } : {}),
  });

const post = (url: string, body: string, headers: Record<string, string> = {}) =>
  fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });

const runsOf = async (flowId: string) =>
  ((await (await weft.api(`/api/runs?flow=${flowId}`)).json()) as { items: { id: string }[] }).items;

const hmacOf = (body: string) => `sha256=${createHmac('sha256', HMAC_SECRET).update(body).digest('hex')}`;

beforeAll(async () => {
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString().split('\n').filter(Boolean)) {
        logLines.push(JSON.parse(line) as Record<string, unknown>);
      }
      done();
    },
  });
  weft = await startTestRuntime({
    logger: pino({ level: 'info' }, sink),
    connectors: [acmeWebhookConnector(acmeTrigger)],
  });
});
afterAll(() => weft?.close());

describe('stored trigger input carries no caller credentials', () => {
  it('redacts Authorization, the access header, cookies and signatures before the run is stored', async () => {
    const basic = await builtin({ access: 'basic' }, { username: 'svc', password: 'pw-secret' });
    const authorization = `Basic ${Buffer.from('svc:pw-secret').toString('base64')}`;
    const first = await post(basic.url, '{"a":1}', { authorization, cookie: 'session=abc', 'x-trace': 'kept' });
    expect(first.status).toBe(202);
    const run = await waitForRun(weft, ((await first.json()) as { runId: string }).runId);
    const headers = (run.input as { headers: Record<string, string> }).headers;
    expect(headers.authorization).toBe('[redacted]');
    expect(headers.cookie).toBe('[redacted]');
    expect(headers['x-trace']).toBe('kept');
    expect(JSON.stringify(run)).not.toContain(Buffer.from('svc:pw-secret').toString('base64'));

    const token = await builtin(
      { access: 'header', accessHeader: 'X-Deploy-Token', verify: 'hmac', signatureHeader: 'X-Sig' },
      { token: TOKEN_SECRET, signingSecret: HMAC_SECRET },
    );
    const body = '{"b":2}';
    const second = await post(token.url, body, { 'x-deploy-token': TOKEN_SECRET, 'x-sig': hmacOf(body).slice(7) });
    expect(second.status).toBe(202);
    const stored = await waitForRun(weft, ((await second.json()) as { runId: string }).runId);
    const input = stored.input as { headers: Record<string, string> };
    expect(input.headers['x-deploy-token']).toBe('[redacted]');
    expect(input.headers['x-sig']).toBe('[redacted]');
    expect(JSON.stringify(stored)).not.toContain(TOKEN_SECRET);
  });
});

describe('replays', () => {
  it('a signed Standard Webhooks delivery replayed with extra id headers starts one run', async () => {
    const { id, url } = await builtin({ verify: 'standardWebhooks' }, { signingSecret: WHSEC });
    const body = JSON.stringify({ type: 'user.created' });
    const now = new Date();
    const signed = {
      'webhook-id': 'msg_signed',
      'webhook-timestamp': String(Math.floor(now.getTime() / 1000)),
      'webhook-signature': new Webhook(WHSEC).sign('msg_signed', now, body),
    };
    expect((await post(url, body, signed)).status).toBe(202);
    const extras: Record<string, string>[] = [{ 'idempotency-key': 'r1' }, { 'svix-id': 'r2' }, { 'x-event-id': 'r3' }];
    for (const extra of extras) {
      const replay = await post(url, body, { ...signed, ...extra });
      expect(replay.status).toBe(200);
      expect(await replay.json()).toMatchObject({ duplicate: true });
    }
    expect(await runsOf(id)).toHaveLength(1);
  });

  it('an HMAC-signed delivery is deduplicated on its signed body, not on an id header the caller picks', async () => {
    const { id, url } = await builtin({ verify: 'hmac' }, { signingSecret: HMAC_SECRET });
    const body = '{"order":42}';
    const sig = hmacOf(body).slice(7);
    expect((await post(url, body, { 'x-signature': sig, 'x-event-id': 'e1' })).status).toBe(202);
    expect((await post(url, body, { 'x-signature': sig, 'x-event-id': 'e2' })).status).toBe(200);
    expect(await runsOf(id)).toHaveLength(1);
  });

  it('two delivery ids sharing their first 200 characters are two events', async () => {
    const { id, url } = await builtin({});
    const prefix = 'x'.repeat(200);
    expect((await post(url, '{}', { 'idempotency-key': `${prefix}-one` })).status).toBe(202);
    expect((await post(url, '{}', { 'idempotency-key': `${prefix}-two` })).status).toBe(202);
    expect((await post(url, '{}', { 'idempotency-key': `${prefix}-two` })).status).toBe(200);
    expect(await runsOf(id)).toHaveLength(2);
  });
});

describe('verify before parse', () => {
  it('an unsigned malformed body gets 401 from a verified hook, a signed one a 400 problem', async () => {
    const { id, url } = await builtin({ verify: 'hmac' }, { signingSecret: HMAC_SECRET });
    expect((await post(url, '{not json')).status).toBe(401);
    const signed = await post(url, '{not json', { 'x-signature': hmacOf('{not json').slice(7) });
    expect(signed.status).toBe(400);
    expect(signed.headers.get('content-type')).toContain('application/problem+json');
    expect(((await signed.json()) as { type: string }).type).toMatch(/#malformed_json$/);
    const text = await post(url, 'plain words', {
      'content-type': 'text/plain',
      'x-signature': hmacOf('plain words').slice(7),
    });
    expect(text.status).toBe(202);
    expect(await runsOf(id)).toHaveLength(1);
  });

  it('a connector trigger answers 401 to unsigned bodies, 400 to signed malformed JSON, 415 to signed text', async () => {
    const { id, url } = await hook({
      connector: 'acme@1',
      trigger: 'event',
      credential: await credential('acme', { signingSecret: HMAC_SECRET }),
    });
    expect((await post(url, '{not json', { 'x-signature': 'bad' })).status).toBe(401);
    const signed = await post(url, '{not json', { 'x-signature': hmacOf('{not json').slice(7) });
    expect(signed.status).toBe(400);
    expect(((await signed.json()) as { type: string }).type).toMatch(/#malformed_json$/);
    const text = { 'content-type': 'text/plain' };
    expect((await post(url, 'plain words', { ...text, 'x-signature': 'bad' })).status).toBe(401);
    const words = await post(url, 'plain words', { ...text, 'x-signature': hmacOf('plain words').slice(7) });
    expect(words.status).toBe(415);
    expect(await runsOf(id)).toHaveLength(0);
    // JSON under another content type is still read as JSON.
    const json = await post(url, '{"c":3}', { ...text, 'x-signature': hmacOf('{"c":3}').slice(7) });
    expect(json.status).toBe(202);
  });
});

describe('over-deep input', () => {
  const deep = (levels: number) => `${'['.repeat(levels)}1${']'.repeat(levels)}`;

  it('refuses a body nested 10,000 levels deep with a 422 problem naming the limit', async () => {
    const { id, url } = await builtin({});
    const response = await post(url, deep(10_000));
    expect(response.status).toBe(422);
    expect(response.headers.get('content-type')).toContain('application/problem+json');
    const problem = (await response.json()) as { type: string; status: number; detail: string };
    expect(problem).toMatchObject({ type: expect.stringMatching(/#body_too_deep$/), status: 422 });
    expect(problem.detail).toContain('64');
    expect((await post(url, deep(60))).status).toBe(202);
    expect(await runsOf(id)).toHaveLength(1);
  });

  it('a verified hook answers 401 to an unsigned deep body', async () => {
    const { url } = await builtin({ verify: 'hmac' }, { signingSecret: HMAC_SECRET });
    expect((await post(url, deep(10_000))).status).toBe(401);
  });
});

describe('rejections are logged', () => {
  it('logs a bad signature, an unknown hook and a duplicate with the flow id and reason, never the secret', async () => {
    const { id, url } = await builtin({ verify: 'hmac' }, { signingSecret: HMAC_SECRET });
    const before = logLines.length;
    await post(url, '{"a":1}', { 'x-signature': 'forged' });
    await post(`${weft.url}/hooks/nosuchflow`, '{}');
    const body = '{"dup":1}';
    await post(url, body, { 'x-signature': hmacOf(body).slice(7) });
    await post(url, body, { 'x-signature': hmacOf(body).slice(7) });
    const lines = logLines.slice(before);
    expect(lines).toContainEqual(expect.objectContaining({ flowId: id, reason: 'bad_signature', level: 40 }));
    expect(lines).toContainEqual(expect.objectContaining({ flowId: 'nosuchflow', reason: 'hook_not_found' }));
    expect(lines).toContainEqual(expect.objectContaining({ flowId: id, reason: 'duplicate' }));
    const text = JSON.stringify(lines);
    expect(text).not.toContain(HMAC_SECRET);
    expect(text).not.toContain('forged');
  });
});
