// What a node on the canvas shows, computed from the definition, the catalog, problems and run state.
import type { Node } from '@xyflow/react';
import { findAction, findTrigger, type ConnectorManifest } from '../model/catalog.js';
import type { NodeHealthWarning } from '../model/connection-health.js';
import {
  kindOfUse,
  type EditorNodeKind,
  type FlowDefinition,
  type JsonValue,
  type StepNode,
} from '../model/flow-types.js';
import { outputPorts, type PortInfo } from '../model/ports.js';
import type { Problem } from '../model/problems.js';
import type { StepStatus } from '../model/run-state.js';

export interface NodeView {
  [key: string]: unknown;
  id: string;
  title: string;
  subtitle: string;
  icon: string;
  kind: EditorNodeKind;
  ports: PortInfo[];
  problems: Problem[];
  status: StepStatus | undefined;
  /** A one-line preview of the node's last test output (or the trigger's sample), when known. */
  preview: string | undefined;
  /** The node's connection is degraded or down (connector health), when so. */
  health?: NodeHealthWarning | undefined;
}

export type FlowNode = Node<NodeView, 'weft'>;

const KIND_ICON: Record<string, string> = { control: '◇', transform: '⇄', action: '◆', trigger: '⚡' };

export function stepTitle(step: StepNode, manifests: ConnectorManifest[]): string {
  if (step.name) return step.name;
  return findAction(manifests, step.use)?.action.title ?? step.use;
}

export function buildNodeView(
  flow: FlowDefinition,
  id: string,
  context: {
    manifests: ConnectorManifest[];
    problems: Map<string, Problem[]>;
    statuses: Map<string, StepStatus>;
    samples?: Record<string, JsonValue | undefined>;
    health?: ReadonlyMap<string, NodeHealthWarning>;
  },
): NodeView {
  const sample = context.samples?.[id];
  const base = {
    id,
    problems: context.problems.get(id) ?? [],
    status: context.statuses.get(id),
    preview: sample === undefined ? undefined : previewOf(sample),
    health: context.health?.get(id),
  };
  if (id === flow.trigger.id) {
    const found = findTrigger(context.manifests, flow.trigger.connector, flow.trigger.trigger);
    return {
      ...base,
      title: found?.trigger.title ?? `${flow.trigger.connector} ${flow.trigger.trigger}`,
      subtitle: `Trigger · ${found?.manifest.title ?? flow.trigger.connector}`,
      icon: found?.manifest.icon ?? KIND_ICON.trigger!,
      kind: 'trigger',
      ports: outputPorts(undefined),
    };
  }
  const step = flow.steps.find((s) => s.id === id)!;
  const found = findAction(context.manifests, step.use);
  const kind = kindOfUse(step.use);
  const icon = found
    ? (found.action.icon ?? (found.manifest.name === 'core' ? undefined : found.manifest.icon))
    : undefined;
  return {
    ...base,
    title: stepTitle(step, context.manifests),
    subtitle: `${step.id} · ${found?.manifest.name === 'core' ? found.action.title : (found?.manifest.title ?? step.use)}`,
    icon: icon ?? coreIcon(step.use) ?? KIND_ICON[kind]!,
    kind,
    ports: outputPorts(step),
  };
}

const CORE_ICONS: Record<string, string> = {
  if: '⑂',
  switch: '⇶',
  forEach: '↻',
  merge: '⋈',
  delay: '⏱',
  respond: '↩',
  subflow: '⎘',
  'transform.map': '⇄',
  'transform.code': '{}',
};

function coreIcon(use: string): string | undefined {
  return CORE_ICONS[use];
}

function previewOf(value: JsonValue): string {
  const text = JSON.stringify(value) ?? 'null';
  return text.length > 80 ? `${text.slice(0, 79)}…` : text;
}
