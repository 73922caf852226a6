import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { NOW, ROOT, runMain, useProjects } from './helpers/cli.js';

/** Hints for the YAML mistakes people make most in front matter, through `validate`. */

const FIXTURES = join(ROOT, 'test', 'fixtures', 'content', 'yaml-hints');

const project = useProjects();

interface Reported { ruleId: string; line: number; column: number; endLine: number | null; endColumn: number | null; severity: string; message: string; hint: string | null }

async function check(name: string, config?: string): Promise<{ code: number | null; diagnostics: Reported[] }> {
  const dir = await project({
    'release.md': await readFile(join(FIXTURES, name), 'utf8'),
    ...(config ? { 'migration-news.config.yaml': config } : {}),
  });
  const result = await runMain(['validate', '.', '--reporter', 'json', '--now', NOW], { cwd: dir });
  return { code: result.code, diagnostics: (JSON.parse(result.stdout) as { diagnostics: Reported[] }).diagnostics };
}

describe('YAML hints', () => {
  it('place a problem after a value that runs over several lines on its own line, in a config file and in front matter', async () => {
    // A plain value runs on over the lines below it (tab-indented here, as a Git config's are): the `:` further down is on line 5, column 7.
    const config = '[core]\n\tx = 0\n\ty = 1\n[http]\n\tz = A: b c\n';
    const dir = await project({ 'migration-news.config.yaml': config, 'r/a.md': '---\ntitle: A title\n  that runs on\n  and on\nlang: en: x\n---\nBody.\n' });
    const result = await runMain(['validate', 'r', '--reporter', 'json', '--now', NOW], { cwd: dir });
    const found = (JSON.parse(result.stdout) as { diagnostics: (Reported & { file: string })[] }).diagnostics.map((d) => [d.file, d.line, d.column]);
    expect(found).toContainEqual(['migration-news.config.yaml', 5, 7]);
    expect(found.filter(([file]) => file === 'migration-news.config.yaml').every(([, line]) => line === 2 || line === 5)).toBe(true);
    expect(found.filter(([file]) => file === 'r/a.md').map(([, line]) => line)).toEqual([5]);
  });

  it('an unquoted value containing ": " says to quote it, with the line to write', async () => {
    const { code, diagnostics } = await check('colon-in-value.md');
    expect(code).toBe(1);
    expect(diagnostics).toHaveLength(1);
    expect(diagnostics[0]).toMatchObject({ ruleId: 'yaml/syntax', line: 2 });
    expect(diagnostics[0]!.hint).toBe('A value that contains `: ` must be quoted, or YAML reads a second key in it: `title: "Ganja: new centre opens"`.');
  });

  it('an unquoted value containing ": " that runs on over the lines below says to quote all of it, not its first line', async () => {
    const hints: (string | null)[] = [];
    for (const summary of [
      'The service: opens\n  a new centre in Ganja.',
      'The migration service opens a new centre\n  in Ganja. The service: opens at nine.',
      'The service: opens a new centre in Ganja for foreigners\n  who apply for residence permits, and it works\n  every day from nine.',
    ]) {
      const dir = await project({ 'r/a.md': `---\ntitle: Centre\ndate: 2026-05-14\nlang: en\nsummary: ${summary}\ntags: [centre]\n---\nText.\n` });
      const result = await runMain(['validate', 'r', '--reporter', 'json', '--now', NOW], { cwd: dir });
      hints.push((JSON.parse(result.stdout) as { diagnostics: Reported[] }).diagnostics.find((d) => d.line === 5)?.hint ?? null);
    }
    const hint = (lines: string, value: string) => `A value that contains \`: \` must be quoted, or YAML reads a second key in it; this one runs on over ${lines}, and the quotes go around all of it: \`summary: "${value}"\`.`;
    expect(hints).toEqual([
      hint('the next line', 'The service: opens a new centre in Ganja.'),
      hint('the next line', 'The migration service opens a new centre in Ganja. The service: opens at nine.'),
      // Too long to show whole: its start and its end, where the closing quote goes.
      hint('the next 2 lines', 'The service: opens a new centre in Ganja … and it works every day from nine.'),
    ]);
  });

  it('the same over a blank line between its lines, which YAML reads as a line break in the value, not as its end', async () => {
    // The suggestion stopped at the blank line, leaving the text below it out of the value and the front matter broken there.
    const dir = await project({ 'r/a.md': '---\ntitle: Centre\ndate: 2026-05-14\nlang: en\nsummary: The service: opens\n  a new centre.\n\n  It works every day.\n\ntags: [centre]\n---\nText.\n' });
    const result = await runMain(['validate', 'r', '--reporter', 'json', '--now', NOW], { cwd: dir });
    const { hint } = (JSON.parse(result.stdout) as { diagnostics: Reported[] }).diagnostics.find((d) => d.line === 5)!;
    expect(hint).toBe('A value that contains `: ` must be quoted, or YAML reads a second key in it; this one runs on over the next 3 lines, and the quotes go around all of it: `summary: "The service: opens a new centre.\\nIt works every day."`.');
    // What YAML reads from it is what it reads from the value written as a block, whose text it is.
    expect(suggestedValues(hint, 'summary')).toEqual([parse('summary: >-\n  The service: opens\n  a new centre.\n\n  It works every day.\n').summary]);
  });

  it('a value over several lines that opens with a character YAML reads as its own syntax, with a block\'s header, or in quotes with the same quote inside, is quoted whole', async () => {
    // The line to write held the first line alone, and the text below it was left out, to break the front matter there.
    const cases: [lines: string, hint: string, value: string][] = [
      ['title: [VIDEO] Border operation\n  in Ganja', 'A value that opens with `[` must be quoted, or YAML reads it as its own syntax, not as text; this one runs on over the next line, and the quotes go around all of it: `title: "[VIDEO] Border operation in Ganja"`.', '[VIDEO] Border operation in Ganja'],
      ['title: >- Border operation\n  in Ganja # draft', 'A block\'s text starts on the line below its `>-`, indented: YAML reads none on the header\'s line. Move the text below it, or write it on one line without the `>-`; this one runs on over the next line, and the quotes go around all of it: `title: "Border operation in Ganja" # draft`.', 'Border operation in Ganja'],
      // A quoted value not closed on its line runs on to the quote that closes it.
      ['title: "Centre for "new"\n  arrivals"  # checked', 'A `"` inside a double-quoted value ends it early: put the value in single quotes, `title: \'Centre for "new" arrivals\'  # checked`, or write `\\"` for each quote inside.', 'Centre for "new" arrivals'],
      ["title: 'Minister's visit\n  to Ganja'", 'A `\'` inside a single-quoted value ends it early: put the value in double quotes, `title: "Minister\'s visit to Ganja"`, or write `\'\'` for each apostrophe inside.', "Minister's visit to Ganja"],
    ];
    for (const [lines, hint, value] of cases) {
      const dir = await project({ 'r.md': `---\n${lines}\ndate: 2026-05-14\nlang: en\n---\nBody.\n` });
      const result = await runMain(['validate', 'r.md', '--reporter', 'json', '--now', NOW], { cwd: dir });
      const found = (JSON.parse(result.stdout) as { diagnostics: Reported[] }).diagnostics.find((d) => d.ruleId === 'yaml/syntax' && d.line === 2);
      expect.soft(found?.hint, lines).toBe(hint);
      expect.soft(suggestedValues(hint, 'title'), lines).toEqual([value]);
    }
  });

  it('a value that opens with a quoted word and runs on over the lines below is quoted whole, by each hint its line gets', async () => {
    // Only a plain value was followed onto the lines below: the line to write left `in Ganja.` out.
    const dir = await project({ 'r.md': '---\ntitle: Centre\ndate: 2026-05-14\nlang: en\nsummary: "Asan" centre: opens\n  in Ganja.  # checked\n---\nText.\n' });
    const result = await runMain(['validate', 'r.md', '--reporter', 'json', '--now', NOW], { cwd: dir });
    const hints = (JSON.parse(result.stdout) as { diagnostics: Reported[] }).diagnostics.filter((d) => d.line === 5).map((d) => d.hint);
    expect.soft(hints).toEqual([
      'A value that contains `: ` must be quoted, or YAML reads a second key in it; this one runs on over the next line, and the quotes go around all of it: `summary: \'"Asan" centre: opens in Ganja.\'  # checked`.',
      'A `"` inside a double-quoted value ends it early: put the value in single quotes, `summary: \'"Asan" centre: opens in Ganja.\'  # checked`, or write `\\"` for each quote inside.',
    ]);
    expect.soft(hints.flatMap((hint) => suggestedValues(hint, 'summary'))).toEqual(['"Asan" centre: opens in Ganja.', '"Asan" centre: opens in Ganja.']);
    // A `#` inside the quoted word is the word's: only the one after it starts a comment.
    const room = await project({ 'r.md': '---\ntitle: Centre\ndate: 2026-05-14\nlang: en\nsummary: "Room # 2" opens: today # checked\n---\nText.\n' });
    const told = (JSON.parse((await runMain(['validate', 'r.md', '--reporter', 'json', '--now', NOW], { cwd: room })).stdout) as { diagnostics: Reported[] }).diagnostics;
    expect.soft(told.find((d) => d.line === 5)?.hint).toBe('A value that contains `: ` must be quoted, or YAML reads a second key in it: `summary: \'"Room # 2" opens: today\' # checked`.');
  });

  it('a text field that opens with a character YAML reads as its own syntax says to quote it, with the line to write', async () => {
    const values = ['[VİDEO] Sərhəddə əməliyyat', '@DMX yeni qaydalar', '`e-gov.az` portalı', '* vacib', '> 50% artım', '- yeni qaydalar', '| birinci'];
    const hints: (string | null)[] = [];
    for (const value of values) {
      const dir = await project({ 'r/a.md': `---\ntitle: ${value}\ndate: 2026-05-14\nlang: az\ncontacts:\n  - name: @nermin\n---\nMətn.\n` });
      const result = await runMain(['validate', 'r', '--reporter', 'json', '--now', NOW], { cwd: dir });
      const found = (JSON.parse(result.stdout) as { diagnostics: Reported[] }).diagnostics;
      hints.push(found.find((d) => d.line === 2)?.hint ?? null, found.find((d) => d.line === 6)?.hint ?? null);
    }
    const contact = 'A value that opens with `@` must be quoted, or YAML reads it as its own syntax, not as text: `name: "@nermin"`.';
    expect(hints).toEqual([
      'A value that opens with `[` must be quoted, or YAML reads it as its own syntax, not as text: `title: "[VİDEO] Sərhəddə əməliyyat"`.', contact,
      'A value that opens with `@` must be quoted, or YAML reads it as its own syntax, not as text: `title: "@DMX yeni qaydalar"`.', contact,
      'A value that opens with `` ` `` must be quoted, or YAML reads it as its own syntax, not as text: `title: "`e-gov.az` portalı"`.', contact,
      'A value that opens with `*` must be quoted, or YAML reads it as its own syntax, not as text: `title: "* vacib"`.', contact,
      'A value that opens with `>` must be quoted, or YAML reads it as its own syntax, not as text: `title: "> 50% artım"`.', contact,
      'A value that opens with `-` must be quoted, or YAML reads it as its own syntax, not as text: `title: "- yeni qaydalar"`.', contact,
      'A value that opens with `|` must be quoted, or YAML reads it as its own syntax, not as text: `title: "| birinci"`.', contact,
    ]);
  });

  it('a block\'s header with the text after it on its line says to write the text below it, or without the header, not the header quoted into the text', async () => {
    const hints: (string | null)[] = [];
    for (const value of ['>- Xidmət yeni mərkəz açır', '|+ Birinci sətir', '>2 Mətn']) {
      const dir = await project({ 'r/a.md': `---\ntitle: Mərkəz\ndate: 2026-05-14\nlang: az\nsummary: ${value}\n---\nMətn.\n` });
      const result = await runMain(['validate', 'r', '--reporter', 'json', '--now', NOW], { cwd: dir });
      hints.push((JSON.parse(result.stdout) as { diagnostics: Reported[] }).diagnostics.find((d) => d.line === 5)?.hint ?? null);
    }
    expect(hints).toEqual([
      'A block\'s text starts on the line below its `>-`, indented: YAML reads none on the header\'s line. Move the text below it, or write it on this line without the `>-`: `summary: "Xidmət yeni mərkəz açır"`.',
      'A block\'s text starts on the line below its `|+`, indented: YAML reads none on the header\'s line. Move the text below it, or write it on this line without the `|+`: `summary: "Birinci sətir"`.',
      'A block\'s text starts on the line below its `>2`, indented: YAML reads none on the header\'s line. Move the text below it, or write it on this line without the `>2`: `summary: "Mətn"`.',
    ]);
  });

  it('a double quote inside a double-quoted value suggests single quotes or \\"', async () => {
    const { diagnostics } = await check('quotes-in-double-quotes.md');
    expect(diagnostics[0]).toMatchObject({ ruleId: 'yaml/syntax', line: 2 });
    expect(diagnostics[0]!.hint).toBe('A `"` inside a double-quoted value ends it early: put the value in single quotes, `title: \'Centre for "new arrivals" opens\'`, or write `\\"` for each quote inside.');
  });

  it('a value that only starts with a quoted word keeps that word\'s quotes in the suggestion', async () => {
    const { diagnostics } = await check('quote-at-start.md');
    expect(diagnostics[0]).toMatchObject({ ruleId: 'yaml/syntax', line: 5 });
    expect(diagnostics[0]!.hint).toBe('A `"` inside a double-quoted value ends it early: put the value in single quotes, `summary: \'"Open" now\'`, or write `\\"` for each quote inside.');
  });

  it('a quoted value never closed is reported where it opens, with the line to write', async () => {
    const { diagnostics } = await check('unclosed-quote.md');
    expect(diagnostics).toHaveLength(1);
    expect(diagnostics[0]).toMatchObject({ ruleId: 'yaml/syntax', line: 2, column: 8, message: expect.stringMatching(/^The quoted value that opens here is never closed/) });
    expect(diagnostics[0]!.hint).toBe('End the value with `"` on its line: `title: "Ganja: new service centre opens"`.');
    // The same in a config file, whose YAML starts on its first line.
    const dir = await project({ 'migration-news.config.yaml': "organisation:\n  name: 'State Migration Service\nlanguages: [en]\n", 'r/a.md': '---\ntitle: T\ndate: 2026-05-14\nlang: en\n---\nBody.\n' });
    const result = await runMain(['validate', 'r', '--reporter', 'json', '--now', NOW], { cwd: dir });
    expect((JSON.parse(result.stdout) as { diagnostics: Reported[] }).diagnostics[0]).toMatchObject({ ruleId: 'yaml/syntax', line: 2, column: 9, hint: "End the value with `'` on its line: `name: 'State Migration Service'`." });
  });

  it('a quoted value never closed before a comment written "# like this" is closed before the comment, which the hint names', async () => {
    // The line to write closed the quote after the comment, which then stood in the title.
    const hints: (string | null)[] = [];
    for (const line of ['title: "Ganja: new centre opens  # checked by legal', 'title: "Ganja: Room #1 opens']) {
      const dir = await project({ 'r.md': `---\n${line}\ndate: 2026-05-14\nlang: en\n---\nBody.\n` });
      const result = await runMain(['validate', 'r.md', '--reporter', 'json', '--now', NOW], { cwd: dir });
      hints.push((JSON.parse(result.stdout) as { diagnostics: Reported[] }).diagnostics[0]?.hint ?? null);
    }
    expect(hints).toEqual([
      'End the value with `"` on its line: `title: "Ganja: new centre opens"  # checked by legal`. If "# checked by legal" belongs to the value, end it after that instead.',
      // A `#` before a word is the value's, as the rule for a comment after an unquoted value has it.
      'End the value with `"` on its line: `title: "Ganja: Room #1 opens"`.',
    ]);
    expect(suggestedValues(hints[0]!, 'title')).toEqual(['Ganja: new centre opens']);
  });

  it('a list or mapping never closed is reported where it opens, with the line to write, not at the next field', async () => {
    const { diagnostics } = await check('unclosed-list-middle.md');
    expect(diagnostics.filter((d) => d.ruleId === 'yaml/syntax')).toEqual([expect.objectContaining({
      line: 4, column: 7, message: 'The list that opens here with `[` is never closed: the `]` that should end it is missing, so YAML reads on into the lines below.',
      hint: 'End it on the same line: `tags: [visas, permits]`.',
    })]);
    // Two fields below it, the same: at the `[`, not at the field the parser gave up on.
    expect((await check('unclosed-list.md')).diagnostics[0]).toMatchObject({ line: 6, column: 7, hint: 'End it on the same line: `tags: [residence, Ganja]`.' });
    const dir = await project({ 'migration-news.config.yaml': 'contacts:\n  - {name: Aysel, email: "a@b.az"\nlanguages: [en]\n', 'r/a.md': '---\ntitle: T\ndate: 2026-05-14\nlang: en\n---\nBody.\n' });
    const result = await runMain(['validate', 'r', '--reporter', 'json', '--now', NOW], { cwd: dir });
    expect((JSON.parse(result.stdout) as { diagnostics: Reported[] }).diagnostics[0]).toMatchObject({ ruleId: 'yaml/syntax', line: 2, column: 5, hint: 'End it on the same line: `- {name: Aysel, email: "a@b.az"}`.' });
  });

  it('a key glued to its value (location:Baku) says to put a space after the colon', async () => {
    const { diagnostics } = await check('no-space-after-colon.md');
    expect(diagnostics[0]).toMatchObject({ ruleId: 'yaml/syntax', line: 4 });
    expect(diagnostics[0]!.hint).toBe('Put a space after the colon: `location: Baku`. Without one, YAML reads `location:Baku` as text, not as a key and its value.');
  });

  it('a list item without a space after its dash (-Quota) says to put one there, first item or later, at the margin or indented', async () => {
    const dir = await project({
      'a.md': '---\ntitle: T\ndate: 2026-05-14\nlang: en\ntags:\n- Visa\n-Quota\n---\nBody.\n',
      'b.md': '---\ntitle: T\ndate: 2026-05-14\nlang: en\ntags:\n-Visa\n- Quota\n---\nBody.\n',
      'c.md': '---\ntitle: T\ndate: 2026-05-14\nlang: en\ntags:\n  - Visa\n  -Work permits\nlocation: Baku\n---\nBody.\n',
    });
    const result = await runMain(['validate', '.', '--reporter', 'json', '--now', NOW], { cwd: dir });
    const hinted = (JSON.parse(result.stdout) as { diagnostics: (Reported & { file: string })[] }).diagnostics.filter((d) => d.hint !== null).map((d) => [d.file, d.line, d.hint]);
    expect(hinted).toEqual([
      ['a.md', 7, 'Put a space after the `-`: `- Quota`. Without one, YAML reads `-Quota` as text, not as an item of the list.'],
      ['b.md', 6, 'Put a space after the `-`: `- Visa`. Without one, YAML reads `-Visa` as text, not as an item of the list.'],
      ['c.md', 7, 'Put a space after the `-`: `- Work permits`. Without one, YAML reads `-Work permits` as text, not as an item of the list.'],
    ]);
  });

  it('the same for an address, and on the front matter\'s last line', async () => {
    const dir = await project({
      'a.md': '---\ntitle: T\ndate: 2026-05-14\nlang: en\ncanonical:https://press.example.az/a\nstatus: draft\n---\nBody.\n',
      'b.md': '---\ntitle: T\ndate: 2026-05-14\nlang: en\nlocation:Baku\n---\nBody.\n',
    });
    const result = await runMain(['validate', '.', '--reporter', 'json', '--now', NOW], { cwd: dir });
    const hints = (JSON.parse(result.stdout) as { diagnostics: Reported[] }).diagnostics.map((d) => d.hint);
    expect(hints).toEqual([
      'Put a space after the colon: `canonical: https://press.example.az/a`. Without one, YAML reads `canonical:https://press.example.az/a` as text, not as a key and its value.',
      'Put a space after the colon: `location: Baku`. Without one, YAML reads `location:Baku` as text, not as a key and its value.',
    ]);
  });

  it('a quote closed inside a list is not said to be never closed; one never closed there gets no line to copy', async () => {
    const dir = await project({
      'a.md': '---\ntitle: T\ndate: 2026-05-14\nlang: en\ntags: ["visa"x, work]\n---\nBody.\n',
      'b.md': '---\ntitle: T\ndate: 2026-05-14\nlang: en\ntags: ["visa, work]\nstatus: draft\n---\nBody.\n',
    });
    const result = await runMain(['validate', '.', '--reporter', 'json', '--now', NOW], { cwd: dir });
    const diagnostics = (JSON.parse(result.stdout) as { diagnostics: (Reported & { file: string })[] }).diagnostics;
    expect(diagnostics.filter((d) => d.file === 'a.md').every((d) => !/never closed/.test(d.message))).toBe(true);
    expect(diagnostics.find((d) => d.file === 'b.md' && /never closed/.test(d.message))).toMatchObject({ line: 5, column: 8, hint: 'End the value with `"` where it should end.' });
  });

  it('a field of a contact indented otherwise than the first says how far to indent it, too little or too much', async () => {
    const under = await check('item-field-under-indented.md');
    expect(under.diagnostics[0]).toMatchObject({ ruleId: 'yaml/syntax', line: 7, hint: 'Indent this line by 4 spaces, as far as the first field of the list item above it (after its `- `): the fields of one item line up.' });
    const over = await check('item-field-over-indented.md');
    expect(over.diagnostics[0]).toMatchObject({ ruleId: 'yaml/syntax', line: 6, hint: 'Indent the line below by 4 spaces, as far as this list item\'s first field (after its `- `): the fields of one item line up.' });
  });

  it('a field of a contact below another of its fields, indented otherwise than they are, says how far to indent it', async () => {
    const head = '---\ntitle: T\ndate: 2026-05-14\nlang: en\ncontacts:\n';
    const dir = await project({
      'third.md': `${head}  - name: Anna\n    role: Head\n\n    # the office\n    email: a@example.org\n   phone: "+994 12 555 01 00"\n---\nBody.\n`,
      'second-item.md': `${head}  - name: Anna\n  - name: Vugar\n    email: v@example.org\n   phone: "+994 12 555 01 00"\n---\nBody.\n`,
      // A key further left than the fields, and no list item above them: not a field out of line.
      'no-item.md': `---\ntitle: T\ndate: 2026-05-14\nlang: en\nimage:\n    src: a.jpg\n   alt: A\n---\nBody.\n`,
    });
    const result = await runMain(['validate', '.', '--reporter', 'json', '--now', NOW], { cwd: dir });
    const diagnostics = (JSON.parse(result.stdout) as { diagnostics: (Reported & { file: string })[] }).diagnostics;
    const hint = 'Indent this line by 4 spaces, as far as the other fields of the list item above it (after its `- `): the fields of one item line up.';
    expect(diagnostics.find((d) => d.file === 'third.md')).toMatchObject({ ruleId: 'yaml/syntax', line: 11, hint });
    expect(diagnostics.find((d) => d.file === 'second-item.md')).toMatchObject({ ruleId: 'yaml/syntax', line: 9, hint });
    expect(diagnostics.filter((d) => d.file === 'no-item.md').map((d) => d.hint ?? null)).not.toContain(hint);
  });

  it('a field of a contact indented as far as the list\'s `- ` is named at its key, with the line indented as far as the item\'s first field', async () => {
    const { code, diagnostics } = await check('item-field-at-dash.md');
    expect(code).toBe(1);
    expect(diagnostics).toEqual([expect.objectContaining({
      ruleId: 'yaml/syntax', line: 9, column: 3,
      message: '`email` is indented as far as the `- ` of the list above it: that ends the list, but the fields beside `contacts:` start further left.',
      hint: 'To make it a field of the list item above, indent it by 4 spaces, as far as that item\'s first field, `name`: `    email: a@example.org`. A field of its own lines up with `contacts:` instead.',
    })]);
  });

  it('the same for any list of mappings and indentation, each line so written; a list of plain values, a key the item has, or a line further left get none', async () => {
    const head = (title: string) => `---\ntitle: ${title}\ndate: 2026-05-14\nlang: en\n`;
    const dir = await project({
      'four.md': `${head('four')}contacts:\n    - name: Anna\n    email: a@example.org\n---\nBody.\n`,
      'two-lines.md': `${head('two-lines')}contacts:\n  # press office\n  - name: Anna\n\n    role: Head\n  email: a@example.org\n  phone: "+994 12 555 01 00"\n---\nBody.\n`,
      'nested.md': `${head('nested')}image:\n  src: a.jpg\n  sizes:\n    - width: 100\n    height: 50\n---\nBody.\n`,
      'plain-items.md': `${head('plain-items')}tags:\n  - visa\n  work: permit\n---\nBody.\n`,
      'new-item.md': `${head('new-item')}contacts:\n  - name: Anna\n    email: a@example.org\n  name: Bob\n---\nBody.\n`,
      'at-column-1.md': `${head('at-column-1')}contacts:\n  - name: Anna\nemail: a@example.org\n---\nBody.\n`,
      'list-at-column-1.md': `${head('list-at-column-1')}contacts:\n- name: Anna\nemail: a@example.org\n---\nBody.\n`,
      'next-key.md': `${head('next-key')}contacts:\n  - name: Anna\n    email: a@example.org\ntags: [visa]\n---\nBody.\n`,
      'item-has-it.md': `${head('item-has-it')}contacts:\n  - name: Anna\n    email: a@example.org\nemail: b@example.org\n---\nBody.\n`,
      'above-list.md': `${head('above-list')}email: a@example.org\ncontacts:\n  - name: Anna\n---\nBody.\n`,
    });
    const result = await runMain(['validate', '.', '--reporter', 'json', '--now', NOW], { cwd: dir });
    const diagnostics = (JSON.parse(result.stdout) as { diagnostics: (Reported & { file: string })[] }).diagnostics;
    const of = (file: string) => diagnostics.filter((d) => d.file === file).map((d) => [d.ruleId, d.line, d.column, d.hint]);
    expect(of('four.md')).toEqual([['yaml/syntax', 7, 5, 'To make it a field of the list item above, indent it by 6 spaces, as far as that item\'s first field, `name`: `      email: a@example.org`. A field of its own lines up with `contacts:` instead.']]);
    expect(of('two-lines.md')).toEqual([
      ['yaml/syntax', 10, 3, 'To make it a field of the list item above, indent it by 4 spaces, as far as that item\'s first field, `name`: `    email: a@example.org`. A field of its own lines up with `contacts:` instead.'],
      ['yaml/syntax', 11, 3, 'To make it a field of the list item above, indent it by 4 spaces, as far as that item\'s first field, `name`: `    phone: "+994 12 555 01 00"`. A field of its own lines up with `contacts:` instead.'],
    ]);
    expect(of('nested.md')).toEqual([['yaml/syntax', 9, 5, 'To make it a field of the list item above, indent it by 6 spaces, as far as that item\'s first field, `width`: `      height: 50`. A field of its own lines up with `sizes:` instead.']]);
    // The parser's own words, where the line may be a new item or a plain value's list.
    expect(of('plain-items.md')).toEqual([['yaml/syntax', 7, 1, null]]);
    expect(of('new-item.md')).toEqual([['yaml/syntax', 8, 1, null]]);
    // Further left than the `- ` is a key of its own to YAML: no syntax error, but the schema's warning says where it belongs.
    expect(of('at-column-1.md')).toEqual([['schema/unknown-key', 7, 1, '`email` is a field of each item of `contacts`: to make it one of the item above, indent it as far as that item\'s `name`: `    email: a@example.org`.']]);
    expect(of('list-at-column-1.md')).toEqual([['schema/unknown-key', 7, 1, '`email` is a field of each item of `contacts`: to make it one of the item above, indent it as far as that item\'s `name`: `  email: a@example.org`.']]);
    // Not where the item has that field already, or where the key is not right below the list.
    expect(of('item-has-it.md')).toEqual([['schema/unknown-key', 8, 1, expect.stringMatching(/^Known fields here/)]]);
    expect(of('above-list.md')).toEqual([['schema/unknown-key', 5, 1, expect.stringMatching(/^Known fields here/)]]);
    expect(of('next-key.md')).toEqual([]);
  });

  it('a quote that ends a value early in a one-line mapping is named at that quote, with the fix', async () => {
    const { code, diagnostics } = await check('quote-in-flow-mapping.md');
    expect(code).toBe(1);
    expect(diagnostics).toEqual([expect.objectContaining({
      ruleId: 'yaml/syntax', line: 6, column: 65,
      message: 'This `"` ends the double-quoted value of `alt`, so the text right after it cannot be read.',
      hint: 'A `"` inside a double-quoted value ends it early: put the value of `alt` in single quotes, or write `\\"` for each quote inside.',
    })]);
  });

  it('the same in a one-line list and in single quotes; a word glued to a closed value with no quote after it, or two values without a comma, get none', async () => {
    const head = '---\ntitle: T\ndate: 2026-05-14\nlang: en\n';
    const dir = await project({
      'list.md': `${head}tags: ["visa", "the "blue" card", work]\n---\nBody.\n`,
      'single.md': `${head}image: {src: a.jpg, alt: 'Minister's visit'}\n---\nBody.\n`,
      'both.md': `${head}image: {src: a.jpg, alt: "Minister's "new" office"}\n---\nBody.\n`,
      'elsewhere.md': `${head}image: {alt: "The "new" office", credit: 'Anna'}\n---\nBody.\n`,
      'glued.md': `${head}image: {src: "a.jpg"x, alt: b}\n---\nBody.\n`,
      'no-comma.md': `${head}tags: ["visa" "work"]\n---\nBody.\n`,
    });
    const result = await runMain(['validate', '.', '--reporter', 'json', '--now', NOW], { cwd: dir });
    const diagnostics = (JSON.parse(result.stdout) as { diagnostics: (Reported & { file: string })[] }).diagnostics;
    const of = (file: string) => diagnostics.filter((d) => d.file === file).map((d) => [d.line, d.column, d.hint]);
    expect(of('list.md')).toEqual([[5, 21, 'A `"` inside a double-quoted value ends it early: put the item of `tags` in single quotes, or write `\\"` for each quote inside.']]);
    expect(of('single.md')).toEqual([[5, 35, 'A `\'` inside a single-quoted value ends it early: put the value of `alt` in double quotes, or write `\'\'` for each apostrophe inside.']]);
    expect(of('both.md')).toEqual([[5, 38, 'A `"` inside a double-quoted value ends it early: put the value of `alt` in single quotes (with `\'\'` for each apostrophe in it), or write `\\"` for each quote inside.']]);
    // An apostrophe in another value on the line is none of this one's.
    expect(of('elsewhere.md')).toEqual([[5, 19, 'A `"` inside a double-quoted value ends it early: put the value of `alt` in single quotes, or write `\\"` for each quote inside.']]);
    expect(of('glued.md').map((d) => d[2])).toEqual([null]);
    expect(of('no-comma.md').map((d) => d[2])).toEqual([null]);
  });

  it('an apostrophe inside a single-quoted value suggests double quotes or doubling it', async () => {
    const { diagnostics } = await check('apostrophe-in-single-quotes.md');
    expect(diagnostics[0]).toMatchObject({ ruleId: 'yaml/syntax', line: 2 });
    expect(diagnostics[0]!.hint).toBe('A `\'` inside a single-quoted value ends it early: put the value in double quotes, `title: "Minister\'s visit to Ganja"`, or write `\'\'` for each apostrophe inside.');
  });

  it('a tab in indentation says to indent with spaces, at the tab', async () => {
    const { diagnostics } = await check('tab-indent.md');
    expect(diagnostics[0]).toMatchObject({ ruleId: 'yaml/syntax', line: 7, column: 1 });
    expect(diagnostics[0]!.hint).toMatch(/^Indent with spaces: YAML does not accept tabs in indentation/);
    // The code frame shows the tab, which a space would hide.
    const dir = await project({ 'release.md': await readFile(join(FIXTURES, 'tab-indent.md'), 'utf8') });
    const stylish = await runMain(['validate', '.', '--now', NOW], { cwd: dir });
    expect(stylish.stdout).toMatch(/\n {4}7 \| →\S/);
  });

  it('a no-break space in indentation that breaks the YAML says so, and the invisible-character warning names the whole run', async () => {
    const { diagnostics } = await check('no-break-space-indent.md');
    expect(diagnostics.map((d) => [d.ruleId, d.line, d.column])).toEqual([['yaml/syntax', 8, 1], ['content/invisible-character', 8, 2]]);
    // From the first no-break space to the end of the second (` · ·email`): a range that ends where it starts, or before, is no range to SARIF or GitHub.
    expect(diagnostics[1]).toMatchObject({ endLine: 8, endColumn: 5 });
    expect(diagnostics[0]!.hint).toBe('The indentation holds a no-break space (U+00A0), which YAML does not read as indentation: retype it with ordinary spaces, or run `migration-news validate --fix`.');
    expect(diagnostics[1]!.message).toMatch(/^The text contains 2 no-break spaces \(U\+00A0\) in the YAML indentation/);
  });

  it('a no-break space in indentation that YAML reads as part of a key says why the key is unknown', async () => {
    const { diagnostics } = await check('no-break-space-key.md');
    const unknown = diagnostics.find((d) => d.ruleId === 'schema/unknown-key')!;
    expect(unknown.line).toBe(7);
    expect(unknown.hint).toBe('The key starts with 2 invisible spaces (U+00A0, a no-break space), which YAML does not read as indentation: retype the indentation with ordinary spaces, or run `migration-news validate --fix`.');
  });

  it('a # that cuts a value short is a warning at the # naming what is dropped; a comment written "# like this" is not', async () => {
    const { code, diagnostics } = await check('hash-in-value.md');
    expect(code).toBe(0);
    expect(diagnostics).toHaveLength(1);
    expect(diagnostics[0]).toMatchObject({ ruleId: 'yaml/comment-in-value', severity: 'warning', line: 2, column: 23 });
    expect(diagnostics[0]!.message).toBe('This `#` starts a YAML comment, so the value ends at "Service centre" and "#2 opens in Ganja" is dropped.');
    expect(diagnostics[0]!.hint).toBe('Quote the value to keep the `#`: `title: "Service centre #2 opens in Ganja"`.');
  });

  it('the # warning\'s line keeps a comment written "# like this" after the words outside the quotes, and the blanks before the # as written', async () => {
    const cases: [line: string, hint: string, value: string][] = [
      ['title: Centre #2 opens # checked by legal', 'Quote the value to keep the `#`: `title: "Centre #2 opens" # checked by legal`.', 'Centre #2 opens'],
      ['title: Centre #2 opens  ## legal', 'Quote the value to keep the `#`: `title: "Centre #2 opens"  ## legal`.', 'Centre #2 opens'],
      // Words after a `#` of their own are the value's too, as the first are.
      ['title: Centre #2 opens #3 closes', 'Quote the value to keep the `#`: `title: "Centre #2 opens #3 closes"`.', 'Centre #2 opens #3 closes'],
      ['title: Centre  #2 opens', 'Quote the value to keep the `#`: `title: "Centre  #2 opens"`.', 'Centre  #2 opens'],
    ];
    for (const [line, hint, value] of cases) {
      const dir = await project({ 'r.md': `---\n${line}\ndate: 2026-05-14\nlang: en\n---\nBody.\n` });
      const result = await runMain(['validate', 'r.md', '--reporter', 'json', '--now', NOW], { cwd: dir });
      const found = (JSON.parse(result.stdout) as { diagnostics: Reported[] }).diagnostics.find((d) => d.ruleId === 'yaml/comment-in-value');
      expect(found?.hint, line).toBe(hint);
      expect(suggestedValues(hint, 'title'), line).toEqual([value]);
    }
  });

  it('the # warning follows the config\'s rule settings', async () => {
    expect((await check('hash-in-value.md', 'rules:\n  yaml/comment-in-value: off\n')).diagnostics).toEqual([]);
    const raised = await check('hash-in-value.md', 'rules:\n  yaml/comment-in-value: error\n');
    expect(raised.code).toBe(1);
    expect(raised.diagnostics[0]).toMatchObject({ ruleId: 'yaml/comment-in-value', severity: 'error' });
  });

  it('a `]` or `}` that closes nothing is told once, at itself, not as every token after it', async () => {
    const { diagnostics } = await check('extra-bracket.md');
    expect(diagnostics).toEqual([expect.objectContaining({
      ruleId: 'yaml/syntax', line: 5, column: 25, message: 'This `]` closes no list (none is open where it stands), so YAML cannot read what follows it.', hint: 'Take out this `]`.',
    })]);
  });

  it('other YAML errors keep the parser\'s message without a made-up hint', async () => {
    const dir = await project({ 'release.md': '---\ntitle: Centre opens\ndate: 2026-05-14\nlang: en\nsummary: >-x\n  A summary.\n---\nBody.\n' });
    const result = await runMain(['validate', '.', '--reporter', 'json', '--now', NOW], { cwd: dir });
    const diagnostics = (JSON.parse(result.stdout) as { diagnostics: Reported[] }).diagnostics;
    expect(diagnostics[0]).toMatchObject({ ruleId: 'yaml/syntax' });
    expect(diagnostics[0]!.hint).toBeNull();
  });
});

/** The values the lines a hint suggests (each in backticks, `key: value`) read as, by the YAML parser itself. */
function suggestedValues(hint: string | null, key: string): unknown[] {
  return [...(hint ?? '').matchAll(/`([^`]+)`/g)].filter((m) => m[1]!.startsWith(`${key}: `)).map((m) => (parse(m[1]!) as Record<string, unknown>)[key]);
}

describe('a comment after a value a hint quotes', () => {
  // YAML ends a plain value at a `#` after a space or a tab (a `#` inside a word is text): the hints quoted the comment into the value.
  it('stays after the closing quote, and the quotes hold what YAML reads as the value', async () => {
    const cases: [line: string, key: string, hint: string, value: string][] = [
      ['title: Quota: 2027 permits  # checked by legal', 'title', 'A value that contains `: ` must be quoted, or YAML reads a second key in it: `title: "Quota: 2027 permits"  # checked by legal`.', 'Quota: 2027 permits'],
      // A tab before the `#` starts a comment too; after the quote it is written as a space, which the hint can show.
      ['title: Quota: 2027 permits\t# checked', 'title', 'A value that contains `: ` must be quoted, or YAML reads a second key in it: `title: "Quota: 2027 permits" # checked`.', 'Quota: 2027 permits'],
      // A `#` inside a word is text, in the value.
      ['location: Baku: Room#1 centre', 'location', 'A value that contains `: ` must be quoted, or YAML reads a second key in it: `location: "Baku: Room#1 centre"`.', 'Baku: Room#1 centre'],
      ['title: [VIDEO] Border operation # from the TV desk', 'title', 'A value that opens with `[` must be quoted, or YAML reads it as its own syntax, not as text: `title: "[VIDEO] Border operation" # from the TV desk`.', '[VIDEO] Border operation'],
      ['summary: >- Text on the header line # draft', 'summary', 'A block\'s text starts on the line below its `>-`, indented: YAML reads none on the header\'s line. Move the text below it, or write it on this line without the `>-`: `summary: "Text on the header line" # draft`.', 'Text on the header line'],
      ['title: "Centre for "new" arrivals"  # checked', 'title', 'A `"` inside a double-quoted value ends it early: put the value in single quotes, `title: \'Centre for "new" arrivals\'  # checked`, or write `\\"` for each quote inside.', 'Centre for "new" arrivals'],
      // A ` #` inside the quotes is the value's.
      ["title: 'Minister's visit # 2' # checked", 'title', 'A `\'` inside a single-quoted value ends it early: put the value in double quotes, `title: "Minister\'s visit # 2" # checked`, or write `\'\'` for each apostrophe inside.', "Minister's visit # 2"],
      // The same quote in the comment: the value still ends at the quote before it.
      ["title: 'Minister's visit'  # Anna's note", 'title', 'A `\'` inside a single-quoted value ends it early: put the value in double quotes, `title: "Minister\'s visit"  # Anna\'s note`, or write `\'\'` for each apostrophe inside.', "Minister's visit"],
      ['summary: The service: opens\n  a new centre.  # checked', 'summary', 'A value that contains `: ` must be quoted, or YAML reads a second key in it; this one runs on over the next line, and the quotes go around all of it: `summary: "The service: opens a new centre."  # checked`.', 'The service: opens a new centre.'],
      // A comment above the last line ends the value to YAML, which cannot read the lines below it: all the text goes in the quotes, the comment after them.
      ['summary: The service: opens # note\n  a new centre.', 'summary', 'A value that contains `: ` must be quoted, or YAML reads a second key in it; this one runs on over the next line, and the quotes go around all of it (its comments after them: a comment ends a value): `summary: "The service: opens a new centre." # note`.', 'The service: opens a new centre.'],
    ];
    for (const [line, key, hint, value] of cases) {
      const dir = await project({ 'r.md': `---\n${line}\ndate: 2026-05-14\nlang: en\n---\nBody.\n` });
      const result = await runMain(['validate', 'r.md', '--reporter', 'json', '--now', NOW], { cwd: dir });
      const found = (JSON.parse(result.stdout) as { diagnostics: Reported[] }).diagnostics.find((d) => d.line === 2);
      expect(found?.hint, line).toBe(hint);
      // What YAML reads from the line suggested.
      expect(suggestedValues(hint, key), line).toEqual([value]);
    }
  });

  it('that opens with a word may be text YAML drops: the hint says so, with the line that keeps it in the value', async () => {
    const dir = await project({ 'r.md': '---\ntitle: T\ndate: 2026-05-14\nlang: en\nlocation: Baku: #1 centre  # checked\n---\nBody.\n' });
    const result = await runMain(['validate', 'r.md', '--reporter', 'json', '--now', NOW], { cwd: dir });
    const { hint } = (JSON.parse(result.stdout) as { diagnostics: Reported[] }).diagnostics.find((d) => d.line === 5)!;
    // As YAML reads it, `Baku:` and a comment; as the author likely meant it, with `#1 centre` in the quotes; `# checked` a comment either way.
    expect(hint).toBe('A value that contains `: ` must be quoted, or YAML reads a second key in it: `location: "Baku:" #1 centre  # checked`. YAML reads "#1 centre" as a comment and drops it: if it belongs to the value, put it inside the quotes: `location: "Baku: #1 centre"  # checked`.');
    expect(suggestedValues(hint, 'location')).toEqual(['Baku:', 'Baku: #1 centre']);
  });
});

describe('the line a hint writes', () => {
  // A hint shows a tab as an escape, `\u0009`, which YAML reads as a tab only in double quotes: a value with a `"` or a `\\`
  // was single-quoted, and the line to write read as six characters of text in place of the tab.
  it('double-quotes a value with a tab or a control character, escaping its quotes and backslashes, so that it reads back as written', async () => {
    const cases: [line: string, hint: string, value: string][] = [
      ['title: Centre for "new" arrivals: Ganja\topens', 'A value that contains `: ` must be quoted, or YAML reads a second key in it: `title: "Centre for \\"new\\" arrivals: Ganja\\topens"`.', 'Centre for "new" arrivals: Ganja\topens'],
      ['title: Minister\'s "visit": Ganja\t2027', 'A value that contains `: ` must be quoted, or YAML reads a second key in it: `title: "Minister\'s \\"visit\\": Ganja\\t2027"`.', 'Minister\'s "visit": Ganja\t2027'],
      ['title: C:\\Press: release\tone', 'A value that contains `: ` must be quoted, or YAML reads a second key in it: `title: "C:\\\\Press: release\\tone"`.', 'C:\\Press: release\tone'],
      ['title: Quota: 2027\u0007 "permits"', 'A value that contains `: ` must be quoted, or YAML reads a second key in it: `title: "Quota: 2027\\u0007 \\"permits\\""`.', 'Quota: 2027\u0007 "permits"'],
      // Without a tab, both kinds of quotes: single quotes, each apostrophe doubled.
      ['title: Minister\'s "visit": Ganja', 'A value that contains `: ` must be quoted, or YAML reads a second key in it: `title: \'Minister\'\'s "visit": Ganja\'`.', 'Minister\'s "visit": Ganja'],
    ];
    for (const [line, hint, value] of cases) {
      const dir = await project({ 'r.md': `---\n${line}\ndate: 2026-05-14\nlang: en\n---\nBody.\n` });
      const result = await runMain(['validate', 'r.md', '--reporter', 'json', '--now', NOW], { cwd: dir });
      const found = (JSON.parse(result.stdout) as { diagnostics: Reported[] }).diagnostics.find((d) => d.ruleId === 'yaml/syntax' && d.line === 2);
      expect(found?.hint, line).toBe(hint);
      expect(suggestedValues(hint, 'title'), line).toEqual([value]);
    }
  });

  it('writes a quoted value\'s escapes as what YAML reads them as, in the quotes it takes, and says to escape the quotes inside when it keeps them', async () => {
    // The text between the quotes was taken as written: `\"` and `\t` moved into single quotes read as two characters each, and
    // `''` into double quotes as two apostrophes; a line to write in the same quotes was told as one in the other quotes.
    const cases: [line: string, hint: string, value: string][] = [
      ['title: "Centre \\"A\\" and "B" opens"', 'A `"` inside a double-quoted value ends it early: put the value in single quotes, `title: \'Centre "A" and "B" opens\'`, or write `\\"` for each quote inside.', 'Centre "A" and "B" opens'],
      ['title: "C:\\\\Press "x""', 'A `"` inside a double-quoted value ends it early: put the value in single quotes, `title: \'C:\\Press "x"\'`, or write `\\"` for each quote inside.', 'C:\\Press "x"'],
      ['title: "Line\\tone "x" two"', 'A `"` inside a double-quoted value ends it early: write `\\"` for each quote inside, `title: "Line\\tone \\"x\\" two"`.', 'Line\tone "x" two'],
      ['title: "Line\tone "x" two"', 'A `"` inside a double-quoted value ends it early: write `\\"` for each quote inside, `title: "Line\\tone \\"x\\" two"`.', 'Line\tone "x" two'],
      ["title: 'Minister''s 'visit' today'", 'A `\'` inside a single-quoted value ends it early: put the value in double quotes, `title: "Minister\'s \'visit\' today"`, or write `\'\'` for each apostrophe inside.', "Minister's 'visit' today"],
      ['title: \'It\'\'s "x" and \'y\'\'', 'A `\'` inside a single-quoted value ends it early: write `\'\'` for each apostrophe inside, `title: \'It\'\'s "x" and \'\'y\'\'\'`.', 'It\'s "x" and \'y\''],
    ];
    for (const [line, hint, value] of cases) {
      const dir = await project({ 'r.md': `---\n${line}\ndate: 2026-05-14\nlang: en\n---\nBody.\n` });
      const result = await runMain(['validate', 'r.md', '--reporter', 'json', '--now', NOW], { cwd: dir });
      const found = (JSON.parse(result.stdout) as { diagnostics: Reported[] }).diagnostics.find((d) => d.ruleId === 'yaml/syntax' && d.line === 2);
      expect.soft(found?.hint, line).toBe(hint);
      expect.soft(suggestedValues(hint, 'title'), line).toEqual([value]);
    }
  });
});

describe('a second YAML document', () => {
  // YAML reads only the first document: the fields after `...` (or a config file's second `---`) were dropped without a word.
  it('after `...` in front matter, or `---` in a config file, is an error at that line, not fields dropped without a word', async () => {
    const dir = await project({
      'release.md': '---\ntitle: Hello\nlang: en\n...\ndate: 2026-05-14\nstatus: published\n---\nBody.\n',
      'ends.md': '---\ntitle: Hello\nlang: en\ndate: 2026-05-14\nstatus: published\n...\n# a comment after the end\n---\nBody.\n',
      'migration-news.config.yaml': '---\ntimezone: Asia/Baku\n---\ntimezone: UTC\n',
    });
    const result = await runMain(['validate', '.', '--reporter', 'json', '--now', NOW], { cwd: dir });
    expect(result.code).toBe(1);
    expect((JSON.parse(result.stdout) as { diagnostics: (Reported & { file: string })[] }).diagnostics.map(({ file, line, column, ruleId, message, hint }) => ({ file, line, column, ruleId, message, hint }))).toEqual([
      { file: 'migration-news.config.yaml', line: 3, column: 1, ruleId: 'yaml/syntax', message: 'Line 3 (`---`) ends the YAML document, and the lines after it are a second document, which is not read.', hint: 'Delete line 3: the file is one mapping of fields.' },
      { file: 'release.md', line: 4, column: 1, ruleId: 'yaml/syntax', message: 'Line 4 (`...`) ends the YAML document, and the lines after it are a second document, which is not read.', hint: 'Delete line 4: the front matter is one mapping of fields.' },
    ]);
  });
});

describe('a # that cuts a value short, and the rest of the file', () => {
  // The warning once made the reader drop the whole front matter: no other problem of it was reported, and a build skipped the
  // release without a word; in the config file, the whole config was ignored; in a set's labels, nothing was built.
  it('the release\'s other fields are still checked, and every problem is reported', async () => {
    const dir = await project({ 'r.md': '---\nid: t\ntitle: T\nlang: en\nstatus: published\nsummary: S\ndate: 14.05.2026\nlocation: Centre #2 opens\nauther: x\n---\nBody\n' });
    const result = await runMain(['validate', 'r.md', '--reporter', 'json', '--now', NOW], { cwd: dir });
    const { diagnostics } = JSON.parse(result.stdout) as { diagnostics: Reported[] };
    expect(diagnostics.map((d) => [d.ruleId, d.line, d.column])).toEqual([['schema/format', 7, 7], ['yaml/comment-in-value', 8, 18], ['schema/unknown-key', 9, 1]]);
    expect(result.code).toBe(1);
  });

  it('a release whose only problem is the warning is built, with the value as YAML reads it', async () => {
    const dir = await project({ 'r/en/a.md': '---\nid: a\nslug: a\ntitle: T\nlang: en\nstatus: published\nsummary: S\ndate: 2026-01-01\nlocation: Centre #2 opens\n---\nBody\n' });
    const result = await runMain(['build', 'r', '--out', 'dist', '--format', 'json', '--now', NOW], { cwd: dir });
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/yaml\/comment-in-value/);
    expect(result.stdout).toMatch(/Built 1 release,/);
    expect((JSON.parse(await readFile(join(dir, 'dist', 'en', 'a.json'), 'utf8')) as { location: string }).location).toBe('Centre');
  });

  it('a config file with the warning is still read, and an error in it hides none of its warnings', async () => {
    const body = '---\nid: a\ntitle: T\nlang: en\nstatus: published\nsummary: S\ndate: 2026-01-01\n---\nBody with <b>raw HTML</b>.\n';
    const dir = await project({ 'migration-news.config.yaml': 'timezone: UTC\nfooter_note: Office #2\nrules:\n  content/raw-html: off\n', 'a.md': body });
    const read = await runMain(['validate', 'a.md', '--reporter', 'json', '--now', NOW], { cwd: dir });
    const found = (JSON.parse(read.stdout) as { diagnostics: (Reported & { file: string })[] }).diagnostics.map((d) => [d.file, d.ruleId]);
    expect(found).toEqual([['migration-news.config.yaml', 'schema/unknown-key'], ['migration-news.config.yaml', 'yaml/comment-in-value']]);
    expect(read.code).toBe(0);

    const broken = await project({ 'migration-news.config.yaml': 'rules:\n  content/raw-htm: off\n  content/raw-html: warn\n  file/encoding: off\n', 'a.md': body });
    const all = await runMain(['validate', 'a.md', '--reporter', 'json', '--now', NOW], { cwd: broken });
    const told = (JSON.parse(all.stdout) as { diagnostics: (Reported & { file: string })[] }).diagnostics.filter((d) => d.file === 'migration-news.config.yaml');
    expect(told.map((d) => [d.ruleId, d.line])).toEqual([['schema/unknown-key', 2], ['schema/enum', 3], ['config/rule-fixed', 4]]);
  });

  it('a set\'s labels file with the warning is still read, and the build goes on', async () => {
    const dir = await project({
      'templates/default/labels/en.yaml': 'contacts: Media contacts #1\n',
      'r/en/a.md': '---\nid: a\nslug: a\ntitle: T\nlang: en\nstatus: published\nsummary: S\ndate: 2026-01-01\ncontacts: [{ name: Press office, email: press@example.az }]\n---\nBody\n',
    });
    const result = await runMain(['build', 'r', '--out', 'dist', '--format', 'html', '--now', NOW, '--reporter', 'json'], { cwd: dir });
    expect(result.code).toBe(0);
    const report = JSON.parse(result.stdout) as { diagnostics: (Reported & { file: string })[] };
    expect(report.diagnostics.map((d) => [d.file, d.ruleId, d.line])).toEqual([['templates/default/labels/en.yaml', 'yaml/comment-in-value', 1]]);
    expect(await readFile(join(dir, 'dist', 'en', 'a.html'), 'utf8')).toMatch(/>Media contacts</);
    // validate tells it as the build does.
    const checked = await runMain(['validate', 'r', '--strict', '--reporter', 'json', '--now', NOW], { cwd: dir });
    expect((JSON.parse(checked.stdout) as { diagnostics: (Reported & { file: string })[] }).diagnostics.map((d) => [d.file, d.ruleId])).toEqual([['templates/default/labels/en.yaml', 'yaml/comment-in-value']]);
    expect(checked.code).toBe(1);
  });
});

describe('a field whose only content is a comment or the end of a mapping', () => {
  // `title: # TODO` was said to be unquoted, with a hint that would publish the comment; `{alt: }` to quote the `}`.
  it('has no value, told just after its `:` or `-`, as a field with nothing after it is', async () => {
    const dir = await project({ 'r.md': '---\nid: t\ntitle: # TODO write the headline\nlang: en\nstatus: published\nsummary: S\ndate: # when\nimage: {src: a.png, alt: }\ntags:\n  - # later\n---\nBody\n' });
    const result = await runMain(['validate', 'r.md', '--reporter', 'json', '--now', NOW], { cwd: dir });
    const found = (JSON.parse(result.stdout) as { diagnostics: Reported[] }).diagnostics.filter((d) => d.ruleId.startsWith('schema/') || d.ruleId.startsWith('yaml/'));
    expect(found.map((d) => [d.ruleId, d.line, d.column, d.message.split(' has ')[0]])).toEqual([
      ['schema/type', 3, 7, '`title`'], ['schema/type', 7, 6, '`date`'], ['schema/type', 8, 25, '`image.alt`'], ['schema/type', 10, 4, '`tags[0]`'],
    ]);
    // A `#` right before a word is what was meant as the value: quoting it is the fix.
    const hashtag = await project({ 'r.md': '---\nid: t\ntitle: #Visas2027\nlang: en\nstatus: published\nsummary: S\ndate: 2026-01-01\n---\nBody\n' });
    const told = (JSON.parse((await runMain(['validate', 'r.md', '--reporter', 'json', '--now', NOW], { cwd: hashtag })).stdout) as { diagnostics: Reported[] }).diagnostics;
    expect(told.map((d) => [d.ruleId, d.hint])).toEqual([['yaml/unquoted-value', 'Put the value in quotes, exactly as it should appear: title: "#Visas2027".']]);
  });
  it('a `#` right before a word with a comment written "# like this" after it: the words are quoted, the comment stays after the quote', async () => {
    // The comment was quoted into the title with the words.
    const dir = await project({ 'r.md': '---\nid: t\ntitle: #Visas2027 # from the campaign\nlang: en\nstatus: published\nsummary: S\ndate: 2026-01-01\n---\nBody\n' });
    const told = (JSON.parse((await runMain(['validate', 'r.md', '--reporter', 'json', '--now', NOW], { cwd: dir })).stdout) as { diagnostics: Reported[] }).diagnostics;
    expect(told.map((d) => [d.ruleId, d.hint])).toEqual([['yaml/unquoted-value', 'Put the value in quotes, exactly as it should appear: title: "#Visas2027" # from the campaign.']]);
    // The line it gives reads as the words alone.
    expect(parse(told[0]!.hint!.replace(/^.*?appear: /, '').replace(/\.$/, ''))).toEqual({ title: '#Visas2027' });
  });
});

describe('a repeated key', () => {
  // It stopped every other check of its front matter or config, as a syntax error does, though the YAML reads: the other
  // problems came up one run later.
  it('is an error, and the other fields of the front matter and of the config are still checked', async () => {
    const dir = await project({
      'migration-news.config.yaml': 'timezone: UTC\ntimezone: Asia/Baku\nlanguages: en\nrules:\n  content/raw-htm: off\n',
      'r.md': '---\nid: dup\ntitle: Duplicate keys\ntitle: Again\nlang: en\nstatus: approved\ndate: 2026-13-01\ntags: work permits\n---\nBody.\n',
    });
    const result = await runMain(['validate', 'r.md', '--reporter', 'json', '--now', NOW], { cwd: dir });
    const found = (JSON.parse(result.stdout) as { diagnostics: (Reported & { file: string })[] }).diagnostics.map((d) => [d.file, d.ruleId, d.line]);
    expect(found).toEqual([
      ['migration-news.config.yaml', 'yaml/duplicate-key', 2], ['migration-news.config.yaml', 'schema/type', 3], ['migration-news.config.yaml', 'schema/unknown-key', 5],
      ['r.md', 'yaml/duplicate-key', 4], ['r.md', 'schema/format', 7], ['r.md', 'schema/type', 8],
    ]);
    expect(result.code).toBe(1);
  });

  it('is checked at the value YAML reads, the last one, and told there', async () => {
    const dir = await project({ 'r.md': '---\nid: a\ntitle: Good title\ndate: 2026-01-01\nlang: en\nstatus: published\ntitle: 12345\ntags: [a]\ntags: nope\n---\nBody.\n' });
    const result = await runMain(['validate', 'r.md', '--reporter', 'json', '--now', NOW], { cwd: dir });
    const found = (JSON.parse(result.stdout) as { diagnostics: Reported[] }).diagnostics.filter((d) => d.ruleId !== 'yaml/duplicate-key');
    expect(found.map((d) => [d.ruleId, d.line, d.column])).toEqual([['yaml/unquoted-value', 7, 8], ['schema/type', 9, 7]]);
    expect(found[0]!.hint).toBe('Put the value in quotes, exactly as it should appear: title: "12345".');
  });

  it('still fails the release: nothing is built from a front matter whose meaning is unclear', async () => {
    const dir = await project({ 'r/en/a.md': '---\nid: a\nslug: a\ntitle: T\nlang: en\nstatus: published\nstatus: draft\nsummary: S\ndate: 2026-01-01\n---\nBody\n' });
    const result = await runMain(['build', 'r', '--out', 'dist', '--now', NOW], { cwd: dir });
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/yaml\/duplicate-key/);
    expect(existsSync(join(dir, 'dist', 'en', 'a.html'))).toBe(false);
  });
});
