// The warning on a node whose connection is degraded or down: a marker in the node's header whose tooltip (and
// accessible name) gives the status, the error rate and the breaker, and a line under the header saying it.
import { healthText, percent, type NodeHealthWarning } from '../model/connection-health.js';

export function NodeHealthMarker({ nodeId, warning }: { nodeId: string; warning: NodeHealthWarning }) {
  const text = `Connection ${warning.status === 'down' ? 'down' : 'degraded'}: ${healthText(warning)}`;
  return (
    <span
      className={`node-health node-health-${warning.status}`}
      role="img"
      title={text}
      aria-label={text}
      data-testid={`node-health-${nodeId}`}
      data-health={warning.status}
    >
      ⚠
    </span>
  );
}

export function NodeHealthLine({ nodeId, warning }: { nodeId: string; warning: NodeHealthWarning }) {
  const rate = warning.requests > 0 ? ` · ${percent(warning.errorRate)} errors` : '';
  const breaker = warning.breakerOpen ? ' · breaker open' : '';
  return (
    <div className={`flow-node-health flow-node-health-${warning.status}`} data-testid={`node-health-line-${nodeId}`}>
      ⚠ Connection {warning.status}
      {rate}
      {breaker}
    </div>
  );
}
