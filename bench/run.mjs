#!/usr/bin/env node
// `npm run bench`: runs every bench/*.bench.mjs in its own process (after the bootstrap built everything), then
// prints the combined table and targets from the JSON each wrote to bench/results/ (also saved as
// bench/results/summary.md). `npm run bench -- peers` runs only the benches whose file name contains "peers".
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { summaryMarkdown } from './lib/summary.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const only = process.argv[2];
const startedAt = Date.now();
let failed = 0;
for (const file of readdirSync(here)
  .filter((f) => f.endsWith('.bench.mjs'))
  .sort()) {
  if (only && !file.includes(only)) continue;
  process.stderr.write(`\n[bench] ${file}\n`);
  // Each bench prints its JSON on stdout; only the combined summary goes to stdout here.
  const result = spawnSync(process.execPath, ['--expose-gc', join(here, file)], {
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  if (result.status !== 0) {
    failed++;
    process.stderr.write(`[bench] ${file} failed (exit ${result.status ?? result.signal})\n`);
  }
}

const read = (name) => {
  const path = join(here, 'results', `${name}.json`);
  return existsSync(path) ? JSON.parse(readFileSync(path, 'utf8')) : undefined;
};
const markdown = summaryMarkdown(
  {
    peers: read('peers'),
    sandbox: read('sandbox'),
    foreach: read('foreach'),
    foreachServer: read('foreach-server'),
    workers: read('workers'),
    intake: read('intake'),
    profile: read('profile'),
    profileBefore: read('profile-before'),
  },
  startedAt,
);
process.stdout.write(`\n${markdown}`);
writeFileSync(join(here, 'results', 'summary.md'), markdown);
process.exit(failed ? 1 : 0);
