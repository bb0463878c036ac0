// One run as the editor shows it: the stored run (REST, polled until it ends) and its live events (socket.io)
// merged by the one rule in model/run-merge.ts. The run page and the canvas's test runs both read runs here.
import { useCallback, useEffect, useMemo, useState } from 'react';
import { call, errorMessage } from '../api/client.js';
import { subscribe } from '../api/live.js';
import { toTime, type LogItem, type RunDetail } from '../api/types.js';
import { mergeRun } from '../model/run-merge.js';
import { applyRunEvent, emptyRun, isFinished, runViewFrom, type RunView } from '../model/run-state.js';

export interface RunState {
  /** Stored and live steps merged; `undefined` only without a run id. */
  view: RunView | undefined;
  detail: RunDetail | undefined;
  logs: LogItem[];
  error: { status?: number; message: string } | undefined;
  /** Reloads the stored run (e.g. after cancelling it). */
  refresh(): Promise<RunDetail | undefined>;
}

export interface UseRunOptions {
  /** Also load and follow the run's logs (the run page does; the canvas does not). */
  logs?: boolean;
  pollMs?: number;
}

interface Loaded {
  runId: string | undefined;
  live: RunView | undefined;
  stored: RunView | undefined;
  detail: RunDetail | undefined;
  logs: LogItem[];
  error: RunState['error'];
}

/** Steps the editor loads at most (the detail's first page, then more pages); larger runs show their beginning. */
export const MAX_STEPS_SHOWN = 2000;

/** The run with its further pages of steps, up to MAX_STEPS_SHOWN (the server sends the first page only). */
async function withMoreSteps(detail: RunDetail): Promise<RunDetail> {
  const steps = [...detail.steps];
  let cursor = detail.stepsCursor;
  while (cursor !== undefined && steps.length < MAX_STEPS_SHOWN) {
    const page = await call('runSteps', {
      params: { id: detail.id },
      query: { cursor, limit: Math.min(1000, MAX_STEPS_SHOWN - steps.length) },
    });
    steps.push(...page.items);
    cursor = page.nextCursor;
  }
  return { ...detail, steps };
}

const fresh = (runId: string | undefined): Loaded => ({
  runId,
  live: runId ? emptyRun(runId) : undefined,
  stored: undefined,
  detail: undefined,
  logs: [],
  error: undefined,
});

export function useRun(runId: string | undefined, { logs: withLogs = false, pollMs = 2000 }: UseRunOptions = {}) {
  const [loaded, setLoaded] = useState<Loaded>(() => fresh(runId));
  const state = loaded.runId === runId ? loaded : fresh(runId);
  const update = useCallback(
    (id: string, change: (old: Loaded) => Loaded) =>
      setLoaded((old) => {
        const base = old.runId === id ? old : fresh(id);
        return change(base);
      }),
    [],
  );

  const refresh = useCallback(async () => {
    if (!runId) return undefined;
    const params = { id: runId };
    try {
      const [first, logPage] = await Promise.all([
        call('getRun', { params }),
        withLogs ? call('runLogs', { params }).catch(() => undefined) : undefined,
      ]);
      const detail = await withMoreSteps(first);
      const stored = runViewFrom({
        ...detail,
        startedAt: toTime(detail.startedAt) ?? null,
        endedAt: toTime(detail.endedAt) ?? null,
      });
      update(runId, (old) => ({ ...old, detail, stored, logs: logPage?.items ?? old.logs, error: undefined }));
      return detail;
    } catch (e) {
      const error = { status: (e as { status?: number }).status, message: errorMessage(e) };
      update(runId, (old) => ({ ...old, error }));
      return undefined;
    }
  }, [runId, withLogs, update]);

  useEffect(() => {
    void refresh();
  }, [refresh]);

  const view = useMemo(
    () => (state.stored ? mergeRun(state.stored, state.live) : state.live),
    [state.stored, state.live],
  );
  const finished = view ? isFinished(view.status) && state.stored !== undefined : true;
  useEffect(() => {
    if (!runId || finished) return;
    const stop = subscribe({ runId }, (event) => {
      if (event.type === 'log') {
        const item: LogItem = {
          level: event.level,
          message: event.message,
          at: event.at,
          ...(event.stepKey === undefined ? {} : { stepKey: event.stepKey }),
        };
        update(runId, (old) => ({ ...old, logs: [...old.logs, item] }));
      } else update(runId, (old) => ({ ...old, live: applyRunEvent(old.live ?? emptyRun(runId), event) }));
      if (event.type === 'run.finished') void refresh();
    });
    const timer = setInterval(() => void refresh(), pollMs);
    return () => {
      stop();
      clearInterval(timer);
    };
  }, [runId, finished, refresh, update, pollMs]);

  return { view, detail: state.detail, logs: state.logs, error: state.error, refresh } satisfies RunState;
}
