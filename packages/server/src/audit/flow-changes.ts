// What an audit entry says changed in a flow: the flow diff (core's flow-diff.ts) from the definition before to
// the one after; a new flow is compared with an empty one that has the same trigger id, so its diff lists
// everything it starts with.
import { diffFlows, type FlowDefinition, type FlowDiff, type TriggerNode } from '@weft/core';

function emptyLike(flow: FlowDefinition): FlowDefinition {
  const trigger: TriggerNode = { id: flow.trigger.id, connector: '', trigger: '' };
  return { schema: flow.schema, name: '', trigger, steps: [], edges: [] };
}

export function flowChanges(before: FlowDefinition | undefined, after: FlowDefinition): FlowDiff {
  return diffFlows(before ?? emptyLike(after), after);
}
