// What the signed-in user may do, read from the contract: a route's declared access against the role ranking
// (viewer < operator < editor < owner). Pages hide nav entries and buttons for routes the server would refuse.
import { API, ROLE_NAMES, type RouteName } from '@weft/core/contract';

export type Role = (typeof ROLE_NAMES)[number];

export function rankOf(role: string | undefined): number {
  return ROLE_NAMES.indexOf(role as Role);
}

/** Whether a caller with this role may call the route (`public` routes: anyone). */
export function mayCall(role: string | undefined, route: RouteName): boolean {
  const access = API[route].access;
  if (access === 'public') return true;
  const rank = rankOf(role);
  return rank >= 0 && rank >= rankOf(access);
}

/** Whether every one of the routes may be called (a page that needs several reads). */
export function mayCallAll(role: string | undefined, routes: readonly RouteName[]): boolean {
  return routes.every((route) => mayCall(role, route));
}
