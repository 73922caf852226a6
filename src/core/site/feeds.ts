import { generateAtomFeed } from 'feedsmith';
import { imageMediaType, type ImageFacts } from '../images.js';
import { leadImageAddress } from '../model.js';
import { localeFor } from '../locale/index.js';
import type { Language } from '../schema.js';
import { escapeHtml, isSlash, trimWhere } from '../text.js';
import type { Release } from '../validate.js';
import type { Departure, SiteEntry } from './entries.js';
import { absoluteUrl, atomFeedPath, jsonFeedPath, languageIndexBase, listingPath, releasePath, tagsFolder } from './paths.js';

/**
 * Atom 1.0 (RFC 4287) and JSON Feed 1.1 for one language: pure functions of
 * the newest public entries and their rendered bodies. The Atom XML is
 * written by feedsmith, which escapes text and splits CDATA sections itself.
 */

export const DEFAULT_FEED_SIZE = 50;

export interface FeedOptions {
  lang: Language;
  siteUrl: string;
  /** The feed's title, e.g. "State Migration Service — Press releases". */
  title: string;
  /** Who publishes the releases: the organisation, or the site's name. */
  author: string;
  authorUrl: string | null;
  /** Absolute http(s) URL of the organisation's logo, or null. */
  logo: string | null;
  generatorVersion: string;
  /** The feed's `updated` time (see `feedUpdated`). */
  updated: string;
  /** Whether the language's listing is built: the page a feed names as its own. A set without the site's pages (`email`) builds none. */
  listing: boolean;
}

/** A release's lead image as a feed carries it: an Atom enclosure, JSON Feed's `image`. */
export interface FeedImage {
  /** Absolute http(s) URL. */
  url: string;
  /** The media type its extension names, or null: the enclosure then says none. */
  type: string | null;
  /** Its size in bytes when the build copied the file, or null (a remote image): the enclosure then says none. */
  length: number | null;
}

/** What a feed carries of a release besides its entry: the body as the release page shows it, and the lead image. */
export interface FeedContent {
  html: string;
  image: FeedImage | null;
}

export interface FeedItem extends FeedContent {
  entry: SiteEntry;
  /** The public versions of this release in other languages. */
  translations: readonly SiteEntry[];
}

/**
 * A stable id that survives a change of slug or title (RFC 4151):
 * `tag:press.example.az,2026-06-12:en/annual-statistics`, from the site's
 * host and path, the release's date, language and id.
 */
export function entryId(siteUrl: string, entry: Pick<SiteEntry, 'lang' | 'id' | 'dateIso'>): string {
  const url = new URL(siteUrl);
  const prefix = trimWhere(url.pathname, isSlash, true);
  // A host written in full (`press.example.az.`) without its final dot: RFC 4151 writes a domain name without it.
  return `tag:${url.hostname.replace(/\.$/, '')},${entry.dateIso.slice(0, 10)}:${prefix ? `${prefix}/` : ''}${entry.lang}/${entry.id}`;
}

/**
 * A release's lead image as its feeds carry it, at the address its page's
 * `og:image` gives; null without one. A feed is read away from the site, so
 * only an absolute http(s) address will do.
 */
export function feedImage(release: Pick<Release, 'lang' | 'slug' | 'image'>, images: ImageFacts | undefined, siteUrl: string): FeedImage | null {
  if (!release.image) return null;
  const { url, fact } = leadImageAddress(release.image.src, images, absoluteUrl(siteUrl, releasePath(release.lang, release.slug)));
  if (!/^https?:\/\//i.test(url)) return null;
  return { url, type: imageMediaType(url), length: fact?.bytes ?? null };
}

/**
 * A feed's `updated` time: the newest instant of its items (a release has no
 * revisions: its date is its last change), or the build's clock when there
 * are none. Only an empty feed shows the clock, so only its key holds it.
 * It never goes back when a release withdrawn after it went out leaves the
 * feed (`departures`, of the feed's language; `full`: the feed carries only
 * the newest releases): the feed changed when it left, as the sitemap's
 * pages did (`sitemapUrls`).
 */
export function feedUpdated(items: readonly FeedItem[], now: number, departures: readonly Departure[] = [], full = false): string {
  const newest = items.reduce<SiteEntry | undefined>((a, { entry }) => (!a || entry.instant > a.instant ? entry : a), undefined);
  // A release withdrawn after it went out changed the feed when it left it, if it was one of the releases the feed carried: a
  // feed of all its language's releases did, one of the newest only if it was no older than the oldest still there.
  const oldest = full ? items.reduce((a, { entry }) => Math.min(a, entry.instant), Infinity) : -Infinity;
  const left = departures.reduce<Departure | undefined>((a, d) => (d.published >= oldest && (!a || d.instant > a.instant) ? d : a), undefined);
  if (left && (!newest || left.instant > newest.instant)) return left.dateIso;
  return newest ? newest.dateIso : new Date(now).toISOString();
}

/**
 * A body as a feed carries it (`body_html_document`, whose addresses
 * written relative to the page are already the page's full ones): its
 * links within the page (footnote marks and back links, `href="#fn-1"`)
 * lead to the page, since a reader resolves them against the feed, if at
 * all. Attribute values are escaped, so ` href="#` is only ever an
 * attribute's start. A body in a
 * language written right to left is held in a `<div dir="rtl">`: neither
 * Atom nor JSON Feed can say a direction, and a reader shows the HTML in a
 * frame of its own, left to right (lists, tables and quotes on the wrong side).
 */
export function feedHtml(html: string, pageUrl: string, lang: Language): string {
  const linked = html.includes(' href="#') ? html.split(' href="#').join(` href="${escapeHtml(pageUrl)}#`) : html;
  return localeFor(lang).direction === 'rtl' ? `<div dir="rtl">\n${linked}</div>\n` : linked;
}

/**
 * The Atom text as written, without the line break and indent the XML
 * writer puts around a CDATA section that is an element's whole text
 * (`<title type="text">\n      <![CDATA[…]]>\n    </title>`): in a text
 * construct they are part of the title. The sections are walked in order,
 * so nothing inside one is touched.
 */
function tightenCdata(xml: string, markup: (outside: string) => string = (outside) => outside): string {
  let out = '';
  let at = 0;
  for (;;) {
    const start = xml.indexOf('<![CDATA[', at);
    if (start === -1) return out + markup(xml.slice(at));
    const end = xml.indexOf(']]>', start + 9);
    if (end === -1) return out + markup(xml.slice(at));
    out += markup(xml.slice(at, start)).replace(/>\n[ \t]*$/, '>') + xml.slice(start, end + 3);
    at = end + 3;
    const after = /^\n[ \t]*<\//.exec(xml.slice(at, at + 256));
    if (after) at += after[0].length - 2;
  }
}

/**
 * Atom's dates as the releases give them, in the project's time zone
 * (`2026-09-01T00:00:00+04:00`), as the sitemaps and JSON Feed write them:
 * the XML writer turns every date into UTC with milliseconds
 * (`2026-08-31T20:00:00.000Z`), which is the same instant but reads as the
 * day before. Only the `updated` and `published` elements outside CDATA
 * (markup, not a body's text) are rewritten, and only to a text of the same instant.
 * `dates` are in the order the writer puts them out, and each instant's texts
 * are given in that order: two releases of one instant may write it apart
 * (`…T10:00:00+04:00`, `…T06:00:00Z`), and each keeps its own.
 */
function writtenDates(dates: readonly string[]): (markup: string) => string {
  const written = new Map<string, string[]>();
  for (const date of dates) {
    const instant = new Date(date);
    if (Number.isNaN(instant.getTime())) continue;
    const key = instant.toISOString();
    const texts = written.get(key);
    if (texts) texts.push(date);
    else written.set(key, [date]);
  }
  return (markup) => markup.replace(/<(updated|published)>([^<]*)<\/\1>/g, (element, name: string, value: string) => {
    const date = written.get(value)?.shift();
    return date === undefined ? element : `<${name}>${date}</${name}>`;
  });
}

export function atomFeed(items: readonly FeedItem[], options: FeedOptions): string {
  const { lang, siteUrl } = options;
  const url = (path: string) => absoluteUrl(siteUrl, path);
  const self = url(atomFeedPath(lang));
  // The feed's `updated`, then each entry's `published` and `updated`.
  const dates = writtenDates([options.updated, ...items.flatMap(({ entry }) => [entry.dateIso, entry.dateIso])]);
  return tightenCdata(generateAtomFeed({
    id: self,
    title: { value: options.title, type: 'text' },
    updated: options.updated,
    xml: { lang },
    links: [
      { href: self, rel: 'self', type: 'application/atom+xml' },
      ...(options.listing ? [{ href: url(listingPath(languageIndexBase(lang), 1)), rel: 'alternate', type: 'text/html', hreflang: lang }] : []),
      { href: url(jsonFeedPath(lang)), rel: 'alternate', type: 'application/feed+json' },
    ],
    authors: [{ name: options.author, ...(options.authorUrl ? { uri: options.authorUrl } : {}) }],
    generator: { text: 'migration-news', version: options.generatorVersion },
    ...(options.logo ? { logo: options.logo } : {}),
    entries: items.map(({ entry, html, image, translations }) => ({
      id: entryId(siteUrl, entry),
      title: { value: entry.title, type: 'text' },
      updated: entry.dateIso,
      published: entry.dateIso,
      links: [
        { href: url(releasePath(entry.lang, entry.slug)), rel: 'alternate', type: 'text/html', hreflang: entry.lang },
        ...translations.map((t) => ({ href: url(releasePath(t.lang, t.slug)), rel: 'alternate', type: 'text/html', hreflang: t.lang, title: t.title })),
        // The lead image as feed readers look for it in Atom; `length` is advisory (RFC 4287, 4.2.7.6), so it is left out when not known.
        ...(image ? [{ href: image.url, rel: 'enclosure', ...(image.type ? { type: image.type } : {}), ...(image.length !== null ? { length: image.length } : {}) }] : []),
      ],
      ...(entry.summary ? { summary: { value: entry.summary, type: 'text' } } : {}),
      content: { value: feedHtml(html, url(releasePath(entry.lang, entry.slug)), entry.lang), type: 'html' },
      // The scheme is the language's tag folder; a term is the tag as written, which readers show (few show the label), and its page
      // in that folder is at the tag's slug, not at the term.
      categories: entry.tags.map((tag) => ({ term: tag, label: tag, scheme: url(`${tagsFolder(lang)}/`) })),
    })),
  }, { strict: false }), dates);
}

/** JSON Feed 1.1 (https://www.jsonfeed.org/version/1.1/); plain JSON, so `JSON.stringify` is all the escaping it needs. */
export function jsonFeed(items: readonly FeedItem[], options: FeedOptions): string {
  const { lang, siteUrl } = options;
  const url = (path: string) => absoluteUrl(siteUrl, path);
  const feed = {
    version: 'https://jsonfeed.org/version/1.1',
    title: options.title,
    ...(options.listing ? { home_page_url: url(listingPath(languageIndexBase(lang), 1)) } : {}),
    feed_url: url(jsonFeedPath(lang)),
    language: lang,
    authors: [{ name: options.author, ...(options.authorUrl ? { url: options.authorUrl } : {}) }],
    ...(options.logo ? { icon: options.logo } : {}),
    items: items.map(({ entry, html, image }) => ({
      id: entryId(siteUrl, entry),
      url: url(releasePath(entry.lang, entry.slug)),
      title: entry.title,
      content_html: feedHtml(html, url(releasePath(entry.lang, entry.slug)), entry.lang),
      ...(entry.summary ? { summary: entry.summary } : {}),
      ...(image ? { image: image.url } : {}),
      date_published: entry.dateIso,
      date_modified: entry.dateIso,
      ...(entry.tags.length > 0 ? { tags: [...entry.tags] } : {}),
      language: entry.lang,
    })),
  };
  return `${JSON.stringify(feed, null, 2)}\n`;
}
