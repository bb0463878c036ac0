// The authorization matrix: every route of the OpenAPI document × every role, no credentials and a garbage
// token × its canonical path and other spellings of it. The expected status comes from one table,
// ROUTE_ACCESS (docs/access.md): a caller below the route's role is refused (401 without valid credentials,
// 403 with too small a role), any other spelling of the path is no route (404, or 405 where it names another
// route), and a session cookie without X-Weft-Request on a write is 403. "Unexpected allows" counts refused
// callers that got anything but 401/403/404/405; it must be zero.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROUTE_ACCESS, type RouteNeeds } from './routes/openapi.js';
import { capturingLogger, ERROR_LEVEL } from './test-support/log-capture.js';
import { pathSpellings } from './test-support/path-spellings.js';
import { rawRequest, type RawResponse } from './test-support/raw-http.js';
import { REPO_ROOT, startTestRuntime, TOKEN, type TestRuntime } from './test-support/runtime.js';

type Role = Exclude<RouteNeeds, 'public'>;
const ROLES: Role[] = ['viewer', 'operator', 'editor', 'owner'];
const LEVEL: Record<RouteNeeds, number> = { public: -1, viewer: 0, operator: 1, editor: 2, owner: 3 };
const REFUSED = new Set([401, 403, 404, 405]);
const FAKE_ID = 'no-such-id-0';

interface Caller {
  name: string;
  role?: Role;
  headers: Record<string, string>;
}

let weft: TestRuntime;
const log = capturingLogger();
const callers: Caller[] = [
  { name: 'no credentials', headers: {} },
  { name: 'garbage token', headers: { authorization: 'Bearer weft_garbage-not-a-token' } },
];
const cookies: Partial<Record<Role, string>> = {};
const ids: Record<string, string> = {};
const figures = { cases: 0, unexpectedAllows: 0 };

beforeAll(async () => {
  weft = await startTestRuntime({
    logger: log.logger,
    owner: { email: 'owner@example.com', password: 'owner password 1' },
    editorDir: new URL('./test-support/editor-fixture', import.meta.url).pathname,
  });
  for (const role of ROLES) {
    const email = `${role}@example.com`;
    const password = `${role} password 1`;
    if (role !== 'owner') {
      expect((await weft.api('/api/users', { method: 'POST', json: { email, password, role } })).status).toBe(201);
    }
    const login = await fetch(`${weft.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email, password }),
    });
    const cookie = login.headers
      .getSetCookie()
      .map((c) => c.split(';')[0])
      .join('; ');
    cookies[role] = cookie;
    const token = await fetch(`${weft.url}/api/auth/tokens`, {
      method: 'POST',
      headers: { cookie, 'content-type': 'application/json', 'x-weft-request': '1' },
      body: JSON.stringify({ name: 'matrix' }),
    });
    const { token: secret } = (await token.json()) as { token: string };
    callers.push({ name: `${role} token`, role, headers: { authorization: `Bearer ${secret}` } });
  }
  const flow = await weft.api('/api/flows', {
    method: 'POST',
    json: {
      schema: 'weft.flow/v1',
      name: 'matrix',
      trigger: { id: 't', connector: 'webhook@1', trigger: 'event' },
      steps: [],
      edges: [],
    },
  });
  ids.flow = ((await flow.json()) as { id: string }).id;
  const run = await weft.api(`/api/flows/${ids.flow}/test`, { method: 'POST', json: { input: {} } });
  ids.run = ((await run.json()) as { runId: string }).runId;
  const credential = await weft.api('/api/credentials', {
    method: 'POST',
    json: { connector: 'http', name: 'matrix', kind: 'bearer', values: { token: 'x' } },
  });
  ids.credential = ((await credential.json()) as { id: string }).id;
  expect(Object.values(ids).every(Boolean)).toBe(true);
  expect(TOKEN).toBeTruthy();
});
afterAll(() => weft?.close());

/** Reads keep real ids (a wrongly allowed read would return data); writes use a missing id, so none lands. */
function concrete(method: string, template: string): string {
  const read = method === 'GET';
  return template.replace(/\{(\w+)\}/g, (_, name: string) => {
    if (name === 'nodeId') return 'n1';
    if (name === 'connector') return 'github';
    if (!read || name === 'flowId') return FAKE_ID;
    const kind = template.split('/')[2]!;
    return ids[{ flows: 'flow', runs: 'run', credentials: 'credential' }[kind] ?? ''] ?? FAKE_ID;
  });
}

function send(method: string, path: string, headers: Record<string, string>): Promise<RawResponse> {
  const body = method === 'GET' || method === 'HEAD' ? undefined : '{}';
  return rawRequest(weft.url, {
    method,
    path,
    headers: { ...headers, ...(body ? { 'content-type': 'application/json' } : {}) },
    ...(body ? { body } : {}),
  });
}

/** Runs promises a few at a time. */
async function inBatches<T>(tasks: (() => Promise<T>)[], size = 64): Promise<T[]> {
  const results: T[] = [];
  for (let i = 0; i < tasks.length; i += size)
    results.push(...(await Promise.all(tasks.slice(i, i + size).map((t) => t()))));
  return results;
}

function expectedFor(needs: RouteNeeds, caller: Caller): 'allowed' | 401 | 403 {
  if (needs === 'public') return 'allowed';
  if (!caller.role) return 401;
  return LEVEL[caller.role] >= LEVEL[needs] ? 'allowed' : 403;
}

describe('authorization matrix', () => {
  for (const route of ROUTE_ACCESS) {
    it(`${route.method} ${route.path} (${route.needs})`, async () => {
      const methods = route.method === 'GET' ? ['GET', 'HEAD'] : [route.method];
      const mismatches: string[] = [];
      const tasks: (() => Promise<void>)[] = [];
      for (const method of methods) {
        const path = concrete(route.method, route.path);
        const check = (
          caller: string,
          spelled: string,
          headers: Record<string, string>,
          expected: number[] | 'allowed',
        ) =>
          tasks.push(async () => {
            const response = await send(method, spelled, headers);
            figures.cases++;
            const ok =
              expected === 'allowed'
                ? response.status < 500 && response.status !== 401 && response.status !== 403
                : expected.includes(response.status);
            if (expected !== 'allowed' && !REFUSED.has(response.status)) figures.unexpectedAllows++;
            const problem =
              response.status < 400 ||
              method === 'HEAD' ||
              /^application\/problem\+json/.test(String(response.headers['content-type']));
            if (!ok || !problem)
              mismatches.push(`${caller}: ${method} ${spelled} → ${response.status} (expected ${String(expected)})`);
          });
        for (const caller of callers) {
          const expected = expectedFor(route.needs, caller);
          check(caller.name, path, caller.headers, expected === 'allowed' ? 'allowed' : [expected]);
          for (const spelled of pathSpellings(route.path, path))
            check(caller.name, spelled, caller.headers, [404, 405]);
        }
        for (const role of ROLES) {
          const cookie = { cookie: cookies[role]! };
          const expected = expectedFor(route.needs, { name: role, role, headers: {} });
          const safe = method === 'GET' || method === 'HEAD';
          // Without X-Weft-Request a session may read but not write: the CSRF check comes before the role check.
          const withoutHeader =
            route.needs === 'public' || (safe && expected === 'allowed') ? 'allowed' : [safe ? expected : 403];
          check(`${role} session`, path, cookie, withoutHeader as number[] | 'allowed');
        }
      }
      await inBatches(tasks);
      expect(mismatches).toEqual([]);
    });
  }

  it('tried every case and allowed no refused caller', () => {
    expect(figures.cases).toBeGreaterThan(3000);
    expect(figures.unexpectedAllows).toBe(0);
    expect(log.entries.filter((entry) => entry.level >= ERROR_LEVEL)).toEqual([]);
    console.info(`authz matrix: ${figures.cases} cases, ${figures.unexpectedAllows} unexpected allows`);
  });

  it('is the table docs/access.md shows', async () => {
    const doc = await readFile(join(REPO_ROOT, 'docs/access.md'), 'utf8');
    const rows = [...doc.matchAll(/^\| `(\w+)` \| `([^`]+)` \| (\w+) \|$/gm)].map((m) => `${m[1]} ${m[2]} ${m[3]}`);
    expect(rows).toEqual(ROUTE_ACCESS.map((r) => `${r.method} ${r.path} ${r.needs}`));
  });
});
