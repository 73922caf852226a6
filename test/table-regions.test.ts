import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { simpleParser } from 'mailparser';
import { describe, expect, it } from 'vitest';
import { wrapTables } from '../src/core/table-regions.js';
import { NOW, release, runMain, useProjects } from './helpers/cli.js';

/**
 * A table on a web page is put in a region of its own that scrolls sideways (`scroll_tables`), so that a wide one does not
 * widen the page on a phone; the body the JSON, ninjs, feeds and plain text carry stays as it was.
 */

const project = useProjects();

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
/** Many columns, an address and a long number: a table no phone's screen holds. */
const WIDE = [
  'Quotas for the year:',
  '',
  `| City | ${MONTHS.join(' | ')} |`,
  `|---|${MONTHS.map(() => '---|').join('')}`,
  `| Baku | ${MONTHS.map((_, i) => 1200 + i * 100).join(' | ')} |`,
  '',
  '| Form | Address |',
  '|---|---|',
  '| Residence | https://e-services.example.az/forms/residence-permit/application/2026/temporary-residence-permit.pdf |',
  '',
  '<table><caption>Fees in <abbr title="Azerbaijani manat">AZN</abbr></caption><tr><th>Service</th><th>Reference</th></tr><tr><td>Permit</td><td>1234567890123456789012345678901234567890</td></tr></table>',
  '',
].join('\n');

const REGION = '<section class="table-scroll" tabindex="0"';

describe('wrapTables', () => {
  it('puts a table without a caption in a region named by the label', () => {
    expect(wrapTables('<p>a</p>\n<table>\n<tr><td>1</td></tr>\n</table>\n', 'Table').html)
      .toBe(`<p>a</p>\n${REGION} aria-label="Table"><table>\n<tr><td>1</td></tr>\n</table></section>\n`);
  });

  it('names a captioned table\'s region by its caption, given an id no element of the body has', () => {
    const { html } = wrapTables('<h2 id="table-caption-1">Fees</h2><table><caption lang="az">Rüsumlar</caption><tr><td>1</td></tr></table>', undefined);
    expect(html).toBe(`<h2 id="table-caption-1">Fees</h2>${REGION} aria-labelledby="table-caption-2"><table><caption id="table-caption-2" lang="az">Rüsumlar</caption><tr><td>1</td></tr></table></section>`);
  });

  it('numbers the label when several tables have no caption, so that each region has a name of its own', () => {
    const { html } = wrapTables('<table><tr><td>1</td></tr></table><table><caption>Named</caption></table><table><tr><td>2</td></tr></table>', 'Cədvəl');
    expect(html.match(/aria-label(?:ledby)?="[^"]*"/g)).toEqual(['aria-label="Cədvəl 1"', 'aria-labelledby="table-caption-1"', 'aria-label="Cədvəl 2"']);
  });

  it('takes a caption with no text (tags, spaces, no-break spaces) for none', () => {
    const { html } = wrapTables('<table><caption> <b>&nbsp;</b> </caption><tr><td>1</td></tr></table>', 'Table');
    expect(html).toContain(`${REGION} aria-label="Table">`);
    expect(html).not.toContain('id="table-caption');
  });

  it('wraps only the tables no other table holds, each named by its own caption, not a nested table\'s', () => {
    const nested = '<table><tr><td><table><caption>Inner</caption><tr><td>1</td></tr></table></td></tr></table>';
    const { html } = wrapTables(nested, 'Table');
    expect(html).toBe(`${REGION} aria-label="Table">${nested}</section>`);
  });

  it('leaves a body without tables as it is, and escapes the label', () => {
    const body = '<p>No &lt;table&gt; here, <code>&lt;table&gt;</code>.</p>';
    expect(wrapTables(body, undefined)).toEqual({ html: body, needsLabel: false });
    expect(wrapTables('<table></table>', 'A "wide" <table> & more').html).toContain('aria-label="A &quot;wide&quot; &lt;table&gt; &amp; more"');
  });

  it('says when a table needs the label it was not given, and wraps nothing', () => {
    expect(wrapTables('<table><tr><td>1</td></tr></table>', undefined)).toEqual({ html: '<table><tr><td>1</td></tr></table>', needsLabel: true });
  });
});

describe('a release with tables', () => {
  it('has each table in a region of its own on the default set\'s page, Markdown\'s and raw HTML\'s, named in the release\'s language', async () => {
    const dir = await project({
      'migration-news.config.yaml': 'html: safe\n',
      'r/en.md': release({ title: 'Quotas by city', slug: 'quotas' }, WIDE),
      'r/az.md': release({ title: 'Şəhərlər üzrə kvotalar', lang: 'az', slug: 'kvotalar' }, '| a | b |\n|---|---|\n| 1 | 2 |\n'),
      'r/ru.md': release({ title: 'Квоты по городам', lang: 'ru', slug: 'kvoty' }, '| a | b |\n|---|---|\n| 1 | 2 |\n'),
    });
    const result = await runMain(['build', 'r', '--format', 'html', '--now', NOW], { cwd: dir });
    expect(result.code, result.stderr).toBe(0);
    const html = await readFile(join(dir, 'dist/en/quotas.html'), 'utf8');
    expect(html.match(/<section class="table-scroll"[^>]*>/g)).toEqual([
      `${REGION} aria-label="Table 1">`,
      `${REGION} aria-label="Table 2">`,
      `${REGION} aria-labelledby="table-caption-1">`,
    ]);
    expect(html).toContain(`${REGION} aria-label="Table 1"><table>\n<thead>`);
    expect(html).toContain('<caption id="table-caption-1">Fees in <abbr title="Azerbaijani manat">AZN</abbr></caption>');
    expect(html.match(/<\/table><\/section>/g)).toHaveLength(3);
    expect(await readFile(join(dir, 'dist/az/kvotalar.html'), 'utf8')).toContain(`${REGION} aria-label="Cədvəl"><table>`);
    expect(await readFile(join(dir, 'dist/ru/kvoty.html'), 'utf8')).toContain(`${REGION} aria-label="Таблица"><table>`);
  });

  it('keeps the body of the JSON, ninjs, feeds and plain text as it was: the regions are the page\'s', async () => {
    const dir = await project({
      'migration-news.config.yaml': 'html: safe\nsite:\n  url: https://press.example.az\n',
      'r/en.md': release({ title: 'Quotas by city', slug: 'quotas' }, WIDE),
    });
    const result = await runMain(['build', 'r', '--format', 'html,json,ninjs,text', '--now', NOW], { cwd: dir });
    expect(result.code, result.stderr).toBe(0);
    const json = JSON.parse(await readFile(join(dir, 'dist/en/quotas.json'), 'utf8')) as { body: { html: string } };
    expect(json.body.html).toContain('<p>Quotas for the year:</p>\n<table>\n<thead>');
    expect(json.body.html).toContain('<table><caption>Fees in');
    for (const file of ['en/quotas.json', 'en/quotas.ninjs.json', 'en/quotas.txt', 'en/feed.xml', 'en/feed.json']) {
      const text = await readFile(join(dir, 'dist', file), 'utf8');
      expect(text, file).toContain('Fees in');
      expect(text, file).not.toMatch(/table-scroll|table-caption|aria-label/);
    }
    // The page's body is the JSON's, but for the regions.
    const page = await readFile(join(dir, 'dist/en/quotas.html'), 'utf8');
    expect(page).toContain(`${REGION} aria-label="Table 1">`);
    const body = page.slice(page.indexOf('<p>Quotas for the year:'), page.indexOf('\n<p class="end-mark"'));
    expect(body.replace(/<section class="table-scroll"[^>]*>|(?<=<\/table>)<\/section>| id="table-caption-1"/g, '').trimEnd()).toBe(json.body.html.trimEnd());
  });

  it('has each table in a region of its own in the e-mail set\'s HTML and messages', async () => {
    const dir = await project({
      'migration-news.config.yaml': 'email:\n  from: press@migration.example.az\n',
      'r/en.md': release({ title: 'Quotas by city', slug: 'quotas' }, WIDE),
    });
    const result = await runMain(['build', 'r', '--format', 'html,eml', '--template', 'email', '--now', NOW], { cwd: dir });
    expect(result.code, result.stderr).toBe(0);
    const html = await readFile(join(dir, 'dist/en/quotas.html'), 'utf8');
    expect(html.match(/<section class="table-scroll"[^>]*>/g)).toHaveLength(2);
    const message = (await simpleParser(await readFile(join(dir, 'dist/en/quotas.eml')))).html as string;
    // Its styles written into it, for mail clients that read no <style>.
    expect(message).toMatch(/<section class="table-scroll" tabindex="0" aria-label="Table 1" style="[^"]*overflow-x: auto;[^"]*max-width: 0;[^"]*min-width: 100%/);
  });

  it('is a template/labels error when the language has no `table` label and a table has no caption; a release without one is built', async () => {
    const en = await readFile(join(import.meta.dirname, '..', 'templates', 'default', 'labels', 'en.yaml'), 'utf8');
    const dir = await project({
      'migration-news.config.yaml': 'languages: [en, de]\nhtml: safe\n',
      'templates/default/labels/de.yaml': en.replace(/^table:.*\n/m, ''),
      'r/plain.md': release({ title: 'Zahlen', lang: 'de', slug: 'zahlen' }, 'Ohne Tabelle.\n'),
      'r/captioned.md': release({ title: 'Gebühren', lang: 'de', slug: 'gebuehren' }, '<table><caption>Gebühren</caption><tr><td>1</td></tr></table>\n'),
      'r/table.md': release({ title: 'Quoten', lang: 'de', slug: 'quoten' }, '| a | b |\n|---|---|\n| 1 | 2 |\n'),
    });
    const result = await runMain(['build', 'r', '--format', 'html,json', '--reporter', 'json', '--keep-going', '--now', NOW], { cwd: dir });
    expect(result.code).toBe(1);
    const report = JSON.parse(result.stdout) as { diagnostics: { file: string; ruleId: string; message: string; hint: string }[] };
    const labels = report.diagnostics.filter((d) => d.ruleId === 'template/labels');
    expect(labels).toHaveLength(1);
    expect(labels[0]!.message).toMatch(/^The label "table" is missing for language de: .*de\.yaml has no `table`\. It happened while rendering r\/table\.md as html\./);
    expect(labels[0]!.hint).toMatch(/Add `table: …` to .*de\.yaml/);
    expect(await readFile(join(dir, 'dist/de/zahlen.html'), 'utf8')).toContain('Ohne Tabelle.');
    expect(await readFile(join(dir, 'dist/de/gebuehren.html'), 'utf8')).toContain(`${REGION} aria-labelledby="table-caption-1">`);
    // The JSON carries no region, so it needs no label.
    const json = await runMain(['build', 'r', '--format', 'json', '--out', 'json', '--now', NOW], { cwd: dir });
    expect(json.code, json.stdout).toBe(0);
    expect(await readFile(join(dir, 'json/de/quoten.json'), 'utf8')).toContain('<table>');
  });
});
