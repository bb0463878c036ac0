// One isolate with its single, locked-down context and the host's references to the dispatcher inside it.
// A worker evaluates one script at a time; `executeSync` runs it on the calling thread, `execute` on
// isolated-vm's thread pool. When V8 loses control of the isolate (isolated-vm's "catastrophic error":
// an allocation V8 cannot survive or native code that ignores termination), the stuck thread is parked
// forever; the worker then rejects its pending evaluation and reports itself lost. Pooled workers live in a
// sandbox unit process (unit-process.ts) so that the host can end that thread by killing the process.
import ivm from 'isolated-vm';
import { setupSource, type IsolateConfig } from './isolate/setup-source.js';
import type { CompiledScript } from './script-source.js';

/** What a worker needs of a script. */
export type RunnableScript = Pick<CompiledScript, 'hash' | 'kind' | 'body'>;

const MISS = '{"miss":1}';
const PENDING = '{"pending":1}';
const SETUP_TIMEOUT_MS = 10_000;

type Dispatch = (...args: (string | number)[]) => string;

export interface WorkerOptions {
  memoryLimitMb: number;
  config: IsolateConfig;
  /** Called (at most once) when V8 lost control of this isolate. */
  onLost(worker: IsolateWorker, message: string): void;
}

/** V8 lost control of an isolate; the message is isolated-vm's. */
export class CatastrophicIsolateError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CatastrophicIsolateError';
  }
}

export class IsolateWorker {
  readonly #isolate: ivm.Isolate;
  readonly #options: WorkerOptions;
  readonly #known = new Set<string>();
  #run: ivm.Reference<Dispatch> | undefined;
  #collect: ivm.Reference<Dispatch> | undefined;
  #lost = false;
  #retired = false;
  #sequence = 0;
  #rejectPending: ((error: Error) => void) | undefined;

  private constructor(options: WorkerOptions) {
    this.#options = options;
    this.#isolate = new ivm.Isolate({
      memoryLimit: options.memoryLimitMb,
      onCatastrophicError: (message) => this.#catastrophe(message),
    });
  }

  static createSync(options: WorkerOptions): IsolateWorker {
    const worker = new IsolateWorker(options);
    try {
      const context = worker.#isolate.createContextSync();
      const api = context.evalSync(setupSource(options.config), { reference: true, timeout: SETUP_TIMEOUT_MS });
      worker.#run = api.getSync('run', { reference: true });
      worker.#collect = api.getSync('collect', { reference: true });
      api.release();
      return worker;
    } catch (error) {
      worker.dispose();
      throw error;
    }
  }

  static async create(options: WorkerOptions): Promise<IsolateWorker> {
    const worker = new IsolateWorker(options);
    try {
      const context = await worker.#isolate.createContext();
      const api = await context.eval(setupSource(options.config), { reference: true, timeout: SETUP_TIMEOUT_MS });
      worker.#run = await api.get('run', { reference: true });
      worker.#collect = await api.get('collect', { reference: true });
      api.release();
      return worker;
    } catch (error) {
      worker.dispose();
      throw error;
    }
  }

  /** Still able to evaluate: not disposed (memory limit), lost, or retired after a failure. */
  get usable(): boolean {
    return !this.#lost && !this.#retired && !this.#isolate.isDisposed;
  }

  /** Take this worker out of service; the pool disposes it once its current call is over. */
  retire(): void {
    this.#retired = true;
  }

  executeSync(script: RunnableScript, scopeJson: string, now: number, timeoutMs: number): string {
    const id = ++this.#sequence;
    const run = this.#dispatcher('run');
    let envelope = run.applySync(undefined, this.#runArguments(script, scopeJson, now, id, false), {
      timeout: timeoutMs,
    });
    if (envelope === MISS) {
      envelope = run.applySync(undefined, this.#runArguments(script, scopeJson, now, id, true), { timeout: timeoutMs });
    }
    if (envelope === PENDING) envelope = this.#dispatcher('collect').applySync(undefined, [id], { timeout: timeoutMs });
    return envelope;
  }

  execute(script: RunnableScript, scopeJson: string, now: number, timeoutMs: number): Promise<string> {
    return new Promise<string>((resolve, reject) => {
      this.#rejectPending = reject;
      this.#executeAsync(script, scopeJson, now, timeoutMs).then(resolve, reject);
    }).finally(() => {
      this.#rejectPending = undefined;
    });
  }

  async heapStatistics(): Promise<ivm.HeapStatistics | undefined> {
    return this.usable ? this.#isolate.getHeapStatistics() : undefined;
  }

  dispose(): void {
    this.#retired = true;
    // A lost isolate's thread is parked inside V8: leave it alone rather than risk waiting on it.
    if (this.#lost || this.#isolate.isDisposed) return;
    try {
      this.#isolate.dispose();
    } catch {
      // already disposed by isolated-vm (memory limit)
    }
  }

  async #executeAsync(script: RunnableScript, scopeJson: string, now: number, timeoutMs: number): Promise<string> {
    const id = ++this.#sequence;
    const run = this.#dispatcher('run');
    let envelope = await run.apply(undefined, this.#runArguments(script, scopeJson, now, id, false), {
      timeout: timeoutMs,
    });
    if (envelope === MISS) {
      envelope = await run.apply(undefined, this.#runArguments(script, scopeJson, now, id, true), {
        timeout: timeoutMs,
      });
    }
    if (envelope === PENDING)
      envelope = await this.#dispatcher('collect').apply(undefined, [id], { timeout: timeoutMs });
    return envelope;
  }

  /** Sends the body only when this isolate may not have compiled the script yet. */
  #runArguments(
    script: RunnableScript,
    scopeJson: string,
    now: number,
    id: number,
    force: boolean,
  ): (string | number)[] {
    const known = !force && this.#known.has(script.hash);
    if (!known) {
      if (this.#known.size >= this.#options.config.cacheSize) this.#known.clear();
      this.#known.add(script.hash);
    }
    return [script.hash, script.kind, known ? '' : script.body, scopeJson, now, id];
  }

  #dispatcher(name: 'run' | 'collect'): ivm.Reference<Dispatch> {
    const reference = name === 'run' ? this.#run : this.#collect;
    if (!reference) throw new Error('isolate worker used before setup');
    return reference;
  }

  #catastrophe(message: string): void {
    if (this.#lost) return;
    this.#lost = true;
    this.#rejectPending?.(new CatastrophicIsolateError(message));
    this.#options.onLost(this, message);
  }
}
