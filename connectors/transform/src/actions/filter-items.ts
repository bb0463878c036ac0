// Filter items: keeps the items that match conditions given as data (field, operator, value).
import { defineAction } from '@weft/sdk';
import { matchesAll, OPERATORS, type Condition } from '../conditions.js';
import type { Json } from '../paths.js';

export const filterItems = defineAction({
  key: 'filterItems',
  title: 'Filter items',
  description: 'Keeps the items whose fields match all (or any) of the conditions.',
  input: {
    type: 'object',
    properties: {
      items: { type: 'array', title: 'Items' },
      conditions: {
        type: 'array',
        title: 'Conditions',
        items: {
          type: 'object',
          properties: {
            field: { type: 'string', description: 'Path in each item, e.g. status or customer.country' },
            operator: { enum: OPERATORS },
            value: { description: 'What to compare with (a list for in / notIn)' },
            caseSensitive: { type: 'boolean', default: true },
          },
          required: ['field', 'operator'],
          additionalProperties: false,
        },
      },
      match: { enum: ['all', 'any'], default: 'all' },
    },
    required: ['items', 'conditions'],
    additionalProperties: false,
  } as const,
  output: {
    type: 'object',
    properties: {
      items: { type: 'array' },
      count: { type: 'integer' },
      rejected: { type: 'array' },
    },
    required: ['items', 'count', 'rejected'],
    additionalProperties: false,
  } as const,
  async run(ctx) {
    const conditions = ctx.input.conditions as Condition[];
    const mode = ctx.input.match ?? 'all';
    const items: Json[] = [];
    const rejected: Json[] = [];
    for (const item of ctx.input.items as Json[]) (matchesAll(item, conditions, mode) ? items : rejected).push(item);
    return { items, count: items.length, rejected };
  },
});
