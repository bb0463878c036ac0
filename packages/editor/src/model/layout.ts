// Auto-layout with dagre: left-to-right layers, ports ordered as drawn, positions rounded for tidy diffs.
import dagre from '@dagrejs/dagre';
import { portOf, type FlowDefinition } from './flow-types.js';
import { moveNodes } from './flow-edit.js';
import { outputPorts } from './ports.js';

export interface LayoutOptions {
  nodeWidth?: number;
  nodeHeight?: number;
  /** Measured sizes from the canvas, when known. */
  sizes?: Record<string, { width: number; height: number }>;
}

export function autoLayout(flow: FlowDefinition, options: LayoutOptions = {}): FlowDefinition {
  const width = options.nodeWidth ?? 220;
  const height = options.nodeHeight ?? 72;
  const g = new dagre.graphlib.Graph({ multigraph: true });
  g.setGraph({ rankdir: 'LR', nodesep: 40, ranksep: 90, marginx: 20, marginy: 20 });
  g.setDefaultEdgeLabel(() => ({}));
  const ids = [flow.trigger.id, ...flow.steps.map((s) => s.id)];
  for (const id of ids) {
    const size = options.sizes?.[id];
    g.setNode(id, { width: size?.width ?? width, height: size?.height ?? height });
  }
  const steps = new Map(flow.steps.map((s) => [s.id, s]));
  // Order edges by port position so `true` lands above `false`, cases in order, `each` above `done`.
  const ordered = [...flow.edges].sort((a, b) => {
    if (a.from !== b.from) return 0;
    const ports = outputPorts(steps.get(a.from)).map((p) => p.id);
    return ports.indexOf(portOf(a)) - ports.indexOf(portOf(b));
  });
  for (const edge of ordered) {
    if (!g.hasNode(edge.from) || !g.hasNode(edge.to)) continue;
    g.setEdge(edge.from, edge.to, {}, `${edge.from}:${portOf(edge)}->${edge.to}`);
  }
  dagre.layout(g);
  const positions: Record<string, { x: number; y: number }> = {};
  for (const id of ids) {
    const node = g.node(id);
    // dagre gives centres; the canvas positions by the top-left corner.
    positions[id] = { x: node.x - node.width / 2, y: node.y - node.height / 2 };
  }
  return moveNodes(flow, positions);
}
