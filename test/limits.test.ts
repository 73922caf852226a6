import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NOW, fixture, release, removeFixture, runMain } from './helpers/cli.js';
import { releaseOutputs } from './helpers/site-files.js';
import { STACK_LINE, listTree } from './helpers/hostile.js';
import { jsonReport, type ReportedDiagnostic as Diagnostic } from './helpers/report.js';

/**
 * Resource limits, through the real CLI: each oversized, undecodable or
 * pathological file ends in a diagnostic naming it, the other files of the
 * same run are still checked and built, and nothing crashes or hangs. The
 * test timeouts are generous hang guards, not speed measurements.
 */

const front = (slug: string) => `---\ntitle: Limits ${slug}\ndate: 2026-05-14\nlang: en\nstatus: published\nslug: ${slug}\n---\n`;
const MiB = 1024 * 1024;

function bytes(...parts: (string | number[])[]): Buffer {
  return Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p, 'utf8') : Buffer.from(p))));
}

describe('files that are too large or not UTF-8 text', () => {
  let dir: string;
  let diagnostics: Diagnostic[];
  let code: number | null;
  const head = front('invalid');
  beforeAll(async () => {
    dir = await fixture({ 'r/good.md': release({ title: 'Still built' }) });
    // The file at the limit is filled to its last byte by a comment in its body, read and built in a moment, where as many words took a third of a second.
    const opening = 'A release as large as a release may be.\n\n<!--';
    const files: Record<string, Buffer> = {
      'too-large.md': bytes(front('big'), 'a '.repeat((MiB - front('big').length) / 2), 'x'),
      'too-large-and-binary.md': bytes('\u0000'.repeat(MiB + 10)),
      'at-the-limit.md': bytes(front('at-limit'), opening, ' '.repeat(MiB - front('at-limit').length - opening.length - '-->\n'.length), '-->\n'),
      'invalid-utf8.md': bytes(head, 'Caf', [0xc3, 0x28], '\n'),
      'overlong.md': bytes(head, [0xc0, 0xaf], '\n'),
      'surrogate.md': bytes(head, [0xed, 0xa0, 0x80], '\n'),
      'truncated.md': bytes(head, 'Price: 5 ', [0xe2, 0x82]),
      'latin1.md': bytes(head, 'Bak', [0xfc], '\n'),
      'cp1251.md': bytes(head, [0xcf, 0xf0, 0xe8, 0xe2, 0xe5, 0xf2, 0x20, 0xec, 0xe8, 0xf0], '\n'),
      // Azerbaijani in Windows-1254: "Dövlet Şeherde gencler üçün", accented letters between Latin ones.
      'cp1254.md': bytes(head, 'D', [0xf6], 'vlet ', [0xde], 'eherde gencler ', [0xfc, 0xe7, 0xfc], 'n', '\n'),
      'utf16-bom.md': Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(`${head}Body.\n`, 'utf16le')]),
      'utf16-no-bom.md': Buffer.from(`${head}Body.\n`, 'utf16le'),
      'utf16-be-no-bom.md': Buffer.from(`${head}Body.\n`, 'utf16le').swap16(),
      // What a crash can leave of a file being saved: its length in NUL bytes.
      'zeros.md': Buffer.alloc(64),
      'binary.md': bytes([0x89], 'PNG\r\n', [0x1a], '\n', [0, 0, 0, 0x0d], 'IHDR'),
    };
    expect(files['at-the-limit.md']!.length).toBe(MiB);
    for (const [name, content] of Object.entries(files)) await writeFile(join(dir, 'r', name), content);
    const result = await runMain(['build', 'r', '--keep-going', '--reporter', 'json', '--now', NOW], { cwd: dir });
    code = result.code;
    expect(result.stderr).not.toMatch(STACK_LINE);
    diagnostics = jsonReport(result).diagnostics;
  }, 60_000);
  afterAll(() => removeFixture(dir));

  it('refuses a file over 1 MiB by its size, before reading a byte of it', () => {
    expect(code).toBe(1);
    const byFile = Object.fromEntries(diagnostics.map((d) => [d.file, `${d.ruleId}: ${d.message}`]));
    expect(byFile['r/too-large.md']).toBe('file/too-large: The file is 1048577 bytes, over the limit of 1048576 bytes.');
    // Were it read, it would be refused as binary: the size is checked first.
    expect(byFile['r/too-large-and-binary.md']).toBe('file/too-large: The file is 1048586 bytes, over the limit of 1048576 bytes.');
    expect(byFile['r/at-the-limit.md']).toBeUndefined();
  });

  it('names the file, and the offset, line and column of the first bad byte for invalid UTF-8, UTF-16 and binary files', () => {
    const encoding = diagnostics.filter((d) => d.ruleId === 'file/encoding').map((d) => `${d.file}:${d.line}:${d.column}: ${d.message}`);
    const at = head.length;
    const line = head.split('\n').length;
    expect(encoding).toEqual([
      'r/binary.md:1:1: The file is binary (it contains a NUL byte), not a text release. The first bad byte is at offset 8.',
      `r/cp1251.md:${line}:1: The file is not valid UTF-8. The first bad byte is at offset ${at} (line ${line}, column 1).`,
      `r/cp1254.md:${line}:2: The file is not valid UTF-8. The first bad byte is at offset ${at + 1} (line ${line}, column 2).`,
      `r/invalid-utf8.md:${line}:4: The file is not valid UTF-8. The first bad byte is at offset ${at + 3} (line ${line}, column 4).`,
      `r/latin1.md:${line}:4: The file is not valid UTF-8. The first bad byte is at offset ${at + 3} (line ${line}, column 4).`,
      `r/overlong.md:${line}:1: The file is not valid UTF-8. The first bad byte is at offset ${at} (line ${line}, column 1).`,
      `r/surrogate.md:${line}:1: The file is not valid UTF-8. The first bad byte is at offset ${at} (line ${line}, column 1).`,
      `r/truncated.md:${line}:10: The file is not valid UTF-8. The first bad byte is at offset ${at + 9} (line ${line}, column 10).`,
      'r/utf16-be-no-bom.md:1:1: The file is encoded as UTF-16; the tool reads UTF-8 only. The first bad byte is at offset 0.',
      'r/utf16-bom.md:1:1: The file is encoded as UTF-16; the tool reads UTF-8 only. The first bad byte is at offset 0.',
      'r/utf16-no-bom.md:1:1: The file is encoded as UTF-16; the tool reads UTF-8 only. The first bad byte is at offset 1.',
      // Before, taken for UTF-16: NUL bytes at its start, as UTF-16's ASCII letters have, but no letters between them.
      'r/zeros.md:1:1: The file is binary (it contains a NUL byte), not a text release. The first bad byte is at offset 0.',
    ]);
    // Russian text saved as Windows-1251 is named as such; Latin-1 is not taken for it.
    expect(diagnostics.find((d) => d.file === 'r/cp1251.md')?.hint).toMatch(/^It looks like Cyrillic text in Windows-1251/);
    expect(diagnostics.find((d) => d.file === 'r/latin1.md')?.hint).not.toMatch(/1251/);
    expect(diagnostics.find((d) => d.file === 'r/cp1254.md')?.hint).not.toMatch(/1251/);
  });

  it('still builds the files that are fine', async () => {
    expect(releaseOutputs(await listTree(join(dir, 'dist')))).toEqual([
      'en/at-limit.html', 'en/at-limit.json', 'en/at-limit.txt', 'en/still-built.html', 'en/still-built.json', 'en/still-built.txt',
    ]);
  });
});

describe('where the first bad byte of a file that is not UTF-8 is reported', () => {
  it('counts lines ended by CR or CRLF, as every other diagnostic does, and columns in UTF-16 units after a byte-order mark', async () => {
    const dir = await fixture({});
    try {
      // Saved by an old Mac editor: no LF in the file, so counting LFs put every bad byte on line 1.
      const cr = bytes([0xef, 0xbb, 0xbf], '---\rtitle: Caf\rsummary: \u{1F600}Bak', [0xfc], '\r---\r');
      const crlf = bytes('---\r\ntitle: Caf\r\nsummary: \u{1F600}Bak', [0xfc], '\r\n---\r\n');
      await writeFile(join(dir, 'cr.md'), cr);
      await writeFile(join(dir, 'crlf.md'), crlf);
      const result = await runMain(['validate', '.', '--reporter', 'json', '--now', NOW], { cwd: dir });
      expect(result.stderr).not.toMatch(STACK_LINE);
      expect(jsonReport(result).diagnostics.map((d) => `${d.file}:${d.line}:${d.column}: ${d.message}`)).toEqual([
        `cr.md:3:15: The file is not valid UTF-8. The first bad byte is at offset ${cr.indexOf(0xfc)} (line 3, column 15).`,
        `crlf.md:3:15: The file is not valid UTF-8. The first bad byte is at offset ${crlf.indexOf(0xfc)} (line 3, column 15).`,
      ]);
    } finally {
      await removeFixture(dir);
    }
  });
});

describe('the size limit from the config file', () => {
  it('applies limits.maxFileSize to every release, and the body limit still holds above it', async () => {
    const small = release({ title: 'Small' }, 'Short.\n'.repeat(400));
    const large = release({ title: 'Large' }, 'Longer.\n'.repeat(600));
    const dir = await fixture({ 'migration-news.config.yaml': 'limits:\n  maxFileSize: 4096\n', 'r/small.md': small, 'r/large.md': large });
    const huge = await fixture({ 'migration-news.config.yaml': 'limits:\n  maxFileSize: 4194304\n', 'r/huge.md': release({ title: 'Huge' }, 'Words and more words. '.repeat(50_000)) });
    try {
      expect(Buffer.byteLength(small)).toBeLessThanOrEqual(4096);
      const result = await runMain(['validate', 'r', '--reporter', 'json', '--now', NOW], { cwd: dir });
      expect(result.code).toBe(1);
      const diagnostics = jsonReport(result).diagnostics;
      expect(diagnostics.map((d) => `${d.file} ${d.ruleId} ${d.message}`)).toEqual([`r/large.md file/too-large The file is ${Buffer.byteLength(large)} bytes, over the limit of 4096 bytes.`]);

      const body = await runMain(['validate', 'r', '--reporter', 'json', '--now', NOW], { cwd: huge });
      expect(body.code).toBe(1);
      expect(jsonReport(body).diagnostics.map((d) => `${d.ruleId} ${d.message}`))
        .toEqual(['content/too-complex The body is 1100000 characters long, over the limit of 1048576.']);
    } finally {
      await removeFixture(dir);
      await removeFixture(huge);
    }
  });
});

describe('a limit that is no number', () => {
  it('is told as what YAML or JSON read it as, not as "the number Infinity" where a number is asked for', async () => {
    const yaml = await fixture({ 'migration-news.config.yaml': 'limits:\n  maxFileSize: 1e400\nsite:\n  pageSize: .nan\n  feedSize: -.inf\n', 'r/a.md': release() });
    const json = await fixture({ 'migration-news.config.json': '{ "limits": { "maxFileSize": 1e400 } }\n', 'r/a.md': release() });
    try {
      const read = await runMain(['validate', 'r', '--reporter', 'json', '--now', NOW], { cwd: yaml });
      expect(read.code).toBe(1);
      expect(jsonReport(read).diagnostics.map((d) => `${d.line}:${d.column} ${d.ruleId} ${d.message}`)).toEqual([
        '2:16 schema/type `limits.maxFileSize` must be a number, but it is infinite (`.inf`, or a number too large to hold, such as 1e400).',
        '4:13 schema/type `site.pageSize` must be a number, but it is not a number (`.nan`).',
        '5:13 schema/type `site.feedSize` must be a number, but it is infinite (`-.inf`, or a number too large to hold, such as 1e400).',
      ]);
      const parsed = await runMain(['validate', 'r', '--reporter', 'json', '--now', NOW], { cwd: json });
      expect(jsonReport(parsed).diagnostics.map((d) => d.message)).toEqual(['`limits.maxFileSize` must be a number, but it is infinite (`.inf`, or a number too large to hold, such as 1e400).']);
    } finally {
      await removeFixture(yaml);
      await removeFixture(json);
    }
  });
});

describe('files whose limit limits.maxFileSize does not change', () => {
  it('says so of a config file, a template.yaml and a labels file over their limits, instead of asking to raise it', async () => {
    const dir = await fixture({
      'migration-news.config.yaml': `limits:\n  maxFileSize: 4194304\n# ${'x'.repeat(1_048_576)}\n`,
      'templates/big/template.yaml': `extends: default\n# ${'x'.repeat(70_000)}\n`,
      'templates/words/template.yaml': 'extends: default\n',
      'templates/words/labels/en.yaml': `# ${'x'.repeat(70_000)}\n`,
      'r/a.md': release(),
    });
    try {
      const hints = async (args: string[]) => jsonReport(await runMain(['validate', 'r', ...args, '--reporter', 'json', '--now', NOW], { cwd: dir }))
        .diagnostics.filter((d) => d.ruleId === 'file/too-large').map((d) => `${d.file}: ${d.hint}`);
      expect(await hints([])).toEqual(['migration-news.config.yaml: Shorten the config file: its limit is fixed, whatever its `limits.maxFileSize` says.']);
      await writeFile(join(dir, 'migration-news.config.yaml'), 'limits:\n  maxFileSize: 4194304\n');
      expect(await hints(['--template', 'big'])).toEqual(['templates/big/template.yaml: Shorten template.yaml: it holds only name, description, formats and extends.']);
      expect(await hints(['--template', 'words'])).toEqual(['templates/words/labels/en.yaml: Shorten the labels file: it holds the words templates print, at most 64 KiB of them.']);
    } finally {
      await removeFixture(dir);
    }
  });
});

/** A list item too long to read, told at the line where its count passes the limit. */
const ITEM_LINES = 'The body has a list item of so many lines that it would take too long to read (500,000,000 characters of it read again for the lines below them, by this line).';

describe('pathological Markdown and YAML', () => {
  let dir: string;
  let diagnostics: Diagnostic[];
  const cases: Record<string, { body?: string; file?: string; expect: string | RegExp | 'built' }> = {
    'quotes': { body: `${'>'.repeat(100_000)} deep\n`, expect: 'The body nests quotes or lists 100000 levels deep, over the limit of 32.' },
    'quotes-spaced': { body: `${'> '.repeat(50_000)}deep\n`, expect: 'The body nests quotes or lists 50000 levels deep, over the limit of 32.' },
    'lists': { body: Array.from({ length: 200 }, (_, i) => `${'  '.repeat(i)}- item`).join('\n'), expect: 'The body nests quotes or lists 33 levels deep, over the limit of 32.' },
    'ordered-lists': { body: `${'1. '.repeat(5_000)}deep\n`, expect: 'The body nests quotes or lists 5000 levels deep, over the limit of 32.' },
    'brackets': { body: `${'['.repeat(50_000)}x\n`, expect: 'The body opens 129 brackets without closing them, over the limit of 128.' },
    'brackets-spaced': { body: `${'[a '.repeat(20_000)}b${'](c) '.repeat(20_000)}\n`, expect: 'The body opens 129 brackets without closing them, over the limit of 128.' },
    // An escaped bracket is text, as the hint asks and as import writes one; after an escaped backslash (`\\[`), one opens again.
    // A thousand: eight times the 128 a body may leave open, past which they were refused when each counted as opening one.
    'brackets-escaped': { body: `${'\\[a '.repeat(1_000)}b\n`, expect: 'built' },
    'brackets-after-backslashes': { body: `${'\\\\[ '.repeat(200)}x\n`, expect: 'The body opens 129 brackets without closing them, over the limit of 128.' },
    'star-runs': { body: `${'*'.repeat(1_000)}x${'*'.repeat(1_000)}\n`, expect: 'The body nests quotes, lists, emphasis or links more than 32 levels deep.' },
    'nested-emphasis': { body: `${'*a _b '.repeat(3_000)}c${' b_ a*'.repeat(3_000)}\n`, expect: 'The body nests quotes, lists, emphasis or links more than 32 levels deep.' },
    'unmatched-emphasis': { body: '*_a '.repeat(100_000), expect: 'The body has too many unmatched emphasis markers (`*`, `_` or `~`) to be read in reasonable time.' },
    'spaceless': { body: `${'_a'.repeat(100_000)}\n`, expect: 'The body has a run of more than 2048 Latin letters, digits and punctuation marks without a space, too long to read in reasonable time.' },
    'autolink-backtracking': { body: `www.a${')'.repeat(200_000)}\n`, expect: 'The body has a run of more than 2048 Latin letters, digits and punctuation marks without a space, too long to read in reasonable time.' },
    // Latin letters and marks between other scripts' characters count as they do alone.
    'spaceless-between-chinese': { body: `${'中a_'.repeat(2_000)}\n`, expect: 'The body has a run of more than 2048 Latin letters, digits and punctuation marks without a space, too long to read in reasonable time.' },
    // Chinese, Japanese and Thai are written without spaces: a paragraph of thousands of characters is one run, read in one pass.
    // Some 3,000 to 3,500 characters each, half as many again as the 2,048 past which a run was refused when every character counted.
    'chinese-paragraph': { body: `${'国家移民局今天公布了新的工作许可配额，申请人可以通过网上门户提交材料。'.repeat(100)}\n`, expect: 'built' },
    'chinese-with-marks': { body: `${'移民局发布了新规定'.repeat(20)}**重要**，见[指南](https://example.az/zh)。`.repeat(15), expect: 'built' },
    'thai-paragraph': { body: `${'สำนักงานตรวจคนเข้าเมืองประกาศโควตาใบอนุญาตทำงานใหม่'.repeat(60)}\n`, expect: 'built' },
    'code-in-deep-quotes': { body: `${'> '.repeat(30)}\`\`\`\n${'> '.repeat(30)}${'code '.repeat(40)}\n${'> '.repeat(30)}\`\`\`\n`, expect: 'built' },
    // marked copies a list item's text read so far for each lazy line of it, and its paragraph's for each line of one: 48,000 lines took 11 s.
    'list-item-lazy-lines': { body: `- item\n${'x\n'.repeat(48_000)}`, expect: ITEM_LINES },
    'list-item-in-quote': { body: `> - item\n${'> x\n'.repeat(24_000)}`, expect: ITEM_LINES },
    // Items opened by a marker alone, nested by tabs, whose paragraph goes on in indented lines.
    'list-item-indented-lines': { body: `${Array.from({ length: 30 }, (_, k) => `${'\t'.repeat(k)}-`).join('\n')}\n${`${'\t'.repeat(30)}words go on\n`.repeat(8_000)}`, expect: ITEM_LINES },
    // Lines indented less than an item's content (`1. ` takes three columns) are lazy: each copies the whole item, its paragraphs above too.
    'list-item-lazy-under-paragraphs': { body: `1. item\n\n${'   a paragraph of the item\n\n'.repeat(15_000)}   last\n${'  y\n'.repeat(10_000)}`, expect: ITEM_LINES },
    // Code indented in an item is read in one piece, however long.
    'list-item-code': { body: `- Example:\n\n${'      code line\n'.repeat(12_000)}`, expect: 'built' },
    // Paragraphs of a few lines in each item, and a long text after a heading that ends the list, are read in a moment.
    'list-items-of-paragraphs': { body: `${`- Item:\n${'  a line of the item\n'.repeat(40)}\n  More.\n${'  another line\n'.repeat(40)}\n`.repeat(300)}# After\n${'a line of text\n'.repeat(20_000)}`, expect: 'built' },
    'huge-table': { body: `| ${'h | '.repeat(500)}\n|${'---|'.repeat(500)}\n${`| ${'cell | '.repeat(500)}\n`.repeat(200)}`, expect: 'built' },
    'many-backticks': { body: Array.from({ length: 20_000 }, (_, i) => `${'`'.repeat(1 + (i % 9))}code${'`'.repeat(1 + ((i + 1) % 9))}`).join(' '), expect: 'built' },
    'long-paragraph': { body: 'A long paragraph with *some* emphasis and snake_case words. '.repeat(8_000), expect: 'built' },
    'many-links': { body: '[link](https://example.az/page) and [ref][r] '.repeat(5_000) + '\n\n[r]: https://example.az/ref\n', expect: 'built' },
    // 5,000 levels: YAML's composer, which reads a level in each call, ran out of the stack from some 900 of them on its own and
    // 1,250 in a test's process; the parser's tokens the depth is found from take time with the input's length (100,000: a second).
    'deep-yaml-flow': { file: `---\ntitle: ${'['.repeat(5_000)}${']'.repeat(5_000)}\ndate: 2026-05-14\nlang: en\n---\nBody.\n`, expect: 'The YAML nests lists or mappings too deeply to be read.' },
    'deep-yaml-map': { file: `---\ntitle: x\ndate: 2026-05-14\nlang: en\nnested: ${'{a: '.repeat(5_000)}1${'}'.repeat(5_000)}\n---\nBody.\n`, expect: 'The YAML nests lists or mappings too deeply to be read.' },
    'deep-yaml-block': { file: `---\ntitle: x\ndate: 2026-05-14\nlang: en\nnested:\n  ${'- '.repeat(5_000)}x\n---\nBody.\n`, expect: 'The YAML nests lists or mappings too deeply to be read.' },
  };

  beforeAll(async () => {
    const files: Record<string, string> = { 'r/good.md': release({ title: 'Still built' }) };
    for (const [name, c] of Object.entries(cases)) files[`r/${name}.md`] = c.file ?? `${front(name)}${c.body}`;
    dir = await fixture(files);
    const result = await runMain(['build', 'r', '--keep-going', '--reporter', 'json', '--now', NOW], { cwd: dir });
    expect(result.code).toBe(1);
    expect(result.stderr).not.toMatch(STACK_LINE);
    diagnostics = jsonReport(result).diagnostics.filter((d) => d.severity === 'error');
  }, 120_000);
  afterAll(() => removeFixture(dir));

  for (const [name, c] of Object.entries(cases)) {
    it(`${name}: ${c.expect === 'built' ? 'is built' : 'ends in a diagnostic for this file only'}`, async () => {
      const own = diagnostics.filter((d) => d.file === `r/${name}.md`);
      if (c.expect === 'built') {
        expect(own).toEqual([]);
        expect(await listTree(join(dir, 'dist/en'))).toContain(`${name}.html`);
      } else {
        expect(own.map((d) => d.message)).toEqual([c.expect]);
        expect(own[0]!.ruleId).toBe(c.file ? 'yaml/syntax' : 'content/too-complex');
      }
    });
  }

  it('builds the valid file next to them', async () => {
    expect(await listTree(join(dir, 'dist/en'))).toContain('still-built.html');
  });
});
