// What each kind of node does once its input is resolved: control nodes, transforms and connector actions.
import { WeftError } from './errors.js';
import type { StepNode } from './flow.js';
import type { JsonObject, JsonValue } from './json.js';
import type { AbortSignalLike } from './abort.js';
import { isPagedList, type PagedList } from './paged-list.js';
import { narrowScope } from './scope.js';
import type {
  ActionResolver,
  Clock,
  HttpResponseSpec,
  MappingSandbox,
  Scope,
  ScriptLog,
  SubflowRunner,
} from './ports.js';

export interface NodeRunContext {
  runId: string;
  node: StepNode;
  key: string;
  /** The node's config with mappings resolved (`transform.code` gets its config as written). */
  input: JsonValue;
  scope: Scope;
  attempt: number;
  /** This attempt resumes one that was in flight when the run stopped (not a retry after a failure). */
  resumed: boolean;
  idempotencyKey: string;
  /** When the step first started (kept across resumes, so delays are durable). */
  startedAt: number;
  signal: AbortSignalLike;
  log(level: ScriptLog['level'], message: string): void;
}

export interface NodeResult {
  output: JsonValue;
  port: string;
  /** The input as journaled, when the node made it smaller (a forEach's items written out in pages). */
  input?: JsonValue;
}

/** A forEach's outputs (an array, or a paged list beyond a page) and its items, when it wrote them out. */
export interface LoopResult {
  output: JsonValue;
  items?: PagedList & JsonObject;
}

export interface NodeKindDeps {
  sandbox: MappingSandbox;
  actions: ActionResolver | undefined;
  subflows: SubflowRunner | undefined;
  clock: Clock;
  respond(response: HttpResponseSpec): void;
  /** Runs a forEach body for every item; returns one result per item. */
  runLoop(context: NodeRunContext, items: JsonValue[] | PagedList, concurrency: number): Promise<LoopResult>;
  /** Outputs of the node's active predecessors, for `merge`. */
  mergeInputs(context: NodeRunContext): JsonObject;
}

const asObject = (value: JsonValue): JsonObject =>
  value && typeof value === 'object' && !Array.isArray(value) ? value : {};

function userError(code: string, message: string, nodeId: string): WeftError {
  return new WeftError(code, message, { fault: 'user', nodeId });
}

export async function runNodeKind(context: NodeRunContext, deps: NodeKindDeps): Promise<NodeResult> {
  const { node } = context;
  const config = asObject(context.input);
  switch (node.use) {
    case 'transform.map':
      return { output: context.input, port: 'success' };
    case 'transform.code': {
      const code = typeof config.code === 'string' ? config.code : '';
      const result = await deps.sandbox.runCode(code, narrowScope(context.scope, [code]), { signal: context.signal });
      for (const entry of result.logs) context.log(entry.level, entry.message);
      return { output: result.value, port: 'success' };
    }
    case 'if': {
      const result = Boolean(config.condition);
      return { output: { result }, port: result ? 'true' : 'false' };
    }
    case 'switch': {
      const cases = Array.isArray(config.cases) ? config.cases.map(asObject) : [];
      const match = cases.find((c) => Boolean(c.when));
      return match
        ? { output: { case: String(match.name) }, port: `case:${String(match.name)}` }
        : { output: { case: null }, port: 'default' };
    }
    case 'forEach': {
      const items = config.items;
      if (!Array.isArray(items) && !isPagedList(items)) {
        throw userError(
          'loop_items',
          `forEach "${node.id}" needs a list in "items", got ${describe(config.items)}`,
          node.id,
        );
      }
      const concurrency = typeof config.concurrency === 'number' ? Math.max(1, Math.floor(config.concurrency)) : 1;
      const loop = await deps.runLoop(context, items, concurrency);
      return loop.items
        ? { output: loop.output, port: 'done', input: { ...config, items: loop.items } }
        : { output: loop.output, port: 'done' };
    }
    case 'merge':
      return { output: deps.mergeInputs(context), port: 'success' };
    case 'delay': {
      const target = delayTarget(config, context.startedAt, node.id);
      const wait = Math.max(0, target - deps.clock.now());
      if (wait > 0) await deps.clock.sleep(wait, context.signal);
      return { output: { waitedUntil: new Date(target).toISOString() }, port: 'success' };
    }
    case 'respond': {
      const response: HttpResponseSpec = {
        status: typeof config.status === 'number' ? config.status : 200,
        headers: Object.fromEntries(Object.entries(asObject(config.headers ?? {})).map(([k, v]) => [k, String(v)])),
        body: config.body ?? null,
      };
      if (response.status < 100 || response.status > 599) {
        throw userError(
          'respond_status',
          `respond "${node.id}" has an invalid HTTP status ${response.status}`,
          node.id,
        );
      }
      deps.respond(response);
      return { output: response as unknown as JsonObject, port: 'success' };
    }
    case 'subflow': {
      if (!deps.subflows) throw new WeftError('subflow_unavailable', 'subflows are not available in this runtime');
      const output = await deps.subflows.run(String(config.flow), config.input ?? null, {
        parentRunId: context.runId,
        stepKey: context.key,
        nodeId: node.id,
        attempt: context.attempt,
        resumed: context.resumed,
        signal: context.signal,
      });
      return { output, port: 'success' };
    }
    default: {
      const handler = deps.actions?.resolve(node.use);
      if (!handler) throw userError('unknown_action', `no installed connector provides "${node.use}"`, node.id);
      const output = await handler({
        runId: context.runId,
        nodeId: node.id,
        input: config,
        credentialId: node.credential,
        idempotencyKey: context.idempotencyKey,
        ...(node.idempotencyKey === false ? { sendIdempotencyKey: false } : {}),
        attempt: context.attempt,
        stepAttempts: node.retry?.attempts ?? 1,
        signal: context.signal,
        log: context.log,
      });
      return { output, port: 'success' };
    }
  }
}

function delayTarget(config: JsonObject, startedAt: number, nodeId: string): number {
  if (typeof config.ms === 'number') return startedAt + config.ms;
  if (typeof config.until === 'string') {
    const at = Date.parse(config.until);
    if (Number.isNaN(at))
      throw userError('delay_until', `delay "${nodeId}" has an invalid date "${config.until}"`, nodeId);
    return at;
  }
  throw userError('delay_config', `delay "${nodeId}" needs "ms" (a number) or "until" (a date)`, nodeId);
}

function describe(value: JsonValue | undefined): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  return Array.isArray(value) ? 'a list' : `a ${typeof value}`;
}
