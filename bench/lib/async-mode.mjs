// Weft's async mode measured end to end: the ingress rate (202s per second) says little alone, so this also
// counts how many of the runs accepted during the load had finished by the time the load ended (from the
// runs table's created_at / ended_at), and how long the backlog took to drain afterwards.
import { loadavg } from 'node:os';
import { autocannon, summarize } from './load.mjs';

const DRAIN_TIMEOUT_MS = Number(process.env.BENCH_DRAIN_TIMEOUT_S ?? 300) * 1000;
const load = () => loadavg().map((n) => Number(n.toFixed(2)));
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** Waits until no run of `flowId` created since `sinceMs` is queued or running; returns what is left. */
export async function drain(weft, flowId, sinceMs) {
  const deadline = Date.now() + DRAIN_TIMEOUT_MS;
  for (;;) {
    const { byStatus, lastEndedAt } = await weft.count(flowId, { sinceMs });
    const pending = (byStatus.queued ?? 0) + (byStatus.running ?? 0);
    if (pending === 0 || Date.now() > deadline) return { pending, byStatus, lastEndedAt };
    await sleep(250);
  }
}

export async function measureAsync(weft, { flowId = 'bench-async', warmRequests = 1000 } = {}) {
  // Warm-up, then let its backlog finish so that the measured load starts from an empty queue.
  const warmStart = Date.now();
  await autocannon(weft.asyncUrl, ['-a', String(warmRequests)]);
  await drain(weft, flowId, warmStart);

  const sinceMs = Date.now();
  const loadBefore = load();
  const figures = summarize(await autocannon(weft.asyncUrl));
  const loadAfter = load();
  const duringLoad = await weft.count(flowId, { sinceMs, endedBy: figures.finish });
  const completedDuringLoad = (duringLoad.byStatus.succeeded ?? 0) + (duringLoad.byStatus.failed ?? 0);
  const after = await drain(weft, flowId, sinceMs);
  const accepted = Object.values(after.byStatus).reduce((sum, n) => sum + n, 0);
  const acceptedPerSecond = figures.ok2xx / figures.seconds;
  const completedPerSecond = completedDuringLoad / figures.seconds;
  return {
    ...figures,
    loadBefore,
    loadAfter,
    acceptedRuns: accepted,
    completedDuringLoad,
    completedPerSecond: Math.round(completedPerSecond),
    // Completion rate over acceptance rate while the load lasted: 1 means the workers kept pace with ingress.
    completionToAcceptance: acceptedPerSecond ? Number((completedPerSecond / acceptedPerSecond).toFixed(3)) : 0,
    drained: after.pending === 0,
    pendingAfterDrainTimeout: after.pending,
    drainSeconds: Number((Math.max(0, after.lastEndedAt - figures.finish) / 1000).toFixed(1)),
    failedRuns: after.byStatus.failed ?? 0,
    succeededRuns: after.byStatus.succeeded ?? 0,
  };
}
