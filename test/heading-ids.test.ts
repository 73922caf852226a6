import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { lexBody, renderBodyHtml } from '../src/core/markdown.js';
import { convertBody } from '../src/import/body.js';
import { NOW, release, runMain, useProjects } from './helpers/cli.js';
import type { JsonReport } from './helpers/report.js';

const project = useProjects();

const BODY = [
  'The quotas are [below](#quotas) and the fees [at the end](#Fees_2027-all).[^1]',
  '',
  '## *Quotas* by city {#quotas}',
  '',
  '### Baku{#baku}',
  '',
  'Baku 12,000.',
  '',
  'Fees {#Fees_2027-all}',
  '----',
  '',
  '## Again {#quotas}',
  '',
  '## Main {#main}',
  '',
  '## {#only-braces}',
  '',
  '## Rates {#rates.2027}',
  '',
  '## <!-- a note to the editor --> {#comment}',
  '',
  '## Brace &#123;#entity}',
  '',
  'A paragraph {#not-a-heading}',
  '',
  '```',
  '## In code {#code}',
  '```',
  '',
  '[^1]: Set by the Cabinet.',
  '',
  '    ## In the note {#comment}',
  '',
  '## Last {#comment}',
  '',
].join('\n');

async function build(html: 'safe' | 'escape'): Promise<{ page: string; text: string; json: { body: { html: string } }; report: JsonReport }> {
  const dir = await project({
    'migration-news.config.yaml': `organisation:\n  name: State Migration Service\nhtml: ${html}\n`,
    'r/quotas.md': release({ title: 'Quotas for 2027' }, BODY),
  });
  const result = await runMain(['build', 'r', '--format', 'html,text,json', '--now', NOW, '--reporter', 'json'], { cwd: dir });
  expect(result.code, result.stderr).toBe(0);
  const read = (name: string) => readFile(join(dir, 'dist/en', name), 'utf8');
  return { page: await read('quotas-for-2027.html'), text: await read('quotas-for-2027.txt'), json: JSON.parse(await read('quotas-for-2027.json')) as { body: { html: string } }, report: JSON.parse(result.stdout) as JsonReport };
}

describe('a heading\'s id written after its text', () => {
  it.each(['escape', 'safe'] as const)('is the heading\'s id on the page and in the JSON, and shown nowhere (html: %s)', async (mode) => {
    const { page, text, json, report } = await build(mode);
    const headings = [...page.matchAll(/<h([2-6])([^>]*)>(.*?)<\/h\1>/g)].map((m) => `h${m[1]}${m[2]} ${m[3]}`);
    expect(headings).toEqual([
      'h2 id="quotas" <em>Quotas</em> by city',
      'h3 id="baku" Baku',
      'h2 id="Fees_2027-all" Fees',
      'h2 Again',
      'h2 Main',
      'h2 {#only-braces}',
      'h2 Rates {#rates.2027}',
      // A heading that shows nothing but its braces keeps them, a comment or not; one in a footnote takes no id from the body's own.
      'h2  {#comment}',
      'h2 Brace {#entity}',
      'h2 id="comment" Last',
      'h2 class="footnotes-heading" Notes',
      'h2 In the note {#comment}',
    ]);
    // One element of each id: the page's own `main` stays the skip link's target.
    for (const id of ['quotas', 'main', 'fn-1']) expect(page.split(`id="${id}"`)).toHaveLength(2);
    expect(json.body.html).toContain('<h2 id="quotas"><em>Quotas</em> by city</h2>');
    expect(page).toContain('A paragraph {#not-a-heading}');
    expect(page).toContain('## In code {#code}');

    const shown = text.split('\n');
    for (const heading of ['Quotas by city', 'Baku', 'Fees', 'Again', 'Main', 'Last']) expect(shown).toContain(heading);
    expect(text).not.toMatch(/\{#(?:quotas|baku|fees|main)/);

    const problems = report.diagnostics.filter((d) => d.ruleId === 'content/heading-id').map((d) => [d.line, d.message.slice(0, 40)]);
    expect(problems).toEqual([[18, 'The heading\'s id "#quotas" is an earlier'], [20, 'The heading\'s id "#main" is one the page'], [24, '"{#rates.2027}" is not read as the headi']]);
  });

  it('reads an id written after a heading\'s closing `#`s, as Pandoc does, and shows neither', async () => {
    const dir = await project({ 'r/a.md': release({ title: 'Visas' }, '## Visa rules ## {#visa-rules}\n\nText.\n\n## *Fees* ## {#fees}\n\nText.\n\n## C# and F# {#languages}\n\nText.\n\nSetext ## {#setext}\n---\n\nText.\n') });
    const result = await runMain(['build', 'r', '--format', 'html,text', '--now', NOW], { cwd: dir });
    expect(result.code, result.stdout + result.stderr).toBe(0);
    const page = await readFile(join(dir, 'dist/en/visas.html'), 'utf8');
    // Before, the closing marks stayed in the heading's text: <h2 id="visa-rules">Visa rules ##</h2>.
    expect(page).toContain('<h2 id="visa-rules">Visa rules</h2>');
    expect(page).toContain('<h2 id="fees"><em>Fees</em></h2>');
    expect(page).toContain('<h2 id="languages">C# and F#</h2>');
    // A line underlined with `---` has no closing marks: its `#`s are text.
    expect(page).toContain('<h2 id="setext">Setext ##</h2>');
    const text = (await readFile(join(dir, 'dist/en/visas.txt'), 'utf8')).split('\n');
    expect(text).toContain('Visa rules');
    expect(text).toContain('Fees');
  });

  it('suggests an id in Latin letters for one written in another script, transliterated as a slug is in the release\'s language', async () => {
    const dir = await project({
      'r/az.md': release({ title: 'Qaydalar', lang: 'az' }, '## Yeni qaydalar {#qaydalar-ə}\n\nMətn.\n\n## Şəki {#Şəki_2}\n\nMətn.\n'),
      'r/ru.md': release({ title: 'Правила', lang: 'ru' }, '## Новые правила {#правила}\n\nТекст.\n'),
    });
    const result = await runMain(['validate', 'r', '--reporter', 'json'], { cwd: dir });
    const report = JSON.parse(result.stdout) as JsonReport;
    // Before, the hint wrote each letter beyond ASCII as a hyphen ("{#qaydalar--}"), and a Cyrillic id as "{#section}".
    expect(report.diagnostics.filter((d) => d.ruleId === 'content/heading-id').map((d) => [d.message.split(' is ')[0], d.hint])).toEqual([
      ['"{#qaydalar-ə}"', 'Write the id with those only ("{#qaydalar-e}"), or leave it out.'],
      ['"{#Şəki_2}"', 'Write the id with those only ("{#sheki_2}"), or leave it out.'],
      ['"{#правила}"', 'Write the id with those only ("{#pravila}"), or leave it out.'],
    ]);
    expect(report.diagnostics[0]!.message).toContain('which is Latin letters, digits');
  });

  it('is the page\'s only id of its kind with html: safe: a raw heading keeps none, as the sanitizer always had it, so it takes neither the body\'s nor the page\'s', () => {
    const lexed = lexBody('## Quotas {#quotas}\n\n<h2 id="quotas">Raw</h2>\n\n<h3 id="main">Main</h3>\n\n<h1 id="contacts-heading">One</h1>\n\n<h4 id="own">Own</h4>\n');
    if (!lexed.ok) throw new Error(lexed.message);
    expect(renderBodyHtml(lexed.body, { html: 'safe' })).toBe('<h2 id="quotas">Quotas</h2>\n<h2>Raw</h2><h3>Main</h3><h2>One</h2><h4>Own</h4>\n');
  });

  it('is looked for in linear time, in a release and by import, whatever runs of spaces a heading holds', () => {
    const spaces = ' '.repeat(200_000);
    let started = performance.now();
    for (const body of [`## x{#${spaces}y\n`, `## x ${spaces}{#a}\n`, `x{#${spaces}y\n---\n`]) expect(lexBody(body).ok).toBe(true);
    // Quadratic, the first of these took half a minute.
    expect(performance.now() - started).toBeLessThan(3_000);
    started = performance.now();
    const none = () => undefined;
    for (const body of [`## a${spaces}b {#x}\n`, `a${spaces}b {#x}\n`, `> ${spaces}## a {#x}\n`]) convertBody(body, 'jekyll', none);
    expect(performance.now() - started).toBeLessThan(3_000);
  });
});
