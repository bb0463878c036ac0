// Users, invites, resets and the audit log on both databases: the last-owner rule (also for two owners demoting
// each other at once), deactivation revoking sessions and tokens, single-use expiring links, and the audit log's
// filters, paging, retention and refusal of updates.
import { DatabaseSync } from 'node:sqlite';
import { describe, expect, test } from 'vitest';
import { DIALECTS, openTestStore, POSTGRES_URL, type TestStore } from './test-support.js';

const HOUR = 3_600_000;

describe.each(DIALECTS)('team on %s', (dialect) => {
  test('keeps an active owner: role changes, deactivation and deletion of the last one are refused', async () => {
    const { store } = await openTestStore(dialect);
    const owner = await store.accounts.createUser({ email: 'o@x.io', passwordHash: 'h', role: 'owner' });
    const editor = await store.accounts.createUser({ email: 'e@x.io', passwordHash: 'h', role: 'editor' });
    await expect(store.team.setRole(owner.id, 'editor')).rejects.toMatchObject({ code: 'last_owner' });
    await expect(store.team.setStatus(owner.id, 'deactivated')).rejects.toMatchObject({ code: 'last_owner' });
    await expect(store.team.deleteUser(owner.id)).rejects.toMatchObject({ code: 'last_owner' });
    await expect(store.team.setRole('usr_missing', 'owner')).rejects.toMatchObject({ code: 'user_not_found' });
    expect((await store.team.setRole(editor.id, 'owner')).after.role).toBe('owner');
    // Two owners now; demoting both at once leaves exactly one of them owner.
    const results = await Promise.allSettled([
      store.team.setRole(owner.id, 'viewer'),
      store.team.setRole(editor.id, 'viewer'),
    ]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const owners = (await store.accounts.listUsers()).filter((u) => u.role === 'owner' && u.status === 'active');
    expect(owners).toHaveLength(1);
  });

  test('deactivation revokes sessions and tokens at once; reactivation does not bring tokens back', async () => {
    const { store, clock } = await openTestStore(dialect);
    await store.accounts.createUser({ email: 'o@x.io', passwordHash: 'h', role: 'owner' });
    const user = await store.accounts.createUser({ email: 'v@x.io', passwordHash: 'h', role: 'viewer' });
    await store.accounts.createSession({ idHash: 's1', userId: user.id, expiresAt: clock.now() + HOUR });
    await store.accounts.createApiToken({ userId: user.id, name: 't', tokenHash: 't1', role: 'viewer' });
    expect(await store.accounts.sessionUser('s1')).toBeDefined();
    const { after } = await store.team.setStatus(user.id, 'deactivated');
    expect(after.status).toBe('deactivated');
    expect(await store.accounts.sessionUser('s1')).toBeUndefined();
    expect(await store.accounts.useApiToken('t1')).toBeUndefined();
    await store.team.setStatus(user.id, 'active');
    expect((await store.accounts.user(user.id))?.status).toBe('active');
    expect(await store.accounts.useApiToken('t1')).toBeUndefined();
    expect(await store.accounts.listApiTokens(user.id)).toEqual([]);
  });

  test('invites are single-use, expire and can be revoked', async () => {
    const { store, clock } = await openTestStore(dialect);
    const invite = await store.team.createInvite({
      email: 'New@X.io',
      role: 'editor',
      tokenHash: 'inv1',
      ttlMs: HOUR,
    });
    expect(invite.email).toBe('new@x.io');
    expect((await store.team.pendingInvites()).map((i) => i.id)).toEqual([invite.id]);
    expect(await store.team.invite('nope')).toEqual({ ok: false, why: 'unknown' });
    const accepted = await store.team.acceptInvite('inv1', 'hash');
    expect(accepted.ok && accepted.value.user).toMatchObject({ email: 'new@x.io', role: 'editor' });
    expect(await store.team.acceptInvite('inv1', 'hash')).toEqual({ ok: false, why: 'used' });
    expect(await store.team.pendingInvites()).toEqual([]);
    await store.team.createInvite({
      email: 'late@x.io',
      role: 'viewer',
      tokenHash: 'inv2',
      ttlMs: HOUR,
    });
    clock.advance(HOUR);
    expect(await store.team.invite('inv2')).toEqual({ ok: false, why: 'expired' });
    const third = await store.team.createInvite({
      email: 'r@x.io',
      role: 'viewer',
      tokenHash: 'inv3',
      ttlMs: HOUR,
    });
    expect(await store.team.revokeInvite(third.id)).toBe(true);
    expect(await store.team.revokeInvite(third.id)).toBe(false);
    expect(await store.team.invite('inv3')).toEqual({ ok: false, why: 'used' });
  });

  test('a password reset is single use, sets the password and ends every session', async () => {
    const { store, clock } = await openTestStore(dialect);
    const user = await store.accounts.createUser({ email: 'u@x.io', passwordHash: 'old', role: 'viewer' });
    await store.accounts.createSession({ idHash: 's1', userId: user.id, expiresAt: clock.now() + HOUR });
    await store.team.createPasswordReset({ userId: user.id, tokenHash: 'r1', ttlMs: HOUR });
    expect((await store.team.completePasswordReset('r1', 'new')).ok).toBe(true);
    expect((await store.accounts.user(user.id))?.passwordHash).toBe('new');
    expect(await store.accounts.sessionUser('s1')).toBeUndefined();
    expect(await store.team.completePasswordReset('r1', 'again')).toEqual({ ok: false, why: 'used' });
    await store.accounts.createSession({ idHash: 'keep', userId: user.id, expiresAt: clock.now() + HOUR });
    await store.accounts.createSession({ idHash: 'other', userId: user.id, expiresAt: clock.now() + HOUR });
    await store.team.setPassword(user.id, 'newer', 'keep');
    expect(await store.accounts.sessionUser('keep')).toBeDefined();
    expect(await store.accounts.sessionUser('other')).toBeUndefined();
  });

  test('a reset link used twice at once sets one password: exactly one use succeeds', async () => {
    const { store } = await openTestStore(dialect);
    const user = await store.accounts.createUser({ email: 'u@x.io', passwordHash: 'old', role: 'viewer' });
    await store.team.createPasswordReset({ userId: user.id, tokenHash: 'r1', ttlMs: HOUR });
    const uses = await Promise.all(
      ['first', 'second', 'third'].map((hash) => store.team.completePasswordReset('r1', hash)),
    );
    const won = uses.flatMap((use, i) => (use.ok ? [['first', 'second', 'third'][i]] : []));
    expect(won).toHaveLength(1);
    expect((await store.accounts.user(user.id))?.passwordHash).toBe(won[0]);
    expect(uses.filter((use) => !use.ok)).toEqual([
      { ok: false, why: 'used' },
      { ok: false, why: 'used' },
    ]);
  });

  test('an invite revoked while it is being accepted is either revoked or accepted, never both', async () => {
    const { store } = await openTestStore(dialect);
    for (let i = 0; i < 20; i++) {
      const invite = await store.team.createInvite({
        email: `race${i}@x.io`,
        role: 'editor',
        tokenHash: `race${i}`,
        ttlMs: HOUR,
      });
      const [accepted, revoked] = await Promise.all([
        store.team.acceptInvite(`race${i}`, 'hash'),
        store.team.revokeInvite(invite.id),
      ]);
      expect([accepted.ok, revoked], `attempt ${i}`).not.toEqual([true, true]);
      expect(accepted.ok || revoked, `attempt ${i}`).toBe(true);
    }
  });

  test('deleting a user removes their sessions, tokens and resets', async () => {
    const { store, clock } = await openTestStore(dialect);
    await store.accounts.createUser({ email: 'o@x.io', passwordHash: 'h', role: 'owner' });
    const user = await store.accounts.createUser({ email: 'u@x.io', passwordHash: 'h', role: 'editor' });
    await store.accounts.createSession({ idHash: 's1', userId: user.id, expiresAt: clock.now() + HOUR });
    await store.accounts.createApiToken({ userId: user.id, name: 't', tokenHash: 't1', role: 'editor' });
    await store.team.createPasswordReset({ userId: user.id, tokenHash: 'r1', ttlMs: HOUR });
    await store.team.deleteUser(user.id);
    expect(await store.accounts.user(user.id)).toBeUndefined();
    expect(await store.accounts.sessionUser('s1')).toBeUndefined();
    expect(await store.accounts.useApiToken('t1')).toBeUndefined();
    expect(await store.team.passwordReset('r1')).toEqual({ ok: false, why: 'unknown' });
  });
});

describe.each(DIALECTS)('audit log on %s', (dialect) => {
  test('filters, pages newest first, prunes by age and refuses updates', async () => {
    const opened = await openTestStore(dialect);
    const { store, clock } = opened;
    const record = (action: string, actor: string, at: number) =>
      store.audit.record({
        at,
        actor: { type: 'user', id: actor, email: `${actor}@x.io` },
        ip: '127.0.0.1',
        requestId: `req-${action}`,
        action,
        target: { type: action.split('.')[0]!, id: 'x1', name: 'X' },
        changes: { role: { from: 'viewer', to: 'editor' } },
        outcome: 'success',
      });
    const t = clock.now();
    await record('flow.create', 'a', t);
    await record('flow.update', 'b', t + 1);
    await record('user.role_change', 'a', t + 2);
    await record('flow.delete', 'a', t + 3);
    const all = await store.audit.list({ limit: 10 });
    expect(all.items.map((e) => e.action)).toEqual(['flow.delete', 'user.role_change', 'flow.update', 'flow.create']);
    expect(all.nextCursor).toBeUndefined();
    expect((await store.audit.list({ limit: 10, action: 'flow.' })).items).toHaveLength(3);
    expect((await store.audit.list({ limit: 10, actor: 'A@X.io' })).items).toHaveLength(3);
    expect((await store.audit.list({ limit: 10, actor: 'b', targetType: 'flow' })).items).toHaveLength(1);
    expect((await store.audit.list({ limit: 10, since: t + 1, until: t + 3 })).items.map((e) => e.action)).toEqual([
      'user.role_change',
      'flow.update',
    ]);
    const first = await store.audit.list({ limit: 3 });
    const second = await store.audit.list({ limit: 3, cursor: first.nextCursor! });
    expect(second.items.map((e) => e.action)).toEqual(['flow.create']);
    const one = await store.audit.get(all.items[1]!.id);
    expect(one).toMatchObject({ action: 'user.role_change', changes: { role: { from: 'viewer', to: 'editor' } } });
    // A raw UPDATE, as a maintenance script could send it, is refused by the database itself.
    await expect(rawUpdate(opened)).rejects.toThrow(/cannot be changed/);
    expect(await store.audit.prune(t + 2, 100)).toBe(2);
    expect((await store.audit.list({ limit: 10 })).items).toHaveLength(2);
  });
});

async function rawUpdate({ location, schema }: TestStore): Promise<void> {
  const statement = "update audit_log set action = 'forged'";
  if (schema === undefined) {
    const db = new DatabaseSync(location);
    try {
      db.exec(statement);
    } finally {
      db.close();
    }
    return;
  }
  const { default: pg } = await import('pg');
  const client = new pg.Client({ connectionString: POSTGRES_URL, options: `-c search_path=${schema}` });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}
