// Where a respond-mode webhook's CPU goes: Weft with its shipped defaults on SQLite (the peers bench's flow),
// loaded by autocannon in its own process while V8's sampling profiler runs in this one, then the top self-time
// entries (function and file:line, aggregated over every call site) and a few coarse buckets (SQLite's native
// code, kysely, the sandbox, Koa, GC, idle). Writes bench/results/profile.json; run.mjs prints the top 10.
// BENCH_PROFILE_SECONDS (default 10) of profiling after the usual warm-up. The raw profile is left in
// bench/results/profile.cpuprofile (git-ignored).
import { execFileSync } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { Session } from 'node:inspector/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { autocannon, checkReply, summarize, WARM_SECONDS } from './lib/load.mjs';
import { topSelfTime } from './lib/profile.mjs';
import { startWeft } from './lib/weft.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const seconds = Number(process.env.BENCH_PROFILE_SECONDS ?? 10);
/** The commit measured, when this is a git checkout. */
function commitOf() {
  try {
    return execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: here, encoding: 'utf8' }).trim();
  } catch {
    return undefined;
  }
}
const log = (message) => process.stderr.write(`[profile] ${message}\n`);

const weft = await startWeft('sqlite');
const session = new Session();
session.connect();
try {
  await checkReply(weft.respondUrl);
  await autocannon(weft.respondUrl, ['-d', String(WARM_SECONDS)]);
  await checkReply(weft.respondUrl);
  await session.post('Profiler.enable');
  // 100 µs between samples (V8's default is 1 ms): a request costs a few hundred µs.
  await session.post('Profiler.setSamplingInterval', { interval: 100 });
  await session.post('Profiler.start');
  log(`respond SQLite: profiling ${seconds} s under load`);
  const load = summarize(await autocannon(weft.respondUrl, ['-d', String(seconds)]));
  const { profile } = await session.post('Profiler.stop');
  const summary = topSelfTime(profile, 10);
  const result = {
    at: new Date().toISOString(),
    subject: 'Weft respond SQLite (defaults)',
    commit: commitOf(),
    requestsPerSecond: load.requestsPerSecond,
    microsecondsPerRequest: Number(((summary.busyMs * 1000) / load.ok2xx).toFixed(1)),
    ...summary,
  };
  await writeFile(join(here, 'results', 'profile.json'), `${JSON.stringify(result, null, 2)}\n`);
  // The raw profile, for Chrome DevTools or speedscope (not committed: several MB).
  await writeFile(join(here, 'results', 'profile.cpuprofile'), JSON.stringify(profile));
  log(`${load.requestsPerSecond} req/s, ${result.microsecondsPerRequest} µs of this thread's CPU per request`);
  for (const entry of summary.top) log(`${entry.percent.toFixed(1)}%  ${entry.name}  ${entry.where}`);
  process.stdout.write(`${JSON.stringify(result)}\n`);
} finally {
  session.disconnect();
  await weft.close();
}
