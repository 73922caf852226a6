import { readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { beforeAll, describe, expect, it } from 'vitest';
import { fixture, NOW, release, runMain, useProjects } from './helpers/cli.js';
import { hashTree } from './helpers/hostile.js';
import { png } from './helpers/images.js';

/**
 * What releases.json gives of each release's lead image and old addresses,
 * for systems that sync from it: the image as the release's own JSON gives
 * it, the aliases as redirects.json lists them, and nothing of a release
 * that is not public.
 */

const project = useProjects();
const SITE = 'https://press.example.az/news/';
let validate: ReturnType<Ajv2020['compile']>;

beforeAll(async () => {
  const result = await runMain(['schema', '--output', 'releases']);
  expect(result.code, result.stderr).toBe(0);
  validate = new Ajv2020({ allErrors: true, strict: true }).compile(JSON.parse(result.stdout) as Record<string, unknown>);
});

const aliasList = (...aliases: string[]) => `\n${aliases.map((a) => `  - ${JSON.stringify(a)}`).join('\n')}`;
const localImage = (alt: string) => `\n  src: photos/centre.png\n  alt: ${alt}\n  caption: The centre on its first morning\n  credit: SMS Press Office`;

/** A release with a local image and aliases, one with a remote image, one with neither; a withdrawn one with a notice and a draft, each with both. */
function files(config: string): Record<string, string | Uint8Array> {
  return {
    'migration-news.config.yaml': `${config}languages: [en, ru]\n`,
    'r/centre.md': release({ title: 'Residence centre opens', date: '2026-11-20', image: localImage('The new centre'), aliases: aliasList('old-centre', '/2014/01/23/old-title.html', '/новости/центр/') }),
    'r/photos/centre.png': png(12, 8),
    'r/remote.md': release({ title: 'Remote photo release', date: '2026-11-19', image: '\n  src: https://cdn.example.az/photo one.jpg\n  alt: A queue' }),
    'r/plain.md': release({ title: 'Plain release', date: '2026-11-18' }),
    'r/gone.md': release({ title: 'Retracted statement', date: '2026-11-17', status: 'withdrawn', withdrawn_date: '2026-11-21', image: '\n  src: https://cdn.example.az/retracted.jpg\n  alt: Retracted', aliases: aliasList('/retracted-old.html') }),
    'r/draft.md': release({ title: 'Hidden draft notice', date: '2026-11-16', status: 'draft', image: '\n  src: https://cdn.example.az/draft.jpg\n  alt: Draft', aliases: aliasList('/draft-old.html') }),
  };
}

interface ManifestRelease { slug: string; url: string; image: { url: string; alt: string; caption: string | null; credit: string | null; width: number | null; height: number | null } | null; aliases: { url: string; from: string }[] }
interface Redirects { redirects: { from: string; to: string }[] }

const readJson = async <T>(dir: string, path: string) => JSON.parse(await readFile(join(dir, 'dist', path), 'utf8')) as T;
const build = (dir: string, extra: string[] = [], out = 'dist') =>
  runMain(['build', 'r', '--now', NOW, '--out', out, ...extra], { cwd: dir, env: { XDG_CACHE_HOME: join(dir, 'cache') } });

describe.each([SITE, null])('releases.json with site.url %s', (siteUrl) => {
  it('gives each release its lead image as its JSON does and its aliases as redirects.json does, and nothing of a release that is not public', async () => {
    const dir = project.track(await fixture(files(siteUrl ? `site:\n  url: ${siteUrl}\n` : '')));
    const result = await build(dir, ['--format', 'html,json']);
    expect(result.code, result.stdout + result.stderr).toBe(0);
    const manifest = await readJson<{ releases: ManifestRelease[] }>(dir, 'releases.json');
    expect(validate(manifest), JSON.stringify(validate.errors)).toBe(true);
    const bySlug = new Map(manifest.releases.map((r) => [r.slug, r]));
    expect([...bySlug.keys()]).toEqual(['residence-centre-opens', 'remote-photo-release', 'plain-release']);
    const base = siteUrl ?? '';

    // The image's url, alt and size are the release's own JSON's; the copy's size is known, a remote image's is not.
    for (const slug of ['residence-centre-opens', 'remote-photo-release']) {
      const own = await readJson<{ image: Record<string, unknown> }>(dir, `en/${slug}.json`);
      expect(bySlug.get(slug)!.image).toEqual({ url: own.image.url, alt: own.image.alt, caption: own.image.caption, credit: own.image.credit, width: own.image.width, height: own.image.height });
    }
    expect(bySlug.get('residence-centre-opens')!.image).toEqual({ url: `${base}en/residence-centre-opens/centre.png`, alt: 'The new centre', caption: 'The centre on its first morning', credit: 'SMS Press Office', width: 12, height: 8 });
    expect(bySlug.get('remote-photo-release')!.image).toEqual({ url: 'https://cdn.example.az/photo%20one.jpg', alt: 'A queue', caption: null, credit: null, width: null, height: null });
    expect(bySlug.get('plain-release')).toMatchObject({ image: null, aliases: [] });
    expect(bySlug.get('remote-photo-release')!.aliases).toEqual([]);

    // Each alias is the old address redirects.json sends to the release, in the manifest's one base.
    const centre = bySlug.get('residence-centre-opens')!;
    expect(centre.aliases).toEqual([
      { from: '/en/old-centre.html', url: `${base}en/old-centre.html` },
      { from: '/2014/01/23/old-title.html', url: `${base}2014/01/23/old-title.html` },
      { from: '/%D0%BD%D0%BE%D0%B2%D0%BE%D1%81%D1%82%D0%B8/%D1%86%D0%B5%D0%BD%D1%82%D1%80/', url: `${base}%D0%BD%D0%BE%D0%B2%D0%BE%D1%81%D1%82%D0%B8/%D1%86%D0%B5%D0%BD%D1%82%D1%80/` },
    ]);
    const redirects = await readJson<Redirects>(dir, 'redirects.json');
    const froms = (to: string) => redirects.redirects.filter((r) => r.to === to).map((r) => r.from).sort();
    expect(centre.aliases.map((a) => a.from).sort()).toEqual(froms(siteUrl ? centre.url : `/${centre.url}`));

    // The withdrawn release keeps its redirect to the notice, but is not in the manifest; the draft gets nothing anywhere.
    expect(redirects.redirects.map((r) => r.from)).toContain('/retracted-old.html');
    const text = await readFile(join(dir, 'dist/releases.json'), 'utf8');
    for (const secret of ['retracted', 'Retracted', 'draft', 'Draft']) expect(text).not.toContain(secret);
  });
});

describe('releases.json without HTML', () => {
  it('gives no aliases: only a page can redirect, and none is written', async () => {
    const dir = project.track(await fixture(files(`site:\n  url: ${SITE}\n`)));
    const result = await build(dir, ['--format', 'json']);
    expect(result.code, result.stdout + result.stderr).toBe(0);
    const manifest = await readJson<{ releases: ManifestRelease[] }>(dir, 'releases.json');
    expect(validate(manifest), JSON.stringify(validate.errors)).toBe(true);
    expect(manifest.releases.map((r) => r.aliases)).toEqual([[], [], []]);
    expect(manifest.releases[0]!.image).toMatchObject({ width: 12, height: 8 });
  });

  it('gives each release the address where the site publishes its page, and lists the files it wrote, which are not that page', async () => {
    const dir = await project({
      'migration-news.config.yaml': `site:\n  url: ${SITE}\nlanguages: [en, ru]\n`,
      'r/centre.md': release({ id: 'centre', slug: 'centre', title: 'Residence centre opens' }),
      'r/centre.ru.md': release({ id: 'centre', slug: 'tsentr', lang: 'ru', title: 'Открылся центр' }),
    });
    expect((await build(dir, ['--format', 'json'])).code).toBe(0);
    const page = `${SITE}en/centre.html`;
    const manifest = await readJson<{ releases: ManifestRelease[] }>(dir, 'releases.json');
    expect(manifest.releases.find((r) => r.slug === 'centre')).toMatchObject({ url: page, files: ['en/centre.json'], translations: [{ url: `${SITE}ru/tsentr.html` }] });
    const document = await readJson<{ url: string; translations: { url: string }[] }>(dir, 'en/centre.json');
    expect([document.url, document.translations.map((t) => t.url)]).toEqual([page, [`${SITE}ru/tsentr.html`]]);
    // The page is the site's build's to write (with `html`, into the folder that is published), not this one's.
    await expect(readFile(join(dir, 'dist/en/centre.html'))).rejects.toThrow();
  });
});

describe('a rebuild after a change to an image or an alias', () => {
  const changes: [string, (dir: string) => Promise<void>][] = [
    ['an alias', (dir) => writeFile(join(dir, 'r/centre.md'), release({ title: 'Residence centre opens', date: '2026-11-20', image: localImage('The new centre'), aliases: aliasList('old-centre', '/2015/02/01/older-title.html') }))],
    ['the image\'s alt', (dir) => writeFile(join(dir, 'r/centre.md'), release({ title: 'Residence centre opens', date: '2026-11-20', image: localImage('The centre from the street'), aliases: aliasList('old-centre', '/2014/01/23/old-title.html', '/новости/центр/') }))],
    ['the image\'s credit', async (dir) => writeFile(join(dir, 'r/centre.md'), (await readFile(join(dir, 'r/centre.md'), 'utf8')).replace('credit: SMS Press Office', 'credit: Ganja regional office'))],
    ['the image alone', (dir) => writeFile(join(dir, 'r/photos/centre.png'), png(30, 20))],
  ];
  it.each(changes)('to %s writes releases.json as a fresh build does', async (_, change) => {
    const dir = project.track(await fixture(files(`site:\n  url: ${SITE}\n`)));
    expect((await build(dir)).code).toBe(0);
    const before = await readFile(join(dir, 'dist/releases.json'), 'utf8');
    await change(dir);
    const rebuilt = await build(dir);
    expect(rebuilt.code, rebuilt.stdout + rebuilt.stderr).toBe(0);
    expect(await readFile(join(dir, 'dist/releases.json'), 'utf8')).not.toBe(before);
    expect((await build(dir, [], 'fresh')).code).toBe(0);
    expect(await hashTree(join(dir, 'dist'))).toEqual(await hashTree(join(dir, 'fresh')));
  });
});

describe('an alias the build writes no redirect page for', () => {
  const beta = (...aliases: string[]) => release({ slug: 'beta', title: 'Beta page', date: '2026-05-15', aliases: aliasList('/2014/01/24/beta.html', ...aliases) });
  /** A built project, then `clashing` added to beta's aliases and `changed` written: built with --keep-going, which refuses the alias. */
  async function refusedAlias(clashing: string, changed: Record<string, string>, extra: string[]): Promise<string> {
    const dir = project.track(await fixture({
      'migration-news.config.yaml': `site:\n  url: ${SITE}\nlanguages: [en]\n`,
      'r/a.md': release({ slug: 'alpha', title: 'Alpha page' }),
      'r/b.md': beta(),
    }));
    expect((await build(dir, extra)).code).toBe(0);
    for (const [path, text] of Object.entries({ ...changed, 'r/b.md': beta(clashing) })) await writeFile(join(dir, path), text);
    const refused = await build(dir, [...extra, '--keep-going', '--reporter', 'json']);
    expect(refused.code).toBe(1);
    expect((JSON.parse(refused.stdout) as { diagnostics: { file: string; ruleId: string }[] }).diagnostics.filter((d) => d.file === 'r/b.md').map((d) => d.ruleId)).toEqual(['alias/reserved']);
    return dir;
  }
  /** beta's old addresses in redirects.json, once checked to be those releases.json gives it. */
  async function listed(dir: string): Promise<string[]> {
    const manifest = (await readJson<{ releases: ManifestRelease[] }>(dir, 'releases.json')).releases.find((r) => r.slug === 'beta')!;
    const redirects = (await readJson<Redirects>(dir, 'redirects.json')).redirects.map((r) => r.from);
    expect(manifest.aliases.map((a) => a.from).sort()).toEqual(redirects);
    return redirects;
  }

  // Another release's page holds the alias's address: one that fails with --keep-going keeps its earlier page, and a release's
  // JSON is a file no alias may go inside. Validation sees neither; the build refuses the alias when it plans the redirects.
  it.each([
    ['a failing release\'s earlier page', '/en/alpha.html', { 'r/a.md': release({ slug: 'alpha', title: undefined }) }, []],
    ['another release\'s JSON', '/en/alpha.json/', {}, ['--format', 'html,json']],
  ])('on %s is in neither releases.json nor redirects.json', async (_, clashing, changed, extra) => {
    const dir = await refusedAlias(clashing, changed, extra);
    expect(await listed(dir)).toEqual(['/2014/01/24/beta.html']);
  });

  it('is listed by a rebuild once the clash is gone, as a fresh build lists it', async () => {
    const dir = await refusedAlias('/en/alpha.html', { 'r/a.md': release({ slug: 'alpha', title: undefined }) }, []);
    await rm(join(dir, 'r/a.md'));
    const rebuilt = await build(dir);
    expect(rebuilt.code, rebuilt.stdout + rebuilt.stderr).toBe(0);
    expect(await listed(dir)).toEqual(['/2014/01/24/beta.html', '/en/alpha.html']);
    expect((await build(dir, [], 'fresh')).code).toBe(0);
    expect(await hashTree(join(dir, 'dist'))).toEqual(await hashTree(join(dir, 'fresh')));
  });
});
