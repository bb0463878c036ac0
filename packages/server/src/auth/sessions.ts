// A browser session: a random id in an httpOnly cookie, only its digest stored. Password sign-in and single
// sign-on both end here, so the two give exactly the same cookie.
import type { Store } from '@weft/store';
import type { Context } from 'koa';
import { digest, newSecret, SESSION_COOKIE, SESSION_TTL_MS } from './credentials-of-callers.js';

export async function startSession(store: Store, ctx: Context, userId: string): Promise<void> {
  const sessionId = newSecret('ses');
  await store.accounts.createSession({ idHash: digest(sessionId), userId, expiresAt: Date.now() + SESSION_TTL_MS });
  ctx.cookies.set(SESSION_COOKIE, sessionId, {
    httpOnly: true,
    sameSite: 'strict',
    secure: ctx.secure,
    maxAge: SESSION_TTL_MS,
    overwrite: true,
  });
}
