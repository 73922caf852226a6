import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readWallClock, zoneOffset } from '../src/core/dates.js';
import { suggestDate } from '../src/core/validate.js';

/** Zones east and west of UTC, with changes of an hour, half an hour and a day, and without any. */
const ZONES = ['Europe/Berlin', 'America/New_York', 'America/St_Johns', 'America/Santiago', 'Australia/Lord_Howe', 'Africa/Cairo', 'Pacific/Apia', 'Pacific/Kwajalein', 'Asia/Baku', 'UTC'];
const MINUTE = 60_000;

const shown = new Map<string, Intl.DateTimeFormat>();

/** The wall-clock time `timeZone` shows at `instant`, asked of Intl directly, as `YYYY-MM-DDTHH:MM:SS`. */
function wallAt(instant: number, timeZone: string): string {
  let format = shown.get(timeZone);
  if (!format) shown.set(timeZone, (format = new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit' })));
  const part = (type: string) => format.formatToParts(new Date(instant)).find((p) => p.type === type)!.value;
  return `${part('year')}-${part('month')}-${part('day')}T${part('hour')}:${part('minute')}:${part('second')}`;
}

/** The instant an RFC 3339 date-time names, and the wall-clock time it is written with. */
const instantOf = (dateTime: string) => Date.parse(dateTime);
const wallOf = (dateTime: string) => dateTime.slice(0, 19);

describe('zoneOffset', () => {
  it('is the offset the zone\'s clocks show at any instant, to the minute, whatever the year', () => {
    const second = fc.integer({ min: Date.UTC(1000, 0, 1) / 1000, max: Date.UTC(9999, 11, 31) / 1000 });
    const beyond = fc.oneof(fc.integer({ min: Date.UTC(-200, 0, 1) / 1000, max: Date.UTC(999, 11, 31) / 1000 }), fc.integer({ min: Date.UTC(10_000, 0, 1) / 1000, max: Date.UTC(12_000, 0, 1) / 1000 }));
    fc.assert(fc.property(fc.constantFrom(...ZONES), fc.oneof({ weight: 4, arbitrary: second }, { weight: 1, arbitrary: beyond }), (zone, s) => {
      const instant = s * 1000;
      const parts = new Intl.DateTimeFormat('en-US', { timeZone: zone, hourCycle: 'h23', era: 'short', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric' }).formatToParts(new Date(instant));
      const part = (type: string) => Number(parts.find((p) => p.type === type)!.value);
      const wall = new Date(0);
      wall.setUTCFullYear(parts.some((p) => p.type === 'era' && p.value === 'BC') ? 1 - part('year') : part('year'), part('month') - 1, part('day'));
      wall.setUTCHours(part('hour'), part('minute'), part('second'));
      // Local mean time is seconds off the minute (Berlin's +0:53:28 before 1893): the nearest minute.
      const offset = Math.round((wall.getTime() - instant) / MINUTE);
      // Release dates have years of four digits; beyond them only the time of day is right, as before.
      expect(((zoneOffset(zone, instant) - offset) % 1440 + 1440) % 1440).toBe(0);
      if (s >= Date.UTC(1000, 0, 1) / 1000 && s <= Date.UTC(9999, 11, 31) / 1000) expect(zoneOffset(zone, instant)).toBe(offset);
    }), { numRuns: 2000 });
  });
});

describe('readWallClock, which reads a time written without an offset in a zone', () => {
  it('finds every instant that shows a wall-clock time, once or twice, and never one that none shows', () => {
    const instant = fc.integer({ min: Date.parse('1950-01-01T00:00:00Z') / MINUTE, max: Date.parse('2100-01-01T00:00:00Z') / MINUTE }).map((m) => m * MINUTE);
    fc.assert(fc.property(instant, fc.constantFrom(...ZONES), (at, zone) => {
      const local = wallAt(at, zone);
      const reading = readWallClock(local, zone)!;
      if (reading.kind === 'skipped') throw new Error(`${local} is shown in ${zone}, yet read as skipped`);
      const readings = reading.kind === 'once' ? [reading.dateTime] : [reading.earlier, reading.later];
      expect(readings.map(instantOf)).toContain(at);
      // Each reading is written as the clocks show it, and shows that time.
      for (const r of readings) expect([wallOf(r), wallAt(instantOf(r), zone)]).toEqual([local, local]);
      if (reading.kind === 'twice') expect(instantOf(reading.earlier)).toBeLessThan(instantOf(reading.later));
    }), { numRuns: 2000 });
  });

  it('around each change, reads a time none shows at the offset before it, and names the moment of the change as the clocks show it', () => {
    // Each change with the offset before it (minutes east of UTC): wall-clock times near it are in its gap or repeat, or either side.
    const change = fc.constantFrom(
      ['Europe/Berlin', '2026-03-29T01:00:00Z', 60], ['Europe/Berlin', '2026-10-25T01:00:00Z', 120], ['America/New_York', '2026-03-08T07:00:00Z', -300],
      ['Australia/Lord_Howe', '2026-10-03T15:30:00Z', 630], ['Australia/Lord_Howe', '2026-04-04T15:00:00Z', 660], ['Pacific/Apia', '2011-12-30T10:00:00Z', -600],
      ['Pacific/Kwajalein', '1969-09-30T13:00:00Z', 660], ['America/Santiago', '2026-09-06T04:00:00Z', -240],
    ) as fc.Arbitrary<[string, string, number]>;
    let skipped = 0;
    fc.assert(fc.property(change, fc.integer({ min: -25 * 60, max: 25 * 60 }), fc.integer({ min: 0, max: 59 }), ([zone, at, before], minutes, seconds) => {
      const moment = Date.parse(at);
      const local = new Date(moment + (before + minutes) * MINUTE + seconds * 1000).toISOString().slice(0, 19);
      const reading = readWallClock(local, zone)!;
      if (reading.kind !== 'skipped') return;
      skipped++;
      const { offsetBefore, offsetAfter } = reading.change;
      // No instant shows it: neither offset reads it back.
      expect([wallAt(instantOf(`${local}${offsetBefore}`), zone), wallAt(instantOf(`${local}${offsetAfter}`), zone)]).not.toContain(local);
      expect(instantOf(reading.dateTime)).toBe(instantOf(`${local}${offsetBefore}`));
      expect(reading.dateTime.endsWith(offsetAfter)).toBe(true);
      expect(wallAt(instantOf(reading.dateTime), zone)).toBe(wallOf(reading.dateTime));
      expect(instantOf(reading.firstAfter)).toBe(moment);
      expect(wallAt(moment, zone)).toBe(wallOf(reading.firstAfter));
      expect(reading.change.after).toBe(wallOf(reading.firstAfter));
      expect(reading.change.before).toBe(new Date(moment + before * MINUTE).toISOString().slice(0, 19));
    }), { numRuns: 3000 });
    expect(skipped).toBeGreaterThan(50);
  });

  it('names the change over a skipped or repeated time, with its offsets, by the hour and the half hour', () => {
    expect(readWallClock('2026-03-29T02:30:00', 'Europe/Berlin')).toEqual({
      kind: 'skipped', dateTime: '2026-03-29T03:30:00+02:00', firstAfter: '2026-03-29T03:00:00+02:00',
      change: { before: '2026-03-29T02:00:00', after: '2026-03-29T03:00:00', offsetBefore: '+01:00', offsetAfter: '+02:00', shift: 60 },
    });
    expect(readWallClock('2026-10-25T02:30:00', 'Europe/Berlin')).toEqual({
      kind: 'twice', earlier: '2026-10-25T02:30:00+02:00', later: '2026-10-25T02:30:00+01:00',
      change: { before: '2026-10-25T03:00:00', after: '2026-10-25T02:00:00', offsetBefore: '+02:00', offsetAfter: '+01:00', shift: -60 },
    });
    expect(readWallClock('2026-04-05T01:45:00', 'Australia/Lord_Howe')).toMatchObject({ kind: 'twice', earlier: '2026-04-05T01:45:00+11:00', later: '2026-04-05T01:45:00+10:30', change: { shift: -30 } });
    expect(readWallClock('2026-03-29T02:30:00', 'Asia/Baku')).toEqual({ kind: 'once', dateTime: '2026-03-29T02:30:00+04:00' });
  });
});

describe('suggestDate', () => {
  it('reads a time without an offset that occurs twice as the later, east and west of UTC: a failing release\'s embargo holds the longer', () => {
    expect(suggestDate('2026-10-25 02:30', true, 'Europe/Berlin')).toBe('2026-10-25T02:30:00+01:00');
    expect(suggestDate('2026-11-01 01:30', true, 'America/New_York')).toBe('2026-11-01T01:30:00-05:00');
    // A skipped time as the clocks show it, at the instant it names at the offset before the change.
    expect(suggestDate('2026-03-08 02:30', true, 'America/New_York')).toBe('2026-03-08T03:30:00-04:00');
  });

  it('reads a day written another way with a time after it, as an embargo is agreed in Baku: the day, then the time on the zone\'s clocks', () => {
    expect(suggestDate('17.03.2026 10:00', true, 'Asia/Baku')).toBe('2026-03-17T10:00:00+04:00');
    expect(suggestDate('17.03.2026, 10:00:30', true, 'Asia/Baku')).toBe('2026-03-17T10:00:30+04:00');
    expect(suggestDate('17 March 2026, 09:30', true, 'Asia/Baku')).toBe('2026-03-17T09:30:00+04:00');
    expect(suggestDate('17 марта 2026 г. 09:30', true, 'Asia/Baku')).toBe('2026-03-17T09:30:00+04:00');
    // A time the day cannot have, or a day that is none, is no suggestion.
    expect(suggestDate('17.03.2026 25:00', true, 'Asia/Baku')).toBeUndefined();
    expect(suggestDate('31.02.2026 10:00', true, 'Asia/Baku')).toBeUndefined();
  });
});

