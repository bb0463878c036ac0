// The pool of isolates behind MappingSandbox and SyntaxChecker.
// Pooled isolates live in a sandbox unit, a child process (unit-supervisor.ts), each running one script at a
// time; an isolate whose script timed out or ran out of memory is disposed and replaced on the next demand.
// When V8 loses control of one (a native loop that ignores termination), the whole unit is SIGKILLed, which
// frees the stuck thread and its memory, and the next unit takes over; evaluations the unit was running for
// other scripts run again there.
// Loop-free expressions over a small scope take a synchronous fast path on one more isolate (see
// bounded-expression.ts), within a short budget after which they are re-run on the pool: scripts are pure
// functions of their input, so running one again is safe.
import { availableParallelism } from 'node:os';
import {
  ScriptError,
  TemplateSyntaxError,
  WeftError,
  fillTemplate,
  templateExpressions,
  type AbortSignalLike,
  type EvaluateOptions,
  type Evaluation,
  type JsonValue,
  type MappingSandbox,
  type Scope,
  type SyntaxChecker,
} from '@weft/core';
import { BOUNDED_SOURCE_MAX_CHARS, isBoundedExpression } from './bounded-expression.js';
import { IsolateWorker, type WorkerOptions } from './isolate-worker.js';
import { UnitLostError } from './sandbox-unit.js';
import { UnitSupervisor, type SandboxHealth, type UnitSlot } from './unit-supervisor.js';
import { decodeEnvelope, expressionLabel, failureToError, isTimeoutFailure, type Limits } from './outcome.js';
import { ScriptChecker } from './script-checker.js';
import { codeScript, expressionsScript, type CompiledScript } from './script-source.js';
import { WorkerQueue } from './worker-queue.js';

export interface SandboxOptions {
  /** Isolates evaluating in parallel (default: the CPU count). */
  size?: number;
  /** Heap limit of each isolate (default 64 MB). */
  memoryLimitMb?: number;
  /** Wall-clock limit of each evaluation (default 1000 ms). */
  timeoutMs?: number;
  /** The clock `$date.now()` reads at the start of each evaluation (default `Date.now`). */
  now?: () => number;
  /** Run loop-free expressions over small scopes synchronously (default true). */
  syncFastPath?: boolean;
  /**
   * V8 lost control of an isolate. On the pool, its unit process was killed and is being replaced; on the
   * synchronous fast path (never expected) the thread and memory are lost and `health()` turns not ok.
   */
  onCatastrophicError?: (message: string) => void;
  /** Hears how each evaluation ended (metrics); an observer that throws is ignored. */
  onEvaluation?: (outcome: EvaluationOutcome) => void;
}

/** How an evaluation ended: a value, a failure of the script, or a limit it hit. */
export type EvaluationOutcome = 'ok' | 'error' | 'timeout' | 'memory';

export interface SandboxStats {
  size: number;
  /** Pooled isolates alive (idle or busy), excluding the fast-path isolate. */
  isolates: number;
  busy: number;
  /** Evaluations waiting for a free isolate. */
  queued: number;
  created: number;
  replaced: number;
  catastrophicErrors: number;
  syncEvaluations: number;
  pooledEvaluations: number;
  /** Unit processes alive (or killed and not yet gone). */
  processes: number;
  processesStarted: number;
  /** Unit processes killed because one of their isolates was abandoned. */
  processesKilled: number;
}

export type { SandboxHealth };

const SYNC_BUDGET_MS = 20;
const SYNC_SCOPE_MAX_CHARS = 256 * 1024;
const SCRIPT_CACHE_SIZE = 1000;
/** Longest code body, or total length of a template's expressions. */
const SOURCE_MAX_CHARS = 1_000_000;
const ISOLATE_CONFIG = { maxElements: 4 * 1024 * 1024, logMaxEntries: 100, logMaxChars: 10_000, cacheSize: 500 };
/** How long past its timeout a pooled call may stay unanswered before its unit process is killed. */
const ABANDON_GRACE_MS = 1000;
const UNIT_START_TIMEOUT_MS = 15_000;
/** Evaluations whose unit died under them (another script's fault) run once more on the next unit. */
const UNIT_LOST_RETRIES = 1;

type CachedScript = CompiledScript | { error: ScriptError };

export class IsolatePool implements MappingSandbox, SyntaxChecker {
  readonly #limits: Limits;
  readonly #now: () => number;
  readonly #syncFastPath: boolean;
  readonly #onCatastrophicError: ((message: string) => void) | undefined;
  readonly #onEvaluation: ((outcome: EvaluationOutcome) => void) | undefined;
  readonly #workerOptions: WorkerOptions;
  readonly #units: UnitSupervisor;
  readonly #queue: WorkerQueue<UnitSlot>;
  readonly #scripts = new Map<string, CachedScript>();
  #syncWorker: IsolateWorker | undefined;
  #checker: ScriptChecker | undefined;
  #closed = false;
  /** Set when an in-process isolate (fast path or checker) was lost: only a restart gets its memory back. */
  #inProcessLoss: string | undefined;
  #counts = { replaced: 0, catastrophicErrors: 0, syncEvaluations: 0, pooledEvaluations: 0 };

  constructor(options: SandboxOptions = {}) {
    const size = options.size ?? availableParallelism();
    if (!Number.isInteger(size) || size < 1) throw new RangeError('sandbox size must be a positive integer');
    this.#limits = { timeoutMs: options.timeoutMs ?? 1000, memoryLimitMb: options.memoryLimitMb ?? 64 };
    this.#now = options.now ?? Date.now;
    this.#syncFastPath = options.syncFastPath ?? true;
    this.#onCatastrophicError = options.onCatastrophicError;
    this.#onEvaluation = options.onEvaluation;
    this.#workerOptions = {
      memoryLimitMb: this.#limits.memoryLimitMb,
      config: ISOLATE_CONFIG,
      onLost: (_worker, message) => {
        this.#inProcessLoss = message;
        this.#catastrophe(message);
      },
    };
    this.#units = new UnitSupervisor({
      size,
      memoryLimitMb: this.#limits.memoryLimitMb,
      config: ISOLATE_CONFIG,
      graceMs: ABANDON_GRACE_MS,
      startTimeoutMs: UNIT_START_TIMEOUT_MS,
      onAbandoned: (message) => this.#catastrophe(message),
    });
    this.#queue = new WorkerQueue(size, () => this.#units.slot());
  }

  async render(template: JsonValue, scope: Scope, options?: EvaluateOptions): Promise<Evaluation> {
    const { expressions, key } = templateShape(template);
    if (expressions.length === 0) return { value: template, logs: [] };
    const script = this.#compile(key, () => this.#expressionsScript(expressions));
    const { value, logs } = await this.#evaluate(script, scope, options?.signal);
    const values = value as JsonValue[];
    const byExpression = new Map(expressions.map((expression, i) => [expression, values[i] ?? null]));
    return { value: fillTemplate(template, (expression) => byExpression.get(expression) ?? null), logs };
  }

  async runCode(code: string, scope: Scope, options?: EvaluateOptions): Promise<Evaluation> {
    const script = this.#compile(`c\u0000${code}`, () => {
      if (code.length > SOURCE_MAX_CHARS) return { error: tooLong() };
      const checked = this.#checkerInstance().code(code);
      if (checked.problem) return { error: new ScriptError('script_syntax', checked.problem.message, checked.problem) };
      return codeScript(code, checked.async);
    });
    return this.#evaluate(script, scope, options?.signal);
  }

  async check(
    source: string,
    form: 'expression' | 'code',
  ): Promise<{ message: string; line?: number; column?: number } | undefined> {
    this.#assertOpen();
    if (source.length > SOURCE_MAX_CHARS) return { message: tooLong().message };
    const checker = this.#checkerInstance();
    return form === 'code' ? checker.code(source).problem : checker.expression(source);
  }

  /** Creates every pooled isolate now instead of on first demand. */
  async warm(): Promise<void> {
    this.#assertOpen();
    await this.#queue.fill();
    await this.#units.warm();
  }

  /** Whether evaluations can be served: a unit process can be started and no isolate is lost in-process. */
  health(): SandboxHealth {
    if (this.#inProcessLoss !== undefined) {
      return { ok: false, detail: `the sandbox lost an in-process isolate (${this.#inProcessLoss}); restart` };
    }
    return this.#units.health();
  }

  /** Process ids of the sandbox unit processes, to account for their memory. */
  processIds(): number[] {
    return this.#units.pids();
  }

  stats(): SandboxStats {
    const queue = this.#queue.stats();
    return { ...queue, ...this.#counts, ...this.#units.stats(), replaced: this.#counts.replaced + queue.replaced };
  }

  /** Heap in use across live isolates, in bytes (the fast-path isolate included). */
  async heapUsed(): Promise<{ isolates: number; usedBytes: number; totalBytes: number }> {
    const pooled = await this.#units.heap();
    const sync = await this.#syncWorker?.heapStatistics();
    if (!sync) return pooled;
    return {
      isolates: pooled.isolates + 1,
      usedBytes: pooled.usedBytes + sync.used_heap_size + sync.externally_allocated_size,
      totalBytes: pooled.totalBytes + sync.total_heap_size,
    };
  }

  dispose(): void {
    if (this.#closed) return;
    this.#closed = true;
    this.#queue.close(disposedError());
    this.#units.close();
    this.#syncWorker?.dispose();
    this.#checker?.dispose();
  }

  #compile(key: string, build: () => CachedScript): CompiledScript {
    this.#assertOpen();
    let cached = this.#scripts.get(key);
    if (cached) {
      this.#scripts.delete(key);
    } else {
      cached = build();
      if (this.#scripts.size >= SCRIPT_CACHE_SIZE) this.#scripts.delete(this.#scripts.keys().next().value!);
    }
    this.#scripts.set(key, cached);
    if ('error' in cached) {
      const { code, message, line, column } = cached.error;
      throw new ScriptError(code as 'script_syntax', message, { line, column });
    }
    return cached;
  }

  #expressionsScript(expressions: readonly string[]): CachedScript {
    const total = expressions.reduce((sum, expression) => sum + expression.length, 0);
    if (total > SOURCE_MAX_CHARS) return { error: tooLong() };
    const checker = this.#checkerInstance();
    for (const expression of expressions) {
      const problem = checker.expression(expression);
      if (problem)
        return {
          error: new ScriptError('script_syntax', `${problem.message} in ${expressionLabel(expression)}`, problem),
        };
    }
    return expressionsScript(expressions, total <= BOUNDED_SOURCE_MAX_CHARS && expressions.every(isBoundedExpression));
  }

  async #evaluate(script: CompiledScript, scope: Scope, signal: AbortSignalLike | undefined): Promise<Evaluation> {
    if (!this.#onEvaluation) return this.#evaluateOnce(script, scope, signal);
    let outcome: EvaluationOutcome = 'ok';
    try {
      return await this.#evaluateOnce(script, scope, signal);
    } catch (error) {
      const code = error instanceof WeftError ? error.code : undefined;
      outcome = code === 'script_timeout' ? 'timeout' : code === 'script_memory' ? 'memory' : 'error';
      throw error;
    } finally {
      try {
        this.#onEvaluation(outcome);
      } catch {
        // an observer's failure is not the evaluation's
      }
    }
  }

  async #evaluateOnce(script: CompiledScript, scope: Scope, signal: AbortSignalLike | undefined): Promise<Evaluation> {
    this.#assertOpen();
    if (signal?.aborted) throw signal.reason;
    const scopeJson = JSON.stringify({
      trigger: scope.trigger,
      steps: scope.steps,
      item: scope.item,
      index: scope.index,
    });
    const now = this.#now();
    if (this.#syncFastPath && script.bounded && !script.slow && scopeJson.length <= SYNC_SCOPE_MAX_CHARS) {
      const envelope = this.#runSync(script, scopeJson, now);
      if (envelope !== undefined) return decodeEnvelope(envelope, script);
    }
    this.#counts.pooledEvaluations++;
    for (let retries = UNIT_LOST_RETRIES; ; retries--) {
      try {
        const envelope = await this.#queue.run(signal, async (slot) => {
          try {
            return await slot.execute(script, scopeJson, now, this.#limits.timeoutMs);
          } catch (error) {
            slot.retire();
            throw error;
          }
        });
        return decodeEnvelope(envelope, script);
      } catch (error) {
        if (this.#closed) throw disposedError();
        if (error instanceof UnitLostError && retries > 0) continue;
        throw error instanceof WeftError || error === signal?.reason ? error : failureToError(error, this.#limits);
      }
    }
  }

  /** The fast path; undefined when the script overran the budget and must run on the pool. */
  #runSync(script: CompiledScript, scopeJson: string, now: number): string | undefined {
    this.#syncWorker ??= IsolateWorker.createSync(this.#workerOptions);
    const budget = Math.min(this.#limits.timeoutMs, SYNC_BUDGET_MS);
    try {
      this.#counts.syncEvaluations++;
      return this.#syncWorker.executeSync(script, scopeJson, now, budget);
    } catch (error) {
      this.#syncWorker.dispose();
      this.#syncWorker = undefined;
      this.#counts.replaced++;
      if (isTimeoutFailure(error) && budget < this.#limits.timeoutMs) {
        script.slow = true;
        return undefined;
      }
      throw failureToError(error, this.#limits);
    }
  }

  #catastrophe(message: string): void {
    this.#counts.catastrophicErrors++;
    this.#onCatastrophicError?.(message);
  }

  #checkerInstance(): ScriptChecker {
    if (this.#checker && !this.#checker.usable) {
      this.#checker.dispose();
      this.#checker = undefined;
    }
    this.#checker ??= new ScriptChecker(this.#limits.memoryLimitMb);
    return this.#checker;
  }

  #assertOpen(): void {
    if (this.#closed) throw disposedError();
  }
}

function disposedError(): WeftError {
  return new WeftError('sandbox_disposed', 'The sandbox was disposed', { fault: 'system' });
}

function tooLong(): ScriptError {
  return new ScriptError('script_syntax', `The script is longer than ${SOURCE_MAX_CHARS} characters`);
}

export function createSandbox(options: SandboxOptions = {}): IsolatePool {
  return new IsolatePool(options);
}

interface TemplateShape {
  /** Distinct expressions, in document order. */
  expressions: readonly string[];
  /** The script cache's key for them. */
  key: string;
}

/** A flow's templates are the same objects run after run (the flow cache keeps them): analysed once each. */
const objectShapes = new WeakMap<object, TemplateShape>();
const stringShapes = new Map<string, TemplateShape>();
const STRING_SHAPES_SIZE = 1000;

function templateShape(template: JsonValue): TemplateShape {
  const cached =
    typeof template === 'string'
      ? stringShapes.get(template)
      : template && typeof template === 'object'
        ? objectShapes.get(template)
        : undefined;
  if (cached) return cached;
  const expressions = uniqueExpressions(template);
  const shape = { expressions, key: `e\u0000${expressions.join('\u0000')}` };
  if (typeof template === 'string') {
    if (stringShapes.size >= STRING_SHAPES_SIZE) stringShapes.delete(stringShapes.keys().next().value!);
    stringShapes.set(template, shape);
  } else if (template && typeof template === 'object') {
    objectShapes.set(template, shape);
  }
  return shape;
}

/** Distinct expressions of a template, in document order. */
function uniqueExpressions(template: JsonValue): string[] {
  try {
    return [...new Set(templateExpressions(template).map((expression) => expression.source))];
  } catch (error) {
    if (error instanceof TemplateSyntaxError) throw new ScriptError('script_syntax', error.message);
    throw error;
  }
}
