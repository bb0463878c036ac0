// defineTrigger: what starts a flow. Three kinds: `polling` (ask the API for new items), `webhook` (the
// provider calls us) and `schedule` (cron). Config and item types come from their JSON Schemas.
import type { JsonValue } from '@weft/core';
import type { PollContext, ScheduleContext } from './context.js';
import type { AnyObjectSchema, FromSchema, JSONSchema } from './json-schema.js';
import type { WebhookRequest } from './webhook-request.js';

interface TriggerBase {
  /** `[A-Za-z][A-Za-z0-9_-]*`, unique within the connector. */
  readonly key: string;
  readonly title: string;
  readonly description: string;
  /** What the user configures on the trigger node. */
  readonly config?: JSONSchema;
  /** Shape of one event (one item) the trigger emits. */
  readonly output?: JSONSchema;
}

export interface PollResult<Item> {
  items: Item[];
  /** Stored and passed back as `ctx.cursor` on the next poll (JSON). */
  cursor: JsonValue;
}

/** Triggers as the runtime sees them (types erased). */
export interface PollingTriggerDefinition extends TriggerBase {
  readonly kind: 'polling';
  /** Default time between polls in ms (default 300 000). */
  readonly intervalMs?: number;
  poll(ctx: PollContext<unknown>): Promise<PollResult<unknown>>;
  /** Identifies an item so it fires once, even when a later poll returns it again. */
  dedupeKey(item: unknown): string;
}

export interface WebhookTriggerDefinition extends TriggerBase {
  readonly kind: 'webhook';
  /** Overrides the connector's `webhook.verify`. */
  verify?(request: WebhookRequest, secret: string): boolean | Promise<boolean>;
  /** One delivery may carry several events; each starts a run. `config` is the flow's trigger config. */
  toEvents(request: WebhookRequest, config?: JsonValue): JsonValue[] | Promise<JsonValue[]>;
  /** Overrides the connector's `webhook.eventId`. */
  eventId?(request: WebhookRequest): string | undefined;
  /** A handshake to answer instead of starting runs (e.g. Slack's url_verification); checked after `verify`. */
  respond?(request: WebhookRequest, config?: JsonValue): WebhookResponse | undefined;
}

/** What the runtime answers to a webhook handshake. */
export interface WebhookResponse {
  status: number;
  headers?: Record<string, string>;
  body: JsonValue;
}

export interface ScheduleTriggerDefinition extends TriggerBase {
  readonly kind: 'schedule';
  /** Default schedule; the user may override the cron expression in the trigger config (`cron`). */
  readonly schedule: { readonly cron: string; readonly timezone?: string };
  /** Builds the event for one fire (default `{ firedAt }`). */
  run?(ctx: ScheduleContext<unknown>): Promise<JsonValue>;
}

export type TriggerDefinition = PollingTriggerDefinition | WebhookTriggerDefinition | ScheduleTriggerDefinition;
export type TriggerKind = TriggerDefinition['kind'];

// Config and item types are defaulted type parameters (see action.ts for why).
export interface PollingTriggerSpec<C extends JSONSchema, O extends JSONSchema, Config, Item> {
  key: string;
  title: string;
  description: string;
  kind: 'polling';
  config?: C;
  output?: O;
  intervalMs?: number;
  poll(ctx: PollContext<NoInfer<Config>>): Promise<PollResult<NoInfer<Item>>>;
  dedupeKey(item: NoInfer<Item>): string;
}

export interface WebhookTriggerSpec<C extends JSONSchema, O extends JSONSchema> {
  key: string;
  title: string;
  description: string;
  kind: 'webhook';
  config?: C;
  output?: O;
  verify?(request: WebhookRequest, secret: string): boolean | Promise<boolean>;
  toEvents(request: WebhookRequest, config?: JsonValue): JsonValue[] | Promise<JsonValue[]>;
  eventId?(request: WebhookRequest): string | undefined;
  respond?(request: WebhookRequest, config?: JsonValue): WebhookResponse | undefined;
}

export interface ScheduleTriggerSpec<C extends JSONSchema, Config> {
  key: string;
  title: string;
  description: string;
  kind: 'schedule';
  config?: C;
  output?: JSONSchema;
  schedule: { cron: string; timezone?: string };
  run?(ctx: ScheduleContext<NoInfer<Config>>): Promise<JsonValue>;
}

export function defineTrigger<
  const C extends JSONSchema = AnyObjectSchema,
  const O extends JSONSchema = AnyObjectSchema,
  Config = FromSchema<C>,
  Item = FromSchema<O>,
>(spec: PollingTriggerSpec<C, O, Config, Item>): PollingTriggerDefinition;
export function defineTrigger<
  const C extends JSONSchema = AnyObjectSchema,
  const O extends JSONSchema = AnyObjectSchema,
>(spec: WebhookTriggerSpec<C, O>): WebhookTriggerDefinition;
export function defineTrigger<const C extends JSONSchema = AnyObjectSchema, Config = FromSchema<C>>(
  spec: ScheduleTriggerSpec<C, Config>,
): ScheduleTriggerDefinition;
export function defineTrigger(spec: TriggerDefinition): TriggerDefinition {
  return Object.freeze({ ...spec });
}
