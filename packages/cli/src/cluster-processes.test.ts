// A real cluster of built `weft start` processes — two `--role web`, three `--role worker` — on one PostgreSQL
// schema and one Redis key prefix. A thousand webhook runs go through it while one worker is killed -9 midway:
// every accepted run completes exactly once, and no step that had completed runs again.
import type { ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import pg from 'pg';
import { io as connect } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listeningUrl, scratchForBuiltBinary, spawnServer } from './test-support/weft-binary.js';

const POSTGRES_URL = process.env.WEFT_TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const REDIS_URL = process.env.WEFT_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
const TOKEN = 'cluster-test-token';
const RUNS = 1000;

const schema = `weft_procs_${randomBytes(5).toString('hex')}`;
const env = {
  WEFT_DATABASE_URL: POSTGRES_URL,
  WEFT_DATABASE_SCHEMA: schema,
  WEFT_REDIS_URL: REDIS_URL,
  WEFT_REDIS_PREFIX: `weft-test-${schema}:`,
  WEFT_SECRET_KEY: randomBytes(32).toString('base64'),
};
let tmp: string;
let db: pg.Client;
const children: ChildProcess[] = [];
/** What each process logged (pino, on stdout). */
const logs = new Map<ChildProcess, string>();

async function start(
  role: 'web' | 'worker',
  name: string,
  examples: string,
): Promise<{ child: ChildProcess; url: string }> {
  const args = ['--role', role, '--lease-ms', '1500', ...(role === 'worker' ? ['--concurrency', '8'] : [])];
  const child = spawnServer(join(tmp, name), examples, { token: TOKEN, args, env });
  children.push(child);
  logs.set(child, '');
  child.stdout!.on('data', (chunk: Buffer) => logs.set(child, logs.get(child) + chunk.toString()));
  return { child, url: await listeningUrl(child) };
}

async function count(sql: string, values: unknown[] = []): Promise<number> {
  const { rows } = await db.query<{ n: string }>(sql, values);
  return Number(rows[0]!.n);
}

beforeAll(async () => {
  tmp = await scratchForBuiltBinary('weft-cluster-');
  db = new pg.Client({ connectionString: POSTGRES_URL });
  await db.connect();
});
afterAll(async () => {
  for (const child of children) if (child.exitCode === null) child.kill('SIGKILL');
  await db?.query(`drop schema if exists ${schema} cascade`);
  await db?.end();
  await rm(tmp, { recursive: true, force: true });
});

describe('a cluster of web and worker processes', () => {
  it('completes 1,000 webhook runs (none lost, none duplicated) while a worker is killed -9, then replies and streams across processes', async () => {
    const examples = join(tmp, 'examples');
    await mkdir(join(examples, 'count'), { recursive: true });
    await writeFile(
      join(examples, 'count', 'flow.json'),
      JSON.stringify({
        schema: 'weft.flow/v1',
        name: 'count',
        trigger: { id: 'hook', connector: 'webhook@1', trigger: 'event' },
        steps: [
          { id: 'first', use: 'transform.map', config: { n: '{{ trigger.body.n }}' } },
          { id: 'wait', use: 'delay', config: { ms: 40 } },
          { id: 'done', use: 'transform.map', config: { n: '{{ steps.first.n }}' } },
        ],
        edges: [
          { from: 'hook', to: 'first' },
          { from: 'first', to: 'wait' },
          { from: 'wait', to: 'done' },
        ],
      }),
    );
    await mkdir(join(examples, 'echo'), { recursive: true });
    await writeFile(
      join(examples, 'echo', 'flow.json'),
      JSON.stringify({
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
      }),
    );
    // The first web process migrates the schema and loads the flows; the others find them there.
    const webA = await start('web', 'web-a', examples);
    const [webB, ...workers] = await Promise.all([
      start('web', 'web-b', examples),
      start('worker', 'worker-1', examples),
      start('worker', 'worker-2', examples),
      start('worker', 'worker-3', examples),
    ]);
    const webs = [webA, webB!];

    let next = 0;
    const accepted: string[] = [];
    const send = async () => {
      while (next < RUNS) {
        const n = next++;
        const response = await fetch(`${webs[n % 2]!.url}/hooks/count`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-request-id': `delivery-${n}` },
          body: JSON.stringify({ n }),
        });
        expect(response.status).toBe(202);
        accepted.push(((await response.json()) as { runId: string }).runId);
      }
    };
    const sending = Promise.all(Array.from({ length: 16 }, send));

    // Midway: once a third of the runs are done, the first worker dies without a chance to clean up.
    const runs = `${schema}.runs`;
    await expect
      .poll(() => count(`select count(*) as n from ${runs} where status = 'succeeded'`), {
        timeout: 60_000,
        interval: 50,
      })
      .toBeGreaterThanOrEqual(RUNS / 3);
    const victim = workers[0]!.child;
    victim.kill('SIGKILL');
    await new Promise((resolve) => victim.once('exit', resolve));
    await sending;
    expect(accepted).toHaveLength(RUNS);

    await expect
      .poll(() => count(`select count(*) as n from ${runs} where status = 'succeeded'`), {
        timeout: 90_000,
        interval: 200,
      })
      .toBe(RUNS);
    // None lost, none duplicated: exactly one run per delivery, each n once, each with its own output.
    expect(await count(`select count(*) as n from ${runs} where flow_id = 'count'`)).toBe(RUNS);
    const { rows } = await db.query<{ input: string; output: string }>(
      `select input, output from ${runs} where flow_id = 'count'`,
    );
    const ns = rows.map((r) => (JSON.parse(r.input) as { body: { n: number } }).body.n);
    expect(new Set(ns).size).toBe(RUNS);
    for (const [i, row] of rows.entries()) expect(JSON.parse(row.output)).toEqual({ n: ns[i] });
    // No completed step ran again: one succeeded attempt per step of every run.
    const steps = `${schema}.steps`;
    expect(
      await count(
        `select count(*) as n from (select run_id, key from ${steps} where status = 'succeeded' group by run_id, key having count(*) > 1) twice`,
      ),
    ).toBe(0);
    // The trigger and the three steps of each run.
    expect(await count(`select count(*) as n from ${steps} where status = 'succeeded'`)).toBe(RUNS * 4);
    // The killed worker did hold runs, and the others took them over once its leases expired.
    const takeovers = workers.slice(1).map((w) => (logs.get(w.child) ?? '').match(/lease taken over/g)?.length ?? 0);
    expect(takeovers.reduce((a, b) => a + b, 0)).toBeGreaterThan(0);

    // A browser on web A watches the echo flow; its webhook goes to web B, which executes nothing: a worker runs it,
    // B answers with the flow's reply, and A's browser sees the run live.
    const socket = connect(webA.url, { auth: { token: TOKEN }, transports: ['websocket'], reconnection: false });
    try {
      const seen: { type: string; runId: string }[] = [];
      for (const type of ['run.started', 'step.finished', 'run.finished'])
        socket.on(type, (event: { runId: string }) => seen.push({ type, runId: event.runId }));
      expect(await socket.emitWithAck('subscribe', { flowId: 'echo' })).toEqual({ ok: true });
      const reply = await fetch(`${webB!.url}/hooks/echo`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ name: 'Ada' }),
      });
      expect(reply.status).toBe(200);
      expect(await reply.json()).toEqual({ greeting: 'Hello Ada' });
      const runId = reply.headers.get('x-weft-run-id');
      await expect
        .poll(() => seen.filter((e) => e.runId === runId).map((e) => e.type), { timeout: 10_000 })
        .toEqual(expect.arrayContaining(['run.started', 'step.finished', 'run.finished']));
    } finally {
      socket.disconnect();
    }

    // A worker answers its probes only; the web processes serve the API.
    expect((await fetch(`${workers[1]!.url}/readyz`)).status).toBe(200);
    expect(
      (await fetch(`${workers[1]!.url}/api/flows`, { headers: { authorization: `Bearer ${TOKEN}` } })).status,
    ).toBe(404);
    // On SIGTERM every process drains and exits 0.
    const rest = [webA, webB!, ...workers.slice(1)].map((p) => p.child);
    const exits = rest.map((child) => new Promise((resolve) => child.once('exit', resolve)));
    for (const child of rest) child.kill('SIGTERM');
    expect(await Promise.all(exits)).toEqual(rest.map(() => 0));
  }, 240_000);
});

describe('a process that cannot reach its cluster', () => {
  it('exits 74 naming Redis when WEFT_REDIS_URL does not answer', async () => {
    const child = spawnServer(join(tmp, 'no-redis'), join(tmp, 'none'), {
      token: TOKEN,
      args: ['--role', 'worker'],
      env: { ...env, WEFT_REDIS_URL: 'redis://127.0.0.1:1' },
    });
    children.push(child);
    let stderr = '';
    child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const code = await new Promise((resolve) => child.once('exit', resolve));
    expect(code).toBe(74);
    expect(stderr).toMatch(/Cannot reach Redis at redis:\/\/127\.0\.0\.1:1/);
  }, 60_000);
});
