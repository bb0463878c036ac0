// One runtime's operational telemetry: its Prometheus metrics, the rejected-webhook list and what feeds them
// (run events, webhook ingress, connector requests, the sandbox). The runtime creates it first and attaches the
// worker, breakers and sandbox once they exist; gauges read them at scrape time.
import type { RunEvent } from '@weft/core';
import type { EvaluationOutcome, SandboxStats } from '@weft/sandbox';
import type { BreakerStatus, HttpObserver, RequestObservation } from '@weft/sdk/runtime';
import type { QueueStats } from '@weft/store';
import { AlertSignals } from '../alerts/signals.js';
import { connectorObserver } from './connector-observer.js';
import { ConnectorHealthWindow, DEGRADED_AT, DOWN_AT, HEALTH_WINDOW_MS } from './connector-health.js';
import { defineMetrics, type MetricSet } from './registry.js';
import { RejectionLog } from './rejections.js';
import { countRunEvent } from './run-events.js';

export interface TelemetrySources {
  /** Runs executing and waiting in this process; `held`: deliveries waiting for a place (admission). */
  load?: () => { executing: number; waiting: number; held?: number };
  /** The persisted queue (read at scrape time). */
  queue?: () => Promise<QueueStats>;
  breakers?: () => BreakerStatus[];
  /** Names of the installed connectors (health lists them even without traffic). */
  connectors?: () => string[];
  sandbox?: () => SandboxStats;
}

export interface TelemetryOptions {
  /** ms since epoch (tests give a fake clock). */
  now?: () => number;
}

const BREAKER_VALUE = { closed: 0, halfOpen: 1, open: 2 } as const;

export class Telemetry {
  readonly metrics: MetricSet = defineMetrics();
  readonly rejections: RejectionLog;
  readonly health: ConnectorHealthWindow;
  /** What alert rules measure (alerts/). */
  readonly signals: AlertSignals;
  readonly now: () => number;
  private sources: TelemetrySources = {};
  private readonly requestListeners: ((observation: RequestObservation) => void)[] = [];
  private seen = { abandoned: 0, killed: 0 };

  constructor(options: TelemetryOptions = {}) {
    this.now = options.now ?? Date.now;
    this.rejections = new RejectionLog(this.now);
    this.health = new ConnectorHealthWindow(this.now);
    this.signals = new AlertSignals(this.now);
    this.onRequest((observation) => {
      this.health.record(observation);
      this.signals.request(observation);
    });
  }

  /** Every connector's and connection's health over the window (GET /api/health/connectors). */
  connectorHealth() {
    const items = this.health.report(this.sources.connectors?.() ?? [], this.sources.breakers?.() ?? []);
    return { windowMs: HEALTH_WINDOW_MS, thresholds: { degraded: DEGRADED_AT, down: DOWN_AT }, items };
  }

  attach(sources: TelemetrySources): void {
    this.sources = { ...this.sources, ...sources };
  }

  /** For the bus (ObservedRunEventBus): every run event published in this process. */
  readonly runEvent = (flowId: string, event: RunEvent): void => {
    countRunEvent(this.metrics, flowId, event);
    this.signals.runEvent(flowId, event);
  };

  /** For the sandbox's `onEvaluation`. */
  readonly sandboxEvaluation = (outcome: EvaluationOutcome): void => {
    this.metrics.sandboxEvaluations.inc({ outcome });
  };

  /** For the connector registry: every request attempt, retry and rate-limit wait. */
  httpObserver(): HttpObserver {
    return connectorObserver(this.metrics, (observation) => {
      for (const listener of this.requestListeners) listener(observation);
    });
  }

  /** Hears each connector request attempt too (connector health). */
  onRequest(listener: (observation: RequestObservation) => void): void {
    this.requestListeners.push(listener);
  }

  webhookAccepted(flowId: string): void {
    this.metrics.webhooksReceived.inc({ flow: flowId });
  }

  webhookRejected(flowId: string, reason: string, status: number): void {
    this.metrics.webhooksRejected.inc({ reason });
    this.rejections.record(flowId, reason, status);
  }

  leaseTakenOver(): void {
    this.metrics.leasesTakenOver.inc();
  }

  /** The exposition text (gauges read from their sources first). */
  async scrape(): Promise<{ contentType: string; body: string }> {
    this.refresh();
    await this.refreshQueue();
    const { registry } = this.metrics;
    return { contentType: registry.contentType, body: await registry.metrics() };
  }

  private async refreshQueue(): Promise<void> {
    if (!this.sources.queue) return;
    try {
      const { queued, oldestQueuedAt } = await this.sources.queue();
      this.metrics.runsQueued.set(queued);
      this.metrics.oldestQueuedAge.set(
        oldestQueuedAt === undefined ? 0 : Math.max(0, this.now() - oldestQueuedAt) / 1000,
      );
    } catch {
      // the database did not answer: the gauges keep their last values, the rest of the scrape goes on
    }
  }

  private refresh(): void {
    const { load, breakers, sandbox } = this.sources;
    const metrics = this.metrics;
    if (load) {
      const { executing, waiting, held = 0 } = load();
      metrics.runsExecuting.set(executing);
      metrics.runsWaiting.set(waiting);
      metrics.webhooksHeld.set(held);
    }
    if (breakers) {
      metrics.breakerState.reset();
      for (const b of breakers())
        metrics.breakerState.set({ connector: b.connector, host: b.host }, BREAKER_VALUE[b.state]);
    }
    if (sandbox) {
      const stats = sandbox();
      metrics.sandboxAbandoned.inc(Math.max(0, stats.catastrophicErrors - this.seen.abandoned));
      metrics.sandboxProcessesKilled.inc(Math.max(0, stats.processesKilled - this.seen.killed));
      this.seen = { abandoned: stats.catastrophicErrors, killed: stats.processesKilled };
    }
  }
}
