// The meta-schema every connector manifest must satisfy (draft-07). Checks that need code — unique keys,
// valid embedded JSON Schemas, functions present — live in validate-connector.ts.
import { SEMVER_PATTERN } from './semver.js';

const KEY = '^[A-Za-z][A-Za-z0-9_-]*$';
const text = { type: 'string', minLength: 1 } as const;
const url = { type: 'string', pattern: '^https?://[^\\s]+$' } as const;
const schemaObject = { type: 'object' } as const;

const retry = {
  oneOf: [
    { const: false },
    {
      type: 'object',
      additionalProperties: false,
      properties: {
        attempts: { type: 'integer', minimum: 1, maximum: 10 },
        delay: { type: 'integer', minimum: 0 },
        maxDelay: { type: 'integer', minimum: 0 },
        statuses: {
          type: 'array',
          items: { anyOf: [{ type: 'integer', minimum: 100, maximum: 599 }, { const: '5xx' }] },
        },
        network: { type: 'boolean' },
        maxRetryAfter: { type: 'integer', minimum: 0 },
        unsafe: { type: 'boolean' },
      },
    },
  ],
} as const;

const auth = {
  type: 'object',
  required: ['kind'],
  properties: {
    kind: { enum: ['none', 'apiKey', 'basic', 'bearer', 'oauth2'] },
    help: { type: 'string' },
    optional: { type: 'boolean' },
  },
  allOf: [
    {
      if: { properties: { kind: { const: 'apiKey' } } },
      then: {
        required: ['in', 'name'],
        properties: { in: { enum: ['header', 'query'] }, name: text, prefix: { type: 'string' } },
      },
    },
    {
      if: { properties: { kind: { const: 'oauth2' } } },
      then: {
        required: ['grant', 'tokenUrl'],
        properties: {
          grant: { enum: ['authorizationCode', 'clientCredentials'] },
          authorizeUrl: url,
          tokenUrl: url,
          scopes: { type: 'array', items: text },
          scopeSeparator: { type: 'string' },
          pkce: { type: 'boolean' },
          authorizeParams: { type: 'object', additionalProperties: { type: 'string' } },
          clientAuth: { enum: ['body', 'basic'] },
        },
      },
    },
    {
      if: { properties: { kind: { const: 'oauth2' }, grant: { const: 'authorizationCode' } }, required: ['grant'] },
      then: { required: ['authorizeUrl'] },
    },
  ],
} as const;

const action = {
  type: 'object',
  required: ['key', 'title', 'description', 'input', 'output'],
  additionalProperties: false,
  properties: {
    key: { type: 'string', pattern: KEY, maxLength: 64 },
    title: text,
    description: { type: 'string' },
    input: schemaObject,
    output: schemaObject,
    retry,
  },
} as const;

const trigger = {
  type: 'object',
  required: ['key', 'kind', 'title', 'description'],
  additionalProperties: false,
  properties: {
    key: { type: 'string', pattern: KEY, maxLength: 64 },
    kind: { enum: ['polling', 'webhook', 'schedule'] },
    title: text,
    description: { type: 'string' },
    config: schemaObject,
    output: schemaObject,
    intervalMs: { type: 'integer', minimum: 1000 },
    schedule: {
      type: 'object',
      required: ['cron'],
      additionalProperties: false,
      properties: { cron: text, timezone: text },
    },
    verifiesSignature: { type: 'boolean' },
    dedupesDeliveries: { type: 'boolean' },
  },
  if: { properties: { kind: { const: 'schedule' } } },
  then: { required: ['schedule'] },
} as const;

export const connectorManifestSchema = {
  $id: 'https://weft.dev/schemas/connector-manifest.json',
  type: 'object',
  required: ['name', 'version', 'title', 'description', 'auth', 'actions', 'triggers', 'rateLimits', 'categories'],
  additionalProperties: false,
  properties: {
    name: { type: 'string', pattern: '^[a-z][a-z0-9-]*$', maxLength: 64 },
    version: { type: 'string', pattern: SEMVER_PATTERN },
    title: text,
    description: { type: 'string' },
    icon: { type: 'string' },
    categories: { type: 'array', items: text },
    auth,
    rateLimits: {
      type: 'array',
      items: {
        type: 'object',
        required: ['per', 'limit', 'interval'],
        additionalProperties: false,
        properties: {
          per: { enum: ['credential', 'connector'] },
          limit: { type: 'integer', minimum: 1 },
          interval: { type: 'integer', minimum: 1 },
        },
      },
    },
    baseUrl: url,
    idempotencyHeader: {
      anyOf: [{ type: 'string', pattern: "^[!#$%&'*+.^_`|~0-9A-Za-z-]+$" }, { const: false }],
    },
    docsUrl: url,
    actions: { type: 'array', items: action },
    triggers: { type: 'array', items: trigger },
    webhook: {
      type: 'object',
      additionalProperties: false,
      properties: { secretLabel: { type: 'string' }, instructions: { type: 'string' } },
    },
    test: {
      type: 'object',
      required: ['method', 'path'],
      additionalProperties: false,
      properties: {
        method: { enum: ['GET', 'POST'] },
        path: { type: 'string', pattern: '^/' },
        okField: { type: 'string', minLength: 1 },
      },
    },
  },
} as const;
