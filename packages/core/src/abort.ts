// Minimal structural types for AbortController/AbortSignal and timers: core sees no DOM or Node typings,
// but both runtimes provide these globals.

export interface AbortSignalLike {
  readonly aborted: boolean;
  readonly reason: unknown;
  addEventListener(type: 'abort', listener: () => void, options?: { once?: boolean }): void;
  removeEventListener(type: 'abort', listener: () => void): void;
}

export interface AbortControllerLike {
  readonly signal: AbortSignalLike;
  abort(reason?: unknown): void;
}

interface Globals {
  AbortController: new () => AbortControllerLike;
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

const globals = globalThis as unknown as Globals;

export function newAbortController(): AbortControllerLike {
  return new globals.AbortController();
}

export const timers = {
  setTimeout: (callback: () => void, ms: number): unknown => globals.setTimeout(callback, ms),
  clearTimeout: (handle: unknown): void => globals.clearTimeout(handle),
};

/** An AbortController aborted when any parent signal aborts. Call `dispose` to detach from the parents. */
export function linkedAbort(...parents: (AbortSignalLike | undefined)[]): AbortControllerLike & { dispose(): void } {
  const controller = newAbortController();
  const detach: (() => void)[] = [];
  for (const parent of parents) {
    if (!parent) continue;
    if (parent.aborted) {
      controller.abort(parent.reason);
      continue;
    }
    const onAbort = () => controller.abort(parent.reason);
    parent.addEventListener('abort', onAbort, { once: true });
    detach.push(() => parent.removeEventListener('abort', onAbort));
  }
  return Object.assign(controller, { dispose: () => detach.forEach((fn) => fn()) });
}
