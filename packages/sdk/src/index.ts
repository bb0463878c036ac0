// @weft/sdk: define connectors (actions, triggers, auth, rate limits), load and run them (registry, resilient
// HTTP, OAuth2, credential vault), verify webhook signatures. The testing kit is `@weft/sdk/testing`.

// Defining connectors
export { defineAction } from './define/action.js';
export type {
  Action,
  ActionCallInput,
  ActionDefinition,
  ActionInput,
  ActionOutput,
  ActionSpec,
} from './define/action.js';
export { defineConnector } from './define/connector.js';
export type { ActionKeyOf, ActionOf, Connector, ConnectorDefinition } from './define/connector.js';
export { defineTrigger } from './define/trigger.js';
export type {
  PollResult,
  PollingTriggerDefinition,
  PollingTriggerSpec,
  ScheduleTriggerDefinition,
  ScheduleTriggerSpec,
  TriggerDefinition,
  TriggerKind,
  WebhookTriggerDefinition,
  WebhookResponse,
  WebhookTriggerSpec,
} from './define/trigger.js';
export type {
  ActionRunContext,
  ConnectionAccess,
  LogFn,
  LogLevel,
  OutboundGuard,
  PollContext,
  ScheduleContext,
} from './define/context.js';
export type { WebhookRequest, WebhookSpec } from './define/webhook-request.js';
export type { RateLimit } from './define/rate-limit.js';
export type { FromSchema, JSONSchema } from './define/json-schema.js';
export type { ApiKeyAuth, AuthKind, AuthSpec, BasicAuth, BearerAuth, NoAuth, OAuth2Auth } from './auth/auth-spec.js';

// Errors and redaction
export { ConnectorError, isConnectorError } from './errors.js';
export type { ConnectorErrorKind, ConnectorErrorOptions } from './errors.js';
export { REDACTED, redactSecrets } from './redact.js';

// Manifests
export { manifestOf } from './manifest/manifest.js';
export type { ActionManifest, ConnectorManifest, TriggerManifest } from './manifest/manifest.js';
export { connectorManifestSchema } from './manifest/manifest-schema.js';
export { ConnectorManifestError, validateConnector } from './manifest/validate-connector.js';
export type { ConnectorValidation, ManifestProblem } from './manifest/validate-connector.js';

// The registry (runtime side)
export { createConnectorRegistry } from './registry/registry.js';
export type {
  ConnectorProblem,
  ConnectorProblemCode,
  ConnectorRegistry,
  ConnectorRegistryOptions,
  InstalledConnector,
  LoadReport,
} from './registry/registry.js';
export type { LoadConnectorsOptions } from './registry/loader.js';
export type { OutboundOptions } from './registry/runtime.js';
export type {
  PollOutcome,
  PollRequest,
  PollState,
  ScheduleRequest,
  WebhookOutcome,
} from './registry/trigger-runtime.js';

// Credentials
export { createMemoryCredentialProvider } from './credentials/credential-provider.js';
export type {
  Credential,
  CredentialPatch,
  CredentialProvider,
  CredentialStatus,
  CredentialValues,
  MemoryCredentialProvider,
} from './credentials/credential-provider.js';

// HTTP
export type { HttpClient, HttpMethod, HttpRequest, HttpResponse, QueryValue, RetryOptions } from './http/http-types.js';
export { createMemoryRateLimiter } from './http/rate-limiter.js';
export type { RateLimiter } from './http/rate-limiter.js';
export type { BreakerOptions, BreakerState, BreakerStatus } from './http/circuit-breaker.js';
export { createSsrfGuard } from './http/ssrf-guard.js';
export type { AddressDecision, LookupFunction, SsrfGuard, SsrfGuardOptions } from './http/ssrf-guard.js';
export { DEFAULT_MAX_RESPONSE_BYTES } from './http/transport.js';

// OAuth2
export { createOAuthFlow } from './oauth/authorization.js';
export type {
  CompleteAuthorizationInput,
  CompletedAuthorization,
  OAuthFlow,
  OAuthFlowOptions,
  StartAuthorizationInput,
  StartedAuthorization,
} from './oauth/authorization.js';
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

// Webhook signatures
export { verifyHmac } from './signatures/hmac.js';
export type { VerifyHmacOptions } from './signatures/hmac.js';
export { verifyStripeSignature } from './signatures/stripe.js';
export type { VerifyStripeOptions } from './signatures/stripe.js';
export { standardWebhookHeaders, verifyStandardWebhook } from './signatures/standard-webhooks.js';
export type {
  StandardWebhookHeaderOrder,
  StandardWebhookHeaders,
  VerifyStandardWebhookOptions,
} from './signatures/standard-webhooks.js';
export { signedBodyId } from './signatures/body-id.js';
export { verifyGithubSignature } from './signatures/github.js';
export { verifySlackSignature } from './signatures/slack.js';
export type { VerifySlackOptions } from './signatures/slack.js';

// Scaffolding
export { scaffoldConnector } from './scaffold/scaffold.js';
export type { ScaffoldOptions, ScaffoldResult } from './scaffold/scaffold.js';
