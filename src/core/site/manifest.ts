import { MANIFEST_FORMAT_VERSION, type Manifest } from '../output-schema.js';
import { aliasFiles } from '../aliases.js';
import { documentImageUrl } from '../model.js';
import type { Language } from '../schema.js';

export { MANIFEST_FORMAT_VERSION } from '../output-schema.js';
import { compareNewestFirst, inLanguageOrder, translationGroups, type SiteEntry } from './entries.js';
import { absoluteUrl, releasePath } from './paths.js';

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
    image: e.image && { url: documentImageUrl(e.image.src, releasePath(e.lang, e.slug), options.siteUrl), alt: e.image.alt, width: e.image.width, height: e.image.height },
    // Each with the old address redirects.json gives (`from`, already a URL's path), and the same in the manifest's one base.
    aliases: options.htmlPages && e.aliases.length > 0 ? aliasFiles(e).map(({ from }) => ({ url: url(from.slice(1)), from })) : [],
  }));
  return {
    format: 'migration-news/releases' as const,
    version: MANIFEST_FORMAT_VERSION,
    site: options.siteUrl,
    languages: [...options.languages],
    count: releases.length,
    releases,
  };
}
