// Migration 0007, teams:
// - users gain a status (active, deactivated), when they were deactivated and when they last signed in.
// - user_invites: single-use sign-up links (only the SHA-256 digest of the token is stored) that expire.
// - password_resets: single-use links setting a user's password (digest only), removed with the user.
// - audit_log: an append-only record of every change through the API, newest first by id; filtered by time,
//   action and actor. Nothing updates it (SQLite and PostgreSQL both refuse an UPDATE); retention deletes old rows.
import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import type { StoreDialect } from '../context.js';

export async function up(db: Kysely<unknown>, dialect: StoreDialect): Promise<void> {
  const s = db.schema;
  await s
    .alterTable('users')
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('active'))
    .execute();
  await s.alterTable('users').addColumn('deactivated_at', 'bigint').execute();
  await s.alterTable('users').addColumn('last_sign_in_at', 'bigint').execute();
  await s
    .createTable('user_invites')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('email', 'text', (c) => c.notNull())
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('created_by', 'text')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('expires_at', 'bigint', (c) => c.notNull())
    .addColumn('used_at', 'bigint')
    .addColumn('revoked_at', 'bigint')
    .execute();
  await s
    .createTable('password_resets')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('expires_at', 'bigint', (c) => c.notNull())
    .addColumn('used_at', 'bigint')
    .execute();
  await s.createIndex('password_resets_user_idx').on('password_resets').column('user_id').execute();
  await s
    .createTable('audit_log')
    .addColumn('id', dialect === 'postgres' ? 'bigint' : 'integer', (c) =>
      dialect === 'postgres' ? c.primaryKey().generatedAlwaysAsIdentity() : c.primaryKey().autoIncrement(),
    )
    .addColumn('at', 'bigint', (c) => c.notNull())
    .addColumn('actor_type', 'text', (c) => c.notNull())
    .addColumn('actor_id', 'text')
    .addColumn('actor_email', 'text')
    .addColumn('token_id', 'text')
    .addColumn('ip', 'text')
    .addColumn('request_id', 'text')
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('target_type', 'text', (c) => c.notNull())
    .addColumn('target_id', 'text')
    .addColumn('target_name', 'text')
    .addColumn('changes', 'text')
    .addColumn('outcome', 'text', (c) => c.notNull())
    .addColumn('error', 'text')
    .execute();
  await s.createIndex('audit_log_at_idx').on('audit_log').column('at').execute();
  await s.createIndex('audit_log_action_idx').on('audit_log').columns(['action', 'id']).execute();
  await s.createIndex('audit_log_actor_idx').on('audit_log').columns(['actor_id', 'id']).execute();
  await s.createIndex('audit_log_target_idx').on('audit_log').columns(['target_type', 'target_id', 'id']).execute();
  if (dialect === 'postgres') {
    await sql`create function weft_audit_log_append_only() returns trigger language plpgsql as $$
      begin raise exception 'audit entries cannot be changed'; end $$`.execute(db);
    await sql`create trigger audit_log_append_only before update on audit_log
      for each row execute function weft_audit_log_append_only()`.execute(db);
  } else {
    await sql`create trigger audit_log_append_only before update on audit_log
      begin select raise(abort, 'audit entries cannot be changed'); end`.execute(db);
  }
}
