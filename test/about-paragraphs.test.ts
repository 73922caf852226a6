import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { NOW, release, runMain, useProjects } from './helpers/cli.js';

/** The config's `about`, written in paragraphs, keeps them on every page and message, as the plain text does. */

const project = useProjects();

const CONFIG = `organisation:
  name: State Migration Service
site:
  url: https://press.example.az
languages: [en]
about:
  en: |
    The Service implements state policy on migration.

    Notes to editors: photographs are available on request.
email:
  from: press@example.az
`;

describe('an About text of several paragraphs', () => {
  it('is one paragraph element each on the release page, the home page and in the e-mail, as in the plain text', async () => {
    const dir = await project({ 'migration-news.config.yaml': CONFIG, 'releases/en/a.md': release({ title: 'Centre opens', slug: 'a' }) });
    const out = join(dir, 'out');
    const result = await runMain(['build', join(dir, 'releases'), '--out', out, '--now', NOW, '--format', 'html,text,eml']);
    expect(result.code, result.stdout + result.stderr).toBe(0);
    const read = (file: string) => readFile(join(out, file), 'utf8');

    const page = await read('en/a.html');
    expect(page).toContain('<p>The Service implements state policy on migration.</p>\n<p>Notes to editors: photographs are available on request.</p>');
    const home = await read('index.html');
    expect(home).toContain('<p class="home-about">The Service implements state policy on migration.</p>\n<p class="home-about">Notes to editors: photographs are available on request.</p>');
    expect(await read('en/a.txt')).toContain('The Service implements state policy on migration.\n\nNotes to editors: photographs are available on request.');

    const eml = await read('en/a.eml');
    const html = Buffer.from(eml.split(/Content-Type: text\/html[^]*?\r\n\r\n/)[1]!.split('\r\n----')[0]!.replace(/\r\n/g, ''), 'base64').toString('utf8');
    expect(html).toMatch(/>The Service implements state policy on migration\.<\/p>\s*<p[^>]*>Notes to editors: photographs are available on request\.<\/p>/);
  });

  it('of one paragraph is printed as before', async () => {
    const dir = await project({
      'migration-news.config.yaml': 'organisation:\n  name: SMS\nlanguages: [en]\nabout:\n  en: The Service implements state policy on migration.\n',
      'releases/en/a.md': release({ title: 'Centre opens', slug: 'a' }),
    });
    const out = join(dir, 'out');
    expect((await runMain(['build', join(dir, 'releases'), '--out', out, '--now', NOW, '--format', 'html'])).code).toBe(0);
    expect(await readFile(join(out, 'en/a.html'), 'utf8')).toContain('<h2 id="about-heading">About SMS</h2>\n<p>The Service implements state policy on migration.</p>\n</section>');
  });
});
