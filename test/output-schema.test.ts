import { cp, mkdir, readFile, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { beforeAll, describe, expect, it } from 'vitest';
import { EXAMPLES, NOW, release, runMain, useProjects } from './helpers/cli.js';
import { JPEG } from './helpers/images.js';
import { isSiteFile } from './helpers/site-files.js';

/**
 * The JSON Schemas of the outputs (`schema --output release|releases`),
 * checked by an independent validator against every JSON document the
 * examples build to, with and without `site.url`.
 */

const project = useProjects();
const schemas: Record<string, ReturnType<Ajv2020['compile']>> = {};

beforeAll(async () => {
  for (const name of ['release', 'releases']) {
    const result = await runMain(['schema', '--output', name]);
    expect(result.code, result.stderr).toBe(0);
    // Strict: the schema uses standard JSON Schema keywords only.
    schemas[name] = new Ajv2020({ allErrors: true, strict: true }).compile(JSON.parse(result.stdout) as Record<string, unknown>);
  }
});

async function buildExamples(withSiteUrl: boolean): Promise<{ out: string; files: string[] }> {
  const dir = await project({});
  await cp(EXAMPLES, join(dir, 'examples'), { recursive: true });
  if (!withSiteUrl) {
    const config = join(dir, 'examples', 'migration-news.config.yaml');
    await writeFile(config, (await readFile(config, 'utf8')).replace(/^site:\n {2}url: .*\n/m, ''));
  }
  const result = await runMain(['build', 'examples', '--out', 'dist', '--format', 'json,html', '--now', NOW], { cwd: dir });
  expect(result.code, result.stdout + result.stderr).toBe(0);
  const out = join(dir, 'dist');
  const files = (await readdir(out, { recursive: true })).map((f) => f.split('\\').join('/')).sort();
  return { out, files };
}

describe.each([true, false])('the JSON output of every example (site.url set: %s)', (withSiteUrl) => {
  it('matches the published schema, with one URL base throughout', async () => {
    const { out, files } = await buildExamples(withSiteUrl);
    const documents = files.filter((f) => f.endsWith('.json') && !isSiteFile(f));
    expect(documents.length).toBeGreaterThanOrEqual(8);
    for (const file of documents) {
      const doc = JSON.parse(await readFile(join(out, file), 'utf8')) as { url: string; translations: { url: string }[]; image: { src: string; url: string } | null };
      expect(schemas.release!(doc), `${file}: ${JSON.stringify(schemas.release!.errors)}`).toBe(true);
      // An image given as an absolute URL stays absolute; every other URL has the document's one base.
      const urls = [doc.url, ...doc.translations.map((t) => t.url), ...(doc.image && !/^https?:/.test(doc.image.src) ? [doc.image.url] : [])];
      for (const url of urls) {
        if (withSiteUrl) expect(url, file).toMatch(/^https:\/\/press\.migration\.example\.az\//);
        else {
          // Relative to the output root: each names a file that the build wrote, or an image beside it.
          expect(url, file).not.toMatch(/^(?:\.\.\/|\/|https?:)/);
          if (url.endsWith('.html')) expect(files, `${file}: ${url}`).toContain(url);
        }
      }
    }
    const manifest = JSON.parse(await readFile(join(out, 'releases.json'), 'utf8')) as unknown;
    expect(schemas.releases!(manifest), JSON.stringify(schemas.releases!.errors)).toBe(true);
  });
});

describe('the schemas', () => {
  it('reject a document that lacks a field, has one too many or the wrong version', async () => {
    const dir = await project({ 'r/a.md': release({ title: 'One', image: '{src: media/photo.jpg, alt: A photo}' }), 'r/b.md': release({ title: 'Bir', lang: 'az', id: 'a' }) });
    await mkdir(join(dir, 'r/media'));
    await writeFile(join(dir, 'r/media/photo.jpg'), JPEG);
    expect((await runMain(['build', 'r', '--format', 'json', '--now', NOW], { cwd: dir })).code).toBe(0);
    const doc = JSON.parse(await readFile(join(dir, 'dist/en/one.json'), 'utf8')) as Record<string, unknown>;
    expect(schemas.release!(doc)).toBe(true);
    const { body: _body, ...lacking } = doc;
    expect(schemas.release!(lacking)).toBe(false);
    expect(schemas.release!({ ...doc, extra: 1 })).toBe(false);
    expect(schemas.release!({ ...doc, version: 1 })).toBe(false);
    // Without site.url every URL is a path from the output root, whichever document it is in.
    expect(doc.url).toBe('en/one.html');
    expect(doc.translations).toEqual([{ lang: 'az', title: 'Bir', url: 'az/bir.html' }]);
    // A local image is copied next to the page: its src is the copy, its url the copy from the output root.
    expect(doc.image).toMatchObject({ src: 'one/photo.jpg', url: 'en/one/photo.jpg', width: 1, height: 1 });
  });

  it('print the front matter schema without --output, and refuse an unknown output', async () => {
    const front = JSON.parse((await runMain(['schema'])).stdout) as { title: string };
    expect(front.title).toBe('migration-news release front matter');
    const wrong = await runMain(['schema', '--output', 'ninjs']);
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toMatch(/release, releases/);
  });
});

describe('body.textUnwrapped', () => {
  it('keeps each paragraph and list item on one line, paragraphs apart, beside the wrapped text', async () => {
    const long = 'This paragraph is long enough that the plain text output wraps it at seventy-two columns, but systems that wrap text themselves want it whole.';
    const dir = await project({ 'r/a.md': release({ title: 'Unwrapped' }, `${long}\n\n- A list item that is also long enough to wrap at seventy-two columns in the text.\n- Two\n\nLast.\n`) });
    expect((await runMain(['build', 'r', '--format', 'json', '--now', NOW], { cwd: dir })).code).toBe(0);
    const { body } = JSON.parse(await readFile(join(dir, 'dist/en/unwrapped.json'), 'utf8')) as { body: { text: string; textUnwrapped: string } };
    expect(body.textUnwrapped).toBe(`${long}\n\n- A list item that is also long enough to wrap at seventy-two columns in the text.\n- Two\n\nLast.`);
    expect(body.text.split('\n').every((l) => l.length <= 72)).toBe(true);
    expect(body.text.replace(/\s+/g, ' ')).toBe(body.textUnwrapped.replace(/\s+/g, ' '));
  });
});
