// User management by owners (invites, roles, deactivation, deletion, password reset links) and each user's own
// password. The last-owner rule and the revocation of sessions and tokens live in the store's team repository,
// inside the transaction that makes the change.
import { API } from '@weft/core/contract';
import { noteAudit } from '../audit/audit-trail.js';
import { digest, newSecret, SESSION_COOKIE } from '../auth/credentials-of-callers.js';
import { hashPassword, verifyPassword } from '../auth/passwords.js';
import { userRecord } from '../auth/user-record.js';
import type { Services } from '../context.js';
import { HttpProblem } from '../http/problem.js';
import { routesOn } from '../http/route.js';
import { securedRouter } from '../http/routers.js';

const HOUR_MS = 3_600_000;
export const DEFAULT_INVITE_TTL_HOURS = 72;
export const DEFAULT_PASSWORD_RESET_TTL_HOURS = 24;

const iso = (ms: number) => new Date(ms).toISOString();
const inviteDto = (invite: { id: string; email: string; role: string; createdAt: number; expiresAt: number }) => ({
  id: invite.id,
  email: invite.email,
  role: invite.role as 'viewer' | 'operator' | 'editor' | 'owner',
  createdAt: iso(invite.createdAt),
  expiresAt: iso(invite.expiresAt),
});

export function userRoutes({ store, config }: Services) {
  const router = securedRouter(store);
  const route = routesOn(router, config.bodyLimit);
  const inviteTtlMs = (config.inviteTtlHours ?? DEFAULT_INVITE_TTL_HOURS) * HOUR_MS;
  const resetTtlMs = (config.passwordResetTtlHours ?? DEFAULT_PASSWORD_RESET_TTL_HOURS) * HOUR_MS;

  route(API.createInvite).handle(async ({ principal, body: { email, role } }, ctx) => {
    const normalized = email.trim().toLowerCase();
    noteAudit(ctx, { target: { type: 'user', name: normalized }, changes: { role } });
    if (await store.accounts.userByEmail(normalized)) {
      throw new HttpProblem(409, 'user_exists', `A user with email ${normalized} already exists.`);
    }
    const token = newSecret('inv');
    const invite = await store.team.createInvite({
      email: normalized,
      role,
      tokenHash: digest(token),
      createdBy: principal.userId,
      ttlMs: inviteTtlMs,
    });
    noteAudit(ctx, { target: { type: 'invite', id: invite.id, name: invite.email } });
    return { invite: inviteDto(invite), url: `/invite/${token}`, token };
  });

  route(API.listInvites).handle(async () => ({ items: (await store.team.pendingInvites()).map(inviteDto) }));

  route(API.revokeInvite).handle(async ({ params }, ctx) => {
    noteAudit(ctx, { target: { type: 'invite', id: params.id } });
    if (!(await store.team.revokeInvite(params.id))) {
      throw new HttpProblem(404, 'invite_not_found', `There is no pending invite with id "${params.id}".`);
    }
    return undefined;
  });

  route(API.changeRole).handle(async ({ params, body: { role } }, ctx) => {
    noteAudit(ctx, { target: { type: 'user', id: params.id } });
    const { before, after } = await store.team.setRole(params.id, role);
    noteAudit(ctx, {
      target: { type: 'user', id: after.id, name: after.email },
      changes: { role: { from: before.role, to: after.role } },
    });
    return userRecord(after);
  });

  for (const [contract, status] of [
    [API.deactivateUser, 'deactivated'],
    [API.reactivateUser, 'active'],
  ] as const) {
    route(contract).handle(async ({ params }, ctx) => {
      noteAudit(ctx, { target: { type: 'user', id: params.id } });
      const { before, after } = await store.team.setStatus(params.id, status);
      noteAudit(ctx, {
        target: { type: 'user', id: after.id, name: after.email },
        changes: { status: { from: before.status, to: after.status } },
      });
      return userRecord(after);
    });
  }

  route(API.deleteUser).handle(async ({ params }, ctx) => {
    noteAudit(ctx, { target: { type: 'user', id: params.id } });
    const user = await store.team.deleteUser(params.id);
    noteAudit(ctx, { target: { type: 'user', id: user.id, name: user.email }, changes: { role: user.role } });
    return undefined;
  });

  route(API.createPasswordReset).handle(async ({ params }, ctx) => {
    noteAudit(ctx, { target: { type: 'user', id: params.id } });
    const token = newSecret('pwr');
    const reset = await store.team.createPasswordReset({
      userId: params.id,
      tokenHash: digest(token),
      ttlMs: resetTtlMs,
    });
    noteAudit(ctx, { target: { type: 'user', id: params.id, name: reset.email } });
    return { url: `/reset/${token}`, token, expiresAt: iso(reset.expiresAt) };
  });

  route(API.changePassword).handle(async ({ principal, body }, ctx) => {
    noteAudit(ctx, { target: { type: 'user', id: principal.userId, name: principal.email } });
    const user = await store.accounts.user(principal.userId);
    if (!user || !(await verifyPassword(body.currentPassword, user.passwordHash))) {
      throw new HttpProblem(403, 'wrong_password', 'The current password is not correct.');
    }
    const session = principal.via === 'session' ? ctx.cookies.get(SESSION_COOKIE) : undefined;
    await store.team.setPassword(user.id, await hashPassword(body.newPassword), session && digest(session));
    return undefined;
  });

  return router;
}
