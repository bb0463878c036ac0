// The operations side of a runtime, built in one place so runtime.ts only wires it: the retention timer and the
// alert engine (in processes that take requests), and the separate metrics port. Telemetry itself is created
// by the runtime first, since the sandbox, the run event bus, the connector platform and the worker feed it.
import { WeftError } from '@weft/core';
import type { Store } from '@weft/store';
import type { Server } from 'node:http';
import type { Logger } from 'pino';
import { storeAlertBook } from './alerts/book.js';
import { alertDelivery } from './alerts/delivery.js';
import { AlertEngine } from './alerts/engine.js';
import { DEFAULT_ALERT_RULES } from './alerts/rules.js';
import type { WeftConfig } from './config.js';
import { listenForMetrics } from './metrics/metrics-port.js';
import type { Telemetry } from './metrics/telemetry.js';
import { RetentionPruner } from './retention/pruner.js';
import type { FlowCache } from './runs/flow-cache.js';

export interface OperationsInput {
  config: WeftConfig;
  telemetry: Telemetry;
  store: Store;
  logger: Logger;
  flowCache: FlowCache;
  wake: () => void;
  takesRequests: boolean;
  /** Test clock of retention (default: the telemetry's). */
  now?: () => number;
  /** How often alert rules are evaluated (default 30 s). */
  alertIntervalMs?: number;
}

export interface Operations {
  retention: RetentionPruner | undefined;
  alerts: AlertEngine | undefined;
  /** Opens the metrics port when configured; its URL, or undefined. Throws `listen_failed`. */
  listen(): Promise<string | undefined>;
  start(): void;
  stop(): Promise<void>;
}

export function createOperations(input: OperationsInput): Operations {
  const { config, telemetry, store, logger, takesRequests } = input;
  const retention = takesRequests
    ? new RetentionPruner({
        store,
        logger,
        policy: {
          maxAgeDays: config.retentionDays,
          failedMaxAgeDays: config.retentionFailedDays,
          testMaxAgeDays: config.retentionTestDays,
          maxRunsPerFlow: config.retentionMaxRunsPerFlow,
        },
        auditMaxAgeDays: config.auditRetentionDays,
        now: input.now ?? telemetry.now,
      })
    : undefined;
  const alerts = takesRequests
    ? new AlertEngine({
        signals: telemetry.signals,
        rejections: telemetry.rejections,
        connections: () => store.credentials.list(),
        deliver: alertDelivery({
          store,
          flowCache: input.flowCache,
          wake: input.wake,
          logger,
          ...(config.alertWebhookUrl ? { webhookUrl: config.alertWebhookUrl } : {}),
        }),
        rules: DEFAULT_ALERT_RULES,
        book: storeAlertBook(store.alerts),
        logger,
        now: telemetry.now,
      })
    : undefined;
  let metricsServer: Server | undefined;
  return {
    retention,
    alerts,
    async listen() {
      const port = config.metricsPort;
      if (port === undefined) return undefined;
      try {
        const opened = await listenForMetrics(telemetry, { port, host: config.host, token: config.metricsToken });
        metricsServer = opened.server;
        return `http://localhost:${opened.port}`;
      } catch (error) {
        const why = error instanceof Error ? error.message : String(error);
        throw new WeftError('listen_failed', `Cannot serve metrics on ${config.host}:${port}: ${why}`, {
          fault: 'user',
          cause: error,
        });
      }
    },
    start() {
      retention?.start();
      alerts?.start(input.alertIntervalMs ?? 30_000);
    },
    async stop() {
      await retention?.stop();
      await alerts?.stop();
      const server = metricsServer;
      if (!server) return;
      const stopped = new Promise<void>((ok) => server.close(() => ok()));
      server.closeAllConnections();
      await stopped;
    },
  };
}
