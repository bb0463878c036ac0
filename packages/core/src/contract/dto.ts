// The shapes the API sends and takes, once: the server answers with them, the OpenAPI document shows them and the
// editor reads them. Times are epoch milliseconds.
import { coreType, type Infer } from './schema.js';

const id = { type: 'string', minLength: 1 } as const;
const time = { type: 'integer', description: 'Epoch milliseconds' } as const;
const nullableTime = { type: ['integer', 'null'], description: 'Epoch milliseconds' } as const;
const json = coreType('JsonValue', {});
const errorInfo = coreType('ErrorInfo', {
  type: 'object',
  required: ['code', 'message'],
  properties: { code: { type: 'string' }, message: { type: 'string' } },
} as const);
export const flowDefinition = coreType('FlowDefinition', {
  type: 'object',
  description: 'A weft.flow/v1 definition; checked by flow validation (422 invalid_flow).',
} as const);

export const ROLE_NAMES = ['viewer', 'operator', 'editor', 'owner'] as const;
export const RUN_STATUSES = ['queued', 'running', 'succeeded', 'failed', 'cancelled'] as const;
export const STEP_STATUSES = ['running', 'succeeded', 'failed', 'skipped', 'cancelled'] as const;
export const AUTH_KINDS = ['none', 'apiKey', 'basic', 'bearer', 'oauth2'] as const;

const role = { enum: ROLE_NAMES } as const;
const runStatus = { enum: RUN_STATUSES } as const;

export const userSchema = {
  type: 'object',
  required: ['id', 'email', 'role'],
  properties: { id, email: { type: 'string' }, role },
} as const;

export const userRecordSchema = {
  type: 'object',
  required: ['id', 'email', 'role', 'createdAt', 'status', 'lastSignInAt'],
  properties: {
    id,
    email: { type: 'string' },
    role,
    createdAt: time,
    status: { enum: ['active', 'deactivated'] },
    lastSignInAt: { type: ['string', 'null'], format: 'date-time', description: 'ISO 8601; null: never' },
  },
} as const;

export const apiTokenSchema = {
  type: 'object',
  required: ['id', 'userId', 'name', 'role', 'createdAt'],
  properties: { id, userId: id, name: { type: 'string' }, role, createdAt: time, lastUsedAt: time },
} as const;

export const flowSummarySchema = {
  type: 'object',
  required: ['id', 'name', 'active', 'activeVersion', 'updatedAt', 'trigger', 'lastRun'],
  properties: {
    id,
    name: { type: 'string' },
    active: { type: 'boolean' },
    activeVersion: { type: ['integer', 'null'] },
    updatedAt: time,
    trigger: { type: 'string', description: 'The trigger connector, e.g. "webhook@1"' },
    lastRun: {
      type: ['object', 'null'],
      required: ['id', 'status', 'createdAt'],
      properties: { id, status: runStatus, createdAt: time },
    },
  },
} as const;

export const flowRecordSchema = {
  type: 'object',
  required: ['id', 'name', 'definition', 'active', 'createdAt', 'updatedAt'],
  properties: {
    id,
    name: { type: 'string' },
    definition: flowDefinition,
    activeVersion: { type: 'integer' },
    active: { type: 'boolean' },
    createdAt: time,
    updatedAt: time,
  },
} as const;

export const flowVersionSchema = {
  type: 'object',
  required: ['flowId', 'version', 'definition', 'createdAt'],
  properties: { flowId: id, version: { type: 'integer' }, definition: flowDefinition, createdAt: time },
} as const;

export const problemItemSchema = {
  type: 'object',
  required: ['code', 'message', 'pointer'],
  properties: {
    code: { type: 'string' },
    message: { type: 'string' },
    pointer: { type: 'string', description: 'JSON Pointer (RFC 6901) into the request' },
    nodeId: { type: 'string' },
    field: { type: 'string' },
  },
} as const;

export const problemsSchema = {
  type: 'object',
  required: ['problems'],
  properties: { problems: { type: 'array', items: problemItemSchema } },
} as const;

export const problemSchema = {
  type: 'object',
  required: ['type', 'title', 'status', 'detail'],
  properties: {
    type: { type: 'string' },
    title: { type: 'string' },
    status: { type: 'integer' },
    detail: { type: 'string' },
    instance: { type: 'string' },
    pointer: { type: 'string' },
    problems: { type: 'array', items: problemItemSchema },
  },
} as const;

export const runSummarySchema = {
  type: 'object',
  required: ['id', 'flowId', 'triggerKind', 'status', 'createdAt'],
  properties: {
    id,
    flowId: id,
    flowVersion: { type: 'integer' },
    triggerKind: { type: 'string' },
    status: runStatus,
    input: json,
    output: json,
    error: errorInfo,
    createdAt: time,
    startedAt: time,
    endedAt: time,
    parentRunId: id,
    parentStep: { type: 'string' },
    retryOf: id,
  },
} as const;

export const stepSchema = {
  type: 'object',
  required: ['key', 'nodeId', 'status', 'attempt', 'startedAt'],
  properties: {
    key: { type: 'string' },
    nodeId: { type: 'string' },
    status: { enum: STEP_STATUSES },
    attempt: { type: 'integer' },
    input: json,
    output: json,
    error: errorInfo,
    port: { type: 'string' },
    startedAt: time,
    endedAt: time,
    resumed: { type: 'boolean' },
  },
} as const;

export const runDetailSchema = {
  type: 'object',
  required: [...runSummarySchema.required, 'steps', 'children'],
  properties: {
    ...runSummarySchema.properties,
    steps: { type: 'array', items: stepSchema, description: 'The first page of steps, in start order' },
    stepCount: { type: 'integer', description: 'How many steps the run has (forEach iterations included)' },
    stepsCursor: { type: 'string', description: 'Present when more steps follow: GET /api/runs/{id}/steps?cursor=…' },
    children: {
      type: 'array',
      description: 'Subflow runs this run started',
      items: {
        type: 'object',
        required: ['id', 'flowId', 'status', 'createdAt'],
        properties: {
          id,
          flowId: id,
          flowVersion: { type: 'integer' },
          parentStep: { type: 'string' },
          status: runStatus,
          createdAt: time,
          endedAt: time,
        },
      },
    },
  },
} as const;

export const logSchema = {
  type: 'object',
  required: ['level', 'message', 'at'],
  properties: {
    runId: id,
    stepKey: { type: 'string' },
    level: { enum: ['debug', 'info', 'warn', 'error'] },
    message: { type: 'string' },
    at: time,
  },
} as const;

export const credentialSchema = {
  type: 'object',
  required: ['id', 'connector', 'kind', 'name', 'status', 'expiresAt', 'lastUsedAt', 'createdAt', 'updatedAt'],
  properties: {
    id,
    connector: { type: 'string' },
    kind: { type: 'string' },
    name: { type: 'string' },
    status: { enum: ['connected', 'needs_reconnect', 'error'] },
    expiresAt: nullableTime,
    lastUsedAt: nullableTime,
    createdAt: time,
    updatedAt: time,
  },
} as const;

export const stepTestSchema = {
  type: 'object',
  required: ['status', 'logs', 'durationMs'],
  properties: {
    status: { enum: ['succeeded', 'failed'] },
    port: { type: 'string' },
    input: json,
    output: json,
    durationMs: { type: 'number' },
    error: errorInfo,
    logs: {
      type: 'array',
      items: {
        type: 'object',
        required: ['level', 'message'],
        properties: { level: { type: 'string' }, message: { type: 'string' } },
      },
    },
  },
} as const;

/** An embedded JSON Schema (an action's input, a trigger's config): passed through as it is. */
const jsonSchema = coreType('JsonObject', { type: 'object' } as const);

export const actionManifestSchema = {
  type: 'object',
  required: ['key', 'title'],
  properties: {
    key: { type: 'string' },
    title: { type: 'string' },
    description: { type: 'string' },
    /** Per-action palette grouping and icon (the `core` manifest sets them); else the connector's. */
    category: { type: 'string' },
    icon: { type: 'string' },
    input: jsonSchema,
    output: jsonSchema,
  },
  additionalProperties: true,
} as const;

export const triggerManifestSchema = {
  type: 'object',
  required: ['key', 'title'],
  properties: {
    key: { type: 'string' },
    title: { type: 'string' },
    kind: { type: 'string', description: 'polling, webhook, schedule; the built-in manual trigger says manual' },
    description: { type: 'string' },
    config: jsonSchema,
    output: jsonSchema,
    verifiesSignature: { type: 'boolean', description: 'webhook: deliveries are signed with a secret' },
  },
  additionalProperties: true,
} as const;

export const connectorManifestSchema = {
  type: 'object',
  required: ['name', 'version', 'title', 'auth', 'actions', 'triggers'],
  description: 'A connector manifest: name, version, auth, actions and triggers with their JSON Schemas.',
  properties: {
    name: { type: 'string' },
    version: { type: 'string' },
    title: { type: 'string' },
    description: { type: 'string' },
    icon: { type: 'string', description: 'A URL, an inline SVG, or a short text/emoji' },
    categories: { type: 'array', items: { type: 'string' } },
    auth: {
      type: 'object',
      required: ['kind'],
      description: 'How a credential for the connector is made; the other properties depend on the kind.',
      properties: { kind: { enum: AUTH_KINDS }, help: { type: 'string' } },
      additionalProperties: true,
    },
    actions: { type: 'array', items: actionManifestSchema },
    triggers: { type: 'array', items: triggerManifestSchema },
    webhook: {
      type: 'object',
      description: 'How to find the signing secret of signed webhook deliveries',
      properties: { secretLabel: { type: 'string' }, instructions: { type: 'string' } },
    },
    test: {
      type: 'object',
      required: ['method', 'path'],
      description: 'The cheapest authenticated request, made by "Test connection"',
      properties: { method: { type: 'string' }, path: { type: 'string' } },
    },
  },
  additionalProperties: true,
} as const;

export type ActionManifest = Infer<typeof actionManifestSchema>;
export type TriggerManifest = Infer<typeof triggerManifestSchema>;
export type ConnectorManifest = Infer<typeof connectorManifestSchema>;

/** `{ items: [...] }` lists; a cursor when more follow. */
export const listOf = <S extends object>(items: S) =>
  ({
    type: 'object',
    required: ['items'],
    properties: { items: { type: 'array', items } },
  }) as const;
