// New email matching a query: Gmail has no "messages matching q since X" feed, so each poll first asks the
// cheap history feed (users.history.list from the stored historyId) whether any message arrived, and only
// then searches `q` for messages received since the stored time (minus a minute of overlap, absorbed by the
// de-duplication on message id). The first poll records where the mailbox is and fires for nothing.
import { defineTrigger, type HttpClient } from '@weft/sdk';
import { GMAIL } from '../google-request.js';

interface Cursor {
  historyId: string;
  /** Unix seconds: messages received after this (less the overlap) are searched. */
  after: number;
}

interface GmailMessage {
  id: string;
  threadId: string;
  labelIds?: string[];
  snippet?: string;
  historyId?: string;
  internalDate?: string;
  payload?: { headers?: { name: string; value: string }[] };
}

const OVERLAP_SECONDS = 60;
const HEADERS = ['From', 'To', 'Cc', 'Subject', 'Date', 'Message-ID'];

export const newEmail = defineTrigger({
  key: 'newEmail',
  title: 'New email matching a search',
  description:
    'Fires once for each email received after the flow is activated that matches a Gmail search (e.g. ' +
    '`from:billing@example.com has:attachment`).',
  kind: 'polling',
  intervalMs: 60_000,
  config: {
    type: 'object',
    properties: {
      query: { type: 'string', title: 'Gmail search', default: '', description: 'As typed in Gmail’s search box.' },
      label: {
        type: 'string',
        title: 'Label',
        default: 'INBOX',
        description: 'Label id (INBOX, SPAM, a user label id).',
      },
      maxPerPoll: { type: 'integer', minimum: 1, maximum: 100, default: 25 },
    },
    additionalProperties: false,
  } as const,
  output: {
    type: 'object',
    properties: {
      id: { type: 'string' },
      threadId: { type: 'string' },
      labelIds: { type: 'array', items: { type: 'string' } },
      snippet: { type: 'string' },
      from: { type: 'string' },
      to: { type: 'string' },
      cc: { type: 'string' },
      subject: { type: 'string' },
      date: { type: 'string' },
      messageId: { type: 'string' },
      receivedAt: { type: 'string', format: 'date-time' },
    },
    required: ['id', 'threadId', 'labelIds', 'snippet', 'subject', 'from', 'receivedAt'],
  } as const,
  async poll(ctx) {
    const cursor = readCursor(ctx.cursor);
    const label = ctx.config.label ?? 'INBOX';
    if (!cursor) {
      const profile = await ctx.http.request<{ historyId: string }>({ url: `${GMAIL}/profile` });
      return { items: [], cursor: { historyId: profile.body.historyId, after: Math.floor(ctx.now / 1000) } };
    }
    const history = await ctx.http.request<{ history?: { messagesAdded?: unknown[] }[]; historyId?: string }>({
      url: `${GMAIL}/history`,
      query: { startHistoryId: cursor.historyId, historyTypes: 'messageAdded', labelId: label },
      allowStatuses: [404],
    });
    let historyId = history.body.historyId ?? cursor.historyId;
    if (history.status === 404) {
      // The stored historyId is too old (Gmail keeps about a week): search anyway and start over from now.
      ctx.log('warn', 'Gmail no longer has the stored history position; searching by time instead');
      historyId = (await ctx.http.request<{ historyId: string }>({ url: `${GMAIL}/profile` })).body.historyId;
    } else if (!(history.body.history ?? []).some((h) => (h.messagesAdded ?? []).length > 0)) {
      return { items: [], cursor: { historyId, after: cursor.after } };
    }
    const messages = await search(ctx.http, {
      q: [ctx.config.query, `after:${cursor.after - OVERLAP_SECONDS}`].filter(Boolean).join(' '),
      label,
      max: ctx.config.maxPerPoll ?? 25,
    });
    const items = messages.map(toItem).sort((a, b) => a.receivedAt.localeCompare(b.receivedAt));
    const newest = Math.max(cursor.after, ...messages.map((m) => Math.floor(Number(m.internalDate ?? 0) / 1000)));
    return { items, cursor: { historyId, after: newest } };
  },
  dedupeKey: (message) => message.id,
});

async function search(http: HttpClient, options: { q: string; label: string; max: number }): Promise<GmailMessage[]> {
  const { items: ids } = await http.paginate<string, { messages?: { id: string }[]; nextPageToken?: string }>(
    {
      url: `${GMAIL}/messages`,
      query: { q: options.q, labelIds: options.label },
    },
    {
      items: (page) => (page.body.messages ?? []).map((m) => m.id),
      next: { cursor: 'nextPageToken', param: 'pageToken', stopOnEmptyPage: false },
      maxItems: options.max,
      pageSize: { param: 'maxResults', max: 100 },
    },
  );
  const messages: GmailMessage[] = [];
  for (const id of ids) {
    const message = await http.request<GmailMessage>({
      url: `${GMAIL}/messages/${encodeURIComponent(id)}`,
      query: { format: 'metadata', metadataHeaders: HEADERS },
    });
    messages.push(message.body);
  }
  return messages;
}

function toItem(message: GmailMessage) {
  const header = (name: string) =>
    message.payload?.headers?.find((h) => h.name.toLowerCase() === name.toLowerCase())?.value;
  const optional = (key: string, value: string | undefined) => (value === undefined ? {} : { [key]: value });
  return {
    id: message.id,
    threadId: message.threadId,
    labelIds: message.labelIds ?? [],
    snippet: message.snippet ?? '',
    from: header('From') ?? '',
    subject: header('Subject') ?? '',
    receivedAt: new Date(Number(message.internalDate ?? 0)).toISOString(),
    ...optional('to', header('To')),
    ...optional('cc', header('Cc')),
    ...optional('date', header('Date')),
    ...optional('messageId', header('Message-ID')),
  };
}

function readCursor(value: unknown): Cursor | undefined {
  const cursor = value as Partial<Cursor> | undefined;
  return typeof cursor?.historyId === 'string' && typeof cursor.after === 'number'
    ? { historyId: cursor.historyId, after: cursor.after }
    : undefined;
}
