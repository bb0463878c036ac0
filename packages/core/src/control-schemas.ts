// Config schemas of the engine's own node kinds (control nodes and transforms), used by validation and
// served to the editor like a connector's action inputs. Any value may also be a `{{ }}` expression string
// unless the schema says otherwise.
import type { ControlKind, TransformKind } from './flow.js';

const expressionOr = (schema: object) => ({
  anyOf: [schema, { type: 'string', pattern: '^\\s*\\{\\{[\\s\\S]*\\}\\}\\s*$' }],
});

export const controlConfigSchemas: Record<ControlKind | TransformKind, object> = {
  if: {
    type: 'object',
    required: ['condition'],
    properties: { condition: { description: 'True or false; usually an expression like {{ trigger.amount > 100 }}' } },
  },
  switch: {
    type: 'object',
    required: ['cases'],
    properties: {
      cases: {
        type: 'array',
        minItems: 1,
        items: {
          type: 'object',
          required: ['name', 'when'],
          properties: { name: { type: 'string', pattern: '^[A-Za-z0-9_-]+$' }, when: {} },
        },
      },
    },
  },
  forEach: {
    type: 'object',
    required: ['items'],
    properties: {
      items: { description: 'The list to iterate, e.g. {{ steps.fetch.items }}' },
      concurrency: { type: 'integer', minimum: 1, maximum: 100, default: 1 },
    },
  },
  merge: { type: 'object' },
  delay: {
    type: 'object',
    properties: {
      ms: expressionOr({ type: 'integer', minimum: 0, maximum: 31_536_000_000 }),
      until: { type: 'string', description: 'ISO date-time to wait for' },
    },
    anyOf: [{ required: ['ms'] }, { required: ['until'] }],
  },
  respond: {
    type: 'object',
    properties: {
      status: expressionOr({ type: 'integer', minimum: 100, maximum: 599 }),
      headers: { type: 'object', additionalProperties: { type: 'string' } },
      body: {},
    },
  },
  subflow: {
    type: 'object',
    required: ['flow'],
    properties: { flow: { type: 'string', minLength: 1 }, input: {} },
  },
  'transform.map': { type: 'object' },
  'transform.code': {
    type: 'object',
    required: ['code'],
    properties: { code: { type: 'string', minLength: 1 } },
  },
};
