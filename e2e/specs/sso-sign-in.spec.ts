// Scenario: single sign-on in the browser. A local OpenID provider (oidc-provider, started here on 127.0.0.1) and
// a Weft of its own configured for it, with password sign-in off but for the break-glass owner: the login page
// offers only "Sign in with Test IdP"; signing in on the provider's page lands in the editor as a user created
// just now, with the role the provider's group maps to. A cancelled sign-in comes back to the login page with the
// reason.
import { createServer } from 'node:net';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startTestIdp, type TestIdp } from '../../packages/server/src/test-support/oidc-provider.js';
import { screenshot } from '../lib/editor.js';
import { expect, test } from '../lib/fixtures.js';
import { startWeft, type StartedWeft } from '../lib/weft-server.mjs';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const CLIENT = { clientId: 'weft-e2e', clientSecret: 'weft-e2e-client-secret' };

let idp: TestIdp;
let weft: StartedWeft;
let weftUrl: string;

function freePort(): Promise<number> {
  return new Promise((ok, fail) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? ok(address.port) : fail(new Error('no port'))));
    });
  });
}

test.beforeAll(async () => {
  idp = await startTestIdp([
    { login: 'ada', email: 'ada@corp.test', emailVerified: true, groups: ['staff', 'weft-editors'] },
  ]);
  const port = await freePort();
  weftUrl = `http://127.0.0.1:${port}`;
  idp.register({ ...CLIENT, redirectUri: `${weftUrl}/api/auth/oidc/callback` });
  weft = await startWeft({
    root: ROOT,
    port,
    env: {
      WEFT_PUBLIC_URL: weftUrl,
      WEFT_OWNER_EMAIL: 'root@weft.test',
      WEFT_OWNER_PASSWORD: 'break-glass-password-1',
      WEFT_OIDC_ISSUER: idp.issuer,
      WEFT_OIDC_CLIENT_ID: CLIENT.clientId,
      WEFT_OIDC_CLIENT_SECRET: CLIENT.clientSecret,
      WEFT_OIDC_SCOPES: 'openid email profile groups',
      WEFT_OIDC_ROLE_MAP: 'weft-admins=owner,weft-editors=editor',
      WEFT_OIDC_LABEL: 'Test IdP',
      WEFT_PASSWORD_LOGIN: 'off',
      WEFT_BREAK_GLASS_EMAIL: 'root@weft.test',
    },
  });
});

test.afterAll(async () => {
  await weft?.stop();
  await idp?.close();
});

test('signing in with the identity provider provisions the user with the mapped role', async ({ page }) => {
  await page.goto(`${weftUrl}/runs`);
  await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible();
  const ssoButton = page.getByRole('link', { name: 'Sign in with Test IdP' });
  await expect(ssoButton).toBeVisible();
  await expect(page.getByText('Password sign-in is turned off on this server.')).toBeVisible();
  await expect(page.getByLabel('Password')).toHaveCount(0);
  await screenshot(page, 'sso-sign-in-1-login-page');

  await ssoButton.click();
  await expect(page.getByRole('heading', { name: 'Test identity provider' })).toBeVisible();
  await page.getByLabel('Username').fill('ada');
  await screenshot(page, 'sso-sign-in-2-provider-page');
  await page.getByRole('button', { name: 'Continue' }).click();

  // Back in the editor, on the page that asked for the sign-in, as the provisioned user.
  await page.waitForURL(`${weftUrl}/runs`);
  await expect(page.getByText('ada@corp.test')).toBeVisible();
  await expect(page.getByText('ada@corp.test')).toHaveAttribute('title', /^editor · /);
  await expect(page.getByText('Loading runs…')).toHaveCount(0);
  const me = await page.request.get(`${weftUrl}/api/auth/me`);
  expect(await me.json()).toMatchObject({ user: { email: 'ada@corp.test', role: 'editor' }, via: 'session' });
  await screenshot(page, 'sso-sign-in-3-signed-in-as-editor');
});

test('a cancelled sign-in comes back to the login page with the reason', async ({ page }) => {
  await page.goto(`${weftUrl}/`);
  await page.getByRole('link', { name: 'Sign in with Test IdP' }).click();
  await page.getByRole('button', { name: 'Cancel' }).click();
  await expect(page.getByTestId('sso-error')).toHaveText('The identity provider did not sign you in.');
  await screenshot(page, 'sso-sign-in-4-cancelled');
});

test('the break-glass owner still signs in with a password', async ({ page }) => {
  await page.goto(`${weftUrl}/login?password=1`);
  await page.getByLabel('Email').fill('root@weft.test');
  await page.getByLabel('Password').fill('break-glass-password-1');
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Flows', exact: true })).toBeVisible();
  await expect(page.getByText('root@weft.test')).toHaveAttribute('title', /^owner · /);
});
