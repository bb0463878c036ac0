// From the identity provider's claims to a Weft role: the groups claim (a name, or a dotted path into nested
// objects such as Keycloak's `realm_access.roles`) matched against WEFT_OIDC_ROLE_MAP; several matches give the
// highest role. No match gives no role: the caller keeps the user's role, or uses the default for a new user.
import type { Role } from '@weft/store';
import type { RoleMapping } from '../config.js';

const LEVEL: Record<Role, number> = { viewer: 0, operator: 1, editor: 2, owner: 3 };

/** The groups a claim set names at `path`: an array of strings, or one string (some IdPs send a lone group so). */
export function groupsOf(claims: Readonly<Record<string, unknown>>, path: string): string[] {
  let value: unknown = claims;
  for (const key of path.split('.')) {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return [];
    value = (value as Record<string, unknown>)[key];
  }
  if (typeof value === 'string') return [value];
  return Array.isArray(value) ? value.filter((group): group is string => typeof group === 'string') : [];
}

export function mappedRole(groups: readonly string[], map: readonly RoleMapping[]): Role | undefined {
  let best: Role | undefined;
  for (const { group, role } of map)
    if (groups.includes(group) && (best === undefined || LEVEL[role] > LEVEL[best])) best = role;
  return best;
}
