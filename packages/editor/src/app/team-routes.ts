// The routes of team management: the Users, profile and audit pages, and the two public link pages (an invite,
// a password reset) that people without a session open. Kept apart from router.ts so features add routes side by side.

export type TeamRoute =
  | { name: 'users' }
  | { name: 'profile' }
  | { name: 'audit' }
  | { name: 'invite'; token: string }
  | { name: 'reset'; token: string };

/** Routes shown without a session (and without the navigation bar). */
export const PUBLIC_ROUTES: readonly string[] = ['invite', 'reset'];

export function matchTeamRoute(head: string | undefined, id: string | undefined): TeamRoute | undefined {
  if (head === 'users' && !id) return { name: 'users' };
  if (head === 'profile' && !id) return { name: 'profile' };
  if (head === 'audit' && !id) return { name: 'audit' };
  if (head === 'invite' && id) return { name: 'invite', token: id };
  if (head === 'reset' && id) return { name: 'reset', token: id };
  return undefined;
}
