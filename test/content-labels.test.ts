import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { NOW, release, runMain, useProjects } from './helpers/cli.js';

/** The words the body itself prints (the footnotes' heading) come from the template set's labels, per language. */

const project = useProjects();
const FOOTNOTED = 'Permits rose by four per cent.[^1]\n\n[^1]: Temporary and permanent permits together.\n';

describe('the footnotes heading', () => {
  it('is the set\'s `footnotes` label in the release\'s language, in HTML, text and JSON', async () => {
    const dir = await project({
      'r/en.md': release({ title: 'Annual figures', slug: 'figures' }, FOOTNOTED),
      'r/az.md': release({ title: 'İllik göstəricilər', lang: 'az', slug: 'gostericiler' }, FOOTNOTED),
      'r/ru.md': release({ title: 'Годовые показатели', lang: 'ru', slug: 'pokazateli' }, FOOTNOTED),
    });
    const result = await runMain(['build', 'r', '--format', 'html,text,json', '--now', NOW], { cwd: dir });
    expect(result.code, result.stderr).toBe(0);
    for (const [page, heading] of [['en/figures', 'Notes'], ['az/gostericiler', 'Qeydlər'], ['ru/pokazateli', 'Примечания']] as const) {
      const html = await readFile(join(dir, 'dist', `${page}.html`), 'utf8');
      expect(html).toContain(`<section class="footnotes" role="doc-endnotes">\n<hr>\n<h2 class="footnotes-heading">${heading}</h2>\n<ol>`);
      expect(html).not.toContain(heading === 'Notes' ? 'Qeydlər' : '>Notes<');
      const text = await readFile(join(dir, 'dist', `${page}.txt`), 'utf8');
      expect(text).toMatch(new RegExp(`-----\\n\\n${heading}\\n\\n\\[1\\] Temporary`));
      const json = JSON.parse(await readFile(join(dir, 'dist', `${page}.json`), 'utf8')) as { body: { html: string } };
      expect(json.body.html).toContain(`<h2 class="footnotes-heading">${heading}</h2>`);
    }
  });

  it('is in the release\'s language in the feeds that carry the body, built by threads or not', async () => {
    const dir = await project({
      'migration-news.config.yaml': 'site:\n  url: https://press.example.az\n',
      'r/az.md': release({ title: 'İllik göstəricilər', lang: 'az', slug: 'gostericiler' }, FOOTNOTED),
    });
    expect((await runMain(['build', 'r', '--format', 'html', '--now', NOW], { cwd: dir })).code).toBe(0);
    const feed = JSON.parse(await readFile(join(dir, 'dist/az/feed.json'), 'utf8')) as { items: { content_html: string }[] };
    expect(feed.items[0]!.content_html).toContain('<h2 class="footnotes-heading">Qeydlər</h2>');
  });

  it('is no word of the release: its word count is the same whatever the label says', async () => {
    const counts: number[] = [];
    for (const heading of ['Notes', 'Notes, sources and further reading']) {
      const dir = await project({ 'templates/default/labels/en.yaml': `footnotes: "${heading}"\n`, 'r/en.md': release({ title: 'Annual figures', slug: 'figures' }, FOOTNOTED) });
      expect((await runMain(['build', 'r', '--format', 'json', '--now', NOW], { cwd: dir })).code).toBe(0);
      const json = JSON.parse(await readFile(join(dir, 'dist/en/figures.json'), 'utf8')) as { body: { html: string; wordCount: number } };
      expect(json.body.html).toContain(heading);
      counts.push(json.body.wordCount);
    }
    // Permits rose by four per cent. / Temporary and permanent permits together. (and the note's back-link mark, if any, either way)
    expect(counts[1]).toBe(counts[0]);
  });

  it('keeps the heading through the sanitizer of `html: safe`', async () => {
    const dir = await project({ 'migration-news.config.yaml': 'html: safe\n', 'r/en.md': release({ title: 'Annual figures', slug: 'figures' }, FOOTNOTED) });
    expect((await runMain(['build', 'r', '--format', 'html', '--now', NOW], { cwd: dir })).code).toBe(0);
    expect(await readFile(join(dir, 'dist/en/figures.html'), 'utf8')).toContain('<h2 class="footnotes-heading">Notes</h2>');
  });

  it('is a template/labels error naming the language, the key and the file when the language has no `footnotes` label', async () => {
    const en = await readFile(join(import.meta.dirname, '..', 'templates', 'default', 'labels', 'en.yaml'), 'utf8');
    const dir = await project({
      'migration-news.config.yaml': 'languages: [en, de]\n',
      'templates/default/labels/de.yaml': en.replace(/^footnotes:.*\n/m, ''),
      'r/plain.md': release({ title: 'Zahlen', lang: 'de', slug: 'zahlen' }, 'Ohne Fußnoten.\n'),
      'r/notes.md': release({ title: 'Jahreszahlen', lang: 'de', slug: 'jahreszahlen' }, FOOTNOTED),
    });
    const result = await runMain(['build', 'r', '--format', 'html', '--reporter', 'json', '--keep-going', '--now', NOW], { cwd: dir });
    expect(result.code).toBe(1);
    const report = JSON.parse(result.stdout) as { diagnostics: { file: string; ruleId: string; message: string; hint: string }[] };
    const labels = report.diagnostics.filter((d) => d.ruleId === 'template/labels');
    expect(labels).toHaveLength(1);
    expect(labels[0]!.file).toMatch(/templates\/default\/labels\/de\.yaml$/);
    expect(labels[0]!.message).toMatch(/^The label "footnotes" is missing for language de: .*de\.yaml has no `footnotes`\. It is the heading of the body's footnotes\./);
    expect(labels[0]!.hint).toMatch(/Add `footnotes: …` to .*de\.yaml/);
    // The release without footnotes is built.
    expect(await readFile(join(dir, 'dist/de/zahlen.html'), 'utf8')).toContain('Ohne Fußnoten.');
    // The built-in JSON and ninjs hold the body too: the same error, where they wrote the body without its heading.
    for (const format of ['json', 'ninjs']) {
      const other = await runMain(['build', 'r', '--format', format, '--out', format, '--reporter', 'json', '--now', NOW], { cwd: dir });
      expect(other.code, format).toBe(1);
      const found = (JSON.parse(other.stdout) as typeof report).diagnostics.filter((d) => d.ruleId === 'template/labels');
      expect(found.map((d) => d.message.slice(0, 60)), format).toEqual([labels[0]!.message.slice(0, 60)]);
    }
  });
});

describe('a site page in a language without labels', () => {
  it('is a template/labels error at the config\'s `languages` for the home page, in validate as in build, naming the labels file', async () => {
    const dir = await project({ 'migration-news.config.yaml': 'organisation:\n  name: Migration Service\nlanguages: [de, en]\n', 'r/a.md': release() });
    const report = async (command: 'build' | 'validate') => {
      const result = await runMain([command, 'r', ...(command === 'build' ? ['--out', 'out'] : []), '--now', NOW, '--reporter', 'json'], { cwd: dir });
      expect(result.code).toBe(1);
      return (JSON.parse(result.stdout) as { diagnostics: { file: string; line: number; column: number; ruleId: string; message: string; hint: string }[] }).diagnostics;
    };
    const built = await report('build');
    // Before, the build stopped at the first word the home page printed, in a file of the built-in set, and validate said nothing.
    expect(built).toEqual([expect.objectContaining({
      file: 'migration-news.config.yaml', line: 3, column: 13, ruleId: 'template/labels',
      message: 'The site\'s home page is in de, the first of the config\'s `languages`, but the template set "default" has no labels for de, so it cannot be built.',
      // With the command that starts the file from the English words.
      hint: 'Add templates/default/labels/de.yaml to the project, with the words this language uses: `migration-news templates eject default labels/en.yaml` copies the English words to templates/default/labels/en.yaml: rename the copy to de.yaml and translate it; or put first in `languages` a language the set has labels for.',
    })]);
    expect(existsSync(join(dir, 'out'))).toBe(false);
    expect(await report('validate')).toEqual(built);
    // A build without pages makes no home page.
    expect((await runMain(['build', 'r', '--out', 'out', '--format', 'text', '--now', NOW], { cwd: dir })).code).toBe(0);
    // Once the project has English words of its own, those are the ones to copy (the eject would refuse to overwrite them).
    expect((await runMain(['templates', 'eject', 'default', 'labels/en.yaml'], { cwd: dir })).code).toBe(0);
    for (const d of await report('build')) expect(d.hint).toContain('copy templates/default/labels/en.yaml to de.yaml beside it and translate it');
    await writeFile(join(dir, 'templates/default/labels/de.yaml'), await readFile(join(dir, 'templates/default/labels/en.yaml'), 'utf8'));
    expect((await runMain(['validate', 'r', '--now', NOW], { cwd: dir })).code).toBe(0);
    expect((await runMain(['build', 'r', '--out', 'site', '--now', NOW], { cwd: dir })).code).toBe(0);
    expect(await readFile(join(dir, 'site/index.html'), 'utf8')).toContain('<html lang="de"');
  });
});

describe('a label that holds a character no output may carry', () => {
  // A vertical tab (Word's manual line break, pasted) went as it was into the Atom feed's title, which no XML reader then reads.
  it('is a template/labels error at the label, and nothing is written', async () => {
    const dir = await project({
      'migration-news.config.yaml': 'organisation: {name: Org}\nsite: {url: https://example.org/press/}\ntimezone: UTC\nlanguages: [en]\n',
      'templates/default/labels/en.yaml': 'press_releases: "Press\\vreleases"\ncontacts: "Half \\uD800 here"\nfootnotes: Notes\n',
      'rel/en/a.md': '---\nid: a\ntitle: T\nlang: en\nstatus: published\nsummary: S\ndate: 2026-01-01\n---\nBody\n',
    });
    const result = await runMain(['build', 'rel', '--out', 'dist', '--reporter', 'json', '--now', NOW], { cwd: dir });
    expect(result.code).toBe(1);
    const found = (JSON.parse(result.stdout) as { diagnostics: { file: string; ruleId: string; line: number; column: number; message: string }[] }).diagnostics;
    expect(found.map((d) => [d.file, d.ruleId, d.line, d.column, /contains (.*?) at position/.exec(d.message)?.[1]])).toEqual([
      ['templates/default/labels/en.yaml', 'template/labels', 1, 17, 'the invisible control character U+000B'],
      ['templates/default/labels/en.yaml', 'template/labels', 2, 11, 'half of a character (U+D800, a surrogate written as an escape)'],
    ]);
    expect(existsSync(join(dir, 'dist'))).toBe(false);
  });
});

describe('a label whose placeholders the tool fills', () => {
  // `tagged: "Releases tagged {tg}"` was published on every tag page as written.
  it('is a template/labels error at the label when it has one nothing fills or lacks one it needs, and nothing is written', async () => {
    const dir = await project({
      'migration-news.config.yaml': 'timezone: UTC\nlanguages: [en]\n',
      'templates/default/labels/en.yaml': 'tagged: "Releases tagged {tg}"\npage_of: "Page {page}"\npress_releases: "News {tag}"\nabout_organisation: "About {organsation}"\nwithdrawn_on: "Withdrawn on {datum}."\nfirst_published: "First published."\n',
      'rel/en/a.md': '---\nid: a\ntitle: T\nlang: en\nstatus: published\nsummary: S\ndate: 2026-01-01\ntags: [Visas]\n---\nBody\n',
    });
    const result = await runMain(['build', 'rel', '--out', 'dist', '--reporter', 'json', '--now', NOW], { cwd: dir });
    expect(result.code).toBe(1);
    const found = (JSON.parse(result.stdout) as { diagnostics: { file: string; ruleId: string; line: number; column: number; message: string; hint: string }[] }).diagnostics;
    expect(found.map((d) => [d.file, d.ruleId, d.line, d.column, d.message, d.hint])).toEqual([
      ['templates/default/labels/en.yaml', 'template/labels', 1, 9, 'The label `tagged` for en has the placeholder {tg}, which nothing fills in: it would be published as written.', 'Did you mean {tag}? This label\'s placeholders are {tag}.'],
      ['templates/default/labels/en.yaml', 'template/labels', 2, 10, 'The label `page_of` for en lacks the placeholder {count}, so the pagination would not say which page of how many it is.', 'Write {page} and {count} where the values go, as the built-in labels do (`page_of: "Page {page} of {count}"`).'],
      ['templates/default/labels/en.yaml', 'template/labels', 4, 21, 'The label `about_organisation` for en has the placeholder {organsation}, which nothing fills in: it would be published as written.', 'Did you mean {organisation}? This label\'s placeholders are {organisation}.'],
      ['templates/default/labels/en.yaml', 'template/labels', 5, 15, 'The label `withdrawn_on` for en has the placeholder {datum}, which nothing fills in: it would be published as written.', 'Did you mean {date}? This label\'s placeholders are {date}.'],
      ['templates/default/labels/en.yaml', 'template/labels', 6, 18, 'The label `first_published` for en lacks the placeholder {date}, so a withdrawal notice would not say when the release was first published.', 'Write {date} where the values go, as the built-in labels do (`first_published: "First published on {date}. Its text is no longer available."`).'],
    ]);
    expect(existsSync(join(dir, 'dist'))).toBe(false);
    // Put right, it builds, the tag page's heading naming its tag; a label the tool fills nothing in keeps its braces (templates may `replace` them).
    await writeFile(join(dir, 'templates/default/labels/en.yaml'), 'tagged: "Releases tagged {tag}"\nabout_organisation: "About us"\n');
    const fixed = await runMain(['build', 'rel', '--out', 'dist', '--now', NOW], { cwd: dir });
    expect(fixed.code, fixed.stdout + fixed.stderr).toBe(0);
    expect(await readFile(join(dir, 'dist/en/tags/visas.html'), 'utf8')).toContain('Releases tagged Visas');
  });
});

describe('a labels file that lacks some of the site\'s own words', () => {
  // The tag pages and the home page of a language added with some of its words said them in English, and `build` said nothing.
  it('is warned of by build as by validate, naming the words the site\'s pages say in English', async () => {
    const en = await readFile(new URL('../templates/default/labels/en.yaml', import.meta.url), 'utf8');
    const tr = en.split('\n').filter((line) => !/^(tagged|latest):/.test(line)).join('\n');
    const dir = await project({
      'migration-news.config.yaml': 'timezone: UTC\nlanguages: [en, tr]\n',
      'templates/default/labels/tr.yaml': tr,
      'rel/tr/a.md': '---\nid: a\ntitle: Göç\nlang: tr\nstatus: published\nsummary: S\ndate: 2026-01-01\ntags: [Göç yönetimi]\n---\nMetin.\n',
    });
    const message = 'The labels file for tr has no `latest` or `tagged`, which the set\'s other labels files have: a build stops at the first page that prints one of them, and the headings the tool writes on the site\'s listings, tag pages and home page say `latest` and `tagged` in English.';
    for (const command of [['build', 'rel', '--out', 'dist'], ['validate', 'rel']]) {
      const result = await runMain([...command, '--reporter', 'json', '--now', NOW], { cwd: dir });
      expect(result.code, result.stdout).toBe(0);
      const found = (JSON.parse(result.stdout) as { diagnostics: { file: string; ruleId: string; message: string }[] }).diagnostics;
      expect(found.map((d) => [d.file, d.ruleId, d.message])).toEqual([['templates/default/labels/tr.yaml', 'template/labels-incomplete', message]]);
    }
    // `templates check`, which renders those pages, said "No problems".
    const checked = await runMain(['templates', 'check', 'default', 'rel', '--now', NOW, '--no-color'], { cwd: dir });
    expect(checked.code, checked.stdout + checked.stderr).toBe(0);
    expect(checked.stdout).toMatch(/^templates\/default\/labels\/tr\.yaml\n {2}1:1 +warning +The labels file for tr has no `latest` or `tagged`, [^\n]* template\/labels-incomplete$/m);
    expect(checked.stdout).toContain('1 problem (0 errors, 1 warning, 0 info)');
  });
});

describe('a labels file with a misspelt key', () => {
  // Every other language was told to add the misspelling (`contcts`), and the file that had it to add `contacts`.
  it('is told to rename it, and no other file to add it', async () => {
    const en = await readFile(new URL('../templates/default/labels/en.yaml', import.meta.url), 'utf8');
    const dir = await project({
      'migration-news.config.yaml': 'timezone: UTC\nlanguages: [en, tr]\n',
      'templates/default/labels/en.yaml': en,
      'templates/default/labels/tr.yaml': en.replace(/^contacts:/m, 'contcts:').replace(/^tags:.*\n/m, ''),
      'rel/tr/a.md': '---\nid: a\ntitle: Göç\nlang: tr\nstatus: published\nsummary: S\ndate: 2026-01-01\n---\nMetin.\n',
      'rel/en/a.md': '---\nid: a\ntitle: Migration\nlang: en\nstatus: published\nsummary: S\ndate: 2026-01-01\n---\nText.\n',
    });
    const result = await runMain(['validate', 'rel', '--reporter', 'json', '--now', NOW], { cwd: dir });
    const found = (JSON.parse(result.stdout) as { diagnostics: { file: string; ruleId: string; message: string; hint: string }[] }).diagnostics.filter((d) => d.ruleId === 'template/labels-incomplete');
    expect(found.map((d) => [d.file, d.message, d.hint])).toEqual([[
      'templates/default/labels/tr.yaml',
      'The labels file for tr has no `contacts` or `tags`, which the set\'s other labels files have: a build stops at the first page that prints one of them.',
      'templates/default/labels/tr.yaml: it has `contcts`, which no other language has: did you mean `contacts`? Rename it. Add `tags` to templates/default/labels/tr.yaml, in the words of tr (`tags: …`).',
    ]]);
  });
});

describe('the end mark', () => {
  // The pages and the messages' HTML wrote `###` whatever the label said, beside a plain text that ended with the label.
  it('is the set\'s `end` label in the page, the plain text and both parts of a message', async () => {
    const dir = await project({
      'migration-news.config.yaml': 'timezone: UTC\nlanguages: [en]\nemail:\n  from: press@example.az\n',
      'templates/default/labels/en.yaml': 'end: "-30-"\n',
      'templates/email/labels/en.yaml': 'end: "-30-"\n',
      'rel/en/a.md': '---\nid: a\nslug: a\ntitle: T\nlang: en\nstatus: published\nsummary: S\ndate: 2026-01-01\n---\nBody\n',
    });
    const result = await runMain(['build', 'rel', '--out', 'dist', '--format', 'html,text,eml', '--now', NOW], { cwd: dir });
    expect(result.code, result.stdout + result.stderr).toBe(0);
    const page = await readFile(join(dir, 'dist', 'en', 'a.html'), 'utf8');
    expect(page).toContain('<p class="end-mark" aria-hidden="true">-30-</p>');
    expect(page).not.toContain('###');
    expect(await readFile(join(dir, 'dist', 'en', 'a.txt'), 'utf8')).toMatch(/\n-30-\n/);
    const { simpleParser } = await import('mailparser');
    const mail = await simpleParser(await readFile(join(dir, 'dist', 'en', 'a.eml')));
    expect(mail.text).toMatch(/\n-30-\n/);
    expect(mail.html).toMatch(/letter-spacing: 6px;">-30-<\/p>/);
    expect(mail.html).not.toContain('###');
  });
});
