// Parse JSON: text to a value, with the parser's message when it is not JSON.
import { ConnectorError, defineAction } from '@weft/sdk';

export const parseJson = defineAction({
  key: 'parseJson',
  title: 'Parse JSON',
  description: 'Turns JSON text into a value.',
  input: {
    type: 'object',
    properties: { text: { type: 'string', title: 'JSON text' } },
    required: ['text'],
    additionalProperties: false,
  } as const,
  output: {
    type: 'object',
    properties: { value: {} },
    required: ['value'],
    additionalProperties: false,
  } as const,
  async run(ctx) {
    try {
      return { value: JSON.parse(ctx.input.text) as unknown };
    } catch (error) {
      throw new ConnectorError({
        kind: 'validation',
        message: `The text is not valid JSON: ${error instanceof Error ? error.message : String(error)}`,
      });
    }
  },
});
