// Connecting Google: the authorization code flow with PKCE (S256) and offline access, through the SDK's
// OAuth flow, against the fake token endpoint.
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { createConnectorRegistry, createMemoryOAuthStateStore, createOAuthFlow } from '@weft/sdk/runtime';
import { startFakeGoogle, type FakeGoogle } from './test-support/fake-google.js';
import { googleAt } from './test-support/google-options.js';

let google: FakeGoogle;
beforeAll(async () => {
  google = await startFakeGoogle();
});
afterAll(() => google.close());

test('asks for offline access with a PKCE S256 challenge and exchanges the code with its verifier', async () => {
  const registry = createConnectorRegistry();
  registry.register(googleAt(google));
  const flow = createOAuthFlow({
    connectors: registry,
    stateStore: createMemoryOAuthStateStore(),
    clients: () => ({ clientId: 'client-1.apps.googleusercontent.com', clientSecret: 'gcp-secret' }),
    redirectUri: 'https://weft.example/oauth/callback',
    outbound: { allowOnly: true, allow: ['127.0.0.1'] },
  });
  const started = await flow.startAuthorization({ connector: 'google@1' });
  const url = new URL(started.url);
  expect(url.origin + url.pathname).toBe('https://accounts.google.com/o/oauth2/v2/auth');
  expect(Object.fromEntries(url.searchParams)).toMatchObject({
    response_type: 'code',
    access_type: 'offline',
    prompt: 'consent',
    code_challenge_method: 'S256',
    code_challenge: createHash('sha256').update(started.codeVerifier!).digest('base64url'),
    scope: expect.stringContaining('https://www.googleapis.com/auth/gmail.send'),
  });

  const completed = await flow.completeAuthorization({ state: started.state, code: 'auth-code-1' });
  expect(completed.values).toMatchObject({
    refreshToken: '1//refresh-ok',
    accessToken: expect.stringMatching(/^ya29\./),
  });
  const exchange = new URLSearchParams(google.api.requests.at(-1)!.body);
  expect(exchange.get('code_verifier')).toBe(started.codeVerifier);
  await registry.close();
});
