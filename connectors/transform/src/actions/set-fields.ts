// Set fields: set, copy and remove fields by deep path on an object or on every item of a list.
import { defineAction } from '@weft/sdk';
import type { Json } from '../paths.js';
import { setFields as applyFields, type FieldRule } from '../set-fields.js';

export const setFields = defineAction({
  key: 'setFields',
  title: 'Set fields',
  description: 'Sets, copies and removes fields (deep paths like customer.address.city) on an object or each item.',
  input: {
    type: 'object',
    properties: {
      data: { title: 'Object or list of objects' },
      fields: {
        type: 'array',
        title: 'Fields',
        items: {
          type: 'object',
          properties: {
            to: { type: 'string', minLength: 1, description: 'Path to write, e.g. customer.email' },
            from: { type: 'string', description: 'Copy from this path of the item' },
            value: { description: 'A fixed value, or the fallback when "from" finds nothing' },
          },
          required: ['to'],
          additionalProperties: false,
        },
      },
      remove: { type: 'array', title: 'Remove', items: { type: 'string', minLength: 1 } },
      mode: { enum: ['merge', 'replace'], default: 'merge', description: 'replace: keep only the fields set' },
    },
    required: ['data'],
    additionalProperties: false,
  } as const,
  output: {
    type: 'object',
    properties: { result: {} },
    required: ['result'],
    additionalProperties: false,
  } as const,
  async run(ctx) {
    const options = {
      fields: (ctx.input.fields ?? []) as FieldRule[],
      remove: ctx.input.remove ?? [],
      mode: ctx.input.mode ?? 'merge',
    };
    const data = ctx.input.data as Json;
    const result = Array.isArray(data) ? data.map((item) => applyFields(item, options)) : applyFields(data, options);
    return { result };
  },
});
