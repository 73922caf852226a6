import { appendFileSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { availableParallelism } from 'node:os';
import { buildProject, type BuildResult } from '../src/app/build.js';
import { idleThreadCount, startThreadsAhead, stopThreadsAhead, threadScript } from '../src/app/pool.js';
import { NOW, release, useProjects } from './helpers/cli.js';

/*
 * A build with no record of an earlier one reads and checks every file: it
 * starts the threads that will check them before it reads its template set,
 * so that they load their code meanwhile. The hook the binary passes to
 * main() runs just before threads start (bin/compiler-tuning.js); here it
 * changes the set's text template, so the pages show whether the set was
 * read after the threads started. The builds are the build main() runs,
 * with a thread for as little as a release: that main() passes the hook on,
 * and starts threads for 400 releases when `--jobs 2` asks for them, is
 * test/bin-compiler.test.ts's, on the binary.
 */

const TEMPLATE = '{{ release.title }}\n';

/** 64 releases, two batches of the check (BATCH_SIZE in src/app/pool.ts), one for each thread, and the set `house`. */
function archive(): Record<string, string> {
  const files: Record<string, string> = {
    'migration-news.config.yaml': 'organisation:\n  name: State Migration Service\n',
    'templates/house/template.yaml': 'name: house\nextends: default\n',
    'templates/house/release.txt.liquid': TEMPLATE,
  };
  for (let i = 0; i < 64; i++) files[`releases/r-${String(i).padStart(3, '0')}.md`] = release({ id: `release-${i}`, slug: `release-${i}`, title: `"Residence permits update ${i}"` });
  return files;
}

describe('threads started ahead', () => {
  const project = useProjects();

  /** Builds the text pages with the set `house` on two threads, running `started` where the binary tunes its compiler. */
  function build(dir: string, started: () => void, template = 'house'): Promise<BuildResult> {
    return buildProject({
      cwd: dir, paths: ['releases'], out: 'dist', formats: ['text'], template, keepGoing: false, now: Date.parse(NOW), cacheDir: join(dir, '.cache'),
      jobs: 2, minReleasesPerThread: 1, beforeThreads: started,
    });
  }

  /** The files a build's errors are in: none for a build that succeeds. */
  const errors = (result: BuildResult) => result.diagnostics.filter((d) => d.severity === 'error').map((d) => d.file);

  it('start before the template set is read when nothing is recorded, and when the check starts when a record is', async () => {
    const dir = await project(archive());
    const template = join(dir, 'templates/house/release.txt.liquid');
    let started = 0;
    const changeTemplate = () => {
      started++;
      appendFileSync(template, 'Read after the threads started.\n');
    };
    const page = () => readFile(join(dir, 'dist/en/release-7.txt'), 'utf8');
    const first = await build(dir, changeTemplate);
    expect([errors(first), first.committed, first.threads]).toEqual([[], true, 2]);
    expect(started).toBe(1);
    expect(await page()).toContain('Read after the threads started.');
    // The template as it was: a set unlike the recorded one, so every file is checked again, on threads started when the check starts.
    await writeFile(template, TEMPLATE);
    const second = await build(dir, changeTemplate);
    expect([errors(second), second.committed, second.threads]).toEqual([[], true, 2]);
    expect(started).toBe(2);
    expect(await page()).toBe('Residence permits update 7\n');
  });

  it('are stopped when the build ends before it checks a file', async () => {
    const dir = await project({ ...archive(), 'templates/broken/template.yaml': 'name: broken\nformats: [text\n' });
    const idle = idleThreadCount(threadScript());
    let started = 0;
    const result = await build(dir, () => void started++, 'broken');
    expect(result.committed).toBe(false);
    expect(errors(result)).toEqual([expect.stringContaining('template.yaml')]);
    expect(started).toBe(1);
    expect(idleThreadCount(threadScript())).toBe(idle);
  });

  it('wait no more than one a core, count those already waiting, and tune the compiler only when one starts', () => {
    const script = threadScript();
    const cores = availableParallelism();
    const idle = idleThreadCount(script);
    let tuned = 0;
    // Two more threads asked for than there are cores, one release a thread: the pool starts any beyond the cores itself.
    const started = startThreadsAhead(script, 1000, cores + 2, 1, () => void tuned++);
    try {
      expect(started).toHaveLength(Math.max(0, cores - idle));
      expect(idleThreadCount(script)).toBe(Math.max(idle, cores));
      expect(tuned).toBe(started.length > 0 ? 1 : 0);
      // Asked again, with as many waiting as it may keep: none starts, and the compiler is left as it is.
      expect(startThreadsAhead(script, 1000, cores + 2, 1, () => void tuned++)).toEqual([]);
      expect(tuned).toBe(started.length > 0 ? 1 : 0);
    } finally {
      stopThreadsAhead(script, started);
    }
    expect(idleThreadCount(script)).toBe(idle);
  });
});
