import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { runMain, useProjects } from './helpers/cli.js';
import { hashTree } from './helpers/hostile.js';
import { configFile, editArbitrary, Newsroom } from './helpers/newsroom-edits.js';

/**
 * An incremental build writes what a fresh build of the same files writes,
 * whatever the edits between builds: a property over sequences of the edits
 * a newsroom makes (a status or embargo changed, a translation added, moved
 * to another language or given another id, a slug, tag, date or alias
 * changed, a release deleted, the clock moved, the config or a template of
 * the project changed, a build of other formats). After each edit the same
 * project is built into the folder of the builds before (incremental) and
 * into a new folder (fresh); both end alike, and when they succeed their
 * files are the same bytes, and none holds the title of a release that is
 * not public at `--now`.
 */

describe('an incremental build', () => {
  const project = useProjects();

  it('writes the same files as a fresh build after any sequence of edits, with no trace of a release that is not public', async () => {
    await fc.assert(fc.asyncProperty(fc.array(editArbitrary(), { minLength: 4, maxLength: 7 }), async (edits) => {
      const dir = await project({ 'migration-news.config.yaml': configFile(0) });
      const newsroom = new Newsroom(dir);
      for (const edit of edits) {
        await newsroom.apply(edit);
        const args = ['build', ...newsroom.folders, '--now', newsroom.now, '--format', newsroom.formats];
        const incremental = await runMain([...args, '--out', 'out'], { cwd: dir, env: newsroom.recording });
        await rm(join(dir, 'fresh'), { recursive: true, force: true });
        const fresh = await runMain([...args, '--out', 'fresh'], { cwd: dir });
        expect(incremental.code, `${JSON.stringify(edit)}\n${incremental.stderr}`).toBe(fresh.code);
        if (fresh.code !== 0) continue;
        const written = await hashTree(join(dir, 'fresh'));
        expect(await hashTree(join(dir, 'out')), JSON.stringify(edit)).toEqual(written);
        expect(await newsroom.leaks(join(dir, 'fresh'), Object.keys(written))).toEqual([]);
      }
      // The record is kept and read: built again as it is, the pages of every release are left as they are.
      const again = await runMain(['build', ...newsroom.folders, '--now', newsroom.now, '--format', newsroom.formats, '--out', 'out'], { cwd: dir, env: newsroom.recording });
      if (again.code === 0) expect(again.stdout).toMatch(/\(\d+ releases? already up to date\)/);
    }), { numRuns: 4 });
  });
});
