// Starting and stopping a Weft runtime: store, sandbox, worker, HTTP server.
import { WeftError, type ConnectorCatalog } from '@weft/core';
import { createSandbox } from '@weft/sandbox';
import { openStore, type Store } from '@weft/store';
import { randomUUID } from 'node:crypto';
import { mkdir } from 'node:fs/promises';
import { hostname } from 'node:os';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { pino, type Logger } from 'pino';
import { createApp } from './app.js';
import { openCluster } from './cluster-setup.js';
import { loadConfig, type Environment, type ProcessRole, type WeftConfig } from './config.js';
import { createConnectorPlatform } from './connector-platform.js';
import { answerClientErrors } from './http/client-error.js';
import type { LoginThrottle } from './auth/login-throttle.js';
import { ensureOwner } from './auth/owner.js';
import { signInPolicyOf } from './auth/sign-in-setup.js';
import { attachLive } from './live.js';
import type { Services } from './context.js';
import { loadExamples, type LoadedExample } from './examples.js';
import { ObservedRunEventBus } from './metrics/run-events.js';
import { Telemetry } from './metrics/telemetry.js';
import { DiskFiles } from './files/disk-files.js';
import { createOperations } from './operations.js';
import { FlowCache } from './runs/flow-cache.js';
import { IngressAdmission } from './runs/ingress-admission.js';
import { RunWorker } from './runs/run-worker.js';
import { createSubflowRunner } from './runs/subflow-runner.js';
import { Poller, type PollingSources } from './triggers/poller.js';
import { Scheduler } from './triggers/scheduler.js';

const here = dirname(fileURLToPath(import.meta.url));
/** Cluster bus channel: a run was queued (the message is the sender, which woke its own worker already). */
const WAKE_CHANNEL = 'wake';
/** Cluster bus channel: a flow changed (`{ origin, flowId }`), so cached versions of it are stale. */
const FLOWS_CHANNEL = 'flows';
const DEFAULT_EDITOR_DIR = join(here, '../../editor/dist');
const DEFAULT_CONNECTORS_DIR = join(here, '../../../connectors');

/**
 * Explicit options win over the environment, which wins over the defaults (config.ts holds the variables, their
 * defaults and their checks).
 */
export interface RuntimeOptions {
  /** Settings parsed already (loadConfig); the options below still win over them. Default: read from `env`. */
  config?: WeftConfig;
  /** The environment settings are read from when `config` is absent (default process.env). */
  env?: Environment;
  /** Where the embedded database and generated secrets live (default `.weft`). */
  dataDir?: string;
  /** A SQLite path or postgres:// URL; default `<dataDir>/weft.db`. */
  databaseUrl?: string;
  /** PostgreSQL schema of the tables (default WEFT_DATABASE_SCHEMA, else the connection's own). */
  databaseSchema?: string;
  /** `web` (HTTP, webhooks, triggers), `worker` (executes runs) or `all` (default WEFT_ROLE, else `all`). */
  role?: ProcessRole;
  /** Redis shared by the processes of a cluster (default WEFT_REDIS_URL; none: nothing goes through Redis). */
  redisUrl?: string;
  redisPrefix?: string;
  port?: number;
  host?: string;
  examplesDir?: string;
  /** An owner API token to accept (default WEFT_API_TOKEN). */
  apiToken?: string;
  /** The first owner account (default WEFT_OWNER_EMAIL / WEFT_OWNER_PASSWORD; generated when absent). */
  owner?: { email?: string; password?: string };
  /** Editor build to serve at `/` (default packages/editor/dist of this repository). */
  editorDir?: string;
  /** Origins allowed to call the API from a browser (default WEFT_CORS_ORIGINS, comma-separated). */
  corsOrigins?: string[];
  logger?: Logger;
  concurrency?: number;
  sandboxSize?: number;
  /** Wall-clock limit of each mapping or code evaluation (default 1000 ms). */
  sandboxTimeoutMs?: number;
  bodyLimit?: number;
  respondTimeoutMs?: number;
  leaseMs?: number;
  /** Webhook runs waiting for a worker slot in this process (default WEFT_MAX_BACKLOG). */
  maxBacklog?: number;
  /** Runs in the shared queue beyond which a web-only process refuses webhooks (default WEFT_MAX_QUEUED). */
  maxQueued?: number;
  /** How long a webhook may wait for a place in a saturated process before its 503 (default WEFT_ADMISSION_WAIT_MS). */
  admissionWaitMs?: number;
  /** How often the worker looks for queued runs when not woken (default 1 s). */
  pollMs?: number;
  /** Hears every SQLite statement's text (tests and benchmarks count them). */
  onStatement?: (sql: string) => void;
  catalog?: ConnectorCatalog;
  /** Polling triggers (default: those of the installed connectors). */
  pollingSources?: PollingSources;
  /** Folders of connector packages (default: this repository's connectors/). */
  connectorDirs?: string[];
  /** Connectors defined in code (defineConnector results), registered beside the loaded packages. */
  connectors?: unknown[];
  /** Hosts/CIDRs outbound HTTP may reach despite the SSRF guard (default WEFT_OUTBOUND_ALLOW, comma-separated). */
  outboundAllow?: string[];
  /** Public base URL, for OAuth2 redirects (default WEFT_PUBLIC_URL or http://localhost:<port>). */
  publicUrl?: string;
  /** Failed sign-in counting (default: in this process, with DEFAULT_LOGIN_LIMITS). */
  loginThrottle?: LoginThrottle;
  /** Largest payload stored; larger step outputs fail the step (default WEFT_MAX_STORED_PAYLOAD_BYTES, 64 MiB). */
  maxStoredPayloadBytes?: number;
  /** What one run may hold of large lists, in MB (default WEFT_RUN_MEMORY_BUDGET_MB, 64). */
  runMemoryBudgetMb?: number;
  /** Operations: the `/metrics` token (default WEFT_METRICS_TOKEN; none: /metrics is off). */
  metricsToken?: string;
  /** Operations: a port serving only /metrics (default WEFT_METRICS_PORT; 0: chosen by the OS; none: off). */
  metricsPort?: number;
  /** Operations: the clock of health windows, rejection times and admission's drain rate (tests give a fake one). */
  opsClock?: () => number;
  /** Operations: how often alert rules are evaluated (default 30 s). */
  alertIntervalMs?: number;
}

/** The production logger's options: tests that read log lines build their logger from these. */
export const LOGGER_OPTIONS = {
  redact: ['req.headers.authorization', '*.password', '*.secret', '*.token'],
} as const;

/** The settings: explicit options, then `options.config` (or the environment), then the defaults. */
function settingsOf(options: RuntimeOptions): WeftConfig {
  const explicit: Partial<WeftConfig> = {
    port: options.port,
    host: options.host,
    dataDir: options.dataDir,
    databaseUrl: options.databaseUrl,
    databaseSchema: options.databaseSchema,
    role: options.role,
    redisUrl: options.redisUrl,
    redisPrefix: options.redisPrefix,
    apiToken: options.apiToken,
    metricsToken: options.metricsToken,
    metricsPort: options.metricsPort,
    ownerEmail: options.owner?.email,
    ownerPassword: options.owner?.password,
    corsOrigins: options.corsOrigins,
    concurrency: options.concurrency,
    leaseMs: options.leaseMs,
    maxBacklog: options.maxBacklog,
    maxQueued: options.maxQueued,
    admissionWaitMs: options.admissionWaitMs,
    outboundAllow: options.outboundAllow,
    publicUrl: options.publicUrl,
    maxStoredPayloadBytes: options.maxStoredPayloadBytes,
    runMemoryBudgetMb: options.runMemoryBudgetMb,
  };
  if (!options.config) return loadConfig(explicit, options.env);
  const merged: WeftConfig = { ...options.config };
  for (const [key, value] of Object.entries(explicit) as [keyof WeftConfig, unknown][])
    if (value !== undefined) Object.assign(merged, { [key]: value });
  return merged;
}

export interface Runtime {
  url: string;
  role: ProcessRole;
  /** The separate metrics listener (WEFT_METRICS_PORT), when there is one. */
  metricsUrl?: string;
  /** Set only when the owner account was created just now with a generated password. */
  generatedOwner?: { email: string; password: string };
  store: Store;
  worker: RunWorker;
  scheduler: Scheduler;
  poller: Poller;
  server: Server;
  examples: LoadedExample[];
  close(): Promise<void>;
}

export async function startRuntime(options: RuntimeOptions = {}): Promise<Runtime> {
  const config = settingsOf(options);
  const dataDir = resolve(config.dataDir);
  await mkdir(dataDir, { recursive: true });
  const logger =
    options.logger ?? pino({ ...LOGGER_OPTIONS, redact: [...LOGGER_OPTIONS.redact], level: config.logLevel });
  // A web process takes HTTP, webhooks and triggers; a worker executes runs (and answers only the probes).
  const takesRequests = config.role !== 'worker';
  const executesRuns = config.role !== 'web';
  const store = await openStore({
    url: config.databaseUrl ?? join(dataDir, 'weft.db'),
    maxStoredPayloadBytes: config.maxStoredPayloadBytes,
    ...(config.databaseSchema === undefined ? {} : { schema: config.databaseSchema }),
    ...(options.onStatement ? { onStatement: options.onStatement } : {}),
  });
  const durability = await store.durability();
  if (!durability.durable) {
    logger.warn(
      { database: durability.dialect, settings: durability.settings },
      'the database does not sync commits to disk: acknowledged runs may be lost if the machine crashes',
    );
  }
  const condition: Services['condition'] = {};
  // Operations (metrics/): created first, fed by the sandbox, the bus, connector requests and the worker.
  const telemetry = new Telemetry(options.opsClock ? { now: options.opsClock } : {});
  const sandbox = createSandbox({
    onEvaluation: telemetry.sandboxEvaluation,
    ...(options.sandboxSize === undefined ? {} : { size: options.sandboxSize }),
    ...(options.sandboxTimeoutMs === undefined ? {} : { timeoutMs: options.sandboxTimeoutMs }),
    // isolated-vm could not stop a native loop: the sandbox killed the process holding that isolate and
    // started another. /readyz follows sandbox.health(), which is not ok only while no process can serve.
    onCatastrophicError: (message) => {
      logger.error({ message }, 'sandbox abandoned an isolate; its process was replaced');
    },
  });
  const owner = `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  const cluster = await openCluster({ config, store, logger, origin: owner }).catch(async (error: unknown) => {
    await store.close();
    throw error;
  });
  const bus = new ObservedRunEventBus(telemetry.runEvent);
  if (cluster.transport) {
    await bus.connect(
      {
        transport: cluster.transport,
        origin: owner,
        liveEvents: cluster.kind === 'redis',
        onError: (err, what) => logger.warn({ err }, `cluster bus: ${what} failed`),
      },
      { listenForReplies: takesRequests },
    );
  }
  const port = config.port;
  /** The port the server got (known once listening; differs from `port` when that is 0). */
  const bound: { port?: number } = {};
  const files = new DiskFiles({ dataDir, store, maxBytes: config.maxFileBytes });
  const platform = await createConnectorPlatform({
    files,
    store,
    dataDir,
    logger,
    connectorDirs: options.connectorDirs ?? [config.connectorsDir ?? DEFAULT_CONNECTORS_DIR],
    outboundAllow: config.outboundAllow,
    publicUrl: config.publicUrl ?? `http://localhost:${port}`,
    oauthClients: config.oauthClients,
    ...(config.secretKey === undefined ? {} : { secretKey: config.secretKey }),
    shared: cluster.shared,
    observer: telemetry.httpObserver(),
  });
  for (const connector of options.connectors ?? []) platform.registry.register(connector, 'runtime options');
  const catalog = options.catalog ?? platform.catalog;
  const flowCache = new FlowCache(store.flows); // perf: live flows in memory (hooks, worker)
  if (cluster.transport) {
    // A flow changed in one process: the others drop it from their caches too (the ttl bounds a lost message).
    const transport = cluster.transport;
    await transport.subscribe(FLOWS_CHANNEL, (message) => {
      const { origin, flowId } = JSON.parse(message) as { origin: string; flowId: string };
      if (origin !== owner) flowCache.forget(flowId);
    });
    flowCache.onInvalidate((flowId) => {
      transport
        .publish(FLOWS_CHANNEL, JSON.stringify({ origin: owner, flowId }))
        .catch((err: unknown) => logger.warn({ err, flowId }, 'cluster bus: telling other processes a flow changed'));
    });
  }
  const worker = new RunWorker({
    store,
    sandbox,
    bus,
    logger,
    concurrency: config.concurrency,
    leaseMs: config.leaseMs,
    maxBacklog: config.maxBacklog,
    memoryBudgetBytes: config.runMemoryBudgetMb * 1024 * 1024,
    // With a cluster bus, queued runs wake the workers: the poll is only a safety net.
    ...(options.pollMs !== undefined ? { pollMs: options.pollMs } : cluster.transport ? { pollMs: 10_000 } : {}),
    versions: flowCache,
    onTakeover: () => telemetry.leaseTakenOver(),
    actions: platform.registry,
    subflows: createSubflowRunner({
      store,
      sandbox,
      actions: platform.registry,
      memoryBudgetBytes: config.runMemoryBudgetMb * 1024 * 1024,
      onEvent: (flowId, event) => bus.publish(flowId, event),
    }),
  });
  const wake = () => {
    if (executesRuns) worker.wake();
    cluster.transport
      ?.publish(WAKE_CHANNEL, owner)
      .catch((err: unknown) => logger.warn({ err }, 'cluster bus: waking the workers failed'));
  };
  if (executesRuns && cluster.transport)
    await cluster.transport.subscribe(WAKE_CHANNEL, (from) => from !== owner && worker.wake());
  // Back-pressure on webhook ingress (runs/ingress-admission.ts).
  const admission = new IngressAdmission({
    worker,
    readQueueDepth: async () => (await store.queueStats.read()).queued,
    maxQueued: config.maxQueued,
    waitMs: config.admissionWaitMs,
    minBacklog: config.minBacklog,
    ...(options.opsClock ? { now: options.opsClock } : {}),
  });
  telemetry.attach({
    load: () => ({ ...worker.load, held: admission.waiting }),
    queue: () => store.queueStats.read(),
    breakers: () => platform.registry.breakerStates(),
    connectors: () => platform.registry.manifests().map((m) => m.name),
    sandbox: () => sandbox.stats(),
  });
  const services: Services = {
    telemetry,
    ...(config.metricsToken ? { metricsToken: config.metricsToken } : {}),
    store,
    sandbox,
    sandboxHealth: () => sandbox.health(),
    bus,
    worker,
    admission,
    wake,
    flowCache,
    logger,
    catalog,
    condition,
    actions: platform.registry,
    platform,
    manifests: () => platform.registry.manifests(),
    ...(options.loginThrottle ? { loginThrottle: options.loginThrottle } : {}),
    signIn: signInPolicyOf(config, {
      ...(cluster.shared.oauthStates ? { stateStore: cluster.shared.oauthStates } : {}),
      baseUrl: () => config.publicUrl ?? `http://localhost:${bound.port ?? port}`,
    }),
    config: {
      bodyLimit: options.bodyLimit ?? 1024 * 1024,
      respondTimeoutMs: options.respondTimeoutMs ?? 30_000,
      inviteTtlHours: config.inviteTtlHours,
      passwordResetTtlHours: config.passwordResetTtlHours,
    },
    files,
    uploads: { maxFileBytes: config.maxFileBytes, maxUploadBytes: config.maxUploadBytes },
  };
  // Operations (operations.ts): retention and alerts in processes that take requests, the metrics port.
  const operations = createOperations({
    config,
    telemetry,
    store,
    files,
    logger,
    flowCache,
    wake,
    takesRequests,
    ...(options.alertIntervalMs === undefined ? {} : { alertIntervalMs: options.alertIntervalMs }),
  });
  if (operations.retention) services.retention = operations.retention;
  if (operations.alerts) services.alerts = operations.alerts;
  const scheduler = new Scheduler({ store, logger, owner, onQueued: wake });
  const poller = new Poller({
    store,
    logger,
    owner,
    sources: options.pollingSources ?? platform.pollingSources,
    onQueued: wake,
  });
  services.triggers = {
    refresh: async (flowId) => void (await Promise.all([scheduler.refresh(flowId), poller.refresh(flowId)])),
  };
  const examples =
    takesRequests && options.examplesDir ? await loadExamples(store, options.examplesDir, catalog, logger) : [];
  const ownerSetup = takesRequests
    ? await ensureOwner(store, { email: config.ownerEmail, password: config.ownerPassword, apiToken: config.apiToken })
    : {};
  const app = createApp(
    services,
    takesRequests
      ? { editorDir: options.editorDir ?? DEFAULT_EDITOR_DIR, corsOrigins: config.corsOrigins }
      : { probesOnly: true },
  );
  const server = createServer(app.callback());
  answerClientErrors(server);
  const io = attachLive(server, services, cluster.socketAdapter);
  server.keepAliveTimeout = 5000;
  try {
    await new Promise<void>((ok, fail) => {
      server.once('error', fail);
      server.listen(port, config.host, () => ok());
    });
  } catch (error) {
    io.close();
    sandbox.dispose();
    await platform.close();
    await cluster.close();
    await store.close();
    const code = (error as NodeJS.ErrnoException).code;
    const message =
      code === 'EADDRINUSE'
        ? `Port ${port} is already in use: stop the other program or start Weft with another PORT.`
        : `Cannot listen on ${config.host}:${port}: ${(error as Error).message}`;
    throw new WeftError('listen_failed', message, { fault: 'user', cause: error });
  }
  // Operations: the separate metrics port, when configured.
  const metricsUrl = await operations.listen().catch(async (error: unknown) => {
    io.close();
    await new Promise((ok) => server.close(ok));
    sandbox.dispose();
    await platform.close();
    await cluster.close();
    await store.close();
    throw error;
  });
  if (executesRuns) worker.start();
  if (takesRequests) {
    await scheduler.start();
    await poller.start();
    operations.start();
  }
  logger.info(
    { role: config.role, cluster: cluster.kind, concurrency: executesRuns ? config.concurrency : 0 },
    'weft started',
  );
  const listening = (server.address() as AddressInfo).port;
  bound.port = listening;
  let closing: Promise<void> | undefined;
  return {
    url: `http://localhost:${listening}`,
    ...(metricsUrl ? { metricsUrl } : {}),
    role: config.role,
    ...(ownerSetup.generated ? { generatedOwner: ownerSetup.generated } : {}),
    store,
    worker,
    scheduler,
    poller,
    server,
    examples,
    close() {
      closing ??= (async () => {
        condition.draining = true;
        scheduler.stop();
        poller.stop();
        await operations.stop();
        const closed = new Promise<void>((ok) => server.close(() => ok()));
        server.closeIdleConnections();
        io.disconnectSockets(true);
        await worker.stop();
        server.closeAllConnections();
        await closed;
        sandbox.dispose();
        await platform.close();
        await cluster.close();
        await store.close();
      })();
      return closing;
    },
  };
}
