// Finding connector packages on disk: every package directory under the given `dirs`, and every installed npm
// package whose package.json says `"weft": { "connector": true }`. Importing one yields its default export;
// validating it is the registry's job. Nothing here throws for a broken package: it becomes a problem.
import { readdir, readFile, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

export interface LoadConnectorsOptions {
  /** Directories whose sub-directories are connector packages (e.g. `<repo>/connectors`). */
  dirs?: readonly string[];
  /** Scan installed packages: `true` = `<cwd>/node_modules`, or the node_modules directories to scan. */
  nodeModules?: boolean | readonly string[];
  /** Export conditions for packages under `dirs` (default `import`, `node`, `default`, plus `weft-source` when
   * the SDK itself runs from sources). */
  conditions?: readonly string[];
}

export interface ConnectorPackage {
  dir: string;
  /** How problems and manifests name it: the package name, or the directory. */
  source: string;
  conditions: readonly string[];
}

export type ImportResult =
  | { ok: true; value: unknown }
  | { ok: false; code: 'connector_import_failed' | 'connector_no_default_export'; message: string };

const INSTALLED_CONDITIONS = ['import', 'node', 'default'];
// When the SDK itself runs from TypeScript sources (vitest, a TS loader), connector packages can be loaded from
// theirs too (`weft-source`); under plain Node they load their built entry.
const SOURCE_CONDITIONS = import.meta.url.endsWith('.ts')
  ? ['weft-source', ...INSTALLED_CONDITIONS]
  : INSTALLED_CONDITIONS;

interface PackageJson {
  name?: string;
  main?: string;
  module?: string;
  exports?: unknown;
  weft?: { connector?: boolean };
}

export async function findConnectorPackages(options: LoadConnectorsOptions): Promise<ConnectorPackage[]> {
  const found: ConnectorPackage[] = [];
  for (const dir of options.dirs ?? []) {
    for (const child of await subdirectories(resolve(dir))) {
      if (child.name.startsWith('.') || child.name.startsWith('_') || child.name === 'node_modules') continue;
      if (!(await isFile(join(child.path, 'package.json')))) continue;
      found.push({ dir: child.path, source: child.path, conditions: options.conditions ?? SOURCE_CONDITIONS });
    }
  }
  const nodeModules =
    options.nodeModules === true
      ? [join(process.cwd(), 'node_modules')]
      : options.nodeModules === false
        ? []
        : (options.nodeModules ?? []);
  for (const root of nodeModules) {
    for (const entry of await subdirectories(resolve(root))) {
      const dirs = entry.name.startsWith('@')
        ? await subdirectories(entry.path)
        : entry.name.startsWith('.')
          ? []
          : [entry];
      for (const pkgDir of dirs) {
        const pkg = await readPackageJson(pkgDir.path).catch(() => undefined);
        if (pkg?.weft?.connector === true) {
          found.push({ dir: pkgDir.path, source: pkg.name ?? pkgDir.path, conditions: INSTALLED_CONDITIONS });
        }
      }
    }
  }
  return found;
}

export async function importConnectorPackage(pkg: ConnectorPackage): Promise<ImportResult> {
  try {
    const json = await readPackageJson(pkg.dir);
    const entry = resolveEntry(json, pkg.conditions);
    if (!(await isFile(join(pkg.dir, entry)))) {
      return {
        ok: false,
        code: 'connector_import_failed',
        message: `Could not load connector package ${pkg.source}: its entry ${entry} does not exist (build the package first?)`,
      };
    }
    const module = (await import(pathToFileURL(join(pkg.dir, entry)).href)) as { default?: unknown };
    if (module.default === undefined) {
      return {
        ok: false,
        code: 'connector_no_default_export',
        message: `${pkg.source} (${entry}) has no default export: export the result of defineConnector as default`,
      };
    }
    return { ok: true, value: module.default };
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return {
      ok: false,
      code: 'connector_import_failed',
      message: `Could not load connector package ${pkg.source}: ${reason}`,
    };
  }
}

/** The package's main entry under Node's rules for `exports` (first matching condition in key order). */
export function resolveEntry(pkg: PackageJson, conditions: readonly string[]): string {
  const exports = pkg.exports;
  let target: unknown = exports;
  if (exports && typeof exports === 'object' && !Array.isArray(exports)) {
    const keys = Object.keys(exports);
    if (keys.some((k) => k.startsWith('.'))) target = (exports as Record<string, unknown>)['.'];
  }
  const picked = pickCondition(target, conditions);
  return picked ?? pkg.module ?? pkg.main ?? 'index.js';
}

function pickCondition(target: unknown, conditions: readonly string[]): string | undefined {
  if (typeof target === 'string') return target;
  if (Array.isArray(target)) {
    for (const item of target) {
      const found = pickCondition(item, conditions);
      if (found) return found;
    }
    return undefined;
  }
  if (target && typeof target === 'object') {
    for (const [key, value] of Object.entries(target)) {
      if (key === 'default' || conditions.includes(key)) {
        const found = pickCondition(value, conditions);
        if (found) return found;
      }
    }
  }
  return undefined;
}

async function readPackageJson(dir: string): Promise<PackageJson> {
  return JSON.parse(await readFile(join(dir, 'package.json'), 'utf8')) as PackageJson;
}

async function subdirectories(dir: string): Promise<{ name: string; path: string }[]> {
  let names: string[];
  try {
    names = await readdir(dir);
  } catch {
    return [];
  }
  const result: { name: string; path: string }[] = [];
  for (const name of names.sort()) {
    const path = join(dir, name);
    // stat (not lstat): pnpm installs packages as symlinks.
    if ((await stat(path).catch(() => undefined))?.isDirectory()) result.push({ name, path });
  }
  return result;
}

async function isFile(path: string): Promise<boolean> {
  return (await stat(path).catch(() => undefined))?.isFile() ?? false;
}
