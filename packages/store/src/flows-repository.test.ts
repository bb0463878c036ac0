import { describe, expect, test } from 'vitest';
import { WeftError } from '@weft/core';
import { DIALECTS, openTestStore, sampleFlow } from './test-support.js';

describe.each(DIALECTS)('flows on %s', (dialect) => {
  test('creates a flow with a generated id and reads it back with its draft parsed', async () => {
    const { store, clock } = await openTestStore(dialect);
    const flow = await store.flows.create({ definition: sampleFlow('Orders') });
    expect(flow).toMatchObject({ name: 'Orders', active: false, createdAt: clock.now(), updatedAt: clock.now() });
    expect(flow.id).toMatch(/^flow_/);
    expect(flow.activeVersion).toBeUndefined();
    expect(await store.flows.get(flow.id)).toEqual(flow);
    expect(await store.flows.get('missing')).toBeUndefined();
  });

  test('keeps a caller-chosen id and refuses a second flow with it', async () => {
    const { store } = await openTestStore(dialect);
    await store.flows.create({ id: 'stripe-alerts', name: 'Alerts', definition: sampleFlow() });
    const again = store.flows.create({ id: 'stripe-alerts', definition: sampleFlow() });
    await expect(again).rejects.toMatchObject({ code: 'flow_exists', fault: 'user' });
  });

  test('lists flows oldest first', async () => {
    const { store, clock } = await openTestStore(dialect);
    const a = await store.flows.create({ definition: sampleFlow('a') });
    clock.advance(1);
    const b = await store.flows.create({ definition: sampleFlow('b') });
    expect((await store.flows.list()).map((f) => f.id)).toEqual([a.id, b.id]);
  });

  test('updates the draft and its name, bumping updatedAt', async () => {
    const { store, clock } = await openTestStore(dialect);
    const flow = await store.flows.create({ definition: sampleFlow() });
    clock.advance(5);
    const changed = { ...sampleFlow(), steps: [] };
    const updated = await store.flows.updateDraft(flow.id, { name: 'Renamed', definition: changed });
    expect(updated).toMatchObject({ name: 'Renamed', definition: changed, updatedAt: flow.createdAt + 5 });
    await expect(store.flows.updateDraft('missing', { name: 'x' })).rejects.toMatchObject({ code: 'flow_not_found' });
  });

  test('publishing freezes the draft as versions 1, 2, ... and makes the newest active', async () => {
    const { store } = await openTestStore(dialect);
    const flow = await store.flows.create({ definition: sampleFlow('v1') });
    const v1 = await store.flows.publish(flow.id);
    await store.flows.updateDraft(flow.id, { definition: sampleFlow('v2') });
    const v2 = await store.flows.publish(flow.id);
    expect([v1.version, v2.version]).toEqual([1, 2]);
    expect((await store.flows.getVersion(flow.id, 1))?.definition.name).toBe('v1');
    expect((await store.flows.getVersion(flow.id, 2))?.definition.name).toBe('v2');
    expect((await store.flows.listVersions(flow.id)).map((v) => v.version)).toEqual([2, 1]);
    expect((await store.flows.get(flow.id))?.activeVersion).toBe(2);
    // Editing the draft afterwards leaves published versions untouched.
    await store.flows.updateDraft(flow.id, { definition: sampleFlow('v3 draft') });
    expect((await store.flows.getVersion(flow.id, 2))?.definition.name).toBe('v2');
    expect(await store.flows.getVersion(flow.id, 3)).toBeUndefined();
  });

  test('concurrent publishes get consecutive version numbers', async () => {
    const { store } = await openTestStore(dialect);
    const flow = await store.flows.create({ definition: sampleFlow() });
    const versions = await Promise.all([1, 2, 3, 4].map(() => store.flows.publish(flow.id)));
    expect(versions.map((v) => v.version).sort()).toEqual([1, 2, 3, 4]);
  });

  test('activates a published version, rolls back to an older one and deactivates', async () => {
    const { store } = await openTestStore(dialect);
    const flow = await store.flows.create({ definition: sampleFlow() });
    await expect(store.flows.setActive(flow.id, { active: true })).rejects.toMatchObject({
      code: 'flow_not_published',
    });
    await store.flows.publish(flow.id);
    await store.flows.publish(flow.id);
    expect(await store.flows.setActive(flow.id, { active: true })).toMatchObject({ active: true, activeVersion: 2 });
    expect(await store.flows.setActive(flow.id, { active: true, version: 1 })).toMatchObject({ activeVersion: 1 });
    expect(await store.flows.setActive(flow.id, { active: false })).toMatchObject({ active: false, activeVersion: 1 });
    const wrong = store.flows.setActive(flow.id, { active: true, version: 9 });
    await expect(wrong).rejects.toBeInstanceOf(WeftError);
    await expect(wrong).rejects.toMatchObject({ code: 'flow_version_not_found' });
  });

  test('deleting a flow removes its versions and runs', async () => {
    const { store } = await openTestStore(dialect);
    const flow = await store.flows.create({ definition: sampleFlow() });
    await store.flows.publish(flow.id);
    const run = await store.runs.create({ flowId: flow.id, triggerKind: 'manual' });
    expect(await store.flows.delete(flow.id)).toBe(true);
    expect(await store.flows.delete(flow.id)).toBe(false);
    expect(await store.flows.getVersion(flow.id, 1)).toBeUndefined();
    expect(await store.runs.get(run.id)).toBeUndefined();
  });
});

describe.each(DIALECTS)('live version on %s', (dialect) => {
  test('getLive is the active version of an active flow, nothing otherwise', async () => {
    const { store } = await openTestStore(dialect);
    const flow = await store.flows.create({ definition: sampleFlow('live') });
    expect(await store.flows.getLive(flow.id)).toBeUndefined();
    await store.flows.publish(flow.id);
    expect(await store.flows.getLive(flow.id)).toBeUndefined();
    await store.flows.setActive(flow.id, { active: true });
    expect(await store.flows.getLive(flow.id)).toMatchObject({
      flowId: flow.id,
      version: 1,
      definition: { name: 'live' },
    });
    await store.flows.setActive(flow.id, { active: false });
    expect(await store.flows.getLive(flow.id)).toBeUndefined();
  });
});
