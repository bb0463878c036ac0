// What a "connect new" form asks for, per auth kind of a connector (credential values are strings, write-only).
export interface CredentialField {
  key: string;
  label: string;
  secret: boolean;
}

export type ConnectMode = { mode: 'none' } | { mode: 'popup' } | { mode: 'form'; fields: CredentialField[] };

export function connectMode(auth: { kind: string; grant?: unknown } | undefined): ConnectMode {
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
        : { mode: 'popup' };
    default:
      return { mode: 'form', fields: [{ key: 'apiKey', label: 'Secret', secret: true }] };
  }
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
