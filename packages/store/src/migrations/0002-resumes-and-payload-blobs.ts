// Migration 0002: steps remember that they were resumed after an interruption, and payloads too large to keep
// inline (step input/output, run input/output) are stored whole in `payload_blobs`, one row per run and slot.
import type { Kysely } from 'kysely';
import type { StoreDialect } from '../context.js';

export async function up(db: Kysely<unknown>, _dialect: StoreDialect): Promise<void> {
  const s = db.schema;
  await s
    .alterTable('steps')
    .addColumn('resumed', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();

  await s
    .createTable('payload_blobs')
    .addColumn('run_id', 'text', (c) => c.notNull().references('runs.id').onDelete('cascade'))
    // `run:input`, `run:output`, `step:<key>:input`, `step:<key>:output`.
    .addColumn('slot', 'text', (c) => c.notNull())
    .addColumn('bytes', 'bigint', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('payload_blobs_pk', ['run_id', 'slot'])
    .execute();
}
