// Sign-in, sign-out, who am I, API tokens and users.
import { API } from '@weft/core/contract';
import { noteAudit } from '../audit/audit-trail.js';
import { digest, newSecret, SESSION_COOKIE } from '../auth/credentials-of-callers.js';
import { LoginThrottle } from '../auth/login-throttle.js';
import { hashPassword, verifyPassword } from '../auth/passwords.js';
import { hasRole } from '../auth/roles.js';
import { startSession, userRecord } from '../auth/user-record.js';
import type { Services } from '../context.js';
import { HttpProblem } from '../http/problem.js';
import { routesOn } from '../http/route.js';
import { publicRouter, securedRouter } from '../http/routers.js';

// Verifying against a real hash even for unknown emails keeps response times alike.
const DUMMY_HASH = hashPassword('not a real password');

/** Sign-in: the one account route that needs no caller. */
export function loginRoutes({ store, config, loginThrottle }: Services) {
  const router = publicRouter();
  const throttle = loginThrottle ?? new LoginThrottle();

  routesOn(
    router,
    config.bodyLimit,
  )(API.login).handle(async ({ body: { email, password } }, ctx) => {
    const attempt = { account: email, address: ctx.ip };
    noteAudit(ctx, { target: { type: 'user', name: email.trim().toLowerCase().slice(0, 320) } });
    const waitMs = await throttle.begin(attempt);
    if (waitMs > 0) {
      const seconds = Math.ceil(waitMs / 1000);
      ctx.set('Retry-After', String(seconds));
      throw new HttpProblem(429, 'too_many_sign_in_attempts', `Too many failed sign-ins; try again in ${seconds} s.`, {
        retryAfter: seconds,
      });
    }
    let user: Awaited<ReturnType<typeof store.accounts.userByEmail>>;
    let ok = false;
    try {
      user = await store.accounts.userByEmail(email);
      // A deactivated user is refused like a wrong password: the answer does not tell accounts apart.
      ok = user
        ? (await verifyPassword(password, user.passwordHash)) && user.status === 'active'
        : (await verifyPassword(password, await DUMMY_HASH), false);
    } finally {
      if (!ok) await throttle.failed(attempt);
    }
    if (!user || !ok) {
      throw new HttpProblem(401, 'invalid_credentials', 'The email or password is not correct.');
    }
    await throttle.succeeded(attempt);
    await startSession(store, ctx, user);
    noteAudit(ctx, {
      actor: { type: 'user', id: user.id, email: user.email },
      target: { type: 'user', id: user.id, name: user.email },
    });
    return { user: { id: user.id, email: user.email, role: user.role } };
  });

  return router;
}

export function authRoutes({ store, config }: Services) {
  const router = securedRouter(store);
  const route = routesOn(router, config.bodyLimit);

  route(API.logout).handle(async ({ principal }, ctx) => {
    noteAudit(ctx, { target: { type: 'user', id: principal.userId, name: principal.email } });
    const sessionId = ctx.cookies.get(SESSION_COOKIE);
    if (sessionId) await store.accounts.deleteSession(digest(sessionId));
    ctx.cookies.set(SESSION_COOKIE, null, { httpOnly: true, sameSite: 'strict' });
    return undefined;
  });

  route(API.me).handle(({ principal }) => ({
    user: { id: principal.userId, email: principal.email, role: principal.role },
    via: principal.via,
  }));

  route(API.listTokens).handle(async ({ principal }) => ({
    items: await store.accounts.listApiTokens(principal.userId),
  }));

  route(API.createToken).handle(async ({ principal, body: { name, role = principal.role } }, ctx) => {
    noteAudit(ctx, { target: { type: 'token', name }, changes: { role } });
    if (!hasRole(principal, role))
      throw new HttpProblem(403, 'forbidden', `You cannot create a token with more rights (${role}) than your own.`);
    const secret = newSecret('weft');
    const token = await store.accounts.createApiToken({
      userId: principal.userId,
      name,
      tokenHash: digest(secret),
      role,
    });
    noteAudit(ctx, { target: { type: 'token', id: token.id, name } });
    return { ...token, token: secret };
  });

  route(API.deleteToken).handle(async ({ principal, params }) => {
    if (!(await store.accounts.deleteApiToken(params.id, principal.userId))) {
      throw new HttpProblem(404, 'token_not_found', 'You have no API token with this id.');
    }
    return undefined;
  });

  route(API.listUsers).handle(async () => {
    return {
      items: (await store.accounts.listUsers()).map(userRecord),
    };
  });

  route(API.createUser).handle(async ({ body: { email, password, role = 'viewer' } }, ctx) => {
    noteAudit(ctx, { target: { type: 'user', name: email.trim().toLowerCase() }, changes: { role } });
    const user = await store.accounts.createUser({ email, passwordHash: await hashPassword(password), role });
    noteAudit(ctx, { target: { type: 'user', id: user.id, name: user.email } });
    return userRecord(user);
  });

  return router;
}
