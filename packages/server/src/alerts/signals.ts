// What alert rules measure, kept per process over sliding windows of timestamps (bounded: the oldest entries go
// first): finished runs by flow, step durations, upstream 5xx by connector. Rejected webhooks come from the
// rejection list and connections from the store.
import type { RunEvent } from '@weft/core';
import type { RequestObservation } from '@weft/sdk/runtime';

/** The longest window a rule may ask for; older entries are dropped. */
export const MAX_WINDOW_MS = 24 * 3_600_000;
const MAX_ENTRIES = 50_000;

class Timeline<T> {
  private readonly entries: { at: number; value: T }[] = [];

  add(at: number, value: T): void {
    this.entries.push({ at, value });
    // Trimmed in chunks, so a busy process does not move the whole array on every step.
    if (this.entries.length > MAX_ENTRIES * 1.25) this.entries.splice(0, this.entries.length - MAX_ENTRIES);
  }

  since(from: number, now: number): T[] {
    let drop = 0;
    while (drop < this.entries.length && this.entries[drop]!.at < now - MAX_WINDOW_MS) drop++;
    if (drop > 0) this.entries.splice(0, drop);
    return this.entries.filter((e) => e.at >= from).map((e) => e.value);
  }
}

export class AlertSignals {
  private readonly runs = new Timeline<{ flowId: string; ok: boolean }>();
  private readonly steps = new Timeline<number>();
  private readonly upstream = new Timeline<string>();

  constructor(private readonly now: () => number) {}

  runEvent(flowId: string, event: RunEvent): void {
    if (event.type === 'run.finished' && (event.status === 'succeeded' || event.status === 'failed'))
      this.runs.add(this.now(), { flowId, ok: event.status === 'succeeded' });
    else if (event.type === 'step.finished') this.steps.add(this.now(), event.durationMs);
  }

  request(observation: RequestObservation): void {
    if (typeof observation.outcome === 'number' && observation.outcome >= 500)
      this.upstream.add(this.now(), observation.connector);
  }

  /** Finished runs (succeeded or failed) per flow over the window. */
  flowOutcomes(windowMs: number): Map<string, { ok: number; total: number }> {
    const byFlow = new Map<string, { ok: number; total: number }>();
    const now = this.now();
    for (const { flowId, ok } of this.runs.since(now - windowMs, now)) {
      const counts = byFlow.get(flowId) ?? { ok: 0, total: 0 };
      counts.total++;
      if (ok) counts.ok++;
      byFlow.set(flowId, counts);
    }
    return byFlow;
  }

  /** The 95th percentile of step durations (ms) over the window; undefined without steps. */
  stepP95(windowMs: number): number | undefined {
    const now = this.now();
    const durations = this.steps.since(now - windowMs, now).sort((a, b) => a - b);
    if (durations.length === 0) return undefined;
    return durations[Math.min(durations.length - 1, Math.ceil(durations.length * 0.95) - 1)];
  }

  /** Upstream 5xx answers per connector over the window. */
  upstream5xx(windowMs: number): Map<string, number> {
    const now = this.now();
    const counts = new Map<string, number>();
    for (const connector of this.upstream.since(now - windowMs, now))
      counts.set(connector, (counts.get(connector) ?? 0) + 1);
    return counts;
  }
}
