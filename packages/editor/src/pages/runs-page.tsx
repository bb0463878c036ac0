// Run history: filter by flow, status and time; cursor pagination; open a run. Filters live in the URL; the
// data comes from useRunList and the form and table are parts in pages/runs/.
import { navigate, useLocation } from '../app/router.js';
import { Button } from '../ui/button.js';
import { PageHeader } from '../ui/page.js';
import { EmptyState, ErrorNote, Spinner } from '../ui/status.js';
import { RunsFilters, type RunFilters } from './runs/runs-filters.js';
import { RunsTable } from './runs/runs-table.js';
import { useRunList } from './runs/use-run-list.js';

export function RunsPage() {
  const { search } = useLocation();
  const filters: RunFilters = {
    flow: search.get('flow') ?? '',
    status: search.get('status') ?? '',
    since: search.get('since') ?? '',
    until: search.get('until') ?? '',
  };
  const { flows, runs, error, hasMore, loadingMore, reload, more } = useRunList(filters);

  const setFilter = (name: keyof RunFilters, value: string) => {
    const next = new URLSearchParams(search);
    if (value) next.set(name, value);
    else next.delete(name);
    const text = next.toString();
    navigate(`/runs${text ? `?${text}` : ''}`, { replace: true });
  };
  const flowName = (id: string) => flows.find((f) => f.id === id)?.name ?? id;

  return (
    <main className="page">
      <PageHeader title="Runs" actions={<Button onClick={reload}>Refresh</Button>} />
      <RunsFilters filters={filters} flows={flows} onChange={setFilter} />
      <ErrorNote error={error} onRetry={reload} />
      {!runs && !error ? <Spinner label="Loading runs" /> : null}
      {runs && !runs.length ? (
        <EmptyState title="No runs">
          {Object.values(filters).some(Boolean)
            ? 'No run matches these filters.'
            : 'Runs appear here when a flow is tested or its trigger fires.'}
        </EmptyState>
      ) : null}
      {runs?.length ? <RunsTable runs={runs} flowName={flowName} /> : null}
      {hasMore ? (
        <div className="center">
          <Button onClick={() => void more()} disabled={loadingMore} testId="load-more">
            {loadingMore ? 'Loading…' : 'Load more'}
          </Button>
        </div>
      ) : null}
    </main>
  );
}
