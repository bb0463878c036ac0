// The connections table: name, app, status, health over the last minutes, last use, and test / reconnect / delete.
import type { Credential } from '../../api/types.js';
import type { HealthFigures } from '../../model/connection-health.js';
import { HealthBadge } from '../health/health-badge.js';
import { Button } from '../../ui/button.js';
import { relativeTime, StatusBadge } from '../../ui/status.js';
import { Table } from '../../ui/table.js';

const COLUMNS = [
  { label: 'Name' },
  { label: 'App' },
  { label: 'Status' },
  { label: 'Health' },
  { label: 'Last used' },
  { label: 'Actions', hidden: true },
];

export function ConnectionsTable({
  items,
  appOf,
  healthOf,
  onTest,
  onReconnect,
  onDelete,
}: {
  items: Credential[];
  appOf: (credential: Credential) => string;
  healthOf: (credential: Credential) => HealthFigures | undefined;
  onTest: (credential: Credential) => void;
  onReconnect: (credential: Credential) => void;
  onDelete: (credential: Credential) => void;
}) {
  return (
    <Table columns={COLUMNS} testId="credentials-table">
      {items.map((c) => (
        <tr key={c.id} data-testid={`credential-row-${c.id}`}>
          <td className="strong">{c.name}</td>
          <td>{appOf(c)}</td>
          <td>
            <StatusBadge status={c.status} />
          </td>
          <td>
            <HealthBadge health={healthOf(c)} testId={`health-${c.id}`} />
          </td>
          <td className="muted">{relativeTime(c.lastUsedAt)}</td>
          <td className="row-actions">
            <Button variant="ghost" size="small" onClick={() => onTest(c)} aria-label={`Test ${c.name}`}>
              Test
            </Button>
            <Button
              variant={c.status === 'connected' ? 'ghost' : 'primary'}
              size="small"
              onClick={() => onReconnect(c)}
              aria-label={`Reconnect ${c.name}`}
            >
              Reconnect
            </Button>
            <Button variant="ghost-danger" size="small" onClick={() => onDelete(c)} aria-label={`Delete ${c.name}`}>
              Delete
            </Button>
          </td>
        </tr>
      ))}
    </Table>
  );
}
