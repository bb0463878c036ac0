import { describe, expect, test } from 'vitest';
import { newRunId } from './ids.js';
import { DIALECTS, openTestStore, publishedFlow } from './test-support.js';

const HOUR = 3_600_000;
const file = (id: string, runId: string | null, createdAt: number) => ({
  id,
  runId,
  name: `${id}.pdf`,
  type: 'application/pdf',
  size: 5 * 1024 * 1024 * 1024, // past 32 bits: bigint on PostgreSQL
  sha256: 'ab'.repeat(32),
  path: `files/x/${id}`,
  createdAt,
});

describe.each(DIALECTS)('files on %s', (dialect) => {
  test('a webhook links its files to the run it creates; files whose run is gone become sweepable', async () => {
    const { store, clock } = await openTestStore(dialect);
    const flowId = await publishedFlow(store);
    const t0 = clock.now();
    await store.files.record(file('fil_uploaded01', null, t0));
    await store.files.record(file('fil_unlinked01', null, t0));
    const received = await store.webhookEvents.receive({
      flowId,
      headers: {},
      body: '{}',
      input: {},
      files: ['fil_uploaded01'],
    });
    expect(await store.files.get('fil_uploaded01')).toEqual(file('fil_uploaded01', received.runId, t0));
    await store.files.record(file('fil_ofdeleted1', 'run_gone', t0));
    await store.files.complete('fil_ofdeleted1', {
      name: 'final.bin',
      type: 'image/png',
      size: 7,
      sha256: 'cd'.repeat(32),
    });
    expect(await store.files.get('fil_ofdeleted1')).toMatchObject({
      name: 'final.bin',
      size: 7,
      sha256: 'cd'.repeat(32),
    });

    // Nothing younger than the grace period, then only the unlinked file and the one whose run is gone.
    expect(await store.files.sweepable(t0, 100)).toEqual([]);
    const sweepable = await store.files.sweepable(t0 + HOUR, 100);
    expect(sweepable.map((f) => f.id).sort()).toEqual(['fil_ofdeleted1', 'fil_unlinked01']);
    expect(sweepable[0]).toHaveProperty('path');

    await store.files.remove(sweepable.map((f) => f.id));
    expect(await store.files.get('fil_unlinked01')).toBeUndefined();
    expect(await store.files.get('fil_uploaded01')).toBeDefined();
  });

  test("a run executed before it was stored (respond mode) gets its delivery's files too", async () => {
    const { store, clock } = await openTestStore(dialect);
    const flowId = await publishedFlow(store);
    const t0 = clock.now();
    await store.files.record(file('fil_pureupld1', null, t0));
    const runId = newRunId(t0);
    const received = await store.webhookEvents.receiveFinished({
      flowId,
      flowVersion: 1,
      headers: {},
      body: '{}',
      input: {},
      files: ['fil_pureupld1'],
      runId,
      startedAt: t0,
      status: 'succeeded',
      output: null,
      journal: store.journal.buffer(runId),
    });
    expect(received).toMatchObject({ runId, duplicate: false });
    expect(await store.files.get('fil_pureupld1')).toEqual(file('fil_pureupld1', runId, t0));
  });
});
