// Which webhook deliveries a process takes, so that completions keep pace with acceptances under any load.
// A process that executes runs holds a place (a slot or a backlog place) for each delivery before its body is
// read. The backlog it keeps is about half a second of its measured completion rate (never more than
// WEFT_MAX_BACKLOG): a larger one only adds latency and work accepted but not done. A delivery that finds no
// place waits in a short FIFO for one (each completion hands its place to the oldest waiter), so senders that
// hammer a saturated process are slowed to its completion rate instead of being refused thousands of times a
// second (refusals cost event-loop time the runs need); after the wait, or when the waiting line is itself
// full, it is refused: 503 with a Retry-After from the backlog's drain rate. A process that only queues runs
// (web role) refuses once the shared queue holds WEFT_MAX_QUEUED runs (queue-guard.ts). Nothing is stored
// before a place is held, so a refusal loses nothing that was accepted.
import type { Admission, RunWorker } from './run-worker.js';
import { DrainMeter, drainSeconds } from './drain-meter.js';
import { QueueGuard } from './queue-guard.js';

/** Seconds of measured completions the backlog may hold. */
const BACKLOG_SECONDS = 0.5;

export interface Refusal {
  code: 'backlog_full' | 'queue_full';
  retryAfter: number;
}

export interface IngressAdmissionOptions {
  worker: RunWorker;
  /** Runs waiting in the shared queue (for processes that do not execute runs). */
  readQueueDepth: () => Promise<number>;
  /** WEFT_MAX_QUEUED: 0 is no limit. */
  maxQueued: number;
  /** How long a delivery may wait for a place (WEFT_ADMISSION_WAIT_MS); 0 refuses at once. */
  waitMs: number;
  /**
   * The smallest backlog, and waiting line, allowed (WEFT_MIN_BACKLOG, default 100): an idle process meeting a
   * burst knows no rate yet, and a backlog sized from a rate that overload itself depressed would refuse more,
   * depress it further, and spiral.
   */
  minBacklog?: number;
  now?: () => number;
}

interface Waiter {
  resolve: (admission: Admission | Refusal | undefined) => void;
  timer: NodeJS.Timeout;
}

/** A place held for one delivery: stored with `claim()`, or handed back by `release()` (always called). */
export class Pass {
  constructor(
    private readonly worker: RunWorker,
    private held: Admission | undefined,
    private readonly onQueued: () => void,
  ) {}

  /** Whether the pass holds a place in this process's worker. */
  get holding(): boolean {
    return this.held !== undefined;
  }

  /** The place was taken by a run started in memory (runInMemory with `admitted`). */
  spent(): void {
    this.held = undefined;
  }

  /**
   * The claim to store the run with (the caller then gives it to `worker.adopt`), `full` when the pass gave its
   * place away and none is free, or undefined when the run is queued for the workers.
   */
  claim(): Admission | 'full' | undefined {
    const held = this.held;
    this.held = undefined;
    const admission = held ?? this.worker.admit();
    if (admission === undefined) this.onQueued();
    return admission;
  }

  /** Gives back a place that no run took (a refusal, a duplicate, an error before storing). */
  release(): void {
    if (this.held === undefined) return;
    this.held = undefined;
    this.worker.giveBack();
  }
}

export class IngressAdmission {
  private readonly waiters: Waiter[] = [];
  private readonly meter: DrainMeter;
  private readonly queue: QueueGuard;

  constructor(private readonly options: IngressAdmissionOptions) {
    const now = options.now ?? Date.now;
    this.meter = new DrainMeter(now);
    this.queue = new QueueGuard({ readDepth: options.readQueueDepth, maxQueued: options.maxQueued, now });
    options.worker.onPlaceFreed((ran) => {
      if (ran) this.meter.record();
      this.wake();
    });
  }

  /** Deliveries waiting for a place now. */
  get waiting(): number {
    return this.waiters.length;
  }

  /** A place for one delivery (held until its pass is claimed or released), or why it is refused. */
  async enter(): Promise<Pass | Refusal> {
    const { worker } = this.options;
    const pass = (held: Admission | undefined) => new Pass(worker, held, () => this.queue.queued());
    if (!worker.executing) {
      const retryAfter = await this.queue.check();
      return retryAfter === undefined ? pass(undefined) : { code: 'queue_full', retryAfter };
    }
    if (this.waiters.length === 0) {
      const admission = worker.admit(this.backlogLimit());
      if (admission !== 'full') return pass(admission);
    }
    const { waitMs } = this.options;
    // As many may wait as places free during the wait (at least the minimum backlog): the rest would be refused anyway.
    const rate = this.meter.perSecond() ?? 0;
    if (waitMs <= 0 || this.waiters.length >= Math.max(this.minBacklog, Math.ceil((rate * waitMs) / 1000)))
      return this.refusal();
    const outcome = await new Promise<Admission | Refusal | undefined>((resolve) => {
      const waiter: Waiter = {
        resolve,
        timer: setTimeout(() => {
          const at = this.waiters.indexOf(waiter);
          if (at >= 0) this.waiters.splice(at, 1);
          resolve(this.refusal());
        }, waitMs),
      };
      this.waiters.push(waiter);
    });
    return outcome !== undefined && 'code' in outcome ? outcome : pass(outcome);
  }

  /** Backlog places allowed now: half a second of completions, at least WEFT_MIN_BACKLOG, at most WEFT_MAX_BACKLOG. */
  private backlogLimit(): number {
    const rate = this.meter.perSecond() ?? 0;
    return Math.min(
      this.options.worker.limits.maxBacklog,
      Math.max(this.minBacklog, Math.ceil(rate * BACKLOG_SECONDS)),
    );
  }

  private get minBacklog(): number {
    return this.options.minBacklog ?? 100;
  }

  /** A place freed: the oldest waiters take what there is now. */
  private wake(): void {
    const { worker } = this.options;
    while (this.waiters.length > 0) {
      const admission = worker.admit(this.backlogLimit());
      if (admission === 'full') return;
      const waiter = this.waiters.shift()!;
      clearTimeout(waiter.timer);
      waiter.resolve(admission);
    }
  }

  private refusal(): Refusal {
    const { executing, waiting, admitted } = this.options.worker.load;
    const ahead = waiting + admitted + this.waiters.length + executing;
    return { code: 'backlog_full', retryAfter: drainSeconds(ahead, this.meter.perSecond(), 1) };
  }
}
