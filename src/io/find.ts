import type { Stats } from 'node:fs';
import { lstat, readdir, realpath, stat } from 'node:fs/promises';
import { basename, dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { decodeUtf8Strict } from '../core/decode.js';
import { globMatcher } from '../core/glob.js';
import type { Diagnostic } from '../core/diagnostic.js';
import { isInside, leadsIntoGit } from './paths.js';
import { leadsOut, realAndWay, WayCache } from './confine.js';
import { systemErrorText } from './system-errors.js';

export interface InputFile {
  /** Absolute path. */
  path: string;
  /** Path as shown in messages: relative to the working folder when inside it. */
  display: string;
  /** Why the file is not read at all: it is reported as this diagnostic instead. */
  refused?: Diagnostic;
  /** Found by searching a folder or by a glob, not named on the command line: `ignore` globs apply to it. */
  searched?: boolean;
  /** Its path is its real path, in a folder searched (one of `FoundInputs.roots`): no symbolic link leads to it. */
  real?: boolean;
}

export interface FoundInputs {
  files: InputFile[];
  /** Folders the inputs were found in (real paths), for the output-folder safety check. */
  roots: string[];
  /** Paths that matched nothing: usage errors. */
  missing: string[];
  /** Files in the folders searched in other document formats (`.html`, `.txt` …), not read as releases: a count per extension. */
  skipped: Record<string, number>;
  /**
   * Symbolic links in the folders searched whose names have no extension (`en -> ../shared/en`), as a folder's have: a search
   * follows none to a folder, so the releases behind them are not read. Not looked through: where a link leads is not said.
   */
  links: string[];
  /**
   * Hidden release-named files in the folders searched (`._a.md`), and hidden folders with such a file in them (`.trash`,
   * `.github`), which a search leaves out as a glob does; but an editor's lock of a file (`.#a.md`), there only while the
   * file is edited.
   */
  hidden: string[];
}

/** A relative path with an empty, "." or ".." segment (a "/" at either end is an empty one): `relative` would give it otherwise. */
const NOT_PLAIN = /^\/|\/\/|\/$|(?:^|\/)\.\.?(?:\/|$)/;

export function displayPath(path: string, cwd: string): string {
  // The usual case, a file under the working folder, without the work of `relative`: an archive has tens of thousands.
  if (sep === '/' && path.startsWith(cwd) && path[cwd.length] === '/' && !cwd.endsWith('/')) {
    const rel = path.slice(cwd.length + 1);
    if (rel !== '' && !NOT_PLAIN.test(rel)) return rel;
  }
  const rel = relative(cwd, path);
  // Outside the working folder, the path starts with a ".." segment; a folder named "..x" inside it is inside.
  const outside = rel === '..' || rel.startsWith(`..${sep}`) || isAbsolute(rel);
  return rel && !outside ? rel.split(sep).join('/') : path;
}

const SKIPPED_FOLDERS = new Set(['node_modules', '.git']);

const refusal = (display: string, message: string, hint?: string): Diagnostic =>
  ({ file: display, line: 1, column: 1, severity: 'error', ruleId: 'file/unreadable', message, ...(hint ? { hint } : {}) });

/** A file found or named that is, or lies behind, a link into a Git folder (see `leadsIntoGit`). */
const linkedIntoGit = (display: string): Diagnostic => refusal(display, 'The file is a symbolic link into a Git folder (.git), where the repository keeps its settings and credentials; it is not read.', 'Remove the link: a release is a file of its own.');
/** A path named through the working folder that is, or lies under, a link out of it (see `findInputs`). */
const linkedOut = (display: string): Diagnostic => refusal(display, 'The path is, or lies under, a symbolic link that leads out of the working folder; it is not read.', 'Name the file or folder the link leads to, or put the releases in the project instead of linking to them.');
/** A file found by searching whose real path lies outside the working folder and the folder searched. */
const linkedFromOutside = (display: string): Diagnostic => refusal(display, 'The file is a symbolic link to a file outside the working folder and the folder searched; it is not read.', 'Copy the release into the folder instead of linking to it, or name the file on the command line.');

/**
 * The folders of `folders` (absolute paths) that lie in none of the others, in order: a glob that names folders (`releases/**`
 * names each folder below `releases`) has each searched once, not again inside another. In the order of their names with the
 * separator first, the folders below one come right after it, so a folder inside another of the list is inside the last one kept:
 * a glob of 10,000 folders side by side (a folder a release) is a sort, not 50,000,000 comparisons.
 */
export function outermostFolders(folders: readonly string[]): string[] {
  const sorted = folders.map((folder) => ({ folder, key: folder.split(sep).join('\0') })).sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  const kept: string[] = [];
  for (const { folder } of sorted) {
    const last = kept.at(-1);
    if (last === undefined || !isInside(folder, last)) kept.push(folder);
  }
  return kept;
}

/**
 * Files named on the command line, Markdown files under folders (recursively,
 * without following symbolic links to folders), and glob matches; sorted and
 * without duplicates. A symbolic link found by searching is followed only to
 * a file inside the working folder or the folder searched: a link in a pull
 * request must not make the tool read, and quote in its messages, a file
 * elsewhere on the machine. A file or folder named on the command line is read
 * wherever it is, unless it is named through the working folder (inside it as
 * written, or through a link to it such as a shell's $PWD) and is, or lies
 * under, a link that leads out of it (one a pull request may have put there).
 */
export async function findInputs(patterns: readonly string[], cwd: string, exclude: readonly string[] = []): Promise<FoundInputs> {
  const found = new Map<string, InputFile>();
  const roots = new Set<string>();
  const missing: string[] = [];
  const excluded = exclude.map((e) => resolve(cwd, e));
  const isExcluded = (p: string) => excluded.some((e) => p === e || p.startsWith(e + sep));
  const realCwd = await realpath(cwd).catch(() => resolve(cwd));
  const lexicalCwd = resolve(cwd);
  const realFolders = new Map<string, Promise<string>>();
  const realFolder = (folder: string) => {
    let real = realFolders.get(folder);
    if (!real) realFolders.set(folder, (real = realpath(folder).catch(() => folder)));
    return real;
  };
  /** Whether `absolute` is named through the working folder: inside it as written, or through a folder on its way that is the working folder or inside it (`$PWD/releases` where $PWD is a link to the working folder). */
  const throughCwd = async (absolute: string): Promise<boolean> => {
    if (isInside(absolute, lexicalCwd)) return true;
    for (let folder = dirname(absolute); ; folder = dirname(folder)) {
      if (isInside(await realFolder(folder), realCwd)) return true;
      if (dirname(folder) === folder) return false;
    }
  };
  const skipped: Record<string, number> = {};
  const links: string[] = [];
  const hidden: string[] = [];
  /** The path each file was first found at, by its real path: a folder named twice, once through a link (`releases rel-link`), is one folder. */
  const byReal = new Map<string, string>();
  const add = (path: string, refused?: (display: string) => Diagnostic, searched = false, real = false, realPath?: string) => {
    if (isExcluded(path) || found.has(path)) return;
    if (realPath !== undefined) {
      // The same file by another way would be checked twice, and be its own duplicate (`id/duplicate`, `slug/duplicate`).
      if (byReal.has(realPath)) return;
      byReal.set(realPath, path);
    }
    const display = displayPath(path, cwd);
    found.set(path, { path, display, ...(refused ? { refused: refused(display) } : {}), ...(searched ? { searched: true } : {}), ...(real && !refused ? { real: true } : {}) });
  };
  /** The walk of each folder on the way to a link found (see `WayCache`). */
  const ways = new WayCache();
  /** Adds a searched-for path that is a symbolic link, if it leads to a regular file in an allowed place. */
  const addLink = async (path: string, allowed: readonly string[]) => {
    // Out of the allowed folders, whether or not anything is there, and whatever it is: a link to nothing elsewhere, or to a
    // folder there, said so, would tell a pull request what exists on the machine. A link inside them that goes out and
    // comes back (`../elsewhere/../releases/a.md`) leads out too: the system follows it only when `elsewhere` exists.
    // One to a file elsewhere is refused as such whatever is there, a Git folder's file included.
    const { real: target, out } = await realAndWay(path, allowed, ways);
    if (out) {
      add(path, linkedFromOutside, true);
      return;
    }
    const info = target ? await stat(target).catch(() => undefined) : undefined;
    // A release file that is a link to nothing, or to a folder or a pipe, is said to be so, not passed over: its release would be missing from the build without a word.
    const kind = !target || !info
      ? await brokenKind(path, await stat(path).then(() => undefined, (cause: NodeJS.ErrnoException) => cause)) ?? 'a symbolic link to nothing'
      : info.isDirectory() ? 'a symbolic link to a folder' : info.isFile() ? undefined : `a symbolic link to ${specialKind(info)}`;
    if (kind !== undefined || target === undefined) {
      add(path, (display) => refusal(display, `The path is ${kind ?? 'a symbolic link to nothing'}, not a release file; it is not read.`, 'Point the link at a release file, or remove it.'), true);
      return;
    }
    // In the allowed folders (it does not lead out), but perhaps into a Git folder there.
    add(path, leadsIntoGit(target, path) ? linkedIntoGit : undefined, true);
  };
  /** Searches a folder for release files, as one named on the command line is searched. */
  const searchFolder = async (absolute: string) => {
    const root = await realpath(absolute);
    if (leadsIntoGit(root, absolute)) {
      add(absolute, (display) => refusal(display, 'The folder is, or lies under, a symbolic link into a Git folder (.git), where the repository keeps its settings and credentials; it is not searched.', 'Remove the link, and keep the releases in a folder of their own.'));
      return;
    }
    roots.add(root);
    // The walk follows no link to a folder, and takes a link to a file through `addLink`: a file it finds (not a link) lies at its path
    // below the folder's real path, and under a folder that is its own real path it is its own real path too.
    await walk(absolute, { add: (path, refused) => add(path, refused, true, root === absolute, refused ? undefined : root === absolute ? path : join(root, relative(absolute, path))), addLink: (path) => addLink(path, [realCwd, root]), isExcluded, skip: (extension) => void (skipped[extension] = (skipped[extension] ?? 0) + 1), passOver: (path) => void links.push(path), hide: (path) => void hidden.push(path) });
  };
  // The glob library, loaded only for a path that is neither a file nor a folder: most runs name folders and files.
  let globbing: typeof import('tinyglobby') | undefined;
  for (const pattern of patterns) {
    const absolute = resolve(cwd, pattern);
    // Named through the working folder, a path may not lead out of it through a link, nor out and back (`releases ->
    // ../elsewhere/../releases`), which the system follows only when `elsewhere` exists: refused before anything
    // there is looked at, in the same words whatever is there, a file, a folder or nothing.
    if (await throughCwd(absolute) && await leadsOut(absolute, [realCwd], ways)) {
      add(absolute, linkedOut);
      continue;
    }
    let failure: NodeJS.ErrnoException | undefined;
    const info = await stat(absolute).catch((cause: NodeJS.ErrnoException) => {
      failure = cause;
      return undefined;
    });
    const kind = info ? specialKind(info) : await brokenKind(absolute, failure);
    if (kind) {
      // A path that exists but is no release (a device, a pipe, a link in a circle) is said to be what it is.
      roots.add(await realpath(dirname(absolute)).catch(() => dirname(absolute)));
      add(absolute, notAFile(kind));
    } else if (info?.isDirectory()) {
      await searchFolder(absolute);
    } else if (info?.isFile()) {
      const real = await realpath(absolute);
      if (leadsIntoGit(real, absolute)) {
        add(absolute, linkedIntoGit);
        continue;
      }
      roots.add(await realpath(resolve(absolute, '..')));
      add(absolute, undefined, false, false, real);
    } else if ((globbing ??= await import('tinyglobby')).isDynamicPattern(pattern)) {
      // Folders too: a glob that names folders (`"releases/*"`, each language's) searches them as the shell's expansion of it,
      // unquoted, would have them searched; it is no pattern that matches nothing.
      const entries = await globbing.glob(pattern, { cwd, absolute: true, onlyFiles: false, followSymbolicLinks: false, ignore: ['**/node_modules/**', '**/.git/**'] });
      const matches = entries.filter((entry) => !entry.endsWith('/'));
      // The glob library passes over links and pipes; those the pattern names are said to be what they are, as a folder's search says.
      const { found: others, unreadable, realBase } = await otherMatches(pattern, cwd, realCwd, throughCwd);
      if (entries.length === 0 && others.length === 0 && unreadable.length === 0) missing.push(pattern);
      // A folder inside one searched already (`releases/**` names each folder below `releases`) adds nothing but the time of a second walk.
      for (const folder of outermostFolders(entries.filter((entry) => entry.endsWith('/')).map((entry) => resolve(entry)))) {
        // As a folder named on the command line: one reached through the working folder may not lead out of it.
        if (await throughCwd(folder) && await leadsOut(folder, [realCwd], ways)) add(folder, linkedOut);
        else await searchFolder(folder);
      }
      for (const { path, refused } of unreadable) add(path, refused, true);
      for (const { path, link } of others) {
        // A link may lead where the pattern's own folder is, as one in a folder named to the search may (`../releases/**/*.md`).
        if (link) await addLink(path, realBase ? [realCwd, realBase] : [realCwd]);
        else add(path, notAFile(await kindOf(path)), true);
      }
      for (const match of matches) {
        const path = resolve(match);
        if (await unopenableName(path)) {
          add(path, await notUtf8Name(path, FILE_NOT_UTF8), true);
          continue;
        }
        // A match is a regular file, not a link (those are `others`): its real path is its folder's, asked once per folder.
        const folder = await realFolder(dirname(path));
        // A match in the working folder is read only from there: a link on the pattern's way (`releases/en/linked/*.md`) may not lead out.
        const inside = await throughCwd(path);
        if (inside && !isInside(folder, realCwd)) {
          add(path, linkedFromOutside, true);
          continue;
        }
        if (leadsIntoGit(folder, dirname(path))) {
          add(path, linkedIntoGit, true);
          continue;
        }
        roots.add(folder);
        add(path, undefined, true, folder === dirname(path), join(folder, basename(path)));
      }
    } else {
      missing.push(pattern);
    }
  }
  const files = [...found.values()].sort((a, b) => (a.display < b.display ? -1 : a.display > b.display ? 1 : 0));
  return { files, roots: [...roots], missing, skipped, links, hidden };
}

/** Most entries `otherMatches` looks at: a pattern over a whole disk stops there. */
const MAX_GLOB_ENTRIES = 200_000;

/**
 * What `pattern` names that is neither a regular file nor a folder: symbolic
 * links (`link`), pipes, devices. Looked for under the folder the pattern
 * starts from (its `realBase`), without following links to folders or
 * entering `node_modules` and `.git`, as the glob does.
 */
async function otherMatches(pattern: string, cwd: string, realCwd: string, throughCwd: (absolute: string) => Promise<boolean>): Promise<{ found: { path: string; link: boolean }[]; unreadable: { path: string; refused: (display: string) => Diagnostic }[]; realBase?: string }> {
  const absolute = isAbsolute(pattern);
  const segments = pattern.replace(/\\/g, '/').split('/');
  const fixed: string[] = [];
  for (const segment of segments.slice(0, -1)) {
    if (/[*?[\]{}()!+@]/.test(segment)) break;
    fixed.push(segment);
  }
  const base = resolve(cwd, fixed.join('/') || (absolute ? '/' : '.'));
  const realBase = await realpath(base).catch(() => undefined);
  if (realBase === undefined) return { found: [], unreadable: [] };
  // A pattern whose folder is named through the working folder but is a link out of it names nothing there; one that
  // starts outside it (`../releases/**/*.md`) is the user's to name, as a folder is.
  if (await throughCwd(base) && !isInside(realBase, realCwd)) return { found: [], unreadable: [] };
  // Matched against the path below the pattern's folder, so that `..` or `.` on its way (`$PWD/../releases/*.md`) does not
  // keep a path, which has none, from matching.
  const matches = globMatcher(segments.slice(fixed.length).join('/'));
  // As the glob library does, hidden files and folders are left out unless the pattern names one.
  const hidden = /(?:^|\/)\.(?!\.?\/)/.test(pattern.replace(/\\/g, '/'));
  const found: { path: string; link: boolean }[] = [];
  const unreadable: { path: string; refused: (display: string) => Diagnostic }[] = [];
  let seen = 0;
  const visit = async (folder: string): Promise<void> => {
    let entries;
    try {
      entries = await readdir(folder, { withFileTypes: true });
    } catch (cause) {
      // The glob library passes over a folder it cannot read; one the pattern reaches into is said so, as a folder's search
      // says it: its releases would be missing from the check, and from the build, without a word.
      if (folder !== base && mayHoldMatches(relative(base, folder).split(sep), segments.slice(fixed.length))) unreadable.push({ path: folder, refused: await unreadableFolder(folder, cause) });
      return;
    }
    for (const entry of entries) {
      if (++seen > MAX_GLOB_ENTRIES) return;
      if (!hidden && entry.name.startsWith('.')) continue;
      const path = join(folder, entry.name);
      if (entry.isDirectory()) {
        if (!SKIPPED_FOLDERS.has(entry.name)) await visit(path);
      } else if (!entry.isFile() && matches(relative(base, path).split(sep).join('/'))) {
        found.push({ path, link: entry.isSymbolicLink() });
      }
    }
  };
  await visit(base);
  return { found, unreadable, realBase };
}

/** Whether a folder (its names below the pattern's folder) may hold a file the rest of the pattern matches: a `**` on the way, or a segment for each of its names. */
function mayHoldMatches(names: readonly string[], rest: readonly string[]): boolean {
  for (const [i, name] of names.entries()) {
    const segment = rest[i];
    if (segment === undefined || i >= rest.length - 1) return rest.slice(0, i + 1).some((s) => s.includes('**'));
    if (segment.includes('**')) return true;
    if (!globMatcher(segment)(name)) return false;
  }
  return true;
}

interface WalkActions {
  add(path: string, refused?: (display: string) => Diagnostic): void;
  addLink(path: string): Promise<void>;
  isExcluded(path: string): boolean;
  /** Counts a file in another document format, by its extension. */
  skip(extension: string): void;
  /** Notes a symbolic link not followed that may lead to a folder (`FoundInputs.links`). */
  passOver(path: string): void;
  /** Notes a hidden folder or release-named file left out (`FoundInputs.hidden`). */
  hide(path: string): void;
}

/** The refusal of a path that is no release file (a pipe, a device), saying what it is. */
function notAFile(kind: string): (display: string) => Diagnostic {
  return (display) => refusal(display, `The path is ${kind}, not a release file; it is not read.`, 'Name Markdown release files, or folders holding them.');
}

/** What the path that is neither a file nor a folder is, looked at without following a link. */
async function kindOf(path: string): Promise<string> {
  const info = await lstat(path).catch(() => undefined);
  return (info ? specialKind(info) : undefined) ?? 'not a regular file';
}

/** What a path that is neither a file nor a folder is, in words; undefined for files and folders. */
function specialKind(info: Stats): string | undefined {
  if (info.isFile() || info.isDirectory()) return undefined;
  if (info.isCharacterDevice()) return 'a character device (such as /dev/zero)';
  if (info.isBlockDevice()) return 'a block device';
  if (info.isFIFO()) return 'a named pipe (FIFO)';
  if (info.isSocket()) return 'a socket';
  return 'not a regular file';
}

/** What a path that cannot be followed is, when it exists at all: a link in a circle, a link to nothing, a place that cannot be read. */
async function brokenKind(path: string, failure: NodeJS.ErrnoException | undefined): Promise<string | undefined> {
  if (failure?.code === 'ELOOP') return 'a symbolic link that leads in a circle';
  if (failure?.code === 'EACCES') return 'a path that cannot be read (EACCES)';
  const link = await lstat(path).catch(() => undefined);
  if (link?.isSymbolicLink()) return 'a symbolic link to nothing';
  return undefined;
}

/**
 * Whether `path`, which failed to open with `cause`, has a name that is not
 * UTF-8: Node decodes such a name with U+FFFD, and the decoded name opens
 * nothing, so the error says "no such file" of a file or folder that is there.
 */
export async function unopenableName(path: string, cause?: unknown): Promise<boolean> {
  if (cause !== undefined && (cause as NodeJS.ErrnoException | null)?.code !== 'ENOENT') return false;
  return basename(path).includes('\uFFFD') && !(await lstat(path).catch(() => undefined));
}

const FILE_NOT_UTF8 = 'The file name is not valid UTF-8, so the file cannot be opened by its name; it is not read.';
const FOLDER_NOT_UTF8 = 'The folder name is not valid UTF-8, so the folder cannot be opened by its name; the releases in it are not checked.';

/** The refusal of a file or folder whose name is not UTF-8 (see `unopenableName`), naming it by its real bytes. */
async function notUtf8Name(path: string, message: string): Promise<(display: string) => Diagnostic> {
  const decoded = basename(path);
  const name = await escapedName(dirname(path), decoded);
  const what = message === FOLDER_NOT_UTF8 ? 'folder' : 'file';
  return (display) => refusal(display.slice(0, display.length - decoded.length) + name, message, `Rename the ${what} to a UTF-8 name.`);
}

/** `display`, the path shown for `path`, with its last name as the file system holds it (see `escapedName`). */
export async function withRealName(path: string, display: string): Promise<string> {
  const decoded = basename(path);
  return display.slice(0, display.length - decoded.length) + await escapedName(dirname(path), decoded);
}

/** The refusal of a folder a search could not read with `cause`. */
async function unreadableFolder(folder: string, cause: unknown): Promise<(display: string) => Diagnostic> {
  if (await unopenableName(folder, cause)) return notUtf8Name(folder, FOLDER_NOT_UTF8);
  const why = systemErrorText(cause, 'error');
  return (display) => refusal(display, `The folder cannot be read (${why}); the releases in it are not checked.`);
}

/**
 * A file name as the file system holds it, bytes that are not UTF-8 written
 * as `\xNN`: such a name cannot be opened through the name Node decodes.
 */
async function escapedName(folder: string, decoded: string): Promise<string> {
  const raw = (await readdir(folder, { encoding: 'buffer' }).catch(() => [] as Buffer[])).find((name) => name.toString('utf8') === decoded);
  if (!raw) return decoded;
  let out = '';
  let rest = raw;
  while (rest.length > 0) {
    const result = decodeUtf8Strict(rest);
    if (result.ok) return out + result.text;
    out += `${rest.subarray(0, result.offset).toString('utf8')}\\x${rest[result.offset]!.toString(16).padStart(2, '0').toUpperCase()}`;
    rest = rest.subarray(result.offset + 1);
  }
  return out;
}

/**
 * Release files in a folder: `*.md`, and `*.markdown` as Jekyll archives
 * name them, in any letter case (`NOTE.MD`, as Windows and macOS tools save
 * a name), as Jekyll reads them: a release saved so is not passed over.
 */
export function isReleaseName(name: string): boolean {
  return /\.(?:md|markdown)$/i.test(name);
}

/**
 * Formats other tools write posts in: such a file beside releases may be a
 * post that will not be published, so a search counts them. Images, configs
 * and data files are expected beside releases and are not counted.
 */
const DOCUMENT_EXTENSIONS = new Set(['.html', '.htm', '.txt', '.text', '.mdx', '.mdown', '.mkd', '.mkdn', '.mkdown', '.markdn', '.rmd', '.rst', '.adoc', '.asciidoc', '.org', '.textile', '.docx', '.doc', '.odt', '.rtf']);

function documentExtension(name: string): string | undefined {
  const dot = name.lastIndexOf('.');
  if (dot <= 0) return undefined;
  const extension = name.slice(dot).toLowerCase();
  return DOCUMENT_EXTENSIONS.has(extension) ? extension : undefined;
}

async function walk(folder: string, actions: WalkActions): Promise<void> {
  if (actions.isExcluded(folder)) return;
  let entries;
  try {
    entries = await readdir(folder, { withFileTypes: true });
  } catch (cause) {
    actions.add(folder, await unreadableFolder(folder, cause));
    return;
  }
  entries.sort((a, b) => (a.name < b.name ? -1 : 1));
  for (const entry of entries) {
    // Hidden files and folders, as a glob leaves them out: an editor's or a notes app's own (`.#a.md`, Emacs's lock of a file being
    // edited; `.trash/`, where Obsidian keeps what was deleted; `._a.md`, the binary copy of a file's attributes macOS writes
    // beside it on a shared drive), never a release. A hidden folder named outright (`validate .drafts`) is searched.
    if (entry.name.startsWith('.')) {
      // Named in the run's note: a release-named file, or a folder that holds one (looked at, not searched: `.venv`, `.cache` may be large).
      const hidden = join(folder, entry.name);
      if (entry.isDirectory() ? !SKIPPED_FOLDERS.has(entry.name) && (await readdir(hidden).catch(() => [])).some(isReleaseName) : !entry.name.startsWith('.#') && isReleaseName(entry.name)) actions.hide(hidden);
      continue;
    }
    const path = join(folder, entry.name);
    if (isReleaseName(entry.name) && await unopenableName(path)) {
      // Not valid UTF-8: Node cannot open the file by the name it decodes, so it is reported, by its real bytes.
      actions.add(path, await notUtf8Name(path, FILE_NOT_UTF8));
      continue;
    }
    if (entry.isDirectory()) {
      if (!SKIPPED_FOLDERS.has(entry.name)) await walk(path, actions);
    } else if (isReleaseName(entry.name)) {
      if (entry.isFile()) actions.add(path);
      else if (entry.isSymbolicLink()) await actions.addLink(path);
      else {
        // A named pipe or a device with a release's name: never opened (a pipe would wait forever), and said to be what it is.
        actions.add(path, notAFile(await kindOf(path)));
      }
    } else if (entry.isSymbolicLink() && !entry.name.includes('.') && !SKIPPED_FOLDERS.has(entry.name) && !actions.isExcluded(path)) {
      actions.passOver(path);
    } else if (entry.isFile() && !actions.isExcluded(path)) {
      const extension = documentExtension(entry.name);
      if (extension) actions.skip(extension);
    }
  }
}
