// What changed between two definitions of a flow: nodes (the trigger and steps, matched by id) added, removed or
// changed, edges added or removed, and every changed field as a JSON Pointer (RFC 6901): relative to its node for a
// node's fields (`/config/url` of node `fetch`), relative to the definition for the others (`/name`, `/layout/a/x`).
// Lists inside a node compare position by position. Pure; the server answers GET …/versions/:a/diff/:b with it.
import { portOf, type Edge, type FlowDefinition } from './flow.js';
import type { JsonValue } from './json.js';

export interface FieldChange {
  /** The node whose field changed; absent for fields of the definition itself. */
  node?: string;
  pointer: string;
  change: 'added' | 'removed' | 'changed';
  before?: JsonValue;
  after?: JsonValue;
}

export interface FlowDiff {
  nodes: { added: string[]; removed: string[]; changed: string[] };
  edges: { added: Edge[]; removed: Edge[] };
  fields: FieldChange[];
}

export function diffFlows(before: FlowDefinition, after: FlowDefinition): FlowDiff {
  const nodesOf = (flow: FlowDefinition) =>
    new Map<string, JsonValue>([
      [flow.trigger.id, json(flow.trigger)],
      ...flow.steps.map((step): [string, JsonValue] => [step.id, json(step)]),
    ]);
  const a = nodesOf(before);
  const b = nodesOf(after);
  const diff: FlowDiff = {
    nodes: { added: [], removed: [], changed: [] },
    edges: { added: [], removed: [] },
    fields: [],
  };
  for (const id of a.keys()) if (!b.has(id)) diff.nodes.removed.push(id);
  for (const [id, node] of b) {
    const old = a.get(id);
    if (old === undefined) {
      diff.nodes.added.push(id);
      continue;
    }
    const changes = fieldChanges(old, node, '');
    if (changes.length) diff.nodes.changed.push(id);
    diff.fields.push(...changes.map((change) => ({ node: id, ...change })));
  }
  const edgeKey = (edge: Edge) => JSON.stringify([edge.from, edge.to, portOf(edge)]);
  const edgesA = new Map(before.edges.map((edge) => [edgeKey(edge), edge]));
  const edgesB = new Map(after.edges.map((edge) => [edgeKey(edge), edge]));
  diff.edges.removed = [...edgesA].filter(([key]) => !edgesB.has(key)).map(([, edge]) => edge);
  diff.edges.added = [...edgesB].filter(([key]) => !edgesA.has(key)).map(([, edge]) => edge);
  const rest = (flow: FlowDefinition): JsonValue => {
    const { trigger: _trigger, steps: _steps, edges: _edges, ...others } = flow;
    return json(others);
  };
  diff.fields.push(...fieldChanges(rest(before), rest(after), ''));
  return diff;
}

/** Every leaf that differs between two JSON values, under `pointer`. */
function fieldChanges(before: JsonValue, after: JsonValue, pointer: string): FieldChange[] {
  if (isContainer(before) && isContainer(after) && Array.isArray(before) === Array.isArray(after)) {
    const keys = Array.isArray(before)
      ? Array.from({ length: Math.max(before.length, (after as JsonValue[]).length) }, (_, i) => String(i))
      : [...new Set([...Object.keys(before), ...Object.keys(after)])];
    return keys.flatMap((key) => {
      const x = childOf(before, key);
      const y = childOf(after, key);
      const at = `${pointer}/${escapePointer(key)}`;
      if (x === undefined && y !== undefined) return [{ pointer: at, change: 'added' as const, after: y }];
      if (y === undefined && x !== undefined) return [{ pointer: at, change: 'removed' as const, before: x }];
      return x === undefined || y === undefined ? [] : fieldChanges(x, y, at);
    });
  }
  return JSON.stringify(before) === JSON.stringify(after) ? [] : [{ pointer, change: 'changed', before, after }];
}

type Container = JsonValue[] | { [key: string]: JsonValue };

function isContainer(value: JsonValue): value is Container {
  return typeof value === 'object' && value !== null;
}

function childOf(value: Container, key: string): JsonValue | undefined {
  return Array.isArray(value) ? value[Number(key)] : value[key];
}

function escapePointer(segment: string): string {
  return segment.replace(/~/g, '~0').replace(/\//g, '~1');
}

function json(value: object): JsonValue {
  return value as unknown as JsonValue;
}
