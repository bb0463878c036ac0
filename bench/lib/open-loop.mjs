// An open-loop load generator: requests leave at a fixed rate whatever the server answers (autocannon sends a
// connection's next request only after its answer, so a slow or holding server lowers the rate it is offered).
// Runs in its own process (`openLoop()` spawns this file) so it never shares the server's event loop; prints
// one JSON object: what was sent, answered by status, failed, latency percentiles and the wall-clock window.
import { execFile } from 'node:child_process';
import { Agent, request } from 'node:http';
import { fileURLToPath } from 'node:url';
import { BODY } from './load.mjs';

/** Requests in flight at most; beyond, a due request is counted as not sent (the loader itself saturated). */
const MAX_IN_FLIGHT = 4096;

/** Offers `rate` requests/s to `url` for `seconds` from a child process; resolves with its figures. */
export function openLoop(url, rate, seconds) {
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      [fileURLToPath(import.meta.url), url, String(rate), String(seconds)],
      { maxBuffer: 16 * 1024 * 1024, timeout: (seconds + 120) * 1000 },
      (error, stdout) => (error ? reject(error) : resolve(JSON.parse(stdout))),
    );
  });
}

function percentile(sorted, p) {
  return sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] : undefined;
}

async function main(url, rate, seconds) {
  const target = new URL(url);
  const agent = new Agent({ keepAlive: true, maxSockets: MAX_IN_FLIGHT });
  const statusCodes = {};
  /** Answers by status received before the last request left (the rest came after the load ended). */
  let duringLoad;
  const latencies = [];
  let sent = 0;
  let notSent = 0;
  let errors = 0;
  let inFlight = 0;
  const send = () =>
    new Promise((done) => {
      const began = performance.now();
      inFlight++;
      const finish = () => {
        inFlight--;
        done();
      };
      const req = request(
        {
          agent,
          host: target.hostname,
          port: target.port,
          path: target.pathname,
          method: 'POST',
          headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(BODY) },
        },
        (res) => {
          res.resume();
          res.on('end', () => {
            statusCodes[res.statusCode] = (statusCodes[res.statusCode] ?? 0) + 1;
            latencies.push(performance.now() - began);
            finish();
          });
        },
      );
      req.on('error', () => {
        errors++;
        finish();
      });
      req.end(BODY);
    });
  const pending = new Set();
  const start = Date.now();
  const startedAt = performance.now();
  const total = Math.round(rate * seconds);
  await new Promise((resolve) => {
    const tick = () => {
      const due = Math.min(total, Math.floor(((performance.now() - startedAt) / 1000) * rate));
      while (sent + notSent < due) {
        if (inFlight >= MAX_IN_FLIGHT) {
          notSent++;
          continue;
        }
        sent++;
        const p = send();
        pending.add(p);
        void p.then(() => pending.delete(p));
      }
      if (sent + notSent >= total) return resolve();
      setTimeout(tick, 1);
    };
    tick();
  });
  const finish = Date.now();
  duringLoad = { ...statusCodes };
  const inFlightAtFinish = inFlight;
  await Promise.all(pending);
  agent.destroy();
  latencies.sort((a, b) => a - b);
  const round = (n) => (n === undefined ? undefined : Number(n.toFixed(1)));
  process.stdout.write(
    JSON.stringify({
      rate,
      seconds: (finish - start) / 1000,
      sent,
      notSent,
      statusCodes,
      duringLoad,
      inFlightAtFinish,
      errors,
      latencyP50Ms: round(percentile(latencies, 50)),
      latencyP99Ms: round(percentile(latencies, 99)),
      start,
      finish,
      lastAnswerAt: Date.now(),
    }),
  );
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const [url, rate, seconds] = process.argv.slice(2);
  await main(url, Number(rate), Number(seconds));
}
