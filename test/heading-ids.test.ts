import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { NOW, release, runMain, useProjects } from './helpers/cli.js';
import type { JsonReport } from './helpers/report.js';

const project = useProjects();

const BODY = [
  'The quotas are [below](#quotas) and the fees [at the end](#fees.2027:all_cities-x).[^1]',
  '',
  '## *Quotas* by city {#quotas}',
  '',
  '### Baku{#baku}',
  '',
  'Baku 12,000.',
  '',
  'Fees {#fees.2027:all_cities-x}',
  '----',
  '',
  '## Again {#quotas}',
  '',
  '## Main {#main}',
  '',
  '## {#only-braces}',
  '',
  'A paragraph {#not-a-heading}',
  '',
  '```',
  '## In code {#code}',
  '```',
  '',
  '[^1]: Set by the Cabinet.',
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
      'h2 id="fees.2027:all_cities-x" Fees',
      'h2 Again',
      'h2 Main',
      'h2 {#only-braces}',
      'h2 class="footnotes-heading" Notes',
    ]);
    // One element of each id: the page's own `main` stays the skip link's target.
    for (const id of ['quotas', 'main', 'fn-1']) expect(page.split(`id="${id}"`)).toHaveLength(2);
    expect(json.body.html).toContain('<h2 id="quotas"><em>Quotas</em> by city</h2>');
    expect(page).toContain('A paragraph {#not-a-heading}');
    expect(page).toContain('## In code {#code}');

    const shown = text.split('\n');
    for (const heading of ['Quotas by city', 'Baku', 'Fees', 'Again', 'Main']) expect(shown).toContain(heading);
    expect(text).not.toMatch(/\{#(?:quotas|baku|fees|main)/);

    const problems = report.diagnostics.filter((d) => d.ruleId === 'content/heading-id').map((d) => [d.line, d.message.slice(0, 40)]);
    expect(problems).toEqual([[18, 'The heading\'s id "#quotas" is an earlier'], [20, 'The heading\'s id "#main" is one the page']]);
  });
});
