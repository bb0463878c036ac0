// Team management's routes: each page by its path, the link pages only with their token.
import { describe, expect, it } from 'vitest';
import { matchTeamRoute, PUBLIC_ROUTES } from './team-routes.js';

describe('team routes', () => {
  it('matches the pages and the link pages with their token', () => {
    expect(matchTeamRoute('users', undefined)).toEqual({ name: 'users' });
    expect(matchTeamRoute('profile', undefined)).toEqual({ name: 'profile' });
    expect(matchTeamRoute('audit', undefined)).toEqual({ name: 'audit' });
    expect(matchTeamRoute('invite', 'tok')).toEqual({ name: 'invite', token: 'tok' });
    expect(matchTeamRoute('reset', 'tok')).toEqual({ name: 'reset', token: 'tok' });
  });

  it('leaves other paths (and link pages without a token) to the router', () => {
    expect(matchTeamRoute('invite', undefined)).toBeUndefined();
    expect(matchTeamRoute('users', 'u1')).toBeUndefined();
    expect(matchTeamRoute('flows', undefined)).toBeUndefined();
  });

  it('opens only the link pages without a session', () => {
    expect([...PUBLIC_ROUTES].sort()).toEqual(['invite', 'reset']);
  });
});
