import { lstat, readdir, readlink, realpath, stat } from 'node:fs/promises';
import { basename, dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { attachSourceLines, withSourceLine, type Diagnostic, type RuleId } from '../core/diagnostic.js';
import { OUTPUT_FORMATS, type OutputFormat } from '../core/model.js';
import { normaliseText, readYaml } from '../core/parse.js';
import { isLanguageTag } from '../core/locale/index.js';
import { ENTRY_TEMPLATES, unshownContent, unusedTemplates, type LabelFile, type TemplateFile, type TemplateSet } from '../core/templates.js';
import { leadsOut, linkEscape, realOrSelf } from './confine.js';
import { isInside } from './paths.js';
import { displayPath, unopenableName, withRealName } from './find.js';
import { readTextFile, withTooLargeHint } from './read.js';
import { FRESH } from '../core/objects.js';
import { systemErrorText } from './system-errors.js';
import { setsFolderProblem, setsFolderProblemText } from './sets-folder.js';
import { BUILTIN_TEMPLATES, builtinFileName } from './builtin.js';
import { closest } from '../core/suggest.js';
import { refusedCharacterIn } from '../core/characters.js';
import type { Location } from '../core/diagnostic.js';
import { withoutFixOffers } from '../core/fix-offer.js';

export { BUILTIN_TEMPLATES } from './builtin.js';

const MAX_TEMPLATE_FILES = 500;
/** Entries (files and folders) looked at in one set folder, and how deep: a set is a handful of folders, not a file system. */
const MAX_TEMPLATE_ENTRIES = 5_000;
const MAX_TEMPLATE_DEPTH = 8;
const MAX_EXTENDS_DEPTH = 8;
/**
 * Characters of templates and labels one set holds with the sets it extends:
 * within the limits of a file and of a set, eight sets deep could still be
 * gigabytes read and kept in memory (a pull request commits them cheaply, as
 * git compresses repeated text). The built-in sets hold some 60,000.
 */
const MAX_SET_CHARACTERS = 16 * 1024 * 1024;
/** The most characters one template file may hold. */
const MAX_TEMPLATE_CHARACTERS = 1_000_000;

/** A template over the limit, in words of its own: `limits.maxFileSize` is the release files', and does not move this one. */
function templateTooLarge(characters?: number): { message: string; hint: string } {
  return {
    message: `The template ${characters === undefined ? 'is' : `holds ${characters.toLocaleString('en')} characters,`} over the limit of ${MAX_TEMPLATE_CHARACTERS.toLocaleString('en')} characters a template file may hold.`,
    hint: 'Move parts of it into partials (`{% include %}`), or move large data (styles, images) out of the template.',
  };
}

/** What is left of a set's characters (`MAX_SET_CHARACTERS`) while its chain is read, and the set it is charged to. */
interface SetBudget { left: number; set: string }
const NAME_PATTERN = /^[a-z0-9][a-z0-9_-]*$/i;

export interface TemplateSearch {
  /** The project's own `templates/` folder (beside the config file, or in the working folder). */
  projectFolder?: string;
  /** The config file's `templates` folder. */
  configFolder?: string;
  /** The config file that names `configFolder`, to say where a folder that is not there is named. */
  configFile?: string;
  /** Why the config's `templates` folder is not searched (it lies outside the project), said with a set not found. */
  configFolderUnsearched?: { message: string; hint?: string };
  cwd: string;
}

export interface SetLocation {
  name: string;
  folder: string;
  origin: 'path' | 'project' | 'config' | 'built-in';
  /** Why the set is not read: a link leading out of the project. */
  refused?: string;
}

export type LoadedSet =
  /** `warnings`: files of the set's own folders that no build reads (`template/unused-file`). */
  | { ok: true; set: TemplateSet; chain: SetLocation[]; warnings: Diagnostic[] }
  /** `notFound`: the set named on the command line does not exist, a usage error rather than a broken set. */
  | { ok: false; diagnostics: Diagnostic[]; notFound?: boolean };

/** What is wrong with the config's `templates` folder, in words, when a set looked for there is not found. */
async function configFolderNote(search: TemplateSearch): Promise<string | undefined> {
  if (search.configFolder === undefined) return undefined;
  const problem = await setsFolderProblem(search.configFolder);
  if (!problem) return undefined;
  const folder = displayPath(search.configFolder, search.cwd);
  const what = setsFolderProblemText(problem);
  // Without a file, the config is an object a program gave the library (renderRelease), whose `templates` is relative to its working folder.
  return `\`templates\` in ${search.configFile ? displayPath(search.configFile, search.cwd) : 'the config'} names ${folder}, ${what}, so no set is found there.`;
}

/**
 * What to do about a set name found nowhere. A `templates` folder in the working folder holding the set, when the project's
 * sets are elsewhere (the config file found from the releases' folder is in another), is the likely mistake: said so.
 */
async function unknownSetHint(name: string, search: TemplateSearch, configFolderWrong: boolean): Promise<string> {
  if (configFolderWrong) return `Correct the path in \`templates\` (it is relative to ${search.configFile ? 'the config file' : 'the working folder'}), or make the folder.`;
  const here = join(search.cwd, 'templates');
  if (search.projectFolder !== undefined && resolve(search.projectFolder) !== resolve(here) && (await isFolder(join(here, name)))) {
    const own = displayPath(search.projectFolder, search.cwd);
    return `The folder ${displayPath(join(here, name), search.cwd)} is not one of this project's sets, which are in ${own} (beside its config file): move it there, or name it as a folder, \`--template ./templates/${name}\`.`;
  }
  const meant = closest(name, [...new Set((await listSets(search)).map((set) => set.name))]);
  if (meant !== undefined) return `Did you mean ${meant}?`;
  return 'The built-in sets are default and email; `migration-news templates list`, run in the folder of the config file, lists the project\'s own.';
}

/** The folder of the project's sets (its `templates` folder, then the config's) that holds a folder named `name`, if one does. */
async function setsFolderHolding(name: string, search: TemplateSearch): Promise<string | undefined> {
  for (const [root, origin] of places(search)) {
    if (origin !== 'built-in' && (await isFolder(join(root, name)))) return join(root, name);
  }
  return undefined;
}

async function isFolder(path: string): Promise<boolean> {
  return (await stat(path).catch(() => undefined))?.isDirectory() ?? false;
}

/** The look-up roots in order; a folder named twice (the tool's own checkout as a project) counts once, as its last role. */
function places(search: TemplateSearch): [string, SetLocation['origin']][] {
  const all: [string | undefined, SetLocation['origin']][] = [
    [search.projectFolder, 'project'],
    [search.configFolder, 'config'],
    [BUILTIN_TEMPLATES, 'built-in'],
  ];
  const known = all.filter((p): p is [string, SetLocation['origin']] => p[0] !== undefined).map(([root, origin]) => [resolve(root), origin] as [string, SetLocation['origin']]);
  return known.filter(([root], i) => !known.slice(i + 1).some(([later]) => later === root));
}

/** Where a set of this name is, first match wins: project, config folder, built-in; folders in `skip` are passed over. */
export async function findSet(name: string, search: TemplateSearch, skip: readonly string[] = []): Promise<SetLocation | undefined> {
  if (!NAME_PATTERN.test(name)) return undefined;
  for (const [root, origin] of places(search)) {
    const folder = join(root, name);
    if (skip.includes(folder)) continue;
    if ((await isFolder(folder)) || (origin !== 'built-in' && (await leadsOutOfProject(folder, search)))) return confine({ name, folder, origin }, search);
  }
  return undefined;
}

/**
 * Whether `folder`, in the project as written, is a link (or lies behind
 * one) that leads out of it: one that is no folder (a link to nothing
 * there, or to a file) is refused as a link out to a folder is (`confine`).
 * Passed over, or said not to exist, it would tell a pull request which
 * folders exist elsewhere.
 */
async function leadsOutOfProject(folder: string, search: TemplateSearch): Promise<boolean> {
  const roots = await projectRoots(search);
  const written = [search.cwd, ...(search.projectFolder ? [dirname(search.projectFolder)] : [])].map((root) => resolve(search.cwd, root));
  const path = resolve(search.cwd, folder);
  return [...written, ...roots.slice(0, -1)].some((root) => isInside(path, root)) && (await leadsOut(path, roots));
}

/**
 * The real folders a project's template files may be in: the working folder
 * and the project's (the one that holds the config file), and the built-in sets.
 */
async function projectRoots(search: TemplateSearch): Promise<string[]> {
  const roots = [search.cwd, ...(search.projectFolder ? [dirname(search.projectFolder)] : []), BUILTIN_TEMPLATES];
  return Promise.all(roots.map((root) => realOrSelf(resolve(search.cwd, root))));
}

/**
 * Marks a set as refused when it is, or lies behind, a symbolic link that
 * leads outside the project (`templates/default -> /`): such a set would make
 * the tool walk, read and quote files anywhere on the machine. A folder named
 * on the command line outside the project is the user's choice and is read,
 * through the user's own link too (`../themes/current -> press-v2`), unless
 * it leads back into the project, whose links are then checked.
 */
async function confine(location: SetLocation, search: TemplateSearch): Promise<SetLocation> {
  const roots = await projectRoots(search);
  const lexical = resolve(search.cwd, location.folder);
  const inProject = (path: string) => roots.slice(0, -1).some((root) => isInside(path, root));
  const named = location.origin === 'path' && !inProject(lexical) && await staysOut(lexical, inProject);
  if (location.origin === 'built-in' || named) return location;
  const escape = await linkEscape(location.folder, roots);
  return escape ? { ...FRESH, ...location, refused: escape } : location;
}

/** Links a chain of the user's may take before it is refused as a circle. */
const MAX_USER_LINKS = 40;

/** Whether `path`, and each link it leads through to its end, lie outside the project (`inProject`), on the way as at the end. */
async function staysOut(path: string, inProject: (path: string) => boolean): Promise<boolean> {
  let at = path;
  for (let hop = 0; hop < MAX_USER_LINKS; hop++) {
    const folder = await realpath(dirname(at)).catch(() => dirname(at));
    if (inProject(folder)) return false;
    const target = await readlink(at).catch(() => undefined);
    if (target === undefined) return !inProject(join(folder, basename(at)));
    at = resolve(folder, target);
    if (inProject(at)) return false;
  }
  return false;
}

/** Lists the sets each place provides, with their descriptions, for `templates list`. */
export async function listSets(search: TemplateSearch): Promise<(SetLocation & { description?: string; extends?: string })[]> {
  const out: (SetLocation & { description?: string; extends?: string })[] = [];
  for (const [root, origin] of places(search)) {
    if (!(await isFolder(root))) continue;
    const entries = (await readdir(root, { withFileTypes: true }).catch(() => [])).sort((a, b) => (a.name < b.name ? -1 : 1));
    for (const entry of entries) {
      if (!entry.isDirectory() || !NAME_PATTERN.test(entry.name)) continue;
      const location: SetLocation = { name: entry.name, folder: join(root, entry.name), origin };
      const manifest = await readManifest(location, search.cwd);
      out.push({ ...FRESH, ...location, ...(manifest.ok && manifest.description ? { description: manifest.description } : {}), ...(manifest.ok && manifest.extends ? { extends: manifest.extends } : {}) });
    }
  }
  return out;
}

/** The folder of a set named by its path (`--template ./brand`), resolved from the working folder; undefined for a set named by its name. */
export function setFolderNamed(nameOrPath: string, cwd: string): string | undefined {
  const looksLikePath = nameOrPath.includes('/') || nameOrPath.includes(sep) || nameOrPath.startsWith('.');
  return looksLikePath || !NAME_PATTERN.test(nameOrPath) ? resolve(cwd, nameOrPath) : undefined;
}

/**
 * Resolves `--template NAME|DIR` and loads the set with every set it extends,
 * into one map of files: a file of the set itself wins over its parent's.
 */
export async function loadTemplateSet(nameOrPath: string, search: TemplateSearch): Promise<LoadedSet> {
  const fail = (message: string, file = nameOrPath, hint?: string, ruleId: RuleId = 'template/manifest'): LoadedSet & { ok: false } => ({
    ok: false,
    diagnostics: [{ file, line: 1, column: 1, severity: 'error', ruleId, message, ...(hint ? { hint } : {}) }],
  });
  const folder = setFolderNamed(nameOrPath, search.cwd);
  let location: SetLocation | undefined;
  if (folder !== undefined) {
    if (!(await isFolder(folder)) && !(await leadsOutOfProject(folder, search))) {
      // A release or a template file named by mistake (`-t release.html.liquid`) is there: it is said to be no folder, not to be missing.
      const there = await stat(folder).then(() => true, () => false);
      // A name no set may have (`prəss`, `my press`), read as a folder of the working folder, where the project's sets hold
      // a folder of that name (made by `templates eject default --to "templates/my press"`): said so, with how to name it.
      const named = nameOrPath.includes('/') || nameOrPath.includes(sep) || nameOrPath.startsWith('.') || there ? undefined
        : await setsFolderHolding(nameOrPath, search);
      if (named !== undefined) {
        const path = relative(search.cwd, named).split(sep).join('/');
        const option = JSON.stringify(path.startsWith('../') ? path : `./${path}`);
        return { ...FRESH, ...fail(`There is no template set named "${nameOrPath}": a set's name is made of ASCII letters, digits, "-" and "_", so the folder ${displayPath(named, search.cwd)} is not looked up by it.`, nameOrPath, `Name the set by its folder, \`--template ${option}\`, or rename the folder with those characters alone.`, 'template/unknown-set'), notFound: true };
      }
      return { ...FRESH, ...fail(`The template folder ${nameOrPath} ${there ? 'is a file, not a folder' : 'does not exist'}.`, nameOrPath, 'Name a built-in set (default, email) or a folder holding template.yaml.', 'template/unknown-set'), notFound: true };
    }
    location = await confine({ name: basename(folder), folder, origin: 'path' }, search);
  } else {
    location = await findSet(nameOrPath, search);
    if (!location) {
      // A misspelt `templates` folder in the config is the likelier mistake than the set's name: said first.
      const note = await configFolderNote(search);
      const looked = places(search).filter(([, origin]) => origin !== 'built-in').map(([root]) => displayPath(join(root, nameOrPath), search.cwd));
      const where = looked.length > 0 ? ` (no folder ${looked.join(' or ')}, and no built-in set of that name)` : '';
      const unsearched = search.configFolderUnsearched;
      const why = note ?? unsearched?.message;
      const hint = unsearched?.hint ?? await unknownSetHint(nameOrPath, search, note !== undefined);
      return { ...FRESH, ...fail(`There is no template set named "${nameOrPath}"${where}.${why ? ` ${why}` : ''}`, nameOrPath, hint, 'template/unknown-set'), notFound: true };
    }
  }

  const chain: SetLocation[] = [];
  const files = new Map<string, TemplateFile>();
  /** The files that come from the set's own folders in the project, and the files there that are not templates. */
  const own = new Set<string>();
  const unread: { name: string; path: string }[] = [];
  /** The set's own files that take the place of a file of a set it extends: named right, whatever else is wrong with them. */
  const overridden = new Set<string>();
  const labels = new Map<string, LabelFile>();
  let description: string | undefined;
  let formats: OutputFormat[] | undefined;
  let current: SetLocation | undefined = location;
  const budget: SetBudget = { left: MAX_SET_CHARACTERS, set: location.name };
  /** What the YAML reader warned of in the sets' template.yaml and labels files (yaml/comment-in-value): the set is read as YAML reads them. */
  const yamlWarnings: Diagnostic[] = [];
  while (current) {
    if (chain.length >= MAX_EXTENDS_DEPTH) return fail(`Template sets extend each other more than ${MAX_EXTENDS_DEPTH} levels deep: ${chain.map((c) => c.name).join(' → ')}.`, displayPath(current.folder, search.cwd));
    chain.push(current);
    const manifestPath = displayPath(join(current.folder, 'template.yaml'), search.cwd);
    if (current.refused) return fail(`The template set "${current.name}" cannot be used. ${current.refused}`, displayPath(current.folder, search.cwd), 'Commit the set\'s files in the project\'s templates folder instead of linking to a folder elsewhere.');
    const manifest = await readManifest(current, search.cwd, await projectRoots(search));
    if (!manifest.ok) return { ok: false, diagnostics: manifest.diagnostics };
    yamlWarnings.push(...manifest.warnings);
    if (chain.length === 1) {
      description = manifest.description;
      if (manifest.name && current.origin === 'path') current.name = manifest.name;
    }
    formats ??= manifest.formats;
    const collected = await collectFiles(current, search.cwd, budget);
    if (!collected.ok) return collected;
    // The set's own files are those of its folders, and of a folder of its name it fills its gaps from; a set it extends is used by
    // its own builds too, where a file this set does not use is not idle.
    const mine = current.origin !== 'built-in' && current.name === chain[0]!.name;
    for (const file of collected.files) {
      if (files.has(file.name)) {
        if (!mine) overridden.add(file.name);
        continue;
      }
      files.set(file.name, file);
      if (mine) own.add(file.name);
    }
    if (mine) unread.push(...collected.unread);
    const labelFiles = await readLabels(current, search.cwd, budget);
    if (!labelFiles.ok) return labelFiles;
    yamlWarnings.push(...labelFiles.warnings);
    mergeLabels(labels, labelFiles.labels);
    const visited = chain.map((c) => c.folder);
    if (manifest.extends) {
      const parentName: string = manifest.extends;
      const parent: SetLocation | undefined = await findSet(parentName, search, visited);
      if (!parent) {
        const at: Location = { ...FRESH, ...(manifest.extendsAt ?? { line: 1, column: 1 }), file: manifestPath };
        if (chain.some((c) => c.name === parentName)) {
          return { ok: false, diagnostics: [{ ...FRESH, ...at, severity: 'error', ruleId: 'template/manifest', message: `The template set "${current.name}" extends "${parentName}", which extends it in turn: ${[...chain.map((c) => c.name), parentName].join(' → ')}.`, hint: 'Remove `extends` from one of them.' }] };
        }
        const meant = closest(parentName, [...new Set((await listSets(search)).map((set) => set.name))]);
        const note = await configFolderNote(search);
        return { ok: false, diagnostics: [{ ...FRESH, ...at, severity: 'error', ruleId: 'template/manifest', message: `The template set "${current.name}" extends "${parentName}", which cannot be found.${note ? ` ${note}` : ''}`, hint: `${meant ? `Did you mean ${meant}? ` : ''}Run \`migration-news templates list\` to see the sets.` }] };
      }
      current = parent;
    } else {
      // A set that shadows another of its name (a project's templates/default, say) fills its gaps from it,
      // so overriding one partial takes one file.
      current = await findSet(current.name, search, visited);
    }
  }
  // Every set has the built-in labels underneath its own, as it has no other way to know the words of a language.
  if (!chain.some((c) => c.origin === 'built-in' && c.name === 'default')) {
    const builtIn = await readLabels({ name: 'default', folder: join(BUILTIN_TEMPLATES, 'default'), origin: 'built-in' }, search.cwd);
    if (builtIn.ok) mergeLabels(labels, builtIn.labels);
  }
  const available = OUTPUT_FORMATS.filter((f) => f === 'json' || f === 'ninjs' || files.has(ENTRY_TEMPLATES[f]));
  const declared = formats ?? available;
  const missing = declared.filter((f) => !available.includes(f));
  if (missing.length > 0) {
    return fail(
      `The template set "${chain[0]!.name}" lists ${missing.join(', ')} in \`formats\` but has no ${missing.map((f) => ENTRY_TEMPLATES[f]).join(' or ')}.`,
      displayPath(join(chain[0]!.folder, 'template.yaml'), search.cwd),
      'Add the template, or take the format out of `formats`.',
    );
  }
  // The nearest set of the chain that is the project's (not built in): where words a set lacks are added.
  const projectSet = chain.find((c) => c.origin !== 'built-in');
  const set: TemplateSet = {
    name: chain[0]!.name, ...(description ? { description } : {}), formats: declared, files, labels, lineage: chain.map((c) => c.name),
    ...(projectSet ? { ownFolder: displayPath(projectSet.folder, search.cwd) } : {}),
  };
  return { ok: true, chain, set, warnings: [...yamlWarnings, ...unusedFileWarnings(set, own, overridden, unread), ...unshownWarnings(set, own)] };
}

type Manifest = { ok: true; name?: string; description?: string; formats?: OutputFormat[]; extends?: string; extendsAt?: Location; warnings: Diagnostic[] } | { ok: false; diagnostics: Diagnostic[] };

/** The fields of a template.yaml. */
const MANIFEST_FIELDS = ['name', 'description', 'formats', 'extends'];

/**
 * How a file of a set is named in diagnostics and `templates list`: from the working folder, as every file of the project is,
 * and a file of a built-in set by its place in the package, the same wherever the tool is installed (`builtinFileName`).
 */
function setFilePath(path: string, location: SetLocation, cwd: string): string {
  return location.origin === 'built-in' ? builtinFileName(path) : displayPath(path, cwd);
}

async function readManifest(location: SetLocation, cwd: string, roots?: readonly string[]): Promise<Manifest> {
  const path = join(location.folder, 'template.yaml');
  const display = setFilePath(path, location, cwd);
  const info = await lstat(path).catch(() => undefined);
  if (!info) return { ok: true, warnings: [] };
  if (info.isSymbolicLink()) {
    // A manifest may link to another file of the project, never out of it: its content is quoted in messages.
    const escape = await linkEscape(path, roots ?? [await realOrSelf(location.folder)]);
    if (escape) return { ok: false, diagnostics: [{ file: display, line: 1, column: 1, severity: 'error', ruleId: 'file/unreadable', message: `The set's template.yaml cannot be used. ${escape}`, hint: 'Commit template.yaml itself, not a link to a file outside the project.' }] };
  }
  const read = await readTextFile(path, display, 64 * 1024);
  if (!read.ok) return { ok: false, diagnostics: [withTooLargeHint(read.diagnostic, 'Shorten template.yaml: it holds only name, description, formats and extends.')] };
  const text = normaliseText(read.text);
  const yaml = readYaml(text, display);
  // `validate --fix` rewrites releases, never a set's files: the hints say what to change by hand.
  yaml.diagnostics = withoutFixOffers(yaml.diagnostics);
  // With the line each points at, for the code frame a release's or the config file's problems get.
  attachSourceLines(yaml.diagnostics, display, text);
  if (yaml.data === undefined) return { ok: false, diagnostics: yaml.diagnostics };
  const data = yaml.data as Record<string, unknown>;
  const problems: Diagnostic[] = [];
  const bad = (key: string, message: string, hint?: string, at: Location = yaml.locate([key], 'value')) =>
    problems.push({ ...FRESH, ...at, severity: 'error', ruleId: 'template/manifest', message, ...(hint ? { hint } : {}) });
  // A misspelt field (`extend: default`, `format: [html]`) would otherwise change what the set is without a word.
  if (data !== null && typeof data === 'object' && !Array.isArray(data)) {
    for (const key of Object.keys(data)) {
      if (MANIFEST_FIELDS.includes(key)) continue;
      const meant = closest(key, MANIFEST_FIELDS);
      bad(key, `\`${key}\` is not a field of template.yaml.`, meant ? `Did you mean \`${meant}\`?` : `A set's template.yaml has the fields ${MANIFEST_FIELDS.join(', ')}.`, yaml.locate([key], 'key'));
    }
  }
  const str = (key: string) => {
    const v = data[key];
    if (v === undefined) return undefined;
    if (typeof v !== 'string') { bad(key, `\`${key}\` must be text.`); return undefined; }
    return v;
  };
  const name = str('name');
  const description = str('description');
  const parent = str('extends');
  let formats: OutputFormat[] | undefined;
  if (data.formats !== undefined) {
    // Each entry that is no format is told, at its place, as every problem of a file is.
    const unknown = Array.isArray(data.formats) ? data.formats.flatMap((f, i) => ((OUTPUT_FORMATS as string[]).includes(String(f)) ? [] : [i])) : [];
    if (!Array.isArray(data.formats)) {
      const one = typeof data.formats === 'string' && (OUTPUT_FORMATS as string[]).includes(data.formats) ? data.formats : OUTPUT_FORMATS.join(', ');
      bad('formats', `\`formats\` must be a list of ${OUTPUT_FORMATS.join(', ')}.`, `Write a list: \`formats: [${one}]\`.`);
    } else if (unknown.length > 0) {
      for (const index of unknown) {
        const meant = closest(String(data.formats[index]), [...OUTPUT_FORMATS, 'txt', 'htm']);
        const format = meant === 'txt' ? 'text' : meant === 'htm' ? 'html' : meant;
        bad('formats', `\`formats\` must be a list of ${OUTPUT_FORMATS.join(', ')}; ${JSON.stringify(String(data.formats[index]))} is none of them.`, format ? `Did you mean ${format}?` : undefined, yaml.locate(['formats', index], 'value'));
      }
    } else formats = data.formats as OutputFormat[];
  }
  if (parent !== undefined && !NAME_PATTERN.test(parent)) bad('extends', '`extends` must name a template set, such as default.');
  if (problems.length > 0) {
    attachSourceLines(problems, display, text);
    return { ok: false, diagnostics: [...yaml.diagnostics, ...problems] };
  }
  return { ok: true, warnings: yaml.diagnostics, ...(name ? { name } : {}), ...(description ? { description } : {}), ...(formats ? { formats } : {}), ...(parent ? { extends: parent, extendsAt: withSourceLine(yaml.locate(['extends'], 'value'), text) } : {}) };
}

/**
 * The `.liquid` files of one set folder, by their path inside it. Symbolic
 * links are not followed, and the walk is bounded: a set folder that holds
 * a whole file system (or an unreadable folder) is a diagnostic, not a crawl.
 */
async function collectFiles(location: SetLocation, cwd: string, budget: SetBudget): Promise<{ ok: true; files: TemplateFile[]; unread: { name: string; path: string }[] } | { ok: false; diagnostics: Diagnostic[] }> {
  const files: TemplateFile[] = [];
  const unread: { name: string; path: string }[] = [];
  const diagnostics: Diagnostic[] = [];
  let entries = 0;
  const problem = (path: string, message: string, hint?: string) =>
    diagnostics.push({ file: displayPath(path, cwd), line: 1, column: 1, severity: 'error', ruleId: 'file/unreadable', message, ...(hint ? { hint } : {}) });
  const walk = async (folder: string, depth: number): Promise<boolean> => {
    let listing;
    try {
      listing = await readdir(folder, { withFileTypes: true });
    } catch (cause) {
      if (await unopenableName(folder, cause)) {
        // Not valid UTF-8: the name Node decodes opens nothing, and "no such file" would be said of a folder that is there.
        diagnostics.push(notUtf8(await withRealName(folder, displayPath(folder, cwd)), 'folder', location.name));
        return false;
      }
      problem(folder, `The folder of the template set "${location.name}" cannot be read (${systemErrorText(cause, 'error')}).`, 'Make the folder readable, or remove it from the set.');
      return false;
    }
    listing.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of listing) {
      if ((entries += 1) > MAX_TEMPLATE_ENTRIES) {
        problem(location.folder, `The template set "${location.name}" holds more than ${MAX_TEMPLATE_ENTRIES.toLocaleString('en')} files and folders; it is not read.`, 'A template set is a folder of templates and partials; keep other files elsewhere.');
        return false;
      }
      const path = join(folder, entry.name);
      // A linked template or folder is not followed, where it could lead anywhere; passed over in silence, it would leave the set
      // it extends (the built-in partial) in its place on every page. The labels folder is told of as labels are (`readLabels`).
      const labels = depth === 1 && entry.name === 'labels';
      if (entry.isSymbolicLink() && (entry.name.endsWith('.liquid') || (!entry.name.startsWith('.') && !labels && (await stat(path).catch(() => undefined))?.isDirectory()))) {
        const what = entry.name.endsWith('.liquid') ? 'template' : 'folder';
        problem(path, `The ${what} ${relative(location.folder, path).split(sep).join('/')} of the template set "${location.name}" is a symbolic link; it is not read.`, what === 'template' ? 'Put the template itself in the set, or extend the set that holds it (extends in template.yaml).' : 'Put the folder itself in the set, or extend the set that holds its templates (extends in template.yaml).');
        continue;
      }
      if (entry.isDirectory() && !entry.name.startsWith('.')) {
        if (depth >= MAX_TEMPLATE_DEPTH) {
          problem(path, `The template set "${location.name}" nests folders more than ${MAX_TEMPLATE_DEPTH} levels deep; it is not read.`);
          return false;
        }
        if (!(await walk(path, depth + 1))) return false;
      } else if (entry.isFile() && entry.name.endsWith('.liquid')) {
        if (files.length >= MAX_TEMPLATE_FILES) {
          problem(location.folder, `The template set "${location.name}" has more than ${MAX_TEMPLATE_FILES} templates; it is not read.`);
          return false;
        }
        const display = setFilePath(path, location, cwd);
        if (await unopenableName(path)) {
          diagnostics.push(notUtf8(await withRealName(path, display), 'template', location.name));
          continue;
        }
        // Read up to the bytes the most characters a template may hold can take, then held to the characters.
        const read = await readTextFile(path, display, MAX_TEMPLATE_CHARACTERS * 4);
        if (!read.ok) diagnostics.push(read.diagnostic.ruleId === 'file/too-large' ? { ...FRESH, ...read.diagnostic, ...templateTooLarge() } : read.diagnostic);
        else if (read.text.length > MAX_TEMPLATE_CHARACTERS) diagnostics.push({ file: display, line: 1, column: 1, severity: 'error', ruleId: 'file/too-large', ...templateTooLarge(read.text.length) });
        else if (!spend(budget, read.text.length)) {
          problem(location.folder, tooLarge(budget), BUDGET_HINT);
          return false;
        } else {
          const name = relative(location.folder, path).split(sep).join('/');
          if (!isAbsolute(name)) files.push({ name, source: normaliseText(read.text), path: display, set: location.name });
        }
      } else if (entry.isFile() && (UNREAD_EXTENSION.test(entry.name) || misplacedYaml(relative(location.folder, path).split(sep).join('/')))) {
        unread.push({ name: relative(location.folder, path).split(sep).join('/'), path: displayPath(path, cwd) });
      }
    }
    return true;
  };
  await walk(location.folder, 1);
  return diagnostics.length > 0 ? { ok: false, diagnostics } : { ok: true, files, unread };
}

/** A template or folder of a set whose name is not UTF-8, shown as `display` (see `withRealName`): it is not read. */
function notUtf8(display: string, what: 'template' | 'folder', set: string): Diagnostic {
  return {
    file: display, line: 1, column: 1, severity: 'error', ruleId: 'file/unreadable',
    message: `The name of this ${what} of the template set "${set}" is not valid UTF-8, so it cannot be opened by its name; it is not read.`,
    hint: `Rename the ${what} to a UTF-8 name.`,
  };
}

/**
 * Files in a set folder that look meant to be templates, or to be published
 * with the set, but are not read: only `.liquid` files are templates
 * (`partials/contacts.html`, `release.html`, `styles.css`).
 */
const UNREAD_EXTENSION = /\.(?:html?|txt|text|json|xml|eml|css|js|tpl|tmpl|hbs|handlebars|mustache|njk|j2|jinja2?|ejs|erb|liquid[^/]*|liq[a-z]*)$/i;

/** A YAML file of a set that is neither its template.yaml nor a labels file in labels/ (`label/tr.yaml`, `tr.yaml`): read by nothing. */
function misplacedYaml(name: string): boolean {
  return /\.ya?ml$/i.test(name) && name !== 'template.yaml' && !/^labels\/[^/]+$/.test(name);
}

/**
 * Warnings about files of a set's own folders (not the built-in sets') that
 * no build reads: a template nothing renders or includes, and a file that is
 * no template. Each is most often a misspelt or misplaced override, which
 * leaves the set it extends in charge without a word.
 */
function unusedFileWarnings(set: TemplateSet, own: ReadonlySet<string>, overridden: ReadonlySet<string>, unread: readonly { name: string; path: string }[]): Diagnostic[] {
  // A project with no set of its own (the built-in ones alone) has no file of its own to be idle: nothing is read for it.
  if (own.size === 0 && unread.length === 0) return [];
  const warning = (file: string, message: string, hint: string): Diagnostic => ({ file, line: 1, column: 1, severity: 'warning', ruleId: 'template/unused-file', message, hint });
  const names = [...set.files.keys()];
  const include = (name: string) => `{% include '${name.replace(/\.liquid$/, '')}' %}`;
  const unused = unusedTemplates(set, (file) => own.has(file.name)).map(({ name, meant }) => warning(
    set.files.get(name)!.path,
    `The template ${name} is not used: no format renders it and no template includes it.`,
    // A file named as one of the set it extends is no misspelling: the set's own templates no longer include that file
    // (an ejected set whose page leaves out a partial).
    overridden.has(name)
      ? `It is named as the ${name} of the set it extends, which no template of this set includes: include it from a template (${include(name)}), or delete it.`
      : meant ? `Did you mean ${meant}? A file of that name takes the place of the one of the set it extends.` : `Include it from a template (${include(name)}), or delete it.`,
  ));
  const others = unread.map(({ name, path }) => {
    // The set's manifest under another name: read as template.yaml alone, in those letters.
    if (/^template\.ya?ml$/i.test(name)) return warning(path, `The file ${name} is not read: a set's settings are read from template.yaml alone.`, 'Rename it template.yaml.');
    // Words, not a template: a labels file in JSON, or in a folder no build reads.
    const lang = /^(?:labels?\/)?([^/]+)\.(?:ya?ml|json)$/i.exec(name)?.[1];
    if (lang !== undefined && (name.startsWith('labels/') || misplacedYaml(name))) {
      return warning(path, `The file ${name} is not read: a set's words are read from labels/<language>.yaml alone.`, `Write them as YAML in labels/${lang}.yaml.`);
    }
    const meant = closest(`${name.replace(/\.[^./]+$/, '')}.liquid`, names);
    return warning(path, `The file ${name} is not read: only files whose names end in .liquid are templates.`, meant ? `Did you mean ${meant}?` : 'Name a template ….liquid; a style sheet goes into a partial of the page, as partials/styles.liquid is.');
  });
  return [...unused, ...others];
}

/**
 * Warnings about what a template of the set's own folders writes inside a
 * layout that the page never shows: a block the layout has no place for
 * (`{% block contnet %}`), text outside every block (see `unshownContent`).
 */
function unshownWarnings(set: TemplateSet, own: ReadonlySet<string>): Diagnostic[] {
  if (own.size === 0) return [];
  const all = unshownContent(set, (file) => own.has(file.name));
  // The templates of the set it extends whose block the set's own layout (or a partial of it) left without a place: told once
  // for each block, at that file of the set's, which is where the block went missing.
  const inherited = new Map<string, { by: string; block: string; layout: string; blocks: string[]; names: string[] }>();
  for (const found of all) {
    if (found.by === undefined || found.block === undefined) continue;
    const key = `${found.by}\n${found.block}`;
    const known = inherited.get(key);
    if (known) known.names.push(found.name);
    else inherited.set(key, { by: found.by, block: found.block, layout: found.layout, blocks: found.blocks, names: [found.name] });
  }
  const missing = [...inherited.values()].map(({ by, block, layout, blocks, names }): Diagnostic => {
    const file = set.files.get(by)!;
    const fills = names.length === 1 ? `${names[0]!}, of the set it extends, fills` : `${names.slice(0, -1).join(', ')} and ${names.at(-1)!}, of the set it extends, fill`;
    return {
      file: file.path, line: 1, column: 1, severity: 'warning', ruleId: 'template/unshown', sourceLine: file.source.split('\n', 1)[0] ?? '',
      message: `The layout ${layout}${blocks.length > 0 ? `, whose blocks are ${blocks.join(', ')},` : ''} has no block ${block}, which ${fills}: what ${names.length === 1 ? 'it holds' : 'they hold'} there never reaches the page.`,
      hint: `Add {% block ${block} %}{% endblock %} to ${by === `${layout}.liquid` || by === layout ? layout : by} where it should go, or give the set its own ${names.join(', ')} filling one of the layout's blocks.`,
    };
  });
  return [...missing, ...all.filter((found) => found.by === undefined).map((found) => {
    const path = set.files.get(found.name)!.path;
    const named = found.blocks.length > 0 ? `, whose blocks are ${found.blocks.join(', ')}` : ', which has no named block';
    const place = { file: path, line: found.line, column: found.column, severity: 'warning' as const, ruleId: 'template/unshown' as const, sourceLine: found.sourceLine };
    if (found.repeated) {
      return {
        ...FRESH, ...place,
        message: `The block ${found.block} is filled a second time in this template: the page shows only the first, so what this one holds never reaches it.`,
        hint: `Move what it holds into the first {% block ${found.block} %}, or name this one as another of the layout's blocks.`,
      };
    }
    if (found.block !== undefined) {
      const meant = closest(found.block, found.blocks);
      return {
        ...FRESH, ...place,
        message: `The block ${found.block} is not shown: the layout ${found.layout}${named}, has no block of that name, so what it holds never reaches the page.`,
        hint: meant ? `Did you mean {% block ${meant} %}?` : `Name it as one of the layout's blocks, or add {% block ${found.block} %}{% endblock %} to ${found.layout} where it should go.`,
      };
    }
    return {
      ...FRESH, ...place,
      message: `This is outside every block of a template laid out in ${found.layout}: the layout shows only the blocks it names${found.blocks.length > 0 ? ` (${found.blocks.join(', ')})` : ''}, so it never reaches the page.`,
      hint: `Move it into one of the blocks${found.blocks.length > 0 ? ` ({% block ${found.blocks[0]} %} …)` : ''}, or give ${found.layout} a {% block %} without a name, which shows what a template writes outside its blocks.`,
    };
  })];
}

/** Adds a parent set's labels under those already read: per language, a key the child set has wins. */
function mergeLabels(into: Map<string, LabelFile>, parent: readonly LabelFile[]): void {
  for (const file of parent) {
    // Tags are compared without regard to case: the child's `en-gb.yaml` and the parent's `en-GB.yaml` are one language.
    const tag = [...into.keys()].find((lang) => lang.toLowerCase() === file.lang.toLowerCase()) ?? file.lang;
    const child = into.get(tag);
    into.set(tag, child ? { ...FRESH, ...child, values: { ...FRESH, ...file.values, ...child.values } } : file);
  }
}

const MAX_LABEL_FILES = 200;

/**
 * The set's `labels/<lang>.yaml` files: one mapping of label names to text
 * per language, so that a newsroom adds or corrects a language without code.
 */
/**
 * The placeholders the tool itself fills in the site's own words (the tag
 * page's heading, the pagination): the names every labels file's text for
 * each must hold, and none else, with what a text without them would lose.
 */
const SITE_PLACEHOLDERS: Readonly<Record<string, { names: readonly string[]; lost?: string; example: string }>> = {
  tagged: { names: ['tag'], lost: 'a tag page\'s heading would not name its tag', example: 'Press releases tagged “{tag}”' },
  page_of: { names: ['page', 'count'], lost: 'the pagination would not say which page of how many it is', example: 'Page {page} of {count}' },
  withdrawn_on: { names: ['date'], lost: 'a withdrawal notice would not say when the release was withdrawn', example: 'This release was withdrawn on {date}.' },
  first_published: { names: ['date'], lost: 'a withdrawal notice would not say when the release was first published', example: 'First published on {date}. Its text is no longer available.' },
  // The heading may leave the name out ("About us"): only a placeholder nothing fills is wrong.
  about_organisation: { names: ['organisation'], example: 'About {organisation}' },
};

/**
 * What is wrong with the placeholders of a label the tool fills in: one it
 * does not fill (`{tg}`, which would be published as written), or one it
 * needs left out.
 */
function wrongPlaceholder(key: string, text: string): { message: string; hint: string } | undefined {
  const wanted = SITE_PLACEHOLDERS[key];
  if (wanted === undefined) return undefined;
  const written = [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!);
  const list = wanted.names.map((name) => `{${name}}`).join(' and ');
  const unknown = written.find((name) => !wanted.names.includes(name));
  if (unknown !== undefined) {
    const meant = closest(unknown, wanted.names);
    return { message: `has the placeholder {${unknown}}, which nothing fills in: it would be published as written.`, hint: `${meant ? `Did you mean {${meant}}? ` : ''}This label's placeholders are ${list}.` };
  }
  const missing = wanted.names.filter((name) => !written.includes(name));
  if (missing.length === 0 || wanted.lost === undefined) return undefined;
  return {
    message: `lacks the placeholder${missing.length > 1 ? 's' : ''} ${missing.map((name) => `{${name}}`).join(' and ')}, so ${wanted.lost}.`,
    hint: `Write ${list} where the values go, as the built-in labels do (\`${key}: "${wanted.example}"\`).`,
  };
}

/** Takes `characters` from the budget; false once it is spent. */
function spend(budget: SetBudget, characters: number): boolean {
  budget.left -= characters;
  return budget.left >= 0;
}

function tooLarge(budget: SetBudget): string {
  return `The template set "${budget.set}" holds, with the sets it extends, more than ${MAX_SET_CHARACTERS.toLocaleString('en')} characters of templates and labels; it is not read.`;
}

const BUDGET_HINT = 'A template holds the markup of a page; long text belongs in the releases or the config file.';

async function readLabels(location: SetLocation, cwd: string, budget?: SetBudget): Promise<{ ok: true; labels: LabelFile[]; warnings: Diagnostic[] } | { ok: false; diagnostics: Diagnostic[] }> {
  const folder = join(location.folder, 'labels');
  // Links are not followed, as for the set's templates: a linked folder or file could hold any file on the machine.
  const linked = (path: string, what: string): { ok: false; diagnostics: Diagnostic[] } => ({
    ok: false,
    diagnostics: [{ file: displayPath(path, cwd), line: 1, column: 1, severity: 'error', ruleId: 'template/labels', message: `The ${what} of the template set "${location.name}" is a symbolic link; it is not read.`, hint: 'Put the labels files themselves in the set\'s labels folder.' }],
  });
  const info = await lstat(folder).catch(() => undefined);
  if (info?.isSymbolicLink()) return linked(folder, 'labels folder');
  if (!info?.isDirectory()) return { ok: true, labels: [], warnings: [] };
  const links = (await readdir(folder, { withFileTypes: true })).filter((e) => e.isSymbolicLink() && /\.ya?ml$/i.test(e.name));
  if (links.length > 0) return linked(join(folder, links[0]!.name), `labels file ${links[0]!.name}`);
  const labels: LabelFile[] = [];
  const diagnostics: Diagnostic[] = [];
  /** What the YAML reader warned of (yaml/comment-in-value): the file is read as YAML reads it. */
  const warnings: Diagnostic[] = [];
  /** The file read for each language, by lower-case tag. */
  const named = new Map<string, string>();
  const entries = (await readdir(folder, { withFileTypes: true })).filter((e) => e.isFile() && /\.ya?ml$/i.test(e.name)).sort((a, b) => (a.name < b.name ? -1 : 1));
  for (const entry of entries.slice(0, MAX_LABEL_FILES)) {
    const path = join(folder, entry.name);
    const display = setFilePath(path, location, cwd);
    const lang = entry.name.replace(/\.ya?ml$/i, '');
    const problem = (message: string, hint: string, at: { line: number; column: number } = { line: 1, column: 1 }) =>
      diagnostics.push({ file: display, ...at, severity: 'error', ruleId: 'template/labels', message, hint });
    if (!isLanguageTag(lang)) {
      problem(`The labels file ${entry.name} is not named after a language.`, 'Name it after a BCP 47 language tag, such as labels/de.yaml or labels/en-GB.yaml.');
      continue;
    }
    const twin = named.get(lang.toLowerCase());
    if (twin !== undefined) {
      problem(`The labels files ${twin} and ${entry.name} are both for ${lang}; which one holds its words is unclear.`, `Keep one of them (tags are read without regard to case, and .yml is .yaml).`);
      continue;
    }
    named.set(lang.toLowerCase(), entry.name);
    const read = await readTextFile(path, display, 64 * 1024);
    if (!read.ok) {
      diagnostics.push(withTooLargeHint(read.diagnostic, 'Shorten the labels file: it holds the words templates print, at most 64 KiB of them.'));
      continue;
    }
    if (budget && !spend(budget, read.text.length)) {
      diagnostics.push({ file: displayPath(location.folder, cwd), line: 1, column: 1, severity: 'error', ruleId: 'file/unreadable', message: tooLarge(budget), hint: BUDGET_HINT });
      break;
    }
    const text = normaliseText(read.text);
    const yaml = readYaml(text, display);
    yaml.diagnostics = withoutFixOffers(yaml.diagnostics);
    if (yaml.data === undefined) {
      diagnostics.push(...yaml.diagnostics);
      continue;
    }
    attachSourceLines(yaml.diagnostics, display, text);
    warnings.push(...yaml.diagnostics);
    if (typeof yaml.data !== 'object' || yaml.data === null || Array.isArray(yaml.data)) {
      problem(`The labels file for ${lang} is not a mapping of label names to text.`, 'Write one `name: text` line per label, such as `contacts: Media contacts`.');
      continue;
    }
    const values: Record<string, string> = {};
    for (const [key, value] of Object.entries(yaml.data as Record<string, unknown>)) {
      const refused = typeof value === 'string' ? refusedCharacterIn(value) : undefined;
      if (refused) {
        const at = yaml.locate([key], 'value');
        problem(`The label \`${key}\` for ${lang} contains ${refused.what} at position ${refused.index + 1}: no page, feed or message may carry it (a feed with a control character in it is not XML at all).`, 'Delete the character; retype the label if you cannot see it.', { line: at.line, column: at.column });
      } else if (typeof value === 'string') {
        const placeholder = wrongPlaceholder(key, value);
        if (placeholder) {
          const at = yaml.locate([key], 'value');
          problem(`The label \`${key}\` for ${lang} ${placeholder.message}`, placeholder.hint, { line: at.line, column: at.column });
        } else values[key] = value;
      } else {
        const at = yaml.locate([key], 'value');
        problem(`The label \`${key}\` for ${lang} is not text.`, 'Quote the value: `key: "text"`.', { line: at.line, column: at.column });
      }
    }
    labels.push({ lang, values, path: display, ...(location.origin === 'built-in' ? { builtIn: true } : {}) });
  }
  return diagnostics.length > 0 ? { ok: false, diagnostics: [...diagnostics, ...warnings] } : { ok: true, labels, warnings };
}
