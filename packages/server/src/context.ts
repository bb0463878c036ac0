// What every route handler may use: the runtime's services.
import type { ActionResolver, ConnectorCatalog, MappingSandbox, SyntaxChecker } from '@weft/core';
import type { Store } from '@weft/store';
import type { Logger } from 'pino';
import type { LoginThrottle } from './auth/login-throttle.js';
import type { ConnectorPlatform } from './connector-platform.js';
import type { RunEventBus } from './runs/event-bus.js';
import type { Telemetry } from './metrics/telemetry.js';
import type { AlertEngine } from './alerts/engine.js';
import type { RetentionPruner } from './retention/pruner.js';
import type { FlowCache } from './runs/flow-cache.js';
import type { RunWorker } from './runs/run-worker.js';

export interface Services {
  store: Store;
  sandbox: MappingSandbox & SyntaxChecker;
  bus: RunEventBus;
  worker: RunWorker;
  /** Says "a run was queued" to the workers (this process's worker; a cluster broadcast where there is one). */
  wake: () => void;
  /** Live and published flow versions in memory; whatever changes a flow invalidates it here. */
  flowCache: FlowCache;
  logger: Logger;
  catalog: ConnectorCatalog;
  config: ServerConfig;
  /** Set when the process keeps serving but should be restarted (reported by /readyz). */
  condition: { degraded?: string; draining?: boolean };
  /** Whether the sandbox can serve evaluations (reported by /readyz; it recovers when the sandbox does). */
  sandboxHealth?: () => { ok: boolean; detail?: string };
  /** Runs connector actions (the SDK's registry); absent: only engine node kinds run. */
  actions?: ActionResolver;
  /** Connectors, credentials and OAuth2 (absent in minimal setups). */
  platform?: ConnectorPlatform;
  /** Re-reads a flow's triggers (schedules, pollers) after it changed. */
  triggers?: { refresh(flowId: string): Promise<void> };
  /** Counts failed sign-ins (default: in this process, with DEFAULT_LOGIN_LIMITS). */
  loginThrottle?: LoginThrottle;
  /** Manifests of installed connector packages (serializable), for the editor. */
  manifests?: () => object[];
  /** Metrics, rejected webhooks, connector health (absent in minimal setups). */
  telemetry?: Telemetry;
  /** Bearer token of `GET /metrics` (WEFT_METRICS_TOKEN); absent: /metrics is off. */
  metricsToken?: string;
  /** Deletes old runs on a timer (web processes); absent: none here. */
  retention?: RetentionPruner;
  /** Evaluates alert rules on a timer (web processes); absent: none here. */
  alerts?: AlertEngine;
}

export interface ServerConfig {
  /** Largest request body accepted (default 1 MiB). */
  bodyLimit: number;
  /** How long a respond-mode webhook caller waits for the flow's response (default 30 s). */
  respondTimeoutMs: number;
  /** How long invite and password reset links stay valid (default 72 and 24 hours). */
  inviteTtlHours?: number;
  passwordResetTtlHours?: number;
}
