// Who is calling: an API token (`Authorization: Bearer`) or a session cookie. Both are looked up by SHA-256
// digest, so the database never holds a usable secret.
import type { Store } from '@weft/store';
import { createHash, randomBytes } from 'node:crypto';
import { lesserRole, type Principal } from './roles.js';

export const SESSION_COOKIE = 'weft_session';
export const SESSION_TTL_MS = 7 * 24 * 3600_000;

export const digest = (secret: string): string => createHash('sha256').update(secret).digest('base64url');
export const newSecret = (prefix: string): string => `${prefix}_${randomBytes(24).toString('base64url')}`;

export async function principalFromToken(store: Store, token: string): Promise<Principal | undefined> {
  const found = await store.accounts.useApiToken(digest(token));
  return (
    found && {
      userId: found.user.id,
      email: found.user.email,
      // A token never has more rights than its user has now (a demoted user's older tokens are demoted too).
      role: lesserRole(found.token.role, found.user.role),
      via: 'token',
      tokenId: found.token.id,
    }
  );
}

export async function principalFromSession(store: Store, sessionId: string): Promise<Principal | undefined> {
  const user = await store.accounts.sessionUser(digest(sessionId));
  return user && { userId: user.id, email: user.email, role: user.role, via: 'session' };
}

/** Parses one cookie out of a Cookie header (for socket.io handshakes, where Koa's ctx.cookies is absent). */
export function cookieValue(header: string | undefined, name: string): string | undefined {
  for (const part of (header ?? '').split(';')) {
    const [key, ...rest] = part.trim().split('=');
    if (key === name) return decodeURIComponent(rest.join('='));
  }
  return undefined;
}
