// Subflow steps: the parent's step runs another flow as a child run, recorded in history like any run and linked
// to its parent (`parentRunId`). The parent's worker executes the child itself, inline, so a parent never waits
// for a queue slot its own children need. The child is named by the parent's step and attempt (`parentStep`): a
// parent resumed after a crash finds the child it started, takes its output when it finished, or resumes it from
// its journal when it did not — a child is never run twice for one attempt.
//
// What the parent gets: the child run's `output`, i.e. what the child's final step produced (an object keyed by
// step id when several branches end). Nesting is bounded by MAX_SUBFLOW_DEPTH, which also stops a flow that calls
// itself.
import {
  executeFlow,
  WeftError,
  type ActionResolver,
  type ErrorInfo,
  type FlowDefinition,
  type JsonValue,
  type MappingSandbox,
  type RunEvent,
  type SubflowCall,
  type SubflowRunner,
} from '@weft/core';
import type { RunRow, Store } from '@weft/store';

/** How deep subflows may nest: a top-level run's children are at depth 1. */
export const MAX_SUBFLOW_DEPTH = 10;

export interface ResolvedSubflow {
  flowId: string;
  /** The version the child run is pinned to. */
  flowVersion: number;
  definition: FlowDefinition;
}

/** Finds the flow a subflow step names; throws a user WeftError when there is none to run. */
export type SubflowResolver = (flowRef: string, call: SubflowCall) => Promise<ResolvedSubflow>;

export interface SubflowRunnerOptions {
  store: Store;
  sandbox: MappingSandbox;
  actions?: ActionResolver;
  /** Default: the flow with that id in the store, at its published version. */
  resolve?: SubflowResolver;
  onEvent?: (flowId: string, event: RunEvent) => void;
  maxDepth?: number;
  /** What one child run may hold of large lists, in bytes (default: the engine's). */
  memoryBudgetBytes?: number;
}

export function createSubflowRunner(options: SubflowRunnerOptions): SubflowRunner {
  const { store } = options;
  const resolve = options.resolve ?? publishedFlows(store);
  const maxDepth = options.maxDepth ?? MAX_SUBFLOW_DEPTH;

  const runner: SubflowRunner = {
    async run(flowRef, input, call) {
      const parentStep = `${call.stepKey}#${call.attempt}`;
      let child = call.resumed
        ? await latestChild(store, call)
        : await store.runs.findChild(call.parentRunId, parentStep);
      if (child && isFinal(child)) return outputOf(child, flowRef, call);
      let definition: FlowDefinition | undefined;
      const fresh = child === undefined;
      if (child) {
        definition = child.flowVersion === undefined ? undefined : await pinned(store, child.flowId, child.flowVersion);
        if (!definition) throw subflowError('subflow_not_found', `the flow of child run ${child.id} is gone`, call);
      } else {
        const depth = (await ancestors(store, call.parentRunId, maxDepth)) + 1;
        if (depth > maxDepth) {
          throw subflowError(
            'subflow_depth',
            `subflows nest at most ${maxDepth} deep; calling "${flowRef}" would be level ${depth} (does a flow call itself?)`,
            call,
          );
        }
        const resolved = await resolve(flowRef, call);
        definition = resolved.definition;
        child = await store.runs.create({
          flowId: resolved.flowId,
          flowVersion: resolved.flowVersion,
          triggerKind: 'subflow',
          input,
          parentRunId: call.parentRunId,
          parentStep,
        });
      }
      const started = child;
      const outcome = await executeFlow({
        flow: definition,
        runId: started.id,
        input: started.input ?? null,
        sandbox: options.sandbox,
        journal: store.journal,
        signal: call.signal,
        fresh,
        subflows: runner,
        ...(options.memoryBudgetBytes === undefined ? {} : { memoryBudgetBytes: options.memoryBudgetBytes }),
        ...(options.actions ? { actions: options.actions } : {}),
        ...(options.onEvent ? { onEvent: (event: RunEvent) => options.onEvent!(started.flowId, event) } : {}),
      });
      if (outcome.status === 'cancelled' && (await interruptedOnly(store, call))) {
        // The parent's process is stopping (or lost its lease): leave the child running; the resumed parent resumes it.
        throw call.signal.reason;
      }
      await store.runs.finish({
        runId: started.id,
        status: outcome.status,
        output: outcome.output,
        ...(outcome.error ? { error: outcome.error } : {}),
      });
      const finished = await store.runs.get(started.id);
      return outputOf(finished ?? started, flowRef, call);
    },
  };
  return runner;
}

/**
 * The child the step's latest attempt started. A resumed attempt has a new number (attempt n+1, marked resumed),
 * but the child it must take over was named by the attempt that was interrupted, or by an earlier one that was
 * itself resumed.
 */
async function latestChild(store: Store, call: SubflowCall): Promise<RunRow | undefined> {
  const prefix = `${call.stepKey}#`;
  let latest: { run: RunRow; attempt: number } | undefined;
  for (const run of await store.runs.listChildren(call.parentRunId)) {
    if (!run.parentStep?.startsWith(prefix)) continue;
    const attempt = Number(run.parentStep.slice(prefix.length));
    if (Number.isInteger(attempt) && (!latest || attempt > latest.attempt)) latest = { run, attempt };
  }
  return latest?.run;
}

/** The default resolver: a flow of the store by id, at its published version. */
export function publishedFlows(store: Store): SubflowResolver {
  return async (flowRef, call) => {
    const flow = await store.flows.get(flowRef);
    if (!flow) throw subflowError('subflow_not_found', `subflow: there is no flow with id "${flowRef}"`, call);
    const version = flow.activeVersion === undefined ? undefined : await pinned(store, flow.id, flow.activeVersion);
    if (!version || flow.activeVersion === undefined) {
      throw subflowError(
        'subflow_unpublished',
        `subflow: flow "${flowRef}" has no published version; publish it to call it from other flows`,
        call,
      );
    }
    return { flowId: flow.id, flowVersion: flow.activeVersion, definition: version };
  };
}

async function pinned(store: Store, flowId: string, version: number): Promise<FlowDefinition | undefined> {
  return (await store.flows.getVersion(flowId, version))?.definition;
}

/** How many runs are above this one (0 for a top-level run); stops counting past `limit`. */
async function ancestors(store: Store, runId: string, limit: number): Promise<number> {
  let count = 0;
  let current = await store.runs.get(runId);
  while (current?.parentRunId !== undefined && count <= limit) {
    count++;
    current = await store.runs.get(current.parentRunId);
  }
  return count;
}

function isFinal(run: RunRow): boolean {
  return run.status === 'succeeded' || run.status === 'failed' || run.status === 'cancelled';
}

/**
 * Whether the parent was merely interrupted (shutdown, lease lost) rather than stopped for good: its run is still
 * `running` and the abort did not come from the engine (a timeout or a failed sibling step are WeftErrors).
 */
async function interruptedOnly(store: Store, call: SubflowCall): Promise<boolean> {
  if (call.signal.reason instanceof WeftError) return false;
  if ((call.signal.reason as Error | undefined)?.message === 'cancelled') return false;
  return (await store.runs.get(call.parentRunId))?.status === 'running';
}

function outputOf(child: RunRow, flowRef: string, call: SubflowCall): JsonValue {
  if (child.status === 'succeeded') return child.output ?? null;
  const error: ErrorInfo = child.error ?? { code: 'cancelled', message: 'the child run was cancelled' };
  // A subflow error raised deeper down (depth, missing flow, a failed grandchild) already says what went wrong.
  if (error.code.startsWith('subflow_')) {
    throw subflowError(error.code, error.message, call, { childRunId: child.id }, error.retryable);
  }
  throw subflowError(
    'subflow_failed',
    `flow "${flowRef}" ${child.status} in run ${child.id}: ${error.message}`,
    call,
    { childRunId: child.id, childError: error.code },
    error.retryable,
  );
}

function subflowError(
  code: string,
  message: string,
  call: SubflowCall,
  details?: Record<string, string>,
  retryable = false,
): WeftError {
  return new WeftError(code, message, {
    fault: 'user',
    retryable,
    nodeId: call.nodeId,
    ...(details ? { details } : {}),
  });
}
