// Reads a V8 CPU profile (the inspector's Profiler.stop result) into the figures the bench reports: the top
// self-time entries, aggregated by function and source position so one function's many call paths count once,
// and coarse buckets by where the code lives. Idle time is left out; "(program)" counts as busy but is no entry.
import { basename } from 'node:path';

// A native frame with no name is a C++ binding (better-sqlite3's statement.run, isolated-vm's applySync...):
// it is told apart by the JavaScript that called it (`parent`).
const SQLITE_CALLER = /better-sqlite3|sqlite-driver|packages\/store\//;
const BUCKETS = [
  ['SQLite (native statements)', (n) => n.url === '' && n.name === '' && SQLITE_CALLER.test(n.parentUrl)],
  ['better-sqlite3 JS', (n) => n.url.includes('better-sqlite3')],
  ['kysely', (n) => n.url.includes('kysely')],
  [
    'sandbox (isolated-vm)',
    (n) => n.name === 'applySync' || n.url.includes('isolated-vm') || n.url.includes('/sandbox/'),
  ],
  ['Koa and its middleware', (n) => /node_modules\/(\.pnpm\/)?(koa|@koa|co-body|raw-body)/.test(n.url)],
  ['pino', (n) => n.url.includes('pino')],
  ['Node core (http, net, streams)', (n) => n.url.startsWith('node:')],
  ['GC', (n) => n.name === '(garbage collector)'],
];

function place(frame) {
  const path = frame.url.replace(/^file:\/\//, '');
  const pkg = path.match(/node_modules\/(?:\.pnpm\/[^/]+\/node_modules\/)?((?:@[^/]+\/)?[^/]+)/)?.[1];
  const local = path.match(/packages\/([^/]+)\/(?:dist|src)\/(.+)$/);
  const file = pkg ? `${pkg}/${basename(path)}` : local ? `${local[1]}/${local[2]}` : basename(path);
  return `${file}:${frame.lineNumber + 1}`;
}

function label(node, parent) {
  const frame = node.callFrame;
  if (frame.url) return { name: frame.functionName || '(anonymous)', where: place(frame) };
  if (frame.functionName) return { name: frame.functionName, where: '(native)' };
  const caller = parent?.callFrame;
  return caller?.url
    ? { name: '(native binding)', where: `called by ${caller.functionName || '(anonymous)'} ${place(caller)}` }
    : { name: '(native binding)', where: '(native)' };
}

/** The `count` largest self-time entries of `profile`, with busy and idle time and the coarse buckets. */
export function topSelfTime(profile, count) {
  const selfUs = new Map();
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parentOf = new Map();
  for (const node of profile.nodes) for (const child of node.children ?? []) parentOf.set(child, byId.get(node.id));
  const deltas = profile.timeDeltas ?? [];
  profile.samples.forEach((id, i) => {
    const dt = deltas[i + 1] ?? 0;
    selfUs.set(id, (selfUs.get(id) ?? 0) + dt);
  });
  const entries = new Map();
  const buckets = new Map(BUCKETS.map(([name]) => [name, 0]));
  let totalUs = 0;
  let idleUs = 0;
  for (const [id, us] of selfUs) {
    const node = byId.get(id);
    totalUs += us;
    const name = node.callFrame.functionName;
    if (name === '(idle)' || name === '(program)') {
      if (name === '(idle)') idleUs += us;
      continue;
    }
    const parent = parentOf.get(id);
    const { name: fn, where } = label(node, parent);
    const key = `${fn} ${where}`;
    const entry = entries.get(key) ?? { name: fn, where, us: 0 };
    entry.us += us;
    entries.set(key, entry);
    const facts = { name, url: node.callFrame.url, parentUrl: parent?.callFrame.url ?? '' };
    const bucket = BUCKETS.find(([, test]) => test(facts));
    if (bucket) buckets.set(bucket[0], buckets.get(bucket[0]) + us);
  }
  const busyUs = totalUs - idleUs;
  const pct = (us) => Number(((us / busyUs) * 100).toFixed(1));
  const top = [...entries.values()]
    .sort((a, b) => b.us - a.us)
    .slice(0, count)
    .map((e) => ({ name: e.name, where: e.where, ms: Math.round(e.us / 1000), percent: pct(e.us) }));
  return {
    busyMs: Math.round(busyUs / 1000),
    idleMs: Math.round(idleUs / 1000),
    top,
    buckets: [...buckets].map(([name, us]) => ({ name, ms: Math.round(us / 1000), percent: pct(us) })),
  };
}
