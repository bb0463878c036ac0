// Authentication: a bearer API token or a session cookie. Cookie-authenticated requests that change state must
// carry `X-Weft-Request: 1` — a custom header a cross-site form or image cannot send, and CORS is closed — so
// sessions are CSRF-safe without tokens in pages. This middleware does not look at the path: it is attached to
// the secured routers themselves (see routers.ts), so whatever route they match has passed it.
import type { Store } from '@weft/store';
import type { Context, Middleware } from 'koa';
import { principalFromSession, principalFromToken, SESSION_COOKIE } from '../auth/credentials-of-callers.js';
import type { Principal } from '../auth/roles.js';
import { HttpProblem } from './problem.js';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** Who authenticate() let in, kept typed beside the request (ctx.state is untyped). */
const principals = new WeakMap<Context, Principal>();

/** The caller authenticate() let in; undefined on public routes. */
export function principalOf(ctx: Context): Principal | undefined {
  return principals.get(ctx);
}

export function authenticate(store: Store): Middleware {
  return async (ctx, next) => {
    const bearer = /^Bearer\s+(\S+)$/i.exec(ctx.get('authorization'))?.[1];
    if (bearer) {
      const principal = await principalFromToken(store, bearer);
      if (!principal) {
        ctx.set('WWW-Authenticate', 'Bearer realm="weft", error="invalid_token"');
        throw new HttpProblem(401, 'invalid_token', 'The API token is not valid (it may have been deleted).');
      }
      ctx.state.principal = principal;
      principals.set(ctx, principal);
      return next();
    }
    const sessionId = ctx.cookies.get(SESSION_COOKIE);
    const principal = sessionId ? await principalFromSession(store, sessionId) : undefined;
    if (!principal) {
      ctx.set('WWW-Authenticate', 'Bearer realm="weft"');
      throw new HttpProblem(
        401,
        'unauthenticated',
        'Sign in, or send an API token as "Authorization: Bearer <token>".',
      );
    }
    if (!SAFE_METHODS.has(ctx.method) && ctx.get('x-weft-request') !== '1') {
      throw new HttpProblem(
        403,
        'csrf',
        'Requests signed in with a session cookie must send the header "X-Weft-Request: 1".',
      );
    }
    ctx.state.principal = principal;
    principals.set(ctx, principal);
    await next();
  };
}
