import { describe, expect, test } from 'vitest';
import { DIALECTS, openTestStore, sampleFlow } from './test-support.js';

describe.each(DIALECTS)('store on %s', (dialect) => {
  test('a transaction commits everything done through it', async () => {
    const { store } = await openTestStore(dialect);
    const runId = await store.transaction(async (tx) => {
      const flow = await tx.flows.create({ definition: sampleFlow() });
      await tx.flows.publish(flow.id);
      // Units of work that use a transaction themselves join this one.
      const received = await tx.webhookEvents.receive({ flowId: flow.id, headers: {}, body: '', input: 1 });
      return received.runId;
    });
    expect(await store.runs.get(runId)).toMatchObject({ status: 'queued', flowVersion: 1, input: 1 });
  });

  test('a transaction that throws leaves nothing behind', async () => {
    const { store } = await openTestStore(dialect);
    const failing = store.transaction(async (tx) => {
      const flow = await tx.flows.create({ id: 'doomed', definition: sampleFlow() });
      await tx.runs.create({ flowId: flow.id, triggerKind: 'manual' });
      throw new Error('changed my mind');
    });
    await expect(failing).rejects.toThrow('changed my mind');
    expect(await store.flows.get('doomed')).toBeUndefined();
    expect((await store.runs.list()).items).toEqual([]);
    // The store is still usable afterwards.
    expect(await store.flows.create({ id: 'doomed', definition: sampleFlow() })).toMatchObject({ id: 'doomed' });
  });

  test('health reports the dialect and applied migrations, and failure after close', async () => {
    const { store } = await openTestStore(dialect);
    expect(await store.health()).toEqual({
      ok: true,
      dialect,
      migrations: {
        applied: [
          '0001_foundation',
          '0002_subflow_parent_step',
          '0003_resumes_and_payload_blobs',
          '0004_cluster_state',
          '0005_hot_run_updates',
          '0006_operations',
          '0007_teams',
        ],
        pending: [],
        unknown: [],
      },
    });
    expect(store.dialect).toBe(dialect);
    await store.close();
    await store.close();
    expect(await store.health()).toMatchObject({ ok: false, dialect });
  });

  test('migrating again (or reopening) changes nothing', async () => {
    const { store, openAnother } = await openTestStore(dialect);
    const flow = await store.flows.create({ definition: sampleFlow() });
    expect(await store.migrate()).toEqual([]);
    const again = await openAnother();
    expect(await again.migrate()).toEqual([]);
    expect(await again.flows.get(flow.id)).toEqual(flow);
  });
});
