import type * as fsp from 'node:fs/promises';
import { readdir } from 'node:fs/promises';
import { describe, expect, it, vi } from 'vitest';
import { NOW, release, runMain, useProjects } from './helpers/cli.js';

/*
 * An output folder in a folder the user cannot write to (`--out /var/www/press`
 * for a CI user, a read-only mount): the build's lock file, made beside the
 * output folder, cannot be created. That is the command's mistake, said as
 * one (exit 2, what and why, a hint), not an internal error that asks for a
 * bug report. The tests run as root, for whom permissions are no obstacle,
 * so the lock's creation is made to fail as it does for another user.
 */

const fail = vi.hoisted(() => ({ code: '' }));

vi.mock('node:fs/promises', async (importOriginal) => {
  const actual = await importOriginal<typeof import('node:fs/promises')>();
  const open = ((path: Parameters<typeof fsp.open>[0], ...rest: [never]) => {
    if (fail.code && String(path).endsWith('.migration-news-lock')) {
      return Promise.reject(Object.assign(new Error(`${fail.code}: refused, open '${String(path)}'`), { code: fail.code, syscall: 'open' }));
    }
    return actual.open(path, ...rest);
  }) as typeof fsp.open;
  return { ...actual, open, default: { ...actual, open } };
});

describe('a build whose output folder lies in a folder it cannot write to', () => {
  const project = useProjects();

  for (const [code, words] of [['EACCES', 'permission denied'], ['EROFS', 'read-only file system']] as const) {
    it(`says so (${code}), exit 2, without calling it a bug`, async () => {
      const dir = await project({ 'r/a.md': release() });
      fail.code = code;
      try {
        const result = await runMain(['build', 'r', '--out', 'site/dist', '--now', NOW, '--reporter', 'json'], { cwd: dir });
        expect(result.code).toBe(2);
        expect(result.stdout).toBe('');
        expect(result.stderr).not.toContain('internal error');
        expect(result.stderr).not.toContain('bug');
        expect(result.stderr).toContain(`migration-news: Cannot build: cannot make the lock file site/.dist.migration-news-lock beside the output folder (${code}`);
        expect(result.stderr).toContain(words);
        expect(result.stderr).toContain('hint: Choose an output folder in a folder you can write to');
      } finally {
        fail.code = '';
      }
      expect(await readdir(dir)).not.toContain('site');
    });
  }

  it('says what the system said of a lock file it cannot make for another reason (a name too long), without the advice on permissions', async () => {
    const dir = await project({ 'r/a.md': release() });
    fail.code = 'ENAMETOOLONG';
    try {
      const result = await runMain(['build', 'r', '--out', 'site/dist', '--now', NOW], { cwd: dir });
      expect(result.code).toBe(2);
      expect(result.stderr).toBe('migration-news: Cannot build: cannot make the lock file site/.dist.migration-news-lock beside the output folder (ENAMETOOLONG: the name is too long).\nhint: Choose another output folder, such as --out dist.\n');
    } finally {
      fail.code = '';
    }
  });
});
