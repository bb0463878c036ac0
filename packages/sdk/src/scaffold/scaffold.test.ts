// Proves that a freshly scaffolded connector works: the registry loads it, the testing kit runs its action,
// and its own test file passes under vitest — all from a directory in os.tmpdir().
import { spawnSync } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createConnectorRegistry, scaffoldConnector } from '../runtime.js';
import { runAction, startFakeApi } from '../testing/index.js';

const sdkDir = fileURLToPath(new URL('../..', import.meta.url));
const require = createRequire(import.meta.url);
const vitestDir = dirname(require.resolve('vitest/package.json'));
const typesNodeDir = dirname(require.resolve('@types/node/package.json'));
const tscBin = join(dirname(require.resolve('typescript/package.json')), 'bin', 'tsc');
let root: string;
let dir: string;

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'weft-scaffold-'));
  dir = join(root, 'acme-crm');
  // What `pnpm install` would provide next to the package.
  await mkdir(join(root, 'node_modules', '@weft'), { recursive: true });
  await symlink(sdkDir, join(root, 'node_modules', '@weft', 'sdk'));
  await symlink(vitestDir, join(root, 'node_modules', 'vitest'));
  await mkdir(join(root, 'node_modules', '@types'));
  await symlink(typesNodeDir, join(root, 'node_modules', '@types', 'node'));
});
afterAll(() => rm(root, { recursive: true, force: true }));

describe('scaffoldConnector', () => {
  test('writes a package with one action, one trigger, a test and a README', async () => {
    const result = await scaffoldConnector({ name: 'acme-crm', dir });
    expect(result.files.sort()).toEqual([
      '.gitignore',
      'README.md',
      'package.json',
      'src/actions/get-item.ts',
      'src/index.test.ts',
      'src/index.ts',
      'src/triggers/new-item.ts',
      'tsconfig.json',
    ]);
    const pkg = JSON.parse(await readFile(join(dir, 'package.json'), 'utf8')) as Record<string, unknown>;
    expect(pkg).toMatchObject({
      name: 'weft-connector-acme-crm',
      weft: { connector: true },
      dependencies: { '@weft/sdk': 'workspace:*' },
    });
    expect(await readFile(join(dir, 'README.md'), 'utf8')).toMatch(/^# Acme Crm connector for Weft/);
  });

  test('the registry loads it and its action runs through the testing kit', async () => {
    const registry = createConnectorRegistry();
    const report = await registry.loadConnectors({ dirs: [root] });
    expect(report).toEqual({ loaded: [{ name: 'acme-crm', version: '0.1.0', source: dir }], problems: [] });
    expect(registry.hasAction('acme-crm@0.getItem')).toBe(true);
    expect(registry.hasTrigger('acme-crm@0', 'newItem')).toBe(true);
    const api = await startFakeApi({ 'GET /v1/items/7': () => ({ json: { id: '7', name: 'Seven' } }) });
    try {
      const run = await runAction(registry.get('acme-crm@0')!.connector, 'getItem', {
        input: { id: '7' },
        credentials: { apiKey: 'k' },
        baseUrl: `${api.url}/v1`,
      });
      expect(run.output).toEqual({ id: '7', name: 'Seven' });
    } finally {
      await api.close();
      await registry.close();
    }
  });

  test('it compiles under strict TypeScript', () => {
    // customConditions: resolve @weft/sdk to its sources, as inside the Weft repository.
    const child = spawnSync(
      process.execPath,
      [tscBin, '-p', join(dir, 'tsconfig.json'), '--noEmit', '--customConditions', 'weft-source'],
      {
        encoding: 'utf8',
        timeout: 60_000,
      },
    );
    expect(child.status, `${child.stdout}${child.stderr}`).toBe(0);
  });

  test('its own tests pass immediately', async () => {
    const config = join(root, 'vitest.config.mjs');
    await writeFile(
      config,
      `export default {
  resolve: { conditions: ['weft-source', 'node', 'import', 'default'] },
  ssr: { resolve: { conditions: ['weft-source', 'node'], externalConditions: ['weft-source', 'node'] } },
  test: { include: ['src/**/*.test.ts'] },
};\n`,
    );
    const env = Object.fromEntries(
      Object.entries(process.env).filter(([name]) => !name.startsWith('VITEST') && name !== 'NODE_OPTIONS'),
    );
    const child = spawnSync(
      process.execPath,
      [join(vitestDir, 'vitest.mjs'), 'run', '--root', dir, '--config', config],
      {
        cwd: dir,
        env: { ...env, CI: '1', NO_COLOR: '1' },
        encoding: 'utf8',
        timeout: 60_000,
      },
    );
    const output = `${child.stdout}\n${child.stderr}`;
    expect(output).toMatch(/Tests\s+2 passed \(2\)/);
    expect(child.status, output).toBe(0);
  });

  test('refuses bad names and non-empty directories', async () => {
    await expect(scaffoldConnector({ name: 'Acme CRM', dir: join(root, 'x') })).rejects.toMatchObject({
      code: 'scaffold_bad_name',
    });
    await expect(scaffoldConnector({ name: 'acme-crm', dir })).rejects.toMatchObject({
      code: 'scaffold_dir_not_empty',
    });
  });
});
