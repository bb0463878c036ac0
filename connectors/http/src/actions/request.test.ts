import { runAction, startFakeApi, type FakeApi, type FakeApiRequest } from '@weft/sdk/testing';
import { afterAll, beforeAll, expect, test } from 'vitest';
import connector from '../index.js';

// Tests reach the fake through the outbound allow-list, as a self-hoster calling an internal API would.
const outbound = { allow: ['127.0.0.1'] };
let api: FakeApi;
const last = (): FakeApiRequest => api.requests.at(-1)!;

const people = Array.from({ length: 7 }, (_, i) => ({ id: i + 1, name: `person ${i + 1}` }));

beforeAll(async () => {
  api = await startFakeApi({
    'GET /echo': (request) => ({ json: { query: request.query, auth: request.headers.authorization ?? null } }),
    'POST /echo': (request) => ({
      json: { contentType: request.headers['content-type'], body: request.body, json: request.json ?? null },
    }),
    'GET /text': () => ({ headers: { 'content-type': 'text/plain' }, body: '{"looks":"like json"}' }),
    'GET /missing': () => ({ status: 404, json: { error: { message: 'No such thing' } } }),
    'GET /expired': () => ({ status: 401, json: { error: { message: 'token expired' } } }),
    // Link-header pages of 3 people, relative links.
    'GET /people': (request) => {
      const page = Number(request.query.page ?? '1');
      const slice = people.slice((page - 1) * 3, page * 3);
      const headers: Record<string, string> = {};
      if (page * 3 < people.length) headers.link = `</people?page=${page + 1}>; rel="next"`;
      return { json: slice, headers };
    },
    // Body-link pages.
    'GET /people-body': (request) => {
      const page = Number(request.query.page ?? '1');
      const next = page * 3 < people.length ? `${api.url}/people-body?page=${page + 1}` : null;
      return { json: { results: people.slice((page - 1) * 3, page * 3), links: { next } } };
    },
    // Cursor pages: the cursor is the last id seen.
    'GET /people-cursor': (request) => {
      const after = Number(request.query.after ?? '0');
      const slice = people.filter((p) => p.id > after).slice(0, Number(request.query.limit ?? '3'));
      return { json: { data: slice, meta: { next: slice.length ? String(slice.at(-1)!.id) : null } } };
    },
    'GET /stuck-cursor': () => ({ json: { data: [{ id: 1 }], next: 'same' } }),
    'GET /elsewhere': () => ({
      json: [1],
      headers: { link: `<${api.url.replace('127.0.0.1', 'localhost')}/x>; rel=next` },
    }),
  });
});
afterAll(() => api.close());

test('sends method, query and headers with a bearer connection and parses JSON', async () => {
  const { output } = await runAction(connector, 'request', {
    input: {
      url: `${api.url}/echo`,
      query: { q: 'shoes', tag: ['a', 'b'], n: 2, skip: null },
      headers: { 'X-Trace': 't1' },
    },
    credentials: { token: 'tok_123' },
    outbound,
  });
  expect(output.status).toBe(200);
  expect(output.body).toEqual({ query: { q: 'shoes', tag: 'b', n: '2' }, auth: 'Bearer [redacted]' });
  expect(last().headers.authorization).toBe('Bearer tok_123');
  expect(last().headers['x-trace']).toBe('t1');
  expect(new URL(output.url).searchParams.getAll('tag')).toEqual(['a', 'b']);
});

test("a write request carries the step's Idempotency-Key; a step may opt out, and a key set in headers wins", async () => {
  const post = async (options: { headers?: Record<string, string>; sendIdempotencyKey?: boolean }) => {
    await runAction(connector, 'request', {
      input: {
        method: 'POST',
        url: `${api.url}/echo`,
        json: { a: 1 },
        ...(options.headers ? { headers: options.headers } : {}),
      },
      idempotencyKey: 'run_42:notify',
      ...(options.sendIdempotencyKey === undefined ? {} : { sendIdempotencyKey: options.sendIdempotencyKey }),
      outbound,
    });
    return last().headers['idempotency-key'];
  };
  expect(await post({})).toBe('run_42:notify');
  expect(await post({ sendIdempotencyKey: false })).toBeUndefined();
  expect(await post({ headers: { 'Idempotency-Key': 'clerk-evt_9' } })).toBe('clerk-evt_9');
});

test('applies basic, API key (header or query), OAuth2 token and empty connections', async () => {
  const call = async (
    credentials: Record<string, string>,
    apiKey?: { in?: 'header' | 'query'; name?: string; prefix?: string },
  ) => {
    await runAction(connector, 'request', {
      input: { url: `${api.url}/echo`, ...(apiKey ? { apiKey } : {}) },
      credentials,
      outbound,
    });
    return last();
  };
  expect((await call({ username: 'ann', password: 's3cret' })).headers.authorization).toBe(
    `Basic ${Buffer.from('ann:s3cret').toString('base64')}`,
  );
  expect((await call({ apiKey: 'key_1' })).headers['x-api-key']).toBe('key_1');
  expect((await call({ apiKey: 'key_1' }, { name: 'Authorization', prefix: 'Token ' })).headers.authorization).toBe(
    'Token key_1',
  );
  const inQuery = await call({ apiKey: 'key_1' }, { in: 'query', name: 'api_key' });
  expect(inQuery.query.api_key).toBe('key_1');
  expect(inQuery.headers.authorization).toBeUndefined();
  expect((await call({ accessToken: 'at_9', refreshToken: 'rt_9' })).headers.authorization).toBe('Bearer at_9');
  const none = await call({});
  expect(none.headers.authorization).toBeUndefined();
  expect(none.headers['x-api-key']).toBeUndefined();
});

test('sends JSON, form and raw bodies', async () => {
  const send = async (input: Record<string, unknown>) =>
    (
      await runAction(connector, 'request', {
        input: { method: 'POST', url: `${api.url}/echo`, ...input },
        credentials: {},
        outbound,
      })
    ).output.body;
  expect(await send({ json: { a: [1, 2] } })).toMatchObject({ contentType: 'application/json', json: { a: [1, 2] } });
  expect(await send({ form: { a: 'x y', b: 2 } })).toMatchObject({
    contentType: 'application/x-www-form-urlencoded',
    body: 'a=x+y&b=2',
  });
  expect(await send({ body: '<a/>', contentType: 'application/xml' })).toMatchObject({
    contentType: 'application/xml',
    body: '<a/>',
  });
  await expect(send({ json: {}, body: 'x' })).rejects.toMatchObject({ code: 'connector_validation' });
});

test('parses the response as asked: auto by content type, text, or JSON', async () => {
  const get = async (responseType: 'auto' | 'json' | 'text') =>
    (
      await runAction(connector, 'request', {
        input: { url: `${api.url}/text`, responseType },
        credentials: {},
        outbound,
      })
    ).output.body;
  expect(await get('auto')).toBe('{"looks":"like json"}');
  expect(await get('text')).toBe('{"looks":"like json"}');
  expect(await get('json')).toEqual({ looks: 'like json' });
});

test('fails on 4xx with the API message, or returns the response when failOnError is off', async () => {
  await expect(
    runAction(connector, 'request', { input: { url: `${api.url}/missing` }, credentials: {}, outbound }),
  ).rejects.toMatchObject({ kind: 'notFound', message: expect.stringContaining('No such thing') });
  const { output } = await runAction(connector, 'request', {
    input: { url: `${api.url}/missing`, failOnError: false },
    credentials: {},
    outbound,
  });
  expect(output).toMatchObject({ status: 404, body: { error: { message: 'No such thing' } } });
});

test('a refused OAuth2 token says to reconnect', async () => {
  await expect(
    runAction(connector, 'request', {
      input: { url: `${api.url}/expired` },
      credentials: { accessToken: 'old' },
      outbound,
    }),
  ).rejects.toMatchObject({ kind: 'auth', message: expect.stringContaining('reconnect') });
});

test('refuses 127.0.0.1 when the outbound allow-list does not include it (SSRF guard)', async () => {
  const before = api.requests.length;
  await expect(
    runAction(connector, 'request', {
      input: { url: `${api.url}/echo` },
      credentials: {},
      outbound: { allowOnly: false, allow: [] },
    }),
  ).rejects.toMatchObject({ code: 'connector_address_blocked', message: expect.stringContaining('127.0.0.1') });
  expect(api.requests.length).toBe(before);
});

test('follows Link rel="next" pages and concatenates them', async () => {
  const { output } = await runAction(connector, 'request', {
    input: { url: `${api.url}/people`, pagination: { type: 'nextLink' } },
    credentials: {},
    outbound,
  });
  expect(output.pages).toBe(3);
  expect(output.items).toEqual(people);
  expect(output.hasMore).toBe(false);
  expect(output.nextUrl).toBeNull();
});

test('follows a next link from the body and reads items at a path', async () => {
  const { output } = await runAction(connector, 'request', {
    input: {
      url: `${api.url}/people-body`,
      pagination: { type: 'nextLink', nextPath: 'links.next', itemsPath: 'results' },
    },
    credentials: {},
    outbound,
  });
  expect(output.items).toEqual(people);
});

test('follows a cursor into a query parameter, keeping the other parameters and the API key', async () => {
  const { output } = await runAction(connector, 'request', {
    input: {
      url: `${api.url}/people-cursor`,
      query: { limit: 3 },
      apiKey: { in: 'query', name: 'key' },
      pagination: { type: 'cursor', itemsPath: 'data', cursorPath: 'meta.next', cursorParam: 'after' },
    },
    credentials: { apiKey: 'k_1' },
    outbound,
  });
  expect(output.items).toEqual(people);
  expect(output.pages).toBe(4); // 3 + 3 + 1, then an empty page
  expect(api.requests.slice(-4).map((r) => r.query)).toEqual([
    { limit: '3', key: 'k_1' },
    { limit: '3', key: 'k_1', after: '3' },
    { limit: '3', key: 'k_1', after: '6' },
    { limit: '3', key: 'k_1', after: '7' },
  ]);
});

test('stops at maxPages and says where to continue', async () => {
  const { output } = await runAction(connector, 'request', {
    input: {
      url: `${api.url}/people-cursor`,
      pagination: { type: 'cursor', itemsPath: 'data', cursorPath: 'meta.next', cursorParam: 'after', maxPages: 2 },
    },
    credentials: {},
    outbound,
  });
  expect(output).toMatchObject({ pages: 2, hasMore: true, nextCursor: '6' });
  expect(output.items).toEqual(people.slice(0, 6));
});

test('stops when the API repeats a cursor', async () => {
  const { output } = await runAction(connector, 'request', {
    input: {
      url: `${api.url}/stuck-cursor`,
      pagination: { type: 'cursor', itemsPath: 'data', cursorPath: 'next', cursorParam: 'c' },
    },
    credentials: {},
    outbound,
  });
  expect(output).toMatchObject({ pages: 2, hasMore: false, items: [{ id: 1 }, { id: 1 }] });
});

test('refuses a next link to another origin, where the credentials would follow', async () => {
  await expect(
    runAction(connector, 'request', {
      input: { url: `${api.url}/elsewhere`, pagination: { type: 'nextLink' } },
      credentials: { token: 'tok' },
      outbound,
    }),
  ).rejects.toMatchObject({ message: expect.stringContaining('Refused to follow the next-page link') });
});

test('the connection secret never appears in the output', async () => {
  const { output } = await runAction(connector, 'request', {
    input: { url: `${api.url}/echo` },
    credentials: { token: 'very-secret-token' },
    outbound,
  });
  expect(JSON.stringify(output)).not.toContain('very-secret-token');
  expect(output.body).toMatchObject({ auth: 'Bearer [redacted]' });
});
