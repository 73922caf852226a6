import { realpath } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { checkCollection, translationsById, type IndexEntry } from './core/collection.js';
import { attachSourceLines, compareDiagnostics, type Diagnostic } from './core/diagnostic.js';
import { buildView, pagePath, type OutputFormat } from './core/model.js';
import { lexBody, type BodyTokens } from './core/markdown.js';
import { normaliseText, parseReleaseFile } from './core/parse.js';
import { PUBLISHABLE, type Config } from './core/schema.js';
import { ReleaseRenderer } from './core/templates.js';
import { toInstant } from './core/dates.js';
import { validateRelease, type Release, type ValidationResult } from './core/validate.js';
import { findConfigFile, loadConfig } from './io/config.js';
import { displayPath, findInputs, type InputFile } from './io/find.js';
import { OutputError, OutputStage, outputFolderConflict, realFolder, unsafeOutputPath } from './io/output.js';
import { DEFAULT_MAX_FILE_SIZE, readTextFile } from './io/read.js';
import { loadTemplateSet, type TemplateSearch } from './io/template-sets.js';
import { VERSION } from './version.js';

/**
 * The application: finds, reads, checks and builds releases, using the pure
 * core for everything but I/O. Commands call these and turn the results into
 * reports and exit codes.
 */

export class UsageError extends Error {
  constructor(message: string, readonly hint?: string) {
    super(message);
    this.name = 'UsageError';
  }
}

export interface ProjectOptions {
  cwd: string;
  paths: readonly string[];
  configPath?: string;
  /** The clock for embargo decisions, ms since the epoch. */
  now: number;
  /** Folders never searched for inputs (the output folder). */
  exclude?: readonly string[];
}

export interface Project {
  config: Config;
  configPath?: string;
  files: InputFile[];
  roots: string[];
  diagnostics: Diagnostic[];
}

/** Finds the inputs and the config file that applies to them. */
export async function openProject(options: ProjectOptions): Promise<Project> {
  const paths = options.paths.length > 0 ? options.paths : ['.'];
  const found = await findInputs(paths, options.cwd, options.exclude);
  if (found.missing.length > 0) {
    throw new UsageError(`No such file, folder or match: ${found.missing.join(', ')}.`, 'Name release files, folders holding them, or a glob such as "releases/**/*.md".');
  }
  const configPath = options.configPath
    ? resolve(options.cwd, options.configPath)
    : await findConfigFile(found.roots[0] ?? options.cwd);
  const loaded = await loadConfig(configPath, options.cwd);
  if (options.configPath && loaded.diagnostics.some((d) => d.ruleId === 'file/unreadable')) {
    throw new UsageError(`The config file ${options.configPath} cannot be read.`);
  }
  return { config: loaded.config, ...(configPath ? { configPath } : {}), files: found.files, roots: found.roots, diagnostics: loaded.diagnostics };
}

export interface CheckedFile {
  file: InputFile;
  release?: Release;
}

/** Where a checked release's body is, so that rendering can read it again without parsing the front matter twice. */
export interface SourceStamp {
  path: string;
  size: number;
  mtimeMs: number;
  /** Offset of the body in the normalised text. */
  bodyOffset: number;
}

/** A release that passed its checks: its metadata (small) and where its body is; never the body itself. */
export interface CheckedRelease {
  entry: IndexEntry;
  release: Release;
  source: SourceStamp;
}

/** Reads, parses and validates one release: the unit of work for every command. */
export async function checkFile(file: InputFile, config: Config, now: number): Promise<ValidationResult & { source?: SourceStamp }> {
  if (file.refused) return { diagnostics: [file.refused] };
  const read = await readTextFile(file.path, file.display, maxFileSize(config));
  if (!read.ok) return { diagnostics: [read.diagnostic] };
  const result = checkText(read.text, file.display, config, now);
  return { ...result, source: { path: file.path, size: read.size, mtimeMs: read.mtimeMs, bodyOffset: result.bodyOffset } };
}

const maxFileSize = (config: Config) => config.limits?.maxFileSize ?? DEFAULT_MAX_FILE_SIZE;

export function checkText(text: string, display: string, config: Config, now: number): ValidationResult & { bodyOffset: number } {
  const parsed = parseReleaseFile(text, display);
  const result = validateRelease(parsed, { config, now });
  if (result.diagnostics.length > 0) attachSourceLines(result.diagnostics, display, parsed.text);
  return { ...result, bodyOffset: parsed.text.length - parsed.body.length };
}

/**
 * Reads a checked release's body again for rendering. The file must be the
 * one that was checked: a file changed during the run is an error, not a
 * page built from text nobody validated.
 */
export async function loadBody(item: CheckedRelease, config: Config): Promise<{ ok: true; body: BodyTokens } | { ok: false; diagnostic: Diagnostic }> {
  const file = item.entry.file;
  const read = await readTextFile(item.source.path, file, maxFileSize(config));
  if (!read.ok) return { ok: false, diagnostic: read.diagnostic };
  if (read.size !== item.source.size || read.mtimeMs !== item.source.mtimeMs) {
    return { ok: false, diagnostic: { file, line: 1, column: 1, severity: 'error', ruleId: 'file/unreadable', message: 'The file changed while the build was running; it was not built.', hint: 'Run the build again.' } };
  }
  const lexed = lexBody(normaliseText(read.text).slice(item.source.bodyOffset));
  if (!lexed.ok) return { ok: false, diagnostic: { file, line: lexed.line, column: 1, severity: 'error', ruleId: 'content/too-complex', message: lexed.message } };
  return { ok: true, body: lexed.body };
}

function indexEntry(release: Release): IndexEntry {
  return {
    file: release.file, id: release.id, lang: release.lang, slug: release.slug, title: release.title,
    date: release.date, status: release.status, slugAt: release.slugAt, idAt: release.idAt,
    dateAt: release.dateAt, statusAt: release.statusAt,
  };
}

/** Runs `fn` over items with at most `limit` in flight, keeping the results in order. */
async function mapLimited<T, R>(items: readonly T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await fn(items[i]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

const READ_CONCURRENCY = 16;

export interface CheckResult {
  index: IndexEntry[];
  /** The releases without errors, in file order. */
  releases: CheckedRelease[];
  diagnostics: Diagnostic[];
  fileCount: number;
}

/** Pass one and two: every file on its own, then the checks across files. Keeps only the small index. */
export async function checkProject(project: Project, now: number): Promise<CheckResult> {
  const diagnostics: Diagnostic[] = [...project.diagnostics];
  const releases: CheckedRelease[] = [];
  const results = await mapLimited(project.files, READ_CONCURRENCY, async (file) => {
    const result = await checkFile(file, project.config, now);
    const checked = result.release && result.source ? { entry: indexEntry(result.release), release: result.release, source: result.source } : undefined;
    return { diagnostics: result.diagnostics, checked };
  });
  for (const r of results) {
    diagnostics.push(...r.diagnostics);
    if (r.checked) releases.push(r.checked);
  }
  const index = releases.map((r) => r.entry);
  diagnostics.push(...checkCollection(index, project.config.rules));
  diagnostics.sort(compareDiagnostics);
  return { index, releases, diagnostics, fileCount: project.files.length };
}

export interface BuildOptions extends ProjectOptions {
  out: string;
  formats: readonly OutputFormat[];
  template: string;
  drafts: boolean;
  keepGoing: boolean;
}

export interface BuildSummary {
  diagnostics: Diagnostic[];
  fileCount: number;
  built: number;
  skippedDraft: number;
  skippedEmbargoed: number;
  failed: number;
  written: number;
  /** True when outputs were moved into the output folder. */
  committed: boolean;
  out: string;
}

export function templateSearch(project: Pick<Project, 'configPath' | 'config'>, cwd: string): TemplateSearch {
  const projectRoot = project.configPath ? dirname(project.configPath) : cwd;
  return {
    cwd,
    projectFolder: join(projectRoot, 'templates'),
    ...(project.config.templates && project.configPath ? { configFolder: resolve(dirname(project.configPath), project.config.templates) } : {}),
  };
}

/** Checks everything, renders what is publishable into a staging folder, and moves it into place only if nothing failed. */
export async function buildProject(options: BuildOptions): Promise<BuildSummary> {
  const out = await realFolder(resolve(options.cwd, options.out));
  const project = await openProject({ ...options, exclude: [...(options.exclude ?? []), out] });
  const realFiles = await Promise.all(project.files.map((f) => realpath(f.path)));
  const conflict = outputFolderConflict(out, project.roots, realFiles);
  if (conflict) throw new UsageError(`Refusing to build: ${conflict}.`, 'Choose an output folder outside the folders that hold releases, such as --out dist.');

  const summary: BuildSummary = { diagnostics: [], fileCount: project.files.length, built: 0, skippedDraft: 0, skippedEmbargoed: 0, failed: 0, written: 0, committed: false, out };
  const loaded = await loadTemplateSet(options.template, templateSearch(project, options.cwd));
  if (!loaded.ok) throw new UsageError(loaded.diagnostics.map((d) => d.message).join(' '), loaded.diagnostics[0]?.hint);
  const missing = options.formats.filter((f) => !loaded.set.formats.includes(f) && f !== 'json' && f !== 'ninjs');
  if (missing.length > 0) throw new UsageError(`The template set "${loaded.set.name}" does not provide ${missing.join(', ')}.`, `It provides ${loaded.set.formats.join(', ')}.`);

  const checked = await checkProject(project, options.now);
  const diagnostics = checked.diagnostics;
  const translations = translationsById(checked.index);
  const failedFiles = new Set(diagnostics.filter((d) => d.severity === 'error').map((d) => d.file));
  const renderer = new ReleaseRenderer(loaded.set);
  const templateProblems = new Map<string, Diagnostic>();
  const timeZone = project.config.timezone;

  const toBuild = checked.releases.filter(({ entry }) => {
    if (failedFiles.has(entry.file)) return false;
    if (!options.drafts && !PUBLISHABLE.has(entry.status)) {
      summary.skippedDraft++;
      return false;
    }
    return true;
  });
  let stage: OutputStage;
  try {
    stage = await OutputStage.create(out);
  } catch (cause) {
    if (cause instanceof OutputError) throw new UsageError(`Cannot build: ${cause.message}.`, 'Choose an output folder that is, or can be, a folder of its own, such as --out dist.');
    throw cause;
  }
  try {
    await mapLimited(toBuild, READ_CONCURRENCY, async (item) => {
      const release = item.release;
      if (!options.drafts && release.embargo !== undefined && toInstant(release.embargo, timeZone) > options.now) {
        summary.skippedEmbargoed++;
        return;
      }
      const loaded = await loadBody(item, project.config);
      if (!loaded.ok) {
        diagnostics.push(loaded.diagnostic);
        summary.failed++;
        return;
      }
      const view = buildView(release, loaded.body, {
        config: project.config, now: options.now, translations: translations.get(release.id) ?? [], version: VERSION,
      });
      let ok = true;
      for (const format of options.formats) {
        const rendered = renderer.render(format, view);
        if (!rendered.ok) {
          ok = false;
          for (const d of rendered.diagnostics) {
            // One broken template is one problem, not one per release.
            const key = `${d.file}:${d.line}:${d.column}:${d.message}`;
            if (!templateProblems.has(key)) templateProblems.set(key, { ...d, message: `${d.message} It happened while rendering ${release.file} as ${format}.` });
          }
          continue;
        }
        const path = pagePath(release.lang, release.slug, format);
        const problem = unsafeOutputPath(path);
        if (problem) {
          ok = false;
          diagnostics.push({ ...release.slugAt, severity: 'error', ruleId: 'output/collision', message: `The output path ${JSON.stringify(path)} is not safe: ${problem}.` });
          continue;
        }
        await stage.write(path, rendered.output);
      }
      if (ok) summary.built++;
      else summary.failed++;
    });
    diagnostics.push(...templateProblems.values());
    const inputs = new Set(project.files.map((f) => f.display));
    summary.failed += [...failedFiles].filter((f) => inputs.has(f)).length;
    const hasErrors = diagnostics.some((d) => d.severity === 'error');
    summary.written = stage.count;
    if (!hasErrors || options.keepGoing) {
      await stage.commit();
      summary.committed = true;
    } else {
      await stage.abort();
      summary.written = 0;
    }
  } catch (cause) {
    await stage.abort();
    if (cause instanceof OutputError) {
      diagnostics.push({ file: displayPath(join(out, cause.path), options.cwd), line: 1, column: 1, severity: 'error', ruleId: 'output/write', message: `The output was not written: ${cause.message}.` });
    } else throw cause;
  }
  diagnostics.sort(compareDiagnostics);
  summary.diagnostics = diagnostics;
  return summary;
}
