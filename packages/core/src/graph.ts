// Structure of a flow graph: nodes, edges by node, loop bodies, ancestry. Shared by validation and the engine.
import { portOf, type Edge, type FlowDefinition, type StepNode, type TriggerNode } from './flow.js';

export interface FlowGraph {
  triggerId: string;
  nodes: Map<string, StepNode | TriggerNode>;
  steps: Map<string, StepNode>;
  outgoing: Map<string, Edge[]>;
  incoming: Map<string, Edge[]>;
  /** forEach node id -> ids of the nodes in its body (nested bodies included). */
  bodies: Map<string, Set<string>>;
  /** node id -> innermost forEach whose body holds it (absent at top level). */
  loopOf: Map<string, string>;
}

export function buildGraph(flow: FlowDefinition): FlowGraph {
  const nodes = new Map<string, StepNode | TriggerNode>([[flow.trigger.id, flow.trigger]]);
  const steps = new Map<string, StepNode>();
  for (const step of flow.steps) {
    if (!nodes.has(step.id)) nodes.set(step.id, step);
    if (!steps.has(step.id)) steps.set(step.id, step);
  }
  const outgoing = new Map<string, Edge[]>();
  const incoming = new Map<string, Edge[]>();
  for (const id of nodes.keys()) {
    outgoing.set(id, []);
    incoming.set(id, []);
  }
  for (const edge of flow.edges) {
    if (!nodes.has(edge.from) || !nodes.has(edge.to)) continue;
    outgoing.get(edge.from)!.push(edge);
    incoming.get(edge.to)!.push(edge);
  }
  const bodies = new Map<string, Set<string>>();
  for (const step of steps.values()) {
    if (step.use !== 'forEach') continue;
    const body = new Set<string>();
    const queue = outgoing
      .get(step.id)!
      .filter((e) => portOf(e) === 'each')
      .map((e) => e.to);
    while (queue.length) {
      const id = queue.shift()!;
      if (id === step.id || body.has(id)) continue;
      body.add(id);
      for (const edge of outgoing.get(id) ?? []) queue.push(edge.to);
    }
    bodies.set(step.id, body);
  }
  const loopOf = new Map<string, string>();
  // The innermost loop of a node is the one with the smallest body holding it.
  for (const [loopId, body] of bodies) {
    for (const id of body) {
      const current = loopOf.get(id);
      if (current === undefined || bodies.get(current)!.size > body.size) loopOf.set(id, loopId);
    }
  }
  return { triggerId: flow.trigger.id, nodes, steps, outgoing, incoming, bodies, loopOf };
}

/** An edge from a loop body back to its own forEach node closes the loop visually; the engine ignores it. */
export function isLoopBack(graph: FlowGraph, edge: Edge): boolean {
  return graph.bodies.get(edge.to)?.has(edge.from) ?? false;
}

/** Edges that carry data forward (loop-back edges excluded). */
export function forwardEdges(graph: FlowGraph, nodeId: string): Edge[] {
  return (graph.outgoing.get(nodeId) ?? []).filter((edge) => !isLoopBack(graph, edge));
}

/** Ids of every node from which `nodeId` can be reached along forward edges. */
export function ancestorsOf(graph: FlowGraph, nodeId: string): Set<string> {
  const seen = new Set<string>();
  const queue = [nodeId];
  while (queue.length) {
    const id = queue.pop()!;
    for (const edge of graph.incoming.get(id) ?? []) {
      if (isLoopBack(graph, edge) || seen.has(edge.from)) continue;
      seen.add(edge.from);
      queue.push(edge.from);
    }
  }
  return seen;
}

/** One cycle along forward edges, as a list of node ids, or undefined. */
export function findCycle(graph: FlowGraph): string[] | undefined {
  const state = new Map<string, 'open' | 'done'>();
  const stack: string[] = [];
  const visit = (id: string): string[] | undefined => {
    state.set(id, 'open');
    stack.push(id);
    for (const edge of forwardEdges(graph, id)) {
      const next = state.get(edge.to);
      if (next === 'open') return [...stack.slice(stack.indexOf(edge.to)), edge.to];
      if (next === undefined) {
        const cycle = visit(edge.to);
        if (cycle) return cycle;
      }
    }
    stack.pop();
    state.set(id, 'done');
    return undefined;
  };
  for (const id of graph.nodes.keys()) {
    if (!state.has(id)) {
      const cycle = visit(id);
      if (cycle) return cycle;
    }
  }
  return undefined;
}

export function reachableFrom(graph: FlowGraph, start: string): Set<string> {
  const seen = new Set<string>([start]);
  const queue = [start];
  while (queue.length) {
    for (const edge of graph.outgoing.get(queue.pop()!) ?? []) {
      if (!seen.has(edge.to)) {
        seen.add(edge.to);
        queue.push(edge.to);
      }
    }
  }
  return seen;
}
