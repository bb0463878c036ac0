// Wall-clock time in an IANA time zone, with Intl only: the local parts of an instant, and the instants (none,
// one or two, around DST changes) at which a local wall time occurs.
import { ConnectorError } from '@weft/sdk';

export interface LocalParts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/** Throws a validation error naming the zone when Intl does not know it. */
export function assertTimeZone(timeZone: string): void {
  try {
    formatterFor(timeZone);
  } catch {
    throw new ConnectorError({
      kind: 'validation',
      message: `Unknown time zone "${timeZone}": use an IANA name such as "UTC", "Europe/Paris" or "America/New_York"`,
    });
  }
}

export function localParts(instant: number, timeZone: string): LocalParts {
  const parts: Record<string, number> = {};
  for (const part of formatterFor(timeZone).formatToParts(instant)) {
    if (part.type !== 'literal') parts[part.type] = Number(part.value);
  }
  return {
    year: parts.year!,
    month: parts.month!,
    day: parts.day!,
    hour: parts.hour === 24 ? 0 : parts.hour!,
    minute: parts.minute!,
    second: parts.second!,
  };
}

/** Milliseconds the zone is ahead of UTC at `instant` (whole seconds). */
export function offsetAt(instant: number, timeZone: string): number {
  const whole = Math.floor(instant / 1000) * 1000;
  const p = localParts(whole, timeZone);
  return Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second) - whole;
}

/**
 * The instants whose wall time in `timeZone` is `local`: none in a DST gap, two in a DST overlap. `offsets` are
 * the zone's offsets around that day (before and after any change).
 */
export function instantsAt(local: LocalParts, timeZone: string, offsets: readonly number[]): number[] {
  const asUtc = Date.UTC(local.year, local.month - 1, local.day, local.hour, local.minute, local.second);
  const found: number[] = [];
  for (const offset of offsets) {
    const candidate = asUtc - offset;
    const back = localParts(candidate, timeZone);
    const same =
      back.year === local.year &&
      back.month === local.month &&
      back.day === local.day &&
      back.hour === local.hour &&
      back.minute === local.minute &&
      back.second === local.second;
    if (same && !found.includes(candidate)) found.push(candidate);
  }
  return found.sort((a, b) => a - b);
}

/** `2024-03-31T03:00:00+02:00`: an instant as local time with its offset. */
export function formatLocalIso(instant: number, timeZone: string): string {
  const p = localParts(instant, timeZone);
  const offset = Math.round(offsetAt(instant, timeZone) / 60_000);
  const pad = (n: number, width = 2) => String(n).padStart(width, '0');
  const sign = offset < 0 ? '-' : '+';
  const abs = Math.abs(offset);
  const zone = offset === 0 ? 'Z' : `${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
  return `${pad(p.year, 4)}-${pad(p.month)}-${pad(p.day)}T${pad(p.hour)}:${pad(p.minute)}:${pad(p.second)}${zone}`;
}
