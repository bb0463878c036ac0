// A connection's or connector's health as a badge, with its figures in the tooltip and for screen readers.
import { healthText, STATUS_LABEL, type HealthFigures } from '../../model/connection-health.js';

export function HealthBadge({
  health,
  windowMs,
  testId,
}: {
  health: HealthFigures | undefined;
  windowMs?: number;
  testId?: string;
}) {
  if (!health)
    return (
      <span className="badge" data-testid={testId} data-health="unknown" title="No requests in the window">
        <span className="badge-dot" aria-hidden="true" />
        No traffic
      </span>
    );
  const text = healthText(health, windowMs);
  return (
    <span
      className={`badge badge-health-${health.status}`}
      data-testid={testId}
      data-health={health.status}
      title={text}
      aria-label={`Health: ${text}`}
    >
      <span className="badge-dot" aria-hidden="true" />
      {STATUS_LABEL[health.status]}
      {health.requests > 0 && health.status !== 'healthy' ? (
        <span className="badge-figure"> · {Math.round(health.errorRate * 100)}%</span>
      ) : null}
    </span>
  );
}
