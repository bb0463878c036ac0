// The Users page's data and actions: users and pending invites, and each change an owner makes. A refused change
// (409 last_owner and the like) is kept with the user it concerns, so the page shows the server's detail inline,
// and the list is reloaded, since a refusal usually means the page was out of date.
import { useCallback, useEffect, useState } from 'react';
import { call, errorMessage } from '../../api/client.js';
import type { CreatedInvite, Invite, PasswordResetLink, UserRecord } from '../../api/team-types.js';
import type { Role } from '../../model/team.js';

export interface Team {
  users: UserRecord[] | undefined;
  invites: Invite[];
  error: string | undefined;
  notice: string | undefined;
  /** The server's refusal of the last change to a user, by user id. */
  refusals: Record<string, string>;
  reload(): void;
  invite(email: string, role: Role): Promise<CreatedInvite>;
  revokeInvite(invite: Invite): Promise<void>;
  changeRole(user: UserRecord, role: Role): Promise<void>;
  setActive(user: UserRecord, active: boolean): Promise<void>;
  remove(user: UserRecord): Promise<void>;
  resetLink(user: UserRecord): Promise<PasswordResetLink | undefined>;
}

export function useTeam(): Team {
  const [users, setUsers] = useState<UserRecord[]>();
  const [invites, setInvites] = useState<Invite[]>([]);
  const [message, setMessage] = useState<{ error?: string; notice?: string }>({});
  const [refusals, setRefusals] = useState<Record<string, string>>({});

  const reload = useCallback(() => {
    Promise.all([call('listUsers'), call('listInvites')])
      .then(([u, i]) => {
        setUsers(u.items);
        setInvites(i.items);
      })
      .catch((e: unknown) => setMessage({ error: errorMessage(e) }));
  }, []);
  useEffect(reload, [reload]);

  /** Runs a change to one user: a refusal is shown on that user's row, success as the page's notice. */
  async function change(user: UserRecord, run: () => Promise<unknown>, notice: string): Promise<boolean> {
    setRefusals(({ [user.id]: _, ...rest }) => rest);
    try {
      await run();
      setMessage({ notice });
      reload();
      return true;
    } catch (e) {
      setRefusals((all) => ({ ...all, [user.id]: errorMessage(e) }));
      // A refusal often means the page was stale (another owner changed something): show the current state.
      reload();
      return false;
    }
  }

  return {
    users,
    invites,
    error: message.error,
    notice: message.notice,
    refusals,
    reload,
    async invite(email, role) {
      const created = await call('createInvite', { body: { email, role } });
      setMessage({ notice: `Invited ${email}.` });
      reload();
      return created;
    },
    async revokeInvite(invite) {
      try {
        await call('revokeInvite', { params: { id: invite.id } });
        setMessage({ notice: `Revoked the invite of ${invite.email}.` });
      } catch (e) {
        setMessage({ error: errorMessage(e) });
      }
      reload();
    },
    async changeRole(user, role) {
      await change(
        user,
        () => call('changeRole', { params: { id: user.id }, body: { role } }),
        `${user.email}’s role is now ${role}.`,
      );
    },
    async setActive(user, active) {
      await change(
        user,
        () => call(active ? 'reactivateUser' : 'deactivateUser', { params: { id: user.id } }),
        active
          ? `${user.email} can sign in again.`
          : `Deactivated ${user.email}: their sessions and tokens are revoked.`,
      );
    },
    async remove(user) {
      await change(
        user,
        () => call('deleteUser', { params: { id: user.id } }),
        `Deleted ${user.email}. Their flows and connections stay with the workspace.`,
      );
    },
    async resetLink(user) {
      let link: PasswordResetLink | undefined;
      await change(
        user,
        async () => {
          link = await call('createPasswordReset', { params: { id: user.id } });
        },
        `Made a password reset link for ${user.email}.`,
      );
      return link;
    },
  };
}
