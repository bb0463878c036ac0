// OAuth2 authorization code flow through the server's routes, against oauth2-mock-server on 127.0.0.1.
import type { OAuth2Server } from 'oauth2-mock-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { acmeConnector, startOAuthProvider } from './test-support/oauth-provider.js';
import { freePort } from './test-support/services.js';
import { startTestRuntime, type TestRuntime } from './test-support/runtime.js';

let provider: OAuth2Server;
let weft: TestRuntime;

beforeAll(async () => {
  const started = await startOAuthProvider();
  provider = started.provider;
  const issuer = started.issuer;
  process.env.WEFT_OAUTH_ACME_CLIENT_ID = 'weft-app';
  process.env.WEFT_OAUTH_ACME_CLIENT_SECRET = 'app-secret';
  const port = await freePort();
  weft = await startTestRuntime({
    port,
    publicUrl: `http://127.0.0.1:${port}`,
    outboundAllow: ['127.0.0.1'],
    connectors: [acmeConnector(issuer)],
  });
});
afterAll(async () => {
  await weft?.close();
  await provider?.stop();
});

describe('OAuth2 routes', () => {
  it('starts with state and PKCE, stores the tokens as a credential on callback, and never returns them', async () => {
    const start = await weft.api('/api/oauth/acme/start?credentialName=Acme%20prod', { redirect: 'manual' });
    expect(start.status).toBe(302);
    const authorize = new URL(start.headers.get('location')!);
    expect(authorize.searchParams.get('code_challenge_method')).toBe('S256');
    expect(authorize.searchParams.get('redirect_uri')).toBe(`${weft.url}/api/oauth/callback`);

    // The user's browser at the provider, which redirects back to our callback.
    const atProvider = await fetch(authorize, { redirect: 'manual' });
    const callback = new URL(atProvider.headers.get('location')!);
    expect(callback.pathname).toBe('/api/oauth/callback');
    const done = await fetch(callback);
    expect(done.status).toBe(200);
    expect(await done.text()).toContain('weft:oauth');

    const replay = await fetch(callback);
    expect(replay.status).toBeGreaterThanOrEqual(400);
    expect(replay.headers.get('content-type')).toMatch(/problem\+json/);

    const listed = await (await weft.api('/api/credentials')).text();
    const { items } = JSON.parse(listed) as { items: { name: string; kind: string; status: string }[] };
    expect(items).toEqual([expect.objectContaining({ name: 'Acme prod', kind: 'oauth2', status: 'connected' })]);
    expect(listed).not.toMatch(/accessToken|refreshToken|app-secret/);
  });
});
