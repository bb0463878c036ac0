// `weft credentials rotate-key`: re-encrypts every credential with a new key, in one transaction, then
// replaces the key file (or prints the new key when the old one came from WEFT_SECRET_KEY).
import { generateSecretKey, loadOrCreateKey, parseSecretKey, rotateKey, SECRET_KEY_FILE } from '@weft/sdk/runtime';
import { loadConfig } from '@weft/server';
import { openStore } from '@weft/store';
import { rename, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { guard } from './flow-file.js';

export function rotateKeyCommand(options: { dataDir?: string; database?: string }): Promise<void> {
  return guard(async () => {
    const config = loadConfig({ dataDir: options.dataDir, databaseUrl: options.database });
    const dataDir = resolve(config.dataDir);
    const current = await loadOrCreateKey(dataDir, { env: { WEFT_SECRET_KEY: config.secretKey } });
    const newKey = config.newSecretKey
      ? parseSecretKey(config.newSecretKey, 'WEFT_NEW_SECRET_KEY')
      : generateSecretKey();
    const store = await openStore({ url: config.databaseUrl ?? join(dataDir, 'weft.db') });
    try {
      const result = await store.transaction((tx) =>
        rotateKey({ credentials: tx.credentials, oldKey: current.key, newKey }),
      );
      if (current.source === 'file') {
        const file = join(dataDir, SECRET_KEY_FILE);
        await writeFile(`${file}.new`, Buffer.from(newKey).toString('base64') + '\n', { mode: 0o600 });
        await rename(`${file}.new`, file);
        process.stdout.write(`re-encrypted ${result.rotated} credential(s); the new key is in ${file}\n`);
      } else {
        process.stdout.write(
          `re-encrypted ${result.rotated} credential(s); set WEFT_SECRET_KEY=${Buffer.from(newKey).toString('base64')} before the next start\n`,
        );
      }
    } finally {
      await store.close();
    }
  });
}
