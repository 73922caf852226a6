import { readFile, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseFeed } from '@rowanmanning/feed-parser';
import { beforeAll, describe, expect, it } from 'vitest';
import { ROOT, fixture, release, runMain } from './helpers/cli.js';
import { listTree } from './helpers/hostile.js';
import { htmlProblems, htmlValidator } from './helpers/html-validator.js';
import { png } from './helpers/images.js';
import { isSiteFile } from './helpers/site-files.js';
import { sitemapSchemaErrors, sitemapSchemaErrorsEach, xmlErrors } from './helpers/xml-schemas.js';
import { inLanguageOrder, siteEntry } from '../src/core/site/entries.js';
import { planListings } from '../src/core/site/listing.js';
import { newsLanguage, sitemapFiles, sitemapUrls, type SitemapUrl } from '../src/core/site/sitemaps.js';
import { absoluteUrl, relativeHref, tagSlug } from '../src/core/site/paths.js';
import { paginationWindow } from '../src/core/site/views.js';

/**
 * A newsroom with translations and every kind of release that must not be
 * public: the listings, tag pages, feeds, sitemaps and manifest list exactly
 * the public releases, newest first, and nothing else leaves a trace.
 */

const NOW = '2026-11-28T12:00:00+04:00';
const SITE = 'https://press.example.az/news/';
const validator = htmlValidator();

const CONFIG = [
  'organisation:',
  '  name:',
  '    en: State Migration Service',
  '    az: Dövlət Miqrasiya Xidməti',
  '    ru: Государственная миграционная служба',
  '  url: https://migration.example.az',
  '  logo: https://press.example.az/logo.png',
  'site:',
  `  url: ${SITE}`,
  '  name:',
  '    en: SMS Newsroom',
  '    az: DMX Mətbuat',
  '    ru: Пресс-центр ГМС',
  '  pageSize: 2',
  '  feedSize: 3',
  'languages: [az, en, ru]',
  '',
].join('\n');

/** Public releases, newest first as each listing must show them. */
const PUBLIC_EN = ['alpha-public-release', 'bravo-release', 'charlie-release', 'delta-release', 'echo-release'];
const SECRETS = ['Secret embargoed plan', 'secret-embargoed-plan', 'Hidden draft notice', 'hidden-draft-notice', 'Retracted statement', 'retracted-statement',
  'Pending review item', 'pending-review-item', 'Черновик перевода', 'chernovik-perevoda', 'Embargoed topic', 'embargoed-topic', 'Draft topic', 'draft-topic'];

const files: Record<string, string> = {
  'migration-news.config.yaml': CONFIG,
  'r/alpha.md': release({ title: 'Alpha public release', date: '2026-11-27T10:00:00+04:00', tags: '[Labour migration, E-services]', summary: 'Alpha & summary <b>bold</b>', location: 'Baku' }, 'Alpha body with **strong** text and a [link](https://example.az/?a=1&b=2).\n'),
  'r/alpha.az.md': release({ title: 'Alfa ictimai reliz', date: '2026-11-27T10:00:00+04:00', lang: 'az', id: 'alpha', tags: '[Əmək miqrasiyası]' }),
  'r/alpha.ru.md': release({ title: 'Черновик перевода', date: '2026-11-27T10:00:00+04:00', lang: 'ru', id: 'alpha', status: 'draft' }),
  'r/bravo.md': release({ title: 'Bravo release', date: '2026-11-20', tags: '[labour migration]' }),
  'r/charlie.md': release({ title: 'Charlie release', date: '2026-11-20', status: 'approved' }),
  'r/delta.md': release({ title: 'Delta release', date: '2026-10-01T09:00:00+04:00' }),
  'r/echo.md': release({ title: 'Echo release', date: '2026-09-01' }),
  'r/embargo.md': release({ title: 'Secret embargoed plan', date: '2026-11-28', status: 'approved', embargo: '2026-12-01T09:00:00+04:00', tags: '[Embargoed topic]' }),
  'r/draft.md': release({ title: 'Hidden draft notice', date: '2026-11-28', status: 'draft', tags: '[Draft topic]' }),
  'r/withdrawn.md': release({ title: 'Retracted statement', date: '2026-11-26', status: 'withdrawn' }),
  'r/review.md': release({ title: 'Pending review item', date: '2026-11-25', status: 'review' }),
  'r/gamma.ru.md': release({ title: 'Гамма опубликована', date: '2026-11-01', lang: 'ru', id: 'gamma' }),
};

let dir: string;
let out: string;
let tree: string[];
const read = (path: string) => readFile(join(out, path), 'utf8');

beforeAll(async () => {
  dir = await fixture(files);
  out = join(dir, 'dist');
  const result = await runMain(['build', 'r', '--now', NOW, '--format', 'html,json'], { cwd: dir });
  expect(result.code, result.stdout + result.stderr).toBe(0);
  tree = (await readdir(out, { recursive: true })).map((f) => f.split('\\').join('/')).filter((f) => f.includes('.')).sort();
});

/** The release links of a listing page, in order. */
function listed(html: string): string[] {
  return [...html.matchAll(/<h[23] class="release-item-title"><a href="([^"]+)"/g)].map((m) => m[1]!.replace(/^.*\//, '').replace(/\.html$/, ''));
}

describe('a built newsroom', () => {
  it('writes the site files beside the releases', () => {
    for (const path of ['index.html', 'az/index.html', 'en/index.html', 'ru/index.html', 'en/page/2.html', 'en/page/3.html', 'en/feed.xml', 'en/feed.json', 'az/feed.xml', 'ru/feed.json', 'sitemap.xml', 'news-sitemap.xml', 'releases.json', 'en/tags/labour-migration.html', 'az/tags/emek-miqrasiyasi.html']) {
      expect(tree, path).toContain(path);
    }
    expect(tree).not.toContain('en/page/4.html');
  });

  it('leaves no trace of an embargoed, draft, withdrawn or unreviewed release anywhere in the output', async () => {
    for (const path of tree) {
      const content = await read(path);
      for (const secret of SECRETS) expect(content.includes(secret), `${secret} in ${path}`).toBe(false);
    }
    for (const secret of SECRETS) expect(tree.some((p) => p.includes(secret)), secret).toBe(false);
  });

  it('lists one language newest first by date, time and slug, paginated with rel=prev/next', async () => {
    const pages = [await read('en/index.html'), await read('en/page/2.html'), await read('en/page/3.html')];
    expect(pages.flatMap(listed)).toEqual(PUBLIC_EN);
    expect(pages.map(listed)).toEqual([PUBLIC_EN.slice(0, 2), PUBLIC_EN.slice(2, 4), PUBLIC_EN.slice(4)]);
    expect(pages[0]).toContain('<link rel="next" href="page/2.html">');
    expect(pages[0]).not.toContain('rel="prev"');
    expect(pages[1]).toContain('<link rel="prev" href="../index.html">');
    expect(pages[1]).toContain('<link rel="next" href="3.html">');
    expect(pages[1]).toContain('Page 2 of 3');
    expect(pages[2]).not.toContain('rel="next"');
    expect(pages[1]).toContain('<a href="../alpha-public-release.html"'.replace('alpha-public-release', 'charlie-release'));
    // The structured data numbers each release by its place in the whole listing: before, each page started again at 1.
    const positions = pages.map((page) => (JSON.parse(/<script type="application\/ld\+json">([\s\S]*?)<\/script>/.exec(page)![1]!) as { mainEntity: { itemListElement: { position: number; url: string }[] } })
      .mainEntity.itemListElement.map((item) => [item.position, item.url]));
    expect(positions.flat()).toEqual(PUBLIC_EN.map((slug, i) => [i + 1, `${SITE}en/${slug}.html`]));
    expect(listed(await read('ru/index.html'))).toEqual(['gamma-opublikovana']);
    expect(await read('ru/index.html')).toContain('Пресс-релизы');
    expect(listed(await read('az/index.html'))).toEqual(['alfa-ictimai-reliz']);
    expect(await read('az/index.html')).toContain('Press-relizlər');
  });

  it('shows title, date, location, summary and tag links in a listing, escaped', async () => {
    const html = await read('en/index.html');
    expect(html).toContain('<span class="location">Baku</span>, <time datetime="2026-11-27T10:00:00+04:00">27 November 2026</time>');
    expect(html).toContain('<p class="release-item-summary">Alpha &amp; summary &lt;b&gt;bold&lt;/b&gt;</p>');
    expect(html).toContain('<a href="tags/labour-migration.html" rel="tag">Labour migration</a>');
  });

  it('makes one page per tag, merging spellings that share a slug, with only public releases', async () => {
    expect(listed(await read('en/tags/labour-migration.html'))).toEqual(['alpha-public-release', 'bravo-release']);
    expect(listed(await read('en/tags/e-services.html'))).toEqual(['alpha-public-release']);
    expect(tree.filter((p) => p.startsWith('en/tags/'))).toEqual(['en/tags/e-services.html', 'en/tags/labour-migration.html']);
    const page = await read('en/alpha-public-release.html');
    expect(page).toContain('<a href="tags/labour-migration.html" rel="tag">Labour migration</a>');
  });

  it('links the home page to each language, with the newest releases of each', async () => {
    const home = await read('index.html');
    expect(home).toMatch(/^<!DOCTYPE html>\n<html lang="az" dir="ltr">/);
    expect(home).toContain('<a href="en/index.html" hreflang="en" lang="en" dir="ltr">English</a>');
    expect(home).toContain('<a href="en/alpha-public-release.html">Alpha public release</a>');
    expect(home).toContain('<a href="ru/gamma-opublikovana.html">Гамма опубликована</a>');
    expect(listed(home)).toEqual(['alfa-ictimai-reliz', ...PUBLIC_EN, 'gamma-opublikovana']);
  });

  it('puts breadcrumbs, the site name and logo, and the feed links on every page of a language', async () => {
    const page = await read('en/bravo-release.html');
    expect(page).toContain('<a href="../index.html"><img class="site-logo" src="https://press.example.az/logo.png" alt="" height="40"><span>SMS Newsroom</span></a>');
    expect(page).toMatch(/<nav class="breadcrumbs" aria-label="You are here">\n<ol>\n<li><a href="..\/index.html">Home<\/a><\/li>\n<li><a href="index.html">Press releases<\/a><\/li>\n<li><span aria-current="page">Bravo release<\/span><\/li>/);
    for (const path of ['en/bravo-release.html', 'en/index.html', 'en/page/2.html', 'en/tags/e-services.html']) {
      const html = await read(path);
      expect(html, path).toContain(`<link rel="alternate" type="application/atom+xml" href="${SITE}en/feed.xml"`);
      expect(html, path).toContain(`<link rel="alternate" type="application/feed+json" href="${SITE}en/feed.json"`);
    }
    expect(await read('ru/index.html')).toContain(`href="${SITE}ru/feed.xml"`);
  });

  it('gives the home page its one crumb as the current page, not a link to itself', async () => {
    // As every other page's last crumb: `page.breadcrumbs` ends with `href` null, which the default set marks aria-current.
    expect(await read('index.html')).toMatch(/<nav class="breadcrumbs" aria-label="Siz buradasınız">\n<ol>\n<li><span aria-current="page">Ana səhifə<\/span><\/li>\n<\/ol>/);
    expect(await read('index.html')).toContain('<p class="site-name"><a href="index.html">');
  });

  it('makes valid HTML of the home, listing and tag pages', async () => {
    for (const path of tree.filter((p) => p.endsWith('.html'))) expect(await htmlProblems(validator, await read(path), path), path).toEqual([]);
  });

  it('gives a time written finer than a millisecond (Python\'s microseconds) to the millisecond, as HTML\'s datetime takes it', async () => {
    const dir = await fixture({
      'migration-news.config.yaml': `site:\n  url: ${SITE}\nlanguages: [en]\n`,
      'r/micro.md': release({ title: 'Microseconds', date: '2026-11-27T06:00:00.123456Z', tags: '[Visas]' }),
      'r/gone.md': release({ title: 'Retracted', date: '2026-11-26T10:00:00.654321+04:00', status: 'withdrawn', withdrawn_date: '2026-11-27T11:00:00.9876543+04:00' }),
    });
    expect((await runMain(['build', 'r', '--now', NOW, '--out', 'out'], { cwd: dir })).code).toBe(0);
    const written = await listTree(join(dir, 'out'));
    // HTML's global date and time: at most three digits after the seconds' point.
    const GLOBAL = /^\d{4}-\d{2}-\d{2}(?:T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,3})?)?(?:Z|[+-]\d{2}:\d{2}))?$/;
    let times = 0;
    for (const path of written.filter((p) => p.endsWith('.html'))) {
      for (const [, value] of (await readFile(join(dir, 'out', path), 'utf8')).matchAll(/<time datetime="([^"]*)"/g)) {
        expect(value, path).toMatch(GLOBAL);
        times++;
      }
    }
    expect(times).toBeGreaterThan(3);
    expect(await readFile(join(dir, 'out', 'en', 'microseconds.html'), 'utf8')).toContain('<time datetime="2026-11-27T10:00:00.123+04:00">');
    expect(await readFile(join(dir, 'out', 'en', 'retracted.html'), 'utf8')).toContain('<time datetime="2026-11-27T11:00:00.987+04:00">');
    // The feeds and sitemaps give the same instant, as every output that gives the time to machines does.
    for (const path of ['en/feed.xml', 'en/feed.json', 'sitemap.xml', 'news-sitemap.xml', 'releases.json']) {
      expect(await readFile(join(dir, 'out', path), 'utf8'), path).toContain('2026-11-27T10:00:00.123+04:00');
    }
  });
});

describe('the feeds', () => {
  it('writes Atom 1.0 that an independent parser reads back, field by field', async () => {
    const xml = await read('en/feed.xml');
    expect(await xmlErrors(xml)).toEqual([]);
    const feed = parseFeed(xml);
    expect(feed.meta.type).toBe('atom');
    expect(feed.title).toBe('SMS Newsroom — Press releases');
    expect(feed.language).toBe('en');
    expect(xml).toContain(`<id>${SITE}en/feed.xml</id>`);
    expect(feed.self).toBe(`${SITE}en/feed.xml`);
    expect(feed.url).toBe(`${SITE}en/index.html`);
    expect(feed.updated?.toISOString()).toBe('2026-11-27T06:00:00.000Z');
    expect(feed.authors.map((a) => [a.name, a.url])).toEqual([['State Migration Service', 'https://migration.example.az']]);
    expect(feed.generator?.label).toBe('migration-news');
    expect(feed.image?.url).toBe('https://press.example.az/logo.png');
    expect(feed.items.every((i) => i.authors[0]?.name === 'State Migration Service')).toBe(true);
    // The three newest, as feedSize says.
    expect(feed.items.map((i) => i.url)).toEqual(PUBLIC_EN.slice(0, 3).map((s) => `${SITE}en/${s}.html`));
    const [alpha, bravo] = feed.items;
    expect(alpha!.id).toBe('tag:press.example.az,2026-11-27:news/en/alpha');
    expect(alpha!.title).toBe('Alpha public release');
    expect(alpha!.description).toBe('Alpha & summary <b>bold</b>');
    expect(alpha!.content).toContain('<p>Alpha body with <strong>strong</strong> text and a <a href="https://example.az/?a=1&b=2">link</a>.</p>');
    expect(alpha!.published?.toISOString()).toBe('2026-11-27T06:00:00.000Z');
    expect(alpha!.updated?.toISOString()).toBe('2026-11-27T06:00:00.000Z');
    expect(alpha!.categories.map((c) => c.term)).toEqual(['Labour migration', 'E-services']);
    expect(bravo!.id).toBe('tag:press.example.az,2026-11-20:news/en/bravo');
    expect(bravo!.published?.toISOString()).toBe('2026-11-19T20:00:00.000Z');
    // Written as the releases give their dates, in the project's time zone, as JSON Feed and the sitemaps write them.
    const json = JSON.parse(await read('en/feed.json')) as { items: { date_published: string }[] };
    expect([...xml.matchAll(/<published>([^<]*)<\/published>/g)].map((m) => m[1])).toEqual(json.items.map((i) => i.date_published));
    expect(xml).toMatch(/<updated>2026-11-27T\d\d:00:00\+04:00<\/updated>/);
    expect(xml).not.toContain('.000Z');
    // Links to the public translation only.
    expect(xml).toContain(`<link href="${SITE}az/alfa-ictimai-reliz.html" rel="alternate" type="text/html" hreflang="az" title="Alfa ictimai reliz"/>`);
    expect(xml).toMatch(/<feed xmlns="http:\/\/www.w3.org\/2005\/Atom" xml:lang="en">/);
  });

  it('writes a title that needs CDATA without the writer\'s line breaks around it, and links within a body to its page', async () => {
    const dir = await fixture({
      'migration-news.config.yaml': 'site:\n  url: https://press.example.az\n',
      'r/a.md': release({ title: 'Centre & "rules" <2026>', slug: 'centre' }, 'Body text[^1].\n\n[^1]: A note.\n'),
    });
    expect((await runMain(['build', 'r', '--out', 'out', '--now', '2026-06-01T00:00:00Z'], { cwd: dir })).code).toBe(0);
    const xml = await readFile(join(dir, 'out/en/feed.xml'), 'utf8');
    expect(xml).toContain('<title type="text"><![CDATA[Centre & "rules" <2026>]]></title>');
    expect(xml).toMatch(/<content type="html"><!\[CDATA\[<p>Body text/);
    expect(parseFeed(xml).items[0]!.title).toBe('Centre & "rules" <2026>');
    const page = 'https://press.example.az/en/centre.html';
    expect(xml).toContain(`href="${page}#fn-1"`);
    expect(xml).toContain(`href="${page}#fn-ref-1"`);
    expect(xml).not.toMatch(/href="#/);
    const json = JSON.parse(await readFile(join(dir, 'out/en/feed.json'), 'utf8')) as { items: { content_html: string }[] };
    expect(json.items[0]!.content_html).toContain(`href="${page}#fn-1"`);
    // The page itself keeps its links within itself.
    expect(await readFile(join(dir, 'out/en/centre.html'), 'utf8')).toContain('href="#fn-1"');
  });

  it('point their Newer and Older arrows the way a right-to-left page reads, and a left-to-right one', async () => {
    const english = await readFile(join(ROOT, 'templates', 'default', 'labels', 'en.yaml'), 'utf8');
    const releases = (lang: string) => Object.fromEntries([1, 2, 3].map((n) => [`r/${lang}-${n}.md`, release({ id: `r${n}`, lang, title: `Release number ${n}`, slug: `r${n}`, date: `2026-05-0${n}` })]));
    const dir = await fixture({
      'migration-news.config.yaml': 'site:\n  url: https://press.example.az\n  pageSize: 1\nlanguages: [en, fa]\n',
      'templates/default/labels/fa.yaml': english,
      ...releases('en'),
      ...releases('fa'),
    });
    expect((await runMain(['build', 'r', '--out', 'out', '--now', '2026-06-01T00:00:00Z'], { cwd: dir })).code).toBe(0);
    const arrows = async (lang: string) => {
      const page = await readFile(join(dir, `out/${lang}/page/2.html`), 'utf8');
      return [/rel="prev">([^ <]+) Newer</.exec(page)?.[1], /rel="next">Older ([^ <]+)</.exec(page)?.[1]];
    };
    // A right-to-left page reads from the right: newer pages lie to its right, older ones to its left.
    expect(await arrows('fa')).toEqual(['→', '←']);
    expect(await arrows('en')).toEqual(['←', '→']);
  });

  it('hold a right-to-left language\'s bodies in dir="rtl", which neither Atom nor JSON Feed can say, and leave others as they are', async () => {
    const english = await readFile(join(ROOT, 'templates', 'default', 'labels', 'en.yaml'), 'utf8');
    const dir = await fixture({
      'migration-news.config.yaml': 'site:\n  url: https://press.example.az\nlanguages: [en, fa]\n',
      'templates/default/labels/fa.yaml': english,
      'r/en.md': release({ id: 'centre', title: 'Centre opens' }, '- one\n- two\n'),
      'r/fa.md': release({ id: 'centre', lang: 'fa', title: 'افتتاح مرکز', slug: 'markaz' }, '- یک\n- دو\n'),
    });
    expect((await runMain(['build', 'r', '--out', 'out', '--now', '2026-06-01T00:00:00Z'], { cwd: dir })).code).toBe(0);
    // Before, the Persian list reached the reader's frame with nothing to say its direction, and was shown left to right.
    const atom = parseFeed(await readFile(join(dir, 'out/fa/feed.xml'), 'utf8'));
    expect(atom.items[0]!.content).toMatch(/^<div dir="rtl">\n<ul>\n<li>یک<\/li>[\s\S]*<\/ul>\n<\/div>\n?$/);
    const json = JSON.parse(await readFile(join(dir, 'out/fa/feed.json'), 'utf8')) as { items: { content_html: string }[] };
    expect(json.items[0]!.content_html).toMatch(/^<div dir="rtl">\n<ul>/);
    const en = JSON.parse(await readFile(join(dir, 'out/en/feed.json'), 'utf8')) as { items: { content_html: string }[] };
    expect(en.items[0]!.content_html).toMatch(/^<ul>/);
  });

  it('carry a release\'s lead image at its page\'s og:image address: an Atom enclosure with its type, and its length when copied, and JSON Feed\'s image', async () => {
    const project = await fixture({
      'migration-news.config.yaml': `site:\n  url: ${SITE}\n`,
      'r/local.md': release({ title: 'Local photo', slug: 'local', date: '2026-11-27', image: '\n  src: photos/queue.png\n  alt: The queue' }),
      'r/photos/queue.png': png(12, 8),
      'r/remote.md': release({ title: 'Remote photo', slug: 'remote', date: '2026-11-26', image: '\n  src: https://cdn.example.org/photos/Hall.JPG\n  alt: The hall' }),
      // From the server's root, as the page's own address leads there.
      'r/rooted.md': release({ title: 'Rooted', slug: 'rooted', date: '2026-11-25', image: '\n  src: /media/map.webp\n  alt: A map' }),
      'r/unknown.md': release({ title: 'No extension', slug: 'unknown', date: '2026-11-24', image: '\n  src: "https://cdn.example.org/image?id=7"\n  alt: A photo' }),
      'r/none.md': release({ title: 'No image', slug: 'none', date: '2026-11-23' }),
      'r/draft.md': release({ title: 'Draft photo', slug: 'draft', date: '2026-11-27', status: 'draft', image: '\n  src: https://cdn.example.org/secret.jpg\n  alt: Secret' }),
    });
    const result = await runMain(['build', 'r', '--now', NOW], { cwd: project });
    expect(result.code, result.stdout + result.stderr).toBe(0);
    const at = (p: string) => readFile(join(project, 'dist', p), 'utf8');
    const expected: Record<string, { url: string; type: string | null; length: number | null } | null> = {
      'Local photo': { url: `${SITE}en/local/queue.png`, type: 'image/png', length: png(12, 8).length },
      'Remote photo': { url: 'https://cdn.example.org/photos/Hall.JPG', type: 'image/jpeg', length: null },
      Rooted: { url: 'https://press.example.az/media/map.webp', type: 'image/webp', length: null },
      'No extension': { url: 'https://cdn.example.org/image?id=7', type: null, length: null },
      'No image': null,
    };
    const xml = await at('en/feed.xml');
    expect(await xmlErrors(xml)).toEqual([]);
    const atom = parseFeed(xml);
    expect(Object.fromEntries(atom.items.map((i) => [i.title, i.media[0] ? { url: i.media[0].url, type: i.media[0].mimeType, length: i.media[0].length } : null]))).toEqual(expected);
    // A reader takes an enclosure of an image type as the item's picture.
    expect(atom.items.find((i) => i.title === 'Local photo')!.image?.url).toBe(`${SITE}en/local/queue.png`);
    const json = JSON.parse(await at('en/feed.json')) as { items: { title: string; image?: string }[] };
    expect(Object.fromEntries(json.items.map((i) => [i.title, i.image ?? null]))).toEqual(Object.fromEntries(Object.entries(expected).map(([title, image]) => [title, image?.url ?? null])));
    for (const [slug, title] of [['local', 'Local photo'], ['remote', 'Remote photo'], ['rooted', 'Rooted'], ['unknown', 'No extension']] as const) {
      expect(/<meta property="og:image" content="([^"]+)">/.exec(await at(`en/${slug}.html`))?.[1], slug).toBe(expected[title]!.url);
    }
    expect(xml + await at('en/feed.json')).not.toContain('secret.jpg');
  });

  it('writes JSON Feed 1.1 with every required field', async () => {
    const feed = JSON.parse(await read('en/feed.json')) as Record<string, unknown> & { items: Record<string, unknown>[] };
    expect(feed.version).toBe('https://jsonfeed.org/version/1.1');
    expect(feed.title).toBe('SMS Newsroom — Press releases');
    expect(feed.home_page_url).toBe(`${SITE}en/index.html`);
    expect(feed.feed_url).toBe(`${SITE}en/feed.json`);
    expect(feed.language).toBe('en');
    expect(feed.authors).toEqual([{ name: 'State Migration Service', url: 'https://migration.example.az' }]);
    expect(feed.items.map((i) => i.url)).toEqual(PUBLIC_EN.slice(0, 3).map((s) => `${SITE}en/${s}.html`));
    for (const item of feed.items) {
      expect(typeof item.id).toBe('string');
      expect(typeof item.content_html).toBe('string');
      expect(item.date_published).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}[+-]\d{2}:\d{2}$/);
    }
    expect(feed.items[0]).toMatchObject({ id: 'tag:press.example.az,2026-11-27:news/en/alpha', title: 'Alpha public release', summary: 'Alpha & summary <b>bold</b>', tags: ['Labour migration', 'E-services'], date_published: '2026-11-27T10:00:00+04:00', language: 'en' });
  });
});

describe('the sitemaps', () => {
  it('list every public page, valid against the sitemaps.org schema, with hreflang pairs and x-default', async () => {
    const xml = await read('sitemap.xml');
    expect(await sitemapSchemaErrors(xml)).toEqual([]);
    const locs = [...xml.matchAll(/<loc>([^<]+)<\/loc>/g)].map((m) => m[1]!.slice(SITE.length));
    const pages = tree.filter((p) => p.endsWith('.html'));
    expect([...locs].sort()).toEqual(pages);
    const block = (path: string) => xml.split('<url>').find((u) => u.includes(`<loc>${SITE}${path}</loc>`))!;
    const alpha = block('en/alpha-public-release.html');
    expect([...alpha.matchAll(/hreflang="([^"]+)" href="([^"]+)"/g)].map((m) => `${m[1]} ${m[2]!.slice(SITE.length)}`)).toEqual([
      'az az/alfa-ictimai-reliz.html', 'en en/alpha-public-release.html', 'x-default az/alfa-ictimai-reliz.html',
    ]);
    expect(block('az/alfa-ictimai-reliz.html')).toContain(`hreflang="en" href="${SITE}en/alpha-public-release.html"`);
    expect(block('en/bravo-release.html')).not.toContain('xhtml:link');
    expect(block('en/index.html')).toContain(`hreflang="x-default" href="${SITE}index.html"`);
    expect(alpha).toContain('<lastmod>2026-11-27T10:00:00+04:00</lastmod>');
  });

  it('date every page of a listing by its newest release, which moved each of them down when it came out', async () => {
    const xml = await read('sitemap.xml');
    const lastmod = (path: string) => /<lastmod>([^<]+)<\/lastmod>/.exec(xml.split('<url>').find((u) => u.includes(`<loc>${SITE}${path}</loc>`))!)?.[1];
    // Alpha (27 November) put charlie and echo on pages 2 and 3 and made the listing three pages long: each page changed that day.
    for (const page of ['en/index.html', 'en/page/2.html', 'en/page/3.html']) expect(lastmod(page), page).toBe('2026-11-27T10:00:00+04:00');
    // Likewise a tag's later pages, which move when a release with the tag comes out.
    const dir = await fixture({
      'migration-news.config.yaml': `site:\n  url: ${SITE}\n  pageSize: 1\nlanguages: [en]\n`,
      'r/a.md': release({ title: 'Newest', date: '2026-11-27', tags: '[Visas]' }),
      'r/b.md': release({ title: 'Older', date: '2026-11-01', tags: '[Visas]' }),
    });
    expect((await runMain(['build', 'r', '--now', NOW], { cwd: dir })).code).toBe(0);
    const tagged = await readFile(join(dir, 'dist', 'sitemap.xml'), 'utf8');
    const tagPage = tagged.split('<url>').find((u) => u.includes(`<loc>${SITE}en/tags/visas/page/2.html</loc>`))!;
    expect(tagPage).toContain('<lastmod>2026-11-27T00:00:00+04:00</lastmod>');
  });

  it('never date a page back when a release withdrawn after it went out leaves it: it changed on its withdrawn_date, in an incremental build as in a fresh one', async () => {
    const config = `site:\n  url: ${SITE}\nlanguages: [en]\n`;
    const dir = await fixture({
      'migration-news.config.yaml': config,
      'r/keep.md': release({ title: 'Kept release', date: '2026-11-01', tags: '[Visas, Quotas]' }),
      'r/gone.md': release({ title: 'Soon retracted', date: '2026-11-20T15:00:00+04:00', tags: '[Visas]' }),
      'r/held.md': release({ title: 'Held back', date: '2026-11-02', tags: '[Quotas]' }),
    });
    const env = { XDG_CACHE_HOME: join(dir, '.cache') };
    // Each sitemap read, checked against the schema at the end in one run of the validator.
    const sitemaps: string[] = [];
    const lastmods = async (out: string) => {
      const xml = await readFile(join(dir, out, 'sitemap.xml'), 'utf8');
      sitemaps.push(xml);
      return Object.fromEntries([...xml.matchAll(/<loc>([^<]+)<\/loc>\n\s*<lastmod>([^<]+)<\/lastmod>/g)].map((m) => [m[1]!.slice(SITE.length), m[2]!]));
    };
    expect((await runMain(['build', 'r', '--now', NOW, '--out', 'out'], { cwd: dir, env })).code).toBe(0);
    const before = await lastmods('out');
    expect([before['index.html'], before['en/index.html'], before['en/tags/visas.html'], before['en/tags/quotas.html']]).toEqual([
      '2026-11-20T15:00:00+04:00', '2026-11-20T15:00:00+04:00', '2026-11-20T15:00:00+04:00', '2026-11-02T00:00:00+04:00',
    ]);

    // Withdrawn on the day after: the pages it was on changed then, later than their newest release left, and later than before.
    await writeFile(join(dir, 'r/gone.md'), release({ title: 'Soon retracted', date: '2026-11-20T15:00:00+04:00', tags: '[Visas]', status: 'withdrawn', withdrawn_date: '2026-11-21' }));
    // One taken back to draft, or withdrawn without a date, says nothing of when it left, and nothing of it is written.
    await writeFile(join(dir, 'r/held.md'), release({ title: 'Held back', date: '2026-11-02', tags: '[Quotas]', status: 'draft' }));
    const incremental = await runMain(['build', 'r', '--now', NOW, '--out', 'out'], { cwd: dir, env });
    expect(incremental.code, incremental.stdout + incremental.stderr).toBe(0);
    const after = await lastmods('out');
    expect([after['index.html'], after['en/index.html'], after['en/tags/visas.html']]).toEqual(['2026-11-21T00:00:00+04:00', '2026-11-21T00:00:00+04:00', '2026-11-21T00:00:00+04:00']);
    for (const page of ['index.html', 'en/index.html', 'en/tags/visas.html']) expect(Date.parse(after[page]!), page).toBeGreaterThanOrEqual(Date.parse(before[page]!));
    // A fresh build of the same files writes the same sitemap, and names neither release taken down.
    expect((await runMain(['build', 'r', '--now', NOW, '--out', 'fresh'], { cwd: dir })).code).toBe(0);
    const sitemap = await readFile(join(dir, 'out', 'sitemap.xml'), 'utf8');
    expect(await readFile(join(dir, 'fresh', 'sitemap.xml'), 'utf8')).toBe(sitemap);
    for (const secret of ['soon-retracted', 'held-back', '2026-11-02']) expect(sitemap).not.toContain(secret);
    expect(await sitemapSchemaErrorsEach(sitemaps)).toEqual([[], []]);
  });

  it('never date the home page back when the last release of a language is withdrawn, taking its section off the home page', async () => {
    const dir = await fixture({
      'migration-news.config.yaml': `site:\n  url: ${SITE}\nlanguages: [en, ru]\n`,
      'r/keep.md': release({ title: 'Kept release', date: '2026-11-01' }),
      'r/gone.md': release({ title: 'Только русский', date: '2026-11-20', lang: 'ru' }),
    });
    const env = { XDG_CACHE_HOME: join(dir, '.cache') };
    const home = async (out: string) => /<loc>[^<]*\/index\.html<\/loc>\n\s*<lastmod>([^<]+)<\/lastmod>/.exec(await readFile(join(dir, out, 'sitemap.xml'), 'utf8'))?.[1];
    expect((await runMain(['build', 'r', '--now', NOW, '--out', 'out'], { cwd: dir, env })).code).toBe(0);
    expect(await home('out')).toBe('2026-11-20T00:00:00+04:00');
    await writeFile(join(dir, 'r/gone.md'), release({ title: 'Только русский', date: '2026-11-20', lang: 'ru', status: 'withdrawn', withdrawn_date: '2026-11-25' }));
    expect((await runMain(['build', 'r', '--now', NOW, '--out', 'out'], { cwd: dir, env })).code).toBe(0);
    expect(await readFile(join(dir, 'out', 'index.html'), 'utf8')).not.toContain('ru/index.html');
    expect(await home('out')).toBe('2026-11-25T00:00:00+04:00');
    expect((await runMain(['build', 'r', '--now', NOW, '--out', 'fresh'], { cwd: dir })).code).toBe(0);
    expect(await readFile(join(dir, 'fresh', 'sitemap.xml'), 'utf8')).toBe(await readFile(join(dir, 'out', 'sitemap.xml'), 'utf8'));
  });

  it('and the feeds it left are dated by its withdrawal too, only when the feed carried it', async () => {
    const config = (feedSize: number) => `site:\n  url: ${SITE}\n  feedSize: ${feedSize}\nlanguages: [en]\n`;
    const files = (status: 'published' | 'withdrawn') => ({
      'r/old.md': release({ title: 'Oldest release', date: '2026-10-01' }),
      'r/keep.md': release({ title: 'Kept release', date: '2026-11-01' }),
      'r/gone.md': release({ title: 'Soon retracted', date: '2026-11-20T15:00:00+04:00', ...(status === 'withdrawn' ? { status, withdrawn_date: '2026-11-21' } : {}) }),
    });
    const updated = async (dir: string, out: string) => /^ {2}<updated>([^<]+)<\/updated>/m.exec(await readFile(join(dir, out, 'en', 'feed.xml'), 'utf8'))?.[1];
    // The newest release withdrawn the day after it went out: the feed it was in changed then, in an incremental build as in a fresh one.
    const dir = await fixture({ 'migration-news.config.yaml': config(2), ...files('published') });
    const env = { XDG_CACHE_HOME: join(dir, '.cache') };
    expect((await runMain(['build', 'r', '--now', NOW, '--out', 'out'], { cwd: dir, env })).code).toBe(0);
    expect(await updated(dir, 'out')).toBe('2026-11-20T15:00:00+04:00');
    await writeFile(join(dir, 'r/gone.md'), files('withdrawn')['r/gone.md']);
    expect((await runMain(['build', 'r', '--now', NOW, '--out', 'out'], { cwd: dir, env })).code).toBe(0);
    expect(await updated(dir, 'out')).toBe('2026-11-21T00:00:00+04:00');
    expect((await runMain(['build', 'r', '--now', NOW, '--out', 'fresh'], { cwd: dir })).code).toBe(0);
    expect(await readFile(join(dir, 'fresh', 'en', 'feed.xml'), 'utf8')).toBe(await readFile(join(dir, 'out', 'en', 'feed.xml'), 'utf8'));
    // A feed of the newest release alone never carried the oldest: withdrawing that one leaves the feed as it was.
    const narrow = await fixture({ 'migration-news.config.yaml': config(1), ...files('published'), 'r/old.md': release({ title: 'Oldest release', date: '2026-10-01', status: 'withdrawn', withdrawn_date: '2026-11-25' }) });
    expect((await runMain(['build', 'r', '--now', NOW], { cwd: narrow })).code).toBe(0);
    expect(await updated(narrow, 'dist')).toBe('2026-11-20T15:00:00+04:00');
  });

  it('date no page or feed after the build\'s clock when a release\'s withdrawal is dated later: it left them by then', async () => {
    const dir = await fixture({
      'migration-news.config.yaml': `site:\n  url: ${SITE}\nlanguages: [en]\n`,
      'r/keep.md': release({ title: 'Kept release', date: '2026-11-01', tags: '[Visas]' }),
      'r/gone.md': release({ title: 'Soon retracted', date: '2026-11-20', tags: '[Visas]', status: 'withdrawn', withdrawn_date: '2026-12-15' }),
    });
    const dates = async (out: string) => {
      const xml = await readFile(join(dir, out, 'sitemap.xml'), 'utf8');
      const feed = await readFile(join(dir, out, 'en', 'feed.xml'), 'utf8');
      return [...[...xml.matchAll(/<lastmod>([^<]+)<\/lastmod>/g)].map((m) => m[1]!), /^ {2}<updated>([^<]+)<\/updated>/m.exec(feed)![1]!];
    };
    expect((await runMain(['build', 'r', '--now', NOW, '--out', 'out'], { cwd: dir })).code).toBe(0);
    expect((await dates('out')).sort()).toEqual([...Array(4).fill('2026-11-28T12:00:00+04:00'), '2026-11-01T00:00:00+04:00'].sort());
    // Once the clock has passed it, the withdrawal dates them, later still.
    expect((await runMain(['build', 'r', '--now', '2026-12-20T12:00:00+04:00', '--out', 'out'], { cwd: dir })).code).toBe(0);
    expect((await dates('out')).sort()).toEqual([...Array(4).fill('2026-12-15T00:00:00+04:00'), '2026-11-01T00:00:00+04:00'].sort());
  });

  it('warn of a withdrawal dated later than --now, which takes the release down at once, until the clock reaches it, incremental builds too', async () => {
    const dir = await fixture({
      'migration-news.config.yaml': `site:\n  url: ${SITE}\nlanguages: [en]\n`,
      'r/keep.md': release({ title: 'Kept release', date: '2026-11-01' }),
      'r/gone.md': release({ title: 'Soon retracted', date: '2026-11-20', status: 'withdrawn', withdrawn_date: '2026-12-15' }),
    });
    const env = { XDG_CACHE_HOME: join(dir, '.cache') };
    const early = await runMain(['build', 'r', '--now', NOW, '--out', 'out'], { cwd: dir, env });
    expect(early.code).toBe(0);
    expect(early.stdout).toContain('The release is "withdrawn" with a `withdrawn_date` still to come, 2026-12-15: its pages are taken down now, not on that day, and its withdrawal notice says it was withdrawn on a day that has not come.');
    const late = await runMain(['build', 'r', '--now', '2026-12-20T12:00:00+04:00', '--out', 'out'], { cwd: dir, env });
    expect(late.code).toBe(0);
    expect(late.stdout).not.toContain('publication/withdrawn-future');
    // And back: a build with the earlier clock warns again.
    expect((await runMain(['build', 'r', '--now', NOW, '--out', 'out'], { cwd: dir, env })).stdout).toContain('publication/withdrawn-future');
  });

  it('take no date from a release withdrawn before its embargo lifted, which was never on a page', async () => {
    const dir = await fixture({
      'migration-news.config.yaml': `site:\n  url: ${SITE}\nlanguages: [en]\n`,
      'r/keep.md': release({ title: 'Kept release', date: '2026-11-01', tags: '[Visas]' }),
      'r/never.md': release({ title: 'Never out', date: '2026-11-20', tags: '[Visas]', status: 'withdrawn', embargo: '2026-11-25T09:00:00+04:00', withdrawn_date: '2026-11-24' }),
    });
    expect((await runMain(['build', 'r', '--now', NOW], { cwd: dir })).code).toBe(0);
    const xml = await readFile(join(dir, 'dist', 'sitemap.xml'), 'utf8');
    expect([...xml.matchAll(/<lastmod>([^<]+)<\/lastmod>/g)].map((m) => m[1])).toEqual(Array(4).fill('2026-11-01T00:00:00+04:00'));
  });

  it('name the x-default of a release that its pages name, and none for a release in one language', async () => {
    const xml = await read('sitemap.xml');
    const manifest = JSON.parse(await read('releases.json')) as { releases: { url: string }[] };
    const xDefault = (text: string) => /hreflang="x-default" href="([^"]+)"/.exec(text)?.[1] ?? null;
    const named: (string | null)[] = [];
    for (const { url } of manifest.releases) {
      const page = await read(url.slice(SITE.length));
      const head = page.slice(0, page.indexOf('</head>'));
      expect(xDefault(head), url).toBe(xDefault(xml.split('<url>').find((u) => u.includes(`<loc>${url}</loc>`))!));
      named.push(xDefault(head));
    }
    // Both versions of alpha name the Azerbaijani one, az being the first of the config's languages; the other releases have no translations.
    expect(named).toEqual([`${SITE}az/alfa-ictimai-reliz.html`, `${SITE}az/alfa-ictimai-reliz.html`, null, null, null, null, null]);
  });

  it('put only the releases of the two days before --now in the Google News sitemap, valid against its schema', async () => {
    const xml = await read('news-sitemap.xml');
    expect(await sitemapSchemaErrors(xml)).toEqual([]);
    expect([...xml.matchAll(/<loc>([^<]+)<\/loc>/g)].map((m) => m[1]!.slice(SITE.length))).toEqual(['az/alfa-ictimai-reliz.html', 'en/alpha-public-release.html']);
    expect(xml).toContain('<news:name>SMS Newsroom</news:name>');
    expect(xml).toContain('<news:name>DMX Mətbuat</news:name>');
    expect(xml).toContain('<news:language>az</news:language>');
    expect(xml).toContain('<news:publication_date>2026-11-27T10:00:00+04:00</news:publication_date>');
    expect(xml).toContain('<news:title>Alpha public release</news:title>');
    // Google News names Chinese by its script's region only.
    expect(['zh', 'zh-Hans', 'zh-CN', 'zh-Hant', 'zh-TW', 'en-GB', 'pt-BR'].map(newsLanguage)).toEqual(['zh-cn', 'zh-cn', 'zh-cn', 'zh-tw', 'zh-tw', 'en', 'pt']);
  });

  it('give each tag as one keyword in the Google News sitemap, a comma within it not splitting it in two', async () => {
    const dir = await fixture({
      'migration-news.config.yaml': `site:\n  url: ${SITE}\nlanguages: [en]\n`,
      'r/a.md': release({ title: 'Permits', date: '2026-11-27', tags: '["Visas, work permits", Baku ,  "Residence,permits"]' }),
      'r/b.md': release({ title: 'Commas', date: '2026-11-27', tags: '[","]' }),
    });
    expect((await runMain(['build', 'r', '--now', NOW], { cwd: dir })).code).toBe(0);
    const xml = await readFile(join(dir, 'dist', 'news-sitemap.xml'), 'utf8');
    expect(await sitemapSchemaErrors(xml)).toEqual([]);
    expect(xml).toContain('<news:keywords>Visas work permits, Baku, Residence permits</news:keywords>');
    // A tag of punctuation alone is no keyword, and a release with no other tag has no keywords element.
    expect(xml.split('<url>').find((u) => u.includes('en/commas.html'))).not.toContain('news:keywords');
    // The page's JSON-LD lists the tags as they are, one keyword each, as schema.org's repeated property does.
    const page = await readFile(join(dir, 'dist', 'en', 'permits.html'), 'utf8');
    const jsonld = JSON.parse(/<script type="application\/ld\+json">([\s\S]*?)<\/script>/.exec(page)![1]!) as { keywords?: unknown };
    expect(jsonld.keywords).toEqual(['Visas, work permits', 'Baku', 'Residence,permits']);
  });

  it('put each release\'s versions in language order once, for all of its versions', () => {
    const languages = ['az', 'en', 'ru', 'fa'];
    const entries = languages.map((lang) => siteEntry({ id: 'r', lang, slug: `r-${lang}`, title: 'R', date: '2026-01-01', summary: undefined, location: undefined, tags: undefined }, 'Asia/Baku', null));
    // A sort looks up both languages of each pair it compares in the config's list: the lookups count the sorts.
    let lookups = 0;
    class CountedLanguages extends Array<string> {
      override indexOf(language: string, from?: number): number {
        lookups++;
        return super.indexOf(language, from);
      }
    }
    const counted = CountedLanguages.from(languages);
    inLanguageOrder(entries, counted);
    const oneSort = lookups;
    lookups = 0;
    const sites = languages.map((lang) => ({ lang, entries: entries.filter((e) => e.lang === lang), pages: [], tags: new Map() }));
    const urls = sitemapUrls(sites, counted, false);
    // Before, two sorts for each of the four versions: eight.
    expect(lookups).toBe(oneSort);
    expect(urls.map((url) => url.alternates.map((a) => a.hreflang).join(' '))).toEqual(languages.map(() => 'az en ru fa x-default'));
  });

  it('date thousands of tag pages by thousands of releases withdrawn from them in time that grows with their number, not its square', () => {
    const tags = Array.from({ length: 10_000 }, (_, i) => `Tag number ${i}`);
    const entries = Array.from({ length: 100 }, (_, i) => siteEntry({ id: `r${i}`, lang: 'en', slug: `r-${i}`, title: `R ${i}`, date: '2026-11-01', summary: undefined, location: undefined, tags: tags.slice(i * 100, i * 100 + 100), aliases: [] }, 'Asia/Baku', null));
    const departures = tags.map((_, i) => ({ lang: 'en', tags: [0, 1, 2, 3, 4].map((j) => tags[(i + j) % tags.length]!), dateIso: '2026-11-10T00:00:00+04:00', instant: Date.parse('2026-11-10T00:00:00+04:00'), published: 0 }));
    const sites = planListings(entries, ['en'], 20);
    const started = performance.now();
    const urls = sitemapUrls(sites, ['en'], true, departures);
    expect(performance.now() - started).toBeLessThan(3_000);
    const tagPages = urls.filter((url) => url.path.startsWith('en/tags/'));
    expect(tagPages).toHaveLength(10_000);
    expect(new Set(tagPages.map((url) => url.lastmod))).toEqual(new Set(['2026-11-10T00:00:00+04:00']));
  });

  it('become a sitemap index over parts when the URLs go over one file\'s limit', async () => {
    const entries = Array.from({ length: 7 }, (_, i) => siteEntry({ id: `r${i}`, lang: 'en', slug: `r-${i}`, title: `R & ${i}`, date: `2026-01-0${i + 1}`, summary: undefined, location: undefined, tags: undefined }, 'Asia/Baku', null));
    const urls: SitemapUrl[] = sitemapUrls(planListings(entries, ['en'], 20), ['en']);
    const files = sitemapFiles(urls, SITE, { urls: 3, bytes: 52_428_800 });
    expect(files.map((f) => f.path)).toEqual(['sitemap.xml', 'sitemap-1.xml', 'sitemap-2.xml', 'sitemap-3.xml']);
    expect(await sitemapSchemaErrors(files[0]!.content, 'index')).toEqual([]);
    expect(files[0]!.content).toContain(`<loc>${SITE}sitemap-2.xml</loc>`);
    // One run of the validator for the three parts.
    expect(await sitemapSchemaErrorsEach(files.slice(1).map((part) => part.content))).toEqual(files.slice(1).map(() => []));
    const inParts = files.slice(1).flatMap((f) => [...f.content.matchAll(/<loc>([^<]+)<\/loc>/g)].map((m) => m[1]));
    expect(inParts).toHaveLength(urls.length);
    // The protocol's own limit: 50,000 URLs in one file, so 50,001 need an index.
    const many = Array.from({ length: 50_001 }, (_, i) => ({ path: `en/r-${i}.html`, lastmod: null, alternates: [] }));
    expect(sitemapFiles(many, SITE).map((f) => f.path)).toEqual(['sitemap.xml', 'sitemap-1.xml', 'sitemap-2.xml']);
    expect(sitemapFiles(many.slice(1), SITE).map((f) => f.path)).toEqual(['sitemap.xml']);
  });
});

describe('releases.json', () => {
  it('lists every public release newest first with its translations and files', async () => {
    const manifest = JSON.parse(await read('releases.json')) as { format: string; version: number; count: number; releases: { id: string; lang: string; slug: string; url: string; translations: { lang: string; url: string }[]; files: string[] }[] };
    expect(manifest.format).toBe('migration-news/releases');
    expect(manifest.version).toBe(1);
    expect(manifest.releases.map((r) => `${r.lang}/${r.slug}`)).toEqual([
      'az/alfa-ictimai-reliz', 'en/alpha-public-release', 'en/bravo-release', 'en/charlie-release', 'ru/gamma-opublikovana', 'en/delta-release', 'en/echo-release',
    ]);
    expect(manifest.count).toBe(7);
    const alpha = manifest.releases[1]!;
    expect(alpha).toMatchObject({ id: 'alpha', url: `${SITE}en/alpha-public-release.html`, files: ['en/alpha-public-release.html', 'en/alpha-public-release.json'] });
    expect(alpha.translations).toEqual([{ lang: 'az', slug: 'alfa-ictimai-reliz', url: `${SITE}az/alfa-ictimai-reliz.html`, title: 'Alfa ictimai reliz' }]);
    for (const r of manifest.releases) for (const f of r.files) expect(tree).toContain(f);
  });
});

describe('the site of a preview', () => {
  /** Every site file of a build (listings, pagination, tag pages, home, feeds, sitemaps, manifest), as path → content. */
  async function siteFiles(root: string): Promise<Map<string, string>> {
    const paths = (await readdir(root, { recursive: true })).map((f) => f.split('\\').join('/')).filter((f) => f.includes('.') && isSiteFile(f) && !f.startsWith('.'));
    return new Map(await Promise.all(paths.sort().map(async (p) => [p, await readFile(join(root, p), 'utf8')] as const)));
  }

  for (const [mode, shown] of [['--drafts', ['Hidden draft notice', 'Secret embargoed plan', 'Retracted statement', 'Pending review item']], ['--embargoed', ['Secret embargoed plan']]] as const) {
    it(`${mode} writes the unpublished releases' own pages, and lists only the public ones in every site file`, async () => {
      const folder = `preview${mode}`;
      const result = await runMain(['build', 'r', '--now', NOW, '--format', 'html,json', mode, '--out', folder], { cwd: dir });
      expect(result.code, result.stdout + result.stderr).toBe(0);
      const root = join(dir, folder);
      // The preview has the releases themselves …
      const pages = await Promise.all((await readdir(join(root, 'en'))).filter((f) => f.endsWith('.html')).map((f) => readFile(join(root, 'en', f), 'utf8')));
      for (const title of shown) expect(pages.some((p) => p.includes(`<h1>${title}</h1>`)), title).toBe(true);
      // … and the same site as the public build: every site file has the same list of releases.
      const site = await siteFiles(root);
      expect([...site.keys()]).toEqual(tree.filter((f) => isSiteFile(f) && !f.startsWith('.')));
      for (const [path, content] of site) {
        for (const secret of SECRETS) expect(content.includes(secret), `${secret} in ${path}`).toBe(false);
        if (path.endsWith('.html')) expect(listed(content), path).toEqual(listed(await read(path)));
      }
      const urls = (xml: string) => [...xml.matchAll(/<loc>([^<]+)<\/loc>/g)].map((m) => m[1]);
      for (const path of ['sitemap.xml', 'news-sitemap.xml']) expect(urls(site.get(path)!), path).toEqual(urls(await read(path)));
      expect(parseFeed(site.get('en/feed.xml')!).items.map((i) => i.id)).toEqual(parseFeed(await read('en/feed.xml')).items.map((i) => i.id));
      const manifest = (json: string) => (JSON.parse(json) as { releases: { lang: string; slug: string; translations: { slug: string }[] }[] }).releases.map((r) => `${r.lang}/${r.slug} ${r.translations.map((t) => t.slug).join(',')}`);
      expect(manifest(site.get('releases.json')!)).toEqual(manifest(await read('releases.json')));
      expect(site.get('en/page/2.html')).toContain('Page 2 of 3');
    });
  }
});

describe('a release withdrawn after it was public', () => {
  it('keeps its address with a notice and leaves every listing, feed, sitemap, tag page and the manifest', async () => {
    const project = await fixture({
      'migration-news.config.yaml': `site:\n  url: ${SITE}\n  pageSize: 1\nlanguages: [en, az]\n`,
      'r/keep.md': release({ title: 'Kept release', date: '2026-11-20', tags: '[Visas]' }),
      'r/gone.md': release({ title: 'Soon retracted', date: '2026-11-27', tags: '[Retraction topic]' }),
      'r/gone.az.md': release({ title: 'Tezliklə geri çağırılan', date: '2026-11-27', lang: 'az', id: 'gone' }),
    });
    expect((await runMain(['build', 'r', '--now', NOW], { cwd: project })).code).toBe(0);
    const out = join(project, 'dist');
    expect(await readFile(join(out, 'en/index.html'), 'utf8')).toContain('Soon retracted');
    expect(await readFile(join(out, 'en/page/2.html'), 'utf8')).toContain('Kept release');

    await writeFile(join(project, 'r/gone.md'), release({ title: 'Soon retracted', date: '2026-11-27', tags: '[Retraction topic]', status: 'withdrawn', withdrawn_date: '2026-11-28', withdrawn_reason: 'Published in error.' }));
    const result = await runMain(['build', 'r', '--now', NOW], { cwd: project });
    expect(result.code, result.stdout + result.stderr).toBe(0);
    const notice = await readFile(join(out, 'en/soon-retracted.html'), 'utf8');
    expect(notice).toContain('Published in error.');
    // Kept for the links people have, not for search engines: it is in no sitemap (below), and asks not to be indexed.
    expect(notice).toContain('<meta name="robots" content="noindex">');
    const built = (await readdir(out, { recursive: true })).map((f) => f.split('\\').join('/')).filter((f) => f.includes('.') && !f.startsWith('.'));
    // The listing shrank to one page, the tag page went, the Azerbaijani version no longer points at it.
    expect(built).not.toContain('en/page/2.html');
    expect(built).not.toContain('en/tags/retraction-topic.html');
    for (const path of built.filter(isSiteFile)) {
      const content = await readFile(join(out, path), 'utf8');
      for (const secret of ['Soon retracted', 'soon-retracted', 'Retraction topic', 'retraction-topic']) expect(content.includes(secret), `${secret} in ${path}`).toBe(false);
    }
    expect(await readFile(join(out, 'az/tezlikle-geri-chagirilan.html'), 'utf8')).not.toContain('soon-retracted');
    expect(listed(await readFile(join(out, 'en/index.html'), 'utf8'))).toEqual(['kept-release']);
  });
});

describe('builds without the site pages', () => {
  // The two tests of the email set read one build of it, which neither changes.
  let email: ReturnType<typeof runMain> | undefined;
  const emailBuild = () => (email ??= runMain(['build', 'r', '--now', NOW, '--template', 'email', '--format', 'html', '--out', 'email-out'], { cwd: dir }));

  it('with the email set: release pages, feeds, a sitemap of the pages that exist and releases.json', async () => {
    const result = await emailBuild();
    expect(result.code, result.stdout).toBe(0);
    const built = (await readdir(join(dir, 'email-out'), { recursive: true })).map((f) => f.split('\\').join('/')).filter((f) => f.includes('.')).sort();
    expect(built.filter((f) => f.endsWith('.html') && (f === 'index.html' || /\/(index|tags\/|page\/)/.test(f)))).toEqual([]);
    const sitemap = await readFile(join(dir, 'email-out', 'sitemap.xml'), 'utf8');
    expect(await sitemapSchemaErrors(sitemap)).toEqual([]);
    const locs = [...sitemap.matchAll(/<loc>([^<]+)<\/loc>/g)].map((m) => m[1]!.slice(SITE.length)).sort();
    expect(locs).toEqual(built.filter((f) => f.endsWith('.html')));
    expect(built).toContain('en/feed.xml');
  });

  it('with the email set: feeds that name no listing page as theirs, since none is built', async () => {
    const result = await emailBuild();
    expect(result.code, result.stdout).toBe(0);
    const atom = await readFile(join(dir, 'email-out', 'en', 'feed.xml'), 'utf8');
    const json = JSON.parse(await readFile(join(dir, 'email-out', 'en', 'feed.json'), 'utf8')) as Record<string, unknown>;
    await expect(readFile(join(dir, 'email-out', 'en', 'index.html'))).rejects.toThrow();
    expect(atom).not.toContain('index.html');
    expect(await xmlErrors(atom)).toEqual([]);
    expect(json).not.toHaveProperty('home_page_url');
    expect(json.feed_url).toBe(`${SITE}en/feed.json`);
    // With the site's pages, the listing is the feeds' page.
    expect(await read('en/feed.xml')).toContain(`<link href="${SITE}en/index.html" rel="alternate" type="text/html" hreflang="en"/>`);
    expect(JSON.parse(await read('en/feed.json'))).toHaveProperty('home_page_url', `${SITE}en/index.html`);
  });

  it('with a set whose release page is its own and whose site pages would be its parent\'s: release pages, and one line that says why', async () => {
    const project = await fixture({
      'migration-news.config.yaml': 'languages: [en]\n',
      'r/a.md': release({ title: 'First', tags: '[Visas]' }),
      'sets/press/template.yaml': 'extends: default\n',
      'sets/press/release.html.liquid': '<!doctype html><title>{{ release.title }}</title><h1 class="press">{{ release.title }}</h1>\n',
      'sets/listings/template.yaml': 'extends: default\n',
      'sets/listings/index.html.liquid': '<!doctype html><title>{{ page.title }}</title><h1 class="own-listing">{{ listing.heading }}</h1>\n',
    });
    const own = await runMain(['build', 'r', '--now', NOW, '--template', './sets/press', '--format', 'html', '--out', 'press'], { cwd: project });
    expect(own.code, own.stdout + own.stderr).toBe(0);
    expect(own.stdout).toContain('The site\'s home page, listings and tag pages were not built: the template set "press" has a release page of its own (release.html.liquid), but would take index.html.liquid, tag.html.liquid and home.html.liquid from "default", in that set\'s design; add them to "press" (`templates eject` copies them) to build the site\'s pages.\n');
    expect((await readdir(join(project, 'press'), { recursive: true })).filter((f) => f.endsWith('.html'))).toEqual([join('en', 'first.html')]);
    // Its page in the default design (a copy of its release page, as `templates eject` makes) links to no page that is not there:
    // no home or listing link, no breadcrumbs, its tags as words.
    await writeFile(join(project, 'sets/press/release.html.liquid'), await readFile(join(ROOT, 'templates/default/release.html.liquid'), 'utf8'));
    expect((await runMain(['build', 'r', '--now', NOW, '--template', './sets/press', '--format', 'html', '--out', 'copy'], { cwd: project })).code).toBe(0);
    const copy = await readFile(join(project, 'copy/en/first.html'), 'utf8');
    expect(copy.match(/href="(?!https?:|mailto:|tel:|#)[^"]*"/g)).toBeNull();
    expect(copy).toContain('<p class="site-name"><a>');
    expect(copy).not.toContain('class="breadcrumbs"');
    expect(copy).toContain('<li>Visas</li>');
    // The same page, where the site is built, links home, to its listing and to its tag page.
    expect((await runMain(['build', 'r', '--now', NOW, '--format', 'html', '--out', 'whole'], { cwd: project })).code).toBe(0);
    const whole = await readFile(join(project, 'whole/en/first.html'), 'utf8');
    for (const href of ['href="../index.html"', 'href="index.html"', 'href="tags/visas.html"']) expect(whole).toContain(href);
    // A set that changes its listing and takes its release page from its parent builds the whole site, its listing in its own design.
    const listings = await runMain(['build', 'r', '--now', NOW, '--template', './sets/listings', '--format', 'html', '--out', 'listings'], { cwd: project });
    expect(listings.code, listings.stdout + listings.stderr).toBe(0);
    expect(listings.stdout).not.toContain('The site\'s home page');
    expect(await readFile(join(project, 'listings/en/index.html'), 'utf8')).toContain('<h1 class="own-listing">Press releases</h1>');
    expect(await readFile(join(project, 'listings/index.html'), 'utf8')).toContain('<h1>');
    expect(await readFile(join(project, 'listings/en/tags/visas.html'), 'utf8')).toContain('href="../first.html"');
  });

  it('with a set whose site pages use the filters: they work in the page\'s language, as a release\'s page does in the release\'s', async () => {
    const project = await fixture({
      'migration-news.config.yaml': 'languages: [az, en]\ntimezone: Asia/Baku\n',
      'r/a.md': release({ title: 'Şəki mərkəzi', lang: 'az', date: '2026-03-17', tags: '[Şəki]' }),
      'sets/own/template.yaml': 'extends: default\n',
      'sets/own/index.html.liquid': '<!doctype html><title>{{ page.title }}</title>{% for entry in listing.entries %}<p class="f">{{ entry.title | upper }}|{{ entry.date_iso | format_date }}</p>{% render "partials/entry", entry: entry %}{% endfor %}\n',
      // A partial rendered in a scope of its own: its filters still work in the page's language and the site's time zone.
      'sets/own/partials/entry.liquid': '<p class="r">{{ entry.title | upper }}|{{ entry.date_iso | format_date }}|{{ "2026-03-17T22:30:00Z" | date: "%d.%m %H:%M" }}|{{ "2026-03-17T22:30:00Z" | format_datetime }}</p>',
    });
    const result = await runMain(['build', 'r', '--now', NOW, '--template', './sets/own', '--format', 'html', '--out', 'out'], { cwd: project });
    expect(result.code, result.stdout + result.stderr).toBe(0);
    // Azerbaijani's dotted capital İ and its month names, not English rules.
    expect(await readFile(join(project, 'out/az/index.html'), 'utf8')).toContain('<p class="f">ŞƏKİ MƏRKƏZİ|17 mart 2026</p>');
    expect(await readFile(join(project, 'out/az/index.html'), 'utf8')).toMatch(/<p class="r">ŞƏKİ MƏRKƏZİ\|17 mart 2026\|18\.03 02:30\|18 mart 2026,? 02:30[^<]*<\/p>/);
  });

  it('with JSON only: no feeds or sitemaps, which link to pages, and one line that says why', async () => {
    const result = await runMain(['build', 'r', '--now', NOW, '--format', 'json', '--out', 'json-out'], { cwd: dir });
    expect(result.code, result.stdout).toBe(0);
    expect(result.stdout).toContain('Feeds and sitemaps were not built: they link to the releases\' pages, so add html to --format.');
    const built = (await readdir(join(dir, 'json-out'), { recursive: true })).map((f) => f.split('\\').join('/'));
    expect(built.filter((f) => /feed|sitemap|\.html$/.test(f))).toEqual([]);
    expect(built).toContain('releases.json');
  });

  it('with JSON only and no site.url: one line that names both, since either alone builds none', async () => {
    const project = await fixture({ 'r/a.md': release({ title: 'Only one' }) });
    const result = await runMain(['build', 'r', '--now', NOW, '--format', 'json'], { cwd: project });
    expect(result.code, result.stdout).toBe(0);
    expect(result.stdout.match(/Feeds and sitemaps were not built[^\n]*/g)).toEqual([
      'Feeds and sitemaps were not built: they need absolute URLs and link to the releases\' pages, so set `site.url` in the config file and add html to --format.',
    ]);
  });
});

describe('hostile text in the site files', () => {
  it('keeps markup characters and CDATA ends as text in every feed, sitemap and page', async () => {
    const title = 'Quote "x" & <script>alert(1)</script> ]]> end';
    const project = await fixture({
      'migration-news.config.yaml': `site:\n  url: ${SITE}\n  name: "News ]]> & <b>"\n`,
      'r/a.md': release({ title: JSON.stringify(title), date: '2026-11-28T09:00:00+04:00', tags: '["<i>tag</i> ]]>"]', summary: '"A ]]> B & C"' }, 'Body with ]]> and <b>raw</b> and `code ]]>`.\n'),
    });
    const result = await runMain(['build', 'r', '--now', NOW], { cwd: project });
    expect(result.code, result.stdout).toBe(0);
    const at = (p: string) => readFile(join(project, 'dist', p), 'utf8');
    const atom = await at('en/feed.xml');
    expect(await xmlErrors(atom)).toEqual([]);
    const feed = parseFeed(atom);
    expect(feed.title).toBe('News ]]> & <b> — Press releases');
    expect(feed.items[0]!.title).toBe(title);
    expect(feed.items[0]!.description).toBe('A ]]> B & C');
    expect(feed.items[0]!.categories.map((c) => c.term)).toEqual(['<i>tag</i> ]]>']);
    // The body keeps raw HTML as text (escaped in the HTML that the XML carries); the parser reads the split CDATA back whole.
    expect(feed.items[0]!.content).toContain('Body with ]]> and ');
    expect(atom).toContain('and &lt;b&gt;raw&lt;/b&gt; and <code>code ]]&gt;</code>');
    const json = JSON.parse(await at('en/feed.json')) as { items: { title: string }[] };
    expect(json.items[0]!.title).toBe(title);
    expect(await sitemapSchemaErrorsEach([await at('sitemap.xml'), await at('news-sitemap.xml')]), 'sitemap.xml, news-sitemap.xml').toEqual([[], []]);
    expect(await at('news-sitemap.xml')).toContain('<news:title>Quote &quot;x&quot; &amp; &lt;script&gt;alert(1)&lt;/script&gt; ]]&gt; end</news:title>');
    for (const path of ['index.html', 'en/index.html']) expect(await at(path), path).not.toContain('<script>alert');
  });
});

describe('pagination of a long listing', () => {
  it('links by number to the first and last pages and the two either side, not to every page', () => {
    expect(paginationWindow(1, 1)).toEqual([1]);
    expect(paginationWindow(1, 3)).toEqual([1, 2, 3]);
    expect(paginationWindow(1, 125)).toEqual([1, 2, 3, 125]);
    expect(paginationWindow(6, 12)).toEqual([1, 4, 5, 6, 7, 8, 12]);
    // A gap of one page shows the page rather than an ellipsis.
    expect(paginationWindow(5, 9)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(paginationWindow(125, 125)).toEqual([1, 123, 124, 125]);
    for (let count = 1; count <= 40; count++) {
      for (let n = 1; n <= count; n++) {
        const pages = paginationWindow(n, count);
        expect(pages.length).toBeLessThanOrEqual(9);
        expect(pages).toContain(n);
        expect(pages[0]).toBe(1);
        expect(pages.at(-1)).toBe(count);
        expect([...pages].sort((a, b) => a - b)).toEqual([...new Set(pages)]);
      }
    }
  });

  it('marks the gaps in the page and keeps rel=prev/next on every page', async () => {
    const releases = Object.fromEntries(Array.from({ length: 12 }, (_, i) => [`r/r${i}.md`, release({ title: `Release ${String(i).padStart(2, '0')}`, date: `2026-10-${String(i + 1).padStart(2, '0')}` })]));
    const project = await fixture({ 'migration-news.config.yaml': 'site:\n  pageSize: 1\nlanguages: [en]\n', ...releases });
    expect((await runMain(['build', 'r', '--now', NOW], { cwd: project })).code).toBe(0);
    const page = await readFile(join(project, 'dist/en/page/6.html'), 'utf8');
    const nav = page.slice(page.indexOf('<nav class="pagination"'), page.indexOf('</nav>', page.indexOf('<nav class="pagination"')));
    expect([...nav.matchAll(/<li(?: class="[^"]+")?[^>]*>(?:<a href="[^"]+"[^>]*>|<span aria-current="page">)?([^<]+)/g)].map((m) => m[1]!.trim())).toEqual(['← Newer', '1', '…', '4', '5', '6', '7', '8', '…', '12', 'Older →']);
    expect(nav).toContain('<a href="../index.html">1</a>');
    expect(nav).toContain('<a href="12.html">12</a>');
    expect(page).toContain('<link rel="prev" href="5.html">');
    expect(page).toContain('<link rel="next" href="7.html">');
    expect(await htmlProblems(validator, page, 'en/page/6.html')).toEqual([]);
  });
});

describe('a logo given from the output root', () => {
  it('is the publisher\'s logo in a release page\'s structured data at the address the header shows, whole with site.url', async () => {
    for (const [site, logo] of [[`site:\n  url: ${SITE}\n`, `${SITE}media/logo.png`], ['', '../media/logo.png']]) {
      const project = await fixture({
        'migration-news.config.yaml': `${site}organisation:\n  name: State Migration Service\n  logo: media/logo.png\n`,
        'r/a.md': release({ slug: 'centre' }),
      });
      const result = await runMain(['build', 'r', '--now', NOW], { cwd: project });
      expect(result.code, result.stdout + result.stderr).toBe(0);
      const page = await readFile(join(project, 'dist/en/centre.html'), 'utf8');
      expect(page).toContain('<img class="site-logo" src="../media/logo.png"');
      const data = JSON.parse(/<script type="application\/ld\+json">(.*?)<\/script>/s.exec(page)![1]!) as { publisher: { logo: { url: string } }; image: string };
      // Without site.url, a path relative to the page, as a reader resolves it; never media/logo.png, which would be en/media/logo.png.
      expect([data.publisher.logo.url, data.image], site).toEqual([logo, logo]);
      // Open Graph's publisher is an address: without organisation.url there is none to give, and a name is not one.
      expect(page).not.toContain('article:publisher');
    }
  });

  // A logo from the output root was linked as typed from the header and, without site.url, the structured data: a space, which no URL holds.
  it('with a space or letters beyond ASCII in its name is linked percent-encoded, as the feeds and a body\'s images are', async () => {
    for (const [site, header, data] of [[`site:\n  url: ${SITE}\n`, '../media/logo%20final%20%C3%A9.png', `${SITE}media/logo%20final%20%C3%A9.png`], ['', '../media/logo%20final%20%C3%A9.png', '../media/logo%20final%20%C3%A9.png']]) {
      const project = await fixture({
        'migration-news.config.yaml': `${site!}organisation:\n  name: State Migration Service\n  logo: media/logo final é.png\n`,
        'r/a.md': release({ slug: 'centre' }),
      });
      expect((await runMain(['build', 'r', '--now', NOW], { cwd: project })).code).toBe(0);
      const page = await readFile(join(project, 'dist/en/centre.html'), 'utf8');
      expect(page).toContain(`<img class="site-logo" src="${header!}"`);
      expect((JSON.parse(/<script type="application\/ld\+json">(.*?)<\/script>/s.exec(page)![1]!) as { publisher: { logo: { url: string } } }).publisher.logo.url).toBe(data);
    }
  });

  // A logo on another host was written into the feeds as typed, spaces and all: no IRI for Atom's <logo>, no URL for JSON Feed's icon.
  it('on another host is written as a URL parser writes it, in the feeds, the header and the structured data', async () => {
    const project = await fixture({
      'migration-news.config.yaml': `site:\n  url: ${SITE}\norganisation:\n  name: State Migration Service\n  logo: "https://cdn.example.org/logo final é.png?a=1&b=<2>"\n`,
      'r/a.md': release({ slug: 'centre' }),
    });
    expect((await runMain(['build', 'r', '--now', NOW], { cwd: project })).code).toBe(0);
    const written = 'https://cdn.example.org/logo%20final%20%C3%A9.png?a=1&b=%3C2%3E';
    expect((JSON.parse(await readFile(join(project, 'dist/en/feed.json'), 'utf8')) as { icon: string }).icon).toBe(written);
    const atom = await readFile(join(project, 'dist/en/feed.xml'), 'utf8');
    expect(await xmlErrors(atom)).toEqual([]);
    expect((await parseFeed(atom)).image?.url).toBe(written);
    const page = await readFile(join(project, 'dist/en/centre.html'), 'utf8');
    expect(page).toContain(`<img class="site-logo" src="${written.replace('&', '&amp;')}"`);
    const data = JSON.parse(/<script type="application\/ld\+json">(.*?)<\/script>/s.exec(page)![1]!) as { publisher: { logo: { url: string } } };
    expect(data.publisher.logo.url).toBe(written);
  });

  it('is site.url as a URL parser writes it wherever it is written whole: releases.json\'s `site` and the e-mail\'s link home, as every address made from it', async () => {
    const project = await fixture({
      'migration-news.config.yaml': 'site:\n  url: "https://Пресса.Example.AZ:8443/a b/ü"\norganisation:\n  name: State Migration Service\nemail:\n  from: press@example.az\n',
      'r/a.md': release({ slug: 'centre' }),
    });
    const result = await runMain(['build', 'r', '--now', NOW, '--format', 'html,eml'], { cwd: project });
    expect(result.code, result.stdout + result.stderr).toBe(0);
    const site = 'https://xn--80aj3aega.example.az:8443/a%20b/%C3%BC';
    const manifest = JSON.parse(await readFile(join(project, 'dist/releases.json'), 'utf8')) as { site: string; releases: { url: string }[] };
    expect(manifest.site).toBe(site);
    expect(manifest.releases.map((r) => r.url)).toEqual([`${site}/en/centre.html`]);
    const { simpleParser } = await import('mailparser');
    const message = await simpleParser(await readFile(join(project, 'dist/en/centre.eml')));
    expect(message.html).toContain(`<a href="${site}"`);
  });

  it('comes with the organisation\'s address as Open Graph\'s publisher, when the config gives one', async () => {
    const project = await fixture({
      'migration-news.config.yaml': 'organisation:\n  name: State Migration Service\n  url: https://migration.example.az\n',
      'r/a.md': release({ slug: 'centre' }),
    });
    expect((await runMain(['build', 'r', '--now', NOW], { cwd: project })).code).toBe(0);
    expect(await readFile(join(project, 'dist/en/centre.html'), 'utf8')).toContain('<meta property="article:publisher" content="https://migration.example.az">');
  });

  // organisation.url was written as typed: spaces in Atom's <uri> and the structured data, and a page of the site
  // (about.html) that a page or a feed in en/ resolved to en/about.html, and JSON Feed, which has no base, to nothing.
  it('is the organisation\'s address as a URL parser writes it, and a page of the site\'s from the output root, on pages and in feeds', async () => {
    const cases = [
      ['"https://Министерство.example.az/о нас"', 'https://xn--b1afiashkohcid.example.az/%D0%BE%20%D0%BD%D0%B0%D1%81', 'https://xn--b1afiashkohcid.example.az/%D0%BE%20%D0%BD%D0%B0%D1%81'],
      ['about.html', `${SITE}about.html`, `${SITE}about.html`],
    ];
    for (const [written, onPage, inFeed] of cases) {
      const project = await fixture({
        'migration-news.config.yaml': `site:\n  url: ${SITE}\norganisation:\n  name: State Migration Service\n  url: ${written!}\n`,
        'r/a.md': release({ slug: 'centre' }),
      });
      expect((await runMain(['build', 'r', '--now', NOW], { cwd: project })).code).toBe(0);
      const page = await readFile(join(project, 'dist/en/centre.html'), 'utf8');
      expect(page).toContain(`<meta property="article:publisher" content="${onPage!}">`);
      const data = JSON.parse(/<script type="application\/ld\+json">(.*?)<\/script>/s.exec(page)![1]!) as { publisher: { url: string } };
      expect(data.publisher.url).toBe(onPage);
      expect((JSON.parse(await readFile(join(project, 'dist/en/feed.json'), 'utf8')) as { authors: { url: string }[] }).authors[0]!.url).toBe(inFeed);
      const atom = await readFile(join(project, 'dist/en/feed.xml'), 'utf8');
      expect(atom).toContain(`<uri>${inFeed!}</uri>`);
    }
    // Without site.url, a page of the site is given relative to the page, as the header's logo is.
    const local = await fixture({ 'migration-news.config.yaml': 'organisation:\n  name: State Migration Service\n  url: about.html\n', 'r/a.md': release({ slug: 'centre' }) });
    expect((await runMain(['build', 'r', '--now', NOW], { cwd: local })).code).toBe(0);
    const page = await readFile(join(local, 'dist/en/centre.html'), 'utf8');
    expect(page).toContain('<meta property="article:publisher" content="../about.html">');
  });

  // An address from the server's root (`/about/`, `/static/logo.png`) was made whole for the feeds' author only: the page's
  // Open Graph publisher, its structured data's publisher, logo and image, and the feeds' logo gave it relative, or not at all.
  it('is an address from the server\'s root on the site\'s host wherever site.url is given, and as written where it is not', async () => {
    const config = 'organisation:\n  name: State Migration Service\n  url: /about/\n  logo: /static/logo.png\n';
    const project = await fixture({ 'migration-news.config.yaml': `site:\n  url: ${SITE}\n${config}`, 'r/a.md': release({ slug: 'centre' }) });
    expect((await runMain(['build', 'r', '--now', NOW], { cwd: project })).code).toBe(0);
    const about = 'https://press.example.az/about/';
    const logo = 'https://press.example.az/static/logo.png';
    const page = await readFile(join(project, 'dist/en/centre.html'), 'utf8');
    expect(page).toContain(`<meta property="article:publisher" content="${about}">`);
    const data = JSON.parse(/<script type="application\/ld\+json">(.*?)<\/script>/s.exec(page)![1]!) as { image: string; publisher: { url: string; logo: { url: string } }; author: { url: string } };
    expect([data.publisher.url, data.author.url, data.publisher.logo.url, data.image]).toEqual([about, about, logo, logo]);
    // The page's own header links its logo as the browser resolves it.
    expect(page).toContain('<img class="site-logo" src="/static/logo.png"');
    const feed = JSON.parse(await readFile(join(project, 'dist/en/feed.json'), 'utf8')) as { icon: string; authors: { url: string }[] };
    expect([feed.authors[0]!.url, feed.icon]).toEqual([about, logo]);
    const atom = await readFile(join(project, 'dist/en/feed.xml'), 'utf8');
    expect(atom).toContain(`<uri>${about}</uri>`);
    expect(atom).toContain(`<logo>${logo}</logo>`);
    expect(await xmlErrors(atom)).toEqual([]);

    const local = await fixture({ 'migration-news.config.yaml': config, 'r/a.md': release({ slug: 'centre' }) });
    expect((await runMain(['build', 'r', '--now', NOW], { cwd: local })).code).toBe(0);
    const unplaced = await readFile(join(local, 'dist/en/centre.html'), 'utf8');
    expect(unplaced).toContain('<meta property="article:publisher" content="/about/">');
    const localData = JSON.parse(/<script type="application\/ld\+json">(.*?)<\/script>/s.exec(unplaced)![1]!) as { publisher: { url: string; logo: { url: string } } };
    expect([localData.publisher.url, localData.publisher.logo.url]).toEqual(['/about/', '/static/logo.png']);
  });
});

describe('the titles of a listing\'s pages', () => {
  it('keep "Page N of M" whole when the heading is cut, so that no two pages of a listing share a title', async () => {
    const tag = 'combating human trafficking and migrant smuggling';
    const releases = Object.fromEntries([1, 2, 3].map((i) => [`r/r${i}.md`, release({ title: `Release ${i}`, date: `2026-10-0${i}`, tags: `[${tag}]` })]));
    const project = await fixture({ 'migration-news.config.yaml': 'site:\n  name: SMS Newsroom\n  pageSize: 1\nlanguages: [en]\n', ...releases });
    expect((await runMain(['build', 'r', '--now', NOW], { cwd: project })).code).toBe(0);
    const titleOf = async (path: string) => /<title>([^<]*)<\/title>/.exec(await readFile(join(project, 'dist', path), 'utf8'))![1]!;
    const base = 'en/tags/combating-human-trafficking-and-migrant-smuggling';
    const titles = await Promise.all([`${base}.html`, `${base}/page/2.html`, `${base}/page/3.html`].map(titleOf));
    titles.forEach((title, i) => {
      expect(title).toMatch(new RegExp(`^Press releases tagged .+ · Page ${i + 1} of 3 — SMS Newsroom$`));
      expect([...title.replace(/&[a-z]+;/g, '&')].length).toBeLessThanOrEqual(70);
    });
    expect(new Set(titles).size).toBe(3);
    expect(await titleOf('en/page/2.html')).toBe('Press releases · Page 2 of 3 — SMS Newsroom');
  });

  it('name their tag when a site name that fits beside a whole heading would leave the heading too little room beside "Page N of M"', async () => {
    const releases = Object.fromEntries([1, 2, 3].map((i) => [`r/r${i}.md`, release({ title: `Release ${i}`, date: `2026-10-0${i}`, tags: '[Labour migration]' })]));
    const project = await fixture({ 'migration-news.config.yaml': 'site:\n  name: Migration Service Press Office\n  pageSize: 2\nlanguages: [en]\n', ...releases });
    expect((await runMain(['build', 'r', '--now', NOW], { cwd: project })).code).toBe(0);
    const titleOf = async (path: string) => /<title>([^<]*)<\/title>/.exec(await readFile(join(project, 'dist', path), 'utf8'))![1]!;
    expect(await titleOf('en/tags/labour-migration.html')).toBe('Press releases tagged “Labour migration” · Page 1 of 2');
    expect(await titleOf('en/tags/labour-migration/page/2.html')).toBe('Press releases tagged “Labour migration” · Page 2 of 2');
    // A heading that fits beside the site name keeps it.
    expect(await titleOf('en/page/2.html')).toBe('Press releases · Page 2 of 2 — Migration Service Press Office');
  });
});

describe('a tag named like a listing\'s own files', () => {
  it('has its later pages in its own folder, as every tag has: "Index" in en/tags/index/page/, not in en/tags/page/ beside a tag "page"', async () => {
    const releases = Object.fromEntries([1, 2, 3].map((i) => [`r/r${i}.md`, release({ title: `Release ${i}`, date: `2026-10-0${i}`, tags: '[Index, page]' })]));
    const project = await fixture({ 'migration-news.config.yaml': 'site:\n  pageSize: 2\nlanguages: [en]\n', ...releases });
    expect((await runMain(['build', 'r', '--now', NOW], { cwd: project })).code).toBe(0);
    const tree = (await readdir(join(project, 'dist'), { recursive: true })).map((f) => f.split('\\').join('/')).filter((f) => f.startsWith('en/tags/') && f.endsWith('.html')).sort();
    expect(tree).toEqual(['en/tags/index.html', 'en/tags/index/page/2.html', 'en/tags/page.html', 'en/tags/page/page/2.html']);
    const first = await readFile(join(project, 'dist/en/tags/index.html'), 'utf8');
    expect(first).toContain('<link rel="next" href="index/page/2.html">');
    expect(await readFile(join(project, 'dist/en/tags/index/page/2.html'), 'utf8')).toContain('<link rel="prev" href="../../index.html">');
  });
});

describe('languages without public releases', () => {
  const listTree = async (root: string) => (await readdir(root, { recursive: true })).map((f) => f.split('\\').join('/')).filter((f) => f.includes('.') && !f.startsWith('.')).sort();

  it('get no listing, feed, tag page, home section, link or hreflang alternate', async () => {
    const project = await fixture({
      'migration-news.config.yaml': `site:\n  url: ${SITE}\nlanguages: [az, en, ru]\n`,
      'r/a.md': release({ title: 'Only English', date: '2026-11-27', tags: '[Visas]' }),
      'r/b.md': release({ title: 'English too', date: '2026-11-26' }),
      // A translation that is not public does not make its language's listing.
      'r/a.ru.md': release({ title: 'Черновик', date: '2026-11-27', lang: 'ru', id: 'a', status: 'draft', tags: '[Визы]' }),
    });
    const result = await runMain(['build', 'r', '--now', NOW], { cwd: project });
    expect(result.code, result.stdout + result.stderr).toBe(0);
    const out = join(project, 'dist');
    const built = await listTree(out);
    expect(built.filter((f) => !f.startsWith('en/'))).toEqual(['index.html', 'news-sitemap.xml', 'releases.json', 'sitemap.xml']);
    expect(built.filter((f) => f.startsWith('en/') && !/\/(english-too|only-english)\./.test(f))).toEqual(['en/feed.json', 'en/feed.xml', 'en/index.html', 'en/tags/visas.html']);
    const at = (p: string) => readFile(join(out, p), 'utf8');
    const home = await at('index.html');
    // The page's language is still the config's first; it links to the one listing there is.
    expect(home).toMatch(/^<!DOCTYPE html>\n<html lang="az" dir="ltr">/);
    expect(home).toContain('<a href="en/index.html">');
    expect(home).not.toMatch(/href="(?:az|ru)\//);
    expect(home).not.toContain('hreflang');
    expect(home).not.toContain('class="no-releases"');
    expect(home).not.toContain('application/atom+xml" href="https://press.example.az/news/az/');
    expect(home.match(/<section class="home-section"/g)).toHaveLength(1);
    expect(await at('en/index.html')).not.toContain('hreflang="ru"');
    const sitemap = await at('sitemap.xml');
    expect(await sitemapSchemaErrors(sitemap)).toEqual([]);
    expect([...sitemap.matchAll(/<loc>([^<]+)<\/loc>/g)].map((m) => m[1]!.slice(SITE.length)).sort()).toEqual(built.filter((f) => f.endsWith('.html')));
    expect(sitemap).not.toContain('hreflang');
    const manifest = JSON.parse(await at('releases.json')) as { releases: { lang: string }[] };
    expect(manifest.releases.map((r) => r.lang)).toEqual(['en', 'en']);

    // The first public Russian release brings its listing, feeds and home section; losing it takes them away again.
    await writeFile(join(project, 'r/a.ru.md'), release({ title: 'Только по-русски', date: '2026-11-27', lang: 'ru', id: 'a', tags: '[Визы]' }));
    expect((await runMain(['build', 'r', '--now', NOW], { cwd: project })).code).toBe(0);
    const withRussian = await listTree(out);
    for (const path of ['ru/index.html', 'ru/feed.xml', 'ru/feed.json', 'ru/tags/vizy.html']) expect(withRussian).toContain(path);
    expect(withRussian.some((f) => f.startsWith('az/'))).toBe(false);
    expect(await at('index.html')).toContain('<a href="ru/index.html" hreflang="ru" lang="ru" dir="ltr">');
    expect(await at('en/index.html')).toContain(`<link rel="alternate" hreflang="ru" href="${SITE}ru/index.html">`);

    await writeFile(join(project, 'r/a.ru.md'), release({ title: 'Только по-русски', date: '2026-11-27', lang: 'ru', id: 'a', status: 'draft' }));
    const again = await runMain(['build', 'r', '--now', NOW], { cwd: project });
    expect(again.code).toBe(0);
    expect((await listTree(out)).filter((f) => f.startsWith('ru/'))).toEqual([]);
    expect(await at('index.html')).not.toMatch(/href="ru\//);
  });

  it('leave an archive with no public release a home page that says so, and an empty manifest', async () => {
    const project = await fixture({
      'migration-news.config.yaml': `site:\n  url: ${SITE}\n`,
      'r/a.md': release({ title: 'Not yet', status: 'draft' }),
    });
    const result = await runMain(['build', 'r', '--now', NOW], { cwd: project });
    expect(result.code, result.stdout + result.stderr).toBe(0);
    const out = join(project, 'dist');
    expect(await listTree(out)).toEqual(['index.html', 'releases.json', 'sitemap.xml']);
    const home = await readFile(join(out, 'index.html'), 'utf8');
    expect(home).toContain('<p class="no-releases">Hələ press-reliz dərc olunmayıb.</p>');
    expect(home).not.toContain('Not yet');
    expect(home).not.toMatch(/href="(?:az|en|ru)\//);
    expect(await htmlProblems(validator, home, 'index.html')).toEqual([]);
    const manifest = JSON.parse(await readFile(join(out, 'releases.json'), 'utf8')) as { count: number; releases: unknown[] };
    expect(manifest).toMatchObject({ count: 0, releases: [] });
    expect(await sitemapSchemaErrors(await readFile(join(out, 'sitemap.xml'), 'utf8'))).toEqual([]);
  });
});

describe('the site\'s own templates', () => {
  it('are ejected and overridden like release templates, and the build uses them', async () => {
    const project = await fixture({
      'migration-news.config.yaml': `site:\n  url: ${SITE}\n  pageSize: 1\n  logo: img/newsroom.svg\norganisation:\n  name: SMS\n  logo: https://example.az/org.png\nlanguages: [en]\n`,
      'r/a.md': release({ title: 'First', date: '2026-11-27', tags: '[Visas]' }),
      'r/b.md': release({ title: 'Second', date: '2026-11-26', tags: '[Visas]' }),
    });
    for (const file of ['home.html.liquid', 'index.html.liquid', 'tag.html.liquid', 'partials/pagination.liquid']) {
      const result = await runMain(['templates', 'eject', 'default', file], { cwd: project });
      expect(result.code, result.stderr).toBe(0);
    }
    const edit = async (file: string, from: string, to: string) => {
      const path = join(project, 'templates/default', file);
      const source = await readFile(path, 'utf8');
      expect(source, file).toContain(from);
      await writeFile(path, source.replace(from, to));
    };
    await edit('home.html.liquid', '{% block content %}', '{% block content %}<p class="own-home">Welcome</p>');
    await edit('index.html.liquid', '<h1>{{ listing.heading }}</h1>', '<h1 class="own-index">{{ listing.heading }}</h1>');
    await edit('tag.html.liquid', '<h1>{{ listing.heading }}</h1>', '<h1 class="own-tag">#{{ tag.name }}</h1>');
    await edit('partials/pagination.liquid', '<nav class="pagination"', '<nav class="pagination own-pagination"');
    const result = await runMain(['build', 'r', '--now', NOW], { cwd: project });
    expect(result.code, result.stdout + result.stderr).toBe(0);
    const at = (p: string) => readFile(join(project, 'dist', p), 'utf8');
    expect(await at('index.html')).toContain('<p class="own-home">Welcome</p>');
    expect(await at('en/index.html')).toContain('<h1 class="own-index">Press releases</h1>');
    expect(await at('en/page/2.html')).toContain('own-pagination');
    expect(await at('en/tags/visas.html')).toContain('<h1 class="own-tag">#Visas</h1>');
    expect(await at('en/tags/visas/page/2.html')).toContain('own-pagination');
    // site.logo is the header's and the feeds' logo; the organisation's stays the publisher's.
    expect(await at('en/tags/visas/page/2.html')).toContain('<img class="site-logo" src="../../../../img/newsroom.svg"');
    expect(await at('en/first.html')).toContain('<img class="site-logo" src="../img/newsroom.svg"');
    expect(await at('en/first.html')).toContain('"url":"https://example.az/org.png"');
    expect(parseFeed(await at('en/feed.xml')).image?.url).toBe(`${SITE}img/newsroom.svg`);
    expect((JSON.parse(await at('en/feed.json')) as { icon: string }).icon).toBe(`${SITE}img/newsroom.svg`);
  });

  /** A release's text and its language's listing, both rendered from `template`: what a release page and a site page each see. */
  async function seenByBoth(config: string, lang: string, template: string): Promise<[string, string]> {
    const project = await fixture({
      'migration-news.config.yaml': config,
      'r/a.md': release({ title: 'First', lang }),
      'templates/default/release.txt.liquid': `${template}\n`,
      'templates/default/index.html.liquid': `${template}\n`,
    });
    const result = await runMain(['build', 'r', '--now', NOW, '--format', 'html,text'], { cwd: project });
    expect(result.code, result.stdout + result.stderr).toBe(0);
    const folder = lang.toLowerCase();
    return [await readFile(join(project, `dist/${folder}/first.txt`), 'utf8'), await readFile(join(project, `dist/${folder}/index.html`), 'utf8')];
  }

  it('have the breadcrumbs\' words and the skip link\'s text in the page\'s language, as the README lists them', async () => {
    const crumbs = '{% for c in page.breadcrumbs %}[{{ c.title }}|{{ c.label }}|{{ c.href }}]{% endfor %} skip={{ page.skip_label }}';
    expect(await seenByBoth('languages: [az, en]\n', 'az', crumbs)).toEqual([
      '[Ana səhifə|home|../index.html][Press-relizlər|press_releases|index.html][First||] skip=Press-reliza keçin\n',
      '[Ana səhifə|home|../index.html][Press-relizlər|press_releases|] skip=Siyahıya keçin\n',
    ]);
  });

  it('have the "About" text of a regional language from its language, as its release pages do', async () => {
    const config = 'organisation:\n  name: { en: State Migration Service }\nabout:\n  en: The Service implements migration policy.\nlanguages: [en-GB]\n';
    expect(await seenByBoth(config, 'en-GB', '{{ site.about }}|{{ site.organisation }}')).toEqual([
      'The Service implements migration policy.|State Migration Service\n',
      'The Service implements migration policy.|State Migration Service\n',
    ]);
  });

  it('report a broken site template once, at its line, and keep the previous output', async () => {
    const project = await fixture({
      'migration-news.config.yaml': 'languages: [en]\n',
      'r/a.md': release({ title: 'First', tags: '[Visas, Permits]' }),
    });
    expect((await runMain(['build', 'r', '--now', NOW], { cwd: project })).code).toBe(0);
    const before = await readFile(join(project, 'dist/en/tags/visas.html'), 'utf8');
    expect((await runMain(['templates', 'eject', 'default', 'tag.html.liquid'], { cwd: project })).code).toBe(0);
    const path = join(project, 'templates/default/tag.html.liquid');
    await writeFile(path, (await readFile(path, 'utf8')).replace('<h1>{{ listing.heading }}</h1>', '<h1>{{ listing.heading | no_such_filter }}</h1>'));
    const result = await runMain(['build', 'r', '--now', NOW, '--reporter', 'json'], { cwd: project });
    expect(result.code).toBe(1);
    const report = JSON.parse(result.stdout) as { diagnostics: { file: string; line: number; message: string }[] };
    const problems = report.diagnostics.filter((d) => d.file.endsWith('tag.html.liquid'));
    // Two tag pages, one problem.
    expect(problems).toHaveLength(1);
    expect(problems[0]!.line).toBe(5);
    // A syntax error is the template's whatever page it renders; found before any page is rendered, it names none.
    expect(problems[0]!.message).toBe('The template uses the filter no_such_filter, which does not exist.');
    expect(await readFile(join(project, 'dist/en/tags/visas.html'), 'utf8')).toBe(before);
    // An error met while rendering names the first page it broke.
    await writeFile(path, (await readFile(path, 'utf8')).replace('{{ listing.heading | no_such_filter }}', '{{ listing.headin }}'));
    const rendered = JSON.parse((await runMain(['build', 'r', '--now', NOW, '--reporter', 'json'], { cwd: project })).stdout) as typeof report;
    const met = rendered.diagnostics.filter((d) => d.file.endsWith('tag.html.liquid'));
    expect(met).toHaveLength(1);
    expect(met[0]!.message).toMatch(/It happened while building en\/tags\/(?:permits|visas)\.html\.$/);
    expect(await readFile(join(project, 'dist/en/tags/visas.html'), 'utf8')).toBe(before);
  });
});

describe('a release dated to the minute, without seconds', () => {
  it('gets RFC 3339 date-times in the sitemaps, valid against their schemas, and in the feeds and the manifest', async () => {
    const project = await fixture({
      'migration-news.config.yaml': `site:\n  url: ${SITE}\n`,
      'r/a.md': release({ title: 'Written to the minute', date: '2026-11-27T10:00+04:00' }),
    });
    const result = await runMain(['build', 'r', '--now', NOW, '--format', 'html,json'], { cwd: project });
    expect(result.code, result.stdout + result.stderr).toBe(0);
    const read = (path: string) => readFile(join(project, 'dist', path), 'utf8');
    const sitemap = await read('sitemap.xml');
    const news = await read('news-sitemap.xml');
    expect(sitemap).toContain('<lastmod>2026-11-27T10:00:00+04:00</lastmod>');
    expect(news).toContain('<news:publication_date>2026-11-27T10:00:00+04:00</news:publication_date>');
    expect(await sitemapSchemaErrorsEach([sitemap, news])).toEqual([[], []]);
    const feed = JSON.parse(await read('en/feed.json')) as { items: { date_published: string }[] };
    expect(feed.items[0]!.date_published).toBe('2026-11-27T10:00:00+04:00');
    const manifest = JSON.parse(await read('releases.json')) as { releases: { date: string; datePublished: string }[] };
    expect(manifest.releases[0]).toMatchObject({ date: '2026-11-27T10:00+04:00', datePublished: '2026-11-27T10:00:00+04:00' });
  });
});

describe('the Google News sitemap of versions that share a slug and a date', () => {
  it('is the same whatever the names of the files, as every listing is', async () => {
    const en = release({ id: 'report', title: 'Annual report', slug: 'annual-report', date: '2026-11-27' });
    const az = release({ id: 'report', title: 'İllik hesabat', slug: 'annual-report', date: '2026-11-27', lang: 'az' });
    const config = `site:\n  url: ${SITE}\nlanguages: [en, az]\n`;
    const news = async (files: Record<string, string>) => {
      const project = await fixture({ 'migration-news.config.yaml': config, ...files });
      const result = await runMain(['build', 'r', '--now', NOW], { cwd: project });
      expect(result.code, result.stdout + result.stderr).toBe(0);
      return readFile(join(project, 'dist', 'news-sitemap.xml'), 'utf8');
    };
    const first = await news({ 'r/1.md': en, 'r/2.md': az });
    expect([...first.matchAll(/<loc>([^<]+)<\/loc>/g)].map((m) => m[1]!.slice(SITE.length))).toEqual(['az/annual-report.html', 'en/annual-report.html']);
    expect(await news({ 'r/1.md': az, 'r/2.md': en })).toBe(first);
  });
});

describe('two releases of one instant, written in different offsets', () => {
  it('are dated on the config\'s clocks in the Atom feed, as in JSON Feed', async () => {
    const project = await fixture({
      'migration-news.config.yaml': `site:\n  url: ${SITE}\n`,
      'r/a.md': release({ title: 'Written in Baku time', date: '2026-11-27T10:00:00+04:00' }),
      'r/b.md': release({ title: 'Written in UTC', date: '2026-11-27T06:00:00Z' }),
    });
    const result = await runMain(['build', 'r', '--now', NOW], { cwd: project });
    expect(result.code, result.stdout + result.stderr).toBe(0);
    const read = (path: string) => readFile(join(project, 'dist', path), 'utf8');
    const xml = await read('en/feed.xml');
    const json = JSON.parse(await read('en/feed.json')) as { items: { date_published: string }[] };
    // The time zone is the config's default, Asia/Baku: the instant written in UTC is given at its offset, as README says.
    expect(json.items.map((i) => i.date_published)).toEqual(['2026-11-27T10:00:00+04:00', '2026-11-27T10:00:00+04:00']);
    expect([...xml.matchAll(/<published>([^<]*)<\/published>/g)].map((m) => m[1])).toEqual(json.items.map((i) => i.date_published));
    expect([...xml.matchAll(/<updated>([^<]*)<\/updated>/g)].map((m) => m[1])).toEqual([json.items[0]!.date_published, ...json.items.map((i) => i.date_published)]);
  });
});

describe('without site.url', () => {
  it('builds the pages and the manifest with relative URLs, skips feeds and sitemaps, and says why once', async () => {
    const project = await fixture({ 'r/a.md': release({ title: 'Only one' }) });
    const result = await runMain(['build', 'r', '--now', NOW], { cwd: project });
    expect(result.code).toBe(0);
    expect(result.stdout.match(/Feeds and sitemaps were not built: they need absolute URLs, so set `site.url` in the config file\./g)).toHaveLength(1);
    const built = (await readdir(join(project, 'dist'), { recursive: true })).map((f) => f.split('\\').join('/'));
    expect(built).toContain('en/index.html');
    expect(built.filter((f) => /feed|sitemap/.test(f))).toEqual([]);
    const manifest = JSON.parse(await readFile(join(project, 'dist/releases.json'), 'utf8')) as { site: null; releases: { url: string }[] };
    expect(manifest.site).toBeNull();
    expect(manifest.releases[0]!.url).toBe('en/only-one.html');
    expect(await readFile(join(project, 'dist/en/only-one.html'), 'utf8')).not.toContain('application/atom+xml');
  });

  it('refuses a slug that the site\'s own files use', async () => {
    const project = await fixture({ 'r/a.md': release({ title: 'Index' }), 'r/b.md': release({ title: 'Feed' }) });
    const result = await runMain(['build', 'r', '--now', NOW, '--reporter', 'json'], { cwd: project });
    expect(result.code).toBe(1);
    const report = JSON.parse(result.stdout) as { diagnostics: { file: string; ruleId: string }[] };
    expect(report.diagnostics.map((d) => `${d.file} ${d.ruleId}`)).toEqual(['r/a.md slug/reserved', 'r/b.md slug/reserved']);
  });
});

describe('site paths', () => {
  it('gives every tag a URL name, even one with no letters a URL keeps', () => {
    expect(tagSlug('Labour migration', 'en')).toBe('labour-migration');
    expect(tagSlug('LABOUR  migration!', 'en')).toBe('labour-migration');
    expect(tagSlug('Əmək miqrasiyası', 'az')).toBe('emek-miqrasiyasi');
    expect(tagSlug('Трудовая миграция', 'ru')).toBe('trudovaya-migratsiya');
    expect(tagSlug('🎉', 'en')).toMatch(/^tag-[0-9a-f]{8}$/);
    expect(tagSlug('🎉', 'en')).not.toBe(tagSlug('🎊', 'en'));
    expect(tagSlug('con', 'en')).toMatch(/^tag-/);
    // Persian tags that keep only the same digits are two tags, not one; a tag of digits alone keeps them.
    expect(tagSlug('گزارش ۲۰۲۶', 'fa')).toMatch(/^tag-[0-9a-f]{8}$/);
    expect(tagSlug('گزارش ۲۰۲۶', 'fa')).not.toBe(tagSlug('آمار ۲۰۲۶', 'fa'));
    expect(tagSlug('2026', 'en')).toBe('2026');
    expect(tagSlug('۲۰۲۶', 'fa')).toBe('2026');
  });

  it('spells a tag\'s URL name as its language spells a title\'s slug', () => {
    expect(tagSlug('Göç yönetimi', 'tr')).toBe('goc-yonetimi');
    expect(tagSlug('Göç yönetimi', 'az')).toBe('goch-yonetimi');
    expect(tagSlug('Гроші та міграція', 'uk')).toBe('hroshi-ta-mihratsiia');
    expect(tagSlug('Гроші та міграція', 'ru')).toBe('groshi-ta-migratsiya');
  });

  it('tells apart long tags that differ past the cut, tags of punctuation alone, and a tag spelt like a hashed name', async () => {
    const long = (year: number) => `Cabinet of Ministers decision on the work permit quota for ${year}`;
    expect(tagSlug(long(2026), 'en')).not.toBe(tagSlug(long(2027), 'en'));
    expect(tagSlug(long(2026), 'en')).toMatch(/^cabinet-of-ministers-decision-on-the-work-permit-[0-9a-f]{8}$/);
    expect(tagSlug(long(2026), 'en').length).toBeLessThanOrEqual(60);
    // Spellings of one long tag still share its page.
    expect(tagSlug(long(2026).toUpperCase(), 'en')).toBe(tagSlug(long(2026), 'en'));
    expect(tagSlug('!!!', 'en')).not.toBe(tagSlug('…', 'en'));
    // Nor by what a reader cannot see: a variation selector, a soft hyphen or a zero-width space (which `validate --fix` deletes).
    for (const unseen of ['!!!\uFE0F', '!!!\u00AD', '!\u200B!!', ' !!! ']) expect(tagSlug(unseen, 'en'), JSON.stringify(unseen)).toBe(tagSlug('!!!', 'en'));
    expect(tagSlug(tagSlug('الهجرة', 'ar'), 'en')).not.toBe(tagSlug('الهجرة', 'ar'));
    const project = await fixture({
      'migration-news.config.yaml': `site:\n  url: ${SITE}\nlanguages: [en]\n`,
      'r/a.md': release({ id: 'a', title: 'Quotas for two years', tags: `["${long(2027)}", "${long(2026)}", "!!!", "…"]` }),
      'r/b.md': release({ id: 'b', title: 'Quota for 2026', tags: `["${long(2026)}"]` }),
    });
    const result = await runMain(['build', 'r', '--now', NOW, '--format', 'html,json'], { cwd: project });
    expect(result.code, result.stderr).toBe(0);
    // Before, the two long tags shared a page headed by the first, which listed both releases, and the second left release a.
    expect((JSON.parse(await readFile(join(project, 'dist/en/quotas-for-two-years.json'), 'utf8')) as { tags: string[] }).tags).toEqual([long(2027), long(2026), '!!!', '…']);
    const pages = (await listTree(join(project, 'dist'))).filter((f) => /^en\/tags\/[^/]+\.html$/.test(f));
    expect(pages).toHaveLength(4);
    const page2027 = await readFile(join(project, `dist/en/tags/${tagSlug(long(2027), 'en')}.html`), 'utf8');
    expect(page2027).toContain('quotas-for-two-years.html');
    expect(page2027).not.toContain('quota-for-2026.html');
    expect(await readFile(join(project, `dist/en/tags/${tagSlug(long(2026), 'en')}.html`), 'utf8')).toContain('quota-for-2026.html');
  });

  it('names the tag pages of a language, and every link to them, as that language spells them', async () => {
    const en = await readFile(join(ROOT, 'templates/default/labels/en.yaml'), 'utf8');
    const project = await fixture({
      'migration-news.config.yaml': `site:\n  url: ${SITE}\nlanguages: [tr, uk]\n`,
      'templates/default/labels/tr.yaml': en,
      'templates/default/labels/uk.yaml': en,
      'r/tr.md': release({ lang: 'tr', title: 'Göç raporu', tags: '[Göç yönetimi, "GÖÇ YÖNETİMİ!"]' }),
      'r/uk.md': release({ lang: 'uk', title: 'Звіт', slug: 'zvit', tags: '[Гроші та міграція]' }),
    });
    const result = await runMain(['build', 'r', '--now', NOW, '--format', 'html,json'], { cwd: project });
    expect(result.code, result.stderr).toBe(0);
    const files = (await listTree(join(project, 'dist'))).sort();
    expect(files.filter((f) => f.includes('/tags/'))).toEqual(['tr/tags/goc-yonetimi.html', 'uk/tags/hroshi-ta-mihratsiia.html']);
    expect(await readFile(join(project, 'dist/tr/goc-raporu.html'), 'utf8')).toContain('href="tags/goc-yonetimi.html"');
    expect(await readFile(join(project, 'dist/uk/zvit.html'), 'utf8')).toContain('href="tags/hroshi-ta-mihratsiia.html"');
    // The two spellings of one tag are one tag of the release, as written first.
    expect((JSON.parse(await readFile(join(project, 'dist/tr/goc-raporu.json'), 'utf8')) as { tags: string[] }).tags).toEqual(['Göç yönetimi']);
  });

  it('gives tags named by a hash one page whatever punctuation, spaces, digits or joiners part their words, as it does tags with a slug', async () => {
    const en = await readFile(join(ROOT, 'templates/default/labels/en.yaml'), 'utf8');
    const project = await fixture({
      'migration-news.config.yaml': `site:\n  url: ${SITE}\nlanguages: [fa]\n`,
      'templates/default/labels/fa.yaml': en,
      'r/a.md': release({ lang: 'fa', id: 'a', title: 'گزارش', tags: '[گزارش ۲۰۲۶, درخواست\u200Cها, "گزارش، ۲۰۲۶", اجازهٔ اقامت]' }),
      'r/b.md': release({ lang: 'fa', id: 'b', title: 'آمار', tags: '[گزارش-2026, درخواست ها, آمار ۲۰۲۶, اجازه اقامت]' }),
    });
    const result = await runMain(['build', 'r', '--now', NOW, '--format', 'html,json'], { cwd: project });
    expect(result.code, result.stderr).toBe(0);
    // Before, each spelling was hashed as written: seven tag pages for four tags, and a release listed "گزارش ۲۰۲۶" twice.
    const pages = (await listTree(join(project, 'dist'))).filter((f) => f.includes('/tags/'));
    expect(pages).toHaveLength(4);
    expect(pages.map((f) => f.replace(/^fa\/tags\/|\.html$/g, ''))).toContain(tagSlug('گزارش ۲۰۲۶', 'fa'));
    expect(tagSlug('گزارش-2026', 'fa')).toBe(tagSlug('گزارش ۲۰۲۶', 'fa'));
    expect(tagSlug('آمار ۲۰۲۶', 'fa')).not.toBe(tagSlug('گزارش ۲۰۲۶', 'fa'));
    expect((JSON.parse(await readFile(join(project, 'dist/fa/a.json'), 'utf8')) as { tags: string[] }).tags).toEqual(['گزارش ۲۰۲۶', 'درخواست\u200Cها', 'اجازهٔ اقامت']);
    // Marks a word may be written with or without, as a slug drops accents: Arabic vowel signs and the kashida, Hebrew points, the
    // Persian ezafe's hamza; and in Persian the Arabic yeh and kaf an Arabic keyboard types.
    expect(new Set(['تقرير', 'تَقْرِير', 'تـقـريـر'].map((tag) => tagSlug(tag, 'ar'))).size).toBe(1);
    expect(tagSlug('שָׁלוֹם', 'he')).toBe(tagSlug('שלום', 'he'));
    expect(tagSlug('اجازهٔ اقامت', 'fa')).toBe(tagSlug('اجازه اقامت', 'fa'));
    expect(tagSlug('گزارش مالي', 'fa')).toBe(tagSlug('گزارش مالی', 'fa'));
    expect(tagSlug('كتاب', 'ar')).not.toBe(tagSlug('کتاب', 'ar'));
    // Hindi's marks are letters' parts, not optional: two words.
    expect(tagSlug('संत', 'hi')).not.toBe(tagSlug('सत', 'hi'));
    // A tag of letters without such marks, parted by single spaces, keeps the address its hash gave it before.
    expect(tagSlug('خدمات الکترونیکی', 'fa')).toBe('tag-256ad69e');
  });

  it('gives C++, C# and C pages of their own, and a Greek tag one page in capitals and with its accents, leaving other tags\' addresses as they were', async () => {
    expect(['C++', 'C#', 'C', 'F#', 'Notepad++'].map((tag) => tagSlug(tag, 'en'))).toEqual(['c-plus-plus', 'c-sharp', 'c', 'f-sharp', 'notepad-plus-plus']);
    expect(['c++', 'C ++', 'c#'].map((tag) => tagSlug(tag, 'en'))).toEqual(['c-plus-plus', 'c', 'c-sharp']);
    // A + or # that ends no word is punctuation, as before.
    expect(['#visas', 'Visa+Permit', 'Node.js', 'LABOUR  migration!'].map((tag) => tagSlug(tag, 'en'))).toEqual(['visas', 'visa-permit', 'node-js', 'labour-migration']);
    const greek = ['Μετανάστευση', 'ΜΕΤΑΝΑΣΤΕΥΣΗ', 'μετανάστευση', 'Μεταναστευση'].map((tag) => tagSlug(tag, 'el'));
    expect(new Set(greek).size).toBe(1);
    expect(greek[0]).toMatch(/^tag-[0-9a-f]{8}$/);
    // Written without accents, a Greek tag keeps the address it had; other words stay other tags.
    expect(tagSlug('ΜΕΤΑΝΑΣΤΕΥΣΗ', 'el')).toBe('tag-cc401c00');
    expect(tagSlug('Άδεια', 'el')).toBe(tagSlug('ΑΔΕΙΑ', 'el'));
    expect(tagSlug('Άδεια', 'el')).not.toBe(tagSlug('Μετανάστευση', 'el'));
    const en = await readFile(join(ROOT, 'templates/default/labels/en.yaml'), 'utf8');
    const project = await fixture({
      'migration-news.config.yaml': `site:\n  url: ${SITE}\nlanguages: [en, el]\n`,
      'templates/default/labels/el.yaml': en,
      'r/a.md': release({ id: 'a', title: 'Courses in C++', slug: 'cpp-courses', tags: '["C++", Labour migration]' }),
      'r/b.md': release({ id: 'b', title: 'Courses in C#', slug: 'csharp-courses', tags: '["C#"]' }),
      'r/c.md': release({ id: 'c', title: 'Courses in C', slug: 'c-courses', tags: '[C]' }),
      'r/d.md': release({ id: 'd', lang: 'el', title: 'Νέοι κανόνες', slug: 'neoi-kanones', tags: '[Μετανάστευση]' }),
      'r/e.md': release({ id: 'e', lang: 'el', title: 'ΑΝΑΚΟΙΝΩΣΗ', slug: 'anakoinosi', tags: '[ΜΕΤΑΝΑΣΤΕΥΣΗ]' }),
    });
    const result = await runMain(['build', 'r', '--now', NOW, '--format', 'html'], { cwd: project });
    expect(result.code, result.stdout + result.stderr).toBe(0);
    const pages = (await listTree(join(project, 'dist'))).filter((f) => f.includes('/tags/')).sort();
    expect(pages).toEqual(['el/tags/tag-cc401c00.html', 'en/tags/c-plus-plus.html', 'en/tags/c-sharp.html', 'en/tags/c.html', 'en/tags/labour-migration.html']);
    expect(listed(await readFile(join(project, 'dist/en/tags/c-sharp.html'), 'utf8'))).toEqual(['csharp-courses']);
    expect(listed(await readFile(join(project, 'dist/el/tags/tag-cc401c00.html'), 'utf8')).sort()).toEqual(['anakoinosi', 'neoi-kanones']);
  });

  it('links between output files relatively', () => {
    expect(relativeHref('en/page/2.html', 'en/index.html')).toBe('../index.html');
    expect(relativeHref('en/tags/x.html', 'en/a.html')).toBe('../a.html');
    expect(relativeHref('index.html', 'en/a.html')).toBe('en/a.html');
    expect(relativeHref('en/a.html', 'index.html')).toBe('../index.html');
    expect(relativeHref('en/page/2.html', 'en/page/3.html')).toBe('3.html');
    expect(relativeHref('en/tags/x/page/2.html', 'en/tags/x.html')).toBe('../../x.html');
    expect(relativeHref('en/tags/x.html', 'en/tagsx/a.html')).toBe('../tagsx/a.html');
    expect(relativeHref('en/tags/x.html', 'en/tags')).toBe('../tags');
    expect(relativeHref('az/a.html', 'en/a.html')).toBe('../en/a.html');
  });

  it('makes absolute URLs as the URL parser resolves them, whatever the base and the path', () => {
    const bases = ['https://x.org', 'https://X.ORG/news', 'https://x.org/news/', 'https://x.org/a?q=1', 'https://x.org/a#h', 'https://x.org:443/p/', 'https://x.org/a b/', 'https://пресса.рф/новости'];
    const paths = ['en/a.html', 'en/tags/x/page/2.html', 'a..b/c', '.hidden', 'x/./y', 'x/../y', '../a', '/a', 'a//b', 'a:b', 'a%20b', 'ä/б', 'a?b', 'a#b', 'a\\b', '..', 'a/.'];
    for (const base of bases) {
      for (const path of paths) expect(absoluteUrl(base, path), `${base} + ${path}`).toBe(new URL(path, base.endsWith('/') ? base : `${base}/`).href);
    }
    expect(absoluteUrl('https://press.example.az/news', 'en/tags/a.html')).toBe('https://press.example.az/news/en/tags/a.html');
  });
});

describe('tags written twice', () => {
  it('are one tag, as first written, on the page, in the JSON and on the tag page', async () => {
    const project = await fixture({ 'migration-news.config.yaml': `site:\n  url: ${SITE}\n`, 'r/a.md': release({ slug: 'visas', tags: '[Visa, visa, "visa ", Border]' }) });
    const result = await runMain(['build', 'r', '--now', NOW, '--format', 'html,json'], { cwd: project });
    expect(result.code, result.stdout).toBe(0);
    const json = JSON.parse(await readFile(join(project, 'dist/en/visas.json'), 'utf8')) as { tags: string[] };
    expect(json.tags).toEqual(['Visa', 'Border']);
    const page = await readFile(join(project, 'dist/en/visas.html'), 'utf8');
    expect(page.match(/tags\/visa\.html/g)).toHaveLength(1);
  });
});

describe('tags a reader cannot tell apart', () => {
  it('are one tag, with one page, whether written with or without a variation selector or in either Unicode normal form', async () => {
    const nfd = (text: string) => text.normalize('NFD');
    const project = await fixture({
      'migration-news.config.yaml': `site:\n  url: ${SITE}\n`,
      // The newest release's spelling names the tag's page, whatever order the files are found in.
      'r/a.md': release({ slug: 'older', date: '2026-05-10', tags: `["❤", "Vətəndaşlıq", "한국", "👍"]` }),
      'r/b.md': release({ slug: 'newer', date: '2026-05-12', tags: `["❤️", "${nfd('Vətəndaşlıq')}", "${nfd('한국')}", "👍🏽"]` }),
      'r/c.md': release({ slug: 'both', date: '2026-05-11', tags: '["❤\uFE0E", "❤", "❤️"]' }),
    });
    const result = await runMain(['build', 'r', '--now', NOW, '--format', 'html,json'], { cwd: project });
    expect(result.code, result.stdout).toBe(0);
    const pages = (await listTree(join(project, 'dist'))).filter((f) => f.startsWith('en/tags/')).sort();
    const heart = tagSlug('❤', 'en');
    // A skin tone is a difference a reader sees: two thumbs, two tags.
    expect(pages).toEqual([...new Set([heart, tagSlug('Vətəndaşlıq', 'en'), tagSlug('한국', 'en'), tagSlug('👍', 'en'), tagSlug('👍🏽', 'en')])].map((slug) => `en/tags/${slug}.html`).sort());
    expect(pages).toHaveLength(5);
    expect(tagSlug('❤️', 'en')).toBe(heart);
    expect(tagSlug('❤\uFE0E', 'en')).toBe(heart);
    // One release with the heart three ways has it once, as first written.
    expect((JSON.parse(await readFile(join(project, 'dist/en/both.json'), 'utf8')) as { tags: string[] }).tags).toEqual(['❤\uFE0E']);
    const tagPage = await readFile(join(project, `dist/en/tags/${heart}.html`), 'utf8');
    expect(tagPage).toContain('<h1>Press releases tagged “❤️”</h1>');
    for (const slug of ['older', 'newer', 'both']) expect(tagPage).toContain(`href="../${slug}.html"`);
    expect(await readFile(join(project, 'dist/en/older.html'), 'utf8')).toContain(`href="tags/${heart}.html"`);
  });
});

describe('the language versions of a release', () => {
  it('are listed in the order of the config\'s languages by every output, whatever order the files are found in', async () => {
    // The files are found az, en, ru; the config lists ru, en, az.
    const project = await fixture({
      'migration-news.config.yaml': `site:\n  url: ${SITE}\nlanguages: [ru, en, az]\n`,
      'r/az/centre.md': release({ title: 'Mərkəz açıldı', lang: 'az', id: 'centre', slug: 'merkez' }, 'Mərkəz bu gün açıldı.\n'),
      'r/en/centre.md': release({ title: 'Centre opens', id: 'centre', slug: 'centre' }, 'The centre opened today.\n'),
      'r/ru/centre.md': release({ title: 'Центр открыт', lang: 'ru', id: 'centre', slug: 'tsentr' }, 'Центр открылся сегодня.\n'),
    });
    const result = await runMain(['build', 'r', '--now', NOW, '--format', 'html,json,ninjs'], { cwd: project });
    expect(result.code, result.stdout + result.stderr).toBe(0);
    const at = (p: string) => readFile(join(project, 'dist', p), 'utf8');
    const langs = (text: string, pattern: RegExp) => [...text.matchAll(pattern)].map((m) => m[1]!);
    const sitemap = await at('sitemap.xml');
    const manifest = JSON.parse(await at('releases.json')) as { releases: { lang: string; translations: { lang: string }[] }[] };
    for (const [lang, slug] of [['az', 'merkez'], ['en', 'centre'], ['ru', 'tsentr']] as const) {
      const page = await at(`${lang}/${slug}.html`);
      const json = JSON.parse(await at(`${lang}/${slug}.json`)) as { translations: { lang: string }[] };
      const ninjs = JSON.parse(await at(`${lang}/${slug}.ninjs.json`)) as { altIds: { role: string }[] };
      const atom = await at(`${lang}/feed.xml`);
      const orders = {
        'page links': langs(page.slice(page.indexOf('<nav class="translations"'), page.indexOf('</nav>', page.indexOf('<nav class="translations"'))), /<a href="[^"]+" hreflang="([^"]+)"/g),
        'page head': langs(page.slice(0, page.indexOf('</head>')), /<link rel="alternate" hreflang="([^"]+)"/g).filter((l) => l !== lang && l !== 'x-default'),
        json: json.translations.map((t) => t.lang),
        ninjs: ninjs.altIds.filter((a) => a.role.startsWith('translation:')).map((a) => a.role.slice('translation:'.length)),
        atom: langs(atom.slice(atom.indexOf('<entry>')), /rel="alternate" type="text\/html" hreflang="([^"]+)"/g).filter((l) => l !== lang),
        sitemap: langs(sitemap.split('<url>').find((u) => u.includes(`<loc>${SITE}${lang}/${slug}.html</loc>`))!, /hreflang="([^"]+)"/g).filter((l) => l !== lang && l !== 'x-default'),
        'releases.json': manifest.releases.find((r) => r.lang === lang)!.translations.map((t) => t.lang),
      };
      const others = ['ru', 'en', 'az'].filter((l) => l !== lang);
      expect(orders, lang).toEqual(Object.fromEntries(Object.keys(orders).map((output) => [output, others])));
      // The first of the config's languages is the x-default, on the page as in the sitemap.
      expect(page, lang).toContain(`<link rel="alternate" hreflang="x-default" href="${SITE}ru/tsentr.html">`);
    }
  });
});

describe('a tag spelt in different ways', () => {
  /** The tag page's heading. */
  const heading = async (root: string, path: string) => /<h1[^>]*>([^<]*)<\/h1>/.exec(await readFile(join(root, 'dist', path), 'utf8'))?.[1];

  it('names its page as most of its releases spell it, the newest release\'s spelling breaking a tie, whatever order the files are in', async () => {
    // The newest release spells it otherwise than the two before it, and is found first or last by its file's name.
    const releases = (names: readonly string[]) => Object.fromEntries([
      release({ id: 'new', title: 'Newest centre opens', date: '2026-11-27', tags: '[Residence permits, Visa]' }),
      release({ id: 'mid', title: 'Middle rules change', date: '2026-11-20', tags: '[residence permits, visa]' }),
      release({ id: 'old', title: 'Oldest quota set', date: '2026-11-01', tags: '[residence permits]' }),
    ].map((text, i) => [`r/${names[i]}.md`, text]));
    const headings: string[][] = [];
    for (const [names, jobs] of [[['a', 'b', 'c'], '1'], [['c', 'b', 'a'], '1'], [['b', 'c', 'a'], '3']] as const) {
      const root = await fixture({ 'migration-news.config.yaml': 'languages: [en]\n', ...releases(names) });
      const result = await runMain(['build', 'r', '--now', NOW, '--format', 'html', '--jobs', jobs], { cwd: root });
      expect(result.code, result.stdout + result.stderr).toBe(0);
      headings.push([(await heading(root, 'en/tags/residence-permits.html'))!, (await heading(root, 'en/tags/visa.html'))!]);
    }
    // Two releases against one: theirs. One against one: the newest release's.
    expect(headings).toEqual(Array(3).fill(['Press releases tagged “residence permits”', 'Press releases tagged “Visa”']));
  });
});
