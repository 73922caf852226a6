import { readFile } from 'node:fs/promises';
import { isAbsolute, join, relative, sep } from 'node:path';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { lexBody, renderBodyHtml, renderBodyText, checkBody } from '../src/core/markdown.js';
import { buildView } from '../src/core/model.js';
import { parseReleaseFile } from '../src/core/parse.js';
import type { Config } from '../src/core/schema.js';
import { ReleaseRenderer, type TemplateSet } from '../src/core/templates.js';
import { validateRelease } from '../src/core/validate.js';
import { DEFAULT_CONFIG } from '../src/io/config.js';
import { collisionKey } from '../src/core/names.js';
import { closest, editDistance } from '../src/core/suggest.js';
import { localeFor } from '../src/core/locale/index.js';
import { repeatedParts } from '../src/core/release-parts.js';
import { sourceLineReader, withSourceLine } from '../src/core/diagnostic.js';
import { displayPath } from '../src/io/find.js';
import { loadTemplateSet } from '../src/io/template-sets.js';
import { NOW, ROOT, fixture, removeFixture, runMain } from './helpers/cli.js';
import { isSiteFile } from './helpers/site-files.js';
import { STACK_LINE, listTree, scriptHazards } from './helpers/hostile.js';

/**
 * Properties over arbitrary input: whatever the Markdown or front matter,
 * checking and building end in diagnostics or output, never in an
 * unexpected exception, and the HTML built never carries script. In-process
 * through the core functions, then a few runs through the real CLI.
 */

const now = Date.parse(NOW);

/** Pieces that matter to Markdown, HTML and URLs, mixed with arbitrary text. */
const MARKDOWN_PIECES = [
  '*', '**', '_', '__', '~', '~~', '`', '```', '[', ']', '(', ')', '<', '>', '!', '![', '](', '&', '&amp;', '#', '# ', ':', ';', '"', "'", '\\',
  '\n', '\n\n', ' ', '    ', '\t', '- ', '* ', '1. ', '> ', '|', '| --- |', '---', '===',
  'javascript:', 'JaVaScRiPt:', 'java\tscript:', ' javascript:', 'vbscript:', 'data:text/html,', 'file:', '&#106;', '&#x6A;', '&#0000106', '&colon;', '&Tab;', '&NewLine;',
  'alert(1)', 'http://', 'https://example.az/', 'www.', 'mailto:', '//evil.example', '<script>', '</script>', '<img src=x onerror=alert(1)>', '<a href="javascript:x">',
  ' onerror=', ' onclick="', '<svg onload=alert(1)>', '<!--', '-->', '<![CDATA[', '{{ release.title }}', '{% include "x" %}', '[r]: ', '[r]', '\u202e', '\u2028', 'ə', 'Ж',
];

const markdown = fc.array(fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...MARKDOWN_PIECES) }, { weight: 1, arbitrary: fc.string({ maxLength: 12 }) }), { maxLength: 80 })
  .map((parts) => parts.join(''));

/** A link or image whose address is built from the dangerous pieces, in every form marked accepts. */
const hostileLink = fc.tuple(
  fc.constantFrom('[t](', '![t](', '[t](<', '<', '[t][r]\n\n[r]: '),
  fc.array(fc.constantFrom('java', 'script', 'JAVA', 'SCRIPT', 'vb', 'data', ':', '&#58;', '&colon;', '&#x09;', '\t', ' ', '&#106;', 'alert(1)', '%0a', '\\', '/', 'http', 's', '//'), { minLength: 1, maxLength: 8 }),
  fc.constantFrom(')', '>)', '>', '', ' "title")'),
).map(([open, parts, close]) => `${open}${parts.join('')}${close}`);

const FIELDS = ['title', 'date', 'lang', 'status', 'slug', 'id', 'summary', 'subtitle', 'location', 'tags', 'image', 'src', 'alt', 'contacts', 'embargo', '__proto__', 'constructor', 'hasOwnProperty', 'toString', 'prototype', '<<'];
const YAML_PIECES = [
  ': ', ':', '\n', '\n  ', '\n- ', '- ', '  ', '\t', '"', "'", '[', ']', '{', '}', ',', '&a ', '*a', '!!js/function ', '!foo ', '!!str ', '!!binary ', '|', '>', '#', '---', '...', '%YAML 1.1\n', '? ',
  'Service opens a centre', '2026-05-14', 'en', 'az', 'published', 'javascript:alert(1)', '\\u202e', '\\x1b', '\u202e', 'true', 'null', '0x1F', '1e3', '~', '<script>',
];
/** A line that is well-formed YAML: a field, hostile or not, with a quoted arbitrary value or a small structure. */
const wellFormed = fc.tuple(
  fc.constantFrom('summary', 'subtitle', 'location', 'tags', 'image', 'contacts', '__proto__', 'constructor', 'hasOwnProperty', 'toString', 'unknown', '"<script>"'),
  fc.oneof(
    fc.string({ maxLength: 20 }).map((v) => JSON.stringify(v)),
    fc.constantFrom('[a, b]', '{polluted: yes}', '{src: "javascript:alert(1)", alt: x}', '{src: photo.jpg, alt: A photo}', '[{name: Press Office}]', '"{{ site.url }}"', '"</script>"'),
  ),
).map(([k, v]) => `${k}: ${v}\n`);

const frontMatter = fc.array(fc.oneof(
  { weight: 4, arbitrary: wellFormed },
  { weight: 2, arbitrary: fc.tuple(fc.constantFrom(...FIELDS), fc.array(fc.constantFrom(...YAML_PIECES), { maxLength: 6 })).map(([k, v]) => `${k}: ${v.join('')}\n`) },
  { weight: 1, arbitrary: fc.array(fc.constantFrom(...YAML_PIECES), { maxLength: 8 }).map((v) => v.join('')) },
  { weight: 1, arbitrary: fc.string({ maxLength: 16 }) },
), { maxLength: 12 }).map((lines) => lines.join(''));

const VALID_HEAD = 'title: Service opens a centre\ndate: 2026-05-14\nlang: en\nstatus: published\n';
const FIRST_LINES = ['---', '---js', '--- javascript', '---JS', '---  js', '--- ', '----', '', '\ufeff---', ' ---'];

let set: TemplateSet;
/** One renderer for every release, as a build keeps one: the templates are parsed once, not at each run. */
let renderer: ReleaseRenderer;
beforeAll(async () => {
  const loaded = await loadTemplateSet('default', { cwd: ROOT });
  if (!loaded.ok) throw new Error('the default template set does not load');
  set = loaded.set;
  renderer = new ReleaseRenderer(set);
});

/** Checks and renders one release as a build would, in-process; returns the HTML, or undefined when it has errors. */
const LENIENT: Config = { ...DEFAULT_CONFIG, rules: { 'content/link-scheme': 'warning', 'content/image-alt': 'warning', 'content/control-character': 'warning' } };

function buildInProcess(text: string, config: Config = DEFAULT_CONFIG): string | undefined {
  const parsed = parseReleaseFile(text, 'release.md');
  const result = validateRelease(parsed, { config, now });
  expect(result.diagnostics.every((d) => d.file === 'release.md' && d.line >= 1 && d.column >= 1 && d.message.length > 0)).toBe(true);
  if (!result.release || !result.body) return undefined;
  const view = buildView(result.release, result.body, { config, now, translations: [], version: '0.0.0' });
  for (const format of ['text', 'json', 'ninjs'] as const) expect(renderer.render(format, view).ok).toBe(true);
  const html = renderer.render('html', view);
  if (!html.ok) throw new Error(html.diagnostics.map((d) => d.message).join('; '));
  return html.output;
}

describe('arbitrary Markdown', () => {
  it('is lexed, checked and rendered without an exception, and its HTML never carries script', () => {
    let rendered = 0;
    fc.assert(fc.property(fc.array(fc.oneof(markdown, hostileLink), { minLength: 1, maxLength: 4 }).map((p) => p.join('\n')), (body) => {
      const lexed = lexBody(body);
      if (!lexed.ok) {
        expect(lexed.message).toMatch(/^The body /);
        return;
      }
      checkBody(lexed.body, { file: 'x.md', bodyLine: 1, body, report: () => undefined });
      expect(scriptHazards(renderBodyHtml(lexed.body))).toEqual([]);
      // With `html: safe` the raw HTML is kept, so it is the sanitizer that must stop every script.
      expect(scriptHazards(renderBodyHtml(lexed.body, { html: 'safe' }))).toEqual([]);
      // The dateline opens the text whatever the body is (after the headings a body opens with), and no run of blank lines or edge whitespace is left.
      const text = renderBodyText(lexed.body, 72, 'BAKU, 14 May 2026 —');
      const opensWithHeading = lexed.body.tokens.find((t) => t.type !== 'space' && t.type !== 'def' && t.type !== 'footnote')?.type === 'heading';
      if (opensWithHeading) expect(text, text).toContain('BAKU, 14 May 2026 —');
      else expect(text.startsWith('BAKU, 14 May 2026 —'), text).toBe(true);
      expect(text).toBe(text.trim());
      expect(text).not.toMatch(/\n{3}/);
      rendered++;
    }), { numRuns: 400 });
    // Most bodies must get as far as rendering, or the property proves little.
    expect(rendered).toBeGreaterThan(300);
  });

  it('renders to a whole page without script through the default templates', () => {
    let pages = 0;
    fc.assert(fc.property(markdown, hostileLink, (body, link) => {
      // The link rules are warnings here, so that pages with unsafe links are built and can be inspected.
      const html = buildInProcess(`---\n${VALID_HEAD}---\nOpening paragraph.\n\n${body}\n\n${link}\n`, LENIENT);
      if (html === undefined) return;
      expect(scriptHazards(html)).toEqual([]);
      pages++;
    }), { numRuns: 80 });
    expect(pages).toBeGreaterThan(50);
  });
});

describe('arbitrary front matter', () => {
  it('ends in diagnostics or a release, never an exception, and never touches Object.prototype', () => {
    let pages = 0;
    const pristine = Object.getOwnPropertyNames(Object.prototype).sort();
    const firstLine = fc.oneof({ weight: 8, arbitrary: fc.constant('---') }, { weight: 2, arbitrary: fc.constantFrom(...FIRST_LINES) });
    const valid = fc.oneof({ weight: 3, arbitrary: fc.constant(true) }, { weight: 1, arbitrary: fc.constant(false) });
    fc.assert(fc.property(firstLine, valid, frontMatter, markdown, (first, valid, matter, body) => {
      const text = `${first}\n${valid ? VALID_HEAD : ''}${matter}\n---\n${body}`;
      const html = buildInProcess(text, LENIENT);
      if (html !== undefined) {
        expect(scriptHazards(html)).toEqual([]);
        // The page never shows what the file's first line said it was in another language.
        expect(first === '---' || first === '\ufeff---').toBe(true);
        pages++;
      }
      expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(pristine);
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    }), { numRuns: 500 });
    // Some 12% of the texts make a page (60 of 500, give or take 7): 25 or fewer is a change in what is built, not chance.
    expect(pages).toBeGreaterThan(25);
  });

  it('gives the same result for the same text, every time', () => {
    fc.assert(fc.property(frontMatter, (matter) => {
      const text = `---\n${VALID_HEAD}${matter}\n---\nBody.\n`;
      const first = parseReleaseFile(text, 'a.md');
      const second = parseReleaseFile(text, 'a.md');
      expect(second.data).toEqual(first.data);
      expect(second.diagnostics).toEqual(first.diagnostics);
      expect(second.body).toBe(first.body);
    }), { numRuns: 100 });
  });
});

describe('arbitrary releases through the CLI', () => {
  it('builds or reports them with exit 0 or 1, no stack trace, no file outside --out and no script in any page', async () => {
    let pages = 0;
    await fc.assert(fc.asyncProperty(fc.boolean(), frontMatter, markdown, hostileLink, async (valid, matter, body, link) => {
      const dir = await fixture({
        'r/arbitrary.md': `---\n${valid ? VALID_HEAD : ''}${matter}\n---\n${body}\n\n${link}\n`,
        // The same body under a valid front matter, so that there is a page to inspect.
        'r/valid.md': `---\ntitle: Valid\ndate: 2026-05-14\nlang: en\nstatus: published\n---\n${body}\n\n${link}\n`,
        'migration-news.config.yaml': 'rules:\n  content/link-scheme: warning\n  content/image-alt: warning\n  content/control-character: warning\n',
      });
      try {
        const before = await listTree(dir);
        const result = await runMain(['build', 'r', '--out', 'out', '--keep-going', '--now', NOW], { cwd: dir });
        expect([0, 1]).toContain(result.code);
        expect(result.stdout + result.stderr).not.toMatch(STACK_LINE);
        expect(result.stderr).not.toMatch(/internal error/);
        const created = (await listTree(dir)).filter((f) => !before.includes(f));
        for (const file of created) {
          if (!isSiteFile(file.slice('out/'.length))) expect(file).toMatch(/^out\/(az|en|ru)\/[a-z0-9][a-z0-9-]*\.(html|txt|json)$/);
        }
        for (const file of created.filter((f) => f.endsWith('.html'))) {
          expect(scriptHazards(await readFile(join(dir, file), 'utf8')), file).toEqual([]);
          pages++;
        }
      } finally {
        await removeFixture(dir);
      }
    }), { numRuns: 10 });
    expect(pages).toBeGreaterThanOrEqual(5);
  }, 120_000);
});

describe('displayPath', () => {
  /** The definition: the path relative to the working folder when it lies under it (its first segment is not ".."), else the path as given. */
  const reference = (path: string, cwd: string) => {
    const rel = relative(cwd, path);
    return rel && rel.split(sep)[0] !== '..' && !isAbsolute(rel) ? rel.split(sep).join('/') : path;
  };
  const segment = fc.constantFrom('a', 'b', '.', '..', '', '..x', 'x.', 'release.md');
  const path = fc.array(segment, { maxLength: 5 }).map((parts) => `/${parts.join('/')}`);

  it('agrees with the definition on any path, its shortcut for files under the working folder included', () => {
    fc.assert(fc.property(path, path, (p, cwd) => {
      expect(displayPath(p, cwd)).toBe(reference(p, cwd));
      // A path written under the working folder, however its tail is spelled.
      expect(displayPath(`${cwd}/${p.slice(1)}`, cwd)).toBe(reference(`${cwd}/${p.slice(1)}`, cwd));
    }), { numRuns: 3000 });
  });
});

describe('closest', () => {
  /** The definition: of the candidates nearer the word than its limit, the first of the least distance, worked out in full for each. */
  const definition = (word: string, candidates: readonly string[]): string | undefined => {
    const lower = word.toLowerCase();
    const abbreviated = lower.length >= 3 ? candidates.filter((c) => c.startsWith(lower) && c !== lower) : [];
    if (abbreviated.length === 1) return abbreviated[0];
    const limit = Math.min(Math.max(2, Math.floor(word.length / 3)), word.length - 1) + 1;
    let best: string | undefined;
    let least = limit;
    for (const candidate of candidates) {
      const d = editDistance(lower, candidate);
      if (d < least) [best, least] = [candidate, d];
    }
    return best;
  };
  // Few letters make many pairs alike; many make a word's pairs its own, which the pairs then tell apart.
  const letter = fc.oneof(fc.constantFrom('a', 'b', '-', 'я'), fc.constantFrom(...'abcdefghijklmnopqrstuvwxyz0123456789-яжш'));
  const text = (maxLength: number) => fc.string({ unit: letter, maxLength });

  it('agrees with the definition on lists long enough for pairs of letters to pass candidates over, and on short ones', () => {
    // Candidates made from the word by edits up to past its limit, among others: near ones to find, far ones the pairs pass over.
    const edited = (word: string) => fc.array(fc.tuple(fc.nat(), fc.nat(), letter), { maxLength: 16 }).map((edits) => edits.reduce((made, [at, kind, c]) => {
      const i = made.length === 0 ? 0 : at % made.length;
      return kind % 3 === 0 ? made.slice(0, i) + c + made.slice(i) : kind % 3 === 1 ? made.slice(0, i) + made.slice(i + 1) : made.slice(0, i) + c + made.slice(i + 1);
    }, word));
    fc.assert(fc.property(text(40).chain((word) => fc.tuple(fc.constant(word), fc.array(fc.oneof(text(40), edited(word)), { minLength: 50, maxLength: 120 }))), ([word, candidates]) => {
      expect(closest(word, candidates)).toBe(definition(word, candidates));
      expect(closest(word, candidates, { left: Number.MAX_SAFE_INTEGER, spent: false })).toBe(definition(word, candidates));
    }), { numRuns: 400 });
  });

  it('finds among many a candidate as far as the limit allows, whose edits lose two pairs of letters each', () => {
    // Letters changed three apart: each change breaks both pairs it stands in, as many pairs lost as an edit can lose.
    const many = fc.constantFrom(...'abcdefghijklmnopqrstuvwxyz0123456789');
    // The others in capitals, which the word (compared in small letters) shares no letter with: none is near it.
    const capitals = fc.constantFrom(...'ABCDEFGHIJKLMNOPQRSTUVWXYZ');
    fc.assert(fc.property(fc.string({ unit: many, minLength: 12, maxLength: 40 }), fc.array(fc.string({ unit: capitals, minLength: 12, maxLength: 40 }), { minLength: 70, maxLength: 90 }), fc.nat(), (word, others, place) => {
      const changes = Math.max(2, Math.floor(word.length / 3));
      const far = [...word].map((c, i) => (i % 3 === 1 && Math.floor(i / 3) < changes ? (c === '~' ? '^' : '~') : c)).join('');
      const candidates = [...others.slice(0, place % others.length), far, ...others.slice(place % others.length)];
      expect(closest(word, candidates)).toBe(definition(word, candidates));
      expect(definition(word, candidates)).toBe(far);
    }), { numRuns: 200 });
  });
});

describe('collisionKey', () => {
  /** The definition: NFKC, lower case, final sigma as sigma, forward slashes. */
  const reference = (value: string) => value.normalize('NFKC').toLowerCase().replaceAll('ς', 'σ').replace(/\\/g, '/');
  const unit = fc.oneof(
    fc.constantFrom('a', 'Z', 'z', 'A', '@', '[', ']', '\\', '/', '.', '-', '0', '\u007f', '\u0000', 'İ', 'ı', 'ß', 'ẞ', 'ς', 'σ', 'Σ', 'Ж', 'ﬁ', 'Ａ', '\u212A', 'é', 'e\u0301', '①'),
    fc.integer({ min: 0, max: 0x2fff }).map((c) => String.fromCharCode(c)),
  );

  it('agrees with the definition on any name, its shortcut for plain ASCII included', () => {
    fc.assert(fc.property(fc.array(unit, { maxLength: 12 }).map((units) => units.join('')), (value) => {
      expect(collisionKey(value)).toBe(reference(value));
    }), { numRuns: 5000 });
  });

  it('makes one key of names a case-insensitive file system holds as one, and keeps apart what lower case and NTFS keep apart', () => {
    const same = (a: string, b: string) => expect(collisionKey(a), `${a} ${b}`).toBe(collisionKey(b));
    same('el/ΟΔΗΓΟΣ.html', 'el/οδηγος.html');
    same('el/οδηγος.html', 'el/οδηγοσ.html');
    same('ΣΟΦΙΑ/οδηγός/', 'σοφια/οδηγόσ/');
    same('straße', 'STRAẞE');
    same('caf\u00e9', 'cafe\u0301');
    same('ΟΔΗΓΌΣ'.normalize('NFD'), 'οδηγός');
    expect(collisionKey('qız')).not.toBe(collisionKey('qiz'));
    expect(collisionKey('straße')).not.toBe(collisionKey('strasse'));
  });
});

describe('sourceLineReader', () => {
  it('gives each line of a text as splitting it would, asked in any order, and nothing for a line it does not have', () => {
    const text = fc.string({ unit: fc.constantFrom('a', 'ə', '\n', '\r', ' '), maxLength: 40 });
    fc.assert(fc.property(text, fc.array(fc.integer({ min: -1, max: 12 }), { maxLength: 12 }), (source, lines) => {
      const read = sourceLineReader(source);
      const all = source.split('\n');
      for (const line of lines) {
        const location = { file: 'a.md', line, column: 1 };
        const expected = line >= 1 && line <= all.length ? { ...location, sourceLine: all[line - 1] } : location;
        expect(read(location)).toEqual(expected);
        if (line >= 1) expect(withSourceLine(location, source)).toEqual(expected);
      }
    }), { numRuns: 500 });
  });
});


describe('a dateline the body repeats', () => {
  it('is found where the release\'s place opens the first line in its capitals, however casing changes its length', () => {
    const letter = fc.constantFrom('a', 'k', 'i', 'ı', 'İ', 'ß', 'ə', 'ş', 'ж', 'г', 'Σ', 'ς', 'և', 'ŉ', 'ﬁ', 'ა', ' ', '-', '.');
    const place = fc.string({ unit: letter, minLength: 1, maxLength: 10 }).filter((p) => /\p{L}/u.test(p) && p.trim() === p);
    const lang = fc.constantFrom('en', 'az', 'tr', 'ru', 'de', 'hy', 'el', 'lt', 'ka', 'kk');
    fc.assert(fc.property(place, lang, (location, tag) => {
      const upper = localeFor(tag).upper;
      for (const written of [location, upper(location)]) {
        const body = `${written}, 5 May 2026 — The service said.\n`;
        // Only where the place as the line writes it is as long as the place give or take the stretch looked through.
        if (written.length > location.length + 8) continue;
        const dateline = repeatedParts(body, location, upper).find((p) => p.kind === 'dateline');
        expect(dateline?.text, `${tag} ${written}`).toBe(`${written}, 5 May 2026 —`);
      }
    }), { numRuns: 2000 });
  });
});
