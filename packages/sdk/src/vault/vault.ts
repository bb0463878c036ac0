// The credential vault: AES-256-GCM with a random 12-byte IV per seal. The sealed blob carries a version and
// the key's fingerprint (so a wrong key is told apart from tampering), and is bound to its context (the
// credential id) as additional authenticated data, so a blob copied onto another credential does not open.
import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import { WeftError, type JsonValue } from '@weft/core';

const VERSION = 1;
const FINGERPRINT_BYTES = 8;
const IV_BYTES = 12;
const TAG_BYTES = 16;
const HEADER_BYTES = 1 + FINGERPRINT_BYTES;

export type VaultErrorCode = 'vault_bad_key' | 'vault_bad_format' | 'vault_wrong_key' | 'vault_tampered';

export class VaultError extends WeftError {
  constructor(code: VaultErrorCode, message: string) {
    super(code, message, { fault: 'system', retryable: false });
    this.name = 'VaultError';
  }
}

export interface Vault {
  /** First bytes of SHA-256 of the key, hex: safe to log, tells keys apart. */
  readonly fingerprint: string;
  seal(value: JsonValue, context: string): Uint8Array;
  open(blob: Uint8Array, context: string): JsonValue;
  /** Whether `blob` was sealed with this vault's key (without opening it). */
  sealedWithThisKey(blob: Uint8Array): boolean;
}

export function keyFingerprint(key: Uint8Array): string {
  return createHash('sha256').update(key).digest().subarray(0, FINGERPRINT_BYTES).toString('hex');
}

export function createVault(key: Uint8Array): Vault {
  if (key.length !== 32) throw new VaultError('vault_bad_key', `The secret key must be 32 bytes (got ${key.length})`);
  const keyBuffer = Buffer.from(key);
  const fingerprintBytes = createHash('sha256').update(keyBuffer).digest().subarray(0, FINGERPRINT_BYTES);
  const fingerprint = fingerprintBytes.toString('hex');
  const header = Buffer.concat([Buffer.from([VERSION]), fingerprintBytes]);
  const aad = (context: string) => Buffer.concat([header, Buffer.from(context, 'utf8')]);

  return {
    fingerprint,
    seal(value, context) {
      const iv = randomBytes(IV_BYTES);
      const cipher = createCipheriv('aes-256-gcm', keyBuffer, iv);
      cipher.setAAD(aad(context));
      const ciphertext = Buffer.concat([cipher.update(JSON.stringify(value), 'utf8'), cipher.final()]);
      return new Uint8Array(Buffer.concat([header, iv, cipher.getAuthTag(), ciphertext]));
    },
    open(blob, context) {
      const data = Buffer.from(blob);
      if (data.length < HEADER_BYTES + IV_BYTES + TAG_BYTES || data[0] !== VERSION) {
        throw new VaultError(
          'vault_bad_format',
          `The encrypted credential ${context} is not in a format this Weft can read`,
        );
      }
      const sealedBy = data.subarray(1, HEADER_BYTES).toString('hex');
      if (sealedBy !== fingerprint) {
        throw new VaultError(
          'vault_wrong_key',
          `The credential ${context} was encrypted with another secret key (fingerprint ${sealedBy}, current ${fingerprint}). ` +
            'Start Weft with the key it was encrypted with, or re-encrypt with `weft credentials rotate-key`.',
        );
      }
      const iv = data.subarray(HEADER_BYTES, HEADER_BYTES + IV_BYTES);
      const tag = data.subarray(HEADER_BYTES + IV_BYTES, HEADER_BYTES + IV_BYTES + TAG_BYTES);
      const ciphertext = data.subarray(HEADER_BYTES + IV_BYTES + TAG_BYTES);
      try {
        const decipher = createDecipheriv('aes-256-gcm', keyBuffer, iv);
        decipher.setAAD(aad(context));
        decipher.setAuthTag(tag);
        const plain = Buffer.concat([decipher.update(ciphertext), decipher.final()]);
        return JSON.parse(plain.toString('utf8')) as JsonValue;
      } catch {
        throw new VaultError(
          'vault_tampered',
          `The credential ${context} failed its integrity check: the encrypted data was modified or belongs to another ` +
            'credential. Reconnect it to store it again.',
        );
      }
    },
    sealedWithThisKey(blob) {
      return (
        blob.length > HEADER_BYTES &&
        blob[0] === VERSION &&
        Buffer.from(blob.subarray(1, HEADER_BYTES)).toString('hex') === fingerprint
      );
    },
  };
}
