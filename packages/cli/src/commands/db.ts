// `weft db copy`: moves an installation from the embedded SQLite file to PostgreSQL (any two Weft databases
// work). The store does the copying (@weft/store copyStore: what is copied and why, batches, keys); this file
// checks the command line, turns the store's refusals into exit codes and prints the counts per table.
import { WeftError } from '@weft/core';
import { copyStore, parseStoreUrl, redactUrl } from '@weft/store';
import type { CopyReport, TableCount } from '@weft/store';
import { existsSync } from 'node:fs';
import { CliError, EXIT } from '../exit-codes.js';
import { guard } from './flow-file.js';

export interface DbCopyOptions {
  from: string;
  to: string;
  schema?: string;
  history?: boolean;
  intoNonEmpty?: boolean;
  batchSize?: string;
  json?: boolean;
}

export function dbCopyCommand(options: DbCopyOptions): Promise<void> {
  return guard(async () => {
    const from = parseStoreUrl(options.from);
    if (from.dialect === 'sqlite') {
      // Opening a missing file would create an empty database and copy nothing, successfully.
      if (from.path === ':memory:')
        throw new CliError('--from names an in-memory database: nothing to copy', EXIT.usage);
      if (!existsSync(from.path)) throw new CliError(`cannot read database ${from.path}: no such file`, EXIT.noInput);
    }
    const batchSize = options.batchSize === undefined ? undefined : Number(options.batchSize);
    if (batchSize !== undefined && !Number.isSafeInteger(batchSize)) {
      throw new CliError(`--batch-size must be a whole number, got "${options.batchSize}"`, EXIT.usage);
    }
    const to = { url: options.to, ...(options.schema === undefined ? {} : { schema: options.schema }) };
    const progress = process.stderr.isTTY && !options.json;
    let report: CopyReport;
    try {
      report = await copyStore({
        from: { url: options.from },
        to,
        history: options.history === true,
        intoNonEmpty: options.intoNonEmpty === true,
        ...(batchSize === undefined ? {} : { batchSize }),
        onTable: progress
          ? (c) => process.stderr.write(`${c.table}: ${c.copied} copied, ${c.updated} updated, ${c.present} present\n`)
          : undefined,
      });
    } catch (error) {
      if (error instanceof WeftError && error.code === 'store_copy_target_not_empty') {
        throw new CliError(
          `${error.message} Copy into an empty database${options.schema ? ' or schema' : ' (or a new --schema)'}, ` +
            'or pass --into-non-empty to copy into it anyway: rows are matched by their ids, the source wins where ' +
            'they differ, and rows only on the target stay.',
          EXIT.invalidFlow,
        );
      }
      throw error;
    }
    const where = {
      from: redactUrl(options.from),
      to: redactUrl(options.to),
      ...(options.schema ? { schema: options.schema } : {}),
    };
    if (options.json) {
      process.stdout.write(`${JSON.stringify({ ...where, history: options.history === true, ...report }, null, 2)}\n`);
      return;
    }
    process.stdout.write(formatReport(where, report));
  });
}

function formatReport(where: { from: string; to: string; schema?: string }, report: CopyReport): string {
  const header: [string, string, string, string] = ['table', 'copied', 'updated', 'present'];
  const rows = report.tables.map((t: TableCount): [string, string, string, string] => [
    t.table,
    String(t.copied),
    String(t.updated),
    String(t.present),
  ]);
  const width = Math.max(...[header, ...rows].map((row) => row[0].length));
  const line = (row: [string, string, string, string]) =>
    `${row[0].padEnd(width)}  ${row
      .slice(1)
      .map((cell) => cell.padStart(8))
      .join('')}`.trimEnd();
  return [
    `copied ${where.from} → ${where.to}${where.schema ? ` (schema ${where.schema})` : ''}`,
    line(header),
    ...rows.map(line),
    'not copied:',
    ...report.notCopied.map(
      (t) => `  ${t.table}: ${t.reason}${t.reason.startsWith('run history') ? ' (--history)' : ''}`,
    ),
    '',
  ].join('\n');
}
