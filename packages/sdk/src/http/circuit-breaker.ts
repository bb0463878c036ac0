// Circuit breakers per connector + host: after `failureThreshold` consecutive failures (network errors,
// timeouts, 5xx) requests fail fast for `openMs`; then one probe goes through (half-open) and its outcome
// closes the circuit or opens it again. Transitions can be observed and applied from outside, so that several
// processes share their circuits (the server's cluster broadcasts them).
import type { Clock } from '@weft/core';
import { systemClock } from '@weft/core';
import { ConnectorError } from '../errors.js';

export type BreakerState = 'closed' | 'open' | 'halfOpen';

export interface BreakerOptions {
  /** Consecutive failures that open the circuit (default 5). */
  failureThreshold?: number;
  /** How long it stays open before a probe (default 30 000 ms). */
  openMs?: number;
  clock?: Clock;
  /** Called when a circuit opens or closes here (not for transitions given to `apply`). */
  onTransition?: (transition: BreakerTransition) => void;
}

/** A circuit that opened (failing host) or closed again (a probe succeeded). */
export interface BreakerTransition {
  connector: string;
  host: string;
  state: 'open' | 'closed';
  consecutiveFailures: number;
}

export interface BreakerStatus {
  connector: string;
  host: string;
  state: BreakerState;
  consecutiveFailures: number;
  /** When an open circuit lets a probe through (ms since epoch). */
  retryAt?: number;
}

interface Circuit {
  connector: string;
  host: string;
  state: BreakerState;
  failures: number;
  openedAt: number;
  probing: boolean;
}

export interface CircuitBreakers {
  /** Throws a ConnectorError when the circuit is open (or half-open with its probe in flight). */
  before(connector: string, host: string): void;
  success(connector: string, host: string): void;
  failure(connector: string, host: string): void;
  /** The attempt ended without telling anything about the host (e.g. cancelled): lets another probe go. */
  neutral(connector: string, host: string): void;
  states(): BreakerStatus[];
}

export interface ObservableBreakers extends CircuitBreakers {
  /**
   * Takes a transition seen elsewhere: `open` starts an open period now (unless one is running here), `closed`
   * closes the circuit. Not reported to `onTransition`.
   */
  apply(transition: BreakerTransition): void;
}

export function createCircuitBreakers(options: BreakerOptions = {}): ObservableBreakers {
  const threshold = options.failureThreshold ?? 5;
  const openMs = options.openMs ?? 30_000;
  const clock = options.clock ?? systemClock;
  const circuits = new Map<string, Circuit>();
  const report = (c: Circuit, state: BreakerTransition['state']) =>
    options.onTransition?.({ connector: c.connector, host: c.host, state, consecutiveFailures: c.failures });
  const open = (c: Circuit) => {
    c.state = 'open';
    c.openedAt = clock.now();
  };
  const close = (c: Circuit) => {
    c.state = 'closed';
    c.failures = 0;
    c.probing = false;
  };

  const circuit = (connector: string, host: string): Circuit => {
    const key = `${connector}|${host}`;
    let found = circuits.get(key);
    if (!found) {
      found = { connector, host, state: 'closed', failures: 0, openedAt: 0, probing: false };
      circuits.set(key, found);
    }
    return found;
  };

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
      close(c);
      if (!wasClosed) report(c, 'closed');
    },
    failure(connector, host) {
      const c = circuit(connector, host);
      c.failures += 1;
      c.probing = false;
      if (c.state === 'halfOpen' || c.failures >= threshold) {
        const wasOpen = c.state === 'open';
        open(c);
        if (!wasOpen) report(c, 'open');
      }
    },
    apply(transition) {
      const c = circuit(transition.connector, transition.host);
      if (transition.state === 'closed') return close(c);
      c.failures = Math.max(c.failures, transition.consecutiveFailures);
      if (c.state !== 'open' || clock.now() >= c.openedAt + openMs) {
        open(c);
        c.probing = false;
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
  };
}
