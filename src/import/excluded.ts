import { MATCH_STEPS, MatchBudgetSpent, spend, type MatchBudget } from './globs.js';
import type { PostPath } from './paths.js';
import type { JekyllPathPattern, SiteSettings } from './site-config.js';

/**
 * Files the old site's generator never read, though they stand where its
 * posts are: a post among them was never published. Pure: paths in, a
 * verdict out.
 */
export type Exclusion =
  /** Not read by the generator: skipped, with why. */
  | { kind: 'excluded'; reason: string }
  /** Whether it was read cannot be told safely: imported, but kept back, with why. */
  | { kind: 'unknown'; reason: string };

/** Names Jekyll does not read in a folder unless `include` lists them (its EntryFilter's special and backup files). */
const JEKYLL_SPECIAL = /^[._#~]/;

/**
 * Whether Jekyll read the post at `where`, as its EntryFilter reads the
 * files of `_posts` and `_drafts`: the folders above it one by one, then
 * its path below the posts folder. A name listed in `include` is read; else
 * one starting with `_`, `.`, `#` or `~` (a folder of the path below the
 * posts folder counts only at its start, as Jekyll checks that path and its
 * file name), or ending with `~`, is not, nor one whose path from the
 * site's folder an `exclude` entry covers (a prefix of it, or a glob with
 * `*`, which crosses `/`).
 */
export function jekyllExclusion(where: PostPath, settings: SiteSettings): Exclusion | undefined {
  const segments = where.path.split('/');
  const postsAt = where.folders.findIndex((f) => f === '_posts' || f === '_drafts');
  if (postsAt === -1) return undefined;
  const budget: MatchBudget = { steps: MATCH_STEPS };
  const root = settings.collectionsDir === undefined ? 0 : settings.collectionsDir.split('/').length;
  try {
    // The folders between the site (or its `collections_dir`, which Jekyll reads by name) and the posts folder, each an entry of its parent.
    for (let depth = root + 1; depth <= postsAt; depth++) {
      const name = segments[depth - 1]!;
      const why = entryExclusion(name, name, segments.slice(0, depth).join('/'), settings, budget);
      if (why !== undefined) return { kind: 'excluded', reason: `${why}; Jekyll never read the posts in it` };
    }
    const below = segments.slice(postsAt + 1).join('/');
    const why = entryExclusion(below, segments.at(-1)!, where.path, settings, budget);
    return why === undefined ? undefined : { kind: 'excluded', reason: `${why}; Jekyll never read it` };
  } catch (cause) {
    if (!(cause instanceof MatchBudgetSpent)) throw cause;
    return { kind: 'unknown', reason: `the \`exclude\` and \`include\` lists of the site's configuration take more than ${MATCH_STEPS.toLocaleString('en')} steps to match against this post's path, so whether Jekyll read it is not known; imported as a draft` };
  }
}

/** Why Jekyll's EntryFilter leaves out an entry (`entry` as read in its folder, `name` its file name, `path` from the site's folder), or undefined. */
function entryExclusion(entry: string, name: string, path: string, settings: SiteSettings, budget: MatchBudget): string | undefined {
  if (covers(settings.include, entry, budget) || covers(settings.include, name, budget)) return undefined;
  const special = JEKYLL_SPECIAL.test(entry) ? entry.split('/')[0]! : JEKYLL_SPECIAL.test(name) ? name : undefined;
  if (special !== undefined) return `its name or folder "${special}" starts with "${special[0]}", which Jekyll does not read unless \`include\` lists it`;
  if (entry.endsWith('~')) return 'a backup file (its name ends with "~"), which Jekyll does not read';
  const excluded = settings.exclude?.find((pattern) => coversOne(pattern, path, budget));
  return excluded === undefined ? undefined : `the site's configuration excludes it (\`exclude: ${excluded.path.slice(1)}\`)`;
}

const covers = (patterns: readonly JekyllPathPattern[] | undefined, path: string, budget: MatchBudget) => patterns?.some((pattern) => coversOne(pattern, path, budget)) === true;

/** Jekyll's `glob_include?`: a glob over the whole path, or any prefix of it, both with a `/` in front. */
function coversOne(pattern: JekyllPathPattern, path: string, budget: MatchBudget): boolean {
  spend(budget);
  const entry = `/${path}`;
  return entry.startsWith(pattern.path) || pattern.glob?.test(entry, budget) === true;
}

/**
 * Whether Hugo read a content file, by its `ignoreFiles`: Hugo matches them
 * against the file's full path, which on the machine that built the site
 * is not known; here the one it has where it is read (`fullPath`), and its
 * path from the site's folder, either matching. A pattern that cannot be
 * run safely over a path (see go-regexp.ts), and matches neither, leaves
 * it unknown.
 */
export function hugoExclusion(fullPath: string, path: string, settings: SiteSettings): Exclusion | undefined {
  let unsure: string | undefined;
  for (const pattern of settings.ignoreFiles ?? []) {
    const found = [pattern.test(fullPath), pattern.test(path)];
    if (found.includes(true)) return { kind: 'excluded', reason: `the site's \`ignoreFiles\` pattern "${pattern.pattern}" matches its path; Hugo never read it` };
    if (found.includes(undefined)) unsure ??= pattern.pattern;
  }
  return unsure === undefined ? undefined : { kind: 'unknown', reason: `the site's \`ignoreFiles\` pattern "${unsure}" cannot be run safely here (a form that backtracks, or syntax Go and JavaScript read differently), so whether Hugo read it is not known; imported as a draft` };
}
