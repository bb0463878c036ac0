import { runAction } from '@weft/sdk/testing';
import { expect, test } from 'vitest';
import connector, { previewFireTimes } from './index.js';

test('nextFireTimes previews a schedule as a step', async () => {
  const { output } = await runAction(connector, 'nextFireTimes', {
    input: { cron: '*/15 * * * *', timezone: 'Europe/Paris', from: '2024-06-01T10:01:00Z' },
  });
  expect(output).toEqual({
    cron: '*/15 * * * *',
    timezone: 'Europe/Paris',
    description: 'Every 15 minutes',
    times: [
      '2024-06-01T10:15:00.000Z',
      '2024-06-01T10:30:00.000Z',
      '2024-06-01T10:45:00.000Z',
      '2024-06-01T11:00:00.000Z',
      '2024-06-01T11:15:00.000Z',
    ],
    localTimes: [
      '2024-06-01T12:15:00+02:00',
      '2024-06-01T12:30:00+02:00',
      '2024-06-01T12:45:00+02:00',
      '2024-06-01T13:00:00+02:00',
      '2024-06-01T13:15:00+02:00',
    ],
  });
});

test('nextFireTimes defaults to UTC, five times, from now', async () => {
  const before = Date.now();
  const { output } = await runAction(connector, 'nextFireTimes', { input: { cron: '* * * * *' } });
  expect(output.timezone).toBe('UTC');
  expect(output.times).toHaveLength(5);
  expect(Date.parse(output.times[0]!)).toBeGreaterThan(before);
  expect(Date.parse(output.times[0]!) - before).toBeLessThanOrEqual(60_000);
});

test('an invalid cron fails the step with a validation error', async () => {
  await expect(runAction(connector, 'nextFireTimes', { input: { cron: '*/15 * * *' } })).rejects.toMatchObject({
    code: 'connector_validation',
    message: expect.stringContaining('Invalid cron expression'),
  });
});

test('the package exports the pure preview', () => {
  expect(previewFireTimes('0 0 1 1 *', 'UTC', 1, Date.parse('2024-06-01T00:00:00Z')).times).toEqual([
    '2025-01-01T00:00:00.000Z',
  ]);
});
