import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildTaskHandler, type BuildTask } from '../src/app/parallel.js';
import type { CheckItemResult } from '../src/app/incremental.js';
import { loadConfig } from '../src/io/config.js';
import { loadTemplateSet } from '../src/io/template-sets.js';
import { PAGE_IDS } from '../src/core/markdown.js';
import { pageIdsOf, parseReleaseFile, renderRelease, validateRelease } from '../src/index.js';
import { NOW, release, ROOT, runMain, useProjects } from './helpers/cli.js';
import { jsonReport, type ReportedDiagnostic } from './helpers/report.js';

const project = useProjects();

const CONFIG = 'organisation:\n  name: State Migration Service\n';

/** The `content/link-target` warnings `validate` gives a release of `body` (front matter `fields`), under `config`. */
async function linkTargets(body: string, options: { config?: string; fields?: Record<string, string> } = {}): Promise<ReportedDiagnostic[]> {
  const dir = await project({
    'migration-news.config.yaml': options.config ?? CONFIG,
    'r/quotas.md': release({ title: 'Work permit quotas for 2027', ...options.fields }, body),
  });
  const result = await runMain(['validate', 'r', '--now', NOW, '--reporter', 'json'], { cwd: dir });
  expect(result.code, result.stderr).toBe(0);
  return jsonReport(result).diagnostics.filter((d) => d.ruleId === 'content/link-target');
}

/** Each warning as `line:column actual → expected`. */
const places = (found: readonly ReportedDiagnostic[]) => found.map((d) => `${d.line}:${d.column} ${d.actual ?? ''}${d.expected ? ` → ${d.expected}` : ''}`);

describe('a link to a part of its own page that no element has (content/link-target)', () => {
  it('is a warning at the link, with the id likely meant', async () => {
    const found = await linkTargets('See [the quotas](#quotas).\n\n## Quotas by city {#quotas-2027}\n\nBaku 12,000.\n');
    expect(places(found)).toEqual(['7:5 #quotas → #quotas-2027']);
    expect(found[0]!.severity).toBe('warning');
    expect(found[0]!.endColumn).toBe(5 + '[the quotas](#quotas)'.length);
    expect(found[0]!.message).toContain('no heading has the id "quotas"');
    expect(found[0]!.hint).toBe('Did you mean "#quotas-2027"?');
  });

  it('matches an id in its letter case, as a browser does, and names the one in the other case', async () => {
    const found = await linkTargets('The [fees](#Fees) and the [quotas](#quotas).\n\n## Fees {#fees}\n\n## Quotas {#quotas}\n');
    expect(places(found)).toEqual(['7:5 #Fees → #fees']);
    expect(found[0]!.hint).toContain('letter case');
  });

  it('decodes percent-escapes before it looks for the id', async () => {
    const config = `${CONFIG}html: safe\n`;
    const body = 'The [fees](#%66ees), the [rules](#%D0%BF%D1%80%D0%B0%D0%B2%D0%B8%D0%BB%D0%B0) and [nothing](#%D0%BF) and [a broken escape](#%zz).\n\n## Fees {#fees}\n\n<a id="правила"></a>Rules.\n';
    expect(places(await linkTargets(body, { config }))).toEqual(['7:83 #%D0%BF', '7:106 #%zz']);
  });

  it('leaves the top of the page alone: `#`, `#top` in any case', async () => {
    expect(await linkTargets('[Top](#), [top](#top), [TOP](#TOP).\n')).toEqual([]);
  });

  it('leaves code alone, and judges a linked image, a link in a list, a quote, a table and a footnote', async () => {
    const body = [
      'Written `[x](#code-span)` in code.',
      '',
      '```',
      '[x](#code-block)',
      '```',
      '',
      '[![The map](https://example.az/map.png)](#map)',
      '',
      '- an [item](#item)',
      '',
      '> a [quote](#quote)',
      '',
      '| a | b |',
      '|---|---|',
      '| [cell](#cell) | 1 |',
      '',
      'Cited.[^1]',
      '',
      '[^1]: A [note](#note).',
      '',
    ].join('\n');
    expect(places(await linkTargets(body))).toEqual(['13:1 #map', '15:6 #item', '17:5 #quote', '21:3 #cell', '25:9 #note']);
  });

  it('says a reference link once, at the line that defines its address', async () => {
    const body = 'The [quotas][q] and [again][q].\n\n[q]: #quota\n\n## Quotas {#quotas}\n';
    expect(places(await linkTargets(body))).toEqual(['9:1 #quota → #quotas']);
  });

  it('says nothing of an address that is not the page itself, nor of one another rule tells of', async () => {
    const body = '[Elsewhere](https://example.az/#nowhere), <https://example.az/#x>, [a page](other.html#x), [the portal](www.example.az#x).\n';
    expect(await linkTargets(body)).toEqual([]);
  });

  it('knows the footnotes as the page numbers them: a note and each of its marks', async () => {
    const cited = 'A[^a] and again[^a]; [the note](#fn-1), [the first mark](#fn-ref-1), [the second](#fn-ref-1-2).\n\n[^a]: The note.\n';
    expect(await linkTargets(cited)).toEqual([]);
    const once = 'A[^a]; [the second mark](#fn-ref-1-2), [the second note](#fn-2).\n\n[^a]: The note.\n\n[^b]: Never cited.\n';
    const found = await linkTargets(once);
    expect(places(found)).toEqual(['7:8 #fn-ref-1-2', '7:40 #fn-2']);
    expect(found[0]!.message).toContain('footnote\'s mark');
  });

  it('counts the ids of the page around the body only where the page has them', async () => {
    const body = 'To [the text](#main), [the contacts](#contacts-heading), [about us](#about-heading).\n';
    expect(places(await linkTargets(body))).toEqual(['7:23 #contacts-heading', '7:58 #about-heading']);
    const config = `${CONFIG}about:\n  en: The Service implements the state's migration policy.\ncontacts:\n  - name: Press Office\n    email: press@migration.example.az\n`;
    expect(await linkTargets(body, { config })).toEqual([]);
    // The release's own empty list of contacts gives the page no contacts section, whatever the config's.
    expect(places(await linkTargets(body, { config, fields: { contacts: '[]' } }))).toEqual(['8:23 #contacts-heading']);
  });

  it('with `html: safe`, counts the ids a kept <a> or <li> has, not those the sanitizer drops, and judges a kept <a href>', async () => {
    const config = `${CONFIG}html: safe\n`;
    const body = [
      '<a id="anchor"></a>Text, [to it](#anchor) and <a href="#list">to the list</a> and <a href="#raw-heading">to the heading</a>.',
      '',
      '<ul><li id="list">One</li></ul>',
      '',
      '<h2 id="raw-heading">Raw</h2>',
      '',
      '<a href="#Anchor">again</a> [to the script](#in-script)',
      '',
      '<script><a id="in-script"></a></script>',
      '',
    ].join('\n');
    const found = await linkTargets(body, { config });
    expect(places(found)).toEqual(['7:83 #raw-heading', '13:1 #Anchor → #anchor', '13:29 #in-script']);
    expect(found[0]!.message).toContain('no heading or kept HTML element has the id');
    // Escaped, raw HTML is text: it has no id, and its <a href> is no link.
    expect(places(await linkTargets(body))).toEqual(['7:26 #anchor', '13:29 #in-script']);
  });

  // The page keeps a link inside a link as text of the link around it, without its id: the ids were counted, and links to them,
  // leading nowhere, were not told. One raw link closed (`</a>`), left open in emphasis or in another cell still keeps its own.
  it('with `html: safe`, counts no id of a link inside a link, which the page keeps as text of the link around it', async () => {
    const config = `${CONFIG}html: safe\n`;
    const body = [
      '<a href="https://a.example/">x <a id="in-raw" href="https://b.example/">b</a> y</a> z <a id="after" href="https://c.example/">c</a>',
      '',
      '[outer <a id="in-markdown" href="https://x.example/">inner</a> text](https://y.example/)',
      '',
      '<div><a href="https://a.example/">block <a id="in-block" href="https://b.example/">inner</a> end</a> <a id="in-div" href="https://c.example/">c</a></div>',
      '',
      '*<a href="https://a.example/">left open* in emphasis, <a id="after-em" href="https://c.example/">c</a>',
      '',
      '| a | b |',
      '|---|---|',
      '| <a href="https://a.example/">open | <a id="next-cell" href="https://c.example/">c</a> |',
      '',
      '[1](#in-raw) [2](#after) [3](#in-markdown) [4](#in-block) [5](#in-div) [6](#after-em) [7](#next-cell)',
      '',
    ].join('\n');
    expect(places(await linkTargets(body, { config }))).toEqual(['19:1 #in-raw', '19:26 #in-markdown', '19:44 #in-block']);
  });

  it('knows the ids a project set\'s page gives elements around the body, in validate, build and the thread that checks', async () => {
    const layout = readFileSync(join(ROOT, 'templates/default/layouts/page.liquid'), 'utf8');
    expect(layout).toContain('id="main"');
    const house = {
      'templates/house/template.yaml': 'name: house\nextends: default\n',
      // The skip link's target under another name, a navigation of its own, and a partial with an id in single quotes past a Liquid tag.
      'templates/house/layouts/page.liquid': layout.replace('id="main"', 'id="content"').replace('</main>', '</main><nav id="downloads">Downloads</nav>{% render "partials/kit" %}'),
      'templates/house/partials/kit.liquid': '<section class="kit" {% if true %}data-x="1"{% endif %} id=\'press-kit\'>Kit</section><p id="kit-{{ "en" }}">Made by Liquid</p><!-- <section id="old-kit"></section> -->{% comment %}<div id="gone">{% endcomment %}',
    };
    const body = 'To [the text](#content), [the files](#downloads), [the kit](#press-kit), [Liquid\'s](#kit-en) and [the old one](#main).\n\nAlso [the old kit](#old-kit) and [gone](#gone), in comments.\n';
    const dir = await project({ 'migration-news.config.yaml': CONFIG, 'r/quotas.md': release({ title: 'Work permit quotas for 2027' }, body), ...house });
    const expected = ['7:74 #kit-en', '7:98 #main', '9:6 #old-kit', '9:34 #gone'];
    const validated = await runMain(['validate', 'r', '--template', 'house', '--now', NOW, '--reporter', 'json'], { cwd: dir });
    expect(places(jsonReport(validated).diagnostics)).toEqual(expected);
    const built = await runMain(['build', 'r', '--template', 'house', '--format', 'html', '--out', 'out', '--now', NOW, '--reporter', 'json'], { cwd: dir });
    expect(built.code, built.stderr).toBe(0);
    expect(places(jsonReport(built).diagnostics.filter((d) => d.ruleId === 'content/link-target'))).toEqual(expected);
    // The page has the ids the check counted.
    const page = readFileSync(join(dir, 'out/en/work-permit-quotas-for-2027.html'), 'utf8');
    for (const id of ['content', 'downloads', 'press-kit']) expect(page).toMatch(new RegExp(` id=["']${id}["']`));
    expect(page).not.toContain('id="main"');
    // From standard input, against the same set.
    const stdin = await runMain(['validate', '-', '--template', 'house', '--now', NOW, '--reporter', 'json'], { cwd: dir, input: readFileSync(join(dir, 'r/quotas.md'), 'utf8') });
    expect(places(jsonReport(stdin).diagnostics)).toEqual(expected);
    // A build thread checks against the set it renders with.
    const loaded = await loadTemplateSet('house', { cwd: dir, projectFolder: join(dir, 'templates') });
    if (!loaded.ok) throw new Error('the set does not load');
    const { config } = await loadConfig(join(dir, 'migration-news.config.yaml'), dir);
    const now = Date.parse(NOW);
    const handler = buildTaskHandler({ render: { set: loaded.set, config, now, formats: ['html'] }, now, mode: 'public', threads: 1 });
    const [checked] = handler({ kind: 'check', items: [{ file: { path: join(dir, 'r/quotas.md'), display: 'r/quotas.md' } }] } satisfies BuildTask) as CheckItemResult[];
    expect(checked!.outcome!.diagnostics.map((d) => `${d.line}:${d.column} ${d.actual ?? ''}`)).toEqual(expected);
    // The library's check takes the ids of a set's page, and its render checks against the set it renders with, named or given.
    const parsed = parseReleaseFile(readFileSync(join(dir, 'r/quotas.md'), 'utf8'), 'r/quotas.md');
    const validatedByLibrary = validateRelease(parsed, { config, now, pageIds: pageIdsOf(loaded.set) });
    expect(validatedByLibrary.diagnostics.map((d) => `${d.line}:${d.column} ${d.actual ?? ''}`)).toEqual(expected);
    for (const templates of ['house', loaded.set]) {
      const rendered = await renderRelease(readFileSync(join(dir, 'r/quotas.md'), 'utf8'), { templates, cwd: dir, now: NOW, file: 'r/quotas.md' });
      expect(rendered.ok).toBe(true);
      expect(rendered.diagnostics.map((d) => `${d.line}:${d.column} ${d.actual ?? ''}`)).toEqual(expected);
    }
    // A project's own set named `default` is the one validate checks against without --template.
    const own = await project({
      'migration-news.config.yaml': CONFIG, 'r/quotas.md': release({ title: 'Work permit quotas for 2027' }, body),
      ...Object.fromEntries(Object.entries(house).map(([file, text]) => [file.replace('/house/', '/default/'), text.replace('name: house\nextends: default', 'name: default\nextends: default')])),
    });
    const ownValidated = await runMain(['validate', 'r', '--now', NOW, '--reporter', 'json'], { cwd: own });
    expect(places(jsonReport(ownValidated).diagnostics)).toEqual(expected);
  });

  it('takes the default pages\' ids from the built-in set as it is', async () => {
    const loaded = await loadTemplateSet('default', { cwd: ROOT });
    if (!loaded.ok) throw new Error('the default set does not load');
    // validate does not load the built-in set for its ids: they must be these.
    expect(pageIdsOf(loaded.set).sort()).toEqual([...PAGE_IDS].sort());
  });

  it('is reported by `build` too, which still builds the page, and can be turned off', async () => {
    const dir = await project({
      'migration-news.config.yaml': `${CONFIG}rules:\n  content/link-target: off\n`,
      'r/quotas.md': release({ title: 'Work permit quotas for 2027' }, 'See [the quotas](#quotas).\n'),
    });
    const off = await runMain(['build', 'r', '--now', NOW, '--reporter', 'json'], { cwd: dir });
    expect(off.code, off.stderr).toBe(0);
    expect(jsonReport(off).diagnostics).toEqual([]);
    const on = await project({ 'migration-news.config.yaml': CONFIG, 'r/quotas.md': release({ title: 'Work permit quotas for 2027' }, 'See [the quotas](#quotas).\n') });
    const built = await runMain(['build', 'r', '--now', NOW, '--reporter', 'json'], { cwd: on });
    expect(built.code, built.stderr).toBe(0);
    expect(jsonReport(built).diagnostics.map((d) => `${d.line}:${d.column} ${d.ruleId}`)).toEqual(['7:5 content/link-target']);
  });
});
