import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { NOW, release, runMain, useProjects } from './helpers/cli.js';

/** Smaller wrong messages: each input is named for what it is. */

const projects = useProjects();
interface JsonDiagnostic { file: string; line: number; column: number; ruleId: string; message: string; hint: string | null }
const diagnosticsOf = (stdout: string) => (JSON.parse(stdout) as { diagnostics: JsonDiagnostic[] }).diagnostics;
const validate = async (dir: string, ...paths: string[]) => diagnosticsOf((await runMain(['validate', ...paths, '--reporter', 'json', '--now', NOW], { cwd: dir })).stdout);

describe('messages that name the input rightly', () => {
  it('a UTF-32 byte-order mark is UTF-32, not UTF-16', async () => {
    const dir = await projects({});
    const text = release();
    const le = Buffer.alloc(4 + text.length * 4);
    le.set([0xff, 0xfe, 0, 0]);
    const be = Buffer.alloc(4 + text.length * 4);
    be.set([0, 0, 0xfe, 0xff]);
    for (let i = 0; i < text.length; i++) {
      le.writeUInt32LE(text.charCodeAt(i), 4 + i * 4);
      be.writeUInt32BE(text.charCodeAt(i), 4 + i * 4);
    }
    await writeFile(join(dir, 'le.md'), le);
    await writeFile(join(dir, 'be.md'), be);
    const diagnostics = await validate(dir, 'le.md', 'be.md');
    expect(diagnostics.map((d) => [d.file, d.ruleId, d.message.split(';')[0]])).toEqual([
      ['be.md', 'file/encoding', 'The file is encoded as UTF-32'],
      ['le.md', 'file/encoding', 'The file is encoded as UTF-32'],
    ]);
  });

  it('a language after a no-break space is a front matter language on line 1', async () => {
    const dir = await projects({ 'a.md': `---\u00a0js\nmodule.exports = {}\n---\nBody.\n` });
    expect(await validate(dir, 'a.md')).toEqual([expect.objectContaining({ line: 1, ruleId: 'frontmatter/language', message: 'The front matter is marked as "js"; only YAML front matter is accepted.' })]);
  });

  it('problems in a config file speak of the file, not of front matter', async () => {
    const nested = `${'['.repeat(70)}1${']'.repeat(70)}`;
    const dir = await projects({ 'rel/a.md': release(), 'migration-news.config.yaml': `site: !custom x\nrules: ${nested}\n` });
    const diagnostics = await validate(dir, 'rel');
    expect(diagnostics.length).toBeGreaterThan(0);
    for (const d of diagnostics) {
      expect(d.file).toBe('migration-news.config.yaml');
      expect(`${d.message} ${d.hint ?? ''}`).not.toMatch(/front matter/);
    }
  });

  it('image.src and organisation.logo accept http, https and relative URLs, not mailto:', async () => {
    const dir = await projects({
      'rel/a.md': release({ image: '\n  src: "mailto:x@example.org"\n  alt: A logo' }),
      'rel/b.md': release({ slug: 'b', image: '\n  src: " MAILTO:x@example.org"\n  alt: A logo' }),
      'rel/c.md': release({ slug: 'c', image: '\n  src: "images/centre.jpg"\n  alt: The centre' }),
      'migration-news.config.yaml': 'organisation:\n  name: Service\n  logo: "mailto:x@example.org"\n',
    });
    const problems = (await validate(dir, 'rel')).filter((d) => d.ruleId === 'schema/url-scheme').map((d) => `${d.file}:${d.line}`);
    expect(problems).toEqual(['migration-news.config.yaml:3', 'rel/a.md:7', 'rel/b.md:8']);
  });
});

describe('config messages in words', () => {
  it('a key of a map by language that is no language tag is named at the key; a template folder outside the project is said to be outside, not a link, and not looked into', async () => {
    const dir = await projects({ 'r/a.md': release(), 'migration-news.config.yaml': 'about:\n  "not a tag!": Text\n' });
    const [problem] = await validate(dir, 'r');
    expect(problem).toMatchObject({ file: 'migration-news.config.yaml', line: 2, column: 3, ruleId: 'schema/format', message: '`about` has the key "not a tag!", which must be a BCP 47 language tag such as en, az, ru, tr or en-GB.' });
    const shared = await projects({ 'x/template.yaml': 'name: x\nextends: default\n' });
    await writeFile(join(dir, 'migration-news.config.yaml'), `templates: ${JSON.stringify(shared)}\n`);
    const result = await runMain(['build', 'r', '--out', 'out', '-t', 'x', '--now', NOW], { cwd: dir });
    // Not looked into at all: said once, in the config's warning, and the set is found nowhere else.
    expect(result.stderr).toMatch(/There is no template set named "x" \(no folder templates\/x, and no built-in set of that name\)\. `templates` names ".*", which lies outside the project/);
    expect(result.code).toBe(2);
  });
});

describe('build with no paths', () => {
  it('says to name the releases\' folder, since the default output folder lies in the working folder it searches', async () => {
    const dir = await projects({ 'releases/a.md': release() });
    const result = await runMain(['build', '--now', NOW], { cwd: dir });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/Refusing to build: the output folder .*dist is inside the input folder/);
    expect(result.stderr).toMatch(/hint: Name the folder that holds the releases, such as `migration-news build releases`/);
    expect((await runMain(['build', 'releases', '--now', NOW], { cwd: dir })).code).toBe(0);
  });
});

describe('characters that hide or reorder text, however they are written', () => {
  it('are errors as numeric references in text or HTML, not in code, and U+FFFE and U+FFFF (which XML may not hold) are errors anywhere', async () => {
    const dir = await projects({
      'r/references.md': release({}, 'Body text &#x202E;reversed&#x202C; here.\n'),
      'r/no-semicolon.md': release({}, 'Body text &#x202Ereversed.\n'),
      'r/zeros.md': release({}, 'Body text &#x00000000202E; reversed.\n'),
      'r/title.md': release({}, '[A link](https://example.az/ "A &#x202E;title") here.\n'),
      // 128–159 are Windows-1252 in HTML: &#150; is an en dash, as imported posts write it.
      'r/windows-1252.md': release({}, 'From 2024&#150;2026, &#147;quoted&#148;.\n'),
      'r/html.md': release({}, 'Raw HTML: <b>&#27;[31m</b>.\n'),
      'r/code.md': release({}, 'Code keeps them as written: `&#x202E;` and\n\n```\n&#1;\n```\n\nFine: &#x263A; &#8212; &amp;.\n'),
      'r/nonchar.md': release({}, 'A noncharacter \uFFFE here.\n'),
      'r/field.md': release({ title: '"A title \uFFFF"' }),
      // Half of a character, which only an escape can write: no UTF-8 holds it. A whole one written as its two halves is a character.
      'r/half.md': release({ title: '"A title \\uD83D and \\uD83D\\uDE00"', summary: '"\\uDE00 alone"' }),
      'r/body-half.md': release({}, 'A reference to half a character, &#xD800;, is read as U+FFFD.\n'),
    });
    const found = (await validate(dir, 'r')).map((d) => [d.file, d.ruleId, d.line, d.column, d.message.slice(0, 60)]);
    expect(found.filter((d) => String(d[1]).endsWith('/control-character'))).toEqual([
      ['r/field.md', 'schema/control-character', 2, 8, '`title` contains the invisible control character U+FFFF at p'],
      ['r/half.md', 'schema/control-character', 2, 8, '`title` contains half of a character (U+D83D, a surrogate wr'],
      ['r/half.md', 'schema/control-character', 6, 10, '`summary` contains half of a character (U+DE00, a surrogate '],
      ['r/html.md', 'content/control-character', 7, 14, 'The body writes the invisible control character U+001B as "&'],
      ['r/no-semicolon.md', 'content/control-character', 7, 11, 'The body writes the invisible control character U+202E as "&'],
      ['r/nonchar.md', 'content/control-character', 7, 16, 'The body contains the invisible control character U+FFFE; su'],
      ['r/references.md', 'content/control-character', 7, 11, 'The body writes the invisible control character U+202E as "&'],
      ['r/references.md', 'content/control-character', 7, 27, 'The body writes the invisible control character U+202C as "&'],
      ['r/title.md', 'content/control-character', 7, 1, 'The body writes the invisible control character U+202E as "&'],
      ['r/zeros.md', 'content/control-character', 7, 11, 'The body writes the invisible control character U+202E as "&'],
    ]);
  });
});
