// Parse CSV: text to rows (objects keyed by the header line, or lists of cells).
import { defineAction } from '@weft/sdk';
import { parseCsv as parse } from '../csv.js';

export const parseCsv = defineAction({
  key: 'parseCsv',
  title: 'Parse CSV',
  description: 'Turns CSV text into rows: objects keyed by the header line, or lists of cells.',
  input: {
    type: 'object',
    properties: {
      text: { type: 'string', title: 'CSV text' },
      delimiter: { type: 'string', minLength: 1, maxLength: 4, default: ',' },
      header: { type: 'boolean', default: true, description: 'The first line names the columns' },
      columns: { type: 'array', items: { type: 'string' }, description: 'Column names, when there is no header' },
      trim: { type: 'boolean', default: false },
      skipEmptyLines: { type: 'boolean', default: true },
      numbers: { type: 'boolean', default: false, description: 'Turn unquoted numeric cells into numbers' },
    },
    required: ['text'],
    additionalProperties: false,
  } as const,
  output: {
    type: 'object',
    properties: { rows: { type: 'array' }, count: { type: 'integer' } },
    required: ['rows', 'count'],
    additionalProperties: false,
  } as const,
  async run(ctx) {
    const { text, ...options } = ctx.input;
    const rows = parse(text, options);
    return { rows, count: rows.length };
  },
});
