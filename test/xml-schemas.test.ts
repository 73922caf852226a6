import { beforeAll, describe, expect, it } from 'vitest';
import { sitemapSchemaErrorsEach } from './helpers/xml-schemas.js';

/**
 * The schemas the sitemap tests validate against refuse what the official
 * ones refuse. `sitemap.xsd` comes from the `sitemap` package; the Google
 * News and XHTML link schemas are stand-ins written from the published
 * definitions (test/fixtures/xsd/README.md), so each of their constraints is
 * proved here with a document that breaks it: a stand-in that accepted
 * anything would fail these tests.
 */

const URLSET = '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:news="http://www.google.com/schemas/sitemap-news/0.9" xmlns:xhtml="http://www.w3.org/1999/xhtml">';
const document = (url: string) => `<?xml version="1.0" encoding="UTF-8"?>\n${URLSET}\n<url>\n<loc>https://press.example.az/en/a.html</loc>\n${url}\n</url>\n</urlset>\n`;

interface NewsParts { publication?: string; access?: string; genres?: string; date?: string; title?: string; keywords?: string; tickers?: string; extra?: string; order?: string[] }

function news(parts: NewsParts = {}): string {
  const element: Record<string, string | undefined> = {
    publication: parts.publication ?? '<news:publication><news:name>SMS Newsroom</news:name><news:language>en</news:language></news:publication>',
    access: parts.access === undefined ? undefined : `<news:access>${parts.access}</news:access>`,
    genres: parts.genres === undefined ? undefined : `<news:genres>${parts.genres}</news:genres>`,
    date: parts.date === '' ? undefined : `<news:publication_date>${parts.date ?? '2026-11-27T10:00:00+04:00'}</news:publication_date>`,
    title: parts.title === '' ? undefined : `<news:title>${parts.title ?? 'A title'}</news:title>`,
    keywords: parts.keywords === undefined ? undefined : `<news:keywords>${parts.keywords}</news:keywords>`,
    tickers: parts.tickers === undefined ? undefined : `<news:stock_tickers>${parts.tickers}</news:stock_tickers>`,
    extra: parts.extra,
  };
  const order = parts.order ?? ['publication', 'access', 'genres', 'date', 'title', 'keywords', 'tickers', 'extra'];
  return document(`<news:news>${order.map((k) => element[k] ?? '').join('')}</news:news>`);
}

const publication = (name: string | null, language: string | null) =>
  `<news:publication>${name === null ? '' : `<news:name>${name}</news:name>`}${language === null ? '' : `<news:language>${language}</news:language>`}</news:publication>`;

const link = (attributes: string, content = '') => document(content ? `<xhtml:link ${attributes}>${content}</xhtml:link>` : `<xhtml:link ${attributes}/>`);

/**
 * Each test writes down its cases as the file is collected, and the cases of
 * every test are validated together before the tests run, in one run of the
 * validator for each kind of sitemap (a run takes a tenth of a second to
 * start): `accepts` a document with no error, `refuses` one with an error
 * that names the broken part. Each test then checks its own cases.
 */
type Case = { xml: string; error: RegExp | null; kind: 'urlset' | 'index' };
const planned: Case[] = [];
const errorsOf = new Map<Case, string[]>();
let queue: Case[] = [];

function accepts(xml: string, kind: Case['kind'] = 'urlset'): void {
  queue.push({ xml, error: null, kind });
}

function refuses(xml: string, error: RegExp, kind: Case['kind'] = 'urlset'): void {
  queue.push({ xml, error, kind });
}

/** A test of the cases `write` makes with `accepts` and `refuses`. */
function schemaTest(name: string, write: () => void): void {
  queue = [];
  write();
  const cases = queue;
  planned.push(...cases);
  it(name, () => {
    expect(cases.length).toBeGreaterThan(0);
    for (const c of cases) {
      const errors = errorsOf.get(c)!;
      if (c.error === null) expect(errors, c.xml).toEqual([]);
      else {
        expect(errors.length, `refused: ${c.xml}`).toBeGreaterThan(0);
        expect(errors.join('\n'), c.xml).toMatch(c.error);
      }
    }
  });
}

beforeAll(async () => {
  for (const kind of ['urlset', 'index'] as const) {
    const cases = planned.filter((c) => c.kind === kind);
    const results = await sitemapSchemaErrorsEach(cases.map((c) => c.xml), kind);
    cases.forEach((c, i) => errorsOf.set(c, results[i]!));
  }
});

describe('the Google News sitemap schema', () => {
  schemaTest('accepts a full entry with every optional element in order', () => {
    accepts(news({ access: 'Subscription', genres: 'PressRelease, Blog', keywords: 'visas, permits', tickers: 'NASDAQ:A, NYSE:B' }));
    accepts(news({ date: '2026-11-27' }));
    accepts(news({ date: '2026-11-27T06:00:00Z' }));
    accepts(news({ date: '2026-11-27T06:00:00.250-03:30' }));
    for (const language of ['en', 'az', 'ru', 'fil', 'zh-cn', 'zh-tw']) accepts(news({ publication: publication('SMS', language) }));
  });

  schemaTest('takes an ISO 639 language of two or three lower-case letters, or zh-cn / zh-tw, and nothing else', () => {
    for (const language of ['en-GB', 'EN', 'english', 'e', 'zh-hk', 'en_GB', '']) {
      refuses(news({ publication: publication('SMS', language) }), /language/);
    }
  });

  schemaTest('takes a publication date in the W3C format only', () => {
    for (const date of ['27/11/2026', '2026-11', '2026', '2026-11-27 10:00:00+04:00', '2026-13-01', '2026-02-30', 'yesterday', '2026-11-27T10:00:00', '2026-11-27T10:00+04:00', '2026-11-27+04:00', '']) {
      refuses(date === '' ? news({ date: '<!-- none -->' }).replace('<!-- none -->', '') : news({ date }), /publication_date/);
    }
  });

  schemaTest('requires the publication with its name and language, the date and the title', () => {
    refuses(news({ publication: '' }).replace('<news:publication></news:publication>', ''), /publication/);
    refuses(news({ publication: publication(null, 'en') }), /name/);
    refuses(news({ publication: publication('SMS', null) }), /language/);
    refuses(news({ publication: '<news:publication><news:language>en</news:language><news:name>SMS</news:name></news:publication>' }), /language|name/);
    refuses(news({ date: '' }), /title|publication_date/);
    refuses(news({ title: '' }), /title|Missing child element/);
  });

  schemaTest('keeps the elements in the order Google defines', () => {
    refuses(news({ order: ['publication', 'title', 'date'] }), /title|publication_date/);
    refuses(news({ order: ['date', 'publication', 'title'] }), /publication/);
    refuses(news({ keywords: 'a, b', order: ['publication', 'date', 'keywords', 'title'] }), /keywords|title/);
    refuses(news({ genres: 'Blog', order: ['publication', 'date', 'genres', 'title'] }), /genres/);
  });

  schemaTest('refuses unknown elements and values outside the lists', () => {
    refuses(news({ extra: '<news:geo>Baku</news:geo>' }), /geo/);
    refuses(news({ access: 'Free' }), /access/);
    refuses(news({ genres: 'PressRelease, News' }), /genres/);
    refuses(news({ genres: 'pressrelease' }), /genres/);
    refuses(news({ tickers: 'A:B, C:D, E:F, G:H, I:J, K:L' }), /stock_tickers/);
    refuses(news({ tickers: 'NASDAQ' }), /stock_tickers/);
  });
});

describe('the XHTML link schema', () => {
  schemaTest('accepts Google\'s form of a localized version', () => {
    accepts(link('rel="alternate" hreflang="en" href="https://press.example.az/en/a.html"'));
    for (const lang of ['x-default', 'en-GB', 'zh-Hant', 'az-Latn-AZ', 'fil']) accepts(link(`rel="alternate" hreflang="${lang}" href="https://press.example.az/a.html"`));
  });

  schemaTest('requires rel="alternate", hreflang and href', () => {
    refuses(link('hreflang="en" href="https://press.example.az/a.html"'), /rel/);
    refuses(link('rel="canonical" hreflang="en" href="https://press.example.az/a.html"'), /rel/);
    refuses(link('rel="alternate" href="https://press.example.az/a.html"'), /hreflang/);
    refuses(link('rel="alternate" hreflang="en"'), /href/);
  });

  schemaTest('takes a language code as hreflang', () => {
    for (const lang of ['en_GB', 'EN', 'english-language', 'e', '', 'x-default-2x']) {
      refuses(link(`rel="alternate" hreflang="${lang}" href="https://press.example.az/a.html"`), /hreflang/);
    }
  });

  schemaTest('keeps link empty and refuses attributes XHTML does not define for it', () => {
    refuses(link('rel="alternate" hreflang="en" href="https://press.example.az/a.html"', 'English'), /link/);
    refuses(link('rel="alternate" hreflang="en" href="https://press.example.az/a.html"', '<xhtml:link rel="alternate" hreflang="az" href="https://press.example.az/b.html"/>'), /link/);
    refuses(link('rel="alternate" hreflang="en" href="https://press.example.az/a.html" onclick="x()"'), /onclick/);
    refuses(link('rel="alternate" hreflang="en" href="https://press.example.az/a.html" dir="up"'), /dir/);
  });
});

describe('the sitemaps.org schemas', () => {
  schemaTest('refuse a url without loc, values out of range, and a sitemap index entry without loc', () => {
    refuses(document('').replace(/<loc>[^<]*<\/loc>/, ''), /loc|url/);
    refuses(document('<priority>2.0</priority>'), /priority/);
    refuses(document('<lastmod>27 November 2026</lastmod>'), /lastmod/);
    const index = (entry: string) => `<?xml version="1.0" encoding="UTF-8"?>\n<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><sitemap>${entry}</sitemap></sitemapindex>\n`;
    accepts(index('<loc>https://press.example.az/sitemap-1.xml</loc>'), 'index');
    refuses(index('<lastmod>2026-11-27</lastmod>'), /loc|lastmod/, 'index');
    refuses(index('<loc>https://press.example.az/sitemap-1.xml</loc><lastmod>soon</lastmod>'), /lastmod/, 'index');
  });
});
