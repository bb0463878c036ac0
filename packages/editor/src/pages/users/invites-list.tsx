// Invites not yet used nor expired, each with its expiry and a Revoke button.
import type { Invite } from '../../api/team-types.js';
import { expiryText } from '../../model/team.js';
import { Button } from '../../ui/button.js';
import { Table } from '../../ui/table.js';

export function InvitesList({ invites, onRevoke }: { invites: Invite[]; onRevoke: (invite: Invite) => void }) {
  if (!invites.length) return null;
  return (
    <section className="section" aria-labelledby="invites-title">
      <h2 id="invites-title">Pending invites</h2>
      <Table
        testId="invites-table"
        columns={[{ label: 'Email' }, { label: 'Role' }, { label: 'Expires' }, { label: 'Actions', hidden: true }]}
      >
        {invites.map((invite) => (
          <tr key={invite.id} data-testid={`invite-row-${invite.email}`}>
            <td>{invite.email}</td>
            <td>{invite.role}</td>
            <td title={invite.expiresAt}>{expiryText(invite.expiresAt, Date.now())}</td>
            <td className="row-actions">
              <Button size="small" variant="ghost-danger" onClick={() => onRevoke(invite)}>
                Revoke
              </Button>
            </td>
          </tr>
        ))}
      </Table>
    </section>
  );
}
