// Health per connector over the server's sliding window: status, requests, errors, error rate and breaker.
import type { ConnectorHealthReport } from '@weft/core/contract';
import { percent } from '../../model/connection-health.js';
import { Table } from '../../ui/table.js';
import { HealthBadge } from './health-badge.js';

const COLUMNS = [
  { label: 'Connector' },
  { label: 'Health' },
  { label: 'Requests' },
  { label: 'Errors' },
  { label: 'Error rate' },
  { label: 'Circuit breaker' },
];

export function ConnectorHealthTable({
  report,
  titleOf,
}: {
  report: ConnectorHealthReport;
  titleOf: (connector: string) => string;
}) {
  const items = report.items.filter((item) => item.requests > 0 || item.breakerOpen);
  const minutes = Math.round(report.windowMs / 60_000);
  return (
    <section className="ops-section" aria-labelledby="connector-health-title" data-testid="connector-health">
      <h2 id="connector-health-title">Connector health</h2>
      <p className="muted small">
        Requests of the last {minutes} minutes: healthy below {percent(report.thresholds.degraded)} errors, degraded
        below {percent(report.thresholds.down)}, down above or while a circuit breaker is open. Errors are 5xx answers,
        timeouts and network failures.
      </p>
      {items.length ? (
        <Table columns={COLUMNS} testId="connector-health-table">
          {items.map((item) => (
            <tr key={item.connector} data-testid={`connector-health-${item.connector}`}>
              <td className="strong">{titleOf(item.connector)}</td>
              <td>
                <HealthBadge
                  health={{ ...item, status: item.breakerOpen ? 'down' : item.status }}
                  windowMs={report.windowMs}
                  testId={`connector-health-badge-${item.connector}`}
                />
              </td>
              <td>{item.requests}</td>
              <td>{item.errors}</td>
              <td>{percent(item.errorRate)}</td>
              <td>{item.breakerOpen ? <span className="danger-text">Open</span> : 'Closed'}</td>
            </tr>
          ))}
        </Table>
      ) : (
        <p className="muted">No connector made a request in the last {minutes} minutes.</p>
      )}
    </section>
  );
}
