// The audit log's entries, newest first: when, who, what (action and target), outcome and address. A row opens
// the entry's detail.
import type { AuditEntry } from '../../api/team-types.js';
import { actionLabel } from '../../model/audit-changes.js';
import { formatTime } from '../../ui/status.js';
import { Table } from '../../ui/table.js';

export function actorText(actor: AuditEntry['actor']): string {
  if (actor.email) return actor.type === 'token' ? `${actor.email} (API token)` : actor.email;
  return actor.type === 'system' ? 'Weft' : actor.type;
}

export function targetText(target: AuditEntry['target']): string {
  return `${target.type}${target.name ? ` “${target.name}”` : target.id ? ` ${target.id}` : ''}`;
}

export function AuditTable({
  entries,
  opened,
  onOpen,
}: {
  entries: AuditEntry[];
  opened: string | undefined;
  onOpen: (entry: AuditEntry) => void;
}) {
  return (
    <Table
      testId="audit-table"
      columns={[
        { label: 'When' },
        { label: 'Who' },
        { label: 'Action' },
        { label: 'Target' },
        { label: 'Outcome' },
        { label: 'Address' },
      ]}
    >
      {entries.map((entry) => (
        <tr
          key={entry.id}
          className={`clickable${entry.id === opened ? ' selected' : ''}`}
          data-testid="audit-row"
          data-action={entry.action}
          tabIndex={0}
          aria-selected={entry.id === opened}
          onClick={() => onOpen(entry)}
          onKeyDown={(e) => {
            if (e.key === 'Enter') onOpen(entry);
          }}
        >
          <td title={entry.at}>{formatTime(entry.at)}</td>
          <td>{actorText(entry.actor)}</td>
          <td title={entry.action}>{actionLabel(entry.action)}</td>
          <td>{targetText(entry.target)}</td>
          <td>
            <span className={`outcome outcome-${entry.outcome}`}>
              {entry.outcome === 'success' ? 'Done' : 'Refused'}
            </span>
          </td>
          <td className="mono small">{entry.ip ?? '—'}</td>
        </tr>
      ))}
    </Table>
  );
}
