// Shared pieces of the webhook signature checks: constant-time comparison, timestamp parsing and tolerance.
// Timestamps are compared in whole seconds, as the providers' official libraries do (stripe-node,
// standardwebhooks, @slack/bolt): a timestamp exactly `tolerance` seconds old is still accepted.
import { createHmac, timingSafeEqual } from 'node:crypto';

export type Payload = string | Uint8Array;

export const DEFAULT_TOLERANCE_SECONDS = 300;

/** Constant-time equality of two strings (byte-wise); different lengths are unequal. */
export function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a, 'utf8');
  const y = Buffer.from(b, 'utf8');
  // timingSafeEqual needs equal lengths; comparing x with itself keeps the time independent of where they differ.
  if (x.length !== y.length) {
    timingSafeEqual(x, x);
    return false;
  }
  return timingSafeEqual(x, y);
}

export function hmac(algorithm: string, key: string | Uint8Array, parts: readonly Payload[]): Buffer {
  const mac = createHmac(algorithm, key);
  for (const part of parts) mac.update(part);
  return mac.digest();
}

export function payloadLength(payload: Payload): number {
  return typeof payload === 'string' ? payload.length : payload.byteLength;
}

/**
 * True when the signed timestamp (whole seconds) is at most `toleranceSeconds` older than now (ms) and at most as
 * much ahead of it. A signed timestamp further in the future is refused even where a provider's library accepts
 * it (stripe-node, @slack/bolt): it would stretch the window in which a captured delivery can be replayed.
 */
export function withinTolerance(timestampSeconds: number, nowMs: number, toleranceSeconds: number): boolean {
  if (!Number.isSafeInteger(timestampSeconds)) return false;
  const now = Math.floor(nowMs / 1000);
  return now - timestampSeconds <= toleranceSeconds && timestampSeconds - now <= toleranceSeconds;
}

/** `parseInt(text, 10)` as the official libraries read timestamps (`1700000000.0` is 1700000000); NaN: undefined. */
export function leadingInteger(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const value = Number.parseInt(text, 10);
  return Number.isNaN(value) ? undefined : value;
}
