// The retention timer: every `intervalMs` it deletes the runs the policy no longer keeps, `batchSize` runs per
// short transaction, yielding to the event loop between batches (so webhooks and workers go on meanwhile), then
// the audit entries older than their own limit (WEFT_AUDIT_RETENTION_DAYS, apart from runs), then
// gives SQLite's freed pages back a bounded number at a time. One pass at a time; a failure is logged and the
// next pass tries again. What it did last is shown at GET /api/retention.
import type { RetentionPolicy, Store } from '@weft/store';
import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import type { Logger } from 'pino';

export interface PrunerOptions {
  store: Pick<Store, 'retention' | 'audit'>;
  logger: Logger;
  policy: RetentionPolicy;
  /** Audit entries older than this many days go (WEFT_AUDIT_RETENTION_DAYS); 0 or absent keeps them. */
  auditMaxAgeDays?: number;
  /** Between passes (default 10 minutes); the first pass starts one interval after start. */
  intervalMs?: number;
  /** Runs deleted per transaction (default 100). */
  batchSize?: number;
  /** Free pages given back per reclaim step (default 2000, 8 MB of 4 KB pages). */
  reclaimPages?: number;
  now?: () => number;
}

export interface PassReport {
  startedAt: string;
  finishedAt: string;
  deleted: number;
  pagesReclaimed: number;
  /** Audit entries deleted by their own retention setting. */
  auditDeleted: number;
  error?: string;
}

export const DEFAULT_PRUNE_INTERVAL_MS = 10 * 60_000;
export const DEFAULT_PRUNE_BATCH = 100;

export class RetentionPruner {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<PassReport> | undefined;
  private stopped = false;
  last: PassReport | undefined;

  constructor(private readonly options: PrunerOptions) {}

  get policy(): RetentionPolicy {
    return this.options.policy;
  }

  get intervalMs(): number {
    return this.options.intervalMs ?? DEFAULT_PRUNE_INTERVAL_MS;
  }

  get auditMaxAgeDays(): number {
    return this.options.auditMaxAgeDays ?? 0;
  }

  get batchSize(): number {
    return this.options.batchSize ?? DEFAULT_PRUNE_BATCH;
  }

  start(): void {
    this.stopped = false;
    clearInterval(this.timer);
    this.timer = setInterval(() => void this.prune(), this.intervalMs);
    this.timer.unref();
  }

  /** Stops the timer and waits for a pass in progress (it stops after its current batch). */
  async stop(): Promise<void> {
    this.stopped = true;
    clearInterval(this.timer);
    this.timer = undefined;
    await this.running;
  }

  /** One pass now (or the one in progress). */
  prune(): Promise<PassReport> {
    this.running ??= this.pass().finally(() => (this.running = undefined));
    return this.running;
  }

  private async pass(): Promise<PassReport> {
    const { store, logger } = this.options;
    const now = this.options.now ?? Date.now;
    const startedAt = new Date(now()).toISOString();
    let deleted = 0;
    let pagesReclaimed = 0;
    let auditDeleted = 0;
    let error: string | undefined;
    try {
      for (;;) {
        if (this.stopped) break;
        const n = await store.retention.pruneBatch(this.policy, this.batchSize, now());
        deleted += n;
        if (n < this.batchSize) break;
        await yieldToEventLoop();
      }
      // The audit log has its own age limit, unrelated to what run history keeps.
      const auditBefore = now() - this.auditMaxAgeDays * 86_400_000;
      while (!this.stopped && this.auditMaxAgeDays > 0) {
        const n = await store.audit.prune(auditBefore, this.batchSize);
        auditDeleted += n;
        if (n < this.batchSize) break;
        await yieldToEventLoop();
      }
      while (!this.stopped && deleted > 0) {
        const n = await store.retention.reclaimSpace(this.options.reclaimPages ?? 2000);
        pagesReclaimed += n;
        if (n === 0) break;
        await yieldToEventLoop();
      }
      if (deleted > 0 || auditDeleted > 0)
        logger.info({ deleted, auditDeleted, pagesReclaimed }, 'retention: old runs and audit entries deleted');
    } catch (err) {
      error = err instanceof Error ? err.message : String(err);
      logger.warn({ err, deleted }, 'retention pass failed; the next one tries again');
    }
    this.last = {
      startedAt,
      finishedAt: new Date(now()).toISOString(),
      deleted,
      pagesReclaimed,
      auditDeleted,
      ...(error === undefined ? {} : { error }),
    };
    return this.last;
  }
}
