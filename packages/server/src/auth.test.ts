import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestRuntime, type TestRuntime } from './test-support/runtime.js';

let weft: TestRuntime;
const OWNER = { email: 'owner@example.com', password: 'a long enough password' };

beforeAll(async () => {
  weft = await startTestRuntime({ owner: OWNER });
});
afterAll(() => weft?.close());

async function login(email: string, password: string) {
  return fetch(`${weft.url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });
}

function cookieOf(response: Response): string {
  return response.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
}

describe('accounts and access', () => {
  it('signs in with a session cookie that is httpOnly and SameSite', async () => {
    expect((await login(OWNER.email, 'wrong password')).status).toBe(401);
    const response = await login(OWNER.email, OWNER.password);
    expect(response.status).toBe(200);
    const setCookie = response.headers.getSetCookie()[0]!;
    expect(setCookie).toMatch(/httponly/i);
    expect(setCookie).toMatch(/samesite=strict/i);
    const me = await fetch(`${weft.url}/api/auth/me`, { headers: { cookie: cookieOf(response) } });
    expect(await me.json()).toMatchObject({ user: { email: OWNER.email, role: 'owner' }, via: 'session' });
  });

  it('refuses cookie-authenticated writes without the CSRF header', async () => {
    const cookie = cookieOf(await login(OWNER.email, OWNER.password));
    const flow = {
      schema: 'weft.flow/v1',
      name: 'c',
      trigger: { id: 't', connector: 'webhook@1', trigger: 'event' },
      steps: [],
      edges: [],
    };
    const forged = await fetch(`${weft.url}/api/flows`, {
      method: 'POST',
      headers: { cookie, 'content-type': 'application/json' },
      body: JSON.stringify(flow),
    });
    expect(forged.status).toBe(403);
    const real = await fetch(`${weft.url}/api/flows`, {
      method: 'POST',
      headers: { cookie, 'content-type': 'application/json', 'x-weft-request': '1' },
      body: JSON.stringify(flow),
    });
    expect(real.status).toBe(201);
  });

  it('enforces roles per route with API tokens', async () => {
    const created = await weft.api('/api/users', {
      method: 'POST',
      json: { email: 'viewer@example.com', password: 'viewer password!', role: 'viewer' },
    });
    expect(created.status).toBe(201);
    const viewerCookie = cookieOf(await login('viewer@example.com', 'viewer password!'));
    const tokenResponse = await fetch(`${weft.url}/api/auth/tokens`, {
      method: 'POST',
      headers: { cookie: viewerCookie, 'content-type': 'application/json', 'x-weft-request': '1' },
      body: JSON.stringify({ name: 'script' }),
    });
    expect(tokenResponse.status).toBe(201);
    const { token } = (await tokenResponse.json()) as { token: string };
    const asViewer = (path: string, init: RequestInit = {}) =>
      fetch(`${weft.url}${path}`, {
        ...init,
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      });
    expect((await asViewer('/api/flows')).status).toBe(200);
    expect((await asViewer('/api/flows', { method: 'POST', body: '{}' })).status).toBe(403);
    expect((await asViewer('/api/users')).status).toBe(403);
    const escalate = await fetch(`${weft.url}/api/auth/tokens`, {
      method: 'POST',
      headers: { cookie: viewerCookie, 'content-type': 'application/json', 'x-weft-request': '1' },
      body: JSON.stringify({ name: 'x', role: 'owner' }),
    });
    expect(escalate.status).toBe(403);
  });

  it('shows operators the connectors, their circuit breakers and load problems', async () => {
    const connectors = (await (await weft.api('/api/connectors')).json()) as { items: { name: string }[] };
    expect(connectors.items.map((c) => c.name)).toEqual(expect.arrayContaining(['core', 'webhook', 'http', 'stripe']));
    expect(await (await weft.api('/api/connectors/breakers')).json()).toEqual({ items: [] });
    expect(await (await weft.api('/api/connectors/problems')).json()).toEqual({ items: [] });
  });

  it('serves the OpenAPI document without authentication', async () => {
    const doc = (await (await fetch(`${weft.url}/api/openapi.json`)).json()) as {
      openapi: string;
      paths: Record<string, unknown>;
    };
    expect(doc.openapi).toBe('3.1.0');
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining(['/api/flows', '/api/runs/{id}/retry', '/hooks/{flowId}']),
    );
  });
});
