import { access } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { attachSourceLines, type Diagnostic } from '../core/diagnostic.js';
import { normaliseText, readYaml } from '../core/parse.js';
import { isRuleId, RULES } from '../core/rules.js';
import { configSchema, type Config } from '../core/schema.js';
import { limitedPush } from '../core/diagnostic-limit.js';
import { closest } from '../core/suggest.js';
import { checkData, createReporter } from '../core/validate.js';
import { linkEscape, realFolderOf } from './confine.js';
import { displayPath } from './find.js';
import { readTextFile } from './read.js';
import { FRESH } from '../core/objects.js';

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
      if (await access(candidate).then(() => true, () => false)) return candidate;
    }
    const parent = dirname(current);
    if (parent === current) return undefined;
    current = parent;
  }
}

/** Reads and validates a config file; JSON is read as the YAML 1.2 subset it is. */
export async function loadConfig(path: string | undefined, cwd: string): Promise<LoadedConfig> {
  if (!path) return { config: DEFAULT_CONFIG, diagnostics: [] };
  const display = displayPath(path, cwd);
  // The config file may be a link to another file beside it or below it, never to one elsewhere on the machine.
  const escape = await linkEscape(path, [await realFolderOf(path)]);
  if (escape) {
    return { config: DEFAULT_CONFIG, path, diagnostics: [{ file: display, line: 1, column: 1, severity: 'error', ruleId: 'file/unreadable', message: `The config file cannot be used. ${escape}`, hint: 'Commit the config file itself, not a link to a file outside its folder.' }] };
  }
  const read = await readTextFile(path, display);
  if (!read.ok) return { config: DEFAULT_CONFIG, path, diagnostics: [read.diagnostic] };
  const text = normaliseText(read.text);
  const loaded = checkConfigText(text, display, path);
  // Each problem with the line it is on, for the code frame, as a release's problems have.
  attachSourceLines(loaded.diagnostics, display, text);
  return loaded;
}

/** The config from its text, with the problems in it. */
function checkConfigText(text: string, display: string, path: string): LoadedConfig {
  const yaml = readYaml(text, display);
  const diagnostics: Diagnostic[] = [];
  const push = limitedPush(diagnostics);
  for (const d of yaml.diagnostics) push(d);
  if (yaml.data === undefined || diagnostics.length > 0) return { config: DEFAULT_CONFIG, path, diagnostics };
  const report = createReporter(display, undefined, diagnostics);
  const source = { text, locate: (keyPath: readonly PropertyKey[], part?: 'key' | 'value') => yaml.locate(keyPath, part ?? 'value') };
  const config = checkData(configSchema, yaml.data, source, report, 'the config file');
  if (!config) return { config: DEFAULT_CONFIG, path, diagnostics };
  // The keys as written: the schema's record leaves out `__proto__`, which would then be ignored without a word.
  const written = (yaml.data as { rules?: unknown }).rules;
  const ruleIds = written !== null && typeof written === 'object' && !Array.isArray(written) ? Object.keys(written) : [];
  for (const ruleId of ruleIds) {
    const setting = Object.hasOwn(config.rules ?? {}, ruleId) ? config.rules![ruleId] : undefined;
    if (!isRuleId(ruleId)) {
      const meant = closestRule(ruleId);
      report('schema/unknown-key', { ...FRESH, ...source.locate(['rules', ruleId], 'key'), message: `\`rules\` names the unknown rule "${ruleId}"; it is ignored.`, hint: meant ? `Did you mean \`${meant}\`?` : 'See the rule table in the README for the rule ids.' });
    } else if (RULES[ruleId].fixed && setting !== 'error') {
      report('config/rule-fixed', { ...FRESH, ...source.locate(['rules', ruleId], 'key'), message: `The rule "${ruleId}" reports a problem that stops a release from being built; it cannot be set to ${setting}.`, hint: 'Remove this line.' });
    }
  }
  return { config, path, diagnostics };
}

/** The rule id an unknown one was likely meant to be (`schema/unknown-keys`). */
function closestRule(ruleId: string): string | undefined {
  return closest(ruleId, Object.keys(RULES));
}
