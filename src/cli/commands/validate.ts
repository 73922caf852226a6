import { dirname, resolve } from 'node:path';
import { printable } from '../../core/text.js';
import { checkBytes, checkProject } from '../../app/check.js';
import { decodeRelease } from '../../io/read.js';
import { systemErrorText } from '../../io/system-errors.js';
import { buildChecks } from '../../app/build-checks.js';
import { threadedChecker } from '../../app/check-threads.js';
import { defaultJobs } from '../../app/pool.js';
import { pageIdsFor, setProblems } from '../../app/labels-check.js';
import { configFor, maxFileSize, openProject, scanNote, templateSearch } from '../../app/project.js';
import { compareDiagnostics, type Diagnostic } from '../../core/diagnostic.js';
import { withoutFixOffers } from '../../core/fix-offer.js';
import { UsageError, type CliEnvironment, type ExitCode, type ReportOptions } from '../environment.js';
import { noReleaseFiles, report } from '../report.js';

export interface ValidateOptions {
  paths: readonly string[];
  /** `--ignore` globs. */
  ignore?: readonly string[];
  stdinFilename?: string;
  config?: string;
  /** Rewrite the files to remove invisible characters that are safe to remove, before checking. */
  fix?: boolean;
  /** The template set a build will use (`--template`), to check it has labels for each release's language; default: the build's default. */
  template?: string;
  /** Threads to check with, at most (default: one per core); an archive too small to repay a thread's start-up is checked on the calling thread. */
  jobs?: number;
  /** Whether threads started to check wait for the next check (`validate --watch`). */
  keepThreads?: boolean;
  now: number;
  /** Told the paths of the files `fix` rewrote (`validate --fix --watch`, whose watch is not to take its own writes for changes). */
  onFixed?: (paths: readonly string[]) => void;
  /** Whether `now` was given (`--now`): `validate --watch` checks again at that moment, not at the time of each change. */
  clockFixed?: boolean;
  report: ReportOptions;
}

/** What diagnostics call standard input when `--stdin-filename` gives it no name. */
const STANDARD_INPUT = '<stdin>';

/** Reads one release from standard input, for editors and pre-commit hooks. */
async function validateStdin(options: ValidateOptions, env: CliEnvironment): Promise<Diagnostic[]> {
  const display = options.stdinFilename ?? STANDARD_INPUT;
  const folder = options.stdinFilename ? dirname(resolve(env.cwd, options.stdinFilename)) : env.cwd;
  const project = await configFor(folder, { cwd: env.cwd, ...(options.config ? { configPath: options.config } : {}) });
  // One release alone: the checks across files (duplicates, translations) have nothing to compare it with.
  const bytes = await env.readStdin(maxFileSize(project.config)).catch((cause: unknown) => {
    // Standard input that cannot be read (a folder redirected into it, a device that fails) is the command line's to put right.
    const code = (cause as NodeJS.ErrnoException | undefined)?.code;
    if (typeof code !== 'string') throw cause;
    throw new UsageError(`cannot read standard input (${systemErrorText(cause)}).`, code === 'EISDIR' ? 'Give a folder as a path (`validate releases`); `-` reads one release piped or redirected from a file (`validate - < release.md`).' : undefined);
  });
  const pageIds = await pageIdsFor(options.template, templateSearch(project, env.cwd));
  const result = checkBytes(bytes, display, { config: project.config, now: options.now, ...(pageIds ? { pageIds } : {}) });
  const text = result.release ? decodedText(bytes, display, maxFileSize(project.config)) : '';
  if (options.stdinFilename === undefined) {
    const labels = result.release ? await setProblems([{ release: result.release, text }], options.template, templateSearch(project, env.cwd), project.config, project.configPath) : [];
    return [...project.diagnostics, ...result.diagnostics, ...labels].sort(compareDiagnostics);
  }
  // Named, the buffer stands for that file: its local images are looked for from its folder, as they are for the file on disk,
  // so that an image missing there fails here too (the hook of a commit that forgot it), not only in CI.
  const path = resolve(env.cwd, options.stdinFilename);
  const checked = result.release ? [{ release: result.release, path, text }] : [];
  const failing = !result.release && result.localImages ? [{ file: display, path, localImages: result.localImages }] : [];
  const more = await buildChecks(checked, { config: project.config, configPath: project.configPath, configDiagnostics: project.diagnostics, roots: [folder], cwd: env.cwd, template: options.template }, failing);
  return [...project.diagnostics, ...result.diagnostics, ...more].sort(compareDiagnostics);
}

/** Standard input's text as `checkBytes` read it (it passed, so it decodes). */
function decodedText(bytes: Uint8Array, display: string, maxSize: number): string {
  const decoded = decodeRelease(bytes, display, maxSize);
  return decoded.ok ? decoded.text : '';
}

export async function runValidate(options: ValidateOptions, env: CliEnvironment): Promise<ExitCode> {
  if (options.paths.includes('-')) {
    if (options.paths.length > 1) throw new UsageError('"-" (standard input) cannot be combined with other paths.');
    if (options.fix) throw new UsageError('--fix rewrites files, so it cannot be used with standard input.');
    // --fix rewrites files, and standard input is none (even one named by --stdin-filename: the editor's buffer, not the file on disk): hints say what to change by hand.
    return report(withoutFixOffers(await validateStdin(options, env)), 1, options.report, env, options.stdinFilename === undefined ? { standardInput: STANDARD_INPUT } : {});
  }
  const project = await openProject({ cwd: env.cwd, paths: options.paths, ...(options.ignore ? { ignore: options.ignore } : {}), ...(options.config ? { configPath: options.config } : {}) });
  const note = scanNote(project.scan);
  if (note) env.stderr.write(`migration-news: ${note}\n`);
  if (project.files.length === 0) throw noReleaseFiles(options.paths);
  if (options.fix) {
    const { fixFiles } = await import('../../io/fix.js');
    const fixed = await fixFiles(project.files.filter((f) => !f.refused), maxFileSize(project.config));
    if (fixed.files.length > 0) {
      env.stderr.write(`Removed or replaced ${fixed.characters} invisible character${fixed.characters === 1 ? '' : 's'} in ${fixed.files.length} file${fixed.files.length === 1 ? '' : 's'}: ${fixed.files.map((f) => printable(f)).join(', ')}.\n`);
    }
    if (fixed.paths.length > 0) options.onFixed?.(fixed.paths);
    for (const { file, reason } of fixed.left) env.stderr.write(`migration-news: ${printable(file)} was left as it was: ${reason}.\n`);
  }
  const pageIds = await pageIdsFor(options.template, templateSearch(project, env.cwd));
  const checked = await checkProject(project, options.now, threadedChecker({ config: project.config, now: options.now, ...(pageIds ? { pageIds } : {}) }, { jobs: options.jobs ?? defaultJobs(), ...(options.keepThreads ? { keepThreads: true } : {}), ...(env.beforeThreads ? { started: () => env.beforeThreads?.() } : {}) }));
  const diagnostics = [...checked.diagnostics];
  // Local images, and the template set's labels, are looked at as a build would, so that what build refuses fails here.
  const files = checked.releases.map((r) => ({ release: r.release, path: r.source.path }));
  for (const d of await buildChecks(files, { config: project.config, configPath: project.configPath, configDiagnostics: project.diagnostics, roots: project.roots, cwd: env.cwd, template: options.template }, checked.failedImages)) diagnostics.push(d);
  diagnostics.sort(compareDiagnostics);
  return report(diagnostics, checked.fileCount, options.report, env);
}
