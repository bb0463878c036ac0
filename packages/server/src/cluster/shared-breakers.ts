// Why: the SDK's circuit breakers live in one process, so in a cluster every process would hammer a failing
// host until it had seen `failureThreshold` failures itself. These keep the same per-process state machine
// (synchronous, as the SDK's HTTP client asks for) and broadcast its transitions on the ClusterBus: once any
// process opens a circuit, every process fails fast; once a probe succeeds anywhere, every process closes it.
// When the open period ends each process lets one probe of its own through (one per process, not one per
// cluster). Delivery is asynchronous: requests already in flight elsewhere still finish.
import { systemClock } from '@weft/core';
import type { JsonValue } from '@weft/core';
import { ConnectorError } from '@weft/sdk';
import type { BreakerOptions, BreakerStatus, CircuitBreakers } from '@weft/sdk/runtime';
import { randomUUID } from 'node:crypto';
import { reportToProcess } from './ports.js';
import type { BusErrorHandler, ClusterBus } from './ports.js';
import { isJsonObject, parseJson } from './json.js';

export interface SharedBreakersOptions {
  bus: ClusterBus;
  options?: BreakerOptions;
  /** The bus channel (default `breakers`). */
  channel?: string;
  onError?: BusErrorHandler;
}

export interface SharedBreakers extends CircuitBreakers {
  /** Stops listening to the other processes (the bus itself stays open). */
  close(): Promise<void>;
}

type Transition = 'opened' | 'closed';

interface Circuit {
  connector: string;
  host: string;
  state: 'closed' | 'open' | 'halfOpen';
  failures: number;
  openedAt: number;
  probing: boolean;
}

export async function createSharedBreakers(options: SharedBreakersOptions): Promise<SharedBreakers> {
  const threshold = options.options?.failureThreshold ?? 5;
  const openMs = options.options?.openMs ?? 30_000;
  const clock = options.options?.clock ?? systemClock;
  const channel = options.channel ?? 'breakers';
  const onError = options.onError ?? reportToProcess;
  const origin = randomUUID();
  const circuits = new Map<string, Circuit>();

  const circuit = (connector: string, host: string): Circuit => {
    const key = `${connector}|${host}`;
    let found = circuits.get(key);
    if (!found) {
      found = { connector, host, state: 'closed', failures: 0, openedAt: 0, probing: false };
      circuits.set(key, found);
    }
    return found;
  };

  const broadcast = (type: Transition, c: Circuit) => {
    const message = JSON.stringify({ type, connector: c.connector, host: c.host, failures: c.failures, origin });
    options.bus.publish(channel, message).catch(onError);
  };

  const open = (c: Circuit) => {
    c.state = 'open';
    c.openedAt = clock.now();
    c.probing = false;
  };

  const apply = (message: string) => {
    const event = transitionOf(parseJson(message));
    if (!event)
      return onError(new Error(`Unreadable circuit breaker message on "${channel}": ${message.slice(0, 200)}`));
    if (event.origin === origin) return;
    const c = circuit(event.connector, event.host);
    if (event.type === 'opened') {
      c.failures = Math.max(c.failures, event.failures);
      // Already open here: the period it started keeps running.
      if (c.state !== 'open' || clock.now() >= c.openedAt + openMs) open(c);
    } else {
      c.state = 'closed';
      c.failures = 0;
      c.probing = false;
    }
  };

  const unsubscribe = await options.bus.subscribe(channel, apply);

  return {
    before(connector, host) {
      const c = circuit(connector, host);
      if (c.state === 'open' && clock.now() >= c.openedAt + openMs) {
        c.state = 'halfOpen';
        c.probing = false;
      }
      if (c.state === 'closed') return;
      if (c.state === 'halfOpen' && !c.probing) {
        c.probing = true;
        return;
      }
      const retryAt = c.openedAt + openMs;
      throw new ConnectorError({
        kind: 'upstream',
        code: 'connector_circuit_open',
        retryable: true,
        retryAfterMs: Math.max(0, retryAt - clock.now()),
        message:
          `${host} is failing (${c.failures} failures in a row), so requests to it are paused until ` +
          `${new Date(retryAt).toISOString()}. The step will be retried.`,
        details: { host, connector },
      });
    },
    success(connector, host) {
      const c = circuit(connector, host);
      const wasClosed = c.state === 'closed';
      c.state = 'closed';
      c.failures = 0;
      c.probing = false;
      if (!wasClosed) broadcast('closed', c);
    },
    failure(connector, host) {
      const c = circuit(connector, host);
      c.failures += 1;
      c.probing = false;
      if (c.state === 'halfOpen' || c.state === 'open' || c.failures >= threshold) {
        const wasOpen = c.state === 'open';
        open(c);
        if (!wasOpen) broadcast('opened', c);
      }
    },
    neutral(connector, host) {
      circuit(connector, host).probing = false;
    },
    states() {
      return [...circuits.values()].map((c) => {
        const status: BreakerStatus = {
          connector: c.connector,
          host: c.host,
          state: c.state === 'open' && clock.now() >= c.openedAt + openMs ? 'halfOpen' : c.state,
          consecutiveFailures: c.failures,
        };
        if (c.state === 'open') status.retryAt = c.openedAt + openMs;
        return status;
      });
    },
    close: unsubscribe,
  };
}

interface TransitionEvent {
  type: Transition;
  connector: string;
  host: string;
  failures: number;
  origin: string;
}

function transitionOf(value: JsonValue | undefined): TransitionEvent | undefined {
  if (!isJsonObject(value)) return undefined;
  const { type, connector, host, failures, origin } = value;
  if (type !== 'opened' && type !== 'closed') return undefined;
  if (typeof connector !== 'string' || typeof host !== 'string' || typeof origin !== 'string') return undefined;
  if (typeof failures !== 'number') return undefined;
  return { type, connector, host, failures, origin };
}
