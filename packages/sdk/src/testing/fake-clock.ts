// A fake clock for tests: time only moves when told to. With `autoAdvance` (the default) every sleep moves the
// clock forward by its duration and resolves at once, and is recorded — so "waited 2 s for Retry-After" is
// checked in microseconds.
import type { Clock } from '@weft/core';

export interface FakeClock extends Clock {
  /** Every sleep requested, in ms, in order. */
  readonly sleeps: number[];
  /** Moves time forward, waking sleepers whose time has come (manual mode). */
  advance(ms: number): void;
  set(now: number): void;
}

export function createFakeClock(options: { now?: number; autoAdvance?: boolean } = {}): FakeClock {
  let time = options.now ?? 1_700_000_000_000;
  const autoAdvance = options.autoAdvance ?? true;
  const sleeps: number[] = [];
  const pending: { until: number; resolve: () => void }[] = [];

  const wake = () => {
    for (const sleeper of [...pending]) {
      if (sleeper.until <= time) {
        pending.splice(pending.indexOf(sleeper), 1);
        sleeper.resolve();
      }
    }
  };

  return {
    sleeps,
    now: () => time,
    sleep(ms, signal) {
      sleeps.push(ms);
      if (signal?.aborted) return Promise.reject(signal.reason);
      if (autoAdvance) {
        time += Math.max(0, ms);
        return Promise.resolve();
      }
      return new Promise<void>((resolve, reject) => {
        const sleeper = { until: time + ms, resolve };
        pending.push(sleeper);
        signal?.addEventListener(
          'abort',
          () => {
            pending.splice(pending.indexOf(sleeper), 1);
            reject(signal.reason);
          },
          { once: true },
        );
      });
    },
    advance(ms) {
      time += ms;
      wake();
    },
    set(now) {
      time = now;
      wake();
    },
  };
}
