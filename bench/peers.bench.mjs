// Weft beside its peers on one flow — POST {name, n} -> map -> JSON {greeting, double} — measured in the same
// run on the same machine: bare Koa (the floor), Node-RED, n8n, and Weft with its shipped defaults on SQLite
// and on PostgreSQL, in respond mode (a `respond` step) and async mode (202, run in the background; with the
// completion rate while the load lasted and the drain time after). Writes bench/results/peers.json; run.mjs
// prints the combined table. BENCH_SECONDS (default 10) per measurement, BENCH_CONNECTIONS (default 64).
import { writeFile } from 'node:fs/promises';
import { availableParallelism, cpus, loadavg, totalmem } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { measureAsync } from './lib/async-mode.mjs';
import { CONNECTIONS, DURATION, checkReply, measure } from './lib/load.mjs';
import { PINNED, startKoa, startN8n, startNodeRed } from './lib/peers.mjs';
import { startWeft } from './lib/weft.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const only = process.env.BENCH_SUBJECTS?.split(',').map((s) => s.trim().toLowerCase());
const wanted = (name) => !only || only.some((s) => name.toLowerCase().includes(s));
const rows = [];
const log = (message) => process.stderr.write(`[peers] ${message}\n`);

/** Measures one started subject and records its row; a failure to start becomes the row's reason. */
async function subject(name, start, run = (s) => measure(s.url)) {
  if (!wanted(name)) return;
  log(`${name}: starting`);
  let started;
  try {
    started = await start();
  } catch (error) {
    // A peer is installed by the bench; Weft is this repository, so its failing to start is a failure.
    const peer = !name.startsWith('Weft');
    log(`${name}: ${peer ? 'not installed' : 'could not start'}: ${error.message}`);
    rows.push(
      peer
        ? { subject: name, notInstalled: error.message }
        : { subject: name, failed: `could not start: ${error.message}` },
    );
    return;
  }
  try {
    log(`${name}: measuring ${DURATION} s`);
    const figures = await run(started);
    rows.push({ subject: name, version: started.version, ...figures });
    log(`${name}: ${figures.requestsPerSecond} req/s, p99 ${figures.latencyP99Ms} ms`);
  } catch (error) {
    log(`${name}: failed: ${error.stack ?? error}`);
    rows.push({ subject: name, failed: String(error.message ?? error) });
  } finally {
    await started.stop();
  }
}

const machine = {
  cpus: availableParallelism(),
  cpuModel: cpus()[0]?.model,
  memoryGb: Math.round(totalmem() / 2 ** 30),
  node: process.version,
  platform: `${process.platform}-${process.arch}`,
  loadavgAtStart: loadavg().map((n) => Number(n.toFixed(2))),
};

await subject('Koa', startKoa);
await subject('Node-RED', startNodeRed);
await subject('n8n', startN8n);

for (const [dialect, label] of [
  ['sqlite', 'SQLite'],
  ['postgres', 'PostgreSQL'],
]) {
  // One runtime per database serves both modes (two flows); it is closed, and its database removed, after.
  let weft;
  const shared = async () => {
    weft ??= await startWeft(dialect);
    const check = await checkReply(weft.respondUrl);
    if (!check.ok) throw new Error(`unexpected reply ${check.status} ${JSON.stringify(check.reply)}`);
    return { url: weft.respondUrl, version: `weft (defaults, ${label})`, stop: async () => {} };
  };
  try {
    await subject(`Weft respond ${label}`, shared);
    await subject(`Weft async ${label}`, shared, () => measureAsync(weft));
  } finally {
    await weft?.close();
  }
}

const result = {
  benchmark: 'peers: POST {name, n} -> map -> JSON reply, Weft (shipped defaults) beside Koa, Node-RED and n8n',
  date: new Date().toISOString(),
  machine,
  durationSeconds: DURATION,
  connections: CONNECTIONS,
  pinned: PINNED,
  rows,
};
console.log(JSON.stringify(result, null, 2));
if (!only) await writeFile(join(here, 'results', 'peers.json'), `${JSON.stringify(result, null, 2)}\n`);
