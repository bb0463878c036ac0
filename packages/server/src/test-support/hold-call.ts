// Holds the first call of an async method (a store write, say) until the test opens the gate; later calls go
// through at once. For tests of what a process does while one write is still waiting for its commit.
import { expect } from 'vitest';

type AsyncMethod = (...args: never[]) => Promise<unknown>;

export function holdFirstCall<K extends string, T extends Record<K, AsyncMethod>>(
  target: T,
  method: K,
): { calls: () => number; open: () => void } {
  const original = target[method];
  let calls = 0;
  let open!: () => void;
  const gate = new Promise<void>((resolve) => (open = resolve));
  const held = async (...args: Parameters<T[K]>) => {
    if (++calls === 1) await gate;
    return original.apply(target, args);
  };
  target[method] = held as unknown as T[K];
  return { calls: () => calls, open };
}

/** Checks that `stop()` is still waiting 50 ms after it began, while the held call is, and ends once it is let go. */
export async function expectStopToWaitFor(held: { open: () => void }, stop: () => Promise<void>): Promise<void> {
  let stopped = false;
  const stopping = stop().then(() => (stopped = true));
  await new Promise((r) => setTimeout(r, 50));
  expect(stopped).toBe(false);
  held.open();
  await stopping;
}
