import { readFile, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Diagnostic } from '../src/core/diagnostic.js';
import { findExcess, lexBody, renderBodyText } from '../src/core/markdown.js';
import { findInvisible, fixInvisible } from '../src/core/invisible.js';
import { wordCount, wrapText } from '../src/core/text.js';
import { indexPage, injectPreview } from '../src/core/preview.js';
import { outermostFolders } from '../src/io/find.js';
import { newsKeywords } from '../src/core/site/sitemaps.js';
import { parseReleaseFile } from '../src/core/parse.js';
import { configSchema } from '../src/core/schema.js';
import { validateRelease } from '../src/core/validate.js';
import { stylish } from '../src/reporters/stylish.js';
import { styleSelectors, styleWork } from '../src/core/email.js';
import { blocksOutOfPhrasing } from '../src/core/html-phrasing.js';
import { fixture, NOW, release, runMain, useProjects } from './helpers/cli.js';
import { diagnosticsOf } from './helpers/report.js';
import { listTree, runMeasured, HOSTILE_HEAD, timed } from './helpers/hostile.js';

/**
 * Hostile inputs that once took time growing with the square of their size,
 * or memory without bound. The bounds are loose (seconds where a quiet
 * machine needs a fraction of one) so that they hold on a busy 2-core
 * runner and still fail by far when the cost is quadratic again.
 */

const HEAD = HOSTILE_HEAD;
const MiB = 1024 * 1024;
const projects = useProjects();

describe('time stays near-linear in the size of the input', () => {
  it('stylish frames one long line with many problems without rebuilding the line for each', () => {
    const line = '![](a.png) '.repeat(MiB / 11);
    const diagnostics: Diagnostic[] = Array.from({ length: 3_000 }, (_, i) => ({
      file: 'a.md', line: 7, column: 1 + i * 11, endLine: 7, endColumn: 11 + i * 11,
      severity: 'error', ruleId: 'content/image-alt', message: 'An image has no alternative text.', sourceLine: line,
    }));
    const started = performance.now();
    const out = stylish(diagnostics, { color: false, fileCount: 1, version: '1' });
    // Before: each frame escaped the whole line, some 3,000 × 1 MiB characters.
    expect(performance.now() - started).toBeLessThan(3_000);
    // Every frame is cut to the frame's width, with the caret under its own image.
    const frames = out.split('\n').filter((l) => /^\s+7 \| /.test(l));
    expect(frames).toHaveLength(3_000);
    for (const frame of frames) expect(frame.length).toBeLessThan(120);
    expect(out.split('\n').find((l) => /^\s+7 \| …/.test(l))).toContain('![](a.png)');
  });

  it('finds and fixes a no-break space after a list marker beside a line of a hundred thousand blanks in one pass', () => {
    const text = `${HEAD}${' \t'.repeat(100_000)}x\n\n1.\u00A0Register.\n`;
    // Quote marks a hundred thousand deep: a body Markdown refuses to read (the check says so), whose markers are left as written.
    const deep = `${HEAD}${'> '.repeat(100_000)}x\n\n1.\u00A0Register.\n`;
    const started = performance.now();
    expect(findInvisible(text).map((f) => f.name)).toEqual(['a no-break space (U+00A0) after the list marker `1.`']);
    expect(fixInvisible(text)).toEqual({ text: text.replace('1.\u00A0', '1. '), fixed: 1 });
    expect(findInvisible(deep)).toEqual([]);
    expect(fixInvisible(deep)).toEqual({ text: deep, fixed: 0 });
    // Before: each split of the blanks between two runs of them was tried, some 10^10 steps.
    expect(performance.now() - started).toBeLessThan(3_000);
  });

  /** Each body's plain text under `html: safe` is the one expected, written in well under the time a pass per piece would take. */
  const expectSafeTextsInTime = (cases: readonly [string, string][]) => {
    for (const [body, expected] of cases) {
      const lexed = lexBody(body);
      if (!lexed.ok) throw new Error(lexed.message);
      const started = performance.now();
      const text = renderBodyText(lexed.body, 1_000_000, undefined, { html: 'safe' });
      expect(performance.now() - started).toBeLessThan(3_000);
      expect(text).toBe(expected);
    }
  };

  it('reads a front matter\'s delimiters written wrong, a list never closed and thousands of status lines under an error in one pass', () => {
    const blanks = ' '.repeat(200_000);
    const cases: [string, string][] = [
      // A closing line that looks like one, or not quite, with a long run of blanks: the first line and a line under the fields.
      [`—${blanks}x\ntitle: A\n`, 'frontmatter/missing'],
      [`---\ntitle: A\ndate: 2026-01-01\nlang: en\n—${blanks}x\n`, 'frontmatter/unclosed'],
      // A list never closed, with a long run of blanks before the line's end: the line to write is made once.
      [`---\ntitle: A\ndate: 2026-01-01\nlang: en\ntags: [a${blanks}b\nstatus: draft\n---\nBody.\n`, 'yaml/syntax'],
      // 35,000 status lines (within the front matter's limit) under an error that made them part of the title: each read at its line.
      [`---\ntitle: A: b\n${'status: draft\n'.repeat(35_000)}---\nBody.\n`, 'yaml/syntax'],
    ];
    for (const [text, rule] of cases) {
      const started = performance.now();
      const result = validateRelease(parseReleaseFile(text, 'hostile.md'), { config: configSchema.parse({}), now: 0 });
      expect(performance.now() - started, rule).toBeLessThan(3_000);
      expect(result.diagnostics.map((d) => d.ruleId), rule).toContain(rule);
    }
  });

  it('reads a value\'s comment of 200,000 blanks before its last word, for the hint that quotes it, in one pass', () => {
    // The words of the comment were found with a lazy pattern tried from each blank of the run: a minute for these, hours for a megabyte.
    const blanks = ' '.repeat(200_000);
    const cases: [string, string][] = [
      [`---\ntitle: Quota #a${blanks}x\ndate: 2026-01-01\nlang: en\n---\nBody.\n`, 'yaml/comment-in-value'],
      [`---\ntitle: #Visas2027${blanks}x\ndate: 2026-01-01\nlang: en\n---\nBody.\n`, 'yaml/unquoted-value'],
    ];
    for (const [text, rule] of cases) {
      const started = performance.now();
      const result = validateRelease(parseReleaseFile(text, 'hostile.md'), { config: configSchema.parse({}), now: 0 });
      expect(performance.now() - started, rule).toBeLessThan(3_000);
      // The hint quotes the whole comment as the value meant, the blanks and then the last word (shortened where it is an excerpt).
      const hint = result.diagnostics.find((d) => d.ruleId === rule)?.hint ?? '';
      expect(rule === 'yaml/comment-in-value' ? hint.startsWith('Quote the value to keep the `#`: `title: "Quota #a  ') : hint.endsWith(`title: "#Visas2027${blanks}x".`), rule).toBe(true);
    }
  });

  it('reads a quoted headline or date of 150,000 blanks and then a word, a tab or a no-break space at its end or a line break, in one pass', () => {
    // The blanks at a value's end were matched from each blank of the run inside it, and the blanks after a date's year
    // split between two patterns every way: each longer than anyone waits.
    for (const blank of [' ', '\t', '\u00A0']) {
      const run = `${blank.repeat(150_000)}y${blank}`;
      const cases: [string, string, string][] = [
        ['title', `---\ntitle: "A${run}"\ndate: 2026-01-01\nlang: en\n---\nBody.\n`, 'content/title-length'],
        ['date', `---\ntitle: A\ndate: "17 March 2026${run}"\nlang: en\n---\nBody.\n`, 'schema/format'],
        // A headline that must be one line: the hint joins its lines, each run of blanks with a break in it one space.
        ['broken title', `---\ntitle: "A${run}\\nb"\ndate: 2026-01-01\nlang: en\n---\nBody.\n`, 'schema/format'],
      ];
      for (const [field, text, rule] of cases) {
        const started = performance.now();
        const result = validateRelease(parseReleaseFile(text, 'hostile.md'), { config: configSchema.parse({}), now: 0 });
        expect(performance.now() - started, `${field} ${JSON.stringify(blank)}`).toBeLessThan(3_000);
        expect(result.diagnostics.map((d) => d.ruleId), field).toContain(rule);
        // The blank after the last word goes, the run inside stays.
        if (field === 'title') expect(result.release?.title.length, field).toBe(150_002);
        if (field === 'broken title') expect(result.diagnostics.find((d) => d.ruleId === rule)?.hint?.includes(`${blank.repeat(150_000)}y b\`?`), field).toBe(true);
      }
    }
  });

  it('makes the news sitemap\'s keywords of a tag of 150,000 blanks with no comma, and of one with commas among them, in one pass', () => {
    // Each blank of the run was a place a comma could follow: seconds for 80,000, minutes for a megabyte.
    const blanks = ' \t'.repeat(75_000);
    const started = performance.now();
    const keywords = newsKeywords([`visas${blanks}x`, `work${blanks},${blanks}permits`, ` , `]);
    expect(performance.now() - started).toBeLessThan(3_000);
    // A comma in a tag, with the blanks beside it, is one space; the tag that is nothing else goes.
    expect(keywords).toBe(`visas${blanks}x, work permits`);
  });

  it('writes the plain text of a block of raw HTML of 100,000 tags, lines, cells or quoted values in one pass', () => {
    const cases: [string, string][] = [
      [`<div>\n${'<b>w</b>\n'.repeat(100_000)}`, `${'w '.repeat(99_999)}w`],
      [`<table>\n${'<td>x\n'.repeat(100_000)}`, `${'x '.repeat(99_999)}x`],
      // Images, each read with the line so far: 16 s for these 25,000.
      [`<div>\n${'<img src=a.png>\n'.repeat(25_000)}`, `${'<a.png> '.repeat(24_999)}<a.png>`],
      // Quoted values holding < and >: the tags are whole, only their text is left.
      [`<div>\n${'<b title="x<y>z">w</b>\n'.repeat(40_000)}`, `${'w '.repeat(39_999)}w`],
      // A quote left open runs to the next tag's, as HTML reads it: every other tag holds the next one's start.
      [`<div>\n${'<b title="x>w</b>\n'.repeat(50_000)}`, `${'w '.repeat(24_999)}w`],
      [`<div>\n${"<b title='x\"y>w</b>\n".repeat(50_000)}`, `${'w '.repeat(24_999)}w`],
      // One never closed: the tag ends at its first >, as if nothing in it were quoted.
      [`<div>\n${'<b>w</b>\n'.repeat(50_000)}<b title="x>w</b>`, `${'w '.repeat(50_000)}w`],
      // Links followed by their addresses, figures raised: each read from its own text, not from the line so far; unclosed ones many deep.
      [`<div>\n${'<a href="https://x.az/">w</a>\n'.repeat(30_000)}`, `${'w <https://x.az/> '.repeat(29_999)}w <https://x.az/>`],
      [`<div>\n${'m<sup>2</sup>\n'.repeat(30_000)}`, `${'m² '.repeat(29_999)}m²`],
      // Links left open end with the block, the outermost followed by its address there: the page keeps no link inside it.
      [`<div>\n${'<a href="https://x.az/"><sup>'.repeat(30_000)}w`, 'w <https://x.az/>'],
    ];
    // Before: each piece looked at the end of the line so far, copying it: 38 s for the first, past the limit for the others.
    expectSafeTextsInTime(cases);
  });

  it('moves a block out of a paragraph of 200,000 blanks between words (html: safe) in one pass', () => {
    const blanks = ' '.repeat(200_000);
    const started = performance.now();
    const html = blocksOutOfPhrasing(`<para>a${blanks}b <div>c</div> d${blanks}e</para>`, 'para');
    // Before: 18 s, the blanks before the block trimmed by a pattern anchored at the end, tried again from each blank.
    expect(performance.now() - started).toBeLessThan(2_000);
    expect(html).toBe(`<p>a${blanks}b</p><div>c</div><p>d${blanks}e</p>`);
  });

  it('writes a paragraph of 20,000 to 30,000 raw links or superscripts, closed or left open, in one pass', () => {
    const cases: [string, string][] = [
      [`${'<a href="https://x.az/">w</a> '.repeat(25_000)}end`, `${'w <https://x.az/> '.repeat(25_000)}end`],
      [`${'<a href="https://x.az/">https://x.az/</a> '.repeat(20_000)}end`, `${'<https://x.az/> '.repeat(20_000)}end`],
      [`${'10<sup>6</sup> '.repeat(30_000)}end`, `${'10⁶ '.repeat(30_000)}end`],
      [`${'<sup><a href="https://x.az/">'.repeat(25_000)}w`, 'w <https://x.az/>'],
      // Lines of Chinese wrapped in the source, joined without a space: each join looks at the line before, not at all joined so far.
      // Joined so far, these 120,000 took 54 s (a megabyte of them two minutes).
      [`${'在\n'.repeat(120_000)}在`, '在'.repeat(120_001)],
    ];
    expectSafeTextsInTime(cases);
  });

  it('indents and marks the plain text of raw lists and quotes nested deep by a bounded number of columns', () => {
    // A raw `<ol><li>` costs its source eight characters once; indenting every line under 32 of them (the more with a long
    // `start`) made each short line hundreds of columns long: some 290 times the body, gigabytes for a body of 1 MB. The ratio
    // does not depend on the size: at these (a tenth to a quarter of the sizes once used) the text was 281, 9, 21 and 5 times
    // its body, each past the bound below.
    const words = 'a '.repeat(20_000);
    const cases = [
      `<div>\n${'<ol start="9007199254740991"><li>x\n'.repeat(32)}${words}`,
      `<div>\n${'<blockquote>'.repeat(40)}${words}`,
      `<div>\n${'<blockquote><ul><li>'.repeat(40)}${'a<br>\n'.repeat(10_000)}`,
      `<ul><li>item ${'<ul><li>item '.repeat(5_000)}`,
    ];
    for (const body of cases) {
      const lexed = lexBody(body);
      if (!lexed.ok) throw new Error(lexed.message);
      const started = performance.now();
      for (const width of [72, 1_000_000]) {
        const text = renderBodyText(lexed.body, width, undefined, { html: 'safe' });
        expect(text.length).toBeLessThan(body.length * 3);
        // Only a line that opens many items at once, with their markers side by side, is wider than the text's width.
        if (width === 72) expect(text.split('\n').filter((l) => l.length > 72).length).toBeLessThanOrEqual(1);
      }
      expect(performance.now() - started).toBeLessThan(3_000);
    }
  });

  it('serve lists 30,000 pages of one folder on its not-found page in one pass (a copy of the list for each page took 8 s)', () => {
    const paths = Array.from({ length: 30_000 }, (_, i) => `en/release-${i}.html`);
    const started = performance.now();
    const page = indexPage(paths, 'Preview');
    expect(performance.now() - started).toBeLessThan(2_000);
    expect(page.match(/<li>/g)).toHaveLength(30_000);
    expect(page.match(/<h2>/g)).toHaveLength(1);
  });

  it('searches each folder a glob names once, a glob of 60,000 folders side by side (a folder a release) in one pass', () => {
    // Before: each folder compared with every one kept before it, 1,800,000,000 comparisons here.
    const side = Array.from({ length: 60_000 }, (_, i) => `/news/content/posts/p${i}`);
    const started = performance.now();
    const kept = outermostFolders([...side].reverse());
    expect(performance.now() - started).toBeLessThan(3_000);
    expect(kept).toHaveLength(60_000);
    expect(kept.slice(0, 3)).toEqual(['/news/content/posts/p0', '/news/content/posts/p1', '/news/content/posts/p10']);
    // `posts-old` sorts between `posts` and `posts/p1` by name, but it is not inside `posts`; `posts/p1/images` is.
    const nested = ['/news/content/posts/p1/images', '/news/content/posts-old/a', '/news/content/posts-old', '/news/content/posts/p1', '/news/content/posts'];
    expect(outermostFolders(nested)).toEqual(['/news/content/posts', '/news/content/posts-old']);
  });

  it('serve puts its tags before the last of 100,000 </body> tags a template writes, in one pass', () => {
    const html = `${'<p>x</p></body>\n'.repeat(100_000)}<footer>end</footer></BODY >\n`;
    const started = performance.now();
    const page = injectPreview(html, '<script>live</script>');
    // Before: a look-ahead for a later tag read the rest of the page at each one, 0.9 s for 20,000 and 22 s for 100,000.
    expect(performance.now() - started).toBeLessThan(2_000);
    expect(page).toBe(`${'<p>x</p></body>\n'.repeat(100_000)}<footer>end</footer><script>live</script></BODY >\n`);
    expect(injectPreview('<p>no body tag</p>', '<script>live</script>')).toBe('<p>no body tag</p><script>live</script>');
  });

  it('reports one line of 9,000 images without alternative text in seconds, in stylish as in json', async () => {
    const dir = await projects({ 'rel/a.md': `${HEAD}${'![](a.png) '.repeat(9_000)}\n` });
    for (const reporter of ['stylish', 'json']) {
      const result = await timed(() => runMain(['validate', 'rel', '--reporter', reporter, '--now', NOW], { cwd: dir }));
      expect(result.code).toBe(1);
      expect(result.ms).toBeLessThan(10_000);
    }
  });

  it('builds a line of 12,000 references to a missing image in time proportional to them, each problem shown with its line, and keeps the build record', async () => {
    const dir = await projects({ 'rel/a.md': `${HEAD}${'![x](p.png) '.repeat(12_000)}\n` });
    const result = await timed(() => runMain(['build', 'rel', '--format', 'html', '--keep-going', '--now', NOW], { cwd: dir, env: { XDG_CACHE_HOME: join(dir, 'cache') } }));
    // Before: 6 s, and "The build record could not be kept": each reference held the whole line, for its code frame.
    expect(result.ms).toBeLessThan(5_000);
    expect(result.stdout + result.stderr).not.toContain('could not be kept');
    expect(result.stdout).toContain('7:1189  error    The image "p.png" does not exist');
    expect(result.stdout.split('\n').filter((l) => /^\s+7 \| /.test(l))).toHaveLength(100);
  });

  it('reads an ignore glob of 150,000 slashes and a name, in the config or on the command line, in seconds', async () => {
    // The slashes at its end were matched from each slash of the run: 11 s in the config, as long again on the command line.
    const glob = `drafts${'/'.repeat(150_000)}y/`;
    const dir = await projects({ 'migration-news.config.yaml': `ignore: ["${glob}"]\n`, 'rel/a.md': release() });
    const fromConfig = await timed(() => runMain(['validate', 'rel', '--reporter', 'json', '--now', NOW], { cwd: dir }));
    expect(fromConfig.ms).toBeLessThan(3_000);
    expect(diagnosticsOf(fromConfig.stdout).map((d) => `${d.file}:${d.line}:${d.column} ${d.ruleId}`)).toEqual(['migration-news.config.yaml:1:10 schema/format']);
    await writeFile(join(dir, 'migration-news.config.yaml'), '');
    const fromArguments = await timed(() => runMain(['validate', 'rel', '--ignore', glob, '--now', NOW], { cwd: dir }));
    expect(fromArguments.ms).toBeLessThan(3_000);
    expect(fromArguments.code).toBe(2);
    expect(fromArguments.stderr).toContain('--ignore');
  });

  it('hints at 5,000 distinct missing images behind links, to a folder of 3,000 files in the project and to one outside, in seconds', async () => {
    const names = Array.from({ length: 3_000 }, (_, i) => `photo-${i}.png`);
    const outside = projects.track(await fixture(Object.fromEntries(names.map((name) => [name, '']))));
    const refs = Array.from({ length: 2_500 }, (_, i) => `![x](../pics/gone-${i}.png) ![x](../away/gone-${i}.png)`);
    const dir = await projects({ 'rel/a.md': `${HEAD}![x](../pics/PHOTO-7.png) ![x](../away/PHOTO-7.png)\n${refs.join('\n')}\n`, ...Object.fromEntries(names.map((name) => [`photos/${name}`, ''])) });
    await symlink('photos', join(dir, 'pics'));
    await symlink(outside, join(dir, 'away'));
    const result = await timed(() => runMain(['validate', 'rel', '--reporter', 'json', '--now', NOW], { cwd: dir }));
    // Before: 10 s, the folder listed again for each missing image, inside the project and out of it.
    expect(result.ms).toBeLessThan(5_000);
    const hints = diagnosticsOf(result.stdout).filter((d) => d.ruleId === 'content/image-file').map((d) => d.hint);
    expect(hints[0]).toContain('Did you mean "../pics/photo-7.png"?');
    // The folder outside is not listed: no hint names a file there.
    expect(hints[1]).not.toMatch(/Did you mean|photo-7/);
  });

  it('looks for the first 10,000 distinct missing images in a body, and says where the limit was passed, in seconds', async () => {
    // Past the limit by a little: every image after it would be looked for on disk as well (100,000 took 30 s and more).
    const refs = Array.from({ length: 10_100 }, (_, i) => `![x](${i.toString(36)}.png)`);
    const dir = await projects({ 'rel/a.md': `${HEAD}${refs.join('\n')}\n` });
    const result = await timed(() => runMain(['validate', 'rel', '--reporter', 'json', '--now', NOW], { cwd: dir }));
    expect(result.ms).toBeLessThan(15_000);
    const diagnostics = diagnosticsOf(result.stdout);
    expect(diagnostics.filter((d) => d.ruleId === 'content/too-complex').map((d) => `${d.line}:${d.column} ${d.message}`)).toEqual([
      '10007:1 The body names more than 10,000 local image files, too many to look for; this is the first past the limit.',
    ]);
    const missing = diagnostics.filter((d) => d.ruleId === 'content/image-file');
    expect(missing[0]!.message).toBe('The image "0.png" does not exist: there is no file rel/0.png.');
    expect(missing.at(-1)!.message).toBe('9900 more problems of this rule in this file are not shown: at most 100 are reported for each rule and file.');
  });

  // Each missing image behind a link in a circle walked the circle up to forty links to tell whether it led out: 20,000 took 71 s.
  it('looks up 2,000 missing images behind a link in a circle, and as many in a folder that is not there, in seconds', async () => {
    const refs = Array.from({ length: 2_000 }, (_, i) => `![x](l/a/${i}.png) ![x](gone/x/${i}.png)`);
    const dir = await projects({ 'rel/a.md': `${HEAD}${refs.join('\n')}\n`, 'rel/l/keep.txt': '' });
    await symlink('b', join(dir, 'rel/l/a'));
    await symlink('a', join(dir, 'rel/l/b'));
    const result = await timed(() => runMain(['validate', 'rel', '--reporter', 'json', '--now', NOW], { cwd: dir }));
    // Before: 8 s on a quiet machine; under 2 s now, as before links to nothing were followed to where they would lead.
    expect(result.ms).toBeLessThan(6_000);
    expect(diagnosticsOf(result.stdout).filter((d) => d.ruleId === 'content/image-file').length).toBeGreaterThan(0);
  });

  // Before: 30,000 keys took 15 s and 20,000 collection keys 130 s, growing with the square of the count. Every unknown key
  // located by a search of its mapping again, 40,000 keys and 10,000 collection keys took 70 s and 80 s in the binary (7 and 2
  // minutes in a test thread): these sizes, half of those, still take a quarter of that, over twice the bound in the binary.
  it('checks a front matter of 20,000 keys and one of 5,000 collection keys in seconds', async () => {
    const keys = Array.from({ length: 20_000 }, (_, i) => `k${i}: 1\n`).join('');
    const collectionKeys = Array.from({ length: 5_000 }, (_, i) => `? [k${i}]\n: v\n`).join('');
    const dir = await projects({
      'keys/a.md': `---\ntitle: T\ndate: 2026-05-14\nlang: en\n${keys}---\nBody.\n`,
      'collection/a.md': `---\ntitle: T\ndate: 2026-05-14\nlang: en\n${collectionKeys}---\nBody.\n`,
    });
    for (const folder of ['keys', 'collection']) {
      const result = await timed(() => runMain(['validate', folder, '--reporter', 'json', '--now', NOW], { cwd: dir }));
      expect(result.ms, folder).toBeLessThan(8_000);
      const unknown = diagnosticsOf(result.stdout).filter((d) => d.ruleId === 'schema/unknown-key');
      // At most 100 of one rule in one file, then one that counts the rest.
      expect(unknown, folder).toHaveLength(101);
      expect(unknown[100]!.message).toMatch(new RegExp(`^${folder === 'keys' ? 19_900 : 4_900} more problems of this rule in this file are not shown`));
      expect(unknown[0]).toMatchObject({ line: 5, message: folder === 'keys' ? '`k0` is not a field of the release format; it is ignored.' : '`[ k0 ]` is not a field of the release format; it is ignored.' });
    }
  });

  it('checks a config of 3,000 language keys in `about`, each the same tag in other letters or a tag of no language of the project, in seconds', async () => {
    // Each key was compared with every other (the keys of its tag looked for again for each): over a minute for 3,000, some for 10,000.
    const tag = (i: number) => `en-x-${(100_000 + i - (i % 2)).toString(36)}`;
    const about = Array.from({ length: 3_000 }, (_, i) => `  ${i % 2 === 0 ? tag(i) : tag(i).toUpperCase()}: Text ${i}.\n`).join('');
    const dir = await projects({ 'migration-news.config.yaml': `about:\n  en: About.\n${about}`, 'rel/a.md': release() });
    const result = await timed(() => runMain(['validate', 'rel', '--reporter', 'json', '--now', NOW], { cwd: dir }));
    expect(result.ms).toBeLessThan(5_000);
    const unknown = diagnosticsOf(result.stdout).filter((d) => d.ruleId === 'schema/unknown-key');
    expect(unknown).toHaveLength(101);
    expect(unknown[100]!.message).toMatch(/^2,?900 more problems of this rule in this file are not shown/);
    expect(unknown[0]).toMatchObject({ file: 'migration-news.config.yaml', line: 3 });
  });

  it('reads a contact\'s e-mail address written after a name with a run of 250,000 blanks in it in one pass, and still hints at the address', async () => {
    const dir = await projects({
      'rel/a.md': `---\ntitle: T\ndate: 2026-05-14\nlang: en\ncontacts:\n  - name: Press\n    email: "Press${' '.repeat(250_000)}Office <press@example.az>"\n---\nBody.\n`,
    });
    const result = await timed(() => runMain(['validate', 'rel', '--reporter', 'json', '--now', NOW], { cwd: dir }));
    // Before: 25 s, each blank of the name tried as the first of those before the `<`.
    expect(result.ms).toBeLessThan(5_000);
    const [problem, ...rest] = diagnosticsOf(result.stdout);
    expect(rest).toEqual([]);
    expect(problem).toMatchObject({ line: 7, ruleId: 'schema/format' });
    expect(problem!.hint).toBe('Did you mean `press@example.az`?');
  });

  // A placeholder's space was matched as `(?:\s|\n\s*>)+`, where a line break is both a space and the start of a quotation's next
  // line: thirty `\n\n>` after `Write` (a release of 190 bytes) took 23 s to be found not to match, each one more doubling it.
  it('looks for new\'s placeholders across a thousand blank and quoted lines in one pass, and still finds one wrapped into a quotation', async () => {
    const dir = await projects({
      'r/a.md': release({ id: 'a', slug: 'a' }, `Intro text.\n\nWrite${'\n\n>'.repeat(1_000)}x\n`),
      'r/b.md': release({ id: 'b', slug: 'b' }, 'Intro text.\n\n> Write the\n>\n> lead  here.\n'),
    });
    const result = await timed(() => runMain(['validate', 'r', '--reporter', 'json', '--now', NOW], { cwd: dir }));
    expect(result.ms).toBeLessThan(5_000);
    expect(diagnosticsOf(result.stdout).map((d) => `${d.file} ${d.ruleId} ${d.line}`)).toEqual(['r/b.md content/placeholder 11']);
  });

  it('reads the `{% liquid %}` tags of a partial of 65,000 that never end once, not to the end of the file from each', async () => {
    const dir = await projects({
      'templates/default/partials/zz.liquid': `{{ '${'{%liquid'.repeat(65_000)}' }}`,
      'r/a.md': release(),
    });
    const result = await timed(() => runMain(['build', 'r', '--reporter', 'json', '--now', NOW], { cwd: dir }));
    expect(result.ms).toBeLessThan(5_000);
    expect(diagnosticsOf(result.stdout).map((d) => `${d.file} ${d.ruleId}`)).toEqual(['templates/default/partials/zz.liquid template/unused-file']);
  });

  it('parses a template of 64,000 outputs in time proportional to them', async () => {
    const dir = await projects({
      'r/a.md': release(),
      // 64,000 outputs and the spaces between them, in 512 KB: 128,000 tokens.
      'templates/many/template.yaml': 'name: many\nextends: default\n',
      'templates/many/release.html.liquid': `<p>${'{{ 1 }} '.repeat(64_000)}</p>`,
    });
    const many = await timed(() => runMain(['build', 'r', '--template', 'many', '--format', 'html', '--out', 'out', '--now', NOW], { cwd: dir }));
    // Before: 30 s for 80,000 outputs and 16 s for these, every token LiquidJS took from the front of the list moving all those
    // after it (a comment never closed, which takes the rest of the file's tokens one by one, as much; and a file is parsed again
    // for each syntax error). Now some 2 s.
    expect(many.ms).toBeLessThan(7_000);
    expect(many.code, many.stdout + many.stderr).toBe(0);
  });

  it('loads a template of 20,000 includes in time proportional to them', async () => {
    const dir = await projects({
      'r/a.md': release(),
      'templates/parts/template.yaml': 'name: parts\nextends: default\n',
      'templates/parts/partials/dot.liquid': '·',
      'templates/parts/release.html.liquid': `<p>${"{% include 'partials/dot' %}".repeat(20_000)}</p>`,
    });
    const result = await timed(() => runMain(['build', 'r', '--template', 'parts', '--format', 'html', '--out', 'out', '--now', NOW], { cwd: dir }));
    // Before: 13 s, the line and column of each include (the set's map of which file includes which) counted from the file's start.
    expect(result.ms).toBeLessThan(4_000);
    expect(result.code, result.stdout + result.stderr).toBe(0);
  });

  it('refuses a template of thousands of layout tags, each holding the rest of the file, at the first past the nesting limit', async () => {
    const dir = await projects({
      'r/a.md': release(),
      'templates/laid/template.yaml': 'name: laid\nextends: default\n',
      'templates/laid/release.html.liquid': "{% layout 'layouts/page' %}\n".repeat(2_000),
    });
    const result = await timed(() => runMain(['build', 'r', '--template', 'laid', '--format', 'html', '--out', 'out', '--reporter', 'json', '--now', NOW], { cwd: dir }));
    // Before: 10 s, the file's checks run again on the rest of it from each layout, which LiquidJS parses as the layout's own.
    expect(result.ms).toBeLessThan(3_000);
    expect(diagnosticsOf(result.stdout).map((d) => `${d.file}:${d.line}:${d.column} ${d.ruleId} ${d.message}`)).toEqual([
      'templates/laid/release.html.liquid:65:1 template/syntax The template nests blocks ({% if %}, {% for %}, {% capture %}, …) more than 64 levels deep.',
    ]);
  });

  it('makes slugs, tag pages and comparisons of a title, tag and heading of 160,000 stacked combining marks in one pass', async () => {
    // Two marks of different classes, which normalization puts in order: each run sorted in place, in time growing with its square.
    const zalgo = (count: number) => `a${'\u0301\u0316'.repeat(count / 2)}`;
    const dir = await projects({
      'r/a.md': `---\ntitle: "Title ${zalgo(160_000)}"\ndate: 2026-05-14\nlang: en\nstatus: published\ntags: ["Tag ${zalgo(20_000)}"]\n---\nText.\n\n## Heading ${zalgo(160_000)}\n`,
    });
    const result = await timed(() => runMain(['build', 'r', '--format', 'html', '--out', 'out', '--reporter', 'json', '--now', NOW], { cwd: dir }));
    // Before: 20 s, each slug, tag key and comparison of the heading with the title normalizing the whole run again.
    expect(result.ms).toBeLessThan(4_000);
    expect(result.code, result.stdout).toBe(0);
    expect((await listTree(join(dir, 'out'))).filter((file) => file.startsWith('en/'))).toEqual(['en/index.html', 'en/tags/tag-a.html', 'en/title-a.html']);
  });

  // The CSS inliner matches each selector against every element, after the render and outside its limits: a set's 1,000 rules over
  // 20,000 paragraphs took 21 s a message, and a megabyte of one-item lists (470,000 elements) 27 s and 1.5 GB.
  it('refuses to make an e-mail message of more elements, or pairs of element and style selector, than its styles can be written into in seconds', async () => {
    const dir = await projects({
      'migration-news.config.yaml': 'email:\n  from: press@example.az\n',
      'rel/a.md': release(),
      // 56,000 line breaks, each an element (the cheapest Markdown makes): a tenth over the limit.
      'lists/b.md': release({ id: 'b', slug: 'b' }, `${'a\\\n'.repeat(56_000)}a\n`),
      'templates/styled/template.yaml': 'name: styled\nextends: email\n',
      'templates/styled/partials/styles.liquid': '{% for i in (1..1000) %}.c{{ i }} p, .d{{ i }} { color: red; }\n{% endfor %}',
      'templates/styled/partials/about.liquid': '{% for i in (1..5000) %}<p>x</p>{% endfor %}',
    });
    const styled = await timed(() => runMain(['build', 'rel', '--template', 'styled', '--format', 'eml', '--out', 'out', '--reporter', 'json', '--now', NOW], { cwd: dir }));
    expect(styled.ms).toBeLessThan(10_000);
    expect(styled.code).toBe(1);
    expect(diagnosticsOf(styled.stdout)).toEqual([expect.objectContaining({
      // The set's own page template is the built-in one it extends.
      file: expect.stringMatching(/templates[\\/]email[\\/]release\.html\.liquid$/) as unknown, ruleId: 'template/render',
      message: expect.stringMatching(/^The e-mail message's HTML has 5,0\d\d elements and its styles 2,0\d\d selectors, whose pairs pass the limit of 5,000,000: too many to write its styles into each element/) as unknown,
    })]);
    // A brace in a quoted string or escaped is no block of the sheet: the rules after it are counted still.
    expect([styleSelectors('<style>a[title="{"] { color: blue } p {} li {}</style>'), styleSelectors('<style>.a\\{ {} p, li {}</style>'), styleSelectors("<style>a::after { content: '}' } p {}</style>")]).toEqual([3, 3, 2]);
    const lists = await timed(() => runMain(['build', 'lists', '--format', 'eml', '--out', 'out', '--reporter', 'json', '--now', NOW], { cwd: dir }));
    expect(lists.ms).toBeLessThan(20_000);
    expect(lists.code).toBe(1);
    expect(diagnosticsOf(lists.stdout).map((d) => d.message)).toEqual([expect.stringMatching(/^The e-mail message's HTML has 5\d,\d\d\d elements, over the limit of 50,000: too many/)]);
    // The built-in set's styles over a long release: a message.
    await writeFile(join(dir, 'lists/b.md'), release({ id: 'b', slug: 'b' }, '- a\n1. b\n* c\n+ d\n'.repeat(1_500)));
    expect((await runMain(['build', 'lists', '--format', 'eml', '--out', 'out', '--now', NOW], { cwd: dir })).code).toBe(0);
  });

  it('refuses to make an e-mail message whose styles would write more declarations into its elements than can be written in seconds', async () => {
    const dir = await projects({
      'migration-news.config.yaml': 'email:\n  from: press@example.az\n',
      'rel/a.md': release(),
      'templates/declared/template.yaml': 'name: declared\nextends: email\n',
      // One selector, well within the pairs of element and selector, but each paragraph gets every declaration: before, 40 s and 2 GB.
      'templates/declared/partials/styles.liquid': 'p { {% for i in (1..4000) %}color: red; {% endfor %}}',
      'templates/declared/partials/about.liquid': '{% for i in (1..3000) %}<p>x</p>{% endfor %}',
    });
    const declared = await timed(() => runMain(['build', 'rel', '--template', 'declared', '--format', 'eml', '--out', 'out', '--reporter', 'json', '--now', NOW], { cwd: dir }));
    expect(declared.ms).toBeLessThan(4_000);
    expect(declared.code).toBe(1);
    expect(diagnosticsOf(declared.stdout)).toEqual([expect.objectContaining({
      ruleId: 'template/render',
      message: expect.stringMatching(/^The e-mail message's HTML has 3,0\d\d elements and its styles 4,000 declarations \(each counted once for each selector of its rule\), whose pairs pass the limit of 5,000,000: too many to write its styles into each element/) as unknown,
    })]);
    // Each declaration once for each selector of its rule, in quoted text or a media query as anywhere.
    expect(styleWork('<style>p, li { a: b; c: "d;e" ; f:g } @media (x) { .a, .b { x: y !important; z: w } }</style>')).toEqual({ selectors: 5, declarations: 10 });
  });

  // A build reads the status of a release that fails, to take its pages down when it is no longer public. Each `status` was compared
  // with every error: these 24,000 of each took 3.8 s on a quiet machine. And a front matter never closed is read for it only so far.
  it('reads the status of a front matter of 24,000 statuses among as many errors, and of one never closed that runs a megabyte, in time proportional to them', async () => {
    const pairs = 'status: draft\nx: @y\n'.repeat(24_000);
    for (const [name, text] of [['closed', `---\ntitle: T\n${pairs}---\nBody.\n`], ['never closed', `---\ntitle: T\n${pairs}${'a: b\n'.repeat(50_000)}Body.\n`]] as const) {
      const parsed = parseReleaseFile(text, 'a.md');
      const started = performance.now();
      const statuses = parsed.readable?.('status') ?? [];
      expect(performance.now() - started, name).toBeLessThan(1_000);
      expect(statuses[0], name).toEqual({ value: 'draft', at: expect.objectContaining({ line: 3 }) as unknown });
    }
    const dir = await projects({ 'r/a.md': `---\ntitle: T\n${pairs}${'a: b\n'.repeat(50_000)}Body.\n` });
    const result = await timed(() => runMain(['validate', 'r', '--reporter', 'json', '--now', NOW], { cwd: dir }));
    expect(result.ms).toBeLessThan(5_000);
    expect(diagnosticsOf(result.stdout).map((d) => d.ruleId)).toEqual(['frontmatter/unclosed']);
  });

  // Before the look was limited to the fields shown, 40,000 of them took over eight minutes, growing with the square of their count:
  // 10,000 took 20 s in a test thread and these 5,000 take 4 s, twice the bound.
  it('looks for the list item above each misplaced field only for the fields shown, and only some lines up', async () => {
    const beside = Array.from({ length: 5_000 }, (_, i) => `  k${i}: 1\n`).join('');
    const far = `${Array.from({ length: 5_000 }, (_, i) => `    x${i}: 1\n`).join('')}${Array.from({ length: 150 }, (_, i) => `  k${i}: 1\n`).join('')}`;
    const dir = await projects({
      'beside/a.md': `---\ntitle: T\ndate: 2026-05-14\nlang: en\ncontacts:\n  - name: A\n${beside}---\nBody.\n`,
      'far/a.md': `---\ntitle: T\ndate: 2026-05-14\nlang: en\ncontacts:\n  - name: A\n${far}---\nBody.\n`,
    });
    for (const folder of ['beside', 'far']) {
      const result = await timed(() => runMain(['validate', folder, '--reporter', 'json', '--now', NOW], { cwd: dir }));
      expect(result.ms, folder).toBeLessThan(2_000);
      const syntax = diagnosticsOf(result.stdout).filter((d) => d.ruleId === 'yaml/syntax');
      expect(syntax, folder).toHaveLength(101);
      // Thousands of lines below its item a field gets the parser's words, as a field past the limit would.
      expect(syntax.filter((d) => d.hint?.startsWith('To make it a field of the list item above')), folder).toHaveLength(folder === 'beside' ? 100 : 0);
    }
  });

  it('refuses 20,000 aliases at once, and reads 30,000 headings on a 100 KB stack without overflowing it', async () => {
    const dir = await projects({
      'aliases.md': `---\ntitle: T\ndate: 2026-05-14\nlang: en\nk: &a v\nx: [${Array.from({ length: 20_000 }, () => '*a').join(',')}]\n---\nBody.\n`,
      'headings.md': `${HEAD}${'#\n'.repeat(30_000)}`,
    });
    const aliases = await timed(() => runMain(['validate', 'aliases.md', '--reporter', 'json', '--now', NOW], { cwd: dir }));
    // At the first alias, in the tool's own words.
    expect(diagnosticsOf(aliases.stdout).map((d) => `${d.line}:${d.column} ${d.ruleId} ${d.message.slice(0, 40)}`)).toEqual(['6:5 yaml/alias-limit The YAML\'s aliases (`*name`) repeat thei']);
    // Each alias resolved by a search of the whole document took 30 s here.
    expect(aliases.ms).toBeLessThan(10_000);
    // The binary's own stack (a test thread's is larger): the heading levels were found with one argument per heading. On
    // Node's own stack that ran out from some 130,000 headings (not at 100,000); on a tenth of it, 100 KB, from 12,500 (not at
    // 10,000): 30,000 are still more than twice past the overflow, and cost a fifth of the 200,000 once read here.
    const headings = await runMeasured(['validate', 'headings.md', '--reporter', 'json', '--now', NOW], { cwd: dir, node: ['--stack-size=100'] });
    expect(headings.stderr).not.toMatch(/internal error|call stack/);
    // Each is a line of marks alone, an empty heading: said at the first hundred, and how many more there are.
    const found = diagnosticsOf(headings.stdout);
    expect({ code: headings.code, rules: [...new Set(found.map((d) => d.ruleId))], count: found.length }).toEqual({ code: 0, rules: ['content/empty-heading'], count: 101 });
    expect(found.at(-1)!.message).toMatch(/^29,?900 more problems of this rule/);
  });

  it('refuses a table of 5,000 columns over 20,000 short rows at the row that passes the limit, and reads an ordinary table', async () => {
    const wide = `| ${Array.from({ length: 5_000 }, () => 'a').join(' | ')} |\n| ${Array.from({ length: 5_000 }, () => '-').join(' | ')} |\n${'x\n'.repeat(20_000)}`;
    const dir = await projects({ 'wide.md': `${HEAD}${wide}`, 'ordinary.md': `${HEAD}| Year | Permits |\n|:-----|--------:|\n${'| 2025 | 24,500 |\n'.repeat(200)}` });
    const result = await timed(() => runMain(['validate', '.', '--reporter', 'json', '--now', NOW], { cwd: dir }));
    const [problem, ...rest] = diagnosticsOf(result.stdout);
    expect(rest).toEqual([]);
    // Every short row was given all 5,000 cells: the heap ran out after 30 s.
    expect(problem).toMatchObject({ file: 'wide.md', ruleId: 'content/too-complex', line: 49 });
    expect(problem!.message).toMatch(/a table of 5000 columns that reaches 205000 cells by this row, over the limit of 200000/);
    expect(result.ms).toBeLessThan(10_000);
    // In a block quote or a list item the rows are padded just the same; each table counts its own rows.
    const quoted = `> | ${Array.from({ length: 500 }, () => 'a').join(' | ')} |\n> | ${Array.from({ length: 500 }, () => '-').join(' | ')} |\n${'> x\n'.repeat(500)}`;
    expect(findExcess(quoted)?.message).toMatch(/a table of 500 columns that reaches 200500 cells/);
    const annex = `| n |\n|---|\n${'| 1 |\n'.repeat(40_000)}\n| a | b | c | d | e | f |\n|---|---|---|---|---|---|\n${'| 1 | 2 | 3 | 4 | 5 | 6 |\n'.repeat(3)}`;
    expect(findExcess(annex)).toBeUndefined();
  });

  it('writes the plain text of a table with a cell or a header of 100,000 Chinese characters over a thousand rows in one pass', () => {
    // Unwrapped, every row was padded to the widest cell (a gigabyte of spaces: the build stopped on an internal error), and
    // written as `header: value` lines every row repeated the header (a minute and gigabytes).
    const wideCell = `| n |\n|--:|\n| ${'中'.repeat(100_000)} |\n${'| 1 |\n'.repeat(3_000)}`;
    const longHeader = `| ${'中'.repeat(100_000)} |\n|---|\n${'| 1 |\n'.repeat(1_000)}`;
    for (const body of [wideCell, longHeader]) {
      const lexed = lexBody(body);
      if (!lexed.ok) throw new Error(lexed.message);
      for (const width of [72, 2 ** 31 - 1]) {
        const started = performance.now();
        const text = renderBodyText(lexed.body, width, undefined, {});
        expect(performance.now() - started).toBeLessThan(3_000);
        expect(text.length).toBeLessThan(body.length * 2);
        expect(text).toContain('中'.repeat(10));
      }
    }
    // An ordinary table keeps its aligned columns and its headers.
    const ordinary = lexBody('| Year | Permits |\n|:-----|--------:|\n| 2025 | 24,500 |\n');
    if (!ordinary.ok) throw new Error(ordinary.message);
    expect(renderBodyText(ordinary.body, 2 ** 31 - 1, undefined, {})).toBe('Year  Permits\n----  -------\n2025   24,500');
    const wide = lexBody(`| Year | ${'Permits '.repeat(10)}|\n|---|---|\n| 2025 | 24,500 |\n`);
    if (!wide.ok) throw new Error(wide.message);
    // One wider than 72 columns is written as `header: value` lines unwrapped too, as the wrapped text writes it.
    expect(renderBodyText(wide.body, 2 ** 31 - 1, undefined, {})).toBe(`Year: 2025\n${'Permits '.repeat(10).trim()}: 24,500`);
  });

  it('counts the words of a heading of 100,000 Chinese characters over a million dashes once for every page of its release, in a second', () => {
    // The segmenter was given the underline's dashes too (two million of them cost as much as 1.6 million Chinese characters, so
    // these a million as 800,000: some nine times the heading alone), and each page (the HTML, the e-mail message) counted it all
    // again. Measured against the same heading over a short underline in the same run (the faster of two each: a text counted once
    // is kept, so each count is of a text of its own), so that a busy machine slows both alike: the long underline costs next to
    // nothing more.
    const heading = '中'.repeat(100_000);
    const timeOf = (text: string) => {
      const started = performance.now();
      expect(wordCount(text)).toBe(100_001);
      return performance.now() - started;
    };
    const short = Math.min(timeOf(`a ${heading}\n--`), timeOf(`b ${heading}\n--`));
    const underlined = `d ${heading}\n${'-'.repeat(1_000_000)}`;
    const long = Math.min(timeOf(`c ${heading}\n${'-'.repeat(1_000_000)}`), timeOf(underlined));
    expect(long).toBeLessThan(1.5 * short + 50);
    // Counted again for another page of the release, it is not read again (the fastest of three: a busy machine may stop the
    // process in the middle of one).
    expect(Math.min(timeOf(underlined), timeOf(underlined), timeOf(underlined))).toBeLessThan(0.2 * long);
    expect(wordCount('中文\n---\nwords, and 3.5 more\n\n——\n___\n日本語')).toBe(wordCount('中文 --- words, and 3.5 more —— ___ 日本語'));
  });

  it('wraps a megabyte of Thai letters between Chinese ones, reading only the Thai runs with the segmenter', () => {
    // Each Thai letter was read with the 512 characters after it, the Chinese dictionary's work included: 0.7 to 1.2 s for each
    // wrapping, some five times as long as wrapping as many Chinese letters alone; now about half as long. Measured against that
    // wrapping in the same run (the fastest of three each), so that a busy machine slows both alike.
    const text = 'ก中'.repeat(500_000);
    const chinese = '中'.repeat(1_000_000);
    const fastest = (run: () => void) => Math.min(...[0, 1, 2].map(() => {
      const started = performance.now();
      run();
      return performance.now() - started;
    }));
    let lines: string[] = [];
    const mixed = fastest(() => (lines = wrapText(text, 72, '', '', 'th')));
    const alone = fastest(() => wrapText(chinese, 72, '', '', 'th'));
    expect(mixed).toBeLessThan(alone * 2.5 + 100);
    expect(lines.join('')).toBe(text);
    // Runs of Thai words are still broken between their words, wherever they stand.
    expect(wrapText(`${'中'.repeat(30)}${'ภาษาไทยเป็นภาษาที่ไม่มีช่องว่าง'.repeat(4)}`, 72, '', '', 'th')[0]).toMatch(/^中{30}ภาษา/);
  });

  it('refuses a release of 3,000 tags, each of whose pages would list all of them, and says so in words', async () => {
    const tags = Array.from({ length: 3_000 }, (_, i) => `t${i}`).join(', ');
    const dir = await projects({ 'r/a.md': `---\ntitle: T\ndate: 2026-05-14\nlang: en\nstatus: published\ntags: [${tags}]\n---\nBody.\n`, 'migration-news.config.yaml': 'site:\n  url: https://press.example.az\n  pageSize: 0\n' });
    const result = await runMain(['build', 'r', '--out', 'out', '--reporter', 'json', '--now', NOW], { cwd: dir });
    expect(result.code).toBe(1);
    // The config's bound, in words rather than the schema library's.
    expect(diagnosticsOf(result.stdout).map((d) => d.message)).toEqual(['`site.pageSize` must be at least 1; it is 0.', expect.stringMatching(/^`tags` has more tags/)]);
    await writeFile(join(dir, 'migration-news.config.yaml'), 'site:\n  url: https://press.example.az\n');
    const again = await timed(() => runMain(['build', 'r', '--out', 'out', '--reporter', 'json', '--now', NOW], { cwd: dir }));
    // 3,000 tag pages of 3,000 tags each: 448 MB written in 13 s.
    expect(again.ms).toBeLessThan(10_000);
    expect(again.code).toBe(1);
    expect(diagnosticsOf(again.stdout).map((d) => [d.line, d.message])).toEqual([[6, '`tags` has more tags than the 50 a release may have: keep those that say what it is about; it is a list of 3,000.']]);
  });

  it('refuses more aliases than 100 (10,000 on one line made a 200 MB build record) and more languages than 50 (400 made a 36 MB sitemap)', async () => {
    const aliases = Array.from({ length: 150 }, (_, i) => `/a${i}/`).join(',');
    const languages = Array.from({ length: 60 }, (_, i) => `en-l${i}`).join(', ');
    const dir = await projects({ 'r/a.md': `---\ntitle: T\ndate: 2026-05-14\nlang: en\nstatus: published\naliases: [${aliases}]\n---\nBody.\n`, 'migration-news.config.yaml': `languages: [en, ${languages}]\n` });
    const result = await timed(() => runMain(['build', 'r', '--out', 'out', '--reporter', 'json', '--now', NOW], { cwd: dir }));
    expect(result.ms).toBeLessThan(10_000);
    expect(result.code).toBe(1);
    expect(diagnosticsOf(result.stdout).map((d) => [d.line, d.message])).toEqual([
      [1, '`languages` lists more than the 50 languages a project may have; it is a list of 61.'],
      [6, '`aliases` has more aliases than the 100 a release may have: keep the addresses people still link to; it is a list of 150.'],
    ]);
  });

  it('stops intraword `_` emphasis at the emphasis work limit, in validate and in build', async () => {
    const line = `${'_a__a__a'.repeat(100)}\n`;
    // Half a megabyte: the limit is a count per character of the body, which half of one passes as a whole one does.
    const dir = await projects({ 'rel/a.md': HEAD + line.repeat(Math.floor((MiB / 2 - HEAD.length) / line.length)), 'rel/b.md': release({ slug: 'fine' }) });
    for (const command of ['validate', 'build']) {
      const result = await timed(() => runMain([command, 'rel', '--reporter', 'json', '--keep-going', '--now', NOW].filter((a) => command === 'build' || a !== '--keep-going'), { cwd: dir }));
      // Before: 15.6 s to validate and 31.9 s to build a megabyte, growing with the square of the size; half of one, 9.5 s and
      // 12.7 s on a busy machine, and neither refused.
      expect(result.ms, command).toBeLessThan(10_000);
      expect(diagnosticsOf(result.stdout).map((d) => `${d.file} ${d.ruleId}`)).toEqual(['rel/a.md content/too-complex']);
    }
  });

  it('renders raw HTML blocks of unfinished tags, comments and <img>, and long runs of blanks, in plain text and with `html: safe` in seconds', async () => {
    const dir = await projects({
      'migration-news.config.yaml': 'html: safe\n',
      'rel/a.md': `${HEAD}<div>\n${'< '.repeat(60_000)}\n`,
      'rel/b.md': `${HEAD.replace('Resources', 'Comments')}${'<!-- '.repeat(25_000)}\n`,
      'rel/c.md': `${HEAD.replace('Resources', 'Images')}<div>\n${'<img src=a.png '.repeat(10_000)}\n`,
      // A run of blanks that no line end follows, in a paragraph that has one later: 61 s in plain text for 200,000.
      'rel/d.md': `${HEAD.replace('Resources', 'Blanks')}Start${' '.repeat(100_000)}end\nnext line.\n`,
    });
    const result = await timed(() => runMain(['build', 'rel', '--format', 'html,text', '--keep-going', '--reporter', 'json', '--now', NOW], { cwd: dir }));
    // Before: 36 s for 100,000 unfinished tags, 13 s for these, each tag read to the end of the block.
    expect(result.ms).toBeLessThan(10_000);
    expect(diagnosticsOf(result.stdout).filter((d) => d.severity === 'error').map((d) => `${d.file} ${d.ruleId}`)).toEqual([]);
  });

  it('refuses raw HTML that `html: safe` keeps nested past the limit by tags left open, at the tag that passes it, and builds ordinary HTML', async () => {
    const dir = await projects({
      'migration-news.config.yaml': 'html: safe\n',
      // 160,000 unclosed tags in one block: the image search's parser moved its whole list of open elements at each.
      'rel/a.md': `${HEAD}Intro.\n\n<div>\n${'<b><b><b><b><b><b><b><b><b><b> '.repeat(16_000)}\n`,
      // The same inline, in a paragraph: each tag is a token of its own, and the limit is passed at the 257th.
      'rel/d.md': `${HEAD.replace('Resources', 'Inline')}Intro.\n\n${'<b> '.repeat(1_000)}\n`,
      // Links the image search's parser closes at the next one, the sanitizer's does not, and 40,000 end tags that close nothing,
      // for each of which the sanitizer's parser looked through every link still open.
      'rel/b.md': `${HEAD.replace('Resources', 'Links')}<div>\n${'<a href=x> '.repeat(40_000)}\n${'</i> '.repeat(40_000)}\n</div>\n`,
      'rel/c.md': `${HEAD.replace('Resources', 'Ordinary')}<table>\n${'<tr><td>a<td><a href="https://example.az/">b</a>\n'.repeat(2_000)}</table>\n\n${'<p>A paragraph <abbr title="European Union">EU</abbr><br>\n'.repeat(500)}\n`,
    });
    const result = await timed(() => runMain(['build', 'rel', '--format', 'html', '--keep-going', '--reporter', 'json', '--now', NOW], { cwd: dir }));
    // Before: 8 s, and none of them was refused.
    expect(result.ms).toBeLessThan(5_000);
    const errors = diagnosticsOf(result.stdout).filter((d) => d.severity === 'error');
    expect(errors.map((d) => `${d.file}:${d.line}:${d.column} ${d.ruleId}`)).toEqual(['rel/a.md:9:1 content/too-complex', 'rel/b.md:7:1 content/too-complex', 'rel/d.md:9:1025 content/too-complex']);
    expect(errors[0]!.message).toContain('more than 256 levels deep');
    expect(await readFile(join(dir, 'dist/en/ordinary.html'), 'utf8')).toContain('<abbr title="European Union">EU</abbr>');
  });

  it('reads lines with long runs of blanks inside them, in front matter and in a code block, in seconds, each problem told as before', async () => {
    const blanks = ' '.repeat(200_000);
    const dir = await projects({
      // Each took from 10 s to over a minute: a pattern that trims the blanks at a line's end tried every run inside it.
      'rel/first-line.md': `---x${blanks}y\ntitle: First\n---\nBody.\n`,
      'rel/nested.md': `${HEAD.replace('title: Resources', `summary: a${blanks}b: c`)}Body.\n`,
      'rel/quoted.md': `${HEAD.replace('title: Resources', `summary: "a"${blanks}x`)}Body.\n`,
      'rel/item.md': `${HEAD.replace('title: Resources', `title: Item\ntags:\n  - a${blanks}b`)}Body.\n`,
      'rel/id.md': `${HEAD.replace('title: Resources', `title: Id\nid: "A${'.'.repeat(200_000)}B"`)}Body.\n`,
      'rel/code.md': `${HEAD.replace('Resources', 'Code')}Text.\n\n    a${blanks}b\n`,
      // The look for a dateline typed into the body tried each split of the blanks after a date: 34 s for 160,000.
      'rel/dateline.md': `${HEAD.replace('title: Resources', 'title: Dateline\nlocation: Baku')}Baku, March 2026${blanks}x\n`,
      // The look for the word for "year" after a dotted date (`06.12.2026 г.`) tried each split of the blanks before it: 28 s.
      'rel/dotted.md': HEAD.replace('date: 2026-05-14', `date: "06.12.2026${blanks}x"`) + 'Body.\n',
    });
    const validated = await timed(() => runMain(['validate', 'rel', '--reporter', 'json', '--now', NOW], { cwd: dir }));
    expect(validated.ms).toBeLessThan(10_000);
    const found = diagnosticsOf(validated.stdout).filter((d) => d.severity === 'error').map((d) => `${d.file}:${d.line} ${d.ruleId}`);
    expect(found).toEqual(['rel/dotted.md:3 schema/format', 'rel/first-line.md:1 frontmatter/language', 'rel/id.md:3 schema/format', 'rel/nested.md:2 yaml/syntax', 'rel/quoted.md:2 yaml/syntax']);
    const hint = (file: string) => diagnosticsOf(validated.stdout).find((d) => d.file === file)!.hint!;
    expect(hint('rel/nested.md')).toMatch(/^A value that contains `: ` must be quoted/);
    expect(hint('rel/quoted.md')).toMatch(/^A `"` inside a double-quoted value ends it early/);
    const built = await timed(() => runMain(['build', 'rel/code.md', 'rel/item.md', '--format', 'html,text', '--reporter', 'json', '--now', NOW], { cwd: dir }));
    expect(built.ms).toBeLessThan(10_000);
    expect(built.code).toBe(0);
  });

  it('replaces 200,000 tabs typed in a title with spaces in one pass, with validate --fix', async () => {
    const dir = await projects({ 'rel/tabs.md': HEAD.replace('title: Resources', `title: Tabs${'\t'.repeat(200_000)}end`) + 'Body.\n' });
    // One tab at a time, the line was made again for each: 23 s for 160,000 (1 s for 100,000).
    const fixed = await timed(() => runMain(['validate', 'rel', '--fix', '--reporter', 'json', '--now', NOW], { cwd: dir }));
    expect(fixed.ms).toBeLessThan(10_000);
    expect(await readFile(join(dir, 'rel/tabs.md'), 'utf8')).toContain(`title: Tabs${' '.repeat(200_000)}end\n`);
  });

  it('gives a hint to the YAML problems shown only: 20,000 on one long line are counted past the first 100, not each read with its line', async () => {
    const dir = await projects({ 'rel/brackets.md': `${HEAD.replace('title: Resources', `title: Brackets\ntags: [${'] ['.repeat(20_000)}${'x'.repeat(380_000)}`)}Body.\n` });
    const result = await timed(() => runMain(['validate', 'rel', '--reporter', 'json', '--now', NOW], { cwd: dir }));
    // With a hint for each, which reads the line: 28 s for 40,000 problems on a line of 500,000 characters (22 s in a test thread),
    // and 8 s for these 20,000, twice the bound.
    expect(result.ms).toBeLessThan(4_000);
    const syntax = diagnosticsOf(result.stdout).filter((d) => d.ruleId === 'yaml/syntax');
    expect(syntax).toHaveLength(101);
    expect(syntax.at(-1)!.message).toMatch(/^\d+ more problems of this rule in this file are not shown/);
  });

  it('refuses a body of 40,000 footnote marks at the mark over the limit, and still reads a thousand footnotes', async () => {
    const many = 20_000;
    const dir = await projects({
      'rel/a.md': `${HEAD}x${' [^a]'.repeat(many)}\n\n${'[^a]: n\n'.repeat(many)}`,
      'rel/b.md': `${HEAD.replace('Resources', 'Notes')}${Array.from({ length: 900 }, (_, i) => `Fact ${i}.[^n${i}]`).join(' ')}\n\n${Array.from({ length: 900 }, (_, i) => `[^n${i}]: Source ${i}.\n`).join('')}`,
      // Written as text, escaped as the hint says: no marks.
      'rel/c.md': `${HEAD.replace('Resources', 'Ranges')}Ranges: ${'\\[^x] '.repeat(2_500)}\n`,
    });
    const result = await timed(() => runMain(['validate', 'rel', '--reporter', 'json', '--now', NOW], { cwd: dir }));
    // Before: 8 s for this file, growing with the square of the marks (46 s for 40,000 distinct notes).
    expect(result.ms).toBeLessThan(10_000);
    expect(diagnosticsOf(result.stdout).map((d) => `${d.file}:${d.line} ${d.ruleId}`)).toEqual(['rel/a.md:7 content/too-complex']);
  });

  it('reads 1,900 paragraphs that open with a citation, each under an indented code block, in time proportional to them', async () => {
    const unit = `[^n] says so.\n\n${'    b = 1;\n'.repeat(32)}`;
    const dir = await projects({ 'rel/a.md': `${HEAD}Intro.[^n]\n\n${unit.repeat(1_900)}\n[^n]: The note.\n` });
    const result = await timed(() => runMain(['build', 'rel', '--format', 'html,text', '--out', 'out', '--reporter', 'json', '--now', NOW], { cwd: dir }));
    // Before: 30 s, each paragraph's lines looked for as a note's from its citation to the end of the body.
    expect(result.ms).toBeLessThan(6_000);
    expect(result.code).toBe(0);
    const html = await readFile(join(dir, 'out', 'en', 'resources.html'), 'utf8');
    expect(html.match(/<pre><code>/g)).toHaveLength(1_900);
    expect(html.match(/<p><sup class="footnote-ref"><a id="fn-ref-1-\d+" href="#fn-1">1<\/a><\/sup> says so\.<\/p>/g)).toHaveLength(1_900);
    expect(await readFile(join(dir, 'out', 'en', 'resources.txt'), 'utf8')).toMatch(/\[1\] The note\.\n/);
  });

  it('refuses text nested deep in quotes over and over (each line read again at each level), at the line that passes the limit, and reads ordinary nesting', async () => {
    const unit = `${'>'.repeat(31)} a\n${'b\n'.repeat(3)}\n`;
    const dir = await projects({
      // 31 levels: the limit is reached within the first 100 KB.
      'rel/a.md': HEAD + unit.repeat(Math.floor(200_000 / unit.length)),
      // A long release of quotes and lists two levels deep.
      'rel/b.md': HEAD.replace('Resources', 'Quotes') + '> - A quoted list item with some words in it.\n>\n'.repeat(6_000),
    });
    const result = await timed(() => runMain(['validate', 'rel', '--reporter', 'json', '--now', NOW], { cwd: dir }));
    // Before: 5 s for this file, 27 s for a megabyte of it.
    expect(result.ms).toBeLessThan(10_000);
    const [problem, ...rest] = diagnosticsOf(result.stdout);
    expect(rest).toEqual([]);
    expect(problem).toMatchObject({ file: 'rel/a.md', ruleId: 'content/too-complex' });
    // Each group of five lines counts 31 levels × (34 + 3 × 2) characters, 1,240: the 2,420th group's first line passes 3,000,000.
    expect(problem!.line).toBe(6 + 2_419 * 5 + 1);
  });

  it('refuses a block quote whose quoted lines start again after lazy ones thousands of times (marked reads the rest of the quote again at each), at the line that passes the limit, and reads ordinary quotes', async () => {
    const dir = await projects({
      'rel/a.md': `${HEAD}Intro.\n\n${'> - a\nb\n'.repeat(12_000)}`,
      'rel/b.md': `${HEAD.replace('Resources', 'Quotes')}Intro.\n\n${'> A quoted line\nwrapped without its marker\n> and quoted again.\n- An item ends the quote.\n'.repeat(2_000)}\n${'> A quote\n> of two lines.\n\n'.repeat(2_000)}`,
    });
    const result = await timed(() => runMain(['build', 'rel', '--format', 'html,text', '--keep-going', '--reporter', 'json', '--now', NOW], { cwd: dir }));
    // Before: 7 s, the first quote read again from each of its 12,000 quoted lines that follow a lazy one.
    expect(result.ms).toBeLessThan(4_000);
    const errors = diagnosticsOf(result.stdout).filter((d) => d.severity === 'error');
    expect(errors.map((d) => `${d.file}:${d.line} ${d.ruleId}`)).toEqual(['rel/a.md:1739 content/too-complex']);
    expect(errors[0]!.message).toMatch(/^The body has a block quote whose quoted lines start again after lines without `>` so often that it would take too long to read/);
  });

  it('refuses thousands of lines written as a table\'s header over a line of --- cells of another number, a dash alone or a header indented as code (marked reads the rest of the block again as rows at each), at the first, and reads tables and a mistaken one', async () => {
    const dir = await projects({
      'rel/a.md': `${HEAD}Intro.\n\n${'| a | b |\n|---|\n'.repeat(12_000)}`,
      // Thousands of tables, and one header whose line of cells has one too few over a long block of rows.
      'rel/b.md': `${HEAD.replace('Resources', 'Tables')}Intro.\n\n${'| City | Permits |\n| --- | --- |\n| Baku | 1 |\n\n'.repeat(3_000)}| City | Permits |\n| --- |\n${'| Ganja | 2 |\n'.repeat(20_000)}`,
      // A line of cells needs no pipe when it has a colon.
      'rel/c.md': `${HEAD.replace('Resources', 'Colons')}Intro.\n\n${'a | b\n:-:\n'.repeat(12_000)}`,
      // Each list item is read by itself: a mistaken table in each of 2,000 is no rereading of the list.
      'rel/d.md': `${HEAD.replace('Resources', 'Items')}Intro.\n\n${Array.from({ length: 2_000 }, (_, i) => `${i + 1}. Fee | 2026 | 2027\n   --- | ---\n`).join('')}`,
      // A dash or two alone under a line is a line of cells too, of neither pipe nor colon, which makes no table: 32,000 took 6 s.
      'rel/e.md': `${HEAD.replace('Resources', 'Dashes')}Intro.\n\n${'Section\n-\n'.repeat(16_000)}`,
      // A header indented as code goes on the paragraph and makes no table: 8,000 of spaces took 6 s, 32,000 of a tab 8 s.
      'rel/f.md': `${HEAD.replace('Resources', 'Indented')}${'      x\n      x\n:-:\n| a |\n'.repeat(8_000)}`,
      'rel/g.md': `${HEAD.replace('Resources', 'Tabbed')}${'\t- a\n|---|\n'.repeat(32_000)}`,
    });
    const result = await timed(() => runMain(['validate', 'rel', '--reporter', 'json', '--now', NOW], { cwd: dir }));
    // Before: 12,000 pairs took some 8 s, the block read again from each.
    expect(result.ms).toBeLessThan(4_000);
    const errors = diagnosticsOf(result.stdout).filter((d) => d.severity === 'error');
    expect(errors.map((d) => `${d.file}:${d.line} ${d.ruleId}`)).toEqual(['rel/a.md:9 content/too-complex', 'rel/c.md:9 content/too-complex', 'rel/e.md:9 content/too-complex', 'rel/f.md:8 content/too-complex', 'rel/g.md:7 content/too-complex']);
    expect(errors[0]!.message).toMatch(/^The body has so many lines written as a table's header over a line of `---` cells of another number/);
    expect(diagnosticsOf(result.stdout).filter((d) => d.file === 'rel/b.md').map((d) => `${d.line} ${d.ruleId}`)).toEqual([`${9 + 4 * 3_000 + 1} content/table-cells`]);
  });

  it('counts no indentation as nesting (a block of code indented twenty spaces), and finds the links of a long body in time proportional to it', async () => {
    const dir = await projects({
      'rel/code.md': `${HEAD}\`\`\`\n${`${' '.repeat(20)}const value = compute(input);\n`.repeat(14_000)}\`\`\`\n`,
      // A code span in each link, and links split over two lines of a quote: each was looked for to the end of the body (19 s).
      'rel/links.md': `${HEAD.replace('Resources', 'Links')}${Array.from({ length: 30_000 }, (_, i) => `[\`${i}\`](h${i})`).join('\n')}\n\n${Array.from({ length: 10_000 }, (_, i) => `> [t${i}\n> x](h${i})\n`).join('')}`,
      // Links and code in table cells with an escaped pipe, whose text marked unescapes: each was looked for in vain to the end (26 s).
      'rel/cells.md': `${HEAD.replace('Resources', 'Cells')}| a | b |\n|---|---|\n${Array.from({ length: 20_000 }, (_, i) => `| [a\\|${i}](u) | \`c\\|d\` {{ x }} |\n`).join('')}\n[x](a b)\n`,
    });
    const result = await timed(() => runMain(['validate', 'rel', '--reporter', 'json', '--now', NOW], { cwd: dir }));
    expect(result.ms).toBeLessThan(10_000);
    const told = diagnosticsOf(result.stdout);
    // A hundred listed, and one more that counts the rest.
    expect(told.map((d) => `${d.file} ${d.ruleId}`)).toEqual([
      ...Array.from({ length: 101 }, () => 'rel/cells.md content/template-syntax'),
      'rel/cells.md content/unread-link',
    ]);
    expect(told.filter((d) => /^\d+ more problems/.test(d.message)).map((d) => d.message.split(' ')[0])).toEqual(['19900']);
  });

  it('places 10,000 reference links to no definition on one line in time proportional to the line, the first hundred told at their own columns and the rest counted', async () => {
    // Each was placed by copying and counting the line up to it: 12 s, growing with the square of the line.
    const dir = await projects({ 'rel/a.md': `${HEAD}Text ${'[a][b] '.repeat(10_000)}\n` });
    const result = await timed(() => runMain(['validate', 'rel', '--reporter', 'json', '--now', NOW], { cwd: dir }));
    expect(result.ms).toBeLessThan(4_000);
    const unread = diagnosticsOf(result.stdout).filter((d) => d.ruleId === 'content/unread-link');
    expect(unread.filter((d) => !/^\d+ more problems/.test(d.message)).map((d) => `${d.line}:${d.column}-${d.endColumn}`)).toEqual(Array.from({ length: 100 }, (_, i) => `7:${6 + i * 7}-${12 + i * 7}`));
    expect(unread.filter((d) => /^\d+ more problems/.test(d.message)).map((d) => d.message.split(' ')[0])).toEqual(['9900']);
  });

  it('reads a title of 200,000 brackets that open no link and a list of tags written as one string with a run of blanks in it, in seconds, each problem told as before', async () => {
    const brackets = '['.repeat(200_000);
    const blanks = ' '.repeat(200_000);
    const dir = await projects({
      // Each `[` was read to the `]`, and each blank to the end of the run, to see whether a separator follows: 40 s and 50 s.
      'rel/title.md': `${HEAD.replace('title: Resources', `title: "a ${brackets}] [the rules](https://example.az/r) b"`)}Body.\n`,
      'rel/tags.md': `${HEAD.replace('title: Resources', `title: Tags\ntags: "borders${blanks}police, security"`)}Body.\n`,
    });
    const result = await timed(() => runMain(['validate', 'rel', '--reporter', 'json', '--now', NOW], { cwd: dir }));
    expect(result.ms).toBeLessThan(10_000);
    const found = diagnosticsOf(result.stdout);
    expect(found.map((d) => `${d.file}:${d.line} ${d.ruleId}`)).toEqual(['rel/tags.md:3 schema/type', 'rel/title.md:2 content/inline-markdown', 'rel/title.md:2 content/title-length']);
    expect(found[0]!.hint).toBe(`Write a list: \`tags: [borders${blanks}police, security]\`.`);
    expect(found[1]!.expected).toBe(`a ${brackets}] the rules b`);
  });

  it('builds with `typography: smart` a quoted paragraph of 300,000 characters, and as plain text a table cell with a run of 200,000 spaces, in seconds', async () => {
    const dir = await projects({
      'migration-news.config.yaml': 'typography: smart\n',
      // Each character's quote was decided by reading back the last one written, which copied all the text written so far: over a minute.
      'rel/quoted.md': `${HEAD}"${'Word '.repeat(60_000)}"\n`,
      // The cell's blanks were each tried as the start of a line break: over a minute.
      'rel/cell.md': `${HEAD.replace('Resources', 'Cell')}| a | b |\n|---|---|\n| x${' '.repeat(200_000)}y | z |\n`,
    });
    const result = await timed(() => runMain(['build', 'rel', '--format', 'html,text', '--out', 'out', '--reporter', 'json', '--now', NOW], { cwd: dir }));
    expect(result.ms).toBeLessThan(10_000);
    expect(result.code).toBe(0);
    expect(await readFile(join(dir, 'out', 'en', 'resources.html'), 'utf8')).toContain(`<p>“Word Word`);
    // Too wide for a line, the row is told as `header: value`, its words one space apart.
    expect(await readFile(join(dir, 'out', 'en', 'cell.txt'), 'utf8')).toContain('a: x y\nb: z\n');
  });

});
