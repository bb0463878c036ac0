import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createConnectorRegistry } from '../runtime.js';
import { actionContext } from '../test-support/action-context.js';

let root: string;

/** A connector module as plain ESM (no imports needed: defineConnector only freezes the object). */
const connectorModule = (name: string, version: string, extra = '') => `export default {
  name: '${name}', version: '${version}', title: '${name}', description: 'test', ${extra}
  actions: [{ key: 'ping', title: 'Ping', description: 'Pong', input: { type: 'object' }, output: {}, run: async () => 'pong' }],
  triggers: [{ key: 'tick', kind: 'schedule', title: 'Tick', description: 'Ticks', schedule: { cron: '* * * * *' } }],
};
`;

async function writePackage(dir: string, pkg: object, files: Record<string, string>) {
  await mkdir(dir, { recursive: true });
  await writeFile(join(dir, 'package.json'), JSON.stringify(pkg));
  for (const [path, content] of Object.entries(files)) {
    await mkdir(dirname(join(dir, path)), { recursive: true });
    await writeFile(join(dir, path), content);
  }
}

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'weft-loader-'));
  const connectors = join(root, 'connectors');
  await writePackage(
    join(connectors, 'good'),
    {
      name: 'good',
      type: 'module',
      exports: { '.': { 'weft-source': './src/index.mjs', default: './dist/index.mjs' } },
    },
    {
      'src/index.mjs': connectorModule('good', '1.2.0'),
    },
  );
  await writePackage(
    join(connectors, 'throws'),
    { name: 'throws', type: 'module', main: 'index.mjs' },
    {
      'index.mjs': "throw new Error('boom at import');\n",
    },
  );
  await writePackage(
    join(connectors, 'invalid'),
    { name: 'invalid', type: 'module', main: 'index.mjs' },
    {
      'index.mjs': connectorModule('invalid', 'one'),
    },
  );
  await writePackage(
    join(connectors, 'nodefault'),
    { name: 'nodefault', type: 'module', main: 'index.mjs' },
    {
      'index.mjs': 'export const connector = {};\n',
    },
  );
  await writePackage(join(connectors, 'unbuilt'), { name: 'unbuilt', type: 'module', main: 'dist/index.mjs' }, {});
  await writePackage(join(connectors, 'badjson'), {}, {});
  await writeFile(join(connectors, 'badjson', 'package.json'), '{ nope');
  await mkdir(join(connectors, 'not-a-package'));
  await mkdir(join(connectors, '.tmp-scratch'));

  const modules = join(root, 'node_modules');
  await writePackage(
    join(modules, 'weft-connector-npm'),
    {
      name: 'weft-connector-npm',
      type: 'module',
      weft: { connector: true },
      exports: { '.': { 'weft-source': './src/missing.mjs', import: './dist/index.mjs' } },
    },
    {
      'dist/index.mjs': connectorModule('npm', '2.0.1'),
    },
  );
  await writePackage(
    join(modules, '@acme', 'weft-crm'),
    { name: '@acme/weft-crm', type: 'module', weft: { connector: true }, main: 'main.mjs' },
    {
      'main.mjs': connectorModule('crm', '0.3.0'),
    },
  );
  await writePackage(
    join(modules, 'left-pad'),
    { name: 'left-pad', main: 'index.js' },
    { 'index.js': 'throw new Error("never imported")' },
  );
  // pnpm layout: packages are symlinks.
  await writePackage(
    join(root, 'store', 'linked'),
    { name: 'linked', type: 'module', weft: { connector: true }, main: 'index.mjs' },
    {
      'index.mjs': connectorModule('linked', '1.0.0'),
    },
  );
  await symlink(join(root, 'store', 'linked'), join(modules, 'linked'));
});
afterAll(() => rm(root, { recursive: true, force: true }));

describe('loadConnectors', () => {
  test('loads connector directories and flagged npm packages; broken ones become problems', async () => {
    const registry = createConnectorRegistry();
    const report = await registry.loadConnectors({
      dirs: [join(root, 'connectors'), join(root, 'missing')],
      nodeModules: [join(root, 'node_modules')],
    });
    expect(report.loaded.map((l) => `${l.name}@${l.version}`).sort()).toEqual([
      'crm@0.3.0',
      'good@1.2.0',
      'linked@1.0.0',
      'npm@2.0.1',
    ]);
    expect(report.loaded.find((l) => l.name === 'npm')?.source).toBe('weft-connector-npm');
    const problems = Object.fromEntries(registry.problems.map((p) => [p.source.split('/').pop(), p]));
    expect(Object.keys(problems).sort()).toEqual(['badjson', 'invalid', 'nodefault', 'throws', 'unbuilt']);
    expect(problems.unbuilt?.message).toMatch(
      /its entry dist\/index\.mjs does not exist \(build the package first\?\)$/,
    );
    expect(problems.throws).toMatchObject({
      code: 'connector_import_failed',
      message: expect.stringContaining('boom at import'),
    });
    expect(problems.invalid).toMatchObject({
      code: 'connector_manifest_invalid',
      connector: 'invalid',
      message: expect.stringMatching(
        /^Invalid manifest of connector "invalid" from .*invalid: \/version: must match pattern/,
      ),
    });
    expect(problems.nodefault).toMatchObject({ code: 'connector_no_default_export' });
    expect(problems.badjson).toMatchObject({ code: 'connector_import_failed' });

    expect(registry.hasAction('good@1.ping')).toBe(true);
    expect(registry.hasTrigger('crm@0', 'tick')).toBe(true);
    await expect(registry.resolve('npm@2.ping')!(actionContext())).resolves.toBe('pong');
    expect(registry.manifests().map((m) => m.name)).toEqual(['crm', 'good', 'linked', 'npm']);
    await registry.close();
  });
});
