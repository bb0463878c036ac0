// Why: the cluster rate limiters differ only in where the reservation is made (a Redis script, a database
// transaction); waiting is the same as in the SDK's in-memory limiter: refuse an aborted request before it
// takes a slot, reserve the slot, then sleep until it comes (the abort signal cuts the sleep short).
import type { Clock } from '@weft/core';
import type { RateLimit } from '@weft/sdk';
import type { RateLimiter } from '@weft/sdk/runtime';

/**
 * Reserves one slot under every limit for `key` no earlier than the current time, read by calling `now` once the
 * buckets are held (a reservation that waited for a lock must not be dated from before the wait, or its request
 * goes out later than its slot says); resolves with the slot's time.
 */
export type Reserve = (key: string, limits: readonly RateLimit[], now: () => number) => Promise<number>;

export function createReservingLimiter(reserve: Reserve, clock: Clock): RateLimiter {
  return {
    async acquire(key, limits, signal) {
      if (limits.length === 0) return 0;
      if (signal?.aborted) throw signal.reason;
      const slot = await reserve(key, limits, () => clock.now());
      const wait = Math.max(0, slot - clock.now());
      if (wait > 0) await clock.sleep(wait, signal);
      return wait;
    },
  };
}

/** The bucket of one limit of `key`, named as the in-memory limiter names it. */
export const bucketName = (key: string, limit: RateLimit) => `${key}|${limit.limit}/${limit.interval}`;
