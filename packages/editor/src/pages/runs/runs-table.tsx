// The run history table: status, flow and version, trigger, start, duration; a row opens its run.
import { toTime, type RunSummary } from '../../api/types.js';
import { navigate } from '../../app/router.js';
import { formatDuration } from '../../model/waterfall.js';
import { Link } from '../../ui/link.js';
import { formatTime, StatusBadge } from '../../ui/status.js';
import { Table } from '../../ui/table.js';
import { runDuration, shortRunId } from '../../model/run-labels.js';

const COLUMNS = [
  { label: 'Status' },
  { label: 'Flow' },
  { label: 'Trigger' },
  { label: 'Started' },
  { label: 'Duration' },
  { label: 'Open', hidden: true },
];

export function RunsTable({ runs, flowName }: { runs: RunSummary[]; flowName: (id: string) => string }) {
  return (
    <Table columns={COLUMNS} testId="runs-table">
      {runs.map((run) => {
        const start = toTime(run.startedAt) ?? toTime(run.createdAt);
        const took = runDuration({ startedAt: toTime(run.startedAt), endedAt: toTime(run.endedAt) });
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
              <span className="muted small"> · {run.flowVersion ? `v${run.flowVersion}` : 'draft'}</span>
              <span className="muted small mono" title={run.id}>
                {' '}
                · {shortRunId(run.id)}
              </span>
            </td>
            <td className="muted">{run.triggerKind}</td>
            <td className="muted">{formatTime(start)}</td>
            <td className="muted">{took !== undefined ? formatDuration(took) : '—'}</td>
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
    </Table>
  );
}
