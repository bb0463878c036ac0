// Migration 0006, operations:
// - runs by the run they retry. Dead letters are the failed runs nobody retried yet; telling them apart asks "is
//   there a run whose retry_of is this one?" for each failed run, which this index answers at once. retry_of is
//   written once, at insert: lease and status updates stay HOT on PostgreSQL.
// - alert rules (as edited through the API; none stored: the defaults) and the alert history (fired, resolved).
// - sync logs: one per sync pass a connector action ran (`ctx.sync`), newest first by name.
import type { Kysely } from 'kysely';
import type { StoreDialect } from '../context.js';

export async function up(db: Kysely<unknown>, dialect: StoreDialect): Promise<void> {
  const s = db.schema;
  await s.createIndex('runs_retry_of_idx').on('runs').column('retry_of').execute();
  await s
    .createTable('alert_rules')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('definition', 'text', (c) => c.notNull())
    .execute();
  await s
    .createTable('alert_history')
    .addColumn('id', dialect === 'postgres' ? 'bigint' : 'integer', (c) =>
      dialect === 'postgres' ? c.primaryKey().generatedAlwaysAsIdentity() : c.primaryKey().autoIncrement(),
    )
    .addColumn('rule_id', 'text', (c) => c.notNull())
    .addColumn('subject', 'text', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('notice', 'text', (c) => c.notNull())
    .addColumn('at', 'bigint', (c) => c.notNull())
    .execute();
  await s.createIndex('alert_history_subject_idx').on('alert_history').columns(['rule_id', 'subject', 'id']).execute();
  await s
    .createTable('sync_logs')
    .addColumn('id', dialect === 'postgres' ? 'bigint' : 'integer', (c) =>
      dialect === 'postgres' ? c.primaryKey().generatedAlwaysAsIdentity() : c.primaryKey().autoIncrement(),
    )
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('connector', 'text', (c) => c.notNull())
    .addColumn('run_id', 'text', (c) => c.notNull())
    .addColumn('entry', 'text', (c) => c.notNull())
    .addColumn('at', 'bigint', (c) => c.notNull())
    .execute();
  await s.createIndex('sync_logs_name_idx').on('sync_logs').columns(['name', 'id']).execute();
}
