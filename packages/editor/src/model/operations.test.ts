import { describe, expect, it } from 'vitest';
import type { RetentionSettings } from '@weft/core/contract';
import {
  lastPassText,
  rejectionReasons,
  retentionRows,
  retentionSchedule,
  retryBatches,
  retrySummary,
  toggle,
  toggleAll,
} from './operations.js';

const settings: RetentionSettings = {
  policy: { maxAgeDays: 30, failedMaxAgeDays: 90, testMaxAgeDays: 0, maxRunsPerFlow: 10_000 },
  intervalMs: 600_000,
  batchSize: 100,
};

describe('operations', () => {
  it('states the retention policy in force, 0 meaning keep', () => {
    expect(retentionRows(settings).map((r) => `${r.what}: ${r.rule}`)).toEqual([
      'Succeeded and cancelled runs: deleted after 30 days',
      'Failed runs: deleted after 90 days',
      'Test runs (from the editor): as other runs',
      'Succeeded and cancelled runs per flow: the newest 10,000 kept',
    ]);
    expect(
      retentionRows({ ...settings, policy: { ...settings.policy, maxAgeDays: 0, maxRunsPerFlow: 0 } })[0]!.rule,
    ).toBe('kept');
    expect(retentionSchedule(settings)).toBe('Every 10 min, in batches of 100 runs');
  });

  it('reports the last pass, a failed one or none', () => {
    expect(lastPassText(settings)).toBe('No pass yet since the server started.');
    const pass = {
      startedAt: '2026-11-30T06:00:00Z',
      finishedAt: '2026-11-30T06:00:01Z',
      deleted: 1,
      pagesReclaimed: 0,
    };
    expect(lastPassText({ ...settings, lastPass: pass })).toBe('1 run deleted.');
    expect(lastPassText({ ...settings, lastPass: { ...pass, deleted: 200, pagesReclaimed: 2048 } })).toBe(
      '200 runs deleted, 2048 pages reclaimed.',
    );
    expect(lastPassText({ ...settings, lastPass: { ...pass, error: 'database is locked' } })).toBe(
      'The last pass failed: database is locked',
    );
  });

  it('selects dead letters one by one or all shown, and retries them in batches the API accepts', () => {
    const shown = Array.from({ length: 230 }, (_, i) => ({ id: `run_${i}` }));
    let selection = toggleAll(new Set(), shown);
    expect(selection.size).toBe(230);
    expect(retryBatches(selection, shown).map((b) => b.length)).toEqual([100, 100, 30]);
    selection = toggle(selection, 'run_5');
    expect(selection.has('run_5')).toBe(false);
    expect(toggleAll(selection, shown).size).toBe(230);
    expect(toggleAll(toggleAll(selection, shown), shown).size).toBe(0);
    expect(retryBatches(new Set(['run_9', 'run_2', 'gone']), shown)).toEqual([['run_2', 'run_9']]);
  });

  it('sums up what the retries did', () => {
    expect(
      retrySummary([
        { retried: [{ runId: 'b', retryOf: 'a' }], skipped: ['c'] },
        { retried: [{ runId: 'e', retryOf: 'd' }], skipped: [] },
      ]),
    ).toBe('Retried 2 runs. 1 was skipped (no longer a dead letter: retried or deleted).');
    expect(retrySummary([{ retried: [{ runId: 'b', retryOf: 'a' }], skipped: [] }])).toBe('Retried 1 run.');
  });

  it('counts rejected webhooks by reason, most frequent first', () => {
    const at = '2026-11-30T06:00:00Z';
    const items = [
      { flowId: 'f', reason: 'bad_signature', status: 401, at },
      { flowId: 'f', reason: 'hook_not_found', status: 404, at },
      { flowId: 'g', reason: 'bad_signature', status: 401, at },
    ];
    expect(rejectionReasons(items)).toEqual([
      { reason: 'bad_signature', count: 2 },
      { reason: 'hook_not_found', count: 1 },
    ]);
  });
});
