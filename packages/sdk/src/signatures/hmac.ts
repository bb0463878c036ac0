// Generic HMAC signatures (`X-Signature: sha256=<hex>` and the like), for the built-in webhook trigger. There is
// no official library to follow: the prefix must match exactly, a hex digest may be in either case (senders
// differ), surrounding spaces are ignored, and an empty secret verifies nothing.
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
  const { signature, secret } = options;
  if (typeof signature !== 'string' || secret.length === 0) return false;
  const encoding = options.encoding ?? 'hex';
  const prefix = options.prefix ?? '';
  const received = signature.trim();
  if (!received.startsWith(prefix)) return false;
  const digest = received.slice(prefix.length);
  const expected = hmac(options.algorithm ?? 'sha256', secret, [options.payload]).toString(encoding);
  return safeEqual(encoding === 'hex' ? digest.toLowerCase() : digest, expected);
}
