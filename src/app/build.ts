import { lstat, realpath } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { translationsById, type IndexEntry } from '../core/collection.js';
import { compareDiagnostics, type Diagnostic } from '../core/diagnostic.js';
import type { BuildFormat } from '../core/formats.js';
import { buildView, pagePath, type OutputFormat } from '../core/model.js';
import { publicationOf, publicEntries, type NotPublicReason, type PublicationMode } from '../core/publication.js';
import { displayPath } from '../io/find.js';
import { OutputError, OutputStage, outputFolderConflict, realFolder, unsafeOutputPath } from '../io/output.js';
import { loadTemplateSet, type LoadedSet } from '../io/template-sets.js';
import type { TemplateSet } from '../core/templates.js';
import { checkProject, type CheckedRelease } from './check.js';
import { UsageError } from './errors.js';
import { BuildCache, fingerprint, readCache, writeCache } from './incremental.js';
import { BuildThreads, type RenderItem } from './parallel.js';
import { defaultJobs } from './pool.js';
import { openProject, templateSearch, type Project, type ProjectOptions, type ScanCounts } from './project.js';
import { EmailRendering } from './email.js';
import { ReleaseRendering, type RenderSettings } from './render.js';
import { SiteStep } from './site.js';
import { VERSION } from '../version.js';

/**
 * `build`: check → decide publication → render → write, each step a module
 * of its own. Outputs are staged beside the output folder and moved into
 * place only when nothing failed (or with `keepGoing`).
 */

export interface BuildOptions extends ProjectOptions {
  out: string;
  formats: readonly BuildFormat[];
  /** A template set name or folder. */
  template: string;
  /** The set whose HTML and text make the `eml` messages; default `email`. */
  emailTemplate?: string;
  /** Which releases are written; see `PublicationMode`. Default `public`. */
  mode?: PublicationMode;
  keepGoing: boolean;
  /** The clock for publication decisions, ms since the epoch. */
  now: number;
  /** Told how far the build is, for a progress line on a terminal. */
  progress?: BuildProgress;
  /** Threads to check and render with, at most (default: one per core). Small inputs use the calling thread alone. */
  jobs?: number;
  /** Releases below which another thread is not worth its start-up; for tests. */
  minReleasesPerThread?: number;
  /** Check and render everything, trusting nothing an earlier build recorded. */
  force?: boolean;
  /**
   * A folder for the record that lets the next build into the same output
   * folder redo only what changed (see incremental.ts). Without it, every
   * build checks and renders everything.
   */
  cacheDir?: string;
}

/** What a build says about its progress: each phase with its total, then one tick per item done. */
export interface BuildProgress {
  phase(verb: string, noun: string, total: number): void;
  tick(): void;
}

export interface SkippedRelease {
  file: string;
  reason: NotPublicReason;
}

export interface BuildResult {
  diagnostics: Diagnostic[];
  fileCount: number;
  /** Releases rendered without a problem. */
  built: number;
  /** Valid releases that this build does not write, and why. */
  skipped: SkippedRelease[];
  /** Input files with errors, and releases that could not be rendered. */
  failed: number;
  /** Files moved into the output folder (0 when nothing was committed). */
  written: number;
  /** True when outputs were moved into the output folder. */
  committed: boolean;
  /** The output folder (its real path). */
  out: string;
  /** Whether the output folder existed before the build. */
  outExisted: boolean;
  /** Why part of the site was not built (feeds and sitemaps without `site.url`), for info lines. */
  notes: string[];
  /** Build threads used besides the calling one (0: the calling thread did everything). */
  threads: number;
  /** Releases rendered by this build. */
  rendered: number;
  /** Releases whose pages an earlier build wrote and that are still what this build would write. */
  upToDate: number;
  /** Files whose check an earlier build recorded, unchanged since. */
  reused: number;
  /** What the search for inputs left out. */
  scan?: ScanCounts;
}

/**
 * The template set for a build. A set that cannot be found is a usage error;
 * a set that is broken is reported like any other problem, at its place.
 */
async function templateSetFor(options: Omit<BuildOptions, 'formats'> & { formats: readonly OutputFormat[] }, search: Parameters<typeof loadTemplateSet>[1]): Promise<LoadedSet> {
  const loaded = await loadTemplateSet(options.template, search);
  if (!loaded.ok) {
    if (loaded.notFound) throw new UsageError(loaded.diagnostics.map((d) => d.message).join(' '), loaded.diagnostics[0]?.hint);
    return loaded;
  }
  const missing = options.formats.filter((f) => !loaded.set.formats.includes(f) && f !== 'json' && f !== 'ninjs');
  if (missing.length > 0) throw new UsageError(`The template set "${loaded.set.name}" does not provide ${missing.join(', ')}.`, `It provides ${loaded.set.formats.join(', ')}.`);
  return loaded;
}

export async function buildProject(options: BuildOptions): Promise<BuildResult> {
  const mode = options.mode ?? 'public';
  const out = await realFolder(resolve(options.cwd, options.out));
  const outExisted = (await lstat(out).catch(() => undefined)) !== undefined;
  const project = await openProject({ ...options, exclude: [...(options.exclude ?? []), out] });
  // A refused file (a name that is not UTF-8, a device) may have no real path; it is never read or written.
  const realFiles = await Promise.all(project.files.map((f) => (f.refused ? f.path : realpath(f.path).catch(() => f.path))));
  const conflict = outputFolderConflict(out, project.roots, realFiles);
  if (conflict) throw new UsageError(`Refusing to build: ${conflict}.`, 'Choose an output folder outside the folders that hold releases, such as --out dist.');
  // `eml` is not a template of the set: it is composed from the HTML and text of the e-mail set.
  const formats = options.formats.filter((f): f is OutputFormat => f !== 'eml');
  const loaded = await templateSetFor({ ...options, formats }, templateSearch(project, options.cwd));
  if (!loaded.ok) {
    const diagnostics = [...project.diagnostics, ...loaded.diagnostics].sort(compareDiagnostics);
    return { diagnostics, fileCount: project.files.length, built: 0, skipped: [], failed: 0, written: 0, committed: false, out, outExisted, notes: [], scan: project.scan, threads: 0, rendered: 0, upToDate: 0, reused: 0 };
  }
  const set = loaded.set;

  const settings = { set, config: project.config, now: options.now, formats };
  // E-mail messages are composed on the calling thread, which then renders everything itself.
  const threads = BuildThreads.start(options.formats.includes('eml') ? 0 : project.files.length, options.jobs ?? defaultJobs(), { render: settings, now: options.now }, options.minReleasesPerThread);
  try {
    return await checkAndRender(options, { project, set, out, outExisted, settings, threads, mode });
  } finally {
    await threads.close();
  }
}

interface BuildContext {
  project: Project;
  set: TemplateSet;
  out: string;
  outExisted: boolean;
  settings: RenderSettings;
  threads: BuildThreads;
  mode: PublicationMode;
}

async function checkAndRender(options: BuildOptions, { project, set, out, outExisted, settings, threads, mode }: BuildContext): Promise<BuildResult> {
  const timeZone = project.config.timezone;
  const formats = settings.formats;
  const cache = new BuildCache(out, fingerprint({ tool: VERSION, config: project.config, set, formats: options.formats, mode }), options.now, timeZone, options.force || !options.cacheDir ? undefined : readCache(options.cacheDir, out));
  options.progress?.phase('Checking', 'files', project.files.length);
  const checked = await checkProject(project, options.now, (files, onResult) => threads.check(
    files.map((file) => cache.checkItem(file)), project.config, options.now,
    (result, i) => {
      onResult(cache.checked(files[i]!, result), i);
      options.progress?.tick();
    },
  ));
  const diagnostics = [...checked.diagnostics];
  const buildable = checked.releases.filter(({ entry }) => !checked.failedFiles.has(entry.file));

  // The one decision about what this build may show: only these releases are written, and only these are linked to.
  const skipped: SkippedRelease[] = [];
  const included = new Set<IndexEntry>(publicEntries(buildable.map((r) => r.entry), options.now, timeZone, mode));
  for (const { entry } of buildable) {
    const publication = publicationOf(entry, options.now, timeZone);
    if (!included.has(entry) && !publication.public) skipped.push({ file: entry.file, reason: publication.reason });
  }
  const toBuild = buildable.filter((r) => included.has(r.entry));
  const translations = translationsById([...included]);

  const rendering = new ReleaseRendering(settings);
  const site = new SiteStep({ config: project.config, set, formats, now: options.now }, toBuild.map((r) => r.release));
  let email: EmailRendering | undefined;
  if (options.formats.includes('eml')) {
    const setup = await EmailRendering.open(options.emailTemplate ?? 'email', templateSearch(project, options.cwd), project.config.email);
    if (!setup.ok) throw new UsageError(setup.message, setup.hint);
    email = setup.rendering;
  }
  let stage: OutputStage;
  try {
    stage = await OutputStage.create(out);
  } catch (cause) {
    if (cause instanceof OutputError) throw new UsageError(`Cannot build: ${cause.message}.`, 'Choose an output folder that is, or can be, a folder of its own, such as --out dist.');
    throw cause;
  }
  const inputs = new Set(project.files.map((f) => f.display));
  const result: BuildResult = {
    diagnostics, fileCount: project.files.length, built: 0, skipped, written: 0, committed: false, out, outExisted, notes: [], scan: project.scan,
    failed: [...checked.failedFiles].filter((f) => inputs.has(f)).length,
    threads: threads.count, rendered: 0, upToDate: 0, reused: cache.reused,
  };
  try {
    options.progress?.phase('Building', 'releases', toBuild.length);
    // Releases whose pages are up to date count as built; only the others are rendered.
    const work: RenderItem[] = [];
    for (const item of toBuild) {
      const links = translations.get(item.release.id) ?? [];
      // The site (written by every build) needs the body's HTML of the releases its feeds carry in full.
      const bodyHtml = site.needsBody(item.release);
      const kept = cache.upToDate(item, links, options.formats, bodyHtml);
      if (kept) {
        site.recordHtml(item.release, kept.bodyHtml);
        result.built++;
        result.upToDate++;
        options.progress?.tick();
        continue;
      }
      const targets = reserve(item);
      if (targets) work.push({ item, translations: links, targets, ...(bodyHtml ? { bodyHtml } : {}), ...(email ? { keepBody: true } : {}) });
      else result.failed++;
    }
    result.rendered = work.length;
    await threads.render(work, rendering, async (outcome, i) => {
      const { item, translations: links } = work[i]!;
      rendering.problems.merge(outcome.problems);
      for (const path of outcome.written) stage.written(path);
      if (outcome.writeError) throw new OutputError(outcome.writeError.path, outcome.writeError.message);
      if (outcome.diagnostic) diagnostics.push(outcome.diagnostic);
      let ok = outcome.ok;
      const written = [...outcome.written];
      if (email && outcome.body) {
        const view = buildView(item.release, outcome.body, { config: project.config, now: options.now, translations: links, version: VERSION });
        const message = await email.render(view);
        if (message.ok) {
          const path = pagePath(item.release.lang, item.release.slug, 'eml');
          await stage.write(path, message.output);
          written.push(path);
        } else {
          ok = false;
          rendering.problems.add(message.diagnostics, `${item.release.file} as eml`);
        }
      }
      if (ok) {
        result.built++;
        site.recordHtml(item.release, outcome.bodyHtml);
        cache.rendered(item, links, written, outcome.bodyHtml);
      } else result.failed++;
      options.progress?.tick();
    });
    diagnostics.push(...rendering.problems.list());
    const siteFiles = site.files();
    diagnostics.push(...siteFiles.diagnostics);
    result.notes.push(...siteFiles.notes);
    for (const file of siteFiles.files) await stage.write(file.path, file.content);
    result.written = stage.count;
    const hasErrors = diagnostics.some((d) => d.severity === 'error');
    if (!hasErrors || options.keepGoing) {
      await stage.commit();
      result.committed = true;
      if (options.cacheDir) writeCache(options.cacheDir, out, cache.state());
    } else {
      await stage.abort();
      result.written = 0;
    }
  } catch (cause) {
    // No thread may still be writing into the staging folder while it is removed.
    await threads.close();
    await stage.abort();
    result.written = 0;
    if (!(cause instanceof OutputError)) throw cause;
    diagnostics.push({ file: displayPath(join(out, cause.path), options.cwd), line: 1, column: 1, severity: 'error', ruleId: 'output/write', message: `The output was not written: ${cause.message}.` });
  }
  diagnostics.sort(compareDiagnostics);
  return result;

  /** Claims the staging paths of a release's outputs, in build order; undefined when one of them may not be written. */
  function reserve(item: CheckedRelease): Record<string, string> | undefined {
    const paths = formats.map((format) => pagePath(item.release.lang, item.release.slug, format));
    for (const path of [...paths, ...(options.formats.includes('eml') ? [pagePath(item.release.lang, item.release.slug, 'eml')] : [])]) {
      const problem = unsafeOutputPath(path);
      if (problem) {
        diagnostics.push({ ...item.release.slugAt, severity: 'error', ruleId: 'output/collision', message: `The output path ${JSON.stringify(path)} is not safe: ${problem}.` });
        return undefined;
      }
    }
    return Object.fromEntries(paths.map((path) => [path, stage.reserve(path)]));
  }
}
