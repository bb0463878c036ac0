// Retention on both databases: a batch deletes exactly the runs the policy no longer keeps (by age, failed ones
// later, test runs sooner, beyond the per-flow cap), never queued or running ones, with their steps and logs;
// on SQLite the freed space goes back to the file system (the file shrinks).
import { stat } from 'node:fs/promises';
import { describe, expect, test } from 'vitest';
import type { RunStatus } from '@weft/core';
import type { RetentionPolicy } from './retention-repository.js';
import type { Store } from './store.js';
import { DIALECTS, openTestStore, publishedFlow } from './test-support.js';

const DAY = 86_400_000;
const POLICY: RetentionPolicy = { maxAgeDays: 30, failedMaxAgeDays: 90, testMaxAgeDays: 7, maxRunsPerFlow: 0 };

async function runOf(store: Store, flowId: string, status: RunStatus, triggerKind = 'webhook'): Promise<string> {
  const run = await store.runs.create({ flowId, triggerKind, input: { n: 1 } });
  if (status === 'queued') return run.id;
  await store.runs.claimQueued({ workerId: 'w', leaseMs: 60_000, limit: 1 });
  if (status !== 'running') await store.runs.finish({ runId: run.id, status, output: { ok: true } });
  return run.id;
}

async function remaining(store: Store, ids: Record<string, string>): Promise<string[]> {
  const left: string[] = [];
  for (const [name, id] of Object.entries(ids)) if (await store.runs.get(id)) left.push(name);
  return left.sort();
}

async function pruneAll(store: Store, policy: RetentionPolicy, batch = 2): Promise<number> {
  let total = 0;
  for (
    let n = await store.retention.pruneBatch(policy, batch);
    n > 0;
    n = await store.retention.pruneBatch(policy, batch)
  )
    total += n;
  return total;
}

describe.each(DIALECTS)('retention on %s', (dialect) => {
  test('deletes by age: failed runs later, test runs sooner, never queued or running ones', async () => {
    const { store, clock } = await openTestStore(dialect);
    const flowId = await publishedFlow(store);
    const ids: Record<string, string> = {};
    ids.old_ok = await runOf(store, flowId, 'succeeded');
    ids.old_cancelled = await runOf(store, flowId, 'cancelled');
    ids.old_failed = await runOf(store, flowId, 'failed');
    ids.old_running = await runOf(store, flowId, 'running');
    clock.advance(20 * DAY);
    ids.mid_ok = await runOf(store, flowId, 'succeeded');
    ids.mid_test = await runOf(store, flowId, 'succeeded', 'test');
    ids.mid_queued = await runOf(store, flowId, 'queued');
    clock.advance(20 * DAY);
    ids.new_ok = await runOf(store, flowId, 'succeeded');
    ids.new_test = await runOf(store, flowId, 'failed', 'test');
    await store.journal.appendLog({ runId: ids.old_ok, level: 'info', message: 'gone with its run', at: clock.now() });
    // Now: old = 40 days, mid = 20 days, new = 0 days.
    expect(await pruneAll(store, POLICY)).toBe(3);
    expect(await remaining(store, ids)).toEqual([
      'mid_ok',
      'mid_queued',
      'new_ok',
      'new_test',
      'old_failed',
      'old_running',
    ]);
    expect(await store.logs.list(ids.old_ok)).toEqual([]);
    clock.advance(60 * DAY); // old = 100 days: the failed one goes too; running and queued stay.
    expect(await pruneAll(store, POLICY)).toBe(4);
    expect(await remaining(store, ids)).toEqual(['mid_queued', 'old_running']);
    expect(await store.retention.pruneBatch(POLICY, 10)).toBe(0);
  });

  test('keeps only the newest N finished runs of each flow, failed ones aside', async () => {
    const { store, clock } = await openTestStore(dialect);
    const a = await publishedFlow(store);
    const b = await publishedFlow(store);
    const ids: Record<string, string> = {};
    for (let i = 1; i <= 4; i++) {
      clock.advance(1000);
      ids[`a${i}`] = await runOf(store, a, 'succeeded');
      ids[`b${i}`] = await runOf(store, b, i === 1 ? 'failed' : 'succeeded');
    }
    const policy = { maxAgeDays: 0, failedMaxAgeDays: 0, testMaxAgeDays: 0, maxRunsPerFlow: 2 };
    expect(await pruneAll(store, policy)).toBe(3);
    expect(await remaining(store, ids)).toEqual(['a3', 'a4', 'b1', 'b3', 'b4']);
  });
});

test('on SQLite the database file shrinks once pruned runs are reclaimed', async () => {
  const { store, clock, location } = await openTestStore('sqlite');
  const flowId = await publishedFlow(store);
  const big = 'x'.repeat(20_000);
  for (let i = 0; i < 200; i++) {
    const run = await store.runs.create({ flowId, triggerKind: 'webhook', input: { big, i } });
    await store.runs.claimQueued({ workerId: 'w', leaseMs: 60_000, limit: 1 });
    await store.runs.finish({ runId: run.id, status: 'succeeded', output: { big } });
  }
  await store.retention.reclaimSpace();
  const before = (await stat(location)).size;
  clock.advance(31 * DAY);
  expect(await pruneAll(store, POLICY, 50)).toBe(200);
  let freed = 0;
  for (let n = await store.retention.reclaimSpace(500); n > 0; n = await store.retention.reclaimSpace(500)) freed += n;
  expect(freed).toBeGreaterThan(0);
  const after = (await stat(location)).size;
  console.info(`retention: SQLite file ${before} → ${after} bytes after pruning 200 runs (${freed} pages freed)`);
  expect(after).toBeLessThan(before / 4);
});
