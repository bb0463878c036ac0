// New or updated rows: polls a table for rows whose increasing column (updated_at, a sequence id) reached
// the cursor — the last value seen. It asks for `column >= cursor`, so rows committed late with the same
// value are still seen; the runtime drops the repeats by the dedupe key, primary key + cursor value (an
// update that moves updated_at fires again). When one value covers a whole batch the poll takes every row
// with that value, then moves past it, so a burst of equal timestamps cannot stall the trigger.
import { ConnectorError, defineTrigger } from '@weft/sdk';
import { withSession } from '../connection.js';
import { toJsonValue } from '../rows.js';
import { identifier } from '../schemas.js';
import { quoteIdent, tableName } from '../sql.js';

/** How many rows sharing one cursor value a poll takes at most. */
const MAX_ROWS_AT_ONE_VALUE = 10_000;
const CURSOR_ALIAS = '__weft_cursor';

interface Config {
  schema?: string;
  table: string;
  column: string;
  key?: string[];
  batchSize?: number;
  startFrom?: 'now' | 'beginning';
}

export interface ChangedRow {
  /** `schema.table` as configured. */
  table: string;
  /** The row's key columns and values. */
  key: Record<string, unknown>;
  /** The row's cursor column value, as PostgreSQL prints it (exact, e.g. microseconds). */
  cursor: string;
  row: Record<string, unknown>;
}

export const newOrUpdatedRows = defineTrigger({
  key: 'newOrUpdatedRows',
  title: 'New or updated rows',
  description: 'Fires for each row inserted or updated since the last poll, by an increasing column.',
  kind: 'polling',
  intervalMs: 60_000,
  config: {
    type: 'object',
    properties: {
      schema: { ...identifier, title: 'Schema' },
      table: { ...identifier, title: 'Table' },
      column: { ...identifier, title: 'Increasing column', description: 'e.g. updated_at, or an id for inserts only' },
      key: { type: 'array', items: identifier, minItems: 1, default: ['id'], title: 'Primary key columns' },
      batchSize: { type: 'integer', minimum: 1, maximum: 1000, default: 100 },
      startFrom: {
        enum: ['now', 'beginning'],
        default: 'now',
        description: 'now: only rows changed after the first poll; beginning: every existing row too',
      },
    },
    required: ['table', 'column'],
    additionalProperties: false,
  } as const,
  output: {
    type: 'object',
    properties: {
      table: { type: 'string' },
      key: { type: 'object' },
      cursor: { type: 'string' },
      row: { type: 'object' },
    },
    required: ['table', 'key', 'cursor', 'row'],
    additionalProperties: false,
  } as const,
  async poll(ctx) {
    const config: Config = ctx.config;
    const keyColumns = config.key ?? ['id'];
    const batchSize = config.batchSize ?? 100;
    const from = tableName(config.table, config.schema);
    const column = quoteIdent(config.column);
    const order = [column, ...keyColumns.map(quoteIdent)].join(', ');
    const select = `SELECT *, ${column}::text AS ${quoteIdent(CURSOR_ALIAS)} FROM ${from}`;
    const previous = typeof ctx.cursor === 'string' ? ctx.cursor : null;

    return withSession(ctx, {}, async (client) => {
      if (ctx.cursor === undefined && (config.startFrom ?? 'now') === 'now') {
        const result = await client.query<{ max: string | null }>(`SELECT max(${column})::text AS max FROM ${from}`);
        return { items: [], cursor: result.rows[0]?.max ?? null };
      }
      const fetch = async (where: string, values: unknown[], limit: number) =>
        (await client.query(`${select}${where} ORDER BY ${order} LIMIT ${limit}`, values)).rows as Record<
          string,
          unknown
        >[];

      let rows =
        previous === null
          ? await fetch('', [], batchSize)
          : await fetch(` WHERE ${column} >= $1`, [previous], batchSize);
      const stalled = previous !== null && rows.length === batchSize && rows.at(-1)![CURSOR_ALIAS] === previous;
      if (stalled) rows = await pastOneValue(fetch, column, previous, batchSize);
      const items = rows.map((row) => toChangedRow(row, config, keyColumns));
      return { items, cursor: items.at(-1)?.cursor ?? previous };
    });
  },
  dedupeKey: (item) => `${JSON.stringify(item.key)}@${item.cursor}`,
});

async function pastOneValue(
  fetch: (where: string, values: unknown[], limit: number) => Promise<Record<string, unknown>[]>,
  column: string,
  value: string,
  batchSize: number,
): Promise<Record<string, unknown>[]> {
  const atValue = await fetch(` WHERE ${column} = $1`, [value], MAX_ROWS_AT_ONE_VALUE + 1);
  if (atValue.length > MAX_ROWS_AT_ONE_VALUE) {
    throw new ConnectorError({
      kind: 'validation',
      message: `More than ${MAX_ROWS_AT_ONE_VALUE} rows share the value ${value} of the trigger's column: choose a column that increases (e.g. a timestamp with more precision, or a sequence)`,
    });
  }
  return [...atValue, ...(await fetch(` WHERE ${column} > $1`, [value], batchSize))];
}

function toChangedRow(raw: Record<string, unknown>, config: Config, keyColumns: readonly string[]): ChangedRow {
  const { [CURSOR_ALIAS]: cursor, ...row } = raw;
  const json = toJsonValue(row) as Record<string, unknown>;
  const key: Record<string, unknown> = {};
  for (const column of keyColumns) {
    if (!Object.hasOwn(json, column)) {
      throw new ConnectorError({
        kind: 'validation',
        message: `The table ${config.table} has no column "${column}": set the trigger's primary key columns`,
      });
    }
    key[column] = json[column];
  }
  return {
    table: config.schema ? `${config.schema}.${config.table}` : config.table,
    key,
    cursor: String(cursor),
    row: json,
  };
}
