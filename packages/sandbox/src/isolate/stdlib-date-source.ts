// Isolate-side JavaScript: `$date`, dates as ISO strings or epoch milliseconds, with IANA time zones
// through Intl (documented in README.md). `$date.now()` is the evaluation's start time, passed in as data.
// Wall times without an offset are read in the given time zone (UTC by default), never the host's.
export const stdlibDateSource = String.raw`
const MINUTE_MS = 60000;
const HOUR_MS = 3600000;
const DAY_MS = 86400000;
const MONTH_NAMES = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const DAY_NAMES = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];
const FIXED_UNITS = { millisecond: 1, second: 1000, minute: MINUTE_MS, hour: HOUR_MS, day: DAY_MS, week: 7 * DAY_MS };
const ISO_PATTERN = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?$/i;
const zoneFormatters = new MapCtor();

function unitName(unit, where) {
  const name = typeof unit === 'string' ? unit.replace(/s$/, '') : '';
  if (!(name in FIXED_UNITS) && name !== 'month' && name !== 'year') throw new RangeError(where + ': unknown unit ' + jsonStringify(unit));
  return name;
}

function utcMillis(year, month, day, hour, minute, second, millisecond) {
  const date = new DateCtor(dateUTC(2000, 0, 1, hour, minute, second, millisecond));
  date.setUTCFullYear(year, month - 1, day);
  return reflectApply(dateGetTime, date, []);
}

function zoneName(timeZone, where) {
  if (timeZone === undefined) return 'UTC';
  if (typeof timeZone !== 'string') throw new TypeError(where + ' expects a time zone name such as "Europe/Paris"');
  return timeZone;
}

function formatterFor(timeZone) {
  let formatter = zoneFormatters.get(timeZone);
  if (formatter === undefined) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone: timeZone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric',
      hour: 'numeric', minute: 'numeric', second: 'numeric', era: 'short',
    });
    if (zoneFormatters.size < 100) zoneFormatters.set(timeZone, formatter);
  }
  return formatter;
}

// Wall-clock fields of an instant in a zone, with the zone's offset in minutes.
function zonedParts(time, timeZone) {
  const millisecond = ((time % 1000) + 1000) % 1000;
  let fields;
  if (timeZone === 'UTC') {
    const date = new DateCtor(time);
    fields = { year: date.getUTCFullYear(), month: date.getUTCMonth() + 1, day: date.getUTCDate(), hour: date.getUTCHours(), minute: date.getUTCMinutes(), second: date.getUTCSeconds() };
  } else {
    fields = {};
    let bce = false;
    for (const part of formatterFor(timeZone).formatToParts(time)) {
      if (part.type === 'era') bce = part.value === 'BC' || part.value === 'B';
      else if (part.type !== 'literal') fields[part.type] = NumberCtor(part.value);
    }
    if (bce) fields.year = 1 - fields.year;
  }
  const wall = utcMillis(fields.year, fields.month, fields.day, fields.hour, fields.minute, fields.second, millisecond);
  const weekday = ((mathFloor(wall / DAY_MS) % 7) + 10) % 7 + 1;
  return {
    year: fields.year, month: fields.month, day: fields.day, hour: fields.hour, minute: fields.minute,
    second: fields.second, millisecond: millisecond, weekday: weekday, offset: mathTrunc((wall - time) / MINUTE_MS),
  };
}

function offsetMillis(time, timeZone) {
  return zonedParts(time, timeZone).offset * MINUTE_MS;
}

// The instant whose wall-clock time in the zone is the given wall time (fields read as if UTC). Offsets a
// day before and after cover every real transition: in an overlap the earlier instant wins; in a DST gap
// the earlier offset applies, which moves the time forward by the gap.
function fromWall(wall, timeZone) {
  if (timeZone === 'UTC') return wall;
  const before = wall - offsetMillis(wall - DAY_MS, timeZone);
  const after = wall - offsetMillis(wall + DAY_MS, timeZone);
  const beforeValid = offsetMillis(before, timeZone) === wall - before;
  const afterValid = offsetMillis(after, timeZone) === wall - after;
  if (beforeValid && afterValid) return before < after ? before : after;
  return afterValid && !beforeValid ? after : before;
}

function parseDate(text, timeZone) {
  const match = ISO_PATTERN.exec(text.trim());
  if (match === null) return DateCtor.parse(text);
  const fraction = match[7] === undefined ? 0 : NumberCtor((match[7] + '00').slice(0, 3));
  const fields = [match[1], match[2], match[3], match[4] || 0, match[5] || 0, match[6] || 0].map(NumberCtor);
  if (fields[3] > 23 || fields[4] > 59 || fields[5] > 59) return NaN;
  const wall = utcMillis(fields[0], fields[1], fields[2], fields[3], fields[4], fields[5], fraction);
  const check = new DateCtor(wall);
  if (check.getUTCMonth() + 1 !== fields[1] || check.getUTCDate() !== fields[2]) return NaN;
  const offset = match[8];
  if (offset === undefined) return fromWall(wall, timeZone);
  if (offset === 'Z' || offset === 'z') return wall;
  const digits = offset.replace(':', '');
  const minutes = NumberCtor(digits.slice(1, 3)) * 60 + NumberCtor(digits.slice(3, 5) || '0');
  return wall - (offset[0] === '-' ? -minutes : minutes) * MINUTE_MS;
}

function toTime(value, where, timeZone) {
  let time = NaN;
  if (typeof value === 'number') time = value;
  else if (typeof value === 'string') time = parseDate(value, timeZone === undefined ? 'UTC' : timeZone);
  else if (isDate(value)) time = reflectApply(dateGetTime, value, []);
  else throw new TypeError(where + ' expects a date as an ISO string or epoch milliseconds, got ' + typeName(value));
  if (!isFiniteNumber(time) || mathAbs(time) > 8.64e15) throw new RangeError(where + ': invalid date ' + jsonStringify(StringCtor(value)));
  return time;
}

function isoOf(time) {
  return reflectApply(dateToISOString, new DateCtor(time), []);
}

function pad(value, width) {
  const text = StringCtor(mathAbs(value));
  return (value < 0 ? '-' : '') + (text.length >= width ? text : '0'.repeat(width - text.length) + text);
}

function offsetText(minutes, withColon, zulu) {
  if (minutes === 0 && zulu) return 'Z';
  const sign = minutes < 0 ? '-' : '+';
  const hours = pad(mathFloor(mathAbs(minutes) / 60), 2);
  const rest = pad(mathAbs(minutes) % 60, 2);
  return sign + hours + (withColon === 0 ? (rest === '00' ? '' : rest) : withColon === 1 ? rest : ':' + rest);
}

function formatToken(token, p) {
  const letter = token[0];
  const n = token.length;
  switch (letter) {
    case 'y': return n === 2 ? pad(((p.year % 100) + 100) % 100, 2) : pad(p.year, n);
    case 'M': return n >= 4 ? MONTH_NAMES[p.month - 1] : n === 3 ? MONTH_NAMES[p.month - 1].slice(0, 3) : pad(p.month, n);
    case 'd': return pad(p.day, n);
    case 'E': return n >= 4 ? DAY_NAMES[p.weekday - 1] : DAY_NAMES[p.weekday - 1].slice(0, 3);
    case 'H': return pad(p.hour, n);
    case 'h': return pad(p.hour % 12 === 0 ? 12 : p.hour % 12, n);
    case 'a': return p.hour < 12 ? 'AM' : 'PM';
    case 'm': return pad(p.minute, n);
    case 's': return pad(p.second, n);
    case 'S': return pad(p.millisecond, 3).slice(0, n);
    case 'X': return offsetText(p.offset, n - 1, true);
    case 'x': return offsetText(p.offset, n - 1, false);
  }
  throw new RangeError('$date.format: unknown pattern letter ' + jsonStringify(letter) + " (quote literal text like 'at')");
}

function formatParts(p, pattern) {
  let out = '';
  for (let i = 0; i < pattern.length; ) {
    const ch = pattern[i];
    if (ch === "'") {
      const end = pattern.indexOf("'", i + 1);
      out += end === i + 1 ? "'" : pattern.slice(i + 1, end === -1 ? pattern.length : end);
      i = end === -1 ? pattern.length : end + 1;
    } else if (/[A-Za-z]/.test(ch)) {
      let j = i;
      while (pattern[j] === ch) j++;
      out += formatToken(pattern.slice(i, j), p);
      i = j;
    } else {
      out += ch;
      i++;
    }
  }
  return out;
}

function daysInMonth(year, month) {
  return new DateCtor(utcMillis(year, month + 1, 0, 0, 0, 0, 0)).getUTCDate();
}

function addTime(value, amount, unit, timeZone, where) {
  const zone = zoneName(timeZone, where);
  const time = toTime(value, where, zone);
  if (!isInteger(amount)) throw new TypeError(where + ' expects a whole number amount');
  const name = unitName(unit, where);
  if (name !== 'day' && name !== 'week' && name !== 'month' && name !== 'year') return isoOf(time + amount * FIXED_UNITS[name]);
  const p = zonedParts(time, zone);
  let { year, month, day } = p;
  if (name === 'day' || name === 'week') day += amount * (name === 'week' ? 7 : 1);
  else {
    const months = year * 12 + (month - 1) + amount * (name === 'year' ? 12 : 1);
    year = mathFloor(months / 12);
    month = months - year * 12 + 1;
    const last = daysInMonth(year, month);
    if (day > last) day = last;
  }
  return isoOf(fromWall(utcMillis(year, month, day, p.hour, p.minute, p.second, p.millisecond), zone));
}

const $date = {
  now() {
    return isoOf(evaluationNow);
  },
  today(timeZone) {
    return formatParts(zonedParts(evaluationNow, zoneName(timeZone, '$date.today')), 'yyyy-MM-dd');
  },
  parse(value, timeZone) {
    return isoOf(toTime(value, '$date.parse', zoneName(timeZone, '$date.parse')));
  },
  isValid(value) {
    try {
      toTime(value, '$date.isValid');
      return true;
    } catch {
      return false;
    }
  },
  format(value, pattern, timeZone) {
    const zone = zoneName(timeZone, '$date.format');
    const text = pattern === undefined ? "yyyy-MM-dd'T'HH:mm:ss.SSSXXX" : requireString(pattern, '$date.format pattern');
    return formatParts(zonedParts(toTime(value, '$date.format', zone), zone), text);
  },
  parts(value, timeZone) {
    const zone = zoneName(timeZone, '$date.parts');
    const p = zonedParts(toTime(value, '$date.parts', zone), zone);
    return { ...p, offset: offsetText(p.offset, 2, false) };
  },
  add(value, amount, unit, timeZone) {
    return addTime(value, amount, unit, timeZone, '$date.add');
  },
  addMinutes(value, amount) {
    return addTime(value, amount, 'minutes', undefined, '$date.addMinutes');
  },
  addHours(value, amount) {
    return addTime(value, amount, 'hours', undefined, '$date.addHours');
  },
  addDays(value, amount, timeZone) {
    return addTime(value, amount, 'days', timeZone, '$date.addDays');
  },
  addMonths(value, amount, timeZone) {
    return addTime(value, amount, 'months', timeZone, '$date.addMonths');
  },
  startOf(value, unit, timeZone) {
    const zone = zoneName(timeZone, '$date.startOf');
    const name = unitName(unit, '$date.startOf');
    const p = zonedParts(toTime(value, '$date.startOf', zone), zone);
    if (name === 'millisecond') return isoOf(toTime(value, '$date.startOf', zone));
    const day = name === 'week' ? p.day - (p.weekday - 1) : name === 'month' || name === 'year' ? 1 : p.day;
    const wall = utcMillis(p.year, name === 'year' ? 1 : p.month, day, name === 'minute' || name === 'second' || name === 'hour' ? p.hour : 0,
      name === 'minute' || name === 'second' ? p.minute : 0, name === 'second' ? p.second : 0, 0);
    return isoOf(fromWall(wall, zone));
  },
  diff(from, to, unit) {
    const name = unit === undefined ? 'millisecond' : unitName(unit, '$date.diff');
    if (!(name in FIXED_UNITS)) throw new RangeError('$date.diff: months and years have no fixed length; use days');
    return mathTrunc((toTime(to, '$date.diff') - toTime(from, '$date.diff')) / FIXED_UNITS[name]) + 0;
  },
};
`;
