/** Small text helpers shared by the renderers and the reporters. */
import { UNSAFE_CHARACTER_RANGES } from './characters.js';

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c]!);
}

const MARKS = /\p{M}/gu;

/**
 * Whether a UTF-16 code unit lies in a range that holds no combining mark:
 * Latin, Greek, Cyrillic and Armenian letters and general punctuation, which
 * is nearly all the text this tool wraps.
 */
function markFree(code: number): boolean {
  return code < 0x300 || (code >= 0x370 && code < 0x483) || (code >= 0x48a && code < 0x591) || (code >= 0x2000 && code < 0x20d0);
}

/** Width in terminal columns, counting code points (combining marks count zero). */
export function displayWidth(value: string): number {
  // Code points: every code unit but the low half of a surrogate pair. One regular expression pass, only when a mark may be present.
  let width = 0;
  let mayHaveMarks = false;
  for (let i = 0; i < value.length; i++) {
    const code = value.charCodeAt(i);
    if (code >= 0xdc00 && code <= 0xdfff && i > 0) {
      const before = value.charCodeAt(i - 1);
      if (before >= 0xd800 && before <= 0xdbff) {
        mayHaveMarks = true;
        continue;
      }
    }
    width++;
    if (!markFree(code)) mayHaveMarks = true;
  }
  if (!mayHaveMarks) return width;
  MARKS.lastIndex = 0;
  while (MARKS.exec(value) !== null) width--;
  return width;
}

const BLANKS = /[ \t]+/;
/** Blanks that keep a paragraph from being its own words joined by one space: one at either end, a tab, or two spaces. */
const UNEVEN_BLANKS = /^[ \t]|[ \t]$|\t| {2}/;

const isDigitCode = (code: number) => code >= 48 && code <= 57;
/** Longest run of spaced digit groups kept as one word, in characters. */
const MAX_GROUPED = 16;

/** Whether three digits, and no fourth, start at `at`: the next group of a number written with spaces ("2 500", "23 000"). */
function digitGroupAt(text: string, at: number): boolean {
  return isDigitCode(text.charCodeAt(at)) && isDigitCode(text.charCodeAt(at + 1)) && isDigitCode(text.charCodeAt(at + 2)) && !isDigitCode(text.charCodeAt(at + 3));
}

/**
 * Greedy word wrap at `width` columns. A word is never broken: a URL, an
 * address or a checksum longer than a line stands on a line of its own, since
 * a piece of one is useless and a reader copying it would copy it wrong. A
 * number whose digit groups are spaced ("4 000", as Azerbaijani and Russian
 * write it) is one word.
 */
export function wrapText(value: string, width: number, indent = '', firstIndent = indent): string[] {
  const lines: string[] = [];
  const indentWidth = displayWidth(indent);
  const firstIndentWidth = displayWidth(firstIndent);
  // A word is never wider than its length: a paragraph no longer than the room left fits on its line as it is.
  const room = width - Math.max(indentWidth, firstIndentWidth);
  for (const paragraph of value.split('\n')) {
    let first = lines.length === 0;
    if (paragraph.length <= room) {
      const words = UNEVEN_BLANKS.test(paragraph) ? paragraph.split(BLANKS).filter((word) => word !== '').join(' ') : paragraph;
      lines.push((first ? firstIndent : indent) + words);
      continue;
    }
    // One pass over the paragraph, word by word. A line is a slice of the paragraph while its words are one space apart, else built.
    let start = -1;
    let end = 0;
    let built: string | undefined;
    let lineWidth = 0;
    const n = paragraph.length;
    let i = 0;
    while (i < n) {
      let code = paragraph.charCodeAt(i);
      while (code === 32 || code === 9) code = paragraph.charCodeAt(++i);
      if (i >= n) break;
      const wordStart = i;
      let w = 0;
      let marks = false;
      // A number's groups stay together up to the length of the largest amounts (12 345 678 901); a longer run is a list of numbers.
      while (i < n && ((code !== 32 && code !== 9) || (code === 32 && i > wordStart && i - wordStart < MAX_GROUPED && isDigitCode(paragraph.charCodeAt(i - 1)) && digitGroupAt(paragraph, i + 1)))) {
        w++;
        if (!markFree(code)) marks = true;
        code = paragraph.charCodeAt(++i);
      }
      // Marks, or surrogates: the width as displayWidth counts it.
      if (marks) w = displayWidth(paragraph.slice(wordStart, i));
      if (start === -1) {
        start = wordStart;
        lineWidth = w;
      } else if ((first ? firstIndentWidth : indentWidth) + lineWidth + 1 + w <= width) {
        if (built === undefined && (wordStart - end !== 1 || paragraph.charCodeAt(end) !== 32)) built = paragraph.slice(start, end);
        if (built !== undefined) built += ` ${paragraph.slice(wordStart, i)}`;
        lineWidth += 1 + w;
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

/** A value quoted for a message: escaped, and cut short if long. */
export function quote(value: unknown, max = 60): string {
  const json = typeof value === 'string' ? JSON.stringify(value) : JSON.stringify(value) ?? String(value);
  const safe = printable(json);
  return safe.length > max ? `${safe.slice(0, max - 2)}…"` : safe;
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
  let count = 0;
  let inWord = false;
  for (let i = 0; i < value.length; i++) {
    const code = value.charCodeAt(i);
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
