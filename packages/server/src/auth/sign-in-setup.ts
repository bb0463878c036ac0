// The sign-in policy from the settings: password sign-in on or off (with its break-glass owner) and, when an
// issuer is configured, single sign-on with its provisioning rules.
import { createMemoryOAuthStateStore, type OAuthStateStore } from '@weft/sdk/runtime';
import type { WeftConfig } from '../config.js';
import { createOidcSignIn } from './oidc-sign-in.js';
import type { SignInPolicy } from './sign-in-policy.js';

export function signInPolicyOf(
  config: WeftConfig,
  options: { stateStore?: OAuthStateStore; baseUrl: () => string },
): SignInPolicy {
  const policy: SignInPolicy = {
    passwordLogin: config.passwordLogin,
    ...(config.breakGlassEmail ? { breakGlassEmail: config.breakGlassEmail } : {}),
  };
  if (!config.oidcIssuer || !config.oidcClientId) return policy;
  policy.oidc = createOidcSignIn({
    settings: {
      issuer: config.oidcIssuer,
      clientId: config.oidcClientId,
      ...(config.oidcClientSecret ? { clientSecret: config.oidcClientSecret } : {}),
      ...(config.oidcRedirectUrl ? { redirectUrl: config.oidcRedirectUrl } : {}),
      scopes: config.oidcScopes,
      label: config.oidcLabel,
      neededClaims: config.oidcRoleMap.length > 0 ? ['email', config.oidcGroupsClaim.split('.')[0]!] : ['email'],
    },
    stateStore: options.stateStore ?? createMemoryOAuthStateStore(),
    baseUrl: options.baseUrl,
  });
  policy.provisioning = {
    defaultRole: config.oidcDefaultRole,
    groupsClaim: config.oidcGroupsClaim,
    roleMap: config.oidcRoleMap,
  };
  return policy;
}
