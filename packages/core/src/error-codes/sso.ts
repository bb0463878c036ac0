// Codes of single sign-on (OpenID Connect) and of the password sign-in policy that goes with it. A browser that
// fails a sign-in lands on the login page with `?sso_error=<code>`, whose title the page shows.
import type { ErrorEntry } from '../error-catalogue.js';

export const SSO_ERRORS = {
  sso_not_configured: { fault: 'user', status: 404, title: 'Single sign-on is not set up on this server' },
  sso_state_invalid: {
    fault: 'user',
    status: 400,
    title: 'This sign-in attempt is unknown, expired or already used; start again',
  },
  sso_denied: { fault: 'user', status: 401, title: 'The identity provider did not sign you in' },
  sso_token_invalid: {
    fault: 'user',
    status: 401,
    title: "The identity provider's answer did not pass the checks (code, PKCE, nonce or ID token)",
  },
  sso_unavailable: { fault: 'upstream', status: 502, title: 'The identity provider could not be reached' },
  sso_email_missing: { fault: 'user', status: 403, title: 'The identity provider sent no email address' },
  sso_email_unverified: {
    fault: 'user',
    status: 403,
    title: 'An account with this email exists, but the identity provider has not verified the email',
  },
  sso_account_deactivated: {
    fault: 'user',
    status: 403,
    title: 'Your Weft account is deactivated; ask an owner of this Weft to reactivate it',
  },
  password_login_disabled: {
    fault: 'user',
    status: 403,
    title: 'Password sign-in is turned off on this server; sign in with single sign-on',
  },
} as const satisfies Record<string, ErrorEntry>;

export type SsoErrorCode = keyof typeof SSO_ERRORS;
