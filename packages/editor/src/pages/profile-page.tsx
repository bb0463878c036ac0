// The signed-in user's own page (every role): who they are, changing their password, and their API tokens.
import { useState } from 'react';
import { call, errorMessage } from '../api/client.js';
import type { ApiToken } from '../api/team-types.js';
import { useSession } from '../app/session.js';
import { rolesUpTo } from '../model/team.js';
import { Button } from '../ui/button.js';
import { ConfirmDialog } from '../ui/dialog.js';
import { Field } from '../ui/field.js';
import { Notice, PageHeader } from '../ui/page.js';
import { EmptyState, ErrorNote, relativeTime, Spinner } from '../ui/status.js';
import { Table } from '../ui/table.js';
import { TokenDialog } from './profile/token-dialog.js';
import { useTokens } from './profile/use-tokens.js';
import { NewPasswordForm } from './users/new-password-form.js';
import '../styles/teams.css';

export function ProfilePage() {
  const { user } = useSession();
  const tokens = useTokens();
  const [creating, setCreating] = useState(false);
  const [deleting, setDeleting] = useState<ApiToken>();
  const [current, setCurrent] = useState('');
  const [changed, setChanged] = useState(false);

  async function changePassword(newPassword: string): Promise<string | undefined> {
    setChanged(false);
    try {
      await call('changePassword', { body: { currentPassword: current, newPassword } });
      setCurrent('');
      setChanged(true);
      return undefined;
    } catch (e) {
      return errorMessage(e);
    }
  }

  return (
    <main className="page narrow">
      <PageHeader
        title="Your profile"
        subtitle={
          <span data-testid="profile-who">
            {user?.email} · {user?.role}
          </span>
        }
      />

      <section className="section" aria-labelledby="password-title">
        <h2 id="password-title">Password</h2>
        {changed ? <Notice message="Your password is changed. Your other sessions were signed out." /> : null}
        <NewPasswordForm
          className="stack-form"
          ariaLabel="Change your password"
          submitLabel="Change password"
          busyLabel="Changing…"
          onSubmit={changePassword}
        >
          <Field label="Current password">
            <input
              className="input"
              type="password"
              autoComplete="current-password"
              required
              value={current}
              onChange={(e) => setCurrent(e.target.value)}
            />
          </Field>
        </NewPasswordForm>
      </section>

      <section className="section" aria-labelledby="tokens-title">
        <div className="section-header">
          <h2 id="tokens-title">API tokens</h2>
          <Button onClick={() => setCreating(true)}>Create token</Button>
        </div>
        <p className="muted small">
          Tokens let programs (the weft CLI, scripts) call the API as you, with the role you give them.
        </p>
        <ErrorNote error={tokens.error} onRetry={tokens.reload} />
        <Notice message={tokens.notice} />
        {!tokens.items && !tokens.error ? <Spinner label="Loading tokens" /> : null}
        {tokens.items && !tokens.items.length ? <EmptyState title="No API tokens" /> : null}
        {tokens.items?.length ? (
          <Table
            testId="tokens-table"
            columns={[
              { label: 'Name' },
              { label: 'Role' },
              { label: 'Created' },
              { label: 'Last used' },
              { label: 'Actions', hidden: true },
            ]}
          >
            {tokens.items.map((token) => (
              <tr key={token.id}>
                <td>{token.name}</td>
                <td>{token.role}</td>
                <td>{relativeTime(token.createdAt)}</td>
                <td>{relativeTime(token.lastUsedAt)}</td>
                <td className="row-actions">
                  <Button size="small" variant="ghost-danger" onClick={() => setDeleting(token)}>
                    Delete
                  </Button>
                </td>
              </tr>
            ))}
          </Table>
        ) : null}
      </section>

      <TokenDialog
        open={creating}
        roles={rolesUpTo(user?.role)}
        onCreate={tokens.create}
        onClose={() => setCreating(false)}
      />
      <ConfirmDialog
        open={deleting !== undefined}
        title="Delete token?"
        message={<>Programs using “{deleting?.name}” are refused from now on.</>}
        confirmLabel="Delete token"
        danger
        onConfirm={() => {
          setDeleting(undefined);
          if (deleting) void tokens.remove(deleting);
        }}
        onCancel={() => setDeleting(undefined)}
      />
    </main>
  );
}
