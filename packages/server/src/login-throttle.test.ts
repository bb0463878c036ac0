// Sign-in throttling through the HTTP API: failed passwords per account and per client address lead to 429
// with Retry-After; other accounts and addresses keep signing in; the lock lifts when the window has passed.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LoginThrottle } from './auth/login-throttle.js';
import { rawRequest } from './test-support/raw-http.js';
import { startTestRuntime, type TestRuntime } from './test-support/runtime.js';

let weft: TestRuntime;
let now = 1_700_000_000_000;
const WINDOW_MS = 60_000;
const OWNER = { email: 'owner@example.com', password: 'the owner password' };
const OTHER = { email: 'other@example.com', password: 'the other password' };

beforeAll(async () => {
  weft = await startTestRuntime({
    owner: OWNER,
    editorDir: '/nonexistent-editor-build',
    loginThrottle: new LoginThrottle({
      limits: { perAccount: { max: 3, windowMs: WINDOW_MS }, perAddress: { max: 6, windowMs: WINDOW_MS } },
      now: () => now,
    }),
  });
  const created = await weft.api('/api/users', { method: 'POST', json: { ...OTHER, role: 'viewer' } });
  expect(created.status).toBe(201);
});
afterAll(() => weft?.close());

function login(credentials: { email: string; password: string }, from: string) {
  return rawRequest(weft.url, {
    method: 'POST',
    path: '/api/auth/login',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(credentials),
    localAddress: from,
  });
}

describe('sign-in throttling', () => {
  it('refuses an account after too many wrong passwords, even with the right one, with 429 and Retry-After', async () => {
    for (let i = 0; i < 3; i++) expect((await login({ ...OWNER, password: 'wrong' }, '127.0.0.2')).status).toBe(401);
    const refused = await login(OWNER, '127.0.0.3');
    expect(refused.status).toBe(429);
    expect(refused.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(refused.headers['retry-after']).toBe('60');
    expect(refused.json).toMatchObject({ status: 429, code: 'too_many_sign_in_attempts', retryAfter: 60 });
  });

  it('keeps other accounts signing in from the same address', async () => {
    expect((await login(OTHER, '127.0.0.2')).status).toBe(200);
  });

  it('lifts the lock once the failures have left the window', async () => {
    now += WINDOW_MS / 2;
    const waiting = await login(OWNER, '127.0.0.3');
    expect(waiting.headers['retry-after']).toBe('30');
    now += WINDOW_MS / 2;
    expect((await login(OWNER, '127.0.0.3')).status).toBe(200);
  });

  it('refuses an address that tries many accounts, and no other address', async () => {
    for (let i = 0; i < 6; i++) {
      expect((await login({ email: `guess${i}@example.com`, password: 'x' }, '127.0.0.4')).status).toBe(401);
    }
    expect((await login(OTHER, '127.0.0.4')).status).toBe(429);
    expect((await login(OTHER, '127.0.0.5')).status).toBe(200);
  });

  it('counts a burst of parallel attempts before any of them is checked', async () => {
    const burst = await Promise.all(
      Array.from({ length: 12 }, (_, i) => login({ email: 'burst@example.com', password: `wrong ${i}` }, '127.0.0.8')),
    );
    const statuses = burst.map((response) => response.status);
    expect(statuses.filter((status) => status === 401)).toHaveLength(3);
    expect(statuses.filter((status) => status === 429)).toHaveLength(9);
  });

  it('clears an account’s failures when it signs in', async () => {
    for (let i = 0; i < 2; i++) expect((await login({ ...OTHER, password: 'wrong' }, '127.0.0.6')).status).toBe(401);
    expect((await login(OTHER, '127.0.0.6')).status).toBe(200);
    for (let i = 0; i < 2; i++) expect((await login({ ...OTHER, password: 'wrong' }, '127.0.0.7')).status).toBe(401);
    expect((await login(OTHER, '127.0.0.7')).status).toBe(200);
  });
});
