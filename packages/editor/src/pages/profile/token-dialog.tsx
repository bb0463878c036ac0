// Creating an API token: a name and a role up to one's own, then the secret, shown once with a Copy button.
import { useSubmission } from '../../hooks/use-submission.js';
import { useState, type FormEvent } from 'react';
import type { CreatedToken } from '../../api/team-types.js';
import type { Role } from '../../model/team.js';
import { Button } from '../../ui/button.js';
import { CopyField } from '../../ui/copy-field.js';
import { Dialog, SubmitActions } from '../../ui/dialog.js';
import { Field } from '../../ui/field.js';
import { FormError } from '../../ui/form-error.js';

export function TokenDialog({
  open,
  roles,
  onCreate,
  onClose,
}: {
  open: boolean;
  /** The roles a token may have: up to the user's own. */
  roles: readonly Role[];
  onCreate: (name: string, role: Role) => Promise<CreatedToken>;
  onClose: () => void;
}) {
  const [name, setName] = useState('');
  const [role, setRole] = useState<Role>(roles[0] ?? 'viewer');
  const { state, submit: create, reset } = useSubmission<CreatedToken>();

  function close() {
    setName('');
    reset();
    onClose();
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    await create(() => onCreate(name.trim(), role));
  }

  return (
    <Dialog
      open={open}
      title={state.created ? 'Your new token' : 'Create an API token'}
      onClose={close}
      testId="token-dialog"
    >
      {state.created ? (
        <>
          <div className="dialog-body">
            Copy the token now: it is not shown again. Send it as <code>Authorization: Bearer …</code>.
          </div>
          <CopyField label="Token" value={state.created.token} testId="token-secret" />
          <div className="dialog-actions">
            <Button variant="primary" onClick={close}>
              Done
            </Button>
          </div>
        </>
      ) : (
        <form onSubmit={(e) => void submit(e)}>
          <Field label="Token name">
            <input
              className="input"
              required
              maxLength={100}
              autoFocus
              value={name}
              onChange={(e) => setName(e.target.value)}
            />
          </Field>
          <Field label="Token role">
            <select className="input" value={role} onChange={(e) => setRole(e.target.value as Role)}>
              {roles.map((r) => (
                <option key={r} value={r}>
                  {r}
                </option>
              ))}
            </select>
          </Field>
          <FormError message={state.error} />
          <SubmitActions onCancel={close} busy={state.busy} label="Create token" busyLabel="Creating…" />
        </form>
      )}
    </Dialog>
  );
}
