// The audit log's data: the first page of entries for the filters (newest first), further pages by cursor, and
// the opened entry (from the loaded pages, else fetched by id, so a shared link to an entry opens it).
import { useCallback, useEffect, useState } from 'react';
import { call, errorMessage } from '../../api/client.js';
import type { AuditEntry } from '../../api/team-types.js';
import { auditFiltersProblem, auditQuery, type AuditFilters } from '../../model/audit-filters.js';

const PAGE_SIZE = 50;

export interface AuditLog {
  entries: AuditEntry[] | undefined;
  error: string | undefined;
  hasMore: boolean;
  loadingMore: boolean;
  opened: AuditEntry | undefined;
  reload(): void;
  more(): Promise<void>;
}

interface Loaded {
  entries: AuditEntry[] | undefined;
  cursor: string | null;
  error: string | undefined;
  loadingMore: boolean;
}

export function useAuditLog(filters: AuditFilters, entryId: string | undefined): AuditLog {
  const key = JSON.stringify(filters);
  const [state, setState] = useState<Loaded>({
    entries: undefined,
    cursor: null,
    error: undefined,
    loadingMore: false,
  });
  const [fetched, setFetched] = useState<AuditEntry>();

  const fetchPage = useCallback(
    (cursor?: string) =>
      call('listAudit', { query: auditQuery(JSON.parse(key) as AuditFilters, { cursor, limit: PAGE_SIZE }) }),
    [key],
  );

  const reload = useCallback(() => {
    const problem = auditFiltersProblem(JSON.parse(key) as AuditFilters);
    if (problem) return setState({ entries: [], cursor: null, error: problem, loadingMore: false });
    setState({ entries: undefined, cursor: null, error: undefined, loadingMore: false });
    fetchPage()
      .then((page) => setState((s) => ({ ...s, entries: page.items, cursor: page.nextCursor })))
      .catch((e: unknown) => setState((s) => ({ ...s, entries: [], error: errorMessage(e) })));
  }, [key, fetchPage]);
  useEffect(reload, [reload]);

  const inList = state.entries?.find((e) => e.id === entryId);
  useEffect(() => {
    if (!entryId || inList || state.entries === undefined) return;
    let live = true;
    call('getAuditEntry', { params: { id: entryId } })
      .then((entry) => live && setFetched(entry))
      .catch(() => live && setFetched(undefined));
    return () => {
      live = false;
    };
  }, [entryId, inList, state.entries]);

  return {
    entries: state.entries,
    error: state.error,
    hasMore: Boolean(state.cursor),
    loadingMore: state.loadingMore,
    opened: inList ?? (fetched?.id === entryId ? fetched : undefined),
    reload,
    async more() {
      if (!state.cursor) return;
      setState((s) => ({ ...s, loadingMore: true }));
      try {
        const page = await fetchPage(state.cursor);
        setState((s) => ({ ...s, entries: [...(s.entries ?? []), ...page.items], cursor: page.nextCursor }));
      } catch (e) {
        setState((s) => ({ ...s, error: errorMessage(e) }));
      } finally {
        setState((s) => ({ ...s, loadingMore: false }));
      }
    },
  };
}
