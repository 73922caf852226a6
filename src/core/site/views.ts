import { hash } from 'node:crypto';
import { calendarFor, formatDate, type Calendar } from '../dates.js';
import { localeFor } from '../locale/index.js';
import { aboutText, localizedValue, organisationHref, pageTitle, pageView, type Labels, type PageView, type TagLink } from '../model.js';
import type { Config, Language } from '../schema.js';
import { SITE_WORDS } from '../labels.js';
import type { SiteEntry } from './entries.js';
import type { LanguageSite, ListingPage } from './listing.js';
import { absoluteUrl, parsedSiteUrl, atomFeedPath, languageIndexBase, listingPath, relativeHref, homeLanguage, releasePath, SITE_FILES, tagBase, tagSlug } from './paths.js';
import { FRESH } from '../objects.js';

/**
 * The template context of the site's own pages: a language's listing
 * (`index.html.liquid`), a tag's listing (`tag.html.liquid`) and the home page
 * (`home.html.liquid`). Like the release context, every documented key is
 * always present, null when it has no value.
 */

export interface EntryView {
  title: string;
  href: string;
  url: string | null;
  date: string;
  date_iso: string;
  location: string | null;
  /** The release's language: a home page lists the newest of each language in a section of its own, in that language. */
  lang: Language;
  /** The comma between the place and the date in the release's language (see `ReleaseView.dateline_comma`). */
  dateline_comma: string;
  summary: string | null;
  tags: TagLink[];
}

export interface PaginationView {
  number: number;
  count: number;
  /** "Page 2 of 7" in the page's language. */
  label: string;
  prev_href: string | null;
  next_href: string | null;
  /**
   * Numbered links: the first and last pages and the two either side of this
   * one, so that a page of a long listing links to a handful of pages, not to
   * every one. `gap_before` marks where pages are left out.
   */
  pages: { number: number; href: string; current: boolean; gap_before: boolean }[];
}

/** How many numbered links either side of the current page. */
const PAGINATION_REACH = 2;

/** The page numbers a page of `count` links to by number, in order: 1, the last, and `number` ± PAGINATION_REACH. */
export function paginationWindow(number: number, count: number): number[] {
  const from = Math.max(1, number - PAGINATION_REACH);
  const to = Math.min(count, number + PAGINATION_REACH);
  const pages: number[] = [];
  if (from > 1) pages.push(1);
  // A gap of one page is shown as the page itself, not as an ellipsis.
  if (from === 3) pages.push(2);
  for (let n = from; n <= to; n++) pages.push(n);
  if (to === count - 2) pages.push(count - 1);
  if (to < count) pages.push(count);
  return pages;
}

export interface SiteContext {
  url: string | null; name: string | null; organisation: string | null; organisation_url: string | null;
  logo: string | null; about: string | null; timezone: string;
  /** The config's `calendars`, for `format_date` and `format_datetime`. */
  calendars: Readonly<Record<string, Calendar>>;
}

interface CommonView {
  /** `index_href` and `feeds` are null on a home page whose language has no listing (no public release in it). */
  page: Omit<PageView, 'index_href'> & { index_href: string | null; title: string; description: string | null; canonical_url: string | null; alternates: { lang: string; href: string }[]; robots_noindex: boolean };
  site: SiteContext;
  labels: Labels;
  jsonld: Record<string, unknown>;
  generator: { name: string; version: string };
}

export interface ListingView extends CommonView {
  listing: { heading: string; entries: EntryView[]; pagination: PaginationView };
  tag: { name: string; slug: string } | null;
}

export interface HomeView extends CommonView {
  languages: { lang: Language; dir: 'ltr' | 'rtl'; language_name: string; heading: string; all_label: string; index_href: string; feed_href: string | null; entries: EntryView[] }[];
}

export interface SiteViewOptions {
  config: Config;
  version: string;
  /** The template set's labels in a language (`press_releases`, `page_of` …). */
  labels: (lang: Language) => Labels;
  /** How many of each language's newest releases the home page shows. */
  homeSize?: number;
}

export const DEFAULT_HOME_SIZE = 5;

function siteContext(config: Config, lang: Language, path: string): SiteContext {
  const organisation = localizedValue(config.organisation?.name, lang) ?? null;
  return {
    url: config.site?.url ? parsedSiteUrl(config.site.url) : null,
    name: localizedValue(config.site?.name, lang) ?? organisation,
    organisation,
    organisation_url: config.organisation?.url === undefined ? null : organisationHref(config.organisation.url, path, config.site?.url),
    logo: config.organisation?.logo ?? null,
    about: aboutText(config, lang),
    timezone: config.timezone,
    calendars: config.calendars ?? {},
  };
}

/** What an entry's views share on every page that lists it: worked out once per entry and site URL. */
export interface EntryLinks {
  siteUrl: string | undefined;
  /** The calendar `date` is shown in (see `calendarFor`), undefined for the Gregorian. */
  calendar: Calendar | undefined;
  path: string;
  url: string | null;
  date: string;
  tagPaths: readonly string[];
}

const entryLinks = new WeakMap<SiteEntry, EntryLinks>();

function linksOf(entry: SiteEntry, siteUrl: string | undefined, calendars: Config['calendars']): EntryLinks {
  let links = entryLinks.get(entry);
  const calendar = calendarFor(calendars, entry.lang);
  if (links === undefined || links.siteUrl !== siteUrl || links.calendar !== calendar) {
    const path = releasePath(entry.lang, entry.slug);
    links = {
      siteUrl, calendar, path,
      url: siteUrl ? absoluteUrl(siteUrl, path) : null,
      date: formatDate(entry.date, entry.lang, calendar),
      tagPaths: entry.tags.map((name) => listingPath(tagBase(entry.lang, tagSlug(name, entry.lang)), 1)),
    };
    entryLinks.set(entry, links);
  }
  return links;
}

/** An entry as a page lists it, with its links (see `linksOf`). */
export interface ListedEntry {
  entry: SiteEntry;
  links: EntryLinks;
}

function entryView({ entry, links }: ListedEntry, from: string): EntryView {
  return {
    title: entry.title,
    href: relativeHref(from, links.path),
    url: links.url,
    date: links.date,
    date_iso: entry.dateIso,
    location: entry.location,
    lang: entry.lang,
    dateline_comma: localeFor(entry.lang).comma,
    summary: entry.summary,
    tags: entry.tags.map((name, i) => ({ name, href: relativeHref(from, links.tagPaths[i]!) })),
  };
}

/** A label the site's own views need, in the page's language; English words stand in where a set has none for it. */
export function word(labels: Labels, key: string): string {
  return labels[key] ?? SITE_WORDS[key] ?? key;
}


const fill = (template: string, values: Record<string, string | number>) =>
  template.replace(/\{(\w+)\}/g, (whole, key: string) => (key in values ? String(values[key]) : whole));

/** A page's place among its listing's pages: what its pagination links are made from. */
export interface PagePlace {
  number: number;
  count: number;
  path: string;
  prevPath: string | null;
  nextPath: string | null;
  /** The paths of the pages `paginationWindow` shows, in its order. */
  numbered: string[];
  /** The position of its first entry in the whole listing, 1-based. */
  first: number;
}

function pagePlace(page: ListingPage): PagePlace {
  const numbered = paginationWindow(page.number, page.count).map((n) => page.allPaths[n - 1]!);
  return { number: page.number, count: page.count, path: page.path, prevPath: page.prevPath, nextPath: page.nextPath, numbered, first: page.first };
}

function paginationView(page: PagePlace, labels: Labels): PaginationView {
  return {
    number: page.number,
    count: page.count,
    label: fill(word(labels, 'page_of'), { page: page.number, count: page.count }),
    prev_href: page.prevPath ? relativeHref(page.path, page.prevPath) : null,
    next_href: page.nextPath ? relativeHref(page.path, page.nextPath) : null,
    pages: paginationWindow(page.number, page.count).map((n, i, all) => ({
      number: n,
      href: relativeHref(page.path, page.numbered[i]!),
      current: n === page.number,
      gap_before: i > 0 && n - all[i - 1]! > 1,
    })),
  };
}

/**
 * schema.org CollectionPage with the listed releases as an ItemList, for search engines; `first`, the position of the first
 * in the whole listing, so that the releases on a listing's second page are 21 to 40, not 1 to 20 again.
 */
function collectionJsonLd(name: string, url: string | null, entries: readonly EntryView[], lang: Language, first = 1): Record<string, unknown> {
  return {
    '@context': 'https://schema.org',
    '@type': 'CollectionPage',
    name,
    inLanguage: lang,
    ...(url ? { url } : {}),
    mainEntity: {
      '@type': 'ItemList',
      itemListElement: entries.map((e, i) => ({ '@type': 'ListItem', position: first + i, name: e.title, ...(e.url ? { url: e.url } : {}) })),
    },
  };
}

/** `title` is the page's `<title>` before the site's name; a `pageLabel` after it (`Page 2 of 7`) is kept whole when the title is cut. */
function common(kind: PageView['kind'], lang: Language, path: string, title: { text: string; pageLabel?: string }, heading: string, options: SiteViewOptions, alternates: { lang: string; path: string }[], listed = true): Omit<CommonView, 'jsonld'> {
  const { config } = options;
  const site = siteContext(config, lang, path);
  const siteUrl = config.site?.url;
  return {
    page: {
      ...FRESH, ...pageView(kind, lang, path, heading, config, options.labels(lang)),
      // A language without public releases has no listing or feeds to link to.
      ...(listed ? {} : { index_href: null, feeds: null }),
      title: pageTitle(title.text, site.name ?? undefined, lang, title.pageLabel === undefined ? '' : ` · ${title.pageLabel}`),
      description: null,
      canonical_url: siteUrl ? absoluteUrl(siteUrl, path) : null,
      alternates: alternates.map((a) => ({ lang: a.lang, href: siteUrl ? absoluteUrl(siteUrl, a.path) : relativeHref(path, a.path) })),
      robots_noindex: false,
    },
    site,
    labels: pageLabels(options, lang),
    generator: { name: 'migration-news', version: options.version },
  };
}

/** Labels by language, merged once for all the pages of a run (a page reads them as the release pages do). */
const mergedLabels = new WeakMap<SiteViewOptions, Map<Language, Labels>>();

function pageLabels(options: SiteViewOptions, lang: Language): Labels {
  let byLanguage = mergedLabels.get(options);
  if (!byLanguage) mergedLabels.set(options, (byLanguage = new Map()));
  let labels = byLanguage.get(lang);
  if (!labels) byLanguage.set(lang, (labels = { ...FRESH, ...options.labels(lang), language_name: localeFor(lang).name, og_locale: localeFor(lang).ogLocale }));
  return labels;
}

/** Alternates between the language indexes that exist, with the home page as `x-default`; none when only one language has releases. */
function indexAlternates(languages: readonly Language[]): { lang: string; path: string }[] {
  if (languages.length < 2) return [];
  return [...languages.map((l) => ({ lang: l, path: listingPath(languageIndexBase(l), 1) })), { lang: 'x-default', path: SITE_FILES.home }];
}

/**
 * What one of the site's pages is made from besides the build's settings
 * (config, template set, tool): small enough to pass to another thread,
 * where the page's view is made (`sitePageView`). Equal specs make equal
 * views: the incremental record's fingerprint covers the settings.
 */
export type PageSpec =
  | { kind: 'index' | 'tag'; lang: Language; place: PagePlace; tag: { name: string; slug: string } | null; alternates: readonly Language[]; entries: ListedEntry[] }
  | { kind: 'home'; lang: Language; listed: readonly Language[]; sections: { lang: Language; entries: ListedEntry[] }[] };

/**
 * One of the site's pages, to render with the set's template of its kind.
 * `key` is a text equal for two jobs exactly when their specs are, besides
 * the build's settings (each listed entry stands in it for a digest of its
 * JSON text): a rebuild that leaves the page as it is needs no spec.
 */
export interface SitePageJob {
  kind: PageSpec['kind'];
  path: string;
  key: string;
  spec(): PageSpec;
}

/**
 * Each entry's digest, of its JSON text, made once per build. An entry is
 * on its language's listing, on each of its tags' pages and perhaps on the
 * home page: the keys of the pages hold it that many times, and with
 * releases of three or four tags and summaries of real length the keys of a
 * listing of 2,000 releases, which every build hashes, came to 10 MB.
 */
const entryDigests = new WeakMap<SiteEntry, string>();

/** The digests of a list of entries, in order: what a key of a page or file made from them holds of them. */
export function entriesKey(entries: readonly SiteEntry[]): string {
  let key = '';
  for (const entry of entries) key += entryDigest(entry);
  return key;
}

/** An entry's digest (see `entryDigests`). */
export function entryDigest(entry: SiteEntry): string {
  let digest = entryDigests.get(entry);
  if (digest === undefined) entryDigests.set(entry, (digest = hash('sha256', JSON.stringify(entry), 'base64')));
  return digest;
}

function listingJob(kind: 'index' | 'tag', lang: Language, page: ListingPage, tag: { name: string; slug: string } | null, alternates: readonly Language[], config: Config): SitePageJob {
  const siteUrl = config.site?.url;
  const place = pagePlace(page);
  return {
    kind, path: page.path,
    key: `${JSON.stringify([kind, lang, place, tag, alternates])}${entriesKey(page.entries)}`,
    spec: () => ({ kind, lang, place, tag, alternates, entries: page.entries.map((entry) => ({ entry, links: linksOf(entry, siteUrl, config.calendars) })) }),
  };
}

/** Every page of one language's listing; `listed` are the languages that have a listing, for the hreflang alternates of its first page. */
export function* indexPages(site: LanguageSite, listed: readonly Language[], options: SiteViewOptions): Generator<SitePageJob> {
  for (const page of site.pages) yield listingJob('index', site.lang, page, null, page.number === 1 ? listed : [], options.config);
}

/** Every page of every tag of one language. */
export function* tagPages(site: LanguageSite, options: SiteViewOptions): Generator<SitePageJob> {
  for (const tag of site.tags.values()) {
    const named = { name: tag.name, slug: tag.slug };
    for (const page of tag.pages) yield listingJob('tag', site.lang, page, named, [], options.config);
  }
}

/**
 * The home page: in the first configured language, with the newest releases
 * of each language that has any and links to their listings. A language
 * without public releases has no section and no link, as it has no listing.
 */
export function homePage(sites: readonly LanguageSite[], languages: readonly Language[], options: SiteViewOptions): SitePageJob {
  const size = options.homeSize ?? DEFAULT_HOME_SIZE;
  const siteUrl = options.config.site?.url;
  const lang = homeLanguage(languages);
  const listed = sites.map((s) => s.lang);
  const newest = sites.map((s) => ({ lang: s.lang, entries: s.entries.slice(0, size) }));
  return {
    kind: 'home', path: SITE_FILES.home,
    key: JSON.stringify(['home', lang, listed, newest]),
    spec: () => ({ kind: 'home', lang, listed, sections: newest.map((s) => ({ lang: s.lang, entries: s.entries.map((entry) => ({ entry, links: linksOf(entry, siteUrl, options.config.calendars) })) })) }),
  };
}

/** The view of a page of the site, for its template. */
export function sitePageView(spec: PageSpec, options: SiteViewOptions): ListingView | HomeView {
  return spec.kind === 'home' ? homeView(spec, options) : listingView(spec, options);
}

function listingView(spec: Extract<PageSpec, { kind: 'index' | 'tag' }>, options: SiteViewOptions): ListingView {
  const { kind, lang, place, tag } = spec;
  const labels = options.labels(lang);
  const heading = tag ? fill(word(labels, 'tagged'), { tag: tag.name }) : word(labels, 'press_releases');
  const pagination = paginationView(place, labels);
  const titled = place.count > 1 ? `${heading} · ${pagination.label}` : heading;
  const base = common(kind, lang, place.path, place.count > 1 ? { text: heading, pageLabel: pagination.label } : { text: heading }, tag ? tag.name : heading, options, tag ? [] : indexAlternates(spec.alternates));
  const entries = spec.entries.map((e) => entryView(e, place.path));
  return { ...FRESH, ...base, listing: { heading, entries, pagination }, tag, jsonld: collectionJsonLd(tag ? heading : titled, base.page.canonical_url, entries, lang, place.first) };
}

function homeView(spec: Extract<PageSpec, { kind: 'home' }>, options: SiteViewOptions): HomeView {
  const { lang } = spec;
  const labels = options.labels(lang);
  const siteUrl = options.config.site?.url;
  const site = siteContext(options.config, lang, SITE_FILES.home);
  const title = site.name ?? word(labels, 'press_releases');
  const base = common('home', lang, SITE_FILES.home, { text: title }, title, options, indexAlternates(spec.listed), spec.listed.includes(lang));
  const sections = spec.sections.map((s) => {
    const own = options.labels(s.lang);
    return {
      lang: s.lang,
      dir: localeFor(s.lang).direction,
      language_name: localeFor(s.lang).name,
      heading: word(own, 'latest'),
      all_label: word(own, 'all_releases'),
      index_href: relativeHref(SITE_FILES.home, listingPath(languageIndexBase(s.lang), 1)),
      feed_href: siteUrl ? relativeHref(SITE_FILES.home, atomFeedPath(s.lang)) : null,
      entries: s.entries.map((e) => entryView(e, SITE_FILES.home)),
    };
  });
  const listed = sections.flatMap((s) => s.entries);
  return { ...FRESH, ...base, languages: sections, jsonld: collectionJsonLd(title, base.page.canonical_url, listed, lang) };
}
