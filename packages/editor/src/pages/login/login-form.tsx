// The sign-in form: email and password, the server's refusal shown inline, and the button disabled while the
// request is in flight. What happens after a sign-in is the page's business; so is what shows above the fields
// (single sign-on) and whether there are fields at all (password sign-in closed).
import { useState, type FormEvent, type ReactNode } from 'react';
import { Button } from '../../ui/button.js';
import { Field } from '../../ui/field.js';
import { FormError } from '../../ui/form-error.js';

export interface Credentials {
  email: string;
  password: string;
}

export function LoginForm({
  onSubmit,
  above,
  showFields = true,
}: {
  onSubmit: (credentials: Credentials) => Promise<string | undefined>;
  above?: ReactNode;
  showFields?: boolean;
}) {
  const [values, setValues] = useState<Credentials>({ email: '', password: '' });
  const [state, setState] = useState<{ busy: boolean; error?: string }>({ busy: false });

  async function submit(event: FormEvent) {
    event.preventDefault();
    setState({ busy: true });
    const error = await onSubmit(values);
    if (error) setState({ busy: false, error });
  }

  return (
    <form className="login-card" onSubmit={(e) => void submit(e)} aria-labelledby="login-title">
      <div className="brand large">
        <span className="brand-mark" aria-hidden="true" />
        Weft
      </div>
      <h1 id="login-title">Sign in</h1>
      {above}
      {showFields ? <PasswordFields values={values} setValues={setValues} state={state} /> : null}
    </form>
  );
}

function PasswordFields({
  values,
  setValues,
  state,
}: {
  values: Credentials;
  setValues: (update: (v: Credentials) => Credentials) => void;
  state: { busy: boolean; error?: string };
}) {
  return (
    <>
      <Field label="Email">
        <input
          type="email"
          autoComplete="username"
          required
          value={values.email}
          onChange={(e) => setValues((v) => ({ ...v, email: e.target.value }))}
          autoFocus
        />
      </Field>
      <Field label="Password">
        <input
          type="password"
          autoComplete="current-password"
          required
          value={values.password}
          onChange={(e) => setValues((v) => ({ ...v, password: e.target.value }))}
        />
      </Field>
      <FormError message={state.error} />
      <Button type="submit" variant="primary" className="block" disabled={state.busy}>
        {state.busy ? 'Signing in…' : 'Sign in'}
      </Button>
    </>
  );
}
