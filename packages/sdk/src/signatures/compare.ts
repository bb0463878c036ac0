// Shared pieces of the webhook signature checks: constant-time comparison and timestamp tolerance.
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

/** True when the signed timestamp (seconds) is within `toleranceSeconds` of now (ms). */
export function withinTolerance(timestampSeconds: number, nowMs: number, toleranceSeconds: number): boolean {
  return Number.isFinite(timestampSeconds) && Math.abs(nowMs / 1000 - timestampSeconds) <= toleranceSeconds;
}
