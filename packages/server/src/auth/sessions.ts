// A browser session: a random id in an httpOnly cookie, only its digest stored. Password sign-in and single
// sign-on (and an accepted invite) all end here, so they give exactly the same cookie and record the sign-in.
import type { Store } from '@weft/store';
import type { Context } from 'koa';
import { digest, newSecret, SESSION_COOKIE, SESSION_TTL_MS } from './credentials-of-callers.js';

export async function startSession(store: Store, ctx: Context, userId: string): Promise<void> {
  const sessionId = newSecret('ses');
  await store.accounts.createSession({ idHash: digest(sessionId), userId, expiresAt: Date.now() + SESSION_TTL_MS });
  await store.team.recordSignIn(userId);
  ctx.cookies.set(SESSION_COOKIE, sessionId, {
    httpOnly: true,
    sameSite: 'strict',
    secure: ctx.secure,
    maxAge: SESSION_TTL_MS,
    overwrite: true,
  });
}
