// Migration 0006: runs by the run they retry. Dead letters are the failed runs nobody retried yet; telling them
// apart asks "is there a run whose retry_of is this one?" for each failed run, which this index answers at once.
// retry_of is written once, at insert: lease and status updates stay HOT on PostgreSQL.
import type { Kysely } from 'kysely';
import type { StoreDialect } from '../context.js';

export async function up(db: Kysely<unknown>, _dialect: StoreDialect): Promise<void> {
  await db.schema.createIndex('runs_retry_of_idx').on('runs').column('retry_of').execute();
}
