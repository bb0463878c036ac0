// CSV in and out (csv-parse / csv-stringify, RFC 4180 quoting). Rows are objects keyed by the header line,
// or lists of cells without one.
import { ConnectorError } from '@weft/sdk';
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import type { Json } from './paths.js';

export interface ParseCsvOptions {
  delimiter?: string;
  /** First line holds the column names (default true). */
  header?: boolean;
  /** Column names to use instead of a header line. */
  columns?: readonly string[];
  trim?: boolean;
  skipEmptyLines?: boolean;
  /** Turn numeric cells into numbers (default false: every cell is text). */
  numbers?: boolean;
}

export function parseCsv(text: string, options: ParseCsvOptions = {}): Json[] {
  try {
    const rows = parse(text, {
      delimiter: options.delimiter ?? ',',
      columns: options.columns ? [...options.columns] : (options.header ?? true),
      trim: options.trim ?? false,
      skip_empty_lines: options.skipEmptyLines ?? true,
      bom: true,
      relax_column_count: false,
      cast: options.numbers ? castNumber : false,
    }) as Json[];
    return rows;
  } catch (error) {
    throw new ConnectorError({
      kind: 'validation',
      message: `The CSV could not be parsed: ${error instanceof Error ? error.message : String(error)}`,
    });
  }
}

function castNumber(value: string, context: { quoting: boolean }): string | number {
  if (context.quoting || value.trim() === '') return value;
  const n = Number(value);
  return Number.isFinite(n) ? n : value;
}

export interface FormatCsvOptions {
  delimiter?: string;
  /** Write a header line (default true; needs object rows or `columns`). */
  header?: boolean;
  /** Which object fields to write, in order (default: every field seen, in first-seen order). */
  columns?: readonly string[];
  /** Prefix cells starting with = + - @ with ' so spreadsheets don't run them as formulas. */
  escapeFormulas?: boolean;
  /** Line ending (default \n). */
  eol?: '\n' | '\r\n';
}

export function formatCsv(rows: readonly Json[], options: FormatCsvOptions = {}): string {
  const objects = rows.every((row) => row !== null && typeof row === 'object' && !Array.isArray(row));
  const lists = rows.every((row) => Array.isArray(row));
  if (!objects && !lists) {
    throw new ConnectorError({ kind: 'validation', message: 'CSV rows must all be objects or all be lists of cells' });
  }
  const columns = options.columns
    ? [...options.columns]
    : objects
      ? fieldsOf(rows as Record<string, Json>[])
      : undefined;
  return stringify(rows.map((row) => (Array.isArray(row) ? row.map(cell) : row)) as never[], {
    delimiter: options.delimiter ?? ',',
    header: (options.header ?? true) && columns !== undefined,
    ...(columns ? { columns } : {}),
    escape_formulas: options.escapeFormulas ?? false,
    record_delimiter: options.eol === '\r\n' ? 'windows' : 'unix',
    cast: { object: (value: object) => JSON.stringify(value), boolean: (value: boolean) => String(value) },
  });
}

function fieldsOf(rows: readonly Record<string, Json>[]): string[] {
  const seen = new Set<string>();
  for (const row of rows) for (const key of Object.keys(row)) seen.add(key);
  return [...seen];
}

function cell(value: Json): Json {
  return value !== null && typeof value === 'object' ? JSON.stringify(value) : value;
}
