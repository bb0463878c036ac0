// Identities of single sign-on: an OpenID Connect issuer + subject bound to a Weft user. Provisioning creates the
// user and its identity in one transaction, so that two first sign-ins racing cannot make two accounts (the second
// fails on the primary key or on the email). Password hashing and role mapping are the server's business.
import type { AccountRepository, Role, UserRow } from './accounts-repository.js';
import { createAccountRepository } from './accounts-repository.js';
import { inTransaction, type StoreContext } from './context.js';

export interface IdentityKey {
  issuer: string;
  subject: string;
}

export interface IdentityRepository {
  /** The user this identity signs in as; undefined for an identity never seen. */
  userFor(key: IdentityKey): Promise<UserRow | undefined>;
  /** Binds the identity to an existing user (first sign-in of someone who had a password account). */
  link(input: IdentityKey & { userId: string; email?: string }): Promise<void>;
  /** Creates the user (with `passwordHash`, which may be a hash that matches no password) and its identity. */
  provision(input: IdentityKey & { email: string; role: Role; passwordHash: string }): Promise<UserRow>;
  /** Records a sign-in and the email as the IdP gave it (roles change through the team repository's rules). */
  signedIn(input: IdentityKey & { email?: string }): Promise<UserRow | undefined>;
}

export function createIdentityRepository(ctx: StoreContext): IdentityRepository {
  const accounts = (c: StoreContext): AccountRepository => createAccountRepository(c);
  const insert = async (c: StoreContext, input: IdentityKey & { userId: string; email?: string }) => {
    const now = c.now();
    await c.db
      .insertInto('user_identities')
      .values({
        issuer: input.issuer,
        subject: input.subject,
        user_id: input.userId,
        email: input.email ?? null,
        created_at: now,
        last_sign_in_at: now,
      })
      .execute();
  };
  return {
    async userFor({ issuer, subject }) {
      const row = await ctx.db
        .selectFrom('user_identities')
        .select('user_id')
        .where('issuer', '=', issuer)
        .where('subject', '=', subject)
        .executeTakeFirst();
      return row ? accounts(ctx).user(row.user_id) : undefined;
    },
    async link(input) {
      await insert(ctx, input);
    },
    async provision({ issuer, subject, email, role, passwordHash }) {
      return inTransaction(ctx, async (tx) => {
        const user = await accounts(tx).createUser({ email, passwordHash, role });
        await insert(tx, { issuer, subject, userId: user.id, email: user.email });
        return user;
      });
    },
    async signedIn({ issuer, subject, email }) {
      return inTransaction(ctx, async (tx) => {
        const row = await tx.db
          .updateTable('user_identities')
          .set({ last_sign_in_at: tx.now(), ...(email === undefined ? {} : { email }) })
          .where('issuer', '=', issuer)
          .where('subject', '=', subject)
          .returning('user_id')
          .executeTakeFirst();
        if (!row) return undefined;
        return accounts(tx).user(row.user_id);
      });
    },
  };
}
