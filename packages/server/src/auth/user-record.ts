// A user as the API shows it (never the password hash), and the session a sign-in starts.
import type { Reply } from '@weft/core/contract';
import type { Store, UserRow } from '@weft/store';
import type { Context } from 'koa';
import { digest, newSecret, SESSION_COOKIE, SESSION_TTL_MS } from './credentials-of-callers.js';

export function userRecord(user: UserRow): Reply<'createUser'> {
  return {
    id: user.id,
    email: user.email,
    role: user.role,
    createdAt: user.createdAt,
    status: user.status,
    lastSignInAt: user.lastSignInAt === undefined ? null : new Date(user.lastSignInAt).toISOString(),
  };
}

/** Signs `user` in on this response: a new session (only its digest stored) in an httpOnly cookie. */
export async function startSession(store: Store, ctx: Context, user: UserRow): Promise<void> {
  const sessionId = newSecret('ses');
  await store.accounts.createSession({
    idHash: digest(sessionId),
    userId: user.id,
    expiresAt: Date.now() + SESSION_TTL_MS,
  });
  await store.team.recordSignIn(user.id);
  ctx.cookies.set(SESSION_COOKIE, sessionId, {
    httpOnly: true,
    sameSite: 'strict',
    secure: ctx.secure,
    maxAge: SESSION_TTL_MS,
    overwrite: true,
  });
}
