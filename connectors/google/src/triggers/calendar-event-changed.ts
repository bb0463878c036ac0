// New or updated calendar event: Calendar's incremental sync. The first poll pages through the calendar for a
// `nextSyncToken` (asking only for the tokens) and fires for nothing; each later poll lists what changed since
// the token. When Google expires the token (410 Gone), the events updated since the last successful poll are
// listed by `updatedMin` instead and a new token is fetched. Each version of an event fires once
// (dedupe key: id + updated).
import { defineTrigger, type HttpClient, type QueryValue } from '@weft/sdk';
import { eventSchema, toEvent, type GoogleEvent } from '../calendar-event-shape.js';
import { CALENDAR } from '../google-request.js';

interface Cursor {
  syncToken: string;
  /** When the last poll succeeded (RFC 3339): the fallback `updatedMin` after a 410. */
  checkedAt: string;
}

interface EventsPage {
  items?: GoogleEvent[];
  nextPageToken?: string;
  nextSyncToken?: string;
}

type Change = 'created' | 'updated' | 'cancelled';

/** An event whose `updated` is within this of its `created` is reported as created. */
const CREATED_WINDOW_MS = 3000;

export const calendarEventChanged = defineTrigger({
  key: 'calendarEventChanged',
  title: 'New or updated calendar event',
  description: 'Fires when an event of a Google Calendar is created, changed or (if asked) cancelled.',
  kind: 'polling',
  intervalMs: 60_000,
  config: {
    type: 'object',
    properties: {
      calendarId: { type: 'string', title: 'Calendar', default: 'primary', minLength: 1 },
      changes: {
        type: 'array',
        title: 'Fire for',
        items: { enum: ['created', 'updated', 'cancelled'] },
        minItems: 1,
        uniqueItems: true,
        default: ['created', 'updated'],
      },
    },
    additionalProperties: false,
  } as const,
  output: {
    ...eventSchema,
    properties: { ...eventSchema.properties, change: { enum: ['created', 'updated', 'cancelled'] } },
    required: ['id', 'change'],
  } as const,
  async poll(ctx) {
    const cursor = readCursor(ctx.cursor);
    const events = `${CALENDAR}/calendars/${encodeURIComponent(ctx.config.calendarId ?? 'primary')}/events`;
    const checkedAt = new Date(ctx.now).toISOString();
    if (!cursor) {
      const syncToken = await listAll(ctx.http, events, { showDeleted: true, fields: 'nextPageToken,nextSyncToken' });
      return { items: [], cursor: { syncToken: syncToken.token, checkedAt } };
    }
    let changed: GoogleEvent[];
    let token: string;
    try {
      ({ items: changed, token } = await listAll(ctx.http, events, { syncToken: cursor.syncToken }));
    } catch (error) {
      if ((error as { status?: number }).status !== 410) throw error;
      ctx.log('warn', 'Google expired the calendar sync token; listing events updated since the last poll instead');
      ({ items: changed } = await listAll(ctx.http, events, { updatedMin: cursor.checkedAt, showDeleted: true }));
      ({ token } = await listAll(ctx.http, events, { showDeleted: true, fields: 'nextPageToken,nextSyncToken' }));
    }
    const wanted = new Set<Change>(ctx.config.changes ?? ['created', 'updated']);
    const items = changed
      .toSorted((a, b) => (a.updated ?? '').localeCompare(b.updated ?? ''))
      .map((event) => ({ ...toEvent(event), change: changeOf(event) }))
      .filter((event) => wanted.has(event.change));
    return { items, cursor: { syncToken: token, checkedAt } };
  },
  dedupeKey: (event) => `${event.id}@${event.updated ?? event.change}`,
});

async function listAll(
  http: HttpClient,
  url: string,
  query: Record<string, QueryValue>,
): Promise<{ items: GoogleEvent[]; token: string }> {
  const paged = await http.paginate<GoogleEvent, EventsPage>(
    { url, query: { ...query, maxResults: 2500 } },
    {
      items: 'items',
      // Google may answer a page without events that still names the next one.
      next: { cursor: 'nextPageToken', param: 'pageToken', stopOnEmptyPage: false },
      // The sync token comes only with the last page, so every page is read.
      maxPages: Number.POSITIVE_INFINITY,
    },
  );
  return { items: paged.items, token: paged.body.nextSyncToken ?? '' };
}

function changeOf(event: GoogleEvent): Change {
  if (event.status === 'cancelled') return 'cancelled';
  const created = Date.parse(event.created ?? '');
  const updated = Date.parse(event.updated ?? '');
  return Number.isFinite(created) && Number.isFinite(updated) && updated - created <= CREATED_WINDOW_MS
    ? 'created'
    : 'updated';
}

function readCursor(value: unknown): Cursor | undefined {
  const cursor = value as Partial<Cursor> | undefined;
  return typeof cursor?.syncToken === 'string' && cursor.syncToken !== '' && typeof cursor.checkedAt === 'string'
    ? { syncToken: cursor.syncToken, checkedAt: cursor.checkedAt }
    : undefined;
}
