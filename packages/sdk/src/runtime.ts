// @weft/sdk/runtime: loading and running connectors — the registry (validation, manifests, step scopes,
// resilient HTTP), credentials and the vault, the OAuth2 authorization flow, scaffolding. For the server and
// the CLI; connectors never import it (an architecture test checks), they use the authoring entry `@weft/sdk`.

// Manifests
export { manifestOf } from './manifest/manifest.js';
export type { ActionManifest, ConnectorManifest, TriggerManifest } from './manifest/manifest.js';
export { connectorManifestSchema } from './manifest/manifest-schema.js';
export { ConnectorManifestError, validateConnector } from './manifest/validate-connector.js';
export type { ConnectorValidation, ManifestProblem } from './manifest/validate-connector.js';

// The registry (runtime side)
export { createConnectorRegistry } from './registry/registry.js';
export type { ConnectorProblem, ConnectorProblemCode, LoadReport } from './registry/registry.js';
export type { ConnectorRegistry, ConnectorRegistryOptions, InstalledConnector } from './registry/registry.js';
export type { LoadConnectorsOptions } from './registry/loader.js';
export type { OutboundOptions } from './registry/runtime.js';
export type { PollOutcome, PollRequest, PollState } from './registry/trigger-runtime.js';
export type { ScheduleRequest, WebhookOutcome } from './registry/trigger-runtime.js';

// Credentials
export { createMemoryCredentialProvider } from './credentials/credential-provider.js';
export type {
  CredentialPatch,
  CredentialProvider,
  MemoryCredentialProvider,
} from './credentials/credential-provider.js';

// HTTP plumbing
export { createMemoryRateLimiter } from './http/rate-limiter.js';
export type { RateLimiter } from './http/rate-limiter.js';
export { createCircuitBreakers } from './http/circuit-breaker.js';
export type {
  BreakerOptions,
  BreakerState,
  BreakerStatus,
  BreakerTransition,
  CircuitBreakers,
  ObservableBreakers,
} from './http/circuit-breaker.js';
export { createSsrfGuard } from './http/ssrf-guard.js';
export type { AddressDecision, LookupFunction, SsrfGuard, SsrfGuardOptions } from './http/ssrf-guard.js';
export { DEFAULT_MAX_RESPONSE_BYTES } from './http/transport.js';
export type { HttpObserver, RequestObservation, RequestOutcome } from './http/http-observer.js';

// OAuth2
export { createOAuthFlow } from './oauth/authorization.js';
export type { OAuthFlow, OAuthFlowOptions } from './oauth/authorization.js';
export type { CompleteAuthorizationInput, CompletedAuthorization } from './oauth/authorization.js';
export type { StartAuthorizationInput, StartedAuthorization } from './oauth/authorization.js';
export { createMemoryOAuthStateStore } from './oauth/state-store.js';
export type { OAuthStateEntry, OAuthStateStore } from './oauth/state-store.js';
export type { OAuthClient } from './oauth/token-endpoint.js';

// Credential vault
export { createVault, keyFingerprint, VaultError } from './vault/vault.js';
export type { Vault, VaultErrorCode } from './vault/vault.js';
export { generateSecretKey, loadOrCreateKey, parseSecretKey, SECRET_KEY_FILE } from './vault/secret-key.js';
export type { SecretKey } from './vault/secret-key.js';
export { rotateKey } from './vault/rotate-key.js';
export type { RotateKeyResult } from './vault/rotate-key.js';
export { createVaultCredentialProvider, newCredentialId } from './vault/vault-credential-provider.js';
export type { NewCredential, VaultCredentialProvider } from './vault/vault-credential-provider.js';
export type {
  CredentialRecord,
  CredentialRecordPatch,
  CredentialRecords,
  NewCredentialRecord,
} from './vault/credential-records.js';

// Scaffolding
export { scaffoldConnector } from './scaffold/scaffold.js';
export type { ScaffoldOptions, ScaffoldResult } from './scaffold/scaffold.js';
export type { SyncLogEntry, SyncLogSink } from './sync/sync.js';
export { createMemorySyncStateStore, createSyncConnector } from './sync/sync-connector.js';
export type { SyncStateKey, SyncStateStore } from './sync/sync-connector.js';
export { syncConfigProblems } from './sync/sync-node-config.js';
