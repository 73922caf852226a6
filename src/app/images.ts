import { dirname } from 'node:path';
import type { Diagnostic } from '../core/diagnostic.js';
import type { RuleSettings } from '../core/rules.js';
import { severityOf } from '../core/rules.js';
import { createReporter, type Release } from '../core/validate.js';
import { realOrSelf } from '../io/confine.js';
import { findImage, type ImageLookup } from '../io/images.js';
import { FRESH } from '../core/objects.js';

/**
 * Looking up a release's local images (see `src/core/images.ts`), the same
 * way for `build`, which copies them, and `validate`, which only checks them.
 */

/** The folders local images may come from (real paths): the project's folder and the folders releases were found in. */
export function imageFolders(project: { configPath?: string | undefined; roots: readonly string[] }, cwd: string): Promise<string[]> {
  return Promise.all([project.configPath ? dirname(project.configPath) : cwd, ...project.roots].map(realOrSelf));
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
export async function findReleaseImages(release: Release, path: string, folders: readonly string[], cwd: string, rules: RuleSettings | undefined, out: Diagnostic[]): Promise<ReleaseImages> {
  const report = createReporter(release.file, rules, out);
  const failing = severityOf('content/image-file', rules) === 'error';
  const lookups = new Map<string, ImageLookup>();
  let failed = false;
  for (const { src, sourceLine, ...at } of release.localImages ?? []) {
    let lookup = lookups.get(src);
    if (!lookup) {
      lookup = await findImage(path, src, folders, cwd);
      lookups.set(src, lookup);
    }
    if (lookup.ok) continue;
    report('content/image-file', { ...FRESH, ...at, ...(sourceLine !== undefined ? { sourceLine } : {}), message: lookup.message, hint: lookup.hint });
    if (failing) failed = true;
  }
  return { lookups, failed };
}
