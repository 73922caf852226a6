import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isIncluded, isPublic, publicationOf, publicEntries, type PublicationFacts } from '../src/core/publication.js';
import { NOW, release, runMain, useProjects } from './helpers/cli.js';
import { releaseOutputs } from './helpers/site-files.js';

const project = useProjects();
const now = Date.parse(NOW);
const zone = 'Asia/Baku';

/** Every file under `dir`, with its text. */
async function tree(dir: string): Promise<Map<string, string>> {
  const files = new Map<string, string>();
  for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
    if (entry.isFile()) {
      const path = join(entry.parentPath, entry.name);
      files.set(path.slice(dir.length + 1), await readFile(path, 'utf8'));
    }
  }
  return files;
}

/** The places under `dir` where `needle` appears, in a file's name or its text (also as JSON or HTML would escape it). */
async function traces(dir: string, needle: string): Promise<string[]> {
  const forms = [needle, JSON.stringify(needle).slice(1, -1), needle.replace(/&/g, '&amp;').replace(/'/g, '&#39;')];
  const found: string[] = [];
  for (const [path, text] of await tree(dir)) {
    if (forms.some((f) => path.includes(f) || text.includes(f))) found.push(path);
  }
  return found;
}

describe('publicationOf, the one decision', () => {
  const at = (iso: string) => Date.parse(iso);
  const cases: [PublicationFacts, ReturnType<typeof publicationOf>][] = [
    [{ status: 'published' }, { public: true }],
    [{ status: 'approved' }, { public: true }],
    [{ status: 'draft' }, { public: false, reason: 'draft' }],
    [{ status: 'review' }, { public: false, reason: 'review' }],
    [{ status: 'withdrawn' }, { public: false, reason: 'withdrawn' }],
    [{ status: 'approved', embargo: '2026-11-28T12:00:01+04:00' }, { public: false, reason: 'embargoed' }],
    [{ status: 'published', embargo: '2026-11-28T12:00:01+04:00' }, { public: false, reason: 'embargoed' }],
    [{ status: 'approved', embargo: '2026-11-28T12:00:00+04:00' }, { public: true }],
    [{ status: 'approved', embargo: '2026-11-28T08:00:00Z' }, { public: true }],
    [{ status: 'draft', embargo: '2020-01-01T00:00:00Z' }, { public: false, reason: 'draft' }],
  ];
  it.each(cases)('%j → %j', (facts, expected) => {
    expect(publicationOf(facts, at(NOW), zone)).toEqual(expected);
    expect(isPublic(facts, at(NOW), zone)).toBe(expected.public);
  });

  it('lets --embargoed add releases under embargo, never drafts; --drafts adds everything', () => {
    const embargoed: PublicationFacts = { status: 'approved', embargo: '2027-01-01T00:00:00Z' };
    const draft: PublicationFacts = { status: 'draft' };
    expect([isIncluded(embargoed, 'public', now, zone), isIncluded(embargoed, 'embargoed', now, zone), isIncluded(embargoed, 'drafts', now, zone)]).toEqual([false, true, true]);
    expect([isIncluded(draft, 'public', now, zone), isIncluded(draft, 'embargoed', now, zone), isIncluded(draft, 'drafts', now, zone)]).toEqual([false, false, true]);
    expect(publicEntries([draft, embargoed, { status: 'published' as const }], now, zone)).toEqual([{ status: 'published' }]);
  });
});

describe('nothing of a non-public translation reaches a normal build', () => {
  const TRANSLATION_TITLES = { az: 'Gizli embarqo başlığı Bakı', ru: 'Секретный черновик заголовок' };
  const SLUGS = { az: 'gizli-embarqo-slug', ru: 'sekretnyj-chernovik-slug' };

  /** An English release, public, whose az and ru translations are in the given states. */
  const releases = (az: Record<string, string>, ru: Record<string, string>) => ({
    'r/en.md': release({ id: 'budget', title: 'Budget for 2027 approved', status: 'published' }),
    'r/az.md': release({ id: 'budget', lang: 'az', title: `"${TRANSLATION_TITLES.az}"`, slug: SLUGS.az, tags: '[gizli-teq]', summary: 'Gizli xülasə', ...az }),
    'r/ru.md': release({ id: 'budget', lang: 'ru', title: `"${TRANSLATION_TITLES.ru}"`, slug: SLUGS.ru, ...ru }),
  });
  const formats = ['--format', 'html,text,json,ninjs'];

  const variants: [string, Record<string, string>, Record<string, string>][] = [
    ['az under embargo, ru a draft', { status: 'approved', embargo: '2026-12-01T09:00:00+04:00' }, { status: 'draft' }],
    ['az in review, ru withdrawn', { status: 'review' }, { status: 'withdrawn' }],
    ['az published but under embargo, ru in review', { status: 'published', embargo: '2026-12-01T09:00:00+04:00' }, { status: 'review' }],
  ];

  it.each(variants)('%s: no title, slug, summary or tag of them anywhere under the output folder', async (_name, az, ru) => {
    const dir = await project(releases(az, ru));
    const result = await runMain(['build', 'r', ...formats, '--now', NOW], { cwd: dir });
    expect(result.code, result.stdout + result.stderr).toBe(0);
    const out = join(dir, 'dist');
    // The site's own files (listings, feeds, sitemaps, releases.json) are searched for traces below like every other file.
    expect(releaseOutputs([...(await tree(out)).keys()].filter((f) => f !== '.migration-news-manifest.json')).sort()).toEqual(['en/budget-for-2027-approved.html', 'en/budget-for-2027-approved.json', 'en/budget-for-2027-approved.ninjs.json', 'en/budget-for-2027-approved.txt']);
    for (const needle of [...Object.values(TRANSLATION_TITLES), ...Object.values(SLUGS), 'Gizli xülasə', 'gizli-teq']) {
      expect(await traces(out, needle), needle).toEqual([]);
    }
    // No release file links to another language at all; the site's own pages link to each language's listing.
    for (const needle of ['az/', 'ru/']) expect(releaseOutputs(await traces(out, needle)), needle).toEqual([]);
    const json = JSON.parse(await readFile(join(out, 'en/budget-for-2027-approved.json'), 'utf8')) as { translations: unknown[] };
    expect(json.translations).toEqual([]);
    const ninjs = JSON.parse(await readFile(join(out, 'en/budget-for-2027-approved.ninjs.json'), 'utf8')) as { altIds: { role: string }[] };
    expect(ninjs.altIds.map((a) => a.role)).toEqual(['release-id']);
  });

  it('links a translation once its embargo has passed at --now, both ways', async () => {
    const dir = await project(releases({ status: 'approved', embargo: '2026-11-28T11:00:00+04:00' }, { status: 'draft' }));
    const result = await runMain(['build', 'r', '--now', NOW], { cwd: dir });
    expect(result.code).toBe(0);
    const out = join(dir, 'dist');
    expect(await traces(out, TRANSLATION_TITLES.az)).toEqual(expect.arrayContaining(['en/budget-for-2027-approved.html', 'en/budget-for-2027-approved.json', `az/${SLUGS.az}.html`]));
    expect(await readFile(join(out, `az/${SLUGS.az}.html`), 'utf8')).toContain('../en/budget-for-2027-approved.html');
    expect(await traces(out, TRANSLATION_TITLES.ru)).toEqual([]);
    expect(await traces(out, SLUGS.ru)).toEqual([]);
  });

  it('with --embargoed, builds and links the translation under embargo but never the draft', async () => {
    const dir = await project(releases({ status: 'approved', embargo: '2026-12-01T09:00:00+04:00' }, { status: 'draft' }));
    const result = await runMain(['build', 'r', '--embargoed', '--verbose', '--now', NOW], { cwd: dir });
    expect(result.code).toBe(0);
    const out = join(dir, 'dist');
    expect(await traces(out, TRANSLATION_TITLES.az)).toEqual(expect.arrayContaining(['en/budget-for-2027-approved.html', `az/${SLUGS.az}.html`]));
    expect(await traces(out, TRANSLATION_TITLES.ru)).toEqual([]);
    expect(result.stdout).toMatch(/Built 2 releases, skipped 1 \(1 not approved, 0 embargoed\)/);
    expect(result.stdout).toContain('  skipped r/ru.md: status is draft\n');
  });

  it('refuses --drafts with --embargoed', async () => {
    const dir = await project({ 'r/a.md': release() });
    const result = await runMain(['build', 'r', '--drafts', '--embargoed', '--now', NOW], { cwd: dir });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/--drafts and --embargoed cannot be combined/);
  });
});

describe('times written in another zone', () => {
  const project = useProjects();

  it('are days and times on the config\'s clocks: embargo/after-date compares the days there, and the documents give them there', async () => {
    const approved = (embargo: string) => release({ status: 'approved', date: '2027-03-01', embargo });
    const dir = await project({
      'migration-news.config.yaml': 'timezone: Asia/Baku\n',
      // 23:30 in New York on 1 March is 08:30 on 2 March in Baku: dated before anyone could read it.
      'r/late.md': approved('2027-03-01T23:30:00-05:00'),
      // 01:00 in Tokyo on 2 March is 20:00 on 1 March in Baku: the day it is dated.
      'r/same.md': approved('2027-03-02T01:00:00+09:00').replace('title: Service', 'title: Other service'),
      'r/utc.md': release({ date: '2026-06-12T10:00:00Z', title: 'Written in UTC' }),
    });
    const checked = await runMain(['validate', 'r', '--now', NOW, '--reporter', 'json'], { cwd: dir });
    const found = (JSON.parse(checked.stdout) as { diagnostics: { file: string; ruleId: string; message: string }[] }).diagnostics.filter((d) => d.ruleId === 'embargo/after-date');
    expect(found.map((d) => d.file)).toEqual(['r/late.md']);
    expect(found[0]!.message).toContain('its embargo ends on 2027-03-02');
    const built = await runMain(['build', 'r', '--now', NOW, '--format', 'json'], { cwd: dir });
    expect(built.code, built.stdout + built.stderr).toBe(0);
    const json = JSON.parse(await readFile(join(dir, 'dist/en/written-in-utc.json'), 'utf8')) as { datePublished: string };
    expect(json.datePublished).toBe('2026-06-12T14:00:00+04:00');
  });
});

describe('translations that do not share their status', () => {
  const project = useProjects();

  it('are told at the one that lags behind, whichever sorts first: the draft of a translation, not the published original', async () => {
    const dir = await project({
      'r/az/centre.md': release({ id: 'centre', lang: 'az', status: 'draft', title: 'Mərkəz açılır' }, 'Mətn.\n'),
      'r/en/centre.md': release({ id: 'centre', lang: 'en', status: 'published' }),
      'r/ru/centre.md': release({ id: 'centre', lang: 'ru', status: 'approved', title: 'Центр открывается' }, 'Текст.\n'),
    });
    const checked = await runMain(['validate', 'r', '--now', NOW, '--reporter', 'json'], { cwd: dir });
    const found = (JSON.parse(checked.stdout) as { diagnostics: { file: string; ruleId: string; message: string }[] }).diagnostics.filter((d) => d.ruleId === 'translation/mismatch');
    expect(found.map((d) => `${d.file}: ${d.message}`)).toEqual([
      'r/az/centre.md: This translation\'s status is "draft", but the en version\'s (r/en/centre.md) is "published".',
      'r/ru/centre.md: This translation\'s status is "approved", but the en version\'s (r/en/centre.md) is "published".',
    ]);
  });
});

describe('a translation that would go out before another version\'s embargo lifts', () => {
  const project = useProjects();

  it('is told at its status while the embargo holds, and the build publishes it first', async () => {
    const files = {
      'r/en/quota.md': release({ id: 'quota', lang: 'en', status: 'approved', date: '2026-05-14', embargo: '2026-05-14T10:00:00+04:00', title: 'Work permit quota for 2027' }),
      'r/az/kvota.md': release({ id: 'quota', lang: 'az', status: 'approved', date: '2026-05-14', title: 'İş icazəsi kvotası' }, 'Mətn.\n'),
      'r/ru/kvota.md': release({ id: 'quota', lang: 'ru', status: 'approved', date: '2026-05-14', embargo: '2026-05-14T09:00:00+04:00', title: 'Квота на 2027 год' }, 'Текст.\n'),
      // The same embargo written at another offset is the same instant.
      'r/en/other.md': release({ id: 'other', lang: 'en', status: 'approved', date: '2026-05-14', embargo: '2026-05-14T10:00:00+04:00', title: 'Other' }),
      'r/ru/other.md': release({ id: 'other', lang: 'ru', status: 'approved', date: '2026-05-14', embargo: '2026-05-14T06:00:00Z', title: 'Другое' }, 'Текст.\n'),
      // An original out days before a translation held for later: no version breaks an embargo (the dates' mismatch is told).
      'r/en/centre.md': release({ id: 'centre', lang: 'en', status: 'published', date: '2026-05-01', title: 'Centre opens' }),
      'r/ru/centre.md': release({ id: 'centre', lang: 'ru', status: 'published', date: '2026-05-14', embargo: '2026-05-14T10:00:00+04:00', title: 'Центр открыт' }, 'Текст.\n'),
    };
    const dir = await project(files);
    const mismatches = async (now: string) => {
      const checked = await runMain(['validate', 'r', '--now', now, '--reporter', 'json'], { cwd: dir });
      return (JSON.parse(checked.stdout) as { diagnostics: { file: string; line: number; ruleId: string; message: string; hint: string }[] }).diagnostics
        .filter((d) => d.ruleId === 'translation/mismatch').map((d) => `${d.file}:${d.line}: ${d.message} ${d.hint}`);
    };
    expect(await mismatches('2026-05-14T08:00:00+04:00')).toEqual([
      'r/az/kvota.md:5: This translation is "approved" with no `embargo`, but the en version (r/en/quota.md) is embargoed until 2026-05-14T10:00:00+04:00: it would go out first and break the embargo. Give it the same `embargo: 2026-05-14T10:00:00+04:00`, so that the versions go out together.',
      'r/ru/centre.md:3: This translation\'s date is "2026-05-14", but the en version\'s (r/en/centre.md) is "2026-05-01". Translations of one release should share their date.',
      'r/ru/kvota.md:5: This translation\'s embargo (2026-05-14T09:00:00+04:00) lifts before the en version\'s (r/en/quota.md), 2026-05-14T10:00:00+04:00: it would go out first and break that embargo. Give it the same `embargo: 2026-05-14T10:00:00+04:00`, so that the versions go out together.',
    ]);
    // Once the embargo has lifted, every version is out: nothing to tell but the dates.
    expect(await mismatches('2026-05-14T10:00:00+04:00')).toEqual([expect.stringMatching(/^r\/ru\/centre\.md:3: This translation's date/)]);
  });
});

describe('a translation named as another language\'s version', () => {
  const project = useProjects();

  it('is warned of when its lang is not the one its file\'s name ends with, as new --translate-from names it', async () => {
    const dir = await project({
      'flat/ganja.md': release({ id: 'ganja', lang: 'en' }),
      // Copied from the English one, its `lang` left as it was: the Russian text would be published as an English page.
      'flat/ganja.ru.md': release({ id: 'ganja', lang: 'en', title: 'В Гяндже открылся центр' }, 'Текст.\n'),
      'flat/quota.az.md': release({ id: 'quota', lang: 'az', title: 'Kvota' }, 'Mətn.\n'),
      'flat/report.final.md': release({ id: 'report', lang: 'en', title: 'The final report' }),
    });
    const checked = await runMain(['validate', 'flat', '--now', NOW, '--reporter', 'json'], { cwd: dir });
    const found = (JSON.parse(checked.stdout) as { diagnostics: { file: string; ruleId: string; message: string; hint: string }[] }).diagnostics.filter((d) => d.ruleId === 'content/language-folder');
    expect(found).toEqual([expect.objectContaining({
      file: 'flat/ganja.ru.md',
      message: '`lang` is "en", but the file\'s name, "ganja.ru.md", is that of its "ru" version.',
      hint: 'If the text is in "ru", write `lang: ru`; if it is in "en", rename the file.',
    })]);
  });
});

describe('the links between a release\'s versions', () => {
  const project = useProjects();

  it('are relative in the page\'s navigation, as its other links are, so a preview stays in itself; absolute in hreflang alternates', async () => {
    const dir = await project({
      'migration-news.config.yaml': 'site:\n  url: https://press.example.az/\n',
      'r/en/centre.md': release({ id: 'centre', lang: 'en', slug: 'centre' }),
      'r/ru/centre.md': release({ id: 'centre', lang: 'ru', slug: 'tsentr', title: 'Центр открывается' }, 'Текст.\n'),
    });
    expect((await runMain(['build', 'r', '--now', NOW, '--format', 'html'], { cwd: dir })).code).toBe(0);
    const page = await readFile(join(dir, 'dist/en/centre.html'), 'utf8');
    expect(page).toContain('<a href="../ru/tsentr.html" hreflang="ru" lang="ru" dir="ltr">');
    expect(page).toContain('<link rel="alternate" hreflang="ru" href="https://press.example.az/ru/tsentr.html">');
  });
});

describe('a field left as an ellipsis', () => {
  const project = useProjects();

  it('is a content/placeholder error once the release is approved or published, as the skeleton\'s instructions are', async () => {
    const dir = await project({
      'r/a.md': release({ status: 'published', image: '{src: "https://example.az/a.jpg", alt: …}' }),
      'r/b.md': release({ id: 'b', status: 'draft', title: 'A draft', image: '{src: "https://example.az/b.jpg", alt: "..."}' }),
      // An ellipsis in a sentence, and a tag of punctuation alone, are no part left to fill in.
      'r/c.md': release({ id: 'c', title: 'Fine', summary: 'The centre opens… tomorrow.', tags: '["…"]' }),
    });
    const checked = await runMain(['validate', 'r', '--now', NOW, '--reporter', 'json'], { cwd: dir });
    expect(checked.code).toBe(1);
    const found = (JSON.parse(checked.stdout) as { diagnostics: { file: string; ruleId: string; line: number; message: string }[] }).diagnostics.filter((d) => d.ruleId === 'content/placeholder');
    expect(found.map((d) => `${d.file}:${d.line} ${d.message}`)).toEqual(['r/a.md:6 `image.alt` is `…`, a part left to fill in, and the release is "published": it would be published so.']);
  });
});
