import { describe, expect, test } from 'vitest';
import { DIALECTS, openTestStore, sampleFlow } from './test-support.js';

describe.each(DIALECTS)('trigger state on %s', (dialect) => {
  test('only one owner holds a trigger lease until it expires or is released', async () => {
    const { store, clock } = await openTestStore(dialect);
    const { id: flowId } = await store.flows.create({ definition: sampleFlow() });
    const key = { flowId, triggerKey: 'schedule' };
    expect(await store.triggerState.acquireLease({ ...key, owner: 'a', leaseMs: 1000 })).toBe(true);
    expect(await store.triggerState.acquireLease({ ...key, owner: 'b', leaseMs: 1000 })).toBe(false);
    // The holder extends its own lease.
    clock.advance(900);
    expect(await store.triggerState.acquireLease({ ...key, owner: 'a', leaseMs: 1000 })).toBe(true);
    clock.advance(900);
    expect(await store.triggerState.acquireLease({ ...key, owner: 'b', leaseMs: 1000 })).toBe(false);
    clock.advance(101);
    expect(await store.triggerState.acquireLease({ ...key, owner: 'b', leaseMs: 1000 })).toBe(true);
    expect(await store.triggerState.get(key)).toMatchObject({ leasedBy: 'b', leaseUntil: clock.now() + 1000 });
    await store.triggerState.releaseLease({ ...key, owner: 'a' });
    expect((await store.triggerState.get(key))?.leasedBy).toBe('b');
    await store.triggerState.releaseLease({ ...key, owner: 'b' });
    expect(await store.triggerState.acquireLease({ ...key, owner: 'c', leaseMs: 1000 })).toBe(true);
  });

  test('concurrent acquirers: exactly one wins', async () => {
    const { store, openAnother } = await openTestStore(dialect);
    const other = dialect === 'postgres' ? await openAnother() : store;
    const { id: flowId } = await store.flows.create({ definition: sampleFlow() });
    const wins = await Promise.all(
      ['a', 'b', 'c', 'd', 'e', 'f'].map((owner, i) =>
        (i % 2 ? other : store).triggerState.acquireLease({ flowId, triggerKey: 'poll', owner, leaseMs: 60_000 }),
      ),
    );
    expect(wins.filter(Boolean)).toHaveLength(1);
  });

  test('keeps a JSON cursor and the last fire time; fenced writes need the lease', async () => {
    const { store, clock } = await openTestStore(dialect);
    const { id: flowId } = await store.flows.create({ definition: sampleFlow() });
    const key = { flowId, triggerKey: 'poll:issues' };
    expect(await store.triggerState.get(key)).toBeUndefined();
    expect(await store.triggerState.setCursor({ ...key, cursor: { since: '2024-01-01' }, lastFiredAt: 5 })).toBe(true);
    expect(await store.triggerState.get(key)).toEqual({ ...key, cursor: { since: '2024-01-01' }, lastFiredAt: 5 });
    expect(await store.triggerState.setCursor({ ...key, cursor: { since: '2024-02-01' } })).toBe(true);
    expect(await store.triggerState.get(key)).toMatchObject({ cursor: { since: '2024-02-01' }, lastFiredAt: 5 });

    expect(await store.triggerState.setCursor({ ...key, cursor: 'stale', owner: 'a' })).toBe(false);
    await store.triggerState.acquireLease({ ...key, owner: 'a', leaseMs: 1000 });
    expect(await store.triggerState.setCursor({ ...key, cursor: 3, owner: 'a', lastFiredAt: 9 })).toBe(true);
    expect(await store.triggerState.get(key)).toMatchObject({ cursor: 3, lastFiredAt: 9, leasedBy: 'a' });
    clock.advance(1000);
    expect(await store.triggerState.setCursor({ ...key, cursor: 4, owner: 'a' })).toBe(false);
    expect((await store.triggerState.get(key))?.cursor).toBe(3);
  });
});
