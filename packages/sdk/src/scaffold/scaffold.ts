// scaffoldConnector: writes a new connector package (exposed by the CLI as `weft connector new <name>`).
// Refuses to write into a directory that already has files.
import { mkdir, readdir, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { WeftError } from '@weft/core';
import * as t from './templates.js';

export interface ScaffoldOptions {
  /** Connector name: lower case letters, digits and dashes, starting with a letter (`acme-crm`). */
  name: string;
  /** The package directory to create, e.g. `<repo>/connectors/acme-crm`. */
  dir: string;
  /** Shown in the editor (default: the name in title case). */
  title?: string;
  /** Version range of @weft/sdk in package.json (default `workspace:*`, right inside the Weft repository). */
  sdkVersion?: string;
}

export interface ScaffoldResult {
  dir: string;
  /** Paths relative to `dir`. */
  files: string[];
}

export async function scaffoldConnector(options: ScaffoldOptions): Promise<ScaffoldResult> {
  if (!/^[a-z][a-z0-9-]*$/.test(options.name) || options.name.length > 64) {
    throw new WeftError(
      'scaffold_bad_name',
      `"${options.name}" is not a connector name: use lower case letters, digits and dashes, starting with a letter`,
      { fault: 'user' },
    );
  }
  const dir = resolve(options.dir);
  const existing = await readdir(dir).catch(() => [] as string[]);
  if (existing.length > 0) {
    throw new WeftError('scaffold_dir_not_empty', `${dir} already exists and is not empty`, { fault: 'user' });
  }
  const names: t.TemplateNames = {
    name: options.name,
    title:
      options.title ??
      options.name
        .split('-')
        .map((w) => w.charAt(0).toUpperCase() + w.slice(1))
        .join(' '),
    sdkVersion: options.sdkVersion ?? 'workspace:*',
  };
  const files: Record<string, string> = {
    'package.json': t.packageJson(names),
    'tsconfig.json': t.tsconfigJson(),
    'README.md': t.readme(names),
    '.gitignore': t.gitignore(),
    'src/index.ts': t.indexTs(names),
    'src/index.test.ts': t.indexTestTs(),
    'src/actions/get-item.ts': t.actionTs(),
    'src/triggers/new-item.ts': t.triggerTs(),
  };
  for (const [path, content] of Object.entries(files)) {
    const target = join(dir, path);
    await mkdir(dirname(target), { recursive: true });
    await writeFile(target, content, { flag: 'wx' });
  }
  return { dir, files: Object.keys(files) };
}
