// The flow-level warning over the canvas: some steps use a connection that is degraded or down. Clicking it
// selects those steps; it links to the connections page for the figures.
import { flowHealthSummary, type NodeHealthWarning } from '../model/connection-health.js';
import { Link } from '../ui/link.js';

export function FlowHealthBanner({
  warnings,
  onSelect,
}: {
  warnings: ReadonlyMap<string, NodeHealthWarning>;
  onSelect: (nodeIds: string[]) => void;
}) {
  const summary = flowHealthSummary(warnings);
  if (!summary) return null;
  return (
    <div
      className={`flow-health flow-health-${summary.status}`}
      role="alert"
      data-testid="flow-health-banner"
      data-health={summary.status}
    >
      <span aria-hidden="true">⚠</span>
      <button type="button" className="link-button" onClick={() => onSelect(summary.nodeIds)}>
        {summary.text}
      </button>
      <Link to="/connections" className="small">
        Connections
      </Link>
    </div>
  );
}
