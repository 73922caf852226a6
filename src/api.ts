import { stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import { buildProject, type BuildResult } from './app/build.js';
import { checkBytes, checkText } from './app/check.js';
import { UsageError } from './app/errors.js';
import { MAX_JOBS } from './app/concurrency.js';
import { configFor, setWarnings, templateSearch } from './app/project.js';
import { ReleaseRendering } from './app/render.js';
import { clockTime } from './core/dates.js';
import { compareDiagnostics, type Diagnostic } from './core/diagnostic.js';
import { withoutFixOffers } from './core/fix-offer.js';
import { BUILD_FORMATS, emailSetFor, type BuildFormat } from './core/formats.js';
import { OUTPUT_FORMATS, type OutputFormat } from './core/model.js';
import { publicationOf, type Publication, type PublicationMode } from './core/publication.js';
import { closestRule, isRuleId, RULES } from './core/rules.js';
import { closest } from './core/suggest.js';
import { configSchema, type Config, type ConfigInput } from './core/schema.js';
import { pageIdsOf, type TemplateSet } from './core/templates.js';
import { checkData, type Release, type ValidateOptions, type ValidationResult } from './core/validate.js';
import { loadTemplateSet as findAndLoadSet, type TemplateSearch } from './io/template-sets.js';
import { FRESH } from './core/objects.js';

/**
 * The high-level API: what the commands do, for Node programs (a CMS
 * preview, a site's backend). Each function composes the application layer
 * (`src/app`) as the matching command does, so a release checked or
 * rendered here gets exactly the diagnostics and output the CLI gives.
 * Problems in what is checked come back as diagnostics; a call that cannot
 * be carried out (an unknown set name, an output folder inside the inputs)
 * throws a `UsageError`; a malformed option throws a `TypeError`.
 */

/** A moment: a `Date`, milliseconds since the epoch, or a date `YYYY-MM-DD` (midnight UTC) or a date-time with its offset such as `2026-06-12T09:00:00+04:00`, as `--now` takes them. */
export type Moment = Date | number | string;

export interface ReleaseOptions {
  /** The project's settings, as written in migration-news.config.yaml (default: the defaults). */
  config?: ConfigInput;
  /** The clock for embargo decisions (default: now). */
  now?: Moment;
  /** The file name diagnostics carry; it is also the release's `id` when the front matter has none (default: `release.md`). */
  file?: string;
}

export interface ReleaseCheck {
  /** True when there is no error: the release can be rendered. Warnings do not count. */
  ok: boolean;
  /** The release's metadata, when it has no error. */
  release?: Release;
  /** Every problem found, sorted by place, as `validate` reports them. */
  diagnostics: Diagnostic[];
}

export type RenderedRelease =
  | {
      ok: true;
      /** The rendered page or document. */
      output: string;
      /** Where `build` would write it inside the output folder, such as `en/residence-permits-online.html`. */
      path: string;
      release: Release;
      /** Whether `build` would publish it at `now` (drafts and embargoed releases render too: that is what a preview is for). */
      publication: Publication;
      /** Warnings and infos (there is no error when `ok`). */
      diagnostics: Diagnostic[];
    }
  | { ok: false; diagnostics: Diagnostic[] };

export interface RenderOptions extends ReleaseOptions {
  /** Default `html`. */
  format?: OutputFormat;
  /** A set from `loadTemplateSet`, or the name of a set (default `default`), looked for as `--template` looks for it. */
  templates?: TemplateSet | string;
  /** The project's folder, where a set named in `templates` is looked for and the config's `templates` folder is relative to, as the CLI's working folder (default: `process.cwd()`). */
  cwd?: string;
}

/** `diagnostics`: with `ok`, the set's warnings (files of its own that no build reads, YAML it reads with a doubt), as `build` reports them. */
export type LoadedTemplateSet = { ok: true; set: TemplateSet; diagnostics: Diagnostic[] } | { ok: false; diagnostics: Diagnostic[] };

export interface TemplateSetOptions {
  /** The folder names and relative paths are resolved from, as the working folder of the CLI (default: `process.cwd()`). */
  cwd?: string;
  /** The config file whose `templates` folder is searched (default: the one found from `cwd` upwards, as the CLI finds it). */
  configFile?: string;
}

export interface BuildOptions {
  /** Release files, folders (searched for `*.md`) or globs (default: the working folder). */
  paths?: readonly string[];
  /** The working folder paths are relative to (default: `process.cwd()`). */
  cwd?: string;
  /** The output folder (default: `dist`). */
  out?: string;
  /** Any of `html`, `text`, `json`, `ninjs` and `eml` (see "E-mail messages" in README), as `--format` takes them (default: `html`, `text` and `json`). */
  formats?: readonly BuildFormat[];
  /** A template set name or folder (default: `default`; for `eml`, `email`); when named, `eml` uses it too. */
  template?: string;
  /** Which releases are written: `public` (default), `embargoed` (advance copies) or `drafts` (everything). */
  mode?: PublicationMode;
  /** Write the releases that succeeded even when others failed (default: false, nothing is written then). */
  keepGoing?: boolean;
  /** As `--force`: build every release again, and let a `drafts` or `embargoed` build write into a folder a public build wrote (default: false). */
  force?: boolean;
  /** The config file (default: the one found from the inputs upwards). */
  configFile?: string;
  /** The clock for embargo decisions (default: now). */
  now?: Moment;
  /** As `--jobs`: threads to check and render with, at most, from 1 to 256 (default: one per core; small inputs use the calling thread alone). */
  jobs?: number;
  /**
   * Whether the build's threads, once it is done, wait for the next `build()` of this process, which then starts faster (a
   * program that builds on each change). They stop by themselves after a minute unused, and never keep the process alive
   * (default: false, they are stopped when the build is done).
   */
  keepThreads?: boolean;
  /**
   * A folder for the record that lets the next build into the same output folder check and render only what changed, as the
   * command keeps in the user's cache folder; relative to `cwd`. Never inside the output folder, where a record would name
   * releases that are not public: one there is not kept. Default: none, so that every build checks and renders everything.
   */
  cacheDir?: string;
}

export type { BuildResult };

function toTime(now: Moment | undefined): number {
  if (now === undefined) return Date.now();
  // A string as `--now` reads it: `Date.parse` alone would read a time without an offset, or 12/06/2026, on the machine's
  // clock, and roll 2026-02-30 over into March.
  const time = now instanceof Date ? now.getTime() : typeof now === 'number' ? now : typeof now === 'string' ? clockTime(now) : NaN;
  // A number of milliseconds past the range of a Date (±8.64e15) names no moment: templates that show it fail on it.
  if (!Number.isFinite(time) || Number.isNaN(new Date(time).getTime())) throw new TypeError(`\`now\` is not a valid moment: ${String(now)}.`);
  return time;
}

function toConfig(config: ConfigInput | undefined): Config {
  // The schema drops a key it does not know, so a misspelt setting (`timeZone`, `organisation.nmae`) would leave its default in force
  // without a word, where the config file's is warned of (schema/unknown-key): refused, as an unknown rule is, and named first,
  // since a misspelt key is often why a setting is missing.
  // Each problem in the words the config file's would have (`\`typography\` is "Smart", but must be one of plain, smart`), with
  // the value it likely meant, where zod's own said less (`Invalid input`, for a setting that is missing).
  const problems = config !== null && typeof config === 'object' ? configProblems(config) : [];
  const parsed = configSchema.safeParse(config ?? {});
  if (!parsed.success || problems.length > 0) {
    const issues = parsed.success || problems.length > 0 ? [] : parsed.error.issues.map((issue) => `${issue.path.join('.') || '(config)'}: ${issue.message}`);
    throw new TypeError(`The config is not valid: ${[...problems, ...issues].join('; ')}.`);
  }
  // A rule the schema's record takes whatever its id: one misspelt would leave the rule at its default without a word, where
  // the config file's is warned of (schema/unknown-key).
  const unknown = Object.keys(parsed.data.rules ?? {}).filter((id) => !isRuleId(id));
  if (unknown.length > 0) {
    const meant = unknown.map(closestRule).filter((id) => id !== undefined);
    throw new TypeError(`The config is not valid: rules names the unknown rule${unknown.length > 1 ? 's' : ''} ${unknown.map((id) => JSON.stringify(id)).join(', ')}${meant.length === unknown.length ? ` (did you mean ${meant.map((id) => JSON.stringify(id)).join(', ')}?)` : ''}.`);
  }
  // A rule whose problem stops a release from being built stays an error whatever the setting says: the config file is warned
  // (config/rule-fixed); a caller would otherwise think the rule turned off.
  const fixed = Object.entries(parsed.data.rules ?? {}).filter(([id, setting]) => isRuleId(id) && RULES[id].fixed && setting !== 'error');
  if (fixed.length > 0) {
    throw new TypeError(`The config is not valid: ${fixed.map(([id, setting]) => `rules sets "${id}" to ${setting}, but it reports a problem that stops a release from being built and always stays an error`).join('; ')}.`);
  }
  return parsed.data;
}

/**
 * The problems of a config object, found as the config file's are: each key that is no setting, with the one it likely meant
 * or those it could be, then each value that is wrong or missing, with the value it likely meant.
 */
function configProblems(config: object): string[] {
  const found: string[] = [];
  let path: readonly PropertyKey[] = [];
  // No text, so no place: only the key's path, which `locate` is asked for just before each report.
  const source = { text: '', locate: (at: readonly PropertyKey[]) => ((path = at), { file: '', line: 1, column: 1 }) };
  checkData(configSchema, config, source, (ruleId, d) => {
    const meant = /^Did you mean (`[^`]*`)/.exec(d.hint ?? '');
    if (ruleId !== 'schema/unknown-key') {
      found.push(`${d.message.replace(/\.$/, '')}${meant ? ` (did you mean ${meant[1]}?)` : ''}`);
      return true;
    }
    const known = /^Known fields here: (.*)\.$/.exec(d.hint ?? '');
    const key = path.reduce<string>((out, segment) => (typeof segment === 'number' ? `${out}[${segment}]` : out ? `${out}.${String(segment)}` : String(segment)), '');
    found.push(d.message === '' ? 'more keys that are no setting' : `${key} is no setting${meant ? ` (did you mean ${meant[1]}?)` : known ? ` (the settings there: ${known[1]})` : ''}`);
    return true;
  }, 'the config');
  return found;
}

/** `validate -` on one text: bytes are held to the same size and UTF-8 rules as a file. */
function validate(text: string | Uint8Array, file: string, options: ValidateOptions): ValidationResult {
  releaseArguments(text, file);
  return typeof text === 'string' ? checkText(text, file, options) : checkBytes(text, file, options);
}

/** Throws a TypeError for a release's text that is no string or bytes, or a `file` that is no string. */
function releaseArguments(text: unknown, file: unknown): void {
  if (typeof text !== 'string' && !(text instanceof Uint8Array)) throw new TypeError(`The release's text must be a string or a Uint8Array (a Buffer); it is ${describeValue(text)}.`);
  if (typeof file !== 'string') throw new TypeError(`\`file\` must be a string; it is ${describeValue(file)}.`);
}

/** A value as a message names what was given instead: `a number (42)`, `an array`. */
function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'string') return `a string (${JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value)})`;
  if (typeof value === 'object' || typeof value === 'undefined') return typeof value === 'object' ? 'an object' : 'undefined';
  return `${typeof value === 'number' ? 'a number' : typeof value === 'boolean' ? 'a boolean' : `a ${typeof value}`} (${String(value)})`;
}

/** The options given, an object, or none: null would fail inside, reading its first option. */
function optionsObject<T extends object>(value: T | undefined, known: readonly (keyof T & string)[]): Partial<T> {
  if (value === undefined) return {};
  if (value === null || typeof value !== 'object' || Array.isArray(value)) throw new TypeError(`The options must be an object; they are ${describeValue(value)}.`);
  // A misspelt option (`outDir`, `keepgoing`, `fromat`) would leave its default in force without a word: a build into `dist`
  // instead of the folder meant. Refused, with the option it likely meant, as the command line refuses an unknown option.
  const unknown = Object.keys(value).filter((key) => !(known as readonly string[]).includes(key));
  if (unknown.length > 0) {
    throw new TypeError(`${unknown.map((key) => `\`${key}\` is no option${suggestion(key, known)}`).join('; ')}. The options are ${known.map((key) => `\`${key}\``).join(', ')}.`);
  }
  return value;
}

/** ` (did you mean \`…\`?)` when `given` is likely one of `allowed` misspelt, else nothing. */
function suggestion(given: unknown, allowed: readonly string[]): string {
  // An option named as other tools name it, longer (`outDir`, `output`, `cacheDirectory`): the one it begins with.
  const begun = (word: string) => allowed.filter((name) => word.toLowerCase().startsWith(name.toLowerCase())).sort((a, b) => b.length - a.length)[0];
  const meant = typeof given === 'string' ? closest(given, allowed) ?? begun(given) : undefined;
  return meant === undefined ? '' : ` (did you mean \`${meant}\`?)`;
}

/** `jobs` as `--jobs` takes it: a whole number of threads from 1 to MAX_JOBS, or left out. */
function jobsOption(value: unknown): number | undefined {
  if (value === undefined || (typeof value === 'number' && Number.isInteger(value) && value >= 1 && value <= MAX_JOBS)) return value;
  throw new TypeError(`\`jobs\` must be a whole number of threads from 1 to ${MAX_JOBS}; it is ${describeValue(value)}.`);
}

/** An option that must be one of `allowed`, or left out. */
function oneOf<T extends string>(name: string, value: unknown, allowed: readonly T[]): T | undefined {
  if (value === undefined || (typeof value === 'string' && (allowed as readonly string[]).includes(value))) return value as T | undefined;
  throw new TypeError(`\`${name}\` must be one of ${allowed.map((a) => `"${a}"`).join(', ')}; it is ${describeValue(value)}${suggestion(value, allowed)}.`);
}

/** `templates` given as an object: a set `loadTemplateSet` loaded (its `set`, not the whole result). */
function templateSetOption(value: object): TemplateSet {
  const set = value as Partial<TemplateSet>;
  if (typeof set.name === 'string' && Array.isArray(set.formats) && set.files instanceof Map) return value as TemplateSet;
  const result = 'ok' in value && 'set' in value ? ' (the result of `loadTemplateSet`: give its `set`)' : '';
  throw new TypeError(`\`templates\` must be a template set that \`loadTemplateSet\` loaded, or a set's name; it is ${describeValue(value)}${result}.`);
}

/** An option that must be a string, or left out. */
function stringOption(name: string, value: unknown): string | undefined {
  if (value === undefined || typeof value === 'string') return value;
  throw new TypeError(`\`${name}\` must be a string; it is ${describeValue(value)}.`);
}

/**
 * The working folder, resolved, as build resolves it: the check that a set lies inside the project compares absolute paths. One
 * that is not there (a misspelt `cwd`) would be made by a build, with its output folder in it, and searched in vain for the
 * project's sets and config file, leaving the built-in ones in force without a word; a command always runs in a folder that is.
 */
async function workingFolder(value: unknown): Promise<string> {
  const cwd = resolve(stringOption('cwd', value) ?? process.cwd());
  const found = await stat(cwd).catch(() => undefined);
  if (found?.isDirectory()) return cwd;
  throw new UsageError(`The working folder ${cwd} ${found ? 'is a file, not a folder' : 'does not exist'}.`, 'Give `cwd` the project\'s folder, or leave it out for the process\'s working folder.');
}

/**
 * A file or folder name, or left out: an empty one (`out: process.env.OUT ?? 'dist'` with OUT set empty) would be the
 * working folder, or, for a config file, the one found by searching, without a word; `--out ''` and `--config ''` are refused.
 * A template set named empty would be the working folder too, read as a set: the whole project, refused for its depth or size.
 */
function nameOption(name: string, value: unknown, what = name === 'out' ? 'folder' : 'file'): string | undefined {
  const given = stringOption(name, value);
  if (given?.trim() === '') throw new TypeError(`\`${name}\` must name a ${what}; it is ${describeValue(given)}.`);
  return given;
}

/** An option that must be a list of strings (each one of `allowed`, when given), or left out. */
function list<T extends string>(name: string, value: unknown, allowed?: readonly T[]): T[] | undefined {
  if (value === undefined) return undefined;
  if (!Array.isArray(value) || value.some((item) => typeof item !== 'string' || (allowed !== undefined && !(allowed as readonly string[]).includes(item)))) {
    const wrong = Array.isArray(value) && allowed !== undefined ? value.find((item) => typeof item === 'string' && !(allowed as readonly string[]).includes(item)) as string | undefined : undefined;
    const meant = wrong === undefined ? '' : suggestion(wrong, allowed!).replace('(did you mean', `(for "${wrong}", did you mean`);
    throw new TypeError(`\`${name}\` must be a list of ${allowed ? allowed.map((a) => `"${a}"`).join(', ') : 'strings'}; it is ${describeValue(value)}${Array.isArray(value) ? ` (${value.map((item) => JSON.stringify(item) ?? String(item)).join(', ')})` : ''}${meant}.`);
  }
  return value as T[];
}

/** `formats` as `--format` takes them: at least one, each once (a format named twice would write each of its files twice, an error). */
function formatsOption(value: unknown): BuildFormat[] | undefined {
  const formats = list('formats', value, BUILD_FORMATS);
  if (formats?.length === 0) throw new TypeError(`\`formats\` must name at least one of ${BUILD_FORMATS.map((a) => `"${a}"`).join(', ')}; it is an empty list.`);
  return formats && [...new Set(formats)];
}

function summarise(result: ValidationResult): ReleaseCheck {
  const ok = result.release !== undefined && !result.diagnostics.some((d) => d.severity === 'error');
  // A text given to the library has no file that `validate --fix` could rewrite, as one read from standard input has none: no hint offers it.
  return { ok, ...(result.release ? { release: result.release } : {}), diagnostics: withoutFixOffers(result.diagnostics).sort(compareDiagnostics) };
}

/**
 * Checks one release as `validate` does; the checks across files (duplicate ids, translations) need `build`, and those of a
 * template set (labels for the release's language) a set: `renderRelease` reports them. Nothing is read: its local images,
 * files beside it, are not looked for.
 */
export function checkRelease(text: string | Uint8Array, options?: ReleaseOptions): ReleaseCheck {
  const given = optionsObject(options, RELEASE_OPTIONS);
  return summarise(validate(text, given.file ?? 'release.md', { config: toConfig(given.config), now: toTime(given.now) }));
}

/** Loads a template set by name or folder, with every set it extends, found as `--template` finds it. */
export async function loadTemplateSet(nameOrFolder: string, options?: TemplateSetOptions): Promise<LoadedTemplateSet> {
  const given = optionsObject(options, TEMPLATE_SET_OPTIONS);
  if (typeof nameOrFolder !== 'string') throw new TypeError(`The template set must be named by a string, its name or folder; it is ${describeValue(nameOrFolder)}.`);
  // An empty name would be the working folder, read as a set: the whole project, refused for its depth or size.
  if (nameOrFolder.trim() === '') throw new TypeError(`The template set must be named by its name or folder; it is ${describeValue(nameOrFolder)}.`);
  const configFile = nameOption('configFile', given.configFile);
  const cwd = await workingFolder(given.cwd);
  const project = await configFor(cwd, { cwd, ...(configFile ? { configPath: configFile } : {}) });
  const loaded = await findAndLoadSet(nameOrFolder, templateSearch(project, cwd));
  return loaded.ok ? { ok: true, set: loaded.set, diagnostics: setWarnings(loaded.warnings, project.config.rules).sort(compareDiagnostics) } : { ok: false, diagnostics: loaded.diagnostics };
}

/**
 * Where `renderRelease` looks for a set it is given by name: as `--template` looks from the working folder, except that a `templates`
 * folder in the caller's config is searched in place of the config file's, since that config is the one the release is rendered with.
 * It is relative to the working folder: an object has no file to be relative to.
 */
async function renderSearch(config: Config, cwd: string): Promise<TemplateSearch> {
  const found = templateSearch(await configFor(cwd, { cwd }), cwd);
  if (config.templates === undefined) return found;
  const { configFolder: _fileFolder, configFile: _file, ...search } = found;
  return { ...FRESH, ...search, configFolder: resolve(cwd, config.templates) };
}

/** Checks and renders one release in one format, as `build` renders it; nothing is written. */
export async function renderRelease(text: string | Uint8Array, options?: RenderOptions): Promise<RenderedRelease> {
  const given = optionsObject(options, RENDER_OPTIONS);
  // As every other option: left out is the default, and anything else (`null` too) must be one of the formats.
  const format = oneOf('format', given.format, OUTPUT_FORMATS) ?? 'html';
  const config = toConfig(given.config);
  const now = toTime(given.now);
  const file = given.file ?? 'release.md';
  releaseArguments(text, file);
  let set: TemplateSet | undefined;
  // A set loaded here has its warnings reported with the release's, as a build reports them; one loaded by the caller had them from `loadTemplateSet`.
  let warnings: Diagnostic[] = [];
  let setProblems: Diagnostic[] = [];
  if (typeof given.templates === 'object' && given.templates !== null) set = templateSetOption(given.templates);
  else {
    const name = nameOption('templates', given.templates, 'template set') ?? 'default';
    const loaded = await findAndLoadSet(name, await renderSearch(config, await workingFolder(given.cwd)));
    // A set that is not there is a call that cannot be carried out, as for `build`; a broken one is the set's diagnostics.
    if (!loaded.ok && loaded.notFound) throw new UsageError(loaded.diagnostics[0]!.message, loaded.diagnostics[0]!.hint);
    if (loaded.ok) {
      set = loaded.set;
      warnings = setWarnings(loaded.warnings, config.rules);
    } else setProblems = loaded.diagnostics;
  }
  // The release is checked against the page the set makes of it (the ids it gives elements around the body).
  const result = validate(text, file, { config, now, ...(set ? { pageIds: pageIdsOf(set) } : {}) });
  const checked = summarise(result);
  if (!set) return { ok: false, diagnostics: [...checked.diagnostics, ...setProblems].sort(compareDiagnostics) };
  if (!set.formats.includes(format) && format !== 'json' && format !== 'ninjs') {
    throw new UsageError(`The template set "${set.name}" does not provide ${format}.`, `It provides ${set.formats.join(', ')}.`);
  }
  if (!checked.ok || !checked.release || !result.body) return { ok: false, diagnostics: [...checked.diagnostics, ...warnings].sort(compareDiagnostics) };
  const rendering = new ReleaseRendering({ set, config, now, formats: [format] });
  const publication = publicationOf(checked.release, now, config.timezone);
  // A release not public at `now` is in no listing, as in a build of it alone (`--embargoed`, `--drafts`): its page links to no
  // listing, feed or tag page made of public releases only.
  const outcome = rendering.render(checked.release, result.body, [], undefined, publication.public ? undefined : { language: false, tags: [] });
  const output = outcome.outputs[0];
  if (!outcome.ok || !output) return { ok: false, diagnostics: [...checked.diagnostics, ...warnings, ...rendering.problems.list()].sort(compareDiagnostics) };
  return { ok: true, output: output.content, path: output.path, release: checked.release, publication, diagnostics: [...checked.diagnostics, ...warnings].sort(compareDiagnostics) };
}

/** Builds releases into an output folder as `migration-news build` does, and returns what it reports. */
export async function build(options?: BuildOptions): Promise<BuildResult> {
  const given = optionsObject(options, BUILD_OPTIONS);
  for (const name of ['keepGoing', 'force', 'keepThreads'] as const) {
    if (given[name] !== undefined && typeof given[name] !== 'boolean') throw new TypeError(`\`${name}\` must be true or false; it is ${describeValue(given[name])}.`);
  }
  const jobs = jobsOption(given.jobs);
  const cacheDir = nameOption('cacheDir', given.cacheDir, 'folder');
  const configFile = nameOption('configFile', given.configFile);
  const template = nameOption('template', given.template, 'template set');
  const checked = {
    paths: list('paths', given.paths) ?? ['.'],
    out: nameOption('out', given.out) ?? 'dist',
    formats: formatsOption(given.formats) ?? ['html', 'text', 'json'],
    template: template ?? 'default',
    emailTemplate: emailSetFor(template),
    mode: oneOf('mode', given.mode, PUBLICATION_MODES) ?? 'public',
    keepGoing: given.keepGoing ?? false,
    now: toTime(given.now),
    ...(configFile ? { configPath: configFile } : {}),
    ...(given.force ? { force: true } : {}),
    ...(jobs !== undefined ? { jobs } : {}),
    ...(given.keepThreads ? { keepThreads: true } : {}),
  };
  // The working folder is looked at last: an option of the wrong kind is a TypeError whatever the folder.
  const cwd = await workingFolder(given.cwd);
  return buildProject({ ...FRESH, ...checked, ...(cacheDir !== undefined ? { cacheDir: resolve(cwd, cacheDir) } : {}), cwd });
}

const PUBLICATION_MODES: readonly PublicationMode[] = ['public', 'embargoed', 'drafts'];

/** Each function's options, as its options interface declares them (each named, so that an option added there is added here): any other key is a misspelling. */
const optionNames = <T extends object>(names: Record<keyof T, true>): (keyof T & string)[] => Object.keys(names) as (keyof T & string)[];
const RELEASE_OPTIONS = optionNames<ReleaseOptions>({ config: true, now: true, file: true });
const RENDER_OPTIONS = optionNames<RenderOptions>({ config: true, now: true, file: true, format: true, templates: true, cwd: true });
const TEMPLATE_SET_OPTIONS = optionNames<TemplateSetOptions>({ cwd: true, configFile: true });
const BUILD_OPTIONS = optionNames<BuildOptions>({
  paths: true, cwd: true, out: true, formats: true, template: true, mode: true, keepGoing: true, force: true, configFile: true, now: true, jobs: true,
  keepThreads: true, cacheDir: true,
});
