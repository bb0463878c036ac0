// Why: the runtime wires a cluster from these adapters (bus, rate limiter, circuit breakers, OAuth states) on
// Redis when configured, else on the database; this is everything it needs, and nothing internal.
export type { BusErrorHandler, BusHandler, ClusterBus } from './ports.js';
export { createMemoryBus, createMemoryBusNetwork } from './memory-bus.js';
export type { MemoryBusNetwork, MemoryBusOptions } from './memory-bus.js';
export { createRedisBus } from './redis-bus.js';
export type { RedisBusOptions } from './redis-bus.js';
export { createPostgresBus } from '@weft/store';
export type { PostgresBusOptions } from '@weft/store';
export { openRedis } from './redis.js';
export type { OpenRedisOptions, RedisConnection } from './redis.js';
export { createRedisRateLimiter } from './redis-rate-limiter.js';
export type { RedisRateLimiterOptions } from './redis-rate-limiter.js';
export { createStoreRateLimiter } from './store-rate-limiter.js';
export type { StoreRateLimiterOptions } from './store-rate-limiter.js';
export { createSharedBreakers } from './shared-breakers.js';
export type { SharedBreakers, SharedBreakersOptions } from './shared-breakers.js';
export { createRedisOAuthStateStore } from './redis-oauth-state-store.js';
export type { RedisOAuthStateStoreOptions } from './redis-oauth-state-store.js';
export { createStoreOAuthStateStore } from './store-oauth-state-store.js';
