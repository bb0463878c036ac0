// The OpenID Connect relying party, through openid-client: the authorization code flow with PKCE (S256), state
// and nonce. The pending sign-in (verifier, nonce, where to land) waits server-side in the OAuth state store the
// connectors use (single use, 10 minutes; Redis or the database when there are several processes), keyed by the
// state. The provider's metadata is discovered at the first sign-in and kept; a failed discovery is retried at
// the next one, so Weft starts while the provider is down.
import type { OAuthStateStore } from '@weft/sdk/runtime';
import * as client from 'openid-client';
import { SsoFailure } from './sso-failure.js';

const PENDING_TTL_MS = 10 * 60_000;
const CALLBACK_PATH = '/api/auth/oidc/callback';
/** Marks OIDC sign-ins among the OAuth state store's entries (connectors use `name@major`). */
const ENTRY_KIND = 'weft:oidc';

export interface OidcSettings {
  issuer: string;
  clientId: string;
  clientSecret?: string;
  /** Absent: `<base URL>/api/auth/oidc/callback`. */
  redirectUrl?: string;
  scopes: readonly string[];
  label: string;
  /** Top-level claims sign-in needs (email, the groups claim): missing from the ID token, they are read from userinfo. */
  neededClaims?: readonly string[];
}

/** What the provider says about who signed in, after every check passed. */
export interface OidcIdentity {
  issuer: string;
  subject: string;
  email?: string;
  emailVerified?: boolean;
  claims: Readonly<Record<string, unknown>>;
  /** The same-origin path the sign-in was started for. */
  next?: string;
}

export interface OidcSignIn {
  readonly label: string;
  /** A new pending sign-in and the provider URL to send the browser to. */
  start(next?: string): Promise<{ url: string; state: string }>;
  /** Completes the pending sign-in of `state` with the provider's redirect (its whole query string). */
  finish(state: string, query: string): Promise<OidcIdentity>;
}

export interface OidcSignInOptions {
  settings: OidcSettings;
  stateStore: OAuthStateStore;
  /** The public base URL of this server (read when needed: with port 0 it is known only once listening). */
  baseUrl: () => string;
  now?: () => number;
}

export function createOidcSignIn(options: OidcSignInOptions): OidcSignIn {
  const { settings, stateStore } = options;
  const now = options.now ?? Date.now;
  const redirectUri = () => settings.redirectUrl ?? `${options.baseUrl()}${CALLBACK_PATH}`;
  let discovered: Promise<client.Configuration> | undefined;

  const configuration = (): Promise<client.Configuration> => {
    discovered ??= client
      .discovery(new URL(settings.issuer), settings.clientId, settings.clientSecret, undefined, {
        timeout: 10,
        // config.ts accepts http only for a provider on loopback (a local or test provider).
        ...(settings.issuer.startsWith('http:') ? { execute: [client.allowInsecureRequests] } : {}),
      })
      .catch((error: unknown) => {
        discovered = undefined;
        throw new SsoFailure('sso_unavailable', `Cannot read the provider's configuration: ${reason(error)}.`);
      });
    return discovered;
  };

  return {
    label: settings.label,

    async start(next) {
      const config = await configuration();
      const codeVerifier = client.randomPKCECodeVerifier();
      const state = client.randomState();
      const nonce = client.randomNonce();
      await stateStore.save(state, {
        connector: ENTRY_KIND,
        redirectUri: redirectUri(),
        scopes: [...settings.scopes],
        codeVerifier,
        expiresAt: now() + PENDING_TTL_MS,
        data: { nonce, ...(next ? { next } : {}) },
      });
      const url = client.buildAuthorizationUrl(config, {
        redirect_uri: redirectUri(),
        scope: settings.scopes.join(' '),
        code_challenge: await client.calculatePKCECodeChallenge(codeVerifier),
        code_challenge_method: 'S256',
        state,
        nonce,
      });
      return { url: url.href, state };
    },

    async finish(state, query) {
      const entry = await stateStore.take(state);
      const nonce = entry?.data?.nonce;
      if (!entry || entry.connector !== ENTRY_KIND || !entry.codeVerifier || typeof nonce !== 'string')
        throw new SsoFailure('sso_state_invalid', 'This sign-in attempt is unknown, expired or already used.');
      const next = typeof entry.data?.next === 'string' ? entry.data.next : undefined;
      const params = new URLSearchParams(query);
      const error = params.get('error');
      if (error) {
        const description = params.get('error_description');
        throw new SsoFailure(
          'sso_denied',
          `The identity provider answered ${error}${description ? `: ${description}` : ''}.`,
        );
      }
      const config = await configuration();
      // The redirect URI as registered (not as the Host header says): openid-client sends it with the code.
      const current = new URL(entry.redirectUri);
      current.search = params.toString();
      let tokens: Awaited<ReturnType<typeof client.authorizationCodeGrant>>;
      try {
        tokens = await client.authorizationCodeGrant(config, current, {
          pkceCodeVerifier: entry.codeVerifier,
          expectedNonce: nonce,
          expectedState: state,
          idTokenExpected: true,
        });
      } catch (cause) {
        throw failureOf(cause);
      }
      const idClaims = tokens.claims();
      if (!idClaims) throw new SsoFailure('sso_token_invalid', 'The identity provider sent no ID token.');
      let claims: Record<string, unknown> = { ...idClaims };
      // Many providers put email and groups in the userinfo answer only (the ID token of a code flow is lean).
      const needed = settings.neededClaims ?? ['email'];
      if (needed.some((name) => claims[name] === undefined) && config.serverMetadata().userinfo_endpoint) {
        try {
          const info = await client.fetchUserInfo(config, tokens.access_token, idClaims.sub);
          claims = { ...info, ...idClaims };
        } catch (cause) {
          throw failureOf(cause);
        }
      }
      return {
        issuer: idClaims.iss,
        subject: idClaims.sub,
        ...(typeof claims.email === 'string' ? { email: claims.email.trim().toLowerCase() } : {}),
        ...(typeof claims.email_verified === 'boolean' ? { emailVerified: claims.email_verified } : {}),
        claims,
        ...(next ? { next } : {}),
      };
    },
  };
}

/** A refusal by the provider or a failed check is the sign-in's fault; a network failure is the provider's. */
function failureOf(cause: unknown): SsoFailure {
  if (cause instanceof SsoFailure) return cause;
  if (cause instanceof client.AuthorizationResponseError)
    return new SsoFailure('sso_denied', `The identity provider answered ${cause.error}.`);
  if (cause instanceof client.ResponseBodyError)
    return new SsoFailure('sso_token_invalid', `The identity provider refused the code: ${cause.error}.`);
  if (cause instanceof client.ClientError && cause.code !== 'OAUTH_TIMEOUT') {
    const detail = cause.cause instanceof Error ? ` (${cause.cause.message})` : '';
    return new SsoFailure(
      'sso_token_invalid',
      `The identity provider's answer failed a check: ${cause.message}${detail}.`,
    );
  }
  return new SsoFailure('sso_unavailable', `The identity provider could not be reached: ${reason(cause)}.`);
}

const reason = (error: unknown): string => (error instanceof Error ? error.message : String(error));
