// forEach over 100,000 items: a sandboxed mapping per item, every iteration journaled in SQLite, through the
// engine as the server runs it. Reports wall time, items/s and peak RSS (target: under 300 MB); writes
// bench/results/foreach.json. The baseline is the same loop as plain JavaScript over the same items.
import { executeFlow } from '@weft/core';
import { createSandbox } from '@weft/sandbox';
import { openStore } from '@weft/store';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const ITEMS = Number(process.env.BENCH_ITEMS ?? 100_000);
const items = Array.from({ length: ITEMS }, (_, i) => ({ id: i, price: (i % 97) + 0.5, qty: (i % 7) + 1 }));

let peakRss = 0;
const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 50);

const nativeStart = performance.now();
const native = items.map((item) => ({ id: item.id, total: item.price * item.qty }));
const nativeMs = performance.now() - nativeStart;

const dir = await mkdtemp(join(tmpdir(), 'weft-foreach-'));
const store = await openStore({ url: join(dir, 'weft.db') });
const sandbox = createSandbox({ size: 2 });
const flow = {
  schema: 'weft.flow/v1',
  name: 'foreach bench',
  trigger: { id: 't', connector: 'manual@1', trigger: 'run' },
  steps: [
    { id: 'loop', use: 'forEach', config: { items: '{{ trigger.items }}', concurrency: 16 } },
    { id: 'line', use: 'transform.map', config: { id: '{{ item.id }}', total: '{{ item.price * item.qty }}' } },
    { id: 'sum', use: 'transform.code', config: { code: 'return steps.loop.length' } },
  ],
  edges: [
    { from: 't', to: 'loop' },
    { from: 'loop', to: 'line', port: 'each' },
    { from: 'loop', to: 'sum', port: 'done' },
  ],
};
const record = await store.flows.create({ definition: flow });
const run = await store.runs.create({ flowId: record.id, triggerKind: 'manual', input: { items } });
globalThis.gc?.();
const baseRss = process.memoryUsage().rss;
const loadBefore = loadavg().map((n) => Number(n.toFixed(2)));
const start = performance.now();
const outcome = await executeFlow({ flow, runId: run.id, input: { items }, sandbox, journal: store.journal });
const ms = performance.now() - start;
const loadAfter = loadavg().map((n) => Number(n.toFixed(2)));
clearInterval(sampler);
const stepsWritten = (await store.journal.loadSteps(run.id)).length;

const result = {
  benchmark: 'forEach over items: sandboxed map per item, journaled in SQLite',
  date: new Date().toISOString(),
  node: process.version,
  items: ITEMS,
  status: outcome.status,
  output: outcome.output,
  wallMs: Math.round(ms),
  itemsPerSecond: Math.round(ITEMS / (ms / 1000)),
  stepsJournaled: stepsWritten,
  peakRssMb: Math.round(peakRss / 1e6),
  rssBeforeRunMb: Math.round(baseRss / 1e6),
  nativeLoopMs: Number(nativeMs.toFixed(1)),
  nativeCheck: native.length,
  // The machine may be shared: load averages (1/5/15 min) around the measured run.
  loadBefore,
  loadAfter,
};
console.log(JSON.stringify(result, null, 2));
await writeFile(join(here, 'results', 'foreach.json'), JSON.stringify(result, null, 2) + '\n');
sandbox.dispose();
await store.close();
await rm(dir, { recursive: true, force: true });
