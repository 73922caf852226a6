import { isAbsolute, resolve } from 'node:path';
import { countProblems, type Diagnostic } from '../core/diagnostic.js';
import { plural } from '../core/plural.js';
import { RULES } from '../core/rules.js';
import { loadReporter } from '../reporters/index.js';
import type { BuildSection, ReporterName, Workspace } from '../reporters/types.js';
import { pathInside } from '../reporters/workspace.js';
import { BUILTIN_TEMPLATES } from '../io/builtin.js';
import { realOrSelfSync } from '../io/confine.js';
import { VERSION } from '../version.js';
import { EXIT, UsageError, type CliEnvironment, type ExitCode, type ReportOptions } from './environment.js';

/**
 * The exit code the diagnostics call for: 2 when an error means the tool
 * could not do its work (a rule of kind `run`, such as `output/write`);
 * 1 for other errors, or warnings beyond what the options allow; else 0.
 */
export function exitCodeFor(diagnostics: readonly Diagnostic[], options: Pick<ReportOptions, 'strict' | 'maxWarnings'>): ExitCode {
  if (diagnostics.some((d) => d.severity === 'error' && RULES[d.ruleId].kind === 'run')) return EXIT.usage;
  const counts = countProblems(diagnostics);
  if (counts.errors > 0) return EXIT.problems;
  if (options.strict && counts.warnings > 0) return EXIT.problems;
  if (options.maxWarnings !== undefined && counts.warnings > options.maxWarnings) return EXIT.problems;
  return EXIT.ok;
}

/**
 * The repository's folder in GitHub Actions (GITHUB_WORKSPACE), when the working folder is inside it: GitHub reads
 * annotation and SARIF paths from there, not from the folder a step ran in (`working-directory`).
 */
export function githubWorkspace(env: CliEnvironment): Workspace | undefined {
  const written = env.env.GITHUB_WORKSPACE;
  if (!written || !isAbsolute(written)) return undefined;
  // The working folder a process sees has its links resolved: a workspace reached through one (a runner's linked work folder) is compared as the folder it is.
  const root = pathInside(resolve(written), env.cwd) !== undefined ? resolve(written) : realOrSelfSync(written);
  return pathInside(root, env.cwd) !== undefined ? { root, cwd: env.cwd } : undefined;
}

/**
 * Where a command says what it says besides its reports (a build's summary, a watch's "checking again"): beside the stylish
 * report, on standard output, where people read both; beside a report for a program (`json`, `sarif`, `github`), on standard
 * error, so that standard output holds the reports alone, each as its reader takes it (`--watch --reporter json | jq`).
 */
export function besideReport(reporter: ReporterName, env: CliEnvironment): CliEnvironment['stdout'] {
  return reporter === 'stylish' ? env.stdout : env.stderr;
}

/** Writes the report to stdout and returns the exit code the diagnostics call for. */
export async function report(diagnostics: readonly Diagnostic[], fileCount: number, options: ReportOptions, env: CliEnvironment, extra: { build?: BuildSection; standardInput?: string } = {}): Promise<ExitCode> {
  const shown = options.quiet ? diagnostics.filter((d) => d.severity === 'error') : diagnostics;
  const counts = countProblems(diagnostics);
  const reporter = await loadReporter(options.reporter);
  const hidden = options.quiet ? { warnings: counts.warnings, infos: counts.infos } : undefined;
  const workspace = githubWorkspace(env);
  env.stdout.write(reporter(shown, { color: options.color, fileCount, version: VERSION, builtinTemplates: BUILTIN_TEMPLATES, ...(hidden ? { hidden } : {}), ...(workspace ? { workspace } : {}), ...extra }));
  const code = exitCodeFor(diagnostics, options);
  if (code === EXIT.problems && counts.errors === 0) {
    const warnings = plural(counts.warnings, 'warning');
    env.stderr.write(options.strict
      ? `migration-news: ${warnings}, and --strict fails on any warning.\n`
      : `migration-news: ${warnings}, more than --max-warnings ${options.maxWarnings} allows.\n`);
  }
  return code;
}

/**
 * The paths a command was given, ending a sentence, its full stop included: `.` as the working folder, and no second stop after
 * a path that ends in one (`..`).
 */
export function pathsEndingSentence(paths: readonly string[]): string {
  const named = paths.map((path) => (path === '.' || path === './' ? 'the working folder' : path)).join(', ');
  return named.endsWith('.') ? named : `${named}.`;
}

/** Paths that hold no release file: a mistyped or empty folder, a usage error (exit 2). */
export function noReleaseFiles(paths: readonly string[]): UsageError {
  return new UsageError(`No release files (*.md, *.markdown) found in ${pathsEndingSentence(paths)}`);
}
