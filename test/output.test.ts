import { execFileSync } from 'node:child_process';
import fs, { realpathSync } from 'node:fs';
import { link, readFile, readdir, rename, rm, stat, symlink, writeFile, mkdir } from 'node:fs/promises';
import { withFileSystem } from './helpers/builtins.js';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MANIFEST_FORMAT, MANIFEST_NAME, readManifest } from '../src/io/output.js';
import { NOW, ROOT, release, runMain, useProjects } from './helpers/cli.js';
import { hashTree, listTree } from './helpers/hostile.js';

/**
 * The output folder over a series of builds: a build removes what an earlier
 * build wrote and this one no longer does (named in the summary), keeps a
 * withdrawn or renamed release's address working, and never touches a file
 * it did not write.
 */

const project = useProjects();

const MANIFEST = '.migration-news-manifest.json';

async function tree(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true });
  const files: string[] = [];
  for (const e of entries) if ((await stat(join(dir, e))).isFile()) files.push(e.split('\\').join('/'));
  return files.sort();
}

/** Fails naming the first file under `folder`, manifest included, whose text matches `pattern`. */
async function expectNowhere(folder: string, pattern: RegExp): Promise<void> {
  for (const file of await tree(folder)) expect(await readFile(join(folder, file), 'utf8'), file).not.toMatch(pattern);
}

async function manifestFiles(dir: string): Promise<string[]> {
  const data = JSON.parse(await readFile(join(dir, MANIFEST), 'utf8')) as { files: Record<string, unknown> };
  return Object.keys(data.files).sort();
}

describe('a build into a folder an earlier build wrote', () => {
  it('removes what a renamed, withdrawn or deleted release left, keeps up-to-date pages, and never touches other files', async () => {
    const dir = await project({
      'r/a.md': release({ slug: 'old-name', id: 'a' }),
      'r/b.md': release({ slug: 'other', id: 'b', title: 'Another release' }),
      'dist/robots.txt': 'User-agent: *\n',
      'dist/images/logo.svg': '<svg/>',
      'dist/en/hand-written.html': '<p>mine</p>',
    });
    const env = { XDG_CACHE_HOME: join(dir, 'cache') };
    const build = (...extra: string[]) => runMain(['build', 'r', '--now', NOW, ...extra], { cwd: dir, env });
    const out = join(dir, 'dist');
    const foreign = async () => Promise.all(['robots.txt', 'images/logo.svg', 'en/hand-written.html'].map((f) => readFile(join(out, f), 'utf8')));
    const foreignBefore = await foreign();

    const first = await build();
    expect(first.code, first.stderr + first.stdout).toBe(0);
    expect(await tree(out)).toEqual(expect.arrayContaining(['en/old-name.html', 'en/old-name.txt', 'en/old-name.json', 'en/other.html', MANIFEST]));
    const listed = await manifestFiles(out);
    expect(listed).toContain('en/old-name.html');
    expect(listed).not.toContain('robots.txt');
    expect(listed).not.toContain('en/hand-written.html');

    // Nothing changed: the pages are up to date, not rendered again, and still the build's own.
    const again = await build();
    expect(again.code).toBe(0);
    expect(again.stdout).toMatch(/already up to date/);
    expect(again.stdout).not.toMatch(/removed/);
    expect(await manifestFiles(out)).toEqual(listed);
    expect(await tree(out)).toContain('en/old-name.html');

    // A new slug without an alias: the old pages go, with a warning that links break.
    await writeFile(join(dir, 'r/a.md'), release({ slug: 'new-name', id: 'a' }));
    const renamed = await build();
    expect(renamed.code, renamed.stdout).toBe(0);
    expect(renamed.stdout).toMatch(/publication\/slug-changed/);
    expect(renamed.stdout).toMatch(/removed en\/old-name\.html: the slug is now "new-name"/);
    expect(await tree(out)).not.toContain('en/old-name.html');
    expect(await tree(out)).toContain('en/new-name.html');

    // The old slug as an alias: its address redirects to the new one.
    await writeFile(join(dir, 'r/a.md'), release({ slug: 'new-name', id: 'a', aliases: '[old-name]' }));
    const aliased = await build();
    expect(aliased.code, aliased.stdout).toBe(0);
    const redirect = await readFile(join(out, 'en/old-name.html'), 'utf8');
    expect(redirect).toMatch(/http-equiv="refresh"/);
    expect(redirect).toMatch(/new-name\.html/);

    // Withdrawn without a date: nothing says a notice is due, as a fresh build would not know the release was out; its pages go, with a warning.
    await writeFile(join(dir, 'r/a.md'), release({ slug: 'new-name', id: 'a', status: 'withdrawn', withdrawn_reason: 'Issued in error.' }));
    const undated = await build();
    expect(undated.code, undated.stdout).toBe(0);
    expect(undated.stdout).toMatch(/publication\/withdrawn-undated/);
    expect(await tree(out)).not.toContain('en/new-name.html');

    // Withdrawn with its date: the address keeps a notice without the text, as a fresh build writes it; the other formats go.
    await writeFile(join(dir, 'r/a.md'), release({ slug: 'new-name', id: 'a', status: 'withdrawn', withdrawn_date: '2026-05-20', withdrawn_reason: 'Issued in error.' }));
    const withdrawn = await build();
    expect(withdrawn.code, withdrawn.stdout).toBe(0);
    const notice = await readFile(join(out, 'en/new-name.html'), 'utf8');
    expect((await runMain(['build', 'r', '--out', 'fresh', '--now', NOW], { cwd: dir })).code).toBe(0);
    expect(await readFile(join(dir, 'fresh/en/new-name.html'), 'utf8')).toBe(notice);
    expect(notice).toMatch(/This release was withdrawn/);
    expect(notice).toMatch(/Issued in error\./);
    expect(notice).not.toMatch(/announced new measures/);
    const afterWithdrawal = await tree(out);
    expect(afterWithdrawal).not.toContain('en/new-name.txt');
    expect(afterWithdrawal).not.toContain('en/new-name.json');
    expect(afterWithdrawal).not.toContain('en/old-name.html');

    // Deleted: every file of the release goes.
    await rm(join(dir, 'r/a.md'));
    const deleted = await build();
    expect(deleted.code, deleted.stdout).toBe(0);
    expect(deleted.stdout).toMatch(/removed en\/new-name\.html: its release is gone: r\/a\.md is not among this build's inputs \(deleted, or outside the paths given\)\n/);
    const last = await tree(out);
    expect(last.filter((f) => f.includes('name'))).toEqual([]);
    expect(last).toContain('en/other.html');

    // Files the tool never wrote survived every build, byte for byte.
    expect(await foreign()).toEqual(foreignBefore);
  });

  it('says why a release\'s pages went: its file moved to another language, or was left out of the paths built', async () => {
    const dir = await project({
      'migration-news.config.yaml': 'languages: [en, ru]\n',
      'r/a.md': release({ slug: 'moved', id: 'a' }),
      'old/b.md': release({ title: 'Old news', id: 'b' }),
    });
    expect((await runMain(['build', 'r', 'old', '--now', NOW], { cwd: dir })).code).toBe(0);
    await writeFile(join(dir, 'r/a.md'), release({ slug: 'moved', id: 'a', lang: 'ru' }));
    const result = await runMain(['build', 'r', '--now', NOW], { cwd: dir });
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain('  removed en/moved.html: its release is gone (its file\'s id or language changed)\n');
    expect(result.stdout).toContain('  removed en/old-news.html: its release is gone: old/b.md is not among this build\'s inputs (deleted, or outside the paths given)\n');
  });

  it('takes a page down when its release stops being public, and says so', async () => {
    const dir = await project({ 'r/a.md': release({ slug: 'notice', id: 'a' }) });
    expect((await runMain(['build', 'r', '--now', NOW], { cwd: dir })).code).toBe(0);
    await writeFile(join(dir, 'r/a.md'), release({ slug: 'notice', id: 'a', status: 'draft' }));
    const result = await runMain(['build', 'r', '--now', NOW, '--reporter', 'json'], { cwd: dir });
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/publication\/unpublished/);
    expect((await tree(join(dir, 'dist'))).filter((f) => f.startsWith('en/notice.'))).toEqual([]);
  });

  it('says a release pulled back is no longer public when another release took its language and id, and tells that one of no slug change', async () => {
    const dir = await project({
      'migration-news.config.yaml': 'languages: [en, ru]\n',
      'r/a.en.md': release({ slug: 'centre', id: 'a' }),
      'r/a.ru.md': release({ slug: 'pulled-back', id: 'a', lang: 'ru', title: 'Первый перевод' }),
      'r/b.ru.md': release({ slug: 'new-translation', id: 'b', lang: 'ru', title: 'Второй перевод' }),
    });
    expect((await runMain(['build', 'r', '--now', NOW], { cwd: dir })).code).toBe(0);
    // The first translation is pulled back and given an id of its own; the other becomes the translation of `a`.
    await writeFile(join(dir, 'r/a.ru.md'), release({ slug: 'pulled-back', id: 'c', lang: 'ru', title: 'Первый перевод', status: 'draft' }));
    await writeFile(join(dir, 'r/b.ru.md'), release({ slug: 'new-translation', id: 'a', lang: 'ru', title: 'Второй перевод' }));
    const result = await runMain(['build', 'r', '--now', NOW, '--reporter', 'json'], { cwd: dir });
    expect(result.code, result.stderr).toBe(0);
    const report = JSON.parse(result.stdout) as { diagnostics: { ruleId: string; file: string }[] };
    expect(report.diagnostics.filter((d) => d.ruleId.startsWith('publication/')).map((d) => `${d.file} ${d.ruleId}`)).toEqual(['r/a.ru.md publication/unpublished']);
    expect(result.stderr).toContain('removed ru/pulled-back.html: status is draft now (its id or language changed too)');
    expect(result.stderr).not.toContain('the slug is now');
    expect((await tree(join(dir, 'dist'))).filter((f) => f.includes('pulled-back'))).toEqual([]);
  });

  it('takes the release that checks for the one a language and id name, not a draft that claims them too', async () => {
    const dir = await project({ 'r/a.md': release({ slug: 'a1', id: 'x' }) });
    expect((await runMain(['build', 'r', '--now', NOW], { cwd: dir })).code).toBe(0);
    await writeFile(join(dir, 'r/a.md'), release({ slug: 'a2', id: 'x' }));
    await writeFile(join(dir, 'r/b.md'), release({ id: 'x', title: 'A draft with the same id', status: 'draft' }));
    const result = await runMain(['build', 'r', '--now', NOW, '--keep-going', '--reporter', 'json'], { cwd: dir });
    const report = JSON.parse(result.stdout) as { diagnostics: { ruleId: string; file: string }[] };
    expect(report.diagnostics.map((d) => `${d.file} ${d.ruleId}`).sort()).toEqual(['r/a.md publication/slug-changed', 'r/b.md id/duplicate']);
    expect(result.stderr).toContain('removed en/a1.html: the slug is now "a2"');
  });

  it('says why a release that fails while it is rendered (--keep-going) loses its pages, not that a format was left out', async () => {
    const dir = await project({ 'r/a.md': release({ slug: 'fails', id: 'a' }), 'r/b.md': release({ slug: 'stays', id: 'b', title: 'Another release' }) });
    expect((await runMain(['build', 'r', '--now', NOW, '--format', 'html,json'], { cwd: dir })).code).toBe(0);
    await mkdir(join(dir, 'templates/default'), { recursive: true });
    await writeFile(join(dir, 'templates/default/release.json.liquid'), '{% if release.slug == "fails" %}{% include release.title %}{% endif %}{{ release.title | json }}\n');
    const result = await runMain(['build', 'r', '--now', NOW, '--format', 'html,json', '--keep-going'], { cwd: dir });
    expect(result.code, result.stdout + result.stderr).toBe(1);
    expect(result.stdout + result.stderr).toContain('removed en/fails.json: its release failed while it was rendered (the error is reported with it)');
    expect(result.stdout + result.stderr).not.toMatch(/removed en\/fails\.\w+: it is no longer built/);
    expect(await tree(join(dir, 'dist'))).toContain('en/stays.html');
    // A release that fails in one format has no page in any: no listing names it, nor would a fresh build write it.
    expect(result.stdout + result.stderr).toContain('removed en/fails.html: its release failed while it was rendered');
    expect(await tree(join(dir, 'dist'))).not.toContain('en/fails.html');
    const fresh = await runMain(['build', 'r', '--now', NOW, '--format', 'html,json', '--keep-going', '--out', 'fresh'], { cwd: dir });
    expect(fresh.code).toBe(1);
    expect(await tree(join(dir, 'fresh'))).toEqual(await tree(join(dir, 'dist')));
    // The same for a release whose e-mail message cannot be made: none of its pages, and its message neither.
    await writeFile(join(dir, 'templates/default/release.json.liquid'), '{{ release.title | json }}\n');
    await mkdir(join(dir, 'templates/email'), { recursive: true });
    await writeFile(join(dir, 'migration-news.config.yaml'), 'email:\n  from: press@example.org\n');
    await writeFile(join(dir, 'templates/email/release.txt.liquid'), '{% if release.slug == "fails" %}{% include release.title %}{% endif %}{{ release.title }}\n');
    const mailed = await runMain(['build', 'r', '--now', NOW, '--format', 'html,json,eml', '--keep-going', '--out', 'mailed'], { cwd: dir });
    expect(mailed.code, mailed.stdout + mailed.stderr).toBe(1);
    expect(mailed.stdout + mailed.stderr).toContain('while rendering r/a.md as eml');
    const mailedTree = await tree(join(dir, 'mailed'));
    expect(mailedTree).toEqual(expect.arrayContaining(['en/stays.html', 'en/stays.json', 'en/stays.eml']));
    expect(mailedTree.filter((path) => path.includes('fails'))).toEqual([]);
  });

  it('says a page is still there when the build that would take it down has errors and writes nothing', async () => {
    const dir = await project({ 'r/a.md': release({ slug: 'notice', id: 'a' }) });
    expect((await runMain(['build', 'r', '--now', NOW], { cwd: dir })).code).toBe(0);
    await writeFile(join(dir, 'r/a.md'), release({ slug: 'notice', id: 'a', status: 'draft' }));
    await writeFile(join(dir, 'migration-news.config.yaml'), 'rules:\n  publication/unpublished: error\n');
    const result = await runMain(['build', 'r', '--now', NOW, '--reporter', 'json'], { cwd: dir });
    expect(result.code).toBe(1);
    const report = JSON.parse(result.stdout) as { diagnostics: { ruleId: string; message: string }[] };
    expect(report.diagnostics.find((d) => d.ruleId === 'publication/unpublished')?.message).toBe('en/notice.html was public in the last build and is to be removed (status is draft now), but this build has errors and wrote nothing: it is still there.');
    expect(await tree(join(dir, 'dist'))).toContain('en/notice.html');
    // Stopped before its commit by a file it may not write over: the same.
    await writeFile(join(dir, 'migration-news.config.yaml'), '');
    await writeFile(join(dir, 'r/b.md'), release({ slug: 'blocked', id: 'b', title: 'Another release' }));
    await writeFile(join(dir, 'dist/en/blocked.html'), 'not the build\'s\n');
    const stopped = await runMain(['build', 'r', '--now', NOW, '--reporter', 'json'], { cwd: dir });
    expect(stopped.code).toBe(2);
    expect((JSON.parse(stopped.stdout) as { diagnostics: { ruleId: string; message: string }[] }).diagnostics.find((d) => d.ruleId === 'publication/unpublished')?.message).toMatch(/it is still there\.$/);
    expect(await tree(join(dir, 'dist'))).toContain('en/notice.html');
  });

  it('says a renamed release\'s old page is still there when the build has errors and writes nothing', async () => {
    const dir = await project({ 'r/a.md': release({ slug: 'old-name', id: 'a' }), 'r/b.md': release({ slug: 'other', id: 'b', title: 'Another release' }) });
    expect((await runMain(['build', 'r', '--now', NOW], { cwd: dir })).code).toBe(0);
    await writeFile(join(dir, 'r/a.md'), release({ slug: 'new-name', id: 'a' }));
    await writeFile(join(dir, 'r/b.md'), release({ slug: 'other', id: 'b', title: 'Another release', date: '14.05.2026' }));
    const result = await runMain(['build', 'r', '--now', NOW, '--reporter', 'json'], { cwd: dir });
    expect(result.code).toBe(1);
    const report = JSON.parse(result.stdout) as { diagnostics: { ruleId: string; message: string }[] };
    expect(report.diagnostics.find((d) => d.ruleId === 'publication/slug-changed')?.message).toBe('The slug changed from "old-name" to "new-name": en/old-name.html is to be removed, and links to it break, but this build has errors and wrote nothing: it is still there.');
    expect(await tree(join(dir, 'dist'))).toContain('en/old-name.html');
    // Fixed, the build takes the old page down, and says so.
    await writeFile(join(dir, 'r/b.md'), release({ slug: 'other', id: 'b', title: 'Another release' }));
    const fixed = await runMain(['build', 'r', '--now', NOW, '--reporter', 'json'], { cwd: dir });
    expect(fixed.code).toBe(0);
    expect((JSON.parse(fixed.stdout) as { diagnostics: { ruleId: string; message: string }[] }).diagnostics.find((d) => d.ruleId === 'publication/slug-changed')?.message).toBe('The slug changed from "old-name" to "new-name": en/old-name.html is removed, and links to it break.');
    expect(await tree(join(dir, 'dist'))).not.toContain('en/old-name.html');
  });

  it('reports a slug change when another release takes the old address in the same edit, or two releases swap slugs', async () => {
    const dir = await project({ 'r/a.md': release({ slug: 'first', id: 'a' }) });
    expect((await runMain(['build', 'r', '--now', NOW], { cwd: dir })).code).toBe(0);
    // Renamed, and a new release given its old slug: nothing is removed, but the old address opens another release.
    await writeFile(join(dir, 'r/a.md'), release({ slug: 'second', id: 'a' }));
    await writeFile(join(dir, 'r/b.md'), release({ slug: 'first', id: 'b', title: 'Another release' }));
    const taken = await runMain(['build', 'r', '--now', NOW, '--reporter', 'json'], { cwd: dir });
    expect(taken.code).toBe(0);
    const changes = (report: string) => (JSON.parse(report) as { diagnostics: { ruleId: string; file: string; message: string }[] }).diagnostics.filter((d) => d.ruleId === 'publication/slug-changed').map((d) => `${d.file}: ${d.message}`);
    expect(changes(taken.stdout)).toEqual(['r/a.md: The slug changed from "first" to "second": en/first.html is now the page of r/b.md, and links to it lead there.']);
    // The two swap slugs: each is told.
    await writeFile(join(dir, 'r/a.md'), release({ slug: 'first', id: 'a' }));
    await writeFile(join(dir, 'r/b.md'), release({ slug: 'second', id: 'b', title: 'Another release' }));
    const swapped = await runMain(['build', 'r', '--now', NOW, '--reporter', 'json'], { cwd: dir });
    expect(swapped.code).toBe(0);
    expect(changes(swapped.stdout)).toEqual([
      'r/a.md: The slug changed from "second" to "first": en/second.html is now the page of r/b.md, and links to it lead there.',
      'r/b.md: The slug changed from "first" to "second": en/first.html is now the page of r/a.md, and links to it lead there.',
    ]);
    // Built again unchanged, nothing is said.
    expect(changes((await runMain(['build', 'r', '--now', NOW, '--reporter', 'json'], { cwd: dir })).stdout)).toEqual([]);
  });

  it('says of a page taken down by an embargo that still holds when it comes back, not to set its status back', async () => {
    const dir = await project({ 'r/a.md': release({ slug: 'quota', id: 'a', status: 'approved', date: '2026-11-29', embargo: '2026-11-29T09:00:00+04:00' }) });
    expect((await runMain(['build', 'r', '--now', '2026-11-30'], { cwd: dir })).code).toBe(0);
    expect(await tree(join(dir, 'dist'))).toContain('en/quota.html');
    // A build with an earlier clock: the release is under its embargo again, its status as it was.
    const result = await runMain(['build', 'r', '--now', NOW, '--reporter', 'json'], { cwd: dir });
    expect(result.code).toBe(0);
    const report = JSON.parse(result.stdout) as { diagnostics: { ruleId: string; message: string; hint?: string }[] };
    const unpublished = report.diagnostics.find((d) => d.ruleId === 'publication/unpublished');
    expect(unpublished?.message).toBe('en/quota.html was public in the last build and is removed: under embargo now.');
    expect(unpublished?.hint).toContain('Its embargo lifts at 2026-11-29T09:00:00+04:00');
    expect(unpublished?.hint).not.toContain('status');
    expect(await tree(join(dir, 'dist'))).not.toContain('en/quota.html');
  });

  it('takes a page down when its release stops being public, even when its file has errors too (--keep-going), its aliases with it', async () => {
    // A third release keeps the listing up: a kept page that links to a listing the build removes goes too (see keep-going-links.test.ts).
    const dir = await project({ 'r/a.md': release({ slug: 'pulled', id: 'a', aliases: '[pulled-old]' }), 'r/b.md': release({ slug: 'stays', id: 'b', title: 'Another release' }), 'r/c.md': release({ slug: 'listed', id: 'c', title: 'A third release' }) });
    expect((await runMain(['build', 'r', '--now', NOW], { cwd: dir })).code).toBe(0);
    expect(await tree(join(dir, 'dist'))).toEqual(expect.arrayContaining(['en/pulled.html', 'en/pulled-old.html']));
    // Pulled back to draft, and a body error besides: the status can still be read.
    await writeFile(join(dir, 'r/a.md'), release({ slug: 'pulled', id: 'a', aliases: '[pulled-old]', status: 'draft' }, '[Apply](javascript:alert(1)) here.\n'));
    const result = await runMain(['build', 'r', '--now', NOW, '--keep-going', '--reporter', 'json'], { cwd: dir });
    expect(result.code).toBe(1);
    const report = JSON.parse(result.stdout) as { diagnostics: { ruleId: string; file: string; line: number }[] };
    expect(report.diagnostics.filter((d) => d.ruleId === 'publication/unpublished').map((d) => [d.file, d.line])).toEqual([['r/a.md', 5]]);
    const files = await tree(join(dir, 'dist'));
    expect(files.filter((f) => f.includes('pulled'))).toEqual([]);
    expect(await readFile(join(dir, 'dist/redirects.json'), 'utf8').catch(() => '')).not.toMatch(/pulled/);
    expect(files).toContain('en/stays.html');
    // A file whose front matter cannot be read keeps the earlier pages of its release until it is fixed, as before.
    expect((await runMain(['build', 'r', '--now', NOW], { cwd: dir })).code).toBe(1);
    await writeFile(join(dir, 'r/b.md'), '---\ntitle: [unclosed\n---\nBody.\n');
    expect((await runMain(['build', 'r', '--now', NOW, '--keep-going'], { cwd: dir })).code).toBe(1);
    expect(await tree(join(dir, 'dist'))).toContain('en/stays.html');
    // A YAML error after the status: the status it left readable still takes the pages down.
    await writeFile(join(dir, 'r/b.md'), release({ slug: 'stays', id: 'b', title: 'Another release', status: 'draft', summary: '"unclosed' }));
    const broken = await runMain(['build', 'r', '--now', NOW, '--keep-going', '--reporter', 'json'], { cwd: dir });
    expect(broken.code).toBe(1);
    const brokenReport = JSON.parse(broken.stdout) as { diagnostics: { ruleId: string; file: string; line: number }[] };
    expect(brokenReport.diagnostics.filter((d) => d.file === 'r/b.md' && d.ruleId !== 'yaml/syntax').map((d) => [d.ruleId, d.file, d.line])).toEqual([['publication/unpublished', 'r/b.md', 5]]);
    expect((await tree(join(dir, 'dist'))).filter((f) => f.includes('stays'))).toEqual([]);
  });

  it('takes a page down (--keep-going) when its release is pulled back in an edit that breaks its file past reading as YAML: an alias, its encoding, its front matter\'s lines', async () => {
    const pulled = (slug: string, extra: Record<string, string> = {}) => release({ slug, id: slug, title: `Release ${slug}`, status: 'draft', ...extra });
    const public_ = (slug: string, extra: Record<string, string> = {}) => release({ slug, id: slug, title: `Release ${slug}`, aliases: `[${slug}-old]`, ...extra });
    const broken: Record<string, string | Buffer> = {
      'unresolved-alias': pulled('unresolved-alias', { summary: '*lead' }),
      'alias-limit': pulled('alias-limit', { list: '&x [a, b]', many: `[${Array(60).fill('*x').join(', ')}]` }),
      'not-utf8': Buffer.concat([Buffer.from(pulled('not-utf8', {}).replace('---\n', '---\nsummary: Curly\n').replace(/\n$/, '')), Buffer.from([0x92, 0x0a])]),
      'utf16': Buffer.from(`\uFEFF${pulled('utf16')}`, 'utf16le'),
      'unclosed': pulled('unclosed').replace(/\n---\n(?=The)/, '\n'),
      'closing-spaces': pulled('closing-spaces').replace(/\n---\n(?=The)/, '\n---  \n'),
      'opening-spaces': pulled('opening-spaces').replace(/^---\n/, '--- \n'),
      'dashes-inside': pulled('dashes-inside').replace('status: draft\n', 'status: draft\n---- a line of dashes\n'),
      'no-opening': pulled('no-opening').replace(/^---\n/, ''),
      'blank-first': `\n${pulled('blank-first')}`,
      'blank-first-cp1252': Buffer.concat([Buffer.from(`\n${pulled('blank-first-cp1252')}`), Buffer.from([0x92, 0x0a])]),
      'open-dashes': pulled('open-dashes').replace(/^---\n/, '----\n'),
      'open-comment': pulled('open-comment').replace(/^---\n/, '--- # the fields\n'),
      'open-spaces-blank': pulled('open-spaces-blank').replace(/^---\n/, '--- \n').replace('status: draft', '\nstatus: draft'),
      'no-opening-blank': pulled('no-opening-blank').replace(/^---\n/, '').replace('status: draft', '\nstatus: draft'),
      'dashes-before': pulled('dashes-before').replace('status: draft\n', '---x\nstatus: draft\n'),
      'too-large': pulled('too-large', {}).replace(/\n$/, `\n${'The Service. '.repeat(90_000)}\n`),
      // An error above the status line makes YAML read the lines below it as part of another value: the line itself still says it.
      'title-colon': pulled('title-colon').replace('title: Release title-colon', 'title: Release title-colon: broken'),
      'indented-above': pulled('indented-above').replace('date: ', '  date: '),
      'withdrawn-below': pulled('withdrawn-below', { status: 'withdrawn # pulled' }).replace('title: Release withdrawn-below', 'title: Release withdrawn-below: broken'),
      'embargo-below': public_('embargo-below', { status: '"published"', embargo: '2099-01-01T10:00:00+04:00' }).replace('title: Release embargo-below', 'title: Release embargo-below: broken'),
    };
    const slugs = Object.keys(broken);
    // Broken as badly, but still published: their pages stay until they are fixed. Of a front matter never closed only the
    // fields' own lines are read, not a line of the body below them that reads as a field.
    const kept: Record<string, string> = {
      'kept': public_('kept', { summary: '*lead' }),
      'kept-body': public_('kept-body').replace(/\n---\n(?=The)/, '\n\nstatus: draft\n\n'),
      'kept-dashes': public_('kept-dashes').replace(/^---\n/, '----\n').replace(/\n---\n(?=The)/, '\n---\nstatus: draft\n\n'),
    };
    // One release that checks keeps the listing up, which the kept pages link to.
    const dir = await project(Object.fromEntries([...slugs, ...Object.keys(kept), 'listed'].map((slug) => [`r/${slug}.md`, public_(slug)])));
    expect((await runMain(['build', 'r', '--now', NOW], { cwd: dir })).code).toBe(0);
    expect(await tree(join(dir, 'dist'))).toEqual(expect.arrayContaining([...slugs, ...Object.keys(kept)].flatMap((slug) => [`en/${slug}.html`, `en/${slug}-old.html`])));
    for (const [slug, text] of Object.entries({ ...broken, ...kept })) await writeFile(join(dir, `r/${slug}.md`), text);
    const result = await runMain(['build', 'r', '--now', NOW, '--keep-going', '--reporter', 'json'], { cwd: dir });
    expect(result.code).toBe(1);
    const report = JSON.parse(result.stdout) as { diagnostics: { ruleId: string; file: string }[] };
    expect(report.diagnostics.filter((d) => d.ruleId === 'publication/unpublished').map((d) => d.file).sort()).toEqual(slugs.map((slug) => `r/${slug}.md`).sort());
    const files = await tree(join(dir, 'dist'));
    expect(files.filter((f) => slugs.some((slug) => f.includes(slug)))).toEqual([]);
    expect(await readFile(join(dir, 'dist/redirects.json'), 'utf8')).not.toMatch(new RegExp(slugs.join('|')));
    expect(files).toEqual(expect.arrayContaining(Object.keys(kept).flatMap((slug) => [`en/${slug}.html`, `en/${slug}-old.html`])));
  });

  it('takes a page down (--keep-going) when the status or embargo that pulls it is itself written wrong: `Draft`, a status left empty or pasted with invisible characters, an embargo without its time or offset, or one that cannot be read', async () => {
    const pulls: Record<string, Record<string, string>> = {
      'Draft': { status: 'Draft' },
      // Left empty, as when one value is deleted before another is typed: none given, so a draft, as without the key.
      'empty status': { status: '' },
      'null status': { status: '~' },
      'blank status': { status: '" "' },
      'date-only embargo': { status: 'approved', embargo: '2099-12-01' },
      'embargo without offset': { status: 'approved', embargo: '"2099-12-01 09:00:00"' },
      'unreadable embargo': { status: 'approved', embargo: 'next monday' },
      // An embargo line broken past reading as YAML: it holds until the line is fixed.
      'embargo on a line YAML cannot read': { status: 'approved', embargo: '2099-12-01T09:00:00+04:00: x' },
      'embargo in a list never closed': { status: 'approved', embargo: '[2099-12-01T09:00:00+04:00' },
    };
    /** Embargo lines written as a person might break them, which `release` cannot write: added after the status. */
    const lines: Record<string, string> = {
      'embargo without its colon': 'embargo 2099-12-01T09:00:00+04:00',
      'embargo without a space': 'embargo:2099-12-01T09:00:00+04:00',
      'embargo after a no-break space': 'embargo:\u00a02099-12-01T09:00:00+04:00',
    };
    /** A status pasted with what word processors and web pages leave in it, in place of the status line: read as `validate --fix` leaves it. */
    const pasted: Record<string, string> = {
      'status after a no-break space': 'status:\u00a0draft',
      'status with a zero-width space': 'status: draft\u200b',
      'status with a soft hyphen': 'status: re\u00adview',
      // Quotation marks a word processor makes of `"draft"`, which YAML reads as part of the word.
      'status in typographic quotes': 'status: \u201cdraft\u201d',
      'status in guillemets': 'status: \u00abdraft\u00bb',
      'status in single typographic quotes': 'status: \u2018review\u2019',
      'status in German quotes': 'status: \u201edraft\u201c',
    };
    for (const name of [...Object.keys(lines), ...Object.keys(pasted)]) pulls[name] = { status: 'approved' };
    const edits = Object.fromEntries([
      ...Object.entries(lines).map(([name, line]) => [name, (text: string) => text.replace('status: approved\n', `status: approved\n${line}\n`)]),
      ...Object.entries(pasted).map(([name, line]) => [name, (text: string) => text.replace('status: approved\n', `${line}\n`)]),
    ]);
    // Each way a release of its own, all pulled back in one build, beside one that checks and keeps the listing up.
    const names = Object.keys(pulls);
    const slug = (i: number) => `pulled-${String(i).padStart(2, '0')}`;
    const pulled = (i: number, fields: Record<string, string> = {}) => release({ slug: slug(i), id: slug(i), title: `Release ${slug(i)}`, ...fields });
    const dir = await project({
      ...Object.fromEntries(names.map((_, i) => [`r/${slug(i)}.md`, pulled(i)])),
      'r/kept.md': release({ slug: 'kept', id: 'kept', title: 'A kept release' }),
      'r/b.md': release({ slug: 'stays', id: 'b', title: 'Another release' }),
    });
    expect((await runMain(['build', 'r', '--now', NOW], { cwd: dir })).code).toBe(0);
    for (const [i, name] of names.entries()) await writeFile(join(dir, `r/${slug(i)}.md`), (edits[name] ?? ((text: string) => text))(pulled(i, pulls[name])));
    // A status misspelt past reading says nothing of whether it is public: the page stays until the file is fixed (while the listing
    // it links to does: another release keeps it up).
    await writeFile(join(dir, 'r/kept.md'), release({ slug: 'kept', id: 'kept', title: 'A kept release', status: 'publishd' }));
    const result = await runMain(['build', 'r', '--now', NOW, '--keep-going', '--reporter', 'json'], { cwd: dir });
    expect(result.code).toBe(1);
    const report = JSON.parse(result.stdout) as { diagnostics: { file: string; severity: string }[] };
    const files = await tree(join(dir, 'dist'));
    for (const [i, name] of names.entries()) {
      // An error of its own, which failed the build when it was the one release pulled back.
      expect(report.diagnostics.some((d) => d.file === `r/${slug(i)}.md` && d.severity === 'error'), name).toBe(true);
      expect(files.filter((f) => f.includes(slug(i))), name).toEqual([]);
    }
    expect(report.diagnostics.some((d) => d.file === 'r/kept.md' && d.severity === 'error')).toBe(true);
    expect(files).toEqual(expect.arrayContaining(['en/kept.html', 'en/stays.html']));
  });

  it('keeps a withdrawn release\'s notice while its file has errors, and in an --embargoed preview takes down a failing release pulled back to draft', async () => {
    const dir = await project({ 'r/a.md': release({ slug: 'gone', id: 'a' }), 'r/b.md': release({ slug: 'early', id: 'b', title: 'Another release', status: 'approved', embargo: '2099-01-01T00:00:00Z' }) });
    expect((await runMain(['build', 'r', '--now', NOW], { cwd: dir })).code).toBe(0);
    await writeFile(join(dir, 'r/a.md'), release({ slug: 'gone', id: 'a', status: 'withdrawn', withdrawn_date: '2026-05-20' }));
    expect((await runMain(['build', 'r', '--now', NOW], { cwd: dir })).code).toBe(0);
    const notice = await readFile(join(dir, 'dist/en/gone.html'), 'utf8');
    // An error besides: the notice stays as it is until the file is fixed, and after.
    await writeFile(join(dir, 'r/a.md'), release({ slug: 'gone', id: 'a', status: 'withdrawn', withdrawn_date: '2026-05-20', tags: '[""]' }));
    expect((await runMain(['build', 'r', '--now', NOW, '--keep-going'], { cwd: dir })).code).toBe(1);
    expect(await readFile(join(dir, 'dist/en/gone.html'), 'utf8')).toBe(notice);
    await writeFile(join(dir, 'r/a.md'), release({ slug: 'gone', id: 'a', status: 'withdrawn', withdrawn_date: '2026-05-20' }));
    expect((await runMain(['build', 'r', '--now', NOW], { cwd: dir })).code).toBe(0);
    expect(await readFile(join(dir, 'dist/en/gone.html'), 'utf8')).toBe(notice);
    // An error, and facts that no longer call for a notice (no date; a date a YAML error swallowed, though the status line is
    // still read; a date before the embargo lifted): the notice goes, as a fresh build would write none.
    for (const [n, facts] of [{ tags: '[""]' }, { tags: '[unclosed', withdrawn_date: '2026-05-20' }, { tags: '[""]', embargo: '2026-05-21T09:00:00+04:00', withdrawn_date: '2026-05-20' }].entries()) {
      await writeFile(join(dir, 'r/a.md'), release({ slug: 'gone', id: 'a', status: 'withdrawn', withdrawn_date: '2026-05-20' }));
      expect((await runMain(['build', 'r', '--now', NOW, '--out', `again-${n}`], { cwd: dir })).code).toBe(0);
      expect(await tree(join(dir, `again-${n}`))).toContain('en/gone.html');
      await writeFile(join(dir, 'r/a.md'), release({ slug: 'gone', id: 'a', status: 'withdrawn', ...facts }));
      expect((await runMain(['build', 'r', '--now', NOW, '--keep-going', '--out', `again-${n}`], { cwd: dir })).code, JSON.stringify(facts)).toBe(1);
      expect(await tree(join(dir, `again-${n}`)), JSON.stringify(facts)).not.toContain('en/gone.html');
    }
    await writeFile(join(dir, 'r/a.md'), release({ slug: 'gone', id: 'a', status: 'withdrawn', withdrawn_date: '2026-05-20' }));

    expect((await runMain(['build', 'r', '--now', NOW, '--embargoed', '--out', 'preview'], { cwd: dir })).code).toBe(0);
    expect(await tree(join(dir, 'preview'))).toContain('en/early.html');
    await writeFile(join(dir, 'r/b.md'), release({ slug: 'early', id: 'b', title: 'Another release', status: 'draft', embargo: '2099-01-01T00:00:00Z', tags: '[""]' }));
    expect((await runMain(['build', 'r', '--now', NOW, '--embargoed', '--out', 'preview', '--keep-going'], { cwd: dir })).code).toBe(1);
    expect((await tree(join(dir, 'preview'))).filter((f) => f.includes('early'))).toEqual([]);

    // A site that keeps no notices: a failing withdrawn release's notice goes too.
    await writeFile(join(dir, 'r/a.md'), release({ slug: 'gone', id: 'a', status: 'withdrawn', withdrawn_date: '2026-05-20', tags: '[""]' }));
    await writeFile(join(dir, 'migration-news.config.yaml'), 'withdrawnNotices: false\n');
    expect((await runMain(['build', 'r', '--now', NOW, '--keep-going'], { cwd: dir })).code).toBe(1);
    expect(await tree(join(dir, 'dist'))).not.toContain('en/gone.html');
  });

  it('frees the old address of a failing release it takes down for another release\'s alias in the same build', async () => {
    const dir = await project({ 'r/a.md': release({ slug: 'pulled', id: 'a' }), 'r/b.md': release({ slug: 'stays', id: 'b', title: 'Another release' }) });
    expect((await runMain(['build', 'r', '--now', NOW], { cwd: dir })).code).toBe(0);
    await writeFile(join(dir, 'r/a.md'), release({ slug: 'pulled', id: 'a', status: 'draft' }, '[Apply](javascript:alert(1)) here.\n'));
    await writeFile(join(dir, 'r/b.md'), release({ slug: 'stays', id: 'b', title: 'Another release', aliases: '[pulled]' }));
    const result = await runMain(['build', 'r', '--now', NOW, '--keep-going', '--reporter', 'json'], { cwd: dir });
    expect((JSON.parse(result.stdout) as { diagnostics: { ruleId: string }[] }).diagnostics.map((d) => d.ruleId)).not.toContain('alias/reserved');
    expect(await readFile(join(dir, 'dist/en/pulled.html'), 'utf8')).toMatch(/stays\.html/);
  });

  it('takes down the text of a failing release that is now withdrawn, and the kept pages that name a translation no longer public', async () => {
    const dir = await project({
      'r/w.md': release({ slug: 'withdrawn-now', id: 'w', aliases: '[withdrawn-old]' }, 'WITHDRAWNTEXT in the body.\n'),
      'r/en.md': release({ slug: 'english', id: 't', aliases: '[english-old]' }), 'r/ru.md': release({ slug: 'russkiy', id: 't', lang: 'ru', title: 'RUTITLE' }),
    });
    expect((await runMain(['build', 'r', '--now', NOW], { cwd: dir })).code).toBe(0);
    expect(await readFile(join(dir, 'dist/en/english.html'), 'utf8')).toMatch(/RUTITLE/);
    // Withdrawn with an error besides; the Russian translation back to draft while the English one fails.
    await writeFile(join(dir, 'r/w.md'), release({ slug: 'withdrawn-now', id: 'w', aliases: '[withdrawn-old]', status: 'withdrawn', tags: '[""]' }, 'WITHDRAWNTEXT in the body.\n'));
    await writeFile(join(dir, 'r/en.md'), release({ slug: 'english', id: 't', aliases: '[english-old]', tags: '[""]' }));
    await writeFile(join(dir, 'r/ru.md'), release({ slug: 'russkiy', id: 't', lang: 'ru', title: 'RUTITLE', status: 'draft' }));
    expect((await runMain(['build', 'r', '--now', NOW, '--keep-going'], { cwd: dir })).code).toBe(1);
    await expectNowhere(join(dir, 'dist'), /WITHDRAWNTEXT|withdrawn-old|RUTITLE|russkiy|english/);
  });

  it('removes no file, and no folder, through a link in the output folder that a manifest entry leads through', async () => {
    // The English examples and their config: a site of some forty files, of which a rebuild rewrites a few in place.
    const examples = Object.fromEntries(await Promise.all((await readdir(join(ROOT, 'examples/en'))).map(async (name) => [`r/${name}`, await readFile(join(ROOT, 'examples/en', name), 'utf8')] as const)));
    const dir = await project({ ...examples, 'migration-news.config.yaml': await readFile(join(ROOT, 'examples/migration-news.config.yaml'), 'utf8'), 'victim/keep/sub/old.html': 'not the build\'s\n' });
    // With the build record, the next build changes few files and updates the folder in place.
    const build = () => runMain(['build', 'r', '--now', NOW], { cwd: dir, env: { XDG_CACHE_HOME: join(dir, 'cache') } });
    expect((await build()).code).toBe(0);
    // A manifest that says the last build wrote ru/sub/old.html, and ru a link to a folder elsewhere (a committed dist/).
    const manifestPath = join(dir, 'dist', MANIFEST);
    const manifest = JSON.parse(await readFile(manifestPath, 'utf8')) as { files: Record<string, unknown> };
    manifest.files['ru/sub/old.html'] = { release: 'ru/old', source: 'r/old.md', kind: 'release', public: true };
    await writeFile(manifestPath, JSON.stringify(manifest));
    await symlink(join(dir, 'victim/keep'), join(dir, 'dist/ru'));
    const result = await build();
    expect(result.stderr).not.toMatch(/internal error/);
    expect(await readFile(join(dir, 'victim/keep/sub/old.html'), 'utf8')).toBe('not the build\'s\n');
  });

  it('leaves no folder named after a release it took down, also when it moves files one at a time', async () => {
    const dir = await project({
      'migration-news.config.yaml': 'site:\n  url: https://press.example.az\n',
      'r/a.md': release({ slug: 'zqslug', id: 'a', tags: '[zqtag]', aliases: '[/news/zqalias/old]' }),
      'r/b.md': release({ slug: 'stays', id: 'b', title: 'Another release' }),
    });
    expect((await runMain(['build', 'r', '--now', NOW], { cwd: dir })).code).toBe(0);
    // A named pipe in the folder cannot be copied into a new tree: the commit goes file by file, as into a mount point.
    execFileSync('mkfifo', [join(dir, 'dist', 'pipe')]);
    await writeFile(join(dir, 'r/a.md'), release({ slug: 'zqslug', id: 'a', tags: '[zqtag]', aliases: '[/news/zqalias/old]', status: 'draft' }));
    const result = await runMain(['build', 'r', '--now', NOW], { cwd: dir });
    expect(result.code, result.stderr).toBe(0);
    const left = await readdir(join(dir, 'dist'), { recursive: true });
    expect(left.filter((name) => /zq/.test(name))).toEqual([]);
    expect(left).toContain('pipe');
  });

  it('takes down the kept pages of a failing release whose translation is gone from the project', async () => {
    const dir = await project({ 'r/en.md': release({ slug: 'english', id: 't', title: 'ENTITLE gone' }), 'r/az.md': release({ slug: 'azeri', id: 't', lang: 'az', title: 'Azərbaycanca' }) });
    expect((await runMain(['build', 'r', '--now', NOW], { cwd: dir })).code).toBe(0);
    expect(await readFile(join(dir, 'dist/az/azeri.html'), 'utf8')).toMatch(/ENTITLE/);
    await rm(join(dir, 'r/en.md'));
    await writeFile(join(dir, 'r/az.md'), release({ slug: 'azeri', id: 't', lang: 'az', title: 'Azərbaycanca', tags: '[""]' }));
    expect((await runMain(['build', 'r', '--now', NOW, '--keep-going'], { cwd: dir })).code).toBe(1);
    await expectNowhere(join(dir, 'dist'), /ENTITLE|english/);
  });

  it('takes down the kept pages of a failing release whose translation was pulled back while another file took its language and id', async () => {
    const dir = await project({
      'r/en.md': release({ slug: 'english', id: 't' }), 'r/ru.md': release({ slug: 'russkiy', id: 't', lang: 'ru', title: 'RUTITLE' }),
      'r/ru2.md': release({ slug: 'drugoy', id: 'u', lang: 'ru', title: 'Другой' }),
    });
    expect((await runMain(['build', 'r', '--now', NOW], { cwd: dir })).code).toBe(0);
    expect(await readFile(join(dir, 'dist/en/english.html'), 'utf8')).toMatch(/RUTITLE/);
    await writeFile(join(dir, 'r/en.md'), release({ slug: 'english', id: 't', tags: '[""]' }));
    await writeFile(join(dir, 'r/ru.md'), release({ slug: 'russkiy', id: 'v', lang: 'ru', title: 'RUTITLE', status: 'draft' }));
    await writeFile(join(dir, 'r/ru2.md'), release({ slug: 'drugoy', id: 't', lang: 'ru', title: 'Другой' }));
    expect((await runMain(['build', 'r', '--now', NOW, '--keep-going'], { cwd: dir })).code).toBe(1);
    await expectNowhere(join(dir, 'dist'), /RUTITLE|russkiy/);
  });

  it('treats a translation whose own file fails as no longer public when its status says so, and keeps the pages of a release that fails only against another file', async () => {
    const dir = await project({
      'r/en.md': release({ slug: 'english', id: 't' }), 'r/ru.md': release({ slug: 'russkiy', id: 't', lang: 'ru', title: 'RUTITLE' }),
      'r/a.md': release({ slug: 'first', id: 'a', title: 'First' }), 'r/b.md': release({ slug: 'second', id: 'b', title: 'Second', aliases: '[bold]' }),
    });
    expect((await runMain(['build', 'r', '--now', NOW], { cwd: dir })).code).toBe(0);
    await writeFile(join(dir, 'r/en.md'), release({ slug: 'english', id: 't', tags: '[""]' }));
    await writeFile(join(dir, 'r/ru.md'), release({ slug: 'russkiy', id: 't', lang: 'ru', title: 'RUTITLE', status: 'draft', tags: '[""]' }));
    // b now takes a's slug: it fails against a, and stays public.
    await writeFile(join(dir, 'r/b.md'), release({ slug: 'first', id: 'b', title: 'Second', aliases: '[bold]' }));
    expect((await runMain(['build', 'r', '--now', NOW, '--keep-going'], { cwd: dir })).code).toBe(1);
    const files = await tree(join(dir, 'dist'));
    await expectNowhere(join(dir, 'dist'), /RUTITLE|russkiy/);
    expect(files).toEqual(expect.arrayContaining(['en/second.html', 'en/bold.html']));
  });

  it('keeps no page a preview wrote once a normal build follows, even of a public release whose file fails, nor a redirect entry another page replaced', async () => {
    const dir = await project({ 'r/en.md': release({ slug: 'english', id: 't' }), 'r/ru.md': release({ slug: 'russkiy', id: 't', lang: 'ru', title: 'RUDRAFT', status: 'draft' }) });
    expect((await runMain(['build', 'r', '--now', NOW, '--drafts'], { cwd: dir })).code).toBe(0);
    expect(await readFile(join(dir, 'dist/en/english.html'), 'utf8')).toMatch(/RUDRAFT/);
    await writeFile(join(dir, 'r/en.md'), release({ slug: 'english', id: 't', tags: '[""]' }));
    expect((await runMain(['build', 'r', '--now', NOW, '--keep-going'], { cwd: dir })).code).toBe(1);
    await expectNowhere(join(dir, 'dist'), /RUDRAFT|russkiy/);

    // A failing release keeps its alias page; a new release whose page goes at that address takes the map's entry too.
    const other = await project({ 'r/a.md': release({ slug: 'first', id: 'a', aliases: '[taken]' }) });
    expect((await runMain(['build', 'r', '--now', NOW], { cwd: other })).code).toBe(0);
    await writeFile(join(other, 'r/a.md'), release({ slug: 'first', id: 'a', aliases: '[taken]', tags: '[""]' }));
    await writeFile(join(other, 'r/b.md'), release({ slug: 'taken', id: 'b', title: 'Another release' }));
    expect((await runMain(['build', 'r', '--now', NOW, '--keep-going'], { cwd: other })).code).toBe(1);
    expect(await readFile(join(other, 'dist/en/taken.html'), 'utf8')).toMatch(/Another release/);
    expect(await readFile(join(other, 'dist/redirects.json'), 'utf8').catch(() => '{}')).not.toMatch(/taken\.html/);
  });

  it('never keeps what a preview wrote when a normal build follows and the release\'s file has errors', async () => {
    const dir = await project({ 'r/a.md': release({ slug: 'draft-page', id: 'a', status: 'draft' }), 'r/b.md': release({ slug: 'public-page', id: 'b', title: 'Another release' }) });
    expect((await runMain(['build', 'r', '--now', NOW, '--drafts'], { cwd: dir })).code).toBe(0);
    expect(await tree(join(dir, 'dist'))).toContain('en/draft-page.html');
    // The draft's date no longer parses: nothing can be read of it but the error.
    await writeFile(join(dir, 'r/a.md'), release({ slug: 'draft-page', id: 'a', status: 'draft', date: '2026-02-30' }));
    expect((await runMain(['build', 'r', '--now', NOW, '--keep-going'], { cwd: dir })).code).toBe(1);
    const files = await tree(join(dir, 'dist'));
    expect(files.filter((f) => f.includes('draft-page'))).toEqual([]);
    expect(files).toContain('en/public-page.html');
  });

  it('writes no withdrawal notice for a release withdrawn under its embargo, whatever --now: it was never out', async () => {
    const dir = await project({
      'r/a.md': release({ slug: 'cancelled', id: 'a', title: 'Cancelled headline', status: 'withdrawn', embargo: '2099-01-01T00:00:00Z', withdrawn_date: '2026-05-20', withdrawn_reason: 'Cancelled.' }),
      // Withdrawn on the day its embargo lifted: a date has no time, so it may never have been out.
      'r/c.md': release({ slug: 'same-day', id: 'c', title: 'Same day headline', status: 'withdrawn', embargo: '2026-05-10T09:00:00+04:00', withdrawn_date: '2026-05-10', withdrawn_reason: 'Pulled.' }),
      'r/d.md': release({ slug: 'was-out', id: 'd', title: 'Was out headline', status: 'withdrawn', embargo: '2026-05-10T09:00:00+04:00', withdrawn_date: '2026-05-11', withdrawn_reason: 'Pulled.' }),
      // Lifting at the first instant of the day it was withdrawn, in the site's zone (Asia/Baku): still that day.
      'r/e.md': release({ slug: 'at-midnight', id: 'e', title: 'Midnight headline', status: 'withdrawn', embargo: '2026-05-12T00:00:00+04:00', withdrawn_date: '2026-05-12', withdrawn_reason: 'Pulled.' }),
      'r/b.md': release({ slug: 'other', id: 'b', title: 'Another release' }),
    });
    expect((await runMain(['build', 'r', '--now', NOW], { cwd: dir })).code).toBe(0);
    const files = await tree(join(dir, 'dist'));
    expect(files.filter((f) => /cancelled|same-day|at-midnight/.test(f))).toEqual([]);
    expect(files).toContain('en/was-out.html');
    await expectNowhere(join(dir, 'dist'), /Cancelled headline|cancelled|Same day headline|same-day|Midnight headline|at-midnight/);
    // Nor once the embargo has passed.
    expect((await runMain(['build', 'r', '--now', '2099-02-01T00:00:00Z'], { cwd: dir })).code).toBe(0);
    expect((await tree(join(dir, 'dist'))).filter((f) => f.includes('cancelled'))).toEqual([]);
    await expectNowhere(join(dir, 'dist'), /Cancelled headline/);
  });

  it('writes a withdrawal notice in the release\'s own language, from the set\'s labels', async () => {
    const dir = await project({ 'r/ru.md': release({ lang: 'ru', slug: 'otozvannyi', title: 'Служба открывает новый центр', status: 'withdrawn', withdrawn_date: '2026-06-02', withdrawn_reason: 'Выпущен по ошибке.' }) });
    const result = await runMain(['build', 'r', '--out', 'out', '--now', NOW], { cwd: dir });
    expect(result.code, result.stdout + result.stderr).toBe(0);
    const notice = await readFile(join(dir, 'out/ru/otozvannyi.html'), 'utf8');
    expect(notice).toMatch(/<html lang="ru" dir="ltr">/);
    expect(notice).toMatch(/Этот пресс-релиз отозван <time datetime="2026-06-02">2 июня 2026/);
    expect(notice).toMatch(/Впервые опубликован <time datetime="2026-05-14">14 мая 2026/);
    expect(notice).toMatch(/Выпущен по ошибке\./);
    expect(notice).not.toMatch(/withdrawn|First published|announced new measures/);
  });

  it('gives a withdrawal notice\'s date-times to machines as the release page gives its date, not as written', async () => {
    // RFC 3339 allows a lower-case t and z, and the tool the seconds left out; HTML's datetime takes neither case, and the pages write the seconds.
    const dir = await project({ 'r/a.md': release({ slug: 'gone', date: '2026-05-14t10:30z', status: 'withdrawn', withdrawn_date: '2026-05-20T09:15+04:00' }) });
    const result = await runMain(['build', 'r', '--out', 'out', '--now', NOW], { cwd: dir });
    expect(result.code, result.stdout + result.stderr).toBe(0);
    const notice = await readFile(join(dir, 'out/en/gone.html'), 'utf8');
    expect(notice).toMatch(/withdrawn on <time datetime="2026-05-20T09:15:00\+04:00">20 May 2026</);
    expect(notice).toMatch(/First published on <time datetime="2026-05-14T14:30:00\+04:00">14 May 2026</);
  });

  it('titles a withdrawal notice as the release\'s page was titled, a long headline cut to what search results show', async () => {
    const title = 'Service opens new residence permit centres in Baku, Ganja, Sumgait, Mingachevir, Lankaran and Shaki';
    const config = 'organisation:\n  name: State Migration Service\n';
    const dir = await project({ 'migration-news.config.yaml': config, 'r/a.md': release({ slug: 'gone', title }) });
    expect((await runMain(['build', 'r', '--out', 'out', '--now', NOW], { cwd: dir })).code).toBe(0);
    const pageTitle = /<title>(.*)<\/title>/.exec(await readFile(join(dir, 'out/en/gone.html'), 'utf8'))![1]!;
    expect(pageTitle.length).toBeLessThanOrEqual(70);
    await writeFile(join(dir, 'r/a.md'), release({ slug: 'gone', title, status: 'withdrawn', withdrawn_date: '2026-05-20' }));
    expect((await runMain(['build', 'r', '--out', 'out', '--now', NOW], { cwd: dir })).code).toBe(0);
    const notice = await readFile(join(dir, 'out/en/gone.html'), 'utf8');
    expect(notice).toMatch(/This release was withdrawn/);
    expect(/<title>(.*)<\/title>/.exec(notice)![1]).toBe(pageTitle);
  });

  it('keeps the old addresses of a withdrawn release leading to its notice, and leaves no trace of them where it writes none', async () => {
    const dir = await project({
      'r/a.md': release({ slug: 'gone', id: 'a', aliases: '[old-gone, /2014/01/old-gone.html]' }),
      'r/b.md': release({ slug: 'other', id: 'b', title: 'Another release' }),
      // Notices due but none written: withdrawn under an embargo that holds at --now, and withdrawn without a date.
      'r/c.md': release({ slug: 'secret', id: 'c', status: 'withdrawn', embargo: '2026-12-01T09:00:00+04:00', withdrawn_date: '2026-12-02', aliases: '[secret-old, /secret/old/]' }),
      'r/d.md': release({ slug: 'undated', id: 'd', status: 'withdrawn', aliases: '[undated-old, /undated/old.html]' }),
    });
    const env = { XDG_CACHE_HOME: join(dir, 'cache') };
    const build = (...args: string[]) => runMain(['build', 'r', '--now', NOW, ...args], { cwd: dir, env });
    expect((await build()).code).toBe(0);
    await writeFile(join(dir, 'r/a.md'), release({ slug: 'gone', id: 'a', aliases: '[old-gone, /2014/01/old-gone.html]', status: 'withdrawn', withdrawn_date: '2026-11-20', withdrawn_reason: 'Issued in error.' }));
    const withdrawn = await build();
    expect(withdrawn.code, withdrawn.stdout).toBe(0);
    expect(await readFile(join(dir, 'dist/en/gone.html'), 'utf8')).toMatch(/This release was withdrawn/);
    expect(await readFile(join(dir, 'dist/en/old-gone.html'), 'utf8')).toMatch(/<meta http-equiv="refresh" content="0; url=gone\.html">/);
    expect(await readFile(join(dir, 'dist/2014/01/old-gone.html'), 'utf8')).toMatch(/<meta http-equiv="refresh" content="0; url=\.\.\/\.\.\/en\/gone\.html">/);
    const map = JSON.parse(await readFile(join(dir, 'dist/redirects.json'), 'utf8')) as { redirects: { from: string; to: string }[] };
    expect(map.redirects.map((r) => [r.from, r.to])).toEqual([['/2014/01/old-gone.html', '/en/gone.html'], ['/en/old-gone.html', '/en/gone.html']]);
    await expectNowhere(join(dir, 'dist'), /secret|undated/);
    // The rebuild writes what a fresh build does.
    expect((await build('--out', 'fresh')).code).toBe(0);
    expect(await hashTree(join(dir, 'dist'))).toEqual(await hashTree(join(dir, 'fresh')));
    // While the release's file has errors, its notice stays, and so do the redirects to it.
    const before = await hashTree(join(dir, 'dist'));
    await writeFile(join(dir, 'r/a.md'), release({ slug: 'gone', id: 'a', aliases: '[old-gone, /2014/01/old-gone.html]', status: 'withdrawn', withdrawn_date: '2026-11-20', withdrawn_reason: 'Issued in error.', tags: '[""]' }));
    const failing = await build('--keep-going');
    expect(failing.code, failing.stdout).toBe(1);
    expect(failing.stdout).not.toMatch(/publication\/unpublished|^ *removed /m);
    expect(await hashTree(join(dir, 'dist'))).toEqual(before);
    await writeFile(join(dir, 'r/a.md'), release({ slug: 'gone', id: 'a', aliases: '[old-gone, /2014/01/old-gone.html]', status: 'withdrawn', withdrawn_date: '2026-11-20', withdrawn_reason: 'Issued in error.' }));

    // A site that keeps no notices keeps no redirects to them either.
    await writeFile(join(dir, 'migration-news.config.yaml'), 'withdrawnNotices: false\n');
    const off = await build();
    expect(off.code, off.stdout).toBe(0);
    expect(off.stdout).toMatch(/removed en\/old-gone\.html/);
    await expectNowhere(join(dir, 'dist'), /gone|secret|undated/);
    expect(await tree(join(dir, 'dist'))).not.toContain('redirects.json');
  });

  it('refuses to overwrite a file it did not write, and changes nothing', async () => {
    const dir = await project({ 'r/a.md': release({ slug: 'first', id: 'a' }) });
    expect((await runMain(['build', 'r', '--now', NOW], { cwd: dir })).code).toBe(0);
    await writeFile(join(dir, 'dist/en/second.html'), '<p>written by hand</p>');
    const before = await tree(join(dir, 'dist'));
    await writeFile(join(dir, 'r/b.md'), release({ slug: 'second', id: 'b', title: 'Another release' }));
    const result = await runMain(['build', 'r', '--now', NOW], { cwd: dir });
    // The tool could not do its work: exit 2, as for any output/write error.
    expect(result.code, result.stdout + result.stderr).toBe(2);
    expect(result.stdout + result.stderr).toMatch(/refusing to overwrite .*second\.html: it was not written by an earlier build/);
    expect(await readFile(join(dir, 'dist/en/second.html'), 'utf8')).toBe('<p>written by hand</p>');
    expect(await tree(join(dir, 'dist'))).toEqual(before);
  });
});

describe('a file put into the output folder while a build runs', () => {
  it('is in the folder the build swaps in, as last saved, also when it came after the folder\'s other files were linked into the new one', async () => {
    const dir = await project({ 'r/a.md': release({ slug: 'first', id: 'a' }), 'r/b.md': release({ slug: 'second', id: 'b', title: 'Another release' }) });
    expect((await runMain(['build', 'r', '--now', NOW], { cwd: dir })).code).toBe(0);
    const out = realpathSync(join(dir, 'dist'));
    await mkdir(join(out, 'uploads'));
    await writeFile(join(out, 'uploads/early.jpg'), 'early\n');
    // Every page changes with the organisation's name, and a release is deleted: the folder is made anew and swapped in.
    await writeFile(join(dir, 'migration-news.config.yaml'), 'organisation:\n  name: Another name\n');
    await rm(join(dir, 'r/b.md'));
    const rename = fs.promises.rename;
    // An upload arrives, a folder is made and a file saved again (a new file in its place), just as the old folder is set aside.
    const racing: typeof rename = async (from, to) => {
      if (String(from) === out) {
        await writeFile(join(out, 'uploads/early.jpg.new'), 'saved again\n');
        await rename(join(out, 'uploads/early.jpg.new'), join(out, 'uploads/early.jpg'));
        await writeFile(join(out, 'uploads/late.jpg'), 'late\n');
        await mkdir(join(out, 'en/uploads'));
        await writeFile(join(out, 'en/uploads/late.pdf'), 'late\n');
        await mkdir(join(out, 'empty'));
      }
      return rename(from, to);
    };
    const result = await withFileSystem({ promises: { rename: racing } }, () => runMain(['build', 'r', '--now', NOW], { cwd: dir }));
    expect(result.code, result.stdout + result.stderr).toBe(0);
    expect(await readFile(join(out, 'uploads/early.jpg'), 'utf8')).toBe('saved again\n');
    expect(await readFile(join(out, 'uploads/late.jpg'), 'utf8')).toBe('late\n');
    expect(await readFile(join(out, 'en/uploads/late.pdf'), 'utf8')).toBe('late\n');
    expect((await stat(join(out, 'empty'))).isDirectory()).toBe(true);
    // What the build removed stays removed, and nothing is left beside the folder.
    expect(await tree(out)).not.toContain('en/second.html');
    expect((await readdir(dir)).filter((name) => name.includes('migration-news-'))).toEqual([]);
  });
});

describe('a folder without a manifest', () => {
  it('keeps the files at output paths that no build is known to have written, and --force overwrites them', async () => {
    const dir = await project({ 'r/a.md': release({ slug: 'first', id: 'a' }), 'mine/index.html': '<p>my own home page</p>', 'mine/keep.txt': 'kept\n', 'mine/en/first.html': '<p>my own page</p>' });
    const before = await tree(join(dir, 'mine'));
    const refused = await runMain(['build', 'r', '--out', 'mine', '--now', NOW], { cwd: dir });
    expect(refused.code, refused.stdout + refused.stderr).toBe(2);
    expect(refused.stdout + refused.stderr).toMatch(/output\/write/);
    expect(refused.stdout + refused.stderr).toMatch(/refusing to overwrite .*mine\/(index|en\/first)\.html: the output folder has no \.migration-news-manifest\.json/);
    // Every file in the way is named in the one run, not one a build.
    expect(refused.stdout + refused.stderr).toMatch(/nor this other file at output paths, for the same reason: (index|en\/first)\.html/);
    expect(await tree(join(dir, 'mine'))).toEqual(before);
    expect(await readFile(join(dir, 'mine/index.html'), 'utf8')).toBe('<p>my own home page</p>');
    // No release failed, so --keep-going would write nothing more: it is not offered, and does not get past the file.
    expect(refused.stdout).toMatch(/Nothing was written because of the errors above; mine is unchanged\.\n/);
    const keepGoing = await runMain(['build', 'r', '--out', 'mine', '--keep-going', '--now', NOW], { cwd: dir });
    expect(keepGoing.code).toBe(2);
    expect(await tree(join(dir, 'mine'))).toEqual(before);

    const forced = await runMain(['build', 'r', '--out', 'mine', '--now', NOW, '--force'], { cwd: dir });
    expect(forced.code, forced.stdout + forced.stderr).toBe(0);
    expect(await readFile(join(dir, 'mine/en/first.html'), 'utf8')).toMatch(/<!DOCTYPE html>/);
    // A file at no output path is still the user's.
    expect(await readFile(join(dir, 'mine/keep.txt'), 'utf8')).toBe('kept\n');
    expect(await tree(join(dir, 'mine'))).toContain(MANIFEST);
  });

  it('takes nothing for an earlier build\'s once its manifest is gone', async () => {
    const dir = await project({ 'r/a.md': release({ slug: 'first', id: 'a' }) });
    expect((await runMain(['build', 'r', '--now', NOW], { cwd: dir })).code).toBe(0);
    await rm(join(dir, 'dist', MANIFEST));
    const before = await tree(join(dir, 'dist'));
    const refused = await runMain(['build', 'r', '--now', NOW], { cwd: dir });
    expect(refused.code).toBe(2);
    expect(refused.stdout + refused.stderr).toMatch(/has no \.migration-news-manifest\.json.*--force/);
    expect(await tree(join(dir, 'dist'))).toEqual(before);
    const forced = await runMain(['build', 'r', '--now', NOW, '--force'], { cwd: dir });
    expect(forced.code).toBe(0);
    // What an earlier build left there is not known any more: the summary says that stale pages stay.
    expect(forced.stdout).toMatch(/dist has no \.migration-news-manifest\.json, so no file already in it is removed: pages an earlier build left there .* stay/);
    expect(await tree(join(dir, 'dist'))).toContain(MANIFEST);
    expect((await runMain(['build', 'r', '--now', NOW], { cwd: dir })).stdout).not.toMatch(/has no \.migration-news-manifest/);
  });
});

describe('a language tag with capitals (en-GB)', () => {
  it('has its pages in a lower-case folder, keeps its tag in lang and hreflang, and rebuilds like any other', async () => {
    const labels = await readFile(join(ROOT, 'templates/default/labels/en.yaml'), 'utf8');
    const dir = await project({
      'migration-news.config.yaml': 'languages: [en, en-GB]\nsite:\n  url: https://press.example.org\n',
      'templates/default/labels/en-GB.yaml': labels,
      'r/en.md': release({ id: 'r1', slug: 'centre', title: 'Centre opens' }),
      'r/gb.md': release({ id: 'r1', lang: 'en-GB', slug: 'centre', title: 'Centre opens (UK)', tags: '[Visas]' }),
    });
    const validated = await runMain(['validate', 'r', '--now', NOW], { cwd: dir });
    expect(validated.code, validated.stdout).toBe(0);
    const env = { XDG_CACHE_HOME: join(dir, 'cache') };
    const built = await runMain(['build', 'r', '--now', NOW], { cwd: dir, env });
    expect(built.code, built.stdout + built.stderr).toBe(0);
    const files = await tree(join(dir, 'dist'));
    expect(files).toEqual(expect.arrayContaining(['en-gb/centre.html', 'en-gb/centre.txt', 'en-gb/centre.json', 'en-gb/index.html', 'en-gb/feed.xml', 'en-gb/tags/visas.html']));
    expect(files.filter((f) => f.startsWith('en-GB'))).toEqual([]);
    const page = await readFile(join(dir, 'dist/en-gb/centre.html'), 'utf8');
    expect(page).toMatch(/<html lang="en-GB" dir="ltr">/);
    expect(await readFile(join(dir, 'dist/en/centre.html'), 'utf8')).toMatch(/hreflang="en-GB" href="https:\/\/press\.example\.org\/en-gb\/centre\.html"/);
    // No address anywhere names the folder by the tag as written (feeds' tag schemes included).
    await expectNowhere(join(dir, 'dist'), /example\.org\/en-GB\//);
    expect(await readFile(join(dir, 'dist/en-gb/feed.xml'), 'utf8')).toMatch(/scheme="https:\/\/press\.example\.org\/en-gb\/tags\/"/);
    const again = await runMain(['build', 'r', '--now', NOW], { cwd: dir, env });
    expect(again.stdout).toMatch(/Wrote 0 files to dist \(2 releases already up to date\)/);
  });
});

describe('a preview build', () => {
  it('refuses a normal build\'s folder unless --force, and any other folder with files in it', async () => {
    const dir = await project({ 'r/a.md': release({ id: 'a' }), 'r/b.md': release({ id: 'b', title: 'Draft release', status: 'draft' }) });
    expect((await runMain(['build', 'r', '--now', NOW], { cwd: dir })).code).toBe(0);
    const before = await tree(join(dir, 'dist'));
    for (const option of ['--drafts', '--embargoed']) {
      const refused = await runMain(['build', 'r', option, '--now', NOW], { cwd: dir });
      expect(refused.code).toBe(2);
      expect(refused.stderr).toMatch(new RegExp(`Refusing to write a ${option} build into dist: a normal build wrote it`));
      expect(refused.stderr).toMatch(/--force/);
    }
    expect(await tree(join(dir, 'dist'))).toEqual(before);

    await mkdir(join(dir, 'other'));
    await writeFile(join(dir, 'other/index.html'), 'x');
    const other = await runMain(['build', 'r', '--drafts', '--out', 'other', '--now', NOW], { cwd: dir });
    expect(other.code).toBe(2);
    expect(other.stderr).toMatch(/not empty and no earlier preview wrote it/);

    const preview = await runMain(['build', 'r', '--drafts', '--out', 'preview', '--now', NOW], { cwd: dir });
    expect(preview.code, preview.stderr).toBe(0);
    // A preview may rebuild its own folder.
    expect((await runMain(['build', 'r', '--drafts', '--out', 'preview', '--now', NOW], { cwd: dir })).code).toBe(0);

    const forced = await runMain(['build', 'r', '--drafts', '--force', '--now', NOW], { cwd: dir });
    expect(forced.code, forced.stderr).toBe(0);
    expect((await tree(join(dir, 'dist'))).length).toBeGreaterThan(before.length);
  });
});

describe('preview pages', () => {
  it('mark every page that is not public with a not-for-publication banner and noindex, and no public page', async () => {
    const dir = await project({
      'r/public.md': release({ id: 'public', slug: 'public-one' }),
      'r/draft.md': release({ id: 'draft', slug: 'draft-one', title: 'Draft release', status: 'draft' }),
      'r/embargoed.md': release({ id: 'embargoed', slug: 'embargoed-one', title: 'Embargoed release', status: 'approved', embargo: '2027-01-01T09:00:00+04:00' }),
    });
    const banner = /<p class="status-notice">NOT FOR PUBLICATION/;
    const noindex = /<meta name="robots" content="noindex/;
    const drafts = await runMain(['build', 'r', '--drafts', '--out', 'drafts', '--format', 'html', '--now', NOW], { cwd: dir });
    expect(drafts.code, drafts.stdout + drafts.stderr).toBe(0);
    for (const slug of ['draft-one', 'embargoed-one']) {
      const page = await readFile(join(dir, 'drafts/en', `${slug}.html`), 'utf8');
      expect(page).toMatch(banner);
      expect(page).toMatch(noindex);
    }
    const embargoed = await runMain(['build', 'r', '--embargoed', '--out', 'advance', '--format', 'html', '--now', NOW], { cwd: dir });
    expect(embargoed.code, embargoed.stdout + embargoed.stderr).toBe(0);
    const advance = await readFile(join(dir, 'advance/en/embargoed-one.html'), 'utf8');
    expect(advance).toMatch(/NOT FOR PUBLICATION — EMBARGOED/);
    expect(advance).toMatch(noindex);
    expect(await tree(join(dir, 'advance'))).not.toContain('en/draft-one.html');
    const publicPage = await readFile(join(dir, 'advance/en/public-one.html'), 'utf8');
    expect(publicPage).not.toMatch(banner);
    expect(publicPage).not.toMatch(noindex);
  });
});

describe('reading the output manifest', () => {
  const project = useProjects();

  it('takes only the entries the file itself lists, each as the build writes it', async () => {
    const dir = await project({});
    const entry = { release: 'r-1', source: 'releases/a.md', kind: 'release', public: true };
    const files = { 'en/a.html': entry, 'en/b.html': { source: 'releases/b.md', release: 'r-2', kind: 'release', public: true } };
    await writeFile(join(dir, MANIFEST_NAME), JSON.stringify({ format: MANIFEST_FORMAT, version: 1, mode: 'public', files }));
    // Keys in another order are the same entry, written again in the build's order.
    const read = (await readManifest(dir))!;
    expect(Object.keys(read.files)).toEqual(['en/a.html', 'en/b.html']);
    expect(read.files['en/b.html']).toEqual({ release: 'r-2', source: 'releases/b.md', kind: 'release', public: true });
    expect(Object.keys(read.files['en/b.html']!)).toEqual(['release', 'source', 'kind', 'public']);
    expect(read.intact).toBe(false);
    // Something added to every object's prototype is no file of the folder's.
    const proto = Object.prototype as Record<string, unknown>;
    proto['en/c.html'] = entry;
    try {
      const again = (await readManifest(dir))!;
      expect(Object.keys(again.files)).toEqual(['en/a.html', 'en/b.html']);
      expect(again.files['en/a.html']).toEqual(entry);
    } finally {
      delete proto['en/c.html'];
    }
    await writeFile(join(dir, MANIFEST_NAME), JSON.stringify({ format: MANIFEST_FORMAT, version: 1, mode: 'public', site: 'https://press.example.org', files: { 'en/a.html': entry } }));
    expect(await readManifest(dir)).toMatchObject({ site: 'https://press.example.org', intact: true });
    // One an earlier version wrote, without the site's address, does not say it: it is written again, with it.
    await writeFile(join(dir, MANIFEST_NAME), JSON.stringify({ format: MANIFEST_FORMAT, version: 1, mode: 'public', files: { 'en/a.html': entry } }));
    const earlier = (await readManifest(dir))!;
    expect(earlier.site).toBeUndefined();
    expect(earlier.intact).toBe(false);
  });
});

describe('a swap killed before it moved what was put into the old folder', () => {
  it('has the next build move those files into the new folder before it removes the old one, and none of a build\'s', async () => {
    const dir = await project({ 'r/a.md': release(), 'r/b.md': release({ id: 'second', title: 'Second release' }) });
    expect((await runMain(['build', 'r', '--out', 'out', '--now', NOW], { cwd: dir })).code).toBe(0);
    await writeFile(join(dir, 'out/notes.html'), 'hand-written\n');
    // What a killed build leaves: the old folder set aside (its pid dead), the new one in place (here without the second
    // release, taken down), and files put into the old folder while the build ran that the swap had not moved yet: an upload,
    // and a hand-written page saved again over the one linked into the new folder.
    // The old folder's files are the ones the new folder took, linked: as the build's staging folder links them.
    const old = join(dir, 'old');
    for (const file of await listTree(join(dir, 'out'), true)) {
      await mkdir(dirname(join(old, file)), { recursive: true });
      await link(join(dir, 'out', file), join(old, file));
    }
    const second = Object.keys((await readManifest(old))!.files).filter((f) => f.includes('second-release'));
    expect(second).toHaveLength(3);
    await rm(join(dir, 'r/b.md'));
    await writeFile(join(dir, 'r/c.md'), release({ id: 'third', title: 'Third release' }));
    expect((await runMain(['build', 'r', '--out', 'out', '--now', NOW], { cwd: dir })).code).toBe(0);
    const aside = join(dir, '.out.migration-news-previous-999999999-dead');
    await rename(old, aside);
    await mkdir(join(aside, 'uploads'));
    await writeFile(join(aside, 'uploads/brief.pdf'), 'late upload\n');
    await rm(join(aside, 'notes.html'));
    await writeFile(join(aside, 'notes.html'), 'saved again during the build\n');
    // A page the new build wrote where the old folder had a file of nobody's (--force takes those over) stays the build's.
    await writeFile(join(aside, 'en/third-release.html'), 'a file the build took over\n');

    // The next build puts the folder right before anything else, whether it then writes or fails: here a release is broken.
    await writeFile(join(dir, 'r/broken.md'), release({ id: 'broken', title: 'Broken', date: '2026-02-30' }));
    const built = await runMain(['build', 'r', '--out', 'out', '--now', NOW], { cwd: dir });
    expect(built.code, built.stderr).toBe(1);
    expect((await readdir(dir)).filter((n) => n.includes('previous'))).toEqual([]);
    expect(await readFile(join(dir, 'out/uploads/brief.pdf'), 'utf8')).toBe('late upload\n');
    expect(await readFile(join(dir, 'out/notes.html'), 'utf8')).toBe('saved again during the build\n');
    expect(await readFile(join(dir, 'out/en/third-release.html'), 'utf8')).toContain('<title>Third release');
    // The taken-down release's pages, the earlier build's files, are not brought back from the old folder.
    for (const file of second) expect(await stat(join(dir, 'out', file)).catch(() => undefined), file).toBeUndefined();
  });

  it('has the next build finish removing an old folder whose removal was killed, whatever it lost first, bringing nothing back', async () => {
    const dir = await project({ 'r/a.md': release() });
    expect((await runMain(['build', 'r', '--out', 'out', '--now', NOW], { cwd: dir })).code).toBe(0);
    // Its late files were moved, then the removal began, and took the manifest before it was killed: a taken-down page is left.
    const removing = join(dir, '.out.migration-news-removing-999999999-dead');
    await mkdir(join(removing, 'en'), { recursive: true });
    await writeFile(join(removing, 'en/taken-down.html'), '<title>Taken down</title>\n');
    const built = await runMain(['build', 'r', '--out', 'out', '--now', NOW], { cwd: dir });
    expect(built.code, built.stderr).toBe(0);
    expect((await readdir(dir)).filter((n) => n.includes('removing'))).toEqual([]);
    expect(await stat(join(dir, 'out/en/taken-down.html')).catch(() => undefined)).toBeUndefined();
  });
});
