// Post message: chat.postMessage with text and/or Block Kit blocks, optionally in a thread.
import { ConnectorError, defineAction } from '@weft/sdk';
import { messageContentProperties, messageOutput } from '../message-content.js';
import { callSlack, type SlackResponse } from '../slack-api.js';

export const postMessage = defineAction({
  key: 'postMessage',
  title: 'Post message',
  description: 'Posts a message (text and/or Block Kit blocks) to a channel, DM or thread.',
  input: {
    type: 'object',
    properties: {
      channel: {
        type: 'string',
        title: 'Channel',
        minLength: 1,
        description: 'Channel id (C…), user id for a DM, or #name.',
      },
      ...messageContentProperties,
      threadTs: { type: 'string', title: 'Reply in thread', pattern: '^\\d+\\.\\d+$' },
      replyBroadcast: { type: 'boolean', description: 'Also show the thread reply in the channel.' },
      unfurlLinks: { type: 'boolean' },
      unfurlMedia: { type: 'boolean' },
      username: { type: 'string', description: 'Needs chat:write.customize.' },
      iconEmoji: { type: 'string', pattern: '^:[^:\\s]+:$', description: 'Needs chat:write.customize.' },
    },
    required: ['channel'],
    additionalProperties: false,
  } as const,
  output: messageOutput,
  async run(ctx) {
    const input = ctx.input;
    if (input.text === undefined && input.blocks === undefined) {
      throw new ConnectorError({
        kind: 'validation',
        code: 'slack_no_content',
        message: 'Give the message a text or blocks.',
      });
    }
    const result = await callSlack<SlackResponse & { channel: string; ts: string; message?: { text?: string } }>(
      ctx.http,
      {
        method: 'chat.postMessage',
        json: {
          channel: input.channel,
          text: input.text,
          blocks: input.blocks,
          thread_ts: input.threadTs,
          reply_broadcast: input.replyBroadcast,
          unfurl_links: input.unfurlLinks,
          unfurl_media: input.unfurlMedia,
          username: input.username,
          icon_emoji: input.iconEmoji,
        },
      },
    );
    return { channel: result.channel, ts: result.ts, text: result.message?.text ?? input.text ?? '' };
  },
});
