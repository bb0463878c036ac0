// Test helpers (not part of the build): a real OpenID provider (oidc-provider, the certified Node OP) on
// 127.0.0.1 with a plain sign-in page, and a browser-like walk through a sign-in (manual redirects, one cookie
// jar) for the HTTP tests. The browser end-to-end spec drives the same provider's page in Chromium.
//
// The provider listens first and gets its client later (`register`), once Weft's redirect URI is known: Weft
// needs the issuer to start, and reads the provider's metadata only at the first sign-in.
import { generateKeyPairSync, randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import Provider, { type Configuration } from 'oidc-provider';

export interface IdpAccount {
  /** The sign-in name on the provider's page, and the subject. */
  login: string;
  email?: string;
  emailVerified?: boolean;
  groups?: string[];
}

export interface IdpClient {
  clientId: string;
  clientSecret: string;
  redirectUri: string;
}

export interface TestIdp {
  issuer: string;
  /** Sign-in names to accounts; add or change accounts between sign-ins. */
  accounts: Map<string, IdpAccount>;
  register(client: IdpClient): void;
  close(): Promise<void>;
}

export async function startTestIdp(accounts: IdpAccount[] = []): Promise<TestIdp> {
  const byLogin = new Map(accounts.map((account) => [account.login, account]));
  let provider: Provider | undefined;
  const server = createServer((req, res) => {
    if (!provider) {
      res.writeHead(503).end('no client registered yet');
      return;
    }
    const current = provider;
    const interaction = /^\/interaction\/([\w-]+)(\/login|\/abort)?$/.exec(
      new URL(req.url ?? '/', 'http://x').pathname,
    );
    if (!interaction) return void current.callback()(req, res);
    interact(current, byLogin, req, res, interaction[1]!, interaction[2]).catch((error: unknown) => {
      res.writeHead(500, { 'content-type': 'text/plain' }).end(String(error));
    });
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    issuer,
    accounts: byLogin,
    register(client) {
      provider = new Provider(issuer, configuration(client, byLogin));
    },
    async close() {
      server.closeAllConnections();
      await new Promise((ok) => server.close(ok));
    },
  };
}

function configuration(client: IdpClient, accounts: Map<string, IdpAccount>): Configuration {
  const key = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ format: 'jwk' });
  return {
    clients: [
      {
        client_id: client.clientId,
        client_secret: client.clientSecret,
        redirect_uris: [client.redirectUri],
        grant_types: ['authorization_code'],
        response_types: ['code'],
        token_endpoint_auth_method: 'client_secret_post',
      },
    ],
    jwks: { keys: [{ ...key, kid: 'test-key', use: 'sig', alg: 'RS256' }] },
    cookies: { keys: [randomUUID()] },
    ttl: { Interaction: 600, Session: 600, Grant: 600, AuthorizationCode: 60, AccessToken: 600, IdToken: 600 },
    // Every client must send a PKCE challenge, and the token endpoint checks the verifier against it.
    pkce: { required: () => true },
    scopes: ['openid', 'email', 'profile', 'groups'],
    claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name'], groups: ['groups'] },
    features: { devInteractions: { enabled: false } },
    interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
    findAccount(_ctx, sub) {
      const account = accounts.get(sub);
      if (!account) return undefined;
      return {
        accountId: sub,
        claims: () => ({
          sub,
          ...(account.email === undefined ? {} : { email: account.email }),
          ...(account.emailVerified === undefined ? {} : { email_verified: account.emailVerified }),
          ...(account.groups === undefined ? {} : { groups: account.groups }),
        }),
      };
    },
    // First-party client: no consent page, the requested scopes are granted.
    async loadExistingGrant(ctx) {
      const accountId = ctx.oidc.session?.accountId;
      if (!accountId || !ctx.oidc.client) return undefined;
      const grant = new ctx.oidc.provider.Grant({ clientId: ctx.oidc.client.clientId, accountId });
      grant.addOIDCScope([...ctx.oidc.requestParamScopes].join(' '));
      await grant.save();
      return grant;
    },
  };
}

async function interact(
  provider: Provider,
  accounts: Map<string, IdpAccount>,
  req: IncomingMessage,
  res: ServerResponse,
  uid: string,
  action: string | undefined,
): Promise<void> {
  if (action === '/abort' && req.method === 'POST') {
    await provider.interactionFinished(req, res, { error: 'access_denied', error_description: 'The user cancelled' });
    return;
  }
  if (action === '/login' && req.method === 'POST') {
    const login = new URLSearchParams(await bodyOf(req)).get('login') ?? '';
    if (accounts.has(login)) {
      await provider.interactionFinished(req, res, { login: { accountId: login } }, { mergeWithLastSubmission: false });
      return;
    }
    return page(res, uid, `No account named ${login}.`);
  }
  await provider.interactionDetails(req, res);
  return page(res, uid);
}

function page(res: ServerResponse, uid: string, error?: string): void {
  const escaped = (text: string) => text.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);
  res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(`<!doctype html>
<title>Test identity provider</title>
<h1>Test identity provider</h1>
${error ? `<p role="alert">${escaped(error)}</p>` : ''}
<form method="post" action="/interaction/${uid}/login">
  <label>Username <input name="login" autocomplete="off" autofocus></label>
  <button type="submit">Continue</button>
</form>
<form method="post" action="/interaction/${uid}/abort"><button type="submit">Cancel</button></form>`);
}

async function bodyOf(req: IncomingMessage): Promise<string> {
  let body = '';
  for await (const chunk of req) body += String(chunk);
  return body;
}

/** Cookies by name, whatever their host or path: enough for one provider and one Weft on loopback. */
export class CookieJar {
  readonly cookies = new Map<string, string>();

  header(): string {
    return [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
  }

  keep(response: Response): void {
    for (const line of response.headers.getSetCookie()) {
      const [pair = '', ...attributes] = line.split(';');
      const at = pair.indexOf('=');
      const name = pair.slice(0, at).trim();
      const gone = attributes.some((a) => /^\s*(max-age=0|expires=thu, 01 jan 1970)/i.test(a));
      if (gone) this.cookies.delete(name);
      else this.cookies.set(name, pair.slice(at + 1).trim());
    }
  }

  async fetch(url: string, init: RequestInit = {}): Promise<Response> {
    const headers = new Headers(init.headers);
    if (this.cookies.size > 0) headers.set('cookie', this.header());
    const response = await fetch(url, { ...init, headers, redirect: 'manual' });
    this.keep(response);
    return response;
  }
}

export interface SignInWalk {
  /** The provider URL Weft's start redirected to. */
  authorizationUrl: URL;
  /** The callback URL the provider sent the browser back to. */
  callbackUrl: string;
  /** Weft's answer to the callback. */
  response: Response;
  jar: CookieJar;
}

/**
 * Walks a browser's way through a sign-in: Weft's start, the provider's page (signing in as `login`, or cancelling),
 * back to Weft's callback. `tamper` may change the authorization URL before the browser follows it.
 */
export async function walkSignIn(options: {
  weftUrl: string;
  login?: string;
  cancel?: boolean;
  next?: string;
  jar?: CookieJar;
  tamper?: (url: URL) => void;
  /** Another Weft process to deliver the callback to (a cluster's other web process). */
  callbackBase?: string;
}): Promise<SignInWalk> {
  const jar = options.jar ?? new CookieJar();
  const next = options.next ? `?next=${encodeURIComponent(options.next)}` : '';
  const start = await jar.fetch(`${options.weftUrl}/api/auth/oidc/start${next}`);
  if (start.status !== 302) throw new Error(`start answered ${start.status}: ${await start.text()}`);
  const authorizationUrl = new URL(start.headers.get('location')!);
  const followed = new URL(authorizationUrl);
  options.tamper?.(followed);
  let response = await jar.fetch(followed.href);
  let location = new URL(response.headers.get('location')!, followed);
  const uid = /\/interaction\/([\w-]+)/.exec(location.pathname)?.[1];
  if (!uid) throw new Error(`the provider did not ask for a sign-in: ${response.status} ${location.href}`);
  await jar.fetch(location.href);
  const action = options.cancel ? 'abort' : 'login';
  response = await jar.fetch(new URL(`/interaction/${uid}/${action}`, location).href, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ login: options.login ?? '' }).toString(),
  });
  // The provider resumes the authorization, then redirects to Weft's callback.
  while (response.status >= 300 && response.status < 400) {
    location = new URL(response.headers.get('location')!, location);
    if (location.pathname === '/api/auth/oidc/callback') break;
    response = await jar.fetch(location.href);
  }
  const callbackUrl = options.callbackBase
    ? `${options.callbackBase}${location.pathname}${location.search}`
    : location.href;
  return { authorizationUrl, callbackUrl, response: await jar.fetch(callbackUrl), jar };
}
