import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NOW, fixture, release, removeFixture, runMain, type CliResult } from './helpers/cli.js';
import { textAt, type JsonReport, type ReportedDiagnostic } from './helpers/rule-fixtures.js';

const json = (result: CliResult) => JSON.parse(result.stdout) as JsonReport;
const lines = (text: string) => text.replace(/^\uFEFF/, '').split(/\r\n|\r|\n/);
/** The text a diagnostic's range covers in `text`, as an editor would highlight it. */
const spanOf = (text: string, d: ReportedDiagnostic) => textAt(lines(text), d.line, d.column, d.endLine, d.endColumn);

describe('exit codes, --strict, --max-warnings and --quiet', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await fixture({
      'clean/a.md': release(),
      'warnings/a.md': release({ auther: 'Press Office' }, 'Opening hours: <b>09:00</b>.\n'),
      'error/a.md': release({ date: '14.05.2026', auther: 'Press Office' }),
      // 150 warnings of one rule: 100 are listed, and one more line says 50 more are not.
      'many/a.md': release(Object.fromEntries(Array.from({ length: 150 }, (_, i) => [`k${i}`, '1']))),
    });
  });
  afterAll(() => removeFixture(dir));

  /** One case of the exit-code contract, run through `main()`; test/subprocess.test.ts proves the binary agrees. */
  interface Case { name: string; args: string[]; code: number; stdout?: RegExp; notStdout?: RegExp; stderr?: RegExp }
  const cases: Case[] = [
    { name: 'clean', args: ['clean'], code: 0, stdout: /^No problems in 1 file\.\n$/ },
    { name: 'warnings pass by default', args: ['warnings'], code: 0, stdout: /2 problems \(0 errors, 2 warnings, 0 info\)/ },
    { name: '--strict fails on a warning', args: ['warnings', '--strict'], code: 1, stderr: /^migration-news: 2 warnings, and --strict fails on any warning\.\n$/ },
    { name: '--strict passes a clean run', args: ['clean', '--strict'], code: 0 },
    { name: '--max-warnings at the count passes', args: ['warnings', '--max-warnings', '2'], code: 0 },
    { name: '--max-warnings below the count fails', args: ['warnings', '--max-warnings', '1'], code: 1, stderr: /more than --max-warnings 1 allows/ },
    { name: '--max-warnings 0', args: ['warnings', '--max-warnings', '0'], code: 1, stderr: /^migration-news: 2 warnings, more than --max-warnings 0 allows\.\n$/ },
    { name: '--max-warnings counts the warnings of a rule past the 100 listed', args: ['many', '--max-warnings', '120'], code: 1, stdout: /50 more problems of this rule/, stderr: /^migration-news: 150 warnings, more than --max-warnings 120 allows\.\n$/ },
    { name: '--max-warnings at the count of all of them passes', args: ['many', '--max-warnings', '150'], code: 0 },
    { name: 'the summary counts the warnings past the 100 listed, as --max-warnings does', args: ['many'], code: 0, stdout: /\n⚠ 150 problems \(0 errors, 150 warnings, 0 info\) in 1 file; 1 file checked\.\n$/ },
    { name: '--quiet says it hid every warning, listed or not', args: ['many', '-q', '--max-warnings', '120'], code: 1, stdout: /^0 errors in 1 file \(150 warnings hidden by --quiet\)\.\n$/, stderr: /^migration-news: 150 warnings, more than/ },
    { name: 'an error fails', args: ['error'], code: 1, stdout: /schema\/format/ },
    { name: 'an error fails whatever --max-warnings says', args: ['error', '--max-warnings', '99'], code: 1 },
    { name: '--quiet hides warnings', args: ['error', '--quiet'], code: 1, stdout: /schema\/format/, notStdout: /schema\/unknown-key|auther/ },
    { name: '--quiet with only warnings shows none, says so, and passes', args: ['warnings', '-q'], code: 0, stdout: /^0 errors in 1 file \(2 warnings hidden by --quiet\)\.\n$/ },
    { name: '--quiet says how many warnings it hid beside the errors', args: ['error', '-q'], code: 1, stdout: /1 problem \(1 error, 0 warnings, 0 info\) in 1 file; 1 file checked \(1 warning hidden by --quiet\)\.\n$/ },
    { name: '--quiet still counts warnings for --strict', args: ['warnings', '--quiet', '--strict'], code: 1, stdout: /^0 errors in 1 file \(2 warnings hidden/, stderr: /2 warnings, and --strict/ },
    { name: 'a bad --max-warnings is a usage error', args: ['clean', '--max-warnings', 'many'], code: 2, stderr: /--max-warnings/ },
    { name: 'an unknown reporter is a usage error', args: ['clean', '--reporter', 'xml'], code: 2, stderr: /stylish, json, github, sarif/ },
    { name: 'a path that does not exist is a usage error', args: ['nowhere'], code: 2, stderr: /No such file, folder or match: nowhere\./ },
  ];

  it.each(cases)('$name: exit $code', async ({ args, code, stdout, notStdout, stderr }) => {
    const result = await runMain(['validate', ...args, '--now', NOW], { cwd: dir });
    expect(result.code).toBe(code);
    if (stdout) expect(result.stdout).toMatch(stdout);
    if (notStdout) expect(result.stdout).not.toMatch(notStdout);
    if (stderr) expect(result.stderr).toMatch(stderr);
    else if (code !== 2) expect(result.stderr).toBe('');
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });

  it('count every problem in the JSON summary, as the exit code does, and say which diagnostic stands for the unlisted ones', async () => {
    const result = await runMain(['validate', 'many', '--reporter', 'json', '--max-warnings', '120', '--now', NOW], { cwd: dir });
    expect(result.code).toBe(1);
    const report = json(result);
    expect(report.summary).toMatchObject({ errors: 0, warnings: 150, infos: 0 });
    expect(report.diagnostics).toHaveLength(101);
    expect(report.diagnostics.map((d) => d.unlisted).filter((n) => n !== null)).toEqual([50]);
    expect(report.diagnostics.reduce((sum, d) => sum + (d.unlisted ?? 1), 0)).toBe(report.summary.warnings);
    expect(result.stderr).toBe('migration-news: 150 warnings, more than --max-warnings 120 allows.\n');
  });

  it('count the warnings --quiet hides in the JSON summary, as the stylish summary and --strict do', async () => {
    const result = await runMain(['validate', 'warnings', '--quiet', '--strict', '--reporter', 'json', '--now', NOW], { cwd: dir });
    expect(result.code).toBe(1);
    expect(json(result).diagnostics).toEqual([]);
    expect(json(result).summary).toMatchObject({ errors: 0, warnings: 2, infos: 0 });
    expect(result.stderr).toBe('migration-news: 2 warnings, and --strict fails on any warning.\n');
    const many = json(await runMain(['validate', 'many', '-q', '--reporter', 'json', '--now', NOW], { cwd: dir }));
    expect(many.summary.warnings).toBe(150);
  });

  it('apply to build as to validate, with any reporter', async () => {
    const out = await fixture({});
    const strict = await runMain(['build', 'warnings', '--out', `${out}/dist`, '--strict', '--reporter', 'github', '--now', NOW], { cwd: dir });
    expect(strict.code).toBe(1);
    expect(strict.stdout).toMatch(/^::warning file=warnings\/a\.md,line=6,col=1,/m);
    expect(strict.stderr).toMatch(/--strict fails on any warning/);
    const quiet = await runMain(['build', 'error', '--out', `${out}/dist`, '--quiet', '--reporter', 'json', '--now', NOW], { cwd: dir });
    expect(quiet.code).toBe(1);
    expect(json(quiet).diagnostics.map((d) => d.ruleId)).toEqual(['schema/format']);
    expect(quiet.stderr).toMatch(/^Would have built 0 releases/);
    await removeFixture(out);
  });
});

describe('validate - (standard input)', () => {
  it('reads one release, names it <stdin>, and reports like a file', async () => {
    const text = release({ date: '2026-13-45' });
    const result = await runMain(['validate', '-', '--reporter', 'json', '--now', NOW], { input: text });
    expect(result.code).toBe(1);
    const [d] = json(result).diagnostics;
    expect(d).toMatchObject({ file: '<stdin>', ruleId: 'schema/format', line: 3 });
    expect(spanOf(text, d!)).toBe('2026-13-45');
    expect(json(result).summary.files).toBe(1);
  });

  it('names it with --stdin-filename and finds the config file from that name', async () => {
    const dir = await fixture({
      'project/migration-news.config.yaml': 'languages: [az]\nrules:\n  content/raw-html: error\n',
      'project/releases/.keep': '',
    });
    const text = release({}, 'Opening hours: <b>09:00</b>.\n');
    const named = await runMain(['validate', '-', '--stdin-filename', 'project/releases/new.md', '--now', NOW], { cwd: dir, input: text });
    expect(named.code).toBe(1);
    expect(named.stdout).toMatch(/^project\/releases\/new\.md\n/);
    expect(named.stdout).toMatch(/`lang` is "en", but this project's languages are az\./);
    expect(named.stdout).toMatch(/error {4}The body contains raw HTML/);
    const unnamed = await runMain(['validate', '-', '--now', NOW], { cwd: dir, input: text });
    expect(unnamed.code).toBe(0);
    expect(unnamed.stdout).toMatch(/^<stdin>\n {2}7:16 +warning {2}The body contains raw HTML/);
    await removeFixture(dir);
  });

  it('refuses --stdin-filename where it would be passed over: without "-", or naming no file', async () => {
    // Without "-" the working folder would be checked instead of the buffer, and a script would read that report as the buffer's.
    const dir = await fixture({ 'releases/other.md': release({ date: '2026-13-45' }) });
    try {
      const text = release();
      const forgotten = await runMain(['validate', '--stdin-filename', 'releases/new.md', '--reporter', 'json', '--now', NOW], { cwd: dir, input: text });
      expect(forgotten.code).toBe(2);
      expect(forgotten.stdout).toBe('');
      expect(forgotten.stderr).toMatch(/^migration-news: --stdin-filename names standard input, which is read only when the path is "-"\.\nhint: .*validate - --stdin-filename/);
      const withPaths = await runMain(['validate', 'releases', '--stdin-filename', 'releases/new.md', '--now', NOW], { cwd: dir, input: text });
      expect(withPaths.code).toBe(2);
      expect(withPaths.stdout).toBe('');
      // `--stdin-filename "$FILE"` with the variable unset: not <stdin> with the config of the working folder, without a word.
      const empty = await runMain(['validate', '-', '--stdin-filename', '', '--now', NOW], { cwd: dir, input: text });
      expect(empty.code).toBe(2);
      expect(empty.stdout).toBe('');
      expect(empty.stderr).toMatch(/--stdin-filename/);
      const named = await runMain(['validate', '-', '--stdin-filename', 'releases/new.md', '--now', NOW], { cwd: dir, input: text });
      expect(named.code, named.stderr).toBe(0);
    } finally {
      await removeFixture(dir);
    }
  });

  it('keeps positions exact for CRLF line endings and a byte-order mark', async () => {
    const text = `\uFEFF${release({ date: '2026-02-30' }, 'Text with [a link](ftp://files.example.az).\n')}`.replace(/\n/g, '\r\n');
    const result = await runMain(['validate', '-', '--reporter', 'json', '--now', NOW], { input: text });
    const spans = json(result).diagnostics.map((d) => `${d.ruleId} ${spanOf(text, d)}`);
    expect(spans).toEqual(['schema/format 2026-02-30', 'content/link-scheme [a link](ftp://files.example.az)']);
  });

  it('reports bytes that are not UTF-8 as a diagnostic, not a crash', async () => {
    const result = await runMain(['validate', '-', '--reporter', 'json'], { input: Buffer.from([0x2d, 0x2d, 0x2d, 0x0a, 0xff, 0xfe, 0x0a]) });
    expect(result.code).toBe(1);
    expect(json(result).diagnostics.map((d) => `${d.file} ${d.ruleId} ${d.line}:${d.column}`)).toEqual(['<stdin> file/encoding 2:1']);
    expect(result.stderr).toBe('');
  });

  it('cannot be combined with paths, and reads nothing from a terminal-less empty input without a front matter', async () => {
    const mixed = await runMain(['validate', '-', 'releases']);
    expect(mixed.code).toBe(2);
    expect(mixed.stderr).toMatch(/"-" \(standard input\) cannot be combined with other paths\./);
    const empty = await runMain(['validate', '-', '--reporter', 'json'], { input: '' });
    expect(empty.code).toBe(1);
    expect(json(empty).diagnostics.map((d) => d.ruleId)).toEqual(['frontmatter/missing']);
  });
});

describe('positions', () => {
  /** Runs one release through `validate -` and returns each diagnostic as `rule-id <the text it points at>`. */
  async function pointsAt(text: string): Promise<string[]> {
    const result = await runMain(['validate', '-', '--reporter', 'json', '--now', NOW], { input: text });
    expect(result.stderr).toBe('');
    return json(result).diagnostics.map((d) => `${d.ruleId} ${spanOf(text, d)}`);
  }

  it('point at nested values in block and flow style', async () => {
    const text = [
      '---', 'title: Contacts', 'date: 2026-05-14', 'lang: en',
      'contacts:', '  - name: Press Office', '    phone: "+994 12 555 01 00"', '  - name: Duty officer', '    phone: +994125550100',
      '    email: duty(at)migration.example.az',
      'tags: [permits, 2026, Ganja]',
      'image: {src: "javascript:void(0)", alt: A photo}',
      '---', 'Body.', '',
    ].join('\n');
    expect(await pointsAt(text)).toEqual([
      'yaml/unquoted-value +994125550100',
      'schema/format duty(at)migration.example.az',
      'yaml/unquoted-value 2026',
      'schema/url-scheme "javascript:void(0)"',
    ]);
  });

  it('point a missing field at the mapping that should hold it', async () => {
    const text = ['---', 'title: Contacts', 'date: 2026-05-14', 'lang: en', 'contacts:', '  - role: Press Office', '    email: press@migration.example.az', '---', 'Body.', ''].join('\n');
    const result = await runMain(['validate', '-', '--reporter', 'json'], { input: text });
    const [d] = json(result).diagnostics;
    expect(d?.message).toBe('`contacts[0]` is missing the required field `name`.');
    expect(d?.hint).toBe('Add `name: …` under `contacts[0]`.');
    expect(spanOf(text, d!)).toBe('role: Press Office\n    email: press@migration.example.az');
    const top = ['---', 'title: No language', 'date: 2026-05-14', '---', 'Body.', ''].join('\n');
    const missing = json(await runMain(['validate', '-', '--reporter', 'json'], { input: top })).diagnostics;
    expect(missing.map((m) => `${m.ruleId} ${m.message} ${m.expected}`)).toEqual(['schema/required The required field `lang` is missing. text']);
    expect(spanOf(top, missing[0]!)).toBe('title: No language\ndate: 2026-05-14');
  });

  it('point at values over several lines, and at the start of the value on the first line', async () => {
    const longTitle = 'Service opens a residence permit centre in Ganja and starts an online queue for foreign nationals and stateless persons';
    const text = [
      '---', 'title: >-', `  ${longTitle.slice(0, 59)}`, `  ${longTitle.slice(60)}`, 'date: 2026-05-14', 'lang: en',
      'summary: "An unclosed', '---', 'Body.', '',
    ].join('\n');
    // A YAML error stops the front matter from being read; only it is reported there, at the parser's position.
    const [syntax] = await pointsAt(text);
    expect(syntax).toMatch(/^yaml\/syntax /);
    const fixed = text.replace('summary: "An unclosed', 'summary: A short summary.');
    expect(longTitle[59]).toBe(' ');
    expect(await pointsAt(fixed)).toEqual([`content/title-length >-\n  ${longTitle.slice(0, 59)}\n  ${longTitle.slice(60)}`]);
  });

  it('point into the body at real file lines, after code that looks like a link and in lists and quotes', async () => {
    const body = [
      'Write links as `[text](ftp://example)` in Markdown, like [this one](ftp://files.example.az).',
      '',
      '- A list:',
      '  - with ![](nested.jpg) images',
      '',
      '> Quoted [link](javascript:alert(1))',
      '',
      '```',
      '[not a link](ftp://inside.code)',
      '```',
      '',
      '😀 [after an emoji](vbscript:x)',
      '',
    ].join('\n');
    const text = release({}, body);
    expect(await pointsAt(text)).toEqual([
      'content/link-scheme [this one](ftp://files.example.az)',
      'content/image-alt ![](nested.jpg)',
      'content/link-scheme [link](javascript:alert(1))',
      'content/link-scheme [after an emoji](vbscript:x)',
    ]);
  });

  it('point at a key YAML reads as empty (null, ~), at the top and nested, and say what it is', async () => {
    const text = release({ summary: 'A summary.' }).replace('summary:', 'null: z\nimage:\n  src: https://media.example.az/a.jpg\n  alt: A hall\n  ~: q\nsummary:');
    expect(await pointsAt(text)).toEqual(['schema/unknown-key null', 'schema/unknown-key ~']);
    const result = await runMain(['validate', '-', '--reporter', 'json', '--now', NOW], { input: text });
    expect(json(result).diagnostics.map((d) => d.message)).toEqual([
      'A key YAML reads as empty (written `null`, `~` or as nothing before the colon) is not a field of the release format; it is ignored.',
      'A key YAML reads as empty (written `null`, `~` or as nothing before the colon) in `image` is not a field of the release format; it is ignored.',
    ]);
  });

  it('count columns in UTF-16 code units after an emoji, for every body rule that points inside a line', async () => {
    const body = ['😀 [guide][nope] and a note[^9].', '', '😀 text &#x202E; more', '', '| a | b |', '|---|---|', '| 😀😀 | x | extra |', ''].join('\n');
    expect(await pointsAt(release({}, body))).toEqual([
      'content/unread-link [guide][nope]',
      'content/footnote [^9]',
      'content/control-character &#x202E;',
      'content/table-cells | 😀😀 | x | extra |',
    ]);
  });

  it('point at a find past the first line of a wrapped paragraph on its own line, in a quote and a list item too', async () => {
    const body = [
      'The centre opens today,', 'as the [guide][nope] says and a note[^9] adds.', '',
      '> A quoted line,', '> 😀 then &#x202E; here.', '',
      '- An item', '  with a note[^8] on its second line.', '',
    ].join('\n');
    expect(await pointsAt(release({}, body))).toEqual([
      'content/unread-link [guide][nope]',
      'content/footnote [^9]',
      'content/control-character &#x202E;',
      'content/footnote [^8]',
    ]);
  });

  it('report the body even when the front matter has errors, so one run shows everything', async () => {
    const text = release({ date: 'tomorrow', status: 'live' }, 'See ![](photo.jpg).\n');
    expect(await pointsAt(text)).toEqual(['schema/format tomorrow', 'schema/enum live', 'content/image-alt ![](photo.jpg)']);
  });

  it('report a repeated key at the second one, with the first as the related place', async () => {
    const text = release({ location: 'Ganja', summary: 'A centre opens.' }).replace('summary:', 'location: Baku\nsummary:');
    const result = await runMain(['validate', '-', '--reporter', 'json'], { input: text });
    const [d] = json(result).diagnostics;
    expect(d?.message).toBe('The key `location` appears twice in the same mapping.');
    expect(textAt(lines(text), d!.line, d!.column, d!.endLine, d!.endColumn)).toBe('location');
    expect(d!.related!.line).toBeLessThan(d!.line);
    expect(textAt(lines(text), d!.related!.line, d!.related!.column, d!.related!.endLine, d!.related!.endColumn)).toBe('location');
  });

  it('report a value that YAML changed with its source spelling and a fix', async () => {
    const text = release({ id: '0123', summary: '~' });
    const result = await runMain(['validate', '-', '--reporter', 'json'], { input: text });
    expect(json(result).diagnostics.map((d) => [d.message, d.hint, d.actual])).toEqual([
      ['`id` is read as the number 123 because it is not quoted, but it must be text.', 'Put the value in quotes, exactly as it should appear: id: "0123".', '0123'],
      ['`summary` is read as empty (null) because it is not quoted, but it must be text.', 'Put the value in quotes, exactly as it should appear: summary: "~".', '~'],
    ]);
    // A value that quoting would leave refused all the same (no time zone or language is a number) is not offered quoted as the fix.
    const config = await fixture({ 'migration-news.config.yaml': 'timezone: 5\nlanguages: [en, 12]\n', 'r/a.md': release() });
    expect(json(await runMain(['validate', 'r', '--reporter', 'json'], { cwd: config })).diagnostics.map((d) => [d.ruleId, d.hint])).toEqual([
      ['yaml/unquoted-value', 'Quoted, "5" would still be refused: `timezone` must be an IANA time zone such as Asia/Baku.'],
      ['yaml/unquoted-value', 'Quoted, "12" would still be refused: `languages[1]` must be a BCP 47 language tag such as en, az, ru, tr or en-GB.'],
    ]);
    const empty = json(await runMain(['validate', '-', '--reporter', 'json'], { input: release({ subtitle: '' }) })).diagnostics;
    expect(empty.map((d) => `${d.ruleId} ${d.message}`)).toEqual(['schema/type `subtitle` has no value, but it must be text.']);
  });

  it('point a field with no value just after its colon, also when spaces or a tab follow it', async () => {
    for (const [text, column] of [[release({ subtitle: '' }), 10], [release({ subtitle: '   ' }), 10], [release({ subtitle: ' \t' }).replace(/\n/g, '\r\n'), 10]] as const) {
      const [d] = json(await runMain(['validate', '-', '--reporter', 'json'], { input: text })).diagnostics;
      expect(d).toMatchObject({ ruleId: 'schema/type', line: 6, column, endLine: null, endColumn: null });
    }
  });

  it('report one problem per field, with a suggestion for a near miss', async () => {
    const result = await runMain(['validate', '-', '--reporter', 'json'], { input: release({ date: 'nope', lang: 'EN', status: 'Published' }) });
    expect(json(result).diagnostics.map((d) => [d.ruleId, d.hint])).toEqual([
      ['schema/format', null],
      ['schema/enum', 'Did you mean `en`?'],
      ['schema/enum', 'Did you mean `published`?'],
    ]);
  });
});

describe('odd keys and instants', () => {
  it('reports an alias used as a key like any other unknown field, never as an internal error', async () => {
    const result = await runMain(['validate', '-', '--reporter', 'json', '--now', NOW], { input: '---\ntitle: &k x\n*k : y\ndate: 2026-03-01\nlang: en\n---\nBody.\n' });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(json(result).diagnostics.map((d) => d.ruleId)).toEqual(['schema/unknown-key']);
  });

  it('reports an alias to no anchor at the alias, as a syntax error', async () => {
    const text = '---\ntitle: *t\ndate: 2026-03-01\nlang: en\n---\nBody.\n';
    const result = await runMain(['validate', '-', '--reporter', 'json', '--now', NOW], { input: text });
    expect(result.code).toBe(1);
    const [d, ...rest] = json(result).diagnostics;
    expect(rest).toEqual([]);
    expect(d).toMatchObject({ ruleId: 'yaml/syntax', line: 2, column: 8 });
    expect(d!.message).toMatch(/The alias "\*t" names no anchor/);
  });

  it('holds back an embargo a fraction of a millisecond after --now, leaving no trace', async () => {
    const dir = await fixture({ 'r/a.md': release({ title: 'Embargo secret', embargo: '2026-11-28T12:00:00.0009+04:00' }), 'r/b.md': release({ title: 'Public one', slug: 'public-one' }) });
    try {
      const result = await runMain(['build', 'r', '--out', 'out', '--now', '2026-11-28T12:00:00+04:00'], { cwd: dir });
      expect(result.code, result.stdout + result.stderr).toBe(0);
      expect(result.stdout).toMatch(/skipped 1 \(0 not approved, 1 embargoed\)/);
      const { readdir, readFile } = await import('node:fs/promises');
      for (const file of await readdir(`${dir}/out`, { recursive: true, withFileTypes: true })) {
        if (file.isFile()) expect(await readFile(`${file.parentPath}/${file.name}`, 'utf8')).not.toMatch(/Embargo secret|embargo-secret/);
      }
    } finally {
      await removeFixture(dir);
    }
  });
});

describe('an id taken from the file name', () => {
  it('is named as such when two files of the same name in two folders clash, with an id to add', async () => {
    const dir = await fixture({ 'r/2025/en/statement.md': release({ title: 'First statement' }), 'r/2026/en/statement.md': release({ title: 'Second statement', date: '2026-06-01' }) });
    try {
      const result = await runMain(['validate', 'r', '--reporter', 'json', '--now', NOW], { cwd: dir });
      const duplicate = json(result).diagnostics.find((d) => d.ruleId === 'id/duplicate');
      expect(duplicate?.message).toBe('The id "statement" in language en, which this file\'s name gives (it has no `id` field), is already used by r/2025/en/statement.md.');
      expect(duplicate?.hint).toBe('Files of the same name in different folders need an `id` of their own: add one to this release, such as `id: statement-2026`.');
    } finally {
      await removeFixture(dir);
    }
  });
});

describe('a slug the site\'s own files take', () => {
  it('names the file each would overwrite: the listing for index, the JSON feed for feed', async () => {
    const dir = await fixture({ 'r/index.md': release({ slug: 'index' }), 'r/feed.md': release({ title: 'Feed', slug: 'feed', lang: 'ru' }) });
    try {
      const result = await runMain(['validate', 'r', '--reporter', 'json', '--now', NOW], { cwd: dir });
      expect(json(result).diagnostics.map((d) => `${d.file} ${d.ruleId} ${d.message}`)).toEqual([
        'r/feed.md slug/reserved The slug "feed", which the site\'s own files take: ru/feed.json is the language\'s JSON feed.',
        'r/index.md slug/reserved The slug "index", which the site\'s own files take: en/index.html is the language\'s listing.',
      ]);
    } finally {
      await removeFixture(dir);
    }
  });
});

describe('values quoted in messages', () => {
  it('cuts a long value between characters, never inside an emoji, in the JSON report and on a terminal', async () => {
    const dir = await fixture({ 'r/a.md': release({}, `Text ** ${'a'.repeat(52)}${'😀'.repeat(20)} ** more.\n`) });
    try {
      const report = json(await runMain(['validate', 'r', '--reporter', 'json'], { cwd: dir }));
      const emphasis = report.diagnostics.find((d) => d.ruleId === 'content/spaced-emphasis')!;
      // Before, the hint's quote ended with the first half of an emoji: a lone surrogate, which the terminal showed as �.
      expect(emphasis.hint).toBe(`Write the markers against the words: "**${'a'.repeat(52)}😀…".`);
      const loneSurrogate = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
      expect(loneSurrogate.test(emphasis.message + emphasis.hint!)).toBe(false);
      expect((await runMain(['validate', 'r'], { cwd: dir })).stdout).not.toContain('\uFFFD');
    } finally {
      await removeFixture(dir);
    }
  });

  it('cuts the line a YAML hint writes between characters too', async () => {
    const dir = await fixture({ 'r/a.md': release({ title: `Centre: ${'a'.repeat(71)}${'😀'.repeat(20)}` }) });
    try {
      const report = json(await runMain(['validate', 'r', '--reporter', 'json'], { cwd: dir }));
      const syntax = report.diagnostics.find((d) => d.ruleId === 'yaml/syntax')!;
      // Before, the quoted title ended with the first half of an emoji.
      expect(syntax.hint).toContain(`title: "Centre: ${'a'.repeat(71)}…"\``);
    } finally {
      await removeFixture(dir);
    }
  });
});
