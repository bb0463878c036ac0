// "Test connection" asks the provider itself with the connector's declared test request and reports its answer:
// a Stripe key of `hello` fails with what Stripe said, a good key passes, and Slack's 200 `ok: false` fails too.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startTestRuntime, type TestRuntime } from './test-support/runtime.js';

let weft: TestRuntime;
let provider: Server;
let baseUrl: string;
const seen: string[] = [];

beforeAll(async () => {
  // One fake for both providers: Stripe's balance (401 with its error body for a bad key), Slack's auth.test.
  provider = createServer((req, res) => {
    seen.push(`${req.method} ${req.url}`);
    const auth = req.headers.authorization ?? '';
    res.setHeader('content-type', 'application/json');
    if (req.url === '/v1/balance') {
      if (auth === 'Bearer sk_test_good') return res.end(JSON.stringify({ object: 'balance', available: [] }));
      res.statusCode = 401;
      return res.end(
        JSON.stringify({ error: { message: 'Invalid API Key provided: hello', type: 'invalid_request_error' } }),
      );
    }
    if (req.url === '/api/auth.test')
      return res.end(
        JSON.stringify(auth === 'Bearer xoxb-good' ? { ok: true, team: 'Acme' } : { ok: false, error: 'invalid_auth' }),
      );
    res.statusCode = 404;
    res.end('{}');
  });
  await new Promise<void>((resolve) => provider.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(provider.address() as AddressInfo).port}`;
  weft = await startTestRuntime({ outboundAllow: ['127.0.0.1'] });
});
afterAll(async () => {
  await weft?.close();
  await new Promise((resolve) => provider?.close(resolve));
});

async function test(body: object): Promise<{ ok: boolean; message: string }> {
  const created = await weft.api('/api/credentials', { method: 'POST', json: body });
  expect(created.status).toBe(201);
  const { id } = (await created.json()) as { id: string };
  const response = await weft.api(`/api/credentials/${id}/test`, { method: 'POST' });
  expect(response.status).toBe(200);
  return (await response.json()) as { ok: boolean; message: string };
}

it('a Stripe key of "hello" fails with what Stripe answered; a good key passes', async () => {
  const stripe = (apiKey: string) => ({
    connector: 'stripe',
    name: apiKey,
    kind: 'apiKey',
    values: { apiKey, baseUrl: `${baseUrl}/v1` },
  });
  expect(await test(stripe('hello'))).toEqual({
    ok: false,
    // The key itself never comes back: the SDK redacts it from what the provider said.
    message: 'Stripe refused it (HTTP 401): Invalid API Key provided: [redacted]',
  });
  expect(await test(stripe('sk_test_good'))).toEqual({ ok: true, message: 'Stripe accepted the connection.' });
  expect(seen.filter((r) => r === 'GET /v1/balance')).toHaveLength(2);
});

it('a Slack token that Slack answers "ok: false" for fails, with Slack’s reason', async () => {
  const slack = (accessToken: string) => ({
    connector: 'slack',
    name: accessToken,
    kind: 'oauth2',
    values: { accessToken, baseUrl: `${baseUrl}/api` },
  });
  expect(await test(slack('xoxb-revoked'))).toEqual({ ok: false, message: 'Slack refused it: invalid_auth' });
  expect((await test(slack('xoxb-good'))).ok).toBe(true);
});
