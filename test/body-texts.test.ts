import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { lexBody, renderBodyText, renderBodyTexts, type BodyTokens } from '../src/core/markdown.js';

/**
 * `renderBodyTexts` lays out the wrapped body once for the two texts a
 * release view holds (with and without the dateline); each must be exactly
 * what `renderBodyText` makes on its own, whatever the body starts or ends with.
 */

const LEAD = 'BAKU, 12 June 2026 —';

const BODIES: Record<string, string> = {
  'paragraphs and blocks': 'The State Migration Service issued 1,204 residence permits in May, a rise on April, and extended its online services to every region.\n\n## Key points\n\n- work permits: 310\n- citizenship: 12\n\n> "We keep improving," said the spokesperson.\n\nA last paragraph.\n',
  'a heading first': '# Figures\n\nThe first paragraph comes after a heading.\n',
  'a list first': '- one\n- two\n\nThen a paragraph.\n',
  'a code block first': '    indented code\n    kept as written\n\nThen text.\n',
  'one paragraph only': 'Just one paragraph, long enough to wrap across more than a single line of seventy-two columns of plain text.',
  'an empty body': '',
  'blank lines only': '\n\n\n',
  'a reference definition first': '[guide]: https://migration.example.az/guide\n\nSee the [guide].\n',
  'hard line breaks': 'First line  \nsecond line\\\nthird line\n\nNext.\n',
  'footnotes': 'A claim.[^1]\n\nMore text.\n\n[^1]: The source of the claim.\n',
  'a table after the opening': 'Opening.\n\n| Permit | Count |\n| --- | ---: |\n| Work | 310 |\n| Residence | 1204 |\n',
  'a long word': `${'x'.repeat(90)} then words that wrap after it onto the next line of the text.\n\nEnd.`,
};

function lexed(markdown: string): BodyTokens {
  const result = lexBody(markdown);
  if (!result.ok) throw new Error(result.message);
  return result.body;
}

describe('renderBodyTexts', () => {
  for (const [name, markdown] of Object.entries(BODIES)) {
    it(`gives what renderBodyText gives for ${name}`, () => {
      const options = { footnotesHeading: 'Notes' };
      const both = renderBodyTexts(lexed(markdown), 72, LEAD, options);
      expect(both.text).toBe(renderBodyText(lexed(markdown), 72, undefined, options));
      expect(both.withLead).toBe(renderBodyText(lexed(markdown), 72, LEAD, options));
    });
  }

  it('opens the first paragraph with the lead, and the other text without it', () => {
    const both = renderBodyTexts(lexed(BODIES['paragraphs and blocks']!), 72, LEAD);
    expect(both.withLead.startsWith(`${LEAD} The State Migration Service`)).toBe(true);
    expect(both.text.startsWith('The State Migration Service')).toBe(true);
    expect(both.text.endsWith('A last paragraph.')).toBe(true);
  });
});

describe('bodies without footnotes', () => {
  const PIECES = ['*', '**', '_', '~~', '`', '```\n', '[', ']', '(', ')', '<b>', '</b>', '&amp;', '# ', '\n', '\n\n', '- ', '1. ', '> ', '| a | b |\n| --- | --- |\n', '[r]: https://x.az/\n', '[r]', '^', '[', 'https://x.az/', 'text', 'ə', ' ', '    ', '![i](p.png)', '<!-- c -->', '\\', '   \n', '\t', '===\n', '---\n', '<div>\n', '</div>\n', '    code\n', '[^', '[x]', ']:', '- [ ] ', '~~~\n'];
  it('are read into the same tokens with or without the footnote extension', () => {
    fc.assert(fc.property(fc.array(fc.constantFrom(...PIECES), { maxLength: 60 }).map((p) => p.join('')), (markdown) => {
      fc.pre(!markdown.includes('[^'));
      const plain = lexBody(markdown);
      const withExtension = lexBody(markdown, true);
      expect(JSON.stringify(plain)).toBe(JSON.stringify(withExtension));
    }), { numRuns: 300 });
  });

  it('use the footnote extension once a footnote is written', () => {
    const body = lexed('A claim.[^1]\n\n[^1]: The source.\n');
    expect(JSON.stringify(body.tokens)).toContain('"type":"footnoteRef"');
  });
});
