import { localeFor, type Language } from './locale/index.js';

/**
 * Headlines cut short for `<title>`, listings and the `shorten` filter: at a
 * word boundary, never leaving a conjunction, preposition or article at the
 * end ("… combating human trafficking and…"), with an ellipsis when cut.
 */
/** What follows a number's digits when the number goes on: a group separator and three digits. */
const NEXT_DIGIT_GROUP = /^[ \u00A0\u2009\u202F,.]\d{3}(?!\d)/;

export function shortenTitle(value: string, length: number, lang?: Language): string {
  const text = value.trim();
  const chars = [...text];
  if (chars.length <= length) return text;
  // One place is kept for the ellipsis.
  const cut = chars.slice(0, length - 1).join('');
  const nextIsBreak = /[\s\p{P}]/u.test(chars[length - 1]!);
  const lastSpace = cut.search(/\s\S*$/);
  // Cut inside a word: go back to the last space, unless that loses more than half.
  let head = nextIsBreak || lastSpace <= length / 2 ? cut : cut.slice(0, lastSpace);
  const stop = localeFor(lang ?? 'en').stopWords;
  for (;;) {
    head = head.replace(/[\s,;:.\u2013\u2014-]+$/u, '');
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
  return `${head}…`;
}
