// The manifest: everything about a connector that is data (no functions) — what the editor palette shows,
// what is validated at load time and what can be sent over the wire.
import type { JsonObject } from '@weft/core';
import type { AuthSpec } from '../auth/auth-spec.js';
import type { ConnectorDefinition } from '../define/connector.js';
import type { RateLimit } from '../define/rate-limit.js';
import type { TriggerKind } from '../define/trigger.js';
import type { RetryOptions } from '../http/http-types.js';

export interface ActionManifest {
  key: string;
  title: string;
  description: string;
  input: JsonObject;
  output: JsonObject;
  retry?: RetryOptions | false;
}

export interface TriggerManifest {
  key: string;
  kind: TriggerKind;
  title: string;
  description: string;
  config?: JsonObject;
  output?: JsonObject;
  /** polling */
  intervalMs?: number;
  /** schedule */
  schedule?: { cron: string; timezone?: string };
  /** webhook: whether deliveries are signature-checked */
  verifiesSignature?: boolean;
  /** webhook: whether deliveries carry an id used to drop redeliveries */
  dedupesDeliveries?: boolean;
}

export interface ConnectorManifest {
  name: string;
  version: string;
  title: string;
  description: string;
  icon?: string;
  categories: string[];
  auth: AuthSpec;
  rateLimits: RateLimit[];
  baseUrl?: string;
  idempotencyHeader?: string | false;
  docsUrl?: string;
  actions: ActionManifest[];
  triggers: TriggerManifest[];
  webhook?: { secretLabel?: string; instructions?: string };
  /** The request "Test connection" makes (see ConnectionTest). */
  test?: { method: 'GET' | 'POST'; path: string; okField?: string };
}

/** The serializable part of a connector (a deep copy: functions dropped, optional fields omitted when unset). */
export function manifestOf(connector: ConnectorDefinition): ConnectorManifest {
  const manifest: ConnectorManifest = {
    name: connector.name,
    version: connector.version,
    title: connector.title,
    description: connector.description,
    categories: [...(connector.categories ?? [])],
    auth: connector.auth ?? { kind: 'none' },
    rateLimits: (connector.rateLimits ?? []).map((limit) => ({ ...limit })),
    actions: (connector.actions ?? []).map((action) => {
      const entry: ActionManifest = {
        key: action.key,
        title: action.title,
        description: action.description,
        input: action.input as JsonObject,
        output: action.output as JsonObject,
      };
      if (action.retry !== undefined) entry.retry = action.retry;
      return entry;
    }),
    triggers: (connector.triggers ?? []).map((trigger) => {
      const entry: TriggerManifest = {
        key: trigger.key,
        kind: trigger.kind,
        title: trigger.title,
        description: trigger.description,
      };
      if (trigger.config !== undefined) entry.config = trigger.config as JsonObject;
      if (trigger.output !== undefined) entry.output = trigger.output as JsonObject;
      if (trigger.kind === 'polling' && trigger.intervalMs !== undefined) entry.intervalMs = trigger.intervalMs;
      if (trigger.kind === 'schedule') entry.schedule = { ...trigger.schedule };
      if (trigger.kind === 'webhook') {
        entry.verifiesSignature = typeof (trigger.verify ?? connector.webhook?.verify) === 'function';
        entry.dedupesDeliveries = typeof (trigger.eventId ?? connector.webhook?.eventId) === 'function';
      }
      return entry;
    }),
  };
  optional(manifest, 'icon', connector.icon);
  optional(manifest, 'baseUrl', connector.baseUrl);
  optional(manifest, 'idempotencyHeader', connector.idempotencyHeader);
  optional(manifest, 'docsUrl', connector.docsUrl);
  if (connector.test) manifest.test = { ...connector.test };
  if (connector.webhook) {
    const webhook: NonNullable<ConnectorManifest['webhook']> = {};
    optional(webhook, 'secretLabel', connector.webhook.secretLabel);
    optional(webhook, 'instructions', connector.webhook.instructions);
    manifest.webhook = webhook;
  }
  // A JSON round trip drops anything not JSON (functions, undefined) and detaches from the author's objects.
  return JSON.parse(JSON.stringify(manifest)) as ConnectorManifest;
}

function optional<T extends object, K extends keyof T>(target: T, key: K, value: T[K] | undefined): void {
  if (value !== undefined) target[key] = value;
}
