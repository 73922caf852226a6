import { readdir } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { NOW, release, runMain, useProjects } from './helpers/cli.js';

/**
 * The `build` object of `build --reporter json`, read as a script reads it:
 * every key the README documents is there (`null` when it does not apply),
 * and every name in it is the name on disk, JSON-escaped and nothing more.
 */
interface BuildReport {
  build: {
    out: string;
    unlisted: Record<string, unknown>[];
  };
}

const project = useProjects();

describe('the JSON report of a build', () => {
  it('gives every unlisted release a `page` key, null when no HTML page was written', async () => {
    const dir = await project({
      'r/draft.md': release({ title: 'Draft release', status: 'draft' }),
      'r/e.md': release({ title: 'Quota for 2027', status: 'approved', embargo: '2027-03-01T09:00:00+04:00' }),
    });
    const text = await runMain(['build', 'r', '--drafts', '--out', 'preview', '--format', 'text,json', '--reporter', 'json', '--now', NOW], { cwd: dir });
    expect(text.code, text.stderr).toBe(0);
    const unlisted = (JSON.parse(text.stdout) as BuildReport).build.unlisted;
    expect(unlisted).toEqual([
      { file: 'r/draft.md', reason: 'draft', page: null },
      { file: 'r/e.md', reason: 'embargoed', page: null },
    ]);
    // The same keys, in the same order, as when the page is there.
    const html = await runMain(['build', 'r', '--drafts', '--out', 'html', '--reporter', 'json', '--now', NOW], { cwd: dir });
    const withPages = (JSON.parse(html.stdout) as BuildReport).build.unlisted;
    expect(withPages.map((u) => Object.keys(u))).toEqual(unlisted.map((u) => Object.keys(u)));
    expect(withPages.map((u) => u.page)).toEqual(['en/draft-release.html', 'en/quota-for-2027.html']);
  });

  it('names the output folder in `build.out` as it is called, as `file` paths are named, even with a tab or a bidirectional override in it', async () => {
    const dir = await project({ 'r/a.md': release({ title: 'Centre opens' }) });
    for (const out of ['out\tdir', 'out\u202Edir']) {
      const result = await runMain(['build', 'r', '--out', out, '--format', 'text', '--reporter', 'json', '--now', NOW], { cwd: dir });
      expect(result.code, result.stderr).toBe(0);
      expect((JSON.parse(result.stdout) as BuildReport).build.out).toBe(out);
      expect(await readdir(dir)).toContain(out);
      // The JSON text itself stays safe to show in a terminal: the override is a \u escape there, not the character.
      expect(result.stdout).not.toMatch(/[\t\u202E]/);
      // The summary line, for people, still shows it escaped.
      expect(result.stderr).toContain(out === 'out\tdir' ? 'out\\u0009dir' : 'out\\u202Edir');
    }
  });
});
