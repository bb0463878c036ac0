import { afterAll, beforeAll, expect, test } from 'vitest';
import { createFakeClock, runPoll } from '@weft/sdk/testing';
import { startFakeGoogle, type FakeGoogle } from '../test-support/fake-google.js';
import { googleAt, googleCredential } from '../test-support/google-options.js';

let google: FakeGoogle;
beforeAll(async () => {
  google = await startFakeGoogle();
});
afterAll(() => google.close());

test('records the mailbox position first, then fires once per new matching email', async () => {
  const clock = createFakeClock({ now: Date.UTC(2025, 0, 1, 12) });
  const options = {
    credentials: googleCredential(),
    baseUrl: google.baseUrl,
    clock,
    config: { query: 'from:billing@acme.example' },
  };
  google.deliver({
    from: 'billing@acme.example',
    to: 'me@example.com',
    subject: 'Old invoice',
    internalDate: clock.now() - 3_600_000,
  });

  const first = await runPoll(googleAt(google), 'newEmail', options);
  expect(first.output).toEqual([]);
  expect(first.cursor).toEqual({ historyId: '1001', after: Math.floor(clock.now() / 1000) });

  // Nothing arrived: one cheap history request, no search.
  const before = google.api.requests.length;
  const quiet = await runPoll(googleAt(google), 'newEmail', { ...options, state: first.state });
  expect(quiet.output).toEqual([]);
  expect(google.api.requests.slice(before).map((r) => r.path)).toEqual(['/gmail/v1/users/me/history']);
  expect(google.api.requests.at(-1)!.query).toEqual({
    startHistoryId: '1001',
    historyTypes: 'messageAdded',
    labelId: 'INBOX',
  });

  clock.advance(60_000);
  google.deliver({
    from: 'Acme Billing <billing@acme.example>',
    to: 'me@example.com',
    subject: 'Invoice 42',
    internalDate: clock.now() - 5000,
  });
  google.deliver({
    from: 'friend@example.com',
    to: 'me@example.com',
    subject: 'Lunch?',
    internalDate: clock.now() - 4000,
  });
  google.deliver({
    from: 'billing@acme.example',
    to: 'me@example.com',
    subject: 'Invoice 43',
    internalDate: clock.now() - 3000,
  });
  const second = await runPoll(googleAt(google), 'newEmail', { ...options, state: quiet.state });
  expect(second.output).toEqual([
    expect.objectContaining({
      id: 'm2',
      subject: 'Invoice 42',
      from: 'Acme Billing <billing@acme.example>',
      labelIds: ['INBOX', 'UNREAD'],
    }),
    expect.objectContaining({
      id: 'm4',
      subject: 'Invoice 43',
      receivedAt: new Date(clock.now() - 3000).toISOString(),
    }),
  ]);
  const search = google.api.requests.find((r) => r.path === '/gmail/v1/users/me/messages');
  expect(search!.query.q).toBe(`from:billing@acme.example after:${(first.cursor as { after: number }).after - 60}`);
  expect(second.cursor).toEqual({ historyId: '1004', after: Math.floor((clock.now() - 3000) / 1000) });

  // Another message arrives; the overlapping search returns the old ones again, and they do not fire twice.
  clock.advance(60_000);
  google.deliver({
    from: 'billing@acme.example',
    to: 'me@example.com',
    subject: 'Invoice 44',
    internalDate: clock.now(),
  });
  const third = await runPoll(googleAt(google), 'newEmail', { ...options, state: second.state });
  expect(third.output.map((m) => (m as { subject: string }).subject)).toEqual(['Invoice 44']);
});

test('when Gmail has dropped the stored history position, it searches by time and starts over', async () => {
  const clock = createFakeClock({ now: Date.UTC(2025, 0, 2) });
  const options = {
    credentials: googleCredential(),
    baseUrl: google.baseUrl,
    clock,
    config: { query: 'subject:report' },
  };
  const first = await runPoll(googleAt(google), 'newEmail', options);
  clock.advance(120_000);
  google.deliver({ from: 'bi@example.com', to: 'me@example.com', subject: 'Weekly report', internalDate: clock.now() });
  google.expireHistoryBefore(99_999);
  const second = await runPoll(googleAt(google), 'newEmail', { ...options, state: first.state });
  expect(second.output).toEqual([expect.objectContaining({ subject: 'Weekly report' })]);
  expect(second.logs.map((l) => l.message)).toEqual([
    expect.stringContaining('no longer has the stored history position'),
  ]);
  expect((second.cursor as { historyId: string }).historyId).toBe(String(1000 + google.mailbox.length));
  google.expireHistoryBefore(0);
});
