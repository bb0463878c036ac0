import { mkdtemp, readFile, rm, stat, chmod } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import {
  createVault,
  createVaultCredentialProvider,
  generateSecretKey,
  loadOrCreateKey,
  parseSecretKey,
  rotateKey,
  type CredentialRecord,
  type CredentialRecords,
} from '../runtime.js';

const dirs: string[] = [];
afterEach(async () => {
  await Promise.all(dirs.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});
async function tempDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'weft-vault-'));
  dirs.push(dir);
  return dir;
}

/** The store's credentials repository, in memory (same shape). */
function memoryRecords(): CredentialRecords & { rows: Map<string, CredentialRecord> } {
  const rows = new Map<string, CredentialRecord>();
  return {
    rows,
    get: async (id) => rows.get(id),
    list: async () => [...rows.values()],
    create: async (input) => {
      const row: CredentialRecord = { status: 'active', ...input, id: input.id ?? `cred_${rows.size}` };
      rows.set(row.id, row);
      return row;
    },
    update: async (id, patch) => {
      const row = rows.get(id);
      if (!row) return;
      const next: CredentialRecord = {
        ...row,
        ...(patch.encrypted ? { encrypted: patch.encrypted } : {}),
        ...(patch.status ? { status: patch.status } : {}),
      };
      if (patch.expiresAt === null) delete next.expiresAt;
      else if (patch.expiresAt !== undefined) next.expiresAt = patch.expiresAt;
      rows.set(id, next);
    },
    markUsed: async () => undefined,
  };
}

describe('vault', () => {
  const key = generateSecretKey();

  test('seals with AES-256-GCM and a fresh IV each time', () => {
    const vault = createVault(key);
    const a = vault.seal({ values: { apiKey: 'sk_live_123' } }, 'cred_1');
    const b = vault.seal({ values: { apiKey: 'sk_live_123' } }, 'cred_1');
    expect(Buffer.from(a).equals(Buffer.from(b))).toBe(false);
    expect(Buffer.from(a).includes('sk_live_123')).toBe(false);
    expect(vault.open(a, 'cred_1')).toEqual({ values: { apiKey: 'sk_live_123' } });
    expect(vault.fingerprint).toMatch(/^[0-9a-f]{16}$/);
  });

  test('detects tampering anywhere in IV, tag or ciphertext, and blobs moved to another credential', () => {
    const vault = createVault(key);
    const sealed = vault.seal({ values: { token: 'abc' } }, 'cred_1');
    for (const index of [9, 15, 21, 30, sealed.length - 1]) {
      const tampered = Uint8Array.from(sealed);
      tampered[index]! ^= 0x01;
      expect(() => vault.open(tampered, 'cred_1')).toThrow(/cred_1 failed its integrity check/);
    }
    expect(() => vault.open(sealed, 'cred_2')).toThrow(expect.objectContaining({ code: 'vault_tampered' }));
    expect(() => vault.open(sealed.subarray(0, 20), 'cred_1')).toThrow(
      expect.objectContaining({ code: 'vault_bad_format' }),
    );
  });

  test('tells a wrong key apart from tampering', () => {
    const sealed = createVault(key).seal({ values: {} }, 'cred_1');
    expect(() => createVault(generateSecretKey()).open(sealed, 'cred_1')).toThrow(
      expect.objectContaining({ code: 'vault_wrong_key', message: expect.stringMatching(/rotate-key/) }),
    );
    expect(() => createVault(new Uint8Array(16))).toThrow(/must be 32 bytes/);
  });

  test('WEFT_SECRET_KEY wins; otherwise a 0600 key file is generated once and reused', async () => {
    const dir = await tempDir();
    const fromEnv = await loadOrCreateKey(dir, { env: { WEFT_SECRET_KEY: Buffer.from(key).toString('base64') } });
    expect(fromEnv).toEqual({ key, source: 'env', created: false });
    await expect(loadOrCreateKey(dir, { env: { WEFT_SECRET_KEY: 'dG9vIHNob3J0' } })).rejects.toThrow(
      /32 random bytes in base64/,
    );

    const created = await loadOrCreateKey(join(dir, 'data'), { env: {} });
    expect(created).toMatchObject({ source: 'file', created: true, path: join(dir, 'data', 'secret.key') });
    expect((await stat(created.path!)).mode & 0o777).toBe(0o600);
    expect(parseSecretKey(await readFile(created.path!, 'utf8'))).toEqual(created.key);
    const again = await loadOrCreateKey(join(dir, 'data'), { env: {} });
    expect(again).toEqual({ ...created, created: false });
    const both = await Promise.all([
      loadOrCreateKey(join(dir, 'race'), { env: {} }),
      loadOrCreateKey(join(dir, 'race'), { env: {} }),
    ]);
    expect(both[0].key).toEqual(both[1].key);

    await chmod(created.path!, 0o644);
    await expect(loadOrCreateKey(join(dir, 'data'), { env: {} })).rejects.toThrow(
      /readable by other users .*chmod 600/,
    );
  });

  test('the vault credential provider stores sealed blobs and opens them in memory', async () => {
    const records = memoryRecords();
    const provider = createVaultCredentialProvider({ records, vault: createVault(key) });
    const created = await provider.create({
      connector: 'stripe',
      kind: 'apiKey',
      name: 'Live',
      values: { apiKey: 'sk_live_1' },
    });
    expect(created.id).toMatch(/^cred_[0-9a-f]{24}$/);
    const row = records.rows.get(created.id)!;
    expect(Buffer.from(row.encrypted).includes('sk_live_1')).toBe(false);
    expect(await provider.get(created.id)).toEqual({ ...created, status: 'active' });
    await provider.update(created.id, { values: { apiKey: 'sk_live_2' }, status: 'needs_reconnect', expiresAt: 5 });
    expect(await provider.get(created.id)).toMatchObject({
      values: { apiKey: 'sk_live_2' },
      status: 'needs_reconnect',
      expiresAt: 5,
    });
    await provider.replaceValues(created.id, { apiKey: 'sk_live_3' });
    expect(await provider.get(created.id)).toMatchObject({ values: { apiKey: 'sk_live_3' }, status: 'active' });
    expect(await provider.get('missing')).toBeUndefined();
  });

  test('rotateKey re-encrypts every credential, can be resumed, and writes nothing if one cannot be opened', async () => {
    const records = memoryRecords();
    const oldKey = generateSecretKey();
    const newKey = generateSecretKey();
    const provider = createVaultCredentialProvider({ records, vault: createVault(oldKey) });
    const a = await provider.create({ connector: 'x', kind: 'bearer', name: 'A', values: { token: 'ta' } });
    const b = await provider.create({ connector: 'x', kind: 'bearer', name: 'B', values: { token: 'tb' } });

    expect(await rotateKey({ credentials: records, oldKey, newKey })).toEqual({ rotated: 2, skipped: 0 });
    const rotated = createVaultCredentialProvider({ records, vault: createVault(newKey) });
    expect((await rotated.get(a.id))?.values).toEqual({ token: 'ta' });
    expect((await rotated.get(b.id))?.values).toEqual({ token: 'tb' });
    await expect(provider.get(a.id)).rejects.toMatchObject({ code: 'vault_wrong_key' });
    expect(await rotateKey({ credentials: records, oldKey, newKey })).toEqual({ rotated: 0, skipped: 2 });

    const third = generateSecretKey();
    const before = [...records.rows.values()].map((r) => Buffer.from(r.encrypted).toString('hex'));
    const bad = records.rows.get(b.id)!;
    bad.encrypted = Uint8Array.from(bad.encrypted, (byte, i) => (i === bad.encrypted.length - 1 ? byte ^ 1 : byte));
    await expect(rotateKey({ credentials: records, oldKey: newKey, newKey: third })).rejects.toMatchObject({
      code: 'vault_tampered',
    });
    expect(Buffer.from(records.rows.get(a.id)!.encrypted).toString('hex')).toBe(before[0]);
  });
});
