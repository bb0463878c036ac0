// Config schemas of the engine's own node kinds (control nodes and transforms), used by validation and
// served to the editor like a connector's action inputs. Any value may also be a `{{ }}` expression string
// unless the schema says otherwise.
// This is the only copy: the editor's fallback palette reads it through `@weft/core/flow`, so titles live here too.
import type { ControlKind, TransformKind } from './flow.js';
import type { JsonObject } from './json.js';

const expressionOr = (schema: JsonObject): JsonObject => ({
  anyOf: [schema, { type: 'string', pattern: '^\\s*\\{\\{[\\s\\S]*\\}\\}\\s*$' }],
});

export const controlConfigSchemas: Record<ControlKind | TransformKind, JsonObject> = {
  if: {
    type: 'object',
    required: ['condition'],
    properties: {
      condition: {
        title: 'Condition',
        description: 'True or false; usually an expression like {{ trigger.amount > 100 }}',
      },
    },
  },
  switch: {
    type: 'object',
    required: ['cases'],
    properties: {
      cases: {
        type: 'array',
        title: 'Cases',
        description: 'Checked in order; the first whose “when” is true is followed, else “default”.',
        minItems: 1,
        items: {
          type: 'object',
          required: ['name', 'when'],
          properties: { name: { type: 'string', title: 'Name', pattern: '^[A-Za-z0-9_-]+$' }, when: { title: 'When' } },
        },
      },
    },
  },
  forEach: {
    type: 'object',
    required: ['items'],
    properties: {
      items: { title: 'Items', description: 'The list to iterate, e.g. {{ steps.fetch.items }}' },
      concurrency: { type: 'integer', title: 'Concurrency', minimum: 1, maximum: 100, default: 1 },
    },
  },
  merge: { type: 'object' },
  delay: {
    type: 'object',
    properties: {
      ms: { title: 'Wait (ms)', ...expressionOr({ type: 'integer', minimum: 0, maximum: 31_536_000_000 }) },
      until: { type: 'string', title: 'Or until', description: 'ISO date-time to wait for' },
    },
    anyOf: [{ required: ['ms'] }, { required: ['until'] }],
  },
  respond: {
    type: 'object',
    properties: {
      status: { title: 'Status', default: 200, ...expressionOr({ type: 'integer', minimum: 100, maximum: 599 }) },
      headers: { type: 'object', title: 'Headers', additionalProperties: { type: 'string' } },
      body: { title: 'Body' },
    },
  },
  subflow: {
    type: 'object',
    required: ['flow'],
    properties: { flow: { type: 'string', title: 'Flow id', minLength: 1 }, input: { title: 'Input' } },
  },
  'transform.map': { type: 'object' },
  'transform.code': {
    type: 'object',
    required: ['code'],
    properties: { code: { type: 'string', minLength: 1 } },
  },
};
