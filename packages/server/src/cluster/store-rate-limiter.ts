// Why: without Redis, the cluster's processes count connector rate limits in the database they share
// (store.rateLimits: one transaction per reservation, serialized per bucket). Same rule as the SDK's in-memory
// limiter; on SQLite it also holds across processes sharing the file.
import { systemClock } from '@weft/core';
import type { Clock } from '@weft/core';
import type { RateLimiter } from '@weft/sdk/runtime';
import type { Store } from '@weft/store';
import { bucketName, createReservingLimiter } from './reserving-limiter.js';

export interface StoreRateLimiterOptions {
  store: Pick<Store, 'rateLimits'>;
  /** Times the reservations: all processes' clocks should agree (NTP). Tests pass a fake. */
  clock?: Clock;
}

export function createStoreRateLimiter(options: StoreRateLimiterOptions): RateLimiter {
  const { store } = options;
  return createReservingLimiter(
    (key, limits, now) =>
      store.rateLimits.reserve({
        buckets: limits.map((limit) => ({
          bucket: bucketName(key, limit),
          limit: limit.limit,
          interval: limit.interval,
        })),
        now,
      }),
    options.clock ?? systemClock,
  );
}
