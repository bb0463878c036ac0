// Aggregate items: group by fields and compute count / sum / min / max / avg per group.
import { defineAction } from '@weft/sdk';
import { aggregate, type Aggregation } from '../aggregate.js';
import type { Json } from '../paths.js';

export const aggregateItems = defineAction({
  key: 'aggregateItems',
  title: 'Aggregate items',
  description: 'Groups items by fields and computes count, sum, min, max and average per group.',
  input: {
    type: 'object',
    properties: {
      items: { type: 'array', title: 'Items' },
      groupBy: { type: 'array', items: { type: 'string', minLength: 1 }, description: 'Paths; none: one group' },
      aggregations: {
        type: 'array',
        minItems: 1,
        items: {
          type: 'object',
          properties: {
            op: { enum: ['count', 'sum', 'min', 'max', 'avg'] },
            field: { type: 'string', minLength: 1 },
            as: { type: 'string', minLength: 1, description: 'Output field; default e.g. sum_amount' },
          },
          required: ['op'],
          additionalProperties: false,
        },
      },
    },
    required: ['items', 'aggregations'],
    additionalProperties: false,
  } as const,
  output: {
    type: 'object',
    properties: { groups: { type: 'array' }, count: { type: 'integer' } },
    required: ['groups', 'count'],
    additionalProperties: false,
  } as const,
  async run(ctx) {
    const groups = aggregate(
      ctx.input.items as Json[],
      ctx.input.groupBy ?? [],
      ctx.input.aggregations as Aggregation[],
    );
    return { groups, count: groups.length };
  },
});
