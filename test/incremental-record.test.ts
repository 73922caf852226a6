import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, realpathSync, rmSync, utimesSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { chmod, lstat, readdir, readFile, rm, stat, symlink, utimes, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { buildProject, type BuildOptions } from '../src/app/build.js';
import { checkText, type CheckOutcome } from '../src/app/check.js';
import { BuildCache, cachePath, clockInstants, folderIdentity, identityOf, parseState, provesNothing, PRUNED_FILE, readCache, SEAL_KEY_FILE, translationsKey, writeCache } from '../src/app/incremental.js';
import type { Translation } from '../src/core/collection.js';
import { joinPieces } from '../src/app/site.js';
import { FRESH } from '../src/core/objects.js';
import type { PiecedText } from '../src/core/site/index.js';
import { DEFAULT_CONFIG } from '../src/io/config.js';
import { holdsText, writeStaged } from '../src/io/output.js';
import { fixture, NOW, removeFixture, runMain } from './helpers/cli.js';
import { hashTree } from './helpers/hostile.js';
import { ageRecord, editRecord } from './helpers/record.js';

/**
 * The build record is written packed (places as arrays, the translations a
 * page links to as a hash) and read back as it was: every release, place and
 * rendering key for key, in the same order.
 */

const now = Date.parse(NOW);

/** A cache's record as text, its pieces joined: text, and the bytes of lines it reused. */
function recordOf(cache: BuildCache): string {
  return Buffer.concat([...cache.stateText()].map((piece) => (typeof piece === 'string' ? Buffer.from(piece) : piece))).toString();
}

function outcomeOf(text: string, display: string): CheckOutcome {
  const result = checkText(text, display, { config: DEFAULT_CONFIG, now });
  const release = result.release!;
  expect(release, JSON.stringify(result.diagnostics)).toBeDefined();
  return { diagnostics: result.diagnostics, checked: { release, source: { path: `/p/${display}`, size: text.length, mtimeMs: 1, bodyStart: result.bodyStart } } };
}

describe('the build record', () => {
  it('reads back what it wrote, key for key, however it is packed', () => {
    const cache = new BuildCache('/out', 'print', now, 'Asia/Baku', undefined);
    const a = outcomeOf('---\ntitle: "Work permits: new rules"\ndate: 2026-05-01\nlang: en\nstatus: published\nslug: work-permits\naliases: [old-work-permits, "/news/2026/permits.html"]\ntags: [permits]\n---\nText.\n', 'r/a.md');
    // No `status` (its place is the id's), an embargo, and a warning of its own.
    const b = outcomeOf('---\nid: permits-2026\ntitle: "İş icazələri"\ndate: 2026-05-01\nlang: az\nembargo: 2026-05-01T09:00:00+04:00\n---\nMətn.\n', 'r/b.md');
    // A place in another file is kept whole.
    b.checked!.release.dateAt = { ...a.checked!.release.dateAt, file: 'r/a.md' };
    const translations: Translation[] = [{ lang: 'az', title: 'İş icazələri', slug: 'is-icazeleri' } as Translation];
    for (const [file, outcome] of [['r/a.md', a], ['r/b.md', b]] as const) {
      cache.checked({ path: `/p/${file}`, display: file }, { outcome, hash: `hash-${file}`, size: 10, mtimeMs: 1 });
      cache.rendered(outcome.checked!, translations, [`${outcome.checked!.release.lang}/x.html`], file === 'r/a.md' ? '<p>Text.</p>' : undefined);
    }
    const unpacked = JSON.stringify([a, b]);
    const text = recordOf(cache);
    expect(text).toContain('"slugAt":[6,7,6,19,'); // packed
    // Packed only in the text: the releases in memory are as they were.
    expect(JSON.stringify([a, b])).toBe(unpacked);
    const state = parseState(Buffer.from(text), 'print')!;
    expect(state).toBeDefined();
    for (const [file, outcome] of [['r/a.md', a], ['r/b.md', b]] as const) {
      const record = state.files[`/p/${file}`]!;
      // Key order too: a release read back renders the same bytes.
      expect(JSON.stringify(record.outcome.release)).toBe(JSON.stringify(outcome.checked!.release));
      expect(record.outcome.release).toEqual(outcome.checked!.release);
      expect(record.outcome.diagnostics).toEqual(outcome.diagnostics);
      expect(record.render!.translations).toBe(translationsKey(translations));
      const line = state.lines.get(`/p/${file}`)!;
      expect(state.bytes.toString('utf8', state.starts[line], state.starts[line + 1])).toBe(`${text.split('\n').find((line) => line.startsWith(`"/p/${file}"\t`))}\n`);
    }
    expect(state.files['/p/r/b.md']!.outcome.release!.aliasesAt).toBeUndefined();
    expect(state.files['/p/r/a.md']!.outcome.release!.aliasesAt).toHaveLength(2);
    expect(state.files['/p/r/a.md']!.render!.bodyHtml).toBe('<p>Text.</p>');
  });

  it('is not trusted when it is not as a build writes it', () => {
    const cache = new BuildCache('/out', 'print', now, 'Asia/Baku', undefined);
    const outcome = outcomeOf('---\ntitle: "Work permits"\ndate: 2026-05-01\nlang: en\nstatus: published\n---\nText.\n', 'r/a.md');
    cache.checked({ path: '/p/r/a.md', display: 'r/a.md' }, { outcome, hash: 'h', size: 10, mtimeMs: 1 });
    cache.rendered(outcome.checked!, [], ['en/work-permits.html']);
    const text = recordOf(cache);
    expect(parseState(Buffer.from(text), 'print')).toBeDefined();
    expect(parseState(Buffer.from(text), 'another print')).toBeUndefined();
    expect(parseState(Buffer.from(text.replace('\t', ' ')), 'print')).toBeUndefined();
    expect(parseState(Buffer.from(text.replace('"file":null', '"file":7')), 'print')).toBeUndefined();
    expect(parseState(Buffer.from(text.slice(0, -3)), 'print')).toBeUndefined();
  });
});

describe('the moments a check depends on', () => {
  it('are the release\'s date, its embargo, and a time written under a key that is not read as one while its status publishes it', () => {
    const instants = (fields: string) => clockInstants(outcomeOf(`---\ntitle: T\ndate: 2026-05-01\nlang: en\n${fields}---\nText.\n`, 'r/a.md'), 'Asia/Baku');
    const [date, embargo, until] = ['2026-05-01T00:00:00+04:00', '2026-05-01T09:00:00+04:00', '2026-11-01T10:00:00+04:00'].map((time) => Date.parse(time));
    expect(instants('status: published\nembargo: 2026-05-01T09:00:00+04:00\n')).toEqual([date, embargo]);
    // `publication/embargo-key` is an error before that time and not after it (a rebuild with an earlier --now): the clock passing it changes the check.
    expect(instants('status: published\nembargo_until: 2026-11-01T10:00:00+04:00\nembargo_note: 2026-11-02\n')).toEqual([date, until]);
    expect(instants('status: draft\nembargo_until: 2026-12-01T10:00:00+04:00\n')).toEqual([date]);
  });
});

describe('a rebuild\'s record', () => {
  let dir: string;
  afterAll(async () => {
    if (dir) await removeFixture(dir);
  });

  it('writes back the lines of the files it reused as they were read, and the line of a changed file anew', async () => {
    const files: Record<string, string> = {};
    // Letters beyond Latin-1, so that the record's bytes are not its characters.
    for (let i = 0; i < 4; i++) files[`r/release-${i}.md`] = `---\ntitle: "İş icazələri: вид на жительство ${i}"\ndate: 2026-05-0${i + 1}\nlang: az\nstatus: published\n---\nMətn ${i}.\n`;
    dir = await fixture(files);
    const options: BuildOptions = { cwd: dir, paths: ['r'], out: 'out', formats: ['html'], template: 'default', keepGoing: false, now, cacheDir: join(dir, 'cache'), jobs: 1 };
    const record = () => cachePath(join(dir, 'cache'), realpathSync(join(dir, 'out')));
    /** The record's lines, seal left out. */
    const lines = async () => (await readFile(record(), 'utf8')).split('\n').slice(0, -2);
    await buildProject(options);
    await ageRecord(record());
    // A key no build writes, in one file's line: made again from what was read, the line would lose it.
    await editRecord(record(), (file) => {
      if (file.display === 'r/release-1.md') Object.assign(file, { note: 'as read' });
    });
    const first = await lines();
    expect(first.filter((line) => line.includes('"note":"as read"'))).toHaveLength(1);
    // What the record is written from: lines read that follow each other are given as one range of the earlier record's bytes.
    const stateText = BuildCache.prototype.stateText;
    let pieces: (string | Uint8Array)[] = [];
    const spy = vi.spyOn(BuildCache.prototype, 'stateText').mockImplementation(function* (this: BuildCache) {
      for (const piece of stateText.call(this)) {
        pieces.push(piece);
        yield piece;
      }
    });
    const ranges = () => pieces.filter((piece) => typeof piece !== 'string').map((piece) => Buffer.from(piece).toString().split('\n').length - 1);
    try {
      const again = await buildProject(options);
      expect(again.reused).toBe(4);
      expect(await lines()).toEqual(first);
      expect(ranges()).toEqual([4]);

      pieces = [];
      await writeFile(join(dir, 'r/release-2.md'), files['r/release-2.md']!.replace('Mətn 2.', 'Mətn 2, yenilənib.'));
      const changed = await buildProject(options);
      expect(changed.reused).toBe(3);
      // The first two lines, then the fourth: the third is made again.
      expect(ranges()).toEqual([2, 1]);
    } finally {
      spy.mockRestore();
    }
    // By file: the changed file's line comes first, as its check came before the others were taken from the record.
    const byFile = (all: string[]) => new Map(all.filter((line) => line.includes('\t')).map((line) => [line.slice(0, line.indexOf('\t')), line]));
    const before = byFile(first);
    const after = byFile(await lines());
    expect([...after.keys()].sort()).toEqual([...before.keys()].sort());
    for (const [file, line] of after) {
      if (file.includes('release-2.md')) expect(line).not.toBe(before.get(file));
      else expect(line).toBe(before.get(file));
    }
  });
});

describe('the identity of an output folder, taken for the record', () => {
  it('is not taken from a change time kept to the second and that recent, which a change within the second would leave as it is', () => {
    const second = 1_796_000_000_000;
    const ns = (ms: number) => BigInt(ms) * 1_000_000n;
    // A file system that keeps the second alone (FAT, HFS+, ext4 with small inodes): three seconds or more before, the time tells.
    expect(provesNothing(ns(second), second + 500)).toBe(true);
    expect(provesNothing(ns(second), second + 2_900)).toBe(true);
    expect(provesNothing(ns(second), second + 3_001)).toBe(false);
    // One with finer times: any change moves them.
    expect(provesNothing(ns(second) + 1_000n, second + 10)).toBe(false);
    expect(provesNothing(ns(second + 7), second + 10)).toBe(false);
    // This machine's folders: taken, compared as they are.
    const folder = mkdtempSync(join(tmpdir(), 'migration-news-identity-'));
    try {
      const identity = folderIdentity(folder);
      expect(identity).toMatch(/^\d+:\d+:\d+:\d+$/);
      const [ctimeNs, mtimeNs] = identity!.split(':').slice(2).map((time) => BigInt(time));
      expect(folderIdentity(folder, Date.now())).toBe(provesNothing(ctimeNs!, Date.now()) || provesNothing(mtimeNs!, Date.now()) ? undefined : identity);
      // A modification time to the second and recent, as FAT keeps it, proves nothing either, whatever the change time says.
      const second = new Date(Math.floor(Date.now() / 1000) * 1000);
      utimesSync(folder, second, second);
      expect(folderIdentity(folder, Date.now())).toBeUndefined();
      expect(folderIdentity(folder, second.getTime() + 3_001)).toBeDefined();
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });

  it('moves with the modification time as with the change time: a file system may keep a folder\'s creation time as its change time (FAT under older Linux kernels)', () => {
    const info = { dev: 2049n, ino: 77n, ctimeNs: 1_796_000_000_120_000_000n, mtimeNs: 1_796_000_100_000_000_000n };
    // An entry removed: only the modification time moved.
    expect(identityOf({ ...info, mtimeNs: info.mtimeNs + 2_000_000_000n })).not.toBe(identityOf(info));
    expect(identityOf({ ...info, ctimeNs: info.ctimeNs + 1n })).not.toBe(identityOf(info));
    expect(identityOf({ ...info })).toBe(identityOf(info));
  });
});

describe('writing the record', () => {
  let dir: string;
  afterAll(async () => {
    if (dir) await removeFixture(dir);
  });

  it('writes text and bytes in order, in pieces of about a megabyte, sealed as one', async () => {
    dir = await fixture({});
    const line = (i: number) => `"/p/r-${i}.md"\t{"title":"İş icazələri — вид на жительство ${i}"}\n`;
    // Text and bytes in turn, some 3 MB in all, ending with bytes; and a record that is text alone.
    const pieces = Array.from({ length: 40_000 }, (_, i) => (i % 3 === 0 ? Buffer.from(line(i)) : line(i)));
    for (const [out, record] of [['/out/a', pieces], ['/out/b', ['{"head":1}\n']]] as const) {
      writeCache(dir, out, record);
      const expected = Buffer.concat(record.map((piece) => (typeof piece === 'string' ? Buffer.from(piece) : piece)));
      expect(Buffer.from(readCache(dir, out)!).equals(expected)).toBe(true);
    }
    expect(readCache(dir, '/out/c')).toBeUndefined();
  });
});

describe('the site\'s files in the build record', () => {
  let dir: string;
  afterAll(async () => {
    if (dir) await removeFixture(dir);
  });

  it('are kept by what they are made from, not by the build\'s clock', async () => {
    const files: Record<string, string> = { 'migration-news.config.yaml': 'site:\n  url: https://press.example.az\n' };
    for (let i = 0; i < 3; i++) files[`r/release-${i}.md`] = `---\ntitle: "Work permits update ${i}"\ndate: 2026-05-0${i + 1}\nlang: en\nstatus: published\n---\nText ${i}.\n`;
    dir = await fixture(files);
    const options: BuildOptions = { cwd: dir, paths: ['r'], out: 'out', formats: ['html', 'text', 'json'], template: 'default', keepGoing: false, now, cacheDir: join(dir, 'cache'), jobs: 1 };
    const views = async () => {
      const text = await readFile(cachePath(join(dir, 'cache'), realpathSync(join(dir, 'out'))), 'utf8');
      const pages = JSON.parse(text.split('\n').at(-3)!) as Record<string, { view: string }>;
      return Object.fromEntries(['en/feed.xml', 'en/feed.json', 'sitemap.xml', 'releases.json'].map((path) => [path, pages[path]?.view]));
    };
    await buildProject(options);
    const first = await views();
    expect(Object.values(first).every((view) => typeof view === 'string')).toBe(true);
    // A day later, nothing changed: every file is kept by the same key.
    await buildProject({ ...options, now: now + 86_400_000 });
    expect(await views()).toEqual(first);
  });
});

/** A cache of the output folder `dir` from a record's text (none: a first build), whose manifest calls the site's own the paths `own` names. */
function siteCache(dir: string, text: string | undefined, own: (path: string) => boolean = () => true): BuildCache {
  return new BuildCache(dir, 'print', now, 'Asia/Baku', text === undefined ? undefined : Buffer.from(text), true, own);
}

describe('a site file', () => {
  const dirs: string[] = [];
  afterAll(async () => {
    for (const dir of dirs) await removeFixture(dir);
  });

  it('split into parts (a sitemap over 50,000 addresses) is kept whole while the index and every part are as written, and made again whole otherwise', async () => {
    const dir = await fixture({});
    dirs.push(dir);
    const files = [
      { path: 'sitemap.xml', content: '<sitemapindex/>\n' },
      { path: 'sitemap-1.xml', content: '<urlset>one</urlset>\n' },
      { path: 'sitemap-2.xml', content: '<urlset>two, longer</urlset>\n' },
    ];
    const paths = files.map((f) => f.path);
    const cacheFrom = (text: string | undefined, own?: (path: string) => boolean) => siteCache(dir, text, own);
    const first = cacheFrom(undefined);
    const made = first.siteFileState('sitemap.xml', 'the same addresses');
    expect(made.kept).toBe(false);
    first.siteFilesMade(made, files.map((f) => ({ path: f.path, size: Buffer.byteLength(f.content) })));
    for (const file of files) await writeFile(join(dir, file.path), file.content);
    const text = recordOf(first);

    // The same addresses: the index and both parts stay, and the next record lists the parts again.
    const second = cacheFrom(text);
    expect(second.siteFileState('sitemap.xml', 'the same addresses')).toMatchObject({ kept: true, paths });
    expect(second.keptPages).toBe(3);
    expect(cacheFrom(recordOf(second)).siteFileState('sitemap.xml', 'the same addresses')).toMatchObject({ kept: true, paths });

    // Other addresses: all of it is made again.
    expect(cacheFrom(text).siteFileState('sitemap.xml', 'other addresses')).toMatchObject({ kept: false, paths: [] });
    // A part the manifest no longer calls the site's own.
    expect(cacheFrom(text, (path) => path !== 'sitemap-2.xml').siteFileState('sitemap.xml', 'the same addresses').kept).toBe(false);
    // A part edited since (another size), then gone.
    await writeFile(join(dir, 'sitemap-2.xml'), '<urlset>two</urlset>\n');
    expect(cacheFrom(text).siteFileState('sitemap.xml', 'the same addresses').kept).toBe(false);
    await rm(join(dir, 'sitemap-2.xml'));
    expect(cacheFrom(text).siteFileState('sitemap.xml', 'the same addresses').kept).toBe(false);
  });

  it('written in pieces (releases.json) gives its pieces back by key only from the file as written, byte for byte, and a file made again takes them without making them', async () => {
    const dir = await fixture({});
    dirs.push(dir);
    const entries: [string, string][] = [['key-a', '    {"a": "один"}'], ['key-b', '    {"b": 2}'], ['key-c', '    {"c": 3}']];
    const pieced = (list: [string, string][]): PiecedText => ({ head: '{\n  "releases": [\n', pieces: list.map(([key, text]) => ({ key, text: () => text })), tail: '\n  ]\n}\n' });
    const written = joinPieces(pieced(entries), undefined);
    const bytesOf = (joined: ReturnType<typeof joinPieces>) => Buffer.concat(joined.parts, joined.size);
    const content = bytesOf(written).toString('utf8');
    expect(content).toBe(`{\n  "releases": [\n${entries.map(([, text]) => text).join(',\n')}\n  ]\n}\n`);
    const cacheFrom = (text: string | undefined, own?: (path: string) => boolean) => siteCache(dir, text, own);
    const first = cacheFrom(undefined);
    expect(first.earlierPieces('releases.json')).toBeUndefined();
    first.siteFilesMade(first.siteFileState('releases.json', 'these releases'), [{ path: 'releases.json', size: written.size, pieces: written.pieces }]);
    await writeFile(join(dir, 'releases.json'), bytesOf(written));
    const text = recordOf(first);

    const found = cacheFrom(text).earlierPieces('releases.json');
    expect([...(found ?? [])].map(([key, bytes]) => [key, Buffer.from(bytes).toString('utf8')])).toEqual(entries);
    // Made again with one entry changed and one added: the others are taken as written, never made.
    const taken = (key: string): [string, string] => [key, 'never made'];
    const again = pieced([taken('key-a'), ['key-b2', '    {"b": 22}'], taken('key-c'), ['key-d', '    {"d": 4}']]);
    for (const piece of again.pieces) if (piece.key !== 'key-b2' && piece.key !== 'key-d') piece.text = () => { throw new Error(`${piece.key} was made again`); };
    const joined = joinPieces(again, found);
    expect(bytesOf(joined).toString('utf8')).toBe(`{\n  "releases": [\n    {"a": "один"},\n    {"b": 22},\n    {"c": 3},\n    {"d": 4}\n  ]\n}\n`);
    expect(joined.pieces.list.map(([key]) => key)).toEqual(['key-a', 'key-b2', 'key-c', 'key-d']);
    expect(joined.pieces.digest).toBe(createHash('sha256').update(bytesOf(joined)).digest('base64'));
    // Pieces taken that follow each other in the earlier file are one part, with the separator between them there.
    const next = joinPieces(pieced([taken('key-a'), taken('key-b'), ['key-x', '    {"x": 0}'], taken('key-c')]), found);
    expect(next.parts.map((part) => Buffer.from(part).toString('utf8'))).toEqual(['{\n  "releases": [\n', '    {"a": "один"},\n    {"b": 2}', ',\n', '    {"x": 0}', ',\n', '    {"c": 3}', '\n  ]\n}\n']);
    expect(next.pieces.list).toEqual([['key-a', '    {"a": "один"}'], ['key-b', '    {"b": 2}'], ['key-x', '    {"x": 0}'], ['key-c', '    {"c": 3}']].map(([key, text]) => [key, Buffer.byteLength(text!)]));

    // A file the manifest does not call the site's own, one of another size, one of the same size with a byte changed by hand.
    expect(cacheFrom(text, () => false).earlierPieces('releases.json')).toBeUndefined();
    await writeFile(join(dir, 'releases.json'), content.replace('"b": 2', '"b": 22'));
    expect(cacheFrom(text).earlierPieces('releases.json')).toBeUndefined();
    await writeFile(join(dir, 'releases.json'), content.replace('"c": 3', '"c": 4'));
    expect(cacheFrom(text).earlierPieces('releases.json')).toBeUndefined();
    // A link in its place, to a file of the same bytes elsewhere.
    await writeFile(join(dir, 'elsewhere.json'), content);
    await rm(join(dir, 'releases.json'));
    await symlink(join(dir, 'elsewhere.json'), join(dir, 'releases.json'));
    expect(cacheFrom(text).earlierPieces('releases.json')).toBeUndefined();
    // A file recorded whole, not in pieces.
    await rm(join(dir, 'releases.json'));
    await writeFile(join(dir, 'releases.json'), content);
    expect(cacheFrom(text).earlierPieces('releases.json')?.size).toBe(3);
    const whole = cacheFrom(undefined);
    whole.siteFilesMade(whole.siteFileState('releases.json', 'these releases'), [{ path: 'releases.json', size: Buffer.byteLength(content) }]);
    expect(cacheFrom(recordOf(whole)).earlierPieces('releases.json')).toBeUndefined();
    // A record whose entry for the file is null: the file is made again, and nothing is taken from it.
    const lines = text.trimEnd().split('\n');
    const pages = JSON.parse(lines.at(-1)!) as Record<string, unknown>;
    const nulled = `${[...lines.slice(0, -1), JSON.stringify({ ...FRESH, ...pages, 'releases.json': null })].join('\n')}\n`;
    expect(cacheFrom(nulled).siteFileState('releases.json', 'these releases', () => 'these releases').kept).toBe(false);
    expect(cacheFrom(nulled).earlierPieces('releases.json')).toBeUndefined();
    });

  it('joined from parts (releases.json) is written and compared part by part, as the bytes they make one after another', async () => {
    const dir = await fixture({});
    dirs.push(dir);
    const parts = [Buffer.from('{"a": "один",'), new Uint8Array(0), Buffer.from(' "b": 2}\n')];
    const whole = Buffer.concat(parts);
    writeStaged(join(dir, 'x.json'), parts, new Set(), 'x.json');
    expect(await readFile(join(dir, 'x.json'))).toEqual(whole);
    // As any staged file: never over one already there.
    expect(() => writeStaged(join(dir, 'x.json'), parts, new Set(), 'x.json')).toThrow(/cannot write "x\.json" to the staging folder/);
    expect(holdsText(join(dir, 'x.json'), parts)).toBe(true);
    expect(holdsText(join(dir, 'x.json'), [whole])).toBe(true);
    // Split elsewhere, the same bytes; a byte changed at the same size; one more byte.
    expect(holdsText(join(dir, 'x.json'), [whole.subarray(0, 3), whole.subarray(3)])).toBe(true);
    expect(holdsText(join(dir, 'x.json'), [whole.subarray(0, 3), Buffer.from(whole.subarray(3).toString().replace('2', '3'))])).toBe(false);
    expect(holdsText(join(dir, 'x.json'), [...parts, Buffer.from(' ')])).toBe(false);
  });
});

describe('a build record that is not as the build wrote it', () => {
  let dir: string;
  afterAll(async () => {
    if (dir) await removeFixture(dir);
  });

  it('is ignored, whatever was changed in it, and the build does all its work again', async () => {
    const files: Record<string, string> = {};
    for (let i = 0; i < 4; i++) files[`r/release-${i}.md`] = `---\ntitle: "Work permits update ${i}"\ndate: 2026-05-0${i + 1}\nlang: en\nstatus: published\ntags: [permits]\n---\nText ${i}.\n`;
    dir = await fixture(files);
    const options: BuildOptions = { cwd: dir, paths: ['r'], out: 'out', formats: ['html', 'text', 'json'], template: 'default', keepGoing: false, now, cacheDir: join(dir, 'cache'), jobs: 1 };
    expect((await buildProject(options)).rendered).toBe(4);
    const record = cachePath(join(dir, 'cache'), realpathSync(join(dir, 'out')));
    await ageRecord(record);
    expect(await buildProject(options)).toMatchObject({ reused: 4, rendered: 0 });
    const sealed = await readFile(record, 'utf8');

    // Edited by hand, with the seal left as it was: a list where a text was, a field gone, a line cut short; or the seal itself written otherwise.
    for (const edit of [(t: string) => t.replace('"tags":["permits"]', '"tags":"permits"'), (t: string) => t.replace(/"instants":\[[^\]]*\],/, ''), (t: string) => t.slice(0, t.length - 200) + t.slice(-66), (t: string) => t.slice(0, -65) + t.slice(-65).toUpperCase(), (t: string) => `${t.slice(0, -1)}00\n`]) {
      await writeFile(record, edit(sealed));
      const result = await buildProject(options);
      expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
      expect(result).toMatchObject({ reused: 0, built: 4 });
    }
    // Sealed again by a tool that knows the format but not the cache folder's key, with a value the build could not use (a text where the tags' list was): no record.
    await writeFile(record, sealed);
    await editRecord(record, (file) => {
      (file.outcome.release as unknown as Record<string, unknown>).tags = 'permits';
    }, 'sha256');
    const forged = await buildProject(options);
    expect(forged.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(forged).toMatchObject({ committed: true, reused: 0, rendered: 4 });
    await buildProject({ ...options, out: 'fresh', cacheDir: join(dir, 'fresh-cache') });
    expect(await hashTree(join(dir, 'out'))).toEqual(await hashTree(join(dir, 'fresh')));
    // Sealed with the key, as the build seals it: read.
    await ageRecord(record);
    expect(await buildProject(options)).toMatchObject({ reused: 4, rendered: 0 });

    // The key is the owner's alone; without it, or with a file that is no key, the records are no records, and a new key seals the next.
    const keyFile = join(dir, 'cache', SEAL_KEY_FILE);
    if (process.platform !== 'win32') expect((await stat(keyFile)).mode & 0o777).toBe(0o600);
    const key = await readFile(keyFile);
    for (const broken of [() => rm(keyFile), () => writeFile(keyFile, 'not a key'), async () => {
      // A key others may read is no secret.
      if (process.platform !== 'win32') await chmod(keyFile, 0o644);
      else await rm(keyFile);
    }]) {
      await broken();
      expect(await buildProject(options)).toMatchObject({ reused: 0, rendered: 4 });
      const made = await readFile(keyFile);
      expect(made).toHaveLength(key.length);
      expect(made.equals(key)).toBe(false);
      await ageRecord(record);
      expect(await buildProject(options)).toMatchObject({ reused: 4, rendered: 0 });
    }
  }, 30_000);
});

describe('a build record that cannot be kept', () => {
  let dir: string;
  afterAll(async () => {
    if (dir) await removeFixture(dir);
  });

  it('is named after the summary, with why, and the build is the same', async () => {
    dir = await fixture({
      'releases/a.md': '---\ntitle: "Work permits"\ndate: 2026-05-01\nlang: en\nstatus: published\n---\nText.\n',
      'releases/b.md': '---\ntitle: "Residence permits"\ndate: 2026-05-02\nlang: en\nstatus: published\n---\nText.\n',
      // Where the record's key would be, a folder: no key, so no record.
      'folder-key/migration-news/record-key/file': 'not a key',
      // Where the cache folder would be, a file.
      'file-cache/migration-news': 'not a folder',
      // The same, under a name that would drive a terminal.
      'escape\u001b[2J/migration-news': 'not a folder',
    });
    const build = (cache: string, out: string) => runMain(['build', 'releases', '--out', out, '--now', NOW], { cwd: dir, env: { XDG_CACHE_HOME: join(dir, cache) } });
    const kept = await build('kept', 'kept-out');
    expect(kept.code).toBe(0);
    expect(kept.stdout).not.toContain('build record');
    for (const [cache, reason] of [['folder-key', 'EISDIR: a folder is where a file should be'], ['file-cache', 'EEXIST: a file is where a folder should be']] as const) {
      const run = await build(cache, `${cache}-out`);
      expect(run.code, run.stdout).toBe(0);
      expect(run.stdout).toContain(`The build record could not be kept in ${join(dir, cache, 'migration-news')} (${reason}`);
      expect(run.stdout).toContain('the next build into this folder checks and renders everything again.');
      expect(await hashTree(join(dir, `${cache}-out`))).toEqual(await hashTree(join(dir, 'kept-out')));
    }
    const escaped = await build('escape\u001b[2J', 'escaped-out');
    expect(escaped.stdout).toContain(`The build record could not be kept in ${join(dir, 'escape\\u001B[2J', 'migration-news')} (EEXIST: a file is where a folder should be)`);
    expect(escaped.stdout).not.toContain('\u001b');
  });
});

describe('the cache folder', () => {
  let dir = '';
  afterAll(async () => {
    if (dir) await removeFixture(dir);
  });

  it("loses the records no build has written for a month and the temporary files builds left, once a day, and nothing else", async () => {
    dir = await fixture({ 'releases/a.md': '---\ntitle: "Work permits"\ndate: 2026-05-01\nlang: en\nstatus: published\n---\nText.\n' });
    const cache = join(dir, 'cache', 'migration-news');
    const build = () => runMain(['build', 'releases', '--out', 'out', '--now', NOW], { cwd: dir, env: { XDG_CACHE_HOME: join(dir, 'cache') } });
    expect((await build()).code).toBe(0);
    const days = (n: number) => new Date(Date.now() - n * 24 * 60 * 60 * 1000);
    const files = {
      old: `${'a'.repeat(32)}.json`, recent: `${'b'.repeat(32)}.json`, oldTemporary: `${'c'.repeat(32)}.json.123-0123abcd`, newTemporary: `${'d'.repeat(32)}.json.123-0123abcd`, oldMark: 'pruned.123-0123abcd',
      notOurs: 'notes.json', oldLooking: `${'e'.repeat(31)}.json`,
    };
    for (const name of Object.values(files)) await writeFile(join(cache, name), 'x');
    for (const [name, age] of [[files.old, 31], [files.recent, 29], [files.oldTemporary, 2], [files.newTemporary, 0], [files.oldMark, 2], [files.notOurs, 400], [files.oldLooking, 400]] as const) await utimes(join(cache, name), days(age), days(age));
    const present = async () => (await readdir(cache)).sort();
    // Looked through within the day: nothing goes.
    expect((await build()).code).toBe(0);
    expect(await present()).toContain(files.old);
    await utimes(join(cache, PRUNED_FILE), days(2), days(2));
    expect((await build()).code).toBe(0);
    const left = await present();
    expect(left).not.toContain(files.old);
    expect(left).not.toContain(files.oldTemporary);
    expect(left).not.toContain(files.oldMark);
    for (const name of [files.recent, files.newTemporary, files.notOurs, files.oldLooking, SEAL_KEY_FILE]) expect(left).toContain(name);
    // The folder's own record is there and still serves: the next build rebuilds nothing.
    expect(left).toContain(cachePath(cache, join(realpathSync(dir), 'out')).split('/').at(-1));
    const again = await build();
    expect(again.stdout).toContain('already up to date');
  });

  it('leaves a link, a pipe or a folder where its mark of the last look would be as it is, and looks through nothing', async () => {
    const folder = await fixture({ 'releases/a.md': '---\ntitle: "Work permits"\ndate: 2026-05-01\nlang: en\nstatus: published\n---\nText.\n', 'victim.txt': 'keep me' });
    try {
      const cache = join(folder, 'cache', 'migration-news');
      const build = () => runMain(['build', 'releases', '--out', 'out', '--now', NOW], { cwd: folder, env: { XDG_CACHE_HOME: join(folder, 'cache') } });
      expect((await build()).code).toBe(0);
      const old = join(cache, `${'a'.repeat(32)}.json`);
      await writeFile(old, 'x');
      const long = new Date(Date.now() - 40 * 24 * 60 * 60 * 1000);
      await utimes(old, long, long);
      await rm(join(cache, PRUNED_FILE));
      await symlink(join(folder, 'victim.txt'), join(cache, PRUNED_FILE));
      expect((await build()).code).toBe(0);
      expect(await readFile(join(folder, 'victim.txt'), 'utf8')).toBe('keep me');
      expect((await lstat(join(cache, PRUNED_FILE))).isSymbolicLink()).toBe(true);
      expect(await readdir(cache)).toContain(`${'a'.repeat(32)}.json`);
      if (process.platform === 'win32') return;
      // A named pipe: opened for writing, it would hold the build until something read it.
      await rm(join(cache, PRUNED_FILE));
      expect(spawnSync('mkfifo', [join(cache, PRUNED_FILE)]).status).toBe(0);
      expect((await build()).code).toBe(0);
      expect((await lstat(join(cache, PRUNED_FILE))).isFIFO()).toBe(true);
    } finally {
      await removeFixture(folder);
    }
  });
});
