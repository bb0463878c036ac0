// Single sign-on across web processes: the provider's redirect may land on another process than the one that
// started the sign-in. On PostgreSQL without Redis the pending sign-in (verifier, nonce) waits in the database
// (the OAuth state table the connectors use), so the other process completes it, once.
import { randomBytes } from 'node:crypto';
import { pino } from 'pino';
import { dropSchema, POSTGRES_URL } from './test-support/services.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestIdp, walkSignIn, type TestIdp } from './test-support/oidc-provider.js';
import { startTestRuntime, type TestRuntime } from './test-support/runtime.js';

const CLIENT = { clientId: 'weft', clientSecret: 'weft-client-secret' };
const schema = `weft_sso_${randomBytes(5).toString('hex')}`;
let idp: TestIdp;
const webs: TestRuntime[] = [];

beforeAll(async () => {
  idp = await startTestIdp([{ login: 'ada', email: 'ada@corp.test', emailVerified: true, groups: ['ops'] }]);
  for (let i = 0; i < 2; i++) {
    webs.push(
      await startTestRuntime({
        role: 'web',
        databaseUrl: POSTGRES_URL,
        databaseSchema: schema,
        logger: pino({ level: 'error' }),
        env: {
          WEFT_OIDC_ISSUER: idp.issuer,
          WEFT_OIDC_CLIENT_ID: CLIENT.clientId,
          WEFT_OIDC_CLIENT_SECRET: CLIENT.clientSecret,
          WEFT_OIDC_SCOPES: 'openid email groups',
          WEFT_OIDC_ROLE_MAP: 'ops=operator',
        },
      }),
    );
  }
  idp.register({ ...CLIENT, redirectUri: `${localhost(webs[0]!)}/api/auth/oidc/callback` });
}, 60_000);

afterAll(async () => {
  await Promise.all(webs.map((web) => web.close()));
  await idp?.close();
  await dropSchema(schema);
});

const localhost = (web: TestRuntime) => web.url.replace('127.0.0.1', 'localhost');

describe('single sign-on in a cluster on PostgreSQL', () => {
  it('completes on the other web process a sign-in started on the first, and only once', async () => {
    const [a, b] = webs as [TestRuntime, TestRuntime];
    const walk = await walkSignIn({ weftUrl: localhost(a), login: 'ada', callbackBase: localhost(b) });
    expect(walk.response.status).toBe(302);
    expect(walk.response.headers.get('location')).toBe('/');
    const me = await walk.jar.fetch(`${localhost(a)}/api/auth/me`);
    expect(await me.json()).toMatchObject({ user: { email: 'ada@corp.test', role: 'operator' } });

    const state = new URL(walk.callbackUrl).searchParams.get('state')!;
    walk.jar.cookies.set('weft_oidc_state', state);
    const replay = await walk.jar.fetch(walk.callbackUrl.replace(localhost(b), localhost(a)));
    expect(new URL(replay.headers.get('location')!, localhost(a)).searchParams.get('sso_error')).toBe(
      'sso_state_invalid',
    );
  });
});
