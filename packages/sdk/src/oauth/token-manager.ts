// Keeps OAuth2 access tokens valid: refreshes shortly before expiry and once after a 401, stores rotated
// refresh tokens, coalesces concurrent refreshes of one credential into a single token request, and turns a
// revoked grant (invalid_grant) into `needs_reconnect` plus an error the user can act on.
import type { Clock } from '@weft/core';
import type { OAuth2Auth } from '../auth/auth-spec.js';
import type { Credential, CredentialProvider } from '../credentials/credential-provider.js';
import { ConnectorError } from '../errors.js';
import type { Transport } from '../http/transport.js';
import { OAuthTokenError, requestToken, scopeString, type OAuthClient, type TokenSet } from './token-endpoint.js';

export interface TokenManagerOptions {
  credentials: CredentialProvider;
  transport: Transport;
  clock: Clock;
  /** Refresh when the token expires within this many ms (default 60 000). */
  refreshSkewMs?: number;
  /** The OAuth app of a connector, when the runtime holds it rather than each credential. */
  oauthClient?: (connector: string) => OAuthClient | undefined;
}

export interface TokenManager {
  /** A valid access token. `rejected`: the token a request just got 401 for — refresh unless it already changed. */
  accessToken(
    credentialId: string,
    auth: OAuth2Auth,
    rejected?: string,
  ): Promise<{ token: string; credential: Credential }>;
}

export function needsReconnectError(
  credential: Pick<Credential, 'connector' | 'name' | 'id'>,
  why: string,
): ConnectorError {
  const label = credential.name ? `"${credential.name}"` : credential.id;
  return new ConnectorError({
    kind: 'auth',
    code: 'connector_needs_reconnect',
    retryable: false,
    message: `The ${credential.connector} connection ${label} ${why}. Reconnect it in Settings → Connections, then retry.`,
    details: { credentialId: credential.id },
  });
}

export function createTokenManager(options: TokenManagerOptions): TokenManager {
  const skew = options.refreshSkewMs ?? 60_000;
  const inflight = new Map<string, Promise<Credential>>();
  const now = () => options.clock.now();

  const load = async (id: string): Promise<Credential> => {
    const credential = await options.credentials.get(id);
    if (!credential) throw new ConnectorError({ kind: 'auth', message: `The connection ${id} no longer exists` });
    if (credential.status === 'needs_reconnect') throw needsReconnectError(credential, 'needs to be reconnected');
    return credential;
  };

  const clientOf = (credential: Credential): OAuthClient => {
    const configured = options.oauthClient?.(credential.connector);
    if (configured) return configured;
    const clientId = credential.values.clientId;
    if (!clientId) throw needsReconnectError(credential, 'has no OAuth client id');
    return credential.values.clientSecret === undefined
      ? { clientId }
      : { clientId, clientSecret: credential.values.clientSecret };
  };

  const store = async (credential: Credential, tokens: TokenSet): Promise<Credential> => {
    const values: Record<string, string> = {
      ...credential.values,
      accessToken: tokens.accessToken,
      tokenType: tokens.tokenType,
    };
    // Rotation: a new refresh token replaces the old one, which the provider may already have invalidated.
    if (tokens.refreshToken !== undefined) values.refreshToken = tokens.refreshToken;
    if (tokens.scope !== undefined) values.scope = tokens.scope;
    await options.credentials.update(credential.id, { values, expiresAt: tokens.expiresAt ?? null });
    const next: Credential = { ...credential, values };
    if (tokens.expiresAt === undefined) delete next.expiresAt;
    else next.expiresAt = tokens.expiresAt;
    return next;
  };

  const refresh = async (credential: Credential, auth: OAuth2Auth): Promise<Credential> => {
    const client = clientOf(credential);
    const refreshToken = credential.values.refreshToken;
    let params: Record<string, string>;
    if (auth.grant === 'clientCredentials') {
      const scope = scopeString(auth);
      params = { grant_type: 'client_credentials', ...(scope ? { scope } : {}) };
    } else if (refreshToken) {
      params = { grant_type: 'refresh_token', refresh_token: refreshToken };
    } else {
      await options.credentials.update(credential.id, { status: 'needs_reconnect' });
      throw needsReconnectError(credential, 'has expired and cannot be refreshed');
    }
    try {
      return await store(credential, await requestToken({ auth, client, transport: options.transport, now, params }));
    } catch (error) {
      if (!(error instanceof OAuthTokenError)) throw error;
      if (error.error === 'invalid_grant' && refreshToken) {
        // Another process may have rotated the refresh token while we were asking with the old one.
        const latest = await options.credentials.get(credential.id);
        if (latest && latest.values.refreshToken !== refreshToken && latest.status !== 'needs_reconnect') return latest;
      }
      if (GRANT_GONE.has(error.error)) {
        await options.credentials.update(credential.id, { status: 'needs_reconnect' });
        throw needsReconnectError(credential, `was revoked or has expired (${error.error})`);
      }
      throw new ConnectorError({
        kind: error.status >= 500 ? 'upstream' : 'auth',
        status: error.status,
        retryable: error.status >= 500 || error.status === 429,
        message: `Could not refresh the ${credential.connector} access token: ${error.message}`,
      });
    }
  };

  const coalescedRefresh = (credential: Credential, auth: OAuth2Auth): Promise<Credential> => {
    let pending = inflight.get(credential.id);
    if (!pending) {
      pending = refresh(credential, auth).finally(() => inflight.delete(credential.id));
      inflight.set(credential.id, pending);
    }
    return pending;
  };

  const fresh = (credential: Credential): boolean =>
    credential.values.accessToken !== undefined &&
    credential.values.accessToken !== '' &&
    (credential.expiresAt === undefined || credential.expiresAt - skew > now());

  return {
    async accessToken(id, auth, rejected) {
      // Join a refresh already under way instead of reading a token that is about to be replaced.
      const running = inflight.get(id);
      let credential = running ? await running : await load(id);
      const stale = rejected !== undefined && credential.values.accessToken === rejected;
      if (stale || !fresh(credential)) credential = await coalescedRefresh(credential, auth);
      return { token: credential.values.accessToken!, credential };
    },
  };
}

/** Token endpoint errors after which only a new authorization helps. */
const GRANT_GONE = new Set(['invalid_grant', 'invalid_client', 'unauthorized_client']);
