// What the processes of one installation share, chosen from the settings:
// - Redis configured: the cluster bus, connector rate limits, circuit breakers, OAuth state and socket.io's
//   adapter all go through Redis (fast, and nothing else to run beside the database);
// - PostgreSQL without Redis: LISTEN/NOTIFY carries wake-ups and webhook replies, rate limits and OAuth state live
//   in tables; live step events stay within the process that executes the run;
// - SQLite: one process, everything in memory — the zero-config default with nothing extra.
// The queue itself stays in the database (FOR UPDATE SKIP LOCKED): the bus only says "look now".
import { createAdapter } from '@socket.io/redis-adapter';
import { WeftError } from '@weft/core';
import type { CircuitBreakers, OAuthStateStore, RateLimiter } from '@weft/sdk/runtime';
import type { Store } from '@weft/store';
import type { Logger } from 'pino';
import type { ServerOptions } from 'socket.io';
import {
  createPostgresBus,
  createRedisBus,
  createRedisOAuthStateStore,
  createRedisRateLimiter,
  createSharedBreakers,
  createStoreOAuthStateStore,
  createStoreRateLimiter,
  openRedis,
  type ClusterBus,
} from './cluster/index.js';
import type { WeftConfig } from './config.js';

export interface Cluster {
  kind: 'none' | 'redis' | 'postgres';
  /** Absent for a single process (SQLite). */
  transport?: ClusterBus;
  shared: { rateLimiter?: RateLimiter; oauthStates?: OAuthStateStore; breakers?: CircuitBreakers };
  socketAdapter?: ServerOptions['adapter'];
  close(): Promise<void>;
}

export interface ClusterSetup {
  config: WeftConfig;
  store: Store;
  logger: Logger;
  /** This process, as the cluster bus names it. */
  origin: string;
}

export async function openCluster(setup: ClusterSetup): Promise<Cluster> {
  try {
    return await connect(setup);
  } catch (error) {
    const where = setup.config.redisUrl ? `Redis at ${redactRedisUrl(setup.config.redisUrl)}` : 'the PostgreSQL bus';
    const reason = error instanceof Error ? error.message : String(error);
    throw new WeftError('cluster_unavailable', `Cannot reach ${where}: ${reason}.`, { fault: 'system', cause: error });
  }
}

async function connect({ config, store, logger }: ClusterSetup): Promise<Cluster> {
  const prefix = config.redisPrefix;
  const onError = (error: unknown) => logger.warn({ err: error }, 'cluster bus error');
  if (config.redisUrl) {
    const redis = await openRedis(config.redisUrl, {
      prefix,
      onError: (error) => logger.warn({ err: error }, 'redis connection error'),
    });
    const transport = await createRedisBus({ url: config.redisUrl, prefix, onError });
    const breakers = await createSharedBreakers({ bus: transport, onError });
    logger.info({ redis: redactRedisUrl(config.redisUrl) }, 'cluster: sharing state through Redis');
    return {
      kind: 'redis',
      transport,
      shared: {
        rateLimiter: createRedisRateLimiter({ redis: redis.client, prefix }),
        oauthStates: createRedisOAuthStateStore({ redis: redis.client, prefix }),
        breakers,
      },
      socketAdapter: createAdapter(redis.duplicate(), redis.duplicate(), { key: `${prefix}socket.io` }),
      async close() {
        await breakers.close();
        await transport.close();
        await redis.close();
      },
    };
  }
  if (store.dialect === 'postgres' && config.databaseUrl) {
    const transport = await createPostgresBus({
      url: config.databaseUrl,
      onError,
      ...(config.databaseSchema === undefined ? {} : { schema: config.databaseSchema }),
    });
    const breakers = await createSharedBreakers({ bus: transport, onError });
    logger.info('cluster: sharing state through PostgreSQL (LISTEN/NOTIFY and tables)');
    return {
      kind: 'postgres',
      transport,
      shared: {
        rateLimiter: createStoreRateLimiter({ store }),
        oauthStates: createStoreOAuthStateStore({ store }),
        breakers,
      },
      async close() {
        await breakers.close();
        await transport.close();
      },
    };
  }
  return { kind: 'none', shared: {}, close: async () => undefined };
}

function redactRedisUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return 'redis';
  }
}
