import { describe, expect, test } from 'vitest';
import { DIALECTS, openTestStore } from './test-support.js';

describe.each(DIALECTS)('accounts on %s', (dialect) => {
  test('users are unique by normalized email', async () => {
    const { store } = await openTestStore(dialect);
    expect(await store.accounts.countUsers()).toBe(0);
    const user = await store.accounts.createUser({ email: ' Ada@Example.com ', passwordHash: 'h', role: 'owner' });
    expect(user).toMatchObject({ email: 'ada@example.com', role: 'owner' });
    expect(await store.accounts.userByEmail('ADA@example.com')).toEqual(user);
    await expect(
      store.accounts.createUser({ email: 'ada@example.com', passwordHash: 'x', role: 'viewer' }),
    ).rejects.toMatchObject({ code: 'user_exists' });
    expect(await store.accounts.countUsers()).toBe(1);
  });

  test('sessions expire and can be deleted', async () => {
    const { store, clock } = await openTestStore(dialect);
    const user = await store.accounts.createUser({ email: 'a@b.c', passwordHash: 'h', role: 'editor' });
    await store.accounts.createSession({ idHash: 's1', userId: user.id, expiresAt: clock.now() + 1000 });
    expect((await store.accounts.sessionUser('s1'))?.id).toBe(user.id);
    clock.advance(1001);
    expect(await store.accounts.sessionUser('s1')).toBeUndefined();
    await store.accounts.createSession({ idHash: 's2', userId: user.id, expiresAt: clock.now() + 1000 });
    await store.accounts.deleteSession('s2');
    expect(await store.accounts.sessionUser('s2')).toBeUndefined();
  });

  test('API tokens are found by hash, record their use and are deleted by their owner only', async () => {
    const { store, clock } = await openTestStore(dialect);
    const user = await store.accounts.createUser({ email: 'ops@b.c', passwordHash: 'h', role: 'operator' });
    const token = await store.accounts.createApiToken({
      userId: user.id,
      name: 'ci',
      tokenHash: 'th',
      role: 'operator',
    });
    clock.advance(5);
    const used = await store.accounts.useApiToken('th');
    expect(used).toMatchObject({ token: { id: token.id, role: 'operator' }, user: { id: user.id } });
    expect((await store.accounts.listApiTokens(user.id))[0]?.lastUsedAt).toBe(clock.now());
    expect(await store.accounts.useApiToken('other')).toBeUndefined();
    expect(await store.accounts.deleteApiToken(token.id, 'usr_someone_else')).toBe(false);
    expect(await store.accounts.deleteApiToken(token.id, user.id)).toBe(true);
  });
});
