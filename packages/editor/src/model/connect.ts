// Connection rules of the canvas: which edges may be drawn, and drawing/removing them on a definition.
import { portOf, type Edge, type FlowDefinition } from './flow-types.js';
import { hasPort } from './ports.js';

export interface Connection {
  from: string;
  port: string;
  to: string;
}

export type ConnectCheck = { ok: true } | { ok: false; reason: string };

export function edgeId(edge: Edge): string {
  return `${edge.from}:${portOf(edge)}->${edge.to}`;
}

/** Nodes reachable from `start` along edges, loop-back edges included. */
function downstream(flow: FlowDefinition, start: string): Set<string> {
  const seen = new Set<string>();
  const queue = [start];
  while (queue.length) {
    const id = queue.pop()!;
    for (const edge of flow.edges) {
      if (edge.from === id && !seen.has(edge.to)) {
        seen.add(edge.to);
        queue.push(edge.to);
      }
    }
  }
  return seen;
}

/** Ids of the nodes inside a forEach's body (reached from its `each` port). */
export function loopBody(flow: FlowDefinition, loopId: string): Set<string> {
  const body = new Set<string>();
  const queue = flow.edges.filter((e) => e.from === loopId && portOf(e) === 'each').map((e) => e.to);
  while (queue.length) {
    const id = queue.pop()!;
    if (id === loopId || body.has(id)) continue;
    body.add(id);
    for (const edge of flow.edges) if (edge.from === id) queue.push(edge.to);
  }
  return body;
}

export function canConnect(flow: FlowDefinition, connection: Connection): ConnectCheck {
  const { from, port, to } = connection;
  const isTrigger = from === flow.trigger.id;
  const source = flow.steps.find((s) => s.id === from);
  if (!isTrigger && !source) return { ok: false, reason: `there is no node "${from}"` };
  if (to === flow.trigger.id) return { ok: false, reason: 'nothing can lead into the trigger' };
  const target = flow.steps.find((s) => s.id === to);
  if (!target) return { ok: false, reason: `there is no node "${to}"` };
  if (from === to) return { ok: false, reason: 'a node cannot connect to itself' };
  if (!hasPort(source, port)) return { ok: false, reason: `"${from}" has no "${port}" output` };
  if (flow.edges.some((e) => e.from === from && e.to === to && portOf(e) === port)) {
    return { ok: false, reason: 'these nodes are already connected this way' };
  }
  if (downstream(flow, to).has(from)) {
    // Closing a loop body back onto its own forEach is drawn but ignored by the engine; any other cycle is not allowed.
    if (target.use === 'forEach' && loopBody(flow, to).has(from)) return { ok: true };
    return { ok: false, reason: 'this connection would make the flow loop; use forEach to repeat steps' };
  }
  return { ok: true };
}

export function connect(flow: FlowDefinition, connection: Connection): FlowDefinition {
  const check = canConnect(flow, connection);
  if (!check.ok) throw new Error(check.reason);
  const edge: Edge = { from: connection.from, to: connection.to };
  if (connection.port !== 'success') edge.port = connection.port;
  return { ...flow, edges: [...flow.edges, edge] };
}

export function disconnect(flow: FlowDefinition, ids: readonly string[]): FlowDefinition {
  const remove = new Set(ids);
  const edges = flow.edges.filter((e) => !remove.has(edgeId(e)));
  return edges.length === flow.edges.length ? flow : { ...flow, edges };
}
