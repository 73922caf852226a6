import { cp, mkdir, readFile, rename, rm, symlink, utimes, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseReleaseFile } from '../src/core/parse.js';
import { NOW, ROOT, release, runCli, runMain, useProjects } from './helpers/cli.js';
import { runWithFullDisk } from './helpers/full-disk.js';
import { hashTree, listTree } from './helpers/hostile.js';

const FIXTURES = join(ROOT, 'test', 'fixtures', 'import');
const JEKYLL = join(FIXTURES, 'jekyll');
const HUGO = join(FIXTURES, 'hugo');
const CONFIG = 'organisation:\n  name: State Migration Service\ntimezone: Asia/Baku\nlanguages: [az, en, ru]\n';

const project = useProjects();

interface JsonReport {
  dryRun: boolean;
  summary: Record<string, number>;
  converted: { source: string; target: string; lang: string; id: string; slug: string; status: string; action: string; reason: string | null; oldUrl: string | null }[];
  skipped: { file: string; line: number | null; reason: string }[];
  needsPerson: { file: string; line: number; source: string; sourceLine: number; message: string }[];
  droppedKeys: Record<string, number>;
  validation: { summary: { errors: number; warnings: number }; diagnostics: { file: string; ruleId: string }[] };
}

const importJekyll = (cwd: string, ...extra: string[]) => runMain(['import', JEKYLL, '--from', 'jekyll', '--to', 'releases', '--lang-from-path', '--lang', 'en', '--now', NOW, ...extra], { cwd });
// The site's hugo.toml names English as the default language: no --lang needed.
const importHugo = (cwd: string, ...extra: string[]) => runMain(['import', HUGO, '--from', 'hugo', '--to', 'releases', '--now', NOW, ...extra], { cwd });

const json = (stdout: string) => JSON.parse(stdout) as JsonReport;

describe('migration-news import --from jekyll', () => {
  it('converts the posts, never touches the site, and the result builds', async () => {
    const before = await hashTree(JEKYLL);
    const dir = await project({ 'migration-news.config.yaml': CONFIG });
    const result = await importJekyll(dir);
    expect(result.stderr).toBe('');
    // Two of the site's posts cannot be converted (one in German, one dated "next Tuesday"): the run says so in its exit code too.
    expect(result.code).toBe(1);
    expect(await hashTree(JEKYLL)).toEqual(before);
    expect(await listTree(join(dir, 'releases'))).toEqual([
      '.migration-news-import.json',
      'en/2015-03-02-work-permits.md',
      'en/2016-05-10-html-post.md',
      'en/2026-12-01-upcoming-quota.md',
      'en/residence-centre.md',
      'ru/2015-03-02-work-permits.md',
      'ru/2017-02-14-ochen-vazhnoe-soobshchenie-dlya-inostrantsev-kotorye-zhivut-i-rabotayut-v-azerbaydzhane-s-dlinnym.md',
      'ru/residence-centre.md',
    ]);

    const en = await readFile(join(dir, 'releases/en/residence-centre.md'), 'utf8');
    const parsedEn = parseReleaseFile(en, 'en.md');
    expect(parsedEn.data).toEqual({
      id: 'residence-centre', title: 'Service opens a new residence permit centre', date: '2014-01-24T03:00:00+04:00', lang: 'en',
      status: 'published', slug: 'new-residence-centre', aliases: ['/2014/01/23/new-residence-centre.html'], summary: 'A new centre in Baku handles residence permits in one visit.',
      tags: ['residence', 'centre', 'news', 'permits'],
    });
    expect(parsedEn.body).toContain('![Map of the centre](/press/assets/map.png)');
    expect(parsedEn.body).toContain('[contacts page](/press/contacts/)');
    expect(parsedEn.body).toContain('[work permits](/press/en/work-permits.html)');
    expect(parsedEn.body).toContain('```ruby\ndef permit(days)\n  days * 2\nend\n```');
    expect(parsedEn.body).toContain('Templates are written like this: {{ page.title }}.');
    expect(parsedEn.body).toContain('{% include note.html text="Bring your passport" %}');

    const ru = parseReleaseFile(await readFile(join(dir, 'releases/ru/residence-centre.md'), 'utf8'), 'ru.md');
    expect(ru.data).toMatchObject({ id: 'residence-centre', lang: 'ru', slug: 'novyy-tsentr-vydachi', title: 'Служба открыла новый центр выдачи разрешений на проживание', subtitle: 'Приём ведётся без предварительной записи', date: '2014-01-24T03:00:00+04:00', tags: ['вид на жительство'], aliases: ['/ru/novosti/Новый-Центр-Выдачи.html'] });
    // The old address is an alias (relative to the old base, /press, which the new site takes the place of), not a comment.
    expect(ru.text).not.toContain('Old address');
    expect(ru.body).toContain('[отдельном сообщении](/press/ru/work-permits.html)');

    const permits = parseReleaseFile(await readFile(join(dir, 'releases/en/2015-03-02-work-permits.md'), 'utf8'), 'p.md');
    expect(permits.data).toEqual({ id: '2015-03-02-work-permits', title: 'Work permits: the 2015 quota', date: '2015-03-02', lang: 'en', status: 'draft', slug: 'work-permits', aliases: ['/news/work-permits-2015.html'], location: 'Baku', tags: ['quota'] });
    const permitsRu = parseReleaseFile(await readFile(join(dir, 'releases/ru/2015-03-02-work-permits.md'), 'utf8'), 'p.md');
    expect(permitsRu.data).toMatchObject({ id: '2015-03-02-work-permits', lang: 'ru', status: 'draft' });

    const built = await runMain(['build', 'releases', '--out', 'dist', '--now', NOW], { cwd: dir });
    expect(built.stderr).toBe('');
    expect(built.code).toBe(0);
    const dist = await listTree(join(dir, 'dist'));
    expect(dist).toContain('en/new-residence-centre.html');
    expect(dist).toContain('ru/novyy-tsentr-vydachi.html');
    expect(dist.filter((f) => f.includes('work-permits') || f.includes('upcoming'))).toEqual([]);
    const page = await readFile(join(dir, 'dist/en/new-residence-centre.html'), 'utf8');
    expect(page).toContain('novyy-tsentr-vydachi.html');
    const ruPage = await readFile(join(dir, 'dist/ru/novyy-tsentr-vydachi.html'), 'utf8');
    expect(ruPage).toContain('Служба открыла новый центр выдачи разрешений на проживание');

    // Every old address of a published post is a page that sends readers on to the new one, Cyrillic ones included.
    const longName = 'Очень-важное-сообщение-для-иностранцев-которые-живут-и-работают-в-Азербайджане-с-длинным-названием';
    const redirects: Record<string, string> = {
      '2014/01/23/new-residence-centre.html': '../../../en/new-residence-centre.html',
      'ru/novosti/Новый-Центр-Выдачи.html': '../novyy-tsentr-vydachi.html',
      [`2017/02/14/${longName}.html`]: '../../../ru/ochen-vazhnoe-soobshchenie-dlya-inostrantsev-kotorye-zhivut-i-rabotayut.html',
    };
    for (const [path, href] of Object.entries(redirects)) {
      expect(dist, path).toContain(path);
      const redirect = await readFile(join(dir, 'dist', path), 'utf8');
      expect(redirect).toContain(`<meta http-equiv="refresh" content="0; url=${href}">`);
      expect(redirect).toContain(`<link rel="canonical" href="${href}">`);
      expect(redirect).toContain(`<a href="${href}">`);
      // The link leads to the page the build wrote.
      expect(dist).toContain(join(dirname(path), href).replace(/\\/g, '/'));
    }
    const map = JSON.parse(await readFile(join(dir, 'dist/redirects.json'), 'utf8')) as { redirects: { from: string; path: string; to: string; file: string }[] };
    expect(map.redirects.map((r) => [r.path, r.to])).toEqual([
      ['/2014/01/23/new-residence-centre.html', '/en/new-residence-centre.html'],
      ['/2016/05/10/html-post.html', '/en/html-post.html'],
      [`/2017/02/14/${longName}.html`, '/ru/ochen-vazhnoe-soobshchenie-dlya-inostrantsev-kotorye-zhivut-i-rabotayut.html'],
      ['/ru/novosti/Новый-Центр-Выдачи.html', '/ru/novyy-tsentr-vydachi.html'],
    ]);
    expect(map.redirects.find((r) => r.path.startsWith('/ru/novosti/'))!.from).toBe(`/ru/novosti/${encodeURIComponent('Новый-Центр-Выдачи')}.html`);
    // The drafts' old addresses lead nowhere yet.
    expect(dist.filter((f) => f.startsWith('news/'))).toEqual([]);
    expect(JSON.stringify(map)).not.toContain('work-permits');
  });

  it('reports what it converted, skipped and left for a person, with file:line', async () => {
    const dir = await project({ 'migration-news.config.yaml': CONFIG });
    const { stdout } = await importJekyll(dir);
    expect(stdout).toContain('Converted 7 posts:');
    expect(stdout).toContain('  _posts/2014-01-23-new-residence-centre.md → releases/en/residence-centre.md (new)');
    expect(stdout).toContain('Skipped 3 files:');
    expect(stdout).toContain('  _posts/2016-05-10-html-post.html → releases/en/2016-05-10-html-post.md (new)');
    // An HTML post's notes are where what they name stands in the post, and in the release where it went (what was left out: the block after it).
    expect(stdout).toContain('  releases/en/2016-05-10-html-post.md:24 (from _posts/2016-05-10-html-post.html:14): <script> has no Markdown form and was left out');
    expect(stdout).toContain('  releases/en/2016-05-10-html-post.md:24 (from _posts/2016-05-10-html-post.html:15): the image /assets/office.jpg is at an address of the old site');
    expect(stdout).toContain('  _posts/2016-07-01-german.md:3: its language "de" is not one of the project\'s languages (az, en, ru)');
    expect(stdout).toMatch(/ {2}_posts\/2016-08-01-bad-date\.md:4: `date`: "next Tuesday" is not a date/);
    expect(stdout).toContain('  about.md: not a post');
    expect(stdout).toContain('  releases/en/residence-centre.md:26 (from _posts/2014-01-23-new-residence-centre.md:20): template tag `{% include note.html text="Bring your passport" %}` left in place');
    expect(stdout).toContain('  releases/en/residence-centre.md:24 (from _posts/2014-01-23-new-residence-centre.md:18): the link to _posts/2015-03-02-work-permits.md leads to a draft');
    expect(stdout).toContain('was made from the file name');
    expect(stdout).toContain('Front matter keys dropped (no place in a release): layout (3), author (1), comments (1).');
    expect(stdout).toContain('2 other files (layouts, assets, configuration) were not read.');
    expect(stdout).toContain('Checking the imported releases:');
    // Each reported line holds the tag it names.
    const release = (await readFile(join(dir, 'releases/en/residence-centre.md'), 'utf8')).split('\n');
    expect(release[25]).toBe('{% include note.html text="Bring your passport" %}');
  });

  it('shows at most 20 notes a release in its text report, counting the rest, which the JSON report lists', async () => {
    const images = (from: number, count: number) => Array.from({ length: count }, (_, i) => `![photo ${from + i}](/images/p${from + i}.png)\n`).join('\n');
    const dir = await project({
      'migration-news.config.yaml': CONFIG,
      'site/hugo.toml': 'baseURL = "https://press.example.az"\n',
      'site/content/posts/many.md': `---\ntitle: Many pictures\ndate: 2026-05-01\n---\n${images(0, 50)}`,
      'site/content/posts/few.md': `---\ntitle: Few pictures\ndate: 2026-05-02\n---\n${images(100, 2)}`,
    });
    const run = (...extra: string[]) => runMain(['import', 'site', '--from', 'hugo', '--to', 'releases', '--lang', 'en', '--dry-run', '--now', NOW, ...extra], { cwd: dir });
    const lines = (await run()).stdout.split('\n');
    expect(lines).toContain('Needs a person (52):');
    const many = lines.filter((line) => line.startsWith('  releases/en/2026-05-01-many.md'));
    expect(many).toHaveLength(21);
    expect(many[19]).toContain('the image /images/p19.png is at an address of the old site');
    expect(many[20]).toBe('  releases/en/2026-05-01-many.md: 30 more notes for this release, not shown; `--reporter json` lists every one.');
    expect(lines.filter((line) => line.startsWith('  releases/en/2026-05-02-few.md'))).toHaveLength(2);
    expect(json((await run('--reporter', 'json')).stdout).needsPerson).toHaveLength(52);
  });

  it('reads a post that starts with invisible characters as validate reads a release: they are no reason to skip it', async () => {
    // The site copied, with one post saved by a tool that put a second byte-order mark and a word joiner before its `---`.
    const dir = await project({ 'migration-news.config.yaml': CONFIG });
    const site = join(dir, 'site');
    await cp(JEKYLL, site, { recursive: true });
    const post = join(site, '_posts/2014-01-23-new-residence-centre.md');
    await writeFile(post, `\uFEFF\uFEFF\u2060${await readFile(post, 'utf8')}`);
    const result = await runMain(['import', site, '--from', 'jekyll', '--to', 'releases', '--lang-from-path', '--lang', 'en', '--now', NOW, '--reporter', 'json'], { cwd: dir });
    const report = json(result.stdout);
    expect(report.skipped.map((s) => s.file)).not.toContain('_posts/2014-01-23-new-residence-centre.md');
    expect(report.converted.map((c) => c.source)).toContain('_posts/2014-01-23-new-residence-centre.md');
    expect((await readFile(join(dir, 'releases/en/residence-centre.md'), 'utf8')).startsWith('---\n')).toBe(true);
  });

  it('counts dropped keys named like an object\'s own (constructor, __proto__) as any other', async () => {
    const dir = await project({ 'migration-news.config.yaml': CONFIG, 'site/_posts/2020-01-08-odd-keys.md': '---\ntitle: Odd keys\nconstructor: 1\n__proto__: 2\ntoString: 3\n---\nBody.\n' });
    const result = await runMain(['import', 'site', '--from', 'jekyll', '--to', 'releases', '--lang', 'en', '--now', NOW, '--reporter', 'json'], { cwd: dir });
    // As the report's text has it: a literal `__proto__` key in this file would set a prototype instead.
    expect(JSON.stringify(json(result.stdout).droppedKeys)).toBe('{"constructor":1,"__proto__":1,"toString":1}');
  });

  it('--reporter json gives the same facts and the check of the result', async () => {
    const dir = await project({ 'migration-news.config.yaml': CONFIG });
    const result = await importJekyll(dir, '--reporter', 'json');
    expect(result.code).toBe(1);
    const report = json(result.stdout);
    expect(report.summary).toMatchObject({ converted: 7, created: 7, refused: 0, skipped: 3 });
    expect(report.converted.find((c) => c.target === 'ru/residence-centre.md')).toMatchObject({ source: 'ru/_posts/2014-01-24-novyy-tsentr.md', id: 'residence-centre', action: 'create', oldUrl: '/press/ru/novosti/Новый-Центр-Выдачи.html' });
    expect(report.converted.find((c) => c.target === 'ru/2015-03-02-work-permits.md')?.oldUrl).toBe('/press/2015/03/02/work-permits.html');
    expect(report.converted.find((c) => c.target === 'en/2026-12-01-upcoming-quota.md')?.oldUrl).toBeNull();
    expect(report.needsPerson).toContainEqual({ file: 'ru/residence-centre.md', line: 21, source: 'ru/_posts/2014-01-24-novyy-tsentr.md', sourceLine: 15, message: 'template tag `{% include video.html id="abc" %}` left in place' });
    expect((await readFile(join(dir, 'releases/ru/residence-centre.md'), 'utf8')).split('\n')[20]).toBe('{% include video.html id="abc" %}');
    expect((await readFile(join(JEKYLL, 'ru/_posts/2014-01-24-novyy-tsentr.md'), 'utf8')).split('\n')[14]).toBe('{% include video.html id="abc" %}');
    expect(report.droppedKeys).toEqual({ layout: 3, author: 1, comments: 1 });
    expect(report.validation.summary.errors).toBe(0);
    // Every key an imported release has is part of the release format, `aliases` included.
    expect(report.validation.diagnostics.filter((d) => d.ruleId === 'schema/unknown-key')).toEqual([]);
  });

  it('is idempotent, and replaces an edited release only with --force', async () => {
    const dir = await project({ 'migration-news.config.yaml': CONFIG });
    await importJekyll(dir);
    const first = await hashTree(join(dir, 'releases'));
    const again = await importJekyll(dir, '--reporter', 'json');
    expect(again.code).toBe(1);
    expect(json(again.stdout).summary).toMatchObject({ unchanged: 7, created: 0, updated: 0 });
    expect(await hashTree(join(dir, 'releases'))).toEqual(first);

    const edited = join(dir, 'releases/en/residence-centre.md');
    const text = (await readFile(edited, 'utf8')).replace('opened a new centre', 'opened a brand-new centre');
    await writeFile(edited, text);
    const kept = await importJekyll(dir);
    expect(kept.stdout).toContain('releases/en/residence-centre.md (kept: edited by hand; the release the import makes of its post is unchanged since it was imported)');
    expect(await readFile(edited, 'utf8')).toBe(text);

    const dry = await importJekyll(dir, '--force', '--dry-run', '--reporter', 'json');
    expect(json(dry.stdout).converted.find((c) => c.target === 'en/residence-centre.md')?.action).toBe('replace');
    expect(await readFile(edited, 'utf8')).toBe(text);

    const forced = await importJekyll(dir, '--force');
    expect(forced.code).toBe(1); // the two posts that cannot be converted, as above
    expect(forced.stdout).toContain('releases/en/residence-centre.md (replaced: edited since it was imported)');
    expect(await hashTree(join(dir, 'releases'))).toEqual(first);
  });

  it('keeps a release edited by hand while its post is unchanged, and refuses it, a conflict, once the post changed too', async () => {
    const post = (title: string, text: string) => `---\ntitle: ${title}\n---\n${text}\n`;
    const dir = await project({
      'migration-news.config.yaml': CONFIG,
      'site/_config.yml': 'title: News\n',
      'site/_posts/2021-05-04-a.md': post('A', 'Text of A.'),
      'site/_posts/2021-05-05-b.md': post('B', 'Text of B.'),
    });
    const run = (...extra: string[]) => runMain(['import', 'site', '--from', 'jekyll', '--to', 'releases', '--lang', 'en', '--now', NOW, ...extra], { cwd: dir });
    const actions = async (...extra: string[]) => {
      const result = await run('--reporter', 'json', ...extra);
      return { code: result.code, converted: json(result.stdout).converted.map((c) => `${c.target} ${c.action}${c.reason ? `: ${c.reason}` : ''}`) };
    };
    expect((await run()).code).toBe(0);
    // The hand fix the report asked for: it stands, run after run, and the run is no failure.
    const a = join(dir, 'releases/en/2021-05-04-a.md');
    const edited = (await readFile(a, 'utf8')).replace('Text of A.', 'Text of A, put right by hand.');
    await writeFile(a, edited);
    const kept = await run();
    expect(kept.code, kept.stdout).toBe(0);
    expect(kept.stdout).toContain('_posts/2021-05-04-a.md → releases/en/2021-05-04-a.md (kept: edited by hand; the release the import makes of its post is unchanged since it was imported)');
    expect((await run('--dry-run')).stdout).toContain('(would be kept: edited by hand; the release the import makes of its post is unchanged since it was imported)');
    await writeFile(join(dir, 'site/_posts/2021-05-05-b.md'), post('B', 'Text of B, changed.'));
    expect(await actions()).toEqual({ code: 0, converted: ['en/2021-05-04-a.md keep: edited by hand; the release the import makes of its post is unchanged since it was imported', 'en/2021-05-05-b.md update'] });
    expect(json((await run('--reporter', 'json')).stdout).summary).toMatchObject({ kept: 1, unchanged: 1, refused: 0 });
    expect(await readFile(a, 'utf8')).toBe(edited);
    // The post unchanged, but the site's configuration now unpublishes it: the release it makes changed, and the edited one, still
    // published, is not kept without a word.
    await writeFile(join(dir, 'site/_config.yml'), 'title: News\ndefaults:\n  - scope: {path: "_posts/2021-05-04-a.md"}\n    values: {published: false}\n');
    expect((await actions()).converted[0]).toBe('en/2021-05-04-a.md refuse: it was edited since it was imported, and the release the import makes of its post changed since (the post, the site\'s configuration, or the import itself); --force replaces it');
    expect(await readFile(a, 'utf8')).toBe(edited);
    await writeFile(join(dir, 'site/_config.yml'), 'title: News\n');

    // The post changed as well: a person has to carry its change into the release, on every run until then.
    await writeFile(join(dir, 'site/_posts/2021-05-04-a.md'), post('A', 'Text of A, changed.'));
    for (let i = 0; i < 2; i++) {
      expect(await actions()).toEqual({ code: 1, converted: ['en/2021-05-04-a.md refuse: it was edited since it was imported, and the release the import makes of its post changed since (the post, the site\'s configuration, or the import itself); --force replaces it', 'en/2021-05-05-b.md unchanged'] });
      expect(await readFile(a, 'utf8')).toBe(edited);
    }
    expect(await actions('--force')).toEqual({ code: 0, converted: ['en/2021-05-04-a.md replace: edited since it was imported', 'en/2021-05-05-b.md unchanged'] });
    expect(await readFile(a, 'utf8')).toContain('Text of A, changed.');

    // Made again after that, the hand fixes are kept again, run after run.
    const again = (await readFile(a, 'utf8')).replace('Text of A, changed.', 'Text of A, changed, and put right by hand.');
    await writeFile(a, again);
    expect((await actions()).converted[0]).toBe('en/2021-05-04-a.md keep: edited by hand; the release the import makes of its post is unchanged since it was imported');
    expect(await readFile(a, 'utf8')).toBe(again);
  });

  it('does not write again a release removed since it was imported, unless --force', async () => {
    const post = (title: string, text: string) => `---\ntitle: ${title}\n---\n${text}\n`;
    const dir = await project({
      'migration-news.config.yaml': CONFIG,
      'site/_config.yml': 'title: News\n',
      'site/_posts/2021-05-04-a.md': post('A', 'Text of A.'),
      'site/_posts/2021-05-05-b.md': post('B', 'Text of B.'),
    });
    const actions = async (...extra: string[]) => {
      const result = await runMain(['import', 'site', '--from', 'jekyll', '--to', 'releases', '--lang', 'en', '--now', NOW, '--reporter', 'json', ...extra], { cwd: dir });
      return { code: result.code, converted: json(result.stdout).converted.map((c) => `${c.target} ${c.action}${c.reason ? `: ${c.reason}` : ''}`) };
    };
    expect((await actions()).code).toBe(0);
    // Left out of the new site on purpose: the next run, for the posts added since, does not bring it back, nor a change of its post.
    await rm(join(dir, 'releases/en/2021-05-04-a.md'));
    await writeFile(join(dir, 'site/_posts/2021-05-04-a.md'), post('A', 'Text of A, changed.'));
    for (const extra of [[], ['--dry-run']]) {
      expect(await actions(...extra)).toEqual({ code: 0, converted: ['en/2021-05-04-a.md keep: removed since it was imported; not written again (--force writes it)', 'en/2021-05-05-b.md unchanged'] });
    }
    expect(await listTree(join(dir, 'releases'))).toEqual(['.migration-news-import.json', 'en/2021-05-05-b.md']);
    expect(await actions('--force')).toEqual({ code: 0, converted: ['en/2021-05-04-a.md create', 'en/2021-05-05-b.md unchanged'] });
    expect(await readFile(join(dir, 'releases/en/2021-05-04-a.md'), 'utf8')).toContain('Text of A, changed.');
  });

  it('stops at a damaged record, naming it and what is wrong, and writes nothing', async () => {
    const dir = await project({
      'migration-news.config.yaml': CONFIG,
      'site/_config.yml': 'title: News\n',
      'site/_posts/2021-05-04-a.md': '---\ntitle: A\n---\nText of A.\n',
      'site/_posts/2021-05-05-b.md': '---\ntitle: B\n---\nText of B.\n',
    });
    const run = (...extra: string[]) => runMain(['import', 'site', '--from', 'jekyll', '--to', 'releases', '--lang', 'en', '--now', NOW, ...extra], { cwd: dir });
    expect((await run()).code).toBe(0);
    const path = join(dir, 'releases/.migration-news-import.json');
    const good = await readFile(path, 'utf8');
    // b is new on the old site's side: a run that took the record for none would refuse a, and b too.
    await writeFile(join(dir, 'site/_posts/2021-05-05-b.md'), '---\ntitle: B\n---\nText of B, changed.\n');
    const damaged: [string | Buffer, string][] = [
      [good.replace(/,\n {2}"posts"/, '\n  "posts"'), 'is not JSON: expected \',\' or \'}\' after property value at line 7, column 3'],
      [good.slice(0, 100), 'is not JSON: '],
      ['', 'is empty'],
      ['<<<<<<< HEAD\n{}', 'is not JSON: unexpected token \'<\''],
      [Buffer.from([0x7b, 0xff, 0x7d]), 'is not UTF-8 text'],
      ['[]', 'holds no JSON object'],
      ['{"files": {}}', 'has no "version": 1'],
      ['{"version": 1, "posts": {}}', 'has no "files" object, of the releases it wrote and their hashes'],
      ['{"version": 1, "files": {}, "posts": []}', 'has a "posts" that is not an object'],
    ];
    for (const [text, problem] of damaged) {
      await writeFile(path, text);
      const before = await hashTree(join(dir, 'releases'));
      for (const extra of [[], ['--dry-run'], ['--force']]) {
        const result = await run(...extra);
        expect(result.code, result.stdout).toBe(2);
        expect(result.stdout).toBe('');
        expect(result.stderr).toContain(`migration-news: The import stopped: releases/.migration-news-import.json ${problem}`);
        expect(result.stderr).toContain('It is the importer\'s record of the releases it wrote into releases, which it may update, and of the ids and slugs it gave posts; nothing was written.\n');
        expect(result.stderr).toContain('hint: Put it right (as committed, if releases is in version control), or move it away to start afresh, knowing that the releases already in releases are then taken for hand-written ones');
        expect(await hashTree(join(dir, 'releases'))).toEqual(before);
      }
    }
    await writeFile(path, JSON.stringify({ version: 2, files: {} }));
    const newer = await run();
    expect(newer.code).toBe(2);
    expect(newer.stderr).toContain('releases/.migration-news-import.json is of version 2, which a newer migration-news wrote; this one reads version 1.');
    expect(newer.stderr).toContain('hint: Import with the migration-news that wrote it, or a newer one.\n');

    // Put right, the run goes on from it.
    await writeFile(path, good);
    const mended = await run('--reporter', 'json');
    expect(mended.code).toBe(0);
    expect(json(mended.stdout).converted.map((c) => `${c.target} ${c.action}`)).toEqual(['en/2021-05-04-a.md unchanged', 'en/2021-05-05-b.md update']);
  });

  it('refuses to replace a release it did not write', async () => {
    const dir = await project({ 'migration-news.config.yaml': CONFIG, 'releases/en/residence-centre.md': '---\ntitle: Mine\n---\nWritten by hand.\n' });
    const result = await importJekyll(dir);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('(NOT written: it exists and was not written by import; --force replaces it)');
    expect(result.stdout).toContain('\n1 release was not written, for the reason given above. --force replaces it.\n');
    expect(await readFile(join(dir, 'releases/en/residence-centre.md'), 'utf8')).toBe('---\ntitle: Mine\n---\nWritten by hand.\n');
    // A folder in the release's place is no edit --force would replace: it is not offered, with --force or without.
    await rm(join(dir, 'releases/en/residence-centre.md'));
    await mkdir(join(dir, 'releases/en/residence-centre.md'));
    for (const force of [[], ['--force']]) {
      const folder = await importJekyll(dir, ...force);
      expect(folder.stdout).toContain('(NOT written: a folder is in its place)');
      expect(folder.stdout).toContain('\n1 release was not written, for the reason given above. Move what is in the way, and import again.\n');
    }
  });

  it('updates a release it wrote when the post changed', async () => {
    const dir = await project({ 'migration-news.config.yaml': CONFIG });
    const site = join(dir, 'site');
    await cp(JEKYLL, site, { recursive: true });
    const run = () => runMain(['import', 'site', '--from', 'jekyll', '--to', 'releases', '--lang-from-path', '--lang', 'en', '--now', NOW, '--reporter', 'json'], { cwd: dir });
    await run();
    const post = join(site, '_posts/2014-01-23-new-residence-centre.md');
    await writeFile(post, (await readFile(post, 'utf8')).replace('opened a new centre', 'opened a second centre'));
    const report = json((await run()).stdout);
    expect(report.converted.find((c) => c.target === 'en/residence-centre.md')?.action).toBe('update');
    expect(await readFile(join(dir, 'releases/en/residence-centre.md'), 'utf8')).toContain('opened a second centre');

    // A post renamed on the old site: its new release is written, the earlier one left and reported.
    await rename(join(site, '_posts/2015-03-02-work-permits.md'), join(site, '_posts/2015-03-03-work-permits.md'));
    const renamed = await runMain(['import', 'site', '--from', 'jekyll', '--to', 'releases', '--lang-from-path', '--lang', 'en', '--now', NOW], { cwd: dir });
    expect(renamed.stdout).toContain('Imported earlier but not produced now (1; left as they are, remove them if they are not wanted):\n  releases/en/2015-03-02-work-permits.md\n');
    expect(await listTree(join(dir, 'releases/en'))).toEqual(expect.arrayContaining(['2015-03-02-work-permits.md', '2015-03-03-work-permits.md']));
  });

  it('reports no file outside the destination that a committed record names, not even through a linked folder, and drops such names from it', async () => {
    const outside = await project({ 'secret.md': 'not the project\'s\n', 'passwd.md': 'x\n' });
    const dir = await project({
      'migration-news.config.yaml': CONFIG,
      'releases/en/kept-by-hand.md': '---\ntitle: Mine\n---\nBody.\n',
      'releases/.migration-news-import.json': JSON.stringify({ version: 1, files: {
        [`../../../../../../../../../..${outside}/secret.md`]: 'x', [`${outside}/passwd.md`]: 'x', 'elsewhere/secret.md': 'x', 'en/./kept-by-hand.md': 'x', 'en/kept-by-hand.md': 'x',
      } }),
    });
    await symlink(outside, join(dir, 'releases/elsewhere'));
    // The release written by hand is no valid release, which the import's check reports (exit 1).
    const result = await importJekyll(dir);
    expect(result.code, result.stderr).toBe(1);
    expect(result.stdout).toContain('Imported earlier but not produced now (1; left as they are, remove them if they are not wanted):\n  releases/en/kept-by-hand.md\n');
    expect(result.stdout).not.toContain('secret');
    expect(result.stdout).not.toContain('passwd');
    const record = JSON.parse(await readFile(join(dir, 'releases/.migration-news-import.json'), 'utf8')) as { files: Record<string, string> };
    expect(Object.keys(record.files).filter((path) => path.includes('..') || path.startsWith('/') || path.includes('/./'))).toEqual([]);
    expect(Object.keys(record.files)).toContain('en/kept-by-hand.md');
  });

  it('--dry-run writes nothing and shows the same report', async () => {
    const dir = await project({ 'migration-news.config.yaml': CONFIG });
    const dry = await importJekyll(dir, '--dry-run');
    expect(dry.code).toBe(1);
    expect(await listTree(dir)).toEqual(['migration-news.config.yaml']);
    expect(dry.stdout).toContain('(dry run: nothing is written)');
    expect(dry.stdout).toContain('_posts/2014-01-23-new-residence-centre.md → releases/en/residence-centre.md (would be new)');
    const real = await importJekyll(dir);
    const strip = (s: string) => s.replace(' (dry run: nothing is written)', '').replace(/would be new/g, 'new');
    expect(strip(dry.stdout)).toBe(real.stdout);
  });

  it('--dry-run reports the clashes with releases already in --to, and the refusals, as the real run does', async () => {
    const mine = '---\ntitle: Hand-written\ndate: 2020-01-01\nlang: en\nstatus: published\nslug: new-residence-centre\naliases: [/2014/01/23/new-residence-centre.html]\n---\nMine.\n';
    const edited = '---\ntitle: Written by a person\ndate: 2014-01-24\nlang: ru\n---\nText.\n';
    const dir = await project({ 'migration-news.config.yaml': CONFIG, 'releases/en/mine.md': mine, 'releases/ru/2015-03-02-work-permits.md': edited });
    const before = await hashTree(join(dir, 'releases'));
    const dry = await importJekyll(dir, '--dry-run', '--reporter', 'json');
    expect(await hashTree(join(dir, 'releases'))).toEqual(before);
    const real = await importJekyll(dir, '--reporter', 'json');
    for (const result of [dry, real]) {
      expect(result.code).toBe(1);
      const report = json(result.stdout);
      expect(report.converted.find((c) => c.target === 'ru/2015-03-02-work-permits.md')).toMatchObject({ action: 'refuse', reason: 'it exists and was not written by import; --force replaces it' });
      expect(report.validation.diagnostics.filter((d) => d.ruleId !== 'content/template-syntax' && d.ruleId !== 'translation/mismatch').map((d) => `${d.file} ${d.ruleId}`)).toEqual([
        'releases/en/residence-centre.md slug/duplicate',
        'releases/en/residence-centre.md alias/duplicate',
      ]);
    }
    const normalise = (stdout: string) => ({ ...json(stdout), dryRun: null, converted: json(stdout).converted.map((c) => ({ ...c, action: c.action === 'refuse' ? 'refuse' : 'write' })) });
    expect(normalise(dry.stdout).validation).toEqual(normalise(real.stdout).validation);
  });

  it('says a link out of the site, or out and back, in one way whatever is where it leads', async () => {
    // `probe` beside the project, whose existence the import's report must not tell.
    const outer = await project({ 'probe/.keep': '', 'elsewhere/post.md': '---\ntitle: Elsewhere\n---\nText.\n' });
    const dir = join(outer, 'project');
    const site = join(dir, 'site');
    await mkdir(dir);
    await writeFile(join(dir, 'migration-news.config.yaml'), CONFIG);
    await cp(JEKYLL, site, { recursive: true });
    await writeFile(join(site, 'real.md'), '---\ntitle: Kept in the site\ndate: 2020-01-03\n---\nText.\n');
    const targets = [join(outer, 'elsewhere'), join(outer, 'elsewhere', 'post.md'), join(outer, 'nothing.md'), '../../probe/../project/site/real.md'];
    const said: string[] = [];
    for (const [i, target] of targets.entries()) {
      for (const probe of i === targets.length - 1 ? [true, false] : [true]) {
        if (!probe) await rename(join(outer, 'probe'), join(outer, 'gone'));
        await symlink(target, join(site, '_posts/2020-01-03-linked.md'));
        const result = await runMain(['import', 'site', '--from', 'jekyll', '--to', 'releases', '--lang', 'en', '--dry-run', '--now', NOW], { cwd: dir });
        said.push(result.stdout.split('\n').filter((line) => line.includes('linked')).join('\n'));
        await rm(join(site, '_posts/2020-01-03-linked.md'));
      }
    }
    expect(said[0]).toBe('  _posts/2020-01-03-linked.md: a symbolic link to outside the site folder; not read');
    expect(new Set(said).size).toBe(1);
  });

  it('does not follow symbolic links out of the site, and refuses a destination inside it', async () => {
    const dir = await project({ 'migration-news.config.yaml': CONFIG, 'secret.md': '---\ntitle: Secret\nlang: en\n---\nSECRET TEXT\n' });
    const site = join(dir, 'site');
    await cp(JEKYLL, site, { recursive: true });
    await symlink(join(dir, 'secret.md'), join(site, '_posts/2020-01-01-secret.md'));
    await symlink(join(site, '_posts/2015-03-02-work-permits.md'), join(site, '_posts/2020-01-02-inside.md'));
    const result = await runMain(['import', 'site', '--from', 'jekyll', '--to', 'releases', '--lang', 'en', '--now', NOW], { cwd: dir });
    expect(result.stdout).toContain('_posts/2020-01-01-secret.md: a symbolic link to outside the site folder; not read');
    expect(result.stdout).toContain('_posts/2020-01-02-inside.md → releases/en/2020-01-02-inside.md');
    for (const file of await listTree(join(dir, 'releases'))) expect(await readFile(join(dir, 'releases', file), 'utf8')).not.toContain('SECRET');

    // A linked folder of posts is named, not passed over as one of the site's other files.
    const linked = join(dir, 'linked');
    await mkdir(join(linked, 'archive'), { recursive: true });
    await cp(join(site, '_posts'), join(linked, 'archive', 'posts'), { recursive: true });
    await symlink('archive/posts', join(linked, '_posts'));
    const viaLink = await runMain(['import', 'linked', '--from', 'jekyll', '--to', 'from-link', '--lang', 'en', '--now', NOW], { cwd: dir });
    // With no post left to import, it stops there, saying why (it said it converted none, and exited 0), and writes nothing.
    expect(viaLink.code).toBe(2);
    expect(viaLink.stderr).toMatch(/^migration-news: No posts to import were found in linked: a Jekyll site's posts are the Markdown and HTML files of its _posts and _drafts folders \(and collections\)\. \d+ files were passed over \(_posts: a symbolic link to a folder; not followed \(import from the folder it links to, or copy it in\); …\)\.\nhint: /);
    expect(await listTree(dir)).not.toContainEqual(expect.stringMatching(/^from-link/));

    const inside = await runMain(['import', 'site', '--from', 'jekyll', '--to', 'site/releases'], { cwd: dir });
    expect(inside.code).toBe(2);
    expect(inside.stderr).toContain('is inside the site folder');
    expect(await listTree(site)).not.toContain('releases/.migration-news-import.json');
  });

  it('reads a site\'s configuration file that is a link to a file inside the site, and names one that leads out of it', async () => {
    const page = '---\ntitle: Memo\ndate: 2026-01-05\n---\nText.\n';
    const dir = await project({
      'migration-news.config.yaml': CONFIG,
      'outside.toml': '[[cascade]]\ndraft = true\n',
      'inside/shared/site.toml': '[[cascade]]\ndraft = true\n',
      'inside/content/news/memo.md': page,
      'out/content/news/memo.md': page,
    });
    // Linked from inside the site: read, so its cascade keeps the page back. Linked from outside: not read, and said so.
    await symlink('shared/site.toml', join(dir, 'inside', 'hugo.toml'));
    await symlink(join(dir, 'outside.toml'), join(dir, 'out', 'hugo.toml'));
    const inside = json((await runMain(['import', 'inside', '--from', 'hugo', '--to', 'a', '--lang', 'en', '--now', NOW, '--reporter', 'json'], { cwd: dir })).stdout);
    expect(inside.converted.map((c) => [c.source, c.status])).toEqual([['content/news/memo.md', 'draft']]);
    expect(inside.skipped.map((s) => s.file)).not.toContain('hugo.toml');
    const out = json((await runMain(['import', 'out', '--from', 'hugo', '--to', 'b', '--lang', 'en', '--now', NOW, '--reporter', 'json'], { cwd: dir })).stdout);
    expect(out.skipped).toContainEqual({ file: 'hugo.toml', line: null, reason: 'a symbolic link to nothing, to something other than a file or to outside the site folder; its settings are not used' });
  });

  it('refuses to write through a symbolic link in the destination', async () => {
    const dir = await project({ 'migration-news.config.yaml': CONFIG });
    await mkdir(join(dir, 'elsewhere'));
    await mkdir(join(dir, 'releases'));
    await symlink(join(dir, 'elsewhere'), join(dir, 'releases', 'en'));
    const result = await importJekyll(dir);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('NOT written: the folder en is a symbolic link');
    expect(await listTree(join(dir, 'elsewhere'))).toEqual([]);
  });

  it('says what is in the way at the destination, without a stack trace, and a write that fails part-way keeps and records what it wrote', async () => {
    const dir = await project({ 'migration-news.config.yaml': CONFIG, 'afile': 'x\n' });
    const file = await importJekyll(dir, '--to', 'afile');
    expect(file.code).toBe(2);
    expect(file.stderr).toContain('The destination afile is a file, not a folder.');
    await mkdir(join(dir, 'releases/.migration-news-import.json'), { recursive: true });
    const record = await importJekyll(dir);
    expect(record.code).toBe(2);
    expect(record.stderr).toContain('releases/.migration-news-import.json is not a file: the importer keeps its record of what it wrote there.');
    expect(file.stderr + record.stderr).not.toMatch(/internal error|\n\s+at /);
    expect(await listTree(dir)).toEqual(['afile', 'migration-news.config.yaml']);

    // The second file's folder is a file: the first stays, and is the importer's by the record; a killed run's temporary file goes.
    const { applyWrites, ImportWriteError } = await import('../src/import/write.js');
    const to = join(dir, 'out');
    await mkdir(join(to, 'en'), { recursive: true });
    await writeFile(join(to, 'en/.a.md.import-999999999-0123abcd'), 'half');
    await writeFile(join(to, 'blocked'), 'in the way');
    const planned = (target: string) => ({ release: { target, text: `---\ntitle: ${target}\n---\n` } }) as unknown as Parameters<typeof applyWrites>[1][number];
    const failed = await applyWrites(to, [{ ...planned('en/a.md'), action: 'create' }, { ...planned('blocked/b.md'), action: 'create' }]).catch((e: unknown) => e);
    expect(failed).toBeInstanceOf(ImportWriteError);
    expect(failed).toMatchObject({ target: 'blocked/b.md', written: 1, reason: expect.stringMatching(/^E[A-Z]+: /) });
    expect(await listTree(to)).toEqual(['.migration-news-import.json', 'blocked', 'en/a.md']);
    expect(Object.keys((JSON.parse(await readFile(join(to, '.migration-news-import.json'), 'utf8')) as { files: object }).files)).toEqual(['en/a.md']);
  });

  it('says so when a full disk stopped it and the record of what it wrote could not be saved either', async () => {
    const dir = await project({ 'migration-news.config.yaml': CONFIG });
    const post = (title: string) => `---\ntitle: ${title}\n---\nThe Service reports.\n`;
    await mkdir(join(dir, 'site/_posts'), { recursive: true });
    await writeFile(join(dir, 'site/_config.yml'), 'title: Old site\n');
    await writeFile(join(dir, 'site/_posts/2025-01-01-a.md'), post('First'));
    await writeFile(join(dir, 'site/_posts/2025-01-02-b.md'), post('Second'));
    const args = ['import', 'site', '--from', 'jekyll', '--to', 'releases', '--lang', 'en', '--now', NOW];
    const stopped = await runWithFullDisk(args, dir, ['b.md.import-', 'migration-news-import.json.import-']);
    expect(stopped.code, stopped.stderr).toBe(2);
    expect(stopped.stderr).toMatch(/The import stopped: releases\/\S*b\.md cannot be written \(ENOSPC: [^)]*\)\. The 1 release written before it is kept, but not recorded as the importer's \(\.migration-news-import\.json: ENOSPC: [^)]*\): the next run takes it for the importer's only while unchanged;/);
    expect(stopped.stderr).not.toMatch(/internal error|\n\s+at /);
    expect((await listTree(join(dir, 'releases'))).filter((f) => !f.endsWith('a.md'))).toEqual([]);
    // With room again, the next run writes the rest, and takes the first as its own, unchanged.
    const again = await runMain(args, { cwd: dir });
    expect(again.code, again.stderr).toBe(0);
    expect(Object.keys((JSON.parse(await readFile(join(dir, 'releases/.migration-news-import.json'), 'utf8')) as { files: object }).files)).toHaveLength(2);
  });

  it('dates a draft without a date by the day its file was last changed', async () => {
    const dir = await project({ 'migration-news.config.yaml': CONFIG });
    const site = join(dir, 'site');
    await mkdir(join(site, '_drafts'), { recursive: true });
    await writeFile(join(site, '_config.yml'), 'title: Old site\n');
    await writeFile(join(site, '_drafts/upcoming.md'), '---\ntitle: Upcoming centre\n---\nThe centre opens soon.\n');
    await utimes(join(site, '_drafts/upcoming.md'), new Date('2026-03-16T22:30:00Z'), new Date('2026-03-16T22:30:00Z'));
    const result = await runMain(['import', site, '--from', 'jekyll', '--to', 'releases', '--lang', 'en', '--now', NOW, '--reporter', 'json'], { cwd: dir });
    expect(result.code, result.stdout + result.stderr).toBe(0);
    expect(json(result.stdout).skipped).toEqual([]);
    const files = async () => (await listTree(join(dir, 'releases'))).filter((f) => f.endsWith('.md'));
    expect(await files()).toEqual(['en/upcoming.md']);
    expect(await readFile(join(dir, 'releases/en/upcoming.md'), 'utf8')).toMatch(/^date: 2026-03-17\nlang: en\nstatus: draft$/m);
    // A checkout gives the file another time: the same release, at the same place, takes the new date.
    await utimes(join(site, '_drafts/upcoming.md'), new Date('2026-04-02T10:00:00Z'), new Date('2026-04-02T10:00:00Z'));
    const again = await runMain(['import', site, '--from', 'jekyll', '--to', 'releases', '--lang', 'en', '--now', NOW, '--reporter', 'json'], { cwd: dir });
    expect(again.code, again.stdout + again.stderr).toBe(0);
    expect(await files()).toEqual(['en/upcoming.md']);
    expect(await readFile(join(dir, 'releases/en/upcoming.md'), 'utf8')).toMatch(/^date: 2026-04-02$/m);
  });

  it('imports as published the unpublished posts and drafts a Jekyll site built all the same (unpublished, show_drafts), and as drafts those it did not', async () => {
    const posts = {
      '_posts/2020-01-08-held.md': '---\ntitle: Held back\npublished: false\n---\nHeld.\n',
      '_posts/2020-01-09-flagged.md': '---\ntitle: Flagged\ndraft: true\npublished: false\n---\nFlagged.\n',
      '_posts/2020-01-10-open.md': '---\ntitle: Open\n---\nOpen.\n',
      '_drafts/plan.md': '---\ntitle: Plan\ndate: 2020-02-01\n---\nThe plan.\n',
      '_drafts/quiet.md': '---\ntitle: Quiet\ndate: 2020-02-02\npublished: false\n---\nQuiet.\n',
      '_drafts/undated.md': '---\ntitle: Undated\n---\nNo date.\n',
    };
    const run = async (config: string) => {
      const dir = await project({ 'migration-news.config.yaml': CONFIG, 'site/_config.yml': `title: Old site\n${config}`, ...Object.fromEntries(Object.entries(posts).map(([path, text]) => [`site/${path}`, text])) });
      await utimes(join(dir, 'site/_drafts/undated.md'), new Date('2020-03-01T10:00:00Z'), new Date('2020-03-01T10:00:00Z'));
      const result = await runMain(['import', 'site', '--from', 'jekyll', '--to', 'releases', '--lang', 'en', '--now', NOW, '--reporter', 'json'], { cwd: dir });
      expect(result.code, result.stdout + result.stderr).toBe(0);
      const report = json(result.stdout);
      const releases: Record<string, [unknown, unknown]> = {};
      for (const c of report.converted) {
        const data = parseReleaseFile(await readFile(join(dir, 'releases', c.target), 'utf8'), c.target).data as Record<string, unknown>;
        releases[c.source] = [data.status, data.aliases];
      }
      return { releases, notes: report.needsPerson.map((n) => `${n.source}:${n.sourceLine} ${n.message}`) };
    };
    // Jekyll's defaults: neither the unpublished posts nor the drafts were built (a post in _posts keeps the address it would have had).
    expect((await run('')).releases).toEqual({
      '_posts/2020-01-08-held.md': ['draft', ['/2020/01/08/held.html']],
      '_posts/2020-01-09-flagged.md': ['draft', ['/2020/01/09/flagged.html']],
      '_posts/2020-01-10-open.md': ['published', ['/2020/01/10/open.html']],
      '_drafts/plan.md': ['draft', undefined],
      '_drafts/quiet.md': ['draft', undefined],
      '_drafts/undated.md': ['draft', undefined],
    });
    // `jekyll build --drafts`: the drafts were public, at addresses made from their dates; one `published: false` still was not.
    const drafts = await run('show_drafts: true\n');
    expect(drafts.releases).toEqual({
      '_posts/2020-01-08-held.md': ['draft', ['/2020/01/08/held.html']],
      '_posts/2020-01-09-flagged.md': ['draft', ['/2020/01/09/flagged.html']],
      '_posts/2020-01-10-open.md': ['published', ['/2020/01/10/open.html']],
      '_drafts/plan.md': ['published', ['/2020/02/01/plan.html']],
      '_drafts/quiet.md': ['draft', ['/2020/02/02/quiet.html']],
      '_drafts/undated.md': ['published', undefined],
    });
    expect(drafts.notes).toContain('_drafts/plan.md:1 a draft in _drafts, which Jekyll built all the same (`show_drafts`), so it was public on the old site; not imported as a draft');
    expect(drafts.notes).toContain('_drafts/undated.md:1 its address on the old site was made from its date, and it has none: Jekyll dated it by when its file was last changed on the machine that built the site, so the address is not known and is not kept; add it to the release\'s `aliases`');
    // `--unpublished` too: every post and draft was built, except the one marked `draft: true`, which Jekyll does not read but its author meant.
    const everything = await run('unpublished: true\nshow_drafts: true\n');
    expect(everything.releases).toEqual({
      '_posts/2020-01-08-held.md': ['published', ['/2020/01/08/held.html']],
      '_posts/2020-01-09-flagged.md': ['draft', ['/2020/01/09/flagged.html']],
      '_posts/2020-01-10-open.md': ['published', ['/2020/01/10/open.html']],
      '_drafts/plan.md': ['published', ['/2020/02/01/plan.html']],
      '_drafts/quiet.md': ['published', ['/2020/02/02/quiet.html']],
      '_drafts/undated.md': ['published', undefined],
    });
    expect(everything.notes).toContain('_posts/2020-01-08-held.md:3 unpublished (`published: false`), which Jekyll built all the same (`unpublished` in its configuration), so it was public on the old site; not imported as a draft');
  });

  /** Imports a Jekyll site made of `files` (its `_config.yml` among them): each release's status and aliases by source, and the notes for a person. */
  const importSite = async (files: Record<string, string>) => {
    const dir = await project({ 'migration-news.config.yaml': CONFIG, ...Object.fromEntries(Object.entries(files).map(([path, text]) => [`site/${path}`, text])) });
    const result = await runMain(['import', 'site', '--from', 'jekyll', '--to', 'releases', '--lang', 'en', '--now', NOW, '--reporter', 'json'], { cwd: dir });
    expect(result.code, result.stdout + result.stderr).toBe(0);
    const report = json(result.stdout);
    const releases: Record<string, [unknown, unknown]> = {};
    for (const c of report.converted) {
      const data = parseReleaseFile(await readFile(join(dir, 'releases', c.target), 'utf8'), c.target).data as Record<string, unknown>;
      releases[c.source] = [data.status, data.aliases];
    }
    return { releases, notes: report.needsPerson.map((n) => `${n.source}:${n.sourceLine} ${n.message}`) };
  };

  it('keeps the old addresses the posts collection\'s own permalink gave, under a post\'s permalink and the defaults\' and over the site\'s', async () => {
    const { releases } = await importSite({
      '_config.yml': 'permalink: /news/:year/:title/\ncollections:\n  posts:\n    output: true\n    permalink: /press/:categories/:title/\ndefaults:\n  - scope: {path: _posts/archive}\n    values: {permalink: /old/:title.html}\n',
      '_posts/2020-01-08-quota.md': '---\ntitle: Quota\ncategories: [permits]\n---\nQuota.\n',
      '_posts/2020-01-09-own.md': '---\ntitle: Own\npermalink: /own-address/\n---\nOwn.\n',
      '_posts/archive/2020-01-10-kept.md': '---\ntitle: Kept\n---\nKept.\n',
    });
    expect(releases).toEqual({
      '_posts/2020-01-08-quota.md': ['published', ['/press/permits/quota/']],
      '_posts/2020-01-09-own.md': ['published', ['/own-address/']],
      '_posts/archive/2020-01-10-kept.md': ['published', ['/old/kept.html']],
    });
  });

  it('gives the slug and the old address a live post and an unpublished one share to the live one, which was public there', async () => {
    const dir = await project({
      'migration-news.config.yaml': CONFIG,
      'site/_config.yml': 'permalink: /news/:title/\n',
      'site/_drafts/quota.md': '---\ntitle: Quota draft\ndate: 2020-01-01\n---\nDraft.\n',
      'site/_posts/2019-05-05-quota-plan.md': '---\ntitle: Quota plan\npublished: false\npermalink: /news/quota/\n---\nPlan.\n',
      'site/_posts/2020-01-01-quota.md': '---\ntitle: Quota\n---\nQuota.\n',
    });
    const result = await runMain(['import', 'site', '--from', 'jekyll', '--to', 'releases', '--lang', 'en', '--now', NOW, '--reporter', 'json'], { cwd: dir });
    const report = json(result.stdout);
    const releases = await Promise.all(report.converted.map(async (c) => {
      const data = parseReleaseFile(await readFile(join(dir, 'releases', c.target), 'utf8'), c.target).data as Record<string, unknown>;
      return [c.source, data.status, data.slug, data.aliases];
    }));
    expect(releases).toEqual([
      ['_drafts/quota.md', 'draft', 'quota-2', undefined],
      ['_posts/2019-05-05-quota-plan.md', 'draft', 'quota-3', undefined],
      ['_posts/2020-01-01-quota.md', 'published', 'quota', ['/news/quota/']],
    ]);
    expect(report.needsPerson.map((n) => `${n.source} ${n.message}`)).toContain('_posts/2019-05-05-quota-plan.md the old address /news/quota/ is an old address of _posts/2020-01-01-quota.md too; it is not kept as an alias');
  });

  it('reads `collections` with no value, with `posts` left empty, or as a list of names as Jekyll does: posts with their default settings', async () => {
    const posts = {
      '_posts/2020-01-08-quota.md': '---\ntitle: Quota\ncategories: [permits]\n---\nQuota.\n',
      'my_collections/_posts/2020-01-09-visas.md': '---\ntitle: Visas\n---\nVisas.\n',
    };
    // Jekyll reads a collection named without settings, or `posts` without a value, as one with none: the site's `permalink` fills the posts' own.
    for (const collections of ['collections:\n', 'collections: ~\n', 'collections: {posts: null}\n', 'collections:\n  posts:\n', 'collections: [posts]\n', 'collections:\n  - posts\n  - staff\n']) {
      const { releases, notes } = await importSite({ '_config.yml': `permalink: /news/:categories/:year/:title/\n${collections}`, ...posts });
      expect(releases, collections).toEqual({
        '_posts/2020-01-08-quota.md': ['published', ['/news/permits/2020/quota/']],
        'my_collections/_posts/2020-01-09-visas.md': ['published', ['/news/my_collections/2020/visas/']],
      });
      expect(notes, collections).toEqual([]);
    }
    // The list form with a `collections_dir`: the posts are read there and nowhere else, as with the mapping.
    const listed = await importSite({ '_config.yml': 'collections_dir: my_collections\ncollections: [posts, staff]\n', ...posts });
    expect(listed.releases).toEqual({
      '_posts/2020-01-08-quota.md': ['draft', undefined],
      'my_collections/_posts/2020-01-09-visas.md': ['published', ['/2020/01/09/visas.html']],
    });
  });

  it('imports the posts and drafts Jekyll read from its collections_dir, at the addresses it gave them, and keeps back those it no longer read outside it', async () => {
    const { releases, notes } = await importSite({
      '_config.yml': 'collections_dir: my_collections\nshow_drafts: true\ndefaults:\n  - scope: {path: _posts/archive}\n    values: {permalink: /archive/:title/}\n',
      'my_collections/_posts/2020-01-08-quota.md': '---\ntitle: Quota\n---\nQuota.\n',
      'my_collections/news/_posts/2020-01-09-visas.md': '---\ntitle: Visas\n---\nVisas.\n',
      'my_collections/_posts/archive/2020-01-10-kept.md': '---\ntitle: Kept\n---\nKept.\n',
      'my_collections/_drafts/plan.md': '---\ntitle: Plan\ndate: 2020-02-01\n---\nThe plan.\n',
      '_posts/2019-05-01-left.md': '---\ntitle: Left behind\n---\nLeft.\n',
    });
    expect(releases).toEqual({
      'my_collections/_posts/2020-01-08-quota.md': ['published', ['/2020/01/08/quota.html']],
      'my_collections/news/_posts/2020-01-09-visas.md': ['published', ['/news/2020/01/09/visas.html']],
      'my_collections/_posts/archive/2020-01-10-kept.md': ['published', ['/archive/kept/']],
      'my_collections/_drafts/plan.md': ['published', ['/2020/02/01/plan.html']],
      '_posts/2019-05-01-left.md': ['draft', undefined],
    });
    expect(notes).toContain('_posts/2019-05-01-left.md:1 Jekyll reads posts and drafts only in its `collections_dir` (my_collections), so it never published this one; imported as a draft');
  });

  it('reads the flags of a Jekyll site\'s configuration and a post\'s `published` as Jekyll\'s YAML does (yes, on, no, off)', async () => {
    const posts = {
      '_posts/2020-01-08-held.md': '---\ntitle: Held back\npublished: no\n---\nHeld.\n',
      '_posts/2020-01-09-open.md': '---\ntitle: Open\npublished: On\n---\nOpen.\n',
      '_posts/2026-12-01-upcoming.md': '---\ntitle: Upcoming\n---\nSoon.\n',
      '_drafts/plan.md': '---\ntitle: Plan\ndate: 2020-02-01\n---\nThe plan.\n',
    };
    const built = await importSite({ '_config.yml': 'future: yes\nshow_drafts: on\nunpublished: YES\n', ...posts });
    expect(built.releases).toEqual({
      '_posts/2020-01-08-held.md': ['published', ['/2020/01/08/held.html']],
      '_posts/2020-01-09-open.md': ['published', ['/2020/01/09/open.html']],
      '_posts/2026-12-01-upcoming.md': ['published', ['/2026/12/01/upcoming.html']],
      '_drafts/plan.md': ['published', ['/2020/02/01/plan.html']],
    });
    // Said no to, each flag keeps back what Jekyll left out: nothing it did not publish becomes public.
    const kept = await importSite({ '_config.yml': 'future: no\nshow_drafts: off\nunpublished: No\n', ...posts });
    expect(kept.releases).toEqual({
      '_posts/2020-01-08-held.md': ['draft', ['/2020/01/08/held.html']],
      '_posts/2020-01-09-open.md': ['published', ['/2020/01/09/open.html']],
      '_posts/2026-12-01-upcoming.md': ['approved', ['/2026/12/01/upcoming.html']],
      '_drafts/plan.md': ['draft', undefined],
    });
  });

  it('keeps a redirect_from with ".." where jekyll-redirect-from put it, Jekyll dropping the ".." segments, and reports the entries a build still refuses', async () => {
    const dir = await project({
      'migration-news.config.yaml': CONFIG,
      'site/_config.yml': 'baseurl: /press\n',
      'site/_posts/2020-01-08-centre.md': '---\ntitle: Centre\nredirect_from:\n  - ../old/centre/\n  - news/../archive/centre.html\n  - /news/./2019/centre/\n  - ../../legacy/centre.php\n  - trail/..\n---\nOpened.\n',
    });
    const result = await runMain(['import', 'site', '--from', 'jekyll', '--to', 'releases', '--lang', 'en', '--now', NOW, '--reporter', 'json'], { cwd: dir });
    expect(result.code, result.stdout + result.stderr).toBe(0);
    const report = json(result.stdout);
    const data = parseReleaseFile(await readFile(join(dir, 'releases', report.converted[0]!.target), 'utf8'), 'r.md').data as Record<string, unknown>;
    expect([data.status, data.aliases]).toEqual(['published', ['/2020/01/08/centre.html', '/old/centre/', '/news/archive/centre.html', '/news/2019/centre/']]);
    expect(report.needsPerson.map((n) => `${n.source}:${n.sourceLine} ${n.message}`)).toEqual([
      '_posts/2020-01-08-centre.md:3 the old address ../../legacy/centre.php cannot be kept as a redirect: it ends in ".php", which a server would not send as a web page',
      '_posts/2020-01-08-centre.md:3 the old address trail/.. cannot be kept as a redirect: it has a ".." segment',
    ]);
  });

  it('names each image at an address of the old site as needing a person, with the file of the old site it is', async () => {
    const dir = await project({
      'migration-news.config.yaml': CONFIG,
      'jekyll/_config.yml': 'baseurl: /press\n',
      'jekyll/assets/img/centre.jpg': 'a picture',
      'jekyll/_posts/2020-01-08-centre.md': '---\ntitle: Centre\n---\nOpened.\n\n![The centre](/press/assets/img/centre.jpg)\n\n<img src="/images/queue.png" alt="The queue">\n\nAgain: ![The centre]({{ site.baseurl }}/assets/img/centre.jpg)\n',
      'hugo/hugo.toml': 'staticDir = ["static", "media"]\n',
      'hugo/media/photos/border.jpg': 'a picture',
      'hugo/content/posts/border.md': '---\ntitle: Border\ndate: 2020-01-08\n---\nOpened.\n\n{{< figure src="/photos/border.jpg" alt="The border" >}}\n',
      // Two page bundles, each with a photo.jpg of its own: both releases go to one folder, so each note names the file it is.
      'hugo/content/posts/visa/index.md': '---\ntitle: Visa\ndate: 2020-01-09\n---\nOpened.\n\n![The visa desk](photo.jpg)\n',
      'hugo/content/posts/visa/photo.jpg': 'a picture',
      'hugo/content/posts/queue/index.md': '---\ntitle: Queue\ndate: 2020-01-10\n---\nOpened.\n\n![The queue](./photo.jpg)\n',
      'hugo/content/posts/queue/photo.jpg': 'another picture',
    });
    const notes = async (site: 'jekyll' | 'hugo') => {
      const result = await runMain(['import', site, '--from', site, '--to', `releases-${site}`, '--lang', 'en', '--now', NOW, '--reporter', 'json'], { cwd: dir });
      return json(result.stdout).needsPerson.map((n) => `${n.file}:${n.line} (${n.source}:${n.sourceLine}) ${n.message}`);
    };
    expect(await notes('jekyll')).toEqual([
      'en/2020-01-08-centre.md:15 (_posts/2020-01-08-centre.md:6) the image /press/assets/img/centre.jpg is at an address of the old site (its file there is assets/img/centre.jpg): copy the file next to the release and write its path from the release file\'s folder, or write its full address',
      'en/2020-01-08-centre.md:17 (_posts/2020-01-08-centre.md:8) the image /images/queue.png is at an address of the old site, and no such file is in it: copy the picture next to the release and write its path from the release file\'s folder, or write its full address',
      // The conversion changed this one's address: it is named at its own line of the post all the same.
      'en/2020-01-08-centre.md:19 (_posts/2020-01-08-centre.md:10) the image /press/assets/img/centre.jpg is at an address of the old site (its file there is assets/img/centre.jpg): copy the file next to the release and write its path from the release file\'s folder, or write its full address',
    ]);
    const shared = 'copy it next to the release (the path is read from the release file\'s folder, which other releases of the language share: give it a name of its own if another picture has this one), or write its full address';
    expect(await notes('hugo')).toEqual([
      'en/2020-01-08-border.md:15 (content/posts/border.md:7) the image /photos/border.jpg is at an address of the old site (its file there is media/photos/border.jpg): copy the file next to the release and write its path from the release file\'s folder, or write its full address',
      `en/2020-01-10-queue.md:15 (content/posts/queue/index.md:7) the image ./photo.jpg is the old site's content/posts/queue/photo.jpg: ${shared}`,
      `en/2020-01-09-visa.md:15 (content/posts/visa/index.md:7) the image photo.jpg is the old site's content/posts/visa/photo.jpg: ${shared}`,
    ]);
  });

  it('finds the old site\'s file of an image whose address the conversion put under the new site\'s path', async () => {
    const dir = await project({
      'migration-news.config.yaml': `${CONFIG}site:\n  url: https://example.org/press/\n`,
      'jekyll/assets/map.png': 'a picture',
      'jekyll/_posts/2020-01-08-centre.md': '---\ntitle: Centre\nlang: en\n---\nOpened.\n\n![Map]({{ site.baseurl }}/assets/map.png)\n',
    });
    const result = await runMain(['import', 'jekyll', '--from', 'jekyll', '--to', 'releases', '--now', NOW, '--reporter', 'json'], { cwd: dir });
    expect(json(result.stdout).needsPerson.map((n) => n.message).filter((m) => m.startsWith('the image'))).toEqual([
      'the image /press/assets/map.png is at an address of the old site (its file there is assets/map.png): copy the file next to the release and write its path from the release file\'s folder, or write its full address',
    ]);
  });

  it('copies code blocks as written: tags, images and the summary divider in code are text, neither converted nor noted', async () => {
    const jekyllCode = '```liquid\n{{ page.title }} {% include note.html %} {{ site.baseurl }}\n![Map](/assets/map.png) <img src="queue.png">\n<!--more-->\n```\n\n    indented {% post_url 2020-01-08-code %} ![x](x.png)\n\n- Step:\n\n  ~~~\n  {% include step.html %}\n  ~~~\n';
    const hugoCode = '> ```\n> {{< youtube abc >}} {{< figure src="a.jpg" >}} {{% notice %}}\n> <!--more-->\n> ```\n';
    const dir = await project({
      'migration-news.config.yaml': CONFIG,
      'jekyll/_posts/2020-01-08-code.md': `---\ntitle: Code\n---\nIntro.\n\n${jekyllCode}\nOutside {{ page.title }}.\n`,
      'hugo/hugo.toml': 'title = "Site"\n',
      'hugo/content/posts/code.md': `---\ntitle: Code\ndate: 2020-01-08\n---\nIntro.\n\n${hugoCode}\nOutside {{< youtube def >}}.\n`,
    });
    const run = async (site: 'jekyll' | 'hugo') => {
      const result = await runMain(['import', site, '--from', site, '--to', `releases-${site}`, '--lang', 'en', '--now', NOW, '--reporter', 'json'], { cwd: dir });
      const text = await readFile(join(dir, `releases-${site}/en/2020-01-08-code.md`), 'utf8');
      return { body: parseReleaseFile(text, 'code.md').body, lines: text.split('\n'), notes: json(result.stdout).needsPerson.map((n) => `${n.file}:${n.line} (${n.source}:${n.sourceLine}) ${n.message}`) };
    };
    const jekyll = await run('jekyll');
    expect(jekyll.body).toContain(jekyllCode);
    expect(jekyll.notes).toEqual(['en/2020-01-08-code.md:29 (_posts/2020-01-08-code.md:20) template expression `{{ page.title }}` left in place']);
    expect(jekyll.lines[28]).toBe('Outside {{ page.title }}.');
    const hugo = await run('hugo');
    expect(hugo.body).toContain(hugoCode);
    expect(hugo.notes).toEqual(['en/2020-01-08-code.md:20 (content/posts/code.md:12) shortcode `{{< youtube def >}}` left in place']);
    expect(hugo.lines[19]).toBe('Outside {{< youtube def >}}.');
  });

  it('keeps the text before <!--more--> as the summary when it is one short plain paragraph, and says when it is not kept', async () => {
    const post = (front: string, body: string) => `---\ntitle: Post\n${front}---\n${body}`;
    const long = 'The service opens a centre where residence permits, work permits and registration are all handled in one visit, by appointment, from Monday to Saturday every week.';
    const dir = await project({
      'migration-news.config.yaml': CONFIG,
      'jekyll/_posts/2020-01-01-plain.md': post('', 'The centre opens in **Baku**, with a [map](/map/) and `24/7` hours.\n\n<!--more-->\n\nRest.\n'),
      'jekyll/_posts/2020-01-02-own.md': post('description: Its own summary.\n', 'Before.\n\n<!--more-->\n\nRest.\n'),
      'jekyll/_posts/2020-01-03-paragraphs.md': post('', 'One.\n\nTwo.\n\n<!--more-->\n\nRest.\n'),
      'jekyll/_posts/2020-01-04-long.md': post('', `${long}\n<!--more-->\nRest.\n`),
      'jekyll/_posts/2020-01-05-image.md': post('', '![Map](https://example.az/map.png) The map.\n\n<!--more-->\n\nRest.\n'),
      'jekyll/_posts/2020-01-06-none.md': post('', 'Only text.\n\nMore text.\n'),
      'jekyll/_posts/2020-01-07-draft.md': post('published: false\n', 'A draft summary.\n<!--more-->\nRest.\n'),
      // 90 Han characters: 90 code points, the room of 180, as \`validate\` measures a summary.
      'jekyll/_posts/2020-01-08-zh.md': post('', `${'居留许可在线续签'.repeat(11)}两字\n<!--more-->\nRest.\n`),
      'hugo/hugo.toml': 'title = "Site"\n',
      'hugo/content/posts/plain.md': '---\ntitle: Post\ndate: 2020-01-01\n---\nA *short* summary.\n<!--more-->\nRest.\n',
    });
    const run = async (site: 'jekyll' | 'hugo') => {
      const result = await runMain(['import', site, '--from', site, '--to', `releases-${site}`, '--lang', 'en', '--now', NOW, '--reporter', 'json'], { cwd: dir });
      const release = async (name: string) => parseReleaseFile(await readFile(join(dir, `releases-${site}/en/${name}.md`), 'utf8'), `${name}.md`);
      return { report: json(result.stdout), release };
    };
    const jekyll = await run('jekyll');
    const summaryOf = async (name: string) => ((await jekyll.release(name)).data as { summary?: string }).summary;
    expect(await summaryOf('2020-01-01-plain')).toBe('The centre opens in Baku, with a map and 24/7 hours.');
    expect((await jekyll.release('2020-01-01-plain')).body).toBe('The centre opens in **Baku**, with a [map](/map/) and `24/7` hours.\n\nRest.\n');
    expect(await summaryOf('2020-01-02-own')).toBe('Its own summary.');
    expect(await summaryOf('2020-01-03-paragraphs')).toBeUndefined();
    expect(await summaryOf('2020-01-04-long')).toBeUndefined();
    expect(await summaryOf('2020-01-05-image')).toBeUndefined();
    expect(await summaryOf('2020-01-06-none')).toBeUndefined();
    expect((await jekyll.release('2020-01-07-draft')).data).toMatchObject({ status: 'draft', summary: 'A draft summary.' });
    const note = (reason: string) => `the old site's summary, the text before \`<!--more-->\`, is not kept as \`summary\`: ${reason}; it is still the start of the body, above this line; write a \`summary\` of at most 160 characters if the release needs one`;
    expect(jekyll.report.needsPerson.map((n) => `${n.file}:${n.line} (${n.source}:${n.sourceLine}) ${n.message}`)).toEqual([
      `en/2020-01-03-paragraphs.md:17 (_posts/2020-01-03-paragraphs.md:8) ${note('it is not a single paragraph')}`,
      // Its divider stood between two lines of text, and ended a paragraph there: a blank line takes its place, above `Rest.`.
      `en/2020-01-04-long.md:15 (_posts/2020-01-04-long.md:5) ${note('it is 163 characters long, more than the 160 a summary may have')}`,
      `en/2020-01-05-image.md:15 (_posts/2020-01-05-image.md:6) ${note('it holds Markdown or HTML that plain text cannot keep')}`,
      expect.stringMatching(`^en/2020-01-08-zh\\.md:\\d+ \\(_posts/2020-01-08-zh\\.md:\\d+\\) the old site's summary, .*: it is 180 characters long \\(a Chinese, Japanese or Korean character counting two\\), more than the 160`),
    ]);
    expect(await summaryOf('2020-01-08-zh')).toBeUndefined();
    for (const n of jekyll.report.needsPerson) {
      // Each names the line of the release just below the old summary, and the divider's line in the post.
      expect((await readFile(join(dir, 'releases-jekyll', n.file), 'utf8')).split('\n')[n.line - 1]).toBe('Rest.');
      expect((await readFile(join(dir, 'jekyll', n.source), 'utf8')).split('\n')[n.sourceLine - 1]).toBe('<!--more-->');
    }
    const hugo = await run('hugo');
    expect((await hugo.release('2020-01-01-plain')).data).toMatchObject({ summary: 'A short summary.' });
    expect(hugo.report.needsPerson).toEqual([]);
  });

  it('skips files over the size limit', async () => {
    const dir = await project({ 'migration-news.config.yaml': `${CONFIG}limits:\n  maxFileSize: 300\n` });
    const result = await importJekyll(dir, '--reporter', 'json');
    expect(json(result.stdout).skipped).toContainEqual({ file: '_posts/2014-01-23-new-residence-centre.md', line: null, reason: expect.stringMatching(/over the limit of 300 bytes/) });
  });

  it('skips a post whose HTML nests too deeply, at the line that goes too deep, and converts the others', async () => {
    const deep = `---\ntitle: Deep\n---\n<p>Intro</p>\n${'<div>'.repeat(3000)}x${'</div>'.repeat(3000)}\n`;
    // Deep, but within the limit: converted as usual.
    const nested = `---\ntitle: Nested\n---\n${'<div>'.repeat(200)}<p>Kept</p>${'</div>'.repeat(200)}\n`;
    const dir = await project({
      'migration-news.config.yaml': CONFIG,
      'site/_config.yml': 'url: https://press.example.gov\n',
      'site/_posts/2014-01-24-deep.html': deep,
      'site/_posts/2014-01-25-nested.html': nested,
      'site/_posts/2014-01-26-plain.md': '---\ntitle: Plain\n---\nPlain text.\n',
    });
    const run = (...extra: string[]) => runMain(['import', 'site', '--from', 'jekyll', '--to', 'releases', '--lang', 'en', '--now', NOW, ...extra], { cwd: dir });
    const result = await run('--reporter', 'json', '--debug');
    expect(result.stderr).not.toContain('internal error');
    const report = json(result.stdout);
    expect(report.skipped).toEqual([{ file: '_posts/2014-01-24-deep.html', line: 5, reason: expect.stringContaining('nests elements more than 256 levels deep') }]);
    expect(report.converted.map((c) => c.source).sort()).toEqual(['_posts/2014-01-25-nested.html', '_posts/2014-01-26-plain.md']);
    expect(await readFile(join(dir, 'releases/en/2014-01-25-nested.md'), 'utf8')).toContain('\nKept\n');
    expect(await listTree(join(dir, 'releases/en'))).toEqual(['2014-01-25-nested.md', '2014-01-26-plain.md']);
    const text = await run('--dry-run');
    expect(text.stdout).toContain('_posts/2014-01-24-deep.html:5: its HTML nests elements more than 256 levels deep');
  });

  it('exits 1 when a post cannot be converted, 0 when every one is, and counts every release file it checks', async () => {
    const post = (lang: string) => `---\ntitle: Quota\nlang: ${lang}\n---\nText of the post.\n`;
    // Every post in a language the project does not have: nothing converted, which a script must not take for success.
    const none = await project({ 'migration-news.config.yaml': CONFIG, 'site/_posts/2020-01-01-a.md': post('de'), 'site/_posts/2020-01-02-b.md': post('fr') });
    const failed = await runMain(['import', 'site', '--from', 'jekyll', '--to', 'releases', '--now', NOW], { cwd: none });
    expect(failed.stdout).toContain('Skipped 2 files:');
    expect(failed.code).toBe(1);
    // Every post converted, beside a release written by hand, which the check reads and counts too.
    const all = await project({
      'migration-news.config.yaml': CONFIG, 'site/_posts/2020-01-01-a.md': post('en'), 'site/_posts/2020-01-02-b.md': post('ru'),
      'releases/en/mine.md': release({ id: 'mine', title: 'Mine', slug: 'mine' }),
    });
    const done = await runMain(['import', 'site', '--from', 'jekyll', '--to', 'releases', '--now', NOW, '--reporter', 'json'], { cwd: all });
    expect(done.code, done.stdout).toBe(0);
    expect(json(done.stdout).validation).toMatchObject({ summary: { files: 3 } });
    const text = await runMain(['import', 'site', '--from', 'jekyll', '--to', 'releases', '--now', NOW, '--dry-run'], { cwd: all });
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(/No problems in 3 files/);
  });

  it('exits 1 when a post cannot be read (not UTF-8, UTF-16, over the size limit), and 0 when what it skips is no post (a list page, another format, a page bundle\'s resource)', async () => {
    const post = (title: string) => `---\ntitle: ${title}\ndate: 2022-02-01\n---\nText.\n`;
    const run = async (files: Record<string, string | Buffer>) => {
      const dir = await project({ 'migration-news.config.yaml': `${CONFIG}limits:\n  maxFileSize: 2000\n`, 'site/hugo.toml': 'defaultContentLanguage = "en"\n', 'site/content/posts/fine.md': post('Fine') });
      for (const [path, text] of Object.entries(files)) {
        await mkdir(dirname(join(dir, 'site', path)), { recursive: true });
        await writeFile(join(dir, 'site', path), text);
      }
      const result = await runMain(['import', 'site', '--from', 'hugo', '--to', 'releases', '--now', NOW, '--reporter', 'json'], { cwd: dir });
      return { code: result.code, skipped: json(result.stdout).skipped.map((s) => s.file) };
    };
    expect(await run({ 'content/posts/latin.md': Buffer.from(post('Caf\xe9'), 'latin1') })).toEqual({ code: 1, skipped: ['content/posts/latin.md'] });
    expect(await run({ 'content/posts/wide.md': Buffer.from(`\ufeff${post('Wide')}`, 'utf16le') })).toEqual({ code: 1, skipped: ['content/posts/wide.md'] });
    expect(await run({ 'content/posts/long.md': `${post('Long')}${'A long paragraph. '.repeat(200)}\n` })).toEqual({ code: 1, skipped: ['content/posts/long.md'] });
    expect(await run({
      'content/posts/_index.md': '---\ntitle: Posts\n---\n', 'content/posts/guide.adoc': 'Guide', 'content/posts/b/index.md': post('Bundle'), 'content/posts/b/notes.md': post('Notes'),
    })).toEqual({ code: 0, skipped: ['content/posts/_index.md', 'content/posts/b/notes.md', 'content/posts/guide.adoc'] });
  });

  it('reads an HTML post that is not UTF-8 in the encoding its <meta> declares, as browsers showed it, and says so; one that declares none is still skipped', async () => {
    const dir = await project({ 'migration-news.config.yaml': CONFIG });
    const encode = (text: string, encoding: string) => Uint8Array.from([...text].map((c) => new TextDecoder(encoding).decode(Uint8Array.from({ length: 256 }, (_, i) => i)).indexOf(c)));
    const files: Record<string, Uint8Array> = {
      '_posts/2020-01-01-cyrillic.html': encode('---\ntitle: Приём\nlang: ru\n---\n<html><head><meta charset="windows-1251"></head><body><p>Миграционная служба.</p></body></html>\n', 'windows-1251'),
      '_posts/2020-01-02-latin.html': encode('---\ntitle: Café\n---\n<meta http-equiv="Content-Type" content="text/html; charset=ISO-8859-1">\n<p>Le café est ouvert.</p>\n', 'windows-1252'),
      '_posts/2020-01-03-undeclared.html': encode('---\ntitle: Naïve\n---\n<p>Naïve.</p>\n', 'windows-1252'),
    };
    for (const [path, bytes] of Object.entries(files)) {
      await mkdir(dirname(join(dir, 'site', path)), { recursive: true });
      await writeFile(join(dir, 'site', path), bytes);
    }
    const result = await runMain(['import', 'site', '--from', 'jekyll', '--to', 'releases', '--lang', 'en', '--now', NOW, '--reporter', 'json'], { cwd: dir });
    const report = json(result.stdout);
    expect(report.converted.map((c) => c.target)).toEqual(['ru/2020-01-01-cyrillic.md', 'en/2020-01-02-latin.md']);
    expect(report.skipped).toEqual([{ file: '_posts/2020-01-03-undeclared.html', line: null, reason: expect.stringMatching(/^The file is not valid UTF-8/) as unknown }]);
    expect(result.code).toBe(1);
    const cyrillic = parseReleaseFile(await readFile(join(dir, 'releases/ru/2020-01-01-cyrillic.md'), 'utf8'), 'ru.md');
    expect(cyrillic.data).toMatchObject({ title: 'Приём' });
    expect(cyrillic.body.trim()).toBe('Миграционная служба.');
    expect(await readFile(join(dir, 'releases/en/2020-01-02-latin.md'), 'utf8')).toMatch(/title: Café\n[\s\S]*\nLe café est ouvert\.\n$/);
    expect(report.needsPerson.filter((n) => /not UTF-8/.test(n.message)).map((n) => [n.file, n.message])).toEqual([
      ['ru/2020-01-01-cyrillic.md', 'the file is not UTF-8: it was read as windows-1251, as its <meta> declares and browsers showed it; check its letters'],
      ['en/2020-01-02-latin.md', 'the file is not UTF-8: it was read as windows-1252, as its <meta> declares and browsers showed it; check its letters'],
    ]);
  });

  it('reads a date written with the month\'s English name, as Jekyll read it, and names both readings of one that could be day or month first', async () => {
    const post = (title: string, date: string) => `---\ntitle: ${title}\ndate: ${date}\n---\nText.\n`;
    const dir = await project({
      'migration-news.config.yaml': CONFIG,
      'site/_posts/2019-01-01-a.md': post('Day first', '12 March 2020'),
      'site/_posts/2019-01-01-b.md': post('Month first', '"March 13, 2020 10:30"'),
      'site/_posts/2019-01-01-c.md': post('Abbreviated', 'Sept 9 2020'),
      'site/_posts/2019-01-01-d.md': post('Either way', '03/04/2020'),
    });
    const result = await runMain(['import', 'site', '--from', 'jekyll', '--to', 'releases', '--lang', 'en', '--now', NOW, '--reporter', 'json'], { cwd: dir });
    const report = json(result.stdout);
    const dates = await Promise.all(report.converted.map(async (c) => (parseReleaseFile(await readFile(join(dir, 'releases', c.target), 'utf8'), c.target).data as { date: string }).date));
    expect(dates).toEqual(['2020-03-12', '2020-03-13T10:30:00+04:00', '2020-09-09']);
    expect(report.skipped).toEqual([{ file: '_posts/2019-01-01-d.md', line: 3, reason: '`date`: "03/04/2020" is a date that could be April 3 or March 4, 2020: write it in the post as 2020-04-03 or 2020-03-04' }]);
    expect(result.code).toBe(1);
  });

  it('keeps the old address Jekyll gave a post with a language suffix, which Jekyll read as part of its name', async () => {
    const post = (title: string) => `---\ntitle: ${title}\n---\nText.\n`;
    const dir = await project({
      'migration-news.config.yaml': CONFIG,
      'site/_posts/2020-03-02-quota.md': post('Quota'),
      'site/_posts/2020-03-02-quota.ru.md': post('Квота'),
      'site/_posts/2020-03-03-centre.AZ.md': post('Mərkəz'),
    });
    const result = await runMain(['import', 'site', '--from', 'jekyll', '--to', 'releases', '--lang', 'en', '--now', NOW, '--reporter', 'json'], { cwd: dir });
    expect(result.code).toBe(0);
    const report = json(result.stdout);
    expect(report.converted.map((c) => [c.source, c.id, c.oldUrl])).toEqual([
      ['_posts/2020-03-02-quota.md', '2020-03-02-quota', '/2020/03/02/quota.html'],
      ['_posts/2020-03-02-quota.ru.md', '2020-03-02-quota', '/2020/03/02/quota.ru.html'],
      ['_posts/2020-03-03-centre.AZ.md', '2020-03-03-centre', '/2020/03/03/centre.AZ.html'],
    ]);
    expect(report.needsPerson).toEqual([]);
    expect(parseReleaseFile(await readFile(join(dir, 'releases/ru/2020-03-02-quota.md'), 'utf8'), 'ru.md').data).toMatchObject({ aliases: ['/2020/03/02/quota.ru.html'] });
  });

  it('keeps each post\'s id, file and address when a post added since takes a place before it, and records none of a hostile record', async () => {
    const post = (title: string) => `---\ntitle: ${title}\ndate: 2021-05-04\nlang: en\n---\nText of ${title}.\n`;
    const dir = await project({
      'migration-news.config.yaml': CONFIG,
      'site/hugo.toml': 'baseURL = "https://old.example.az/"\n',
      'site/content/news/a.md': post('News A'),
      'site/content/posts/a.md': post('Posts A'),
    });
    const run = async () => {
      const result = await runMain(['import', 'site', '--from', 'hugo', '--to', 'releases', '--now', NOW, '--reporter', 'json'], { cwd: dir });
      expect(result.code, result.stdout).toBe(0);
      return json(result.stdout).converted.map((c) => `${c.source} ${c.target} ${c.slug} ${c.action}`);
    };
    expect(await run()).toEqual([
      'content/news/a.md en/2021-05-04-a.md a create',
      'content/posts/a.md en/2021-05-04-a-2.md a-2 create',
    ]);
    // A post that sorts before both: it takes the next free number, and theirs stay as they were, unchanged.
    await mkdir(join(dir, 'site/content/blog'));
    await writeFile(join(dir, 'site/content/blog/a.md'), post('Blog A'));
    expect(await run()).toEqual([
      'content/blog/a.md en/2021-05-04-a-3.md a-3 create',
      'content/news/a.md en/2021-05-04-a.md a unchanged',
      'content/posts/a.md en/2021-05-04-a-2.md a-2 unchanged',
    ]);
    expect(await readFile(join(dir, 'releases/en/2021-05-04-a.md'), 'utf8')).toContain('title: News A');
    // With the first post gone, the second keeps what it had, and says why.
    await rm(join(dir, 'site/content/news/a.md'));
    const kept = await runMain(['import', 'site', '--from', 'hugo', '--to', 'releases', '--now', NOW, '--reporter', 'json'], { cwd: dir });
    expect(json(kept.stdout).converted.map((c) => `${c.source} ${c.target} ${c.action}`)).toEqual([
      'content/blog/a.md en/2021-05-04-a-3.md unchanged',
      'content/posts/a.md en/2021-05-04-a-2.md unchanged',
    ]);
    expect(json(kept.stdout).needsPerson.filter((n) => n.source === 'content/posts/a.md').map((n) => n.message)).toEqual([
      'this post keeps the id "2021-05-04-a-2" an earlier import gave it, with its file and address',
      'this post keeps the slug "a-2" an earlier import gave it, and with it its address',
    ]);
    await writeFile(join(dir, 'site/content/news/a.md'), post('News A'));
    await run();
    // A record that names other ids (a path out of the destination, another post's) is not followed: numbered afresh, nothing outside written.
    const record = JSON.parse(await readFile(join(dir, 'releases/.migration-news-import.json'), 'utf8')) as { posts: Record<string, { id: string; slug: string }> };
    expect(record.posts['content/news/a.md']).toEqual({ id: '2021-05-04-a', slug: 'a' });
    record.posts['content/blog/a.md'] = { id: '../../../outside', slug: 'a' };
    record.posts['content/posts/a.md'] = { id: 'other-id', slug: 'other' };
    await writeFile(join(dir, 'releases/.migration-news-import.json'), JSON.stringify(record));
    expect(await run()).toEqual([
      'content/blog/a.md en/2021-05-04-a-2.md a-2 update',
      'content/news/a.md en/2021-05-04-a.md a unchanged',
      'content/posts/a.md en/2021-05-04-a-3.md a-3 update',
    ]);
    expect(await listTree(dir)).not.toContain('outside.md');
  });

  it('accepts --debug, as every command does', async () => {
    const dir = await project({ 'migration-news.config.yaml': CONFIG });
    const result = await importJekyll(dir, '--dry-run', '--debug');
    expect(result.stderr).not.toContain('unknown option');
    expect(result.code, result.stderr).toBe(1);
    for (const args of [['schema', '--debug'], ['rules', '--debug'], ['templates', 'list', '--debug'], ['new', 'T', '--lang', 'en', '--dir', 'r', '--debug']]) {
      const other = await runMain(args, { cwd: dir });
      expect(other.stderr, args.join(' ')).not.toContain('unknown option');
      expect(other.code, args.join(' ')).toBe(0);
    }
  });

  it('usage errors: a missing site, an unknown generator, a language the project does not have', async () => {
    const dir = await project({ 'migration-news.config.yaml': CONFIG });
    const missing = await runMain(['import', 'nowhere', '--from', 'jekyll', '--to', 'releases'], { cwd: dir });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('The site folder nowhere does not exist.');
    const file = await runMain(['import', 'migration-news.config.yaml', '--from', 'jekyll', '--to', 'releases'], { cwd: dir });
    expect({ code: file.code, stderr: file.stderr }).toEqual({ code: 2, stderr: expect.stringContaining('migration-news.config.yaml is a file, not the folder of a jekyll site.') });
    const generator = await runMain(['import', JEKYLL, '--from', 'wordpress', '--to', 'releases'], { cwd: dir });
    expect(generator.code).toBe(2);
    expect(generator.stderr).toMatch(/--from <generator>' argument 'wordpress' is invalid/);
    const lang = await runMain(['import', JEKYLL, '--from', 'jekyll', '--to', 'releases', '--lang', 'de'], { cwd: dir });
    expect(lang.code).toBe(2);
    expect(lang.stderr).toContain("--lang de is not one of this project's languages (az, en, ru).");
    expect(await listTree(dir)).toEqual(['migration-news.config.yaml']);
  });
});

/** Every key at every level, with the type of its value: two reports with the same shape give the same list. */
function shape(value: unknown, path = ''): string[] {
  // The check's diagnostics are the JSON report documented with `validate`.
  if (path === '.validation.diagnostics') return [`${path}: array`];
  if (Array.isArray(value)) return [`${path}: array`, ...(value.length > 0 ? shape(value[0], `${path}[]`) : [])];
  if (value !== null && typeof value === 'object') {
    return Object.entries(value).flatMap(([key, v]) => (path === '.droppedKeys' ? [] : shape(v, `${path}.${key}`)));
  }
  return [`${path}: ${value === null ? 'null' : typeof value}`];
}

describe('migration-news import --from hugo', () => {
  it('--reporter json has the shape the README documents', async () => {
    const readme = await readFile(join(ROOT, 'README.md'), 'utf8');
    const documented = JSON.parse(/## Moving from Jekyll or Hugo[\s\S]*?```json\n([\s\S]*?)```/.exec(readme)![1]!) as JsonReport;
    const dir = await project({ 'migration-news.config.yaml': CONFIG });
    const actual = json((await importHugo(dir, '--reporter', 'json')).stdout);
    const entry = (report: JsonReport) => ({
      ...report,
      converted: [report.converted.find((c) => c.target === 'ru/visa-free.md')],
      skipped: [report.skipped.find((s) => s.line !== null)],
      needsPerson: [report.needsPerson.at(-1)],
    });
    expect(shape(entry(actual))).toEqual(shape(documented));
    expect(entry(actual).converted).toEqual(documented.converted);
    expect(entry(actual).needsPerson).toEqual(documented.needsPerson);
    expect(actual.summary).toEqual(documented.summary);
  });

  it('converts TOML, YAML and JSON front matter, pairs translations, and the result builds', async () => {
    const before = await hashTree(HUGO);
    const dir = await project({ 'migration-news.config.yaml': CONFIG });
    const result = await importHugo(dir, '--reporter', 'json');
    expect(await hashTree(HUGO)).toEqual(before);
    const report = json(result.stdout);
    // The bundle's image is not copied along: the check says so as validate would, and the run exits 1.
    expect(report.validation.diagnostics.filter((d) => d.ruleId !== 'content/template-syntax').map((d) => `${d.file} ${d.ruleId}`)).toEqual([
      'releases/en/2020-06-15-e-visa.md content/image-file',
      // The link to the draft, which the report names below, keeps the release that has it from a build until the draft is published.
      'releases/en/visa-free.md publication/unpublished-link',
    ]);
    expect(result.code).toBe(1);
    expect(report.converted.map((c) => [c.source, c.target, c.slug, c.status])).toEqual([
      ['content/posts/e-visa/index.md', 'en/2020-06-15-e-visa.md', 'e-visa-launch', 'draft'],
      ['content/posts/visa-free-regime.md', 'en/visa-free.md', 'visa-free-regime', 'published'],
      ['content/posts/visa-free-regime.ru.md', 'ru/visa-free.md', 'visa-free-regime', 'published'],
    ]);
    expect(report.skipped.map((s) => s.file)).toEqual(['content/_index.md', 'content/about.md', 'content/posts/_index.md', 'content/posts/no-date.md', 'content/posts/report.adoc']);
    expect(report.needsPerson.map((n) => `${n.file}:${n.line} ${n.message}`)).toEqual([
      'en/2020-06-15-e-visa.md:17 the image cover.jpg is a file of the old site: copy it next to the release (the path is read from the release file\'s folder), or write its full address',
      'en/visa-free.md:21 the image /img/border.jpg is at an address of the old site, and no such file is in it: copy the picture next to the release and write its path from the release file\'s folder, or write its full address',
      'en/visa-free.md:25 the link to content/posts/e-visa/index.md leads to a draft, which a build does not publish',
      'en/visa-free.md:27 shortcode `{{< youtube w7Ft2ymGmfc >}}` left in place',
      'ru/visa-free.md:20 the image /img/border.jpg is at an address of the old site, and no such file is in it: copy the picture next to the release and write its path from the release file\'s folder, or write its full address',
      'ru/visa-free.md:22 shortcode `{{% notice info %}}` left in place',
    ]);
    for (const note of report.needsPerson) {
      // Each note points at the line of the release, and of the post, that holds what it names.
      const releaseLine = (await readFile(join(dir, 'releases', note.file), 'utf8')).split('\n')[note.line - 1]!;
      const postLine = (await readFile(join(HUGO, note.source), 'utf8')).split('\n')[note.sourceLine - 1]!;
      expect(releaseLine).toMatch(/\{\{|\]\(/);
      expect(postLine).toMatch(/\{\{/);
    }
    expect(report.droppedKeys).toEqual({ 'params.featured': 1, weight: 1 });
    expect(report.converted.map((c) => c.oldUrl)).toEqual(['/news/e-visa-launch/', '/posts/visa-free-regime/', '/ru/posts/visa-free-regime/']);

    const en = parseReleaseFile(await readFile(join(dir, 'releases/en/visa-free.md'), 'utf8'), 'en.md');
    expect(en.data).toEqual({
      id: 'visa-free', title: 'Visa-free regime extended for partner countries', date: '2021-03-01T19:00:00+04:00', lang: 'en', status: 'published',
      slug: 'visa-free-regime', aliases: ['/posts/visa-free-regime/', '/posts/visa-free-2020/'], summary: 'Citizens of partner countries may stay 90 days without a visa.', tags: ['visas', 'travel', 'Policy'],
    });
    expect(en.body).toContain('![Border crossing at Astara](/img/border.jpg)\n\n*The Astara crossing*');
    expect(en.body).toContain('[e-visa launch](/en/e-visa-launch.html)');
    expect(en.body).not.toContain('<!--more-->');
    const bundle = parseReleaseFile(await readFile(join(dir, 'releases/en/2020-06-15-e-visa.md'), 'utf8'), 'b.md');
    expect(bundle.data).toMatchObject({ subtitle: 'Apply online in three steps', aliases: ['/news/e-visa-launch/', '/old/evisa-2020/'], status: 'draft' });
    expect(bundle.body).toContain('```bash\ncurl https://evisa.example.az/status\n```');
    expect(bundle.body).toContain('write {{< figure src="x.jpg" >}}.');
    const ru = parseReleaseFile(await readFile(join(dir, 'releases/ru/visa-free.md'), 'utf8'), 'ru.md');
    expect(ru.data).toMatchObject({ id: 'visa-free', lang: 'ru', title: 'Безвизовый режим продлён для стран-партнёров', date: '2021-03-01T19:00:00+04:00' });
    // Hugo's own address, an alias decoded once (written as text), and a relative one read beside the page, as Hugo reads it.
    expect((ru.data as { aliases: string[] }).aliases).toEqual(['/ru/posts/visa-free-regime/', '/ru/новости/bezviz/', '/ru/posts/staroe-imya']);
    expect(ru.body).toContain('![Пункт пропуска Астара](/img/border.jpg)');

    // The link to the draft would publish its address: the build refuses it until an editor takes the link out, or publishes the draft.
    const refused = await runMain(['build', 'releases', '--out', 'dist', '--now', NOW], { cwd: dir });
    expect(refused.code).toBe(1);
    expect(refused.stdout + refused.stderr).toMatch(/releases\/en\/visa-free\.md[\s\S]*publication\/unpublished-link/);
    const enFile = join(dir, 'releases/en/visa-free.md');
    await writeFile(enFile, (await readFile(enFile, 'utf8')).replace('[e-visa launch](/en/e-visa-launch.html)', 'e-visa launch'));
    const built = await runMain(['build', 'releases', '--out', 'dist', '--now', NOW], { cwd: dir });
    expect(built.code, built.stdout + built.stderr).toBe(0);
    const dist = await listTree(join(dir, 'dist'));
    expect(dist).toEqual(expect.arrayContaining(['en/visa-free-regime.html', 'ru/visa-free-regime.html']));
    expect(dist.some((f) => f.includes('e-visa'))).toBe(false);
    expect(await readFile(join(dir, 'dist/en/visa-free-regime.html'), 'utf8')).toContain('ru/visa-free-regime.html');
    // Hugo's addresses end in "/": each redirect is the folder's index.html; the draft's (e-visa) lead nowhere yet.
    expect(dist.filter((f) => f.endsWith('index.html') && !/^(?:[a-z]{2}\/)?index\.html$/.test(f))).toEqual([
      'posts/visa-free-2020/index.html', 'posts/visa-free-regime/index.html',
      'ru/posts/staroe-imya/index.html', 'ru/posts/visa-free-regime/index.html', 'ru/новости/bezviz/index.html',
    ]);
    expect(await readFile(join(dir, 'dist/ru/новости/bezviz/index.html'), 'utf8')).toContain('url=../../visa-free-regime.html"');
    expect(await readFile(join(dir, 'dist/posts/visa-free-2020/index.html'), 'utf8')).toContain('url=../../en/visa-free-regime.html"');
  });

  it('gives a heading the id the old site gave it when a link on its page leads there, as kramdown and Goldmark made them', async () => {
    const links = '[fees](#fees), [rules](#visa--work-permits-2024), [again](#faq-1), [ref][r]\n\n[r]: #rules-for-employers "Rules"\n\n';
    const headings = '## Fees\n{{TAG}}\n\n## Visa & Work Permits (2024)\n\n## FAQ\n\n## FAQ\n\n## Rules for *employers*\n\n## Not linked\n\n```\n## In code\n```\n';
    const dir = await project({
      'migration-news.config.yaml': CONFIG,
      'jekyll/_config.yml': 'title: News\n',
      'jekyll/_posts/2024-01-05-faq.md': `---\ntitle: Questions\n---\n${links}${headings.replace('{{TAG}}', '{% include fees.html %}')}## Визы\n\n[kramdown's](#section)\n`,
      'jekyll/_posts/2024-01-06-page.html': '---\ntitle: An HTML post\n---\n<p><a href="#fees">fees</a></p>\n<h2>Fees</h2>\n',
      'hugo/hugo.toml': 'defaultContentLanguage = "en"\n',
      'hugo/content/news/faq.md': `---\ntitle: Questions\ndate: 2024-01-05\n---\n${links}${headings.replace('{{TAG}}', '{{< fees >}}')}## Визы\n\n[Goldmark's](#визы)\n`,
    });
    for (const site of ['jekyll', 'hugo']) {
      const result = await runMain(['import', site, '--from', site, '--to', `releases-${site}`, '--lang', 'en', '--now', NOW, '--reporter', 'json'], { cwd: dir });
      const report = json(result.stdout);
      const file = await readFile(join(dir, `releases-${site}`, report.converted[0]!.target), 'utf8');
      const body = parseReleaseFile(file, 'r.md').body;
      expect(body).toContain('## Fees {#fees}\n');
      expect(body).toContain('## Visa & Work Permits (2024) {#visa--work-permits-2024}\n\n## FAQ\n\n## FAQ {#faq-1}\n\n## Rules for *employers* {#rules-for-employers}\n\n## Not linked\n\n```\n## In code\n```\n');
      // kramdown's id for a heading of no Latin letter (`section`) is one a release reads; Goldmark's, in Cyrillic, is not, and the check names the link.
      expect(body).toContain(site === 'jekyll' ? '## Визы {#section}\n' : '## Визы\n');
      expect(report.validation.diagnostics.filter((d) => d.ruleId === 'content/link-target').map((d) => d.file)).toEqual(site === 'jekyll' ? [] : [`releases-${site}/en/2024-01-05-faq.md`]);
      // A note on what follows a heading given an id keeps its line.
      const note = report.needsPerson.find((n) => n.message.includes('fees'))!;
      expect(file.split('\n')[note.line - 1]).toBe(site === 'jekyll' ? '{% include fees.html %}' : '{{< fees >}}');
    }
    // An HTML post's heading had no id the old site made.
    expect(await readFile(join(dir, 'releases-jekyll/en/2024-01-06-page.md'), 'utf8')).toMatch(/\n## Fees\n/);
  });

  it('keeps a release edited by hand that it held until its date, once the date has passed: only the clock changed', async () => {
    const dir = await project({
      'migration-news.config.yaml': CONFIG,
      'site/hugo.toml': 'defaultContentLanguage = "en"\n',
      'site/content/news/quota.md': '---\ntitle: Quota set\ndate: 2026-12-10\n---\nThe quota is set.\n',
      'site/content/news/visas.md': '---\ntitle: Visas\ndate: 2026-01-10\npublishDate: 2026-12-10T09:00:00Z\n---\nVisas.\n',
    });
    const actions = async (now: string) => {
      const result = await runMain(['import', 'site', '--from', 'hugo', '--to', 'releases', '--now', now, '--reporter', 'json'], { cwd: dir });
      return { code: result.code, converted: json(result.stdout).converted.map((c) => `${c.target} ${c.status} ${c.action}`) };
    };
    expect(await actions(NOW)).toEqual({ code: 0, converted: ['en/2026-12-10-quota.md approved create', 'en/2026-01-10-visas.md approved create'] });
    const files = ['releases/en/2026-12-10-quota.md', 'releases/en/2026-01-10-visas.md'].map((file) => join(dir, file));
    const edited: string[] = [];
    for (const file of files) {
      edited.push(`${await readFile(file, 'utf8')}\nPut right by hand.\n`);
      await writeFile(file, edited.at(-1)!);
    }
    // After the date the import makes them published, as the old site was by then; the hand fixes stand, run after run.
    for (let i = 0; i < 2; i++) {
      expect(await actions('2027-01-05T12:00:00+04:00')).toEqual({ code: 0, converted: ['en/2026-12-10-quota.md published keep', 'en/2026-01-10-visas.md published keep'] });
    }
    expect(await Promise.all(files.map((file) => readFile(file, 'utf8')))).toEqual(edited);
    // A change of the post is still a conflict.
    await writeFile(join(dir, 'site/content/news/quota.md'), '---\ntitle: Quota set\ndate: 2026-12-10\n---\nThe quota is set, and changed.\n');
    expect((await actions('2027-01-05T12:00:00+04:00')).converted[0]).toBe('en/2026-12-10-quota.md published refuse');
  });
});

describe('migration-news import: languages by folder, and hostile names', () => {
  it('--lang-from-path reads content/<lang>/ folders and pairs the pages they share', async () => {
    const dir = await project({
      'migration-news.config.yaml': CONFIG,
      'site/content/en/news/quota.md': '---\ntitle: Quota set\ndate: 2022-02-01\n---\nThe quota is set.\n',
      'site/content/ru/news/quota.md': '---\ntitle: Квота утверждена\ndate: 2022-02-01\n---\nКвота утверждена.\n',
      'site/content/az/news/quota.md': '---\ntitle: Kvota təsdiqləndi\ndate: 2022-02-01\n---\nKvota təsdiqləndi.\n',
    });
    const result = await runMain(['import', 'site', '--from', 'hugo', '--to', 'releases', '--lang-from-path', '--now', NOW, '--reporter', 'json'], { cwd: dir });
    expect(result.code).toBe(0);
    expect(json(result.stdout).converted.map((c) => [c.target, c.id, c.slug])).toEqual([
      ['az/2022-02-01-quota.md', '2022-02-01-quota', 'quota'],
      ['en/2022-02-01-quota.md', '2022-02-01-quota', 'quota'],
      ['ru/2022-02-01-quota.md', '2022-02-01-quota', 'quota'],
    ]);
    // Hugo reads no language from a folder's name: to a site that names no languages `ru/` is a section, and the page was at /ru/news/quota/.
    for (const lang of ['az', 'en', 'ru']) expect(await readFile(join(dir, `releases/${lang}/2022-02-01-quota.md`), 'utf8'), lang).toContain(`aliases:\n  - /${lang}/news/quota/\n`);
    const without = await runMain(['import', 'site', '--from', 'hugo', '--to', 'other', '--now', NOW], { cwd: dir });
    expect(without.stdout).toContain("content/ru/news/quota.md:1: its language is not known; its folder names one, so --lang-from-path would find it");
  });

  it('takes a page of a Hugo site that names no default language for English, as Hugo does, unless its folder names another', async () => {
    const dir = await project({
      'migration-news.config.yaml': CONFIG,
      'site/hugo.toml': 'title = "Press"\n',
      'site/content/posts/hello.md': '---\ntitle: Centre opens\ndate: 2024-01-02\n---\nThe centre opens.\n',
      'site/content/ru/posts/quota.md': '---\ntitle: Квота\ndate: 2024-01-03\n---\nКвота.\n',
    });
    const result = await runMain(['import', 'site', '--from', 'hugo', '--to', 'releases', '--now', NOW], { cwd: dir });
    expect(result.stdout).toContain('content/posts/hello.md → releases/en/2024-01-02-hello.md');
    expect(result.stdout).toContain('content/ru/posts/quota.md:1: its language is not known; its folder names one, so --lang-from-path would find it');
    // A site of one language that names it otherwise is in that one: its pages' language code, its only language, the key in any letter case.
    for (const config of ['languageCode = "ru-RU"\n', '[languages.ru]\nweight = 1\n', 'DefaultContentLanguage = "ru"\n']) {
      await writeFile(join(dir, 'site/hugo.toml'), `title = "Press"\n${config}`);
      const russian = await runMain(['import', 'site', '--from', 'hugo', '--to', 'releases', '--dry-run', '--now', NOW], { cwd: dir });
      expect(russian.stdout, config).toContain('content/posts/hello.md → releases/ru/2024-01-02-hello.md');
    }
    // A folder that names English, the default, is English.
    await writeFile(join(dir, 'site/hugo.toml'), 'title = "Press"\n');
    await mkdir(join(dir, 'site/content/posts/en'), { recursive: true });
    await rename(join(dir, 'site/content/posts/hello.md'), join(dir, 'site/content/posts/en/hello.md'));
    const english = await runMain(['import', 'site', '--from', 'hugo', '--to', 'releases', '--dry-run', '--now', NOW], { cwd: dir });
    expect(english.stdout).toContain('content/posts/en/hello.md → releases/en/2024-01-02-hello.md');
  });

  it('reads a Hugo page\'s front matter below blank lines, as Hugo does, with the lines of the post; a Jekyll post\'s on its first line only', async () => {
    const dir = await project({
      'migration-news.config.yaml': CONFIG,
      'hugo/hugo.toml': 'title = "Press"\n',
      'hugo/content/posts/yaml.md': '\n  \r\n---\ntitle: Centre opens\ndate: 2024-01-02\nweight: 3\n---\nThe centre opens {{< map >}}.\n',
      'hugo/content/posts/toml.md': '\n\n+++\ntitle = "Quota"\ndate = 2024-01-03\n+++\nThe quota {{< table >}}.\n',
      'hugo/content/posts/json.md': '\n{\n"title": "Permits",\n"date": "2024-01-04"\n}\nThe permits {{< list >}}.\n',
      'hugo/content/posts/open.md': '\n\n---\ntitle: Never closed\n',
      'hugo/content/drafts/_index.md': '\n---\ntitle: Drafts\ncascade:\n  draft: true\n---\n',
      'hugo/content/drafts/plan.md': '---\ntitle: Plan\ndate: 2024-01-05\n---\nThe plan.\n',
      'jekyll/_config.yml': 'lang: en\n',
      'jekyll/_posts/2024-01-06-late.md': '\n---\ntitle: Late\n---\nLate.\n',
    });
    const hugo = json((await runMain(['import', 'hugo', '--from', 'hugo', '--to', 'releases', '--now', NOW, '--reporter', 'json'], { cwd: dir })).stdout);
    expect(hugo.converted.map((c) => [c.source, c.status])).toEqual([
      ['content/drafts/plan.md', 'draft'], ['content/posts/json.md', 'published'], ['content/posts/toml.md', 'published'], ['content/posts/yaml.md', 'published'],
    ]);
    expect(hugo.skipped).toEqual([
      { file: 'content/drafts/_index.md', line: null, reason: 'a section list page (_index), not a post' },
      { file: 'content/posts/open.md', line: 3, reason: 'the front matter cannot be read: The front matter block opened on line 3 is never closed.' },
    ]);
    expect(hugo.needsPerson.map((n) => `${n.source}:${n.sourceLine} ${n.message}`)).toEqual([
      'content/drafts/plan.md:1 `draft` comes from the `cascade` of content/drafts/_index.md',
      'content/posts/json.md:6 shortcode `{{< list >}}` left in place',
      'content/posts/toml.md:7 shortcode `{{< table >}}` left in place',
      'content/posts/yaml.md:8 shortcode `{{< map >}}` left in place',
    ]);
    expect(parseReleaseFile(await readFile(join(dir, 'releases/en/2024-01-02-yaml.md'), 'utf8'), 'yaml.md').data).toMatchObject({ title: 'Centre opens', date: '2024-01-02' });
    const jekyll = json((await runMain(['import', 'jekyll', '--from', 'jekyll', '--to', 'other', '--now', NOW, '--reporter', 'json'], { cwd: dir })).stdout);
    expect(jekyll.skipped).toEqual([{ file: '_posts/2024-01-06-late.md', line: 2, reason: 'the front matter cannot be read: The front matter does not start on the first line of the file.' }]);
  });

  it('reads a Hugo permalink\'s Go date layouts (`:2006/:01/:02`) as Hugo does, for the old addresses', async () => {
    const dir = await project({
      'migration-news.config.yaml': CONFIG,
      'site/hugo.toml': '[permalinks]\nposts = "/:2006/:01/:02/:15:04/:slug/"\nnews = "/:year/:Jan/:filename/"\nnotes = "/:Monday/:002/:slug/"\n',
      'site/content/posts/quota.md': '---\ntitle: Quota set\ndate: 2024-03-04T09:05:00Z\n---\nThe quota is set.\n',
      'site/content/news/centre.md': '---\ntitle: Centre opens\ndate: 2024-01-02\n---\nThe centre opens.\n',
      'site/content/notes/permits.md': '---\ntitle: Permits\ndate: 2024-02-05\n---\nPermits.\n',
    });
    const report = json((await runMain(['import', 'site', '--from', 'hugo', '--to', 'releases', '--now', NOW, '--reporter', 'json'], { cwd: dir })).stdout);
    expect(report.converted.map((c) => [c.source, c.oldUrl])).toEqual([
      ['content/news/centre.md', '/2024/Jan/centre/'],
      ['content/notes/permits.md', '/Monday/036/permits/'],
      ['content/posts/quota.md', '/2024/03/04/0905/quota-set/'],
    ]);
    expect(report.needsPerson).toEqual([]);
  });

  it('counts no key a theme\'s template for new posts left blank as dropped, nor notes a lead image that names no picture', async () => {
    const blanks = 'description: ""\nsummary: ""\nslug: ""\nexpiryDate: ""\nlocation:\nauthor: " "\ntags: []\nimages: []\nimage: ""\nparams: {subtitle: "", note: ""}\n';
    const dir = await project({
      'migration-news.config.yaml': CONFIG,
      'site/hugo.toml': 'title = "Press"\n',
      'site/content/posts/blank.md': `---\ntitle: Centre opens\ndate: 2024-01-02\n${blanks}cover:\n  image: ""\n  alt: ""\n---\nThe centre opens.\n`,
      'site/content/posts/cover.md': '---\ntitle: Quota\ndate: 2024-01-03\nauthor: Press office\ncover:\n  image: ""\n  hidden: true\nimages: [queue.jpg]\n---\nThe quota.\n',
    });
    const report = json((await runMain(['import', 'site', '--from', 'hugo', '--to', 'releases', '--now', NOW, '--reporter', 'json'], { cwd: dir })).stdout);
    expect(report.converted.map((c) => [c.source, c.action])).toEqual([['content/posts/blank.md', 'create'], ['content/posts/cover.md', 'create']]);
    expect(report.droppedKeys).toEqual({ author: 1, cover: 1, images: 1 });
    expect(report.needsPerson.map((n) => `${n.source}:${n.sourceLine} ${n.message}`)).toEqual([
      'content/posts/cover.md:8 the post\'s lead image (`images`) is not kept: a release\'s image needs a description of what it shows, which the post has not; add `image:` with `src` and `alt`',
    ]);
  });

  it('keeps back what a Hugo section page or the site hands down as unpublished (cascade, a draft section), in its language', async () => {
    const page = (title: string, front = '') => `---\ntitle: ${title}\ndate: 2026-01-05\n${front}---\nText.\n`;
    const dir = await project({
      'migration-news.config.yaml': CONFIG,
      'site/hugo.toml': 'defaultContentLanguage = "en"\n[languages.en]\nweight = 1\n[languages.ru]\nweight = 2\n[[cascade]]\nheadless = true\n[cascade._target]\npath = "/internal/**"\n',
      'site/content/archive/_index.md': '---\ntitle: Archive\ncascade:\n  build: {render: never, list: never}\n---\n',
      'site/content/archive/old.md': page('Old'),
      'site/content/archive/kept.md': page('Kept', 'build: {render: always}\n'),
      'site/content/news/_index.md': '---\ntitle: News\ncascade:\n  - publishDate: 2027-01-01\n    _target: {path: "/news/scheduled*"}\n---\n',
      'site/content/news/_index.ru.md': '---\ntitle: Новости\ndraft: true\n---\n',
      'site/content/news/scheduled-visa.md': page('Scheduled'),
      'site/content/news/quota.md': page('Quota'),
      'site/content/news/quota.ru.md': page('Квота'),
      'site/content/internal/memo.md': page('Memo'),
    });
    const result = await runMain(['import', 'site', '--from', 'hugo', '--to', 'releases', '--now', NOW, '--reporter', 'json'], { cwd: dir });
    const report = json(result.stdout);
    expect(report.converted.map((c) => [c.source, c.status])).toEqual([
      ['content/archive/kept.md', 'published'],
      ['content/archive/old.md', 'draft'],
      ['content/internal/memo.md', 'draft'],
      ['content/news/quota.md', 'published'],
      ['content/news/quota.ru.md', 'draft'],
      ['content/news/scheduled-visa.md', 'approved'],
    ]);
    expect(await readFile(join(dir, 'releases/en/2026-01-05-scheduled-visa.md'), 'utf8')).toMatch(/^status: approved\nembargo: 2027-01-01T04:00:00\+04:00$/m);
    expect(report.needsPerson.map((n) => `${n.source}:${n.sourceLine} ${n.message}`)).toEqual([
      'content/archive/old.md:1 `build` comes from the `cascade` of content/archive/_index.md',
      'content/archive/old.md:1 Hugo made no page of it (`build.render: never`), so it was never published at an address of its own; imported as a draft',
      'content/internal/memo.md:1 `headless` comes from the `cascade` of the site\'s configuration',
      'content/internal/memo.md:1 Hugo made no page of it (`headless: true`), so it was never published at an address of its own; imported as a draft',
      'content/news/quota.ru.md:1 its section page content/news/_index.ru.md is a draft, and Hugo publishes nothing under a draft section; imported as a draft',
      'content/news/scheduled-visa.md:1 `publishDate` comes from the `cascade` of content/news/_index.md',
    ]);
  });

  it('reads a Hugo file without a language suffix as the site\'s default language when it matches section pages to pages', async () => {
    const page = (title: string) => `---\ntitle: ${title}\ndate: 2026-01-05\n---\nText.\n`;
    const languages = '[languages.en]\nweight = 1\n[languages.ru]\nweight = 2\n';
    const dir = await project({
      'migration-news.config.yaml': CONFIG,
      'site/hugo.toml': `defaultContentLanguage = "en"\n${languages}`,
      'site/content/news/_index.md': '---\ntitle: News\ndraft: true\n---\n',
      'site/content/news/one.en.md': page('One'),
      'site/content/news/one.ru.md': page('Одна'),
      'site/content/press/_index.en.md': '---\ntitle: Press\ndraft: true\n---\n',
      'site/content/press/two.md': page('Two'),
      'site/content/notices/_index.md': '---\ntitle: Notices\ncascade:\n  publishDate: 2027-01-01\n---\n',
      'site/content/notices/three.en.md': page('Three'),
      // Hugo's default language when the site names none is English, whatever language the releases are imported in.
      'unset/hugo.toml': `${languages}[[cascade]]\ndraft = true\n[cascade._target]\npath = "/notices/**"\nlang = "en"\n`,
      'unset/content/press/_index.en.md': '---\ntitle: Press\ndraft: true\n---\n',
      'unset/content/press/two.md': page('Two'),
      'unset/content/notices/four.md': page('Four'),
    });
    const result = await runMain(['import', 'site', '--from', 'hugo', '--to', 'releases', '--lang-from-path', '--now', NOW, '--reporter', 'json'], { cwd: dir });
    expect(json(result.stdout).converted.map((c) => [c.source, c.status])).toEqual([
      ['content/news/one.en.md', 'draft'],
      ['content/news/one.ru.md', 'published'],
      ['content/notices/three.en.md', 'approved'],
      ['content/press/two.md', 'draft'],
    ]);
    expect(json(result.stdout).needsPerson.map((n) => `${n.source} ${n.message}`)).toEqual([
      'content/news/one.en.md its section page content/news/_index.md is a draft, and Hugo publishes nothing under a draft section; imported as a draft',
      'content/notices/three.en.md `publishDate` comes from the `cascade` of content/notices/_index.md',
      'content/press/two.md its section page content/press/_index.en.md is a draft, and Hugo publishes nothing under a draft section; imported as a draft',
    ]);
    const unset = await runMain(['import', 'unset', '--from', 'hugo', '--to', 'other', '--lang', 'ru', '--now', NOW, '--reporter', 'json'], { cwd: dir });
    expect(json(unset.stdout).converted.map((c) => [c.source, c.status])).toEqual([['content/notices/four.md', 'draft'], ['content/press/two.md', 'draft']]);
  });

  it('keeps back the pages under a Hugo section page it cannot read (too large, not UTF-8, its front matter broken): it may be a draft', async () => {
    const page = (title: string) => `---\ntitle: ${title}\ndate: 2026-01-05\n---\nText.\n`;
    const dir = await project({
      'migration-news.config.yaml': `${CONFIG}limits:\n  maxFileSize: 1000\n`,
      'site/hugo.toml': 'defaultContentLanguage = "en"\n',
      'site/content/big/_index.md': `---\ntitle: Big\ndraft: true\n---\n${'A long introduction. '.repeat(100)}\n`,
      'site/content/big/p.md': page('Under a large draft section'),
      'site/content/broken/_index.md': '---\ntitle: [Broken\ndraft: true\n---\n',
      'site/content/broken/q.md': page('Under a broken section page'),
      'site/content/open/_index.md': '---\ntitle: Open\n---\n',
      'site/content/open/r.md': page('Under a section page that reads'),
    });
    await mkdir(join(dir, 'site/content/latin'));
    await writeFile(join(dir, 'site/content/latin/_index.md'), Buffer.from('---\ntitle: Caf\xe9\ndraft: true\n---\n', 'latin1'));
    await writeFile(join(dir, 'site/content/latin/s.md'), page('Under a section page in Latin-1'));
    const result = await runMain(['import', 'site', '--from', 'hugo', '--to', 'releases', '--now', NOW, '--reporter', 'json'], { cwd: dir });
    const report = json(result.stdout);
    expect(report.converted.map((c) => [c.source, c.status])).toEqual([
      ['content/big/p.md', 'draft'], ['content/broken/q.md', 'draft'], ['content/latin/s.md', 'draft'], ['content/open/r.md', 'published'],
    ]);
    expect(report.needsPerson.map((n) => `${n.source} ${n.message}`).filter((m) => m.includes('cannot be read'))).toEqual([
      expect.stringMatching(/^content\/big\/p\.md its section page content\/big\/_index\.md cannot be read \(.+\), so whether it keeps the pages under it back \(a `draft`, a `cascade`\) is not known; imported as a draft$/),
      'content/broken/q.md its section page content/broken/_index.md cannot be read (its front matter cannot be read), so whether it keeps the pages under it back (a `draft`, a `cascade`) is not known; imported as a draft',
      expect.stringMatching(/^content\/latin\/s\.md its section page content\/latin\/_index\.md cannot be read \(.+\), so whether/),
    ]);
  });

  it('matches a cascade\'s `_target.lang` against the language as the site spells it, not as the project does', async () => {
    const page = (title: string) => `---\ntitle: ${title}\ndate: 2026-01-05\n---\nText.\n`;
    const dir = await project({
      // The project writes British English; the Hugo site calls it `en`.
      'migration-news.config.yaml': CONFIG.replace('[az, en, ru]', '[az, en-GB, ru]'),
      'site/hugo.toml': 'defaultContentLanguage = "en"\n[languages.en]\ncontentDir = "content/english"\n[languages.ru]\ncontentDir = "content/russian"\n'
        + '[[cascade]]\ndraft = true\n[cascade._target]\npath = "/news/**"\nlang = "en"\n',
      'site/content/english/news/held.md': page('Held'),
      'site/content/russian/news/held.md': page('Задержано'),
      'suffix/hugo.toml': 'defaultContentLanguage = "ru"\n[languages.en]\nweight = 1\n[languages.ru]\nweight = 2\n[[cascade]]\ndraft = true\n[cascade._target]\nlang = "en"\n',
      'suffix/content/news/one.en.md': page('One'),
      'suffix/content/news/one.md': page('Одна'),
    });
    const result = await runMain(['import', 'site', '--from', 'hugo', '--to', 'releases', '--now', NOW, '--reporter', 'json'], { cwd: dir });
    expect(json(result.stdout).converted.map((c) => [c.source, c.status])).toEqual([
      ['content/english/news/held.md', 'draft'],
      ['content/russian/news/held.md', 'published'],
    ]);
    const suffix = await runMain(['import', 'suffix', '--from', 'hugo', '--to', 'other', '--now', NOW, '--reporter', 'json'], { cwd: dir });
    expect(json(suffix.stdout).converted.map((c) => [c.source, c.status])).toEqual([
      ['content/news/one.en.md', 'draft'],
      ['content/news/one.md', 'published'],
    ]);
  });

  it('reads Hugo\'s configuration folders over its configuration file, and names a file there it cannot read, keeping every page back', async () => {
    const dir = await project({
      'migration-news.config.yaml': CONFIG,
      'site/hugo.toml': 'defaultContentLanguage = "en"\ntimeZone = "Europe/London"\n',
      'site/config/_default/hugo.toml': 'timeZone = "UTC"\n[[cascade]]\ndraft = true\n[cascade._target]\npath = "/news/**"\n',
      'site/config/_default/languages.toml': '[en]\nweight = 1\n[ru]\ncontentDir = "content_ru"\n',
      'site/config/_default/params.toml': 'a = [\n',
      'site/config/production/hugo.yaml': 'timeZone: Asia/Tokyo\n',
      'site/content/news/secret.md': '---\ntitle: Secret\ndate: 2026-01-05\n---\nText.\n',
      'site/content/press/open.md': '---\ntitle: Open\ndate: 2026-01-05T10:00:00\n---\nText.\n',
      'site/content_ru/press/open.md': '---\ntitle: Открыто\ndate: 2026-01-05T10:00:00\n---\nТекст.\n',
    });
    const result = await runMain(['import', 'site', '--from', 'hugo', '--to', 'releases', '--now', NOW, '--reporter', 'json'], { cwd: dir });
    const report = json(result.stdout);
    // The production folder's time zone is the one the dates were read in: 10:00 in Tokyo is 05:00 in Baku.
    // Hugo would not have built the site with the file it cannot read either, whose settings could have kept any page back: each is a draft.
    expect(report.converted.map((c) => [c.source, c.target, c.status])).toEqual([
      ['content/news/secret.md', 'en/2026-01-05-secret.md', 'draft'],
      ['content/press/open.md', 'en/2026-01-05-open.md', 'draft'],
      ['content_ru/press/open.md', 'ru/2026-01-05-open.md', 'draft'],
    ]);
    expect(await readFile(join(dir, 'releases/ru/2026-01-05-open.md'), 'utf8')).toMatch(/^date: 2026-01-05T05:00:00\+04:00$/m);
    const unread = 'the site\'s configuration config/_default/params.toml cannot be read (see the skipped files), so what it kept from publication is not known; imported as a draft';
    expect(report.needsPerson.map((n) => `${n.source} ${n.message}`)).toEqual([
      'content/news/secret.md `draft` comes from the `cascade` of the site\'s configuration', `content/news/secret.md ${unread}`, `content/press/open.md ${unread}`, `content_ru/press/open.md ${unread}`,
    ]);
    expect(report.skipped).toEqual([{ file: 'config/_default/params.toml', line: 2, reason: expect.stringMatching(/^config\/_default\/params\.toml cannot be read \(.+\); its settings are not used$/) as unknown }]);
  });

  it('reads Hugo\'s settings in any letter case, as Hugo does, not only those that keep a page back', async () => {
    const page = (title: string, front = '') => `---\ntitle: ${title}\ndate: 2026-01-05T23:30:00\n${front}---\nText.\n`;
    const dir = await project({
      'migration-news.config.yaml': CONFIG,
      'site/hugo.toml': [
        'UglyURLs = true', 'TimeZone = "America/New_York"', 'DefaultContentLanguage = "en"', 'DisableLanguages = ["ru"]',
        '[Languages.en]', 'weight = 1', '[Languages.ru]', 'weight = 2', '[Languages.az]', 'weight = 3', 'Disabled = true',
        '[[Cascade]]', 'draft = true', '[Cascade._target]', 'path = "/news/**"', '',
      ].join('\n'),
      'site/content/news/secret.md': page('Secret'),
      'site/content/posts/open.md': page('Open'),
      'site/content/posts/unrendered.md': page('Unrendered', 'build:\n  Render: never\n'),
      'site/content/posts/ru.ru.md': page('Скрыто'),
      'site/content/posts/az.az.md': page('Gizli'),
    });
    const result = await runMain(['import', 'site', '--from', 'hugo', '--to', 'releases', '--now', NOW, '--reporter', 'json'], { cwd: dir });
    // Before, only the usual spellings were read: every page here but the unrendered one was published.
    expect(json(result.stdout).converted.map((c) => [c.source, c.status])).toEqual([
      ['content/news/secret.md', 'draft'],
      ['content/posts/az.az.md', 'draft'],
      ['content/posts/open.md', 'published'],
      ['content/posts/ru.ru.md', 'draft'],
      ['content/posts/unrendered.md', 'draft'],
    ]);
    const open = await readFile(join(dir, 'releases/en/2026-01-06-open.md'), 'utf8');
    // 23:30 in New York is 08:30 the next day in Baku; the old address is the ugly URL's, with its .html.
    expect(open).toMatch(/^date: 2026-01-06T08:30:00\+04:00$/m);
    expect(open).toContain('aliases:\n  - /posts/open.html\n');
  });

  it('names the page bundle\'s file of an image a post gives by its address on the old site', async () => {
    const dir = await project({
      'migration-news.config.yaml': CONFIG,
      'site/hugo.toml': 'defaultContentLanguage = "en"\n',
      'site/content/posts/bundle/index.md': '---\ntitle: Bundle\ndate: 2026-01-05\n---\n![Pic](pic.png)\n',
      'site/content/posts/bundle/pic.png': 'png',
      'site/content/posts/other.md': '---\ntitle: Other\ndate: 2026-01-05\n---\n![Pic](/posts/bundle/pic.png)\n',
    });
    const result = await runMain(['import', 'site', '--from', 'hugo', '--to', 'releases', '--now', NOW, '--reporter', 'json'], { cwd: dir });
    // Before, "no such file is in it": Hugo published the bundle's file at that address.
    expect(json(result.stdout).needsPerson.filter((n) => n.file === 'en/2026-01-05-other.md').map((n) => n.message)).toEqual([
      'the image /posts/bundle/pic.png is at an address of the old site (its file there is content/posts/bundle/pic.png): copy the file next to the release and write its path from the release file\'s folder, or write its full address',
    ]);
  });

  it('reads a Hugo language\'s own time zone for its pages\' dates, as Hugo does', async () => {
    const page = (title: string) => `---\ntitle: ${title}\ndate: 2026-01-05T23:30:00\n---\nText.\n`;
    const dir = await project({
      'migration-news.config.yaml': CONFIG,
      'site/hugo.toml': 'timeZone = "UTC"\ndefaultContentLanguage = "en"\n[languages.en]\nweight = 1\n[languages.ru]\nweight = 2\ntimeZone = "Europe/Moscow"\n',
      'site/content/posts/tz.md': page('Time'),
      'site/content/posts/tz.ru.md': page('Время'),
    });
    const result = await runMain(['import', 'site', '--from', 'hugo', '--to', 'releases', '--now', NOW, '--reporter', 'json'], { cwd: dir });
    expect(result.code, result.stdout + result.stderr).toBe(0);
    // 23:30 in Moscow is 00:30 the next day in Baku; 23:30 UTC is 03:30. Before, the Russian page's date was read as UTC too.
    expect(await readFile(join(dir, 'releases/ru/2026-01-06-tz.md'), 'utf8')).toMatch(/^date: 2026-01-06T00:30:00\+04:00$/m);
    expect(await readFile(join(dir, 'releases/en/2026-01-06-tz.md'), 'utf8')).toMatch(/^date: 2026-01-06T03:30:00\+04:00$/m);
  });

  it('titles a post without a title as Jekyll did from its file name, and a Hugo page in words', async () => {
    const dir = await project({
      'migration-news.config.yaml': CONFIG,
      'jekyll/_config.yml': 'title: News\n',
      'jekyll/_posts/2024-02-01-visa-free_regime-NATO.md': '---\ndate: 2024-02-01\n---\nText.\n',
      'hugo/hugo.toml': 'title = "News"\n',
      'hugo/content/posts/visa-free_regime.md': '---\ndate: 2024-02-01\n---\nText.\n',
    });
    const jekyll = await runMain(['import', 'jekyll', '--from', 'jekyll', '--lang', 'en', '--to', 'releases', '--now', NOW], { cwd: dir });
    expect(jekyll.code, jekyll.stdout + jekyll.stderr).toBe(0);
    // Jekyll capitalises each word between hyphens and keeps an underscore (`Utils.titleize_slug`). Before: "Visa free regime NATO".
    expect(jekyll.stdout).toContain('"Visa Free_regime Nato" was made from the file name');
    const hugo = await runMain(['import', 'hugo', '--from', 'hugo', '--lang', 'en', '--to', 'pages', '--now', NOW], { cwd: dir });
    expect(hugo.code, hugo.stdout + hugo.stderr).toBe(0);
    expect(hugo.stdout).toContain('"Visa free regime" was made from the file name');
  });

  it('reads a Jekyll post\'s time in UTC when the site\'s time zone is none, as Jekyll did, and says so at the date', async () => {
    const dir = await project({
      'migration-news.config.yaml': CONFIG,
      'site/_config.yml': 'title: News\ntimezone: Mars/Olympus\n',
      'site/_posts/2026-01-05-late.md': '---\ntitle: Late\ndate: 2026-01-05 23:30:00\n---\nText.\n',
      'site/_posts/2026-01-06-zoned.md': '---\ntitle: Zoned\ndate: 2026-01-06 10:00:00 +0400\n---\nText.\n',
    });
    const result = await runMain(['import', 'site', '--from', 'jekyll', '--lang', 'en', '--to', 'releases', '--now', NOW, '--reporter', 'json'], { cwd: dir });
    expect(result.code, result.stdout + result.stderr).toBe(0);
    // 23:30 UTC is 03:30 the next day in Baku. Before, the name was passed over and the time read in the project's zone, 23:30 in Baku.
    expect(await readFile(join(dir, 'releases/en/2026-01-05-late.md'), 'utf8')).toMatch(/^date: 2026-01-06T03:30:00\+04:00$/m);
    const notes = (JSON.parse(result.stdout) as { needsPerson: { source: string; sourceLine: number; message: string }[] }).needsPerson;
    expect(notes.filter((n) => /time zone/.test(n.message)).map((n) => [n.source, n.sourceLine, n.message])).toEqual([
      ['_posts/2026-01-05-late.md', 3, 'the site\'s configuration names the time zone "Mars/Olympus", which is none: Jekyll read this date, written without its offset, in UTC, as the import does; check the release\'s date'],
    ]);
  });

  it('keeps every post of a Jekyll site back when its configuration cannot be read, and says where it fails', async () => {
    const dir = await project({
      'migration-news.config.yaml': CONFIG,
      // A colon in the title: Jekyll refuses the file; read silently, its `defaults` were lost and the archive came out published.
      'site/_config.yml': 'title: Migration Service: News\ndefaults:\n  - scope:\n      path: "_posts/archive"\n    values:\n      published: false\n',
      'site/_posts/archive/2019-01-01-old.md': '---\ntitle: Old\n---\nText.\n',
      'site/_posts/2026-01-05-new.md': '---\ntitle: New\n---\nText.\n',
    });
    const result = await runMain(['import', 'site', '--from', 'jekyll', '--lang', 'en', '--to', 'releases', '--now', NOW, '--reporter', 'json'], { cwd: dir });
    const report = json(result.stdout);
    expect(report.converted.map((c) => [c.source, c.status])).toEqual([['_posts/2026-01-05-new.md', 'draft'], ['_posts/archive/2019-01-01-old.md', 'draft']]);
    expect(report.skipped).toEqual([{ file: '_config.yml', line: 1, reason: expect.stringMatching(/^_config\.yml cannot be read \(.+ at line 1, column \d+:?\); its settings are not used$/) as unknown }]);
  });

  it('gives a release whose file name and title keep no Latin letter in a slug its id as its slug, as a release without a slug takes, and keeps its old address', async () => {
    const page = (title: string, front = '') => `---\ntitle: ${title}\ndate: 2026-01-05\n${front}---\nText.\n`;
    const dir = await project({
      'migration-news.config.yaml': CONFIG,
      'site/hugo.toml': 'defaultContentLanguage = "en"\n',
      'site/content/news/2026.md': page('Annual report 2026'),
      'site/content/news/گزارش-۲۰۲۶.md': page('گزارش سالانه ۲۰۲۶'),
      'site/content/news/اطلاعیه-۲۰۲۶.md': page('اطلاعیه ۲۰۲۶'),
      'site/content/news/notice.md': page('اطلاعیه', 'slug: "۲۰۲۶"\n'),
    });
    const result = await runMain(['import', 'site', '--from', 'hugo', '--to', 'releases', '--now', NOW, '--reporter', 'json'], { cwd: dir });
    expect(result.code).toBe(0);
    expect(json(result.stdout).converted.map((c) => [c.source, c.id, c.slug, c.oldUrl])).toEqual([
      ['content/news/2026.md', '2026-01-05-2026', 'annual-report-2026', '/news/2026/'],
      ['content/news/notice.md', '2026-01-05-notice', '2026-01-05-notice', '/news/۲۰۲۶/'],
      ['content/news/اطلاعیه-۲۰۲۶.md', '2026-01-05-2026-2', '2026-01-05-2026-2', '/news/اطلاعیه-۲۰۲۶/'],
      ['content/news/گزارش-۲۰۲۶.md', '2026-01-05-2026-3', '2026-01-05-2026-3', '/news/گزارش-۲۰۲۶/'],
    ]);
    expect(json(result.stdout).needsPerson.filter((n) => n.message.includes('Latin letter')).map((n) => `${n.source} ${n.message}`)).toEqual([
      'content/news/notice.md neither its `slug` nor its title keeps a Latin letter in a slug; its address is made from its id, "2026-01-05-notice": set `slug` to name it in Latin letters',
      'content/news/اطلاعیه-۲۰۲۶.md neither its file name nor its title keeps a Latin letter in a slug; its address is made from its id, "2026-01-05-2026-2": set `slug` to name it in Latin letters',
      'content/news/گزارش-۲۰۲۶.md neither its file name nor its title keeps a Latin letter in a slug; its address is made from its id, "2026-01-05-2026-3": set `slug` to name it in Latin letters',
    ]);
    const notice = parseReleaseFile(await readFile(join(dir, 'releases/en/2026-01-05-notice.md'), 'utf8'), 'n.md');
    expect(notice.data).toMatchObject({ slug: '2026-01-05-notice', aliases: ['/news/۲۰۲۶/'] });
  });

  it('imports the pages of a Hugo language whose contentDir is beside content/, in that language', async () => {
    const dir = await project({
      'migration-news.config.yaml': CONFIG,
      'site/hugo.toml': 'defaultContentLanguage = "en"\n[languages.en]\nweight = 1\n[languages.ru]\ncontentDir = "content_ru"\n[languages.az]\ncontentDir = "translations/az"\n',
      'site/layouts/_default/single.html': '<main>{{ .Content }}</main>\n',
      'site/content/posts/quota.md': '---\ntitle: Quota set\ndate: 2022-02-01\n---\nThe quota is set.\n',
      'site/content_ru/posts/quota.md': '---\ntitle: Квота утверждена\ndate: 2022-02-01\n---\nКвота утверждена. См. [новость]({{< ref "posts/quota" >}}).\n',
      'site/translations/az/posts/quota.md': '---\ntitle: Kvota təsdiqləndi\ndate: 2022-02-01\n---\nKvota təsdiqləndi.\n',
    });
    const result = await runMain(['import', 'site', '--from', 'hugo', '--to', 'releases', '--now', NOW, '--reporter', 'json'], { cwd: dir });
    expect(result.code, result.stdout + result.stderr).toBe(0);
    const report = json(result.stdout);
    expect(report.converted.map((c) => [c.source, c.target, c.id, c.oldUrl])).toEqual([
      ['content/posts/quota.md', 'en/2022-02-01-quota.md', '2022-02-01-quota', '/posts/quota/'],
      ['content_ru/posts/quota.md', 'ru/2022-02-01-quota.md', '2022-02-01-quota', '/ru/posts/quota/'],
      ['translations/az/posts/quota.md', 'az/2022-02-01-quota.md', '2022-02-01-quota', '/az/posts/quota/'],
    ]);
    // Only the layout and the configuration are other files; a link to a page of its own language goes to that page's release.
    expect(report.summary.otherFiles).toBe(2);
    expect(await readFile(join(dir, 'releases/ru/2022-02-01-quota.md'), 'utf8')).toContain('[новость](/ru/quota.html)');

    // The site's own contentDir, and a site whose every language has a content folder and no content/: the rest of it is no content.
    const other = await project({
      'migration-news.config.yaml': CONFIG,
      'own/hugo.yaml': 'contentDir: pages\n',
      'own/pages/news/quota.md': '---\ntitle: Quota set\ndate: 2022-02-01\n---\nThe quota is set.\n',
      'split/hugo.yaml': 'defaultContentLanguage: en\nlanguages:\n  en: {contentDir: content_en}\n  ru: {contentDir: content_ru}\n',
      'split/archetypes/default.md': '---\ntitle: "{{ .Name }}"\ndate: {{ .Date }}\n---\n',
      'split/content_en/news/quota.md': '---\ntitle: Quota set\ndate: 2022-02-01\n---\nThe quota is set.\n',
    });
    const imported = async (site: string) => json((await runMain(['import', site, '--from', 'hugo', '--to', `releases-${site}`, '--lang', 'en', '--now', NOW, '--reporter', 'json'], { cwd: other })).stdout);
    const own = await imported('own');
    expect(own.converted.map((c) => [c.source, c.oldUrl])).toEqual([['pages/news/quota.md', '/news/quota/']]);
    const split = await imported('split');
    expect(split.converted.map((c) => [c.source, c.lang, c.oldUrl])).toEqual([['content_en/news/quota.md', 'en', '/news/quota/']]);
    expect(split.skipped).toEqual([]);
  });

  it('names an old address outside where the new site is served as the old site served it, an alias too', async () => {
    const dir = await project({
      'migration-news.config.yaml': `${CONFIG}site:\n  url: https://migration.example.az/press\n`,
      'site/hugo.toml': 'baseURL = "https://old.example.az/newsroom/"\ndefaultContentLanguage = "en"\n',
      'site/content/posts/border.md': '---\ntitle: Border news\ndate: 2024-01-05\naliases: [old-border, /2019/border.html]\n---\nText.\n',
    });
    const result = await runMain(['import', 'site', '--from', 'hugo', '--to', 'releases', '--now', NOW, '--reporter', 'json'], { cwd: dir });
    const outside = 'cannot be kept as a redirect: it is outside /press/, where the new site is served (`site.url`)';
    expect(json(result.stdout).needsPerson.map((n) => `${n.sourceLine} ${n.message}`)).toEqual([
      `1 the old address /newsroom/posts/border/ ${outside}`,
      `4 the old address /newsroom/posts/old-border ${outside}`,
      `4 the old address /newsroom/2019/border.html ${outside}`,
    ]);
    expect(await readFile(join(dir, 'releases/en/2024-01-05-border.md'), 'utf8')).toMatch(/^---\n# Imported from hugo: content\/posts\/border\.md\n# Old address, not redirected: \/newsroom\/posts\/border\/\n# Old address, not redirected: \/newsroom\/posts\/old-border\n# Old address, not redirected: \/newsroom\/2019\/border\.html\n\n/);
  });

  it('leads a Jekyll post_url naming a folder to the post in that folder, below _posts or above it, in another language too', async () => {
    const post = (title: string, text: string) => `---\ntitle: ${title}\n---\n${text}\n`;
    const dir = await project({
      'migration-news.config.yaml': CONFIG,
      'site/_config.yml': 'title: News\n',
      'site/_posts/en/2014-01-23-centre.md': post('Centre', 'See [in Russian]({% post_url ru/2014-01-23-centre %}) and [in Azerbaijani]({% post_url az/2014-01-23-centre %}).'),
      'site/_posts/ru/2014-01-23-centre.md': post('Центр', 'См. [по-английски]({% post_url en/2014-01-23-centre %}) и [здесь]({% post_url 2014-01-23-centre %}).'),
      'site/az/_posts/2014-01-23-centre.md': post('Mərkəz', 'Bax: [rusca]({% post_url ru/2014-01-23-centre %}).'),
    });
    const result = await runMain(['import', 'site', '--from', 'jekyll', '--to', 'releases', '--lang-from-path', '--lang', 'en', '--now', NOW, '--reporter', 'json'], { cwd: dir });
    expect(json(result.stdout).needsPerson.filter((n) => n.message.includes('link'))).toEqual([]);
    const body = async (file: string) => parseReleaseFile(await readFile(join(dir, 'releases', file), 'utf8'), file).body.trim();
    expect(await body('en/2014-01-23-centre.md')).toBe('See [in Russian](/ru/centre.html) and [in Azerbaijani](/az/centre.html).');
    // A name without a folder is the linking post's own language's.
    expect(await body('ru/2014-01-23-centre.md')).toBe('См. [по-английски](/en/centre.html) и [здесь](/ru/centre.html).');
    expect(await body('az/2014-01-23-centre.md')).toBe('Bax: [rusca](/ru/centre.html).');
  });

  it('reads a Hugo site\'s module mounts of content as its languages\' content folders, and no content it did not mount', async () => {
    const dir = await project({
      'migration-news.config.yaml': CONFIG,
      'site/hugo.toml': 'defaultContentLanguage = "en"\n[languages.en]\nweight = 1\n[languages.ru]\nweight = 2\n',
      'site/config/_default/module.toml': '[[Mounts]]\nSource = "content/english"\nTarget = "content"\nLang = "en"\n[[Mounts]]\nsource = "content/russian/"\ntarget = "content"\nlang = "ru"\n',
      'site/content/english/news/visa.md': '---\ntitle: Visa rules\ndate: 2024-01-01\ntranslationKey: visa\n---\nThe rules.\n',
      'site/content/russian/news/visa.md': '---\ntitle: Визовые правила\ndate: 2024-01-01\ntranslationKey: visa\n---\nПравила.\n',
      // Not mounted: Hugo never read it.
      'site/content/archive/old.md': '---\ntitle: Old page\ndate: 2020-01-01\n---\nOld.\n',
    });
    const result = await runMain(['import', 'site', '--from', 'hugo', '--to', 'releases', '--now', NOW, '--reporter', 'json'], { cwd: dir });
    expect(result.code, result.stdout + result.stderr).toBe(0);
    const report = json(result.stdout);
    expect(report.converted.map((c) => [c.source, c.target, c.lang, c.oldUrl])).toEqual([
      ['content/english/news/visa.md', 'en/visa.md', 'en', '/news/visa/'],
      ['content/russian/news/visa.md', 'ru/visa.md', 'ru', '/ru/news/visa/'],
    ]);
    expect(report.skipped).toEqual([]);
  });

  it('takes a Hugo page\'s language from its file name\'s suffix before a language folder --lang-from-path reads, as Hugo published it', async () => {
    const dir = await project({
      'migration-news.config.yaml': CONFIG,
      'site/hugo.toml': 'defaultContentLanguage = "en"\n[languages.en]\n[languages.ru]\n',
      'site/content/en/posts/quota.md': '---\ntitle: Quota set\ndate: 2022-02-01\n---\nThe quota is set.\n',
      'site/content/en/posts/quota.ru.md': '---\ntitle: Квота установлена\ndate: 2022-02-01\n---\nКвота установлена.\n',
    });
    const report = json((await runMain(['import', 'site', '--from', 'hugo', '--to', 'releases', '--lang-from-path', '--now', NOW, '--reporter', 'json'], { cwd: dir })).stdout);
    expect(report.converted.map((c) => [c.source, c.target, c.lang, c.oldUrl])).toEqual([
      ['content/en/posts/quota.md', 'en/2022-02-01-quota.md', 'en', '/en/posts/quota/'],
      ['content/en/posts/quota.ru.md', 'ru/2022-02-01-quota.md', 'ru', '/ru/en/posts/quota/'],
    ]);
    expect(report.validation.summary.errors).toBe(0);
  });

  it('reads a file name\'s suffix naming a language of the Hugo site that the project has not as that language, and skips the page', async () => {
    const dir = await project({
      'migration-news.config.yaml': CONFIG,
      'site/hugo.toml': 'defaultContentLanguage = "en"\n[languages.en]\n[languages.fr]\n',
      'site/content/posts/quota.md': '---\ntitle: Quota set\ndate: 2022-02-01\n---\nThe quota is set.\n',
      'site/content/posts/quota.fr.md': '---\ntitle: Quota fixé\ndate: 2022-02-01\n---\nLe quota est fixé.\n',
    });
    const report = json((await runMain(['import', 'site', '--from', 'hugo', '--to', 'releases', '--now', NOW, '--reporter', 'json'], { cwd: dir })).stdout);
    expect(report.converted.map((c) => [c.source, c.lang, c.oldUrl])).toEqual([['content/posts/quota.md', 'en', '/posts/quota/']]);
    expect(report.skipped).toEqual([{ file: 'content/posts/quota.fr.md', line: 1, reason: 'its file name\'s suffix names the site\'s language "fr", which is not one of the project\'s languages (az, en, ru)' }]);
  });

  it('keeps back the pages of a language Hugo built none of (disableLanguages, or disabled in its settings), as it never published them', async () => {
    const dir = await project({
      'migration-news.config.yaml': CONFIG,
      'site/hugo.toml': 'defaultContentLanguage = "en"\ndisableLanguages = ["ru"]\n[languages.en]\n[languages.ru]\n[languages.az]\ncontentDir = "content_az"\ndisabled = true\n',
      'site/content/posts/quota.md': '---\ntitle: Quota set\ndate: 2022-02-01\n---\nThe quota is set.\n',
      'site/content/posts/quota.ru.md': '---\ntitle: Квота утверждена\ndate: 2022-02-01\n---\nКвота утверждена.\n',
      'site/content_az/posts/quota.md': '---\ntitle: Kvota təsdiqləndi\ndate: 2022-02-01\n---\nKvota təsdiqləndi.\n',
    });
    const report = json((await runMain(['import', 'site', '--from', 'hugo', '--to', 'releases', '--now', NOW, '--reporter', 'json'], { cwd: dir })).stdout);
    expect(report.converted.map((c) => [c.source, c.lang, c.status])).toEqual([
      ['content/posts/quota.md', 'en', 'published'], ['content/posts/quota.ru.md', 'ru', 'draft'], ['content_az/posts/quota.md', 'az', 'draft'],
    ]);
    expect(report.needsPerson.map((n) => [n.source, n.message])).toEqual([
      ['content/posts/quota.ru.md', 'Hugo built no pages in the site\'s language "ru" (`disableLanguages`), so it was never published; imported as a draft'],
      ['content_az/posts/quota.md', 'Hugo built no pages in the site\'s language "az" (`languages.az.disabled`), so it was never published; imported as a draft'],
    ]);
  });

  it('keeps the folders under a Hugo section in the old address, as Hugo made it from the page\'s path', async () => {
    const post = '---\ntitle: Quota set\ndate: 2022-02-01\n---\nThe quota is set.\n';
    const dir = await project({
      'migration-news.config.yaml': CONFIG,
      'site/hugo.toml': 'baseURL = "https://old.example.az/"\n',
      'site/content/posts/2020/may/quota.md': post,
      'site/content/posts/2020/visa/index.md': post.replace('Quota set', 'Visa'),
      'site/content/posts/2021/quota.md': post.replace('title: Quota set', 'title: Quota\nslug: quota-2021'),
    });
    const result = await runMain(['import', 'site', '--from', 'hugo', '--to', 'releases', '--lang', 'en', '--now', NOW, '--reporter', 'json'], { cwd: dir });
    expect(json(result.stdout).converted.map((c) => [c.source, c.oldUrl])).toEqual([
      ['content/posts/2020/may/quota.md', '/posts/2020/may/quota/'],
      ['content/posts/2020/visa/index.md', '/posts/2020/visa/'],
      ['content/posts/2021/quota.md', '/posts/2021/quota-2021/'],
    ]);
  });

  it('skips the pages in a Hugo leaf bundle (index.md) as resources of its page, as Hugo publishes none of them, but not those of a branch bundle (_index.md)', async () => {
    const post = (title: string) => `---\ntitle: ${title}\ndate: 2022-02-01\n---\nText.\n`;
    const dir = await project({
      'migration-news.config.yaml': CONFIG,
      'site/hugo.toml': 'defaultContentLanguage = "en"\n[languages.en]\n[languages.ru]\n',
      'site/content/posts/bundle/index.md': post('Bundle'),
      'site/content/posts/bundle/index.ru.md': post('Пакет'),
      'site/content/posts/bundle/notes.md': post('Notes'),
      'site/content/posts/bundle/notes/more.md': post('More'),
      'site/content/posts/bundle/inner/index.md': post('Inner'),
      'site/content/posts/branch/_index.md': '---\ntitle: Branch\n---\n',
      'site/content/posts/branch/page.md': post('Page'),
    });
    const result = await runMain(['import', 'site', '--from', 'hugo', '--to', 'releases', '--now', NOW, '--reporter', 'json'], { cwd: dir });
    expect(result.code, result.stdout).toBe(0);
    const report = json(result.stdout);
    expect(report.converted.map((c) => [c.source, c.status, c.oldUrl])).toEqual([
      ['content/posts/branch/page.md', 'published', '/posts/branch/page/'],
      ['content/posts/bundle/index.md', 'published', '/posts/bundle/'],
      ['content/posts/bundle/index.ru.md', 'published', '/ru/posts/bundle/'],
    ]);
    const resource = 'a resource of the page bundle content/posts/bundle/index.md, not a page';
    expect(report.skipped).toEqual([
      { file: 'content/posts/branch/_index.md', line: null, reason: 'a section list page (_index), not a post' },
      { file: 'content/posts/bundle/inner/index.md', line: null, reason: resource },
      { file: 'content/posts/bundle/notes.md', line: null, reason: resource },
      { file: 'content/posts/bundle/notes/more.md', line: null, reason: resource },
    ]);
    // `content/index.md` makes the whole content folder the home page's bundle: Hugo published none of the pages in it.
    const home = await project({ 'migration-news.config.yaml': CONFIG, 'site/content/index.md': post('Home'), 'site/content/posts/a.md': post('A') });
    const none = await runMain(['import', 'site', '--from', 'hugo', '--to', 'releases', '--now', NOW], { cwd: home });
    expect(none.code).toBe(2);
    expect(none.stderr).toContain('No posts to import were found in site');
  });

  it('skips the posts a Jekyll site did not read (its `exclude`, a name in _posts starting with "_" unless `include` lists it) and the pages Hugo\'s `ignoreFiles` match', async () => {
    const post = (title: string) => `---\ntitle: ${title}\ndate: 2022-02-01\n---\nText.\n`;
    const jekyll = await project({
      'migration-news.config.yaml': CONFIG,
      'site/_config.yml': 'exclude: [_posts/private, "_posts/*-old.md", archive]\ninclude: [_kept]\n',
      'site/_posts/2020-01-01-a.md': post('A'),
      'site/_posts/private/2020-01-02-p.md': post('Private'),
      'site/_posts/2020-01-03-x-old.md': post('Old'),
      'site/_posts/_unused/2020-01-04-u.md': post('Unused'),
      'site/_posts/_kept/2020-01-05-k.md': post('Kept'),
      'site/_posts/news/_2020-01-06-n.md': post('Underscored'),
      'site/_hidden/_posts/2020-01-07-h.md': post('Hidden'),
      'site/archive/_posts/2020-01-08-z.md': post('Archived'),
      // Jekyll checks the path below _posts by its start and its file name alone: a folder further down is read.
      'site/_posts/sub/_deep/2020-01-09-d.md': post('Deep'),
    });
    const result = await runMain(['import', 'site', '--from', 'jekyll', '--to', 'releases', '--lang', 'en', '--now', NOW, '--reporter', 'json'], { cwd: jekyll });
    expect(result.code, result.stdout).toBe(0);
    const report = json(result.stdout);
    expect(report.converted.map((c) => [c.source, c.status])).toEqual([
      ['_posts/2020-01-01-a.md', 'published'], ['_posts/_kept/2020-01-05-k.md', 'published'], ['_posts/sub/_deep/2020-01-09-d.md', 'published'],
    ]);
    expect(report.skipped.map((s) => [s.file, s.reason])).toEqual([
      ['_hidden/_posts/2020-01-07-h.md', 'its name or folder "_hidden" starts with "_", which Jekyll does not read unless `include` lists it; Jekyll never read the posts in it'],
      ['_posts/2020-01-03-x-old.md', 'the site\'s configuration excludes it (`exclude: _posts/*-old.md`); Jekyll never read it'],
      ['_posts/_unused/2020-01-04-u.md', 'its name or folder "_unused" starts with "_", which Jekyll does not read unless `include` lists it; Jekyll never read it'],
      ['_posts/news/_2020-01-06-n.md', 'its name or folder "_2020-01-06-n.md" starts with "_", which Jekyll does not read unless `include` lists it; Jekyll never read it'],
      ['_posts/private/2020-01-02-p.md', 'the site\'s configuration excludes it (`exclude: _posts/private`); Jekyll never read it'],
      ['archive/_posts/2020-01-08-z.md', 'the site\'s configuration excludes it (`exclude: archive`); Jekyll never read the posts in it'],
    ]);

    const hugo = await project({
      'migration-news.config.yaml': CONFIG,
      'site/hugo.toml': 'ignoreFiles = ["\\\\.draft\\\\.md$", "/private/"]\n',
      'site/content/posts/a.md': post('A'),
      'site/content/posts/b.draft.md': post('B'),
      'site/content/posts/private/c.md': post('C'),
    });
    const hugoReport = json((await runMain(['import', 'site', '--from', 'hugo', '--to', 'releases', '--now', NOW, '--reporter', 'json'], { cwd: hugo })).stdout);
    expect(hugoReport.converted.map((c) => [c.source, c.status])).toEqual([['content/posts/a.md', 'published']]);
    expect(hugoReport.skipped.map((s) => [s.file, s.reason])).toEqual([
      ['content/posts/b.draft.md', 'the site\'s `ignoreFiles` pattern "\\.draft\\.md$" matches its path; Hugo never read it'],
      ['content/posts/private/c.md', 'the site\'s `ignoreFiles` pattern "/private/" matches its path; Hugo never read it'],
    ]);
    // A pattern that would backtrack for ever here is not run: the pages it might have kept Hugo from reading are kept back.
    const hostile = await project({
      'migration-news.config.yaml': CONFIG,
      'site/hugo.toml': `ignoreFiles = ["(a+)+$", "${'a?'.repeat(40)}${'a'.repeat(40)}"]\n`,
      [`site/content/posts/${'a'.repeat(40)}.md`]: post('A'),
    });
    const started = Date.now();
    const hostileReport = json((await runMain(['import', 'site', '--from', 'hugo', '--to', 'releases', '--now', NOW, '--reporter', 'json'], { cwd: hostile })).stdout);
    expect(Date.now() - started).toBeLessThan(5000);
    expect(hostileReport.converted.map((c) => [c.source, c.status])).toEqual([[`content/posts/${'a'.repeat(40)}.md`, 'draft']]);
    expect(hostileReport.needsPerson.map((n) => n.message)).toContain('the site\'s `ignoreFiles` pattern "(a+)+$" cannot be run safely here (a form that backtracks, or syntax Go and JavaScript read differently), so whether Hugo read it is not known; imported as a draft');
  });

  it('makes the posts a jekyll-polyglot site showed as translations of one page translations of one release', async () => {
    const dir = await project({
      'migration-news.config.yaml': CONFIG,
      'site/_config.yml': 'languages: [en, ru]\ndefault_lang: en\nplugins: [jekyll-polyglot]\n',
      'site/_posts/2023-05-10-visa-free.md': '---\ntitle: Visa-free regime extended\nlang: en\npermalink: /news/visa-free/\n---\nThe regime is extended.\n',
      'site/_posts/2023-05-10-bezvizovyy-rezhim.md': '---\ntitle: Безвизовый режим продлён\nlang: ru\npermalink: /news/visa-free/\n---\nРежим продлён.\n',
    });
    const result = await runMain(['import', 'site', '--from', 'jekyll', '--to', 'releases', '--now', NOW, '--reporter', 'json'], { cwd: dir });
    expect(result.code, result.stdout + result.stderr).toBe(0);
    expect(json(result.stdout).converted.map((c) => [c.target, c.id, c.oldUrl])).toEqual([
      ['ru/2023-05-10-visa-free.md', '2023-05-10-visa-free', '/ru/news/visa-free/'],
      ['en/2023-05-10-visa-free.md', '2023-05-10-visa-free', '/news/visa-free/'],
    ]);
    const built = await runMain(['build', 'releases', '--out', 'dist', '--now', NOW], { cwd: dir });
    expect(built.code, built.stdout + built.stderr).toBe(0);
    // Each page links to the other language's.
    expect(await readFile(join(dir, 'dist/en/visa-free.html'), 'utf8')).toContain('hreflang="ru"');
    expect(await readFile(join(dir, 'dist/ru/visa-free.html'), 'utf8')).toContain('hreflang="en"');
  });

  it('never prints control characters from file names or posts', async () => {
    const dir = await project({
      'migration-news.config.yaml': CONFIG,
      'site/_posts/2014-01-23-red\u001b[31m.md': '---\ntitle: Red\nlang: en\n---\n{% include \u001b]0;owned\u0007 %}\n',
    });
    const text = await runMain(['import', 'site', '--from', 'jekyll', '--to', 'releases', '--now', NOW], { cwd: dir });
    // eslint-disable-next-line no-control-regex
    expect(text.stdout).not.toMatch(/[\u0000-\u0008\u000B-\u001F\u007F]/);
    expect(text.stdout).toContain('_posts/2014-01-23-red\\u001B[31m.md');
    const release = await readFile(join(dir, 'releases/en/2014-01-23-red-31m.md'), 'utf8');
    expect(release.split('\n').slice(0, 3).join('\n')).not.toContain('\u001b');
    const data = await runMain(['import', 'site', '--from', 'jekyll', '--to', 'releases', '--now', NOW, '--reporter', 'json'], { cwd: dir });
    // eslint-disable-next-line no-control-regex
    expect(data.stdout).not.toMatch(/[\u0000-\u001F\u007F](?<!\n)/);
    expect(JSON.parse(data.stdout)).toHaveProperty('converted');
  });
});

describe('migration-news import as a subprocess', () => {
  it('runs from the real binary', async () => {
    const dir = await project({ 'migration-news.config.yaml': CONFIG });
    const result = await runCli(['import', HUGO, '--from', 'hugo', '--to', 'releases', '--dry-run', '--now', NOW], { cwd: dir });
    // A dry run checks the image it would leave behind as the real run does (see above).
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/releases\/en\/2020-06-15-e-visa\.md\n.*content\/image-file/);
    expect(result.stdout).toContain('content/posts/visa-free-regime.ru.md → releases/ru/visa-free.md (would be new)');
    expect(await listTree(dir)).toEqual(['migration-news.config.yaml']);
  });

  it('imports an HTML post and builds redirect pages at the old addresses from the real binary', async () => {
    const dir = await project({ 'migration-news.config.yaml': CONFIG });
    const imported = await runCli(['import', JEKYLL, '--from', 'jekyll', '--to', 'releases', '--lang-from-path', '--lang', 'en', '--now', NOW], { cwd: dir });
    expect(imported.code, imported.stderr).toBe(1); // the site's two posts that cannot be converted
    expect(imported.stdout).toContain('_posts/2016-05-10-html-post.html → releases/en/2016-05-10-html-post.md (new)');
    const built = await runCli(['build', 'releases', '--out', 'dist', '--now', NOW], { cwd: dir });
    expect(built.code, built.stderr).toBe(0);
    expect(await readFile(join(dir, 'dist/ru/novosti/Новый-Центр-Выдачи.html'), 'utf8')).toContain('url=../novyy-tsentr-vydachi.html"');
    expect(await readFile(join(dir, 'dist/2016/05/10/html-post.html'), 'utf8')).toContain('url=../../../en/html-post.html"');
  });
});
