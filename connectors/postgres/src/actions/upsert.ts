// Upsert rows: INSERT ... ON CONFLICT (key) DO UPDATE, reporting how many rows were inserted and updated.
// Rows repeating a key within one call are collapsed to the last one (PostgreSQL refuses to update a row
// twice in one statement).
import { defineAction } from '@weft/sdk';
import { inTransaction, withSession } from '../connection.js';
import { toJsonRows } from '../rows.js';
import { identifier, returningInput, rowsInput, statementTimeoutInput, tableInput } from '../schemas.js';
import { INSERTED_FLAG, insertStatements, type Row } from '../sql.js';

const EMPTY = { rowCount: 0, inserted: 0, updated: 0, rows: [] };

export const upsert = defineAction({
  key: 'upsert',
  title: 'Upsert rows',
  description: 'Inserts rows, or updates the existing row with the same key (ON CONFLICT ... DO UPDATE).',
  input: {
    type: 'object',
    properties: {
      ...tableInput,
      rows: rowsInput,
      key: {
        type: 'array',
        minItems: 1,
        items: identifier,
        title: 'Key columns',
        description: 'A primary key or unique constraint, e.g. ["id"]',
      },
      columns: { type: 'array', items: identifier, description: 'Default: every field seen' },
      update: {
        type: 'array',
        items: identifier,
        description: 'Columns to update on conflict; default: all but the key',
      },
      returning: returningInput,
      statementTimeout: statementTimeoutInput,
    },
    required: ['table', 'rows', 'key'],
    additionalProperties: false,
  } as const,
  output: {
    type: 'object',
    properties: {
      rowCount: { type: 'integer' },
      inserted: { type: 'integer' },
      updated: { type: 'integer' },
      rows: { type: 'array', items: { type: 'object' } },
    },
    required: ['rowCount', 'inserted', 'updated', 'rows'],
    additionalProperties: false,
  } as const,
  async run(ctx) {
    if (ctx.input.rows.length === 0) return EMPTY;
    const { schema, table, key, columns, update, returning, statementTimeout } = ctx.input;
    const statements = insertStatements({
      table,
      rows: lastPerKey(ctx.input.rows as Row[], key),
      conflict: { key, update },
      returnInserted: true,
      ...(schema ? { schema } : {}),
      ...(columns ? { columns } : {}),
      ...(returning ? { returning } : {}),
    });
    return withSession(ctx, { ...(statementTimeout ? { statementTimeout } : {}) }, (client) =>
      inTransaction(client, async () => {
        let inserted = 0;
        let rowCount = 0;
        const rows: Record<string, unknown>[] = [];
        for (const statement of statements) {
          const result = await client.query(statement.text, statement.values);
          rowCount += result.rowCount ?? 0;
          for (const row of result.rows as Record<string, unknown>[]) {
            if (row[INSERTED_FLAG] === true) inserted += 1;
            const { [INSERTED_FLAG]: _flag, ...rest } = row;
            if (returning?.length) rows.push(rest);
          }
        }
        return { rowCount, inserted, updated: rowCount - inserted, rows: toJsonRows(rows) };
      }),
    );
  },
});

function lastPerKey(rows: readonly Row[], key: readonly string[]): Row[] {
  const byKey = new Map<string, Row>();
  for (const row of rows) {
    const id = JSON.stringify(key.map((k) => row[k] ?? null));
    byKey.delete(id); // re-insert so the order follows the last occurrence
    byKey.set(id, row);
  }
  return [...byKey.values()];
}
