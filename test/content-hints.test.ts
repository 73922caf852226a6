import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { fixInvisible } from '../src/core/invisible.js';
import { withoutInlineMarkdown } from '../src/core/validate.js';
import { NOW, fixture, release, removeFixture, runMain } from './helpers/cli.js';

/** Text pasted from word processors and other tools: invisible characters, template syntax, Markdown in plain fields. */

let dirs: string[] = [];
afterEach(async () => {
  await Promise.all(dirs.map(removeFixture));
  dirs = [];
});

async function project(files: Record<string, string>): Promise<string> {
  const dir = await fixture(files);
  dirs.push(dir);
  return dir;
}

interface Report { diagnostics: { file: string; line: number; column: number; ruleId: string; message: string }[] }

async function validate(dir: string, args: string[] = []): Promise<{ code: number; stdout: string; stderr: string; report: Report }> {
  const result = await runMain(['validate', '.', '--reporter', 'json', '--now', NOW, ...args], { cwd: dir });
  return { ...result, code: result.code ?? -1, report: JSON.parse(result.stdout) as Report };
}

// Pasted from a word processor: a zero-width space, a soft hyphen, a line separator, a stray byte-order mark
// inside the text, and a no-break space indenting a YAML list item.
const PASTED = [
  '---',
  'title: Service opens a centre\u200B in Ganja',
  'date: 2026-05-14',
  'lang: en',
  'status: published',
  'tags:',
  '\u00A0 - residence',
  '---',
  'The centre is open to every\u00ADone.\u2028It opens at nine.',
  '',
  'Applications\uFEFF are taken from Monday.',
  '',
].join('\r\n');

describe('invisible characters', () => {
  it('are warnings naming each character at its exact place, shown visibly in the code frame', async () => {
    const dir = await project({ 'r.md': PASTED });
    const result = await validate(dir);
    const found = result.report.diagnostics.filter((d) => d.ruleId === 'content/invisible-character');
    expect(found.map((d) => [d.line, d.column, /contains (.*?), which/.exec(d.message)?.[1]])).toEqual([
      [2, 30, 'a zero-width space (U+200B)'],
      [7, 1, 'a no-break space (U+00A0) in the YAML indentation'],
      [9, 28, 'a soft hyphen (U+00AD)'],
      [9, 33, 'a line separator (U+2028)'],
      [11, 13, 'a byte-order mark (U+FEFF) inside the text'],
    ]);
    const stylish = await runMain(['validate', '.', '--now', NOW], { cwd: dir });
    expect(stylish.stdout).toContain('  2 | title: Service opens a centre· in Ganja');
  });

  it('are removed by validate --fix, atomically and only with the flag, keeping line endings', async () => {
    const dir = await project({ 'r.md': PASTED });
    await validate(dir);
    expect(await readFile(join(dir, 'r.md'), 'utf8')).toBe(PASTED);
    const fixed = await validate(dir, ['--fix']);
    expect(fixed.stderr).toContain('Removed or replaced 5 invisible characters in 1 file: r.md.');
    expect(fixed.report.diagnostics.filter((d) => d.ruleId === 'content/invisible-character')).toEqual([]);
    expect(await readFile(join(dir, 'r.md'), 'utf8')).toBe([
      '---', 'title: Service opens a centre in Ganja', 'date: 2026-05-14', 'lang: en', 'status: published', 'tags:', '  - residence', '---',
      'The centre is open to everyone.\r\nIt opens at nine.', '', 'Applications are taken from Monday.', '',
    ].join('\r\n'));
    // No temporary file is left beside it.
    expect(await readdir(dir)).toEqual(['r.md']);
    const stdin = await runMain(['validate', '-', '--fix'], { cwd: dir, input: PASTED });
    expect(stdin.code).toBe(2);
  });

  it('keeps a leading byte-order mark and leaves clean files untouched', () => {
    expect(fixInvisible('\uFEFF---\ntitle: x\u200B\n---\nBody\n')).toEqual({ text: '\uFEFF---\ntitle: x\n---\nBody\n', fixed: 1 });
    expect(fixInvisible('---\ntitle: x\n---\nBody with a no-break\u00A0space.\n')).toEqual({ text: '---\ntitle: x\n---\nBody with a no-break\u00A0space.\n', fixed: 0 });
  });
});

describe('template syntax from other tools', () => {
  it('warns at each Liquid tag, expression and Hugo shortcode outside code', async () => {
    const dir = await project({
      'r.md': release({}, [
        'Text {{< figure src="a.jpg" >}} and {{% note %}}.',
        '',
        '{% raw %}kept{% endraw %} and `{{ in.code }}`.',
        '',
        '    {% in indented code %}',
        '',
      ].join('\n')),
    });
    const result = await validate(dir);
    expect(result.code).toBe(0);
    expect(result.report.diagnostics.map((d) => [d.ruleId, d.line, d.column])).toEqual([
      ['content/template-syntax', 7, 6],
      ['content/template-syntax', 7, 37],
      ['content/template-syntax', 9, 1],
      ['content/template-syntax', 9, 14],
    ]);
    expect(result.report.diagnostics[0]!.message).toContain('a Hugo shortcode');
  });
});

describe('Markdown typed into plain fields', () => {
  it('is a warning with the plain text to write instead; snake_case and arithmetic are left alone', async () => {
    expect(withoutInlineMarkdown('**Ganja**: a _new_ centre, see [the rules](https://example.az/a_(b))')).toBe('Ganja: a new centre, see the rules');
    expect(withoutInlineMarkdown('Form snake_case_name and 5*3*2, 5 * 3')).toBe('Form snake_case_name and 5*3*2, 5 * 3');
    const dir = await project({ 'r.md': release({ subtitle: 'A `new` centre', summary: '__Everyone__ may apply.' }) });
    const result = await validate(dir);
    expect(result.report.diagnostics.map((d) => [d.ruleId, d.line])).toEqual([['content/inline-markdown', 6], ['content/inline-markdown', 7]]);
  });
});
