import { MANIFEST_FORMAT_VERSION, type Manifest } from '../output-schema.js';
import { aliasFiles, type AliasFile } from '../aliases.js';
import { documentImageUrl } from '../model.js';
import type { Language } from '../schema.js';

export { MANIFEST_FORMAT_VERSION } from '../output-schema.js';
import { bodyKey, compareNewestFirst, inLanguageOrder, translationGroups, type SiteEntry } from './entries.js';
import { absoluteUrl, parsedSiteUrl, releasePath } from './paths.js';

/**
 * releases.json: every public release for other systems (a ministry's main
 * site, a mobile app), newest first. Versioned like the JSON output: `version`
 * changes only when a field changes meaning or disappears. It holds no build
 * time, so building the same releases twice writes the same file.
 */

export interface ManifestOptions {
  /** Absolute URLs when set; otherwise paths relative to the output root. */
  siteUrl: string | null;
  languages: readonly Language[];
  /** The files written for one release, relative to the output root. */
  files: (entry: SiteEntry) => readonly string[];
  /** Whether the releases' HTML pages are built: only then do their aliases get the pages that redirect to them. */
  htmlPages: boolean;
  /** The aliases the build writes no redirect page for: releases.json promises none of them. */
  refused: RefusedAliases;
}

/**
 * The aliases whose redirect pages a build refuses (something else holds
 * where they would go, see `planRedirects`), by release (`bodyKey`), as
 * their indexes in `aliases`. Most builds have none.
 */
export type RefusedAliases = ReadonlyMap<string, ReadonlySet<number>>;

/** The refusals as text, the same whatever order they were found in: part of releases.json's key. */
export function refusedAliasesKey(refused: RefusedAliases): string {
  if (refused.size === 0) return '';
  return JSON.stringify([...refused].map(([release, indexes]) => [release, [...indexes].sort((a, b) => a - b)] as const).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

export function releasesManifest(entries: readonly SiteEntry[], options: ManifestOptions): Manifest {
  const url = (path: string) => (options.siteUrl ? absoluteUrl(options.siteUrl, path) : path);
  const groups = translationGroups(entries);
  const releases = [...entries].sort(compareNewestFirst).map((e): Manifest['releases'][number] => ({
    id: e.id,
    lang: e.lang,
    slug: e.slug,
    url: url(releasePath(e.lang, e.slug)),
    title: e.title,
    date: e.date,
    datePublished: e.dateIso,
    summary: e.summary,
    tags: [...e.tags],
    translations: inLanguageOrder(groups.get(e.id)?.values() ?? [], options.languages)
      .filter((t) => t.lang !== e.lang)
      .map((t) => ({ lang: t.lang, slug: t.slug, url: url(releasePath(t.lang, t.slug)), title: t.title })),
    files: [...options.files(e)],
    image: e.image && { url: documentImageUrl(e.image.src, releasePath(e.lang, e.slug), options.siteUrl), alt: e.image.alt, caption: e.image.caption, credit: e.image.credit, width: e.image.width, height: e.image.height },
    // Each with the old address redirects.json gives (`from`, already a URL's path), and the same in the manifest's one base; only those
    // whose redirect pages are written, as redirects.json lists them.
    aliases: options.htmlPages && e.aliases.length > 0 ? keptAliases(e, options.refused).map(({ from }) => ({ url: url(from.slice(1)), from })) : [],
  }));
  return {
    format: 'migration-news/releases' as const,
    version: MANIFEST_FORMAT_VERSION,
    site: options.siteUrl === null ? null : parsedSiteUrl(options.siteUrl),
    languages: [...options.languages],
    count: releases.length,
    releases,
  };
}

/** The aliases of a release that get their redirect pages. */
function keptAliases(entry: SiteEntry, refused: RefusedAliases): AliasFile[] {
  const files = aliasFiles(entry);
  const indexes = refused.get(bodyKey(entry));
  return indexes ? files.filter((alias) => !indexes.has(alias.index)) : files;
}
