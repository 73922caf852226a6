import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chmod, link, mkdir, readFile, readdir, stat, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fixInvisible } from '../src/core/invisible.js';
import { localeFor } from '../src/core/locale/index.js';
import { withoutInlineMarkdown } from '../src/core/validate.js';
import { BIN, NOW, ROOT, release, runMain, useProjects } from './helpers/cli.js';

/** Text pasted from word processors and other tools: invisible characters, template syntax, Markdown in plain fields. */

const project = useProjects();

interface Report { diagnostics: { file: string; line: number; column: number; ruleId: string; message: string }[] }

async function validate(dir: string, args: string[] = []): Promise<{ code: number; stdout: string; stderr: string; report: Report }> {
  const result = await runMain(['validate', '.', '--reporter', 'json', '--now', NOW, ...args], { cwd: dir });
  return { ...result, code: result.code ?? -1, report: JSON.parse(result.stdout) as Report };
}

/**
 * Validates a draft of `body`: the no-break spaces after list markers are told at `told` (line, column), and `validate --fix`
 * makes ordinary spaces of those in `fixed` (each as written, its first occurrence) and changes nothing else.
 */
async function expectMarkersTold(body: string, told: [number, number][], fixed: readonly string[]): Promise<void> {
  const text = `---\ntitle: Steps\ndate: 2026-05-14\nlang: en\nstatus: draft\n---\n${body}`;
  const dir = await project({ 'r.md': text });
  const found = (await validate(dir)).report.diagnostics.filter((d) => d.ruleId === 'content/invisible-character');
  expect(found.map((d) => [d.line, d.column])).toEqual(told);
  await validate(dir, ['--fix']);
  expect(await readFile(join(dir, 'r.md'), 'utf8')).toBe(fixed.reduce((made, written) => made.replace(written, written.replace(/[\u00A0\u202F\u2007]/, ' ')), text));
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

/** What a hint adds about a value in a word processor's curly quotes. */
const CURLY = ' The curly quotes around it are part of the value, as a word processor types them: YAML quotes with straight ones ("…"), and most values need none.';

/** Each diagnostic's file, rule and hint (null when it has none), in report order. */
const hintsOf = (result: { report: { diagnostics: { file: string; ruleId: string }[] } }) =>
  result.report.diagnostics.map((d) => [d.file, d.ruleId, (d as { hint?: string | null }).hint ?? null]);

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

  it('include a no-break space after a list marker, as webmail pastes a list, which validate --fix makes a space; not in code, nor a dash opening a lone line', async () => {
    const body = [
      'Steps:', '', '1.\u00A0Register on the portal.', '2.\u00A0Fill in the form.', '',
      'Documents:', '-\u00A0passport;', '-\u00A0photo.', '',
      '> 1.\u00A0quoted', '> 2.\u00A0items', '',
      '```', '1.\u00A0code', '-\u00A0code', '```', '',
      // A line of dialogue opened by a dash, as Russian writes it.
      '-\u00A0Мы готовы, — сказал он.', '',
    ].join('\r\n');
    const text = `---\r\ntitle: Steps\r\ndate: 2026-05-14\r\nlang: en\r\nstatus: draft\r\n---\r\n${body}`;
    const dir = await project({ 'r.md': text });
    const found = (await validate(dir)).report.diagnostics.filter((d) => d.ruleId === 'content/invisible-character');
    expect(found.map((d) => [d.line, d.column, /contains (.*?), which/.exec(d.message)?.[1]])).toEqual([
      [9, 3, 'a no-break space (U+00A0) after the list marker `1.`'], [10, 3, 'a no-break space (U+00A0) after the list marker `2.`'],
      [13, 2, 'a no-break space (U+00A0) after the list marker `-`'], [14, 2, 'a no-break space (U+00A0) after the list marker `-`'],
      [16, 5, 'a no-break space (U+00A0) after the list marker `1.`'], [17, 5, 'a no-break space (U+00A0) after the list marker `2.`'],
    ]);
    const stylish = await runMain(['validate', '.', '--now', NOW], { cwd: dir });
    expect(stylish.stdout).toContain('  9 | 1.·Register on the portal.');
    await validate(dir, ['--fix']);
    const fixed = await readFile(join(dir, 'r.md'), 'utf8');
    expect(fixed).toBe(text.replace(/^((?:> )?(?:1\.|2\.|-))\u00A0(?!code|Мы)/gm, '$1 '));
    expect(fixed.split('\r\n')).toHaveLength(text.split('\r\n').length);
    // A second run finds nothing left to change.
    await validate(dir, ['--fix']);
    expect(await readFile(join(dir, 'r.md'), 'utf8')).toBe(fixed);
    expect((await validate(dir)).report.diagnostics.filter((d) => d.ruleId === 'content/invisible-character')).toEqual([]);
  });

  it('after a list marker are all made spaces by one validate --fix, where a run of blanks after a marker shortens a line above', async () => {
    const text = '---\ntitle: Steps\ndate: 2026-05-14\nlang: en\nstatus: draft\n---\nSteps:\n\n1.\u00A0\u00A0 Register.\n2.\u202FPay.\n3.\u00A0Wait.\n';
    const dir = await project({ 'r.md': text });
    await validate(dir, ['--fix']);
    expect(await readFile(join(dir, 'r.md'), 'utf8')).toBe(text.replace('1.\u00A0\u00A0 ', '1. ').replace('2.\u202F', '2. ').replace('3.\u00A0', '3. '));
    expect((await validate(dir)).report.diagnostics.filter((d) => d.ruleId === 'content/invisible-character')).toEqual([]);
  });

  it('after a list marker are left as written in a fenced block opened on a list item\'s line, and found after it', async () => {
    const body = ['Example:', '', '- ```', '  -\u00A0code', '  -\u00A0code', '  ```', '', 'Steps:', '1.\u00A0Register.', ''].join('\n');
    await expectMarkersTold(body, [[15, 3]], ['1.\u00A0']);
  });

  it('after a list marker are left as written in raw HTML, a block of it that a blank line ends or a `<pre>` that goes on past one', async () => {
    const body = [
      '<pre>', '-\u00A0kept', '-\u00A0as typed', '', '-\u00A0in the pre', '</pre>', '',
      '<div class="note">', '-\u00A0a line', '-\u00A0of the note', '</div>', '',
      'Steps:', '1.\u00A0Register.', '2.\u00A0Pay.', '',
    ].join('\n');
    await expectMarkersTold(body, [[20, 3], [21, 3]], ['1.\u00A0', '2.\u00A0']);
  });

  it('after a list marker are left as written in a footnote\'s raw HTML, which a reading without footnotes takes for a link\'s definition and a quote', async () => {
    // `[^2]:` with its text on the next line opens a footnote, whose `</pre>` line starts raw HTML down to the blank line: the page shows
    // `> -\u00A0kept` as it is. Read without footnotes, `[^2]:\n</pre>` is a link's definition and the next line a quote's list item.
    const body = ['Text[^2].', '', '[^2]:', '</pre>', '> -\u00A0kept', '> -\u00A0as typed', '', 'Steps:', '1.\u00A0Register.', ''].join('\n');
    await expectMarkersTold(body, [[15, 3]], ['1.\u00A0']);
  });

  it('after a list marker are left as written in a fenced block that shows a fence in a list item, whose lines are code to its real end', async () => {
    const body = ['How to write it:', '', '```', '- ```', '-\u00A0code', '-\u00A0code', '```', '', 'Steps:', '1.\u00A0Register.', ''].join('\n');
    await expectMarkersTold(body, [[16, 3]], ['1.\u00A0']);
  });

  it('after a list marker are left as written in an indented code block, at the top level, under a heading and in a list item, and found in a nested list', async () => {
    const body = [
      'Example:', '', '    1.\u00A0code', '    2.\u00A0code', '',
      '## Dashes', '    -\u00A0code', '    -\u00A0code', '',
      '1. Step:', '', '       1.\u00A0code', '       2.\u00A0code', '',
      '   Then:', '', '    -\u00A0passport;', '    -\u00A0photo.', '',
      '```', '    1.\u00A0fenced', '```', '',
    ].join('\n');
    await expectMarkersTold(body, [[23, 6], [24, 6]], ['    -\u00A0passport', '    -\u00A0photo']);
  });

  it('after a list marker are left as written in an indented code block under an underlined heading, a break, a quote and an item that opens with code', async () => {
    const code = ['    -\u00A0code', '    -\u00A0code'];
    const body = [
      'Title', '-----', ...code, '',
      'Title', '=====', ...code, '',
      '***', ...code, '',
      '> Quoted:', '>', '>     code', ...code, '',
      '-     code', '      -\u00A0code', '      -\u00A0code', '',
      '1.', '       -\u00A0code', '       -\u00A0code', '',
      '- ## Step', '      -\u00A0code', '      -\u00A0code', '',
      // An item in an item: the code is four columns past the inner one's content, and a line less indented is its text.
      '- - Bring:', '', '      -\u00A0passport', '      -\u00A0photo', '',
    ].join('\n');
    await expectMarkersTold(body, [[41, 8], [42, 8]], ['-\u00A0passport', '-\u00A0photo']);
  });

  it('after a list marker are code in a fenced block until the fence that closes it, not a fence indented four columns into the code, and text once its item or quote ends', async () => {
    const body = [
      '```', 'Example:', '     ```', '-\u00A0code', '-\u00A0code', '```', '',
      '- Step:', '', '  ```', '  code', '      ```', '  -\u00A0code', '  -\u00A0code', '  ```', '',
      // A fence left open in an item or a quote ends with it: what follows is text, and its list is told.
      '- Run:', '  ```', '  run', 'Bring:', '-\u00A0passport', '-\u00A0photo', '',
      '> ```', '> quoted', 'Then:', '-\u00A0form', '-\u00A0fee', '',
    ].join('\n');
    await expectMarkersTold(body, [[27, 2], [28, 2], [33, 2], [34, 2]], ['-\u00A0passport', '-\u00A0photo', '-\u00A0form', '-\u00A0fee']);
  });

  it('after a list marker are left as written in an indented code block right under a table, told under a paragraph with a bar in it, which is no table, and left where they go on that paragraph', async () => {
    const body = [
      '| Step | Fee |', '|------|----:|', '| Form | 5 |', '    -\u00A0code', '    -\u00A0code', '',
      'Fees | in manat', 'Bring:', '  -\u00A0passport', '  -\u00A0photo', '',
      // Indented four columns under a paragraph, a line is neither code nor an item with an ordinary space either: it goes on the paragraph.
      'Fees | in manat', '    -\u00A0goes on', '    -\u00A0the line', '',
    ].join('\n');
    await expectMarkersTold(body, [[15, 4], [16, 4]], ['-\u00A0passport', '-\u00A0photo']);
  });

  it('after a list marker are left as written in code that a quoted fence, a heading or a fence after a list, or a table of one column does not end', async () => {
    const body = [
      // A fence's line with a `>` more than the fence has is a line of the code, not the fence that closes it.
      '```', '> ```', '-\u00A0code', '-\u00A0code', '```', '',
      // A heading or a fence less indented than an item's content ends the list: the code after it is no item's.
      '1. Step:', '# Heading', '    -\u00A0code', '    -\u00A0code', '',
      '1. Step', '```', '2)\u00A0code', '```', '',
      'Fees', '|---|', '    -\u00A0code', '    -\u00A0code', '',
      'Bring:', '-\u00A0passport', '-\u00A0photo', '',
    ].join('\n');
    await expectMarkersTold(body, [[29, 2], [30, 2]], ['-\u00A0passport', '-\u00A0photo']);
  });

  it('after a list marker are told in a list item after a quote, whose dash is no heading\'s underline under the quote\'s text', async () => {
    const text = `---\ntitle: Steps\ndate: 2026-05-14\nlang: en\nstatus: draft\n---\n${['> Bring your papers.', '-', '    -\u00A0passport', '    -\u00A0photo', ''].join('\n')}`;
    const dir = await project({ 'r.md': text });
    const found = (await validate(dir)).report.diagnostics.filter((d) => d.ruleId === 'content/invisible-character');
    expect(found.map((d) => [d.line, d.column])).toEqual([[9, 6], [10, 6]]);
    await validate(dir, ['--fix']);
    expect(await readFile(join(dir, 'r.md'), 'utf8')).toBe(text.replace('-\u00A0passport', '- passport').replace('-\u00A0photo', '- photo'));
  });

  it('after a list marker are told in a quote whose mark a tab follows, and left as written where two tabs make its code', async () => {
    const body = ['>\t-\u00A0passport', '>\t-\u00A0photo', '', '>\t\t-\u00A0code', '>\t\t-\u00A0code', ''].join('\n');
    await expectMarkersTold(body, [[7, 4], [8, 4]], ['-\u00A0passport', '-\u00A0photo']);
  });

  it('after a list marker are left as written in an indented code block under a link\'s definition, and told in a paragraph that holds one', async () => {
    const body = [
      '[guide]: https://example.az/guide', '    -\u00A0code', '    -\u00A0code', '',
      '[form]: https://example.az/form', '"The form"', '    -\u00A0code', '    -\u00A0code', '',
      // An item that opens with code ends at a line less indented than its content: the definition is no line of it.
      '-     code', '[rates]: https://example.az/rates', '    -\u00A0code', '    -\u00A0code', '',
      'Bring:', '[form]: https://example.az/form', '-\u00A0passport', '-\u00A0photo', '',
    ].join('\n');
    await expectMarkersTold(body, [[23, 2], [24, 2]], ['-\u00A0passport', '-\u00A0photo']);
  });

  it('after a list marker are found in time that grows with a line that looks like a table\'s delimiter row and ends in a long run of blanks', async () => {
    const body = ['Fees', `|-${' '.repeat(400_000)}x`, 'Bring:', '-\u00A0passport', '-\u00A0photo', ''].join('\n');
    const dir = await project({ 'r.md': `---\ntitle: Steps\ndate: 2026-05-14\nlang: en\nstatus: draft\n---\n${body}` });
    const started = performance.now();
    const found = (await validate(dir)).report.diagnostics.filter((d) => d.ruleId === 'content/invisible-character');
    expect(performance.now() - started).toBeLessThan(5_000);
    expect(found.map((d) => [d.line, d.column])).toEqual([[10, 2], [11, 2]]);
  }, 60_000);

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

  it('are told to be put right by hand, without naming --fix, in a release read from standard input, named with --stdin-filename or not, where --fix cannot rewrite anything', async () => {
    // Pasted before the front matter, in a key, a title, at the end of a value and in the body; and a no-break space after a colon and in the indentation.
    const files = {
      'r/a.md': '\u200B---\ntitle: Centre\topens\ndate: 2026-05-14\n\uFEFFlang: en\nstatus: published\nlocation: Baku\u00A0\n---\nText\u200B here.\n',
      'r/b.md': '---\ntitle:\u00A0Centre opens\ndate: 2026-05-14\nlang: en\ntags:\n\u00A0 - visa\n---\nBody.\n',
    };
    const dir = await project(files);
    const placed = (result: { stdout: string }) => (JSON.parse(result.stdout) as Report).diagnostics.map((d) => [d.line, d.column, d.ruleId, (d as { hint?: string }).hint]);
    const byHand = {
      'r/a.md': [
        [1, 1, 'content/invisible-character', 'Put the cursor at the very start of the file and press Delete once.'],
        [2, 14, 'content/invisible-character', 'Type a space in its place.'],
        [4, 1, 'schema/required', 'Retype the key.'],
        [4, 1, 'content/invisible-character', 'Delete it.'],
        [4, 1, 'schema/unknown-key', 'The key starts with an invisible character (U+FEFF) that came with pasted text: delete it.'],
        [6, 15, 'content/invisible-character', 'Delete it: YAML keeps it as part of the value, where it drops an ordinary space.'],
        [8, 5, 'content/invisible-character', 'Delete it.'],
      ],
      'r/b.md': [
        [2, 1, 'yaml/syntax', 'A no-break space (U+00A0) follows `title:`, and YAML reads a key and its value only when an ordinary space follows the colon: retype the space.'],
        [2, 7, 'content/invisible-character', 'Type an ordinary space in its place.'],
        [6, 1, 'yaml/syntax', 'The indentation holds a no-break space (U+00A0), which YAML does not read as indentation: retype it with ordinary spaces.'],
        [6, 1, 'content/invisible-character', 'Delete it.'],
      ],
    };
    for (const [file, text] of Object.entries(files)) {
      // The file itself is offered --fix, which rewrites it, beside what to do by hand, at the same places.
      const onDisk = placed(await runMain(['validate', file, '--reporter', 'json', '--now', NOW], { cwd: dir }));
      expect(onDisk.filter(([, , , hint]) => String(hint).includes(', or run `migration-news validate --fix`')).length).toBeGreaterThanOrEqual(2);
      expect(onDisk.map(([line, column, ruleId]) => [line, column, ruleId])).toEqual(byHand[file as keyof typeof byHand].map(([line, column, ruleId]) => [line, column, ruleId]));
      for (const named of [['--stdin-filename', file], []]) {
        const stdin = await runMain(['validate', '-', ...named, '--reporter', 'json', '--now', NOW], { cwd: dir, input: text });
        expect(placed(stdin), `${file} ${named.join(' ')}`).toEqual(byHand[file as keyof typeof byHand]);
        const stylish = await runMain(['validate', '-', ...named, '--now', NOW], { cwd: dir, input: text });
        expect(stylish.stdout).not.toContain('--fix');
      }
    }
  });

  it('are left where --fix would change what the front matter says, or read a body as fields, and in a file too large to check; a file keeps its mode', async () => {
    const head = (id: string) => `---\nid: ${id}\ntitle: Visa rules ${id}\ndate: 2026-03-17\nlang: en\nstatus: draft\n`;
    const files: Record<string, string> = {
      // Text that only looks like YAML's own: a block's text after a tab, a sentence with `rule:` and a no-break space in it.
      'r/tab.md': `${head('tab')}summary: |\n  \tFirst line\n  Second line\n---\nBody.\n`,
      'r/colon.md': `${head('colon')}summary: From today the new\n  rule:\u00A0applies to everyone.\n---\nBody.\n`,
      // A block's text that starts with no-break spaces keeps them; a line separator in a value is a space, not a new line.
      'r/block.md': `${head('block')}summary: |\n  \u00A0\u00A0First line\n  Second line\n---\nBody.\n`,
      'r/separator.md': `${head('separator')}summary: New rules apply.\u2028They start today.\n---\nBody.\n\n| City | Office |\n|---|---|\n| Baku\u2028Centre | Main |\n\n## Heading\u2028part two\n\nOne\u2028two.\n`,
      // A front matter that is never closed (`--- ` with a space after it): the body's code keeps its no-break spaces.
      'r/unclosed.md': `${head('unclosed')}--- \nBody text.\n\n\`\`\`\n\u00A0\u00A0indented code\nkey:\u00A0value\n\`\`\`\n`,
      // Over the size limit, which the check refuses to read.
      'r/large.md': `${head('large')}---\nA zero-width\u200Bspace.\n${'Some text.\n'.repeat(120_000)}`,
      'r/mode.md': `${head('mode')}---\nA zero-width\u200Bspace.\n`,
    };
    const dir = await project(files);
    await chmod(join(dir, 'r/mode.md'), 0o664);
    // A release that is a link to a file elsewhere: not written through, and named, with the file it leads to.
    const elsewhere = `${head('linked')}---\nA zero-width\u200Bspace.\n`;
    await mkdir(join(dir, 'shared'));
    await writeFile(join(dir, 'shared/linked.txt'), elsewhere);
    await symlink('../shared/linked.txt', join(dir, 'r/linked.md'));
    const before = await validate(dir);
    const result = await validate(dir, ['--fix']);
    for (const name of ['tab', 'colon', 'block', 'unclosed', 'large']) expect(await readFile(join(dir, `r/${name}.md`), 'utf8'), name).toBe(files[`r/${name}.md`]);
    expect(await readFile(join(dir, 'shared/linked.txt'), 'utf8')).toBe(elsewhere);
    expect(result.stderr).toContain('migration-news: r/linked.md was left as it was: it is a symbolic link, which --fix does not write through; run it on the file it leads to, shared/linked.txt.');
    // A space in a field, a table's row and a heading, which a line break would split; the line break it stands for in running text.
    expect(await readFile(join(dir, 'r/separator.md'), 'utf8')).toBe(files['r/separator.md']!.replace('apply.\u2028', 'apply. ').replace('Baku\u2028', 'Baku ').replace('Heading\u2028', 'Heading ').replace('One\u2028', 'One\n'));
    expect(await readFile(join(dir, 'r/mode.md'), 'utf8')).toBe(files['r/mode.md']!.replace('\u200B', ''));
    expect((await stat(join(dir, 'r/mode.md'))).mode & 0o777).toBe(0o664);
    expect(result.stderr).toContain('Removed or replaced 5 invisible characters in 2 files: r/mode.md, r/separator.md.\n');
    for (const name of ['colon', 'tab']) expect(result.stderr).toContain(`migration-news: r/${name}.md was left as it was: fixing it would change what its front matter says`);
    // What the files that were left say is what they said: nothing was made worse.
    const problems = (report: Report) => report.diagnostics.filter((d) => !['r/mode.md', 'r/separator.md'].includes(d.file)).map((d) => `${d.file} ${d.ruleId}`);
    expect(problems(result.report)).toEqual(problems(before.report));
  });

  // Run by root as another user, the one case where a rename would hand a file to someone else: a folder anyone may write in.
  const asNobody = process.getuid?.() === 0 && existsSync('/usr/bin/setpriv');
  it.skipIf(!asNobody)('is left in a file of another user\'s, which a rename would make the fixer\'s, and names it', async () => {
    const text = '---\ntitle: Centre opens\ndate: 2026-05-14\nlang: en\nstatus: published\n---\nA zero-width\u200Bspace.\n';
    const dir = await project({ 'r/theirs.md': text });
    for (const folder of [dir, join(dir, 'r')]) await chmod(folder, 0o777);
    await chmod(join(dir, 'r/theirs.md'), 0o666);
    const run = spawnSync('/usr/bin/setpriv', ['--reuid=65534', '--regid=65534', '--clear-groups', process.execPath, BIN, 'validate', 'r', '--fix', '--now', NOW], { cwd: dir, encoding: 'utf8', env: { PATH: process.env.PATH ?? '', NO_COLOR: '1' } });
    // Before, the file was fixed and became nobody's, without a word.
    expect(run.stderr).toContain('migration-news: r/theirs.md was left as it was: it belongs to another user or group, and rewriting it would make it this user\'s; run --fix as its owner, or fix it by hand.\n');
    expect(await readFile(join(dir, 'r/theirs.md'), 'utf8')).toBe(text);
    expect((await stat(join(dir, 'r/theirs.md'))).uid).toBe(0);
  });

  it('are left in a read-only file and in one with other names (hard links), which --fix names, changing neither', async () => {
    const text = '---\ntitle: Centre opens\ndate: 2026-05-14\nlang: en\nstatus: published\n---\nA zero-width\u200Bspace.\n';
    const dir = await project({ 'r/locked.md': text.replace('Centre', 'Locked centre'), 'r/linked.md': text, 'r/plain.md': text.replace('Centre', 'Plain centre') });
    // Read-only, as a version-control system leaves a file nobody opened for edit; and a second name for one file.
    await chmod(join(dir, 'r/locked.md'), 0o444);
    await link(join(dir, 'r/linked.md'), join(dir, 'linked-copy.txt'));
    const result = await validate(dir, ['r', '--fix']);
    expect(await readFile(join(dir, 'r/locked.md'), 'utf8')).toBe(text.replace('Centre', 'Locked centre'));
    expect((await stat(join(dir, 'r/locked.md'))).mode & 0o777).toBe(0o444);
    expect(await readFile(join(dir, 'r/linked.md'), 'utf8')).toBe(text);
    expect((await stat(join(dir, 'r/linked.md'))).ino).toBe((await stat(join(dir, 'linked-copy.txt'))).ino);
    expect(result.stderr).toContain('migration-news: r/locked.md was left as it was: it is read-only; make it writable and run --fix again, or fix it by hand.\n');
    expect(result.stderr).toContain('migration-news: r/linked.md was left as it was: it has 1 other name (a hard link), which rewriting it would leave with the old text; fix it by hand.\n');
    expect(result.stderr).toContain('Removed or replaced 1 invisible character in 1 file: r/plain.md.\n');
  });

  it('include a no-break space between a key and its value, which the YAML error names and --fix replaces', async () => {
    // Option+Space on a Mac, or a word processor's paste: `title:` then U+00A0, which YAML does not take for the space it needs.
    const text = '---\r\ntitle:\u00A0Service opens a centre\r\ndate: 2026-05-14\r\nlang: en\r\ncontacts:\r\n  - name:\u00A0\u00A0Anna\r\n    email: press@example.az\r\nsummary: >\r\n  Opening hours:\u00A0nine to six.\r\nstatus: published\r\n---\r\nNote:\u00A0the centre opens today.\r\n';
    const dir = await project({ 'r.md': text });
    const result = await validate(dir);
    expect(result.code).toBe(1);
    expect(result.report.diagnostics.map((d) => [d.line, d.column, d.ruleId, (d as { hint?: string | null }).hint])).toEqual([
      [2, 1, 'yaml/syntax', 'A no-break space (U+00A0) follows `title:`, and YAML reads a key and its value only when an ordinary space follows the colon: retype the space, or run `migration-news validate --fix`.'],
      [2, 7, 'content/invisible-character', 'Type an ordinary space in its place, or run `migration-news validate --fix`, which does.'],
      [6, 5, 'yaml/syntax', 'A no-break space (U+00A0) follows `name:`, and YAML reads a key and its value only when an ordinary space follows the colon: retype the space, or run `migration-news validate --fix`.'],
      [6, 10, 'content/invisible-character', 'Type an ordinary space in its place, or run `migration-news validate --fix`, which does.'],
    ]);
    expect(result.report.diagnostics[1]!.message).toContain('a no-break space (U+00A0) after `title:`');
    const stylish = await runMain(['validate', '.', '--now', NOW], { cwd: dir });
    expect(stylish.stdout).toContain('    6 |   - name:··Anna\n      |          ^^\n');
    // The YAML errors' frames of the same lines show the same dots, so that their lines look alike.
    const frames = stylish.stdout.split('\n').filter((line) => /^ +[26] \|/.test(line));
    expect(frames).toEqual(['    2 | title:·Service opens a centre', '    2 | title:·Service opens a centre', '    6 |   - name:··Anna', '    6 |   - name:··Anna']);
    // Text in a block scalar and in the body keeps its no-break spaces: there a colon is only a colon.
    const fixed = await validate(dir, ['--fix']);
    expect(fixed.code).toBe(0);
    expect(await readFile(join(dir, 'r.md'), 'utf8')).toBe(text.replace('title:\u00A0', 'title: ').replace('name:\u00A0\u00A0', 'name: '));
  });

  it('include no-break spaces under a value that ends in a bar or a bracket, which is no block\'s header, told and fixed as any field\'s, each counted', async () => {
    // `Press office |` is text: the lines below it are fields, not a block's text, where --fix would leave them.
    const text = '---\ntitle: Centre opens\ndate: 2026-05-14\nlang: en\nstatus: published\nlocation: Baku\u00A0\u00A0\u00A0\ncontacts:\n  - name: Press office |\n    email:\u00A0press@example.az\n    role: Desk >\n---\nBody.\n';
    const dir = await project({ 'r.md': text });
    const told = (await validate(dir)).report.diagnostics;
    expect(told.map((d) => [d.line, d.column, d.ruleId, /contains (.*?), which/.exec(d.message)?.[1]])).toEqual([
      [6, 15, 'content/invisible-character', '3 no-break spaces (U+00A0) at the end of a value'],
      [9, 5, 'yaml/syntax', undefined],
      [9, 11, 'content/invisible-character', 'a no-break space (U+00A0) after `email:`'],
    ]);
    const fixed = await validate(dir, ['--fix']);
    expect(fixed.code).toBe(0);
    // Before, two: one for each run.
    expect(fixed.stderr).toContain('Removed or replaced 4 invisible characters in 1 file: r.md.');
    expect(await readFile(join(dir, 'r.md'), 'utf8')).toBe(text.replace('Baku\u00A0\u00A0\u00A0', 'Baku').replace('email:\u00A0', 'email: '));
  });

  it('include a no-break space after a key\'s colon in a mapping in braces, named at its place and left to a person', async () => {
    const text = '---\ntitle: Centre opens\ndate: 2026-05-14\nlang: en\nstatus: published\nimage: {src:\u00A0\u00A0https://example.az/a.png, alt: Photo}\n---\nBody.\n';
    const dir = await project({ 'r.md': text });
    const told = (await validate(dir)).report.diagnostics;
    // Before, only the schema's errors, at a line that looked right: `src` missing, and a field `src: …` it does not know.
    expect(told.filter((d) => d.ruleId === 'content/invisible-character').map((d) => [d.line, d.column, (d as { endColumn?: number }).endColumn, /contains (.*?), which/.exec(d.message)?.[1], (d as { hint?: string }).hint])).toEqual([
      [6, 13, 15, '2 no-break spaces (U+00A0) after `src:`', 'Type an ordinary space in its place: YAML reads a key and its value only when an ordinary space follows the colon, and reads this one as a key of its own, without a value.'],
    ]);
    const stylish = await runMain(['validate', '.', '--now', NOW], { cwd: dir });
    expect(stylish.stdout).toContain('    6 | image: {src:··https://example.az/a.png, alt: Photo}\n');
    // A comma or a colon in quotes may be a value's text: not looked at there.
    const quoted = await project({ 'r.md': text.replace('alt: Photo', 'alt: "Baku, centre:\u00A0hall"') });
    expect((await validate(quoted)).report.diagnostics.filter((d) => d.ruleId === 'content/invisible-character')).toEqual([]);
  });

  it('include a tab in a text field\'s block, not one in the comment of its header, which --fix leaves', async () => {
    const text = ['---', 'title: Centre opens', 'date: 2026-05-14', 'lang: en', 'status: published', 'summary: |  # from\tthe sheet', '  Text\twith a tab.', '---', 'Body.\n'].join('\n');
    const dir = await project({ 'r.md': text });
    const told = (await validate(dir)).report.diagnostics;
    // Before, 6:19 and "2 tabs": the comment's was counted, and --fix rewrote the comment.
    expect(told.map((d) => [d.line, d.column, /^`(.*?)` holds (.*?) \(/.exec(d.message)?.slice(1).join(' ')])).toEqual([[7, 7, 'summary a tab']]);
    const fixed = await validate(dir, ['--fix']);
    expect(fixed.stderr).toContain('Removed or replaced 1 invisible character in 1 file: r.md.');
    expect(await readFile(join(dir, 'r.md'), 'utf8')).toBe(text.replace('Text\twith', 'Text with'));
  });

  it('include a no-break space at the end of a value, which would reach the page, and --fix deletes', async () => {
    // `Bakı` copied with the no-break space after it: YAML keeps it, and the dateline read "BAKI , 14 May 2026".
    const text = release({ location: 'Bak\u0131\u00A0', tags: '\n  - visa\u00A0\n# checked\u00A0' });
    const dir = await project({ 'r/en/a.md': text });
    const result = await validate(dir);
    expect(result.report.diagnostics.map((d) => [d.line, d.column, /contains (.*?), which/.exec(d.message)?.[1]])).toEqual([
      [6, 15, 'a no-break space (U+00A0) at the end of a value'],
      [8, 9, 'a no-break space (U+00A0) at the end of a value'],
    ]);
    expect((await runMain(['validate', '.', '--fix', '--now', NOW], { cwd: dir })).code).toBe(0);
    // A comment's blanks are nobody's value, and are left as they are.
    expect(await readFile(join(dir, 'r/en/a.md'), 'utf8')).toBe(text.replace('Bak\u0131\u00A0', 'Bak\u0131').replace('visa\u00A0', 'visa'));
    expect((await runMain(['build', 'r', '--format', 'text', '--now', NOW], { cwd: dir })).code).toBe(0);
    expect(await readFile(join(dir, 'dist/en/service-opens-new-residence-permit-centre.txt'), 'utf8')).toContain('BAKI, 14 May 2026 — ');
  });

  it('include a tab typed in a text field, which every output would print, and --fix makes a space; an escaped one is named at its value', async () => {
    // A headline and a dateline city copied out of a spreadsheet's cells, and a tag; `\t` in quotes is a tab as YAML reads it.
    const text = [
      '---', 'title: Residence permits\tcan now be renewed online', 'date: 2026-05-14', 'lang: en', 'status: published',
      'location:\tBaku\t\tcentre', 'tags: [visa, "work\\tpermit"]', '# a\tcomment', '---', 'Code:\n\n\tindented\ttext\n',
    ].join('\r\n');
    const dir = await project({ 'r.md': text });
    const result = await validate(dir);
    expect(result.code).toBe(0);
    expect(result.report.diagnostics.map((d) => [d.ruleId, d.line, d.column, /^`(.*?)` holds (.*?) \(/.exec(d.message)?.slice(1).join(' ')])).toEqual([
      ['content/invisible-character', 2, 25, 'title a tab'],
      ['content/invisible-character', 6, 15, 'location 2 tabs'],
      ['content/invisible-character', 7, 14, 'tags[1] a tab'],
    ]);
    const stylish = await runMain(['validate', '.', '--now', NOW], { cwd: dir });
    expect(stylish.stdout).toContain('    2 | title: Residence permits→can now be renewed online\n      |                         ^\n');
    const fixed = await validate(dir, ['--fix']);
    expect(fixed.stderr).toContain('Removed or replaced 3 invisible characters in 1 file: r.md.');
    expect(fixed.report.diagnostics.map((d) => [d.line, (d as { hint?: string | null }).hint])).toEqual([[7, 'Write a space instead of the `\\t`.']]);
    // The tab between a key and its value, in a comment and in the body are no part of any text field: they stay.
    expect(await readFile(join(dir, 'r.md'), 'utf8')).toBe(text.replace('permits\tcan', 'permits can').replace('Baku\t\tcentre', 'Baku  centre'));
  });

  it('include a tab typed beside a space in a text field, which --fix deletes rather than make two spaces; tabs alone stay as many spaces', async () => {
    const text = [
      '---', 'title: Residence permits\t can now be renewed online', 'date: 2026-05-14', 'lang: en', 'status: published',
      'location: Baku \t\tcentre', 'tags: [visa\t\tcentre, "work \t permit"]', '---', 'Body.\n',
    ].join('\n');
    const dir = await project({ 'r.md': text });
    const fixed = await validate(dir, ['--fix']);
    expect(fixed.stderr).toContain('Removed or replaced 6 invisible characters in 1 file: r.md.');
    expect(await readFile(join(dir, 'r.md'), 'utf8')).toBe(text.replace('permits\t can', 'permits can').replace('Baku \t\tcentre', 'Baku centre')
      .replace('visa\t\tcentre', 'visa  centre').replace('work \t permit', 'work  permit'));
    expect((await validate(dir)).report.diagnostics).toEqual([]);
  });

  it('include a tab that starts a line of a block\'s text, which --fix leaves, and whose hint does not offer it', async () => {
    const text = ['---', 'title: Centre opens', 'date: 2026-05-14', 'lang: en', 'status: published', 'summary: |', '  \tThe first line', '  and the second.', '---', 'Body.\n'].join('\n');
    const dir = await project({ 'r.md': text });
    const told = (await validate(dir)).report.diagnostics;
    expect(told.map((d) => [d.line, d.column, d.ruleId])).toEqual([[7, 3, 'content/invisible-character']]);
    expect((told[0] as { hint?: string }).hint).toMatch(/^Delete it, or retype the text around it by hand: `validate --fix` leaves it/);
    const fixed = await validate(dir, ['--fix']);
    expect(fixed.stderr).toContain('r.md was left as it was');
    expect(await readFile(join(dir, 'r.md'), 'utf8')).toBe(text);
  });

  it('are escaped where another rule\'s message quotes the value, which would otherwise read as the very value it fails to be', async () => {
    const dir = await project({ 'r.md': release({ date: '\u200B2026-03-17' }) });
    const result = await validate(dir);
    const format = result.report.diagnostics.find((d) => d.ruleId === 'schema/format');
    expect(format?.message).toMatch(/; it is "\\u200B2026-03-17"\.$/);
  });

  it('before a required key are said to hide it, at that key, not that the key is missing from the front matter', async () => {
    // A byte-order mark pasted at the start of the `lang:` line, with a second file's text.
    const dir = await project({ 'r.md': '---\ntitle: Centre opens\ndate: 2026-05-14\n\uFEFFlang: en\nstatus: published\n---\nBody.\n' });
    const result = await validate(dir);
    expect(result.report.diagnostics.map((d) => [d.line, d.column, d.ruleId, (d as { hint?: string | null }).hint])).toEqual([
      [4, 1, 'schema/required', 'Retype the key, or run `migration-news validate --fix`, which deletes the character.'],
      [4, 1, 'content/invisible-character', 'Delete it, or run `migration-news validate --fix`, which removes the invisible characters that are safe to remove.'],
      [4, 1, 'schema/unknown-key', 'The key starts with an invisible character (U+FEFF) that came with pasted text: delete it, or run `migration-news validate --fix`.'],
    ]);
    expect(result.report.diagnostics[0]!.message).toBe('The required field `lang` is written with an invisible character (U+FEFF) in its name, which makes it another key; `lang` is missing.');
    expect((await validate(dir, ['--fix'])).code).toBe(0);
  });

  it('leave the slug made from a title as it is when --fix deletes them', async () => {
    // A title pasted with soft hyphens and a zero-width space inside its words, as a word processor leaves them.
    const dir = await project({ 'r/en/centre.md': release({ title: 'Migra\u00ADtion ser\u00ADvice opens a cen\u200Btre', tags: '[e\u2060services]' }) });
    const first = await runMain(['build', 'r', '--format', 'html', '--now', NOW], { cwd: dir });
    expect(first.code, first.stdout).toBe(0);
    const pages = await readdir(join(dir, 'dist/en'));
    expect(pages).toContain('migration-service-opens-a-centre.html');
    expect(await readdir(join(dir, 'dist/en/tags'))).toEqual(['eservices.html']);
    expect((await runMain(['validate', 'r', '--fix', '--now', NOW], { cwd: dir })).code).toBe(0);
    expect(await readFile(join(dir, 'r/en/centre.md'), 'utf8')).toMatch(/^title: Migration service opens a centre$/m);
    // The fixed title names the same page: no address changes, nothing is removed.
    const again = await runMain(['build', 'r', '--format', 'html', '--reporter', 'json', '--now', NOW], { cwd: dir });
    expect(again.code, again.stdout).toBe(0);
    expect((JSON.parse(again.stdout) as { diagnostics: unknown[]; build: { removed: string[] } }).build.removed).toEqual([]);
    expect(await readdir(join(dir, 'dist/en'))).toEqual(pages);
  });

  it('before the opening `---` are named at 1:1, the front matter read without them, and --fix deletes them', async () => {
    // As a copy from a web page or a word processor leaves them: alone, after the encoding's signature, or several in a row.
    const files: Record<string, [string, string]> = {
      space: ['\u200B', release({ title: 'Centre one opens', date: '2026-02-30' })],
      joiner: ['\uFEFF\u2060', release({ title: 'Centre two opens', date: '2026-02-30' })],
      marks: ['\uFEFF\u200E\uFEFF', release({ title: 'Centre three opens', date: '2026-02-30' }).replace(/\n/g, '\r\n')],
    };
    const dir = await project(Object.fromEntries(Object.entries(files).map(([name, [start, text]]) => [`r/${name}.md`, start + text])));
    const result = await validate(dir, ['r']);
    expect(result.report.diagnostics.map((d) => `${d.file}:${d.line}:${d.column} ${d.ruleId} ${d.ruleId === 'content/invisible-character' ? d.message : ''}`)).toEqual([
      'r/joiner.md:1:1 content/invisible-character The file starts with a word joiner (U+2060), which cannot be seen in an editor; the file is read as if it were not there, but other tools may not find a front matter behind it.',
      // The date's place is the same as in a clean file: none of them is a line or a column of it.
      'r/joiner.md:3:7 schema/format ',
      'r/marks.md:1:1 content/invisible-character The file starts with 2 invisible characters (a left-to-right mark (U+200E), a byte-order mark (U+FEFF)), which cannot be seen in an editor; the file is read as if they were not there, but other tools may not find a front matter behind them.',
      'r/marks.md:3:7 schema/format ',
      'r/space.md:1:1 content/invisible-character The file starts with a zero-width space (U+200B), which cannot be seen in an editor; the file is read as if it were not there, but other tools may not find a front matter behind it.',
      'r/space.md:3:7 schema/format ',
    ]);
    expect((result.report.diagnostics[0] as { hint?: string }).hint).toBe('Put the cursor at the very start of the file and press Delete once, or run `migration-news validate --fix`, which removes it.');
    await validate(dir, ['r', '--fix']);
    for (const [name, [start, text]] of Object.entries(files)) {
      // The encoding's signature stays; nothing else changes.
      expect(await readFile(join(dir, `r/${name}.md`), 'utf8')).toBe((start.startsWith('\uFEFF') ? '\uFEFF' : '') + text);
      await writeFile(join(dir, `r/${name}.md`), (await readFile(join(dir, `r/${name}.md`), 'utf8')).replace('2026-02-30', '2026-02-28'));
    }
    const fixed = await validate(dir, ['r']);
    expect(fixed.report.diagnostics).toEqual([]);
    expect(fixed.code).toBe(0);
  });

  it('before the opening `---` leave the release built as the one without them, its body where parsing found it', async () => {
    const dir = await project({ 'r/en/centre.md': `\uFEFF\u200B${release({}, 'First paragraph.\r\n\r\nSecond paragraph.\r\n').replace(/\n/g, '\r\n')}` });
    const built = await runMain(['build', 'r', '--format', 'html', '--reporter', 'json', '--now', NOW], { cwd: dir });
    expect(built.code, built.stdout).toBe(0);
    expect((JSON.parse(built.stdout) as Report).diagnostics.map((d) => `${d.line}:${d.column} ${d.ruleId}`)).toEqual(['1:1 content/invisible-character']);
    const page = await readFile(join(dir, 'dist/en/service-opens-new-residence-permit-centre.html'), 'utf8');
    expect(page).toMatch(/<p>First paragraph\.<\/p>\s*<p>Second paragraph\.<\/p>/);
  });

  it('keeps a leading byte-order mark and leaves clean files untouched', () => {
    expect(fixInvisible('\uFEFF---\ntitle: x\u200B\n---\nBody\n')).toEqual({ text: '\uFEFF---\ntitle: x\n---\nBody\n', fixed: 1 });
    expect(fixInvisible('---\ntitle: x\n---\nBody with a no-break\u00A0space.\n')).toEqual({ text: '---\ntitle: x\n---\nBody with a no-break\u00A0space.\n', fixed: 0 });
    // Before the text, a direction mark goes too, which inside it may be meant.
    expect(fixInvisible('\uFEFF\u200F\u200B---\ntitle: x\u200F\n---\n')).toEqual({ text: '\uFEFF---\ntitle: x\u200F\n---\n', fixed: 2 });
    // Lines ended by CR alone keep that ending where a line separator becomes a line break.
    expect(fixInvisible('---\rtitle: x\r---\rOne\u2028two.\r')).toEqual({ text: '---\rtitle: x\r---\rOne\rtwo.\r', fixed: 1 });
    // Each line's own ending, in a file of two kinds: before, the first found (CRLF) went into the body's LF lines too.
    expect(fixInvisible('---\r\ntitle: x\r\n---\r\nBody\none\u2028two\nCRLF\u2028line\r\nlast\u2029')).toEqual({ text: '---\r\ntitle: x\r\n---\r\nBody\none\ntwo\nCRLF\r\nline\r\nlast\r\n\r\n', fixed: 3 });
  });
});

/**
 * A project with a release in each language of `datelines` (`lang: [place, dateline]`), its dateline as the tool writes it (checked
 * against the locale's day) pasted at the start of its body, and the `others` files beside: the `content/repeated-part` finds
 * ([file, the part quoted]), and the datelines pasted, as they should be found.
 */
async function pastedDatelines(datelines: Record<string, [string, string]>, others: Record<string, string>): Promise<{ found: unknown[]; pasted: unknown[] }> {
  const english = await readFile(join(ROOT, 'templates', 'default', 'labels', 'en.yaml'), 'utf8');
  const languages = Object.keys(datelines);
  for (const [lang, [, dateline]] of Object.entries(datelines)) expect(dateline, lang).toContain(localeFor(lang).formatDay(2026, 3, 17));
  const dir = await project({
    'migration-news.config.yaml': `languages: [en, ${languages.join(', ')}]\n`,
    ...Object.fromEntries(languages.map((lang) => [`templates/default/labels/${lang}.yaml`, english])),
    ...Object.fromEntries(Object.entries(datelines).map(([lang, [place, dateline]]) => [`r/${lang}.md`, release({ lang, title: `News ${lang}`, location: place }, `${dateline} text.\n`)])),
    ...others,
  });
  const { report } = await validate(dir);
  return {
    found: report.diagnostics.filter((d) => d.ruleId === 'content/repeated-part').map((d) => [d.file, d.message.match(/"(.*)"/)?.[1]]),
    pasted: languages.map((lang) => [`r/${lang}.md`, datelines[lang]![1]]).sort(([a], [b]) => (a! < b! ? -1 : 1)),
  };
}

describe('a dateline pasted into the body', () => {
  it('is found as the tool writes it in any language: its own digits, comma and order of day, month and year', async () => {
    const english = await readFile(join(ROOT, 'templates', 'default', 'labels', 'en.yaml'), 'utf8');
    const languages = ['fa', 'ar', 'zh', 'ja', 'ko', 'ka', 'hi'];
    const datelines: Record<string, [string, string]> = {
      fa: ['باکو', 'باکو، ۱۷ مارس ۲۰۲۶ —'],
      ar: ['باكو', 'باكو، 17 مارس 2026 —'],
      zh: ['巴库', '巴库，2026年3月17日 —'],
      ja: ['バクー', 'バクー、2026年3月17日 —'],
      ko: ['바쿠', '바쿠, 2026년 3월 17일 —'],
      ka: ['ბაქო', 'ბაქო, 17 მარტი, 2026 —'],
      hi: ['बाकू', 'बाकू, 17 मार्च 2026 —'],
    };
    const dir = await project({
      'migration-news.config.yaml': `languages: [en, ${languages.join(', ')}]\n`,
      ...Object.fromEntries(languages.map((lang) => [`templates/default/labels/${lang}.yaml`, english])),
      ...Object.fromEntries(Object.entries(datelines).map(([lang, [place, dateline]]) => [`r/${lang}.md`, release({ lang, title: `News ${lang}`, location: place }, `${dateline} text.\n`)])),
      // The place and a date that goes on as a sentence, with no dash, is no dateline.
      'r/zh-sentence.md': release({ lang: 'zh', title: 'News zh 2', location: '巴库' }, '巴库，2026年3月17日起可在线续签。\n'),
    });
    const { report } = await validate(dir);
    // Before, only the Latin comma, ASCII digits and a month of letters alone were read: none of these was found, and each went out twice.
    expect(report.diagnostics.filter((d) => d.ruleId === 'content/repeated-part').map((d) => [d.file, d.message.match(/"(.*)"/)?.[1]])).toEqual(
      languages.map((lang) => [`r/${lang}.md`, datelines[lang]![1]]).sort(([a], [b]) => (a! < b! ? -1 : 1)),
    );
    expect(report.diagnostics.map((d) => d.file)).not.toContain('r/zh-sentence.md');
  });

  it('is found with the comma, hyphen, stop or words the runtime\'s dates put around the month, as the tool writes them (Urdu, Uyghur, Uzbek, Amharic, Spanish, Serbian, Yiddish)', async () => {
    // Each as the tool's own dateline writes it, and as it is pasted back from a page or the plain text.
    const datelines: Record<string, [string, string]> = {
      ur: ['باکو', 'باکو، 17 مارچ، 2026 —'],
      ug: ['باكۇ', 'باكۇ، 17-مارت، 2026 —'],
      uz: ['Boku', 'BOKU, 17-mart, 2026 —'],
      am: ['ባኩ', 'ባኩ፣ 17 ማርች 2026 —'],
      es: ['Bakú', 'BAKÚ, 17 de marzo de 2026 —'],
      sr: ['Баку', 'БАКУ, 17. март 2026. —'],
      yi: ['באַקו', 'באַקו, 17טן מערץ 2026 —'],
    };
    // Words and a year after the place are no date. Before, none of these was found, and each went out twice.
    const { found, pasted } = await pastedDatelines(datelines, { 'r/en.md': release({ title: 'News', location: 'Baku' }, 'Baku, 12 new centres opened in 2026 — more next year.\n') });
    expect(found).toEqual(pasted);
  });

  it('is found with the year first, as the tool writes the days of Hungarian, Lithuanian, Latvian, Kazakh, Kyrgyz, Mongolian, Basque, Nepali, Sinhala, Burmese and Pashto', async () => {
    // Each as the tool's own dateline writes it, and as it is pasted back from a page or the plain text.
    const datelines: Record<string, [string, string]> = {
      hu: ['Budapest', 'BUDAPEST, 2026. március 17. —'],
      lt: ['Vilnius', 'VILNIUS, 2026 m. kovo 17 d. —'],
      lv: ['Rīga', 'RĪGA, 2026. gada 17. marts —'],
      kk: ['Астана', 'АСТАНА, 2026 ж. 17 наурыз —'],
      ky: ['Бишкек', 'БИШКЕК, 2026-ж., 17-март —'],
      mn: ['Улаанбаатар', 'УЛААНБААТАР, 2026 оны гуравдугаар сарын 17 —'],
      eu: ['Bilbo', 'BILBO, 2026(e)ko martxoaren 17(a) —'],
      ne: ['काठमाडौं', 'काठमाडौं, २०२६ मार्च १७ —'],
      si: ['කොළඹ', 'කොළඹ, 2026 මැදින් 17 —'],
      my: ['ရန်ကုန်', 'ရန်ကုန်, ၂၀၂၆ မတ် ၁၇ —'],
      ps: ['کابل', 'کابل، ۲۰۲۶ مارچ ۱۷ —'],
    };
    // A year, words and a number after the place, or a date that goes on as a sentence, are no dateline.
    const { found, pasted } = await pastedDatelines(datelines, {
      'r/en.md': release({ title: 'News', location: 'Baku' }, 'Baku, 2026 saw 12 new centres open — more next year.\n'),
      'r/hu-sentence.md': release({ lang: 'hu', title: 'News hu 2', location: 'Budapest' }, 'Budapest, 2026. március 17-től az ügyintézés online is elérhető.\n'),
    });
    // Before, a date written year first was not looked for, and each went out twice.
    expect(found).toEqual(pasted);
  });

  it('finds a dateline whose place is longer or shorter in capitals than as written, as every output prints it', async () => {
    const english = await readFile(join(ROOT, 'templates', 'default', 'labels', 'en.yaml'), 'utf8');
    const dir = await project({
      'migration-news.config.yaml': 'languages: [en, de]\n',
      'templates/default/labels/de.yaml': english,
      // The plain text's own dateline of a release in Gießen: ß is SS in capitals.
      'r/capitals.md': release({ lang: 'de', title: 'Zentrum', location: 'Gießen' }, 'GIESSEN, 17. März 2026 — Text.\n'),
      'r/street.md': release({ lang: 'de', title: 'Straße', location: 'Gießen' }, 'GIESSENER Straße, 17. März 2026 — Text.\n'),
    });
    const { report } = await validate(dir);
    // Before, the place was taken to be as long as `Gießen`, so the date was looked for after "GIESSE", and none was found.
    expect(report.diagnostics.filter((d) => d.ruleId === 'content/repeated-part').map((d) => [d.file, d.message.match(/"(.*)"/)?.[1]])).toEqual([['r/capitals.md', 'GIESSEN, 17. März 2026 —']]);
  });
  it('is found when the front matter has errors too, with the end mark: one run reports every problem in the file', async () => {
    const dir = await project({
      'r/ru.md': release({ lang: 'ru', title: 'Разрешения на работу', location: 'Баку', date: '14.05.2026' }, 'БАКУ, 14 мая 2026 г. — Служба сообщает о новых правилах.\n\n###\n'),
      'r/az.md': release({ lang: 'az', title: 'İş icazələri', location: 'Bakı', status: 'approvd' }, 'BAKI, 14 may 2026-cı il — Xidmət yeni qaydalar barədə məlumat verir.\n'),
    });
    const { report } = await validate(dir);
    expect(report.diagnostics.map((d) => [d.file, d.line, d.ruleId])).toEqual([
      ['r/az.md', 5, 'schema/enum'], ['r/az.md', 8, 'content/repeated-part'],
      ['r/ru.md', 3, 'schema/format'], ['r/ru.md', 8, 'content/repeated-part'], ['r/ru.md', 10, 'content/repeated-part'],
    ]);
  });
});

describe('the length of a headline or a summary', () => {
  it('counts each Chinese, Japanese or Korean character as two, as it takes the room of two', async () => {
    const title = (text: string, times: number) => text.repeat(times);
    const dir = await project({
      'migration-news.config.yaml': 'languages: [en, zh, ko, hi]\n',
      // 56 Han characters take the room of 112 Latin ones: over the headline's 110; 55 are not.
      'r/zh-long.md': release({ lang: 'zh', title: title('移民局发布', 11) + '新', summary: '简短摘要。' }),
      // 80 take the room of 160: a summary that just fits.
      'r/zh-fits.md': release({ lang: 'zh', title: title('移民局发布', 11), summary: title('居留许可续签', 13) + '两字' }),
      'r/ko.md': release({ lang: 'ko', title: '이민청 발표', summary: title('거주 허가 갱신 ', 20) }),
      // Devanagari's vowel signs and viramas count as the characters they are, as before: 103 fit.
      'r/hi.md': release({ lang: 'hi', title: title('प्रवासन सेवा ', 8).trim() }),
      'r/en.md': release({ title: 'x'.repeat(111) }),
    });
    const { report } = await validate(dir);
    const lengths = report.diagnostics.filter((d) => d.ruleId.endsWith('-length')).map((d) => `${d.file} ${d.ruleId} ${d.message}`);
    expect(lengths).toEqual([
      'r/en.md content/title-length The title is 111 characters long; headlines should be at most 110.',
      // Hangul syllables count two, the spaces between words one: 20 × (6 × 2 + 3), the last space trimmed.
      'r/ko.md content/summary-length The summary is 299 characters long, counting each Chinese, Japanese or Korean character (or emoji) as two, as it takes the room of two; search snippets show about 160.',
      'r/zh-long.md content/title-length The title is 112 characters long, counting each Chinese, Japanese or Korean character (or emoji) as two, as it takes the room of two; headlines should be at most 110.',
    ]);
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

describe('hints for what other tools write', () => {
  it('suggests the RFC 3339 form of dates written as other tools write them', async () => {
    const dir = await project({
      'a.md': release({ date: '2020-01-08 18:00:00 -0500' }),
      'b.md': release({ date: 'January 23, 2014', id: 'b' }),
      'c.md': release({ date: '23.01.2014', id: 'c' }),
      'd.md': release({ date: '31.02.2014', id: 'd' }),
      'e.md': release({ date: '2026-3-7', id: 'e' }),
      'f.md': release({ date: '03/17/2026', id: 'f' }),
      'g.md': release({ date: '03/04/2026', id: 'g' }),
      'h.md': release({ lang: 'english', id: 'h' }),
      'i.md': release({ date: '“2026-03-17”', id: 'i' }),
      'j.md': release({ status: undefined, staus: 'approved', id: 'j' }),
      'k.md': release({ lang: '“english”', id: 'k' }),
      'l.md': release({ date: '2026-17-03', id: 'l' }),
      'm.md': release({ date: '17-03-2026', id: 'm' }),
      'n.md': release({ date: '03-04-2026', id: 'n' }),
      'o.md': release({ id: 'Visa_Rules 2' }),
      'p.md': release({ id: 'p', slug: 'Visa_Rules' }),
      'q.md': release({ id: 'q', status: 'approved', embargo: '2026-12-01' }),
      'r.md': release({ id: 'r', status: 'approved', embargo: '2026-17-03' }),
      's.md': release({ id: 's', date: '05-05-2026' }),
      't.md': release({ id: 't', lang: 'en_GB' }),
      'u.md': release({ id: 'u', lang: 'ru-RU' }),
      'v.md': release({ id: 'v', lang: 'az-Latn' }),
      'w.md': release({ id: 'w', lang: 'fr_FR' }),
      'x.md': release({ id: 'x', date: '1 dekabr 2026-cı il' }),
      'y.md': release({ id: 'y', date: '1 декабря 2026 г.' }),
      'z.md': release({ id: 'z', date: '12 İyun 2026' }),
      'za.md': release({ id: 'za', date: '06.12.2026 г.' }),
      'zb.md': release({ id: 'zb', date: '06.12.2026-cı il' }),
    });
    const result = await validate(dir);
    expect(hintsOf(result)).toEqual([
      ['a.md', 'schema/format', 'Did you mean `2020-01-08T18:00:00-05:00`?'],
      ['b.md', 'schema/format', 'Did you mean `2014-01-23`?'],
      ['c.md', 'schema/format', 'Did you mean `2014-01-23`?'],
      // Not a real day: no guess.
      ['d.md', 'schema/format', null],
      ['e.md', 'schema/format', 'Did you mean `2026-03-07`?'],
      // Month first, since 17 cannot be a month; 3 April or 4 March cannot be told apart, so no guess.
      ['f.md', 'schema/format', 'Did you mean `2026-03-17`?'],
      ['g.md', 'schema/format', null],
      // A language's name where its tag goes.
      ['h.md', 'schema/enum', 'Did you mean `en`?'],
      // A word processor's curly quotes, pasted in: part of the value to YAML.
      ['i.md', 'schema/format', 'Did you mean `2026-03-17`? The curly quotes around it are part of the value, as a word processor types them: YAML quotes with straight ones ("…"), and most values need none.'],
      // A misspelt status: the release is a draft, which the hint says, since nothing else would.
      ['j.md', 'schema/unknown-key', 'Did you mean `status`? Without a `status` the release is a draft, and no build publishes it.'],
      // A language in curly quotes: the quotes are named, and the language named inside them suggested by its tag.
      ['k.md', 'schema/format', 'Did you mean `en`? The curly quotes around it are part of the value, as a word processor types them: YAML quotes with straight ones ("…"), and most values need none.'],
      // Day and month swapped where the month cannot be one; day first with dashes as with slashes, where it can be told.
      ['l.md', 'schema/format', 'Did you mean `2026-03-17`?'],
      ['m.md', 'schema/format', 'Did you mean `2026-03-17`?'],
      ['n.md', 'schema/format', null],
      // An id or slug as it is written.
      ['o.md', 'schema/format', 'Did you mean `visa_rules-2`?'],
      ['p.md', 'schema/format', 'Did you mean `visa-rules`?'],
      // An embargo is an instant: a day alone gets a time to correct, said to be a guess.
      ['q.md', 'schema/format', 'Did you mean `2026-12-01T09:00:00+04:00`? An embargo lifts at an instant, not on a day: set the hour it lifts (09:00 here is a guess, in the config\'s `timezone`, Asia/Baku).'],
      ['r.md', 'schema/format', 'Did you mean `2026-03-17T09:00:00+04:00`? An embargo lifts at an instant, not on a day: set the hour it lifts (09:00 here is a guess, in the config\'s `timezone`, Asia/Baku).'],
      // The same number twice can be read only one way.
      ['s.md', 'schema/format', 'Did you mean `2026-05-05`?'],
      // A locale as other systems write it, or a region or script the project does not name: the project's language.
      ['t.md', 'schema/format', 'Did you mean `en`? To publish en-GB apart from it, add `en-GB` to `languages` in the config file instead.'],
      ['u.md', 'schema/enum', 'Did you mean `ru`? To publish ru-RU apart from it, add `ru-RU` to `languages` in the config file instead.'],
      ['v.md', 'schema/enum', 'Did you mean `az`? To publish az-Latn apart from it, add `az-Latn` to `languages` in the config file instead.'],
      // A language the project does not have gets no guess.
      ['w.md', 'schema/format', null],
      // A date in words as Azerbaijani and Russian write one, as English's is read.
      ['x.md', 'schema/format', 'Did you mean `2026-12-01`?'],
      ['y.md', 'schema/format', 'Did you mean `2026-12-01`?'],
      ['z.md', 'schema/format', 'Did you mean `2026-06-12`?'],
      // A dotted date with the word for "year" after it, as Russian and Azerbaijani write one.
      ['za.md', 'schema/format', 'Did you mean `2026-12-06`?'],
      ['zb.md', 'schema/format', 'Did you mean `2026-12-06`?'],
    ]);
  });

  it('refuses dates outside the years 1000 to 9999, in UTC too, with no hint of the same value', async () => {
    const dir = await project({
      'migration-news.config.yaml': 'timezone: Etc/GMT-14\n',
      'a.md': release({ date: '0000-01-01', id: 'a' }),
      'b.md': release({ status: 'approved', embargo: '9999-12-31T23:59:59-23:59', id: 'b' }),
      'c.md': release({ date: '1000-01-01', id: 'c' }),
      'd.md': release({ status: 'approved', date: '9999-12-31', embargo: '9999-12-31T23:59:59+00:00', id: 'd', title: 'The last embargo there can be' }),
    });
    const result = await validate(dir);
    expect(hintsOf(result)).toEqual([['a.md', 'schema/format', null], ['b.md', 'schema/format', null]]);
    expect(result.report.diagnostics.map((d) => (d as { message: string }).message)).toEqual([
      '`date` is outside the years 1000 to 9999 (a date-time also in UTC); it is "0000-01-01".',
      '`embargo` is outside the years 1000 to 9999 (a date-time also in UTC); it is "9999-12-31T23:59:59-23:59".',
    ]);
  });

  it('reads an embargo written without a UTC offset in the config\'s time zone, summer time included, and says so', async () => {
    const dir = await project({
      'migration-news.config.yaml': 'timezone: Europe/Berlin\n',
      'a.md': release({ status: 'approved', embargo: '2026-12-01 09:00:00' }),
      'b.md': release({ status: 'approved', embargo: '2026-07-01T09:30', id: 'b' }),
      'c.md': release({ status: 'approved', embargo: '2026-07-01 09:30 +0300', id: 'c' }),
      'd.md': release({ status: 'approved', embargo: '2026-02-30 09:30', id: 'd' }),
      // A publication date with a time keeps its time, in the same zone.
      'e.md': release({ date: '2026-01-15 18:00', id: 'e' }),
      // An offset inside a word processor's curly quotes is an offset: only the quotes are named.
      'f.md': release({ status: 'approved', embargo: '“2026-07-01T09:30:00+03:00”', id: 'f' }),
      'g.md': release({ status: 'approved', embargo: '“2026-07-01 09:30”', id: 'g' }),
    });
    const result = await validate(dir);
    expect(hintsOf(result)).toEqual([
      ['a.md', 'schema/format', 'Did you mean `2026-12-01T09:00:00+01:00`? The time has no UTC offset, so it is read in the config\'s `timezone`, Europe/Berlin.'],
      ['b.md', 'schema/format', 'Did you mean `2026-07-01T09:30:00+02:00`? The time has no UTC offset, so it is read in the config\'s `timezone`, Europe/Berlin.'],
      // An offset written another way is kept as written.
      ['c.md', 'schema/format', 'Did you mean `2026-07-01T09:30:00+03:00`?'],
      // Not a real day: no guess.
      ['d.md', 'schema/format', null],
      ['e.md', 'schema/format', 'Did you mean `2026-01-15T18:00:00+01:00`? The time has no UTC offset, so it is read in the config\'s `timezone`, Europe/Berlin.'],
      ['f.md', 'schema/format', `Did you mean \`2026-07-01T09:30:00+03:00\`?${CURLY}`],
      ['g.md', 'schema/format', `Did you mean \`2026-07-01T09:30:00+02:00\`? The time has no UTC offset, so it is read in the config's \`timezone\`, Europe/Berlin.${CURLY}`],
    ]);
  });

  it('reads an embargo whose time follows "at" in the release\'s language, or whose offset is typed as UTC+4, GMT+04:00 or +04', async () => {
    const noOffset = ' The time has no UTC offset, so it is read in the config\'s `timezone`, Asia/Baku.';
    const embargoes = ['14.05.2026 в 10:00', '14 мая 2026 года в 10:00', '14 may 2026-cı il, saat 10:00', '14 May 2026 at 10:00',
      '2026-05-14 10:00 UTC+4', '2026-05-14 10:00 GMT+04:00', '2026-05-14T10:00:00+04', '14.05.2026 10:00 UTC+4', '14 May 2026 10:00 GMT',
      // An offset no zone has is no suggestion.
      '2026-05-14 10:00 +25'];
    const files: Record<string, string> = { 'migration-news.config.yaml': 'timezone: Asia/Baku\n' };
    embargoes.forEach((embargo, i) => { files[`${String.fromCharCode(97 + i)}.md`] = release({ status: 'approved', date: '2026-05-14', embargo: JSON.stringify(embargo), id: `r${i}` }); });
    const hints = hintsOf(await validate(await project(files))).map(([, , hint]) => hint);
    expect(hints).toEqual([
      `Did you mean \`2026-05-14T10:00:00+04:00\`?${noOffset}`, `Did you mean \`2026-05-14T10:00:00+04:00\`?${noOffset}`,
      `Did you mean \`2026-05-14T10:00:00+04:00\`?${noOffset}`, `Did you mean \`2026-05-14T10:00:00+04:00\`?${noOffset}`,
      'Did you mean `2026-05-14T10:00:00+04:00`?', 'Did you mean `2026-05-14T10:00:00+04:00`?', 'Did you mean `2026-05-14T10:00:00+04:00`?',
      'Did you mean `2026-05-14T10:00:00+04:00`?', 'Did you mean `2026-05-14T10:00:00Z`?',
      null,
    ]);
  });

  it('reads a date written without its year in the year nearest the check, a year of two digits, and a time before the day', async () => {
    const noOffset = ' The time has no UTC offset, so it is read in the config\'s `timezone`, Asia/Baku.';
    const guess = ' An embargo lifts at an instant, not on a day: set the hour it lifts (09:00 here is a guess, in the config\'s `timezone`, Asia/Baku).';
    const noYear = (year: number) => ` The date has no year, which it needs: ${year} is a guess, the year that puts the day nearest to today.`;
    const cases: [string, string, string | null][] = [
      ['date', 'May 14', `Did you mean \`2026-05-14\`?${noYear(2026)}`],
      ['date', '14 May', `Did you mean \`2026-05-14\`?${noYear(2026)}`],
      ['date', '14 мая', `Did you mean \`2026-05-14\`?${noYear(2026)}`],
      ['date', '14 may', `Did you mean \`2026-05-14\`?${noYear(2026)}`],
      // Nearer in the year before the check (2026-05-10) than in its own.
      ['date', '28 December', `Did you mean \`2025-12-28\`?${noYear(2025)}`],
      ['embargo', '14 мая в 10:00', `Did you mean \`2026-05-14T10:00:00+04:00\`?${noYear(2026)}${noOffset}`],
      ['embargo', 'May 14', `Did you mean \`2026-05-14T09:00:00+04:00\`?${noYear(2026)}${guess}`],
      ['date', '14.05.26', 'Did you mean `2026-05-14`?'],
      ['embargo', '14.05.26', `Did you mean \`2026-05-14T09:00:00+04:00\`?${guess}`],
      ['embargo', '10:00 14.05.2026', `Did you mean \`2026-05-14T10:00:00+04:00\`?${noOffset}`],
      ['date', '10:00, 14 May 2026', `Did you mean \`2026-05-14T10:00:00+04:00\`?${noOffset}`],
      // No month, no day that any year has, or a year of three digits: no guess.
      ['date', 'Week 14', null], ['date', '30 February', null], ['date', '14.05.202', null],
    ];
    const files: Record<string, string> = { 'migration-news.config.yaml': 'timezone: Asia/Baku\n' };
    cases.forEach(([field, value], i) => {
      files[`${String.fromCharCode(97 + i)}.md`] = release(field === 'date' ? { date: JSON.stringify(value), id: `r${i}` } : { status: 'approved', date: '2026-05-14', embargo: JSON.stringify(value), id: `r${i}` });
    });
    const result = await runMain(['validate', '.', '--reporter', 'json', '--now', '2026-05-10T00:00:00Z'], { cwd: await project(files) });
    const found = (JSON.parse(result.stdout) as { diagnostics: { ruleId: string; actual: string | null; hint: string | null }[] }).diagnostics;
    expect(found.map((d) => [d.ruleId, d.actual, d.hint])).toEqual(cases.map(([, value, hint]) => ['schema/format', value, hint]));
  });

  it('says where the clocks change over a time read in the config\'s zone: a skipped time is suggested as the clocks show it, a repeated one both ways', async () => {
    const noOffset = (zone: string) => ` The time has no UTC offset, so it is read in the config's \`timezone\`, ${zone}.`;
    const berlin = await project({
      'migration-news.config.yaml': 'timezone: Europe/Berlin\n',
      'a.md': release({ status: 'approved', embargo: '2026-03-29T02:30:00' }),
      'b.md': release({ status: 'approved', embargo: '2026-10-25T02:30:00', id: 'b' }),
      // The first moment of the gap is the moment the clocks change; the hour after it and the hour before the repeat are read once.
      'c.md': release({ status: 'approved', embargo: '2026-03-29 02:00', id: 'c' }),
      'd.md': release({ status: 'approved', embargo: '2026-03-29 03:00', id: 'd' }),
      'e.md': release({ status: 'approved', embargo: '2026-10-25 03:00', id: 'e' }),
      // A publication date with a time, as an embargo.
      'f.md': release({ date: '2026-03-29 02:30:15', id: 'f' }),
    });
    expect(hintsOf(await validate(berlin))).toEqual([
      ['a.md', 'schema/format', `Did you mean \`2026-03-29T03:30:00+02:00\`?${noOffset('Europe/Berlin')} 02:30 does not exist there on 2026-03-29: the clocks go forward from 02:00 to 03:00 (+01:00 to +02:00). The suggestion is 02:30 read at the offset before the change (+01:00), written as the clocks show it after; for the moment they change, write \`2026-03-29T03:00:00+02:00\`.`],
      ['b.md', 'schema/format', `Did you mean \`2026-10-25T02:30:00+02:00\` or \`2026-10-25T02:30:00+01:00\`?${noOffset('Europe/Berlin')} 02:30 occurs twice there on 2026-10-25, as the clocks go back from 03:00 to 02:00: first at +02:00, then an hour later at +01:00. Choose the one meant.`],
      ['c.md', 'schema/format', `Did you mean \`2026-03-29T03:00:00+02:00\`?${noOffset('Europe/Berlin')} 02:00 does not exist there on 2026-03-29: the clocks go forward from 02:00 to 03:00 (+01:00 to +02:00). The suggestion is that moment, as the clocks show it.`],
      ['d.md', 'schema/format', `Did you mean \`2026-03-29T03:00:00+02:00\`?${noOffset('Europe/Berlin')}`],
      ['e.md', 'schema/format', `Did you mean \`2026-10-25T03:00:00+01:00\`?${noOffset('Europe/Berlin')}`],
      ['f.md', 'schema/format', `Did you mean \`2026-03-29T03:30:15+02:00\`?${noOffset('Europe/Berlin')} 02:30:15 does not exist there on 2026-03-29: the clocks go forward from 02:00 to 03:00 (+01:00 to +02:00). The suggestion is 02:30:15 read at the offset before the change (+01:00), written as the clocks show it after; for the moment they change, write \`2026-03-29T03:00:00+02:00\`.`],
    ]);
    // West of UTC, with a half-hour change, and without summer time (where nothing changes).
    const hints: [string, string, string][] = [];
    for (const [zone, embargo] of [
      ['America/New_York', '2026-03-08 02:30'], ['America/New_York', '2026-11-01 01:30'],
      ['Australia/Lord_Howe', '2026-10-04T02:15:00'], ['Australia/Lord_Howe', '2026-04-05T01:45:00'],
      ['Asia/Baku', '2026-03-29T02:30:00'],
    ] as const) {
      const dir = await project({ 'migration-news.config.yaml': `timezone: ${zone}\n`, 'a.md': release({ status: 'approved', embargo }) });
      hints.push(hintsOf(await validate(dir))[0] as [string, string, string]);
    }
    expect(hints.map(([, , hint]) => hint)).toEqual([
      `Did you mean \`2026-03-08T03:30:00-04:00\`?${noOffset('America/New_York')} 02:30 does not exist there on 2026-03-08: the clocks go forward from 02:00 to 03:00 (-05:00 to -04:00). The suggestion is 02:30 read at the offset before the change (-05:00), written as the clocks show it after; for the moment they change, write \`2026-03-08T03:00:00-04:00\`.`,
      `Did you mean \`2026-11-01T01:30:00-04:00\` or \`2026-11-01T01:30:00-05:00\`?${noOffset('America/New_York')} 01:30 occurs twice there on 2026-11-01, as the clocks go back from 02:00 to 01:00: first at -04:00, then an hour later at -05:00. Choose the one meant.`,
      `Did you mean \`2026-10-04T02:45:00+11:00\`?${noOffset('Australia/Lord_Howe')} 02:15 does not exist there on 2026-10-04: the clocks go forward from 02:00 to 02:30 (+10:30 to +11:00). The suggestion is 02:15 read at the offset before the change (+10:30), written as the clocks show it after; for the moment they change, write \`2026-10-04T02:30:00+11:00\`.`,
      `Did you mean \`2026-04-05T01:45:00+11:00\` or \`2026-04-05T01:45:00+10:30\`?${noOffset('Australia/Lord_Howe')} 01:45 occurs twice there on 2026-04-05, as the clocks go back from 02:00 to 01:30: first at +11:00, then 30 minutes later at +10:30. Choose the one meant.`,
      `Did you mean \`2026-03-29T02:30:00+04:00\`?${noOffset('Asia/Baku')}`,
    ]);
  });

  it('says where the clocks change over the 09:00 it guesses for an embargo written as a day', async () => {
    const guess = (zone: string) => ` An embargo lifts at an instant, not on a day: set the hour it lifts (09:00 here is a guess, in the config's \`timezone\`, ${zone}).`;
    const hints: (string | null)[] = [];
    // Athens went to summer time at 09:00 on 1 April 1979; Samoa skipped 30 December 2011; Kwajalein lived 30 September 1969 twice.
    for (const [zone, embargo] of [['Europe/Athens', '1979-04-01'], ['Pacific/Apia', '2011-12-30'], ['Pacific/Kwajalein', '1969-09-30'], ['Europe/Berlin', '2026-03-29']] as const) {
      const dir = await project({ 'migration-news.config.yaml': `timezone: ${zone}\n`, 'a.md': release({ status: 'approved', embargo }) });
      hints.push(hintsOf(await validate(dir))[0]![2] as string | null);
    }
    expect(hints).toEqual([
      `Did you mean \`1979-04-01T10:00:00+03:00\`?${guess('Europe/Athens')} 09:00 does not exist there on 1979-04-01: the clocks go forward from 09:00 to 10:00 (+02:00 to +03:00). The suggestion is that moment, as the clocks show it.`,
      `Did you mean \`2011-12-31T09:00:00+14:00\`?${guess('Pacific/Apia')} 09:00 does not exist there on 2011-12-30: the clocks go forward from 2011-12-30 00:00 to 2011-12-31 00:00 (-10:00 to +14:00). The suggestion is 09:00 read at the offset before the change (-10:00), written as the clocks show it after; for the moment they change, write \`2011-12-31T00:00:00+14:00\`.`,
      `Did you mean \`1969-09-30T09:00:00+11:00\` or \`1969-09-30T09:00:00-12:00\`?${guess('Pacific/Kwajalein')} 09:00 occurs twice there on 1969-09-30, as the clocks go back from 1969-10-01 00:00 to 1969-09-30 01:00: first at +11:00, then 23 hours later at -12:00. Choose the one meant.`,
      // Summer time began that night, hours before: 09:00 is read once.
      `Did you mean \`2026-03-29T09:00:00+02:00\`?${guess('Europe/Berlin')}`,
    ]);
  });

  it('asks for a list where one string was written, and maps keys of other tools to the release format', async () => {
    const dir = await project({
      'a.md': release({ tags: 'security', excerpt: 'A summary.', categories: '[news]', published: 'true', author: 'Press Office', aliases: '.nan' }),
    });
    const result = await validate(dir);
    const hints = Object.fromEntries(result.report.diagnostics.map((d) => [d.message.split(' ')[0], (d as { hint?: string | null }).hint]));
    expect(hints).toEqual({
      '`tags`': 'Write a list: `tags: [security]`.',
      // A number is one item of text as written: `[NaN]` would be no list of text, and `[.nan]` a number again.
      '`aliases`': 'Write a list: `aliases: [".nan"]`.',
      '`excerpt`': 'Other tools call it `excerpt`; here it is `summary`: rename the key.',
      '`categories`': 'Other tools call it `categories`; here it is `tags`, a list: `tags: [news]`.',
      '`published`': 'Write `status: published` instead of `published: true`.',
      '`author`': 'Releases name people to contact instead: `contacts: [{name: …, email: …}]` (or leave the config\'s contacts to apply).',
    });
    // Tags written as hashtags are a YAML comment: the field is empty, and the hint is the list without the `#`s (and without a comment of its own).
    const hashtags = await project({ 'a.md': release({ tags: '#visas, #work-permits  # from the old site' }) });
    expect(hintsOf(await validate(hashtags))).toEqual([['a.md', 'schema/type', 'A `#` starts a YAML comment, so the line holds no value. Write a list: `tags: [visas, work-permits]`.']]);
    // Jekyll's YAML 1.1 words for yes and no say the same, in a draft (a warning) as beside a status that publishes (an error).
    const jekyll = await project({ 'a.md': release({ status: 'draft', published: 'no' }), 'b.md': release({ id: 'b', slug: 'b', status: 'draft', Draft: 'Yes' }) });
    expect(hintsOf(await validate(jekyll))).toEqual([
      ['a.md', 'schema/unknown-key', 'Write `status: draft` instead of `published: no`.'],
      ['b.md', 'schema/unknown-key', 'Write `status: draft` instead of `Draft: Yes`.'],
    ]);
  });

  it('tells a key meant to link translations (Hugo\'s `translationKey`, a made-up `translation_of`) that versions share their `id`', async () => {
    const dir = await project({
      'en.md': release({ id: 'quota-2026', translationKey: 'quota' }),
      'ru.md': release({ lang: 'ru', title: 'Квота', translation_of: 'quota-2026' }),
    });
    expect(hintsOf(await validate(dir))).toEqual([
      ['en.md', 'schema/unknown-key', 'Translations are one release when they share their `id`, which no other key links: this release\'s is `quota-2026`; give each of its versions that `id`, and delete this line.'],
      ['ru.md', 'schema/unknown-key', 'Translations are one release when they share their `id`, which no other key links: write `id: quota-2026` in this release and in each of its versions in place of this line.'],
    ]);
  });

  it('refuses an embargo still to come written under another key beside a status that publishes, and only warns where nothing would go out early', async () => {
    const held = { status: 'approved' };
    const dir = await project({
      'r/a.md': release({ id: 'a', slug: 'a', ...held, EMBARGO: '2026-12-01T09:00:00+04:00' }),
      'r/b.md': release({ id: 'b', slug: 'b', ...held, embrago: '2026-12-01T09:00:00+04:00' }),
      'r/c.md': release({ id: 'c', slug: 'c', status: 'published', publish_date: '2026-12-01' }),
      'r/d.md': release({ id: 'd', slug: 'd', status: 'published', publishDate: '2026-11-28T18:00:00+04:00' }),
      // Nothing held back: a draft, a value that is no date, a time already past, an embargo of its own beside it, an empty value.
      'r/e.md': release({ id: 'e', slug: 'e', status: 'draft', embargo_until: '2026-12-01T09:00:00+04:00' }),
      'r/f.md': release({ id: 'f', slug: 'f', status: 'published', embargoed: 'no' }),
      'r/g.md': release({ id: 'g', slug: 'g', status: 'published', embargoed: 'true' }),
      'r/h.md': release({ id: 'h', slug: 'h', status: 'published', embargo_note: 'none' }),
      'r/i.md': release({ id: 'i', slug: 'i', status: 'published', embargo_until: '2026-11-28T11:00:00+04:00' }),
      'r/j.md': release({ id: 'j', slug: 'j', ...held, embargo: '2026-05-14T09:00:00+04:00', embargo_until: '2026-12-01T09:00:00+04:00' }),
      'r/k.md': release({ id: 'k', slug: 'k', status: 'published', embargo_date: '""' }),
      'r/l.md': release({ id: 'l', slug: 'l', status: 'published', embark: 'yes' }),
      // Keys that only look like one: a note about the embargo, a word one letter from it.
      'r/m.md': release({ id: 'm', slug: 'm', status: 'published', embargo_note: '2026-12-01', embryo: '2026-12-01' }),
    });
    const found = hintsOf(await validate(dir)).filter(([, rule]) => rule !== 'embargo/past');
    expect(found.map(([file, rule]) => `${String(file)} ${String(rule)}`)).toEqual([
      'r/a.md publication/embargo-key', 'r/b.md publication/embargo-key', 'r/c.md publication/embargo-key', 'r/d.md publication/embargo-key',
      ...['e', 'f', 'g', 'h', 'i', 'j', 'k', 'l', 'm', 'm'].map((name) => `r/${name}.md schema/unknown-key`),
    ]);
    expect(found[0]![2]).toBe('To hold it until then, rename the key `embargo` (a date-time with its offset, such as `embargo: 2026-12-01T09:00:00+04:00`); if it is to go out now, delete this line.');
    expect(found[2]![2]).toBe('To hold it until then, rename the key `embargo` (a date-time with its offset: the day and the time it lifts); if it is to go out now, delete this line.');
    const build = await runMain(['build', 'r', '--now', NOW, '--keep-going'], { cwd: dir });
    expect(build.stdout + build.stderr).toContain('`EMBARGO` is not read as an embargo (the field is `embargo`), so the release\'s `status: approved` publishes it now, before 2026-12-01T09:00:00+04:00.');
    const written = await readdir(join(dir, 'dist/en'));
    expect(written.filter((name) => /^[abcd]\./.test(name))).toEqual([]);
    expect(written).toEqual(expect.arrayContaining(['e', 'f', 'g', 'h', 'i', 'k', 'l'].filter((name) => name !== 'e').map((name) => `${name}.html`)));
  });

  it('reads an embargo written under another key without its year in the year nearest to the release\'s date, not to the clock\'s', async () => {
    const dated = { status: 'published', date: '2026-11-20' };
    const dir = await project({
      'r/a.md': release({ id: 'a', slug: 'a', ...dated, embargo_until: 'December 14' }),
      'r/b.md': release({ id: 'b', slug: 'b', ...dated, embargo_until: '"14 декабря 10:00"' }),
      // Dated in May: the December nearest to it is the last one, long past, and nothing is held back.
      'r/c.md': release({ id: 'c', slug: 'c', status: 'published', embargo_until: 'December 14' }),
    });
    const rules = async (now: string) => hintsOf(await validate(dir, ['--now', now])).filter(([, rule]) => rule !== 'embargo/past').map(([file, rule]) => `${String(file)} ${String(rule)}`);
    expect(await rules(NOW)).toEqual(['r/a.md publication/embargo-key', 'r/b.md publication/embargo-key', 'r/c.md schema/unknown-key']);
    const build = await runMain(['build', 'r', '--now', NOW, '--keep-going'], { cwd: dir });
    expect(build.stdout + build.stderr).toContain('so the release\'s `status: published` publishes it now, before 2026-12-14T10:00:00+04:00.');
    expect((await readdir(join(dir, 'dist/en'))).filter((name) => /^[ab]\./.test(name))).toEqual([]);
    // Once the day has passed it lifts for good: half a year on, the next December is no nearer to the release's date.
    expect(await rules('2026-12-20T12:00:00+04:00')).toEqual(['r/a.md schema/unknown-key', 'r/b.md schema/unknown-key', 'r/c.md schema/unknown-key']);
    expect(await rules('2027-09-01T12:00:00+04:00')).toEqual(['r/a.md schema/unknown-key', 'r/b.md schema/unknown-key', 'r/c.md schema/unknown-key']);
  });

  it('still warns of the key the format does not read when the rule that holds the release back is turned off', async () => {
    const dir = await project({
      'migration-news.config.yaml': 'rules:\n  publication/embargo-key: off\n  publication/draft-key: off\n',
      'r/a.md': release({ id: 'a', slug: 'a', status: 'published', embargo_until: '2026-12-01T09:00:00+04:00', draft: 'true' }),
    });
    expect(hintsOf(await validate(dir)).map(([file, rule]) => `${String(file)} ${String(rule)}`)).toEqual(['r/a.md schema/unknown-key', 'r/a.md schema/unknown-key']);
  });

  it('reports in a rebuild at another --now what a fresh build does, for an embargo written under another key (the record\'s side: test/incremental-record.test.ts)', async () => {
    const dir = await project({ 'r/a.md': release({ id: 'a', slug: 'a', status: 'published', embargo_until: '2026-12-01T10:00:00+04:00' }) });
    const build = async (now: string, out: string) => {
      const result = await runMain(['build', 'r', '--out', out, '--now', now, '--reporter', 'json'], { cwd: dir });
      return { code: result.code, rules: (JSON.parse(result.stdout) as { diagnostics: { ruleId: string }[] }).diagnostics.map((d) => d.ruleId).filter((rule) => rule !== 'embargo/past') };
    };
    // After the time it names, the release is out and the key only unknown; before it, an error, in a rebuild as in a fresh build.
    expect(await build('2026-12-02T12:00:00+04:00', 'dist')).toEqual({ code: 0, rules: ['schema/unknown-key'] });
    const fresh = await build(NOW, 'fresh');
    expect(fresh).toEqual({ code: 1, rules: ['publication/embargo-key'] });
    expect(await build(NOW, 'dist')).toEqual(fresh);
    expect(await build('2026-12-02T12:00:00+04:00', 'dist')).toEqual({ code: 0, rules: ['schema/unknown-key'] });
  });

  it('shows a mapping, or a list of them, written as one value as the format wants it, not as a list of text', async () => {
    const dir = await project({
      'a.md': release({ id: 'a', contacts: 'Press Office, press@migration.example.az' }),
      'b.md': release({ id: 'b', contacts: '\n  name: Narmin Alizada\n  email: press@migration.example.az' }),
      'c.md': release({ id: 'c', image: 'https://press.example.az/media/centre.jpg' }),
      'd.md': release({ id: 'd', contacts: '\n  - Press Office' }),
      'migration-news.config.yaml': 'site: https://press.example.az\norganisation: State Migration Service\n',
    });
    expect(hintsOf(await validate(dir))).toEqual([
      // A list of strings would be refused again: each contact is a mapping of its fields.
      ['a.md', 'schema/type', 'Write one item per line below `contacts:`, each starting with `- `: `  - name: …`, with its other fields (role, email, phone) on the lines below it, indented as far as `name`.'],
      // One contact without the `- ` that makes it an item of the list.
      ['b.md', 'schema/type', 'Each item of `contacts` starts with `- `: write `- name: …` where the first field is, and indent the fields below it as far as `name`.'],
      // An image as other tools give one, by its address alone.
      ['c.md', 'schema/type', 'Write it as a mapping of its fields: `image: {src: "https://press.example.az/media/centre.jpg", alt: …}`.'],
      // An item of the list written as text stays an item.
      ['d.md', 'schema/type', 'Write the item as a mapping of its fields: `- name: Press Office`.'],
      ['migration-news.config.yaml', 'schema/type', 'Write it as a mapping of its fields: `site: {url: "https://press.example.az"}`.'],
      ['migration-news.config.yaml', 'schema/type', 'Write it as a mapping of its fields: `organisation: {name: State Migration Service}`.'],
    ]);
  });
});

describe('hints for config values', () => {
  it('suggest a time zone by its city, an address with its scheme and a rule by its spelling, with the line in a code frame', async () => {
    const broken = await project({ 'migration-news.config.yaml': 'site:\n  url: press.migration.example.az\ntimezone: Baku\n', 'r/a.md': release() });
    const result = await validate(broken);
    expect(hintsOf(result)).toEqual([
      ['migration-news.config.yaml', 'schema/format', 'Did you mean `https://press.migration.example.az`?'],
      ['migration-news.config.yaml', 'schema/format', 'Did you mean `Asia/Baku`?'],
    ]);
    expect((await runMain(['validate', '.', '--now', NOW], { cwd: broken })).stdout).toContain('    3 | timezone: Baku\n');
    const rules = await validate(await project({ 'migration-news.config.yaml': 'rules:\n  schema/unknown-keys: off\n', 'r/a.md': release() }));
    expect(hintsOf(rules)).toEqual([['migration-news.config.yaml', 'schema/unknown-key', 'Did you mean `schema/unknown-key`?']]);
  });

  it('suggest the fixed zone of a UTC offset written where a zone goes, saying which way its sign runs', async () => {
    // Before, `UTC+4` had no hint; the zone it names is Etc/GMT-4, whose sign few would guess.
    for (const [written, hint] of [
      ['UTC+4', 'Did you mean `Etc/GMT-4`? Its sign runs the other way, as POSIX has it: Etc/GMT-4 is 4 hours ahead of UTC, and never changes for summer time, where a place\'s zone (Asia/Baku, Europe/Berlin) follows its clocks.'],
      ['GMT-1', 'Did you mean `Etc/GMT+1`? Its sign runs the other way, as POSIX has it: Etc/GMT+1 is 1 hour behind UTC, and never changes for summer time, where a place\'s zone (Asia/Baku, Europe/Berlin) follows its clocks.'],
      ['+00:00', 'Did you mean `UTC`?'],
      // No zone is 15 hours ahead, nor a whole number of hours from UTC+5:30.
      ['UTC+15', null],
      ['UTC+5:30', null],
    ] as const) {
      const dir = await project({ 'migration-news.config.yaml': `timezone: "${written}"\n`, 'r/a.md': release() });
      expect(hintsOf(await validate(dir)), written).toEqual([['migration-news.config.yaml', 'schema/format', hint]]);
    }
  });

  it('say what to write for a number or true or false in quotes, and for a size with its unit', async () => {
    // Before, each was only "must be a number (true or false), but it is text".
    const dir = await project({
      'migration-news.config.yaml': 'site:\n  url: https://press.example.az\n  feedSize: "50"\nwithdrawnNotices: "no"\nlimits:\n  maxFileSize: 1.5 MB\n',
      'r/a.md': release(),
    });
    expect(hintsOf(await validate(dir))).toEqual([
      ['migration-news.config.yaml', 'schema/type', 'Write the number without quotes: `feedSize: 50`.'],
      ['migration-news.config.yaml', 'schema/type', 'Write `true` or `false`, without quotes: `withdrawnNotices: false`.'],
      ['migration-news.config.yaml', 'schema/type', 'A size is a number of bytes, without a unit: `maxFileSize: 1572864` for 1.5 MiB.'],
    ]);
    // Text that reads as neither gets no hint.
    const other = await project({ 'migration-news.config.yaml': 'site:\n  url: https://press.example.az\n  feedSize: fifty\nwithdrawnNotices: maybe\n', 'r/a.md': release() });
    expect(hintsOf(await validate(other))).toEqual([['migration-news.config.yaml', 'schema/type', null], ['migration-news.config.yaml', 'schema/type', null]]);
  });

  it('give the site\'s address without its scheme as one the config takes: no query or fragment', async () => {
    const dir = await project({ 'migration-news.config.yaml': 'site:\n  url: press.example.az/news/?utm_source=cms#top\norganisation:\n  name: SMS\n  url: www.example.az/?lang=en\n', 'r/a.md': release() });
    expect(hintsOf(await validate(dir))).toEqual([
      ['migration-news.config.yaml', 'schema/format', 'Did you mean `https://press.example.az/news/`?'],
      // The organisation's page is any address: its query is kept.
      ['migration-news.config.yaml', 'schema/url-scheme', 'Did you mean `https://www.example.az/?lang=en`?'],
    ]);
  });

  it('refuse a page\'s address as the site\'s, which every address of the site would be under, and give its folder', async () => {
    const page = await project({ 'migration-news.config.yaml': 'site:\n  url: https://press.example.az/news/index.html\n', 'r/a.md': release() });
    const result = await runMain(['validate', '.', '--reporter', 'json', '--now', NOW], { cwd: page });
    expect(result.code).toBe(1);
    expect((JSON.parse(result.stdout) as { diagnostics: { line: number; column: number; message: string; hint?: string }[] }).diagnostics.map((d) => [d.line, d.column, d.message, d.hint])).toEqual([
      [2, 8, '`site.url` must be the address of the folder the site is served from, not of a page in it; it is "https://press.example.az/news/index.html".', 'Did you mean `https://press.example.az/news/`?'],
    ]);
    // Without its scheme, and with a query, the address offered is the folder's too; a folder with a dot in its name is a folder.
    const bare = await project({ 'migration-news.config.yaml': 'site:\n  url: press.example.az/index.php?lang=en\n', 'r/a.md': release() });
    expect(hintsOf(await validate(bare))).toEqual([['migration-news.config.yaml', 'schema/format', 'Did you mean `https://press.example.az/`?']]);
    const dotted = await project({ 'migration-news.config.yaml': 'site:\n  url: https://example.gov/press.office/\n', 'r/a.md': release() });
    expect(hintsOf(await validate(dotted))).toEqual([]);
  });

  it('refuse a web address without its scheme where a relative one is allowed, and give it with its scheme', async () => {
    const dir = await project({
      'migration-news.config.yaml': 'organisation:\n  name: State Migration Service\n  url: www.migration.gov.az\n  logo: https//cdn.migration.gov.az/logo.png\n',
      'r/a.md': release({ image: '{src: www.migration.gov.az/photo.jpg, alt: The new centre}' }),
    });
    expect(hintsOf(await validate(dir))).toEqual([
      ['migration-news.config.yaml', 'schema/url-scheme', 'Did you mean `https://www.migration.gov.az`?'],
      ['migration-news.config.yaml', 'schema/url-scheme', 'Did you mean `https://cdn.migration.gov.az/logo.png`?'],
      ['r/a.md', 'schema/url-scheme', 'Did you mean `https://www.migration.gov.az/photo.jpg`?'],
    ]);
    // A page of the site, an image beside the release and a logo from the output root stay relative.
    const relative = await project({
      'migration-news.config.yaml': 'organisation:\n  name: State Migration Service\n  url: about.html\n  logo: media/www.logo.png\n',
      'r/a.md': release(),
    });
    expect(hintsOf(await validate(relative))).toEqual([]);
  });
});

describe('file names other tools use', () => {
  it('reads *.markdown like *.md in a folder, in any letter case', async () => {
    const dir = await project({
      'posts/2014-01-23-centre.markdown': release({ title: 'Centre opens' }),
      'posts/notes.txt': 'not a release',
      // Saved by a Windows or macOS tool with its name in capitals: still a release, not passed over without a word.
      'posts/QUOTA.MD': release({ title: 'Quota for 2027' }),
      'posts/visas.Markdown': release({ title: 'Visa rules' }),
    });
    const result = await runMain(['build', 'posts', '--out', 'dist', '--format', 'json', '--now', NOW], { cwd: dir });
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toMatch(/Built 3 releases/);
    expect((await readdir(join(dir, 'dist', 'en'))).filter((f) => f !== 'index.html')).toEqual(['centre-opens.json', 'quota-for-2027.json', 'visa-rules.json']);
    const json = JSON.parse(await readFile(join(dir, 'dist', 'en', 'centre-opens.json'), 'utf8')) as { id: string };
    expect(json.id).toBe('2014-01-23-centre');
  });
});

describe('typography: smart', () => {
  const body = 'The minister said "the centre is open" and it\'s \'ready\'. Code `"x"` and <https://example.az/?q="a"> stay.\n\n```\nprint("as typed")\n```\n';

  /** A page the build wrote into `dir`'s dist, by its path there. */
  const page = (dir: string, path: string) => readFile(join(dir, 'dist', path), 'utf8');

  /** A project with smart typography in `langs`, each with the built-in English labels (the set has none of theirs), built to HTML and text. */
  async function builtIn(langs: readonly string[], releases: Record<string, string>): Promise<string> {
    const labels = await readFile(join(ROOT, 'templates', 'default', 'labels', 'en.yaml'), 'utf8');
    const dir = await project({
      'migration-news.config.yaml': `typography: smart\nlanguages: [${langs.join(', ')}]\n`,
      ...Object.fromEntries(langs.map((lang) => [`templates/default/labels/${lang}.yaml`, labels])),
      ...releases,
    });
    const result = await runMain(['build', 'r', '--out', 'dist', '--format', 'html,text', '--now', NOW], { cwd: dir });
    expect(result.code, result.stdout + result.stderr).toBe(0);
    return dir;
  }

  it('uses each language\'s quotation marks in HTML and text, leaving code and URLs as typed', async () => {
    const dir = await project({
      'migration-news.config.yaml': 'typography: smart\n',
      'r/en.md': release({ title: 'Centre opens', id: 'x' }, body),
      'r/ru.md': release({ title: 'Центр открыт', lang: 'ru', id: 'x' }, 'Министр сказал: "центр открыт, а \'окно\' работает".\n'),
    });
    const result = await runMain(['build', 'r', '--out', 'dist', '--format', 'html,text', '--now', NOW], { cwd: dir });
    expect(result.code, result.stderr).toBe(0);
    const text = await page(dir, 'en/centre-opens.txt');
    expect(text).toContain('said “the centre is open” and it’s ‘ready’.\nCode "x" and');
    expect(text).toContain('<https://example.az/?q="a">');
    expect(text).toContain('    print("as typed")');
    const html = await page(dir, 'en/centre-opens.html');
    expect(html).toContain('said “the centre is open” and it’s ‘ready’. Code <code>&quot;x&quot;</code>');
    const ru = await page(dir, 'ru/tsentr-otkryt.txt');
    expect(ru).toContain('«центр открыт, а „окно“ работает»');
  });

  it('gives a quote opened inside another the inner pair, in the body as in a title, and starts each paragraph with none open', async () => {
    const dir = await project({
      'migration-news.config.yaml': 'typography: smart\n',
      'r/ru.md': release({ title: '\'Служба "Асан" открыта\'', lang: 'ru' }, 'Он сказал: "Служба "Асан" открыта".\n\nОн сказал: "Служба открыта\n\nИ "ещё" одно.\n'),
    });
    expect((await runMain(['build', 'r', '--out', 'dist', '--format', 'html,text', '--now', NOW], { cwd: dir })).code).toBe(0);
    const html = await page(dir, 'ru/sluzhba-asan-otkryta.html');
    expect(html).toContain('<h1>Служба «Асан» открыта</h1>');
    expect(html).toContain('<p>Он сказал: «Служба „Асан“ открыта».</p>');
    // A paragraph that leaves a quote open (a quotation of several paragraphs) does not make the next one's quotes inner ones.
    expect(html).toContain('<p>И «ещё» одно.</p>');
    expect(await page(dir, 'ru/sluzhba-asan-otkryta.txt')).toContain('«Служба „Асан“ открыта».');
  });

  it('leaves the text of raw <code>, <kbd> and <samp> in a paragraph as typed, on the page kept or escaped and in the text', async () => {
    for (const html of ['safe', 'escape']) {
      const dir = await project({
        'migration-news.config.yaml': `typography: smart\nhtml: ${html}\n`,
        'r/en.md': release({ title: 'Centre opens' }, 'Set <code>mode="fast"</code>, press <kbd>Shift+\'</kbd> and see <samp>it\'s "done"</samp>: "ready".\n\nNext <code>open "x"\n\nA "new" paragraph.\n'),
      });
      const result = await runMain(['build', 'r', '--out', 'dist', '--format', 'html,text', '--now', NOW], { cwd: dir });
      expect(result.code, result.stdout + result.stderr).toBe(0);
      const page = (await readFile(join(dir, 'dist/en/centre-opens.html'), 'utf8')).replace(/&quot;/g, '"').replace(/&#39;/g, "'");
      expect(page, html).toMatch(/mode="fast".*Shift\+'.*it's "done".*: “ready”\./);
      expect(page, html).toMatch(/open "x"/);
      expect(page, html).toContain('A “new” paragraph.');
      const text = await readFile(join(dir, 'dist/en/centre-opens.txt'), 'utf8');
      expect(text.replace(/\s+/g, ' '), html).toContain('Set mode="fast", press Shift+\' and see it\'s "done": “ready”.');
    }
  });

  it('opens a quote after a line break and an inline tag, and leaves an e-mail or www address as typed', async () => {
    const dir = await project({
      'migration-news.config.yaml': 'typography: smart\nhtml: safe\nlanguages: [az, en]\n',
      'r/en.md': release({ title: 'Centre opens', id: 'x' }, 'The minister said:  \n"We are ready," she added.\\\n\'Yes.\' Then <i>"we are ready"</i> and <br>"again".\n\nWrite to <o\'brien@example.com> or visit www.example.com/don\'t-panic today.\n'),
      'r/az.md': release({ title: 'Mərkəz açıldı', lang: 'az', id: 'x' }, 'Nazir bildirib:\\\n"Biz hazırıq," dedi.\n'),
    });
    const result = await runMain(['build', 'r', '--out', 'dist', '--format', 'html,text', '--now', NOW], { cwd: dir });
    expect(result.code, result.stdout + result.stderr).toBe(0);
    const html = await page(dir, 'en/centre-opens.html');
    expect(html).toContain('said:<br />“We are ready,” she added.<br />‘Yes.’ Then <em>“we are ready”</em> and <br />“again”.');
    expect(html).toContain('>o\'brien@example.com</a>');
    expect(html).toContain('>www.example.com/don\'t-panic</a>');
    const text = await page(dir, 'en/centre-opens.txt');
    expect(text).not.toContain('o’brien');
    expect(text).not.toContain('don’t-panic');
    expect(await page(dir, 'az/merkez-achildi.html')).toContain('bildirib:<br />«Biz hazırıq,» dedi.');
  });

  it('opens a quote at the start of a table cell, after a slash and inside another quote, and writes a year cut short with an apostrophe', async () => {
    const dir = await project({
      'migration-news.config.yaml': 'typography: smart\n',
      'r/en.md': release({ title: 'Centre opens' }, 'Sectors x/"green" and "\'old\' ones" since the \'90s and \'26.\n\n| Sector | Permits |\n|---|---|\n| "Green" jobs | 120 |\n'),
    });
    expect((await runMain(['build', 'r', '--out', 'dist', '--format', 'text', '--now', NOW], { cwd: dir })).code).toBe(0);
    const text = await page(dir, 'en/centre-opens.txt');
    expect(text).toContain('Sectors x/“green” and “‘old’ ones” since the ’90s and ’26.');
    expect(text).toContain('“Green” jobs');
  });

  it('writes feet and inches after a number as primes, but closes a quotation that ends in a number, and leaves code and addresses as typed', async () => {
    const body = [
      'He is 5\'10" tall, and 6\' 2" with shoes; "He is 5\'10"," she said.',
      '',
      'A 12" screen, a 6\' fence, "Room 12" and \'Room 6\' since the \'90s; the 1990\'s.',
      '',
      'Code `5\'10"` and https://example.az/a?b=12"c stay.',
      '',
      '```',
      'height = 5\'10"',
      '```',
      '',
    ].join('\n');
    const dir = await project({
      'migration-news.config.yaml': 'typography: smart\n',
      'r/en.md': release({ title: '\'A 12" screen for "Room 12"\'', slug: 'screen' }, body),
      'r/ru.md': release({ title: '\'Экран 12" в "Комнате 12"\'', lang: 'ru', slug: 'ekran' }, 'Рост 5\'10", "Комната 12".\n'),
    });
    expect((await runMain(['build', 'r', '--out', 'dist', '--format', 'html,text', '--now', NOW], { cwd: dir })).code).toBe(0);
    // The plain text's lines are wrapped: read its paragraphs as one line each.
    const text = (await page(dir, 'en/screen.txt')).replace(/(?<!\n)\n(?!\n)/g, ' ');
    expect(text).toContain('He is 5′10″ tall, and 6′ 2″ with shoes; “He is 5′10″,” she said.');
    expect(text).toContain('A 12″ screen, a 6′ fence, “Room 12” and ‘Room 6’ since the ’90s; the 1990’s.');
    const html = await page(dir, 'en/screen.html');
    expect(html).toContain('<h1>A 12″ screen for “Room 12”</h1>');
    expect(html).toContain('<code>5&#39;10&quot;</code>');
    expect(html).toContain('https://example.az/a?b=12&quot;c');
    expect(html).toContain('height = 5&#39;10&quot;');
    const ru = (await page(dir, 'ru/ekran.txt')).replace(/(?<!\n)\n(?!\n)/g, ' ');
    expect(ru).toContain('Экран 12″ в «Комнате 12»');
    expect(ru).toContain('Рост 5′10″, «Комната 12».');
  });

  it('closes a single quotation that ends in a number after a plural\'s apostrophe or a year cut short, rather than writing a foot mark', async () => {
    const body = [
      'The minister said \'the companies\' revenue grew in 2024\' and \'24 hours a day since 2019\'.',
      '',
      'A 6\' fence, then \'Room 6\'.',
      '',
    ].join('\n');
    const dir = await project({
      'migration-news.config.yaml': 'typography: smart\n',
      'r/en.md': release({ title: '"\'Students\' results for 2025\'"', slug: 'results' }, body),
    });
    expect((await runMain(['build', 'r', '--out', 'dist', '--format', 'html,text', '--now', NOW], { cwd: dir })).code).toBe(0);
    const text = (await page(dir, 'en/results.txt')).replace(/(?<!\n)\n(?!\n)/g, ' ');
    expect(text).toContain('The minister said ‘the companies’ revenue grew in 2024’ and ’24 hours a day since 2019’.');
    expect(text).toContain('A 6′ fence, then ‘Room 6’.');
    expect(await page(dir, 'en/results.html')).toContain('<h1>‘Students’ results for 2025’</h1>');
  });

  it('closes a quotation that ends with an inner one in Russian, whose inner closing mark is an opening one in English', async () => {
    const dir = await project({
      'migration-news.config.yaml': 'typography: smart\n',
      'r/ru.md': release({ title: '\'Запущен проект "Служба "Асан""\'', lang: 'ru', slug: 'asan' }, 'Министр сказал: "Мы открыли центр "Асан 2027"". Затем "Он сказал "да"".\n'),
    });
    const result = await runMain(['build', 'r', '--out', 'dist', '--format', 'html,text', '--now', NOW], { cwd: dir });
    expect(result.code, result.stdout).toBe(0);
    const ru = (await page(dir, 'ru/asan.txt')).replace(/(?<!\n)\n(?!\n)/g, ' ');
    expect(ru).toContain('Запущен проект «Служба „Асан“»');
    expect(ru).toContain('Министр сказал: «Мы открыли центр „Асан 2027“». Затем «Он сказал „да“».');
  });

  it('gives titles, subtitles and summaries the same quotation marks on the page, in meta, feeds, listings, JSON and text', async () => {
    const dir = await project({
      'migration-news.config.yaml': 'typography: smart\nsite:\n  url: https://press.example.az\n',
      'r/en.md': release({
        title: '\'Minister: "the centre is open"\'', subtitle: '\'"It\'\'s ready"\'', slug: 'centre', id: 'x',
        summary: '\'The "new" rules; code `"x"` and https://example.az/?q="a" stay.\'',
        image: '\n  src: https://images.example.az/centre.jpg\n  alt: The centre\n  caption: \'The "new" centre\'',
      }, 'Body.\n'),
      'r/ru.md': release({ title: '\'Министр: "центр открыт"\'', lang: 'ru', slug: 'tsentr', id: 'x' }, 'Текст.\n'),
    });
    const result = await runMain(['build', 'r', '--out', 'dist', '--format', 'html,text,json', '--now', NOW], { cwd: dir });
    expect(result.code, result.stderr).toBe(0);
    const read = (path: string) => readFile(join(dir, 'dist', path), 'utf8');
    const html = await read('en/centre.html');
    expect(html).toContain('<h1>Minister: “the centre is open”</h1>');
    expect(html).toContain('<p class="subtitle">“It’s ready”</p>');
    expect(html).toMatch(/<title>Minister: “the centre is open”/);
    expect(html).toContain('<meta name="description" content="The “new” rules; code `&quot;x&quot;` and https://example.az/?q=&quot;a&quot; stay.">');
    expect(html).toContain('<meta property="og:title" content="Minister: “the centre is open”">');
    expect(html).toContain('"headline":"Minister: “the centre is open”","alternativeHeadline":"“It’s ready”"');
    expect(html).toContain('<figcaption>The “new” centre</figcaption>');
    expect(await read('en/centre.txt')).toContain('Minister: “the centre is open”');
    const json = JSON.parse(await read('en/centre.json')) as { title: string; subtitle: string; summary: string; translations: { title: string }[] };
    expect([json.title, json.subtitle, json.summary]).toEqual(['Minister: “the centre is open”', '“It’s ready”', 'The “new” rules; code `"x"` and https://example.az/?q="a" stay.']);
    // The translation's title as this page links it, in its own language's marks.
    expect(json.translations[0]!.title).toBe('Министр: «центр открыт»');
    expect(await read('en/feed.xml')).toContain('Minister: “the centre is open”');
    expect(await read('en/index.html')).toContain('Minister: “the centre is open”');
    expect(await read('ru/tsentr.html')).toContain('<h1>Министр: «центр открыт»</h1>');
  });

  it('holds French guillemets to the words they quote with no-break spaces, so a line of the text never ends with « or starts with »', async () => {
    // The filler puts the opening guillemet where a line of the plain text is full.
    const body = `Le ${'x'.repeat(44)} "simplifie" les démarches, et le ${'y'.repeat(49)} "guichet" ouvre.\n`;
    const dir = await builtIn(['fr'], { 'r/fr.md': release({ title: 'Le service dit "bonjour"', lang: 'fr', location: 'Bakou', slug: 'bonjour' }, body) });
    const html = await page(dir, 'fr/bonjour.html');
    expect(html).toContain('<h1>Le service dit «\u202Fbonjour\u202F»</h1>');
    expect(html).toContain('«\u202Fsimplifie\u202F» les démarches');
    const text = await page(dir, 'fr/bonjour.txt');
    expect(text).toContain('«\u202Fsimplifie\u202F»');
    expect(text).toContain('«\u202Fguichet\u202F»');
    expect(text.split('\n').filter((line) => /«$|^»/.test(line))).toEqual([]);
  });

  it('writes an apostrophe after a word, where no single quotation opened, as an apostrophe, and opens a quotation right after an elision', async () => {
    const dir = await builtIn(['fr', 'de'], {
      'r/fr.md': release({ title: 'Le programme d\'"Europe"', lang: 'fr', slug: 'europe' }, 'Il a dit : "C\'est l\'"Europe" qui compte".\n'),
      'r/de.md': release({ title: 'Klaus\' "Buch"', lang: 'de', slug: 'buch' }, 'Klaus\' und Hans\' "Buch" ist fertig.\n'),
    });
    // Before, the apostrophe was the closing single mark (” in French, ‘ in German), and the French quotation after it closed: l”»Europe».
    const fr = await page(dir, 'fr/europe.html');
    expect(fr).toContain('<h1>Le programme d’«\u202FEurope\u202F»</h1>');
    expect(fr).toContain('Il a dit : «\u202FC’est l’“Europe” qui compte\u202F».');
    expect(await page(dir, 'fr/europe.txt')).toContain('«\u202FC’est l’“Europe” qui compte\u202F».');
    const de = await page(dir, 'de/buch.html');
    expect(de).toContain('<h1>Klaus’ „Buch“</h1>');
    expect(de).toContain('Klaus’ und Hans’ „Buch“ ist fertig.');
  });

  it('opens a quotation right after a Chinese or Japanese letter or mark, which no space parts from it, and closes it there too', async () => {
    const dir = await builtIn(['zh', 'ja'], {
      'r/zh.md': release({ title: '移民局"开放日"', lang: 'zh', slug: 'kaifangri' }, '他说："你好"，然后说\'再见\'。\n'),
      'r/ja.md': release({ title: '入国管理局"新センター"', lang: 'ja', slug: 'center' }, '彼は"こんにちは"と言った。\n'),
    });
    // Before, every quote after a letter closed: 他说：”你好”, 彼は」こんにちは」, and a single quote was an apostrophe, 说’再见’.
    const zh = await page(dir, 'zh/kaifangri.html');
    expect(zh).toContain('<h1>移民局“开放日”</h1>');
    expect(zh).toContain('他说：“你好”，然后说‘再见’。');
    expect(await page(dir, 'zh/kaifangri.txt')).toContain('他说：“你好”，然后说‘再见’。');
    const ja = await page(dir, 'ja/center.html');
    expect(ja).toContain('<h1>入国管理局「新センター」</h1>');
    expect(ja).toContain('彼は「こんにちは」と言った。');
  });

  it('gives Kazakh, Kyrgyz, Belarusian and Macedonian their own quotation marks, not the English ones', async () => {
    const said = (lang: string) => release({ title: `'Служба "${lang}"'`, lang, slug: 'said' }, 'Ол: "Біз "меморандумға" қол қойдық" деді.\n');
    const dir = await builtIn(['kk', 'ky', 'be', 'mk'], { 'r/kk.md': said('kk'), 'r/ky.md': said('ky'), 'r/be.md': said('be'), 'r/mk.md': said('mk') });
    // Before, each took the English pairs: “Біз ‘меморандумға’ қол қойдық”.
    expect(await page(dir, 'kk/said.txt')).toContain('Ол: «Біз “меморандумға” қол қойдық» деді.');
    expect(await page(dir, 'kk/said.html')).toContain('<h1>Служба «kk»</h1>');
    expect(await page(dir, 'ky/said.txt')).toContain('Ол: «Біз „меморандумға“ қол қойдық» деді.');
    expect(await page(dir, 'be/said.html')).toContain('Ол: «Біз „меморандумға“ қол қойдық» деді.');
    expect(await page(dir, 'mk/said.txt')).toContain('Ол: „Біз ‚меморандумға‘ қол қойдық“ деді.');
  });

  it('gives Greek, Armenian, Serbian in either script and Chinese in traditional characters the marks CLDR gives them, by script and region too', async () => {
    const said = (lang: string) => release({ title: `Η "υπηρεσία" ${lang}`, lang, slug: 'said' }, 'Είπε: "Το "κέντρο" είναι ανοιχτό". 他說："你好"。\n');
    const langs = ['el', 'hy', 'sr', 'sr-Latn', 'zh-Hant', 'zh-TW', 'zh-Hans', 'pt-PT'];
    const dir = await builtIn(langs, Object.fromEntries(langs.map((lang) => [`r/${lang}.md`, said(lang)])));
    // Before, each took the English pairs: “Το ‘κέντρο’ είναι ανοιχτό”.
    expect(await page(dir, 'el/said.txt')).toContain('Είπε: «Το “κέντρο” είναι ανοιχτό».');
    expect(await page(dir, 'el/said.html')).toContain('<h1>Η «υπηρεσία» el</h1>');
    expect(await page(dir, 'hy/said.txt')).toContain('Είπε: «Το «κέντρο» είναι ανοιχτό».');
    expect(await page(dir, 'sr/said.txt')).toContain('Είπε: „Το ’κέντρο’ είναι ανοιχτό”.');
    expect(await page(dir, 'sr-latn/said.html')).toContain('<h1>Η „υπηρεσία” sr-Latn</h1>');
    expect(await page(dir, 'zh-hant/said.txt')).toContain('Είπε: 「Το 『κέντρο』 είναι ανοιχτό」. 他說：「你好」。');
    expect(await page(dir, 'zh-tw/said.txt')).toContain('他說：「你好」。');
    expect(await page(dir, 'zh-hans/said.txt')).toContain('他說：“你好”。');
    expect(await page(dir, 'pt-pt/said.txt')).toContain('Είπε: «Το “κέντρο” είναι ανοιχτό».');
  });

  it('writes a Hebrew acronym\'s gershayim and a geresh after a Hebrew letter as those marks, in the title and the body, but opens a quotation after a prefix letter', async () => {
    const body = 'משלחת מארה"ב ומצה"ל ביקרה היום. ג\'ירפה וז\'קט ביום ה\' בשבוע, אמרה גב\' כהן לעיתון ה"ארץ".\n';
    const dir = await builtIn(['he'], { 'r/he.md': release({ title: 'משלחת מארה"ב ומצה"ל', lang: 'he', slug: 'mishlahat' }, body) });
    // Before, each was a closing quotation mark: מארה”ב, ג’ירפה.
    const html = await page(dir, 'he/mishlahat.html');
    expect(html).toContain('<h1>משלחת מארה״ב ומצה״ל</h1>');
    expect(html).toContain('משלחת מארה״ב ומצה״ל ביקרה היום. ג׳ירפה וז׳קט ביום ה׳ בשבוע, אמרה גב׳ כהן לעיתון ה”ארץ”.');
    // The plain text's lines are wrapped, each opening with a right-to-left mark: read its paragraphs as one line each.
    const text = (await page(dir, 'he/mishlahat.txt')).replace(/(?<!\n)\n\u200F?(?!\n)/g, ' ');
    expect(text).toContain('משלחת מארה״ב ומצה״ל ביקרה היום. ג׳ירפה וז׳קט ביום ה׳ בשבוע, אמרה גב׳ כהן לעיתון ה”ארץ”.');
  });

  it('is off by default: quotes stay as typed', async () => {
    const dir = await project({ 'r/en.md': release({ title: 'Centre opens' }, body) });
    const result = await runMain(['build', 'r', '--out', 'dist', '--format', 'text', '--now', NOW], { cwd: dir });
    expect(result.code, result.stderr).toBe(0);
    expect(await page(dir, 'en/centre-opens.txt')).toContain('said "the centre is open" and it\'s \'ready\'.');
  });
});

describe('a release in the folder of another language', () => {
  it('is a warning at its `lang`, naming the folder, from the nearest of the last three folders', async () => {
    const dir = await project({
      'releases/en/centre.md': release({ lang: 'ru', slug: 'tsentr' }),
      'releases/en/2026/permits.md': release({ lang: 'az', slug: 'icaze', title: 'İcazələr' }),
      'releases/ru/centre.md': release({ lang: 'ru', slug: 'tsentr-2', title: 'Центр' }),
      // A folder of no configured language says nothing; neither does a language folder further up than three.
      'releases/es/centre.md': release({ lang: 'en', slug: 'centre-es' }),
      'az/a/b/c/deep.md': release({ lang: 'en', slug: 'deep' }),
      // A language the project lacks is schema/enum's alone.
      'releases/az/fr.md': release({ lang: 'fr', slug: 'fr' }),
    });
    const result = await validate(dir);
    const found = result.report.diagnostics.filter((d) => d.ruleId === 'content/language-folder');
    expect(found.map((d) => [d.file, d.line, d.column, d.message])).toEqual([
      ['releases/en/2026/permits.md', 4, 7, '`lang` is "az", but the release lies in the folder of "en".'],
      ['releases/en/centre.md', 4, 7, '`lang` is "ru", but the release lies in the folder of "en".'],
    ]);
    expect(hintsOf({ report: { diagnostics: found } })[1]![2]).toBe('If the text is in "ru", move the file to the "ru" folder; if it is in "en", write `lang: en`.');
    expect(result.report.diagnostics.filter((d) => d.file === 'releases/az/fr.md').map((d) => d.ruleId)).toEqual(['schema/enum']);
    // A warning: the check passes, and the rule can be turned off.
    const one = await project({ 'releases/en/centre.md': release({ lang: 'ru', slug: 'tsentr' }) });
    const warned = await validate(one);
    expect([warned.code, warned.report.diagnostics.map((d) => d.ruleId)]).toEqual([0, ['content/language-folder']]);
    await writeFile(join(one, 'migration-news.config.yaml'), 'rules:\n  content/language-folder: off\n');
    expect((await validate(one)).report.diagnostics).toEqual([]);
  });
});

describe('a link or image whose address has a space', () => {
  it('is a warning over the whole link, with both ways to write it, in quotes and lists too, and nothing for links that were read', async () => {
    const body = [
      'The new centre ![Centre front](photos/new centre.jpg) opened.',
      '',
      'See [the rules](https://example.az/rules "The rules"), [ok](<my file.pdf>), `[x](a b)` and [guide](docs/my guide.pdf).',
      '',
      '> Quote with [a link](some where) inside.',
      '',
      '- item [x](y z)',
      '',
      // Another tool's template in the address is content/template-syntax's alone.
      'Read the [regulations]({{ site.baseurl }}/regulations/).',
      '',
    ].join('\n');
    const dir = await project({ 'r.md': release({}, body) });
    const result = await validate(dir);
    const found = result.report.diagnostics.filter((d) => d.ruleId === 'content/unread-link') as (Report['diagnostics'][number] & { endColumn: number; hint: string })[];
    expect(found.map((d) => [d.line, d.column, d.endColumn])).toEqual([[7, 16, 54], [9, 92, 118], [11, 14, 34], [13, 8, 16]]);
    expect(found[0]!.message).toBe('The image "![Centre front](photos/new centre.jpg)" is not read as an image: its address has a space, so the page shows it as text.');
    expect(found[0]!.hint).toBe('Write the address without spaces, ![Centre front](photos/new%20centre.jpg), or in angle brackets, ![Centre front](<photos/new centre.jpg>). A file name without spaces is simplest.');
    expect(found[1]!.message).toBe('The link "[guide](docs/my guide.pdf)" is not read as a link: its address has a space, so the page shows it as text.');
    expect(result.code).toBe(0);
  });

  it('keeps a title a title in its hint, pairs brackets inside the text, and leaves escaped brackets alone', async () => {
    const body = [
      'See [guide](docs/my guide.pdf "The guide").',
      '',
      'See [the [annex] now](my file.pdf).',
      '',
      'Just \\[not a link\\](just words) here, and [no link either\\](some words).',
      '',
      // An escaped backslash escapes nothing after it; a link read in a table cell with an escaped pipe is no warning.
      'See \\\\[x](a b).',
      '',
      '| Link | Note |',
      '|---|---|',
      '| [Guide\\|2026](guide.pdf "The guide") | `[x\\|y](a b)` |',
      '',
    ].join('\n');
    const dir = await project({ 'r.md': release({}, body) });
    const found = (await validate(dir)).report.diagnostics.filter((d) => d.ruleId === 'content/unread-link') as (Report['diagnostics'][number] & { hint: string })[];
    expect(found.map((d) => [d.line, d.column, d.hint])).toEqual([
      [7, 5, 'Write the address without spaces, [guide](docs/my%20guide.pdf "The guide"), or in angle brackets, [guide](<docs/my guide.pdf> "The guide").'],
      [9, 5, 'Write the address without spaces, [the [annex] now](my%20file.pdf), or in angle brackets, [the [annex] now](<my file.pdf>).'],
      [13, 7, 'Write the address without spaces, [x](a%20b), or in angle brackets, [x](<a b>).'],
    ]);
  });

  it('tells of a link, an image or a definition whose address was left empty, and gives its text alone in the plain text', async () => {
    const body = 'Apply with [the form]() or [the guide](<>), see ![The map]() and [the rules][r].\n\n[r]: <>\n';
    const dir = await project({ 'r/a.md': release({ title: 'Forms' }, body) });
    const result = await runMain(['build', 'r', '--out', 'dist', '--format', 'html,text', '--reporter', 'json', '--now', NOW], { cwd: dir });
    expect(result.code, result.stderr).toBe(0);
    const found = (JSON.parse(result.stdout) as { diagnostics: { line: number; column: number; ruleId: string; message: string }[] }).diagnostics;
    expect(found.map((d) => `${d.line}:${d.column} ${d.ruleId} ${d.message}`)).toEqual([
      '7:12 content/unread-link The link "[the form]()" has no address, so it leads nowhere.',
      '7:28 content/unread-link The link "[the guide](<>)" has no address, so it leads nowhere.',
      '7:49 content/unread-link The image "![The map]()" has no address, so the page shows no picture.',
      '9:1 content/unread-link The definition "[r]: <>" has no address, so it leads nowhere.',
    ]);
    const text = await readFile(join(dir, 'dist/en/forms.txt'), 'utf8');
    expect(text.replace(/\s+/g, ' ')).toContain('Apply with the form or the guide, see The map and the rules.');
  });

  it('tells a link whose title holds its own quote mark that the title is ended by it, not that its address has a space', async () => {
    const body = 'Read [the report](https://example.az/r.pdf "The "2026" report") and see ![Map](https://example.az/map.png \'Baku\'s centre\') and [y](/rules "a \'b\' "c" d").\n';
    const dir = await project({ 'r.md': release({}, body) });
    const found = (await validate(dir)).report.diagnostics.filter((d) => d.ruleId === 'content/unread-link') as (Report['diagnostics'][number] & { hint: string })[];
    expect(found.map((d) => [d.line, d.column, d.message, d.hint])).toEqual([
      [7, 6, 'The link "[the report](https://example.az/r.pdf \\"The \\"2026\\" repo…" is not read as a link: its title holds a " of its own, which Markdown takes for the title\'s end, so the page shows it as text.',
        'Put a backslash before each " inside the title, [the report](https://example.az/r.pdf "The \\"2026\\" report"), or write it in single quotes, [the report](https://example.az/r.pdf \'The "2026" report\').'],
      [7, 73, 'The image "![Map](https://example.az/map.png \'Baku\'s centre\')" is not read as an image: its title holds a \' of its own, which Markdown takes for the title\'s end, so the page shows it as text.',
        'Put a backslash before each \' inside the title, ![Map](https://example.az/map.png \'Baku\\\'s centre\'), or write it in double quotes, ![Map](https://example.az/map.png "Baku\'s centre").'],
      [7, 128, 'The link "[y](/rules \\"a \'b\' \\"c\\" d\\")" is not read as a link: its title holds a " of its own, which Markdown takes for the title\'s end, so the page shows it as text.',
        'Put a backslash before each " inside the title, [y](/rules "a \'b\' \\"c\\" d").'],
    ]);
  });

  it('tells a telephone number written with spaces how a phone dials it, not as %20 or in angle brackets, which are no telephone address either', async () => {
    const body = [
      'Call [the hotline](tel:+994 12 555 00 00) or [the desk](tel:+994 12 555 00 01 "Press desk").',
      '',
      'Or [the office](<tel:+994 12 555 00 02>), <tel:+994 12 555 00 03>, and not `<tel:+1 2>` in code.',
      '',
    ].join('\n');
    const dir = await project({ 'r.md': release({}, body) });
    const result = await validate(dir);
    const found = result.report.diagnostics.filter((d) => d.ruleId === 'content/unread-link' || d.ruleId === 'content/link-scheme') as (Report['diagnostics'][number] & { hint: string })[];
    expect(found.map((d) => [d.ruleId, d.line, d.column, d.hint])).toEqual([
      ['content/unread-link', 7, 6, 'Write the number without spaces, [the hotline](tel:+994125550000), or with hyphens between its groups, [the hotline](tel:+994-12-555-00-00): a telephone number\'s address takes no spaces, even in angle brackets.'],
      ['content/unread-link', 7, 46, 'Write the number without spaces, [the desk](tel:+994125550001 "Press desk"), or with hyphens between its groups, [the desk](tel:+994-12-555-00-01 "Press desk"): a telephone number\'s address takes no spaces, even in angle brackets.'],
      ['content/link-scheme', 9, 4, 'Write the number without spaces, tel:+994125550002, or with hyphens between its groups, tel:+994-12-555-00-02: a telephone number\'s address takes no spaces, even in angle brackets.'],
      ['content/unread-link', 9, 43, 'Write the number without spaces, <tel:+994125550003>, or with hyphens between its groups, <tel:+994-12-555-00-03>: a telephone number\'s address takes no spaces, even in angle brackets.'],
    ]);
    expect(found[3]!.message).toBe('The address "<tel:+994 12 555 00 03>" is not read as a link: it has spaces, which a telephone number\'s address cannot have, so the page shows it as text, angle brackets and all.');
    expect(found[2]!.message).toBe('The link URL "tel:+994 12 555 00 02" is a telephone number with spaces, which a telephone number\'s address cannot have; it is removed from the output.');
    // Each way the hints give is a link a phone dials, with no warning.
    const fixed = await project({ 'r.md': release({}, 'Call [the hotline](tel:+994125550000) or [the desk](tel:+994-12-555-00-01 "Press desk"), or <tel:+994125550003>.\n') });
    expect((await validate(fixed)).report.diagnostics).toEqual([]);
  });

  it('names a reference link whose label the body does not define, wherever it is, and no other bracketed text', async () => {
    const body = [
      'See [the guide][guide], [the rules][Rules  Of 2026], [Annex][] and [annex 2][].',
      '',
      '- In a list: [the form][form], [sic], [a] [b] and `[x][y]` in code, as reported[1][2] and in f(a[, b][, c]).',
      '',
      '[rules of 2026]: https://example.az/rules',
      '[annex]: https://example.az/annex',
    ].join('\n');
    const dir = await project({ 'r.md': release({}, body) });
    const result = await validate(dir);
    const found = result.report.diagnostics.filter((d) => d.ruleId === 'content/unread-link') as (Report['diagnostics'][number] & { endColumn: number; hint: string })[];
    expect(found.map((d) => [d.line, d.column, d.endColumn])).toEqual([[7, 5, 23], [7, 68, 79], [9, 14, 30]]);
    expect(found[0]!.message).toBe('The link "[the guide][guide]" is not read as a link: Markdown finds no definition of "[guide]" in the body, so the page shows it as text.');
    expect(found[0]!.hint).toBe('Add a line such as "[guide]: https://…" after a blank line (a space, not a tab, after the colon), or write the address in the link, as [text](https://…).');
    expect(found[1]!.message).toBe('The link "[annex 2][]" is not read as a link: Markdown finds no definition of "[annex 2]" in the body, so the page shows it as text.');
    expect(result.code).toBe(0);
  });

  it('names a footnote cited but never defined, and one defined but never cited, and no citation in code', async () => {
    const body = 'A claim[^9] and a figure[^1], `[^x]` in code.\n\n[^1]: Figures to 30 April.\n[^2]: A note no one cites.\n';
    const dir = await project({ 'r.md': release({}, body) });
    const result = await validate(dir);
    const found = result.report.diagnostics.filter((d) => d.ruleId === 'content/footnote') as (Report['diagnostics'][number] & { endColumn: number; hint: string })[];
    expect(found.map((d) => [d.line, d.column, d.message])).toEqual([
      [7, 8, 'The footnote "[^9]" is cited, but no "[^9]: …" line defines its note, so the page shows the brackets as text.'],
      [10, 1, 'The footnote "[^2]" is never cited in the text, so no output shows it.'],
    ]);
    expect(result.code).toBe(0);
  });

  it('names an image whose `!` a space parts from its `[`, in quotes and lists too, and a link with no text, but not a `!` that ends a sentence', async () => {
    const dir = await project({
      'r.md': release({}, '> ! [Mərkəz](foto/merkez.jpg)\n\n- Bax: ! [Xəritə](https://example.az/xerite.png)\n\nMüraciət edin! [Forma](https://example.az/forma) və [](https://example.az/forma). Inscrivez-vous ! [Formulaire](https://example.az/fr).\n'),
    });
    const result = await validate(dir);
    const found = result.report.diagnostics as (Report['diagnostics'][number] & { hint: string })[];
    expect(found.map((d) => [d.ruleId, d.line, d.column, d.hint])).toEqual([
      ['content/unread-link', 7, 3, 'Delete the space after the `!`: "![Mərkəz](foto/merkez.jpg)".'],
      ['content/unread-link', 9, 8, 'Delete the space after the `!`: "![Xəritə](https://example.az/xerite.png)".'],
      ['content/unread-link', 11, 53, 'Write what the link leads to between the brackets: "[the application form](https://example.az/forma)".'],
    ]);
    expect(found[0]!.message).toBe('The image "! [Mərkəz](foto/merkez.jpg)" is not read as an image: a space parts the `!` from the `[`, so the page shows "!" and a link instead of the picture, and the file is not copied.');
    expect(result.code).toBe(0);
  });

  it('takes time in proportion to the body, however many there are', async () => {
    const dir = await project({ 'r.md': release({}, `${'[x](a b) '.repeat(60_000)}\n\n${'](a b)'.repeat(60_000)}\n`) });
    const started = performance.now();
    const result = await validate(dir);
    // A second or two; without the look back's limit, the check ran past the test's minute.
    expect(performance.now() - started).toBeLessThan(15_000);
    const unread = result.report.diagnostics.filter((d) => d.ruleId === 'content/unread-link');
    expect(unread).toHaveLength(101);
    expect(unread.filter((d) => /^\d+ more problems/.test(d.message)).map((d) => d.message.split(' ')[0])).toEqual(['59900']);
  });
});

describe('a line break in a field printed as one line', () => {
  it('is an error at the field, so it cannot break the dateline or forge a line of the plain text', async () => {
    const dir = await project({
      'r.md': [
        '---',
        'title: "Centre opens\\n\\nEMBARGOED UNTIL 1 JANUARY 2030\\n###"',
        'date: 2026-05-14',
        'lang: en',
        'status: published',
        'location: "Baku\\nGanja"',
        'subtitle: |',
        '  First line',
        '  second line',
        'summary: |',
        '  A summary may run',
        '  over lines.',
        'tags: ["visa\\nBcc: x"]',
        'contacts:',
        '  - name: "Press\\nOffice"',
        'image:',
        '  src: https://example.az/a.jpg',
        '  alt: "A\u2028B"',
        '---',
        'Body.',
        '',
      ].join('\n'),
    });
    const result = await validate(dir);
    expect(result.code).toBe(1);
    expect(result.report.diagnostics.map((d) => [d.line, d.ruleId, d.message.replace(/; it is .*/, '')])).toEqual([
      [2, 'schema/format', '`title` must be one line, but holds a line break'],
      [6, 'schema/format', '`location` must be one line, but holds a line break'],
      [7, 'schema/format', '`subtitle` must be one line, but holds a line break'],
      [13, 'schema/format', '`tags[0]` must be one line, but holds a line break'],
      [15, 'schema/format', '`contacts[0].name` must be one line, but holds a line break'],
      [18, 'schema/format', '`image.alt` must be one line, but holds a line break'],
      [18, 'content/invisible-character', 'The text contains a line separator (U+2028), which cannot be seen but changes how the text is searched, broken or read.'],
    ]);
    // A folded or literal value ends with YAML's own line break: one line all the same.
    const folded = await project({ 'r.md': release({ title: '>\n  A headline folded\n  over two lines', subtitle: '|\n  One line' }) });
    expect((await validate(folded)).report.diagnostics).toEqual([]);
  });
});

describe('a translation whose body is its original\'s', () => {
  it('is a warning in another language, not in a regional version of the same one', async () => {
    const body = 'The State Migration Service opened a new centre in Ganja today.\n';
    const dir = await project({
      'migration-news.config.yaml': 'languages: [en, en-GB, az]\n',
      'r/en.md': release({ id: 'centre', slug: 'centre' }, body),
      'r/en-gb.md': release({ id: 'centre', lang: 'en-GB', slug: 'centre-gb' }, body),
      // The copy is the draft: the published versions are taken for the original, whatever the order of the files.
      'r/az.md': release({ id: 'centre', lang: 'az', slug: 'merkez', status: 'draft' }, body),
    });
    const found = (await validate(dir)).report.diagnostics.filter((d) => d.ruleId === 'translation/untranslated');
    expect(found.map((d) => [d.file, d.message])).toEqual([['r/az.md', 'This translation\'s body is word for word the en-GB version\'s (r/en-gb.md): it has not been translated yet.']]);
  });
});

describe('a heading written without a space after its hashes', () => {
  it('is a warning at its hashes in a quote too, and a hashtag in Cyrillic running text is not', async () => {
    const dir = await project({
      'r.md': release({}, 'Лид.\n\n> Цитата начальника службы.\n> ##Подробнее\n\n#Предыстория\nСлужба открыла центр в 2024 году.\n\nКампания #БезопаснаяМиграция идёт\n#визы по всей стране.\n'),
    });
    const result = await validate(dir);
    expect(result.report.diagnostics.map((d) => [d.ruleId, d.line, d.column])).toEqual([
      ['content/unread-heading', 10, 3],
      ['content/unread-heading', 12, 1],
    ]);
  });
});

describe('emphasis with a space inside its markers', () => {
  it('is a warning at the markers with the text to write, in Russian text and lists too, and not for signs, footnote marks or code', async () => {
    const dir = await project({
      'r.md': release({}, 'Центр работает ** без выходных **.\n\n- Приём *по записи *, 2 * 3 * 4 окна, Баку * Гянджа * Газах.\n\nПошлина* и сбор*; `** код **` и \\*звёздочка \\*.\n'),
    });
    const result = await validate(dir);
    const found = result.report.diagnostics as (Report['diagnostics'][number] & { hint: string })[];
    expect(found.map((d) => [d.ruleId, d.line, d.column, d.message, d.hint])).toEqual([
      ['content/spaced-emphasis', 7, 16, 'The bold text "** без выходных **" has a space inside its `**` markers, so Markdown does not read it as emphasis: every output shows the asterisks.', 'Write the markers against the words: "**без выходных**".'],
      ['content/spaced-emphasis', 9, 9, 'The italic text "*по записи *" has a space inside its `*` markers, so Markdown does not read it as emphasis: every output shows the asterisks.', 'Write the markers against the words: "*по записи*".'],
    ]);
    expect(result.code).toBe(0);
  });

  it('is listed a hundred times at most, the rest counted, in time in proportion to the body, however many markers it holds', async () => {
    const dir = await project({ 'r.md': release({}, `${'a ** b ** '.repeat(50_000)}\n\n${'* _ '.repeat(100_000)}x\n`) });
    const started = performance.now();
    const result = await validate(dir);
    // A second or two: a bound of its own, not the test's minute, so that a pass that grows with the square of the body fails here.
    expect(performance.now() - started).toBeLessThan(15_000);
    const spaced = result.report.diagnostics.filter((d) => d.ruleId === 'content/spaced-emphasis');
    expect(spaced).toHaveLength(101);
    expect(spaced.filter((d) => /^\d+ more problems/.test(d.message)).map((d) => d.message.split(' ')[0])).toEqual(['49900']);
  });
});

describe('a rule found more than a hundred times in a body', () => {
  // Several body rules stopped at ten without a word: the rest were neither listed nor counted, so `--max-warnings` let them through.
  it('lists a hundred, counts the rest in one more diagnostic, and --max-warnings counts them all', async () => {
    const dir = await project({
      'a.md': release({}, `Text ${Array.from({ length: 12 }, (_, i) => `{{ a${i} }}`).join(' ')}\n`),
      'b.md': release({}, `${Array.from({ length: 150 }, (_, i) => `##About the service, part ${i}`).join('\n\n')}\n`),
    });
    const twelve = await runMain(['validate', 'a.md', '--max-warnings', '11', '--now', NOW], { cwd: dir });
    expect(twelve.stdout).toMatch(/12 problems \(0 errors, 12 warnings/);
    expect(twelve.code).toBe(1);
    const many = await runMain(['validate', 'b.md', '--reporter', 'json', '--now', NOW], { cwd: dir });
    const headings = (JSON.parse(many.stdout) as { diagnostics: { ruleId: string; message: string }[] }).diagnostics.filter((d) => d.ruleId === 'content/unread-heading');
    expect(headings).toHaveLength(101);
    expect(headings.filter((d) => /^\d+ more problems/.test(d.message)).map((d) => d.message.split(' ')[0])).toEqual(['50']);
    expect((await runMain(['validate', 'b.md', '--max-warnings', '149', '--now', NOW], { cwd: dir })).code).toBe(1);
    expect((await runMain(['validate', 'b.md', '--max-warnings', '150', '--now', NOW], { cwd: dir })).code).toBe(0);
  });
});

describe('control characters in a body', () => {
  // Only the first was told: each of the others came up one run at a time.
  it('are each told, at their own line and column', async () => {
    const dir = await project({ 'r.md': release({}, 'Text a\u0001b.\n\nMore \u202E rlo.\n\nAnd \u0002 too, \u0002 twice.\n') });
    const result = await runMain(['validate', 'r.md', '--reporter', 'json', '--now', NOW], { cwd: dir });
    const found = (JSON.parse(result.stdout) as { diagnostics: { ruleId: string; line: number; column: number; endColumn: number; message: string }[] }).diagnostics.filter((d) => d.ruleId === 'content/control-character');
    const first = found[0]!.line;
    expect(found.map((d) => [d.line - first, d.column, d.endColumn, /U\+([0-9A-F]{4})/.exec(d.message)![1]])).toEqual([[0, 7, 8, '0001'], [2, 6, 7, '202E'], [4, 5, 6, '0002'], [4, 12, 13, '0002']]);
    expect(result.code).toBe(1);
  });

  // Only the first reference of a body was told, and none where the body also held a character itself.
  it('written as numeric references are each told too, beside the characters themselves', async () => {
    const dir = await project({ 'r.md': release({}, 'Text a\u0001b &#x202E; and &#1;.\n\nMore &#8237; here,\nand &#x202C; on the next line.\n') });
    const result = await runMain(['validate', 'r.md', '--reporter', 'json', '--now', NOW], { cwd: dir });
    const found = (JSON.parse(result.stdout) as { diagnostics: { ruleId: string; line: number; column: number; endColumn: number; message: string }[] }).diagnostics.filter((d) => d.ruleId === 'content/control-character');
    const first = found[0]!.line;
    expect(found.map((d) => [d.line - first, d.column, d.endColumn, /U\+([0-9A-F]{4})/.exec(d.message)![1], /"(&[^"]*)"/.exec(d.message)?.[1] ?? null])).toEqual([
      [0, 7, 8, '0001', null],
      [0, 10, 18, '202E', '&#x202E;'],
      [0, 23, 27, '0001', '&#1;'],
      [2, 6, 13, '202D', '&#8237;'],
      [3, 5, 13, '202C', '&#x202C;'],
    ]);
    expect(result.code).toBe(1);
  });
});
