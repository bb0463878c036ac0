// Team administration: invites (single-use, expiring; stored as token digests), role changes, deactivation,
// deletion, password resets and changes. Every change that could leave the workspace without an active owner is
// checked inside its transaction, with the owners' rows locked on PostgreSQL (SQLite's write lock serializes),
// so two owners demoting each other at once cannot both succeed.
import { WeftError } from '@weft/core';
import { inTransaction, type StoreContext } from './context.js';
import type { AccountRepository, Role, UserRow } from './accounts-repository.js';
import { createAccountRepository } from './accounts-repository.js';
import { newId } from './ids.js';

export interface InviteRow {
  id: string;
  email: string;
  role: Role;
  createdBy?: string;
  createdAt: number;
  expiresAt: number;
}

/** Why a token (invite or reset) cannot be used: unknown, or used/revoked/expired. */
export type TokenState<T> = { ok: true; value: T } | { ok: false; why: 'unknown' | 'used' | 'expired' };

export interface PasswordResetRow {
  id: string;
  userId: string;
  email: string;
  expiresAt: number;
}

export interface TeamRepository {
  createInvite(input: {
    email: string;
    role: Role;
    tokenHash: string;
    createdBy?: string;
    /** Valid this long from now. */
    ttlMs: number;
  }): Promise<InviteRow>;
  /** Neither used, revoked nor expired, oldest first. */
  pendingInvites(): Promise<InviteRow[]>;
  /** Marks a pending invite revoked; false when there is no pending invite with this id. */
  revokeInvite(id: string): Promise<boolean>;
  invite(tokenHash: string): Promise<TokenState<InviteRow>>;
  /** Creates the invited user (409 user_exists when the email is taken) and uses the invite up, at once. */
  acceptInvite(tokenHash: string, passwordHash: string): Promise<TokenState<{ invite: InviteRow; user: UserRow }>>;
  /** The user before and after; 409 last_owner when this would leave no active owner. */
  setRole(id: string, role: Role): Promise<{ before: UserRow; after: UserRow }>;
  /** Deactivates (deleting every session and API token of the user) or reactivates. */
  setStatus(id: string, status: UserRow['status']): Promise<{ before: UserRow; after: UserRow }>;
  /** Deletes the user with their sessions, tokens and resets; 409 last_owner for the last active owner. */
  deleteUser(id: string): Promise<UserRow>;
  createPasswordReset(input: { userId: string; tokenHash: string; ttlMs: number }): Promise<PasswordResetRow>;
  passwordReset(tokenHash: string): Promise<TokenState<PasswordResetRow>>;
  /** Sets the password, uses the reset up and deletes the user's sessions, at once. */
  completePasswordReset(tokenHash: string, passwordHash: string): Promise<TokenState<PasswordResetRow>>;
  /** Sets the password and deletes the user's sessions but the one whose id digest is `keepSession`. */
  setPassword(userId: string, passwordHash: string, keepSession?: string): Promise<void>;
  recordSignIn(userId: string): Promise<void>;
}

export function createTeamRepository(ctx: StoreContext): TeamRepository {
  const { db } = ctx;
  const accountsOf = (tx: StoreContext): AccountRepository => createAccountRepository(tx);

  const toInvite = (row: {
    id: string;
    email: string;
    role: string;
    created_by: string | null;
    created_at: number;
    expires_at: number;
  }): InviteRow => ({
    id: row.id,
    email: row.email,
    role: row.role as Role,
    ...(row.created_by === null ? {} : { createdBy: row.created_by }),
    createdAt: Number(row.created_at),
    expiresAt: Number(row.expires_at),
  });

  const userOr404 = async (tx: StoreContext, id: string): Promise<UserRow> => {
    const user = await accountsOf(tx).user(id);
    if (!user) throw new WeftError('user_not_found', `There is no user with id "${id}".`, { fault: 'user' });
    return user;
  };

  /** Refuses a change after which no active owner would be left (`leaving`: the user losing owner rights). */
  const keepAnOwner = async (tx: StoreContext, leaving: UserRow): Promise<void> => {
    if (leaving.role !== 'owner' || leaving.status !== 'active') return;
    let query = tx.db.selectFrom('users').select('id').where('role', '=', 'owner').where('status', '=', 'active');
    if (tx.dialect === 'postgres') query = query.forUpdate();
    const owners = await query.execute();
    if (owners.every((owner) => owner.id === leaving.id)) {
      throw new WeftError('last_owner', `${leaving.email} is the last active owner: make another user owner first.`, {
        fault: 'user',
      });
    }
  };

  const inviteState = async (tx: StoreContext, tokenHash: string): Promise<TokenState<InviteRow>> => {
    const row = await tx.db
      .selectFrom('user_invites')
      .selectAll()
      .where('token_hash', '=', tokenHash)
      .executeTakeFirst();
    if (!row) return { ok: false, why: 'unknown' };
    if (row.used_at !== null || row.revoked_at !== null) return { ok: false, why: 'used' };
    if (Number(row.expires_at) <= ctx.now()) return { ok: false, why: 'expired' };
    return { ok: true, value: toInvite(row) };
  };

  const resetState = async (tx: StoreContext, tokenHash: string): Promise<TokenState<PasswordResetRow>> => {
    const row = await tx.db
      .selectFrom('password_resets')
      .innerJoin('users', 'users.id', 'password_resets.user_id')
      .select([
        'password_resets.id',
        'password_resets.user_id',
        'password_resets.expires_at',
        'password_resets.used_at',
        'users.email',
      ])
      .where('password_resets.token_hash', '=', tokenHash)
      .executeTakeFirst();
    if (!row) return { ok: false, why: 'unknown' };
    if (row.used_at !== null) return { ok: false, why: 'used' };
    if (Number(row.expires_at) <= ctx.now()) return { ok: false, why: 'expired' };
    return {
      ok: true,
      value: { id: row.id, userId: row.user_id, email: row.email, expiresAt: Number(row.expires_at) },
    };
  };

  return {
    async createInvite({ email, role, tokenHash, createdBy, ttlMs }) {
      const row = {
        id: newId('inv', ctx.now()),
        email: email.trim().toLowerCase(),
        role,
        token_hash: tokenHash,
        created_by: createdBy ?? null,
        created_at: ctx.now(),
        expires_at: ctx.now() + ttlMs,
        used_at: null,
        revoked_at: null,
      };
      await db.insertInto('user_invites').values(row).execute();
      return toInvite(row);
    },
    async pendingInvites() {
      const rows = await db
        .selectFrom('user_invites')
        .selectAll()
        .where('used_at', 'is', null)
        .where('revoked_at', 'is', null)
        .where('expires_at', '>', ctx.now())
        .orderBy('created_at')
        .orderBy('id')
        .execute();
      return rows.map(toInvite);
    },
    async revokeInvite(id) {
      const result = await db
        .updateTable('user_invites')
        .set({ revoked_at: ctx.now() })
        .where('id', '=', id)
        .where('used_at', 'is', null)
        .where('revoked_at', 'is', null)
        .executeTakeFirst();
      return result.numUpdatedRows > 0n;
    },
    invite: (tokenHash) => inviteState(ctx, tokenHash),
    acceptInvite: (tokenHash, passwordHash) =>
      inTransaction(ctx, async (tx) => {
        const state = await inviteState(tx, tokenHash);
        if (!state.ok) return state;
        const invite = state.value;
        if (!(await claimOnce(tx, 'user_invites', invite.id))) return { ok: false, why: 'used' };
        const user = await accountsOf(tx).createUser({ email: invite.email, passwordHash, role: invite.role });
        return { ok: true, value: { invite, user } };
      }),
    setRole: (id, role) =>
      inTransaction(ctx, async (tx) => {
        const before = await userOr404(tx, id);
        if (role !== 'owner') await keepAnOwner(tx, before);
        await tx.db.updateTable('users').set({ role }).where('id', '=', id).execute();
        return { before, after: { ...before, role } };
      }),
    setStatus: (id, status) =>
      inTransaction(ctx, async (tx) => {
        const before = await userOr404(tx, id);
        if (status === 'deactivated') {
          await keepAnOwner(tx, before);
          await tx.db.deleteFrom('sessions').where('user_id', '=', id).execute();
          await tx.db.deleteFrom('api_tokens').where('user_id', '=', id).execute();
        }
        await tx.db
          .updateTable('users')
          .set({ status, deactivated_at: status === 'deactivated' ? ctx.now() : null })
          .where('id', '=', id)
          .execute();
        return { before, after: { ...before, status } };
      }),
    deleteUser: (id) =>
      inTransaction(ctx, async (tx) => {
        const user = await userOr404(tx, id);
        await keepAnOwner(tx, user);
        // Sessions, tokens and resets go with the user (foreign keys cascade); invites they sent stay.
        await tx.db.deleteFrom('users').where('id', '=', id).execute();
        return user;
      }),
    async createPasswordReset({ userId, tokenHash, ttlMs }) {
      const user = await userOr404(ctx, userId);
      const row = {
        id: newId('pwr', ctx.now()),
        user_id: userId,
        token_hash: tokenHash,
        created_at: ctx.now(),
        expires_at: ctx.now() + ttlMs,
        used_at: null,
      };
      await db.insertInto('password_resets').values(row).execute();
      return { id: row.id, userId, email: user.email, expiresAt: row.expires_at };
    },
    passwordReset: (tokenHash) => resetState(ctx, tokenHash),
    completePasswordReset: (tokenHash, passwordHash) =>
      inTransaction(ctx, async (tx) => {
        const state = await resetState(tx, tokenHash);
        if (!state.ok) return state;
        const { id, userId } = state.value;
        if (!(await claimOnce(tx, 'password_resets', id))) return { ok: false, why: 'used' };
        await tx.db.updateTable('users').set({ password_hash: passwordHash }).where('id', '=', userId).execute();
        await tx.db.deleteFrom('sessions').where('user_id', '=', userId).execute();
        return state;
      }),
    setPassword: (userId, passwordHash, keepSession) =>
      inTransaction(ctx, async (tx) => {
        await tx.db.updateTable('users').set({ password_hash: passwordHash }).where('id', '=', userId).execute();
        let sessions = tx.db.deleteFrom('sessions').where('user_id', '=', userId);
        if (keepSession !== undefined) sessions = sessions.where('id', '!=', keepSession);
        await sessions.execute();
      }),
    async recordSignIn(userId) {
      await db.updateTable('users').set({ last_sign_in_at: ctx.now() }).where('id', '=', userId).execute();
    },
  };
}

/**
 * Marks a single-use link used, only if no one did first (nor, for an invite, revoked it meanwhile): the check and
 * the mark are one statement, so two uses at once, or a use and a revocation (PostgreSQL runs them side by side
 * under read committed), cannot both pass the check read before it.
 */
async function claimOnce(tx: StoreContext, table: 'password_resets' | 'user_invites', id: string): Promise<boolean> {
  const result =
    table === 'user_invites'
      ? await tx.db
          .updateTable('user_invites')
          .set({ used_at: tx.now() })
          .where('id', '=', id)
          .where('used_at', 'is', null)
          .where('revoked_at', 'is', null)
          .executeTakeFirst()
      : await tx.db
          .updateTable('password_resets')
          .set({ used_at: tx.now() })
          .where('id', '=', id)
          .where('used_at', 'is', null)
          .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}
