import { lstatSync, mkdirSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';

/**
 * A folder made with the folders above it that are missing, as `mkdir -p`
 * does, for a path a user named (`--out`, `--dir`, `--to`, the cache
 * folder). Node's own `mkdir(path, { recursive: true })` never returns where
 * the file system answers a folder's creation with "no such file" although
 * the folder above it is there (under `/proc` on Linux, Node 20): it makes
 * the folder above, finds it there, and tries again, for ever. This one
 * looks up to the nearest folder there is, then makes each missing one in
 * turn, so that such an answer is an error like any other. Synchronous: it
 * runs once for a command, or once for each file an import writes, a few
 * `stat`s each.
 */
export function makeFolder(path: string, mode?: number): void {
  const target = resolve(path);
  const missing: string[] = [];
  for (let at = target; ; at = dirname(at)) {
    let found;
    try {
      found = statSync(at);
    } catch (cause) {
      if (errorCode(cause) === 'ENOTDIR') throw inTheWay(target, '');
      if (errorCode(cause) !== 'ENOENT' || dirname(at) === at) throw cause;
      // A symbolic link to nothing: no folder can be made there, as Node's mkdir says.
      if (lstatSync(at, { throwIfNoEntry: false })) throw inTheWay(target, at);
    }
    if (found) {
      if (!found.isDirectory()) throw inTheWay(target, at);
      break;
    }
    missing.push(at);
  }
  for (const folder of missing.reverse()) {
    try {
      mkdirSync(folder, mode === undefined ? {} : { mode });
    } catch (cause) {
      if (errorCode(cause) !== 'EEXIST' || !statSync(folder).isDirectory()) throw cause;
    }
  }
}

const errorCode = (cause: unknown): unknown => (cause as NodeJS.ErrnoException | undefined)?.code;

/** The error Node's `mkdir -p` gives where something that is no folder stands at `at`: the path itself (EEXIST), or a folder above it (ENOTDIR). */
function inTheWay(target: string, at: string): NodeJS.ErrnoException {
  const [code, errno, words] = at === target ? ['EEXIST', -17, 'file already exists'] : ['ENOTDIR', -20, 'not a directory'];
  return Object.assign(new Error(`${code}: ${words}, mkdir '${target}'`), { code, errno, syscall: 'mkdir', path: target });
}
