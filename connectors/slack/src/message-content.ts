// The content of a message (text and/or Block Kit blocks), shared by posting and updating.

export const messageContentProperties = {
  text: {
    type: 'string',
    title: 'Text',
    maxLength: 40_000,
    description: 'mrkdwn text; with blocks it is the notification and accessibility fallback.',
  },
  blocks: {
    type: 'array',
    title: 'Blocks',
    description: 'Block Kit blocks (at most 50), e.g. from Block Kit Builder.',
    maxItems: 50,
    items: { type: 'object', properties: { type: { type: 'string' } }, required: ['type'] },
  },
} as const;

export const messageOutput = {
  type: 'object',
  properties: {
    channel: { type: 'string', description: 'Channel id' },
    ts: { type: 'string', description: 'Message timestamp: its id within the channel' },
    text: { type: 'string' },
  },
  required: ['channel', 'ts'],
} as const;
