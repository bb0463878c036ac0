// "Replay from here" as plain data: which node a step of a finished run replays from, the input the dialog
// starts with (the step's recorded input, or the run's event for the trigger), the schema that input is checked
// against (the step's action input, or the engine node's config), the check itself with errors at JSON pointers,
// the request body, and the replays of a run (runs whose retryOf is it and whose trigger kind is `replay`).
import { findAction, type ConnectorManifest, type JsonSchema } from './catalog.js';
import type { FlowDefinition, JsonValue } from './flow-types.js';
import { schemaErrors, type SchemaError } from './schema-check.js';

export interface ReplayTarget {
  /** The node id sent as `from`. */
  from: string;
  kind: 'trigger' | 'step';
  initial: JsonValue;
  schema: JsonSchema | undefined;
  /** The input may be edited (not a forEach iteration, whose input the server does not take). */
  editable: boolean;
}

export function replayTarget(args: {
  flow: FlowDefinition | undefined;
  manifests: ConnectorManifest[];
  step: { key: string; nodeId: string; input?: JsonValue } | undefined;
  runInput: JsonValue | undefined;
}): ReplayTarget | undefined {
  const { flow, step } = args;
  if (!flow || !step) return undefined;
  if (step.nodeId === flow.trigger.id)
    return { from: step.nodeId, kind: 'trigger', initial: args.runInput ?? null, schema: undefined, editable: true };
  const node = flow.steps.find((s) => s.id === step.nodeId);
  if (!node) return undefined;
  return {
    from: node.id,
    kind: 'step',
    initial: step.input ?? {},
    schema: findAction(args.manifests, node.use)?.action.input,
    editable: step.key === step.nodeId,
  };
}

export const formatInput = (value: JsonValue): string => JSON.stringify(value, null, 2);

export type InputCheck = { ok: true; value: JsonValue } | { ok: false; errors: SchemaError[] };

/** Parses the edited text and checks it against the schema (when there is one). */
export function checkReplayInput(text: string, schema: JsonSchema | undefined): InputCheck {
  let value: JsonValue;
  try {
    value = JSON.parse(text) as JsonValue;
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return { ok: false, errors: [{ pointer: '', message: `is not valid JSON: ${reason}` }] };
  }
  const errors = schemaErrors(schema, value);
  return errors.length ? { ok: false, errors } : { ok: true, value };
}

/** The replay request: the edited input only when it differs from what was recorded. */
export function replayBody(target: ReplayTarget, value: JsonValue): { from: string; input?: JsonValue } {
  return JSON.stringify(value) === JSON.stringify(target.initial)
    ? { from: target.from }
    : { from: target.from, input: value };
}

/** The server's 422 problems (pointers under `/input`) as errors in the edited value. */
export function serverInputErrors(problems: readonly { pointer?: string; message: string }[]): SchemaError[] {
  return problems.map((p) => ({
    pointer: (p.pointer ?? '').replace(/^\/input/, ''),
    message: p.message,
  }));
}

/** `(root)` for the value itself, else the pointer. */
export const pointerLabel = (pointer: string): string => pointer || '(root)';

export function replaysOf<R extends { id: string; retryOf?: string; triggerKind: string }>(
  runs: readonly R[],
  runId: string,
): R[] {
  return runs.filter((run) => run.retryOf === runId && run.triggerKind === 'replay');
}
