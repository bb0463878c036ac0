// forEach over 100,000 items through the whole server, as shipped and as a user runs it: the built `weft start` in
// its own process (its defaults: the semi-space cap, WEFT_RUN_MEMORY_BUDGET_MB), a webhook flow whose code step
// makes the items, a forEach with a small mapping per item, and a sum. Samples the server process's RSS every
// 50 ms (/proc/<pid>/status; the kernel's high-water mark VmHWM too) and reports the peak beside the idle figure
// and the wall time (issue 16: the goal is a server peak under 250 MB); writes bench/results/foreach-server.json.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const BIN = join(here, '../packages/cli/dist/bin.js');
const ITEMS = Number(process.env.BENCH_ITEMS ?? 100_000);
const TOKEN = 'bench-token-0123456789';
const dir = await mkdtemp(join(tmpdir(), 'weft-foreach-server-'));
await mkdir(join(dir, 'examples'));
const args = ['start', '--port', '0', '--host', '127.0.0.1', '--data-dir', join(dir, 'data')];
const child = spawn(process.execPath, [BIN, ...args, '--examples', join(dir, 'examples')], {
  env: { ...process.env, WEFT_API_TOKEN: TOKEN, WEFT_LOG_LEVEL: 'warn' },
  stdio: ['ignore', 'ignore', 'pipe'],
});
const url = await new Promise((resolve, reject) => {
  let stderr = '';
  child.stderr.on('data', (chunk) => {
    stderr += chunk;
    const match = /running at (http:\/\/localhost:\d+)/.exec(stderr);
    if (match) resolve(match[1].replace('localhost', '127.0.0.1'));
  });
  child.once('exit', (code) => reject(new Error(`server exited with ${code}: ${stderr}`)));
});
const api = async (path, body) => {
  const response = await globalThis.fetch(`${url}${path}`, {
    method: body === undefined ? 'GET' : 'POST',
    headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return response.json();
};
const proc = existsSync(`/proc/${child.pid}/status`);
/** VmRSS and VmHWM of the server process, in bytes (0 without /proc). */
const memory = async () => {
  if (!proc) return { rss: 0, hwm: 0 };
  const status = await readFile(`/proc/${child.pid}/status`, 'utf8');
  const field = (name) => Number(new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? 0) * 1024;
  return { rss: field('VmRSS'), hwm: field('VmHWM') };
};

const flow = await api('/api/flows', {
  schema: 'weft.flow/v1',
  name: 'foreach server bench',
  trigger: { id: 't', connector: 'webhook@1', trigger: 'event' },
  steps: [
    {
      id: 'items',
      use: 'transform.code',
      config: {
        code: `return Array.from({ length: ${ITEMS} }, (_, i) => ({ id: i, price: (i % 97) + 0.5, qty: (i % 7) + 1 }));`,
      },
    },
    { id: 'loop', use: 'forEach', config: { items: '{{ steps.items }}', concurrency: 16 } },
    { id: 'line', use: 'transform.map', config: { id: '{{ item.id }}', total: '{{ item.price * item.qty }}' } },
    { id: 'sum', use: 'transform.code', config: { code: 'return steps.loop.length' } },
  ],
  edges: [
    { from: 't', to: 'items' },
    { from: 'items', to: 'loop' },
    { from: 'loop', to: 'line', port: 'each' },
    { from: 'loop', to: 'sum', port: 'done' },
  ],
});
await api(`/api/flows/${flow.id}/publish`, {});
await api(`/api/flows/${flow.id}/activate`, {});
await new Promise((r) => setTimeout(r, 1000));
const idle = await memory();
let peakRss = idle.rss;
const sampler = setInterval(() => {
  memory().then(
    (m) => (peakRss = Math.max(peakRss, m.rss)),
    () => undefined,
  );
}, 50);
const loadBefore = loadavg().map((n) => Number(n.toFixed(2)));
const start = performance.now();
const hook = await globalThis.fetch(`${url}/hooks/${flow.id}`, { method: 'POST', body: '{}' });
const { runId } = await hook.json();
let run;
for (;;) {
  // The run's detail is paged (its first 200 steps), so polling it stays cheap even for 100,000 steps.
  run = await api(`/api/runs/${runId}`);
  if (run.status !== 'queued' && run.status !== 'running') break;
  await new Promise((r) => setTimeout(r, 100));
}
const ms = performance.now() - start;
clearInterval(sampler);
const after = await memory();

const result = {
  benchmark:
    'forEach over items through the built server (own process): code step makes the items, a mapping per item, a sum',
  date: new Date().toISOString(),
  node: process.version,
  items: ITEMS,
  status: run.status,
  output: run.output,
  error: run.error,
  wallMs: Math.round(ms),
  idleRssMb: Math.round(idle.rss / 1e6),
  peakRssMb: Math.round(Math.max(peakRss, after.hwm) / 1e6),
  peakRssSampledMb: Math.round(peakRss / 1e6),
  loadBefore,
  loadAfter: loadavg().map((n) => Number(n.toFixed(2))),
};
console.log(JSON.stringify(result, null, 2));
await writeFile(join(here, 'results', 'foreach-server.json'), JSON.stringify(result, null, 2) + '\n');
child.kill('SIGKILL');
await rm(dir, { recursive: true, force: true });
