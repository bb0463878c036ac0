import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createHash } from 'node:crypto';
import {
  createConnectorRegistry,
  createMemoryOAuthStateStore,
  createOAuthFlow,
  type ConnectorRegistry,
  type OAuthStateStore,
} from '../runtime.js';
import { createFakeClock } from '../testing/index.js';
import { startTestProvider, type TestProvider } from '../test-support/oauth-provider.js';

let provider: TestProvider;
let registry: ConnectorRegistry;
beforeAll(async () => {
  provider = await startTestProvider();
  registry = createConnectorRegistry();
  registry.register(provider.connector());
  registry.register({ ...provider.connector(), name: 'keyed', auth: { kind: 'apiKey', in: 'header', name: 'X-Key' } });
});
afterAll(async () => {
  await registry.close();
  await provider.close();
});

function flow(clock = createFakeClock(), stateStore: OAuthStateStore = createMemoryOAuthStateStore({ clock })) {
  return createOAuthFlow({
    connectors: registry,
    stateStore,
    clients: (name) => (name === 'acme' ? { clientId: 'weft-app', clientSecret: 'app-secret' } : undefined),
    redirectUri: 'https://weft.example/oauth/callback',
    outbound: { allow: ['127.0.0.1'] },
    clock,
  });
}

describe('OAuth2 authorization code flow (oauth2-mock-server)', () => {
  test('builds the authorize URL with state and PKCE S256, and exchanges the code with the verifier', async () => {
    const clock = createFakeClock();
    const oauth = flow(clock);
    const started = await oauth.startAuthorization({
      connector: 'acme@1',
      extraParams: { prompt: 'consent' },
      data: { userId: 'u1' },
    });
    const url = new URL(started.url);
    expect(`${url.origin}${url.pathname}`).toBe(`${provider.issuer}/authorize`);
    expect(Object.fromEntries(url.searchParams)).toEqual({
      response_type: 'code',
      client_id: 'weft-app',
      redirect_uri: 'https://weft.example/oauth/callback',
      scope: 'read write',
      state: started.state,
      code_challenge: createHash('sha256').update(started.codeVerifier!).digest('base64url'),
      code_challenge_method: 'S256',
      access_type: 'offline',
      prompt: 'consent',
    });
    expect(started.state).toMatch(/^[\w-]{43}$/);
    expect(started.codeVerifier).toMatch(/^[\w-]{43}$/);
    expect(started.expiresAt).toBe(clock.now() + 600_000);

    const callback = await provider.authorize(started.url);
    expect(callback.state).toBe(started.state);
    const completed = await oauth.completeAuthorization(callback);
    expect(completed).toMatchObject({
      connector: 'acme',
      scopes: ['read', 'write'],
      expiresAt: clock.now() + 3600 * 1000,
      data: { userId: 'u1' },
      values: { clientId: 'weft-app', clientSecret: 'app-secret', tokenType: 'Bearer', scope: 'dummy' },
    });
    expect(provider.liveAccessTokens.has(completed.values.accessToken!)).toBe(true);
    expect(provider.liveRefreshTokens.has(completed.values.refreshToken!)).toBe(true);
    const exchange = provider.tokenRequests.at(-1)!;
    expect(exchange).toMatchObject({ grantType: 'authorization_code', status: 200 });
    expect(exchange.body).toMatchObject({
      code: callback.code,
      code_verifier: started.codeVerifier,
      client_id: 'weft-app',
    });

    // The state is single-use.
    await expect(oauth.completeAuthorization(callback)).rejects.toMatchObject({
      code: 'oauth_state_invalid',
      kind: 'auth',
    });
  });

  test('the provider refuses a code presented with the wrong PKCE verifier', async () => {
    const clock = createFakeClock();
    const store = createMemoryOAuthStateStore({ clock });
    const tampering: OAuthStateStore = {
      save: (state, entry) => store.save(state, entry),
      take: async (state) => {
        const entry = await store.take(state);
        return entry && { ...entry, codeVerifier: 'x'.repeat(43) };
      },
    };
    const oauth = flow(clock, tampering);
    const started = await oauth.startAuthorization({ connector: 'acme@1' });
    const failure = oauth.completeAuthorization(await provider.authorize(started.url));
    await expect(failure).rejects.toMatchObject({ code: 'oauth_exchange_failed', kind: 'auth' });
    await expect(failure).rejects.toThrow(/code_verifier provided does not match code_challenge/);
  });

  test('states expire, and denials and misconfigurations fail clearly', async () => {
    const clock = createFakeClock();
    const oauth = flow(clock);
    const started = await oauth.startAuthorization({ connector: 'acme@1' });
    const callback = await provider.authorize(started.url);
    clock.advance(600_001);
    await expect(oauth.completeAuthorization(callback)).rejects.toMatchObject({ code: 'oauth_state_invalid' });

    const declined = await oauth.startAuthorization({ connector: 'acme@1' });
    await expect(
      oauth.completeAuthorization({
        state: declined.state,
        error: 'access_denied',
        errorDescription: 'The user said no',
      }),
    ).rejects.toThrow('The authorization was not granted (access_denied: The user said no)');

    await expect(oauth.startAuthorization({ connector: 'nope@1' })).rejects.toMatchObject({
      code: 'oauth_unknown_connector',
    });
    await expect(oauth.startAuthorization({ connector: 'keyed@1' })).rejects.toMatchObject({
      code: 'oauth_not_supported',
    });
  });
});
