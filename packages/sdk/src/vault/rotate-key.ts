// Re-encrypts every credential from the old key to the new one. Everything is opened first, so a credential
// the old key cannot open aborts the rotation before anything is written; blobs already sealed with the new
// key are skipped, so an interrupted rotation can simply be run again. Run it inside a store transaction.
import type { CredentialRecords } from './credential-records.js';
import { openValues, sealValues } from './vault-credential-provider.js';
import { createVault } from './vault.js';

export interface RotateKeyResult {
  rotated: number;
  /** Already encrypted with the new key. */
  skipped: number;
}

export async function rotateKey(options: {
  credentials: Pick<CredentialRecords, 'list' | 'update'>;
  oldKey: Uint8Array;
  newKey: Uint8Array;
}): Promise<RotateKeyResult> {
  const oldVault = createVault(options.oldKey);
  const newVault = createVault(options.newKey);
  const records = await options.credentials.list();
  const pending = records.filter((record) => !newVault.sealedWithThisKey(record.encrypted));
  const opened = pending.map((record) => ({ id: record.id, values: openValues(oldVault, record) }));
  for (const { id, values } of opened) {
    await options.credentials.update(id, { encrypted: sealValues(newVault, id, values) });
  }
  return { rotated: opened.length, skipped: records.length - pending.length };
}
