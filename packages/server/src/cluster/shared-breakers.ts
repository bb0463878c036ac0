// Why: the SDK's circuit breakers live in one process, so in a cluster every process would hammer a failing
// host until it had seen `failureThreshold` failures itself. These are the SDK's breakers (synchronous, as its
// HTTP client asks) with their transitions broadcast on the ClusterBus: once any process opens a circuit, every
// process fails fast; once a probe succeeds anywhere, every process closes it. When the open period ends each
// process lets one probe of its own through (one per process, not one per cluster). Delivery is asynchronous:
// requests already in flight elsewhere still finish.
import { randomUUID } from 'node:crypto';
import type { JsonValue } from '@weft/core';
import { createCircuitBreakers } from '@weft/sdk/runtime';
import type { BreakerOptions, BreakerTransition, CircuitBreakers } from '@weft/sdk/runtime';
import { isJsonObject, parseJson } from './json.js';
import { reportToProcess } from './ports.js';
import type { BusErrorHandler, ClusterBus } from './ports.js';

export interface SharedBreakersOptions {
  bus: ClusterBus;
  options?: Omit<BreakerOptions, 'onTransition'>;
  /** The bus channel (default `breakers`). */
  channel?: string;
  onError?: BusErrorHandler;
}

export interface SharedBreakers extends CircuitBreakers {
  /** Stops following the other processes (the bus itself stays open). */
  close(): Promise<void>;
}

export async function createSharedBreakers(options: SharedBreakersOptions): Promise<SharedBreakers> {
  const { bus } = options;
  const channel = options.channel ?? 'breakers';
  const onError = options.onError ?? reportToProcess;
  /** Our own broadcasts come back to us too: they were applied already. */
  const origin = randomUUID();
  const breakers = createCircuitBreakers({
    ...options.options,
    onTransition: (transition) => {
      bus.publish(channel, JSON.stringify({ ...transition, origin })).catch(onError);
    },
  });
  const close = await bus.subscribe(channel, (message) => {
    const received = transitionOf(parseJson(message));
    if (!received) {
      onError(new Error(`Unreadable circuit breaker message on "${channel}": ${message.slice(0, 200)}`));
    } else if (received.origin !== origin) {
      breakers.apply(received.transition);
    }
  });
  return {
    before: (connector, host) => breakers.before(connector, host),
    success: (connector, host) => breakers.success(connector, host),
    failure: (connector, host) => breakers.failure(connector, host),
    neutral: (connector, host) => breakers.neutral(connector, host),
    states: () => breakers.states(),
    close,
  };
}

function transitionOf(value: JsonValue | undefined): { transition: BreakerTransition; origin: string } | undefined {
  if (!isJsonObject(value)) return undefined;
  const { connector, host, state, consecutiveFailures, origin } = value;
  if (typeof connector !== 'string' || typeof host !== 'string' || typeof origin !== 'string') return undefined;
  if ((state !== 'open' && state !== 'closed') || typeof consecutiveFailures !== 'number') return undefined;
  return { transition: { connector, host, state, consecutiveFailures }, origin };
}
