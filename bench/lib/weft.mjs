// Weft as the benches run it: startRuntime with its shipped defaults (no concurrency or pool override, the
// environment ignored, the production logger at its default level writing to /dev/null instead of the
// terminal), on SQLite in a temp data dir or on a PostgreSQL database created for the run and dropped after.
// Two flows with the same mapping: `bench-respond` answers through a `respond` step, `bench-async` answers
// 202 at once and runs in the background.
import { randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { pino } from 'pino';
import { startRuntime } from '@weft/server';

const root = join(dirname(fileURLToPath(import.meta.url)), '../..');
const storeRequire = createRequire(join(root, 'packages/store/package.json'));
export const POSTGRES_URL = process.env.WEFT_BENCH_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

const MAP = { greeting: 'Hello {{ trigger.body.name }}', double: '{{ trigger.body.n * 2 }}' };

export function benchFlow(respond) {
  return {
    schema: 'weft.flow/v1',
    name: respond ? 'bench respond' : 'bench async',
    trigger: { id: 'hook', connector: 'webhook@1', trigger: 'event' },
    steps: [
      { id: 'map', use: 'transform.map', config: MAP },
      ...(respond ? [{ id: 'reply', use: 'respond', config: { status: 200, body: '{{ steps.map }}' } }] : []),
    ],
    edges: [{ from: 'hook', to: 'map' }, ...(respond ? [{ from: 'map', to: 'reply' }] : [])],
  };
}

/** Writes flows as example folders (flow id = folder name), which the runtime loads, publishes and activates. */
export async function writeExamples(dir, flows) {
  for (const [id, flow] of Object.entries(flows)) {
    await mkdir(join(dir, id), { recursive: true });
    await writeFile(join(dir, id, 'flow.json'), JSON.stringify(flow));
  }
}

async function pgClient(url = POSTGRES_URL) {
  const pg = storeRequire('pg');
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  return client;
}

/** A database of its own on the local PostgreSQL server; `drop()` removes it. */
export async function freshPostgresDatabase() {
  const name = `weft_bench_${randomBytes(5).toString('hex')}`;
  const admin = await pgClient();
  try {
    await admin.query(`create database ${name}`);
  } finally {
    await admin.end();
  }
  const url = new URL(POSTGRES_URL);
  url.pathname = `/${name}`;
  return {
    name,
    url: url.toString(),
    async drop() {
      const client = await pgClient();
      try {
        await client.query(`drop database if exists ${name} with (force)`);
      } finally {
        await client.end();
      }
    },
  };
}

/** Counts runs straight from the database (a second connection), so the figures do not go through the API. */
export async function runCounter(location) {
  if (location.startsWith('postgres')) {
    const client = await pgClient(location);
    return {
      query: async (sql, params) => {
        let n = 0;
        return (
          await client.query(
            sql.replace(/\?/g, () => `$${++n}`),
            params,
          )
        ).rows;
      },
      close: () => client.end(),
    };
  }
  const Sqlite = storeRequire('better-sqlite3');
  const db = new Sqlite(location, { readonly: true, timeout: 5000 });
  return { query: async (sql, params) => db.prepare(sql).all(...params), close: async () => db.close() };
}

/** Starts Weft with both bench flows on `dialect` ('sqlite' | 'postgres'); `close()` removes everything. */
export async function startWeft(dialect) {
  const dataDir = await mkdtemp(join(tmpdir(), 'weft-peersbench-'));
  const examplesDir = join(dataDir, 'examples');
  await writeExamples(examplesDir, { 'bench-respond': benchFlow(true), 'bench-async': benchFlow(false) });
  const database = dialect === 'postgres' ? await freshPostgresDatabase() : undefined;
  const location = database?.url ?? join(dataDir, 'weft.db');
  const logger = pino({ level: 'info' }, pino.destination({ dest: '/dev/null', sync: true }));
  let runtime;
  try {
    runtime = await startRuntime({
      env: {},
      dataDir,
      databaseUrl: location,
      port: 0,
      host: '127.0.0.1',
      examplesDir,
      logger,
      // BENCH_ADMISSION_WAIT_MS compares admission settings (WEFT_ADMISSION_WAIT_MS; the environment is ignored).
      ...(process.env.BENCH_ADMISSION_WAIT_MS ? { admissionWaitMs: Number(process.env.BENCH_ADMISSION_WAIT_MS) } : {}),
    });
  } catch (error) {
    await database?.drop();
    await rm(dataDir, { recursive: true, force: true });
    throw error;
  }
  const counter = await runCounter(location);
  const base = runtime.url.replace('localhost', '127.0.0.1');
  return {
    respondUrl: `${base}/hooks/bench-respond`,
    asyncUrl: `${base}/hooks/bench-async`,
    /** The PostgreSQL database created for this run (undefined on SQLite). */
    databaseName: database?.name,
    concurrency: runtime.worker.limits.concurrency,
    maxBacklog: runtime.worker.limits.maxBacklog,
    /** Runs of `flowId` by status, created at or after `sinceMs`; `endedBy` counts only those finished by then. */
    async count(flowId, { sinceMs = 0, untilMs = Number.MAX_SAFE_INTEGER, endedBy } = {}) {
      const rows = await counter.query(
        'select status, count(*) as n, max(ended_at) as last from runs where flow_id = ? and created_at >= ? and created_at <= ? ' +
          (endedBy === undefined ? '' : 'and ended_at is not null and ended_at <= ? ') +
          'group by status',
        endedBy === undefined ? [flowId, sinceMs, untilMs] : [flowId, sinceMs, untilMs, endedBy],
      );
      const byStatus = Object.fromEntries(rows.map((r) => [r.status, Number(r.n)]));
      const last = Math.max(0, ...rows.map((r) => Number(r.last ?? 0)));
      return { byStatus, lastEndedAt: last };
    },
    async close() {
      await counter.close();
      await runtime.close();
      await database?.drop();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
