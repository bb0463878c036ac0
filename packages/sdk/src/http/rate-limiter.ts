// Rate limiting before a request leaves. The in-memory limiter is a token bucket whose tokens come back one
// `interval` after they were spent, so no window of `interval` ms ever sees more than `limit` requests (a
// classic refill-rate bucket lets almost 2× through across a window edge). Waiters are served first come,
// first served by reserving their slot up front. A scale-out can implement RateLimiter on Redis.
import type { AbortSignalLike, Clock } from '@weft/core';
import { systemClock } from '@weft/core';
import type { RateLimit } from '../define/rate-limit.js';

export interface RateLimiter {
  /** Waits until one request may go under every limit for `key`; resolves with the ms waited. */
  acquire(key: string, limits: readonly RateLimit[], signal?: AbortSignalLike): Promise<number>;
}

export function createMemoryRateLimiter(options: { clock?: Clock } = {}): RateLimiter {
  const clock = options.clock ?? systemClock;
  /** Per bucket (`key` + limit), the times of the last `limit` requests (some possibly in the future). */
  const buckets = new Map<string, number[]>();

  const reserve = (key: string, limits: readonly RateLimit[]): number => {
    const now = clock.now();
    let at = now;
    const logs = limits.map((limit) => {
      const name = `${key}|${limit.limit}/${limit.interval}`;
      let log = buckets.get(name);
      if (!log) buckets.set(name, (log = []));
      while (log.length > 0 && log[0]! <= now - limit.interval) log.shift();
      // FIFO: never before an earlier reservation; and the token spent `limit` requests ago must be back.
      const last = log[log.length - 1];
      if (last !== undefined) at = Math.max(at, last);
      if (log.length >= limit.limit) at = Math.max(at, log[log.length - limit.limit]! + limit.interval);
      return { log, limit };
    });
    for (const { log, limit } of logs) {
      log.push(at);
      if (log.length > limit.limit) log.splice(0, log.length - limit.limit);
    }
    return at - now;
  };

  return {
    async acquire(key, limits, signal) {
      if (limits.length === 0) return 0;
      if (signal?.aborted) throw signal.reason;
      const wait = reserve(key, limits);
      if (wait > 0) await clock.sleep(wait, signal);
      return wait;
    },
  };
}
