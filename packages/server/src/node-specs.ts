// What the publish check needs to know about an installed connector's action or trigger: the schema of its
// settings, the schema of its output, and whether it needs a connection (said in words for the message).
import { parseActionRef, parseConnectorRef, type NodeSpec } from '@weft/core';
import type { ConnectorManifest, ConnectorRegistry } from '@weft/sdk/runtime';

/** Whether every use of this connector needs a connection (its auth is neither none nor optional). */
function needsConnection(manifest: ConnectorManifest): boolean {
  return manifest.auth.kind !== 'none' && manifest.auth.optional !== true;
}

export function describeAction(registry: ConnectorRegistry, use: string): NodeSpec | undefined {
  const ref = parseActionRef(use);
  const manifest = ref ? registry.get(`${ref.connector}@${ref.major}`)?.manifest : undefined;
  const action = manifest?.actions.find((a) => a.key === ref?.action);
  if (!manifest || !action) return undefined;
  const spec: NodeSpec = { config: action.input, output: action.output };
  if (needsConnection(manifest)) spec.connection = `a ${manifest.title} connection`;
  return spec;
}

export function describeTrigger(
  registry: ConnectorRegistry,
  node: { connector: string; trigger: string },
): NodeSpec | undefined {
  if (!parseConnectorRef(node.connector)) return undefined;
  const manifest = registry.get(node.connector)?.manifest;
  const trigger = manifest?.triggers.find((t) => t.key === node.trigger);
  if (!manifest || !trigger) return undefined;
  const spec: NodeSpec = {};
  if (trigger.config) spec.config = trigger.config;
  if (trigger.output) spec.output = trigger.output;
  // A webhook trigger only needs the secret its deliveries are signed with; the others call the service.
  if (trigger.kind === 'webhook') {
    if (trigger.verifiesSignature) {
      spec.connection = `the ${manifest.title} signing secret`;
      spec.connectionHint = 'enter it in the trigger’s panel';
    }
  } else if (needsConnection(manifest)) spec.connection = `a ${manifest.title} connection`;
  return spec;
}
