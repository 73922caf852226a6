import { symlink } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { NOW, release, runMain, useProjects } from './helpers/cli.js';
import { TERMINAL_HAZARDS } from './helpers/hostile.js';
import { withoutCommands } from '../src/cli/environment.js';
import { withoutInlineCommands } from '../src/core/text.js';

/**
 * Every path and value a command prints goes through one escaping: escape
 * sequences, bidirectional overrides and line breaks from a project's files
 * and file names are shown as `\uXXXX`, so none can drive the terminal or
 * forge a line of a report.
 */

const projects = useProjects();
const ESC = '\u001b]0;owned\u0007\u001b[2J';
const BIDI = '\u202Egnp.exe';

describe('one escaping for every command', () => {
  it('templates list and check escape a set\'s name, description and file names', async () => {
    const dir = await projects({
      'rel/a.md': release(),
      'templates/evil/template.yaml': `name: "evil${ESC}"\ndescription: "Looks fine\\n  default   built-in  /usr/lib ${BIDI}"\nextends: default\n`,
      [`templates/evil/partials/x\n${ESC}.liquid`]: 'x',
    });
    for (const args of [['templates', 'list', '--template', 'evil'], ['templates', 'check', 'evil', 'rel', '--now', NOW]]) {
      const result = await runMain(args, { cwd: dir });
      const text = result.stdout + result.stderr;
      expect(text, args[1]).not.toMatch(TERMINAL_HAZARDS);
      // A description cannot add a line to the listing.
      expect(text).not.toMatch(/^\s+default\s+built-in\s+\/usr\/lib/m);
      if (args[1] === 'list') {
        expect(text).toContain('\\u001B]0;owned\\u0007');
        expect(text).toContain('\\u202Egnp.exe');
        expect(text).toContain('partials/x\\u000A\\u001B');
      }
    }
  });

  it('stylish shows a file name with a line break on one line', async () => {
    const dir = await projects({ 'rel/a\n  1:1     error    All good  forged/rule.md': release({ title: '' }) });
    const result = await runMain(['validate', 'rel', '--now', NOW], { cwd: dir });
    expect(result.code).toBe(1);
    expect(result.stdout).not.toMatch(/^\s+1:1\s+error\s+All good/m);
    expect(result.stdout).toContain('rel/a\\u000A  1:1');
  });

  it('no value opens a line of a report with ::, which GitHub Actions reads as a workflow command', async () => {
    // `::error …::` would be a forged annotation, `::stop-commands::` would hide every real one after it; the runner reads a
    // line as a command when it starts with `::` after blanks, whatever --reporter the job chose for its log.
    const dir = await projects({
      'rel/a.md': release(),
      'rel/::error title=Approved::All releases checked.md': release({ slug: 'b', title: '' }),
      [' ::stop-commands::hidden.md']: release({ slug: 'c', title: '' }),
      'templates/evil/template.yaml': 'description: "::add-mask::Service"\nextends: default\n',
      'templates/evil/::notice::x.liquid': 'x',
    });
    const runs = [
      await runMain(['validate', 'rel', ' ::stop-commands::hidden.md', '--now', NOW], { cwd: dir }),
      await runMain(['validate', '.', '--now', NOW], { cwd: join(dir, 'rel') }),
      await runMain(['templates', 'list', '--template', 'evil'], { cwd: dir }),
    ];
    expect(runs.map((r) => r.code)).toEqual([1, 1, 0]);
    for (const result of runs) expect(`${result.stdout}\n${result.stderr}`).not.toMatch(/^\s*::/m);
    expect(runs[1]!.stdout).toMatch(/^\\u003A:error title=Approved::All releases checked\.md$/m);
    expect(runs[0]!.stdout).toMatch(/^ \\u003A:stop-commands::hidden\.md$/m);
  });

  it('the note of what a search left out names its links and hidden folders without their line breaks', async () => {
    // A link the search does not follow and a hidden folder are named on standard error, where a carriage return or a line
    // break in a name committed by a pull request would open a line GitHub Actions reads as a workflow command.
    const dir = await projects({ 'rel/a.md': release(), 'rel/.h\n::add-mask::Service/b.md': release({ slug: 'b' }), 'elsewhere/c.md': release({ slug: 'c' }) });
    await symlink(join(dir, 'elsewhere'), join(dir, 'rel', `x\r::error title=Approved::All releases checked${ESC}`));
    for (const command of ['validate', 'build']) {
      const result = await runMain([command, 'rel', '--reporter', 'github', '--now', NOW], { cwd: dir });
      expect(result.code, command).toBe(0);
      expect(result.stderr, command).toMatch(/^migration-news: In the folders searched: did not follow a symbolic link \(rel\/x\\u000D::error title=Approved::All releases checked\\u001B/);
      expect(result.stderr, command).toContain('(rel/.h\\u000A::add-mask::Service)');
      expect(result.stderr, command).not.toMatch(TERMINAL_HAZARDS);
      expect(result.stderr.split(/\r\n?|\n/).filter((line) => /^\s*::/.test(line)), command).toEqual([]);
    }
  });

  it('no line says ##[, which GitHub Actions reads as a workflow command anywhere in a line, whatever the reporter', async () => {
    // The runner's older form, `##[name]data`, is found anywhere in a line: `##[stop-commands]` would hide every real
    // annotation after it, `##[add-mask]` words of the log, `##[error]` forge a problem.
    const named = 'rel/##[stop-commands]x.md';
    const dir = await projects({
      'rel/a.md': release({ slug: '"##[error]Forged"' }),
      [named]: release({ slug: 'b', title: '' }),
      'rel/c.md': release({ slug: 'c', tags: '["##[add-mask]Service"]' }),
    });
    const runs = await Promise.all([
      ...['stylish', 'github', 'json', 'sarif'].map((reporter) => runMain(['validate', 'rel', '--reporter', reporter, '--now', NOW], { cwd: dir })),
      runMain(['build', 'rel', '--out', 'out##[group]x', '--now', NOW], { cwd: dir }),
      runMain(['validate', 'rel/##[endgroup]missing.md', '--now', NOW], { cwd: dir }),
    ]);
    expect(runs.map((r) => r.code)).toEqual([1, 1, 1, 1, 1, 2]);
    for (const [i, result] of runs.entries()) {
      const lines = `${result.stdout}\n${result.stderr}`.split('\n');
      // A line that is a workflow command itself is read as that command: a `##[` in it is nothing, and its file must be named as it is.
      expect(lines.filter((line) => line.includes('##[') && !line.trimStart().startsWith('::'))).toEqual([]);
      // SARIF writes a backslash before every bracket of a message itself, as its embedded links ask: `##\[`, `##\\[` in JSON.
      if (i !== 1) expect(lines.some((line) => line.includes(i === 3 ? '##\\\\[' : '##\\u005B')), String(i)).toBe(true);
    }
    expect(runs[1]!.stdout).toContain(`file=${named},`);
    // In JSON the escape is the same character: the report names the file as it is.
    const json = JSON.parse(runs[2]!.stdout) as { diagnostics: { file: string; message: string }[] };
    expect(json.diagnostics.map((d) => d.file)).toContain(named);
    expect(JSON.stringify(json)).toContain('##[error]Forged');
    expect(JSON.parse(runs[3]!.stdout)).toBeTruthy();
  });

  it('no line says ##vso[ or ##teamcity[, which Azure Pipelines and TeamCity run anywhere in a line, whatever the reporter, in annotations too', async () => {
    // Azure's agent reads `##vso[area.action …]data` in any line of standard output or error: `task.prependpath` or
    // `task.setvariable` from a release in a pull request would change what the pipeline's next steps run.
    const named = 'rel/##vso[task.prependpath]tmp.md';
    const dir = await projects({
      'rel/a.md': release({ slug: '"##VSO[task.setvariable variable=PATH]/tmp"' }),
      [named]: release({ slug: 'b', title: '' }),
      'rel/c.md': release({ slug: 'c', tags: '["##vso[task.complete result=Failed]x"]', date: '"##Vso[task.logissue type=error]x"' }),
      // TeamCity's service messages, which set a parameter of the build's later steps as easily.
      'rel/d.md': release({ slug: 'd', status: '"##teamcity[setParameter name=\'env.PATH\' value=\'/tmp\']"' }),
    });
    const runs = await Promise.all([
      ...['stylish', 'github', 'json', 'sarif'].map((reporter) => runMain(['validate', 'rel', '--reporter', reporter, '--now', NOW], { cwd: dir })),
      runMain(['build', 'rel', '--out', 'out##vso[build.addbuildtag]x', '--now', NOW], { cwd: dir }),
      runMain(['validate', 'rel/##vso[task.uploadfile]missing.md', '--now', NOW], { cwd: dir }),
    ]);
    expect(runs.map((r) => r.code)).toEqual([1, 1, 1, 1, 1, 2]);
    for (const [i, result] of runs.entries()) {
      const output = `${result.stdout}\n${result.stderr}`;
      expect(output).not.toMatch(/##(vso|teamcity)\[/i);
      // SARIF's messages have every bracket escaped with a backslash (`##vso\[`, `##vso\\[` in JSON).
      expect(output, String(i)).toMatch(i === 3 ? /##vso\\\\\[/i : /##vso\\u005B/i);
    }
    // The source line under a problem is shown with the command it holds escaped, and the annotation names the file with it escaped.
    expect(runs[0]!.stdout).toMatch(/date: "##Vso\\u005Btask\.logissue type=error\]x"/);
    expect(runs[1]!.stdout).toContain('file=rel/##vso\\u005Btask.prependpath]tmp.md,');
    expect(runs[0]!.stdout).toContain("##teamcity\\u005BsetParameter name='env.PATH'");
    // In JSON the escape is the same character: the report names the file as it is.
    const json = JSON.parse(runs[2]!.stdout) as { diagnostics: { file: string }[] };
    expect(json.diagnostics.map((d) => d.file)).toContain(named);
    expect(JSON.parse(runs[3]!.stdout)).toBeTruthy();
  });

  it('a ##vso[ split between writes is caught, in an annotation line too', () => {
    let written = '';
    const stream = withoutCommands({ write: (chunk: string) => (written += chunk) });
    for (const chunk of ['a ##v', 'SO', '[task.setvariable]x #', '#vs', 'o[y]\n', '::error file=r.md,line=1::m ##[y] #', '#vso[z]\r##vso', '[w] ##teamci', 'ty[v]\n']) stream.write(chunk);
    expect(written).toBe('a ##vSO\\u005Btask.setvariable]x ##vso\\u005By]\n::error file=r.md,line=1::m ##[y] ##vso\\u005Bz]\r##vso\\u005Bw] ##teamcity\\u005Bv]\n');
  });

  it('no path in the import report opens a line as a workflow command', async () => {
    const post = '---\ntitle: Hello\ndate: 2025-01-01\n---\nBody.\n';
    const dir = await projects({
      'site/_config.yml': 'title: s\n',
      'site/::x ##[error]forged/_posts/2025-01-01-hello.md': post,
      'site/::warning::y/_posts/2025-01-02-other.md': post,
    });
    const result = await runMain(['import', 'site', '--from', 'jekyll', '--to', 'rel', '--lang', 'en', '--dry-run', '--now', NOW], { cwd: dir });
    expect(result.code, result.stderr).toBe(0);
    const lines = `${result.stdout}\n${result.stderr}`.split('\n');
    expect(lines.filter((line) => line.trimStart().startsWith('::') || line.includes('##['))).toEqual([]);
    expect(result.stdout).toContain('\\u003A:x ##\\u005Berror]forged/_posts/2025-01-01-hello.md');
  });

  it('a ##[ split between two writes is caught as well', () => {
    let written = '';
    const stream = withoutCommands({ write: (chunk: string) => (written += chunk) });
    for (const chunk of ['a #', '#', '[stop-commands]x', ' and #', '[y] ##', '[z]']) stream.write(chunk);
    expect(written).toBe('a ##\\u005Bstop-commands]x and #[y] ##\\u005Bz]');
    // A command line, however it is split, is written as it is; the next line is not.
    written = '';
    for (const chunk of ['done\n', '::error file=r/##[x].md,line=1::m ##[y]\n##', '[y]\r::notice title=t::n ##[z]\n', '::x ##[error]forged\n', ' ::error a::##[b]\n', '\ufeff::warning a::##[c]\n']) stream.write(chunk);
    expect(written).toBe([
      'done', '::error file=r/##[x].md,line=1::m ##[y]', '##\\u005By]\r::notice title=t::n ##[z]',
      // Not an annotation as the reporter writes one: the runner's own parser would fail on it and read the ##[ instead.
      '::x ##\\u005Berror]forged', ' ::error a::##\\u005Bb]', '\ufeff::warning a::##\\u005Bc]', '',
    ].join('\n'));
    expect(withoutInlineCommands('[error]x', 'a##')).toBe('\\u005Berror]x');
    expect(withoutInlineCommands('#[error]x', '#')).toBe('#\\u005Berror]x');
    expect(withoutInlineCommands('[x] ##[y] #[z] ##', 'b#')).toBe('[x] ##\\u005By] #[z] ##');
    // What was written before is not written again, nor judged again: a command in it was escaped then.
    expect(withoutInlineCommands('[z]', '##[y]')).toBe('[z]');
    expect(withoutInlineCommands('o[z]', '##vs')).toBe('o\\u005Bz]');
  });

  it('the build summary escapes the output folder it names', async () => {
    const dir = await projects({ 'rel/a.md': release() });
    const result = await runMain(['build', 'rel', '--out', `out${ESC}`, '--now', NOW], { cwd: dir });
    expect(result.code).toBe(0);
    expect(result.stdout + result.stderr).not.toMatch(TERMINAL_HAZARDS);
    expect(result.stdout).toMatch(/Wrote \d+ files to out\\u001B/);
  });
});

describe('an unknown variable in a condition is a template error, not silently false', () => {
  it('is reported with its position by templates check and by build', async () => {
    const dir = await projects({
      'rel/a.md': release(),
      'templates/typo/template.yaml': 'name: typo\nextends: default\n',
      'templates/typo/release.html.liquid': '<!doctype html>\n<title>{{ release.title }}</title>\n{% if site.logo_url %}<img src="{{ site.logo_url }}" alt="">{% endif %}\n{% unless release.subtitel %}x{% endunless %}\n',
    });
    const check = await runMain(['templates', 'check', 'typo', 'rel', '--now', NOW], { cwd: dir });
    expect(check.code).toBe(1);
    expect(check.stdout).toContain('templates/typo/release.html.liquid');
    expect(check.stdout).toMatch(/^\s+3:\d+\s+error\s+The template uses the variable site\.logo_url, which the template context does not have/m);
    const build = await runMain(['build', 'rel', '--template', 'typo', '--format', 'html', '--out', 'out', '--reporter', 'json', '--now', NOW], { cwd: dir });
    expect(build.code).toBe(1);
    const [problem] = (JSON.parse(build.stdout) as { diagnostics: { file: string; line: number; ruleId: string; message: string }[] }).diagnostics;
    expect(problem).toMatchObject({ file: 'templates/typo/release.html.liquid', line: 3, ruleId: 'template/render' });
    expect(problem!.message).toMatch(/site\.logo_url/);
  });
});
