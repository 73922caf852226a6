import { randomBytes } from 'node:crypto';
import { copyFileSync, lstatSync, mkdirSync, renameSync, unlinkSync, writeFileSync } from 'node:fs';
import { lstat, mkdir, readdir, realpath, rm, unlink } from 'node:fs/promises';
import { basename, dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { collisionKey } from '../core/names.js';
import { isReservedName } from '../core/slug.js';
import { isInside } from './paths.js';

/**
 * Writing a build without ever losing data. Outputs are staged in a folder
 * beside the output folder (never inside it), and only when the whole build
 * succeeded is each file renamed into place, one atomic rename per file.
 * A build that is killed leaves at most a staging folder beside the output,
 * which the next build removes.
 */

const STAGING_MARK = '.migration-news-staging-';
/** Marks the copy made next to a destination when the staging folder is on another file system. */
const TEMPORARY_MARK = '.migration-news-tmp-';

const SAFE_SEGMENT = /^[a-z0-9][a-z0-9._-]*$/;
/** Longest file or folder name written; file systems allow 255 bytes, and the staging and temporary names need room. */
export const MAX_NAME_LENGTH = 200;

/** Why a relative output path is unsafe, or undefined when it is safe. */
export function unsafeOutputPath(relativePath: string): string | undefined {
  if (relativePath.includes('\0')) return 'it contains a NUL character';
  if (isAbsolute(relativePath) || /^[\\/]/.test(relativePath) || /^[a-zA-Z]:/.test(relativePath)) return 'it is an absolute path';
  for (const segment of relativePath.split(/[\\/]/)) {
    if (segment === '..' || segment === '.' || segment === '') return 'it leaves the output folder';
    if (segment.length > MAX_NAME_LENGTH) return `the name is longer than ${MAX_NAME_LENGTH} characters`;
    if (!SAFE_SEGMENT.test(segment)) return `the name "${segment}" has characters other than lower-case letters, digits, ".", "_" and "-"`;
    if (segment.endsWith('.')) return `the name "${segment}" ends with a dot, which Windows drops`;
    if (isReservedName(segment)) return `"${segment}" is a reserved device name on Windows`;
  }
  return undefined;
}

/** Why `out` may not be the output folder for these input roots, or undefined. All paths must be real paths. */
export function outputFolderConflict(out: string, inputRoots: readonly string[], inputFiles: readonly string[]): string | undefined {
  for (const root of inputRoots) {
    if (out === root) return `the output folder ${out} is an input folder`;
    if (isInside(out, root)) return `the output folder ${out} is inside the input folder ${root}`;
    if (isInside(root, out)) return `the output folder ${out} contains the input folder ${root}`;
  }
  for (const file of inputFiles) if (isInside(file, out)) return `the output folder ${out} contains the input file ${file}`;
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

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (cause) {
    return (cause as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Whether a name made by `mark` belongs to a process that no longer runs (the name holds its pid after the mark). */
function leftByDeadProcess(name: string, mark: string): boolean {
  const at = name.indexOf(mark);
  if (at === -1) return false;
  const pid = Number(name.slice(at + mark.length).split('-')[0]);
  return Number.isInteger(pid) && pid > 0 && pid !== process.pid && !processAlive(pid);
}

function describeError(cause: unknown): string {
  const error = cause as NodeJS.ErrnoException;
  return error?.code ? `${error.code}${error.syscall ? ` on ${error.syscall}` : ''}` : String(cause);
}

export class OutputStage {
  private readonly files: string[] = [];
  private readonly keys = new Map<string, string>();
  private readonly folders = new Set<string>();

  private constructor(readonly out: string, readonly staging: string) {}

  /** Creates a staging folder beside `out`, after removing those that killed builds left behind. */
  static async create(out: string): Promise<OutputStage> {
    const existing = await lstat(out).catch(() => undefined);
    if (existing && !existing.isDirectory()) throw new OutputError('', `the output folder ${out} exists and is not a folder`);
    const parent = dirname(out);
    try {
      await mkdir(parent, { recursive: true });
      const prefix = `.${basename(out)}${STAGING_MARK}`;
      for (const entry of await readdir(parent, { withFileTypes: true })) {
        if (entry.isDirectory() && entry.name.startsWith(prefix) && leftByDeadProcess(entry.name, STAGING_MARK)) {
          await rm(join(parent, entry.name), { recursive: true, force: true });
        }
      }
      const staging = join(parent, `${prefix}${process.pid}-${randomBytes(4).toString('hex')}`);
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
  reserve(relativePath: string): string {
    const problem = unsafeOutputPath(relativePath);
    if (problem) throw new OutputError(relativePath, `refusing to write ${JSON.stringify(relativePath)}: ${problem}`);
    const key = collisionKey(relativePath);
    const earlier = this.keys.get(key);
    if (earlier !== undefined) throw new OutputError(relativePath, `refusing to write ${JSON.stringify(relativePath)}: ${JSON.stringify(earlier)} is written by the same build, and some file systems treat the two names as one`);
    this.keys.set(key, relativePath);
    return join(this.staging, relativePath);
  }

  /** Confirms that a reserved output was written to the staging folder. */
  written(relativePath: string): void {
    this.files.push(relativePath);
  }

  /**
   * Stages one output at a path relative to the output folder. The writing
   * is synchronous (see `writeStaged`).
   */
  async write(relativePath: string, content: string): Promise<void> {
    const problem = unsafeOutputPath(relativePath);
    if (problem) throw new OutputError(relativePath, `refusing to write ${JSON.stringify(relativePath)}: ${problem}`);
    writeStaged(this.reserve(relativePath), content, this.folders, relativePath);
    this.written(relativePath);
  }

  get count(): number {
    return this.files.length;
  }

  /**
   * Moves every staged file into the output folder, each with one rename,
   * then removes the staging folder. Every folder and destination is checked
   * first, so a symbolic link or a folder in the way stops the build before
   * any file has moved. A rename replaces a symbolic link at the destination
   * itself: the file it pointed at is never written.
   */
  async commit(): Promise<void> {
    let moved = 0;
    try {
      await mkdir(this.out, { recursive: true });
      const folders = [...new Set(this.files.map((f) => dirname(join(this.out, f))))];
      for (const folder of folders) await checkFolderPath(this.out, folder);
      for (const folder of folders) {
        await mkdir(folder, { recursive: true });
        await removeStaleTemporaries(folder);
      }
      for (const relativePath of this.files) {
        const info = lstatSync(join(this.out, relativePath), { throwIfNoEntry: false });
        if (info?.isDirectory()) throw new OutputError(relativePath, `refusing to replace the folder ${join(this.out, relativePath)} with a file`);
      }
      for (const relativePath of this.files) {
        moveIntoPlace(join(this.staging, relativePath), join(this.out, relativePath));
        moved++;
      }
    } catch (cause) {
      if (cause instanceof OutputError) throw cause;
      const where = this.files[moved] ?? '';
      throw new OutputError(where, moved === 0
        ? `cannot write the output folder ${this.out} (${describeError(cause)}); nothing in it was changed`
        : `cannot move ${where} into place (${describeError(cause)}); ${moved} of ${this.files.length} files were already replaced`);
    } finally {
      await this.abort();
    }
  }

  async abort(): Promise<void> {
    await rm(this.staging, { recursive: true, force: true });
  }
}

/**
 * Writes one output into a staging folder at a path `OutputStage.reserve`
 * gave; never replaces a file. `folders` remembers the folders made.
 * Synchronous: a build writes thousands of small files, and a promise per
 * file costs more than the write.
 */
export function writeStaged(target: string, content: string, folders: Set<string>, relativePath: string): void {
  const folder = dirname(target);
  try {
    if (!folders.has(folder)) {
      mkdirSync(folder, { recursive: true });
      folders.add(folder);
    }
    writeFileSync(target, content, { flag: 'wx' });
  } catch (cause) {
    // A full disk, a quota or a read-only file system is the machine's state, not a bug: it is reported at the file.
    const code = (cause as NodeJS.ErrnoException).code ?? 'error';
    throw new OutputError(relativePath, `cannot write ${JSON.stringify(relativePath)} to the staging folder ${target.slice(0, target.length - relativePath.length - 1)} (${code}${code === 'ENOSPC' ? ': the disk is full' : ''})`);
  }
}

/** One atomic rename; across file systems, a copy beside the destination renamed over it. Synchronous, like `write`. */
function moveIntoPlace(staged: string, destination: string): void {
  try {
    renameSync(staged, destination);
  } catch (cause) {
    if ((cause as NodeJS.ErrnoException).code !== 'EXDEV') throw cause;
    const temporary = join(dirname(destination), `.${basename(destination)}${TEMPORARY_MARK}${process.pid}-${randomBytes(4).toString('hex')}`);
    try {
      copyFileSync(staged, temporary);
      renameSync(temporary, destination);
    } finally {
      try {
        unlinkSync(temporary);
      } catch {
        // Renamed into place: nothing is left to remove.
      }
    }
  }
}

/** Refuses a path from `out` to `folder` that passes through a symbolic link or a file; missing folders are fine. */
async function checkFolderPath(out: string, folder: string): Promise<void> {
  const rel = relative(out, folder);
  let current = out;
  for (const segment of rel === '' ? [] : rel.split(sep)) {
    current = join(current, segment);
    const info = await lstat(current).catch(() => undefined);
    if (!info) return;
    if (info.isSymbolicLink()) throw new OutputError(relative(out, current), `refusing to write through ${current}: it is a symbolic link`);
    if (!info.isDirectory()) throw new OutputError(relative(out, current), `${current} is in the way: it is a file, not a folder`);
  }
}

/** Removes the copies that a build killed while copying across file systems left in a folder. */
async function removeStaleTemporaries(folder: string): Promise<void> {
  for (const name of await readdir(folder)) {
    if (name.includes(TEMPORARY_MARK) && leftByDeadProcess(name, TEMPORARY_MARK)) await unlink(join(folder, name)).catch(() => undefined);
  }
}

export class OutputError extends Error {
  constructor(readonly path: string, message: string) {
    super(message);
    this.name = 'OutputError';
  }
}
