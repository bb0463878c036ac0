// The PostgreSQL connector: parameterized queries, multi-row inserts and upserts, and a polling trigger for
// new or updated rows. It talks to the database with `pg`, not `ctx.http`, so it applies the runtime's outbound
// guard (`ctx.outbound`) to each connection itself (outbound-policy.ts): internal addresses only when the
// operator's outbound allow-list lists them.
//
// The connection holds one secret, the connection string (`connectionString`, or `token`, which is what a
// bearer-kind connection is required to have). `bearer` is declared because it is the SDK's kind for "one
// opaque secret", which makes the runtime load the connection; nothing is sent as a Bearer header.
import { defineConnector } from '@weft/sdk';
import { insert } from './actions/insert.js';
import { query } from './actions/query.js';
import { upsert } from './actions/upsert.js';
import { newOrUpdatedRows } from './triggers/new-or-updated-rows.js';

export type { ChangedRow } from './triggers/new-or-updated-rows.js';

export default defineConnector({
  name: 'postgres',
  version: '1.0.0',
  title: 'PostgreSQL',
  description: 'Query, insert and upsert rows in PostgreSQL, and react to new or updated rows.',
  icon: '🐘',
  categories: ['Databases'],
  auth: {
    kind: 'bearer',
    help:
      'Set connectionString to postgres://user:password@host:5432/database (add ?sslmode=require for TLS; ' +
      'certificates go in sslRootCert, sslCert, sslKey as PEM content, not file paths). ' +
      'Servers on private networks must be allowed by the administrator (WEFT_OUTBOUND_ALLOW).',
  },
  actions: [query, insert, upsert],
  triggers: [newOrUpdatedRows],
});
