// GraphQL: posts a query or mutation with variables; GraphQL `errors` fail the step (see graphql-errors.ts)
// unless partial data is allowed and some data came back.
import { ConnectorError, defineAction } from '@weft/sdk';
import { applyConnection, expiredTokenHint } from '../connection-auth.js';
import { graphqlError, isMutation, type GraphqlError } from '../graphql-errors.js';
import { apiKeyInput, headersInput } from '../schemas.js';

interface GraphqlBody {
  data?: unknown;
  errors?: GraphqlError[];
  extensions?: unknown;
}

export const graphql = defineAction({
  key: 'graphql',
  title: 'GraphQL',
  description: 'Runs a GraphQL query or mutation with variables; GraphQL errors fail the step.',
  input: {
    type: 'object',
    properties: {
      url: { type: 'string', format: 'uri', title: 'Endpoint URL', pattern: '^[Hh][Tt][Tt][Pp][Ss]?://' },
      query: { type: 'string', minLength: 1, title: 'Query' },
      variables: { type: 'object', title: 'Variables' },
      operationName: { type: 'string', title: 'Operation name' },
      headers: headersInput,
      apiKey: apiKeyInput,
      allowPartialData: {
        type: 'boolean',
        default: false,
        description: 'Succeed with data and errors when some fields resolved',
      },
      timeout: { type: 'integer', minimum: 1, maximum: 300_000 },
    },
    required: ['url', 'query'],
    additionalProperties: false,
  } as const,
  output: {
    type: 'object',
    properties: { data: {}, errors: { type: 'array' }, extensions: {} },
    required: ['data'],
    additionalProperties: false,
  } as const,
  async run(ctx) {
    const { url, query, variables, operationName, allowPartialData, timeout } = ctx.input;
    const connection = applyConnection(ctx.auth, ctx.input.apiKey);
    const headers: Record<string, string> = { accept: 'application/graphql-response+json, application/json' };
    Object.assign(headers, connection.headers);
    for (const [name, value] of Object.entries(ctx.input.headers ?? {})) headers[name.toLowerCase()] = value;
    let response;
    try {
      response = await ctx.http.request<GraphqlBody | string>({
        method: 'POST',
        url,
        query: connection.query,
        headers,
        json: { query, ...(variables ? { variables } : {}), ...(operationName ? { operationName } : {}) },
        responseType: 'json',
        throwHttpErrors: false,
        auth: false,
        ...(timeout === undefined ? {} : { timeout }),
      });
    } catch (error) {
      throw expiredTokenHint(connection.kind, error);
    }
    const { status, body } = response;
    const host = new URL(response.url).host;
    const errors = body && typeof body === 'object' && Array.isArray(body.errors) ? body.errors : [];
    const hasData = body !== null && typeof body === 'object' && body.data !== undefined && body.data !== null;
    if (errors.length > 0 && !(allowPartialData && hasData)) {
      // `data` absent (not null) means the request failed before execution: a request error.
      const executed = body !== null && typeof body === 'object' && 'data' in body;
      throw graphqlError({ errors, executed, status, isMutation: isMutation(query, operationName), host });
    }
    if (status >= 400 || typeof body !== 'object' || body === null) {
      throw new ConnectorError({
        kind: status === 401 || status === 403 ? 'auth' : status >= 500 || status < 400 ? 'upstream' : 'validation',
        ...(status >= 400 ? { status } : { retryable: false }),
        message: `${host} answered ${status} without a GraphQL result${typeof body === 'string' && body ? `: ${body.slice(0, 200)}` : ''}`,
      });
    }
    return {
      data: body.data ?? null,
      ...(errors.length > 0 ? { errors } : {}),
      ...(body.extensions === undefined ? {} : { extensions: body.extensions }),
    };
  },
});
