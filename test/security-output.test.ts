import { existsSync, openSync, closeSync } from 'node:fs';
import { lstat, mkdir, readFile, readdir, readlink, rename, rm, symlink, writeFile } from 'node:fs/promises';
import { spawn } from 'node:child_process';
import { dirname, join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BIN, NOW, release, runMain, runProcess, useProjects } from './helpers/cli.js';
import { errorsOf, jsonReport } from './helpers/report.js';
import { requireTool, skipWithout } from './helpers/tools.js';
import { releaseOutputs } from './helpers/site-files.js';
import { STACK_LINE, copyCorpus, hashTree, listTree } from './helpers/hostile.js';

/**
 * Outputs stay inside --out, nothing is lost when a build fails, and every
 * failure is a message: through the real CLI, on throwaway folders.
 */

const project = useProjects();

const report = (stdout: string) => jsonReport({ stdout, stderr: '' });
const errors = (stdout: string) => errorsOf(report(stdout));

/** Runs `build` with `args` in `dir` and expects it refused as `message` says: exit 2, a hint to build into a folder of its own, no stack trace. */
async function expectOutRefused(dir: string, args: readonly string[], message: RegExp): Promise<void> {
  const result = await runMain(['build', ...args, '--now', NOW], { cwd: dir });
  const what = args.join(' ');
  expect(result.code, what).toBe(2);
  expect(result.stderr, what).toMatch(message);
  expect(result.stderr, what).toMatch(/hint: .*--out dist/);
  expect(result.stderr, what).not.toMatch(STACK_LINE);
}

describe('outputs stay inside --out', () => {
  it('lets no slug, id or language name a path outside, a Windows device or a second copy of a file', async () => {
    const dir = await copyCorpus('paths');
    project.track(dir);
    const before = await listTree(dir);
    const result = await runMain(['build', 'paths', '--out', 'out', '--keep-going', '--reporter', 'json', '--now', NOW], { cwd: dir });
    expect(result.code).toBe(1);
    expect(errors(result.stdout)).toEqual([
      // Neither the title "*** ///" nor the file name gives an id: the file must say which it is.
      'paths/!!!.md schema/format',
      'paths/collide-case-b.md slug/duplicate',
      'paths/collide-nfd.md slug/duplicate',
      'paths/id-parent.md schema/format',
      'paths/lang-absolute.md schema/format',
      'paths/lang-parent.md schema/format',
      'paths/slug-absolute.md schema/format',
      'paths/slug-backslash.md schema/format',
      'paths/slug-com1.md slug/reserved',
      'paths/slug-con.md slug/reserved',
      'paths/slug-dot.md schema/format',
      'paths/slug-drive.md schema/format',
      'paths/slug-long.md schema/format',
      'paths/slug-nul-char.md schema/control-character',
      'paths/slug-nul.md slug/reserved',
      'paths/slug-parent.md schema/format',
      'paths/slug-upper.md schema/format',
      'paths/title-aux-dot.md slug/reserved',
      'paths/title-con.md slug/reserved',
      'paths/title-lpt9.md slug/reserved',
    ]);
    const reserved = report(result.stdout).diagnostics.find((d) => d.file === 'paths/title-con.md')!;
    expect(reserved.message).toBe('The title gives the slug "con", a device name that Windows reserves; a file con.html cannot be written or opened there.');
    // The slug the hint offers is one a slug may be, in lower case whatever the language tag's case, the one `new` gives such a title.
    const british = await project({ 'migration-news.config.yaml': 'languages: [en-GB]\n', 'r/con.md': release({ title: 'Con', lang: 'en-GB' }) });
    const regional = report((await runMain(['validate', 'r', '--reporter', 'json'], { cwd: british })).stdout).diagnostics;
    expect(regional.filter((d) => d.ruleId === 'slug/reserved').map((d) => d.hint)).toEqual(['Set `slug` to a longer name, such as `slug: con-en-gb-2026`.']);

    // A language whose tag is a Windows device name (Cofán's `con`) would name its pages' folder so: the config says so, at the tag,
    // in `validate` as in `build`, rather than a build failing each release at its title with a path that is not safe.
    const cofan = await project({ 'migration-news.config.yaml': 'languages: [en, con, PRN, con-EC]\n', 'r/a.md': release({ title: 'Cofán', lang: 'con' }) });
    for (const command of ['validate', 'build']) {
      const checked = report((await runMain([command, 'r', '--reporter', 'json', '--now', NOW], { cwd: cofan })).stdout).diagnostics;
      expect(checked.filter((d) => d.file === 'migration-news.config.yaml').map((d) => [d.line, d.column, d.ruleId, d.message]), command).toEqual([
        [1, 17, 'schema/format', '`languages[1]` is a name Windows reserves for a device (con, prn, aux, nul), and names the folder of the language\'s pages: none could be written or opened there; it is "con".'],
        [1, 22, 'schema/format', '`languages[2]` is a name Windows reserves for a device (con, prn, aux, nul), and names the folder of the language\'s pages: none could be written or opened there; it is "PRN".'],
      ]);
      expect(checked.map((d) => d.ruleId), command).not.toContain('output/collision');
    }

    const after = await listTree(dir);
    const created = after.filter((f) => !before.includes(f));
    expect(created.every((f) => f.startsWith('out/'))).toBe(true);
    expect(releaseOutputs(created.map((f) => f.slice(4)))).toEqual([
      'en/annual-report.html', 'en/annual-report.json', 'en/annual-report.txt',
      'en/cafe-opening.html', 'en/cafe-opening.json', 'en/cafe-opening.txt',
      'en/title-empty-slug.html', 'en/title-empty-slug.json', 'en/title-empty-slug.txt',
      'en/very-long-headline-word-very-long-headline-word-very-long-headline-word-very.html',
      'en/very-long-headline-word-very-long-headline-word-very-long-headline-word-very.json',
      'en/very-long-headline-word-very-long-headline-word-very-long-headline-word-very.txt',
    ]);
    // Of two releases that would write one file, the first keeps it.
    expect(await readFile(join(dir, 'out/en/annual-report.html'), 'utf8')).toContain('<h1>Annual Report</h1>');
    expect(await readFile(join(dir, 'out/en/cafe-opening.html'), 'utf8')).toContain('<h1>Caf\u00e9 opening</h1>');
  });

  it('reports two releases that would write one file before anything is written', async () => {
    const dir = await project({ 'r/a.md': release({ title: 'Annual Report' }), 'r/b.md': release({ title: 'ANNUAL  REPORT!' }) });
    const result = await runMain(['build', 'r', '--reporter', 'json', '--now', NOW], { cwd: dir });
    expect(result.code).toBe(1);
    expect(errors(result.stdout)).toEqual(['r/b.md slug/duplicate']);
    expect(existsSync(join(dir, 'dist'))).toBe(false);
    expect((await readdir(dir)).sort()).toEqual(['r']);
  });

  it('never writes through a symbolic link to a folder inside --out', async () => {
    const dir = await project({ 'r/a.md': release({ title: 'Alpha' }), 'r/b.md': release({ title: 'Beta', lang: 'az' }), 'elsewhere/keep.txt': 'keep\n' });
    await mkdir(join(dir, 'out'));
    await symlink(join(dir, 'elsewhere'), join(dir, 'out/en'));
    const result = await runMain(['build', 'r', '--out', 'out', '--reporter', 'json', '--now', NOW], { cwd: dir });
    expect(result.code).toBe(2);
    expect(report(result.stdout).diagnostics).toMatchObject([
      { file: 'out/en', ruleId: 'output/write', message: `The output was not written: refusing to write through ${join(dir, 'out/en')}: it is a symbolic link.` },
    ]);
    expect(await listTree(join(dir, 'elsewhere'))).toEqual(['keep.txt']);
    // Checked before any file moved: the other language was not written either.
    expect(await listTree(join(dir, 'out'))).toEqual(['en']);
    expect(result.stderr).not.toMatch(STACK_LINE);
  });

  it('never takes a page behind a symbolic link to a folder inside --out for its own, with or without a build record', async () => {
    const dir = await project({ 'r/a.md': release({ title: 'Alpha', tags: '[visa]' }) });
    const build = (env: Record<string, string>) => runMain(['build', 'r', '--out', 'out', '--reporter', 'json', '--now', NOW], { cwd: dir, env });
    const cache = { XDG_CACHE_HOME: join(dir, 'cache') };
    expect((await build(cache)).code).toBe(0);
    // The tag's page, as the build wrote it, moved elsewhere and reached through a link: the same bytes, at the same size.
    await rename(join(dir, 'out/en/tags'), join(dir, 'elsewhere'));
    await symlink(join(dir, 'elsewhere'), join(dir, 'out/en/tags'));
    const outside = await hashTree(join(dir, 'elsewhere'));
    expect(Object.keys(outside)).toEqual(['visa.html']);
    for (const env of [cache, {}]) {
      const result = await build(env);
      expect(result.code, JSON.stringify(env)).toBe(2);
      expect(report(result.stdout).diagnostics).toMatchObject([
        { file: 'out/en/tags', ruleId: 'output/write', message: `The output was not written: refusing to write through ${join(dir, 'out/en/tags')}: it is a symbolic link.` },
      ]);
    }
    expect(await hashTree(join(dir, 'elsewhere'))).toEqual(outside);
  });

  it('replaces a symbolic link at an output path without touching the file it points to', async () => {
    const dir = await project({ 'r/a.md': release({ title: 'Alpha' }), 'elsewhere/precious.txt': 'precious\n' });
    await mkdir(join(dir, 'out/en'), { recursive: true });
    await symlink(join(dir, 'elsewhere/precious.txt'), join(dir, 'out/en/alpha.html'));
    // A folder without a manifest: the link is taken for the user's own, and kept, unless --force.
    const refused = await runMain(['build', 'r', '--out', 'out', '--now', NOW], { cwd: dir });
    expect(refused.code).toBe(2);
    expect((await lstat(join(dir, 'out/en/alpha.html'))).isSymbolicLink()).toBe(true);
    const result = await runMain(['build', 'r', '--out', 'out', '--now', NOW, '--force'], { cwd: dir });
    expect(result.code).toBe(0);
    expect(await readFile(join(dir, 'elsewhere/precious.txt'), 'utf8')).toBe('precious\n');
    expect((await lstat(join(dir, 'out/en/alpha.html'))).isFile()).toBe(true);
    expect(await readFile(join(dir, 'out/en/alpha.html'), 'utf8')).toContain('<h1>Alpha</h1>');
  });

  it('refuses to replace a folder that stands where an output file goes, and changes nothing', async () => {
    const dir = await project({ 'r/a.md': release({ title: 'Alpha' }), 'r/b.md': release({ title: 'Beta' }), 'out/en/beta.html/inner.txt': 'inner\n' });
    const result = await runMain(['build', 'r', '--out', 'out', '--reporter', 'json', '--now', NOW], { cwd: dir });
    expect(result.code).toBe(2);
    expect(errors(result.stdout)).toEqual(['out/en/beta.html output/write']);
    expect(await listTree(join(dir, 'out'))).toEqual(['en/beta.html/inner.txt']);
  });

  it('refuses an output folder that is, is inside or contains an input, or is a file, and leaves the inputs as they were', async () => {
    const dir = await project({ 'r/a.md': release(), 'r/sub/b.md': release({ title: 'Beta' }), 'notes.txt': 'a file\n' });
    const inputs = await hashTree(dir);
    const cases: [string[], RegExp][] = [
      [['r', '--out', 'r'], /the output folder \S+ is an input folder/],
      [['r', '--out', 'r/sub'], /the output folder \S+ is inside the input folder/],
      [['r', '--out', 'r/new/site'], /is inside the input folder/],
      [['r', '--out', '.'], /contains the input folder/],
      [['r/a.md', '--out', '.'], /contains the input folder|contains the input file/],
      [['r', '--out', 'notes.txt'], /the output folder \S+notes\.txt exists and is not a folder/],
    ];
    for (const [args, message] of cases) {
      const result = await runMain(['build', ...args, '--now', NOW], { cwd: dir });
      expect(result.code, args.join(' ')).toBe(2);
      expect(result.stderr, args.join(' ')).toMatch(message);
      expect(result.stderr).not.toMatch(STACK_LINE);
    }
    expect(await hashTree(dir)).toEqual(inputs);

    // A link to a folder not made yet (a clone of a repository that commits `dist -> gen/site`) is said to be one, not a file.
    await symlink('gen/site', join(dir, 'dist'));
    const dangling = await runMain(['build', 'r', '--out', 'dist', '--now', NOW], { cwd: dir });
    expect(dangling.code).toBe(2);
    expect(dangling.stderr).toMatch(/the output folder \S+dist is a symbolic link to gen\/site, which is not there; make the folder it names/);
    await mkdir(join(dir, 'gen', 'site'), { recursive: true });
    expect((await runMain(['build', 'r', '--out', 'dist', '--now', NOW], { cwd: dir })).code).toBe(0);
    expect(await listTree(join(dir, 'gen', 'site'))).toContain('en/service-opens-new-residence-permit-centre.html');
    await rm(join(dir, 'dist'));

    // A link in an input folder to a release inside the output folder makes that file an input too.
    await mkdir(join(dir, 'out'));
    await writeFile(join(dir, 'out/kept.md'), release({ title: 'Kept' }));
    await symlink(join(dir, 'out/kept.md'), join(dir, 'r/linked.md'));
    const linked = await runMain(['build', 'r', '--out', 'out', '--now', NOW], { cwd: dir });
    expect(linked.code).toBe(2);
    expect(linked.stderr).toMatch(/the output folder \S+out contains the input file \S+out\/kept\.md/);
    expect(await readFile(join(dir, 'out/kept.md'), 'utf8')).toBe(release({ title: 'Kept' }));
  });

  it('refuses an output folder that is, lies in or contains the project\'s template-sets folder, through a link too, changes nothing, and builds beside it', async () => {
    const dir = await project({
      'r/a.md': release(),
      'templates/house/template.yaml': 'name: house\nextends: default\n',
      'templates/house/README.txt': 'our house style\n',
    });
    await symlink('templates/house', join(dir, 'outlink'));
    await symlink('templates', join(dir, 'setslink'));
    const before = await hashTree(dir);
    const sets = await hashTree(join(dir, 'templates'));
    const cases: [string, RegExp][] = [
      ['templates', /the output folder \S+\/templates is the template-sets folder \S+\/templates\./],
      ['templates/house', /the output folder \S+\/templates\/house is inside the template-sets folder \S+\/templates\./],
      ['templates/new/site', /the output folder \S+\/templates\/new\/site is inside the template-sets folder/],
      // A link is judged by where it leads: writing through it would write into the set.
      ['outlink', /the output folder \S+\/templates\/house is inside the template-sets folder/],
      ['setslink', /the output folder \S+\/templates is the template-sets folder/],
    ];
    for (const [out, message] of cases) await expectOutRefused(dir, ['r', '--out', out], message);
    expect(await hashTree(dir)).toEqual(before);

    // The project's folder, with the releases elsewhere, holds the sets folder: a build there would swap it with the site.
    const site = await project({ 'templates/house/template.yaml': 'name: house\nextends: default\n', 'notes.txt': 'mine\n' });
    const beforeSite = await hashTree(site);
    const around = await runMain(['build', join(dir, 'r'), '--out', '.', '--now', NOW], { cwd: site });
    expect(around.code).toBe(2);
    expect(around.stderr).toMatch(/the output folder \S+ contains the template-sets folder \S+\/templates\./);
    expect(await hashTree(site)).toEqual(beforeSite);

    // Beside the sets, under a name that only starts like theirs, or in a project with none, a build goes on.
    for (const out of ['dist', 'templates-out']) {
      const result = await runMain(['build', 'r', '--out', out, '--now', NOW], { cwd: dir });
      expect(result.code, `${out}: ${result.stderr}`).toBe(0);
      expect(await listTree(join(dir, out))).toContain('releases.json');
    }
    expect(await hashTree(join(dir, 'templates'))).toEqual(sets);
    const bare = await project({ 'r/a.md': release() });
    expect((await runMain(['build', 'r', '--now', NOW], { cwd: bare })).code).toBe(0);
  });

  it('refuses an output folder at or in the folder the config\'s `templates` names, by its real path, and changes nothing', async () => {
    const dir = await project({
      'r/a.md': release(),
      'migration-news.config.yaml': 'templates: design/sets\n',
      'design/sets/house/template.yaml': 'name: house\nextends: default\n',
    });
    await symlink('design/sets/house', join(dir, 'site'));
    const before = await hashTree(dir);
    const cases: [string, RegExp][] = [
      ['design/sets', /the output folder \S+\/design\/sets is the template-sets folder \S+\/design\/sets\./],
      ['design/sets/house', /the output folder \S+\/design\/sets\/house is inside the template-sets folder \S+\/design\/sets\./],
      ['site', /the output folder \S+\/design\/sets\/house is inside the template-sets folder/],
      ['design', /the output folder \S+\/design contains the template-sets folder \S+\/design\/sets\./],
    ];
    for (const [out, message] of cases) await expectOutRefused(dir, ['r', '--out', out], message);
    expect(await hashTree(dir)).toEqual(before);
    expect((await runMain(['build', 'r', '--out', 'design-out', '--now', NOW], { cwd: dir })).code).toBe(0);
  });

  it('refuses an output folder that is, lies in or contains the folder of a set named by its path, and changes nothing', async () => {
    const dir = await project({
      'r/a.md': release(),
      'design/brand/template.yaml': 'name: brand\nextends: default\n',
      'design/brand/partials/footer.liquid': '<footer>Brand</footer>\n',
    });
    const before = await hashTree(dir);
    // The set's folder is read as templates by every build with --template: the site written there was read back as its files.
    const cases: [string, RegExp][] = [
      ['design/brand', /the output folder \S+\/design\/brand is the folder of the template set \S+\/design\/brand\./],
      ['design/brand/site', /the output folder \S+\/design\/brand\/site is inside the folder of the template set \S+\/design\/brand\./],
      ['design', /the output folder \S+\/design contains the folder of the template set \S+\/design\/brand\./],
    ];
    for (const [out, message] of cases) await expectOutRefused(dir, ['r', '--template', './design/brand', '--out', out], message);
    expect(await hashTree(dir)).toEqual(before);
    // Beside it, and with the set named by a path that holds the project (the project's folder as its own set), a build goes on.
    expect((await runMain(['build', 'r', '--template', './design/brand', '--out', 'dist', '--now', NOW], { cwd: dir })).code).toBe(0);
    const own = await project({ 'r/a.md': release(), 'template.yaml': 'name: own\nextends: default\n' });
    const built = await runMain(['build', 'r', '--template', '.', '--out', 'dist', '--now', NOW], { cwd: own });
    expect(built.code, built.stderr).toBe(0);
  });

  it('refuses an output folder that holds the config file in use, such as the project\'s folder with the releases elsewhere, and changes nothing', async () => {
    const releases = await project({ 'a.md': release() });
    const dir = await project({ 'migration-news.config.yaml': 'site:\n  name: Newsroom\n', 'notes.txt': 'mine\n', 'conf/migration-news.config.yaml': 'site:\n  name: Other\n' });
    const before = await hashTree(dir);
    const cases: [string[], RegExp][] = [
      [['--config', 'migration-news.config.yaml', '--out', '.'], /the output folder \S+ contains the config file \S+\/migration-news\.config\.yaml\./],
      [['--config', 'conf/migration-news.config.yaml', '--out', 'conf'], /the output folder \S+\/conf contains the config file \S+\/conf\/migration-news\.config\.yaml\./],
    ];
    for (const [args, message] of cases) await expectOutRefused(dir, [releases, ...args], message);
    expect(await hashTree(dir)).toEqual(before);
    expect((await runMain(['build', releases, '--config', 'migration-news.config.yaml', '--out', 'dist', '--now', NOW], { cwd: dir })).code).toBe(0);
  });

  it('does not follow a symbolic link found in an input folder to a file elsewhere on the machine', async () => {
    const secret = await project({ 'secret.env': 'API_TOKEN=do-not-print-me\n' });
    const dir = await project({ 'r/a.md': release({ title: 'Alpha' }) });
    await symlink(join(secret, 'secret.env'), join(dir, 'r/linked.md'));
    const result = await runMain(['validate', 'r', '--now', NOW], { cwd: dir });
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/r\/linked\.md\n\s+1:1\s+error\s+The file is a symbolic link to a file outside the working folder and the folder searched; it is not read\.\s+file\/unreadable/);
    expect(result.stdout).not.toContain('do-not-print-me');
    // A link to a release inside the project is followed as before.
    await mkdir(join(dir, 'linked'));
    await symlink(join(dir, 'r/a.md'), join(dir, 'linked/alias.md'));
    const inside = await runMain(['validate', 'linked', '--now', NOW], { cwd: dir });
    expect(inside.stdout).toBe('No problems in 1 file.\n');
  });
});

describe('nothing is lost when a build fails or stops', () => {
  it('keeps the previous output byte for byte when a release fails, and writes only with --keep-going', async () => {
    const dir = await project({ 'r/a.md': release({ title: 'Alpha' }), 'r/b.md': release({ title: 'Beta' }) });
    expect((await runMain(['build', 'r', '--now', NOW], { cwd: dir })).code).toBe(0);
    const previous = await hashTree(join(dir, 'dist'));
    await writeFile(join(dir, 'r/a.md'), release({ title: 'Alpha, revised' }));
    await writeFile(join(dir, 'r/c.md'), release({ title: 'Gamma' }));
    await writeFile(join(dir, 'r/b.md'), release({ title: 'Beta', date: '2026-13-01' }));
    const sources = await hashTree(join(dir, 'r'));

    const failed = await runMain(['build', 'r', '--now', NOW], { cwd: dir });
    expect(failed.code).toBe(1);
    expect(failed.stdout).toMatch(/Nothing was written because 1 failed; dist is unchanged/);
    expect(await hashTree(join(dir, 'dist'))).toEqual(previous);
    expect((await readdir(dir)).sort()).toEqual(['dist', 'r']);

    const kept = await runMain(['build', 'r', '--keep-going', '--now', NOW], { cwd: dir });
    expect(kept.code).toBe(1);
    const after = await hashTree(join(dir, 'dist'));
    // Alpha's new title gave it a new slug: its old pages are the build's own, so they go; the summary says so.
    const renamed = ['en/alpha.html', 'en/alpha.json', 'en/alpha.txt'];
    expect(Object.keys(after)).toEqual([...Object.keys(previous).filter((f) => !renamed.includes(f)), 'en/alpha-revised.html', 'en/alpha-revised.json', 'en/alpha-revised.txt', 'en/gamma.html', 'en/gamma.json', 'en/gamma.txt'].sort());
    for (const file of renamed) expect(kept.stdout).toContain(`  removed ${file}: the slug is now "alpha-revised"\n`);
    // The failed release's previous pages stay as they were.
    for (const file of ['en/beta.html', 'en/beta.json', 'en/beta.txt']) expect(after[file]).toBe(previous[file]);
    expect(await hashTree(join(dir, 'r'))).toEqual(sources);
    expect((await readdir(dir)).sort()).toEqual(['dist', 'r']);
  });

  it('removes a staging folder that a killed build left beside --out, and keeps one a running build is using', async () => {
    const dir = await project({ 'r/a.md': release({ title: 'Alpha' }) });
    // Process ids are at most 2^22 on Linux: this one runs nothing.
    const dead = join(dir, '.dist.migration-news-staging-4999999-abcd1234');
    const alive = join(dir, `.dist.migration-news-staging-${process.pid}-abcd1234`);
    await mkdir(join(dead, 'en'), { recursive: true });
    await writeFile(join(dead, 'en/half.html'), '<p>half');
    await mkdir(alive);
    const result = await runMain(['build', 'r', '--now', NOW], { cwd: dir });
    expect(result.code).toBe(0);
    expect((await readdir(dir)).sort()).toEqual(['.dist.migration-news-staging-' + process.pid + '-abcd1234', 'dist', 'r']);
    expect(releaseOutputs(await listTree(join(dir, 'dist')))).toEqual(['en/alpha.html', 'en/alpha.json', 'en/alpha.txt']);
  });
});

describe('a manifest an earlier build did not write', () => {
  // The manifest is a file of the output folder, which a pull request can change: its text is quoted in short, as any file's.
  it('is quoted in short in the summary of what a build removes', async () => {
    const dir = await project({ 'r/a.md': release() });
    expect((await runMain(['build', 'r', '--out', 'dist', '--now', NOW], { cwd: dir })).code).toBe(0);
    const path = join(dir, 'dist', '.migration-news-manifest.json');
    const manifest = JSON.parse(await readFile(path, 'utf8')) as { files: Record<string, unknown> };
    manifest.files['en/zz.html'] = { release: 'zz', source: `r/${'x'.repeat(200_000)}.md`, kind: 'release', public: true };
    await writeFile(path, JSON.stringify(manifest));
    await writeFile(join(dir, 'dist', 'en', 'zz.html'), 'x');
    const result = await runMain(['build', 'r', '--out', 'dist', '--now', NOW], { cwd: dir });
    expect(result.code, result.stderr).toBe(0);
    const line = result.stdout.split('\n').find((l) => l.includes('removed en/zz.html'));
    expect(line).toMatch(/^ {2}removed en\/zz\.html: its release is gone: r\/x+… is not among this build's inputs \(deleted, or outside the paths given\)$/);
    expect(line!.length).toBeLessThan(400);
  });
});

describe('errors are messages, not stack traces', () => {
  const full = '/dev/full';
  it.skipIf(skipWithout(full, existsSync(full), 'this system has no device that fails every write with ENOSPC (Linux and FreeBSD have it).'))('reports a failure to write standard output in one line, with the stack only under --debug', async () => {
    requireTool(full, existsSync(full) ? full : undefined, 'this system has none.');
    const dir = await project({ 'r/a.md': release({ date: 'soon' }) });
    const run = (debug: boolean) => new Promise<{ code: number | null; stderr: string }>((resolve) => {
      const out = openSync(full, 'w');
      const child = spawn(process.execPath, [BIN, 'validate', 'r', ...(debug ? ['--debug'] : [])], { cwd: dir, stdio: ['ignore', out, 'pipe'], env: { NO_COLOR: '1', PATH: process.env.PATH ?? '' } });
      let stderr = '';
      child.stderr!.setEncoding('utf8').on('data', (d: string) => (stderr += d));
      child.on('close', (code) => {
        closeSync(out);
        resolve({ code, stderr });
      });
    });
    const plain = await run(false);
    expect(plain.code).toBe(2);
    expect(plain.stderr).toBe('migration-news: cannot write to standard output: ENOSPC: no space left on device, write\n');
    const debug = await run(true);
    expect(debug.code).toBe(2);
    expect(debug.stderr).toMatch(STACK_LINE);
  });

  it('keeps the exit code when the reader of standard output goes away, and prints nothing', async () => {
    const dir = await project({ 'r/a.md': release({ date: 'soon' }) });
    const result = await new Promise<{ code: number | null; stderr: string }>((resolve) => {
      const child = spawn(process.execPath, [BIN, 'validate', 'r'], { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'], env: { NO_COLOR: '1', PATH: process.env.PATH ?? '' } });
      child.stdout.destroy();
      let stderr = '';
      child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
      child.on('close', (code) => resolve({ code, stderr }));
    });
    expect(result).toEqual({ code: 1, stderr: '' });
  });

  it('prints an error that escapes the command, in the binary, with no control character or CI log command of its message', async () => {
    // A fault that reaches the binary's last resort while a command waits on standard input.
    const fault = `data:text/javascript,${encodeURIComponent("setTimeout(() => { throw new Error('bad \\u001b[2J ##vso[task.setvariable variable=PATH]/tmp ##teamcity[setParameter] ##[error]x'); }, 50);")}`;
    const result = await new Promise<{ code: number | null; stderr: string }>((resolve) => {
      const child = spawn(process.execPath, ['--import', fault, BIN, 'validate', '-'], { stdio: ['pipe', 'ignore', 'pipe'] });
      let stderr = '';
      child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
      child.on('close', (code) => resolve({ code, stderr }));
    });
    expect(result.code).toBe(2);
    expect(result.stderr.split('\n')[0]).toBe('migration-news: internal error: bad \\u001B[2J ##vso\\u005Btask.setvariable variable=PATH]/tmp ##teamcity\\u005BsetParameter] ##\\u005Berror]x');
    // With --debug, the stack (which opens with the message) holds no command either.
    const debug = await new Promise<string>((resolve) => {
      const child = spawn(process.execPath, ['--import', fault, BIN, 'validate', '-', '--debug'], { stdio: ['pipe', 'ignore', 'pipe'] });
      let stderr = '';
      child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
      child.on('close', () => resolve(stderr));
    });
    expect(debug).toMatch(/^Error: bad /m);
    expect(debug).not.toMatch(/##(vso|teamcity)?\[/i);
  });

  it('prints an internal error as one line asking for a report, and the stack only with --debug', async () => {
    // Reading standard input fails with no system error behind it (one with a code, EIO, is the machine's, said as such): a
    // fault no release, option or machine can cause.
    const failingStdin = async (args: string[]) => {
      let stdout = '';
      let stderr = '';
      const { main } = await import('../src/cli/main.js');
      const code = await main(args, {
        cwd: dirname(BIN), env: { NO_COLOR: '1' }, isTTY: false,
        stdout: { write: (s: string) => (stdout += s) },
        stderr: { write: (s: string) => (stderr += s) },
        readStdin: () => Promise.reject(new Error('the stream was read twice')),
      });
      return { code, stdout, stderr };
    };
    const plain = await failingStdin(['validate', '-']);
    expect(plain).toEqual({
      code: 2,
      stdout: '',
      stderr: 'migration-news: internal error: the stream was read twice\nThis is a bug in migration-news; please report it with the output of the same command run with --debug.\n',
    });
    const debug = await failingStdin(['validate', '-', '--debug']);
    expect(debug.code).toBe(2);
    expect(debug.stderr).toMatch(/^migration-news: internal error: the stream was read twice\n/);
    expect(debug.stderr).toMatch(STACK_LINE);
    // A system error reading it is the machine's: said as such, with no report asked for.
    let said = '';
    const code = await (await import('../src/cli/main.js')).main(['validate', '-'], {
      cwd: dirname(BIN), env: { NO_COLOR: '1' }, isTTY: false, stdout: { write: () => true }, stderr: { write: (s: string) => (said += s) },
      readStdin: () => Promise.reject(Object.assign(new Error('EIO: i/o error, read'), { code: 'EIO', syscall: 'read' })),
    });
    expect({ code, said }).toEqual({ code: 2, said: 'migration-news: cannot read standard input (EIO: an input/output error).\n' });
  });

  // The lengths are Linux's: a path of up to 4,095 bytes.
  it.skipIf(process.platform !== 'linux')('reports a file in the output folder whose path is too long for the staging folder as an output/write error, and changes nothing', async () => {
    const dir = await project({ 'r/a.md': release({ title: 'Alpha' }) });
    // A path that fits under out/, and not under the longer name of the staging folder beside it.
    let deep = join(dir, 'out');
    while (deep.length < 4_070) deep = join(deep, 'd'.repeat(Math.min(100, 4_070 - deep.length)));
    await mkdir(deep, { recursive: true });
    await writeFile(join(deep, 'keep.txt'), 'keep\n');
    const before = await hashTree(join(dir, 'out'));
    const result = await runMain(['build', 'r', '--out', 'out', '--reporter', 'json', '--now', NOW], { cwd: dir });
    expect(result.stderr).not.toMatch(/internal error|This is a bug/);
    expect(result.code).toBe(2);
    expect(report(result.stdout).diagnostics).toMatchObject([
      { file: 'out', ruleId: 'output/write', message: expect.stringMatching(/^The output was not written: cannot link the output folder's other files into the staging folder .* \(ENAMETOOLONG on mkdir: the name is too long\); nothing in .* was changed\.$/) },
    ]);
    expect(await hashTree(join(dir, 'out'))).toEqual(before);
    expect((await readdir(dir)).sort()).toEqual(['out', 'r']);
  });

  // Linux file systems take any bytes in a name; others refuse those that are not UTF-8.
  it.skipIf(process.platform !== 'linux')('builds into an output folder holding a file whose name is not UTF-8, and keeps that file', async () => {
    const dir = await project({ 'r/a.md': release({ title: 'Alpha' }), 'out/keep.txt': 'keep\n' });
    const name = Buffer.concat([Buffer.from(`${join(dir, 'out')}/bad`), Buffer.from([0xff]), Buffer.from('.txt')]);
    await writeFile(name, 'bytes\n');
    const result = await runMain(['build', 'r', '--out', 'out', '--reporter', 'json', '--now', NOW], { cwd: dir });
    expect(result.stderr).not.toMatch(/internal error|This is a bug/);
    expect(errors(result.stdout)).toEqual([]);
    expect(result.code).toBe(0);
    expect(await readFile(name, 'utf8')).toBe('bytes\n');
    expect(await readFile(join(dir, 'out/keep.txt'), 'utf8')).toBe('keep\n');
    expect(await readFile(join(dir, 'out/en/alpha.html'), 'utf8')).toContain('<h1>Alpha</h1>');
  });

  it('answers every kind of bad input with exit 1 or 2, a message naming the file, and no stack trace', async () => {
    const dir = await project({
      'r/binary.md': '\u0089PNG\r\n\u001a\n\u0000\u0000\u0000\rIHDR',
      'r/bad-yaml.md': '---\ntitle: [unclosed\n---\nBody.\n',
      'r/good.md': release({ title: 'Good' }),
      'templates/broken/template.yaml': 'name: broken\nformats: [html]\n',
      'templates/broken/release.html.liquid': '{% if %}',
    });
    await writeFile(join(dir, 'r/utf16.md'), Buffer.from('\ufeff---\ntitle: x\n', 'utf16le'));
    const runs: [string[], number, RegExp][] = [
      [['validate', 'r'], 1, /r\/bad-yaml\.md[^]*r\/binary\.md[^]*r\/utf16\.md/],
      [['build', 'r'], 1, /Nothing was written/],
      [['build', 'r', '--template', 'templates/broken', '--format', 'html'], 1, /templates\/broken\/release\.html\.liquid\n {2}1:6 +error +The tag has nothing to test or compare after its name/],
      [['build', 'r', '--template', 'templates/broken'], 2, /The template set "broken" does not provide text/],
      [['build', 'r', '--template', 'no-such-set'], 2, /no-such-set/],
      [['validate', 'no/such/folder'], 2, /No such file, folder or match: no\/such\/folder/],
      [['build', 'r', '--format', 'pdf'], 2, /--format/],
      [['validate', 'r', '--config', 'missing.yaml'], 2, /missing\.yaml/],
    ];
    for (const [args, code, output] of runs) {
      const result = await runMain([...args, '--now', NOW], { cwd: dir });
      expect(result.code, args.join(' ')).toBe(code);
      expect(result.stdout + result.stderr, args.join(' ')).toMatch(output);
      expect(result.stdout + result.stderr, args.join(' ')).not.toMatch(STACK_LINE);
    }
  });
});

describe('a symbolic link in the way of the staging folder', () => {
  it('is never followed: the staging folder is created fresh beside --out', async () => {
    const dir = await project({ 'r/a.md': release({ title: 'Alpha' }), 'elsewhere/keep.txt': 'keep\n' });
    await symlink(join(dir, 'elsewhere'), join(dir, '.dist.migration-news-staging-4999999-00000000'));
    const result = await runMain(['build', 'r', '--now', NOW], { cwd: dir });
    expect(result.code).toBe(0);
    expect(await listTree(join(dir, 'elsewhere'))).toEqual(['keep.txt']);
    expect(await readlink(join(dir, '.dist.migration-news-staging-4999999-00000000'))).toBe(join(dir, 'elsewhere'));
  });
});

describe('the last check before a file is written', () => {
  it('refuses every path that could leave the output folder or trouble a file system', async () => {
    const { unsafeOutputPath } = await import('../src/io/output.js');
    const refused: Record<string, RegExp> = {
      '../outside.html': /leaves the output folder/,
      'en/../../outside.html': /leaves the output folder/,
      'en\\..\\..\\outside.html': /leaves the output folder/,
      './en/a.html': /leaves the output folder/,
      'en//a.html': /leaves the output folder/,
      '/etc/passwd': /absolute path/,
      '\\\\server\\share\\a.html': /absolute path/,
      'C:\\Windows\\a.html': /absolute path/,
      'c:a.html': /absolute path/,
      'en/a\0.html': /NUL/,
      'en/con.html': /reserved device name/,
      'en/NUL': /characters other than/,
      'en/lpt1.txt': /reserved device name/,
      'en/com9.tar.gz': /reserved device name/,
      'en/a.': /ends with a dot/,
      'en/A.html': /characters other than/,
      'en/caf\u00e9.html': /characters other than/,
      'en/a b.html': /characters other than/,
      [`en/${'a'.repeat(201)}.html`]: /longer than 200/,
    };
    for (const [path, reason] of Object.entries(refused)) expect(unsafeOutputPath(path), JSON.stringify(path)).toMatch(reason);
    for (const path of ['en/annual-report.html', 'az/a.txt', 'ru/x-1.json', 'en/console.html', 'en/con-2026.html', 'en/nul1.html']) expect(unsafeOutputPath(path), path).toBeUndefined();
  });

  it('passes a path exactly when every name in it keeps the rules, however it is decided', async () => {
    const { unsafeOutputPath, MAX_NAME_LENGTH } = await import('../src/io/output.js');
    const { isReservedName } = await import('../src/core/slug.js');
    // The rules, name by name, as the README states them.
    const safe = (path: string) => path.split(/[\\/]/).every((name) =>
      /^[a-z0-9][a-z0-9._-]*$/.test(name) && name.length <= MAX_NAME_LENGTH && !name.endsWith('.') && !isReservedName(name));
    const piece = fc.oneof(
      fc.constantFrom('a', 'z', '0', '9', '.', '..', '-', '_', '/', '\\', 'con', 'nul', 'com1', 'lpt9', 'aux', 'prn', 'A', 'é', ' ', '\0', ':', '.html', 'en', 'release-1'),
      fc.constant('a'.repeat(MAX_NAME_LENGTH - 1)),
      fc.string({ maxLength: 3 }),
    );
    fc.assert(fc.property(fc.array(piece, { minLength: 1, maxLength: 8 }), (pieces) => {
      const path = pieces.join('');
      expect(unsafeOutputPath(path) === undefined, JSON.stringify(path)).toBe(safe(path));
    }), { numRuns: 5000 });
  });

  it('refuses a second file at the same path in one build instead of failing on it', async () => {
    const { OutputError, OutputStage } = await import('../src/io/output.js');
    const dir = await project({});
    const stage = await OutputStage.create(join(dir, 'out'));
    try {
      await stage.write('en/a.html', 'first');
      await expect(stage.write('en/a.html', 'second')).rejects.toThrow(OutputError);
      await expect(stage.write('../a.html', 'outside')).rejects.toThrow(/leaves the output folder/);
    } finally {
      await stage.abort();
    }
    expect((await readdir(dir)).sort()).toEqual([]);
  });
});

describe('the working folder as the output folder', () => {
  const project = useProjects();

  /**
   * Runs `args` through main() with this process's working folder in `cwd` for the while, as the binary runs from a shell
   * there: the build looks at the process's own working folder (holdsWorkingFolder in src/io/output.ts), which the binary
   * also gives main() as its `cwd`. A test worker is a process of its own (vitest.config.ts: pool 'forks').
   */
  async function runFrom(cwd: string, args: readonly string[]) {
    const previous = process.cwd();
    process.chdir(cwd);
    try {
      return await runMain(args, { cwd });
    } finally {
      process.chdir(previous);
    }
  }

  it('is updated in place, never swapped away from under the shell, and a folder gone from under the shell is said so', async () => {
    const dir = await project({ 'rel/a.md': release({ slug: 'centre' }), 'site/notes.txt': 'mine\n' });
    const site = join(dir, 'site');
    const folder = async () => (await lstat(site)).ino;
    const before = await folder();
    const built = await runFrom(site, ['build', '../rel', '--out', '.', '--now', NOW]);
    expect(built.code, built.stderr).toBe(0);
    // The same folder, the build's pages in it beside the user's file: a command after it runs where the shell is.
    expect(await folder()).toBe(before);
    expect(await readFile(join(site, 'notes.txt'), 'utf8')).toBe('mine\n');
    expect(existsSync(join(site, 'en/centre.html'))).toBe(true);
    await writeFile(join(dir, 'rel/a.md'), release({ slug: 'centre' }, 'A new body.\n'));
    const again = await runFrom(site, ['build', '../rel', '--out', '.', '--now', NOW]);
    expect(again.code, again.stderr).toBe(0);
    expect(await folder()).toBe(before);
    expect(await readFile(join(site, 'en/centre.html'), 'utf8')).toContain('A new body.');

    // A shell left in a folder another tool removed: a usage error that says so, no internal error, from the binary's start-up.
    const gone = await runProcess('/bin/sh', ['-c', `mkdir gone && cd gone && rmdir ../gone && exec "${process.execPath}" "${BIN}" build ../rel`], { cwd: dir, env: { PATH: process.env.PATH ?? '' } });
    expect(gone.code).toBe(2);
    expect(gone.stderr).toMatch(/^migration-news: The working folder no longer exists/);
    expect(gone.stderr).not.toContain('internal error');
    expect(gone.stderr).not.toMatch(STACK_LINE);
  });

  it('keeps a folder of the output that the build empties when the shell is in it (build run from dist/en)', async () => {
    const dir = await project({ 'rel/a.md': release({ slug: 'centre' }) });
    const built = await runFrom(dir, ['build', 'rel', '--out', 'dist', '--now', NOW]);
    expect(built.code, built.stderr).toBe(0);
    const en = join(dir, 'dist/en');
    const folder = (await lstat(en)).ino;
    // The release moves to Russian: every file in en/ is removed, and en/ with them, but the shell is in it.
    await writeFile(join(dir, 'rel/a.md'), release({ slug: 'centre', lang: 'ru' }));
    const moved = await runFrom(en, ['build', '../../rel', '--out', '..', '--now', NOW]);
    expect(moved.code, moved.stderr).toBe(0);
    expect(existsSync(join(dir, 'dist/ru/centre.html'))).toBe(true);
    expect((await lstat(en)).ino).toBe(folder);
    expect(await readdir(en)).toEqual([]);
    // A command run there next runs, rather than finding its folder gone.
    const next = await runFrom(en, ['validate', '../../rel', '--now', NOW]);
    expect(next.code, next.stderr).toBe(0);
  });
});
