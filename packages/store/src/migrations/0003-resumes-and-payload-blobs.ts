// Migration 0003: steps remember that they were resumed after an interruption and may be recorded as
// `cancelled` (a step stopped by cancellation or shutdown, refused by 0001's check); payloads too large to keep
// inline (step input/output, run input/output) are stored whole in `payload_blobs`, one row per run and slot.
import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import type { StoreDialect } from '../context.js';

const STATUS_CHECK = sql`status in ('running', 'succeeded', 'failed', 'skipped', 'cancelled')`;

export async function up(db: Kysely<unknown>, dialect: StoreDialect): Promise<void> {
  const s = db.schema;
  if (dialect === 'postgres') {
    await s
      .alterTable('steps')
      .addColumn('resumed', 'integer', (c) => c.notNull().defaultTo(0))
      .execute();
    await s.alterTable('steps').dropConstraint('steps_status_check').execute();
    await s.alterTable('steps').addCheckConstraint('steps_status_check', STATUS_CHECK).execute();
  } else {
    // SQLite cannot change a check constraint: the table is rebuilt (nothing references steps).
    await s
      .createTable('steps_0002')
      .addColumn('run_id', 'text', (c) => c.notNull().references('runs.id').onDelete('cascade'))
      .addColumn('key', 'text', (c) => c.notNull())
      .addColumn('node_id', 'text', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('attempt', 'integer', (c) => c.notNull())
      .addColumn('input', 'text')
      .addColumn('output', 'text')
      .addColumn('error', 'text')
      .addColumn('port', 'text')
      .addColumn('started_at', 'bigint', (c) => c.notNull())
      .addColumn('ended_at', 'bigint')
      .addColumn('resumed', 'integer', (c) => c.notNull().defaultTo(0))
      .addPrimaryKeyConstraint('steps_pk', ['run_id', 'key'])
      .addCheckConstraint('steps_status_check', STATUS_CHECK)
      .execute();
    await sql`insert into steps_0002 (run_id, key, node_id, status, attempt, input, output, error, port, started_at,
        ended_at)
      select run_id, key, node_id, status, attempt, input, output, error, port, started_at, ended_at from steps`.execute(
      db,
    );
    await s.dropTable('steps').execute();
    await s.alterTable('steps_0002').renameTo('steps').execute();
  }

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
