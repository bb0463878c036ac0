// Migration 0004: state that several Weft processes on one database must share. `oauth_states` holds pending
// OAuth2 authorizations (the browser may come back to another process than the one that started it);
// `rate_limit_slots` holds the reserved send times of connector rate-limit buckets, so that every process
// counts against the same limit.
import type { Kysely } from 'kysely';
import type { StoreDialect } from '../context.js';

export async function up(db: Kysely<unknown>, _dialect: StoreDialect): Promise<void> {
  const s = db.schema;
  await s
    .createTable('oauth_states')
    .addColumn('state', 'text', (c) => c.primaryKey())
    // The pending authorization as JSON text.
    .addColumn('entry', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'bigint', (c) => c.notNull())
    .execute();
  await s.createIndex('oauth_states_expires_at').on('oauth_states').column('expires_at').execute();

  await s
    .createTable('rate_limit_slots')
    // `<key>|<limit>/<interval>`, one bucket per connector limit.
    .addColumn('bucket', 'text', (c) => c.notNull())
    // When the reserved request may go (ms since epoch, possibly in the future).
    .addColumn('at', 'bigint', (c) => c.notNull())
    .execute();
  await s.createIndex('rate_limit_slots_bucket_at').on('rate_limit_slots').columns(['bucket', 'at']).execute();
}
