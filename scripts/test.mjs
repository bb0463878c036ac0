#!/usr/bin/env node
// `npm test`: every check of the repository, in order of speed; exits non-zero on the first failure.
// Runs under the provisioned toolchain (see bootstrap.mjs), after install and build.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = dirname(dirname(fileURLToPath(import.meta.url)));
const bin = (name) => join(root, 'node_modules', '.bin', name);

function step(title, cmd, args, env = {}) {
  process.stderr.write(`\n[weft test] ${title}\n`);
  const result = spawnSync(cmd, args, { stdio: 'inherit', cwd: root, env: { ...process.env, ...env } });
  if (result.status !== 0) {
    process.stderr.write(`[weft test] ${title} failed\n`);
    process.exit(result.status ?? 1);
  }
}

step('format (prettier)', bin('prettier'), ['--check', '--log-level=warn', '.']);
step('lint (eslint)', bin('eslint'), ['.', '--max-warnings=0']);
step('type-check tests (tsc)', bin('tsc'), ['-p', 'tsconfig.tests.json']);
step('unit and integration tests (vitest)', bin('vitest'), ['run', ...process.argv.slice(2)]);
if (existsSync(join(root, 'e2e', 'run.mjs')))
  step('browser end-to-end (playwright)', process.execPath, [join(root, 'e2e', 'run.mjs')]);
