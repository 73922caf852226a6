import { problemKey, type Diagnostic } from '../diagnostic.js';
import { localizedValue, organisationHref, rootFileHref, type Labels } from '../model.js';
import type { Config, Language } from '../schema.js';
import { bodyKey, byLanguage, inLanguageOrder, translationGroups, type Departure, type SiteEntry } from './entries.js';
import { atomFeed, DEFAULT_FEED_SIZE, feedUpdated, jsonFeed, type FeedContent, type FeedItem } from './feeds.js';
import { DEFAULT_PAGE_SIZE, planListings, type LanguageSite } from './listing.js';
import { refusedAliasesKey, releasesManifestText, type PiecedText, type RefusedAliases } from './manifest.js';
import { atomFeedPath, jsonFeedPath, SITE_FILES } from './paths.js';
import { newsSitemap, sitemapFiles, sitemapKey, sitemapUrls, type SitemapUrl } from './sitemaps.js';
import { entriesKey, homePage, indexPages, tagPages, word, type SitePageJob } from './views.js';
import { FRESH } from '../objects.js';

export { bodyKey, departure, siteEntry, compareNewestFirst, newestFirst, type Departure, type SiteEntry } from './entries.js';
export { feedImage, type FeedContent } from './feeds.js';
export { RESERVED_SLUGS, tagSlug } from './paths.js';
export { ListedPages, type ListedLinks } from './listing.js';
export { MANIFEST_FORMAT_VERSION, PIECE_SEPARATOR, type PiecedText, type RefusedAliases } from './manifest.js';
export type { SitePageJob } from './views.js';

/**
 * The files that tie a built newsroom together: listings, tag pages and the
 * home page (from the template set), feeds, sitemaps and releases.json. A
 * pure function of the public releases' index entries and, for the feeds'
 * full content, the rendered bodies and lead images of each language's
 * newest releases.
 *
 * Callers pass only releases that are public at the build's clock: nothing
 * here decides publication, so nothing here can let an unpublished release
 * through.
 */

export interface SiteOptions {
  config: Config;
  languages: readonly Language[];
  now: number;
  version: string;
  /** Whether the site's pages are made: HTML is built and the template set has their templates. */
  pages: boolean;
  /** Whether the releases' HTML pages are built: feeds and sitemaps link to them, so they need them. */
  htmlPages: boolean;
  /** The files built for one release, relative to the output root, for the manifest. */
  files: (entry: SiteEntry) => readonly string[];
  /** The template set's labels in a language, for the words of the pages and the feeds' titles. */
  labels: (lang: Language) => Labels;
  /** Releases withdrawn after they went out, which date the pages they left in the sitemap (`sitemapUrls`). */
  departures?: readonly Departure[];
}

export interface SiteResult {
  /**
   * The pages to render with the set's template of their kind (home, then
   * each language's listing and tag pages), not among `files`. Both are made
   * as they are iterated, once: a large archive's site never has to be in
   * memory all at once.
   */
  pages: Iterable<SitePageJob>;
  /** Made once the build knows which aliases get no redirect page, which releases.json leaves out. */
  files(refused: RefusedAliases): Iterable<SiteFileJob>;
  /** Why something was not built, for an info line. */
  notes: string[];
}

/**
 * One or more of the site's files made together (a feed; the sitemap with
 * its parts), the first at `path`. `key`, when there is one, is what they
 * are made from besides the build's settings, as text: equal keys make
 * equal files, so that a rebuild can leave them as an earlier build wrote
 * them without making them.
 */
export interface SiteFileJob {
  path: string;
  key?: string;
  /**
   * Of a file whose `key` is quick to make but covers more than the file is
   * made from (the sitemap's holds every entry, with its title): a key of
   * exactly what it is made from, made only when `key` changed. The file
   * stays as it is while this key is the same.
   */
  exactKey?(): string;
  files(): SiteFileText[];
}

/** A file of the site: its text, or its text in pieces (releases.json, see `releasesManifestText`). */
export interface SiteFileText {
  path: string;
  content: string | PiecedText;
}

/** The releases whose rendered bodies the feeds need: each language's newest `feedSize`; none without `site.url`. */
export function feedBodiesNeeded(entries: readonly SiteEntry[], config: Config, languages: readonly Language[]): Set<string> {
  if (!config.site?.url) return new Set();
  const size = config.site.feedSize ?? DEFAULT_FEED_SIZE;
  const needed = new Set<string>();
  for (const list of byLanguage(entries, languages).values()) for (const e of list.slice(0, size)) needed.add(bodyKey(e));
  return needed;
}

/**
 * A feed's logo must be an absolute URL: an http(s) one as a URL parser writes it, a relative one (to the output root) under the
 * site's URL, one from the server's root on the site's host, as the pages' structured data gives it (`rootFileHref`).
 */
function feedLogo(logo: string | undefined, siteUrl: string): string | null {
  if (logo === undefined) return null;
  const href = rootFileHref(logo, SITE_FILES.home, siteUrl);
  return /^https?:\/\//i.test(href) ? href : null;
}

export function buildSite(entries: readonly SiteEntry[], bodies: ReadonlyMap<string, FeedContent>, options: SiteOptions): SiteResult {
  const { config, languages } = options;
  const notes: string[] = [];
  const sites = planListings(entries, languages, config.site?.pageSize ?? DEFAULT_PAGE_SIZE);
  const siteUrl = config.site?.url;
  // Both said at once where both are missing: set `site.url` alone, the next build would still build none.
  if (!siteUrl && !options.htmlPages) notes.push('Feeds and sitemaps were not built: they need absolute URLs and link to the releases\' pages, so set `site.url` in the config file and add html to --format.');
  else if (!siteUrl) notes.push('Feeds and sitemaps were not built: they need absolute URLs, so set `site.url` in the config file.');
  else if (!options.htmlPages) notes.push('Feeds and sitemaps were not built: they link to the releases\' pages, so add html to --format.');
  return { pages: options.pages ? sitePages(sites, options) : [], files: (refused) => siteFiles(entries, bodies, sites, refused, options), notes };
}

function* sitePages(sites: readonly LanguageSite[], options: SiteOptions): Generator<SitePageJob> {
  const viewOptions = { config: options.config, version: options.version, labels: options.labels };
  yield homePage(sites, options.languages, viewOptions);
  const listed = sites.map((s) => s.lang);
  for (const site of sites) {
    yield* indexPages(site, listed, viewOptions);
    yield* tagPages(site, viewOptions);
  }
}

function* siteFiles(entries: readonly SiteEntry[], bodies: ReadonlyMap<string, FeedContent>, sites: readonly LanguageSite[], refused: RefusedAliases, options: SiteOptions): Generator<SiteFileJob> {
  const { config, languages } = options;
  const siteUrl = config.site?.url;
  if (siteUrl && options.htmlPages) {
    const groups = translationGroups(entries);
    const feedSize = config.site?.feedSize ?? DEFAULT_FEED_SIZE;
    // Releases withdrawn after they went out: the feeds and pages they left changed when they left (`feedUpdated`, `sitemapUrls`).
    const departures = options.departures ?? [];
    for (const site of sites) {
      const lang = site.lang;
      const organisation = localizedValue(config.organisation?.name, lang);
      const siteName = localizedValue(config.site?.name, lang) ?? organisation;
      const items: FeedItem[] = [];
      for (const entry of site.entries.slice(0, feedSize)) {
        const content = bodies.get(bodyKey(entry));
        // A release whose page failed to build has no body to give; the build reports it and writes nothing.
        if (content === undefined) continue;
        const group = groups.get(entry.id);
        items.push({ entry, html: content.html, image: content.image, translations: inLanguageOrder(group?.values() ?? [], languages).filter((t) => t.lang !== lang) });
      }
      const feedOptions = {
        lang, siteUrl, updated: feedUpdated(items, options.now, departures.filter((d) => d.lang === lang), site.entries.length > feedSize), generatorVersion: options.version, listing: options.pages,
        title: siteName ? `${siteName} — ${word(options.labels(lang), 'press_releases')}` : word(options.labels(lang), 'press_releases'),
        author: organisation ?? siteName ?? new URL(siteUrl).hostname,
        authorUrl: config.organisation?.url === undefined ? null : organisationHref(config.organisation.url, atomFeedPath(lang), siteUrl),
        logo: feedLogo(config.site?.logo ?? config.organisation?.logo, siteUrl),
      };
      const key = JSON.stringify([items, feedOptions]);
      yield { path: atomFeedPath(lang), key, files: () => [{ path: atomFeedPath(lang), content: atomFeed(items, feedOptions) }] };
      yield { path: jsonFeedPath(lang), key, files: () => [{ path: jsonFeedPath(lang), content: jsonFeed(items, feedOptions) }] };
    }
    // A sitemap must list at least one URL. Its URLs follow from the entries (the listings are planned from them), and their dates from
    // the releases withdrawn too, besides the build's settings: they are its key. It is made from its URLs alone, its exact key, which
    // are listed only when the key changed: a release whose title or summary changed leaves it as it is.
    if (options.pages || sites.some((site) => site.entries.length > 0)) {
      let urls: SitemapUrl[] | undefined;
      const listed = () => (urls ??= sitemapUrls(sites, languages, options.pages, departures));
      yield {
        path: SITE_FILES.sitemap,
        key: `${JSON.stringify(['sitemap', siteUrl, languages, options.pages, departures.map((d) => [d.lang, d.tags, d.dateIso])])}${entriesKey(entries)}`,
        exactKey: () => sitemapKey(listed(), siteUrl),
        files: () => sitemapFiles(listed(), siteUrl),
      };
    }
    const news = newsSitemap(entries, {
      siteUrl, now: options.now,
      publicationName: (lang) => localizedValue(config.site?.name, lang) ?? localizedValue(config.organisation?.name, lang) ?? new URL(siteUrl).hostname,
    });
    if (news) yield { path: news.path, files: () => [news] };
  }
  // Made from its entries alone, besides the build's settings (the files of each release follow from its formats) and the aliases refused:
  // a rebuild that finds them unchanged neither makes the file, some 8 MB at 10,000 releases, nor writes it out, nor reads it to compare.
  // An alias refused, or no longer, changes no entry (the clash is elsewhere), so the refusals are part of the key.
  yield {
    path: SITE_FILES.manifest,
    key: `${JSON.stringify(['releases', siteUrl ?? null, languages, options.htmlPages, refusedAliasesKey(refused)])}${entriesKey(entries)}`,
    files: () => [{ path: SITE_FILES.manifest, content: releasesManifestText(entries, { siteUrl: siteUrl ?? null, languages, files: options.files, htmlPages: options.htmlPages, refused }) }],
  };
}

/**
 * The template problems of the site's pages, each reported once however many
 * pages it broke, with the first page it broke; a syntax error is the
 * template's whatever it renders, and is not said to have happened on a page.
 */
export class PageProblems {
  readonly diagnostics: Diagnostic[] = [];
  private readonly reported: Set<string>;

  /** `known`: the keys (`problemKey`) of problems reported already, by the renders of the releases that `templates check` made first. */
  constructor(known: Iterable<string> = []) {
    this.reported = new Set(known);
  }

  add(path: string, problems: readonly Diagnostic[]): void {
    for (const d of problems) {
      const key = problemKey(d);
      if (!this.reported.has(key)) this.diagnostics.push(d.ruleId === 'template/syntax' ? d : { ...FRESH, ...d, message: `${d.message}${PAGE_CONTEXT}${path}.` });
      this.reported.add(key);
    }
  }
}

const PAGE_CONTEXT = ' It happened while building ';

/** The `problemKey` of a problem `PageProblems` reported, as it was before it was said to have happened on its page. */
export function pageProblemKey(d: Diagnostic): string {
  const at = d.message.lastIndexOf(PAGE_CONTEXT);
  return problemKey(at === -1 ? d : { ...FRESH, ...d, message: d.message.slice(0, at) });
}
