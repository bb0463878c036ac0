// The Sync logs page as plain data: one row per sync pass with its outcome (complete, partial, failed), the
// counts in a line, the cursor before and after, and the sync names to filter by.
import type { SyncLogDto } from '@weft/core/contract';

export type SyncOutcome = 'complete' | 'partial' | 'failed';

export interface SyncLogRow {
  key: string;
  name: string;
  source: string;
  runId: string;
  mode: SyncLogDto['mode'];
  outcome: SyncOutcome;
  startedAt: string;
  durationMs: number | undefined;
  counts: { created: number; updated: number; deleted: number; failed: number };
  cursorBefore: string;
  cursorAfter: string;
  /** The cursor moved during this pass. */
  advanced: boolean;
  pages: number;
  error: string | undefined;
}

const NO_CURSOR = '—';

export function outcomeOf(log: Pick<SyncLogDto, 'error' | 'complete'>): SyncOutcome {
  if (log.error !== undefined) return 'failed';
  return log.complete ? 'complete' : 'partial';
}

export function syncLogRows(logs: readonly SyncLogDto[]): SyncLogRow[] {
  return logs.map((log, index) => {
    const took = Date.parse(log.finishedAt) - Date.parse(log.startedAt);
    return {
      key: `${log.runId}:${log.name}:${index}`,
      name: log.name,
      source: `${log.connector} · ${log.action}`,
      runId: log.runId,
      mode: log.mode,
      outcome: outcomeOf(log),
      startedAt: log.startedAt,
      durationMs: Number.isFinite(took) && took >= 0 ? took : undefined,
      counts: {
        created: log.created ?? 0,
        updated: log.updated ?? 0,
        deleted: log.deleted ?? 0,
        failed: log.failed ?? 0,
      },
      cursorBefore: log.cursorBefore ?? NO_CURSOR,
      cursorAfter: log.cursorAfter ?? NO_CURSOR,
      advanced: (log.cursorAfter ?? '') !== (log.cursorBefore ?? ''),
      pages: log.pages,
      error: log.error,
    };
  });
}

/** "3 created · 1 updated · 1 deleted", with failures only when there were some; "no changes" otherwise. */
export function countsLine(counts: SyncLogRow['counts']): string {
  const parts = (['created', 'updated', 'deleted'] as const)
    .filter((key) => counts[key] > 0)
    .map((key) => `${counts[key]} ${key}`);
  if (counts.failed > 0) parts.push(`${counts.failed} failed`);
  return parts.length ? parts.join(' · ') : 'no changes';
}

/** The sync names in the logs, plus the one filtered by (so the filter keeps showing it), sorted. */
export function syncNames(logs: readonly Pick<SyncLogDto, 'name'>[], selected = ''): string[] {
  const names = new Set(logs.map((log) => log.name));
  if (selected) names.add(selected);
  return [...names].sort((a, b) => a.localeCompare(b));
}
