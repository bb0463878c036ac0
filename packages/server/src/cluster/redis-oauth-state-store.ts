// Why: the browser coming back from an OAuth2 provider may reach another process than the one that started the
// authorization. With Redis, a pending authorization is one key that Redis expires on its own (SET … PX) and
// that GETDEL reads and removes in one step, so a state works once however many processes race for it.
import { systemClock } from '@weft/core';
import type { Clock } from '@weft/core';
import type { OAuthStateStore } from '@weft/sdk/runtime';
import type { Redis } from 'ioredis';
import { parseJson } from './json.js';
import { entryFromJson, entryToJson } from './oauth-state-entry.js';

export interface RedisOAuthStateStoreOptions {
  /** A command connection (openRedis().client). */
  redis: Redis;
  /** Put in front of every key (e.g. openRedis().prefix); the store adds `oauth:`. */
  prefix: string;
  /** Decides expiry (tests pass a fake); Redis drops the key at `expiresAt` by its own clock too. */
  clock?: Pick<Clock, 'now'>;
}

export function createRedisOAuthStateStore(options: RedisOAuthStateStoreOptions): OAuthStateStore {
  const { redis } = options;
  const clock = options.clock ?? systemClock;
  const keyOf = (state: string) => `${options.prefix}oauth:${state}`;
  return {
    async save(state, entry) {
      const ttl = Math.ceil(entry.expiresAt - clock.now());
      if (ttl <= 0) {
        await redis.del(keyOf(state));
        return;
      }
      await redis.set(keyOf(state), JSON.stringify(entryToJson(entry)), 'PX', ttl);
    },
    async take(state) {
      const text = await redis.getdel(keyOf(state));
      if (text === null) return undefined;
      const value = parseJson(text);
      const entry = value === undefined ? undefined : entryFromJson(value);
      if (!entry || entry.expiresAt <= clock.now()) return undefined;
      return entry;
    },
  };
}
