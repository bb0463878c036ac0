// Stringify JSON: a value to JSON text, compact or indented.
import { defineAction } from '@weft/sdk';
import { textOutput } from '../text-output.js';

export const stringifyJson = defineAction({
  key: 'stringifyJson',
  title: 'Stringify JSON',
  description: 'Turns a value into JSON text.',
  input: {
    type: 'object',
    properties: {
      value: { title: 'Value' },
      indent: { type: 'integer', minimum: 0, maximum: 8, default: 0, description: 'Spaces per level (0: compact)' },
    },
    required: ['value'],
    additionalProperties: false,
  } as const,
  output: textOutput,
  async run(ctx) {
    const indent = ctx.input.indent ?? 0;
    return { text: JSON.stringify(ctx.input.value, null, indent > 0 ? indent : undefined) };
  },
});
