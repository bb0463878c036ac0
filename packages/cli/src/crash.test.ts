// The Crash suite: a real server process (the built `weft start`) is killed with SIGKILL while it has well over
// 200 acknowledged webhook runs, each of which POSTs to a loopback API. After a restart every acknowledged run
// completes exactly once, a POST sent again carries the idempotency key of its first send, and the steps that
// were in flight are recorded as resumed (attempt 2) — with the takeover in the server log.
import type { ChildProcess } from 'node:child_process';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { listeningUrl, scratchForBuiltBinary, spawnServer } from './test-support/weft-binary.js';

const TOKEN = 'crash-test-token';
const RUNS = 250;

let tmp: string;
const children: ChildProcess[] = [];
let api: Server;

/**
 * The loopback API records every POST. Before the kill it answers the first 40 after a short while and then
 * holds every answer, so that the kill always finds POSTs in flight; afterwards it answers at once.
 */
interface Received {
  n: number;
  key: string | undefined;
}
const received: Received[] = [];
const ANSWERED_BEFORE_KILL = 40;
let killed = false;
const held: (() => void)[] = [];

beforeAll(async () => {
  tmp = await scratchForBuiltBinary('weft-crash-');
  api = createServer((request: IncomingMessage, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const body = JSON.parse(Buffer.concat(chunks).toString() || '{}') as { n?: unknown };
      received.push({ n: Number(body.n), key: request.headers['idempotency-key'] as string | undefined });
      const answer = () => response.writeHead(201, { 'content-type': 'application/json' }).end('{"ok":true}');
      if (killed) return answer();
      if (received.length <= ANSWERED_BEFORE_KILL) setTimeout(answer, 20);
      else held.push(answer);
    });
  });
  await new Promise<void>((resolve) => api.listen(0, '127.0.0.1', resolve));
});

afterAll(async () => {
  for (const child of children) if (child.exitCode === null) child.kill('SIGKILL');
  api.closeAllConnections();
  await new Promise((resolve) => api.close(resolve));
  await rm(tmp, { recursive: true, force: true });
});

interface ServerProcess {
  child: ChildProcess;
  url: string;
  /** pino's JSON lines so far. */
  logs: Record<string, unknown>[];
}

async function startServer(dataDir: string, examples: string): Promise<ServerProcess> {
  const child = spawnServer(dataDir, examples, {
    token: TOKEN,
    env: {
      WEFT_LEASE_MS: '1000',
      WEFT_CONCURRENCY: '8',
      // The 250 deliveries arrive at once while the API holds its answers: the process must absorb the burst.
      WEFT_MIN_BACKLOG: '300',
      // The loopback API is reachable only because this test allows it.
      WEFT_OUTBOUND_ALLOW: '127.0.0.1',
    },
  });
  children.push(child);
  const logs: Record<string, unknown>[] = [];
  let stdout = '';
  child.stdout!.on('data', (chunk: Buffer) => {
    stdout += chunk.toString();
    const lines = stdout.split('\n');
    stdout = lines.pop()!;
    for (const line of lines) if (line.startsWith('{')) logs.push(JSON.parse(line) as Record<string, unknown>);
  });
  const url = await listeningUrl(child);
  return { child, url, logs };
}

const authorized = { authorization: `Bearer ${TOKEN}` };

async function until(condition: () => Promise<boolean> | boolean, what: string, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

interface RunSummary {
  id: string;
  status: string;
}

async function listRuns(url: string): Promise<RunSummary[]> {
  const response = await fetch(`${url}/api/runs?flowId=crash&limit=500`, { headers: authorized });
  return ((await response.json()) as { items: RunSummary[] }).items;
}

test('SIGKILL with 250 acknowledged runs: each completes once, re-sent POSTs keep their key, resumes recorded', async () => {
  const dataDir = join(tmp, 'data');
  const examples = join(tmp, 'examples');
  await mkdir(join(examples, 'crash'), { recursive: true });
  const { port } = api.address() as AddressInfo;
  await writeFile(
    join(examples, 'crash', 'flow.json'),
    JSON.stringify({
      schema: 'weft.flow/v1',
      name: 'crash',
      trigger: { id: 'hook', connector: 'webhook@1', trigger: 'event' },
      steps: [
        {
          id: 'send',
          use: 'http@1.request',
          config: { method: 'POST', url: `http://127.0.0.1:${port}/charge`, json: { n: '{{ trigger.body.n }}' } },
        },
      ],
      edges: [{ from: 'hook', to: 'send' }],
    }),
  );

  const first = await startServer(dataDir, examples);
  const runIdOf = new Map<number, string>();
  let next = 0;
  const sender = async () => {
    while (next < RUNS) {
      const n = next++;
      const response = await fetch(`${first.url}/hooks/crash`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ n }),
      });
      expect(response.status).toBe(202);
      runIdOf.set(n, ((await response.json()) as { runId: string }).runId);
    }
  };
  await Promise.all(Array.from({ length: 16 }, sender));
  expect(runIdOf.size).toBe(RUNS);
  // Kill while POSTs are in flight, so that some steps are interrupted mid-request.
  await until(() => held.length > 0, 'a POST in flight');
  first.child.kill('SIGKILL');
  await new Promise((r) => first.child.once('exit', r));
  killed = true;
  const sentBeforeKill = received.length;
  const inFlightAtKill = held.length;
  // No more runs execute at once than the server's concurrency, so no more are interrupted.
  expect(inFlightAtKill).toBeLessThanOrEqual(8);
  held.splice(0).forEach((answer) => answer());

  const second = await startServer(dataDir, examples);
  await until(async () => {
    const runs = await listRuns(second.url);
    return runs.length >= RUNS && runs.every((r) => r.status !== 'queued' && r.status !== 'running');
  }, 'every run to finish');

  const runs = await listRuns(second.url);
  expect(runs).toHaveLength(RUNS);
  expect(new Set(runs.map((r) => r.id))).toEqual(new Set(runIdOf.values()));
  expect(runs.filter((r) => r.status !== 'succeeded')).toEqual([]);

  // Every send carries its run's key: a re-sent POST has the same key as its first send.
  const sends = new Map<number, string[]>();
  for (const { n, key } of received) sends.set(n, [...(sends.get(n) ?? []), key ?? '(none)']);
  expect(sends.size).toBe(RUNS);
  for (const [n, keys] of sends) expect(new Set(keys)).toEqual(new Set([`${runIdOf.get(n)}:send`]));
  const resent = [...sends].filter(([, keys]) => keys.length > 1).map(([n]) => n);
  expect(resent.length).toBeGreaterThan(0);

  // The steps sent again were resumed: attempt 2, marked as such in the run record.
  for (const n of resent) {
    const detail = (await (
      await fetch(`${second.url}/api/runs/${runIdOf.get(n)}`, { headers: authorized })
    ).json()) as {
      steps: { key: string; attempt: number; resumed?: boolean }[];
    };
    expect(detail.steps.find((s) => s.key === 'send')).toMatchObject({ attempt: 2, resumed: true });
  }
  // The operator can see the recovery: leases taken over, with the flow id.
  const takeovers = second.logs.filter((l) => l.msg === 'lease taken over: resuming a run whose worker stopped');
  expect(takeovers.length).toBeGreaterThanOrEqual(resent.length);
  expect(takeovers.every((l) => l.flowId === 'crash' && typeof l.runId === 'string')).toBe(true);

  console.info(
    `crash suite: ${RUNS} acknowledged, ${sentBeforeKill} POSTs before the kill, ${received.length} in all, ` +
      `${inFlightAtKill} in flight at the kill, ${resent.length} re-sent (same key each time), ` +
      `${takeovers.length} leases taken over`,
  );
  second.child.kill('SIGTERM');
  await new Promise((r) => second.child.once('exit', r));
}, 90_000);
