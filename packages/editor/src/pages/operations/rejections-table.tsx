// Webhook deliveries this server refused (the last 1000, newest first): flow, reason (a problem code), status;
// filtered by reason, the first hundred shown.
import { useState } from 'react';
import type { WebhookRejection } from '@weft/core/contract';
import { rejectionReasons } from '../../model/operations.js';
import { Field, Select } from '../../ui/field.js';
import { Link } from '../../ui/link.js';
import { formatTime, relativeTime } from '../../ui/status.js';
import { Table } from '../../ui/table.js';

const SHOWN = 100;
const COLUMNS = [{ label: 'When' }, { label: 'Flow' }, { label: 'Reason' }, { label: 'Status' }];

export function RejectionsTable({ items, flowName }: { items: WebhookRejection[]; flowName: (id: string) => string }) {
  const reasons = rejectionReasons(items);
  const [reason, setReason] = useState('');
  const matching = reason ? items.filter((item) => item.reason === reason) : items;
  return (
    <section className="ops-section" aria-labelledby="rejections-title" data-testid="rejections">
      <h2 id="rejections-title">Rejected webhooks</h2>
      <p className="muted small">
        Deliveries this server process refused, newest first (it keeps the last 1000; no headers or bodies).
        {matching.length > SHOWN ? ` Showing the newest ${SHOWN} of ${matching.length}.` : ''}
      </p>
      {reasons.length > 1 ? (
        <Field label="Reason" compact inline>
          <Select
            value={reason}
            placeholder={`Every reason (${items.length})`}
            options={reasons.map((r) => ({ value: r.reason, label: `${r.reason} (${r.count})` }))}
            onChange={setReason}
            testId="rejections-reason"
          />
        </Field>
      ) : null}
      {matching.length ? (
        <Table columns={COLUMNS} testId="rejections-table">
          {matching.slice(0, SHOWN).map((item, i) => (
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
