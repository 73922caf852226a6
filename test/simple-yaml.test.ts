import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readYaml, readYamlDocument } from '../src/core/parse.js';
import { readSimpleYaml, readTopLevelStrings } from '../src/core/simple-yaml.js';
import { ROOT } from './helpers/cli.js';

/**
 * Simple front matter is read without the YAML parser (`readSimpleYaml`).
 * Whatever the text, `readYaml` must give the parser's data, diagnostics
 * and locations: the simple reader either reads a file exactly as the
 * parser does or leaves it to the parser.
 */

const KEYS = ['null', 'True', 'title', 'date', 'lang', 'status', 'tags', 'slug', 'id', 'summary', 'location', 'x-y', 'Key_2', '__proto__', 'constructor', 'a'];
const SAFE_WORDS = ['Baku', 'residence permits', 'update number 7', '2026-05-14', 'en', 'published', 'İstanbul', 'Вид на жительство', "O'Brien", '100%', 'e@mail', 'a:b', '12:30', 'é'];
const WORDS = ['Baku', 'residence permits', 'update number 7', '2026-05-14', '2026-05-14T09:00:00+04:00', 'en', 'ru', 'published', 'İstanbul', 'Вид на жительство', "O'Brien", 'a"b', 'x, y', 'C#', 'a #b', 'a: b', 'a:', 'a:b', '100%', 'e@mail', 'x!', '&x', '*x', '!x', '|x', '>x', '%x', '@x', '`x', '?x', '-x', '- x', '[x]', '{x}', 'a[b]', 'true', 'False', 'null', '~', 'NULL', '12', '-3', '+4', '0o17', '0x1F', '1e3', '.5', '1.', '.inf', '-.Inf', '.nan', '1_000', '0b1', 'yes', 'no', 'on', '2026', '12:30', '\u00a0x', 'x\u00a0', 'soft\u00adhyphen', 'zero\u200bwidth', 'bom\ufeff', 'tab\tx', 'é', ''];
const quotedValue = fc.tuple(fc.constantFrom('"', "'"), fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...SAFE_WORDS, 'a: b', 'a #b', 'true', '12', 'a,b', 'x ]') }, { weight: 1, arbitrary: fc.constantFrom(...WORDS, 'it\'s', 'say "hi"', 'back\\slash') })).map(([q, w]) => `${q}${w}${q}`);
const plainValue = fc.oneof({ weight: 8, arbitrary: fc.constantFrom(...SAFE_WORDS) }, { weight: 1, arbitrary: fc.constantFrom(...WORDS) });
const listValue = fc.array(fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...SAFE_WORDS.filter((w) => !/[,:'"]/.test(w))) }, { weight: 1, arbitrary: plainValue }, { weight: 2, arbitrary: quotedValue }), { maxLength: 4 }).chain((items) =>
  mostly(', ', ',', ' , ', ',  ').map((sep) => `[${items.join(sep)}]`));
const oddList = fc.constantFrom('[]', '[ ]', '[a, ]', '[a,,b]', '[a b]', '["a" b]', '[a', 'a]', '[[a]]', '[{a: b}]', '["a", \'b\']');
const value = fc.oneof({ weight: 8, arbitrary: plainValue }, { weight: 2, arbitrary: quotedValue }, { weight: 2, arbitrary: listValue }, { weight: 1, arbitrary: oddList });
/** Mostly what the simple reader takes, sometimes what it must leave to the parser. */
const mostly = <T>(usual: T, ...others: T[]) => fc.oneof({ weight: 12, arbitrary: fc.constant(usual) }, { weight: 1, arbitrary: fc.constantFrom(...others) });
const lineFor = (key: string) => fc.tuple(mostly(': ', ':  ', ':', ' : '), value, mostly('', ' ', '  # note')).map(([c, v, tail]) => `${key}${c}${v}${tail}`);
/** A block below a key: a mapping, a list of values or a list of mappings, mostly lined up as the simple reader reads them. */
const indentOf = mostly('  ', ' ', '   ', '    ');
const nestedPair = (indent: string) => fc.tuple(fc.constantFrom('src', 'alt', 'name', 'role', 'email', 'a'), value).map(([k, v]) => `${indent}${k}: ${v}`);
const blockValue = fc.oneof(
  fc.tuple(indentOf, fc.integer({ min: 1, max: 3 })).chain(([indent, n]) => fc.tuple(...Array.from({ length: n }, () => nestedPair(indent)))).map((ls) => ls.join('\n')),
  fc.tuple(indentOf, fc.array(fc.oneof(plainValue, quotedValue), { minLength: 1, maxLength: 3 })).map(([indent, items]) => items.map((i, n) => `${indent}- ${i}${n % 2 === 1 ? ' ' : ''}`).join('\n')),
  fc.tuple(indentOf, fc.array(fc.tuple(nestedPair(''), fc.array(nestedPair(''), { maxLength: 2 }), mostly('  ', ' ', '   ')), { minLength: 1, maxLength: 2 }))
    .map(([indent, items]) => items.map(([first, rest, step]) => [`${indent}- ${first}`, ...rest.map((r) => `${indent}${step}${r}`)].join('\n')).join('\n')),
);
const blockLine = (key: string) => blockValue.map((b) => `${key}:\n${b}`);
const oddLine = fc.constantFrom('', '   ', '# comment', '#', '  # indented comment', '    #no space', '# a: b', '  indented: x', '- item', 'image:', '  src: a.png', 'key', 'x: |', '  block', '---', '...', 'title: again');
const commentLine = fc.constantFrom('# a note', '#', '  # indented', ' #x', '      # deeper than the block', '# tags: [a]', '#: x');
const frontMatter = fc.uniqueArray(fc.constantFrom(...KEYS), { minLength: 1, maxLength: 6 })
  .chain((keys) => fc.tuple(fc.tuple(...keys.map((k) => fc.oneof({ weight: 3, arbitrary: lineFor(k) }, { weight: 1, arbitrary: blockLine(k) }))), fc.option(fc.tuple(oddLine, fc.nat(6)), { freq: 4 }), fc.option(fc.tuple(commentLine, fc.nat(12)), { freq: 3 }), fc.constantFrom('\n', '')))
  .map(([lines, odd, comment, lead]) => {
    const all = [...lines];
    if (odd) all.splice(odd[1] % (all.length + 1), 0, odd[0]);
    // A comment between any two lines, inside a block too.
    const text = all.join('\n').split('\n');
    if (comment) text.splice(comment[1] % (text.length + 1), 0, comment[0]);
    return `${lead}${text.join('\n')}\n`;
  });

/** Every key's key and value, list items, and places that are not there. */
function placesOf(source: string): (readonly PropertyKey[])[] {
  const keys = [...source.matchAll(/^([A-Za-z_][\w-]*)\s*:/gm)].map((m) => m[1]!);
  const paths: (readonly PropertyKey[])[] = [[], ['missing'], ['tags', 0, 'x']];
  for (const key of keys) paths.push([key], [key, 0], [key, 1], [key, 'src'], [key, 'alt'], [key, 0, 'name'], [key, 1, 'role'], [key, 0, 'x']);
  return paths;
}

describe('simple front matter', () => {
  it('is read as the YAML parser reads it: the same data, diagnostics and locations', () => {
    fc.assert(fc.property(frontMatter, fc.constantFrom(0, 3), (source, shift) => {
      const quick = readYaml(source, 'r.md', shift);
      const parsed = readYamlDocument(source, 'r.md', shift);
      expect(quick.data).toEqual(parsed.data);
      expect(quick.diagnostics).toEqual(parsed.diagnostics);
      for (const path of placesOf(source)) {
        for (const part of ['key', 'value'] as const) expect(quick.locate(path, part, 9), `${JSON.stringify(path)} ${part}`).toEqual(parsed.locate(path, part, 9));
      }
    }), { numRuns: 300 });
    // The comparison means something only if many documents take the simple path: counted on a fixed sample, so that the count is the same every run.
    const sample = fc.sample(frontMatter, { numRuns: 500, seed: 20261130 });
    expect(sample.filter((source) => readSimpleYaml(source) !== undefined).length).toBeGreaterThan(40);
  });

  it('reads the values of a few top-level keys as the YAML parser does, whatever the other keys hold, or not at all', () => {
    const wanted = ['title', 'slug', 'id', 'lang'];
    fc.assert(fc.property(frontMatter, (source) => {
      const quick = readTopLevelStrings(source, wanted);
      const parsed = readYamlDocument(source, 'r.md', 3);
      // A front matter the parser refuses claims nothing in `validate`; `new` may count its values all the same (see `frontMatterAddress`).
      if (quick === undefined || parsed.data === undefined || parsed.diagnostics.some((d) => d.severity === 'error')) return;
      const data = parsed.data as Record<string, unknown>;
      for (const key of wanted) expect(quick[key], key).toEqual(Object.hasOwn(data, key) ? data[key] : undefined);
    }), { numRuns: 500 });
    const sample = fc.sample(frontMatter, { numRuns: 500, seed: 20261130 });
    expect(sample.filter((source) => readTopLevelStrings(source, wanted) !== undefined).length).toBeGreaterThan(100);
  });

  it('reads a typical release\'s front matter without the parser', () => {
    const source = '\nid: release-0\ntitle: "Residence permits: new rules"\ndate: 2026-05-14\nlang: en\nstatus: published\nlocation: Baku\ntags: ["residence permits", statistics]\nslug: release-0\n';
    const read = readSimpleYaml(source);
    expect(read?.data).toEqual({ id: 'release-0', title: 'Residence permits: new rules', date: '2026-05-14', lang: 'en', status: 'published', location: 'Baku', tags: ['residence permits', 'statistics'], slug: 'release-0' });
    expect(readYaml(source, 'r.md', 3).locate(['tags', 1], 'value')).toEqual({ file: 'r.md', line: 8, column: 29, endLine: 8, endColumn: 39 });
  });

  it('reads the example releases, with their contacts and images, as the parser does', () => {
    const sources = readdirSync(join(ROOT, 'examples'), { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.md'))
      .map((f) => readFileSync(join(ROOT, 'examples', f), 'utf8')).map((text) => text.slice(3, text.indexOf('\n---', 3)));
    expect(sources.filter((source) => readSimpleYaml(source)).length).toBeGreaterThan(sources.length / 2);
    for (const source of sources) {
      const quick = readYaml(source, 'r.md', 3);
      const parsed = readYamlDocument(source, 'r.md', 3);
      expect(quick.data).toEqual(parsed.data);
      for (const path of [['title'], ['contacts', 0, 'email'], ['contacts', 1, 'phone'], ['contacts', 1], ['image', 'src'], ['image'], ['tags', 2]]) {
        for (const part of ['key', 'value'] as const) expect(quick.locate(path, part, 30)).toEqual(parsed.locate(path, part, 30));
      }
    }
  });

  it('reads the built-in labels, whose lines of comment say what each word is for, without the parser', () => {
    const folder = join(ROOT, 'templates', 'default', 'labels');
    const files = readdirSync(folder).filter((f) => f.endsWith('.yaml'));
    expect(files.length).toBeGreaterThanOrEqual(3);
    for (const file of files) {
      const source = readFileSync(join(folder, file), 'utf8');
      expect(source, file).toMatch(/^# /m);
      expect(readSimpleYaml(source)?.data, file).toEqual(readYamlDocument(source, file, 0).data);
    }
  });

  it('ends a list item before the spaces after it, as the parser does', () => {
    const source = 'tags:\n  - human trafficking \n  - parliament  \n';
    expect(readSimpleYaml(source)?.data).toEqual({ tags: ['human trafficking', 'parliament'] });
    expect(readYaml(source, 'r.md').data).toEqual(readYamlDocument(source, 'r.md', 0).data);
  });

  it('tells a list index from a key of digits, and a key with a line break from two keys', () => {
    const source = 'tags: [a, b]\nimage:\n  src: x.png\n';
    for (const path of [['tags', '0'], ['tags', 0], ['image\nsrc'], ['image', 'src']]) {
      expect(readYaml(source, 'r.md').locate(path, 'value')).toEqual(readYamlDocument(source, 'r.md', 0).locate(path, 'value'));
    }
  });

  it('leaves to the parser what it cannot read exactly', () => {
    for (const source of ['year: 2026\n', 'draft: true\n', 'title: a #b\n', 'title: "a\\"b"\n', 'image:\n  src: a.png\n   alt: x\n', 'image:\n  caption:\n', 'a: x\na: y\n', 'tags:\n- a\n', 'title: a\n  continued\n', `${'k'.repeat(1030)}: x\n`, 'null: a\n', 'True: x\n', 'false: x\n', 'title: x\u00a0\n', '__proto__: x\n', 'title: x\r\n']) {
      expect(readSimpleYaml(source), JSON.stringify(source)).toBeUndefined();
    }
  });
});
