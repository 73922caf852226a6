import { spawn } from 'node:child_process';
import { readdir, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BIN, NOW, fixture, removeFixture, runMain } from './helpers/cli.js';
import { releaseOutputs } from './helpers/site-files.js';
import { hashTree, listTree } from './helpers/hostile.js';

/**
 * A build killed with SIGKILL part-way never leaves a half-written or
 * temporary file in the output folder: every file there is either the
 * previous complete output or the new complete one, and the next build
 * finishes the job and clears the staging folder the killed one left.
 */

// Enough files that the build is still running when the checks below see it start a phase, and no more.
const RELEASES = 300;
// HTML alone: every format's pages are written and put in place the same way, and two more would only lengthen each build.
const build = (out = 'out') => ['build', 'r', '--out', out, '--format', 'html', '--now', NOW];
const LANGUAGES = ['en', 'az', 'ru'];

function releaseText(i: number, edition: string): string {
  return `---\ntitle: Release number ${i}\ndate: 2026-05-14\nlang: ${LANGUAGES[i % 3]}\nstatus: published\n---\n`
    + `The State Migration Service announced measure ${i} today (${edition}).\n\nA second paragraph with *emphasis* and a [link](https://example.az/${i}).\n`;
}

async function writeReleases(dir: string, edition: string): Promise<void> {
  for (let i = 0; i < RELEASES; i++) await writeFile(join(dir, 'r', `release-${i}.md`), releaseText(i, edition));
}

const isStaging = (name: string) => name.startsWith('.out.migration-news-staging-');

/** Starts a build of `r` into `out` and SIGKILLs it once `ready()` says so; resolves with how it ended. */
async function killDuring(dir: string, ready: () => Promise<boolean>): Promise<{ signal: NodeJS.Signals | null; code: number | null }> {
  const child = spawn(process.execPath, [BIN, ...build()], { cwd: dir, stdio: 'ignore' });
  const ended = new Promise<{ signal: NodeJS.Signals | null; code: number | null }>((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
  let finished = false;
  void ended.then(() => (finished = true));
  while (!finished && !(await ready())) await sleep(2);
  child.kill('SIGKILL');
  return ended;
}

describe('a build killed part-way', () => {
  let dir: string;
  let previous: Record<string, string>;
  let next: Record<string, string>;
  const REMOVED = 30;

  beforeAll(async () => {
    dir = await fixture({ 'r/.keep': '' });
    await writeReleases(dir, 'first edition');
    const first = await runMain(build(), { cwd: dir });
    expect(first.code, first.stdout).toBe(0);
    previous = await hashTree(join(dir, 'out'));
    expect(releaseOutputs(Object.keys(previous))).toHaveLength(RELEASES);
    await nextEdition('second edition');
  }, 120_000);
  afterAll(() => removeFixture(dir));

  /** The next edition changes every release and deletes some: the build that follows both writes and removes. `next` is what it writes. */
  async function nextEdition(edition: string): Promise<void> {
    await writeReleases(dir, edition);
    for (let i = 0; i < REMOVED; i++) await rm(join(dir, 'r', `release-${i}.md`));
    const expected = await runMain(build('expected'), { cwd: dir });
    expect(expected.code).toBe(0);
    next = await hashTree(join(dir, 'expected'));
    expect(releaseOutputs(Object.keys(next))).toHaveLength(RELEASES - REMOVED);
    for (const file of releaseOutputs(Object.keys(next))) expect(next[file], file).not.toBe(previous[file]);
  }

  /**
   * The output folder is exactly the previous complete output or exactly the
   * new one (files written and files removed alike), never a mix, and holds
   * no temporary file. A build killed between the two renames of the swap
   * leaves the previous folder beside its place; then that is what is checked.
   */
  async function outputState(): Promise<'previous' | 'next'> {
    let folder = join(dir, 'out');
    if (!(await stat(folder).catch(() => undefined))) {
      const aside = (await readdir(dir)).filter((n) => n.startsWith('.out.migration-news-previous-'));
      expect(aside).toHaveLength(1);
      folder = join(dir, aside[0]!);
    }
    const now = await hashTree(folder);
    expect((await listTree(folder)).filter((f) => /tmp|staging|previous/.test(f))).toEqual([]);
    if (JSON.stringify(now) === JSON.stringify(previous)) return 'previous';
    expect(now).toEqual(next);
    return 'next';
  }

  it('leaves the previous output whole when killed while rendering', async () => {
    const result = await killDuring(dir, async () => (await readdir(dir)).some(isStaging));
    expect(result.signal).toBe('SIGKILL');
    expect(await outputState()).toBe('previous');
    // The killed build's staging folder is beside the output, not in it.
    expect((await readdir(dir)).filter(isStaging)).toHaveLength(1);
  }, 120_000);

  it('leaves the old or the new output whole, never a mix, when killed while putting it in place', async () => {
    const sample = Object.keys(previous).filter((_, i) => i % 90 === 0).map((f) => join(dir, 'out', f));
    const inodes = new Map<string, number | undefined>(await Promise.all(sample.map(async (f) => [f, (await stat(f)).ino] as const)));
    const moved = async () => {
      for (const file of sample) if ((await stat(file).catch(() => undefined))?.ino !== inodes.get(file)) return true;
      return false;
    };
    // On a busy machine the build may put everything in place before the kill lands: the output is then the next edition, whole,
    // and the try is made again with an edition after it.
    for (let attempt = 1; ; attempt++) {
      const result = await killDuring(dir, moved);
      if (result.signal === 'SIGKILL') break;
      expect(result.code).toBe(0);
      expect(await outputState()).toBe('next');
      expect(attempt, 'the build always finished before it was killed').toBeLessThan(3);
      previous = next;
      for (const file of sample) inodes.set(file, (await stat(file).catch(() => undefined))?.ino);
      await nextEdition(`edition ${attempt + 2}`);
    }
    expect(['previous', 'next']).toContain(await outputState());
  }, 120_000);

  it('is finished by the next build, which also removes what killed builds left beside the output', async () => {
    const result = await runMain(build(), { cwd: dir });
    expect(result.code, result.stdout).toBe(0);
    expect(await outputState()).toBe('next');
    expect((await readdir(dir)).sort()).toEqual(['expected', 'out', 'r']);
  }, 120_000);
});
