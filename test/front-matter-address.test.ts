import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkText } from '../src/app/check.js';
import { frontMatterAddress } from '../src/core/address.js';
import { DEFAULT_CONFIG } from '../src/io/config.js';
import { readFrontMatterSync } from '../src/io/read.js';
import { useProjects } from './helpers/cli.js';

const project = useProjects();

/** Front matters whose id, language and slug a line-by-line reading could get wrong: each must be what `validate` gives. */
const CASES: Record<string, string> = {
  plain: '---\ntitle: Annual report\ndate: 2026-01-15\nlang: en\n---\nText.\n',
  'a title that goes on on the next line': '---\ntitle: Annual\n  report for 2026\ndate: 2026-01-15\nlang: en\n---\nText.\n',
  'a folded title': '---\ntitle: >-\n  Annual report\ndate: 2026-01-15\nlang: en\n---\nText.\n',
  'an escape in a quoted title': '---\ntitle: "Annual \\u0072eport"\ndate: 2026-01-15\nlang: en\n---\nText.\n',
  'a comment after the slug': '---\ntitle: Annual report\nslug: yearly # since 2020\ndate: 2026-01-15\nlang: en\n---\nText.\n',
  'a quotation over two lines before the title': '---\nsummary: "Two\n  lines"\ntitle: Annual report\ndate: 2026-01-15\nlang: en\n---\nText.\n',
  'a list at the margin': '---\ntitle: Annual report\ntags:\n- statistics\ndate: 2026-01-15\nlang: en\n---\nText.\n',
  'CRLF and a byte-order mark': '\uFEFF---\r\ntitle: Annual report\r\nid: yearly\r\ndate: 2026-01-15\r\nlang: en\r\n---\r\nText.\r\n',
  'an id of digits, which YAML reads as a number': '---\ntitle: Annual report\nid: 2026\ndate: 2026-01-15\nlang: en\n---\nText.\n',
  'a title given twice': '---\ntitle: Annual report\ntitle: Other\ndate: 2026-01-15\nlang: en\n---\nText.\n',
  'another language': '---\ntitle: Annual report\ndate: 2026-01-15\nlang: az\n---\nText.\n',
};

describe('frontMatterAddress', () => {
  for (const [name, text] of Object.entries(CASES)) {
    it(`gives the address validate gives: ${name}`, () => {
      const checked = checkText(text, 'releases/annual.md', { config: DEFAULT_CONFIG, now: Date.parse('2026-01-01') });
      const release = checked.release;
      const expected = release?.lang === 'en' ? { id: release.id, lang: release.lang, slug: release.slug } : undefined;
      expect(frontMatterAddress(text, 'releases/annual.md', 'en')).toEqual(expected);
    });
  }
});

describe('readFrontMatterSync', () => {
  it('reads past its first few kilobytes to a long front matter\'s end, and no further', async () => {
    const dir = await project({});
    const text = `---\nsummary: ${'word '.repeat(5000)}\ntitle: Annual report\nlang: en\n---\n${'Body text. '.repeat(100000)}\n`;
    await writeFile(join(dir, 'long.md'), text);
    const read = readFrontMatterSync(join(dir, 'long.md'), 'long.md', 4 * 1024 * 1024);
    expect(read).toEqual({ ok: true, text: text.slice(0, text.indexOf('\n---\n') + 4), size: text.indexOf('\n---\n') + 4 });
  });
});
