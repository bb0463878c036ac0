// The connector platform: installed connectors (SDK registry), the credential vault, OAuth2 flows, and the
// adapters the runtime needs (catalog, actions, polling sources).
import { builtinCatalog } from './builtin-connectors.js';
import type { ConnectorCatalog, JsonValue } from '@weft/core';
import { describeAction, describeTrigger } from './node-specs.js';
import type { FileStorage } from '@weft/sdk';
import {
  createConnectorRegistry,
  createMemoryOAuthStateStore,
  createOAuthFlow,
  createVault,
  createSyncConnector,
  createVaultCredentialProvider,
  loadOrCreateKey,
  type CircuitBreakers,
  type ConnectorRegistry,
  type HttpObserver,
  type SyncLogSink,
  type OAuthFlow,
  type OAuthStateStore,
  type PollState,
  type RateLimiter,
  type VaultCredentialProvider,
} from '@weft/sdk/runtime';
import type { Store } from '@weft/store';
import type { Logger } from 'pino';
import { oauthKey, type OAuthClientSetting } from './config.js';
import type { PollingSources } from './triggers/poller.js';
import { createStoreSyncState } from './sync-node/sync-state.js';

export interface ConnectorPlatform {
  registry: ConnectorRegistry;
  credentials: VaultCredentialProvider;
  oauth: OAuthFlow;
  catalog: ConnectorCatalog;
  pollingSources: PollingSources;
  close(): Promise<void>;
}

export interface ConnectorPlatformOptions {
  store: Store;
  dataDir: string;
  logger: Logger;
  /** Folders whose sub-folders are connector packages. */
  connectorDirs: readonly string[];
  /** Hosts/CIDRs outbound HTTP may reach despite the SSRF guard (WEFT_OUTBOUND_ALLOW). */
  outboundAllow: readonly string[];
  /** Public base URL of this server, for OAuth2 redirect URIs. */
  publicUrl: string;
  /** OAuth2 apps by connector (config.ts `oauthKey` spelling: `GOOGLE_SHEETS`). */
  oauthClients?: Readonly<Record<string, OAuthClientSetting>>;
  /** The credential key (base64); absent: the key file in `dataDir`, created when missing. */
  secretKey?: string;
  /** State shared by every process of a cluster (cluster-setup.ts); absent: kept in this process. */
  shared?: { rateLimiter?: RateLimiter; oauthStates?: OAuthStateStore; breakers?: CircuitBreakers };
  /** Hears every connector request attempt, retry and rate-limit wait (metrics, connector health). */
  observer?: HttpObserver;
  /** Keeps the sync logs of `ctx.sync` passes (default: in the store). */
  syncLogs?: SyncLogSink;
  /** Files of runs (`ctx.files`, binary HTTP bodies); absent: steps cannot keep or send files. */
  files?: FileStorage;
}

const DEFAULT_POLL_INTERVAL_MS = 300_000;

export async function createConnectorPlatform(options: ConnectorPlatformOptions): Promise<ConnectorPlatform> {
  const { store, logger } = options;
  // The key comes from the settings only: the SDK's own WEFT_SECRET_KEY lookup is given this, never process.env.
  const secret = await loadOrCreateKey(options.dataDir, { env: { WEFT_SECRET_KEY: options.secretKey } });
  if (secret.created)
    logger.warn({ path: secret.path }, 'generated a new credential encryption key; back this file up');
  const credentials = createVaultCredentialProvider({ records: store.credentials, vault: createVault(secret.key) });
  const registry = createConnectorRegistry({
    credentials,
    outbound: { allow: options.outboundAllow },
    ...(options.shared?.rateLimiter ? { rateLimiter: options.shared.rateLimiter } : {}),
    ...(options.shared?.breakers ? { breakers: options.shared.breakers } : {}),
    ...(options.observer ? { observer: options.observer } : {}),
    ...(options.files ? { files: options.files } : {}),
    syncLogs: options.syncLogs ?? {
      record: (entry) => store.syncLogs.record({ ...entry }, Date.parse(entry.finishedAt)),
    },
  });
  // The sync node calls the other installed actions, so it resolves them through the registry it is part of.
  registry.register(createSyncConnector({ actions: registry, state: createStoreSyncState(store) }), 'builtin');
  const report = await registry.loadConnectors({ dirs: options.connectorDirs, nodeModules: true });
  for (const problem of report.problems)
    logger.warn({ connector: problem.connector ?? problem.source, code: problem.code }, problem.message);
  logger.info({ connectors: report.loaded.map((c) => `${c.name}@${c.version}`) }, 'connectors loaded');

  const oauth = createOAuthFlow({
    connectors: registry,
    stateStore: options.shared?.oauthStates ?? createMemoryOAuthStateStore(),
    clients: (name) => {
      const client = options.oauthClients?.[oauthKey(name)];
      return client ? { ...client } : undefined;
    },
    redirectUri: `${options.publicUrl}/api/oauth/callback`,
    outbound: { allow: options.outboundAllow },
  });

  const catalog: ConnectorCatalog = {
    hasAction: (use) => registry.hasAction(use),
    hasTrigger: (connector, trigger) =>
      builtinCatalog.hasTrigger(connector, trigger) || registry.hasTrigger(connector, trigger),
    describeAction: (step) => describeAction(registry, step.use),
    describeTrigger: (trigger) => builtinCatalog.describeTrigger?.(trigger) ?? describeTrigger(registry, trigger),
  };

  const pollingSources: PollingSources = (ref, key) => {
    const trigger = registry.trigger(ref, key);
    if (!trigger || trigger.kind !== 'polling') return undefined;
    return {
      intervalMs: trigger.intervalMs ?? DEFAULT_POLL_INTERVAL_MS,
      async poll({ config, credentialId, state, signal }) {
        const outcome = await registry.poll(ref, key, {
          config,
          signal,
          ...(credentialId ? { credentialId } : {}),
          ...(state ? { state: state as unknown as PollState } : {}),
        });
        return { events: outcome.events, state: outcome.state as unknown as JsonValue };
      },
    };
  };

  return { registry, credentials, oauth, catalog, pollingSources, close: () => registry.close() };
}
