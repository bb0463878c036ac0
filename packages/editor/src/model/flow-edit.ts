// Edits of a flow definition as pure functions: add, remove, duplicate and move nodes, change a step or the trigger.
import { reconcilePorts } from './ports-cleanup.js';
import {
  FLOW_SCHEMA,
  isObject,
  layoutOf,
  type FlowDefinition,
  type NodeLayout,
  type StepNode,
  type TriggerNode,
} from './flow-types.js';

const ID_PATTERN = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** A readable, unique node id derived from a hint (`http@1.request` → `request`, then `request_2`). */
export function uniqueId(flow: FlowDefinition, hint: string): string {
  const tail = hint.split(/[.@]/).pop() ?? 'step';
  let base = tail.replace(/[^A-Za-z0-9_]+/g, '_').replace(/^_+|_+$/g, '') || 'step';
  if (!/^[A-Za-z_]/.test(base)) base = `step_${base}`;
  base = base.slice(0, 50);
  const taken = new Set([flow.trigger.id, ...flow.steps.map((s) => s.id)]);
  if (!taken.has(base)) return base;
  for (let n = 2; ; n++) if (!taken.has(`${base}_${n}`)) return `${base}_${n}`;
}

export function isValidId(id: string): boolean {
  return ID_PATTERN.test(id) && id.length <= 64;
}

function withLayout(flow: FlowDefinition, entries: Record<string, NodeLayout>): FlowDefinition {
  return { ...flow, layout: { ...(flow.layout ?? {}), ...entries } as FlowDefinition['layout'] };
}

export interface NewStep {
  use: string;
  position: { x: number; y: number };
  name?: string;
  config?: StepNode['config'];
}

export function addStep(flow: FlowDefinition, step: NewStep): { flow: FlowDefinition; id: string } {
  const id = uniqueId(flow, step.use === 'transform.map' ? 'map' : step.use === 'transform.code' ? 'code' : step.use);
  const node: StepNode = { id, use: step.use };
  if (step.name) node.name = step.name;
  node.config = step.config ?? defaultConfig(step.use);
  const next = { ...flow, steps: [...flow.steps, node] };
  return { flow: withLayout(next, { [id]: { x: Math.round(step.position.x), y: Math.round(step.position.y) } }), id };
}

function defaultConfig(use: string): StepNode['config'] {
  switch (use) {
    case 'switch':
      return { cases: [{ name: 'first', when: '' }] };
    case 'transform.code':
      return { code: 'return { ok: true };' };
    default:
      return {};
  }
}

/** Replaces the trigger's kind, keeping its id, edges and position (a flow has exactly one trigger). */
export function setTrigger(
  flow: FlowDefinition,
  trigger: { connector: string; trigger: string; config?: TriggerNode['config'] },
): FlowDefinition {
  const next: TriggerNode = { id: flow.trigger.id, connector: trigger.connector, trigger: trigger.trigger };
  if (trigger.config) next.config = trigger.config;
  return { ...flow, trigger: next };
}

export function removeNodes(flow: FlowDefinition, ids: readonly string[]): FlowDefinition {
  const remove = new Set(ids.filter((id) => id !== flow.trigger.id));
  if (!remove.size) return flow;
  const layout = Object.fromEntries(Object.entries(flow.layout ?? {}).filter(([id]) => !remove.has(id)));
  return {
    ...flow,
    steps: flow.steps.filter((s) => !remove.has(s.id)),
    edges: flow.edges.filter((e) => !remove.has(e.from) && !remove.has(e.to)),
    layout: layout as FlowDefinition['layout'],
  };
}

export function updateStep(flow: FlowDefinition, id: string, patch: (step: StepNode) => StepNode): FlowDefinition {
  const before = flow.steps.find((s) => s.id === id);
  if (!before) return flow;
  const after = patch(before);
  if (after === before) return flow;
  return reconcilePorts({ ...flow, steps: flow.steps.map((s) => (s.id === id ? after : s)) }, before, after);
}

export function updateTrigger(flow: FlowDefinition, patch: (trigger: TriggerNode) => TriggerNode): FlowDefinition {
  return { ...flow, trigger: patch(flow.trigger) };
}

export function moveNodes(flow: FlowDefinition, positions: Record<string, { x: number; y: number }>): FlowDefinition {
  const entries: Record<string, NodeLayout> = {};
  for (const [id, p] of Object.entries(positions)) {
    entries[id] = { ...(layoutOf(flow, id) ?? {}), x: Math.round(p.x), y: Math.round(p.y) };
  }
  return withLayout(flow, entries);
}

/** Pins a sample event to the trigger (kept in the editor part of the layout, exported with the flow). */
export function pinSample(flow: FlowDefinition, sample: NodeLayout['sample'] | undefined): FlowDefinition {
  const id = flow.trigger.id;
  const current = layoutOf(flow, id) ?? { x: 0, y: 0 };
  const { sample: _old, ...rest } = current;
  return withLayout(flow, { [id]: sample === undefined ? rest : { ...rest, sample } });
}

export function pinnedSample(flow: FlowDefinition): NodeLayout['sample'] | undefined {
  return layoutOf(flow, flow.trigger.id)?.sample;
}

/** The event a test starts with when none is pinned: webhooks deliver `{ body, headers, query }`. */
export function defaultSample(flow: FlowDefinition): NonNullable<NodeLayout['sample']> {
  return flow.trigger.connector.startsWith('webhook@') ? { body: {}, headers: {}, query: {} } : {};
}

/** A fresh copy of a whole flow, for "duplicate" on the flows list. */
export function duplicateDefinition(flow: FlowDefinition): FlowDefinition {
  const copy = structuredClone(flow);
  copy.name = `Copy of ${flow.name}`.slice(0, 200);
  return copy;
}

/** Loose check used before sending an imported file to the server, which validates it fully. */
export function looksLikeFlow(value: unknown): value is FlowDefinition {
  return (
    isObject(value) &&
    value.schema === FLOW_SCHEMA &&
    typeof value.name === 'string' &&
    isObject(value.trigger) &&
    Array.isArray(value.steps) &&
    Array.isArray(value.edges)
  );
}
