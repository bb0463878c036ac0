// Dead letters: runs that failed for good (their steps used up their retries) and were not retried, with their
// error; operators select some or all and retry them in bulk once the cause is fixed.
import type { DeadLetter } from '../../model/operations.js';
import { plainError } from '../../model/plain-error.js';
import { shortRunId } from '../../model/run-labels.js';
import { Button } from '../../ui/button.js';
import { Link } from '../../ui/link.js';
import { formatTime } from '../../ui/status.js';
import { Table } from '../../ui/table.js';

export function DeadLettersTable({
  items,
  selected,
  mayRetry,
  busy,
  hasMore,
  flowName,
  onSelect,
  onSelectAll,
  onRetry,
  onMore,
}: {
  items: DeadLetter[];
  selected: ReadonlySet<string>;
  mayRetry: boolean;
  busy: boolean;
  hasMore: boolean;
  flowName: (id: string) => string;
  onSelect: (id: string) => void;
  onSelectAll: () => void;
  onRetry: () => void;
  onMore: () => void;
}) {
  const all = items.length > 0 && items.every((run) => selected.has(run.id));
  const columns = [
    ...(mayRetry ? [{ label: 'Select', hidden: true }] : []),
    { label: 'Run' },
    { label: 'Flow' },
    { label: 'Failed' },
    { label: 'Error' },
  ];
  return (
    <section className="ops-section" aria-labelledby="dead-letters-title" data-testid="dead-letters">
      <div className="page-header">
        <h2 id="dead-letters-title">Dead letters</h2>
        {mayRetry && items.length ? (
          <div className="page-actions">
            <label className="small">
              <input type="checkbox" checked={all} onChange={onSelectAll} data-testid="dead-letters-select-all" />{' '}
              Select all shown
            </label>
            <Button
              variant="primary"
              size="small"
              disabled={busy || selected.size === 0}
              onClick={onRetry}
              testId="dead-letters-retry"
            >
              {selected.size ? `Retry ${selected.size} selected` : 'Retry selected'}
            </Button>
          </div>
        ) : null}
      </div>
      <p className="muted small">
        Runs whose steps used up their retries, newest first. A retry starts from the failed step with the same input; a
        retried run leaves this list.
      </p>
      {items.length ? (
        <Table columns={columns} testId="dead-letters-table">
          {items.map((run) => (
            <tr key={run.id} data-testid={`dead-letter-${run.id}`}>
              {mayRetry ? (
                <td className="select-cell">
                  <input
                    type="checkbox"
                    checked={selected.has(run.id)}
                    onChange={() => onSelect(run.id)}
                    aria-label={`Select run ${run.id}`}
                  />
                </td>
              ) : null}
              <td className="mono small">
                <Link to={`/runs/${encodeURIComponent(run.id)}`} title={run.id}>
                  {shortRunId(run.id)}
                </Link>
              </td>
              <td>{flowName(run.flowId)}</td>
              <td className="muted">{formatTime(run.endedAt ?? run.createdAt)}</td>
              <td className="danger-text small">{run.error ? plainError(run.error.message) : '—'}</td>
            </tr>
          ))}
        </Table>
      ) : (
        <p className="muted" data-testid="dead-letters-none">
          No dead letters: every failed run was retried, or none failed for good.
        </p>
      )}
      {hasMore ? (
        <Button variant="ghost" size="small" onClick={onMore}>
          Show more
        </Button>
      ) : null}
    </section>
  );
}
