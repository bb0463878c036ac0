// An OAuth2 provider for tests: oauth2-mock-server on 127.0.0.1 (authorize + token endpoints, PKCE checked),
// made strict about refresh tokens (rotation: each one works once; `revokeAll` fails every refresh with
// invalid_grant), plus a fake resource API that accepts only live access tokens.
import { randomUUID } from 'node:crypto';
import { OAuth2Server } from 'oauth2-mock-server';
import { call } from './sample-connectors.js';
import { defineConnector, type OAuth2Auth } from '../index.js';
import { startFakeApi, type FakeApi } from '../testing/index.js';

export interface TokenRequestLog {
  grantType: string;
  body: Record<string, unknown>;
  status: number;
}

export interface TestProvider {
  issuer: string;
  api: FakeApi;
  tokenRequests: TokenRequestLog[];
  liveAccessTokens: Set<string>;
  liveRefreshTokens: Set<string>;
  revokeAll: boolean;
  connector(auth?: Partial<OAuth2Auth>): ReturnType<typeof defineConnector>;
  /** Plays the user's browser: opens the authorize URL and returns the callback parameters. */
  authorize(url: string): Promise<{ code: string; state: string }>;
  close(): Promise<void>;
}

export async function startTestProvider(): Promise<TestProvider> {
  const server = new OAuth2Server();
  await server.issuer.keys.generate('RS256');
  await server.start(0, '127.0.0.1');
  const issuer = server.issuer.url!.replace(/\/$/, '');

  const provider: TestProvider = {
    issuer,
    api: undefined as unknown as FakeApi,
    tokenRequests: [],
    liveAccessTokens: new Set(),
    liveRefreshTokens: new Set(),
    revokeAll: false,
    connector: (auth = {}) =>
      defineConnector({
        name: 'acme',
        version: '1.0.0',
        title: 'Acme',
        description: 'An OAuth2 API',
        auth: {
          kind: 'oauth2',
          grant: 'authorizationCode',
          authorizeUrl: `${issuer}/authorize`,
          tokenUrl: `${issuer}/token`,
          scopes: ['read', 'write'],
          authorizeParams: { access_type: 'offline' },
          ...auth,
        } as OAuth2Auth,
        baseUrl: provider.api.url,
        actions: [call],
      }),
    async authorize(url) {
      const response = await fetch(url, { redirect: 'manual' });
      const location = new URL(response.headers.get('location') ?? '');
      return { code: location.searchParams.get('code') ?? '', state: location.searchParams.get('state') ?? '' };
    },
    async close() {
      await provider.api.close();
      await server.stop();
    },
  };

  // Tokens signed within the same second would otherwise be byte-identical.
  server.service.on('beforeTokenSigning', (token: { payload: Record<string, unknown> }) => {
    token.payload.jti = randomUUID();
  });
  server.service.on(
    'beforeResponse',
    (response: { statusCode: number; body: Record<string, unknown> | '' }, req: { body: Record<string, unknown> }) => {
      const grantType = String(req.body.grant_type);
      if (grantType === 'refresh_token') {
        const presented = String(req.body.refresh_token);
        if (provider.revokeAll || !provider.liveRefreshTokens.has(presented)) {
          response.statusCode = 400;
          response.body = {
            error: 'invalid_grant',
            error_description: 'The refresh token is invalid, expired or revoked',
          };
        } else {
          provider.liveRefreshTokens.delete(presented);
        }
      }
      if (response.statusCode === 200 && typeof response.body === 'object') {
        provider.liveAccessTokens.add(String(response.body.access_token));
        if (typeof response.body.refresh_token === 'string')
          provider.liveRefreshTokens.add(response.body.refresh_token);
      }
      provider.tokenRequests.push({ grantType, body: { ...req.body }, status: response.statusCode });
    },
  );

  provider.api = await startFakeApi((request) => {
    const token = request.headers.authorization?.replace(/^Bearer /, '');
    if (!token || !provider.liveAccessTokens.has(token)) return { status: 401, json: { error: 'invalid_token' } };
    return { json: { ok: true } };
  });
  return provider;
}
