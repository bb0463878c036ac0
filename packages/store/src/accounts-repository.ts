// Accounts: users with roles, login sessions and API tokens. Only hashes of session ids and tokens are stored;
// password hashing is the caller's (the server's) job.
import { WeftError } from '@weft/core';
import type { StoreContext } from './context.js';
import { newId } from './ids.js';

export type Role = 'owner' | 'editor' | 'operator' | 'viewer';
export type UserStatus = 'active' | 'deactivated';

export interface UserRow {
  id: string;
  email: string;
  passwordHash: string;
  role: Role;
  createdAt: number;
  /** A deactivated user has no sessions or tokens and cannot sign in (team-repository.ts). */
  status: UserStatus;
  lastSignInAt?: number;
}

export interface ApiTokenRow {
  id: string;
  userId: string;
  name: string;
  role: Role;
  createdAt: number;
  lastUsedAt?: number;
}

export interface AccountRepository {
  countUsers(): Promise<number>;
  createUser(input: { email: string; passwordHash: string; role: Role }): Promise<UserRow>;
  userByEmail(email: string): Promise<UserRow | undefined>;
  user(id: string): Promise<UserRow | undefined>;
  /** The earliest user with this role (e.g. the owner created at first start). */
  firstWithRole(role: Role): Promise<UserRow | undefined>;
  listUsers(): Promise<UserRow[]>;
  createSession(input: { idHash: string; userId: string; expiresAt: number }): Promise<void>;
  /** The session's user when the session exists and has not expired. */
  sessionUser(idHash: string): Promise<UserRow | undefined>;
  deleteSession(idHash: string): Promise<void>;
  createApiToken(input: { userId: string; name: string; tokenHash: string; role: Role }): Promise<ApiTokenRow>;
  /** The token and its owner when the hash is known; records the use. */
  useApiToken(tokenHash: string): Promise<{ token: ApiTokenRow; user: UserRow } | undefined>;
  listApiTokens(userId: string): Promise<ApiTokenRow[]>;
  deleteApiToken(id: string, userId: string): Promise<boolean>;
}

interface UserColumns {
  id: string;
  email: string;
  password_hash: string;
  role: string;
  created_at: number;
  status: string;
  last_sign_in_at: number | null;
}

export function createAccountRepository(ctx: StoreContext): AccountRepository {
  const { db } = ctx;
  const toUser = (row: UserColumns): UserRow => ({
    id: row.id,
    email: row.email,
    passwordHash: row.password_hash,
    role: row.role as Role,
    createdAt: Number(row.created_at),
    status: row.status === 'deactivated' ? 'deactivated' : 'active',
    ...(row.last_sign_in_at === null ? {} : { lastSignInAt: Number(row.last_sign_in_at) }),
  });
  const toToken = (row: {
    id: string;
    user_id: string;
    name: string;
    role: string;
    created_at: number;
    last_used_at: number | null;
  }): ApiTokenRow => {
    const token: ApiTokenRow = {
      id: row.id,
      userId: row.user_id,
      name: row.name,
      role: row.role as Role,
      createdAt: Number(row.created_at),
    };
    if (row.last_used_at !== null) token.lastUsedAt = Number(row.last_used_at);
    return token;
  };
  return {
    async countUsers() {
      const row = await db
        .selectFrom('users')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow();
      return Number(row.n);
    },
    async createUser({ email, passwordHash, role }) {
      const normalized = email.trim().toLowerCase();
      if (await this.userByEmail(normalized)) {
        throw new WeftError('user_exists', `A user with email ${normalized} already exists.`, { fault: 'user' });
      }
      const row = {
        id: newId('usr', ctx.now()),
        email: normalized,
        password_hash: passwordHash,
        role,
        created_at: ctx.now(),
      };
      await db.insertInto('users').values(row).execute();
      return toUser({ ...row, status: 'active', last_sign_in_at: null });
    },
    async userByEmail(email) {
      const row = await db
        .selectFrom('users')
        .selectAll()
        .where('email', '=', email.trim().toLowerCase())
        .executeTakeFirst();
      return row && toUser(row);
    },
    async user(id) {
      const row = await db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
      return row && toUser(row);
    },
    async firstWithRole(role) {
      const row = await db
        .selectFrom('users')
        .selectAll()
        .where('role', '=', role)
        .orderBy('created_at')
        .orderBy('id')
        .limit(1)
        .executeTakeFirst();
      return row && toUser(row);
    },
    async listUsers() {
      return (await db.selectFrom('users').selectAll().orderBy('created_at').execute()).map(toUser);
    },
    async createSession({ idHash, userId, expiresAt }) {
      await db
        .insertInto('sessions')
        .values({ id: idHash, user_id: userId, expires_at: expiresAt, created_at: ctx.now() })
        .execute();
    },
    async sessionUser(idHash) {
      const row = await db
        .selectFrom('sessions')
        .innerJoin('users', 'users.id', 'sessions.user_id')
        .select([
          'users.id',
          'users.email',
          'users.password_hash',
          'users.role',
          'users.created_at',
          'users.status',
          'users.last_sign_in_at',
          'sessions.expires_at',
        ])
        .where('sessions.id', '=', idHash)
        .executeTakeFirst();
      // Deactivation deletes the user's sessions; a deactivated user's session is refused all the same.
      if (!row || Number(row.expires_at) <= ctx.now() || row.status !== 'active') return undefined;
      return toUser(row);
    },
    async deleteSession(idHash) {
      await db.deleteFrom('sessions').where('id', '=', idHash).execute();
    },
    async createApiToken({ userId, name, tokenHash, role }) {
      const row = {
        id: newId('tok', ctx.now()),
        user_id: userId,
        name,
        token_hash: tokenHash,
        role,
        created_at: ctx.now(),
        last_used_at: null,
      };
      await db.insertInto('api_tokens').values(row).execute();
      return toToken(row);
    },
    async useApiToken(tokenHash) {
      const row = await db.selectFrom('api_tokens').selectAll().where('token_hash', '=', tokenHash).executeTakeFirst();
      if (!row) return undefined;
      const user = await this.user(row.user_id);
      if (!user || user.status !== 'active') return undefined;
      await db.updateTable('api_tokens').set({ last_used_at: ctx.now() }).where('id', '=', row.id).execute();
      return { token: toToken(row), user };
    },
    async listApiTokens(userId) {
      const rows = await db
        .selectFrom('api_tokens')
        .selectAll()
        .where('user_id', '=', userId)
        .orderBy('created_at')
        .execute();
      return rows.map(toToken);
    },
    async deleteApiToken(id, userId) {
      const result = await db
        .deleteFrom('api_tokens')
        .where('id', '=', id)
        .where('user_id', '=', userId)
        .executeTakeFirst();
      return result.numDeletedRows > 0n;
    },
  };
}
