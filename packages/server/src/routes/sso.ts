// Single sign-on routes: what the login page offers, the start of an OpenID Connect sign-in, and the provider's
// redirect back. The state is bound twice: server-side (single use, with the PKCE verifier and the nonce) and to
// the browser that started (a short-lived SameSite=Lax cookie), so a callback link forged by someone else cannot
// sign a victim into the forger's account. A failure sends a browser back to the login page with `sso_error`
// and answers an API caller (Accept: application/json) with problem+json; neither is ever a 500.
import { API, SSO_ERROR_PARAM, SSO_ERRORS } from '@weft/core/contract';
import type { Context } from 'koa';
import { timingSafeEqual } from 'node:crypto';
import { noteAudit } from '../audit/audit-trail.js';
import { accountFor } from '../auth/oidc-accounts.js';
import { startSession } from '../auth/sessions.js';
import { loggedSignIns } from '../auth/sign-in-events.js';
import { SsoFailure } from '../auth/sso-failure.js';
import type { Services } from '../context.js';
import { HttpProblem } from '../http/problem.js';
import { routesOn } from '../http/route.js';
import { publicRouter } from '../http/routers.js';

const NO_BODY = 0;
const STATE_COOKIE = 'weft_oidc_state';
const STATE_COOKIE_PATH = '/api/auth/oidc';
const STATE_COOKIE_MS = 10 * 60_000;

export function ssoRoutes({ store, logger, signIn: policy }: Services) {
  const router = publicRouter();
  const route = routesOn(router, NO_BODY);
  const emit = policy?.events ?? loggedSignIns(logger);

  route(API.ssoOptions).handle(() => ({
    passwordLogin: policy?.passwordLogin !== 'off',
    providers: policy?.oidc ? [{ id: 'oidc' as const, label: policy.oidc.label, startUrl: API.oidcStart.path }] : [],
  }));

  route(API.oidcStart).handle(async ({ query }, ctx) => {
    try {
      const oidc = policy?.oidc;
      if (!oidc) throw new SsoFailure('sso_not_configured', 'Single sign-on is not set up on this server.');
      const { url, state } = await oidc.start(samePath(query.next));
      ctx.cookies.set(STATE_COOKIE, state, {
        httpOnly: true,
        // Lax: the cookie must come back on the provider's top-level redirect to the callback.
        sameSite: 'lax',
        secure: ctx.secure,
        path: STATE_COOKIE_PATH,
        maxAge: STATE_COOKIE_MS,
        overwrite: true,
      });
      ctx.redirect(url);
      return undefined;
    } catch (error) {
      return refuse(ctx, error);
    }
  });

  route(API.oidcCallback).handle(async ({ query }, ctx) => {
    try {
      const oidc = policy?.oidc;
      if (!oidc || !policy.provisioning)
        throw new SsoFailure('sso_not_configured', 'Single sign-on is not set up on this server.');
      const bound = ctx.cookies.get(STATE_COOKIE);
      ctx.cookies.set(STATE_COOKIE, null, { path: STATE_COOKIE_PATH, httpOnly: true, sameSite: 'lax' });
      if (!query.state || !bound || !sameText(bound, query.state))
        throw new SsoFailure('sso_state_invalid', 'This sign-in was not started in this browser, or it expired.');
      const identity = await oidc.finish(query.state, ctx.querystring);
      const { user, provisioned, roleBefore } = await accountFor(store, identity, policy.provisioning);
      noteAudit(ctx, {
        actor: { type: 'user', id: user.id, email: user.email },
        target: { type: 'user', id: user.id, name: user.email },
        ...(provisioned ? { changes: { provisioned: true, role: user.role } } : {}),
        ...(roleBefore && roleBefore !== user.role ? { changes: { role: { from: roleBefore, to: user.role } } } : {}),
      });
      if (user.status !== 'active')
        throw new SsoFailure('sso_account_deactivated', 'This account is deactivated; an owner can reactivate it.');
      await startSession(store, ctx, user.id);
      emit({
        outcome: 'succeeded',
        method: 'oidc',
        address: ctx.ip,
        userId: user.id,
        email: user.email,
        role: user.role,
        provisioned,
      });
      ctx.redirect(identity.next ?? '/');
      return undefined;
    } catch (error) {
      if (error instanceof SsoFailure) {
        emit({ outcome: 'failed', method: 'oidc', address: ctx.ip, code: error.code });
        noteAudit(ctx, { failed: error.code });
      }
      return refuse(ctx, error);
    }
  });

  return router;
}

/** A browser goes back to the login page, which says what went wrong; an API caller gets problem+json. */
function refuse(ctx: Context, error: unknown): undefined {
  if (!(error instanceof SsoFailure)) throw error;
  if (ctx.accepts('html', 'json') === 'json')
    throw new HttpProblem(SSO_ERRORS[error.code].status, error.code, error.message);
  ctx.redirect(`/login?${SSO_ERROR_PARAM}=${encodeURIComponent(error.code)}`);
  return undefined;
}

/** Only a path of this origin (not `//host` or `/\host`, which browsers read as another origin). */
function samePath(next: string | undefined): string | undefined {
  return next && next.startsWith('/') && !next.startsWith('//') && !next.startsWith('/\\') ? next : undefined;
}

function sameText(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}
