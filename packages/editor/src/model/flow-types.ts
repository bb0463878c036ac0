// The flow format as the editor sees it: core's types, flow helpers and node-kind schemas (the only copy), plus the
// editor's own layout data.
import type { Edge, FlowDefinition, JsonObject, JsonValue, StepNode, TriggerNode } from '@weft/core';

export type { Edge, FlowDefinition, JsonObject, JsonValue, StepNode, TriggerNode };

// The flow-format helpers come from core's dependency-free `flow` module, so the bundle gets them without the
// validator (ajv) that core's main entry carries.
import { FLOW_SCHEMA } from '@weft/core/flow';

export {
  CONTROL_KINDS,
  controlConfigSchemas,
  FLOW_SCHEMA,
  TRANSFORM_KINDS,
  kindOfUse,
  parseActionRef,
  portOf,
} from '@weft/core/flow';

export type EditorNodeKind = 'trigger' | 'control' | 'transform' | 'action';

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
