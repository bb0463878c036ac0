// The timing waterfall of a run: one bar per step, placed on the run's time axis.
import type { StepView } from './run-state.js';

export interface WaterfallBar {
  key: string;
  nodeId: string;
  status: StepView['status'];
  /** Percent of the axis before the bar starts, and the bar's width in percent (at least a sliver). */
  offset: number;
  width: number;
  durationMs: number | undefined;
}

export function waterfall(
  steps: readonly StepView[],
  run: { startedAt?: number; endedAt?: number },
  now: number = Date.now(),
): { bars: WaterfallBar[]; totalMs: number } {
  if (!steps.length) return { bars: [], totalMs: 0 };
  // The run's own start: a retry's steps reused from the original run must not stretch its axis.
  const start = run.startedAt ?? Math.min(...steps.map((s) => s.startedAt));
  const end = Math.max(run.endedAt ?? 0, ...steps.map((s) => s.endedAt ?? now));
  const total = Math.max(1, end - start);
  const bars = [...steps]
    .sort((a, b) => a.startedAt - b.startedAt || a.key.localeCompare(b.key))
    .map((s) => {
      const stop = s.endedAt ?? now;
      return {
        key: s.key,
        nodeId: s.nodeId,
        status: s.status,
        offset: Math.max(0, ((s.startedAt - start) / total) * 100),
        width: Math.max(0.5, ((stop - s.startedAt) / total) * 100),
        durationMs: s.endedAt === undefined ? undefined : s.endedAt - s.startedAt,
      };
    });
  return { bars, totalMs: end - start };
}

export function formatDuration(ms: number | undefined): string {
  if (ms === undefined) return '…';
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(ms < 10_000 ? 2 : 1)} s`;
  const minutes = Math.floor(ms / 60_000);
  return `${minutes} min ${Math.round((ms % 60_000) / 1000)} s`;
}
