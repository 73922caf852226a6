import { existsSync } from 'node:fs';
import { stat, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { makeFolder } from '../src/io/folders.js';
import { fixture, NOW, release, runMain } from './helpers/cli.js';

/** Linux's /proc answers the creation of a folder in it with "no such file", where Node 20's own recursive mkdir tries again for ever. */
const PROC = existsSync('/proc/self/status');
if (!PROC) console.warn('test/folders.test.ts: no /proc on this system; the tests of a folder that cannot be made there are skipped.');

describe('making the folders a user names', () => {
  it('makes a folder with the folders above it, keeps one that is there, and gives mkdir -p\'s errors where a file is in the way', async () => {
    const dir = await fixture({ 'file.txt': 'x' });
    makeFolder(join(dir, 'a/b/c'));
    makeFolder(join(dir, 'd/e'), 0o700);
    expect((await stat(join(dir, 'a/b/c'))).isDirectory()).toBe(true);
    expect((await stat(join(dir, 'd/e'))).mode & 0o777).toBe(0o700);
    makeFolder(join(dir, 'a/b'));
    makeFolder(join(dir, 'a'));
    expect(() => makeFolder(join(dir, 'file.txt'))).toThrow(expect.objectContaining({ code: 'EEXIST', syscall: 'mkdir' }));
    expect(() => makeFolder(join(dir, 'file.txt/x/y'))).toThrow(expect.objectContaining({ code: 'ENOTDIR', syscall: 'mkdir' }));
    // A symbolic link to nothing in the path, or at its end: a file in the way, as Node's mkdir says, not a missing folder to make.
    await symlink(join(dir, 'nowhere'), join(dir, 'dangling'));
    expect(() => makeFolder(join(dir, 'dangling/x/y'))).toThrow(expect.objectContaining({ code: 'ENOTDIR', syscall: 'mkdir' }));
    expect(() => makeFolder(join(dir, 'dangling'))).toThrow(expect.objectContaining({ code: 'EEXIST', syscall: 'mkdir' }));
    await writeFile(join(dir, 'a/b/c/kept.txt'), 'kept');
    makeFolder(join(dir, 'a/b/c'));
    expect(existsSync(join(dir, 'a/b/c/kept.txt'))).toBe(true);
  });

  it.skipIf(!PROC)('fails at once, as for any folder that cannot be made, where the system says the folder above is missing though it is there', () => {
    expect(() => makeFolder('/proc/migration-news-test/a')).toThrow(expect.objectContaining({ code: 'ENOENT' }));
    expect(() => makeFolder('/proc/migration-news-test')).toThrow(expect.objectContaining({ code: 'ENOENT' }));
  }, 10_000);

  it.skipIf(!PROC)('build, new and the build record name such a folder with the error, and hang on none', async () => {
    const dir = await fixture({ 'r/a.md': release() });
    const built = await runMain(['build', 'r', '--out', '/proc/migration-news-test/out', '--now', NOW], { cwd: dir });
    expect({ code: built.code, stderr: built.stderr }).toEqual({
      code: 2,
      stderr: 'migration-news: Cannot build: cannot prepare the output folder /proc/migration-news-test/out (ENOENT on mkdir: no such file or folder).\n'
        + 'hint: Choose an output folder that is, or can be, a folder of its own, such as --out dist.\n',
    });
    const started = await runMain(['new', 'Centre opens', '--lang', 'en', '--dir', '/proc/migration-news-test', '--date', '2026-11-28'], { cwd: dir });
    expect(started.code).toBe(2);
    expect(started.stderr).toContain('Cannot create the folder /proc/migration-news-test (ENOENT: no such file or folder).');
    // The record cannot be kept there: said after the summary, and the build is done all the same.
    const recorded = await runMain(['build', 'r', '--out', 'out', '--now', NOW], { cwd: dir, env: { XDG_CACHE_HOME: '/proc/migration-news-test' } });
    expect(recorded.code).toBe(0);
    expect(recorded.stdout + recorded.stderr).toContain('The build record could not be kept in /proc/migration-news-test/migration-news (ENOENT: no such file or folder)');
  }, 20_000);
});
