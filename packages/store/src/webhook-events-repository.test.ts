import { describe, expect, test } from 'vitest';
import { DIALECTS, openTestStore, publishedFlow } from './test-support.js';

describe.each(DIALECTS)('webhook events on %s', (dialect) => {
  test('stores the event and its queued run together', async () => {
    const { store, clock } = await openTestStore(dialect);
    const flowId = await publishedFlow(store);
    const received = await store.webhookEvents.receive({
      flowId,
      providerEventId: 'evt_1',
      headers: { 'content-type': 'application/json', 'x-forwarded-for': ['1.1.1.1', '2.2.2.2'], skipped: undefined },
      body: '{"type":"invoice.payment_failed"}',
      input: { type: 'invoice.payment_failed' },
    });
    expect(received.duplicate).toBe(false);
    expect(await store.runs.get(received.runId)).toMatchObject({
      flowId,
      flowVersion: 1,
      status: 'queued',
      triggerKind: 'webhook',
      input: { type: 'invoice.payment_failed' },
    });
    expect(await store.webhookEvents.get(received.eventId)).toEqual({
      id: received.eventId,
      flowId,
      providerEventId: 'evt_1',
      receivedAt: clock.now(),
      runId: received.runId,
      headers: { 'content-type': 'application/json', 'x-forwarded-for': ['1.1.1.1', '2.2.2.2'] },
      body: '{"type":"invoice.payment_failed"}',
      bodyEncoding: 'utf8',
    });
  });

  test('a receipt can create its run already claimed by the worker that will execute it', async () => {
    const { store, clock } = await openTestStore(dialect);
    const flowId = await publishedFlow(store);
    const received = await store.webhookEvents.receive({
      flowId,
      headers: {},
      body: '{}',
      input: {},
      claim: { workerId: 'w1', leaseMs: 5000 },
    });
    expect(received.run).toMatchObject({
      status: 'running',
      claimedBy: 'w1',
      leaseUntil: clock.now() + 5000,
      startedAt: clock.now(),
    });
    expect(await store.runs.claimNext({ workerId: 'w2', leaseMs: 5000 })).toBeUndefined();
  });

  test('a redelivered provider event returns the original run and creates nothing', async () => {
    const { store } = await openTestStore(dialect);
    const flowId = await publishedFlow(store);
    const delivery = { flowId, providerEventId: 'evt_1', headers: {}, body: '{}', input: {} };
    const first = await store.webhookEvents.receive(delivery);
    const again = await store.webhookEvents.receive({ ...delivery, body: '{"changed":true}' });
    expect(again).toEqual({ eventId: first.eventId, runId: first.runId, duplicate: true });
    expect(first.run).toMatchObject({ id: first.runId, status: 'queued' });
    expect((await store.runs.list()).items).toHaveLength(1);
  });

  test('long provider event ids are kept whole (as a digest): a shared 200-character prefix is no duplicate', async () => {
    const { store } = await openTestStore(dialect);
    const flowId = await publishedFlow(store);
    const prefix = 'd'.repeat(200);
    const base = { flowId, headers: {}, body: '{}', input: {} };
    const one = await store.webhookEvents.receive({ ...base, providerEventId: `${prefix}-one` });
    const two = await store.webhookEvents.receive({ ...base, providerEventId: `${prefix}-two` });
    expect(two.duplicate).toBe(false);
    expect((await store.webhookEvents.receive({ ...base, providerEventId: `${prefix}-two` })).runId).toBe(two.runId);
    expect((await store.webhookEvents.get(one.eventId))?.providerEventId).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect((await store.runs.list()).items).toHaveLength(2);
  });

  test('the same provider event id on another flow, or no id at all, is not a duplicate', async () => {
    const { store } = await openTestStore(dialect);
    const a = await publishedFlow(store);
    const b = await publishedFlow(store);
    const base = { providerEventId: 'evt_1', headers: {}, body: '', input: null };
    expect((await store.webhookEvents.receive({ ...base, flowId: a })).duplicate).toBe(false);
    expect((await store.webhookEvents.receive({ ...base, flowId: b })).duplicate).toBe(false);
    const anonymous = { flowId: a, headers: {}, body: '', input: null };
    const one = await store.webhookEvents.receive(anonymous);
    const two = await store.webhookEvents.receive(anonymous);
    expect(one.runId).not.toBe(two.runId);
    expect((await store.runs.list()).items).toHaveLength(4);
  });

  test('concurrent deliveries of one event start exactly one run', async () => {
    const { store, openAnother } = await openTestStore(dialect);
    // PostgreSQL: several pools race for real; SQLite: one store per process, transactions take turns.
    const other = dialect === 'postgres' ? await openAnother() : store;
    const flowId = await publishedFlow(store);
    const delivery = { flowId, providerEventId: 'evt_race', headers: {}, body: '{}', input: {} };
    const results = await Promise.all(
      Array.from({ length: 6 }, (_, i) => (i % 2 ? other : store).webhookEvents.receive(delivery)),
    );
    expect(new Set(results.map((r) => r.runId)).size).toBe(1);
    expect(results.filter((r) => !r.duplicate)).toHaveLength(1);
    expect((await store.runs.list()).items).toHaveLength(1);
  });

  test('binary bodies are kept as base64', async () => {
    const { store } = await openTestStore(dialect);
    const flowId = await publishedFlow(store);
    const bytes = Uint8Array.from([0, 255, 10, 13, 128]);
    const received = await store.webhookEvents.receive({ flowId, headers: {}, body: bytes, input: null });
    const event = await store.webhookEvents.get(received.eventId);
    expect(event).toMatchObject({ bodyEncoding: 'base64' });
    expect(Buffer.from(event!.body, 'base64')).toEqual(Buffer.from(bytes));
  });

  test('nothing is stored when the run cannot be created', async () => {
    const { store } = await openTestStore(dialect);
    const flowId = await publishedFlow(store);
    const bad = store.webhookEvents.receive({
      flowId,
      flowVersion: 7,
      providerEventId: 'e',
      headers: {},
      body: '',
      input: {},
    });
    await expect(bad).rejects.toMatchObject({ code: 'flow_version_not_found' });
    const missing = store.webhookEvents.receive({ flowId: 'nope', headers: {}, body: '', input: {} });
    await expect(missing).rejects.toMatchObject({ code: 'flow_not_found' });
    // The failed delivery left no event behind: a retry with the same id is processed normally.
    const retry = await store.webhookEvents.receive({ flowId, providerEventId: 'e', headers: {}, body: '', input: {} });
    expect(retry.duplicate).toBe(false);
  });

  test("a flow's deliveries are listed newest first, and those after a time", async () => {
    const { store, clock } = await openTestStore(dialect);
    const flowId = await publishedFlow(store);
    const other = await publishedFlow(store);
    const base = { headers: {}, body: '{}', input: {} };
    const first = await store.webhookEvents.receive({ ...base, flowId });
    clock.advance(10);
    const second = await store.webhookEvents.receive({ ...base, flowId });
    await store.webhookEvents.receive({ ...base, flowId: other });
    const listed = await store.webhookEvents.listForFlow(flowId);
    expect(listed.map((e) => e.runId)).toEqual([second.runId, first.runId]);
    expect(listed[0]).toEqual({ id: second.eventId, receivedAt: clock.now(), runId: second.runId });
    const after = await store.webhookEvents.listForFlow(flowId, { after: clock.now() - 10 });
    expect(after.map((e) => e.id)).toEqual([second.eventId]);
    expect(await store.webhookEvents.listForFlow(flowId, { limit: 1 })).toHaveLength(1);
  });
});
