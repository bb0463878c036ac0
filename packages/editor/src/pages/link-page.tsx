// The public pages people open from a link an owner sent: /invite/<token> sets the password of a new account and
// signs them in (then the flows page), /reset/<token> sets a new password (then the sign-in page). The token is
// checked first, so an expired or used link says so before anyone types a password.
import { useEffect, useState } from 'react';
import { ApiError, call, errorMessage } from '../api/client.js';
import { navigate } from '../app/router.js';
import { useSession } from '../app/session.js';
import { linkRefusal } from '../model/team.js';
import { Link } from '../ui/link.js';
import { Spinner } from '../ui/status.js';
import { NewPasswordForm } from './users/new-password-form.js';
import '../styles/teams.css';

const refusalOf = (e: unknown, kind: 'invite' | 'reset') =>
  e instanceof ApiError ? linkRefusal(e.status, kind, e.problem.detail) : linkRefusal(0, kind);

interface LinkInfo {
  email: string;
  role?: string;
}

export function LinkPage({ kind, token }: { kind: 'invite' | 'reset'; token: string }) {
  const { setUser } = useSession();
  const [info, setInfo] = useState<LinkInfo | { refused: string }>();
  const [done, setDone] = useState(false);

  useEffect(() => {
    let live = true;
    const check: Promise<LinkInfo> =
      kind === 'invite' ? call('getInvite', { params: { token } }) : call('getPasswordReset', { params: { token } });
    check.then((body) => live && setInfo(body)).catch((e: unknown) => live && setInfo({ refused: refusalOf(e, kind) }));
    return () => {
      live = false;
    };
  }, [kind, token]);

  async function submit(password: string): Promise<string | undefined> {
    try {
      if (kind === 'invite') {
        const body = await call('acceptInvite', { params: { token }, body: { password } });
        setUser(body.user);
        navigate('/', { replace: true, force: true });
      } else {
        await call('resetPassword', { params: { token }, body: { password } });
        setDone(true);
      }
      return undefined;
    } catch (e) {
      if (e instanceof ApiError && (e.status === 404 || e.status === 410)) return refusalOf(e, kind);
      return errorMessage(e);
    }
  }

  const title = kind === 'invite' ? 'Join Weft' : 'Set a new password';
  return (
    <main className="login">
      <div className="login-card link-card">
        <div className="brand large">
          <span className="brand-mark" aria-hidden="true" />
          Weft
        </div>
        <h1>{title}</h1>
        {!info ? <Spinner label="Checking the link" /> : null}
        {info && 'refused' in info ? (
          <>
            <p className="form-error" role="alert" data-testid="link-refused">
              {info.refused}
            </p>
            <Link to="/login">Go to sign in</Link>
          </>
        ) : null}
        {done ? (
          <>
            <p className="notice" role="status">
              Your password is set. Sign in with it.
            </p>
            <Link to="/login">Go to sign in</Link>
          </>
        ) : null}
        {info && 'email' in info && !done ? (
          <NewPasswordForm
            ariaLabel={title}
            submitLabel={kind === 'invite' ? 'Set password and sign in' : 'Set password'}
            busyLabel="Saving…"
            onSubmit={submit}
          >
            <p className="muted">
              {kind === 'invite' ? (
                <>
                  You are invited as <strong>{info.role}</strong> with the email <strong>{info.email}</strong>.
                </>
              ) : (
                <>
                  For <strong>{info.email}</strong>.
                </>
              )}
            </p>
          </NewPasswordForm>
        ) : null}
      </div>
    </main>
  );
}
