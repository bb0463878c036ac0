// `weft credentials rotate-key` and `weft connector new`, through the built binary.
import { existsSync } from 'node:fs';
import { readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createVault, createVaultCredentialProvider, loadOrCreateKey } from '@weft/sdk/runtime';
import { openStore } from '@weft/store';
import { runWeft, scratchForBuiltBinary, type WeftResult } from './test-support/weft-binary.js';

let tmp: string;

function weft(args: string[], env: Record<string, string> = {}): Promise<WeftResult> {
  return runWeft(args, { cwd: tmp, env });
}

beforeAll(async () => {
  tmp = await scratchForBuiltBinary('weft-cli-keys-');
});
afterAll(() => rm(tmp, { recursive: true, force: true }));

describe('weft credentials rotate-key', () => {
  it('re-encrypts every credential so that only the new key opens it', async () => {
    const dataDir = join(tmp, 'data');
    const env = { WEFT_SECRET_KEY: '' };
    const oldKey = await loadOrCreateKey(dataDir, { env });
    const store = await openStore({ url: join(dataDir, 'weft.db') });
    const provider = createVaultCredentialProvider({ records: store.credentials, vault: createVault(oldKey.key) });
    const { id } = await provider.create({
      connector: 'stripe',
      kind: 'apiKey',
      name: 'k',
      values: { apiKey: 'sk_rotate_me' },
    });
    await store.close();

    const result = await weft(['credentials', 'rotate-key', '--data-dir', dataDir], env);
    expect(result.stderr).toBe('');
    expect(result.stdout).toMatch(/re-encrypted 1 credential/);

    const newKey = await loadOrCreateKey(dataDir, { env });
    expect(Buffer.from(newKey.key).equals(Buffer.from(oldKey.key))).toBe(false);
    const reopened = await openStore({ url: join(dataDir, 'weft.db') });
    try {
      const fresh = createVaultCredentialProvider({ records: reopened.credentials, vault: createVault(newKey.key) });
      expect((await fresh.get(id))?.values.apiKey).toBe('sk_rotate_me');
      const stale = createVaultCredentialProvider({ records: reopened.credentials, vault: createVault(oldKey.key) });
      await expect(stale.get(id)).rejects.toThrow();
    } finally {
      await reopened.close();
    }
  });
});

describe('weft connector new', () => {
  it('scaffolds a connector package and refuses to overwrite it', async () => {
    const result = await weft(['connector', 'new', 'acme-crm', '--dir', join(tmp, 'connectors')]);
    expect(result.code).toBe(0);
    const pkg = JSON.parse(await readFile(join(tmp, 'connectors', 'acme-crm', 'package.json'), 'utf8')) as {
      weft: unknown;
    };
    expect(pkg.weft).toEqual({ connector: true });
    expect(existsSync(join(tmp, 'connectors', 'acme-crm', 'README.md'))).toBe(true);
    const again = await weft(['connector', 'new', 'acme-crm', '--dir', join(tmp, 'connectors')]);
    expect(again.code).toBe(64);
    expect(again.stderr).toMatch(/error: /);
  });
});
