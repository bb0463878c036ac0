import { describe, expect, it } from 'vitest';
import type { SyncLogDto } from '@weft/core/contract';
import { countsLine, outcomeOf, syncLogRows, syncNames } from './sync-logs.js';

const log = (patch: Partial<SyncLogDto> = {}): SyncLogDto => ({
  name: 'contacts',
  connector: 'sync',
  action: 'records',
  runId: 'run_1',
  mode: 'incremental',
  startedAt: '2026-01-01T00:00:00.000Z',
  finishedAt: '2026-01-01T00:00:01.500Z',
  complete: true,
  pages: 2,
  created: 1,
  updated: 2,
  deleted: 1,
  failed: 0,
  cursorBefore: '2024-06-01T00:06:00.000Z',
  cursorAfter: '2024-06-01T00:09:00.000Z',
  ...patch,
});

describe('sync log rows', () => {
  it('shows counts, cursors before and after, and the duration', () => {
    const [row] = syncLogRows([log()]);
    expect(row).toMatchObject({
      name: 'contacts',
      source: 'sync · records',
      outcome: 'complete',
      durationMs: 1500,
      counts: { created: 1, updated: 2, deleted: 1, failed: 0 },
      cursorBefore: '2024-06-01T00:06:00.000Z',
      cursorAfter: '2024-06-01T00:09:00.000Z',
      advanced: true,
    });
  });

  it('marks a first pass (no cursor before) and a pass that did not move the cursor', () => {
    const [first, still] = syncLogRows([
      log({ cursorBefore: undefined }),
      log({ mode: 'reconcile', cursorAfter: '2024-06-01T00:06:00.000Z' }),
    ]);
    expect(first).toMatchObject({ cursorBefore: '—', advanced: true });
    expect(still).toMatchObject({ mode: 'reconcile', advanced: false });
  });

  it('tells a failed pass from one stopped at its page limit', () => {
    expect(outcomeOf({ complete: false, error: 'API down' })).toBe('failed');
    expect(outcomeOf({ complete: false })).toBe('partial');
    expect(outcomeOf({ complete: true })).toBe('complete');
  });

  it('writes counts as a line, failures only when there were some', () => {
    expect(countsLine({ created: 3, updated: 0, deleted: 1, failed: 0 })).toBe('3 created · 1 deleted');
    expect(countsLine({ created: 0, updated: 0, deleted: 0, failed: 2 })).toBe('2 failed');
    expect(countsLine({ created: 0, updated: 0, deleted: 0, failed: 0 })).toBe('no changes');
  });

  it('lists sync names once, sorted, keeping the selected one', () => {
    expect(syncNames([{ name: 'b' }, { name: 'a' }, { name: 'b' }], 'z')).toEqual(['a', 'b', 'z']);
  });
});
