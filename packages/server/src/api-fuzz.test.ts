// API fuzz: thousands of generated requests (seeded, so reproducible) — every method including WebDAV's and
// TRACE, hostile ids, malformed, deep, huge and mistyped bodies, wrong content types — against every route of
// the OpenAPI document, webhook ingress and health. No answer may be 5xx, every error must be a complete
// problem+json, and none of these client mistakes may be logged at error level.
import { createHmac } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROUTE_ACCESS } from './routes/openapi.js';
import {
  BODY_KINDS,
  CONTENT_TYPES,
  FLOW,
  fuzzBody,
  HOSTILE_IDS,
  METHODS,
  pick,
  seeded,
  type Rng,
} from './test-support/fuzz-inputs.js';
import { capturingLogger, ERROR_LEVEL } from './test-support/log-capture.js';
import { rawRequest } from './test-support/raw-http.js';
import { startTestRuntime, TOKEN, type TestRuntime } from './test-support/runtime.js';

const SEED = Number(process.env.WEFT_FUZZ_SEED ?? 20_240_611);
const CASES = 2400;

let weft: TestRuntime;
const log = capturingLogger();
const ids: Record<'flow' | 'run' | 'credential' | 'openHook' | 'hmacHook' | 'stripeHook', string> = {
  flow: '',
  run: '',
  credential: '',
  openHook: '',
  hmacHook: '',
  stripeHook: '',
};
let cookie = '';

async function created<T>(response: Response): Promise<T> {
  expect(response.status, await response.clone().text()).toBeLessThan(300);
  return (await response.json()) as T;
}

async function liveFlow(definition: object): Promise<string> {
  const { id } = await created<{ id: string }>(await weft.api('/api/flows', { method: 'POST', json: definition }));
  await created(await weft.api(`/api/flows/${id}/publish`, { method: 'POST' }));
  await created(await weft.api(`/api/flows/${id}/activate`, { method: 'POST' }));
  return id;
}

beforeAll(async () => {
  weft = await startTestRuntime({
    logger: log.logger,
    owner: { email: 'owner@example.com', password: 'owner password 1' },
    editorDir: new URL('./test-support/editor-fixture', import.meta.url).pathname,
  });
  const login = await fetch(`${weft.url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: 'owner@example.com', password: 'owner password 1' }),
  });
  cookie = login.headers.getSetCookie()[0]!.split(';')[0]!;
  ids.flow = (await created<{ id: string }>(await weft.api('/api/flows', { method: 'POST', json: FLOW }))).id;
  ids.run = (
    await created<{ runId: string }>(await weft.api(`/api/flows/${ids.flow}/test`, { method: 'POST', json: {} }))
  ).runId;
  const secret = await created<{ id: string }>(
    await weft.api('/api/credentials', {
      method: 'POST',
      json: { connector: 'webhook', name: 'hook secret', kind: 'apiKey', values: { apiKey: 'k', signingSecret: 's' } },
    }),
  );
  ids.credential = secret.id;
  ids.openHook = await liveFlow({ ...FLOW, name: 'open hook' });
  ids.hmacHook = await liveFlow({
    ...FLOW,
    name: 'hmac hook',
    trigger: { ...FLOW.trigger, config: { verify: 'hmac' }, credential: secret.id },
  });
  const stripe = await created<{ id: string }>(
    await weft.api('/api/credentials', {
      method: 'POST',
      json: { connector: 'stripe', name: 'stripe', kind: 'apiKey', values: { apiKey: 'k', signingSecret: 'whsec_x' } },
    }),
  );
  ids.stripeHook = await liveFlow({
    ...FLOW,
    name: 'stripe hook',
    trigger: {
      id: 't',
      connector: 'stripe@1',
      trigger: 'event',
      config: { events: ['invoice.paid'] },
      credential: stripe.id,
    },
  });
});
afterAll(() => weft?.close());

/** A route's path with its params filled: usually real ids (to get past the lookups), sometimes hostile ones. */
function filled(rng: Rng, route: { path: string }, hostile = 0.4): string {
  return route.path.replace(/\{(\w+)\}/g, (_, name: string) => {
    if (rng() < hostile) return pick(rng, HOSTILE_IDS);
    if (name === 'connector') return pick(rng, ['github', 'stripe', 'slack', 'nope']);
    if (name === 'nodeId') return pick(rng, ['n1', 't', 'missing']);
    if (name === 'flowId') return ids.openHook;
    const kind = route.path.split('/')[2];
    return kind === 'runs' ? ids.run : kind === 'credentials' ? ids.credential : ids.flow;
  });
}

/** A target: a documented route with its params filled (usually with its own method), a webhook, or no route. */
function target(rng: Rng): { path: string; method: string } {
  const method = pick(rng, METHODS);
  const roll = rng();
  if (roll < 0.15) {
    const hook = pick(rng, [ids.openHook, ids.hmacHook, ids.stripeHook, ids.flow, pick(rng, HOSTILE_IDS)]);
    const sub = pick(rng, ['', '', '/a/b', '/..', '/%00', '/x%2Fy', `/${pick(rng, HOSTILE_IDS)}`]);
    return { path: `/hooks/${hook}${sub}`, method: rng() < 0.6 ? 'POST' : method };
  }
  if (roll < 0.2) {
    const path = pick(rng, ['/healthz', '/readyz', '/', '/index.html', '/assets/x.js', '/nothing', '/api', '/api/']);
    return { path, method };
  }
  const route = pick(rng, ROUTE_ACCESS);
  const path = filled(rng, route);
  const query =
    rng() < 0.2
      ? pick(rng, [
          '?limit=abc',
          '?limit=0',
          '?limit=99999999999999999999',
          '?status=running&status=failed',
          '?since=not-a-date',
          '?until=-1',
          '?cursor=%00%FF',
          '?cursor=eyJ4IjoxfQ',
          '?flow[]=x',
          '?state=x&code=y',
          '?state=',
          '?reconnect=../x&credentialName=%3Cb%3E',
          '?__proto__[x]=1',
        ])
      : '';
  return { path: path + query, method: rng() < 0.7 ? route.method : method };
}

function authHeaders(rng: Rng, method: string): Record<string, string> {
  const roll = rng();
  if (roll < 0.7) return { authorization: `Bearer ${TOKEN}` };
  if (roll < 0.8) return {};
  if (roll < 0.85)
    return {
      authorization: pick(rng, ['Bearer ', 'Bearer x y', 'Basic Zm9vOmJhcg==', 'Bearer %00', 'bearer '.repeat(50)]),
    };
  return { cookie, ...(method === 'GET' || rng() < 0.8 ? { 'x-weft-request': '1' } : {}) };
}

function hookSignature(rng: Rng, body: Buffer | undefined): Record<string, string | undefined> {
  if (rng() < 0.5) return {};
  const valid = createHmac('sha256', 's')
    .update(body ?? '')
    .digest('hex');
  return pick(rng, [
    { 'x-signature': valid },
    { 'x-hub-signature-256': `sha256=${valid}` },
    { 'stripe-signature': 't=1,v1=00' },
    { 'stripe-signature': 'garbage' },
    { 'webhook-id': 'x', 'webhook-timestamp': 'NaN', 'webhook-signature': 'v1,%%%' },
    { 'idempotency-key': 'k'.repeat(400) },
  ]);
}

interface Outcome {
  label: string;
  status: number;
  problem?: string;
}

describe('API fuzz', () => {
  it(`answers ${CASES} hostile requests without a 5xx, each error as problem+json (seed ${SEED})`, async () => {
    const rng = seeded(SEED);
    // First every route with its own method, as the owner, twice with each kind of body; then random cases.
    const sweep = [...ROUTE_ACCESS, ...ROUTE_ACCESS].flatMap((route) =>
      Array.from({ length: BODY_KINDS }, (_, kind) => ({ route, kind })),
    );
    const cases = Array.from({ length: CASES }, (_, i) => {
      const swept = sweep[i];
      const { method, path } = swept // The sweep keeps its fixtures: it deletes only what does not exist.
        ? { method: swept.route.method, path: filled(rng, swept.route, swept.route.method === 'DELETE' ? 1 : 0) }
        : target(rng);
      const body = method === 'TRACE' ? { kind: 'none' } : fuzzBody(rng, path, swept?.kind);
      const contentType = swept ? 'application/json' : pick(rng, CONTENT_TYPES);
      const headers = {
        ...(swept ? { authorization: `Bearer ${TOKEN}` } : authHeaders(rng, method)),
        ...(contentType !== undefined && body.body ? { 'content-type': contentType } : {}),
        ...(path.startsWith('/hooks/') ? hookSignature(rng, body.body) : {}),
      };
      return {
        method,
        path,
        body,
        headers,
        label: `${method} ${path.slice(0, 80)} [${body.kind}, ${contentType ?? 'no type'}]`,
      };
    });
    const outcomes: Outcome[] = [];
    for (let i = 0; i < cases.length; i += 16) {
      const batch = cases.slice(i, i + 16);
      outcomes.push(
        ...(await Promise.all(
          batch.map(async ({ method, path, body, headers, label }) => {
            const response = await rawRequest(weft.url, {
              method,
              path,
              headers,
              ...(body.body ? { body: body.body } : {}),
            });
            const outcome: Outcome = { label, status: response.status };
            if (response.status >= 400 && method !== 'HEAD') {
              const problem = response.json as Record<string, unknown> | undefined;
              const complete =
                /^application\/problem\+json/.test(String(response.headers['content-type'])) &&
                typeof problem?.type === 'string' &&
                typeof problem.title === 'string' &&
                typeof problem.detail === 'string' &&
                problem.status === response.status;
              if (!complete) outcome.problem = `not a complete problem: ${response.text.slice(0, 120)}`;
            }
            return outcome;
          }),
        )),
      );
    }
    const failures = outcomes
      .filter((o) => o.status >= 500 || o.problem)
      .map((o) => `${o.status} ${o.label} ${o.problem ?? ''}`);
    const statuses = outcomes.reduce<Record<number, number>>(
      (all, o) => ({ ...all, [o.status]: (all[o.status] ?? 0) + 1 }),
      {},
    );
    console.info(
      `api fuzz (seed ${SEED}): ${outcomes.length} requests, ${failures.length} failures; statuses ${JSON.stringify(statuses)}`,
    );
    expect(outcomes).toHaveLength(CASES);
    expect(failures.slice(0, 25)).toEqual([]);
    expect(log.entries.filter((entry) => entry.level >= ERROR_LEVEL).map((entry) => entry.msg)).toEqual([]);
    // Thousands of requests: a generous bound for a loaded CI machine (a guard against a hang, not a speed check).
  }, 180_000);
});
