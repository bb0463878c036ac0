// Sign-in: posts the credentials, stores the user in the session and goes back to the page that asked for a
// sign-in (`?next=`, same-origin paths only). The form itself is pages/login/login-form.tsx.
import { call, errorMessage } from '../api/client.js';
import { navigate } from '../app/router.js';
import { useSession } from '../app/session.js';
import { LoginForm, type Credentials } from './login/login-form.js';

export function LoginPage() {
  const { setUser } = useSession();

  async function signIn(credentials: Credentials): Promise<string | undefined> {
    try {
      const body = await call('login', { body: credentials });
      const next = new URLSearchParams(location.search).get('next');
      setUser(body.user);
      navigate(next && next.startsWith('/') && !next.startsWith('//') ? next : '/', { replace: true, force: true });
      return undefined;
    } catch (e) {
      return errorMessage(e);
    }
  }

  return (
    <main className="login">
      <LoginForm onSubmit={signIn} />
    </main>
  );
}
