// Connectors used by the SDK's own tests (not part of the build).
import {
  defineAction,
  defineConnector,
  defineTrigger,
  verifyGithubSignature,
  type AuthSpec,
  type RateLimit,
} from '../index.js';

export const echo = defineAction({
  key: 'echo',
  title: 'Echo',
  description: 'Returns its input',
  input: {
    type: 'object',
    properties: { text: { type: 'string' }, times: { type: 'integer', minimum: 1, default: 1 } },
    required: ['text'],
    additionalProperties: false,
  } as const,
  output: { type: 'object', properties: { text: { type: 'string' } }, required: ['text'] } as const,
  async run(ctx) {
    return { text: ctx.input.text.repeat(ctx.input.times ?? 1) };
  },
});

/** GET/POST a path on the connector's base URL and return status and body. */
export const call = defineAction({
  key: 'call',
  title: 'Call',
  description: 'Calls the API',
  input: {
    type: 'object',
    properties: {
      path: { type: 'string' },
      method: { enum: ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] },
      url: { type: 'string' },
      parallel: { type: 'integer', minimum: 1 },
      json: {},
    },
    additionalProperties: false,
  } as const,
  output: {} as const,
  async run(ctx) {
    const once = () =>
      ctx.http.request({
        method: ctx.input.method ?? 'GET',
        url: ctx.input.url ?? ctx.input.path ?? '/',
        ...(ctx.input.json === undefined ? {} : { json: ctx.input.json }),
      });
    const responses = await Promise.all(Array.from({ length: ctx.input.parallel ?? 1 }, once));
    return responses.map((r) => ({ status: r.status, body: r.body as never }));
  },
});

export function apiConnector(
  options: {
    name?: string;
    version?: string;
    auth?: AuthSpec;
    rateLimits?: RateLimit[];
    baseUrl?: string;
    idempotencyHeader?: string | false;
  } = {},
) {
  return defineConnector({
    name: options.name ?? 'api',
    version: options.version ?? '1.0.0',
    title: 'Test API',
    description: 'A connector for tests',
    auth: options.auth ?? { kind: 'none' },
    ...(options.rateLimits ? { rateLimits: options.rateLimits } : {}),
    ...(options.baseUrl ? { baseUrl: options.baseUrl } : {}),
    ...(options.idempotencyHeader === undefined ? {} : { idempotencyHeader: options.idempotencyHeader }),
    actions: [echo, call],
    triggers: [
      defineTrigger({
        key: 'newThing',
        title: 'New thing',
        description: 'Polls for things',
        kind: 'polling',
        output: { type: 'object', properties: { id: { type: 'string' } }, required: ['id'] } as const,
        async poll(ctx) {
          const response = await ctx.http.request<{ id: string }[]>({ url: '/things' });
          return { items: response.body, cursor: response.body.length };
        },
        dedupeKey: (item) => item.id,
      }),
      defineTrigger({
        key: 'pushed',
        title: 'Pushed',
        description: 'GitHub-style push webhook',
        kind: 'webhook',
        verify: (request, secret) =>
          verifyGithubSignature({ payload: request.rawBody, header: request.headers['x-hub-signature-256'], secret }),
        eventId: (request) => request.headers['x-github-delivery'],
        toEvents: (request) => [request.body ?? null],
      }),
      defineTrigger({
        key: 'daily',
        title: 'Daily',
        description: 'Every day at nine',
        kind: 'schedule',
        schedule: { cron: '0 9 * * *', timezone: 'UTC' },
      }),
    ],
  });
}
