// Migration 0009, files: binary payloads (webhook uploads, HTTP responses) live as files under the data
// directory; this table says which run each belongs to, so retention removes them with their runs. No foreign
// key: a webhook's files are recorded before its run exists (linked in the run's transaction), and a file whose
// run is gone is swept from disk before its row goes.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('files')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('run_id', 'text')
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('size', 'bigint', (c) => c.notNull())
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('path', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('files_run_idx').on('files').columns(['run_id']).execute();
}
