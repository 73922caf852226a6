import { createHash } from 'node:crypto';
import type { Language } from '../schema.js';
import { compareNewestFirst, inLanguageOrder, translationGroups, xDefaultOfOrdered, type Departure, type SiteEntry } from './entries.js';
import type { LanguageSite } from './listing.js';
import { absoluteUrl, languageIndexBase, listingPath, releasePath, SITE_FILES, sitemapPartPath, tagSlug } from './paths.js';
import { utf8Length, xmlText } from './xml.js';

/**
 * sitemap.xml (sitemaps.org 0.9, with `xhtml:link` alternates between the
 * language versions of a page and an `x-default`), a sitemap index when the
 * URLs do not fit one file, and news-sitemap.xml in the Google News format.
 */

export interface Alternate {
  hreflang: string;
  path: string;
}

export interface SitemapUrl {
  path: string;
  /** RFC 3339, or null when the page has no date of its own. */
  lastmod: string | null;
  alternates: readonly Alternate[];
}

/** The sitemaps protocol's limits for one file: 50,000 URLs and 50 MB (52,428,800 bytes) uncompressed. */
export const SITEMAP_LIMITS = { urls: 50_000, bytes: 52_428_800 };

/** Google News reads at most this many URLs from one news sitemap. */
export const NEWS_SITEMAP_MAX_URLS = 1000;
/** Google News wants articles published in the last two days. */
export const NEWS_WINDOW_MS = 2 * 24 * 60 * 60 * 1000;

/** Of dated things, the latest (the first of those as late), or undefined for none. */
function latest<T extends { instant: number }, S extends { instant: number } = T>(items: Iterable<T>, start?: S): T | S | undefined {
  let found: T | S | undefined = start;
  for (const item of items) if (!found || item.instant > found.instant) found = item;
  return found;
}

/**
 * Every public page: the home page, each language's listing pages and tag
 * pages, and each release. Releases published in more than one language
 * point at each other, and at the version in the first configured language as
 * `x-default`; the language indexes do the same with the home page as their
 * `x-default`.
 *
 * A page's `lastmod` never goes back when a release leaves it: a crawler takes
 * a page whose date moved back for one whose dates cannot be trusted. So a
 * release withdrawn after it went out (`departures`) dates the pages it was
 * on by when it left them, where that is later than their newest release.
 */
export function sitemapUrls(sites: readonly LanguageSite[], languages: readonly Language[], listings = true, departures: readonly Departure[] = []): SitemapUrl[] {
  const urls: SitemapUrl[] = [];
  const indexAlternates: Alternate[] = sites.length > 1
    ? [...sites.map((s) => ({ hreflang: s.lang, path: listingPath(languageIndexBase(s.lang), 1) })), { hreflang: 'x-default', path: SITE_FILES.home }]
    : [];
  const all = sites.flatMap((s) => s.entries);
  const listed = new Set(sites.map((s) => s.lang));
  const left = departures.filter((d) => listed.has(d.lang));
  const lastmod = (entries: readonly SiteEntry[], gone: Iterable<Departure>): string | null => latest(gone, entries[0])?.dateIso ?? null;
  // The home page, listings and tag pages are listed when the template set built them (the email set does not). The home
  // page changed when any release left it, the last of its language too, whose section it dropped with it: of every departure.
  if (listings) urls.push({ path: SITE_FILES.home, lastmod: latest(departures, latest<SiteEntry>(all))?.dateIso ?? null, alternates: indexAlternates });
  const groups = translationGroups(all);
  // Each version of a release lists the same alternates: its versions are put in language order once, for the first of them.
  const groupAlternates = new Map<string, readonly Alternate[]>();
  for (const site of sites) {
    if (listings) {
      // Every page of a listing changed when its newest release came out: each later page's releases moved down one, and its "Page N of M"
      // may have grown. Its own newest release is older than that change, and would tell a crawler the page has been the same since.
      const gone = left.filter((d) => d.lang === site.lang);
      const listingChanged = lastmod(site.entries, gone);
      site.pages.forEach((page, i) => urls.push({ path: page.path, lastmod: listingChanged, alternates: i === 0 ? indexAlternates : [] }));
      // The releases gone from each tag's page, by its slug: found once for all, not by going through all of them for each tag.
      const goneFromTag = new Map<string, Departure[]>();
      for (const d of gone) {
        for (const slug of new Set(d.tags.map((name) => tagSlug(name, d.lang)))) {
          if (!site.tags.has(slug)) continue;
          const list = goneFromTag.get(slug);
          if (list) list.push(d);
          else goneFromTag.set(slug, [d]);
        }
      }
      for (const tag of site.tags.values()) {
        const tagChanged = lastmod(tag.entries, goneFromTag.get(tag.slug) ?? []);
        for (const page of tag.pages) urls.push({ path: page.path, lastmod: tagChanged, alternates: [] });
      }
    }
    for (const entry of site.entries) {
      let alternates = groupAlternates.get(entry.id);
      if (alternates === undefined) {
        const versions = inLanguageOrder(groups.get(entry.id)!.values(), languages);
        const xDefault = xDefaultOfOrdered(versions);
        alternates = xDefault
          ? [...versions.map((v) => ({ hreflang: v.lang, path: releasePath(v.lang, v.slug) })), { hreflang: 'x-default', path: releasePath(xDefault.lang, xDefault.slug) }]
          : [];
        groupAlternates.set(entry.id, alternates);
      }
      urls.push({ path: releasePath(entry.lang, entry.slug), lastmod: entry.dateIso, alternates });
    }
  }
  return urls;
}

/**
 * A digest of all that `sitemapFiles` makes a sitemap from: the site's
 * address and each URL with its date and alternates (each list of them
 * once, as the versions of a release share theirs). Hashed as it is read,
 * in pieces: at 10,000 releases it is some 1.3 million characters.
 */
export function sitemapKey(urls: readonly SitemapUrl[], siteUrl: string): string {
  const digest = createHash('sha256');
  const lists = new Map<readonly Alternate[], number>();
  let text = `${JSON.stringify(siteUrl)}\n`;
  for (const url of urls) {
    let list = lists.get(url.alternates);
    if (list === undefined) {
      lists.set(url.alternates, (list = lists.size));
      text += `${JSON.stringify(url.alternates)}\n`;
    }
    // A path's length before it: nothing it holds can run into what follows.
    text += `${url.path.length} ${url.path} ${url.lastmod ?? '-'} ${list}\n`;
    if (text.length >= 65_536) {
      digest.update(text);
      text = '';
    }
  }
  return digest.update(text).digest('base64');
}

const XML_DECLARATION = '<?xml version="1.0" encoding="UTF-8"?>\n';
const URLSET_OPEN = '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:xhtml="http://www.w3.org/1999/xhtml">\n';
const URLSET_CLOSE = '</urlset>\n';

/** A URL's `xhtml:link` lines, made once for all the URLs that share their alternates (the versions of one release, the language indexes). */
function alternateLinks(siteUrl: string): (alternates: readonly Alternate[]) => string {
  const made = new Map<readonly Alternate[], string>();
  return (alternates) => {
    if (alternates.length === 0) return '';
    let links = made.get(alternates);
    if (links === undefined) {
      links = alternates.map((a) => `    <xhtml:link rel="alternate" hreflang="${xmlText(a.hreflang)}" href="${xmlText(absoluteUrl(siteUrl, a.path))}"/>\n`).join('');
      made.set(alternates, links);
    }
    return links;
  };
}

function urlElement(url: SitemapUrl, siteUrl: string, links: (alternates: readonly Alternate[]) => string): string {
  const loc = xmlText(absoluteUrl(siteUrl, url.path));
  return `  <url>\n    <loc>${loc}</loc>\n${url.lastmod ? `    <lastmod>${xmlText(url.lastmod)}</lastmod>\n` : ''}${links(url.alternates)}  </url>\n`;
}

export interface SiteFile {
  path: string;
  content: string;
}

/**
 * sitemap.xml, or, when the URLs go over one file's limits, sitemap.xml as a
 * sitemap index over sitemap-1.xml, sitemap-2.xml, …
 */
export function sitemapFiles(urls: readonly SitemapUrl[], siteUrl: string, limits = SITEMAP_LIMITS): SiteFile[] {
  const room = limits.bytes - utf8Length(XML_DECLARATION + URLSET_OPEN + URLSET_CLOSE);
  const parts: string[][] = [[]];
  let bytes = 0;
  const links = alternateLinks(siteUrl);
  for (const url of urls) {
    const element = urlElement(url, siteUrl, links);
    const size = utf8Length(element);
    let part = parts.at(-1)!;
    if (part.length > 0 && (part.length >= limits.urls || bytes + size > room)) {
      parts.push((part = []));
      bytes = 0;
    }
    part.push(element);
    bytes += size;
  }
  const document = (elements: readonly string[]) => `${XML_DECLARATION}${URLSET_OPEN}${elements.join('')}${URLSET_CLOSE}`;
  if (parts.length === 1) return [{ path: SITE_FILES.sitemap, content: document(parts[0]!) }];
  const files = parts.map((elements, i) => ({ path: sitemapPartPath(i + 1), content: document(elements) }));
  const index = `${XML_DECLARATION}<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n${files
    .map((f) => `  <sitemap>\n    <loc>${xmlText(absoluteUrl(siteUrl, f.path))}</loc>\n  </sitemap>\n`)
    .join('')}</sitemapindex>\n`;
  return [{ path: SITE_FILES.sitemap, content: index }, ...files];
}

export interface NewsSitemapOptions {
  siteUrl: string;
  now: number;
  /** The publication's name in each language, as Google News knows it. */
  publicationName: (lang: Language) => string;
}

/** Releases published in the two days up to `now`, newest first as every listing orders them, at most 1,000. */
export function newsEntries(entries: readonly SiteEntry[], now: number): SiteEntry[] {
  return entries
    .filter((e) => e.instant <= now && e.instant > now - NEWS_WINDOW_MS)
    .sort(compareNewestFirst)
    .slice(0, NEWS_SITEMAP_MAX_URLS);
}

/** Google News takes an ISO 639 code, with zh-cn and zh-tw as the only regional forms. */
export function newsLanguage(lang: string): string {
  const lower = lang.toLowerCase();
  // Chinese without a region or script is written in simplified characters, as in China.
  if (lower === 'zh' || lower.startsWith('zh-')) return /^zh-(?:hant|tw|hk|mo)/.test(lower) ? 'zh-tw' : 'zh-cn';
  return lower.split('-')[0]!;
}

/**
 * Google News reads `news:keywords` as a list parted by commas: a comma within
 * a tag (`Visas, work permits`) would make two keywords of it, so there it
 * becomes a space, and each tag stays one keyword.
 */
export function newsKeywords(tags: readonly string[]): string {
  return tags.map(withoutCommas).filter((tag) => tag !== '').join(', ');
}

/**
 * `tag` with each comma and the blanks beside it one space, and no blanks around it: split at the commas, not matched as
 * `\s*,\s*`, which was tried from each blank of a long run with no comma after it (seconds for a tag of 80,000 spaces).
 */
function withoutCommas(tag: string): string {
  const parts = tag.split(',');
  return parts.map((part, i) => (i === 0 ? part.trimEnd() : i === parts.length - 1 ? part.trimStart() : part.trim())).join(' ').trim();
}

const keywordsElement = (keywords: string): string[] => (keywords === '' ? [] : [`      <news:keywords>${xmlText(keywords)}</news:keywords>`]);

/** The Google News sitemap, or null when no release falls in its window (a sitemap must list at least one URL). */
export function newsSitemap(entries: readonly SiteEntry[], options: NewsSitemapOptions): SiteFile | null {
  const recent = newsEntries(entries, options.now);
  if (recent.length === 0) return null;
  const urls = recent.map((e) => [
    '  <url>',
    `    <loc>${xmlText(absoluteUrl(options.siteUrl, releasePath(e.lang, e.slug)))}</loc>`,
    '    <news:news>',
    '      <news:publication>',
    `        <news:name>${xmlText(options.publicationName(e.lang))}</news:name>`,
    `        <news:language>${newsLanguage(e.lang)}</news:language>`,
    '      </news:publication>',
    `      <news:publication_date>${xmlText(e.dateIso)}</news:publication_date>`,
    `      <news:title>${xmlText(e.title)}</news:title>`,
    ...keywordsElement(newsKeywords(e.tags)),
    '    </news:news>',
    '  </url>',
    '',
  ].join('\n'));
  return {
    path: SITE_FILES.newsSitemap,
    content: `${XML_DECLARATION}<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">\n${urls.join('')}</urlset>\n`,
  };
}
