import { appendFile, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lexBody, renderBodyHtml, renderBodyText } from '../src/core/markdown.js';
import { NOW, fixture, release, removeFixture, runMain, type CliResult } from './helpers/cli.js';
import { copyCorpus, listTree, scriptHazards } from './helpers/hostile.js';
import { htmlProblems, htmlValidator } from './helpers/html-validator.js';
import { jsonReport, type JsonReport } from './helpers/report.js';

/** `html: safe`: raw HTML kept within an allowlist, through sanitize-html; the hostile corpus stays harmless. */

function safe(markdown: string): string {
  const lexed = lexBody(markdown);
  if (!lexed.ok) throw new Error(lexed.message);
  return renderBodyHtml(lexed.body, { html: 'safe' });
}

describe('the allowlist', () => {
  it('keeps tables, figures, images with alt text, links, abbreviations, sup, sub and br', () => {
    const html = safe([
      '<table><caption>Permits</caption><tr><th>Region</th><td colspan="2">Baku</td></tr></table>',
      '',
      '<figure><img src="photos/centre.jpg" alt="The new centre"><figcaption>The centre</figcaption></figure>',
      '',
      'The <abbr title="State Migration Service">SMS</abbr> counts m<sup>2</sup> and H<sub>2</sub>O,<br>and <a href="https://example.az/a" id="x">links</a>.',
      '',
    ].join('\n'));
    expect(html).toContain('<table><caption>Permits</caption><tr><th>Region</th><td colspan="2">Baku</td></tr></table>');
    expect(html).toContain('<figure><img src="photos/centre.jpg" alt="The new centre" /><figcaption>The centre</figcaption></figure>');
    expect(html).toContain('The <abbr title="State Migration Service">SMS</abbr> counts m<sup>2</sup> and H<sub>2</sub>O,<br />and <a href="https://example.az/a" id="x">links</a>.');
  });

  it('removes everything else: script, style, frames, forms, handlers, inline styles and unsafe URLs', () => {
    const html = safe([
      '<script>alert(1)</script><style>body{}</style><iframe src="https://evil.example"></iframe>',
      '',
      '<form action="https://evil.example"><input type="text" name="q"></form>',
      '',
      'A <b onclick="x()" style="color:red">bold</b> <a href="javascript:alert(1)">click</a> <img src="data:image/png;base64,AAAA" alt="d"> <img src="//evil.example/x.png" alt="e"> <a href="&#106;avascript:alert(1)">entity</a>.',
      '',
    ].join('\n'));
    expect(scriptHazards(html)).toEqual([]);
    expect(html).not.toMatch(/<(script|style|iframe|form|b)\b|onclick|style=|javascript|data:|\/\/evil/i);
    expect(html).not.toContain('alert(1)');
    // The text of a removed element is kept, so nothing the author wrote silently disappears.
    expect(html).toContain('bold');
    expect(html).toContain('click');
  });

  it('keeps what Markdown itself renders, and escapes raw HTML by default', () => {
    const markdown = '## Heading\n\n- a [link](https://example.az) and `code`\n- [x] done\n\nNote[^1].\n\n[^1]: A note.\n\n<b>raw</b>\n\n```json\n{"a": 1}\n```\n\n<code class="language-x evil">y</code>\n';
    const html = safe(markdown);
    expect(html).toContain('<h2>Heading</h2>');
    // A fenced block's language, which a highlighter or a style goes by; no other class.
    expect(html).toContain('<pre><code class="language-json">');
    expect(html).toContain('<code class="language-x">y</code>');
    expect(html).toContain('<a href="https://example.az">link</a>');
    // Not hidden from screen readers: a ticked box says the task is done.
    expect(html).toContain('<input type="checkbox" disabled checked />');
    expect(html).toContain('<sup class="footnote-ref"><a id="fn-ref-1" href="#fn-1">1</a></sup>');
    expect(html).toContain('<section class="footnotes" role="doc-endnotes">');
    expect(html).not.toContain('<b>');
    expect(html).toContain('raw');
    const lexed = lexBody(markdown);
    if (!lexed.ok) throw new Error(lexed.message);
    expect(renderBodyHtml(lexed.body)).toContain('&lt;b&gt;raw&lt;/b&gt;');
  });

  it('keeps bold and italic pasted as <b> and <i> as the emphasis Markdown makes, and an underline as its text', () => {
    const html = safe('Open <b>daily</b>, <i lang="az" dir="RTL">hər gün</i>, <B dir="sideways">nine</B> to <u>five</u>.\n');
    expect(html).toBe('<p>Open <strong>daily</strong>, <em lang="az" dir="rtl">hər gün</em>, <strong>nine</strong> to five.</p>\n');
    // An icon pasted with a web page's text is emphasis around nothing: it goes; one around a space (which parts two words) or an image stays.
    expect(safe('<i class="fa fa-phone"></i> Call<b> </b>us, <i><img src="https://example.az/i.png" alt="phone"></i>.\n')).toBe('<p> Call<strong> </strong>us, <em><img src="https://example.az/i.png" alt="phone" /></em>.</p>\n');
  });
});

describe('raised and lowered figures in plain text', () => {
  it('are written in the characters that show them so where Unicode has them all, else as they are', () => {
    const lexed = lexBody('Permits rose to 10<sup>6</sup> in an area of 5 km<sup>2</sup>, H<sub>2</sub>O, x<sup>(n+1)</sup>, the 1<sup>st</sup> and 2<sup> </sup>.\n\n<p>Also 10<sup>-3</sup> and CO<sub>2</sub>.</p>\n');
    if (!lexed.ok) throw new Error(lexed.message);
    expect(renderBodyText(lexed.body, 1000, undefined, { html: 'safe' })).toBe('Permits rose to 10⁶ in an area of 5 km², H₂O, x⁽ⁿ⁺¹⁾, the 1st and 2 .\n\nAlso 10⁻³ and CO₂.');
  });
});

describe('the hostile HTML corpus under html: safe', () => {
  let dir: string;
  let result: CliResult;
  let report: JsonReport;
  let pages: { path: string; text: string }[];
  beforeAll(async () => {
    dir = await copyCorpus('html');
    await appendFile(join(dir, 'html', 'migration-news.config.yaml'), '\nhtml: safe\n');
    result = await runMain(['build', 'html', '--out', 'out', '--keep-going', '--reporter', 'json', '--now', NOW], { cwd: dir });
    report = jsonReport(result);
    const files = (await listTree(join(dir, 'out'))).filter((f) => f.endsWith('.html'));
    pages = await Promise.all(files.map(async (path) => ({ path, text: await readFile(join(dir, 'out', path), 'utf8') })));
  });
  afterAll(() => removeFixture(dir));

  it('refuses the same files and renders the same pages as with escaping', () => {
    expect(result.code).toBe(1);
    // control-in-body.md has two control characters, each told.
    expect(report.diagnostics.filter((d) => d.severity === 'error').length).toBe(10);
    expect(pages.map((p) => p.path)).toEqual(expect.arrayContaining(['en/raw-html.html', 'en/links.html', 'en/script-in-title.html']));
  });

  it('leaves no script but the JSON-LD block, no event handler and no unsafe URL in any page', () => {
    for (const page of pages) {
      expect(scriptHazards(page.text), page.path).toEqual([]);
      expect(page.text.match(/<script\b/gi), page.path).toHaveLength(1);
    }
    expect(pages.find((p) => p.path === 'en/raw-html.html')!.text).not.toContain('PWNED');
  });
});

describe('configuration', () => {
  it('accepts escape or safe only, and reports no raw-HTML warning when HTML is meant', async () => {
    const dir = await fixture({ 'migration-news.config.yaml': 'html: safe\n', 'r.md': release({}, 'Open <b>daily</b>.\n') });
    try {
      const ok = await runMain(['validate', '.', '--reporter', 'json'], { cwd: dir });
      expect(jsonReport(ok).diagnostics).toEqual([]);
      const bad = await fixture({ 'migration-news.config.yaml': 'html: raw\n', 'r.md': release() });
      try {
        const result = await runMain(['validate', '.', '--reporter', 'json'], { cwd: bad });
        expect(result.code).toBe(1);
        expect(jsonReport(result).diagnostics[0]).toMatchObject({ ruleId: 'schema/enum', file: 'migration-news.config.yaml' });
      } finally {
        await removeFixture(bad);
      }
    } finally {
      await removeFixture(dir);
    }
  });
});

/** The plain text a build writes of each English release `files` hold (under `r/`), by slug; the fixture is removed after. */
async function plainTexts(files: Record<string, string>): Promise<Map<string, string>> {
  const dir = await fixture(files);
  try {
    const result = await runMain(['build', 'r', '--out', 'dist', '--format', 'text', '--now', NOW], { cwd: dir });
    expect(result.code, result.stdout + result.stderr).toBe(0);
    const folder = join(dir, 'dist', 'en');
    const names = (await readdir(folder)).filter((name) => name.endsWith('.txt'));
    return new Map(await Promise.all(names.map(async (name) => [name.slice(0, -'.txt'.length), await readFile(join(folder, name), 'utf8')] as const)));
  } finally {
    await removeFixture(dir);
  }
}

/** A release's body as plain text, from `start` to the end mark. */
const bodyFrom = (text: string | undefined, start: string) => text?.slice(text.indexOf(start), text.indexOf('\n\n###'));

/**
 * Builds a release of `body` in a project with `html: safe` (and `config`) into `formats`, and hands its folder and page to
 * `check`; the project is removed after.
 */
async function withSafePage(body: string, formats: string, check: (dir: string, html: string) => Promise<void>, config = ''): Promise<void> {
  const dir = await fixture({ 'migration-news.config.yaml': `html: safe\n${config}`, 'r/a.md': release({ title: 'Pasted HTML', slug: 'a' }, body) });
  try {
    const result = await runMain(['build', 'r', '--out', 'dist', '--format', formats, '--now', NOW], { cwd: dir });
    expect(result.code, result.stdout + result.stderr).toBe(0);
    await check(dir, await readFile(join(dir, 'dist', 'en', 'a.html'), 'utf8'));
  } finally {
    await removeFixture(dir);
  }
}

/** The HTML validator's problems with a built page that name `rule` (a rule id, or a word of its message). */
async function pageProblems(html: string, rule: string): Promise<string[]> {
  return (await htmlProblems(htmlValidator(), html, 'en/a.html')).filter((p) => p.includes(rule));
}

describe('raw HTML in blocks and in other languages', () => {
  const body = [
    // As webmail and word processors paste it: one <div> a line.
    '<div>Dear colleagues,</div><div>The centre opens today.</div><div><br></div><div>Regards</div>',
    '',
    '<dl><dt>Permit</dt><dd>A residence permit.</dd></dl>',
    '',
    '<h1>Schedule</h1><p>From nine.</p>',
    '',
    '<p dir="rtl" lang="fa">سرویس مهاجرت</p>',
    '',
    'The name <bdi>مرکز ۲</bdi> 3 times, and <span lang="az" dir="ltr">Bakı</span> in <span dir="sideways" lang="en">text</span>.',
    '',
  ].join('\n');

  it('keeps each block apart and keeps lang and dir, so no words run together and no text loses its language or direction', async () => {
    const dir = await fixture({ 'migration-news.config.yaml': 'html: safe\n', 'r/a.md': release({ title: 'Safe blocks', slug: 'a' }, body) });
    try {
      const result = await runMain(['build', 'r', '--out', 'dist', '--format', 'html,text', '--now', NOW], { cwd: dir });
      expect(result.code, result.stdout + result.stderr).toBe(0);
      const html = await readFile(join(dir, 'dist', 'en', 'a.html'), 'utf8');
      const page = html.slice(html.indexOf('<div class="release-body">'));
      expect(page).toContain('<div>Dear colleagues,</div><div>The centre opens today.</div><div><br /></div><div>Regards</div>');
      expect(page).toContain('<div><div>Permit</div><div>A residence permit.</div></div>');
      // The page's only h1 is the title, as for a Markdown heading.
      expect(page).toContain('<h2>Schedule</h2><p>From nine.</p>');
      expect(page).not.toContain('<h1>');
      expect(page).toContain('<p dir="rtl" lang="fa">سرویس مهاجرت</p>');
      expect(page).toContain('The name <bdi>مرکز ۲</bdi> 3 times, and <span lang="az" dir="ltr">Bakı</span> in <span lang="en">text</span>.');
      for (const glued of ['colleagues,The', 'today.Regards', 'PermitA', 'ScheduleFrom']) expect(page).not.toContain(glued);
      expect(scriptHazards(page)).toEqual([]);
      // The sanitizer writes void elements as `<br />`, as it always has in this mode: that style is not what is checked here.
      expect(await htmlProblems(htmlValidator({ 'void-style': 'off' }), html, 'en/a.html')).toEqual([]);
    } finally {
      await removeFixture(dir);
    }
  });

  // Pasted HTML's width="100%" and the like were kept as written: attributes of values HTML does not take, an invalid page.
  it('keeps an image\'s size, a cell\'s spans, a list\'s start and a header\'s scope only with a value HTML takes', async () => {
    const body = '<img src="https://example.az/a.png" alt="a" width="100%" height="auto"> <img src="https://example.az/b.png" alt="b" width=" 40 " height="30">\n\n<table><tr><th scope="column">h</th><th scope="Col">i</th><td colspan="0">a</td><td rowspan="abc">b</td><td colspan="2">c</td></tr></table>\n\n<ol start="first"><li>x</li></ol><ol start="-2"><li>y</li></ol>\n';
    await withSafePage(body, 'html', async (_, html) => {
      expect(html).toContain('<img src="https://example.az/a.png" alt="a" /> <img src="https://example.az/b.png" alt="b" width="40" height="30" />');
      expect(html).toContain('<tr><th>h</th><th scope="Col">i</th><td>a</td><td>b</td><td colspan="2">c</td></tr>');
      expect(html).toContain('<ol><li>x</li></ol><ol start="-2"><li>y</li></ol>');
      expect(await pageProblems(html, 'attribute-allowed-values')).toEqual([]);
    });
  });

  // A raw anchor's id was kept whatever it was: the skip link's target, a heading's, another anchor's, each then on two elements.
  it('keeps a raw link\'s or list item\'s id only where no other element of the page has it', async () => {
    const body = '<a id="main">top</a> <a id="quotas">q</a> <a id="rates">r</a> <a id="rates">again</a> and a note[^1].\n\n<ul><li id="contacts-heading">item</li></ul>\n\n## Quotas {#quotas}\n\n[^1]: The note.\n';
    await withSafePage(body, 'html', async (_, html) => {
      expect(html).toContain('<a>top</a> <a>q</a> <a id="rates">r</a> <a>again</a>');
      expect(html).toContain('<li>item</li>');
      expect(html).toContain('<h2 id="quotas">Quotas</h2>');
      expect(html).toMatch(/<a id="fn-ref-1" href="#fn-1">/);
      expect(html).toMatch(/<li id="fn-1">/);
      expect(await pageProblems(html, 'no-dup-id')).toEqual([]);
    });
  });

  // A raw `<a id="fn-1">` kept its id, as the footnote's own note had it: two elements of one id, the mark's link leading to the first.
  it('keeps no raw link\'s or list item\'s id that a footnote\'s mark or note has, or would have', async () => {
    const body = '<a id="fn-1">one</a> <a id="fn-ref-1">two</a> <a id="fn-7">three</a> and a note[^1].\n\n<ol><li id="fn-ref-1-2">item</li><li id="fn-1">again</li></ol>\n\n[^1]: The note.\n';
    await withSafePage(body, 'html', async (_, html) => {
      expect(html).toContain('<a>one</a> <a>two</a> <a>three</a>');
      expect(html).toContain('<ol><li>item</li><li>again</li></ol>');
      expect(html).toContain('<sup class="footnote-ref"><a id="fn-ref-1" href="#fn-1">1</a></sup>');
      expect(html).toMatch(/<li id="fn-1"><p>The note\./);
      expect(html).not.toContain('data-footnote');
      expect(await pageProblems(html, 'no-dup-id')).toEqual([]);
    });
  });

  // A raw `<h2 id="quotas">` before `## Quotas {#quotas}` kept the id and the heading it was written for lost it: links to
  // #quotas led to the raw heading, though a raw heading keeps no id.
  it('keeps a heading\'s written id on that heading when a raw heading before it has the same', async () => {
    const body = '<h2 id="quotas">Raw quotas</h2>\n\n<h3 id="rates">Raw rates</h3>\n\n## Quotas {#quotas}\n\nSee [the quotas](#quotas).\n';
    await withSafePage(body, 'html', async (_, html) => {
      expect(html).toContain('<h2>Raw quotas</h2><h3>Raw rates</h3><h2 id="quotas">Quotas</h2>');
      expect(html).not.toContain('data-rendered');
      expect(await pageProblems(html, 'no-dup-id')).toEqual([]);
    });
  });

  // A raw link in a Markdown link's text, or a Markdown link in a raw link, made a link inside a link: no page may hold one, and a
  // browser ends the outer link where the inner starts, so that the rest of its text led nowhere.
  it('keeps no link inside a link: the one inside goes, its text kept in the link around it', async () => {
    const body = '[outer <a href="https://x.example/">inner</a> text](https://y.example/)\n\n<a href="https://a.example/">raw with [a link](https://b.example/) inside</a> and [after](https://c.example/).\n';
    await withSafePage(body, 'html', async (_, html) => {
      expect(html).toContain('<p><a href="https://y.example/">outer inner text</a></p>');
      expect(html).toContain('<p><a href="https://a.example/">raw with a link inside</a> and <a href="https://c.example/">after</a>.</p>');
      expect(html).not.toContain('nested-link');
      expect(await pageProblems(html, 'permitted')).toEqual([]);
    });
  });

  // The sanitizer, dropping the link inside, wrote its name as the end tag of the next element closed at its depth: the page lost
  // the `</strong>` after "d", and a browser, closing the <strong> with the link, made " y" bold too.
  it('keeps emphasis after a link inside a link where it was written', async () => {
    const body = '<a href="https://a.example/">[b](https://b.example/) **[d](https://d.example/)** y</a> z\n\n<div><a href="https://a.example/">block <a href="https://b.example/">inner</a> <b>end</b> more</a> after</div>\n\n<a href="https://a.example/">a [b](https://b.example/) *e* `c` [f](https://f.example/) *g* h</a> i\n';
    await withSafePage(body, 'html', async (_, html) => {
      expect(html).toContain('<p><a href="https://a.example/">b <strong>d</strong> y</a> z</p>');
      expect(html).toContain('<div><a href="https://a.example/">block inner <strong>end</strong> more</a> after</div>');
      expect(html).toContain('<p><a href="https://a.example/">a b <em>e</em> <code>c</code> f <em>g</em> h</a> i</p>');
      expect(html).not.toContain('nested-link');
      expect(await pageProblems(html, 'permitted')).toEqual([]);
    });
  });

  // Emphasis around no text goes with what it holds (a pasted icon), and only an image right inside it kept it: a bold linked
  // image, Markdown's or pasted, left the page with its link.
  it('keeps emphasis around a linked image, with the image and its link', async () => {
    const body = '**[![The centre](https://example.az/centre.png)](https://example.az/centre)** and <b><a href="https://example.az/map"><img src="https://example.az/map.png" alt="Map"></a></b>, <i><span><img src="https://example.az/i.png" alt="phone"></span></i>, but not <i><noscript><img src="https://example.az/n.png" alt="n"></noscript></i> <i class="fa fa-phone"></i>this.\n';
    await withSafePage(body, 'html', async (_, html) => {
      expect(html).toContain('<p><strong><a href="https://example.az/centre"><img src="https://example.az/centre.png" alt="The centre" loading="lazy" /></a></strong> and <strong><a href="https://example.az/map"><img src="https://example.az/map.png" alt="Map" /></a></strong>, <em><span><img src="https://example.az/i.png" alt="phone" /></span></em>, but not  this.</p>');
      expect(await pageProblems(html, 'permitted')).toEqual([]);
    });
  });

  // The page keeps no link inside another, but the plain text followed the inner one's text with its address as well.
  it('gives no address in the text for a link inside a link, which the page shows as text of the link around it', async () => {
    const body = '[outer <a href="https://x.example/">inner</a> text](https://y.example/)\n\n<a href="https://a.example/">raw with [a link](https://b.example/) inside</a> and [after](https://c.example/).\n\n<div><a href="https://a.example/">block <a href="https://b.example/">inner</a> end</a></div>\n';
    await withSafePage(body, 'html,text', async (dir, html) => {
      expect(html).toContain('<p><a href="https://y.example/">outer inner text</a></p>');
      const text = (await readFile(join(dir, 'dist', 'en', 'a.txt'), 'utf8')).replace(/\s+/g, ' ');
      expect(text).toContain('outer inner text <https://y.example/> raw with a link inside <https://a.example/> and after <https://c.example/>. block inner end <https://a.example/>');
      expect(text).not.toContain('x.example');
      expect(text).not.toContain('b.example');
    });
  });

  // The page's sanitizer ends a raw link left open with its paragraph or block, and links its text; the plain text lost its address.
  it('gives the address of a raw link left open in the text, after its text where the page ends the link', async () => {
    const body = 'Apply on\n<a href="https://e.example.az/apply">the portal\ntoday.\n\n<div>See <a href="https://example.az/rules">the rules</div>\n\nAfter both.\n';
    await withSafePage(body, 'html,text', async (dir, html) => {
      expect(html).toContain('<a href="https://e.example.az/apply">the portal\ntoday.</a></p>');
      expect(html).toContain('<div>See <a href="https://example.az/rules">the rules</a></div>');
      const text = await readFile(join(dir, 'dist', 'en', 'a.txt'), 'utf8');
      expect(text).toContain('Apply on the portal today. <https://e.example.az/apply>\n');
      expect(text).toContain('\nSee the rules <https://example.az/rules>\n\nAfter both.\n');
    });
  });

  // A raw <img> without an alt was kept as written, with no word said: an invalid page, where `![](photo.jpg)` is an error.
  it('says a raw image without an alt is one with no alternative text, as a Markdown image\'s is, and not one with alt=""', async () => {
    const body = 'The centre: <img src="https://example.az/centre.png">\n\n> A quote with <img src="https://example.az/quote.png" alt="">\n> and <img src="https://example.az/b.png" title="no alt here">.\n\nA tag on two lines, <img\nsrc="https://example.az/c.png">, and <img src="https://example.az/ok.png" alt="The centre"> <img alt src="https://example.az/bare.png">\n';
    const dir = await fixture({ 'migration-news.config.yaml': 'html: safe\n', 'r/a.md': release({ title: 'Pasted HTML', slug: 'a' }, body) });
    try {
      const result = await runMain(['validate', 'r', '--reporter', 'json'], { cwd: dir });
      expect(result.code).toBe(1);
      const found = jsonReport(result).diagnostics.map((d) => [d.ruleId, d.severity, d.line, d.column]);
      expect(found).toEqual([['content/image-alt', 'error', 8, 13], ['content/image-alt', 'error', 11, 7], ['content/image-alt', 'error', 13, 21]]);
      expect(jsonReport(result).diagnostics[0]!.message).toContain('"<img src=\\"https://example.az/centre.png\\">" has no alternative text');
    } finally {
      await removeFixture(dir);
    }
  });

  // In a quote or a list item the tag's later lines carry the `> ` or the indent its token lacks: the place was the quote's first
  // line, or the item's, column 1.
  it('places a raw image of several lines in a quote or a list item where its tag starts, the same tag again at its own place, and quotes it on one line', async () => {
    const body = 'Intro.\n\n> Quoted first.\n> <img\n>   src="https://example.az/a.png"\n>   width="10">\n> more.\n\n- one\n- item <img\n  src="https://example.az/b.png"\n  width="10"> end\n\n> Two: <img\n>   src="https://example.az/c.png">\n> and <img\n>   src="https://example.az/c.png">\n';
    const dir = await fixture({ 'migration-news.config.yaml': 'html: safe\n', 'r/a.md': release({ title: 'Pasted HTML', slug: 'a' }, body) });
    try {
      const result = await runMain(['validate', 'r', '--reporter', 'json'], { cwd: dir });
      const found = jsonReport(result).diagnostics.map((d) => [d.ruleId, d.line, d.column, d.endLine, d.endColumn]);
      expect(found).toEqual([['content/image-alt', 11, 3, 13, 16], ['content/image-alt', 17, 8, 19, 14], ['content/image-alt', 21, 8, 22, 36], ['content/image-alt', 23, 7, 24, 36]]);
      expect(jsonReport(result).diagnostics[0]!.message).toContain('"<img src=\\"https://example.az/a.png\\" width=\\"10\\">" has no alternative text');
      // Escaped, the same HTML is raw HTML shown as text, said where it starts.
      await writeFile(join(dir, 'migration-news.config.yaml'), 'html: escape\n');
      const escaped = await runMain(['validate', 'r', '--reporter', 'json'], { cwd: dir });
      expect(jsonReport(escaped).diagnostics.map((d) => [d.ruleId, d.line, d.column])).toEqual([['content/raw-html', 11, 3]]);
    } finally {
      await removeFixture(dir);
    }
  });

  // The e-mail message holds the body in a cell of its layout's table: a <td> or <tr> pasted without its table closed that cell,
  // and the rest of the release fell out of the layout, though the page, whose browser passes over such a tag, looked right.
  it('keeps a table\'s part pasted without its table as a div, so that it closes no cell of the e-mail\'s layout', async () => {
    const pasted = '<tr><td>Baku</td><td>1,200</td></tr>\n\n<caption>Permits</caption>\n\nThe rest of the release.\n\n<table><tr><td>Ganja</td></tr></table>\n';
    await withSafePage(pasted, 'html,eml', async (dir, html) => {
      expect(html).toContain('<div><div>Baku</div><div>1,200</div></div><div>Permits</div>');
      expect(html).toContain('<table><tr><td>Ganja</td></tr></table>');
      const { simpleParser } = await import('mailparser');
      const message = await simpleParser(await readFile(join(dir, 'dist', 'en', 'a.eml')));
      const problems = await htmlProblems(htmlValidator({ 'no-inline-style': 'off', 'no-deprecated-attr': 'off' }), message.html || '', 'en/a.eml');
      expect(problems.filter((p) => /permitted/.test(p))).toEqual([]);
    }, 'email:\n  from: press@example.az\n');
  });
});

describe('the plain text of raw HTML', () => {
  const body = [
    'Opening paragraph.',
    '',
    '<div>Dear colleagues,</div><div>The centre opens <b>today</b>.</div><div><br></div><div>Regards,</div><div>The press office</div>',
    '',
    '<p>A paragraph written',
    'over two lines, with <b>Bak</b>ı &amp; <bdi>Gəncə</bdi> in it.</p><p>Another paragraph.</p>',
    '',
    '<table><tr><th>Region</th><th>Permits</th></tr><tr><td>Baku</td><td>1,200</td></tr></table>',
    '',
    '<script>alert("not text")</script><style>p { color: red }</style><script/>held by the script</script><div>a &lt;-&gt; b</div><div>&nbsp;</div><div>last<br>line</div>',
    '',
    '<pre>  kept',
    '    as written</pre>',
    '',
    '<ol><li>first</li><li>second</li></ol><ol start="5"><li>fifth</li></ol><ul><li>one</li></ul><hr><h2>Heading</h2>',
    '',
  ].join('\n');
  const expected = [
    'Opening paragraph.',
    '',
    'Dear colleagues,',
    'The centre opens today.',
    '',
    'Regards,',
    'The press office',
    '',
    'A paragraph written over two lines, with Bakı & Gəncə in it.',
    '',
    'Another paragraph.',
    '',
    'Region Permits',
    'Baku 1,200',
    '',
    'a <-> b',
    '',
    'last',
    'line',
    '',
    '      kept',
    '        as written',
    '',
    '1. first',
    '2. second',
    '',
    '5. fifth',
    '',
    '- one',
    '',
    '* * *',
    '',
    'Heading',
  ].join('\n');

  for (const config of ['html: safe\n', '']) {
    it(`lays out blocks, lines and paragraphs as the page does, without markup, scripts or the source's line breaks${config ? ' (html: safe)' : ' (escaped)'}`, async () => {
      const dir = await fixture({ 'migration-news.config.yaml': config, 'r/a.md': release({ title: 'Pasted blocks', slug: 'a' }, body) });
      try {
        const result = await runMain(['build', 'r', '--out', 'dist', '--format', 'text,json', '--now', NOW], { cwd: dir });
        expect(result.code, result.stdout + result.stderr).toBe(0);
        const text = await readFile(join(dir, 'dist', 'en', 'a.txt'), 'utf8');
        expect(text.slice(text.indexOf('Opening paragraph.'), text.indexOf('\n\n###'))).toBe(expected);
        const json = JSON.parse(await readFile(join(dir, 'dist', 'en', 'a.json'), 'utf8')) as { body: { text: string } };
        expect(json.body.text).toContain('Dear colleagues,\nThe centre opens today.\n\nRegards,');
      } finally {
        await removeFixture(dir);
      }
    });
  }
});

describe('the plain text of raw lists and quotes', () => {
  // Each pair: raw HTML, and the Markdown the page would show the same way; their plain text is the same, at the same width.
  const pairs = [
    [
      '<ul><li>Residence permits for family members of citizens now take ten working days instead of twenty<ul><li>A nested item whose text is long enough to wrap onto a second line of its own</li><li>second</li></ul></li><li>Work permits</li></ul>',
      '- Residence permits for family members of citizens now take ten working days instead of twenty\n  - A nested item whose text is long enough to wrap onto a second line of its own\n  - second\n- Work permits',
    ],
    [
      '<blockquote><p>The Service will not tolerate any form of human trafficking or migrant smuggling, the head of the Service said.</p><p>Second paragraph.</p><blockquote>A quote in the quote.</blockquote></blockquote>',
      '> The Service will not tolerate any form of human trafficking or migrant smuggling, the head of the Service said.\n>\n> Second paragraph.\n>\n> > A quote in the quote.',
    ],
    [
      '<ol start="9"><li><p>First paragraph of the ninth item</p><p>Its second paragraph</p></li><li><p>tenth</p></li></ol>',
      '9. First paragraph of the ninth item\n\n   Its second paragraph\n\n10. tenth',
    ],
    // Marks in the order the list items and quotes hold each other.
    ['<ul><li>Item<blockquote>A quote in the item.</blockquote></li></ul>', '- Item\n\n  > A quote in the item.'],
    ['<ul><li><blockquote>An item that is a quote.</blockquote></li></ul>', '- > An item that is a quote.'],
    ['<blockquote><ul><li>Item<blockquote>Deeper</blockquote></li></ul></blockquote>', '> - Item\n>\n>   > Deeper'],
    ['<ol><li><ol><li>b</li><li>c</li></ol></li><li>d</li></ol>', '1. 1. b\n   2. c\n2. d'],
    ['<blockquote>One quote.</blockquote><blockquote>Another.</blockquote>', '> One quote.\n\n<!-- -->\n\n> Another.'],
    ['<ul><li>Item<blockquote>Quote<ul><li>b</li></ul>After</blockquote></li></ul>', '- Item\n\n  > Quote\n  >\n  > - b\n  >\n  > After'],
    // A list straight inside a list, as some editors nest them.
    ['<ol><li>Apply</li><ol><li>Online</li><li>In person</li></ol><li>Wait</li></ol>', '1. Apply\n   1. Online\n   2. In person\n2. Wait'],
    // Empty lines and the line break after <pre> are no text of their own, in a quote as anywhere.
    ['<blockquote><p>First.</p><p>&nbsp;</p><p>Second.</p><div><br></div></blockquote>', '> First.\n>\n> Second.'],
    ['<ul><li><pre>\napply --type work</pre></li></ul>', '-     apply --type work'],
  ] as const;
  for (const config of ['html: safe\n', '']) {
    it(`reads as the same Markdown does: nested items indented under their text, quotes marked with >${config ? ' (html: safe)' : ' (escaped)'}`, async () => {
      const files: Record<string, string> = { 'migration-news.config.yaml': config };
      pairs.forEach(([html, markdown], i) => {
        files[`r/html-${i}.md`] = release({ title: 'Pasted HTML', slug: `html-${i}` }, `Opening paragraph.\n\n${html}\n`);
        files[`r/markdown-${i}.md`] = release({ title: 'Pasted HTML', slug: `markdown-${i}` }, `Opening paragraph.\n\n${markdown}\n`);
      });
      const texts = await plainTexts(files);
      for (let i = 0; i < pairs.length; i++) {
        const markdown = bodyFrom(texts.get(`markdown-${i}`), 'Opening paragraph.')!;
        expect(markdown.split('\n').length).toBeGreaterThan(2);
        expect(bodyFrom(texts.get(`html-${i}`), 'Opening paragraph.')).toBe(markdown);
      }
    });
  }

  it('ends quotes opened past the nesting limit with what holds them', async () => {
    const body = `Opening paragraph.\n\n<ul><li>a<blockquote>${'<blockquote>'.repeat(40)}deep</ul><blockquote>Q</blockquote>after\n`;
    const texts = await plainTexts({ 'r/a.md': release({ title: 'Deep', slug: 'a' }, body) });
    expect(texts.get('a')).toMatch(/\n> Q\n\nafter\n/);
  });

  it('keeps the marker of an item that opens with preformatted text, the text under it', async () => {
    const texts = await plainTexts({ 'migration-news.config.yaml': 'html: safe\n', 'r/a.md': release({ title: 'Code', slug: 'a' }, 'Opening paragraph.\n\n<ul><li><pre>apply --type work\n  --days 10</pre></li></ul>\n') });
    expect(texts.get('a')).toContain('Opening paragraph.\n\n-     apply --type work\n        --days 10\n');
  });
});

describe('the plain text of a raw image', () => {
  const body = [
    'Opening.',
    '',
    'See <img src="https://example.az/chart.png" alt="the chart"> here, not <script><img src="https://example.az/tracker.png" alt="tracker"></script> this.',
    '',
    '<div><img src="https://example.az/centre.jpg" alt="The new centre"></div><div><img src="javascript:alert(1)" alt="Unsafe"></div><div>After.</div>',
    '',
    // As the sanitizer keeps an image's address: http, https or a path, not mailto: or one that starts with //.
    '<div><img src="mailto:a@example.az" alt="Mail"></div><div><img src="//evil.example/x.png" alt="Elsewhere"></div><div><img src=" https://example.az/s.png " alt="Spaced"></div>',
    '',
    // A `>` in a quoted value is not the end of the tag.
    '<div title="a>b"><img alt="Permits > 2025" src="https://example.az/p.png" data-note=\'x > y\'></div><div class=it\'s>It\'s 5 > 3</div><div title="x<y"><img alt="Rates < 5%" src="https://example.az/r.png"></div>',
    '',
  ].join('\n');

  it('is its alt text and address, as for a Markdown image, where html: safe shows it, and nothing where the page shows the tag as text', async () => {
    for (const config of ['html: safe\n', '']) {
      const shown = bodyFrom((await plainTexts({ 'migration-news.config.yaml': config, 'r/a.md': release({ title: 'Raw images', slug: 'a' }, body) })).get('a'), 'See');
      if (config) expect(shown).toBe('See the chart <https://example.az/chart.png> here, not this.\n\nThe new centre <https://example.az/centre.jpg>\nUnsafe\nAfter.\n\nMail\nElsewhere\nSpaced <https://example.az/s.png>\n\nPermits > 2025 <https://example.az/p.png>\nIt\'s 5 > 3\nRates < 5% <https://example.az/r.png>');
      else expect(shown).not.toMatch(/example\.az|chart|centre|Unsafe|javascript|tracker|Mail|Elsewhere|Spaced|Permits|Rates|> [^3]/);
    }
  });
});

describe('a direction written with spaces or capitals', () => {
  it('is kept as the keyword a browser reads, not as written, which a browser ignores', async () => {
    const dir = await fixture({ 'migration-news.config.yaml': 'html: safe\n', 'r/a.md': release({ title: 'Safe directions', slug: 'a' }, 'The name <span dir=" RTL " lang="fa">مرکز</span> and <bdi dir="Auto">Bakı</bdi>.\n\n<div dir="ltr ">Regards</div>\n') });
    try {
      const result = await runMain(['build', 'r', '--out', 'dist', '--format', 'html', '--now', NOW], { cwd: dir });
      expect(result.code, result.stdout + result.stderr).toBe(0);
      const html = await readFile(join(dir, 'dist', 'en', 'a.html'), 'utf8');
      // A validator refuses " RTL " as a browser ignores it.
      expect(await htmlProblems(htmlValidator({ 'void-style': 'off' }), html, 'en/a.html')).toEqual([]);
      const page = html.slice(html.indexOf('<div class="release-body">'));
      expect(page).toContain('The name <span dir="rtl" lang="fa">مرکز</span> and <bdi dir="auto">Bakı</bdi>.');
      expect(page).toContain('<div dir="ltr">Regards</div>');
    } finally {
      await removeFixture(dir);
    }
  });
});

describe('a block written in a paragraph', () => {
  // Each: the paragraph as written, the body the page shows, and its plain text. A block may not stand in a paragraph or an
  // inline element: a browser closed the paragraph at it and made another, empty one of its end tag, and the page's text
  // ran on outside any paragraph; in a <span> or <em> it was an invalid page.
  const cases = [
    ['three, as the issue has them', 'Some text <div>block</div> more text.\n\n<span><div>inner</div></span>\n\nText <b>bold <div>x</div></b> end.',
      '<p>Some text</p><div>block</div><p>more text.</p>\n<div><span>inner</span></div>\n<p>Text <strong>bold</strong></p><div><strong>x</strong></div><p>end.</p>',
      'Some text\nblock\nmore text.\n\ninner\n\nText bold\nx\nend.'],
    ['in inline elements inside each other, which go on in the block and after it', '*Open <span lang="az">daily <strong>from <div>nine</div> to</strong> five</span>.*',
      '<p><em>Open <span lang="az">daily <strong>from</strong></span></em></p><div><em><span lang="az"><strong>nine</strong></span></em></div><p><em><span lang="az"><strong>to</strong> five</span>.</em></p>',
      'Open daily from\nnine\nto five.'],
    ['at the paragraph\'s start and at its end', '<b><div>First</div></b> then text and <i><ul><li>one</li><li>two</li></ul></i>',
      '<div><strong>First</strong></div><p>then text and</p><ul><li><em>one</em></li><li><em>two</em></li></ul>', 'First\nthen text and\none\ntwo'],
    ['two, and one inside another', 'A <blockquote>quoted</blockquote> b <table><tbody><tr><td>cell <div>in it</div></td></tr></tbody></table> c <hr> d',
      // On the page the table is in a region that scrolls (`scroll_tables`).
      '<p>A</p><blockquote>quoted</blockquote><p>b</p><section class="table-scroll" tabindex="0" aria-label="Table"><table><tbody><tr><td>cell <div>in it</div></td></tr></tbody></table></section><p>c</p><hr /><p>d</p>', 'A\nquoted\nb\ncell\nin it\nc\nd'],
    ['in a link with an id, kept on its first part only, and in a heading', '[Go <div>there</div> now](https://example.az/) and <a id="here" href="https://example.az/b">b <p>c</p></a>\n\n## Heading <div>block</div> end',
      '<p><a href="https://example.az/">Go</a></p><div><a href="https://example.az/">there</a></div><p><a href="https://example.az/">now</a> and <a id="here" href="https://example.az/b">b</a></p><p><a href="https://example.az/b">c</a></p>\n<h2>Heading</h2><div>block</div><h2>end</h2>',
      'Go\nthere\nnow <https://example.az/> and b\nc\n<https://example.az/b>\n\nHeading\nblock\nend\n-------'],
    // The line break just after <pre> is one a browser drops; with the emphasis opened again between the two it showed as a blank line.
    ['a <pre> in emphasis, its first line break dropped as a browser drops it', 'Text <em><pre>\nline</pre> after</em>',
      '<p>Text</p><pre><em>line</em></pre><p><em>after</em></p>', 'Text\nline\nafter'],
    // Its lines are the page's lines, not one line of text (their indentation is not kept: the text's lines are wrapped).
    ['a <pre> of several lines, line for line', 'Some text <pre>line one\nline two\n  indented &amp; three</pre> more text.',
      '<p>Some text</p><pre>line one\nline two\n  indented &amp; three</pre><p>more text.</p>', 'Some text\nline one\nline two\nindented & three\nmore text.'],
  ] as const;
  let dir: string;
  let result: CliResult;
  const validator = htmlValidator({ 'void-style': 'off' });
  beforeAll(async () => {
    const files: Record<string, string> = { 'migration-news.config.yaml': 'html: safe\n' };
    cases.forEach(([, body], i) => {
      files[`r/case-${i}.md`] = release({ title: 'Blocks in paragraphs', slug: `case-${i}` }, `${body}\n`);
    });
    dir = await fixture(files);
    result = await runMain(['build', 'r', '--out', 'dist', '--format', 'html,text', '--now', NOW], { cwd: dir });
  });
  afterAll(() => removeFixture(dir));

  cases.forEach(([name, , expected, text], i) => {
    it(`is moved out of it, the text around it kept in paragraphs, in order: ${name}`, async () => {
      expect(result.code, result.stdout + result.stderr).toBe(0);
      const html = await readFile(join(dir, 'dist', 'en', `case-${i}.html`), 'utf8');
      const body = html.slice(html.indexOf('</time></p>\n') + '</time></p>\n'.length, html.indexOf('<p class="end-mark"')).trim();
      expect(body).toBe(expected);
      expect(await htmlProblems(validator, html, `en/case-${i}.html`)).toEqual([]);
      const plain = await readFile(join(dir, 'dist', 'en', `case-${i}.txt`), 'utf8');
      expect(plain.slice(plain.indexOf(' — ') + 3, plain.indexOf('\n\n###'))).toBe(text);
    });
  });
});
