// Who may sign in how: password sign-in open to all, or (WEFT_PASSWORD_LOGIN=off) only to the break-glass owner,
// so that an installation on single sign-on keeps one way in when the identity provider is down.
import type { UserRow } from '@weft/store';
import type { ProvisioningSettings } from './oidc-accounts.js';
import type { OidcSignIn } from './oidc-sign-in.js';
import type { SignInListener } from './sign-in-events.js';

export interface SignInPolicy {
  passwordLogin: 'on' | 'off';
  /** Lower-case email of the owner who may still use a password when passwordLogin is off. */
  breakGlassEmail?: string;
  /** Single sign-on; absent: password sign-in only. */
  oidc?: OidcSignIn;
  /** How single sign-on makes and updates users (default role, groups claim, role map). */
  provisioning?: ProvisioningSettings;
  /** Hears every sign-in (audit); default: logged. */
  events?: SignInListener;
}

/** Whether `user`, whose password was just verified, may sign in with it. */
export function passwordSignInAllowed(policy: SignInPolicy | undefined, user: UserRow): boolean {
  if (!policy || policy.passwordLogin === 'on') return true;
  return user.role === 'owner' && policy.breakGlassEmail !== undefined && user.email === policy.breakGlassEmail;
}
