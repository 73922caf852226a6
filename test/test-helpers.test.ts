import { readdirSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findChromium } from './helpers/browser.js';
import { NOW, release, runCli, testCacheHome, useProjects } from './helpers/cli.js';
import { isCi } from './helpers/tools.js';

/** The helpers that decide whether optional tests run: a wrong answer would hide a whole class of checks. */

const project = useProjects();

describe('finding Chromium', () => {
  it('takes MIGRATION_NEWS_CHROMIUM when it names a file, and nothing else when it names none', async () => {
    const dir = await project({ 'my-chrome': '', 'bin/chromium': '' });
    expect(findChromium({ MIGRATION_NEWS_CHROMIUM: join(dir, 'my-chrome'), PATH: join(dir, 'bin') })).toBe(join(dir, 'my-chrome'));
    expect(findChromium({ MIGRATION_NEWS_CHROMIUM: join(dir, 'nowhere'), PATH: join(dir, 'bin') })).toBeUndefined();
  });

  it('prefers chromium to the other names, and takes the first on the PATH', async () => {
    const dir = await project({ 'a/google-chrome': '', 'b/chromium': '', 'c/chromium': '' });
    const path = (...folders: string[]) => folders.map((f) => join(dir, f)).join(delimiter);
    expect(findChromium({ PATH: path('a', 'b') })).toBe(join(dir, 'b/chromium'));
    expect(findChromium({ PATH: path('c', 'b') })).toBe(join(dir, 'c/chromium'));
  });
});

describe('CI', () => {
  it('is set by any value but an empty one, 0 or false', () => {
    expect(['1', 'true', 'yes'].map((CI) => isCi({ CI }))).toEqual([true, true, true]);
    expect(['', '0', 'false', 'FALSE'].map((CI) => isCi({ CI }))).toEqual([false, false, false, false]);
    expect(isCi({})).toBe(false);
  });
});

describe('builds run as subprocesses', () => {
  it("keep their build record in the test file's own cache folder, not in the user's", async () => {
    const dir = await project({ 'r/a.md': release() });
    const result = await runCli(['build', 'r', '--out', 'out', '--now', NOW], { cwd: dir });
    expect(result.code, result.stderr).toBe(0);
    expect(testCacheHome().startsWith(join(dir, '..'))).toBe(true);
    expect(readdirSync(join(testCacheHome(), 'migration-news')).filter((name) => name.endsWith('.json'))).toHaveLength(1);
  });
});
