import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { clockInstant, formatDateTime, isAfter, toInstant } from '../src/core/dates.js';
import { isKnownTimeZone } from '../src/core/schema.js';

/** The zones furthest from UTC, today and in their local mean times, and two with summer time. */
const ZONES = ['Pacific/Kiritimati', 'Etc/GMT+12', 'Etc/GMT-14', 'Asia/Manila', 'America/Juneau', 'Pacific/Apia', 'Asia/Baku', 'Europe/Berlin', 'America/St_Johns', 'UTC'];
const HOUR = 3_600_000;

describe('isAfter, which decides embargoes and future dates without a time zone when it can', () => {
  it('agrees with toInstant for calendar dates and date-times near and far from now, in the zones furthest from UTC', () => {
    const day = fc.date({ min: new Date('1800-01-02T00:00:00Z'), max: new Date('2200-12-30T00:00:00Z'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10));
    const value = fc.oneof(day, fc.tuple(day, fc.constantFrom('T09:00:00+04:00', 'T23:59:59Z', ' 00:00:00-12:00')).map(([d, t]) => d + t));
    fc.assert(fc.property(value, fc.constantFrom(...ZONES), fc.integer({ min: -30, max: 30 }), (v, zone, hours) => {
      // `now` within a day or so of the value, where the zone decides, and sometimes far from it.
      const now = Date.parse(`${v.slice(0, 10)}T00:00:00Z`) + hours * HOUR * (Math.abs(hours) > 25 ? 1000 : 1);
      expect(isAfter(v, zone, now)).toBe(toInstant(v, zone) > now);
    }), { numRuns: 3000 });
  });

  it('is exact at the edges of a day in the furthest zones', () => {
    // Midnight of 2 January in Kiritimati (UTC+14) is 10:00 on 1 January UTC; in Etc/GMT+12, 12:00 on 2 January UTC.
    expect(isAfter('2026-01-02', 'Pacific/Kiritimati', Date.parse('2026-01-01T09:59:59.999Z'))).toBe(true);
    expect(isAfter('2026-01-02', 'Pacific/Kiritimati', Date.parse('2026-01-01T10:00:00Z'))).toBe(false);
    expect(isAfter('2026-01-02', 'Etc/GMT+12', Date.parse('2026-01-02T11:59:59.999Z'))).toBe(true);
    expect(isAfter('2026-01-02', 'Etc/GMT+12', Date.parse('2026-01-02T12:00:00Z'))).toBe(false);
  });

  it('compares the clock with an instant rounded up to the millisecond, and shows it as written', () => {
    const noon = Date.parse('2026-11-28T12:00:00+04:00');
    expect(clockInstant('2026-11-28T12:00:00.0009+04:00', 'UTC')).toBe(noon + 1);
    expect(clockInstant('2026-11-28T12:00:00.000000001+04:00', 'UTC')).toBe(noon + 1);
    expect(clockInstant('2026-11-28T12:00:00.123000+04:00', 'UTC')).toBe(noon + 123);
    expect(clockInstant('1969-07-20T20:17:40.0001Z', 'UTC')).toBe(Date.parse('1969-07-20T20:17:40Z') + 1);
    expect(isAfter('2026-11-28T12:00:00.0009+04:00', 'UTC', noon)).toBe(true);
    expect(isAfter('2026-11-28T12:00:00.0009+04:00', 'UTC', noon + 1)).toBe(false);
    // Shown, an instant is not moved: the last moment of a year stays in it.
    expect(toInstant('2026-12-31T23:59:59.9999Z', 'UTC')).toBe(Date.parse('2026-12-31T23:59:59.999Z'));
    expect(formatDateTime('2026-12-31T23:59:59.9999Z', 'en', 'UTC')).toMatch(/^31 December 2026, 23:59/);
  });
});

describe('isKnownTimeZone', () => {
  it('accepts canonical zones, aliases and other spellings the date formatter accepts, and nothing else', () => {
    for (const zone of ['Asia/Baku', 'Europe/Moscow', 'UTC', 'Etc/UTC', 'GMT', 'Asia/Calcutta', 'Asia/Kolkata', 'US/Eastern', 'asia/baku', 'Etc/GMT+12']) expect(isKnownTimeZone(zone), zone).toBe(true);
    for (const zone of ['Mars/Olympus', '', 'Asia', 'Asia/Baku ', '+04:00x']) expect(isKnownTimeZone(zone), zone).toBe(false);
    for (const zone of Intl.supportedValuesOf('timeZone')) expect(() => new Intl.DateTimeFormat('en', { timeZone: zone })).not.toThrow();
  });
});
