// Secrets scan: credentials of every auth kind, with distinctive secrets, are used against a loopback upstream
// that echoes back everything it receives (headers, query, body) — by SDK-authenticated connectors, by the
// generic HTTP connector that applies connections itself, in flow runs, step tests and failing calls, and by
// the built-in webhook's signing and access checks, and in polling triggers. Then everything a viewer can read
// (every GET route of the OpenAPI document, for every id; the live event replay of every run), what the editor
// got back (step tests, test runs, webhook answers), every log line and every database row (except the vault's
// sealed column, the audit table included) is searched for each secret in each form it may travel in. Expected
// hits: none. User management adds its own secrets (passwords, API tokens, invite and reset links), which must
// not appear anywhere either, nor in the audit log as its readers get it.
import { createHmac } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { defineAction, defineConnector, defineTrigger, type AuthSpec } from '@weft/sdk';
import { pino } from 'pino';
import { io as connect } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LOGGER_OPTIONS } from './runtime.js';
import { startTestRuntime, waitForRun, type TestRuntime } from './test-support/runtime.js';

interface Secret {
  name: string;
  value: string;
  /** Sent as Basic `user:value`. */
  user?: string;
}

// Distinctive, and with characters that URL, form and JSON encoding each change.
const secret = (name: string, value: string, extra: Omit<Secret, 'name' | 'value'> = {}): Secret => ({
  name,
  value,
  ...extra,
});
const SECRETS = {
  sdkKeyHeader: secret('SDK api key (header)', 'akh-Qz7+Wm3/Lp9=Rt5'),
  sdkKeyQuery: secret('SDK api key (query)', 'akq-Xv8+Nn2/Qs4=Hj6'),
  sdkBearer: secret('SDK bearer token', 'brr-Tk6+Yh1/Ue0=Ww2'),
  sdkCustom: secret('SDK custom field', 'cus-Pp4 Rr8+Ss2/"q"'),
  sdkBasic: secret('SDK basic password', 'pwd-Gd3+Fc7/Hb2=Kk9', { user: 'scan-user' }),
  oauthAccess: secret('OAuth2 access token', 'oat-Jm5+Lq2/Zx8=Cc1'),
  oauthRefresh: secret('OAuth2 refresh token', 'ort-Bn4+Vg6/Mk3=Dd7'),
  oauthClient: secret('OAuth2 client secret', 'ocs-Hy2+Ju5/Ik9=Ee3', { user: 'scan-client' }),
  oauthNewAccess: secret('OAuth2 refreshed access token', 'nat-Wq1+Er4/Ty7=Ff5'),
  oauthNewRefresh: secret('OAuth2 rotated refresh token', 'nrt-As3+Df6/Gh9=Gg8'),
  httpKey: secret('HTTP connector api key', 'hak-Zx5+Cv8/Bn1=Hh4'),
  httpBearer: secret('HTTP connector bearer', 'hbt-Qa2+Ws5/Ed8=Ii7'),
  httpBasic: secret('HTTP connector basic password', 'hbp-Rf3+Tg6/Yh9=Jj0', { user: 'http-user' }),
  httpOauth: secret('HTTP connector OAuth2 token', 'hot-Uj4+Ik7/Ol0=Kk3'),
  httpOauthRefresh: secret('HTTP connector refresh token', 'hrt-Pl5+Ok8/Ij1=Ll6'),
  hookSigning: secret('webhook signing secret', 'whs-Mn6+Bv9/Cx2=Mm5'),
  hookPassword: secret('built-in webhook basic password', 'hkp-Lk7+Jh0/Gf3=Nn4', { user: 'hook-user' }),
  hookToken: secret('built-in webhook access token', 'hkt-Po8+Iu1/Yt4=Oo2'),
};

const b64 = (text: string) => Buffer.from(text).toString('base64');
const formEncode = (text: string) => new URLSearchParams({ s: text }).toString().slice(2);
/** Every form a secret may be written in, independent of the SDK's redaction code. */
const ENCODINGS: Record<string, (s: Secret) => string> = {
  raw: (s) => s.value,
  'URL-encoded': (s) => encodeURIComponent(s.value),
  'form-encoded': (s) => formEncode(s.value),
  'JSON-escaped': (s) => JSON.stringify(s.value).slice(1, -1),
  base64: (s) => b64(s.value),
  base64url: (s) => Buffer.from(s.value).toString('base64url'),
  hex: (s) => Buffer.from(s.value).toString('hex'),
  'Bearer-prefixed': (s) => `Bearer ${s.value}`,
  'Basic user:secret': (s) => `Basic ${b64(`${s.user ?? ''}:${s.value}`)}`,
  'base64 of user:secret': (s) => b64(`${s.user ?? ''}:${s.value}`),
  'base64 of secret: (as a Basic user name)': (s) => b64(`${s.value}:`),
  'Basic form-encoded user:secret (token endpoint)': (s) =>
    `Basic ${b64(`${formEncode(s.user ?? '')}:${formEncode(s.value)}`)}`,
};

let upstream: Server;
let upstreamUrl: string;
let weft: TestRuntime;
let viewerToken: string;
const logLines: string[] = [];
/** Every request the upstream received, to check that each secret was really sent. */
const received: { place: string; text: string }[] = [];
/** Responses the editor gets to its own requests (step tests, test runs, webhook deliveries). */
const editorResponses: { place: string; text: string }[] = [];

/** Echoes everything; 401s the first OAuth2 token (so it gets refreshed), 400s `/fail`, answers text at /text. */
function startUpstream(): Promise<Server> {
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://upstream');
      const body = Buffer.concat(chunks).toString('utf8');
      received.push({ place: 'upstream', text: `${req.method} ${req.url}\n${JSON.stringify(req.headers)}\n${body}` });
      const echo = {
        method: req.method,
        path: url.pathname,
        query: Object.fromEntries(url.searchParams),
        headers: req.headers,
        body,
      };
      const send = (status: number, payload: unknown, type = 'application/json') => {
        res.writeHead(status, { 'content-type': type });
        res.end(typeof payload === 'string' ? payload : JSON.stringify(payload));
      };
      if (url.pathname === '/token') {
        return send(200, {
          access_token: SECRETS.oauthNewAccess.value,
          refresh_token: SECRETS.oauthNewRefresh.value,
          token_type: 'Bearer',
          expires_in: 3600,
        });
      }
      if (req.headers.authorization === `Bearer ${SECRETS.oauthAccess.value}`)
        return send(401, { error: { message: `expired token; you sent ${JSON.stringify(echo)}` } });
      if (url.pathname === '/hangup') return void req.socket.destroy();
      if (url.pathname === '/fail') return send(400, { error: { message: `rejected ${JSON.stringify(echo)}` }, echo });
      if (url.pathname === '/text') return send(200, JSON.stringify(echo), 'text/plain');
      return send(200, echo);
    });
  });
  return new Promise((ok) => server.listen(0, '127.0.0.1', () => ok(server)));
}

/** A connector whose actions call the echo upstream with the SDK applying `auth`, and log what came back. */
function scanConnector(name: string, auth: AuthSpec) {
  const call = (key: string, path: string) =>
    defineAction({
      key,
      title: key,
      description: `Calls ${path} on the echo upstream`,
      retry: false,
      input: { type: 'object' } as const,
      output: {} as const,
      async run(ctx) {
        const custom = ctx.auth.reveal('customSecret');
        const response = await ctx.http.request({
          url: path,
          method: 'POST',
          headers: custom ? { 'x-custom': custom } : {},
          json: { custom: custom ?? null },
        });
        ctx.log('info', `upstream answered ${JSON.stringify(response.body)}`);
        return { echoed: response.body as never };
      },
    });
  const poll = (key: string, path: string) =>
    defineTrigger({
      key,
      title: key,
      description: `Polls ${path} on the echo upstream`,
      kind: 'polling',
      async poll(ctx) {
        const response = await ctx.http.request({ url: path });
        ctx.log('info', `polled ${JSON.stringify(response.body)}`);
        return { items: [{ id: `${name}-item`, echoed: response.body as never }], cursor: { page: 2 } };
      },
      dedupeKey: (item) => String(item.id),
    });
  return defineConnector({
    name,
    version: '1.0.0',
    title: name,
    description: 'Echo upstream for the secrets scan',
    auth,
    baseUrl: upstreamUrl,
    actions: [call('echo', '/echo'), call('text', '/text'), call('hangup', '/hangup'), call('fail', '/fail')],
    triggers: [poll('feed', '/echo'), poll('broken', '/fail')],
  });
}

interface Fixture {
  connector: string;
  kind: string;
  values: Record<string, string>;
  steps: { id: string; use: string; config?: object }[];
}

function fixtures(): Fixture[] {
  const sdk = (connector: string, kind: string, values: Record<string, string>): Fixture => ({
    connector,
    kind,
    values,
    steps: ['echo', 'text', 'hangup', 'fail'].map((action) => ({ id: action, use: `${connector}@1.${action}` })),
  });
  const http = (kind: string, values: Record<string, string>, apiKey?: object): Fixture => ({
    connector: 'http',
    kind,
    values,
    steps: [
      {
        id: 'echo',
        use: 'http@1.request',
        config: { method: 'POST', url: `${upstreamUrl}/echo`, json: { a: 1 }, apiKey },
      },
      { id: 'text', use: 'http@1.request', config: { url: `${upstreamUrl}/text`, responseType: 'text', apiKey } },
      { id: 'hangup', use: 'http@1.request', config: { url: `${upstreamUrl}/hangup`, timeout: 2000, apiKey } },
      { id: 'fail', use: 'http@1.request', config: { url: `${upstreamUrl}/fail`, apiKey } },
    ].map((step) => (apiKey ? step : { ...step, config: { ...step.config, apiKey: undefined } })),
  });
  return [
    sdk('scan-key-header', 'apiKey', { apiKey: SECRETS.sdkKeyHeader.value }),
    sdk('scan-key-query', 'apiKey', { apiKey: SECRETS.sdkKeyQuery.value }),
    sdk('scan-bearer', 'bearer', { token: SECRETS.sdkBearer.value, customSecret: SECRETS.sdkCustom.value }),
    sdk('scan-basic', 'basic', { username: 'scan-user', password: SECRETS.sdkBasic.value }),
    sdk('scan-oauth', 'oauth2', {
      accessToken: SECRETS.oauthAccess.value,
      refreshToken: SECRETS.oauthRefresh.value,
      clientId: 'scan-client',
      clientSecret: SECRETS.oauthClient.value,
    }),
    http('apiKey', { apiKey: SECRETS.httpKey.value }, { in: 'header', name: 'X-Key', prefix: 'Key ' }),
    http('apiKey', { apiKey: SECRETS.httpKey.value }, { in: 'query', name: 'key' }),
    http('bearer', { token: SECRETS.httpBearer.value }),
    http('basic', { username: 'http-user', password: SECRETS.httpBasic.value }),
    http('oauth2', { accessToken: SECRETS.httpOauth.value, refreshToken: SECRETS.httpOauthRefresh.value }),
  ];
}

async function createCredential(connector: string, kind: string, values: Record<string, string>): Promise<string> {
  const response = await weft.api('/api/credentials', {
    method: 'POST',
    json: { connector, name: `${connector} ${kind}`, kind, values },
  });
  expect(response.status).toBe(201);
  return ((await response.json()) as { id: string }).id;
}

async function createFlow(definition: object): Promise<string> {
  const created = await weft.api('/api/flows', { method: 'POST', json: definition });
  expect(created.status, await created.clone().text()).toBe(201);
  return ((await created.json()) as { id: string }).id;
}

async function record(place: string, response: Response): Promise<string> {
  const text = await response.text();
  editorResponses.push({ place, text });
  return text;
}

async function runConnectorFixture(fixture: Fixture, n: number): Promise<void> {
  const credential = await createCredential(fixture.connector, fixture.kind, fixture.values);
  // A dropped connection (transport error) must not stop the run before the failing call.
  const steps = fixture.steps.map((step) => ({
    ...step,
    credential,
    ...(step.id === 'hangup' ? { onError: 'continue', retry: { attempts: 1 } } : {}),
  }));
  const flowId = await createFlow({
    schema: 'weft.flow/v1',
    name: `scan ${n} ${fixture.connector} ${fixture.kind}`,
    trigger: { id: 'start', connector: 'webhook@1', trigger: 'event' },
    steps,
    edges: steps.map((step, i) => ({ from: i === 0 ? 'start' : steps[i - 1]!.id, to: step.id })),
  });
  for (const step of steps) {
    await record(
      `step test ${fixture.connector}/${step.id}`,
      await weft.api(`/api/flows/${flowId}/steps/${step.id}/test`, { method: 'POST', json: { input: {} } }),
    );
  }
  const started = await record(
    `test run ${fixture.connector}`,
    await weft.api(`/api/flows/${flowId}/test`, { method: 'POST', json: { input: { hello: 'world' } } }),
  );
  const run = await waitForRun(weft, (JSON.parse(started) as { runId: string }).runId, 30_000);
  // The run reached the failing call: every step before it ran against the upstream.
  expect(run.status).toBe('failed');
  if (fixture.connector !== 'http') await pollFixture(fixture.connector, credential);
}

async function eventually<T>(check: () => Promise<T | undefined>): Promise<T> {
  for (let i = 0; i < 500; i += 1) {
    const value = await check();
    if (value !== undefined) return value;
    await new Promise((ok) => setTimeout(ok, 20));
  }
  throw new Error('gave up waiting');
}

/** The connector's polling triggers: one whose events echo the request, one whose poll fails (logged). */
async function pollFixture(connector: string, credential: string): Promise<void> {
  for (const trigger of ['feed', 'broken']) {
    const flowId = await createFlow({
      schema: 'weft.flow/v1',
      name: `poll ${connector} ${trigger}`,
      trigger: { id: 'in', connector: `${connector}@1`, trigger, credential },
      steps: [{ id: 'got', use: 'transform.map', config: { event: '{{ trigger }}' } }],
      edges: [{ from: 'in', to: 'got' }],
    });
    expect((await weft.api(`/api/flows/${flowId}/publish`, { method: 'POST' })).ok).toBe(true);
    expect((await weft.api(`/api/flows/${flowId}/activate`, { method: 'POST' })).status).toBe(200);
    // Activation polls at once; wait for its run, or for the failed poll's log line.
    const runs = await eventually(async () => {
      const page = (await (await weft.api(`/api/runs?flow=${flowId}`)).json()) as { items: { id: string }[] };
      const done = trigger === 'feed' ? page.items.length > 0 : logLines.some((l) => l.includes(flowId));
      return done ? page : undefined;
    });
    for (const { id } of runs.items) expect((await waitForRun(weft, id, 30_000)).status).toBe('succeeded');
  }
}

async function runWebhookFixtures(): Promise<void> {
  const hook = async (config: object, values: Record<string, string>) => {
    const credential = await createCredential('webhook', 'none', values);
    const id = await createFlow({
      schema: 'weft.flow/v1',
      name: `hook ${JSON.stringify(config)}`,
      trigger: { id: 'in', connector: 'webhook@1', trigger: 'event', credential, config },
      steps: [{ id: 'got', use: 'transform.map', config: { everything: '{{ trigger }}' } }],
      edges: [{ from: 'in', to: 'got' }],
    });
    await weft.api(`/api/flows/${id}/publish`, { method: 'POST' });
    await weft.api(`/api/flows/${id}/activate`, { method: 'POST' });
    return `${weft.url}/hooks/${id}`;
  };
  const deliver = async (url: string, headers: Record<string, string>, body = '{"order":42}') => {
    const text = await record(
      `webhook delivery ${url}`,
      await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body }),
    );
    const runId = (JSON.parse(text) as { runId?: string }).runId;
    if (runId) await waitForRun(weft, runId, 30_000);
  };
  const body = '{"order":42}';
  const hmac = await hook(
    { verify: 'hmac', signatureHeader: 'X-Sig', signaturePrefix: 'sha256=' },
    { signingSecret: SECRETS.hookSigning.value },
  );
  await deliver(hmac, {
    'x-sig': `sha256=${createHmac('sha256', SECRETS.hookSigning.value).update(body).digest('hex')}`,
  });
  await deliver(hmac, { 'x-sig': 'sha256=00' });
  const { hookPassword, hookToken } = SECRETS;
  const basic = await hook({ access: 'basic' }, { username: 'hook-user', password: hookPassword.value });
  await deliver(basic, { authorization: `Basic ${b64(`hook-user:${hookPassword.value}`)}` });
  const header = await hook({ access: 'header', accessHeader: 'X-Token' }, { token: hookToken.value });
  await deliver(header, { 'x-token': hookToken.value });
  await deliver(header, { 'x-token': 'wrong' });
}

/** Every GET route of the API (from the OpenAPI document), as a viewer, for every id the test created. */
async function viewerResponses(): Promise<{ place: string; text: string }[]> {
  const asViewer = (path: string) => weft.api(path, { headers: { authorization: `Bearer ${viewerToken}` } });
  const ids = async (path: string) =>
    ((await (await asViewer(`${path}?limit=500`)).json()) as { items: { id: string }[] }).items.map((i) => i.id);
  const params: Record<string, string[]> = {
    '/api/flows/': await ids('/api/flows'),
    '/api/runs/': await ids('/api/runs'),
    '/api/credentials/': await ids('/api/credentials'),
  };
  const document = (await (await weft.api('/api/openapi.json')).json()) as { paths: Record<string, object> };
  const gets = Object.entries(document.paths)
    .filter(([, operations]) => 'get' in operations)
    .map(([path]) => path);
  const out: { place: string; text: string }[] = [];
  for (const path of gets) {
    let urls = [path === '/api/runs' ? '/api/runs?limit=500' : path];
    if (path.includes('{')) {
      const prefix = Object.keys(params).find((p) => path.startsWith(`${p}{id}`));
      if (!prefix || path.replace(/\{id\}/, '').includes('{')) continue;
      urls = params[prefix]!.map((id) => path.replace('{id}', id));
    }
    for (const url of urls) out.push({ place: `GET ${path} (viewer)`, text: await (await asViewer(url)).text() });
  }
  return out;
}

/** The live events a viewer gets when it subscribes to each finished run (a replay of the whole run). */
async function liveEvents(runIds: string[]): Promise<{ place: string; text: string }[]> {
  const socket = connect(weft.url, { auth: { token: viewerToken }, transports: ['websocket'], reconnection: false });
  const out: { place: string; text: string }[] = [];
  const finished = new Set<string>();
  for (const name of ['run.started', 'step.started', 'step.finished', 'log', 'run.finished']) {
    socket.on(name, (event: { runId: string }) => {
      out.push({ place: `live ${name} (viewer)`, text: JSON.stringify(event) });
      if (name === 'run.finished') finished.add(event.runId);
    });
  }
  try {
    for (const runId of runIds) {
      expect(await socket.emitWithAck('subscribe', { runId })).toEqual({ ok: true });
      await eventually(() => Promise.resolve(finished.has(runId) || undefined));
    }
  } finally {
    socket.disconnect();
  }
  return out;
}

/** Every row of every table, column by column, except the vault's sealed credential values. */
function databaseRows(): { place: string; text: string }[] {
  const db = new DatabaseSync(join(weft.dataDir, 'weft.db'), { readOnly: true });
  try {
    const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as { name: string }[];
    const out: { place: string; text: string }[] = [];
    for (const { name } of tables) {
      for (const row of db.prepare(`SELECT * FROM "${name}"`).all() as Record<string, unknown>[]) {
        for (const [column, value] of Object.entries(row)) {
          if (name === 'credentials' && column === 'encrypted') continue;
          const text = value instanceof Uint8Array ? Buffer.from(value).toString('utf8') : String(value);
          out.push({ place: `table ${name}.${column}`, text });
        }
      }
    }
    return out;
  } finally {
    db.close();
  }
}

interface Hit {
  secret: string;
  encoding: string;
  place: string;
}

function scan(places: { place: string; text: string }[], secrets: Secret[]): Hit[] {
  const hits = new Map<string, Hit>();
  for (const { place, text } of places) {
    for (const s of secrets) {
      for (const [encoding, encode] of Object.entries(ENCODINGS)) {
        if (text.includes(encode(s))) hits.set(`${s.name}|${encoding}|${place}`, { secret: s.name, encoding, place });
      }
    }
  }
  return [...hits.values()];
}

let everywhere: { place: string; text: string }[] = [];
/** Passwords, API tokens and invite and reset tokens that user management handled. */
const accountSecrets: Secret[] = [];

/** Invites, password resets and changes, a new API token and sign-ins; every secret noted. */
async function runAccountFixtures(): Promise<void> {
  const post = async (path: string, json: object, method = 'POST') => {
    const response = await weft.api(path, { method, json });
    expect(response.status, `${method} ${path}`).toBeLessThan(300);
    return response.status === 204 ? {} : ((await response.json()) as Record<string, unknown>);
  };
  const invited = (await post('/api/users/invites', { email: 'scan-invited@example.com', role: 'editor' })) as {
    token: string;
  };
  accountSecrets.push(secret('invite token', invited.token));
  const firstPassword = 'pw-invite-Ab3+Cd4/Ef5=';
  accountSecrets.push(secret('password set by an invite', firstPassword));
  const accepted = await fetch(`${weft.url}/api/auth/invites/${invited.token}/accept`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ password: firstPassword }),
  });
  expect(accepted.status).toBe(200);
  const userId = ((await accepted.json()) as { user: { id: string } }).user.id;
  const reset = (await post(`/api/users/${userId}/password-reset`, {})) as { token: string };
  accountSecrets.push(secret('password reset token', reset.token));
  const resetPassword = 'pw-reset-Gh6+Ij7/Kl8=';
  accountSecrets.push(secret('password set by a reset', resetPassword));
  const done = await fetch(`${weft.url}/api/auth/password-resets/${reset.token}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ password: resetPassword }),
  });
  expect(done.status).toBe(204);
  const login = async (password: string) =>
    fetch(`${weft.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'scan-invited@example.com', password }),
    });
  expect((await login('pw-wrong-Mn9+Op0/Qr1=')).status).toBe(401);
  accountSecrets.push(secret('a wrong password tried', 'pw-wrong-Mn9+Op0/Qr1='));
  const signedIn = await login(resetPassword);
  const cookie = signedIn.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
  accountSecrets.push(secret('session id', cookie.split('=')[1]!));
  const changedPassword = 'pw-change-St2+Uv3/Wx4=';
  accountSecrets.push(secret('changed password', changedPassword));
  const changed = await fetch(`${weft.url}/api/auth/password`, {
    method: 'PUT',
    headers: { cookie, 'x-weft-request': '1', 'content-type': 'application/json' },
    body: JSON.stringify({ currentPassword: resetPassword, newPassword: changedPassword }),
  });
  expect(changed.status).toBe(204);
  const token = (await post('/api/auth/tokens', { name: 'scan token' })) as { token: string };
  accountSecrets.push(secret('API token', token.token));
  await post(`/api/users/${userId}/role`, { role: 'viewer' }, 'PUT');
}

/** The audit log as its readers get it: every page, and every entry by id (as the owner). */
async function auditResponses(): Promise<{ place: string; text: string }[]> {
  const out: { place: string; text: string }[] = [];
  let cursor: string | null = null;
  const ids: string[] = [];
  do {
    const text = await (await weft.api(`/api/audit?limit=200${cursor ? `&cursor=${cursor}` : ''}`)).text();
    out.push({ place: 'GET /api/audit (owner)', text });
    const page = JSON.parse(text) as { items: { id: string }[]; nextCursor: string | null };
    ids.push(...page.items.map((e) => e.id));
    cursor = page.nextCursor;
  } while (cursor);
  for (const id of ids)
    out.push({ place: 'GET /api/audit/{id} (owner)', text: await (await weft.api(`/api/audit/${id}`)).text() });
  return out;
}

beforeAll(async () => {
  upstream = await startUpstream();
  upstreamUrl = `http://127.0.0.1:${(upstream.address() as AddressInfo).port}`;
  weft = await startTestRuntime({
    logger: pino(
      { ...LOGGER_OPTIONS, redact: [...LOGGER_OPTIONS.redact], level: 'trace' },
      { write: (line: string) => void logLines.push(line) },
    ),
    outboundAllow: ['127.0.0.1'],
    connectors: [
      scanConnector('scan-key-header', { kind: 'apiKey', in: 'header', name: 'X-Api-Key', prefix: 'Token ' }),
      scanConnector('scan-key-query', { kind: 'apiKey', in: 'query', name: 'api_key' }),
      scanConnector('scan-bearer', { kind: 'bearer' }),
      scanConnector('scan-basic', { kind: 'basic' }),
      scanConnector('scan-oauth', {
        kind: 'oauth2',
        grant: 'authorizationCode',
        authorizeUrl: `${upstreamUrl}/authorize`,
        tokenUrl: `${upstreamUrl}/token`,
        clientAuth: 'basic',
      }),
    ],
  });
  const token = await weft.api('/api/auth/tokens', { method: 'POST', json: { name: 'scan viewer', role: 'viewer' } });
  viewerToken = ((await token.json()) as { token: string }).token;
  let n = 0;
  for (const fixture of fixtures()) await runConnectorFixture(fixture, (n += 1));
  await runWebhookFixtures();
  await runAccountFixtures();
  const runIds = ((await (await weft.api('/api/runs?limit=500')).json()) as { items: { id: string }[] }).items;
  everywhere = [
    ...(await viewerResponses()),
    ...(await liveEvents(runIds.map((r) => r.id))),
    ...editorResponses,
    ...(await auditResponses()),
    ...logLines.map((line) => ({ place: 'log line', text: line })),
    ...databaseRows(),
  ];
}, 180_000);

afterAll(async () => {
  await weft?.close();
  await new Promise((ok) => upstream?.close(ok));
});

describe('secrets scan', () => {
  it('the scan sees what the upstream echoed: runs, steps, logs and rows, redacted', () => {
    // Every credential secret was sent upstream (the refreshed OAuth2 token only after a refresh at the token
    // endpoint); the webhook's secrets are checked by Weft itself, and two refresh tokens are never used.
    const sent = new Set(scan(received, Object.values(SECRETS)).map((hit) => hit.secret));
    const { hookSigning, hookPassword, hookToken, oauthNewRefresh, httpOauthRefresh } = SECRETS;
    const never = [hookSigning, hookPassword, hookToken, oauthNewRefresh, httpOauthRefresh];
    expect([...sent].sort()).toEqual(
      Object.values(SECRETS)
        .filter((s) => !never.includes(s))
        .map((s) => s.name)
        .sort(),
    );
    const places = new Set(everywhere.map((p) => p.place.replace(/ http:\S+/, '')));
    for (const place of [
      'live step.finished (viewer)',
      'GET /api/runs/{id} (viewer)',
      'GET /api/runs/{id}/logs (viewer)',
      'log line',
      'table steps.output',
      'table audit_log.changes',
      'GET /api/audit (owner)',
      'GET /api/audit/{id} (owner)',
    ]) {
      expect(places, place).toContain(place);
    }
    const redacted = everywhere.filter((p) => p.text.includes('[redacted]')).map((p) => p.place);
    expect(redacted).toEqual(
      expect.arrayContaining(['GET /api/runs/{id} (viewer)', 'table steps.output', 'table logs.message']),
    );
    expect(redacted.some((p) => p.startsWith('step test'))).toBe(true);
  });

  it('no credential secret appears in any API response, log line or database row, in any encoding', () => {
    // Built-in webhook access secrets included: they used to stay in run.input.headers (defect 2a).
    expect(scan(everywhere, Object.values(SECRETS))).toEqual([]);
  });

  it('no password, API token, session id or invite or reset token appears anywhere, the audit log included', () => {
    expect(accountSecrets).toHaveLength(8);
    const audited = everywhere
      .filter((p) => p.place.includes('audit'))
      .map((p) => p.text)
      .join('\n');
    // The scan looks where these went through: the audit log has the invite, the reset and the token created.
    for (const action of ['user.invite', 'user.password_reset_complete', 'token.create', 'auth.sign_in_failed'])
      expect(audited).toContain(action);
    expect(scan(everywhere, accountSecrets)).toEqual([]);
  });
});
