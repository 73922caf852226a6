import { spawn } from 'node:child_process';
import { realpathSync } from 'node:fs';
import { cp, mkdir, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { buildProject, type BuildOptions } from '../src/app/build.js';
import { BuildCache, cachePath, folderIdentity } from '../src/app/incremental.js';
import { recoverOutputFolder } from '../src/io/output.js';
import { processStartTime } from '../src/io/processes.js';
import { BIN, NOW, fixture, removeFixture, runMain } from './helpers/cli.js';
import { hashTree, listTree } from './helpers/hostile.js';
import { ageRecord } from './helpers/record.js';
import { withFailingRename } from './helpers/failing-rename.js';

/**
 * A rebuild that changes a few files of many updates the output folder in
 * place: only the changed files are touched, the result is byte for byte
 * what a full build writes, an error part-way puts every file back, and a
 * build killed part-way is undone by the next one before it starts.
 */

const RELEASES = 30;
const LANGS = ['en', 'az', 'ru'] as const;

function releaseText(i: number, edition = ''): string {
  return `---\nid: release-${Math.floor(i / 3)}\ntitle: "Residence permits update ${i}${edition}"\ndate: 2026-05-${String((i % 27) + 1).padStart(2, '0')}\nlang: ${LANGS[i % 3]}\nstatus: published\nsummary: "Update ${i}."\nslug: release-${i}\ntags: [permits]\n---\nThe State Migration Service reviewed applications (case ${i}).\n`;
}

function project(): Record<string, string> {
  const files: Record<string, string> = {
    'migration-news.config.yaml': 'organisation:\n  name: State Migration Service\nsite:\n  url: https://press.example.az\n',
    'out/robots.txt': 'User-agent: *\n',
  };
  for (let i = 0; i < RELEASES; i++) files[`r/release-${i}.md`] = releaseText(i);
  return files;
}

/** The change every test makes: two releases in Azerbaijani edited, one deleted. */
async function change(dir: string): Promise<void> {
  await writeFile(join(dir, 'r/release-7.md'), releaseText(7, ' (revised)'));
  await writeFile(join(dir, 'r/release-19.md'), releaseText(19, ' (revised)'));
  await rm(join(dir, 'r/release-10.md'));
}

/** Takes `change` back. */
async function unchange(dir: string): Promise<void> {
  for (const i of [7, 10, 19]) await writeFile(join(dir, `r/release-${i}.md`), releaseText(i));
}

const build = (dir: string, out = 'out', extra: string[] = []) => runMain(['build', 'r', '--out', out, '--now', NOW, ...extra], { cwd: dir, env: { XDG_CACHE_HOME: join(dir, 'cache') } });

describe('a rebuild after a small change', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await fixture(project());
    const first = await build(dir);
    expect(first.code, first.stdout).toBe(0);
  });
  afterAll(async () => {
    if (dir) await removeFixture(dir);
  });

  it('touches only the files that changed, in the same folder, and writes what a full build writes', async () => {
    const out = join(dir, 'out');
    const before = await hashTree(out);
    const folder = (await stat(out)).ino;
    const inodes = new Map(await Promise.all(Object.keys(before).map(async (f) => [f, (await stat(join(out, f))).ino] as const)));
    await change(dir);
    const rebuilt = await build(dir);
    expect(rebuilt.code, rebuilt.stdout).toBe(0);
    expect(rebuilt.stdout).toMatch(/removed az\/release-10\.html: its release is gone/);

    const full = await build(dir, 'full');
    expect(full.code, full.stdout).toBe(0);
    const after = await hashTree(out);
    const expected = await hashTree(join(dir, 'full'));
    expect(after).toEqual({ ...expected, 'robots.txt': before['robots.txt'] });
    // The folder was updated, not replaced, and the pages of releases that did not change (nor their translations) are the very same files.
    expect((await stat(out)).ino).toBe(folder);
    const touched = new Set([6, 7, 8, 9, 10, 11, 18, 19, 20]);
    const release = (f: string) => /^[a-z]{2}\/release-(\d+)\./.exec(f)?.[1];
    const unchanged = Object.keys(before).filter((f) => release(f) !== undefined && !touched.has(Number(release(f))));
    expect(unchanged).toHaveLength((RELEASES - touched.size) * 3);
    for (const f of unchanged) expect((await stat(join(out, f))).ino, f).toBe(inodes.get(f));
    // The site's own files that come out the same (the other languages' listings, tag pages and feeds) are not written again either.
    const site = Object.keys(before).filter((f) => release(f) === undefined && after[f] === before[f] && f !== 'robots.txt');
    expect(site.length).toBeGreaterThan(3);
    for (const f of site) expect((await stat(join(out, f))).ino, f).toBe(inodes.get(f));
    expect(Object.keys(before).filter((f) => release(f) === undefined && after[f] !== before[f]).length).toBeGreaterThan(0);

    // A page of the site deleted or cut short by hand is written again, though its view is the same.
    const pages = site.filter((f) => f.endsWith('.html'));
    expect(pages.length).toBeGreaterThan(1);
    await rm(join(out, pages[0]!));
    await writeFile(join(out, pages[1]!), '<p>cut</p>');
    expect((await build(dir)).code).toBe(0);
    expect(await hashTree(out)).toEqual(after);
    expect((await readdir(dir)).filter((n) => n.includes('migration-news-'))).toEqual([]);
  });

  it('makes releases.json again from the entries that changed, taking the others from the file as the earlier build wrote it, and leaves the sitemap while its addresses and dates are the same', async () => {
    const manifest = join(dir, 'out/releases.json');
    const sitemap = join(dir, 'out/sitemap.xml');
    const taken = vi.spyOn(BuildCache.prototype, 'earlierPieces');
    const entriesTaken = () => taken.mock.results.map((result) => (result.value as ReadonlyMap<string, Uint8Array> | undefined)?.size);
    try {
      // A title changed: its entry and its translations' (which name it) are made again, and the first build's file gives all its
      // entries to be taken. The sitemap has no titles: a mark of the same length in it shows that it is left as it was.
      await writeFile(sitemap, (await readFile(sitemap, 'utf8')).replace('<lastmod>', '<LASTMOD>'));
      await writeFile(join(dir, 'r/release-7.md'), releaseText(7, ' (revised)'));
      expect((await build(dir)).code).toBe(0);
      expect(entriesTaken()).toEqual([RELEASES]);
      let rebuilt = await readFile(manifest, 'utf8');
      expect(rebuilt.match(/"title": "Residence permits update 7 \(revised\)"/g)).toHaveLength(3);
      expect(rebuilt).toBe(`${JSON.stringify(JSON.parse(rebuilt), null, 2)}\n`);
      expect(await readFile(sitemap, 'utf8')).toContain('<LASTMOD>');
      // A byte of another release's entry changed by hand, the size the same: no entry is taken from that file, and the next one made
      // has the entry as the release gives it.
      await writeFile(manifest, rebuilt.replace('"summary": "Update 4."', '"summary": "Marked 4."'));
      await writeFile(join(dir, 'r/release-7.md'), releaseText(7, ' (revised again)'));
      expect((await build(dir)).code).toBe(0);
      expect(entriesTaken()).toEqual([RELEASES, undefined]);
      rebuilt = await readFile(manifest, 'utf8');
      expect(rebuilt).toContain('"summary": "Update 4."');
      expect(rebuilt).not.toContain('Marked 4.');
      // A time given to the date, which leaves the release where it was among the others: the date of its address changes, and the
      // sitemap is made again.
      await writeFile(join(dir, 'r/release-7.md'), releaseText(7, ' (revised again)').replace('date: 2026-05-08', 'date: 2026-05-08T10:00:00+04:00'));
      expect((await build(dir)).code).toBe(0);
      expect(entriesTaken()).toEqual([RELEASES, undefined, RELEASES]);
      expect(await readFile(sitemap, 'utf8')).not.toContain('<LASTMOD>');
      expect((await build(dir, 'full')).code).toBe(0);
      expect(await readFile(manifest, 'utf8')).toBe(await readFile(join(dir, 'full/releases.json'), 'utf8'));
      expect(await readFile(sitemap, 'utf8')).toBe(await readFile(join(dir, 'full/sitemap.xml'), 'utf8'));
    } finally {
      taken.mockRestore();
    }
  });

  it('writes again, with --force, a page whose bytes were damaged though they read as the same text', async () => {
    // A replacement character in the release, and in its page three bytes that are no UTF-8 but decode to one.
    await writeFile(join(dir, 'r/release-4.md'), releaseText(4).replace('(case 4)', '(case 4 \uFFFD)'));
    expect((await build(dir)).code).toBe(0);
    const page = join(dir, 'out/az/release-4.html');
    const good = await readFile(page);
    const at = good.indexOf(Buffer.from('\uFFFD'));
    expect(at).toBeGreaterThan(0);
    const damaged = Buffer.concat([good.subarray(0, at), Buffer.from([0xf0, 0x9f, 0x98]), good.subarray(at + 3)]);
    expect(damaged.toString('utf8')).toBe(good.toString('utf8'));
    await writeFile(page, damaged);
    const forced = await build(dir, 'out', ['--force']);
    expect(forced.stdout).toMatch(/Wrote 1 file to out/);
    expect((await readFile(page)).equals(good)).toBe(true);
  });

  it('leaves the manifest as it is when it says the same, and writes it again when it does not', async () => {
    const manifest = join(dir, 'out', '.migration-news-manifest.json');
    const first = await readFile(manifest, 'utf8');
    const inode = (await stat(manifest)).ino;
    // A change to a release's text: its pages are written again, the list of outputs is the same.
    await writeFile(join(dir, 'r/release-7.md'), releaseText(7).replace('(case 7)', '(case 7, revised)'));
    const rebuilt = await build(dir);
    expect(rebuilt.code, rebuilt.stdout).toBe(0);
    expect(rebuilt.stdout).toMatch(/Wrote [1-9]\d* files?/);
    expect((await stat(manifest)).ino).toBe(inode);
    expect(await readFile(manifest, 'utf8')).toBe(first);

    // A manifest mended by hand (an entry that is no safe path, one without its kind) is written again as the build's own.
    const edited = JSON.parse(first) as { files: Record<string, Record<string, unknown>> };
    edited.files['../outside.html'] = { release: '', source: '', kind: 'site', public: true };
    delete edited.files['en/release-0.html']!.kind;
    edited.files['en/release-3.html']!.note = 'checked by hand';
    await writeFile(manifest, JSON.stringify(edited));
    await writeFile(join(dir, 'r/release-7.md'), releaseText(7).replace('(case 7)', '(case 7, revised twice)'));
    expect((await build(dir)).code).toBe(0);
    expect(await readFile(manifest, 'utf8')).toBe(first);
    // A key added by hand and nothing else: still written again, as the build's own.
    await writeFile(manifest, first.replace('"mode"', '"note": "checked by hand",\n "mode"'));
    await writeFile(join(dir, 'r/release-7.md'), releaseText(7).replace('(case 7)', '(case 7, revised three times)'));
    expect((await build(dir)).code).toBe(0);
    expect(await readFile(manifest, 'utf8')).toBe(first);
  });
});

/**
 * Runs a build in a child process that is killed at the n-th `rename`
 * inside the output folder: a real build, stopped at a real step of its
 * commit (`buildFailingAt` makes that rename fail instead). At `done` it is
 * killed the moment its update in place counts as done (its journal
 * deleted), before it writes its build record. The child is the binary
 * (bin/migration-news.js on the built lib/), as a user runs it, with
 * `fs.promises` patched before it loads: its bundle calls `rename` and
 * `unlink` through that module object, so the patch sees every call.
 */
function buildStoppedAt(dir: string, n: number | 'manifest' | 'done'): Promise<{ code: number | null; signal: NodeJS.Signals | null; output: string }> {
  const script = `
const fsp = require('node:fs/promises');
const out = ${JSON.stringify(join(dir, 'out'))};
const rename = fsp.rename;
const unlink = fsp.unlink;
let calls = 0;
if (${JSON.stringify(n)} === 'done') {
  fsp.unlink = async (path) => {
    await unlink(path);
    if (String(path).endsWith('/.update-journal.json')) process.kill(process.pid, 'SIGKILL');
  };
}
fsp.rename = async (from, to) => {
  if (String(from).startsWith(out + '/') || String(to).startsWith(out + '/')) {
    calls++;
    // 'manifest': once the manifest is in place, the last step before the update counts as done.
    if (${JSON.stringify(n)} === 'manifest' && String(to) === out + '/.migration-news-manifest.json') {
      await rename(from, to);
      process.kill(process.pid, 'SIGKILL');
    }
    if (calls === ${JSON.stringify(n)}) process.kill(process.pid, 'SIGKILL');
  }
  return rename(from, to);
};
process.argv = [process.execPath, ${JSON.stringify(BIN)}, 'build', 'r', '--out', 'out', '--now', ${JSON.stringify(NOW)}];
require(${JSON.stringify(BIN)});
`;
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['-e', script], { cwd: dir, env: { NO_COLOR: '1', XDG_CACHE_HOME: join(dir, 'cache') }, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (output += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (output += d));
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ code, signal, output }));
  });
}

/**
 * Runs a build in this process whose n-th `rename` inside the output folder
 * fails: a failure leaves the process running, so it needs no child process
 * of its own (a kill does: `buildStoppedAt`).
 */
async function buildFailingAt(dir: string, n: number): Promise<{ code: number | null; output: string }> {
  const { result: run, calls } = await withFailingRename(join(dir, 'out'), n, () => build(dir));
  expect(calls, 'renames in the output folder').toBeGreaterThanOrEqual(n);
  return { code: run.code, output: run.stdout + run.stderr };
}

describe('an update in place stopped part-way', () => {
  let dir: string;
  let previous: Record<string, string>;
  let next: Record<string, string>;

  /** The first build's record: a stopped commit that was undone leaves the folder as it says. */
  let record: { path: string; bytes: Buffer };

  beforeAll(async () => {
    dir = await fixture(project());
    expect((await build(dir)).code).toBe(0);
    previous = await hashTree(join(dir, 'out'));
    const path = cachePath(join(dir, 'cache', 'migration-news'), realpathSync(join(dir, 'out')));
    record = { path, bytes: await readFile(path) };
    await change(dir);
    expect((await build(dir, 'expected')).code).toBe(0);
    next = { ...(await hashTree(join(dir, 'expected'))), 'robots.txt': previous['robots.txt']! };
  }, 60_000);
  afterAll(() => removeFixture(dir));

  it('puts every file back at once when a step fails, and says so, keeping the earlier record', async () => {
    // The first step and a late one: a failure, unlike a kill, leaves the process running, so the build runs in this one.
    for (const n of [1, 9]) {
      const run = await buildFailingAt(dir, n);
      expect(run.code, run.output).toBe(2);
      expect(run.output).toMatch(/injected failure|EIO/);
      expect(run.output).toMatch(/put back unchanged/);
      expect(await hashTree(join(dir, 'out')), `failure at rename ${n}`).toEqual(previous);
      expect((await readdir(dir)).filter((name) => name.includes('migration-news-'))).toEqual([]);
      // The record was dropped as the update began and kept again once it was undone, with the times the put-back gave the folders it moved files in.
      const kept = await readFile(record.path);
      const head = (bytes: Buffer) => JSON.parse(bytes.toString('utf8', 0, bytes.indexOf(10))) as { folder: string; folders: Record<string, string> };
      // Its lines after the first as they were, but for the seal, which covers the first.
      const lines = (bytes: Buffer) => bytes.toString('utf8').split('\n').slice(1, -2);
      expect(lines(kept), `record after rename ${n}`).toEqual(lines(record.bytes));
      expect(lines(kept).length).toBeGreaterThan(25);
      const { folder, folders, ...rest } = head(kept);
      const { folder: _folder, folders: _folders, ...earlier } = head(record.bytes);
      expect(rest).toEqual(earlier);
      expect(Object.keys(folders).sort()).toEqual(['az', 'az/tags', 'en', 'en/tags', 'ru', 'ru/tags']);
      expect(folder).toBe(folderIdentity(join(dir, 'out')));
      for (const [name, identity] of Object.entries(folders)) expect(identity, name).toBe(folderIdentity(join(dir, 'out', name)));
    }
    // So the next run is a rebuild again, its commit an update in place: only the releases changed (and their translations) are rendered.
    const folderInode = (await stat(join(dir, 'out'))).ino;
    const next = await build(dir);
    expect(next.stdout).toMatch(/Wrote \d+ files to out \(21 releases already up to date\)/);
    expect((await stat(join(dir, 'out'))).ino).toBe(folderInode);
  }, 60_000);

  it('is undone by the next build when killed part-way, which then finishes the job', async () => {
    for (const n of [2, 11]) {
      // A killed commit leaves no record (see the test below), and its put-back changed the folders' times: a build of the releases as they were
      // makes the folder and its record what the first build left, for the next commit to be an update in place.
      await unchange(dir);
      expect((await build(dir)).code).toBe(0);
      expect(await hashTree(join(dir, 'out'))).toEqual(previous);
      await change(dir);
      const run = await buildStoppedAt(dir, n);
      expect(run.signal, run.output).toBe('SIGKILL');
      // The killed build left its journal beside the output; what the next build does first puts the old output back.
      expect((await readdir(dir)).some((name) => name.includes('migration-news-staging-'))).toBe(true);
      await recoverOutputFolder(join(dir, 'out'));
      expect(await hashTree(join(dir, 'out')), `killed at rename ${n}`).toEqual(previous);
      expect((await listTree(join(dir, 'out'), true)).filter((f) => /staging|journal|replaced/.test(f))).toEqual([]);
      // Only the killed build's lock is left, for the next build to take over.
      expect((await readdir(dir)).filter((name) => name.includes('migration-news-'))).toEqual(['.out.migration-news-lock']);
    }
    // Killed right after the last file went into place: the next build first puts the old output back, so it reads the old manifest and removes what it must.
    await unchange(dir);
    expect((await build(dir)).code).toBe(0);
    await change(dir);
    const last = await buildStoppedAt(dir, 'manifest');
    await expect(readFile(record.path), 'a record left by a killed commit').rejects.toThrow(/ENOENT/);
    expect(last.signal).toBe('SIGKILL');
    const finished = await build(dir);
    expect(finished.code, finished.stdout).toBe(0);
    expect(finished.stdout).toMatch(/removed az\/release-10\.html: its release is gone/);
    expect(await hashTree(join(dir, 'out'))).toEqual(next);
    expect((await readdir(dir)).filter((name) => name.includes('migration-news-'))).toEqual([]);
  }, 60_000);
});

describe('a build killed once its update in place is done, before it writes its record', () => {
  it('leaves no record of the folder as it was, so the next build writes what a full build writes', async () => {
    const dir = await fixture(project());
    try {
      expect((await build(dir)).code).toBe(0);
      // A full build of the project as it is now, and as it is again at the end, when the revision is taken back.
      const expected = await hashTree(join(dir, 'out'));
      // The release is revised, and the build that writes the revision is killed before its record is kept.
      await writeFile(join(dir, 'r/release-7.md'), releaseText(7, ' (revised)'));
      const killed = await buildStoppedAt(dir, 'done');
      expect(killed.signal, killed.output).toBe('SIGKILL');
      expect(await readFile(join(dir, 'out/az/release-7.html'), 'utf8')).toContain('(revised)');
      // Then the revision is taken back: the earlier build's record, were it still there, would call the page up to date.
      await writeFile(join(dir, 'r/release-7.md'), releaseText(7));
      const next = await build(dir);
      expect(next.code, next.stdout).toBe(0);
      expect(await readFile(join(dir, 'out/az/release-7.html'), 'utf8')).not.toContain('(revised)');
      expect(await hashTree(join(dir, 'out'))).toEqual(expected);
    } finally {
      await removeFixture(dir);
    }
  }, 60_000);
});

describe('builds into one folder that keep their records apart', () => {
  it('take no page another build changed for one they recorded, and each writes what a full build writes', async () => {
    // Listing pages of one release each, and pages in HTML only: a build that renders every release changes fewer than half the folder's files,
    // and updates it in place, as it updates a site whose listings, tag pages and feeds outnumber its releases.
    const files = project();
    files['migration-news.config.yaml'] += '  pageSize: 1\n';
    const dir = await fixture(files);
    try {
      // Two cache folders (a CI job's and a person's, say), and a build that keeps no record (its cache folder lies in the output folder).
      const buildWith = (cache: string) => runMain(['build', 'r', '--out', 'out', '--format', 'html', '--now', NOW], { cwd: dir, env: { XDG_CACHE_HOME: join(dir, cache) } });
      expect((await buildWith('cache-a')).code).toBe(0);
      const expected = await hashTree(join(dir, 'out'));
      for (const other of ['cache-b', 'out/.cache']) {
        // A revision of the body, of the same length: the release's pages change, and the feeds that carry it, at the same sizes.
        await writeFile(join(dir, 'r/release-7.md'), releaseText(7).replace('reviewed applications', 'REVIEWED APPLICATIONS'));
        const revised = await buildWith(other);
        expect(revised.code, revised.stdout).toBe(0);
        expect(await readFile(join(dir, 'out/az/release-7.html'), 'utf8')).toContain('REVIEWED APPLICATIONS');
        expect(await readFile(join(dir, 'out/az/feed.xml'), 'utf8')).toContain('REVIEWED APPLICATIONS');
        expect(revised.stdout).toMatch(/Wrote \d+ files to out/);
        // Taken back: the first record knows the release as it is again, and must not call the revised pages up to date.
        await writeFile(join(dir, 'r/release-7.md'), releaseText(7));
        const back = await buildWith('cache-a');
        expect(back.code, back.stdout).toBe(0);
        expect(await hashTree(join(dir, 'out')), `after a build with ${other}`).toEqual(expected);
        // The folder as that build left it is the one its record describes: the next build with it writes nothing.
        const again = await buildWith('cache-a');
        expect(again.stdout).toMatch(/Wrote 0 files to out \(30 releases already up to date\)/);
      }
      // A commit that fails and is put back brings the record up to the folders' new times only for those it had found as recorded:
      // another build's change before it still counts.
      await writeFile(join(dir, 'r/release-7.md'), releaseText(7).replace('reviewed applications', 'REVIEWED APPLICATIONS'));
      expect((await buildWith('cache-b')).code).toBe(0);
      await writeFile(join(dir, 'r/release-7.md'), releaseText(7));
      await writeFile(join(dir, 'r/release-1.md'), releaseText(1, ' (revised)'));
      const { result: failed } = await withFailingRename(join(dir, 'out'), 1, () => buildWith('cache-a'));
      expect(failed.code, failed.stdout).toBe(2);
      expect(failed.stderr + failed.stdout).toMatch(/put back unchanged/);
      const after = await buildWith('cache-a');
      expect(after.code, after.stdout).toBe(0);
      await writeFile(join(dir, 'r/release-1.md'), releaseText(1));
      expect((await buildWith('cache-a')).code).toBe(0);
      expect(await hashTree(join(dir, 'out')), 'after a put-back').toEqual(expected);
    } finally {
      await removeFixture(dir);
    }
  }, 60_000);
});

describe('an output folder put back from a copy', () => {
  it('is not taken for the folder the record describes: the next build writes what a full build writes', async () => {
    const dir = await fixture(project());
    try {
      expect((await build(dir)).code).toBe(0);
      await cp(join(dir, 'out'), join(dir, 'backup'), { recursive: true, preserveTimestamps: true });
      // One release's body is revised and built; then the folder is put back from the copy (a backup, a CI cache).
      await writeFile(join(dir, 'r/release-7.md'), releaseText(7, ' (revised)'));
      expect((await build(dir)).code).toBe(0);
      await rm(join(dir, 'out'), { recursive: true });
      await cp(join(dir, 'backup'), join(dir, 'out'), { recursive: true, preserveTimestamps: true });
      const next = await build(dir);
      expect(next.code, next.stdout).toBe(0);
      expect(await readFile(join(dir, 'out/az/release-7.html'), 'utf8')).toContain('(revised)');
      expect((await build(dir, 'expected')).code).toBe(0);
      const expected = await hashTree(join(dir, 'expected'));
      expect(await hashTree(join(dir, 'out'))).toEqual({ ...expected, 'robots.txt': (await hashTree(join(dir, 'out')))['robots.txt']! });
      // And the folder as this build left it is the one its record describes: the next build is a rebuild again.
      expect((await build(dir)).stdout).toMatch(/Wrote 0 files to out \(\d+ releases already up to date\)/);
    } finally {
      await removeFixture(dir);
    }
  }, 60_000);
});

describe('an update in place killed part-way, at old addresses', () => {
  it('is undone for redirect pages whose names are not the build\'s own lower-case ones', async () => {
    const dir = await fixture({
      // What the killed update did: a new redirect page in a new folder, one put over an earlier one, one removed.
      'out/2014/Старая-новость.html': 'new\n',
      'out/Old Title.html': 'new\n',
      'out/en/kept.html': 'kept\n',
      // The staging folder of a build whose process is gone, with the earlier files it set aside.
      '.out.migration-news-staging-999999-dead/.replaced/Old Title.html': 'old\n',
      '.out.migration-news-staging-999999-dead/.replaced/Removed-Page.html': 'removed\n',
    });
    try {
      const ino = async (path: string) => (await stat(join(dir, 'out', path))).ino;
      const journal = {
        files: [{ path: 'Old Title.html', ino: await ino('Old Title.html'), replaced: true }, { path: '2014/Старая-новость.html', ino: await ino('2014/Старая-новость.html'), replaced: false }],
        removed: ['Removed-Page.html'],
        folders: ['2014'],
      };
      await writeFile(join(dir, '.out.migration-news-staging-999999-dead', '.update-journal.json'), JSON.stringify(journal));
      await recoverOutputFolder(join(dir, 'out'));
      expect((await listTree(join(dir, 'out'))).sort()).toEqual(['Old Title.html', 'Removed-Page.html', 'en/kept.html']);
      expect(await readFile(join(dir, 'out', 'Old Title.html'), 'utf8')).toBe('old\n');
      expect(await readFile(join(dir, 'out', 'Removed-Page.html'), 'utf8')).toBe('removed\n');
      expect((await readdir(dir)).filter((name) => name.includes('migration-news-'))).toEqual([]);
    } finally {
      await removeFixture(dir);
    }
  });
});

describe('a staging folder of a build killed once its update was done, or by a process whose pid is in use again', () => {
  it('has the folders its removals emptied removed, nothing undone; and a live pid of another start does not keep it', async () => {
    // A pid that runs now (this test's parent), named with a start it does not have: the build that made the folder is gone, its pid reused.
    const reused = processStartTime(process.pid) === undefined ? 999_999 : process.ppid;
    const staging = `.out.migration-news-staging-${reused}-t1-ab`;
    const dir = await fixture({
      'out/en/kept.html': 'kept\n',
      'out/en/new.html': 'new\n',
      [`${staging}/.replaced/en/new.html`]: 'old\n',
      [`${staging}/.replaced/en/draft-slug/photo.png`]: 'png\n',
      [`${staging}/.replaced/old/a101/index.html`]: 'redirect\n',
    });
    try {
      await mkdir(join(dir, 'out/en/draft-slug'));
      await mkdir(join(dir, 'out/old/a101'), { recursive: true });
      const journal = { files: [{ path: 'en/new.html', ino: 1, replaced: true }], removed: ['en/draft-slug/photo.png', 'old/a101/index.html'], folders: [], done: true };
      await writeFile(join(dir, staging, '.update-journal.json'), JSON.stringify(journal));
      await recoverOutputFolder(join(dir, 'out'));
      // The emptied folders, named by a draft's slug and an alias, are gone; the update itself stands.
      expect([await readdir(join(dir, 'out')), (await readdir(join(dir, 'out/en'))).sort()]).toEqual([['en'], ['kept.html', 'new.html']]);
      expect(await readFile(join(dir, 'out/en/new.html'), 'utf8')).toBe('new\n');
      expect((await readdir(dir)).filter((name) => name.includes('migration-news-'))).toEqual([]);
    } finally {
      await removeFixture(dir);
    }
  });
});

describe('the checks an earlier build recorded', () => {
  let dir: string;
  afterAll(async () => {
    if (dir) await removeFixture(dir);
  });

  it('are reused without reading the files whose size, times and inode are unchanged, unless written in the instant they were read', async () => {
    dir = await fixture(project());
    const options = (out = 'out'): BuildOptions => ({
      cwd: dir, paths: ['r'], out, formats: ['html', 'text', 'json'], template: 'default', keepGoing: false,
      now: Date.parse(NOW), cacheDir: join(dir, 'cache'), jobs: 2, minReleasesPerThread: 1,
    });
    // Its threads wait for the next build, which takes them and stops them once done: two builds on threads started once.
    const first = await buildProject({ ...options(), keepThreads: true });
    expect(first.threads).toBe(2);
    // The files were written a moment before they were read: their times prove nothing, so they are read (by the threads) and hashed.
    const again = await buildProject(options());
    expect(again).toMatchObject({ threads: 2, reused: RELEASES, rendered: 0 });

    // As if the files had been read long after they were written: now their times are trusted, and nothing is read.
    const record = cachePath(join(dir, 'cache'), realpathSync(join(dir, 'out')));
    await ageRecord(record);
    const trusted = await buildProject(options());
    expect(trusted).toMatchObject({ threads: 0, reused: RELEASES, rendered: 0, built: RELEASES });

    // An edited file has new times: it alone is read, and it and its translations are rendered again.
    await writeFile(join(dir, 'r/release-7.md'), releaseText(7, ' (revised)'));
    const edited = await buildProject({ ...options(), minReleasesPerThread: 2 });
    // One file to read and three releases to render are no work for two threads at two releases each.
    expect(edited).toMatchObject({ threads: 0, reused: RELEASES - 1, rendered: 3 });
    const full = await buildProject({ ...options('full'), force: true, jobs: 1 });
    expect(full.rendered).toBe(RELEASES);
    const { 'robots.txt': _foreign, ...built } = await hashTree(join(dir, 'out'));
    expect(built).toEqual(await hashTree(join(dir, 'full')));
    expect(edited.diagnostics).toEqual(full.diagnostics);
  }, 60_000);
});
