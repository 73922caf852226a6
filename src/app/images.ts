import { createHash, randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { Diagnostic } from '../core/diagnostic.js';
import type { RuleSettings } from '../core/rules.js';
import { severityOf } from '../core/rules.js';
import { createReporter, type Release } from '../core/validate.js';
import { realOrSelf } from '../io/confine.js';
import { findImage, ImageSearch, type ImageLookup } from '../io/images.js';
import { imageCopyName, imageFilePath, localImageFact, type ImageFact } from '../core/images.js';
import { aliasFiles, ClaimedFiles } from '../core/aliases.js';
import { FRESH } from '../core/objects.js';
import { quote } from '../core/text.js';
import { RACY_MS } from './incremental.js';

/**
 * Looking up a release's local images (see `src/core/images.ts`), the same
 * way for `build`, which copies them, and `validate`, which only checks them.
 */

/**
 * The folders local images may come from (real paths): the project's folder
 * and the folders releases were found in, for one run of `build` or
 * `validate`, which looks for every release's images through it.
 */
export async function imageFolders(project: { configPath?: string | undefined; roots: readonly string[] }, cwd: string): Promise<ImageSearch> {
  return new ImageSearch(await Promise.all([project.configPath ? dirname(project.configPath) : cwd, ...project.roots].map(realOrSelf)));
}

export interface ReleaseImages {
  /** What was found for each `src` as written. */
  lookups: Map<string, ImageLookup>;
  /** True when an image that cannot be found is an error under the project's rules: the release cannot be built. */
  failed: boolean;
}

/**
 * Finds the local images of the release at `path` (its file, as found),
 * reporting each one that cannot be used at its reference.
 */
export async function findReleaseImages(release: Pick<Release, 'file' | 'localImages'>, path: string, folders: ImageSearch, cwd: string, rules: RuleSettings | undefined, out: Diagnostic[]): Promise<ReleaseImages> {
  const report = createReporter(release.file, rules, out);
  const failing = severityOf('content/image-file', rules) === 'error';
  const lookups = new Map<string, ImageLookup>();
  let failed = false;
  // The text of a line comes with the first image on it (`withImageLines`).
  let line: { number: number; text: string } | undefined;
  for (const { src, sourceLine: written, ...at } of release.localImages ?? []) {
    if (written !== undefined) line = { number: at.line, text: written };
    const sourceLine = line?.number === at.line ? line.text : undefined;
    let lookup = lookups.get(src);
    if (!lookup) {
      lookup = await findImage(path, src, folders, cwd);
      lookups.set(src, lookup);
    }
    if (lookup.ok) continue;
    const asWritten = sourceLine !== undefined && src.includes('\\') ? writtenAddress(sourceLine, at) : undefined;
    // Markdown reads a backslash before a stop as an escape (`..\..\photos` is `....\photos` to it): the slashes go where it was written.
    const hint = asWritten !== undefined && asWritten !== src && asWritten.includes('\\') ? `Write the path with / between folders, as web addresses do: ${quote(asWritten.replace(/\\/g, '/'))}.` : lookup.hint;
    report('content/image-file', { ...FRESH, ...at, ...(sourceLine !== undefined ? { sourceLine } : {}), message: lookup.message, hint });
    if (failing) failed = true;
  }
  return { lookups, failed };
}

/**
 * The address of a Markdown image as written at `at` on `line` (`![A queue](..\photos\q.png)`), before Markdown read its
 * backslash escapes; undefined where the place holds no such image on one line.
 */
function writtenAddress(line: string, at: { line: number; column: number; endLine?: number | undefined; endColumn?: number | undefined }): string | undefined {
  if (at.endLine !== at.line || at.endColumn === undefined) return undefined;
  return /\]\(\s*<?([^\s<>()]+)>?(?:\s+(?:"[^"]*"|'[^']*'))?\s*\)$/.exec(line.slice(at.column - 1, at.endColumn - 1))?.[1];
}

/** One file a release's images are copied from, and where its copy goes. */
export interface ImageCopy {
  fact: ImageFact;
  /** The real path of the file copied. */
  real: string;
  /** The file's stamp when it was looked at, and how recent it was then (`FoundImage`). */
  stamp: string;
  changedMs: number;
  seenAt: number;
}

/**
 * What a copy is made from, for its release's images key: the file's stamp,
 * or a hash of its bytes while the stamp is too recent to be trusted
 * (`RACY_MS`): on a file system with coarse times, a file rewritten within
 * the same tick as its stat keeps its stamp. A file that cannot be read gets
 * a key that matches nothing, so its release is rendered (and the copy's
 * failure reported) again.
 */
export async function copySource(copy: ImageCopy): Promise<string> {
  if (copy.changedMs < copy.seenAt - RACY_MS) return `stamp:${copy.stamp}`;
  try {
    return `sha256:${createHash('sha256').update(await readFile(copy.real)).digest('base64')}`;
  } catch {
    return `unread:${randomUUID()}`;
  }
}

/**
 * Where a release's found images are copied and how its page links each
 * `src`: each file once, however often it is referenced, named as
 * `imageCopyName` names it. `build` copies them; `validate` checks that no
 * alias would need their addresses.
 */
export function plannedCopies(release: Pick<Release, 'lang' | 'slug'>, lookups: ReadonlyMap<string, ImageLookup>): { facts: Record<string, ImageFact>; copies: ImageCopy[] } {
  const facts: Record<string, ImageFact> = Object.create(null) as Record<string, ImageFact>;
  const byFile = new Map<string, ImageFact>();
  const copies: ImageCopy[] = [];
  const names = new Set<string>();
  for (const [src, lookup] of lookups) {
    if (!lookup.ok) continue;
    let fact = byFile.get(lookup.real);
    if (!fact) {
      const name = imageCopyName(imageFilePath(src) ?? src, lookup.type, names);
      names.add(name);
      fact = localImageFact(release.lang, release.slug, name, { ...FRESH, ...(lookup.width !== undefined ? { width: lookup.width } : {}), ...(lookup.height !== undefined ? { height: lookup.height } : {}), bytes: lookup.bytes });
      byFile.set(lookup.real, fact);
      copies.push({ fact, real: lookup.real, stamp: lookup.stamp, changedMs: lookup.changedMs, seenAt: lookup.seenAt });
    }
    facts[src] = fact;
  }
  return { facts, copies };
}

/**
 * Aliases whose redirect page would fall on a copied image, or need a folder
 * where one is: `build` refuses them (`alias/reserved`) when it writes the
 * redirects, so `validate` reports them at the alias, as build does.
 */
export function aliasesOnImages(releases: readonly Pick<Release, 'lang' | 'slug' | 'aliases' | 'aliasesAt' | 'slugAt' | 'file'>[], images: readonly string[], rules: RuleSettings | undefined, out: Diagnostic[]): void {
  if (images.length === 0) return;
  const taken = new ClaimedFiles<string>();
  for (const path of images) taken.claim(path, path);
  for (const release of releases) {
    for (const alias of aliasFiles(release)) {
      const found = taken.clash(alias.file);
      if (!found) continue;
      createReporter(release.file, rules, out)('alias/reserved', { ...FRESH, ...(release.aliasesAt?.[alias.index] ?? release.slugAt), ...aliasClash(alias, found) });
    }
  }
}

/** What `build` says of an alias whose redirect page cannot be written where it would go. */
export function aliasClash(alias: { alias: string; file: string }, found: NonNullable<ReturnType<ClaimedFiles<string>['clash']>>): { message: string; hint: string } {
  const clash = found.kind === 'taken' ? found.holder : found.kind === 'folder' ? `${alias.file}/` : found.folder;
  return {
    message: `The alias "${alias.alias}" would redirect from ${alias.file}, but this build writes ${clash === alias.file ? 'that file' : clash} for something else.`,
    hint: 'Remove the alias; the site needs that address for its own page.',
  };
}
