// Issue 15 item 3, "execution keeps pace with ingress": Weft's async webhooks (shipped defaults) on SQLite and on
// PostgreSQL, first under closed-loop overload (64 connections sending as fast as they are answered: the
// ingress maximum), then offered open-loop fixed rates of 25 % to 150 % of that maximum. For each rate: what was
// offered, runs accepted (stored) and deliveries refused (503) per second while the load lasted, runs completed
// per second meanwhile, the backlog left when it ended (stored, not finished) and the requests still unanswered
// then, how long it all took to drain, and whether completion kept pace (completed ≥ 0.9 × accepted while the
// load lasted, backlog within WEFT_CONCURRENCY + WEFT_MAX_BACKLOG). Bare Koa is measured
// first as the reference. Writes bench/results/intake.json. BENCH_INTAKE_SECONDS (default 10) per rate,
// BENCH_INTAKE_RATES (fractions, default 0.25,0.5,0.75,1,1.5), BENCH_INTAKE_STORES (default sqlite,postgres).
import { writeFile } from 'node:fs/promises';
import { availableParallelism, loadavg } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { drain, measureAsync } from './lib/async-mode.mjs';
import { CONNECTIONS, DURATION, measure } from './lib/load.mjs';
import { openLoop } from './lib/open-loop.mjs';
import { startKoa } from './lib/peers.mjs';
import { startWeft } from './lib/weft.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const SECONDS = Number(process.env.BENCH_INTAKE_SECONDS ?? 10);
const FRACTIONS = (process.env.BENCH_INTAKE_RATES ?? '0.25,0.5,0.75,1,1.5').split(',').map(Number);
const STORES = (process.env.BENCH_INTAKE_STORES ?? 'sqlite,postgres').split(',').map((s) => s.trim());
/** Completions per acceptance, while the load lasted, that count as keeping pace. */
const PACE = 0.9;
const FLOW = 'bench-async';
const log = (message) => process.stderr.write(`[intake] ${message}\n`);
const load = () => loadavg().map((n) => Number(n.toFixed(2)));
const perSecond = (n, seconds) => Math.round(n / seconds);
const total = (byStatus) => Object.values(byStatus).reduce((sum, n) => sum + n, 0);
const ended = (byStatus) => (byStatus.succeeded ?? 0) + (byStatus.failed ?? 0);

/** One open-loop rate against a started Weft, measured from the loader's answers and the runs table. */
async function atRate(weft, rate) {
  const sinceMs = Date.now();
  const loadBefore = load();
  const offered = await openLoop(weft.asyncUrl, rate, SECONDS);
  const loadAfter = load();
  const { finish, seconds } = offered;
  // Runs stored while the load lasted, and those of them finished by its end.
  const stored = await weft.count(FLOW, { sinceMs, untilMs: finish });
  const done = await weft.count(FLOW, { sinceMs, untilMs: finish, endedBy: finish });
  const acceptedDuringLoad = total(stored.byStatus);
  const completedDuringLoad = ended(done.byStatus);
  const backlogAtEnd = acceptedDuringLoad - completedDuringLoad;
  const after = await drain(weft, FLOW, sinceMs);
  const accepted = offered.statusCodes['202'] ?? 0;
  const refused = offered.statusCodes['503'] ?? 0;
  const other = offered.sent - accepted - refused;
  const refusedDuringLoad = offered.duringLoad['503'] ?? 0;
  const pace = acceptedDuringLoad ? completedDuringLoad / acceptedDuringLoad : 1;
  const bounded = backlogAtEnd <= weft.concurrency + weft.maxBacklog;
  return {
    offeredPerSecond: rate,
    sentPerSecond: perSecond(offered.sent, seconds),
    notSent: offered.notSent,
    acceptedPerSecond: perSecond(acceptedDuringLoad, seconds),
    refusedPerSecond: perSecond(refusedDuringLoad, seconds),
    unansweredAtEnd: offered.inFlightAtFinish,
    acceptedAnswers: accepted,
    refusedAnswers: refused,
    otherAnswers: other,
    completedPerSecond: perSecond(completedDuringLoad, seconds),
    completionToAcceptance: Number(pace.toFixed(3)),
    backlogAtEnd,
    drainSeconds: Number((Math.max(0, after.lastEndedAt - finish) / 1000).toFixed(1)),
    drained: after.pending === 0,
    acceptedRuns: total(after.byStatus),
    /** 202 answers without a stored run (an accepted event lost): must be 0. */
    lost: Math.max(0, accepted - total(after.byStatus)),
    failedRuns: after.byStatus.failed ?? 0,
    latencyP50Ms: offered.latencyP50Ms,
    latencyP99Ms: offered.latencyP99Ms,
    keepsPace: pace >= PACE && bounded && after.pending === 0,
    seconds,
    loadBefore,
    loadAfter,
  };
}

const result = {
  benchmark: 'intake: async webhooks (map flow, shipped defaults), closed-loop maximum then open-loop fixed rates',
  date: new Date().toISOString(),
  cpus: availableParallelism(),
  loadavgAtStart: load(),
  secondsPerRate: SECONDS,
  closedLoopSeconds: DURATION,
  connections: CONNECTIONS,
  pace: PACE,
  stores: [],
};

log('Koa: measuring (reference)');
const koa = await startKoa();
try {
  const figures = await measure(koa.url);
  result.koa = { requestsPerSecond: figures.requestsPerSecond, latencyP99Ms: figures.latencyP99Ms };
} finally {
  await koa.stop();
}

for (const store of STORES) {
  const label = store === 'postgres' ? 'PostgreSQL' : 'SQLite';
  const weft = await startWeft(store);
  try {
    log(`${label}: closed loop, ${CONNECTIONS} connections, ${DURATION} s`);
    const closedLoop = await measureAsync(weft, { flowId: FLOW });
    const maximum = closedLoop.requestsPerSecond;
    const rows = [];
    for (const fraction of FRACTIONS) {
      const rate = Math.max(1, Math.round(maximum * fraction));
      log(`${label}: open loop ${rate}/s (${fraction * 100} % of ${maximum}/s), ${SECONDS} s`);
      const row = { fraction, ...(await atRate(weft, rate)) };
      log(
        `${label}: accepted ${row.acceptedPerSecond}/s, refused ${row.refusedPerSecond}/s, completed ${row.completedPerSecond}/s, backlog ${row.backlogAtEnd} (+${row.unansweredAtEnd} unanswered), drained in ${row.drainSeconds} s`,
      );
      rows.push(row);
    }
    result.stores.push({
      store: label,
      concurrency: weft.concurrency,
      maxBacklog: weft.maxBacklog,
      closedLoop,
      maximum,
      rows,
    });
  } catch (error) {
    log(`${label}: failed: ${error.stack ?? error}`);
    result.stores.push({ store: label, failed: String(error.message ?? error) });
  } finally {
    await weft.close();
  }
}

console.log(JSON.stringify(result, null, 2));
await writeFile(join(here, 'results', 'intake.json'), `${JSON.stringify(result, null, 2)}\n`);
