// `weft flows export|import` and `weft runs replay` through the built binary against running servers: files per
// flow, the plan printed, a dry run that writes nothing, the byte-identical round trip, promotion onto a second
// (empty) server, the exit codes when the server refuses the token or is missing, and a replay with an edited input.
import type { ChildProcess } from 'node:child_process';
import { cp, mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listeningUrl, ROOT, runWeft, scratchForBuiltBinary, spawnServer } from './test-support/weft-binary.js';

const TOKEN = 'flows-command-test-token';
let tmp: string;
const children: ChildProcess[] = [];
const servers: string[] = [];

async function start(name: string, examples: string): Promise<string> {
  const child = spawnServer(join(tmp, name), examples, { token: TOKEN });
  children.push(child);
  return listeningUrl(child);
}

const weft = (args: string[], url: string, token = TOKEN) =>
  runWeft([...args, '--url', url, '--token', token], { cwd: ROOT });

async function readAll(dir: string): Promise<Record<string, string>> {
  const names = (await readdir(dir)).sort();
  return Object.fromEntries(await Promise.all(names.map(async (n) => [n, await readFile(join(dir, n), 'utf8')])));
}

beforeAll(async () => {
  tmp = await scratchForBuiltBinary('weft-flows-cli-');
  const examples = join(tmp, 'examples');
  await mkdir(examples);
  for (const name of ['hello-webhook', 'stripe-failed-payment'])
    await cp(join(ROOT, 'examples', name), join(examples, name), { recursive: true });
  const empty = join(tmp, 'no-examples');
  await mkdir(empty);
  servers.push(await start('a', examples), await start('b', empty));
}, 60_000);
afterAll(async () => {
  for (const child of children) child.kill('SIGTERM');
  await rm(tmp, { recursive: true, force: true });
});

describe('weft flows', () => {
  it('exports one file per flow and imports them back unchanged, byte for byte', async () => {
    const [a] = servers as [string];
    const dir = join(tmp, 'flows');
    const exported = await weft(['flows', 'export', '--dir', dir], a);
    expect(exported.stderr).toBe('');
    expect(exported.code).toBe(0);
    const files = await readAll(dir);
    expect(Object.keys(files)).toEqual(['hello-webhook.json', 'stripe-failed-payment.json']);
    expect(files['hello-webhook.json']).toMatch(
      /^\{\n {2}"format": "weft\.flow-file\/v1",\n {2}"id": "hello-webhook",/,
    );

    const dry = await weft(['flows', 'import', '--dir', dir, '--dry-run'], a);
    expect(dry.code).toBe(0);
    expect(dry.stdout).toContain('plan (dry run, nothing changed):');
    expect(dry.stdout).toMatch(/unchanged\s+hello-webhook/);
    expect(dry.stdout).toContain('"stripe" (stripe): stripe-failed-payment');

    expect((await weft(['flows', 'import', '--dir', dir], a)).code).toBe(0);
    const again = join(tmp, 'flows-again');
    expect((await weft(['flows', 'export', '--dir', again], a)).code).toBe(0);
    expect(await readAll(again)).toEqual(files);
  });

  it('promotes onto a second server: created with the same ids, and the same files exported there', async () => {
    const [a, b] = servers as [string, string];
    const dir = join(tmp, 'promoted');
    expect((await weft(['flows', 'export', '--dir', dir], a)).code).toBe(0);
    const dry = await weft(['flows', 'import', '--dir', dir, '--dry-run'], b);
    expect(dry.stdout).toMatch(/created\s+hello-webhook\s+"Hello webhook", active/);
    expect(dry.stdout).toMatch(/created\s+stripe-failed-payment\s+"Stripe failed payment", inactive/);
    expect(dry.stdout).toContain('credentials missing on this instance');
    const applied = await weft(['flows', 'import', '--dir', dir, '--json'], b);
    expect(JSON.parse(applied.stdout)).toMatchObject({ applied: true });
    const back = join(tmp, 'from-b');
    expect((await weft(['flows', 'export', '--dir', back], b)).code).toBe(0);
    expect(await readAll(back)).toEqual(await readAll(dir));
  });

  it('exits 77 when the server refuses the token, and 74 when there is no server', async () => {
    const [a] = servers as [string];
    const refused = await weft(['flows', 'export', '--dir', join(tmp, 'x')], a, 'wrong-token');
    expect(refused.code).toBe(77);
    expect(refused.stderr).toMatch(/401/);
    const nobody = await weft(['flows', 'export', '--dir', join(tmp, 'y')], 'http://127.0.0.1:9');
    expect(nobody.code).toBe(74);
    expect(nobody.stderr).toMatch(/cannot reach the Weft server/);
  });
});

describe('weft runs replay', () => {
  const api = async <T>(url: string, path: string): Promise<T> => {
    const response = await fetch(`${url}${path}`, { headers: { authorization: `Bearer ${TOKEN}` } });
    return (await response.json()) as T;
  };
  const finished = async (url: string, runId: string) => {
    for (;;) {
      const run = await api<{ status: string; steps: { key: string; output?: unknown }[]; retryOf?: string }>(
        url,
        `/api/runs/${runId}`,
      );
      if (run.status !== 'queued' && run.status !== 'running') return run;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  };

  it('replays a finished run from a step with an edited input and prints the new run', async () => {
    const [a] = servers as [string];
    const hook = await fetch(`${a}/hooks/hello-webhook`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'Ada' }),
    });
    expect(hook.status).toBe(200);
    const { items } = await api<{ items: { id: string; status: string }[] }>(a, '/api/runs?flow=hello-webhook');
    const original = items[0]!.id;
    await finished(a, original);
    const input = join(tmp, 'greet-input.json');
    await writeFile(input, JSON.stringify({ greeting: 'Hi, edited!', length: 3 }));
    const replay = await weft(['runs', 'replay', original, '--from', 'greet', '--input', input, '--json'], a);
    expect(replay.stderr).toBe('');
    const accepted = JSON.parse(replay.stdout) as { runId: string; retryOf: string };
    expect(accepted.retryOf).toBe(original);
    const run = await finished(a, accepted.runId);
    expect(run).toMatchObject({ status: 'succeeded', retryOf: original });
    expect(run.steps.find((s) => s.key === 'shape')!.output).toMatchObject({ message: 'Hi, edited!', letters: 3 });

    const unknown = await weft(['runs', 'replay', original, '--from', 'nope'], a);
    expect(unknown.code).toBe(65);
    expect(unknown.stderr).toMatch(/404.*no step "nope"/);
  });
});
