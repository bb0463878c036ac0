// The flow definition format ("weft.flow/v1"): pure data, as stored, exported and edited.
import type { JsonObject, JsonValue } from './json.js';

export const FLOW_SCHEMA = 'weft.flow/v1';

export { controlConfigSchemas } from './control-schemas.js';

/** Control nodes understood by the engine itself. */
export const CONTROL_KINDS = ['if', 'switch', 'forEach', 'merge', 'delay', 'respond', 'subflow'] as const;
export type ControlKind = (typeof CONTROL_KINDS)[number];

/** Transforms built into the engine (mapping and sandboxed code). */
export const TRANSFORM_KINDS = ['transform.map', 'transform.code'] as const;
export type TransformKind = (typeof TRANSFORM_KINDS)[number];

export type OnError = 'fail' | 'continue' | 'route';

export interface RetryPolicy {
  /** Total attempts including the first (1 = no retry). */
  attempts: number;
  backoff?: 'exponential' | 'fixed';
  /** First delay in ms (default 1000). */
  delay?: number;
  /** Upper bound of any delay in ms (default 60000). */
  maxDelay?: number;
}

export interface TriggerNode {
  id: string;
  /** `connector@major`, e.g. `webhook@1`. */
  connector: string;
  trigger: string;
  config?: JsonObject;
  credential?: string;
}

export interface StepNode {
  id: string;
  /** A control kind (`if`), a transform (`transform.map`) or a connector action (`slack@1.postMessage`). */
  use: string;
  name?: string;
  config?: JsonObject;
  credential?: string;
  retry?: RetryPolicy;
  /** Per-attempt timeout in ms. */
  timeout?: number;
  onError?: OnError;
  /**
   * Connector actions send `<runId>:<stepKey>` as an idempotency header on write requests (POST, PUT, PATCH,
   * DELETE), so a retried or resumed step is not applied twice by APIs that honour it. `false` sends none.
   */
  idempotencyKey?: boolean;
}

export interface Edge {
  from: string;
  to: string;
  /** `success` (default), `error`, `true`/`false`, `case:<name>`, `default`, `each`/`done`. */
  port?: string;
}

export interface FlowDefinition {
  schema: typeof FLOW_SCHEMA;
  name: string;
  description?: string;
  trigger: TriggerNode;
  steps: StepNode[];
  edges: Edge[];
  /** Editor layout, kept beside the logic and ignored by the engine. */
  layout?: Record<string, { x: number; y: number }>;
}

export type NodeKind = 'trigger' | 'control' | 'transform' | 'action';

export function kindOfUse(use: string): Exclude<NodeKind, 'trigger'> {
  if ((CONTROL_KINDS as readonly string[]).includes(use)) return 'control';
  if ((TRANSFORM_KINDS as readonly string[]).includes(use)) return 'transform';
  return 'action';
}

/** Splits `slack@1.postMessage` into connector `slack`, major `1`, action `postMessage`. */
export function parseActionRef(use: string): { connector: string; major: number; action: string } | undefined {
  const match = /^([a-z][a-z0-9-]*)@(\d+)\.([A-Za-z][\w-]*)$/.exec(use);
  if (!match) return undefined;
  return { connector: match[1]!, major: Number(match[2]), action: match[3]! };
}

/** Splits `stripe@1` into connector `stripe` and major `1`. */
export function parseConnectorRef(ref: string): { connector: string; major: number } | undefined {
  const match = /^([a-z][a-z0-9-]*)@(\d+)$/.exec(ref);
  if (!match) return undefined;
  return { connector: match[1]!, major: Number(match[2]) };
}

export function portOf(edge: Edge): string {
  return edge.port ?? 'success';
}

export type { JsonObject, JsonValue };
