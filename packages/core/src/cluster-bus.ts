// The cluster bus port: processes of one Weft installation (web and worker roles) tell each other about what
// happened in one of them — a run queued, a flow changed, a circuit opened, a run's reply. The server has an
// in-process and a Redis implementation, the store a PostgreSQL (LISTEN/NOTIFY) one; they behave the same, and
// share the bookkeeping below between local handlers and the transport: the transport listens to a channel once,
// however many handlers a process has on it, stops when the last one leaves, and a handler that throws cannot
// keep the others from getting the message.
export type BusHandler = (message: string) => void;

export interface ClusterBus {
  /** Delivers `message` to every subscriber of `channel`, in every process, this one included. */
  publish(channel: string, message: string): Promise<void>;
  /**
   * Calls `handler` with every message published on `channel` after this resolves (in publish order for one
   * publisher); resolves with the function that stops it. At most once: a process that was disconnected misses
   * what was published meanwhile.
   */
  subscribe(channel: string, handler: BusHandler): Promise<() => Promise<void>>;
  /** Stops every subscription and closes the connections this bus opened. */
  close(): Promise<void>;
}

/** Reported instead of thrown: a handler that threw, a lost connection, a message that could not be read. */
export type BusErrorHandler = (error: unknown) => void;

interface Channel {
  /** One wrapper per subscription, so the same function subscribed twice is called twice. */
  readonly handlers: Set<{ handler: BusHandler }>;
  /** The transport's LISTEN/SUBSCRIBE: later subscribers wait for it too. */
  readonly listening: Promise<void>;
}

export interface Transport {
  listen(channel: string): Promise<void>;
  unlisten(channel: string): Promise<void>;
}

export interface Subscriptions {
  subscribe(channel: string, handler: BusHandler): Promise<() => Promise<void>>;
  /** Calls the channel's handlers (none when nobody here listens). */
  deliver(channel: string, message: string): void;
  /** The channels with at least one handler (to listen again after a reconnect). */
  channels(): string[];
  /** Forgets every handler; later subscribes are refused. */
  close(): void;
}

export function createSubscriptions(transport: Transport, onError: BusErrorHandler): Subscriptions {
  const table = new Map<string, Channel>();
  let closed = false;

  return {
    async subscribe(channel, handler) {
      if (closed) throw new Error('The cluster bus is closed.');
      let entry = table.get(channel);
      if (!entry) {
        entry = { handlers: new Set(), listening: transport.listen(channel) };
        table.set(channel, entry);
      }
      const subscription = { handler };
      entry.handlers.add(subscription);
      const current = entry;
      try {
        await current.listening;
      } catch (error) {
        current.handlers.delete(subscription);
        if (table.get(channel) === current) table.delete(channel);
        throw error;
      }
      let done = false;
      return async () => {
        if (done) return;
        done = true;
        current.handlers.delete(subscription);
        if (current.handlers.size > 0 || table.get(channel) !== current) return;
        table.delete(channel);
        if (!closed) await transport.unlisten(channel);
      };
    },

    deliver(channel, message) {
      const entry = table.get(channel);
      if (!entry) return;
      for (const { handler } of [...entry.handlers]) {
        try {
          handler(message);
        } catch (error) {
          onError(error);
        }
      }
    },

    channels: () => [...table.keys()],

    close() {
      closed = true;
      table.clear();
    },
  };
}
