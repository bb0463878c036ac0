// Webhook throughput: Weft (webhook -> one sandboxed mapping -> respond, run and steps persisted in SQLite)
// beside a bare Koa handler returning the same JSON, measured in the same run. Reports req/s, p50 and p99
// latency and the ratio; writes bench/results/webhook.json.
import { execFile } from 'node:child_process';
import { createRequire } from 'node:module';
import Koa from 'koa';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import { cpus, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { pino } from 'pino';
import { startRuntime } from '@weft/server';

const here = dirname(fileURLToPath(import.meta.url));
const DURATION = Number(process.env.BENCH_SECONDS ?? 10);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 32);
// BENCH_ONLY_WEFT=1 skips the baseline (for profiling Weft alone); its ratio is then meaningless.
const ONLY_WEFT = Boolean(process.env.BENCH_ONLY_WEFT);
const body = JSON.stringify({ name: 'Ada', amount: 42 });

// The load generator runs in its own process so that it does not compete with the server's event loop.
const autocannonBin = join(dirname(createRequire(import.meta.url).resolve('autocannon/package.json')), 'autocannon.js');
function load(url, extra = ['-d', String(DURATION)]) {
  return new Promise((resolve, reject) => {
    const args = [
      autocannonBin,
      '-j',
      '-m',
      'POST',
      '-H',
      'content-type=application/json',
      '-b',
      body,
      '-c',
      String(CONNECTIONS),
      ...extra,
      url,
    ];
    execFile(process.execPath, args, { maxBuffer: 16 * 1024 * 1024 }, (error, stdout) =>
      error ? reject(error) : resolve(JSON.parse(stdout)),
    );
  });
}

function summary(result) {
  return {
    requestsPerSecond: Math.round(result.requests.average),
    latencyP50Ms: result.latency.p50,
    latencyP99Ms: result.latency.p99,
    non2xx: result.non2xx,
    errors: result.errors,
  };
}

// Baseline: a bare Koa handler that parses the body and returns the same JSON as the flow.
const koa = new Koa();
koa.use(async (ctx) => {
  let raw = '';
  for await (const chunk of ctx.req) raw += chunk;
  const input = JSON.parse(raw);
  ctx.body = { greeting: `Hello ${input.name}`, doubled: input.amount * 2 };
});
const bare = createServer(koa.callback());
await new Promise((r) => bare.listen(0, '127.0.0.1', r));

const dataDir = await mkdtemp(join(tmpdir(), 'weft-bench-'));
const examples = join(dataDir, 'examples');
const flow = {
  schema: 'weft.flow/v1',
  name: 'bench',
  trigger: { id: 'hook', connector: 'webhook@1', trigger: 'event' },
  steps: [
    {
      id: 'map',
      use: 'transform.map',
      config: { greeting: 'Hello {{ trigger.body.name }}', doubled: '{{ trigger.body.amount * 2 }}' },
    },
    { id: 'reply', use: 'respond', config: { status: 200, body: '{{ steps.map }}' } },
  ],
  edges: [
    { from: 'hook', to: 'map' },
    { from: 'map', to: 'reply' },
  ],
};
await import('node:fs/promises').then((fs) => fs.mkdir(join(examples, 'bench'), { recursive: true }));
await writeFile(join(examples, 'bench', 'flow.json'), JSON.stringify(flow));
const weft = await startRuntime({
  dataDir,
  port: 0,
  host: '127.0.0.1',
  examplesDir: examples,
  logger: pino({ level: 'silent' }),
  concurrency: 64,
});

const bareUrl = `http://127.0.0.1:${bare.address().port}/`;
const weftUrl = `${weft.url.replace('localhost', '127.0.0.1')}/hooks/bench`;
// Warm up both (JIT, isolate compile caches), then measure.
const warm = (url) => load(url, ['-a', '2000']);
if (!ONLY_WEFT) await warm(bareUrl);
await warm(weftUrl);
const baseline = ONLY_WEFT ? { requestsPerSecond: Number.NaN } : summary(await load(bareUrl));
const measured = summary(await load(weftUrl));
const persisted = (await weft.store.runs.list({ flowId: 'bench', limit: 1 })).items.length;

const result = {
  benchmark: 'webhook -> sandboxed map -> respond (run persisted) vs bare Koa',
  date: new Date().toISOString(),
  node: process.version,
  cpus: cpus().length,
  durationSeconds: DURATION,
  connections: CONNECTIONS,
  bareKoa: baseline,
  weft: measured,
  ratio: Number((measured.requestsPerSecond / baseline.requestsPerSecond).toFixed(3)),
  runsPersisted: persisted > 0,
};
console.log(JSON.stringify(result, null, 2));
if (!ONLY_WEFT) await writeFile(join(here, 'results', 'webhook.json'), JSON.stringify(result, null, 2) + '\n');
await weft.close();
bare.close();
await rm(dataDir, { recursive: true, force: true });
