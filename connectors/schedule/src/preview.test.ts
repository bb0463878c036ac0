import cron from 'node-cron';
import { expect, test } from 'vitest';
import { previewFireTimes } from './preview.js';

const from = Date.parse('2024-01-10T10:07:30Z');

test('lists the next five quarter hours and says "Every 15 minutes"', () => {
  const preview = previewFireTimes('*/15 * * * *', 'UTC', 5, from);
  expect(preview.description).toBe('Every 15 minutes');
  expect(preview.times).toEqual([
    '2024-01-10T10:15:00.000Z',
    '2024-01-10T10:30:00.000Z',
    '2024-01-10T10:45:00.000Z',
    '2024-01-10T11:00:00.000Z',
    '2024-01-10T11:15:00.000Z',
  ]);
  expect(preview.localTimes[0]).toBe('2024-01-10T10:15:00Z');
});

test('fire times are strictly after "from"', () => {
  const preview = previewFireTimes('0 * * * *', 'UTC', 2, Date.parse('2024-01-10T10:00:00Z'));
  expect(preview.times).toEqual(['2024-01-10T11:00:00.000Z', '2024-01-10T12:00:00.000Z']);
});

test('weekday mornings in Paris are 07:00 UTC in winter and skip the weekend', () => {
  const preview = previewFireTimes('0 8 * * 1-5', 'Europe/Paris', 3, Date.parse('2024-01-12T09:00:00Z'));
  expect(preview.description).toBe('At 08:00, Monday through Friday');
  expect(preview.times).toEqual(['2024-01-15T07:00:00.000Z', '2024-01-16T07:00:00.000Z', '2024-01-17T07:00:00.000Z']);
  expect(preview.localTimes[0]).toBe('2024-01-15T08:00:00+01:00');
});

test('a local time that does not exist on the spring-forward day is skipped', () => {
  // Europe/Paris jumps from 02:00 to 03:00 on 31 March 2024.
  const preview = previewFireTimes('30 2 * * *', 'Europe/Paris', 2, Date.parse('2024-03-30T12:00:00Z'));
  // From 13:00 on the 30th: the 31st has no 02:30, so the next ones are 1 and 2 April (CEST, UTC+2).
  expect(preview.times).toEqual(['2024-04-01T00:30:00.000Z', '2024-04-02T00:30:00.000Z']);
});

test('a local time that happens twice on the fall-back day fires twice, in order', () => {
  // America/New_York repeats 01:00-02:00 on 3 November 2024 (EDT -4, then EST -5).
  const preview = previewFireTimes('30 1 * * *', 'America/New_York', 3, Date.parse('2024-11-02T12:00:00Z'));
  expect(preview.times).toEqual(['2024-11-03T05:30:00.000Z', '2024-11-03T06:30:00.000Z', '2024-11-04T06:30:00.000Z']);
  expect(preview.localTimes.slice(0, 2)).toEqual(['2024-11-03T01:30:00-04:00', '2024-11-03T01:30:00-05:00']);
});

test('day-of-month and day-of-week must both match, as in the scheduler', () => {
  // node-cron ANDs the two fields: Friday the 13th.
  const preview = previewFireTimes('0 0 13 * 5', 'UTC', 2, Date.parse('2024-01-01T00:00:00Z'));
  expect(preview.times).toEqual(['2024-09-13T00:00:00.000Z', '2024-12-13T00:00:00.000Z']);
});

test('supports seconds, last-day and nth-weekday tokens like the scheduler', () => {
  expect(previewFireTimes('*/20 * * * * *', 'UTC', 3, Date.parse('2024-01-01T00:00:05Z')).times).toEqual([
    '2024-01-01T00:00:20.000Z',
    '2024-01-01T00:00:40.000Z',
    '2024-01-01T00:01:00.000Z',
  ]);
  expect(previewFireTimes('0 12 L * *', 'UTC', 2, Date.parse('2024-01-15T00:00:00Z')).times).toEqual([
    '2024-01-31T12:00:00.000Z',
    '2024-02-29T12:00:00.000Z',
  ]);
  expect(previewFireTimes('0 9 * * 1#2', 'UTC', 1, Date.parse('2024-01-01T00:00:00Z')).times).toEqual([
    '2024-01-08T09:00:00.000Z',
  ]);
});

test('agrees with node-cron matching for every listed time', () => {
  const task = cron.createTask('5,35 */3 * * 2,4', () => undefined, { timezone: 'Asia/Kolkata' });
  try {
    const { times } = previewFireTimes('5,35 */3 * * 2,4', 'Asia/Kolkata', 20, from);
    expect(times).toHaveLength(20);
    for (const time of times) expect(task.match(new Date(time))).toBe(true);
    expect([...times].sort()).toEqual(times);
  } finally {
    void task.destroy();
  }
});

test('finds rare dates years ahead, and refuses dates that cannot exist', () => {
  // 29 February on a Monday (both fields must match): next in 2044.
  expect(previewFireTimes('0 0 29 2 1', 'UTC', 1, from).times).toEqual(['2044-02-29T00:00:00.000Z']);
  expect(() => previewFireTimes('0 0 30 2 *', 'UTC', 5, from)).toThrow(/impossible day of month/);
});

test('rejects an invalid expression, time zone or count with a validation error', () => {
  expect(() => previewFireTimes('61 * * * *', 'UTC')).toThrow(/Invalid cron expression "61 \* \* \* \*".*minute/);
  expect(() => previewFireTimes('every day', 'UTC')).toThrow(/Invalid cron expression/);
  expect(() => previewFireTimes('* * * * *', 'Mars/Olympus')).toThrow(/Unknown time zone "Mars\/Olympus"/);
  expect(() => previewFireTimes('* * * * *', 'UTC', 0)).toThrow(/count must be 1 to 100/);
});
