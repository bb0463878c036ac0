// The public side of invite and password reset links: what a link is for, accepting an invite (which signs the
// new user in) and setting a password. A link's token is a bearer secret: looked up by digest, used once.
import { API } from '@weft/core/contract';
import type { TokenState } from '@weft/store';
import { noteAudit } from '../audit/audit-trail.js';
import { digest } from '../auth/credentials-of-callers.js';
import { hashPassword } from '../auth/passwords.js';
import { startSession } from '../auth/user-record.js';
import type { Services } from '../context.js';
import { HttpProblem } from '../http/problem.js';
import { routesOn } from '../http/route.js';
import { publicRouter } from '../http/routers.js';

function inviteOr4xx<T>(state: TokenState<T>): T {
  if (state.ok) return state.value;
  if (state.why === 'unknown') {
    throw new HttpProblem(404, 'invite_not_found', 'This invite link is not valid: ask for a new one.');
  }
  throw new HttpProblem(
    410,
    'invite_gone',
    state.why === 'expired'
      ? 'This invite link has expired: ask for a new one.'
      : 'This invite link was already used or was revoked.',
  );
}

function resetOr4xx<T>(state: TokenState<T>): T {
  if (state.ok) return state.value;
  if (state.why === 'unknown') {
    throw new HttpProblem(404, 'password_reset_not_found', 'This password reset link is not valid.');
  }
  throw new HttpProblem(
    410,
    'password_reset_gone',
    state.why === 'expired'
      ? 'This password reset link has expired: ask for a new one.'
      : 'This password reset link was already used.',
  );
}

export function userLinkRoutes({ store, config }: Services) {
  const router = publicRouter();
  const route = routesOn(router, config.bodyLimit);

  route(API.getInvite).handle(async ({ params }) => {
    const invite = inviteOr4xx(await store.team.invite(digest(params.token)));
    return { email: invite.email, role: invite.role, expiresAt: new Date(invite.expiresAt).toISOString() };
  });

  route(API.acceptInvite).handle(async ({ params, body }, ctx) => {
    const tokenHash = digest(params.token);
    const pending = await store.team.invite(tokenHash);
    if (pending.ok) noteAudit(ctx, { target: { type: 'invite', id: pending.value.id, name: pending.value.email } });
    inviteOr4xx(pending);
    const { invite, user } = inviteOr4xx(await store.team.acceptInvite(tokenHash, await hashPassword(body.password)));
    await startSession(store, ctx, user);
    noteAudit(ctx, {
      actor: { type: 'user', id: user.id, email: user.email },
      target: { type: 'user', id: user.id, name: user.email },
      changes: { invite: invite.id, role: user.role },
    });
    return { user: { id: user.id, email: user.email, role: user.role } };
  });

  route(API.getPasswordReset).handle(async ({ params }) => {
    const reset = resetOr4xx(await store.team.passwordReset(digest(params.token)));
    return { email: reset.email, expiresAt: new Date(reset.expiresAt).toISOString() };
  });

  route(API.resetPassword).handle(async ({ params, body }, ctx) => {
    const tokenHash = digest(params.token);
    const pending = await store.team.passwordReset(tokenHash);
    if (pending.ok) {
      const { userId, email } = pending.value;
      noteAudit(ctx, { actor: { type: 'anonymous' }, target: { type: 'user', id: userId, name: email } });
    }
    resetOr4xx(pending);
    resetOr4xx(await store.team.completePasswordReset(tokenHash, await hashPassword(body.password)));
    return undefined;
  });

  return router;
}
