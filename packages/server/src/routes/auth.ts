// Sign-in, sign-out, who am I, API tokens and users.
import type { Role } from '@weft/store';
import { digest, newSecret, SESSION_COOKIE, SESSION_TTL_MS } from '../auth/credentials-of-callers.js';
import { LoginThrottle } from '../auth/login-throttle.js';
import { hashPassword, verifyPassword } from '../auth/passwords.js';
import { hasRole, requireRole, ROLES, type Principal } from '../auth/roles.js';
import type { Services } from '../context.js';
import { readJsonObject } from '../http/body.js';
import { HttpProblem } from '../http/problem.js';
import { publicRouter, securedRouter } from '../http/routers.js';

// Verifying against a real hash even for unknown emails keeps response times alike.
const DUMMY_HASH = hashPassword('not a real password');

function requireString(body: Record<string, unknown>, field: string, max = 500): string {
  const value = body[field];
  if (typeof value !== 'string' || value.length === 0 || value.length > max) {
    throw new HttpProblem(400, 'invalid_body', `"${field}" must be a non-empty string (at most ${max} characters).`, {
      pointer: `/${field}`,
    });
  }
  return value;
}

function requireRoleField(body: Record<string, unknown>, fallback: Role): Role {
  const role = body.role ?? fallback;
  if (!ROLES.includes(role as Role))
    throw new HttpProblem(400, 'invalid_body', `"role" must be one of ${ROLES.join(', ')}.`, { pointer: '/role' });
  return role as Role;
}

/** Sign-in: the one account route that needs no caller. */
export function loginRoutes({ store, config, loginThrottle }: Services) {
  const router = publicRouter();
  const throttle = loginThrottle ?? new LoginThrottle();

  router.post('/api/auth/login', async (ctx) => {
    const body = await readJsonObject(ctx, config.bodyLimit);
    const email = requireString(body, 'email');
    const password = requireString(body, 'password');
    const attempt = { account: email, address: ctx.ip };
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
      ok = user
        ? await verifyPassword(password, user.passwordHash)
        : (await verifyPassword(password, await DUMMY_HASH), false);
    } finally {
      if (!ok) await throttle.failed(attempt);
    }
    if (!user || !ok) {
      throw new HttpProblem(401, 'invalid_credentials', 'The email or password is not correct.');
    }
    await throttle.succeeded(attempt);
    const sessionId = newSecret('ses');
    await store.accounts.createSession({
      idHash: digest(sessionId),
      userId: user.id,
      expiresAt: Date.now() + SESSION_TTL_MS,
    });
    ctx.cookies.set(SESSION_COOKIE, sessionId, {
      httpOnly: true,
      sameSite: 'strict',
      secure: ctx.secure,
      maxAge: SESSION_TTL_MS,
      overwrite: true,
    });
    ctx.body = { user: { id: user.id, email: user.email, role: user.role } };
  });

  return router;
}

export function authRoutes({ store, config }: Services) {
  const router = securedRouter(store);

  router.post('/api/auth/logout', async (ctx) => {
    const sessionId = ctx.cookies.get(SESSION_COOKIE);
    if (sessionId) await store.accounts.deleteSession(digest(sessionId));
    ctx.cookies.set(SESSION_COOKIE, null, { httpOnly: true, sameSite: 'strict' });
    ctx.status = 204;
  });

  router.get('/api/auth/me', (ctx) => {
    const principal = ctx.state.principal as Principal;
    ctx.body = { user: { id: principal.userId, email: principal.email, role: principal.role }, via: principal.via };
  });

  router.get('/api/auth/tokens', async (ctx) => {
    ctx.body = { items: await store.accounts.listApiTokens((ctx.state.principal as Principal).userId) };
  });

  router.post('/api/auth/tokens', async (ctx) => {
    const principal = ctx.state.principal as Principal;
    const body = await readJsonObject(ctx, config.bodyLimit);
    const name = requireString(body, 'name', 100);
    const role = requireRoleField(body, principal.role);
    if (!hasRole(principal, role))
      throw new HttpProblem(403, 'forbidden', `You cannot create a token with more rights (${role}) than your own.`);
    const secret = newSecret('weft');
    const token = await store.accounts.createApiToken({
      userId: principal.userId,
      name,
      tokenHash: digest(secret),
      role,
    });
    ctx.status = 201;
    ctx.body = { ...token, token: secret };
  });

  router.delete('/api/auth/tokens/:id', async (ctx) => {
    if (!(await store.accounts.deleteApiToken(ctx.params.id!, (ctx.state.principal as Principal).userId))) {
      throw new HttpProblem(404, 'token_not_found', 'You have no API token with this id.');
    }
    ctx.status = 204;
  });

  router.get('/api/users', requireRole('owner'), async (ctx) => {
    ctx.body = {
      items: (await store.accounts.listUsers()).map(({ id, email, role, createdAt }) => ({
        id,
        email,
        role,
        createdAt,
      })),
    };
  });

  router.post('/api/users', requireRole('owner'), async (ctx) => {
    const body = await readJsonObject(ctx, config.bodyLimit);
    const email = requireString(body, 'email', 320);
    if (!/^[^@\s]+@[^@\s]+$/.test(email))
      throw new HttpProblem(400, 'invalid_body', '"email" must be an email address.', { pointer: '/email' });
    const password = requireString(body, 'password', 200);
    if (password.length < 10)
      throw new HttpProblem(400, 'invalid_body', '"password" must have at least 10 characters.', {
        pointer: '/password',
      });
    const user = await store.accounts.createUser({
      email,
      passwordHash: await hashPassword(password),
      role: requireRoleField(body, 'viewer'),
    });
    ctx.status = 201;
    ctx.body = { id: user.id, email: user.email, role: user.role, createdAt: user.createdAt };
  });

  return router;
}
