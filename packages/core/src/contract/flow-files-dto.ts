// The shapes of flows as files (export, import plan), version diffs and run replay, as the API sends and takes them.
import { FLOW_FILE_FORMAT, FLOW_ID_PATTERN } from '../flow-files.js';
import { coreType } from './schema.js';

const json = coreType('JsonValue', {});

export const flowFileSchema = coreType('FlowFile', {
  type: 'object',
  description:
    'A weft.flow-file/v1 document: the published version and the draft of one flow, credentials named by name.',
  required: ['format', 'id', 'active', 'published'],
  properties: {
    format: { const: FLOW_FILE_FORMAT },
    id: { type: 'string', pattern: FLOW_ID_PATTERN },
    active: { type: 'boolean' },
    published: { type: ['object', 'null'], description: 'A weft.flow/v1 definition, or null (never published)' },
    draft: { type: 'object', description: 'A weft.flow/v1 definition; absent when it equals the published one' },
  },
} as const);

const credentialUseSchema = {
  type: 'object',
  required: ['nodeId', 'credential'],
  properties: { nodeId: { type: 'string' }, credential: { type: 'string' }, connector: { type: 'string' } },
} as const;

export const importPlanSchema = {
  type: 'object',
  required: ['applied', 'flows', 'missingCredentials'],
  properties: {
    applied: { type: 'boolean', description: 'False for a dry run: nothing was changed' },
    flows: {
      type: 'array',
      items: {
        type: 'object',
        required: ['id', 'name', 'action', 'changes', 'active', 'missingCredentials'],
        properties: {
          id: { type: 'string' },
          name: { type: 'string' },
          action: { enum: ['create', 'update', 'unchanged'] },
          changes: { type: 'array', items: { enum: ['published', 'draft', 'active'] } },
          active: { type: 'boolean', description: 'Whether the flow is active after the import' },
          missingCredentials: { type: 'array', items: credentialUseSchema },
        },
      },
    },
    missingCredentials: {
      type: 'array',
      description: 'What to connect on this instance: each credential name no connection answers to',
      items: {
        type: 'object',
        required: ['credential', 'flows'],
        properties: {
          credential: { type: 'string' },
          connector: { type: 'string' },
          flows: { type: 'array', items: { type: 'string' } },
        },
      },
    },
  },
} as const;

export const importBody = {
  type: 'object',
  required: ['files'],
  properties: {
    files: { type: 'array', maxItems: 10000, items: flowFileSchema },
    credentials: {
      type: 'object',
      description: 'Credential names in the files → a credential name or id of this instance',
      additionalProperties: { type: 'string' },
    },
    dryRun: { type: 'boolean' },
  },
} as const;

export const flowDiffSchema = {
  type: 'object',
  required: ['from', 'to', 'nodes', 'edges', 'fields'],
  properties: {
    from: { type: ['integer', 'string'], description: 'A version number or "draft"' },
    to: { type: ['integer', 'string'] },
    nodes: {
      type: 'object',
      required: ['added', 'removed', 'changed'],
      properties: {
        added: { type: 'array', items: { type: 'string' } },
        removed: { type: 'array', items: { type: 'string' } },
        changed: { type: 'array', items: { type: 'string' } },
      },
    },
    edges: {
      type: 'object',
      required: ['added', 'removed'],
      properties: {
        added: { type: 'array', items: coreType('Opaque', { type: 'object' } as const) },
        removed: { type: 'array', items: coreType('Opaque', { type: 'object' } as const) },
      },
    },
    fields: {
      type: 'array',
      items: {
        type: 'object',
        required: ['pointer', 'change'],
        properties: {
          node: { type: 'string', description: 'The node; absent for fields of the definition itself' },
          pointer: { type: 'string', description: 'JSON Pointer, relative to the node when there is one' },
          change: { enum: ['added', 'removed', 'changed'] },
          before: json,
          after: json,
        },
      },
    },
  },
} as const;

export const versionRef = { type: 'string', pattern: '^([1-9][0-9]{0,8}|draft)$' } as const;
