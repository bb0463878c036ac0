// The execution engine: walks a flow graph, persists each step before moving on, resumes from the journal.
// Nodes wait until all their incoming edges are decided; a node runs when at least one incoming edge was
// taken and is skipped otherwise (dead branches propagate). forEach bodies run as nested frames per item.
import { linkedAbort, type AbortSignalLike } from './abort.js';
import { systemClock } from './clock.js';
import { toErrorInfo, type ErrorInfo } from './errors.js';
import { portOf, type Edge, type FlowDefinition } from './flow.js';
import { buildGraph, forwardEdges, type FlowGraph } from './graph.js';
import type { JsonObject, JsonValue } from './json.js';
import { runNodeKind, type NodeRunContext } from './node-kinds.js';
import type {
  ActionResolver,
  Clock,
  HttpResponseSpec,
  MappingSandbox,
  RunEvent,
  RunJournal,
  StepRecord,
  SubflowRunner,
} from './ports.js';
import { StepRunner, StepFailedError } from './step-runner.js';

export interface ExecuteOptions {
  flow: FlowDefinition;
  runId: string;
  /** The trigger's event: what mappings read as `trigger`. */
  input: JsonValue;
  sandbox: MappingSandbox;
  journal: RunJournal;
  actions?: ActionResolver;
  subflows?: SubflowRunner;
  clock?: Clock;
  /** Source of randomness for retry jitter, [0, 1). */
  random?: () => number;
  signal?: AbortSignalLike;
  onEvent?: (event: RunEvent) => void;
  /** Outputs of steps that are not part of this execution (testing one step with supplied upstream data). */
  seed?: Record<string, JsonValue>;
  /** The run was just created and nothing was journaled for it yet: skip loading the journal. */
  fresh?: boolean;
}

export interface RunOutcome {
  status: 'succeeded' | 'failed' | 'cancelled';
  output: JsonValue;
  error?: ErrorInfo & { nodeId?: string };
  response?: HttpResponseSpec;
}

interface Frame {
  prefix: string;
  members: Set<string>;
  entries: string[];
  visible: Record<string, JsonValue>;
  item?: JsonValue;
  index?: number;
  /** Ids of nodes that ran (not skipped) in this frame, with the port they took. */
  taken: Map<string, string>;
}

export async function executeFlow(options: ExecuteOptions): Promise<RunOutcome> {
  const execution = new Execution(options);
  return execution.run();
}

class Execution {
  private readonly graph: FlowGraph;
  private readonly clock: Clock;
  private readonly records = new Map<string, StepRecord>();
  private readonly steps: StepRunner;
  private response: HttpResponseSpec | undefined;

  constructor(private readonly options: ExecuteOptions) {
    this.graph = buildGraph(options.flow);
    this.clock = options.clock ?? systemClock;
    this.steps = new StepRunner({
      runId: options.runId,
      journal: options.journal,
      clock: this.clock,
      random: options.random ?? Math.random,
      emit: (event) => options.onEvent?.(event),
      sandbox: options.sandbox,
      runKind: (context) => this.runKind(context),
    });
  }

  async run(): Promise<RunOutcome> {
    const { runId, signal } = this.options;
    const startedAt = this.clock.now();
    this.options.onEvent?.({ type: 'run.started', runId, at: startedAt });
    if (!this.options.fresh) {
      for (const record of await this.options.journal.loadSteps(runId)) this.records.set(record.key, record);
    }
    const top: Frame = {
      prefix: '',
      members: new Set([...this.graph.nodes.keys()].filter((id) => !this.graph.loopOf.has(id))),
      entries: [this.graph.triggerId],
      visible: { ...this.options.seed },
      taken: new Map(),
    };
    const outcome = await this.runFrame(top, signal).then(
      (): RunOutcome => ({ status: 'succeeded', output: this.frameOutput(top) }),
      (error: unknown): RunOutcome => this.failure(error, signal),
    );
    if (this.response) outcome.response = this.response;
    const finished: RunEvent = {
      type: 'run.finished',
      runId,
      status: outcome.status,
      durationMs: this.clock.now() - startedAt,
      at: this.clock.now(),
    };
    if (outcome.error) finished.error = outcome.error;
    this.options.onEvent?.(finished);
    return outcome;
  }

  private failure(error: unknown, signal: AbortSignalLike | undefined): RunOutcome {
    if (signal?.aborted) {
      return { status: 'cancelled', output: null, error: { code: 'cancelled', message: 'the run was cancelled' } };
    }
    if (error instanceof StepFailedError)
      return { status: 'failed', output: null, error: { ...error.info, nodeId: error.nodeId } };
    return { status: 'failed', output: null, error: toErrorInfo(error) };
  }

  /** Runs the members of a frame to completion; rejects with the first failure after in-flight steps settle. */
  private runFrame(frame: Frame, parentSignal: AbortSignalLike | undefined): Promise<void> {
    const abort = linkedAbort(parentSignal);
    const pending = new Map<string, number>();
    const activated = new Set(frame.entries);
    for (const id of frame.members) {
      const incoming = (this.graph.incoming.get(id) ?? []).filter(
        (e) => frame.members.has(e.from) && this.isFrameEdge(e.from, e),
      );
      pending.set(id, incoming.length);
    }
    return new Promise<void>((resolve, reject) => {
      let active = 0;
      let firstError: unknown;
      const finishIfIdle = () => {
        if (active > 0) return;
        abort.dispose();
        if (firstError !== undefined) reject(firstError);
        else resolve();
      };
      const settle = (id: string, port: string | undefined) => {
        for (const edge of forwardEdges(this.graph, id)) {
          if (!frame.members.has(edge.to) || !this.isFrameEdge(id, edge)) continue;
          if (port !== undefined && portOf(edge) === port) activated.add(edge.to);
          const left = pending.get(edge.to)! - 1;
          pending.set(edge.to, left);
          if (left === 0) schedule(edge.to);
        }
      };
      const schedule = (id: string) => {
        if (firstError !== undefined) return;
        if (!activated.has(id)) {
          active++;
          this.skip(frame, id).then(
            () => {
              active--;
              settle(id, undefined);
              finishIfIdle();
            },
            (error: unknown) => fail(error),
          );
          return;
        }
        active++;
        this.runNode(frame, id, abort.signal).then(
          (port) => {
            active--;
            frame.taken.set(id, port);
            if (firstError === undefined) settle(id, port);
            finishIfIdle();
          },
          (error: unknown) => fail(error),
        );
      };
      const fail = (error: unknown) => {
        active--;
        if (firstError === undefined) {
          firstError = error;
          abort.abort(error);
        }
        finishIfIdle();
      };
      for (const id of frame.members) if (pending.get(id) === 0) schedule(id);
      finishIfIdle();
    });
  }

  /** The `each` edges of a forEach lead into its body, which runs in its own frame. */
  private isFrameEdge(from: string, edge: Edge): boolean {
    return !(this.graph.bodies.has(from) && portOf(edge) === 'each');
  }

  private async skip(frame: Frame, id: string): Promise<void> {
    const key = frame.prefix + id;
    if (this.records.get(key)?.status === 'skipped') return;
    const now = this.clock.now();
    await this.options.journal.saveStep({
      runId: this.options.runId,
      key,
      nodeId: id,
      status: 'skipped',
      attempt: 0,
      startedAt: now,
      endedAt: now,
    });
    this.options.onEvent?.({
      type: 'step.finished',
      runId: this.options.runId,
      key,
      nodeId: id,
      status: 'skipped',
      attempt: 0,
      durationMs: 0,
      at: now,
    });
  }

  private async runNode(frame: Frame, id: string, signal: AbortSignalLike): Promise<string> {
    const key = frame.prefix + id;
    const previous = this.records.get(key);
    if (previous && previous.port !== undefined && (previous.status === 'succeeded' || previous.status === 'failed')) {
      frame.visible[id] = previous.output ?? null;
      return previous.port;
    }
    if (id === this.graph.triggerId) {
      const now = this.clock.now();
      const input = this.options.input;
      await this.options.journal.saveStep({
        runId: this.options.runId,
        key,
        nodeId: id,
        status: 'succeeded',
        attempt: 1,
        output: input,
        port: 'success',
        startedAt: now,
        endedAt: now,
      });
      frame.visible[id] = input;
      return 'success';
    }
    const node = this.graph.steps.get(id)!;
    const scope: NodeRunContext['scope'] = { trigger: this.options.input, steps: frame.visible };
    if (frame.item !== undefined) scope.item = frame.item;
    if (frame.index !== undefined) scope.index = frame.index;
    const result = await this.steps.run({ node, key, scope, previous, signal });
    frame.visible[id] = result.output;
    return result.port;
  }

  private runKind(context: NodeRunContext) {
    return runNodeKind(context, {
      sandbox: this.options.sandbox,
      actions: this.options.actions,
      subflows: this.options.subflows,
      clock: this.clock,
      respond: (response) => {
        this.response ??= response;
        this.options.onEvent?.({ type: 'response', runId: this.options.runId, response, at: this.clock.now() });
      },
      runLoop: (ctx, items, concurrency) => this.runLoop(ctx, items, concurrency),
      mergeInputs: (ctx) => this.mergeInputs(ctx),
    });
  }

  private mergeInputs(context: NodeRunContext): JsonObject {
    const merged: JsonObject = {};
    for (const edge of this.graph.incoming.get(context.node.id) ?? []) {
      const value = context.scope.steps[edge.from];
      if (value !== undefined) merged[edge.from] = value;
    }
    return merged;
  }

  private async runLoop(context: NodeRunContext, items: JsonValue[], concurrency: number): Promise<JsonValue[]> {
    const loopId = context.node.id;
    const members = new Set([...this.graph.loopOf].filter(([, loop]) => loop === loopId).map(([id]) => id));
    const entries = (this.graph.outgoing.get(loopId) ?? []).filter((e) => portOf(e) === 'each').map((e) => e.to);
    const sinks = [...members].filter((id) => !forwardEdges(this.graph, id).some((e) => members.has(e.to)));
    const results: JsonValue[] = new Array<JsonValue>(items.length);
    const abort = linkedAbort(context.signal);
    let next = 0;
    const worker = async () => {
      while (next < items.length && !abort.signal.aborted) {
        const index = next++;
        const frame: Frame = {
          prefix: `${context.key}[${index}]/`,
          members,
          entries,
          visible: { ...context.scope.steps },
          item: items[index]!,
          index,
          taken: new Map(),
        };
        try {
          await this.runFrame(frame, abort.signal);
        } catch (error) {
          abort.abort(error);
          throw error;
        }
        results[index] = members.size ? this.pickOutputs(frame, sinks) : items[index]!;
      }
    };
    try {
      await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, worker));
    } finally {
      abort.dispose();
    }
    return results;
  }

  private pickOutputs(frame: Frame, ids: string[]): JsonValue {
    const ran = ids.filter((id) => frame.taken.has(id));
    if (ran.length === 1) return frame.visible[ran[0]!] ?? null;
    return Object.fromEntries(ran.map((id) => [id, frame.visible[id] ?? null]));
  }

  /** The run's output: what its final steps produced. */
  private frameOutput(frame: Frame): JsonValue {
    const sinks = [...frame.members].filter((id) => !forwardEdges(this.graph, id).some((e) => frame.members.has(e.to)));
    return this.pickOutputs(frame, sinks);
  }
}
