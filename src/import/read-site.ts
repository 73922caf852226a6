import { lstat, readdir, realpath, stat } from 'node:fs/promises';
import { join, sep } from 'node:path';
import { FRESH } from '../core/objects.js';
import { realAndWay, WayCache } from '../io/confine.js';
import { readBytesSync, readReleaseFile, readTextFile } from '../io/read.js';
import { declaredLegacyCharset, decodeDeclared } from './html-charset.js';
import type { SectionSource, SkippedFile, SourcePost } from './convert.js';
import { classifyPath, hugoLeafBundles, leafBundleHolding, matchLanguage, type SiteKind } from './paths.js';
import { EMPTY_SITE_SETTINGS, HUGO_CONFIG_FOLDERS, isHugoConfigFile, readHugoConfig, readSiteSettings, SITE_CONFIG_FILES, type SiteSettings } from './site-config.js';
import { systemErrorText } from '../io/system-errors.js';
import { hugoExclusion, jekyllExclusion } from './excluded.js';

/**
 * Reading the old site. Nothing under it is ever written. Symbolic links are
 * followed only to files inside the site folder (a link in a downloaded
 * archive must not make the importer read, and copy into releases, a file
 * elsewhere on the machine), never to folders; files over the size limit
 * are not read.
 */

export interface SiteContents {
  posts: SourcePost[];
  skipped: SkippedFile[];
  /** Files that are not posts and not worth naming: layouts, assets, configuration. */
  otherFiles: number;
  /** Hugo's content folder relative to the site ('' for Jekyll, or a Hugo folder holding content directly). */
  contentRoot: string;
  /** From the site's configuration file, when it has one. */
  settings: SiteSettings;
  /** Every file found in the site, relative to it: where an image a post shows from the old site's address is. */
  files: ReadonlySet<string>;
  /** Hugo's section pages (`_index.md`), for what they hand down to the pages under them. */
  sections: SectionSource[];
}

/** More files than any archive of releases has; a guard against walking a whole disk by mistake. */
export const MAX_SITE_FILES = 200_000;
const MAX_DEPTH = 64;
/** More files than Hugo's configuration folders of any site hold. */
const MAX_CONFIG_FILES = 1_000;

export async function readSite(src: string, site: SiteKind, languages: readonly string[], maxFileSize: number): Promise<SiteContents> {
  const root = await realpath(src);
  const files: string[] = [];
  const result: SiteContents = { posts: [], skipped: [], otherFiles: 0, contentRoot: '', settings: EMPTY_SITE_SETTINGS, files: new Set<string>(), sections: [] };
  const configFiles: { path: string; text: string }[] = [];
  const readConfigFile = async (path: string) => {
    const read = await readTextFile(join(root, path), path, maxFileSize);
    if (read.ok) configFiles.push({ path, text: read.text });
    else result.skipped.push({ file: path, reason: `${read.diagnostic.message.replace(/\.$/, '')}; its settings are not used` });
  };
  const skippedBefore = result.skipped.length;
  for (const name of SITE_CONFIG_FILES[site]) {
    const info = await lstat(join(root, name)).catch(() => undefined);
    if (!info?.isFile() && !info?.isSymbolicLink()) continue;
    // The site's generator reads the first of its configuration files there is: one not read leaves the settings unknown, not those of the next.
    if (info.isSymbolicLink() && !(await isLinkToFileInside(root, name))) result.skipped.push({ file: name, reason: LINKED_CONFIG });
    else await readConfigFile(name);
    break;
  }
  if (site === 'hugo') {
    for (const folder of HUGO_CONFIG_FOLDERS) await readConfigFolder(root, folder, 0, configFiles, result.skipped, readConfigFile);
    const { settings, problems } = readHugoConfig(configFiles);
    result.settings = settings;
    result.skipped.push(...problems);
  } else if (configFiles[0] !== undefined) {
    const { settings, problem, line } = readSiteSettings(configFiles[0].text, configFiles[0].path, site);
    result.settings = settings;
    if (problem) result.skipped.push({ file: configFiles[0].path, reason: problem, ...(line !== undefined ? { line } : {}) });
  }
  // A configuration file not read (a link out of the site, not text, not TOML, YAML or JSON) leaves unknown what it kept back.
  const unread = result.skipped[skippedBefore];
  if (unread !== undefined) result.settings = { ...FRESH, ...result.settings, unreadConfig: unread.file };
  // Hugo reads a suffix naming one of its languages as the page's language, one the project has or not (`post.fr.md` is French either way).
  const suffixLanguages = [...languages, ...(result.settings.languages ?? []).filter((l) => matchLanguage(l, languages) === undefined)];
  const isFolderOfSite = async (folder: string) => (await stat(join(root, folder)).catch(() => undefined))?.isDirectory() === true;
  // Hugo reads each language's `contentDir` wherever it is (`content_ru` beside `content`), and the rest from its own `contentDir`.
  const languageDirs = site === 'hugo' ? Object.keys(result.settings.contentDirs ?? {}) : [];
  const ownDir = result.settings.contentDir;
  const contentRoot = site !== 'hugo' ? ''
    : ownDir !== undefined && await isFolderOfSite(ownDir) ? ownDir
    : await isFolderOfSite('content') ? 'content'
    // Without content/, a site whose languages have content folders of their own is no content folder itself.
    : languageDirs.length > 0 ? 'content' : '';
  result.contentRoot = contentRoot;
  const walk = async (folder: string, prefix: string, depth: number): Promise<void> => {
    if (files.length >= MAX_SITE_FILES) return;
    if (depth > MAX_DEPTH) {
      result.skipped.push({ file: prefix, reason: `folders nest deeper than ${MAX_DEPTH} levels; not read` });
      return;
    }
    let entries;
    try {
      entries = await readdir(join(root, folder), { withFileTypes: true });
    } catch (cause) {
      result.skipped.push({ file: prefix || '.', reason: `the folder cannot be read (${systemErrorText(cause, 'error')})` });
      return;
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of entries) {
      const path = `${prefix}${entry.name}`;
      if (entry.isDirectory()) {
        if (isIgnoredFolder(path, site, languages, contentRoot)) continue;
        await walk(join(folder, entry.name), `${path}/`, depth + 1);
      } else if (entry.isSymbolicLink()) {
        await addLink(path);
      } else if (entry.isFile()) {
        if (files.length >= MAX_SITE_FILES) {
          result.skipped.push({ file: path, reason: `the site has more than ${MAX_SITE_FILES} files; the rest were not read` });
          return;
        }
        files.push(path);
      } else if (isListed(path)) {
        // A named pipe, a socket or a device where a post would be: never opened (a pipe would wait forever).
        result.skipped.push({ file: path, reason: 'not a regular file; not read' });
      } else {
        result.otherFiles++;
      }
    }
  };
  /** Whether a file at `path` is one the report names: a post, or what looks like one. */
  const isListed = (path: string) => {
    const classified = classifyPath(path, site, suffixLanguages, contentRoot, languageDirs);
    return classified.kind !== 'skip' || classified.listed;
  };
  const ways = new WayCache();
  const addLink = async (path: string) => {
    // A link out of the site, or out and back (`../elsewhere/../site/_posts/a.md`, followed by the system only when
    // `elsewhere` exists), is said to be so whatever is there: a folder, a file or nothing.
    const { real, out: outside } = await realAndWay(join(root, path), [root], ways);
    const target = outside ? undefined : real;
    const info = target ? await stat(target).catch(() => undefined) : undefined;
    // A linked folder where posts would be (`_posts -> ../archive`) is named: its posts are not imported.
    if (info?.isDirectory()) {
      if (isIgnoredFolder(path, site, languages, contentRoot)) result.otherFiles++;
      else result.skipped.push({ file: path, reason: 'a symbolic link to a folder; not followed (import from the folder it links to, or copy it in)' });
      return;
    }
    // Out of the site, where a folder of posts might be as well as a post: named, as a linked folder in the site is.
    if (!isListed(path) && !(outside && !isIgnoredFolder(path, site, languages, contentRoot))) {
      result.otherFiles++;
      return;
    }
    if (outside) result.skipped.push({ file: path, reason: 'a symbolic link to outside the site folder; not read' });
    else if (!target || !info) result.skipped.push({ file: path, reason: 'a symbolic link to nothing; not read' });
    else if (!info.isFile()) result.skipped.push({ file: path, reason: 'a symbolic link to something other than a file; not read' });
    else files.push(path);
  };
  await walk('', '', 0);
  result.files = new Set(files);

  const bundles = site === 'hugo' ? hugoLeafBundles(files, suffixLanguages, contentRoot, languageDirs) : undefined;
  for (const path of files) {
    const classified = classifyPath(path, site, suffixLanguages, contentRoot, languageDirs);
    // A page's file in a leaf bundle is a resource of the bundle's page, which Hugo never published at an address of its own.
    const bundle = bundles && (classified.kind === 'post' || classified.listed) ? leafBundleHolding(path, bundles) : undefined;
    if (bundle !== undefined) {
      result.skipped.push({ file: path, reason: `a resource of the page bundle ${bundle}, not a page` });
      continue;
    }
    // What the site's configuration kept its generator from reading was never published: a post there is no post of it.
    const exclusion = classified.kind === 'post' && site === 'jekyll' ? jekyllExclusion(classified, result.settings)
      : classified.kind === 'post' || (classified.kind === 'skip' && classified.section) ? hugoExclusion(join(root, path).split(sep).join('/'), path, result.settings)
      : undefined;
    if (exclusion?.kind === 'excluded') {
      result.skipped.push({ file: path, reason: exclusion.reason });
      continue;
    }
    if (classified.kind === 'skip') {
      if (classified.listed) result.skipped.push({ file: path, reason: classified.reason });
      else result.otherFiles++;
      // A section page is no post, but its `cascade` and `draft` reach the pages under it; one that cannot be read is listed as it is,
      // and so is one Hugo may not have read: a draft that it read keeps its pages back.
      const section = classified.section;
      const read = section ? await readReleaseFile(join(root, path), path, maxFileSize) : undefined;
      if (section && read?.ok && exclusion === undefined) result.sections.push({ path, text: read.text, ...section });
      else if (section && read) result.sections.push({ path, text: '', unread: read.ok ? exclusion!.reason.replace(/; imported as a draft$/, '') : read.diagnostic.message.replace(/\.$/, ''), ...section });
      continue;
    }
    let read = await readReleaseFile(join(root, path), path, maxFileSize);
    let encoding: string | undefined;
    if (!read.ok && classified.html && read.diagnostic.ruleId === 'file/encoding') {
      // An HTML page in the encoding its <meta charset> declares (windows-1251): read as a browser showed it (see html-charset.ts).
      const declared = await readDeclaredHtml(join(root, path), path, maxFileSize);
      if (declared !== undefined) ({ read, encoding } = declared);
    }
    if (!read.ok) {
      result.skipped.push({ file: path, reason: read.diagnostic.message.replace(/\.$/, ''), failed: true });
      continue;
    }
    // A Jekyll draft may have no date: Jekyll gives it the day its file was last changed.
    const modified = classified.draft ? (await stat(join(root, path)).catch(() => undefined))?.mtimeMs : undefined;
    result.posts.push({ where: classified, text: read.text, ...(modified !== undefined ? { modified } : {}), ...(exclusion !== undefined ? { unsure: exclusion.reason } : {}), ...(encoding !== undefined ? { encoding } : {}) });
  }
  return result;
}

/** An HTML post that is not UTF-8, read in the legacy encoding its `<meta>` declares; undefined when it declares none (or it cannot be read again). */
async function readDeclaredHtml(path: string, display: string, maxFileSize: number): Promise<{ read: { ok: true; text: string; size: number; mtimeMs: number }; encoding: string } | undefined> {
  const bytes = readBytesSync(path, display, maxFileSize);
  if (!bytes.ok) return undefined;
  const encoding = declaredLegacyCharset(bytes.bytes);
  return encoding === undefined ? undefined : { read: { ok: true, text: decodeDeclared(bytes.bytes, encoding), size: bytes.size, mtimeMs: bytes.mtimeMs }, encoding };
}

/**
 * Reads the files of one of Hugo's configuration folders (`config/_default`)
 * in the order Hugo does: by name, a subfolder's files where its name falls.
 * A folder that is not there holds nothing; what is there but cannot be read
 * is named, since a setting in it (a `cascade` that keeps pages back) would
 * otherwise be lost without a word.
 */
async function readConfigFolder(root: string, folder: string, depth: number, files: readonly unknown[], skipped: SkippedFile[], read: (path: string) => Promise<void>): Promise<void> {
  const info = await lstat(join(root, folder)).catch(() => undefined);
  if (info === undefined) return;
  if (!info.isDirectory()) {
    if (depth > 0 || info.isSymbolicLink()) skipped.push({ file: folder, reason: `${info.isSymbolicLink() ? 'a symbolic link' : 'not a folder'}; Hugo's settings in it are not read` });
    return;
  }
  if (depth > MAX_DEPTH) {
    skipped.push({ file: folder, reason: `folders nest deeper than ${MAX_DEPTH} levels; Hugo's settings in it are not read` });
    return;
  }
  let entries;
  try {
    entries = await readdir(join(root, folder), { withFileTypes: true });
  } catch (cause) {
    skipped.push({ file: folder, reason: `the folder cannot be read (${systemErrorText(cause, 'error')}); Hugo's settings in it are not used` });
    return;
  }
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const entry of entries) {
    const path = `${folder}/${entry.name}`;
    if (entry.isDirectory()) {
      await readConfigFolder(root, path, depth + 1, files, skipped, read);
      continue;
    }
    if (!isHugoConfigFile(entry.name)) continue;
    if (files.length >= MAX_CONFIG_FILES) {
      skipped.push({ file: path, reason: `Hugo's configuration folders hold more than ${MAX_CONFIG_FILES} files; the rest were not read` });
      return;
    }
    if (entry.isSymbolicLink()) {
      if (!(await isLinkToFileInside(root, path))) {
        skipped.push({ file: path, reason: LINKED_CONFIG });
        continue;
      }
    } else if (!entry.isFile()) {
      skipped.push({ file: path, reason: 'not a regular file; its settings are not used' });
      continue;
    }
    await read(path);
  }
}

const LINKED_CONFIG = 'a symbolic link to nothing, to something other than a file or to outside the site folder; its settings are not used';

/** Whether the link at `path` leads to a file inside the site: as for posts, a link is followed only there. */
async function isLinkToFileInside(root: string, path: string): Promise<boolean> {
  const { real: target, out } = await realAndWay(join(root, path), [root]);
  const info = target === undefined || out ? undefined : await stat(target).catch(() => undefined);
  return info?.isFile() === true;
}

/** Folders whose every file would be ignored are not walked at all (`_site`, `.git`, `node_modules`). */
function isIgnoredFolder(path: string, site: SiteKind, languages: readonly string[], contentRoot: string): boolean {
  const probe = classifyPath(`${path}/probe.md`, site, languages, contentRoot);
  return probe.kind === 'skip' && probe.reason === 'ignored';
}

/** Whether `path` exists and is a folder; for the command's argument check. */
export async function isFolder(path: string): Promise<boolean> {
  return (await lstat(path).catch(() => undefined))?.isDirectory() === true || (await stat(path).catch(() => undefined))?.isDirectory() === true;
}
