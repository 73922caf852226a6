import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { NOW, runMain, useProjects } from './helpers/cli.js';

/**
 * YAML ends a folded (`>`) or literal (`|`) value with a line break, which
 * `validate` accepts even in the one-line fields. That break is how the
 * value was written, not text: no output may carry it, in the release or in
 * the config.
 */

const project = useProjects();

const CONFIG = `organisation:
  name: >
    State Migration Service
site:
  url: https://press.example.az
  name: >
    SMS Press
languages: [en]
about:
  en: >
    The Service issues residence
    and work permits.
email:
  from:
    name: >
      Press Office
    address: press@example.az
`;

const RELEASE = `---
id: ganja-centre
title: >
  Service opens a new centre
  in Ganja
subtitle: >
  Residence permits in one visit
date: 2026-05-14
lang: en
status: published
location: >
  Ganja
summary: >
  Foreign nationals can apply
  for permits in Ganja.
tags:
  - >
    residence permits
contacts:
  - name: >
      Narmin Alizada
    role: >
      Press Office
image:
  src: https://press.example.az/media/centre.jpg
  alt: >
    The new centre
  caption: >
    The centre on opening day.
  credit: >
    Press Office
---
The centre opened today.
`;

describe('values written as YAML block scalars', () => {
  it('reach every output without the line break YAML ends them with', async () => {
    const dir = await project({ 'migration-news.config.yaml': CONFIG, 'releases/en/ganja-centre.md': RELEASE });
    const out = join(dir, 'out');
    const result = await runMain(['build', join(dir, 'releases'), '--out', out, '--now', NOW, '--format', 'html,text,json,ninjs,eml']);
    expect(result.code, result.stdout + result.stderr).toBe(0);
    const read = (file: string) => readFile(join(out, file), 'utf8');
    const slug = 'service-opens-a-new-centre-in-ganja';

    const json = JSON.parse(await read(`en/${slug}.json`)) as Record<string, unknown> & { image: Record<string, unknown>; contacts: Record<string, unknown>[] };
    expect(json.title).toBe('Service opens a new centre in Ganja');
    expect(json.subtitle).toBe('Residence permits in one visit');
    expect(json.location).toBe('Ganja');
    expect(json.summary).toBe('Foreign nationals can apply for permits in Ganja.');
    expect(json.publisher).toBe('State Migration Service');
    expect(json.tags).toEqual(['residence permits']);
    expect(json.contacts[0]).toMatchObject({ name: 'Narmin Alizada', role: 'Press Office' });
    expect(json.image).toMatchObject({ alt: 'The new centre', caption: 'The centre on opening day.', credit: 'Press Office' });

    const text = await read(`en/${slug}.txt`);
    expect(text).toContain('GANJA, 14 May 2026 — The centre opened today.');
    expect(text).toContain('[The new centre]');
    expect(text).toContain('Narmin Alizada, Press Office');

    const html = await read(`en/${slug}.html`);
    expect(html).toContain('<title>Service opens a new centre in Ganja — SMS Press</title>');
    expect(html).toContain('<meta name="description" content="Foreign nationals can apply for permits in Ganja.">');
    expect(html).toContain('<h1>Service opens a new centre in Ganja</h1>');
    expect(html).toContain('<span class="location">GANJA</span>, <time');
    expect(html).toContain('"headline":"Service opens a new centre in Ganja"');
    expect(html).toContain('<p>The Service issues residence and work permits.</p>');

    const ninjs = JSON.parse(await read(`en/${slug}.ninjs.json`)) as { headlines: { value: string }[]; descriptions: { value: string }[]; located: string };
    expect(ninjs.headlines.map((h) => h.value)).toEqual(['Service opens a new centre in Ganja', 'Residence permits in one visit']);
    expect(ninjs.descriptions[0]!.value).toBe('Foreign nationals can apply for permits in Ganja.');
    expect(ninjs.located).toBe('Ganja');

    const eml = await read(`en/${slug}.eml`);
    expect(eml).toMatch(/^From: Press Office <press@example\.az>\r$/m);
    expect(eml).toMatch(/^Subject: Service opens a new centre in Ganja\r$/m);

    const feed = JSON.parse(await read('en/feed.json')) as { items: { title: string; summary: string }[] };
    expect(feed.items[0]).toMatchObject({ title: 'Service opens a new centre in Ganja', summary: 'Foreign nationals can apply for permits in Ganja.' });
    const manifest = JSON.parse(await read('releases.json')) as { releases: { title: string; summary: string }[] };
    expect(manifest.releases[0]).toMatchObject({ title: 'Service opens a new centre in Ganja', summary: 'Foreign nationals can apply for permits in Ganja.' });

    // Whatever the file, no value ends in the line break before its closing tag, quote or bracket.
    for (const file of await readdir(out, { recursive: true })) {
      if (!/\.(html|txt|json|xml)$/.test(file)) continue;
      const content = await read(file);
      expect(content, file).not.toMatch(/(?:Ganja|Press Office|Alizada|SMS Press|State Migration Service|new centre|opening day\.|in one visit|permits)(?:\n|\\n)\s*(?:<|"|\]|,)/);
    }
  });

  it('keep the line breaks inside a literal summary and drop only the one that ends it', async () => {
    const dir = await project({
      'migration-news.config.yaml': 'site:\n  url: https://press.example.az\nlanguages: [en]\n',
      'releases/en/a.md': '---\ntitle: Two lines of summary\ndate: 2026-05-14\nlang: en\nstatus: published\nsummary: |\n  First line.\n  Second line.\n---\nBody.\n',
    });
    const out = join(dir, 'out');
    const result = await runMain(['build', join(dir, 'releases'), '--out', out, '--now', NOW, '--format', 'html,json']);
    expect(result.code, result.stdout + result.stderr).toBe(0);
    const json = JSON.parse(await readFile(join(out, 'en/two-lines-of-summary.json'), 'utf8')) as { summary: string };
    expect(json.summary).toBe('First line.\nSecond line.');
  });
});

describe('values quoted with spaces around them', () => {
  it('reach every output without those spaces, as tags do: the dateline is not "BAKU , 14 May"', async () => {
    const dir = await project({
      'migration-news.config.yaml': 'site:\n  url: https://press.example.az\nlanguages: [en]\nemail:\n  from: press@example.az\n',
      'releases/en/a.md': [
        '---',
        'title: "  Service opens a centre "',
        'subtitle: " In Ganja "',
        'date: 2026-05-14',
        'lang: en',
        'status: published',
        'location: "Baku "',
        'summary: " The centre opens today. "',
        'contacts:',
        '  - name: " Narmin Alizada "',
        '    role: "Press Office "',
        'image:',
        '  src: https://press.example.az/media/centre.jpg',
        '  alt: " The new centre "',
        '  caption: "The centre on opening day. "',
        '---',
        'The centre opened today.',
        '',
      ].join('\n'),
    });
    const out = join(dir, 'out');
    const result = await runMain(['build', join(dir, 'releases'), '--out', out, '--now', NOW, '--format', 'html,text,json,eml']);
    expect(result.code, result.stdout + result.stderr).toBe(0);
    const read = (file: string) => readFile(join(out, file), 'utf8');
    const json = JSON.parse(await read('en/service-opens-a-centre.json')) as Record<string, unknown> & { image: Record<string, unknown>; contacts: Record<string, unknown>[] };
    expect([json.title, json.subtitle, json.location, json.summary]).toEqual(['Service opens a centre', 'In Ganja', 'Baku', 'The centre opens today.']);
    expect(json.contacts[0]).toMatchObject({ name: 'Narmin Alizada', role: 'Press Office' });
    expect(json.image).toMatchObject({ alt: 'The new centre', caption: 'The centre on opening day.' });
    const text = await read('en/service-opens-a-centre.txt');
    expect(text).toContain('BAKU, 14 May 2026 — The centre opened today.');
    expect(text).toContain('Narmin Alizada, Press Office');
    const html = await read('en/service-opens-a-centre.html');
    expect(html).toContain('<h1>Service opens a centre</h1>');
    expect(html).toContain('<p class="subtitle">In Ganja</p>');
    expect(html).toContain('<span class="location">BAKU</span>, <time');
    expect(await read('en/service-opens-a-centre.eml')).toMatch(/^Subject: Service opens a centre\r$/m);
  });

  it('take an optional text that is empty once its spaces are gone as not given: no empty subtitle, description or dateline city', async () => {
    const dir = await project({
      'migration-news.config.yaml': 'languages: [en]\n',
      'releases/en/a.md': [
        '---',
        'title: Service opens a centre',
        'subtitle: "\\u00A0"',
        'date: 2026-05-14',
        'lang: en',
        'status: published',
        'location: ""',
        'summary: "  "',
        'contacts:',
        '  - name: Narmin Alizada',
        '    role: " "',
        'image:',
        '  src: https://press.example.az/media/centre.jpg',
        '  alt: The new centre',
        '  caption: ""',
        '  credit: " "',
        '---',
        'The centre opened today.',
        '',
      ].join('\n'),
    });
    const out = join(dir, 'out');
    const result = await runMain(['build', join(dir, 'releases'), '--out', out, '--now', NOW, '--format', 'html,text,json']);
    expect(result.code, result.stdout + result.stderr).toBe(0);
    const read = (file: string) => readFile(join(out, file), 'utf8');
    const json = JSON.parse(await read('en/service-opens-a-centre.json')) as Record<string, unknown> & { image: Record<string, unknown>; contacts: Record<string, unknown>[] };
    expect([json.subtitle, json.location, json.summary]).toEqual([null, null, null]);
    expect(json.contacts[0]).toMatchObject({ name: 'Narmin Alizada', role: null });
    expect(json.image).toMatchObject({ caption: null, credit: null });
    const html = await read('en/service-opens-a-centre.html');
    expect(html).not.toContain('class="subtitle"');
    expect(html).not.toMatch(/<meta name="description" content="">/);
    expect(html).not.toContain('class="location"');
    expect(await read('en/service-opens-a-centre.txt')).toContain('14 May 2026 — The centre opened today.');
  });

  it('refuses a title of spaces alone, as an empty one', async () => {
    const dir = await project({ 'releases/en/a.md': '---\ntitle: "   "\ndate: 2026-05-14\nlang: en\n---\nText.\n' });
    const result = await runMain(['validate', join(dir, 'releases'), '--reporter', 'json']);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('must not be empty');
  });
});
