import fs from 'node:fs';
import { withFileSystem } from './builtins.js';
import { runMain, type CliResult } from './cli.js';

/**
 * Runs the CLI in this process with every write into a file whose path holds one of `full` failing as on a full disk (ENOSPC),
 * after the file was made: through `writeFile` of `node:fs/promises` and through a `FileHandle` it opens (`withFileSystem`). A full disk leaves the process running, so it needs no process of its own.
 */
export async function runWithFullDisk(args: string[], cwd: string, full: readonly string[]): Promise<CliResult> {
  const { writeFile: write, open } = fs.promises;
  const hit = (path: unknown) => full.some((part) => String(path).includes(part));
  const noSpace = () => Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC', syscall: 'write' });
  const writeFile = (async (path: Parameters<typeof write>[0], data: Parameters<typeof write>[1], options?: Parameters<typeof write>[2]) => {
    if (!hit(path)) return write(path, data, options);
    // As a full disk does: the file is made, then the write fails.
    await write(path, '', options);
    throw noSpace();
  }) as typeof write;
  const opened = (async (path: Parameters<typeof open>[0], ...rest: [never]) => {
    const handle = await open(path, ...rest);
    if (hit(path)) handle.writeFile = () => Promise.reject(noSpace());
    return handle;
  }) as typeof open;
  return withFileSystem({ promises: { writeFile, open: opened } }, () => runMain(args, { cwd }));
}
