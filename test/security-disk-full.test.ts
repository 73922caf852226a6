import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import { lstat, mkdir, readdir, readFile } from 'node:fs/promises';
import { withFileSystem } from './helpers/builtins.js';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { NOW, release, runMain, useProjects } from './helpers/cli.js';
import { STACK_LINE } from './helpers/hostile.js';
import { systemErrorText, systemErrorWords } from '../src/io/system-errors.js';

/**
 * A full disk while staging is the machine's state, not a bug: an
 * `output/write` diagnostic that names the staging folder, with the rest of
 * the report still printed and the previous output untouched. The build runs
 * through `main()` in this process with a file system that fails for writes
 * into staging folders only (patched for the run, through Node's own
 * builtin-module synchronisation, so no test-runner mocking is involved): a
 * failed write leaves the process running, so it needs no child process of
 * its own (test/subprocess.test.ts holds the binary to `main()`).
 */

const staged = (path: unknown) => String(path).includes('.migration-news-staging-');

/** Builds `rel` into `out` with every write into a staging folder failing with `code`: both ways the build may write, the synchronous writes of staged pages and the promise-based ones. */
function buildFailingWith(dir: string, code: string) {
  const full = () => Object.assign(new Error(`${code}: the write failed`), { code, syscall: 'write' });
  const { writeFileSync } = fs;
  const { writeFile } = fs.promises;
  return withFileSystem({
    fs: {
      writeFileSync: ((path: fs.PathOrFileDescriptor, ...rest: unknown[]) => {
        if (staged(path)) throw full();
        return (writeFileSync as (...args: unknown[]) => void)(path, ...rest);
      }) as typeof fs.writeFileSync,
    },
    promises: { writeFile: ((path: unknown, ...rest: unknown[]) => (staged(path) ? Promise.reject(full()) : (writeFile as (...args: unknown[]) => Promise<void>)(path, ...rest))) as typeof fs.promises.writeFile },
  }, () => runMain(['build', 'rel', '--out', 'out', '--timings', '--now', NOW], { cwd: dir }));
}

/** Builds `rel` into `out` with every rename of a staged file into the output folder failing with EIO from the `failFrom`-th on. */
function buildFailingMoves(dir: string, failFrom: number) {
  const intoPlace = (from: unknown, to: unknown) => staged(from) && !staged(to) && !String(to).endsWith('.migration-news-manifest.json');
  const { rename } = fs.promises;
  let moves = 0;
  const failing: typeof rename = (from, to) => (intoPlace(from, to) && ++moves >= failFrom ? Promise.reject(Object.assign(new Error('EIO: i/o error, rename'), { code: 'EIO', syscall: 'rename' })) : rename(from, to));
  return withFileSystem({ promises: { rename: failing } }, () => runMain(['build', 'rel', '--out', 'out', '--now', NOW], { cwd: dir }));
}

const projects = useProjects();

describe('a full disk while staging', () => {
  it('is an output/write error naming the staging folder; the report is printed and the output kept', async () => {
    const dir = await projects({ 'rel/a.md': release(), 'rel/b.md': release({ slug: 'warned', summary: 'x'.repeat(200) }), 'out/old.html': 'previous build\n' });
    const result = await buildFailingWith(dir, 'ENOSPC');
    expect(result.stderr).not.toMatch(/internal error|This is a bug/);
    expect(result.stderr).not.toMatch(STACK_LINE);
    expect(result.stdout, result.stderr).toMatch(/output\/write/);
    expect(result.stdout).toMatch(/\.migration-news-staging-\S+ \(ENOSPC: the disk is full\)/);
    // The other problems of the run are still reported.
    expect(result.stdout).toMatch(/content\/summary-length/);
    expect(result.code).not.toBe(0);
    // The build stopped while it wrote the releases: its timings end with that phase.
    expect(result.stdout).toMatch(/^Timings: prepare (?:\d+ ms|[\d.]+ s), check (?:\d+ ms|[\d.]+ s), plan (?:\d+ ms|[\d.]+ s), render (?:\d+ ms|[\d.]+ s); (?:\d+ ms|[\d.]+ s) in all, on one thread\.$/m);
    expect(await readFile(join(dir, 'out', 'old.html'), 'utf8')).toBe('previous build\n');
  });

  it('says what a used-up quota means, at the file, and keeps the output', async () => {
    const dir = await projects({ 'rel/a.md': release(), 'out/old.html': 'previous build\n' });
    const result = await buildFailingWith(dir, 'EDQUOT');
    expect(result.stderr).not.toMatch(STACK_LINE);
    expect(result.stdout, result.stderr).toMatch(/\.migration-news-staging-\S+ \(EDQUOT: the disk quota is used up\)\.\s+output\/write$/m);
    expect(result.code).not.toBe(0);
    expect(await readFile(join(dir, 'out', 'old.html'), 'utf8')).toBe('previous build\n');
  });
});

describe('a first build that stops part-way, file by file', () => {
  it('leaves a folder the next build owns and finishes', async () => {
    const dir = await projects({ 'rel/a.md': release(), 'rel/b.md': release({ slug: 'second', title: 'Another release' }) });
    await mkdir(join(dir, 'out'));
    // A named pipe in the folder cannot be copied, so the commit goes file by file.
    execFileSync('mkfifo', [join(dir, 'out', 'pipe')]);
    const failed = await buildFailingMoves(dir, 2);
    expect(failed.code).toBe(2);
    expect(failed.stdout + failed.stderr).toMatch(/\(EIO on rename: an input\/output error\); 1 of \d+ changes were already made/);
    // The next build, with nothing of it made to fail.
    const next = await runMain(['build', 'rel', '--out', 'out', '--now', NOW], { cwd: dir });
    expect(next.code, next.stdout + next.stderr).toBe(0);
    expect(await readFile(join(dir, 'out/en/second.html'), 'utf8')).toMatch(/Another release/);
    expect((await lstat(join(dir, 'out', 'pipe'))).isFIFO()).toBe(true);
  });

  it('puts the folder back as it was when not one file moved', async () => {
    const dir = await projects({ 'rel/a.md': release() });
    await mkdir(join(dir, 'out'));
    execFileSync('mkfifo', [join(dir, 'out', 'pipe')]);
    const failed = await buildFailingMoves(dir, 1);
    expect(failed.code).toBe(2);
    expect(failed.stdout + failed.stderr).toMatch(/nothing in it was changed/);
    // The manifest written ahead of the moves is gone again: no file in the folder but the pipe (folders made for the moves may stay, empty).
    const entries = await readdir(join(dir, 'out'), { recursive: true, withFileTypes: true });
    expect(entries.filter((e) => !e.isDirectory()).map((e) => e.name)).toEqual(['pipe']);
  });
});

describe('system errors in messages', () => {
  it('give the code, then what a common one means; an unknown code alone; an error without a code its fallback', () => {
    const error = (code: string) => Object.assign(new Error(`${code}: failed`), { code });
    expect(systemErrorText(error('EACCES'))).toBe('EACCES: permission denied');
    expect(systemErrorText(error('EROFS'))).toBe('EROFS: a read-only file system');
    expect(systemErrorText(error('EMFILE'))).toBe('EMFILE: too many open files');
    expect(systemErrorText(error('EWHATEVER'))).toBe('EWHATEVER');
    expect(systemErrorText(new Error('plain'), 'error')).toBe('error');
    expect(systemErrorText(new Error('plain'))).toBe('Error: plain');
    // Only the table's own codes: not what every object inherits.
    expect(systemErrorWords('toString')).toBeUndefined();
    // A code that means something else for one call.
    expect(systemErrorText(Object.assign(new Error('EEXIST'), { code: 'EEXIST', syscall: 'mkdir' }))).toBe('EEXIST: a file is where a folder should be');
    expect(systemErrorText(Object.assign(new Error('EEXIST'), { code: 'EEXIST', syscall: 'copyfile' }))).toBe('EEXIST: something is already there');
    expect(systemErrorWords('constructor')).toBeUndefined();
  });
});
