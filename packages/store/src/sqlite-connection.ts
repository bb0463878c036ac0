// The embedded default: one better-sqlite3 connection in WAL mode with durable commits, for a single server
// with workers.
import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { Kysely, SqliteDialect, type SqliteDatabase as KyselySqliteDatabase } from 'kysely';
import { WeftError } from '@weft/core';
import type { Database as SqliteDatabase, Statement } from 'better-sqlite3';
import type { Database } from './schema.js';

/** How long a write waits for another process holding the lock before failing with SQLITE_BUSY. */
const BUSY_TIMEOUT_MS = 5000;

export async function connectSqlite(path: string, onStatement?: (sql: string) => void): Promise<Kysely<Database>> {
  const { default: BetterSqlite3 } = await import('better-sqlite3');
  const memory = path === ':memory:';
  const where = memory ? 'in memory' : `at ${resolve(path)}`;
  let database: SqliteDatabase | undefined;
  try {
    if (!memory) mkdirSync(dirname(resolve(path)), { recursive: true });
    database = new BetterSqlite3(path, {
      timeout: BUSY_TIMEOUT_MS,
      ...(onStatement ? { verbose: (message: unknown) => onStatement(String(message)) } : {}),
    });
    database.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
    // Incremental auto-vacuum lets retention give freed pages back (store/retention-repository.ts). It can only
    // be chosen before the first table exists: a new database gets it; an existing one keeps its mode (freed
    // pages are reused, the file does not shrink) until an offline `VACUUM` after `pragma auto_vacuum = 2`.
    if (!memory && database.pragma('page_count', { simple: true }) === 0) database.pragma('auto_vacuum = INCREMENTAL');
    // Reads the header, so a file that is not a database fails here with a clear message.
    database.pragma('journal_mode = WAL');
    // FULL: every commit syncs the WAL, so a run acknowledged with a 202 survives a power cut, not only a crash
    // of this process (NORMAL may lose the last commits). Group commit shares each sync among concurrent writes.
    database.pragma('synchronous = FULL');
    database.pragma('wal_autocheckpoint = 10000');
    database.pragma('foreign_keys = ON');
  } catch (error) {
    database?.close();
    const reason = error instanceof Error ? error.message : String(error);
    throw new WeftError(
      'store_unavailable',
      `Cannot open the SQLite database ${where}: ${reason}. Check that the path is a writable file, not a directory.`,
      { cause: error, details: { path: memory ? path : resolve(path) } },
    );
  }
  const prepare = statementCache(database);
  const kyselyDatabase: KyselySqliteDatabase = { close: () => database.close(), prepare };
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: kyselyDatabase }) });
  statements.set(db, { prepare, exec: (text) => void database.exec(text) });
  return db;
}

/**
 * Prepared statements of a SQLite database, for the hottest statements, which skip kysely's compilation. Only
 * for use inside a transaction (StoreContext.inTransaction): there kysely holds the single connection for us, so
 * nothing else runs on it in between.
 */
export interface SqliteStatements {
  prepare(sql: string): Statement;
  /** Runs a statement to completion (`pragma incremental_vacuum(n)` frees one page per step of a prepared one). */
  exec(sql: string): void;
}

const statements = new WeakMap<object, SqliteStatements>();

/** The prepared statements of a database opened by connectSqlite (undefined for any other). */
export function sqliteStatementsOf(db: object): SqliteStatements | undefined {
  return statements.get(db);
}

/**
 * Kysely prepares every statement anew; preparing is the costliest part of a small SQLite query. The queries
 * we run come from a small set of shapes, so prepared statements are kept and reused by SQL text.
 */
function statementCache(database: SqliteDatabase, size = 256): (sql: string) => Statement {
  const cache = new Map<string, Statement>();
  return (sql) => {
    let statement = cache.get(sql);
    if (statement) return statement;
    statement = database.prepare(sql);
    // The set of query shapes is small; evicting the oldest is enough to bound it.
    if (cache.size >= size) cache.delete(cache.keys().next().value!);
    cache.set(sql, statement);
    return statement;
  };
}
