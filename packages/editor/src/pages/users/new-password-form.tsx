// A new password typed twice, checked before it is sent (model/team.ts), with the server's refusal shown inline.
// Used by the invite and reset link pages and by the profile page.
import { useState, type FormEvent, type ReactNode } from 'react';
import { MIN_PASSWORD, passwordProblem } from '../../model/team.js';
import { Button } from '../../ui/button.js';
import { Field } from '../../ui/field.js';
import { FormError } from '../../ui/form-error.js';

export function NewPasswordForm({
  submitLabel,
  busyLabel,
  onSubmit,
  children,
  className,
  ariaLabel,
}: {
  submitLabel: string;
  busyLabel: string;
  /** Sends the password; answers the refusal to show, or undefined when it was taken. */
  onSubmit: (password: string) => Promise<string | undefined>;
  /** Fields shown above the new password (the current password on the profile page). */
  children?: ReactNode;
  className?: string;
  ariaLabel: string;
}) {
  const [password, setPassword] = useState('');
  const [confirmation, setConfirmation] = useState('');
  const [state, setState] = useState<{ busy?: boolean; error?: string }>({});

  async function submit(event: FormEvent) {
    event.preventDefault();
    const problem = passwordProblem(password, confirmation);
    if (problem) return setState({ error: problem });
    setState({ busy: true });
    const error = await onSubmit(password);
    setState({ error });
    if (!error) {
      setPassword('');
      setConfirmation('');
    }
  }

  return (
    <form className={className} onSubmit={(e) => void submit(e)} aria-label={ariaLabel}>
      {children}
      <Field label="New password">
        <input
          className="input"
          type="password"
          autoComplete="new-password"
          required
          minLength={MIN_PASSWORD}
          value={password}
          onChange={(e) => setPassword(e.target.value)}
        />
      </Field>
      <Field label="Repeat the new password">
        <input
          className="input"
          type="password"
          autoComplete="new-password"
          required
          value={confirmation}
          onChange={(e) => setConfirmation(e.target.value)}
        />
      </Field>
      <p className="muted small">At least {MIN_PASSWORD} characters.</p>
      <FormError message={state.error} />
      <Button type="submit" variant="primary" disabled={state.busy}>
        {state.busy ? busyLabel : submitLabel}
      </Button>
    </form>
  );
}
