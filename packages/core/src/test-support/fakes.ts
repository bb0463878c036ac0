// Test doubles for engine tests: a minimal evaluator (tests only; the real one is @weft/sandbox), an in-memory
// journal, and a fake clock that records sleeps instead of waiting.
import { fillTemplate } from '../template.js';
import type { JsonValue } from '../json.js';
import type { AbortSignalLike } from '../abort.js';
import type { FlowDefinition } from '../flow.js';
import type { ActionHandler, Clock, LogRecord, MappingSandbox, RunJournal, Scope, StepRecord } from '../ports.js';

const copy = (value: unknown): JsonValue =>
  value === undefined ? null : (JSON.parse(JSON.stringify(value)) as JsonValue);

function evaluate(source: string, scope: Scope): JsonValue {
  const fn = new Function('trigger', 'steps', 'item', 'index', `return (${source});`) as (
    ...args: unknown[]
  ) => unknown;
  return copy(fn(scope.trigger, scope.steps, scope.item, scope.index));
}

export const testSandbox: MappingSandbox = {
  async render(template, scope) {
    return { value: fillTemplate(template, (source) => evaluate(source, scope)), logs: [] };
  },
  async runCode(code, scope) {
    const logs: { level: 'info'; message: string }[] = [];
    const console = { log: (...args: unknown[]) => logs.push({ level: 'info', message: args.join(' ') }) };
    const fn = new Function('trigger', 'steps', 'item', 'index', 'console', code) as (...args: unknown[]) => unknown;
    return { value: copy(await fn(scope.trigger, scope.steps, scope.item, scope.index, console)), logs };
  },
};

export class MemoryJournal implements RunJournal {
  readonly steps = new Map<string, StepRecord>();
  readonly history: StepRecord[] = [];
  readonly logs: LogRecord[] = [];

  async loadSteps(runId: string): Promise<StepRecord[]> {
    return [...this.steps.values()].filter((s) => s.runId === runId).map((s) => ({ ...s }));
  }
  async saveStep(record: StepRecord): Promise<void> {
    this.steps.set(`${record.runId}|${record.key}`, { ...record });
    this.history.push({ ...record });
  }
  async appendLog(record: LogRecord): Promise<void> {
    this.logs.push(record);
  }
  get(runId: string, key: string): StepRecord | undefined {
    return this.steps.get(`${runId}|${key}`);
  }
}

export class FakeClock implements Clock {
  readonly sleeps: number[] = [];
  constructor(public time = Date.UTC(2026, 0, 1)) {}
  now(): number {
    return this.time;
  }
  async sleep(ms: number, signal?: AbortSignalLike): Promise<void> {
    if (signal?.aborted) throw signal.reason;
    this.sleeps.push(ms);
    this.time += ms;
  }
}

/** Deterministic [0, 1) sequence (mulberry32). */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The journal record of a step of run `r1` that succeeded on its first attempt, as saved before a crash. */
export function succeededStep(key: string, output: JsonValue = {}, endedAt = 1): StepRecord {
  return {
    runId: 'r1',
    key,
    nodeId: key,
    status: 'succeeded',
    attempt: 1,
    output,
    port: 'success',
    startedAt: 1,
    endedAt,
  };
}

/** What every engine test run shares: run `r1` with no input, the test sandbox, and one action `api@1.call`. */
export function callRun(flow: FlowDefinition, journal: MemoryJournal, handler: ActionHandler) {
  return {
    flow,
    runId: 'r1',
    input: {},
    sandbox: testSandbox,
    journal,
    actions: { resolve: (use: string) => (use === 'api@1.call' ? handler : undefined) },
  };
}
