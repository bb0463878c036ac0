// Webhook deliveries this server refused (the last 1000, newest first): flow, reason (a problem code), status.
import type { WebhookRejection } from '@weft/core/contract';
import { rejectionReasons } from '../../model/operations.js';
import { Link } from '../../ui/link.js';
import { formatTime, relativeTime } from '../../ui/status.js';
import { Table } from '../../ui/table.js';

const COLUMNS = [{ label: 'When' }, { label: 'Flow' }, { label: 'Reason' }, { label: 'Status' }];

export function RejectionsTable({ items, flowName }: { items: WebhookRejection[]; flowName: (id: string) => string }) {
  const reasons = rejectionReasons(items);
  return (
    <section className="ops-section" aria-labelledby="rejections-title" data-testid="rejections">
      <h2 id="rejections-title">Rejected webhooks</h2>
      <p className="muted small">
        Deliveries this server process refused, newest first (it keeps the last 1000; no headers or bodies).
        {reasons.length ? ` By reason: ${reasons.map((r) => `${r.reason} ${r.count}`).join(', ')}.` : ''}
      </p>
      {items.length ? (
        <Table columns={COLUMNS} testId="rejections-table">
          {items.map((item, i) => (
            <tr key={`${item.at}|${i}`}>
              <td className="muted" title={formatTime(item.at)}>
                {relativeTime(item.at)}
              </td>
              <td>
                <Link to={`/flows/${encodeURIComponent(item.flowId)}`}>{flowName(item.flowId)}</Link>
              </td>
              <td className="mono small">{item.reason}</td>
              <td>{item.status}</td>
            </tr>
          ))}
        </Table>
      ) : (
        <p className="muted">No delivery was refused.</p>
      )}
    </section>
  );
}
