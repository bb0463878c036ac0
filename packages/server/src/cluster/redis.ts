// Why: every cluster adapter on Redis (bus, rate limiter, OAuth states) opens its connections here, so they all
// share one policy: connect at once and fail startup when Redis is unreachable, reconnect with a capped backoff
// afterwards, fail a command after a few retries instead of queueing it forever, and close every connection
// (subscribers included) without leaving a socket or timer behind. Keys and channels are prefixed by the
// adapters themselves (not ioredis' keyPrefix, which does not apply to pub/sub channels).
import { Redis } from 'ioredis';
import type { RedisOptions } from 'ioredis';

export interface OpenRedisOptions {
  /** Put in front of every key and channel the adapters use (default `weft:`). */
  prefix?: string;
  /** Connection errors after startup (ioredis reconnects on its own); default: ignored, commands fail instead. */
  onError?: (error: Error) => void;
  /** How long startup waits for Redis (default 10 000 ms). */
  connectTimeoutMs?: number;
}

export interface RedisConnection {
  /** The command connection. */
  readonly client: Redis;
  readonly prefix: string;
  /** A new connection with the same settings (a subscriber needs one of its own); closed by `close()`. */
  duplicate(): Redis;
  /** Closes the client and every duplicate. */
  close(): Promise<void>;
}

/** Connects to `url` (`redis://` or `rediss://`); rejects when Redis cannot be reached. */
export async function openRedis(url: string, options: OpenRedisOptions = {}): Promise<RedisConnection> {
  const settings: RedisOptions = {
    lazyConnect: false,
    connectTimeout: options.connectTimeoutMs ?? 10_000,
    maxRetriesPerRequest: 3,
    retryStrategy: (times) => Math.min(100 * 2 ** Math.min(times, 5), 3_000),
  };
  const onError = options.onError ?? (() => undefined);
  const clients: Redis[] = [];
  const open = () => {
    const client = new Redis(url, settings);
    client.on('error', onError);
    clients.push(client);
    return client;
  };
  const client = open();
  try {
    await ready(client);
  } catch (error) {
    client.disconnect();
    throw error;
  }
  let closed: Promise<void> | undefined;
  return {
    client,
    prefix: options.prefix ?? 'weft:',
    duplicate: open,
    close() {
      closed ??= Promise.all(clients.map(quit)).then(() => undefined);
      return closed;
    },
  };
}

function ready(client: Redis): Promise<void> {
  return new Promise((resolve, reject) => {
    const onReady = () => {
      client.off('error', onError);
      resolve();
    };
    const onError = (error: Error) => {
      client.off('ready', onReady);
      reject(error);
    };
    client.once('ready', onReady);
    client.once('error', onError);
  });
}

/** Resolves once the socket is closed (quit's reply comes before that), so no handle outlives close(). */
async function quit(client: Redis): Promise<void> {
  if (client.status === 'end') return;
  const ended = new Promise((resolve) => client.once('end', resolve));
  if (client.status === 'ready') {
    await client.quit().catch(() => client.disconnect());
  } else {
    client.disconnect();
  }
  await ended;
}
