// Requests to an OAuth2 token endpoint (code exchange, refresh, client credentials), through the guarded
// transport. Errors come back as OAuthTokenError carrying the RFC 6749 `error` code (e.g. `invalid_grant`).
import type { OAuth2Auth } from '../auth/auth-spec.js';
import { ConnectorError } from '../errors.js';
import { upstreamMessage } from '../http/http-errors.js';
import { TransportFailure, type Transport } from '../http/transport.js';

export interface TokenSet {
  accessToken: string;
  refreshToken?: string;
  tokenType: string;
  scope?: string;
  /** ms since epoch; undefined when the server gave no `expires_in`. */
  expiresAt?: number;
}

export interface OAuthClient {
  clientId: string;
  clientSecret?: string;
}

export class OAuthTokenError extends Error {
  readonly error: string;
  readonly status: number;
  constructor(error: string, status: number, message: string) {
    super(message);
    this.name = 'OAuthTokenError';
    this.error = error;
    this.status = status;
  }
}

export interface TokenRequest {
  auth: OAuth2Auth;
  client: OAuthClient;
  params: Record<string, string>;
  transport: Transport;
  now: () => number;
  timeoutMs?: number;
}

export async function requestToken(request: TokenRequest): Promise<TokenSet> {
  const { auth, client } = request;
  const params = new URLSearchParams(request.params);
  const headers: Record<string, string> = {
    'content-type': 'application/x-www-form-urlencoded',
    accept: 'application/json',
  };
  if (auth.clientAuth === 'basic' && client.clientSecret !== undefined) {
    const encode = (s: string) => encodeURIComponent(s).replace(/%20/g, '+');
    headers.authorization = `Basic ${Buffer.from(`${encode(client.clientId)}:${encode(client.clientSecret)}`).toString('base64')}`;
  } else {
    params.set('client_id', client.clientId);
    if (client.clientSecret !== undefined) params.set('client_secret', client.clientSecret);
  }
  const controller = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort(new Error('token request timed out'));
  }, request.timeoutMs ?? 30_000);
  let response;
  try {
    response = await request.transport.send(
      { method: 'POST', url: new URL(auth.tokenUrl), headers, body: params.toString() },
      { signal: controller.signal, maxBytes: 1024 * 1024, timedOut: () => timedOut },
    );
  } catch (error) {
    if (error instanceof TransportFailure) {
      throw new ConnectorError({
        kind: error.kind,
        message: `Could not reach the token endpoint ${new URL(auth.tokenUrl).host}: ${error.message}`,
      });
    }
    throw error;
  } finally {
    clearTimeout(timer);
  }
  const text = Buffer.from(response.body).toString('utf8');
  const body = parseTokenBody(text, response.headers['content-type']);
  if (response.status >= 400 || typeof body.error === 'string') {
    const code = typeof body.error === 'string' ? body.error : `http_${response.status}`;
    const said = upstreamMessage(body) ?? code;
    throw new OAuthTokenError(code, response.status, said);
  }
  if (typeof body.access_token !== 'string' || body.access_token === '') {
    throw new OAuthTokenError('invalid_response', response.status, 'the token endpoint returned no access_token');
  }
  const tokens: TokenSet = {
    accessToken: body.access_token,
    tokenType: typeof body.token_type === 'string' ? body.token_type : 'Bearer',
  };
  if (typeof body.refresh_token === 'string' && body.refresh_token !== '') tokens.refreshToken = body.refresh_token;
  if (typeof body.scope === 'string') tokens.scope = body.scope;
  const expiresIn = Number(body.expires_in);
  if (Number.isFinite(expiresIn) && expiresIn > 0) tokens.expiresAt = request.now() + expiresIn * 1000;
  return tokens;
}

function parseTokenBody(text: string, contentType: string | undefined): Record<string, unknown> {
  if (contentType?.includes('application/x-www-form-urlencoded')) {
    return Object.fromEntries(new URLSearchParams(text));
  }
  try {
    const parsed: unknown = JSON.parse(text);
    return parsed && typeof parsed === 'object' ? (parsed as Record<string, unknown>) : {};
  } catch {
    return Object.fromEntries(new URLSearchParams(text));
  }
}

export function scopeString(auth: OAuth2Auth, scopes?: readonly string[]): string | undefined {
  const list = scopes ?? auth.scopes ?? [];
  return list.length > 0 ? list.join(auth.scopeSeparator ?? ' ') : undefined;
}
