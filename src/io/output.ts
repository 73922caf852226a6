import { randomBytes } from 'node:crypto';
import { closeSync, constants, fstatSync, mkdirSync, openSync, readFileSync, realpathSync, unlinkSync, writeFileSync, writevSync } from 'node:fs';
import { chmod, copyFile, link, lstat, mkdir, readdir, readFile, readlink, realpath, rename, rm, rmdir, stat, symlink, unlink, writeFile } from 'node:fs/promises';
import { basename, dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { collisionKey } from '../core/names.js';
import { isReservedName } from '../core/slug.js';
import { makeFolder } from './folders.js';
import { isInside } from './paths.js';
import { isStillRunning, OWN_START } from './processes.js';
import { systemErrorText, systemErrorWords } from './system-errors.js';
import { FRESH } from '../core/objects.js';

/**
 * Writing a build without ever losing data, and owning only what the build
 * wrote.
 *
 * Outputs are staged in a folder beside the output folder (never inside
 * it). When the whole build succeeded, the staging folder is completed into
 * the next state of the whole output folder: every file the build did not
 * write (a site's own `robots.txt`, images, hand-written pages) is linked
 * into it unchanged, and the outputs an earlier build wrote that this one no
 * longer produces are left out. Then two renames swap the folders, and the
 * old one is removed, once a file put into it since is in the new one. A build that fails, or is killed at any point, leaves
 * the previous output folder as it was; one killed between the two renames
 * leaves it beside its usual place, and the next build puts it back.
 *
 * A build that changes few of the files (at most half as many as the
 * earlier build wrote: an incremental rebuild) updates the folder in place
 * instead, touching only those files, under a journal: a failure part-way
 * undoes it at once, and a kill part-way leaves a mix that the next build
 * undoes before it starts (see `updateInPlace`).
 *
 * What a build wrote is recorded in a manifest in the output folder
 * (`MANIFEST_NAME`): only files listed there are ever removed, and a file
 * that is not listed is never overwritten.
 *
 * Where the folder cannot be swapped (it is a mount point, or holds
 * something other than files, folders and links), files are moved into
 * place one rename at a time, and an error part-way says how many were.
 */

const STAGING_MARK = '.migration-news-staging-';
/** Marks the previous output folder while the two folders are swapped. */
const PREVIOUS_MARK = '.migration-news-previous-';
/**
 * Marks the old output folder once the files put into it meanwhile are in
 * the new one, while it is removed: a removal killed part-way may have taken
 * its manifest first, and the rest is nobody's to keep.
 */
const REMOVING_MARK = '.migration-news-removing-';
/** Marks the copy made next to a destination when the staging folder is on another file system. */
const TEMPORARY_MARK = '.migration-news-tmp-';

/** The manifest of what the last build wrote, kept in the output folder. */
export const MANIFEST_NAME = '.migration-news-manifest.json';
export const MANIFEST_FORMAT = 'migration-news/output-manifest';

const SAFE_SEGMENT = /^[a-z0-9][a-z0-9._-]*$/;
/** Longest file or folder name written; file systems allow 255 bytes, and the staging and temporary names need room. */
export const MAX_NAME_LENGTH = 200;
/**
 * A relative path that `unsafeOutputPath` passes for `plain` names, in one
 * expression: `/`-separated names, each of `SAFE_SEGMENT`, at most
 * `MAX_NAME_LENGTH` long, not ending with a dot and no Windows device name
 * (`isReservedName`, whose other forms have characters a plain name has
 * not). A path it does not match is checked name by name, which says why.
 */
const SAFE_PLAIN_PATH = /^(?:(?!(?:con|prn|aux|nul|com[0-9]|lpt[0-9])(?:[./]|$))[a-z0-9](?:[a-z0-9._-]{0,198}[a-z0-9_-])?(?:\/(?!$)|$))+$/;

/**
 * The names a redirect page for an old address may have (see core/aliases.ts,
 * which checks them first): letters and digits of any script, and the
 * punctuation URLs and every file system allow; never a leading dot or space.
 */
const WIDE_SEGMENT = /^[\p{L}\p{M}\p{N}_~!$&'()+,;=@-](?:[\p{L}\p{M}\p{N}_~!$&'()+,;=@. -]*[\p{L}\p{M}\p{N}_~!$&'()+,;=@-])?$/u;

/**
 * Which names an output path may have: `plain` for everything the build
 * names itself (lower-case ASCII), `wide` for redirect pages at old
 * addresses that another tool named.
 */
export type OutputNames = 'plain' | 'wide';

/** Why a relative output path is unsafe, or undefined when it is safe. */
export function unsafeOutputPath(relativePath: string, names: OutputNames = 'plain'): string | undefined {
  // Nearly every path a build writes or reads from its manifest (tens of thousands in a large archive) is decided by one expression.
  if (names === 'plain' && SAFE_PLAIN_PATH.test(relativePath)) return undefined;
  if (relativePath.includes('\0')) return 'it contains a NUL character';
  if (isAbsolute(relativePath) || /^[\\/]/.test(relativePath) || /^[a-zA-Z]:/.test(relativePath)) return 'it is an absolute path';
  for (const segment of relativePath.split(/[\\/]/)) {
    if (segment === '..' || segment === '.' || segment === '') return 'it leaves the output folder';
    if (segment.length > MAX_NAME_LENGTH) return `the name is longer than ${MAX_NAME_LENGTH} characters`;
    if (names === 'wide' ? !WIDE_SEGMENT.test(segment) : !SAFE_SEGMENT.test(segment)) {
      return names === 'wide'
        ? `the name "${segment}" has characters other than letters, digits, spaces and the punctuation a web address keeps`
        : `the name "${segment}" has characters other than lower-case letters, digits, ".", "_" and "-"`;
    }
    if (segment.endsWith('.')) return `the name "${segment}" ends with a dot, which Windows drops`;
    if (isReservedName(segment)) return `"${segment}" is a reserved device name on Windows`;
  }
  return undefined;
}

/** What a build reads besides its releases, which its output folder must keep clear of. All paths are real paths. */
export interface OutputNeighbours {
  /** The config file, when there is one. */
  configFile?: string;
  /** The folders template sets are read from, and whether each exists; `set` where the folder is one set's own (`--template ./brand`). */
  templateFolders: readonly { path: string; exists: boolean; set?: boolean }[];
}

/** Why `out` may not be the output folder, and what it collides with. */
export interface OutputConflict {
  reason: string;
  with: 'input' | 'config' | 'template-sets';
}

/**
 * Why `out` may not be the output folder for these inputs, or undefined. All
 * paths must be real paths. A build writes its pages into the output folder
 * and swaps the whole folder for a new one; its next build removes what its
 * manifest there lists. Among the releases, beside the config file or in the
 * template sets, that would mix the site with the files it is built from, and
 * the next build would read its own pages as releases or templates.
 */
export function outputFolderConflict(out: string, inputRoots: readonly string[], inputFiles: readonly string[], neighbours: OutputNeighbours): OutputConflict | undefined {
  const input = (reason: string): OutputConflict => ({ reason, with: 'input' });
  for (const root of inputRoots) {
    if (out === root) return input(`the output folder ${out} is an input folder`);
    if (isInside(out, root)) return input(`the output folder ${out} is inside the input folder ${root}`);
    if (isInside(root, out)) return input(`the output folder ${out} contains the input folder ${root}`);
  }
  for (const file of inputFiles) if (isInside(file, out)) return input(`the output folder ${out} contains the input file ${file}`);
  const configFile = neighbours.configFile;
  if (configFile !== undefined && isInside(configFile, out)) return { reason: `the output folder ${out} contains the config file ${configFile}`, with: 'config' };
  const sets = (reason: string): OutputConflict => ({ reason, with: 'template-sets' });
  for (const { path, exists, set } of neighbours.templateFolders) {
    const folder = set ? `folder of the template set ${path}` : `template-sets folder ${path}`;
    if (out === path) return sets(`the output folder ${out} is the ${folder}`);
    if (isInside(out, path)) return sets(`the output folder ${out} is inside the ${folder}`);
    // A sets folder not made yet is no harm inside the output folder, since the build never makes it there; an output folder
    // at or inside it is, since the build makes that folder, and the next build reads the pages in it as template sets.
    if (exists && isInside(path, out)) return sets(`the output folder ${out} contains the ${folder}`);
  }
  return undefined;
}

/** The real path of a folder that may not exist yet: its nearest existing ancestor resolved. */
export async function realFolder(path: string): Promise<string> {
  const absolute = resolve(path);
  const rest: string[] = [];
  let current = absolute;
  for (;;) {
    try {
      return join(await realpath(current), ...rest.reverse());
    } catch {
      const parent = dirname(current);
      if (parent === current) return absolute;
      rest.push(basename(current));
      current = parent;
    }
  }
}

/**
 * What names a folder this process makes beside the output folder, after
 * its mark: its pid and, where the system tells it, its start (`t<ticks>`),
 * so that a process that later gets the same pid is not taken for it.
 */
const PROCESS_NAME = `${process.pid}${OWN_START === undefined ? '' : `-t${OWN_START}`}`;

/** Whether a name made by `mark` belongs to a process that no longer runs (the name holds its pid, and its start, after the mark). */
function leftByDeadProcess(name: string, mark: string): boolean {
  const at = name.indexOf(mark);
  if (at === -1) return false;
  const [pidText, startText] = name.slice(at + mark.length).split('-');
  const pid = Number(pidText);
  const start = startText !== undefined && /^t\d+$/.test(startText) ? startText.slice(1) : undefined;
  if (!Number.isInteger(pid) || pid <= 0) return false;
  if (pid === process.pid && (start === undefined || start === OWN_START)) return false;
  return !isStillRunning(pid, start);
}

function describeError(cause: unknown): string {
  const error = cause as NodeJS.ErrnoException;
  if (!error?.code) return String(cause);
  // The code, the call and what the code means: `EACCES on rename: permission denied`.
  const words = systemErrorWords(error.code, error.syscall);
  return `${error.code}${error.syscall ? ` on ${error.syscall}` : ''}${words ? `: ${words}` : ''}`;
}

/** What the manifest says about one file a build wrote. */
export interface ManifestEntry {
  /** The release it belongs to: `<lang>/<id>`. */
  release: string;
  /** The release file it was built from, as shown in messages. */
  source: string;
  /** What the file is: a release page, a redirect for an old slug, a withdrawal notice, a release's copied local image, or one of the site's own (listings, feeds, sitemaps). */
  kind: 'release' | 'redirect' | 'withdrawn' | 'site' | 'image';
  /** Whether the release was public in that build (a drafts build writes non-public ones too). */
  public: boolean;
}

export interface OutputManifest {
  /** `public`, `embargoed` or `drafts`: what kind of build wrote the folder. */
  mode: string;
  /**
   * The config's `site.url` when the build wrote the folder, null without
   * one: the address its pages link each other and their feeds by.
   * Undefined in a manifest written before it was recorded.
   */
  site?: string | null;
  files: Record<string, ManifestEntry>;
  /** Set by `readManifest` when nothing was dropped or mended on reading: the file says just what this says. */
  intact?: boolean;
}

/** The largest manifest read back: far above one a build writes (a line a file of the site); one of gigabytes put in a kept output folder is not read. */
export const MAX_MANIFEST_BYTES = 64 * 1024 * 1024;

/** The most files at output paths a refusal names after the first. */
const MORE_NAMED = 10;

/**
 * The manifest of the output folder, or undefined when there is none or it
 * cannot be read. Entries that are not safe output paths are dropped: a
 * manifest that was edited by hand can never make a build delete a file
 * outside the output folder.
 */
export async function readManifest(out: string): Promise<OutputManifest | undefined> {
  let data: unknown;
  try {
    const info = await lstat(join(out, MANIFEST_NAME));
    if (!info.isFile() || info.size > MAX_MANIFEST_BYTES) return undefined;
    data = JSON.parse(await readFile(join(out, MANIFEST_NAME), 'utf8'));
  } catch {
    return undefined;
  }
  if (typeof data !== 'object' || data === null) return undefined;
  const raw = data as { format?: unknown; version?: unknown; mode?: unknown; site?: unknown; files?: unknown };
  if (raw.format !== MANIFEST_FORMAT || raw.version !== 1 || typeof raw.files !== 'object' || raw.files === null) return undefined;
  const files: Record<string, ManifestEntry> = Object.create(null) as Record<string, ManifestEntry>;
  // Anything more than the build writes (a key added by hand) is dropped too, when the build writes the manifest again.
  const site = typeof raw.site === 'string' || raw.site === null ? raw.site : undefined;
  let intact = typeof raw.mode === 'string' && site !== undefined && Object.keys(raw).length === 5;
  const entries = raw.files as Record<string, unknown>;
  // An archive's manifest lists tens of thousands of files: an entry as the build wrote it is kept as parsed, not copied.
  for (const path of Object.keys(entries)) {
    const value = entries[path];
    const v = (typeof value === 'object' && value !== null ? value : {}) as Partial<Record<keyof ManifestEntry, unknown>>;
    if (unsafeOutputPath(path, v.kind === 'redirect' ? 'wide' : 'plain') || typeof v.release !== 'string' || typeof v.source !== 'string') {
      intact = false;
      continue;
    }
    const kind = v.kind === 'redirect' || v.kind === 'withdrawn' || v.kind === 'site' || v.kind === 'image' ? v.kind : 'release';
    if (kind === v.kind && typeof v.public === 'boolean' && asWritten(v)) {
      files[path] = v as ManifestEntry;
      continue;
    }
    intact = false;
    files[path] = { release: v.release, source: v.source, kind, public: v.public === true };
  }
  return { mode: typeof raw.mode === 'string' ? raw.mode : 'public', ...(site !== undefined ? { site } : {}), files, intact };
}

const ENTRY_KEYS = ['release', 'source', 'kind', 'public'];

/** Whether a manifest entry parsed from JSON has exactly the keys the build writes, in its order, without making a list of them. */
function asWritten(value: object): boolean {
  let i = 0;
  for (const key in value) {
    if (key !== ENTRY_KEYS[i++] || !Object.hasOwn(value, key)) return false;
  }
  return i === ENTRY_KEYS.length;
}

/** Whether the folder's manifest file, read as `previous`, already says what `manifest` says, so that it need not be written again. */
function sameManifest(manifest: OutputManifest, previous: OutputManifest | undefined): boolean {
  if (!previous?.intact || previous.mode !== manifest.mode || previous.site !== manifest.site) return false;
  const paths = Object.keys(manifest.files);
  if (paths.length !== Object.keys(previous.files).length) return false;
  return paths.every((path) => {
    const now = manifest.files[path]!;
    const before = previous.files[path];
    return before !== undefined && now.release === before.release && now.source === before.source && now.kind === before.kind && now.public === before.public;
  });
}

function manifestText(manifest: OutputManifest): string {
  // In the order of their paths, by UTF-16 code units (`sort`'s own order, without a comparison function to call 30,000 times and more).
  const files = Object.create(null) as Record<string, ManifestEntry>;
  for (const path of Object.keys(manifest.files).sort()) files[path] = manifest.files[path]!;
  return `${JSON.stringify({ format: MANIFEST_FORMAT, version: 1, mode: manifest.mode, ...(manifest.site !== undefined ? { site: manifest.site } : {}), files }, null, 1)}\n`;
}

export interface CommitOptions {
  /** Files an earlier build wrote (listed in its manifest) that this build no longer produces. */
  remove: readonly string[];
  /** The manifest of the new state: what this build wrote, plus what it kept of an earlier build's. */
  manifest: OutputManifest;
  /** The manifest the folder had, if any: a staged file at a path it does not list, where a file exists, belongs to someone else. */
  previous?: OutputManifest | undefined;
  /**
   * Without a manifest (a folder no build of this tool wrote, or one whose
   * manifest was deleted or damaged), take the files at output paths to be
   * an earlier build's and overwrite them (`--force`). Otherwise such a file
   * stops the commit, as one the manifest does not list does.
   */
  adoptUnlisted?: boolean;
  /**
   * Called once everything is checked, just before the first change to the
   * output folder: what describes the folder as it was (the build record)
   * must stop being trusted before the folder can change, since a build
   * killed at any moment after cannot say so.
   */
  beforeChange?: () => void;
}

export interface CommitResult {
  /** The files removed, of those asked. */
  removed: string[];
  /**
   * `swap`: the whole folder was replaced at once; `update`: only the changed
   * files, with a journal that lets the next build undo a commit killed
   * part-way (see `updateInPlace`); `files`: file by file (a mount point, or
   * special files inside).
   */
  method: 'swap' | 'update' | 'files';
}

export class OutputStage {
  private readonly files: string[] = [];
  private readonly keys = new Map<string, string>();
  private readonly folders = new Set<string>();

  private constructor(readonly out: string, readonly staging: string) {}

  /**
   * Creates a staging folder beside `out`, after cleaning up what killed
   * builds left (`recoverOutputFolder`).
   */
  static async create(out: string): Promise<OutputStage> {
    const parent = dirname(out);
    try {
      makeFolder(parent);
      await recoverOutputFolder(out);
    } catch (cause) {
      throw new OutputError('', `cannot prepare the output folder ${out} (${describeError(cause)})`);
    }
    const existing = await lstat(out).catch(() => undefined);
    if (existing?.isSymbolicLink()) {
      // A link to a folder is built through; one to nothing (`dist -> gen/site` before `gen` is made) is said to be one.
      const target = await stat(out).catch(() => undefined);
      if (!target?.isDirectory()) {
        const to = await readlink(out).catch(() => '?');
        throw new OutputError('', `the output folder ${out} is a symbolic link to ${to}, which is ${target ? 'not a folder' : 'not there'}; make the folder it names, or name another output folder`);
      }
    } else if (existing && !existing.isDirectory()) {
      throw new OutputError('', `the output folder ${out} exists and is not a folder`);
    }
    try {
      const prefix = `.${basename(out)}${STAGING_MARK}`;
      const staging = join(parent, `${prefix}${PROCESS_NAME}-${randomBytes(4).toString('hex')}`);
      await mkdir(staging);
      return new OutputStage(out, staging);
    } catch (cause) {
      const code = (cause as NodeJS.ErrnoException).code;
      const why = code === 'EACCES' || code === 'EPERM' || code === 'EROFS' ? '; outputs are staged beside the output folder, so its parent must be writable' : '';
      throw new OutputError('', `cannot create a staging folder in ${parent}, beside the output folder (${describeError(cause)})${why}`);
    }
  }

  /**
   * Claims a path relative to the output folder for an output that another
   * thread writes (`writeStaged`), with the same checks as `write`; returns
   * where to write it. Claims are made in the build's order, so a clash is
   * found the same way whatever thread renders first. Only files confirmed
   * with `written` are moved into place.
   */
  reserve(relativePath: string, names: OutputNames = 'plain'): string {
    const problem = unsafeOutputPath(relativePath, names);
    if (problem) throw new OutputError(relativePath, `refusing to write ${JSON.stringify(relativePath)}: ${problem}`);
    if (relativePath === MANIFEST_NAME) throw new OutputError(relativePath, `refusing to write ${relativePath}: the name is the build's own manifest`);
    const key = collisionKey(relativePath);
    const earlier = this.keys.get(key);
    if (earlier !== undefined) throw new OutputError(relativePath, `refusing to write ${JSON.stringify(relativePath)}: ${JSON.stringify(earlier)} is written by the same build, and some file systems treat the two names as one`);
    this.keys.set(key, relativePath);
    return stagedPath(this.staging, relativePath);
  }

  /** Confirms that a reserved output was written to the staging folder. */
  written(relativePath: string): void {
    this.files.push(relativePath);
  }

  /**
   * Gives up outputs reserved (and perhaps written) so far, so that they can
   * be rendered again: their staged files are removed, and their paths may
   * be reserved anew. Paths never reserved are left alone. One call for all
   * of them: the list of staged files is gone through once.
   */
  discard(relativePaths: readonly string[]): void {
    const dropped = new Set<string>();
    for (const path of relativePaths) {
      const key = collisionKey(path);
      if (this.keys.get(key) !== path) continue;
      this.keys.delete(key);
      dropped.add(path);
      try {
        unlinkSync(stagedPath(this.staging, path));
      } catch (cause) {
        if ((cause as NodeJS.ErrnoException).code !== 'ENOENT') throw new OutputError(path, `cannot remove ${JSON.stringify(path)} from the staging folder ${this.staging} (${systemErrorText(cause, 'error')})`);
      }
    }
    if (dropped.size === 0) return;
    let kept = 0;
    for (const file of this.files) if (!dropped.has(file)) this.files[kept++] = file;
    this.files.length = kept;
  }

  /**
   * Stages one output at a path relative to the output folder. The writing
   * is synchronous (see `writeStaged`).
   */
  async write(relativePath: string, content: FileContent, names: OutputNames = 'plain'): Promise<void> {
    writeStaged(this.reserve(relativePath, names), content, this.folders, relativePath);
    this.written(relativePath);
  }

  /**
   * Stages a copy of a file the project holds (a local image) at a path
   * relative to the output folder, with the same checks as `write`. The
   * caller has held `source` to the project; the copy never replaces a file.
   */
  async copy(relativePath: string, source: string): Promise<void> {
    const target = this.reserve(relativePath);
    try {
      const folder = dirname(target);
      if (!this.folders.has(folder)) {
        await mkdir(folder, { recursive: true });
        this.folders.add(folder);
      }
      await copyFile(source, target, 1 /* COPYFILE_EXCL */);
    } catch (cause) {
      throw new OutputError(relativePath, `cannot copy ${source} to the staging folder as ${JSON.stringify(relativePath)} (${systemErrorText(cause, 'error')})`);
    }
    this.written(relativePath);
  }

  get count(): number {
    return this.files.length;
  }

  /** The files staged so far, relative to the output folder. */
  get writtenFiles(): readonly string[] {
    return this.files;
  }

  /**
   * Makes the staged files, minus `remove`, plus everything else already in
   * the output folder, its new contents, all at once. Everything is checked
   * before anything changes: a symbolic link or a file where a folder is
   * needed, a folder where a file goes, or a file this tool did not write at
   * a path it would write, stops the build with the folder untouched. Only
   * an earlier build's outputs that this one removes may stand in the way
   * (a file where a folder goes, a folder holding nothing else where a file
   * goes): they go first, within the same commit.
   */
  async commit(options: CommitOptions): Promise<CommitResult> {
    try {
      const existing = await lstat(this.out).catch(() => undefined);
      const remove = existing ? await removable(this.out, options.remove) : [];
      const way = existing ? await this.checkDestinations(options.previous, options.adoptUnlisted === true, remove) : NOTHING_IN_THE_WAY;
      options.beforeChange?.();
      if (!existing) {
        await writeFile(join(this.staging, MANIFEST_NAME), manifestText(options.manifest));
        await this.swapIn();
        return { removed: [], method: 'swap' };
      }
      if (await isMountPoint(this.out)) return { removed: await this.commitFileByFile(remove, way, options.manifest, options.previous), method: 'files' };
      // A small change (an incremental rebuild) is cheaper to make in place than a copy of the whole tree; a folder this process
      // works in (`build ../releases --out .`) is never swapped, which would leave the shell in a folder that is gone.
      if ((options.previous && (this.files.length + remove.length) * 2 <= Object.keys(options.previous.files).length) || await holdsWorkingFolder(this.out)) {
        // A rebuild that only rewrites pages leaves the manifest as it is: at tens of thousands of outputs, writing it is much of the rebuild.
        const files = sameManifest(options.manifest, options.previous) ? [...this.files] : [...this.files, MANIFEST_NAME];
        if (files.length > this.files.length) await writeFile(join(this.staging, MANIFEST_NAME), manifestText(options.manifest));
        await updateInPlace(this.out, this.staging, files, remove, way);
        return { removed: remove, method: 'update' };
      }
      const skip = new Set([...this.files, ...remove, MANIFEST_NAME]);
      const mirrored = await mirror(this.out, this.staging, skip, new Set(way.folders)).catch((cause: unknown) => {
        if (cause instanceof OutputError) throw cause;
        // The folder has not changed yet: a file the staging folder cannot hold (a path too long beside it, a full disk) stops the build as it is.
        throw new OutputError('', `cannot link the output folder's other files into the staging folder ${this.staging} (${describeError(cause)}); nothing in ${this.out} was changed`);
      });
      if (!mirrored) {
        return { removed: await this.commitFileByFile(remove, way, options.manifest, options.previous), method: 'files' };
      }
      await writeFile(join(this.staging, MANIFEST_NAME), manifestText(options.manifest));
      await chmod(this.staging, existing.mode & 0o7777).catch(() => undefined);
      await this.swapIn(skip);
      return { removed: remove, method: 'swap' };
    } finally {
      await this.abort();
    }
  }

  /**
   * The two renames: the old folder aside, the new one in its place; then the old one is removed, once what was put into it
   * since its files were linked into the staging folder (`skip`: the paths the build replaces or removes) is in the new one.
   */
  private async swapIn(skip?: ReadonlySet<string>): Promise<void> {
    const exists = await lstat(this.out).then(() => true, () => false);
    if (!exists) {
      try {
        await rename(this.staging, this.out);
      } catch (cause) {
        throw new OutputError('', `cannot create the output folder ${this.out} (${describeError(cause)}); nothing was written`);
      }
      return;
    }
    const previous = join(dirname(this.out), `.${basename(this.out)}${PREVIOUS_MARK}${PROCESS_NAME}-${randomBytes(4).toString('hex')}`);
    try {
      await rename(this.out, previous);
    } catch (cause) {
      throw new OutputError('', `cannot replace the output folder ${this.out} (${describeError(cause)}); nothing in it was changed`);
    }
    try {
      await rename(this.staging, this.out);
    } catch (cause) {
      await rename(previous, this.out);
      throw new OutputError('', `cannot move the new output into place (${describeError(cause)}); ${this.out} was put back unchanged`);
    }
    // Somebody's file that cannot be moved over keeps the old folder where it is, beside the new one, rather than go with it.
    if (skip && !(await moveLateFiles(previous, this.out, skip).catch(() => false))) return;
    await removeAside(previous, this.out);
  }

  /**
   * Checks every path the build writes, and finds the stale outputs in the
   * way of new ones: a file an earlier build wrote where a folder of this
   * one's goes (a redirect page at `en/alpha.json/` where `en/alpha.json`
   * was), or a folder that holds only such files where a file goes. They are
   * among `remove`, and every commit takes them away before it puts a file
   * in their place. A file the build does not own there still stops it.
   */
  private async checkDestinations(previous: OutputManifest | undefined, adoptUnlisted: boolean, remove: readonly string[]): Promise<InTheWay> {
    const stale = new Set(remove);
    const way: InTheWay = { files: [], folders: [] };
    const inTheWay = new Set<string>();
    const folders = [...new Set(this.files.map((f) => dirname(join(this.out, f))))];
    for (const folder of folders) {
      const file = await checkFolderPath(this.out, folder, stale);
      if (file !== undefined && !inTheWay.has(file)) {
        inTheWay.add(file);
        way.files.push(file);
      }
    }
    // Files of the user's at output paths: all named at once (the first, then the others), so that one build, not one a file, shows them.
    const refused: { path: string; reason: string }[] = [];
    for (const relativePath of this.files) {
      const info = await lstat(join(this.out, relativePath)).catch(() => undefined);
      if (!info) continue;
      if (info.isDirectory()) {
        const tree = await staleTree(this.out, relativePath, stale);
        if (!tree) throw new OutputError(relativePath, `refusing to replace the folder ${join(this.out, relativePath)} with a file: it holds files that are not an earlier build's outputs to remove`);
        way.files.push(...tree.files);
        way.folders.push(...tree.folders);
        continue;
      }
      if (previous && !Object.hasOwn(previous.files, relativePath)) {
        refused.push({ path: relativePath, reason: `it was not written by an earlier build (it is not in ${MANIFEST_NAME}); move it away or delete it` });
      } else if (!previous && !adoptUnlisted) {
        // Without a manifest, nothing in the folder is known to be a build's: the user's own index.html looks like any other.
        refused.push({ path: relativePath, reason: `the output folder has no ${MANIFEST_NAME} that this build can read, so nothing in it is known to be an earlier build's; move the file away or delete it, or build with --force to overwrite the files at output paths` });
      }
    }
    const [first, ...others] = refused;
    if (first) {
      const named = others.slice(0, MORE_NAMED).map((r) => r.path).join(', ');
      const more = others.length === 0 ? '' : `; nor ${others.length === 1 ? 'this other file' : `these ${others.length.toLocaleString('en')} other files`} at output paths, for the same reason: ${named}${others.length > MORE_NAMED ? ` and ${(others.length - MORE_NAMED).toLocaleString('en')} more` : ''}`;
      throw new OutputError(first.path, `refusing to overwrite ${join(this.out, first.path)}: ${first.reason}${more}`);
    }
    return way;
  }

  /**
   * The fallback: a manifest listing every file the folder may end up
   * holding, then one rename per file, the removals and the final manifest.
   * An error part-way says how much was done, for the summary to repeat.
   */
  private async commitFileByFile(remove: readonly string[], way: InTheWay, manifest: OutputManifest, previous: OutputManifest | undefined): Promise<string[]> {
    let moved = 0;
    const removed: string[] = [];
    const total = this.files.length + remove.length;
    const manifestPath = join(this.staging, MANIFEST_NAME);
    let claimed = false;
    const early = new Set(way.files);
    let clearing: string | undefined;
    try {
      // Stale outputs where new files or their folders go are removed first; they count among the changes made.
      for (const relativePath of way.files) {
        clearing = relativePath;
        await unlink(join(this.out, relativePath));
        removed.push(relativePath);
      }
      for (const folder of way.folders) {
        clearing = folder;
        await rmdir(join(this.out, folder));
      }
      clearing = undefined;
      const folders = [...new Set(this.files.map((f) => dirname(join(this.out, f))))];
      for (const folder of folders) {
        await mkdir(folder, { recursive: true });
        await removeStaleTemporaries(folder);
      }
      if (this.files.length > 0) {
        // Every file the folder may hold if this stops part-way is listed first (the earlier build's and this one's), so that
        // the next build owns them all and finishes the job; without it, a first build's files would be nobody's.
        await writeFile(manifestPath, manifestText({ ...FRESH, ...manifest, files: { ...FRESH, ...previous?.files, ...manifest.files } }));
        await moveIntoPlace(manifestPath, join(this.out, MANIFEST_NAME));
        claimed = true;
      }
      for (const relativePath of this.files) {
        await moveIntoPlace(join(this.staging, relativePath), join(this.out, relativePath));
        moved++;
      }
      for (const relativePath of remove) {
        if (early.has(relativePath)) continue;
        await unlink(join(this.out, relativePath)).catch((cause: NodeJS.ErrnoException) => {
          if (cause.code !== 'ENOENT') throw cause;
        });
        removed.push(relativePath);
      }
      await writeFile(manifestPath, manifestText(manifest));
      await moveIntoPlace(manifestPath, join(this.out, MANIFEST_NAME));
      await removeEmptiedFolders(this.out, removed);
      return removed;
    } catch (cause) {
      if (cause instanceof OutputError) throw cause;
      const done = moved + removed.length;
      // Stopped before the first file moved: the folder's manifest is put back as it was, so that nothing in it changed.
      if (done === 0 && claimed) {
        const restored = previous ? writeFile(join(this.out, MANIFEST_NAME), manifestText(previous)) : unlink(join(this.out, MANIFEST_NAME));
        await restored.catch(() => undefined);
      }
      const where = clearing ?? this.files[moved] ?? remove.filter((path) => !early.has(path))[removed.length - way.files.length] ?? '';
      throw new OutputError(where, done === 0
        ? `cannot write the output folder ${this.out} (${describeError(cause)}); nothing in it was changed`
        : `cannot move ${where} into place (${describeError(cause)}); ${done} of ${total} changes were already made, so ${this.out} is a mix of the old and the new output until the next build succeeds`, done > 0);
    }
  }

  async abort(): Promise<void> {
    await rm(this.staging, { recursive: true, force: true });
  }
}

/**
 * Where an output at `relativePath` (a path `OutputStage.reserve` accepted)
 * goes in the staging folder `staging`. A safe path has no empty, "." or
 * ".." segment, so joining it is appending it.
 */
export function stagedPath(staging: string, relativePath: string): string {
  return sep === '/' ? `${staging}/${relativePath}` : join(staging, relativePath);
}

/**
 * What a file holds: its text, its bytes, or its bytes in parts, one after
 * another (a file of megabytes made of a few ranges of an earlier file and
 * a few new pieces, see `joinPieces`), which are written and compared as
 * they are, never joined into one buffer first.
 */
export type FileContent = string | Uint8Array | readonly Uint8Array[];

/**
 * Writes one output into a staging folder at a path `OutputStage.reserve`
 * gave; never replaces a file. `folders` remembers the folders made.
 * Synchronous: a build writes thousands of small files, and a promise per
 * file costs more than the write.
 */
export function writeStaged(target: string, content: FileContent, folders: Set<string>, relativePath: string): void {
  let fd: number | undefined;
  try {
    stagingFolder(target, folders);
    if (isParts(content)) {
      fd = openSync(target, 'wx');
      writeAll(fd, content);
      // Let go before it is closed: a close that fails has freed the number all the same, which another thread may be given next.
      const written = fd;
      fd = undefined;
      closeSync(written);
      return;
    }
    // With the encoding named, Node writes the string from C++ without making a Buffer of it first (a quarter less time per file).
    writeFileSync(target, content, { flag: 'wx', encoding: 'utf8' });
  } catch (cause) {
    try {
      if (fd !== undefined) closeSync(fd);
    } catch {
      // The write's error is the one to tell.
    }
    throw stagingError(cause, target, relativePath);
  }
}

const isParts = (content: FileContent): content is readonly Uint8Array[] => Array.isArray(content);

/** Writes `parts` one after another at the file's position, each whole: a call may write fewer bytes than it was given (a signal), and the rest follows. */
export function writeAll(descriptor: number, parts: readonly Uint8Array[]): void {
  let rest = parts.filter((part) => part.length > 0);
  while (rest.length > 0) {
    let written = writevSync(descriptor, rest);
    if (written === 0) throw new Error('the file system took none of the bytes given');
    let i = 0;
    for (; i < rest.length && written >= rest[i]!.length; i++) written -= rest[i]!.length;
    rest = rest.slice(i);
    if (written > 0) rest[0] = rest[0]!.subarray(written);
  }
}

function stagingFolder(target: string, folders: Set<string>): void {
  const folder = dirname(target);
  if (folders.has(folder)) return;
  mkdirSync(folder, { recursive: true });
  folders.add(folder);
}

/** A full disk, a quota or a read-only file system is the machine's state, not a bug: it is reported at the file. */
function stagingError(cause: unknown, target: string, relativePath: string): OutputError {
  return new OutputError(relativePath, `cannot write ${JSON.stringify(relativePath)} to the staging folder ${target.slice(0, target.length - relativePath.length - 1)} (${systemErrorText(cause, 'error')})`);
}

/** Of the files asked to be removed, those that are still regular files where an earlier build wrote them. */
async function removable(out: string, paths: readonly string[]): Promise<string[]> {
  const out2: string[] = [];
  // A link on the way (`ru -> /elsewhere`) would make the removal, and the removal of the folders it leaves empty, happen outside the output folder.
  const isRealFolder = realFolders(out);
  for (const path of paths) {
    // Paths come from the manifest, read with the same checks (redirects at old addresses have wider names).
    if (unsafeOutputPath(path, 'wide')) continue;
    if (!(await isRealFolder(dirname(path)))) continue;
    const info = await lstat(join(out, path)).catch(() => undefined);
    // A link or a folder now stands there: someone else put it there, so it is not the build's to remove.
    if (info?.isFile()) out2.push(path);
  }
  return out2;
}

/**
 * Whether a folder (relative to `root`, `/`-separated), each folder on its
 * way and `root` itself are real folders, not links: each looked at once.
 */
function realFolders(root: string): (folder: string) => Promise<boolean> {
  const known = new Map<string, boolean>();
  const isRealFolder = async (folder: string): Promise<boolean> => {
    const key = folder === '' ? '.' : folder;
    let real = known.get(key);
    if (real === undefined) {
      const info = await lstat(key === '.' ? root : join(root, key)).catch(() => undefined);
      real = info !== undefined && info.isDirectory() && (key === '.' || await isRealFolder(dirname(key)));
      known.set(key, real);
    }
    return real;
  };
  return isRealFolder;
}

/** Whether `folder` is the working folder of this process, or holds it: swapped away, it would leave the process (and the shell that started it) in a folder that no longer exists. */
async function holdsWorkingFolder(folder: string): Promise<boolean> {
  const here = workingFolder();
  if (here === undefined) return false;
  return holds(await realpath(folder).catch(() => folder), here);
}

/** Whether `folder` is `path` or holds it. */
function holds(folder: string, path: string): boolean {
  return path === folder || isInside(path, folder);
}

/** The real path of this process's working folder; undefined where it is gone. */
function workingFolder(): string | undefined {
  try {
    return realpathSync(process.cwd());
  } catch {
    return undefined;
  }
}

/** Whether `folder` is on another device than its parent: it cannot be renamed away. */
async function isMountPoint(folder: string): Promise<boolean> {
  const [self, parent] = await Promise.all([stat(folder), stat(dirname(folder))]);
  return self.dev !== parent.dev;
}

/**
 * Copies the tree at `from` into `to` without copying data: files are hard
 * links (or copies where links are refused), links are recreated, folders
 * keep their mode. Paths in `skip` (relative, `/`-separated) are left out,
 * and so are the folders in `cleared` (where a new file goes), when they
 * still hold only skipped files: otherwise the commit stops, the folder
 * unchanged, since the file in it is somebody's.
 * False when the tree holds something else (a named pipe, a device) or a
 * name that is not UTF-8, which the swap could not carry over: the caller
 * moves files one by one instead.
 */
async function mirror(from: string, to: string, skip: ReadonlySet<string>, cleared: ReadonlySet<string> = new Set()): Promise<boolean> {
  const walk = async (relativeFolder: string): Promise<boolean> => {
    const source = join(from, relativeFolder);
    for (const entry of await readdir(source, { withFileTypes: true })) {
      // A name read as text has its bytes that are not UTF-8 replaced, and names no file then; no output's name has U+FFFD.
      if (entry.name.includes('\ufffd')) return false;
      const rel = relativeFolder === '' ? entry.name : `${relativeFolder}/${entry.name}`;
      if (skip.has(rel)) continue;
      const src = join(source, entry.name);
      const dst = join(to, rel);
      if (entry.isDirectory() && cleared.has(rel)) {
        // Checked before, and again now: a file put there since would be lost with the folder.
        if (!(await staleTree(from, rel, skip))) throw new OutputError(rel, `refusing to replace the folder ${src} with a file: it holds files that are not an earlier build's outputs to remove; nothing in ${from} was changed`);
      } else if (entry.isDirectory()) {
        const info = await lstat(src);
        await mkdir(dst, { recursive: true });
        await chmod(dst, info.mode & 0o7777).catch(() => undefined);
        if (!(await walk(rel))) return false;
        // A folder left empty only because its files were removed goes with them; one that was empty stays.
        if ((await readdir(dst)).length === 0 && (await readdir(src)).length > 0) await rm(dst, { recursive: true });
      } else if (entry.isFile()) {
        await link(src, dst).catch(async (cause: NodeJS.ErrnoException) => {
          if (cause.code === 'EEXIST') throw cause;
          await copyFile(src, dst, 1 /* COPYFILE_EXCL */);
        });
      } else if (entry.isSymbolicLink()) {
        await symlink(await readlink(src), dst);
      } else return false;
    }
    return true;
  };
  return walk('');
}

/**
 * Moves into the new output folder what was put into the old one while the
 * build ran, after `mirror` had linked its files into the staging folder (an
 * upload into `uploads/`, a page written by hand): the old folder is about
 * to be removed, and they are nobody's to remove; so is a file saved over
 * one that was linked (another file now). The build's own files (`skip`)
 * are left behind. False when something could not be moved.
 */
async function moveLateFiles(from: string, to: string, skip: ReadonlySet<string>): Promise<boolean> {
  let moved = true;
  const walk = async (relativeFolder: string): Promise<void> => {
    for (const entry of await readdir(join(from, relativeFolder), { withFileTypes: true })) {
      const rel = relativeFolder === '' ? entry.name : `${relativeFolder}/${entry.name}`;
      if (skip.has(rel)) continue;
      const there = await lstat(join(to, rel)).catch((cause: NodeJS.ErrnoException) => cause.code ?? 'error');
      if (typeof there !== 'string') {
        if (entry.isDirectory() && there.isDirectory()) await walk(rel);
        // Not the file linked into the new folder: one saved over it since (a new file renamed into its place).
        else if (entry.isFile() && there.isFile() && (await lstat(join(from, rel))).ino !== there.ino) await rename(join(from, rel), join(to, rel));
        continue;
      }
      if (there !== 'ENOENT') {
        moved = false;
        continue;
      }
      // A folder the new one lacks was left empty by the files the build removed, or is new: only what is new in it comes over.
      if (entry.isDirectory() && (await readdir(join(from, rel))).length > 0) {
        await walk(rel);
        continue;
      }
      await mkdir(join(to, relativeFolder), { recursive: true });
      await rename(join(from, rel), join(to, rel));
    }
  };
  await walk('');
  return moved;
}

/**
 * Puts right what builds killed part-way left beside `out`: an output folder
 * left aside between the two renames of a swap is put back (or removed, when
 * the new one took its place); an update in place that did not finish is
 * undone from its journal; staging folders are removed. A build calls this
 * before it reads the output folder's manifest, so that it starts from the
 * previous build's state, whole.
 */
export async function recoverOutputFolder(out: string): Promise<void> {
  const parent = dirname(out);
  let entries;
  try {
    entries = await readdir(parent, { withFileTypes: true });
  } catch (cause) {
    if ((cause as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw cause;
  }
  const previous = `.${basename(out)}${PREVIOUS_MARK}`;
  const removing = `.${basename(out)}${REMOVING_MARK}`;
  const staging = `.${basename(out)}${STAGING_MARK}`;
  for (const entry of entries) {
    if (!entry.isDirectory()) continue;
    if (entry.name.startsWith(previous) && leftByDeadProcess(entry.name, PREVIOUS_MARK)) {
      const aside = join(parent, entry.name);
      if (await lstat(out).then(() => false, () => true)) await rename(aside, out);
      else if (await moveLateFiles(aside, out, await buildsFiles(aside, out)).catch(() => false)) await removeAside(aside, out);
    } else if (entry.name.startsWith(removing) && leftByDeadProcess(entry.name, REMOVING_MARK)) {
      await rm(join(parent, entry.name), { recursive: true, force: true });
    } else if (entry.name.startsWith(staging) && leftByDeadProcess(entry.name, STAGING_MARK)) {
      const folder = join(parent, entry.name);
      const journal = await readJournal(folder);
      if (journal?.done === true) await removeEmptiedFolders(out, journal.removed);
      else if (journal) await undoUpdate(out, folder, journal);
      await rm(folder, { recursive: true, force: true });
    }
  }
}

/** Removes the old output folder `aside`, renamed first so that a removal killed part-way is finished, not read again (REMOVING_MARK). */
async function removeAside(aside: string, out: string): Promise<void> {
  const removing = join(dirname(out), `.${basename(out)}${REMOVING_MARK}${PROCESS_NAME}-${randomBytes(4).toString('hex')}`);
  // Where it cannot be renamed, it is removed where it is, as before there was a mark.
  const gone = await rename(aside, removing).then(() => removing, () => aside);
  await rm(gone, { recursive: true, force: true });
}

/**
 * Of a folder set aside by a swap that was killed before it moved the files
 * put into it meanwhile (`moveLateFiles`), the files that are a build's: the
 * old folder's as its manifest lists them, which the new folder holds or
 * removed in their place, and the new folder's as its manifest lists them.
 * Every other file there is somebody's, moved into the new folder by the
 * next build.
 */
async function buildsFiles(aside: string, out: string): Promise<Set<string>> {
  const [before, after] = await Promise.all([readManifest(aside), readManifest(out)]);
  return new Set([...Object.keys(before?.files ?? {}), ...Object.keys(after?.files ?? {}), MANIFEST_NAME]);
}

/** In a staging folder: the record of an update in place under way. Output names never start with a dot. */
const JOURNAL_NAME = '.update-journal.json';
/** In a staging folder: the earlier build's files that an update replaced or removed, until it is done. */
const BACKUP_FOLDER = '.replaced';

/** What an update in place is about to do, written before it changes anything. */
interface UpdateJournal {
  /** Files moved into place, in order; `ino` is the staged file's (a rename keeps it); `replaced` when a file was there. */
  files: { path: string; ino: number; replaced: boolean }[];
  /** Files of an earlier build removed, after the files above. */
  removed: string[];
  /** Folders made in the output folder, parents first. */
  folders: string[];
  /**
   * Of `removed`, those in the way of the files above (see `InTheWay`),
   * moved aside first, before any folder is made; then the `emptied`
   * folders that held only them are removed, deepest first. Absent in a
   * journal with none.
   */
  early?: string[];
  emptied?: string[];
  /**
   * Set once every file is in place and every removed file gone: the update
   * counts as done, and only the folders its removals emptied are left to
   * remove. A build killed then has them removed by the next, not undone.
   */
  done?: true;
}

/** Largest journal read: one lists the files of an update of at most half a folder, some hundred bytes each. */
const MAX_JOURNAL_BYTES = 16 * 1024 * 1024;

async function readJournal(staging: string): Promise<UpdateJournal | undefined> {
  try {
    // A staging folder lies beside the output folder, perhaps in a checkout: a journal that is a link, a device or huge is none.
    const path = join(staging, JOURNAL_NAME);
    const info = await lstat(path);
    if (!info.isFile() || info.size > MAX_JOURNAL_BYTES) return undefined;
    const journal = JSON.parse(await readFile(path, 'utf8')) as UpdateJournal;
    const paths = (list: unknown) => Array.isArray(list) && list.every((path) => typeof path === 'string');
    const files = (list: unknown) => Array.isArray(list) && list.every((file: unknown) => {
      const entry = file as Partial<UpdateJournal['files'][number]> | null;
      return typeof entry === 'object' && entry !== null && typeof entry.path === 'string' && typeof entry.ino === 'number' && typeof entry.replaced === 'boolean';
    });
    // A journal of another shape (one a checkout holds, say) is none: the staging folder is only removed.
    const optional = (list: unknown) => list === undefined || paths(list);
    return files(journal.files) && paths(journal.removed) && paths(journal.folders) && optional(journal.early) && optional(journal.emptied) ? journal : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Puts the staged `files` into `out` and removes `remove`, touching no other
 * file: the commit of a build that changed a few files of many, where
 * linking the whole tree into a new folder would cost as much as a full
 * build. Before anything changes, a journal is written in the staging
 * folder; each file replaced or removed is first kept there (a hard link, so
 * that the old file stays in place until the new one replaces it in one
 * rename). Marking the journal done (one rename) is the moment the update
 * counts as done; the folders its removals emptied go after that.
 * An error part-way undoes what was done; a build killed part-way leaves a
 * mix of old and new files, which the next build undoes from the journal
 * before it starts (`recoverOutputFolder`). Paths were checked by the caller,
 * and `way` found: the stale outputs in the way go first, so that a path can
 * turn from a file into a folder, or back, in the same update.
 */
async function updateInPlace(out: string, staging: string, files: readonly string[], remove: readonly string[], way: InTheWay = NOTHING_IN_THE_WAY): Promise<void> {
  const journal: UpdateJournal = { files: [], removed: [...remove], folders: [], ...(way.files.length > 0 ? { early: way.files, emptied: way.folders } : {}) };
  const early = new Set(way.files);
  const emptied = new Set(way.folders);
  const known = new Set<string>();
  for (const path of files) {
    const staged = await lstat(join(staging, path));
    // A folder of stale outputs there is gone by the time the file is moved in: the file replaces nothing.
    const there = emptied.has(path) ? undefined : await lstat(join(out, path)).catch(() => undefined);
    journal.files.push({ path, ino: staged.ino, replaced: there !== undefined });
    const missing: string[] = [];
    for (let folder = dirname(path); folder !== '.' && folder !== '' && !known.has(folder); folder = dirname(folder)) {
      known.add(folder);
      if (early.has(folder) || !(await lstat(join(out, folder)).catch(() => undefined))) missing.push(folder);
    }
    journal.folders.push(...missing.reverse());
  }
  const temporary = join(staging, `${JOURNAL_NAME}.tmp`);
  await writeFile(temporary, JSON.stringify(journal));
  await rename(temporary, join(staging, JOURNAL_NAME));
  const backup = (path: string) => join(staging, BACKUP_FOLDER, path);
  let step = 'prepare';
  try {
    for (const path of way.files) {
      step = path;
      await mkdir(dirname(backup(path)), { recursive: true });
      await rename(join(out, path), backup(path));
    }
    for (const folder of way.folders) {
      step = folder;
      await rmdir(join(out, folder));
    }
    for (const folder of journal.folders) {
      step = folder;
      await mkdir(join(out, folder));
    }
    for (const { path, replaced } of journal.files) {
      step = path;
      const target = join(out, path);
      if (replaced) {
        await mkdir(dirname(backup(path)), { recursive: true });
        // Where hard links are refused, the old file is moved aside instead: the undo puts it back just the same.
        await link(target, backup(path)).catch(() => rename(target, backup(path)));
      }
      await rename(join(staging, path), target);
    }
    for (const path of remove) {
      if (early.has(path)) continue;
      step = path;
      await mkdir(dirname(backup(path)), { recursive: true });
      await rename(join(out, path), backup(path));
    }
    // The moment the update is done: the journal says so in one rename, and is deleted once the emptied folders are gone too.
    step = 'the update journal';
    await writeFile(temporary, JSON.stringify({ ...FRESH, ...journal, done: true }));
    await rename(temporary, join(staging, JOURNAL_NAME));
  } catch (cause) {
    try {
      await undoUpdate(out, staging, journal);
    } catch (undoCause) {
      throw new OutputError(step, `cannot update ${step} in the output folder (${describeError(cause)}), and undoing the update failed too (${describeError(undoCause)}); ${out} is a mix of the old and the new output until the next build succeeds`, true);
    }
    throw new OutputError(step, `cannot update ${step} in the output folder (${describeError(cause)}); ${out} was put back unchanged`);
  }
  await removeEmptiedFolders(out, remove);
  await unlink(join(staging, JOURNAL_NAME));
}

/**
 * A folder left empty only because the files removed from it were: it goes
 * with them (its name is a slug, a tag, an alias: a release taken down
 * leaves no trace there either). A folder that still holds anything stays,
 * and so does one with a link on its way (the list may come from a journal
 * a killed build left, or anybody committed).
 */
async function removeEmptiedFolders(out: string, removed: readonly string[]): Promise<void> {
  const isRealFolder = realFolders(out);
  // The folder this process works in, or one that holds it (a build run from dist/en), stays though empty: removed, it would
  // leave the shell that started the build in a folder that no longer exists, as a swap of the output folder would.
  const here = workingFolder();
  const realOut = here === undefined ? out : await realpath(out).catch(() => out);
  const holdsHere = (folder: string) => here !== undefined && holds(join(realOut, folder), here);
  for (const path of removed) {
    if (unsafeOutputPath(path, 'wide')) continue;
    for (let folder = dirname(path); folder !== '.' && folder !== ''; folder = dirname(folder)) {
      if (holdsHere(folder) || !(await isRealFolder(folder)) || !(await rmdir(join(out, folder)).then(() => true, () => false))) break;
    }
  }
}

/**
 * Undoes an update in place from its journal, last step first; safe to run
 * again if it is itself interrupted. The journal and the staging folder may
 * be left by a build killed part-way, or be anybody's (a staging folder
 * committed beside `dist/` in a checkout): every file is moved only between
 * real folders of the two, never through a link on either side, and only a
 * regular file is moved, so nothing outside them is read, written or removed.
 */
async function undoUpdate(out: string, staging: string, journal: UpdateJournal): Promise<void> {
  const isFile = (path: string) => lstat(path).then((info) => info.isFile(), () => false);
  const exists = (path: string) => lstat(path).then(() => true, () => false);
  // The journal lists the build's own outputs, redirect pages at old addresses among them: their names may be wide, never outside the folder.
  const unsafe = (path: string) => unsafeOutputPath(path, 'wide');
  const backups = join(staging, BACKUP_FOLDER);
  const realInOutput = realFolders(out);
  const realInBackups = realFolders(backups);
  const canMove = async (path: string) => (await realInOutput(dirname(path))) && (await realInBackups(dirname(path))) && (await isFile(join(backups, path)));
  for (const { path, ino, replaced } of [...journal.files].reverse()) {
    if (path !== MANIFEST_NAME && unsafe(path)) continue;
    const target = join(out, path);
    if (replaced) {
      if (await canMove(path)) await rename(join(backups, path), target);
      continue;
    }
    // Only the very file this update put there is removed: the staged file's inode, not whatever stands there now.
    if (!(await realInOutput(dirname(path)))) continue;
    const info = await lstat(target).catch(() => undefined);
    if (info?.isFile() && info.ino === ino) await unlink(target);
  }
  for (const folder of [...journal.folders].reverse()) {
    if (!unsafe(folder) && await realInOutput(dirname(folder))) await rmdir(join(out, folder)).catch(() => undefined);
  }
  // The removed files go back last: one that stood where a folder was just made, or in a folder where a file was, has its place again.
  const realAgain = realFolders(out);
  for (const folder of [...(journal.emptied ?? [])].reverse()) {
    if (!unsafe(folder) && await realAgain(dirname(folder))) await mkdir(join(out, folder)).catch(() => undefined);
  }
  const realNow = realFolders(out);
  const canRestore = async (path: string) => (await realNow(dirname(path))) && (await realInBackups(dirname(path))) && (await isFile(join(backups, path)));
  for (const path of [...journal.removed].reverse()) {
    if (unsafe(path)) continue;
    if (await canRestore(path) && !(await exists(join(out, path)))) await rename(join(backups, path), join(out, path));
  }
}

/** One atomic rename; across file systems, a copy beside the destination renamed over it. */
async function moveIntoPlace(staged: string, destination: string): Promise<void> {
  try {
    await rename(staged, destination);
  } catch (cause) {
    if ((cause as NodeJS.ErrnoException).code !== 'EXDEV') throw cause;
    const temporary = join(dirname(destination), `.${basename(destination)}${TEMPORARY_MARK}${process.pid}-${randomBytes(4).toString('hex')}`);
    try {
      await copyFile(staged, temporary);
      await rename(temporary, destination);
    } finally {
      await unlink(temporary).catch(() => undefined);
    }
  }
}

/**
 * Refuses a path from `out` to `folder` that passes through a symbolic link
 * or a file; missing folders are fine. A file among `stale` (an earlier
 * build's output this one removes) is in the way only until the commit
 * removes it: it is returned (relative, `/`-separated), and the folders
 * below it are missing.
 */
async function checkFolderPath(out: string, folder: string, stale: ReadonlySet<string>): Promise<string | undefined> {
  const rel = relative(out, folder);
  let current = out;
  const segments: string[] = [];
  for (const segment of rel === '' ? [] : rel.split(sep)) {
    current = join(current, segment);
    segments.push(segment);
    const info = await lstat(current).catch(() => undefined);
    if (!info) return undefined;
    if (info.isSymbolicLink()) throw new OutputError(relative(out, current), `refusing to write through ${current}: it is a symbolic link`);
    if (!info.isDirectory()) {
      if (info.isFile() && stale.has(segments.join('/'))) return segments.join('/');
      throw new OutputError(relative(out, current), `${current} is in the way: it is a file, not a folder`);
    }
  }
  return undefined;
}

/** Stale outputs that stand where new ones go, which a commit takes away before it puts anything in their place. */
interface InTheWay {
  /** Files an earlier build wrote, all among the removals: in the way themselves, or in a folder below. */
  files: string[];
  /** Folders that held only those files, deepest first: each is removed once its files are gone. */
  folders: string[];
}

const NOTHING_IN_THE_WAY: InTheWay = { files: [], folders: [] };

/**
 * The files and folders of the folder `folder` (relative to `out`) when it
 * holds nothing but files among `stale`, in real folders that each hold at
 * least one of them; otherwise undefined. An empty folder, a link or any
 * file the build does not remove is somebody's, and keeps the folder.
 */
async function staleTree(out: string, folder: string, stale: ReadonlySet<string>): Promise<InTheWay | undefined> {
  const tree: InTheWay = { files: [], folders: [] };
  const walk = async (rel: string): Promise<boolean> => {
    const entries = await readdir(join(out, rel), { withFileTypes: true }).catch(() => undefined);
    if (!entries || entries.length === 0) return false;
    for (const entry of entries) {
      const path = `${rel}/${entry.name}`;
      if (entry.isDirectory()) {
        if (!(await walk(path))) return false;
      } else if (entry.isFile() && stale.has(path)) tree.files.push(path);
      else return false;
    }
    tree.folders.push(rel);
    return true;
  };
  return (await walk(folder)) ? tree : undefined;
}

/** Removes the copies that a build killed while copying across file systems left in a folder. */
async function removeStaleTemporaries(folder: string): Promise<void> {
  for (const name of await readdir(folder)) {
    if (name.includes(TEMPORARY_MARK) && leftByDeadProcess(name, TEMPORARY_MARK)) await unlink(join(folder, name)).catch(() => undefined);
  }
}

export class OutputError extends Error {
  /** `partial`: some changes were made before the error, so the output folder is neither the old nor the new state. */
  constructor(readonly path: string, message: string, readonly partial = false) {
    super(message);
    this.name = 'OutputError';
  }
}

/**
 * What `read` makes of the regular file at `path` (a real path but for its
 * last name), opened never through a symbolic link, on its way or at its
 * end, and without waiting: without O_NONBLOCK, opening a named pipe would
 * wait for a writer. `otherwise` for anything else, or a file that cannot be
 * read. The output folder may be kept between runs, or committed with the
 * releases: a page there may be a link to /dev/zero, whose reading filled
 * memory, or to a named pipe, whose reading never ended.
 */
function withOwnFile<T>(path: string, otherwise: T, read: (fd: number, size: number) => T): T {
  let fd: number | undefined;
  try {
    // A folder on the way that is a link (`en/tags -> /elsewhere`) leads out of the output folder: what is there is not the build's.
    if (realpathSync.native(dirname(path)) !== dirname(path)) return otherwise;
    fd = openSync(path, constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0) | (constants.O_NONBLOCK ?? 0));
    const info = fstatSync(fd);
    return info.isFile() ? read(fd, info.size) : otherwise;
  } catch {
    return otherwise;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/** The text of a file an earlier build wrote, read as `withOwnFile` reads one, of at most `maxBytes`; undefined for anything else. */
export function ownFileText(path: string, maxBytes: number): string | undefined {
  return withOwnFile(path, undefined, (fd, size) => (size > maxBytes ? undefined : readFileSync(fd, 'utf8')));
}

/** The bytes of a file an earlier build wrote, read as `withOwnFile` reads one, when it has `size` bytes; undefined for anything else. */
export function ownFileBytes(path: string, size: number): Buffer | undefined {
  return withOwnFile(path, undefined, (fd, actual) => (actual === size ? readFileSync(fd) : undefined));
}

/**
 * Whether the file at `path` holds exactly `content`, text or its UTF-8
 * bytes, read as `withOwnFile` reads one. A file of another size is not
 * read. The file is compared as bytes, never decoded: bytes that are no
 * UTF-8 (a file damaged, or edited by hand) may decode to the same text.
 */
export function holdsText(path: string, content: FileContent): boolean {
  if (isParts(content)) {
    const size = content.reduce((sum, part) => sum + part.length, 0);
    return withOwnFile(path, false, (fd, actual) => {
      if (actual !== size) return false;
      const bytes = readFileSync(fd);
      let at = 0;
      return bytes.length === size && content.every((part) => bytes.subarray(at, (at += part.length)).equals(part));
    });
  }
  const expected = typeof content === 'string' ? Buffer.from(content) : content;
  return withOwnFile(path, false, (fd, size) => size === expected.length && readFileSync(fd).equals(expected));
}
