// PostgreSQL through a pg pool: int8 parsed to number (timestamps, counts, log ids), optional schema. The pool
// stays reachable (`postgresPoolOf`) for the few hot writes that send named statements without kysely.
import { Kysely, PostgresDialect } from 'kysely';
import { WeftError } from '@weft/core';
import type { QueryResultRow } from 'pg';
import type { Database } from './schema.js';
import { redactUrl } from './store-url.js';

export interface PostgresOptions {
  /** All tables live in this schema (created when missing); default: the connection's current schema. */
  schema?: string;
  /** Maximum pooled connections (default 10). */
  poolSize?: number;
  /** Hears the text of every statement executed (counting round trips in tests and benchmarks). */
  onStatement?: (sql: string) => void;
}

/** The little of a pg pool the hot writes use: a query, optionally named (prepared once per connection). */
export interface PostgresQueries {
  query<R extends object>(config: { name?: string; text: string; values: unknown[] }): Promise<{ rows: R[] }>;
}

const pools = new WeakMap<object, PostgresQueries>();

/** The pool behind a PostgreSQL store's root handle (undefined for SQLite or a transaction's handle). */
export function postgresPoolOf(db: object): PostgresQueries | undefined {
  return pools.get(db);
}

const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

export async function connectPostgres(url: string, options: PostgresOptions = {}): Promise<Kysely<Database>> {
  const { schema } = options;
  if (schema !== undefined && !SCHEMA_NAME.test(schema)) {
    throw new WeftError('store_config_invalid', `"${schema}" is not a usable schema name (a-z, 0-9, _).`, {
      fault: 'user',
    });
  }
  const { default: pg } = await import('pg');
  // Our int8 values are ms timestamps and ids, far below 2^53: plain numbers, as on SQLite. Set per pool,
  // not globally, so other pg users in the process keep their parsers.
  const types = new pg.TypeOverrides();
  types.setTypeParser(pg.types.builtins.INT8, 'text', (value: string) => Number(value));
  const pool = new pg.Pool({
    connectionString: url,
    max: options.poolSize ?? 10,
    ...(schema === undefined ? {} : { options: `-c search_path=${schema}` }),
    types,
  });
  // An idle client losing its server (restart, failover) must not crash the process; the next query reports it.
  pool.on('error', () => undefined);
  const { onStatement } = options;
  if (onStatement) {
    pool.on('connect', (client) => {
      const query = client.query.bind(client) as (...args: unknown[]) => unknown;
      (client as { query: unknown }).query = (...args: unknown[]) => {
        const [config] = args;
        onStatement(typeof config === 'string' ? config : (config as { text: string }).text);
        return query(...args);
      };
    });
  }
  try {
    const client = await pool.connect();
    try {
      if (schema !== undefined) await createSchema(client, schema);
      const { rows } = await client.query<{ schema: string | null }>('select current_schema() as schema');
      if (!rows[0]?.schema) throw new Error('no schema on the search_path exists');
    } finally {
      client.release();
    }
  } catch (error) {
    await pool.end().catch(() => undefined);
    const reason = error instanceof Error ? error.message : String(error);
    throw new WeftError('store_unavailable', `Cannot use the PostgreSQL database ${redactUrl(url)}: ${reason}.`, {
      cause: error,
      retryable: true,
    });
  }
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  pools.set(db, {
    query: <R extends object>(config: { name?: string; text: string; values: unknown[] }) =>
      pool.query<R & QueryResultRow>(config),
  });
  return db;
}

async function createSchema(client: { query(text: string): Promise<unknown> }, schema: string): Promise<void> {
  try {
    await client.query(`create schema if not exists ${schema}`);
  } catch (error) {
    // Two processes creating it at once: one of them gets a unique violation although the schema now exists.
    if ((error as { code?: unknown }).code !== '23505') throw error;
  }
}
