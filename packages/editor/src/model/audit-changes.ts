// What an audit entry changed, as lines people read: a flow diff becomes steps and connections added, removed
// or changed and the fields that changed; a before/after pair or a map of fields becomes one line per field.
// Anything else is shown as its JSON, so no entry is ever hidden.

/** `detail`: a fact of the change (the role given, the version published), not a before and after. */
export type ChangeKind = 'added' | 'removed' | 'changed' | 'detail';

export interface ChangeLine {
  kind: ChangeKind;
  /** What changed: a step id, a connection `a → b`, a field path. */
  subject: string;
  before?: string;
  after?: string;
}

export interface ChangeSection {
  title: string;
  lines: ChangeLine[];
}

export interface DescribedChanges {
  sections: ChangeSection[];
  /** The raw changes, when they have no shape the sections can tell (shown as JSON). */
  raw?: unknown;
}

type Obj = Record<string, unknown>;
const isObj = (value: unknown): value is Obj => typeof value === 'object' && value !== null && !Array.isArray(value);
const strings = (value: unknown): string[] =>
  Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];

const MAX_VALUE = 120;

/** A value in one short line: strings as they are, the rest as compact JSON, long ones cut. */
export function shortValue(value: unknown): string {
  if (value === undefined) return '—';
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  return text.length > MAX_VALUE ? `${text.slice(0, MAX_VALUE - 1)}…` : text;
}

/** An edge of a flow definition as `from → to (port)`; the success port goes unsaid. */
export function edgeLabel(edge: unknown): string {
  if (!isObj(edge)) return shortValue(edge);
  const port = typeof edge.port === 'string' && edge.port !== 'success' ? ` (${edge.port})` : '';
  return `${String(edge.from)} → ${String(edge.to)}${port}`;
}

function isFlowDiff(changes: Obj): boolean {
  return isObj(changes.nodes) && isObj(changes.edges) && Array.isArray(changes.fields);
}

function describeFlowDiff(diff: Obj): ChangeSection[] {
  const nodes = diff.nodes as Obj;
  const edges = diff.edges as Obj;
  const steps: ChangeLine[] = [
    ...strings(nodes.added).map((id) => ({ kind: 'added' as const, subject: id })),
    ...strings(nodes.removed).map((id) => ({ kind: 'removed' as const, subject: id })),
    ...strings(nodes.changed).map((id) => ({ kind: 'changed' as const, subject: id })),
  ];
  const connections: ChangeLine[] = [
    ...(Array.isArray(edges.added) ? edges.added : []).map((e) => ({ kind: 'added' as const, subject: edgeLabel(e) })),
    ...(Array.isArray(edges.removed) ? edges.removed : []).map((e) => ({
      kind: 'removed' as const,
      subject: edgeLabel(e),
    })),
  ];
  const fields: ChangeLine[] = (diff.fields as unknown[]).filter(isObj).map((field) => {
    const pointer = typeof field.pointer === 'string' ? field.pointer : '';
    const path = pointer.replace(/^\//, '').split('/').join('.') || '(whole value)';
    const subject = typeof field.node === 'string' ? `${field.node}: ${path}` : path;
    const kind: ChangeKind = field.change === 'added' || field.change === 'removed' ? field.change : 'changed';
    return {
      kind,
      subject,
      ...('before' in field ? { before: shortValue(field.before) } : {}),
      ...('after' in field ? { after: shortValue(field.after) } : {}),
    };
  });
  return [
    { title: 'Steps', lines: steps },
    { title: 'Connections', lines: connections },
    { title: 'Fields', lines: fields },
  ].filter((section) => section.lines.length > 0);
}

/** The fields that differ between two values, as dotted paths (objects are walked, arrays compared whole). */
export function fieldChanges(before: unknown, after: unknown, path = ''): ChangeLine[] {
  if (JSON.stringify(before) === JSON.stringify(after)) return [];
  if (isObj(before) && isObj(after)) {
    const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort();
    return keys.flatMap((key) => fieldChanges(before[key], after[key], path ? `${path}.${key}` : key));
  }
  const subject = path || '(whole value)';
  if (before === undefined) return [{ kind: 'added', subject, after: shortValue(after) }];
  if (after === undefined) return [{ kind: 'removed', subject, before: shortValue(before) }];
  return [{ kind: 'changed', subject, before: shortValue(before), after: shortValue(after) }];
}

const PAIRS = [
  ['before', 'after'],
  ['from', 'to'],
  ['old', 'new'],
] as const;

/** `{ before, after }` (or from/to, old/new) with at least one side, and nothing else. */
function pairOf(value: unknown): { before: unknown; after: unknown } | undefined {
  if (!isObj(value)) return undefined;
  const keys = Object.keys(value);
  for (const [a, b] of PAIRS)
    if (keys.length > 0 && keys.every((k) => k === a || k === b)) return { before: value[a], after: value[b] };
  return undefined;
}

const flowDiffIn = (value: unknown): Obj | undefined =>
  isObj(value) && isFlowDiff(value)
    ? value
    : isObj(value) && isObj(value.diff) && isFlowDiff(value.diff)
      ? value.diff
      : undefined;

/** A list of flows each with what happened to it, some with their diff (an import). */
const isFlowList = (value: unknown): value is Obj[] =>
  Array.isArray(value) &&
  value.every(isObj) &&
  value.some((item) => flowDiffIn((item as Obj).diff ?? item) !== undefined);

/** Sections of a flow diff, titled for the flow they belong to when there are several (an import). */
function flowSections(diff: Obj, flow?: string): ChangeSection[] {
  return describeFlowDiff(diff).map((section) => ({
    ...section,
    title: flow ? `${flow} — ${section.title}` : section.title,
  }));
}

/**
 * Turns an audit entry's `changes` into sections of readable lines: a flow diff (alone, under `diff`, or one per
 * flow of an import), before/after pairs as field changes, and other facts (`role`, `version`, `runId`) as details.
 */
export function describeChanges(changes: unknown): DescribedChanges {
  if (changes === undefined || changes === null) return { sections: [] };
  if (isObj(changes) && isFlowDiff(changes)) return { sections: flowSections(changes) };
  const pair = pairOf(changes);
  if (pair) return { sections: [{ title: 'Fields', lines: fieldChanges(pair.before, pair.after) }] };
  if (!isObj(changes) || !Object.keys(changes).length) return { sections: [], raw: changes };

  const fields: ChangeLine[] = [];
  const details: ChangeLine[] = [];
  const flows: ChangeSection[] = [];
  for (const [key, value] of Object.entries(changes)) {
    const diff = key === 'diff' ? flowDiffIn(value) : undefined;
    const p = pairOf(value);
    if (diff) flows.push(...flowSections(diff));
    else if (p) fields.push(...fieldChanges(p.before, p.after, key));
    else if (isFlowList(value))
      for (const item of value) {
        const name = String(item.name ?? item.id ?? '');
        if (typeof item.action === 'string') details.push({ kind: 'detail', subject: name, after: item.action });
        const itemDiff = flowDiffIn(item.diff ?? item);
        if (itemDiff) flows.push(...flowSections(itemDiff, name));
      }
    else details.push({ kind: 'detail', subject: key, after: shortValue(value) });
  }
  const sections = [
    { title: 'Details', lines: details },
    { title: 'Fields', lines: fields },
  ].filter((section) => section.lines.length > 0);
  return { sections: [...sections, ...flows] };
}

/** An action name as words: `user.role_changed` → `User role changed`, `flow.publish` → `Flow publish`. */
export function actionLabel(action: string): string {
  const words = action.replace(/[._-]+/g, ' ').trim();
  return words ? words[0]!.toUpperCase() + words.slice(1) : action;
}
