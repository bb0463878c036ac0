// The output schema of the actions that turn data into text (Format CSV, Stringify JSON): one `text` string.
export const textOutput = {
  type: 'object',
  properties: { text: { type: 'string' } },
  required: ['text'],
  additionalProperties: false,
} as const;
