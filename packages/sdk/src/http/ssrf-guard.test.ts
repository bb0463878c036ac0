// The SSRF guard. Tests never send a packet anywhere but loopback: non-loopback addresses are only ever given
// to the decision points (checkAddress, the guarded lookup with a stubbed resolver, the connect hook with a
// stub socket factory that records calls); end-to-end requests only target 127.0.0.1 / ::1, with a local
// server proving that nothing reached it.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { buildConnector } from 'undici';
import { createConnectorRegistry, createSsrfGuard, type LookupFunction, type OutboundOptions } from '../runtime.js';
import { startFakeApi, type FakeApi } from '../testing/index.js';
import { apiConnector } from '../test-support/sample-connectors.js';
import { actionContext } from '../test-support/action-context.js';

const BLOCKED = [
  '169.254.169.254',
  '10.0.0.1',
  'fd00::1',
  '192.168.1.1',
  '172.16.0.1',
  '100.64.0.1',
  'fe80::1',
  '224.0.0.1',
  '0.0.0.0',
  '::ffff:127.0.0.1',
  '::ffff:169.254.169.254',
  '::ffff:a9fe:a9fe',
  '127.0.0.1',
  '127.1.2.3',
  '::1',
  '::',
  'ff02::1',
  '255.255.255.255',
  '64:ff9b::a00:1',
  '2002:7f00:1::1',
];
const PUBLIC = ['93.184.216.34', '8.8.8.8', '2606:4700:4700::1111', '::ffff:93.184.216.34'];

/** A resolver that answers from a table and never touches DNS. */
function stubLookup(table: Record<string, string[]>): LookupFunction & { asked: string[] } {
  const asked: string[] = [];
  const lookup: LookupFunction = (hostname, _options, callback) => {
    asked.push(hostname);
    const addresses = table[hostname];
    if (!addresses) return callback(Object.assign(new Error(`ENOTFOUND ${hostname}`), { code: 'ENOTFOUND' }), []);
    callback(
      null,
      addresses.map((address) => ({ address, family: address.includes(':') ? 6 : 4 })),
    );
  };
  return Object.assign(lookup, { asked });
}

/** A socket factory that must never be called. */
function forbiddenSockets(): buildConnector.connector & { calls: string[] } {
  const calls: string[] = [];
  const connect: buildConnector.connector = (options, callback) => {
    calls.push(options.hostname);
    callback(new Error('the stub socket factory was called'), null);
  };
  return Object.assign(connect, { calls });
}

function resolve(lookup: LookupFunction, hostname: string, all: boolean) {
  return new Promise<{ error: (Error & { code?: string }) | null; address: unknown }>((done) =>
    lookup(hostname, { all }, (error, address) => done({ error, address })),
  );
}

describe('address decisions', () => {
  const guard = createSsrfGuard();
  test.each(BLOCKED)('refuses %s', (address) => {
    expect(guard.checkAddress(address)).toMatchObject({ allowed: false, reason: expect.any(String) });
  });
  test.each(PUBLIC)('allows public %s', (address) => {
    expect(guard.checkAddress(address).allowed).toBe(true);
  });

  test('an allow-list opens CIDRs and host names; allowOnly closes everything else', () => {
    const custom = createSsrfGuard({
      allow: ['10.1.0.0/16', 'fd00::/8', 'intranet.corp', '*.svc.local'],
      allowOnly: false,
    });
    expect(custom.checkAddress('10.1.2.3').allowed).toBe(true);
    expect(custom.checkAddress('10.2.0.1').allowed).toBe(false);
    expect(custom.checkAddress('fd00::1').allowed).toBe(true);
    expect(custom.checkAddress('192.168.0.1', 'intranet.corp').allowed).toBe(true);
    expect(custom.checkAddress('192.168.0.1', 'api.svc.local').allowed).toBe(true);
    expect(custom.checkAddress('192.168.0.1', 'svc.local.evil.com').allowed).toBe(false);
    const only = createSsrfGuard({ allow: ['127.0.0.1'], allowOnly: true });
    expect(only.checkAddress('8.8.8.8')).toMatchObject({ allowed: false, reason: 'not allow-listed' });
    expect(only.checkAddress('127.0.0.1').allowed).toBe(true);
  });
});

describe('the guarded lookup (connect-time DNS check, stubbed resolver)', () => {
  test.each(BLOCKED)('refuses a name resolving to %s', async (address) => {
    const guard = createSsrfGuard({ lookup: stubLookup({ 'evil.test': [address] }) });
    for (const all of [true, false]) {
      const { error } = await resolve(guard.lookup, 'evil.test', all);
      expect(error).toMatchObject({ code: 'connector_address_blocked', kind: 'network', retryable: false });
      expect(error?.message).toMatch(/^Refused to connect to evil\.test \(/);
    }
  });

  test('refuses a name when any of its addresses is blocked (rebinding hedges)', async () => {
    const guard = createSsrfGuard({ lookup: stubLookup({ 'mixed.test': ['93.184.216.34', '10.0.0.7'] }) });
    expect((await resolve(guard.lookup, 'mixed.test', true)).error).toMatchObject({
      code: 'connector_address_blocked',
    });
  });

  test('passes public answers through in the form net.connect asked for', async () => {
    const guard = createSsrfGuard({ lookup: stubLookup({ 'ok.test': ['93.184.216.34', '2606:4700:4700::1111'] }) });
    expect(await resolve(guard.lookup, 'ok.test', true)).toEqual({
      error: null,
      address: [
        { address: '93.184.216.34', family: 4 },
        { address: '2606:4700:4700::1111', family: 6 },
      ],
    });
    expect(await resolve(guard.lookup, 'ok.test', false)).toEqual({ error: null, address: '93.184.216.34' });
    expect((await resolve(guard.lookup, 'missing.test', true)).error).toMatchObject({ code: 'ENOTFOUND' });
  });
});

describe('the connect hook (stub socket factory)', () => {
  test.each(BLOCKED)('refuses the literal %s before any socket is made', async (address) => {
    const sockets = forbiddenSockets();
    const connect = createSsrfGuard().connector({ connect: sockets });
    const error = await new Promise<Error | null>((done) =>
      connect({ hostname: address, protocol: 'https:', port: '443' }, (...args) => done(args[0])),
    );
    expect(error).toMatchObject({ code: 'connector_address_blocked' });
    expect(sockets.calls).toEqual([]);
  });

  test('resolves names once, refuses blocked answers, and connects to exactly the checked address', async () => {
    const lookup = stubLookup({
      'public.test': ['93.184.216.34'],
      ...Object.fromEntries(BLOCKED.map((a, i) => [`b${i}.test`, [a]])),
    });
    const connect = createSsrfGuard({ lookup }).connector({ connect: forbiddenSockets() });
    for (let i = 0; i < BLOCKED.length; i++) {
      const error = await new Promise<Error | null>((done) =>
        connect({ hostname: `b${i}.test`, protocol: 'https:', port: '443' }, (...args) => done(args[0])),
      );
      expect(error).toMatchObject({ code: 'connector_address_blocked' });
    }
    const seen: buildConnector.Options[] = [];
    const recording = createSsrfGuard({ lookup }).connector({
      connect: (options, callback) => {
        seen.push(options);
        callback(new Error('stop here'), null);
      },
    });
    await new Promise((done) =>
      recording({ hostname: 'public.test', protocol: 'https:', port: '443' }, () => done(undefined)),
    );
    expect(seen).toEqual([{ hostname: '93.184.216.34', servername: 'public.test', protocol: 'https:', port: '443' }]);
  });

  test('refuses literal URLs through the whole client before dispatch', async () => {
    const sockets = forbiddenSockets();
    const registry = createConnectorRegistry({ outbound: { socketFactory: sockets } });
    registry.register(apiConnector());
    const handler = registry.resolve('api@1.call')!;
    const urls = [
      ...BLOCKED.map((a) => (a.includes(':') ? `http://[${a}]/` : `http://${a}/`)),
      'http://0x7f000001/',
      'http://2130706433/',
      'http://[::ffff:7f00:1]:8080/x',
    ];
    for (const url of urls) {
      await expect(handler(actionContext({ url }))).rejects.toMatchObject({ code: 'connector_address_blocked' });
    }
    expect(sockets.calls).toEqual([]);
    await registry.close();
  });
});

describe('end to end against local servers', () => {
  let target: FakeApi;
  let redirector: FakeApi;
  beforeAll(async () => {
    target = await startFakeApi(() => ({ json: { reached: true } }));
    redirector = await startFakeApi((request) => ({
      status: 302,
      headers: { location: request.query.to ?? '/' },
    }));
  });
  afterAll(async () => {
    await target.close();
    await redirector.close();
  });

  const port = (api: FakeApi) => new URL(api.url).port;
  async function call(url: string, outbound: OutboundOptions) {
    const registry = createConnectorRegistry({ outbound });
    registry.register(apiConnector());
    try {
      return await registry.resolve('api@1.call')!(actionContext({ url }));
    } finally {
      await registry.close();
    }
  }

  test('127.0.0.1, [::1] and a name resolving to 127.0.0.1 are refused; nothing reaches the server', async () => {
    const lookup = stubLookup({ 'api.example.test': ['127.0.0.1'] });
    await expect(call(`http://127.0.0.1:${port(target)}/`, {})).rejects.toMatchObject({
      code: 'connector_address_blocked',
    });
    await expect(call(`http://[::1]:${port(target)}/`, {})).rejects.toMatchObject({
      code: 'connector_address_blocked',
    });
    await expect(
      call(`http://localhost:${port(target)}/`, { lookup: stubLookup({ localhost: ['127.0.0.1'] }) }),
    ).rejects.toMatchObject({
      code: 'connector_address_blocked',
    });
    await expect(call(`http://api.example.test:${port(target)}/`, { lookup })).rejects.toMatchObject({
      code: 'connector_address_blocked',
      message: expect.stringMatching(/api\.example\.test \(127\.0\.0\.1\): loopback/),
    });
    expect(lookup.asked).toEqual(['api.example.test']);
    expect(target.requests).toEqual([]);
  });

  test('a redirect to a blocked address is refused at the hop; the target records nothing', async () => {
    const lookup = stubLookup({ 'allowed.test': ['127.0.0.1'], 'sneaky.test': ['127.0.0.1'] });
    const outbound = { lookup, allow: ['allowed.test'] };
    const start = `http://allowed.test:${port(redirector)}/go`;
    for (const to of [
      `http://127.0.0.1:${port(target)}/`,
      `http://sneaky.test:${port(target)}/`,
      `http://[::ffff:127.0.0.1]:${port(target)}/`,
    ]) {
      await expect(call(`${start}?to=${encodeURIComponent(to)}`, outbound)).rejects.toMatchObject({
        code: 'connector_address_blocked',
      });
    }
    expect(redirector.requests).toHaveLength(3);
    expect(target.requests).toEqual([]);
  });

  test('the allow-list lets self-hosters reach internal addresses', async () => {
    await expect(call(`http://127.0.0.1:${port(target)}/`, { allow: ['127.0.0.0/8'] })).resolves.toEqual([
      { status: 200, body: { reached: true } },
    ]);
    expect(target.requests).toHaveLength(1);
  });
});
