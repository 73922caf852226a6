import { readFileSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CompiledTemplates, ReleaseRenderer, templatesReached, unusedTemplates, type TemplateFile, type TemplateSet } from '../src/core/templates.js';
import { renderRelease } from '../src/index.js';
import { NOW, release, ROOT, runMain, useProjects } from './helpers/cli.js';

const projects = useProjects();

/** The default set's page layout with a line that shows the build's clock (in the site's time zone, Baku's by default), and a partial of the project's own. */
const LAYOUT = readFileSync(join(ROOT, 'templates/default/layouts/page.liquid'), 'utf8')
  .replace('</main>', '<p id="clock">{{ "now" | date: "%Y-%m-%d %H:%M" }}</p>{% render "partials/note" %}</main>');

function set(name: string, sources: Record<string, string>): TemplateSet {
  const files = new Map<string, TemplateFile>(Object.entries(sources).map(([file, source]) => [file, { name: file, source, path: `/sets/${name}/${file}`, set: name }]));
  return { name, formats: ['html'], files };
}

describe('the parsed templates shared by the builds of one process', () => {
  it('show each build its own clock, and a template edited between two builds as it is now', async () => {
    const dir = await projects({
      'r/a.md': release({ slug: 'centre' }),
      'templates/house/template.yaml': 'name: house\nextends: default\n',
      'templates/house/layouts/page.liquid': LAYOUT,
      'templates/house/partials/note.liquid': '<p id="note">first note</p>',
    });
    const page = join(dir, 'out/en/centre.html');
    const build = async (now: string) => {
      const result = await runMain(['build', 'r', '--template', 'house', '--format', 'html', '--out', 'out', '--force', '--now', now], { cwd: dir });
      expect(result.code, result.stdout + result.stderr).toBe(0);
      const html = await readFile(page, 'utf8');
      return [/<p id="clock">([^<]*)<\/p>/.exec(html)?.[1], /<p id="note">([^<]*)<\/p>/.exec(html)?.[1]];
    };
    expect(await build('2026-11-28T12:00:00Z')).toEqual(['2026-11-28 16:00', 'first note']);
    // The same set, parsed once: the clock is the second build's, not the first's.
    expect(await build('2027-01-02T08:30:00Z')).toEqual(['2027-01-02 12:30', 'first note']);
    await writeFile(join(dir, 'templates/house/partials/note.liquid'), '<p id="note">second note</p>');
    expect(await build('2027-01-02T08:30:00Z')).toEqual(['2027-01-02 12:30', 'second note']);
    // And back: the first version's parse may be kept, and is the right one again.
    await writeFile(join(dir, 'templates/house/partials/note.liquid'), '<p id="note">first note</p>');
    expect(await build('2026-11-28T12:00:00Z')).toEqual(['2026-11-28 16:00', 'first note']);
  });

  it('know a set by what its files hold, not by the object read, and keep the sets used last', () => {
    const compiled = new CompiledTemplates(8);
    const a = compiled.of(set('a', { 'release.html.liquid': 'A' }), true, true);
    // Read again from disk, the same files: the same parsed templates.
    expect(compiled.of(set('a', { 'release.html.liquid': 'A' }), true, true)).toBe(a);
    // Another source, another set name, another file name or other render options: parsed apart.
    const others = [
      compiled.of(set('a', { 'release.html.liquid': 'A2' }), true, true),
      compiled.of(set('b', { 'release.html.liquid': 'A' }), true, true),
      compiled.of(set('a', { 'release.txt.liquid': 'A' }), true, true),
      compiled.of(set('a', { 'release.html.liquid': 'A' }), false, true),
      compiled.of(set('a', { 'release.html.liquid': 'A' }), true, false),
    ];
    expect(new Set([a, ...others]).size).toBe(6);
    expect(compiled.of(set('a', { 'release.html.liquid': 'A' }), true, true)).toBe(a);

    // Two kept: a set used three sets ago is let go, one used since is kept.
    const two = new CompiledTemplates(2);
    const first = two.of(set('a', { 'release.html.liquid': 'A' }), true, true);
    const second = two.of(set('b', { 'release.html.liquid': 'B' }), true, true);
    expect(two.of(set('a', { 'release.html.liquid': 'A' }), true, true)).toBe(first);
    two.of(set('c', { 'release.html.liquid': 'C' }), true, true);
    expect(two.of(set('a', { 'release.html.liquid': 'A' }), true, true)).toBe(first);
    expect(two.of(set('b', { 'release.html.liquid': 'B' }), true, true)).not.toBe(second);
  });

  it('charge each renderer\'s output to its own run, though they share one engine', () => {
    const compiled = new CompiledTemplates();
    const pages = set('s', { 'index.html.liquid': '{% for i in (1..60) %}0123456789{% endfor %}' });
    const renderer = () => new ReleaseRenderer(pages, { compiled, outputLimits: { perRun: 1_000 } });
    const first = renderer();
    const second = renderer();
    // 600 characters a page: the first renderer's second page passes its run's 1,000, the other renderer's first does not.
    expect(first.renderPage('index', {}).ok).toBe(true);
    expect(second.renderPage('index', {}).ok).toBe(true);
    const over = first.renderPage('index', {});
    expect(over.ok).toBe(false);
    expect(JSON.stringify(over)).toContain('one run may write at most 1,000 characters');
    expect(renderer().renderPage('index', {}).ok).toBe(true);
  });

  it('give each renderer the syntax errors of a template as objects of its own', () => {
    const compiled = new CompiledTemplates();
    const broken = set('s', { 'index.html.liquid': '{% if %}' });
    const first = new ReleaseRenderer(broken, { compiled }).renderPage('index', {});
    expect(first.ok).toBe(false);
    const told = !first.ok ? first.diagnostics : [];
    expect(told.map((d) => d.ruleId)).toEqual(['template/syntax']);
    // A caller that changes what it was told (a reporter giving it a source line, a rule setting its severity) changes no later build's.
    told[0]!.severity = 'warning';
    told.push({ ...told[0]! });
    const second = new ReleaseRenderer(broken, { compiled }).renderPage('index', {});
    expect(!second.ok && second.diagnostics.map((d) => d.severity)).toEqual(['error']);
  });
});


describe('a set a library caller keeps and edits', () => {
  it('renders a release with the template as the set holds it at each call, not as it held it at the first', async () => {
    const preview = set('preview', { 'release.html.liquid': '<h1>{{ release.title }}</h1>' });
    const text = release({ slug: 'centre' });
    const first = await renderRelease(text, { templates: preview, now: NOW });
    expect(first.ok && first.output).toBe('<h1>Service opens new residence permit centre</h1>');
    // A preview that lets an editor change a template changes the file in the set it keeps, as TemplateFile allows.
    preview.files.get('release.html.liquid')!.source = '<h1>Edited: {{ release.title }}</h1>';
    const second = await renderRelease(text, { templates: preview, now: NOW });
    expect(second.ok && second.output).toBe('<h1>Edited: Service opens new residence permit centre</h1>');
  });
});

describe('the includes of a set a library caller keeps and edits', () => {
  it('are read from the files as they are at each call, not as they were at the first', () => {
    const kept = set('kept', {
      'release.html.liquid': '{% render "partials/a" %}',
      'partials/a.liquid': 'A',
      'partials/b.liquid': 'B',
    });
    expect([...templatesReached(kept, ['release.html.liquid'])!].sort()).toEqual(['partials/a.liquid', 'release.html.liquid']);
    expect(unusedTemplates(kept, () => true).map((t) => t.name)).toEqual(['partials/b.liquid']);
    kept.files.get('release.html.liquid')!.source = '{% render "partials/b" %}';
    expect([...templatesReached(kept, ['release.html.liquid'])!].sort()).toEqual(['partials/b.liquid', 'release.html.liquid']);
    expect(unusedTemplates(kept, () => true).map((t) => t.name)).toEqual(['partials/a.liquid']);
  });
});
