// Run history: filter by flow, status and time; cursor pagination; open a run. Filters live in the URL.
import { useCallback, useEffect, useState } from 'react';
import { api, errorMessage, query } from '../api/client.js';
import { toTime, type FlowSummary, type Page, type RunSummary } from '../api/types.js';
import { navigate, useLocation } from '../app/router.js';
import { formatDuration } from '../model/waterfall.js';
import { Link } from '../ui/link.js';
import { EmptyState, ErrorNote, formatTime, Spinner, StatusBadge } from '../ui/status.js';

const STATUSES = ['queued', 'running', 'succeeded', 'failed', 'cancelled'];
const PAGE_SIZE = 25;

function toInputTime(iso: string | null): string {
  if (!iso) return '';
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) return '';
  const d = new Date(ms - new Date(ms).getTimezoneOffset() * 60_000);
  return d.toISOString().slice(0, 16);
}

export function RunsPage() {
  const { search } = useLocation();
  const filters = {
    flow: search.get('flow') ?? '',
    status: search.get('status') ?? '',
    since: search.get('since') ?? '',
    until: search.get('until') ?? '',
  };
  const key = JSON.stringify(filters);
  const [flows, setFlows] = useState<FlowSummary[]>([]);
  const [runs, setRuns] = useState<RunSummary[]>();
  const [cursor, setCursor] = useState<string | null>();
  const [error, setError] = useState<string>();
  const [loadingMore, setLoadingMore] = useState(false);

  useEffect(() => {
    api
      .get<{ items: FlowSummary[] }>('/api/flows')
      .then((b) => setFlows(b.items))
      .catch(() => undefined);
  }, []);

  const fetchPage = useCallback(
    (after?: string) =>
      api.get<Page<RunSummary>>(`/api/runs${query({ ...JSON.parse(key), cursor: after, limit: PAGE_SIZE })}`),
    [key],
  );

  const load = useCallback(() => {
    setRuns(undefined);
    setError(undefined);
    fetchPage()
      .then((page) => {
        setRuns(page.items);
        setCursor(page.nextCursor ?? null);
      })
      .catch((e: unknown) => setError(errorMessage(e)));
  }, [fetchPage]);
  useEffect(load, [load]);

  const more = async () => {
    if (!cursor) return;
    setLoadingMore(true);
    try {
      const page = await fetchPage(cursor);
      setRuns((r) => [...(r ?? []), ...page.items]);
      setCursor(page.nextCursor ?? null);
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setLoadingMore(false);
    }
  };

  const setFilter = (name: keyof typeof filters, value: string) => {
    const next = new URLSearchParams(search);
    if (value) next.set(name, value);
    else next.delete(name);
    const text = next.toString();
    navigate(`/runs${text ? `?${text}` : ''}`, { replace: true });
  };

  const flowName = (id: string) => flows.find((f) => f.id === id)?.name ?? id;

  return (
    <main className="page">
      <div className="page-header">
        <h1>Runs</h1>
        <button type="button" className="button" onClick={load}>
          Refresh
        </button>
      </div>
      <form className="filters" aria-label="Filter runs" onSubmit={(e) => e.preventDefault()}>
        <label className="field compact">
          <span className="field-label">Flow</span>
          <select
            className="input"
            value={filters.flow}
            onChange={(e) => setFilter('flow', e.target.value)}
            data-testid="filter-flow"
          >
            <option value="">All flows</option>
            {flows.map((f) => (
              <option key={f.id} value={f.id}>
                {f.name}
              </option>
            ))}
          </select>
        </label>
        <label className="field compact">
          <span className="field-label">Status</span>
          <select
            className="input"
            value={filters.status}
            onChange={(e) => setFilter('status', e.target.value)}
            data-testid="filter-status"
          >
            <option value="">Any status</option>
            {STATUSES.map((s) => (
              <option key={s} value={s}>
                {s}
              </option>
            ))}
          </select>
        </label>
        <label className="field compact">
          <span className="field-label">From</span>
          <input
            className="input"
            type="datetime-local"
            value={toInputTime(filters.since)}
            onChange={(e) => setFilter('since', e.target.value ? new Date(e.target.value).toISOString() : '')}
          />
        </label>
        <label className="field compact">
          <span className="field-label">To</span>
          <input
            className="input"
            type="datetime-local"
            value={toInputTime(filters.until)}
            onChange={(e) => setFilter('until', e.target.value ? new Date(e.target.value).toISOString() : '')}
          />
        </label>
      </form>
      <ErrorNote error={error} onRetry={load} />
      {!runs && !error ? <Spinner label="Loading runs" /> : null}
      {runs && !runs.length ? (
        <EmptyState title="No runs">
          {Object.values(filters).some(Boolean)
            ? 'No run matches these filters.'
            : 'Runs appear here when a flow is tested or its trigger fires.'}
        </EmptyState>
      ) : null}
      {runs?.length ? (
        <table className="table" data-testid="runs-table">
          <thead>
            <tr>
              <th scope="col">Status</th>
              <th scope="col">Flow</th>
              <th scope="col">Trigger</th>
              <th scope="col">Started</th>
              <th scope="col">Duration</th>
              <th scope="col">
                <span className="visually-hidden">Open</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {runs.map((run) => {
              const start = toTime(run.startedAt) ?? toTime(run.createdAt);
              const end = toTime(run.endedAt);
              return (
                <tr
                  key={run.id}
                  data-testid={`run-row-${run.id}`}
                  className="clickable"
                  onClick={() => navigate(`/runs/${encodeURIComponent(run.id)}`)}
                >
                  <td>
                    <StatusBadge status={run.status} />
                  </td>
                  <td>
                    {flowName(run.flowId)}
                    {run.flowVersion ? (
                      <span className="muted small"> · v{run.flowVersion}</span>
                    ) : (
                      <span className="muted small"> · draft</span>
                    )}
                  </td>
                  <td className="muted">{run.triggerKind}</td>
                  <td className="muted">{formatTime(start)}</td>
                  <td className="muted">{start && end ? formatDuration(end - start) : '—'}</td>
                  <td>
                    <Link
                      to={`/runs/${encodeURIComponent(run.id)}`}
                      onClick={(e) => e.stopPropagation()}
                      aria-label={`Open run ${run.id}`}
                    >
                      Open
                    </Link>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      ) : null}
      {cursor ? (
        <div className="center">
          <button
            type="button"
            className="button"
            onClick={() => void more()}
            disabled={loadingMore}
            data-testid="load-more"
          >
            {loadingMore ? 'Loading…' : 'Load more'}
          </button>
        </div>
      ) : null}
    </main>
  );
}
