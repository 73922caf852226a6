import fs from 'node:fs';
import { withFileSystem } from './helpers/builtins.js';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { release, runMain, useProjects, type CliResult } from './helpers/cli.js';

/*
 * `validate --fix` on a folder that holds a file this user cannot read
 * (another user's, mode 600): the file is left to the check, which reports
 * it as `file/unreadable`, and the other files are fixed; the run is no
 * internal error. The tests run as root, who reads every file, so reading
 * it is made to fail as it does for another user.
 */

/** Runs the CLI in this process with every way of opening the file `denied` failing with EACCES, through Node's own builtin-module synchronisation. */
async function withUnreadable(denied: string, args: string[], cwd: string): Promise<CliResult> {
  const refused = (path: unknown) => Object.assign(new Error(`EACCES: permission denied, open '${String(path)}'`), { code: 'EACCES', syscall: 'open' });
  const { readFile, open } = fs.promises;
  const { openSync } = fs;
  return withFileSystem({
    promises: {
      readFile: ((path: Parameters<typeof readFile>[0], ...rest: [never]) => (String(path) === denied ? Promise.reject(refused(path)) : readFile(path, ...rest))) as typeof readFile,
      open: ((path: Parameters<typeof open>[0], ...rest: [never]) => (String(path) === denied ? Promise.reject(refused(path)) : open(path, ...rest))) as typeof open,
    },
    fs: {
      openSync: ((path: Parameters<typeof openSync>[0], ...rest: [never]) => {
        if (String(path) === denied) throw refused(path);
        return openSync(path, ...rest);
      }) as typeof openSync,
    },
  }, () => runMain(args, { cwd }));
}

describe('validate --fix beside a file it cannot read', () => {
  const project = useProjects();

  it('fixes the others and reports the unreadable file as the check does, without an internal error', async () => {
    const dir = await project({
      'r/locked.md': release({ title: 'Locked\u200b away' }),
      'r/open.md': release({ title: 'Open\u200b centre' }),
    });
    const result = await withUnreadable(join(dir, 'r/locked.md'), ['validate', '--fix', 'r'], dir);
    expect(result.stderr).not.toContain('internal error');
    expect(result.stderr).toContain('Removed or replaced 1 invisible character in 1 file: r/open.md.');
    expect(result.stdout).toContain('file/unreadable');
    expect(result.code).toBe(1);
    expect(await fs.promises.readFile(join(dir, 'r/open.md'), 'utf8')).toContain('title: Open centre');
    expect(await fs.promises.readFile(join(dir, 'r/locked.md'), 'utf8')).toContain('title: Locked\u200b away');
  });
});
