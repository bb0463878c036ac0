// Inviting a user: email and role, then the single-use link, shown once with its expiry and a Copy button (the
// server keeps only a digest of the token, so it cannot be shown again).
import { useSubmission } from '../../hooks/use-submission.js';
import { useState, type FormEvent } from 'react';
import type { CreatedInvite } from '../../api/team-types.js';
import { expiryText, inviteLink, ROLE_HINTS, ROLES, type Role } from '../../model/team.js';
import { Button } from '../../ui/button.js';
import { CopyField } from '../../ui/copy-field.js';
import { Dialog, SubmitActions } from '../../ui/dialog.js';
import { Field } from '../../ui/field.js';
import { FormError } from '../../ui/form-error.js';

export function InviteDialog({
  open,
  onInvite,
  onClose,
}: {
  open: boolean;
  onInvite: (email: string, role: Role) => Promise<CreatedInvite>;
  onClose: () => void;
}) {
  const [email, setEmail] = useState('');
  const [role, setRole] = useState<Role>('editor');
  const { state, submit: create, reset } = useSubmission<CreatedInvite>();

  function close() {
    setEmail('');
    setRole('editor');
    reset();
    onClose();
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    await create(() => onInvite(email.trim(), role));
  }

  const created = state.created;
  return (
    <Dialog open={open} title={created ? 'Invite link' : 'Invite a user'} onClose={close} testId="invite-dialog">
      {created ? (
        <>
          <div className="dialog-body">
            Send this link to {created.invite.email}. It works once and{' '}
            {expiryText(created.invite.expiresAt, Date.now())}; it will not be shown again.
          </div>
          <CopyField label="Invite link" value={inviteLink(created, window.location.origin)} testId="invite-link" />
          <div className="dialog-actions">
            <Button variant="primary" onClick={close}>
              Done
            </Button>
          </div>
        </>
      ) : (
        <form onSubmit={(e) => void submit(e)}>
          <Field label="Email">
            <input
              className="input"
              type="email"
              required
              autoFocus
              value={email}
              onChange={(e) => setEmail(e.target.value)}
            />
          </Field>
          <Field label="Role">
            <select className="input" value={role} onChange={(e) => setRole(e.target.value as Role)}>
              {ROLES.map((r) => (
                <option key={r} value={r}>
                  {r} — {ROLE_HINTS[r]}
                </option>
              ))}
            </select>
          </Field>
          <FormError message={state.error} />
          <SubmitActions onCancel={close} busy={state.busy} label="Create invite link" busyLabel="Inviting…" />
        </form>
      )}
    </Dialog>
  );
}
