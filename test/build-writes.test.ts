import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { availableParallelism } from 'node:os';
import { describe, expect, it, vi } from 'vitest';
import { checkOne } from '../src/app/check.js';
import { KeptBodies, renderItem, type RenderItem } from '../src/app/parallel.js';
import { idleThreadCount, WorkerPool } from '../src/app/pool.js';
import { ReleaseRendering } from '../src/app/render.js';
import { DEFAULT_CONFIG } from '../src/io/config.js';
import { loadTemplateSet } from '../src/io/template-sets.js';
import { NOW, release, ROOT, useProjects } from './helpers/cli.js';
import { poolWorker } from './helpers/pool-workers.js';

const now = Date.parse(NOW);

describe('writing rendered releases', () => {
  const project = useProjects();

  it('confirms each output once it is written, and reports the first one that could not be written', async () => {
    const dir = await project({
      'a.md': release({ slug: 'first' }),
      'b.md': release({ slug: 'second' }),
      'c.md': release({ slug: 'third' }),
      // A file where the second release's folder would be: its pages cannot be written.
      'staging/blocked': 'a file, not a folder\n',
    });
    const loaded = await loadTemplateSet('default', { cwd: ROOT });
    if (!loaded.ok) throw new Error('the default set did not load');
    const rendering = new ReleaseRendering({ set: loaded.set, config: DEFAULT_CONFIG, now, formats: ['html', 'text'] });
    const items: RenderItem[] = ['a', 'b', 'c'].map((name) => {
      const checked = checkOne({ path: join(dir, `${name}.md`), display: `${name}.md` }, { config: DEFAULT_CONFIG, now }).checked!;
      // The second release's staging folder is that file.
      const staging = name === 'b' ? join(dir, 'staging', 'blocked') : join(dir, 'staging');
      const slug = checked.release.slug;
      return { item: checked, translations: [], staging, reserved: [`en/${slug}.html`, `en/${slug}.txt`] };
    });
    const outcomes = items.map((item) => renderItem(item, rendering));
    expect(outcomes.map((o) => o.written)).toEqual([['en/first.html', 'en/first.txt'], [], ['en/third.html', 'en/third.txt']]);
    expect(outcomes[1]).toMatchObject({ ok: false, writeError: { path: 'en/second.html', message: expect.stringMatching(/cannot write "en\/second\.html" to the staging folder .*\((EEXIST: something is already there|ENOTDIR: a file is where a folder should be)\)/) } });
    expect(outcomes[0]!.ok && outcomes[2]!.ok).toBe(true);
    // A confirmed output is whole.
    expect(readFileSync(join(dir, 'staging', 'en', 'third.txt'), 'utf8')).toMatch(/Service opens new residence permit centre/);
  });

  it('writes no output that was not claimed in the staging folder', async () => {
    const dir = await project({ 'a.md': release({ slug: 'first' }) });
    const loaded = await loadTemplateSet('default', { cwd: ROOT });
    if (!loaded.ok) throw new Error('the default set did not load');
    const rendering = new ReleaseRendering({ set: loaded.set, config: DEFAULT_CONFIG, now, formats: ['html', 'text'] });
    const checked = checkOne({ path: join(dir, 'a.md'), display: 'a.md' }, { config: DEFAULT_CONFIG, now }).checked!;
    const outcome = renderItem({ item: checked, translations: [], staging: join(dir, 'staging'), reserved: ['en/first.html'] }, rendering);
    expect(outcome).toMatchObject({ ok: false, written: ['en/first.html'], writeError: { path: 'en/first.txt', message: 'en/first.txt was not reserved in the staging folder' } });
    expect(existsSync(join(dir, 'staging', 'en', 'first.txt'))).toBe(false);
  });
});

describe('the thread pool', () => {
  const project = useProjects();

  it('lets the tasks a thread was given end before it stops the threads, and drops tasks not given out', async () => {
    const dir = await project({});
    const pool = new WorkerPool(poolWorker('slow-task-worker'), undefined, 1);
    // A thread is given two tasks at once (the next waits in its queue); the third waits in the pool.
    const run = async (name: string, waitMs: number) => (await pool.runOn<string>({ path: join(dir, name), waitMs })).result;
    const given = ['one', 'two'].map((name) => run(name, 300));
    const waiting = run('three', 0);
    waiting.catch(() => undefined);
    await new Promise((resolve) => setTimeout(resolve, 50));
    await pool.close();
    expect(existsSync(join(dir, 'one')) && existsSync(join(dir, 'two'))).toBe(true);
    await expect(Promise.all(given)).resolves.toEqual([join(dir, 'one'), join(dir, 'two')]);
    await expect(waiting).rejects.toThrow(/stopped/);
    expect(existsSync(join(dir, 'three'))).toBe(false);
    await pool.close();
  });

  it('hands every result back in task order, whichever thread ends first', async () => {
    const dir = await project({});
    const pool = new WorkerPool(poolWorker('slow-task-worker'), undefined, 2);
    const tasks = Array.from({ length: 12 }, (_, i) => ({ path: join(dir, `task-${i}`), waitMs: i % 3 === 0 ? 60 : 0 }));
    const seen: [number, string][] = [];
    await pool.runAll<(typeof tasks)[number], string>(tasks, (task) => task, (result, index) => {
      seen.push([index, result]);
    });
    await pool.close();
    expect(seen).toEqual(tasks.map((task, i) => [i, task.path]));
    expect(tasks.every((t) => existsSync(t.path))).toBe(true);
  });

  it('keeps the threads of a pool that did all it was given for the next pool of the same script, when asked to, which gives them its own data', async () => {
    const script = poolWorker('run-data-worker');
    type Answer = { thread: number; data: unknown; answered: number };
    const runAll = async (pool: WorkerPool, tasks: number) => (await Promise.all(Array.from({ length: tasks }, (_, i) => pool.runOn<Answer>({}, i % 2)))).map((r) => r.result);
    const first = new WorkerPool(script, 'first run', 2);
    const before = await runAll(first, 4);
    await first.close(true);
    const second = new WorkerPool(script, 'second run', 2);
    const after = await runAll(second, 4);
    await second.close();
    expect(new Set(after.map((a) => a.thread))).toEqual(new Set(before.map((a) => a.thread)));
    expect(new Set(before.map((a) => a.thread)).size).toBe(2);
    // Closed without `keep` (a one-shot command's build), the threads are stopped, their memory given back: the next pool starts its own.
    const third = new WorkerPool(script, 'third run', 2);
    const later = await runAll(third, 2);
    await third.close();
    expect(later.filter((a) => after.some((b) => b.thread === a.thread))).toEqual([]);
    // Each run's tasks see that run's data, through a handler made for it: nothing the first run's handler counted.
    expect(before.map((a) => a.data)).toEqual(Array(4).fill('first run'));
    expect(after.map((a) => a.data)).toEqual(Array(4).fill('second run'));
    expect(after.map((a) => a.answered).sort()).toEqual([1, 1, 2, 2]);
  });

  it('keeps at most one thread per core, and stops those left unused for a minute', async () => {
    const script = poolWorker('run-data-worker');
    const size = availableParallelism() + 1;
    const pool = new WorkerPool(script, 'a wide run', size);
    await Promise.all(Array.from({ length: size }, (_, i) => pool.runOn({}, i)));
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    try {
      await pool.close(true);
      expect(idleThreadCount(script)).toBe(availableParallelism());
      vi.advanceTimersByTime(59_000);
      expect(idleThreadCount(script)).toBe(availableParallelism());
      vi.advanceTimersByTime(1_000);
      expect(idleThreadCount(script)).toBe(0);
    } finally {
      vi.useRealTimers();
    }
  });

  it('stops the threads of a pool one of whose threads failed, and starts new ones for the next', async () => {
    const script = poolWorker('run-data-worker');
    const failing = new WorkerPool(script, 'failing run', 2);
    const threads = (await Promise.all([0, 1].map((i) => failing.runOn<{ thread: number }>({}, i)))).map((r) => r.result.thread);
    await expect(failing.runOn({ exit: 3 }, 0)).rejects.toThrow(/exit code 3/);
    await failing.close(true);
    const next = new WorkerPool(script, 'next run', 2);
    const fresh = (await Promise.all([0, 1].map((i) => next.runOn<{ thread: number }>({}, i)))).map((r) => r.result.thread);
    await next.close();
    expect(fresh.filter((thread) => threads.includes(thread))).toEqual([]);
  });

  it('stops the threads of a failed pool without an error of theirs escaping, however late it comes', async () => {
    const script = poolWorker('run-data-worker');
    const failing = join(await project({}), 'failing');
    const pool = new WorkerPool(script, 'crashing run', 2);
    const first = pool.runOn({ crashMs: 10 }, 0);
    const second = pool.runOn({ crashMs: 200, failing }, 1);
    second.catch(() => undefined);
    await expect(first).rejects.toThrow(/failed after 10 ms/);
    // The caller is busy before it closes the pool: the other thread fails meanwhile, its error waiting to be told. Busy until
    // that thread has said it is failing, and a little after, for its error to come (a wait of 600 ms burnt a core for that long).
    const limit = Date.now() + 10_000;
    while (!existsSync(failing) && Date.now() < limit) { /* busy */ }
    expect(existsSync(failing)).toBe(true);
    const until = Date.now() + 50;
    while (Date.now() < until) { /* busy */ }
    const escaped: unknown[] = [];
    const listener = (error: unknown) => escaped.push(error);
    process.on('uncaughtException', listener);
    try {
      await pool.close(true);
      await new Promise((resolve) => setTimeout(resolve, 200));
    } finally {
      process.off('uncaughtException', listener);
    }
    expect(escaped).toEqual([]);
  });

  it('runs a task on the thread it prefers while that thread has room, and on an idle one when it has none', async () => {
    const dir = await project({});
    const pool = new WorkerPool(poolWorker('slow-task-worker'), undefined, 2);
    // One at a time, both threads idle: each task runs where it asks to, the second thread too.
    for (const prefer of [1, 0, 1, 1]) expect((await pool.runOn({ path: join(dir, `p-${prefer}`), waitMs: 0 }, prefer)).thread).toBe(prefer);
    // The first thread full (two long tasks): a task that prefers it runs on the idle second one rather than wait.
    const long = [0, 1].map((i) => pool.runOn({ path: join(dir, `long-${i}`), waitMs: 400 }, 0));
    const stolen = await pool.runOn({ path: join(dir, 'stolen'), waitMs: 0 }, 0);
    expect(stolen.thread).toBe(1);
    expect((await Promise.all(long)).map((r) => r.thread)).toEqual([0, 0]);
    await pool.close();
  });
});

describe('bodies kept between check and render', () => {
  const body = { tokens: [] };
  const source = { path: '/r/a.md', size: 100, mtimeMs: 5, bodyStart: 40 };

  it('are given once, for the same bytes only', () => {
    const kept = new KeptBodies(1000);
    kept.keep(source, body, 60);
    expect(kept.take({ ...source, mtimeMs: 6 })).toBeUndefined();
    // A body asked for with other stamps is forgotten, not kept for later.
    expect(kept.take(source)).toBeUndefined();
    kept.keep(source, body, 60);
    expect(kept.take(source)).toBe(body);
    expect(kept.take(source)).toBeUndefined();
  });

  it('are kept only while all of them fit the budget: past it, none is kept', () => {
    const kept = new KeptBodies(100);
    kept.keep(source, body, 40);
    kept.keep({ ...source, path: '/r/b.md' }, body, 40);
    expect(kept.take(source)).toBe(body);
    // A body given back frees its share.
    kept.keep(source, body, 40);
    expect(kept.take(source)).toBe(body);
    kept.keep({ ...source, path: '/r/c.md' }, body, 40);
    kept.keep({ ...source, path: '/r/d.md' }, body, 40);
    expect(kept.take({ ...source, path: '/r/b.md' })).toBeUndefined();
    expect(kept.take({ ...source, path: '/r/c.md' })).toBeUndefined();
    kept.keep({ ...source, path: '/r/e.md' }, body, 1);
    expect(kept.take({ ...source, path: '/r/e.md' })).toBeUndefined();
  });

  it('are not kept at all once the first batch says that the thread\'s share would not fit', () => {
    const at = (i: number) => ({ ...source, path: `/r/${i}.md` });
    // 40 files of 40 characters: 1,600 in all, under the budget; a share of 100 such files would take 4,000.
    const told = new KeptBodies(2000);
    told.expect(100);
    const alone = new KeptBodies(2000);
    for (let i = 0; i < 40; i++) {
      told.checkedFile({ source: at(i), body, length: 40 });
      alone.checkedFile({ source: at(i), body, length: 40 });
    }
    expect(told.take(at(0))).toBeUndefined();
    expect(told.take(at(39))).toBeUndefined();
    told.checkedFile({ source: at(40), body, length: 40 });
    expect(told.take(at(40))).toBeUndefined();
    // Without a share, they are kept while they fit.
    expect(alone.take(at(0))).toBe(body);
    expect(alone.take(at(39))).toBe(body);
  });

  it('are kept when the share fits, files without a body to keep counting towards it', () => {
    const at = (i: number) => ({ ...source, path: `/r/${i}.md` });
    const kept = new KeptBodies(2200);
    kept.expect(100);
    // Half the files give no body (drafts in a public build, files with errors): 50 bodies of 40 characters fit.
    for (let i = 0; i < 100; i++) kept.checkedFile(i % 2 === 0 ? { source: at(i), body, length: 40 } : undefined);
    expect(kept.take(at(0))).toBe(body);
    expect(kept.take(at(98))).toBe(body);
  });
});

