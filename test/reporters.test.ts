import { readFile, symlink } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { Diagnostic } from '../src/core/diagnostic.js';
import { RULES } from '../src/core/rules.js';
import { displayWidth } from '../src/core/text.js';
import { github } from '../src/reporters/github.js';
import { json } from '../src/reporters/json.js';
import { stylish } from '../src/reporters/stylish.js';
import { VERSION } from '../src/version.js';
import { NOW, ROOT, fixture, release, removeFixture, runMain, useProjects } from './helpers/cli.js';
import type { JsonReport } from './helpers/rule-fixtures.js';

/**
 * Every reporter on one folder with errors, warnings, an info, a related
 * place, a YAML syntax error and text in three scripts: test/fixtures/reporters.
 */
const SHOWCASE = join(ROOT, 'test', 'fixtures', 'reporters');
const ARGS = ['validate', 'releases', '--now', NOW];

/** Output that does not depend on the version or the checkout's place. */
function normalise(output: string): string {
  return output
    .split(pathToFileURL(ROOT).href.replace(/\/$/, '')).join('file:///<root>')
    .split(ROOT.replace(/\/$/, '')).join('<root>')
    .split(`"${VERSION}"`).join('"<version>"');
}

const run = (reporter: string, extra: string[] = [], env: Record<string, string> = {}) =>
  runMain([...ARGS, '--reporter', reporter, ...extra], { cwd: SHOWCASE, env });

// eslint-disable-next-line no-control-regex
const ANSI = /\u001b\[[0-9;]*m/g;

describe('reporter output', () => {
  it.each(['stylish', 'json', 'github', 'sarif'])('%s matches its snapshot, exit 1, nothing on stderr', async (reporter) => {
    const result = await run(reporter);
    expect(result.code).toBe(1);
    expect(result.stderr).toBe('');
    expect(result.stdout).not.toMatch(ANSI);
    expect(normalise(result.stdout)).toMatchSnapshot();
  });

  it('names files outside the working folder by absolute path, and SARIF by file URL', async () => {
    const file = join(SHOWCASE, 'releases', 'ru', 'broken.md');
    // An empty folder of its own: the checkout itself may lie under the system's temporary folder.
    const elsewhere = await fixture({});
    const result = await runMain(['validate', file, '--now', NOW, '--reporter', 'sarif'], { cwd: elsewhere });
    await removeFixture(elsewhere);
    expect(result.code).toBe(1);
    const log = JSON.parse(result.stdout) as { runs: { results: { locations: { physicalLocation: { artifactLocation: { uri: string; uriBaseId?: string } } }[] }[] }[] };
    const location = log.runs[0]!.results[0]!.locations[0]!.physicalLocation.artifactLocation;
    expect(location).toEqual({ uri: pathToFileURL(file).href });
    expect(normalise(result.stdout)).toMatchSnapshot();
  });

  it('reports every file at once, sorted by file and then position, and counts them in the summary', async () => {
    const report = JSON.parse((await run('json')).stdout) as JsonReport;
    const keys = report.diagnostics.map((d) => [d.file, d.line, d.column] as const);
    const sorted = [...keys].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : a[1] - b[1] || a[2] - b[2]));
    expect(keys).toEqual(sorted);
    expect(new Set(report.diagnostics.map((d) => d.file)).size).toBe(4);
    expect(report.summary).toEqual({
      files: 5,
      filesWithProblems: 4,
      errors: report.diagnostics.filter((d) => d.severity === 'error').length,
      warnings: report.diagnostics.filter((d) => d.severity === 'warning').length,
      infos: report.diagnostics.filter((d) => d.severity === 'info').length,
    });
    expect(report.summary.errors * report.summary.warnings * report.summary.infos).toBeGreaterThan(0);
  });
});

describe('the JSON report', () => {
  /** The structure of a value: its keys, recursively, and the type of each leaf. */
  function shape(value: unknown): unknown {
    if (Array.isArray(value)) return value.length > 0 ? [shape(value[0])] : [];
    if (value !== null && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, shape(v)]));
    return value === null ? 'null' : typeof value;
  }

  it('has exactly the shape the README documents, with every key present', async () => {
    const readme = await readFile(join(ROOT, 'README.md'), 'utf8');
    const documented = JSON.parse(/### The JSON report[\s\S]*?```json\n([\s\S]*?)```/.exec(readme)![1]!) as JsonReport;
    const result = await runMain(['validate', 'releases/en/ganja-centre-copy.md', 'releases/en/ganja-centre.md', '--quiet', '--reporter', 'json', '--now', NOW], { cwd: SHOWCASE });
    const actual = JSON.parse(result.stdout) as JsonReport;
    expect(normalise(JSON.stringify(actual))).toBe(normalise(JSON.stringify(documented)).replace('"1.0.0"', '"<version>"'));
    const all = JSON.parse((await run('json')).stdout) as JsonReport;
    for (const d of all.diagnostics) {
      expect(Object.keys(d)).toEqual(Object.keys(documented.diagnostics[0]!));
      if (d.related) expect(shape(d.related)).toEqual(shape(documented.diagnostics[0]!.related));
    }
  });
});

describe('the stylish report', () => {
  it('is the example in the README', async () => {
    const readme = await readFile(join(ROOT, 'README.md'), 'utf8');
    const example = /### Reading the default output[\s\S]*?```text\n([\s\S]*?)```/.exec(readme)![1]!;
    expect((await run('stylish')).stdout).toBe(example);
  });

  it('puts the caret under the range, after wide, combining and control characters, and cuts long lines around it', () => {
    const d = (sourceLine: string, column: number, endColumn: number): Diagnostic => ({
      file: 'r.md', line: 3, column, endLine: 3, endColumn, severity: 'error', ruleId: 'schema/format', message: 'Bad.', sourceLine,
    });
    const frame = (diagnostic: Diagnostic) => stylish([diagnostic], { color: false, fileCount: 1, version: '0' }).split('\n').slice(2, 4);
    // What a terminal shows above the carets: one column per character with its combining marks.
    const caretUnder = ([code, caret]: string[]) => (code!.match(/\P{M}\p{M}*/gu) ?? []).slice(caret!.indexOf('^'), caret!.lastIndexOf('^') + 1).join('');

    expect(caretUnder(frame(d('date: 2026-13-45', 7, 17)))).toBe('2026-13-45');
    // "ə" and "ü" are one UTF-16 unit each; the decomposed "é" is two units but one column.
    const azeri = 'title: Gəncədə üçün e\u0301 [x](ftp://a)';
    expect(caretUnder(frame(d(azeri, azeri.indexOf('[') + 1, azeri.length + 1)))).toBe('[x](ftp://a)');
    // A control character is shown as \u0007, six columns wide; the caret still finds the value after it.
    expect(caretUnder(frame(d('title: "a\u0007b" x', 14, 15)))).toBe('x');
    // A tab is shown as one space, so columns keep their meaning.
    expect(caretUnder(frame(d('\ttitle: x', 9, 10)))).toBe('x');
    const long = `summary: ${'word '.repeat(60)}TARGET ${'tail '.repeat(60)}`;
    const [code, caret] = frame(d(long, long.indexOf('TARGET') + 1, long.indexOf('TARGET') + 7));
    expect(caretUnder([code!, caret!])).toBe('TARGET');
    expect(code!.length).toBeLessThan(120);
    expect(code).toMatch(/^ {4}3 \| …[a-z ]+TARGET [a-z ]+…$/);
    // A line that fits the frame is shown whole, wherever on it the range is.
    const fits = 'Opening hours of the new service centre in Ganja are from nine <b>to</b> six.';
    const [whole, under] = frame(d(fits, fits.indexOf('<b>') + 1, fits.indexOf('<b>') + 4));
    expect(whole).toBe(`    3 | ${fits}`);
    expect(caretUnder([whole!, under!])).toBe('<b>');
    // Cut at its start only when it must be, and then keeping what the rest of the frame leaves room for.
    const late = `${'word '.repeat(40)}TARGET.`;
    const [cut, caret2] = frame(d(late, late.indexOf('TARGET') + 1, late.indexOf('TARGET') + 7));
    expect(caretUnder([cut!, caret2!])).toBe('TARGET');
    expect(cut).toMatch(/^ {4}3 \| …[a-z ]+TARGET\.$/);
    expect([...cut!.slice('    3 | '.length)]).toHaveLength(100);
  });

  it('cuts a long line of Chinese or emoji to the frame\'s width in terminal columns, not in characters, so that it does not wrap', async () => {
    const han = '移民局'.repeat(50);
    const emoji = '\u{1F600}'.repeat(150);
    const dir = await fixture({
      'r/han.md': `---\ntitle: Centre\ndate: 2026-05-14\nlang: en\nstatus: draft\n---\n\n${han} <b>开放</b> ${han}\n`,
      'r/emoji.md': `---\ntitle: Centre\ndate: 2026-05-14\nlang: en\nstatus: draft\n---\n\n${emoji} <b>x</b> ${emoji}\n\n[${'中'.repeat(150)}](ftp://a) end\n`,
    });
    try {
      const { stdout } = await runMain(['validate', 'r', '--now', NOW], { cwd: dir });
      const frames = stdout.split('\n').filter((line) => /^ {4}[ \d]+ \|/.test(line));
      expect(frames).toHaveLength(6);
      // Past the gutter ("    8 | "), at most 100 columns of the line and its "…": 150 wide characters were cut to 100 of them, 200 columns.
      for (const line of frames) expect(displayWidth(line.replace(/^ {4}[ \d]+ \| /, ''))).toBeLessThanOrEqual(101);
      for (let i = 0; i < frames.length; i += 2) {
        const [code, caret] = [frames[i]!, frames[i + 1]!];
        const lead = caret.indexOf('^');
        // The text whose columns the carets are under, found by width: a wide character is two of them.
        let before = '';
        for (const ch of code) {
          if (displayWidth(before) >= lead) break;
          before += ch;
        }
        expect(displayWidth(before)).toBe(lead);
        expect(code.slice(before.length)).toMatch(/^(<b>|\[中)/);
      }
    } finally {
      await removeFixture(dir);
    }
  });

  it('shows a zero-width space, a soft hyphen or a byte-order mark in any rule\'s frame as · in its own column, as the invisible-character rule does', () => {
    const frame = (sourceLine: string, column: number, endColumn: number) => stylish([{
      file: 'r.md', line: 3, column, endLine: 3, endColumn, severity: 'error', ruleId: 'schema/format', message: 'Bad.', sourceLine,
    }], { color: false, fileCount: 1, version: '0' }).split('\n').slice(2, 4);
    // The value starts with a zero-width space, which is why it is no date: the caret starts under a dot, not under nothing.
    expect(frame('date: \u200B2026-03-17', 7, 18)).toEqual(['    3 | date: ·2026-03-17', '      |       ^^^^^^^^^^^']);
    expect(frame('title: Miq\u00ADrasiya\uFEFF x', 18, 19)).toEqual(['    3 | title: Miq·rasiya· x', `      | ${' '.repeat(17)}^`]);
    expect(frame('title: Miq\u00ADrasiya\uFEFF x', 20, 21)).toEqual(['    3 | title: Miq·rasiya· x', `      | ${' '.repeat(19)}^`]);
  });

  it('underlines a range over several lines to the end of its first line, and marks a point with one caret', () => {
    const frame = (d: Partial<Diagnostic>) => stylish([{ file: 'r.md', line: 2, column: 1, severity: 'error', ruleId: 'schema/required', message: 'Bad.', sourceLine: 'title: x', ...d }], { color: false, fileCount: 1, version: '0' }).split('\n')[3];
    expect(frame({ endLine: 4, endColumn: 5 })).toBe('      | ^^^^^^^^');
    expect(frame({ column: 7 })).toBe('      |       ^');
    expect(frame({ column: 9, endLine: 2, endColumn: 9 })).toBe('      |         ^');
  });
});

describe('colour', () => {
  const plain = (s: string) => s.replace(ANSI, '');

  it('is on with FORCE_COLOR=1 even when NO_COLOR is set, and then only adds escapes to the same text', async () => {
    const [coloured, uncoloured] = await Promise.all([run('stylish', [], { FORCE_COLOR: '1' }), run('stylish')]);
    expect(coloured.stdout).toContain('\u001b[31merror  \u001b[39m');
    expect(coloured.stdout).toContain('\u001b[33mwarning\u001b[39m');
    expect(coloured.stdout).toContain('\u001b[34minfo   \u001b[39m');
    expect(coloured.stdout).toContain('\u001b[31m^^^^^^^^^^^^\u001b[39m');
    expect(plain(coloured.stdout)).toBe(uncoloured.stdout);
  });

  it('is off with NO_COLOR, --no-color or FORCE_COLOR=0, on with --color, and never in machine reports', async () => {
    const cases: [string[], Record<string, string>, boolean][] = [
      [[], { NO_COLOR: '1' }, false],
      [['--no-color'], { FORCE_COLOR: '1' }, false],
      [[], { FORCE_COLOR: '0', NO_COLOR: '' }, false],
      [['--color'], { NO_COLOR: '1' }, true],
    ];
    for (const [args, env, on] of cases) {
      const result = await run('stylish', args, env);
      expect(ANSI.test(result.stdout), `${args.join(' ')} ${JSON.stringify(env)}`).toBe(on);
      ANSI.lastIndex = 0;
    }
    for (const reporter of ['json', 'github', 'sarif']) {
      expect((await run(reporter, ['--color'], { FORCE_COLOR: '3' })).stdout).not.toMatch(ANSI);
    }
  });

  it('is on in a terminal, off in one that says it takes no escapes (TERM=dumb) unless forced', async () => {
    const inTerminal = (env: Record<string, string>, extra: string[] = []) => runMain([...ARGS, '--reporter', 'stylish', ...extra], { cwd: SHOWCASE, env: { NO_COLOR: '', ...env }, isTTY: true });
    expect((await inTerminal({ TERM: 'xterm-256color' })).stdout).toMatch(ANSI);
    ANSI.lastIndex = 0;
    expect((await inTerminal({ TERM: 'dumb' })).stdout).not.toMatch(ANSI);
    expect((await inTerminal({ TERM: 'dumb', FORCE_COLOR: '1' })).stdout).toMatch(ANSI);
    ANSI.lastIndex = 0;
    expect((await inTerminal({ TERM: 'dumb' }, ['--color'])).stdout).toMatch(ANSI);
    ANSI.lastIndex = 0;
  });
});

describe('SARIF', () => {
  interface Sarif {
    version: string;
    $schema: string;
    runs: {
      tool: { driver: { name: string; version: string; rules: { id: string; shortDescription: { text: string }; defaultConfiguration: { level: string } }[] } };
      results: {
        ruleId: string;
        ruleIndex: number;
        level: string;
        message: { text: string };
        locations: { physicalLocation: { artifactLocation: { uri: string; uriBaseId?: string }; region: { startLine: number; startColumn: number; endLine?: number; endColumn?: number } } }[];
        relatedLocations?: { physicalLocation: { artifactLocation: { uri: string } }; message: { text: string } }[];
      }[];
      columnKind: string;
    }[];
  }

  it('has every property code scanning needs, and each result names a rule the driver lists', async () => {
    const [sarifResult, jsonResult] = await Promise.all([run('sarif'), run('json')]);
    const log = JSON.parse(sarifResult.stdout) as Sarif;
    const diagnostics = (JSON.parse(jsonResult.stdout) as JsonReport).diagnostics;
    expect(log.version).toBe('2.1.0');
    expect(log.$schema).toMatch(/sarif-2\.1\.0/);
    expect(log.runs).toHaveLength(1);
    const [run0] = log.runs;
    expect(run0!.tool.driver.name).toBe('migration-news');
    expect(run0!.tool.driver.version).toBe(VERSION);
    expect(run0!.columnKind).toBe('utf16CodeUnits');
    const rules = run0!.tool.driver.rules;
    expect(new Set(rules.map((r) => r.id)).size).toBe(rules.length);
    expect(run0!.results).toHaveLength(diagnostics.length);
    for (const [i, result] of run0!.results.entries()) {
      const d = diagnostics[i]!;
      expect(result.ruleId).toBe(d.ruleId);
      expect(rules[result.ruleIndex]?.id).toBe(result.ruleId);
      expect(['error', 'warning', 'note', 'none']).toContain(result.level);
      expect(result.level).toBe({ error: 'error', warning: 'warning', info: 'note' }[d.severity]);
      // A plain-text message, each bracket and backslash escaped, so that none reads as an embedded link (SARIF 2.1.0, 3.11.6).
      expect(result.message.text).toBe((d.hint ? `${d.message} ${d.hint}` : d.message).replace(/[\\[\]]/g, '\\$&'));
      expect(result.message.text.replace(/\\(.)/g, '$1')).toBe(d.hint ? `${d.message} ${d.hint}` : d.message);
      expect(result.message.text).not.toMatch(/(?<!\\)\[[^\]]*\]\(/);
      expect(result.locations).toHaveLength(1);
      const { artifactLocation, region } = result.locations[0]!.physicalLocation;
      expect(artifactLocation).toEqual({ uri: d.file, uriBaseId: '%SRCROOT%' });
      expect(region.startLine).toBe(d.line);
      expect(region.startColumn).toBe(d.column);
      expect(Number.isInteger(region.startLine) && region.startLine >= 1).toBe(true);
      if (d.related) expect(result.relatedLocations?.[0]?.physicalLocation.artifactLocation.uri).toBe(d.related.file);
    }
    for (const rule of rules) {
      const info = RULES[rule.id as keyof typeof RULES];
      expect(rule.shortDescription.text).toBe(info.description);
      expect(rule.defaultConfiguration.level).toBe({ error: 'error', warning: 'warning', info: 'note' }[info.severity]);
    }
  });

  it('encodes a path into a URI that points at the same file', async () => {
    const { sarif } = await import('../src/reporters/sarif.js');
    const log = JSON.parse(sarif([{ file: 'releases/az/Gəncə #1 100%.md', line: 1, column: 1, severity: 'error', ruleId: 'schema/required', message: 'Bad.' }], { color: false, fileCount: 1, version: '0' })) as Sarif;
    const uri = log.runs[0]!.results[0]!.locations[0]!.physicalLocation.artifactLocation.uri;
    expect(uri).toBe('releases/az/G%C9%99nc%C9%99%20%231%20100%25.md');
    expect(decodeURIComponent(new URL(uri, 'file:///root/').pathname)).toBe('/root/releases/az/Gəncə #1 100%.md');
  });
});

describe('the JSON report', () => {
  it('writes line and paragraph separators and noncharacters in a file name as escapes, the same value when read back', () => {
    const file = 'releases/a\u2028b\u2029c\uFFFE.md';
    const out = json([{ file, line: 1, column: 1, severity: 'error', ruleId: 'file/unreadable', message: 'M.' }], { color: false, fileCount: 1, version: '0' });
    expect(out).not.toMatch(/[\u2028\u2029\uFFFE]/);
    expect(out).toContain('releases/a\\u2028b\\u2029c\\ufffe.md');
    expect((JSON.parse(out) as { diagnostics: { file: string }[] }).diagnostics[0]!.file).toBe(file);
  });
});

describe('GitHub annotations', () => {
  it('escape what would end a property or the message, one line per diagnostic', () => {
    const out = github([{
      file: 'releases/a,b:c.md', line: 2, column: 3, endLine: 2, endColumn: 9, severity: 'warning', ruleId: 'schema/unknown-key',
      message: 'Line one\nline two 100%.', hint: 'Fix it.',
    }], { color: false, fileCount: 1, version: '0' });
    expect(out).toBe('::warning file=releases/a%2Cb%3Ac.md,line=2,col=3,endLine=2,endColumn=9,title=schema/unknown-key::Line one%0Aline two 100%25. Fix it.\n');
  });

  it('escape a carriage return or line feed in a file name, and drop other control characters', () => {
    const out = github([{ file: 'releases/a\rb\nc\u001b[31md.md', line: 1, column: 1, severity: 'error', ruleId: 'file/unreadable', message: 'M.' }], { color: false, fileCount: 1, version: '0' });
    expect(out).toBe('::error file=releases/a%0Db%0Ac[31md.md,line=1,col=1,title=file/unreadable::M.\n');
  });
});

describe('in GitHub Actions, run from a folder below the repository\'s root', () => {
  const project = useProjects();
  interface Location { physicalLocation: { artifactLocation: { uri: string; uriBaseId?: string } } }
  interface Log { runs: { originalUriBaseIds: Record<string, { uri?: string }>; results: { locations: Location[]; relatedLocations?: Location[] }[] }[] }

  /** A repository (GITHUB_WORKSPACE) whose releases are in press/, where migration-news runs, and one release outside press/. */
  async function monorepo() {
    const workspace = await project({
      'press/releases/bad.md': release({ date: '2026-02-30' }),
      'press/releases/copy.md': release(),
      'press/releases/copy-again.md': release(),
      'docs/other.md': release({ date: '2026-02-31' }),
    });
    const cwd = join(workspace, 'press');
    const run = (reporter: string, env: Record<string, string>, paths = ['releases']) =>
      runMain(['validate', ...paths, '--now', NOW, '--reporter', reporter], { cwd, env });
    return { workspace, cwd, run };
  }

  it('names files in annotations from GITHUB_WORKSPACE, where GitHub looks for them', async () => {
    const { workspace, run } = await monorepo();
    const result = await run('github', { GITHUB_WORKSPACE: workspace });
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/^::error file=press\/releases\/bad\.md,line=3,/m);
    expect(result.stdout).not.toMatch(/file=releases\//);
    // A release outside the working folder but inside the repository is named from the repository's root too.
    const outside = await run('github', { GITHUB_WORKSPACE: workspace }, ['../docs/other.md']);
    expect(outside.stdout).toMatch(/^::error file=docs\/other\.md,line=3,/m);
  });

  it('names files from GITHUB_WORKSPACE when it is reached through a link, as the working folder is not', async () => {
    const { workspace, run } = await monorepo();
    // A runner whose work folder is a link: the working folder a process sees is the real one.
    const linked = join(await project({}), 'workspace');
    await symlink(workspace, linked, 'dir');
    const result = await run('github', { GITHUB_WORKSPACE: linked });
    expect(result.stdout).toMatch(/^::error file=press\/releases\/bad\.md,line=3,/m);
    const [run0] = (JSON.parse((await run('sarif', { GITHUB_WORKSPACE: linked })).stdout) as Log).runs;
    expect(run0!.results.map((r) => r.locations[0]!.physicalLocation.artifactLocation.uri)).toContain('press/releases/bad.md');
  });

  it('leaves annotations as they were without GITHUB_WORKSPACE, or for a file outside it', async () => {
    const { run } = await monorepo();
    expect((await run('github', {})).stdout).toMatch(/^::error file=releases\/bad\.md,line=3,/m);
    // A workspace the working folder is not in (a step that ran elsewhere) says nothing about where the files are.
    const result = await run('github', { GITHUB_WORKSPACE: await project({}) });
    expect(result.stdout).toMatch(/^::error file=releases\/bad\.md,line=3,/m);
  });

  it('writes SARIF URIs relative to GITHUB_WORKSPACE, the root %SRCROOT% names, related places too', async () => {
    const { workspace, run } = await monorepo();
    const result = await run('sarif', { GITHUB_WORKSPACE: workspace });
    expect(result.code).toBe(1);
    const [run0] = (JSON.parse(result.stdout) as Log).runs;
    expect(run0!.originalUriBaseIds['%SRCROOT%']!.uri).toBe(`${pathToFileURL(workspace).href}/`);
    const locations = run0!.results.flatMap((r) => [...r.locations, ...(r.relatedLocations ?? [])]).map((l) => l.physicalLocation.artifactLocation);
    expect(locations.some((l) => l.uri === 'press/releases/copy.md' || l.uri === 'press/releases/copy-again.md')).toBe(true);
    for (const l of locations) {
      expect(l.uriBaseId).toBe('%SRCROOT%');
      expect(l.uri).toMatch(/^press\/releases\/(bad|copy|copy-again)\.md$/);
    }
    // What upload-sarif does with a relative URI: it joins it to its checkout_path, github.workspace by default.
    for (const l of locations) expect(decodeURIComponent(new URL(l.uri, run0!.originalUriBaseIds['%SRCROOT%']!.uri).pathname)).toMatch(/\/press\/releases\//);
  });

  it('keeps SARIF as it was without GITHUB_WORKSPACE: URIs from the working folder, which %SRCROOT% stands for', async () => {
    const { run } = await monorepo();
    const [run0] = (JSON.parse((await run('sarif', {})).stdout) as Log).runs;
    expect(run0!.originalUriBaseIds['%SRCROOT%']!.uri).toBeUndefined();
    expect(run0!.results.map((r) => r.locations[0]!.physicalLocation.artifactLocation.uri)).toContain('releases/bad.md');
  });

  it('names no file for standard input read without --stdin-filename, which is no file of the repository', async () => {
    const { workspace, cwd } = await monorepo();
    const input = release({ date: '2026-02-30' });
    const stdin = (reporter: string, env: Record<string, string>, extra: string[] = []) =>
      runMain(['validate', '-', ...extra, '--now', NOW, '--reporter', reporter], { cwd, env, input });
    for (const env of [{ GITHUB_ACTIONS: 'true', GITHUB_WORKSPACE: workspace }, {}]) {
      const annotations = await stdin('github', env);
      expect(annotations.code).toBe(1);
      // Every property of a workflow command is optional: without `file`, GitHub shows the annotation on the run, not on a file.
      expect(annotations.stdout).toMatch(/^::error title=schema\/format::<stdin>:3:7: /m);
      expect(annotations.stdout).not.toMatch(/file=|line=|stdin>,/);
      const [run0] = (JSON.parse((await stdin('sarif', env)).stdout) as Log).runs;
      const location = run0!.results[0]!.locations[0]!.physicalLocation as { artifactLocation: { uri?: string; description?: { text: string } }; region: { startLine: number } };
      expect(location.artifactLocation.uri).toBeUndefined();
      expect(location.artifactLocation.description!.text).toMatch(/Standard input/);
      expect(location.region.startLine).toBe(3);
    }
    // Named, the buffer stands for that file, and is annotated as it.
    const named = await stdin('github', { GITHUB_WORKSPACE: workspace }, ['--stdin-filename', 'releases/bad.md']);
    expect(named.stdout).toMatch(/^::error file=press\/releases\/bad\.md,line=3,col=7,/m);
  });

  it('changes nothing in the stylish and JSON reports, which are for people and scripts in the working folder', async () => {
    const { workspace, run } = await monorepo();
    for (const reporter of ['stylish', 'json']) {
      expect((await run(reporter, { GITHUB_WORKSPACE: workspace })).stdout).toBe((await run(reporter, {})).stdout);
    }
  });
});
