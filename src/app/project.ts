import { readlink, stat } from 'node:fs/promises';
import { dirname, join, relative, resolve, sep } from 'node:path';
import type { Diagnostic } from '../core/diagnostic.js';
import { FRESH } from '../core/objects.js';
import { printable } from '../core/text.js';
import { severityOf, type RuleSettings } from '../core/rules.js';
import type { Config } from '../core/schema.js';
import { findConfigFile, loadConfig } from '../io/config.js';
import { displayPath, findInputs, type InputFile } from '../io/find.js';
import { realAndWay, realOrSelf } from '../io/confine.js';
import { isInside } from '../io/paths.js';
import { DEFAULT_MAX_FILE_SIZE } from '../io/read.js';
import type { TemplateSearch } from '../io/template-sets.js';
import { UsageError } from './errors.js';
import { ignoreGlobProblem, ignorePattern } from '../core/ignore.js';
import { GLOB_STEPS, GlobBudgetSpent, globMatcher, type GlobBudget } from '../core/glob.js';

export interface ProjectOptions {
  cwd: string;
  paths: readonly string[];
  configPath?: string;
  /** Folders never searched for inputs (the output folder). */
  exclude?: readonly string[];
  /** `--ignore` globs, relative to `cwd`; the config's `ignore` globs are added to them. */
  ignore?: readonly string[];
}

/** What a search of folders and globs left out. */
export interface ScanCounts {
  /** Release-named files left out by `ignore` globs. */
  ignored: number;
  /** Files in the folders searched in other document formats (`.html`, `.txt` …), per extension. */
  skipped: Record<string, number>;
  /** Symbolic links in the folders searched that a search did not follow (`FoundInputs.links`), as paths from the working folder. */
  links: string[];
  /** Hidden release-named files, and hidden folders holding one, in the folders searched, left out (`FoundInputs.hidden`), as paths from the working folder. */
  hidden: string[];
}

/** The inputs of one run and the config that applies to them. */
export interface Project {
  cwd: string;
  config: Config;
  configPath?: string;
  files: InputFile[];
  /** Folders the inputs were found in (real paths). */
  roots: string[];
  /** Problems in the config file. */
  diagnostics: Diagnostic[];
  scan: ScanCounts;
}

/** Finds the inputs and the config file that applies to them. */
export async function openProject(options: ProjectOptions): Promise<Project> {
  for (const glob of options.ignore ?? []) {
    const problem = ignoreGlobProblem(glob);
    if (problem) throw new UsageError(`--ignore ${JSON.stringify(glob)} ${problem}.`, 'Give a glob of files to leave out, such as README.md or drafts/**.');
  }
  const paths = options.paths.length > 0 ? options.paths : ['.'];
  // An empty name (`"$FILE"` with the variable unset) names nothing: resolved, it would be the working folder, checked or built in place of what was meant.
  if (paths.some((path) => path.trim() === '')) throw new UsageError('A path is empty: it names no file, folder or glob.', 'Name release files, folders holding them, or a glob such as "releases/**/*.md"; an empty name often comes from a variable left unset ("$FILE").');
  const found = await findInputs(paths, options.cwd, options.exclude);
  if (found.missing.length > 0) {
    // `build -` as `validate -` is written: only validate reads a release from standard input.
    const hint = found.missing.includes('-')
      ? 'Only `validate -` reads a release from standard input; name release files, folders holding them, or a glob such as "releases/**/*.md".'
      : 'Name release files, folders holding them, or a glob such as "releases/**/*.md".';
    throw new UsageError(`No such file, folder or match: ${found.missing.join(', ')}.`, hint);
  }
  const configPath = options.configPath
    ? resolve(options.cwd, options.configPath)
    : await findConfigFile(found.roots[0] ?? options.cwd);
  const config = await openConfig(configPath, options);
  const ignored = ignoreMatcher(config.config.ignore ?? [], configPath ? dirname(configPath) : options.cwd, options.ignore ?? [], options.cwd);
  // A template set's archetypes (`archetype.md`, which `templates eject` copies) are skeletons for `new`, never releases:
  // a search of the project's folder passes over its template folders as it passes over node_modules.
  const sets = await templateFolders({ config: config.config, ...(configPath ? { configPath } : {}) }, options.cwd);
  const searched = found.files.filter((f) => !(f.searched && sets.some((folder) => isInside(f.path, folder))));
  // Only files found by searching are ignored: a file named on the command line is read, as asked.
  let files: InputFile[];
  let unfollowed: string[];
  let hiddenLeft: string[];
  try {
    files = searched.filter((f) => !(f.searched && ignored(f.path)));
    unfollowed = found.links.filter((link) => !ignored(link) && !sets.some((folder) => isInside(link, folder)));
    // Hidden files and folders the `ignore` globs or a template folder leave out anyway are not named.
    hiddenLeft = found.hidden.filter((path) => !ignored(path) && !sets.some((folder) => isInside(path, folder)));
  } catch (cause) {
    if (!(cause instanceof GlobBudgetSpent)) throw cause;
    throw new UsageError(`The \`ignore\` globs take too long to match against the ${found.files.length.toLocaleString('en')} files found (more than ${GLOB_STEPS.toLocaleString('en')} steps).`, 'Use fewer and simpler globs: a name (README.md), a folder (drafts/) or a pattern with a star or two (*.draft.md).');
  }
  // A link that leads into a folder searched (`build . current`, where current -> en) leaves out nothing; nor does one ignored or
  // in a template folder, whose files are no releases. Where it leads is read from its own text, never by following it: what a
  // link that passes through other folders finds there must not change what is said (a link a pull request added would tell
  // what is on the machine that builds it).
  const links: string[] = [];
  for (const link of unfollowed) {
    const target = await readlink(link).catch(() => undefined);
    const leads = target === undefined ? undefined : resolve(await realOrSelf(dirname(link)), target);
    if (leads === undefined || !found.roots.some((root) => isInside(leads, root))) links.push(displayPath(link, options.cwd));
  }
  const scan = { ignored: searched.length - files.length, skipped: found.skipped, links, hidden: hiddenLeft.map((path) => displayPath(path, options.cwd)) };
  return { cwd: options.cwd, ...config, files, roots: found.roots, scan };
}

/**
 * Whether a file is left out by `ignore` globs, as .gitignore reads them: a
 * glob without a slash matches a file or folder name at any depth
 * (`README.md`, `_index.md`, `drafts`); one with a slash matches the path
 * from its base (the config file's folder, or the working folder for
 * `--ignore`); a glob that matches a folder leaves out everything in it.
 */
export function ignoreMatcher(configGlobs: readonly string[], configBase: string, cliGlobs: readonly string[], cwd: string): (path: string) => boolean {
  // One budget for the run's matching: past it, `GlobBudgetSpent` (see openProject).
  const budget: GlobBudget = { steps: GLOB_STEPS };
  const matchers = [
    ...globMatchers(configGlobs, configBase, budget),
    ...globMatchers(cliGlobs, cwd, budget),
  ];
  return (path) => matchers.some((matches) => matches(path));
}

function globMatchers(globs: readonly string[], base: string, budget: GlobBudget): ((path: string) => boolean)[] {
  // The config's schema and openProject refuse the others; a library caller's are passed over, never a crash.
  return globs.filter((glob) => ignoreGlobProblem(glob) === undefined).map((glob) => {
    const { pattern, anchored } = ignorePattern(glob);
    // Not a regular expression: a glob from the config file must not backtrack for hours over a long name (see core/glob.ts).
    // Anchored, it matches the path itself or any folder it is in, in one match.
    const isMatch = globMatcher(pattern, budget, anchored);
    return (path: string) => {
      const segments = relative(base, path).split(sep);
      return anchored ? isMatch(segments.join('/')) : segments.some((segment) => isMatch(segment));
    };
  });
}

/**
 * One line that says what a search left out, or undefined when it left out
 * nothing. The names in it are a pull request's to choose: a link named with
 * a carriage return or a line break and `::error::…` after it would open a
 * line that GitHub Actions reads as a workflow command, so each is `printable`.
 */
export function scanNote(scan: ScanCounts): string | undefined {
  const parts: string[] = [];
  if (scan.ignored > 0) parts.push(`ignored ${scan.ignored} file${scan.ignored === 1 ? '' : 's'} matching \`ignore\` globs`);
  const kinds = Object.entries(scan.skipped).sort(([a], [b]) => (a < b ? -1 : 1));
  const skipped = kinds.reduce((sum, [, count]) => sum + count, 0);
  if (skipped > 0) parts.push(`skipped ${skipped} file${skipped === 1 ? '' : 's'} in other formats (${kinds.map(([extension, count]) => `${count} ${extension}`).join(', ')}), since only *.md and *.markdown are releases`);
  const links = scan.links.length;
  if (links > 0) {
    const named = scan.links.slice(0, 3).map(printable).join(', ') + (links > 3 ? ` and ${links - 3} more` : '');
    parts.push(`did not follow ${links === 1 ? 'a symbolic link' : `${links} symbolic links`} (${named}), since a search follows none to a folder: name the folder ${links === 1 ? 'it leads' : 'each leads'} to, to read the releases there`);
  }
  const hidden = scan.hidden.length;
  if (hidden > 0) {
    const named = scan.hidden.slice(0, 3).map(printable).join(', ') + (hidden > 3 ? ` and ${hidden - 3} more` : '');
    parts.push(`left out ${hidden === 1 ? 'a hidden file or folder' : `${hidden} hidden files and folders`} (${named}), as a glob does: name a hidden folder to search it`);
  }
  if (parts.length === 0) return undefined;
  return `In the folders searched: ${parts.join('; ')}.`;
}

/**
 * Loads the config file at `configPath` (none: the defaults). A config file
 * named on the command line that cannot be read is a usage error; one found
 * by searching is reported like any other problem.
 */
export async function openConfig(configPath: string | undefined, options: { cwd: string; configPath?: string }): Promise<Pick<Project, 'config' | 'configPath' | 'diagnostics'>> {
  const loaded = await loadConfig(configPath, options.cwd);
  const unreadable = options.configPath ? loaded.diagnostics.find((d) => d.ruleId === 'file/unreadable') : undefined;
  // Said with why (it is missing, a folder, a link that leads out of the project …), as a config found by searching is.
  if (unreadable) throw new UsageError(`Cannot use the config file ${options.configPath}. ${unreadable.message}`, unreadable.hint);
  return { config: loaded.config, ...(configPath ? { configPath } : {}), diagnostics: loaded.diagnostics };
}

/** The config that applies to a file or folder that is not searched (standard input named by `--stdin-filename`, a template command). */
export async function configFor(folder: string, options: { cwd: string; configPath?: string }): Promise<Pick<Project, 'config' | 'configPath' | 'diagnostics'>> {
  const configPath = options.configPath ? resolve(options.cwd, options.configPath) : await findConfigFile(folder);
  return openConfig(configPath, options);
}

/** The largest release file read under this config. */
export const maxFileSize = (config: Config): number => config.limits?.maxFileSize ?? DEFAULT_MAX_FILE_SIZE;

/** The project's folders of template sets (its `templates` folder, the config's `templates`), as written and as their real paths. */
async function templateFolders(project: Pick<Project, 'configPath' | 'config'>, cwd: string): Promise<string[]> {
  const search = templateSearch(project, cwd);
  const root = resolve(cwd, project.configPath ? dirname(project.configPath) : '.');
  // A config whose `templates` names the project's own folder (or one above it) would leave out every release: such a folder is searched as any other.
  const folders = [search.projectFolder, search.configFolder]
    .filter((folder): folder is string => folder !== undefined)
    .map((folder) => resolve(cwd, folder))
    .filter((folder) => !isInside(root, folder));
  // Its real path too, where the system takes it without leading out of the project: a link out and back
  // (`templates -> ../elsewhere/../project/releases`) would leave out the releases only when `elsewhere` exists.
  // A file named as the folder holds no set: the release it may be is searched as any other, and the config's
  // warning says what `templates` names.
  const allowed = await Promise.all([cwd, root].map((folder) => realOrSelf(folder)));
  const kept = await Promise.all(folders.map(async (folder): Promise<string[]> => {
    const { real, out } = await realAndWay(folder, allowed);
    if (out || real === undefined) return [folder];
    return (await stat(real).then((info) => info.isDirectory(), () => false)) ? [folder, real] : [];
  }));
  return kept.flat();
}

/** Where template sets are looked for: the project's `templates` folder, the config's `templates`, then the built-in sets. */
export function templateSearch(project: Pick<Project, 'configPath' | 'config'> & { diagnostics?: readonly Diagnostic[] }, cwd: string): TemplateSearch {
  const projectRoot = project.configPath ? dirname(project.configPath) : cwd;
  const configFolder = project.config.templates && project.configPath ? resolve(dirname(project.configPath), project.config.templates) : undefined;
  // A `templates` folder the config names but that is not searched (outside the project) is said with every set not found; so
  // is a config file with errors, whose settings, its `templates` folder with them, are not read: a set there is not found.
  const broken = configFolder === undefined && project.configPath ? project.diagnostics?.find((d) => d.severity === 'error' && !d.ruleId.startsWith('config/')) : undefined;
  const unsearched = configFolder === undefined ? project.diagnostics?.find((d) => d.ruleId === 'config/templates-folder')
    ?? (broken ? { message: `The config file ${broken.file} has errors, so its settings are not read, nor any \`templates\` folder it names.`, hint: `Correct the config file (\`migration-news validate\` lists its problems, the first at line ${broken.line}), then name the set again.` } : undefined) : undefined;
  return {
    cwd,
    projectFolder: join(projectRoot, 'templates'),
    ...(configFolder !== undefined ? { configFolder, configFile: project.configPath! } : {}),
    ...(unsearched ? { configFolderUnsearched: { message: unsearched.message, ...(unsearched.hint ? { hint: unsearched.hint } : {}) } } : {}),
  };
}

/** A template set's warnings (`template/unused-file`) at the severity the project's config gives their rule; none when it is off. */
export function setWarnings(warnings: readonly Diagnostic[], rules: RuleSettings | undefined): Diagnostic[] {
  return warnings.flatMap((warning) => {
    const severity = severityOf(warning.ruleId, rules);
    return severity === 'off' ? [] : [{ ...FRESH, ...warning, severity }];
  });
}
