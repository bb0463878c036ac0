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

function Subject({ notice }: { notice: AlertNoticeDto }) {
  const to = noticeLink(notice);
  const text = noticeSubject(notice);
  return to ? <Link to={to}>{text}</Link> : <>{text}</>;
}

export function FiringList({ firing }: { firing: AlertNoticeDto[] }) {
  if (!firing.length)
    return (
      <p className="muted" data-testid="alerts-firing-none">
        No alert is firing.
      </p>
    );
  return (
    <ul className="firing-list" data-testid="alerts-firing" aria-label="Firing now">
      {firing.map((notice) => (
        <li key={`${notice.ruleId}|${notice.subject}`} data-testid={`firing-${notice.ruleId}`}>
          <strong>{ALERT_KINDS[notice.kind].title}</strong> · <Subject notice={notice} /> · {notice.message}{' '}
          <span className="small">(since {relativeTime(notice.at)})</span>
        </li>
      ))}
    </ul>
  );
}

export function HistoryTable({ items }: { items: AlertNoticeDto[] }) {
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
          <td className="muted" title={formatTime(notice.at)}>
            {relativeTime(notice.at)}
          </td>
          <td>{ALERT_KINDS[notice.kind].title}</td>
          <td>
            <Subject notice={notice} />
          </td>
          <td>{noticeValue(notice)}</td>
          <td className="small">{notice.message}</td>
        </tr>
      ))}
    </Table>
  );
}
