// Migration 0002: which step of its parent run started a subflow child run. With `parent_run_id` it names the child
// uniquely, so a parent resumed after a crash finds the child it already started instead of starting another.
import type { Kysely } from 'kysely';
import type { StoreDialect } from '../context.js';

export async function up(db: Kysely<unknown>, _dialect: StoreDialect): Promise<void> {
  await db.schema.alterTable('runs').addColumn('parent_step', 'text').execute();
  // NULLs are distinct on both SQLite and PostgreSQL: runs that are not children are not constrained.
  await db.schema
    .createIndex('runs_parent_step_idx')
    .unique()
    .on('runs')
    .columns(['parent_run_id', 'parent_step'])
    .execute();
}
