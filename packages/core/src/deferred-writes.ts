// The journal writes a run has handed off without waiting for their commit: pure steps' final records. A run
// that awaited each one stalled on every commit (a 100,000-item forEach spent a third of its time there, its
// 16 workers each waiting for a batch of 16); handed off, they pile up into large group commits while the run
// goes on. Bounded, so a fast loop cannot build an unbounded queue in memory; settled before anything leaves
// the run (a step with effects, the run's outcome), so a lost write fails the run rather than going unnoticed.

/** Writes in flight per run before the next one waits for the oldest. */
const MAX_IN_FLIGHT = 128;

export class DeferredWrites {
  readonly #inFlight = new Set<Promise<void>>();
  #failure: { error: unknown } | undefined;

  constructor(private readonly limit = MAX_IN_FLIGHT) {}

  /** Tracks `write`; resolves at once unless `limit` writes are in flight, then once the oldest settled. */
  async defer(write: Promise<void>): Promise<void> {
    const tracked: Promise<void> = write
      .catch((error: unknown) => {
        this.#failure ??= { error };
      })
      .finally(() => this.#inFlight.delete(tracked));
    this.#inFlight.add(tracked);
    if (this.#inFlight.size > this.limit) await this.#inFlight.values().next().value;
  }

  /** Waits for every write handed off so far; throws the first failure (and keeps throwing it). */
  async settle(): Promise<void> {
    while (this.#inFlight.size > 0) await Promise.all([...this.#inFlight]);
    if (this.#failure) throw this.#failure.error;
  }
}
