import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXAMPLES, NOW, fixture, removeFixture, runMain } from './helpers/cli.js';
import { htmlProblems, htmlValidator } from './helpers/html-validator.js';
import { JPEG, png } from './helpers/images.js';
import { releaseOutputs } from './helpers/site-files.js';

/**
 * Every HTML page the built-in sets make from the examples, drafts and
 * embargoed releases included, passes html-validate's recommended rules.
 */

const validators = {
  default: htmlValidator(),
  // Mail clients drop <style> blocks and linked stylesheets (Gmail's non-Google accounts, Outlook.com's
  // mobile apps, many webmail sanitisers), so inline styles are the one way e-mail layout survives.
  // Only this rule is turned off, and only for the email set.
  email: htmlValidator({ 'no-inline-style': 'off' }),
};

async function problems(set: keyof typeof validators, file: string): Promise<string[]> {
  return htmlProblems(validators[set], await readFile(file, 'utf8'), file);
}

async function buildExamples(out: string, set: string, drafts: boolean): Promise<string[]> {
  const result = await runMain(['build', EXAMPLES, '--out', out, '--now', NOW, '--template', set, '--format', 'html', ...(drafts ? ['--drafts'] : [])]);
  expect(result.code, result.stderr).toBe(0);
  return (await readdir(out, { recursive: true })).filter((f) => f.endsWith('.html')).map((f) => join(out, f)).sort();
}

let dir: string;
beforeAll(async () => { dir = await fixture({}); });
afterAll(() => removeFixture(dir));

describe.each(['default', 'email'] as const)('the %s set', (set) => {
  it('makes valid HTML of every example, drafts and embargoed ones included', async () => {
    const all = await buildExamples(join(dir, set, 'drafts'), set, true);
    const publishable = await buildExamples(join(dir, set, 'public'), set, false);
    expect(all.length).toBeGreaterThan(publishable.length);
    // Half the pages come out of both builds byte for byte: each page is validated once, under every name it has.
    const pages = new Map<string, string[]>();
    for (const file of [...all, ...publishable]) {
      const html = await readFile(file, 'utf8');
      pages.set(html, [...(pages.get(html) ?? []), file]);
    }
    for (const [html, files] of pages) expect(await htmlProblems(validators[set], html, files[0]!), files.join(', ')).toEqual([]);
  });

  it('makes valid HTML of a release that uses every kind of Markdown and every optional field, and of a bare one', async () => {
    const project = join(dir, `${set}-edge`);
    const { mkdir, writeFile } = await import('node:fs/promises');
    await mkdir(join(project, 'r/media'), { recursive: true });
    // The release's local images, which the build copies and sizes.
    await writeFile(join(project, 'r/media/photo.jpg'), JPEG);
    await writeFile(join(project, 'r/chart.png'), png(30, 20));
    await writeFile(join(project, 'migration-news.config.yaml'), 'organisation:\n  name: State Migration Service\n  url: https://migration.example.az\nsite:\n  url: https://press.example.az/news/\ncontacts:\n  - name: Press Office\n    phone: "+994 (12) 555-01-00"\n');
    await writeFile(join(project, 'r/full.md'), [
      '---',
      'title: A headline that goes on for quite a while so that it is longer than seventy characters in all',
      'subtitle: "Sub <em>headline</em> & more"',
      'summary: Summary with "quotes" and <b>tags</b>',
      'date: 2026-05-14T10:30:00+04:00',
      'lang: en',
      'status: review',
      'location: Ganja',
      'embargo: 2027-01-01T09:00:00+04:00',
      'tags: [one, "two & three"]',
      'image:',
      '  src: media/photo.jpg',
      '  alt: A photo',
      '  credit: Press Office',
      '---',
      '# A heading in the body',
      '',
      'Text with **bold**, _emphasis_, `code`, ~~struck~~, a [link](https://example.az/a?b=1&c=2) and <span>raw html</span>.',
      '',
      '### A deeper heading',
      '',
      '1. first',
      '   - nested',
      '2. second',
      '',
      '> A quote',
      '',
      '| Year | Permits |',
      '|------|--------:|',
      '| 2025 | 23,000 |',
      '',
      '```',
      'preformatted <text>',
      '```',
      '',
      '---',
      '',
      'Last paragraph with an image: ![Chart of permits](chart.png)',
      '',
    ].join('\n'));
    await writeFile(join(project, 'r/bare.md'), '---\ntitle: Bare\ndate: 2026-05-14\nlang: ru\nstatus: published\n---\nТекст.\n');
    const result = await runMain(['build', 'r', '--drafts', '--format', 'html', '--template', set, '--now', NOW], { cwd: project });
    expect(result.code, result.stdout + result.stderr).toBe(0);
    const files = (await readdir(join(project, 'dist'), { recursive: true })).filter((f) => f.endsWith('.html'));
    expect(releaseOutputs(files)).toHaveLength(2);
    // The default set also makes the site's pages (home, listings, tag pages); they are checked too.
    expect(files.length > 2).toBe(set === 'default');
    for (const f of files) expect(await problems(set, join(project, 'dist', f)), f).toEqual([]);
  });
});

describe('the pages a build writes beside the releases', () => {
  it('makes valid HTML of a withdrawal notice and of the redirect pages that lead to it', async () => {
    const project = join(dir, 'notices');
    const { mkdir, writeFile } = await import('node:fs/promises');
    await mkdir(join(project, 'r'), { recursive: true });
    await writeFile(join(project, 'migration-news.config.yaml'), 'site:\n  url: https://press.example.az/news/\n  name: Press room\n');
    await writeFile(join(project, 'r/gone.md'), '---\ntitle: Retracted & replaced\ndate: 2026-05-14\nlang: en\nstatus: withdrawn\nwithdrawn_date: 2026-05-20\nwithdrawn_reason: Issued in error.\naliases: [old-gone, /2014/01/old-gone.html]\n---\nText.\n');
    await writeFile(join(project, 'r/ru.md'), '---\ntitle: Отозван\ndate: 2026-05-14\nlang: ru\nstatus: withdrawn\nwithdrawn_date: 2026-05-20\n---\nТекст.\n');
    const result = await runMain(['build', 'r', '--format', 'html', '--now', NOW], { cwd: project });
    expect(result.code, result.stdout + result.stderr).toBe(0);
    for (const f of ['en/retracted-replaced.html', 'ru/otozvan.html']) expect(await problems('default', join(project, 'dist', f)), f).toEqual([]);
    // The redirect pages keep the bytes every earlier build wrote, a lower-case doctype with them: valid HTML, only not the recommended style.
    const redirects = htmlValidator({ 'doctype-style': 'off' });
    for (const f of ['en/old-gone.html', '2014/01/old-gone.html']) expect(await htmlProblems(redirects, await readFile(join(project, 'dist', f), 'utf8'), f), f).toEqual([]);
  });
});

describe('the validator', () => {
  it('does report what the recommended rules forbid, so a clean result means something', async () => {
    const report = await validators.email.validateString('<!DOCTYPE html><html lang="en"><head><title>x</title></head><body><img src="a.png"><p><div>x</div></p></body></html>', 'probe.html');
    const rules = report.results.flatMap((r) => r.messages.map((m) => m.ruleId));
    expect(rules).toContain('wcag/h37');
  });
});
