import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
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
    expect(result.stderr).toContain('In the folders searched: skipped 2 files in other formats (1 .html, 1 .txt), since only *.md and *.markdown are releases.');
    expect(result.stderr).not.toContain('ignored');
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
});
