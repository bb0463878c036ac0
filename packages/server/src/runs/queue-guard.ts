// Back-pressure for a process that queues webhook runs for other workers (WEFT_ROLE=web): the shared queue's
// depth, read from the database at most every quarter second (not per request) plus the runs this process
// queued since, against WEFT_MAX_QUEUED. Its drain rate, from successive readings, says when to retry.
import { drainSeconds } from './drain-meter.js';

const REFRESH_MS = 250;
/** Retry-After when the queue has not been seen to drain (no worker running?). */
const UNKNOWN_DRAIN_RETRY_SECONDS = 5;

export interface QueueGuardOptions {
  /** Runs waiting in the shared queue now (store.queueStats). */
  readDepth: () => Promise<number>;
  /** Queued runs at most; 0: no limit. */
  maxQueued: number;
  now?: () => number;
}

export class QueueGuard {
  private depth = 0;
  private readAt = Number.NEGATIVE_INFINITY;
  /** Runs this process queued since the reading in `depth` began. */
  private queuedHere = 0;
  private reading: Promise<void> | undefined;
  /** Runs leaving the queue per second (smoothed), undefined until seen. */
  private drainRate: number | undefined;

  constructor(private readonly options: QueueGuardOptions) {}

  /** Seconds to wait before retrying when the queue is full, undefined when a run may be queued now. */
  async check(): Promise<number | undefined> {
    const { maxQueued } = this.options;
    if (maxQueued <= 0) return undefined;
    if (this.readAt === Number.NEGATIVE_INFINITY) await this.refresh();
    else if (this.now() - this.readAt >= REFRESH_MS) void this.refresh();
    const depth = this.depth + this.queuedHere;
    if (depth < maxQueued) return undefined;
    return drainSeconds(depth - maxQueued + 1, this.drainRate, UNKNOWN_DRAIN_RETRY_SECONDS);
  }

  /** One run queued by this process (counted until the next reading sees it). */
  queued(): void {
    this.queuedHere++;
  }

  private now(): number {
    return (this.options.now ?? Date.now)();
  }

  private refresh(): Promise<void> {
    this.reading ??= this.read().finally(() => (this.reading = undefined));
    return this.reading;
  }

  private async read(): Promise<void> {
    const startedAt = this.now();
    const queuedBefore = this.queuedHere;
    let depth: number;
    try {
      depth = await this.options.readDepth();
    } catch {
      return; // the last reading stands; the next request tries again
    }
    const seconds = (startedAt - this.readAt) / 1000;
    if (Number.isFinite(seconds) && seconds > 0) {
      // What left the queue since the last reading: what it held, plus what this process added, minus what is left.
      const drained = Math.max(0, this.depth + queuedBefore - depth) / seconds;
      this.drainRate = this.drainRate === undefined ? drained : 0.7 * this.drainRate + 0.3 * drained;
    }
    this.depth = depth;
    this.queuedHere -= queuedBefore;
    this.readAt = startedAt;
  }
}
