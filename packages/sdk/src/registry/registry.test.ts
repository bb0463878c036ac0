import { afterEach, describe, expect, test } from 'vitest';
import { createConnectorRegistry, createMemoryCredentialProvider, type ConnectorRegistry } from '../runtime.js';
import { startFakeApi, type FakeApi } from '../testing/index.js';
import { apiConnector } from '../test-support/sample-connectors.js';
import { actionContext } from '../test-support/action-context.js';
import type { ActionContext } from '@weft/core';

const opened: { registry?: ConnectorRegistry; api?: FakeApi }[] = [];
afterEach(async () => {
  for (const { registry, api } of opened.splice(0)) {
    await registry?.close();
    await api?.close();
  }
});

function registry(options: Parameters<typeof createConnectorRegistry>[0] = {}): ConnectorRegistry {
  const created = createConnectorRegistry({ outbound: { allow: ['127.0.0.1'] }, ...options });
  opened.push({ registry: created });
  return created;
}

const context = (input: object, extra: Partial<ActionContext> = {}) =>
  actionContext(input as never, { runId: 'run_1', nodeId: 'step', idempotencyKey: 'run_1:step', ...extra });

describe('ConnectorRegistry', () => {
  test('resolves connector@major.action to the highest installed version of that major', async () => {
    const reg = registry();
    reg.register(apiConnector({ version: '1.2.0' }));
    reg.register(apiConnector({ version: '1.10.1' }));
    reg.register(apiConnector({ version: '1.3.0' }));
    reg.register(apiConnector({ version: '2.0.0-beta.1' }));
    expect(reg.get('api@1')?.manifest.version).toBe('1.10.1');
    expect(reg.get('api@2')?.manifest.version).toBe('2.0.0-beta.1');
    expect(reg.hasAction('api@1.echo')).toBe(true);
    expect(reg.hasAction('api@1.nope')).toBe(false);
    expect(reg.hasAction('api@3.echo')).toBe(false);
    expect(reg.hasAction('not a ref')).toBe(false);
    expect(reg.hasTrigger('api@1', 'newThing')).toBe(true);
    expect(reg.hasTrigger('api@1', 'nope')).toBe(false);
    expect(reg.resolve('api@4.echo')).toBeUndefined();
    const handler = reg.resolve('api@1.echo')!;
    await expect(handler(context({ text: 'ab', times: 2 }))).resolves.toEqual({ text: 'abab' });
    expect(reg.manifests().map((m) => `${m.name}@${m.version}`)).toEqual(['api@1.10.1', 'api@2.0.0-beta.1']);
  });

  test('a flow written against 1.0 keeps working when 1.1 is installed', async () => {
    const reg = registry();
    reg.register(apiConnector({ version: '1.0.0' }));
    const before = reg.resolve('api@1.echo')!;
    reg.register(apiConnector({ version: '1.1.0' }));
    const after = reg.resolve('api@1.echo')!;
    expect(after).not.toBe(before);
    await expect(after(context({ text: 'x' }))).resolves.toEqual({ text: 'x' });
  });

  test('the same version twice is refused', () => {
    const reg = registry();
    reg.register(apiConnector(), 'first');
    expect(() => reg.register(apiConnector(), 'second')).toThrow(/already installed from first/);
  });

  test('input is validated against the action schema, defaults applied, engine input untouched', async () => {
    const reg = registry();
    reg.register(apiConnector());
    const handler = reg.resolve('api@1.echo')!;
    const input = { text: 'x' };
    await expect(handler(context(input))).resolves.toEqual({ text: 'x' });
    expect(input).toEqual({ text: 'x' });
    const failure = handler(context({ text: 3, extra: true }));
    await expect(failure).rejects.toMatchObject({
      name: 'ConnectorError',
      kind: 'validation',
      code: 'connector_invalid_input',
      fault: 'user',
      retryable: false,
    });
    await expect(failure).rejects.toThrow(/Invalid input for Test API · Echo: .*\/text must be string/);
  });

  test('a connector with auth needs a credential of its own connector', async () => {
    const credentials = createMemoryCredentialProvider([
      { id: 'c1', connector: 'other', kind: 'bearer', values: { token: 'secret-token' }, name: 'Other' },
      { id: 'c2', connector: 'api', kind: 'bearer', values: {}, name: 'Empty' },
    ]);
    const reg = registry({ credentials });
    reg.register(apiConnector({ auth: { kind: 'bearer' }, baseUrl: 'http://127.0.0.1:9' }));
    const handler = reg.resolve('api@1.call')!;
    await expect(handler(context({}))).rejects.toMatchObject({ code: 'connector_credential_missing', kind: 'auth' });
    await expect(handler(context({}, { credentialId: 'nope' }))).rejects.toMatchObject({
      code: 'connector_credential_not_found',
    });
    await expect(handler(context({}, { credentialId: 'c1' }))).rejects.toMatchObject({
      code: 'connector_credential_mismatch',
    });
    await expect(handler(context({}, { credentialId: 'c2' }))).rejects.toThrow(/missing its token/);
  });

  test('an optional connection may be left out: the request goes without auth', async () => {
    const api = await startFakeApi(() => ({ json: { ok: true } }));
    opened.push({ api });
    const credentials = createMemoryCredentialProvider([
      { id: 't1', connector: 'api', kind: 'bearer', values: { token: 'tok' } },
    ]);
    const reg = registry({ credentials });
    reg.register(apiConnector({ baseUrl: api.url, auth: { kind: 'bearer', optional: true } }));
    const handler = reg.resolve('api@1.call')!;
    await handler(context({ path: '/public' }));
    await handler(context({ path: '/private' }, { credentialId: 't1' }));
    expect(api.requests.map((r) => r.headers.authorization)).toEqual([undefined, 'Bearer tok']);
  });

  test('applies each auth kind to requests made through ctx.http', async () => {
    const api = await startFakeApi(() => ({ json: { ok: true } }));
    opened.push({ api });
    const credentials = createMemoryCredentialProvider([
      { id: 'key-h', connector: 'h', kind: 'apiKey', values: { apiKey: 'k-header' } },
      { id: 'key-q', connector: 'q', kind: 'apiKey', values: { apiKey: 'k-query' } },
      { id: 'basic', connector: 'b', kind: 'basic', values: { username: 'ann', password: 'pw:1' } },
      { id: 'bearer', connector: 't', kind: 'bearer', values: { token: 'tok' } },
    ]);
    const reg = registry({ credentials });
    reg.register(
      apiConnector({
        name: 'h',
        baseUrl: api.url,
        auth: { kind: 'apiKey', in: 'header', name: 'X-Api-Key', prefix: 'Key ' },
      }),
    );
    reg.register(apiConnector({ name: 'q', baseUrl: api.url, auth: { kind: 'apiKey', in: 'query', name: 'api_key' } }));
    reg.register(apiConnector({ name: 'b', baseUrl: api.url, auth: { kind: 'basic' } }));
    reg.register(apiConnector({ name: 't', baseUrl: api.url, auth: { kind: 'bearer' } }));
    for (const [use, credentialId] of [
      ['h@1.call', 'key-h'],
      ['q@1.call', 'key-q'],
      ['b@1.call', 'basic'],
      ['t@1.call', 'bearer'],
    ]) {
      await reg.resolve(use!)!(context({ path: '/x' }, { credentialId: credentialId! }));
    }
    const [h, q, b, t] = api.requests;
    expect(h?.headers['x-api-key']).toBe('Key k-header');
    expect(q?.query).toEqual({ api_key: 'k-query' });
    expect(b?.headers.authorization).toBe(`Basic ${Buffer.from('ann:pw:1').toString('base64')}`);
    expect(t?.headers.authorization).toBe('Bearer tok');
  });

  test('polls de-duplicate items across polls and return the state to store', async () => {
    let things = [{ id: 'a' }, { id: 'b' }];
    const api = await startFakeApi({ 'GET /things': () => ({ json: things }) });
    opened.push({ api });
    const reg = registry();
    reg.register(apiConnector({ baseUrl: api.url }));
    const first = await reg.poll('api@1', 'newThing', {});
    expect(first).toEqual({ events: [{ id: 'a' }, { id: 'b' }], state: { cursor: 2, seen: ['b', 'a'] } });
    things = [{ id: 'b' }, { id: 'c' }, { id: 'c' }];
    const second = await reg.poll('api@1', 'newThing', { state: first.state });
    expect(second.events).toEqual([{ id: 'c' }]);
    expect(second.state.seen).toEqual(['c', 'b', 'a']);
    await expect(reg.poll('api@1', 'pushed', {})).rejects.toMatchObject({ code: 'connector_trigger_kind' });
    await expect(reg.poll('api@1', 'missing', {})).rejects.toMatchObject({ code: 'connector_unknown_trigger' });
  });

  test('schedule triggers expose their cron and fire with a default event', async () => {
    const reg = registry();
    reg.register(apiConnector());
    expect(reg.get('api@1')?.manifest.triggers.find((t) => t.key === 'daily')?.schedule).toEqual({
      cron: '0 9 * * *',
      timezone: 'UTC',
    });
    await expect(reg.fireSchedule('api@1', 'daily', { firedAt: Date.UTC(2024, 0, 1, 9) })).resolves.toEqual({
      firedAt: '2024-01-01T09:00:00.000Z',
    });
  });
});
