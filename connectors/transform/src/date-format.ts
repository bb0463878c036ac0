// Formatting instants in a time zone with Intl: presets (`dateStyle`/`timeStyle`), ISO with the zone's offset,
// or a pattern of tokens (`yyyy-MM-dd HH:mm`, `EEE d MMM yyyy`). Text in single quotes is kept as is.
import { ConnectorError } from '@weft/sdk';

export interface FormatDateOptions {
  /** An ISO date string or milliseconds since the epoch. */
  date: string | number;
  timezone?: string;
  locale?: string;
  /** Token pattern; see TOKENS. Takes precedence over the styles. */
  pattern?: string;
  dateStyle?: 'full' | 'long' | 'medium' | 'short';
  timeStyle?: 'full' | 'long' | 'medium' | 'short';
}

export interface FormattedDate {
  formatted: string;
  /** The instant in UTC: `2024-05-01T12:00:00.000Z`. */
  iso: string;
  /** The instant as local time with offset: `2024-05-01T14:00:00+02:00`. */
  local: string;
  epochMs: number;
  timezone: string;
}

export function toInstant(date: string | number): number {
  const ms = typeof date === 'number' ? date : Date.parse(date);
  if (!Number.isFinite(ms)) {
    throw new ConnectorError({ kind: 'validation', message: `"${date}" is not a date (use ISO 8601 or milliseconds)` });
  }
  return ms;
}

export function formatDate(options: FormatDateOptions): FormattedDate {
  const timezone = options.timezone ?? 'UTC';
  const locale = options.locale ?? 'en-US';
  const at = toInstant(options.date);
  const parts = partsOf(at, timezone, locale);
  let formatted: string;
  if (options.pattern !== undefined) formatted = formatPattern(options.pattern, parts);
  else if (options.dateStyle || options.timeStyle) {
    formatted = new Intl.DateTimeFormat(locale, {
      timeZone: timezone,
      ...(options.dateStyle ? { dateStyle: options.dateStyle } : {}),
      ...(options.timeStyle ? { timeStyle: options.timeStyle } : {}),
    }).format(at);
  } else formatted = localIso(parts);
  return { formatted, iso: new Date(at).toISOString(), local: localIso(parts), epochMs: at, timezone };
}

interface Parts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  millisecond: number;
  /** Minutes ahead of UTC. */
  offset: number;
  weekdayShort: string;
  weekdayLong: string;
  monthShort: string;
  monthLong: string;
  zoneName: string;
}

function partsOf(at: number, timeZone: string, locale: string): Parts {
  const numeric = read(at, 'en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
    second: 'numeric',
  });
  const n = (type: string) => Number(numeric[type]);
  const wall = Date.UTC(n('year'), n('month') - 1, n('day'), n('hour') % 24, n('minute'), n('second'));
  const whole = Math.floor(at / 1000) * 1000;
  const long = read(at, locale, { timeZone, weekday: 'long', month: 'long', timeZoneName: 'short' });
  const short = read(at, locale, { timeZone, weekday: 'short', month: 'short' });
  return {
    year: n('year'),
    month: n('month'),
    day: n('day'),
    hour: n('hour') % 24,
    minute: n('minute'),
    second: n('second'),
    millisecond: at - whole,
    offset: Math.round((wall - whole) / 60_000),
    weekdayShort: short.weekday ?? '',
    weekdayLong: long.weekday ?? '',
    monthShort: short.month ?? '',
    monthLong: long.month ?? '',
    zoneName: long.timeZoneName ?? timeZone,
  };
}

function read(at: number, locale: string, options: Intl.DateTimeFormatOptions): Record<string, string> {
  let format: Intl.DateTimeFormat;
  try {
    format = new Intl.DateTimeFormat(locale, options);
  } catch (error) {
    const what = error instanceof RangeError && /time ?zone/i.test(error.message) ? 'time zone' : 'locale';
    const value = what === 'time zone' ? options.timeZone : locale;
    throw new ConnectorError({ kind: 'validation', message: `Unknown ${what} "${value}"` });
  }
  const out: Record<string, string> = {};
  for (const part of format.formatToParts(at)) if (part.type !== 'literal') out[part.type] = part.value;
  return out;
}

const pad = (value: number, width = 2) => String(Math.abs(value)).padStart(width, '0');

function offsetText(minutes: number, colon: boolean): string {
  if (minutes === 0) return 'Z';
  const sign = minutes < 0 ? '-' : '+';
  const abs = Math.abs(minutes);
  return `${sign}${pad(Math.floor(abs / 60))}${colon ? ':' : ''}${pad(abs % 60)}`;
}

function localIso(p: Parts): string {
  return `${pad(p.year, 4)}-${pad(p.month)}-${pad(p.day)}T${pad(p.hour)}:${pad(p.minute)}:${pad(p.second)}${offsetText(p.offset, true)}`;
}

/** Longest tokens first, so `yyyy` wins over `yy` and `MMMM` over `MM`. */
const TOKENS: [string, (p: Parts) => string][] = [
  ['yyyy', (p) => pad(p.year, 4)],
  ['yy', (p) => pad(p.year % 100)],
  ['MMMM', (p) => p.monthLong],
  ['MMM', (p) => p.monthShort],
  ['MM', (p) => pad(p.month)],
  ['M', (p) => String(p.month)],
  ['dd', (p) => pad(p.day)],
  ['d', (p) => String(p.day)],
  ['EEEE', (p) => p.weekdayLong],
  ['EEE', (p) => p.weekdayShort],
  ['HH', (p) => pad(p.hour)],
  ['H', (p) => String(p.hour)],
  ['hh', (p) => pad(p.hour % 12 || 12)],
  ['h', (p) => String(p.hour % 12 || 12)],
  ['mm', (p) => pad(p.minute)],
  ['ss', (p) => pad(p.second)],
  ['SSS', (p) => pad(p.millisecond, 3)],
  ['a', (p) => (p.hour < 12 ? 'AM' : 'PM')],
  ['XXX', (p) => offsetText(p.offset, true)],
  ['XX', (p) => offsetText(p.offset, false)],
  ['z', (p) => p.zoneName],
];

function formatPattern(pattern: string, parts: Parts): string {
  let out = '';
  for (let i = 0; i < pattern.length;) {
    if (pattern[i] === "'") {
      const end = pattern.indexOf("'", i + 1);
      const literal = end === -1 ? pattern.slice(i + 1) : pattern.slice(i + 1, end);
      out += literal === '' && end === i + 1 ? "'" : literal;
      i = end === -1 ? pattern.length : end + 1;
      continue;
    }
    const token = TOKENS.find(([t]) => pattern.startsWith(t, i));
    if (token) {
      out += token[1](parts);
      i += token[0].length;
    } else {
      out += pattern[i];
      i++;
    }
  }
  return out;
}
