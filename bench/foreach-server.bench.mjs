// forEach over 100,000 items through the whole server, as a user runs it: a test run of a flow whose code step makes
// the items, a forEach with a small mapping per item, and a sum. Samples the process's RSS every 20 ms and reports
// the peak beside the idle figure (issue 16: the goal is a server peak under 250 MB); writes
// bench/results/foreach-server.json.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { pino } from 'pino';
import { startRuntime } from '@weft/server';

const here = dirname(fileURLToPath(import.meta.url));
const ITEMS = Number(process.env.BENCH_ITEMS ?? 100_000);
const TOKEN = 'bench-token-0123456789';
const dataDir = await mkdtemp(join(tmpdir(), 'weft-foreach-server-'));
const runtime = await startRuntime({
  dataDir,
  port: 0,
  host: '127.0.0.1',
  apiToken: TOKEN,
  logger: pino({ level: 'silent' }),
});
const url = runtime.url.replace('localhost', '127.0.0.1');
const api = async (path, init = {}) => {
  const response = await globalThis.fetch(`${url}${path}`, {
    ...init,
    headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' },
  });
  return response.json();
};

globalThis.gc?.();
await new Promise((r) => setTimeout(r, 200));
const idleRss = process.memoryUsage().rss;
let peakRss = idleRss;
let peakHeap = 0;
const sampler = setInterval(() => {
  const usage = process.memoryUsage();
  peakRss = Math.max(peakRss, usage.rss);
  peakHeap = Math.max(peakHeap, usage.heapUsed);
}, 20);

const flow = await api('/api/flows', {
  method: 'POST',
  body: JSON.stringify({
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
  }),
});
const start = performance.now();
const { runId } = await api(`/api/flows/${flow.id}/test`, { method: 'POST', body: JSON.stringify({ input: {} }) });
let run;
for (;;) {
  // The run's detail is paged (its first 200 steps), so polling it stays cheap even for 100,000 steps.
  run = await api(`/api/runs/${runId}`);
  if (run.status !== 'queued' && run.status !== 'running') break;
  await new Promise((r) => setTimeout(r, 100));
}
const ms = performance.now() - start;
clearInterval(sampler);

const result = {
  benchmark: 'forEach over items through the server: code step makes the items, a mapping per item, a sum',
  date: new Date().toISOString(),
  node: process.version,
  items: ITEMS,
  status: run.status,
  output: run.output,
  error: run.error,
  wallMs: Math.round(ms),
  idleRssMb: Math.round(idleRss / 1e6),
  peakRssMb: Math.round(peakRss / 1e6),
  peakHeapUsedMb: Math.round(peakHeap / 1e6),
};
console.log(JSON.stringify(result, null, 2));
await writeFile(join(here, 'results', 'foreach-server.json'), JSON.stringify(result, null, 2) + '\n');
await runtime.close();
await rm(dataDir, { recursive: true, force: true });
