// Copy and paste of steps: the selection travels as JSON text (so it survives between tabs through the system
// clipboard); pasting gives every step a fresh id and rewrites `steps.<id>` references among the pasted steps.
import { uniqueId } from './flow-edit.js';
import { isObject, layoutOf, type Edge, type FlowDefinition, type JsonValue, type StepNode } from './flow-types.js';

export const CLIPBOARD_KIND = 'weft.clipboard/v1';

export interface ClipboardPayload {
  kind: typeof CLIPBOARD_KIND;
  steps: StepNode[];
  /** Only edges between copied steps. */
  edges: Edge[];
  positions: Record<string, { x: number; y: number }>;
}

export function copyNodes(flow: FlowDefinition, ids: readonly string[]): ClipboardPayload | undefined {
  const chosen = new Set(ids);
  const steps = flow.steps.filter((s) => chosen.has(s.id));
  if (!steps.length) return undefined;
  const kept = new Set(steps.map((s) => s.id));
  const positions: ClipboardPayload['positions'] = {};
  for (const step of steps) {
    const at = layoutOf(flow, step.id);
    positions[step.id] = { x: at?.x ?? 0, y: at?.y ?? 0 };
  }
  return {
    kind: CLIPBOARD_KIND,
    steps: structuredClone(steps),
    edges: flow.edges.filter((e) => kept.has(e.from) && kept.has(e.to)).map((e) => ({ ...e })),
    positions,
  };
}

export function serializeClipboard(payload: ClipboardPayload): string {
  return JSON.stringify(payload);
}

export function parseClipboard(text: string): ClipboardPayload | undefined {
  try {
    const value: unknown = JSON.parse(text);
    if (isObject(value) && value.kind === CLIPBOARD_KIND && Array.isArray(value.steps) && Array.isArray(value.edges)) {
      return value as unknown as ClipboardPayload;
    }
  } catch {
    // Not ours: ignore.
  }
  return undefined;
}

/** Rewrites `steps.a` / `steps['a']` / `steps["a"]` references inside every string of a JSON value. */
export function renameStepReferences(value: JsonValue, renames: ReadonlyMap<string, string>): JsonValue {
  if (typeof value === 'string') {
    if (!value.includes('steps')) return value;
    return value
      .replace(/\bsteps(\s*(?:\?\.|\.)\s*)([A-Za-z_$][\w$]*)/g, (all, dot: string, id: string) => {
        const to = renames.get(id);
        return to ? `steps${dot}${to}` : all;
      })
      .replace(/\bsteps(\s*(?:\?\.)?\[\s*)(['"`])([^'"`]+)\2/g, (all, open: string, quote: string, id: string) => {
        const to = renames.get(id);
        return to ? `steps${open}${quote}${to}${quote}` : all;
      });
  }
  if (Array.isArray(value)) return value.map((v) => renameStepReferences(v, renames));
  if (isObject(value))
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, renameStepReferences(v, renames)]));
  return value;
}

export function pasteNodes(
  flow: FlowDefinition,
  payload: ClipboardPayload,
  offset: { x: number; y: number } = { x: 40, y: 40 },
): { flow: FlowDefinition; ids: string[] } {
  let next = flow;
  const renames = new Map<string, string>();
  const added: StepNode[] = [];
  for (const step of payload.steps) {
    const id = uniqueId(next, step.id.replace(/_\d+$/, ''));
    renames.set(step.id, id);
    // Reserve the id before picking the next one.
    next = { ...next, steps: [...next.steps, { id, use: step.use }] };
  }
  for (const step of payload.steps) {
    const copy = structuredClone(step);
    copy.id = renames.get(step.id)!;
    if (copy.config) copy.config = renameStepReferences(copy.config, renames) as StepNode['config'];
    added.push(copy);
  }
  const layout = { ...(flow.layout ?? {}) } as Record<string, { x: number; y: number }>;
  for (const step of payload.steps) {
    const at = payload.positions[step.id] ?? { x: 0, y: 0 };
    layout[renames.get(step.id)!] = { x: Math.round(at.x + offset.x), y: Math.round(at.y + offset.y) };
  }
  const edges = payload.edges.map((e) => ({
    ...e,
    from: renames.get(e.from) ?? e.from,
    to: renames.get(e.to) ?? e.to,
  }));
  return {
    flow: { ...flow, steps: [...flow.steps, ...added], edges: [...flow.edges, ...edges], layout },
    ids: added.map((s) => s.id),
  };
}

/** Duplicate = copy + paste in one edit. */
export function duplicateNodes(flow: FlowDefinition, ids: readonly string[]): { flow: FlowDefinition; ids: string[] } {
  const payload = copyNodes(flow, ids);
  return payload ? pasteNodes(flow, payload) : { flow, ids: [] };
}
