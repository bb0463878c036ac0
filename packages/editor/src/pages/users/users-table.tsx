// The users of the workspace: email, a role select, status, last sign-in, and the row's actions. Controls the last
// active owner cannot use are disabled with the reason; a change the server refused shows its detail on the row.
import type { UserRecord } from '../../api/team-types.js';
import { lastOwnerHint, ROLE_HINTS, ROLES, type Role } from '../../model/team.js';
import { Button } from '../../ui/button.js';
import { Table } from '../../ui/table.js';
import { relativeTime, StatusBadge } from '../../ui/status.js';

export interface UserActions {
  onRole(user: UserRecord, role: Role): void;
  onActive(user: UserRecord, active: boolean): void;
  onDelete(user: UserRecord): void;
  onReset(user: UserRecord): void;
}

export function UsersTable({
  users,
  me,
  refusals,
  actions,
}: {
  users: UserRecord[];
  me: string | undefined;
  refusals: Record<string, string>;
  actions: UserActions;
}) {
  return (
    <Table
      testId="users-table"
      columns={[
        { label: 'Email' },
        { label: 'Role' },
        { label: 'Status' },
        { label: 'Last sign-in' },
        { label: 'Actions', hidden: true },
      ]}
    >
      {users.map((user) => {
        const demote = lastOwnerHint(users, user, { kind: 'role', role: 'editor' });
        const deactivate = lastOwnerHint(users, user, { kind: 'deactivate' });
        const remove = lastOwnerHint(users, user, { kind: 'delete' });
        const refusal = refusals[user.id];
        return (
          <tr key={user.id} data-testid={`user-row-${user.email}`}>
            <td>
              {user.email}
              {user.id === me ? <span className="muted small"> (you)</span> : null}
              {refusal ? (
                <p className="form-error small" role="alert" data-testid="user-refusal">
                  {refusal}
                </p>
              ) : null}
            </td>
            <td>
              <select
                className="input"
                aria-label={`Role of ${user.email}`}
                value={user.role}
                title={demote}
                onChange={(e) => actions.onRole(user, e.target.value as Role)}
              >
                {ROLES.map((role) => (
                  <option key={role} value={role} disabled={role !== 'owner' && demote !== undefined}>
                    {role} — {ROLE_HINTS[role]}
                  </option>
                ))}
              </select>
            </td>
            <td>
              {user.status === 'active' ? (
                <StatusBadge status="active" />
              ) : (
                <span className="badge badge-deactivated" data-status="deactivated">
                  <span className="badge-dot" aria-hidden="true" />
                  Deactivated
                </span>
              )}
            </td>
            <td title={user.lastSignInAt ?? undefined}>
              {user.lastSignInAt ? relativeTime(user.lastSignInAt) : 'never'}
            </td>
            <td className="row-actions">
              <Button size="small" variant="ghost" onClick={() => actions.onReset(user)}>
                Reset password
              </Button>
              {user.status === 'active' ? (
                <Button
                  size="small"
                  variant="ghost"
                  disabled={deactivate !== undefined}
                  title={deactivate}
                  onClick={() => actions.onActive(user, false)}
                >
                  Deactivate
                </Button>
              ) : (
                <Button size="small" variant="ghost" onClick={() => actions.onActive(user, true)}>
                  Reactivate
                </Button>
              )}
              <Button
                size="small"
                variant="ghost-danger"
                disabled={remove !== undefined}
                title={remove}
                onClick={() => actions.onDelete(user)}
              >
                Delete
              </Button>
            </td>
          </tr>
        );
      })}
    </Table>
  );
}
