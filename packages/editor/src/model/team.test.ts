// The Users page's rules: the last active owner is guarded, links are absolute on the editor's origin, new
// passwords are checked, and each page is offered to the roles that may use it.
import { describe, expect, it } from 'vitest';
import {
  absoluteLink,
  canSee,
  expiryText,
  inviteLink,
  lastOwnerHint,
  linkRefusal,
  passwordProblem,
  rolesUpTo,
} from './team.js';

describe('last owner guard', () => {
  const owner = { id: 'o1', role: 'owner', status: 'active' };
  const editor = { id: 'e1', role: 'editor', status: 'active' };

  it('refuses to demote, deactivate or delete the only active owner', () => {
    const users = [owner, editor];
    expect(lastOwnerHint(users, owner, { kind: 'role', role: 'editor' })).toMatch(/cannot be demoted/);
    expect(lastOwnerHint(users, owner, { kind: 'deactivate' })).toMatch(/cannot be deactivated/);
    expect(lastOwnerHint(users, owner, { kind: 'delete' })).toMatch(/cannot be deleted/);
  });

  it('allows it when another active owner remains, or for anyone else', () => {
    const second = { id: 'o2', role: 'owner', status: 'active' };
    expect(lastOwnerHint([owner, second], owner, { kind: 'delete' })).toBeUndefined();
    expect(lastOwnerHint([owner, editor], editor, { kind: 'delete' })).toBeUndefined();
    expect(lastOwnerHint([owner], owner, { kind: 'role', role: 'owner' })).toBeUndefined();
  });

  it('does not count a deactivated owner as the one that remains', () => {
    const gone = { id: 'o2', role: 'owner', status: 'deactivated' };
    expect(lastOwnerHint([owner, gone], owner, { kind: 'deactivate' })).toMatch(/last owner/);
  });
});

describe('links', () => {
  it('puts a path the server gives on the editor origin', () => {
    expect(absoluteLink('/invite/abc', 'https://weft.example.com')).toBe('https://weft.example.com/invite/abc');
    expect(absoluteLink('reset/t', 'http://127.0.0.1:3000')).toBe('http://127.0.0.1:3000/reset/t');
    expect(absoluteLink('https://other.example/invite/x', 'http://127.0.0.1')).toBe('https://other.example/invite/x');
  });

  it('builds the invite link from the url, else from the token', () => {
    expect(inviteLink({ url: '/invite/t1', token: 't1' }, 'http://h:1')).toBe('http://h:1/invite/t1');
    expect(inviteLink({ token: 'a/b' }, 'http://h:1')).toBe('http://h:1/invite/a%2Fb');
  });

  it('says why a link is refused', () => {
    expect(linkRefusal(410, 'invite')).toMatch(/invite link has expired or was already used/);
    expect(linkRefusal(404, 'reset')).toMatch(/password reset link is not valid/);
    expect(linkRefusal(410, 'invite', 'This invite link was already used or was revoked.')).toBe(
      'This invite link was already used or was revoked. Ask an owner of this workspace for a new link.',
    );
    expect(linkRefusal(410, 'reset', 'Expired: ask for a new one.')).toBe('Expired: ask for a new one.');
    expect(linkRefusal(500, 'reset', 'boom')).toMatch(/cannot be checked/);
  });

  it('tells when a link expires', () => {
    expect(expiryText(1000, 2000)).toBe('expired');
    expect(expiryText(30 * 60_000, 0)).toBe('expires in 30 min');
    expect(expiryText(5 * 3_600_000, 0)).toBe('expires in 5 h');
    expect(expiryText(7 * 86_400_000, 0)).toBe('expires in 7 days');
    expect(expiryText('1970-01-03T00:00:00.000Z', 0)).toBe('expires in 2 days');
    expect(expiryText('not a time', 0)).toBe('');
  });
});

describe('passwords', () => {
  it('asks for ten characters, typed the same twice', () => {
    expect(passwordProblem('short', 'short')).toMatch(/at least 10/);
    expect(passwordProblem('          ', '          ')).toMatch(/only spaces/);
    expect(passwordProblem('long enough pass', 'long enough pas')).toMatch(/differ/);
    expect(passwordProblem('long enough pass', 'long enough pass')).toBeUndefined();
  });
});

describe('page access', () => {
  it('shows Users to owners and the audit log to operators and up', () => {
    expect(canSee('owner', 'users')).toBe(true);
    expect(canSee('editor', 'users')).toBe(false);
    expect(canSee('operator', 'audit')).toBe(true);
    expect(canSee('viewer', 'audit')).toBe(false);
    expect(canSee(undefined, 'audit')).toBe(false);
  });
});

describe('token roles', () => {
  it('offers the own role first and never more than it', () => {
    expect(rolesUpTo('editor')).toEqual(['editor', 'operator', 'viewer']);
    expect(rolesUpTo('viewer')).toEqual(['viewer']);
    expect(rolesUpTo('nobody')).toEqual([]);
  });
});
