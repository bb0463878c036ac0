// Several runtimes sharing one PostgreSQL schema (and one Redis key prefix), as separate web and worker processes
// would: a webhook's reply, live events, OAuth state, wake-ups and declared rate limits cross process boundaries.
// Each runtime keeps its own in-memory state, so nothing is shared unless it goes through Redis or PostgreSQL.
import { defineAction, defineConnector } from '@weft/sdk';
import { startFakeApi, type FakeApi } from '@weft/sdk/testing';
import { randomBytes } from 'node:crypto';
import type { OAuth2Server } from 'oauth2-mock-server';
import { io as connect, type Socket } from 'socket.io-client';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RuntimeOptions } from './runtime.js';
import { startTestRuntime, TOKEN, waitForRun, type TestRuntime } from './test-support/runtime.js';
import { acmeConnector, startOAuthProvider } from './test-support/oauth-provider.js';
import { dropSchema, freePort, POSTGRES_URL, REDIS_URL } from './test-support/services.js';

const SECRET_KEY = randomBytes(32).toString('base64');

const respondFlow = {
  schema: 'weft.flow/v1',
  name: 'echo',
  trigger: { id: 'hook', connector: 'webhook@1', trigger: 'event', config: { respond: 'sync' } },
  steps: [
    { id: 'shape', use: 'transform.map', config: { greeting: 'Hello {{ trigger.body.name }}' } },
    { id: 'reply', use: 'respond', config: { status: 200, body: '{{ steps.shape }}' } },
  ],
  edges: [
    { from: 'hook', to: 'shape' },
    { from: 'shape', to: 'reply' },
  ],
};

const limitedFlow = {
  schema: 'weft.flow/v1',
  name: 'limited',
  trigger: { id: 'hook', connector: 'webhook@1', trigger: 'event' },
  steps: [{ id: 'call', use: 'limited@1.call', config: { n: '{{ trigger.body.n }}' } }],
  edges: [{ from: 'hook', to: 'call' }],
};

function limitedConnector(baseUrl: string) {
  return defineConnector({
    name: 'limited',
    version: '1.0.0',
    title: 'Limited API',
    description: 'An API that allows 20 requests per second',
    auth: { kind: 'none' },
    baseUrl,
    rateLimits: [{ per: 'connector', limit: 20, interval: 1000 }],
    actions: [
      defineAction({
        key: 'call',
        title: 'Call',
        description: 'Posts n',
        input: { type: 'object', properties: { n: { type: 'integer' } }, required: ['n'] } as const,
        output: {} as const,
        async run(ctx) {
          const response = await ctx.http.request({ method: 'POST', url: '/hit', json: { n: ctx.input.n } });
          return { status: response.status };
        },
      }),
    ],
  });
}

async function createActiveFlow(web: TestRuntime, flow: object): Promise<string> {
  const created = await web.api('/api/flows', { method: 'POST', json: flow });
  expect(created.status).toBe(201);
  const { id } = (await created.json()) as { id: string };
  expect((await web.api(`/api/flows/${id}/publish`, { method: 'POST' })).status).toBe(201);
  expect((await web.api(`/api/flows/${id}/activate`, { method: 'POST' })).status).toBe(200);
  return id;
}

/** Starts web and worker runtimes on one fresh schema; `redis` adds a fresh Redis key prefix. */
async function startCluster(options: {
  redis: boolean;
  webs: number;
  workers: number;
  extra?: (port: number) => RuntimeOptions;
}): Promise<{ webs: TestRuntime[]; workers: TestRuntime[]; schema: string; close(): Promise<void> }> {
  const schema = `weft_cluster_${randomBytes(5).toString('hex')}`;
  const common = (role: 'web' | 'worker', port: number): RuntimeOptions => ({
    role,
    port,
    databaseUrl: POSTGRES_URL,
    databaseSchema: schema,
    env: { WEFT_SECRET_KEY: SECRET_KEY },
    outboundAllow: ['127.0.0.1'],
    leaseMs: 2000,
    logger: pino({ level: 'error' }),
    ...(options.redis ? { redisUrl: REDIS_URL, redisPrefix: `weft-test-${schema}:` } : {}),
    ...options.extra?.(port),
  });
  const webs: TestRuntime[] = [];
  const workers: TestRuntime[] = [];
  // Migrations run once, by the first process; the others find them applied.
  for (let i = 0; i < options.webs; i++) webs.push(await startTestRuntime(common('web', await freePort())));
  for (let i = 0; i < options.workers; i++)
    workers.push(await startTestRuntime({ ...common('worker', 0), concurrency: 4 }));
  return {
    webs,
    workers,
    schema,
    async close() {
      await Promise.all([...webs, ...workers].map((r) => r.close()));
      await dropSchema(schema);
    },
  };
}

describe.each([
  { name: 'with Redis', redis: true },
  { name: 'on PostgreSQL alone (LISTEN/NOTIFY)', redis: false },
])('a cluster $name', ({ redis }) => {
  let cluster: Awaited<ReturnType<typeof startCluster>>;
  let provider: OAuth2Server;
  let api: FakeApi;
  const hits: { n: number; at: number }[] = [];

  beforeAll(async () => {
    const started = await startOAuthProvider();
    provider = started.provider;
    const issuer = started.issuer;
    api = await startFakeApi((request) => {
      hits.push({ n: (request.json as { n: number }).n, at: request.at });
      return { json: { ok: true } };
    });
    cluster = await startCluster({
      redis,
      webs: 2,
      workers: 3,
      extra: (port) => ({
        publicUrl: `http://127.0.0.1:${port}`,
        connectors: [acmeConnector(issuer), limitedConnector(api.url)],
        env: {
          WEFT_SECRET_KEY: SECRET_KEY,
          WEFT_OAUTH_ACME_CLIENT_ID: 'weft-app',
          WEFT_OAUTH_ACME_CLIENT_SECRET: 'app-secret',
        },
      }),
    });
  }, 60_000);
  afterAll(async () => {
    await cluster?.close();
    await provider?.stop();
    await api?.close();
  });

  it('answers a respond-mode webhook on one web process with the reply of a run a worker executed', async () => {
    const [a, b] = cluster.webs as [TestRuntime, TestRuntime];
    const id = await createActiveFlow(a, respondFlow);
    const replies = await Promise.all(
      ['Ada', 'Grace', 'Edsger', 'Barbara'].map(async (name) => {
        const response = await fetch(`${b.url}/hooks/${id}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ name }),
        });
        return { status: response.status, body: await response.json() };
      }),
    );
    expect(
      replies.map((r) => r.status),
      JSON.stringify(replies),
    ).toEqual([200, 200, 200, 200]);
    expect(replies.map((r) => r.body)).toEqual(
      ['Ada', 'Grace', 'Edsger', 'Barbara'].map((name) => ({ greeting: `Hello ${name}` })),
    );
    // Web processes execute nothing: the runs were executed by workers.
    const runs = (await (await a.api(`/api/runs?flowId=${id}`)).json()) as { items: { id: string }[] };
    expect(runs.items).toHaveLength(4);
  });

  it('completes queued runs promptly, woken through the bus rather than by polling', async () => {
    const [a] = cluster.webs as [TestRuntime];
    const id = await createActiveFlow(a, {
      ...respondFlow,
      name: 'async',
      trigger: { id: 'hook', connector: 'webhook@1', trigger: 'event' },
      steps: respondFlow.steps.slice(0, 1),
      edges: respondFlow.edges.slice(0, 1),
    });
    const response = await fetch(`${a.url}/hooks/${id}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"name":"Ada"}',
    });
    expect(response.status).toBe(202);
    const { runId } = (await response.json()) as { runId: string };
    // Workers poll every 10 s only as a safety net; the wake-up brings the run in well before that.
    const run = await waitForRun(a, runId, 8000);
    expect(run).toMatchObject({ status: 'succeeded', output: { greeting: 'Hello Ada' } });
  });

  it('completes an OAuth2 connection whose callback lands on the other web process', async () => {
    const [a, b] = cluster.webs as [TestRuntime, TestRuntime];
    const start = await a.api('/api/oauth/acme/start?credentialName=Acme%20prod', { redirect: 'manual' });
    expect(start.status).toBe(302);
    const atProvider = await fetch(new URL(start.headers.get('location')!), { redirect: 'manual' });
    const callback = new URL(atProvider.headers.get('location')!);
    // The provider redirects to A's public URL; the load balancer sends the browser to B instead.
    const done = await fetch(`${b.url}${callback.pathname}${callback.search}`);
    expect(done.status).toBe(200);
    const replay = await fetch(`${a.url}${callback.pathname}${callback.search}`);
    expect(replay.status).toBeGreaterThanOrEqual(400);
    const { items } = (await (await b.api('/api/credentials')).json()) as { items: { name: string }[] };
    expect(items.map((c) => c.name)).toContain('Acme prod');
  });

  it('holds a declared limit of 20 requests per second across three workers', async () => {
    const [a] = cluster.webs as [TestRuntime];
    const id = await createActiveFlow(a, limitedFlow);
    hits.length = 0;
    const runIds = await Promise.all(
      Array.from({ length: 90 }, async (_, n) => {
        const response = await fetch(`${a.url}/hooks/${id}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ n }),
        });
        return ((await response.json()) as { runId: string }).runId;
      }),
    );
    for (const runId of runIds) expect(await waitForRun(a, runId, 30_000)).toMatchObject({ status: 'succeeded' });
    expect(new Set(hits.map((h) => h.n)).size).toBe(90);
    // Requests reach the fake some ms after their slot: on a loaded machine that jitter (over 100 ms), not the
    // limiter, can put a 21st request in one second. So the limit is checked over three windows with 10% slack: the
    // 61st request after any request arrives at least 2,700 ms after it. Three separate limiters would send ~60
    // per second (the 61st within ~1,000 ms).
    const times = hits.map((h) => h.at).sort((x, y) => x - y);
    const gaps = times.slice(60).map((t, i) => t - times[i]!);
    expect(Math.min(...gaps)).toBeGreaterThanOrEqual(2700);
    // And overall: beyond the first burst of 20, no faster than 20 per second.
    expect(((times.length - 20) / (times.at(-1)! - times[0]!)) * 1000).toBeLessThanOrEqual(20 * 1.1);
    // Every worker took part (otherwise one limiter alone would trivially hold).
    const workersSeen = new Set<string | undefined>();
    for (const runId of runIds) workersSeen.add((await a.store.runs.get(runId))?.claimedBy);
    expect(workersSeen.size).toBeGreaterThan(1);
    expect([...workersSeen].every((w) => cluster.workers.some((r) => r.worker.workerId === w))).toBe(true);
  }, 60_000);

  it.runIf(redis)('streams live events to a browser on web A for a run fed through web B', async () => {
    const [a, b] = cluster.webs as [TestRuntime, TestRuntime];
    const id = await createActiveFlow(a, { ...respondFlow, name: 'live' });
    const socket: Socket = connect(a.url, { auth: { token: TOKEN }, transports: ['websocket'], reconnection: false });
    try {
      const events: { type: string; runId: string }[] = [];
      for (const type of ['run.started', 'step.started', 'step.finished', 'run.finished'])
        socket.on(type, (event: { runId: string }) => events.push({ type, runId: event.runId }));
      expect(await socket.emitWithAck('subscribe', { flowId: id })).toEqual({ ok: true });
      const response = await fetch(`${b.url}/hooks/${id}`, { method: 'POST', body: '{"name":"Ada"}' });
      const runId = response.headers.get('x-weft-run-id')!;
      await expect
        .poll(() => events.filter((e) => e.runId === runId).map((e) => e.type), { timeout: 10_000 })
        .toEqual(expect.arrayContaining(['run.started', 'step.started', 'step.finished', 'run.finished']));
    } finally {
      socket.disconnect();
    }
  });
});
