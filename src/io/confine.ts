import { realpathSync } from 'node:fs';
import { lstat, realpath } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { isInside, leadsIntoGit } from './paths.js';

/** The real path of the folder that holds `path`. */
export const realFolderOf = (path: string): Promise<string> => realOrSelf(dirname(resolve(path)));


/** The real path of a folder, or the path itself when it does not exist (yet). */
export async function realOrSelf(path: string): Promise<string> {
  return realpath(path).catch(() => resolve(path));
}

/** The real path of `path`, which may not exist (yet): that of the nearest folder above it that exists, with the rest of `path` after it. */
export async function realOfNearest(path: string): Promise<string> {
  const rest: string[] = [];
  for (let at = resolve(path); ; at = dirname(at)) {
    const real = await realpath(at).catch(() => undefined);
    if (real !== undefined) return join(real, ...rest.reverse());
    if (dirname(at) === at) return resolve(path);
    rest.push(basename(at));
  }
}

/** `realOrSelf`, at once: the real path, or the path itself when it has none (it vanished, or a loop). */
export function realOrSelfSync(path: string): string {
  try {
    return realpathSync.native(path);
  } catch {
    return resolve(path);
  }
}

/**
 * Why the project file at `path` must not be read, or undefined when it may.
 * A file the project provides (its config file, a template set's files) is
 * read only if its real path, after every symbolic link on the way, lies in
 * one of the `allowed` folders (real paths): a link committed in a pull request must not make the tool read, and quote
 * in its messages, a file elsewhere on the machine (a key, a token).
 */
export async function linkEscape(path: string, allowed: readonly string[]): Promise<string | undefined> {
  const info = await lstat(path).catch(() => undefined);
  if (!info) return undefined;
  const real = await realpath(path).catch(() => undefined);
  // A link that leads nowhere (or in a circle) is reported by whoever reads it.
  if (real === undefined) return info.isSymbolicLink() ? 'It is a symbolic link that leads nowhere (or in a circle).' : undefined;
  if (leadsIntoGit(real, resolve(path))) return 'It is a symbolic link (or lies behind one) into a Git folder (.git), where the repository keeps its settings and credentials; it is not read.';
  if (allowed.some((folder) => isInside(real, folder))) return undefined;
  // No link on the way: the path itself names a place outside the project (`templates: ../shared`).
  if (real === resolve(path)) return 'It lies outside the project; only the project\'s own files are read.';
  return 'It is a symbolic link (or lies behind one) that leads outside the project; it is not read.';
}
