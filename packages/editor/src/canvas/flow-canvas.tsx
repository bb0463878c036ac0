// The canvas: React Flow in controlled mode over the flow definition. Positions, sizes and selection are kept
// here only while they are transient (a drag in progress); every real change goes through `onEdit` so it lands
// in the undo history.
import {
  Background,
  Controls,
  MarkerType,
  MiniMap,
  ReactFlow,
  useReactFlow,
  type Connection as RFConnection,
  type Edge as RFEdge,
  type EdgeChange,
  type NodeChange,
  type NodeTypes,
} from '@xyflow/react';
import { useCallback, useMemo, useState, type DragEvent } from 'react';
import { canConnect, connect, disconnect, edgeId } from '../model/connect.js';
import { moveNodes, removeNodes } from '../model/flow-edit.js';
import { autoLayout } from '../model/layout.js';
import { fitLegibly } from '../model/viewport.js';
import { layoutOf, portOf, type FlowDefinition } from '../model/flow-types.js';
import type { NodeView, FlowNode } from './node-view.js';
import { StepNodeView } from './step-node.js';

export const PALETTE_MIME = 'application/x-weft-palette';

const nodeTypes: NodeTypes = { weft: StepNodeView };

// Minimap fills are design tokens (styles/tokens.css); xyflow puts them in the node rect's style.
const STATUS_COLORS: Record<string, string> = {
  running: 'var(--run)',
  succeeded: 'var(--ok)',
  failed: 'var(--bad)',
};

function minimapColor(node: FlowNode): string {
  if (node.data.problems.length) return 'var(--minimap-problem)';
  return (
    STATUS_COLORS[node.data.status ?? ''] ??
    (node.data.kind === 'trigger' ? 'var(--accent-border)' : 'var(--minimap-node)')
  );
}

export interface CanvasSelection {
  nodes: string[];
  edges: string[];
}

export interface FlowCanvasProps {
  flow: FlowDefinition;
  views: Map<string, NodeView>;
  selection: CanvasSelection;
  onSelectionChange(selection: CanvasSelection): void;
  onEdit(next: (flow: FlowDefinition) => FlowDefinition, coalesce?: string): void;
  onDropItem(itemId: string, position: { x: number; y: number }): void;
  onNotice(message: string): void;
  onOpenNode(id: string): void;
}

export function FlowCanvas(props: FlowCanvasProps) {
  const { flow, views, selection, onSelectionChange, onEdit, onDropItem, onNotice } = props;
  const { screenToFlowPosition } = useReactFlow();
  const [dragging, setDragging] = useState<Record<string, { x: number; y: number }>>({});
  const [sizes, setSizes] = useState<Record<string, { width: number; height: number }>>({});

  // Flows written by hand or by the API may have no layout: place those nodes with dagre until they are moved.
  const fallback = useMemo(() => {
    const missing = [flow.trigger.id, ...flow.steps.map((s) => s.id)].some((id) => !layoutOf(flow, id));
    return missing ? autoLayout({ ...flow, layout: {} }) : undefined;
  }, [flow]);

  const nodes = useMemo<FlowNode[]>(() => {
    const selected = new Set(selection.nodes);
    return [...views.values()].map((view, index) => {
      const at = dragging[view.id] ??
        layoutOf(flow, view.id) ??
        (fallback && layoutOf(fallback, view.id)) ?? { x: index * 260, y: 0 };
      const node: FlowNode = {
        id: view.id,
        type: 'weft',
        position: { x: at.x, y: at.y },
        data: view,
        selected: selected.has(view.id),
        deletable: view.kind !== 'trigger',
        ariaLabel: `${view.kind === 'trigger' ? 'Trigger' : 'Step'} ${view.title}${view.problems.length ? `, ${view.problems.length} problem${view.problems.length > 1 ? 's' : ''}` : ''}${view.status ? `, ${view.status}` : ''}`,
      };
      const size = sizes[view.id];
      if (size) node.measured = size;
      return node;
    });
  }, [views, flow, fallback, dragging, sizes, selection.nodes]);

  const edges = useMemo<RFEdge[]>(() => {
    const selected = new Set(selection.edges);
    return flow.edges.map((edge) => {
      const id = edgeId(edge);
      const port = portOf(edge);
      const showLabel = port !== 'success';
      return {
        id,
        source: edge.from,
        target: edge.to,
        sourceHandle: port,
        targetHandle: 'in',
        selected: selected.has(id),
        className: `edge-${port.replace(/[^a-z]/gi, '')}`,
        markerEnd: { type: MarkerType.ArrowClosed, width: 16, height: 16 },
        ...(showLabel
          ? { label: port.replace(/^case:/, ''), labelBgPadding: [4, 2] as [number, number], labelBgBorderRadius: 4 }
          : {}),
        ariaLabel: `Connection from ${edge.from} (${port}) to ${edge.to}`,
      };
    });
  }, [flow.edges, selection.edges]);

  const onNodesChange = useCallback(
    (changes: NodeChange<FlowNode>[]) => {
      let nextSelection: string[] | undefined;
      for (const change of changes) {
        if (change.type === 'dimensions' && change.dimensions) {
          const { width, height } = change.dimensions;
          setSizes((s) =>
            s[change.id]?.width === width && s[change.id]?.height === height
              ? s
              : { ...s, [change.id]: { width, height } },
          );
        } else if (change.type === 'position' && change.position && change.dragging) {
          const position = change.position;
          setDragging((d) => ({ ...d, [change.id]: position }));
        } else if (change.type === 'select') {
          nextSelection ??= [...selection.nodes];
          nextSelection = change.selected
            ? [...new Set([...nextSelection, change.id])]
            : nextSelection.filter((id) => id !== change.id);
        }
      }
      if (nextSelection) onSelectionChange({ nodes: nextSelection, edges: selection.edges });
    },
    [onSelectionChange, selection],
  );

  const onEdgesChange = useCallback(
    (changes: EdgeChange[]) => {
      let next: string[] | undefined;
      for (const change of changes) {
        if (change.type !== 'select') continue;
        next ??= [...selection.edges];
        next = change.selected ? [...new Set([...next, change.id])] : next.filter((id) => id !== change.id);
      }
      if (next) onSelectionChange({ nodes: selection.nodes, edges: next });
    },
    [onSelectionChange, selection],
  );

  const onNodeDragStop = useCallback(
    (_event: unknown, _node: FlowNode, moved: FlowNode[]) => {
      const positions: Record<string, { x: number; y: number }> = {};
      // The first move of a flow without layout keeps the placed positions of the other nodes too.
      for (const [id, at] of Object.entries(fallback?.layout ?? {})) if (!layoutOf(flow, id)) positions[id] = at;
      for (const n of moved) positions[n.id] = n.position;
      setDragging({});
      onEdit((f) => moveNodes(f, positions));
    },
    [onEdit, fallback, flow],
  );

  const toConnection = (c: RFConnection | RFEdge) => ({
    from: c.source,
    port: c.sourceHandle ?? 'success',
    to: c.target,
  });

  const isValidConnection = useCallback((c: RFConnection | RFEdge) => canConnect(flow, toConnection(c)).ok, [flow]);

  const onConnect = useCallback(
    (c: RFConnection) => {
      const connection = toConnection(c);
      const check = canConnect(flow, connection);
      if (!check.ok) {
        onNotice(`Cannot connect: ${check.reason}.`);
        return;
      }
      onEdit((f) => connect(f, connection));
    },
    [flow, onEdit, onNotice],
  );

  const onDelete = useCallback(
    ({ nodes: gone, edges: cut }: { nodes: FlowNode[]; edges: RFEdge[] }) => {
      onEdit((f) =>
        removeNodes(
          disconnect(
            f,
            cut.map((e) => e.id),
          ),
          gone.map((n) => n.id),
        ),
      );
      onSelectionChange({ nodes: [], edges: [] });
    },
    [onEdit, onSelectionChange],
  );

  const onDragOver = (event: DragEvent) => {
    if (!event.dataTransfer.types.includes(PALETTE_MIME)) return;
    event.preventDefault();
    event.dataTransfer.dropEffect = 'copy';
  };

  const onDrop = (event: DragEvent) => {
    const itemId = event.dataTransfer.getData(PALETTE_MIME);
    if (!itemId) return;
    event.preventDefault();
    const at = screenToFlowPosition({ x: event.clientX, y: event.clientY });
    onDropItem(itemId, { x: at.x - 110, y: at.y - 30 });
  };

  return (
    <div className="canvas" onDragOver={onDragOver} onDrop={onDrop} data-testid="canvas">
      <ReactFlow<FlowNode, RFEdge>
        nodes={nodes}
        edges={edges}
        nodeTypes={nodeTypes}
        onNodesChange={onNodesChange}
        onEdgesChange={onEdgesChange}
        onNodeDragStop={onNodeDragStop}
        onConnect={onConnect}
        isValidConnection={isValidConnection}
        onDelete={onDelete}
        onNodeDoubleClick={(_e, node) => props.onOpenNode(node.id)}
        deleteKeyCode={['Delete', 'Backspace']}
        multiSelectionKeyCode={['Shift', 'Meta', 'Control']}
        onInit={(instance) =>
          // Once the nodes are measured: centred when the flow fits legibly, else at its trigger (see viewport.ts).
          requestAnimationFrame(() => {
            const all = instance.getNodes();
            const screen = document.querySelector('[data-testid="canvas"]')?.getBoundingClientRect();
            if (!all.length || !screen) return;
            const trigger = instance.getNode(flow.trigger.id);
            const start = trigger
              ? { ...trigger.position, height: trigger.measured?.height ?? 80 }
              : { x: 0, y: 0, height: 80 };
            void instance.setViewport(fitLegibly(instance.getNodesBounds(all), start, screen));
          })
        }
        minZoom={0.2}
        maxZoom={2}
        snapToGrid
        snapGrid={[10, 10]}
        proOptions={{ hideAttribution: true }}
        connectionRadius={28}
        defaultEdgeOptions={{ type: 'smoothstep' }}
      >
        <Background gap={20} size={1} />
        <MiniMap pannable zoomable ariaLabel="Minimap of the flow" nodeStrokeWidth={3} nodeColor={minimapColor} />
        <Controls showInteractive={false} aria-label="Zoom controls" />
      </ReactFlow>
    </div>
  );
}
