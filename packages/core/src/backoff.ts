// The one retry model: core owns the policy (flow.ts `RetryPolicy`) and the jitter. Delays are exponential
// backoff with full jitter (random(0, min(maxDelay, delay * 2^(attempt-1)))); a step waits the longer of that
// and the wait the failure asked for (a connector's `retryAfterMs`, read from Retry-After). The SDK reuses
// `retryDelay` for its in-process request retries, so both layers jitter the same way.
import type { RetryPolicy } from './flow.js';

export const DEFAULT_RETRY_DELAY = 1000;
export const DEFAULT_MAX_RETRY_DELAY = 60_000;

/** Delay before the attempt after `failedAttempt` (1-based). `random` returns [0, 1). */
export function retryDelay(policy: RetryPolicy, failedAttempt: number, random: () => number): number {
  const base = policy.delay ?? DEFAULT_RETRY_DELAY;
  const cap = policy.maxDelay ?? DEFAULT_MAX_RETRY_DELAY;
  if (policy.backoff === 'fixed') return Math.min(base, cap);
  const ceiling = Math.min(cap, base * 2 ** (failedAttempt - 1));
  return Math.floor(random() * ceiling);
}

/**
 * How long the failure itself asked to wait, in ms: its `retryAfterMs` (a ConnectorError from a 429 or 503
 * with Retry-After), or the same value kept in its details once it was serialised. Undefined when it said none.
 */
export function retryAfterOf(error: unknown): number | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const own = (error as { retryAfterMs?: unknown }).retryAfterMs;
  if (isWait(own)) return own;
  const carrier = error as { details?: unknown; info?: { details?: unknown } };
  const details = carrier.details ?? carrier.info?.details;
  const kept = (details as { retryAfterMs?: unknown } | null | undefined)?.retryAfterMs;
  return isWait(kept) ? kept : undefined;
}

/** A step's wait before its next attempt: `max(backoff, retryAfter)` — never sooner than the upstream asked. */
export function stepRetryDelay(
  policy: RetryPolicy,
  failedAttempt: number,
  random: () => number,
  error: unknown,
): number {
  return Math.max(retryDelay(policy, failedAttempt, random), retryAfterOf(error) ?? 0);
}

function isWait(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0;
}
