// What the runtime itself provides: the engine's node kinds (as the `core` manifest for the editor palette)
// and the webhook, schedule, manual and alert triggers. Connector packages (see the SDK) add the rest.
import { controlConfigSchemas, type ConnectorCatalog, type JsonObject, type NodeSpec } from '@weft/core';

export const builtinTriggers: Record<string, readonly string[]> = {
  'webhook@1': ['event'],
  'schedule@1': ['cron'],
  'manual@1': ['run'],
  'alert@1': ['fired'],
};

export const builtinCatalog: ConnectorCatalog = {
  hasAction: () => false,
  hasTrigger: (connector, trigger) => builtinTriggers[connector]?.includes(trigger) ?? false,
  describeTrigger({ connector, trigger, config }) {
    if (!builtinTriggers[connector]?.includes(trigger)) return undefined;
    const name = connector.split('@')[0];
    const schema = builtinManifests.find((m) => m.name === name)?.triggers.find((t) => t.key === trigger)?.config;
    const spec: NodeSpec = schema ? { config: schema as JsonObject } : {};
    if (connector === 'webhook@1') {
      // A signed or access-controlled hook reads its secret from the trigger's connection.
      if (config?.verify === 'hmac' || config?.verify === 'standardWebhooks') {
        spec.connection = 'the signing secret';
        spec.connectionHint = 'enter it in the trigger’s panel';
      } else if (config?.access === 'basic') spec.connection = 'a username and password for callers';
      else if (config?.access === 'header') spec.connection = 'the token callers must send';
    }
    return spec;
  },
};

const NODE_INFO: Record<string, { title: string; description: string; category: string; icon: string }> = {
  'transform.map': {
    title: 'Map fields',
    description: 'Build an object from mappings',
    category: 'Transform',
    icon: '🧩',
  },
  'transform.code': { title: 'Code', description: 'Run JavaScript in a sandbox', category: 'Transform', icon: '⌨️' },
  if: { title: 'If', description: 'Branch on a condition', category: 'Flow control', icon: '🔀' },
  switch: { title: 'Switch', description: 'Route to the first matching case', category: 'Flow control', icon: '🚦' },
  forEach: {
    title: 'For each',
    description: 'Run steps for every item of a list',
    category: 'Flow control',
    icon: '🔁',
  },
  merge: { title: 'Merge', description: 'Wait for every incoming branch', category: 'Flow control', icon: '⛙' },
  delay: { title: 'Delay', description: 'Wait for a duration or until a time', category: 'Flow control', icon: '⏱️' },
  respond: { title: 'Respond', description: 'Answer the webhook caller', category: 'Flow control', icon: '↩️' },
  subflow: { title: 'Subflow', description: 'Run another flow', category: 'Flow control', icon: '📦' },
};

export interface BuiltinManifest {
  name: string;
  version: string;
  title: string;
  description: string;
  icon: string;
  categories: string[];
  auth: { kind: 'none' };
  actions: {
    key: string;
    title: string;
    description: string;
    category: string;
    icon: string;
    input: object;
    output: object;
  }[];
  triggers: { key: string; title: string; kind: string; config: object }[];
}

export const builtinManifests: BuiltinManifest[] = [
  {
    name: 'core',
    version: '1.0.0',
    title: 'Weft',
    description: 'Flow control, mappings and code',
    icon: '🧵',
    categories: ['Flow control', 'Transform'],
    auth: { kind: 'none' },
    actions: Object.entries(controlConfigSchemas).map(([key, input]) => ({
      key,
      ...NODE_INFO[key]!,
      input,
      output: {},
    })),
    triggers: [],
  },
  {
    name: 'webhook',
    version: '1.0.0',
    title: 'Webhook',
    description: 'Start a flow with an HTTP request',
    icon: '🪝',
    categories: ['Triggers'],
    auth: { kind: 'none' },
    actions: [],
    triggers: [
      {
        key: 'event',
        title: 'On webhook call',
        kind: 'webhook',
        config: {
          type: 'object',
          properties: {
            verify: {
              enum: ['none', 'hmac', 'standardWebhooks'],
              default: 'none',
              description: 'Check a signature made with the connection’s signingSecret',
            },
            // Developer-only details of the signature and access checks: the editor shows them under "Advanced".
            signatureHeader: {
              type: 'string',
              default: 'x-signature',
              description: 'hmac: the header holding the signature',
              'x-advanced': true,
            },
            signaturePrefix: {
              type: 'string',
              description: 'hmac: text before the digest, e.g. sha256=',
              'x-advanced': true,
            },
            algorithm: { enum: ['sha256', 'sha1', 'sha512'], default: 'sha256', 'x-advanced': true },
            encoding: { enum: ['hex', 'base64'], default: 'hex', 'x-advanced': true },
            access: {
              enum: ['public', 'basic', 'header'],
              default: 'public',
              description: 'Require basic auth (username/password) or a token header from the connection',
            },
            accessHeader: { type: 'string', default: 'x-webhook-token', 'x-advanced': true },
            eventIdHeader: {
              type: 'string',
              'x-advanced': true,
              description:
                'Header with the delivery id used to drop redeliveries (unverified hooks only: a verified one uses ' +
                'the signed webhook-id, or the body for hmac)',
            },
          },
        },
      },
    ],
  },
  {
    name: 'schedule',
    version: '1.0.0',
    title: 'Schedule',
    description: 'Start a flow on a cron schedule',
    icon: '⏰',
    categories: ['Triggers'],
    auth: { kind: 'none' },
    actions: [],
    triggers: [
      {
        key: 'cron',
        title: 'On a schedule',
        kind: 'schedule',
        config: {
          type: 'object',
          required: ['cron'],
          properties: {
            cron: { type: 'string', description: 'Cron expression, e.g. */15 * * * *' },
            timezone: { type: 'string', default: 'UTC' },
            missed: { enum: ['runOnce', 'skip'], default: 'runOnce' },
          },
        },
      },
    ],
  },
  {
    name: 'manual',
    version: '1.0.0',
    title: 'Manual',
    description: 'Start a flow by hand (test runs, the API)',
    icon: '▶️',
    categories: ['Triggers'],
    auth: { kind: 'none' },
    actions: [],
    triggers: [{ key: 'run', title: 'When started by hand', kind: 'manual', config: { type: 'object' } }],
  },
  {
    name: 'alert',
    version: '1.0.0',
    title: 'Alerts',
    description: "Weft's own alerts (firing and resolved), to route to Slack, email or anywhere",
    icon: '🚨',
    categories: ['Triggers'],
    auth: { kind: 'none' },
    actions: [],
    triggers: [{ key: 'fired', title: 'When an alert fires or resolves', kind: 'alert', config: { type: 'object' } }],
  },
];
