import { runAction, startFakeApi, type FakeApi } from '@weft/sdk/testing';
import { afterAll, beforeAll, expect, test } from 'vitest';
import connector from '../index.js';

const outbound = { allow: ['127.0.0.1'] };
let api: FakeApi;

interface GraphqlRequest {
  query: string;
  variables?: Record<string, unknown>;
  operationName?: string;
}

beforeAll(async () => {
  api = await startFakeApi({
    'POST /graphql': (request) => {
      const { query, variables } = request.json as GraphqlRequest;
      if (query.includes('syntax error')) {
        return {
          status: 400,
          json: {
            errors: [{ message: 'Syntax Error: Unexpected Name', extensions: { code: 'GRAPHQL_PARSE_FAILED' } }],
          },
        };
      }
      if (query.includes('partial')) {
        return { json: { data: { a: 1, b: null }, errors: [{ message: 'b failed', path: ['b'] }] } };
      }
      if (query.includes('mutation')) {
        return { json: { data: null, errors: [{ message: 'insert failed', path: ['add'] }] } };
      }
      if (query.includes('private')) {
        return { json: { errors: [{ message: 'Not signed in', extensions: { code: 'UNAUTHENTICATED' } }] } };
      }
      return { json: { data: { user: { id: variables?.id, login: 'ann' } } } };
    },
    'POST /not-graphql': () => ({
      status: 502,
      headers: { 'content-type': 'text/html' },
      body: '<h1>Bad gateway</h1>',
    }),
  });
});
afterAll(() => api.close());

/** Runs the graphql action without a connection against the fake API (`/graphql` unless `path` says otherwise). */
function graphql(
  query: string,
  more: { allowPartialData?: boolean; path?: string; retry?: { attempts: number } } = {},
) {
  return runAction(connector, 'graphql', {
    input: {
      url: `${api.url}/${more.path ?? 'graphql'}`,
      query,
      ...(more.allowPartialData ? { allowPartialData: true } : {}),
    },
    credentials: {},
    outbound,
    ...(more.retry ? { retry: more.retry } : {}),
  });
}

test('posts query, variables and operation name with the connection', async () => {
  const { output } = await runAction(connector, 'graphql', {
    input: {
      url: `${api.url}/graphql`,
      query: 'query User($id: ID!) { user(id: $id) { id login } }',
      variables: { id: 'u1' },
      operationName: 'User',
    },
    credentials: { token: 'gh_tok' },
    outbound,
  });
  expect(output).toEqual({ data: { user: { id: 'u1', login: 'ann' } } });
  const sent = api.requests.at(-1)!;
  expect(sent.json).toEqual({
    query: 'query User($id: ID!) { user(id: $id) { id login } }',
    variables: { id: 'u1' },
    operationName: 'User',
  });
  expect(sent.headers.authorization).toBe('Bearer gh_tok');
});

test('a document that does not parse fails as a validation error', async () => {
  await expect(graphql('{ syntax error')).rejects.toMatchObject({
    kind: 'validation',
    retryable: false,
    message: expect.stringContaining('Syntax Error: Unexpected Name'),
  });
});

test('execution errors fail as upstream errors, not retried for mutations', async () => {
  await expect(graphql('mutation { add(n: 1) }')).rejects.toMatchObject({
    kind: 'upstream',
    retryable: false,
    message: expect.stringContaining('insert failed (at add)'),
  });
});

test('partial data fails unless allowed', async () => {
  await expect(graphql('{ partial { a b } }')).rejects.toMatchObject({ kind: 'upstream', retryable: true });
  const { output } = await graphql('{ partial { a b } }', { allowPartialData: true });
  expect(output).toEqual({ data: { a: 1, b: null }, errors: [{ message: 'b failed', path: ['b'] }] });
});

test('UNAUTHENTICATED is an auth error', async () => {
  await expect(graphql('{ private }')).rejects.toMatchObject({ kind: 'auth' });
});

test('a non-GraphQL error answer fails with its status', async () => {
  await expect(graphql('{ a }', { path: 'not-graphql', retry: { attempts: 1 } })).rejects.toMatchObject({
    kind: 'upstream',
    status: 502,
  });
});
