// Send email: Gmail users.messages.send with the RFC 2822 message base64url-encoded as `raw`.
import { ConnectorError, defineAction } from '@weft/sdk';
import { GMAIL } from '../google-request.js';
import { buildMimeMessage, toRaw } from '../mime-message.js';

const addresses = { type: 'array', items: { type: 'string', minLength: 3 }, maxItems: 100 } as const;

export const sendEmail = defineAction({
  key: 'sendEmail',
  title: 'Send email',
  description: 'Sends an email from the connected Gmail account (plain text and/or HTML).',
  input: {
    type: 'object',
    properties: {
      to: {
        ...addresses,
        title: 'To',
        minItems: 1,
        description: 'Addresses, e.g. ada@example.com or Ada <ada@example.com>.',
      },
      cc: { ...addresses, title: 'Cc' },
      bcc: { ...addresses, title: 'Bcc' },
      replyTo: { type: 'string', title: 'Reply to' },
      from: {
        type: 'string',
        title: 'From',
        description: 'The account or one of its “send as” aliases; default the account.',
      },
      subject: { type: 'string', title: 'Subject', maxLength: 998 },
      text: { type: 'string', title: 'Text body' },
      html: { type: 'string', title: 'HTML body' },
      threadId: { type: 'string', title: 'Thread id', description: 'Reply in this Gmail thread.' },
      inReplyTo: { type: 'string', title: 'In reply to (Message-ID)', pattern: '^<[^<>\\s]+>$' },
    },
    required: ['to', 'subject'],
    additionalProperties: false,
  } as const,
  output: {
    type: 'object',
    properties: {
      id: { type: 'string' },
      threadId: { type: 'string' },
      labelIds: { type: 'array', items: { type: 'string' } },
    },
    required: ['id', 'threadId'],
  } as const,
  async run(ctx) {
    const { threadId, ...message } = ctx.input;
    if (message.text === undefined && message.html === undefined) {
      throw new ConnectorError({
        kind: 'validation',
        code: 'gmail_no_body',
        message: 'Give the email a text or HTML body.',
      });
    }
    const raw = toRaw(buildMimeMessage(message));
    const response = await ctx.http.request<{ id: string; threadId: string; labelIds?: string[] }>({
      method: 'POST',
      url: `${GMAIL}/messages/send`,
      json: { raw, ...(threadId ? { threadId } : {}) },
    });
    const { id, threadId: thread, labelIds } = response.body;
    return { id, threadId: thread, labelIds: labelIds ?? [] };
  },
});
