// Why: without Redis, processes talk over PostgreSQL LISTEN/NOTIFY on the database they already share. One
// dedicated connection listens (reconnecting with a backoff and listening again to every channel); publishes
// go through a small pool. NOTIFY carries at most 8000 bytes, so a larger message is stored in
// `weft_bus_messages` and only its id is notified; receivers read it back, and rows older than `retainMs` are
// deleted by later publishes. Channel names are hashed (with the schema, since NOTIFY spans the whole database)
// into identifiers LISTEN accepts whatever the original name holds.
import { createHash } from 'node:crypto';
import pg from 'pg';
import { createSubscriptions, systemClock } from '@weft/core';
import type { BusErrorHandler, ClusterBus, Clock } from '@weft/core';

const reportToProcess: BusErrorHandler = (error) => {
  process.emitWarning(error instanceof Error ? error : new Error(String(error)), { code: 'WEFT_CLUSTER_BUS' });
};

export interface PostgresBusOptions {
  url: string;
  /** Where `weft_bus_messages` lives (created when missing) and what separates installs (default: search_path). */
  schema?: string;
  onError?: BusErrorHandler;
  /** Messages larger than this (UTF-8 bytes) go through the table (default 7 000; NOTIFY's limit is 8 000). */
  maxNotifyBytes?: number;
  /** Stored large messages are deleted after this long (default 60 000 ms). */
  retainMs?: number;
  /** First reconnect delay, doubled up to 5 s (default 100 ms). */
  reconnectMs?: number;
  /** Names the bus's connections in pg_stat_activity (default `weft-bus`). */
  applicationName?: string;
  /** Timestamps stored messages (tests pass a fake). */
  clock?: Pick<Clock, 'now'>;
}

const INLINE = '=';
const STORED = '@';

export async function createPostgresBus(options: PostgresBusOptions): Promise<ClusterBus> {
  const onError = options.onError ?? reportToProcess;
  const clock = options.clock ?? systemClock;
  const maxNotifyBytes = options.maxNotifyBytes ?? 7_000;
  const retainMs = options.retainMs ?? 60_000;
  const schema = options.schema;
  const table = schema === undefined ? 'weft_bus_messages' : `${quoteIdent(schema)}.weft_bus_messages`;
  const applicationName = options.applicationName ?? 'weft-bus';
  const pool = new pg.Pool({ connectionString: options.url, max: 2, application_name: applicationName });
  pool.on('error', onError);

  /** The identifier LISTEN/NOTIFY use for `channel`. */
  const wireName = (channel: string) =>
    `weft_${createHash('sha256')
      .update(`${schema ?? ''}\0${channel}`)
      .digest('hex')
      .slice(0, 40)}`;
  /** Back from the identifier to the channel, for the channels listened to. */
  const names = new Map<string, string>();

  let closing = false;
  let listener: pg.Client | undefined;
  /** Resolves with the listening connection once (re)connected. */
  let connected: Promise<pg.Client>;
  /** Notifications are handled one after another, so a stored message does not overtake a later small one. */
  let queue = Promise.resolve();

  const subscriptions = createSubscriptions(
    {
      listen: async (channel) => {
        names.set(wireName(channel), channel);
        await (await connected).query(`LISTEN ${wireName(channel)}`);
      },
      unlisten: async (channel) => {
        names.delete(wireName(channel));
        // While disconnected there is nothing to stop: the reconnect listens only to the channels still wanted.
        const client = listener;
        await client?.query(`UNLISTEN ${wireName(channel)}`).catch((error: unknown) => {
          if (listener === client) throw error;
        });
      },
    },
    onError,
  );

  const receive = async (name: string, payload: string) => {
    const channel = names.get(name);
    if (channel === undefined) return;
    if (payload.startsWith(INLINE)) return subscriptions.deliver(channel, payload.slice(INLINE.length));
    const { rows } = await pool.query<{ body: string }>(`select body from ${table} where id = $1`, [
      payload.slice(STORED.length),
    ]);
    const body = rows[0]?.body;
    if (body === undefined)
      throw new Error(`Cluster bus message ${payload} on "${channel}" is gone (older than retainMs?).`);
    subscriptions.deliver(channel, body);
  };

  const connect = async (): Promise<pg.Client> => {
    const client = new pg.Client({ connectionString: options.url, application_name: applicationName });
    client.on('notification', ({ channel, payload }) => {
      queue = queue.then(() => receive(channel, payload ?? INLINE)).catch(onError);
    });
    const lost = (error?: Error) => {
      if (listener !== client) return;
      listener = undefined;
      if (error) onError(error);
      client.end().catch(() => undefined);
      if (!closing) connected = reconnect();
      connected.catch(() => undefined);
    };
    client.on('error', lost);
    client.on('end', () => lost());
    try {
      await client.connect();
      // Before it becomes the listener: a connection lost meanwhile fails this attempt instead of starting
      // a second reconnect.
      for (const channel of subscriptions.channels()) await client.query(`LISTEN ${wireName(channel)}`);
    } catch (error) {
      client.end().catch(() => undefined);
      throw error;
    }
    if (closing) {
      await client.end();
      throw new Error('The cluster bus is closed.');
    }
    listener = client;
    return client;
  };

  let stopWaiting: (() => void) | undefined;
  const pause = (ms: number) =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, ms);
      stopWaiting = () => {
        clearTimeout(timer);
        resolve();
      };
    });

  const reconnect = async (): Promise<pg.Client> => {
    let delay = options.reconnectMs ?? 100;
    for (;;) {
      await pause(delay);
      if (closing) throw new Error('The cluster bus is closed.');
      try {
        return await connect();
      } catch (error) {
        onError(error);
        delay = Math.min(delay * 2, 5_000);
      }
    }
  };

  try {
    await ensureTable(pool, schema, table);
    connected = connect();
    await connected;
  } catch (error) {
    await pool.end().catch(() => undefined);
    throw error;
  }

  let lastCleanup = 0;
  const cleanup = () => {
    const now = clock.now();
    if (now - lastCleanup < retainMs / 2) return;
    lastCleanup = now;
    pool.query(`delete from ${table} where created_at < $1`, [now - retainMs]).catch(onError);
  };

  const send = async (channel: string, message: string) => {
    const name = wireName(channel);
    if (Buffer.byteLength(message, 'utf8') + INLINE.length <= maxNotifyBytes) {
      await pool.query('select pg_notify($1, $2)', [name, INLINE + message]);
      return;
    }
    // One statement, one transaction: the row is committed when the notification goes out.
    await pool.query(
      `with stored as (insert into ${table} (channel, body, created_at) values ($1, $2, $3) returning id)
       select pg_notify($1, '${STORED}' || id) from stored`,
      [name, message, clock.now()],
    );
    cleanup();
  };
  // Publishes go out one after the other: two NOTIFYs on two pooled connections commit in either order, and a
  // run's `run.finished` then overtook its `response` (a respond-mode webhook elsewhere answered 504).
  let sending: Promise<unknown> = Promise.resolve();

  let closed: Promise<void> | undefined;
  return {
    publish(channel, message) {
      if (closing) return Promise.reject(new Error('The cluster bus is closed.'));
      const sent = sending.then(() => send(channel, message));
      sending = sent.catch(() => undefined);
      return sent;
    },
    subscribe: (channel, handler) => subscriptions.subscribe(channel, handler),
    close() {
      closed ??= (async () => {
        closing = true;
        stopWaiting?.();
        subscriptions.close();
        const client = listener;
        listener = undefined;
        await client?.end().catch(() => undefined);
        await queue;
        await pool.end();
      })();
      return closed;
    },
  };
}

async function ensureTable(pool: pg.Pool, schema: string | undefined, table: string): Promise<void> {
  const client = await pool.connect();
  try {
    // Serialized: two processes creating the same table at once can collide in the catalog.
    await client.query('begin');
    await client.query(`select pg_advisory_xact_lock(hashtext('weft_bus_messages'))`);
    if (schema !== undefined) await client.query(`create schema if not exists ${quoteIdent(schema)}`);
    await client.query(
      `create table if not exists ${table} (id bigserial primary key, channel text not null, body text not null,
        created_at bigint not null)`,
    );
    await client.query('commit');
  } catch (error) {
    await client.query('rollback').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}

function quoteIdent(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}
