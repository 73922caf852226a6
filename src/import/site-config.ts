import { parse as parseToml, TomlError } from 'smol-toml';
import { parse as parseYaml, YAMLError } from 'yaml';
import { MAX_ALIAS_COUNT, MAX_YAML_DEPTH, yamlTooDeep } from '../core/parse.js';
import { FRESH } from '../core/objects.js';
import { MONTHS } from '../core/locale/en.js';
import { isKnownTimeZone } from '../core/schema.js';
import { readCascade, type CascadeEntry } from './cascade.js';
import { isoDateText } from './dates.js';
import { excerptSeparator, truthy } from './front-matter.js';
import { jekyllScope, MATCH_STEPS, MatchBudgetSpent, spend, type CompiledGlob, type MatchBudget } from './globs.js';
import { matchLanguage, type SiteKind } from './paths.js';
import { goRegexp, type GoRegexp } from './go-regexp.js';
import { readHugoDateSources, type HugoDateField } from './hugo-dates.js';
import { isSlash, trimWhere } from '../core/text.js';

/**
 * What the old site's own configuration says about its posts: the language
 * of posts that name none, and how their addresses were made, so that every
 * release can say where it used to be.
 */
export interface SiteSettings {
  /**
   * A configuration file of the site that could not be read: what it kept
   * from publication (Jekyll's `defaults`, Hugo's `cascade`, `disableLanguages`
   * …) is not known, and the site's generator refused to build with it.
   */
  unreadConfig?: string;
  /**
   * The site's `timezone` (Jekyll) or `timeZone` (Hugo) as written, when it names no time zone: Jekyll's Ruby then read the
   * dates written without an offset in UTC (which `timeZone` is then), and Hugo refused to build the site.
   */
  unknownTimeZone?: string;
  /** Hugo's `timeZone` of a language that has one of its own (`[languages.ru] timeZone = …`), by the language's key: its pages' dates are read there. */
  languageTimeZones?: Record<string, string>;
  /** Hugo `defaultContentLanguage`; Jekyll (Polyglot) `default_lang` or `lang`. */
  defaultLanguage?: string;
  /** Jekyll `baseurl`, or the path of Hugo's `baseURL`, without a trailing slash ('' at the root). */
  baseUrl: string;
  /** Jekyll `permalink` (a style name or a pattern). */
  permalink?: string;
  /**
   * Jekyll `collections: {posts: {permalink: …}}`: the posts' own pattern,
   * which Jekyll takes over the site's `permalink` (that one only fills it
   * when it is unset). Jekyll reads it as written: a pattern, never a style name.
   */
  postsPermalink?: string;
  /** Hugo `[permalinks]`: section → pattern. */
  permalinks: Record<string, string>;
  /** Hugo `[languages.<lang>.permalinks]`: a language's own patterns (language → section → pattern), before the site's. */
  languagePermalinks?: Record<string, Record<string, string>>;
  /** Hugo, or Jekyll with jekyll-polyglot (`languages: [en, ru]`): several languages are configured, so those other than the default live under `/<lang>/`. */
  multilingual: boolean;
  /** Hugo `uglyURLs`: pages at `/posts/name.html` rather than `/posts/name/`, on the whole site (`true`) or in the sections a mapping names. */
  uglyUrls?: true | Record<string, boolean>;
  /** Hugo's languages, as its configuration names them (`languages: {en: …, fr: …}`): a file name's suffix naming one is in that language. */
  languages?: string[];
  /** Hugo's languages it builds no pages of: `disableLanguages`, and those whose settings say `disabled: true`. */
  disabledLanguages?: { code: string; setting: string }[];
  /**
   * Hugo `[frontmatter] date` with `:filename`: a page named `2020-01-05-visa.md`
   * is dated by its name (`first` when that comes before the front matter,
   * else as a `fallback`), and its address made from `visa`, its slug then.
   */
  filenameDates?: 'first' | 'fallback';
  /** Hugo `[frontmatter]`: the sources of a page's `date`, `publishDate` and `expiryDate` it sets (see hugo-dates.ts). */
  hugoDates?: Partial<Record<HugoDateField, string[]>>;
  /** Hugo `enableGitInfo`: `:git` in `[frontmatter]` dates a page by its last commit. */
  gitInfo?: true;
  /** Hugo `disablePathToLower`: the addresses it made from titles, names and folders keep their letter case. */
  keepPathCase?: true;
  /** Hugo `defaultContentLanguageInSubdir`: on a multilingual site, the default language lives under `/<lang>/` too. */
  defaultLanguageInSubdir?: true;
  /**
   * Hugo `languages.<lang>.contentDir`: folder (relative to the site, `/`-separated,
   * no slash at either end) → the language whose pages it holds. Hugo reads every
   * page there in that language, whatever the folder is called (`content/russian`).
   */
  contentDirs?: Record<string, string>;
  /** Hugo's own `contentDir`, when it is not `content` (relative to the site, `/`-separated, no slash at either end). */
  contentDir?: string;
  /**
   * Jekyll `collections_dir` (relative to the site, `/`-separated, no slash at
   * either end): Jekyll reads `_posts` and `_drafts` only under it, and a post's
   * path there, for its categories and the scopes of `defaults`, starts below it.
   */
  collectionsDir?: string;
  /** Jekyll front matter `defaults`, in the order Jekyll applies them (the least specific path first). */
  defaults?: JekyllDefault[];
  /** Hugo `staticDir` (a folder or a list of them), whose files it serves at the site's root; unset, `static`. */
  staticDirs?: string[];
  /**
   * The time zone the site read dates written without an offset in: Jekyll
   * `timezone`, Hugo `timeZone` (unset, Jekyll used the machine's, which
   * cannot be known, and Hugo UTC).
   */
  timeZone?: string;
  /** Hugo `cascade` in the site's configuration: front matter handed down to every page (see cascade.ts). */
  cascade?: CascadeEntry[];
  /**
   * Pages the site was built with that Hugo or Jekyll leaves out by default:
   * drafts (Hugo `buildDrafts`, Jekyll `show_drafts` for the posts in
   * `_drafts`), Jekyll posts with `published: false` (`unpublished`), pages
   * dated or published from after the build (Hugo `buildFuture`, Jekyll
   * `future`) and expired pages (Hugo `buildExpired`). Such a page was public
   * on the old site.
   */
  builds?: { drafts?: true; unpublished?: true; future?: true; expired?: true };
  /**
   * Jekyll `exclude` and `include`: paths from the site's folder (a prefix of
   * a file's path, or a glob with `*`) that Jekyll does not read, and names it
   * reads though they start with `_` or `.` (see excluded.ts).
   */
  exclude?: JekyllPathPattern[];
  include?: JekyllPathPattern[];
  /** Hugo `ignoreFiles`: regular expressions; a content file whose path one matches is not read (see excluded.ts). */
  ignoreFiles?: GoRegexp[];
  /** Jekyll `excerpt_separator`, as written (see `excerptSeparator`); a post's own comes first. */
  excerptSeparator?: string;
  /** A jekyll-polyglot site: its `languages` as written, and whether `lang_from_path` lets a folder name a post's language. */
  polyglot?: { languages: string[]; langFromPath: boolean };
}

/** One of Jekyll's front matter defaults: values for the posts under `path` (a folder, or a glob with `*`), of one `type` or all. */
export interface JekyllDefault {
  path: string;
  /** The path as a glob, compiled once, when it has a `*`; undefined for one too long to be a real pattern, which covers no post. */
  glob?: CompiledGlob;
  type?: string;
  values: Record<string, unknown>;
}

/** An entry of Jekyll's `exclude` or `include`: as written, with a `/` in front as Jekyll matches it, and as a glob when it has a `*` (undefined for one too long to be a real pattern). */
export interface JekyllPathPattern {
  path: string;
  glob?: CompiledGlob;
}

export const EMPTY_SITE_SETTINGS: SiteSettings = { baseUrl: '', permalinks: {}, multilingual: false };

/** The configuration files each generator reads, in the order it looks for them. */
export const SITE_CONFIG_FILES: Record<SiteKind, readonly string[]> = {
  jekyll: ['_config.yml', '_config.yaml', '_config.toml'],
  hugo: ['hugo.toml', 'hugo.yaml', 'hugo.yml', 'hugo.json', 'config.toml', 'config.yaml', 'config.yml', 'config.json'],
};

const text = (value: unknown) => (typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined);
const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** A folder of the site a setting names (`content`, `./my_collections/`), `/`-separated without a slash at either end; undefined for none, or one that leads out of the site. */
const siteFolder = (value: unknown) => {
  const dir = text(value);
  const folder = dir === undefined ? '' : trimWhere(dir.replace(/\\/g, '/').replace(/^\.\//, ''), isSlash, true);
  return folder !== '' && !folder.split('/').includes('..') ? folder : undefined;
};

/**
 * Hugo's configuration folders, in the order Hugo lays them over its
 * configuration file: `config/_default`, then the environment's, which for
 * `hugo` (a production build, as an import reads the site) is `production`.
 */
export const HUGO_CONFIG_FOLDERS = ['config/_default', 'config/production'] as const;

/** Whether Hugo reads a file in its configuration folder: TOML, YAML or JSON, by its extension in any letter case. */
export const isHugoConfigFile = (name: string) => /\.(?:toml|ya?ml|json)$/i.test(name);

/** A configuration file's data, or why it cannot be read. */
function parseConfig(source: string, fileName: string): { ok: true; data: unknown } | { ok: false; problem: string; line?: number } {
  const toml = fileName.toLowerCase().endsWith('.toml');
  // The YAML composer recurses once per level: deep input is refused before it gets there, as a release's front matter is.
  if (!toml && yamlTooDeep(source)) return { ok: false, problem: `${fileName} nests lists or mappings more than ${MAX_YAML_DEPTH} levels deep; its settings are not used` };
  try {
    // `logLevel: 'error'`: a YAML error is thrown, as Jekyll and Hugo refuse the file, where `silent` dropped it and read the rest,
    // half a configuration (a `defaults` that kept old posts back, lost after a colon in the title); warnings are not printed.
    return { ok: true, data: toml ? parseToml(source, { maxDepth: MAX_YAML_DEPTH }) : parseYaml(source, { maxAliasCount: MAX_ALIAS_COUNT, merge: true, logLevel: 'error', prettyErrors: true }) };
  } catch (cause) {
    const line = cause instanceof TomlError ? cause.line : cause instanceof YAMLError ? cause.linePos?.[0].line : undefined;
    return { ok: false, problem: `${fileName} cannot be read (${cause instanceof Error ? cause.message.split('\n')[0] : String(cause)}); its settings are not used`, ...(typeof line === 'number' ? { line } : {}) };
  }
}

/** Reads a site's configuration file; a file that cannot be read gives the defaults and the reason. */
export function readSiteSettings(source: string, fileName: string, site: SiteKind): { settings: SiteSettings; problem?: string; line?: number } {
  const parsed = parseConfig(source, fileName);
  if (!parsed.ok) return { settings: EMPTY_SITE_SETTINGS, problem: parsed.problem, ...(parsed.line !== undefined ? { line: parsed.line } : {}) };
  return { settings: siteSettingsOf(parsed.data, site) };
}

/**
 * Reads a Hugo site's configuration as Hugo merges it: its configuration
 * file (`hugo.toml`, relative path without a folder) first, then each file
 * of its configuration folders (`HUGO_CONFIG_FOLDERS`) in the order given.
 * A file there named `hugo` or `config` holds settings as the configuration
 * file does; any other holds the value of the key it is named after
 * (`cascade.toml`, `languages.yaml`), and one with a language
 * (`hugo.ru.toml`, `params.ru.toml`) that language's settings. Each file
 * laid over the ones before replaces what it sets, mapping by mapping. A
 * file that cannot be read is named with the reason; the others still count.
 */
export function readHugoConfig(files: readonly { path: string; text: string }[]): { settings: SiteSettings; problems: { file: string; reason: string; line?: number }[] } {
  let merged: Record<string, unknown> = Object.create(null) as Record<string, unknown>;
  const problems: { file: string; reason: string; line?: number }[] = [];
  for (const file of files) {
    const parsed = parseConfig(file.text, file.path);
    if (!parsed.ok) {
      problems.push({ file: file.path, reason: parsed.problem, ...(parsed.line !== undefined ? { line: parsed.line } : {}) });
      continue;
    }
    // An empty file sets nothing, to Hugo as here.
    if (parsed.data === null || parsed.data === undefined) continue;
    const keyPath = file.path.includes('/') ? hugoConfigKeyPath(file.path.slice(file.path.lastIndexOf('/') + 1)) : [];
    let value = parsed.data;
    for (const key of [...keyPath].reverse()) value = { [key]: value };
    if (!isMapping(value)) {
      problems.push({ file: file.path, reason: `${file.path} holds no mapping of settings; its settings are not used` });
      continue;
    }
    merged = overlay(merged, value);
  }
  return { settings: siteSettingsOf(merged, 'hugo'), problems };
}

/** Where Hugo puts the value of a file in its configuration folder, by the file's name. */
function hugoConfigKeyPath(fileName: string): string[] {
  const name = fileName.replace(/\.[^.]*$/, '');
  if (name === 'hugo' || name === 'config') return [];
  const dot = name.lastIndexOf('.');
  if (dot === -1) return [name];
  const [key, lang] = [name.slice(0, dot), name.slice(dot + 1)];
  return key === 'menu' || key === 'menus' ? ['languages', lang, 'menus'] : key === 'params' ? ['languages', lang, 'params'] : ['languages', lang];
}

const isMapping = (value: unknown): value is Record<string, unknown> => isRecord(value) && !(value instanceof Date);

/** `over` laid over `under` as Hugo lays one configuration file over another: a mapping in both is merged, key by key in any letter case (Hugo's keys have none); anything else is replaced. */
function overlay(under: Record<string, unknown>, over: Record<string, unknown>): Record<string, unknown> {
  const merged = Object.create(null) as Record<string, unknown>;
  const spelled = new Map<string, string>();
  for (const [key, value] of Object.entries(under)) {
    merged[key] = value;
    spelled.set(key.toLowerCase(), key);
  }
  for (const [key, value] of Object.entries(over)) {
    const existing = spelled.get(key.toLowerCase());
    const before = existing === undefined ? undefined : merged[existing];
    if (existing !== undefined) delete merged[existing];
    merged[key] = isMapping(before) && isMapping(value) ? overlay(before, value) : value;
    spelled.set(key.toLowerCase(), key);
  }
  return merged;
}

function siteSettingsOf(data: unknown, site: SiteKind): SiteSettings {
  if (!isRecord(data)) return EMPTY_SITE_SETTINGS;
  const settings: SiteSettings = { baseUrl: '', permalinks: {}, multilingual: false };
  if (site === 'hugo') return hugoSettingsOf(lowerKeys(data), settings);
  // A name Ruby does not know is read as UTC, with the name for its abbreviation: Jekyll read the site's dates in UTC.
  const timeZone = text(data.timezone);
  if (timeZone !== undefined && isKnownTimeZone(timeZone)) settings.timeZone = timeZone;
  else if (timeZone !== undefined && timeZone.trim() !== '') {
    settings.timeZone = 'UTC';
    settings.unknownTimeZone = timeZone;
  }
  // A jekyll-polyglot site (`languages: [en, ru]`) has `en` for its `default_lang` when it names none, as Polyglot reads it, whatever `lang` says.
  const polyglot = Array.isArray(data.languages) && data.languages.length > 1;
  const lang = text(data.default_lang) ?? (polyglot ? 'en' : text(data.lang));
  if (lang) settings.defaultLanguage = lang;
  const base = text(data.baseurl);
  if (base) settings.baseUrl = `/${trimWhere(base, isSlash, true)}`.replace(/^\/$/, '');
  const permalink = text(data.permalink);
  if (permalink) settings.permalink = permalink;
  // Jekyll also takes `collections` as a list of names, or with no value, and `posts:` with none: every one a posts collection without settings of its own.
  const posts = isRecord(data.collections) ? data.collections.posts : undefined;
  const postsPermalink = isRecord(posts) ? text(posts.permalink) : undefined;
  if (postsPermalink) settings.postsPermalink = postsPermalink;
  const collectionsDir = siteFolder(data.collections_dir);
  if (collectionsDir !== undefined) settings.collectionsDir = collectionsDir;
  // Jekyll matches a scope's folder under `collections_dir` as the same folder without it: the post's path it is matched against starts below it too.
  const defaults = readJekyllDefaults(data.defaults).map((d) => (collectionsDir !== undefined && d.glob === undefined && d.path.startsWith(`${collectionsDir}/`) ? { ...FRESH, ...d, path: d.path.slice(collectionsDir.length + 1) } : d));
  if (defaults.length > 0) settings.defaults = defaults;
  // jekyll-polyglot builds every page of a language other than `default_lang` under `/<lang>/`.
  settings.multilingual = polyglot;
  // What `jekyll build --future`, `--unpublished` and `--drafts` set: the site's own build, and what it published, was made with them.
  // Jekyll's YAML is YAML 1.1, whose `yes` and `on` are true (and `no` and `off` false), not the strings YAML 1.2 reads here.
  const builds: NonNullable<SiteSettings['builds']> = {};
  if (truthy(data.future) === true) builds.future = true;
  if (truthy(data.unpublished) === true) builds.unpublished = true;
  if (truthy(data.show_drafts) === true) builds.drafts = true;
  if (Object.keys(builds).length > 0) settings.builds = builds;
  const exclude = jekyllPathPatterns(data.exclude);
  const include = jekyllPathPatterns(data.include);
  // Jekyll reads an entry in both lists: `include` wins.
  const kept = exclude.filter((e) => !include.some((i) => i.path === e.path));
  if (kept.length > 0) settings.exclude = kept;
  if (include.length > 0) settings.include = include;
  const separator = excerptSeparator(data.excerpt_separator);
  if (separator !== undefined) settings.excerptSeparator = separator;
  if (settings.multilingual) {
    const languages = (data.languages as unknown[]).map(text).filter((l) => l !== undefined);
    settings.polyglot = { languages, langFromPath: truthy(data.lang_from_path) === true };
  }
  return settings;
}

/**
 * A Hugo configuration's mapping with its keys in lower case, as Hugo reads
 * them whatever their letter case (`[[Cascade]]`, `baseUrl`, `TimeZone`,
 * `DisableLanguages`): of two spellings of one key, the later wins, as in
 * `overlay`. The keys of a mapping of names (the languages' codes, the
 * sections of `permalinks` and `uglyURLs`) are kept as written.
 */
function lowerKeys(data: Record<string, unknown>): Record<string, unknown> {
  const lowered = Object.create(null) as Record<string, unknown>;
  for (const [key, value] of Object.entries(data)) lowered[key.toLowerCase()] = value;
  return lowered;
}

/** A Hugo site's settings from its configuration, its keys in lower case (`lowerKeys`), and each language's too. */
function hugoSettingsOf(data: Record<string, unknown>, settings: SiteSettings): SiteSettings {
  // A name Hugo would not have known either is left for the default, and told with the dates it reads.
  const timeZone = text(data.timezone);
  if (timeZone !== undefined && isKnownTimeZone(timeZone)) settings.timeZone = timeZone;
  else if (timeZone !== undefined && timeZone.trim() !== '') settings.unknownTimeZone = timeZone;
  const baseURL = text(data.baseurl);
  // Hugo's addresses start with the path of its baseURL, as Jekyll's start with `baseurl`.
  const basePath = baseURL === undefined ? undefined : URL.canParse(baseURL) ? new URL(baseURL).pathname : baseURL.startsWith('/') ? baseURL : undefined;
  if (basePath) settings.baseUrl = `/${trimWhere(basePath, isSlash, true)}`.replace(/^\/$/, '');
  // Hugo reads its configuration's keys in any letter case.
  const lang = text(data.defaultcontentlanguage);
  const written = data.languages;
  const languages = isRecord(written) ? Object.fromEntries(Object.entries(written).map(([code, language]) => [code, isRecord(language) ? lowerKeys(language) : language])) : written;
  settings.multilingual = isRecord(languages) && Object.keys(languages).length > 1;
  // Without one, Hugo's default language is English; but a site of one language named otherwise, `[languages.ru]` alone or
  // `languageCode = "ru-RU"` (the language its pages say they are in), is in that one.
  const only = isRecord(languages) && Object.keys(languages).length === 1 ? Object.keys(languages)[0] : undefined;
  const implied = lang ?? only ?? (settings.multilingual ? undefined : text(data.languagecode)?.split(/[-_]/)[0]);
  if (implied) settings.defaultLanguage = implied;
  if (isRecord(languages) && Object.keys(languages).length > 0) settings.languages = Object.keys(languages);
  const disableLanguages = data.disablelanguages;
  const disabled = [
    ...(Array.isArray(disableLanguages) ? disableLanguages : []).map(text).filter((code) => code !== undefined).map((code) => ({ code, setting: 'disableLanguages' })),
    ...Object.entries(isRecord(languages) ? languages : {}).filter(([, language]) => isRecord(language) && language.disabled === true).map(([code]) => ({ code, setting: `languages.${code}.disabled` })),
  ];
  if (disabled.length > 0) settings.disabledLanguages = disabled;
  if (data.defaultcontentlanguageinsubdir === true) settings.defaultLanguageInSubdir = true;
  if (data.disablepathtolower === true) settings.keepPathCase = true;
  const builds: NonNullable<SiteSettings['builds']> = {};
  if (data.builddrafts === true) builds.drafts = true;
  if (data.buildfuture === true) builds.future = true;
  if (data.buildexpired === true) builds.expired = true;
  if (Object.keys(builds).length > 0) settings.builds = builds;
  const frontMatterDates = isRecord(data.frontmatter) ? lowerKeys(data.frontmatter) : {};
  const dateSources = frontMatterDates.date;
  const fromFileName = Array.isArray(dateSources) ? dateSources.findIndex((source) => typeof source === 'string' && source.toLowerCase() === ':filename') : -1;
  if (fromFileName !== -1) settings.filenameDates = fromFileName === 0 ? 'first' : 'fallback';
  const hugoDates = readHugoDateSources(data.frontmatter);
  if (Object.keys(hugoDates).length > 0) settings.hugoDates = hugoDates;
  if (data.enablegitinfo === true) settings.gitInfo = true;
  const ugly = data.uglyurls;
  if (ugly === true) settings.uglyUrls = true;
  else if (isRecord(ugly)) settings.uglyUrls = Object.fromEntries(Object.entries(ugly).filter(([, value]) => typeof value === 'boolean')) as Record<string, boolean>;
  const contentDir = siteFolder(data.contentdir);
  if (contentDir !== undefined && contentDir !== 'content') settings.contentDir = contentDir;
  if (isRecord(languages)) {
    // Hugo takes any of the site's settings inside a language's, its time zone among them.
    const zones: Record<string, string> = Object.create(null) as Record<string, string>;
    for (const [code, language] of Object.entries(languages)) {
      const zone = isRecord(language) ? text(language.timezone) : undefined;
      if (zone !== undefined && isKnownTimeZone(zone)) zones[code] = zone;
    }
    if (Object.keys(zones).length > 0) settings.languageTimeZones = zones;
    const dirs: Record<string, string> = Object.create(null) as Record<string, string>;
    for (const [code, language] of Object.entries(languages)) {
      const folder = isRecord(language) ? siteFolder(language.contentdir) : undefined;
      if (folder !== undefined) dirs[folder] = code;
    }
    if (Object.keys(dirs).length > 0) settings.contentDirs = dirs;
  }
  readContentMounts(data.module, settings);
  const ignoreFiles = data.ignorefiles;
  const ignored = (Array.isArray(ignoreFiles) ? ignoreFiles : [ignoreFiles]).filter((p) => typeof p === 'string' && p !== '').map((p) => goRegexp(p as string));
  if (ignored.length > 0) settings.ignoreFiles = ignored;
  const cascade = readCascade(data.cascade);
  if (cascade.length > 0) settings.cascade = cascade;
  const staticDir = data.staticdir;
  const staticDirs = (Array.isArray(staticDir) ? staticDir : [staticDir]).map(siteFolder).filter((dir) => dir !== undefined);
  if (staticDirs.length > 0) settings.staticDirs = staticDirs;
  settings.permalinks = pagePermalinks(data.permalinks);
  if (isRecord(languages)) {
    const byLanguage: Record<string, Record<string, string>> = Object.create(null) as Record<string, Record<string, string>>;
    for (const [code, language] of Object.entries(languages)) {
      const own = isRecord(language) ? pagePermalinks(language.permalinks) : {};
      if (Object.keys(own).length > 0) byLanguage[code] = own;
    }
    if (Object.keys(byLanguage).length > 0) settings.languagePermalinks = byLanguage;
  }
  return settings;
}

/**
 * Hugo's module mounts of content (`[[module.mounts]] source = "content/russian"
 * target = "content" lang = "ru"`), the other way a site gives each language a
 * folder of its own: Hugo turns every `contentDir` into such a mount, and reads
 * them alike. A mount with a `lang` is that language's content folder; one
 * without, the site's own. Once the site mounts content, Hugo reads no other
 * (`content/` included, unless a mount names it), so the first mount stands for
 * the site's own folder when none is: the rest of `content/` is then outside it,
 * as it was outside what Hugo read. A mount into a section (`target =
 * "content/blog"`) is left alone: its pages are not where Hugo read them.
 */
function readContentMounts(module: unknown, settings: SiteSettings): void {
  const mounts = isRecord(module) ? lowerKeys(module).mounts : undefined;
  if (!Array.isArray(mounts)) return;
  const dirs: Record<string, string> = settings.contentDirs ?? Object.create(null) as Record<string, string>;
  let own: string | undefined;
  let first: string | undefined;
  for (const mount of mounts) {
    if (!isRecord(mount)) continue;
    const { source: sourceSetting, target: targetSetting, lang: langSetting } = lowerKeys(mount);
    const source = siteFolder(sourceSetting);
    if (source === undefined || siteFolder(targetSetting) !== 'content') continue;
    first ??= source;
    const lang = text(langSetting);
    if (lang !== undefined) dirs[source] = lang;
    else own ??= source;
  }
  if (first === undefined) return;
  if (Object.keys(dirs).length > 0) settings.contentDirs = dirs;
  settings.contentDir = own ?? first;
}

/** The patterns of a Hugo `permalinks` setting for regular pages: section → pattern. */
function pagePermalinks(permalinks: unknown): Record<string, string> {
  const found: Record<string, string> = Object.create(null) as Record<string, string>;
  if (!isRecord(permalinks)) return found;
  // Hugo 0.115 and later group patterns by kind; `page` is the one for posts.
  const patterns = isRecord(permalinks.page) ? permalinks.page : permalinks;
  for (const [section, pattern] of Object.entries(patterns)) if (typeof pattern === 'string') found[section] = pattern;
  return found;
}

/** Jekyll's `exclude` or `include` (a list, or one entry): each entry from the site's folder, as Jekyll joins it to the folder (`./a` and `/a` are `a`). */
function jekyllPathPatterns(value: unknown): JekyllPathPattern[] {
  const patterns: JekyllPathPattern[] = [];
  for (const entry of Array.isArray(value) ? value : [value]) {
    if (typeof entry !== 'string' || entry.trim() === '') continue;
    const path = `/${entry.trim().replace(/^(?:\.\/|\/)+/, '')}`;
    const glob = path.includes('*') ? jekyllScope(path) : undefined;
    patterns.push({ path, ...(glob !== undefined ? { glob } : {}) });
  }
  return patterns;
}

function readJekyllDefaults(value: unknown): JekyllDefault[] {
  if (!Array.isArray(value)) return [];
  const defaults: JekyllDefault[] = [];
  for (const entry of value) {
    if (!isRecord(entry) || !isRecord(entry.values)) continue;
    const scope = isRecord(entry.scope) ? entry.scope : {};
    const path = typeof scope.path === 'string' ? trimWhere(scope.path.replace(/^\.\//, ''), isSlash, true) : '';
    const type = text(scope.type);
    const glob = path.includes('*') ? jekyllScope(path) : undefined;
    defaults.push({ path, ...(glob !== undefined ? { glob } : {}), ...(type !== undefined ? { type } : {}), values: entry.values });
  }
  // Jekyll lets the scope with the longer path win, and of two alike the later one.
  return defaults.map((d, i) => ({ d, i })).sort((a, b) => a.d.path.length - b.d.path.length || a.i - b.i).map(({ d }) => d);
}

/**
 * A Jekyll post's front matter with the site's `defaults` under it: the
 * values of every scope that covers the post (its path under the folder, or
 * a glob matching it; type `posts`, or `drafts` for a draft, or none), the
 * post's own keys winning. Matching takes at most `MATCH_STEPS` for the
 * post: past them, `unmatched` says that what the defaults give it is not
 * all known.
 */
export function withJekyllDefaults(data: Record<string, unknown>, path: string, draft: boolean, defaults: readonly JekyllDefault[] | undefined): { data: Record<string, unknown>; unmatched?: true } {
  if (defaults === undefined || defaults.length === 0) return { data };
  const merged = Object.create(null) as Record<string, unknown>;
  const budget: MatchBudget = { steps: MATCH_STEPS };
  let unmatched = false;
  try {
    for (const d of defaults) {
      spend(budget);
      if (d.type !== undefined && d.type !== 'posts' && !(draft && d.type === 'drafts')) continue;
      if (!scopeCovers(d, path, budget)) continue;
      for (const [key, value] of Object.entries(d.values)) {
        spend(budget);
        merged[key] = value;
      }
    }
  } catch (cause) {
    if (!(cause instanceof MatchBudgetSpent)) throw cause;
    unmatched = true;
  }
  for (const [key, value] of Object.entries(data)) merged[key] = value;
  return unmatched ? { data: merged, unmatched } : { data: merged };
}

/** Whether a Jekyll scope path covers a file: a glob as Ruby's fnmatch reads it without FNM_PATHNAME (`*` crosses `/`), else the folder or file itself or one above it. */
function scopeCovers(scope: JekyllDefault, path: string, budget: MatchBudget): boolean {
  if (scope.path === '') return true;
  if (scope.path.includes('*')) return scope.glob?.test(path, budget) === true;
  return path === scope.path || path.startsWith(`${scope.path}/`);
}

/** The clock time and date as the post wrote them, for an address: Jekyll and Hugo put the written date in URLs. */
export interface WrittenDate {
  year: string;
  month: string;
  day: string;
  hour: string;
  minute: string;
  second: string;
}

export function writtenDate(value: unknown): WrittenDate | undefined {
  const textValue = value instanceof Date ? value.toISOString() : typeof value === 'string' ? isoDateText(value.trim()) : undefined;
  const m = textValue === undefined ? null : /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[Tt ]+(\d{1,2}):(\d{2})(?::(\d{2}))?)?/.exec(textValue);
  if (!m) return undefined;
  const two = (s: string | undefined) => (s ?? '0').padStart(2, '0');
  return { year: m[1]!, month: two(m[2]), day: two(m[3]), hour: two(m[4]), minute: two(m[5]), second: two(m[6]) };
}

const JEKYLL_STYLES: Record<string, string> = {
  date: '/:categories/:year/:month/:day/:title:output_ext',
  pretty: '/:categories/:year/:month/:day/:title/',
  ordinal: '/:categories/:year/:y_day/:title:output_ext',
  weekdate: '/:categories/:year/W:week/:short_day/:title:output_ext',
  none: '/:categories/:title:output_ext',
};

/**
 * Jekyll's `slugify`: runs of anything but letters, marks and decimal
 * digits become one hyphen (in `pretty` mode, `._~!$&'()+,;=@` are kept
 * too), a hyphen at either end goes, and the result is lower-cased unless
 * `cased`. `:title` is the pretty, cased form of a post's `slug` or file
 * name (`Visa free regime/extended` → `Visa-free-regime-extended`); `:slug`
 * the default form.
 */
function jekyllSlug(value: string, mode: 'default' | 'pretty' = 'default', cased = false): string {
  const pattern = mode === 'pretty' ? /[^\p{M}\p{L}\p{Nd}._~!$&'()+,;=@]+/gu : /[^\p{M}\p{L}\p{Nd}]+/gu;
  const slug = value.replace(pattern, '-').replace(/^-|-$/g, '');
  return cased ? slug : slug.toLowerCase();
}

function dayOfYear(date: WrittenDate): string {
  const start = Date.UTC(Number(date.year), 0, 1);
  const day = Date.UTC(Number(date.year), Number(date.month) - 1, Number(date.day));
  return String((day - start) / 86_400_000 + 1).padStart(3, '0');
}

function fill(pattern: string, values: Record<string, string>): string {
  // Longest names first, so that `:title` is not read as `:t` + `itle`.
  const names = Object.keys(values).sort((a, b) => b.length - a.length);
  const re = new RegExp(`:(${names.join('|')})`, 'g');
  return pattern.replace(re, (_, name: string) => values[name] ?? '');
}

const tidy = (path: string) => path.replace(/\/{2,}/g, '/');

/**
 * What jekyll-polyglot knows the translations of a post by: its `page_id`
 * (read as the post's translation key), else its address as Jekyll made it,
 * without Polyglot's `/<lang>/` in front and with any language of the site
 * as a segment of it (`/ru/`, `.ru.`) taken out, as Polyglot takes them out.
 */
export function polyglotUrlKey(url: string, languages: readonly string[]): string {
  if (languages.length === 0) return url;
  const segment = new RegExp(languages.map((l) => `[/.]${l.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}[/.]`).join('|'), 'g');
  return url.replace(segment, '/');
}

/**
 * A path as Jekyll writes a page's address (its URL class's `sanitize_url`),
 * which jekyll-redirect-from's pages take theirs from: a `.` or `..` segment
 * is dropped, not followed (`../old/` is `/old/`, `news/../old/` is
 * `/news/old/`), so no address leads above the site's root. Only a whole
 * segment before a slash is dropped here, where Jekyll 3 and 4 agree; they
 * differ over dots inside a name or at its end, which stay to be refused.
 */
export function jekyllUrlPath(path: string): string {
  const segments = `/${path}`.split('/');
  return segments.filter((segment, i) => !((segment === '.' || segment === '..') && i < segments.length - 1)).join('/').replace(/\/{2,}/g, '/');
}

/**
 * The address Jekyll gave a post: its `permalink` (its own, or the one the
 * site's `defaults` gave it), else the posts collection's, else the site's
 * permalink style, under `baseurl` (and jekyll-polyglot's `/<lang>/`).
 */
export function jekyllUrl(input: { permalink?: string; title: string; slug?: string; categories: readonly string[]; date?: WrittenDate; lang?: string }, settings: SiteSettings): string | undefined {
  const pattern = input.permalink ?? settings.postsPermalink ?? JEKYLL_STYLES[settings.permalink ?? 'date'] ?? settings.permalink!;
  const base = `${settings.baseUrl}${settings.multilingual && input.lang !== undefined && input.lang !== settings.defaultLanguage ? `/${input.lang}` : ''}`;
  if (!pattern.includes(':')) return tidy(`${base}/${pattern}`);
  const date = input.date;
  if (!date && /:(?:year|month|day|i_month|i_day|short_year|y_day|hour|minute|second|short_month|long_month|w_year|week|w_day|short_day|long_day)/.test(pattern)) return undefined;
  const values: Record<string, string> = {
    title: jekyllSlug(input.slug ?? input.title, 'pretty', true),
    slug: jekyllSlug(input.slug ?? input.title),
    // Categories are only lower-cased, once each: Jekyll does not slugify them.
    categories: [...new Set(input.categories.map((c) => c.toLowerCase()))].join('/'),
    output_ext: '.html',
    ...(date ? {
      year: date.year, month: date.month, day: date.day, hour: date.hour, minute: date.minute, second: date.second,
      i_month: String(Number(date.month)), i_day: String(Number(date.day)), short_year: date.year.slice(2), y_day: dayOfYear(date),
      ...jekyllDateNames(date),
    } : {}),
  };
  return tidy(`${base}/${fill(pattern, values)}`);
}

/** The day a written date names, at midnight UTC (not `Date.UTC`, which reads the years 0 to 99 as 1900 to 1999). */
function calendarDay(date: WrittenDate): Date {
  const day = new Date(0);
  day.setUTCFullYear(Number(date.year), Number(date.month) - 1, Number(date.day));
  return day;
}

/**
 * Jekyll's other date placeholders, as Ruby's `strftime` writes them:
 * `:short_month` `Jan` (`%b`), `:long_month` `January` (`%B`), `:short_day`
 * `Thu` (`%a`), `:long_day` `Thursday` (`%A`), and the ISO week date:
 * `:w_year` (`%G`), `:week` `04` (`%V`), `:w_day` `4`, Monday being 1 (`%u`).
 */
function jekyllDateNames(date: WrittenDate): Record<string, string> {
  const day = calendarDay(date);
  const isoWeekday = day.getUTCDay() === 0 ? 7 : day.getUTCDay();
  // A week belongs to the year that holds its Thursday, and is counted from that year's first.
  const thursday = new Date(day.getTime() + (4 - isoWeekday) * 86_400_000);
  const yearStart = new Date(0);
  yearStart.setUTCFullYear(thursday.getUTCFullYear(), 0, 1);
  const week = Math.floor((thursday.getTime() - yearStart.getTime()) / (7 * 86_400_000)) + 1;
  const month = MONTHS[Number(date.month) - 1] ?? '';
  const weekday = WEEKDAY_NAMES[day.getUTCDay()] ?? '';
  return {
    short_month: month.slice(0, 3), long_month: month, short_day: weekday.slice(0, 3), long_day: weekday,
    w_year: String(thursday.getUTCFullYear()).padStart(4, '0'), week: String(week).padStart(2, '0'), w_day: String(isoWeekday),
  };
}

/**
 * Hugo's `urlize`: lower-case (unless the site sets `disablePathToLower`:
 * `keepCase`), punctuation other than hyphens, dots, slashes and the `_`,
 * `~`, `+` and `@` Hugo keeps removed, and a run of spaces one hyphen before
 * the next character kept, none at either end nor beside a hyphen, whatever
 * was removed between (`Baku – new centre` → `baku-new-centre`, `EU+EEA`
 * stays `eu+eea`, as Hugo's UnicodeSanitize has it). Its `#` and `\` are
 * dropped: no link reached a page at an address holding them.
 */
function urlizePath(value: string, keepCase = false): string {
  let path = '';
  let hyphenDue = false;
  for (const char of keepCase ? value : value.toLowerCase()) {
    if (/[\p{L}\p{Nd}\p{M}\-._~+@/]/u.test(char)) {
      if (hyphenDue && char !== '-') path += '-';
      hyphenDue = false;
      path += char;
    } else if (path !== '' && !path.endsWith('-') && /\s/u.test(char)) hyphenDue = true;
  }
  return path;
}

/** The date Hugo tells a date layout from a word by: each of its elements differs from Go's (see `goDateLayout`). */
const EPOCH: WrittenDate = { year: '2019', month: '11', day: '09', hour: '23', minute: '01', second: '42' };

const WEEKDAY_NAMES = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

/** Hugo's other date tokens, as Go writes them: `:monthname` `February`, `:weekday` `1` (Sunday is 0), `:weekdayname` `Monday`, `:yearday` `34`. */
function hugoDateNames(date: WrittenDate): Record<string, string> {
  const day = calendarDay(date);
  const weekday = day.getUTCDay();
  return { monthname: MONTHS[Number(date.month) - 1] ?? '', weekday: String(weekday), weekdayname: WEEKDAY_NAMES[weekday] ?? '', yearday: String(Number(dayOfYear(date))) };
}

/**
 * A permalink word Hugo does not know, read as Go reads a date layout, as
 * Hugo reads it (`:2006`, `:01`, `:02`, `:Jan`, `:Monday`, `:15`): the
 * page's date in it, or the word itself when it holds no layout's element.
 * Undefined for a time zone's (`MST`, `Z0700`), which a written date has not.
 */
function goDateLayout(layout: string, date: WrittenDate): string | undefined {
  const day = calendarDay(date);
  const month = MONTHS[Number(date.month) - 1] ?? '';
  const weekday = WEEKDAY_NAMES[day.getUTCDay()] ?? '';
  const yearDay = Number(dayOfYear(date));
  const hour = Number(date.hour);
  const hour12 = hour % 12 === 0 ? 12 : hour % 12;
  // Go's elements, the longer of two that start alike first; `_2006` is a `_` and the year.
  const elements: [string, () => string | undefined][] = [
    ['January', () => month], ['Jan', () => month.slice(0, 3)], ['Monday', () => weekday], ['Mon', () => weekday.slice(0, 3)],
    ['MST', () => undefined], ['Z070000', () => undefined], ['Z0700', () => undefined], ['Z07', () => undefined],
    ['2006', () => date.year], ['_2006', () => `_${date.year}`], ['__2', () => String(yearDay).padStart(3, ' ')], ['_2', () => String(Number(date.day)).padStart(2, ' ')],
    ['002', () => String(yearDay).padStart(3, '0')], ['01', () => date.month], ['02', () => date.day], ['03', () => String(hour12).padStart(2, '0')],
    ['04', () => date.minute], ['05', () => date.second], ['06', () => date.year.slice(-2)], ['15', () => date.hour],
    ['1', () => String(Number(date.month))], ['2', () => String(Number(date.day))], ['3', () => String(hour12)],
    ['4', () => String(Number(date.minute))], ['5', () => String(Number(date.second))], ['PM', () => (hour < 12 ? 'AM' : 'PM')], ['pm', () => (hour < 12 ? 'am' : 'pm')],
  ];
  // Go takes `Jan` and `Mon` for a month's and a day's names only when no lower-case letter follows (`Janet` is a word).
  const named = (name: string, i: number) => layout.startsWith(name, i) && !((name === 'Jan' || name === 'Mon') && /[a-z]/.test(layout[i + 3] ?? ''));
  let formatted = '';
  for (let i = 0; i < layout.length;) {
    const element = elements.find(([name]) => named(name, i));
    if (element === undefined) {
      formatted += layout[i];
      i++;
      continue;
    }
    const value = element[1]();
    if (value === undefined) return undefined;
    formatted += value;
    i += element[0].length;
  }
  return formatted;
}

/**
 * The address Hugo gave a page, under the path of its `baseURL`: its `url`,
 * else the section's permalink pattern, else its path in the content folder
 * (`folders`, from the section down: `/<section>/2020/<slug or name>/`).
 */
export function hugoUrl(input: { url?: string; title: string; slug?: string; name: string; section: string; folders?: readonly string[]; sections?: readonly string[]; lang: string; date?: WrittenDate }, settings: SiteSettings): string | undefined {
  const prefix = `${settings.baseUrl}${settings.multilingual && (settings.defaultLanguageInSubdir === true || input.lang !== settings.defaultLanguage) ? `/${input.lang}` : ''}`;
  // Hugo reads `url` from the site's root when it starts with "/", else from the page's language's (the same on a site of one language).
  if (input.url !== undefined) return /^[a-z][a-z0-9+.-]*:|^\/\//i.test(input.url) ? input.url : tidy(`${input.url.startsWith('/') ? settings.baseUrl : prefix}/${input.url}`);
  const pattern = languagePermalinks(input.lang, settings)?.[input.section] ?? settings.permalinks[input.section];
  const urlize = (value: string) => urlizePath(value, settings.keepPathCase === true);
  // With `uglyURLs`, Hugo writes the page that would be `name/` as `name.html`.
  const ugly = hugoUglySection(input.section, settings);
  const page = (path: string) => (ugly && path.endsWith('/') && path !== '/' ? `${path.slice(0, -1)}.html` : path);
  if (pattern === undefined) return page(tidy(`${prefix}/${(input.folders ?? [input.section]).map(urlize).join('/')}/${urlize(input.slug ?? input.name)}/`));
  const date = input.date;
  if (!date && /:(?:year|month|day|weekday)/.test(pattern)) return undefined;
  const sections = input.sections ?? [input.section];
  const values: Record<string, string> = {
    section: urlize(input.section), sections: sections.map(urlize).join('/'), title: urlize(input.title),
    slug: urlize(input.slug ?? input.title), filename: urlize(input.name), slugorfilename: urlize(input.slug ?? input.name),
    contentbasename: urlize(input.name), slugorcontentbasename: urlize(input.slug ?? input.name),
    ...(date ? { year: date.year, month: date.month, day: date.day, ...hugoDateNames(date) } : {}),
  };
  // `:sections[1:]` and its kin first, which `fill` would read as `:sections` followed by text.
  const sliced = pattern.replace(/:sections(\[[^\]]+\])/g, (_, cut: string) => sliceSections(cut, sections).map(urlize).join('/'));
  // Then the words Hugo reads as Go's date layouts (`:2006/:01/:02`): not dated, the page's address is not known.
  let undated = false;
  const laidOut = sliced.replace(/:(\w+)/g, (word: string, name: string) => {
    // A layout is told from a word as Hugo tells it: by what it makes of a date whose every element differs from Go's own.
    if (Object.hasOwn(values, name) || /^(?:year|month|day|weekday)/.test(name) || goDateLayout(name, EPOCH) === name) return word;
    const formatted = date === undefined ? undefined : goDateLayout(name, date);
    if (date === undefined) undated = true;
    return formatted ?? word;
  });
  return undated ? undefined : page(tidy(`${prefix}/${fill(laidOut, values)}`));
}

/** Whether Hugo wrote the pages of a section, and their aliases, as `name.html` (`uglyURLs`, on the whole site or for that section). */
export function hugoUglySection(section: string, settings: SiteSettings): boolean {
  return settings.uglyUrls === true || settings.uglyUrls?.[section] === true;
}

/** A language's own permalink patterns (see `ofLanguage`). */
const languagePermalinks = (lang: string, settings: SiteSettings): Record<string, string> | undefined => ofLanguage(settings.languagePermalinks, lang);

/** A language's own setting, by its key as the site's configuration writes it or as the project spells it (`en` for `en-GB`). */
export function ofLanguage<T>(byLanguage: Readonly<Record<string, T>> | undefined, lang: string): T | undefined {
  if (byLanguage === undefined) return undefined;
  const code = Object.keys(byLanguage).find((key) => key.toLowerCase() === lang.toLowerCase()) ?? Object.keys(byLanguage).find((key) => matchLanguage(key, [lang]) === lang);
  return code === undefined ? undefined : byLanguage[code];
}

/**
 * The sections `:sections[…]` names, as Hugo cuts them: `[1:]`, `[:last]`,
 * `[2]`, `[last]`; a bound past the end gives nothing from the start and all
 * to the end, and a cut Hugo does not read gives nothing.
 */
function sliceSections(cut: string, sections: readonly string[]): readonly string[] {
  const spec = cut.trim().toLowerCase().slice(1, -1);
  if (sections.length === 0) return [];
  const index = (text: string, low: boolean): number => {
    if (text === '') return low ? 0 : sections.length;
    if (text === 'last') return sections.length - 1;
    const n = Math.max(0, Number.parseInt(text, 10) || 0);
    return n >= sections.length ? (low ? -1 : sections.length) : n;
  };
  const parts = spec.split(':');
  if (parts.length === 1) {
    const n = index(parts[0]!, true);
    return n < 0 ? [] : [sections[n]!];
  }
  const [low, high] = [index(parts[0]!, true), index(parts[1]!, false)];
  return low < 0 || high < 0 ? [] : sections.slice(low, high);
}
