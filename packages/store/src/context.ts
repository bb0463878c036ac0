// What every repository gets: the database handle (pool or open transaction), the dialect, the clock and limits.
import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import type { Database } from './schema.js';
import type { SqliteStatements } from './sqlite-connection.js';

export type StoreDialect = 'sqlite' | 'postgres';

export interface StoreContext {
  readonly db: Kysely<Database>;
  readonly dialect: StoreDialect;
  /** True when `db` is bound to an open transaction: nested units of work join it instead of starting one. */
  readonly inTransaction: boolean;
  readonly now: () => number;
  /** Payloads larger than this (JSON, UTF-8 bytes) are stored out of line. */
  readonly maxPayloadBytes: number;
  /** Payloads larger than this are refused (`payload_too_large`). */
  readonly maxStoredPayloadBytes: number;
  /** SQLite: prepared statements for the hottest writes (see `prepared`). */
  readonly statements?: SqliteStatements;
}

/**
 * The prepared statements to use instead of kysely: on SQLite inside a transaction only, where this unit of
 * work holds the one connection. Undefined elsewhere (PostgreSQL, or outside a transaction): use kysely.
 */
export function prepared(ctx: StoreContext): SqliteStatements | undefined {
  return ctx.inTransaction ? ctx.statements : undefined;
}

/**
 * Runs `fn` in one transaction, or inside the caller's when there already is one.
 * SQLite takes the write lock up front (`BEGIN IMMEDIATE`) so that two processes never both read and then
 * fail to upgrade to a write (a deferred transaction would get SQLITE_BUSY instead of waiting busy_timeout).
 */
export async function inTransaction<T>(ctx: StoreContext, fn: (tx: StoreContext) => Promise<T>): Promise<T> {
  if (ctx.inTransaction) return fn(ctx);
  if (ctx.dialect === 'postgres') {
    return ctx.db.transaction().execute((trx) => fn({ ...ctx, db: trx, inTransaction: true }));
  }
  return ctx.db.connection().execute(async (conn) => {
    // Holding the connection, the transaction's own statements may skip kysely too (see `prepared`).
    const control = async (text: 'begin immediate' | 'commit' | 'rollback') => {
      if (ctx.statements) ctx.statements.prepare(text).run();
      else await sql.raw(text).execute(conn);
    };
    await control('begin immediate');
    try {
      const result = await fn({ ...ctx, db: conn, inTransaction: true });
      await control('commit');
      return result;
    } catch (error) {
      // Also after a failed COMMIT: the single connection must never stay inside an open transaction.
      await control('rollback').catch(() => undefined);
      throw error;
    }
  });
}
