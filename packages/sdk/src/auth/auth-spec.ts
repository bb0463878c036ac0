// How a connector authenticates, as declared in its manifest. Credentials (the secrets) live elsewhere.

export interface NoAuth {
  kind: 'none';
}

/** A static key sent in a header (`X-Api-Key: <key>`, or with a prefix) or a query parameter. */
export interface ApiKeyAuth {
  kind: 'apiKey';
  in: 'header' | 'query';
  /** Header or query parameter name. */
  name: string;
  /** Put before the key in a header, e.g. `Token `. */
  prefix?: string;
  help?: string;
  /** Steps may leave the connection out (public endpoints); then no auth is applied. */
  optional?: boolean;
}

export interface BasicAuth {
  kind: 'basic';
  help?: string;
  /** Steps may leave the connection out (public endpoints); then no auth is applied. */
  optional?: boolean;
}

export interface BearerAuth {
  kind: 'bearer';
  help?: string;
  /** Steps may leave the connection out (public endpoints); then no auth is applied. */
  optional?: boolean;
}

export interface OAuth2Auth {
  kind: 'oauth2';
  grant: 'authorizationCode' | 'clientCredentials';
  /** Required for the authorization code grant. */
  authorizeUrl?: string;
  tokenUrl: string;
  scopes?: readonly string[];
  /** Joins scopes in the authorize URL and token requests (default a space). */
  scopeSeparator?: string;
  /** PKCE with S256 (default true; turn off only for providers that reject it). */
  pkce?: boolean;
  /** Extra parameters for the authorize URL, e.g. `{ access_type: 'offline', prompt: 'consent' }`. */
  authorizeParams?: Readonly<Record<string, string>>;
  /** How the client authenticates at the token endpoint (default `body`). */
  clientAuth?: 'body' | 'basic';
  help?: string;
  /** Steps may leave the connection out (public endpoints); then no auth is applied. */
  optional?: boolean;
}

export type AuthSpec = NoAuth | ApiKeyAuth | BasicAuth | BearerAuth | OAuth2Auth;
export type AuthKind = AuthSpec['kind'];

/**
 * Credential fields that are identifiers, not secrets: they are not redacted from logs and outputs. Every
 * other value of a credential (keys, passwords, tokens, client secrets, custom fields) is treated as secret.
 * `baseUrl` (the connection's own API address) is an address: redacting it would mangle URLs in outputs.
 */
export const PUBLIC_CREDENTIAL_FIELDS: ReadonlySet<string> = new Set([
  'username',
  'clientId',
  'tokenType',
  'scope',
  'baseUrl',
]);
