import { describe, expect, test } from 'vitest';
import { DIALECTS, openTestStore } from './test-support.js';

const blob = (...bytes: number[]) => Uint8Array.from(bytes);

describe.each(DIALECTS)('credentials on %s', (dialect) => {
  test('stores sealed blobs byte for byte, with metadata', async () => {
    const { store, clock } = await openTestStore(dialect);
    const created = await store.credentials.create({
      connector: 'stripe',
      kind: 'apiKey',
      name: 'Live account',
      encrypted: blob(1, 0, 255, 128, 7),
    });
    expect(created).toEqual({
      id: expect.stringMatching(/^cred_/),
      connector: 'stripe',
      kind: 'apiKey',
      name: 'Live account',
      encrypted: blob(1, 0, 255, 128, 7),
      status: 'active',
      createdAt: clock.now(),
      updatedAt: clock.now(),
    });
    expect(await store.credentials.get(created.id)).toEqual(created);
    expect(await store.credentials.get('missing')).toBeUndefined();

    const chosen = await store.credentials.create({
      id: 'cred_chosen',
      connector: 'github',
      kind: 'oauth2',
      name: 'GitHub',
      encrypted: blob(9),
      expiresAt: clock.now() + 3600_000,
    });
    expect(chosen).toMatchObject({ id: 'cred_chosen', expiresAt: clock.now() + 3600_000 });
  });

  test('updates, status, last use, listing and deletion', async () => {
    const { store, clock } = await openTestStore(dialect);
    const a = await store.credentials.create({
      connector: 'github',
      kind: 'oauth2',
      name: 'A',
      encrypted: blob(1),
      expiresAt: 5000,
    });
    clock.advance(10);
    const b = await store.credentials.create({
      connector: 'slack',
      kind: 'oauth2',
      name: 'B',
      encrypted: blob(2),
      expiresAt: 1000,
    });
    clock.advance(10);
    const updated = await store.credentials.update(a.id, { encrypted: blob(3, 4), name: 'A2', expiresAt: 2000 });
    expect(updated).toMatchObject({
      name: 'A2',
      encrypted: blob(3, 4),
      expiresAt: 2000,
      updatedAt: clock.now(),
      createdAt: a.createdAt,
    });
    expect(await store.credentials.update(a.id, { expiresAt: null })).not.toHaveProperty('expiresAt');
    expect(await store.credentials.update('missing', { name: 'x' })).toBeUndefined();

    expect(await store.credentials.setStatus(b.id, 'needs_reconnect')).toBe(true);
    expect(await store.credentials.setStatus('missing', 'active')).toBe(false);
    await store.credentials.markUsed(a.id);
    expect((await store.credentials.get(a.id))?.lastUsedAt).toBe(clock.now());
    await store.credentials.markUsed(a.id, 42);
    expect((await store.credentials.get(a.id))?.lastUsedAt).toBe(42);

    expect((await store.credentials.list()).map((c) => c.id)).toEqual([a.id, b.id]);
    expect((await store.credentials.list({ connector: 'slack' })).map((c) => c.name)).toEqual(['B']);
    expect((await store.credentials.list({ status: 'needs_reconnect' })).map((c) => c.id)).toEqual([b.id]);

    await store.credentials.update(a.id, { expiresAt: 3000 });
    const c = await store.credentials.create({
      connector: 'x',
      kind: 'oauth2',
      name: 'C',
      encrypted: blob(5),
      expiresAt: 2500,
    });
    // b needs reconnecting: not refreshable, so not listed.
    expect((await store.credentials.listExpiring(3000)).map((row) => row.id)).toEqual([c.id, a.id]);

    expect(await store.credentials.delete(a.id)).toBe(true);
    expect(await store.credentials.delete(a.id)).toBe(false);
    expect(await store.credentials.get(a.id)).toBeUndefined();
  });

  test('a transaction rolls credential writes back', async () => {
    const { store } = await openTestStore(dialect);
    await expect(
      store.transaction(async (tx) => {
        await tx.credentials.create({ id: 'cred_tx', connector: 'x', kind: 'bearer', name: 'T', encrypted: blob(1) });
        throw new Error('abort');
      }),
    ).rejects.toThrow('abort');
    expect(await store.credentials.get('cred_tx')).toBeUndefined();
  });
});
