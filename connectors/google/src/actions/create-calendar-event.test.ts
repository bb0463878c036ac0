import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createFakeClock, runAction } from '@weft/sdk/testing';
import { eventIdFor } from '../calendar-event-shape.js';
import { startFakeGoogle, type FakeGoogle } from '../test-support/fake-google.js';
import { googleAt, googleCredential } from '../test-support/google-options.js';

let google: FakeGoogle;
beforeAll(async () => {
  google = await startFakeGoogle();
});
afterAll(() => google.close());
const defaults = { calendarId: 'primary', sendUpdates: 'none' } as const;
const options = (idempotencyKey: string) => ({
  credentials: googleCredential(),
  baseUrl: google.baseUrl,
  idempotencyKey,
  clock: createFakeClock(),
});

describe('createCalendarEvent', () => {
  test('inserts a timed event with attendees and an id derived from the step', async () => {
    const { output } = await runAction(googleAt(google), 'createCalendarEvent', {
      ...options('run-1:meeting'),
      input: {
        ...defaults,
        summary: 'Renewal call',
        start: '2025-03-03T10:00:00',
        end: '2025-03-03T10:30:00',
        timeZone: 'Europe/Paris',
        attendees: ['ada@example.com'],
        sendUpdates: 'all',
      },
    });
    const id = eventIdFor('run-1:meeting');
    expect(id).toMatch(/^[a-v0-9]{51}$/);
    expect(output).toMatchObject({
      id,
      summary: 'Renewal call',
      status: 'confirmed',
      start: { dateTime: '2025-03-03T10:00:00', timeZone: 'Europe/Paris' },
      attendees: ['ada@example.com'],
      htmlUrl: expect.stringContaining(id),
    });
    const request = google.api.requests.at(-1)!;
    expect(request).toMatchObject({ path: '/calendar/v3/calendars/primary/events', query: { sendUpdates: 'all' } });
    expect(request.json).toMatchObject({ id, attendees: [{ email: 'ada@example.com' }] });
  });

  test('a retried step finds the event it created instead of creating another', async () => {
    const input = { ...defaults, summary: 'Once', start: '2025-03-04', end: '2025-03-05' };
    const first = await runAction(googleAt(google), 'createCalendarEvent', { ...options('run-2:once'), input });
    const again = await runAction(googleAt(google), 'createCalendarEvent', {
      ...options('run-2:once'),
      input,
      attempt: 2,
    });
    expect(again.output).toEqual(first.output);
    expect(first.output.start).toEqual({ date: '2025-03-04' });
    expect(again.logs.map((l) => l.message)).toEqual([expect.stringContaining('already exists')]);
    expect([...google.events.values()].filter((e) => e.summary === 'Once')).toHaveLength(1);
  });

  test('a 503 is retried in-process with the same event id', async () => {
    google.failNext('POST /calendar/v3/calendars/team%40example.com/events', {
      status: 503,
      json: { error: { code: 503, message: 'Backend Error' } },
    });
    const { output } = await runAction(googleAt(google), 'createCalendarEvent', {
      ...options('run-3:retry'),
      input: {
        ...defaults,
        calendarId: 'team@example.com',
        summary: 'Retry',
        start: '2025-03-04T09:00:00Z',
        end: '2025-03-04T10:00:00Z',
      },
    });
    const posts = google.api.requests.filter((r) => r.method === 'POST' && r.path.includes('team%40example.com'));
    expect(posts).toHaveLength(2);
    expect(posts.map((r) => (r.json as { id: string }).id)).toEqual([output.id, output.id]);
  });

  test('start and end must be of the same kind', async () => {
    await expect(
      runAction(googleAt(google), 'createCalendarEvent', {
        ...options('run-4:mixed'),
        input: { ...defaults, summary: 'x', start: '2025-03-04', end: '2025-03-04T10:00:00Z' },
      }),
    ).rejects.toMatchObject({ code: 'calendar_mixed_times' });
  });
});
