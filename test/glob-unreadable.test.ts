import { describe, expect, it, vi } from 'vitest';
import { NOW, release, runMain, useProjects } from './helpers/cli.js';

/*
 * A folder a glob reaches into that cannot be read (no permission) is an error at the folder, as it is when a folder named
 * on the command line is searched: its releases would otherwise be missing from the check, and from a build, without a
 * word. Tests may run as root, whom permissions do not stop, so reading a folder named `locked` is made to fail, for this
 * tool and for the glob library alike.
 */

const LOCKED = /[/\\]locked(?:[/\\]|$)/;

vi.mock('node:fs/promises', async (importOriginal) => {
  const actual = await importOriginal<typeof import('node:fs/promises')>();
  const readdir = ((path: string, options: never) => (LOCKED.test(String(path))
    ? Promise.reject(Object.assign(new Error(`EACCES: permission denied, scandir '${String(path)}'`), { code: 'EACCES' }))
    : actual.readdir(path, options))) as typeof actual.readdir;
  return { ...actual, readdir, default: { ...actual, readdir } };
});

vi.mock('tinyglobby', async (importOriginal) => {
  const actual = await importOriginal<typeof import('tinyglobby')>();
  // As the library does with a folder it cannot read: it passes over it.
  const glob = (async (...args: Parameters<typeof actual.glob>) => (await actual.glob(...args)).filter((path) => !LOCKED.test(path))) as typeof actual.glob;
  return { ...actual, glob };
});

const project = useProjects();

describe('a glob over a folder that cannot be read', () => {
  it.each(['r/**/*.md', 'r/*/b.md', '**/*.md'])('%s: an error at the folder, exit 1', async (glob) => {
    const dir = await project({ 'r/en/a.md': release({ title: 'One' }), 'r/locked/b.md': release({ title: 'Two' }) });
    const result = await runMain(['validate', glob, '--reporter', 'json', '--now', NOW], { cwd: dir });
    expect(result.code).toBe(1);
    const diagnostics = (JSON.parse(result.stdout) as { diagnostics: { file: string; ruleId: string; message: string }[] }).diagnostics;
    expect(diagnostics.map((d) => [d.file, d.ruleId, d.message])).toEqual([['r/locked', 'file/unreadable', 'The folder cannot be read (EACCES: permission denied); the releases in it are not checked.']]);
  });

  it('is not looked at when the glob cannot reach into it', async () => {
    const dir = await project({ 'r/en/a.md': release({ title: 'One' }), 'r/en/locked/b.md': release({ title: 'Two' }) });
    const result = await runMain(['validate', 'r/en/*.md', '--now', NOW], { cwd: dir });
    expect(result.code).toBe(0);
    expect(result.stdout).toBe('No problems in 1 file.\n');
  });
});
