// Single sign-on routes (OpenID Connect), spread into the route list (routes.ts). All are public: the login page
// asks how to sign in, and the browser is sent to the identity provider and back before anyone is signed in.
export { SSO_ERRORS, type SsoErrorCode } from '../error-codes/sso.js';

/** The query parameter the login page reads a failed single sign-on from (`/login?sso_error=sso_denied`). */
export const SSO_ERROR_PARAM = 'sso_error';

export const ssoOptionsSchema = {
  type: 'object',
  required: ['passwordLogin', 'providers'],
  properties: {
    passwordLogin: {
      type: 'boolean',
      description: 'Whether password sign-in is open to everyone (off: only the break-glass owner may use it)',
    },
    providers: {
      type: 'array',
      items: {
        type: 'object',
        required: ['id', 'label', 'startUrl'],
        properties: {
          id: { const: 'oidc' },
          label: { type: 'string', description: 'The button reads "Sign in with <label>"' },
          startUrl: { type: 'string', description: 'Where the button sends the browser' },
        },
      },
    },
  },
} as const;

const nextQuery = {
  type: 'object',
  properties: {
    next: { type: 'string', maxLength: 2000, description: 'A same-origin path to land on once signed in' },
  },
} as const;

/** What an identity provider sends back (it may add parameters of its own: `iss`, `session_state`...). */
const callbackQuery = {
  type: 'object',
  properties: {
    state: { type: 'string', maxLength: 500 },
    code: { type: 'string', maxLength: 4000 },
    error: { type: 'string', maxLength: 200 },
    error_description: { type: 'string', maxLength: 2000 },
  },
} as const;

export const SSO_ROUTES = {
  ssoOptions: {
    method: 'get',
    path: '/api/auth/sso',
    summary: 'How to sign in here: the single sign-on provider, if any, and whether password sign-in is open',
    access: 'public',
    responses: { 200: ssoOptionsSchema },
  },
  oidcStart: {
    method: 'get',
    path: '/api/auth/oidc/start',
    summary: 'Start an OpenID Connect sign-in: redirects to the identity provider (PKCE S256, state and nonce)',
    access: 'public',
    query: nextQuery,
    responses: { 302: null },
  },
  oidcCallback: {
    method: 'get',
    path: '/api/auth/oidc/callback',
    summary:
      "The identity provider's redirect back: checks state, code, PKCE and nonce, provisions or links the user, sets the session cookie and redirects to the editor (or to the login page with sso_error)",
    access: 'public',
    query: callbackQuery,
    responses: { 302: null },
  },
} as const;
