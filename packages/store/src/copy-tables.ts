// What `copyStore` does with each table of the schema, in one place. The plan is typed over every table of
// `Database`, so a table added to schema.ts does not compile until it is classified here (copy-tables.test.ts
// also checks the migrated databases against this list).
//
// Copied, always ("setup": what an installation is made of):
//   flows, flow_versions, trigger_state (schedule and poll cursors, so triggers neither refire nor skip),
//   credentials (the sealed blobs byte for byte: the store never holds plaintext, and the copy never decrypts;
//   the same secret key opens them on the target), users and api_tokens (password and token hashes: people log
//   in and scripts keep calling the API with the tokens they have).
// Copied, always, too: alert_rules (as edited through the API), user_invites (pending ones stay usable).
// Copied with `history`: runs, steps, logs, payload_blobs, webhook_events, alert_history, sync_logs, audit_log.
// Never copied:
//   password_resets: single-use links valid for hours; an owner sends a new one.
//   sessions: browser logins are short-lived and are bearer secrets of the old server; moving them would keep
//     every cookie still lying in a browser valid on the new database. Users log in once more.
//   kysely_migration: each database's migration history is written by its own migrator (both are migrated
//     before the copy, and the copy refuses a source migrated by a newer Weft).
//   oauth_states, rate_limit_slots: short-lived cluster state (pending OAuth2 authorizations, the last window of
//     rate-limit reservations), stale by the time a copy ends.
import type { Database } from './schema.js';

export type TableName = keyof Database;
type Column<T extends TableName> = keyof Database[T] & string;

export interface CopiedTable<C extends string = string> {
  readonly group: 'setup' | 'history';
  /** The primary key: rows are matched on it between source and target, and read in its order. */
  readonly key: readonly C[];
  /** Columns that may be large: reads are sized by their length so that a batch stays within a byte budget. */
  readonly heavy?: readonly C[];
  /** Columns referencing rows of the same table, which may come in a later batch (written afterwards then). */
  readonly selfRefs?: readonly C[];
  /** A generated identity column (PostgreSQL): written with OVERRIDING SYSTEM VALUE, its sequence moved past. */
  readonly identity?: C;
}

export interface SkippedTable {
  readonly group: 'never';
  readonly reason: string;
}

export type TablePlan = { readonly [T in TableName]: CopiedTable<Column<T>> | SkippedTable };

/** Every table, in copy order: a table comes after the tables its foreign keys reference. */
export const TABLE_PLAN: TablePlan = {
  flows: { group: 'setup', key: ['id'], heavy: ['definition'] },
  flow_versions: { group: 'setup', key: ['flow_id', 'version'], heavy: ['definition'] },
  trigger_state: { group: 'setup', key: ['flow_id', 'trigger_key'], heavy: ['cursor'] },
  credentials: { group: 'setup', key: ['id'], heavy: ['encrypted'] },
  users: { group: 'setup', key: ['id'] },
  api_tokens: { group: 'setup', key: ['id'] },
  sessions: {
    group: 'never',
    reason: 'browser logins are short-lived bearer secrets of the old server; users log in again',
  },
  runs: {
    group: 'history',
    key: ['id'],
    heavy: ['input', 'output', 'error'],
    selfRefs: ['parent_run_id', 'retry_of'],
  },
  steps: { group: 'history', key: ['run_id', 'key'], heavy: ['input', 'output', 'error'] },
  logs: { group: 'history', key: ['id'], heavy: ['message'], identity: 'id' },
  payload_blobs: { group: 'history', key: ['run_id', 'slot'], heavy: ['body'] },
  webhook_events: { group: 'history', key: ['id'], heavy: ['headers', 'body'] },
  kysely_migration: {
    group: 'never',
    reason: 'each database records its own migrations; both are migrated to the same list before copying',
  },
  oauth_states: {
    group: 'never',
    reason: 'pending OAuth2 authorizations expire within minutes; a user who was connecting clicks Connect again',
  },
  rate_limit_slots: {
    group: 'never',
    reason: 'reservations of the last rate-limit window only; they are stale by the time the copy ends',
  },
  alert_rules: { group: 'setup', key: ['id'], heavy: ['definition'] },
  alert_history: { group: 'history', key: ['id'], heavy: ['notice'], identity: 'id' },
  sync_logs: { group: 'history', key: ['id'], heavy: ['entry'], identity: 'id' },
  user_invites: { group: 'setup', key: ['id'] },
  password_resets: {
    group: 'never',
    reason: 'single-use links valid for hours, bearer secrets of the old server; an owner sends a new one',
  },
  audit_log: { group: 'history', key: ['id'], heavy: ['changes'], identity: 'id' },
};

export interface PlannedTable {
  readonly table: TableName;
  readonly plan: CopiedTable | SkippedTable;
}

/** The plan as a list in copy order. */
export function plannedTables(): PlannedTable[] {
  return (Object.keys(TABLE_PLAN) as TableName[]).map((table) => ({ table, plan: TABLE_PLAN[table] }));
}
