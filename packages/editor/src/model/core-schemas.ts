// Input schemas of the engine's own nodes for when the server's catalog does not describe them (mirrors
// core's control-schemas; the server's `core` manifest wins when present).
import type { JsonSchema } from './catalog.js';

export const coreInputSchemas: Record<string, JsonSchema> = {
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
        items: {
          type: 'object',
          required: ['name', 'when'],
          properties: { name: { type: 'string', title: 'Name' }, when: { title: 'When' } },
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
  merge: { type: 'object', properties: {} },
  delay: {
    type: 'object',
    properties: {
      ms: { type: 'integer', title: 'Wait (ms)', minimum: 0 },
      until: { type: 'string', title: 'Or until', description: 'ISO date-time to wait for' },
    },
  },
  respond: {
    type: 'object',
    properties: {
      status: { type: 'integer', title: 'Status', minimum: 100, maximum: 599, default: 200 },
      headers: { type: 'object', title: 'Headers', additionalProperties: { type: 'string' } },
      body: { title: 'Body' },
    },
  },
  subflow: {
    type: 'object',
    required: ['flow'],
    properties: { flow: { type: 'string', title: 'Flow id' }, input: { title: 'Input' } },
  },
  'transform.map': { type: 'object' },
  'transform.code': { type: 'object', required: ['code'], properties: { code: { type: 'string' } } },
};
