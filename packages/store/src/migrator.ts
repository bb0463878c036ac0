// Versioned schema migrations: a static list in code, applied in order in one transaction under a lock.
// The history lives in kysely's own `kysely_migration` table format. We run the list ourselves rather than
// through kysely's Migrator because that one runs SQLite migrations outside a transaction and without a
// cross-process lock; here a crash mid-migration leaves nothing half-applied and two processes starting on
// a fresh database take turns.
import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import { WeftError } from '@weft/core';
import { inTransaction } from './context.js';
import type { StoreContext, StoreDialect } from './context.js';
import { up as foundation } from './migrations/0001-foundation.js';
import { up as subflowParentStep } from './migrations/0002-subflow-parent-step.js';
import { up as resumesAndPayloadBlobs } from './migrations/0003-resumes-and-payload-blobs.js';
import { up as clusterState } from './migrations/0004-cluster-state.js';
import { up as hotRunUpdates } from './migrations/0005-hot-run-updates.js';
import { up as operations } from './migrations/0006-operations.js';
import { up as teams } from './migrations/0007-teams.js';

export interface StoreMigration {
  /** Sorts in apply order; never renamed once released. */
  readonly name: string;
  up(db: Kysely<unknown>, dialect: StoreDialect): Promise<void>;
}

export const MIGRATIONS: readonly StoreMigration[] = [
  { name: '0001_foundation', up: foundation },
  { name: '0002_subflow_parent_step', up: subflowParentStep },
  { name: '0003_resumes_and_payload_blobs', up: resumesAndPayloadBlobs },
  { name: '0004_cluster_state', up: clusterState },
  { name: '0005_hot_run_updates', up: hotRunUpdates },
  { name: '0006_operations', up: operations },
  { name: '0007_teams', up: teams },
];

export interface MigrationStatus {
  applied: string[];
  pending: string[];
  /** Applied by a newer Weft: this code must not touch the database. */
  unknown: string[];
}

export async function migrationStatus(ctx: StoreContext, migrations = MIGRATIONS): Promise<MigrationStatus> {
  const applied = (await historyTableExists(ctx)) ? await appliedNames(ctx) : [];
  return statusOf(applied, migrations);
}

/** Applies pending migrations; returns the names applied now (empty when up to date). */
export async function migrate(ctx: StoreContext, migrations = MIGRATIONS): Promise<string[]> {
  // A read-only look first: an up-to-date or too-new database is never locked or written to.
  const before = await migrationStatus(ctx, migrations);
  assertNotTooNew(before);
  if (before.pending.length === 0) return [];

  return inTransaction(ctx, async (tx) => {
    if (tx.dialect === 'postgres') {
      // Per schema, so that databases shared by several Weft installs (or parallel tests) do not queue up.
      await sql`select pg_advisory_xact_lock(hashtext(current_schema() || '.weft_migrations'))`.execute(tx.db);
    }
    await tx.db.schema
      .createTable('kysely_migration')
      .ifNotExists()
      .addColumn('name', 'varchar(255)', (c) => c.notNull().primaryKey())
      .addColumn('timestamp', 'varchar(255)', (c) => c.notNull())
      .execute();
    // Another process may have migrated while we waited for the lock.
    const status = statusOf(await appliedNames(tx), migrations);
    assertNotTooNew(status);
    const done: string[] = [];
    for (const migration of migrations) {
      if (!status.pending.includes(migration.name)) continue;
      try {
        await migration.up(tx.db as unknown as Kysely<unknown>, tx.dialect);
      } catch (error) {
        const reason = error instanceof Error ? error.message : String(error);
        throw new WeftError('store_migration_failed', `Database migration ${migration.name} failed: ${reason}`, {
          cause: error,
          details: { migration: migration.name },
        });
      }
      await tx.db
        .insertInto('kysely_migration')
        .values({ name: migration.name, timestamp: new Date(tx.now()).toISOString() })
        .execute();
      done.push(migration.name);
    }
    return done;
  });
}

function statusOf(applied: string[], migrations: readonly StoreMigration[]): MigrationStatus {
  const known = new Set(migrations.map((m) => m.name));
  return {
    applied: applied.filter((name) => known.has(name)).sort(),
    pending: migrations.map((m) => m.name).filter((name) => !applied.includes(name)),
    unknown: applied.filter((name) => !known.has(name)).sort(),
  };
}

function assertNotTooNew(status: MigrationStatus): void {
  if (status.unknown.length === 0) return;
  throw new WeftError(
    'store_too_new',
    `The database was migrated by a newer version of Weft (unknown migrations: ${status.unknown.join(', ')}). ` +
      'Upgrade Weft, or point it at another database; nothing was changed.',
    { details: { unknownMigrations: status.unknown } },
  );
}

async function appliedNames(ctx: StoreContext): Promise<string[]> {
  const rows = await ctx.db.selectFrom('kysely_migration').select('name').execute();
  return rows.map((row) => row.name);
}

async function historyTableExists(ctx: StoreContext): Promise<boolean> {
  if (ctx.dialect === 'postgres') {
    const { rows } = await sql<{ found: string | null }>`select to_regclass('kysely_migration')::text as found`.execute(
      ctx.db,
    );
    return rows[0]?.found != null;
  }
  const { rows } = await sql<{ name: string }>`
    select name from sqlite_master where type = 'table' and name = 'kysely_migration'`.execute(ctx.db);
  return rows.length > 0;
}
