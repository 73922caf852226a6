import { streamSafe } from '../characters.js';
import { collisionKey } from '../names.js';
import { isReservedName, slugify, tagHashKey } from '../slug.js';
import type { Language } from '../schema.js';

/**
 * Where each site file lives in the output folder, and how one page links to
 * another. Paths are relative to the output root and use `/`.
 */

/** The language of the site's home page: the first of the config's `languages` (English when it names none). */
export const homeLanguage = (languages: readonly Language[]): Language => languages[0] ?? 'en';

export const SITE_FILES = {
  home: 'index.html',
  sitemap: 'sitemap.xml',
  newsSitemap: 'news-sitemap.xml',
  manifest: 'releases.json',
  /** The list of a build's redirects (`aliases.ts`). */
  redirects: 'redirects.json',
} as const;

/**
 * A language's folder: its tag in lower case. Tags are the same whatever
 * their case, and output paths are lower case so that they mean one file on
 * every file system: `en-GB` (as the config and `hreflang` write it) lives
 * in `en-gb/`.
 */
export const languageFolder = (lang: Language): string => lang.toLowerCase();

export const releasePath = (lang: Language, slug: string): string => `${languageFolder(lang)}/${slug}.html`;

/** Page 1 of a listing is its base file; later pages are `page/N.html` beside it. */
export function listingPath(base: string, page: number): string {
  if (page <= 1) return `${base}.html`;
  return `${laterPagesFolder(base)}/${page}.html`;
}

/**
 * The folder of a listing's later pages: `en/page` for `en/index`, `en/tags/visas/page` for `en/tags/visas`. Only a
 * language's own listing drops `index`: a tag named "Index" (`en/tags/index`) has its later pages in `en/tags/index/page`,
 * as every tag has, not in `en/tags/page`, which reads as the tags' own later pages and lies in the folder of a tag "page".
 */
export const laterPagesFolder = (base: string): string => `${base.indexOf('/') === base.length - '/index'.length && base.endsWith('/index') ? base.slice(0, -'/index'.length) : base}/page`;

export const languageIndexBase = (lang: Language): string => `${languageFolder(lang)}/index`;
/** The folder of a language's tag pages. */
export const tagsFolder = (lang: Language): string => `${languageFolder(lang)}/tags`;
export const tagBase = (lang: Language, tagSlug: string): string => `${tagsFolder(lang)}/${tagSlug}`;
export const atomFeedPath = (lang: Language): string => `${languageFolder(lang)}/feed.xml`;
export const jsonFeedPath = (lang: Language): string => `${languageFolder(lang)}/feed.json`;

const SITEMAP_PART = { before: 'sitemap-', after: '.xml' } as const;
/** Sitemap parts when the URLs need an index: `sitemap-1.xml`, `sitemap-2.xml`, … */
export const sitemapPartPath = (n: number): string => `${SITEMAP_PART.before}${n}${SITEMAP_PART.after}`;

/** The files a language's folder holds whatever releases exist: its listing and its feeds. */
export const languageSiteFiles = (lang: Language): string[] => [listingPath(languageIndexBase(lang), 1), atomFeedPath(lang), jsonFeedPath(lang)];

/**
 * Whether a path names one of the files a site writes whatever releases
 * exist: at the root the home page, the sitemaps (a part by any number) and
 * the manifests; in each language's folder its listing and feeds. The path
 * is given as a `collisionKey`, and each of these names is compared as one.
 */
export function isSiteFileKey(key: string, languages: readonly Language[]): boolean {
  if (ROOT_FILE_KEYS.has(key)) return true;
  const { before, after } = SITEMAP_PART_KEY;
  if (key.startsWith(before) && key.endsWith(after) && /^\d+$/.test(key.slice(before.length, key.length - after.length))) return true;
  return languages.some((lang) => languageSiteFiles(lang).some((file) => collisionKey(file) === key));
}

const ROOT_FILE_KEYS: ReadonlySet<string> = new Set(Object.values(SITE_FILES).map(collisionKey));
const SITEMAP_PART_KEY = { before: collisionKey(SITEMAP_PART.before), after: collisionKey(SITEMAP_PART.after) };

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
 * The URL name of a tag on `lang`'s pages, spelt as that language writes
 * its letters in URLs (Turkish `göç` → `goc`, Ukrainian `Гроші` → `hroshi`),
 * as a title's slug is. Tags that differ only in case, accents or
 * punctuation share a page, but `+` and `#` that end a word count as words
 * (`C++`, `C#` and `C` are three tags); a tag with nothing a URL can keep (emoji, say),
 * or one that names a Windows device, gets a stable hash instead.
 */
export function tagSlug(tag: string, lang: Language): string {
  let slugs = tagSlugs.get(lang);
  if (slugs === undefined) {
    if (tagSlugs.size >= TAG_SLUG_LANGUAGES) tagSlugs.clear();
    tagSlugs.set(lang, (slugs = new Map()));
  }
  let slug = slugs.get(tag);
  if (slug === undefined) {
    const name = withSymbolsSpelt(streamSafe(tag).normalize('NFC'));
    slug = slugify(name, lang, Infinity);
    // A long name is cut, and told apart from another cut the same way by a hash of all of it: two tags that differ only
    // past the cut (`… quota for 2026`, `… quota for 2027`) are two tags, on two pages.
    if (slug.length > TAG_SLUG_LENGTH) slug = `${slugify(name, lang, TAG_SLUG_LENGTH - 9)}-${shortHash(slug)}`;
    // A tag in a script with no transliteration here keeps only its digits, if any (`گزارش ۲۰۲۶` → 2026, as `آمار ۲۰۲۶`): it is named by a hash of itself, as one that keeps nothing is.
    // So is one whose slug would look like such a name (`tag-c9065727`), which could be another tag's.
    const lettersLost = /\p{L}/u.test(tag) && !/[a-z]/.test(slug);
    if (slug === '' || lettersLost || isReservedName(slug) || HASHED_NAME.test(slug)) slug = `tag-${shortHash(tagHashKey(tag, lang))}`;
    // A site links each tag from every page that lists a release with it: transliterate each name once.
    if (slugs.size >= TAG_SLUG_CACHE) slugs.clear();
    slugs.set(tag, slug);
  }
  return slug;
}

/**
 * A tag with `+` or `#` ending a word (`C++`, `C#`, `F#`, `Notepad++`, `18+`) with them as words, `C plus plus`, `C sharp`:
 * the slug drops punctuation, and those three tags would share the page of `C`. Any other `+` or `#` (`#visas`, `Visa+Permit`)
 * stays punctuation, and such tags keep their addresses.
 */
function withSymbolsSpelt(tag: string): string {
  return tag.replace(SYMBOLS_ENDING_WORD, (symbols) => [...symbols].map((symbol) => (symbol === '+' || symbol === '＋' ? ' plus' : ' sharp')).join('') + ' ');
}

const SYMBOLS_ENDING_WORD = /(?<=[\p{L}\p{N}])[+#＋＃]+(?![\p{L}\p{N}])/gu;

const TAG_SLUG_CACHE = 10_000;

/** The longest a tag's URL name is: a longer one is cut, and ends in a hash of all of it. */
const TAG_SLUG_LENGTH = 60;

/** A tag's URL name made of a hash (`tag-811c9dc5`). */
const HASHED_NAME = /^tag-[0-9a-f]{8}$/;
const TAG_SLUG_LANGUAGES = 64;
/** By language, then by tag as written. */
const tagSlugs = new Map<string, Map<string, string>>();

/** The link from one output file to another: relative, so a built folder works wherever it is opened or served. */
export function relativeHref(from: string, to: string): string {
  // Skip the folders both paths start with (`start` is where the first one they differ in begins) …
  let start = 0;
  for (let slash = from.indexOf('/'); slash !== -1; slash = from.indexOf('/', start)) {
    if (to.indexOf('/', start) !== slash || !to.startsWith(from.slice(start, slash + 1), start)) break;
    start = slash + 1;
  }
  // … then climb out of the rest of `from`'s.
  let up = 0;
  for (let slash = from.indexOf('/', start); slash !== -1; slash = from.indexOf('/', slash + 1)) up++;
  return `${'../'.repeat(up)}${to.slice(start)}`;
}

/** The absolute URL of an output file under the site's base URL. */
/**
 * `site.url` as a URL parser writes it, as every address made from it is
 * (a host in punycode and lower case, spaces and letters beyond ASCII
 * percent-encoded), its final slash kept or left out as written; as written
 * when it is no URL.
 */
export function parsedSiteUrl(siteUrl: string): string {
  // Asked for by every release's view: a run has one site URL, parsed once.
  let parsed = parsedSiteUrls.get(siteUrl);
  if (parsed === undefined) {
    let href: string | undefined;
    try {
      href = new URL(siteUrl).href;
    } catch {
      href = undefined;
    }
    parsed = href === undefined ? siteUrl : siteUrl.endsWith('/') || !href.endsWith('/') ? href : href.slice(0, -1);
    if (parsedSiteUrls.size >= BASE_CACHE) parsedSiteUrls.clear();
    parsedSiteUrls.set(siteUrl, parsed);
  }
  return parsed;
}

const parsedSiteUrls = new Map<string, string>();

export function absoluteUrl(siteUrl: string, path: string): string {
  const base = siteUrl.endsWith('/') ? siteUrl : `${siteUrl}/`;
  // A site links every release from several files: resolve the base once, and append a plain path to it
  // as the URL parser would (nothing in it to encode, normalise or resolve); anything else goes through the parser.
  if (PLAIN_PATH.test(path) && !DOT_SEGMENT.test(path)) {
    let directory = baseDirectories.get(base);
    if (directory === undefined) {
      directory = new URL('.', base).href;
      if (baseDirectories.size >= BASE_CACHE) baseDirectories.clear();
      baseDirectories.set(base, directory);
    }
    return directory + path;
  }
  return new URL(path, base).href;
}

/** Characters a URL path keeps as they are, not starting with `/` (a path from the host's root). */
const PLAIN_PATH = /^[A-Za-z0-9._~-][A-Za-z0-9._~/-]*$/;
/** `.` and `..` segments, which the parser resolves. */
const DOT_SEGMENT = /(?:^|\/)\.\.?(?:\/|$)/;
const BASE_CACHE = 16;
const baseDirectories = new Map<string, string>();
