// Runtime seams of the engine: a handful of small interfaces that other packages implement.
import type { ErrorInfo } from './errors.js';
import type { AbortSignalLike } from './abort.js';
import type { JsonObject, JsonValue } from './json.js';

/** What a mapping or code step can read. */
export interface Scope {
  trigger: JsonValue;
  steps: Record<string, JsonValue>;
  item?: JsonValue;
  index?: number;
}

export interface ScriptLog {
  level: 'debug' | 'info' | 'warn' | 'error';
  message: string;
}

export interface Evaluation {
  value: JsonValue;
  logs: ScriptLog[];
}

export interface EvaluateOptions {
  signal?: AbortSignalLike;
}

/** Evaluates user mappings. Implemented with isolated-vm by @weft/sandbox. */
export interface MappingSandbox {
  /** Resolves every `{{ }}` expression inside a JSON template (see template.ts for the rules). */
  render(template: JsonValue, scope: Scope, options?: EvaluateOptions): Promise<Evaluation>;
  /** Runs a code step: a function body receiving `{ trigger, steps, item, index }` and returning JSON. */
  runCode(code: string, scope: Scope, options?: EvaluateOptions): Promise<Evaluation>;
}

/** Reports syntax errors of an expression or code body without running it. */
export interface SyntaxChecker {
  check(
    source: string,
    form: 'expression' | 'code',
  ): Promise<{ message: string; line?: number; column?: number } | undefined>;
}

export interface Clock {
  now(): number;
  /** Resolves after `ms`; rejects with the signal's reason when aborted. */
  sleep(ms: number, signal?: AbortSignalLike): Promise<void>;
}

export interface ActionContext {
  runId: string;
  nodeId: string;
  /** The node's config after mappings were resolved. */
  input: JsonObject;
  credentialId: string | undefined;
  /** Stable for this step across retries and resumes: pass it to APIs that accept idempotency keys. */
  idempotencyKey: string;
  /**
   * False when the step opted out (`"idempotencyKey": false` in the flow): connectors send no idempotency header
   * with its write requests. The key itself stays available to connector code. Default true.
   */
  sendIdempotencyKey?: boolean;
  attempt: number;
  /**
   * The step's attempt budget (its `retry.attempts`, 1 without a policy). Above 1 the step owns the retries and
   * a connector's HTTP client makes one request per attempt, so the two layers never multiply.
   */
  stepAttempts?: number;
  signal: AbortSignalLike;
  log(level: ScriptLog['level'], message: string): void;
}

export type ActionHandler = (context: ActionContext) => Promise<JsonValue>;

/** Resolves `connector@major.action` to something that runs it. */
export interface ActionResolver {
  resolve(use: string): ActionHandler | undefined;
}

/** What publishing checks about one node's connector: its settings, what it outputs, its connection. */
export interface NodeSpec {
  /** JSON Schema (draft-07) of the node's config: an action's input, a trigger's config. */
  config?: JsonObject;
  /** JSON Schema of what the node outputs (an action's result, a trigger's event), when declared. */
  output?: JsonObject;
  /** Set when the node cannot run without a connection; says what to connect, in words ("a Slack account"). */
  connection?: string;
  /** What to do about a missing connection, when not "choose or add a connection" (a signing secret is typed in). */
  connectionHint?: string;
}

/** What validation may ask about installed connectors. */
export interface ConnectorCatalog {
  hasAction(use: string): boolean;
  hasTrigger(connector: string, trigger: string): boolean;
  /** The spec of a connector action step (undefined: unknown, nothing more is checked). */
  describeAction?(step: { use: string; config?: JsonObject }): NodeSpec | undefined;
  /** The spec of a trigger; its config may decide whether it needs a connection (a signed webhook). */
  describeTrigger?(trigger: { connector: string; trigger: string; config?: JsonObject }): NodeSpec | undefined;
}

export type StepStatus = 'running' | 'succeeded' | 'failed' | 'skipped' | 'cancelled';

/** One step (node execution) as persisted. `key` is unique within the run (`loop[3]/fetch` inside loops). */
export interface StepRecord {
  runId: string;
  key: string;
  nodeId: string;
  status: StepStatus;
  attempt: number;
  input?: JsonValue;
  output?: JsonValue;
  error?: ErrorInfo;
  /** The port followed when the step finished (`success`, `error`, `true`, `case:x`, ...). */
  port?: string;
  startedAt: number;
  endedAt?: number;
  /** This attempt resumed one that was interrupted (its worker died or stopped mid-step). */
  resumed?: boolean;
}

export interface LogRecord {
  runId: string;
  stepKey?: string;
  level: ScriptLog['level'];
  message: string;
  at: number;
}

/** Durable memory of a run: the engine writes each step before moving on and reads them back to resume. */
export interface RunJournal {
  loadSteps(runId: string): Promise<StepRecord[]>;
  saveStep(record: StepRecord): Promise<void>;
  appendLog(record: LogRecord): Promise<void>;
  /**
   * Pages of the run's large lists (a forEach's items and outputs, see paged-list.ts), as JSON text: written once
   * each, read back a page at a time. A journal without them has the engine keep the pages in memory.
   */
  writeListPage?(runId: string, slot: string, page: number, text: string): Promise<void>;
  readListPage?(runId: string, slot: string, page: number): Promise<string | undefined>;
}

export interface SubflowCall {
  parentRunId: string;
  /** The subflow step's key in the parent run (`call`, or `loop[2]/call` inside a forEach). */
  stepKey: string;
  nodeId: string;
  /** The step's attempt: with the run and step key it names the child run it starts. */
  attempt: number;
  /**
   * This attempt resumes one that was in flight when the parent stopped: the child that attempt started (the
   * step's latest child) is taken over instead of starting another.
   */
  resumed?: boolean;
  signal: AbortSignalLike;
}

export interface SubflowRunner {
  /** Runs another flow to completion with the given trigger input and returns its output. */
  run(flowRef: string, input: JsonValue, call: SubflowCall): Promise<JsonValue>;
}

export interface HttpResponseSpec {
  status: number;
  headers: Record<string, string>;
  body: JsonValue;
}

export type RunEvent =
  | { type: 'run.started'; runId: string; at: number }
  | { type: 'step.started'; runId: string; key: string; nodeId: string; attempt: number; at: number }
  /** A step that was in flight when its run stopped runs again as `attempt`, recorded as resumed. */
  | {
      type: 'step.resumed';
      runId: string;
      key: string;
      nodeId: string;
      attempt: number;
      previousAttempt: number;
      at: number;
    }
  | {
      type: 'step.finished';
      runId: string;
      key: string;
      nodeId: string;
      status: StepStatus;
      attempt: number;
      durationMs: number;
      port?: string;
      output?: JsonValue;
      error?: ErrorInfo;
      /** This attempt resumed an interrupted one. */
      resumed?: boolean;
      at: number;
    }
  | { type: 'log'; runId: string; stepKey?: string; level: ScriptLog['level']; message: string; at: number }
  | { type: 'response'; runId: string; response: HttpResponseSpec; at: number }
  | { type: 'run.finished'; runId: string; status: RunStatus; error?: ErrorInfo; durationMs: number; at: number };

export type RunStatus = 'queued' | 'running' | 'succeeded' | 'failed' | 'cancelled';
