// Public surface of @weft/store: open a store, its repositories and row types. Everything else is internal.
export { openStore } from './open-store.js';
export type { OpenStoreOptions } from './open-store.js';
export { parseStoreUrl, redactUrl } from './store-url.js';
export type { StoreTarget } from './store-url.js';
export { copyStore, DEFAULT_COPY_BATCH_SIZE } from './copy.js';
export type { CopyReport, CopyStoreOptions, NotCopiedTable, TableCount } from './copy.js';
export type { PostgresOptions } from './postgres-connection.js';
export type { Store, StoreHealth, StoreRepositories } from './store.js';
export type { StoreDialect } from './context.js';
export type { StoreDurability } from './durability.js';
export type { MigrationStatus } from './migrator.js';
export { DEFAULT_MAX_PAYLOAD_BYTES, DEFAULT_MAX_STORED_PAYLOAD_BYTES, isTruncatedPayload } from './payload.js';
export type { TruncatedPayload } from './payload.js';
export type {
  CreateFlowInput,
  FlowRepository,
  FlowRow,
  FlowVersionRow,
  SetActiveInput,
  UpdateDraftInput,
} from './flows-repository.js';
export type { RunRow } from './run-row.js';
export type { ReplayRunInput } from './run-replay.js';
export type { StoreRunJournal } from './run-journal.js';
export type { JournalBuffer } from './journal-buffer.js';
export { newRunId } from './ids.js';
export type {
  CreateRunInput,
  FinalRunStatus,
  FinishRunInput,
  ListRunsQuery,
  RetryVersion,
  RunPage,
  RunRepository,
} from './runs-repository.js';
export type { ClaimOptions, RenewLeaseInput, RenewLeasesInput, RunLeases, TakenOverRun } from './run-leases.js';
export type { ListLogsOptions, LogRepository, LogRow } from './logs-repository.js';
export type {
  ReceiveFinishedInput,
  ReceiveWebhookInput,
  ReceivedWebhook,
  WebhookEventRepository,
  WebhookEventRow,
  WebhookEventSummary,
  WebhookHeaders,
} from './webhook-events-repository.js';
export type {
  AcquireTriggerLeaseInput,
  SetTriggerCursorInput,
  TriggerKey,
  TriggerStateRepository,
  TriggerStateRow,
} from './trigger-state-repository.js';
export type { AccountRepository, ApiTokenRow, Role, UserRow, UserStatus } from './accounts-repository.js';
export type { InviteRow, PasswordResetRow, TeamRepository, TokenState } from './team-repository.js';
export type { AuditFilter, AuditRecord, AuditRepository, AuditRow } from './audit-repository.js';
export type {
  CreateCredentialInput,
  CredentialRepository,
  CredentialRow,
  CredentialStatus,
  ListCredentialsQuery,
  UpdateCredentialInput,
} from './credentials-repository.js';
export type { OAuthStateRepository, SaveOAuthStateInput } from './oauth-states-repository.js';
export type { RateLimitBucket, RateLimitRepository, ReserveSlotInput } from './rate-limits-repository.js';
export { createPostgresBus } from './postgres-bus.js';
export type { PostgresBusOptions } from './postgres-bus.js';
export type { RetentionPolicy, RetentionRepository } from './retention-repository.js';
export type { RunPageRepository, StepPage } from './run-pages.js';
export type { DeadLetterQuery, DeadLetterRepository } from './dead-letters-repository.js';
export type { QueueStats, QueueStatsRepository } from './queue-stats.js';
export type { AlertRepository, StoredNotice } from './alerts-repository.js';
export type { SyncLogRepository } from './sync-logs-repository.js';
