// Why: connector rate limits must hold for the whole cluster, not per process. One Lua script reserves the
// slot atomically in Redis, with the SDK in-memory limiter's rule: each limit of a key is a sorted set of the
// last `limit` reserved send times; a request gets the earliest time that is not before the latest reservation
// (first come, first served across processes) and is at least `interval` after the `limit`-th latest, so no
// window of `interval` ms holds more than `limit` requests. rate-limiter-flexible was not used: its Redis
// limiter counts fixed windows (up to 2× `limit` across a window edge) and queues waiters per process only.
// The limits of one key share a hash tag, so the script also runs on Redis Cluster.
import { createHash, randomUUID } from 'node:crypto';
import { systemClock } from '@weft/core';
import type { Clock } from '@weft/core';
import type { RateLimiter } from '@weft/sdk/runtime';
import type { Redis } from 'ioredis';
import { bucketName, createReservingLimiter } from './reserving-limiter.js';

export interface RedisRateLimiterOptions {
  /** A command connection (openRedis().client). */
  redis: Redis;
  /** Put in front of every key (e.g. openRedis().prefix); the limiter adds `ratelimit:`. */
  prefix: string;
  /** Times the reservations: all processes' clocks should agree (NTP). Tests pass a fake. */
  clock?: Clock;
}

// KEYS: one sorted set per limit. ARGV: now, a unique member, then limit and interval for each key.
// Returns the reserved time.
const RESERVE = `
local now = tonumber(ARGV[1])
local member = ARGV[2]
local at = now
for i, key in ipairs(KEYS) do
  local limit = tonumber(ARGV[1 + 2 * i])
  local interval = tonumber(ARGV[2 + 2 * i])
  redis.call('ZREMRANGEBYSCORE', key, '-inf', now - interval)
  local last = redis.call('ZRANGE', key, -1, -1, 'WITHSCORES')
  if last[2] then at = math.max(at, tonumber(last[2])) end
  local count = redis.call('ZCARD', key)
  if count >= limit then
    local oldest = redis.call('ZRANGE', key, count - limit, count - limit, 'WITHSCORES')
    at = math.max(at, tonumber(oldest[2]) + interval)
  end
end
for i, key in ipairs(KEYS) do
  local limit = tonumber(ARGV[1 + 2 * i])
  local interval = tonumber(ARGV[2 + 2 * i])
  redis.call('ZADD', key, at, member)
  redis.call('ZREMRANGEBYRANK', key, 0, -(limit + 1))
  redis.call('PEXPIRE', key, math.ceil(at - now + interval))
end
return tostring(at)
`;
const RESERVE_SHA = createHash('sha1').update(RESERVE).digest('hex');

export function createRedisRateLimiter(options: RedisRateLimiterOptions): RateLimiter {
  const { redis } = options;
  return createReservingLimiter(async (key, limits, now) => {
    const keys = limits.map((limit) => `${options.prefix}ratelimit:{${key}}${bucketName('', limit)}`);
    // Read just before the script, which runs atomically: nothing waits between this time and the reservation.
    const args = [String(now()), randomUUID(), ...limits.flatMap((limit) => [limit.limit, limit.interval].map(String))];
    let reply: unknown;
    try {
      reply = await redis.evalsha(RESERVE_SHA, keys.length, ...keys, ...args);
    } catch (error) {
      if (!(error instanceof Error) || !error.message.startsWith('NOSCRIPT')) throw error;
      reply = await redis.eval(RESERVE, keys.length, ...keys, ...args);
    }
    return Number(reply);
  }, options.clock ?? systemClock);
}
