import { join } from 'node:path';
import { buildProject, type BuildResult } from '../../app/build.js';
import type { BuildFormat } from '../../core/formats.js';
import { plural } from '../../core/plural.js';
import { REASON_TEXT, type PublicationMode } from '../../core/publication.js';
import { RULES } from '../../core/rules.js';
import { displayPath } from '../../io/find.js';
import { printable } from '../../core/text.js';
import type { BuildSection } from '../../reporters/types.js';
import { type CliEnvironment, type ExitCode, type ReportOptions } from '../environment.js';
import { createProgress } from '../progress.js';
import { scanNote } from '../../app/project.js';
import { besideReport, noReleaseFiles, report } from '../report.js';

export interface BuildCommandOptions {
  paths: readonly string[];
  /** `--ignore` globs. */
  ignore?: readonly string[];
  out: string;
  formats: readonly BuildFormat[];
  template: string;
  emailTemplate: string;
  mode: PublicationMode;
  keepGoing: boolean;
  verbose: boolean;
  /** Say how long each phase took: after the summary, and in the JSON report's `build.timings`. */
  timings?: boolean;
  /** Threads, at most; see `BuildOptions.jobs`. */
  jobs?: number;
  /** Rebuild everything, and let a preview write into a normal build's folder. */
  force?: boolean;
  config?: string;
  now: number;
  report: ReportOptions;
}

/** Where builds keep the record that makes the next build incremental: the user's cache folder, when there is one. */
function cacheFolder(vars: Record<string, string | undefined>): { cacheDir?: string } {
  const base = vars.XDG_CACHE_HOME || (vars.HOME ? join(vars.HOME, '.cache') : vars.LOCALAPPDATA);
  return base ? { cacheDir: join(base, 'migration-news') } : {};
}

export async function runBuild(options: BuildCommandOptions, env: CliEnvironment): Promise<ExitCode> {
  const progress = createProgress({ stream: env.stderr, isTTY: env.stderrIsTTY ?? false, env: env.env });
  const result = await buildProject({
    progress,
    cwd: env.cwd,
    paths: options.paths,
    ...(options.ignore ? { ignore: options.ignore } : {}),
    out: options.out,
    formats: options.formats,
    template: options.template,
    emailTemplate: options.emailTemplate,
    mode: options.mode,
    keepGoing: options.keepGoing,
    ...(options.report.strict ? { maxWarnings: 0 } : options.report.maxWarnings !== undefined ? { maxWarnings: options.report.maxWarnings } : {}),
    now: options.now,
    ...(options.jobs !== undefined ? { jobs: options.jobs } : {}),
    ...(env.beforeThreads ? { beforeThreads: () => env.beforeThreads?.() } : {}),
    ...(options.force ? { force: true } : {}),
    ...cacheFolder(env.env),
    ...(options.config ? { configPath: options.config } : {}),
  }).finally(() => progress.done());
  const note = result.scan && scanNote(result.scan);
  if (note) env.stderr.write(`migration-news: ${note}\n`);
  if (result.fileCount === 0) throw noReleaseFiles(options.paths);
  // The JSON report names the folder as it names files, by its real name (JSON escapes what needs it); the summary is for a terminal.
  const shown = displayPath(result.out, env.cwd);
  const code = await report(result.diagnostics, result.fileCount, options.report, env, { build: buildSection(result, shown, options.timings ?? false) });
  const lines = [summaryLine(result, printable(shown), options.keepGoing)];
  // What was taken away is always named: a page that disappears should never be a surprise.
  if (result.committed) for (const r of result.removed) lines.push(`  removed ${printable(r.path)}: ${printable(r.reason)}`);
  if (options.verbose) for (const s of result.skipped) lines.push(`  skipped ${printable(s.file)}: ${REASON_TEXT[s.reason]}`);
  // Why part of the site was not built (feeds without site.url), or the record not kept, once, after the summary.
  if (result.committed) lines.push(...result.notes);
  if (options.timings) lines.push(timingsLine(result), templatesLine(result.templateTimings));
  besideReport(options.report.reporter, env).write(`${lines.join('\n')}\n`);
  return code;
}

function buildSection(result: BuildResult, out: string, timings: boolean): BuildSection {
  const failed = [...new Set(result.diagnostics.filter((d) => d.severity === 'error').map((d) => d.file))];
  return {
    out, committed: result.committed, written: result.writtenFiles, skipped: result.skipped,
    // `page` is always there, null when no page was written, as every key of the report is (README, "The JSON report").
    unlisted: result.unlisted.map((u) => ({ file: u.file, reason: u.reason, page: u.page ?? null })), removed: result.removed.map((r) => r.path), failed,
    timings: timings ? result.timings.map((t) => ({ phase: t.phase, ms: Math.round(t.ms) })) : null,
    templateTimings: timings ? result.templateTimings.map((t) => ({ template: t.template, renders: t.renders, ms: Math.round(t.ms) })) : null,
    notes: result.committed ? result.notes : [],
  };
}

const duration = (ms: number) => (Math.round(ms) < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(2)} s`);

/** `--timings`: how long each template took, all its renders on every thread together, the slowest first. */
export function templatesLine(times: BuildResult['templateTimings']): string {
  if (times.length === 0) return 'Templates: none rendered.';
  return `Templates, on all threads together: ${times.map((t) => `${t.template} ${duration(t.ms)} for ${plural(t.renders, 'render')}`).join(', ')}.`;
}

/** `--timings`: each phase's wall time, in the order they ran, and how many build threads took part. */
export function timingsLine(result: Pick<BuildResult, 'timings' | 'threads'>): string {
  const phases = result.timings.map((t) => `${t.phase} ${duration(t.ms)}`).join(', ');
  const total = result.timings.reduce((sum, t) => sum + t.ms, 0);
  const threads = result.threads > 0 ? `with ${plural(result.threads, 'build thread')}` : 'on one thread';
  return `Timings: ${phases}; ${duration(total)} in all, ${threads}.`;
}

/** One line that says what is true of the output folder, whatever happened. */
export function summaryLine(result: BuildResult, out: string, keepGoing: boolean): string {
  const notApproved = result.skipped.filter((s) => s.reason !== 'embargoed').length;
  const embargoed = result.skipped.length - notApproved;
  const counts = `skipped ${result.skipped.length} (${notApproved} not approved, ${embargoed} embargoed), failed ${result.failed}.`;
  const upToDate = result.upToDate > 0 ? ` (${plural(result.upToDate, 'release')} already up to date)` : '';
  const removed = result.removed.length > 0 ? `, removed ${plural(result.removed.length, 'file')} of an earlier build` : '';
  if (result.committed) return `Built ${plural(result.built, 'release')}, ${counts} Wrote ${plural(result.written, 'file')} to ${out}${upToDate}${removed}.`;
  if (result.partial) return `Built ${plural(result.built, 'release')}, ${counts} Writing stopped part-way: ${out} holds part of the new output and part of the old, until a build succeeds.`;
  const state = result.outExisted ? `${out} is unchanged` : `${out} was not created`;
  const why = result.configErrors ? 'because the config file has errors' : result.failed > 0 ? `because ${result.failed} failed` : result.tooManyWarnings ? 'because of the warnings above' : 'because of the errors above';
  // --keep-going is worth naming only when some release would be written by it: it passes over releases that failed,
  // never an output that cannot be written (a file the build did not write in the way), which stops it as well.
  const runFailed = result.diagnostics.some((d) => d.severity === 'error' && RULES[d.ruleId].kind === 'run');
  const advice = keepGoing || result.configErrors || result.built === 0 || result.failed === 0 || runFailed ? '' : ' (use --keep-going to write the releases that succeeded)';
  return `Would have built ${plural(result.built, 'release')}, ${counts} Nothing was written ${why}; ${state}${advice}.`;
}
