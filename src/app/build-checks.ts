import type { Diagnostic } from '../core/diagnostic.js';
import type { Config } from '../core/schema.js';
import type { Release } from '../core/validate.js';
import { setProblems } from './labels-check.js';
import { templateSearch } from './project.js';
import type { FailedImages } from './check.js';

/** A release that passed its own checks, and the file it is (or, for a dry run, will be) in. */
export interface CheckedFile {
  release: Release;
  /** The release file's path: local images are looked for from its folder. */
  path: string;
  /** Its text, when it is not on disk (yet). */
  text?: string;
}

export interface BuildCheckContext {
  config: Config;
  configPath?: string | undefined;
  /** The folders the releases were found in: local images may come from them. */
  roots: readonly string[];
  cwd: string;
  /** The template set a build will use; default: the build's default. */
  template?: string | undefined;
  /** The config file's problems: a `templates` folder it names that is not searched is said with a set not found. */
  configDiagnostics?: readonly Diagnostic[];
}

/**
 * What a build would refuse beyond each file and the checks across files,
 * checked without building: local images looked for as a build looks for
 * them (and aliases whose redirect page would fall on a copy), and labels
 * for each release's language in the template set. `validate` runs it, and
 * `import` on what it wrote, so that neither says "no problems" where a
 * build fails. The images of files with other errors (`failing`) are
 * looked for too.
 */
export async function buildChecks(releases: readonly CheckedFile[], context: BuildCheckContext, failing: readonly FailedImages[] = []): Promise<Diagnostic[]> {
  const diagnostics: Diagnostic[] = [];
  const { config, cwd } = context;
  const withImages = releases.filter((r) => r.release.localImages);
  if (withImages.length > 0 || failing.length > 0) {
    const { aliasesOnImages, findReleaseImages, imageFolders, plannedCopies } = await import('./images.js');
    const folders = await imageFolders(context, cwd);
    // A file with other errors names images too: a missing one is one more problem to report now, not after the others are fixed.
    for (const { file, path, localImages } of failing) await findReleaseImages({ file, localImages }, path, folders, cwd, config.rules, diagnostics);
    const copies: string[] = [];
    for (const { release, path } of withImages) {
      const { lookups } = await findReleaseImages(release, path, folders, cwd, config.rules, diagnostics);
      for (const copy of plannedCopies(release, lookups).copies) copies.push(copy.fact.path);
    }
    aliasesOnImages(releases.map((r) => r.release).filter((r) => (r.aliases?.length ?? 0) > 0), copies, config.rules, diagnostics);
  }
  const labelled = releases.map((r) => ({ release: r.release, text: r.text ?? { path: r.path } }));
  const search = templateSearch({ config, ...(context.configPath ? { configPath: context.configPath } : {}), ...(context.configDiagnostics ? { diagnostics: context.configDiagnostics } : {}) }, cwd);
  for (const d of await setProblems(labelled, context.template, search, config, context.configPath)) diagnostics.push(d);
  return diagnostics;
}
