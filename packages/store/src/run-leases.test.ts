import { describe, expect, test } from 'vitest';
import type { Store } from './store.js';
import { DIALECTS, openTestStore, publishedFlow, sampleFlow } from './test-support.js';

async function queueRuns(store: Store, count: number, advance: () => void): Promise<string[]> {
  const flowId = await publishedFlow(store);
  const ids: string[] = [];
  for (let i = 0; i < count; i++) {
    advance();
    ids.push((await store.runs.create({ flowId, triggerKind: 'manual' })).id);
  }
  return ids;
}

describe.each(DIALECTS)('run leases on %s', (dialect) => {
  test('claims the oldest queued run with a lease, then the next, then nothing', async () => {
    const { store, clock } = await openTestStore(dialect);
    const [first, second] = await queueRuns(store, 2, () => clock.advance(1));
    const claimed = await store.runs.claimNext({ workerId: 'w1', leaseMs: 30_000 });
    expect(claimed).toMatchObject({
      id: first,
      status: 'running',
      claimedBy: 'w1',
      leaseUntil: clock.now() + 30_000,
      startedAt: clock.now(),
    });
    expect((await store.runs.claimNext({ workerId: 'w2', leaseMs: 30_000 }))?.id).toBe(second);
    expect(await store.runs.claimNext({ workerId: 'w3', leaseMs: 30_000 })).toBeUndefined();
  });

  test('concurrent claimers in one process never get the same run', async () => {
    const { store, clock } = await openTestStore(dialect);
    await queueRuns(store, 5, () => clock.advance(1));
    const claims = await Promise.all(
      Array.from({ length: 8 }, (_, i) => store.runs.claimNext({ workerId: `w${i}`, leaseMs: 1000 })),
    );
    const ids = claims.flatMap((run) => (run ? [run.id] : []));
    expect(ids).toHaveLength(5);
    expect(new Set(ids).size).toBe(5);
  });

  test('renewing keeps the lease for its holder only', async () => {
    const { store, clock } = await openTestStore(dialect);
    await queueRuns(store, 1, () => undefined);
    const run = await store.runs.claimNext({ workerId: 'w1', leaseMs: 1000 });
    clock.advance(900);
    expect(await store.runs.renewLease({ runId: run!.id, workerId: 'w1', leaseMs: 1000 })).toBe(true);
    expect((await store.runs.get(run!.id))?.leaseUntil).toBe(clock.now() + 1000);
    expect(await store.runs.renewLease({ runId: run!.id, workerId: 'w2', leaseMs: 1000 })).toBe(false);
    await store.runs.finish({ runId: run!.id, status: 'succeeded', workerId: 'w1' });
    expect(await store.runs.renewLease({ runId: run!.id, workerId: 'w1', leaseMs: 1000 })).toBe(false);
  });

  test('one statement renews every lease a worker holds and names the runs it no longer holds', async () => {
    const { store, clock } = await openTestStore(dialect);
    await queueRuns(store, 3, () => clock.advance(1));
    const mine = await store.runs.claimQueued({ workerId: 'w1', leaseMs: 1000, limit: 2 });
    const other = await store.runs.claimNext({ workerId: 'w2', leaseMs: 1000 });
    await store.runs.finish({ runId: mine[1]!.id, status: 'succeeded', workerId: 'w1' });
    clock.advance(500);
    const held = await store.runs.renewLeases({
      workerId: 'w1',
      runIds: [mine[0]!.id, mine[1]!.id, other!.id],
      leaseMs: 1000,
    });
    expect([...held]).toEqual([mine[0]!.id]);
    expect((await store.runs.get(mine[0]!.id))?.leaseUntil).toBe(clock.now() + 1000);
    expect((await store.runs.get(other!.id))?.leaseUntil).toBe(clock.now() + 500);
    expect(await store.runs.renewLeases({ workerId: 'w1', runIds: [], leaseMs: 1000 })).toEqual(new Set());
  });

  test('takes over several expired runs at once, longest expired first, up to the limit', async () => {
    const { store, clock } = await openTestStore(dialect);
    const ids = await queueRuns(store, 3, () => clock.advance(1));
    for (const [i, id] of ids.entries()) {
      await store.runs.claimNext({ workerId: `dead${i}`, leaseMs: 1000 + i });
      expect(id).toBeDefined();
    }
    clock.advance(5000);
    const taken = await store.runs.claimExpiredRuns({ workerId: 'w', leaseMs: 1000, limit: 2 });
    expect(taken.map((r) => [r.id, r.takenOverFrom.workerId, r.claimedBy])).toEqual([
      [ids[0], 'dead0', 'w'],
      [ids[1], 'dead1', 'w'],
    ]);
    expect((await store.runs.claimExpiredRuns({ workerId: 'w', leaseMs: 1000, limit: 5 })).map((r) => r.id)).toEqual([
      ids[2],
    ]);
  });

  test('a released run goes back to the queue for any worker', async () => {
    const { store, clock } = await openTestStore(dialect);
    await queueRuns(store, 1, () => clock.advance(1));
    const run = await store.runs.claimNext({ workerId: 'w1', leaseMs: 1000 });
    expect(await store.runs.release({ workerId: 'w2', runIds: [run!.id] })).toBe(0);
    expect(await store.runs.release({ workerId: 'w1', runIds: [run!.id] })).toBe(1);
    expect(await store.runs.get(run!.id)).toMatchObject({ status: 'queued' });
    expect((await store.runs.claimNext({ workerId: 'w3', leaseMs: 1000 }))?.id).toBe(run!.id);
  });

  test('finds runs whose worker died and lets another worker take them over', async () => {
    const { store, clock } = await openTestStore(dialect);
    await queueRuns(store, 2, () => clock.advance(1));
    const crashed = await store.runs.claimNext({ workerId: 'dead', leaseMs: 1000 });
    const alive = await store.runs.claimNext({ workerId: 'alive', leaseMs: 60_000 });
    expect(await store.runs.listExpiredLeases()).toEqual([]);
    expect(await store.runs.claimExpired({ workerId: 'w2', leaseMs: 1000 })).toBeUndefined();
    clock.advance(1001);
    expect((await store.runs.listExpiredLeases()).map((r) => r.id)).toEqual([crashed!.id]);
    const resumed = await store.runs.claimExpired({ workerId: 'w2', leaseMs: 5000 });
    expect(resumed).toMatchObject({
      id: crashed!.id,
      claimedBy: 'w2',
      startedAt: crashed!.startedAt,
      takenOverFrom: { workerId: 'dead', leaseUntil: crashed!.leaseUntil },
    });
    expect(await store.runs.listExpiredLeases()).toEqual([]);
    // The crashed worker, should it come back, can no longer renew or finish.
    expect(await store.runs.renewLease({ runId: crashed!.id, workerId: 'dead', leaseMs: 1000 })).toBe(false);
    expect(await store.runs.finish({ runId: crashed!.id, status: 'failed', workerId: 'dead' })).toBe(false);
    expect(await store.runs.finish({ runId: crashed!.id, status: 'succeeded', workerId: 'w2' })).toBe(true);
    expect((await store.runs.get(alive!.id))?.claimedBy).toBe('alive');
  });
});

test('on PostgreSQL a claimer skips a run locked by an open transaction instead of waiting (SKIP LOCKED)', async () => {
  const { store, clock, openAnother } = await openTestStore('postgres');
  const other = await openAnother();
  const [first, second] = await queueRuns(store, 2, () => clock.advance(1));
  await store.transaction(async (tx) => {
    const mine = await tx.runs.claimNext({ workerId: 'a', leaseMs: 1000 });
    expect(mine?.id).toBe(first);
    // The first claim is uncommitted and its row locked: without SKIP LOCKED this would block until commit.
    const timeout = new Promise<'blocked'>((resolve) => setTimeout(() => resolve('blocked'), 2000));
    const theirs = await Promise.race([other.runs.claimNext({ workerId: 'b', leaseMs: 1000 }), timeout]);
    expect(theirs).not.toBe('blocked');
    expect(theirs === 'blocked' ? undefined : theirs?.id).toBe(second);
  });
});

test('on PostgreSQL two stores (two processes) split the queue', async () => {
  const { store, clock, openAnother } = await openTestStore('postgres');
  const other = await openAnother();
  await queueRuns(store, 6, () => clock.advance(1));
  const claims = await Promise.all(
    [store, other, store, other, store, other, store, other].map((s, i) =>
      s.runs.claimNext({ workerId: `w${i}`, leaseMs: 1000 }),
    ),
  );
  const ids = claims.flatMap((run) => (run ? [run.id] : []));
  expect(ids).toHaveLength(6);
  expect(new Set(ids).size).toBe(6);
});

describe.each(DIALECTS)('batch claims on %s', (dialect) => {
  test('claimQueued takes up to the limit, oldest first, each run once', async () => {
    const { store, clock } = await openTestStore(dialect);
    const flow = await store.flows.create({ definition: sampleFlow() });
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) {
      ids.push((await store.runs.create({ flowId: flow.id, triggerKind: 'manual' })).id);
      clock.advance(1);
    }
    const first = await store.runs.claimQueued({ workerId: 'a', leaseMs: 1000, limit: 3 });
    const second = await store.runs.claimQueued({ workerId: 'b', leaseMs: 1000, limit: 3 });
    expect(first.map((r) => r.id)).toEqual(ids.slice(0, 3));
    expect(second.map((r) => r.id)).toEqual(ids.slice(3));
    expect(first.every((r) => r.status === 'running' && r.claimedBy === 'a')).toBe(true);
    expect(await store.runs.claimQueued({ workerId: 'c', leaseMs: 1000, limit: 3 })).toEqual([]);
  });
});
