import { isRealDate, zoneOffset } from '../core/dates.js';
import { MONTHS } from '../core/locale/en.js';
import { monthOfName } from '../core/locale/index.js';

/**
 * Dates as the old site wrote them, normalised to the release format: a
 * calendar date stays a calendar date (no time zone can move it to another
 * day), and a date-time becomes RFC 3339 in the project's time zone.
 */

export type DateResult = { ok: true; date: string } | { ok: false; reason: string };

/**
 * Jekyll (`2020-01-08 18:00:00 -0500`, `2020-01-08 18:00`), Hugo and TOML
 * (`2020-01-08T18:00:00-05:00`, `…Z`, local date-times) and plain dates.
 * Single-digit months, days and hours, as Ruby and Go both accept them.
 */
const DATE_INPUT = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[Tt ]+(\d{1,2}):(\d{2})(?::(\d{2})(?:[.,]\d+)?)?)?\s*([Zz]|UTC|GMT|[+-]\d{2}(?::?\d{2})?)?$/;

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** A time after a written date, with its zone: `, 10:30`, ` 18:00:00 +0400`. */
const TIME = '(?:,?\\s+(\\d{1,2}:\\d{2}(?::\\d{2})?)(?:\\s*([+-]\\d{4}|UTC|GMT|Z))?)?';
const DAY_FIRST = new RegExp(`^(?:[a-z]{3,9},?\\s+)?(\\d{1,2})\\s+([a-z]{3,9})\\.?,?\\s+(\\d{4})${TIME}$`, 'i');
/** Jekyll's Ruby reads the month first too, as English writes it (`March 12, 2020`, `Jan 2, 2006`). */
const MONTH_FIRST = new RegExp(`^(?:[a-z]{3,9},?\\s+)?([a-z]{3,9})\\.?\\s+(\\d{1,2}),?\\s+(\\d{4})${TIME}$`, 'i');

/**
 * A date of RFC 1123 or 2822, as feeds and the tools that turned them into
 * posts write them (`Wed, 08 Jan 2020 18:00:00 +0400`, `08 Jan 2020`), in
 * the form `DATE_INPUT` reads (`2020-01-08 18:00:00 +0400`): Hugo reads them
 * (Go's RFC1123Z and kin) and so does Jekyll (Ruby's `Time.parse`). A zone
 * named by letters other than UTC and GMT is left unread: the two read
 * `EST` differently. Any other text is returned as it is.
 */
export function isoDateText(written: string): string {
  const text = withGoZoneDropped(withSlashesAsDashes(twentyFourHour(written)));
  const dayFirst = DAY_FIRST.exec(text);
  const monthFirst = dayFirst ? null : MONTH_FIRST.exec(text);
  const match = dayFirst ?? monthFirst;
  if (!match) return text;
  const [day, name] = dayFirst ? [match[1]!, match[2]!] : [match[2]!, match[1]!];
  // By its name or its first letters (`Jan`, `March`, `Sept`), as the tool reads a date people write.
  const month = monthOfName(name);
  if (month === undefined) return text;
  const [, , , year, time, zone] = match;
  return `${year}-${pad(month)}-${pad(Number(day))}${time === undefined ? '' : ` ${time}${zone === undefined ? '' : ` ${zone}`}`}`;
}

/** A time on the twelve-hour clock (`10:00 PM`, `9:30 a.m.`), as Ruby reads it. */
const MERIDIEM = /\b(\d{1,2})(:\d{2}(?::\d{2})?)\s?([AaPp])\.?[Mm]\.?(?=\s|$)/;

/** `text` with its time on the twelve-hour clock written on the twenty-four-hour one (`10:00 PM` → `22:00`); an hour of 0 or over 12 is left. */
function twentyFourHour(text: string): string {
  const match = MERIDIEM.exec(text);
  const hour = match ? Number(match[1]) : 0;
  if (!match || hour < 1 || hour > 12) return text;
  const afternoon = match[3]!.toLowerCase() === 'p';
  return `${text.slice(0, match.index)}${pad((hour % 12) + (afternoon ? 12 : 0))}${match[2]}${text.slice(match.index + match[0].length)}`;
}

/** A date written year first with slashes (`2020/01/08`, `2020/1/8 18:00`), as Ruby reads it: with dashes. */
function withSlashesAsDashes(text: string): string {
  return text.replace(/^(\d{4})\/(\d{1,2})\/(\d{1,2})(?=$|[Tt ])/, '$1-$2-$3');
}

/**
 * Go's own form of a time (`2021-01-08 18:00:00.000 +0000 UTC`, Go's `time.String()`, which Hugo reads): the zone's
 * name after the offset says nothing the offset does not, and is dropped.
 */
function withGoZoneDropped(text: string): string {
  return text.replace(/(\d:\d{2}(?::\d{2}(?:\.\d+)?)?\s[+-]\d{4})\s(?:[A-Za-z]{2,5}|[+-]\d{2,4})$/, '$1');
}

/** Two numbers before a four-digit year (`03/04/2020`): whether the first or the second is the month depends on who wrote it. */
const NUMERIC_DATE = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/;

function formatOffset(minutes: number): string {
  const abs = Math.abs(minutes);
  return `${minutes < 0 ? '-' : '+'}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}

/** Minutes east of UTC that an offset such as `-0500`, `+05:30`, `+03` or `Z` names. */
function offsetMinutes(text: string): number {
  if (/^(?:[Zz]|UTC|GMT)$/.test(text)) return 0;
  const digits = text.slice(1).replace(':', '');
  const minutes = Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2) || '0');
  return text.startsWith('-') ? -minutes : minutes;
}

/** The wall-clock time of `instant` in `timeZone` as RFC 3339 with that zone's offset. */
export function formatInZone(instant: number, timeZone: string): string {
  const offset = zoneOffset(timeZone, instant);
  const wall = new Date(instant + offset * 60000);
  return `${wall.getUTCFullYear()}-${pad(wall.getUTCMonth() + 1)}-${pad(wall.getUTCDate())}T${pad(wall.getUTCHours())}:${pad(wall.getUTCMinutes())}:${pad(wall.getUTCSeconds())}${formatOffset(offset)}`;
}

/** The instant of a wall-clock time in `timeZone` (the later reading in a repeated hour, shifted forward in a skipped one). */
function wallTimeInstant(wallAsUtc: number, timeZone: string): number {
  const offset = zoneOffset(timeZone, wallAsUtc - zoneOffset(timeZone, wallAsUtc) * 60000);
  return wallAsUtc - offset * 60000;
}

/**
 * A front matter or file-name date as a release `date`, or why it cannot be
 * one: a date-time in `timeZone`, the project's; one written without an
 * offset is read in `siteZone`, the zone the old site read it in.
 */
export function normaliseDate(value: unknown, timeZone: string, siteZone = timeZone): DateResult {
  let text: string;
  if (typeof value === 'string') text = value.trim();
  // TOML dates keep the form they were written in (a local date stays a date).
  else if (value instanceof Date && typeof (value as { toISOString(): string }).toISOString === 'function' && !Number.isNaN(value.getTime())) text = value.toISOString();
  else return { ok: false, reason: `the date is ${value === null ? 'empty' : `a ${Array.isArray(value) ? 'list' : typeof value}`}, not a date` };
  const match = DATE_INPUT.exec(isoDateText(text));
  if (!match) {
    const numeric = NUMERIC_DATE.exec(text);
    const [first, second, year] = numeric ? [Number(numeric[1]), Number(numeric[2]), numeric[3]!] : [0, 0, ''];
    if (numeric && first >= 1 && second >= 1 && first <= 12 && second <= 12 && first !== second) {
      return { ok: false, reason: `"${text}" is a date that could be ${MONTHS[second - 1]} ${first} or ${MONTHS[first - 1]} ${second}, ${year}: write it in the post as ${year}-${pad(second)}-${pad(first)} or ${year}-${pad(first)}-${pad(second)}` };
    }
    return { ok: false, reason: `"${text}" is not a date this importer understands (expected a form such as 2020-01-08, 2020-01-08 18:00:00 -0500 or 2020-01-08T18:00:00+04:00)` };
  }
  const [, y, mo, d, h, mi, s, zone] = match;
  const day = `${y}-${pad(Number(mo))}-${pad(Number(d))}`;
  if (!isRealDate(day)) return { ok: false, reason: `"${text}" is not a real calendar date` };
  if (y!.startsWith('0')) return outOfYears(text);
  if (h === undefined) return { ok: true, date: day };
  const hour = Number(h), minute = Number(mi), second = Number(s ?? 0);
  if (hour > 23 || minute > 59 || second > 59) return { ok: false, reason: `"${text}" is not a real time of day` };
  // Not Date.UTC: it reads the years 0 to 99 as 1900 to 1999.
  const wall = new Date(0);
  wall.setUTCFullYear(Number(y), Number(mo) - 1, Number(d));
  wall.setUTCHours(hour, minute, second, 0);
  const wallAsUtc = wall.getTime();
  if (zone !== undefined) {
    const offset = offsetMinutes(zone);
    if (Math.abs(offset) > 18 * 60) return { ok: false, reason: `"${text}" has an offset beyond ±18 hours` };
    return inFourDigitYears(text, formatInZone(wallAsUtc - offset * 60000, timeZone), timeZone);
  }
  return inFourDigitYears(text, formatInZone(wallTimeInstant(wallAsUtc, siteZone), timeZone), timeZone);
}

/** A date moved into the project's time zone may leave the years a release date can have (1000–9999, as validate has them): then the post is skipped, with why. */
function inFourDigitYears(text: string, date: string, timeZone: string): DateResult {
  if (/^[1-9]\d{3}-/.test(date)) return { ok: true, date };
  return outOfYears(text, timeZone);
}

function outOfYears(text: string, timeZone?: string): DateResult {
  return { ok: false, reason: `"${text}" falls outside the years 1000 to 9999${timeZone ? ` in the project's time zone, ${timeZone}` : ''}` };
}

/** The date at the start of a Jekyll post's file name (`2014-01-23-slug.md`, or `2014-1-5-slug.md`, which Jekyll reads too) and the rest of the name. */
export function fileNameDate(name: string): { date: string; rest: string } | undefined {
  const match = /^(\d{4})-(\d{1,2})-(\d{1,2})-(.*)$/.exec(name);
  if (!match) return undefined;
  const date = `${match[1]}-${pad(Number(match[2]))}-${pad(Number(match[3]))}`;
  return isRealDate(date) ? { date, rest: match[4]! } : undefined;
}
