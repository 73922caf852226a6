import { lstatSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { attachSourceLines, type Diagnostic, type Location } from '../core/diagnostic.js';
import { emailSetFor } from '../core/formats.js';
import { labelFallbacks, lackedLabels, labelsAdvice, labelsFor, namedLabels, SITE_WORDS, type LabelFile } from '../core/labels.js';
import { severityOf } from '../core/rules.js';
import { parseReleaseFile, readYaml } from '../core/parse.js';
import type { Config } from '../core/schema.js';
import { builtinLabelLanguages } from '../io/builtin.js';
import { displayPath } from '../io/find.js';
import { readReleaseFileSync } from '../io/read.js';
import type { SetLocation, TemplateSearch } from '../io/template-sets.js';
import type { TemplateSet } from '../core/templates.js';
import type { ValidRelease } from './check.js';
import { UsageError } from './errors.js';
import { maxFileSize, setWarnings } from './project.js';
import { FRESH } from '../core/objects.js';
import { homeLanguage } from '../core/site/paths.js';
import { closest, type SuggestionBudget } from '../core/suggest.js';

/** A checked release and where to read its text again (standard input has no file to read). */
export interface LabelledRelease {
  release: ValidRelease['release'];
  /** The release's text, or where to read it: only read when its language has no labels. */
  text: string | { path: string };
}

/**
 * What the template sets a build of `releases` uses would refuse or warn of
 * (`missingLabels`): the set named (`--template`), else the default one,
 * and, for a project that sends its releases as e-mail (an `email` section
 * in its config), the set `build --format eml` makes the messages with,
 * each problem told once at its place.
 */
export async function setProblems(releases: readonly LabelledRelease[], template: string | undefined, search: TemplateSearch, config: Config, configPath?: string): Promise<Diagnostic[]> {
  const found = await missingLabels(releases, template, search, config, 'default', configPath);
  if (template !== undefined || config.email === undefined) return found;
  // Told once at its place, as a build tells it: a release the default set has no words for is not told again for the e-mail set,
  // which takes them from it.
  const place = (d: Diagnostic) => `${d.file}:${d.line}:${d.column}:${d.ruleId}`;
  const seen = new Set(found.map(place));
  for (const d of await missingLabels(releases, undefined, search, config, emailSetFor(undefined))) if (!seen.has(place(d))) found.push(d);
  return found;
}

/**
 * Releases in a language the template set has no words for. A build stops
 * at the first label such a release's page prints (`template/labels`), so
 * `validate` says so first, at the release's `lang`. Without `template` the
 * set is the one a build uses by default, and it is loaded only for a
 * language the built-in labels, which every set has, do not cover, or when
 * the project has a set of its own by that name. A set that is loaded is
 * checked as a build checks it: its templates' syntax, and the warnings a
 * build gives of it (see `setWarnings`).
 */
export async function missingLabels(releases: readonly LabelledRelease[], template: string | undefined, search: TemplateSearch, config: Config, byDefault = 'default', configPath?: string): Promise<Diagnostic[]> {
  const builtIn = builtinLabelLanguages();
  const covered = (lang: string) => labelFallbacks(lang).some((tag) => builtIn.has(tag));
  if (template === undefined && releases.every((r) => covered(r.release.lang)) && covered(homeLanguage(config.languages)) && !hasOwnSet(search, byDefault)) return [];
  const { loadTemplateSet } = await import('../io/template-sets.js');
  const loaded = await loadTemplateSet(template ?? byDefault, search);
  if (!loaded.ok) {
    if (loaded.notFound) throw new UsageError(loaded.diagnostics.map((d) => d.message).join(' '), loaded.diagnostics[0]?.hint);
    return loaded.diagnostics;
  }
  // Loaded with the set, so no extra module: a template that does not parse stops every build that renders it. One that no
  // build reads (`template/unused-file`, which `build` warns of) stops none.
  const { ReleaseRenderer, sitePagesMissing } = await import('../core/templates.js');
  const unread = new Set(loaded.warnings.filter((d) => d.ruleId === 'template/unused-file').map((d) => d.file));
  const syntax = new ReleaseRenderer(loaded.set).check().filter((d) => !unread.has(d.file));
  // What loading the set warned of, as a build warns of it: the YAML reader's warnings in its template.yaml and labels files, its
  // files no build reads (`template/unused-file`) and what its templates write that no page shows (`template/unshown`).
  // Validate is run before publishing to hear what the build will say.
  const warnings = setWarnings(loaded.warnings, config.rules);
  const home = loaded.set.formats.includes('html') && sitePagesMissing(loaded.set) === undefined ? unlabelledHome(loaded, config, configPath, search.cwd) : undefined;
  return [...(home ? [home] : []), ...unlabelled(releases, loaded, search, config, template !== undefined), ...incompleteLabels(releases, loaded.set, config), ...syntax, ...warnings];
}

/**
 * The `template/labels` error of a home page the set cannot write: it is in
 * the first of the config's `languages`, and the set has no labels for that
 * language. A build would stop at the first word the home page prints, in a
 * file of the set, which is not where the mistake is: it is told at the
 * config's `languages`, by `validate` and by a build before it reads a
 * release. Asked only of a set that builds the site's pages in this run.
 */
export function unlabelledHome(loaded: { set: TemplateSet; chain: readonly SetLocation[] }, config: Config, configPath: string | undefined, cwd: string): Diagnostic | undefined {
  const lang = homeLanguage(config.languages);
  if (labelsFor(loaded.set.labels, lang) !== undefined) return undefined;
  const display = configPath === undefined ? 'migration-news.config.yaml' : displayPath(configPath, cwd);
  let at: Location = { file: display, line: 1, column: 1 };
  let text: string | undefined;
  try {
    text = configPath === undefined ? undefined : readFileSync(configPath, 'utf8');
    if (text !== undefined) at = readYaml(text, display).locate(['languages', 0], 'value');
  } catch {
    // Read a moment ago: where it cannot be now, the error is told at the file's start.
  }
  const found: Diagnostic = {
    ...FRESH, ...at, file: display, severity: 'error', ruleId: 'template/labels',
    message: `The site's home page is in ${lang}, the first of the config's \`languages\`, but the template set "${loaded.set.name}" has no labels for ${lang}, so it cannot be built.`,
    hint: `Add ${labelsFileToAdd(loaded, lang, cwd)}, with the words this language uses: ${labelsAdvice(lang, loaded.set)}; or put first in \`languages\` a language the set has labels for.`,
  };
  if (text !== undefined) attachSourceLines([found], display, text);
  return found;
}

/**
 * The ids the release page of the set a build would use gives elements
 * around the body (`pageIdsOf`), which `validate` checks a body's links to
 * a part of their page against as a build does. Undefined for the built-in
 * default set, which is not loaded for it (its ids are `PAGE_IDS`, as its
 * tests hold), and for a set that cannot be loaded, whose problems the
 * check of its labels reports.
 */
export async function pageIdsFor(template: string | undefined, search: TemplateSearch): Promise<string[] | undefined> {
  if (template === undefined && !hasOwnSet(search, 'default')) return undefined;
  const { loadTemplateSet } = await import('../io/template-sets.js');
  const loaded = await loadTemplateSet(template ?? 'default', search);
  if (!loaded.ok) return undefined;
  const { pageIdsOf } = await import('../core/templates.js');
  return pageIdsOf(loaded.set);
}

/**
 * Whether the project has a set of its own named `name` (in its
 * `templates/` folder or the config's), which a build uses without
 * `--template` (`default`, and `email` for e-mail messages), or one named
 * `default`, which the built-in `email` set extends: its templates are
 * checked as a named set's are. The built-in sets, which parse by their own
 * tests, are not loaded for that.
 */
function hasOwnSet(search: TemplateSearch, name: string): boolean {
  return [search.projectFolder, search.configFolder].some((folder) => {
    if (folder === undefined) return false;
    const templates = resolve(search.cwd, folder);
    // A link, of the folder or of the set, is loaded as a build loads it, which refuses one that leads out of the project
    // whether or not anything is there: looking through it here would tell which folders exist elsewhere on the machine.
    if (isLink(templates)) return true;
    try {
      return [...new Set([name, 'default'])].some((own) => {
        const set = lstatSync(join(templates, own), { throwIfNoEntry: false });
        return set !== undefined && (set.isDirectory() || set.isSymbolicLink());
      });
    } catch {
      return false;
    }
  });
}

const isLink = (path: string) => {
  try {
    return lstatSync(path).isSymbolicLink();
  } catch {
    return false;
  }
};

/**
 * What a build does without the words `lacked`: it stops at the first page
 * that prints one (a template's `labels.…`); the headings the tool writes
 * itself on the site's listings, tag pages and home page (`tagged`, `latest`
 * …) are said in English where the file lacks them.
 */
function consequence(lacked: readonly string[]): string {
  const site = lacked.filter((key) => Object.hasOwn(SITE_WORDS, key));
  const names = (keys: readonly string[]) => keys.map((key) => `\`${key}\``).join(', ').replace(/, ([^,]*)$/, ' and $1');
  const stops = 'a build stops at the first page that prints one of them';
  return site.length === 0 ? stops : `${stops}, and the headings the tool writes on the site's listings, tag pages and home page say ${names(site)} in English`;
}

/**
 * A `template/labels-incomplete` warning for each labels file of the
 * releases' languages that lacks words the set's other labels files have: a
 * build stops at the first page that prints one (`template/labels`), or says
 * the site's own words in English, so a newsroom adding a language hears of
 * them all at once, from `validate` and from every build.
 * The built-in files, complete by their own tests, are not looked at.
 */
export function incompleteLabels(releases: readonly Pick<LabelledRelease, 'release'>[], set: TemplateSet, config: Config, only?: ReadonlySet<string>): Diagnostic[] {
  const severity = severityOf('template/labels-incomplete', config.rules);
  if (severity === 'off' || set.labels === undefined) return [];
  const files = new Map<string, LabelFile>();
  for (const { release } of releases) {
    const file = labelsFor(set.labels, release.lang);
    if (file !== undefined && !file.builtIn) files.set(file.path, file);
  }
  if (files.size === 0) return [];
  const all = [...set.labels.values()];
  const misspelt = misspeltLabels(all);
  const wrong = new Set([...misspelt.values()].flatMap((pairs) => [...pairs.keys()]));
  const diagnostics: Diagnostic[] = [];
  for (const file of files.values()) {
    // A key another file has only by misspelling it (`contcts` for `contacts`) is no word this one lacks.
    const lacked = lackedLabels(file, all).filter((key) => !wrong.has(key) && (only === undefined || only.has(key)));
    if (lacked.length === 0) continue;
    const lacks = new Set(lacked);
    const renames = [...(misspelt.get(file) ?? new Map<string, string>())].filter(([, meant]) => lacks.has(meant));
    const rename = renames.map(([written, meant]) => `it has \`${written}\`, which no other language has: did you mean \`${meant}\`? Rename it`).join('; ');
    const renamed = new Set(renames.map(([, meant]) => meant));
    const rest = lacked.filter((key) => !renamed.has(key));
    diagnostics.push({
      file: file.path, line: 1, column: 1, severity, ruleId: 'template/labels-incomplete',
      message: `The labels file for ${file.lang} has no ${namedLabels(lacked)}, which the set's other labels files have: ${consequence(lacked)}.`,
      hint: [
        ...(rename ? [`${file.path}: ${rename}.`] : []),
        ...(rest.length > 0 ? [`Add ${rest.length === 1 ? (renames.length > 0 ? `\`${rest[0]}\`` : 'it') : renames.length > 0 ? 'the others' : 'them'} to ${file.path}, in the words of ${file.lang} (\`${rest[0]}: …\`).`] : []),
      ].join(' '),
    });
  }
  return diagnostics;
}

/**
 * The keys each labels file has that no other has and that are close to a
 * key it lacks (`contcts` beside the others' `contacts`): misspellings, by
 * file, each with the key it was meant to be.
 */
function misspeltLabels(files: readonly LabelFile[]): Map<LabelFile, Map<string, string>> {
  const found = new Map<LabelFile, Map<string, string>>();
  const budget: SuggestionBudget = { left: MISSPELT_LABEL_STEPS, spent: false };
  for (const file of files) {
    const elsewhere = new Set(files.filter((f) => f !== file).flatMap((f) => Object.keys(f.values)));
    const own = Object.keys(file.values).filter((key) => !elsewhere.has(key));
    if (own.length === 0) continue;
    const pairs = new Map<string, string>();
    for (const lacked of lackedLabels(file, files)) {
      if (budget.spent) break;
      const near = closest(lacked, own.filter((key) => !pairs.has(key)), budget);
      if (near !== undefined) pairs.set(near, lacked);
    }
    if (pairs.size > 0) found.set(file, pairs);
  }
  return found;
}

/**
 * Steps the search for misspelt labels may take over a set's labels files (see `SuggestionBudget`): each word a file lacks
 * is compared with each key only that file has, for every file, so files of thousands of keys each multiplied them (four
 * files of 3,000 keys of their own took `validate` 50 s, forty would take hours). Past them no more misspellings are told:
 * the words a file lacks still are. A set's files of some dozens of words, a few misspelt, take some thousands.
 */
const MISSPELT_LABEL_STEPS = 50_000_000;

/**
 * The `template/labels` error of each release in a language `loaded` has no
 * labels for, at its `lang`: `validate` reports it from `missingLabels`, and
 * a build before it renders, so both say the same. `named`: the set was
 * named with --template (else another set may be named instead).
 */
export function unlabelled(releases: readonly LabelledRelease[], loaded: { set: TemplateSet; chain: readonly SetLocation[] }, search: TemplateSearch, config: Config, named: boolean): Diagnostic[] {
  const { set, chain } = loaded;
  const diagnostics: Diagnostic[] = [];
  for (const { release, text } of releases) {
    if (labelsFor(set.labels, release.lang) !== undefined) continue;
    const read = typeof text === 'string' ? { ok: true as const, text } : readReleaseFileSync(text.path, release.file, maxFileSize(config));
    if (!read.ok) {
      diagnostics.push(read.diagnostic);
      continue;
    }
    const parsed = parseReleaseFile(read.text, release.file);
    const at = parsed.locate(['lang'], 'value');
    const where = `${labelsFileToAdd(loaded, release.lang, search.cwd)}${chain[0]!.origin === 'built-in' ? ` (a project's own "${set.name}" set takes everything else from the built-in one)` : ''}`;
    // Another of the project's sets may have the words already (a set ejected beside the one that had them).
    const elsewhere = labelsInProject(release.lang, search, chain.map((c) => c.folder));
    const found: Diagnostic = {
      ...FRESH, ...at, file: release.file, severity: 'error', ruleId: 'template/labels',
      message: `The release is in ${release.lang}, but the template set "${set.name}" has no labels for ${release.lang}, so it cannot be built.`,
      hint: elsewhere
        ? `Add ${where}: ${displayPath(elsewhere, search.cwd)}, of another of the project's sets, has labels for this language; copy it.`
        : `Add ${where}, with the words this language uses: ${labelsAdvice(release.lang, set)}${named ? '' : '; or name a set that has them with --template'}.`,
    };
    attachSourceLines([found], release.file, parsed.text);
    diagnostics.push(found);
  }
  return diagnostics;
}

/**
 * Where a set that has no labels for `lang` gets them: a built-in set cannot
 * be changed, so the project's own set of the same name (which fills its gaps
 * from the built-in one); else the set's own labels folder.
 */
export function labelsFileToAdd(loaded: { set: { name: string }; chain: readonly { origin: string; folder: string }[] }, lang: string, cwd: string): string {
  return loaded.chain[0]!.origin === 'built-in'
    ? `templates/${loaded.set.name}/labels/${lang}.yaml to the project`
    : `${displayPath(join(loaded.chain[0]!.folder, 'labels', `${lang}.yaml`), cwd)} to the set`;
}

/** A labels file for `lang` in one of the project's other template sets (not `inSet`'s folders), if there is one. */
function labelsInProject(lang: string, search: TemplateSearch, inSet: readonly string[]): string | undefined {
  const name = `${lang.toLowerCase()}.yaml`;
  for (const root of [search.projectFolder, search.configFolder]) {
    if (root === undefined) continue;
    let sets: string[];
    try {
      // Sets only, as the tool reads them: no symbolic link, to a set or in one.
      sets = readdirSync(root, { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => join(root, e.name));
    } catch {
      continue;
    }
    for (const folder of sets) {
      if (inSet.some((f) => resolve(f) === resolve(folder))) continue;
      let file: string | undefined;
      try {
        if (!lstatSync(join(folder, 'labels')).isDirectory()) continue;
        file = readdirSync(join(folder, 'labels'), { withFileTypes: true }).find((e) => e.isFile() && e.name.toLowerCase() === name)?.name;
      } catch {
        continue;
      }
      if (file) return join(folder, 'labels', file);
    }
  }
  return undefined;
}
