// The warning on a node whose connection is degraded or down: a marker in the node's header whose tooltip (and
// accessible name) gives the status, the error rate and the breaker.
import { healthText, type NodeHealthWarning } from '../model/connection-health.js';

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
