// A fake of the Slack Web API on 127.0.0.1 with Slack's conventions: HTTP 200 with `{ ok: false, error }` on
// failure, bot tokens in `Authorization: Bearer`, cursor pagination in `response_metadata.next_cursor`, and
// oauth.v2.access for token refreshes.
import { startFakeApi, type FakeApi, type FakeApiRequest, type FakeApiResponse } from '@weft/sdk/testing';

export interface FakeSlack {
  api: FakeApi;
  /** `${api.url}/api`: the connector's base URL in tests. */
  baseUrl: string;
  tokenUrl: string;
  /** Valid bot tokens. */
  tokens: Set<string>;
  /** Messages posted, by `channel/ts`. */
  messages: Map<string, { channel: string; ts: string; text?: string; blocks?: unknown[] }>;
  failNext(route: string, response: FakeApiResponse): void;
  close(): Promise<void>;
}

export const CHANNELS = Array.from({ length: 5 }, (_, i) => ({
  id: `C0${i + 1}`,
  name: ['general', 'billing', 'support', 'random', 'alerts'][i]!,
  is_channel: true,
  is_private: i === 2,
  is_archived: false,
  is_member: i !== 3,
  num_members: 10 + i,
  topic: { value: i === 1 ? 'Money matters' : '' },
  purpose: { value: '' },
}));

/** The fake serves conversations.list in pages of at most this many channels. */
const MAX_PAGE = 2;

export async function startFakeSlack(): Promise<FakeSlack> {
  const tokens = new Set(['xoxb-test-token']);
  const messages: FakeSlack['messages'] = new Map();
  const failures = new Map<string, FakeApiResponse[]>();
  let clock = 1_700_000_000;

  const channelOf = (ref: unknown) => CHANNELS.find((c) => c.id === ref || `#${c.name}` === ref);

  const methods: Record<string, (request: FakeApiRequest, args: Record<string, unknown>) => FakeApiResponse> = {
    'chat.postMessage': (_r, args) => {
      const channel = channelOf(args.channel);
      if (!channel) return slack({ ok: false, error: 'channel_not_found' });
      if (!channel.is_member) return slack({ ok: false, error: 'not_in_channel' });
      if (args.text === undefined && args.blocks === undefined) return slack({ ok: false, error: 'no_text' });
      const ts = `${++clock}.000100`;
      const message = { channel: channel.id, ts, text: args.text as string, blocks: args.blocks as unknown[] };
      messages.set(`${channel.id}/${ts}`, message);
      return slack({
        ok: true,
        channel: channel.id,
        ts,
        message: { type: 'message', user: 'U0BOT', text: args.text ?? '', ts, blocks: args.blocks },
      });
    },
    'chat.update': (_r, args) => {
      const existing = messages.get(`${String(args.channel)}/${String(args.ts)}`);
      if (!existing) return slack({ ok: false, error: 'message_not_found' });
      Object.assign(existing, { text: args.text, blocks: args.blocks });
      return slack({ ok: true, channel: existing.channel, ts: existing.ts, text: args.text ?? '' });
    },
    'conversations.list': (request) => {
      const types = (request.query.types ?? 'public_channel').split(',');
      const visible = CHANNELS.filter((c) => types.includes(c.is_private ? 'private_channel' : 'public_channel'));
      const start = request.query.cursor
        ? Number(Buffer.from(request.query.cursor, 'base64').toString().split(':')[1])
        : 0;
      const size = Math.min(MAX_PAGE, Number(request.query.limit ?? 100));
      const next = start + size < visible.length ? Buffer.from(`dGVhbQ:${start + size}`).toString('base64') : '';
      return slack({
        ok: true,
        channels: visible.slice(start, start + size),
        response_metadata: { next_cursor: next },
      });
    },
  };

  const api = await startFakeApi((request) => {
    const method = request.path.replace(/^\/api\//, '');
    const failure = failures.get(method)?.shift();
    if (failure) return failure;
    if (method === 'oauth.v2.access') return refresh(request);
    const handler = methods[method];
    if (!handler) return slack({ ok: false, error: 'unknown_method' });
    const token = /^Bearer (.+)$/.exec(request.headers.authorization ?? '')?.[1];
    if (!token) return slack({ ok: false, error: 'not_authed' });
    if (!tokens.has(token)) return slack({ ok: false, error: 'invalid_auth' });
    if (request.method === 'POST' && !/^application\/json/.test(request.headers['content-type'] ?? '')) {
      return slack({ ok: false, error: 'invalid_form_data' });
    }
    return handler(request, request.method === 'POST' ? ((request.json ?? {}) as Record<string, unknown>) : {});
  });

  function refresh(request: FakeApiRequest): FakeApiResponse {
    const params = new URLSearchParams(request.body);
    const basic = Buffer.from('client-1:client-secret').toString('base64');
    if (request.headers.authorization !== `Basic ${basic}`) return slack({ ok: false, error: 'invalid_client_id' });
    if (params.get('grant_type') !== 'refresh_token' || params.get('refresh_token') !== 'xoxe-1-refresh') {
      return slack({ ok: false, error: 'invalid_refresh_token' });
    }
    tokens.add('xoxe.xoxb-rotated');
    return slack({
      ok: true,
      access_token: 'xoxe.xoxb-rotated',
      token_type: 'bot',
      scope: 'chat:write,channels:read',
      refresh_token: 'xoxe-1-refresh-next',
      expires_in: 43_200,
    });
  }

  return {
    api,
    baseUrl: `${api.url}/api`,
    tokenUrl: `${api.url}/api/oauth.v2.access`,
    tokens,
    messages,
    failNext(route, response) {
      failures.set(route, [...(failures.get(route) ?? []), response]);
    },
    close: () => api.close(),
  };
}

const slack = (json: Record<string, unknown>): FakeApiResponse => ({ status: 200, json });
