// What the login page offers, from GET /api/auth/sso and its own address: a button per single sign-on provider
// (carrying `?next=` to it), the password form unless the server closed it (`?password=1` brings it back for the
// break-glass owner), and the sentence for a failed single sign-on (`?sso_error=<code>`, known codes only: the
// page never shows text taken from its address).
import { SSO_ERROR_PARAM, SSO_ERRORS, type Reply } from '@weft/core/contract';

export type SsoOptions = Reply<'ssoOptions'>;

export interface SignInView {
  providers: { label: string; href: string }[];
  showPassword: boolean;
  /** Password sign-in is closed: only the break-glass owner's form is shown, if asked for. */
  passwordClosed: boolean;
  error?: string;
}

/** `options` undefined: not loaded (or the server is older): the password form, as before. */
export function signInView(options: SsoOptions | undefined, search: string): SignInView {
  const params = new URLSearchParams(search);
  const next = safeNext(params.get('next'));
  const passwordClosed = options?.passwordLogin === false;
  const view: SignInView = {
    providers: (options?.providers ?? []).map((p) => ({
      label: p.label,
      href: next ? `${p.startUrl}?next=${encodeURIComponent(next)}` : p.startUrl,
    })),
    showPassword: !passwordClosed || params.get('password') === '1',
    passwordClosed,
  };
  const code = params.get(SSO_ERROR_PARAM);
  if (code !== null) {
    view.error = Object.hasOwn(SSO_ERRORS, code)
      ? `${SSO_ERRORS[code as keyof typeof SSO_ERRORS].title}.`
      : 'Single sign-on failed. Try again.';
  }
  return view;
}

/** The page to land on after signing in: a path of this origin only. */
export function safeNext(next: string | null | undefined): string | undefined {
  return next && next.startsWith('/') && !next.startsWith('//') && !next.startsWith('/\\') ? next : undefined;
}
