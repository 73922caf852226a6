import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { displayWidth, wrapText } from '../src/core/text.js';

/**
 * The definitions, written the obvious way: a Unicode test per code point.
 * The shipped functions take shortcuts (no regular expression for text
 * without marks, widths computed once per word, lines cut out of the
 * paragraph without splitting it into words); they must agree with these.
 */
function referenceWidth(value: string): number {
  let width = 0;
  for (const ch of value) if (!/\p{M}/u.test(ch)) width++;
  return width;
}

function referenceWrap(value: string, width: number, indent = '', firstIndent = indent): string[] {
  const lines: string[] = [];
  const fit = (word: string, room: number): string[] => {
    // A word is never cut: a URL, an address or a checksum longer than the room stands on a line of its own.
    void room;
    return [word];
  };
  for (const paragraph of value.split('\n')) {
    const room = width - Math.max(referenceWidth(indent), referenceWidth(firstIndent));
    // A number's spaced groups ("2 500") are one word, up to 16 characters before the space that would join another.
    const words: string[] = [];
    for (const m of paragraph.matchAll(/[^ \t]+/g)) {
      const last = words.length - 1;
      const joined = last >= 0 && paragraph[m.index - 1] === ' ' && /[^ \t]/.test(paragraph[m.index - 2] ?? ' ') && /[0-9]$/.test(words[last]!) && words[last]!.length < 16 && /^[0-9]{3}(?![0-9])/.test(m[0]);
      if (joined) words[last] += ` ${m[0]}`;
      else words.push(...fit(m[0], room));
    }
    let line = '';
    let lineWidth = 0;
    let prefix = lines.length === 0 ? firstIndent : indent;
    for (const word of words) {
      const w = referenceWidth(word);
      if (line === '') {
        line = word;
        lineWidth = w;
      } else if (referenceWidth(prefix) + lineWidth + 1 + w <= width) {
        line += ` ${word}`;
        lineWidth += 1 + w;
      } else {
        lines.push(prefix + line);
        prefix = indent;
        line = word;
        lineWidth = w;
      }
    }
    lines.push(prefix + line);
  }
  return lines.map((l) => l.trimEnd());
}

/** Letters from the scripts releases are written in, marks (also astral ones), surrogates alone and in pairs, URLs and blanks. */
const PIECES = ['2', '500', '4 000', ' 123', '1234', 'a', 'Z', 'ə', 'ş', 'ğ', 'İ', 'ж', 'Щ', 'ё', 'e\u0301', '\u0301', '\u0483', '\u0489', '\u0591', '\u20d0', '\u{1d165}', '\u{1f600}', '\ud800', '\udc00', '—', '«', '»', '’', ' ', ' ', '  ', '\t', '\n', 'https://migration.example.az/guidance/', 'www.', '@', 'x'.repeat(30), 'Вид на жительство', 'ü', '\u0300', '\u036f', '\u0370', '\u0482', '\u048a', '\u2000', '\u20cf'];
const text = fc.array(fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...PIECES) }, { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 6 }) }), { maxLength: 60 }).map((parts) => parts.join(''));

describe('displayWidth', () => {
  it('counts code points and gives combining marks no width', () => {
    expect(displayWidth('')).toBe(0);
    expect(displayWidth('plain ASCII')).toBe(11);
    expect(displayWidth('Вид на жительство')).toBe(17);
    expect(displayWidth('e\u0301te\u0301')).toBe(3);
    expect(displayWidth('\u{1f600}')).toBe(1);
    expect(displayWidth('\u{1d165}a\u{1d165}')).toBe(1);
    expect(displayWidth('\udc00\ud800')).toBe(2);
    expect(displayWidth('\u0418\u0306')).toBe(1);
  });

  it('agrees with the definition on any text', () => {
    fc.assert(fc.property(text, (value) => displayWidth(value) === referenceWidth(value)), { numRuns: 3000 });
  });
});

describe('wrapText', () => {
  it('keeps a number\'s spaced digit groups together, but not a long run of numbers', () => {
    expect(wrapText('Штраф составит от 2 500 до 4 000 долларов и 12 345 678 901 манатов', 20)).toEqual(['Штраф составит от', '2 500 до 4 000', 'долларов и', '12 345 678 901', 'манатов']);
    for (const line of wrapText(`Codes ${'100 200 300 400 500 600 700 800 900 '.repeat(4)}end`, 40)) expect(line.length).toBeLessThanOrEqual(40);
  });

  it('agrees with the definition on any text, width and indents', () => {
    fc.assert(fc.property(text, fc.integer({ min: 0, max: 40 }), fc.constantFrom('', '  ', '> ', '\u0301 '), fc.constantFrom('', '- ', '1. ', '    '), (value, width, indent, firstIndent) => {
      expect(wrapText(value, width, indent, firstIndent)).toEqual(referenceWrap(value, width, indent, firstIndent));
    }), { numRuns: 3000 });
  });

  it('keeps URLs and other over-long words whole, each on a line of its own', () => {
    expect(wrapText('see https://migration.example.az/a/very/long/path for more', 20)).toEqual(['see', 'https://migration.example.az/a/very/long/path', 'for more']);
    expect(wrapText('sum abcdefghijkl ok', 5)).toEqual(['sum', 'abcdefghijkl', 'ok']);
    expect(wrapText('one two three', 9, '  ', '- ')).toEqual(['- one two', '  three']);
  });
});
