// Connectors get the runtime's settings through their context (`ctx.outbound`, `ctx.http`), never from the
// server's environment: a connector reading WEFT_OUTBOUND_ALLOW itself would ignore the server's outbound
// option, which is a security boundary. This scans every connector's shipped source (tests and their
// test-support helpers may read test settings such as WEFT_TEST_POSTGRES_URL).
import { readdir, readFile } from 'node:fs/promises';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test } from 'vitest';

const CONNECTORS = join(dirname(fileURLToPath(import.meta.url)), '../..');

async function sourceFiles(dir: string): Promise<string[]> {
  const files: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      if (entry.name !== 'node_modules' && entry.name !== 'test-support') files.push(...(await sourceFiles(path)));
    } else if (/\.[cm]?[jt]sx?$/.test(entry.name) && !/\.test\.[cm]?[jt]sx?$/.test(entry.name)) {
      files.push(path);
    }
  }
  return files;
}

test('no connector reads the environment', async () => {
  const connectors = await readdir(CONNECTORS, { withFileTypes: true });
  const scanned: string[] = [];
  const offenders: string[] = [];
  for (const connector of connectors.filter((c) => c.isDirectory())) {
    const src = join(CONNECTORS, connector.name, 'src');
    const files = await sourceFiles(src).catch(() => []);
    for (const file of files) {
      scanned.push(file);
      const text = await readFile(file, 'utf8');
      if (/\bprocess\s*(\.\s*env\b|\[\s*['"`]env['"`]\s*\])|\bimport\.meta\.env\b|node:process/.test(text))
        offenders.push(relative(CONNECTORS, file));
    }
  }
  expect(scanned.length).toBeGreaterThan(10);
  expect(offenders).toEqual([]);
});
