import { isReservedName, slugify } from '../slug.js';
import type { Language } from '../schema.js';

/**
 * Where each site file lives in the output folder, and how one page links to
 * another. Paths are relative to the output root and use `/`.
 */

export const SITE_FILES = {
  home: 'index.html',
  sitemap: 'sitemap.xml',
  newsSitemap: 'news-sitemap.xml',
  manifest: 'releases.json',
} as const;

export const releasePath = (lang: Language, slug: string): string => `${lang}/${slug}.html`;

/** Page 1 of a listing is its base file; later pages are `page/N.html` beside it. */
export function listingPath(base: string, page: number): string {
  if (page <= 1) return `${base}.html`;
  return `${base.endsWith('/index') ? base.slice(0, -'index'.length) : `${base}/`}page/${page}.html`;
}

export const languageIndexBase = (lang: Language): string => `${lang}/index`;
export const tagBase = (lang: Language, tagSlug: string): string => `${lang}/tags/${tagSlug}`;
export const atomFeedPath = (lang: Language): string => `${lang}/feed.xml`;
export const jsonFeedPath = (lang: Language): string => `${lang}/feed.json`;

/** Sitemap parts when the URLs need an index: `sitemap-1.xml`, `sitemap-2.xml`, … */
export const sitemapPartPath = (n: number): string => `sitemap-${n}.xml`;

/**
 * Release slugs that would land on a site file: `index` is the language's
 * listing, and `feed` would write its JSON output over the JSON Feed.
 */
export const RESERVED_SLUGS: ReadonlySet<string> = new Set(['index', 'feed']);

/** FNV-1a, for a short stable name where a tag has no letters a URL can keep. */
function shortHash(value: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < value.length; i++) {
    hash ^= value.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0).toString(16).padStart(8, '0');
}

/**
 * The URL name of a tag. Tags that differ only in case, accents or
 * punctuation share a page; a tag with nothing a URL can keep (emoji, say),
 * or one that names a Windows device, gets a stable hash instead.
 */
export function tagSlug(tag: string): string {
  let slug = tagSlugs.get(tag);
  if (slug === undefined) {
    slug = slugify(tag.normalize('NFC'), 60);
    if (slug === '' || isReservedName(slug)) slug = `tag-${shortHash(tag.normalize('NFC').toLowerCase())}`;
    // A site links each tag from every page that lists a release with it: transliterate each name once.
    if (tagSlugs.size >= TAG_SLUG_CACHE) tagSlugs.clear();
    tagSlugs.set(tag, slug);
  }
  return slug;
}

const TAG_SLUG_CACHE = 10_000;
const tagSlugs = new Map<string, string>();

/** The link from one output file to another: relative, so a built folder works wherever it is opened or served. */
export function relativeHref(from: string, to: string): string {
  const fromDirs = from.split('/').slice(0, -1);
  const toParts = to.split('/');
  let common = 0;
  while (common < fromDirs.length && common < toParts.length - 1 && fromDirs[common] === toParts[common]) common++;
  const up = fromDirs.length - common;
  return `${'../'.repeat(up)}${toParts.slice(common).join('/')}`;
}

/** The absolute URL of an output file under the site's base URL. */
export function absoluteUrl(siteUrl: string, path: string): string {
  return new URL(path, siteUrl.endsWith('/') ? siteUrl : `${siteUrl}/`).href;
}
