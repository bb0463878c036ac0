// Hands pooled workers (isolates of the sandbox unit process) to evaluations, one evaluation per worker at a time, creating workers on
// demand up to the pool size and dropping the ones that can no longer be used. Waiting evaluations are
// served in order; an aborted one leaves the queue at once, and an aborted running one stops waiting while
// its worker finishes in the background (at most the timeout) before serving the next.
import { WeftError, type AbortSignalLike } from '@weft/core';

/** What the queue needs of a worker. */
export interface PooledWorker {
  /** False once the worker can no longer evaluate; the queue then drops it. */
  readonly usable: boolean;
  dispose(): void;
}

export class WorkerQueue<W extends PooledWorker> {
  readonly #size: number;
  readonly #create: () => Promise<W>;
  readonly #all = new Set<W>();
  readonly #idle: W[] = [];
  readonly #waiting: (() => void)[] = [];
  #creating = 0;
  #created = 0;
  #replaced = 0;
  #closed: Error | undefined;

  constructor(size: number, create: () => Promise<W>) {
    this.#size = size;
    this.#create = create;
  }

  async run<T>(signal: AbortSignalLike | undefined, task: (worker: W) => Promise<T>): Promise<T> {
    const worker = await this.#acquire(signal);
    const running = task(worker).finally(() => this.#release(worker));
    return signal ? abortable(running, signal) : running;
  }

  async fill(): Promise<void> {
    const spawned: Promise<W>[] = [];
    while (this.#all.size + this.#creating < this.#size) spawned.push(this.#spawn());
    for (const worker of await Promise.all(spawned)) this.#release(worker);
  }

  workers(): W[] {
    return [...this.#all];
  }

  stats(): { size: number; isolates: number; busy: number; queued: number; created: number; replaced: number } {
    return {
      size: this.#size,
      isolates: this.#all.size,
      busy: this.#all.size - this.#idle.length,
      queued: this.#waiting.length,
      created: this.#created,
      replaced: this.#replaced,
    };
  }

  close(reason: Error): void {
    this.#closed = reason;
    for (const worker of this.#all) worker.dispose();
    this.#all.clear();
    this.#idle.length = 0;
    for (const wake of this.#waiting.splice(0)) wake();
  }

  async #acquire(signal: AbortSignalLike | undefined): Promise<W> {
    for (;;) {
      if (this.#closed) throw this.#closed;
      if (signal?.aborted) throw signal.reason;
      const idle = this.#idle.pop();
      if (idle) {
        if (idle.usable) return idle;
        this.#drop(idle);
        continue;
      }
      if (this.#all.size + this.#creating < this.#size) return this.#spawn();
      await this.#wait(signal);
    }
  }

  async #spawn(): Promise<W> {
    this.#creating++;
    let worker: W;
    try {
      worker = await this.#create();
    } catch (error) {
      this.#wakeOne();
      throw new WeftError('sandbox_failure', `Could not start an isolate: ${(error as Error).message}`, {
        fault: 'system',
      });
    } finally {
      this.#creating--;
    }
    if (this.#closed) {
      worker.dispose();
      throw this.#closed;
    }
    this.#all.add(worker);
    this.#created++;
    return worker;
  }

  #release(worker: W): void {
    if (!this.#all.has(worker)) return;
    if (worker.usable) this.#idle.push(worker);
    else this.#drop(worker);
    this.#wakeOne();
  }

  #drop(worker: W): void {
    this.#all.delete(worker);
    worker.dispose();
    this.#replaced++;
  }

  #wait(signal: AbortSignalLike | undefined): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      const onAbort = () => {
        const at = this.#waiting.indexOf(wake);
        if (at !== -1) this.#waiting.splice(at, 1);
        reject(signal?.reason);
      };
      const wake = () => {
        signal?.removeEventListener('abort', onAbort);
        resolve();
      };
      this.#waiting.push(wake);
      signal?.addEventListener('abort', onAbort, { once: true });
    });
  }

  #wakeOne(): void {
    this.#waiting.shift()?.();
  }
}

function abortable<T>(running: Promise<T>, signal: AbortSignalLike): Promise<T> {
  if (signal.aborted) {
    running.catch(() => undefined);
    return Promise.reject(signal.reason);
  }
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => {
      running.catch(() => undefined);
      reject(signal.reason);
    };
    signal.addEventListener('abort', onAbort, { once: true });
    running.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}
