// Building statements from data without ever putting a value in the SQL text: values travel as $n
// parameters, identifiers are double-quoted (embedded quotes doubled). Large inserts are split so that no
// statement has more than PostgreSQL's 65 535 parameters.
import { ConnectorError } from '@weft/sdk';

const MAX_PARAMS = 65_535;
/** PostgreSQL silently truncates longer identifiers; refusing them avoids writing to the wrong column. */
const MAX_IDENTIFIER_BYTES = 63;

export function quoteIdent(name: string): string {
  if (name.length === 0 || name.includes('\u0000') || Buffer.byteLength(name) > MAX_IDENTIFIER_BYTES) {
    throw new ConnectorError({
      kind: 'validation',
      message: `"${name.split('\u0000').join('\\0')}" is not a valid PostgreSQL name (1 to 63 bytes, no NUL)`,
    });
  }
  return `"${name.replace(/"/g, '""')}"`;
}

export function tableName(table: string, schema?: string): string {
  return schema ? `${quoteIdent(schema)}.${quoteIdent(table)}` : quoteIdent(table);
}

export type Row = Record<string, unknown>;

export interface InsertPlan {
  schema?: string;
  table: string;
  rows: readonly Row[];
  /** Columns to write (default: every key seen, in first-seen order). A row without one gets DEFAULT. */
  columns?: readonly string[];
  /** ON CONFLICT: `key` columns; `update` columns (default all but the key; none: DO NOTHING, also without key). */
  conflict?: { key: readonly string[]; update: readonly string[] | undefined };
  /** RETURNING columns (`*` for all). */
  returning?: readonly string[];
  /** Also return whether each row was inserted (true) or updated (false). */
  returnInserted?: boolean;
}

export interface Statement {
  text: string;
  values: unknown[];
}

export const INSERTED_FLAG = '__weft_inserted';

export function columnsOf(rows: readonly Row[]): string[] {
  const seen = new Set<string>();
  for (const row of rows) for (const key of Object.keys(row)) seen.add(key);
  return [...seen];
}

export function insertStatements(plan: InsertPlan): Statement[] {
  const columns = plan.columns ? [...plan.columns] : columnsOf(plan.rows);
  if (columns.length === 0) {
    throw new ConnectorError({ kind: 'validation', message: 'Nothing to insert: the rows have no columns' });
  }
  const head = `INSERT INTO ${tableName(plan.table, plan.schema)} (${columns.map(quoteIdent).join(', ')}) VALUES `;
  const tail = conflictClause(plan, columns) + returningClause(plan);
  const rowsPerStatement = Math.max(1, Math.floor(MAX_PARAMS / columns.length));
  const statements: Statement[] = [];
  for (let start = 0; start < plan.rows.length; start += rowsPerStatement) {
    const values: unknown[] = [];
    const tuples = plan.rows.slice(start, start + rowsPerStatement).map((row) => {
      const cells = columns.map((column) => {
        const value = Object.hasOwn(row, column) ? row[column] : undefined;
        if (value === undefined) return 'DEFAULT';
        values.push(toParam(value));
        return `$${values.length}`;
      });
      return `(${cells.join(', ')})`;
    });
    statements.push({ text: head + tuples.join(', ') + tail, values });
  }
  return statements;
}

function conflictClause(plan: InsertPlan, columns: readonly string[]): string {
  if (!plan.conflict) return '';
  const { key } = plan.conflict;
  if (key.length === 0) {
    if (plan.conflict.update?.length === 0) return ' ON CONFLICT DO NOTHING';
    throw new ConnectorError({ kind: 'validation', message: 'An upsert needs at least one key column' });
  }
  const missing = key.filter((k) => !columns.includes(k));
  if (missing.length > 0) {
    throw new ConnectorError({
      kind: 'validation',
      message: `The rows have no value for the key column(s) ${missing.join(', ')}`,
    });
  }
  const update = plan.conflict.update ?? columns.filter((c) => !key.includes(c));
  const target = `(${key.map(quoteIdent).join(', ')})`;
  if (update.length === 0) return ` ON CONFLICT ${target} DO NOTHING`;
  const sets = update.map((c) => `${quoteIdent(c)} = EXCLUDED.${quoteIdent(c)}`);
  return ` ON CONFLICT ${target} DO UPDATE SET ${sets.join(', ')}`;
}

function returningClause(plan: InsertPlan): string {
  const parts = (plan.returning ?? []).map((c) => (c === '*' ? '*' : quoteIdent(c)));
  // xmax is 0 for a row version this statement inserted, the updating transaction's id otherwise.
  if (plan.returnInserted) parts.push(`(xmax = 0) AS ${quoteIdent(INSERTED_FLAG)}`);
  return parts.length > 0 ? ` RETURNING ${parts.join(', ')}` : '';
}

/** Objects go as JSON text (for json/jsonb columns); lists stay lists (PostgreSQL arrays); the rest as is. */
export function toParam(value: unknown): unknown {
  if (value !== null && typeof value === 'object' && !Array.isArray(value) && !(value instanceof Date)) {
    return JSON.stringify(value);
  }
  return value;
}
