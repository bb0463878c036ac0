// Load generation for the HTTP benches: autocannon in its own process (so it does not compete with a server's
// event loop in this one), the same JSON body and connection count for every subject, a warm-up before each
// measurement, and os.loadavg() recorded before and after, because the machine may be shared.
import { execFile } from 'node:child_process';
import { createRequire } from 'node:module';
import { loadavg } from 'node:os';
import { dirname, join } from 'node:path';

export const DURATION = Number(process.env.BENCH_SECONDS ?? 10);
export const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 64);
/** Warm-up before each measurement, in seconds (a count of requests would take minutes on a slow peer). */
export const WARM_SECONDS = Number(process.env.BENCH_WARM_SECONDS ?? 2);
export const BODY = JSON.stringify({ name: 'Ada', n: 21 });
/** The reply every subject must give for BODY. */
export const EXPECTED = { greeting: 'Hello Ada', double: 42 };

const autocannonBin = join(dirname(createRequire(import.meta.url).resolve('autocannon/package.json')), 'autocannon.js');

/** Runs autocannon against `url`; `extra` replaces the duration (e.g. ['-a', '500'] for a fixed count). */
export function autocannon(url, extra = ['-d', String(DURATION)]) {
  const args = ['-j', '-m', 'POST', '-H', 'content-type=application/json', '-b', BODY, '-c', String(CONNECTIONS)];
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      [autocannonBin, ...args, ...extra, url],
      { maxBuffer: 64 * 1024 * 1024 },
      (error, stdout) => (error ? reject(error) : resolve(JSON.parse(stdout))),
    );
  });
}

const load = () => loadavg().map((n) => Number(n.toFixed(2)));

/** A warm-up, then one measured run; the figures every row of the table reports. */
export async function measure(url) {
  if (WARM_SECONDS > 0) {
    await autocannon(url, ['-d', String(WARM_SECONDS)]);
    // A server may still be working through the warm-up's last requests: one more, answered, means it is done.
    await checkReply(url);
  }
  const loadBefore = load();
  const raw = await autocannon(url);
  const loadAfter = load();
  return { ...summarize(raw), loadBefore, loadAfter, oneClientMs: await oneClient(url) };
}

/** Mean time of one request at a time (after the backlog of the measurement cleared): latency without queueing. */
async function oneClient(url, count = 20) {
  await checkReply(url);
  const start = performance.now();
  for (let i = 0; i < count; i++) await checkReply(url);
  return Number(((performance.now() - start) / count).toFixed(1));
}

/** Successful responses per second over the whole run, latency percentiles, and what went wrong, apart. */
export function summarize(raw) {
  const seconds = raw.duration || DURATION;
  const codes = Object.fromEntries(Object.entries(raw.statusCodeStats ?? {}).map(([code, s]) => [code, s.count]));
  const backPressure503 = codes['503'] ?? 0;
  return {
    requestsPerSecond: Math.round(raw['2xx'] / seconds),
    allResponsesPerSecond: Math.round(raw.requests.total / seconds),
    latencyP50Ms: raw.latency.p50,
    latencyP99Ms: raw.latency.p99,
    ok2xx: raw['2xx'],
    statusCodes: codes,
    backPressure503,
    // Failures other than back-pressure: other non-2xx answers, connection errors and timeouts.
    errors: raw.non2xx - backPressure503 + raw.errors + raw.timeouts,
    start: new Date(raw.start).getTime(),
    finish: new Date(raw.finish).getTime(),
    seconds: Number(seconds.toFixed(2)),
  };
}

/** Checks once that `url` answers BODY with EXPECTED, so no subject is measured answering something else. */
export async function checkReply(url) {
  const response = await globalThis.fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: BODY,
  });
  const text = await response.text();
  let reply;
  try {
    reply = JSON.parse(text);
  } catch {
    reply = text;
  }
  const ok =
    response.status === 200 && reply?.greeting === EXPECTED.greeting && Number(reply?.double) === EXPECTED.double;
  return { ok, status: response.status, reply };
}
