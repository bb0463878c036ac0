// Running triggers for the runtime: a poll with de-duplication across polls (the state to store is returned),
// a webhook delivery verified and turned into events, and a schedule fire.
import type { AbortSignalLike, JsonValue } from '@weft/core';
import type { ConnectorDefinition } from '../define/connector.js';
import type { LogLevel } from '../define/context.js';
import type { JSONSchema } from '../define/json-schema.js';
import type {
  PollingTriggerDefinition,
  ScheduleTriggerDefinition,
  WebhookTriggerDefinition,
  WebhookResponse,
} from '../define/trigger.js';
import type { WebhookRequest } from '../define/webhook-request.js';
import { ConnectorError } from '../errors.js';
import { schemaAjv } from '../manifest/validate-connector.js';
import { SecretSet } from '../redact.js';
import { describeSchemaProblems, schemaProblems } from './schema-problems.js';
import type { SharedRuntime } from './runtime.js';
import { openStepScope, sanitizeError, sanitizeOutput, type StepScope } from './step-scope.js';

/** What to store between polls (JSON): the connector's cursor and the keys of recently seen items. */
export interface PollState {
  cursor: JsonValue;
  seen: string[];
}

export interface PollRequest {
  credentialId?: string;
  config?: JsonValue;
  /** The state the previous poll returned (undefined the first time). */
  state?: PollState;
  signal?: AbortSignalLike;
  log?: (level: LogLevel, message: string) => void;
  /** How many item keys to remember (default 1000). */
  maxSeen?: number;
}

export interface PollOutcome {
  /** New items only, in the order the connector returned them. */
  events: JsonValue[];
  state: PollState;
}

export interface ScheduleRequest {
  /** The scheduled fire time (ms since epoch). */
  firedAt: number;
  credentialId?: string;
  config?: JsonValue;
  signal?: AbortSignalLike;
  log?: (level: LogLevel, message: string) => void;
}

export type WebhookOutcome =
  | { ok: true; events: JsonValue[]; eventId?: string; response?: WebhookResponse }
  | { ok: false; reason: 'missing_secret' | 'bad_signature'; message: string };

const noLog = () => undefined;

export function runPollTrigger(
  runtime: SharedRuntime,
  connector: ConnectorDefinition,
  trigger: PollingTriggerDefinition,
  request: PollRequest,
): Promise<PollOutcome> {
  return withTriggerScope(runtime, connector, trigger, request, async ({ config, scope, secrets, label }) => {
    const result = await trigger.poll({
      config,
      cursor: request.state?.cursor,
      now: runtime.clock.now(),
      http: scope.http,
      auth: scope.auth,
      log: scope.log,
      signal: scope.signal,
      outbound: scope.outbound,
    });
    if (!result || !Array.isArray(result.items)) {
      throw new ConnectorError({ kind: 'upstream', message: `${label} returned no items array from poll()` });
    }
    const seen = new Set(request.state?.seen ?? []);
    const keys: string[] = [];
    const events: JsonValue[] = [];
    for (const item of result.items) {
      const key = String(trigger.dedupeKey(item));
      if (seen.has(key)) continue;
      seen.add(key);
      keys.push(key);
      events.push(sanitizeOutput(item, secrets));
    }
    const remembered = [...keys.reverse(), ...(request.state?.seen ?? [])].slice(0, request.maxSeen ?? 1000);
    return { events, state: { cursor: sanitizeOutput(result.cursor, new SecretSet()), seen: remembered } };
  });
}

/** The verifier's verdict alone: a rejection, or undefined when the delivery is authentic (or unsigned). */
export async function verifyWebhookDelivery(
  connector: ConnectorDefinition,
  trigger: WebhookTriggerDefinition,
  request: WebhookRequest,
  secret: string | undefined,
): Promise<Extract<WebhookOutcome, { ok: false }> | undefined> {
  const verify = trigger.verify ?? connector.webhook?.verify;
  if (!verify) return undefined;
  if (secret === undefined || secret === '') {
    return {
      ok: false,
      reason: 'missing_secret',
      message: `${connector.title} deliveries are signed, but no signing secret is configured`,
    };
  }
  // A verifier that throws (malformed header...) refuses the delivery like one that says no.
  const valid = await Promise.resolve()
    .then(() => verify(request, secret))
    .catch(() => false);
  if (!valid)
    return { ok: false, reason: 'bad_signature', message: `The ${connector.title} signature is missing or invalid` };
  return undefined;
}

export async function runWebhookTrigger(
  connector: ConnectorDefinition,
  trigger: WebhookTriggerDefinition,
  request: WebhookRequest,
  secret: string | undefined,
  config?: JsonValue,
): Promise<WebhookOutcome> {
  const rejection = await verifyWebhookDelivery(connector, trigger, request, secret);
  if (rejection) return rejection;
  const secrets = new SecretSet(secret ? [secret] : []);
  const label = `${connector.title} · ${trigger.title}`;
  try {
    const response = trigger.respond?.(request, config);
    if (response) return { ok: true, events: [], response };
    const eventId = (trigger.eventId ?? connector.webhook?.eventId)?.(request);
    const events = await trigger.toEvents(request, config);
    if (!Array.isArray(events))
      throw new ConnectorError({ kind: 'upstream', message: `${label}: toEvents() must return an array` });
    const outcome: WebhookOutcome = { ok: true, events: events.map((e) => sanitizeOutput(e, secrets)) };
    if (eventId !== undefined) outcome.eventId = eventId;
    return outcome;
  } catch (error) {
    throw sanitizeError(error, secrets, undefined, label);
  }
}

export async function runScheduleTrigger(
  runtime: SharedRuntime,
  connector: ConnectorDefinition,
  trigger: ScheduleTriggerDefinition,
  request: ScheduleRequest,
): Promise<JsonValue> {
  const run = trigger.run;
  if (!run) return { firedAt: new Date(request.firedAt).toISOString() };
  return withTriggerScope(runtime, connector, trigger, request, async ({ config, scope, secrets }) => {
    const event = await run({
      config,
      firedAt: request.firedAt,
      http: scope.http,
      auth: scope.auth,
      log: scope.log,
      signal: scope.signal,
      outbound: scope.outbound,
    });
    return sanitizeOutput(event, secrets);
  });
}

interface TriggerScope {
  config: unknown;
  scope: StepScope;
  secrets: SecretSet;
  label: string;
}

/** Validates the trigger's config, opens its connection scope, and redacts secrets from whatever it throws. */
async function withTriggerScope<T>(
  runtime: SharedRuntime,
  connector: ConnectorDefinition,
  trigger: { title: string; config?: JSONSchema },
  request: {
    config?: JsonValue;
    credentialId?: string;
    log?: (level: LogLevel, message: string) => void;
    signal?: AbortSignalLike;
  },
  body: (scope: TriggerScope) => Promise<T>,
): Promise<T> {
  const secrets = new SecretSet();
  const label = `${connector.title} · ${trigger.title}`;
  let signal: AbortSignal | undefined;
  try {
    const config = checkConfig(trigger.config, request.config, label);
    const scope = await openStepScope(
      runtime,
      { connector, credentialId: request.credentialId, log: request.log ?? noLog, signal: request.signal },
      secrets,
    );
    signal = scope.signal;
    return await body({ config, scope, secrets, label });
  } catch (error) {
    throw sanitizeError(error, secrets, signal, label);
  }
}

function checkConfig(schema: JSONSchema | undefined, config: JsonValue | undefined, label: string): unknown {
  const copy = structuredClone(config ?? {});
  if (!schema) return copy;
  const validate = schemaAjv.compile(schema as object);
  if (validate(copy)) return copy;
  const problems = schemaProblems(validate.errors);
  throw new ConnectorError({
    kind: 'validation',
    code: 'connector_invalid_config',
    message: `Invalid configuration for ${label}: ${describeSchemaProblems(problems, '(config)')}`,
    details: { problems: problems.map((p) => ({ ...p })) },
  });
}
