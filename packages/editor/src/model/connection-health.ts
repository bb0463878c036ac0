// Connector health as the editor shows it: the server's report (per connector and per connection, 5-minute
// window) indexed by connection, and which nodes of a flow use a degraded or down connection. A connector whose
// circuit breaker is open makes every connection of that connector down, with or without traffic of its own.
import type { ConnectorHealthReport } from '@weft/core/contract';
import { parseActionRef, type FlowDefinition } from './flow-types.js';

export type HealthStatus = ConnectorHealthReport['items'][number]['status'];
export type ConnectorHealthItem = ConnectorHealthReport['items'][number];

export interface HealthFigures {
  status: HealthStatus;
  requests: number;
  errors: number;
  errorRate: number;
  breakerOpen: boolean;
}

export interface HealthIndex {
  /** Connector name (`stripe`, no version) → its figures. */
  connectors: Map<string, HealthFigures>;
  /** Credential id → its figures (a breaker open on its connector already applied). */
  connections: Map<string, HealthFigures & { connector: string }>;
  windowMs: number;
}

export interface NodeHealthWarning extends HealthFigures {
  nodeId: string;
  credentialId: string;
  connector: string;
  status: Exclude<HealthStatus, 'healthy'>;
}

const RANK: Record<HealthStatus, number> = { healthy: 0, degraded: 1, down: 2 };

export function worse(a: HealthStatus, b: HealthStatus): HealthStatus {
  return RANK[a] >= RANK[b] ? a : b;
}

/** `stripe@1` or `stripe` → `stripe` (the report names connectors without their major). */
export function connectorName(ref: string): string {
  return ref.replace(/@\d+$/, '');
}

export function indexHealth(report: ConnectorHealthReport | undefined): HealthIndex {
  const index: HealthIndex = { connectors: new Map(), connections: new Map(), windowMs: report?.windowMs ?? 0 };
  for (const item of report?.items ?? []) {
    const { connector, breakerOpen } = item;
    index.connectors.set(connector, figuresOf(item, breakerOpen));
    for (const connection of item.connections)
      index.connections.set(connection.credentialId, { ...figuresOf(connection, breakerOpen), connector });
  }
  return index;
}

function figuresOf(figures: Omit<HealthFigures, 'breakerOpen'>, breakerOpen: boolean): HealthFigures {
  const { requests, errors, errorRate } = figures;
  return { status: breakerOpen ? 'down' : figures.status, requests, errors, errorRate, breakerOpen };
}

/**
 * The health of one connection: its own figures, or — without traffic in the window — down when its connector's
 * breaker is open, else unknown (undefined).
 */
export function connectionHealth(
  index: HealthIndex,
  credentialId: string,
  connector: string | undefined,
): HealthFigures | undefined {
  const own = index.connections.get(credentialId);
  if (own) return own;
  const parent = connector === undefined ? undefined : index.connectors.get(connectorName(connector));
  if (parent?.breakerOpen) return { status: 'down', requests: 0, errors: 0, errorRate: 0, breakerOpen: true };
  return undefined;
}

/** Every node of the flow (trigger and steps) whose connection is degraded or down, by node id. */
export function nodeHealthWarnings(flow: FlowDefinition, index: HealthIndex): Map<string, NodeHealthWarning> {
  const warnings = new Map<string, NodeHealthWarning>();
  const check = (nodeId: string, credentialId: string | undefined, connector: string | undefined) => {
    if (!credentialId) return;
    const health = connectionHealth(index, credentialId, connector);
    if (!health || health.status === 'healthy') return;
    const named = index.connections.get(credentialId)?.connector ?? (connector ? connectorName(connector) : '');
    warnings.set(nodeId, { ...health, status: health.status, nodeId, credentialId, connector: named });
  };
  check(flow.trigger.id, flow.trigger.credential, flow.trigger.connector);
  for (const step of flow.steps) check(step.id, step.credential, parseActionRef(step.use)?.connector);
  return warnings;
}

export const STATUS_LABEL: Record<HealthStatus, string> = { healthy: 'Healthy', degraded: 'Degraded', down: 'Down' };

/** "Down · 45% errors (9 of 20 requests in 5 min) · circuit breaker open" */
export function healthText(health: HealthFigures, windowMs = 300_000): string {
  return `${STATUS_LABEL[health.status]} · ${figuresText(health, windowMs)}`;
}

/** "45% errors (9 of 20 requests in 5 min) · circuit breaker open" */
export function figuresText(health: HealthFigures, windowMs = 300_000): string {
  const minutes = Math.round(windowMs / 60_000);
  const parts: string[] = [];
  if (health.requests > 0)
    parts.push(
      `${percent(health.errorRate)} errors (${health.errors} of ${health.requests} requests in ${minutes} min)`,
    );
  else parts.push(`no requests in ${minutes} min`);
  if (health.breakerOpen) parts.push('circuit breaker open');
  return parts.join(' · ');
}

export function percent(rate: number): string {
  const value = rate * 100;
  return `${value >= 10 || value === 0 ? Math.round(value) : value.toFixed(1)}%`;
}

/** The flow-level warning: the worst status among the nodes, and a sentence naming how many nodes. */
export function flowHealthSummary(
  warnings: ReadonlyMap<string, NodeHealthWarning>,
): { status: Exclude<HealthStatus, 'healthy'>; text: string; nodeIds: string[] } | undefined {
  const list = [...warnings.values()];
  if (!list.length) return undefined;
  const status = list.some((w) => w.status === 'down') ? 'down' : 'degraded';
  const connections = new Set(list.map((w) => w.credentialId)).size;
  const nodes = list.length === 1 ? '1 step uses' : `${list.length} steps use`;
  const what = connections === 1 ? 'a connection' : `${connections} connections`;
  const worst = list.reduce((a, b) => ((RANK[b.status] - RANK[a.status] || b.errorRate - a.errorRate) > 0 ? b : a));
  return {
    status,
    text: `${nodes} ${what} that ${connections === 1 ? 'is' : 'are'} ${status} — ${worst.connector}: ${figuresText(worst)}.`,
    nodeIds: list.map((w) => w.nodeId),
  };
}

/** Credential ids that are degraded or down, for the flows list to check definitions against. */
export function unhealthyConnections(index: HealthIndex): Set<string> {
  const ids = new Set<string>();
  for (const [id, health] of index.connections) if (health.status !== 'healthy') ids.add(id);
  return ids;
}

/** Whether anything is unhealthy at all (no need to look at flow definitions otherwise). */
export function anyUnhealthy(index: HealthIndex): boolean {
  if (unhealthyConnections(index).size > 0) return true;
  for (const health of index.connectors.values()) if (health.breakerOpen) return true;
  return false;
}

/** Whether two sets of warnings would draw the same (status and figures per node): redraws only on change. */
export function sameWarnings(
  a: ReadonlyMap<string, NodeHealthWarning>,
  b: ReadonlyMap<string, NodeHealthWarning>,
): boolean {
  if (a.size !== b.size) return false;
  for (const [id, warning] of a) {
    const other = b.get(id);
    if (!other || healthText(other) !== healthText(warning) || other.credentialId !== warning.credentialId)
      return false;
  }
  return true;
}
