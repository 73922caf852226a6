import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs, { existsSync, readdirSync, readFileSync, realpathSync, statSync, writeFileSync } from 'node:fs';
import { mkdir, readFile, rm, utimes, writeFile } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { join, relative } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { buildProject, type BuildOptions } from '../src/app/build.js';
import { cachePath } from '../src/app/incremental.js';
import type { CheckItemResult } from '../src/app/incremental.js';
import { buildTaskHandler, runsByThread, type BuildTask, type RenderItemOutcome } from '../src/app/parallel.js';
import { threadedChecker } from '../src/app/check-threads.js';
import type { CheckOutcome } from '../src/app/check.js';
import { idleThreadCount, threadScript, WorkerPool } from '../src/app/pool.js';
import { main } from '../src/cli/main.js';
import { pagePath } from '../src/core/model.js';
import type { PublicationMode } from '../src/core/publication.js';
import { loadConfig } from '../src/io/config.js';
import { loadTemplateSet } from '../src/io/template-sets.js';
import { BIN, NOW, ROOT, runMain, useProjects } from './helpers/cli.js';
import { withFileSystem } from './helpers/builtins.js';
import { ageRecord } from './helpers/record.js';
import { png } from './helpers/images.js';
// @ts-expect-error: a build script in plain JavaScript, without types.
import { INPUTS_RECORD, inputsHash } from '../scripts/source-hash.js';

const LANGS = ['en', 'az', 'ru'] as const;
const now = Date.parse(NOW);

/** Releases in three languages sharing ids (so pages link their translations), some with warnings, one embargoed. */
function archive(count: number): Record<string, string> {
  const files: Record<string, string> = {
    'migration-news.config.yaml': 'organisation:\n  name: State Migration Service\nsite:\n  url: https://press.example.az\n',
  };
  for (let i = 0; i < count; i++) {
    const lang = LANGS[i % 3]!;
    const day = String((i % 27) + 1).padStart(2, '0');
    const embargo = i === 4 ? 'embargo: 2026-12-01T09:00:00+04:00\nstatus: approved\n' : 'status: published\n';
    // Every fifth has no summary, a warning; every seventh a long line of text to wrap.
    const summary = i % 5 === 0 ? '' : `summary: "Update ${i} on residence permits."\n`;
    const body = `The State Migration Service reviewed applications (case ${i}).\n\n## Key points\n\n- first point ${i}\n- second point\n\n> A quote ${'with many words '.repeat(i % 7 === 0 ? 12 : 1)}\n`;
    files[`releases/r-${String(i).padStart(3, '0')}.md`] = `---\nid: release-${Math.floor(i / 3)}\ntitle: "Residence permits update ${i}"\ndate: 2026-05-${day}\nlang: ${lang}\n${embargo}${summary}slug: release-${i}\ntags: [permits, statistics]\n---\n${body}`;
  }
  return files;
}

/** A short release in English without any problem, for an archive whose size alone counts past its first releases. */
function shortRelease(i: number): string {
  return `---\ntitle: "Update ${i}"\ndate: 2026-05-01\nlang: en\nstatus: published\nsummary: "Update ${i} on permits."\nslug: release-${i}\ntags: [permits]\n---\nText.\n`;
}

/** Every file under `folder` with a digest of its bytes. */
function tree(folder: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else out[relative(folder, path)] = createHash('sha256').update(readFileSync(path)).digest('hex');
    }
  };
  walk(folder);
  return out;
}

// The threads wait for the next build, as serve's do: each build after the first starts without their start-up.
const options = (cwd: string, out: string, extra: Partial<BuildOptions> = {}): BuildOptions => ({
  cwd, paths: ['releases'], out, formats: ['html', 'text', 'json'], template: 'default', keepGoing: true, now, cacheDir: join(cwd, '.cache'), keepThreads: true, ...extra,
});

describe('build threads', () => {
  it('load the bundle under the tests exactly when npm test would not build it again, and the sources otherwise', () => {
    const root = join(import.meta.dirname, '..');
    let recorded: string | undefined;
    try {
      recorded = readFileSync(join(root, INPUTS_RECORD), 'utf8').trim();
    } catch {
      recorded = undefined;
    }
    const built = recorded === inputsHash(root);
    // A thread started from the sources takes near a second to load them: a build of the tool before the tests is what avoids it.
    expect(threadScript().pathname.endsWith(built ? '/lib/bundle/build-worker.js' : '/src/app/build-worker.ts'), `lib/ built from these sources: ${built}`).toBe(true);
  });

  const project = useProjects();

  it('makes the same site on two threads, which make its pages while the releases render, as on one thread after them', async () => {
    const files = archive(40);
    // Many small listing pages, for the threads to take between the releases.
    files['migration-news.config.yaml'] += '  pageSize: 2\n';
    const dir = await project(files);
    const one = await buildProject(options(dir, 'one', { keepGoing: false, jobs: 1 }));
    const two = await buildProject(options(dir, 'two', { keepGoing: false, jobs: 2, minReleasesPerThread: 1 }));
    expect(two.threads).toBe(2);
    expect(two.committed).toBe(true);
    expect(Object.keys(tree(join(dir, 'one'))).filter((path) => path.includes('/page/')).length).toBeGreaterThan(10);
    expect(tree(join(dir, 'two'))).toEqual(tree(join(dir, 'one')));
    expect(two.diagnostics).toEqual(one.diagnostics);
    // Every page made beside the releases is the build's own: rebuilt with nothing changed, each is left as it was.
    const again = await buildProject(options(dir, 'two', { keepGoing: false, jobs: 2, minReleasesPerThread: 1 }));
    expect(again.writtenFiles).toEqual([]);
    expect(tree(join(dir, 'two'))).toEqual(tree(join(dir, 'one')));
  });

  it('gives the threads one build leaves to the next build in the process with that build\'s config and clock, as one thread builds it', async () => {
    const dir = await project(archive(12));
    const threaded = { keepGoing: false, jobs: 2, minReleasesPerThread: 1 };
    const first = await buildProject(options(dir, 'first', threaded));
    expect(first.threads).toBe(2);
    expect(readFileSync(join(dir, 'first', pagePath('en', 'release-0', 'html')), 'utf8')).toContain('State Migration Service');
    // Another name, and a clock past release 4's embargo: the threads kept from the first build must work with both.
    const config = join(dir, 'migration-news.config.yaml');
    await writeFile(config, (await readFile(config, 'utf8')).replace('State Migration Service', 'Migration Agency'));
    const later = Date.parse('2026-12-02T09:00:00+04:00');
    const second = await buildProject(options(dir, 'second', { ...threaded, now: later }));
    expect(second.threads).toBe(2);
    await buildProject(options(dir, 'alone', { keepGoing: false, jobs: 1, now: later }));
    expect(tree(join(dir, 'second'))).toEqual(tree(join(dir, 'alone')));
    expect(readFileSync(join(dir, 'second', pagePath('en', 'release-0', 'html')), 'utf8')).toContain('Migration Agency');
    expect(existsSync(join(dir, 'second', pagePath('az', 'release-4', 'html')))).toBe(true);
    expect(existsSync(join(dir, 'first', pagePath('az', 'release-4', 'html')))).toBe(false);
  });

  it('leaves its threads waiting for the next build only when asked to (serve), and stops them otherwise, as validate does', async () => {
    // At least a release a core: a build on a thread a core takes every thread an earlier test left waiting (at most one per core)
    // rather than start its own, and starts the rest, so that the threads waiting after it are those it ran on.
    const dir = await project(archive(Math.max(12, availableParallelism())));
    const everyCore = { keepGoing: false, jobs: Math.max(2, availableParallelism()), minReleasesPerThread: 1 };
    await buildProject(options(dir, 'kept', { ...everyCore, keepThreads: true }));
    expect(idleThreadCount(threadScript())).toBe(availableParallelism());
    // A one-shot build takes the waiting threads and stops them once done: their memory goes back before the feeds and the commit.
    await buildProject(options(dir, 'stopped', { ...everyCore, keepThreads: false }));
    expect(idleThreadCount(threadScript())).toBe(0);
    const kept = Math.min(2, availableParallelism());
    const { config } = await loadConfig(join(dir, 'migration-news.config.yaml'), dir);
    const files = readdirSync(join(dir, 'releases')).map((name) => ({ path: join(dir, 'releases', name), display: `releases/${name}` }));
    await threadedChecker({ config, now }, { jobs: 2, minimumPerThread: 1, keepThreads: true })(files, () => undefined);
    expect(idleThreadCount(threadScript())).toBe(kept);
    await threadedChecker({ config, now }, { jobs: 2, minimumPerThread: 1 })(files, () => undefined);
    expect(idleThreadCount(threadScript())).toBe(0);
  });

  it('lists a local lead image in releases.json as copied, with its pages made beside the releases, and again once the picture changes', async () => {
    const files = archive(12);
    files['releases/r-003.md'] = files['releases/r-003.md']!.replace('tags:', 'image:\n  src: photos/queue.png\n  alt: The queue\ntags:');
    const dir = await project(files);
    await mkdir(join(dir, 'releases', 'photos'));
    await writeFile(join(dir, 'releases', 'photos', 'queue.png'), png(12, 8));
    const strict = { keepGoing: false, jobs: 2, minReleasesPerThread: 1 };
    const two = await buildProject(options(dir, 'two', strict));
    expect(two.threads).toBe(2);
    const listed = JSON.parse(readFileSync(join(dir, 'two', 'releases.json'), 'utf8')) as { releases: { slug: string; image: unknown }[] };
    expect(listed.releases.find((r) => r.slug === 'release-3')?.image).toEqual({ url: 'https://press.example.az/en/release-3/queue.png', alt: 'The queue', caption: null, credit: null, width: 12, height: 8 });
    await buildProject(options(dir, 'one', { keepGoing: false, jobs: 1 }));
    expect(tree(join(dir, 'two'))).toEqual(tree(join(dir, 'one')));
    await writeFile(join(dir, 'releases', 'photos', 'queue.png'), png(30, 20));
    const again = await buildProject(options(dir, 'two', strict));
    expect(again.committed).toBe(true);
    await buildProject(options(dir, 'fresh', { keepGoing: false, jobs: 1 }));
    expect(tree(join(dir, 'two'))).toEqual(tree(join(dir, 'fresh')));
  });

  it('writes the same bytes and reports the same diagnostics in the same order with one thread or two', async () => {
    // Three batches of the check: the two threads take them in turns.
    const files = archive(70);
    files['releases/broken.md'] = '---\ntitle: "No date"\nlang: en\nstatus: published\n---\nBody.\n';
    const dir = await project(files);
    const one = await buildProject(options(dir, 'one', { jobs: 1 }));
    const two = await buildProject(options(dir, 'two', { jobs: 2, minReleasesPerThread: 1 }));
    expect(one.threads).toBe(0);
    expect(two.threads).toBe(2);
    expect(two.built).toBe(one.built);
    expect(one.built).toBeGreaterThan(60);
    expect(two.diagnostics).toEqual(one.diagnostics);
    expect(one.diagnostics.some((d) => d.severity === 'warning')).toBe(true);
    expect(one.diagnostics.some((d) => d.severity === 'error' && d.file.endsWith('broken.md'))).toBe(true);
    expect(tree(join(dir, 'two'))).toEqual(tree(join(dir, 'one')));
    // The threads' template times reach the calling thread: each template rendered as often as on one thread.
    const renders = (result: typeof one) => Object.fromEntries(result.templateTimings.map((t) => [t.template, t.renders]));
    expect(renders(two)).toEqual(renders(one));
    expect(renders(one)['release.html.liquid']).toBe(one.built);
    // Their times are the renders' own: more than nothing, and no more than the phases they ran in, on every thread there was.
    const phase = (result: typeof one, name: string) => result.timings.find((t) => t.phase === name)!.ms;
    for (const result of [one, two]) {
      for (const t of result.templateTimings) expect(t.ms, t.template).toBeGreaterThan(0);
      const spent = result.templateTimings.reduce((sum, t) => sum + t.ms, 0);
      expect(spent).toBeLessThanOrEqual((phase(result, 'render') + phase(result, 'site pages')) * Math.max(1, result.threads));
    }

    // The output folder removed, no file changed: as if the files had been read long after they were written, their times
    // are trusted and none is read again, but every release must be rendered again, and on the threads.
    const record = cachePath(join(dir, '.cache'), realpathSync(join(dir, 'two')));
    await ageRecord(record);
    await rm(join(dir, 'two'), { recursive: true });
    const again = await buildProject(options(dir, 'two', { jobs: 2, minReleasesPerThread: 1 }));
    expect(again.reused).toBe(two.fileCount - 1);
    expect(again.rendered).toBe(two.built);
    expect(again.threads).toBe(2);
    expect(tree(join(dir, 'two'))).toEqual(tree(join(dir, 'one')));
  });

  it('makes the e-mail messages on the threads, the same bytes as on one thread, with an e-mail template problem reported once', async () => {
    const files = archive(40);
    files['migration-news.config.yaml'] += 'email:\n  from: press@example.az\n';
    // A message template that fails for some releases only, while they render.
    files['templates/mail/template.yaml'] = 'extends: email\n';
    files['templates/mail/release.html.liquid'] = '{% if release.title contains "update 1" %}{% include "missing" %}{% endif %}<html><body><h1>{{ release.title }}</h1>{{ body_html }}</body></html>\n';
    const dir = await project(files);
    // The messages alone: the web pages they are made beside are the same on the threads as on one in the tests above.
    const mail = { formats: ['eml'] as BuildOptions['formats'], emailTemplate: 'mail' };
    const one = await buildProject(options(dir, 'one', { ...mail, jobs: 1 }));
    const two = await buildProject(options(dir, 'two', { ...mail, jobs: 2, minReleasesPerThread: 1 }));
    expect(one.threads).toBe(0);
    expect(two.threads).toBe(2);
    expect(two.diagnostics).toEqual(one.diagnostics);
    expect(one.diagnostics.filter((d) => d.ruleId === 'template/render' && d.message.includes('as eml'))).toHaveLength(1);
    expect(two.failed).toBe(one.failed);
    expect(one.failed).toBeGreaterThan(5);
    const messages = Object.keys(tree(join(dir, 'two'))).filter((path) => path.endsWith('.eml'));
    expect(messages.length).toBe(two.built);
    expect(two.built).toBeGreaterThan(20);
    expect(tree(join(dir, 'two'))).toEqual(tree(join(dir, 'one')));
  });

  it('renders the site\'s pages on the threads with the same template problems, each reported once', async () => {
    const dir = await project(archive(36));
    expect((await runMain(['templates', 'eject', 'default', 'tag.html.liquid'], { cwd: dir })).code).toBe(0);
    const path = join(dir, 'templates/default/tag.html.liquid');
    // An error met while rendering (a syntax error is found before any page is rendered, on the calling thread).
    await writeFile(path, readFileSync(path, 'utf8').replace('<h1>{{ listing.heading }}</h1>', '<h1>{{ listing.headin }}</h1>'));
    const one = await buildProject(options(dir, 'one', { jobs: 1 }));
    const two = await buildProject(options(dir, 'two', { jobs: 2, minReleasesPerThread: 1 }));
    expect(two.threads).toBe(2);
    const problems = two.diagnostics.filter((d) => d.file.endsWith('tag.html.liquid'));
    expect(problems).toHaveLength(1);
    expect(problems[0]!.message).toMatch(/It happened while building [a-z]{2}\/tags\/[a-z-]+\.html\.$/);
    expect(two.diagnostics).toEqual(one.diagnostics);
  });

  it('renders each release on the thread that checked it, which kept its body, when drafts and embargoed copies are left out in between', async () => {
    // Four batches of the check.
    const files = archive(100);
    // Drafts spread through the archive: the releases a public build renders no longer line up with the check's batches.
    for (let i = 7; i < 100; i += 11) files[`releases/r-${String(i).padStart(3, '0')}.md`] = files[`releases/r-${String(i).padStart(3, '0')}.md`]!.replace('status: published', 'status: draft');
    const dir = await project(files);
    const result = await buildProject(options(dir, 'dist', { jobs: 2, minReleasesPerThread: 1 }));
    expect(result.threads).toBe(2);
    expect(result.skipped.length).toBe(10);
    expect(result.rendered).toBe(90);
    // A thread that runs out of work takes a run the other one is too busy for, and reads those bodies again: how many depends on timing.
    expect(result.reread).toBeLessThan(result.rendered);
    // The calling thread alone keeps the bodies it checked, for its own render: none is read again.
    const alone = await buildProject(options(dir, 'alone', { jobs: 1 }));
    expect(alone.threads).toBe(0);
    expect(alone.rendered).toBe(90);
    expect(alone.reread).toBe(0);
    expect(tree(join(dir, 'alone'))).toEqual(tree(join(dir, 'dist')));
  });

  it('keeps on a thread the bodies of the releases its build renders, not those of drafts or embargoed copies', async () => {
    const files = archive(6);
    files['releases/r-001.md'] = files['releases/r-001.md']!.replace('status: published', 'status: draft');
    const dir = await project(files);
    const loaded = await loadTemplateSet('default', { cwd: dir });
    if (!loaded.ok) throw new Error('the default set does not load');
    const { config } = await loadConfig(join(dir, 'migration-news.config.yaml'), dir);
    // Published, draft, and under embargo at NOW (archive() gives r-004 an embargo).
    const names = ['r-000', 'r-001', 'r-004'];
    /** Which of the three a thread of a build in `mode` read again to render, having checked them. */
    const readAgain = (mode: PublicationMode) => {
      const handler = buildTaskHandler({ render: { set: loaded.set, config, now, formats: ['text'] }, now, mode, threads: 1 });
      const items = names.map((name) => ({ file: { path: join(dir, 'releases', `${name}.md`), display: `releases/${name}.md` } }));
      const checked = handler({ kind: 'check', items } satisfies BuildTask) as CheckItemResult[];
      const renders = checked.map((result) => {
        const { release, source } = result.outcome!.checked!;
        return { item: { release, source }, translations: [], staging: join(dir, `staging-${mode}`), reserved: [pagePath(release.lang, release.slug, 'text')] };
      });
      const outcomes = handler({ kind: 'render', items: renders } satisfies BuildTask) as RenderItemOutcome[];
      expect(outcomes.every((outcome) => outcome.ok)).toBe(true);
      return outcomes.map((outcome) => outcome.reread === true);
    };
    expect(readAgain('public')).toEqual([false, true, true]);
    expect(readAgain('embargoed')).toEqual([false, true, false]);
    expect(readAgain('drafts')).toEqual([false, false, false]);
  });

  it('sends each run of releases to the thread that checked them all, cut where that thread changes', () => {
    const checkedOn = [0, 0, 1, 1, 1, 0, undefined, undefined, 1];
    const runs = runsByThread(checkedOn.map((thread, i) => ({ i, thread })), (item) => item.thread, 2);
    expect(runs.map((run) => [run.start, run.thread, run.items.map((item) => item.i)])).toEqual([
      [0, 0, [0, 1]], [2, 1, [2, 3]], [4, 1, [4]], [5, 0, [5]], [6, undefined, [6, 7]], [8, 1, [8]],
    ]);
  });

  it('uses the calling thread alone for small inputs', async () => {
    const dir = await project(archive(12));
    const beforeThreads = vi.fn();
    const result = await buildProject(options(dir, 'dist', { jobs: 4, beforeThreads }));
    expect(result.threads).toBe(0);
    expect(result.built).toBeGreaterThan(0);
    expect(beforeThreads).not.toHaveBeenCalled();
  });

  it('starts threads of its own accord from 1,000 releases a thread, and from 200 when --jobs asks for them or serve keeps them', async () => {
    // Below some 2,000 releases on two cores a one-shot build is quicker, and smaller, on the calling thread alone.
    const files: Record<string, string> = { 'migration-news.config.yaml': 'site:\n  url: https://press.example.az\n' };
    for (let i = 0; i < 400; i++) files[`releases/r-${String(i).padStart(4, '0')}.md`] = shortRelease(i);
    const dir = await project(files);
    const build = (out: string, ...extra: string[]) => runMain(['build', 'releases', '--out', out, '--format', 'json', '--now', NOW, '--timings', ...extra], { cwd: dir });
    expect((await build('by-default')).stdout).toMatch(/on one thread\.$/m);
    expect((await build('asked', '--jobs', '2')).stdout).toMatch(/with 2 build threads\.$/m);
    const cores = Math.min(2, availableParallelism());
    expect((await buildProject(options(dir, 'kept', { formats: ['json'] }))).threads).toBe(cores >= 2 ? 2 : 0);
    // Twice 1,000: worth a thread per core, without asking. The threads start for the files there are to check, drafts as much as
    // any: as drafts, the 1,600 more are checked on them, and neither rendered nor listed by the public build.
    for (let i = 400; i < 2_000; i++) writeFileSync(join(dir, `releases/r-${String(i).padStart(4, '0')}.md`), shortRelease(i).replace('status: published', 'status: draft'));
    const many = (await build('many')).stdout;
    expect(many).toMatch(/^Built 400 releases, skipped 1600 \(1600 not approved, 0 embargoed\)/m);
    expect(many).toMatch(cores >= 2 ? /with 2 build threads\.$/m : /on one thread\.$/m);
  });

  it('calls beforeThreads once when it starts threads (test/bin-compiler.test.ts shows it is before)', async () => {
    const dir = await project(archive(12));
    const before = vi.fn();
    const result = await buildProject(options(dir, 'dist', { jobs: 2, minReleasesPerThread: 1, beforeThreads: before }));
    expect(result.threads).toBe(2);
    expect(before).toHaveBeenCalledTimes(1);
  });
});

describe('the site on build threads', () => {
  const project = useProjects();

  it('writes only the pages, feeds and sitemaps whose bytes changed, and what one thread writes', async () => {
    const files = archive(45);
    files['migration-news.config.yaml'] += '  pageSize: 5\n';
    const dir = await project(files);
    // HTML alone: the site's pages, feeds, sitemaps and releases.json are made for any formats; the releases' text and JSON are not its pages.
    const html = { formats: ['html'] } satisfies Partial<BuildOptions>;
    const threads = { ...html, jobs: 2, minReleasesPerThread: 1 };
    // Made by one thread: the pages the threads make below must come out the same.
    const first = await buildProject(options(dir, 'dist', { ...html, jobs: 1 }));
    expect(first.threads).toBe(0);
    const before = tree(join(dir, 'dist'));
    const siteFile = (f: string) => !/\/release-\d+\./.test(f);
    expect(Object.keys(before).filter(siteFile).length).toBeGreaterThan(20);

    // Without the record every page of the site is made again, on the threads, and compared with the one in place: none differs.
    const forced = await buildProject(options(dir, 'dist', { ...threads, force: true }));
    expect(forced.threads).toBe(2);
    expect(forced.writtenFiles.filter(siteFile)).toEqual([]);
    expect(tree(join(dir, 'dist'))).toEqual(before);

    // A new title: the pages that list the release, the feeds (which name translations by title) and releases.json are written; the other languages' listings are not.
    const path = join(dir, 'releases', 'r-009.md');
    await writeFile(path, readFileSync(path, 'utf8').replace('Residence permits update 9', 'Residence permits: a new headline'));
    const changed = await buildProject(options(dir, 'dist', { ...threads, force: true }));
    const written = changed.writtenFiles.filter(siteFile);
    expect(written).toContain('releases.json');
    expect(written).toContain('en/feed.xml');
    expect(written.some((f) => f.startsWith('en/') && f.endsWith('.html'))).toBe(true);
    expect(written.filter((f) => (f.startsWith('ru/') || f.startsWith('az/')) && f.endsWith('.html'))).toEqual([]);
    await buildProject(options(dir, 'one', { ...html, jobs: 1 }));
    expect(tree(join(dir, 'dist'))).toEqual(tree(join(dir, 'one')));
  });
});

describe('incremental rebuilds', () => {
  const project = useProjects();

  it('renders again only what changed, and writes what a full build writes', async () => {
    const dir = await project(archive(30));
    const first = await buildProject(options(dir, 'dist'));
    expect(first.rendered).toBe(first.built);
    expect(first.reused).toBe(0);

    const again = await buildProject(options(dir, 'dist'));
    expect(again.rendered).toBe(0);
    expect(again.reused).toBe(30);
    expect(again.built).toBe(first.built);

    // A new title: the release, and the two translations that link to it, are rendered again.
    const path = join(dir, 'releases', 'r-010.md');
    await writeFile(path, readFileSync(path, 'utf8').replace('Residence permits update 10', 'Residence permits: a new headline'));
    const changed = await buildProject(options(dir, 'dist'));
    expect(changed.rendered).toBe(3);
    const full = await buildProject(options(dir, 'full', { force: true }));
    expect(full.rendered).toBe(full.built);
    expect(tree(join(dir, 'dist'))).toEqual(tree(join(dir, 'full')));
    expect(changed.diagnostics).toEqual(full.diagnostics);
  });

  it('renders the translations of a release that fails while rendered again without it, as a full build and two threads do, and with it once it is fixed', async () => {
    const files = archive(9);
    // A template error that only a release's data trigger, met while rendering: release-2 is r-006 (en), r-007 (az) and r-008 (ru).
    files['templates/default/release.html.liquid'] = `{% if release.summary contains "Broken" %}{{ release.no_such_field.deeper }}{% endif %}${readFileSync(join(ROOT, 'templates/default/release.html.liquid'), 'utf8')}`;
    const dir = await project(files);
    const path = join(dir, 'releases', 'r-007.md');
    // The summary, which no other page shows: the translations' pages are up to date when it changes.
    const summary = (from: string, to: string) => writeFile(path, readFileSync(path, 'utf8').replace(from, to));
    const names = (file: string) => readFileSync(join(dir, 'dist', file), 'utf8').includes('release-7');
    await buildProject(options(dir, 'dist', { jobs: 1 }));
    expect(names('en/release-6.html')).toBe(true);

    await summary('Update 7 on', 'Broken update 7 on');
    const broken = await buildProject(options(dir, 'dist', { jobs: 1 }));
    expect(broken.failed).toBe(1);
    expect(broken.built).toBe(7);
    // Its translations were up to date, and are rendered again without it.
    expect(broken.rendered).toBe(3);
    for (const file of ['en/release-6.html', 'en/release-6.txt', 'en/release-6.json', 'ru/release-8.html', 'ru/release-8.json']) expect(names(file), file).toBe(false);
    expect(statSync(join(dir, 'dist/az/release-7.html'), { throwIfNoEntry: false })).toBeUndefined();
    const full = await buildProject(options(dir, 'full', { force: true, jobs: 1 }));
    const two = await buildProject(options(dir, 'two', { force: true, jobs: 2, minReleasesPerThread: 1 }));
    expect(two.threads).toBe(2);
    expect(tree(join(dir, 'dist'))).toEqual(tree(join(dir, 'full')));
    expect(tree(join(dir, 'two'))).toEqual(tree(join(dir, 'full')));
    expect(broken.diagnostics).toEqual(full.diagnostics);
    expect(two.diagnostics).toEqual(full.diagnostics);

    // Built again with nothing changed, the release is known to fail: it alone is rendered again, for its error (and its other
    // formats, which a full build writes), and its translations' pages, which name only the others, stay as they are.
    for (const jobs of [1, 2]) {
      const again = await buildProject(options(dir, 'dist', { jobs, minReleasesPerThread: 1 }));
      expect(again.rendered).toBe(1);
      expect(again.upToDate).toBe(7);
      expect([again.built, again.failed]).toEqual([broken.built, broken.failed]);
      expect(again.diagnostics).toEqual(full.diagnostics);
      expect(tree(join(dir, 'dist'))).toEqual(tree(join(dir, 'full')));
    }
    // A record of two threads' build serves one thread's as well.
    const twoAgain = await buildProject(options(dir, 'two', { jobs: 2, minReleasesPerThread: 1 }));
    expect(twoAgain.rendered).toBe(1);
    expect(tree(join(dir, 'two'))).toEqual(tree(join(dir, 'full')));
    expect(twoAgain.diagnostics).toEqual(full.diagnostics);

    // Without --keep-going, nothing is written, as for any failure.
    await rm(join(dir, 'strict'), { recursive: true, force: true });
    const strict = await buildProject(options(dir, 'strict', { keepGoing: false, jobs: 1 }));
    expect(strict.committed).toBe(false);
    expect(statSync(join(dir, 'strict'), { throwIfNoEntry: false })).toBeUndefined();
    // Nor on two threads, which make the site's pages while the releases render, the failed one listed: those pages go too,
    // and a folder built before keeps every byte.
    const strictTwo = await buildProject(options(dir, 'strict', { keepGoing: false, jobs: 2, minReleasesPerThread: 1 }));
    expect(strictTwo.threads).toBe(2);
    expect(strictTwo.committed).toBe(false);
    expect(statSync(join(dir, 'strict'), { throwIfNoEntry: false })).toBeUndefined();
    const before = tree(join(dir, 'dist'));
    const strictOver = await buildProject(options(dir, 'dist', { force: true, keepGoing: false, jobs: 2, minReleasesPerThread: 1 }));
    expect(strictOver.committed).toBe(false);
    expect(tree(join(dir, 'dist'))).toEqual(before);

    // Fixed, the release is rendered again and so are its translations, which name it once more: what a full build writes.
    await summary('Broken update 7 on', 'Update 7 on');
    const fixed = await buildProject(options(dir, 'dist', { jobs: 1 }));
    expect(fixed.failed).toBe(0);
    expect(fixed.rendered).toBe(3);
    expect(names('en/release-6.html')).toBe(true);
    await buildProject(options(dir, 'full', { force: true, jobs: 1 }));
    expect(tree(join(dir, 'dist'))).toEqual(tree(join(dir, 'full')));
    // And the record says so: nothing is rendered again after.
    expect((await buildProject(options(dir, 'dist', { jobs: 1 }))).rendered).toBe(0);
  });

  it('reports what one thread reports when a release fails while rendered, though two made the site\'s pages listing it', async () => {
    const files = archive(30);
    // A template error only a release's data trigger, and one only the tag page of that release alone meets.
    files['templates/default/release.html.liquid'] = `{% if release.summary contains "Broken" %}{{ release.no_such_field.deeper }}{% endif %}${readFileSync(join(ROOT, 'templates/default/release.html.liquid'), 'utf8')}`;
    files['templates/default/tag.html.liquid'] = `{% if listing.heading contains "lonely" %}{{ listing.no_such_field.deeper }}{% endif %}${readFileSync(join(ROOT, 'templates/default/tag.html.liquid'), 'utf8')}`;
    files['releases/r-007.md'] = files['releases/r-007.md']!.replace('Update 7 on', 'Broken update 7 on').replace('tags: [permits, statistics]', 'tags: [permits, lonely]');
    const dir = await project(files);
    const one = await buildProject(options(dir, 'one', { keepGoing: false, jobs: 1 }));
    const two = await buildProject(options(dir, 'two', { keepGoing: false, jobs: 2, minReleasesPerThread: 1 }));
    expect(two.threads).toBe(2);
    expect(one.failed).toBe(1);
    // The one thread never makes the tag page that lists only the failed release: its error is not the build's.
    expect(one.diagnostics.filter((d) => d.severity === 'error').map((d) => d.ruleId)).toEqual(['template/render']);
    expect(two.diagnostics).toEqual(one.diagnostics);
    for (const result of [one, two]) expect(result.committed).toBe(false);
    for (const out of ['one', 'two']) expect(statSync(join(dir, out), { throwIfNoEntry: false })).toBeUndefined();
    expect(readdirSync(dir).filter((name) => name.includes('staging'))).toEqual([]);
  });

  it('leaves a page of the site as it was only when what it shows is the same', async () => {
    const files = archive(30);
    // Small pages: a change moves releases from page to page.
    files['migration-news.config.yaml'] += '  pageSize: 4\n';
    const dir = await project(files);
    // HTML alone: the site's pages, feeds, sitemaps and releases.json are made for any formats; the releases' text and JSON are not its pages.
    const build = (out: string, extra: Partial<BuildOptions> = {}) => buildProject(options(dir, out, { formats: ['html'], ...extra }));
    await build('dist');
    const edit = async (name: string, from: string | RegExp, to: string) => {
      const path = join(dir, 'releases', name);
      const text = readFileSync(path, 'utf8');
      expect(text).toMatch(from);
      await writeFile(path, text.replace(from, to));
    };
    const changes: (() => Promise<void>)[] = [
      () => edit('r-012.md', 'summary: "Update 12', 'summary: "A new summary for 12'),
      () => edit('r-013.md', 'slug:', 'location: Ganja\nslug:'),
      () => edit('r-016.md', /date: 2026-05-\d\d/, 'date: 2026-04-01'),
      () => edit('r-019.md', 'tags: [permits, statistics]', 'tags: [permits, borders]'),
      () => rm(join(dir, 'releases', 'r-022.md')),
      // The newest release in Azerbaijani: its language's feeds change.
      () => edit('r-025.md', 'Residence permits update 25', 'Residence permits: revised 25'),
    ];
    const ruIndex = join(dir, 'dist', 'ru', 'index.html');
    for (const [n, change] of changes.entries()) {
      const untouched = statSync(ruIndex).ino;
      await change();
      const rebuilt = await build('dist');
      expect(rebuilt.committed).toBe(true);
      await build(`full-${n}`, { force: true });
      expect(tree(join(dir, 'dist')), `change ${n}`).toEqual(tree(join(dir, `full-${n}`)));
      // Every change is to a release in English or Azerbaijani: the Russian listing stays as it was.
      expect(statSync(ruIndex).ino, `change ${n}`).toBe(untouched);
    }
  });

  it('leaves a page rendered again with the bytes it has where it is, on the threads as on one, and writes one that differs', async () => {
    const dir = await project(archive(40));
    const threaded = { jobs: 2, minReleasesPerThread: 1 };
    expect((await buildProject(options(dir, 'dist', threaded))).threads).toBe(2);
    const page = join(dir, 'dist', 'en', 'release-0.html');
    const inode = statSync(page).ino;
    // Everything rendered again, on the threads and on one: nothing comes out other than it is.
    for (const jobs of [threaded, { jobs: 1 }]) {
      const forced = await buildProject(options(dir, 'dist', { ...jobs, force: true }));
      expect(forced.rendered).toBe(forced.built);
      expect(forced.writtenFiles).toEqual([]);
    }
    expect(statSync(page).ino).toBe(inode);
    // A page edited by hand is written again, and no other.
    await writeFile(page, (await readFile(page, 'utf8')).replace('</main>', '<p>edited</p></main>'));
    const mended = await buildProject(options(dir, 'dist', { ...threaded, force: true }));
    expect(mended.writtenFiles).toEqual(['en/release-0.html']);
    await buildProject(options(dir, 'full', threaded));
    expect(tree(join(dir, 'dist'))).toEqual(tree(join(dir, 'full')));
  });

  it('does not trust a touched file, a moved clock, another template set or a deleted output', async () => {
    const dir = await project(archive(15));
    await buildProject(options(dir, 'dist'));

    // Same bytes, new time: nothing to render.
    await utimes(join(dir, 'releases', 'r-001.md'), new Date(), new Date());
    expect((await buildProject(options(dir, 'dist'))).rendered).toBe(0);

    // The clock passes release 4's embargo: it and its translations change.
    const later = Date.parse('2026-12-02T00:00:00+04:00');
    const moved = await buildProject(options(dir, 'dist', { now: later }));
    expect(moved.rendered).toBeGreaterThan(0);
    expect(moved.rendered).toBeLessThan(15);
    await buildProject(options(dir, 'full', { now: later, force: true }));
    expect(tree(join(dir, 'dist'))).toEqual(tree(join(dir, 'full')));

    // An output deleted by hand is written again: its folder changed, and every release with a page in it is rendered again, no other.
    await rm(join(dir, 'dist', 'en', 'release-0.html'));
    const restored = await buildProject(options(dir, 'dist', { now: later }));
    const english = readdirSync(join(dir, 'full', 'en')).filter((name) => /^release-\d+\.html$/.test(name)).length;
    expect(english).toBeGreaterThan(1);
    expect(english).toBeLessThan(restored.built);
    expect(restored.rendered).toBe(english);
    expect(tree(join(dir, 'dist'))).toEqual(tree(join(dir, 'full')));

    // Other formats: every release again.
    const html = await buildProject(options(dir, 'dist', { now: later, formats: ['html'] }));
    expect(html.rendered).toBe(html.built);
  });
});

describe('validate on threads', () => {
  const project = useProjects();

  /** An archive of `count` releases, with an error of a file's own, one across files, and warnings; those from `varied` on are short ones without any problem. */
  async function largeArchive(count: number, varied = count): Promise<string> {
    const files = archive(count);
    for (let i = varied; i < count; i++) files[`releases/r-${String(i).padStart(3, '0')}.md`] = shortRelease(i);
    files['releases/broken.md'] = '---\ntitle: "No date"\nlang: en\nstatus: published\n---\nBody.\n';
    files['releases/r-003.md'] = files['releases/r-003.md']!.replace('slug: release-3', 'slug: release-0');
    return project(files);
  }

  it('hands on each file\'s outcome in file order, as the calling thread checks it', async () => {
    // Four batches: the two threads take them in turns.
    const dir = await largeArchive(100);
    const config = (await loadConfig(join(dir, 'migration-news.config.yaml'), dir)).config;
    const names = readdirSync(join(dir, 'releases')).sort();
    const files = names.map((name) => ({ path: join(dir, 'releases', name), display: `releases/${name}` }));
    let threads = 0;
    const onThreads: CheckOutcome[] = [];
    // The threads are left waiting, as validate --watch leaves them: the next test's watch starts without their start-up.
    await threadedChecker({ config, now }, { jobs: 2, minimumPerThread: 1, keepThreads: true, started: (n) => { threads = n; } })(files, (outcome, i) => { onThreads[i] = outcome; });
    expect(threads).toBe(2);
    const alone: CheckOutcome[] = [];
    let none = true;
    await threadedChecker({ config, now }, { jobs: 1, started: () => { none = false; } })(files, (outcome, i) => { alone[i] = outcome; });
    expect(none).toBe(true);
    expect(onThreads).toHaveLength(files.length);
    expect(onThreads).toEqual(alone);
    expect(alone.filter((o) => o.checked).length).toBe(files.length - 1);
  });

  it('starts threads for a large archive, tuned as the binary tunes them, with every kind of problem reported', async () => {
    // Threads start from 2,000 files (FILES_PER_CHECK_THREAD on each of two); the test before holds their outcomes to one thread's.
    // Past the problems of the first releases, the rest are short ones without any: only their number counts here.
    const dir = await largeArchive(2_000, 30);
    const runAll = vi.spyOn(WorkerPool.prototype, 'runAll');
    const close = vi.spyOn(WorkerPool.prototype, 'close');
    try {
      // main() as the binary calls it, with the hook where the binary tunes the compiler before threads start (test/bin-compiler.test.ts).
      let tuned = 0;
      const environment = (write: (s: string) => unknown) => ({
        cwd: dir, env: { NO_COLOR: '1' }, stdout: { write }, stderr: { write: () => true }, readStdin: async () => new Uint8Array(), isTTY: false, beforeThreads: () => void tuned++,
      });
      // `validate --watch` keeps its threads for the check after the next save; the one-shot validate below takes them, and stops them.
      const stop = new AbortController();
      let watching = '';
      const watch = main(['validate', 'releases', '--watch', '--jobs', '2'], { ...environment((s) => (watching += s)), stopSignal: () => stop.signal });
      for (let waited = 0; !watching.includes('Watching for changes') && waited < 30_000; waited += 50) await new Promise((resolve) => setTimeout(resolve, 50));
      stop.abort();
      expect(await watch).toBe(1);
      expect(close.mock.calls).toEqual([[true]]);
      expect(tuned).toBe(1);
      close.mockClear();
      runAll.mockClear();
      let out = '';
      const code = await main(['validate', 'releases', '--jobs', '2', '--reporter', 'json'], environment((s) => (out += s)));
      expect(runAll).toHaveBeenCalledTimes(1);
      expect(tuned).toBe(2);
      expect(code).toBe(1);
      const report = JSON.parse(out) as { diagnostics: { file: string; ruleId: string; severity: string }[] };
      expect(report.diagnostics.some((d) => d.file.endsWith('broken.md') && d.severity === 'error')).toBe(true);
      expect(report.diagnostics.filter((d) => d.ruleId === 'slug/duplicate')).toHaveLength(1);
      expect(report.diagnostics.some((d) => d.severity === 'warning')).toBe(true);
      // A one-shot validate stops its threads.
      expect(close.mock.calls).toEqual([[false]]);
      // A small archive is checked on the calling thread, whatever --jobs says.
      runAll.mockClear();
      const small = await project(archive(30));
      expect((await runMain(['validate', 'releases', '--jobs', '2'], { cwd: small })).code).toBe(0);
      expect(runAll).not.toHaveBeenCalled();
    } finally {
      runAll.mockRestore();
      close.mockRestore();
    }
  });
});

describe('a page of the site that cannot be written while the releases render', () => {
  const project = useProjects();

  /** A tag page written into a staging folder. */
  const tagPage = (path: unknown) => String(path).includes('.migration-news-staging-') && String(path).includes('/tags/');

  /** Every write of a tag page into a staging folder fails, on every thread of the process (a thread runs the same preloaded module). */
  const TAG_PAGES_FAIL = `data:text/javascript,${encodeURIComponent(`
import { createRequire, syncBuiltinESMExports } from 'node:module';
const require = createRequire(process.execPath);
const fs = require('node:fs');
const writeFileSync = fs.writeFileSync;
const tagPage = ${tagPage.toString()};
fs.writeFileSync = (path, ...rest) => { if (tagPage(path)) throw Object.assign(new Error('ENOSPC: the write failed'), { code: 'ENOSPC', syscall: 'write' }); return writeFileSync(path, ...rest); };
syncBuiltinESMExports();
`)}`;

  it('is reported with the release that failed, as on one thread, and nothing is written', async () => {
    // Enough releases for the two threads `--jobs 2` asks for (200 each): past the first ones, short ones, whose number alone counts.
    const files = archive(30);
    for (let i = 30; i < 420; i++) files[`releases/r-${String(i).padStart(3, '0')}.md`] = shortRelease(i);
    files['templates/default/release.html.liquid'] = `{% if release.summary contains "Broken" %}{{ release.no_such_field.deeper }}{% endif %}${readFileSync(join(ROOT, 'templates/default/release.html.liquid'), 'utf8')}`;
    files['releases/r-401.md'] = files['releases/r-401.md']!.replace('Update 401 on', 'Broken update 401 on');
    const dir = await project(files);
    // HTML alone: the failing template and the tag pages are both of it, and the other formats' 420 renders would add nothing.
    const args = ['build', 'releases', '--out', 'dist', '--format', 'html', '--now', NOW, '--timings'];
    const ended = (run: { code: number | null; stdout: string; stderr: string }, threads: RegExp) => {
      expect(run.stderr).toBe('');
      expect(run.code).toBe(2);
      expect(statSync(join(dir, 'dist'), { throwIfNoEntry: false })).toBeUndefined();
      expect(readdirSync(dir).filter((name) => name.includes('staging'))).toEqual([]);
      expect(run.stdout).toMatch(threads);
      // The staging folder's name, and the timings, are the run's own.
      return run.stdout.replace(/staging-\S+/g, 'staging').replace(/^(Timings|Templates).*$/gm, '');
    };
    // One thread needs no process of its own: the same failing write, made in this process.
    const realWrite = fs.writeFileSync;
    const failing: typeof fs.writeFileSync = (path, ...rest) => {
      if (tagPage(path)) throw Object.assign(new Error('ENOSPC: the write failed'), { code: 'ENOSPC', syscall: 'write' });
      return realWrite(path, ...rest);
    };
    const one = ended(await withFileSystem({ fs: { writeFileSync: failing } }, () => runMain([...args, '--jobs', '1'], { cwd: dir })), /on one thread\.$/m);
    expect(one).toMatch(/releases\/r-401\.md as html\.\s+template\/render$/m);
    expect(one).toMatch(/ENOSPC: the disk is full\)\.\s+output\/write$/m);
    // Two threads do: each loads the failing write as the process does, before the tool.
    const two = spawnSync(process.execPath, ['--import', TAG_PAGES_FAIL, BIN, ...args, '--jobs', '2'], { cwd: dir, encoding: 'utf8', env: { PATH: process.env.PATH ?? '', NO_COLOR: '1' } });
    expect(ended({ code: two.status, stdout: two.stdout, stderr: two.stderr }, /with 2 build threads\.$/m)).toEqual(one);
  }, 60_000);
});
