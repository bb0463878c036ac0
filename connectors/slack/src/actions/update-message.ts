// Update message: chat.update replaces the text and/or blocks of a message the app posted.
import { ConnectorError, defineAction } from '@weft/sdk';
import { messageContentProperties, messageOutput } from '../message-content.js';
import { callSlack, type SlackResponse } from '../slack-api.js';

export const updateMessage = defineAction({
  key: 'updateMessage',
  title: 'Update message',
  description: 'Changes the text and/or blocks of a message the app posted earlier.',
  input: {
    type: 'object',
    properties: {
      channel: { type: 'string', title: 'Channel id', minLength: 1 },
      ts: { type: 'string', title: 'Message ts', pattern: '^\\d+\\.\\d+$', description: 'From Post message’s output.' },
      ...messageContentProperties,
    },
    required: ['channel', 'ts'],
    additionalProperties: false,
  } as const,
  output: messageOutput,
  // chat.update is idempotent: repeating it after a dropped connection leaves the same message.
  retry: { unsafe: true },
  async run(ctx) {
    const { channel, ts, text, blocks } = ctx.input;
    if (text === undefined && blocks === undefined) {
      throw new ConnectorError({
        kind: 'validation',
        code: 'slack_no_content',
        message: 'Give the message a text or blocks.',
      });
    }
    const result = await callSlack<SlackResponse & { channel: string; ts: string; text?: string }>(ctx.http, {
      method: 'chat.update',
      json: { channel, ts, text, blocks },
    });
    return { channel: result.channel, ts: result.ts, text: result.text ?? text ?? '' };
  },
});
