import { realpathSync } from 'node:fs';
import { lstat, readlink, realpath } from 'node:fs/promises';
import { basename, dirname, isAbsolute, join, parse, resolve, sep } from 'node:path';
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
 * in its messages, a file elsewhere on the machine (a key, a token). A path
 * that leads out of them is refused in the same words whether or not
 * anything is there: "leads nowhere" for a link to a missing file elsewhere,
 * and "does not exist" for a path behind a link out, would tell a pull
 * request which files exist elsewhere on the machine.
 */
export async function linkEscape(path: string, allowed: readonly string[]): Promise<string | undefined> {
  const info = await lstat(path).catch(() => undefined);
  const real = info ? await realpath(path).catch(() => undefined) : undefined;
  if (real === undefined) {
    const outside = await leadsOutside(path, allowed, info === undefined);
    if (outside) return isInsideAny(resolve(path), allowed) ? LINK_LEADS_OUTSIDE : LIES_OUTSIDE;
    // Nothing there, or a link to nothing (or in a circle) in the project: reported by whoever reads it.
    return info?.isSymbolicLink() ? 'It is a symbolic link that leads nowhere (or in a circle).' : undefined;
  }
  if (leadsIntoGit(real, resolve(path))) return 'It is a symbolic link (or lies behind one) into a Git folder (.git), where the repository keeps its settings and credentials; it is not read.';
  if (isInsideAny(real, allowed)) return undefined;
  // No link on the way: the path itself names a place outside the project (`templates: ../shared`).
  if (real === resolve(path)) return LIES_OUTSIDE;
  return LINK_LEADS_OUTSIDE;
}

/**
 * Whether `path` leads out of the `allowed` folders (real paths), through
 * any link on its way, whether or not anything is at its end: a link to a
 * folder elsewhere that does not exist leads out as one to a folder that
 * does. A circle in the project does not lead out.
 */
export async function leadsOut(path: string, allowed: readonly string[]): Promise<boolean> {
  const real = await realpath(path).catch(() => undefined);
  if (real !== undefined) return !isInsideAny(real, allowed);
  return (await leadsOutside(path, allowed, false)) === true;
}

const LIES_OUTSIDE = 'It lies outside the project; only the project\'s own files are read.';
const LINK_LEADS_OUTSIDE = 'It is a symbolic link (or lies behind one) that leads outside the project; it is not read.';

const isInsideAny = (path: string, folders: readonly string[]) => folders.some((folder) => isInside(path, folder));

/** Links followed on the way to a path before it is taken for a circle, as Linux's `ELOOP` does. */
export const MAX_LINKS = 40;

/**
 * Whether `path`, which cannot be followed to its end (nothing is there, or
 * a link on the way leads to nothing or in a circle), leads out of the
 * `allowed` folders: from the real path of the part of it that exists, each
 * link after it is followed, a link to nothing included, and `..` after a
 * link climbs from where the link led, as the system would. Past that real
 * part, the walk stops before it looks at anything outside the project, so
 * a link out says the same whether or not anything is where it leads.
 * Undefined for a circle in the project.
 * `missing`: nothing, not even a link, is at `path` (`lstat` failed), so
 * its folder's real path says where it would be.
 */
async function leadsOutside(path: string, allowed: readonly string[], missing: boolean): Promise<boolean | undefined> {
  // Where the walk may look: in the project, or on the way down to it (`/`, `/home`), whose folders are real, never links.
  const onTheWay = (at: string) => allowed.some((folder) => isInside(at, folder) || isInside(folder, at));
  let at = resolve(path);
  // The usual case, a missing file, in one look: every missing image of every release is looked for.
  if (missing) {
    const folder = await realpath(dirname(at)).catch(() => undefined);
    if (folder !== undefined) return !isInsideAny(join(folder, basename(at)), allowed);
  }
  // The names still to follow, the next one last.
  const rest: string[] = [];
  let real = await realpath(at).catch(() => undefined);
  while (real === undefined && dirname(at) !== at) {
    rest.push(basename(at));
    at = dirname(at);
    real = await realpath(at).catch(() => undefined);
  }
  at = real ?? at;
  if (!onTheWay(at)) return true;
  let links = 0;
  for (let name = rest.pop(); name !== undefined; name = rest.pop()) {
    if (name === '' || name === '.') continue;
    // A parent of a folder on the way is on the way too.
    if (name === '..') {
      at = dirname(at);
      continue;
    }
    const next = join(at, name);
    if (!onTheWay(next)) return true;
    const target = await readlink(next).catch(() => undefined);
    if (target === undefined) {
      at = next;
      continue;
    }
    if (++links > MAX_LINKS) return undefined;
    if (isAbsolute(target)) at = parse(target).root;
    rest.push(...target.split(sep === '\\' ? /[\\/]/ : '/').reverse());
  }
  return !isInsideAny(at, allowed);
}
