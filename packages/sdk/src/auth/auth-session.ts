// A step's view of its connection: applies the credential to outgoing requests (so action code never touches
// secrets), hands out fresh OAuth2 tokens, and feeds every secret it sees to the step's redactor.
import type { Credential } from '../credentials/credential-provider.js';
import type { ConnectionAccess } from '../define/context.js';
import { ConnectorError } from '../errors.js';
import type { TokenManager } from '../oauth/token-manager.js';
import type { SecretSet } from '../redact.js';
import { PUBLIC_CREDENTIAL_FIELDS, type AuthSpec } from './auth-spec.js';

export interface AppliedAuth {
  /** Headers that carry credentials (dropped on cross-origin redirects). */
  sensitiveHeaders: string[];
  /** The OAuth2 token used, to tell a 401 for it apart from one for a token refreshed meanwhile. */
  token?: string;
}

export interface AuthSession {
  readonly access: ConnectionAccess;
  apply(url: URL, headers: Record<string, string>): Promise<AppliedAuth>;
  /** After a 401: true when a retry with a refreshed token makes sense (OAuth2, once per request). */
  refreshAfter401(applied: AppliedAuth): Promise<boolean>;
}

export function createAuthSession(options: {
  spec: AuthSpec;
  credential: Credential | undefined;
  tokens: TokenManager;
  secrets: SecretSet;
}): AuthSession {
  const { spec, tokens, secrets } = options;
  let credential = options.credential;
  const learnSecrets = (values: Credential['values'] | undefined) => {
    for (const [name, value] of Object.entries(values ?? {}))
      if (!PUBLIC_CREDENTIAL_FIELDS.has(name)) secrets.add(value);
    // The pairs that go out as Basic auth (by the SDK or by a connector applying the connection itself), so
    // `base64(user:pass)` is redacted whole, user name included.
    if (values?.password) secrets.add(`${values.username ?? ''}:${values.password}`);
    if (values?.clientSecret) {
      const form = (text: string) => encodeURIComponent(text).replace(/%20/g, '+');
      secrets.add(`${values.clientId ?? ''}:${values.clientSecret}`);
      // The token endpoint's client_secret_basic form (RFC 6749 §2.3.1), as token-endpoint.ts sends it.
      secrets.add(`${form(values.clientId ?? '')}:${form(values.clientSecret)}`);
    }
  };
  learnSecrets(credential?.values);

  const field = (name: string, label: string): string => {
    const value = credential?.values[name];
    if (value === undefined || value === '') {
      throw new ConnectorError({
        kind: 'auth',
        code: 'connector_credential_incomplete',
        message: `The connection is missing its ${label}. Edit the connection and fill it in.`,
      });
    }
    return value;
  };

  const accessToken = async (rejected?: string): Promise<string> => {
    if (spec.kind !== 'oauth2' || !credential) {
      throw new ConnectorError({ kind: 'auth', message: 'This connection does not use OAuth2 access tokens' });
    }
    const result = await tokens.accessToken(credential.id, spec, rejected);
    credential = result.credential;
    learnSecrets(credential.values);
    return result.token;
  };

  const access: ConnectionAccess = {
    kind: spec.kind,
    credentialId: credential?.id,
    reveal: (name) => credential?.values[name],
    accessToken: () => accessToken(),
  };

  return {
    access,
    async apply(url, headers) {
      switch (spec.kind) {
        case 'none':
          return { sensitiveHeaders: [] };
        case 'apiKey': {
          const key = field('apiKey', 'API key');
          if (spec.in === 'query') {
            url.searchParams.set(spec.name, key);
            return { sensitiveHeaders: [] };
          }
          headers[spec.name.toLowerCase()] = `${spec.prefix ?? ''}${key}`;
          return { sensitiveHeaders: [spec.name.toLowerCase()] };
        }
        case 'basic': {
          const pair = `${field('username', 'user name')}:${field('password', 'password')}`;
          secrets.add(pair);
          headers.authorization = `Basic ${Buffer.from(pair).toString('base64')}`;
          return { sensitiveHeaders: ['authorization'] };
        }
        case 'bearer':
          headers.authorization = `Bearer ${field('token', 'token')}`;
          return { sensitiveHeaders: ['authorization'] };
        case 'oauth2': {
          if (!credential) field('accessToken', 'authorization');
          const token = await accessToken();
          headers.authorization = `Bearer ${token}`;
          return { sensitiveHeaders: ['authorization'], token };
        }
      }
    },
    async refreshAfter401(applied) {
      if (spec.kind !== 'oauth2' || applied.token === undefined) return false;
      await accessToken(applied.token);
      return true;
    },
  };
}
