import { readFile, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { NOW, release, runMain, useProjects } from './helpers/cli.js';
import { png } from './helpers/images.js';

/**
 * How often a build renders a body's HTML, counted at the sanitizer that every rendering of an `html: safe` body ends in: each
 * call's input is kept, and a body is known by a word only it holds. The sanitizer hands its whole input to the parser of its own
 * copy of htmlparser2, which no other module uses: watched there, the calls are counted with the modules as the build loads
 * them, without a module cache of the test's own.
 */
const sanitized: string[] = [];
const sanitizerParser = (createRequire(createRequire(import.meta.url).resolve('sanitize-html'))('htmlparser2') as { Parser: { prototype: { write(chunk: string): void } } }).Parser;

describe('the HTML of a body with local images', () => {
  const projects = useProjects();
  let watched: { mockRestore(): void } | undefined;
  beforeEach(() => {
    const write = sanitizerParser.prototype.write;
    watched = vi.spyOn(sanitizerParser.prototype, 'write').mockImplementation(function (this: unknown, chunk: string) {
      sanitized.push(chunk);
      write.call(this, chunk);
    });
  });
  afterEach(() => watched?.mockRestore());

  it('is rendered once when the release\'s only local image is its lead image, and again for the JSON when the body shows one', async () => {
    const lead = '\n  src: lead.png\n  alt: The new centre';
    const project = await projects({
      'migration-news.config.yaml': 'html: safe\nsite:\n  url: https://press.example.az\n',
      'r/none.md': release({ title: 'No image', slug: 'none' }, 'Plain words.\n'),
      'r/lead.md': release({ title: 'Lead image', slug: 'lead', image: lead }, 'Lead words.\n'),
      'r/body.md': release({ title: 'Body image', slug: 'body', image: lead }, 'Body words.\n\n![The queue](queue.png)\n'),
    });
    await writeFile(join(project, 'r/lead.png'), png(4, 3));
    await writeFile(join(project, 'r/queue.png'), png(4, 3));
    sanitized.length = 0;
    // One thread: the renders happen here, where the sanitizer is counted.
    const result = await runMain(['build', 'r', '--format', 'html,json', '--jobs', '1', '--now', NOW], { cwd: project });
    expect(result.code, result.stdout + result.stderr).toBe(0);
    const renders = (words: string) => sanitized.filter((html) => html.includes(words)).length;
    expect(renders('Plain words.')).toBeGreaterThan(0);
    // Before, a lead image alone made the build render the body a second time, to the same HTML.
    expect(renders('Lead words.')).toBe(renders('Plain words.'));
    expect(renders('Body words.')).toBe(renders('Plain words.') + 1);
    const json = JSON.parse(await readFile(join(project, 'dist/en/body.json'), 'utf8')) as { body: { html: string } };
    expect(json.body.html).toContain('src="https://press.example.az/en/body/queue.png"');
  });
});

