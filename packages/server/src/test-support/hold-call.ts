// Holds the first call of an async method (a store write, say) until the test opens the gate; later calls go
// through at once. For tests of what a process does while one write is still waiting for its commit.

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
