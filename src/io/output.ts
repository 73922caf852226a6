import { randomBytes } from 'node:crypto';
import { copyFile, lstat, mkdir, readdir, realpath, rename, rm, unlink, writeFile } from 'node:fs/promises';
import { basename, dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';

/**
 * Writing a build without ever losing data. Outputs are staged in a folder
 * beside the output folder (never inside it), and only when the whole build
 * succeeded is each file renamed into place, one atomic rename per file.
 * A build that is killed leaves at most a staging folder beside the output,
 * which the next build removes.
 */

const STAGING_MARK = '.migration-news-staging-';

/** Device names that Windows reserves in every folder, with any extension. */
const RESERVED_NAMES = /^(con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³])(\..*)?$/i;
const SAFE_SEGMENT = /^[a-z0-9][a-z0-9._-]*$/;
export const MAX_NAME_LENGTH = 200;

/** Why a relative output path is unsafe, or undefined when it is safe. */
export function unsafeOutputPath(relativePath: string): string | undefined {
  if (relativePath.includes('\0')) return 'it contains a NUL character';
  if (isAbsolute(relativePath) || /^[a-zA-Z]:/.test(relativePath)) return 'it is an absolute path';
  const segments = relativePath.split(/[\\/]/);
  for (const segment of segments) {
    if (segment === '..' || segment === '.' || segment === '') return 'it leaves the output folder';
    if (!SAFE_SEGMENT.test(segment)) return `the name "${segment}" has characters other than lower-case letters, digits, ".", "_" and "-"`;
    if (RESERVED_NAMES.test(segment)) return `"${segment}" is a reserved device name on Windows`;
    if (segment.length > MAX_NAME_LENGTH) return `the name is longer than ${MAX_NAME_LENGTH} characters`;
  }
  return undefined;
}

function isInside(child: string, parent: string): boolean {
  const rel = relative(parent, child);
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
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

export class OutputStage {
  private readonly files: string[] = [];
  private readonly folders = new Set<string>();

  private constructor(readonly out: string, readonly staging: string) {}

  /** Creates a staging folder beside `out`, after removing those that killed builds left behind. */
  static async create(out: string): Promise<OutputStage> {
    const parent = dirname(out);
    await mkdir(parent, { recursive: true });
    const prefix = `.${basename(out)}${STAGING_MARK}`;
    for (const entry of await readdir(parent, { withFileTypes: true })) {
      if (!entry.isDirectory() || !entry.name.startsWith(prefix)) continue;
      const pid = Number(entry.name.slice(prefix.length).split('-')[0]);
      if (Number.isInteger(pid) && pid !== process.pid && !processAlive(pid)) {
        await rm(join(parent, entry.name), { recursive: true, force: true });
      }
    }
    const staging = join(parent, `${prefix}${process.pid}-${randomBytes(4).toString('hex')}`);
    await mkdir(staging);
    return new OutputStage(out, staging);
  }

  /** Stages one output at a path relative to the output folder. */
  async write(relativePath: string, content: string): Promise<void> {
    const problem = unsafeOutputPath(relativePath);
    if (problem) throw new OutputError(relativePath, `refusing to write ${JSON.stringify(relativePath)}: ${problem}`);
    const target = join(this.staging, relativePath);
    const folder = dirname(target);
    if (!this.folders.has(folder)) {
      await mkdir(folder, { recursive: true });
      this.folders.add(folder);
    }
    await writeFile(target, content, { flag: 'wx' });
    this.files.push(relativePath);
  }

  get count(): number {
    return this.files.length;
  }

  /** Moves every staged file into the output folder, each with one rename, then removes the staging folder. */
  async commit(): Promise<void> {
    await mkdir(this.out, { recursive: true });
    const checked = new Set<string>();
    for (const relativePath of this.files) {
      const destination = join(this.out, relativePath);
      const folder = dirname(destination);
      if (!checked.has(folder)) {
        await ensureRealFolder(this.out, folder);
        checked.add(folder);
      }
      const staged = join(this.staging, relativePath);
      try {
        await rename(staged, destination);
      } catch (cause) {
        if ((cause as NodeJS.ErrnoException).code !== 'EXDEV') throw cause;
        // Another file system: copy next to the destination, then rename there.
        const temporary = `${destination}.${randomBytes(4).toString('hex')}.tmp`;
        try {
          await copyFile(staged, temporary);
          await rename(temporary, destination);
        } finally {
          await unlink(temporary).catch(() => undefined);
        }
      }
    }
    await this.abort();
  }

  async abort(): Promise<void> {
    await rm(this.staging, { recursive: true, force: true });
  }
}

/** Creates the folders between `out` and `folder`, refusing any that is a symbolic link. */
async function ensureRealFolder(out: string, folder: string): Promise<void> {
  const rel = relative(out, folder);
  let current = out;
  for (const segment of rel === '' ? [] : rel.split(sep)) {
    current = join(current, segment);
    const info = await lstat(current).catch(() => undefined);
    if (!info) await mkdir(current);
    else if (info.isSymbolicLink()) throw new OutputError(relative(out, current), `refusing to write through ${current}: it is a symbolic link`);
    else if (!info.isDirectory()) throw new OutputError(relative(out, current), `${current} is not a folder`);
  }
}

export class OutputError extends Error {
  constructor(readonly path: string, message: string) {
    super(message);
    this.name = 'OutputError';
  }
}
