import { rmSync } from 'node:fs';
import { lstat, mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative, resolve, sep } from 'node:path';
import type { Diagnostic } from '../../core/diagnostic.js';
import type { BuildFormat } from '../../core/formats.js';
import { PreviewServer, type SiteSnapshot } from '../../io/preview-server.js';
import { loadTemplateSet } from '../../io/template-sets.js';
import { configFileCandidates } from '../../io/config.js';
import { watchProject } from '../../io/watch.js';
import { buildProject, type UnlistedRelease } from '../../app/build.js';
import { readManifest, type ManifestEntry } from '../../io/output.js';
import { REASON_TEXT } from '../../core/publication.js';
import { printable } from '../../core/text.js';
import { systemErrorText } from '../../io/system-errors.js';
import { openProject, templateSearch } from '../../app/project.js';
import { UsageError, EXIT, type CliEnvironment, type ReportOptions } from '../environment.js';
import { besideReport, noReleaseFiles, report } from '../report.js';
import { changeLine, untilAborted, watchErrorReporter } from '../watching.js';
import { FRESH } from '../../core/objects.js';

export interface ServeOptions {
  paths: readonly string[];
  template: string;
  emailTemplate: string;
  formats: readonly BuildFormat[];
  config?: string;
  /** Listen on this address or name; default 127.0.0.1. Bound to a loopback address, the preview answers only loopback host names and this one. */
  host?: string;
  /** 0: any free port. */
  port: number;
  /** A fixed clock for embargo decisions; default: the time of each rebuild. */
  now?: number;
  report: ReportOptions;
}

/** Every file of a built folder, by its `/`-separated path inside it. */
async function readSite(folder: string): Promise<Map<string, Buffer>> {
  const files = new Map<string, Buffer>();
  const entries = await readdir(folder, { recursive: true, withFileTypes: true }).catch(() => []);
  for (const entry of entries) {
    if (!entry.isFile()) continue;
    const path = relative(folder, join(entry.parentPath, entry.name)).split(sep).join('/');
    if (path.split('/').some((segment) => segment.startsWith('.'))) continue;
    files.set(path, await readFile(join(folder, path)));
  }
  return files;
}

/** The folders and files a preview depends on: the releases' folders, the config file and the template sets. */
export async function watchTargets(options: Pick<ServeOptions, 'paths' | 'config' | 'template'>, env: Pick<CliEnvironment, 'cwd'>): Promise<string[]> {
  const project = await openProject({ cwd: env.cwd, paths: options.paths, ...(options.config ? { configPath: options.config } : {}) });
  const search = templateSearch(project, env.cwd);
  const loaded = await loadTemplateSet(options.template, search);
  return [
    ...project.roots,
    ...(project.configPath ? [project.configPath] : []),
    // A config file written while the preview runs (a first one, or one nearer the releases) is read by the next rebuild.
    ...(options.config ? [] : await configFileCandidates(project.roots, project.configPath, env.cwd)),
    ...(loaded.ok ? loaded.chain.map((c) => c.folder) : []),
    // The project's own templates folder, where a set that shadows one in use may appear; not the config's `templates` folder, which may be anywhere (even `/`): its sets in use are in the chain.
    ...(search.projectFolder ? [search.projectFolder] : []),
  ];
}

/** Why listening can fail because of the address or port asked for: usage errors, not failures of the tool. */
const CANNOT_LISTEN = new Set(['EADDRNOTAVAIL', 'ENOTFOUND', 'EACCES', 'EINVAL', 'EAFNOSUPPORT', 'EAI_AGAIN', 'EAI_FAIL', 'EAI_NONAME']);

/** How many addresses of releases no page links to a line of the preview names at most. */
const UNLISTED_SHOWN = 10;

/**
 * The addresses of releases the preview has but none of its pages links to
 * (drafts, releases in review, embargoed ones: listings show only what is
 * public at `--now`), so that their author can open them: those of the
 * first build, then each page no earlier line named; empty when there are none.
 */
export function unlistedLines(releases: readonly UnlistedRelease[], url: string, first: boolean): string {
  const pages = releases.filter((r): r is UnlistedRelease & { page: string } => r.page !== undefined);
  if (pages.length === 0) return '';
  const count = `${pages.length} release${pages.length === 1 ? '' : 's'}`;
  const lines = [first ? `Not linked from the preview's pages (not public at the time of the build): ${count}.` : `New in the preview, not linked from its pages: ${count}.`];
  for (const r of pages.slice(0, UNLISTED_SHOWN)) lines.push(`  ${new URL(r.page, url).href}  (${printable(r.file)}: ${REASON_TEXT[r.reason]})`);
  if (pages.length > UNLISTED_SHOWN) lines.push(`  … and ${pages.length - UNLISTED_SHOWN} more.`);
  return `${lines.join('\n')}\n`;
}

/** What a failure of the running preview server (which goes on serving) says: one line, no stack, the same kind said once. */
function serverFailureLine(error: NodeJS.ErrnoException): string {
  const what = systemErrorText(error, printable(error.message));
  const where = error.syscall ? `, in ${error.syscall}` : '';
  return `migration-news: The preview server failed (${what}${where}); it goes on serving, and reports no more failures of this kind.\n`;
}

function usageDiagnostic(cause: UsageError): Diagnostic {
  return { file: '', line: 1, column: 1, severity: 'error', ruleId: 'output/write', message: cause.message, ...(cause.hint ? { hint: cause.hint } : {}) };
}

/**
 * Builds the releases with drafts into a temporary folder, serves it, and
 * rebuilds on every change until `signal` is aborted (Ctrl-C). A build with
 * errors replaces only the pages it could build: the others stay as they
 * were, under an overlay that lists the problems.
 */
export async function runServe(options: ServeOptions, env: CliEnvironment, signal?: AbortSignal): Promise<number> {
  const temporary = await mkdtemp(join(tmpdir(), 'migration-news-serve-'));
  const out = join(temporary, 'site');
  // A second Ctrl-C ends the process at once, without the clean-up below: the drafts built into the temporary folder go all the same.
  const removeOnExit = (): void => {
    try {
      rmSync(temporary, { recursive: true, force: true, maxRetries: 3 });
    } catch {
      // The process is ending: what cannot be removed now is left to the system's temporary folder.
    }
  };
  process.once('exit', removeOnExit);
  // What the preview says between its reports: on standard error beside a report for a program (`--reporter json`).
  const say = besideReport(options.report.reporter, env);
  // Whether other host names than this computer's own are answered is the server's to decide, by the address it is bound to (the guard against DNS rebinding).
  const server = new PreviewServer({ host: options.host ?? '127.0.0.1', port: options.port, onError: (error) => env.stderr.write(serverFailureLine(error)) });
  let watcher: Awaited<ReturnType<typeof watchProject>> | undefined;
  try {
    let site: SiteSnapshot = { files: new Map(), diagnostics: [], stale: false };
    /** What each file served is, as the build that wrote it listed it: whose release, from which file. */
    let served = new Map<string, ManifestEntry>();
    /** The preview's address, once it listens; the unlisted releases of the last build; the pages of those already named. */
    let url: string | undefined;
    let unlisted: UnlistedRelease[] = [];
    const named = new Set<string>();
    /** The unlisted releases not named yet, which are named now. */
    const toName = () => {
      const fresh = unlisted.filter((r) => r.page !== undefined && !named.has(r.page));
      for (const r of fresh) named.add(r.page!);
      return fresh;
    };
    const rebuild = async (first: boolean): Promise<void> => {
      const started = performance.now();
      let diagnostics: Diagnostic[];
      let fileCount = 0;
      let built = 0;
      let rendered = 0;
      let upToDate = 0;
      let failedReleases = 0;
      /** Whether the build changed the preview's folder: a config file with errors stops it before it writes anything. */
      let committed = true;
      let configErrors = false;
      try {
        const summary = await buildProject({
          cwd: env.cwd, paths: options.paths, out, formats: options.formats, template: options.template, emailTemplate: options.emailTemplate,
          mode: 'drafts', keepGoing: true, now: options.now ?? Date.now(),
          // The preview's own folder follows the releases, to none: every release deleted shows an empty site.
          allowEmpty: true,
          // A record beside the preview, so that a save renders only what it changed (and what depends on it).
          cacheDir: join(temporary, 'cache'),
          ...(options.config ? { configPath: options.config } : {}),
          ...(env.beforeThreads ? { beforeThreads: () => env.beforeThreads?.() } : {}),
          // The next save builds again, on the same threads.
          keepThreads: true,
        });
        diagnostics = summary.diagnostics;
        fileCount = summary.fileCount;
        built = summary.built;
        rendered = summary.rendered;
        upToDate = summary.upToDate;
        failedReleases = summary.failed;
        committed = summary.committed;
        configErrors = summary.configErrors === true;
        unlisted = summary.unlisted;
        if (first && fileCount === 0) throw noReleaseFiles(options.paths);
      } catch (cause) {
        if (first || !(cause instanceof UsageError)) throw cause;
        diagnostics = [usageDiagnostic(cause)];
      }
      const files = await readSite(out);
      const failed = diagnostics.some((d) => d.severity === 'error');
      // A broken save keeps the pages of the last build that worked, for the releases that failed; the site's own pages (home,
      // listings, feeds, sitemaps) are the new ones, without those releases, but where nothing was built (a template broken for
      // every release), which would empty them. A clean build is the whole truth, deletions included.
      const listed = new Map(Object.entries((await readManifest(out))?.files ?? {}));
      if (failed) {
        // Kept: the pages of a release this build left out (it failed) whose file is still there, not those of one deleted, or
        // whose pages are elsewhere now; and, where nothing was built, the site's own pages.
        const releasesNow = new Set([...listed.values()].map((entry) => entry.release));
        const kept = new Map<string, Buffer>();
        const keptServed = new Map<string, ManifestEntry>();
        for (const [path, bytes] of site.files) {
          const entry = served.get(path);
          if (entry === undefined) continue;
          const keep = entry.kind === 'site' ? built === 0 : !releasesNow.has(entry.release) && (await lstat(resolve(env.cwd, entry.source)).then(() => true, () => false));
          if (!keep) continue;
          kept.set(path, bytes);
          keptServed.set(path, entry);
        }
        for (const [path, bytes] of files) {
          if (built === 0 && listed.get(path)?.kind === 'site' && kept.has(path)) continue;
          kept.set(path, bytes);
          const entry = listed.get(path);
          if (entry) keptServed.set(path, entry);
        }
        served = keptServed;
        site = { files: kept, diagnostics, stale: true };
      } else {
        served = listed;
        site = { files, diagnostics, stale: false };
      }
      server.publish(site);
      if (fileCount > 0 || diagnostics.length > 0) await report(diagnostics, fileCount, { ...FRESH, ...options.report, strict: false }, env);
      const ms = Math.round(performance.now() - started);
      const counts = first ? '' : ` (${rendered} rendered, ${upToDate} up to date${failedReleases > 0 ? `, ${failedReleases} failed` : ''})`;
      // The first build has no good version to keep: a release that fails has no page until it is fixed.
      const kept = !failed ? '' : first ? '; a release that failed has no page until it is fixed' : '; pages that failed keep their last good version';
      // A build that wrote nothing rebuilt nothing, whatever it rendered before it stopped.
      const line = committed
        ? `${first ? 'Built' : 'Rebuilt'} ${built} release${built === 1 ? '' : 's'} in ${ms} ms${counts}${kept}.`
        : `${first ? 'Built' : 'Rebuilt'} nothing${configErrors ? ', since the config file has errors' : ''}${first ? '' : '; the preview keeps the pages of the last build that worked'}.`;
      say.write(`${line}\n`);
      if (url) say.write(unlistedLines(toName(), url, false));
    };

    await rebuild(true);
    // Ctrl-C during the first build (seconds, for a large newsroom) waits for it to end, and then stops there: nothing is served or watched.
    if (signal?.aborted) {
      say.write('Stopped.\n');
      return EXIT.ok;
    }
    try {
      url = await server.listen();
    } catch (cause) {
      const code = (cause as NodeJS.ErrnoException).code;
      if (code === 'EADDRINUSE') throw new UsageError(`Port ${options.port} is in use.`, 'Choose another with --port, or leave it out to take a free one.');
      // An address not of this computer, a name that resolves to none, a port below 1024, an address of a family the system lacks, a link-local IPv6 address without its interface (EINVAL).
      if (code !== undefined && CANNOT_LISTEN.has(code)) {
        throw new UsageError(`Cannot listen on ${options.host ?? '127.0.0.1'}:${options.port} (${code}).`, 'Give --host an address of this computer (127.0.0.1, ::1, 0.0.0.0; a link-local IPv6 one with its interface, fe80::1%eth0) or a name that resolves to one, and --port one from 1024 up; or leave them out.');
      }
      throw cause;
    }
    say.write(`Serving a preview (drafts included) at ${url}\n`);
    say.write(unlistedLines(toName(), url, true));

    watcher = watchProject({ paths: await watchTargets(options, env) }, async (changed) => {
      say.write(`\n${changeLine(changed, env.cwd)}\n`);
      await rebuild(false);
      watcher?.add(await watchTargets(options, env).catch(() => []));
    }, { onError: watchErrorReporter(env) });
    await watcher.ready;
    say.write('Watching for changes; press Ctrl-C to stop.\n');
    await untilAborted(signal);
    say.write('Stopped.\n');
    return EXIT.ok;
  } finally {
    await watcher?.close();
    await server.close();
    await rm(temporary, { recursive: true, force: true });
    process.off('exit', removeOnExit);
  }
}
