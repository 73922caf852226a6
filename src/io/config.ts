import { lstat, readdir } from 'node:fs/promises';
import { basename, dirname, extname, join, resolve } from 'node:path';
import { attachSourceLines, positionAt, type Diagnostic, type Location } from '../core/diagnostic.js';
import { languageHint } from '../core/locale/index.js';
import { jsonSyntaxProblem } from '../core/json-syntax.js';
import { normaliseText, readYaml } from '../core/parse.js';
import { closestRule, isRuleId, RULES, severityOf, type RuleSettings } from '../core/rules.js';
import { configSchema, unreadLanguageKeys, type Config } from '../core/schema.js';
import { repeatedRecipients } from '../core/recipients.js';
import { limitedPush } from '../core/diagnostic-limit.js';
import { closest } from '../core/suggest.js';
import { checkData, createReporter } from '../core/validate.js';
import { leadsOut, linkEscape, realFolderOf, realOrSelf } from './confine.js';
import { displayPath } from './find.js';
import { isInside } from './paths.js';
import { readTextFile, withTooLargeHint } from './read.js';
import { setsFolderProblem, setsFolderProblemText } from './sets-folder.js';
import { FRESH } from '../core/objects.js';
import { withoutFixOffers } from '../core/fix-offer.js';

export const CONFIG_NAMES = ['migration-news.config.yaml', 'migration-news.config.yml', 'migration-news.config.json'];

export interface LoadedConfig {
  config: Config;
  /** Absolute path of the config file, when there is one. */
  path?: string;
  diagnostics: Diagnostic[];
}

export const DEFAULT_CONFIG: Config = configSchema.parse({});

/** The nearest config file in `folder` or a folder above it. */
export async function findConfigFile(folder: string): Promise<string | undefined> {
  let current = resolve(folder);
  for (;;) {
    for (const name of CONFIG_NAMES) {
      const candidate = join(current, name);
      // A link of the name is the config too, whatever it leads to: `loadConfig` refuses one that leads out, in the same words
      // whether or not anything is there, where passing over a link to nothing would tell which files exist elsewhere.
      if (await lstat(candidate).then(() => true, () => false)) return candidate;
    }
    const parent = dirname(current);
    if (parent === current) return undefined;
    current = parent;
  }
}

/**
 * Where a config file made later would be found for the releases in `roots` (from the first, as `openProject` looks) ahead of
 * `current`, the one found now (none: `undefined`): each of the names in that folder and in each folder above it, up to the one
 * that holds `current`, and no higher than `top` (the working folder), so that a preview or `validate --watch` takes up a config
 * file written while it runs, as the next run would. Those inside `roots` are left out: watching a root sees them come.
 */
export async function configFileCandidates(roots: readonly string[], current: string | undefined, top: string): Promise<string[]> {
  const last = await realOrSelf(top);
  const candidates: string[] = [];
  for (let at = resolve(roots[0] ?? top); ; at = dirname(at)) {
    if (!roots.some((root) => isInside(at, root))) for (const name of CONFIG_NAMES) candidates.push(join(at, name));
    if ((current !== undefined && at === dirname(current)) || at === last || !isInside(at, last) || dirname(at) === at) return candidates;
  }
}

/** Reads and validates a config file; JSON, once it is found to be JSON, is read as the YAML 1.2 subset it is. */
export async function loadConfig(path: string | undefined, cwd: string): Promise<LoadedConfig> {
  if (!path) return { config: DEFAULT_CONFIG, diagnostics: [] };
  const display = displayPath(path, cwd);
  // The config file may be a link to another file beside it or below it, never to one elsewhere on the machine.
  const escape = await linkEscape(path, [await realFolderOf(path)], undefined, "the config file's folder");
  if (escape) {
    return { config: DEFAULT_CONFIG, path, diagnostics: [{ file: display, line: 1, column: 1, severity: 'error', ruleId: 'file/unreadable', message: escape, hint: 'Commit the config file itself, not a link to a file outside its folder.' }] };
  }
  const read = await readTextFile(path, display);
  if (!read.ok) return { config: DEFAULT_CONFIG, path, diagnostics: [withTooLargeHint(read.diagnostic, 'Shorten the config file: its limit is fixed, whatever its `limits.maxFileSize` says.')] };
  const text = normaliseText(read.text);
  const { loaded, locate } = checkConfigText(text, display, path);
  if (loaded.config.templates !== undefined) {
    const roots = await Promise.all([cwd, dirname(path)].map((folder) => realOrSelf(resolve(folder))));
    const inside = await checkTemplatesFolder(loaded.config.templates, resolve(dirname(path), loaded.config.templates), roots, createReporter(display, loaded.config.rules, loaded.diagnostics), locate);
    // A folder outside the project is not searched for sets, nor looked into when a set is not found: as if not named.
    if (!inside) {
      const { templates: _outside, ...rest } = loaded.config;
      loaded.config = rest;
    }
  }
  // Each problem with the line it is on, for the code frame, as a release's problems have.
  attachSourceLines(loaded.diagnostics, display, text);
  // Another config file of the tool beside it is not read: said, at that file, so that its settings are not thought to apply.
  // A file of another name was named with --config (`--config ci.yaml` for CI's settings): the usual one beside it is the
  // project's config for every other run, not a mistake.
  const report = createReporter(display, loaded.config.rules, loaded.diagnostics);
  for (const name of CONFIG_NAMES.includes(basename(path)) ? CONFIG_NAMES : []) {
    const other = join(dirname(path), name);
    if (name === basename(path) || !(await lstat(other).then(() => true, () => false))) continue;
    report('config/second-file', {
      file: displayPath(other, cwd), line: 1, column: 1,
      message: `This config file is not read: ${display}, beside it, is, as the first found of ${CONFIG_NAMES.join(', ')}; the settings here do not apply.`,
      hint: `Move its settings into ${display} and delete it.`,
    });
  }
  return loaded;
}

type Locate = (keyPath: readonly PropertyKey[], part?: 'key' | 'value') => Location;

/**
 * The config's `templates` folder, which a build looks in for template sets:
 * a path that leads to no folder (`./tempaltes`) would otherwise leave every
 * page built with the built-in sets, without a word.
 */
async function checkTemplatesFolder(written: string, folder: string, roots: readonly string[], report: ReturnType<typeof createReporter>, locate: Locate): Promise<boolean> {
  // A folder outside the project is not searched for sets: nor is it looked into here, where a hint naming the folders beside it,
  // or whether it exists at all, would tell a pull request what lies elsewhere on the machine. Where it leads is found by following
  // each link on its way whether or not anything is at its end: a link out to a folder that does not exist leads out too.
  if (await leadsOut(folder, roots)) {
    report('config/templates-folder', {
      ...FRESH, ...locate(['templates'], 'value'),
      message: `\`templates\` names ${JSON.stringify(written)}, which lies outside the project (or behind a link that leads out of it): no template set is read from there, and builds take their sets from the project's templates folder and the built-in ones instead.`,
      hint: 'Keep the template sets in the project, in a folder beside the config file or below it.',
    });
    return false;
  }
  const problem = await setsFolderProblem(folder);
  if (!problem) return true;
  const what = setsFolderProblemText(problem);
  const meant = problem.kind === 'missing' ? await siblingMeant(folder) : undefined;
  const hint = meant !== undefined ? `Did you mean \`${written.replace(/[^/\\]+[/\\]*$/, meant)}\`?`
    : problem.kind === 'file' ? 'Name the folder that holds the template sets, one folder per set (templates/press/), relative to the config file.'
    : problem.kind === 'missing' ? 'Make the folder, or correct the path: it is relative to the config file.'
    : 'Make the folder readable, or correct the path.';
  report('config/templates-folder', {
    ...FRESH, ...locate(['templates'], 'value'),
    message: `\`templates\` names ${JSON.stringify(written)}, ${what}: no template set is read from there, and builds take their sets from the project's templates folder and the built-in ones instead.`,
    hint,
  });
  return true;
}

/** The folder beside `folder` whose name is closest to its name: the one a misspelt path meant. */
async function siblingMeant(folder: string): Promise<string | undefined> {
  const entries = await readdir(dirname(folder), { withFileTypes: true }).catch(() => []);
  return closest(basename(folder), entries.filter((e) => e.isDirectory() && !e.name.startsWith('.')).map((e) => e.name));
}

/** The config from its text, with the problems in it, and where each of its keys is. */
function checkConfigText(text: string, display: string, path: string): { loaded: LoadedConfig; locate: Locate } {
  // A `.json` file is JSON, as every other program that reads it takes it: what YAML reads beyond it (a comment, a comma after
  // the last item, a key without quotes) is refused at its place, not read another way. Valid JSON is then read as the YAML it
  // is, for the places of its keys.
  const json = extname(path).toLowerCase() === '.json' ? jsonSyntaxProblem(text) : undefined;
  if (json !== undefined) {
    const diagnostic: Diagnostic = { file: display, ...positionAt(text, json.offset), severity: 'error', ruleId: 'yaml/syntax', message: `The JSON cannot be read: ${json.message.replace(/^[A-Z](?=[a-z ])/, (letter) => letter.toLowerCase())}` };
    if (json.hint !== undefined) diagnostic.hint = json.hint;
    return { loaded: { config: DEFAULT_CONFIG, path, diagnostics: [diagnostic] }, locate: () => ({ file: display, line: 1, column: 1 }) };
  }
  const yaml = readYaml(text, display);
  const diagnostics: Diagnostic[] = [];
  const push = limitedPush(diagnostics);
  for (const d of yaml.diagnostics) push(d);
  const locate: Locate = (keyPath, part) => yaml.locate(keyPath, part ?? 'value');
  // A warning the YAML reader gives (yaml/comment-in-value) leaves the config to be read; an error does not. Repeated keys
  // leave it to be checked as YAML reads it, so that one run reports every problem in it, but not used.
  const data = yaml.data ?? yaml.checkable;
  if (data === undefined || diagnostics.some((d) => d.severity === 'error' && d.ruleId !== 'yaml/duplicate-key')) return { loaded: { config: DEFAULT_CONFIG, path, diagnostics: withoutFixOffers(diagnostics) }, locate };
  const report = createReporter(display, undefined, diagnostics);
  const source = { text, locate };
  const checked = checkData(configSchema, data, source, report, 'the config file');
  const config = yaml.data === undefined ? undefined : checked;
  // The keys as written: the schema's record leaves out `__proto__`, which would then be ignored without a word. Checked
  // whether or not the rest of the config is valid, so that one run reports every problem in it.
  const written = (data as { rules?: unknown }).rules;
  const rules = written !== null && typeof written === 'object' && !Array.isArray(written) ? written as Record<string, unknown> : {};
  for (const ruleId of Object.keys(rules)) {
    const setting = rules[ruleId];
    if (!isRuleId(ruleId)) {
      const meant = closestRule(ruleId);
      report('schema/unknown-key', { ...FRESH, ...source.locate(['rules', ruleId], 'key'), message: `\`rules\` names the unknown rule "${ruleId}"; it is ignored.`, hint: meant ? `Did you mean \`${meant}\`?` : 'See the rule table in the README for the rule ids.' });
    } else if (RULES[ruleId].fixed && (setting === 'off' || setting === 'info' || setting === 'warning')) {
      // A setting that is no severity at all is the schema's error.
      report('config/rule-fixed', { ...FRESH, ...source.locate(['rules', ruleId], 'key'), message: `The rule "${ruleId}" reports a problem that stops a release from being built; it cannot be set to ${setting}.`, hint: 'Remove this line.' });
    }
  }
  // A setting for a language the project does not have (`about: fr:`, `contacts: english:`) is read by no page, as an unknown key is not.
  for (const { field, key, read } of config === undefined ? [] : unreadLanguageKeys(config)) {
    if (read !== undefined) {
      report('schema/unknown-key', {
        ...FRESH, ...source.locate([field, key], 'key'),
        message: `\`${field}\` has the key ${JSON.stringify(key)} beside ${JSON.stringify(read)}, the same language in other letters (tags are the same whatever their case): only ${JSON.stringify(read)} is read, so what ${JSON.stringify(key)} gives is ignored.`,
        hint: `Keep one of the two, as \`languages\` spells the tag.`,
      });
      continue;
    }
    report('schema/unknown-key', {
      ...FRESH, ...source.locate([field, key], 'key'),
      message: `\`${field}\` has the key ${JSON.stringify(key)}, which is none of this project's languages (${config!.languages.join(', ')}): no release is in it, so what it gives is ignored.`,
      hint: languageHint(key, config!.languages) ?? `Give it under one of the project's languages, or add its language to \`languages\`.`,
    });
  }
  // An address named twice among the recipients: each message is sent to it once, where it is first named (see composeEmail).
  for (const { field, index, address, first } of config?.email === undefined ? [] : repeatedRecipients(config.email)) {
    const earlier = `${first.field === field ? 'earlier in this list' : `in \`email.${first.field}\``}${first.address === address ? '' : ` as ${JSON.stringify(first.address)}`}`;
    report('config/duplicate-recipient', {
      ...FRESH, ...source.locate(['email', field, index]),
      message: `\`email.${field}\` names ${JSON.stringify(address)}, which is named ${earlier} already${first.address === address ? '' : ' (an address is the same whatever its letter case)'}: each message is sent to it once, as \`email.${first.field}\` names it.`,
      hint: 'Remove this entry, or the other, to say where the address belongs.',
      related: { ...FRESH, ...source.locate(['email', first.field, first.index]), message: 'named first here' },
    });
  }
  // The config's own `rules` apply to its own problems, as to a release's and as to the templates folder's below
  // (`schema/unknown-key: off`, `config/duplicate-recipient: error`), whenever they can be read, the rest valid or not.
  const settings = configSchema.shape.rules.safeParse(written);
  const applied = settings.success && settings.data !== undefined ? underRules(diagnostics, settings.data) : diagnostics;
  // `validate --fix` rewrites releases, never the config file: its hints say what to change by hand.
  return { loaded: { config: config ?? DEFAULT_CONFIG, path, diagnostics: withoutFixOffers(applied) }, locate };
}

/** Each problem at the severity `rules` give its rule (a rule that cannot change keeps its own); those turned off left out. */
function underRules(diagnostics: readonly Diagnostic[], rules: RuleSettings): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const d of diagnostics) {
    const severity = severityOf(d.ruleId, rules);
    if (severity !== 'off') out.push(severity === d.severity ? d : { ...FRESH, ...d, severity });
  }
  return out;
}
