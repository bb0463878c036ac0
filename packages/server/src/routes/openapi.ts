// The OpenAPI 3.1 description of the HTTP API, served at /api/openapi.json (no authentication needed).
import { flowJsonSchema } from '@weft/core';
import { publicRouter } from '../http/routers.js';

type Op = [
  method: string,
  path: string,
  summary: string,
  options?: { body?: object; ok?: number; role?: string; public?: boolean },
];

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const json = (schema: object) => ({ 'application/json': { schema } });

const OPERATIONS: Op[] = [
  ['get', '/healthz', 'Liveness', { public: true }],
  ['get', '/readyz', 'Readiness: database reachable and migrations applied', { public: true }],
  ['get', '/api/openapi.json', 'This document', { public: true }],
  [
    'post',
    '/hooks/{flowId}',
    'Webhook ingress: persists the event and its run, answers 202 {runId} (or the flow response)',
    { public: true, ok: 202 },
  ],
  [
    'post',
    '/api/auth/login',
    'Sign in; sets an httpOnly session cookie',
    {
      public: true,
      body: {
        type: 'object',
        required: ['email', 'password'],
        properties: { email: { type: 'string' }, password: { type: 'string' } },
      },
    },
  ],
  ['post', '/api/auth/logout', 'Sign out', { ok: 204 }],
  ['get', '/api/auth/me', 'The signed-in user'],
  ['get', '/api/auth/tokens', 'Your API tokens'],
  [
    'post',
    '/api/auth/tokens',
    'Create an API token (the secret is shown once)',
    {
      ok: 201,
      body: {
        type: 'object',
        required: ['name'],
        properties: { name: { type: 'string' }, role: { enum: ['owner', 'editor', 'operator', 'viewer'] } },
      },
    },
  ],
  ['delete', '/api/auth/tokens/{id}', 'Delete an API token', { ok: 204 }],
  ['get', '/api/users', 'Users', { role: 'owner' }],
  ['post', '/api/users', 'Create a user', { role: 'owner', ok: 201 }],
  ['get', '/api/flows', 'Flows'],
  ['post', '/api/flows', 'Create a flow from a definition', { role: 'editor', ok: 201, body: ref('Flow') }],
  ['post', '/api/flows/validate', 'Validate a definition without saving it', { role: 'editor', body: ref('Flow') }],
  ['get', '/api/flows/{id}', 'A flow with its draft definition'],
  ['put', '/api/flows/{id}', 'Replace the draft definition', { role: 'editor', body: ref('Flow') }],
  ['delete', '/api/flows/{id}', 'Delete a flow with its versions and runs', { role: 'editor', ok: 204 }],
  ['post', '/api/flows/{id}/validate', 'Validate the saved draft', { role: 'editor' }],
  ['post', '/api/flows/{id}/publish', 'Freeze the draft as a new immutable version', { role: 'editor', ok: 201 }],
  ['get', '/api/flows/{id}/versions', 'Published versions, newest first'],
  ['post', '/api/flows/{id}/activate', 'Let triggers start runs of the active version', { role: 'editor' }],
  ['post', '/api/flows/{id}/deactivate', 'Stop triggers', { role: 'editor' }],
  [
    'post',
    '/api/flows/{id}/test',
    'Run the draft on sample input',
    { role: 'editor', ok: 202, body: { type: 'object', properties: { input: {} } } },
  ],
  [
    'post',
    '/api/flows/{id}/steps/{nodeId}/test',
    'Run one step with supplied input',
    {
      role: 'editor',
      body: {
        type: 'object',
        properties: {
          input: {
            type: 'object',
            properties: { trigger: {}, steps: { type: 'object' }, item: {}, index: { type: 'integer' } },
          },
        },
      },
    },
  ],
  ['get', '/api/runs', 'Runs, newest first; filters flow, status, since, until; cursor pagination'],
  ['get', '/api/runs/{id}', 'A run with its steps (input, output, error, attempts, timings) and subflow children'],
  ['get', '/api/runs/{id}/logs', "A run's logs"],
  ['post', '/api/runs/{id}/retry', 'Re-run from the failed step with the same input', { role: 'operator', ok: 202 }],
  ['post', '/api/runs/{id}/cancel', 'Cancel a queued or running run', { role: 'operator', ok: 202 }],
  ['get', '/api/credentials', 'Credentials (secret values are never returned)'],
  [
    'post',
    '/api/credentials',
    'Store a credential (values are encrypted at rest)',
    {
      role: 'editor',
      ok: 201,
      body: {
        type: 'object',
        required: ['connector', 'name', 'kind', 'values'],
        properties: {
          connector: { type: 'string' },
          name: { type: 'string' },
          kind: { enum: ['none', 'apiKey', 'basic', 'bearer', 'oauth2'] },
          values: { type: 'object', additionalProperties: { type: 'string' } },
        },
      },
    },
  ],
  ['get', '/api/credentials/{id}', 'A credential (without its secret values)'],
  [
    'put',
    '/api/credentials/{id}',
    'Reconnect in place: new secret values under the same id',
    {
      role: 'editor',
      body: {
        type: 'object',
        required: ['values'],
        properties: { name: { type: 'string' }, values: { type: 'object', additionalProperties: { type: 'string' } } },
      },
    },
  ],
  ['delete', '/api/credentials/{id}', 'Delete a credential', { role: 'editor', ok: 204 }],
  ['post', '/api/credentials/{id}/test', 'Check that a credential is usable', { role: 'editor' }],
  [
    'get',
    '/api/oauth/{connector}/start',
    'Start an OAuth2 authorization (redirects to the provider)',
    { role: 'editor', ok: 302 },
  ],
  ['get', '/api/oauth/callback', 'OAuth2 callback (state-checked, single use)', { public: true }],
  ['get', '/api/connectors', 'Connector manifests for the editor palette'],
  ['get', '/api/connectors/breakers', 'Circuit breaker state per connector and host'],
  ['get', '/api/connectors/problems', 'Connector packages that could not be loaded, and why'],
];

export type RouteNeeds = 'public' | 'viewer' | 'operator' | 'editor' | 'owner';

/** Every route with what its caller needs: the role matrix of docs/access.md, checked by authz-matrix.test.ts. */
export const ROUTE_ACCESS: readonly { method: string; path: string; needs: RouteNeeds }[] = OPERATIONS.map(
  ([method, path, , options = {}]) => ({
    method: method.toUpperCase(),
    path,
    needs: options.public ? 'public' : ((options.role ?? 'viewer') as RouteNeeds),
  }),
);

export const openApiDocument = (() => {
  const paths: Record<string, Record<string, object>> = {};
  for (const [method, path, summary, options = {}] of OPERATIONS) {
    const parameters = [...path.matchAll(/\{(\w+)\}/g)].map((m) => ({
      name: m[1],
      in: 'path',
      required: true,
      schema: { type: 'string' },
    }));
    const ok = String(options.ok ?? 200);
    paths[path] ??= {};
    paths[path][method] = {
      summary,
      ...(options.role ? { description: `Requires the ${options.role} role.` } : {}),
      ...(parameters.length ? { parameters } : {}),
      ...(options.public ? { security: [] } : {}),
      ...(options.body ? { requestBody: { required: true, content: json(options.body) } } : {}),
      responses: {
        [ok]: { description: 'Success', ...(ok === '204' ? {} : { content: json({ type: 'object' }) }) },
        default: {
          description: 'A problem (RFC 9457)',
          content: { 'application/problem+json': { schema: ref('Problem') } },
        },
      },
    };
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Weft API',
      version: '1',
      description:
        'Every error is application/problem+json. Authenticate with a bearer API token or a session cookie (then send X-Weft-Request: 1 on writes).',
    },
    security: [{ bearer: [] }, { session: [] }],
    paths,
    components: {
      securitySchemes: {
        bearer: { type: 'http', scheme: 'bearer' },
        session: { type: 'apiKey', in: 'cookie', name: 'weft_session' },
      },
      schemas: {
        Flow: flowJsonSchema,
        Problem: {
          type: 'object',
          required: ['type', 'title', 'status', 'detail'],
          properties: {
            type: { type: 'string' },
            title: { type: 'string' },
            status: { type: 'integer' },
            detail: { type: 'string' },
            instance: { type: 'string' },
            pointer: { type: 'string' },
            problems: {
              type: 'array',
              items: {
                type: 'object',
                properties: {
                  code: { type: 'string' },
                  message: { type: 'string' },
                  pointer: { type: 'string' },
                  nodeId: { type: 'string' },
                  field: { type: 'string' },
                },
              },
            },
          },
        },
      },
    },
  };
})();

export function openApiRoutes() {
  const router = publicRouter();
  router.get('/api/openapi.json', (ctx) => {
    ctx.body = openApiDocument;
  });
  return router;
}
