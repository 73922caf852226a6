import fc from 'fast-check';
import { readdir } from 'node:fs/promises';
import { isAbsolute, join, relative, sep } from 'node:path';
import { describe, expect, it } from 'vitest';
import { GlobBudgetSpent, globMatcher, globProblem } from '../src/core/glob.js';
import { isInside } from '../src/io/paths.js';
import { NOW, release, runMain, useProjects } from './helpers/cli.js';

/** `ignore:` globs in the config and `--ignore` keep files that are not releases out of a folder search. */

const project = useProjects();

/** A Hugo-like content folder: releases beside a README, a section `_index.md`, a draft folder and an image. */
async function archive(config?: string): Promise<string> {
  const dir = await project({
    ...(config === undefined ? {} : { 'migration-news.config.yaml': config }),
    'content/README.md': '# How to write a release\n\nCopy a file and edit it.\n',
    'content/news/_index.md': '---\ntitle: News\n---\n',
    'content/news/centre.md': release({ title: 'Centre opens' }),
    'content/news/photo.jpg': 'an image is expected beside releases and not counted',
    'content/news/2014-01-23-old.html': '---\ntitle: A Jekyll post in HTML\n---\n<p>Old</p>\n',
    'content/news/notes.TXT': 'notes',
    'content/old/drafts/broken.md': '---\ntitle: [unclosed\n---\n',
  });
  return dir;
}

interface Report { diagnostics: { file: string; ruleId: string }[] }

async function validate(dir: string, args: string[] = []) {
  const result = await runMain(['validate', 'content', '--reporter', 'json', '--now', NOW, ...args], { cwd: dir });
  return { ...result, files: [...new Set((JSON.parse(result.stdout) as Report).diagnostics.map((d) => d.file))] };
}

describe('ignore globs', () => {
  it('without them, every *.md is read as a release, and the skipped file is counted', async () => {
    const dir = await archive();
    const result = await validate(dir);
    expect(result.code).toBe(1);
    expect(result.files).toEqual(expect.arrayContaining(['content/README.md', 'content/news/_index.md', 'content/old/drafts/broken.md']));
    // A README beside the releases is named as what it likely is, with the glob that leaves it out.
    const readme = (JSON.parse(result.stdout) as { diagnostics: { file: string; hint?: string }[] }).diagnostics.find((d) => d.file === 'content/README.md');
    expect(readme?.hint).toBe('If README.md is not a release, leave it out of folder searches: `ignore: [README.md]` in the config file, or --ignore README.md.');
    expect(result.stderr).toContain('In the folders searched: skipped 2 files in other formats (1 .html, 1 .txt), since only *.md and *.markdown are releases.');
    expect(result.stderr).not.toContain('ignored');
  });

  it('leaves GitHub\'s folder out of a search of a repository\'s root, as a glob does, and says so', async () => {
    const dir = await project({
      '.github/pull_request_template.md': '## What changes\n',
      '.github/ISSUE_TEMPLATE/bug_report.md': '---\nname: Bug report\nabout: Create a report to help us improve\ntitle: ""\nlabels: bug\nassignees: ""\n---\n\n**Describe the bug**\n',
      'releases/a.md': release(),
    });
    const result = await runMain(['validate', '--now', NOW], { cwd: dir });
    // Before, its templates were read as releases, each an error.
    expect([result.code, result.stdout]).toEqual([0, 'No problems in 1 file.\n']);
    expect(result.stderr).toBe('migration-news: In the folders searched: left out a hidden file or folder (.github), as a glob does: name a hidden folder to search it.\n');
    expect((await runMain(['validate', '--ignore', '.github', '--now', NOW], { cwd: dir })).stderr).toBe('');
  });

  it('names GitHub\'s folder for an issue template named outright, whose front matter is GitHub\'s and no release\'s', async () => {
    const dir = await project({
      '.github/ISSUE_TEMPLATE/bug_report.md': '---\nname: Bug report\nabout: Create a report to help us improve\ntitle: ""\nlabels: bug\nassignees: ""\n---\n\n**Describe the bug**\n',
      '.github/ISSUE_TEMPLATE/feature.md': '---\nname: Feature request\nabout: Suggest an idea\nlabels: enhancement\n---\n\nWhat would help?\n',
      'releases/a.md': release(),
    });
    const result = await runMain(['validate', '.', '.github', '--reporter', 'json', '--now', NOW], { cwd: dir });
    expect(result.code).toBe(1);
    const found = (JSON.parse(result.stdout) as { diagnostics: { file: string; line: number; ruleId: string; message: string; hint: string | null }[] }).diagnostics;
    expect(found.map((d) => [d.file, d.line, d.ruleId, d.message, d.hint])).toEqual([
      ['.github/ISSUE_TEMPLATE/bug_report.md', 2, 'schema/required', 'The front matter has neither `date` nor `lang`, which every release has: its fields (`name`, `about`, `title`, `labels`, …) are not a release\'s.',
        'bug_report.md lies in .github, GitHub\'s folder of templates and workflows: leave it out of folder searches with `ignore: [.github]` in the config file, or --ignore .github.'],
      ['.github/ISSUE_TEMPLATE/feature.md', 2, 'schema/required', 'The front matter has neither `date` nor `lang`, which every release has: its fields (`name`, `about`, `labels`) are not a release\'s.',
        'feature.md lies in .github, GitHub\'s folder of templates and workflows: leave it out of folder searches with `ignore: [.github]` in the config file, or --ignore .github.'],
    ]);
  });

  it('config `ignore:` leaves out names at any depth and anchored folders, and says how many', async () => {
    const dir = await archive('ignore:\n  - README.md\n  - _index.md\n  - content/old/drafts\n');
    const result = await validate(dir);
    expect(result.code, result.stdout).toBe(0);
    expect(result.files).toEqual([]);
    expect(result.stderr).toContain('In the folders searched: ignored 3 files matching `ignore` globs; skipped 2 files in other formats (1 .html, 1 .txt), since only *.md and *.markdown are releases.');
    // The JSON report on stdout keeps its shape: the note is on stderr only.
    expect(JSON.parse(result.stdout)).toHaveProperty('diagnostics');
  });

  it('repeatable --ignore on validate, relative to the working folder, with glob syntax', async () => {
    const dir = await archive();
    const result = await validate(dir, ['--ignore', 'README.md', '--ignore', '**/_index.md', '--ignore', 'content/old/**']);
    expect(result.code, result.stdout).toBe(0);
    expect(result.stderr).toContain('ignored 3 files');
  });

  it('--ignore adds to the config globs', async () => {
    const dir = await archive('ignore: [README.md]\n');
    const result = await validate(dir, ['--ignore', '_index.md']);
    expect(result.code).toBe(1);
    expect(result.files).toEqual(['content/old/drafts/broken.md']);
    expect(result.stderr).toContain('ignored 2 files');
  });

  it('build leaves ignored files out of the site', async () => {
    const dir = await archive('ignore: [README.md, _index.md, drafts/]\n');
    const result = await runMain(['build', 'content', '--out', 'dist', '--format', 'json', '--now', NOW], { cwd: dir });
    expect(result.code, result.stdout + result.stderr).toBe(0);
    expect(result.stderr).toContain('ignored 3 files');
    expect(await readdir(join(dir, 'dist', 'en'))).toEqual(['centre-opens.json']);
  });

  it('build --ignore works without a config file', async () => {
    const dir = await archive();
    const result = await runMain(['build', 'content', '--out', 'dist', '--format', 'json', '--now', NOW, '--ignore', 'README.md', '--ignore', '_index.md', '--ignore', 'old'], { cwd: dir });
    expect(result.code, result.stdout + result.stderr).toBe(0);
    expect(await readdir(join(dir, 'dist', 'en'))).toEqual(['centre-opens.json']);
  });

  it('a file named on the command line is read even when a glob matches it', async () => {
    const dir = await archive('ignore: [README.md]\n');
    const result = await runMain(['validate', 'content/README.md', '--reporter', 'json', '--now', NOW], { cwd: dir });
    expect(result.code).toBe(1);
    expect(result.stderr).not.toContain('ignored');
  });

  it('a config `ignore` that is not a list of globs is a config error', async () => {
    const dir = await archive('ignore: README.md\n');
    const result = await validate(dir);
    expect(result.code).toBe(1);
    expect(result.files).toContain('migration-news.config.yaml');
  });

  it('a glob that names nothing or starts with "!" is an error at its place, in the config and on the command line, never a crash', async () => {
    const dir = await archive('ignore: ["/", "!*.md", ".//", README.md, "/!x"]\n');
    const result = await runMain(['validate', 'content', '--reporter', 'json', '--now', NOW], { cwd: dir });
    expect(result.code, result.stderr).toBe(1);
    const problems = (JSON.parse(result.stdout) as { diagnostics: { file: string; line: number; column: number; message: string }[] }).diagnostics.filter((d) => d.file === 'migration-news.config.yaml');
    expect(problems.map((d) => [d.line, d.column])).toEqual([[1, 10], [1, 15], [1, 24], [1, 42]]);
    expect(problems[0]!.message).toMatch(/names no file or folder/);
    expect(problems[1]!.message).toMatch(/cannot start with "!"/);
    for (const glob of ['/', '//', './', '!README.md', '/!x', './!x']) {
      const cli = await runMain(['validate', 'content', '--ignore', glob, '--now', NOW], { cwd: dir });
      expect(cli.code).toBe(2);
      expect(cli.stderr).toMatch(new RegExp(`--ignore ${JSON.stringify(glob).replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')} (names no file or folder|cannot start with "!")`));
      expect(cli.stderr).not.toMatch(/internal error/);
    }
  });

  it('a glob with a leading slash is anchored at its base, as in .gitignore', async () => {
    const dir = await archive('ignore: [README.md, _index.md, "*.html"]\n');
    expect((await validate(dir, ['--ignore', '/content/old'])).files).toEqual([]);
    // Anchored: a folder of that name deeper down is not its match.
    expect((await validate(dir, ['--ignore', '/old'])).files).toEqual(['content/old/drafts/broken.md']);
  });
});

describe('ignore glob matching', () => {
  it('reads *, ?, classes, braces, ** and escapes as globs do, dot files included', () => {
    const cases: [string, string, boolean][] = [
      ['*.md', 'README.md', true], ['*.md', '.hidden.md', true], ['*.md', 'a/b.md', false], ['draft-?', 'draft-1', true], ['draft-?', 'draft-12', false],
      ['[!_]*', '_index.md', false], ['[a-c]*', 'b.md', true], ['[^a-c]*', 'b.md', false], ['*.{md,markdown}', 'x.markdown', true], ['*.{md,markdown}', 'x.txt', false],
      ['{a,b{c,d}}', 'bd', true], ['drafts/**', 'drafts/a/b.md', true], ['drafts/**', 'drafts', true], ['**/old/*.md', 'x/y/old/a.md', true], ['**/old/*.md', 'old/a.md', true],
      ['a/**/b', 'a/b', true], ['a/**/b', 'a/x/y/b', true], ['a/**/b', 'a/x/y/c', false], ['\\*.md', '*.md', true], ['\\*.md', 'x.md', false], ['Фото*', 'Фото центра.md', true],
      // Classes: an escape inside, a ] first, a brace inside, a POSIX class, and an unclosed one taken as it is.
      ['[a\\-z].md', '-.md', true], ['[a\\-z].md', 'b.md', false], ['[]x].md', '].md', true], ['[{,}].md', '{.md', true], ['[[:alpha:]].md', 'é.md', true], ['[[:digit:]].md', 'a.md', false],
      ['[!].md', '[!].md', true], ['[!].md', 'x.md', false], ['file[!].md', 'fileX.md', false],
    ];
    for (const [glob, path, expected] of cases) expect(globMatcher(glob)(path), `${glob} ${path}`).toBe(expected);
    expect(globProblem('x'.repeat(257))).toMatch(/longer than 256/);
    expect(globProblem('{a,b}{c,d}{e,f}{g,h}{i,j}')).toMatch(/more than 16/);
    expect(globProblem('{a,b}{c,d}{e,f}{g,h}')).toBeUndefined();
  });

  it('never backtracks: a glob of many stars over a long name, and many globs over deep paths, in seconds', async () => {
    const started = performance.now();
    expect(globMatcher('*a*a*a*a*a*a*a*a*a*a*a*a*b')(`${'a'.repeat(200)}.md`)).toBe(false);
    expect(performance.now() - started).toBeLessThan(1_000);
    const dir = await project({
      'migration-news.config.yaml': `ignore: ["*a*a*a*a*a*a*a*a*a*a*a*a*b", ${Array.from({ length: 49 }, (_, i) => `"x${i}-*-*-*"`).join(', ')}]\n`,
      [`releases/${'a'.repeat(60)}.md`]: release(),
    });
    const result = await runMain(['validate', 'releases', '--now', NOW], { cwd: dir });
    expect(result.code, result.stdout).toBe(0);
    expect(performance.now() - started).toBeLessThan(10_000);
    const over = await project({ 'migration-news.config.yaml': `ignore: [${Array.from({ length: 201 }, (_, i) => `"x${i}"`).join(', ')}]\n`, 'releases/a.md': release() });
    expect((await runMain(['validate', 'releases', '--now', NOW], { cwd: over })).code).toBe(1);
    // Fifty long globs, each spread sixteen ways, over a path of long folder names.
    const heavy = `'**/*{a,b}{a,b}{a,b}{a,b}${'a'.repeat(200)}c'`;
    const deep = Array.from({ length: 8 }, () => 'a'.repeat(200)).join('/');
    const slow = await project({ 'migration-news.config.yaml': `ignore:\n${`  - ${heavy}\n`.repeat(50)}`, [`${deep}/x.md`]: release() });
    const spent = performance.now();
    // Before: 30 s for one file, each glob matched against every folder of the path.
    expect((await runMain(['validate', '.', '--now', NOW], { cwd: slow })).code).toBe(0);
    expect(performance.now() - spent).toBeLessThan(10_000);
    // Past its budget, a run's matching stops.
    expect(() => globMatcher('*a*b', { steps: 100 })('a'.repeat(200))).toThrow(GlobBudgetSpent);
  });
});

describe('the config\'s languages', () => {
  it('are each listed once, whatever their case', async () => {
    const dir = await project({ 'migration-news.config.yaml': 'languages: [en, az, EN]\n', 'r/a.md': release() });
    const result = await runMain(['build', 'r', '--out', 'out', '--now', NOW], { cwd: dir });
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/migration-news\.config\.yaml\n\s+1:12\s+error\s+`languages` lists a language more than once/);
    expect(result.stdout).not.toMatch(/output\/write/);
  });
});

describe('isInside', () => {
  /** What `path.relative` says, which the quick comparison of plain absolute paths must agree with. */
  const byRelative = (child: string, parent: string) => {
    const rel = relative(parent, child);
    return rel === '' || (rel !== '..' && !rel.startsWith(`..${sep}`) && !isAbsolute(rel));
  };

  it('answers as path.relative does, for plain paths and for paths with dot segments, doubled or trailing slashes', () => {
    const cases: [string, string, boolean][] = [
      ['/a/b', '/a', true], ['/a', '/a', true], ['/ab', '/a', false], ['/a/..b', '/a', true], ['/a/b', '/', true], ['/', '/a', false],
      ['/a/../b', '/a', false], ['/a/./b', '/a', true], ['/a//b', '/a', true], ['/a/b/', '/a/b', true], ['/a', '/a/', true], ['/a/.', '/a', true],
    ];
    for (const [child, parent, inside] of cases) {
      expect(byRelative(child, parent), `${child} in ${parent}`).toBe(inside);
      expect(isInside(child, parent), `${child} in ${parent}`).toBe(inside);
    }
    const segment = fc.constantFrom('', '.', '..', 'a', 'b', 'ab', '..a', 'a.', '.a', 'ü', '...');
    const path = fc.tuple(fc.array(segment, { maxLength: 4 }), fc.boolean()).map(([segments, slash]) => `/${segments.join('/')}${slash ? '/' : ''}`);
    fc.assert(fc.property(path, path, (child, parent) => isInside(child, parent) === byRelative(child, parent)), { numRuns: 5000 });
  });
});

describe('editors\' lock files', () => {
  // Emacs marks a file being edited with a link beside it, .#name.md, to user@host.pid: a link to nothing, which a search took for a release that cannot be read, an error in validate, build and the preview for as long as the buffer was unsaved.
  it('are not releases: a search passes over .#name.md, a link or a file', async () => {
    const { symlink, writeFile } = await import('node:fs/promises');
    const dir = await project({ 'content/a.md': release(), 'content/b.md': release({ title: 'Another one' }) });
    await symlink('editor@press-box.4242:1764000000', join(dir, 'content/.#a.md'));
    await writeFile(join(dir, 'content/.#b.md'), 'editor@press-box.4242');
    const result = await validate(dir);
    expect(result.files).toEqual([]);
    expect([result.code, result.stderr]).toEqual([0, '']);
    const build = await runMain(['build', 'content', '--out', join(dir, 'out'), '--now', NOW], { cwd: dir });
    expect(build.code, build.stdout).toBe(0);
  });
});

describe('hidden files and folders', () => {
  // A notes app's trash (Obsidian's `.trash/`), the binary copy of a file's attributes macOS writes beside it on a shared drive
  // (`._a.md`) and an editor's swap file were read as releases: the deleted one came back, and the others failed the build.
  it('are left out of a folder search, as a glob leaves them out; a hidden folder named outright is searched', async () => {
    const { mkdir, writeFile } = await import('node:fs/promises');
    const dir = await project({ 'content/a.md': release(), 'content/.trash/a.md': release(), 'content/.drafts/b.md': release({ title: 'Another one' }) });
    await writeFile(join(dir, 'content/._a.md'), Buffer.from([0, 5, 22, 7, 0, 2, 0, 0, 0x4d, 0x61, 0x63]));
    await mkdir(join(dir, 'content/.obsidian'));
    await writeFile(join(dir, 'content/.a.md.swp.md'), release());
    // `.obsidian`, which holds no release, is not named.
    const note = 'migration-news: In the folders searched: left out 4 hidden files and folders (content/._a.md, content/.a.md.swp.md, content/.drafts and 1 more), as a glob does: name a hidden folder to search it.\n';
    const searched = await validate(dir);
    expect([searched.code, searched.files, searched.stderr]).toEqual([0, [], note]);
    // Before, the deleted release in the trash was a duplicate of the one kept, and the others could not be read.
    expect((await runMain(['validate', 'content', '--now', NOW], { cwd: dir })).stdout).toBe('No problems in 1 file.\n');
    expect((await runMain(['validate', 'content/**/*.md', '--now', NOW], { cwd: dir })).stdout).toBe('No problems in 1 file.\n');
    const named = await runMain(['validate', 'content/.drafts', '--now', NOW], { cwd: dir });
    expect([named.code, named.stdout, named.stderr]).toEqual([0, 'No problems in 1 file.\n', '']);
    const build = await runMain(['build', 'content', '--out', join(dir, 'out'), '--now', NOW], { cwd: dir });
    expect(build.code, build.stdout).toBe(0);
    expect(build.stdout).toContain('Built 1 release,');
    expect(build.stderr).toContain(note);
  });
});

describe('symbolic links to folders', () => {
  // A search follows no link to a folder: a language kept elsewhere (en -> ../shared/en) had its releases left out without a word,
  // and a rebuild removed every page they had, said only to be "not among this build's inputs".
  it('are named when a search does not follow them, unless ignored or leading into a folder searched', async () => {
    const { mkdir, rename, symlink } = await import('node:fs/promises');
    const dir = await project({ 'content/az/a.md': release({ lang: 'az', title: 'Mərkəz açılır' }), 'content/en/b.md': release({ title: 'Centre opens' }), 'shared/keep.txt': 'the shared folder' });
    const out = join(dir, 'out');
    expect((await runMain(['build', 'content', '--out', out, '--now', NOW], { cwd: dir })).code).toBe(0);
    // The English folder moved out of the project and linked back: the release is not read.
    await rename(join(dir, 'content/en'), join(dir, 'shared/en'));
    await symlink('../shared/en', join(dir, 'content/en'));
    const note = 'In the folders searched: did not follow a symbolic link (content/en), since a search follows none to a folder: name the folder it leads to, to read the releases there.';
    const checked = await validate(dir);
    expect(checked.stderr).toContain(note);
    const rebuilt = await runMain(['build', 'content', '--out', out, '--now', NOW], { cwd: dir });
    expect(rebuilt.code).toBe(0);
    expect(rebuilt.stderr).toContain(note);
    expect(rebuilt.stdout + rebuilt.stderr).toContain('removed en/centre-opens.html');
    // Named on the command line, its releases are read, and the link is no longer left out.
    const named = await runMain(['build', 'content', 'shared/en', '--out', out, '--now', NOW], { cwd: dir });
    expect(named.code, named.stdout + named.stderr).toBe(0);
    expect(named.stderr).not.toContain('did not follow');
    // One that leads into a folder searched, or is ignored, leaves nothing out: nothing is said.
    await mkdir(join(dir, 'content/archive'));
    await symlink('../az', join(dir, 'content/archive/current'));
    expect((await validate(dir, ['--ignore', 'en'])).stderr).toBe('');
    // A link to a file, whose name has an extension, is not a folder's.
    await symlink('../shared/keep.txt', join(dir, 'content/keep.txt'));
    expect((await validate(dir, ['--ignore', 'en'])).stderr).toBe('');
  });
});
