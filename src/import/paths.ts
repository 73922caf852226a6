/**
 * Which files of a Jekyll or Hugo site are posts, and what their paths say
 * (draft folder, language folder or suffix, name). Paths are relative to
 * the site folder and `/`-separated.
 */

export const SITE_KINDS = ['jekyll', 'hugo'] as const;
export type SiteKind = (typeof SITE_KINDS)[number];

export interface PostPath {
  kind: 'post';
  path: string;
  /** Jekyll's `_drafts` folder. */
  draft: boolean;
  /** The file name without extension and language suffix; for a Hugo page bundle (`foo/index.md`), the folder's name. */
  name: string;
  /** `ru` from `post.ru.md`. */
  langSuffix?: string;
  /** The folders above the file (for a page bundle, above its folder). */
  folders: string[];
  /** An HTML post: its body is converted to Markdown (see html.ts). */
  html?: boolean;
}

export interface SkippedPath {
  kind: 'skip';
  path: string;
  reason: string;
  /** Whether the report names the file; assets, layouts and configuration are only counted. */
  listed: boolean;
  /** A Hugo section page (`_index.md`), no post, but read for what it hands down to the pages under it (see cascade.ts). */
  section?: { folders: string[]; langSuffix?: string };
}

export type PathClass = PostPath | SkippedPath;

const MARKDOWN = new Set(['md', 'markdown', 'mkd', 'mkdn', 'mdown', 'mdwn']);
const HTML = new Set(['html', 'htm']);
const OTHER_MARKUP = new Set(['textile', 'adoc', 'asciidoc', 'org', 'rst', 'pandoc', 'pdc', 'ipynb', 'mmark']);

/** Folders a site generator never reads as content: output, caches, dependencies. */
const IGNORED_FOLDERS = new Set(['_site', 'node_modules', 'vendor', 'public', 'resources', '.jekyll-cache', '.sass-cache', '.git']);

/** Jekyll folders that hold templates and data rather than pages. */
const JEKYLL_MACHINERY = new Set(['_layouts', '_includes', '_sass', '_data', '_plugins', 'assets']);

/** A language code as sites write it: `ru`, `RU`, `ru-RU`, `ru_RU`, `pt-br`. */
const LANGUAGE_CODE = /^([a-z]{2,3})(?:[-_][a-z0-9]{2,8})*$/i;

/** The primary language subtag of a code (`ru_RU` → `ru`), or undefined if it is not one. */
export function languageCode(value: string): string | undefined {
  const match = LANGUAGE_CODE.exec(value.trim());
  return match ? match[1]!.toLowerCase() : undefined;
}

/**
 * The project language a site's code names, or undefined: the same tag in
 * any case or with `_` (`ru_RU` → `ru-RU`), else its primary language
 * (`ru_RU` → `ru`), else the only configured variant of it (`en` → `en-GB`).
 */
export function matchLanguage(value: string, languages: readonly string[]): string | undefined {
  const tag = value.trim().replace(/_/g, '-').toLowerCase();
  const primary = languageCode(tag);
  if (primary === undefined) return undefined;
  const exact = languages.find((l) => l.toLowerCase() === tag) ?? languages.find((l) => l.toLowerCase() === primary);
  if (exact !== undefined) return exact;
  const variants = languages.filter((l) => languageCode(l) === primary);
  return variants.length === 1 ? variants[0] : undefined;
}

function extensionOf(name: string): string {
  const dot = name.lastIndexOf('.');
  return dot <= 0 ? '' : name.slice(dot + 1).toLowerCase();
}

/** `post.ru` → name `post`, suffix `ru`; only a suffix naming one of `languages` counts. */
function splitLanguageSuffix(stem: string, languages: readonly string[]): { name: string; langSuffix?: string } {
  const dot = stem.lastIndexOf('.');
  if (dot > 0) {
    const lang = matchLanguage(stem.slice(dot + 1), languages);
    if (lang !== undefined) return { name: stem.slice(0, dot), langSuffix: lang };
  }
  return { name: stem };
}

const skip = (path: string, reason: string, listed = true): SkippedPath => ({ kind: 'skip', path, reason, listed });

/**
 * Classifies one file. `contentRoot` is the folder Hugo reads content from
 * (`content/`, or '' when the site folder is the content folder itself), and
 * `languageDirs` the content folders of its languages (`contentDir`), which
 * may be elsewhere (`content_ru`); `languages` are the codes a language
 * suffix or folder may name.
 */
export function classifyPath(path: string, site: SiteKind, languages: readonly string[], contentRoot = '', languageDirs: readonly string[] = []): PathClass {
  const segments = path.split('/');
  const fileName = segments[segments.length - 1]!;
  const folders = segments.slice(0, -1);
  if (folders.some((f) => IGNORED_FOLDERS.has(f) || f.startsWith('.')) || fileName.startsWith('.')) return skip(path, 'ignored', false);
  const extension = extensionOf(fileName);
  const stem = extension ? fileName.slice(0, -(extension.length + 1)) : fileName;
  const isText = MARKDOWN.has(extension) || HTML.has(extension) || OTHER_MARKUP.has(extension);
  return site === 'jekyll'
    ? classifyJekyll(path, folders, stem, extension, isText, languages)
    : classifyHugo(path, folders, stem, extension, isText, languages, contentFolderOf(folders, contentRoot, languageDirs));
}

function classifyJekyll(path: string, folders: string[], stem: string, extension: string, isText: boolean, languages: readonly string[]): PathClass {
  const postFolder = folders.findIndex((f) => f === '_posts' || f === '_drafts');
  if (postFolder === -1) {
    if (!isText || folders.some((f) => JEKYLL_MACHINERY.has(f))) return skip(path, 'not a post', false);
    return skip(path, 'not a post: only files in _posts and _drafts are posts (a page, not a press release)');
  }
  if (OTHER_MARKUP.has(extension)) return skip(path, `a .${extension} post: only Markdown and HTML posts are converted`);
  if (!MARKDOWN.has(extension) && !HTML.has(extension)) return skip(path, 'not a post (a file beside the posts)', false);
  const { name, langSuffix } = splitLanguageSuffix(stem, languages);
  return { kind: 'post', path, draft: folders[postFolder] === '_drafts', name, ...(langSuffix ? { langSuffix } : {}), folders, ...(HTML.has(extension) ? { html: true } : {}) };
}

/** The content folder that holds a file in `folders`: the deepest language folder that does, else `contentRoot`. */
function contentFolderOf(folders: readonly string[], contentRoot: string, languageDirs: readonly string[]): string {
  if (languageDirs.length === 0) return contentRoot;
  let dirs = folderSets.get(languageDirs);
  if (dirs === undefined) folderSets.set(languageDirs, (dirs = new Set(languageDirs)));
  return deepestFolder(folders, (dir) => dirs.has(dir)) ?? contentRoot;
}

/** Each list of language folders `contentFolderOf` was given, as a set, made once for the list and not for each file. */
const folderSets = new WeakMap<readonly string[], ReadonlySet<string>>();

/**
 * The deepest of a site's folders (`/`-separated, as `has` knows them) that holds a file in `folders`: looked up by the
 * file's own folders, not by a look at each folder of the site, of which a configuration may name thousands.
 */
export function deepestFolder(folders: readonly string[], has: (dir: string) => boolean): string | undefined {
  let found: string | undefined;
  let dir = '';
  for (const [i, folder] of folders.entries()) {
    dir = i === 0 ? folder : `${dir}/${folder}`;
    if (has(dir)) found = dir;
  }
  return found;
}

function classifyHugo(path: string, folders: string[], stem: string, extension: string, isText: boolean, languages: readonly string[], contentRoot: string): PathClass {
  const rootSegments = contentRoot === '' ? [] : contentRoot.split('/');
  if (rootSegments.some((s, i) => folders[i] !== s)) return skip(path, 'not content (outside the content folder)', false);
  const inside = folders.slice(rootSegments.length);
  if (!isText) return skip(path, 'not a post (a resource)', false);
  if (OTHER_MARKUP.has(extension)) return skip(path, `a .${extension} page: only Markdown and HTML content is converted`);
  const { name: baseName, langSuffix } = splitLanguageSuffix(stem, languages);
  if (baseName === '_index') return { kind: 'skip', path, reason: 'a section list page (_index), not a post', listed: true, section: { folders, ...(langSuffix ? { langSuffix } : {}) } };
  const bundle = baseName === 'index';
  const name = bundle ? inside[inside.length - 1] : baseName;
  const sections = (bundle ? inside.slice(0, -1) : inside).filter((f, i) => !(i === 0 && matchLanguage(f, languages) !== undefined));
  if (name === undefined || sections.length === 0) return skip(path, bundle && name === undefined ? 'the home page, not a post' : 'a page outside any section, not a post');
  return { kind: 'post', path, draft: false, name, ...(langSuffix ? { langSuffix } : {}), folders: bundle ? folders.slice(0, -1) : folders, ...(HTML.has(extension) ? { html: true } : {}) };
}

/**
 * Hugo's leaf bundles among a site's files: the folder of each page named
 * `index` (`index.md`, `index.ru.md`, any content format) in a content
 * folder, the home page's too, with that page (the first by name). Every
 * other content file in such a folder or below it is a resource of the
 * page, never a page of its own, as Hugo reads it (`_index.md` makes a
 * branch bundle instead, whose files are pages).
 */
export function hugoLeafBundles(paths: Iterable<string>, languages: readonly string[], contentRoot = '', languageDirs: readonly string[] = []): LeafBundles {
  const folders = new Map<string, string>();
  const indexes = new Set<string>();
  for (const path of paths) {
    const segments = path.split('/');
    const fileName = segments.at(-1)!;
    const extension = extensionOf(fileName);
    if (!MARKDOWN.has(extension) && !HTML.has(extension) && !OTHER_MARKUP.has(extension)) continue;
    if (splitLanguageSuffix(fileName.slice(0, -(extension.length + 1)), languages).name !== 'index') continue;
    const parent = segments.slice(0, -1);
    const root = contentFolderOf(parent, contentRoot, languageDirs);
    const rootSegments = root === '' ? [] : root.split('/');
    if (rootSegments.some((s, i) => parent[i] !== s) || parent.some((f) => IGNORED_FOLDERS.has(f) || f.startsWith('.'))) continue;
    indexes.add(path);
    const folder = parent.join('/');
    const first = folders.get(folder);
    if (first === undefined || path < first) folders.set(folder, path);
  }
  return { folders, indexes };
}

/** Hugo's leaf bundles (see `hugoLeafBundles`): folder → its page, and every bundle's pages. */
export interface LeafBundles {
  folders: ReadonlyMap<string, string>;
  indexes: ReadonlySet<string>;
}

/**
 * The page of the leaf bundle whose resource the file at `path` is, or
 * undefined: the bundle nearest the content folder holds it (Hugo reads no
 * bundle inside a bundle), unless it is that bundle's own page.
 */
export function leafBundleHolding(path: string, bundles: LeafBundles): string | undefined {
  const folders = path.split('/').slice(0, -1);
  for (let depth = 0; depth <= folders.length; depth++) {
    const folder = folders.slice(0, depth).join('/');
    const page = bundles.folders.get(folder);
    if (page === undefined) continue;
    if (depth === folders.length && bundles.indexes.has(path)) return undefined;
    return page;
  }
  return undefined;
}
