import { useState, type FormEvent } from 'react';
import { api, errorMessage } from '../api/client.js';
import type { User } from '../api/types.js';
import { navigate } from '../app/router.js';
import { useSession } from '../app/session.js';
import { Button } from '../ui/button.js';

export function LoginPage() {
  const { setUser } = useSession();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      const body = await api.post<{ user: User }>('/api/auth/login', { email, password });
      const next = new URLSearchParams(location.search).get('next');
      setUser(body.user);
      navigate(next && next.startsWith('/') && !next.startsWith('//') ? next : '/', { replace: true, force: true });
    } catch (e) {
      setError(errorMessage(e));
      setBusy(false);
    }
  }

  return (
    <main className="login">
      <form className="login-card" onSubmit={(e) => void submit(e)} aria-labelledby="login-title">
        <div className="brand large">
          <span className="brand-mark" aria-hidden="true" />
          Weft
        </div>
        <h1 id="login-title">Sign in</h1>
        <label className="field">
          <span className="field-label">Email</span>
          <input
            type="email"
            autoComplete="username"
            required
            value={email}
            onChange={(e) => setEmail(e.target.value)}
            autoFocus
          />
        </label>
        <label className="field">
          <span className="field-label">Password</span>
          <input
            type="password"
            autoComplete="current-password"
            required
            value={password}
            onChange={(e) => setPassword(e.target.value)}
          />
        </label>
        {error ? (
          <p className="form-error" role="alert">
            {error}
          </p>
        ) : null}
        <Button type="submit" variant="primary" className="block" disabled={busy}>
          {busy ? 'Signing in…' : 'Sign in'}
        </Button>
      </form>
    </main>
  );
}
