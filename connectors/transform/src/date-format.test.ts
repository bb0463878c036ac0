import { expect, test } from 'vitest';
import { formatDate } from './date-format.js';

const at = '2024-03-31T00:30:15.250Z'; // Paris switches to summer time at 01:00 UTC that night

test('shows the local time with its offset by default', () => {
  expect(formatDate({ date: at, timezone: 'Europe/Paris' })).toEqual({
    formatted: '2024-03-31T01:30:15+01:00',
    iso: '2024-03-31T00:30:15.250Z',
    local: '2024-03-31T01:30:15+01:00',
    epochMs: Date.parse(at),
    timezone: 'Europe/Paris',
  });
  expect(formatDate({ date: '2024-03-31T01:30:00Z', timezone: 'Europe/Paris' }).local).toBe(
    '2024-03-31T03:30:00+02:00',
  );
  expect(formatDate({ date: Date.parse(at) }).local).toBe('2024-03-31T00:30:15Z');
});

test('formats token patterns, with quoted text kept', () => {
  expect(
    formatDate({ date: at, timezone: 'America/New_York', pattern: "EEE d MMM yyyy 'at' h:mm a (XXX)" }).formatted,
  ).toBe('Sat 30 Mar 2024 at 8:30 PM (-04:00)');
  expect(formatDate({ date: at, timezone: 'Asia/Kolkata', pattern: 'yyyy-MM-dd HH:mm:ss.SSS XX' }).formatted).toBe(
    '2024-03-31 06:00:15.250 +0530',
  );
  expect(formatDate({ date: at, pattern: "EEEE, MMMM d ''yy", locale: 'fr-FR' }).formatted).toBe(
    "dimanche, mars 31 '24",
  );
});

test('uses Intl styles in a locale', () => {
  expect(
    formatDate({ date: at, timezone: 'Europe/Paris', locale: 'fr-FR', dateStyle: 'long', timeStyle: 'short' })
      .formatted,
  ).toBe('31 mars 2024 à 01:30');
});

test('rejects what is not a date, a zone or a locale', () => {
  expect(() => formatDate({ date: 'yesterday' })).toThrow(/"yesterday" is not a date/);
  expect(() => formatDate({ date: at, timezone: 'Nowhere/City' })).toThrow(/Unknown time zone "Nowhere\/City"/);
});
