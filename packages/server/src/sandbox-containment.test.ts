// The sandbox seen through the public API: every escape attempt of the corpus, as a code or mapping step of a
// flow run by test-run, fails its run without reaching the server (its globals, prototypes, files), and a
// script that makes V8 lose control of its isolate leaves the server ready and its memory (the sandbox's
// processes included) where it was. WEFT_HEAVY_TESTS=1 runs that payload 20 times instead of 3.
import { ABANDON_PAYLOAD, ESCAPE_PAYLOADS, type EscapePayload } from '@weft/sandbox/escape-corpus';
import { readdirSync, readFileSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestRuntime, waitForRun, type TestRuntime } from './test-support/runtime.js';

const ABANDON_RUNS = process.env.WEFT_HEAVY_TESTS === '1' ? 20 : 3;
const RSS_MARGIN = 150 * 2 ** 20;
const CANARY = 'canary-7f3a9c';

let weft: TestRuntime;
const hostPrototypeKeys = Object.getOwnPropertyNames(Object.prototype).sort();

beforeAll(async () => {
  weft = await startTestRuntime({ sandboxSize: 2 });
  await writeFile(join(weft.dataDir, 'canary.txt'), CANARY);
});
afterAll(() => weft?.close());

function flowOf(payload: Pick<EscapePayload, 'code' | 'template'>): object {
  const step =
    payload.template !== undefined
      ? { id: 'attempt', use: 'transform.map', config: { value: payload.template } }
      : { id: 'attempt', use: 'transform.code', config: { code: payload.code } };
  return {
    schema: 'weft.flow/v1',
    name: 'escape attempt',
    trigger: { id: 'hook', connector: 'webhook@1', trigger: 'event', config: {} },
    steps: [step],
    edges: [{ from: 'hook', to: 'attempt' }],
  };
}

/** Creates the flow and test-runs it; the finished run, or the problem refusing a flow that does not compile. */
async function run(payload: Pick<EscapePayload, 'code' | 'template'>): Promise<Record<string, unknown>> {
  const created = await weft.api('/api/flows', { method: 'POST', json: flowOf(payload) });
  if (created.status === 422) return { status: 'refused', problem: await created.json() };
  expect(created.status).toBe(201);
  const { id } = (await created.json()) as { id: string };
  const started = await weft.api(`/api/flows/${id}/test`, { method: 'POST', json: { input: { secret: 's' } } });
  expect(started.status).toBe(202);
  const { runId } = (await started.json()) as { runId: string };
  return waitForRun(weft, runId, 30_000);
}

function expectHostUntouched(): void {
  expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(hostPrototypeKeys);
  expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  expect((globalThis as Record<string, unknown>).x).toBeUndefined();
}

/** RSS of this process (the server) and of all its descendants (the sandbox's unit processes). */
function serverRss(): number {
  const children = new Map<number, number[]>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const parent = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      children.set(parent, [...(children.get(parent) ?? []), Number(entry)]);
    } catch {
      // gone meanwhile
    }
  }
  let total = process.memoryUsage.rss();
  const open = [...(children.get(process.pid) ?? [])];
  for (let pid = open.pop(); pid !== undefined; pid = open.pop()) {
    try {
      const kb = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
      total += Number(kb ?? 0) * 1024;
    } catch {
      // gone meanwhile
    }
    open.push(...(children.get(pid) ?? []));
  }
  return total;
}

describe('escape corpus through the API', () => {
  it.each(ESCAPE_PAYLOADS)('$name: fails the run and reaches nothing of the server', async (payload) => {
    const finished = await run(payload);
    expect(finished.status).toBe(payload.expect === 'script_syntax' ? 'refused' : 'failed');
    const text = JSON.stringify(finished);
    // A memory hog on a loaded machine may reach the time limit before the memory limit: either stops it.
    const stopped = payload.memory ? [payload.expect, 'script_timeout'] : [payload.expect];
    expect(
      stopped.some((code) => text.includes(code)),
      text,
    ).toBe(true);
    expect(text).not.toMatch(/node:internal|isolated-vm|\/work\/|weft-server-/);
    expect(text).not.toContain(CANARY);
    expectHostUntouched();
  });

  it('still runs ordinary steps afterwards, with no leftover from the attempts', async () => {
    const finished = await run({
      code: 'return { clean: ({}).polluted === undefined && typeof globalThis.x };',
    });
    expect(finished, JSON.stringify(finished)).toMatchObject({ status: 'succeeded' });
    expect(JSON.stringify(finished)).toContain('"clean":"undefined"');
    expect((await fetch(`${weft.url}/readyz`)).status).toBe(200);
  });
});

describe('a script V8 loses control of', () => {
  it(`run ${ABANDON_RUNS} times leaves the server ready and its memory within 150 MB`, async () => {
    expect((await run({ code: 'return 1;' })).status).toBe('succeeded');
    const before = serverRss();
    for (let i = 0; i < ABANDON_RUNS; i++) {
      const finished = await run({ code: ABANDON_PAYLOAD });
      expect(finished.status).toBe('failed');
      expect(JSON.stringify(finished)).toMatch(/script_timeout|script_memory/);
    }
    await expect.poll(async () => (await fetch(`${weft.url}/readyz`)).status, { timeout: 10_000 }).toBe(200);
    expect((await run({ code: 'return 2;' })).status).toBe('succeeded');
    await expect.poll(() => serverRss() - before, { timeout: 10_000 }).toBeLessThan(RSS_MARGIN);
  }, 180_000);

  it('does not keep the server from closing while it runs', async () => {
    const created = await weft.api('/api/flows', { method: 'POST', json: flowOf({ code: ABANDON_PAYLOAD }) });
    const { id } = (await created.json()) as { id: string };
    const started = await weft.api(`/api/flows/${id}/test`, { method: 'POST', json: {} });
    const { runId } = (await started.json()) as { runId: string };
    await expect
      .poll(async () => ((await (await weft.api(`/api/runs/${runId}`)).json()) as { status: string }).status)
      .toBe('running');
    await weft.close();
    expect(serverRss()).toBeLessThan(process.memoryUsage.rss() + 1);
  }, 60_000);
});
