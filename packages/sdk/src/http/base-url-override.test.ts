// A connection's `baseUrl` value replaces the connector's base URL for ctx.http (GitHub Enterprise, local fakes),
// and the SSRF guard still decides where requests may go.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { apiConnector } from '../test-support/sample-connectors.js';
import { runAction, startFakeApi, type FakeApi } from '../testing/index.js';

const connector = apiConnector({
  baseUrl: 'https://api.example.com/v1',
  auth: { kind: 'apiKey', in: 'header', name: 'Authorization', prefix: 'Bearer ' },
});
let api: FakeApi;

beforeAll(async () => {
  api = await startFakeApi((request) => ({ json: { path: request.path } }));
});
afterAll(() => api.close());

describe('a connection with its own baseUrl', () => {
  test('sends relative requests to it, keeping its path, with the connection applied', async () => {
    const { output } = await runAction(connector, 'call', {
      input: { path: '/things' },
      credentials: { apiKey: 'key-1234', baseUrl: `${api.url}/api/v3/` },
    });
    expect(output).toEqual([{ status: 200, body: { path: '/api/v3/things' } }]);
    expect(api.requests.at(-1)?.headers.authorization).toBe('Bearer key-1234');
  });

  test('is not redacted from outputs like a secret', async () => {
    const { output } = await runAction(connector, 'echo', {
      input: { text: `${api.url}/x`, times: 1 },
      credentials: { apiKey: 'key-1234', baseUrl: api.url },
    });
    expect(output).toEqual({ text: `${api.url}/x` });
  });

  test('still passes the SSRF guard: loopback and metadata addresses are refused outside tests', async () => {
    for (const baseUrl of [api.url, 'http://169.254.169.254/latest']) {
      await expect(
        runAction(connector, 'call', {
          input: { path: '/things' },
          credentials: { apiKey: 'key-1234', baseUrl },
          outbound: {
            allowOnly: false,
            allow: [],
            // Were the override ignored, nothing would leave the machine either.
            lookup: (_host, _options, callback) => callback(null, [{ address: '93.184.216.34', family: 4 }]),
            socketFactory: (_options, callback) => callback(new Error('socket factory called'), null),
          },
          retry: { attempts: 1 },
        }),
      ).rejects.toMatchObject({ code: 'connector_address_blocked' });
    }
    expect(api.requests.filter((r) => r.path === '/things')).toHaveLength(0);
  });

  test('must be an http(s) URL', async () => {
    await expect(
      runAction(connector, 'call', {
        input: { path: '/things' },
        credentials: { apiKey: 'key-1234', baseUrl: 'file:///etc/passwd' },
      }),
    ).rejects.toMatchObject({ code: 'connector_bad_base_url' });
  });

  test('without one, the connector’s base URL is used', async () => {
    const { output } = await runAction(connector, 'call', {
      input: { path: '/things' },
      credentials: { apiKey: 'key-1234' },
      baseUrl: `${api.url}/v1`,
    });
    expect(output).toEqual([{ status: 200, body: { path: '/v1/things' } }]);
  });
});
