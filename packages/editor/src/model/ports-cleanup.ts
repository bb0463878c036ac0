// Keeps edges consistent with ports after a step changes: a renamed switch case carries its edges along, and
// edges leaving a port that vanished (a deleted case, error routing turned off) go too — otherwise the server
// would report invalid_port on an edge the canvas cannot show.
import { portOf, type FlowDefinition, type StepNode } from './flow-types.js';
import { hasPort, switchCaseNames } from './ports.js';

export function reconcilePorts(flow: FlowDefinition, before: StepNode, after: StepNode): FlowDefinition {
  let edges = flow.edges;
  if (before.use === 'switch' && after.use === 'switch') {
    const oldNames = switchCaseNames(before);
    const newNames = switchCaseNames(after);
    if (oldNames.length === newNames.length) {
      const renamed = new Map(oldNames.map((name, i) => [`case:${name}`, `case:${newNames[i]}`]));
      edges = edges.map((e) => {
        const to = e.from === after.id ? renamed.get(portOf(e)) : undefined;
        return to && to !== portOf(e) ? { ...e, port: to } : e;
      });
    }
  }
  edges = edges.filter((e) => e.from !== after.id || hasPort(after, portOf(e)));
  const same = edges.length === flow.edges.length && edges.every((e, i) => e === flow.edges[i]);
  return same ? flow : { ...flow, edges };
}
