// Roles and what they may do. Each role includes the ones below it.
import type { Role } from '@weft/store';
import { HttpProblem } from '../http/problem.js';

const LEVEL: Record<Role, number> = { viewer: 0, operator: 1, editor: 2, owner: 3 };
export const ROLES: readonly Role[] = ['viewer', 'operator', 'editor', 'owner'];

export interface Principal {
  userId: string;
  email: string;
  role: Role;
  via: 'session' | 'token';
  /** The API token used (via 'token'). */
  tokenId?: string;
}

/** The smaller of two roles. */
export function lesserRole(a: Role, b: Role): Role {
  return LEVEL[a] <= LEVEL[b] ? a : b;
}

export function hasRole(principal: Principal | undefined, minimum: Role): boolean {
  return principal !== undefined && LEVEL[principal.role] >= LEVEL[minimum];
}

/** The role check of every route (http/route.ts): the caller's role must be at least `minimum`, else 403. */
export function requireRole(principal: Principal | undefined, minimum: Role): void {
  if (!hasRole(principal, minimum)) {
    throw new HttpProblem(
      403,
      'forbidden',
      `This needs the ${minimum} role; you are ${principal?.role ?? 'not signed in'}.`,
    );
  }
}
