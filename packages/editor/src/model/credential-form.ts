// What a "connect new" form asks for, per auth kind of a connector (credential values are strings, write-only).
export interface CredentialField {
  key: string;
  label: string;
  secret: boolean;
  /** Where to find the value, in the provider's own words. */
  help?: string;
}

/** OAuth sign-in; `token` when the provider also issues tokens a person can paste (no OAuth app needed). */
export type ConnectMode =
  { mode: 'none' } | { mode: 'popup'; token?: CredentialField } | { mode: 'form'; fields: CredentialField[] };

/** Providers that let a person create a token by hand, stored as the connection's OAuth access token. */
const TOKEN_FORMS: Record<string, CredentialField> = {
  slack: {
    key: 'accessToken',
    label: 'Bot token (xoxb-…)',
    secret: true,
    help: 'In Slack: Your apps → your app → OAuth & Permissions → Bot User OAuth Token.',
  },
  github: {
    key: 'accessToken',
    label: 'Personal access token',
    secret: true,
    help: 'In GitHub: Settings → Developer settings → Personal access tokens (fine-grained; Issues: read and write).',
  },
  // Google issues no lasting personal tokens: an access token (OAuth Playground, gcloud) works for about an hour,
  // enough to build and test a flow; a flow that runs for good needs "Sign in with Google" (an OAuth app).
  google: {
    key: 'accessToken',
    label: 'Access token (ya29.…)',
    secret: true,
    help:
      'From Google’s OAuth 2.0 Playground or `gcloud auth print-access-token`, with the scopes the steps need. ' +
      'It expires after about an hour: for a flow that keeps running, set up Sign in with Google on this server.',
  },
};

export function connectMode(auth: { kind: string; grant?: unknown } | undefined, connector?: string): ConnectMode {
  switch (auth?.kind) {
    case undefined:
    case 'none':
      return { mode: 'none' };
    case 'apiKey':
      return { mode: 'form', fields: [{ key: 'apiKey', label: 'API key', secret: true }] };
    case 'basic':
      return {
        mode: 'form',
        fields: [
          { key: 'username', label: 'Username', secret: false },
          { key: 'password', label: 'Password', secret: true },
        ],
      };
    case 'bearer':
      return { mode: 'form', fields: [{ key: 'token', label: 'Token', secret: true }] };
    case 'oauth2':
      return auth.grant === 'clientCredentials'
        ? {
            mode: 'form',
            fields: [
              { key: 'clientId', label: 'Client ID', secret: false },
              { key: 'clientSecret', label: 'Client secret', secret: true },
            ],
          }
        : connector && TOKEN_FORMS[connector]
          ? { mode: 'popup', token: TOKEN_FORMS[connector] }
          : { mode: 'popup' };
    default:
      return { mode: 'form', fields: [{ key: 'apiKey', label: 'Secret', secret: true }] };
  }
}

/**
 * The connection's own API address (`baseUrl`: an enterprise or regional host, a local fake), offered under
 * "Advanced" in every form that saves values; left empty, the connector's default address is used.
 */
export const API_ADDRESS_FIELD: CredentialField = {
  key: 'baseUrl',
  label: 'API address',
  secret: false,
  help: 'Only for a self-hosted or regional API, or a test server. Leave empty to use the provider’s own.',
};

/** The values a form saves: empty optional fields (the API address) are left out. */
export function formValues(values: Readonly<Record<string, string>>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(values)) {
    if (key === API_ADDRESS_FIELD.key && value.trim() === '') continue;
    out[key] = key === API_ADDRESS_FIELD.key ? value.trim() : value;
  }
  return out;
}

/** The OAuth2 start URL; `reconnectId` replaces the tokens of that credential instead of creating one. */
export function oauthStartUrl(connector: string, credentialName: string, reconnectId?: string): string {
  const reconnect = reconnectId ? `&reconnect=${encodeURIComponent(reconnectId)}` : '';
  return `/api/oauth/${encodeURIComponent(connector)}/start?credentialName=${encodeURIComponent(credentialName)}${reconnect}`;
}

/** The message the OAuth callback page posts to its opener. */
export function oauthResult(data: unknown): { credentialId: string } | undefined {
  if (typeof data !== 'object' || data === null) return undefined;
  const { type, credentialId } = data as { type?: unknown; credentialId?: unknown };
  return type === 'weft:oauth' && typeof credentialId === 'string' ? { credentialId } : undefined;
}

/**
 * What the OAuth start answered when asked without following its redirect: a redirect means the app is set up;
 * a refusal means it is not (or something else failed), said in words with what to do instead.
 */
export function oauthAvailability(
  answer: { redirected: boolean; code?: string; detail?: string },
  title: string,
  hasToken: boolean,
): { ok: true } | { ok: false; message: string } {
  if (answer.redirected) return { ok: true };
  if (answer.code === 'oauth_client_missing')
    return {
      ok: false,
      message: `Signing in with ${title} is not set up on this server (no ${title} OAuth app is configured). ${
        hasToken ? 'Use a token instead, or ask' : 'Ask'
      } your administrator to configure it.`,
    };
  return { ok: false, message: answer.detail ?? `Signing in with ${title} is not available right now.` };
}
