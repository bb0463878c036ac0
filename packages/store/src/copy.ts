// Copying a Weft installation from one database to another (typically the embedded SQLite file to PostgreSQL).
// Both databases are opened and migrated first, so they have the same tables and columns; a source migrated by
// a newer Weft is refused (`store_too_new`) before anything is written. Which tables are copied, and why the
// others are not, is declared in copy-tables.ts.
//
// The target must be empty: no row in any Weft table (the migration history aside, which every migrated
// database has). Otherwise the copy refuses (`store_copy_target_not_empty`, naming what is there) unless
// `intoNonEmpty` is set; then rows are matched by their keys, and where a row differs the source's values win.
// Rows only on the target are kept. Copying twice leaves the target as the first copy did: the second finds
// every row present.
//
// The source is read in one snapshot (a read transaction), so a copy taken while the old server still runs is
// consistent, although what that server writes afterwards is not in it. The target is written in batches, each
// in its own transaction: an interrupted copy leaves whole batches, and copying again into that (now
// non-empty) target completes it.
import { sql } from 'kysely';
import { resolve } from 'node:path';
import { WeftError } from '@weft/core';
import type { StoreContext } from './context.js';
import { plannedTables } from './copy-tables.js';
import type { TableName } from './copy-tables.js';
import { copyTable } from './copy-table.js';
import type { TableCount } from './copy-table.js';
import { migrateContext, openStoreContext } from './open-store.js';
import type { OpenStoreOptions } from './open-store.js';
import { parseStoreUrl } from './store-url.js';

export type { TableCount } from './copy-table.js';

export const DEFAULT_COPY_BATCH_SIZE = 500;
const MAX_COPY_BATCH_SIZE = 2000;
const DEFAULT_COPY_BATCH_BYTES = 8 * 1024 * 1024;

export interface CopyStoreOptions {
  /** The database copied from (a SQLite file, or PostgreSQL with its schema). */
  from: Pick<OpenStoreOptions, 'url' | 'schema'>;
  /** The database copied into. */
  to: Pick<OpenStoreOptions, 'url' | 'schema'>;
  /** Also copy runs, their steps, logs and payloads, and received webhook events. */
  history?: boolean;
  /** Copy into a target that already holds data (rows matched by key, the source's values win). */
  intoNonEmpty?: boolean;
  /** Rows per read and per target transaction (default 500, at most 2000). */
  batchSize?: number;
  /** Cut a batch when its large columns add up to more than this many bytes (default 8 MiB). */
  batchBytes?: number;
  /** Called as each table is done, for progress output. */
  onTable?: (count: TableCount) => void;
}

export interface NotCopiedTable {
  table: TableName;
  reason: string;
}

export interface CopyReport {
  /** Every table copied, in copy order. */
  tables: TableCount[];
  /** Every table left out, with why. */
  notCopied: NotCopiedTable[];
}

export async function copyStore(options: CopyStoreOptions): Promise<CopyReport> {
  const batchSize = options.batchSize ?? DEFAULT_COPY_BATCH_SIZE;
  const batchBytes = options.batchBytes ?? DEFAULT_COPY_BATCH_BYTES;
  if (!Number.isSafeInteger(batchSize) || batchSize < 1 || batchSize > MAX_COPY_BATCH_SIZE) {
    throw configInvalid(`The batch size must be an integer from 1 to ${MAX_COPY_BATCH_SIZE}, got ${batchSize}.`);
  }
  if (!Number.isSafeInteger(batchBytes) || batchBytes < 1) {
    throw configInvalid(`The batch byte budget must be a positive integer, got ${batchBytes}.`);
  }
  if (sameDatabase(options.from, options.to)) {
    throw configInvalid('The source and the target are the same database.');
  }
  const tables = plannedTables();
  const copied = tables.flatMap(({ table, plan }) =>
    plan.group === 'setup' || (plan.group === 'history' && options.history === true) ? [{ table, plan }] : [],
  );
  const notCopied = tables.flatMap(({ table, plan }): NotCopiedTable[] => {
    if (plan.group === 'never') return [{ table, reason: plan.reason }];
    if (plan.group === 'history' && options.history !== true)
      return [{ table, reason: 'run history, copied only when asked for' }];
    return [];
  });

  const source = await openMigrated(options.from);
  try {
    const target = await openMigrated(options.to);
    try {
      if (options.intoNonEmpty !== true)
        await assertEmpty(
          target,
          tables.map((t) => t.table),
        );
      const counts = await inReadSnapshot(source, async (snapshot) => {
        const done: TableCount[] = [];
        for (const { table, plan } of copied) {
          const count = await copyTable({ table, plan, source: snapshot, target, batchSize, batchBytes }).catch(
            (error: unknown) => {
              throw copyFailed(table, error);
            },
          );
          options.onTable?.(count);
          done.push(count);
        }
        return done;
      });
      return { tables: counts, notCopied };
    } finally {
      await target.db.destroy();
    }
  } finally {
    await source.db.destroy();
  }
}

async function openMigrated(options: Pick<OpenStoreOptions, 'url' | 'schema'>): Promise<StoreContext> {
  const ctx = await openStoreContext({ url: options.url, ...(options.schema ? { schema: options.schema } : {}) });
  try {
    await migrateContext(ctx);
  } catch (error) {
    await ctx.db.destroy().catch(() => undefined);
    throw error;
  }
  return ctx;
}

/** Refuses a target holding any row in any Weft table but the migration history; names what it holds. */
async function assertEmpty(target: StoreContext, tables: readonly TableName[]): Promise<void> {
  const held: Record<string, number> = {};
  for (const table of tables) {
    if (table === 'kysely_migration') continue;
    const { rows } = await sql<{ n: number | string }>`select count(*) as n from ${sql.table(table)}`.execute(
      target.db,
    );
    const n = Number(rows[0]?.n ?? 0);
    if (n > 0) held[table] = n;
  }
  const entries = Object.entries(held);
  if (entries.length === 0) return;
  const what = entries.map(([table, n]) => `${n} ${table} row${n === 1 ? '' : 's'}`).join(', ');
  throw new WeftError(
    'store_copy_target_not_empty',
    `The target database is not empty: it already holds ${what}. Nothing was copied.`,
    { fault: 'user', details: { tables: held } },
  );
}

/** Runs `fn` with the source read through one connection inside one read-only snapshot. */
async function inReadSnapshot<T>(source: StoreContext, fn: (snapshot: StoreContext) => Promise<T>): Promise<T> {
  return source.db.connection().execute(async (conn) => {
    await (
      source.dialect === 'postgres' ? sql`begin isolation level repeatable read read only` : sql`begin deferred`
    ).execute(conn);
    try {
      return await fn({ ...source, db: conn, inTransaction: true });
    } finally {
      await sql`rollback`.execute(conn).catch(() => undefined);
    }
  });
}

function sameDatabase(a: CopyStoreOptions['from'], b: CopyStoreOptions['to']): boolean {
  const from = parseStoreUrl(a.url);
  const to = parseStoreUrl(b.url);
  if (from.dialect === 'sqlite' && to.dialect === 'sqlite') {
    return from.path !== ':memory:' && resolve(from.path) === resolve(to.path);
  }
  return from.dialect === 'postgres' && to.dialect === 'postgres' && from.url === to.url && a.schema === b.schema;
}

function copyFailed(table: TableName, error: unknown): WeftError {
  if (error instanceof WeftError) return error;
  const reason = error instanceof Error ? error.message : String(error);
  return new WeftError(
    'store_copy_failed',
    `Copying ${table} failed: ${reason}. The batches written before stay on the target; copying again into it ` +
      'completes the copy.',
    { cause: error, details: { table } },
  );
}

function configInvalid(message: string): WeftError {
  return new WeftError('store_config_invalid', message, { fault: 'user' });
}
