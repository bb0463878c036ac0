// Scale out: runs/s of an I/O-bound flow (webhook -> one HTTP call to a local fake API answering after 50 ms)
// with 1, 2 and 3 worker processes sharing a PostgreSQL database behind one web process, started with the
// built CLI (`weft start --role web|worker`), beside a single `weft start` process on SQLite. Each setup gets
// BENCH_WORKER_RUNS webhooks (default 1500) fed as fast as the web process takes them; runs/s is the runs
// divided by the time from the first run started to the last one finished (from the runs table). Target:
// 3 workers >= 2.7x 1 worker. Until the CLI knows --role, the PostgreSQL rows say so instead of failing.
// Writes bench/results/workers.json.
import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import { availableParallelism, cpus, loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { autocannon } from './lib/load.mjs';
import { freshPostgresDatabase, runCounter, writeExamples } from './lib/weft.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..');
const bin = join(root, 'packages/cli/dist/bin.js');
const RUNS = Number(process.env.BENCH_WORKER_RUNS ?? 1500);
// Two runs at once per worker: on this 2-core machine the worker slots, not the CPU, must bound throughput for the
// figure to say how runs/s grow with workers (at 8 each, 3 workers × 8 × 20 runs/s would need more CPU than two
// cores have for the web process, PostgreSQL and the workers together). BENCH_WORKER_CONCURRENCY changes it.
const WORKER_CONCURRENCY = Number(process.env.BENCH_WORKER_CONCURRENCY ?? 2);
const LATENCY_MS = 50;
const FINISH_TIMEOUT_MS = Number(process.env.BENCH_WORKER_TIMEOUT_S ?? 300) * 1000;
const REDIS_URL = process.env.BENCH_REDIS_URL; // e.g. redis://127.0.0.1:6379; without it no Redis is used
const log = (message) => process.stderr.write(`[workers] ${message}\n`);
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const load = () => loadavg().map((n) => Number(n.toFixed(2)));

// The fake API: every request answered after LATENCY_MS, so a run spends its time waiting, not computing.
let apiCalls = 0;
const fakeApi = createServer((req, res) => {
  apiCalls++;
  req.resume();
  setTimeout(() => {
    res.setHeader('content-type', 'application/json');
    res.end('{"ok":true}');
  }, LATENCY_MS);
});
await new Promise((r) => fakeApi.listen(0, '127.0.0.1', r));
const apiUrl = `http://127.0.0.1:${fakeApi.address().port}/slow`;

const ioFlow = {
  schema: 'weft.flow/v1',
  name: 'bench io',
  trigger: { id: 'hook', connector: 'webhook@1', trigger: 'event' },
  steps: [{ id: 'call', use: 'http@1.request', config: { method: 'GET', url: apiUrl } }],
  edges: [{ from: 'hook', to: 'call' }],
};

/** `weft start` with extra arguments; resolves once it printed that it runs (or `readyPattern`), or fails. */
async function startWeft(args, env, readyPattern = /Weft(?: \(web\))? is running at (http:\/\/\S+)/) {
  const proc = spawn(process.execPath, [bin, 'start', ...args], {
    cwd: root,
    env: { ...process.env, WEFT_LOG_LEVEL: 'warn', WEFT_OUTBOUND_ALLOW: '127.0.0.1', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const stop = () =>
    new Promise((resolve) => {
      if (proc.exitCode !== null || proc.signalCode !== null) return resolve();
      const force = setTimeout(() => proc.kill('SIGKILL'), 15_000);
      proc.once('exit', () => {
        clearTimeout(force);
        resolve();
      });
      proc.kill('SIGTERM');
    });
  const ready = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => resolve({ url: undefined }), 60_000);
    const onData = (chunk) => {
      output = (output + chunk).slice(-8000);
      const match = readyPattern.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve({ url: match[1]?.replace('localhost', '127.0.0.1') });
      }
    };
    proc.stdout.on('data', onData);
    proc.stderr.on('data', onData);
    proc.once('exit', (code) => {
      clearTimeout(timer);
      reject(
        new Error(`weft start ${args.join(' ')} exited ${code}: ${output.trim().split('\n').slice(0, 3).join(' | ')}`),
      );
    });
  });
  return { ...ready, stop, output: () => output };
}

/** Feeds RUNS webhooks, then waits until every run finished; runs/s from first start to last end. */
async function feedAndWait(hookUrl, location) {
  const counter = await runCounter(location);
  try {
    const loadBefore = load();
    const fed = await autocannon(hookUrl, ['-a', String(RUNS)]);
    const deadline = Date.now() + FINISH_TIMEOUT_MS;
    let rows;
    for (;;) {
      rows = await counter.query(
        "select count(*) as n, sum(case when status in ('succeeded', 'failed', 'cancelled') then 1 else 0 end) as done, " +
          "sum(case when status = 'failed' then 1 else 0 end) as failed, min(started_at) as first, max(ended_at) as last " +
          'from runs where flow_id = ?',
        ['bench-io'],
      );
      const { n, done } = rows[0];
      if ((Number(n) > 0 && Number(done) === Number(n)) || Date.now() > deadline) break;
      await sleep(200);
    }
    const { n, done, failed, first, last } = rows[0];
    const seconds = (Number(last) - Number(first)) / 1000;
    return {
      runs: Number(n),
      accepted2xx: fed['2xx'],
      // How fast the web process took the webhooks: when close to runs/s, ingress, not the workers, set the pace.
      fedPerSecond: Math.round(fed['2xx'] / fed.duration),
      finished: Number(done),
      failed: Number(failed ?? 0),
      seconds: Number(seconds.toFixed(2)),
      runsPerSecond: Number((Number(done) / seconds).toFixed(1)),
      loadBefore,
      loadAfter: load(),
    };
  } finally {
    await counter.close();
  }
}

async function singleSqlite() {
  const dataDir = await mkdtemp(join(tmpdir(), 'weft-bench-workers-'));
  await writeExamples(join(dataDir, 'examples'), { 'bench-io': ioFlow });
  const server = await startWeft(
    ['--host', '127.0.0.1', '--port', '0', '--data-dir', dataDir, '--examples', join(dataDir, 'examples')],
    {},
  );
  try {
    return await feedAndWait(`${server.url}/hooks/bench-io`, join(dataDir, 'weft.db'));
  } finally {
    await server.stop();
    await rm(dataDir, { recursive: true, force: true });
  }
}

/**
 * One web process and `workers` worker processes on a fresh PostgreSQL database (and schema). Without roles
 * (`roles: false`), `workers` full processes instead, the webhooks all sent to the first.
 */
async function postgresWorkers(workers, { roles = true } = {}) {
  const database = await freshPostgresDatabase();
  const schema = `weft_bench_${randomBytes(4).toString('hex')}`;
  const dataDir = await mkdtemp(join(tmpdir(), 'weft-bench-workers-'));
  await writeExamples(join(dataDir, 'examples'), { 'bench-io': ioFlow });
  const env = {
    WEFT_DATABASE_URL: database.url,
    WEFT_DATABASE_SCHEMA: schema,
    ...(REDIS_URL ? { WEFT_REDIS_URL: REDIS_URL, WEFT_REDIS_PREFIX: `${schema}:` } : {}),
  };
  const started = [];
  try {
    const web = await startWeft(
      [
        ...(roles ? ['--role', 'web'] : ['--concurrency', String(WORKER_CONCURRENCY)]),
        '--host',
        '127.0.0.1',
        '--port',
        '0',
        '--data-dir',
        dataDir,
        '--examples',
        join(dataDir, 'examples'),
      ],
      env,
    );
    started.push(web);
    for (let i = roles ? 0 : 1; i < workers; i++) {
      started.push(
        await startWeft(
          [
            ...(roles ? ['--role', 'worker'] : []),
            '--concurrency',
            String(WORKER_CONCURRENCY),
            '--host',
            '127.0.0.1',
            '--port',
            '0',
            '--data-dir',
            dataDir,
          ],
          env,
          roles ? /Weft worker is running at/ : undefined,
        ),
      );
    }
    // The counter reads the same schema the processes use (once WEFT_DATABASE_SCHEMA is honoured).
    const location = await schemaLocation(database.url, schema);
    return await feedAndWait(`${web.url}/hooks/bench-io`, location);
  } finally {
    await Promise.all(started.map((p) => p.stop()));
    await database.drop();
    await rm(dataDir, { recursive: true, force: true });
  }
}

/** The database URL with the schema on the search path when the processes created their tables there. */
async function schemaLocation(url, schema) {
  const counter = await runCounter(url);
  try {
    const rows = await counter.query('select count(*) as n from information_schema.tables where table_schema = ?', [
      schema,
    ]);
    if (Number(rows[0].n) === 0) return url;
    const withSchema = new URL(url);
    withSchema.searchParams.set('options', `-c search_path=${schema}`);
    return withSchema.toString();
  } finally {
    await counter.close();
  }
}

const help = spawnSync(process.execPath, [bin, 'start', '--help'], { cwd: root, encoding: 'utf8' });
const rolesAvailable = /--role\b/.test(`${help.stdout}${help.stderr}`);
const rows = [];
const unavailable = rolesAvailable
  ? undefined
  : 'roles not available yet (`weft start --role` is refused by this build)';

log(`single process, SQLite: ${RUNS} runs`);
try {
  rows.push({ setup: 'single process, SQLite (weft start)', ...(await singleSqlite()) });
} catch (error) {
  rows.push({ setup: 'single process, SQLite (weft start)', note: `failed: ${error.message}` });
}
for (const workers of [1, 2, 3]) {
  const setup = `PostgreSQL, 1 web + ${workers} worker${workers > 1 ? 's' : ''} (concurrency ${WORKER_CONCURRENCY} each)`;
  if (!rolesAvailable) {
    // Not the target's setup, but the same database sharing measured until roles land.
    const fallback = `PostgreSQL, ${workers} full process${workers > 1 ? 'es' : ''} (no --role; webhooks to the first)`;
    log(`${fallback}: ${RUNS} runs`);
    try {
      rows.push({ setup: fallback, processes: workers, ...(await postgresWorkers(workers, { roles: false })) });
    } catch (error) {
      rows.push({ setup: fallback, processes: workers, note: `failed: ${error.message}` });
    }
    continue;
  }
  log(`${setup}: ${RUNS} runs`);
  try {
    rows.push({ setup, workers, ...(await postgresWorkers(workers)) });
  } catch (error) {
    rows.push({ setup, workers, note: `failed: ${error.message}` });
  }
}
const one = rows.find((r) => r.workers === 1)?.runsPerSecond;
for (const row of rows)
  if (one && row.runsPerSecond) row.ratioToOneWorker = Number((row.runsPerSecond / one).toFixed(2));
const oneProcess = rows.find((r) => r.processes === 1)?.runsPerSecond;
for (const row of rows)
  if (oneProcess && row.processes) row.ratioToOneWorker = Number((row.runsPerSecond / oneProcess).toFixed(2));
const three = rows.find((r) => r.workers === 3)?.runsPerSecond;

const result = {
  benchmark: 'scale out: I/O-bound runs/s with 1, 2, 3 worker processes on PostgreSQL, single SQLite process beside',
  date: new Date().toISOString(),
  machine: { cpus: availableParallelism(), cpuModel: cpus()[0]?.model, node: process.version },
  runsPerSetup: RUNS,
  fakeApiLatencyMs: LATENCY_MS,
  workerConcurrency: WORKER_CONCURRENCY,
  redis: Boolean(REDIS_URL),
  ...(unavailable ? { unavailable } : {}),
  rows,
  fakeApiCalls: apiCalls,
  scaling: one && three ? { threeOverOne: Number((three / one).toFixed(2)), target: 2.7 } : undefined,
};
console.log(JSON.stringify(result, null, 2));
await writeFile(join(here, 'results', 'workers.json'), `${JSON.stringify(result, null, 2)}\n`);
fakeApi.close();
