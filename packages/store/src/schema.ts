// The database as kysely sees it: one interface per table, snake_case columns, as stored.
// Timestamps are integers (ms since epoch), JSON is text, booleans are 0/1 — identical on SQLite and PostgreSQL.
import type { Generated } from 'kysely';
import type { RunStatus, StepStatus } from '@weft/core';

export interface Database {
  flows: FlowsTable;
  flow_versions: FlowVersionsTable;
  runs: RunsTable;
  steps: StepsTable;
  logs: LogsTable;
  payload_blobs: PayloadBlobsTable;
  credentials: CredentialsTable;
  webhook_events: WebhookEventsTable;
  trigger_state: TriggerStateTable;
  users: UsersTable;
  sessions: SessionsTable;
  api_tokens: ApiTokensTable;
  oauth_states: OAuthStatesTable;
  rate_limit_slots: RateLimitSlotsTable;
  alert_rules: AlertRulesTable;
  alert_history: AlertHistoryTable;
  sync_logs: SyncLogsTable;
  user_invites: UserInvitesTable;
  password_resets: PasswordResetsTable;
  audit_log: AuditLogTable;
  kysely_migration: MigrationsTable;
}

export interface FlowsTable {
  id: string;
  name: string;
  definition: string;
  active_version: number | null;
  active: number;
  created_at: number;
  updated_at: number;
}

export interface FlowVersionsTable {
  flow_id: string;
  version: number;
  definition: string;
  created_at: number;
}

export interface RunsTable {
  id: string;
  flow_id: string;
  flow_version: number | null;
  trigger_kind: string;
  status: RunStatus;
  input: string | null;
  output: string | null;
  error: string | null;
  claimed_by: string | null;
  lease_until: number | null;
  created_at: number;
  started_at: number | null;
  ended_at: number | null;
  parent_run_id: string | null;
  /** `<step key>#<attempt>` of the parent's subflow step that started this run. */
  parent_step: string | null;
  retry_of: string | null;
}

export interface StepsTable {
  run_id: string;
  key: string;
  node_id: string;
  status: StepStatus;
  attempt: number;
  input: string | null;
  output: string | null;
  error: string | null;
  port: string | null;
  started_at: number;
  ended_at: number | null;
  /** 1 when this attempt resumed one that was interrupted (the worker died or stopped mid-step). */
  resumed: number;
}

/** A payload kept out of line because it is larger than the inline limit; the column holds a marker. */
export interface PayloadBlobsTable {
  run_id: string;
  slot: string;
  bytes: number;
  /** The JSON text, whole. */
  body: string;
}

export interface LogsTable {
  id: Generated<number>;
  run_id: string;
  step_key: string | null;
  level: string;
  message: string;
  at: number;
}

export interface CredentialsTable {
  id: string;
  connector: string;
  kind: string;
  name: string;
  encrypted: Uint8Array;
  status: string;
  expires_at: number | null;
  last_used_at: number | null;
  created_at: number;
  updated_at: number;
}

export interface WebhookEventsTable {
  id: string;
  flow_id: string;
  provider_event_id: string | null;
  received_at: number;
  run_id: string;
  headers: string;
  body: string;
  body_encoding: 'utf8' | 'base64';
}

export interface TriggerStateTable {
  flow_id: string;
  trigger_key: string;
  cursor: string | null;
  leased_by: string | null;
  lease_until: number | null;
  last_fired_at: number | null;
}

export interface UsersTable {
  id: string;
  email: string;
  password_hash: string;
  role: string;
  created_at: number;
  /** active | deactivated (migration 0007). */
  status: Generated<string>;
  deactivated_at: number | null;
  last_sign_in_at: number | null;
}

export interface SessionsTable {
  id: string;
  user_id: string;
  expires_at: number;
  created_at: number;
}

export interface ApiTokensTable {
  id: string;
  user_id: string;
  name: string;
  token_hash: string;
  role: string;
  created_at: number;
  last_used_at: number | null;
}

export interface OAuthStatesTable {
  state: string;
  entry: string;
  expires_at: number;
}

export interface RateLimitSlotsTable {
  bucket: string;
  at: number;
}

/** An alert rule as edited through the API (its JSON), in the order given. */
export interface AlertRulesTable {
  id: string;
  position: number;
  definition: string;
}

/** An alert notice (fired or resolved), its JSON kept whole. */
export interface AlertHistoryTable {
  id: Generated<number>;
  rule_id: string;
  subject: string;
  state: string;
  notice: string;
  at: number;
}

/** One sync pass's log (its JSON kept whole). */
export interface SyncLogsTable {
  id: Generated<number>;
  name: string;
  connector: string;
  run_id: string;
  entry: string;
  at: number;
}

/** kysely's own migration table format, so kysely's Migrator could read our history too. */
export interface MigrationsTable {
  name: string;
  timestamp: string;
}

export interface UserInvitesTable {
  id: string;
  email: string;
  role: string;
  /** SHA-256 (base64url) of the invite token: the token itself is never stored. */
  token_hash: string;
  created_by: string | null;
  created_at: number;
  expires_at: number;
  used_at: number | null;
  revoked_at: number | null;
}

export interface PasswordResetsTable {
  id: string;
  user_id: string;
  /** SHA-256 (base64url) of the reset token. */
  token_hash: string;
  created_at: number;
  expires_at: number;
  used_at: number | null;
}

/** Append-only: rows are inserted, read and deleted by retention, never updated. */
export interface AuditLogTable {
  id: Generated<number>;
  at: number;
  actor_type: string;
  actor_id: string | null;
  actor_email: string | null;
  token_id: string | null;
  ip: string | null;
  request_id: string | null;
  action: string;
  target_type: string;
  target_id: string | null;
  target_name: string | null;
  /** JSON, or null. */
  changes: string | null;
  outcome: string;
  error: string | null;
}
