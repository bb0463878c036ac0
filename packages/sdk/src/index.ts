// @weft/sdk, the authoring entry: what a connector author sees — define connectors (actions, triggers, auth,
// rate limits), the context and its HTTP client's types, errors, webhook signatures. Connectors import only
// this and `@weft/sdk/testing`; loading and running them (registry, vault, OAuth2 flow, scaffold) is
// `@weft/sdk/runtime`, for the server and the CLI.

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
export type { ActionKeyOf, ActionOf, ConnectionTest, Connector, ConnectorDefinition } from './define/connector.js';
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
export type { ErrorHook, ErrorRefinement, FailedCall } from './define/error-hook.js';
export type { RateLimit } from './define/rate-limit.js';
export type { FromSchema, JSONSchema } from './define/json-schema.js';
export type { ApiKeyAuth, AuthKind, AuthSpec, BasicAuth, BearerAuth, NoAuth, OAuth2Auth } from './auth/auth-spec.js';

// Errors and redaction
export { ConnectorError, isConnectorError } from './errors.js';
export type { ConnectorErrorKind, ConnectorErrorOptions } from './errors.js';
export { REDACTED, redactSecrets } from './redact.js';

// Connection values as a connector's tests and auth see them
export type { Credential, CredentialStatus, CredentialValues } from './credentials/credential-provider.js';

// HTTP
export type {
  HttpClient,
  HttpMethod,
  HttpRequest,
  HttpResponse,
  MultipartPart,
  QueryValue,
  RetryOptions,
} from './http/http-types.js';
export { FileTooLargeError } from './files/file-port.js';
export { fileRefSchema, isFileRef } from '@weft/core';
export type { FileMeta, FileRef } from '@weft/core';
export type { CreateFileInput, FileStorage, OpenedFile, StepFiles } from './files/file-port.js';
export type { Paged, PaginateOptions } from './http/paginate.js';

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
export { applyChange, runSync } from './sync/sync.js';
export type { SyncLog, SyncMode, SyncOptions, SyncPage, SyncSource, SyncTarget } from './sync/sync.js';
export { syncConfigProblems, syncNodeInput } from './sync/sync-node-config.js';
export type { SyncConfigProblem, SyncNodeConfig } from './sync/sync-node-config.js';
