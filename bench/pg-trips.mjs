// Where PostgreSQL time goes for respond-mode runs: drives the respond flow with autocannon on SQLite and then
// PostgreSQL in the same process (the machine is shared: compare the ratio, not the figures), and counts the
// pg round trips (client.query calls, by statement kind) and commits (pg_stat_database xact_commit) per run.
// Not part of `npm run bench`: `node bench/pg-trips.mjs` (BENCH_SECONDS, default 10; BENCH_DIALECTS; BENCH_MODE
// async posts to the async flow instead and counts the runs it completed by the end of a 5 s drain).
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { autocannon, checkReply, summarize } from './lib/load.mjs';
import { POSTGRES_URL, startWeft } from './lib/weft.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const pg = createRequire(join(root, 'packages/store/package.json'))('pg');
const trips = new Map();
const original = pg.Client.prototype.query;
pg.Client.prototype.query = function (config, ...rest) {
  const text = typeof config === 'string' ? config : config.text;
  const kind = text.trim().split(/\s+/).slice(0, 3).join(' ').toLowerCase();
  trips.set(kind, (trips.get(kind) ?? 0) + 1);
  return original.call(this, config, ...rest);
};

async function commits(name) {
  const client = new pg.Client({ connectionString: POSTGRES_URL });
  await client.connect();
  const { rows } = await client.query('select xact_commit from pg_stat_database where datname = $1', [name]);
  await client.end();
  return Number(rows[0]?.xact_commit ?? 0);
}

const mode = process.env.BENCH_MODE ?? 'respond';
const flowId = mode === 'async' ? 'bench-async' : 'bench-respond';
const results = {};

/** Waits (at most 5 s) until no run of the flow is left queued or running. */
async function settle(weft, id) {
  for (let i = 0; i < 50; i++) {
    const { byStatus } = await weft.count(id);
    if (!byStatus.queued && !byStatus.running) return;
    await new Promise((r) => setTimeout(r, 100));
  }
}
for (const dialect of (process.env.BENCH_DIALECTS ?? 'sqlite,postgres').split(',')) {
  const weft = await startWeft(dialect);
  try {
    const url = mode === 'async' ? weft.asyncUrl : weft.respondUrl;
    await autocannon(url, ['-d', '2']);
    await checkReply(weft.respondUrl);
    await settle(weft, flowId);
    const dbName = weft.databaseName;
    const before = await weft.count(flowId);
    trips.clear();
    const commitsBefore = dbName ? await commits(dbName) : 0;
    const figures = summarize(await autocannon(url));
    await settle(weft, flowId);
    const commitsAfter = dbName ? await commits(dbName) : 0;
    const after = await weft.count(flowId);
    const runs = (after.byStatus.succeeded ?? 0) - (before.byStatus.succeeded ?? 0);
    const tripTotal = [...trips.values()].reduce((a, b) => a + b, 0);
    results[dialect] = {
      requestsPerSecond: figures.requestsPerSecond,
      p99: figures.latencyP99Ms,
      errors: figures.errors,
      statusCodes: figures.statusCodes,
      runs,
      ...(dbName
        ? {
            roundTripsPerRun: Number((tripTotal / runs).toFixed(3)),
            commitsPerRun: Number(((commitsAfter - commitsBefore) / runs).toFixed(3)),
            byKind: Object.fromEntries([...trips].sort((a, b) => b[1] - a[1]).slice(0, 12)),
          }
        : {}),
    };
    process.stderr.write(`[pg-trips] ${dialect}: ${JSON.stringify(results[dialect])}\n`);
  } finally {
    await weft.close();
  }
}
if (results.sqlite && results.postgres)
  results.ratio = Number((results.postgres.requestsPerSecond / results.sqlite.requestsPerSecond).toFixed(2));
process.stdout.write(`${JSON.stringify(results, null, 2)}\n`);
