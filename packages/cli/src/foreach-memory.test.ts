// Issue 16: a 100,000-item forEach with a small mapping runs through the real server (the built `weft start`, as
// shipped) with its resident memory under 250 MB. The server's peak is the kernel's high-water mark (VmHWM) of
// its process, checked against samples taken every 50 ms. Slow (a minute or more on a busy machine): it runs with
// WEFT_HEAVY_TESTS=1, as CI does. Linux only (it reads /proc).
import type { ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, expect, test } from 'vitest';
import { listeningUrl, scratchForBuiltBinary, spawnServer } from './test-support/weft-binary.js';

const HEAVY = process.env.WEFT_HEAVY_TESTS === '1' && existsSync('/proc/self/status');
const ITEMS = 100_000;
/**
 * The target is 250 MB, which the bench measures on a quiet machine (`foreach-server.bench.mjs`: 238–243 MB).
 * Here the server shares 2 cores with the rest of the suite, V8's concurrent GC lags, and the same run peaked at
 * 229–256 MB; 280 MB keeps this test red for the unpaged loop (325–330 MB) without making CI flaky.
 */
const PEAK_LIMIT_MB = 280;
const TOKEN = 'foreach-memory-token';

let tmp: string | undefined;
let child: ChildProcess | undefined;
afterAll(async () => {
  if (child?.exitCode === null) child.kill('SIGKILL');
  if (tmp) await rm(tmp, { recursive: true, force: true });
});

/** VmRSS and VmHWM of a process, in MB (10^6 bytes, as the benches report). */
async function memoryOf(pid: number): Promise<{ rss: number; hwm: number }> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  const field = (name: string) =>
    (Number(new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN) * 1024) / 1e6;
  return { rss: field('VmRSS'), hwm: field('VmHWM') };
}

test.skipIf(!HEAVY)(
  `a ${ITEMS}-item forEach keeps the server under ${PEAK_LIMIT_MB} MB resident (250 MB on a quiet machine)`,
  async () => {
    tmp = await scratchForBuiltBinary('weft-foreach-memory-');
    await mkdir(join(tmp, 'examples'));
    child = spawnServer(join(tmp, 'data'), join(tmp, 'examples'), { token: TOKEN });
    const url = await listeningUrl(child);
    const pid = child.pid!;
    const api = async (path: string, body?: unknown) => {
      const response = await fetch(`${url}${path}`, {
        method: body === undefined ? 'GET' : 'POST',
        headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
      return (await response.json()) as Record<string, unknown>;
    };
    const flow = await api('/api/flows', {
      schema: 'weft.flow/v1',
      name: 'big loop',
      trigger: { id: 'hook', connector: 'webhook@1', trigger: 'event' },
      steps: [
        { id: 'loop', use: 'forEach', config: { items: '{{ trigger.body.items }}', concurrency: 16 } },
        { id: 'line', use: 'transform.map', config: { id: '{{ item }}', total: '{{ item * 2 }}' } },
        { id: 'sum', use: 'transform.code', config: { code: 'return steps.loop.reduce((s, r) => s + r.total, 0);' } },
      ],
      edges: [
        { from: 'hook', to: 'loop' },
        { from: 'loop', to: 'line', port: 'each' },
        { from: 'loop', to: 'sum', port: 'done' },
      ],
    });
    await api(`/api/flows/${String(flow.id)}/publish`, {});
    await api(`/api/flows/${String(flow.id)}/activate`, {});

    let sampled = 0;
    const sampler = setInterval(() => {
      memoryOf(pid).then(
        (m) => (sampled = Math.max(sampled, m.rss)),
        () => undefined,
      );
    }, 50);
    try {
      const items = Array.from({ length: ITEMS }, (_, i) => i);
      const hook = await fetch(`${url}/hooks/${String(flow.id)}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ items }),
      });
      expect(hook.status).toBe(202);
      const { runId } = (await hook.json()) as { runId: string };
      // Polled through the run list, every 2 s: each answer carries the run's input (the 100,000 items), and
      // answering it often would measure the polling.
      for (;;) {
        const list = (await api(`/api/runs?flow=${String(flow.id)}&limit=1`)) as { items: { status: string }[] };
        const status = list.items[0]?.status;
        if (status !== undefined && status !== 'queued' && status !== 'running') break;
        await new Promise((r) => setTimeout(r, 2000));
      }
      const run = await api(`/api/runs/${runId}`);
      expect(run).toMatchObject({ status: 'succeeded', output: ITEMS * (ITEMS - 1) });
    } finally {
      clearInterval(sampler);
    }
    const { hwm } = await memoryOf(pid);
    console.info(`foreach memory: ${ITEMS} items, server peak ${hwm.toFixed(0)} MB (sampled ${sampled.toFixed(0)} MB)`);
    expect(sampled).toBeGreaterThan(0);
    expect(hwm).toBeGreaterThanOrEqual(sampled - 1);
    expect(hwm).toBeLessThan(PEAK_LIMIT_MB);
  },
  900_000,
);
