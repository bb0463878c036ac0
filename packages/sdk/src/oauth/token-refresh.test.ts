import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { type Credential } from '../index.js';
import { createConnectorRegistry, createMemoryCredentialProvider, type ConnectorRegistry } from '../runtime.js';
import { createFakeClock, type FakeClock } from '../testing/index.js';
import { startTestProvider, type TestProvider } from '../test-support/oauth-provider.js';
import { actionContext } from '../test-support/action-context.js';

let provider: TestProvider;
beforeAll(async () => {
  provider = await startTestProvider();
});
afterAll(() => provider.close());

/** A credential as the authorization code flow stores it, obtained from the mock provider. */
async function connectedCredential(clock: FakeClock): Promise<Credential> {
  const response = await fetch(`${provider.issuer}/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'authorization_code',
      code: 'c',
      client_id: 'weft-app',
      redirect_uri: 'https://x/cb',
    }),
  });
  const tokens = (await response.json()) as { access_token: string; refresh_token: string; expires_in: number };
  return {
    id: 'cred_1',
    connector: 'acme',
    kind: 'oauth2',
    name: 'Acme (ann@example.com)',
    status: 'active',
    values: {
      clientId: 'weft-app',
      clientSecret: 'app-secret',
      accessToken: tokens.access_token,
      refreshToken: tokens.refresh_token,
    },
    expiresAt: clock.now() + tokens.expires_in * 1000,
  };
}

async function setup(options: { grant?: 'clientCredentials' } = {}) {
  const clock = createFakeClock();
  const credential =
    options.grant === 'clientCredentials'
      ? {
          id: 'cred_1',
          connector: 'acme',
          kind: 'oauth2' as const,
          values: { clientId: 'svc', clientSecret: 'svc-secret' },
        }
      : await connectedCredential(clock);
  const credentials = createMemoryCredentialProvider([credential]);
  const registry: ConnectorRegistry = createConnectorRegistry({
    clock,
    credentials,
    outbound: { allow: ['127.0.0.1'] },
  });
  registry.register(provider.connector(options.grant ? { grant: options.grant } : {}));
  const logs: string[] = [];
  const run = (parallel = 1) =>
    registry.resolve('acme@1.call')!(
      actionContext(
        { path: '/me', parallel },
        { credentialId: 'cred_1', log: (_level, message) => logs.push(message) },
      ),
    );
  const refreshes = () => provider.tokenRequests.filter((r) => r.grantType === 'refresh_token').length;
  const current = async () => (await credentials.get('cred_1'))!;
  return { clock, credentials, registry, run, refreshes, current, logs, initial: credential };
}

describe('OAuth2 tokens at run time', () => {
  test('refreshes shortly before expiry and stores the rotated refresh token', async () => {
    const { clock, run, refreshes, current, registry, initial } = await setup();
    const before = refreshes();
    await expect(run()).resolves.toEqual([{ status: 200, body: { ok: true } }]);
    expect(refreshes()).toBe(before);

    clock.advance(3600_000 - 30_000);
    await expect(run()).resolves.toEqual([{ status: 200, body: { ok: true } }]);
    expect(refreshes()).toBe(before + 1);
    const after = await current();
    expect(after.values.accessToken).not.toBe(initial.values.accessToken);
    expect(after.values.refreshToken).not.toBe(initial.values.refreshToken);
    expect(after.expiresAt).toBe(clock.now() + 3600_000);
    // Rotation: the provider no longer accepts the old refresh token.
    expect(provider.liveRefreshTokens.has(initial.values.refreshToken!)).toBe(false);
    expect(provider.liveRefreshTokens.has(after.values.refreshToken!)).toBe(true);
    await registry.close();
  });

  test('ten parallel requests with an expired token cause exactly one refresh', async () => {
    const { clock, run, refreshes, current, registry } = await setup();
    const before = refreshes();
    clock.advance(3600_000 + 1);
    const results = (await run(10)) as { status: number }[];
    expect(results.map((r) => r.status)).toEqual(Array(10).fill(200));
    expect(refreshes()).toBe(before + 1);
    const token = (await current()).values.accessToken;
    const seen = provider.api.requests.slice(-10).map((r) => r.headers.authorization);
    expect(seen).toEqual(Array(10).fill(`Bearer ${token}`));
    await registry.close();
  });

  test('a 401 refreshes once and retries; ten parallel 401s share one refresh', async () => {
    const { run, refreshes, current, registry, logs, initial } = await setup();
    const before = refreshes();
    // The provider revoked the access token early (still unexpired by the clock).
    provider.liveAccessTokens.delete(initial.values.accessToken!);
    const results = (await run(10)) as { status: number }[];
    expect(results.map((r) => r.status)).toEqual(Array(10).fill(200));
    expect(refreshes()).toBe(before + 1);
    expect((await current()).values.accessToken).not.toBe(initial.values.accessToken);
    expect(logs.filter((m) => /answered 401; retrying once with a refreshed access token/.test(m))).toHaveLength(10);
    await registry.close();
  });

  test('a revoked grant marks the credential needs_reconnect and fails the step with a clear auth error', async () => {
    const { clock, run, current, registry, refreshes } = await setup();
    provider.revokeAll = true;
    try {
      clock.advance(3600_000 + 1);
      const failure = run();
      await expect(failure).rejects.toMatchObject({
        name: 'ConnectorError',
        kind: 'auth',
        code: 'connector_needs_reconnect',
        fault: 'user',
        retryable: false,
      });
      await expect(failure).rejects.toThrow(
        'The acme connection "Acme (ann@example.com)" was revoked or has expired (invalid_grant). Reconnect it in Settings → Connections, then retry.',
      );
      expect((await current()).status).toBe('needs_reconnect');
      // Later steps fail fast without asking the provider again.
      const asked = refreshes();
      await expect(run()).rejects.toMatchObject({ code: 'connector_needs_reconnect' });
      expect(refreshes()).toBe(asked);
    } finally {
      provider.revokeAll = false;
      await registry.close();
    }
  });

  test('the client credentials grant fetches a token on first use', async () => {
    const { run, current, registry } = await setup({ grant: 'clientCredentials' });
    await expect(run()).resolves.toEqual([{ status: 200, body: { ok: true } }]);
    const request = provider.tokenRequests.at(-1)!;
    expect(request).toMatchObject({ grantType: 'client_credentials', status: 200 });
    expect(request.body).toMatchObject({ scope: 'read write', client_id: 'svc', client_secret: 'svc-secret' });
    expect((await current()).values.accessToken).toBe(
      provider.api.requests.at(-1)?.headers.authorization?.slice('Bearer '.length),
    );
    await registry.close();
  });
});
