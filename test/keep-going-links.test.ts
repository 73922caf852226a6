import { cp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { NOW, release, runMain, useProjects } from './helpers/cli.js';
import { brokenLinks } from './helpers/links.js';

/**
 * `build --keep-going` keeps the earlier pages of a release whose file now
 * fails, and over successive builds into one folder the site never links to
 * a file the build did not write or removed.
 */

const project = useProjects();

const CONFIG = 'languages: [en, az]\nsite:\n  url: https://press.example.org\n';
/** A body error that leaves the front matter readable: the release is still public, and fails. */
const BROKEN_BODY = '[Apply](javascript:alert(1)) here.\n';

async function tree(dir: string): Promise<string[]> {
  return (await readdir(dir, { recursive: true })).map((p) => p.split('\\').join('/')).sort();
}

describe('build --keep-going with a release that fails', () => {
  it('takes down its earlier pages, not keeps them, when they link to a tag page or listing that only it had', async () => {
    const dir = await project({
      'migration-news.config.yaml': CONFIG,
      'r/a.md': release({ id: 'a', slug: 'a', title: 'Release A', tags: '[only-a, shared]', aliases: '[a-old]' }),
      'r/b.md': release({ id: 'b', slug: 'b', title: 'Release B', date: '2026-05-13', tags: '[shared]' }),
      'r/c.md': release({ id: 'c', slug: 'c', title: 'Release C', date: '2026-05-12', tags: '[shared]' }),
      'r/d.az.md': release({ id: 'd', slug: 'd', lang: 'az', title: 'Buraxılış D' }),
    });
    const build = (...extra: string[]) => runMain(['build', 'r', '--now', NOW, ...extra], { cwd: dir });
    expect((await build()).code).toBe(0);
    const out = join(dir, 'dist');
    expect(await tree(out)).toEqual(expect.arrayContaining(['en/a.html', 'en/a-old.html', 'en/tags/only-a.html', 'az/index.html', 'az/d.html']));
    expect(await brokenLinks(out)).toEqual([]);

    // A's tag `only-a` goes with it from the site; C has only a tag others have too; D is the last public release of its language.
    await writeFile(join(dir, 'r/a.md'), release({ id: 'a', slug: 'a', title: 'Release A', tags: '[only-a, shared]', aliases: '[a-old]' }, BROKEN_BODY));
    await writeFile(join(dir, 'r/c.md'), release({ id: 'c', slug: 'c', title: 'Release C', date: '2026-05-12', tags: '[shared]' }, BROKEN_BODY));
    await writeFile(join(dir, 'r/d.az.md'), release({ id: 'd', slug: 'd', lang: 'az', title: 'Buraxılış D' }, BROKEN_BODY));
    const result = await build('--keep-going');
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('removed en/a.html: it links to en/tags/only-a.html, which this build removes, and its file has errors');
    expect(result.stdout).toContain('removed az/d.html: it links to');
    const files = await tree(out);
    // Its pages go, and its alias, which led to them; a failing release whose links all still lead somewhere keeps its pages.
    expect(files.filter((f) => /^en\/a[.-]/.test(f) || f.startsWith('az/'))).toEqual([]);
    expect(files).toEqual(expect.arrayContaining(['en/c.html', 'en/c.json', 'en/c.txt', 'en/b.html', 'en/tags/shared.html']));
    expect(await brokenLinks(out)).toEqual([]);

    // Fixed, A and D come back with their tag page and listing.
    await writeFile(join(dir, 'r/a.md'), release({ id: 'a', slug: 'a', title: 'Release A', tags: '[only-a, shared]', aliases: '[a-old]' }));
    await writeFile(join(dir, 'r/d.az.md'), release({ id: 'd', slug: 'd', lang: 'az', title: 'Buraxılış D' }));
    expect((await build('--keep-going')).code).toBe(1);
    expect(await tree(out)).toEqual(expect.arrayContaining(['en/a.html', 'en/a-old.html', 'en/tags/only-a.html', 'az/index.html', 'az/d.html', 'en/c.html']));
    expect(await brokenLinks(out)).toEqual([]);
  });

  it('takes down its earlier pages when a translation they name moved to another slug without an alias, and keeps them when an alias keeps the old address', async () => {
    const dir = await project({
      'migration-news.config.yaml': CONFIG,
      'r/a.md': release({ id: 'a', slug: 'a', title: 'Release A', tags: '[shared]' }),
      'r/a.az.md': release({ id: 'a', slug: 'a-az', lang: 'az', title: 'Buraxılış A', tags: '[ümumi]' }),
      'r/b.md': release({ id: 'b', slug: 'b', title: 'Release B', date: '2026-05-13', tags: '[shared]' }),
      'r/b.az.md': release({ id: 'b', slug: 'b-az', lang: 'az', title: 'Buraxılış B', date: '2026-05-13', tags: '[ümumi]' }),
      'r/c.md': release({ id: 'c', slug: 'c', title: 'Release C', date: '2026-05-12', tags: '[shared]' }),
    });
    const build = (...extra: string[]) => runMain(['build', 'r', '--now', NOW, ...extra], { cwd: dir });
    expect((await build()).code).toBe(0);
    const out = join(dir, 'dist');
    await writeFile(join(dir, 'r/a.md'), release({ id: 'a', slug: 'a', title: 'Release A', tags: '[shared]' }, BROKEN_BODY));
    await writeFile(join(dir, 'r/b.md'), release({ id: 'b', slug: 'b', title: 'Release B', date: '2026-05-13', tags: '[shared]' }, BROKEN_BODY));
    await writeFile(join(dir, 'r/a.az.md'), release({ id: 'a', slug: 'a-az-new', lang: 'az', title: 'Buraxılış A', tags: '[ümumi]' }));
    await writeFile(join(dir, 'r/b.az.md'), release({ id: 'b', slug: 'b-az-new', lang: 'az', title: 'Buraxılış B', date: '2026-05-13', tags: '[ümumi]', aliases: '[b-az]' }));
    const result = await build('--keep-going');
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('removed en/a.html: it links to az/a-az.html, which this build removes, and its file has errors');
    const files = await tree(out);
    expect(files.filter((f) => f.startsWith('en/a.'))).toEqual([]);
    expect(files).toEqual(expect.arrayContaining(['en/b.html', 'az/b-az.html', 'az/b-az-new.html']));
    expect(await brokenLinks(out)).toEqual([]);
  });

  it('takes down its earlier pages when the site\'s address they were built for is no longer the site\'s', async () => {
    const dir = await project({
      'migration-news.config.yaml': CONFIG,
      'r/a.md': release({ id: 'a', slug: 'a', title: 'Release A', tags: '[shared]' }),
      'r/b.md': release({ id: 'b', slug: 'b', title: 'Release B', date: '2026-05-13', tags: '[shared]' }),
    });
    const build = (...extra: string[]) => runMain(['build', 'r', '--now', NOW, ...extra], { cwd: dir });
    expect((await build()).code).toBe(0);
    const out = join(dir, 'dist');
    await writeFile(join(dir, 'r/a.md'), release({ id: 'a', slug: 'a', title: 'Release A', tags: '[shared]' }, BROKEN_BODY));
    // The same address written with its final slash is the same site: the page stays.
    await writeFile(join(dir, 'migration-news.config.yaml'), 'languages: [en, az]\nsite:\n  url: https://press.example.org/\n');
    expect((await build('--keep-going')).code).toBe(1);
    expect(await tree(out)).toContain('en/a.html');
    // Without site.url there are no feeds, which its page links to in full, and its canonical address is no longer the site's.
    await writeFile(join(dir, 'migration-news.config.yaml'), 'languages: [en, az]\n');
    const result = await build('--keep-going');
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('removed en/a.html: it was built when site.url was "https://press.example.org/", and its file has errors');
    expect((await tree(out)).filter((f) => f.startsWith('en/a.'))).toEqual([]);
    expect(await brokenLinks(out)).toEqual([]);
  });

  it('takes down the redirect pages of its old addresses when a new release takes its slug, which they would lead to under its title', async () => {
    const a = (body?: string) => release({ id: 'a', slug: 'a', title: 'Release A', aliases: '[a-old, /2014/a.html]' }, body);
    const dir = await project({ 'migration-news.config.yaml': CONFIG, 'r/a.md': a(), 'r/c.md': release({ id: 'c', slug: 'c', title: 'Release C', date: '2026-05-12', aliases: '[c-old]' }) });
    const build = (out: string) => runMain(['build', 'r', '--now', NOW, '--keep-going', '--out', out], { cwd: dir });
    expect((await build('dist')).code).toBe(0);
    const out = join(dir, 'dist');
    expect(await tree(out)).toEqual(expect.arrayContaining(['en/a-old.html', '2014/a.html', 'redirects.json']));

    // A fails, and B, a new release, is given its slug: B's pages are written over A's.
    await writeFile(join(dir, 'r/a.md'), a(BROKEN_BODY));
    await writeFile(join(dir, 'r/b.md'), release({ id: 'b', slug: 'a', title: 'Release B', date: '2026-05-15' }));
    const result = await build('dist');
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('removed en/a-old.html: it links to en/a.html, now the page of r/b.md, and its file has errors');
    expect(await readFile(join(out, 'en/a.html'), 'utf8')).toContain('Release B');
    const files = await tree(out);
    expect(files).not.toContain('en/a-old.html');
    expect(files).not.toContain('2014/a.html');
    const map = JSON.parse(await readFile(join(out, 'redirects.json'), 'utf8')) as { redirects: { from: string }[] };
    expect(map.redirects.map((r) => r.from)).toEqual(['/en/c-old.html']);
    // As a fresh build of the same files writes it.
    expect((await build('fresh')).code).toBe(1);
    expect(files).toEqual(await tree(join(dir, 'fresh')));
    expect(await brokenLinks(out)).toEqual([]);
  });
});

describe('build --keep-going with a chain of failing releases, each linking the next', () => {
  it('takes down the whole chain when its last page goes, in about the time it takes to keep the whole chain', async () => {
    // Each release's kept page links to the next's: with the last one's file gone, each goes because the next does. Judged in
    // rounds over every failing file, each round taking one more release away, a build of 2,000 of them took 11.5 s against
    // 2.1 s, growing with the square; 800 took 0.98 s of the build's `site files` against 0.21 s with the chain whole.
    const size = 800;
    const chained = (i: number, broken: boolean) => release({ id: `c${i}`, slug: `chain-${i}`, title: `Chain ${i}` }, `See [the next](chain-${i + 1}.html).\n${broken ? BROKEN_BODY : ''}`);
    const files: Record<string, string> = { 'migration-news.config.yaml': CONFIG, 'r/anchor.md': release({ id: 'anchor', slug: 'anchor', title: 'Anchor', date: '2026-05-15' }) };
    for (let i = 0; i < size; i++) files[`r/c${i}.md`] = chained(i, false);
    const dir = await project(files);
    const build = async (out: string, ...extra: string[]) => {
      const result = await runMain(['build', 'r', '--out', out, '--format', 'html', '--now', NOW, '--timings', ...extra], { cwd: dir });
      // The phase that decides what a failing release keeps, from `--timings`: `site files 330 ms` or `site files 1.2 s`.
      const [, value, unit] = /site files ([\d.]+) (ms|s)\b/.exec(result.stdout) ?? [];
      return { ...result, siteFiles: Number(value) * (unit === 's' ? 1_000 : 1) };
    };
    expect((await build('whole')).code).toBe(0);
    await cp(join(dir, 'whole'), join(dir, 'before'), { recursive: true });
    for (let i = 0; i < size; i++) await writeFile(join(dir, `r/c${i}.md`), chained(i, true));
    // Every release fails, and every page stays: the chain is whole.
    const whole = await build('whole', '--keep-going');
    expect(whole.code).toBe(1);
    expect(await readdir(join(dir, 'whole/en'))).toContain('chain-0.html');
    expect(whole.siteFiles).toBeGreaterThan(0);
    // The last release's file gone: its page goes, and with it, one after another, every page that led to it. Timed from the
    // same earlier output up to three times, the fastest counting, so that a busy machine's pause is not taken for the square.
    await rm(join(dir, `r/c${size - 1}.md`));
    const bound = 1.5 * whole.siteFiles + 100;
    let fastest = Infinity;
    for (let attempt = 0; attempt < 3 && fastest >= bound; attempt++) {
      const folder = `cut-${attempt}`;
      await cp(join(dir, 'before'), join(dir, folder), { recursive: true });
      const cut = await build(folder, '--keep-going');
      expect(cut.code).toBe(1);
      expect(cut.stdout).toContain('removed en/chain-0.html: it links to en/chain-1.html, which this build removes, and its file has errors');
      expect((await readdir(join(dir, folder, 'en'))).filter((name) => name.startsWith('chain-'))).toEqual([]);
      expect(await brokenLinks(join(dir, folder))).toEqual([]);
      fastest = Math.min(fastest, cut.siteFiles);
    }
    expect(fastest).toBeLessThan(bound);
  }, 120_000);
});
