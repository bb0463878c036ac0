// Query: runs one SQL statement with $1..$n parameters. Values never enter the SQL text, and one statement
// per step is all the extended protocol allows, so a parameter cannot smuggle in a second statement.
import { ConnectorError, defineAction } from '@weft/sdk';
import { withSession } from '../connection.js';
import { toJsonRows } from '../rows.js';
import { statementTimeoutInput } from '../schemas.js';
import { toParam } from '../sql.js';

export const query = defineAction({
  key: 'query',
  title: 'Run query',
  description: 'Runs a SQL statement with parameters ($1, $2...) and returns its rows.',
  input: {
    type: 'object',
    properties: {
      sql: { type: 'string', minLength: 1, title: 'SQL', examples: ['SELECT * FROM orders WHERE status = $1'] },
      params: { type: 'array', title: 'Parameters', description: 'Values for $1, $2...' },
      maxRows: { type: 'integer', minimum: 1, maximum: 100_000, default: 10_000 },
      statementTimeout: statementTimeoutInput,
    },
    required: ['sql'],
    additionalProperties: false,
  } as const,
  output: {
    type: 'object',
    properties: {
      rows: { type: 'array', items: { type: 'object' } },
      rowCount: { type: ['integer', 'null'] },
      command: { type: 'string' },
      fields: {
        type: 'array',
        items: {
          type: 'object',
          properties: { name: { type: 'string' }, dataTypeId: { type: 'integer' } },
          required: ['name', 'dataTypeId'],
          additionalProperties: false,
        },
      },
    },
    required: ['rows', 'rowCount', 'command', 'fields'],
    additionalProperties: false,
  } as const,
  async run(ctx) {
    const { sql, params = [], maxRows = 10_000, statementTimeout } = ctx.input;
    const result = await withSession(ctx, { ...(statementTimeout ? { statementTimeout } : {}) }, (client) =>
      client.query(sql, params.map(toParam)),
    );
    if (result.rows.length > maxRows) {
      throw new ConnectorError({
        kind: 'validation',
        message: `The query returned ${result.rows.length} rows, more than maxRows (${maxRows}). Add a LIMIT or raise maxRows.`,
      });
    }
    return {
      rows: toJsonRows(result.rows as Record<string, unknown>[]),
      rowCount: result.rowCount,
      command: result.command,
      fields: result.fields.map((f) => ({ name: f.name, dataTypeId: f.dataTypeID })),
    };
  },
});
