// How fast places free: events counted in quarter-second buckets over the last two seconds. Ingress admission
// sizes its backlog from this rate and tells refused senders when to come back (Retry-After).

const BUCKET_MS = 250;
const BUCKETS = 8;
/** Fewer events than this in the window: the rate is not known (an idle process says nothing of its capacity). */
const MIN_EVENTS = 8;

export class DrainMeter {
  private readonly counts = new Array<number>(BUCKETS).fill(0);
  /** The bucket number (time ÷ BUCKET_MS) each slot of `counts` holds. */
  private readonly epochs = new Array<number>(BUCKETS).fill(-1);

  constructor(private readonly now: () => number = Date.now) {}

  record(n = 1): void {
    const epoch = Math.floor(this.now() / BUCKET_MS);
    const slot = epoch % BUCKETS;
    if (this.epochs[slot] !== epoch) {
      this.epochs[slot] = epoch;
      this.counts[slot] = 0;
    }
    this.counts[slot]! += n;
  }

  /** Events per second over the window, or undefined when too few happened to say. */
  perSecond(): number | undefined {
    const current = Math.floor(this.now() / BUCKET_MS);
    let total = 0;
    for (let i = 0; i < BUCKETS; i++) if (current - this.epochs[i]! < BUCKETS) total += this.counts[i]!;
    return total < MIN_EVENTS ? undefined : total / ((BUCKETS * BUCKET_MS) / 1000);
  }
}

/** Whole seconds (Retry-After) for `waiting` items to drain at `perSecond`, from 1 to `max`; `fallback` if unknown. */
export function drainSeconds(waiting: number, perSecond: number | undefined, fallback: number, max = 30): number {
  if (!perSecond) return fallback;
  return Math.min(max, Math.max(1, Math.ceil(waiting / perSecond)));
}
