// Create calendar event: Calendar events.insert. The event id is derived from the step's idempotency key, so a
// retried step finds the event it already created (409) instead of creating a second one.
import { ConnectorError, defineAction } from '@weft/sdk';
import { eventIdFor, eventSchema, toEvent, type GoogleEvent } from '../calendar-event-shape.js';
import { CALENDAR } from '../google-request.js';

const DATE = /^\d{4}-\d{2}-\d{2}$/;

export const createCalendarEvent = defineAction({
  key: 'createCalendarEvent',
  title: 'Create calendar event',
  description: 'Adds an event (timed or all-day) to a Google Calendar, optionally inviting attendees.',
  input: {
    type: 'object',
    properties: {
      calendarId: { type: 'string', title: 'Calendar', default: 'primary', minLength: 1 },
      summary: { type: 'string', title: 'Title', minLength: 1 },
      description: { type: 'string', title: 'Description' },
      location: { type: 'string', title: 'Location' },
      start: {
        type: 'string',
        title: 'Start',
        description: 'RFC 3339 date-time (2025-03-01T09:00:00+01:00) or a date (2025-03-01) for all-day events.',
        pattern: '^\\d{4}-\\d{2}-\\d{2}(T.+)?$',
      },
      end: {
        type: 'string',
        title: 'End',
        description: 'Same form as Start; for all-day events the day after.',
        pattern: '^\\d{4}-\\d{2}-\\d{2}(T.+)?$',
      },
      timeZone: { type: 'string', title: 'Time zone', description: 'IANA name, e.g. Europe/Paris.' },
      attendees: { type: 'array', title: 'Attendees', items: { type: 'string', format: 'email' }, maxItems: 100 },
      sendUpdates: { enum: ['all', 'externalOnly', 'none'], default: 'none', title: 'Email invitations' },
    },
    required: ['summary', 'start', 'end'],
    additionalProperties: false,
  } as const,
  output: eventSchema,
  // The derived event id makes the insert idempotent, so it may be repeated after a 5xx or a dropped connection.
  retry: { unsafe: true },
  async run(ctx) {
    const input = ctx.input;
    const allDay = DATE.test(input.start);
    if (allDay !== DATE.test(input.end)) {
      throw new ConnectorError({
        kind: 'validation',
        code: 'calendar_mixed_times',
        message: 'Start and end must both be dates (all-day) or both be date-times.',
      });
    }
    const when = (value: string) =>
      allDay ? { date: value } : { dateTime: value, ...(input.timeZone ? { timeZone: input.timeZone } : {}) };
    const id = eventIdFor(ctx.idempotencyKey);
    const events = `${CALENDAR}/calendars/${encodeURIComponent(input.calendarId ?? 'primary')}/events`;
    const created = await ctx.http.request<GoogleEvent>({
      method: 'POST',
      url: events,
      query: { sendUpdates: input.sendUpdates ?? 'none' },
      json: {
        id,
        summary: input.summary,
        description: input.description,
        location: input.location,
        start: when(input.start),
        end: when(input.end),
        attendees: input.attendees?.map((email) => ({ email })),
      },
      allowStatuses: [409],
    });
    if (created.status !== 409) return toEvent(created.body);
    ctx.log('info', `Event ${id} already exists (created by an earlier attempt of this step); returning it`);
    const existing = await ctx.http.request<GoogleEvent>({ url: `${events}/${id}` });
    return toEvent(existing.body);
  },
});
