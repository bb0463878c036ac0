// Single sign-on over HTTP against a real OpenID provider (oidc-provider on 127.0.0.1): the authorization code
// flow with PKCE, state and nonce; just-in-time provisioning with the default role or the role of a mapped group;
// linking by verified email; refusals sent back to the login page; password sign-in off but for the break-glass
// owner.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { capturingLogger } from './test-support/log-capture.js';
import { CookieJar, startTestIdp, walkSignIn, type TestIdp } from './test-support/oidc-provider.js';
import { startTestRuntime, type TestRuntime } from './test-support/runtime.js';

const OWNER = { email: 'owner@weft.test', password: 'owner-password-123' };
const CLIENT = { clientId: 'weft', clientSecret: 'weft-client-secret' };
const SSO_ENV = {
  WEFT_OIDC_CLIENT_ID: CLIENT.clientId,
  WEFT_OIDC_CLIENT_SECRET: CLIENT.clientSecret,
  WEFT_OIDC_SCOPES: 'openid email profile groups',
  WEFT_OIDC_ROLE_MAP: 'weft-admins=owner,weft-editors=editor',
  WEFT_OIDC_LABEL: 'Test IdP',
};

let idp: TestIdp;
let weft: TestRuntime;
/** Weft's base URL as it names itself in its redirect URI (no WEFT_PUBLIC_URL: localhost and its port). */
let weftUrl: string;
const log = capturingLogger();

beforeAll(async () => {
  idp = await startTestIdp([
    { login: 'alice', email: 'alice@corp.test', emailVerified: true, groups: ['weft-editors'] },
    { login: 'bob', email: 'bob@corp.test', emailVerified: true },
    { login: 'carol', email: 'carol@corp.test', emailVerified: true, groups: ['weft-editors', 'weft-admins'] },
    { login: 'owner-sso', email: OWNER.email, emailVerified: true },
    { login: 'eve', email: 'eve@corp.test', emailVerified: false },
    { login: 'nomail' },
  ]);
  weft = await startTestRuntime({
    owner: OWNER,
    logger: log.logger,
    env: { ...SSO_ENV, WEFT_OIDC_ISSUER: idp.issuer },
  });
  weftUrl = weft.url.replace('127.0.0.1', 'localhost');
  idp.register({ ...CLIENT, redirectUri: `${weftUrl}/api/auth/oidc/callback` });
});

afterAll(async () => {
  await weft?.close();
  await idp?.close();
});

async function me(jar: CookieJar): Promise<{ user: { id: string; email: string; role: string } }> {
  const response = await jar.fetch(`${weftUrl}/api/auth/me`);
  expect(response.status).toBe(200);
  return (await response.json()) as { user: { id: string; email: string; role: string } };
}

const ssoError = (response: Response) =>
  new URL(response.headers.get('location') ?? '/', weftUrl).searchParams.get('sso_error');

describe('single sign-on with OpenID Connect', () => {
  it('tells the login page about the provider and that password sign-in is open', async () => {
    const response = await fetch(`${weft.url}/api/auth/sso`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({
      passwordLogin: true,
      providers: [{ id: 'oidc', label: 'Test IdP', startUrl: '/api/auth/oidc/start' }],
    });
  });

  it('signs in with PKCE (S256), state and nonce, provisions the user with the mapped role and lands on next', async () => {
    const walk = await walkSignIn({ weftUrl, login: 'alice', next: '/flows?x=1' });
    const asked = walk.authorizationUrl.searchParams;
    expect(asked.get('code_challenge_method')).toBe('S256');
    expect(asked.get('code_challenge')).toMatch(/^[\w-]{43}$/);
    expect(asked.get('state')).toMatch(/^[\w-]{20,}$/);
    expect(asked.get('nonce')).toMatch(/^[\w-]{20,}$/);
    expect(asked.get('redirect_uri')).toBe(`${weftUrl}/api/auth/oidc/callback`);
    expect(asked.has('code_verifier')).toBe(false);
    expect(walk.response.status).toBe(302);
    expect(walk.response.headers.get('location')).toBe('/flows?x=1');
    expect(walk.jar.cookies.has('weft_session')).toBe(true);
    expect(walk.jar.cookies.has('weft_oidc_state')).toBe(false);
    const first = await me(walk.jar);
    expect(first.user).toMatchObject({ email: 'alice@corp.test', role: 'editor' });

    const again = await walkSignIn({ weftUrl, login: 'alice' });
    expect(again.response.headers.get('location')).toBe('/');
    expect((await me(again.jar)).user.id).toBe(first.user.id);
    const users = (await (await weft.api('/api/users')).json()) as { items: { email: string }[] };
    expect(users.items.filter((u) => u.email === 'alice@corp.test')).toHaveLength(1);
  });

  it('gives a user in no mapped group the default role (viewer)', async () => {
    const walk = await walkSignIn({ weftUrl, login: 'bob' });
    expect((await me(walk.jar)).user).toMatchObject({ email: 'bob@corp.test', role: 'viewer' });
  });

  it('maps the highest of several groups, and applies the mapping again at every sign-in', async () => {
    const carol = await walkSignIn({ weftUrl, login: 'carol' });
    expect((await me(carol.jar)).user.role).toBe('owner');

    idp.accounts.set('carol', { ...idp.accounts.get('carol')!, groups: ['weft-editors'] });
    expect((await me((await walkSignIn({ weftUrl, login: 'carol' })).jar)).user.role).toBe('editor');
    // No mapped group at all: the role stays as it is (an owner may have set it by hand).
    idp.accounts.set('carol', { ...idp.accounts.get('carol')!, groups: ['unrelated'] });
    expect((await me((await walkSignIn({ weftUrl, login: 'carol' })).jar)).user.role).toBe('editor');
  });

  it('links a first sign-in to the existing account with the same verified email', async () => {
    const walk = await walkSignIn({ weftUrl, login: 'owner-sso' });
    const signedIn = await me(walk.jar);
    const login = await fetch(`${weft.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(OWNER),
    });
    const byPassword = (await login.json()) as { user: { id: string } };
    expect(signedIn.user).toMatchObject({ id: byPassword.user.id, email: OWNER.email, role: 'owner' });
  });

  it('never demotes the last owner through a group mapping, and records a mapped role change in the audit log', async () => {
    idp.accounts.set('owner-sso', { ...idp.accounts.get('owner-sso')!, groups: ['weft-editors'] });
    const walk = await walkSignIn({ weftUrl, login: 'owner-sso' });
    expect((await me(walk.jar)).user).toMatchObject({ email: OWNER.email, role: 'owner' });
    idp.accounts.set('owner-sso', { ...idp.accounts.get('owner-sso')!, groups: [] });

    idp.accounts.set('carol', { ...idp.accounts.get('carol')!, groups: ['weft-admins'] });
    const carol = await me((await walkSignIn({ weftUrl, login: 'carol' })).jar);
    expect(carol.user.role).toBe('owner');
    const audit = (await (await weft.api(`/api/audit?action=auth.sign_in&targetId=${carol.user.id}`)).json()) as {
      items: { changes: unknown }[];
    };
    expect(audit.items[0]?.changes).toEqual({ role: { from: 'editor', to: 'owner' } });
  });

  it('refuses to link an account by an email the provider has not verified, and a sign-in without email', async () => {
    const created = await weft.api('/api/users', {
      method: 'POST',
      json: { email: 'eve@corp.test', password: 'eve-password-123', role: 'editor' },
    });
    expect(created.status).toBe(201);
    const eve = await walkSignIn({ weftUrl, login: 'eve' });
    expect(eve.response.status).toBe(302);
    expect(ssoError(eve.response)).toBe('sso_email_unverified');
    expect(eve.jar.cookies.has('weft_session')).toBe(false);

    const nomail = await walkSignIn({ weftUrl, login: 'nomail' });
    expect(ssoError(nomail.response)).toBe('sso_email_missing');
  });

  it('refuses a deactivated user at once, and records every sign-in and refusal in the audit log', async () => {
    const dave = { login: 'dave', email: 'dave@corp.test', emailVerified: true, groups: ['weft-editors'] };
    idp.accounts.set('dave', dave);
    const first = await walkSignIn({ weftUrl, login: 'dave' });
    const { user } = await me(first.jar);
    expect((await weft.api(`/api/users/${user.id}/deactivate`, { method: 'POST' })).status).toBe(200);
    expect((await first.jar.fetch(`${weftUrl}/api/auth/me`)).status).toBe(401);

    const refused = await walkSignIn({ weftUrl, login: 'dave' });
    expect(ssoError(refused.response)).toBe('sso_account_deactivated');
    expect(refused.jar.cookies.has('weft_session')).toBe(false);

    const audit = (await (await weft.api(`/api/audit?targetId=${user.id}`)).json()) as {
      items: { action: string; outcome: string; error?: string; actor: { email: string | null } }[];
    };
    const signIns = audit.items.filter((entry) => entry.action.startsWith('auth.'));
    expect(signIns).toEqual([
      expect.objectContaining({ action: 'auth.sign_in_failed', outcome: 'failure', error: 'sso_account_deactivated' }),
      expect.objectContaining({
        action: 'auth.sign_in',
        outcome: 'success',
        actor: expect.objectContaining({ email: dave.email }),
      }),
    ]);
  });

  it('refuses a code whose PKCE challenge was not the one Weft made (the provider checks the verifier)', async () => {
    const walk = await walkSignIn({
      weftUrl,
      login: 'bob',
      tamper: (url) => url.searchParams.set('code_challenge', 'A'.repeat(43)),
    });
    expect(ssoError(walk.response)).toBe('sso_token_invalid');
    expect(walk.jar.cookies.has('weft_session')).toBe(false);
  });

  it('refuses an ID token whose nonce is not the one Weft stored', async () => {
    const walk = await walkSignIn({
      weftUrl,
      login: 'bob',
      tamper: (url) => url.searchParams.set('nonce', 'a-nonce-weft-never-made'),
    });
    expect(ssoError(walk.response)).toBe('sso_token_invalid');
    expect(walk.jar.cookies.has('weft_session')).toBe(false);
  });

  it('uses a state once: the same callback again is refused, with or without the browser cookie', async () => {
    const walk = await walkSignIn({ weftUrl, login: 'bob' });
    expect(walk.response.headers.get('location')).toBe('/');
    const state = new URL(walk.callbackUrl).searchParams.get('state')!;

    const replay = new CookieJar();
    replay.cookies.set('weft_oidc_state', state);
    const again = await replay.fetch(walk.callbackUrl);
    expect(again.status).toBe(302);
    expect(ssoError(again)).toBe('sso_state_invalid');
    expect(replay.cookies.has('weft_session')).toBe(false);

    const stranger = await fetch(walk.callbackUrl, { redirect: 'manual' });
    expect(ssoError(stranger)).toBe('sso_state_invalid');
  });

  it('refuses a callback whose state was started in another browser (login CSRF)', async () => {
    const attacker = new CookieJar();
    const start = await attacker.fetch(`${weftUrl}/api/auth/oidc/start`);
    const state = new URL(start.headers.get('location')!).searchParams.get('state')!;
    const victim = new CookieJar();
    const response = await victim.fetch(`${weftUrl}/api/auth/oidc/callback?state=${state}&code=stolen`);
    expect(ssoError(response)).toBe('sso_state_invalid');
  });

  it('answers an API caller with problem+json instead of a redirect', async () => {
    const response = await fetch(`${weft.url}/api/auth/oidc/callback?state=unknown&code=x`, {
      headers: { accept: 'application/json' },
      redirect: 'manual',
    });
    expect(response.status).toBe(400);
    expect(response.headers.get('content-type')).toContain('application/problem+json');
    expect(await response.json()).toMatchObject({ code: 'sso_state_invalid' });
  });

  it('sends a cancelled sign-in back to the login page', async () => {
    const walk = await walkSignIn({ weftUrl, cancel: true });
    expect(ssoError(walk.response)).toBe('sso_denied');
  });

  it('reports every sign-in as an event (logged by default) that holds no code, token or secret', async () => {
    const walk = await walkSignIn({ weftUrl, login: 'bob' });
    const code = new URL(walk.callbackUrl).searchParams.get('code')!;
    const bob = await me(walk.jar);
    const denied = await walkSignIn({ weftUrl, cancel: true });
    expect(ssoError(denied.response)).toBe('sso_denied');
    const events = log.entries.filter((entry) => entry.signIn !== undefined).map((entry) => entry.signIn);
    expect(events).toContainEqual(
      expect.objectContaining({ outcome: 'succeeded', method: 'oidc', userId: bob.user.id, role: 'viewer' }),
    );
    expect(events).toContainEqual(expect.objectContaining({ outcome: 'failed', method: 'oidc', code: 'sso_denied' }));
    const logged = JSON.stringify(log.entries);
    expect(logged).not.toContain(CLIENT.clientSecret);
    expect(logged).not.toContain(code);
    expect(logged).not.toContain(walk.jar.cookies.get('weft_session')!);
  });

  it('ignores a next that leaves the origin', async () => {
    const walk = await walkSignIn({ weftUrl, login: 'bob', next: '//evil.example/' });
    expect(walk.response.headers.get('location')).toBe('/');
  });
});

describe('without single sign-on configured', () => {
  let plain: TestRuntime;
  beforeAll(async () => {
    plain = await startTestRuntime({ owner: OWNER, env: {} });
  });
  afterAll(async () => {
    await plain?.close();
  });

  it('offers no provider, and sends a start or callback back to the login page (or answers 404 to an API caller)', async () => {
    expect(await (await fetch(`${plain.url}/api/auth/sso`)).json()).toEqual({ passwordLogin: true, providers: [] });
    const start = await fetch(`${plain.url}/api/auth/oidc/start`, { redirect: 'manual' });
    expect(start.status).toBe(302);
    expect(ssoError(start)).toBe('sso_not_configured');
    const callback = await fetch(`${plain.url}/api/auth/oidc/callback?state=x&code=y`, {
      headers: { accept: 'application/json' },
    });
    expect(callback.status).toBe(404);
    expect(await callback.json()).toMatchObject({ code: 'sso_not_configured' });
  });
});

describe('password sign-in switched off', () => {
  let locked: TestRuntime;
  const lockedLog = capturingLogger();

  beforeAll(async () => {
    locked = await startTestRuntime({
      owner: OWNER,
      logger: lockedLog.logger,
      env: {
        ...SSO_ENV,
        WEFT_OIDC_ISSUER: idp.issuer,
        WEFT_PASSWORD_LOGIN: 'off',
        WEFT_BREAK_GLASS_EMAIL: OWNER.email,
      },
    });
    const created = await locked.api('/api/users', {
      method: 'POST',
      json: { email: 'editor@weft.test', password: 'editor-password-123', role: 'editor' },
    });
    expect(created.status).toBe(201);
  });

  afterAll(async () => {
    await locked?.close();
  });

  const login = (email: string, password: string) =>
    fetch(`${locked.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email, password }),
    });

  it('tells the login page that password sign-in is closed', async () => {
    const response = await fetch(`${locked.url}/api/auth/sso`);
    expect(await response.json()).toMatchObject({ passwordLogin: false, providers: [{ label: 'Test IdP' }] });
  });

  it('lets the break-glass owner in with a password', async () => {
    const response = await login(OWNER.email, OWNER.password);
    expect(response.status).toBe(200);
    expect(response.headers.getSetCookie().join()).toContain('weft_session=');
  });

  it('refuses anyone else with password_login_disabled, and a wrong password as before', async () => {
    const refused = await login('editor@weft.test', 'editor-password-123');
    expect(refused.status).toBe(403);
    expect(await refused.json()).toMatchObject({ code: 'password_login_disabled' });
    expect(refused.headers.getSetCookie()).toEqual([]);
    const wrong = await login('editor@weft.test', 'not-the-password');
    expect(wrong.status).toBe(401);
    const events = lockedLog.entries.filter((entry) => entry.signIn !== undefined).map((entry) => entry.signIn);
    expect(events).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ outcome: 'failed', method: 'password', code: 'password_login_disabled' }),
        expect.objectContaining({ outcome: 'failed', method: 'password', code: 'invalid_credentials' }),
      ]),
    );
    expect(JSON.stringify(lockedLog.entries)).not.toContain('editor-password-123');
  });
});
