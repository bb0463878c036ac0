// A read-only drawing of the run's flow with each node coloured by its status in this run.
import { Background, ReactFlow, type Edge as RFEdge, type NodeTypes } from '@xyflow/react';
import { useMemo } from 'react';
import { buildNodeView, type FlowNode } from '../../canvas/node-view.js';
import { StepNodeView } from '../../canvas/step-node.js';
import type { ConnectorManifest } from '../../model/catalog.js';
import { edgeId } from '../../model/connect.js';
import { layoutOf, portOf, type FlowDefinition } from '../../model/flow-types.js';
import { autoLayout } from '../../model/layout.js';
import { nodeStatuses, type RunView } from '../../model/run-state.js';

const nodeTypes: NodeTypes = { weft: StepNodeView };
export function RunGraph({
  flow,
  view,
  selectedKey,
  onSelect,
  manifests,
}: {
  flow: FlowDefinition;
  view: RunView;
  selectedKey: string | undefined;
  onSelect(key: string): void;
  manifests: ConnectorManifest[];
}) {
  const laidOut = useMemo(() => (flow.steps.every((s) => layoutOf(flow, s.id)) ? flow : autoLayout(flow)), [flow]);
  const statuses = useMemo(() => nodeStatuses(view), [view]);
  const selectedNode = selectedKey ? view.steps.get(selectedKey)?.nodeId : undefined;
  const nodes = useMemo<FlowNode[]>(
    () =>
      [laidOut.trigger.id, ...laidOut.steps.map((s) => s.id)].map((id) => ({
        id,
        type: 'weft',
        position: layoutOf(laidOut, id) ?? { x: 0, y: 0 },
        data: buildNodeView(laidOut, id, { manifests, problems: new Map(), statuses }),
        selected: id === selectedNode,
        draggable: false,
        connectable: false,
      })),
    [laidOut, statuses, selectedNode, manifests],
  );
  const edges = useMemo<RFEdge[]>(
    () =>
      laidOut.edges.map((e) => ({
        id: edgeId(e),
        source: e.from,
        target: e.to,
        sourceHandle: portOf(e),
        targetHandle: 'in',
        type: 'smoothstep',
        label: portOf(e) === 'success' ? undefined : portOf(e),
      })),
    [laidOut],
  );
  return (
    <div className="run-graph" data-testid="run-graph">
      <ReactFlow
        nodes={nodes}
        edges={edges}
        nodeTypes={nodeTypes}
        fitView
        fitViewOptions={{ padding: 0.2, maxZoom: 1 }}
        nodesDraggable={false}
        nodesConnectable={false}
        elementsSelectable
        // The wheel scrolls the page past the graph (a read-only picture); pinch or the buttons zoom it.
        zoomOnScroll={false}
        panOnScroll={false}
        preventScrolling={false}
        proOptions={{ hideAttribution: true }}
        onNodeClick={(_e, node) => {
          const steps = [...view.steps.values()].filter((s) => s.nodeId === node.id);
          const last = steps[steps.length - 1];
          if (last) onSelect(last.key);
        }}
      >
        <Background gap={20} size={1} />
      </ReactFlow>
    </div>
  );
}
