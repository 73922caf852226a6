import { globProblem } from './glob.js';
import { isSlash, trimWhere } from './text.js';

/**
 * `ignore` globs, read as .gitignore reads them: a glob without a slash
 * matches a file or folder name at any depth (`README.md`, `drafts`); one
 * with a slash, a leading one included (`/drafts`), matches the path from
 * its base. `./` in front and slashes at the end change nothing.
 */

export interface IgnorePattern {
  /** The glob to match names or paths with. */
  pattern: string;
  /** Whether it matches the path from the base rather than a name at any depth. */
  anchored: boolean;
}

export function ignorePattern(glob: string): IgnorePattern {
  // The slashes at the end counted (`trimWhere`), not matched: `/\/+$/` is tried from each slash of a long run inside, a time with its square.
  const trimmed = trimWhere(glob.replace(/^\.\//, ''), isSlash);
  return { pattern: trimmed.replace(/^\/+/, ''), anchored: trimmed.includes('/') };
}

export const NAMES_NOTHING = 'names no file or folder: nothing is left once "./", leading and trailing slashes are taken away';
export const NEGATED = 'cannot start with "!": ignore globs only leave files out, they do not bring any back';

/** Most `ignore` globs of a config file, or of a command line. */
export const MAX_IGNORE_GLOBS = 200;

/**
 * Why an `ignore` glob cannot be used, or undefined: one that names
 * nothing, one that would bring files back (.gitignore's `!`), which the
 * tool does not do, and one too long or with too many alternatives.
 */
export function ignoreGlobProblem(glob: string): string | undefined {
  const { pattern } = ignorePattern(glob);
  if (pattern === '') return NAMES_NOTHING;
  // Looked for once ./ and a leading slash are gone too: `/!x` is `!x`.
  if (pattern.startsWith('!')) return NEGATED;
  return globProblem(pattern);
}
