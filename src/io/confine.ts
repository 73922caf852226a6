import { readlinkSync, realpathSync } from 'node:fs';
import { lstat, realpath } from 'node:fs/promises';
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
export async function linkEscape(path: string, allowed: readonly string[], ways?: WayCache, where = 'the project'): Promise<string | undefined> {
  const info = await lstat(path).catch(() => undefined);
  const real = info ? await realpath(path).catch(() => undefined) : undefined;
  const written = resolve(path);
  // No link on the way: the path itself names a place, in the project or outside it (`templates: ../shared`).
  if (real !== undefined && real === written) return isInsideAny(real, allowed) ? undefined : liesOutside(where);
  const end = confinedEnd(path, allowed, ways, real);
  if (end === OUT || (end !== undefined && !isInsideAny(end, allowed)) || (real !== undefined && !isInsideAny(real, allowed))) {
    // Said by the path as written, the same whether or not anything is where it leads.
    return isInsideAny(written, allowed) ? `It is a symbolic link (or lies behind one) that leads outside ${where}; it is not read.` : liesOutside(where);
  }
  // Nothing there, or a link to nothing (or in a circle) in the project: reported by whoever reads it, but for a link.
  if (real === undefined && info?.isSymbolicLink()) return 'It is a symbolic link that leads nowhere (or in a circle).';
  if (end === undefined) return 'It lies behind a symbolic link in a circle (or a chain of more than 40 links).';
  if (real === undefined) return undefined;
  if (leadsIntoGit(real, written)) return 'It is a symbolic link (or lies behind one) into a Git folder (.git), where the repository keeps its settings and credentials; it is not read.';
  return undefined;
}

/**
 * Whether `path` leads out of the `allowed` folders (real paths), through
 * any link on its way, whether or not anything is at its end: a link to a
 * folder elsewhere that does not exist leads out as one to a folder that
 * does, and so does one that goes out and comes back (`../elsewhere/../project`).
 * A circle in the project does not lead out. `ways` keeps the walks for the
 * next path (see `WayCache`).
 */
export async function leadsOut(path: string, allowed: readonly string[], ways?: WayCache): Promise<boolean> {
  return (await realAndWay(path, allowed, ways)).out;
}

/** The real path of `path`, undefined where it has none, and whether it leads out (`leadsOut`), from one look at the real path. */
export async function realAndWay(path: string, allowed: readonly string[], ways?: WayCache): Promise<{ real: string | undefined; out: boolean }> {
  const real = await realpath(path).catch(() => undefined);
  // No link on the way (the real path is the path as written): where it is says it all.
  if (real !== undefined && real === resolve(path)) return { real, out: !isInsideAny(real, allowed) };
  const end = confinedEnd(path, allowed, ways, real);
  return { real, out: end === OUT || (end !== undefined && !isInsideAny(end, allowed)) || (real !== undefined && !isInsideAny(real, allowed)) };
}

/**
 * The real path of `path` where the system takes it without leading out of
 * the `allowed` folders, by the walk of `leadsOut`; undefined where it leads
 * out (or in a circle), so that what the system makes of a link out and back
 * is never asked.
 */
export async function confinedRealpath(path: string, allowed: readonly string[], ways?: WayCache): Promise<string | undefined> {
  const end = confinedEnd(path, allowed, ways);
  return typeof end === 'string' && isInsideAny(end, allowed) ? end : undefined;
}

const liesOutside = (where: string) => `It lies outside ${where}; only ${where === 'the project' ? "the project's own files are" : 'what is there is'} read.`;

const isInsideAny = (path: string, folders: readonly string[]) => folders.some((folder) => isInside(path, folder));

/** Links followed on the way to a path before it is taken for a circle, as Linux's `ELOOP` does. */
export const MAX_LINKS = 40;

/** A walk that left the way to the `allowed` folders (see `confinedEnd`). */
const OUT = Symbol('out');

/** Where a walk ends (see `confinedEnd`): a real path, OUT, or undefined for a circle. */
type WayEnd = string | typeof OUT | undefined;

/**
 * Where the system takes the paths walked (see `confinedEnd`): each folder
 * on the way to a path, by the folder as written, and each link followed,
 * by where it is, so that the next path through them is not walked again
 * (every image of a release behind a link, each through a chain of links).
 */
interface Ways {
  readonly folders: Map<string, WayEnd>;
  readonly links: Map<string, WayEnd>;
}

/** `Ways` for each set of allowed folders, which decide where a walk ends. */
export class WayCache {
  readonly #ways = new Map<string, Ways>();

  for(allowed: readonly string[]): Ways {
    const key = allowed.join('\0');
    let ways = this.#ways.get(key);
    if (ways === undefined) {
      ways = { folders: new Map(), links: new Map() };
      this.#ways.set(key, ways);
    }
    return ways;
  }
}

/**
 * Where the system takes `path`, followed name by name as the system would
 * (a link by its text, `..` after a link from where the link led, a name
 * where nothing is by its place), but looked at only where a pull request
 * cannot learn from it what exists elsewhere on the machine: OUT once the
 * way leaves the `allowed` folders and the folders on the way down to them
 * (`/`, `/home`), before anything there is looked at, whether or not it is
 * there. A link out that comes back (`photos -> ../elsewhere/../project/photos`)
 * leads out: the system follows it only when `elsewhere` exists.
 *
 * A name outside them is followed only to see whether the system takes it
 * straight into them: the project as the user named it through links of
 * their own (`/tmp` on macOS, `~/project` linked to another disk), which a
 * pull request cannot make, and which the way down from there never climbs
 * out of (`..` there is out). Undefined for a circle (more than `MAX_LINKS`
 * links, as Linux's `ELOOP`). `real`: the path's real path, where it has one.
 *
 * Each look is a call that waits on the system at once: a wait on the
 * thread pool for each of a path's names cost a build with 3,000 links
 * through a folder a second, where the looks themselves take microseconds.
 */
function confinedEnd(path: string, allowed: readonly string[], cache: WayCache = new WayCache(), real?: string): WayEnd {
  const ways = cache.for(allowed);
  const lexical = resolve(path);
  const folder = dirname(lexical);
  if (folder === lexical) return lexical;
  const at = folderEnd(folder, allowed, ways);
  if (typeof at !== 'string') return at;
  const next = join(at, basename(lexical));
  // Where the system took the path, as the walk took its folder: its last name is no link (a real path never ends at one).
  return next === real ? next : walk(at, [basename(lexical)], allowed, ways, { links: 0 });
}

/** `confinedEnd` of a folder, as written, once per folder: from its own folder's, or where it is written when no link is on its way. */
function folderEnd(folder: string, allowed: readonly string[], ways: Ways): WayEnd {
  if (ways.folders.has(folder)) return ways.folders.get(folder);
  let end: WayEnd = folder;
  const parent = dirname(folder);
  if (realOrUndefined(folder) !== folder && parent !== folder) {
    const at = folderEnd(parent, allowed, ways);
    end = typeof at === 'string' ? walk(at, [basename(folder)], allowed, ways, { links: 0 }) : at;
  }
  ways.folders.set(folder, end);
  return end;
}

function realOrUndefined(path: string): string | undefined {
  try {
    return realpathSync.native(path);
  } catch {
    return undefined;
  }
}

function linkOrUndefined(path: string): string | undefined {
  try {
    return readlinkSync(path);
  } catch {
    return undefined;
  }
}

const SEPARATORS = sep === '\\' ? /[\\/]/ : '/';
/** The names of a link's text, the first one last (as `walk` takes them). */
const namesOf = (text: string): string[] => text.split(SEPARATORS).reverse();

/**
 * The walk of `confinedEnd` from the real folder `at`, through `rest`, the
 * next name last. A link is followed by a walk of its own text from where it
 * is (see `Ways`).
 */
function walk(at: string, rest: string[], allowed: readonly string[], ways: Ways, followed: { links: number }): WayEnd {
  // Where the walk may look: in the allowed folders, or on the way down to them, whose folders are real, never links.
  const onTheWay = (place: string) => allowed.some((folder) => isInside(place, folder) || isInside(folder, place));
  let away = !onTheWay(at);
  for (let name = rest.pop(); name !== undefined; name = rest.pop()) {
    if (name === '' || name === '.') continue;
    // A parent of a folder on the way is on the way too; away from it, a climb would tell what exists there.
    if (name === '..') {
      if (away) return OUT;
      at = dirname(at);
      continue;
    }
    const next = join(at, name);
    if (away || !onTheWay(next)) {
      // Only where the system takes it at once, a link of the machine's into the allowed folders or on the way to them.
      const real = realOrUndefined(next);
      if (real === undefined) return OUT;
      at = real;
      away = !onTheWay(at);
      continue;
    }
    const known = ways.links.has(next);
    const target = known ? undefined : linkOrUndefined(next);
    if (!known && target === undefined) {
      at = next;
      continue;
    }
    if (++followed.links > MAX_LINKS) return undefined;
    let end = ways.links.get(next);
    if (target !== undefined) {
      end = walk(isAbsolute(target) ? parse(target).root : at, namesOf(target), allowed, ways, followed);
      // Not a circle, which may be only the links followed before this one running out.
      if (end !== undefined) ways.links.set(next, end);
    }
    if (typeof end !== 'string') return end;
    at = end;
  }
  return away ? OUT : at;
}
