// previewFireTimes: when a cron schedule fires next, and what it means in words. It parses and matches with
// node-cron, the library the runtime's scheduler (`schedule@1`) runs on, so the preview cannot disagree with
// the scheduler on syntax or on how day-of-month and day-of-week combine (both must match).
import { ConnectorError } from '@weft/sdk';
import { toString as describeCron } from 'cronstrue';
import cron from 'node-cron';
import { assertTimeZone, formatLocalIso, instantsAt, localParts, offsetAt } from './zoned-time.js';

export interface FireTimePreview {
  cron: string;
  timezone: string;
  /** "Every 15 minutes", "At 08:00, Monday through Friday". */
  description: string;
  /** The next fire times, strictly after `from`, as UTC ISO strings. Fewer than asked when the schedule ends. */
  times: string[];
  /** The same times as local ISO strings with the zone's offset (`2024-03-31T03:00:00+02:00`). */
  localTimes: string[];
}

export const MAX_PREVIEW_COUNT = 100;
const DAY = 86_400_000;
/** Looked-ahead days before giving up (a 29 February on a Monday can be 28 years away). */
const MAX_DAYS = 366 * 30;
/** More than any DST shift: local wall-clock order and instant order never differ by more than this. */
const SHIFT_MARGIN_S = 3 * 3600;

export function previewFireTimes(
  expression: string,
  timezone = 'UTC',
  count = 5,
  from: Date | number = Date.now(),
): FireTimePreview {
  const pattern = expression.trim();
  const fields = parseCron(pattern);
  assertTimeZone(timezone);
  if (!Number.isInteger(count) || count < 1 || count > MAX_PREVIEW_COUNT) {
    throw new ConnectorError({ kind: 'validation', message: `count must be 1 to ${MAX_PREVIEW_COUNT}, got ${count}` });
  }
  const start = typeof from === 'number' ? from : from.getTime();
  const instants = nextInstants(pattern, fields, timezone, count, start);
  return {
    cron: pattern,
    timezone,
    description: describe(pattern),
    times: instants.map((at) => new Date(at).toISOString()),
    localTimes: instants.map((at) => formatLocalIso(at, timezone)),
  };
}

type CronFields = ReturnType<typeof cron.parse>;

function parseCron(pattern: string): CronFields {
  let problems: string[];
  try {
    const result = cron.validateDetailed(pattern);
    if (result.valid) return cron.parse(pattern);
    problems = result.errors.map((e) => e.message);
  } catch (error) {
    problems = [error instanceof Error ? error.message : String(error)];
  }
  throw new ConnectorError({
    kind: 'validation',
    message: `Invalid cron expression "${pattern}": ${problems.join('; ') || 'not a cron expression'}. Use five fields (minute hour day-of-month month day-of-week), e.g. "*/15 * * * *", or six with seconds first.`,
  });
}

function describe(pattern: string): string {
  try {
    return describeCron(pattern, {
      use24HourTimeFormat: true,
      logicalAndDayFields: true,
      throwExceptionOnParseError: true,
    });
  } catch {
    return pattern;
  }
}

function nextInstants(pattern: string, fields: CronFields, timezone: string, count: number, from: number): number[] {
  // Day-level matching (month, day of month incl. L/W tokens, day of week incl. # and L) is asked of node-cron
  // itself through a noon-UTC pattern; the full pattern then confirms each candidate instant in the zone.
  const dayPattern = `0 0 12 ${fields.dayOfMonth.join(',')} ${fields.month.join(',')} ${fields.dayOfWeek.join(',')}`;
  const noop = () => undefined;
  const dayTask = cron.createTask(dayPattern, noop, { timezone: 'UTC' });
  const task = cron.createTask(pattern, noop, { timezone });
  try {
    const seconds = sorted(fields.second);
    const minutes = sorted(fields.minute);
    const hours = sorted(fields.hour);
    const found: number[] = [];
    const first = localParts(from, timezone);
    const firstWall = first.hour * 3600 + first.minute * 60 + first.second;
    for (let i = 0; i < MAX_DAYS && found.length < count; i++) {
      const noon = Date.UTC(first.year, first.month - 1, first.day + i, 12);
      if (!dayTask.match(new Date(noon))) continue;
      const date = new Date(noon);
      const day = { year: date.getUTCFullYear(), month: date.getUTCMonth() + 1, day: date.getUTCDate() };
      const offsets = [...new Set([offsetAt(noon - DAY, timezone), offsetAt(noon + DAY, timezone)])];
      const need = count - found.length;
      const onDay: number[] = [];
      let cutoff = Infinity;
      scan: for (const hour of hours) {
        for (const minute of minutes) {
          for (const second of seconds) {
            const wall = hour * 3600 + minute * 60 + second;
            if (i === 0 && wall < firstWall - SHIFT_MARGIN_S) continue;
            if (wall > cutoff) break scan;
            for (const at of instantsAt({ ...day, hour, minute, second }, timezone, offsets)) {
              if (at > from && task.match(new Date(at))) onDay.push(at);
            }
            if (onDay.length >= need && cutoff === Infinity) cutoff = wall + SHIFT_MARGIN_S;
          }
        }
      }
      found.push(...[...new Set(onDay)].sort((a, b) => a - b).slice(0, need));
    }
    return found;
  } finally {
    void dayTask.destroy();
    void task.destroy();
  }
}

const sorted = (values: readonly number[]) => [...values].sort((a, b) => a - b);
