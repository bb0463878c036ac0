// Sign-in: single sign-on buttons when the server has a provider (GET /api/auth/sso), and the password form unless
// the server closed it; posts the credentials, stores the user in the session and goes back to the page that asked
// for a sign-in (`?next=`, same-origin paths only). What to show is model/sign-in-options.ts; the form itself is
// pages/login/login-form.tsx.
import { useEffect, useState } from 'react';
import { call, errorMessage } from '../api/client.js';
import { navigate } from '../app/router.js';
import { useSession } from '../app/session.js';
import { safeNext, signInView, type SsoOptions } from '../model/sign-in-options.js';
import { LoginForm, type Credentials } from './login/login-form.js';

export function LoginPage() {
  const { setUser } = useSession();
  const [options, setOptions] = useState<SsoOptions>();

  useEffect(() => {
    let live = true;
    call('ssoOptions', {}, { quiet401: true })
      .then((body) => live && setOptions(body))
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, []);

  async function signIn(credentials: Credentials): Promise<string | undefined> {
    try {
      const body = await call('login', { body: credentials });
      setUser(body.user);
      navigate(safeNext(new URLSearchParams(location.search).get('next')) ?? '/', { replace: true, force: true });
      return undefined;
    } catch (e) {
      return errorMessage(e);
    }
  }

  const view = signInView(options, location.search);
  const above = (
    <>
      {view.error ? (
        <p className="form-error" role="alert" data-testid="sso-error">
          {view.error}
        </p>
      ) : null}
      {view.providers.map((provider) => (
        <a
          key={provider.href}
          className="button primary block sso-button"
          href={provider.href}
          data-testid="sso-sign-in"
        >
          Sign in with {provider.label}
        </a>
      ))}
      {view.providers.length > 0 && view.showPassword ? <p className="login-or">or with a password</p> : null}
      {view.showPassword ? null : <p className="login-note">Password sign-in is turned off on this server.</p>}
    </>
  );

  return (
    <main className="login">
      <LoginForm onSubmit={signIn} above={above} showFields={view.showPassword} />
    </main>
  );
}
