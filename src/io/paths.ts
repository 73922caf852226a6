import { isAbsolute, join, relative, sep } from 'node:path';

/**
 * An absolute POSIX path as `resolve` and `realpath` give it: no empty, `.`
 * or `..` segment, no slash at the end (but the root's own).
 */
const PLAIN_ABSOLUTE = /^\/(?:[^/]+(?:\/[^/]+)*)?$/;
const DOT_SEGMENT = /(?:^|\/)\.\.?(?:\/|$)/;

/** Whether `child` is `parent` or lies inside it (both absolute, resolved the same way). */
export function isInside(child: string, parent: string): boolean {
  // The usual case, compared without the work of `relative` (a search of an archive asks it for each of tens of thousands of files):
  // two such paths are one inside the other exactly when one starts with the other and a slash.
  if (sep === '/' && PLAIN_ABSOLUTE.test(child) && PLAIN_ABSOLUTE.test(parent) && !DOT_SEGMENT.test(child) && !DOT_SEGMENT.test(parent)) {
    return child === parent || parent === '/' || child.startsWith(`${parent}/`);
  }
  const rel = relative(parent, child);
  // `..name` is a folder inside; only `..` itself or `../…` leaves.
  return rel === '' || (rel !== '..' && !rel.startsWith(`..${sep}`) && !isAbsolute(rel));
}

/** The innermost Git folder (`.git`) a path lies in: the path up to its last `.git`, or undefined. */
function gitFolderOf(path: string): string | undefined {
  const parts = path.split(sep);
  const at = parts.lastIndexOf('.git');
  return at === -1 ? undefined : parts.slice(0, at + 1).join(sep);
}

/**
 * Whether the real path `real` of the path written `written` lies in a Git
 * folder (`.git`) that `written` does not: a link into the repository's
 * settings, where a checkout on a CI runner keeps the token it fetched
 * with. A project's files never live there, so such a link, which a pull
 * request may commit, is refused rather than read and quoted in a message;
 * a project checked out under a folder named `.git` reads its own files.
 */
export function leadsIntoGit(real: string, written: string): boolean {
  const git = gitFolderOf(real);
  return git !== undefined && git !== gitFolderOf(written);
}

/** The folders where version control keeps a repository's history, settings and credentials. */
const VCS_FOLDERS: ReadonlySet<string> = new Set(['.git', '.hg', '.svn', '.bzr']);

/**
 * The version-control folder (`.git`, `.hg`, `.svn`, `.bzr`) that `path`
 * is or lies in, up to it, or undefined; only below `base` when `path` lies
 * there, so that a project kept under such a folder is not refused its own
 * folders. Names are compared in any letter case, as macOS and Windows open
 * `.GIT` as `.git`.
 */
export function versionControlFolder(path: string, base: string): string | undefined {
  const below = isInside(path, base);
  const parts = (below ? relative(base, path) : path).split(sep);
  const at = parts.findIndex((part) => VCS_FOLDERS.has(part.toLowerCase()));
  if (at === -1) return undefined;
  const folder = parts.slice(0, at + 1).join(sep);
  return below ? join(base, folder) : folder;
}
