import { createServer, type Server } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { TLSSocket } from 'node:tls';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, test } from 'vitest';
import type { LookupFunction } from '../runtime.js';
import { runAction, startFakeApi, type FakeApi } from '../testing/index.js';
import { apiConnector } from '../test-support/sample-connectors.js';
import { TLS_CERT, TLS_KEY } from '../test-support/tls-fixture.js';

const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  await Promise.all(closers.splice(0).map((close) => close()));
});

async function api(handler: Parameters<typeof startFakeApi>[0]): Promise<FakeApi> {
  const started = await startFakeApi(handler);
  closers.push(() => started.close());
  return started;
}

async function rawServer(handler: Parameters<typeof createServer>[1]): Promise<string> {
  const server: Server = createServer(handler);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  closers.push(
    () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  );
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

const loopbackNames: LookupFunction = (_hostname, _options, callback) =>
  callback(null, [{ address: '127.0.0.1', family: 4 }]);

describe('transport limits', () => {
  test('a response over the size cap fails clearly, with or without content-length', async () => {
    const big = 'x'.repeat(4096);
    const declared = await api(() => ({ body: big }));
    await expect(
      runAction(apiConnector({ baseUrl: declared.url }), 'call', {
        input: { path: '/' },
        outbound: { maxResponseBytes: 1024 },
      }),
    ).rejects.toMatchObject({
      code: 'connector_response_too_large',
      kind: 'upstream',
      retryable: false,
      message: /larger than the 1024 bytes limit/,
    });
    const chunked = await rawServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/plain' });
      for (let i = 0; i < 8; i++) res.write('y'.repeat(512));
      res.end();
    });
    await expect(
      runAction(apiConnector({ baseUrl: chunked }), 'call', {
        input: { path: '/' },
        outbound: { maxResponseBytes: 1024 },
      }),
    ).rejects.toMatchObject({ code: 'connector_response_too_large' });
  });

  test('the whole-request timeout fails with a timeout error', async () => {
    const slow = await rawServer(() => undefined);
    await expect(
      runAction(apiConnector({ baseUrl: slow }), 'call', {
        input: { path: '/' },
        outbound: { timeout: 100 },
        retry: { attempts: 1 },
      }),
    ).rejects.toMatchObject({ kind: 'timeout', retryable: true, message: /did not answer within 100 ms/ });
  });
});

describe('redirects', () => {
  test('followed up to 5 times, then a clear error', async () => {
    const loop = await api((request) => ({
      status: 302,
      headers: { location: `/hop/${Number(request.path.split('/')[2] ?? 0) + 1}` },
    }));
    await expect(
      runAction(apiConnector({ baseUrl: loop.url }), 'call', { input: { path: '/hop/0' } }),
    ).rejects.toMatchObject({
      code: 'connector_too_many_redirects',
    });
    expect(loop.requests.map((r) => r.path)).toEqual(['/hop/0', '/hop/1', '/hop/2', '/hop/3', '/hop/4', '/hop/5']);
  });

  test('credentials go along on same-origin redirects only; 303 turns a POST into a GET', async () => {
    const other = await api(() => ({ json: { where: 'other' } }));
    const home = await api((request) =>
      request.path === '/start'
        ? { status: 307, headers: { location: '/same' } }
        : request.path === '/same'
          ? { status: 303, headers: { location: `http://elsewhere.test:${new URL(other.url).port}/landing` } }
          : { status: 404 },
    );
    const { output } = await runAction(
      apiConnector({ baseUrl: home.url, auth: { kind: 'apiKey', in: 'header', name: 'X-Api-Key' } }),
      'call',
      {
        input: { path: '/start', method: 'POST', json: { a: 1 } },
        credentials: { apiKey: 'k-123456' },
        outbound: { allowOnly: true, allow: ['127.0.0.1', 'elsewhere.test'], lookup: loopbackNames },
      },
    );
    expect(output).toEqual([{ status: 200, body: { where: 'other' } }]);
    expect(home.requests.map((r) => [r.method, r.path, r.headers['x-api-key'], r.body])).toEqual([
      ['POST', '/start', 'k-123456', '{"a":1}'],
      ['POST', '/same', 'k-123456', '{"a":1}'],
    ]);
    expect(other.requests.map((r) => [r.method, r.path, r.headers['x-api-key'], r.body])).toEqual([
      ['GET', '/landing', undefined, ''],
    ]);
  });
});

describe('TLS', () => {
  test('connects to the checked address while verifying the certificate against the host name', async () => {
    const server = createHttpsServer({ key: TLS_KEY, cert: TLS_CERT }, (req, res) => {
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ host: req.headers.host, sni: (req.socket as TLSSocket).servername }));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    closers.push(() => new Promise<void>((resolve) => server.close(() => resolve())));
    const port = (server.address() as AddressInfo).port;
    const outbound = { allow: ['secure.test', 'wrong.test'], lookup: loopbackNames, ca: TLS_CERT };
    const { output } = await runAction(apiConnector({ baseUrl: `https://secure.test:${port}` }), 'call', {
      input: { path: '/' },
      outbound,
    });
    expect(output).toEqual([{ status: 200, body: { host: `secure.test:${port}`, sni: 'secure.test' } }]);
    await expect(
      runAction(apiConnector({ baseUrl: `https://wrong.test:${port}` }), 'call', { input: { path: '/' }, outbound }),
    ).rejects.toMatchObject({
      kind: 'network',
      retryable: false,
      message: expect.stringMatching(
        /^Could not reach wrong\.test:\d+: TLS certificate problem: .*does not match certificate's altnames/,
      ),
    });
  });
});
