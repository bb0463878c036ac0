// The flow format as the editor sees it: core's types (types only — the editor never bundles core) plus the
// few constants the canvas needs, checked against core's unions so the two cannot drift apart.
import type {
  ControlKind,
  Edge,
  FlowDefinition,
  JsonObject,
  JsonValue,
  StepNode,
  TransformKind,
  TriggerNode,
} from '@weft/core';

export type { Edge, FlowDefinition, JsonObject, JsonValue, StepNode, TriggerNode };

export const FLOW_SCHEMA = 'weft.flow/v1' as const;

export const CONTROL_KINDS = [
  'if',
  'switch',
  'forEach',
  'merge',
  'delay',
  'respond',
  'subflow',
] as const satisfies readonly ControlKind[];
export const TRANSFORM_KINDS = ['transform.map', 'transform.code'] as const satisfies readonly TransformKind[];

// Fails to compile when core adds a kind the editor does not list.
type Missing<A, B> = Exclude<A, B> extends never ? true : never;
const _allControl: Missing<ControlKind, (typeof CONTROL_KINDS)[number]> = true;
const _allTransform: Missing<TransformKind, (typeof TRANSFORM_KINDS)[number]> = true;
void _allControl;
void _allTransform;

export type EditorNodeKind = 'trigger' | 'control' | 'transform' | 'action';

export function kindOfUse(use: string): Exclude<EditorNodeKind, 'trigger'> {
  if ((CONTROL_KINDS as readonly string[]).includes(use)) return 'control';
  if ((TRANSFORM_KINDS as readonly string[]).includes(use)) return 'transform';
  return 'action';
}

/** Splits `slack@1.postMessage` into connector, major and action. */
export function parseActionRef(use: string): { connector: string; major: number; action: string } | undefined {
  const match = /^([a-z][a-z0-9-]*)@(\d+)\.([A-Za-z][\w-]*)$/.exec(use);
  if (!match) return undefined;
  return { connector: match[1]!, major: Number(match[2]), action: match[3]! };
}

export function portOf(edge: Edge): string {
  return edge.port ?? 'success';
}

/**
 * Per-node editor data kept in `layout` (the format allows extra properties there and the engine ignores it):
 * the position, and for the trigger the sample event pinned by the user.
 */
export interface NodeLayout {
  x: number;
  y: number;
  sample?: JsonValue;
}

export function layoutOf(flow: FlowDefinition, id: string): NodeLayout | undefined {
  return (flow.layout as Record<string, NodeLayout> | undefined)?.[id];
}

export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function emptyFlow(name: string): FlowDefinition {
  return {
    schema: FLOW_SCHEMA,
    name,
    trigger: { id: 'trigger', connector: 'manual@1', trigger: 'run' },
    steps: [],
    edges: [],
    layout: { trigger: { x: 0, y: 0 } },
  };
}
