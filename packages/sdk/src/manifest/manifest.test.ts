import { describe, expect, test } from 'vitest';
import { ConnectorManifestError, createConnectorRegistry, manifestOf, validateConnector } from '../runtime.js';
import { apiConnector } from '../test-support/sample-connectors.js';

describe('manifestOf', () => {
  test('keeps everything but functions, and round-trips through JSON', () => {
    const manifest = manifestOf(
      apiConnector({
        rateLimits: [{ per: 'connector', limit: 5, interval: 1000 }],
        idempotencyHeader: 'Idempotency-Key',
      }),
    );
    expect(JSON.parse(JSON.stringify(manifest))).toEqual(manifest);
    expect(manifest).toMatchObject({
      name: 'api',
      version: '1.0.0',
      auth: { kind: 'none' },
      categories: [],
      rateLimits: [{ per: 'connector', limit: 5, interval: 1000 }],
      idempotencyHeader: 'Idempotency-Key',
    });
    expect(manifest.actions.map((a) => a.key)).toEqual(['echo', 'call']);
    expect(manifest.actions[0]).toEqual({
      key: 'echo',
      title: 'Echo',
      description: 'Returns its input',
      input: expect.objectContaining({ required: ['text'] }),
      output: expect.objectContaining({ type: 'object' }),
    });
    expect(manifest.triggers).toEqual([
      expect.objectContaining({ key: 'newThing', kind: 'polling' }),
      expect.objectContaining({ key: 'pushed', kind: 'webhook', verifiesSignature: true, dedupesDeliveries: true }),
      expect.objectContaining({ key: 'daily', kind: 'schedule', schedule: { cron: '0 9 * * *', timezone: 'UTC' } }),
    ]);
    expect(JSON.stringify(manifest)).not.toMatch(/function|=>/);
  });
});

describe('manifest validation', () => {
  const base = apiConnector();
  const problemsOf = (value: unknown) => {
    const result = validateConnector(value);
    return result.ok ? [] : result.problems;
  };

  test('a valid connector passes', () => {
    expect(validateConnector(base).ok).toBe(true);
  });

  test('a shape error does not hide a missing function, a typo or a duplicate key elsewhere', () => {
    const problems = problemsOf({
      ...base,
      version: '1.0',
      rateLimit: [],
      actions: [{ ...base.actions[0], run: undefined }, base.actions[0]],
    }).map((p) => p.pointer);
    expect(problems).toEqual(expect.arrayContaining(['/version', '', '/actions/0', '/actions/1/key']));
  });

  test.each([
    [{ ...base, name: 'Bad Name' }, '/name', /must match pattern/],
    [{ ...base, version: '1.0' }, '/version', /must match pattern/],
    [{ ...base, title: '' }, '/title', /must NOT have fewer than 1 characters/],
    [
      { ...base, rateLimits: [{ per: 'minute', limit: 1, interval: 1 }] },
      '/rateLimits/0/per',
      /must be one of \["credential","connector"\]/,
    ],
    [{ ...base, rateLimits: [{ per: 'connector', limit: 0, interval: 1000 }] }, '/rateLimits/0/limit', /must be >= 1/],
    [{ ...base, auth: { kind: 'apiKey', in: 'header' } }, '/auth', /must have required property 'name'/],
    [
      { ...base, auth: { kind: 'oauth2', grant: 'authorizationCode', tokenUrl: 'https://x/token' } },
      '/auth',
      /authorizeUrl/,
    ],
    [{ ...base, actions: [{ ...base.actions[0], key: '1bad' }] }, '/actions/0/key', /must match pattern/],
    [{ ...base, actions: [base.actions[0], base.actions[0]] }, '/actions/1/key', /duplicate key "echo"/],
    [
      { ...base, actions: [{ ...base.actions[0], input: { type: 'strnig' } }] },
      '/actions/0/input',
      /not a valid JSON Schema/,
    ],
    [{ ...base, actions: [{ ...base.actions[0], run: undefined }] }, '/actions/0', /needs a function "run"/],
    [
      { ...base, triggers: [{ ...base.triggers![2], schedule: { cron: 'every day' } }] },
      '/triggers/0/schedule/cron',
      /not a cron expression/,
    ],
    [{ ...base, triggers: [{ ...base.triggers![0], kind: 'push' }] }, '/triggers/0/kind', /must be one of/],
    [{ ...base, surprise: 1 }, '', /unknown property "surprise"/],
  ])('reports %# with its JSON pointer', (value, pointer, message) => {
    const problems = problemsOf(value);
    expect(problems).toContainEqual({ pointer, message: expect.stringMatching(message) });
  });

  test('registering an invalid connector throws an error naming the connector and the path', () => {
    const registry = createConnectorRegistry();
    const attempt = () => registry.register({ ...base, version: 'latest' }, 'connectors/api');
    expect(attempt).toThrow(ConnectorManifestError);
    expect(attempt).toThrow('Invalid manifest of connector "api" from connectors/api: /version: must match pattern');
    expect(() => registry.register(42)).toThrow(
      'Invalid manifest of connector (unnamed) from code: /: is not a connector object',
    );
  });
});
