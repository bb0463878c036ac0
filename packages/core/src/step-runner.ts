// One step's life: resolve its input, run attempts with timeout and retry, persist every transition,
// and apply its onError policy. A step found in flight in the journal (its worker died or stopped mid-step)
// runs again as a new attempt recorded as resumed, with the same idempotency key and the input the interrupted
// attempt had. A prepared record (a replay with an edited input, replay.ts) gives the step its input instead of
// its config.
import { linkedAbort, timers, type AbortSignalLike } from './abort.js';
import { stepRetryDelay } from './backoff.js';
import { toErrorInfo, WeftError, type ErrorInfo } from './errors.js';
import type { StepNode } from './flow.js';
import type { JsonValue } from './json.js';
import type { NodeResult, NodeRunContext } from './node-kinds.js';
import type { Clock, MappingSandbox, RunEvent, RunJournal, Scope, ScriptLog, StepRecord } from './ports.js';
import { isPrepared } from './replay.js';
import { narrowScope } from './scope.js';
import { lookupPath } from './path-lookup.js';
import { fillTemplate, hasExpressions, templateExpressions } from './template.js';

/** A step failed and its policy is `fail`: the run (or enclosing loop) stops. */
export class StepFailedError extends WeftError {
  constructor(
    override readonly nodeId: string,
    readonly info: ErrorInfo,
  ) {
    super(info.code, `step "${nodeId}" failed: ${info.message}`, { fault: info.fault ?? 'system', nodeId });
    this.name = 'StepFailedError';
  }
}

export interface StepRunnerDeps {
  runId: string;
  journal: RunJournal;
  clock: Clock;
  random: () => number;
  sandbox: MappingSandbox;
  emit(event: RunEvent): void;
  runKind(context: NodeRunContext): Promise<NodeResult>;
}

export interface StepRequest {
  node: StepNode;
  key: string;
  /** What the step may read, got when it starts: a large list it reads may not fit the run's memory budget. */
  scope: () => Promise<Scope>;
  /** The journal's record of this step from an earlier, interrupted execution. */
  previous: StepRecord | undefined;
  signal: AbortSignalLike;
}

export class StepRunner {
  constructor(private readonly deps: StepRunnerDeps) {}

  async run({
    node,
    key,
    scope: readScope,
    previous,
    signal,
  }: StepRequest): Promise<{ output: JsonValue; port: string }> {
    const { deps } = this;
    const prepared = isPrepared(previous) ? previous.input : undefined;
    const startedAt = (prepared === undefined ? previous?.startedAt : undefined) ?? deps.clock.now();
    // A resume counts as an attempt; the retry policy still allows at least this one.
    const maxAttempts = node.retry?.attempts ?? 1;
    const interrupted = prepared === undefined && (previous?.status === 'running' || previous?.status === 'cancelled');
    let attempt = interrupted ? previous.attempt + 1 : 1;
    const resumedAttempt = interrupted ? attempt : undefined;
    const record: StepRecord = { runId: deps.runId, key, nodeId: node.id, status: 'running', attempt, startedAt };
    if (interrupted) record.resumed = true;
    const logs: Promise<void>[] = [];
    const log = (level: ScriptLog['level'], message: string) => {
      const at = deps.clock.now();
      logs.push(deps.journal.appendLog({ runId: deps.runId, stepKey: key, level, message, at }));
      deps.emit({ type: 'log', runId: deps.runId, stepKey: key, level, message, at });
    };
    // The record changes only once the journal took the change: a write it refuses (an output over the store's
    // size cap) leaves the record as it was, so the failure that follows is saved without it.
    const save = async (patch: Partial<StepRecord>) => {
      await deps.journal.saveStep({ ...record, ...patch });
      Object.assign(record, patch);
    };
    if (interrupted) {
      const at = deps.clock.now();
      deps.emit({
        type: 'step.resumed',
        runId: deps.runId,
        key,
        nodeId: node.id,
        attempt,
        previousAttempt: previous.attempt,
        at,
      });
      log(
        'warn',
        `attempt ${attempt}: resumed after interruption (attempt ${previous.attempt} was in flight when the run stopped)`,
      );
    }
    deps.emit({ type: 'step.started', runId: deps.runId, key, nodeId: node.id, attempt, at: deps.clock.now() });

    let failure: unknown;
    try {
      const scope = await readScope();
      // A resumed attempt reuses its idempotency key, so it sends what the interrupted attempt sent (providers
      // refuse a key reused with other parameters, and a replay's edited input must survive a crash).
      const recorded = prepared ?? (interrupted ? previous.input : undefined);
      const input = recorded ?? (await this.resolveInput(node, scope, signal, log));
      record.input = input;
      // Steps with effects outside the run are journaled as running before they start, so a resume knows an
      // attempt was in flight (and keeps its start time, which makes delays durable). Pure steps are simply
      // re-run after a crash, so they are written once, when they finish.
      if (hasEffects(node)) await save({});
      for (;;) {
        try {
          const context: NodeRunContext = {
            runId: deps.runId,
            node,
            key,
            input,
            scope,
            attempt,
            resumed: attempt === resumedAttempt,
            startedAt,
            signal,
            log,
            idempotencyKey: `${deps.runId}:${key}`,
          };
          const result = await this.withTimeout(node, signal, (attemptSignal) =>
            deps.runKind({ ...context, signal: attemptSignal }),
          );
          await Promise.all(logs);
          const done: Partial<StepRecord> = { status: 'succeeded', output: result.output, port: result.port };
          if (result.input !== undefined) done.input = result.input;
          await save({ ...done, endedAt: deps.clock.now() });
          this.finished(record);
          return result;
        } catch (error) {
          logsOf(error).forEach((entry) => log(entry.level, entry.message));
          if (signal.aborted || attempt >= maxAttempts || !isRetryable(error)) throw error;
          const delay = stepRetryDelay(node.retry!, attempt, deps.random, error);
          log('warn', `attempt ${attempt} failed: ${toErrorInfo(error).message}; retrying in ${delay} ms`);
          await deps.clock.sleep(delay, signal);
          attempt += 1;
          await save({ attempt });
          deps.emit({ type: 'step.started', runId: deps.runId, key, nodeId: node.id, attempt, at: deps.clock.now() });
        }
      }
    } catch (error) {
      failure = error;
      // A mapping that failed while resolving the input may have logged before it did.
      if (record.input === undefined) logsOf(error).forEach((entry) => log(entry.level, entry.message));
    }
    await Promise.allSettled(logs);
    return this.failed(node, record, failure, signal, save);
  }

  private async resolveInput(
    node: StepNode,
    scope: Scope,
    signal: AbortSignalLike,
    log: (level: ScriptLog['level'], message: string) => void,
  ): Promise<JsonValue> {
    const config = node.config ?? {};
    if (node.use === 'transform.code' || !hasExpressions(config)) return config;
    const sources = templateExpressions(config).map((expression) => expression.source);
    const lookups = sources.map((source) => lookupPath(scope, source));
    if (lookups.every((found) => found !== undefined)) {
      const values = new Map(sources.map((source, i) => [source, lookups[i]!.value]));
      return fillTemplate(config, (source) => values.get(source) ?? null);
    }
    const evaluation = await this.deps.sandbox.render(config, narrowScope(scope, sources), { signal });
    for (const entry of evaluation.logs) log(entry.level, entry.message);
    return evaluation.value;
  }

  /** Runs one attempt, aborting it after the node's timeout. */
  private async withTimeout<T>(
    node: StepNode,
    signal: AbortSignalLike,
    attempt: (signal: AbortSignalLike) => Promise<T>,
  ): Promise<T> {
    const controller = linkedAbort(signal);
    let handle: unknown;
    const aborted = new Promise<never>((_, reject) => {
      if (controller.signal.aborted) reject(controller.signal.reason);
      controller.signal.addEventListener('abort', () => reject(controller.signal.reason), { once: true });
    });
    if (node.timeout !== undefined) {
      const ms = node.timeout;
      handle = timers.setTimeout(
        () =>
          controller.abort(
            new WeftError('step_timeout', `step "${node.id}" timed out after ${ms} ms`, {
              fault: 'upstream',
              retryable: true,
              nodeId: node.id,
            }),
          ),
        ms,
      );
    }
    try {
      return await Promise.race([attempt(controller.signal), aborted]);
    } finally {
      if (handle !== undefined) timers.clearTimeout(handle);
      controller.dispose();
      aborted.catch(() => undefined);
    }
  }

  private async failed(
    node: StepNode,
    record: StepRecord,
    error: unknown,
    signal: AbortSignalLike,
    save: (patch: Partial<StepRecord>) => Promise<void>,
  ): Promise<{ output: JsonValue; port: string }> {
    const endedAt = this.deps.clock.now();
    if (signal.aborted && !(error instanceof WeftError && error.code === 'step_timeout')) {
      await save({ status: 'cancelled', error: { code: 'cancelled', message: 'stopped before it finished' }, endedAt });
      this.finished(record);
      throw error;
    }
    const info = error instanceof StepFailedError ? error.info : toErrorInfo(error);
    const policy = node.onError ?? 'fail';
    const port = policy === 'route' ? 'error' : policy === 'continue' ? 'success' : undefined;
    const output: JsonValue = { error: info as unknown as JsonValue };
    await save(
      port === undefined
        ? { status: 'failed', error: info, endedAt }
        : { status: 'failed', error: info, output, port, endedAt },
    );
    this.finished(record);
    if (port === undefined) throw new StepFailedError(node.id, info);
    return { output, port };
  }

  private finished(record: StepRecord): void {
    const event: RunEvent = {
      type: 'step.finished',
      runId: record.runId,
      key: record.key,
      nodeId: record.nodeId,
      status: record.status,
      attempt: record.attempt,
      durationMs: (record.endedAt ?? this.deps.clock.now()) - record.startedAt,
      at: this.deps.clock.now(),
    };
    if (record.port !== undefined) event.port = record.port;
    if (record.output !== undefined) event.output = record.output;
    if (record.error !== undefined) event.error = record.error;
    if (record.resumed) event.resumed = true;
    this.deps.emit(event);
  }
}

const PURE_KINDS = new Set(['transform.map', 'transform.code', 'if', 'switch', 'merge', 'respond', 'forEach']);

function hasEffects(node: StepNode): boolean {
  return !PURE_KINDS.has(node.use);
}

/** What a failed script printed before it failed (the sandbox attaches it to the error as `logs`). */
function logsOf(error: unknown): ScriptLog[] {
  const logs = (error as { logs?: unknown } | null)?.logs;
  return Array.isArray(logs)
    ? logs.filter((l): l is ScriptLog => typeof l?.message === 'string' && typeof l?.level === 'string')
    : [];
}

/** Errors say whether they are retryable; anything that does not say is assumed transient. */
function isRetryable(error: unknown): boolean {
  if (error instanceof StepFailedError) return error.info.retryable ?? false;
  const flag = (error as { retryable?: unknown } | null)?.retryable;
  return typeof flag === 'boolean' ? flag : true;
}
