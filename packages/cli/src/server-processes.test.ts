// Several real server processes (the built `weft start`) sharing one database: crash recovery and schedules.
import type { ChildProcess } from 'node:child_process';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore } from '@weft/store';
import { listeningUrl, scratchForBuiltBinary, spawnServer } from './test-support/weft-binary.js';

const TOKEN = 'processes-test-token';
let tmp: string;
const children: ChildProcess[] = [];

async function startServer(
  dataDir: string,
  examples: string,
  extra: string[] = [],
): Promise<{ child: ChildProcess; url: string }> {
  const child = spawnServer(dataDir, examples, { token: TOKEN, args: ['--lease-ms', '1000', ...extra] });
  children.push(child);
  const url = await listeningUrl(child);
  return { child, url };
}

async function flowsDir(name: string, flow: object): Promise<string> {
  const dir = join(tmp, `${name}-examples`);
  await mkdir(join(dir, name), { recursive: true });
  await writeFile(join(dir, name, 'flow.json'), JSON.stringify(flow));
  return dir;
}

/** An examples folder holding the flow `slow`, started by the webhook `hook`, with these steps and edges. */
function slowFlowDir(steps: object[], edges: { from: string; to: string }[]): Promise<string> {
  const trigger = { id: 'hook', connector: 'webhook@1', trigger: 'event' };
  return flowsDir('slow', { schema: 'weft.flow/v1', name: 'slow', trigger, steps, edges });
}

beforeAll(async () => {
  tmp = await scratchForBuiltBinary('weft-procs-');
});
afterAll(async () => {
  for (const child of children) if (child.exitCode === null) child.kill('SIGKILL');
  await rm(tmp, { recursive: true, force: true });
});

describe('server processes', () => {
  it('completes a run accepted with 202 when the server is killed -9 right after and restarted', async () => {
    const dataDir = join(tmp, 'crash');
    const examples = await slowFlowDir(
      [
        { id: 'wait', use: 'delay', config: { ms: 800 } },
        { id: 'done', use: 'transform.map', config: { got: '{{ trigger.body.n }}' } },
      ],
      [
        { from: 'hook', to: 'wait' },
        { from: 'wait', to: 'done' },
      ],
    );
    const first = await startServer(dataDir, examples);
    const response = await fetch(`${first.url}/hooks/slow`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"n": 7}',
    });
    expect(response.status).toBe(202);
    const { runId } = (await response.json()) as { runId: string };
    first.child.kill('SIGKILL');
    await new Promise((r) => first.child.once('exit', r));

    const second = await startServer(dataDir, examples);
    const deadline = Date.now() + 15_000;
    let run: { status: string; output?: unknown } = { status: 'queued' };
    while (Date.now() < deadline && (run.status === 'queued' || run.status === 'running')) {
      await new Promise((r) => setTimeout(r, 100));
      run = (await (
        await fetch(`${second.url}/api/runs/${runId}`, { headers: { authorization: `Bearer ${TOKEN}` } })
      ).json()) as typeof run;
    }
    expect(run).toMatchObject({ status: 'succeeded', output: { got: 7 } });
    second.child.kill('SIGTERM');
    await new Promise((r) => second.child.once('exit', r));
  });

  it('on SIGTERM stops accepting, finishes the runs in flight and exits 0', async () => {
    const dataDir = join(tmp, 'graceful');
    const examples = await slowFlowDir(
      [{ id: 'wait', use: 'delay', config: { ms: 700 } }],
      [{ from: 'hook', to: 'wait' }],
    );
    const server = await startServer(dataDir, examples);
    const response = await fetch(`${server.url}/hooks/slow`, { method: 'POST' });
    const { runId } = (await response.json()) as { runId: string };
    server.child.kill('SIGTERM');
    const code = await new Promise((r) => server.child.once('exit', r));
    expect(code).toBe(0);
    const store = await openStore({ url: join(dataDir, 'weft.db') });
    try {
      expect((await store.runs.get(runId))?.status).toBe('succeeded');
    } finally {
      await store.close();
    }
  });

  it('fires each scheduled time exactly once with two server processes running', async () => {
    const dataDir = join(tmp, 'cron');
    const examples = await flowsDir('tick', {
      schema: 'weft.flow/v1',
      name: 'tick',
      trigger: {
        id: 'clock',
        connector: 'schedule@1',
        trigger: 'cron',
        config: { cron: '* * * * * *', missed: 'skip' },
      },
      steps: [{ id: 'noop', use: 'transform.map', config: { at: '{{ trigger.scheduledAt }}' } }],
      edges: [{ from: 'clock', to: 'noop' }],
    });
    const a = await startServer(dataDir, examples);
    // Example schedules load inactive; switching it on through one process reaches the other through the database.
    const activated = await fetch(`${a.url}/api/flows/tick/activate`, {
      method: 'POST',
      headers: { authorization: `Bearer ${TOKEN}` },
    });
    expect(activated.status).toBe(200);
    const b = await startServer(dataDir, examples);
    await new Promise((r) => setTimeout(r, 3500));
    for (const { child } of [a, b]) child.kill('SIGTERM');
    await Promise.all(
      [a, b].map(({ child }) => new Promise((r) => (child.exitCode === null ? child.once('exit', r) : r(null)))),
    );

    const store = await openStore({ url: join(dataDir, 'weft.db') });
    try {
      const runs = (await store.runs.list({ flowId: 'tick', limit: 500 })).items;
      const times = runs.map((r) => (r.input as { scheduledAt: string }).scheduledAt);
      expect(runs.length).toBeGreaterThanOrEqual(2);
      expect(new Set(times).size).toBe(times.length);
    } finally {
      await store.close();
    }
  });
});
