// The signing secret of a signed webhook trigger: typed once, stored encrypted in the vault as the trigger's
// connection, never shown again (it can be replaced).
import { useState, type FormEvent } from 'react';
import { call, errorMessage } from '../api/client.js';
import type { Problem } from '../model/problems.js';
import { signingSecretCredential, type TriggerSetup } from '../model/trigger-setup.js';
import { Button } from '../ui/button.js';
import { FormError } from '../ui/form-error.js';

export function SigningSecret({
  setup,
  stored,
  problems,
  onSaved,
}: {
  setup: TriggerSetup;
  stored: boolean;
  problems: Problem[];
  onSaved(credentialId: string): void;
}) {
  const [editing, setEditing] = useState(!stored);
  const [secret, setSecret] = useState('');
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const label = setup.secret?.label ?? 'Signing secret';

  async function save(event: FormEvent) {
    event.preventDefault();
    if (!secret.trim()) return setError(`${label} is required.`);
    setBusy(true);
    setError(undefined);
    try {
      const saved = await call('createCredential', { body: signingSecretCredential(setup, secret) });
      onSaved(saved.id);
      setSecret('');
      setEditing(false);
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="panel-section" aria-labelledby="secret-title" data-testid="signing-secret">
      <h3 id="secret-title">Signing secret</h3>
      {setup.secret?.instructions ? <p className="muted small">{setup.secret.instructions}</p> : null}
      {problems.length ? (
        <ul className="field-problems" data-testid="field-problems-credential">
          {problems.map((p, i) => (
            <li key={i}>{p.message}</li>
          ))}
        </ul>
      ) : null}
      {editing ? (
        <form className="inline-controls" onSubmit={(e) => void save(e)}>
          <input
            className="input"
            type="password"
            autoComplete="off"
            aria-label={label}
            placeholder={label}
            value={secret}
            onChange={(e) => setSecret(e.target.value)}
            data-testid="signing-secret-input"
          />
          <Button type="submit" size="small" variant="primary" disabled={busy} data-testid="save-signing-secret">
            {busy ? 'Saving…' : 'Save'}
          </Button>
        </form>
      ) : (
        <div className="inline-controls">
          <span className="form-ok">✓ Stored encrypted; deliveries are checked with it.</span>
          <Button size="small" onClick={() => setEditing(true)}>
            Replace
          </Button>
        </div>
      )}
      <FormError message={error} />
    </section>
  );
}
