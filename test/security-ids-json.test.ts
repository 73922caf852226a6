import { readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { NOW, release, runMain, useProjects } from './helpers/cli.js';
import { diagnosticsOf } from './helpers/report.js';

/** Ids taken from file names follow the rules of written ids, and JSON templates cannot produce invalid or injected JSON. */

const projects = useProjects();

describe('an id derived from a file name', () => {
  it('is transliterated to the id alphabet, the same in every language', async () => {
    const dir = await projects({ 'rel/en/Über Uns.md': release({ slug: 'about' }), 'rel/ru/Über Uns.md': release({ lang: 'ru', slug: 'o-nas' }, 'Служба объявила сегодня о новых мерах.\n') });
    const result = await runMain(['build', 'rel', '--format', 'ninjs', '--out', 'out', '--reporter', 'json', '--now', NOW], { cwd: dir });
    expect(diagnosticsOf(result.stdout)).toEqual([]);
    for (const [lang, slug] of [['en', 'about'], ['ru', 'o-nas']]) {
      const ninjs = JSON.parse(await readFile(join(dir, 'out', lang!, `${slug}.ninjs.json`), 'utf8').catch(() => readFile(join(dir, 'out', lang!, `${slug}.json`), 'utf8'))) as { uri: string };
      expect(ninjs.uri).toMatch(/^urn:migration-news:[a-z-]+:uber-uns$/i);
      expect(ninjs.uri).not.toMatch(/\s|Ü/);
    }
  });

  it('is an error at the title when nothing of the name is left', async () => {
    const dir = await projects({ 'rel/—.md': release() });
    const result = await runMain(['validate', 'rel', '--reporter', 'json', '--now', NOW], { cwd: dir });
    expect(result.code).toBe(1);
    expect(diagnosticsOf(result.stdout)).toEqual([expect.objectContaining({ file: 'rel/—.md', ruleId: 'schema/format', message: expect.stringMatching(/gives no usable id/) as unknown })]);
  });
});

describe('JSON templates', () => {
  const injected = 'x", "admin": true, "y": "';
  const files = (template: string) => ({ 'rel/a.md': release({ title: JSON.stringify(injected), slug: 'a' }), 'templates/j/template.yaml': 'name: j\nextends: default\n', 'templates/j/release.json.liquid': template });

  it('`raw` does not skip JSON encoding: a title cannot add keys', async () => {
    const dir = await projects(files('{ "title": {{ release.title | raw }}, "id": {{ release.id }} }\n'));
    const result = await runMain(['build', 'rel', '--template', 'j', '--format', 'json', '--out', 'out', '--reporter', 'json', '--now', NOW], { cwd: dir });
    expect(diagnosticsOf(result.stdout)).toEqual([]);
    const written = JSON.parse(await readFile(join(dir, 'out', 'en', 'a.json'), 'utf8')) as Record<string, unknown>;
    expect(written).toEqual({ title: injected, id: 'a' });
  });

  it('output that is not valid JSON is a template/render error, and nothing is written', async () => {
    const dir = await projects(files('{ "title": {{ release.title }}\n'));
    const result = await runMain(['build', 'rel', '--template', 'j', '--format', 'json', '--out', 'out', '--reporter', 'json', '--now', NOW], { cwd: dir });
    expect(result.code).toBe(1);
    expect(diagnosticsOf(result.stdout)).toEqual([expect.objectContaining({ file: 'templates/j/release.json.liquid', ruleId: 'template/render', message: expect.stringMatching(/^The template's output is not valid JSON/) as unknown })]);
  });

  it('output that is not valid JSON is told where the output went wrong, or at the quotes around a value, the commonest cause', async () => {
    const dir = await projects(files('{\n  "id": {{ release.id }},\n  "title": "{{ release.title }}"\n}\n'));
    const build = () => runMain(['build', 'rel', '--template', 'j', '--format', 'json', '--out', 'out', '--reporter', 'json', '--now', NOW], { cwd: dir });
    const quoted = diagnosticsOf((await build()).stdout) as unknown as { line: number; column: number; message: string; hint: string }[];
    expect(quoted.map((d) => [d.line, d.column, d.hint])).toEqual([[3, 12, 'Take out the quotes around {{ }}: `"title": {{ release.title }}`.']]);
    expect(quoted[0]!.message).toMatch(/A value written with \{\{ \}\} is JSON-encoded, quotes and all/);
    // One problem of the template, told once however many releases it breaks: no place in each release's output.
    await writeFile(join(dir, 'rel/b.md'), release({ title: 'A much longer title than the first release has', slug: 'b', id: 'b' }));
    const checked = await runMain(['templates', 'check', 'j', 'rel', '--now', NOW], { cwd: dir });
    expect(checked.stdout.match(/ error /g)).toHaveLength(1);
    expect(checked.stdout).toContain('The template\'s output is not valid JSON: Expected \',\' or \'}\' after property value in JSON. A value');
    await rm(join(dir, 'rel/b.md'));
    // Another mistake: the line and column of the output where the JSON stopped being JSON, with that line.
    // A quoted value that is valid JSON (`"{{ word_count }}"`) is not taken for the cause.
    await writeFile(join(dir, 'templates/j/release.json.liquid'), '{\n  "id": {{ release.id }}\n  "title": {{ release.title }}, "words": "{{ word_count }}"\n}\n');
    const other = diagnosticsOf((await build()).stdout) as unknown as { line: number; column: number; message: string }[];
    expect(other.map((d) => [d.line, d.column])).toEqual([[1, 1]]);
    expect(other[0]!.message).toMatch(/ at position 16 \(line 3, column 3 of the output: " {2}\\"title\\": .*"\)\. It happened while rendering rel\/a\.md as json\.$/);
  });

  it('output with a comma after a loop\'s last item is told at that comma, with how to write it between the items', async () => {
    // Was "Unexpected token ']'" at 1:1, the output quoted, with a hint about quotes.
    const dir = await projects({ ...files('{\n  "id": {{ release.id }},\n  "tags": [{% for t in release.tags %}{{ t }},\n  {% endfor %}]\n}\n'), 'rel/a.md': release({ slug: 'a', tags: '[Visas, Work]' }) });
    const result = await runMain(['build', 'rel', '--template', 'j', '--format', 'json', '--out', 'out', '--reporter', 'json', '--now', NOW], { cwd: dir });
    expect(result.code).toBe(1);
    expect(diagnosticsOf(result.stdout)).toEqual([expect.objectContaining({
      file: 'templates/j/release.json.liquid', line: 3, column: 46, ruleId: 'template/render',
      message: 'The template\'s output is not valid JSON: a comma comes before a `]` or `}`, as a loop that writes one after every item writes it after the last. It happened while rendering rel/a.md as json.',
      hint: 'Write the comma between the items, `{% unless forloop.last %},{% endunless %}`, or print a list whole: `"tags": {{ release.tags }}`.',
    })]);
    // Written as the hint says, it builds.
    await writeFile(join(dir, 'templates/j/release.json.liquid'), '{ "id": {{ release.id }}, "tags": [{% for t in release.tags %}{{ t }}{% unless forloop.last %},{% endunless %}{% endfor %}] }\n');
    const fixed = await runMain(['build', 'rel', '--template', 'j', '--format', 'json', '--out', 'out', '--reporter', 'json', '--now', NOW], { cwd: dir });
    expect(fixed.code, fixed.stdout).toBe(0);
    expect(JSON.parse(await readFile(join(dir, 'out', 'en', 'a.json'), 'utf8'))).toEqual({ id: 'a', tags: ['Visas', 'Work'] });
  });
});
