// vitest runs `expectTypeOf` assertions as no-ops: this compiles the package's sources *and tests* (including
// define/define.types.test.ts) with tsc, so that the type tests actually fail when inference breaks.
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test } from 'vitest';

test('sources and type tests compile (tsconfig.test.json)', () => {
  const tsc = join(dirname(createRequire(import.meta.url).resolve('typescript/package.json')), 'bin', 'tsc');
  const project = fileURLToPath(new URL('../tsconfig.test.json', import.meta.url));
  const result = spawnSync(process.execPath, [tsc, '-p', project], { encoding: 'utf8', timeout: 120_000 });
  expect(`${result.stdout}${result.stderr}`).toBe('');
  expect(result.status).toBe(0);
});
