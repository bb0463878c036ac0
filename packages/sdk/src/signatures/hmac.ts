// Generic HMAC signatures (`X-Signature: sha256=<hex>` and the like).
import { hmac, safeEqual, type Payload } from './compare.js';

export interface VerifyHmacOptions {
  payload: Payload;
  secret: string | Uint8Array;
  /** The received signature (with its prefix, if the provider uses one). */
  signature: string | undefined;
  /** Default `sha256`. */
  algorithm?: 'sha1' | 'sha256' | 'sha512';
  /** Default `hex`. */
  encoding?: 'hex' | 'base64' | 'base64url';
  /** Expected before the digest, e.g. `sha256=`. */
  prefix?: string;
}

export function verifyHmac(options: VerifyHmacOptions): boolean {
  const { signature } = options;
  if (typeof signature !== 'string') return false;
  const prefix = options.prefix ?? '';
  const expected = hmac(options.algorithm ?? 'sha256', options.secret, [options.payload]).toString(
    options.encoding ?? 'hex',
  );
  const received = signature.trim();
  // Hex digests are case-insensitive.
  const normalize = (s: string) => ((options.encoding ?? 'hex') === 'hex' ? s.toLowerCase() : s);
  return safeEqual(normalize(received), normalize(`${prefix}${expected}`));
}
