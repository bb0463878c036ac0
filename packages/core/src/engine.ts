// The execution engine: walks a flow graph, persists each step before moving on, resumes from the journal.
// Nodes wait until all their incoming edges are decided; a node runs when at least one incoming edge was
// taken and is skipped otherwise (dead branches propagate). forEach bodies run as nested frames per item; a forEach
// over more than a page of items streams them (paged-list.ts): its outputs go out in pages as iterations finish, and
// steps that read the list get it materialised within the run's memory budget.
import { linkedAbort, type AbortSignalLike } from './abort.js';
import { systemClock } from './clock.js';
import { toErrorInfo, type ErrorInfo } from './errors.js';
import { portOf, type Edge, type FlowDefinition } from './flow.js';
import { buildGraph, forwardEdges, type FlowGraph } from './graph.js';
import type { JsonObject, JsonValue } from './json.js';
import { LoopOutputs, writeList } from './loop-outputs.js';
import { runNodeKind, type LoopResult, type NodeRunContext } from './node-kinds.js';
import {
  DEFAULT_RUN_MEMORY_BUDGET_BYTES,
  LIST_PAGE_SIZE,
  isPagedList,
  materialise,
  memoryPages,
  readPage,
  MemoryBudget,
  type PageStore,
  type PagedList,
} from './paged-list.js';
import { stepsRead } from './scope.js';
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
  /** What the run may hold of large lists at once, in bytes (default DEFAULT_RUN_MEMORY_BUDGET_BYTES). */
  memoryBudgetBytes?: number;
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
  private readonly budget: MemoryBudget;
  private readonly pages: PageStore;
  /** Per node: the steps it reads (undefined: any), beside the one a forEach streams its items from. */
  private readonly reads = new Map<string, { ids: string[] | undefined; streamed?: string }>();

  constructor(private readonly options: ExecuteOptions) {
    this.graph = buildGraph(options.flow);
    this.clock = options.clock ?? systemClock;
    this.budget = new MemoryBudget(options.memoryBudgetBytes ?? DEFAULT_RUN_MEMORY_BUDGET_BYTES);
    const { journal, runId } = options;
    this.pages =
      journal.writeListPage && journal.readListPage
        ? {
            write: (slot, page, text) => journal.writeListPage!(runId, slot, page, text),
            read: (slot, page) => journal.readListPage!(runId, slot, page),
          }
        : memoryPages();
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
    const outcome = await this.runFrame(top, signal)
      .then(async (): Promise<RunOutcome> => ({ status: 'succeeded', output: await this.frameOutput(top) }))
      .catch((error: unknown): RunOutcome => this.failure(error, signal));
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
    let held = 0;
    const scope = async (): Promise<NodeRunContext['scope']> => {
      const readable = await this.readable(id, frame.visible);
      held = readable.bytes;
      const scope: NodeRunContext['scope'] = { trigger: this.options.input, steps: readable.steps };
      if (frame.item !== undefined) scope.item = frame.item;
      if (frame.index !== undefined) scope.index = frame.index;
      return scope;
    };
    try {
      const result = await this.steps.run({ node, key, scope, previous, signal });
      frame.visible[id] = result.output;
      return result.port;
    } finally {
      this.budget.give(held);
    }
  }

  /**
   * The steps a node sees: paged lists it reads materialised (held against the budget until it is done), except
   * the one a forEach iterates, which it reads a page at a time. Without paged lists to read, `visible` itself.
   */
  private async readable(id: string, visible: Record<string, JsonValue>) {
    const { ids, streamed } = this.readsOf(id);
    let steps = visible;
    let bytes = 0;
    try {
      for (const read of ids ?? Object.keys(visible)) {
        const value = visible[read];
        if (read === streamed || !isPagedList(value)) continue;
        if (steps === visible) steps = { ...visible };
        const whole = await materialise(this.pages, value, this.budget, `output of "${read}" (${value.length} items)`);
        bytes += whole.bytes;
        steps[read] = whole.value;
      }
    } catch (error) {
      this.budget.give(bytes);
      throw error;
    }
    return { steps, bytes };
  }

  private readsOf(id: string): { ids: string[] | undefined; streamed?: string } {
    let reads = this.reads.get(id);
    if (reads) return reads;
    const node = this.graph.steps.get(id)!;
    const { items, ...rest } = node.config ?? {};
    const streamed =
      node.use === 'forEach' && typeof items === 'string'
        ? /^\{\{\s*steps\.([A-Za-z_$][\w$]*)\s*\}\}$/.exec(items)?.[1]
        : undefined;
    let ids = stepsRead([JSON.stringify(streamed === undefined ? (node.config ?? {}) : rest)]);
    if (node.use === 'merge' && ids) ids = [...ids, ...(this.graph.incoming.get(id) ?? []).map((e) => e.from)];
    reads = streamed === undefined ? { ids } : { ids, streamed };
    this.reads.set(id, reads);
    return reads;
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

  /**
   * Runs the body once per item. Up to a page of items, the outputs come back as an array; beyond, items held in
   * memory are written out once (the step journals the marker instead) and outputs are written a page at a time
   * as iterations finish, so the loop's output is a paged list.
   */
  private async runLoop(
    context: NodeRunContext,
    items: JsonValue[] | PagedList,
    concurrency: number,
  ): Promise<LoopResult> {
    const loopId = context.node.id;
    const members = new Set([...this.graph.loopOf].filter(([, loop]) => loop === loopId).map(([id]) => id));
    const entries = (this.graph.outgoing.get(loopId) ?? []).filter((e) => portOf(e) === 'each').map((e) => e.to);
    const sinks = [...members].filter((id) => !forwardEdges(this.graph, id).some((e) => members.has(e.to)));
    const length = items.length;
    const list = isPagedList(items) ? items : undefined;
    const array = list ? [] : (items as JsonValue[]);
    const paged = list !== undefined || length > LIST_PAGE_SIZE;
    const itemsList =
      paged && !list ? await writeList(this.pages, this.budget, `step:${context.key}:items`, array, loopId) : undefined;
    const itemAt = list ? this.pagedItems(list, loopId) : (index: number) => array[index]!;
    const outputs = paged
      ? new LoopOutputs(this.pages, this.budget, `step:${context.key}:list`, length, loopId)
      : undefined;
    const results: JsonValue[] = paged ? [] : new Array<JsonValue>(length);
    const abort = linkedAbort(context.signal);
    let next = 0;
    const worker = async () => {
      while (next < length && !abort.signal.aborted) {
        const index = next++;
        try {
          const item = await itemAt(index);
          const frame: Frame = {
            prefix: `${context.key}[${index}]/`,
            members,
            entries,
            visible: { ...context.scope.steps },
            item,
            index,
            taken: new Map(),
          };
          await this.runFrame(frame, abort.signal);
          const value = members.size ? await this.plain(this.pickOutputs(frame, sinks)) : item;
          if (outputs) await outputs.add(index, value);
          else results[index] = value;
        } catch (error) {
          abort.abort(error);
          throw error;
        }
      }
    };
    try {
      await Promise.all(Array.from({ length: Math.min(concurrency, length) }, worker));
    } finally {
      abort.dispose();
    }
    if (!outputs) return { output: results };
    return itemsList ? { output: outputs.list(), items: itemsList } : { output: outputs.list() };
  }

  /** Items of a paged list by index, a page read at a time and released once all its items were handed out. */
  private pagedItems(list: PagedList, loopId: string): (index: number) => Promise<JsonValue> {
    const open = new Map<number, { page: ReturnType<typeof readPage>; left: number }>();
    return async (index) => {
      const n = Math.floor(index / list.pageSize);
      let entry = open.get(n);
      if (!entry) {
        const page = readPage(this.pages, list, n).then((read) => {
          this.budget.take(read.bytes, `page ${n} of the items of "${loopId}"`);
          return read;
        });
        entry = { page, left: Math.min(list.pageSize, list.length - n * list.pageSize) };
        open.set(n, entry);
      }
      const read = await entry.page;
      if (--entry.left === 0) {
        open.delete(n);
        this.budget.give(read.bytes);
      }
      return read.items[index - n * list.pageSize]!;
    };
  }

  /** A value with the paged lists in it (a nested loop's output) materialised, for a page or the run's output. */
  private async plain(value: JsonValue): Promise<JsonValue> {
    const whole = async (list: PagedList) => {
      const read = await materialise(this.pages, list, this.budget, `output of a loop (${list.length} items)`);
      this.budget.give(read.bytes);
      return read.value;
    };
    if (isPagedList(value)) return whole(value);
    if (!value || typeof value !== 'object' || Array.isArray(value)) return value;
    if (!Object.values(value).some(isPagedList)) return value;
    const out: JsonObject = {};
    for (const [key, entry] of Object.entries(value)) out[key] = isPagedList(entry) ? await whole(entry) : entry;
    return out;
  }

  private pickOutputs(frame: Frame, ids: string[]): JsonValue {
    const ran = ids.filter((id) => frame.taken.has(id));
    if (ran.length === 1) return frame.visible[ran[0]!] ?? null;
    return Object.fromEntries(ran.map((id) => [id, frame.visible[id] ?? null]));
  }

  /** The run's output: what its final steps produced (a paged list among them materialised). */
  private frameOutput(frame: Frame): Promise<JsonValue> {
    const sinks = [...frame.members].filter((id) => !forwardEdges(this.graph, id).some((e) => frame.members.has(e.to)));
    return this.plain(this.pickOutputs(frame, sinks));
  }
}
