// The combined report of `npm run bench`: the peers table (one row per subject, ratios to bare Koa) and the
// targets of the "Performance" and "Scale out" issues, each marked met / NOT met with the figure measured.
// Reads the JSON each bench wrote to bench/results/; a figure not produced by this run is marked with its date.

const fmt = (n, digits = 0) =>
  n === undefined || n === null || Number.isNaN(n)
    ? '—'
    : Number(n).toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
const ratio = (a, b) => (a !== undefined && b ? a / b : undefined);
const load = (row) => (row.loadBefore ? `${row.loadBefore[0]} → ${row.loadAfter[0]}` : '—');

function notes(row, connections) {
  if (row.notInstalled) return `not installed: ${row.notInstalled}`;
  if (row.failed) return `failed: ${row.failed}`;
  const parts = [];
  if (row.completedDuringLoad !== undefined) {
    parts.push(
      `completed ${fmt(row.completedPerSecond)}/s while loaded = ${fmt(row.completionToAcceptance, 2)}× acceptance`,
      row.drained
        ? `backlog drained in ${fmt(row.drainSeconds, 1)} s`
        : `${row.pendingAfterDrainTimeout} runs not drained`,
    );
    if (row.failedRuns) parts.push(`${row.failedRuns} runs failed`);
  }
  if (row.oneClientMs !== undefined) parts.push(`one client: ${fmt(row.oneClientMs, 1)} ms/request`);
  if (row.ok2xx !== undefined && row.ok2xx < connections)
    parts.push('fewer answers than connections: its latency under this load exceeds the measured window');
  if (row.backPressure503) parts.push(`${fmt(row.backPressure503)} × 503 (back-pressure)`);
  if (row.errors) parts.push(`${fmt(row.errors)} errors`);
  if (row.version && !row.subject.startsWith('Weft')) parts.push(row.version);
  // A reason quoted from a tool's output must not end the markdown cell.
  return parts.join('; ').replaceAll('|', '\\|');
}

export function peersTable(peers) {
  const koa = peers.rows.find((r) => r.subject === 'Koa');
  const lines = [
    '| subject | req/s | p50 ms | p99 ms | req/s ÷ Koa | p99 ÷ Koa p99 | load avg (1 min, before → after) | notes |',
    '|---|---:|---:|---:|---:|---:|---|---|',
  ];
  for (const row of peers.rows) {
    const measured = row.requestsPerSecond !== undefined;
    lines.push(
      `| ${row.subject} | ${measured ? fmt(row.requestsPerSecond) : '—'} | ${measured ? fmt(row.latencyP50Ms) : '—'} | ${
        measured ? fmt(row.latencyP99Ms) : '—'
      } | ${fmt(ratio(row.requestsPerSecond, koa?.requestsPerSecond), 2)} | ${fmt(
        ratio(row.latencyP99Ms, koa?.latencyP99Ms),
        1,
      )} | ${load(row)} | ${notes(row, peers.connections)} |`,
    );
  }
  return lines.join('\n');
}

function target(label, measured, met) {
  if (measured === undefined) return `- ${label}: **not measured** in this run`;
  return `- ${label}: **${met ? 'met' : 'NOT met'}** (${measured})`;
}

export function targets({ peers, sandbox, foreach, foreachServer, workers }) {
  const row = (name) => peers?.rows.find((r) => r.subject === name && r.requestsPerSecond !== undefined);
  const koa = row('Koa');
  const respond = row('Weft respond SQLite');
  const asyncRow = row('Weft async SQLite');
  const pg = row('Weft respond PostgreSQL');
  const list = [];
  const r1 = koa && respond ? respond.requestsPerSecond / koa.requestsPerSecond : undefined;
  list.push(
    target(
      'respond SQLite ≥ 0.30× Koa req/s',
      r1 && `${fmt(r1, 2)}×: ${fmt(respond.requestsPerSecond)} vs ${fmt(koa.requestsPerSecond)} req/s`,
      r1 >= 0.3,
    ),
  );
  const p99 = koa && respond && koa.latencyP99Ms ? respond.latencyP99Ms / koa.latencyP99Ms : undefined;
  list.push(
    target(
      'respond SQLite p99 ≤ 3× Koa p99',
      p99 && `${fmt(p99, 1)}×: ${respond.latencyP99Ms} vs ${koa.latencyP99Ms} ms`,
      p99 <= 3,
    ),
  );
  const a1 = koa && asyncRow ? asyncRow.requestsPerSecond / koa.requestsPerSecond : undefined;
  list.push(
    target(
      'async SQLite ingress ≥ 0.5× Koa req/s',
      a1 && `${fmt(a1, 2)}×: ${fmt(asyncRow.requestsPerSecond)} req/s accepted`,
      a1 >= 0.5,
    ),
  );
  const pace = asyncRow?.completionToAcceptance;
  list.push(
    target(
      'async SQLite completions keep pace (completion ÷ acceptance ≥ 0.9 during load)',
      pace !== undefined ? `${fmt(pace, 2)}: ${fmt(asyncRow.completedPerSecond)} completed/s` : undefined,
      pace >= 0.9,
    ),
  );
  const p1 = pg && respond ? pg.requestsPerSecond / respond.requestsPerSecond : undefined;
  list.push(
    target(
      'respond PostgreSQL ≥ 0.5× respond SQLite',
      p1 && `${fmt(p1, 2)}×: ${fmt(pg.requestsPerSecond)} vs ${fmt(respond.requestsPerSecond)} req/s`,
      p1 >= 0.5,
    ),
  );
  const hook = sandbox?.webhookMapping;
  const s1 = hook ? hook.fastPath.meanUs / hook.rawIsolatedVmFloor.meanUs : undefined;
  const fast = sandbox?.warmExpression?.fastPath;
  const tiny = fast?.rawIsolatedVmFloor
    ? `; a one-expression mapping over a two-number scope: ${fmt(fast.meanUs / fast.rawIsolatedVmFloor.meanUs, 2)}× (${fast.meanUs} vs ${fast.rawIsolatedVmFloor.meanUs} µs)`
    : '';
  list.push(
    target(
      'sandbox warm mapping with a real webhook input in scope ≤ 2× raw isolated-vm floor (mean)',
      s1 &&
        `${fmt(s1, 2)}×: ${hook.fastPath.meanUs} µs vs ${hook.rawIsolatedVmFloor.meanUs} µs${tiny}${loadOf(sandbox)}${dated(sandbox)}`,
      s1 <= 2,
    ),
  );
  const f1 = foreach?.items === 100_000 ? foreach.wallMs : undefined;
  list.push(
    target(
      '100,000-item forEach ≤ 5.4 s',
      f1 && `${fmt(f1 / 1000, 2)} s, peak RSS ${foreach.peakRssMb} MB${loadOf(foreach)}${dated(foreach)}`,
      f1 <= 5400,
    ),
  );
  const server = foreachServer?.items === 100_000 && foreachServer.status === 'succeeded' ? foreachServer : undefined;
  list.push(
    target(
      '100,000-item forEach through the built server: peak RSS < 250 MB (whole process)',
      server &&
        `${server.peakRssMb} MB peak, ${server.idleRssMb} MB idle, ${fmt(server.wallMs / 1000, 2)} s${loadOf(server)}${dated(server)}`,
      server?.peakRssMb < 250,
    ),
  );
  const w = workers?.scaling;
  const workersLabel = '3 workers ≥ 2.7× 1 worker (PostgreSQL, I/O-bound flow)';
  if (w?.threeOverOne !== undefined)
    list.push(target(workersLabel, `${fmt(w.threeOverOne, 2)}×${dated(workers)}`, w.threeOverOne >= 2.7));
  else if (workers?.unavailable) {
    const fallback = workers.rows?.find((r) => r.processes === 3)?.ratioToOneWorker;
    const aside = fallback === undefined ? '' : `; meanwhile 3 full processes without roles: ${fmt(fallback, 2)}× 1`;
    list.push(`- ${workersLabel}: **not measured**: ${workers.unavailable}${aside}`);
  } else list.push(target(workersLabel, undefined, false));
  return list.join('\n');
}

const loadOf = (result) => (result?.loadBefore ? `; load ${result.loadBefore[0]} → ${result.loadAfter[0]}` : '');
let runStartedAt = 0;
const dated = (result) => {
  const at = Date.parse(result?.date ?? result?.at ?? '');
  return at && at < runStartedAt ? `; from an earlier run, ${new Date(at).toISOString().slice(0, 16)}Z` : '';
};

export function workersTable(workers) {
  if (!workers) return '';
  const lines = [
    '| setup | runs | webhooks taken/s | seconds | runs/s | ÷ 1 worker | load avg (1 min, before → after) |',
    '|---|---:|---:|---:|---:|---:|---|',
  ];
  for (const row of workers.rows ?? []) {
    lines.push(
      `| ${row.setup} | ${row.runs ?? '—'} | ${fmt(row.fedPerSecond)} | ${fmt(row.seconds, 2)} | ${fmt(row.runsPerSecond, 1)} | ${fmt(
        row.ratioToOneWorker,
        2,
      )} | ${row.note ?? load(row)} |`,
    );
  }
  return lines.join('\n');
}

/** intake.bench.mjs: per store, the closed-loop maximum and each open-loop rate. */
export function intakeTable(intake) {
  if (!intake?.stores?.length) return '';
  const lines = [
    '| store | offered/s | accepted/s | refused (503)/s | completed/s during load | completed ÷ accepted | backlog at end (+ unanswered) | drain s | p99 ms | keeps pace | load avg (1 min) |',
    '|---|---:|---:|---:|---:|---:|---:|---:|---:|---|---|',
  ];
  for (const store of intake.stores) {
    if (store.failed) {
      lines.push(`| ${store.store} | failed: ${store.failed.replaceAll('|', '\\|')} |||||||||`);
      continue;
    }
    const c = store.closedLoop;
    lines.push(
      `| ${store.store} | closed loop, ${intake.connections} conn. | ${fmt(c.requestsPerSecond)} | ${fmt(
        c.backPressure503 / c.seconds,
      )} | ${fmt(c.completedPerSecond)} | ${fmt(c.completionToAcceptance, 2)} | — | ${fmt(c.drainSeconds, 1)} | ${fmt(
        c.latencyP99Ms,
      )} | ${c.completionToAcceptance >= intake.pace ? 'yes' : 'no'} | ${load(c)} |`,
    );
    for (const r of store.rows) {
      lines.push(
        `| ${store.store} | ${fmt(r.offeredPerSecond)} (${fmt(r.fraction * 100)} %) | ${fmt(r.acceptedPerSecond)} | ${fmt(
          r.refusedPerSecond,
        )} | ${fmt(r.completedPerSecond)} | ${fmt(r.completionToAcceptance, 2)} | ${fmt(r.backlogAtEnd)} (+${fmt(
          r.unansweredAtEnd,
        )}) | ${fmt(r.drainSeconds, 1)} | ${fmt(r.latencyP99Ms)} | ${r.keepsPace ? 'yes' : 'no'}${
          r.lost ? `, ${r.lost} LOST` : ''
        } | ${load(r)} |`,
      );
    }
  }
  return lines.join('\n');
}

/** Issue 15 item 3: at every offered rate and under closed-loop overload, on every store measured. */
function intakeTarget(intake) {
  const label = 'item 3: completions keep pace with acceptances at every offered rate, backlog bounded, nothing lost';
  const stores = intake?.stores ?? [];
  if (!stores.length) return target(label, undefined, false);
  const misses = [];
  for (const store of stores) {
    if (store.failed) {
      misses.push(`${store.store} failed`);
      continue;
    }
    if (store.closedLoop.completionToAcceptance < intake.pace)
      misses.push(`${store.store} closed loop ${fmt(store.closedLoop.completionToAcceptance, 2)}`);
    for (const r of store.rows)
      if (!r.keepsPace || r.lost)
        misses.push(
          `${store.store} at ${fmt(r.fraction * 100)} %: ${fmt(r.completionToAcceptance, 2)}, backlog ${r.backlogAtEnd}`,
        );
  }
  const measured = misses.length
    ? `not at ${misses.join('; ')}`
    : `${stores.map((s) => s.store).join(' and ')}, ${stores[0].rows.length} rates + closed loop`;
  return target(label, `${measured}${dated(intake)}`, misses.length === 0);
}

/** The markdown printed at the end of `npm run bench` and saved as bench/results/summary.md. */
export function summaryMarkdown(results, startedAt) {
  runStartedAt = startedAt;
  const { peers, workers } = results;
  const m = peers?.machine;
  const parts = [`# npm run bench — ${new Date().toISOString().slice(0, 16)}Z`, ''];
  if (m)
    parts.push(
      `Machine: ${m.cpus} CPUs (${m.cpuModel}), ${m.memoryGb} GB, Node ${m.node}; load average at start ${m.loadavgAtStart.join(
        ' / ',
      )} (1/5/15 min). ${peers.connections} connections, ${peers.durationSeconds} s per measurement after a warm-up.`,
      'req/s counts 2xx answers only (200, or 202 in async mode); 503s and errors are in the notes.',
      '',
      peersTable(peers),
      '',
    );
  if (workers?.rows?.length) parts.push('Scale out (workers.bench.mjs):', '', workersTable(workers), '');
  if (workers?.unavailable) parts.push(`Scale out: ${workers.unavailable}`, '');
  if (results.intake?.stores?.length)
    parts.push(
      `Intake (intake.bench.mjs, ${results.intake.secondsPerRate} s per open-loop rate; Koa ${fmt(
        results.intake.koa?.requestsPerSecond,
      )} req/s in the same run):`,
      '',
      intakeTable(results.intake),
      '',
    );
  if (results.profile?.top?.length) parts.push(profileTable(results.profile), '');
  if (results.profileBefore?.top?.length)
    parts.push(
      `Before the Performance issue (${results.profileBefore.commit}), the same profile:`,
      '',
      profileTable(results.profileBefore),
      '',
    );
  parts.push('Targets:', '', targets(results), intakeTarget(results.intake), '');
  return parts.join('\n');
}

/** profile.bench.mjs: where one respond-mode webhook's CPU goes, by self time. */
export function profileTable(profile) {
  const lines = [
    `CPU profile (profile.bench.mjs, ${profile.subject}${profile.commit ? ` at ${profile.commit}` : ''}: ${fmt(
      profile.requestsPerSecond,
    )} req/s under the profiler, ${fmt(profile.microsecondsPerRequest)} µs of the main thread per request${dated(
      profile,
    )}). Top 10 by self time:`,
    '',
    '| % | self ms | function | where |',
    '|---:|---:|---|---|',
  ];
  for (const e of profile.top)
    lines.push(
      `| ${fmt(e.percent, 1)} | ${fmt(e.ms)} | ${e.name.replaceAll('|', '\\|')} | ${e.where.replaceAll('|', '\\|')} |`,
    );
  const buckets = profile.buckets.map((b) => `${b.name} ${fmt(b.percent, 1)} %`).join(', ');
  lines.push('', `By area: ${buckets}.`);
  return lines.join('\n');
}
