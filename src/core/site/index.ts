import type { Diagnostic } from '../diagnostic.js';
import { localizedValue, type Labels } from '../model.js';
import type { Config, Language } from '../schema.js';
import type { RenderResult, SitePage } from '../templates.js';
import { byLanguage, translationGroups, type SiteEntry } from './entries.js';
import { atomFeed, DEFAULT_FEED_SIZE, jsonFeed, type FeedItem } from './feeds.js';
import { DEFAULT_PAGE_SIZE, planListings } from './listing.js';
import { releasesManifest } from './manifest.js';
import { absoluteUrl, atomFeedPath, jsonFeedPath, SITE_FILES } from './paths.js';
import { newsSitemap, sitemapFiles, sitemapUrls, type SiteFile } from './sitemaps.js';
import { homeView, indexViews, tagViews, word } from './views.js';

export { siteEntry, compareNewestFirst, newestFirst, type SiteEntry } from './entries.js';
export { RESERVED_SLUGS, tagSlug } from './paths.js';
export { MANIFEST_FORMAT_VERSION } from './manifest.js';

/**
 * The files that tie a built newsroom together: listings, tag pages and the
 * home page (from the template set), feeds, sitemaps and releases.json. A
 * pure function of the public releases' index entries and, for the feeds'
 * full content, the rendered bodies of each language's newest releases.
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
}

/** One of the site's pages, for the caller to render with the set's template of its kind. */
export interface SitePageJob {
  kind: SitePage;
  path: string;
  view: object;
}

export interface SiteResult {
  /** The pages to render (home, then each language's listing and tag pages), not among `files`. */
  pages: SitePageJob[];
  files: SiteFile[];
  diagnostics: Diagnostic[];
  /** Why something was not built, for an info line. */
  notes: string[];
}

export const bodyKey = (entry: Pick<SiteEntry, 'lang' | 'id'>): string => `${entry.lang}/${entry.id}`;

/** The releases whose rendered bodies the feeds need: each language's newest `feedSize`; none without `site.url`. */
export function feedBodiesNeeded(entries: readonly SiteEntry[], config: Config, languages: readonly Language[]): Set<string> {
  if (!config.site?.url) return new Set();
  const size = config.site.feedSize ?? DEFAULT_FEED_SIZE;
  const needed = new Set<string>();
  for (const list of byLanguage(entries, languages).values()) for (const e of list.slice(0, size)) needed.add(bodyKey(e));
  return needed;
}

/** A feed's logo must be an absolute URL: an http(s) one as it is, a relative one (to the output root) under the site's URL. */
function feedLogo(logo: string | undefined, siteUrl: string): string | null {
  if (logo === undefined) return null;
  if (/^https?:\/\//i.test(logo)) return logo;
  // Another scheme (data:) or a path from the server's root is not the site's file to place.
  if (/^[a-z][a-z0-9+.-]*:/i.test(logo) || logo.startsWith('/')) return null;
  return absoluteUrl(siteUrl, logo);
}

export function buildSite(entries: readonly SiteEntry[], bodies: ReadonlyMap<string, string>, options: SiteOptions): SiteResult {
  const { config, languages } = options;
  const files: SiteFile[] = [];
  const diagnostics: Diagnostic[] = [];
  const notes: string[] = [];
  const sites = planListings(entries, languages, config.site?.pageSize ?? DEFAULT_PAGE_SIZE);

  const pages: SitePageJob[] = [];
  if (options.pages) {
    const viewOptions = { config, version: options.version, labels: options.labels };
    pages.push({ kind: 'home', path: SITE_FILES.home, view: homeView(sites, languages, viewOptions) });
    const listed = sites.map((s) => s.lang);
    for (const site of sites) {
      for (const view of indexViews(site, listed, viewOptions)) pages.push({ kind: 'index', path: view.page.path, view });
      for (const view of tagViews(site, viewOptions)) pages.push({ kind: 'tag', path: view.page.path, view });
    }
  }

  const siteUrl = config.site?.url;
  if (siteUrl && options.htmlPages) {
    const groups = translationGroups(entries);
    const feedSize = config.site?.feedSize ?? DEFAULT_FEED_SIZE;
    for (const site of sites) {
      const lang = site.lang;
      const organisation = localizedValue(config.organisation?.name, lang);
      const siteName = localizedValue(config.site?.name, lang) ?? organisation;
      const items: FeedItem[] = [];
      for (const entry of site.entries.slice(0, feedSize)) {
        const html = bodies.get(bodyKey(entry));
        // A release whose page failed to build has no body to give; the build reports it and writes nothing.
        if (html === undefined) continue;
        const group = groups.get(entry.id);
        items.push({ entry, html, translations: languages.filter((l) => l !== lang && group?.has(l)).map((l) => group!.get(l)!) });
      }
      const feedOptions = {
        lang, siteUrl, now: options.now, generatorVersion: options.version,
        title: siteName ? `${siteName} — ${word(options.labels(lang), 'press_releases')}` : word(options.labels(lang), 'press_releases'),
        author: organisation ?? siteName ?? new URL(siteUrl).hostname,
        authorUrl: config.organisation?.url ?? null,
        logo: feedLogo(config.site?.logo ?? config.organisation?.logo, siteUrl),
      };
      files.push({ path: atomFeedPath(lang), content: atomFeed(items, feedOptions) });
      files.push({ path: jsonFeedPath(lang), content: jsonFeed(items, feedOptions) });
    }
    const urls = sitemapUrls(sites, languages, options.pages);
    // A sitemap must list at least one URL.
    if (urls.length > 0) files.push(...sitemapFiles(urls, siteUrl));
    const news = newsSitemap(entries, {
      siteUrl, now: options.now,
      publicationName: (lang) => localizedValue(config.site?.name, lang) ?? localizedValue(config.organisation?.name, lang) ?? new URL(siteUrl).hostname,
    });
    if (news) files.push(news);
  } else if (!siteUrl) {
    notes.push('Feeds and sitemaps were not built: they need absolute URLs, so set `site.url` in the config file.');
  } else {
    notes.push('Feeds and sitemaps were not built: they link to the releases\' pages, so add html to --format.');
  }

  const manifest = releasesManifest(entries, { siteUrl: siteUrl ?? null, languages, files: options.files });
  files.push({ path: SITE_FILES.manifest, content: `${JSON.stringify(manifest, null, 2)}\n` });
  return { pages, files, diagnostics, notes };
}

/** The rendered pages as files, in the order given, and their template problems, each reported once however many pages it broke. */
export function pageFiles(pages: readonly SitePageJob[], results: readonly RenderResult[]): { files: SiteFile[]; diagnostics: Diagnostic[] } {
  const files: SiteFile[] = [];
  const diagnostics: Diagnostic[] = [];
  const reported = new Set<string>();
  pages.forEach(({ path }, i) => {
    const result = results[i];
    if (result === undefined) throw new Error(`The site's page ${path} was not rendered.`);
    if (result.ok) {
      files.push({ path, content: result.output });
      return;
    }
    for (const d of result.diagnostics) {
      // One broken template is one problem, not one per page.
      const key = `${d.file}:${d.line}:${d.column}:${d.message}`;
      if (!reported.has(key)) diagnostics.push({ ...d, message: `${d.message} It happened while building ${path}.` });
      reported.add(key);
    }
  });
  return { files, diagnostics };
}
