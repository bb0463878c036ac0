// Migration 0008, user identities: which account an OpenID Connect sign-in belongs to. An identity is named by its
// issuer and subject (the IdP's stable id of the person; emails change); a user may have several (one per IdP).
// The email as the IdP last gave it is kept for the operator's eyes only: matching is by issuer + subject.
// Numbered 0008 because the users work of the same release takes 0007; renumbered on merge if need be.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('user_identities')
    .addColumn('issuer', 'text', (c) => c.notNull())
    .addColumn('subject', 'text', (c) => c.notNull())
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('email', 'text')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('last_sign_in_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('user_identities_pk', ['issuer', 'subject'])
    .execute();
  await db.schema.createIndex('user_identities_user_idx').on('user_identities').column('user_id').execute();
}
