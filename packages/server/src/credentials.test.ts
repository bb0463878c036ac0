import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestRuntime, type TestRuntime } from './test-support/runtime.js';

let weft: TestRuntime;
const SECRET = 'sk_test_SUPER-SECRET-VALUE-4242';

beforeAll(async () => {
  weft = await startTestRuntime();
});
afterAll(() => weft?.close());

describe('credentials', () => {
  it('stores secrets write-only and encrypted at rest', async () => {
    const created = await weft.api('/api/credentials', {
      method: 'POST',
      json: { connector: 'stripe', name: 'Stripe live', kind: 'apiKey', values: { apiKey: SECRET } },
    });
    expect(created.status).toBe(201);
    const credential = (await created.json()) as Record<string, unknown>;
    expect(credential).toMatchObject({ connector: 'stripe', kind: 'apiKey', name: 'Stripe live', status: 'connected' });
    expect(JSON.stringify(credential)).not.toContain(SECRET);
    const listed = await (await weft.api('/api/credentials')).text();
    expect(listed).toContain('Stripe live');
    expect(listed).not.toContain(SECRET);
    // "Test connection" asks Stripe itself (see connection-test.test.ts); whatever it answers never holds the key.
    const tested = await (await weft.api(`/api/credentials/${String(credential.id)}/test`, { method: 'POST' })).text();
    expect(tested).toMatch(/"ok":(true|false)/);
    expect(tested).not.toContain(SECRET);

    // Nothing the server wrote to its data directory holds the secret in clear.
    for (const file of await readdir(weft.dataDir)) {
      const bytes = await readFile(join(weft.dataDir, file)).catch(() => Buffer.alloc(0));
      expect(bytes.includes(Buffer.from(SECRET)), file).toBe(false);
    }
    const replaced = await weft.api(`/api/credentials/${String(credential.id)}`, {
      method: 'PUT',
      json: { values: { apiKey: 'sk_test_rotated' }, name: 'Stripe live (rotated)' },
    });
    expect(replaced.status).toBe(200);
    expect(await replaced.json()).toMatchObject({
      id: credential.id,
      name: 'Stripe live (rotated)',
      status: 'connected',
    });
    expect(
      (await weft.api(`/api/credentials/${String(credential.id)}`, { method: 'PUT', json: { values: {} } })).status,
    ).toBe(400);
    expect((await weft.api(`/api/credentials/${String(credential.id)}`, { method: 'DELETE' })).status).toBe(204);
  });

  it('rejects incomplete credentials with a pointer to the missing field', async () => {
    const response = await weft.api('/api/credentials', {
      method: 'POST',
      json: { connector: 'x', name: 'n', kind: 'basic', values: { username: 'u' } },
    });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ pointer: '/values/password' });
  });
});
