import { readFile as realReadFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { release, runMain, useProjects } from './helpers/cli.js';

/*
 * `validate --fix` on a folder that holds a file this user cannot read
 * (another user's, mode 600): the file is left to the check, which reports
 * it as `file/unreadable`, and the other files are fixed; the run is no
 * internal error. The tests run as root, who reads every file, so reading
 * it is made to fail as it does for another user.
 */

const fail = vi.hoisted(() => ({ path: '' }));

vi.mock('node:fs/promises', async (importOriginal) => {
  const actual = await importOriginal<typeof import('node:fs/promises')>();
  const denied = (path: unknown) => Object.assign(new Error(`EACCES: permission denied, open '${String(path)}'`), { code: 'EACCES', syscall: 'open' });
  const readFile = ((path: Parameters<typeof actual.readFile>[0], ...rest: [never]) =>
    fail.path && String(path) === fail.path ? Promise.reject(denied(path)) : actual.readFile(path, ...rest)) as typeof actual.readFile;
  const open = ((path: Parameters<typeof actual.open>[0], ...rest: [never]) =>
    fail.path && String(path) === fail.path ? Promise.reject(denied(path)) : actual.open(path, ...rest)) as typeof actual.open;
  return { ...actual, readFile, open, default: { ...actual, readFile, open } };
});

vi.mock('node:fs', async (importOriginal) => {
  const actual = await importOriginal<typeof import('node:fs')>();
  const openSync = ((path: Parameters<typeof actual.openSync>[0], ...rest: [never]) => {
    if (fail.path && String(path) === fail.path) throw Object.assign(new Error(`EACCES: permission denied, open '${String(path)}'`), { code: 'EACCES', syscall: 'open' });
    return actual.openSync(path, ...rest);
  }) as typeof actual.openSync;
  return { ...actual, openSync, default: { ...actual, openSync } };
});

describe('validate --fix beside a file it cannot read', () => {
  const project = useProjects();

  it('fixes the others and reports the unreadable file as the check does, without an internal error', async () => {
    const dir = await project({
      'r/locked.md': release({ title: 'Locked\u200b away' }),
      'r/open.md': release({ title: 'Open\u200b centre' }),
    });
    fail.path = join(dir, 'r/locked.md');
    try {
      const result = await runMain(['validate', '--fix', 'r'], { cwd: dir });
      expect(result.stderr).not.toContain('internal error');
      expect(result.stderr).toContain('Removed or replaced 1 invisible character in 1 file: r/open.md.');
      expect(result.stdout).toContain('file/unreadable');
      expect(result.code).toBe(1);
    } finally {
      fail.path = '';
    }
    expect(await realReadFile(join(dir, 'r/open.md'), 'utf8')).toContain('title: Open centre');
    expect(await realReadFile(join(dir, 'r/locked.md'), 'utf8')).toContain('title: Locked\u200b away');
  });
});
