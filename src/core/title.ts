import { localeFor, type Language } from './locale/index.js';
import { headlineLength, headlineRoom, segmenterFor } from './text.js';

/**
 * Headlines cut short for `<title>`, listings and the `shorten` filter: at a
 * word boundary, never leaving a conjunction, preposition or article at the
 * end ("… combating human trafficking and…"), with an ellipsis when cut.
 */
/** What follows a number's digits when the number goes on: a group separator and three digits. */
const NEXT_DIGIT_GROUP = /^[ \u00A0\u2009\u202F,.]\d{3}(?!\d)/;

export function shortenTitle(value: string, length: number, lang?: Language): string {
  const text = value.trim();
  if (headlineLength(text) <= length) return text;
  // One place is kept for the ellipsis; a wide character (Chinese, Japanese, Korean) takes two, as in `headlineLength`.
  const end = graphemeStart(text, roomFor(text, length - 1));
  const cut = text.slice(0, end);
  const nextIsBreak = /[\s\p{P}]/u.test(String.fromCodePoint(text.codePointAt(end)!));
  const lastSpace = cut.search(/\s\S*$/);
  // Cut inside a word: go back to the last space, unless that loses more than half; text without spaces (Chinese,
  // Japanese) goes back to where its language's words part.
  let head = nextIsBreak ? cut : lastSpace > length / 2 ? cut.slice(0, lastSpace) : lastSpace === -1 ? cut.slice(0, wordStart(text, end, lang)) : cut;
  const stop = localeFor(lang ?? 'en').stopWords;
  for (;;) {
    // An isolate's opening character with nothing after it in the head goes with the spaces before it.
    head = head.replace(/[\s,;:.\u2013\u2014\u2066-\u2068-]+$/u, '');
    // A number is never cut between its digit groups (12 500, 12,500): the whole number goes.
    if (/\d$/.test(head) && NEXT_DIGIT_GROUP.test(text.slice(head.length))) {
      head = head.replace(/(?:\d+[ \u00A0\u2009\u202F,.])*\d+$/, '');
      continue;
    }
    const at = head.search(/\s\S+$/);
    if (at <= length / 2) break;
    const word = head.slice(at + 1).toLocaleLowerCase(lang ?? 'en').replace(/^\p{P}+|\p{P}+$/gu, '');
    if (!stop.has(word)) break;
    head = head.slice(0, at);
  }
  return `${head}…${isolatesClosing(head)}`;
}

/**
 * A PDI (U+2069) for each bidirectional isolate `head` leaves open: a headline cut inside a Latin name
 * that a Persian or Arabic title embeds in an isolate (`گزارش \u2066State Migration…`) would otherwise leave it open over
 * the ellipsis and all that follows (a `<title>`'s ` — Site name`), which then shows in the embedded direction.
 */
function isolatesClosing(head: string): string {
  let open = 0;
  for (let i = 0; i < head.length; i++) {
    const code = head.charCodeAt(i);
    if (code >= 0x2066 && code <= 0x2068) open++;
    else if (code === 0x2069 && open > 0) open--;
  }
  return '\u2069'.repeat(open);
}

/** How many code units of `text` fit in `room`, a wide character taking two (see `headlineLength`). */
function roomFor(text: string, room: number): number {
  let used = 0;
  let end = 0;
  while (end < text.length) {
    const code = text.codePointAt(end)!;
    const next = code > 0xffff ? 2 : 1;
    const width = headlineRoom(code);
    if (used + width > room) break;
    used += width;
    end += next;
  }
  return end;
}

/**
 * `end`, or where the character it falls inside starts, as a reader sees one
 * (a letter and its combining marks, `é` written `e` and U+0301, a Hindi
 * consonant and its virama, an emoji with its modifiers): a cut never leaves
 * half of one. Only the characters around `end` are looked at.
 */
function graphemeStart(text: string, end: number): number {
  if (end >= text.length || typeof Intl.Segmenter !== 'function') return end;
  // Made when a title is first cut, not when the module loads: most runs cut none.
  graphemes ??= new Intl.Segmenter(undefined, { granularity: 'grapheme' });
  const from = Math.max(0, end - 32);
  const start = graphemes.segment(text.slice(from, end + 32)).containing(end - from)?.index;
  return start === undefined ? end : from + start;
}

let graphemes: Intl.Segmenter | undefined;

/**
 * Where the word that `end` falls in starts, in a text whose words no space
 * parts, as its language's word breaks find it (Intl.Segmenter); `end` itself
 * when it starts a word, when going back would lose more than half, or when
 * the runtime cannot say.
 */
function wordStart(text: string, end: number, lang?: Language): number {
  const segmenter = segmenterFor(lang);
  if (segmenter === undefined) return end;
  // Only the words around the cut are looked at: a headline is short, but the filter takes any text.
  const start = segmenter.segment(text.slice(0, Math.min(text.length, end + 64))).containing(end)?.index ?? end;
  return start > end / 2 ? start : end;
}
