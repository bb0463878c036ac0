// Dead letters on both databases: failed runs not retried yet, test runs aside, newest first; a failed retry
// replaces its original.
import { describe, expect, test } from 'vitest';
import type { Store } from './store.js';
import { DIALECTS, openTestStore, publishedFlow } from './test-support.js';

async function failed(store: Store, flowId: string, triggerKind = 'webhook'): Promise<string> {
  const run = await store.runs.create({ flowId, triggerKind });
  await store.runs.claimQueued({ workerId: 'w', leaseMs: 60_000, limit: 1 });
  await store.runs.finish({ runId: run.id, status: 'failed', error: { code: 'step_failed', message: 'boom' } });
  return run.id;
}

describe.each(DIALECTS)('dead letters on %s', (dialect) => {
  test('are failed runs not retried yet, newest first; a failed retry takes its original place', async () => {
    const { store, clock } = await openTestStore(dialect);
    const flowId = await publishedFlow(store);
    const a = await failed(store, flowId);
    clock.advance(1000);
    const b = await failed(store, flowId);
    await failed(store, flowId, 'test');
    const ok = await store.runs.create({ flowId, triggerKind: 'webhook' });
    expect((await store.deadLetters.list()).items.map((r) => r.id)).toEqual([b, a]);
    expect((await store.deadLetters.list()).items[0]!.error).toMatchObject({ message: 'boom' });
    clock.advance(1000);
    const retry = await store.runs.retry(a);
    expect((await store.deadLetters.list()).items.map((r) => r.id)).toEqual([b]);
    await store.runs.claimQueued({ workerId: 'w', leaseMs: 60_000, limit: 5 });
    await store.runs.finish({ runId: retry.id, status: 'failed', error: { code: 'step_failed', message: 'again' } });
    expect((await store.deadLetters.list()).items.map((r) => r.id)).toEqual([retry.id, b]);
    expect(await store.deadLetters.isDeadLetter(a)).toBe(false);
    expect(await store.deadLetters.isDeadLetter(ok.id)).toBe(false);
    expect(await store.deadLetters.isDeadLetter(b)).toBe(true);
  });
});
