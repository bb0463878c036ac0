// Why: the three buses share the bookkeeping between local handlers and the transport: the transport listens
// to a channel once, however many handlers this process has on it, stops when the last one leaves, and a
// handler that throws cannot keep the others from getting the message.
import type { BusErrorHandler, BusHandler } from './ports.js';

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
