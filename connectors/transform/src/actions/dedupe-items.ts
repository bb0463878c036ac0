// Dedupe items: drops items whose key fields repeat an earlier (or later) item's.
import { defineAction } from '@weft/sdk';
import { dedupe } from '../dedupe.js';
import type { Json } from '../paths.js';

export const dedupeItems = defineAction({
  key: 'dedupeItems',
  title: 'Remove duplicates',
  description: 'Keeps one item per key (one or more fields), the first or the last seen.',
  input: {
    type: 'object',
    properties: {
      items: { type: 'array', title: 'Items' },
      key: {
        anyOf: [
          { type: 'string', minLength: 1 },
          { type: 'array', items: { type: 'string', minLength: 1 } },
        ],
        description: 'Field path(s) that identify an item; none: whole items are compared',
      },
      keep: { enum: ['first', 'last'], default: 'first' },
    },
    required: ['items'],
    additionalProperties: false,
  } as const,
  output: {
    type: 'object',
    properties: { items: { type: 'array' }, count: { type: 'integer' }, removed: { type: 'integer' } },
    required: ['items', 'count', 'removed'],
    additionalProperties: false,
  } as const,
  async run(ctx) {
    const { key, keep = 'first' } = ctx.input;
    const keys = key === undefined ? [] : typeof key === 'string' ? [key] : key;
    const items = dedupe(ctx.input.items as Json[], keys, keep);
    return { items, count: items.length, removed: ctx.input.items.length - items.length };
  },
});
