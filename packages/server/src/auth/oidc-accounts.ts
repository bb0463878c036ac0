// Just-in-time provisioning: the Weft user an OpenID Connect identity signs in as. Known identity: its user, with
// the mapped role applied when a group maps to one. Unknown identity: linked to the existing user with the same
// email when the provider vouches for that email (email_verified), else a new user with the mapped role or the
// default one. A user created so has no password (its hash matches none) until someone sets one.
import { WeftError } from '@weft/core';
import type { Role, Store, UserRow } from '@weft/store';
import type { RoleMapping } from '../config.js';
import type { OidcIdentity } from './oidc-sign-in.js';
import { groupsOf, mappedRole } from './oidc-roles.js';
import { SsoFailure } from './sso-failure.js';

/** The role the IdP's groups map to, through the same rule as an owner's change: the last owner stays owner. */
async function remapped(store: Store, user: UserRow, role: Role): Promise<UserRow> {
  try {
    return (await store.team.setRole(user.id, role)).after;
  } catch (error) {
    if (error instanceof WeftError && error.code === 'last_owner') return user;
    throw error;
  }
}

/** Not a scrypt hash: verifyPassword refuses every password against it. */
const NO_PASSWORD = 'sso$no-password';

export interface ProvisioningSettings {
  defaultRole: Role;
  groupsClaim: string;
  roleMap: readonly RoleMapping[];
}

export async function accountFor(
  store: Store,
  identity: OidcIdentity,
  settings: ProvisioningSettings,
): Promise<{ user: UserRow; provisioned: boolean; roleBefore?: Role }> {
  const key = { issuer: identity.issuer, subject: identity.subject };
  const role = mappedRole(groupsOf(identity.claims, settings.groupsClaim), settings.roleMap);
  const signedIn = async () => {
    const user = await store.identities.signedIn({ ...key, ...(identity.email ? { email: identity.email } : {}) });
    if (!user) throw new Error('the identity vanished while signing in');
    if (!role || role === user.role) return { user, provisioned: false };
    return { user: await remapped(store, user, role), provisioned: false, roleBefore: user.role };
  };
  if (await store.identities.userFor(key)) return signedIn();
  const { email } = identity;
  if (!email)
    throw new SsoFailure('sso_email_missing', 'The identity provider sent no email claim (ask for the email scope).');
  const existing = await store.accounts.userByEmail(email);
  if (existing) {
    if (identity.emailVerified !== true)
      throw new SsoFailure(
        'sso_email_unverified',
        `The identity provider has not verified ${email}, which an account here uses.`,
      );
    await store.identities.link({ ...key, userId: existing.id, email });
    return signedIn();
  }
  if (identity.emailVerified === false)
    throw new SsoFailure('sso_email_unverified', `The identity provider has not verified ${email}.`);
  try {
    const user = await store.identities.provision({
      ...key,
      email,
      role: role ?? settings.defaultRole,
      passwordHash: NO_PASSWORD,
    });
    return { user, provisioned: true };
  } catch (error) {
    // A first sign-in of the same person in another tab won the race: sign in as what it created.
    if (await store.identities.userFor(key)) return signedIn();
    throw error;
  }
}
