import { hash } from 'node:crypto';
import { MANIFEST_FORMAT_VERSION, type Manifest } from '../output-schema.js';
import { aliasFiles, type AliasFile } from '../aliases.js';
import { documentImageUrl } from '../model.js';
import type { Language } from '../schema.js';

export { MANIFEST_FORMAT_VERSION } from '../output-schema.js';
import { bodyKey, compareNewestFirst, inLanguageOrder, translationGroups, type SiteEntry } from './entries.js';
import { absoluteUrl, parsedSiteUrl, releasePath } from './paths.js';
import { entryDigest } from './views.js';
import { FRESH } from '../objects.js';

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
  return JSON.stringify([...refused].map(([release, indexes]) => [release, inOrder(indexes)] as const).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

/** A release's refused alias indexes, the same whatever order they were found in. */
const inOrder = (indexes: Iterable<number>): number[] => [...indexes].sort((a, b) => a - b);

/**
 * releases.json's text in pieces: the text before the releases, each
 * release's entry, newest first, and the text after them, which joined by
 * `PIECE_SEPARATOR` are the file, two-space indented as
 * `JSON.stringify` indents. Each entry has a key of all it is made from (its
 * index entry and those of its translations, by their digests, its files,
 * the aliases refused of it, and the file's settings): a piece of the same
 * key is the same text, so a rebuild takes the entries it kept from the file
 * an earlier build wrote, and makes only the others (see `SiteStep`).
 */
export function releasesManifestText(entries: readonly SiteEntry[], options: ManifestOptions): PiecedText {
  const url = (path: string) => (options.siteUrl ? absoluteUrl(options.siteUrl, path) : path);
  const groups = translationGroups(entries);
  const settings = JSON.stringify([MANIFEST_FORMAT_VERSION, options.siteUrl, options.languages, options.htmlPages]);
  const pieces = [...entries].sort(compareNewestFirst).map((e): TextPiece => {
    const versions = inLanguageOrder(groups.get(e.id)?.values() ?? [], options.languages);
    const files = options.files(e);
    const refused = options.refused.get(bodyKey(e));
    const key = hash('sha256', `${settings}\n${entryDigest(e)}\n${versions.map(entryDigest).join('')}\n${JSON.stringify(files)}\n${refused ? inOrder(refused).join(',') : ''}`, 'base64');
    const release = (): Manifest['releases'][number] => ({
      id: e.id,
      lang: e.lang,
      slug: e.slug,
      url: url(releasePath(e.lang, e.slug)),
      title: e.title,
      date: e.date,
      datePublished: e.dateIso,
      summary: e.summary,
      tags: [...e.tags],
      translations: versions.filter((t) => t.lang !== e.lang).map((t) => ({ lang: t.lang, slug: t.slug, url: url(releasePath(t.lang, t.slug)), title: t.title })),
      files: [...files],
      image: e.image && { url: documentImageUrl(e.image.src, releasePath(e.lang, e.slug), options.siteUrl), alt: e.image.alt, caption: e.image.caption, credit: e.image.credit, width: e.image.width, height: e.image.height },
      // Each with the old address redirects.json gives (`from`, already a URL's path), and the same in the manifest's one base; only those
      // whose redirect pages are written, as redirects.json lists them.
      aliases: options.htmlPages && e.aliases.length > 0 ? keptAliases(e, options.refused).map(({ from }) => ({ url: url(from.slice(1)), from })) : [],
    });
    // In the file, an entry's lines are indented two levels deeper than its own JSON text's; no string in it holds a line break.
    return { key, text: () => `${ENTRY_INDENT}${JSON.stringify(release(), null, 2).replaceAll('\n', `\n${ENTRY_INDENT}`)}` };
  });
  const head: Omit<Manifest, 'releases'> = {
    format: 'migration-news/releases' as const,
    version: MANIFEST_FORMAT_VERSION,
    site: options.siteUrl === null ? null : parsedSiteUrl(options.siteUrl),
    languages: [...options.languages],
    count: pieces.length,
  };
  if (pieces.length === 0) return { head: `${JSON.stringify({ ...FRESH, ...head, releases: [] }, null, 2)}\n`, pieces, tail: '' };
  // The file's text with one entry written as `null`, cut where that entry stands: the last `null` in it (`site` may be null too).
  const shell = `${JSON.stringify({ ...FRESH, ...head, releases: [null] }, null, 2)}\n`;
  const at = shell.lastIndexOf(`${ENTRY_INDENT}null`);
  return { head: shell.slice(0, at), pieces, tail: shell.slice(at + ENTRY_INDENT.length + 'null'.length) };
}

/** How deep the releases' entries are indented in releases.json: in its `releases` array, itself in the file's object. */
const ENTRY_INDENT = '    ';

/** What joins the pieces of a `PiecedText`. */
export const PIECE_SEPARATOR = ',\n';

/** A file's text as parts, some of which an earlier build's file may give as they are (see `releasesManifestText`). */
export interface PiecedText {
  head: string;
  pieces: readonly TextPiece[];
  tail: string;
}

export interface TextPiece {
  /** Of everything the text is made from: the same key, the same text. */
  key: string;
  text(): string;
}

/** The aliases of a release that get their redirect pages. */
function keptAliases(entry: SiteEntry, refused: RefusedAliases): AliasFile[] {
  const files = aliasFiles(entry);
  const indexes = refused.get(bodyKey(entry));
  return indexes ? files.filter((alias) => !indexes.has(alias.index)) : files;
}
