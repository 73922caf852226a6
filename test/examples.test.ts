import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXAMPLES, NOW, fixture, removeFixture, runMain } from './helpers/cli.js';
import { releaseOutputs } from './helpers/site-files.js';

/** The real build of the bundled examples, checked output by output. */
let dir: string;
let out: string;
let outputs: string[];
let summary: string;

beforeAll(async () => {
  dir = await fixture({});
  out = join(dir, 'dist');
  const result = await runMain(['build', EXAMPLES, '--out', out, '--now', NOW]);
  expect(result.code, result.stderr).toBe(0);
  summary = result.stdout;
  outputs = releaseOutputs((await readdir(out, { recursive: true })).filter((f) => /\.(html|txt|json)$/.test(f)).map((f) => f.split('\\').join('/'))).sort();
});
afterAll(() => removeFixture(dir));

async function sourceReleases() {
  const { parseReleaseFile } = await import('../src/core/parse.js');
  const files = (await readdir(EXAMPLES, { recursive: true })).filter((f) => f.endsWith('.md'));
  return Promise.all(files.map(async (f) => parseReleaseFile(await readFile(join(EXAMPLES, f), 'utf8'), f).data as Record<string, string>));
}

describe('the bundled examples', () => {
  it('cover three languages, shared ids, an embargo and a draft', async () => {
    const releases = await sourceReleases();
    expect(releases.length).toBeGreaterThanOrEqual(8);
    expect(new Set(releases.map((r) => r.lang))).toEqual(new Set(['az', 'en', 'ru']));
    const ids = releases.map((r) => r.id).filter(Boolean);
    expect(ids.length - new Set(ids).size).toBeGreaterThanOrEqual(2);
    expect(releases.some((r) => r.embargo)).toBe(true);
    expect(releases.some((r) => r.status === 'draft')).toBe(true);
  });

  it('build to one html, txt and json per publishable release, with a summary line', async () => {
    const releases = await sourceReleases();
    const publishable = releases.filter((r) => (r.status === 'published' || r.status === 'approved') && !(r.embargo && Date.parse(r.embargo) > Date.parse(NOW)));
    expect(summary).toContain(`Built ${publishable.length} releases`);
    for (const ext of ['html', 'txt', 'json']) expect(outputs.filter((f) => f.endsWith(`.${ext}`))).toHaveLength(publishable.length);
    for (const r of publishable) expect(outputs.some((f) => f.startsWith(`${r.lang}/`))).toBe(true);
  });

  it('produce complete HTML documents with language, title, description, canonical URL and JSON-LD', async () => {
    const titles = (await sourceReleases()).map((r) => `${r.lang} ${r.title}`);
    for (const file of outputs.filter((f) => f.endsWith('.html'))) {
      const html = await readFile(join(out, file), 'utf8');
      const lang = file.split('/')[0];
      expect(html.startsWith('<!DOCTYPE html>\n'), file).toBe(true);
      expect(html).toContain(`<html lang="${lang}" dir="ltr">`);
      expect(html).toMatch(/<title>[^<]+<\/title>/);
      expect(html).toMatch(/<meta name="description" content="[^"]+">/);
      expect(html).toContain(`<link rel="canonical" href="https://press.migration.example.az/${file}">`);
      expect(html).toMatch(/<\/html>\n?$/);
      const jsonld = /<script type="application\/ld\+json">([\s\S]*?)<\/script>/.exec(html);
      expect(jsonld, file).not.toBeNull();
      const data = JSON.parse(jsonld![1]!) as Record<string, unknown>;
      expect(data).toMatchObject({ '@context': 'https://schema.org', '@type': 'NewsArticle', inLanguage: lang });
      expect(titles, file).toContain(`${lang} ${String(data.headline)}`);
      expect(data.datePublished).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(Z|[+-]\d{2}:\d{2})$/);
    }
  });

  it('produce press-release plain text: release line, dateline, ### and no line over 72 columns', async () => {
    for (const file of outputs.filter((f) => f.endsWith('.txt'))) {
      const text = await readFile(join(out, file), 'utf8');
      const lines = text.split('\n');
      expect(lines[0], file).toBe('FOR IMMEDIATE RELEASE');
      expect(text).toMatch(/\n[A-ZƏÜÖĞIİŞÇА-ЯЁ]+[^\n]*, \d{1,2} \S+ \d{4}( г\.)? — /u);
      expect(lines).toContain('###');
      for (const line of lines) if (!/^\S*https?:\/\/\S+$/.test(line.trim())) expect([...line].length, `${file}: ${line}`).toBeLessThanOrEqual(72);
    }
  });

  it('produce JSON documents in the documented, versioned shape', async () => {
    for (const file of outputs.filter((f) => f.endsWith('.json'))) {
      const doc = JSON.parse(await readFile(join(out, file), 'utf8')) as Record<string, any>;
      expect(doc.format).toBe('migration-news/release');
      expect(doc.version).toBe(2);
      expect(`${doc.lang}/${doc.slug}.json`).toBe(file);
      expect(doc.body.html).toMatch(/^<p>/);
      expect(doc.body.wordCount).toBeGreaterThan(100);
      expect(doc.body.text).not.toMatch(/<\/?[a-z]+>/);
      expect(Array.isArray(doc.translations)).toBe(true);
    }
  });
});

describe("the bench's archive made from the examples (npm run bench -- --examples)", () => {
  it('is copies of every example, each its own release, the versions of one release still translations of each other, all valid and all built', async () => {
    // The bench is plain JavaScript outside the type-checked sources: imported by its address.
    const corpus = (await import(pathToFileURL(join(EXAMPLES, '..', 'bench', 'corpus.js')).href)) as {
      exampleSources(examples: string): Promise<string[]>;
      examplesReleaseText(sources: readonly string[], i: number, variant?: number): string;
      writeExamplesCorpus(dir: string, count: number, examples: string): Promise<void>;
    };
    const sources = await corpus.exampleSources(EXAMPLES);
    const count = 2 * sources.length + 3;
    const dir = await fixture({});
    await corpus.writeExamplesCorpus(dir, count, EXAMPLES);
    // Valid without a warning: an embargo, a draft or an image of an example would keep a copy out of the build, or warn of it.
    const checked = await runMain(['validate', 'releases', '--strict', '--now', NOW], { cwd: dir });
    expect(checked.code, checked.stdout + checked.stderr).toBe(0);
    const built = await runMain(['build', 'releases', '--out', 'dist', '--drafts', '--now', NOW, '--format', 'html'], { cwd: dir });
    expect(built.code, built.stderr).toBe(0);
    expect(built.stdout).toContain(`Built ${count} releases, skipped 0`);
    // The three versions of the first example's copies link to each other.
    const json = JSON.parse(await readFile(join(dir, 'dist', 'releases.json'), 'utf8')) as { releases: { id: string; translations: unknown[] }[] };
    const translated = json.releases.filter((r) => r.translations.length > 0);
    expect(translated.length).toBeGreaterThan(count / 2);
    // A changed copy differs in its body only.
    const [before, after] = [corpus.examplesReleaseText(sources, 5), corpus.examplesReleaseText(sources, 5, 1)];
    expect(after).not.toBe(before);
    expect(after.slice(0, after.indexOf('\n---\n'))).toBe(before.slice(0, before.indexOf('\n---\n')));
  }, 30_000);
});
