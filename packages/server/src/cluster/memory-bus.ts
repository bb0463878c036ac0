// Why: one process (or a test standing in for several) needs the ClusterBus without any server. Buses on the
// same network see each other's messages, like processes sharing a Redis; delivery is asynchronous, as it is
// over a wire, so a handler never runs inside `publish`.
import { reportToProcess } from './ports.js';
import type { BusErrorHandler, ClusterBus } from './ports.js';
import { createSubscriptions } from '@weft/core';

/** A handle shared by buses that should reach each other. */
export interface MemoryBusNetwork {
  readonly kind: 'memory-bus-network';
}

type Member = (channel: string, message: string) => void;
const membersOf = new WeakMap<MemoryBusNetwork, Set<Member>>();

export function createMemoryBusNetwork(): MemoryBusNetwork {
  const network: MemoryBusNetwork = { kind: 'memory-bus-network' };
  membersOf.set(network, new Set());
  return network;
}

export interface MemoryBusOptions {
  /** Buses on one network reach each other (default: a network of its own). */
  network?: MemoryBusNetwork;
  onError?: BusErrorHandler;
}

export function createMemoryBus(options: MemoryBusOptions = {}): ClusterBus {
  const members = membersOf.get(options.network ?? createMemoryBusNetwork()) ?? new Set<Member>();
  const subscriptions = createSubscriptions(
    { listen: async () => undefined, unlisten: async () => undefined },
    options.onError ?? reportToProcess,
  );
  const member = (channel: string, message: string) => subscriptions.deliver(channel, message);
  members.add(member);
  let closed = false;
  return {
    async publish(channel, message) {
      if (closed) throw new Error('The cluster bus is closed.');
      for (const deliver of members) queueMicrotask(() => deliver(channel, message));
    },
    subscribe: (channel, handler) => subscriptions.subscribe(channel, handler),
    async close() {
      closed = true;
      members.delete(member);
      subscriptions.close();
    },
  };
}
