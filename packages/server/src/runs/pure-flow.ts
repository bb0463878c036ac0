// Which flows have no effect outside their run: every step is one of the engine's own pure kinds (mappings, code
// in the sandbox, branching, merging, the webhook response). Such a run may keep its journal in memory and write
// it once at the end: after a crash it is simply executed again from its trigger, which changes nothing outside.
// Connector actions, delays (durable waits), subflows (child runs) and forEach loops are not pure here.
import type { FlowDefinition } from '@weft/core';

const PURE_KINDS = new Set(['transform.map', 'transform.code', 'if', 'switch', 'merge', 'respond']);

const known = new WeakMap<FlowDefinition, boolean>();

export function isPureFlow(flow: FlowDefinition): boolean {
  let pure = known.get(flow);
  if (pure === undefined) {
    pure = flow.steps.every((step) => PURE_KINDS.has(step.use));
    known.set(flow, pure);
  }
  return pure;
}
