import { afterAll, beforeAll, expect, test } from 'vitest';
import { createFakeClock, runPoll } from '@weft/sdk/testing';
import { startFakeGoogle, type FakeGoogle } from '../test-support/fake-google.js';
import { googleAt, googleCredential } from '../test-support/google-options.js';

let google: FakeGoogle;
beforeAll(async () => {
  google = await startFakeGoogle();
});
afterAll(() => google.close());

test('syncs tokens only at first, then fires for created and updated events once per version', async () => {
  for (let i = 0; i < 7; i++) google.touchEvent({ id: `old${i}`, summary: `Old ${i}` }, '2024-12-01T10:00:00.000Z');
  const clock = createFakeClock({ now: Date.UTC(2025, 0, 1) });
  const options = { credentials: googleCredential(), baseUrl: google.baseUrl, clock };

  const before = google.api.requests.length;
  const first = await runPoll(googleAt(google), 'calendarEventChanged', options);
  expect(first.output).toEqual([]);
  const initial = google.api.requests.slice(before);
  expect(initial).toHaveLength(3); // pages of 3 in the fake
  expect(initial.every((r) => r.query.fields === 'nextPageToken,nextSyncToken' && r.query.showDeleted === 'true')).toBe(
    true,
  );
  expect(first.cursor).toEqual({ syncToken: 'sync-8', checkedAt: '2025-01-01T00:00:00.000Z' });

  google.touchEvent(
    { id: 'new1', summary: 'Kick-off', start: { dateTime: '2025-01-10T09:00:00Z' } },
    '2025-01-01T00:00:10.000Z',
  );
  google.touchEvent({ id: 'old1', summary: 'Old 1 (moved)' }, '2025-01-01T00:00:20.000Z');
  google.touchEvent({ id: 'old2', status: 'cancelled' }, '2025-01-01T00:00:30.000Z');
  clock.advance(60_000);
  const second = await runPoll(googleAt(google), 'calendarEventChanged', { ...options, state: first.state });
  expect(google.api.requests.at(-1)!.query).toMatchObject({ syncToken: 'sync-8' });
  expect(second.output).toEqual([
    expect.objectContaining({
      id: 'new1',
      change: 'created',
      summary: 'Kick-off',
      start: { dateTime: '2025-01-10T09:00:00Z' },
    }),
    expect.objectContaining({ id: 'old1', change: 'updated', summary: 'Old 1 (moved)' }),
  ]);
  expect(second.cursor).toEqual({ syncToken: 'sync-11', checkedAt: '2025-01-01T00:01:00.000Z' });

  const third = await runPoll(googleAt(google), 'calendarEventChanged', { ...options, state: second.state });
  expect(third.output).toEqual([]);

  // Cancellations fire when asked for.
  google.touchEvent({ id: 'old3', status: 'cancelled' }, '2025-01-01T00:02:00.000Z');
  const fourth = await runPoll(googleAt(google), 'calendarEventChanged', {
    ...options,
    state: third.state,
    config: { changes: ['cancelled'] },
  });
  expect(fourth.output).toEqual([
    { id: 'old3', status: 'cancelled', change: 'cancelled', updated: '2025-01-01T00:02:00.000Z' },
  ]);
});

test('after a 410 for an expired sync token, lists by updatedMin and gets a new token', async () => {
  const clock = createFakeClock({ now: Date.UTC(2025, 1, 1) });
  const options = { credentials: googleCredential(), baseUrl: google.baseUrl, clock };
  const first = await runPoll(googleAt(google), 'calendarEventChanged', options);
  google.touchEvent({ id: 'late1', summary: 'Added while the token expired' }, '2025-02-01T00:00:30.000Z');
  google.expireSyncTokens();
  clock.advance(60_000);
  const second = await runPoll(googleAt(google), 'calendarEventChanged', { ...options, state: first.state });
  expect(second.output).toEqual([expect.objectContaining({ id: 'late1', change: 'created' })]);
  expect(second.logs.map((l) => l.message)).toEqual([expect.stringContaining('expired the calendar sync token')]);
  expect(google.api.requests.some((r) => r.query.updatedMin === '2025-02-01T00:00:00.000Z')).toBe(true);
  expect((second.cursor as { syncToken: string }).syncToken).toMatch(/^sync-\d+$/);
});
