// Stripe: `Stripe-Signature: t=<seconds>,v1=<hex>[,v1=<hex>...]`, HMAC-SHA256 of `<t>.<raw body>`. Several v1
// entries appear while a secret is being rolled; any match is enough. The header is read exactly as stripe-node
// reads it (no trimming, case-sensitive keys and hex, `t` read with parseInt); the deliberate differences are
// listed in docs/webhook-verification.md: a non-numeric `t` and a `t` more than the tolerance ahead are refused.
import {
  DEFAULT_TOLERANCE_SECONDS,
  hmac,
  leadingInteger,
  payloadLength,
  safeEqual,
  withinTolerance,
  type Payload,
} from './compare.js';

export interface VerifyStripeOptions {
  payload: Payload;
  header: string | undefined;
  secret: string;
  toleranceSeconds?: number;
  /** ms since epoch (default Date.now()). */
  now?: number;
}

export function verifyStripeSignature(options: VerifyStripeOptions): boolean {
  const { header, secret } = options;
  if (typeof header !== 'string' || header === '' || secret.trim() === '' || payloadLength(options.payload) === 0) {
    return false;
  }
  let timestamp: number | undefined;
  const signatures: string[] = [];
  for (const item of header.split(',')) {
    // Like stripe-node: `key=value` split on every '=', so `v1=<hex>=junk` offers `<hex>`.
    const [key, value] = item.split('=');
    if (key === 't') timestamp = leadingInteger(value);
    else if (key === 'v1' && value !== undefined) signatures.push(value);
  }
  if (timestamp === undefined || signatures.length === 0) return false;
  if (!withinTolerance(timestamp, options.now ?? Date.now(), options.toleranceSeconds ?? DEFAULT_TOLERANCE_SECONDS)) {
    return false;
  }
  const expected = hmac('sha256', secret, [`${timestamp}.`, options.payload]).toString('hex');
  let matched = false;
  // Compare with every candidate (no early exit) so that timing does not reveal which one matched.
  for (const signature of signatures) matched = safeEqual(signature, expected) || matched;
  return matched;
}
