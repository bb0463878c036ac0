// `weft flows export` and `weft flows import`: flows as code. Export writes one pretty-printed flow file per flow
// (<id>.json: published version and draft, credentials by name; the same flow always gives the same bytes), import
// reads such a folder and prints the server's plan (created, changed, unchanged, credentials missing here) as it
// applies it, or only prints it with --dry-run. Both go through the running server's API (see ../api-client.ts).
import { flowFileName, flowFileProblems, flowFileText, type FlowFile } from '@weft/core';
import type { Reply } from '@weft/core/contract';
import { existsSync } from 'node:fs';
import { mkdir, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { apiClient, type ApiOptions } from '../api-client.js';
import { CliError, EXIT } from '../exit-codes.js';
import { guard, readJsonFile } from './flow-file.js';

type ImportPlan = Reply<'importFlows'>;

export interface ExportOptions extends ApiOptions {
  dir: string;
}

export interface ImportOptions extends ApiOptions {
  dir: string;
  dryRun?: boolean;
  map?: string[];
  json?: boolean;
}

export function flowsExportCommand(options: ExportOptions): Promise<void> {
  return guard(async () => {
    const api = apiClient(options);
    const { items } = await api.call<{ items: FlowFile[] }>('GET', '/api/export/flows');
    await mkdir(options.dir, { recursive: true });
    for (const file of items) await writeFile(join(options.dir, flowFileName(file.id)), flowFileText(file));
    process.stdout.write(`exported ${items.length} flow(s) from ${api.url} to ${options.dir}\n`);
  });
}

export function flowsImportCommand(options: ImportOptions): Promise<void> {
  return guard(async () => {
    const credentials = mappingOf(options.map ?? []);
    const files = await readFlowFiles(options.dir);
    const api = apiClient(options);
    const plan = await api.call<ImportPlan>('POST', '/api/import/flows', {
      files,
      credentials,
      dryRun: options.dryRun === true,
    });
    process.stdout.write(options.json ? `${JSON.stringify(plan, null, 2)}\n` : formatPlan(plan));
  });
}

/** `--map "CRM production=CRM staging"`: a credential name in the files → a credential name or id here. */
function mappingOf(pairs: string[]): Record<string, string> {
  const mapping: Record<string, string> = {};
  for (const pair of pairs) {
    const at = pair.indexOf('=');
    if (at <= 0 || at === pair.length - 1)
      throw new CliError(`--map takes <name in files>=<credential here>, got "${pair}"`, EXIT.usage);
    mapping[pair.slice(0, at)] = pair.slice(at + 1);
  }
  return mapping;
}

async function readFlowFiles(dir: string): Promise<FlowFile[]> {
  if (!existsSync(dir)) throw new CliError(`cannot read folder ${dir}: no such folder`, EXIT.noInput);
  const names = (await readdir(dir)).filter((name) => name.endsWith('.json')).sort();
  const files: FlowFile[] = [];
  for (const name of names) {
    const path = join(dir, name);
    const value = await readJsonFile(path, 'flow file');
    const problems = flowFileProblems(value);
    if (problems.length)
      throw new CliError(problems.map((p) => `${path}: ${p.pointer || '/'} ${p.message}`).join('\n'), EXIT.invalidFlow);
    files.push(value as FlowFile);
  }
  return files;
}

export function formatPlan(plan: ImportPlan): string {
  const lines = [plan.applied ? 'plan (applied):' : 'plan (dry run, nothing changed):'];
  const width = Math.max(0, ...plan.flows.map((f) => f.id.length));
  for (const flow of plan.flows) {
    const what = flow.action === 'create' ? 'created' : flow.action === 'update' ? 'changed' : 'unchanged';
    const detail = flow.changes.length ? ` (${flow.changes.join(', ')})` : '';
    const state = flow.active ? 'active' : 'inactive';
    lines.push(`  ${what.padEnd(9)}  ${flow.id.padEnd(width)}  ${JSON.stringify(flow.name)}${detail}, ${state}`);
  }
  if (plan.missingCredentials.length) {
    lines.push(
      'credentials missing on this instance (their flows are imported inactive; connect them, then import again):',
    );
    for (const missing of plan.missingCredentials)
      lines.push(
        `  ${JSON.stringify(missing.credential)}${missing.connector ? ` (${missing.connector})` : ''}: ${missing.flows.join(', ')}`,
      );
  }
  const count = (action: string) => plan.flows.filter((f) => f.action === action).length;
  lines.push(
    `${plan.flows.length} flow(s): ${count('create')} created, ${count('update')} changed, ${count('unchanged')} unchanged, ` +
      `${plan.missingCredentials.length} credential(s) missing`,
    '',
  );
  return lines.join('\n');
}
