import { isAbsolute, relative, sep } from 'node:path';

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

/**
 * Whether a real path lies in a Git folder (`.git`): the repository's
 * settings, where a checkout on a CI runner keeps the token it fetched
 * with. A project's files never live there, so a link to one, which a pull
 * request may commit, is refused rather than read and quoted in a message.
 */
export function inGitFolder(path: string): boolean {
  return path.split(sep).includes('.git') || (sep !== '/' && path.split('/').includes('.git'));
}
