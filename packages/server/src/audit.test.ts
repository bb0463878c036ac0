// The audit log through the API. Every route that changes something (AUDIT_RULES, complete by its type) writes
// exactly one entry per request, found by the request's X-Request-Id, success or failure; reads and exempt
// routes write none. The entries of a flow's life, a credential's, a user's and sign-ins carry the right action,
// actor, address, target and changes (a flow diff for flows) and no secret. Only operators and up read it; no
// method changes an entry.
import { API, AUDIT_RULES, type RouteName } from '@weft/core/contract';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rawRequest } from './test-support/raw-http.js';
import { startTestRuntime, TOKEN, type TestRuntime } from './test-support/runtime.js';

interface Entry {
  id: string;
  at: string;
  actor: { type: string; id: string | null; email: string | null; tokenId?: string };
  ip: string | null;
  requestId: string | null;
  action: string;
  target: { type: string; id: string | null; name: string | null };
  changes: unknown;
  outcome: 'success' | 'failure';
  error: string | null;
}

let weft: TestRuntime;
const OWNER = { email: 'owner@example.com', password: 'owner password 1' };
let n = 0;

beforeAll(async () => {
  weft = await startTestRuntime({ owner: OWNER });
});
afterAll(() => weft?.close());

/** Sends a request with a fresh request id; answers the response and that id. */
async function send(
  method: string,
  path: string,
  options: { json?: unknown; token?: string; headers?: Record<string, string> } = {},
) {
  const requestId = `audit-test-${(n += 1)}`;
  const body = options.json === undefined ? undefined : JSON.stringify(options.json);
  const response = await rawRequest(weft.url, {
    method,
    path,
    headers: {
      'x-request-id': requestId,
      ...(options.token === '' ? {} : { authorization: `Bearer ${options.token ?? TOKEN}` }),
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      ...options.headers,
    },
    ...(body === undefined ? {} : { body }),
  });
  return { response, requestId };
}

async function entriesOf(requestId: string): Promise<Entry[]> {
  const page = (await (await weft.api('/api/audit?limit=200')).json()) as { items: Entry[] };
  return page.items.filter((entry) => entry.requestId === requestId);
}

/** The one entry of a request (fails unless there is exactly one). */
async function entryOf(requestId: string): Promise<Entry> {
  const entries = await entriesOf(requestId);
  expect(entries, requestId).toHaveLength(1);
  return entries[0]!;
}

const concrete = (path: string) =>
  path.replace(/\{(\w+)\}/g, (_, name: string) => (name === 'connector' ? 'github' : 'no-such-id-0'));

describe('one entry per request', () => {
  it('every route that changes something writes exactly one entry, even when it fails', async () => {
    const written: string[] = [];
    for (const [name, rule] of Object.entries(AUDIT_RULES)) {
      if (!('action' in rule)) continue;
      const route = API[name as RouteName];
      const { response, requestId } = await send(
        route.method.toUpperCase(),
        concrete(route.path),
        route.method === 'get' ? {} : { json: {} },
      );
      const entry = await entryOf(requestId);
      const failed = response.status >= 400;
      expect(entry.outcome, `${name} → ${response.status}`).toBe(failed ? 'failure' : 'success');
      expect(entry.action, name).toBe(failed && rule.failure ? rule.failure : rule.action);
      if (failed) expect(entry.error, name).toBe((response.json as { code: string }).code);
      written.push(name);
    }
    expect(written.length).toBeGreaterThan(30);
  });

  it('reads and exempt routes write none', async () => {
    const silent = Object.entries(API).filter(([name, route]) => {
      const rule = (AUDIT_RULES as Record<string, object | undefined>)[name];
      return (route.method === 'get' && !rule) || (rule !== undefined && 'exempt' in rule);
    });
    expect(silent.length).toBeGreaterThan(30);
    for (const [name, route] of silent) {
      if (route.path === '/api/flows/{id}/deliveries/next') continue; // a long poll
      const { requestId } = await send(route.method.toUpperCase(), concrete(route.path), {
        ...(route.method === 'get' ? {} : { json: {} }),
      });
      expect(await entriesOf(requestId), name).toEqual([]);
    }
  });
});

const flow = (name: string, text: string) => ({
  schema: 'weft.flow/v1',
  name,
  trigger: { id: 'in', connector: 'webhook@1', trigger: 'event' },
  steps: [{ id: 'shape', use: 'transform.map', config: { text } }],
  edges: [{ from: 'in', to: 'shape' }],
});

describe('request ids', () => {
  it('answers the X-Request-Id given, or a new one when none or an unusable one came, and records it', async () => {
    const given = await send('GET', '/api/flows');
    expect(given.response.headers['x-request-id']).toBe(given.requestId);
    const headers: Record<string, string>[] = [{}, { 'x-request-id': 'has spaces and "quotes"' }];
    for (const header of headers) {
      const response = await rawRequest(weft.url, {
        method: 'POST',
        path: '/api/auth/tokens',
        headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json', ...header },
        body: JSON.stringify({ name: 'request id' }),
      });
      const id = String(response.headers['x-request-id']);
      expect(id).toMatch(/^[0-9a-f-]{36}$/);
      expect(await entryOf(id)).toMatchObject({ action: 'token.create', requestId: id });
    }
  });
});

describe('what entries say', () => {
  it("records a flow's life with who, from where, and a diff of what changed", async () => {
    const created = await send('POST', '/api/flows', { json: flow('Audited', 'one') });
    const id = (created.response.json as { id: string }).id;
    const create = await entryOf(created.requestId);
    const me = (await (await weft.api('/api/auth/me')).json()) as { user: { id: string } };
    expect(create).toMatchObject({
      action: 'flow.create',
      outcome: 'success',
      actor: { type: 'token', id: me.user.id, email: OWNER.email },
      requestId: created.requestId,
      target: { type: 'flow', id, name: 'Audited' },
      changes: { nodes: { added: ['shape'], removed: [], changed: ['in'] } },
    });
    expect(create.actor.tokenId).toMatch(/^tok_/);
    expect(create.ip).toMatch(/127\.0\.0\.1/);
    expect(Date.parse(create.at)).not.toBeNaN();

    const saved = await send('PUT', `/api/flows/${id}`, { json: flow('Audited again', 'two') });
    expect((await entryOf(saved.requestId)).changes).toEqual({
      nodes: { added: [], removed: [], changed: ['shape'] },
      edges: { added: [], removed: [] },
      fields: [
        { node: 'shape', pointer: '/config/text', change: 'changed', before: 'one', after: 'two' },
        { pointer: '/name', change: 'changed', before: 'Audited', after: 'Audited again' },
      ],
    });
    const published = await send('POST', `/api/flows/${id}/publish`);
    expect(await entryOf(published.requestId)).toMatchObject({ action: 'flow.publish', changes: { version: 1 } });
    const activated = await send('POST', `/api/flows/${id}/activate`);
    expect((await entryOf(activated.requestId)).changes).toEqual({ active: { from: false, to: true } });
    const deactivated = await send('POST', `/api/flows/${id}/deactivate`);
    expect(await entryOf(deactivated.requestId)).toMatchObject({
      action: 'flow.deactivate',
      changes: { active: { from: true, to: false } },
    });
    const file = ((await (await weft.api('/api/export/flows')).json()) as { items: { id: string }[] }).items.find(
      (f) => f.id === id,
    )!;
    const imported = await send('POST', '/api/import/flows', {
      json: { files: [{ ...file, draft: flow('Imported', 'three') }] },
    });
    expect(await entryOf(imported.requestId)).toMatchObject({
      action: 'flow.import',
      changes: {
        dryRun: false,
        flows: [{ id, action: 'update', diff: { nodes: { changed: ['shape'] } } }],
      },
    });
    const deleted = await send('DELETE', `/api/flows/${id}`);
    expect(await entryOf(deleted.requestId)).toMatchObject({
      action: 'flow.delete',
      target: { type: 'flow', id, name: 'Imported' },
    });
  });

  it("records a credential's life by name, never its values", async () => {
    const secret = 'audit-secret-Qp9+Zr4/Xy7=';
    const created = await send('POST', '/api/credentials', {
      json: { connector: 'http', name: 'audited key', kind: 'bearer', values: { token: secret } },
    });
    const id = (created.response.json as { id: string }).id;
    const replaced = await send('PUT', `/api/credentials/${id}`, { json: { values: { token: `${secret}2` } } });
    const tested = await send('POST', `/api/credentials/${id}/test`);
    const deleted = await send('DELETE', `/api/credentials/${id}`);
    const entries = [
      await entryOf(created.requestId),
      await entryOf(replaced.requestId),
      await entryOf(tested.requestId),
      await entryOf(deleted.requestId),
    ];
    expect(entries.map((e) => e.action)).toEqual([
      'credential.create',
      'credential.replace',
      'credential.test',
      'credential.delete',
    ]);
    expect(entries.map((e) => e.target)).toEqual(entries.map(() => ({ type: 'credential', id, name: 'audited key' })));
    expect(entries[0]!.changes).toEqual({ connector: 'http', kind: 'bearer' });
    expect(JSON.stringify(entries)).not.toContain('audit-secret');
  });

  it("records users' role changes and sign-ins, failed ones included, without passwords or tokens", async () => {
    const password = 'viewer password Zx8!';
    const created = await send('POST', '/api/users', {
      json: { email: 'audited@example.com', password, role: 'viewer' },
    });
    const userId = (created.response.json as { id: string }).id;
    expect(await entryOf(created.requestId)).toMatchObject({ action: 'user.create', changes: { role: 'viewer' } });
    const changed = await send('PUT', `/api/users/${userId}/role`, { json: { role: 'editor' } });
    expect(await entryOf(changed.requestId)).toMatchObject({
      action: 'user.role_change',
      target: { type: 'user', id: userId, name: 'audited@example.com' },
      changes: { role: { from: 'viewer', to: 'editor' } },
    });
    const failed = await send('POST', '/api/auth/login', {
      token: '',
      json: { email: 'audited@example.com', password: 'wrong password' },
    });
    expect(failed.response.status).toBe(401);
    expect(await entryOf(failed.requestId)).toMatchObject({
      action: 'auth.sign_in_failed',
      outcome: 'failure',
      error: 'invalid_credentials',
      actor: { type: 'anonymous', id: null },
      target: { type: 'user', name: 'audited@example.com' },
    });
    const signedIn = await send('POST', '/api/auth/login', {
      token: '',
      json: { email: 'audited@example.com', password },
    });
    expect(await entryOf(signedIn.requestId)).toMatchObject({
      action: 'auth.sign_in',
      outcome: 'success',
      actor: { type: 'user', id: userId, email: 'audited@example.com' },
    });
    const token = await send('POST', '/api/auth/tokens', { json: { name: 'audited token' } });
    const tokenEntry = await entryOf(token.requestId);
    expect(tokenEntry).toMatchObject({ action: 'token.create', target: { type: 'token', name: 'audited token' } });
    const reset = await send('POST', `/api/users/${userId}/password-reset`);
    const resetEntry = await entryOf(reset.requestId);
    const written = JSON.stringify([tokenEntry, resetEntry, ...(await entriesOf(signedIn.requestId))]);
    expect(written).not.toContain((token.response.json as { token: string }).token);
    expect(written).not.toContain((reset.response.json as { token: string }).token);
    expect(written).not.toContain(password);
  });

  it('filters by action, actor, target and time, and pages with a cursor', async () => {
    const all = async (query: string) => (await (await weft.api(`/api/audit?${query}`)).json()) as { items: Entry[] };
    expect((await all('action=flow.')).items.every((e) => e.action.startsWith('flow.'))).toBe(true);
    expect((await all('action=user.role_change')).items.length).toBeGreaterThan(0);
    expect((await all('actor=audited@example.com')).items.map((e) => e.action)).toContain('auth.sign_in');
    expect((await all('targetType=credential')).items.every((e) => e.target.type === 'credential')).toBe(true);
    expect((await all(`since=${Date.now() + 60_000}`)).items).toEqual([]);
    const first = (await (await weft.api('/api/audit?limit=2')).json()) as { items: Entry[]; nextCursor: string };
    const second = (await (await weft.api(`/api/audit?limit=2&cursor=${first.nextCursor}`)).json()) as {
      items: Entry[];
    };
    expect(Number(second.items[0]!.id)).toBeLessThan(Number(first.items[1]!.id));
    const one = await weft.api(`/api/audit/${first.items[0]!.id}`);
    expect(await one.json()).toEqual(first.items[0]);
    expect((await weft.api('/api/audit/999999999')).status).toBe(404);
    expect((await weft.api('/api/audit?limit=201')).status).toBe(400);
  });
});

describe('who reads it', () => {
  it('operators and up read the audit log; viewers do not; no method changes an entry', async () => {
    const tokens: Record<string, string> = {};
    for (const role of ['viewer', 'operator']) {
      const email = `${role}-reader@example.com`;
      const password = `${role} password 1`;
      await weft.api('/api/users', { method: 'POST', json: { email, password, role } });
      const login = await fetch(`${weft.url}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email, password }),
      });
      const cookie = login.headers
        .getSetCookie()
        .map((c) => c.split(';')[0])
        .join('; ');
      const created = await fetch(`${weft.url}/api/auth/tokens`, {
        method: 'POST',
        headers: { cookie, 'content-type': 'application/json', 'x-weft-request': '1' },
        body: JSON.stringify({ name: 'reader' }),
      });
      tokens[role] = ((await created.json()) as { token: string }).token;
    }
    expect((await send('GET', '/api/audit', { token: tokens.viewer! })).response.status).toBe(403);
    expect((await send('GET', '/api/audit', { token: tokens.operator! })).response.status).toBe(200);
    const id = ((await (await weft.api('/api/audit?limit=1')).json()) as { items: Entry[] }).items[0]!.id;
    for (const method of ['PUT', 'PATCH', 'DELETE', 'POST']) {
      const { response } = await send(method, `/api/audit/${id}`, { json: { action: 'forged' } });
      expect(response.status, method).toBe(405);
    }
    expect((await send('DELETE', '/api/audit')).response.status).toBe(405);
    expect(((await (await weft.api(`/api/audit/${id}`)).json()) as Entry).action).not.toBe('forged');
  });
});
