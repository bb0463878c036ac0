// Retry delays: exponential backoff with full jitter (delay = random(0, min(maxDelay, base * 2^(attempt-1)))).
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
