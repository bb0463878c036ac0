// List channels: conversations.list, following `response_metadata.next_cursor` (`ctx.http.paginate`) until
// `limit` channels are in.
import { defineAction } from '@weft/sdk';
import { slackResult, type SlackResponse } from '../slack-api.js';

interface SlackChannel {
  id: string;
  name?: string;
  is_private?: boolean;
  is_archived?: boolean;
  is_member?: boolean;
  num_members?: number;
  topic?: { value?: string };
  purpose?: { value?: string };
}

/** Slack's recommended page size for conversations.list. */
const PAGE_SIZE = 200;

export const listChannels = defineAction({
  key: 'listChannels',
  title: 'List channels',
  description: 'Lists the workspace’s channels the app can see, following pages up to a limit.',
  input: {
    type: 'object',
    properties: {
      types: {
        type: 'array',
        title: 'Channel types',
        items: { enum: ['public_channel', 'private_channel', 'mpim', 'im'] },
        minItems: 1,
        uniqueItems: true,
        default: ['public_channel'],
      },
      excludeArchived: { type: 'boolean', title: 'Leave out archived channels', default: true },
      limit: { type: 'integer', minimum: 1, maximum: 10_000, default: 1000, title: 'How many at most' },
      cursor: { type: 'string', description: 'nextCursor of a previous list, to continue it.' },
    },
    additionalProperties: false,
  } as const,
  output: {
    type: 'object',
    properties: {
      channels: {
        type: 'array',
        items: {
          type: 'object',
          properties: {
            id: { type: 'string' },
            name: { type: 'string' },
            isPrivate: { type: 'boolean' },
            isArchived: { type: 'boolean' },
            isMember: { type: 'boolean' },
            numMembers: { type: 'integer' },
            topic: { type: 'string' },
            purpose: { type: 'string' },
          },
          required: ['id', 'name', 'isPrivate', 'isArchived', 'isMember'],
        },
      },
      nextCursor: { type: ['string', 'null'], description: 'Set when more channels are left.' },
    },
    required: ['channels', 'nextCursor'],
  } as const,
  async run(ctx) {
    const limit = ctx.input.limit ?? 1000;
    const method = 'conversations.list';
    const paged = await ctx.http.paginate<SlackChannel, SlackResponse & { channels: SlackChannel[] }>(
      {
        url: `/${method}`,
        query: {
          types: (ctx.input.types ?? ['public_channel']).join(','),
          exclude_archived: ctx.input.excludeArchived ?? true,
          cursor: ctx.input.cursor,
        },
      },
      {
        // Every page answers 200; `ok: false` is the failure.
        items: (page) => slackResult(method, page.body).channels,
        // Slack may answer a page without channels (filtered out) that still names the next one.
        next: {
          cursor: (page) => page.body.response_metadata?.next_cursor || undefined,
          param: 'cursor',
          stopOnEmptyPage: false,
        },
        maxItems: limit,
        pageSize: { param: 'limit', max: PAGE_SIZE },
      },
    );
    const channels = paged.items;
    const cursor = typeof paged.nextCursor === 'string' ? paged.nextCursor : undefined;
    return {
      channels: channels.map((c) => ({
        id: c.id,
        name: c.name ?? '',
        isPrivate: c.is_private ?? false,
        isArchived: c.is_archived ?? false,
        isMember: c.is_member ?? false,
        ...(c.num_members === undefined ? {} : { numMembers: c.num_members }),
        ...(c.topic?.value ? { topic: c.topic.value } : {}),
        ...(c.purpose?.value ? { purpose: c.purpose.value } : {}),
      })),
      nextCursor: cursor ?? null,
    };
  },
});
