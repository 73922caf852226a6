import { execFileSync } from 'node:child_process';
import { readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { recoverOutputFolder } from '../src/io/output.js';
import { NOW, fixture, release, removeFixture, runMain, useProjects } from './helpers/cli.js';
import { hashTree, listTree, MANIFEST } from './helpers/hostile.js';
import { png } from './helpers/images.js';
import { withFailingRename } from './helpers/failing-rename.js';

/**
 * A build whose outputs turn a path from a file into a folder, or a folder
 * into a file: the earlier build's outputs in the way go first, within the
 * same all-or-nothing commit, whether it swaps the folder or updates it in
 * place; a file the build does not own in the way stops it, nothing changed.
 */

const project = useProjects();
const CONFIG = 'languages: [en]\ntimezone: Asia/Baku\nsite:\n  url: https://press.example.gov/\n';

/**
 * Releases nobody edits: with them, a change of a few files is made in place (an update), without them the folder is swapped.
 * `FILLERS` of them are enough for the changes below (a folder updated in place changes at most half its files): the tests that
 * update in place say that the folder is the same one.
 */
const FILLERS = 12;

function filler(count: number): Record<string, string> {
  const files: Record<string, string> = {};
  for (let i = 0; i < count; i++) files[`r/filler-${i}.md`] = release({ id: `filler-${i}`, slug: `filler-${i}`, title: `Quarterly figures ${i}` });
  return files;
}

const build = (dir: string, out = 'out') => runMain(['build', 'r', '--out', out, '--now', NOW], { cwd: dir, env: { XDG_CACHE_HOME: join(dir, 'cache') } });

/** Every file of the folder with its bytes, the manifest among them: equal means byte for byte the same output. */
async function snapshot(out: string): Promise<Record<string, string>> {
  return { ...(await hashTree(out)), [MANIFEST]: await readFile(join(out, MANIFEST), 'utf8') };
}

/** Builds `dir` again into a fresh folder beside `out` and expects `out` to hold the very same files. */
async function expectFreshBuildEqual(dir: string): Promise<void> {
  await rm(join(dir, 'fresh'), { recursive: true, force: true });
  const fresh = await build(dir, 'fresh');
  expect(fresh.code, fresh.stdout + fresh.stderr).toBe(0);
  expect(await snapshot(join(dir, 'out'))).toEqual(await snapshot(join(dir, 'fresh')));
}

/** The first build, then the change that turns `en/alpha.json` (a stale file) into a folder holding a redirect page. */
const fileToFolder = {
  first: { 'r/alpha.md': release({ id: 'alpha', slug: 'alpha', title: 'Alpha' }), 'r/beta.md': release({ id: 'beta', slug: 'beta', title: 'Beta' }) },
  // Alpha's slug changes, so en/alpha.json is stale; beta takes its address as an old one, a folder with a redirect page.
  second: { 'r/alpha.md': release({ id: 'alpha', slug: 'alpha2', title: 'Alpha' }), 'r/beta.md': release({ id: 'beta', slug: 'beta', title: 'Beta', aliases: '\n  - /en/alpha.json/' }) },
};

/** The reverse: `en/gamma.html/` held only a redirect page, which goes, and gamma's page takes the name as a file. */
const folderToFile = {
  first: { 'r/gamma.md': release({ id: 'gamma', slug: 'gamma-old', title: 'Gamma' }), 'r/beta.md': release({ id: 'beta', slug: 'beta', title: 'Beta', aliases: '\n  - /en/gamma.html/' }) },
  second: { 'r/gamma.md': release({ id: 'gamma', slug: 'gamma', title: 'Gamma' }), 'r/beta.md': release({ id: 'beta', slug: 'beta', title: 'Beta' }) },
};

async function write(dir: string, files: Record<string, string | Buffer>): Promise<void> {
  for (const [path, content] of Object.entries(files)) await writeFile(join(dir, path), content);
}

describe('a path that turns from a file into a folder, or back, in one build', () => {
  for (const [name, count, method] of [['swapped', 0, 'a new folder'], ['updated in place', FILLERS, 'the same folder']] as const) {
    it(`is committed when the folder is ${name}, and holds what a fresh build writes`, async () => {
      for (const change of [fileToFolder, folderToFile]) {
        const dir = await project({ 'migration-news.config.yaml': CONFIG, ...filler(count), ...change.first });
        const first = await build(dir);
        expect(first.code, first.stdout + first.stderr).toBe(0);
        const before = (await stat(join(dir, 'out'))).ino;
        await write(dir, change.second);
        const second = await build(dir);
        expect(second.code, second.stdout + second.stderr).toBe(0);
        expect((await stat(join(dir, 'out'))).ino === before ? 'the same folder' : 'a new folder').toBe(method);
        await expectFreshBuildEqual(dir);
      }
    }, 60_000);
  }

  it('is committed file by file when the folder holds a named pipe, and holds what a build writes', async () => {
    for (const change of [fileToFolder, folderToFile]) {
      const dir = await project({ 'migration-news.config.yaml': CONFIG, ...change.first });
      expect((await build(dir)).code).toBe(0);
      // A pipe can be neither linked nor swapped with the folder: the files are moved in one at a time.
      execFileSync('mkfifo', [join(dir, 'out', 'pipe')]);
      await write(dir, change.second);
      const second = await build(dir);
      expect(second.code, second.stdout + second.stderr).toBe(0);
      await rm(join(dir, 'out', 'pipe'));
      await expectFreshBuildEqual(dir);
    }
  }, 60_000);

  it('takes a release\'s copied image away where a redirect page\'s folder now goes', async () => {
    const dir = await project({
      'migration-news.config.yaml': CONFIG,
      'r/alpha.md': release({ id: 'alpha', slug: 'alpha', title: 'Alpha' }, 'The hall.\n\n![Hall](hall.png)\n'),
      'r/beta.md': release({ id: 'beta', slug: 'beta', title: 'Beta' }),
    });
    await writeFile(join(dir, 'r/hall.png'), png(4, 4));
    expect((await build(dir)).code).toBe(0);
    expect(await listTree(join(dir, 'out'))).toContain('en/alpha/hall.png');
    await write(dir, {
      'r/alpha.md': release({ id: 'alpha', slug: 'alpha', title: 'Alpha' }, 'The hall is closed.\n'),
      'r/beta.md': release({ id: 'beta', slug: 'beta', title: 'Beta', aliases: '\n  - /en/alpha/hall.png/' }),
    });
    const second = await build(dir);
    expect(second.code, second.stdout + second.stderr).toBe(0);
    expect(await readFile(join(dir, 'out/en/alpha/hall.png/index.html'), 'utf8')).toContain('url=https://press.example.gov/en/beta.html"');
    await expectFreshBuildEqual(dir);
  });

  it('stops, nothing changed, when the folder in the way holds a file the user put there', async () => {
    for (const count of [0, FILLERS]) {
      const dir = await project({ 'migration-news.config.yaml': CONFIG, ...filler(count), ...folderToFile.first });
      expect((await build(dir)).code).toBe(0);
      await writeFile(join(dir, 'out/en/gamma.html/notes.txt'), 'my notes\n');
      const before = await snapshot(join(dir, 'out'));
      await write(dir, folderToFile.second);
      const second = await build(dir);
      expect(second.code, second.stdout).toBe(2);
      expect(second.stdout).toMatch(/refusing to replace the folder .*en\/gamma\.html with a file/);
      expect(await snapshot(join(dir, 'out'))).toEqual(before);
      expect((await readdir(dir)).filter((entry) => entry.includes('migration-news-staging'))).toEqual([]);
    }
  }, 60_000);
});

/** Runs a build in this process whose n-th `rename` in the output folder fails; the number of renames it made. */
async function buildFailingAt(dir: string, n: number): Promise<{ code: number | null; output: string; calls: number }> {
  const { result: run, calls } = await withFailingRename(join(dir, 'out'), n, () => build(dir));
  return { code: run.code, output: run.stdout + run.stderr, calls };
}

describe('an update in place that turns a path around, stopped part-way', () => {
  it('is put back unchanged at every step that fails, then finishes', async () => {
    for (const change of [fileToFolder, folderToFile]) {
      const dir = await project({ 'migration-news.config.yaml': CONFIG, ...filler(FILLERS), ...change.first });
      expect((await build(dir)).code).toBe(0);
      const before = await snapshot(join(dir, 'out'));
      const folder = (await stat(join(dir, 'out'))).ino;
      await write(dir, change.second);
      // Every rename of the commit fails in turn, the first (a stale file moved out of the way) to the last.
      for (let n = 1; ; n++) {
        const run = await buildFailingAt(dir, n);
        if (run.calls < n) {
          expect(run.code, run.output).toBe(0);
          // The build that finished updated the folder in place, as every one before it tried to.
          expect((await stat(join(dir, 'out'))).ino).toBe(folder);
          break;
        }
        expect(run.code, `rename ${n}: ${run.output}`).toBe(2);
        expect(run.output, `rename ${n}`).toMatch(/put back unchanged/);
        expect(await snapshot(join(dir, 'out')), `failure at rename ${n}`).toEqual(before);
      }
      await expectFreshBuildEqual(dir);
    }
  }, 120_000);

  it('is undone from its journal by the next build when killed after turning a folder into a file', async () => {
    const staging = '.out.migration-news-staging-999999-dead';
    // What the killed update did: the redirect page in en/gamma.html/ set aside, its folder removed, gamma's page put there.
    const dir = await fixture({
      'out/en/gamma.html': 'gamma\n',
      'out/en/kept.html': 'kept\n',
      [`${staging}/.replaced/en/gamma.html/index.html`]: 'redirect\n',
    });
    try {
      const journal = {
        files: [{ path: 'en/gamma.html', ino: (await stat(join(dir, 'out/en/gamma.html'))).ino, replaced: false }],
        removed: ['en/gamma.html/index.html'],
        folders: [],
        early: ['en/gamma.html/index.html'],
        emptied: ['en/gamma.html'],
      };
      await writeFile(join(dir, staging, '.update-journal.json'), JSON.stringify(journal));
      await recoverOutputFolder(join(dir, 'out'));
      expect(await listTree(join(dir, 'out'))).toEqual(['en/gamma.html/index.html', 'en/kept.html']);
      expect(await readFile(join(dir, 'out/en/gamma.html/index.html'), 'utf8')).toBe('redirect\n');
      expect((await readdir(dir)).filter((name) => name.includes('migration-news-'))).toEqual([]);
    } finally {
      await removeFixture(dir);
    }
  });
});
