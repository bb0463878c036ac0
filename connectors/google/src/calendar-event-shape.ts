// Calendar events as the actions and triggers return them, and event ids derived from idempotency keys.
import { createHash } from 'node:crypto';

export interface GoogleEvent {
  id: string;
  status?: 'confirmed' | 'tentative' | 'cancelled';
  summary?: string;
  description?: string;
  location?: string;
  htmlLink?: string;
  hangoutLink?: string;
  created?: string;
  updated?: string;
  start?: { date?: string; dateTime?: string; timeZone?: string };
  end?: { date?: string; dateTime?: string; timeZone?: string };
  organizer?: { email?: string };
  attendees?: { email?: string; responseStatus?: string }[];
  recurringEventId?: string;
}

const when = {
  type: 'object',
  properties: { date: { type: 'string' }, dateTime: { type: 'string' }, timeZone: { type: 'string' } },
} as const;

export const eventSchema = {
  type: 'object',
  properties: {
    id: { type: 'string' },
    status: { enum: ['confirmed', 'tentative', 'cancelled'] },
    summary: { type: 'string' },
    description: { type: 'string' },
    location: { type: 'string' },
    htmlUrl: { type: 'string' },
    meetUrl: { type: 'string' },
    start: when,
    end: when,
    created: { type: 'string' },
    updated: { type: 'string' },
    organizer: { type: 'string' },
    attendees: { type: 'array', items: { type: 'string' } },
    recurringEventId: { type: 'string' },
  },
  required: ['id'],
} as const;

export function toEvent(event: GoogleEvent) {
  const pick = <K extends string, V>(key: K, value: V | undefined) =>
    (value === undefined ? {} : { [key]: value }) as Partial<Record<K, V>>;
  return {
    id: event.id,
    ...pick('status', event.status),
    ...pick('summary', event.summary),
    ...pick('description', event.description),
    ...pick('location', event.location),
    ...pick('htmlUrl', event.htmlLink),
    ...pick('meetUrl', event.hangoutLink),
    ...pick('start', event.start),
    ...pick('end', event.end),
    ...pick('created', event.created),
    ...pick('updated', event.updated),
    ...pick('organizer', event.organizer?.email),
    ...pick('attendees', event.attendees?.map((a) => a.email ?? '').filter(Boolean)),
    ...pick('recurringEventId', event.recurringEventId),
  };
}

const BASE32HEX = '0123456789abcdefghijklmnopqrstuv';

/** A Calendar event id (base32hex, 5–1024 characters) that is the same for every attempt of one step. */
export function eventIdFor(idempotencyKey: string): string {
  const bytes = createHash('sha256').update(`weft:${idempotencyKey}`).digest();
  let bits = 0;
  let value = 0;
  let id = '';
  for (const byte of bytes) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      id += BASE32HEX[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  return id;
}
