// The OAuth2 authorization code flow as two functions the server mounts on routes: `startAuthorization` builds
// the provider URL (state + PKCE S256) and remembers the pending authorization; `completeAuthorization` takes
// the callback's `state` and `code` (once), exchanges the code with the PKCE verifier and returns what to
// store as the credential.
import { systemClock, type Clock, type JsonObject } from '@weft/core';
import type { OAuth2Auth } from '../auth/auth-spec.js';
import type { CredentialValues } from '../credentials/credential-provider.js';
import { ConnectorError } from '../errors.js';
import { createSsrfGuard } from '../http/ssrf-guard.js';
import { createTransport } from '../http/transport.js';
import type { ConnectorManifest } from '../manifest/manifest.js';
import type { OutboundOptions } from '../registry/runtime.js';
import { codeChallengeS256, createCodeVerifier, createState } from './pkce.js';
import type { OAuthStateStore } from './state-store.js';
import { OAuthTokenError, requestToken, scopeString, type OAuthClient } from './token-endpoint.js';

export interface OAuthFlowOptions {
  /** Finds an installed connector by `name@major` (a ConnectorRegistry fits). */
  connectors: { get(ref: string): { manifest: ConnectorManifest } | undefined };
  stateStore: OAuthStateStore;
  /** The OAuth app registered with the provider for this connector (by connector name). */
  clients: (connector: string) => OAuthClient | undefined;
  /** The server's callback URL, registered with the provider. */
  redirectUri: string;
  /** How long a started authorization stays valid (default 10 minutes). */
  stateTtlMs?: number;
  /** Network options for the token endpoint (allow-list etc.). */
  outbound?: Pick<OutboundOptions, 'allow' | 'allowOnly' | 'lookup' | 'connectTimeout' | 'ca'>;
  clock?: Clock;
}

export interface StartAuthorizationInput {
  /** `name@major`, e.g. `github@1`. */
  connector: string;
  /** Default: the scopes the connector declares. */
  scopes?: readonly string[];
  /** Added to the authorize URL after the connector's own `authorizeParams`. */
  extraParams?: Readonly<Record<string, string>>;
  data?: JsonObject;
}

export interface StartedAuthorization {
  /** Send the user's browser here. */
  url: string;
  state: string;
  /** Also kept in the state store; returned for callers that keep it themselves (e.g. in a signed cookie). */
  codeVerifier?: string;
  expiresAt: number;
}

export interface CompleteAuthorizationInput {
  state: string;
  code?: string;
  /** The `error` (and description) parameters of the callback, when the user declined. */
  error?: string;
  errorDescription?: string;
}

export interface CompletedAuthorization {
  connector: string;
  /** Store these as the credential (kind `oauth2`); they include the client id and secret used for refresh. */
  values: CredentialValues;
  expiresAt?: number;
  scopes: string[];
  data?: JsonObject;
}

export interface OAuthFlow {
  startAuthorization(input: StartAuthorizationInput): Promise<StartedAuthorization>;
  completeAuthorization(input: CompleteAuthorizationInput): Promise<CompletedAuthorization>;
}

export function createOAuthFlow(options: OAuthFlowOptions): OAuthFlow {
  const clock = options.clock ?? systemClock;

  const resolve = (ref: string): { auth: OAuth2Auth; client: OAuthClient; name: string } => {
    const manifest = options.connectors.get(ref)?.manifest;
    if (!manifest) throw authError('oauth_unknown_connector', `No installed connector "${ref}"`);
    const auth = manifest.auth;
    if (auth.kind !== 'oauth2' || auth.grant !== 'authorizationCode' || !auth.authorizeUrl) {
      throw authError(
        'oauth_not_supported',
        `${manifest.title} does not connect with the OAuth2 authorization code flow`,
      );
    }
    const client = options.clients(manifest.name);
    if (!client) {
      throw authError(
        'oauth_client_missing',
        `No OAuth app is configured for ${manifest.title}: set its client id and secret first`,
      );
    }
    return { auth, client, name: manifest.name };
  };

  return {
    async startAuthorization(input) {
      const { auth, client } = resolve(input.connector);
      const scopes = [...(input.scopes ?? auth.scopes ?? [])];
      const state = createState();
      const url = new URL(auth.authorizeUrl!);
      url.searchParams.set('response_type', 'code');
      url.searchParams.set('client_id', client.clientId);
      url.searchParams.set('redirect_uri', options.redirectUri);
      const scope = scopeString(auth, scopes);
      if (scope) url.searchParams.set('scope', scope);
      url.searchParams.set('state', state);
      let codeVerifier: string | undefined;
      if (auth.pkce !== false) {
        codeVerifier = createCodeVerifier();
        url.searchParams.set('code_challenge', codeChallengeS256(codeVerifier));
        url.searchParams.set('code_challenge_method', 'S256');
      }
      for (const [name, value] of Object.entries({ ...auth.authorizeParams, ...input.extraParams })) {
        url.searchParams.set(name, value);
      }
      const expiresAt = clock.now() + (options.stateTtlMs ?? 10 * 60_000);
      await options.stateStore.save(state, {
        connector: input.connector,
        redirectUri: options.redirectUri,
        scopes,
        expiresAt,
        ...(codeVerifier ? { codeVerifier } : {}),
        ...(input.data ? { data: input.data } : {}),
      });
      return { url: url.toString(), state, expiresAt, ...(codeVerifier ? { codeVerifier } : {}) };
    },

    async completeAuthorization(input) {
      const entry = await options.stateStore.take(input.state);
      if (!entry) {
        throw authError(
          'oauth_state_invalid',
          'This authorization link has expired or was already used. Start connecting again.',
        );
      }
      if (input.error) {
        const why = input.errorDescription ? `${input.error}: ${input.errorDescription}` : input.error;
        throw authError('oauth_denied', `The authorization was not granted (${why})`);
      }
      if (!input.code) throw authError('oauth_code_missing', 'The provider sent no authorization code back');
      const { auth, client, name } = resolve(entry.connector);
      const params: Record<string, string> = {
        grant_type: 'authorization_code',
        code: input.code,
        redirect_uri: entry.redirectUri,
      };
      if (entry.codeVerifier) params.code_verifier = entry.codeVerifier;
      const { connectTimeout, ca, ...guardOptions } = options.outbound ?? {};
      const transport = createTransport({
        guard: createSsrfGuard(guardOptions),
        ...(connectTimeout ? { connectTimeout } : {}),
        ...(ca ? { ca } : {}),
      });
      try {
        const tokens = await requestToken({ auth, client, params, transport, now: () => clock.now() });
        const values: Record<string, string> = {
          clientId: client.clientId,
          accessToken: tokens.accessToken,
          tokenType: tokens.tokenType,
        };
        if (client.clientSecret !== undefined) values.clientSecret = client.clientSecret;
        if (tokens.refreshToken !== undefined) values.refreshToken = tokens.refreshToken;
        if (tokens.scope !== undefined) values.scope = tokens.scope;
        const result: CompletedAuthorization = { connector: name, values, scopes: entry.scopes };
        if (tokens.expiresAt !== undefined) result.expiresAt = tokens.expiresAt;
        if (entry.data) result.data = entry.data;
        return result;
      } catch (error) {
        if (error instanceof OAuthTokenError) {
          throw authError(
            'oauth_exchange_failed',
            `The provider refused the authorization code (${error.error}): ${error.message}`,
          );
        }
        throw error;
      } finally {
        await transport.close();
      }
    },
  };
}

function authError(code: string, message: string): ConnectorError {
  return new ConnectorError({ kind: 'auth', code, message, retryable: false });
}
