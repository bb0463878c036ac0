import { afterAll, describe, expect, it } from 'vitest';
import { createSandbox } from './index.js';

const NOW = Date.UTC(2024, 2, 10, 6, 30, 0);
const sandbox = createSandbox({ size: 1, timeoutMs: 2000, now: () => NOW });
afterAll(() => sandbox.dispose());

async function run(code: string, trigger: unknown = null): Promise<unknown> {
  return (await sandbox.runCode(code, { trigger: trigger as never, steps: {} })).value;
}

describe('$date', () => {
  it('reads now from the evaluation start time', async () => {
    expect(
      await run('return [$date.now(), $date.today(), $date.today("Asia/Tokyo"), $date.today("America/Los_Angeles")]'),
    ).toEqual(['2024-03-10T06:30:00.000Z', '2024-03-10', '2024-03-10', '2024-03-09']);
  });

  it('parses ISO strings, offsets, epoch milliseconds and wall times in a zone', async () => {
    const code = `return [
      $date.parse('2024-01-02T03:04:05.678Z'), $date.parse('2024-01-02T03:04:05+02:00'), $date.parse('2024-01-02'),
      $date.parse(0), $date.parse('2024-07-01 09:00', 'Europe/Paris'), $date.parse('2024-01-01T00:00', 'America/New_York'),
    ]`;
    expect(await run(code)).toEqual([
      '2024-01-02T03:04:05.678Z',
      '2024-01-02T01:04:05.000Z',
      '2024-01-02T00:00:00.000Z',
      '1970-01-01T00:00:00.000Z',
      '2024-07-01T07:00:00.000Z',
      '2024-01-01T05:00:00.000Z',
    ]);
  });

  it('resolves daylight saving gaps forward and overlaps to the earlier instant', async () => {
    const code = `return [$date.parse('2024-03-10 02:30', 'America/New_York'), $date.parse('2024-11-03 01:30', 'America/New_York'),
      $date.parse('2024-10-27 01:30', 'Europe/London')]`;
    expect(await run(code)).toEqual([
      '2024-03-10T07:30:00.000Z',
      '2024-11-03T05:30:00.000Z',
      '2024-10-27T00:30:00.000Z',
    ]);
  });

  it('formats with patterns in a time zone', async () => {
    const code = `const t = '2024-03-10T12:04:05.006Z'; return [
      $date.format(t), $date.format(t, "EEEE d MMMM yyyy 'at' h:mm a", 'America/New_York'),
      $date.format(t, 'EEE dd/MM/yy HH:mm:ss.SSS XXX', 'Asia/Kolkata'), $date.format(t, 'yyyy-MM-dd HH:mm xxx X XX'),
      $date.format(t, "MMM ''yy"), $date.format(t, 'H', 'Pacific/Chatham'),
    ]`;
    expect(await run(code)).toEqual([
      '2024-03-10T12:04:05.006Z',
      'Sunday 10 March 2024 at 8:04 AM',
      'Sun 10/03/24 17:34:05.006 +05:30',
      '2024-03-10 12:04 +00:00 Z Z',
      "Mar '24",
      '1',
    ]);
  });

  it('agrees with Intl for many instants and zones', async () => {
    const zones = [
      'UTC',
      'Europe/Paris',
      'America/Sao_Paulo',
      'Australia/Lord_Howe',
      'Asia/Kathmandu',
      'America/St_Johns',
    ];
    const instants = Array.from({ length: 40 }, (_, i) => Date.UTC(1995, 0, 1) + i * 987_654_321_0);
    const actual = await run(
      `return trigger.zones.flatMap((z) => trigger.instants.map((t) => $date.format(t, 'yyyy-MM-dd HH:mm:ss', z)))`,
      { zones, instants },
    );
    const expected = zones.flatMap((timeZone) => {
      const format = new Intl.DateTimeFormat('en-CA', {
        timeZone,
        hourCycle: 'h23',
        year: 'numeric',
        month: '2-digit',
        day: '2-digit',
        hour: '2-digit',
        minute: '2-digit',
        second: '2-digit',
      });
      return instants.map((t) => {
        const p = Object.fromEntries(format.formatToParts(t).map((part) => [part.type, part.value]));
        return `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}:${p.second}`;
      });
    });
    expect(actual).toEqual(expected);
  });

  it('adds calendar units in a zone and exact units anywhere', async () => {
    const code = `return [
      $date.addDays('2024-03-09T17:00:00Z', 1, 'America/New_York'), $date.addDays('2024-03-09T17:00:00Z', 1),
      $date.addMonths('2024-01-31T10:00:00Z', 1), $date.add('2024-02-29T00:00:00Z', 1, 'year'), $date.add('2024-01-01T00:00:00Z', -2, 'weeks'),
      $date.addHours('2024-03-10T06:30:00Z', 25), $date.addMinutes(0, 90),
    ]`;
    expect(await run(code)).toEqual([
      '2024-03-10T16:00:00.000Z',
      '2024-03-10T17:00:00.000Z',
      '2024-02-29T10:00:00.000Z',
      '2025-02-28T00:00:00.000Z',
      '2023-12-18T00:00:00.000Z',
      '2024-03-11T07:30:00.000Z',
      '1970-01-01T01:30:00.000Z',
    ]);
  });

  it('finds the start of a unit in a zone', async () => {
    const code = `const t = '2024-03-14T03:20:00Z'; return [
      $date.startOf(t, 'day'), $date.startOf(t, 'day', 'America/Los_Angeles'), $date.startOf(t, 'week'), $date.startOf(t, 'month', 'Europe/Paris'),
      $date.startOf(t, 'year'), $date.startOf(t, 'hour'),
    ]`;
    expect(await run(code)).toEqual([
      '2024-03-14T00:00:00.000Z',
      '2024-03-13T07:00:00.000Z',
      '2024-03-11T00:00:00.000Z',
      '2024-02-29T23:00:00.000Z',
      '2024-01-01T00:00:00.000Z',
      '2024-03-14T03:00:00.000Z',
    ]);
  });

  it('measures differences and describes instants', async () => {
    const code = `return [
      $date.diff('2024-01-01T00:00:00Z', '2024-01-03T12:00:00Z', 'days'), $date.diff('2024-01-03T00:00:00Z', '2024-01-01T00:00:00Z', 'hours'),
      $date.diff(0, 1500), $date.parts('2024-03-10T12:00:00Z', 'Asia/Kolkata'), $date.isValid('2024-02-29'), $date.isValid('2024-02-30'), $date.isValid('nope'), $date.isValid(0),
    ]`;
    expect(await run(code)).toEqual([
      2,
      -48,
      1500,
      { year: 2024, month: 3, day: 10, hour: 17, minute: 30, second: 0, millisecond: 0, weekday: 7, offset: '+05:30' },
      true,
      false,
      false,
      true,
    ]);
  });

  it('explains bad input', async () => {
    await expect(run("return $date.format('2024-01-01', 'yyyy-QQ')")).rejects.toThrow('unknown pattern letter "Q"');
    await expect(run("return $date.parse('not a date')")).rejects.toThrow('$date.parse: invalid date "not a date"');
    await expect(run("return $date.format(0, 'yyyy', 'Mars/Olympus')")).rejects.toThrow(/time zone/i);
    await expect(run("return $date.diff(0, 1, 'months')")).rejects.toThrow('no fixed length');
  });
});
