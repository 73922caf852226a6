import fs from 'node:fs';
import { withFileSystem } from './helpers/builtins.js';
import { describe, expect, it } from 'vitest';
import { NOW, release, runMain, useProjects, type CliResult } from './helpers/cli.js';

/*
 * A folder a glob reaches into that cannot be read (no permission) is an error at the folder, as it is when a folder named
 * on the command line is searched: its releases would otherwise be missing from the check, and from a build, without a
 * word. Tests may run as root, whom permissions do not stop, so reading a folder named `locked` is made to fail, for this
 * tool and for the glob library alike (which passes over it), through Node's builtin-module synchronisation.
 */

const LOCKED = /[/\\]locked(?:[/\\]|$)/;

/** Runs the CLI in this process with every folder named `locked` unreadable. */
async function runLocked(args: string[], cwd: string): Promise<CliResult> {
  const { readdir } = fs;
  const readdirPromise = fs.promises.readdir;
  const refused = (path: unknown) => Object.assign(new Error(`EACCES: permission denied, scandir '${String(path)}'`), { code: 'EACCES' });
  return withFileSystem({
    fs: {
      readdir: ((path: fs.PathLike, ...rest: unknown[]) => {
        if (!LOCKED.test(String(path))) return (readdir as (...a: unknown[]) => void)(path, ...rest);
        const callback = rest.at(-1) as (error: Error) => void;
        process.nextTick(() => callback(refused(path)));
      }) as typeof fs.readdir,
    },
    promises: { readdir: ((path: fs.PathLike, options: never) => (LOCKED.test(String(path)) ? Promise.reject(refused(path)) : readdirPromise(path, options))) as typeof readdirPromise },
  }, () => runMain(args, { cwd }));
}

const project = useProjects();

describe('a glob over a folder that cannot be read', () => {
  it.each(['r/**/*.md', 'r/*/b.md', '**/*.md'])('%s: an error at the folder, exit 1', async (glob) => {
    const dir = await project({ 'r/en/a.md': release({ title: 'One' }), 'r/locked/b.md': release({ title: 'Two' }) });
    const result = await runLocked(['validate', glob, '--reporter', 'json', '--now', NOW], dir);
    expect(result.code).toBe(1);
    const diagnostics = (JSON.parse(result.stdout) as { diagnostics: { file: string; ruleId: string; message: string }[] }).diagnostics;
    expect(diagnostics.map((d) => [d.file, d.ruleId, d.message])).toEqual([['r/locked', 'file/unreadable', 'The folder cannot be read (EACCES: permission denied); the releases in it are not checked.']]);
  });

  it('is not looked at when the glob cannot reach into it', async () => {
    const dir = await project({ 'r/en/a.md': release({ title: 'One' }), 'r/en/locked/b.md': release({ title: 'Two' }) });
    const result = await runLocked(['validate', 'r/en/*.md', '--now', NOW], dir);
    expect(result.code).toBe(0);
    expect(result.stdout).toBe('No problems in 1 file.\n');
  });
});
