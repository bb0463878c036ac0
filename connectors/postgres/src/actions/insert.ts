// Insert rows: one parameterized multi-row INSERT (split past 65 535 parameters, all in one transaction).
import { defineAction } from '@weft/sdk';
import { inTransaction, withSession } from '../connection.js';
import { toJsonRows } from '../rows.js';
import { returningInput, rowsInput, statementTimeoutInput, tableInput } from '../schemas.js';
import { insertStatements, type Row } from '../sql.js';

const EMPTY = { rowCount: 0, rows: [] };

export const insert = defineAction({
  key: 'insert',
  title: 'Insert rows',
  description: 'Inserts rows into a table in one statement; missing fields get the column default.',
  input: {
    type: 'object',
    properties: {
      ...tableInput,
      rows: rowsInput,
      columns: { type: 'array', items: { type: 'string', minLength: 1 }, description: 'Default: every field seen' },
      onConflict: { enum: ['error', 'skip'], default: 'error', description: 'skip: ON CONFLICT DO NOTHING' },
      returning: returningInput,
      statementTimeout: statementTimeoutInput,
    },
    required: ['table', 'rows'],
    additionalProperties: false,
  } as const,
  output: {
    type: 'object',
    properties: { rowCount: { type: 'integer' }, rows: { type: 'array', items: { type: 'object' } } },
    required: ['rowCount', 'rows'],
    additionalProperties: false,
  } as const,
  async run(ctx) {
    if (ctx.input.rows.length === 0) return EMPTY;
    const { schema, table, columns, onConflict, returning, statementTimeout } = ctx.input;
    const statements = insertStatements({
      table,
      rows: ctx.input.rows as Row[],
      ...(schema ? { schema } : {}),
      ...(columns ? { columns } : {}),
      ...(onConflict === 'skip' ? { conflict: { key: [], update: [] } } : {}),
      ...(returning ? { returning } : {}),
    });
    return withSession(ctx, { ...(statementTimeout ? { statementTimeout } : {}) }, (client) =>
      inTransaction(client, async () => {
        let rowCount = 0;
        const rows: Record<string, unknown>[] = [];
        for (const statement of statements) {
          const result = await client.query(statement.text, statement.values);
          rowCount += result.rowCount ?? 0;
          rows.push(...toJsonRows(result.rows as Record<string, unknown>[]));
        }
        return { rowCount, rows };
      }),
    );
  },
});
