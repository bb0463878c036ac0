// Opening a store: pick the dialect from the URL, connect, migrate, and hand back the repositories.
import { WeftError } from '@weft/core';
import type { Clock } from '@weft/core';
import type { StoreContext } from './context.js';
import { migrate } from './migrator.js';
import { DEFAULT_MAX_PAYLOAD_BYTES, DEFAULT_MAX_STORED_PAYLOAD_BYTES } from './payload.js';
import { connectPostgres } from './postgres-connection.js';
import type { PostgresOptions } from './postgres-connection.js';
import { connectSqlite, sqliteStatementsOf } from './sqlite-connection.js';
import { createStore } from './store.js';
import type { Store } from './store.js';
import { parseStoreUrl } from './store-url.js';

export interface OpenStoreOptions extends PostgresOptions {
  /** A SQLite file path, `sqlite:path`, `file:` URL or `:memory:`; or `postgres://user@host:port/db`. */
  url: string;
  /**
   * Step and run payloads larger than this (JSON, UTF-8 bytes) are stored whole out of line, their column holding
   * a marker with a preview (what API listings show). Default 1 MiB.
   */
  maxPayloadBytes?: number;
  /** Payloads larger than this are refused with `payload_too_large` (the step fails). Default 64 MiB. */
  maxStoredPayloadBytes?: number;
  /** Source of timestamps (tests pass a fake); defaults to Date.now. */
  clock?: Pick<Clock, 'now'>;
}

/** Opens (creating and migrating when needed) the database. Throws WeftError `store_unavailable`, `store_too_new`. */
export async function openStore(options: OpenStoreOptions): Promise<Store> {
  const ctx = await openStoreContext(options);
  const store = createStore(ctx);
  try {
    await migrateContext(ctx);
  } catch (error) {
    await store.close().catch(() => undefined);
    throw error;
  }
  return store;
}

/** Connects without migrating: the database as the repositories see it (the copy works at this level). */
export async function openStoreContext(options: OpenStoreOptions): Promise<StoreContext> {
  const maxPayloadBytes = options.maxPayloadBytes ?? DEFAULT_MAX_PAYLOAD_BYTES;
  const maxStoredPayloadBytes = options.maxStoredPayloadBytes ?? DEFAULT_MAX_STORED_PAYLOAD_BYTES;
  for (const [name, value] of Object.entries({ maxPayloadBytes, maxStoredPayloadBytes })) {
    if (!Number.isSafeInteger(value) || value <= 0) {
      throw new WeftError('store_config_invalid', `${name} must be a positive integer, got ${value}.`, {
        fault: 'user',
      });
    }
  }
  const target = parseStoreUrl(options.url);
  const db =
    target.dialect === 'sqlite'
      ? await connectSqlite(target.path, options.onStatement)
      : await connectPostgres(target.url, options);
  const clock = options.clock;
  const ctx: StoreContext = {
    db,
    dialect: target.dialect,
    inTransaction: false,
    now: clock ? () => clock.now() : Date.now,
    maxPayloadBytes,
    maxStoredPayloadBytes: Math.max(maxStoredPayloadBytes, maxPayloadBytes),
  };
  const statements = sqliteStatementsOf(db);
  return statements ? { ...ctx, statements } : ctx;
}

/** Applies pending migrations; failures other than our own become `store_unavailable`. The caller closes. */
export async function migrateContext(ctx: StoreContext): Promise<string[]> {
  try {
    return await migrate(ctx);
  } catch (error) {
    if (error instanceof WeftError) throw error;
    const reason = error instanceof Error ? error.message : String(error);
    throw new WeftError('store_unavailable', `The database could not be prepared: ${reason}.`, { cause: error });
  }
}
