// Applying the step's connection to a generic request. The connection's fields say what it is — `accessToken`
// (OAuth2), `token` (bearer), `username`/`password` (basic), `apiKey` (placed as the step's `apiKey` input says)
// or none of these (no credentials). Secrets stay in the SDK's redaction set: they are read with
// `ctx.auth.reveal` and only ever leave in request headers or the query string.
//
// Interim: the SDK applies auth by the connector's single declared kind, while a generic HTTP connector needs
// the connection's own kind. Until the SDK can do that (see README, "Authentication"), this module does it and
// requests go out with `auth: false`. OAuth2 tokens are used as stored, without refresh.
import { ConnectorError, type ConnectionAccess } from '@weft/sdk';

export interface ApiKeyPlacement {
  in?: 'header' | 'query';
  name?: string;
  prefix?: string;
}

export type ConnectionKind = 'none' | 'basic' | 'bearer' | 'apiKey' | 'oauth2';

export interface AppliedConnection {
  kind: ConnectionKind;
  headers: Record<string, string>;
  query: Record<string, string>;
}

export const DEFAULT_API_KEY_HEADER = 'X-Api-Key';

export function connectionKind(auth: ConnectionAccess): ConnectionKind {
  if (auth.reveal('accessToken')) return 'oauth2';
  if (auth.reveal('token')) return 'bearer';
  if (auth.reveal('username') !== undefined || auth.reveal('password') !== undefined) return 'basic';
  if (auth.reveal('apiKey')) return 'apiKey';
  return 'none';
}

export function applyConnection(auth: ConnectionAccess, placement: ApiKeyPlacement = {}): AppliedConnection {
  const kind = connectionKind(auth);
  const applied: AppliedConnection = { kind, headers: {}, query: {} };
  switch (kind) {
    case 'oauth2':
      applied.headers.authorization = `Bearer ${auth.reveal('accessToken')!}`;
      break;
    case 'bearer':
      applied.headers.authorization = `Bearer ${auth.reveal('token')!}`;
      break;
    case 'basic': {
      const pair = `${auth.reveal('username') ?? ''}:${auth.reveal('password') ?? ''}`;
      applied.headers.authorization = `Basic ${Buffer.from(pair).toString('base64')}`;
      break;
    }
    case 'apiKey': {
      const key = `${placement.prefix ?? ''}${auth.reveal('apiKey')!}`;
      if (placement.in === 'query') applied.query[placement.name ?? 'api_key'] = key;
      else applied.headers[(placement.name ?? DEFAULT_API_KEY_HEADER).toLowerCase()] = key;
      break;
    }
    case 'none':
      break;
  }
  return applied;
}

/** A 401 for a request that carried stored OAuth2 tokens: say what to do, since nothing refreshes them here. */
export function expiredTokenHint(kind: ConnectionKind, error: unknown): unknown {
  if (kind !== 'oauth2' || !(error instanceof ConnectorError) || error.status !== 401) return error;
  return new ConnectorError({
    kind: 'auth',
    status: 401,
    message: `${error.message}. The connection's access token was refused; reconnect it or store a fresh token.`,
  });
}
