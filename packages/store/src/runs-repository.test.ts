import { describe, expect, test } from 'vitest';
import type { RunStatus } from '@weft/core';
import type { Store } from './store.js';
import { DIALECTS, openTestStore, publishedFlow, sampleFlow } from './test-support.js';

describe.each(DIALECTS)('runs on %s', (dialect) => {
  test('creates a queued run pinned to the active version', async () => {
    const { store, clock } = await openTestStore(dialect);
    const flowId = await publishedFlow(store);
    const run = await store.runs.create({ flowId, triggerKind: 'manual', input: { order: 42, tags: ['a'] } });
    expect(run).toMatchObject({
      flowId,
      flowVersion: 1,
      status: 'queued',
      triggerKind: 'manual',
      createdAt: clock.now(),
    });
    expect(run.id).toMatch(/^run_/);
    expect(await store.runs.get(run.id)).toEqual(run);
    expect((await store.runs.get(run.id))?.input).toEqual({ order: 42, tags: ['a'] });
  });

  test('a run of a never-published flow runs the draft; unknown flows and versions are refused', async () => {
    const { store } = await openTestStore(dialect);
    const draft = await store.flows.create({ definition: sampleFlow() });
    expect((await store.runs.create({ flowId: draft.id, triggerKind: 'manual' })).flowVersion).toBeUndefined();
    await expect(store.runs.create({ flowId: 'nope', triggerKind: 'manual' })).rejects.toMatchObject({
      code: 'flow_not_found',
    });
    await expect(store.runs.create({ flowId: draft.id, flowVersion: 3, triggerKind: 'manual' })).rejects.toMatchObject({
      code: 'flow_version_not_found',
    });
  });

  test('records parent and retry links', async () => {
    const { store } = await openTestStore(dialect);
    const flowId = await publishedFlow(store);
    const parent = await store.runs.create({ flowId, triggerKind: 'manual' });
    const child = await store.runs.create({ flowId, triggerKind: 'subflow', parentRunId: parent.id });
    const retry = await store.runs.create({ flowId, triggerKind: 'retry', retryOf: parent.id });
    expect((await store.runs.get(child.id))?.parentRunId).toBe(parent.id);
    expect((await store.runs.get(retry.id))?.retryOf).toBe(parent.id);
  });

  test('a subflow child is found by its parent step, starts running without a lease, and is listed', async () => {
    const { store, clock } = await openTestStore(dialect);
    const flowId = await publishedFlow(store);
    const parent = await store.runs.create({ flowId, triggerKind: 'manual' });
    const first = await store.runs.create({
      flowId,
      triggerKind: 'subflow',
      parentRunId: parent.id,
      parentStep: 'a#1',
    });
    clock.advance(1);
    const second = await store.runs.create({
      flowId,
      triggerKind: 'subflow',
      parentRunId: parent.id,
      parentStep: 'a#2',
    });
    expect(first).toMatchObject({ status: 'running', parentStep: 'a#1', startedAt: expect.any(Number) });
    expect(first.leaseUntil).toBeUndefined();
    expect(await store.runs.findChild(parent.id, 'a#1')).toEqual(first);
    expect(await store.runs.findChild(parent.id, 'b#1')).toBeUndefined();
    expect((await store.runs.listChildren(parent.id)).map((r) => r.id)).toEqual([first.id, second.id]);
    // The same step cannot start two children; no worker claims a child (its parent executes it).
    await expect(
      store.runs.create({ flowId, triggerKind: 'subflow', parentRunId: parent.id, parentStep: 'a#1' }),
    ).rejects.toThrow();
    clock.advance(60_000);
    expect(await store.runs.claimExpired({ workerId: 'w', leaseMs: 1000 })).toBeUndefined();
  });

  test('finishes a run once, with output or error', async () => {
    const { store, clock } = await openTestStore(dialect);
    const flowId = await publishedFlow(store);
    const ok = await store.runs.create({ flowId, triggerKind: 'manual' });
    const bad = await store.runs.create({ flowId, triggerKind: 'manual' });
    clock.advance(10);
    expect(await store.runs.finish({ runId: ok.id, status: 'succeeded', output: { sent: true } })).toBe(true);
    const error = { code: 'http_500', message: 'Slack failed', fault: 'upstream' as const, retryable: true };
    expect(await store.runs.finish({ runId: bad.id, status: 'failed', error })).toBe(true);
    expect(await store.runs.get(ok.id)).toMatchObject({
      status: 'succeeded',
      output: { sent: true },
      endedAt: clock.now(),
    });
    expect((await store.runs.get(bad.id))?.error).toEqual(error);
    expect(await store.runs.finish({ runId: ok.id, status: 'failed' })).toBe(false);
    expect((await store.runs.get(ok.id))?.status).toBe('succeeded');
  });

  test('cancels queued and running runs but not finished ones', async () => {
    const { store } = await openTestStore(dialect);
    const flowId = await publishedFlow(store);
    const queued = await store.runs.create({ flowId, triggerKind: 'manual' });
    expect(await store.runs.cancel(queued.id)).toBe(true);
    expect((await store.runs.get(queued.id))?.status).toBe('cancelled');
    expect(await store.runs.cancel(queued.id)).toBe(false);
    expect(await store.runs.cancel('run_missing')).toBe(false);
    // A worker finishing after a cancel does not overwrite it.
    expect(await store.runs.finish({ runId: queued.id, status: 'succeeded' })).toBe(false);
  });

  test('lists newest first with flow, status and time filters', async () => {
    const { store, clock } = await openTestStore(dialect);
    const a = await publishedFlow(store, 'a');
    const b = await publishedFlow(store, 'b');
    const created: Record<string, string> = {};
    for (const [name, flowId, status] of [
      ['a1', a, 'succeeded'],
      ['b1', b, 'failed'],
      ['a2', a, 'failed'],
      ['a3', a, 'queued'],
    ] as const) {
      clock.advance(100);
      const run = await store.runs.create({ flowId, triggerKind: 'manual' });
      if (status !== 'queued') await store.runs.finish({ runId: run.id, status });
      created[name] = run.id;
    }
    const ids = async (query: Parameters<Store['runs']['list']>[0]) =>
      (await store.runs.list(query)).items.map((r) => Object.keys(created).find((k) => created[k] === r.id));
    expect(await ids({})).toEqual(['a3', 'a2', 'b1', 'a1']);
    expect(await ids({ flowId: a })).toEqual(['a3', 'a2', 'a1']);
    expect(await ids({ status: 'failed' })).toEqual(['a2', 'b1']);
    expect(await ids({ flowId: a, status: ['failed', 'queued'] satisfies RunStatus[] })).toEqual(['a3', 'a2']);
    const start = clock.now() - 300;
    expect(await ids({ since: start + 100, until: start + 300 })).toEqual(['a2', 'b1']);
  });

  test('pages with an opaque cursor without gaps or repeats, even for runs created in the same ms', async () => {
    const { store, clock } = await openTestStore(dialect);
    const flowId = await publishedFlow(store);
    const all: string[] = [];
    for (let i = 0; i < 7; i++) {
      if (i % 3 === 0) clock.advance(1);
      all.push((await store.runs.create({ flowId, triggerKind: 'manual' })).id);
    }
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await store.runs.list({ limit: 3, ...(cursor === undefined ? {} : { cursor }) });
      seen.push(...page.items.map((r) => r.id));
      cursor = page.nextCursor;
    } while (cursor !== undefined);
    const expected = (await store.runs.list({ limit: 100 })).items.map((r) => r.id);
    expect(seen).toEqual(expected);
    expect([...seen].sort()).toEqual([...all].sort());
    await expect(store.runs.list({ cursor: 'garbage' })).rejects.toMatchObject({ code: 'invalid_cursor' });
  });
});
