import { countDiagnostics, type Diagnostic } from '../core/diagnostic.js';
import { loadReporter } from '../reporters/index.js';
import { VERSION } from '../version.js';
import { EXIT, type CliEnvironment, type ReportOptions } from './main.js';

/** Exit 1 when there are errors, or warnings beyond what the options allow; else 0. */
export function exitCodeFor(diagnostics: readonly Diagnostic[], options: Pick<ReportOptions, 'strict' | 'maxWarnings'>): number {
  const counts = countDiagnostics(diagnostics);
  if (counts.errors > 0) return EXIT.problems;
  if (options.strict && counts.warnings > 0) return EXIT.problems;
  if (options.maxWarnings !== undefined && counts.warnings > options.maxWarnings) return EXIT.problems;
  return EXIT.ok;
}

/** Writes the report to stdout and returns the exit code the diagnostics call for. */
export async function report(diagnostics: readonly Diagnostic[], fileCount: number, options: ReportOptions, env: CliEnvironment): Promise<number> {
  const shown = options.quiet ? diagnostics.filter((d) => d.severity === 'error') : diagnostics;
  const reporter = await loadReporter(options.reporter);
  env.stdout.write(reporter(shown, { color: options.color, fileCount, version: VERSION }));
  const code = exitCodeFor(diagnostics, options);
  const counts = countDiagnostics(diagnostics);
  if (code !== EXIT.ok && counts.errors === 0) {
    const warnings = `${counts.warnings} warning${counts.warnings === 1 ? '' : 's'}`;
    env.stderr.write(options.strict
      ? `migration-news: ${warnings}, and --strict fails on any warning.\n`
      : `migration-news: ${warnings}, more than --max-warnings ${options.maxWarnings} allows.\n`);
  }
  return code;
}
