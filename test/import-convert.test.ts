import fc from 'fast-check';
import { parse as parseToml } from 'smol-toml';
import { describe, expect, it } from 'vitest';
import { parseReleaseFile } from '../src/core/parse.js';
import { SLUG_PATTERN } from '../src/core/schema.js';
import { convertBody, shortcodeParameters } from '../src/import/body.js';
import { readCascade, withCascade } from '../src/import/cascade.js';
import { hugoGlob, jekyllScope } from '../src/import/globs.js';
import { goRegexp } from '../src/import/go-regexp.js';
import { Numbering, planImport, urlTail, type ImportSettings, type SourcePost } from '../src/import/convert.js';
import { fileNameDate, normaliseDate } from '../src/import/dates.js';
import { emitRelease } from '../src/import/emit.js';
import { htmlToMarkdown } from '../src/import/html.js';
import { jsonErrorAt, mapFrontMatter, splitPost } from '../src/import/front-matter.js';
import { formatImportText } from '../src/import/report.js';
import { classifyPath, matchLanguage, type PostPath } from '../src/import/paths.js';
import { EMPTY_SITE_SETTINGS, hugoUrl, jekyllUrl, readHugoConfig, readSiteSettings, writtenDate } from '../src/import/site-config.js';

/** A conversion as words: its notes' messages without their places, and no map of places. */
function inWords(out: ReturnType<typeof htmlToMarkdown>): unknown {
  return out.ok ? { ok: true, text: out.text, notes: out.notes.map((n) => n.message) } : out;
}

const BAKU = 'Asia/Baku';
const LANGS = ['az', 'en', 'ru'] as const;

describe('dates', () => {
  it.each([
    ['2020-01-08 18:00:00 -0500', '2020-01-09T03:00:00+04:00'],
    ['2020-01-08 18:00:00 +0400', '2020-01-08T18:00:00+04:00'],
    ['2020-01-08T18:00:00-05:00', '2020-01-09T03:00:00+04:00'],
    ['2020-01-08T18:00:00Z', '2020-01-08T22:00:00+04:00'],
    ['2020-01-08T18:00:00.123+02:00', '2020-01-08T20:00:00+04:00'],
    ['2020-01-08 18:00', '2020-01-08T18:00:00+04:00'],
    ['2020-1-8 9:05:00 +05:30', '2020-01-08T07:35:00+04:00'],
    ['2020-01-08', '2020-01-08'],
    ['2020-1-8', '2020-01-08'],
    // RFC 1123 and 2822, as Hugo and Jekyll read them too.
    ['Wed, 08 Jan 2020 18:00:00 -0500', '2020-01-09T03:00:00+04:00'],
    ['Wed, 8 Jan 2020 18:00:00 GMT', '2020-01-08T22:00:00+04:00'],
    ['08 jan 2020 18:00', '2020-01-08T18:00:00+04:00'],
    ['08 Jan 2020', '2020-01-08'],
    // Ruby's slashes and twelve-hour clock, Go's own form of a time (its zone's name after the offset): before, each was skipped.
    ['2020/01/08', '2020-01-08'],
    ['2020/1/8 18:00', '2020-01-08T18:00:00+04:00'],
    ['8 January 2020 10:00 PM', '2020-01-08T22:00:00+04:00'],
    ['January 8, 2020 12:30 a.m.', '2020-01-08T00:30:00+04:00'],
    ['2020-01-08 12:05 pm', '2020-01-08T12:05:00+04:00'],
    ['2021-01-08 18:00:00.000 +0000 UTC', '2021-01-08T22:00:00+04:00'],
    ['2021-01-08 18:00:00 +0400 +04', '2021-01-08T18:00:00+04:00'],
  ])('%s becomes %s in Asia/Baku', (input, expected) => {
    expect(normaliseDate(input, BAKU)).toEqual({ ok: true, date: expected });
  });

  it('reads the day an address was made from in an RFC 1123 date as in any other, and leaves a zone named by letters unread', () => {
    expect(writtenDate('Wed, 08 Jan 2020 18:05:09 +0400')).toEqual({ year: '2020', month: '01', day: '08', hour: '18', minute: '05', second: '09' });
    expect(normaliseDate('Wed, 08 Jan 2020 18:00:00 EST', BAKU)).toMatchObject({ ok: false });
    expect(normaliseDate('08 Foo 2020', BAKU)).toMatchObject({ ok: false });
    // A zone's name without its offset, an hour no twelve-hour clock has, and a day no calendar has.
    expect(normaliseDate('2021-01-08 18:00:00 CET', BAKU)).toMatchObject({ ok: false });
    expect(normaliseDate('2020-01-08 13:00 PM', BAKU)).toMatchObject({ ok: false });
    expect(normaliseDate('2020/13/45', BAKU)).toEqual({ ok: false, reason: '"2020/13/45" is not a real calendar date' });
  });

  it('uses the zone offset of the day itself, across daylight saving time', () => {
    expect(normaliseDate('2021-07-01 12:00', 'Europe/Berlin')).toEqual({ ok: true, date: '2021-07-01T12:00:00+02:00' });
    // A date that the project's time zone moves past 9999 is refused, not written as a date no release may have.
    expect(normaliseDate('9999-12-31T23:59:59-12:00', BAKU)).toEqual({ ok: false, reason: '"9999-12-31T23:59:59-12:00" falls outside the years 1000 to 9999 in the project\'s time zone, Asia/Baku' });
    expect(normaliseDate('0000-01-01', BAKU)).toEqual({ ok: false, reason: '"0000-01-01" falls outside the years 1000 to 9999' });
    expect(normaliseDate('0050-06-01T12:00:00Z', 'UTC')).toEqual({ ok: false, reason: '"0050-06-01T12:00:00Z" falls outside the years 1000 to 9999' });
    expect(normaliseDate('2021-01-01 12:00', 'Europe/Berlin')).toEqual({ ok: true, date: '2021-01-01T12:00:00+01:00' });
    expect(normaliseDate('2021-07-01T10:00:00Z', 'America/New_York')).toEqual({ ok: true, date: '2021-07-01T06:00:00-04:00' });
  });

  it('reads TOML dates in the form they were written', () => {
    const data = parseToml('a = 2021-03-01T10:00:00-05:00\nb = 2021-03-01\nc = 2021-03-01T10:00:00');
    expect(normaliseDate(data.a, BAKU)).toEqual({ ok: true, date: '2021-03-01T19:00:00+04:00' });
    expect(normaliseDate(data.b, BAKU)).toEqual({ ok: true, date: '2021-03-01' });
    expect(normaliseDate(data.c, BAKU)).toEqual({ ok: true, date: '2021-03-01T10:00:00+04:00' });
  });

  it.each(['next Tuesday', '2020-02-30', '2020-01-08 25:00', '2020-01-08T10:00:00+19:00', '', '08/01/2020'])('refuses %j with a reason', (input) => {
    const result = normaliseDate(input, BAKU);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.reason).toMatch(/date|time|offset/);
  });

  it('refuses values that are not text', () => {
    expect(normaliseDate(20200108, BAKU)).toMatchObject({ ok: false, reason: expect.stringContaining('number') });
    expect(normaliseDate(['2020-01-08'], BAKU)).toMatchObject({ ok: false, reason: expect.stringContaining('list') });
  });

  it('finds the date of a Jekyll file name', () => {
    expect(fileNameDate('2014-01-23-new-centre')).toEqual({ date: '2014-01-23', rest: 'new-centre' });
    expect(fileNameDate('2014-02-30-impossible')).toBeUndefined();
    expect(fileNameDate('new-centre')).toBeUndefined();
    // Jekyll reads months and days of one digit in a post's file name, as its DATE_FILENAME_MATCHER has them.
    expect(fileNameDate('2014-1-5-new-centre')).toEqual({ date: '2014-01-05', rest: 'new-centre' });
    expect(fileNameDate('2014-123-5-new-centre')).toBeUndefined();
  });
});

describe('which files are posts', () => {
  it('Jekyll: posts and drafts, pages and machinery skipped', () => {
    expect(classifyPath('_posts/2014-01-23-a.md', 'jekyll', LANGS)).toMatchObject({ kind: 'post', name: '2014-01-23-a', draft: false });
    expect(classifyPath('_posts/2014-01-23-a.markdown', 'jekyll', LANGS)).toMatchObject({ kind: 'post' });
    expect(classifyPath('ru/_posts/2014-01-23-a.md', 'jekyll', LANGS)).toMatchObject({ kind: 'post', folders: ['ru', '_posts'] });
    expect(classifyPath('_drafts/a.md', 'jekyll', LANGS)).toMatchObject({ kind: 'post', draft: true });
    expect(classifyPath('_posts/2014-01-23-a.html', 'jekyll', LANGS)).toMatchObject({ kind: 'post', name: '2014-01-23-a', html: true });
    expect(classifyPath('_posts/2014-01-23-a.md', 'jekyll', LANGS)).not.toHaveProperty('html');
    expect(classifyPath('_posts/2014-01-23-a.textile', 'jekyll', LANGS)).toMatchObject({ kind: 'skip', listed: true });
    expect(classifyPath('about.md', 'jekyll', LANGS)).toMatchObject({ kind: 'skip', listed: true, reason: expect.stringContaining('not a post') });
    expect(classifyPath('_layouts/post.html', 'jekyll', LANGS)).toMatchObject({ kind: 'skip', listed: false });
    expect(classifyPath('_site/_posts/x.md', 'jekyll', LANGS)).toMatchObject({ kind: 'skip', reason: 'ignored' });
    expect(classifyPath('_posts/2014-01-23-a.ru.md', 'jekyll', LANGS)).toMatchObject({ kind: 'post', name: '2014-01-23-a', langSuffix: 'ru' });
  });

  it('Hugo: section pages and bundles, list pages and top-level pages skipped', () => {
    expect(classifyPath('content/posts/a.md', 'hugo', LANGS, 'content')).toMatchObject({ kind: 'post', name: 'a' });
    expect(classifyPath('content/posts/a.ru.md', 'hugo', LANGS, 'content')).toMatchObject({ kind: 'post', name: 'a', langSuffix: 'ru' });
    expect(classifyPath('content/posts/a.de.md', 'hugo', LANGS, 'content')).toMatchObject({ kind: 'post', name: 'a.de' });
    expect(classifyPath('content/posts/b/index.md', 'hugo', LANGS, 'content')).toMatchObject({ kind: 'post', name: 'b', folders: ['content', 'posts'] });
    expect(classifyPath('content/ru/posts/b/index.ru.md', 'hugo', LANGS, 'content')).toMatchObject({ kind: 'post', name: 'b', langSuffix: 'ru' });
    expect(classifyPath('content/posts/_index.md', 'hugo', LANGS, 'content')).toMatchObject({ kind: 'skip', listed: true, reason: expect.stringContaining('_index') });
    expect(classifyPath('content/about.md', 'hugo', LANGS, 'content')).toMatchObject({ kind: 'skip', listed: true });
    expect(classifyPath('content/ru/about.md', 'hugo', LANGS, 'content')).toMatchObject({ kind: 'skip', listed: true });
    expect(classifyPath('content/posts/b/photo.jpg', 'hugo', LANGS, 'content')).toMatchObject({ kind: 'skip', listed: false });
    expect(classifyPath('themes/x/layouts/a.md', 'hugo', LANGS, 'content')).toMatchObject({ kind: 'skip', listed: false });
    expect(classifyPath('posts/a.md', 'hugo', LANGS, '')).toMatchObject({ kind: 'post' });
  });
});

describe('front matter', () => {
  it('reads YAML, TOML and JSON front matter with the line of each key', () => {
    const yaml = splitPost('---\ntitle: A\ndate: 2020-01-08\n---\nBody\n', 'a.md');
    expect(yaml.ok && yaml.post.data).toEqual({ title: 'A', date: '2020-01-08' });
    expect(yaml.ok && yaml.post.lineOf('date')).toBe(3);
    expect(yaml.ok && yaml.post.bodyLine).toBe(5);
    const toml = splitPost('+++\ntitle = "A"\n\ndate = 2020-01-08\n+++\nBody\n', 'a.md');
    expect(toml.ok && toml.post.lineOf('date')).toBe(4);
    expect(toml.ok && toml.post.body).toBe('Body\n');
    const json = splitPost('{\n  "title": "A {x}",\n  "date": "2020-01-08"\n}\nBody\n', 'a.md');
    expect(json.ok && json.post.data).toEqual({ title: 'A {x}', date: '2020-01-08' });
    expect(json.ok && json.post.lineOf('date')).toBe(3);
  });

  it('names the line of a front matter it cannot read', () => {
    expect(splitPost('---\ntitle: [unclosed\n---\nBody\n', 'a.md')).toMatchObject({ ok: false, reason: expect.stringContaining('cannot be read') });
    expect(splitPost('+++\ntitle = \n+++\nBody\n', 'a.md')).toMatchObject({ ok: false, line: 2 });
    expect(splitPost('Just text\n', 'a.md')).toMatchObject({ ok: false, reason: 'the file has no front matter block' });
    expect(splitPost('---\ntitle: !ruby/object:Foo x\n---\nBody\n', 'a.md')).toMatchObject({ ok: false, line: 2 });
    // JSON, at the first character it does not allow there: it was always line 1.
    const json = (lines: string[]) => splitPost(`${lines.join('\n')}\nBody\n`, 'a.md');
    expect(json(['{', '  "title": "A",', '  "date": "2020-01-08",', '  "tags": ["a",]', '}'])).toEqual({ ok: false, line: 4, reason: 'the JSON front matter cannot be read: `]` on line 4 is not allowed there' });
    expect(json(['{', '  "title": "A"', '  "date": "2020-01-08"', '}'])).toMatchObject({ ok: false, line: 3 });
    expect(json(['{', '  "title": \'A\',', '}'])).toMatchObject({ ok: false, line: 2 });
    expect(json(['{', '  "title": "A",', '  "n": 01,', '  "list": [1, {"x": [true, null, false, -1.5e3]}]', '}'])).toMatchObject({ ok: false, line: 3 });
    expect(json(['{', '  "title": "A",', '}'])).toMatchObject({ ok: false, line: 3, reason: 'the JSON front matter cannot be read: `}` on line 3 is not allowed there' });
    // The reader of the place agrees with JSON.parse on what is JSON, whatever is cut, added or changed in a value.
    fc.assert(fc.property(fc.json(), fc.nat(), fc.constantFrom('', ',', ']', '}', '[', '{', '"', ':', 'x', '0', '-', '.', 'e', ' ', '\\', '\u0001'), fc.boolean(), (text, at, junk, replace) => {
      const i = at % (text.length + 1);
      const changed = `${text.slice(0, i)}${junk}${text.slice(replace ? i + 1 : i)}`;
      let valid = true;
      try {
        JSON.parse(changed);
      } catch {
        valid = false;
      }
      expect(jsonErrorAt(changed) === undefined, JSON.stringify(changed)).toBe(valid);
    }), { numRuns: 2000 });
    // Valid JSON is read as before, nested as deep as it likes.
    expect(json(['{', '  "title": "A",', '  "list": [1, {"x": [true, null, false, -1.5e3, "\\u00e9"]}, []], "o": {}', '}'])).toMatchObject({ ok: true });
  });

  it('reads front matter opened by `---` with spaces after it, or closed by `...`, as Jekyll does, every line where it was', () => {
    for (const text of ['---  \ntitle: T\nlang: en\n---\nBody\n', '---\ntitle: T\nlang: en\n...\nBody\n', '--- \t\ntitle: T\nlang: en\n...  \nBody\n']) {
      const split = splitPost(text, 'p.md');
      expect(split, JSON.stringify(text)).toMatchObject({ ok: true, post: { data: { title: 'T', lang: 'en' }, body: 'Body\n', bodyLine: 5 } });
      if (split.ok) expect(split.post.lineOf('lang')).toBe(3);
    }
    // A `...` in the body, after the block's own `---`, is the body's.
    expect(splitPost('---\ntitle: T\n---\n...\n', 'p.md')).toMatchObject({ ok: true, post: { body: '...\n' } });
  });

  it('maps keys to release fields and counts the rest as dropped', () => {
    const fields = mapFrontMatter({
      title: 'T', date: '2020-01-08', layout: 'post', author: 'X', excerpt: 'E', description: 'D', deck: 'Deck',
      tags: 'one two', categories: ['News', 'news', 3], published: false, permalink: '/a/b.html', ref: 'k',
    }, 'jekyll');
    expect(fields).toMatchObject({ title: 'T', summary: 'D', subtitle: 'Deck', draft: true, url: '/a/b.html', translationKey: 'k' });
    expect(fields.tags).toEqual(['one', 'two', 'News', 'news', '3']);
    expect(fields.dropped).toEqual(['layout', 'author', 'excerpt']);
    // Hugo reads a page's own parameters from `params` too: a subtitle and a place are read from there, the others dropped by name.
    const params = mapFrontMatter({ title: 'T', params: { Subtitle: 'Deck', location: 'Baku', rating: 5 } }, 'hugo');
    expect(params).toMatchObject({ subtitle: 'Deck', location: 'Baku', dropped: ['params.rating'] });
    expect(mapFrontMatter({ title: 'T', subtitle: 'Own', params: { subtitle: 'Deck' } }, 'hugo')).toMatchObject({ subtitle: 'Own', dropped: ['params.subtitle'] });
    expect(mapFrontMatter({ title: 'T', params: { subtitle: 'Deck' } }, 'jekyll')).toMatchObject({ dropped: ['params'] });
    expect(mapFrontMatter({ title: 'T', params: { subtitle: 'Deck' } }, 'jekyll').subtitle).toBeUndefined();
  });

  it('takes a Jekyll post\'s address from `permalink` alone and a Hugo page\'s from `url` alone, as each generator does', () => {
    // A link post's `url` is the outside page it points to, not its own address, which Jekyll makes from the site's permalink.
    expect(mapFrontMatter({ title: 'T', url: 'https://www.un.org/en/report.html' }, 'jekyll')).toMatchObject({ dropped: ['url'] });
    expect(mapFrontMatter({ title: 'T', url: 'https://www.un.org/en/report.html' }, 'jekyll').url).toBeUndefined();
    expect(mapFrontMatter({ title: 'T', url: '/x/', permalink: '/y/' }, 'jekyll')).toMatchObject({ url: '/y/', dropped: ['url'] });
    expect(mapFrontMatter({ title: 'T', url: '/x/', permalink: '/y/' }, 'hugo')).toMatchObject({ url: '/x/', dropped: ['permalink'] });
    const plan = planImport([post('_posts/2020-01-01-un-report.md', '---\ntitle: UN report\nlang: en\nurl: https://www.un.org/en/report.html\n---\nText\n')], jekyll);
    expect(plan.releases.map((r) => [r.slug, r.oldUrl])).toEqual([['un-report', '/2020/01/01/un-report.html']]);
  });

  it('reads a text field\'s line breaks and block tags as spaces and its inline tags as nothing', () => {
    expect(mapFrontMatter({ title: 'Baku<br/>Astara', description: '<p>Line one</p><p>Line two<BR>three</p>', subtitle: '<em>Baku</em>\'s <strong>new</strong> centre' }, 'jekyll'))
      .toMatchObject({ title: 'Baku Astara', summary: 'Line one Line two three', subtitle: 'Baku\'s new centre' });
  });

  it('dates a Hugo page that has only lastmod or modified by it, as Hugo dates it, and a Jekyll post not', () => {
    expect(mapFrontMatter({ title: 'T', LastMod: '2023-01-05', modified: '2023-01-04' }, 'hugo')).toMatchObject({ date: { value: '2023-01-05', key: 'LastMod' }, dropped: ['modified'] });
    expect(mapFrontMatter({ title: 'T', date: '2023-01-01', lastmod: '2023-01-05' }, 'hugo')).toMatchObject({ date: { value: '2023-01-01', key: 'date' }, dropped: ['lastmod'] });
    expect(mapFrontMatter({ title: 'T', lastmod: '2023-01-05' }, 'jekyll')).toMatchObject({ dropped: ['lastmod'] });
    expect(mapFrontMatter({ title: 'T', lastmod: '2023-01-05' }, 'jekyll').date).toBeUndefined();
  });

  it('reads Hugo keys in any letter case, as Hugo does, and Jekyll keys only as written', () => {
    const data = { Title: 'Upper', Date: '2023-01-01', Draft: true, translationkey: 'visa', PublishDate: '2023-01-02', Tags: ['x'], title: 'second spelling' };
    const hugo = mapFrontMatter(data, 'hugo');
    expect(hugo).toMatchObject({ title: 'Upper', date: { value: '2023-01-01', key: 'Date' }, publishAt: { value: '2023-01-02', key: 'PublishDate' }, draft: true, translationKey: 'visa', tags: ['x'] });
    expect(hugo.dropped).toEqual(['title']);
    expect(mapFrontMatter({ Draft: 'maybe' }, 'hugo').unusable).toEqual([{ key: 'Draft', message: '`Draft` is neither true nor false; the release is imported as a draft' }]);
    expect(mapFrontMatter({ Title: 'Upper', Draft: true }, 'jekyll')).toMatchObject({ draft: false, dropped: ['Title', 'Draft'] });
    const plan = planImport([post('content/posts/a.md', '---\nTitle: T\nDate: soon\nlang: en\n---\nText\n', { path: 'content/posts/a.md' })], { ...jekyll, site: 'hugo', contentRoot: 'content' });
    expect(plan.skipped).toEqual([{ file: 'content/posts/a.md', line: 3, reason: expect.stringContaining('`Date`: "soon" is not a date') as unknown }]);
  });

  it('reads a tag string as one tag for Hugo and as a space-separated list for Jekyll', () => {
    expect(mapFrontMatter({ tags: 'visa policy' }, 'hugo').tags).toEqual(['visa policy']);
    expect(mapFrontMatter({ tags: 'visa policy' }, 'jekyll').tags).toEqual(['visa', 'policy']);
  });

  it('reads a Jekyll `category` or `tag` string as one, as Jekyll does, in the tags and in the old address', () => {
    const fields = mapFrontMatter({ category: 'Press Releases', tag: 'visa policy', tags: 'a b' }, 'jekyll');
    expect(fields).toMatchObject({ tags: ['a', 'b', 'visa policy', 'Press Releases'], categories: ['Press Releases'], dropped: [] });
    const plan = planImport([post('_posts/2020-01-08-quota.md', '---\ntitle: Quota\nlang: en\ncategory: Press Releases\n---\nText\n')], {
      ...jekyll, siteSettings: readSiteSettings('permalink: /:categories/:title/\n', '_config.yml', 'jekyll').settings,
    });
    expect(plan.releases.map((r) => r.oldUrl)).toEqual(['/press releases/quota/']);
    expect(plan.releases[0]!.text).toContain('aliases:\n  - /press releases/quota/\n');
    expect(mapFrontMatter({ category: 'Press Releases', tag: 'visa' }, 'hugo')).toMatchObject({ tags: ['Press Releases'], dropped: ['tag'] });
  });

  it('drafts: Hugo draft, Jekyll published, and values that are neither', () => {
    expect(mapFrontMatter({ draft: true }, 'hugo').draft).toBe(true);
    expect(mapFrontMatter({ draft: false }, 'hugo').draft).toBe(false);
    expect(mapFrontMatter({ published: true }, 'jekyll').draft).toBe(false);
    const odd = mapFrontMatter({ published: 'maybe' }, 'jekyll');
    expect(odd.draft).toBe(true);
    expect(odd.unusable[0]?.key).toBe('published');
  });
});

describe('body conversion', () => {
  const none = () => undefined;

  it('keeps a heading\'s id written after it ({#visa-rules}), which a release reads too, names one a release shows as text, and reads on past any other {#', () => {
    const jekyll = convertBody('## Visa rules {#visa-rules}\n\nA {#x} and {# {{ page.title }} }\n\n```\n## In code {#c}\n```\n\nFees {#fees}\n----\n\nA paragraph {#para}\n', 'jekyll', none);
    expect(jekyll.text).toBe('## Visa rules {#visa-rules}\n\nA {#x} and {# {{ page.title }} }\n\n```\n## In code {#c}\n```\n\nFees {#fees}\n----\n\nA paragraph {#para}\n');
    expect(jekyll.notes.map((n) => [n.offset, n.message])).toEqual([[43, 'template expression `{{ page.title }}` left in place'], [119, 'kramdown heading id `{#para}` left in place']]);
    const hugo = convertBody('## Visa {#visa}\n\n{# {{< youtube x >}} }\n\n## {#alone}\n', 'hugo', none);
    expect(hugo.notes.map((n) => [n.offset, n.message])).toEqual([[20, 'shortcode `{{< youtube x >}}` left in place'], [44, 'heading attribute `{#alone}` left in place']]);
    // In a list or a quote a heading is one too; a line above `---` there is no heading (a rule follows it), nor is an id with a dot.
    const nested = convertBody('- ## Visa {#visa}\n\n> ## Work {#work}\n\n- item {#item}\n---\n\n## Rates {#rates.2027}\n', 'hugo', none);
    expect(nested.notes.map((n) => n.message)).toEqual(['heading attribute `{#item}` left in place', 'heading attribute `{#rates.2027}` left in place']);
  });

  it('names kramdown abbreviations and definition lists, which a release shows as text, once for each list, and not in code or in prose', () => {
    const body = [
      ': no term above, and text on either site', '', 'The HTML spec.', '', '*[HTML]: HyperText Markup Language', '',
      'Visa', ': A permit to enter.', ': Issued at the border.', '', 'Quota', '', ': How many may come.', '',
      'A paragraph.', '', 'Term', ':   Second list.', '',
      ': a definition of the same term, after a blank line', '',
      '```', 'Key', ': value', '*[X]: in code', '```', '',
      'Ratio 3 : 1 and *[not] a definition*.', '',
    ].join('\n');
    const at = (text: string, notes: { offset: number; message: string }[]) => notes.map((n) => [text.slice(n.offset, text.indexOf('\n', n.offset)), n.message]);
    const jekyll = convertBody(body, 'jekyll', none);
    expect(jekyll.text).toBe(body);
    expect(at(body, jekyll.notes)).toEqual([
      ['*[HTML]: HyperText Markup Language', 'kramdown abbreviation `*[HTML]: HyperText Markup Language` left in place: a release shows it as text; spell the term out where it is first used and remove the line'],
      [': A permit to enter.', 'kramdown definition list left in place: a release shows `: A permit to enter.` as text under its term; write the terms and their meanings as a list or as paragraphs'],
      [':   Second list.', 'kramdown definition list left in place: a release shows `: Second list.` as text under its term; write the terms and their meanings as a list or as paragraphs'],
    ]);
    // Hugo's Goldmark reads definition lists by default, and abbreviations not at all: there `*[HTML]:` was text already.
    const hugo = convertBody(body, 'hugo', none);
    expect(at(body, hugo.notes).map(([line, message]) => [line, message!.slice(0, 31)])).toEqual([
      [': A permit to enter.', 'Goldmark definition list left i'], [':   Second list.', 'Goldmark definition list left i'],
    ]);
  });

  it('Jekyll: highlight, baseurl, relative_url, raw, comments', () => {
    const body = [
      'Text {{ site.baseurl }}/a.png and {{site.url}}{{ site.baseurl }}/b and [c]({{ "/c/" | relative_url }}) [d]({{ \'d.html\' | absolute_url }}) {{ "/e.png" | prepend: site.baseurl }}',
      '{% highlight js linenos %}',
      'const t = `x` + ```y```;',
      '{% endhighlight %}',
      '{% raw %}{{ kept }}{% endraw %}{% comment %}gone{% endcomment %}',
      '<!--more-->',
      'End',
    ].join('\n');
    const out = convertBody(body, 'jekyll', none);
    expect(out.text).toBe([
      'Text /a.png and /b and [c](/c/) [d](/d.html) /e.png',
      '````js',
      'const t = `x` + ```y```;',
      '````',
      '{{ kept }}',
      // The divider on its own line ended the paragraph above it: a blank line stands in its place.
      '',
      'End',
    ].join('\n'));
    expect(out.notes).toEqual([]);
  });

  it('removes the summary divider with its line, leaving one blank line between the paragraphs around it', () => {
    for (const site of ['jekyll', 'hugo'] as const) {
      const cases: [string, string][] = [
        ['Intro.\n\n<!--more-->\n\nRest.\n', 'Intro.\n\nRest.\n'],
        ['Intro.\n\n  <!-- more -->  \n\n\nRest.\n', 'Intro.\n\nRest.\n'],
        ['Intro.\n<!--more-->\n\nRest.\n', 'Intro.\n\nRest.\n'],
        ['Intro.\n\n<!--more-->\nRest.\n', 'Intro.\n\nRest.\n'],
        ['<!--more-->\n\nRest.\n', 'Rest.\n'],
        ['Intro, <!--more--> and rest.\n', 'Intro, and rest.\n'],
        // In running text the line break after it stays (the sentences were glued), and so does the blank line that ends the
        // paragraph; on a line of its own between two lines of text, it ended the paragraph above, as an HTML comment does.
        ['The Service opened a centre.<!--more-->\nIt serves 200 people a day.\n', 'The Service opened a centre.\nIt serves 200 people a day.\n'],
        ['Lead text here.<!--more-->\n\nSee the rest.\n', 'Lead text here.\n\nSee the rest.\n'],
        ['The regime was extended today.\n<!--more-->\nMore details follow.\n', 'The regime was extended today.\n\nMore details follow.\n'],
      ];
      for (const [body, expected] of cases) expect(convertBody(body, site, none).text, `${site}: ${JSON.stringify(body)}`).toBe(expected);
    }
  });

  it('in code, reads only the ways a post wrote template syntax for the old site to show as text; a fence inside a highlight block is not one', () => {
    const jekyll = convertBody('```\n{% raw %}{{ page.title }}{% endraw %} {{ page.date }}\n```\n\n{% highlight md %}\n```\n{% endhighlight %}\n\n{{ page.title }}\n', 'jekyll', none);
    expect(jekyll.text).toBe('```\n{{ page.title }} {{ page.date }}\n```\n\n````md\n```\n````\n\n{{ page.title }}\n');
    expect(jekyll.notes.map((n) => n.message)).toEqual(['template expression `{{ page.title }}` left in place']);
    const hugo = convertBody('    {{</* figure src="a.jpg" */>}} {{< youtube x >}}\n\n{{< highlight md >}}\n~~~\n{{< /highlight >}}\n\n{{< youtube y >}}\n', 'hugo', none);
    expect(hugo.text).toBe('    {{< figure src="a.jpg" >}} {{< youtube x >}}\n\n```md\n~~~\n```\n\n{{< youtube y >}}\n');
    expect(hugo.notes.map((n) => n.message)).toEqual(['shortcode `{{< youtube y >}}` left in place']);
  });

  it('Jekyll: post_url and link resolve to the new address; unknown ones stay and are reported', () => {
    const body = 'A {% post_url 2014-01-23-a %}\nB {% link _posts/x.md %}\n{% include x.html %} {{ page.title }}';
    const out = convertBody(body, 'jekyll', (ref) => (ref === '2014-01-23-a' ? { url: '/en/a.html' } : undefined));
    expect(out.text).toBe('A /en/a.html\nB {% link _posts/x.md %}\n{% include x.html %} {{ page.title }}');
    expect(out.notes.map((n) => n.message)).toEqual([
      '`{% link _posts/x.md %}` links to a post that was not imported; left in place',
      'template tag `{% include x.html %}` left in place',
      'template expression `{{ page.title }}` left in place',
    ]);
    expect(out.notes.map((n) => out.text.slice(n.outputOffset, n.outputOffset + 2))).toEqual(['{%', '{%', '{{']);
    expect(out.notes.map((n) => body.slice(n.offset, n.offset + 4))).toEqual(['{% l', '{% i', '{{ p']);
  });

  it('Jekyll: an unclosed highlight stays as written and is reported', () => {
    const out = convertBody('{% highlight ruby %}\nx\n', 'jekyll', none);
    expect(out.text).toBe('{% highlight ruby %}\nx\n');
    expect(out.notes[0]?.message).toMatch(/no `\{% endhighlight %\}`/);
  });

  it('Hugo: figure and img become images; escaped shortcodes become text', () => {
    const body = [
      '{{< figure src="/a b.jpg" alt="An [old] photo" caption="Caption" link="https://x.example" >}}',
      '{{% img src=`/c.png` alt=\'C\' %}}',
      '{{< figure src="/d.png" title="Only a title" />}}',
      'Write {{</* figure src="x.jpg" */>}} to show one.',
    ].join('\n');
    const out = convertBody(body, 'hugo', none);
    expect(out.text).toBe([
      '[![An \\[old\\] photo](/a%20b.jpg)](https://x.example)\n\n*Caption*',
      '![C](/c.png)',
      '![Only a title](/d.png)\n\n**Only a title**',
      'Write {{< figure src="x.jpg" >}} to show one.',
    ].join('\n'));
    // Each image is at an address of the old site, which the new one does not serve: noted once, where it starts (inside the link's `[`).
    expect(out.notes.map((n) => [n.offset, out.text.slice(n.outputOffset, n.outputOffset + 2), n.message.replace(/ is at .*/, '')])).toEqual([
      [0, '![', 'the image /a b.jpg'], [body.indexOf('{{% img'), '![', 'the image /c.png'], [body.indexOf('{{< figure src="/d'), '![', 'the image /d.png'],
    ]);
  });

  it('Hugo: a figure keeps its title, caption and credit under the image, in the list item or quote it stands in', () => {
    const figure = '{{< figure src="https://cdn.example.az/a.jpg" title="Border crossing at Astara" caption="Queues on Monday" attr="Photo: Reuters" attrlink="https://reuters.example" >}}';
    expect(convertBody(figure, 'hugo', none).text).toBe('![Queues on Monday](https://cdn.example.az/a.jpg)\n\n**Border crossing at Astara** *Queues on Monday* [Photo: Reuters](https://reuters.example)');
    // The caption gives the alternative text where there is none, as Hugo gives it, and is still shown.
    const captioned = convertBody('{{< figure src="https://cdn.example.az/b.jpg" caption="Queues" attr="SMS" >}}', 'hugo', none);
    expect(captioned.text).toBe('![Queues](https://cdn.example.az/b.jpg)\n\n*Queues* SMS');
    expect(captioned.notes).toEqual([]);
    const list = convertBody('- Item one\n  {{< figure src="https://cdn.example.az/b.jpg" alt="B" caption="Cap B" >}}\n- Item two\n', 'hugo', none);
    expect(list.text).toBe('- Item one\n  ![B](https://cdn.example.az/b.jpg)\n\n  *Cap B*\n- Item two\n');
    const quote = convertBody('> {{< figure src="https://cdn.example.az/b.jpg" alt="B" caption="Cap B" >}}\n> More.\n', 'hugo', none);
    expect(quote.text).toBe('> ![B](https://cdn.example.az/b.jpg)\n>\n> *Cap B*\n> More.\n');
  });

  it('Hugo: a ref or relref with a lang links to the page in that language', () => {
    const hugo = { ...jekyll, site: 'hugo' as const, contentRoot: 'content' };
    const page = (path: string, lang: string, body: string) => post(path, `---\ntitle: Other\ndate: 2020-01-01\nlang: ${lang}\ntranslationKey: other\n---\n${body}\n`, { path });
    const plan = planImport([
      page('content/posts/other.md', 'en', 'English.'),
      page('content/posts/other.ru.md', 'ru', 'Русский.'),
      post('content/posts/a.md', '---\ntitle: A\ndate: 2020-01-02\nlang: en\n---\n[ru]({{< relref path="other.md" lang="ru" >}}) [en]({{< relref "other.md" >}}) [fr]({{< ref path="other.md" lang="fr" >}})\n', { path: 'content/posts/a.md' }),
    ], hugo);
    const a = plan.releases.find((r) => r.source === 'content/posts/a.md')!;
    expect(parseReleaseFile(a.text, 'a.md').body).toBe('[ru](/ru/other.html) [en](/en/other.html) [fr]({{< ref path="other.md" lang="fr" >}})\n');
    expect(plan.notes.map((n) => n.message)).toContain('`{{< ref path="other.md" lang="fr" >}}` asks for the language "fr", which is not one of the project\'s languages (az, en, ru); left in place');
  });

  it('keeps a highlight block in the list item or block quote it stands in: its fences and code lines carry the item\'s indentation or the quote\'s marks', () => {
    const list = (open: string, close: string) => `1. Apply:\n\n   ${open}\n   def permit\n     2\n\n   end\n   ${close}\n2. Wait.\n`;
    const listed = '1. Apply:\n\n   ```ruby\n   def permit\n     2\n\n   end\n   ```\n2. Wait.\n';
    expect(convertBody(list('{% highlight ruby %}', '{% endhighlight %}'), 'jekyll', () => undefined).text).toBe(listed);
    expect(convertBody(list('{{< highlight ruby >}}', '{{< /highlight >}}'), 'hugo', () => undefined).text).toBe(listed);
    const quote = (open: string, close: string) => `> Write:\n> ${open}\n> x = 1\n>\n> y = 2\n> ${close}\n> Done.\n`;
    const quoted = '> Write:\n> ```go\n> x = 1\n>\n> y = 2\n> ```\n> Done.\n';
    expect(convertBody(quote('{% highlight go %}', '{% endhighlight %}'), 'jekyll', () => undefined).text).toBe(quoted);
    expect(convertBody(quote('{{< highlight go >}}', '{{< /highlight >}}'), 'hugo', () => undefined).text).toBe(quoted);
    // Opening an item, and after text on the item's line: the fence starts where a fence can, the item's indentation before it.
    expect(convertBody('- {% highlight sh %}\n  ls\n  {% endhighlight %}\n', 'jekyll', () => undefined).text).toBe('- ```sh\n  ls\n  ```\n');
    expect(convertBody('- Run {% highlight sh %}ls{% endhighlight %}\n', 'jekyll', () => undefined).text).toBe('- Run\n  ```sh\n  ls\n  ```\n');
  });

  it('show a highlight\'s code as the old site showed it: a raw block\'s text, a shortcode written as text as the shortcode', () => {
    expect(convertBody('{% highlight html %}{% raw %}<p>{{ page.title }}</p>{% endraw %}{% endhighlight %}\n', 'jekyll', () => undefined).text).toBe('```html\n<p>{{ page.title }}</p>\n```\n');
    expect(convertBody('{{< highlight md >}}\n{{</* figure src="a.jpg" */>}}\n{{< /highlight >}}\n', 'hugo', () => undefined).text).toBe('```md\n{{< figure src="a.jpg" >}}\n```\n');
  });

  it('Hugo: images without alternative text or with page-relative paths are reported', () => {
    const out = convertBody('{{< figure src="cover.jpg" >}}', 'hugo', none);
    expect(out.text).toBe('![](cover.jpg)');
    expect(out.notes.map((n) => n.message)).toEqual([
      'the image cover.jpg has no alternative text; write one',
      'the image cover.jpg is a file of the old site: copy it next to the release (the path is read from the release file\'s folder), or write its full address',
    ]);
  });

  it('reports each Markdown image at a path of the old site (a page bundle\'s photo), once, at its line', () => {
    const body = 'Intro.\n\n![The new centre](photo.jpg "Opening day")\n\n![Logo](https://example.az/logo.png) ![Map](/img/map.png)\n\n![Again](photo.jpg)\n';
    for (const site of ['hugo', 'jekyll'] as const) {
      const out = convertBody(body, site, none);
      expect(out.notes.map((n) => [n.offset, n.message]), site).toEqual([
        [body.indexOf('![The new centre]'), "the image photo.jpg is a file of the old site: copy it next to the release (the path is read from the release file's folder), or write its full address"],
        [body.indexOf('![Map]'), "the image /img/map.png is at an address of the old site, and no such file is in it: copy the picture next to the release and write its path from the release file's folder, or write its full address"],
        [body.indexOf('![Again]'), "the image photo.jpg is a file of the old site: copy it next to the release (the path is read from the release file's folder), or write its full address"],
      ]);
    }
  });

  it('reports each image at an address of the old site, Markdown or <img>, saying which file of the old site it is', () => {
    const body = [
      'Intro ![Centre](/assets/img/centre.jpg) and ![Map](/press/assets/img/map%20big.png?v=2).',
      '',
      '<p><IMG alt="Queue" SRC=\'/images/queue.png\'> <img src="https://example.az/logo.png"> <img src="photo.jpg"> <img alt="none"></p>',
      '',
      '![Logo](//cdn.example.az/logo.png) ![Top](#top)',
    ].join('\n');
    const files = new Set(['assets/img/centre.jpg', 'assets/img/map big.png']);
    const out = convertBody(body, 'jekyll', none, (address) => {
      const path = decodeURI(address.replace(/[?#].*$/, '').replace(/^\/press\//, '/')).slice(1);
      return files.has(path) ? path : undefined;
    });
    expect(out.notes.map((n) => [n.offset, n.message])).toEqual([
      [body.indexOf('![Centre]'), "the image /assets/img/centre.jpg is at an address of the old site (its file there is assets/img/centre.jpg): copy the file next to the release and write its path from the release file's folder, or write its full address"],
      [body.indexOf('![Map]'), "the image /press/assets/img/map%20big.png?v=2 is at an address of the old site (its file there is assets/img/map big.png): copy the file next to the release and write its path from the release file's folder, or write its full address"],
      [body.indexOf('<IMG'), "the image /images/queue.png is at an address of the old site, and no such file is in it: copy the picture next to the release and write its path from the release file's folder, or write its full address"],
      [body.indexOf('<img src="photo.jpg">'), "the image photo.jpg is a file of the old site: copy it next to the release (the path is read from the release file's folder), or write its full address"],
    ]);
  });

  it('Hugo: highlight, ref and relref; other shortcodes left and reported once', () => {
    const resolve = (ref: string) => (ref === 'posts/a.md' ? { url: '/en/a.html' } : undefined);
    const out = convertBody('{{< highlight go >}}\nfmt.Println()\n{{< /highlight >}}\n[a]({{< ref "posts/a.md#part" >}}) [b]({{< relref "missing" >}})\n{{% notice %}}\nx\n{{% /notice %}}', 'hugo', resolve);
    expect(out.text).toBe('```go\nfmt.Println()\n```\n[a](/en/a.html#part) [b]({{< relref "missing" >}})\n{{% notice %}}\nx\n{{% /notice %}}');
    expect(out.notes.map((n) => n.message)).toEqual([
      '`{{< relref "missing" >}}` links to a page that was not imported; left in place',
      'shortcode `{{% notice %}}` left in place',
    ]);
  });

  it('reads shortcode parameters in every quoting Hugo allows', () => {
    const p = shortcodeParameters(' src="a \\"b\\"" alt=`c d` x=y "pos one" two');
    expect(Object.fromEntries(p.named)).toEqual({ src: 'a "b"', alt: 'c d', x: 'y' });
    expect(p.positional).toEqual(['pos one', 'two']);
  });

  it('stays fast on a body full of unclosed tags', () => {
    const hostile = '{% {{ {{< {{% '.repeat(70_000);
    const started = performance.now();
    convertBody(hostile, 'jekyll', none);
    convertBody(hostile, 'hugo', none);
    expect(performance.now() - started).toBeLessThan(5000);
  });
});

describe('hostile posts to import', () => {
  it('convert in time that grows with their size, never overflowing the stack', () => {
    const started = performance.now();
    // Code of 150,000 backtick runs: every run's length spread into one call overflowed the stack (from some 130,000).
    const code = '` '.repeat(150_000);
    expect(htmlToMarkdown(`<pre>${code}</pre>`).ok).toBe(true);
    expect(htmlToMarkdown(`<p><code>${code}</code></p>`).ok).toBe(true);
    expect(convertBody(`{% highlight ruby %}\n${code}\n{% endhighlight %}`, 'jekyll', () => undefined).text).toContain('```ruby');
    // No-break spaces inside emphasis, and spaces between empty elements: each was read again from every position.
    expect(htmlToMarkdown(`<p><b><i>a${'\u00a0'.repeat(50_000)}b</i></b></p>`).ok).toBe(true);
    expect(htmlToMarkdown(`<p>a${' <wbr>'.repeat(40_000)}b</p>`).ok).toBe(true);
    expect(performance.now() - started).toBeLessThan(10_000);
  });

  it('say once how often a value was left out, not once for each, and name the 30 commonest dropped keys of thousands', () => {
    const fields = mapFrontMatter({ title: 'T', tags: Array.from({ length: 150_000 }, () => []) }, 'hugo');
    expect(fields.unusable).toEqual([{ key: 'tags', message: 'a tags entry is not text and was left out (150,000 times)' }]);
    const dropped = Object.fromEntries([['layout', 3], ...Array.from({ length: 20_000 }, (_, i) => [`k${i}`, 1])]) as Record<string, number>;
    const text = formatImportText({ site: 'hugo', src: 'old', to: 'rel', dryRun: true, converted: [], skipped: [], notes: [], dropped, otherFiles: 0, leftOver: [] });
    const line = text.split('\n').find((l) => l.startsWith('Front matter keys dropped'))!;
    expect(line).toMatch(/^Front matter keys dropped \(no place in a release\): layout \(3\), k0 \(1\), .*, and 19,971 other keys\.$/);
    expect(line.length).toBeLessThan(600);
  });
});

describe('emitted releases', () => {
  it('round-trips values YAML would otherwise read as something else', () => {
    const awkward = ['yes', 'null', '2020', '0x1F', '- dash', ': colon', '# hash', '"quoted"', "it's", '---', 'a: b', '[list]', '{map}', '@at', '`tick`', 'tab\there', ' spaced '];
    for (const title of awkward) {
      const { text } = emitRelease({ id: 'a', title, date: '2020-01-08', lang: 'en', status: 'published', slug: 'a', tags: awkward, summary: `${title}\nsecond line` }, 'Body\n---\nmore', ['Imported from jekyll: _posts/a\u0007.md']);
      const parsed = parseReleaseFile(text, 'a.md');
      expect(parsed.diagnostics).toEqual([]);
      expect(parsed.data).toEqual({ id: 'a', title, date: '2020-01-08', lang: 'en', status: 'published', slug: 'a', tags: awkward, summary: `${title}\nsecond line` });
      expect(parsed.body).toBe('Body\n---\nmore\n');
      expect(text).not.toContain('\u0007');
    }
  });
});

const post = (path: string, text: string, where: Partial<PostPath> = {}): SourcePost => {
  const classified = classifyPath(path, where.path?.startsWith('content') ? 'hugo' : 'jekyll', LANGS, 'content');
  if (classified.kind !== 'post') throw new Error(`${path} is not a post`);
  return { where: { ...classified, ...where }, text };
};

const jekyll: ImportSettings = { site: 'jekyll', timeZone: BAKU, languages: LANGS, langFromPath: true, contentRoot: '' };

describe('references between posts', () => {
  it('read a Hugo ref from the linking page\'s folder first, as Hugo does, and leave one that names several posts with a note', () => {
    const hugo: ImportSettings = { ...jekyll, site: 'hugo', contentRoot: 'content' };
    const page = (path: string, title: string, body = 'Text.') => post(path, `---\ntitle: ${title}\ndate: 2020-01-0${title.length % 9 + 1}\nlang: en\n---\n${body}\n`, { path });
    const plan = planImport([
      page('content/events/x.md', 'Event X'),
      page('content/news/x.md', 'News X'),
      page('content/news/b/index.md', 'Bundle B'),
      page('content/news/y.md', 'News Y', 'See [news x]({{< relref "x" >}}), [b]({{< ref "b/index.md" >}}) and [event]({{< ref "/events/x.md" >}}).'),
      page('content/about/z.md', 'About Z', 'See [which]({{< ref "x.md" >}}).'),
    ], hugo);
    const y = plan.releases.find((r) => r.text.includes('title: News Y'))!;
    const urlOf = (title: string) => `/en/${plan.releases.find((r) => r.text.includes(`title: ${title}\n`))!.text.match(/^slug: (.+)$/m)?.[1] ?? ''}.html`;
    // Before, `x` led to events/x (the first of its name), and `b/index.md` was said not to be imported.
    expect(y.text).toContain(`[news x](${urlOf('News X')})`);
    expect(y.text).toContain(`[b](${urlOf('Bundle B')})`);
    expect(y.text).toContain(`[event](${urlOf('Event X')})`);
    // From about/, `x.md` is events/x.md or news/x.md: Hugo calls it ambiguous, and it was the first of them.
    expect(plan.releases.find((r) => r.text.includes('title: About Z'))!.text).toContain('[which]({{< ref "x.md" >}})');
    expect(plan.notes.map((n) => n.message)).toContainEqual('`{{< ref "x.md" >}}` names more than one post (content/events/x.md, content/news/x.md), so it is not known which; left in place');
  });
});

describe('HTML posts', () => {
  it('leaves the underscores, tildes and fragments of a bare address unescaped, so that the link Markdown makes of it goes where it went', () => {
    const html = '<p>See http://migration.gov.az/visa_free/#apply_now, (www.e-visa.gov.az/~apply_now) and <b>https://x.az/a*b_c</b>; not_this or foo_http://x_y.</p>';
    expect(inWords(htmlToMarkdown(html))).toEqual({ ok: true, notes: [], text: 'See http://migration.gov.az/visa_free/#apply_now, (www.e-visa.gov.az/~apply_now) and **https\\://x.az/a\\*b\\_c**; not\\_this or foo\\_http://x_y.\n' });
    // An address with a character Markdown reads stays text, as the page showed it: escaped in a link, the backslash would join its address.
    expect(inWords(htmlToMarkdown('<p>A &lt;https://example.com&gt; x www.example.com/[1]</p>'))).toEqual({ ok: true, notes: [], text: 'A \\<https\\://example.com\\> x www\\.example.com/\\[1\\]\n' });
  });

  it('become Markdown: paragraphs, headings, emphasis, links, images, lists, quotes, code, rules and tables', () => {
    const html = [
      '<h2>Title &amp; more</h2>',
      '<p>Written in <strong>HTML</strong>, with <em>emphasis</em>, a <a href="/contacts/" title="Our &quot;office&quot;">link</a>, <code>a_b</code> and ~<del>gone</del>.<br>',
      'Second line.</p>',
      '<ul><li>One</li><li>Two<ul><li>Nested</li></ul></li></ul>',
      '<ol start="3"><li>Three</li><li>Four</li></ol>',
      '<blockquote><p>Quote</p><p>More</p></blockquote>',
      '<pre><code class="language-ruby">def x\n  1 &lt; 2\nend</code></pre>',
      '<figure><img src="/b.png" alt="B"><figcaption>Caption</figcaption></figure>',
      '<table><thead><tr><th>A</th><th>B</th></tr></thead><tbody><tr><td>1</td><td>2 | 3</td></tr></tbody></table>',
      '<!--more--><hr><dl><dt>Term</dt><dd>Meaning</dd></dl>',
    ].join('\n');
    expect(inWords(htmlToMarkdown(html))).toEqual({
      ok: true,
      text: [
        '## Title & more',
        'Written in **HTML**, with *emphasis*, a [link](/contacts/ "Our \\"office\\""), `a_b` and \\~~~gone~~.\\\nSecond line.',
        '- One\n- Two\n  - Nested',
        '3. Three\n4. Four',
        '> Quote\n>\n> More',
        '```ruby\ndef x\n  1 < 2\nend\n```',
        '![B](/b.png)',
        '*Caption*',
        '| A | B |\n| --- | --- |\n| 1 | 2 \\| 3 |',
        // The summary divider, for the body's conversion to find.
        '<!--more-->',
        '* * *',
        '**Term**',
        'Meaning',
      ].join('\n\n') + '\n',
      notes: [],
    });
  });

  it('close an unclosed element where a browser would: the blocks after it keep their own form', () => {
    const text = (html: string) => {
      const out = htmlToMarkdown(html);
      if (!out.ok) throw new Error(out.reason);
      return out.text;
    };
    // An unclosed <b> used to take every later paragraph, heading and list into one bold run.
    expect(text('<p>Five <b>bold\n<p>Six\n<h2>Seven</h2>\n<p>Eight</p>\n<ul><li>a <i>b<li>c</ul>')).toBe('Five **bold**\n\nSix\n\n## Seven\n\nEight\n\n- a *b*\n- c\n');
    expect(text('<ol><li>one<li>two<ul><li>x<li>y</ul><li>three</ol>')).toBe('1. one\n2. two\n   - x\n   - y\n3. three\n');
    // A link around a block stays one link.
    expect(text('<p><a href="/x"><div>block link</div></a></p>')).toBe('[block link](/x)\n');
  });

  it('keep text literal and template tags as written, and name what has no Markdown form', () => {
    const out = htmlToMarkdown('<p>*stars* _under_ [brackets] <b>#1</b></p>\n<p>- not a list</p><p>2014. A year.</p>\n<p><a href="{{ site.baseurl }}/x/">x</a> {% include note.html text="a_b" %}</p>\n<script>alert(1)</script><iframe src="https://video.example/1"></iframe><p><img src="/a.png"><span style="x">kept</span></p><table><tr><td colspan="2">merged</td></tr></table>');
    if (!out.ok) throw new Error(out.reason);
    expect(out.text).toBe([
      '\\*stars\\* \\_under\\_ \\[brackets\\] **\\#1**',
      '\\- not a list',
      '2014\\. A year.',
      '[x]({{ site.baseurl }}/x/) {% include note.html text="a_b" %}',
      '![](/a.png)kept',
      '| merged |\n| --- |',
    ].join('\n\n') + '\n');
    expect(out.notes.map((n) => n.message)).toEqual([
      '<script> has no Markdown form and was left out',
      '<iframe src="https://video.example/1"> has no Markdown form and was left out',
      'the image /a.png has no alternative text; add it',
      'a table has merged cells, which Markdown tables cannot show; check how it reads',
    ]);
  });

  it('keep a paragraph one paragraph when what has no Markdown form stands in its text, with one space where it stood', () => {
    const out = htmlToMarkdown('<p>Watch the <video src="a.mp4"></video> video and the <iframe src="https://video.example/1"></iframe> clip, then <script>x()</script> read on.</p>\n<p>Second <object data="a.swf"></object> paragraph <!-- note --> ends.</p>\n<table><tr><th>Office</th></tr><tr><td>Baku <embed src="m.swf"> centre</td></tr></table>');
    expect(inWords(out)).toEqual({
      ok: true,
      text: 'Watch the video and the clip, then read on.\n\nSecond paragraph ends.\n\n| Office |\n| --- |\n| Baku centre |\n',
      notes: [
        '<video src="a.mp4"> has no Markdown form and was left out',
        '<iframe src="https://video.example/1"> has no Markdown form and was left out',
        '<script> has no Markdown form and was left out',
        '<object data="a.swf"> has no Markdown form and was left out',
        '<embed src="m.swf"> has no Markdown form and was left out',
      ],
    });
  });

  it('keep what a table cell, a heading or a link holds on one line: paragraphs and lists in a cell, line breaks, code with a bar', () => {
    const table = htmlToMarkdown('<table><tr><th>Office</th><th>Hours</th></tr><tr><td><p>Baku centre</p></td><td>9-18</td></tr><tr><td><p>Ganja</p><p>(west)</p></td><td><ul><li>Mon</li><li>Tue</li></ul></td></tr><tr><td>A<br>B</td><td><code>a|b</code></td></tr></table>');
    expect(inWords(table)).toEqual({
      ok: true,
      text: '| Office | Hours |\n| --- | --- |\n| Baku centre | 9-18 |\n| Ganja (west) | Mon Tue |\n| A B | `a\\|b` |\n',
      notes: ['a table cell holds paragraphs or a list, which Markdown cannot break there; they were joined on one line: check how it reads'],
    });
    expect(inWords(htmlToMarkdown('<h2>Work<br>permits</h2><p><a href="/x">one<br>two</a></p><figure><figcaption>Hall<br>Baku</figcaption></figure>'))).toEqual({ ok: true, notes: [], text: '## Work permits\n\n[one two](/x)\n\n*Hall Baku*\n' });
  });

  it('keep a table whole whatever its cells hold: code blocks, a table, headings and quotes as their text, the caption above', () => {
    expect(inWords(htmlToMarkdown('<table><caption>Offices</caption><tr><td><pre>a|b</pre></td><td><table><tr><td>i1</td><td>i2</td></tr></table></td><td><code>c|d</code></td></tr><tr><td><h2>Head</h2><blockquote>q</blockquote><hr></td><td><pre><code class="language-js">x</code></pre></td><td><a href="/a|b" title="x|y">l</a></td></tr></table>'))).toEqual({
      ok: true,
      text: '*Offices*\n\n| `a\\|b` | i1 i2 | `c\\|d` |\n| --- | --- | --- |\n| Head q | `x` | [l](/a%7Cb "x\\|y") |\n',
      notes: ['a table cell holds paragraphs or a list, which Markdown cannot break there; they were joined on one line: check how it reads'],
    });
    // A cell that holds one block, or what has no Markdown form beside its text, is no cell of several blocks.
    expect(inWords(htmlToMarkdown('<table><tr><th><svg></svg>T</th><td><p>one</p></td></tr></table>'))).toEqual({ ok: true, text: '| T | one |\n| --- | --- |\n', notes: ['<svg> has no Markdown form and was left out'] });
    // One block that is a table, a list, a heading or a quote loses its shape as text: said so, as several blocks are.
    expect(inWords(htmlToMarkdown('<table><tr><th>Office</th><td><table><tr><td>Baku</td></tr></table></td><td><ul><li>Mon</li></ul></td><td><h3>Open</h3></td></tr></table>'))).toEqual({
      ok: true,
      text: '| Office | Baku | Mon | Open |\n| --- | --- | --- | --- |\n',
      notes: ['a table cell holds a table, which Markdown cannot show there; kept as its text: check how it reads', 'a table cell holds a list, which Markdown cannot show there; kept as its text: check how it reads', 'a table cell holds a heading, which Markdown cannot show there; kept as its text: check how it reads'],
    });
  });

  it('keep the summary divider only where it stands between blocks, as Hugo writes it; within a line it goes, and the words either side stay apart', () => {
    expect((htmlToMarkdown('<p>Short.</p>\n<!--more-->\n<p>Rest.</p>') as { text: string }).text).toBe('Short.\n\n<!--more-->\n\nRest.\n');
    expect((htmlToMarkdown('<p>Short.</p><p><!--more--></p><p>Rest.</p>') as { text: string }).text).toBe('Short.\n\n<!--more-->\n\nRest.\n');
    expect((htmlToMarkdown('<p>The first ends here.<!--more--> The second follows.</p><h2>Section<!--more--> title</h2><p>A</p><!-- MORE --><p>B</p>') as { text: string }).text)
      .toBe('The first ends here. The second follows.\n\n## Section title\n\nA\n\nB\n');
  });

  it('make a table no longer than its HTML in proportion: a row is not filled out to the widest, and a row without cells is left out', () => {
    const html = `<table><tr>${'<td></td>'.repeat(400)}</tr>${'<tr></tr>'.repeat(6_000)}<tr><td>last</td></tr></table>`;
    const out = htmlToMarkdown(html);
    expect(out.ok).toBe(true);
    const lines = (out as { text: string }).text.split('\n');
    expect(lines).toHaveLength(4);
    expect(lines[2]).toBe('| last |');
    expect((out as { text: string }).text.length).toBeLessThan(html.length);
  });

  it('keep what the page showed: a written-out reference, a ! before a link, emphasis run together, a list from 0, an address over two lines', () => {
    const convert = (html: string) => inWords(htmlToMarkdown(html)) as { text: string; notes: string[] };
    // `&amp;copy;` showed `&copy;` on the page, not ©.
    expect(convert('<p>&amp;copy; &amp;amp; &amp;#169; &amp;#x2014; AT&amp;T &amp; co</p>').text).toBe('\\&copy; \\&amp; \\&\\#169; \\&\\#x2014; AT&T & co\n');
    expect(convert('<p>Wow!<a href="https://e.az/x">link</a></p>').text).toBe('Wow\\![link](https://e.az/x)\n');
    // An escaped backslash before the `!` escapes nothing of it.
    expect(convert('<p>Wow\\!<a href="https://e.az/x">link</a></p>').text).toBe('Wow\\\\\\![link](https://e.az/x)\n');
    expect(convert('<p><strong>a</strong><strong>b</strong> <em>c</em><em>d</em> <b>e</b><i>f</i> <em>g</em>*<em>h</em></p>').text).toBe('**ab** *cd* **e***f* *g*\\**h*\n');
    expect(convert('<ol start="0"><li>a</li><li>b</li></ol>').text).toBe('0. a\n1. b\n');
    // Lists one after another stay apart: the second's markers differ, or Markdown would read one list.
    expect(convert('<ol><li>a</li></ol><ol start="5"><li>b</li></ol>').text).toBe('1. a\n\n5) b\n');
    expect(convert('<ul><li>a</li></ul>\n<ul><li>b</li></ul><ul><li>c</li></ul><p>x</p><ul><li>d</li></ul>').text).toBe('- a\n\n* b\n\n- c\n\nx\n\n- d\n');
    const negative = convert('<ol start="-2"><li>c</li></ol>');
    expect(negative.text).toBe('1. c\n');
    expect(negative.notes).toEqual(['a list numbered from -2, which Markdown cannot number from, starts at 1']);
    expect(convert('<p><a href="https://e.az/a\n b">x</a></p>').text).toBe('[x](https://e.az/a%20b)\n');
  });

  it('give links to the site and its posts under the path the new site is served at, the base written once', () => {
    const body = 'A [b]({{ site.baseurl }}/2020/b/), [c]({% post_url 2020-01-02-c %}), [d]({{ site.baseurl }}{% post_url 2020-01-02-c %}), [e]({{ \'/contacts/\' | relative_url }}), [f]({{ site.url }}{{ site.baseurl }}/x/).\n';
    const posts = [
      post('_posts/2020-01-01-a.md', `---\ntitle: A\nlang: en\n---\n${body}`),
      post('_posts/2020-01-02-c.md', '---\ntitle: C\nlang: en\n---\nText\n'),
    ];
    const bodyOf = (settings: ImportSettings) => parseReleaseFile(planImport(posts, settings).releases.find((r) => r.slug === 'a')!.text, 'r.md').body;
    // The old `baseurl`, the new site taking the old one's place.
    expect(bodyOf({ ...jekyll, siteSettings: { ...EMPTY_SITE_SETTINGS, baseUrl: '/press' } })).toBe('A [b](/press/2020/b/), [c](/press/en/c.html), [d](/press/en/c.html), [e](/press/contacts/), [f](/press/x/).\n');
    // `site.url` names where the new site is served.
    expect(bodyOf({ ...jekyll, siteSettings: { ...EMPTY_SITE_SETTINGS, baseUrl: '/press' }, siteBase: '/news' })).toBe('A [b](/news/2020/b/), [c](/news/en/c.html), [d](/news/en/c.html), [e](/news/contacts/), [f](/news/x/).\n');
    expect(bodyOf(jekyll)).toBe('A [b](/2020/b/), [c](/en/c.html), [d](/en/c.html), [e](/contacts/), [f](/x/).\n');
  });


  it('keep the summary divider, which marks the summary as in a Markdown post', () => {
    const plan = planImport([post('_posts/2016-05-10-page.html', '---\ntitle: Page\nlang: en\n---\n<p>Short summary.</p>\n<!--more-->\n<p>Rest of it.</p>\n')], jekyll);
    const release = parseReleaseFile(plan.releases[0]!.text, 'r.md');
    expect(release.data).toMatchObject({ summary: 'Short summary.' });
    expect(release.body).toBe('Short summary.\n\nRest of it.\n');
  });

  it('are converted as part of a site, old address and all', () => {
    const plan = planImport([post('_posts/2016-05-10-page.html', '---\ntitle: Page\nlang: en\n---\n<p>Hello <a href="{{ site.baseurl }}/x/">x</a>.</p>\n<script>x()</script>\n')], { ...jekyll, siteSettings: { ...EMPTY_SITE_SETTINGS, baseUrl: '/press' } });
    const release = parseReleaseFile(plan.releases[0]!.text, 'r.md');
    // Under the path the new site is served at: the old `baseurl`, where no `site.url` names another.
    expect(release.body).toBe('Hello [x](/press/x/).\n');
    expect(release.data).toMatchObject({ slug: 'page', aliases: ['/2016/05/10/page.html'] });
    expect(plan.notes.map((n) => `${n.sourceLine} ${n.message}`)).toEqual([
      '5 an HTML post: its body was converted to Markdown; check how it reads',
      '6 <script> has no Markdown form and was left out',
    ]);
  });

  it('have their notes at the lines of the post and of the release where what they name stands, not at the body\'s first', () => {
    const html = [
      '---', 'title: Page', 'lang: en', '---',
      '<p>First.</p>', '', '<p>Second.</p>', '',
      '<video src="a.mp4"></video>', '',
      '<table>', '<tr><td colspan="2">merged</td></tr>', '</table>',
      '<ul>', '<li>one</li>', '<li><img src="https://e.az/b.png"></li>', '</ul>',
      '<p>Last, <img src="/old.png" alt="Old"></p>', '',
    ].join('\n');
    const plan = planImport([post('_posts/2016-05-10-page.html', html)], jekyll);
    const text = plan.releases[0]!.text;
    const lineOf = (needle: string) => text.split('\n').findIndex((line) => line.includes(needle)) + 1;
    expect(plan.notes.map((n) => [n.line, n.sourceLine, n.message.replace(/ (has|is) .*/, '')])).toEqual([
      [lineOf('First.'), 5, 'an HTML post: its body was converted to Markdown; check how it reads'],
      // Left out, it is at the block that follows it.
      [lineOf('| merged |'), 9, '<video src="a.mp4">'],
      [lineOf('| merged |'), 11, 'a table'],
      // In a list, the list's first line; in the post, the image's own.
      [lineOf('- one'), 16, 'the image https://e.az/b.png'],
      // A note of the body's conversion that follows (an image the old site does not have) is at its block's line in the post.
      [lineOf('Last,'), 18, 'the image /old.png'],
    ]);
    expect(lineOf('First.')).toBeGreaterThan(1);
  });
});

describe('planning an import', () => {
  it('reads the summary divider from a Jekyll site\'s excerpt_separator, the post\'s own before the site\'s, and removes it when it is a comment', () => {
    const plan = (config: string, front: string, body: string, path = '_posts/2020-01-08-a.md') => {
      const planned = planImport([post(path, `---\ntitle: A\nlang: en\n${front}---\n${body}`)], { ...jekyll, siteSettings: readSiteSettings(config, '_config.yml', 'jekyll').settings });
      const release = parseReleaseFile(planned.releases[0]!.text, 'r.md');
      return { summary: (release.data as { summary?: string }).summary, body: release.body, notes: planned.notes.map((n) => n.message), dropped: planned.dropped };
    };
    const site = 'excerpt_separator: <!--cut-->\n';
    expect(plan(site, '', 'Short lead.\n\n<!--cut-->\n\nRest.\n')).toEqual({ summary: 'Short lead.', body: 'Short lead.\n\nRest.\n', notes: [], dropped: {} });
    // With one set, <!--more--> is a comment like any other, and the summary is what stands before the site's divider.
    expect(plan(site, '', 'Lead.\n\n<!--more-->\n\nSecond.\n\n<!--cut-->\n\nRest.\n')).toEqual({
      summary: undefined, body: 'Lead.\n\n<!--more-->\n\nSecond.\n\nRest.\n', dropped: {},
      notes: ['the old site\'s summary, the text before `<!--cut-->`, is not kept as `summary`: it is not a single paragraph; it is still the start of the body, above this line; write a `summary` of at most 160 characters if the release needs one'],
    });
    // The post's own wins, as in Jekyll, and is read, not dropped; the site's is then a comment like any other.
    expect(plan(site, 'excerpt_separator: "<!-- break -->"\n', 'Lead.\n<!-- break -->\nRest, <!--cut--> and more.\n')).toMatchObject({ summary: 'Lead.', body: 'Lead.\n\nRest, <!--cut--> and more.\n', dropped: {} });
    // And so does one the site's front matter defaults give it.
    expect(plan('defaults:\n  - scope: {path: ""}\n    values: {excerpt_separator: <!--fold-->}\n', '', 'Lead.\n<!--fold-->\nRest.\n')).toMatchObject({ summary: 'Lead.', body: 'Lead.\n\nRest.\n' });
    // One the old page showed stays where it stands, and still ends the summary.
    expect(plan('excerpt_separator: "Read on:"\n', '', 'Lead.\n\nRead on:\n\nRest.\n')).toMatchObject({ summary: 'Lead.', body: 'Lead.\n\nRead on:\n\nRest.\n' });
    // In code it is text the post shows.
    expect(plan(site, '', '```\nA <!--cut--> in code.\n```\n\nLead.\n\n<!--cut-->\n\nRest.\n')).toMatchObject({ body: '```\nA <!--cut--> in code.\n```\n\nLead.\n\nRest.\n' });
    // '' made no excerpt; Jekyll's default, a blank line (the first paragraph), is read as none, as before: <!--more--> marks it.
    expect(plan('excerpt_separator: ""\n', '', 'Lead.\n\n<!--more-->\n\nRest.\n')).toMatchObject({ summary: undefined, body: 'Lead.\n\n<!--more-->\n\nRest.\n', notes: [] });
    for (const config of ['excerpt_separator: "\\n\\n"\n', '']) expect(plan(config, '', 'Lead.\n\n<!--more-->\n\nRest.\n')).toMatchObject({ summary: 'Lead.', body: 'Lead.\n\nRest.\n' });
    // One too long to be a divider anyone wrote is read as none, and said.
    expect(plan(`excerpt_separator: "<!--${'a'.repeat(40_000)}-->"\n`, '', `Lead.\n\n<!--more-->\n\n${'ab'.repeat(20_000)}\n`)).toMatchObject({ summary: undefined, notes: ['`excerpt_separator` is longer than the 200 characters a summary divider is read to; no summary is read from the body'] });
    // An HTML post's divider, between blocks, as <!--more--> is.
    expect(plan(site, '', '<p>Short lead.</p>\n<!--cut-->\n<p>Rest.</p>\n', '_posts/2020-01-08-a.html')).toMatchObject({ summary: 'Short lead.', body: 'Short lead.\n\nRest.\n' });
    expect(plan(site, '', '<p>Short lead.</p>\n<!--more-->\n<p>Rest.</p>\n', '_posts/2020-01-08-a.html')).toMatchObject({ summary: undefined, body: 'Short lead.\n\nRest.\n' });
  });

  // Each numbered name was tried from -2 up for each post: 6,000 posts of one name took 8.8 s to plan.
  it('numbers thousands of posts of one name, each id and slug once, looking at each number once', () => {
    // A plan of 500 shows the posts numbered in order; how many numbers a claim looks at is counted below, over the numbering's
    // own 10,000 claims: the count, not a clock, tells the square.
    const posts = Array.from({ length: 500 }, (_, i) => post(`_posts/d${i}/2024-01-02-same.md`, '---\ntitle: Same\nlang: en\n---\nText.\n'));
    const written = planImport(posts, jekyll).releases.map((r) => parseReleaseFile(r.text, 'r.md').data as { id: string; slug: string });
    expect(new Set(written.map((d) => d.id)).size).toBe(500);
    expect(new Set(written.map((d) => d.slug)).size).toBe(500);
    expect(written.slice(0, 3).map((d) => [d.id, d.slug])).toEqual([['2024-01-02-same', 'same'], ['2024-01-02-same-2', 'same-2'], ['2024-01-02-same-3', 'same-3']]);
    const taken = new Set(['x-3']);
    const numbering = new Numbering();
    let looks = 0;
    const claims = Array.from({ length: 10_000 }, () => {
      const name = numbering.free('x', 'x', (n) => `x-${n}`, (candidate) => (looks++, taken.has(candidate)));
      taken.add(name);
      return name;
    });
    expect(claims.slice(0, 4)).toEqual(['x', 'x-2', 'x-4', 'x-5']);
    expect(new Set(claims).size).toBe(10_000);
    // Each claim looks at the number the last one ended on, then at the next: twice, not once per number before it.
    expect(looks).toBeLessThanOrEqual(2 * 10_000 + 1);
  });

  it('pairs translations by shared file name into one id, with slugs of their own', () => {
    const plan = planImport([
      post('_posts/2014-01-23-centre.md', '---\ntitle: Centre opens\nlang: en\n---\nText\n'),
      post('ru/_posts/2014-01-23-centre.md', '---\ntitle: Открылся центр\n---\nТекст\n'),
    ], jekyll);
    expect(plan.releases.map((r) => [r.target, r.id, r.slug])).toEqual([
      ['en/2014-01-23-centre.md', '2014-01-23-centre', 'centre'],
      ['ru/2014-01-23-centre.md', '2014-01-23-centre', 'centre'],
    ]);
  });

  it('pairs by ref or translationKey, and keeps two posts of one language apart', () => {
    const plan = planImport([
      post('_posts/2014-01-23-a.md', '---\ntitle: A\nlang: en\nref: k\n---\nText\n'),
      post('_posts/2014-01-23-b.md', '---\ntitle: Б\nlang: ru\nref: k\n---\nТекст\n'),
      post('_posts/2014-01-23-c.md', '---\ntitle: C\nlang: en\nref: k\n---\nText\n'),
    ], jekyll);
    expect(plan.releases.map((r) => [r.lang, r.id])).toEqual([['en', 'k'], ['ru', 'k'], ['en', 'k-2']]);
    expect(plan.notes).toEqual([expect.objectContaining({ source: '_posts/2014-01-23-c.md', message: 'another post already has the id "k"; this one is "k-2"' })]);
    // A long file name without a date leaves room for the date in front: the id is not replaced by "release".
    const name = 'visanews'.repeat(25);
    const long = planImport([post(`content/posts/${name}.md`, '---\ntitle: Long\nlang: en\ndate: 2020-01-01\n---\nText\n', { path: `content/posts/${name}.md` })], { ...jekyll, site: 'hugo', contentRoot: 'content' });
    expect(long.releases[0]!.id).toMatch(/^2020-01-01-visanewsvisanews/);
    expect(long.releases[0]!.id.length).toBeLessThanOrEqual(120);
    expect(long.notes.filter((n) => /id/.test(n.message))).toEqual([]);
  });

  it('reads a Jekyll redirect_from without a leading "/" from the site\'s root, as jekyll-redirect-from does', () => {
    const settings = readSiteSettings('baseurl: /press\npermalink: /news/:year/:title/\n', '_config.yml', 'jekyll').settings;
    const plan = planImport([
      post('_posts/2014-01-23-centre.md', '---\ntitle: Centre\nlang: en\nredirect_from: [old-centre.html, archive/centre/]\n---\nText\n'),
      post('_drafts/quota.md', '---\ntitle: Quota\nlang: en\ndate: 2014-01-24\nredirect_from: old-quota.html\n---\nText\n', { draft: true }),
    ], { ...jekyll, siteSettings: settings });
    expect(plan.releases.map((r) => parseReleaseFile(r.text, 'r.md').data)).toMatchObject([
      { aliases: ['/old-quota.html'] },
      { aliases: ['/news/2014/centre/', '/old-centre.html', '/archive/centre/'] },
    ]);
    expect(plan.notes).toEqual([]);
  });

  it('makes slugs unique in a language and keeps the old addresses as path aliases', () => {
    const plan = planImport([
      post('_posts/2014-01-23-same.md', '---\ntitle: A\nlang: en\n---\nText\n'),
      post('_posts/2015-01-23-same.md', '---\ntitle: B\nlang: en\npermalink: /news/Same-Old.html\nredirect_from: [/older-name/]\n---\nText\n'),
      post('_posts/2016-01-23-same.md', '---\ntitle: C\nlang: en\n---\nText\n'),
      post('_posts/2016-01-24-con.md', '---\ntitle: Con\nlang: en\n---\nText\n'),
    ], jekyll);
    expect(plan.releases.map((r) => r.slug)).toEqual(['same', 'same-old', 'same-2', 'con-en-2016']);
    // In lower case whatever the language tag's, as a slug must be.
    const british = planImport([post('_posts/2016-01-24-con.md', '---\ntitle: Con\nlang: en-GB\n---\nText\n')], { ...jekyll, languages: ['en-GB'] });
    expect(british.releases.map((r) => r.slug)).toEqual(['con-en-gb-2016']);
    // Nor a name the site's own files take in each language: `validate` would refuse the release (slug/reserved).
    const site = planImport([
      post('_posts/2020-01-06-index.md', '---\ntitle: Index of services\nlang: en\nslug: index\n---\nText\n'),
      post('_posts/2020-01-08-feed.md', '---\ntitle: Feed\nlang: en\n---\nText\n'),
    ], jekyll);
    expect(site.releases.map((r) => r.slug)).toEqual(['index-2020', 'feed-2020']);
    expect(site.notes.map((n) => n.message)).toContain('the slug "feed" is the name of the site\'s own files in each language (the listing, the feed); this release is "feed-2020"');
    for (const r of site.releases) expect(parseReleaseFile(r.text, 'r.md').data).toMatchObject({ slug: r.slug });
    const hugo = planImport([post('content/posts/nul.md', '---\ntitle: Nul\nlang: en\ndate: 2020-01-01\ntranslationKey: con\n---\nText\n', { path: 'content/posts/nul.md' })], { ...jekyll, site: 'hugo', contentRoot: 'content' });
    expect(hugo.releases.map((r) => [r.target, r.slug])).toEqual([['en/con-release.md', 'nul-en-2020']]);
    expect(parseReleaseFile(plan.releases[1]!.text, 'b.md').data).toMatchObject({ slug: 'same-old', aliases: ['/news/Same-Old.html', '/older-name/'] });
    expect(parseReleaseFile(plan.releases[0]!.text, 'a.md').data).toMatchObject({ aliases: ['/2014/01/23/same.html'] });
    expect(plan.releases[1]!.oldUrl).toBe('/news/Same-Old.html');
    // The address is kept as a redirect, so the comment need not repeat it.
    expect(plan.releases[1]!.text).not.toContain('Old address');
    for (const r of plan.releases) expect(r.slug).toMatch(SLUG_PATTERN);
  });

  it('keeps no old address that is a release\'s page, another post\'s old address, or a file where a folder is needed', () => {
    const plan = planImport([
      post('_posts/2014-01-23-a.md', '---\ntitle: A\nlang: en\nslug: new-a\npermalink: /old/shared.html\n---\nText\n'),
      post('_posts/2014-01-24-b.md', '---\ntitle: B\nlang: en\nslug: new-b\npermalink: /OLD/Shared.html\nredirect_from: [/en/new-a.html]\n---\nText\n'),
      post('_posts/2014-01-25-c.md', '---\ntitle: C\nlang: en\nslug: new-c\npermalink: /en/new-c.html\n---\nText\n'),
      post('_posts/2014-01-26-d.md', '---\ntitle: D\nlang: en\nslug: new-d\npermalink: /old/shared.html/\n---\nText\n'),
    ], jekyll);
    const aliases = plan.releases.map((r) => (parseReleaseFile(r.text, 'r.md').data as { aliases?: string[] }).aliases ?? []);
    expect(aliases).toEqual([['/old/shared.html'], [], [], []]);
    expect(plan.notes.map((n) => `${n.source}: ${n.message}`)).toEqual([
      '_posts/2014-01-24-b.md: the old address /OLD/Shared.html is an old address of _posts/2014-01-23-a.md too; it is not kept as an alias',
      '_posts/2014-01-24-b.md: the old address /en/new-a.html is the address of _posts/2014-01-23-a.md\'s new page; it is not kept as an alias',
      '_posts/2014-01-26-d.md: the old address /old/shared.html/ is a file where another redirect needs a folder, or the reverse; it is not kept as an alias',
    ]);
    // An address that did not change needs no redirect, and no note; one that cannot be kept is named in the release.
    expect(plan.releases[2]!.text).not.toContain('Old address');
    expect(plan.releases[1]!.text).toContain('# Old address, not redirected: /OLD/Shared.html\n# Old address, not redirected: /en/new-a.html\n');
  });

  it('makes old addresses relative to where the new site is served, and refuses those a build would refuse', () => {
    const posts = [
      post('_posts/2014-01-23-a.md', '---\ntitle: A\nlang: en\n---\nText\n'),
      post('_posts/2014-01-24-b.md', '---\ntitle: B\nlang: en\npermalink: "/../../etc/passwd.html"\nredirect_from: ["/x.php", "https://old.example/y/", "/ok%20here/", "/en/index.html"]\n---\nText\n'),
    ];
    const base = { ...EMPTY_SITE_SETTINGS, baseUrl: '/press' };
    const aliasesOf = (settings: ImportSettings) => planImport(posts, settings).releases.map((r) => (parseReleaseFile(r.text, 'r.md').data as { aliases?: string[] }).aliases ?? []);
    // Without site.url, the new site takes the old one's place: the old base is left out.
    expect(aliasesOf({ ...jekyll, siteSettings: base })).toEqual([['/2014/01/23/a.html'], ['/ok here/']]);
    // At the root of the domain, the old base stays part of the address.
    expect(aliasesOf({ ...jekyll, siteSettings: base, siteBase: '' })[0]).toEqual(['/press/2014/01/23/a.html']);
    expect(aliasesOf({ ...jekyll, siteSettings: base, siteBase: '/press' })[0]).toEqual(['/2014/01/23/a.html']);
    const elsewhere = planImport(posts, { ...jekyll, siteSettings: base, siteBase: '/news' });
    expect(elsewhere.notes[0]!.message).toBe('the old address /press/2014/01/23/a.html cannot be kept as a redirect: it is outside /news/, where the new site is served (`site.url`)');
    const hostile = planImport(posts, { ...jekyll, siteSettings: base }).notes.filter((n) => n.source === '_posts/2014-01-24-b.md').map((n) => `${n.sourceLine} ${n.message}`);
    expect(hostile).toEqual([
      '4 the old address /press/../../etc/passwd.html cannot be kept as a redirect: it has a ".." segment',
      '5 the old address /x.php cannot be kept as a redirect: it ends in ".php", which a server would not send as a web page',
      '5 the old address https://old.example/y/ cannot be kept as a redirect: it is a full URL; write the path on this site alone',
      '5 the old address /en/index.html cannot be kept as a redirect: its page would be the en listing page',
    ]);
    const hugo = planImport([post('content/posts/a.md', '---\ntitle: A\nlang: en\ndate: 2020-01-01\nurl: news/a/\n---\nText\n', { path: 'content/posts/a.md' }), post('content/posts/b.md', '---\ntitle: B\nlang: en\ndate: 2020-01-01\nurl: https://old.example/b/\n---\nText\n', { path: 'content/posts/b.md' })], { ...jekyll, site: 'hugo', contentRoot: 'content', siteSettings: { ...EMPTY_SITE_SETTINGS, baseUrl: '/press' } });
    expect(hugo.releases.map((r) => (parseReleaseFile(r.text, 'r.md').data as { aliases?: string[] }).aliases ?? [])).toEqual([['/news/a/'], []]);
    expect(hugo.notes.map((n) => `${n.sourceLine} ${n.message}`)).toEqual(['5 the old address https://old.example/b/ cannot be kept as a redirect: it is a full URL; write the path on this site alone']);
  });

  it('takes the language from the path, the front matter, then --lang, and says why it cannot', () => {
    const posts = [
      post('ru/_posts/2014-01-23-a.md', '---\ntitle: A\nlang: en\n---\nText\n'),
      post('_posts/2014-01-23-b.md', '---\ntitle: B\nlang: az_AZ\n---\nText\n'),
      post('_posts/2014-01-23-c.md', '---\ntitle: C\n---\nText\n'),
      post('_posts/2014-01-23-d.md', '---\ntitle: D\nlang: fr\n---\nText\n'),
    ];
    const withDefault = planImport(posts, { ...jekyll, lang: 'en' });
    expect(withDefault.releases.map((r) => r.target)).toEqual(['az/2014-01-23-b.md', 'en/2014-01-23-c.md', 'ru/2014-01-23-a.md']);
    expect(withDefault.skipped).toEqual([{ file: '_posts/2014-01-23-d.md', line: 3, reason: 'its language "fr" is not one of the project\'s languages (az, en, ru)' }]);
    const withoutPath = planImport(posts.slice(0, 1).map((p) => ({ ...p, text: '---\ntitle: A\n---\nText\n' })), { ...jekyll, langFromPath: false });
    expect(withoutPath.skipped[0]?.reason).toBe('its language is not known; its folder names one, so --lang-from-path would find it');
  });

  it('reports notes at the line of the release and of the post', () => {
    const plan = planImport([post('_posts/2014-01-23-a.md', '---\ntitle: A\nlang: en\n---\n\n\nFirst\n\n{% include x.html %}\n')], jekyll);
    const release = plan.releases[0]!;
    const note = plan.notes[0]!;
    expect(note).toMatchObject({ file: 'en/2014-01-23-a.md', source: '_posts/2014-01-23-a.md', sourceLine: 9 });
    expect(release.text.split('\n')[note.line - 1]).toBe('{% include x.html %}');
  });

  it('skips posts without a date or body, naming the line', () => {
    const plan = planImport([
      post('_drafts/a.md', '---\ntitle: A\nlang: en\n---\nText\n'),
      post('_posts/2014-01-23-b.md', '---\ntitle: B\nlang: en\n---\n\n'),
      post('_posts/2014-01-23-c.md', '---\ntitle: C\nlang: en\ndate: soon\n---\nText\n'),
    ], jekyll);
    expect(plan.skipped).toEqual([
      { file: '_drafts/a.md', line: 1, reason: 'it has no date, in the front matter or the file name: add `date:` to the draft' },
      { file: '_posts/2014-01-23-b.md', line: 5, reason: 'it has no body text' },
      { file: '_posts/2014-01-23-c.md', line: 4, reason: expect.stringContaining('"soon" is not a date') },
    ]);
  });

  it('dates a Jekyll draft without a date by the day its file was last changed, as Jekyll does, and says so', () => {
    const modified = Date.parse('2026-03-16T22:30:00Z');
    const plan = planImport([{ ...post('_drafts/upcoming.md', '---\ntitle: Upcoming\nlang: en\n---\nText\n'), modified }], jekyll);
    expect(plan.skipped).toEqual([]);
    // The day in the site's time zone (Asia/Baku, UTC+4): already the 17th there.
    expect(plan.releases[0]!.text).toMatch(/^date: 2026-03-17$/m);
    expect(plan.releases[0]!.text).toMatch(/^status: draft$/m);
    expect(plan.notes.map((n) => n.message)).toContain('a draft without a date: dated 2026-03-17, the day its file was last changed, as Jekyll does; set the release\'s date');
  });

  it('keeps back a Hugo page whose expiryDate has passed, as Hugo does, and notes one still to come', () => {
    const now = Date.parse('2024-03-01T12:00:00Z');
    const hugo: ImportSettings = { ...jekyll, site: 'hugo', contentRoot: 'content', now };
    const page = (name: string, expiry: string) => post(`content/posts/${name}.md`, `---\ntitle: ${name}\nlang: en\ndate: 2020-01-01\n${expiry}\n---\nText\n`, { path: `content/posts/${name}.md` });
    const plan = planImport([
      page('a-past', 'expiryDate: 2024-03-01T15:00:00+04:00'),
      page('b-today', 'expirydate: 2024-03-01'),
      page('c-future', 'expiryDate: 2024-03-01T17:00:00+04:00'),
      page('d-bad', 'expiryDate: soon'),
    ], hugo);
    expect(plan.releases.map((r) => [r.source, r.status])).toEqual([
      ['content/posts/a-past.md', 'draft'], ['content/posts/b-today.md', 'draft'], ['content/posts/c-future.md', 'published'], ['content/posts/d-bad.md', 'draft'],
    ]);
    expect(plan.notes.map((n) => `${n.source}:${n.sourceLine} ${n.message}`)).toEqual([
      'content/posts/a-past.md:5 expired on 2024-03-01T15:00:00+04:00 (`expiryDate`), so Hugo no longer published it; imported as a draft',
      'content/posts/b-today.md:5 expired on 2024-03-01 (`expirydate`), so Hugo no longer published it; imported as a draft',
      'content/posts/c-future.md:5 Hugo stops publishing it on 2024-03-01T17:00:00+04:00 (`expiryDate`); a release does not expire: withdraw it then',
      expect.stringMatching(/^content\/posts\/d-bad\.md:5 `expiryDate` cannot be read \(.*\); the release is imported as a draft/),
    ]);
    expect(plan.dropped).toEqual({});
  });

  it('reads a Hugo page\'s date, publishDate and expiryDate from the sources its site\'s [frontmatter] names, first found winning, and keeps back one dated by what cannot be known here', () => {
    const now = Date.parse('2026-03-01T12:00:00Z');
    const page = (name: string, front: string) => post(`content/posts/${name}.md`, `---\ntitle: T\nlang: en\n${front}---\nText\n`, { path: `content/posts/${name}.md` });
    const pages = [
      page('a-go-live', 'date: 2026-01-05\ngo_live: 2030-01-01\n'),
      page('b-plain', 'date: 2026-01-05\n'),
      page('c-unpublished', 'date: 2026-01-05\nUnpublish_On: 2026-02-01\n'),
      page('d-own-date', 'date: 2026-01-05\nshown: 2020-05-05\n'),
      page('2026-01-07-e-named', ''),
    ];
    const plan = (config: string) => {
      const result = planImport(pages, { ...jekyll, site: 'hugo', contentRoot: 'content', now, siteSettings: readSiteSettings(config, 'hugo.toml', 'hugo').settings });
      return {
        releases: result.releases.map((r) => [r.source.slice(r.source.lastIndexOf('/') + 1), r.status, (parseReleaseFile(r.text, r.target).data as { date?: string }).date]),
        skipped: result.skipped,
        notes: result.notes.map((n) => `${n.source.slice(n.source.lastIndexOf('/') + 1)} ${n.message}`),
        dropped: result.dropped,
      };
    };
    const configured = plan('[frontmatter]\ndate = ["shown", ":default", ":filename"]\npublishDate = ["go_live", ":default"]\nexpiryDate = ["unpublish_on", ":default"]\n');
    expect(configured.skipped).toEqual([]);
    expect(configured.releases).toEqual([
      ['2026-01-07-e-named.md', 'published', '2026-01-07'],
      ['a-go-live.md', 'approved', '2026-01-05'],
      ['b-plain.md', 'published', '2026-01-05'],
      ['c-unpublished.md', 'draft', '2026-01-05'],
      ['d-own-date.md', 'published', '2020-05-05'],
    ]);
    expect(configured.notes).toEqual(['c-unpublished.md expired on 2026-02-01 (`Unpublish_On`), so Hugo no longer published it; imported as a draft']);
    // The keys the configuration names are read, not dropped.
    expect(configured.dropped).toEqual({});
    // Left to Hugo's own lists, those keys are nobody's dates.
    expect(plan('').releases.slice(1, 4).map(([name, status]) => [name, status])).toEqual([['a-go-live.md', 'published'], ['b-plain.md', 'published'], ['c-unpublished.md', 'published']]);
    // When a page was published, or stopped being, on the machine that built the site cannot be known here: kept back, said why.
    const machine = plan('enableGitInfo = true\n[frontmatter]\npublishDate = [":fileModTime", ":default"]\nexpiryDate = [":git"]\n');
    expect(machine.releases.map(([, status]) => status)).toEqual(['draft', 'draft', 'draft', 'draft', 'draft']);
    expect(machine.notes.slice(0, 2)).toEqual([
      '2026-01-07-e-named.md Hugo published it from the time its file was last changed on the machine that built the site (`:fileModTime` in its `[frontmatter] publishDate`), which is not known here; imported as a draft',
      '2026-01-07-e-named.md Hugo stopped publishing it at the date of its file\'s last Git commit on the machine that built the site (`:git` in its `[frontmatter] expiryDate`), which is not known here, so whether it had expired is not known; imported as a draft',
    ]);
    // `:git` means nothing without `enableGitInfo`, as to Hugo.
    expect(plan('[frontmatter]\nexpiryDate = [":git", ":default"]\n').releases.map(([, status]) => status)).toEqual(['published', 'published', 'published', 'published', 'published']);
  });

  it('publishes the drafts, future and expired pages of a Hugo site built with buildDrafts, buildFuture or buildExpired, which were public there', () => {
    const now = Date.parse('2026-03-01T12:00:00Z');
    const page = (path: string, front: string) => post(path, `---\ntitle: T\nlang: en\n${front}---\nText\n`, { path });
    const pages = [
      page('content/posts/a-draft.md', 'date: 2026-01-05\ndraft: true\n'),
      page('content/posts/b-future.md', 'date: 2026-12-01\n'),
      page('content/posts/c-scheduled.md', 'date: 2026-01-05\npublishDate: 2026-12-01T09:00:00+04:00\n'),
      page('content/posts/d-expired.md', 'date: 2026-01-05\nexpiryDate: 2026-02-01\n'),
      page('content/posts/e-odd-flag.md', 'date: 2026-01-05\ndraft: maybe\n'),
      page('content/posts/f-unpublished.md', 'date: 2026-01-05\nPublished: false\n'),
      page('content/quiet/g-under-draft-section.md', 'date: 2026-01-05\n'),
    ];
    const sections = [{ path: 'content/quiet/_index.md', text: '---\ntitle: Quiet\ndraft: true\n---\n', folders: ['content', 'quiet'] }];
    const statuses = (config: string) => {
      const siteSettings = readSiteSettings(config, 'hugo.toml', 'hugo').settings;
      const plan = planImport(pages, { ...jekyll, site: 'hugo', contentRoot: 'content', now, siteSettings, sections });
      return { statuses: plan.releases.map((r) => [r.source.slice(r.source.lastIndexOf('/') + 1), r.status]), notes: plan.notes.map((n) => `${n.source}:${n.sourceLine} ${n.message}`) };
    };
    // Left to its defaults, Hugo built none of them: nothing is published before its time.
    expect(statuses('').statuses).toEqual([
      ['a-draft.md', 'draft'], ['b-future.md', 'approved'], ['c-scheduled.md', 'approved'], ['d-expired.md', 'draft'], ['e-odd-flag.md', 'draft'], ['f-unpublished.md', 'draft'], ['g-under-draft-section.md', 'draft'],
    ]);
    const built = statuses('buildDrafts = true\nbuildFuture = true\nbuildexpired = true\n');
    expect(built.statuses).toEqual([
      ['a-draft.md', 'published'], ['b-future.md', 'published'], ['c-scheduled.md', 'published'], ['d-expired.md', 'published'], ['e-odd-flag.md', 'draft'], ['f-unpublished.md', 'published'], ['g-under-draft-section.md', 'published'],
    ]);
    expect(built.notes).toEqual([
      'content/posts/a-draft.md:5 a draft, which Hugo built all the same (`buildDrafts`), so it was public on the old site; not imported as a draft',
      'content/posts/d-expired.md:5 expired on 2026-02-01 (`expiryDate`), but the site built expired pages too (`buildExpired`), so Hugo still published it; not imported as a draft',
      'content/posts/e-odd-flag.md:5 `draft` is neither true nor false; the release is imported as a draft',
      'content/posts/f-unpublished.md:5 a draft, which Hugo built all the same (`buildDrafts`), so it was public on the old site; not imported as a draft',
    ]);
    // Each setting answers for its own kind of page alone.
    expect(statuses('buildFuture = true\n').statuses.slice(0, 4)).toEqual([['a-draft.md', 'draft'], ['b-future.md', 'published'], ['c-scheduled.md', 'published'], ['d-expired.md', 'draft']]);
    expect(statuses('buildExpired = true\n').statuses.slice(0, 4)).toEqual([['a-draft.md', 'draft'], ['b-future.md', 'approved'], ['c-scheduled.md', 'approved'], ['d-expired.md', 'published']]);
    // Jekyll's `future: true` published posts dated after the build as well.
    const future = readSiteSettings('future: true\n', '_config.yml', 'jekyll').settings;
    expect(planImport([page('_posts/2026-12-01-later.md', '')], { ...jekyll, now, siteSettings: future }).releases[0]!.status).toBe('published');
    expect(planImport([page('_posts/2026-12-01-later.md', '')], { ...jekyll, now }).releases[0]!.status).toBe('approved');
  });

  it('keeps back a Jekyll post that the old site replaced by a redirect (redirect_to), and says where it sent readers', () => {
    const plan = planImport([
      post('_posts/2020-01-08-moved.md', '---\ntitle: Moved\nlang: en\nredirect_to: https://gov.example.az/news/1\n---\nThis page has moved.\n'),
      post('_posts/2020-01-09-kept.md', '---\ntitle: Kept\nlang: en\nredirect_from: [/old/]\n---\nText\n'),
    ], jekyll);
    expect(plan.releases.map((r) => [r.source, r.status])).toEqual([['_posts/2020-01-08-moved.md', 'draft'], ['_posts/2020-01-09-kept.md', 'published']]);
    expect(plan.notes.map((n) => `${n.source}:${n.sourceLine} ${n.message}`)).toEqual([
      '_posts/2020-01-08-moved.md:4 the old site sent readers of this post to https://gov.example.az/news/1 (`redirect_to`) instead of showing it; imported as a draft',
    ]);
    expect(plan.dropped).toEqual({});
  });

  it('keeps back a file in _posts whose name does not start with a date, which Jekyll never read as a post', () => {
    const plan = planImport([
      post('_posts/about.md', '---\ntitle: About\nlang: en\ndate: 2020-01-08\n---\nText\n'),
      post('_posts/2020-1-9-kept.ru.md', '---\ntitle: Kept\n---\nText\n'),
      post('_drafts/idea.md', '---\ntitle: Idea\nlang: en\ndate: 2020-01-10\n---\nText\n'),
    ], jekyll);
    expect(plan.releases.map((r) => [r.source, r.status])).toEqual([['_drafts/idea.md', 'draft'], ['_posts/2020-1-9-kept.ru.md', 'published'], ['_posts/about.md', 'draft']]);
    expect(plan.notes.map((n) => `${n.source}:${n.sourceLine} ${n.message}`)).toEqual([
      '_posts/about.md:1 Jekyll reads a file in _posts as a post only when its name starts with its date (2014-01-23-title.md), so it never published this one; imported as a draft',
    ]);
  });

  it('dates a Hugo page by its file name and makes its address from the rest of it when the site\'s [frontmatter] date reads :filename', () => {
    const page = (name: string, front: string) => post(`content/posts/${name}.md`, `---\ntitle: ${name}\nlang: en\n${front}---\nText\n`, { path: `content/posts/${name}.md` });
    const posts = [page('2020-01-05-visa', 'date: 2021-03-03\n'), page('2020-01-06-quota', 'slug: kvota\n'), page('centre', 'date: 2020-01-07\n')];
    const plan = (config: string) => planImport(posts, { ...jekyll, site: 'hugo', contentRoot: 'content', siteSettings: readSiteSettings(config, 'hugo.toml', 'hugo').settings });
    const first = plan('[frontmatter]\ndate = [":filename", ":default"]\n[permalinks]\nposts = "/:year/:month/:day/:slug/"\n');
    expect(first.releases.map((r) => [r.source, r.oldUrl])).toEqual([
      ['content/posts/2020-01-05-visa.md', '/2020/01/05/visa/'], ['content/posts/2020-01-06-quota.md', '/2020/01/06/kvota/'], ['content/posts/centre.md', '/2020/01/07/centre/'],
    ]);
    const fallback = plan('[frontmatter]\ndate = ["date", ":filename"]\n');
    expect(fallback.releases.map((r) => r.oldUrl)).toEqual(['/posts/visa/', '/posts/kvota/', '/posts/centre/']);
    const none = plan('');
    expect(none.releases.map((r) => r.oldUrl)).toEqual(['/posts/2020-01-05-visa/', '/posts/kvota/', '/posts/centre/']);
  });

  it('keeps back a Hugo page that Hugo made no page of, by its build options or as a headless bundle', () => {
    const hugo: ImportSettings = { ...jekyll, site: 'hugo', contentRoot: 'content' };
    const page = (name: string, front: string) => post(`content/posts/${name}.md`, `---\ntitle: ${name}\nlang: en\ndate: 2026-01-05\n${front}---\nText\n`, { path: `content/posts/${name}.md` });
    const plan = planImport([
      page('a-never', 'build:\n  render: never\n  list: never\n'),
      page('b-link', '_build: {render: link}\n'),
      page('c-false', 'Build: {render: false}\n'),
      page('d-headless', 'headless: true\n'),
      page('e-listed-only', 'build: {list: never}\n'),
      page('f-shown', 'headless: false\nbuild: {render: always}\n'),
    ], hugo);
    expect(plan.releases.map((r) => [r.source, r.status])).toEqual([
      ['content/posts/a-never.md', 'draft'], ['content/posts/b-link.md', 'draft'], ['content/posts/c-false.md', 'draft'], ['content/posts/d-headless.md', 'draft'],
      ['content/posts/e-listed-only.md', 'published'], ['content/posts/f-shown.md', 'published'],
    ]);
    expect(plan.notes.map((n) => `${n.source}:${n.sourceLine} ${n.message}`)).toEqual([
      'content/posts/a-never.md:5 Hugo made no page of it (`build.render: never`), so it was never published at an address of its own; imported as a draft',
      'content/posts/b-link.md:5 Hugo made no page of it (`_build.render: link`), so it was never published at an address of its own; imported as a draft',
      'content/posts/c-false.md:5 Hugo made no page of it (`Build.render: false`), so it was never published at an address of its own; imported as a draft',
      'content/posts/d-headless.md:5 Hugo made no page of it (`headless: true`), so it was never published at an address of its own; imported as a draft',
    ]);
    // Options that leave the page out of lists only, or publish it, are dropped like any other key.
    expect(plan.dropped).toEqual({ build: 2, headless: 1 });
  });

  it('holds a post dated after the clock until its date, which the old site had not published yet', () => {
    const now = Date.parse('2026-03-01T12:00:00Z');
    const hugo: ImportSettings = { ...jekyll, site: 'hugo', contentRoot: 'content', now };
    const page = (name: string, date: string) => post(`content/posts/${name}.md`, `---\ntitle: ${name}\nlang: en\ndate: ${date}\n---\nText\n`, { path: `content/posts/${name}.md` });
    const plan = planImport([page('a-past', '2026-02-28'), page('b-later-today', '2026-03-01T18:00:00+04:00'), page('c-next-year', '2027-01-15')], hugo);
    expect(plan.releases.map((r) => [r.source, r.status])).toEqual([
      ['content/posts/a-past.md', 'published'], ['content/posts/b-later-today.md', 'approved'], ['content/posts/c-next-year.md', 'approved'],
    ]);
    // Held until the date it was given: a calendar date from its midnight where Hugo read it (UTC), written in the project's time zone.
    expect(plan.releases[1]!.text).toMatch(/^status: approved\nembargo: 2026-03-01T18:00:00\+04:00$/m);
    expect(plan.releases[2]!.text).toMatch(/^status: approved\nembargo: 2027-01-15T04:00:00\+04:00$/m);
    expect(plan.releases[0]!.text).not.toMatch(/embargo/);
    // Hugo publishes a page from its publishDate, whatever date it shows: one still to come holds the release until then.
    const scheduled = (name: string, publishDate: string) => post(`content/posts/${name}.md`, `---\ntitle: ${name}\nlang: en\ndate: 2026-01-05\npublishDate: ${publishDate}\n---\nText\n`, { path: `content/posts/${name}.md` });
    const byPublishDate = planImport([scheduled('d-due', '2026-02-01'), scheduled('e-scheduled', '2026-12-01T09:00:00+04:00'), scheduled('f-unreadable', 'next week')], hugo);
    expect(byPublishDate.releases.map((r) => [r.source, r.status])).toEqual([
      ['content/posts/d-due.md', 'published'], ['content/posts/e-scheduled.md', 'approved'], ['content/posts/f-unreadable.md', 'draft'],
    ]);
    expect(byPublishDate.releases[1]!.text).toMatch(/^date: 2026-01-05\nlang: en\nstatus: approved\nembargo: 2026-12-01T09:00:00\+04:00$/m);
    expect(byPublishDate.notes.map((n) => `${n.source}:${n.sourceLine} ${n.message}`)).toEqual([
      'content/posts/f-unreadable.md:5 `publishDate` cannot be read ("next week" is not a date this importer understands (expected a form such as 2020-01-08, 2020-01-08 18:00:00 -0500 or 2020-01-08T18:00:00+04:00)); the release is imported as a draft: publish it when it is due',
    ]);
    expect(byPublishDate.dropped).toEqual({});
    // Hugo reads `published` as a third name of `publishDate`; a page that says `published: false` is left out, as before.
    const published = (name: string, front: string) => post(`content/posts/${name}.md`, `---\ntitle: ${name}\nlang: en\n${front}---\nText\n`, { path: `content/posts/${name}.md` });
    const byPublished = planImport([
      published('g-scheduled', 'date: 2026-01-05\npublished: 2026-12-01T09:00:00+04:00\n'),
      published('h-only', 'published: 2026-02-01\n'),
      published('i-flag', 'date: 2026-02-01\npublished: false\n'),
    ], hugo);
    expect(byPublished.releases.map((r) => [r.source, r.status])).toEqual([
      ['content/posts/g-scheduled.md', 'approved'], ['content/posts/h-only.md', 'published'], ['content/posts/i-flag.md', 'draft'],
    ]);
    expect(byPublished.releases[0]!.text).toMatch(/^date: 2026-01-05\nlang: en\nstatus: approved\nembargo: 2026-12-01T09:00:00\+04:00$/m);
    expect(byPublished.releases[1]!.text).toMatch(/^date: 2026-02-01$/m);
    expect(byPublished.notes).toEqual([]);
    expect(byPublished.dropped).toEqual({});
    // Without a clock (a caller that gives none), a post is published as before.
    const { now: _clock, ...unclocked } = hugo;
    expect(planImport([page('c-next-year', '2027-01-15')], unclocked).releases[0]!.status).toBe('published');
  });

  it('reads a date without an offset in the time zone the old site read it in, so that no post comes out before the old site showed it', () => {
    const now = Date.parse('2026-03-01T12:00:00Z');
    const page = (path: string, front: string) => post(path, `---\ntitle: T\nlang: en\n${front}---\nText\n`, { path });
    const released = (plan: ReturnType<typeof planImport>) => plan.releases.map((r) => {
      const data = parseReleaseFile(r.text, 'r.md').data as Record<string, string>;
      return [r.source, data.date, data.status, data.embargo];
    });
    // Hugo reads such a date in UTC unless its timeZone says otherwise; its expiryDate too.
    const hugo: ImportSettings = { ...jekyll, site: 'hugo', contentRoot: 'content', now };
    const hugoPages = [page('content/posts/a.md', 'date: 2026-03-01T14:00:00\n'), page('content/posts/b.md', 'date: 2026-02-01\nexpiryDate: 2026-03-01T14:00:00\n')];
    expect(released(planImport(hugoPages, hugo))).toEqual([
      ['content/posts/a.md', '2026-03-01T18:00:00+04:00', 'approved', '2026-03-01T18:00:00+04:00'],
      ['content/posts/b.md', '2026-02-01', 'published', undefined],
    ]);
    const berlin = readSiteSettings('timeZone = "Europe/Berlin"\n', 'hugo.toml', 'hugo').settings;
    expect(released(planImport(hugoPages.slice(0, 1), { ...hugo, siteSettings: berlin }))).toEqual([['content/posts/a.md', '2026-03-01T17:00:00+04:00', 'approved', '2026-03-01T17:00:00+04:00']]);
    // Jekyll in its `timezone`; without one, in the project's, as the machine's that built the site cannot be known.
    const posts = [page('_posts/2026-03-01-a.md', 'date: 2026-03-01 09:00:00\n'), page('_posts/2026-03-02-b.md', '')];
    const newYork = readSiteSettings('timezone: America/New_York\n', '_config.yml', 'jekyll').settings;
    expect(released(planImport(posts, { ...jekyll, now, siteSettings: newYork }))).toEqual([
      ['_posts/2026-03-01-a.md', '2026-03-01T18:00:00+04:00', 'approved', '2026-03-01T18:00:00+04:00'],
      ['_posts/2026-03-02-b.md', '2026-03-02', 'approved', '2026-03-02T09:00:00+04:00'],
    ]);
    expect(released(planImport(posts, { ...jekyll, now }))).toEqual([
      ['_posts/2026-03-01-a.md', '2026-03-01T09:00:00+04:00', 'published', undefined],
      ['_posts/2026-03-02-b.md', '2026-03-02', 'approved', '2026-03-02T00:00:00+04:00'],
    ]);
    // A zone Ruby does not know is UTC to it, as Jekyll then read the dates; Hugo refuses the site, and reads UTC by default.
    expect(readSiteSettings('timezone: Mars/Olympus\n', '_config.yml', 'jekyll').settings).toMatchObject({ timeZone: 'UTC', unknownTimeZone: 'Mars/Olympus' });
    expect(readSiteSettings('timeZone = "Mars/Olympus"\n', 'hugo.toml', 'hugo').settings).toMatchObject({ unknownTimeZone: 'Mars/Olympus' });
    expect(readSiteSettings('timeZone = "Mars/Olympus"\n', 'hugo.toml', 'hugo').settings.timeZone).toBeUndefined();
  });

  it('notes a post\'s lead image, which a release cannot take without its description', () => {
    const plan = planImport([
      post('_posts/2026-03-10-centre.md', '---\ntitle: Centre\nlang: en\nlayout: post\nimage: /assets/centre.jpg\n---\nText\n'),
      post('_posts/2026-03-11-quota.md', '---\ntitle: Quota\nlang: en\nImages: [/img/a.jpg]\n---\nText\n'),
    ], jekyll);
    expect(plan.notes.map((n) => `${n.source}:${n.sourceLine} ${n.message}`)).toEqual([
      '_posts/2026-03-10-centre.md:5 the post\'s lead image (`image`) is not kept: a release\'s image needs a description of what it shows, which the post has not; add `image:` with `src` and `alt`',
      '_posts/2026-03-11-quota.md:4 the post\'s lead image (`Images`) is not kept: a release\'s image needs a description of what it shows, which the post has not; add `image:` with `src` and `alt`',
    ]);
    expect(plan.dropped).toEqual({ layout: 1, image: 1, Images: 1 });
  });

  it('gives the last segment of an old address', () => {
    expect(urlTail('/news/2020/Some-Post.html')).toBe('Some-Post');
    expect(urlTail('/posts/some-post/')).toBe('some-post');
    expect(urlTail('/%D0%BD%D0%BE%D0%B2%D0%BE%D1%81%D1%82%D1%8C/')).toBe('новость');
    expect(urlTail('/:year/:title/')).toBeUndefined();
  });
});

describe("the old site's configuration and addresses", () => {
  it('reads Jekyll and Hugo settings, and says when it cannot', () => {
    expect(readSiteSettings('baseurl: /press/\npermalink: pretty\nlang: ru_RU\n', '_config.yml', 'jekyll')).toEqual({
      settings: { baseUrl: '/press', permalink: 'pretty', defaultLanguage: 'ru_RU', permalinks: {}, multilingual: false },
    });
    expect(readSiteSettings('defaultContentLanguage = "az"\n[languages.az]\n[languages.en]\n[permalinks.page]\nposts = "/:year/:slug/"\n', 'hugo.toml', 'hugo').settings)
      .toEqual({ baseUrl: '', defaultLanguage: 'az', multilingual: true, languages: ['az', 'en'], permalinks: { posts: '/:year/:slug/' } });
    expect(readSiteSettings('permalinks:\n  news: /n/:filename/\n', 'config.yaml', 'hugo').settings.permalinks).toEqual({ news: '/n/:filename/' });
    expect(readSiteSettings('a = [', 'hugo.toml', 'hugo')).toMatchObject({ settings: EMPTY_SITE_SETTINGS, problem: expect.stringContaining('hugo.toml cannot be read') });
  });

  it('merges Hugo\'s configuration file and folders as Hugo does: a file named after a key holds its value, one with a language that language\'s', () => {
    const { settings, problems } = readHugoConfig([
      { path: 'hugo.toml', text: 'timezone = "Europe/London"\ndefaultContentLanguage = "en"\n[languages.en]\nweight = 1\n' },
      { path: 'config/_default/cascade.yaml', text: '- draft: true\n  _target: {path: /news/**}\n' },
      { path: 'config/_default/empty.yaml', text: '' },
      { path: 'config/_default/hugo.ru.toml', text: 'contentDir = "content/russian"\n' },
      { path: 'config/_default/hugo.toml', text: 'timeZone = "Asia/Tokyo"\n' },
      { path: 'config/_default/menus.en.toml', text: 'main = [' },
      { path: 'config/production/staticDir.yaml', text: '[assets]\n' },
    ]);
    expect(settings).toEqual({
      baseUrl: '', defaultLanguage: 'en', multilingual: true, languages: ['en', 'ru'], permalinks: {}, timeZone: 'Asia/Tokyo', contentDirs: { 'content/russian': 'ru' }, staticDirs: ['assets'],
      cascade: [{ values: { draft: true }, target: { path: expect.objectContaining({ pattern: '/news/**' }) as unknown } }],
    });
    expect(problems).toEqual([{ file: 'config/_default/menus.en.toml', line: 1, reason: expect.stringContaining('config/_default/menus.en.toml cannot be read') as unknown }]);
  });

  // The YAML composer recurses once per level; deep input is refused before it, as in a release's front matter.
  it('does not read a YAML configuration nested past the limit, and says so', () => {
    const deep = (n: number) => `lang: az\nx: ${'['.repeat(n)}${']'.repeat(n)}\n`;
    expect(readSiteSettings(deep(5_000), '_config.yml', 'jekyll')).toEqual({ settings: EMPTY_SITE_SETTINGS, problem: '_config.yml nests lists or mappings more than 64 levels deep; its settings are not used' });
    expect(readSiteSettings(deep(63), '_config.yml', 'jekyll')).toEqual({ settings: expect.objectContaining({ defaultLanguage: 'az' }) as unknown });
  });

  const date = writtenDate('2014-01-23 18:05:09 -0500');

  it('makes Jekyll addresses from the permalink styles and patterns', () => {
    const site = { ...EMPTY_SITE_SETTINGS, baseUrl: '/press' };
    // Jekyll lower-cases categories (once each) but does not slugify them: "Big Cities" is the folder "big cities".
    const post = { title: 'New-Centre', categories: ['News', 'Big Cities', 'news'], ...(date ? { date } : {}) };
    expect(jekyllUrl(post, site)).toBe('/press/news/big cities/2014/01/23/New-Centre.html');
    expect(jekyllUrl(post, { ...site, permalink: 'pretty' })).toBe('/press/news/big cities/2014/01/23/New-Centre/');
    expect(jekyllUrl(post, { ...site, permalink: 'none' })).toBe('/press/news/big cities/New-Centre.html');
    expect(jekyllUrl(post, { ...site, permalink: 'ordinal' })).toBe('/press/news/big cities/2014/023/New-Centre.html');
    // :title is the slug (or file name) slugified as Jekyll's pretty mode does, keeping case; :slug in its default mode.
    const slugged = { ...post, categories: [], slug: ' Visa free regime/extended (2020)!' };
    expect(jekyllUrl(slugged, site)).toBe('/press/2014/01/23/Visa-free-regime-extended-(2020)!.html');
    expect(jekyllUrl(slugged, { ...site, permalink: '/:slug/' })).toBe('/press/visa-free-regime-extended-2020/');
    expect(jekyllUrl(post, { ...site, permalink: '/:short_year/:i_month/:i_day/:hour:minute:second-:slug/' })).toBe('/press/14/1/23/180509-new-centre/');
    expect(jekyllUrl({ ...post, permalink: '/about/:title/' }, site)).toBe('/press/about/New-Centre/');
    expect(jekyllUrl({ title: 'x', categories: [] }, site)).toBeUndefined();
  });

  it('fills Jekyll\'s names of a date as its strftime writes them: months and weekdays in English, the ISO week date', () => {
    const site = { ...EMPTY_SITE_SETTINGS, permalink: '/:short_month/:long_month/:short_day/:long_day/:w_year-W:week-:w_day/:title/' };
    const at = (day: string) => jekyllUrl({ title: 'centre', categories: [], date: writtenDate(day)! }, site);
    // 23 January 2014 was the Thursday of the fourth week of 2014.
    expect(at('2014-01-23 18:05:09')).toBe('/Jan/January/Thu/Thursday/2014-W04-4/centre/');
    // The ISO week belongs to the year that holds its Thursday: New Year's Day 2016 is in the last week of 2015, 29 December 2014 in the first of 2015.
    expect(at('2016-01-01')).toBe('/Jan/January/Fri/Friday/2015-W53-5/centre/');
    expect(at('2014-12-29')).toBe('/Dec/December/Mon/Monday/2015-W01-1/centre/');
    expect(at('2017-01-01')).toBe('/Jan/January/Sun/Sunday/2016-W52-7/centre/');
    // Jekyll 4's `weekdate` style, and no address from such a pattern without a date.
    expect(jekyllUrl({ title: 'centre', categories: ['news'], date: writtenDate('2014-01-23')! }, { ...EMPTY_SITE_SETTINGS, permalink: 'weekdate' })).toBe('/news/2014/W04/Thu/centre.html');
    expect(jekyllUrl({ title: 'centre', categories: [] }, { ...EMPTY_SITE_SETTINGS, permalink: '/:week/:title/' })).toBeUndefined();
  });

  it('makes a Jekyll address from the date in the site\'s time zone, as Jekyll read a date written with another offset', () => {
    const text = '---\ntitle: Late\nlang: en\ndate: 2020-01-08 23:30:00 -0500\n---\nText\n';
    const plan = planImport([post('_posts/2020-01-08-late.md', text)], { ...jekyll, siteSettings: { ...EMPTY_SITE_SETTINGS, timeZone: 'Asia/Tokyo', permalink: '/:year/:month/:day/:hour:minute/:title/' } });
    expect(plan.releases.map((r) => r.oldUrl)).toEqual(['/2020/01/09/1330/late/']);
    // Without a zone of the site's own, Jekyll used the machine's, which the offset the post was written with is the best guess of.
    const local = planImport([post('_posts/2020-01-08-late.md', text)], jekyll);
    expect(local.releases.map((r) => r.oldUrl)).toEqual(['/2020/01/08/late.html']);
  });

  it('puts the old addresses of a jekyll-polyglot site\'s other languages under /<lang>/, as Polyglot built them', () => {
    const settings = readSiteSettings('languages: ["en", "ru", "az"]\ndefault_lang: "en"\nbaseurl: /press\npermalink: /news/:title/\n', '_config.yml', 'jekyll').settings;
    expect(settings).toMatchObject({ multilingual: true, defaultLanguage: 'en' });
    const plan = planImport([
      post('_posts/2023-05-10-visa.md', '---\ntitle: Visa\nlang: en\npermalink: /news/visa/\n---\nText\n'),
      post('_posts/2023-05-10-visa-ru.md', '---\ntitle: Виза\nlang: ru\npermalink: /news/visa/\n---\nТекст\n'),
      post('_posts/2023-05-11-centre.md', '---\ntitle: Mərkəz\nlang: az\n---\nMətn\n'),
    ], { ...jekyll, siteSettings: settings });
    // Each keeps its own old address: the English one is not taken by the Russian post that had the same permalink.
    expect(plan.releases.map((r) => [r.source, r.oldUrl])).toEqual([
      ['_posts/2023-05-10-visa-ru.md', '/press/ru/news/visa/'], ['_posts/2023-05-10-visa.md', '/press/news/visa/'], ['_posts/2023-05-11-centre.md', '/press/az/news/centre/'],
    ]);
    expect(plan.notes).toEqual([]);
    expect(readSiteSettings('languages: [en]\nlang: en\n', '_config.yml', 'jekyll').settings.multilingual).toBe(false);
    // Polyglot's `default_lang` is `en` when the site names none (its own `lang` is not Polyglot's).
    const unnamed = readSiteSettings('languages: ["ru", "en"]\nlang: ru\nbaseurl: /press\npermalink: /news/:title/\n', '_config.yml', 'jekyll').settings;
    expect(unnamed).toMatchObject({ multilingual: true, defaultLanguage: 'en' });
    const unnamedPlan = planImport([
      post('_posts/2023-05-10-visa.md', '---\ntitle: Visa\nlang: en\n---\nText\n'),
      post('_posts/2023-05-10-visa-ru.md', '---\ntitle: Виза\nlang: ru\npermalink: /news/visa/\n---\nТекст\n'),
    ], { ...jekyll, siteSettings: unnamed });
    expect(unnamedPlan.releases.map((r) => [r.source, r.oldUrl])).toEqual([['_posts/2023-05-10-visa-ru.md', '/press/ru/news/visa/'], ['_posts/2023-05-10-visa.md', '/press/news/visa/']]);
  });

  it('pairs a jekyll-polyglot site\'s translations as Polyglot did: by page_id, else by the address without its language', () => {
    const config = 'languages: ["en", "ru", "az"]\ndefault_lang: "en"\nlang_from_path: true\npermalink: /news/:categories/:title/\n';
    const settings = readSiteSettings(config, '_config.yml', 'jekyll').settings;
    const text = (title: string, more = '') => `---\ntitle: ${title}\n${more}---\nText\n`;
    const posts = [
      // The same permalink.
      post('_posts/2023-05-10-visa.md', text('Visa', 'lang: en\npermalink: /news/visa/\n')),
      post('_posts/2023-05-10-a-viza.md', text('Виза', 'lang: ru\npermalink: /news/visa/\n')),
      // The same file name in language folders, the language read from them (`lang_from_path`), or a language folder above `_posts`.
      post('_posts/en/2023-05-11-centre.md', text('Centre')),
      post('_posts/ru/2023-05-11-centre.md', text('Центр')),
      post('az/_posts/2023-05-11-centre.md', text('Mərkəz', 'lang: az\n')),
      // Different addresses, one page_id.
      post('_posts/2023-05-12-quota.md', text('Quota', 'lang: en\npage_id: quota-2023\n')),
      post('_posts/2023-05-12-kvota.md', text('Квота', 'lang: ru\npage_id: quota-2023\n')),
    ];
    const plan = planImport(posts, { ...jekyll, langFromPath: false, siteSettings: settings });
    expect(plan.releases.map((r) => [r.source, r.target])).toEqual([
      ['_posts/2023-05-10-a-viza.md', 'ru/2023-05-10-visa.md'],
      ['_posts/2023-05-10-visa.md', 'en/2023-05-10-visa.md'],
      ['_posts/2023-05-12-kvota.md', 'ru/quota-2023.md'],
      ['_posts/2023-05-12-quota.md', 'en/quota-2023.md'],
      ['_posts/en/2023-05-11-centre.md', 'en/2023-05-11-centre.md'],
      ['_posts/ru/2023-05-11-centre.md', 'ru/2023-05-11-centre.md'],
      ['az/_posts/2023-05-11-centre.md', 'az/2023-05-11-centre.md'],
    ]);
    expect(plan.notes).toEqual([]);
    expect(plan.dropped).toEqual({});
    // Without Polyglot, two posts of one address are no translations: each keeps its own id, and page_id is only dropped.
    const plain = planImport(posts.slice(0, 2).concat(posts.slice(5)), { ...jekyll, langFromPath: false, siteSettings: readSiteSettings('permalink: /news/:title/\n', '_config.yml', 'jekyll').settings });
    expect(plain.releases.map((r) => r.target)).toEqual(['ru/2023-05-10-a-viza.md', 'en/2023-05-10-visa.md', 'ru/2023-05-12-kvota.md', 'en/2023-05-12-quota.md']);
    expect(plain.dropped).toEqual({ page_id: 2 });
  });

  it('matches a Jekyll scope as Ruby\'s fnmatch does without FNM_PATHNAME: `*` across folders, the rest as written', () => {
    const cases: [string, string, boolean][] = [
      ['_posts/2024-*', '_posts/2024-01-01-a.md', true], ['_posts/*', '_posts/news/a.md', true], ['*/_posts/*.md', 'ru/_posts/a.md', true],
      ['_posts/2024-*', '_Posts/2024-01-01-a.md', false], ['_posts/a.b*', '_posts/axb.md', false], ['*a*a*a*a*a*a*a*a*a*', '_posts/aaaaaaaaa.md', true],
      ['_posts/*', '_posts/a\nb.md', false], ['_posts/*.md', '_posts/🙂.md', true],
    ];
    for (const [scope, path, expected] of cases) expect(jekyllScope(scope)!.test(path), `${scope} ${JSON.stringify(path)}`).toBe(expected);
    expect(jekyllScope('*'.repeat(501))).toBeUndefined();
  });

  it('applies Jekyll front matter defaults under each post\'s own keys, the most specific scope winning', () => {
    const config = [
      'defaults:',
      '  - {scope: {path: "", type: posts}, values: {layout: post, lang: en}}',
      '  - {scope: {path: "ru", type: posts}, values: {lang: ru, permalink: "/ru/:title/"}}',
      '  - {scope: {path: "_posts/2024-*"}, values: {published: false}}',
      '  - {scope: {path: "", type: pages}, values: {published: false}}',
      '',
    ].join('\n');
    const settings = readSiteSettings(config, '_config.yml', 'jekyll').settings;
    const plan = planImport([
      post('_posts/2023-05-10-visa.md', '---\ntitle: Visa\n---\nText\n'),
      post('_posts/2024-01-01-hidden.md', '---\ntitle: Hidden\n---\nText\n'),
      post('_posts/2024-02-01-shown.md', '---\ntitle: Shown\npublished: true\n---\nText\n'),
      post('ru/_posts/2023-05-10-visa.md', '---\ntitle: Виза\n---\nТекст\n'),
    ], { ...jekyll, langFromPath: false, siteSettings: settings });
    expect(plan.releases.map((r) => [r.source, r.lang, r.status, r.oldUrl])).toEqual([
      ['_posts/2023-05-10-visa.md', 'en', 'published', '/2023/05/10/visa.html'],
      ['_posts/2024-01-01-hidden.md', 'en', 'draft', '/2024/01/01/hidden.html'],
      ['_posts/2024-02-01-shown.md', 'en', 'published', '/2024/02/01/shown.html'],
      ['ru/_posts/2023-05-10-visa.md', 'ru', 'published', '/ru/visa/'],
    ]);
    expect(plan.dropped).toEqual({ layout: 4 });
  });

  it('reads YAML merge keys (`<<`) in the site\'s configuration, as Jekyll and Hugo apply them: a default or cascade written with one keeps its posts back', () => {
    const jekyllConfig = 'lang: en\nbase: &hidden\n  published: false\ndefaults:\n  - scope: {path: "_posts/private"}\n    values:\n      <<: *hidden\n';
    const settings = readSiteSettings(jekyllConfig, '_config.yml', 'jekyll').settings;
    const plan = planImport([post('_posts/private/2020-01-01-p.md', '---\ntitle: Private\n---\nText\n'), post('_posts/2020-01-02-q.md', '---\ntitle: Public\n---\nText\n')], { ...jekyll, langFromPath: false, siteSettings: settings });
    expect(plan.releases.map((r) => [r.source, r.status])).toEqual([['_posts/2020-01-02-q.md', 'published'], ['_posts/private/2020-01-01-p.md', 'draft']]);
    expect(plan.dropped).toEqual({});
    const { settings: hugoSettings } = readHugoConfig([{ path: 'hugo.yaml', text: '_hidden: &h {draft: true}\ncascade:\n  - <<: *h\n    _target: {path: /sec/**}\n' }]);
    expect(hugoSettings.cascade).toEqual([{ values: { draft: true }, target: { path: expect.objectContaining({ pattern: '/sec/**' }) as unknown } }]);
  });

  it('makes Hugo addresses from url, the section patterns or the section and name', () => {
    const site = { ...EMPTY_SITE_SETTINGS, defaultLanguage: 'en', multilingual: true, permalinks: { news: '/:year/:month/:slug/' } };
    const page = { title: 'Visa Free Regime', name: 'visa-free', section: 'posts', lang: 'en', ...(date ? { date } : {}) };
    expect(hugoUrl(page, site)).toBe('/posts/visa-free/');
    expect(hugoUrl({ ...page, lang: 'ru' }, site)).toBe('/ru/posts/visa-free/');
    expect(hugoUrl({ ...page, section: 'news' }, site)).toBe('/2014/01/visa-free-regime/');
    expect(hugoUrl({ ...page, section: 'news', slug: 'vf' }, site)).toBe('/2014/01/vf/');
    expect(hugoUrl({ ...page, url: '/old/' }, site)).toBe('/old/');
  });

  it('makes a Hugo address from :sections and its slices down to the page\'s current section, a language\'s own permalinks, and aliases with ..', () => {
    const config = [
      'defaultContentLanguage = "en"',
      '[permalinks.page]', 'news = "/:sections/:slug/"', 'docs = "/d/:sections[1:]/:sections[last]/:sections[0]/:sections[:last]/:sections[5]/:slug/"',
      '[languages.en]', '[languages.ru]', '[languages.ru.permalinks.page]', 'news = "/novosti/:sections[1:]/:slug/"',
    ].join('\n');
    const siteSettings = readSiteSettings(config, 'hugo.toml', 'hugo').settings;
    const page = (path: string, front = '', slug = 'visa') => post(path, `---\ntitle: T\ndate: 2020-01-05\nslug: ${slug}\n${front}---\nText\n`, { path, ...(/\.ru\.md$/.test(path) ? { langSuffix: 'ru' } : {}) });
    const section = (path: string) => ({ path, text: '---\ntitle: S\n---\n', folders: path.split('/').slice(0, -1) });
    // A folder is a section when it has a section page (`_index.md`), or is the first: 2020/ is none, so a page in it is in press/'s.
    const sections = [section('content/news/press/_index.md'), section('content/docs/guides/_index.md'), section('content/docs/guides/visas/_index.md')];
    const plan = planImport([
      page('content/news/press/2020/a.md'),
      page('content/news/b.md', 'aliases: [../old-b/, ./older-b, ../../../../top-b/]\n'),
      page('content/docs/guides/visas/c.md'),
      page('content/news/press/d.ru.md'),
      page('content/news/press/e.md', 'aliases: [../../../e-archive/]\n', 'quota'),
    ], { ...jekyll, site: 'hugo', contentRoot: 'content', siteSettings, sections });
    expect(plan.releases.map((r) => [r.source, r.oldUrl])).toEqual([
      ['content/docs/guides/visas/c.md', '/d/guides/visas/visas/docs/docs/guides/visa/'],
      ['content/news/b.md', '/news/visa/'],
      ['content/news/press/2020/a.md', '/news/press/visa/'],
      ['content/news/press/d.ru.md', '/ru/novosti/press/visa/'],
      ['content/news/press/e.md', '/news/press/quota/'],
    ]);
    // A relative alias is read beside the page, its `..` resolved as Hugo joins it, never above the site.
    const aliases = (source: string) => (parseReleaseFile(plan.releases.find((r) => r.source === source)!.text, 'r.md').data as { aliases?: string[] }).aliases;
    expect(aliases('content/news/b.md')).toEqual(['/news/visa/', '/old-b/', '/news/older-b', '/top-b/']);
    expect(aliases('content/news/press/e.md')).toEqual(['/news/press/quota/', '/e-archive/']);
  });

  it('reads a Hugo url without a leading slash from the page\'s language folder on a multilingual site, as Hugo does, and from the root with one', () => {
    const site = { ...EMPTY_SITE_SETTINGS, baseUrl: '/press', defaultLanguage: 'en', multilingual: true };
    const page = { title: 'Виза', name: 'visa', section: 'posts', lang: 'ru', url: 'about/visa/' };
    expect(hugoUrl(page, site)).toBe('/press/ru/about/visa/');
    expect(hugoUrl({ ...page, url: '/about/visa/' }, site)).toBe('/press/about/visa/');
    expect(hugoUrl({ ...page, lang: 'en' }, site)).toBe('/press/about/visa/');
    expect(hugoUrl(page, { ...site, multilingual: false })).toBe('/press/about/visa/');
  });

  it('makes a Hugo address from a title or file name as Hugo\'s urlize does: one hyphen for spaces around a dash or punctuation it drops', () => {
    const site = { ...EMPTY_SITE_SETTINGS, permalinks: { news: '/:year/:title/' } };
    const page = { title: 'Baku – new centre opens: "visa - free" ', name: 'Visa  -  free', section: 'news', lang: 'en', ...(date ? { date } : {}) };
    expect(hugoUrl(page, site)).toBe('/2014/baku-new-centre-opens-visa-free/');
    expect(hugoUrl({ ...page, section: 'posts' }, site)).toBe('/posts/visa-free/');
  });

  it('keeps the plus and at signs Hugo\'s urlize keeps in an address made from a title or file name', () => {
    const site = { ...EMPTY_SITE_SETTINGS, permalinks: { news: '/:year/:title/' } };
    const page = { title: 'Visa rules for EU+EEA citizens @ Baku', name: 'g20+summit', section: 'news', lang: 'en', ...(date ? { date } : {}) };
    expect(hugoUrl(page, site)).toBe('/2014/visa-rules-for-eu+eea-citizens-@-baku/');
    expect(hugoUrl({ ...page, section: 'posts' }, site)).toBe('/posts/g20+summit/');
  });

  it('fills Hugo\'s other permalink tokens as Hugo does: month and weekday names, weekday, day of the year, slug or content base name', () => {
    const site = { ...EMPTY_SITE_SETTINGS, permalinks: { news: '/:year/:monthname/:weekdayname-:weekday/:yearday/:slugorcontentbasename/' } };
    const page = { title: 'Visa', name: 'visa-free', section: 'news', lang: 'en', ...(date ? { date } : {}) };
    expect(hugoUrl(page, site)).toBe('/2014/January/Thursday-4/23/visa-free/');
    expect(hugoUrl({ ...page, slug: 'vf' }, site)).toBe('/2014/January/Thursday-4/23/vf/');
    const { date: _, ...undated } = page;
    expect(hugoUrl(undated, { ...site, permalinks: { news: '/:weekday/:slug/' } })).toBeUndefined();
  });

  it('keeps the letter case of a Hugo address made from a title, name or folder when the site sets disablePathToLower', () => {
    const site = readSiteSettings('disablePathToLower = true\n[permalinks]\nnews = "/:year/:title/"\n', 'hugo.toml', 'hugo').settings;
    const page = { title: 'Visa Free Regime', name: 'Visa-Free', section: 'News', folders: ['News', 'Baku'], lang: 'en', ...(date ? { date } : {}) };
    expect(hugoUrl(page, site)).toBe('/News/Baku/Visa-Free/');
    expect(hugoUrl({ ...page, section: 'news' }, site)).toBe('/2014/Visa-Free-Regime/');
    expect(hugoUrl(page, EMPTY_SITE_SETTINGS)).toBe('/news/baku/visa-free/');
  });

  it('serves the English pages of a Hugo site of several languages that names no default at its root, English being Hugo\'s default, unless defaultContentLanguageInSubdir', () => {
    const pages = [
      post('content/posts/quota.md', '---\ntitle: Quota\ndate: 2020-01-01\n---\nText\n', { path: 'content/posts/quota.md' }),
      post('content/posts/quota.ru.md', '---\ntitle: Квота\ndate: 2020-01-01\n---\nText\n', { path: 'content/posts/quota.ru.md', langSuffix: 'ru' }),
    ];
    const oldUrls = (config: string) => planImport(pages, { ...jekyll, site: 'hugo', contentRoot: 'content', siteSettings: readSiteSettings(config, 'hugo.toml', 'hugo').settings }).releases.map((r) => [r.lang, r.oldUrl]);
    const languages = '[languages.en]\nweight = 1\n[languages.ru]\nweight = 2\n';
    expect(oldUrls(languages)).toEqual([['en', '/posts/quota/'], ['ru', '/ru/posts/quota/']]);
    expect(oldUrls(`DefaultContentLanguageInSubdir = true\n${languages}`)).toEqual([['en', '/en/posts/quota/'], ['ru', '/ru/posts/quota/']]);
  });

  it('puts a Hugo site\'s default language under /<lang>/ too when its configuration says defaultContentLanguageInSubdir', () => {
    const config = 'baseURL = "https://example.org/press/"\ndefaultContentLanguage = "en"\ndefaultContentLanguageInSubdir = true\n[languages.en]\n[languages.ru]\n[permalinks]\nnews = "/:year/:slug/"\n';
    const site = readSiteSettings(config, 'hugo.toml', 'hugo').settings;
    const page = { title: 'Visa', name: 'visa', section: 'posts', lang: 'en', ...(date ? { date } : {}) };
    expect(hugoUrl(page, site)).toBe('/press/en/posts/visa/');
    expect(hugoUrl({ ...page, section: 'news' }, site)).toBe('/press/en/2014/visa/');
    expect(hugoUrl({ ...page, lang: 'ru' }, site)).toBe('/press/ru/posts/visa/');
    expect(hugoUrl(page, readSiteSettings(config.replace('true', 'false'), 'hugo.toml', 'hugo').settings)).toBe('/press/posts/visa/');
  });

  it('gives a page of a Hugo site with uglyURLs the address Hugo wrote it at, name.html, on the whole site or in the sections it names', () => {
    const page = { title: 'Visa', name: 'visa', section: 'posts', lang: 'en', ...(date ? { date } : {}) };
    const whole = readSiteSettings('uglyURLs = true\n[permalinks]\nnews = "/:year/:slug/"\n', 'hugo.toml', 'hugo').settings;
    expect(hugoUrl(page, whole)).toBe('/posts/visa.html');
    expect(hugoUrl({ ...page, section: 'news' }, whole)).toBe('/2014/visa.html');
    const some = readSiteSettings('uglyurls:\n  news: true\n  posts: false\n', 'hugo.yaml', 'hugo').settings;
    expect(hugoUrl(page, some)).toBe('/posts/visa/');
    expect(hugoUrl({ ...page, section: 'news' }, some)).toBe('/news/visa.html');
  });

  it('keeps a Hugo alias in a section with uglyURLs where Hugo wrote it, name.html, its trailing slash gone', () => {
    const siteSettings = readSiteSettings('uglyurls:\n  news: true\n', 'hugo.yaml', 'hugo').settings;
    const page = (path: string, aliases: string) => post(path, `---\ntitle: T\ndate: 2020-01-05\naliases: [${aliases}]\n---\nText\n`, { path });
    const plan = planImport([
      page('content/news/2020/a.md', '/old/, /older, /oldest.html, ../2019/visa/'),
      page('content/posts/b.md', '/old-b/, /older-b, ../visa-b/'),
    ], { ...jekyll, site: 'hugo', contentRoot: 'content', siteSettings });
    const aliases = (source: string) => (parseReleaseFile(plan.releases.find((r) => r.source === source)!.text, 'r.md').data as { aliases?: string[] }).aliases;
    expect(aliases('content/news/2020/a.md')).toEqual(['/news/2020/a.html', '/old.html', '/older.html', '/oldest.html', '/news/2019/visa.html']);
    // A section the site leaves pretty keeps them as written.
    expect(aliases('content/posts/b.md')).toEqual(['/posts/b/', '/old-b/', '/older-b', '/visa-b/']);
  });

  it('hands down a Hugo cascade as Hugo does: the page\'s own keys and nearer sections first, to the pages its target names', () => {
    const glob = hugoGlob('{/articles,/articles/**}')!;
    expect(['/articles', '/articles/a', '/articles/2024/b.md', '/articlesx', '/news/articles'].map((p) => glob.test(p))).toEqual([true, true, true, false, false]);
    expect(['/a/b', '/a/b/c'].map((p) => hugoGlob('/a/*')!.test(p))).toEqual([true, false]);
    expect(hugoGlob('/a/{b')).toBeUndefined();
    const near = { source: 'content/news/_index.md', entries: readCascade({ Draft: true, build: { list: 'never' }, _target: { path: '/news/**', lang: 'en' } }) };
    const far = { source: 'content/_index.md', entries: readCascade([{ draft: false, weight: 3, target: { kind: 'section' } }, { draft: false, layout: 'wide' }]) };
    expect(withCascade({ title: 'T', BUILD: { render: 'always' } }, [near, far], { paths: ['/news/a'], lang: 'en' })).toEqual({
      data: { title: 'T', BUILD: { render: 'always' }, Draft: true, layout: 'wide' },
      from: new Map([['Draft', 'content/news/_index.md'], ['layout', 'content/_index.md']]),
    });
    expect(withCascade({ title: 'T' }, [near], { paths: ['/news/a'], lang: 'ru' }).data).toEqual({ title: 'T' });
  });

  it('compiles each glob of a cascade\'s _target once, as the cascade is read, not again for every page', () => {
    const entries = readCascade([{ layout: 'wide', _target: { path: '/news/**' } }, { draft: true, _target: { path: '/news/**', lang: 'e{n' } }]);
    expect(entries.map((e) => e.target)).toEqual([{ path: expect.objectContaining({ pattern: '/news/**' }) }, { path: expect.objectContaining({ pattern: '/news/**' }), lang: expect.objectContaining({ pattern: 'e{n' }) }]);
    // Every regular expression made while pages are matched is counted.
    let made = 0;
    const original = globalThis.RegExp;
    globalThis.RegExp = new Proxy(original, {
      construct: (target, args: ConstructorParameters<RegExpConstructor>) => {
        made++;
        return new target(...args);
      },
    });
    try {
      const pages = Array.from({ length: 50 }, (_, i) => withCascade({}, [{ source: 'content/news/_index.md', entries }], { paths: [`/news/${i}`], lang: 'en' }).data);
      expect(made).toBe(0);
      // A glob that cannot be read (an unclosed brace) still matches no page.
      expect(pages.every((data) => data.layout === 'wide' && data.draft === undefined)).toBe(true);
    } finally {
      globalThis.RegExp = original;
    }
  });

  it('matches Hugo globs as their regular expressions did: `**` across folders, `*` and `?` within one, nested braces, any letter case', () => {
    const cases: [string, string, boolean][] = [
      ['/news/**', '/news/2024/a', true], ['/news/**', '/News/A', true], ['/news/**', '/newsx', false], ['/news/*', '/news/a/b', false],
      ['/n?ws/*', '/news/a', true], ['/n?ws/*', '/n/ws/a', false], ['{/a,/b/{c,d}}/*', '/b/d/x', true], ['{/a,/b/{c,d}}/*', '/b/e/x', false],
      ['/a{,b}', '/a', true], ['/a{}', '/a', true], ['a,b}', 'a,b}', true], ['**', '', true], ['*', '/', false], ['/a**', '/a\nb', false],
      ['/НОВОСТИ/*', '/новости/визы', true], ['/a.b', '/axb', false], ['/a(b)+', '/a(b)+', true],
    ];
    for (const [glob, path, expected] of cases) expect(hugoGlob(glob)!.test(path), `${glob} ${JSON.stringify(path)}`).toBe(expected);
    expect(hugoGlob('{a')).toBeUndefined();
    expect(hugoGlob('*'.repeat(501))).toBeUndefined();
  });

  it('keeps back, as a draft with a note, a page whose cascades or defaults take more steps to match than the budget, naming whose they are', () => {
    // 20,000 cascade entries and 30,000 defaults, each tried against the page, with one glob between them.
    const [entry] = readCascade({ _target: { path: '/x/**' } });
    const cascade = Array.from({ length: 20_000 }, (_, i) => ({ target: entry!.target, values: { [`k${i}`]: 1 } }));
    const hugo = planImport([post('content/posts/a.md', '---\ntitle: A\ndate: 2024-01-02\n---\nText\n', { path: 'content/posts/a.md' })], { ...jekyll, site: 'hugo', lang: 'en', contentRoot: 'content', siteSettings: { ...EMPTY_SITE_SETTINGS, cascade } });
    expect(hugo.releases.map((r) => r.status)).toEqual(['draft']);
    expect(hugo.notes.map((n) => n.message)).toEqual(['the `cascade` of the site\'s configuration takes more than 50,000 steps to match against this page (its entries, the keys they hand down, their `_target` globs read over its path), so what it hands down is not all known; imported as a draft']);
    const glob = jekyllScope('x/*')!;
    const defaults = Array.from({ length: 30_000 }, (_, i) => ({ path: 'x/*', glob, values: { [`k${i}`]: 1 } }));
    const site = planImport([post('_posts/2024-01-02-a.md', '---\ntitle: A\n---\nText\n')], { ...jekyll, lang: 'en', siteSettings: { ...EMPTY_SITE_SETTINGS, defaults } });
    expect(site.releases.map((r) => r.status)).toEqual(['draft']);
    expect(site.notes.map((n) => n.message)).toEqual(['the `defaults` of the site\'s configuration take more than 50,000 steps to match against this post (their scopes read over its path, the values they give), so what they give it is not all known; imported as a draft']);
    // A few are read whole.
    const few = planImport([post('_posts/2024-01-02-a.md', '---\ntitle: A\n---\nText\n')], { ...jekyll, lang: 'en', siteSettings: { ...EMPTY_SITE_SETTINGS, defaults: defaults.slice(0, 100) } });
    expect(few.releases.map((r) => r.status)).toEqual(['published']);
    expect(few.notes).toEqual([]);
  });

  it('runs Hugo\'s ignoreFiles patterns as Go reads them, and only when their backtracking is bounded: the others say it is not known', () => {
    expect(goRegexp('\\.md$').test('/site/content/a.md')).toBe(true);
    expect(goRegexp('(?i)/PRIVATE/').test('/site/content/private/a.md')).toBe(true);
    expect(goRegexp('\\Acontent/(?P<section>news|posts)/x\\z').test('content/posts/x')).toBe(true);
    expect(goRegexp('\\Acontent/x\\z').test('/site/content/x')).toBe(false);
    expect(goRegexp('a{2}b').test('xaab')).toBe(true);
    expect(goRegexp('(ab)+c').test('ababc')).toBe(true);
    // A repeated group that holds a repeat or a choice, syntax JavaScript reads otherwise, a lookahead RE2 has not: never run.
    for (const pattern of ['(a+)+$', '(a|aa)*b', '[[:alpha:]]', '[]a]', '(?=a)', '\\1', '(?U)a+', '\\pL']) expect(goRegexp(pattern).test('aaaa'), pattern).toBeUndefined();
    // Repeats whose counts multiply past the bound over a text: not run over it, run over a shorter one.
    const optional = goRegexp(`${'a?'.repeat(30)}${'a'.repeat(30)}`);
    const started = Date.now();
    expect(optional.test('a'.repeat(30))).toBeUndefined();
    expect(Date.now() - started).toBeLessThan(1000);
    expect(goRegexp('.*/drafts/.*').test('/site/content/drafts/a.md')).toBe(true);
    expect(goRegexp('.*/drafts/.*').test(`/${'x/'.repeat(500)}`)).toBeUndefined();
  });

  it('takes a Hugo post\'s language from the content folder the site gives each language, whatever its name, without --lang-from-path', () => {
    const config = 'defaultContentLanguage: en\npermalinks:\n  posts: /news/:slug/\nlanguages:\n  en: {contentDir: content/english}\n  ru: {contentDir: ./content/russian/}\n  fr: {contentDir: content/french}\n';
    const settings = readSiteSettings(config, 'hugo.yaml', 'hugo').settings;
    expect(settings.contentDirs).toEqual({ 'content/english': 'en', 'content/russian': 'ru', 'content/french': 'fr' });
    const text = (title: string) => `---\ntitle: ${title}\ndate: 2020-01-01\n---\nText\n`;
    const plan = planImport([
      post('content/english/posts/visa.md', text('Visa'), { path: 'content/english/posts/visa.md' }),
      post('content/russian/posts/visa.md', text('Виза'), { path: 'content/russian/posts/visa.md' }),
      post('content/french/posts/visa.md', text('Visa'), { path: 'content/french/posts/visa.md' }),
    ], { ...jekyll, site: 'hugo', contentRoot: 'content', langFromPath: false, siteSettings: settings });
    // One translation group, the section after the language's folder, and `/ru/` for the language that is not the default.
    expect(plan.releases.map((r) => [r.target, r.oldUrl])).toEqual([['en/2020-01-01-visa.md', '/news/visa/'], ['ru/2020-01-01-visa.md', '/ru/news/виза/']]);
    expect(plan.skipped).toEqual([{ file: 'content/french/posts/visa.md', line: 1, reason: 'it is in content/french/, the content folder of the site\'s language "fr", which is not one of the project\'s languages (az, en, ru)' }]);
  });

  it('uses the site default language for posts that name none', () => {
    const plan = planImport([post('_posts/2014-01-23-a.md', '---\ntitle: A\n---\nText\n')], { ...jekyll, siteSettings: { ...EMPTY_SITE_SETTINGS, defaultLanguage: 'az' } });
    expect(plan.releases.map((r) => r.lang)).toEqual(['az']);
  });
});

describe('plain text from themes\' HTML', () => {
  it('decodes complete character references and removes tags in text fields', () => {
    const fields = mapFrontMatter({ title: 'Visas &amp; permits: <em>new</em> rules', excerpt: '<p>R&D &not done &#1041;</p>', tags: ['Q&amp;A'] }, 'jekyll');
    expect(fields.title).toBe('Visas & permits: new rules');
    expect(fields.summary).toBe('R&D &not done Б');
    expect(fields.tags).toEqual(['Q&A']);
  });

  it('reports kramdown attribute lists, and not Ruby hashes', () => {
    const body = 'Lead\n{: .lead}\n[x](/y){:target="_blank"}\n{:toc}\n\n    h = {:a => 1}\n';
    const out = convertBody(body, 'jekyll', () => undefined);
    expect(out.text).toBe(body);
    expect(out.notes.map((n) => body.slice(n.offset, n.offset + 4))).toEqual(['{: .', '{:ta', '{:to']);
  });

  it('removes a kramdown comment, which the old site never showed, and the tags of its other extensions', () => {
    const body = 'Lead.\n\n{::comment}\nEditor: check the quota figure with the ministry before release.\n\nSecond note.\n{:/comment}\n\nText{::comment}inline{:/} after.\n\n{::nomarkdown}<b>kept</b>{:/nomarkdown}\n{::options parse_block_html="true" /}\n{::comment /}\n\n    {::comment}in code{:/comment}\n\n{::comment}never closed\n';
    const out = convertBody(body, 'jekyll', () => undefined);
    expect(out.text).toBe('Lead.\n\n\n\nText after.\n\n<b>kept</b>\n\n\n\n    {::comment}in code{:/comment}\n\n{::comment}never closed\n');
    expect(out.notes.map((n) => n.message)).toEqual([
      'kramdown comment removed: the old site never showed its text',
      'kramdown comment removed: the old site never showed its text',
      'kramdown `{::nomarkdown}` tags removed; the text between them is kept as written',
      'kramdown options `{::options parse_block_html="true" /}` removed: they only set how the old site read the post',
      'kramdown comment tag `{::comment /}` removed: it held nothing',
      'kramdown `{::comment}` has no `{:/comment}`; left as it was',
    ]);
  });
});

describe('language codes', () => {
  it('match the project\'s tags in any spelling, by primary language, or to the only variant', () => {
    expect(matchLanguage('ru_RU', ['az', 'en', 'ru'])).toBe('ru');
    expect(matchLanguage('RU', ['az', 'en', 'ru'])).toBe('ru');
    expect(matchLanguage('en-gb', ['en-GB', 'en-US', 'ru'])).toBe('en-GB');
    expect(matchLanguage('en', ['en-GB', 'en-US'])).toBeUndefined();
    expect(matchLanguage('pt', ['pt-BR', 'ru'])).toBe('pt-BR');
    expect(matchLanguage('de', ['az', 'en', 'ru'])).toBeUndefined();
    expect(matchLanguage('posts', ['az', 'en', 'ru'])).toBeUndefined();
  });

  it('a project with regional tags imports into them, and slugs follow the language\'s own transliteration', () => {
    const plan = planImport([
      post('uk/_posts/2014-01-23-a.md', '---\ntitle: Міграційна служба відкрила центр\n---\nТекст\n'),
      post('_posts/2014-01-23-b.md', '---\ntitle: Centre\nlang: pt_BR\n---\nTexto\n'),
    ], { ...jekyll, languages: ['pt-BR', 'uk'] });
    expect(plan.skipped).toEqual([]);
    expect(plan.releases.map((r) => [r.target, r.lang])).toEqual([['pt-BR/2014-01-23-b.md', 'pt-BR'], ['uk/2014-01-23-a.md', 'uk']]);
  });
});
