// Run history: filter by flow, status and time (test runs left out by the server unless asked for); cursor pagination; open a run. Filters live in the URL; the
// data comes from useRunList and the form and table are parts in pages/runs/.
import { navigate, useLocation } from '../app/router.js';
import { Button } from '../ui/button.js';
import { PageHeader } from '../ui/page.js';
import { EmptyState, ErrorNote, Spinner } from '../ui/status.js';
import { RunsFilters, type RunFilters } from './runs/runs-filters.js';
import { RunsTable } from './runs/runs-table.js';
import { useRunList } from './runs/use-run-list.js';
import { visibleRuns } from '../model/run-history.js';

export function RunsPage() {
  const { search } = useLocation();
  const filters: RunFilters = {
    flow: search.get('flow') ?? '',
    status: search.get('status') ?? '',
    since: search.get('since') ?? '',
    until: search.get('until') ?? '',
  };
  const showTests = search.get('tests') === '1';
  const { flows, runs, error, hasMore, loadingMore, reload, more } = useRunList(filters, showTests);

  const setFilter = (name: keyof RunFilters, value: string) => {
    const next = new URLSearchParams(search);
    if (value) next.set(name, value);
    else next.delete(name);
    const text = next.toString();
    navigate(`/runs${text ? `?${text}` : ''}`, { replace: true });
  };
  const flowName = (id: string) => flows.find((f) => f.id === id)?.name ?? id;
  const visible = runs ? visibleRuns(runs, showTests) : undefined;
  const toggleTests = () => {
    const next = new URLSearchParams(search);
    if (showTests) next.delete('tests');
    else next.set('tests', '1');
    const text = next.toString();
    navigate(`/runs${text ? `?${text}` : ''}`, { replace: true });
  };

  return (
    <main className="page">
      <PageHeader title="Runs" actions={<Button onClick={reload}>Refresh</Button>} />
      <RunsFilters filters={filters} flows={flows} onChange={setFilter} />
      <ErrorNote error={error} onRetry={reload} />
      {!runs && !error ? <Spinner label="Loading runs" /> : null}
      <label className="inline-controls small muted">
        <input type="checkbox" checked={showTests} onChange={toggleTests} data-testid="show-test-runs" />
        Show test runs{visible?.hiddenTests ? ` (${visible.hiddenTests} hidden)` : ''}
      </label>
      {visible && !visible.shown.length ? (
        <EmptyState title="No runs">
          {visible?.hiddenTests
            ? 'Only test runs so far: tick “Show test runs” to see them.'
            : Object.values(filters).some(Boolean)
              ? 'No run matches these filters.'
              : showTests
                ? 'Runs appear here when a flow’s trigger fires or a flow is tested.'
                : 'Runs appear here when a flow’s trigger fires; tick “Show test runs” for the editor’s tests.'}
        </EmptyState>
      ) : null}
      {visible?.shown.length ? <RunsTable runs={visible.shown} flowName={flowName} /> : null}
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
