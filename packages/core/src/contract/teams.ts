// Teams: user management (invites, roles, deactivation, deletion, password resets and changes) and the audit log,
// declared once like every route (routes.ts spreads TEAM_ROUTES into the API). Times of these routes are ISO 8601
// strings. Invite and reset tokens are secrets shown once: the server keeps only their SHA-256 digests.
import { ROLE_NAMES, userRecordSchema, userSchema } from './dto.js';
import { coreType } from './schema.js';

const id = { type: 'string', minLength: 1 } as const;
const isoTime = { type: 'string', format: 'date-time' } as const;
const email = { type: 'string', minLength: 3, maxLength: 320, pattern: '^[^@\\s]+@[^@\\s]+$' } as const;
const password = { type: 'string', minLength: 10, maxLength: 200 } as const;
const role = { enum: ROLE_NAMES } as const;
const idParam = { type: 'object', required: ['id'], properties: { id } } as const;
const tokenParam = { type: 'object', required: ['token'], properties: { token: id } } as const;
const moment = {
  type: 'string',
  pattern: '^(\\d+|\\d{4}-.+)$',
  description: 'ISO date or epoch milliseconds',
} as const;

export const USER_STATUSES = ['active', 'deactivated'] as const;

export const inviteSchema = {
  type: 'object',
  required: ['id', 'email', 'role', 'createdAt', 'expiresAt'],
  properties: { id, email: { type: 'string' }, role, createdAt: isoTime, expiresAt: isoTime },
} as const;

export const AUDIT_ACTOR_TYPES = ['user', 'token', 'system', 'anonymous'] as const;
export const AUDIT_OUTCOMES = ['success', 'failure'] as const;

/** One change (or attempt), as recorded: who, when, from where, what, and how it went. Never a secret. */
export const auditEntrySchema = {
  type: 'object',
  required: ['id', 'at', 'actor', 'ip', 'requestId', 'action', 'target', 'changes', 'outcome', 'error'],
  properties: {
    id,
    at: isoTime,
    actor: {
      type: 'object',
      required: ['type', 'id', 'email'],
      properties: {
        type: { enum: AUDIT_ACTOR_TYPES },
        id: { type: ['string', 'null'], description: 'The user (also for a token: the user it belongs to)' },
        email: { type: ['string', 'null'] },
        tokenId: { type: 'string', description: 'The API token used, when the actor is a token' },
      },
    },
    ip: { type: ['string', 'null'] },
    requestId: { type: ['string', 'null'], description: 'The X-Request-Id of the request' },
    action: { type: 'string', description: 'e.g. flow.update, credential.create, user.role_change, auth.sign_in' },
    target: {
      type: 'object',
      required: ['type', 'id', 'name'],
      properties: { type: { type: 'string' }, id: { type: ['string', 'null'] }, name: { type: ['string', 'null'] } },
    },
    changes: coreType('JsonValue', {
      description: 'What changed: for flows the flow diff; for users e.g. {"role":{"from":…,"to":…}}; or null',
    }),
    outcome: { enum: AUDIT_OUTCOMES },
    error: { type: ['string', 'null'], description: 'The problem code of a failure' },
  },
} as const;

const auditQuery = {
  type: 'object',
  properties: {
    actor: { type: 'string', maxLength: 320, description: "A user id or email (a token's user included)" },
    action: { type: 'string', maxLength: 100, description: 'An action, or a prefix ending in "." (flow.)' },
    targetType: { type: 'string', maxLength: 100 },
    targetId: { type: 'string', maxLength: 200 },
    since: moment,
    until: moment,
    cursor: { type: 'string', maxLength: 200 },
    limit: { type: 'integer', minimum: 1, maximum: 200 },
  },
} as const;

const userReply = { 200: userRecordSchema } as const;

export const TEAM_ROUTES = {
  createInvite: {
    method: 'post',
    path: '/api/users/invites',
    summary: 'Invite a user: a single-use sign-up link (the token is shown once) that expires',
    access: 'owner',
    body: { type: 'object', required: ['email', 'role'], properties: { email, role } },
    responses: {
      201: {
        type: 'object',
        required: ['invite', 'url', 'token'],
        properties: {
          invite: inviteSchema,
          url: { type: 'string', description: 'The editor path /invite/<token>' },
          token: { type: 'string' },
        },
      },
    },
  },
  listInvites: {
    method: 'get',
    path: '/api/users/invites',
    summary: 'Pending invites (neither used nor expired)',
    access: 'owner',
    responses: {
      200: { type: 'object', required: ['items'], properties: { items: { type: 'array', items: inviteSchema } } },
    },
  },
  revokeInvite: {
    method: 'delete',
    path: '/api/users/invites/{id}',
    summary: 'Revoke an invite',
    access: 'owner',
    params: idParam,
    responses: { 204: null },
  },
  getInvite: {
    method: 'get',
    path: '/api/auth/invites/{token}',
    summary: 'What an invite is for (404 unknown, 410 used or expired)',
    access: 'public',
    params: tokenParam,
    responses: {
      200: {
        type: 'object',
        required: ['email', 'role', 'expiresAt'],
        properties: { email: { type: 'string' }, role, expiresAt: isoTime },
      },
    },
  },
  acceptInvite: {
    method: 'post',
    path: '/api/auth/invites/{token}/accept',
    summary: 'Accept an invite: creates the user with this password and signs them in (session cookie)',
    access: 'public',
    params: tokenParam,
    body: { type: 'object', required: ['password'], properties: { password } },
    responses: { 200: { type: 'object', required: ['user'], properties: { user: userSchema } } },
  },
  changeRole: {
    method: 'put',
    path: '/api/users/{id}/role',
    summary: "Change a user's role (the last active owner keeps theirs: 409 last_owner)",
    access: 'owner',
    params: idParam,
    body: { type: 'object', required: ['role'], properties: { role } },
    responses: userReply,
  },
  deactivateUser: {
    method: 'post',
    path: '/api/users/{id}/deactivate',
    summary: 'Deactivate a user: their sessions and API tokens are revoked at once; they cannot sign in',
    access: 'owner',
    params: idParam,
    responses: userReply,
  },
  reactivateUser: {
    method: 'post',
    path: '/api/users/{id}/reactivate',
    summary: 'Let a deactivated user sign in again (their revoked tokens stay revoked)',
    access: 'owner',
    params: idParam,
    responses: userReply,
  },
  deleteUser: {
    method: 'delete',
    path: '/api/users/{id}',
    summary: 'Delete a user with their sessions and tokens; flows and credentials stay with the workspace',
    access: 'owner',
    params: idParam,
    responses: { 204: null },
  },
  createPasswordReset: {
    method: 'post',
    path: '/api/users/{id}/password-reset',
    summary: 'A single-use password reset link for a user (the token is shown once)',
    access: 'owner',
    params: idParam,
    responses: {
      201: {
        type: 'object',
        required: ['url', 'token', 'expiresAt'],
        properties: {
          url: { type: 'string', description: 'The editor path /reset/<token>' },
          token: { type: 'string' },
          expiresAt: isoTime,
        },
      },
    },
  },
  getPasswordReset: {
    method: 'get',
    path: '/api/auth/password-resets/{token}',
    summary: 'Whose password a reset link sets (404 unknown, 410 used or expired)',
    access: 'public',
    params: tokenParam,
    responses: {
      200: {
        type: 'object',
        required: ['email', 'expiresAt'],
        properties: { email: { type: 'string' }, expiresAt: isoTime },
      },
    },
  },
  resetPassword: {
    method: 'post',
    path: '/api/auth/password-resets/{token}',
    summary: "Set a new password with a reset link (single use); the user's sessions are revoked",
    access: 'public',
    params: tokenParam,
    body: { type: 'object', required: ['password'], properties: { password } },
    responses: { 204: null },
  },
  changePassword: {
    method: 'put',
    path: '/api/auth/password',
    summary: 'Change your own password; your other sessions are revoked, this one is kept',
    access: 'viewer',
    body: {
      type: 'object',
      required: ['currentPassword', 'newPassword'],
      properties: { currentPassword: { type: 'string', minLength: 1, maxLength: 200 }, newPassword: password },
    },
    responses: { 204: null },
  },
  listAudit: {
    method: 'get',
    path: '/api/audit',
    summary: 'The audit log, newest first, filtered; entries cannot be changed or deleted through the API',
    access: 'operator',
    query: auditQuery,
    responses: {
      200: {
        type: 'object',
        required: ['items', 'nextCursor'],
        properties: {
          items: { type: 'array', items: auditEntrySchema },
          nextCursor: { type: ['string', 'null'] },
        },
      },
    },
  },
  getAuditEntry: {
    method: 'get',
    path: '/api/audit/{id}',
    summary: 'One audit entry',
    access: 'operator',
    params: idParam,
    responses: { 200: auditEntrySchema },
  },
} as const;
