// Split items: a list into batches of at most `size` items (e.g. for APIs that take 100 at a time).
import { defineAction } from '@weft/sdk';
import { chunk } from '../dedupe.js';

export const chunkItems = defineAction({
  key: 'chunkItems',
  title: 'Split into batches',
  description: 'Splits a list into batches of at most N items.',
  input: {
    type: 'object',
    properties: {
      items: { type: 'array', title: 'Items' },
      size: { type: 'integer', minimum: 1, maximum: 100_000, title: 'Batch size' },
    },
    required: ['items', 'size'],
    additionalProperties: false,
  } as const,
  output: {
    type: 'object',
    properties: { chunks: { type: 'array', items: { type: 'array' } }, count: { type: 'integer' } },
    required: ['chunks', 'count'],
    additionalProperties: false,
  } as const,
  async run(ctx) {
    const chunks = chunk(ctx.input.items, ctx.input.size);
    return { chunks, count: chunks.length };
  },
});
