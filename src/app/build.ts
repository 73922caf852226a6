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
import { checkProject, loadBody, type CheckedRelease } from './check.js';
import { mapLimited, READ_CONCURRENCY } from './concurrency.js';
import { UsageError } from './errors.js';
import { openProject, templateSearch, type ProjectOptions } from './project.js';
import { EmailRendering } from './email.js';
import { ReleaseRendering } from './render.js';
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
    return { diagnostics, fileCount: project.files.length, built: 0, skipped: [], failed: 0, written: 0, committed: false, out, outExisted, notes: [] };
  }
  const set = loaded.set;

  options.progress?.phase('Checking', 'files', project.files.length);
  const checked = await checkProject(project, options.now, options.progress && (() => options.progress?.tick()));
  const diagnostics = [...checked.diagnostics];
  const timeZone = project.config.timezone;
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

  const rendering = new ReleaseRendering({ set, config: project.config, now: options.now, formats });
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
    diagnostics, fileCount: project.files.length, built: 0, skipped, written: 0, committed: false, out, outExisted, notes: [],
    failed: [...checked.failedFiles].filter((f) => inputs.has(f)).length,
  };
  try {
    options.progress?.phase('Building', 'releases', toBuild.length);
    const outcomes = await mapLimited(toBuild, READ_CONCURRENCY, async (item) => {
      const outcome = await renderOne(item);
      options.progress?.tick();
      return outcome;
    });
    for (const outcome of outcomes) {
      if (outcome.diagnostic) diagnostics.push(outcome.diagnostic);
      if (outcome.ok) result.built++;
      else result.failed++;
    }
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
    } else {
      await stage.abort();
      result.written = 0;
    }
  } catch (cause) {
    await stage.abort();
    result.written = 0;
    if (!(cause instanceof OutputError)) throw cause;
    diagnostics.push({ file: displayPath(join(out, cause.path), options.cwd), line: 1, column: 1, severity: 'error', ruleId: 'output/write', message: `The output was not written: ${cause.message}.` });
  }
  diagnostics.sort(compareDiagnostics);
  return result;

  async function renderOne(item: CheckedRelease): Promise<{ ok: boolean; diagnostic?: Diagnostic }> {
    const loaded = await loadBody(item, project.config);
    if (!loaded.ok) return { ok: false, diagnostic: loaded.diagnostic };
    const releaseTranslations = translations.get(item.release.id) ?? [];
    const rendered = rendering.render(item.release, loaded.body, releaseTranslations);
    const outputs: { path: string; content: string }[] = [...rendered.outputs];
    let ok = rendered.ok;
    if (email) {
      const view = buildView(item.release, loaded.body, { config: project.config, now: options.now, translations: releaseTranslations, version: VERSION });
      const message = await email.render(view);
      if (message.ok) outputs.push({ path: pagePath(item.release.lang, item.release.slug, 'eml'), content: message.output });
      else {
        ok = false;
        rendering.problems.add(message.diagnostics, `${item.release.file} as eml`);
      }
    }
    for (const output of outputs) {
      const problem = unsafeOutputPath(output.path);
      if (problem) {
        return { ok: false, diagnostic: { ...item.release.slugAt, severity: 'error', ruleId: 'output/collision', message: `The output path ${JSON.stringify(output.path)} is not safe: ${problem}.` } };
      }
    }
    for (const output of outputs) await stage.write(output.path, output.content);
    if (ok) site.record(item.release, loaded.body);
    return { ok };
  }
}
