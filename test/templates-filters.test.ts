import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { jsonForScript, shorten } from '../src/core/templates.js';
import { escapeHtml } from '../src/core/text.js';

/** Properties of the pieces templates rely on for safety and layout, over many generated inputs. */

describe('jsonForScript', () => {
  it('round-trips any JSON value and leaves no character that could end a script, open a tag or close an attribute', () => {
    fc.assert(fc.property(fc.jsonValue(), (value) => {
      const encoded = jsonForScript(value);
      expect(JSON.parse(encoded)).toEqual(JSON.parse(JSON.stringify(value) ?? 'null'));
      expect(encoded).not.toMatch(/[<>&'\u2028\u2029]/);
    }), { numRuns: 500 });
  });

  it('keeps quotes only as the JSON\'s own delimiters, whatever a string holds', () => {
    fc.assert(fc.property(fc.string({ unit: fc.constantFrom('"', '\\', 'a', '<', '/', "'", ' ') }), (text) => {
      const encoded = jsonForScript({ text });
      expect(encoded.match(/"/g)).toHaveLength(4);
      expect(JSON.parse(encoded)).toEqual({ text });
    }), { numRuns: 500 });
  });
});

describe('escapeHtml', () => {
  const REFERENCES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

  it('writes each of & < > " \' as its reference and every other character as itself, wherever they stand', () => {
    fc.assert(fc.property(fc.string({ unit: fc.constantFrom('&', '<', '>', '"', "'", 'a', 'ə', ' ', ';', '#', '😀') }), (text) => {
      expect(escapeHtml(text)).toBe([...text].map((c) => REFERENCES[c] ?? c).join(''));
    }), { numRuns: 500 });
  });

  it('gives back text with none of them unchanged', () => {
    const text = 'Residence permits — 24 500 issued; İcazə';
    expect(escapeHtml(text)).toBe(text);
  });
});

describe('shorten', () => {
  it('never exceeds the length, keeps short text whole, and cuts only at the end of a word when it can', () => {
    const word = fc.string({ unit: fc.constantFrom('a', 'ə', 'ж', 'İ', '-', ','), minLength: 1, maxLength: 12 });
    fc.assert(fc.property(fc.array(word, { minLength: 1, maxLength: 20 }), fc.integer({ min: 8, max: 80 }), (words, length) => {
      const text = words.join(' ');
      const short = shorten(text, length);
      expect([...short].length).toBeLessThanOrEqual(length);
      if ([...text].length <= length) expect(short).toBe(text);
      else {
        expect(short.endsWith('…')).toBe(true);
        expect(text.startsWith(short.slice(0, -1))).toBe(true);
      }
    }), { numRuns: 500 });
  });
});
