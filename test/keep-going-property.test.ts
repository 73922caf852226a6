import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { runMain, useProjects } from './helpers/cli.js';
import { hashTree } from './helpers/hostile.js';
import { brokenLinks } from './helpers/links.js';
import { configFile, editArbitrary, Newsroom, SITE_URLS } from './helpers/newsroom-edits.js';

/**
 * `build --keep-going` into the folder of the builds before, after any
 * sequence of the edits a newsroom makes (those of
 * incremental-property.test.ts, a config without `site.url` among them)
 * and of files broken past building (a body error, a front matter YAML
 * cannot read), some of which keep their earlier pages: the folder never
 * links to a file it does not hold (pages, feeds, sitemaps, releases.json,
 * redirects), and no file in it holds the title of a release that is not
 * public at `--now`.
 */

describe('build --keep-going into the same folder', () => {
  const project = useProjects();

  it('keeps no broken link and no trace of a release that is not public, whatever fails', async () => {
    await fc.assert(fc.asyncProperty(fc.array(editArbitrary({ breaks: true }), { minLength: 4, maxLength: 7 }), async (edits) => {
      const dir = await project({ 'migration-news.config.yaml': configFile(0) });
      const newsroom = new Newsroom(dir);
      for (const edit of edits) {
        await newsroom.apply(edit);
        const args = ['build', ...newsroom.folders, '--now', newsroom.now, '--format', newsroom.formats, '--keep-going'];
        const incremental = await runMain([...args, '--out', 'out'], { cwd: dir, env: newsroom.recording });
        if (incremental.code === 2) throw new Error(incremental.stderr + incremental.stdout);
        if ((await readdir(join(dir, 'out')).catch(() => [])).length === 0) continue;
        const files = Object.keys(await hashTree(join(dir, 'out'))).filter((file) => !file.startsWith('.'));
        expect(await brokenLinks(join(dir, 'out'), SITE_URLS), `${JSON.stringify(edits)}\n${incremental.stdout}`).toEqual([]);
        expect(await newsroom.leaks(join(dir, 'out'), files), `${JSON.stringify(edits)}\n${incremental.stdout}`).toEqual([]);
      }
    }), { numRuns: 4 });
  });
});
