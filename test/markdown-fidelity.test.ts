import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { lexBody, renderBodyHtml, renderBodyText } from '../src/core/markdown.js';
import { NOW, release, ROOT, runMain, useProjects } from './helpers/cli.js';

/** Real Markdown comes out whole: code, long tokens, tables, footnotes and headings, in HTML and in plain text. */

const FIXTURES = join(ROOT, 'test', 'fixtures', 'content');

const project = useProjects();

async function buildFixture(name: string): Promise<{ code: number | null; stdout: string; stderr: string; files: Record<string, string> }> {
  const dir = await project({ [`r/${name}`]: await readFile(join(FIXTURES, name), 'utf8') });
  const result = await runMain(['build', 'r', '--out', 'dist', '--format', 'html,text', '--reporter', 'json', '--now', NOW], { cwd: dir });
  const names = (await readdir(join(dir, 'dist'), { recursive: true }).catch(() => [] as string[])).filter((f) => f.includes('.'));
  const files = Object.fromEntries(await Promise.all(names.map(async (f) => [f.split('\\').join('/'), await readFile(join(dir, 'dist', f), 'utf8')] as const)));
  return { ...result, files };
}

describe('Markdown fidelity (fixture markdown-fidelity.md)', () => {
  it('keeps code verbatim, long tokens whole, tables aligned and footnotes numbered in plain text', async () => {
    const result = await buildFixture('markdown-fidelity.md');
    expect(result.code, result.stderr).toBe(0);
    const text = result.files['en/annual-statistics-on-residence-permits.txt']!;
    const lines = text.split('\n');
    // Code: indented four spaces, not rewrapped, HTML-looking lines kept.
    expect(lines).toContain('    $ sha512sum annual-by-region.csv    # compare with the checksum above, character for character');
    expect(lines).toContain('    <csv>annual-by-region.csv</csv>');
    expect(lines).toContain('    <table><tr><td>kept as code, never dropped</td></tr></table>');
    // A checksum and a URL each stay on one line.
    expect(lines.some((l) => l.includes('9b71d224bd62f3785d96d46ad3ea3d73319bfbc2890caadae2dff72519673ca72323c3d99ba5c11d7c7acc6e14b8c5da0c4663475c2e5c3adef46f73bcdec043.'))).toBe(true);
    expect(lines.some((l) => l.includes('https://data.migration.example.az/statistics/2026/residence-permits/annual-by-region.csv'))).toBe(true);
    // The table fits in 72 columns: aligned columns, numbers right-aligned as the Markdown says.
    expect(text).toContain([
      'Region  Permits  Change',
      '------  -------  ------',
      'Baku     12,204   +4%',
      'Ganja       310   -1%',
    ].join('\n'));
    // Footnotes: numbered where they are cited, and listed after the body.
    expect(text).toContain('more permits than last year.[1]');
    expect(text).toContain('checksum.[2]');
    // The second note has two paragraphs: every note is set apart by a blank line.
    expect(text).toMatch(/\n\[1\] Temporary and permanent residence permits together\.\n\n\[2\] The checksum is published with every data set\.\n\n {4}Compare it before using the data\.\n/);
    // Prose is still wrapped at 72 columns.
    for (const line of lines) if (/\S\s+\S/.test(line.trim()) && !line.startsWith('    ')) expect([...line].length, line).toBeLessThanOrEqual(72);
  });

  it('renders footnotes as a section of notes in HTML, with links both ways, and headings that never skip a level', async () => {
    const result = await buildFixture('markdown-fidelity.md');
    const html = result.files['en/annual-statistics-on-residence-permits.html']!;
    expect(html).toContain('<sup class="footnote-ref"><a id="fn-ref-1" href="#fn-1">1</a></sup>');
    expect(html).toMatch(/<section class="footnotes" role="doc-endnotes">\n<hr>\n<h2 class="footnotes-heading">Notes<\/h2>\n<ol>\n<li id="fn-1"><p>Temporary and permanent residence permits together\. <a class="footnote-back" href="#fn-ref-1">↩<\/a><\/p><\/li>/);
    // `#`, `###`, `####` in the body: h2, h3, h4: one level below the one before, never two.
    const body = html.slice(html.indexOf('<div class="release-body">'), html.indexOf('<section class="footnotes"'));
    expect([...body.matchAll(/<h([1-6])[ >]/g)].map((m) => m[1])).toEqual(['2', '3', '4']);
    expect(html).toContain('<pre><code>&lt;table&gt;&lt;tr&gt;&lt;td&gt;kept as code, never dropped&lt;/td&gt;&lt;/tr&gt;&lt;/table&gt;');
  });

  it('warns about a body heading that repeats the title, and counts every raw-HTML element', async () => {
    const result = await buildFixture('markdown-fidelity.md');
    const report = JSON.parse(result.stdout) as { diagnostics: { ruleId: string; line: number; message: string; actual: string | null }[] };
    const repeated = report.diagnostics.find((d) => d.ruleId === 'content/repeated-title');
    expect(repeated).toMatchObject({ line: 8 });
    const raw = report.diagnostics.filter((d) => d.ruleId === 'content/raw-html');
    expect(raw).toHaveLength(1);
    expect(raw[0]).toMatchObject({ line: 32 });
    // <b>, <i> and <u>: each element once, its closing tag not counted again.
    expect(raw[0]!.message).toBe('The body contains raw HTML in 3 places (first "<b>"; also on line 32); it is shown as text, not as markup.');
  });

  it('finds a heading that repeats the title in capitals as the release\'s language writes them: Turkish and Azerbaijani İ and I', async () => {
    const english = await readFile(join(ROOT, 'templates', 'default', 'labels', 'en.yaml'), 'utf8');
    const dir = await project({
      'migration-news.config.yaml': 'languages: [az, en, tr]\n',
      'templates/default/labels/tr.yaml': english,
      'r/tr.md': '---\ntitle: İkamet izinleri artık çevrimiçi\ndate: 2026-05-14\nlang: tr\nstatus: published\n---\n# İKAMET İZİNLERİ ARTIK ÇEVRİMİÇİ\n\nMetin.\n',
      'r/az.md': '---\ntitle: Bakıda yeni mərkəz\ndate: 2026-05-14\nlang: az\nstatus: published\n---\n## BAKIDA YENİ MƏRKƏZ\n\nMətn.\n',
      'r/en.md': '---\ntitle: Istanbul office opens\ndate: 2026-05-14\nlang: en\nstatus: published\n---\n## ISTANBUL OFFICE OPENS\n\nText.\n',
      // A Turkish name in an English title, in capitals by Turkish rules (as the tool's dateline writes it) or by English ones.
      'r/izmir.md': '---\ntitle: Office opens in İzmir\ndate: 2026-05-14\nlang: en\nstatus: published\n---\n## OFFICE OPENS IN İZMİR\n\nText.\n',
      'r/izmir-en.md': '---\ntitle: Centre opens in İzmir\ndate: 2026-05-15\nlang: en\nstatus: published\n---\n## CENTRE OPENS IN IZMIR\n\nText.\n',
    });
    const result = await runMain(['validate', 'r', '--reporter', 'json', '--now', NOW], { cwd: dir });
    const report = JSON.parse(result.stdout) as { diagnostics: { file: string; ruleId: string; line: number }[] };
    // Before, only the English one was found: lower-cased by the machine's locale, İKAMET is "i̇kamet" and ARTIK "artik", not the title's words.
    expect(report.diagnostics.map((d) => [d.file, d.ruleId, d.line])).toEqual([
      ['r/az.md', 'content/repeated-title', 7], ['r/en.md', 'content/repeated-title', 7], ['r/izmir-en.md', 'content/repeated-title', 7],
      ['r/izmir.md', 'content/repeated-title', 7], ['r/tr.md', 'content/repeated-title', 7],
    ]);
  });

  // Greek capitals drop the tonos (ΑΔΕΙΕΣ for Άδειες, as the tool's own dateline writes them): such a heading was not found.
  it('finds a heading that repeats a Greek title in capitals, written without its accents', async () => {
    const english = await readFile(join(ROOT, 'templates', 'default', 'labels', 'en.yaml'), 'utf8');
    const dir = await project({
      'migration-news.config.yaml': 'languages: [el, en]\n',
      'templates/default/labels/el.yaml': english,
      'r/el.md': '---\ntitle: Άδειες διαμονής για τους φοιτητές\ndate: 2026-05-14\nlang: el\nstatus: published\n---\n## ΑΔΕΙΕΣ ΔΙΑΜΟΝΗΣ ΓΙΑ ΤΟΥΣ ΦΟΙΤΗΤΕΣ\n\nΚείμενο.\n\n## Άδειες εργασίας\n\nΚείμενο.\n',
    });
    const result = await runMain(['validate', 'r', '--reporter', 'json', '--now', NOW], { cwd: dir });
    const report = JSON.parse(result.stdout) as { diagnostics: { file: string; ruleId: string; line: number }[] };
    expect(report.diagnostics.map((d) => [d.file, d.ruleId, d.line])).toEqual([['r/el.md', 'content/repeated-title', 7]]);
  });

  it('keeps one body\'s footnotes when another body is read before it is rendered', () => {
    const first = lexBody('One[^a].\n\n[^a]: First note.\n');
    const second = lexBody('Two[^b] and three[^c].\n\n[^b]: Second.\n[^c]: Third.\n');
    if (!first.ok || !second.ok) throw new Error('lex failed');
    const html = renderBodyHtml(first.body);
    expect(html).toContain('First note.');
    expect(html).not.toContain('Second.');
    expect(renderBodyHtml(second.body)).toMatch(/<li id="fn-1"><p>Second\.[^]*<li id="fn-2"><p>Third\./);
  });

  it('ends a bare address where Chinese or Japanese punctuation starts, and drops a stop before it as elsewhere', () => {
    const body = lexBody('详情请访问https://migration.example.az/guide，或致电。申请表见https://migration.example.az/forms.。 詳しくはhttps://migration.example.az/ja（日本語）をご覧ください。 See https://example.az/a, then.\n');
    if (!body.ok) throw new Error('lex failed');
    const html = renderBodyHtml(body.body);
    expect(html).toContain('访问<a href="https://migration.example.az/guide">https://migration.example.az/guide</a>，或致电。');
    expect(html).toContain('见<a href="https://migration.example.az/forms">https://migration.example.az/forms</a>.。');
    expect(html).toContain('詳しくは<a href="https://migration.example.az/ja">https://migration.example.az/ja</a>（日本語）');
    expect(html).toContain('See <a href="https://example.az/a">https://example.az/a</a>, then.');
    // Iteration marks and full-width letters and digits are part of words, and of an address's path.
    const words = lexBody('参见https://ja.wikipedia.org/wiki/佐々木，详情见https://example.az/二〇二六年/ＡＢＣ１２３。\n');
    if (!words.ok) throw new Error('lex failed');
    expect(renderBodyHtml(words.body)).toContain('参见<a href="https://ja.wikipedia.org/wiki/%E4%BD%90%E3%80%85%E6%9C%A8">https://ja.wikipedia.org/wiki/佐々木</a>，详情见<a href="https://example.az/%E4%BA%8C%E3%80%87%E4%BA%8C%E5%85%AD%E5%B9%B4/%EF%BC%A1%EF%BC%A2%EF%BC%A3%EF%BC%91%EF%BC%92%EF%BC%93">https://example.az/二〇二六年/ＡＢＣ１２３</a>。');
    // Plain text sets the address apart in angle brackets, the punctuation after it.
    expect(renderBodyText(body.body, 1000)).toContain('访问<https://migration.example.az/guide>，或致电。');
  });

  it('ends a bare address where a closing quotation mark follows it, on the page and in the text', async () => {
    const body = 'Смотрите «https://migration.example.ru/guide». Visit “https://example.az/forms”, or ‘www.example.az/a’ and https://example.az/don’t.\n';
    const dir = await project({ 'r/ru.md': `---\ntitle: Центр открыт\ndate: 2026-05-14\nlang: ru\nstatus: published\n---\n${body}` });
    const result = await runMain(['build', 'r', '--out', 'dist', '--format', 'html,text', '--now', NOW], { cwd: dir });
    expect(result.code, result.stdout + result.stderr).toBe(0);
    const html = await readFile(join(dir, 'dist', 'ru', 'tsentr-otkryt.html'), 'utf8');
    // Before, the address took the quotation mark into its link: https://migration.example.ru/guide%C2%BB, a page that is not there.
    expect(html).toContain('«<a href="https://migration.example.ru/guide">https://migration.example.ru/guide</a>».');
    expect(html).toContain('“<a href="https://example.az/forms">https://example.az/forms</a>”, or');
    // An apostrophe inside a path stays part of it.
    expect(html).toContain('<a href="https://example.az/don%E2%80%99t">https://example.az/don’t</a>.');
    const text = (await readFile(join(dir, 'dist', 'ru', 'tsentr-otkryt.txt'), 'utf8')).replace(/\n(?!\n)/g, ' ');
    expect(text).toContain('«<https://migration.example.ru/guide>».');
    expect(text).toContain('“<https://example.az/forms>”, or');
  });

  it('reads a line of code indented seventy spaces and a blank line of pasted spaces as they are, which nest nothing', async () => {
    const deep = `${' '.repeat(70)}</region>`;
    const body = `The data file:\n\n\`\`\`xml\n${deep}\n\`\`\`\n\nNotes.\n${' '.repeat(80)}\nMore notes.\n`;
    const dir = await project({ 'r/en.md': `---\ntitle: Data file\ndate: 2026-05-14\nlang: en\nstatus: published\n---\n${body}` });
    const validated = await runMain(['validate', 'r', '--reporter', 'json', '--now', NOW], { cwd: dir });
    // Before, each was refused as quotes or lists 35 and 40 levels deep, and the release was not built.
    expect(validated.code, validated.stdout).toBe(0);
    const result = await runMain(['build', 'r', '--out', 'dist', '--format', 'html,text', '--now', NOW], { cwd: dir });
    expect(result.code, result.stdout + result.stderr).toBe(0);
    expect(await readFile(join(dir, 'dist', 'en', 'data-file.html'), 'utf8')).toContain(`${deep.replace('<', '&lt;').replace('>', '&gt;')}\n</code></pre>`);
    expect(await readFile(join(dir, 'dist', 'en', 'data-file.txt'), 'utf8')).toContain(`    ${deep}\n`);
  });

  it('links no part of an e-mail address whose name has a letter beyond ASCII, and still links one glued to Chinese', async () => {
    const body = 'Yazın: nərmin.əliyeva@example.az, café-info@example.fr və ya info@example.az; 请发邮件至press@example.cn。\n';
    const dir = await project({ 'r/az.md': `---\ntitle: Mərkəz açıldı\ndate: 2026-05-14\nlang: az\nstatus: published\n---\n${body}` });
    const result = await runMain(['build', 'r', '--out', 'dist', '--format', 'html,text', '--now', NOW], { cwd: dir });
    expect(result.code, result.stdout + result.stderr).toBe(0);
    const html = await readFile(join(dir, 'dist', 'az', 'merkez-achildi.html'), 'utf8');
    // Before, the letters after the last ə and é were linked, to other mailboxes: mailto:liyeva@example.az, mailto:-info@example.fr.
    expect(html).toContain('Yazın: nərmin.əliyeva@example.az, café-info@example.fr və ya <a href="mailto:info@example.az">info@example.az</a>; 请发邮件至<a href="mailto:press@example.cn">press@example.cn</a>。');
    const text = (await readFile(join(dir, 'dist', 'az', 'merkez-achildi.txt'), 'utf8')).replace(/\n(?!\n)/g, ' ');
    expect(text).toContain('Yazın: nərmin.əliyeva@example.az, café-info@example.fr və ya <info@example.az>;');
  });

  it('writes a table too wide for columns as `header: value` lines, one row after another (fixture wide-table.md)', async () => {
    const result = await buildFixture('wide-table.md');
    expect(result.code, result.stderr).toBe(0);
    const text = result.files['en/centres-and-their-services.txt']!;
    expect(text).toContain([
      'Centre: Ganja',
      'Address: 12 Heydar Aliyev Avenue, Ganja',
      'Services offered to foreign nationals and stateless persons: Temporary',
      '  and permanent residence permits, work permits, citizenship',
      '  applications',
      '',
      'Centre: Sheki',
    ].join('\n'));
  });
});

describe('angle brackets that are no HTML', () => {
  it('are in the text as the escaped page shows them, and left out with html: safe as its page leaves them out', async () => {
    const body = 'Type the number in the field <Passport No.> and press <Enter>, then <b>Send</b>.\n\nWrite to <Narmin Alizada>.<br>Thanks, <?php echo 1; ?> <!DOCTYPE html>.\n\n<div>\nA line <Note> here &amp; <my-widget>there</my-widget>\n</div>\n\nA figure <svg width="10"><circle r="5"/><text x="1">Label</text></svg> and <math><mi>x</mi><mo>=</mo><mn>2</mn></math>.\n';
    const texts: Record<string, string> = {};
    for (const html of ['escape', 'safe']) {
      const dir = await project({ 'migration-news.config.yaml': `html: ${html}\n`, 'r/a.md': `---\ntitle: Portal\ndate: 2026-05-14\nlang: en\nstatus: published\n---\n${body}` });
      expect((await runMain(['build', 'r', '--out', 'dist', '--format', 'html,text,json', '--now', NOW], { cwd: dir })).code).toBe(0);
      const json = JSON.parse(await readFile(join(dir, 'dist/en/portal.json'), 'utf8')) as { body: { text: string } };
      texts[html] = json.body.text;
      expect(await readFile(join(dir, 'dist/en/portal.txt'), 'utf8')).toContain(json.body.text.split('\n')[0]!.slice(0, 40));
    }
    expect(texts.escape).toBe('Type the number in the field <Passport No.> and press <Enter>, then\nSend.\n\nWrite to <Narmin Alizada>.\nThanks, <?php echo 1; ?> <!DOCTYPE html>.\n\nA line <Note> here & there\n\nA figure Label and x=2.');
    expect(texts.safe).toBe('Type the number in the field and press , then Send.\n\nWrite to .\nThanks, .\n\nA line here & there\n\nA figure Label and x=2.');
  });
});

describe('lines of Chinese and Japanese wrapped in the source', () => {
  it('are joined without a space in plain text, where a line of another script or of Korean is joined with one', () => {
    const body = lexBody('国家移民局今天在巴库\n开设了一个新的服务中心。\n外国公民现在可以在线  \n提交申请 via the portal\nand more。東京で\n「申請」\n受付。이민청은\n오늘 문을 열었다 𠀋\n𠀋。\n');
    if (!body.ok) throw new Error('lex failed');
    const text = renderBodyText(body.body, 1000);
    expect(text).toBe('国家移民局今天在巴库开设了一个新的服务中心。外国公民现在可以在线\n提交申请 via the portal and more。東京で「申請」受付。이민청은 오늘 문을 열었다 𠀋𠀋。');
  });
});

describe('emphasis in Chinese and Japanese', () => {
  it('closes before a letter after punctuation and opens after a letter before punctuation, as these languages put no space there', async () => {
    const english = await readFile(join(ROOT, 'templates', 'default', 'labels', 'en.yaml'), 'utf8');
    const dir = await project({
      'migration-news.config.yaml': 'languages: [en, zh, ja]\n',
      'templates/default/labels/zh.yaml': english,
      'templates/default/labels/ja.yaml': english,
      'r/zh.md': '---\ntitle: 新闻\nslug: xinwen\ndate: 2026-05-14\nlang: zh\nstatus: published\n---\n这是**“重要”**的信息，请**务必**注意。他说**“好”**，然后离开。\n',
      'r/ja.md': '---\ntitle: お知らせ\nslug: oshirase\ndate: 2026-05-14\nlang: ja\nstatus: published\n---\n日本語の**「重要」**なお知らせです。\n',
      'r/en.md': '---\ntitle: News\ndate: 2026-05-14\nlang: en\nstatus: published\n---\nA **“quoted”** word, *a*“glued”*one* and 2**3**4.\n',
    });
    const result = await runMain(['build', 'r', '--out', 'dist', '--format', 'html,text', '--now', NOW], { cwd: dir });
    expect(result.code, result.stdout + result.stderr).toBe(0);
    // Before, the page showed **“重要” and emphasised 的信息，请 instead, the words between the wrong markers.
    expect(await readFile(join(dir, 'dist/zh/xinwen.html'), 'utf8')).toContain('<p>这是<strong>“重要”</strong>的信息，请<strong>务必</strong>注意。他说<strong>“好”</strong>，然后离开。</p>');
    expect(await readFile(join(dir, 'dist/ja/oshirase.html'), 'utf8')).toContain('<p>日本語の<strong>「重要」</strong>なお知らせです。</p>');
    expect(await readFile(join(dir, 'dist/zh/xinwen.txt'), 'utf8')).toContain('这是“重要”的信息，请务必注意。');
    // Latin text is read as CommonMark reads it.
    expect(await readFile(join(dir, 'dist/en/news.html'), 'utf8')).toContain('<p>A <strong>“quoted”</strong> word, <em>a</em>“glued”<em>one</em> and 2<strong>3</strong>4.</p>');
  });
});

describe('HTML comments in a body', () => {
  // A comment is a note for whoever edits the file, which no browser shows: escaped as text it went out on the page and in the JSON.
  it('are in no output, in either HTML mode, and are no raw HTML to warn of; an unclosed one stays as text', async () => {
    const body = 'First paragraph.\n\n<!-- Editor: check the 2027 quota > 24,500 before release -->\n\nA note <!-- inline NOTE --> inside, and <!----> an empty one.\n\n<!-- CMTONE -->\n<!-- CMTTWO -->\n\nUnclosed <!-- here\n';
    for (const html of ['escape', 'safe']) {
      const dir = await project({
        'migration-news.config.yaml': `html: ${html}\n`,
        'r/a.md': `---\ntitle: Comments\ndate: 2026-05-14\nlang: en\nstatus: published\n---\n${body}`,
      });
      const result = await runMain(['build', 'r', '--out', 'dist', '--format', 'html,text,json', '--reporter', 'json', '--now', NOW], { cwd: dir });
      expect(result.code, result.stdout).toBe(0);
      expect((JSON.parse(result.stdout) as { diagnostics: unknown[] }).diagnostics, html).toEqual([]);
      for (const format of ['html', 'txt', 'json']) {
        const output = await readFile(join(dir, 'dist', 'en', `comments.${format}`), 'utf8');
        expect(output, `${html} ${format}`).not.toMatch(/Editor|NOTE|CMTONE|CMTTWO|24,500/);
        expect(output, `${html} ${format}`).toMatch(/A note +inside, and +an empty one\./);
      }
      if (html === 'escape') expect(await readFile(join(dir, 'dist', 'en', 'comments.html'), 'utf8')).toContain('<p>Unclosed &lt;!-- here</p>');
    }
  });

  it('are in no image\'s alternative text, on the page, in the text, the JSON, the feeds or the e-mail; one that is all of it leaves none', async () => {
    const image = '![Centre <!-- ALTNOTE: ask the minister --> entrance](https://cdn.example.az/centre.jpg)';
    for (const html of ['escape', 'safe']) {
      const dir = await project({
        'migration-news.config.yaml': `html: ${html}\nsite:\n  url: https://press.example.az\nemail:\n  from: press@example.az\n`,
        'r/a.md': `---\ntitle: Comments\ndate: 2026-05-14\nlang: en\nstatus: published\n---\nThe new centre.\n\n${image}\n`,
        'only/b.md': `---\ntitle: Only\ndate: 2026-05-14\nlang: en\nstatus: published\n---\nThe new centre.\n\n![<!-- ONLYNOTE -->](https://cdn.example.az/b.jpg)\n`,
        'r/c.md': '---\ntitle: Kept\ndate: 2026-05-14\nlang: en\nstatus: published\n---\nOne ![a \\<!-- b --> c](https://x.example.az/1.png) two ![d `<!-- e -->` f](https://x.example.az/2.png).\n',
      });
      const result = await runMain(['build', 'r', '--out', 'dist', '--format', 'html,text,json,eml', '--reporter', 'json', '--now', NOW], { cwd: dir });
      expect(result.code, result.stdout).toBe(0);
      for (const file of ['comments.html', 'comments.txt', 'comments.json', 'comments.eml', 'feed.xml', 'feed.json']) {
        const output = await readFile(join(dir, 'dist', 'en', file), 'utf8');
        expect(output, `${html} ${file}`).not.toMatch(file.startsWith('feed') ? /ALTNOTE|minister/ : /ALTNOTE|minister|&lt;!--|<!--/);
      }
      expect(await readFile(join(dir, 'dist', 'en', 'comments.html'), 'utf8')).toContain('<img src="https://cdn.example.az/centre.jpg" alt="Centre  entrance"');
      expect(await readFile(join(dir, 'dist', 'en', 'comments.txt'), 'utf8')).toContain('Centre entrance <https://cdn.example.az/centre.jpg>');
      // What Markdown does not read as a comment stays, as plain text: one escaped, one in code.
      const page = await readFile(join(dir, 'dist', 'en', 'kept.html'), 'utf8');
      expect(page, html).toContain('alt="a &lt;!-- b --&gt; c"');
      expect(page, html).toContain('alt="d &lt;!-- e --&gt; f"');
      // An image whose description is a comment alone has no alternative text.
      const only = await runMain(['validate', 'only', '--reporter', 'json', '--now', NOW], { cwd: dir });
      const found = (JSON.parse(only.stdout) as { diagnostics: { ruleId: string; line: number }[] }).diagnostics.map((d) => [d.ruleId, d.line]);
      expect(found, html).toEqual([['content/image-alt', 9]]);
    }
  });
});

describe('character references', () => {
  // CommonMark reads a reference only with its `;`: HTML's legacy names without one (`&sect`, `&reg`, `&copy`, `&para`) made
  // `?lang=en&section=permits&region=baku` an address with `§ion` and `®ion` in it, in every format.
  it('are decoded only with their semicolon, in a link\'s address and title, a bare address and the text, on the page as in the text', () => {
    const body = lexBody('[Portal](https://e.example.az/apply?lang=en&section=permits&region=baku "Fees &amp; more &copy") and https://e.example.az/x?type=a&currency=AZN and &copy 2026, &copy; 2026, &amp;amp;.\n');
    if (!body.ok) throw new Error(body.message);
    expect(renderBodyHtml(body.body)).toBe('<p><a href="https://e.example.az/apply?lang=en&amp;section=permits&amp;region=baku" title="Fees &amp; more &amp;copy">Portal</a> and <a href="https://e.example.az/x?type=a&amp;currency=AZN">https://e.example.az/x?type=a&amp;currency=AZN</a> and &amp;copy 2026, © 2026, &amp;amp;.</p>\n');
    expect(renderBodyText(body.body, 200)).toBe('Portal <https://e.example.az/apply?lang=en&section=permits&region=baku> and <https://e.example.az/x?type=a&currency=AZN> and &copy 2026, © 2026, &amp;.');
    // A name no character has is text, which a browser would read as far as a name it knows (`&not` of `&notanentity;`): escaped.
    const unknown = lexBody('Legal: &notanentity; and &copyright; and &pound1;.\n');
    if (!unknown.ok) throw new Error(unknown.message);
    expect(renderBodyHtml(unknown.body)).toBe('<p>Legal: &amp;notanentity; and &amp;copyright; and &amp;pound1;.</p>\n');
    expect(renderBodyText(unknown.body, 200)).toBe('Legal: &notanentity; and &copyright; and &pound1;.');
  });
});

describe('an image\'s alternative text', () => {
  it('is the plain text of its description: no emphasis marks, escapes resolved, a link\'s text, code as written', () => {
    const body = lexBody('![Minister\\_Safarov at the **new** [centre](https://x.example.az) `a&amp;b` &amp; co](https://example.az/photo.jpg)\n');
    if (!body.ok) throw new Error(body.message);
    expect(renderBodyHtml(body.body)).toContain('alt="Minister_Safarov at the new centre a&amp;amp;b &amp; co"');
    expect(renderBodyText(body.body, 200)).toBe('Minister_Safarov at the new centre a&amp;b & co <https://example.az/photo.jpg>');
  });
});

describe('lines of Chinese or Japanese joined in the plain text', () => {
  it('get no space where a line ends or starts with bold, code or a link, as where it ends with a letter', () => {
    const text = (source: string) => {
      const body = lexBody(source);
      if (!body.ok) throw new Error(body.message);
      return renderBodyText(body.body, 200);
    };
    expect(text('国家移民局今天宣布了**重要**\n的决定。请使用`代码`\n查询。\n')).toBe('国家移民局今天宣布了重要的决定。请使用代码查询。');
    expect(text('宣布了\n**重要**的决定。\n')).toBe('宣布了重要的决定。');
    expect(text('日本語の**重要な**\n決定です。\n')).toBe('日本語の重要な決定です。');
    expect(text('宣布了**重要**\n**决定**。\n')).toBe('宣布了重要决定。');
    expect(text('**English**\n**bold**, **中文**\n`code`\n')).toBe('English bold, 中文 code');
    // Other scripts keep the space a line break stands for.
    expect(text('English **bold**\nnext line and `code`\nafter, 中文**粗体**\nEnglish.\n')).toBe('English bold next line and code after, 中文粗体 English.');
  });
});

describe('lists in the plain text', () => {
  it('keep an empty item\'s marker, as the page keeps its bullet, so a numbered list skips no number', () => {
    const body = lexBody('- passport\n-\n- photo\n\n1. first\n2.\n3. third\n');
    if (!body.ok) throw new Error(body.message);
    expect(renderBodyText(body.body, 72)).toBe('- passport\n-\n- photo\n\n1. first\n2.\n3. third');
    // An item of nothing but an empty code block or a no-break space: its marker, no space after it.
    const blank = lexBody('- &nbsp;\n- ```\n  ```\n- two\n');
    if (!blank.ok) throw new Error(blank.message);
    expect(renderBodyText(blank.body, 72).split('\n').filter((line) => line !== line.trimEnd())).toEqual([]);
  });
});

describe('character references', () => {
  it('read 128–159 as Windows-1252, as browsers and the checks do: &#146; is ’ in every output, not an invisible control character', async () => {
    const body = 'The Service&#146;s rules &#150; in force today&#133; fee 5 &#128;, &#x93;new&#x94; and **&#0146;bold**.\n';
    const dir = await project({ 'migration-news.config.yaml': 'site:\n  url: https://press.example.az\n', 'r/a.md': `---\ntitle: Rules update\ndate: 2026-05-14\nlang: en\nstatus: published\n---\n${body}` });
    const result = await runMain(['build', 'r', '--out', 'dist', '--format', 'html,text,json', '--reporter', 'json', '--now', NOW], { cwd: dir });
    expect(result.code, result.stdout + result.stderr).toBe(0);
    expect((JSON.parse(result.stdout) as { diagnostics: unknown[] }).diagnostics).toEqual([]);
    const read = (file: string) => readFile(join(dir, 'dist', file), 'utf8');
    const [html, text, json, feed, atom] = await Promise.all(['en/rules-update.html', 'en/rules-update.txt', 'en/rules-update.json', 'en/feed.json', 'en/feed.xml'].map(read));
    expect(html).toContain('<p>The Service’s rules – in force today… fee 5 €, “new” and <strong>’bold</strong>.</p>');
    expect(text!.replace(/\s+/g, ' ')).toContain('The Service’s rules – in force today… fee 5 €, “new” and ’bold.');
    expect((JSON.parse(json!) as { body: { text: string } }).body.text).toContain('The Service’s rules – in force today… fee 5 €, “new” and ’bold.');
    for (const [name, output] of Object.entries({ html, text, json, feed, atom })) expect(output!.match(/[\u0080-\u009f]/g), name).toBeNull();
  });

  it('are numbers of at most seven decimal or six hexadecimal digits, as CommonMark reads them: a longer one is text, not U+FFFD', async () => {
    const body = 'Ticket &#87654321; and code &#x1234567; stay, &#1234567; and &#0; are U+FFFD, &#169; is ©: [form](/apply?n=1 "Ref &#87654321;") ![Ref &#87654321;](https://example.az/p.png).\n';
    const dir = await project({ 'r/a.md': release({ title: 'Rules update' }, body) });
    const result = await runMain(['build', 'r', '--out', 'dist', '--format', 'html,text', '--reporter', 'json', '--now', NOW], { cwd: dir });
    expect(result.code, result.stdout + result.stderr).toBe(0);
    const html = await readFile(join(dir, 'dist/en/rules-update.html'), 'utf8');
    expect(html).toContain('Ticket &amp;#87654321; and code &amp;#x1234567; stay, \uFFFD and \uFFFD are U+FFFD, © is ©:');
    expect(html).toContain('title="Ref &amp;#87654321;"');
    expect(html).toContain('alt="Ref &amp;#87654321;"');
    const text = (await readFile(join(dir, 'dist/en/rules-update.txt'), 'utf8')).replace(/\s+/g, ' ');
    expect(text).toContain('Ticket &#87654321; and code &#x1234567; stay, \uFFFD and \uFFFD are U+FFFD, © is ©: form </apply?n=1> Ref &#87654321; <https://example.az/p.png>.');
  });
});

describe('footnotes written as GitHub documents them', () => {
  it('tell of a note defined again under a label an earlier note has, whose text no output shows', async () => {
    const body = 'Permits rose[^1] and visas fell[^2].\n\n[^1]: Figures to 30 April.\n[^2]: Visas of all kinds.\n[^1]: Applications at ASAN centres included.\n';
    const dir = await project({ 'r/a.md': release({ title: 'Permits' }, body) });
    const result = await runMain(['validate', 'r', '--reporter', 'json', '--now', NOW], { cwd: dir });
    expect(result.code, result.stderr).toBe(0);
    const found = (JSON.parse(result.stdout) as { diagnostics: { line: number; column: number; ruleId: string; message: string }[] }).diagnostics;
    expect(found.map((d) => `${d.line}:${d.column} ${d.ruleId}`)).toEqual(['11:1 content/footnote']);
    expect(found[0]!.message).toBe('The footnote "[^1]" is defined again: Markdown reads only its first note, on line 9, so no output shows this one.');
  });

  it('keep a note\'s lines indented by two spaces, or not at all, in the note, and the next note its own', async () => {
    const body = [
      'Here is a simple footnote[^1]. A footnote can also have multiple lines[^2], and a source[^3].',
      '',
      '[^1]: My reference.',
      '[^2]: To add line breaks within a footnote, prefix new lines with 2 spaces.',
      '  This is a second line.',
      '[^3]: Source: the State Migration Service,',
      'published 28 January 2026.',
      '',
      'After the notes.',
      '',
    ].join('\n');
    const dir = await project({ 'r/a.md': `---\ntitle: Footnotes\ndate: 2026-05-14\nlang: en\nstatus: published\n---\n${body}` });
    const result = await runMain(['build', 'r', '--out', 'dist', '--format', 'html,text', '--reporter', 'json', '--now', NOW], { cwd: dir });
    expect(result.code, result.stdout + result.stderr).toBe(0);
    expect((JSON.parse(result.stdout) as { diagnostics: unknown[] }).diagnostics).toEqual([]);
    const html = await readFile(join(dir, 'dist/en/footnotes.html'), 'utf8');
    const notes = html.slice(html.indexOf('<section'));
    expect(notes).toMatch(/To add line breaks within a footnote, prefix new lines with 2 spaces\.\s+This is a second line\./);
    expect(notes).toMatch(/Source: the State Migration Service,\s+published 28 January 2026\./);
    const body0 = html.slice(0, html.indexOf('<section'));
    expect(body0).not.toContain('This is a second line');
    expect(body0).not.toContain('published 28 January');
    expect(body0).toContain('<p>After the notes.</p>');
    const text = (await readFile(join(dir, 'dist/en/footnotes.txt'), 'utf8')).replace(/\s+/g, ' ');
    expect(text).toContain('prefix new lines with 2 spaces. This is a second line.');
    expect(text.indexOf('This is a second line')).toBeGreaterThan(text.indexOf('After the notes.'));
  });

  it('keep a line under a later paragraph of a note, or under an item in it, in that paragraph, as Pandoc\'s example writes it', async () => {
    const body = [
      'Here is a footnote reference,[^1] and another.[^longnote] And a third.[^3]',
      '',
      '[^1]: Here is the footnote.',
      '',
      '[^longnote]: Here\'s one with multiple blocks.',
      '',
      '    Subsequent paragraphs are indented to show that they',
      'belong to the previous footnote.',
      '',
      '    - an item of the note',
      'whose text goes on here',
      '[^3]: A third note.',
      '',
      'After the notes.',
      '',
    ].join('\n');
    const dir = await project({ 'r/a.md': release({ title: 'Footnotes' }, body) });
    const result = await runMain(['build', 'r', '--out', 'dist', '--format', 'html,text', '--reporter', 'json', '--now', NOW], { cwd: dir });
    expect(result.code, result.stdout + result.stderr).toBe(0);
    expect((JSON.parse(result.stdout) as { diagnostics: unknown[] }).diagnostics).toEqual([]);
    const html = await readFile(join(dir, 'dist/en/footnotes.html'), 'utf8');
    const notes = html.slice(html.indexOf('<section class="footnotes"'));
    expect(notes).toMatch(/<p>Subsequent paragraphs are indented to show that they\nbelong to the previous footnote\.<\/p>/);
    expect(notes).toMatch(/<li>an item of the note\nwhose text goes on here<\/li>/);
    expect(notes).toContain('<li id="fn-3"><p>A third note.');
    const before = html.slice(0, html.indexOf('<section class="footnotes"'));
    expect(before).not.toContain('belong to the previous footnote');
    expect(before).not.toContain('whose text goes on here');
    expect(before).toContain('<p>After the notes.</p>');
    const text = (await readFile(join(dir, 'dist/en/footnotes.txt'), 'utf8')).replace(/\s+/g, ' ');
    expect(text).toContain('Subsequent paragraphs are indented to show that they belong to the previous footnote.');
    expect(text.indexOf('belong to the previous footnote')).toBeGreaterThan(text.indexOf('After the notes.'));
  });
});

describe('heading levels', () => {
  it('never put a heading below one the author typed deeper, nor skip a level', async () => {
    const body = 'Intro.\n\n#### Deep first\n\nText.\n\n## Then two\n\n###### Six\n\n### Three\n\n# One\n';
    const dir = await project({ 'r/a.md': `---\ntitle: Headings\ndate: 2026-05-14\nlang: en\nstatus: published\n---\n${body}` });
    const result = await runMain(['build', 'r', '--out', 'dist', '--format', 'html', '--now', NOW], { cwd: dir });
    expect(result.code, result.stdout + result.stderr).toBe(0);
    const html = await readFile(join(dir, 'dist/en/headings.html'), 'utf8');
    expect([...html.matchAll(/<h(\d)[^>]*>([^<]+)<\/h\d>/g)].map((m) => `h${m[1]} ${m[2]}`)).toEqual(['h1 Headings', 'h2 Deep first', 'h2 Then two', 'h3 Six', 'h3 Three', 'h2 One']);
  });
});

describe('footnotes cited inside a link or an image', () => {
  it('are text there, with a warning that says where to cite them, and no note listed without its citation', async () => {
    const body = 'See [the report[^r]](https://e.example.az/r) and ![chart[^c]](https://e.example.az/c.png) and text[^t].\n\n[^r]: Report note.\n[^c]: Chart note.\n[^t]: Text note.\n';
    const dir = await project({ 'r/a.md': `---\ntitle: Cited\ndate: 2026-05-14\nlang: en\nstatus: published\n---\n${body}` });
    const result = await runMain(['build', 'r', '--out', 'dist', '--format', 'html,text', '--reporter', 'json', '--now', NOW], { cwd: dir });
    expect(result.code, result.stdout + result.stderr).toBe(0);
    const diagnostics = (JSON.parse(result.stdout) as { diagnostics: { ruleId: string; line: number; column: number; message: string }[] }).diagnostics;
    expect(diagnostics.map((d) => `${d.ruleId} ${d.line}:${d.column}`)).toEqual([`content/footnote 7:${body.indexOf('[^r]') + 1}`, `content/footnote 7:${body.indexOf('[^c]') + 1}`]);
    expect(diagnostics[0]!.message).toMatch(/is cited inside a link's text or an image's description/);
    const html = await readFile(join(dir, 'dist/en/cited.html'), 'utf8');
    // No link inside a link, and one note, with its citation.
    expect(html).toContain('<a href="https://e.example.az/r">the report[^r]</a>');
    expect(html).toContain('alt="chart[^c]"');
    expect([...html.matchAll(/<li id="fn-/g)]).toHaveLength(1);
    expect(html).toContain('Text note.');
    expect(html).not.toContain('Chart note.');
  });
});

describe('a note followed by link definitions', () => {
  it('ends where a link\'s definition starts, which stays a definition', async () => {
    const body = 'See [the portal][p][^1] and [the form][f].\n\n[^1]: Note one\n[p]: https://portal.example.az\n[f]: https://form.example.az\n';
    const dir = await project({ 'r/a.md': `---\ntitle: Defined\ndate: 2026-05-14\nlang: en\nstatus: published\n---\n${body}` });
    const result = await runMain(['build', 'r', '--out', 'dist', '--format', 'html', '--reporter', 'json', '--now', NOW], { cwd: dir });
    expect(result.code, result.stdout + result.stderr).toBe(0);
    expect((JSON.parse(result.stdout) as { diagnostics: unknown[] }).diagnostics).toEqual([]);
    const html = await readFile(join(dir, 'dist/en/defined.html'), 'utf8');
    expect(html).toContain('<a href="https://portal.example.az">the portal</a>');
    expect(html).toContain('<a href="https://form.example.az">the form</a>');
    expect(html).toMatch(/<li id="fn-1"><p>Note one <a class="footnote-back"/);
  });
});

describe('lines written as a table that Markdown does not read as one', () => {
  it('are a warning at the line of --- cells that does not match the header, or at rows with no such line, but a table read as one is not', async () => {
    const body = [
      'Quota by sector:', '', '| Sector | Permits | Share |', '|---|---|', '| Construction | 4,200 | 33.6% |', '',
      'Then:', '| Month | Permits |', '| May | 310 |', '',
      '> | Centre | City |', '> | ASAN 1 | Baku |', '',
      '| Fine | AZN |', '|:--|--:|', '| Late | 300 |', '',
      'A line | with | pipes.', '',
      '| one cell |', '| another |', '',
    ].join('\n');
    const dir = await project({ 'r/a.md': `---\ntitle: Rows\ndate: 2026-05-14\nlang: en\nstatus: published\n---\n${body}` });
    const result = await runMain(['validate', 'r', '--reporter', 'json'], { cwd: dir });
    expect(result.code, result.stdout + result.stderr).toBe(0);
    const diagnostics = (JSON.parse(result.stdout) as { diagnostics: { ruleId: string; line: number; column: number; message: string; hint: string }[] }).diagnostics;
    // Before, none: each came out as one paragraph of pipes and cells run together, the share and the first centre lost in it.
    expect(diagnostics.map((d) => `${d.ruleId} ${d.line}:${d.column}`)).toEqual(['content/table-cells 10:1', 'content/table-cells 14:1', 'content/table-cells 17:3']);
    expect(diagnostics[0]!.message).toBe('The line under the table\'s header has 2 cells, but the header has 3, so Markdown does not read the lines as a table: every output runs them together into one paragraph, pipes and all.');
    expect(diagnostics[0]!.hint).toBe('Give the line under the header one `---` for each of its cells: `| --- | --- | --- |`.');
    expect(diagnostics[1]!.message).toMatch(/^These 2 lines are written as a table's rows, but no line of `---` cells follows the first/);
    expect(diagnostics[1]!.hint).toBe('Put a line of one `---` for each column under the header row: `| --- | --- |`.');
  });
});

describe('lists lettered as a word processor or a legal text letters them', () => {
  it('are a warning at their first item, in Latin, Cyrillic and Roman letters, but not initials or letters out of order', async () => {
    const body = [
      'Documents required:', '', 'a)\tPassport copy', 'b)\tTwo photos', 'c)\tProof of address', '',
      'Документы:', 'а) паспорт;', 'б) фото.', '',
      'Sections:', 'I. General', 'II. Fees', '',
      'Signed by:', 'A. Mammadov, director', 'B. Hasanov, deputy', '',
      'The choice:', 'a) online', 'c) in person', '',
    ].join('\n');
    const dir = await project({ 'r/a.md': `---\ntitle: Lettered\ndate: 2026-05-14\nlang: en\nstatus: published\n---\n${body}` });
    const result = await runMain(['validate', 'r', '--reporter', 'json'], { cwd: dir });
    expect(result.code, result.stdout + result.stderr).toBe(0);
    const diagnostics = (JSON.parse(result.stdout) as { diagnostics: { ruleId: string; line: number; column: number; endColumn: number; message: string; hint: string }[] }).diagnostics;
    // Before, none: the page and the text ran each list's items together into one paragraph.
    expect(diagnostics.map((d) => `${d.ruleId} ${d.line}:${d.column}-${d.endColumn}`)).toEqual(['content/unread-list 9:1-3', 'content/unread-list 14:1-3', 'content/unread-list 18:1-3']);
    expect(diagnostics[0]!.message).toBe('This paragraph has 3 lines that start with a lettered item ("a)", "b)" …), which Markdown does not read as a list: every output runs them together into one paragraph.');
    expect(diagnostics[0]!.hint).toBe('Make them a list: start each item with `1. `, `2. ` … (Markdown numbers items in digits, not letters), or with `- ` to keep the letter ("- a) Passport copy").');
    expect(diagnostics[1]!.message).toMatch(/^This paragraph has 2 lines that start with a lettered item \("а\)", "б\)" …\)/);
    expect(diagnostics[2]!.message).toMatch(/^This paragraph has 2 lines that start with a lettered item \("I\.", "II\." …\)/);
  });
});

describe('a date at the start of a line, written as German, Czech or Hungarian write one', () => {
  it('is a warning where Markdown reads it as a list item, and the escaped stop keeps it a date', async () => {
    const labels = await readFile(join(ROOT, 'templates/default/labels/en.yaml'), 'utf8');
    const dir = await project({
      'migration-news.config.yaml': 'languages: [de, cs, hu, en]\n',
      'templates/default/labels/de.yaml': labels,
      'templates/default/labels/cs.yaml': labels,
      'templates/default/labels/hu.yaml': labels,
      'r/de.md': '---\ntitle: Neue Quote\ndate: 2026-05-14\nlang: de\nstatus: published\n---\nDie Regelung tritt am\n1. Januar 2027 in Kraft.\n\n17. März 2026: Der Minister stellte sie vor.\n\nAb dem\n1\\. Jan. gilt sie.\n\nAnträge:\n\n1. Pass vorlegen.\n2. Gebühr zahlen.\n',
      'r/cs.md': '---\ntitle: Nová kvóta\ndate: 2026-05-14\nlang: cs\nstatus: published\n---\n> Kvóta platí od\n> 1. ledna 2027.\n\n1. Pro žadatele platí nová pravidla.\n',
      'r/hu.md': '---\ntitle: Kvóta\ndate: 2026-05-14\nlang: hu\nstatus: published\n---\nA kormány döntött.\n\n2025. március 17-én jóváhagyta az első kvótát.\n\n2027. január 1-jén lép hatályba.\n',
      'r/en.md': '---\ntitle: New quota\ndate: 2026-05-14\nlang: en\nstatus: published\n---\nThe rules apply from\n1. January 2027.\n',
    });
    const result = await runMain(['build', 'r', '--out', 'dist', '--format', 'html,text', '--reporter', 'json', '--now', NOW], { cwd: dir });
    expect(result.code, result.stdout + result.stderr).toBe(0);
    const diagnostics = (JSON.parse(result.stdout) as { diagnostics: { file: string; ruleId: string; line: number; column: number; endColumn: number; message: string; hint: string }[] }).diagnostics;
    // Before, none: the page cut the sentence before "1. Januar" and showed "17. März" as "2. März", the list's second item,
    // and a Hungarian paragraph opening with "2027. január" after one opening with "2025. március" as "2026. január".
    expect(diagnostics.map((d) => `${d.file} ${d.ruleId} ${d.line}:${d.column}-${d.endColumn}`)).toEqual([
      'r/cs.md content/listed-date 8:3-11', 'r/de.md content/listed-date 8:1-10', 'r/de.md content/listed-date 10:1-9',
      'r/hu.md content/listed-date 9:1-14', 'r/hu.md content/listed-date 11:1-13',
    ]);
    expect(diagnostics[1]!.message).toBe('The line that opens with "1. Januar" is read by Markdown as a numbered list\'s item, not as a date: every output shows it as a list apart from the text around it, with the day as the item\'s number.');
    expect(diagnostics[1]!.hint).toBe('Write the stop after the day as `\\.` (`1\\. Januar`), which Markdown shows as a stop and reads as no list.');
    expect(diagnostics[2]!.message).toMatch(/every output shows it as the next item of the list above it, "2\. März"\.$/);
    const text = await readFile(join(dir, 'dist/de/neue-quote.txt'), 'utf8');
    expect(text).toContain('Ab dem 1. Jan. gilt sie.');
    expect(text).toContain('2. März 2026: Der Minister stellte sie vor.');
    expect(diagnostics[4]!.message).toMatch(/every output shows it as the next item of the list above it, "2026\. január"\.$/);
    expect(await readFile(join(dir, 'dist/hu/kvota.txt'), 'utf8')).toContain('2026. január 1-jén lép hatályba.');
  });
});

describe('lines run together under the text of a tight list item', () => {
  it('are warned of as in a paragraph of their own', async () => {
    const body = [
      '1. Submit the documents:', '   a) passport;', '   b) two photos.', '2. Pay the state duty.', '',
      'Then:', '', '1. Wait for the answer:', '   4. online, or', '   5. by post.', '',
      '- Press office:', '  Phone: +994 12 555 01 00', '  E-mail: press@migration.example.az', '',
      '- Tələblər:', '  – pasport;', '  – arayış.', '',
    ].join('\n');
    const dir = await project({ 'r/a.md': `---\ntitle: Nested\ndate: 2026-05-14\nlang: en\nstatus: published\n---\n${body}` });
    const result = await runMain(['build', 'r', '--out', 'dist', '--format', 'text', '--reporter', 'json', '--now', NOW], { cwd: dir });
    expect(result.code, result.stdout + result.stderr).toBe(0);
    const diagnostics = (JSON.parse(result.stdout) as { diagnostics: { ruleId: string; line: number; column: number }[] }).diagnostics;
    // Before, none: a tight list's items are not paragraphs to the lexer, though every output joins their lines as one's.
    expect(diagnostics.map((d) => `${d.ruleId} ${d.line}:${d.column}`)).toEqual([
      'content/unread-list 8:4', 'content/unread-list 15:4', 'content/joined-lines 19:3', 'content/unread-list 23:3',
    ]);
    const text = await readFile(join(dir, 'dist/en/nested.txt'), 'utf8');
    expect(text).toContain('1. Submit the documents: a) passport; b) two photos.');
  });
});

describe('a contact block or a schedule written line by line', () => {
  it('is a warning at its first line, since Markdown joins the lines, but not once each line ends with a break, nor in prose', async () => {
    const body = [
      'For interviews:', 'Contact: Narmin Alizada', 'Phone: +994 12 555 01 00', 'E-mail: press@migration.example.az', '',
      'Programme:', '10:00 Opening', '10:30 – Speeches', '12.00 Lunch', '',
      'Тел.: +994 12 555 01 00', 'E-mail: info@migration.gov.az', '',
      '联系人：王先生', '电话：+994 12 555 01 00', '',
      'Kept:\\', 'Phone: +994 12 555 01 00\\', 'E-mail: press@migration.example.az', '',
      'The minister said: the centre', 'will serve the region. Note: it opens at 09:00.', '',
    ].join('\n');
    const dir = await project({ 'r/a.md': `---\ntitle: Joined\ndate: 2026-05-14\nlang: en\nstatus: published\n---\n${body}` });
    const result = await runMain(['build', 'r', '--out', 'dist', '--format', 'text', '--reporter', 'json', '--now', NOW], { cwd: dir });
    expect(result.code, result.stdout + result.stderr).toBe(0);
    const diagnostics = (JSON.parse(result.stdout) as { diagnostics: { ruleId: string; line: number; column: number; message: string; hint: string }[] }).diagnostics;
    // Before, none: the page and the text gave "Contact: Narmin Alizada Phone: +994 12 555 01 00 E-mail: …" on one line.
    expect(diagnostics.map((d) => `${d.ruleId} ${d.line}:${d.column}`)).toEqual(['content/joined-lines 8:1', 'content/joined-lines 13:1', 'content/joined-lines 17:1', 'content/joined-lines 20:1']);
    expect(diagnostics[0]!.message).toBe('These 3 lines each open with a label ("Contact:", "Phone:", "E-mail:"), as a contact block is written, but Markdown joins the lines of a paragraph: every output runs them together into one line.');
    expect(diagnostics[0]!.hint).toBe('End each line but the last with a backslash (`\\`) to keep its line break, or make the lines a list ("- Contact: Narmin Alizada").');
    expect(diagnostics[1]!.message).toMatch(/^These 3 lines each open with a time \("10:00", "10:30", "12\.00"\), as a schedule is written/);
    const text = await readFile(join(dir, 'dist/en/joined.txt'), 'utf8');
    expect(text).toMatch(/For interviews: Contact: Narmin Alizada Phone:\s\+994 12 555 01 00 E-mail:/);
    expect(text).toContain('Kept:\nPhone: +994 12 555 01 00\n');
  });
});

describe('a paragraph indented as a word processor indents a first line', () => {
  it('is a warning, since Markdown reads it as code, but code and an indented line that is no sentence are not', async () => {
    const body = [
      'The Service announced new rules today.', '',
      '\tForeign nationals must register within 15 days of arrival, as the law requires.', '',
      'Code:', '', '    curl -X POST https://api.example.az/v1/apply', '',
      'Where:', '', '    Address: 202 Binagadi highway', '',
      'More:', '', '    The fine is from 300 to 400 manats for each day of delay.', '', '    It is paid online.', '',
    ].join('\n');
    const dir = await project({ 'r/a.md': `---\ntitle: Indented\ndate: 2026-05-14\nlang: en\nstatus: published\n---\n${body}` });
    const result = await runMain(['build', 'r', '--out', 'dist', '--format', 'html', '--reporter', 'json', '--now', NOW], { cwd: dir });
    expect(result.code, result.stdout + result.stderr).toBe(0);
    const diagnostics = (JSON.parse(result.stdout) as { diagnostics: { ruleId: string; line: number; column: number; endColumn: number; message: string }[] }).diagnostics;
    // Before, none: the page showed each as preformatted code, in a fixed-width font, and the text kept it unwrapped.
    expect(diagnostics.map((d) => `${d.ruleId} ${d.line}:${d.column}-${d.endColumn}`)).toEqual(['content/indented-text 9:2-81', 'content/indented-text 21:5-62']);
    expect(diagnostics[0]!.message).toBe('This paragraph is indented by a tab, so Markdown reads it as a code block: every output shows it as written, in a fixed-width font on the page and unwrapped in the text.');
    expect(diagnostics[1]!.message).toMatch(/^These paragraphs are indented by 4 spaces, so Markdown reads them as a code block/);
    expect(await readFile(join(dir, 'dist/en/indented.html'), 'utf8')).toContain('<pre><code>Foreign nationals must register');
  });
});

describe('a link to a portal written without https://', () => {
  it('is a warning with the address to write, as www. is, but a file of the site is not', async () => {
    const body = 'Apply on [the portal](migration.gov.az), at [e-gov](e-gov.az/services?lang=en) or [ASAN](asan.az); the [form](forms/residence.pdf), [rates](rates.html), [the chart](img.v2/chart.png) and [Azerbaijani](../az/x.html) are ours.\n';
    const dir = await project({ 'r/a.md': `---\ntitle: Portals\ndate: 2026-05-14\nlang: en\nstatus: published\n---\n${body}` });
    const result = await runMain(['validate', 'r', '--reporter', 'json'], { cwd: dir });
    expect(result.code, result.stdout + result.stderr).toBe(0);
    const diagnostics = (JSON.parse(result.stdout) as { diagnostics: { ruleId: string; message: string; hint: string; expected: string }[] }).diagnostics;
    // Before, none: each led to a page of the site, en/migration.gov.az, that does not exist.
    expect(diagnostics.map((d) => `${d.ruleId} ${d.expected}`)).toEqual(['content/link-address https://migration.gov.az', 'content/link-address https://e-gov.az/services?lang=en', 'content/link-address https://asan.az']);
    expect(diagnostics[0]!.message).toBe('The link\'s address "migration.gov.az" has no `https://` in front, so a browser takes it for a page of this site and the link leads nowhere.');
    expect(diagnostics[0]!.hint).toBe('Write the address as "https://migration.gov.az".');
  });
});

describe('a link to a telephone number', () => {
  it('is kept as the contacts keep theirs, the number alone in the text when it is the link\'s text; a tel: with more than a number is not', async () => {
    const body = 'Call [+994 12 555 01 00](tel:+994125550100) or [the hotline](tel:+994-12-919), not [dial](+994125550100).\n\nNor [this](tel:javascript:alert(1)).\n';
    const dir = await project({ 'r/a.md': `---\ntitle: Phones\ndate: 2026-05-14\nlang: en\nstatus: published\n---\n${body}` });
    const result = await runMain(['build', 'r', '--out', 'dist', '--format', 'html,text', '--keep-going', '--reporter', 'json', '--now', NOW], { cwd: dir });
    const diagnostics = (JSON.parse(result.stdout) as { diagnostics: { ruleId: string; expected: string | null; message: string }[] }).diagnostics;
    // Before, each tel: link was a content/link-scheme error, which kept the release from being built.
    expect(diagnostics.map((d) => `${d.ruleId} ${d.expected}`)).toEqual(['content/link-address tel:+994125550100', 'content/link-scheme null']);
    expect(diagnostics[1]!.message).toBe('The link URL "tel:javascript:alert(1)" uses a scheme other than http, https or mailto (or tel: with a telephone number); it is removed from the output.');
    const fixed = await project({ 'r/a.md': `---\ntitle: Phones\ndate: 2026-05-14\nlang: en\nstatus: published\n---\n${body.split('\n\n')[0]}\n` });
    const built = await runMain(['build', 'r', '--out', 'dist', '--format', 'html,text', '--now', NOW], { cwd: fixed });
    expect(built.code, built.stdout + built.stderr).toBe(0);
    // A number on one line and left to right, as the contacts write one: no-break spaces and hyphens, and dir="ltr". Words as any link's.
    expect(await readFile(join(fixed, 'dist/en/phones.html'), 'utf8')).toContain('<p>Call <a href="tel:+994125550100" dir="ltr">+994\u00A012\u00A0555\u00A001\u00A000</a> or <a href="tel:+994-12-919">the hotline</a>, not <a href="+994125550100">dial</a>.</p>');
    expect(await readFile(join(fixed, 'dist/en/phones.txt'), 'utf8')).toMatch(/Call \+994 12 555 01 00 or the hotline\s<tel:\+994-12-919>,\snot dial\s<\+994125550100>\./);
    // In a right-to-left release's text, after a left-to-right mark, so that the groups keep their order.
    const arabic = await project({
      'migration-news.config.yaml': 'languages: [ar]\n',
      'templates/default/labels/ar.yaml': await readFile(join(ROOT, 'templates', 'default', 'labels', 'en.yaml'), 'utf8'),
      'r/a.md': `---\ntitle: اتصال\ndate: 2026-05-14\nlang: ar\nstatus: published\nslug: call\n---\nاتصل [+994 12 555 01 00](tel:+994125550100).\n`,
    });
    expect((await runMain(['build', 'r', '--out', 'dist', '--format', 'text', '--now', NOW], { cwd: arabic })).code).toBe(0);
    expect(await readFile(join(arabic, 'dist/ar/call.txt'), 'utf8')).toContain('اتصل \u200E+994 12 555 01 00.');
  });
});

describe('a list written with dashes, as Russian and Azerbaijani texts write one', () => {
  it('is a warning at its first item where it is punctuated as a list, but not a dialogue or a dash inside a sentence', async () => {
    const body = [
      'Основные направления:', '– миграция;', '– занятость;', '– образование.', '',
      'Sənədlər', '— pasport;', '— foto.', '',
      '— Вы придёте?', '— Да, конечно.', '',
      'Цена — 20 манатов,', 'срок — 5 дней.', '',
    ].join('\n');
    const dir = await project({ 'r/a.md': `---\ntitle: Тире\ndate: 2026-05-14\nlang: ru\nstatus: published\n---\n${body}` });
    const result = await runMain(['validate', 'r', '--reporter', 'json'], { cwd: dir });
    expect(result.code, result.stdout + result.stderr).toBe(0);
    const diagnostics = (JSON.parse(result.stdout) as { diagnostics: { ruleId: string; line: number; column: number; endColumn: number; message: string; hint: string }[] }).diagnostics;
    // Before, none: the page and the text ran the items together, "Основные направления: – миграция; – занятость; …".
    expect(diagnostics.map((d) => `${d.ruleId} ${d.line}:${d.column}-${d.endColumn}`)).toEqual(['content/unread-list 8:1-2', 'content/unread-list 13:1-2']);
    expect(diagnostics[0]!.message).toBe('This paragraph has 3 lines that start with "–", which Markdown does not read as a list marker: every output runs them together into one paragraph.');
    expect(diagnostics[0]!.hint).toBe('Make them a list: start each item with `- ` instead ("- миграция;").');
  });
});

describe('a numbered list that does not start at 1, right under a line of text', () => {
  it('is a warning at its first item, since Markdown runs it into the paragraph, but not a list from 1, numbers in prose or years', async () => {
    const body = [
      'The remaining steps:', '4. Register the contract', '5. Notify the Service', '6. Keep copies', '',
      'Part one:', '1. Apply', '2. Pay', '',
      'In 2026 we opened', '12 centres and in 2027', '13 more.', '',
      'The years', '2025. A good year', '2026. Better', '',
    ].join('\n');
    const dir = await project({ 'r/a.md': `---\ntitle: Steps\ndate: 2026-05-14\nlang: en\nstatus: published\n---\n${body}` });
    const result = await runMain(['validate', 'r', '--reporter', 'json'], { cwd: dir });
    expect(result.code, result.stdout + result.stderr).toBe(0);
    const diagnostics = (JSON.parse(result.stdout) as { diagnostics: { ruleId: string; line: number; column: number; endColumn: number; message: string; hint: string }[] }).diagnostics;
    // Before, none: the page and the text gave "The remaining steps: 4. Register the contract 5. Notify the Service 6. Keep copies".
    expect(diagnostics.map((d) => `${d.ruleId} ${d.line}:${d.column}-${d.endColumn}`)).toEqual(['content/unread-list 8:1-3']);
    expect(diagnostics[0]!.message).toBe('This paragraph has 3 lines that start with a number ("4.", "5." …), but a numbered list that does not start at 1 cannot begin right under a line of text: every output runs them together into one paragraph.');
    expect(diagnostics[0]!.hint).toBe('Put a blank line before the list, before "4. Register the contract".');
  });
});

describe('a list pasted from Word with items under others', () => {
  it('counts the lines Word marks with "o" and a tab beside its bullets, and says how to nest them', async () => {
    const body = 'Documents:\n\n•\tPassport\no\tCopy of every page\no\tThe original\n•\tPhotos\n\nO bildirib ki\no dedi.\n';
    const dir = await project({ 'r/a.md': `---\ntitle: Word\ndate: 2026-05-14\nlang: en\nstatus: published\n---\n${body}` });
    const result = await runMain(['validate', 'r', '--reporter', 'json'], { cwd: dir });
    expect(result.code, result.stdout + result.stderr).toBe(0);
    const diagnostics = (JSON.parse(result.stdout) as { diagnostics: { ruleId: string; line: number; message: string; hint: string }[] }).diagnostics;
    expect(diagnostics.map((d) => `${d.ruleId} ${d.line}`)).toEqual(['content/unread-list 9']);
    // Before: "2 lines that start with "•"", and a hint that left the items under others run together after the fix.
    expect(diagnostics[0]!.message).toBe('This paragraph has 2 lines that start with "•" and 2 with "o" and a tab, as Word writes an item under another, which Markdown does not read as list markers: every output runs them together into one paragraph.');
    expect(diagnostics[0]!.hint).toBe('Make them a list: start each item with `- ` instead ("- Passport"), and each item under another with two spaces before it ("  - Copy of every page").');
  });
});

describe('lines that look like a list, a schedule or a contact block but are not run together by mistake', () => {
  it('are no warning: prose wrapped at a time or a decimal, a dialogue after a colon, a sentence wrapped at its dashes, and lines that keep their breaks', async () => {
    const wrapped = [
      'From 1 December, all service centres of the State Migration Service will', 'open from 08:00 instead of 09:00 and close at', '20:00 on weekdays. On Saturdays the centres will be open from', '10:00 to 16:00.', '',
      'The average wage rose to', '12.40 thousand a month, compared with', '10.50 thousand in 2024.', '',
    ];
    const dialogue = [
      'Журналист спросил:', '— Когда начнётся приём заявлений?', '— С понедельника, — ответил министр.', '',
      'Xidmətin rəisi bildirib:', '– Biz müraciətləri 10 gün ərzində cavablandırırıq.', '– Portal vasitəsilə müraciət etmək daha rahatdır.', '',
      'С 1 декабря вступают в силу новые правила. Главное изменение', '— срок рассмотрения заявления сокращён до 10 дней,', '— сообщил начальник управления.', '',
    ];
    const kept = [
      'Необходимы:\\', 'а) паспорт;\\', 'б) миграционная карта.', '',
      'Также нужны:  ', '– договор аренды;  ', '– квитанция об оплате.', '',
      'Далее:\\', '4. Проверка.\\', '5. Решение.', '',
      'Tel.: +994 12 555 01 00<br>', 'E-mail: press@migration.gov.az<br/>', 'Web: https://migration.gov.az', '',
    ];
    const dir = await project({
      'migration-news.config.yaml': 'html: safe\n',
      'r/en.md': release({ title: 'Opening hours' }, wrapped.join('\n')),
      'r/ru.md': `---\ntitle: Диалог\ndate: 2026-05-14\nlang: ru\nstatus: published\n---\n${dialogue.join('\n')}`,
      'r/kept.md': `---\ntitle: Документы\ndate: 2026-05-14\nlang: ru\nstatus: published\n---\n${kept.join('\n')}`,
    });
    const result = await runMain(['validate', 'r', '--reporter', 'json', '--now', NOW], { cwd: dir });
    expect(result.code, result.stdout + result.stderr).toBe(0);
    expect((JSON.parse(result.stdout) as { diagnostics: { file: string; line: number; ruleId: string }[] }).diagnostics.map((d) => `${d.file}:${d.line} ${d.ruleId}`)).toEqual([]);
  });

  it('is told at the line the run of lines starts at, not at an earlier line it opens, nor in a later copy of a quoted paragraph', async () => {
    const body = [
      'Mətbuat xidməti: Nərmin Əlizadə\\', 'Tel.: +994 12 555 01 00\\', 'E-poçt: press@migration.gov.az\\',
      'Elektron xidmətlər: dəstək qrupu\\', 'Tel.: +994 12 555 01 00', 'E-poçt: eservices@migration.gov.az', '',
    ].join('\n');
    const dir = await project({ 'r/az.md': `---\ntitle: Əlaqə\ndate: 2026-05-14\nlang: az\nstatus: published\n---\n${body}` });
    const result = await runMain(['validate', 'r', '--reporter', 'json', '--now', NOW], { cwd: dir });
    const found = (JSON.parse(result.stdout) as { diagnostics: { line: number; column: number; ruleId: string }[] }).diagnostics;
    expect(found.map((d) => `${d.line}:${d.column} ${d.ruleId}`)).toEqual(['11:1 content/joined-lines']);
    // A quoted block, then the same lines unquoted further down, each with an address the paragraph's own links are looked for at.
    const quoted = await project({ 'r/en.md': release({ title: 'Contacts' }, '> Tel.: +994 12 555 01 00\n> E-mail: press@migration.gov.az\n\nOur office:\n\nTel.: +994 12 555 01 00\nE-mail: press@migration.gov.az\n') });
    const again = await runMain(['validate', 'r', '--reporter', 'json', '--now', NOW], { cwd: quoted });
    expect((JSON.parse(again.stdout) as { diagnostics: { line: number; column: number; ruleId: string }[] }).diagnostics.map((d) => `${d.line}:${d.column} ${d.ruleId}`)).toEqual(['7:3 content/joined-lines', '12:1 content/joined-lines']);
  });
});

describe('a table column\'s alignment', () => {
  it('is a class of the page\'s stylesheet on the page, and written into each cell of the JSON, ninjs and feeds, which are read without it', async () => {
    const table = '| Region | Permits |\n|:---|---:|\n| Baku | 12,500 |\n| Ganja | 1,200 |\n';
    for (const html of ['escape', 'safe']) {
      const dir = await project({
        'migration-news.config.yaml': `site:\n  url: https://press.example.az/\nhtml: ${html}\n`,
        'r/a.md': release({ title: 'Permits by region', slug: 'permits' }, table),
      });
      const result = await runMain(['build', 'r', '--out', 'dist', '--format', 'html,json,ninjs', '--now', NOW], { cwd: dir });
      expect(result.code, result.stderr).toBe(0);
      const read = (file: string) => readFile(join(dir, 'dist', file), 'utf8');
      const page = await read('en/permits.html');
      expect(page, html).toContain('<td class="align-right">12,500</td>');
      expect(page, html).not.toContain('style="text-align');
      const body = (JSON.parse(await read('en/permits.json')) as { body: { html: string } }).body.html;
      expect(body, html).toContain('<th scope="col" class="align-right" style="text-align: right">Permits</th>');
      expect(body, html).toContain('<td class="align-left" style="text-align: left">Baku</td>');
      expect(body, html).toContain('<td class="align-right" style="text-align: right">1,200</td>');
      const ninjs = JSON.parse(await read('en/permits.ninjs.json')) as { bodies: { value: string }[] };
      expect(ninjs.bodies[0]!.value, html).toBe(body);
      expect(await read('en/feed.json'), html).toContain('<td class=\\"align-right\\" style=\\"text-align: right\\">12,500</td>');
    }
  });
});
