// Sandbox costs: a warm small mapping (mean and p99 per call, against the same function run natively), the
// peers bench's mapping with a real webhook input in scope against the raw isolated-vm floor for it (the
// Performance issue's target), the
// pooled path for the same mapping and for a code step, throughput of 10,000 mappings on a 2-isolate pool,
// memory per idle isolate (the unit process that holds the pooled isolates included), isolate start-up
// (the unit process's own start included), and what a fresh context per evaluation would cost instead of
// the locked-down context reuse, and the raw isolated-vm floor for the same mapping (see rawIsolatedVmFloor).
// Run after `tsc -b`; prints JSON and writes bench/results/sandbox.json.
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { availableParallelism, cpus, loadavg } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import { createSandbox } from '../packages/sandbox/dist/index.js';
import { setupSource } from '../packages/sandbox/dist/isolate/setup-source.js';

const here = dirname(fileURLToPath(import.meta.url));
const ivm = createRequire(join(here, '../packages/sandbox/package.json'))('isolated-vm');
const WARMUP = 2_000;
const CALLS = Number(process.env.BENCH_CALLS ?? 20_000);
const scope = { trigger: { a: 1, b: 2 }, steps: {} };
const round = (n, digits = 2) => Number(n.toFixed(digits));

function stats(samplesNs) {
  const sorted = Float64Array.from(samplesNs).sort();
  const mean = sorted.reduce((sum, n) => sum + n, 0) / sorted.length;
  const at = (q) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
  return { meanUs: round(mean / 1e3), p50Us: round(at(0.5) / 1e3), p99Us: round(at(0.99) / 1e3) };
}

async function timeCalls(call, calls = CALLS) {
  for (let i = 0; i < WARMUP; i++) await call(i);
  const samples = [];
  for (let i = 0; i < calls; i++) {
    const start = process.hrtime.bigint();
    await call(i);
    samples.push(Number(process.hrtime.bigint() - start));
  }
  return stats(samples);
}

function timeNative(fn, calls = CALLS * 50) {
  for (let i = 0; i < WARMUP * 10; i++) fn(scope.trigger, scope.steps);
  let sink = 0;
  const start = process.hrtime.bigint();
  for (let i = 0; i < calls; i++) sink += fn({ a: i, b: 2 }, scope.steps);
  const meanNs = Number(process.hrtime.bigint() - start) / calls;
  if (sink === -1) console.log(sink);
  return { meanUs: round(meanNs / 1e3, 4) };
}

async function throughput(sandbox, template, count = 10_000) {
  const start = performance.now();
  const results = await Promise.all(
    Array.from({ length: count }, (_, i) =>
      sandbox.render(template, { trigger: { a: i, b: 2, items: [{ id: i }] }, steps: {} }),
    ),
  );
  const ms = performance.now() - start;
  if (results.length !== count) throw new Error('lost evaluations');
  return { mappings: count, ms: round(ms, 1), perSecond: Math.round((count / ms) * 1000) };
}

function gc() {
  if (globalThis.gc) for (let i = 0; i < 3; i++) globalThis.gc();
}

/** RSS of the sandbox's unit processes (Linux), which hold the pooled isolates. */
function unitRss(sandbox) {
  let total = 0;
  for (const pid of sandbox.processIds()) {
    const kb = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
    total += Number(kb ?? 0) * 1024;
  }
  return total;
}

/** One unit with a single isolate, then one with `count`: the difference per extra isolate, host included. */
async function memoryPerIdleIsolate(count = 8) {
  const one = createSandbox({ size: 1 });
  await one.warm();
  const unitBaseRss = unitRss(one);
  one.dispose();
  gc();
  const before = process.memoryUsage().rss;
  const sandbox = createSandbox({ size: count });
  const start = performance.now();
  await sandbox.warm();
  const startupMs = (performance.now() - start) / count;
  gc();
  const rssDelta = process.memoryUsage().rss - before + unitRss(sandbox) - unitBaseRss;
  const heap = await sandbox.heapUsed();
  sandbox.dispose();
  return {
    isolates: count,
    unitProcessRssMb: round(unitBaseRss / 2 ** 20),
    rssMbPerIsolate: round(rssDelta / (count - 1) / 2 ** 20),
    v8HeapUsedMbPerIsolate: round(heap.usedBytes / heap.isolates / 2 ** 20),
    v8HeapTotalMbPerIsolate: round(heap.totalBytes / heap.isolates / 2 ** 20),
    startupMsPerIsolate: round(startupMs),
  };
}

/** The alternative to context reuse: a new context with the standard library per evaluation. */
function freshContextPerEvaluation(calls = 100) {
  const isolate = new ivm.Isolate({ memoryLimit: 64 });
  const source = setupSource({ maxElements: 4 * 1024 * 1024, logMaxEntries: 100, logMaxChars: 10_000, cacheSize: 500 });
  const body = '"use strict"; return [\n(trigger.a + trigger.b\n)];';
  const samples = [];
  for (let i = 0; i < calls + 10; i++) {
    const start = process.hrtime.bigint();
    const context = isolate.createContextSync();
    const api = context.evalSync(source, { reference: true });
    const run = api.getSync('run', { reference: true });
    run.applySync(undefined, ['h', 'e', body, JSON.stringify(scope), Date.now(), 1], { timeout: 1000 });
    context.release();
    if (i >= 10) samples.push(Number(process.hrtime.bigint() - start));
  }
  isolate.dispose();
  const result = stats(samples);
  return { meanMs: round(result.meanUs / 1e3), p99Ms: round(result.p99Us / 1e3) };
}

/**
 * The least any isolated-vm evaluation of the mapping costs: one isolate and context, the function compiled
 * once, and per call only what is unavoidable — the scope in and the result out as JSON strings, and a time
 * limit (an untrusted script needs one). No lockdown, no standard library, no result checks.
 */
function rawIsolatedVmFloor() {
  const isolate = new ivm.Isolate({ memoryLimit: 64 });
  const context = isolate.createContextSync();
  const fn = context.evalSync(
    '(function (scopeJson) { const s = JSON.parse(scopeJson); return JSON.stringify([s.trigger.a + s.trigger.b]); })',
    { reference: true },
  );
  const call = async (i) =>
    JSON.parse(fn.applySync(undefined, [JSON.stringify({ trigger: { a: i, b: 2 }, steps: {} })], { timeout: 50 }))[0];
  return { call, dispose: () => isolate.dispose() };
}

/**
 * The floor for a whole template: the mapping as one plain function, the scope in and the result out as JSON
 * strings, under a time limit, nothing else.
 */
function rawTemplateFloor(fnSource, scopeFor) {
  const isolate = new ivm.Isolate({ memoryLimit: 64 });
  const context = isolate.createContextSync();
  const fn = context.evalSync(
    `(function (scopeJson) { const s = JSON.parse(scopeJson); const f = ${fnSource}; return JSON.stringify(f(s.trigger, s.steps)); })`,
    { reference: true },
  );
  const call = async (i) => JSON.parse(fn.applySync(undefined, [JSON.stringify(scopeFor(i))], { timeout: 50 }));
  return { call, dispose: () => isolate.dispose() };
}

/**
 * What a webhook trigger really puts in scope (routes/hooks.ts): method, path, the request's headers as a
 * client and a proxy send them, the query, and the parsed JSON body; here the peers bench's body.
 */
function webhookScope(i) {
  return {
    trigger: {
      method: 'POST',
      path: '/',
      headers: {
        host: '127.0.0.1:3000',
        'user-agent': 'Stripe/1.0 (+https://stripe.com/docs/webhooks)',
        accept: '*/*; q=0.5, application/json',
        'accept-encoding': 'gzip',
        'content-type': 'application/json; charset=utf-8',
        'content-length': '27',
        'x-forwarded-for': '203.0.113.7',
        'x-forwarded-proto': 'https',
        'x-request-id': `5f0c2a7e-9d1b-4c3a-8e6f-${String(i).padStart(12, '0')}`,
        'cache-control': 'no-cache',
        connection: 'keep-alive',
      },
      query: {},
      body: { name: 'Ada', n: i },
    },
    steps: {},
  };
}
const webhookTemplate = { greeting: 'Hello {{ trigger.body.name }}', double: '{{ trigger.body.n * 2 }}' };
const webhookFunction = '(trigger) => ({ greeting: "Hello " + trigger.body.name, double: trigger.body.n * 2 })';

const expression = '{{ trigger.a + trigger.b }}';
const native = new Function('trigger', 'steps', 'item', 'index', '"use strict"; return (trigger.a + trigger.b);');

const loadBefore = loadavg().map((n) => Number(n.toFixed(2)));
const fast = createSandbox({ size: 2 });
const warmFast = await timeCalls((i) => fast.render(expression, { trigger: { a: i, b: 2 }, steps: {} }));
const nativeCall = timeNative(native);
const floor = rawIsolatedVmFloor();
const rawFloor = await timeCalls(floor.call);
floor.dispose();
// The same function with the copies the sandbox makes: scope to JSON and back, result to JSON and back.
const nativeCopied = timeNative((trigger, steps) => {
  const copy = JSON.parse(JSON.stringify({ trigger, steps }));
  return JSON.parse(JSON.stringify([native(copy.trigger, copy.steps)]))[0];
}, CALLS * 5);

// The target's measurement: the peers bench's mapping with a real webhook input in scope, against its floor.
const warmWebhook = await timeCalls((i) => fast.render(webhookTemplate, webhookScope(i)));
const webhookFloor = rawTemplateFloor(webhookFunction, webhookScope);
const webhookFloorCall = await timeCalls(webhookFloor.call);
webhookFloor.dispose();

const pooled = createSandbox({ size: 2, syncFastPath: false });
const warmPooled = await timeCalls((i) => pooled.render(expression, { trigger: { a: i, b: 2 }, steps: {} }), 5_000);
const warmCode = await timeCalls(
  (i) => pooled.runCode('return trigger.a + trigger.b', { trigger: { a: i, b: 2 }, steps: {} }),
  5_000,
);

const twoCores = createSandbox({ size: 2 });
await twoCores.warm();
const throughputFast = await throughput(twoCores, { sum: expression, greeting: 'Hello {{ trigger.a }}' });
const throughputPooled = await throughput(twoCores, { ids: '{{ trigger.items.map((i) => i.id) }}', sum: expression });

const result = {
  benchmark: 'sandbox',
  at: new Date().toISOString(),
  node: process.version,
  cpus: availableParallelism(),
  cpuModel: cpus()[0]?.model,
  warmExpression: {
    template: expression,
    fastPath: {
      ...warmFast,
      nativeMeanUs: nativeCall.meanUs,
      ratioToNative: Math.round(warmFast.meanUs / nativeCall.meanUs),
      nativeWithJsonCopiesMeanUs: nativeCopied.meanUs,
      ratioToNativeWithJsonCopies: round(warmFast.meanUs / nativeCopied.meanUs, 1),
      rawIsolatedVmFloor: rawFloor,
      ratioToRawIsolatedVmFloor: round(warmFast.meanUs / rawFloor.meanUs, 2),
    },
    pooled: warmPooled,
  },
  webhookMapping: {
    template: webhookTemplate,
    scope: 'a webhook trigger: method, path, 11 headers, query, JSON body {name, n}',
    fastPath: warmWebhook,
    rawIsolatedVmFloor: webhookFloorCall,
    ratioToRawIsolatedVmFloor: round(warmWebhook.meanUs / webhookFloorCall.meanUs, 2),
  },
  warmCodeStep: { code: 'return trigger.a + trigger.b', pooled: warmCode },
  throughput10kOn2Isolates: { fastPath: throughputFast, pooled: throughputPooled },
  idleIsolate: await memoryPerIdleIsolate(),
  freshContextPerEvaluation: freshContextPerEvaluation(),
  stats: twoCores.stats(),
  // The machine may be shared: load averages (1/5/15 min) around the measurements.
  loadBefore,
  loadAfter: loadavg().map((n) => Number(n.toFixed(2))),
};
fast.dispose();
pooled.dispose();
twoCores.dispose();

const json = JSON.stringify(result, null, 2);
console.log(json);
await mkdir(join(here, 'results'), { recursive: true });
await writeFile(join(here, 'results', 'sandbox.json'), `${json}\n`);
