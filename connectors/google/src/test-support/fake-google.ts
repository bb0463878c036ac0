// A fake of the Google APIs the connector uses, on 127.0.0.1, with Google's shapes: the OAuth token endpoint
// (refresh and code exchange, `invalid_grant`), Gmail (profile, history, messages.list with a small subset of
// search operators, messages.get metadata, messages.send) and Calendar (events.insert with client ids and 409
// on duplicates, events.list with sync tokens, pages, updatedMin and 410 for expired tokens).
import { startFakeApi, type FakeApi, type FakeApiRequest, type FakeApiResponse } from '@weft/sdk/testing';

export interface FakeMail {
  id: string;
  threadId: string;
  from: string;
  to: string;
  subject: string;
  internalDate: number;
  labelIds: string[];
  historyId: number;
}

export interface FakeEvent {
  id: string;
  status: 'confirmed' | 'cancelled';
  summary?: string;
  start?: Record<string, string>;
  end?: Record<string, string>;
  created: string;
  updated: string;
  version: number;
  [key: string]: unknown;
}

export interface FakeGoogle {
  api: FakeApi;
  baseUrl: string;
  tokenUrl: string;
  /** Access tokens the fake accepts. */
  accessTokens: Set<string>;
  mailbox: FakeMail[];
  sent: { raw: string; mime: string; threadId?: string }[];
  events: Map<string, FakeEvent>;
  /** Delivers a message to the mailbox (bumps the history id). */
  deliver(mail: Omit<FakeMail, 'id' | 'threadId' | 'historyId' | 'labelIds'> & { labelIds?: string[] }): FakeMail;
  /** Creates or changes a calendar event as another client would. */
  touchEvent(event: Partial<FakeEvent> & { id: string }, at: string): FakeEvent;
  /** History ids below this answer 404, as Gmail does for expired history. */
  expireHistoryBefore(historyId: number): void;
  expireSyncTokens(): void;
  failNext(route: string, response: FakeApiResponse): void;
  close(): Promise<void>;
}

export async function startFakeGoogle(): Promise<FakeGoogle> {
  const accessTokens = new Set(['ya29.valid']);
  const mailbox: FakeMail[] = [];
  const sent: FakeGoogle['sent'] = [];
  const events = new Map<string, FakeEvent>();
  const failures = new Map<string, FakeApiResponse[]>();
  let historyId = 1000;
  let minHistoryId = 0;
  let calendarVersion = 1;
  let minSyncVersion = 0;
  let mailCount = 0;

  const deliver: FakeGoogle['deliver'] = (mail) => {
    const message = {
      labelIds: ['INBOX', 'UNREAD'],
      ...mail,
      id: `m${++mailCount}`,
      threadId: `t${mailCount}`,
      historyId: ++historyId,
    };
    mailbox.push(message);
    return message;
  };
  const touchEvent: FakeGoogle['touchEvent'] = (event, at) => {
    const existing = events.get(event.id);
    const next: FakeEvent = {
      status: 'confirmed',
      created: existing?.created ?? at,
      ...existing,
      ...event,
      updated: at,
      version: ++calendarVersion,
    };
    events.set(event.id, next);
    return next;
  };

  const api = await startFakeApi((request) => {
    const route = `${request.method} ${request.path}`;
    const failure = failures.get(route)?.shift();
    if (failure) return failure;
    if (route === 'POST /token') return token(request);
    const bearer = /^Bearer (.+)$/.exec(request.headers.authorization ?? '')?.[1];
    if (!bearer || !accessTokens.has(bearer)) {
      return googleError(401, 'Request had invalid authentication credentials.', 'UNAUTHENTICATED', 'authError');
    }
    if (request.path.startsWith('/gmail/v1/users/me/'))
      return gmail(request, request.path.slice('/gmail/v1/users/me'.length));
    const calendar = /^\/calendar\/v3\/calendars\/([^/]+)\/events(?:\/([^/]+))?$/.exec(request.path);
    if (calendar) return calendarRoute(request, calendar[2]);
    return googleError(404, 'Not Found', 'NOT_FOUND', 'notFound');
  });

  function token(request: FakeApiRequest): FakeApiResponse {
    const params = new URLSearchParams(request.body);
    if (
      params.get('client_id') !== 'client-1.apps.googleusercontent.com' ||
      params.get('client_secret') !== 'gcp-secret'
    ) {
      return { status: 401, json: { error: 'invalid_client', error_description: 'The OAuth client was not found.' } };
    }
    const grant = params.get('grant_type');
    const ok =
      grant === 'refresh_token'
        ? params.get('refresh_token') === '1//refresh-ok'
        : grant === 'authorization_code' &&
          params.get('code') === 'auth-code-1' &&
          params.get('code_verifier') !== null;
    if (!ok)
      return { status: 400, json: { error: 'invalid_grant', error_description: 'Token has been expired or revoked.' } };
    const access = `ya29.fresh-${accessTokens.size}`;
    accessTokens.add(access);
    return {
      json: {
        access_token: access,
        expires_in: 3599,
        token_type: 'Bearer',
        scope: 'https://www.googleapis.com/auth/gmail.send https://www.googleapis.com/auth/calendar.events',
        ...(grant === 'authorization_code' ? { refresh_token: '1//refresh-ok' } : {}),
      },
    };
  }

  function gmail(request: FakeApiRequest, path: string): FakeApiResponse {
    if (path === '/profile')
      return { json: { emailAddress: 'me@example.com', messagesTotal: mailbox.length, historyId: String(historyId) } };
    if (path === '/history') {
      const start = Number(request.query.startHistoryId);
      if (!(start >= minHistoryId)) return googleError(404, 'Requested entity was not found.', 'NOT_FOUND', 'notFound');
      const added = mailbox.filter(
        (m) => m.historyId > start && (!request.query.labelId || m.labelIds.includes(request.query.labelId)),
      );
      return {
        json: {
          ...(added.length
            ? {
                history: added.map((m) => ({
                  id: String(m.historyId),
                  messagesAdded: [{ message: { id: m.id, threadId: m.threadId } }],
                })),
              }
            : {}),
          historyId: String(historyId),
        },
      };
    }
    if (path === '/messages' && request.method === 'GET') {
      const matching = mailbox
        .filter(
          (m) =>
            matches(m, request.query.q ?? '') &&
            (!request.query.labelIds || m.labelIds.includes(request.query.labelIds)),
        )
        .reverse();
      const start = Number(request.query.pageToken ?? 0);
      const size = Number(request.query.maxResults ?? 100);
      const page = matching.slice(start, start + size);
      return {
        json: {
          ...(page.length ? { messages: page.map((m) => ({ id: m.id, threadId: m.threadId })) } : {}),
          ...(start + size < matching.length ? { nextPageToken: String(start + size) } : {}),
          resultSizeEstimate: matching.length,
        },
      };
    }
    const one = /^\/messages\/([^/]+)$/.exec(path);
    if (one && request.method === 'GET') {
      const m = mailbox.find((x) => x.id === one[1]);
      if (!m) return googleError(404, 'Requested entity was not found.', 'NOT_FOUND', 'notFound');
      return {
        json: {
          id: m.id,
          threadId: m.threadId,
          labelIds: m.labelIds,
          snippet: `About ${m.subject}`,
          historyId: String(m.historyId),
          internalDate: String(m.internalDate),
          payload: {
            mimeType: 'text/plain',
            headers: [
              { name: 'From', value: m.from },
              { name: 'To', value: m.to },
              { name: 'Subject', value: m.subject },
              { name: 'Date', value: new Date(m.internalDate).toUTCString() },
            ],
          },
        },
      };
    }
    if (path === '/messages/send' && request.method === 'POST') {
      const body = request.json as { raw?: string; threadId?: string };
      if (typeof body?.raw !== 'string' || !/^[A-Za-z0-9_-]+=*$/.test(body.raw))
        return googleError(400, 'Invalid value for ByteString', 'INVALID_ARGUMENT', 'invalidArgument');
      const mime = Buffer.from(body.raw, 'base64url').toString('utf8');
      if (!/^To: /m.test(mime))
        return googleError(400, 'Recipient address required', 'INVALID_ARGUMENT', 'invalidArgument');
      sent.push({ raw: body.raw, mime, ...(body.threadId ? { threadId: body.threadId } : {}) });
      return {
        json: { id: `sent${sent.length}`, threadId: body.threadId ?? `thread${sent.length}`, labelIds: ['SENT'] },
      };
    }
    return googleError(404, 'Not Found', 'NOT_FOUND', 'notFound');
  }

  function calendarRoute(request: FakeApiRequest, id: string | undefined): FakeApiResponse {
    if (request.method === 'POST' && id === undefined) {
      const body = request.json as Record<string, unknown>;
      if (typeof body.id === 'string' && events.has(body.id))
        return googleError(409, 'The requested identifier already exists.', 'ALREADY_EXISTS', 'duplicate');
      if (typeof body.id === 'string' && !/^[a-v0-9]{5,1024}$/.test(body.id))
        return googleError(400, 'Invalid resource id value.', 'INVALID_ARGUMENT', 'invalid');
      const now = new Date(Date.UTC(2025, 0, 1, 12)).toISOString();
      const event = touchEvent({ ...body, id: (body.id as string | undefined) ?? `gen${events.size}` }, now);
      return { json: present(event) };
    }
    if (request.method === 'GET' && id !== undefined) {
      const event = events.get(id);
      return event ? { json: present(event) } : googleError(404, 'Not Found', 'NOT_FOUND', 'notFound');
    }
    if (request.method !== 'GET') return googleError(405, 'Method not allowed', 'INVALID_ARGUMENT', 'invalid');
    const q = request.query;
    let since = 0;
    if (q.syncToken) {
      since = Number(q.syncToken.replace('sync-', ''));
      if (since < minSyncVersion)
        return googleError(410, 'Sync token is no longer valid, a full sync is required.', 'GONE', 'fullSyncRequired');
    }
    const all = [...events.values()]
      .filter((e) => e.version > since)
      .filter((e) => !q.updatedMin || e.updated >= q.updatedMin)
      .filter((e) => q.syncToken || q.showDeleted === 'true' || e.status !== 'cancelled');
    const start = Number(q.pageToken ?? 0);
    const size = Math.min(3, Number(q.maxResults ?? 250));
    const page = all.slice(start, start + size);
    const last = start + size >= all.length;
    const full = {
      kind: 'calendar#events',
      items: page.map(present),
      ...(last ? { nextSyncToken: `sync-${calendarVersion}` } : { nextPageToken: String(start + size) }),
    };
    if (q.fields === 'nextPageToken,nextSyncToken') {
      const { items: _items, kind: _kind, ...tokens } = full;
      return { json: tokens };
    }
    return { json: full };
  }

  return {
    api,
    baseUrl: api.url,
    tokenUrl: `${api.url}/token`,
    accessTokens,
    mailbox,
    sent,
    events,
    deliver,
    touchEvent,
    expireHistoryBefore(id) {
      minHistoryId = id;
    },
    expireSyncTokens() {
      minSyncVersion = calendarVersion + 1;
    },
    failNext(route, response) {
      failures.set(route, [...(failures.get(route) ?? []), response]);
    },
    close: () => api.close(),
  };
}

/** The subset of Gmail search the tests use: after:<seconds>, from:, subject:, bare words. */
function matches(mail: FakeMail, q: string): boolean {
  return q
    .split(/\s+/)
    .filter(Boolean)
    .every((term) => {
      const [op, value] = term.includes(':')
        ? [term.slice(0, term.indexOf(':')), term.slice(term.indexOf(':') + 1)]
        : ['', term];
      if (op === 'after') return mail.internalDate / 1000 > Number(value);
      if (op === 'from') return mail.from.toLowerCase().includes(value.toLowerCase());
      if (op === 'subject') return mail.subject.toLowerCase().includes(value.toLowerCase());
      return `${mail.subject} ${mail.from}`.toLowerCase().includes(term.toLowerCase());
    });
}

function present(event: FakeEvent) {
  const { version: _version, ...rest } = event;
  return event.status === 'cancelled'
    ? { id: event.id, status: 'cancelled', updated: event.updated }
    : { ...rest, htmlLink: `https://calendar.google.com/event?eid=${event.id}` };
}

function googleError(code: number, message: string, status: string, reason: string): FakeApiResponse {
  return { status: code, json: { error: { code, message, status, errors: [{ message, domain: 'global', reason }] } } };
}
