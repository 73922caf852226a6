import { delimiter, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findChromium } from './helpers/browser.js';
import { useProjects } from './helpers/cli.js';
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
