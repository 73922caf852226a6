import { readFile, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXAMPLES, NOW, fixture, release, removeFixture, runMain } from './helpers/cli.js';
import { png } from './helpers/images.js';

/** Every ninjs output, validated against the official IPTC ninjs 3.1 schema, unchanged. */

const addFormats = addFormatsModule as unknown as (ajv: Ajv2020) => Ajv2020;
const SCHEMA = JSON.parse(await readFile(new URL('./fixtures/standards/ninjs-schema_3.1.json', import.meta.url), 'utf8')) as Record<string, unknown>;

const ajv = new Ajv2020({ allErrors: true });
addFormats(ajv);
// The schema refers to GeoJSON for `places[].geoJSON`, which migration-news never writes; the test runs offline.
ajv.addSchema({ $id: 'https://geojson.org/schema/GeoJSON.json', type: 'object' });
const validate = ajv.compile(SCHEMA);

function schemaErrors(doc: unknown): string[] {
  return validate(doc) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message ?? ''} ${JSON.stringify(e.params)}`);
}

type Ninjs = Record<string, any>;

async function readOutputs(out: string): Promise<Map<string, Ninjs>> {
  const files = (await readdir(out, { recursive: true })).filter((f) => f.endsWith('.ninjs.json')).sort();
  const docs = new Map<string, Ninjs>();
  for (const f of files) docs.set(f.split('\\').join('/'), JSON.parse(await readFile(join(out, f), 'utf8')) as Ninjs);
  return docs;
}

interface Source { lang: string; id?: string; title: string; subtitle?: string; summary?: string; location?: string; tags?: string[]; embargo?: string; status?: string }

let dir: string;
let docs: Map<string, Ninjs>;
let sources: (Source & { file: string })[];

beforeAll(async () => {
  dir = await fixture({});
  const result = await runMain(['build', EXAMPLES, '--out', join(dir, 'all'), '--now', NOW, '--drafts', '--format', 'ninjs']);
  expect(result.code, result.stderr).toBe(0);
  docs = await readOutputs(join(dir, 'all'));
  const { parseReleaseFile } = await import('../src/core/parse.js');
  const files = (await readdir(EXAMPLES, { recursive: true })).filter((f) => f.endsWith('.md'));
  sources = await Promise.all(files.map(async (f) => ({ ...(parseReleaseFile(await readFile(join(EXAMPLES, f), 'utf8'), f).data as unknown as Source), file: f })));
});
afterAll(() => removeFixture(dir));

describe('ninjs output of the examples', () => {
  it('is written for every release and validates against the IPTC ninjs 3.1 schema', () => {
    expect(docs.size).toBe(sources.length);
    for (const [file, doc] of docs) expect(schemaErrors(doc), file).toEqual([]);
  });

  it('carries the release: headlines, descriptions, both bodies, language, dates, place, subjects and genre', () => {
    for (const [file, doc] of docs) {
      const source = sources.find((s) => s.title === doc.headlines[0].value && s.lang === doc.language);
      expect(source, file).toBeDefined();
      expect(file.startsWith(`${source!.lang}/`)).toBe(true);
      expect(doc.uri).toBe(`https://press.migration.example.az/${file.replace(/\.ninjs\.json$/, '.html')}`);
      expect(doc.type).toBe('text');
      expect(doc.standard).toMatchObject({ name: 'ninjs', version: '3.1' });
      expect(doc.headlines).toEqual([
        { role: 'main', value: source!.title },
        ...(source!.subtitle ? [{ role: 'subhead', value: source!.subtitle }] : []),
      ]);
      if (source!.summary) expect(doc.descriptions).toEqual([{ role: 'summary', contentType: 'text/plain', value: source!.summary }]);
      expect(doc.bodies.map((b: Ninjs) => b.contentType)).toEqual(['text/html', 'text/plain']);
      expect(doc.bodies[0].value).toMatch(/^<p>/);
      expect(doc.bodies[1].value).not.toMatch(/<\/?[a-z][a-z0-9]*(\s[^>]*)?>|\*\*|\]\(/);
      expect(doc.bodies[1].wordCount).toBeGreaterThan(50);
      expect(doc.firstCreated).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}[+-]\d{2}:\d{2}$/);
      expect(doc.versionCreated).toBe(doc.firstCreated);
      if (source!.location) expect(doc.located).toBe(source!.location);
      expect(doc.subjects ?? []).toEqual((source!.tags ?? []).map((name) => ({ name, rel: 'about' })));
      expect(doc.genres).toEqual([{ name: 'Press Release', uri: 'http://cv.iptc.org/newscodes/genre/PressRelease' }]);
    }
  });

  it('has embargoedUntil only while the embargo lasts, and marks drafts and embargoed releases as withheld', () => {
    const embargoed = sources.filter((s) => s.embargo && Date.parse(s.embargo) > Date.parse(NOW));
    expect(embargoed.length).toBeGreaterThan(0);
    for (const doc of docs.values()) {
      const source = sources.find((s) => s.title === doc.headlines[0].value)!;
      const isEmbargoed = embargoed.includes(source);
      if (isEmbargoed) expect(Date.parse(doc.embargoedUntil)).toBe(Date.parse(source.embargo!));
      else expect(doc).not.toHaveProperty('embargoedUntil');
      const publishable = source.status === 'published' || source.status === 'approved';
      expect(doc.pubStatus, source.file).toBe(isEmbargoed || !publishable ? 'withheld' : 'usable');
    }
  });

  it('links translations through altIds, each naming the uri of the other language\'s document', () => {
    const byUri = new Map([...docs.values()].map((d) => [d.uri as string, d]));
    let links = 0;
    for (const doc of docs.values()) {
      const id = doc.altIds.find((a: Ninjs) => a.role === 'release-id').value as string;
      for (const alt of doc.altIds.filter((a: Ninjs) => a.role.startsWith('translation:'))) {
        const other = byUri.get(alt.value);
        expect(other, alt.value).toBeDefined();
        expect(`translation:${other!.language}`).toBe(alt.role);
        expect(other!.altIds).toContainEqual({ role: 'release-id', value: id });
        links++;
      }
      const siblings = [...docs.values()].filter((d) => d !== doc && d.altIds.some((a: Ninjs) => a.role === 'release-id' && a.value === id));
      expect(doc.altIds.filter((a: Ninjs) => a.role.startsWith('translation:'))).toHaveLength(siblings.length);
    }
    expect(links).toBeGreaterThan(0);
  });
});

describe('a withdrawn release in ninjs', () => {
  const dirs: string[] = [];
  afterAll(() => Promise.all(dirs.map(removeFixture)));

  it('takes its document back at its address: the same uri, pubStatus canceled, its headline and the reason, none of its text, valid ninjs', async () => {
    const dir = await fixture({
      'migration-news.config.yaml': 'organisation:\n  name: State Migration Service\nsite:\n  url: https://press.example.az\n',
      'r/a.md': release({ id: 'quota', title: 'Quota for 2027', tags: '[work]' }, 'The SECRET-FIGURES of the quota.\n'),
    });
    dirs.push(dir);
    const build = (...extra: string[]) => runMain(['build', 'r', '--format', 'html,ninjs', '--now', NOW, ...extra], { cwd: dir });
    expect((await build()).code).toBe(0);
    const out = join(dir, 'dist/en/quota-for-2027.ninjs.json');
    const published = JSON.parse(await readFile(out, 'utf8')) as Ninjs;
    expect(published.pubStatus).toBe('usable');

    await writeFile(join(dir, 'r/a.md'), release({ id: 'quota', title: 'Quota for 2027', tags: '[work]', status: 'withdrawn', withdrawn_date: '2026-05-20', withdrawn_reason: 'Issued in error.' }, 'The SECRET-FIGURES of the quota.\n'));
    const withdrawn = await build();
    expect(withdrawn.code, withdrawn.stdout + withdrawn.stderr).toBe(0);
    const text = await readFile(out, 'utf8');
    const kill = JSON.parse(text) as Ninjs;
    expect(schemaErrors(kill)).toEqual([]);
    expect(kill).toEqual({
      uri: published.uri, standard: published.standard, type: 'text', representationType: 'partial', profile: 'migration-news-press-release', language: 'en',
      firstCreated: published.firstCreated, versionCreated: '2026-05-20T00:00:00+04:00', pubStatus: 'canceled',
      headlines: [{ role: 'main', value: 'Quota for 2027' }],
      descriptions: [{ role: 'withdrawal', contentType: 'text/plain', value: 'Issued in error.' }],
      genres: published.genres, by: 'State Migration Service', copyrightHolder: 'State Migration Service',
      altIds: [{ role: 'release-id', value: 'quota' }],
    });
    expect(text).not.toContain('SECRET-FIGURES');
    // Listed as the release's, and kept by the next build as it is.
    const manifest = JSON.parse(await readFile(join(dir, 'dist/.migration-news-manifest.json'), 'utf8')) as { files: Record<string, { kind: string }> };
    expect(manifest.files['en/quota-for-2027.ninjs.json']?.kind).toBe('withdrawn');
    expect((await build()).stdout).toMatch(/Wrote 0 files/);
    // Without ninjs in the build, or without a notice (`withdrawnNotices: false`), there is none.
    expect((await runMain(['build', 'r', '--format', 'html', '--now', NOW, '--out', 'pages'], { cwd: dir })).code).toBe(0);
    await expect(readFile(join(dir, 'pages/en/quota-for-2027.ninjs.json'))).rejects.toThrow();
    await writeFile(join(dir, 'migration-news.config.yaml'), 'site:\n  url: https://press.example.az\nwithdrawnNotices: false\n');
    expect((await build()).code).toBe(0);
    await expect(readFile(out)).rejects.toThrow();
  });
});

describe('ninjs output of edge cases', () => {
  let project: string;
  afterAll(() => removeFixture(project));

  it('validates without a site URL, with a passed embargo, a withdrawn release and a picture', async () => {
    project = await fixture({
      'migration-news.config.yaml': 'organisation:\n  name: State Migration Service\n',
      'r/passed.md': release({ title: 'Embargo has passed', embargo: '2026-01-01T09:00:00+04:00', tags: '[visas, "e-services"]' }),
      'r/withdrawn.md': release({ title: 'Withdrawn notice', status: 'withdrawn', id: 'notice' }),
      'r/geri.md': release({ title: 'Geri götürülmüş bildiriş', lang: 'az', id: 'notice', status: 'withdrawn' }),
      'r/picture.md': `---\ntitle: With a picture\ndate: 2026-05-14T10:30:00+04:00\nlang: en\nstatus: published\nimage:\n  src: https://cdn.example.az/p.jpg\n  alt: A picture\n  caption: The caption\n  credit: Press Office\n---\nBody text.\n`,
    });
    const result = await runMain(['build', 'r', '--format', 'ninjs', '--drafts', '--now', NOW], { cwd: project });
    expect(result.code, result.stderr).toBe(0);
    const out = await readOutputs(join(project, 'dist'));
    expect(out.size).toBe(4);
    for (const [file, doc] of out) expect(schemaErrors(doc), file).toEqual([]);

    const passed = out.get('en/embargo-has-passed.ninjs.json')!;
    expect(passed.uri).toBe('urn:migration-news:en:passed');
    expect(passed).not.toHaveProperty('embargoedUntil');
    expect(passed.pubStatus).toBe('usable');
    expect(passed.subjects).toEqual([{ name: 'visas', rel: 'about' }, { name: 'e-services', rel: 'about' }]);
    expect(passed.by).toBe('State Migration Service');

    const withdrawn = out.get('en/withdrawn-notice.ninjs.json')!;
    expect(withdrawn.pubStatus).toBe('canceled');
    expect(withdrawn.altIds).toContainEqual({ role: 'translation:az', value: 'urn:migration-news:az:notice' });
    expect(out.get('az/geri-goturulmush-bildirish.ninjs.json')!.uri).toBe('urn:migration-news:az:notice');

    const picture = out.get('en/with-a-picture.ninjs.json')!;
    expect(picture.firstCreated).toBe('2026-05-14T10:30:00+04:00');
    expect(picture.associations).toEqual([expect.objectContaining({ name: 'featureimage', type: 'picture', uri: 'https://cdn.example.az/p.jpg', by: 'Press Office' })]);
  });

  it('gives a local lead image copied by the build its size in the rendition, valid ninjs', async () => {
    const local = await fixture({
      'migration-news.config.yaml': 'site:\n  url: https://press.example.az\n',
      'r/picture.md': release({ title: 'With a local picture', image: '\n  src: photos/p.png\n  alt: A picture' }),
      'r/photos/p.png': png(24, 16),
    });
    try {
      const result = await runMain(['build', 'r', '--format', 'ninjs', '--now', NOW], { cwd: local });
      expect(result.code, result.stderr).toBe(0);
      const doc = (await readOutputs(join(local, 'dist'))).get('en/with-a-local-picture.ninjs.json')!;
      expect(schemaErrors(doc)).toEqual([]);
      expect(doc.associations).toEqual([expect.objectContaining({ uri: 'https://press.example.az/en/with-a-local-picture/p.png', renditions: [{ name: 'original', href: 'https://press.example.az/en/with-a-local-picture/p.png', width: 24, height: 16 }] })]);
    } finally {
      await removeFixture(local);
    }
  });

  it('writes a date and an embargo given without seconds as RFC 3339 date-times, valid ninjs', async () => {
    const short = await fixture({
      'r/short.md': release({ title: 'Written to the minute', date: '2026-05-14T10:30+04:00', embargo: '2026-12-01T09:00+04:00', status: 'approved' }),
    });
    try {
      const result = await runMain(['build', 'r', '--format', 'ninjs', '--embargoed', '--now', NOW], { cwd: short });
      expect(result.code, result.stderr).toBe(0);
      const doc = (await readOutputs(join(short, 'dist'))).get('en/written-to-the-minute.ninjs.json')!;
      expect(schemaErrors(doc)).toEqual([]);
      expect(doc.firstCreated).toBe('2026-05-14T10:30:00+04:00');
      expect(doc.embargoedUntil).toBe('2026-12-01T09:00:00+04:00');
    } finally {
      await removeFixture(short);
    }
  });

  it('writes an instant that the config\'s zone shows in the year 10000 in UTC, in ninjs, the feeds and the e-mail\'s Date alike', async () => {
    // 9999-12-31T23:59:59Z is 10000-01-01T03:59:59+04:00 in Asia/Baku: no RFC 3339 or RFC 5322 date has a year of five digits.
    const late = await fixture({
      'migration-news.config.yaml': 'site:\n  url: https://press.example.az\nemail:\n  from: press@example.az\n',
      'r/hold.md': release({ title: 'Held until further notice', embargo: '9999-12-31T23:59:59Z', status: 'approved' }),
      'r/late.md': release({ title: 'Dated at the end of time', date: '9999-12-31T22:00:00Z' }),
    });
    try {
      const result = await runMain(['build', 'r', '--format', 'html,ninjs,eml', '--embargoed', '--now', NOW], { cwd: late });
      expect(result.code, result.stderr).toBe(0);
      const docs = await readOutputs(join(late, 'dist'));
      for (const [file, doc] of docs) expect(schemaErrors(doc), file).toEqual([]);
      expect(docs.get('en/held-until-further-notice.ninjs.json')!.embargoedUntil).toBe('9999-12-31T23:59:59+00:00');
      expect(docs.get('en/dated-at-the-end-of-time.ninjs.json')!.firstCreated).toBe('9999-12-31T22:00:00+00:00');
      const feed = await readFile(join(late, 'dist', 'en', 'feed.xml'), 'utf8');
      expect(feed).toContain('<published>9999-12-31T22:00:00+00:00</published>');
      expect(feed).not.toMatch(/\d{5}-\d\d-\d\d/);
      const mail = await readFile(join(late, 'dist', 'en', 'dated-at-the-end-of-time.eml'), 'utf8');
      expect(mail).toMatch(/^Date: Fri, 31 Dec 9999 22:00:00 \+0000\r$/m);
    } finally {
      await removeFixture(late);
    }
  });

  it('gives the plain-text body without hard wraps, a paragraph or list item a line, for the wire system to flow to its own width', async () => {
    const sentence = 'The State Migration Service opened a new residence permit centre in Ganja on Thursday, its fourth outside the capital.';
    const long = await fixture({
      'migration-news.config.yaml': 'site:\n  url: https://press.example.az\n',
      'r/long.md': release({ title: 'Long lines' }, `${sentence} ${sentence}\n\n- ${sentence}\n- Short item.\n`),
    });
    try {
      const result = await runMain(['build', 'r', '--format', 'ninjs,json', '--now', NOW], { cwd: long });
      expect(result.code, result.stderr).toBe(0);
      const doc = (await readOutputs(join(long, 'dist'))).get('en/long-lines.ninjs.json')!;
      expect(schemaErrors(doc)).toEqual([]);
      const text = (doc.bodies as Ninjs[]).find((b) => b.contentType === 'text/plain')!;
      const json = JSON.parse(await readFile(join(long, 'dist/en/long-lines.json'), 'utf8')) as { body: { textUnwrapped: string } };
      expect(text.value).toBe(json.body.textUnwrapped);
      expect(text.value.split('\n').filter((line: string) => line !== '')).toEqual([`${sentence} ${sentence}`, `- ${sentence}`, '- Short item.']);
      expect(text.charCount).toBe([...text.value].length);
    } finally {
      await removeFixture(long);
    }
  });

  it('is checked by a validator that does reject what the schema forbids', () => {
    const doc = [...docs.values()][0]!;
    expect(schemaErrors({ ...doc, embargoedUntil: 'next Tuesday' }).join()).toMatch(/embargoedUntil/);
    expect(schemaErrors({ ...doc, pubStatus: 'published' }).join()).toMatch(/pubStatus/);
    expect(schemaErrors({ ...doc, headline: 'a misspelt key' }).length).toBeGreaterThan(0);
  });
});
