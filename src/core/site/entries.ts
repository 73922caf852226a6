import { toDateTime, toInstant } from '../dates.js';
import type { Language } from '../schema.js';
import type { Release } from '../validate.js';

/**
 * What listings, feeds, sitemaps and the manifest know of a release: its
 * metadata from the index the build keeps, never its body. Only releases
 * that are public at the build's `--now` may be made into entries.
 */
export interface SiteEntry {
  id: string;
  lang: Language;
  slug: string;
  title: string;
  /** As written: `YYYY-MM-DD` or an RFC 3339 date-time. */
  date: string;
  /** RFC 3339 date-time in the site's zone. */
  dateIso: string;
  /** Milliseconds since the epoch; a calendar date counts from midnight in the site's zone. */
  instant: number;
  summary: string | null;
  location: string | null;
  tags: readonly string[];
  /**
   * For releases.json, as part of the entry and so of its digest: a rebuild
   * after an image or an alias changed makes the file again. The lead image
   * as its pages link it (`leadImageLink`).
   */
  image: EntryImage | null;
  /**
   * Its `aliases` as written: read (`aliasFiles`) only when releases.json is
   * made, since most builds find it unchanged; those whose redirect pages the
   * build refuses are left out there (`RefusedAliases`).
   */
  aliases: readonly string[];
}

/**
 * A release withdrawn after it went out (`leftPublicationDated`), as the sitemap knows it: the pages it was on (its
 * language's listing, its tags' pages, the home page) changed when it left them, at the later of its own date and its
 * `withdrawn_date`, in the site's zone. Nothing else of it is kept, and nothing else of it is written.
 */
export interface Departure {
  lang: Language;
  tags: readonly string[];
  /** RFC 3339 date-time in the site's zone. */
  dateIso: string;
  instant: number;
  /** When it went out: its own date, which placed it among the newest releases a feed carries. */
  published: number;
}

export function departure(release: Pick<Release, 'lang' | 'tags' | 'date'> & { withdrawn_date: string }, timeZone: string, now: number): Departure {
  const published = toInstant(release.date, timeZone);
  const withdrawn = toInstant(release.withdrawn_date, timeZone);
  // A date without a time counts from midnight: a release withdrawn on the day it came out left its pages after it was put on them.
  const left = withdrawn >= published ? release.withdrawn_date : release.date;
  const instant = Math.max(published, withdrawn);
  // No page changed after the build's clock: a withdrawal dated later (or a release dated later) left them by now, and a page
  // dated in the future would be one a crawler cannot trust. Its date moves on with the clock until it is reached, never back.
  const clock = Math.floor(now / 1000) * 1000;
  if (instant > clock) return { lang: release.lang, tags: release.tags ?? [], dateIso: toDateTime(new Date(clock).toISOString().replace(/\.\d+Z$/, 'Z'), timeZone), instant: clock, published };
  return { lang: release.lang, tags: release.tags ?? [], dateIso: toDateTime(left, timeZone), instant, published };
}

/** A release by language and id (`en/2026-001`): how the site's step, and the build, name one. */
export const bodyKey = (entry: Pick<SiteEntry, 'lang' | 'id'>): string => `${entry.lang}/${entry.id}`;

/** A lead image as the release's pages link it, and what the build knows of it. */
export interface EntryImage {
  /** As written; for a local image the build copied, the copy, relative to the page. */
  src: string;
  alt: string;
  caption: string | null;
  /** Whom the picture is credited to, as a caption line or a wire service's byline names them. */
  credit: string | null;
  /** Read from a local image the build copied; null for a remote one. */
  width: number | null;
  height: number | null;
}

/** `image`: the lead image as `leadImageLink` gives it, with the release's local images once the build has copied them. */
export function siteEntry(release: Pick<Release, 'id' | 'lang' | 'slug' | 'title' | 'date' | 'summary' | 'location' | 'tags' | 'aliases'>, timeZone: string, image: EntryImage | null): SiteEntry {
  return {
    id: release.id, lang: release.lang, slug: release.slug, title: release.title, date: release.date,
    dateIso: toDateTime(release.date, timeZone),
    instant: toInstant(release.date, timeZone),
    summary: release.summary ?? null,
    location: release.location ?? null,
    tags: release.tags ?? [],
    image,
    aliases: release.aliases ?? [],
  };
}

/**
 * Newest first: by date, then time (a date without a time counts as the
 * start of its day), then slug, so that the order never depends on the order
 * files were found in.
 */
export function compareNewestFirst(a: SiteEntry, b: SiteEntry): number {
  if (a.instant !== b.instant) return b.instant - a.instant;
  if (a.slug !== b.slug) return a.slug < b.slug ? -1 : 1;
  return a.lang < b.lang ? -1 : a.lang > b.lang ? 1 : 0;
}

export function newestFirst(entries: readonly SiteEntry[]): SiteEntry[] {
  return [...entries].sort(compareNewestFirst);
}

/** Entries by language, each list newest first, languages in the given order. */
export function byLanguage(entries: readonly SiteEntry[], languages: readonly Language[]): Map<Language, SiteEntry[]> {
  const map = new Map<Language, SiteEntry[]>(languages.map((l) => [l, []]));
  for (const entry of entries) map.get(entry.lang)?.push(entry);
  for (const list of map.values()) list.sort(compareNewestFirst);
  return map;
}

/**
 * The language versions of one release in the order every output lists
 * them (a page's links and hreflang alternates, the JSON, ninjs, the feeds,
 * the sitemap, releases.json): the order of the config's `languages`, as
 * the home page lists the languages, never the order the files were found
 * in. A version in a language not listed (validation allows none) comes last.
 */
export function inLanguageOrder<T extends { lang: Language }>(versions: Iterable<T>, languages: readonly Language[]): T[] {
  const rank = (lang: Language) => {
    const at = languages.indexOf(lang);
    return at === -1 ? languages.length : at;
  };
  return [...versions].sort((a, b) => rank(a.lang) - rank(b.lang));
}

/**
 * The version of a release that `hreflang="x-default"` names, for readers
 * of a language it is not in: the one in the earliest of the config's
 * `languages`, on the release's pages and in the sitemap alike. None for a
 * release in one language, which has no alternates at all.
 */
export function xDefaultVersion<T extends { lang: Language }>(versions: Iterable<T>, languages: readonly Language[]): T | undefined {
  return xDefaultOfOrdered(inLanguageOrder(versions, languages));
}

/** `xDefaultVersion` of versions already in the order of `languages`, as `inLanguageOrder` gives them: the first, of two or more. */
export function xDefaultOfOrdered<T>(ordered: readonly T[]): T | undefined {
  return ordered.length > 1 ? ordered[0] : undefined;
}

/** For each id, the public versions of a release by language: the pairs hreflang links are made of. */
export function translationGroups(entries: readonly SiteEntry[]): Map<string, Map<Language, SiteEntry>> {
  const groups = new Map<string, Map<Language, SiteEntry>>();
  for (const entry of entries) {
    let group = groups.get(entry.id);
    if (!group) groups.set(entry.id, (group = new Map()));
    if (!group.has(entry.lang)) group.set(entry.lang, entry);
  }
  return groups;
}
