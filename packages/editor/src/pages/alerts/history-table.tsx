// The alert history: alerts firing now on top, then every notice (fired or resolved) newest first, with its
// rule, subject (linked to its flow or the connections page), value and message.
import type { AlertNoticeDto } from '@weft/core/contract';
import { ALERT_KINDS, noticeLink, noticeSubject, noticeValue } from '../../model/alert-rules.js';
import { Link } from '../../ui/link.js';
import { formatTime, relativeTime, StatusBadge } from '../../ui/status.js';
import { Table } from '../../ui/table.js';

const COLUMNS = [
  { label: 'State' },
  { label: 'When' },
  { label: 'Rule' },
  { label: 'Subject' },
  { label: 'Value' },
  { label: 'Details' },
];

type FlowName = (id: string) => string | undefined;

function Subject({ notice, flowName }: { notice: AlertNoticeDto; flowName: FlowName }) {
  const to = noticeLink(notice);
  const text = noticeSubject(notice, flowName);
  return to ? <Link to={to}>{text}</Link> : <>{text}</>;
}

export function FiringList({ firing, flowName }: { firing: AlertNoticeDto[]; flowName: FlowName }) {
  if (!firing.length)
    return (
      <p className="muted" data-testid="alerts-firing-none">
        No alert is firing.
      </p>
    );
  return (
    <ul className="firing-list" data-testid="alerts-firing" aria-label="Firing now">
      {firing.map((notice) => (
        <li key={`${notice.ruleId}|${notice.subject}`} data-testid={`firing-${notice.ruleId}`} title={notice.message}>
          <strong>{ALERT_KINDS[notice.kind].title}</strong> · <Subject notice={notice} flowName={flowName} /> ·{' '}
          {noticeValue(notice)}
          {ALERT_KINDS[notice.kind].measured
            ? ` (threshold ${ALERT_KINDS[notice.kind].value(notice.threshold)})`
            : ''}{' '}
          <span className="small">· since {relativeTime(notice.at)}</span>
        </li>
      ))}
    </ul>
  );
}

export function HistoryTable({ items, flowName }: { items: AlertNoticeDto[]; flowName: FlowName }) {
  return (
    <Table columns={COLUMNS} testId="alert-history">
      {items.map((notice, i) => (
        <tr
          key={`${notice.at}|${notice.ruleId}|${notice.subject}|${i}`}
          data-testid={`alert-${notice.ruleId}-${notice.state}`}
        >
          <td>
            <StatusBadge status={notice.state} />
          </td>
          <td className="muted nowrap" title={formatTime(notice.at)}>
            {relativeTime(notice.at)}
          </td>
          <td>{ALERT_KINDS[notice.kind].title}</td>
          <td>
            <Subject notice={notice} flowName={flowName} />
          </td>
          <td>{noticeValue(notice)}</td>
          <td className="small">{notice.message}</td>
        </tr>
      ))}
    </Table>
  );
}
