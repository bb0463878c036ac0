// The flows table: name and active version (and a warning when the flow uses an unhealthy connection), trigger,
// status, last run, last change, and row actions.
import type { FlowSummary } from '../../api/types.js';
import { Button } from '../../ui/button.js';
import { Link } from '../../ui/link.js';
import { relativeTime, StatusBadge } from '../../ui/status.js';
import { Table } from '../../ui/table.js';

const COLUMNS = [
  { label: 'Name' },
  { label: 'Trigger' },
  { label: 'Status' },
  { label: 'Last run' },
  { label: 'Updated' },
  { label: 'Actions', hidden: true },
];

function FlowHealthIcon({ health, flowId }: { health: { status: string; text: string } | undefined; flowId: string }) {
  if (!health) return null;
  return (
    <span
      className={`flow-health-icon ${health.status}`}
      role="img"
      title={health.text}
      aria-label={health.text}
      data-testid={`flow-health-${flowId}`}
      data-health={health.status}
    >
      ⚠
    </span>
  );
}

function triggerLabel(trigger: FlowSummary['trigger']): string {
  return trigger.replace(/@\d+$/, '');
}

export function FlowsTable({
  flows,
  healthOf,
  onDuplicate,
  onExport,
  onDelete,
}: {
  flows: FlowSummary[];
  healthOf?: (flow: FlowSummary) => { status: 'degraded' | 'down'; text: string } | undefined;
  onDuplicate: (flow: FlowSummary) => void;
  onExport: (flow: FlowSummary) => void;
  onDelete: (flow: FlowSummary) => void;
}) {
  return (
    <Table columns={COLUMNS} testId="flows-table">
      {flows.map((flow) => (
        <tr key={flow.id} data-testid={`flow-row-${flow.id}`}>
          <td>
            <Link to={`/flows/${encodeURIComponent(flow.id)}`} className="strong">
              {flow.name}
            </Link>
            {flow.activeVersion ? <span className="muted small"> · v{flow.activeVersion}</span> : null}
            <FlowHealthIcon health={healthOf?.(flow)} flowId={flow.id} />
          </td>
          <td className="muted">{triggerLabel(flow.trigger)}</td>
          <td>
            <StatusBadge status={flow.active ? 'active' : 'inactive'} />
          </td>
          <td>
            {flow.lastRun ? (
              <Link to={`/runs/${encodeURIComponent(flow.lastRun.id)}`}>
                <StatusBadge status={flow.lastRun.status} />{' '}
                <span className="muted small">{relativeTime(flow.lastRun.createdAt)}</span>
              </Link>
            ) : (
              <span className="muted">No runs</span>
            )}
          </td>
          <td className="muted">{relativeTime(flow.updatedAt)}</td>
          <td className="row-actions">
            <Button
              variant="ghost"
              size="small"
              onClick={() => onDuplicate(flow)}
              aria-label={`Duplicate ${flow.name}`}
            >
              Duplicate
            </Button>
            <Button variant="ghost" size="small" onClick={() => onExport(flow)} aria-label={`Export ${flow.name}`}>
              Export
            </Button>
            <Button
              variant="ghost-danger"
              size="small"
              onClick={() => onDelete(flow)}
              aria-label={`Delete ${flow.name}`}
            >
              Delete
            </Button>
          </td>
        </tr>
      ))}
    </Table>
  );
}
