// The rules the Users page shows before the server enforces them: the last active owner cannot be demoted,
// deactivated or deleted (the server answers 409 last_owner; the page disables the control and says why), the
// links sent to invitees and to people resetting a password, and the checks of a new password.
import { mayCall } from './access.js';
import { ROLE_NAMES } from '@weft/core/contract';

/** The roles, lowest first, as the contract ranks them. */
export const ROLES = ROLE_NAMES;
export type Role = (typeof ROLES)[number];

/** What a role may do, in a few words for the role select. */
export const ROLE_HINTS: Record<Role, string> = {
  viewer: 'sees flows and runs',
  operator: 'also retries and cancels runs, reads the audit log',
  editor: 'also edits flows and connections',
  owner: 'also manages users',
};

export interface TeamMember {
  id: string;
  role: string;
  status?: string;
}

export type TeamChange = { kind: 'role'; role: string } | { kind: 'deactivate' } | { kind: 'delete' };

const isActiveOwner = (user: TeamMember) => user.role === 'owner' && (user.status ?? 'active') === 'active';

/**
 * Why a change would leave the workspace without an active owner, or undefined when it would not. The server
 * has the last word (it answers 409 last_owner); this only saves a round trip and explains a disabled control.
 */
export function lastOwnerHint(
  users: readonly TeamMember[],
  target: TeamMember,
  change: TeamChange,
): string | undefined {
  if (!isActiveOwner(target)) return undefined;
  if (change.kind === 'role' && change.role === 'owner') return undefined;
  const others = users.filter((u) => u.id !== target.id && isActiveOwner(u)).length;
  if (others > 0) return undefined;
  const what = { role: 'demoted', deactivate: 'deactivated', delete: 'deleted' }[change.kind];
  return `The last owner cannot be ${what}: make another user an owner first.`;
}

/**
 * The full address of a link the server gives as a path (`/invite/<token>`, `/reset/<token>`), on the origin the
 * editor is served from, which is the one the invitee can reach. A full URL from the server is kept as it is.
 */
export function absoluteLink(url: string, origin: string): string {
  if (/^https?:\/\//i.test(url)) return url;
  return new URL(url.startsWith('/') ? url : `/${url}`, origin).href;
}

/** The invite link from the server's reply: its url, else the token on the /invite/ page. */
export function inviteLink(reply: { url?: string; token?: string }, origin: string): string {
  if (reply.url) return absoluteLink(reply.url, origin);
  return absoluteLink(`/invite/${encodeURIComponent(reply.token ?? '')}`, origin);
}

export const MIN_PASSWORD = 10;

/** What is wrong with a new password and its confirmation, or undefined when nothing is. */
export function passwordProblem(password: string, confirmation: string): string | undefined {
  if (password.length < MIN_PASSWORD) return `Use at least ${MIN_PASSWORD} characters.`;
  if (password.trim().length === 0) return 'The password cannot be only spaces.';
  if (password !== confirmation) return 'The two passwords differ.';
  return undefined;
}

/** When a link stops working, in words relative to now ("expires in 3 days", "expired"). */
export function expiryText(expiresAt: number | string, now: number): string {
  const ms = (typeof expiresAt === 'number' ? expiresAt : Date.parse(expiresAt)) - now;
  if (Number.isNaN(ms)) return '';
  if (ms <= 0) return 'expired';
  if (ms < 3_600_000) return `expires in ${Math.max(1, Math.round(ms / 60_000))} min`;
  const hours = Math.round(ms / 3_600_000);
  if (hours < 48) return `expires in ${hours} h`;
  return `expires in ${Math.round(hours / 24)} days`;
}

/** Whether the role may open the Users or Audit log page: the access the contract declares for its list route. */
export function canSee(role: string | undefined, page: 'users' | 'audit'): boolean {
  return mayCall(role, page === 'users' ? 'listUsers' : 'listAudit');
}

/**
 * The message of a public link page when the server refuses the token: its own detail when it gives one (expired,
 * used, revoked), else ours for unknown (404) or used/expired (410), with where to get a new link.
 */
export function linkRefusal(status: number, kind: 'invite' | 'reset', detail?: string): string {
  const what = kind === 'invite' ? 'invite link' : 'password reset link';
  const ask = 'Ask an owner of this workspace for a new link.';
  if (detail && (status === 404 || status === 410))
    return /ask for a new one/i.test(detail) ? detail : `${detail} ${ask}`;
  if (status === 410) return `This ${what} has expired or was already used. ${ask}`;
  if (status === 404) return `This ${what} is not valid. Check that it was copied whole. ${ask}`;
  return `This ${what} cannot be checked right now.`;
}

/** The roles an API token may have: the user's own and those below it. */
export function rolesUpTo(role: string | undefined): Role[] {
  const rank = ROLES.indexOf(role as Role);
  return ROLES.slice(0, rank + 1).reverse();
}
