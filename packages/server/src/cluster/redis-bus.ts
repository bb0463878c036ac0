// Why: with Redis configured, processes talk over Redis pub/sub — one connection publishes, a second one
// (a subscribed Redis connection can do nothing else) listens. Channels are prefixed so that several Weft
// installs can share a Redis; ioredis subscribes again by itself after a reconnect.
import { openRedis } from './redis.js';
import type { RedisConnection } from './redis.js';
import { reportToProcess } from './ports.js';
import type { BusErrorHandler, ClusterBus } from './ports.js';
import { createSubscriptions } from '@weft/core';

export interface RedisBusOptions {
  url: string;
  /** Put in front of every channel (default `weft:`); the bus adds `bus:` after it. */
  prefix?: string;
  onError?: BusErrorHandler;
}

export async function createRedisBus(options: RedisBusOptions): Promise<ClusterBus> {
  const onError = options.onError ?? reportToProcess;
  const redis: RedisConnection = await openRedis(options.url, {
    ...(options.prefix === undefined ? {} : { prefix: options.prefix }),
    onError,
  });
  const subscriber = redis.duplicate();
  const namespace = `${redis.prefix}bus:`;
  const subscriptions = createSubscriptions(
    {
      listen: async (channel) => {
        await subscriber.subscribe(namespace + channel);
      },
      unlisten: async (channel) => {
        await subscriber.unsubscribe(namespace + channel);
      },
    },
    onError,
  );
  subscriber.on('message', (channel: string, message: string) => {
    if (channel.startsWith(namespace)) subscriptions.deliver(channel.slice(namespace.length), message);
  });
  let closed: Promise<void> | undefined;
  return {
    async publish(channel, message) {
      if (closed) throw new Error('The cluster bus is closed.');
      await redis.client.publish(namespace + channel, message);
    },
    subscribe: (channel, handler) => subscriptions.subscribe(channel, handler),
    close() {
      subscriptions.close();
      closed ??= redis.close();
      return closed;
    },
  };
}
