// Where the vault key comes from: `WEFT_SECRET_KEY` (base64 of 32 bytes), or a key file generated on first
// start in the data directory, readable by its owner only (0600).
import { randomBytes } from 'node:crypto';
import { chmod, link, mkdir, open, readFile, stat, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { VaultError } from './vault.js';

export const SECRET_KEY_FILE = 'secret.key';

export interface SecretKey {
  key: Uint8Array;
  source: 'env' | 'file';
  /** The key file (source `file`). */
  path?: string;
  /** True when the key file was generated just now: tell the operator to back it up. */
  created: boolean;
}

export function generateSecretKey(): Uint8Array {
  return new Uint8Array(randomBytes(32));
}

/** Decodes a base64 (or base64url) key; throws unless it is exactly 32 bytes. */
export function parseSecretKey(text: string, origin = 'WEFT_SECRET_KEY'): Uint8Array {
  const trimmed = text.trim();
  const key = Buffer.from(trimmed, /[-_]/.test(trimmed) ? 'base64url' : 'base64');
  if (key.length !== 32 || !/^[A-Za-z0-9+/_-]+=*$/.test(trimmed)) {
    throw new VaultError(
      'vault_bad_key',
      `${origin} must be 32 random bytes in base64 (e.g. \`openssl rand -base64 32\`); it decodes to ${key.length} bytes`,
    );
  }
  return new Uint8Array(key);
}

export async function loadOrCreateKey(
  dataDir: string,
  options: { env?: Record<string, string | undefined> } = {},
): Promise<SecretKey> {
  const env = options.env ?? process.env;
  const fromEnv = env.WEFT_SECRET_KEY;
  if (fromEnv !== undefined && fromEnv.trim() !== '')
    return { key: parseSecretKey(fromEnv), source: 'env', created: false };

  const path = join(dataDir, SECRET_KEY_FILE);
  await mkdir(dataDir, { recursive: true, mode: 0o700 });
  const key = generateSecretKey();
  // Written to a private temp file, then hard-linked into place: link fails if the file exists, so two
  // processes starting together never overwrite each other or read a half-written key.
  const temp = `${path}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  const handle = await open(temp, 'wx', 0o600);
  try {
    await handle.writeFile(`${Buffer.from(key).toString('base64')}\n`);
    await handle.sync();
  } finally {
    await handle.close();
  }
  try {
    await chmod(temp, 0o600);
    await link(temp, path);
    return { key, source: 'file', path, created: true };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  } finally {
    await unlink(temp).catch(() => undefined);
  }
  if (process.platform !== 'win32') {
    const mode = (await stat(path)).mode & 0o777;
    if ((mode & 0o077) !== 0) {
      throw new VaultError(
        'vault_bad_key',
        `The key file ${path} is readable by other users (mode ${mode.toString(8)}). Run \`chmod 600 ${path}\`.`,
      );
    }
  }
  return { key: parseSecretKey(await readFile(path, 'utf8'), path), source: 'file', path, created: false };
}
