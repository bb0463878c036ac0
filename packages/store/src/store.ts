// The Store: small repositories over one database, plus transactions, health and lifecycle.
import { inTransaction } from './context.js';
import type { StoreContext, StoreDialect } from './context.js';
import { createAccountRepository } from './accounts-repository.js';
import type { AccountRepository } from './accounts-repository.js';
import { createCredentialRepository } from './credentials-repository.js';
import type { CredentialRepository } from './credentials-repository.js';
import { createFlowRepository } from './flows-repository.js';
import type { FlowRepository } from './flows-repository.js';
import { createLogRepository } from './logs-repository.js';
import type { LogRepository } from './logs-repository.js';
import { migrate, migrationStatus } from './migrator.js';
import type { MigrationStatus } from './migrator.js';
import { readDurability } from './durability.js';
import type { StoreDurability } from './durability.js';
import { createOAuthStateRepository } from './oauth-states-repository.js';
import type { OAuthStateRepository } from './oauth-states-repository.js';
import { createRateLimitRepository } from './rate-limits-repository.js';
import type { RateLimitRepository } from './rate-limits-repository.js';
import { createAlertRepository } from './alerts-repository.js';
import type { AlertRepository } from './alerts-repository.js';
import { createDeadLetterRepository } from './dead-letters-repository.js';
import { createSyncLogRepository } from './sync-logs-repository.js';
import type { SyncLogRepository } from './sync-logs-repository.js';
import type { DeadLetterRepository } from './dead-letters-repository.js';
import { createQueueStatsRepository } from './queue-stats.js';
import type { QueueStatsRepository } from './queue-stats.js';
import { createRetentionRepository } from './retention-repository.js';
import type { RetentionRepository } from './retention-repository.js';
import { createRunJournal } from './run-journal.js';
import { createRunPageRepository } from './run-pages.js';
import type { RunPageRepository } from './run-pages.js';
import type { StoreRunJournal } from './run-journal.js';
import { createRunRepository } from './runs-repository.js';
import type { RunRepository } from './runs-repository.js';
import { createTriggerStateRepository } from './trigger-state-repository.js';
import type { TriggerStateRepository } from './trigger-state-repository.js';
import { createWebhookEventRepository } from './webhook-events-repository.js';
import type { WebhookEventRepository } from './webhook-events-repository.js';
import { createTeamRepository } from './team-repository.js';
import type { TeamRepository } from './team-repository.js';
import { createAuditRepository } from './audit-repository.js';
import type { AuditRepository } from './audit-repository.js';

export interface StoreRepositories {
  readonly flows: FlowRepository;
  readonly runs: RunRepository;
  /** The engine's RunJournal (steps and logs of runs), plus a reader's view of the steps. */
  readonly journal: StoreRunJournal;
  readonly logs: LogRepository;
  readonly webhookEvents: WebhookEventRepository;
  readonly triggerState: TriggerStateRepository;
  /** Sealed credential blobs (encrypted by the SDK vault before they get here). */
  readonly credentials: CredentialRepository;
  readonly accounts: AccountRepository;
  /** Pending OAuth2 authorizations, shared by every process on the database. */
  readonly oauthStates: OAuthStateRepository;
  /** Connector rate-limit reservations, shared by every process on the database. */
  readonly rateLimits: RateLimitRepository;
  /** Pruning finished runs by the retention policy, and reclaiming SQLite's freed space. */
  readonly retention: RetentionRepository;
  /** A large run's steps a page at a time, and how many there are. */
  readonly runPages: RunPageRepository;
  /** Failed runs nobody retried yet. */
  readonly deadLetters: DeadLetterRepository;
  /** Runs waiting in the persisted queue (metrics). */
  readonly queueStats: QueueStatsRepository;
  /** Alert rules as edited, and the alert history. */
  readonly alerts: AlertRepository;
  /** Logs of sync passes run by connector actions. */
  readonly syncLogs: SyncLogRepository;
  /** Invites, roles, deactivation, deletion and passwords of users. */
  readonly team: TeamRepository;
  /** The append-only audit log. */
  readonly audit: AuditRepository;
}

export type StoreHealth =
  | { ok: true; dialect: StoreDialect; migrations: MigrationStatus }
  | { ok: false; dialect: StoreDialect; migrations?: MigrationStatus; error: string };

export interface Store extends StoreRepositories {
  readonly dialect: StoreDialect;
  /**
   * Runs `fn` in one transaction: everything done through `tx` commits together or not at all.
   * Use only `tx` inside — on SQLite the outer store waits for the transaction to end, so using it deadlocks.
   */
  transaction<T>(fn: (tx: StoreRepositories) => Promise<T>): Promise<T>;
  /** Never throws: reports whether the database answers and its migrations are exactly the ones we know. */
  health(): Promise<StoreHealth>;
  /** What a committed write survives, read from the connection in use (see durability.ts). */
  durability(): Promise<StoreDurability>;
  /** Applies pending migrations (already done by openStore); returns the names applied now. */
  migrate(): Promise<string[]>;
  close(): Promise<void>;
}

export function createRepositories(ctx: StoreContext): StoreRepositories {
  return {
    flows: createFlowRepository(ctx),
    runs: createRunRepository(ctx),
    journal: createRunJournal(ctx),
    logs: createLogRepository(ctx),
    webhookEvents: createWebhookEventRepository(ctx),
    triggerState: createTriggerStateRepository(ctx),
    credentials: createCredentialRepository(ctx),
    accounts: createAccountRepository(ctx),
    oauthStates: createOAuthStateRepository(ctx),
    rateLimits: createRateLimitRepository(ctx),
    retention: createRetentionRepository(ctx),
    runPages: createRunPageRepository(ctx),
    deadLetters: createDeadLetterRepository(ctx),
    queueStats: createQueueStatsRepository(ctx),
    alerts: createAlertRepository(ctx),
    syncLogs: createSyncLogRepository(ctx),
    team: createTeamRepository(ctx),
    audit: createAuditRepository(ctx),
  };
}

export function createStore(ctx: StoreContext): Store {
  let closed: Promise<void> | undefined;
  return {
    ...createRepositories(ctx),
    dialect: ctx.dialect,
    transaction: (fn) => inTransaction(ctx, (tx) => fn(createRepositories(tx))),
    async health() {
      try {
        const migrations = await migrationStatus(ctx);
        if (migrations.pending.length === 0 && migrations.unknown.length === 0) {
          return { ok: true, dialect: ctx.dialect, migrations };
        }
        const error =
          migrations.unknown.length > 0
            ? `database migrated by a newer Weft (${migrations.unknown.join(', ')})`
            : `migrations pending (${migrations.pending.join(', ')})`;
        return { ok: false, dialect: ctx.dialect, migrations, error };
      } catch (error) {
        return { ok: false, dialect: ctx.dialect, error: error instanceof Error ? error.message : String(error) };
      }
    },
    durability: () => readDurability(ctx),
    migrate: () => migrate(ctx),
    close() {
      closed ??= ctx.db.destroy();
      return closed;
    },
  };
}
