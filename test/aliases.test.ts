import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ClaimedFiles, DIRECTORY_INDEX_NAMES, readAliasPath, reservedAliasFile, reservedSlugAlias } from '../src/core/aliases.js';
import { languageIndexBase, languageSiteFiles, listingPath, SITE_FILES, sitemapPartPath, tagBase } from '../src/core/site/paths.js';
import { NOW, release, runMain, useProjects } from './helpers/cli.js';
import { listTree } from './helpers/hostile.js';
import { png } from './helpers/images.js';

/**
 * Old addresses in `aliases`: site-relative paths checked strictly with
 * their positions, written as redirect pages by a build for public releases
 * only, and listed in redirects.json.
 */

const project = useProjects();
const CONFIG = 'languages: [en, ru]\ntimezone: Asia/Baku\nsite:\n  url: https://press.example.gov/\n';

interface JsonReport { diagnostics: { file: string; line: number; column: number; endColumn: number | null; ruleId: string; message: string; related: { file: string; line: number } | null }[] }

const aliasList = (...aliases: string[]) => `\n${aliases.map((a) => `  - ${JSON.stringify(a)}`).join('\n')}`;

describe('reading an alias path', () => {
  it('gives the page, the decoded path and the address a browser requests', () => {
    const read = (raw: string) => {
      const result = readAliasPath(raw);
      return result.ok ? [result.alias.file, result.alias.path, result.alias.url] : result.problem;
    };
    expect(read('/2014/01/23/old-title.html')).toEqual(['2014/01/23/old-title.html', '/2014/01/23/old-title.html', '/2014/01/23/old-title.html']);
    expect(read('/news/2019/05/some-post/')).toEqual(['news/2019/05/some-post/index.html', '/news/2019/05/some-post/', '/news/2019/05/some-post/']);
    expect(read('/news/some-post')).toEqual(['news/some-post/index.html', '/news/some-post', '/news/some-post']);
    expect(read('/old.HTM')).toEqual(['old.HTM', '/old.HTM', '/old.HTM']);
    expect(read('/%D0%BD%D0%BE%D0%B2%D0%BE%D1%81%D1%82%D0%B8/')).toEqual(['новости/index.html', '/новости/', '/%D0%BD%D0%BE%D0%B2%D0%BE%D1%81%D1%82%D0%B8/']);
    expect(read('/новости/')).toEqual(['новости/index.html', '/новости/', '/%D0%BD%D0%BE%D0%B2%D0%BE%D1%81%D1%82%D0%B8/']);
    expect(read("/what's new (2014)/")).toEqual(["what's new (2014)/index.html", "/what's new (2014)/", "/what's%20new%20(2014)/"]);
    expect(read('/')).toEqual(['index.html', '/', '/']);
    // As many folders as an old address may have: 32, the page's own name in the last for an address without one.
    expect(read(`/${'a/'.repeat(32)}`)[0]).toBe(`${'a/'.repeat(32)}index.html`);
    expect(read(`/${'a/'.repeat(32)}b.html`)[0]).toBe(`${'a/'.repeat(32)}b.html`);
  });

  it('refuses every path that could leave the folder, mean two things, or trouble a file system', () => {
    const refused: Record<string, RegExp> = {
      'old.html': /does not start with "\/"/,
      '//evil.example/x': /another host/,
      '/a/../b.html': /"\.\." segment/,
      '/a/./b.html': /"\." segment/,
      '/a/%2e%2e/b.html': /"\.\." segment/,
      '/a/%2E%2E%2Fb.html': /encodes a slash/,
      '/a/%5c..%5cb.html': /encodes a backslash/,
      '/a\\b.html': /backslash/,
      '/a/b.html?x=1': /query/,
      '/a/b.html#top': /fragment/,
      '/a/\u0000.html': /invisible character U\+0000/,
      '/a/%00.html': /decodes to the invisible character U\+0000/,
      '/a/\u202Eb.html': /invisible character U\+202E/,
      '/a/%E2%80%AEb.html': /decodes to the invisible character U\+202E/,
      '/a/\tb.html': /invisible character U\+0009/,
      '/a/%ff.html': /not UTF-8/,
      '/a/%C3%28.html': /not UTF-8/,
      '/a/%zz.html': /not a percent-escape/,
      '/a/%252e%252e/': /decodes to a "%"/,
      '/a//b.html': /empty segment/,
      '/.git/config/': /starting with "\."/,
      '/a/con/': /Windows reserves/,
      '/a/NUL.html': /Windows reserves/,
      '/a/b:c.html': /character ":"/,
      '/a/b*.html': /character "\*"/,
      '/a/b. /': /starts or ends with a space, or ends with a dot/,
      '/old.php': /ends in "\.php"/,
      '/feed.xml': /ends in "\.xml"/,
      [`/${'я'.repeat(101)}/`]: /longer than 200 bytes/,
      [`/${'a/'.repeat(600)}`]: /longer than 1024 bytes/,
      // Each folder of the path a folder of the output, for each of a release's aliases.
      [`/${'a/'.repeat(33)}`]: /has 33 folders, more than the 32 an old address may have/,
      [`/${'a/'.repeat(32)}b`]: /has 33 folders/,
      [`/${'a/'.repeat(500)}b.html`]: /has 500 folders/,
      // Letters of four bytes each: 1,005 characters, 4,020 bytes of file name.
      [`/${Array.from({ length: 20 }, () => '𝒜'.repeat(50)).join('/')}/`]: /longer than 1024 bytes/,
    };
    for (const [raw, reason] of Object.entries(refused)) {
      const result = readAliasPath(raw);
      expect(result.ok, JSON.stringify(raw)).toBe(false);
      if (!result.ok) expect(result.problem, JSON.stringify(raw)).toMatch(reason);
    }
  });
});

describe('where an alias may put its page', () => {
  it('keeps clear of every file the site writes as its paths name them, in any letter case', () => {
    const languages = ['en', 'ru'];
    const inside = (file: string) => reservedAliasFile(`${file.toUpperCase()}/old/index.html`, languages);
    for (const file of [...Object.values(SITE_FILES), sitemapPartPath(1), sitemapPartPath(12), ...languages.flatMap(languageSiteFiles)]) {
      expect(inside(file), file).toBe(`inside ${file}, a file the site writes itself`);
    }
    expect(reservedAliasFile(SITE_FILES.home, languages)).toBe('the site\'s home page');
    expect(reservedAliasFile(listingPath(languageIndexBase('ru'), 1), languages)).toBe('the ru listing page');
    expect(reservedAliasFile(listingPath(languageIndexBase('ru'), 3), languages)).toBe('one of the ru listing\'s later pages');
    expect(reservedAliasFile(`${tagBase('en', 'visas')}.html`, languages)).toBe('one of the en tag pages');
    for (const free of ['sitemap-x.xml/a.html', 'sitemap-.xml/a.html', 'de/feed.xml/a.html', 'en/feeds/a.html', 'en/old/index.html']) expect(reservedAliasFile(free, languages), free).toBeUndefined();
  });

  it('keeps clear of every name a web server serves as a folder\'s index, in any folder and any letter case, but index.html', () => {
    const languages = ['en', 'ru'];
    for (const file of ['index.htm', 'INDEX.HTM', 'default.htm', 'Default.html', 'en/index.htm', 'en/DEFAULT.HTM', 'news/old/Index.Htm', 'news/old/iisstart.htm', 'index.php/old/default.htm']) {
      expect(reservedAliasFile(file, languages), file).toMatch(/web servers give a folder's index page \(IIS and others send index\.htm or default\.htm/);
    }
    expect(reservedAliasFile('news/old/index.htm', languages)).toMatch(/: it would take the folder's address from the page there$/);
    // A folder of such a name is no index: old WordPress addresses have one (`/index.php/2019/01/23/old-post/`). Nor is index.html in other letters.
    for (const name of DIRECTORY_INDEX_NAMES) expect(reservedAliasFile(`news/${name}/old.html`, languages), name).toBeUndefined();
    for (const free of ['news/old/index.html', 'news/old/Index.html', 'news/INDEX.HTML', 'index.php/2019/01/23/old-post/index.html', 'news/index-old.htm', 'news/old-index.htm', 'news/default-page.html', 'index.htm-old/a.html']) expect(reservedAliasFile(free, languages), free).toBeUndefined();
    expect(reservedSlugAlias('default')).toMatch(/"default\.html", has a name web servers give a folder's index page/);
    expect(reservedSlugAlias('default-centre')).toBeUndefined();
  });

  it('lists in the README, word for word, the index names it refuses', async () => {
    const readme = await readFile(new URL('../README.md', import.meta.url), 'utf8');
    const paragraph = readme.split('\n').find((line) => line.includes('named as web servers name a folder\'s index:')) ?? '';
    const listed = [...paragraph.slice(paragraph.indexOf('index:')).split(' (IIS')[0]!.matchAll(/`([^`]+)`/g)].map((m) => m[1]);
    expect(listed.sort()).toEqual([...DIRECTORY_INDEX_NAMES].sort());
  });

  it('finds what stands in the way of a new page: the file itself, a file inside it, or a file above it', () => {
    const files = new ClaimedFiles<string>();
    files.claim('en/Alpha.html', 'page');
    files.claim('old/news.html/index.html', 'redirect');
    expect(files.clash('EN/alpha.html')).toEqual({ kind: 'taken', holder: 'page' });
    expect(files.clash('Old/News.html')).toEqual({ kind: 'folder' });
    expect(files.clash('en/alpha.html/x/index.html')).toEqual({ kind: 'inside', folder: 'en/alpha.html', holder: 'page' });
    expect(files.clash('old/news.html/other.html')).toBeUndefined();
    expect(files.has('OLD/NEWS.HTML/INDEX.HTML')).toBe(true);
    expect(files.holder('en/beta.html')).toBeUndefined();
    // A later claim of the same file, in another spelling, replaces the first.
    files.claim('EN/ALPHA.HTML', 'kept page');
    expect(files.holder('en/alpha.html')).toBe('kept page');
  });
});

describe('aliases in a build', () => {
  it('writes a redirect page at each old path, pointing to the release, and lists them in redirects.json', async () => {
    const dir = await project({
      'migration-news.config.yaml': CONFIG,
      'r/centre.md': release({ slug: 'residence-centre', aliases: aliasList('old-centre', '/2014/01/23/old-title.html', '/news/2019/05/some-post/', '/ru/novosti/%D0%A6%D0%B5%D0%BD%D1%82%D1%80.html') }),
      'r/centre.ru.md': release({ id: 'centre', lang: 'ru', title: 'Новый центр', slug: 'novyy-tsentr', aliases: aliasList('/новости/старый-центр/') }),
    });
    const built = await runMain(['build', 'r', '--out', 'out', '--now', NOW], { cwd: dir });
    expect(built.stderr).toBe('');
    expect(built.code).toBe(0);
    const page = 'https://press.example.gov/en/residence-centre.html';
    for (const path of ['en/old-centre.html', '2014/01/23/old-title.html', 'news/2019/05/some-post/index.html', 'ru/novosti/Центр.html']) {
      const html = await readFile(join(dir, 'out', path), 'utf8');
      expect(html, path).toContain(`<link rel="canonical" href="${page}">`);
      expect(html, path).toContain(`<meta http-equiv="refresh" content="0; url=${page}">`);
      expect(html, path).toContain(`<p><a href="${page}">Service opens new residence permit centre</a></p>`);
      expect(html, path).toContain('<html lang="en" dir="ltr">');
    }
    expect(await readFile(join(dir, 'out/новости/старый-центр/index.html'), 'utf8')).toContain('url=https://press.example.gov/ru/novyy-tsentr.html"');
    const map = JSON.parse(await readFile(join(dir, 'out/redirects.json'), 'utf8')) as { format: string; status: number; redirects: { from: string; path: string; to: string; file: string }[] };
    expect(map.format).toBe('migration-news/redirects');
    expect(map.status).toBe(301);
    expect(map.redirects).toContainEqual({ from: '/news/2019/05/some-post/', path: '/news/2019/05/some-post/', to: page, file: 'news/2019/05/some-post/index.html' });
    expect(map.redirects).toContainEqual({ from: '/ru/novosti/%D0%A6%D0%B5%D0%BD%D1%82%D1%80.html', path: '/ru/novosti/Центр.html', to: page, file: 'ru/novosti/Центр.html' });
    expect(map.redirects.map((r) => r.from)).toEqual([...map.redirects.map((r) => r.from)].sort());
    expect(map.redirects).toHaveLength(5);

    // Without site.url, the link is relative, so the built folder works wherever it is served.
    await writeFile(join(dir, 'migration-news.config.yaml'), 'languages: [en, ru]\ntimezone: Asia/Baku\n');
    const relative = await runMain(['build', 'r', '--out', 'out', '--now', NOW], { cwd: dir });
    expect(relative.code).toBe(0);
    expect(await readFile(join(dir, 'out/2014/01/23/old-title.html'), 'utf8')).toContain('<meta http-equiv="refresh" content="0; url=../../../en/residence-centre.html">');

    // An alias taken away takes its page with it, and the folders it alone needed.
    await writeFile(join(dir, 'r/centre.md'), release({ slug: 'residence-centre', aliases: aliasList('/2014/01/23/old-title.html') }));
    await writeFile(join(dir, 'r/centre.ru.md'), release({ id: 'centre', lang: 'ru', title: 'Новый центр', slug: 'novyy-tsentr' }));
    const fewer = await runMain(['build', 'r', '--out', 'out', '--now', NOW], { cwd: dir });
    expect(fewer.code).toBe(0);
    expect(fewer.stdout).toContain('removed новости/старый-центр/index.html');
    const tree = await listTree(join(dir, 'out'));
    expect(tree).toContain('2014/01/23/old-title.html');
    expect(tree.filter((f) => f.startsWith('news/') || f.startsWith('новости/') || f.startsWith('ru/novosti/'))).toEqual([]);
  });

  it('keeps a preview\'s redirects in the preview (serve, --drafts): an old address leads to the page there, not to the public site', async () => {
    const dir = await project({
      'migration-news.config.yaml': CONFIG,
      'r/centre.md': release({ slug: 'residence-centre', aliases: aliasList('old-centre', '/2014/01/23/old-title.html') }),
      'r/draft.md': release({ id: 'draft', title: 'Draft', slug: 'draft', status: 'draft' }),
    });
    const built = await runMain(['build', 'r', '--drafts', '--out', 'preview', '--now', NOW], { cwd: dir });
    expect(built.code, built.stderr).toBe(0);
    const page = 'https://press.example.gov/en/residence-centre.html';
    for (const [path, href] of [['en/old-centre.html', 'residence-centre.html'], ['2014/01/23/old-title.html', '../../../en/residence-centre.html']] as const) {
      const html = await readFile(join(dir, 'preview', path), 'utf8');
      expect(html, path).toContain(`<meta http-equiv="refresh" content="0; url=${href}">`);
      expect(html, path).toContain(`<p><a href="${href}">`);
      // Where the page will be is still said, for what reads it.
      expect(html, path).toContain(`<link rel="canonical" href="${page}">`);
    }
    const map = JSON.parse(await readFile(join(dir, 'preview/redirects.json'), 'utf8')) as { redirects: { from: string; to: string }[] };
    expect(map.redirects.map((r) => `${r.from} ${r.to}`)).toEqual(['/2014/01/23/old-title.html /en/residence-centre.html', '/en/old-centre.html /en/residence-centre.html']);
  });

  it('leaves redirect pages, withdrawal notices and redirects.json as an earlier build wrote them, and writes again one that changed', async () => {
    const dir = await project({
      'migration-news.config.yaml': CONFIG,
      'r/centre.md': release({ slug: 'residence-centre', aliases: aliasList('/2014/01/23/old-title.html', 'old-centre') }),
      'r/gone.md': release({ id: 'gone', title: 'Retracted', slug: 'gone', status: 'withdrawn', withdrawn_date: '2026-05-20', aliases: aliasList('/2015/gone.html') }),
    });
    const build = async () => {
      const run = await runMain(['build', 'r', '--out', 'out', '--now', NOW, '--reporter', 'json'], { cwd: dir, env: { XDG_CACHE_HOME: join(dir, 'cache') } });
      expect(run.code, run.stderr).toBe(0);
      return (JSON.parse(run.stdout) as { build: { written: string[] } }).build.written;
    };
    const own = ['2014/01/23/old-title.html', 'en/old-centre.html', '2015/gone.html', 'en/gone.html', 'redirects.json'];
    expect(await build()).toEqual(expect.arrayContaining(own));
    expect(await build()).toEqual([]);
    // A page changed by hand is the build's to put right, and only that one is written.
    await writeFile(join(dir, 'out/2014/01/23/old-title.html'), 'changed\n');
    expect(await build()).toEqual(['2014/01/23/old-title.html']);
    expect(await readFile(join(dir, 'out/2014/01/23/old-title.html'), 'utf8')).toContain('<meta http-equiv="refresh"');
    // A new alias: its page and the map are written, the others stay.
    await writeFile(join(dir, 'r/centre.md'), release({ slug: 'residence-centre', aliases: aliasList('/2014/01/23/old-title.html', 'old-centre', '/2016/centre.html') }));
    const written = await build();
    expect(written).toEqual(expect.arrayContaining(['2016/centre.html', 'redirects.json']));
    expect(written.filter((f) => own.includes(f) && f !== 'redirects.json')).toEqual([]);
    const fresh = await runMain(['build', 'r', '--out', 'fresh', '--now', NOW], { cwd: dir });
    expect(fresh.code).toBe(0);
    const tree = (await listTree(join(dir, 'out'))).filter((f) => !f.endsWith('.migration-news-manifest.json'));
    expect(tree).toEqual((await listTree(join(dir, 'fresh'))).filter((f) => !f.endsWith('.migration-news-manifest.json')));
    for (const file of tree) expect(await readFile(join(dir, 'out', file), 'utf8'), file).toBe(await readFile(join(dir, 'fresh', file), 'utf8'));
  });

  it('rejects hostile alias paths at their file:line:col, and builds nothing', async () => {
    const dir = await project({
      'migration-news.config.yaml': CONFIG,
      'r/a.md': release({ aliases: aliasList('/../../etc/passwd.html', '/a/%2e%2e/%2e%2e/b.html', '/a?b=1', '/a/%ff/', '/en/index.html', 'index') }),
    });
    const result = await runMain(['build', 'r', '--out', 'out', '--now', NOW, '--reporter', 'json'], { cwd: dir });
    expect(result.code).toBe(1);
    const report = JSON.parse(result.stdout) as JsonReport;
    expect(report.diagnostics.map((d) => `${d.file}:${d.line}:${d.column} ${d.ruleId}`)).toEqual([
      'r/a.md:7:5 alias/invalid',
      'r/a.md:8:5 alias/invalid',
      'r/a.md:9:5 alias/invalid',
      'r/a.md:10:5 alias/invalid',
      'r/a.md:11:5 alias/reserved',
      'r/a.md:12:5 alias/reserved',
    ]);
    expect(report.diagnostics[0]!.message).toBe('The alias "/../../etc/passwd.html" has a ".." segment.');
    expect(await listTree(dir)).not.toContain('out/index.html');

    // The stylish report names the place too.
    const stylish = await runMain(['validate', 'r', '--now', NOW], { cwd: dir });
    expect(stylish.stdout).toContain('7:5     error    The alias "/../../etc/passwd.html" has a ".." segment.  alias/invalid');
  });

  it('reports two releases claiming one old address, in any letter case, and an alias on another release\'s page', async () => {
    const dir = await project({
      'migration-news.config.yaml': CONFIG,
      'r/a.md': release({ slug: 'alpha', aliases: aliasList('/Old/Page.html') }),
      'r/b.md': release({ slug: 'beta', title: 'Second release', aliases: aliasList('/old/page.html', '/en/ALPHA.html', '/old/page.html/deeper/') }),
    });
    const result = await runMain(['validate', 'r', '--now', NOW, '--reporter', 'json'], { cwd: dir });
    expect(result.code).toBe(1);
    const report = JSON.parse(result.stdout) as JsonReport;
    expect(report.diagnostics.map((d) => `${d.file}:${d.line}:${d.column} ${d.ruleId} ${d.related?.file}:${d.related?.line}`)).toEqual([
      'r/b.md:8:5 alias/duplicate r/a.md:8',
      'r/b.md:9:5 alias/duplicate r/a.md:6',
      'r/b.md:10:5 alias/duplicate r/a.md:8',
    ]);
  });

  it('tells a draft or a release in review given a public release\'s old address as its slug, not the public release, whose build goes on', async () => {
    const dir = await project({
      'migration-news.config.yaml': CONFIG,
      'r/rules.md': release({ slug: 'work-permit-rules-2026', title: 'Work permit rules for 2026', aliases: aliasList('new-rules-for-work-permits') }),
      'r/draft.md': release({ slug: 'new-rules-for-work-permits', title: 'New rules for work permits', status: 'draft' }),
      'r/review.md': release({ slug: 'quota', title: 'Quota', status: 'review' }),
      'r/quota-2027.md': release({ slug: 'quota-2027', title: 'Quota for 2027', status: 'draft', aliases: aliasList('quota') }),
    });
    const result = await runMain(['build', 'r', '--out', 'out', '--now', NOW, '--reporter', 'json'], { cwd: dir });
    const report = JSON.parse(result.stdout) as JsonReport;
    // Between two releases not yet out, the alias is told, as between two public ones.
    expect(report.diagnostics.map((d) => `${d.file}:${d.line}:${d.column} ${d.ruleId} ${d.related?.file}:${d.related?.line}`)).toEqual([
      'r/draft.md:6:7 alias/duplicate r/rules.md:8',
      'r/quota-2027.md:8:5 alias/duplicate r/review.md:6',
    ]);
    expect(report.diagnostics[0]!.message).toBe('The slug "new-rules-for-work-permits" gives this release the address en/new-rules-for-work-permits.html, which r/rules.md keeps as an old address (its `aliases`): its page would replace that redirect.');
    // The drafts are not built: the public release and its redirect are.
    expect(result.code).toBe(1);
    const kept = await runMain(['build', 'r', '--out', 'out', '--now', NOW, '--keep-going'], { cwd: dir });
    expect(kept.stdout + kept.stderr).toMatch(/Built 1 release/);
    expect(await readFile(join(dir, 'out/en/new-rules-for-work-permits.html'), 'utf8')).toContain('work-permit-rules-2026.html');
  });

  it('reports two releases claiming one old address that differs only in a final sigma, as NTFS and APFS read it', async () => {
    const dir = await project({
      'migration-news.config.yaml': CONFIG,
      'r/a.md': release({ slug: 'alpha', aliases: aliasList('/ΟΔΗΓΟΣ/') }),
      'r/b.md': release({ slug: 'beta', title: 'Second release', aliases: aliasList('/οδηγος/', '/el/οδηγοσ.html') }),
      'r/c.md': release({ slug: 'gamma', title: 'Third release', aliases: aliasList('/οδηγοσ/', '/el/ΟΔΗΓΟΣ.html') }),
    });
    const result = await runMain(['validate', 'r', '--now', NOW, '--reporter', 'json'], { cwd: dir });
    expect(result.code).toBe(1);
    const report = JSON.parse(result.stdout) as JsonReport;
    expect(report.diagnostics.map((d) => `${d.file}:${d.line}:${d.column} ${d.ruleId} ${d.related?.file}:${d.related?.line}`)).toEqual([
      'r/b.md:8:5 alias/duplicate r/a.md:8',
      'r/c.md:8:5 alias/duplicate r/a.md:8',
      'r/c.md:9:5 alias/duplicate r/b.md:9',
    ]);
  });

  it('never writes over a file the site writes: the site\'s own pages and folders named like its files are reserved, and any file the build writes is found', async () => {
    const dir = await project({
      'migration-news.config.yaml': CONFIG,
      'r/a.md': release({ tags: '[visas]', aliases: aliasList('/en/tags/visas.html') }),
    });
    // A tag page is reserved as it stands, whatever tags exist.
    const result = await runMain(['build', 'r', '--out', 'out', '--now', NOW, '--reporter', 'json'], { cwd: dir });
    expect(result.code).toBe(1);
    expect((JSON.parse(result.stdout) as JsonReport).diagnostics.map((d) => d.ruleId)).toEqual(['alias/reserved']);
    // A folder named like one of the site's own files is reserved as it stands too.
    await writeFile(join(dir, 'r/a.md'), release({ aliases: aliasList('/sitemap.xml/', '/en/feed.json/old/', '/EN/INDEX.HTML/') }));
    const folders = await runMain(['validate', 'r', '--now', NOW, '--reporter', 'json'], { cwd: dir });
    expect((JSON.parse(folders.stdout) as JsonReport).diagnostics.map((d) => d.message)).toEqual([
      'The alias "/sitemap.xml/" would put a redirect page at sitemap.xml/index.html, which is inside sitemap.xml, a file the site writes itself.',
      'The alias "/en/feed.json/old/" would put a redirect page at en/feed.json/old/index.html, which is inside en/feed.json, a file the site writes itself.',
      'The alias "/EN/INDEX.HTML/" would put a redirect page at EN/INDEX.HTML/index.html, which is inside en/index.html, a file the site writes itself.',
    ]);
    // A file that only this build writes (a release's JSON) is found when the build writes it.
    await writeFile(join(dir, 'r/a.md'), release({ slug: 'alpha', aliases: aliasList('/en/alpha.json/') }));
    const second = await runMain(['build', 'r', '--out', 'out', '--now', NOW, '--reporter', 'json'], { cwd: dir });
    expect(second.code).toBe(1);
    const [d] = (JSON.parse(second.stdout) as JsonReport).diagnostics;
    expect(`${d!.line}:${d!.column} ${d!.ruleId}`).toBe('8:5 alias/reserved');
    expect(d!.message).toBe('The alias "/en/alpha.json/" would redirect from en/alpha.json/index.html, but this build writes en/alpha.json for something else.');
    expect(await listTree(dir)).not.toContain('out/en/alpha.json/index.html');
  });

  it('finds an alias that lands on a copied image in validate, as build finds it', async () => {
    const dir = await project({
      'migration-news.config.yaml': CONFIG,
      'r/a.md': release({ slug: 'alpha', aliases: aliasList('/en/alpha/photo.png/') }, 'Alpha.\n\n![x](photos/Photo.png)\n'),
      'r/b.md': release({ slug: 'beta', title: 'Beta page', aliases: aliasList('/en/alpha/photo.png/old/', '/en/alpha/other.png/') }),
    });
    await mkdir(join(dir, 'r/photos'));
    await writeFile(join(dir, 'r/photos/Photo.png'), png(4, 4));
    const found = async (command: string[]) => (JSON.parse((await runMain([...command, 'r', '--now', NOW, '--reporter', 'json'], { cwd: dir })).stdout) as JsonReport).diagnostics
      .map((d) => `${d.file}:${d.line}:${d.column} ${d.ruleId} ${d.message}`);
    const expected = [
      'r/a.md:8:5 alias/reserved The alias "/en/alpha/photo.png/" would redirect from en/alpha/photo.png/index.html, but this build writes en/alpha/photo.png for something else.',
      'r/b.md:8:5 alias/reserved The alias "/en/alpha/photo.png/old/" would redirect from en/alpha/photo.png/old/index.html, but this build writes en/alpha/photo.png for something else.',
    ];
    expect(await found(['validate'])).toEqual(expected);
    expect(await found(['build', '--out', 'out'])).toEqual(expected);
  });

  it('never puts a redirect where a failing release\'s earlier page stays, even with --keep-going', async () => {
    const dir = await project({
      'migration-news.config.yaml': CONFIG,
      'r/a.md': release({ slug: 'alpha', title: 'Alpha page' }),
      'r/b.md': release({ slug: 'beta', title: 'Beta page' }),
    });
    expect((await runMain(['build', 'r', '--out', 'out', '--now', NOW], { cwd: dir })).code).toBe(0);
    await writeFile(join(dir, 'r/a.md'), release({ slug: 'alpha', title: undefined }));
    await writeFile(join(dir, 'r/b.md'), release({ slug: 'beta', title: 'Beta page', aliases: aliasList('/en/alpha.html') }));
    const result = await runMain(['build', 'r', '--out', 'out', '--now', NOW, '--keep-going', '--reporter', 'json'], { cwd: dir });
    expect((JSON.parse(result.stdout) as JsonReport).diagnostics.map((d) => `${d.file} ${d.ruleId}`)).toEqual(['r/a.md schema/required', 'r/b.md alias/reserved']);
    expect(await readFile(join(dir, 'out/en/alpha.html'), 'utf8')).toContain('Alpha page');
  });

  it('keeps listing in redirects.json the redirect pages a failed release keeps with --keep-going, while it is public', async () => {
    const dir = await project({
      'migration-news.config.yaml': CONFIG,
      'r/a.md': release({ slug: 'alpha', title: 'Alpha page', aliases: aliasList('old-alpha', '/2014/01/23/alpha.html') }, 'Alpha.\n\n![x](photos/a.png)\n'),
      'r/b.md': release({ slug: 'beta', title: 'Beta page', aliases: aliasList('/2014/01/24/beta.html') }),
      'r/c.md': release({ slug: 'gamma', title: 'Gamma page', aliases: aliasList('/2014/01/25/gamma.html') }),
    });
    await mkdir(join(dir, 'r/photos'));
    await writeFile(join(dir, 'r/photos/a.png'), png(4, 4));
    const map = async () => (JSON.parse(await readFile(join(dir, 'out/redirects.json'), 'utf8')) as { redirects: { from: string; file: string; to: string }[] }).redirects;
    expect((await runMain(['build', 'r', '--out', 'out', '--now', NOW], { cwd: dir })).code).toBe(0);
    const before = await map();
    expect(before.map((r) => r.file)).toEqual(['2014/01/23/alpha.html', '2014/01/24/beta.html', '2014/01/25/gamma.html', 'en/old-alpha.html']);

    // Alpha fails for want of its image; gamma, a draft now, fails for a slug beta has.
    await rename(join(dir, 'r/photos/a.png'), join(dir, 'r/photos/b.png'));
    await writeFile(join(dir, 'r/c.md'), release({ slug: 'beta', title: 'Gamma page', status: 'draft', aliases: aliasList('/2014/01/25/gamma.html') }));
    const result = await runMain(['build', 'r', '--out', 'out', '--now', NOW, '--keep-going', '--reporter', 'json'], { cwd: dir });
    expect(result.code).toBe(1);
    const tree = await listTree(join(dir, 'out'));
    expect(tree).toEqual(expect.arrayContaining(['en/alpha.html', 'en/old-alpha.html', '2014/01/23/alpha.html']));
    const after = await map();
    // Alpha's kept pages are listed as the last build listed them, beside beta's written again; gamma, a draft now, is not listed.
    expect(after).toEqual(before.filter((r) => !r.file.includes('gamma')));
    expect(JSON.stringify(after)).not.toContain('gamma');
  });

  it('reads back no redirects.json over 64 MiB for the pages a failed release keeps, which a build never writes that large', async () => {
    const dir = await project({
      'migration-news.config.yaml': CONFIG,
      'r/a.md': release({ slug: 'alpha', title: 'Alpha page', aliases: aliasList('/2014/01/23/alpha.html') }, 'Alpha.\n\n![x](photos/a.png)\n'),
      'r/b.md': release({ slug: 'beta', title: 'Beta page' }),
    });
    await mkdir(join(dir, 'r/photos'));
    await writeFile(join(dir, 'r/photos/a.png'), png(4, 4));
    expect((await runMain(['build', 'r', '--out', 'out', '--now', NOW], { cwd: dir })).code).toBe(0);
    const written = await readFile(join(dir, 'out/redirects.json'), 'utf8');
    await rename(join(dir, 'r/photos/a.png'), join(dir, 'r/photos/b.png'));
    const failing = async () => {
      expect((await runMain(['build', 'r', '--out', 'out', '--now', NOW, '--keep-going'], { cwd: dir })).code).toBe(1);
      return readFile(join(dir, 'out/redirects.json'), 'utf8').catch(() => '');
    };
    expect(await failing()).toContain('2014/01/23/alpha.html');
    // The same map with blanks after it, as JSON allows, one byte past 64 MiB: not read.
    await writeFile(join(dir, 'out/redirects.json'), written.padEnd(64 * 1024 * 1024 + 1));
    expect(await failing()).not.toContain('2014/01/23/alpha.html');
  });

  it('leaves no trace of an embargoed or draft release\'s old addresses in any output, in every mode', async () => {
    const secret = ['/2014/01/23/secret-plan.html', '/новости/тайна/', '/news/%D1%82%D0%B0%D0%B9%D0%BD%D0%B0-2/'];
    const dir = await project({
      'migration-news.config.yaml': CONFIG,
      'r/public.md': release({ slug: 'public-news', aliases: aliasList('/2014/01/22/public.html') }),
      'r/embargoed.md': release({ slug: 'budget', title: 'Budget', status: 'approved', embargo: '2030-01-01T09:00:00+04:00', aliases: aliasList(secret[0]!, secret[1]!) }),
      'r/draft.md': release({ slug: 'draft-news', title: 'Draft', status: 'draft', aliases: aliasList(secret[2]!, 'old-draft') }),
    });
    const traces = ['secret-plan', 'тайна', encodeURIComponent('тайна'), '%D1%82%D0%B0%D0%B9', 'old-draft', 'budget', 'draft-news'];
    for (const [out, extra] of [['out', []], ['preview', ['--embargoed']], ['drafts', ['--drafts']]] as const) {
      const result = await runMain(['build', 'r', '--out', out, '--now', NOW, ...extra], { cwd: dir });
      expect(result.code, result.stdout).toBe(0);
      const files = await listTree(join(dir, out), true);
      expect(files, out).toContain('2014/01/22/public.html');
      // Previews show the releases themselves, never their redirects.
      const leaks = out === 'out' ? traces : traces.filter((t) => t !== 'budget' && t !== 'draft-news');
      for (const file of files) {
        for (const trace of leaks) expect(file, `${out}: ${file}`).not.toContain(trace);
        const text = await readFile(join(dir, out, file), 'utf8');
        for (const trace of leaks) expect(text.includes(trace), `${out}/${file} holds ${trace}`).toBe(false);
      }
    }
    // Once the embargo has passed, the old addresses work.
    const later = await runMain(['build', 'r', '--out', 'out', '--now', '2030-01-02T00:00:00+04:00'], { cwd: dir });
    expect(later.code).toBe(0);
    const files = await listTree(join(dir, 'out'));
    expect(files).toEqual(expect.arrayContaining(['2014/01/23/secret-plan.html', 'новости/тайна/index.html']));
  });
});
