import type { Diagnostic } from '../core/diagnostic.js';

export interface ReporterOptions {
  color: boolean;
  /** Number of files checked, for the summary. */
  fileCount: number;
  version: string;
  /** With `--quiet`: what was counted but not shown, so the summary can say so. */
  hidden?: { warnings: number; infos: number };
  /** What a build did, for the reporters that carry it (json). */
  build?: BuildSection;
  /**
   * In GitHub Actions, when the working folder lies inside the repository's folder (GITHUB_WORKSPACE): the `github`
   * and `sarif` reporters name files from the repository's root, where GitHub looks for them. Others ignore it.
   */
  workspace?: Workspace;
  /**
   * With `validate -` and no `--stdin-filename`: the name diagnostics give standard input (`<stdin>`), which is no file.
   * The `github` and `sarif` reporters name no file for it, since GitHub would look for one in the repository.
   */
  standardInput?: string;
  /**
   * The folder of the built-in template sets, absolute: the `sarif` reporter names a file of them (`migration-news:templates/…`
   * in other reports) by its `file:` URI there, since code scanning turns down a whole report that holds a URI of another
   * scheme than its checkout's. Without it, by that name as a URI of its own scheme.
   */
  builtinTemplates?: string;
}

/** The repository's folder and the working folder, both absolute; diagnostics name files relative to `cwd`. */
export interface Workspace {
  root: string;
  cwd: string;
}

/** The `build` object of the JSON report (README, "Reporters"). Paths are relative to the output folder. */
export interface BuildSection {
  /** The output folder, named as `file` paths are: relative to the working folder when inside it, not escaped. */
  out: string;
  /** True when the outputs were moved into the output folder. */
  committed: boolean;
  /** Files this build wrote (or would have written, when `committed` is false). */
  written: string[];
  /** Valid releases not written, with why: `draft`, `review`, `withdrawn`, `embargoed`. */
  skipped: { file: string; reason: string }[];
  /** With `--drafts` or `--embargoed`: releases written though not public, which no listing, feed or sitemap names, with why and their HTML page (null when none was written). */
  unlisted: { file: string; reason: string; page: string | null }[];
  /** Files an earlier build wrote that this one removed. */
  removed: string[];
  /** Input files that could not be built. */
  failed: string[];
  /** With `--timings`, each phase of the build with its wall time in ms, in order; else null. */
  timings: { phase: string; ms: number }[] | null;
  /** With `--timings`, each template's renders and their time in ms, on every thread together, the slowest first; else null. */
  templateTimings: { template: string; renders: number; ms: number }[] | null;
  /** What the build says after its summary, as it says it: part of the site not built, a build record not kept. Empty when the build did not commit. */
  notes: string[];
}

/** A reporter turns diagnostics into text and writes nothing itself. */
export type Reporter = (diagnostics: readonly Diagnostic[], options: ReporterOptions) => string;

export const REPORTERS = ['stylish', 'json', 'github', 'sarif'] as const;
export type ReporterName = (typeof REPORTERS)[number];
