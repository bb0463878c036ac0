import { toErrorInfo } from '@weft/core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { ConnectorError, REDACTED, defineAction, defineConnector, redactSecrets } from './index.js';
import { createFakeClock, runAction, startFakeApi, type FakeApi } from './testing/index.js';

const SECRET = 'sk_test_51Hc0ffeeSECRETvalue';
const PASSWORD = 'hunter2-correct-horse';

describe('redactSecrets', () => {
  test('leaves a file reference usable: its id and digest kept, its shown name redacted', () => {
    // A digest that happens to contain the secret's hex form (as redaction would look for it).
    const sha256 = `${Buffer.from(SECRET).toString('hex')}00000000`;
    const ref = { $file: { id: 'fil_0123456789ab', name: `${SECRET}.pdf`, type: 'application/pdf', size: 10, sha256 } };
    expect(sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(redactSecrets({ out: ref }, [SECRET])).toEqual({
      out: { $file: { ...ref.$file, name: `${REDACTED}.pdf` } },
    });
  });

  test('replaces secrets deeply, in keys too, and in their URL-encoded and base64 forms', () => {
    const value = {
      text: `key=${SECRET}`,
      list: [encodeURIComponent('p@ss word+1'), Buffer.from(SECRET).toString('base64')],
      [SECRET]: 1,
      nested: { n: 5, ok: true, none: null },
    };
    expect(redactSecrets(value, [SECRET, 'p@ss word+1'])).toEqual({
      text: `key=${REDACTED}`,
      list: [REDACTED, REDACTED],
      [REDACTED]: 1,
      nested: { n: 5, ok: true, none: null },
    });
    // Short values are left alone: redacting "1" everywhere would destroy outputs.
    expect(redactSecrets('a1b', ['1'])).toBe('a1b');
    const circular: Record<string, unknown> = { s: SECRET };
    circular.self = circular;
    expect(redactSecrets(circular, [SECRET])).toEqual({ s: REDACTED, self: '[circular]' });
  });
});

describe('secrets never leave a step', () => {
  let api: FakeApi;
  beforeAll(async () => {
    let calls = 0;
    api = await startFakeApi((request) => {
      calls += 1;
      if (request.path === '/flaky' && calls % 2 === 1) return { status: 503 };
      if (request.path === '/reject')
        return { status: 400, json: { error: { message: `Invalid API key provided: ${request.query.key}` } } };
      return { json: { echoedKey: request.query.key, echoedAuth: request.headers.authorization, url: request.path } };
    });
  });
  afterAll(() => api.close());

  const leaky = (auth: 'apiKey' | 'basic') =>
    defineConnector({
      name: 'leaky',
      version: '1.0.0',
      title: 'Leaky',
      description: 'Tries hard to leak its credentials',
      auth: auth === 'apiKey' ? { kind: 'apiKey', in: 'query', name: 'key' } : { kind: 'basic' },
      baseUrl: api.url,
      actions: [
        defineAction({
          key: 'leak',
          title: 'Leak',
          description: 'Logs, returns and throws the secret',
          input: {
            type: 'object',
            properties: { how: { enum: ['return', 'connectorError', 'error', 'upstream'] } },
            required: ['how'],
          } as const,
          output: {} as const,
          async run(ctx) {
            const secret = ctx.auth.reveal('apiKey') ?? ctx.auth.reveal('password') ?? '';
            ctx.log('info', `using ${secret} and ${encodeURIComponent(secret)}`);
            const response = await ctx.http.request({ url: ctx.input.how === 'upstream' ? '/reject' : '/flaky' });
            if (ctx.input.how === 'connectorError') {
              throw new ConnectorError({
                kind: 'validation',
                message: `bad key ${secret}`,
                details: { secret, nested: { again: secret } },
              });
            }
            if (ctx.input.how === 'error') throw new TypeError(`cannot read ${secret}`);
            return { response: response.body as never, secret, [secret]: 'as a key' };
          },
        }),
      ],
    });

  test.each([
    ['apiKey', { apiKey: SECRET }, SECRET],
    ['basic', { username: 'ann', password: PASSWORD }, PASSWORD],
  ] as const)(
    'with %s auth: logs, outputs and errors are scanned for the secret',
    async (auth, credentials, secret) => {
      const written: string[] = [];
      for (const how of ['return', 'connectorError', 'error', 'upstream'] as const) {
        try {
          const run = await runAction(leaky(auth), 'leak', { input: { how }, credentials, clock: createFakeClock() });
          written.push(JSON.stringify(run.output), ...run.logs.map((l) => l.message));
        } catch (error) {
          const e = error as Error & Record<string, unknown>;
          written.push(
            e.message,
            String(e.stack),
            JSON.stringify(toErrorInfo(e)),
            JSON.stringify({ ...e }),
            String(e.cause),
          );
        }
      }
      const everything = written.join('\n');
      expect(everything).toContain(REDACTED);
      for (const form of [secret, encodeURIComponent(secret), Buffer.from(secret).toString('base64')]) {
        expect(everything).not.toContain(form);
      }
      if (auth === 'basic') {
        expect(everything).not.toContain(Buffer.from(`ann:${PASSWORD}`).toString('base64'));
        expect(everything).toContain(`"echoedAuth":"Basic ${REDACTED}"`);
      } else {
        expect(everything).toContain(`"echoedKey":"${REDACTED}"`);
        expect(everything).toContain(`Invalid API key provided: ${REDACTED}`);
      }
      expect(everything).toContain(`cannot read ${REDACTED}`);
      // The requests themselves did carry the credentials.
      expect(api.requests.some((r) => r.query.key === SECRET || r.headers.authorization?.startsWith('Basic '))).toBe(
        true,
      );
    },
  );
});

describe('every form the SDK derives from a secret is redacted', () => {
  const TRICKY = 'p"ss\\w0rd /+&=*~!';
  const b64 = (text: string) => Buffer.from(text).toString('base64');

  test.each([
    ['raw', TRICKY],
    ['URL-encoded', encodeURIComponent(TRICKY)],
    ['form-encoded', new URLSearchParams({ k: TRICKY }).toString().slice(2)],
    ['JSON-escaped', JSON.stringify(TRICKY).slice(1, -1)],
    ['JSON-escaped twice', JSON.stringify(JSON.stringify(TRICKY)).slice(3, -3)],
    ['base64', b64(TRICKY)],
    ['base64url', Buffer.from(TRICKY).toString('base64url')],
    ['hex', Buffer.from(TRICKY).toString('hex')],
    ['Basic user:pass', `Basic ${b64(`ann:${TRICKY}`)}`],
    ['Basic key: (key as user name)', `Basic ${b64(`${TRICKY}:`)}`],
    ['base64 after a 2-byte prefix', b64(`ab${TRICKY}`)],
  ])('%s', (_form, text) => {
    const redacted = redactSecrets({ text: `before ${text} after` }, [TRICKY]).text;
    expect(redacted).toContain(REDACTED);
    expect(redacted).not.toContain(text.replace(/^Basic /, ''));
  });

  test('a connector that builds its own Basic header from the connection leaks nothing', async () => {
    const api = await startFakeApi((request) => ({ json: { echoedAuth: request.headers.authorization } }));
    try {
      const connector = defineConnector({
        name: 'own-basic',
        version: '1.0.0',
        title: 'Own Basic',
        description: 'Applies the connection itself, as the generic HTTP connector does',
        auth: { kind: 'basic' },
        baseUrl: api.url,
        actions: [
          defineAction({
            key: 'call',
            title: 'Call',
            description: 'Sends its own Authorization header',
            input: { type: 'object' } as const,
            output: {} as const,
            async run(ctx) {
              const pair = `${ctx.auth.reveal('username') ?? ''}:${ctx.auth.reveal('password') ?? ''}`;
              const response = await ctx.http.request({
                url: '/echo',
                auth: false,
                headers: { authorization: `Basic ${Buffer.from(pair).toString('base64')}` },
              });
              return response.body as never;
            },
          }),
        ],
      });
      const run = await runAction(connector, 'call', {
        input: {},
        credentials: { username: 'ann', password: PASSWORD },
        clock: createFakeClock(),
      });
      expect(JSON.stringify(run.output)).not.toContain(b64(`ann:${PASSWORD}`));
      expect(run.output).toEqual({ echoedAuth: `Basic ${REDACTED}` });
    } finally {
      await api.close();
    }
  });
});
