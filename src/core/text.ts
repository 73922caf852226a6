/** Small text helpers shared by the renderers and the reporters. */
import { INVISIBLE_PATTERN, UNSAFE_CHARACTER_RANGES } from './characters.js';

const HTML_SPECIAL = /[&<>"']/;

/** `text` as a regular expression that matches it as written. */
export function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * `&`, `<`, `>`, `"` and `'` as character references. Most text holds none,
 * and is returned as it is; the rest is copied around them in one pass
 * (nearly twice as quick as a pattern with a replacement function).
 */
export function escapeHtml(value: string): string {
  let at = value.search(HTML_SPECIAL);
  if (at === -1) return value;
  let escaped = '';
  let copied = 0;
  for (; at < value.length; at++) {
    let reference: string;
    switch (value.charCodeAt(at)) {
      case 0x26: reference = '&amp;'; break;
      case 0x3c: reference = '&lt;'; break;
      case 0x3e: reference = '&gt;'; break;
      case 0x22: reference = '&quot;'; break;
      case 0x27: reference = '&#39;'; break;
      default: continue;
    }
    escaped += value.slice(copied, at) + reference;
    copied = at + 1;
  }
  return escaped + value.slice(copied);
}

/**
 * Whether a UTF-16 code unit lies in a range that holds no combining mark:
 * Latin, Greek, Cyrillic and Armenian letters and general punctuation, which
 * is nearly all the text this tool wraps.
 */
function markFree(code: number): boolean {
  return code < 0x300 || (code >= 0x370 && code < 0x483) || (code >= 0x48a && code < 0x591) || (code >= 0x2000 && code < 0x200b) || (code >= 0x2010 && code < 0x2060) || (code >= 0x2065 && code < 0x20d0);
}

/**
 * Two columns: East Asian Wide and Fullwidth characters (UAX #11: Han, kana,
 * Hangul syllables, CJK and fullwidth punctuation) and emoji shown as
 * pictures. Regional indicators stay one column each (a flag, two of them, is two).
 */
const WIDE = /^(?![\u{1F1E6}-\u{1F1FF}])[\p{Emoji_Presentation}\u1100-\u115F\u2E80-\u303E\u3041-\u33FF\u3400-\u4DBF\u4E00-\u9FFF\uA000-\uA4CF\uA960-\uA97F\uAC00-\uD7A3\uF900-\uFAFF\uFE10-\uFE19\uFE30-\uFE6F\uFF00-\uFF60\uFFE0-\uFFE6\u{20000}-\u{3FFFD}]$/u;
/**
 * No column: non-spacing and enclosing marks (variation selectors among them), zero-width and joining controls, emoji modifiers and
 * tags, Hangul medial and final jamo. A spacing mark (Mc: the Devanagari vowel signs ा ि ी, Bengali's, Tamil's …) takes a column of its
 * own, as terminals (wcwidth) and monospaced fonts give it: counted as none, a Hindi line of 72 columns ran to 85.
 */
const ZERO_WIDTH = /^[\p{Mn}\p{Me}\p{Emoji_Modifier}\u200B-\u200F\u2060-\u2064\uFEFF\u1160-\u11FF\uD7B0-\uD7FF\u{E0000}-\u{E007F}]$/u;
const PICTOGRAPHIC = /^\p{Extended_Pictographic}$/u;
/**
 * What U+FE0F makes an emoji of (UTS #51's emoji presentation sequence): any emoji character, the digits, `#` and `*` of a keycap
 * (`1️⃣`) and `©`, `®`, `‼` among them, and the pictographs.
 */
const EMOJI_BASE = /^[\p{Emoji}\p{Extended_Pictographic}]$/u;
/** Columns of each code point of the Basic Multilingual Plane, found once: 1 + the width (0, 1 or 2); 0 not yet known. */
const bmpColumns = new Uint8Array(0x10000);

function columns(cp: number): number {
  if (cp < 0x10000) {
    let c = bmpColumns[cp]!;
    if (c === 0) {
      const ch = String.fromCharCode(cp);
      c = 1 + (ZERO_WIDTH.test(ch) ? 0 : WIDE.test(ch) ? 2 : 1);
      bmpColumns[cp] = c;
    }
    return c - 1;
  }
  const ch = String.fromCodePoint(cp);
  return ZERO_WIDTH.test(ch) ? 0 : WIDE.test(ch) ? 2 : 1;
}

/**
 * A headline's or a summary's length as its room is measured: characters,
 * each one that takes the room of two (Chinese, Japanese and Korean,
 * full-width forms, emoji) counted twice, as listings and search results
 * show them. A combining mark counts as the character it is.
 */
export function headlineLength(value: string): number {
  let length = 0;
  for (let i = 0; i < value.length; i++) {
    const code = value.codePointAt(i)!;
    if (code > 0xffff) i++;
    length += headlineRoom(code);
  }
  return length;
}

/** The room one code point takes in `headlineLength`: two for a wide one, else one. */
export function headlineRoom(code: number): number {
  return markFree(code) || columns(code) !== 2 ? 1 : 2;
}

/**
 * Width in terminal columns: a wide character (CJK, an emoji) counts two,
 * a non-spacing mark, a joiner or a variation selector none (a spacing mark one), an emoji joined
 * to the one before it by U+200D none (a ZWJ family is one picture), and
 * U+FE0F turns a one-column character into a two-column emoji (U+2764, `©`,
 * a keycap's digit: `1️⃣` is two columns, as terminals show it).
 */
export function displayWidth(value: string): number {
  let width = 0;
  let i = 0;
  // Mark-free text (Latin, Cyrillic, Greek, Armenian, general punctuation) is one column a code unit.
  while (i < value.length && markFree(value.charCodeAt(i))) i++;
  if (i === value.length) return i;
  width = i;
  // The character before the first one measured may be an emoji's base (`©` before U+FE0F).
  let previous = i > 0 ? value.charCodeAt(i - 1) : 0;
  for (; i < value.length; i++) {
    let cp = value.charCodeAt(i);
    if (cp >= 0xd800 && cp <= 0xdbff && i + 1 < value.length) {
      const low = value.charCodeAt(i + 1);
      if (low >= 0xdc00 && low <= 0xdfff) {
        cp = (cp - 0xd800) * 0x400 + (low - 0xdc00) + 0x10000;
        i++;
      }
    }
    if (previous === 0x200d && PICTOGRAPHIC.test(String.fromCodePoint(cp))) width += 0;
    else if (cp === 0xfe0f && previous !== 0 && columns(previous) === 1 && EMOJI_BASE.test(String.fromCodePoint(previous))) width += 1;
    else width += columns(cp);
    previous = cp;
  }
  return width;
}

const BLANKS = /[ \t]+/;
/** Blanks that keep a paragraph from being its own words joined by one space: one at either end, a tab, or two spaces. */
const UNEVEN_BLANKS = /^[ \t]|[ \t]$|\t| {2}/;

const isDigitCode = (code: number) => code >= 48 && code <= 57;

/**
 * Whether a code unit of the Basic Multilingual Plane is a character `pattern` matches, its answer found once and kept: a
 * wrapped paragraph asks of each character, and a Unicode property's pattern costs a string and a match. False for no code
 * unit (`charCodeAt` past a text's end).
 */
function bmpClass(pattern: RegExp): (code: number) => boolean {
  // 1 + the answer (0 or 1); 0 not yet known.
  const classes = new Uint8Array(0x10000);
  return (code) => {
    let kind = classes[code];
    if (kind === undefined) return false;
    if (kind === 0) {
      kind = pattern.test(String.fromCharCode(code)) ? 2 : 1;
      classes[code] = kind;
    }
    return kind === 2;
  };
}

const isBmpDecimalDigit = bmpClass(/^\p{Nd}$/u);

/**
 * Whether `code` is a decimal digit of any script (ASCII's, Persian ۰-۹, Arabic-Indic ٠-٩, Devanagari ०-९ …): numbers and
 * telephone numbers hold together in each alike. Digits beyond the Basic Multilingual Plane (Adlam's, Chakma's) are not looked for.
 */
const isDecimalDigit = (code: number): boolean => (code < 0x660 ? isDigitCode(code) : isBmpDecimalDigit(code));

/** Whether `code` is a zero: in the Basic Multilingual Plane each script's digits run from zero to nine, apart from any other. */
const isDecimalZero = (code: number) => isDecimalDigit(code) && !isDecimalDigit(code - 1);

/** Longest run of spaced digit groups kept as one word, in characters. */
const MAX_GROUPED = 16;

/**
 * Whether three digits, and no fourth, start at `at`: the next group of a number written with spaces ("2 500", "23 000", "۱۲ ۵۰۰").
 * A line may break after a fullwidth digit before an ASCII one (`cjkBreakAt`): the word ends there, and so does a group.
 */
function digitGroupAt(text: string, at: number): boolean {
  return isDecimalDigit(text.charCodeAt(at)) && isDecimalDigit(text.charCodeAt(at + 1)) && isDecimalDigit(text.charCodeAt(at + 2)) && !cjkBreakAt(text, at + 1) && !cjkBreakAt(text, at + 2)
    && (!isDecimalDigit(text.charCodeAt(at + 3)) || cjkBreakAt(text, at + 3));
}

/** Longest telephone number kept as one word, in characters (`+994 12 555 01 00` is 17). */
const MAX_PHONE = 24;
/** A decimal digit in the Basic Multilingual Plane: those beyond it are not looked for, as in `isDecimalDigit`. */
const BMP_DIGIT = String.raw`(?:(?![\u{10000}-\u{10FFFF}])\p{Nd})`;
/**
 * A telephone number's start as far as a space: a country code (`+994`), an area code in brackets (`(012)`) or one with the trunk
 * prefix, a zero, that no amount starts with (`012`, `050`: checked apart), then groups of digits.
 */
const PHONE_SO_FAR = new RegExp(String.raw`^(?:\+${BMP_DIGIT}{1,4}|\(\+?${BMP_DIGIT}{1,5}\)|${BMP_DIGIT}{2,5})(?: (?:\(${BMP_DIGIT}{1,5}\)|${BMP_DIGIT}{1,6}(?:[-.]${BMP_DIGIT}{1,6})*))*$`, 'u');
/**
 * The next group of a telephone number: digits, perhaps joined by hyphens or dots (`555-01-00`), or an area code in brackets
 * (`+7 (495)`), and then no digit or letter of any plane (`12𞗱` ends in a digit of Ol Onal's: no group of the number), but for
 * Chinese and Japanese, which write the next word with no space before it (`+994 12 555 01 00咨询`).
 */
const PHONE_GROUP = new RegExp(String.raw`^(?:\(${BMP_DIGIT}{1,5}\)|${BMP_DIGIT}{1,6}(?:[-.]${BMP_DIGIT}{1,6})*)(?![\p{Nd}\p{L}](?<![\u{2E80}-\u{9FFF}\u{F900}-\u{FAFF}\u{20000}-\u{3FFFD}]))`, 'u');
/** The marks that set a left-to-right number apart in right-to-left text: LRM, RLM, ALM, and the isolates' openings (LRI, RLI, FSI). */
const isDirectionMark = (code: number) => code === 0x200e || code === 0x200f || code === 0x61c || (code >= 0x2066 && code <= 0x2068);

/** An opening bracket or quotation mark (`(`, `[`, `«`, `“`, `„`), which may stand before a telephone number. */
const isOpening = bmpClass(/^[\p{Ps}\p{Pi}]$/u);

/**
 * Whether the space at `at` lies inside a telephone number written with
 * spaces, which a reader dials as one (`+994 12 555 01 00`, `(012) 555-01-00`,
 * `+7 (495) 123-45-67`, `+49 30 123456`, `012 555 01 00`, `۰۱۲ ۵۵۵ ۰۱ ۰۰`):
 * the word so far is such a number's start, after any marks of direction
 * (`\u200E+994`, or an isolate's opening, whose closing follows the last
 * group) and perhaps a bracket or quotation mark the number is written in
 * (`(+994 12 555 01 00)`, `«+994 …»`), or after a label typed straight
 * before it (`Tel.:+994 12 555 01 00`), and a group of digits follows.
 */
function phoneSpaceAt(text: string, wordStart: number, at: number): boolean {
  const next = text.charCodeAt(at + 1);
  if (!(isDecimalDigit(next) || next === 40)) return false;
  // A label typed straight before the number, up to its colon (`Tel.:+994 12 555 01 00`, `Факс:(012) 555-01-00`): the number starts
  // after it. A colon after a digit (`10:00 555`) is a time's, not a label's.
  if (at - wordStart > MAX_PHONE + MAX_LABEL) return false;
  let colon = at - 1;
  while (colon > wordStart && text.charCodeAt(colon) !== 58) colon--;
  const from = colon > wordStart && LABEL_END.test(text[colon - 1]!) ? colon + 1 : wordStart;
  if (at - from > MAX_PHONE) return false;
  let start = from;
  while (start < at && isDirectionMark(text.charCodeAt(start))) start++;
  const startsNumber = (number: number) => {
    const first = text.charCodeAt(number);
    return (first === 43 || first === 40 || isDecimalZero(first)) && PHONE_SO_FAR.test(text.slice(number, at));
  };
  if (!(startsNumber(start) || (isOpening(text.charCodeAt(start)) && startsNumber(start + 1)))) return false;
  const group = PHONE_GROUP.exec(text.slice(at + 1, at + 1 + MAX_PHONE));
  return group !== null && at + 1 + group[0].length - from <= MAX_PHONE;
}

/** The longest label typed straight before a telephone number (`Telefon/faks:`). */
const MAX_LABEL = 24;
/** What a label before a telephone number ends in, before its colon: a letter, or the stop of an abbreviation (`Tel.:`). */
const LABEL_END = /^[\p{L}.]$/u;

/** Whether `cp` is Han, kana or CJK/fullwidth punctuation: text written without spaces, which may break between two such characters. */
const isCjk = (cp: number) => (cp >= 0x2e80 && cp <= 0x9fff) || (cp >= 0xf900 && cp <= 0xfaff) || (cp >= 0xfe30 && cp <= 0xfe4f) || (cp >= 0xff00 && cp <= 0xffef) || (cp >= 0x20000 && cp <= 0x3fffd);
/** What may not start a line (closing brackets, commas, stops, small kana, the prolonged sound mark) and what may not end one (opening brackets). */
const NO_BREAK_BEFORE = new Set([...'、。，．：；！？）〕］｝〉》」』】〙〗〟｠・ー々〻ゝゞヽヾぁぃぅぇぉっゃゅょゎゕゖァィゥェォッャュョヮヵヶ゛゜〜～％｡｣､･ｰｧｨｩｪｫｯｬｭｮﾞﾟ\u3000'].map((c) => c.codePointAt(0)!));
const NO_BREAK_AFTER = new Set([...'（〔［｛〈《「『【〘〖〝｟｢＄￥'].map((c) => c.codePointAt(0)!));

const isFullwidthAlnum = (cp: number) => (cp >= 0xff10 && cp <= 0xff19) || (cp >= 0xff21 && cp <= 0xff3a) || (cp >= 0xff41 && cp <= 0xff5a);

function codePointBefore(text: string, at: number): number {
  const low = text.charCodeAt(at - 1);
  if (low >= 0xdc00 && low <= 0xdfff && at >= 2) {
    const high = text.charCodeAt(at - 2);
    if (high >= 0xd800 && high <= 0xdbff) return (high - 0xd800) * 0x400 + (low - 0xdc00) + 0x10000;
  }
  return low;
}

/** Whether a `+` before a digit, or a bracket before a digit or a `+`, is at `at`: how a telephone number may open (`+994`, `(012)`, `(+994)`). */
function numberSignAt(text: string, at: number): boolean {
  const code = text.charCodeAt(at);
  const next = text.charCodeAt(at + 1);
  return (code === 43 && isDecimalDigit(next)) || (code === 40 && (isDecimalDigit(next) || next === 43));
}

/** Whether a line may break at `at`, inside a run without spaces: between two CJK characters, unless kinsoku forbids it. */
function cjkBreakAt(text: string, at: number): boolean {
  const after = text.codePointAt(at)!;
  if (after >= 0xdc00 && after <= 0xdfff) return false;
  const before = codePointBefore(text, at);
  // Fullwidth digits and letters hold together as ASCII ones do, also across a fullwidth comma or stop ("１，２３４").
  if (isFullwidthAlnum(after) && (isFullwidthAlnum(before) || before === 0xff0c || before === 0xff0e)) return false;
  // A Latin word inside Chinese or Japanese text ("使用Windows系统"), or an address in angle brackets, may start or end a line, as between
  // two characters; a number may start one ("…は" / "2026年"), but keeps the character after it, its counter or unit ("2026年"). So may
  // a telephone number's `+` or bracket, typed right after the text ("请致电+994 12 555 01 00", "电话：(012) 555-01-00"): the number
  // then starts a word of its own, which holds its groups together as it does after a space.
  return (isCjk(before) ? isCjk(after) || isLatinLetter(after) || isDigitCode(after) || after === 0x3c || numberSignAt(text, at) : (isLatinLetter(before) || before === 0x3e) && isCjk(after)) && !NO_BREAK_AFTER.has(before) && !NO_BREAK_BEFORE.has(after);
}

/**
 * What joins the character before it into one grapheme (UAX #29's Extend, ZWJ and SpacingMark: combining marks such as the voiced
 * sound mark of kana pasted decomposed, `テ` and U+3099, spacing vowel signs, variation selectors, emoji modifiers and tags, Hangul
 * vowel and final jamo). A line that started with one would show it on nothing, or on the space before it.
 */
const GRAPHEME_EXTENDER = /^[\p{Grapheme_Extend}\p{Mc}\p{Emoji_Modifier}\u200D\u0E33\u0EB3\u1160-\u11FF\uD7B0-\uD7FF]$/u;
const isBmpExtender = bmpClass(GRAPHEME_EXTENDER);

/** Whether the character at `at` joins the one before it, so that no line may break before it. */
function extendsGrapheme(text: string, at: number): boolean {
  const cp = text.codePointAt(at)!;
  return cp > 0xffff ? GRAPHEME_EXTENDER.test(String.fromCodePoint(cp)) : isBmpExtender(cp);
}

const isLatinLetter = (cp: number) => (cp >= 0x41 && cp <= 0x5a) || (cp >= 0x61 && cp <= 0x7a);

/**
 * Thai, Lao, Khmer and Myanmar (with their extensions): scripts written without spaces between words, whose lines break only where a
 * dictionary finds a word's end (Unicode's line-breaking class SA).
 */
const SOUTH_EAST_ASIAN_BLOCKS: readonly (readonly [number, number])[] = [[0x0e00, 0x0eff], [0x1000, 0x109f], [0x1780, 0x17ff], [0x19e0, 0x19ff], [0xa9e0, 0xa9ff], [0xaa60, 0xaa7f]];
/** The blocks as a character class's ranges, for the patterns below. */
const SOUTH_EAST_ASIAN_RANGES = SOUTH_EAST_ASIAN_BLOCKS.map(([from, to]) => `\\u${from.toString(16).padStart(4, '0')}-\\u${to.toString(16).padStart(4, '0')}`).join('');
const SOUTH_EAST_ASIAN = new RegExp(`[${SOUTH_EAST_ASIAN_RANGES}]`, 'g');
/**
 * A letter, mark or stop of those scripts, which may end a line; a digit or currency sign keeps what follows it, and a virama or coeng
 * (Thai and Lao phinthu, Myanmar U+1039, Khmer U+17D2) the consonant it stacks.
 */
const SOUTH_EAST_ASIAN_END = new RegExp(`^(?![\\u0E3A\\u0EBA\\u1039\\u17D2])(?=[\\p{L}\\p{M}\\p{P}])[${SOUTH_EAST_ASIAN_RANGES}]$`, 'u');
/** A letter that may start a line: not a repetition mark (ๆ, ໆ, ៗ: modifier letters) nor an abbreviation mark (ฯ, ຯ), which end a word. */
const SOUTH_EAST_ASIAN_START = new RegExp(`^(?![\\u0E2F\\u0EAF])(?=\\p{Lo})[${SOUTH_EAST_ASIAN_RANGES}]$`, 'u');

/** What each code unit is to a line break inside those scripts, found once: 1 + (0 neither, 1 may end a line, 2 may end or start one); 0 not yet known. */
const southEastAsianClasses = new Uint8Array(0x10000);

function southEastAsianClass(code: number): number {
  let kind = southEastAsianClasses[code]!;
  if (kind === 0) {
    const c = String.fromCharCode(code);
    kind = 1 + (SOUTH_EAST_ASIAN_START.test(c) ? 2 : SOUTH_EAST_ASIAN_END.test(c) ? 1 : 0);
    southEastAsianClasses[code] = kind;
  }
  return kind - 1;
}

/** A word segmenter for each language asked for; undefined where the runtime has none (Node built without ICU). */
const lineSegmenters = new Map<string, Intl.Segmenter>();

/** A code unit of Thai, Lao, Myanmar or Khmer (`SOUTH_EAST_ASIAN_BLOCKS`). */
function isSouthEastAsian(code: number): boolean {
  return SOUTH_EAST_ASIAN_BLOCKS.some(([from, to]) => code >= from && code <= to);
}

export function segmenterFor(lang: string | undefined): Intl.Segmenter | undefined {
  if (typeof Intl.Segmenter !== 'function') return undefined;
  let segmenter = lineSegmenters.get(lang ?? '');
  if (segmenter === undefined) {
    try {
      segmenter = new Intl.Segmenter(lang, { granularity: 'word' });
    } catch {
      // A tag ICU does not take: its dictionaries are chosen by script, not language, so the default locale finds the same words.
      segmenter = new Intl.Segmenter(undefined, { granularity: 'word' });
    }
    if (lineSegmenters.size >= 64) lineSegmenters.clear();
    lineSegmenters.set(lang ?? '', segmenter);
  }
  return segmenter;
}

/**
 * How much of a paragraph the segmenter is given at once. Its time grows faster than the text it is given (a run of 40,000 Thai
 * characters took 130 ms, 1 MB several minutes), so it reads a window at a time, each from a word's start.
 */
const SEGMENT_WINDOW = 512;
/** The end of a window (short of the paragraph's) whose boundaries are left to the next one: a word cut off there may move them. */
const SEGMENT_MARGIN = 64;

/**
 * Where a line may break inside runs of Thai, Lao, Khmer or Myanmar in `paragraph`: 1 at each word boundary between two of their
 * letters, as Intl.Segmenter finds it in `lang`; undefined for a paragraph without such text, or where there is no segmenter.
 */
function southEastAsianBreaks(paragraph: string, lang: string | undefined): Uint8Array | undefined {
  SOUTH_EAST_ASIAN.lastIndex = 0;
  let found = SOUTH_EAST_ASIAN.exec(paragraph);
  if (found === null) return undefined;
  const segmenter = segmenterFor(lang);
  if (segmenter === undefined) return undefined;
  const n = paragraph.length;
  const breaks = new Uint8Array(n);
  for (;;) {
    const at = found.index;
    // Only the run of these scripts is read: a line breaks inside it alone, and the segmenter's time on the Chinese or Latin
    // around it was wasted (a window for each Thai letter between Chinese ones, `ก中ก中…`, took a second for a megabyte).
    const limit = Math.min(n, at + SEGMENT_WINDOW);
    let runEnd = at + 1;
    while (runEnd < limit && isSouthEastAsian(paragraph.charCodeAt(runEnd))) runEnd++;
    const whole = runEnd < limit || runEnd === n;
    const end = whole ? runEnd : limit;
    // The run's end, and the paragraph's, is no break.
    const settled = whole ? end - 1 : end - SEGMENT_MARGIN;
    let last = at;
    for (const { index } of end - at > 1 ? segmenter.segment(paragraph.slice(at, end)) : []) {
      const boundary = at + index;
      if (boundary > settled) break;
      if (index === 0) continue;
      last = boundary;
      if (southEastAsianClass(paragraph.charCodeAt(boundary)) !== 2 || southEastAsianClass(paragraph.charCodeAt(boundary - 1)) === 0) continue;
      // A Myanmar consonant killed by an asat or virama after it closes the syllable before it (အွန်, not အွ / န်), where the dictionary
      // does not know the word.
      const next = paragraph.charCodeAt(boundary + 1);
      if (next !== 0x103a && next !== 0x1039) breaks[boundary] = 1;
    }
    if (end === n) return breaks;
    // The next window starts at the last word's start, unless that would read most of this one again (a run with few boundaries).
    SOUTH_EAST_ASIAN.lastIndex = whole ? end : last - at >= SEGMENT_WINDOW / 2 ? last : settled;
    found = SOUTH_EAST_ASIAN.exec(paragraph);
    if (found === null) return breaks;
  }
}

/**
 * Marks that end a sentence or a clause, which Hindi types after a space (`है ।`, `॥`) as French types `!`, `?`, `:` and `;`
 * (and Arabic and Persian `؟` and `؛` after it): after a space as right after a word, each ends its line, as `。` and `！` do in
 * Chinese.
 */
const CLOSING_MARKS = new Set([...'!?:;।॥؟؛'].map((c) => c.codePointAt(0)!));
/** What may follow such a mark in the run that stands alone after the space: more of them, stops, closing quotes and brackets. */
const CLOSING_RUN = new Set([...CLOSING_MARKS, ...'.…"\'”’»)]}'.split('').map((c) => c.codePointAt(0)!)]);

/**
 * Whether the space at `at` (inside a word begun at `wordStart`) is kept as a
 * no-break space: before a percent or per-mille sign after a digit ("4,2 %"),
 * after a numero or section sign before a digit ("№ 318", "§ 5"), and before
 * a dash that stands alone ("office — a", or a hyphen typed for one,
 * "office - a"), or a closing mark that does ("खोला है । यह", "ouvert ! Le"),
 * which ends a line, never starts one: a line of plain text that starts with
 * "- " reads as an item of a list, and one that starts with "।" or "!" as a
 * sentence cut off from its end.
 */
function gluedSpace(text: string, at: number): boolean {
  const before = text.charCodeAt(at - 1);
  const after = text.charCodeAt(at + 1);
  if ((after === 0x25 || after === 0x2030) && isDecimalDigit(before)) return true;
  if ((before === 0x2116 || before === 0xa7) && isDecimalDigit(after)) return true;
  if (after === 0x2014 || after === 0x2013 || after === 0x2d) {
    const next = text.charCodeAt(at + 2);
    return before !== 0x2014 && before !== 0x2013 && before !== 0x2d && (at + 2 >= text.length || next === 32 || next === 9);
  }
  // Not after another such mark: `! ! !` would be one word however long.
  if (CLOSING_MARKS.has(after) && !CLOSING_MARKS.has(before)) {
    // Only marks that stand alone, with what closes after them: a word that starts with one (`?lang=az`) is no sentence's end.
    // Each run is read once, by the one space before it: linear however long.
    let end = at + 2;
    while (end < text.length && CLOSING_RUN.has(text.charCodeAt(end))) end++;
    const next = text.charCodeAt(end);
    return end >= text.length || next === 32 || next === 9;
  }
  return false;
}

/** An address as the plain text writes it, in angle brackets: `<https://…>`, `<mailto:…>`. */
const BRACKETED_ADDRESS = /<[a-zA-Z][a-zA-Z0-9+.-]*:[^\s<>]+>/g;

/** Where each bracketed address of `paragraph` starts and ends, in order. */
function addressSpans(paragraph: string): [number, number][] {
  return Array.from(paragraph.matchAll(BRACKETED_ADDRESS), (match) => [match.index, match.index + match[0].length]);
}

/**
 * Greedy word wrap at `width` columns. A word is never broken: a URL, an
 * address or a checksum longer than a line stands on a line of its own, since
 * a piece of one is useless and a reader copying it would copy it wrong. A
 * number whose digit groups are spaced ("4 000", as Azerbaijani and Russian
 * write it) is one word. Chinese and Japanese break between characters, and
 * Thai, Lao, Khmer and Myanmar between the words the runtime's dictionaries
 * find in them in the language `lang`; neither ever before a mark that joins
 * the character before it (`GRAPHEME_EXTENDER`).
 */
export function wrapText(value: string, width: number, indent = '', firstIndent = indent, lang?: string): string[] {
  const lines: string[] = [];
  const indentWidth = displayWidth(indent);
  const firstIndentWidth = displayWidth(firstIndent);
  // A word is never wider than its length: a paragraph no longer than the room left fits on its line as it is.
  const room = width - Math.max(indentWidth, firstIndentWidth);
  for (const paragraph of value.split('\n')) {
    let first = lines.length === 0;
    // A code unit is at most two columns: half the room in code units always fits; else measure.
    if (paragraph.length <= room && (2 * paragraph.length <= room || displayWidth(paragraph) <= room)) {
      const words = UNEVEN_BLANKS.test(paragraph) ? paragraph.split(BLANKS).filter((word) => word !== '').join(' ') : paragraph;
      lines.push((first ? firstIndent : indent) + words);
      continue;
    }
    // One pass over the paragraph, word by word. A line is a slice of the paragraph while its words are one space apart, else built.
    const breaks = southEastAsianBreaks(paragraph, lang);
    // An address the text writes as `<https://…>` is one word, whatever script its path is in: no break between its Chinese or Thai
    // letters. Found when a paragraph first offers such a break, not for every paragraph with an address.
    let addresses: [number, number][] | undefined;
    let address = 0;
    let start = -1;
    let end = 0;
    let built: string | undefined;
    let lineWidth = 0;
    const n = paragraph.length;
    let i = 0;
    while (i < n) {
      let code = paragraph.charCodeAt(i);
      const blanksStart = i;
      while (code === 32 || code === 9) code = paragraph.charCodeAt(++i);
      if (i >= n) break;
      const wordStart = i;
      // Words follow a blank, or (in Chinese, Japanese, Thai …) each other directly: then no space joins them on a line.
      const gap = wordStart > blanksStart || start === -1 ? 1 : 0;
      let w = 0;
      let marks = false;
      // A number's groups stay together up to the length of the largest amounts (12 345 678 901); a longer run is a list of numbers.
      while (i < n) {
        if (code === 32 || code === 9) {
          if (!(code === 32 && i > wordStart && ((i - wordStart < MAX_GROUPED && isDecimalDigit(paragraph.charCodeAt(i - 1)) && digitGroupAt(paragraph, i + 1)) || gluedSpace(paragraph, i) || phoneSpaceAt(paragraph, wordStart, i)))) break;
        } else if (i > wordStart && (((code >= 0x2e80 || paragraph.charCodeAt(i - 1) >= 0x2e80) && cjkBreakAt(paragraph, i)) || breaks?.[i] === 1) && !extendsGrapheme(paragraph, i)) {
          addresses ??= paragraph.includes('<') ? addressSpans(paragraph) : [];
          while (address < addresses.length && addresses[address]![1] <= i) address++;
          if (address >= addresses.length || addresses[address]![0] >= i) break;
        }
        w++;
        if (!markFree(code)) marks = true;
        code = paragraph.charCodeAt(++i);
      }
      // Marks, or surrogates: the width as displayWidth counts it.
      if (marks) w = displayWidth(paragraph.slice(wordStart, i));
      if (start === -1) {
        start = wordStart;
        lineWidth = w;
      } else if ((first ? firstIndentWidth : indentWidth) + lineWidth + gap + w <= width) {
        if (built === undefined && gap === 1 && (wordStart - end !== 1 || paragraph.charCodeAt(end) !== 32)) built = paragraph.slice(start, end);
        if (built !== undefined) built += (gap === 1 ? ' ' : '') + paragraph.slice(wordStart, i);
        lineWidth += gap + w;
      } else {
        lines.push((first ? firstIndent : indent) + (built ?? paragraph.slice(start, end)));
        first = false;
        built = undefined;
        start = wordStart;
        lineWidth = w;
      }
      end = i;
    }
    lines.push((first ? firstIndent : indent) + (start === -1 ? '' : built ?? paragraph.slice(start, end)));
  }
  for (let i = 0; i < lines.length; i++) lines[i] = lines[i]!.trimEnd();
  return lines;
}

/**
 * Everything `printable` escapes: what could drive a terminal or reverse
 * text, and also tabs and line breaks, so that a value (a file name, a
 * set's description) stays on its line and cannot forge another.
 */
const TERMINAL_UNSAFE = new RegExp(`[${UNSAFE_CHARACTER_RANGES}\\t\\n\\u2028\\u2029]`, 'g');

/**
 * The one escaping of every path and value a command prints: characters
 * that could drive a terminal, reverse text or break a line become visible
 * `\uXXXX` escapes.
 */
export function printable(value: string): string {
  return value.replace(TERMINAL_UNSAFE,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0').toUpperCase()}`);
}

/** A line that GitHub Actions reads as a workflow command: one that starts with `::` after blanks, as its runner trims them. */
const WORKFLOW_COMMAND = /^\s*:(?=:)/;

/**
 * `printable`, for a value that opens a line of what a command prints (a
 * file name over its problems, a set's name, description or files in a
 * list). GitHub Actions reads every line of a job's log that starts with
 * `::` as a workflow command, whichever reporter wrote it: a release named
 * `::error::…` would add an annotation, `::add-mask::` hide words of the log
 * and `::stop-commands::` silence every real annotation after it. The first
 * of those colons is written `\u003A`, as `printable` writes what it escapes.
 */
export function printableLineStart(value: string): string {
  const text = printable(value);
  const command = WORKFLOW_COMMAND.exec(text);
  return command ? `${command[0].slice(0, -1)}\\u003A${text.slice(command[0].length)}` : text;
}

/**
 * The `[` of the log commands a CI runner finds anywhere in a line of a
 * job's log: GitHub Actions' older workflow commands (`##[error]…`), Azure
 * Pipelines' logging commands (`##vso[task.setvariable …]…`), which its
 * agent reads on standard output and standard error alike, and TeamCity's
 * service messages (`##teamcity[setParameter …]`); in any letter case, as
 * Azure's own neutraliser takes `vso`.
 */
const INLINE_COMMAND = /(?<=##(?:vso|teamcity)?)\[/gi;
/** Those of the other runners, for a line GitHub Actions reads as an annotation (see `withoutInlineCommands`). */
const OTHER_RUNNERS_COMMAND = /(?<=##(?:vso|teamcity))\[/gi;
/** How many characters before a `[` can make it a command's (`##teamcity`). */
export const COMMAND_LEAD = 10;

/**
 * `chunk`, written after `before`, with the `[` of every command a CI runner
 * reads anywhere in a line written `\u005B`. GitHub Actions still reads its
 * older form of workflow command, `##[name]data`, anywhere in a line, not
 * only at its start as it reads `::name::`: a release titled or named
 * `##[stop-commands]x` would silence every real annotation after it,
 * `##[add-mask]` hide words of the log, `##[error]` forge a problem. Azure
 * Pipelines runs `##vso[area.action]data` wherever it is in a line: a
 * release that made the tool print `##vso[task.prependpath]/tmp/x` or
 * `##vso[task.setvariable variable=…]` would change what the pipeline's
 * next steps run, as TeamCity's `##teamcity[setParameter …]` would. In JSON, the only place that text can be is a string,
 * where `\u005B` is the same `[`. `before` is what was written just before
 * (its last `COMMAND_LEAD` characters count), so a command split between
 * writes is caught too. `annotation`: a line GitHub Actions reads as an
 * annotation, where its runner reads no `##[` but the others still read
 * theirs.
 */
export function withoutInlineCommands(chunk: string, before = '', annotation = false): string {
  if (!chunk.includes('[')) return chunk;
  const lead = before.slice(-COMMAND_LEAD);
  // A bracket within what was written before was judged then.
  return (lead + chunk).replace(annotation ? OTHER_RUNNERS_COMMAND : INLINE_COMMAND, (bracket: string, at: number) => (at < lead.length ? bracket : '\\u005B')).slice(lead.length);
}

/**
 * JSON text in which the characters `printable` escapes and JSON.stringify
 * leaves raw (DEL, C1 controls, bidirectional overrides), and the line and
 * paragraph separators and noncharacters that older or line-oriented JSON
 * readers trip on, are written as `\u` escapes: the same JSON value, safe to
 * show in a terminal.
 */
export function printableJson(json: string): string {
  return json.replace(/[\u007F-\u009F\u2028\u2029\u202A-\u202E\u2066-\u2069\uFFFE\uFFFF]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** A path or name as a message shows it, cut short if long: a manifest's text is only as short as whoever wrote it made it. */
export function excerpt(value: string, max = 200): string {
  return value.length > max ? `${headOf(value, max - 1)}…` : value;
}

/** A character as Unicode names it in prose: `U+00A0`. */
export function codePoint(character: string): string {
  return `U+${character.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;
}

/** A value quoted for a message: escaped, and cut short if long. */
export function quote(value: unknown, max = 60): string {
  const json = typeof value === 'string' ? JSON.stringify(value) : JSON.stringify(value) ?? String(value);
  // Invisible characters of pasted text as escapes: a date that starts with a zero-width space would otherwise be quoted as the very date it fails to be.
  const safe = printable(json).replace(INVISIBLE_PATTERN, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0').toUpperCase()}`);
  return safe.length > max ? `${headOf(safe, max - 2)}…"` : safe;
}

/**
 * The first `end` code units of `value`, or one fewer where the last would
 * be half of a character beyond the Basic Multilingual Plane (an emoji): a
 * lone surrogate is no text a report, a terminal or a JSON reader can hold.
 */
export function headOf(value: string, end: number): string {
  const code = value.charCodeAt(end - 1);
  return value.slice(0, code >= 0xd800 && code <= 0xdbff ? end - 1 : end);
}

/** A word: a letter or digit, then letters, digits, marks, apostrophes, dots and hyphens. */
const WORD = /[\p{L}\p{N}][\p{L}\p{N}\p{M}'’.-]*/gu;
const WORD_START = /^[\p{L}\p{N}]$/u;
const WORD_PART = /^[\p{L}\p{N}\p{M}'’.-]$/u;

/** What each character of the Basic Multilingual Plane is to `WORD`, found once: 1 starts a word, 2 continues one, 3 neither; 0 not yet known. */
const wordClasses = new Uint8Array(0x10000);

function wordClass(code: number): number {
  let kind = wordClasses[code]!;
  if (kind === 0) {
    const c = String.fromCharCode(code);
    kind = WORD_START.test(c) ? 1 : WORD_PART.test(c) ? 2 : 3;
    wordClasses[code] = kind;
  }
  return kind;
}

/**
 * The number of matches of `WORD` in `value`, counted a character at a time
 * (a Unicode expression run over every body cost more than the rest of its
 * text's making); text with characters beyond the Basic Multilingual Plane
 * is counted by the expression itself.
 */
export function wordCount(value: string): number {
  if (value.length < COUNTED_LENGTH) return countWords(value);
  let count = countedWords.get(value);
  if (count === undefined) {
    count = countWords(value);
    if (countedWords.size >= COUNTED_KEPT) countedWords.delete(countedWords.keys().next().value!);
    countedWords.set(value, count);
  }
  return count;
}

/**
 * The counts of the last few long texts: each page a release makes (its HTML page, its e-mail message) counts the same body
 * again, and a megabyte of Chinese or Thai, whose words only the segmenter finds, takes it a second or two each time.
 */
const countedWords = new Map<string, number>();
const COUNTED_LENGTH = 4096;
const COUNTED_KEPT = 4;

function countWords(value: string): number {
  let count = 0;
  let inWord = false;
  for (let i = 0; i < value.length; i++) {
    const code = value.charCodeAt(i);
    // Chinese and Japanese, Thai, Lao, Khmer and Myanmar are written without spaces: their words are found by the runtime's
    // dictionaries (a count of the wrapped plain text's lines would otherwise depend on where they were broken).
    if (code >= 0x0e00 && (isSouthEastAsian(code) || (code >= 0x2e80 && isCjk(code)))) return segmentedWordCount(value);
    if (code >= 0xd800 && code <= 0xdfff) return value.match(WORD)?.length ?? 0;
    const kind = wordClass(code);
    if (inWord) inWord = kind !== 3;
    else if (kind === 1) {
      count++;
      inWord = true;
    }
  }
  return count;
}

let wordSegmenter: Intl.Segmenter | undefined;

/**
 * Words as `Intl.Segmenter` finds them (by dictionary in Chinese and Japanese); numbers count as words, as `WORD` counts them.
 * The text is read in windows (see `SEGMENT_WINDOW`), each from the start of a word: given whole, 80,000 characters of Chinese
 * took 15 s. A word cut by a window's end is read again whole by the next, unless it fills the window (a long address), when the
 * next window's first piece of it is not counted again.
 */
function segmentedWordCount(value: string): number {
  // A word never runs over a line break (the segmenter always breaks there), so lines are counted apart, and a line of ASCII
  // marks alone, a heading's underline of a million dashes, holds none and is not given to the segmenter.
  let count = 0;
  for (let start = 0; start <= value.length;) {
    let end = value.indexOf('\n', start);
    if (end === -1) end = value.length;
    if (mayHoldWord(value, start, end)) count += segmentedLineWordCount(value.slice(start, end));
    start = end + 1;
  }
  return count;
}

/**
 * Whether `value` from `start` to `end` has a character that may be part of a word to the segmenter: anything beyond ASCII,
 * or an ASCII letter, digit or `_` (a run of `___` is a word to it). ASCII marks alone (`---`, `* * *`) never are.
 */
function mayHoldWord(value: string, start: number, end: number): boolean {
  for (let i = start; i < end; i++) {
    const code = value.charCodeAt(i);
    if (code >= 0x80 || code === 0x5f || wordClass(code) === 1) return true;
  }
  return false;
}

function segmentedLineWordCount(value: string): number {
  wordSegmenter ??= new Intl.Segmenter(undefined, { granularity: 'word' });
  const n = value.length;
  let count = 0;
  let continuing = false;
  for (let at = 0; at < n;) {
    const end = Math.min(n, at + SEGMENT_WINDOW);
    const settled = end === n ? n : end - SEGMENT_MARGIN;
    let next = end;
    let first = true;
    for (const { index, segment, isWordLike } of wordSegmenter.segment(value.slice(at, end))) {
      const start = at + index;
      if (start > at && (start >= settled || (end < n && start + segment.length === end))) {
        next = start;
        break;
      }
      if (isWordLike && !(first && continuing)) count++;
      first = false;
    }
    continuing = next === end && end < n;
    at = next;
  }
  return count;
}

/** The length of the longest run of `char` in `text`, in one pass (a spread of every run's length overflows the stack on long code). */
export function longestRun(text: string, char: string): number {
  let longest = 0;
  let run = 0;
  for (let i = 0; i < text.length; i++) {
    if (text[i] === char) longest = Math.max(longest, ++run);
    else run = 0;
  }
  return longest;
}

/**
 * `text` split at each `separator`, the blanks (spaces, tabs) on either side
 * of each taken away, and joined again with `joiner`, in one pass: a
 * pattern that looks for blanks before a separator tries every run of
 * blanks to its end, and a long one took a minute.
 */
export function rejoined(text: string, separator: string, joiner: string): string {
  const isBlank = (c: number) => c === 32 || c === 9;
  let out = '';
  let from = 0;
  for (let at = text.indexOf(separator); ; at = text.indexOf(separator, from)) {
    const last = at === -1;
    let to = last ? text.length : at;
    if (!last) while (to > from && isBlank(text.charCodeAt(to - 1))) to--;
    out += text.slice(from, to);
    if (last) return out;
    out += joiner;
    from = at + separator.length;
    while (from < text.length && isBlank(text.charCodeAt(from))) from++;
  }
}

/** How many line breaks `text` has from offset `start` up to offset `end`. */
export function lineBreaksIn(text: string, start = 0, end = text.length): number {
  let count = 0;
  for (let i = text.indexOf('\n', start); i !== -1 && i < end; i = text.indexOf('\n', i + 1)) count++;
  return count;
}

/**
 * `text` with each run of white space that holds a line break made one
 * space, as a pattern of white space, a line break and white space
 * (`\s*\n\s*`) replaced by a space makes it: that pattern tries every run
 * of white space to its end, and a table cell with a run of 100,000 spaces
 * took 16 s to lay out as plain text.
 */
export function lineBreaksAsSpaces(text: string): string {
  return text.includes('\n') ? text.replace(/\s+/g, (blanks) => (blanks.includes('\n') ? ' ' : blanks)) : text;
}

/**
 * A 53-bit digest of the words of `text` (blanks and line breaks between
 * them do not count), as 14 hex digits: two texts with the same digest say
 * the same, but for a chance far below any archive's size. Not for security.
 */
export function textDigest(text: string): string {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  let blank = true;
  const add = (code: number) => {
    h1 = Math.imul(h1 ^ code, 2654435761);
    h2 = Math.imul(h2 ^ code, 1597334677);
  };
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    const isBlank = code === 32 || code === 9 || code === 10 || code === 13;
    if (isBlank) {
      blank = true;
      continue;
    }
    if (blank) add(32);
    blank = false;
    add(code);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return (4294967296 * (2097151 & h2) + (h1 >>> 0)).toString(16).padStart(14, '0');
}

/*
 * Trimming in one pass. A pattern such as `/[ \t]+$/` tries every run of
 * blanks inside a value, each to its end, before it finds the one at the
 * end: time growing with the square of a long run's length, which a file
 * with a line of a hundred thousand spaces turns into minutes.
 */

const isBlankCode = (code: number) => code === 32 || code === 9;

/** For `trimWhere`: a `/`. */
export const isSlash = (code: number) => code === 47;

/** `value` without the characters `trimmed` accepts at its end (and, with `start`, at its start). */
export function trimWhere(value: string, trimmed: (code: number) => boolean, start = false): string {
  let end = value.length;
  while (end > 0 && trimmed(value.charCodeAt(end - 1))) end--;
  let from = 0;
  if (start) while (from < end && trimmed(value.charCodeAt(from))) from++;
  return from === 0 && end === value.length ? value : value.slice(from, end);
}

/** `value` without the spaces and tabs at its end. */
export function trimEndBlanks(value: string): string {
  return trimWhere(value, isBlankCode);
}

/** `text` without the spaces and tabs at the end of each line (before each line break, of any kind, and at its end). */
export function trimLineEnds(text: string): string {
  let out = '';
  let from = 0;
  for (let i = 0; i <= text.length; i++) {
    const code = i < text.length ? text.charCodeAt(i) : -1;
    if (code !== -1 && code !== 10 && code !== 13 && code !== 0x2028 && code !== 0x2029) continue;
    let end = i;
    while (end > from && isBlankCode(text.charCodeAt(end - 1))) end--;
    // Only the lines that end in blanks are cut out: most text has none, and is given back as it is.
    if (end !== i) {
      out += text.slice(from, end);
      from = i;
    }
  }
  return from === 0 ? text : out + text.slice(from);
}
