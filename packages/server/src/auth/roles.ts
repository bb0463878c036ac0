// Roles and what they may do. Each role includes the ones below it.
import type { Role } from '@weft/store';
import type { Middleware } from 'koa';
import { principalOf } from '../http/auth.js';
import { HttpProblem } from '../http/problem.js';

const LEVEL: Record<Role, number> = { viewer: 0, operator: 1, editor: 2, owner: 3 };
export const ROLES: readonly Role[] = ['viewer', 'operator', 'editor', 'owner'];

export interface Principal {
  userId: string;
  email: string;
  role: Role;
  via: 'session' | 'token';
}

export function hasRole(principal: Principal | undefined, minimum: Role): boolean {
  return principal !== undefined && LEVEL[principal.role] >= LEVEL[minimum];
}

/** Route guard: the caller's role must be at least `minimum`. */
export function requireRole(minimum: Role): Middleware {
  return async (ctx, next) => {
    const principal = principalOf(ctx);
    if (!hasRole(principal, minimum)) {
      throw new HttpProblem(
        403,
        'forbidden',
        `This needs the ${minimum} role; you are ${principal?.role ?? 'not signed in'}.`,
      );
    }
    await next();
  };
}

/** Reading needs any role; anything else needs `minimum`. */
export function writeNeeds(minimum: Role): Middleware {
  const guard = requireRole(minimum);
  return (ctx, next) => (ctx.method === 'GET' || ctx.method === 'HEAD' ? next() : guard(ctx, next));
}
