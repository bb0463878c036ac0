// The run history's data: the first page of runs for the filters, further pages by cursor, and the flows list
// (for the flow filter and the flow names in the table).
import { useCallback, useEffect, useState } from 'react';
import { RUN_STATUSES } from '@weft/core/contract';
import { call, errorMessage } from '../../api/client.js';
import type { FlowSummary, RunSummary } from '../../api/types.js';
import type { RunFilters } from './runs-filters.js';

const PAGE_SIZE = 25;

export interface RunList {
  flows: FlowSummary[];
  runs: RunSummary[] | undefined;
  error: string | undefined;
  hasMore: boolean;
  loadingMore: boolean;
  reload(): void;
  more(): Promise<void>;
}

interface Loaded {
  runs: RunSummary[] | undefined;
  cursor: string | null | undefined;
  error: string | undefined;
  loadingMore: boolean;
}

/** `showTests`: include test runs (of the draft), which the server leaves out by default. */
export function useRunList(filters: RunFilters, showTests = false): RunList {
  const key = JSON.stringify({ ...filters, tests: showTests });
  const [flows, setFlows] = useState<FlowSummary[]>([]);
  const [state, setState] = useState<Loaded>({
    runs: undefined,
    cursor: undefined,
    error: undefined,
    loadingMore: false,
  });

  useEffect(() => {
    call('listFlows')
      .then((b) => setFlows(b.items))
      .catch(() => undefined);
  }, []);

  const fetchPage = useCallback(
    (after?: string) => {
      const { flow, status, since, until, tests } = JSON.parse(key) as RunFilters & { tests: boolean };
      // An empty filter is left out of the query, as is a status the server does not know.
      const known = RUN_STATUSES.find((s) => s === status);
      return call('listRuns', {
        query: { flow, status: known, since, until, cursor: after, limit: PAGE_SIZE, tests: tests ? '1' : undefined },
      });
    },
    [key],
  );

  const reload = useCallback(() => {
    setState({ runs: undefined, cursor: undefined, error: undefined, loadingMore: false });
    fetchPage()
      .then((page) => setState((s) => ({ ...s, runs: page.items, cursor: page.nextCursor ?? null })))
      .catch((e: unknown) => setState((s) => ({ ...s, error: errorMessage(e) })));
  }, [fetchPage]);
  useEffect(reload, [reload]);

  const more = async () => {
    if (!state.cursor) return;
    setState((s) => ({ ...s, loadingMore: true }));
    try {
      const page = await fetchPage(state.cursor);
      setState((s) => ({ ...s, runs: [...(s.runs ?? []), ...page.items], cursor: page.nextCursor ?? null }));
    } catch (e) {
      setState((s) => ({ ...s, error: errorMessage(e) }));
    } finally {
      setState((s) => ({ ...s, loadingMore: false }));
    }
  };

  return {
    flows,
    runs: state.runs,
    error: state.error,
    hasMore: !!state.cursor,
    loadingMore: state.loadingMore,
    reload,
    more,
  };
}
