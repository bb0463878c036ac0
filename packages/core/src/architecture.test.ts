// Imports point inward: each workspace package may depend only on the packages listed here (see
// docs/architecture.md). TypeScript project references already refuse cycles; this keeps the direction.
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = join(dirname(fileURLToPath(import.meta.url)), '../../..');
const allowed: Record<string, string[]> = {
  '@weft/core': [],
  '@weft/sandbox': ['@weft/core'],
  '@weft/sdk': ['@weft/core'],
  '@weft/store': ['@weft/core'],
  '@weft/server': ['@weft/core', '@weft/sandbox', '@weft/sdk', '@weft/store'],
  '@weft/cli': ['@weft/core', '@weft/sandbox', '@weft/sdk', '@weft/store', '@weft/server'],
  '@weft/editor': ['@weft/core'],
};

function manifests(dir: string): { name: string; deps: string[] }[] {
  return readdirSync(join(root, dir))
    .filter((name) => existsSync(join(root, dir, name, 'package.json')))
    .map((name) => {
      const pkg = JSON.parse(readFileSync(join(root, dir, name, 'package.json'), 'utf8')) as {
        name: string;
        dependencies?: object;
        devDependencies?: object;
      };
      const deps = [...Object.keys(pkg.dependencies ?? {}), ...Object.keys(pkg.devDependencies ?? {})];
      return { name: pkg.name, deps: deps.filter((d) => d.startsWith('@weft/') || d.startsWith('weft-connector-')) };
    });
}

describe('package boundaries', () => {
  it.each(manifests('packages'))('$name depends only on the packages it may', ({ name, deps }) => {
    expect(allowed[name], `${name} is not in the architecture table`).toBeDefined();
    expect(deps.filter((d) => !allowed[name]!.includes(d))).toEqual([]);
  });

  it.each(manifests('connectors'))('$name depends on the SDK only', ({ deps }) => {
    expect(deps.filter((d) => d !== '@weft/sdk')).toEqual([]);
  });
});

/** Production dependencies only one package may have: the heavy native drivers stay behind their package's seam. */
const owners: Record<string, string> = {
  pg: '@weft/store',
  'better-sqlite3': '@weft/store',
  'isolated-vm': '@weft/sandbox',
};

function productionDependencies(dir: string): { name: string; deps: string[] }[] {
  return readdirSync(join(root, dir))
    .filter((name) => existsSync(join(root, dir, name, 'package.json')))
    .map((name) => {
      const pkg = JSON.parse(readFileSync(join(root, dir, name, 'package.json'), 'utf8')) as {
        name: string;
        dependencies?: object;
      };
      return { name: pkg.name, deps: Object.keys(pkg.dependencies ?? {}) };
    });
}

describe('driver ownership', () => {
  it.each(productionDependencies('packages'))('$name ships no driver another package owns', ({ name, deps }) => {
    expect(deps.filter((d) => owners[d] !== undefined && owners[d] !== name)).toEqual([]);
  });
});
