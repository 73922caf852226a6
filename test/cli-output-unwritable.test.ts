import fs from 'node:fs';
import { readdir } from 'node:fs/promises';
import { withFileSystem } from './helpers/builtins.js';
import { describe, expect, it } from 'vitest';
import { NOW, release, runMain, useProjects, type CliResult } from './helpers/cli.js';

/*
 * An output folder in a folder the user cannot write to (`--out /var/www/press`
 * for a CI user, a read-only mount): the build's lock file, made beside the
 * output folder, cannot be created. That is the command's mistake, said as
 * one (exit 2, what and why, a hint), not an internal error that asks for a
 * bug report. The tests run as root, for whom permissions are no obstacle,
 * so the lock's creation is made to fail as it does for another user.
 */

/** Runs the CLI in this process with the creation of any lock file failing with `code`, through Node's own builtin-module synchronisation. */
async function withLockRefused(code: string, args: string[], cwd: string): Promise<CliResult> {
  const open = fs.promises.open;
  const refusing = ((path: Parameters<typeof open>[0], ...rest: [never]) => {
    if (String(path).endsWith('.migration-news-lock')) {
      return Promise.reject(Object.assign(new Error(`${code}: refused, open '${String(path)}'`), { code, syscall: 'open' }));
    }
    return open(path, ...rest);
  }) as typeof open;
  return withFileSystem({ promises: { open: refusing } }, () => runMain(args, { cwd }));
}

describe('a build whose output folder lies in a folder it cannot write to', () => {
  const project = useProjects();

  for (const [code, words] of [['EACCES', 'permission denied'], ['EROFS', 'read-only file system']] as const) {
    it(`says so (${code}), exit 2, without calling it a bug`, async () => {
      const dir = await project({ 'r/a.md': release() });
      const result = await withLockRefused(code, ['build', 'r', '--out', 'site/dist', '--now', NOW, '--reporter', 'json'], dir);
      expect(result.code).toBe(2);
      expect(result.stdout).toBe('');
      expect(result.stderr).not.toContain('internal error');
      expect(result.stderr).not.toContain('bug');
      expect(result.stderr).toContain(`migration-news: Cannot build: cannot make the lock file site/.dist.migration-news-lock beside the output folder (${code}`);
      expect(result.stderr).toContain(words);
      expect(result.stderr).toContain('hint: Choose an output folder in a folder you can write to');
      expect(await readdir(dir)).not.toContain('site');
    });
  }

  it('says what the system said of a lock file it cannot make for another reason (a name too long), without the advice on permissions', async () => {
    const dir = await project({ 'r/a.md': release() });
    const result = await withLockRefused('ENAMETOOLONG', ['build', 'r', '--out', 'site/dist', '--now', NOW], dir);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe('migration-news: Cannot build: cannot make the lock file site/.dist.migration-news-lock beside the output folder (ENAMETOOLONG: the name is too long).\nhint: Choose another output folder, such as --out dist.\n');
  });
});
