// What changed between two versions of a flow, in terms people use: steps added, removed and changed (with the
// fields that changed), and connections (edges) added or removed. Layout is ignored: moving a node changes nothing.
import { isObject, portOf, type FlowDefinition, type JsonValue } from './flow-types.js';

export interface VersionDiff {
  added: string[];
  removed: string[];
  /** Per step (or `trigger`): the fields that differ (`config.url`, `credential`, `name`, ...). */
  changed: { id: string; fields: string[] }[];
  edgesAdded: string[];
  edgesRemoved: string[];
}

function fieldsThatDiffer(a: JsonValue | undefined, b: JsonValue | undefined, path: string): string[] {
  if (JSON.stringify(a) === JSON.stringify(b)) return [];
  if (isObject(a) && isObject(b) && path.split('.').length < 2) {
    const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])].sort();
    return keys.flatMap((k) => fieldsThatDiffer(a[k], b[k], path ? `${path}.${k}` : k));
  }
  return [path];
}

const edgeText = (e: FlowDefinition['edges'][number]) =>
  `${e.from} → ${e.to}${portOf(e) === 'success' ? '' : ` (${portOf(e)})`}`;

export function diffVersions(before: FlowDefinition, after: FlowDefinition): VersionDiff {
  const old = new Map(before.steps.map((s) => [s.id, s]));
  const now = new Map(after.steps.map((s) => [s.id, s]));
  const changed: VersionDiff['changed'] = [];
  const triggerFields = fieldsThatDiffer(
    JSON.parse(JSON.stringify(before.trigger)) as JsonValue,
    JSON.parse(JSON.stringify(after.trigger)) as JsonValue,
    '',
  );
  if (triggerFields.length) changed.push({ id: after.trigger.id, fields: triggerFields });
  for (const [id, step] of now) {
    const previous = old.get(id);
    if (!previous) continue;
    const fields = fieldsThatDiffer(
      JSON.parse(JSON.stringify(previous)) as JsonValue,
      JSON.parse(JSON.stringify(step)) as JsonValue,
      '',
    );
    if (fields.length) changed.push({ id, fields });
  }
  const beforeEdges = new Set(before.edges.map(edgeText));
  const afterEdges = new Set(after.edges.map(edgeText));
  return {
    added: [...now.keys()].filter((id) => !old.has(id)),
    removed: [...old.keys()].filter((id) => !now.has(id)),
    changed,
    edgesAdded: [...afterEdges].filter((e) => !beforeEdges.has(e)),
    edgesRemoved: [...beforeEdges].filter((e) => !afterEdges.has(e)),
  };
}

export function isEmptyDiff(diff: VersionDiff): boolean {
  return (
    !diff.added.length &&
    !diff.removed.length &&
    !diff.changed.length &&
    !diff.edgesAdded.length &&
    !diff.edgesRemoved.length
  );
}
