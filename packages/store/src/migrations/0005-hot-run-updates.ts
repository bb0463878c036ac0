// Migration 0005: run updates that happen while a run executes — lease
// renewals, which rewrite `lease_until` every few seconds — no longer touch any index, so PostgreSQL makes them
// HOT (heap-only: no new index entries, no index bloat) given free room in the page (fillfactor 90). The index on
// (status, lease_until) over every run ever made is replaced by partial indexes on the few live runs: the queue
// (claiming oldest first) and the running runs (expired-lease recovery scans them and filters on the lease).
import { sql, type Kysely } from 'kysely';
import type { StoreDialect } from '../context.js';

export async function up(db: Kysely<unknown>, dialect: StoreDialect): Promise<void> {
  await db.schema.dropIndex('runs_status_lease_idx').execute();
  await db.schema
    .createIndex('runs_queued_idx')
    .on('runs')
    .columns(['created_at', 'id'])
    .where(sql.ref('status'), '=', 'queued')
    .execute();
  await db.schema
    .createIndex('runs_running_idx')
    .on('runs')
    .column('claimed_by')
    .where(sql.ref('status'), '=', 'running')
    .execute();
  if (dialect === 'postgres') await sql`alter table runs set (fillfactor = 90)`.execute(db);
}
