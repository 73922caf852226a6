import { lstat, readdir, realpath, stat } from 'node:fs/promises';
import { isAbsolute, join, relative, resolve, sep } from 'node:path';
import { glob, isDynamicPattern } from 'tinyglobby';

export interface InputFile {
  /** Absolute path. */
  path: string;
  /** Path as shown in messages: relative to the working folder when inside it. */
  display: string;
}

export interface FoundInputs {
  files: InputFile[];
  /** Folders the inputs were found in (real paths), for the output-folder safety check. */
  roots: string[];
  /** Paths that matched nothing: usage errors. */
  missing: string[];
}

export function displayPath(path: string, cwd: string): string {
  const rel = relative(cwd, path);
  return rel && !rel.startsWith('..') && !isAbsolute(rel) ? rel.split(sep).join('/') : path;
}

const SKIPPED_FOLDERS = new Set(['node_modules', '.git']);

/**
 * Files named on the command line, Markdown files under folders (recursively,
 * without following symbolic links to folders), and glob matches; sorted and
 * without duplicates.
 */
export async function findInputs(patterns: readonly string[], cwd: string, exclude: readonly string[] = []): Promise<FoundInputs> {
  const found = new Map<string, InputFile>();
  const roots = new Set<string>();
  const missing: string[] = [];
  const excluded = exclude.map((e) => resolve(cwd, e));
  const isExcluded = (p: string) => excluded.some((e) => p === e || p.startsWith(e + sep));
  const add = (path: string) => {
    if (!isExcluded(path) && !found.has(path)) found.set(path, { path, display: displayPath(path, cwd) });
  };
  for (const pattern of patterns) {
    const absolute = resolve(cwd, pattern);
    const info = await stat(absolute).catch(() => undefined);
    if (info?.isDirectory()) {
      roots.add(await realpath(absolute));
      await walk(absolute, add, isExcluded);
    } else if (info?.isFile()) {
      roots.add(await realpath(resolve(absolute, '..')));
      add(absolute);
    } else if (isDynamicPattern(pattern)) {
      const matches = await glob(pattern, { cwd, absolute: true, onlyFiles: true, followSymbolicLinks: false, ignore: ['**/node_modules/**', '**/.git/**'] });
      if (matches.length === 0) missing.push(pattern);
      for (const match of matches) {
        const path = resolve(match);
        roots.add(await realpath(resolve(path, '..')));
        add(path);
      }
    } else {
      missing.push(pattern);
    }
  }
  const files = [...found.values()].sort((a, b) => (a.display < b.display ? -1 : a.display > b.display ? 1 : 0));
  return { files, roots: [...roots], missing };
}

async function walk(folder: string, add: (path: string) => void, isExcluded: (p: string) => boolean): Promise<void> {
  if (isExcluded(folder)) return;
  const entries = await readdir(folder, { withFileTypes: true });
  entries.sort((a, b) => (a.name < b.name ? -1 : 1));
  for (const entry of entries) {
    const path = join(folder, entry.name);
    if (entry.isDirectory()) {
      if (!SKIPPED_FOLDERS.has(entry.name)) await walk(path, add, isExcluded);
    } else if (entry.name.endsWith('.md')) {
      if (entry.isFile()) add(path);
      else if (entry.isSymbolicLink() && (await lstat(path).then(() => stat(path)).catch(() => undefined))?.isFile()) add(path);
    }
  }
}
