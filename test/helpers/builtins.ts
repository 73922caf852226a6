import fs from 'node:fs';
import { syncBuiltinESMExports } from 'node:module';

/** Functions of `node:fs` and of `node:fs/promises` to stand in for the real ones. */
export interface FileSystemReplacements {
  fs?: Partial<typeof fs>;
  promises?: Partial<typeof fs.promises>;
}

/**
 * Runs `run` with functions of `node:fs` and `node:fs/promises` replaced (to fail as a full disk or a folder that cannot be
 * read does), through Node's own builtin-module synchronisation, so that the sources' named imports call them too: no module
 * mock, so the test runs beside the others on the sources already loaded. The real functions are put back after, failed or
 * not; a replacement that calls the real one takes it from `fs` before this is called.
 */
export async function withFileSystem<T>(replacements: FileSystemReplacements, run: () => Promise<T>): Promise<T> {
  const realFs = Object.fromEntries(Object.keys(replacements.fs ?? {}).map((name) => [name, fs[name as keyof typeof fs]]));
  const realPromises = Object.fromEntries(Object.keys(replacements.promises ?? {}).map((name) => [name, fs.promises[name as keyof typeof fs.promises]]));
  Object.assign(fs, replacements.fs);
  Object.assign(fs.promises, replacements.promises);
  syncBuiltinESMExports();
  try {
    return await run();
  } finally {
    Object.assign(fs, realFs);
    Object.assign(fs.promises, realPromises);
    syncBuiltinESMExports();
  }
}
