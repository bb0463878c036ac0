// Data for the expression picker: which values a node can read (`trigger`, upstream `steps.<id>`, and `item` /
// `index` inside a forEach body), shaped as a tree from real sample data and from output schemas, and the
// text edit that inserts a `{{ … }}` expression at the cursor.
import { loopBody } from './connect.js';
import { isObject, type FlowDefinition, type JsonValue } from './flow-types.js';
import type { JsonSchema } from './catalog.js';

export interface PickerField {
  label: string;
  /** The expression reading this value, e.g. `steps.fetch.items[0].name`. */
  expression: string;
  type: string;
  /** A short rendering of the sample value, when one is known. */
  preview?: string;
  children: PickerField[];
}

export interface PickerSource {
  /** Where the data comes from, for the list's heading. */
  title: string;
  origin: 'sample' | 'schema' | 'none';
  root: PickerField;
}

export interface PickerInputs {
  /** Sample data per node id (the trigger's pinned event, steps' last test outputs). */
  samples: Record<string, JsonValue | undefined>;
  /** Output schemas per node id, from the connector manifests. */
  schemas: Record<string, JsonSchema | undefined>;
  /** Display names per node id. */
  titles?: Record<string, string>;
  /** The list each forEach iterated in the last test, per forEach id. */
  loopItems?: Record<string, JsonValue | undefined>;
}

const IDENT = /^[A-Za-z_$][\w$]*$/;
const MAX_DEPTH = 5;
const MAX_KEYS = 50;

export function pathExpression(base: string, segment: string | number): string {
  if (typeof segment === 'number') return `${base}[${segment}]`;
  return IDENT.test(segment) ? `${base}.${segment}` : `${base}[${JSON.stringify(segment)}]`;
}

function typeOf(value: JsonValue): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'list';
  return typeof value === 'object' ? 'object' : typeof value;
}

function preview(value: JsonValue): string {
  if (typeof value === 'string') return value.length > 40 ? `"${value.slice(0, 40)}…"` : `"${value}"`;
  if (Array.isArray(value)) return `${value.length} item${value.length === 1 ? '' : 's'}`;
  if (isObject(value)) return `{${Object.keys(value).length} fields}`;
  return String(value);
}

export function fieldFromData(label: string, expression: string, value: JsonValue, depth = 0): PickerField {
  const field: PickerField = { label, expression, type: typeOf(value), preview: preview(value), children: [] };
  if (depth >= MAX_DEPTH) return field;
  if (Array.isArray(value) && value.length) {
    field.children.push(fieldFromData('[0]', pathExpression(expression, 0), value[0]!, depth + 1));
  } else if (isObject(value)) {
    for (const [key, child] of Object.entries(value).slice(0, MAX_KEYS)) {
      field.children.push(fieldFromData(key, pathExpression(expression, key), child, depth + 1));
    }
  }
  return field;
}

function schemaType(schema: JsonSchema): string {
  const t = schema.type;
  if (t === 'array') return 'list';
  if (typeof t === 'string') return t === 'integer' ? 'number' : t;
  if (isObject(schema.properties)) return 'object';
  return 'any';
}

export function fieldFromSchema(label: string, expression: string, schema: JsonSchema, depth = 0): PickerField {
  const field: PickerField = { label, expression, type: schemaType(schema), children: [] };
  if (depth >= MAX_DEPTH) return field;
  if (isObject(schema.properties)) {
    for (const [key, child] of Object.entries(schema.properties).slice(0, MAX_KEYS)) {
      if (isObject(child)) field.children.push(fieldFromSchema(key, pathExpression(expression, key), child, depth + 1));
    }
  } else if (schema.type === 'array' && isObject(schema.items)) {
    field.children.push(fieldFromSchema('[0]', pathExpression(expression, 0), schema.items, depth + 1));
  }
  return field;
}

/** Ids of the nodes that always run before `nodeId` (loop-back edges ignored), nearest first. */
export function upstreamOf(flow: FlowDefinition, nodeId: string): string[] {
  const loopBack = (from: string, to: string) =>
    flow.steps.some((s) => s.id === to && s.use === 'forEach') && loopBody(flow, to).has(from);
  const order: string[] = [];
  const seen = new Set<string>();
  let frontier = [nodeId];
  while (frontier.length) {
    const next: string[] = [];
    for (const id of frontier) {
      for (const edge of flow.edges) {
        if (edge.to !== id || seen.has(edge.from) || loopBack(edge.from, edge.to)) continue;
        seen.add(edge.from);
        order.push(edge.from);
        next.push(edge.from);
      }
    }
    frontier = next;
  }
  return order;
}

/** forEach nodes whose body holds `nodeId`, innermost first. */
export function enclosingLoops(flow: FlowDefinition, nodeId: string): string[] {
  return flow.steps
    .filter((s) => s.use === 'forEach' && loopBody(flow, s.id).has(nodeId))
    .map((s) => ({ id: s.id, size: loopBody(flow, s.id).size }))
    .sort((a, b) => a.size - b.size)
    .map((l) => l.id);
}

function sourceFor(
  title: string,
  expression: string,
  sample: JsonValue | undefined,
  schema: JsonSchema | undefined,
): PickerSource {
  if (sample !== undefined) return { title, origin: 'sample', root: fieldFromData(expression, expression, sample) };
  if (schema) return { title, origin: 'schema', root: fieldFromSchema(expression, expression, schema) };
  return { title, origin: 'none', root: { label: expression, expression, type: 'any', children: [] } };
}

export function pickerSources(flow: FlowDefinition, nodeId: string, inputs: PickerInputs): PickerSource[] {
  const titles = inputs.titles ?? {};
  const triggerId = flow.trigger.id;
  const sources: PickerSource[] = [];
  const loops = enclosingLoops(flow, nodeId);
  const inner = loops[0];
  if (inner) {
    const items = inputs.loopItems?.[inner];
    const first = Array.isArray(items) ? items[0] : undefined;
    sources.push(sourceFor(`Current item of ${titles[inner] ?? inner}`, 'item', first, undefined));
    sources.push({
      title: 'Position in the list',
      origin: 'none',
      root: { label: 'index', expression: 'index', type: 'number', children: [] },
    });
  }
  if (nodeId !== triggerId) {
    sources.push(
      sourceFor(
        `Trigger: ${titles[triggerId] ?? triggerId}`,
        'trigger',
        inputs.samples[triggerId],
        inputs.schemas[triggerId],
      ),
    );
  }
  for (const id of upstreamOf(flow, nodeId)) {
    if (id === triggerId) continue;
    sources.push(sourceFor(titles[id] ?? id, pathExpression('steps', id), inputs.samples[id], inputs.schemas[id]));
  }
  return sources;
}

/** Flattens a field tree for filtering by text (depth-first, parents before children). */
export function flattenFields(field: PickerField): PickerField[] {
  return [field, ...field.children.flatMap(flattenFields)];
}

export function filterFields(sources: PickerSource[], query: string): PickerField[] {
  const q = query.trim().toLowerCase();
  return sources.flatMap((s) => flattenFields(s.root)).filter((f) => !q || f.expression.toLowerCase().includes(q));
}

/** Inserts `{{ expression }}` replacing the selection; returns the new text and the caret after the insertion. */
export function insertExpression(
  text: string,
  expression: string,
  selection: { start: number; end: number } = { start: text.length, end: text.length },
): { text: string; caret: number } {
  const token = `{{ ${expression} }}`;
  const start = Math.max(0, Math.min(selection.start, text.length));
  const end = Math.max(start, Math.min(selection.end, text.length));
  return { text: text.slice(0, start) + token + text.slice(end), caret: start + token.length };
}

export function isExpression(value: unknown): value is string {
  return typeof value === 'string' && value.includes('{{');
}
