// Stripe: `Stripe-Signature: t=<seconds>,v1=<hex>[,v1=<hex>...]`, HMAC-SHA256 of `<t>.<raw body>`. Several v1
// entries appear while a secret is being rolled; any match is enough.
import { DEFAULT_TOLERANCE_SECONDS, hmac, safeEqual, withinTolerance, type Payload } from './compare.js';

export interface VerifyStripeOptions {
  payload: Payload;
  header: string | undefined;
  secret: string;
  toleranceSeconds?: number;
  /** ms since epoch (default Date.now()). */
  now?: number;
}

export function verifyStripeSignature(options: VerifyStripeOptions): boolean {
  if (typeof options.header !== 'string') return false;
  let timestamp: string | undefined;
  const signatures: string[] = [];
  for (const part of options.header.split(',')) {
    const index = part.indexOf('=');
    if (index < 0) continue;
    const key = part.slice(0, index).trim();
    const value = part.slice(index + 1).trim();
    if (key === 't') timestamp = value;
    else if (key === 'v1') signatures.push(value);
  }
  if (timestamp === undefined || !/^\d+$/.test(timestamp) || signatures.length === 0) return false;
  if (
    !withinTolerance(
      Number(timestamp),
      options.now ?? Date.now(),
      options.toleranceSeconds ?? DEFAULT_TOLERANCE_SECONDS,
    )
  ) {
    return false;
  }
  const expected = hmac('sha256', options.secret, [`${timestamp}.`, options.payload]).toString('hex');
  let matched = false;
  // Compare with every candidate (no early exit) so that timing does not reveal which one matched.
  for (const signature of signatures) matched = safeEqual(signature.toLowerCase(), expected) || matched;
  return matched;
}
