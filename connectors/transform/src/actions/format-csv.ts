// Format CSV: rows (objects or lists of cells) to CSV text.
import { defineAction } from '@weft/sdk';
import { textOutput } from '../text-output.js';
import { formatCsv as format } from '../csv.js';
import type { Json } from '../paths.js';

export const formatCsv = defineAction({
  key: 'formatCsv',
  title: 'Format CSV',
  description: 'Turns rows (objects or lists of cells) into CSV text.',
  input: {
    type: 'object',
    properties: {
      rows: { type: 'array', title: 'Rows' },
      columns: { type: 'array', items: { type: 'string' }, description: 'Fields to write, in order' },
      header: { type: 'boolean', default: true },
      delimiter: { type: 'string', minLength: 1, maxLength: 4, default: ',' },
      escapeFormulas: {
        type: 'boolean',
        default: false,
        description: 'Prefix cells starting with = + - @ so spreadsheets treat them as text',
      },
      eol: { enum: ['\n', '\r\n'], default: '\n' },
    },
    required: ['rows'],
    additionalProperties: false,
  } as const,
  output: textOutput,
  async run(ctx) {
    const { rows, ...options } = ctx.input;
    return { text: format(rows as Json[], options) };
  },
});
