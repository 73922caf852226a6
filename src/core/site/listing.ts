import type { Language } from '../schema.js';
import { byLanguage, type SiteEntry } from './entries.js';
import { languageIndexBase, listingPath, tagBase, tagSlug } from './paths.js';
import { FRESH } from '../objects.js';

/** One page of a paginated listing. */
export interface ListingPage {
  /** 1-based. */
  number: number;
  count: number;
  path: string;
  entries: SiteEntry[];
  /** The position of its first entry in the whole listing, 1-based. */
  first: number;
  prevPath: string | null;
  nextPath: string | null;
  /** Every page's path, first to last, for numbered links. */
  allPaths: readonly string[];
}

export interface Tag {
  slug: string;
  /** As most of its releases write it; of spellings as common, the newest release's (see `tagsOf`). */
  name: string;
  entries: SiteEntry[];
}

export interface LanguageSite {
  lang: Language;
  /** Newest first. */
  entries: SiteEntry[];
  pages: ListingPage[];
  tags: Map<string, Tag & { pages: ListingPage[] }>;
}

export const DEFAULT_PAGE_SIZE = 20;

/** Splits entries (already in order) into pages of `size`; an empty listing still has its first page. */
export function paginate(entries: readonly SiteEntry[], size: number, base: string): ListingPage[] {
  if (!Number.isInteger(size) || size < 1) throw new RangeError(`The page size must be a whole number of at least 1, not ${size}.`);
  const count = Math.max(1, Math.ceil(entries.length / size));
  const allPaths = Array.from({ length: count }, (_, i) => listingPath(base, i + 1));
  return allPaths.map((path, i) => ({
    number: i + 1,
    count,
    path,
    entries: entries.slice(i * size, (i + 1) * size),
    first: i * size + 1,
    prevPath: i > 0 ? allPaths[i - 1]! : null,
    nextPath: i < count - 1 ? allPaths[i + 1]! : null,
    allPaths,
  }));
}

/**
 * Tags of one language's entries (newest first), keyed by slug, in alphabetical order of slug. Releases that spell one tag
 * in different ways (`Residence permits`, `residence permits`) share its page, which is named as most of them spell it,
 * so that one release written otherwise does not rename a page many others name; of spellings as common, the newest
 * release's wins. Either way the name follows from the releases and their dates, never from the order their files were
 * found or checked in.
 */
export function tagsOf(entries: readonly SiteEntry[]): Map<string, Tag> {
  const tags = new Map<string, Tag>();
  /** By slug, each spelling with how many releases write it, in the order first met (newest first). */
  const spellings = new Map<string, Map<string, number>>();
  for (const entry of entries) {
    const seen = new Set<string>();
    for (const name of entry.tags) {
      const slug = tagSlug(name, entry.lang);
      if (seen.has(slug)) continue;
      seen.add(slug);
      const tag = tags.get(slug);
      if (tag) tag.entries.push(entry);
      else tags.set(slug, { slug, name, entries: [entry] });
      let counts = spellings.get(slug);
      if (counts === undefined) spellings.set(slug, (counts = new Map()));
      counts.set(name, (counts.get(name) ?? 0) + 1);
    }
  }
  for (const [slug, counts] of spellings) {
    if (counts.size < 2) continue;
    let best = 0;
    // Only a spelling used by more releases takes the name from one met before it, a newer release's.
    for (const [name, count] of counts) {
      if (count > best) {
        best = count;
        tags.get(slug)!.name = name;
      }
    }
  }
  return new Map([...tags].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

/**
 * Every listing page of the site, per language: the index and the tag pages.
 * A configured language with no public release has no listing at all (no
 * empty index, feed or home section), so that an archive published in one
 * language does not advertise two empty ones; it gets them with its first
 * public release.
 */
export function planListings(entries: readonly SiteEntry[], languages: readonly Language[], pageSize: number): LanguageSite[] {
  const grouped = byLanguage(entries, languages);
  return languages.filter((lang) => (grouped.get(lang)?.length ?? 0) > 0).map((lang) => {
    const list = grouped.get(lang)!;
    const tags = new Map<string, Tag & { pages: ListingPage[] }>();
    for (const [slug, tag] of tagsOf(list)) tags.set(slug, { ...FRESH, ...tag, pages: paginate(tag.entries, pageSize, tagBase(lang, slug)) });
    return { lang, entries: list, pages: paginate(list, pageSize, languageIndexBase(lang)), tags };
  });
}

/**
 * The listing and tag pages a release's page may link to, when no listing
 * names the release (a preview's draft or embargoed copy): whether its
 * language has a listing (and feeds), and which of its tags have a page.
 */
export interface ListedLinks {
  language: boolean;
  /** The release's tags, as written, that have a page. */
  tags: string[];
}

/**
 * The languages and tag pages the site makes from its public releases
 * (`planListings`), asked by the page of a release that is not one of them:
 * a preview writes such a page, but no listing or feed names it, so a tag
 * only it has, or a language with no public release, has no page to link to.
 */
export class ListedPages {
  private readonly languages = new Set<Language>();
  /** `lang` and tag slug, a line apart. */
  private readonly tags = new Set<string>();

  constructor(releases: Iterable<{ lang: Language; tags?: readonly string[] | undefined }>) {
    for (const { lang, tags } of releases) {
      this.languages.add(lang);
      for (const name of tags ?? []) this.tags.add(`${lang}\n${tagSlug(name, lang)}`);
    }
  }

  linksOf(release: { lang: Language; tags?: readonly string[] | undefined }): ListedLinks {
    const { lang } = release;
    return { language: this.languages.has(lang), tags: (release.tags ?? []).filter((name) => this.tags.has(`${lang}\n${tagSlug(name, lang)}`)) };
  }
}
