// Users (owners only): the workspace's users with their role, status and last sign-in, invites by link, password
// reset links, deactivation and deletion. Data and actions come from useTeam; the parts are in pages/users/.
import { useState } from 'react';
import type { PasswordResetLink, UserRecord } from '../api/team-types.js';
import { useSession } from '../app/session.js';
import { canSee } from '../model/team.js';
import { Button } from '../ui/button.js';
import { ConfirmDialog } from '../ui/dialog.js';
import { Notice, PageHeader } from '../ui/page.js';
import { EmptyState, ErrorNote, Spinner } from '../ui/status.js';
import { InviteDialog } from './users/invite-dialog.js';
import { InvitesList } from './users/invites-list.js';
import { ResetLinkDialog } from './users/reset-link-dialog.js';
import { useTeam } from './users/use-team.js';
import { UsersTable } from './users/users-table.js';
import '../styles/teams.css';

export function UsersPage() {
  const { user } = useSession();
  if (!canSee(user?.role, 'users'))
    return (
      <main className="page">
        <EmptyState title="Only owners manage users">
          Ask an owner of this workspace to change roles or invite people.
        </EmptyState>
      </main>
    );
  return <TeamPage me={user?.id} />;
}

function TeamPage({ me }: { me: string | undefined }) {
  const team = useTeam();
  const [inviting, setInviting] = useState(false);
  const [deleting, setDeleting] = useState<UserRecord>();
  const [reset, setReset] = useState<{ user: UserRecord; link: PasswordResetLink }>();

  return (
    <main className="page">
      <PageHeader
        title="Users"
        subtitle="Who can sign in to this workspace, and what they may do."
        actions={
          <Button variant="primary" onClick={() => setInviting(true)}>
            Invite user
          </Button>
        }
      />
      <ErrorNote error={team.error} onRetry={team.reload} />
      <Notice message={team.notice} />
      {!team.users && !team.error ? <Spinner label="Loading users" /> : null}
      {team.users ? (
        <UsersTable
          users={team.users}
          me={me}
          refusals={team.refusals}
          actions={{
            onRole: (u, role) => void team.changeRole(u, role),
            onActive: (u, active) => void team.setActive(u, active),
            onDelete: setDeleting,
            onReset: (u) =>
              void team.resetLink(u).then((link) => {
                if (link) setReset({ user: u, link });
              }),
          }}
        />
      ) : null}
      <InvitesList invites={team.invites} onRevoke={(invite) => void team.revokeInvite(invite)} />
      <InviteDialog open={inviting} onInvite={team.invite} onClose={() => setInviting(false)} />
      <ResetLinkDialog link={reset?.link} email={reset?.user.email ?? ''} onClose={() => setReset(undefined)} />
      <ConfirmDialog
        open={deleting !== undefined}
        title="Delete user?"
        message={
          <>
            {deleting?.email} will no longer be able to sign in; their sessions and API tokens end now. The flows and
            connections they made stay with the workspace.
          </>
        }
        confirmLabel="Delete user"
        danger
        onConfirm={() => {
          setDeleting(undefined);
          if (deleting) void team.remove(deleting);
        }}
        onCancel={() => setDeleting(undefined)}
      />
    </main>
  );
}
