import { canonicalTag, localeFor, monthOfName, primaryLanguage, type Language } from './locale/index.js';
import { dateLocaleOf } from './locale/generic.js';

/*
 * The one definition of the date formats: `YYYY-MM-DD`, and an RFC 3339
 * date-time with an offset. The patterns (for the JSON Schema and quick
 * tests) and the parser (for the calendar check and arithmetic) are built
 * from the same pieces, so they cannot disagree.
 */
const DAY = String.raw`(\d{4})-(\d{2})-(\d{2})`;
const TIME = String.raw`[Tt ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?`;
const OFFSET = String.raw`([Zz]|([+-])(\d{2}):(\d{2}))`;
const uncaptured = (pattern: string) => pattern.replace(/\((?!\?)/g, '(?:');

export const DATE_PATTERN = new RegExp(`^${uncaptured(DAY)}$`);
export const DATE_TIME_PATTERN = new RegExp(`^${uncaptured(DAY + TIME + OFFSET)}$`);
const PARTS = new RegExp(`^${DAY}(?:${TIME}${OFFSET})?$`);

/**
 * The instant (ms) a clock given as text names, as `--now` and the library's `now` read it: a date-time with its offset, or a
 * date (its first moment in UTC); NaN for anything else, or a day or time the calendar has not.
 */
export function clockTime(value: string): number {
  const date = DATE_PATTERN.test(value);
  if (!(date || DATE_TIME_PATTERN.test(value)) || !isRealDate(value)) return NaN;
  return Date.parse(date ? `${value}T00:00:00Z` : value.replace(' ', 'T'));
}

/** True when a `YYYY-MM-DD` or date-time string names a real calendar day and time. */
export function isRealDate(value: string): boolean {
  const m = PARTS.exec(value);
  if (!m) return false;
  const year = Number(m[1]), month = Number(m[2]), day = Number(m[3]);
  if (month < 1 || month > 12 || day < 1) return false;
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  if (day > daysInMonth) return false;
  if (m[4] !== undefined && (Number(m[4]) > 23 || Number(m[5]) > 59 || Number(m[6] ?? 0) > 59)) return false;
  if (m[10] !== undefined && (Number(m[10]) > 23 || Number(m[11]) > 59)) return false;
  return true;
}


/**
 * Dates stay the strings the author wrote. A calendar date is formatted from
 * its own digits, so no time zone can move it to another day; only instants
 * (embargoes, date-times) are converted, and only for display.
 */


interface Parts {
  year: number;
  month: number;
  day: number;
  hour?: number;
  minute?: number;
  /** Minutes east of UTC, when the string has an offset. */
  offset?: number;
}

function parts(value: string): Parts {
  const m = PARTS.exec(value);
  if (!m) throw new RangeError(`not a date: ${value}`);
  const result: Parts = { year: Number(m[1]), month: Number(m[2]), day: Number(m[3]) };
  if (m[4] !== undefined) {
    result.hour = Number(m[4]);
    result.minute = Number(m[5]);
    result.offset = m[9] ? (m[9] === '-' ? -1 : 1) * (Number(m[10]) * 60 + Number(m[11])) : 0;
  }
  return result;
}

/**
 * The calendars a config may show dates in (`calendars`), as CLDR names them: those `Intl.supportedValuesOf('calendar')`
 * lists on Node 20. A name Intl does not know it ignores without a word, showing the language's default calendar
 * (Solar Hijri for `fa`), so only these are accepted.
 */
export const CALENDARS = [
  'buddhist', 'chinese', 'coptic', 'dangi', 'ethioaa', 'ethiopic', 'gregory', 'hebrew', 'indian', 'islamic', 'islamic-civil',
  'islamic-rgsa', 'islamic-tbla', 'islamic-umalqura', 'iso8601', 'japanese', 'persian', 'roc',
] as const;
export type Calendar = (typeof CALENDARS)[number];

/**
 * The calendar the config shows `lang`'s dates in (`calendars: { fa: persian }`): its own tag's, else its language's
 * (`fa` for `fa-AF`); undefined for the Gregorian, the default, whose days the locales write themselves.
 */
export function calendarFor(calendars: Readonly<Record<string, Calendar>> | undefined, lang: Language): Calendar | undefined {
  if (calendars === undefined) return undefined;
  const tag = canonicalTag(lang);
  const keys = Object.keys(calendars);
  const key = keys.find((k) => k === lang) ?? keys.find((k) => canonicalTag(k) === tag) ?? keys.find((k) => k.toLowerCase() === primaryLanguage(lang));
  const calendar = key === undefined ? undefined : calendars[key];
  return calendar === 'gregory' ? undefined : calendar;
}

const calendarFormats = new Map<string, Intl.DateTimeFormat>();

function formatDay(p: { year: number; month: number; day: number }, lang: Language, calendar?: Calendar): string {
  if (calendar === undefined) return localeFor(lang).formatDay(p.year, p.month, p.day);
  const tag = localeFor(lang).tag;
  const key = `${tag} ${calendar}`;
  let format = calendarFormats.get(key);
  if (format === undefined) {
    // Creating a formatter costs milliseconds; one per language and calendar serves a whole run.
    format = new Intl.DateTimeFormat(dateLocaleOf(tag), { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC', calendar });
    if (calendarFormats.size < 1024) calendarFormats.set(key, format);
  }
  // The Gregorian day, as the front matter names it, at noon UTC: no zone can move it to another day.
  return format.format(new Date(Date.UTC(p.year, p.month - 1, p.day, 12)));
}

/**
 * The calendar day of a `date` value in the release's language: `24 July 2014`, `24 iyul 2014`, `24 июля 2014 г.`, `24. Juli 2014`;
 * by the Gregorian calendar, or by `calendar` (`persian`: `۱۰ آذر ۱۴۰۵` for 2026-12-01).
 */
export function formatDate(value: string, lang: Language, calendar?: Calendar): string {
  return formatDay(parts(value), lang, calendar);
}

const formatters = new Map<string, Intl.DateTimeFormat>();

/** What an `en-US` formatter with two-digit fields and `h23` writes for a year from 1000 to 9999. */
const WALL_CLOCK = /^(\d\d)\/(\d\d)\/(\d{4}), (\d\d):(\d\d):(\d\d)$/;

/**
 * `compute`, remembering its answers (up to a bound): an archive's zones
 * and dates are few and repeat, and asking Intl once for each keeps it off
 * the per-release path.
 */
function remembered<A extends string | number>(compute: (timeZone: string, value: A) => number): (timeZone: string, value: A) => number {
  const answers = new Map<string, number>();
  return (timeZone, value) => {
    const key = `${timeZone} ${value}`;
    let answer = answers.get(key);
    if (answer === undefined) {
      answer = compute(timeZone, value);
      if (answers.size < 100_000) answers.set(key, answer);
    }
    return answer;
  };
}

/** Minutes east of UTC that `timeZone` observes at `instant`. */
export const zoneOffset: (timeZone: string, instant: number) => number = remembered(computeOffset);

function computeOffset(timeZone: string, instant: number): number {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    // Creating a formatter is costly; one per zone serves a whole run.
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit',
    });
    formatters.set(timeZone, formatter);
  }
  const date = new Date(instant);
  // `format` is a fifth of `formatToParts`' cost, and a build asks for every release's dates: its usual `MM/DD/YYYY, HH:MM:SS`
  // is read as it is, anything else (a year before 1000 or after 9999, other locale data) from the parts.
  const shown = WALL_CLOCK.exec(formatter.format(date));
  let asUtc: number;
  if (shown) {
    asUtc = Date.UTC(Number(shown[3]), Number(shown[1]) - 1, Number(shown[2]), Number(shown[4]), Number(shown[5]), Number(shown[6]));
  } else {
    const fields = formatter.formatToParts(date);
    const get = (type: string) => Number(fields.find((f) => f.type === type)?.value);
    asUtc = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second'));
  }
  return Math.round((asUtc - Math.floor(instant / 1000) * 1000) / 60000);
}

const instantIn = remembered((timeZone: string, value: string) => computeInstant(value, timeZone));

/** The instant a value names: a date-time as written (to the millisecond), a calendar date as the first moment of its day in `timeZone` (midnight, or when the clocks jump over it). */
export function toInstant(value: string, timeZone: string): number {
  return instantIn(timeZone, value);
}

/**
 * The first whole millisecond at which the instant a value names has come:
 * `toInstant`, one later when the value has digits finer than a millisecond
 * (`12:00:00.0009` has not come at `12:00:00.000`, which `Date.parse`, cutting
 * them off, would say). What the clock is compared with: an embargo has
 * passed when `now` reaches it.
 */
export function clockInstant(value: string, timeZone: string): number {
  const instant = toInstant(value, timeZone);
  const fraction = /:\d{2}\.(\d+)/.exec(value)?.[1];
  return fraction !== undefined && /[1-9]/.test(fraction.slice(3)) ? instant + 1 : instant;
}

/** No zone is a day or more away from UTC (IANA offsets stay within ±16 h, even local mean times). */
const DAY_MS = 86_400_000;

/**
 * Whether the instant `value` names is after `now`: `clockInstant(value, timeZone) > now`.
 * A calendar date more than a day from `now` is decided without its zone,
 * since the first time-zone formatter costs a process some 15 ms (ICU loads
 * its calendar data) and `validate` of an old release needs none.
 */
export function isAfter(value: string, timeZone: string, now: number): boolean {
  const p = parts(value);
  if (p.offset === undefined) {
    const utcMidnight = Date.UTC(p.year, p.month - 1, p.day);
    if (utcMidnight - DAY_MS > now) return true;
    if (utcMidnight + DAY_MS <= now) return false;
  }
  return clockInstant(value, timeZone) > now;
}

function computeInstant(value: string, timeZone: string): number {
  const p = parts(value);
  if (p.offset !== undefined) return Date.parse(value.replace(' ', 'T'));
  const localMidnight = Date.UTC(p.year, p.month - 1, p.day);
  const offset = zoneOffset(timeZone, localMidnight - zoneOffset(timeZone, localMidnight) * 60000);
  const instant = localMidnight - offset * 60000;
  // With the same offset a day either side, the clocks show midnight once: the day begins then.
  if (zoneOffset(timeZone, localMidnight - DAY_MS) === zoneOffset(timeZone, localMidnight + DAY_MS)) return instant;
  // Near a change midnight may not come at all (the day begins when the clocks jump over it: 01:00 in Santiago on
  // 6 September 2026, where the first guess lands at 23:00 the day before) or come twice (the day begins at the first).
  const reading = readWallClock(`${String(p.year).padStart(4, '0')}-${pad2(p.month)}-${pad2(p.day)}T00:00:00`, timeZone);
  if (reading === undefined) return instant;
  return Date.parse(reading.kind === 'once' ? reading.dateTime : reading.kind === 'twice' ? reading.earlier : reading.firstAfter);
}

function formatOffset(minutes: number): string {
  const sign = minutes < 0 ? '-' : '+';
  const abs = Math.abs(minutes);
  return `${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
}

const pad2 = (n: number | string) => String(n).padStart(2, '0');

/** The wall-clock time `instant` shows at `offset` (minutes east of UTC), as `YYYY-MM-DDTHH:MM:SS`. */
function wallTime(instant: number, offset: number): string {
  const wall = new Date(instant + offset * 60000);
  return `${String(wall.getUTCFullYear()).padStart(4, '0')}-${pad2(wall.getUTCMonth() + 1)}-${pad2(wall.getUTCDate())}T${pad2(wall.getUTCHours())}:${pad2(wall.getUTCMinutes())}:${pad2(wall.getUTCSeconds())}`;
}

/**
 * `instant` on the clocks of `timeZone`, with its offset; in UTC where those
 * clocks have reached the year 10000 (`9999-12-31T23:59:59Z` is
 * `10000-01-01T03:59:59+04:00` in Asia/Baku): RFC 3339, the sitemaps, ninjs
 * and an e-mail's `Date` write a year in four digits, and the same instant in
 * UTC is in 9999 still, as `validate` holds every date-time.
 */
function onZoneClocks(instant: number, timeZone: string): string {
  const offset = zoneOffset(timeZone, instant);
  const shown = wallTime(instant, offset);
  return shown.length > 19 ? `${wallTime(instant, 0)}${formatOffset(0)}` : `${shown}${formatOffset(offset)}`;
}

/**
 * A date-time written with its UTC offset as the same instant on the clocks
 * of `timeZone`, with that zone's offset (`2026-12-30T21:00:00-05:00` in
 * Asia/Baku: `2026-12-31T06:00:00+04:00`; in UTC past the year 9999 there, as
 * `onZoneClocks` says); undefined for a calendar date, which names a day of
 * the zone already.
 */
export function onClocksOf(value: string, timeZone: string): string | undefined {
  if (parts(value).offset === undefined) return undefined;
  return onZoneClocks(toInstant(value, timeZone), timeZone);
}

/** A change of a zone's UTC offset, as its clocks show it: `before` is what they read as it comes, `after` what they read from then on. */
export interface ClockChange {
  /** `YYYY-MM-DDTHH:MM:SS` at `offsetBefore`: 02:00 as Europe/Berlin's clocks go forward to 03:00. */
  before: string;
  after: string;
  offsetBefore: string;
  offsetAfter: string;
  /** Minutes the clocks move: 60 forward, -60 back. */
  shift: number;
}

/**
 * How a zone's clocks read a wall-clock time: once (most times), twice (in
 * the hour the clocks go back), or never (in the hour they go forward over).
 * Each reading is an RFC 3339 date-time with the offset it has.
 */
export type WallClockReading =
  | { kind: 'once'; dateTime: string }
  /** The earlier reading, at the offset before the change, and the later one. */
  | { kind: 'twice'; earlier: string; later: string; change: ClockChange }
  /**
   * `dateTime` is the instant the time names at the offset before the change
   * (02:30 at +01:00), written as the clocks read it then (03:30+02:00);
   * `firstAfter` is the moment of the change, as the clocks read it (03:00+02:00).
   */
  | { kind: 'skipped'; dateTime: string; firstAfter: string; change: ClockChange };

/**
 * A wall-clock time without an offset (`YYYY-MM-DDTHH:MM:SS`, as other tools
 * write dates) read in `timeZone`, summer time included: once
 * (`2026-12-01T09:00:00+04:00`), or, where the clocks change, twice or never.
 * Undefined where the zone's offsets around it cannot be told apart (two
 * changes within a day), so that nothing is guessed. Several Intl calls:
 * for hints, not for every release.
 */
export function readWallClock(localDateTime: string, timeZone: string): WallClockReading | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})$/.exec(localDateTime);
  if (!m) throw new RangeError(`not a local date-time: ${localDateTime}`);
  // Not Date.UTC: it reads the years 0 to 99 as 1900 to 1999.
  const at = new Date(0);
  at.setUTCFullYear(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  at.setUTCHours(Number(m[4]), Number(m[5]), Number(m[6]), 0);
  const wall = at.getTime();
  // The offsets the zone has a day either side (no zone is a day from UTC), and at the instants those give: any reading has one of them.
  const near = [zoneOffset(timeZone, wall - DAY_MS), zoneOffset(timeZone, wall + DAY_MS)];
  const offsets = [...new Set([...near, ...near.map((offset) => zoneOffset(timeZone, wall - offset * 60000))])];
  const readings = offsets.filter((offset) => zoneOffset(timeZone, wall - offset * 60000) === offset).sort((a, b) => b - a);
  const [first, second] = readings;
  if (readings.length === 1) return { kind: 'once', dateTime: `${localDateTime}${formatOffset(first!)}` };
  if (readings.length === 2) {
    // The earlier reading has the larger offset; the clocks go back between the two.
    const change = changeBetween(timeZone, wall - first! * 60000, wall - second! * 60000, first!, second!);
    return change && { kind: 'twice', earlier: `${localDateTime}${formatOffset(first!)}`, later: `${localDateTime}${formatOffset(second!)}`, change: change.shown };
  }
  if (readings.length > 0 || near[0]! >= near[1]!) return undefined;
  // Skipped: read at the offset after the change the time comes before it, read at the offset before it comes after.
  const [before, after] = near as [number, number];
  const change = changeBetween(timeZone, wall - after * 60000, wall - before * 60000, before, after);
  if (!change) return undefined;
  const instant = wall - before * 60000;
  return { kind: 'skipped', dateTime: `${wallTime(instant, after)}${formatOffset(after)}`, firstAfter: `${wallTime(change.at, after)}${formatOffset(after)}`, change: change.shown };
}

/**
 * The change from `offsetBefore` to `offsetAfter` between two instants (the
 * first whole second at the new offset, found by halving: a shift is at most
 * a day, some 17 steps), or undefined when the zone does not have those
 * offsets there, as with a second change close by.
 */
function changeBetween(timeZone: string, from: number, to: number, offsetBefore: number, offsetAfter: number): { at: number; shown: ClockChange } | undefined {
  if (zoneOffset(timeZone, from) !== offsetBefore || zoneOffset(timeZone, to) !== offsetAfter) return undefined;
  let [early, late] = [from, to];
  while (late - early > 1000) {
    const middle = early + Math.max(1000, Math.floor((late - early) / 2000) * 1000);
    if (zoneOffset(timeZone, middle) === offsetBefore) early = middle;
    else late = middle;
  }
  if (zoneOffset(timeZone, late) !== offsetAfter) return undefined;
  return {
    at: late,
    shown: { before: wallTime(late, offsetBefore), after: wallTime(late, offsetAfter), offsetBefore: formatOffset(offsetBefore), offsetAfter: formatOffset(offsetAfter), shift: offsetAfter - offsetBefore },
  };
}

/**
 * An RFC 3339 date-time for machines, on the clocks of `timeZone` with its offset: a date-time written in another zone as the same
 * instant there (`2026-06-12T10:00:00Z` in Asia/Baku is `2026-06-12T14:00:00+04:00`), a calendar date as the first moment of its
 * day (the instant `toInstant` gives). Always with its seconds, as RFC 3339 requires, and so do the sitemaps' W3C dates as their
 * schemas read them, ninjs's `date-time` and JSON Feed (a release may write `10:00+04:00`); a fraction of a second as written, to the millisecond.
 */
export function toDateTime(value: string, timeZone: string): string {
  const p = parts(value);
  if (p.offset !== undefined) {
    // The fraction of a second after the seconds as written, to the millisecond, the instant `toInstant` reads: HTML's `datetime`
    // takes at most three digits of it (`.123456`, as Python's `isoformat` writes microseconds, makes the page's `<time>` invalid).
    // The clock's own time comes whole, with its seconds, from `onClocksOf`.
    const fraction = /:\d{2}:\d{2}(\.\d{1,3})/.exec(value)?.[1] ?? '';
    const zoned = onClocksOf(value, timeZone)!;
    return fraction === '' ? zoned : `${zoned.slice(0, 19)}${fraction}${zoned.slice(19)}`;
  }
  // The day's first moment, as the clocks show it: midnight, or where the clocks skip midnight (Africa/Cairo going to summer time), the hour after.
  return onZoneClocks(toInstant(value, timeZone), timeZone);
}

/**
 * An instant shown in `timeZone`, in the release's language (and `calendar`, as `formatDate`): `1 March 2027, 09:00 (UTC+04:00)`. The clock is in the digits and
 * after the comma the language writes its date with (Persian `۱ دسامبر ۲۰۲۶، ۰۹:۰۰`), so that one phrase is not in two kinds of digits;
 * the offset is an identifier, and stays as UTC writes it.
 */
export function formatDateTime(value: string, lang: Language, timeZone: string, calendar?: Calendar): string {
  const instant = toInstant(value, timeZone);
  const offset = zoneOffset(timeZone, instant);
  const local = new Date(instant + offset * 60000);
  // The day is the zone's, found by the Gregorian calendar; only then is it named in `calendar`.
  const day = formatDay({ year: local.getUTCFullYear(), month: local.getUTCMonth() + 1, day: local.getUTCDate() }, lang, calendar);
  // To the second unless it is a whole minute: an embargo until 12:00:30 shown as "12:00" would tell a reader to publish half a
  // minute early (the page is not out until then). A fraction of a second is not shown, and moves nothing to the next second.
  const seconds = local.getUTCSeconds();
  const clock = `${String(local.getUTCHours()).padStart(2, '0')}:${String(local.getUTCMinutes()).padStart(2, '0')}${seconds === 0 ? '' : `:${String(seconds).padStart(2, '0')}`}`;
  const time = inDigitsOf(clock, lang);
  return `${day}${localeFor(lang).comma}${time} (UTC${formatOffset(offset)})`;
}

const digitSets = new Map<Language, readonly string[] | null>();

/** `text` with its ASCII digits in the language's own (`fa`: ۰۱۲…), as CLDR says it writes numbers; as it is for a language of ASCII digits. */
export function inDigitsOf(text: string, lang: Language): string {
  let digits = digitSets.get(lang);
  if (digits === undefined) {
    let own: string[] | null = null;
    try {
      const format = new Intl.NumberFormat(lang, { useGrouping: false });
      const written = Array.from({ length: 10 }, (_, d) => format.format(d));
      if (written.every((d) => [...d].length === 1) && written.join('') !== '0123456789') own = written;
    } catch {
      // A tag the runtime cannot read writes ASCII digits.
    }
    digits = own;
    // One entry for each language of a project, which has at most 50.
    if (digitSets.size < 1024) digitSets.set(lang, digits);
  }
  const own = digits;
  return own === null ? text : text.replace(/[0-9]/g, (d) => own[Number(d)]!);
}

/** The words after a number and a stop that make a date of it, in a language that writes a day or a year so (`listedDateWords`). */
export interface ListedDateWords {
  /** After a day: German `17. März`, Czech `17. března`. */
  afterDay: readonly string[];
  /** After a year: Hungarian `2026. március`, Latvian `2026. gada`. */
  afterYear: readonly string[];
}

const listedDates = new Map<Language, ListedDateWords | null>();

/**
 * The words, lower-case, that make a date of a number and a stop before them in a language whose days `Intl` writes so: after
 * a day, the months' names (German `17. März`, Czech `17. března`, Danish `17. marts`); after a year, the months' names or
 * the word for "year" that comes between (Hungarian `2026. március`, Latvian `2026. gada`). The names are in the forms
 * written after a day and alone (`března`, `březen`), and the short ones that end with a stop (`jan.`, `márc.`: one
 * without it may be a word, as Czech `pro` is "for"). Null for a language that writes its dates otherwise (`17 March`,
 * `March 17`, `17 марта`).
 */
export function listedDateWords(lang: Language): ListedDateWords | null {
  let words = listedDates.get(lang);
  if (words !== undefined) return words;
  words = null;
  try {
    const locale = dateLocaleOf(lang);
    // In Latin digits, by the Gregorian calendar, as a date is typed.
    const format = (parts: Intl.DateTimeFormatOptions) => new Intl.DateTimeFormat(locale, Object.assign(parts, { timeZone: 'UTC', calendar: 'gregory', numberingSystem: 'latn' }));
    const day = format({ day: 'numeric', month: 'long' }).formatToParts(Date.UTC(2026, 2, 17));
    const dayFirst = day[0]?.type === 'day' && day[1]?.value === '. ' && day[2]?.type === 'month';
    // The year, its stop and what follows it: the month (Hungarian), or a word before the day (Latvian `gada`, short `g.`).
    const afterYear = new Set<string>();
    let yearThenMonth = false;
    for (const month of ['long', 'short'] as const) {
      const parts = format({ year: 'numeric', month, day: 'numeric' }).formatToParts(Date.UTC(2026, 2, 17));
      const literal = parts[1]?.type === 'literal' ? parts[1].value : '';
      if (parts[0]?.type !== 'year' || !literal.startsWith('. ')) continue;
      const word = literal.slice(2).trim();
      if (/^\p{L}+\.?$/u.test(word)) afterYear.add(word.toLowerCase());
      else if (word === '' && parts[2]?.type === 'month') yearThenMonth = true;
    }
    if (dayFirst || yearThenMonth || afterYear.size > 0) {
      const months = new Set<string>();
      for (const month of ['long', 'short'] as const) {
        const withDay = format({ day: 'numeric', month });
        const alone = format({ month });
        for (let m = 0; m < 12; m++) {
          const instant = Date.UTC(2026, m, 17);
          for (const part of [...withDay.formatToParts(instant), ...alone.formatToParts(instant)]) {
            if (part.type === 'month' && /\p{L}/u.test(part.value) && (month === 'long' || part.value.endsWith('.'))) months.add(part.value.toLowerCase());
          }
        }
      }
      words = { afterDay: dayFirst ? [...months] : [], afterYear: yearThenMonth ? [...afterYear, ...months] : [...afterYear] };
    }
  } catch {
    // A tag the runtime cannot read has no such dates.
  }
  // One entry for each language of a project, which has at most 50.
  if (listedDates.size < 1024) listedDates.set(lang, words);
  return words;
}

/** The predefined CSS counter style (CSS Counter Styles 3) that counts in each set of digits, by its zero. */
const COUNTER_STYLES: Readonly<Record<string, string>> = {
  '٠': 'arabic-indic', '۰': 'persian', '०': 'devanagari', '০': 'bengali', '੦': 'gurmukhi', '૦': 'gujarati', '୦': 'oriya', '௦': 'tamil',
  '౦': 'telugu', '೦': 'kannada', '൦': 'malayalam', '๐': 'thai', '໐': 'lao', '༠': 'tibetan', '၀': 'myanmar', '០': 'khmer', '᠐': 'mongolian',
};

/**
 * The CSS `list-style-type` that numbers a page's ordered lists in the digits `inDigitsOf` writes the language's numbers in
 * (`persian` for `fa`), or null for a language of ASCII digits, or of digits CSS has no counter style for, whose lists count `decimal`.
 */
export function listStyleOf(lang: Language): string | null {
  const zero = inDigitsOf('0', lang);
  return zero === '0' ? null : COUNTER_STYLES[zero] ?? null;
}

const MAIL_DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MAIL_MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/**
 * An RFC 5322 date-time (`Thu, 14 May 2026 00:00:00 +0400`, as e-mail
 * headers write it) with the clock and offset a date-time is written in;
 * undefined for a calendar date or anything else.
 */
export function mailDate(value: string): string | undefined {
  const m = PARTS.exec(value);
  if (!m || m[4] === undefined || m[8] === undefined) return undefined;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const weekday = new Date(Date.UTC(year, month - 1, day)).getUTCDay();
  const zone = m[9] === undefined ? '+0000' : `${m[9]}${m[10]}${m[11]}`;
  return `${MAIL_DAYS[weekday]}, ${day} ${MAIL_MONTHS[month - 1]} ${m[1]} ${m[4]}:${m[5]}:${m[6] ?? '00'} ${zone}`;
}


/**
 * The RFC 3339 form of a date written as other tools write it: Jekyll's
 * `2020-01-08 18:00:00 -0500`, `January 23, 2014`, `23 January 2014`,
 * `23.01.2014`, `2014/01/23`. Undefined when it cannot be read unambiguously.
 * A time without an offset is read in `timeZone`: where it comes twice, as
 * the later (for an embargo, the one that holds longer).
 */
export function suggestDate(value: string, needsTime = false, timeZone?: string): string | undefined {
  return readDate(value, needsTime, timeZone)?.date;
}

/** A date as `suggestDate` reads it, and for a time read in the config's zone, how that zone's clocks read it. */
export interface DateReading {
  date: string;
  zoned?: ZonedTime;
}

/** A wall-clock time written without an offset (`YYYY-MM-DDTHH:MM:SS`), as `timeZone` reads it. */
export interface ZonedTime {
  local: string;
  timeZone: string;
  reading: WallClockReading;
}

/** A wall-clock time in `timeZone`; undefined where the zone's clocks cannot tell (two changes close together). */
export function inZone(local: string, timeZone: string): DateReading | undefined {
  const reading = readWallClock(local, timeZone);
  if (reading === undefined) return undefined;
  const date = reading.kind === 'twice' ? reading.later : reading.dateTime;
  return { date, zoned: { local, timeZone, reading } };
}

export function readDate(value: string, needsTime: boolean, timeZone: string | undefined): DateReading | undefined {
  const v = value.trim();
  let m: RegExpExecArray | null;
  // The offset as RFC 3339 writes it, as e-mail writes it (`-0500`), or as people type it (`+04`, `UTC+4`, `GMT+04:00`).
  if ((m = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{1,2}):(\d{2})(?::(\d{2}))?(?:\.\d+)?\s*(?:(?:(?:UTC|GMT)\s*)?([+-])(\d{1,2})(?::?(\d{2}))?|(Z|UTC|GMT))?$/i.exec(v))) {
    const [, y, mo, d, h, mi, sec, sign, oh, om, zulu] = m;
    const time = `${y}-${mo}-${d}T${pad2(h!)}:${mi}:${sec ?? '00'}`;
    if (!isRealDate(`${time}Z`)) return undefined;
    if (sign) {
      const offset = `${sign}${pad2(oh!)}:${om ?? '00'}`;
      return isRealDate(`${time}${offset}`) ? { date: `${time}${offset}` } : undefined;
    }
    if (zulu) return { date: `${time}Z` };
    // Without an offset the time is read as the wall-clock time in the config's zone, as the tool reads calendar dates;
    // the time the author wrote is kept rather than dropped. Without a zone to read it in, a date keeps its day only.
    if (timeZone !== undefined) return inZone(time, timeZone);
    return needsTime ? undefined : { date: `${y}-${mo}-${d}` };
  }
  // A day written another way and a time after it (`17.03.2026 10:00`, `17 March 2026, 10:00`), as an embargo is often agreed:
  // the day read as below, then the time as above.
  // Only in text as short as a date is: the pattern may try each split of a long run of blanks.
  // The time may follow a word that says "at" (`14.05.2026 в 10:00`, `14 may 2026-cı il, saat 10:00`, `14 May 2026 at 10:00`)
  // and come with its zone (`14 May 2026 10:00 GMT+4`), read as above.
  const timed = v.length <= 64
    ? /^(.*?\S)\s*[,\s]\s*(?:(?:at|в|во|saat)\s+)?(\d{1,2}:\d{2}(?::\d{2})?)(\s*(?:(?:UTC|GMT)?\s*[+-]\d{1,2}(?::?\d{2})?|Z|UTC|GMT))?$/iu.exec(v)
    : null;
  if (timed) {
    const day = readDate(timed[1]!, false, undefined)?.date;
    return day !== undefined && /^\d{4}-\d{2}-\d{2}$/.test(day) ? readDate(`${day} ${timed[2]}${timed[3] ?? ''}`, needsTime, timeZone) : undefined;
  }
  // The time before the day (`10:00 14.05.2026`, `10:00, 14 May 2026`), as a schedule writes it: read as the day and then the time.
  const timeFirst = v.length <= 64 ? /^(\d{1,2}:\d{2}(?::\d{2})?),?\s+(\S.*)$/.exec(v) : null;
  if (timeFirst) {
    const day = readDate(timeFirst[2]!, false, undefined)?.date;
    return day !== undefined && /^\d{4}-\d{2}-\d{2}$/.test(day) ? readDate(`${day} ${timeFirst[1]}`, needsTime, timeZone) : undefined;
  }
  let y: number | undefined, mo: number | undefined, d: number | undefined;
  if ((m = /^([A-Za-z]+)\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})$/.exec(v))) {
    mo = monthOfName(m[1]!); d = Number(m[2]); y = Number(m[3]);
  } else if ((m = YEAR_IN_WORDS.exec(v))) {
    // `23 January 2014`, and as Azerbaijani and Russian write a date: `1 dekabr 2026-cı il`, `1 декабря 2026 г.`
    d = Number(m[1]); mo = monthOfName(m[2]!); y = Number(m[3]);
  } else if ((m = /^(\d{1,2})\.(\d{1,2})\.(\d{4}|\d{2})(?:[ \t]{0,3}(?:-[ \t]{0,3})?(?:c[iıuü][ \t]{1,3}il|il|г\.?|года))?$/iu.exec(v))) {
    // Day first: the order dotted dates have in Azerbaijani, Russian, Turkish and German, with the word for "year" after it as
    // Russian and Azerbaijani write one (`14.05.2026 г.`, `14.05.2026-cı il`). A year of two digits (`14.05.26`) is read as
    // POSIX reads one: 69 to 99 in the 1900s, 00 to 68 in the 2000s. The blanks are bounded, so that a run of them is read once.
    d = Number(m[1]); mo = Number(m[2]); y = Number(m[3]);
    if (m[3]!.length === 2) y += y >= 69 ? 1900 : 2000;
  } else if ((m = /^(\d{4})([/.-])(\d{1,2})\2(\d{1,2})$/.exec(v))) {
    // 2026/3/7, 2026.03.07, 2026-3-7; day and month swapped where the month cannot be one (2026-17-03).
    y = Number(m[1]); mo = Number(m[3]); d = Number(m[4]);
    if (mo > 12 && d <= 12) [mo, d] = [d, mo];
  } else if ((m = /^(\d{1,2})([/-])(\d{1,2})\2(\d{4})$/.exec(v))) {
    // Slashes or dashes come day first (17/03/2026, 17-03-2026) or month first (03/17/2026): suggested only where
    // one of them cannot be a month, or both are the same.
    const [a, b] = [Number(m[1]), Number(m[3])];
    if ((a > 12 && b <= 12) || a === b) [d, mo] = [a, b];
    else if (b > 12 && a <= 12) [mo, d] = [a, b];
    y = Number(m[4]);
  }
  if (y === undefined || mo === undefined || d === undefined) return undefined;
  const date = `${y}-${pad2(mo)}-${pad2(d)}`;
  if (!isRealDate(date)) return undefined;
  // An embargo is an instant: a day alone does not say when it ends.
  return needsTime ? undefined : { date };
}

/** A day and a month in words without a year: `May 14`, `14 May`, `14 мая`, `14 may`, perhaps with a time after it. */
const WITHOUT_YEAR = [
  { pattern: /^(\p{L}+)\.?\s+(\d{1,2})(?:st|nd|rd|th)?(?=$|[,\s])(.*)$/u, month: 1, day: 2 },
  { pattern: /^(\d{1,2})(?:st|nd|rd|th)?\.?\s+(\p{L}+)\.?(?=$|[,\s])(.*)$/u, month: 2, day: 1 },
] as const;

/**
 * A day written without its year (`May 14`, `14 мая`, `14 May 10:00`) with the year that puts it nearest to `now` written
 * in (`2026-05-14`, `2026-05-14 10:00`), for `readDate` to read; undefined for any other text, and for a day no year has.
 */
export function withNearestYear(value: string, now: number): { value: string; year: number } | undefined {
  const v = value.trim();
  if (v.length > 64) return undefined;
  for (const { pattern, month: monthAt, day: dayAt } of WITHOUT_YEAR) {
    const m = pattern.exec(v);
    if (!m) continue;
    const month = monthOfName(m[monthAt]!);
    const day = Number(m[dayAt]);
    // What follows is a time, or nothing: a year there (`May 14 2026`) is a date `readDate` reads or refuses itself.
    const rest = m[3]!.trim();
    if (month === undefined || (rest !== '' && !/^,?\s*(?:(?:at|в|во|saat)\s+)?\d{1,2}:\d{2}/iu.test(rest))) return undefined;
    const year = new Date(now).getUTCFullYear();
    const days = [year - 1, year, year + 1]
      .map((y) => ({ y, date: `${y}-${pad2(month)}-${pad2(day)}` }))
      .filter(({ date }) => isRealDate(date));
    if (days.length === 0) return undefined;
    const nearest = days.reduce((a, b) => (Math.abs(Date.parse(b.date) - now) < Math.abs(Date.parse(a.date) - now) ? b : a));
    return { value: rest === '' ? nearest.date : `${nearest.date} ${rest.replace(/^,\s*/, '')}`, year: nearest.y };
  }
  return undefined;
}

/**
 * A day, a month in words and a year: `23 January 2014`, `1 dekabr 2026`
 * with Azerbaijani's `-ci il` or `il` after the year, `1 декабря 2026` with
 * Russian's `г.` or `года`.
 */
// The blanks before `-ci il` are one run, not two side by side (`\s*-?\s*`), which a long run of blanks after the year tried
// split every way: a minute for 20,000 of them.
const YEAR_IN_WORDS = /^(\d{1,2})(?:st|nd|rd|th)?\s+(\p{L}+)\.?,?\s+(\d{4})(?:\s*(?:-\s*)?c[iıuü]\s+il|\s*(?:il|г\.?|года))?$/iu;
