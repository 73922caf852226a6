import { appendFileSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { availableParallelism } from 'node:os';
import { idleThreadCount, startThreadsAhead, stopThreadsAhead, threadScript } from '../src/app/pool.js';
import { main } from '../src/cli/main.js';
import { NOW, release, useProjects } from './helpers/cli.js';

/*
 * A build with no record of an earlier one reads and checks every file: it
 * starts the threads that will check them before it reads its template set,
 * so that they load their code meanwhile. The hook the binary passes to
 * main() runs just before threads start (bin/compiler-tuning.js); here it
 * changes the set's text template, so the pages show whether the set was
 * read after the threads started.
 */

const TEMPLATE = '{{ release.title }}\n';

/** 400 releases, enough for two threads when `--jobs 2` asks for them (200 a thread: threadsFor in src/app/pool.ts), and the set `house`. */
function archive(): Record<string, string> {
  const files: Record<string, string> = {
    'migration-news.config.yaml': 'organisation:\n  name: State Migration Service\n',
    'templates/house/template.yaml': 'name: house\nextends: default\n',
    'templates/house/release.txt.liquid': TEMPLATE,
  };
  for (let i = 0; i < 400; i++) files[`releases/r-${String(i).padStart(3, '0')}.md`] = release({ id: `release-${i}`, slug: `release-${i}`, title: `"Residence permits update ${i}"` });
  return files;
}

describe('threads started ahead', () => {
  const project = useProjects();

  /** Builds the text pages with the set `house` on two threads, running `started` where the binary tunes its compiler. */
  async function build(dir: string, started: () => void, template = 'house'): Promise<{ code: number; output: string }> {
    let output = '';
    const code = await main(['build', 'releases', '--out', 'dist', '--format', 'text', '--template', template, '--jobs', '2', '--now', NOW], {
      cwd: dir, env: { NO_COLOR: '1', XDG_CACHE_HOME: join(dir, '.cache') }, stdout: { write: (s: string) => (output += s) }, stderr: { write: (s: string) => (output += s) },
      readStdin: async () => new Uint8Array(), isTTY: false, beforeThreads: started,
    });
    return { code, output };
  }

  it('start before the template set is read when nothing is recorded, and when the check starts when a record is', async () => {
    const dir = await project(archive());
    const template = join(dir, 'templates/house/release.txt.liquid');
    let started = 0;
    const changeTemplate = () => {
      started++;
      appendFileSync(template, 'Read after the threads started.\n');
    };
    const page = () => readFile(join(dir, 'dist/en/release-7.txt'), 'utf8');
    expect((await build(dir, changeTemplate)).code).toBe(0);
    expect(started).toBe(1);
    expect(await page()).toContain('Read after the threads started.');
    // The template as it was: a set unlike the recorded one, so every file is checked again, on threads started when the check starts.
    await writeFile(template, TEMPLATE);
    expect((await build(dir, changeTemplate)).code).toBe(0);
    expect(started).toBe(2);
    expect(await page()).toBe('Residence permits update 7\n');
  });

  it('are stopped when the build ends before it checks a file', async () => {
    const dir = await project({ ...archive(), 'templates/broken/template.yaml': 'name: broken\nformats: [text\n' });
    const idle = idleThreadCount(threadScript());
    let started = 0;
    const result = await build(dir, () => void started++, 'broken');
    expect(result.code).toBe(1);
    expect(result.output).toContain('template.yaml');
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
