import { lstat, realpath, stat } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { checkCollection, type IndexEntry } from '../../core/collection.js';
import { compareDiagnostics, type Diagnostic } from '../../core/diagnostic.js';
import { isSlash, printableJson, trimWhere } from '../../core/text.js';
import { displayPath } from '../../io/find.js';
import { isInside } from '../../io/paths.js';
import { realOfNearest } from '../../io/confine.js';
import { planImport } from '../../import/convert.js';
import { matchLanguage, type SiteKind } from '../../import/paths.js';
import { readSite } from '../../import/read-site.js';
import { formatImportText, importJson, type ImportSummary } from '../../import/report.js';
import { applyWrites, decideWrites, ImportRecordError, ImportWriteError, leftOver, readEarlierAssignments, RECORD_NAME, type WriteDecision } from '../../import/write.js';
import type { Config } from '../../core/schema.js';
import type { InputFile } from '../../io/find.js';
import { buildChecks, type CheckedFile } from '../../app/build-checks.js';
import { checkFile, checkProject, checkText, indexEntry } from '../../app/check.js';
import { configFor, maxFileSize, openProject } from '../../app/project.js';
import { loadReporter } from '../../reporters/index.js';
import { VERSION } from '../../version.js';
import { UsageError, EXIT, type CliEnvironment } from '../environment.js';
import { exitCodeFor } from '../report.js';
import { plural } from '../../core/plural.js';

export const IMPORT_REPORTERS = ['text', 'json'] as const;
export type ImportReporter = (typeof IMPORT_REPORTERS)[number];

export interface ImportOptions {
  src: string;
  from: SiteKind;
  to: string;
  /** Checked against the project's languages. */
  lang?: string;
  langFromPath: boolean;
  dryRun: boolean;
  force: boolean;
  reporter: ImportReporter;
  config?: string;
  now: number;
  color: boolean;
}

/** The nearest existing folder at or above `path`, where a config file is looked for. */
async function nearestExisting(path: string): Promise<string> {
  for (let current = resolve(path); ; current = dirname(current)) {
    if (await realpath(current).then(() => true, () => false)) return current;
    if (dirname(current) === current) return current;
  }
}

export async function runImport(options: ImportOptions, env: CliEnvironment): Promise<number> {
  const src = resolve(env.cwd, options.src);
  const to = resolve(env.cwd, options.to);
  const realSrc = await realpath(src).catch(() => undefined);
  const siteHint = `Name the folder of the ${options.from} site, the one that holds ${options.from === 'jekyll' ? '_posts' : 'content'}.`;
  if (realSrc === undefined) throw new UsageError(`The site folder ${options.src} does not exist.`, siteHint);
  if (!(await stat(realSrc)).isDirectory()) throw new UsageError(`${options.src} is a file, not the folder of a ${options.from} site.`, siteHint);
  const realTo = await realOfNearest(to);
  if (isInside(realTo, realSrc)) throw new UsageError(`The destination ${options.to} is inside the site folder ${options.src}; the importer never writes there.`, 'Choose a folder outside the old site, such as --to releases.');
  if (isInside(realSrc, realTo)) throw new UsageError(`The destination ${options.to} contains the site folder ${options.src}.`, 'Choose a folder beside the old site, such as --to releases.');

  // What stands at the destination is looked at before anything is read or written.
  const toInfo = await stat(to).catch(() => undefined);
  if (toInfo && !toInfo.isDirectory()) throw new UsageError(`The destination ${options.to} is a file, not a folder.`, 'Name a folder for the releases (it is made when missing), such as --to releases.');
  const recordInfo = toInfo ? await lstat(join(to, RECORD_NAME)).catch(() => undefined) : undefined;
  if (recordInfo && !recordInfo.isFile()) {
    throw new UsageError(`${displayPath(join(to, RECORD_NAME), env.cwd)} is not a file: the importer keeps its record of what it wrote there.`, 'Move it away, then run the import again.');
  }

  // The releases' config: the one that `validate` and `build` of the destination will find.
  const loaded = await configFor(await nearestExisting(to), { cwd: env.cwd, ...(options.config ? { configPath: options.config } : {}) });
  const configPath = loaded.configPath;
  const configError = loaded.diagnostics.find((d) => d.severity === 'error');
  if (configError) throw new UsageError(`The config file ${configError.file} has a problem at line ${configError.line}: ${configError.message}`, 'Run "migration-news validate" to see every problem, and correct the config file first.');
  const config = loaded.config;
  const lang = options.lang === undefined ? undefined : matchLanguage(options.lang, config.languages);
  if (options.lang !== undefined && lang === undefined) {
    throw new UsageError(`--lang ${options.lang} is not one of this project's languages (${config.languages.join(', ')}).`, 'Add it to `languages` in the config file, or choose another.');
  }

  const contents = await readSite(src, options.from, config.languages, maxFileSize(config));
  // A site of no posts is a wrong folder, a wrong --from, or posts behind a link: it said it converted none, and exited 0.
  if (contents.posts.length === 0) {
    const where = options.from === 'hugo' ? `its ${contents.contentRoot === '' ? 'folder' : `${contents.contentRoot}/ folder`}` : 'its _posts and _drafts folders (and collections)';
    const first = contents.skipped[0];
    const skipped = first === undefined ? '' : ` ${plural(contents.skipped.length, 'file was', 'files were')} passed over (${first.file}: ${first.reason}${contents.skipped.length > 1 ? '; …' : ''}).`;
    throw new UsageError(`No posts to import were found in ${displayPath(src, env.cwd)}: a ${options.from === 'hugo' ? 'Hugo' : 'Jekyll'} site's posts are the Markdown and HTML files of ${where}.${skipped}`, `Check the path and --from; a folder reached through a symbolic link is not searched: name the folder it leads to.`);
  }
  const earlier = await readEarlierAssignments(to).catch((cause: unknown) => {
    if (!(cause instanceof ImportRecordError)) throw cause;
    // Taken for no record, it made every release in --to a person's, refused, and gave numbered ids and slugs anew.
    throw new UsageError(
      `The import stopped: ${displayPath(join(to, RECORD_NAME), env.cwd)} ${cause.problem}. It is the importer's record of the releases it wrote into ${options.to}, which it may update, and of the ids and slugs it gave posts; nothing was written.`,
      cause.newer
        ? 'Import with the migration-news that wrote it, or a newer one.'
        : `Put it right (as committed, if ${options.to} is in version control), or move it away to start afresh, knowing that the releases already in ${options.to} are then taken for hand-written ones, which only --force replaces, and that the numbered ids and slugs (a-2) posts were given may be given anew.`,
    );
  });
  const plan = planImport(contents.posts, {
    earlier,
    site: options.from, timeZone: config.timezone, languages: config.languages,
    ...(lang ? { lang } : {}), langFromPath: options.langFromPath, contentRoot: contents.contentRoot, siteSettings: contents.settings, siteFiles: contents.files, sections: contents.sections, now: options.now,
    ...(config.site?.url !== undefined ? { siteBase: trimWhere(new URL(config.site.url).pathname, isSlash) } : {}),
  });
  const decisions = await decideWrites(to, plan.releases, options.force);
  const stale = await leftOver(to, plan.releases);
  if (!options.dryRun && decisions.length > 0) {
    try {
      await applyWrites(to, decisions);
    } catch (cause) {
      if (!(cause instanceof ImportWriteError)) throw cause;
      const some = `The ${cause.written} release${cause.written === 1 ? '' : 's'} written before it ${cause.written === 1 ? 'is' : 'are'} kept`;
      const kept = cause.written === 0
        ? 'No release was written'
        : cause.unrecorded === undefined
          ? `${some} and recorded as the importer's`
          : `${some}, but not recorded as the importer's (${RECORD_NAME}: ${cause.unrecorded}): the next run takes ${cause.written === 1 ? 'it' : 'them'} for the importer's only while unchanged`;
      throw new UsageError(
        `The import stopped: ${displayPath(join(to, cause.target), env.cwd)} cannot be written (${cause.reason}). ${kept}; nothing else in ${options.to} was changed.`,
        'Put right what stopped it (permissions, disk space, a file in the way) and run the import again: what it already wrote counts as unchanged.',
      );
    }
  }

  // Every release file in the destination is checked, hand-written ones too: the count is of those.
  const { diagnostics, fileCount } = options.dryRun ? await checkAsIfWritten(to, configPath, decisions, config, options.now, env.cwd) : await checkWritten(to, configPath, options.now, env.cwd, plan.releases.length);
  const summary: ImportSummary = {
    site: options.from,
    src: displayPath(src, env.cwd),
    to: displayPath(to, env.cwd),
    dryRun: options.dryRun,
    converted: decisions.map((d) => ({
      source: d.release.source, target: d.release.target, lang: d.release.lang, id: d.release.id, slug: d.release.slug, status: d.release.status,
      action: d.action, ...(d.reason ? { reason: d.reason } : {}), ...(d.release.oldUrl !== undefined ? { oldUrl: d.release.oldUrl } : {}), dropped: d.release.dropped,
    })),
    skipped: [...contents.skipped, ...plan.skipped].sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0)),
    notes: plan.notes,
    dropped: plan.dropped,
    otherFiles: contents.otherFiles,
    leftOver: stale,
  };
  if (options.reporter === 'json') {
    const validation = JSON.parse((await loadReporter('json'))(diagnostics, { color: false, fileCount, version: VERSION })) as unknown;
    env.stdout.write(`${printableJson(JSON.stringify(importJson(summary, validation), null, 2))}\n`);
  } else {
    const stylish = await loadReporter('stylish');
    env.stdout.write(`${formatImportText(summary)}\nChecking the imported releases:\n${stylish(diagnostics, { color: options.color, fileCount, version: VERSION })}`);
  }
  // A post that could not be converted (no language, no date, front matter that cannot be read) is as much a failure of the
  // run as a release not written: a script sees it in the exit code, not only in the report.
  // So is a post that could not be read (not UTF-8, over the size limit); a file passed over on purpose (a list page, a layout) is not.
  const refused = decisions.some((d) => d.action === 'refuse') || plan.skipped.length > 0 || contents.skipped.some((s) => s.failed === true);
  const code = exitCodeFor(diagnostics, { strict: false });
  return refused ? EXIT.problems : code;
}

/** The check that `validate` runs, over the destination folder as written. */
/** The result's check, and how many files it read. */
interface ResultCheck {
  diagnostics: Diagnostic[];
  fileCount: number;
}

async function checkWritten(to: string, configPath: string | undefined, now: number, cwd: string, expected: number): Promise<ResultCheck> {
  if (expected === 0 && !(await realpath(to).then(() => true, () => false))) return { diagnostics: [], fileCount: 0 };
  const project = await openProject({ cwd, paths: [to], ...(configPath ? { configPath } : {}) });
  if (project.files.length === 0) return { diagnostics: [], fileCount: 0 };
  const checked = await checkProject(project, now);
  // What a build of the result would refuse (a local image not copied along, a language without labels) is found here too.
  const files = checked.releases.map((r) => ({ release: r.release, path: r.source.path }));
  const diagnostics = [...checked.diagnostics, ...await buildChecks(files, { config: project.config, configPath: project.configPath, roots: project.roots, cwd })].sort(compareDiagnostics);
  return { diagnostics, fileCount: project.files.length };
}

/**
 * A dry run's check: what `checkWritten` would find after the real run,
 * without writing. The releases the run would write are checked from
 * memory, and every other release file in the destination (hand-written
 * ones, and those the run would refuse to replace) as it is on disk, so
 * that a clash with them (a slug, an id, an old address) is reported the
 * same way.
 */
async function checkAsIfWritten(to: string, configPath: string | undefined, decisions: readonly WriteDecision[], config: Config, now: number, cwd: string): Promise<ResultCheck> {
  const written = new Map(decisions.filter((d) => d.action === 'create' || d.action === 'update' || d.action === 'replace').map((d) => [displayPath(join(to, d.release.target), cwd), { path: join(to, d.release.target), text: d.release.text }]));
  const diagnostics: Diagnostic[] = [];
  let existing: InputFile[] = [];
  let projectConfig = config;
  let roots: readonly string[] = [to];
  if (await realpath(to).then(() => true, () => false)) {
    const project = await openProject({ cwd, paths: [to], ...(configPath ? { configPath } : {}) });
    projectConfig = project.config;
    roots = project.roots;
    for (const d of project.diagnostics) diagnostics.push(d);
    existing = project.files.filter((f) => !written.has(f.display));
  }
  const index: IndexEntry[] = [];
  const valid: CheckedFile[] = [];
  const checked = [
    ...existing.map((file) => ({ display: file.display, path: file.path, text: undefined, check: () => checkFile(file, { config: projectConfig, now }) })),
    ...[...written].map(([display, { path, text }]) => ({ display, path, text, check: () => checkText(text, display, { config: projectConfig, now }) })),
  ].sort((a, b) => (a.display < b.display ? -1 : a.display > b.display ? 1 : 0));
  for (const file of checked) {
    const result = file.check();
    for (const d of result.diagnostics) diagnostics.push(d);
    if (!result.release) continue;
    index.push(indexEntry(result.release));
    valid.push({ release: result.release, path: file.path, ...(file.text !== undefined ? { text: file.text } : {}) });
  }
  for (const d of checkCollection(index, projectConfig.rules, now)) diagnostics.push(d);
  for (const d of await buildChecks(valid, { config: projectConfig, configPath, roots, cwd })) diagnostics.push(d);
  return { diagnostics: diagnostics.sort(compareDiagnostics), fileCount: checked.length };
}
