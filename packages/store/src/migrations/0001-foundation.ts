// Migration 0001: the first schema (flows, versions, runs, steps, logs, credentials, webhooks, triggers, users).
import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import type { StoreDialect } from '../context.js';

export async function up(db: Kysely<unknown>, dialect: StoreDialect): Promise<void> {
  const blob = dialect === 'postgres' ? 'bytea' : 'blob';
  const s = db.schema;

  await s
    .createTable('flows')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('definition', 'text', (c) => c.notNull())
    .addColumn('active_version', 'integer')
    .addColumn('active', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .addCheckConstraint('flows_active_check', sql`active in (0, 1)`)
    .execute();

  await s
    .createTable('flow_versions')
    .addColumn('flow_id', 'text', (c) => c.notNull().references('flows.id').onDelete('cascade'))
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('definition', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('flow_versions_pk', ['flow_id', 'version'])
    .execute();

  await s
    .createTable('runs')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('flow_id', 'text', (c) => c.notNull().references('flows.id').onDelete('cascade'))
    .addColumn('flow_version', 'integer')
    .addColumn('trigger_kind', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('input', 'text')
    .addColumn('output', 'text')
    .addColumn('error', 'text')
    .addColumn('claimed_by', 'text')
    .addColumn('lease_until', 'bigint')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('started_at', 'bigint')
    .addColumn('ended_at', 'bigint')
    .addColumn('parent_run_id', 'text', (c) => c.references('runs.id').onDelete('set null'))
    .addColumn('retry_of', 'text', (c) => c.references('runs.id').onDelete('set null'))
    .addCheckConstraint('runs_status_check', sql`status in ('queued', 'running', 'succeeded', 'failed', 'cancelled')`)
    .execute();
  // Listing: newest first, optionally per flow and/or status. Claiming: oldest queued first. Recovery: expired leases.
  await s.createIndex('runs_created_idx').on('runs').columns(['created_at desc', 'id desc']).execute();
  await s.createIndex('runs_flow_created_idx').on('runs').columns(['flow_id', 'created_at desc', 'id desc']).execute();
  await s.createIndex('runs_status_created_idx').on('runs').columns(['status', 'created_at desc', 'id desc']).execute();
  await s
    .createIndex('runs_flow_status_created_idx')
    .on('runs')
    .columns(['flow_id', 'status', 'created_at desc', 'id desc'])
    .execute();
  await s.createIndex('runs_status_lease_idx').on('runs').columns(['status', 'lease_until']).execute();
  await s.createIndex('runs_parent_idx').on('runs').column('parent_run_id').execute();

  await s
    .createTable('steps')
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
    .addPrimaryKeyConstraint('steps_pk', ['run_id', 'key'])
    .addCheckConstraint('steps_status_check', sql`status in ('running', 'succeeded', 'failed', 'skipped')`)
    .execute();

  await s
    .createTable('logs')
    .addColumn('id', dialect === 'postgres' ? 'bigint' : 'integer', (c) =>
      dialect === 'postgres' ? c.primaryKey().generatedAlwaysAsIdentity() : c.primaryKey().autoIncrement(),
    )
    .addColumn('run_id', 'text', (c) => c.notNull().references('runs.id').onDelete('cascade'))
    .addColumn('step_key', 'text')
    .addColumn('level', 'text', (c) => c.notNull())
    .addColumn('message', 'text', (c) => c.notNull())
    .addColumn('at', 'bigint', (c) => c.notNull())
    .addCheckConstraint('logs_level_check', sql`level in ('debug', 'info', 'warn', 'error')`)
    .execute();
  await s.createIndex('logs_run_idx').on('logs').columns(['run_id', 'id']).execute();

  await s
    .createTable('credentials')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('connector', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('encrypted', blob, (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'bigint')
    .addColumn('last_used_at', 'bigint')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();
  await s.createIndex('credentials_expires_idx').on('credentials').columns(['status', 'expires_at']).execute();

  await s
    .createTable('webhook_events')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('flow_id', 'text', (c) => c.notNull().references('flows.id').onDelete('cascade'))
    .addColumn('provider_event_id', 'text')
    .addColumn('received_at', 'bigint', (c) => c.notNull())
    .addColumn('run_id', 'text', (c) => c.notNull().references('runs.id').onDelete('cascade'))
    .addColumn('headers', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('body_encoding', 'text', (c) => c.notNull())
    .addUniqueConstraint('webhook_events_provider_event_unique', ['flow_id', 'provider_event_id'])
    .addCheckConstraint('webhook_events_body_encoding_check', sql`body_encoding in ('utf8', 'base64')`)
    .execute();
  await s.createIndex('webhook_events_run_idx').on('webhook_events').column('run_id').execute();

  await s
    .createTable('trigger_state')
    .addColumn('flow_id', 'text', (c) => c.notNull().references('flows.id').onDelete('cascade'))
    .addColumn('trigger_key', 'text', (c) => c.notNull())
    .addColumn('cursor', 'text')
    .addColumn('leased_by', 'text')
    .addColumn('lease_until', 'bigint')
    .addColumn('last_fired_at', 'bigint')
    .addPrimaryKeyConstraint('trigger_state_pk', ['flow_id', 'trigger_key'])
    .execute();

  await s
    .createTable('users')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('email', 'text', (c) => c.notNull().unique())
    .addColumn('password_hash', 'text', (c) => c.notNull())
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();

  await s
    .createTable('sessions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('expires_at', 'bigint', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();
  await s.createIndex('sessions_user_idx').on('sessions').column('user_id').execute();

  await s
    .createTable('api_tokens')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('last_used_at', 'bigint')
    .execute();
  await s.createIndex('api_tokens_user_idx').on('api_tokens').column('user_id').execute();
}
