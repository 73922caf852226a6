import { execFileSync } from 'node:child_process';
import { chmod, lstat, mkdir, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BIN, NOW, npmEnvironment, release, runMain, runProcess, useProjects } from './helpers/cli.js';
import { diagnosticsOf } from './helpers/report.js';
import { skipBecause } from './helpers/tools.js';
import { STACK_LINE, TERMINAL_HAZARDS } from './helpers/hostile.js';

/**
 * Odd files and folders are reported as what they are, at their place, and
 * the run goes on: never "internal error", never "no such file" for a path
 * that exists.
 */

const projects = useProjects();
const isRoot = process.getuid?.() === 0;

function noCrash(result: { stdout: string; stderr: string }): void {
  expect(result.stderr).not.toMatch(/internal error|This is a bug/);
  expect(result.stderr).not.toMatch(STACK_LINE);
}

describe('a file name that is not UTF-8', () => {
  it('is reported with its bytes escaped, and the other releases are built', async () => {
    const dir = await projects({ 'rel/good.md': release() });
    // Node cannot create such a name through a string; the shell can.
    execFileSync('sh', ['-c', "printf '%s' \"$1\" > \"$(printf 'rel/bad-\\377\\376.md')\"", 'sh', release({ slug: 'bad' })], { cwd: dir });
    for (const command of ['validate', 'build']) {
      const result = await runMain([command, 'rel', '--reporter', 'json', '--keep-going', '--now', NOW].filter((a) => command === 'build' || a !== '--keep-going'), { cwd: dir });
      noCrash(result);
      expect(result.code).toBe(1);
      expect(diagnosticsOf(result.stdout)).toEqual([expect.objectContaining({ file: 'rel/bad-\\xFF\\xFE.md', ruleId: 'file/unreadable', message: expect.stringMatching(/not valid UTF-8/) as unknown })]);
      if (command === 'build') expect(result.stderr).toMatch(/^Built 1 release/);
    }
  });
});

describe('a folder or template whose name is not UTF-8', () => {
  it('is reported by its name, with its bytes escaped, not as a path that does not exist', async () => {
    const dir = await projects({ 'rel/good.md': release() });
    execFileSync('sh', ['-c', "mkdir \"$(printf 'rel/d-\\377')\" && printf '%s' \"$1\" > \"$(printf 'rel/d-\\377/a.md')\" && printf '%s' \"$1\" > \"$(printf 'rel/b-\\376.md')\"", 'sh', release({ slug: 'other' })], { cwd: dir });
    // A folder searched and a glob's matches alike: the glob is how the README names releases in CI.
    for (const input of ['rel', 'rel/**/*.md']) {
      const result = await runMain(['validate', input, '--reporter', 'json', '--now', NOW], { cwd: dir });
      noCrash(result);
      expect(result.code).toBe(1);
      const found = diagnosticsOf(result.stdout).map((d) => [d.file, d.message]);
      expect(found).toEqual(expect.arrayContaining([
        ['rel/b-\\xFE.md', expect.stringMatching(/^The file name is not valid UTF-8/) as unknown],
        ['rel/d-\\xFF', expect.stringMatching(/^The folder name is not valid UTF-8/) as unknown],
      ]));
      expect(result.stdout).not.toMatch(/ENOENT|no such file/);
    }
    const set = await projects({ 'rel/good.md': release(), 'templates/default/partials/.keep': '' });
    execFileSync('sh', ['-c', "printf 'x' > \"$(printf 'templates/default/partials/p-\\377.liquid')\""], { cwd: set });
    const built = await runMain(['build', 'rel', '--out', 'site', '--reporter', 'json', '--now', NOW], { cwd: set });
    noCrash(built);
    expect(diagnosticsOf(built.stdout)).toEqual([expect.objectContaining({ file: 'templates/default/partials/p-\\xFF.liquid', ruleId: 'file/unreadable', message: expect.stringMatching(/not valid UTF-8/) as unknown })]);
  });
});

describe('a named pipe where an earlier build wrote a file of the site', () => {
  it('is replaced by the file, without waiting for a writer', async () => {
    const dir = await projects({ 'migration-news.config.yaml': 'site:\n  url: https://press.example.az\n', 'rel/a.md': release() });
    const build = () => runMain(['build', 'rel', '--out', 'dist', '--now', NOW], { cwd: dir });
    expect((await build()).code).toBe(0);
    for (const file of ['sitemap.xml', 'en/index.html']) {
      await rm(join(dir, 'dist', file));
      execFileSync('mkfifo', [join(dir, 'dist', file)]);
    }
    const result = await build();
    noCrash(result);
    expect(result.code).toBe(0);
    for (const file of ['sitemap.xml', 'en/index.html']) expect((await lstat(join(dir, 'dist', file))).isFile()).toBe(true);
    expect(await readFile(join(dir, 'dist', 'sitemap.xml'), 'utf8')).toMatch(/<urlset/);
  }, 20_000);
});

describe('a page an earlier build wrote of a release that fails now, which is a link', () => {
  it('is not read through the link for its links, to a named pipe or /dev/zero: the build ends', async () => {
    for (const target of ['pipe', '/dev/zero']) {
      const dir = await projects({ 'rel/a.md': release({ title: 'Alpha', tags: '[one]' }), 'rel/b.md': release({ title: 'Beta', tags: '[two]' }) });
      const build = () => runMain(['build', 'rel', '--out', 'dist', '--keep-going', '--reporter', 'json', '--now', NOW], { cwd: dir });
      expect((await build()).code).toBe(0);
      // Beta fails now, and its pages stay; Alpha's tag changes, so the build removes a tag page and reads Beta's kept pages for links to it.
      await writeFile(join(dir, 'rel/b.md'), release({ title: 'Beta', tags: '[two]', bogus: '[' }));
      await writeFile(join(dir, 'rel/a.md'), release({ title: 'Alpha', tags: '[three]' }));
      // The output folder kept between runs, or committed with the releases: the page is a link where the build wrote a file.
      if (target === 'pipe') execFileSync('mkfifo', [join(dir, 'pipe')]);
      await rm(join(dir, 'dist/en/beta.html'));
      await symlink(target === 'pipe' ? join(dir, 'pipe') : target, join(dir, 'dist/en/beta.html'));
      const started = Date.now();
      const result = await build();
      noCrash(result);
      expect(result.code, target).toBe(1);
      expect(diagnosticsOf(result.stdout).map((d) => d.file), target).toEqual(['rel/b.md']);
      expect(result.stderr, target).toMatch(/^Built 1 release/m);
      expect(Date.now() - started, target).toBeLessThan(5_000);
    }
  }, 30_000);
});

describe('paths named on the command line that are not release files', () => {
  it('says what /dev/zero, a named pipe and a link in a circle are', async () => {
    const dir = await projects({ 'rel/good.md': release() });
    execFileSync('mkfifo', [join(dir, 'pipe.md')]);
    await symlink('loop.md', join(dir, 'loop.md'));
    await symlink('nowhere.md', join(dir, 'dangling.md'));
    // The same kinds inside a folder searched: each is named, not passed over (its release would be missing without a word).
    execFileSync('mkfifo', [join(dir, 'rel/pipe.md')]);
    await symlink('nowhere.md', join(dir, 'rel/dangling.md'));
    await symlink('loop.md', join(dir, 'rel/loop.md'));
    await symlink('.', join(dir, 'rel/folder.md'));
    const result = await runMain(['validate', '/dev/zero', 'pipe.md', 'loop.md', 'dangling.md', 'rel', '--reporter', 'json', '--now', NOW], { cwd: dir });
    noCrash(result);
    expect(result.code).toBe(1);
    const byFile = Object.fromEntries(diagnosticsOf(result.stdout).map((d) => [d.file, d.message]));
    expect(byFile).toEqual({
      '/dev/zero': 'The path is a character device (such as /dev/zero), not a release file; it is not read.',
      'pipe.md': 'The path is a named pipe (FIFO), not a release file; it is not read.',
      'loop.md': 'The path is a symbolic link that leads in a circle, not a release file; it is not read.',
      'dangling.md': 'The path is a symbolic link to nothing, not a release file; it is not read.',
      'rel/pipe.md': 'The path is a named pipe (FIFO), not a release file; it is not read.',
      'rel/dangling.md': 'The path is a symbolic link to nothing, not a release file; it is not read.',
      'rel/loop.md': 'The path is a symbolic link that leads in a circle, not a release file; it is not read.',
      'rel/folder.md': 'The path is a symbolic link to a folder, not a release file; it is not read.',
    });
  });

  it('still calls a path that does not exist a usage error', async () => {
    const dir = await projects({});
    const result = await runMain(['validate', 'missing.md', '--now', NOW], { cwd: dir });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/No such file, folder or match: missing\.md/);
  });
});

describe('broken template sets are diagnostics at their place, exit 1, in build as in templates check', () => {
  it('a template.yaml with a YAML error and one with a wrong type', async () => {
    const dir = await projects({
      'rel/a.md': release(),
      'templates/syntax/template.yaml': 'name: syntax\nextends: default: x\n',
      'templates/types/template.yaml': 'name: types\nformats: html\n',
    });
    for (const [set, line] of [['syntax', 2], ['types', 2]] as const) {
      for (const args of [['build', 'rel', '--template', set, '--out', 'out', '--reporter', 'json'], ['templates', 'check', set, 'rel']]) {
        const result = await runMain([...args, '--now', NOW], { cwd: dir });
        noCrash(result);
        expect(result.code, `${args[0]} ${set}`).toBe(1);
        const text = result.stdout + result.stderr;
        expect(text).toContain(`templates/${set}/template.yaml`);
        if (args[0] === 'build') expect(diagnosticsOf(result.stdout)[0]).toMatchObject({ file: `templates/${set}/template.yaml`, line });
        else expect(text).toMatch(new RegExp(`^\\s+${line}:\\d+`, 'm'));
      }
    }
  });

  it('a template.yaml that is a named pipe is named', async () => {
    const dir = await projects({ 'rel/a.md': release(), 'templates/pipe/release.html.liquid': '{{ release.title }}' });
    execFileSync('mkfifo', [join(dir, 'templates', 'pipe', 'template.yaml')]);
    const result = await runMain(['build', 'rel', '--template', 'pipe', '--out', 'out', '--reporter', 'json', '--now', NOW], { cwd: dir });
    noCrash(result);
    expect(result.code).toBe(1);
    expect(diagnosticsOf(result.stdout)[0]).toMatchObject({ file: 'templates/pipe/template.yaml', ruleId: 'file/unreadable' });
  });

  it.skipIf(skipBecause(isRoot, 'file permissions do not stop root; run the tests as another user to check an unreadable folder.'))('an unreadable folder inside a set', async () => {
    const dir = await projects({ 'rel/a.md': release(), 'templates/locked/template.yaml': 'name: locked\nextends: default\n', 'templates/locked/partials/x.liquid': 'x' });
    await chmod(join(dir, 'templates', 'locked', 'partials'), 0o000);
    try {
      const result = await runMain(['build', 'rel', '--template', 'locked', '--out', 'out', '--reporter', 'json', '--now', NOW], { cwd: dir });
      noCrash(result);
      expect(result.code).toBe(1);
      expect(diagnosticsOf(result.stdout)[0]).toMatchObject({ file: 'templates/locked/partials', ruleId: 'file/unreadable' });
    } finally {
      await chmod(join(dir, 'templates', 'locked', 'partials'), 0o755);
    }
  });

  // LiquidJS reads a block inside another by recursion: thousands nested ran it out of stack, at a place that
  // depended on the machine, and was reported as "Maximum call stack size exceeded".
  it('a template nesting blocks thousands deep, in its tags or a {% liquid %} tag, is refused at the first block past the limit', async () => {
    const ifs = (n: number) => `${'{% if true %}'.repeat(n)}x${'{% endif %}'.repeat(n)}`;
    const lines = (n: number) => `{% liquid\n${'if true\n'.repeat(n)}echo 'x'\n${'endif\n'.repeat(n)}%}`;
    // 5,000 levels: without the limit, LiquidJS's recursive parse of either set ran out of a test process's stack from 2,500.
    const dir = await projects({
      'rel/a.md': release(),
      'templates/tags/template.yaml': 'name: tags\nextends: default\n',
      'templates/tags/release.html.liquid': ifs(5_000),
      'templates/lines/template.yaml': 'name: lines\nextends: default\n',
      'templates/lines/release.html.liquid': '<p>{% include "partials/deep" %}</p>',
      'templates/lines/partials/deep.liquid': lines(5_000),
      // At the limit, and what `raw` and `comment` hold (text, not tags), is read as before.
      'templates/limit/template.yaml': 'name: limit\nextends: default\nformats: [html]\n',
      'templates/limit/release.html.liquid': `${ifs(64)}${lines(30)}{% raw %}${ifs(1_000)}{% endraw %}{% comment %}${'{% if %}'.repeat(1_000)}{% endcomment %}`,
    });
    const message = 'The template nests blocks ({% if %}, {% for %}, {% capture %}, …) more than 64 levels deep.';
    for (const [set, file, line, column] of [['tags', 'release.html.liquid', 1, 64 * 13 + 1], ['lines', 'partials/deep.liquid', 66, 1]] as const) {
      const built = await runMain(['build', 'rel', '--template', set, '--out', 'out', '--reporter', 'json', '--now', NOW], { cwd: dir });
      noCrash(built);
      expect(built.code, set).toBe(1);
      expect(diagnosticsOf(built.stdout)[0], set).toMatchObject({ file: `templates/${set}/${file}`, line, column, ruleId: 'template/syntax', message: expect.stringContaining(message) as unknown });
      const checked = await runMain(['templates', 'check', set, 'rel', '--now', NOW], { cwd: dir });
      noCrash(checked);
      expect(checked.code, set).toBe(1);
      expect(checked.stdout + checked.stderr, set).toContain(`templates/${set}/${file}\n  ${line}:${column} `);
      expect(checked.stdout + checked.stderr, set).toContain(message);
    }
    const limit = await runMain(['build', 'rel', '--template', 'limit', '--format', 'html', '--out', 'out', '--reporter', 'json', '--now', NOW], { cwd: dir });
    expect(limit.code, limit.stdout + limit.stderr).toBe(0);
    const page = await readFile(join(dir, 'out', 'en', 'service-opens-new-residence-permit-centre.html'), 'utf8');
    expect(page).toMatch(/^xx\{% if true %\}/);
  });

  // LiquidJS reads a parenthesis or bracket inside another by recursion too, in a tag, an output or the expression an `_exp`
  // filter is given when it runs: thousands nested were reported as "Maximum call stack size exceeded".
  it('an expression nesting parentheses or brackets thousands deep is refused at its tag or output, and one at the limit is read', async () => {
    const open = (n: number, what: string) => what.repeat(n);
    const dir = await projects({
      'rel/a.md': release(),
      'templates/parens/template.yaml': 'name: parens\nextends: default\n',
      'templates/parens/release.html.liquid': `<p>{{ ${open(20_000, '(')}1..2${open(20_000, ')')} }}</p>`,
      'templates/brackets/template.yaml': 'name: brackets\nextends: default\n',
      'templates/brackets/release.html.liquid': '<p>{% include "partials/deep" %}</p>',
      'templates/brackets/partials/deep.liquid': `{% liquid\nassign a = "0" | split: ","\necho ${open(20_000, 'a[')}0${open(20_000, ']')}\n%}`,
      'templates/filter/template.yaml': 'name: filter\nextends: default\n',
      'templates/filter/release.html.liquid': `{% assign a = "0" | split: "," %}{{ a | where_exp: "x", "${open(20_000, '(')}x" | size }}`,
      // At the limit, and parentheses in quotes (text, not nesting), are read as before.
      'templates/limit/template.yaml': 'name: limit\nextends: default\nformats: [html]\n',
      'templates/limit/release.html.liquid': `{% assign a = "0" | split: "," %}{{ '${open(1_000, '(')}' }}{{ ${open(64, 'a[')}0${open(64, ']')} }}{{ a | where_exp: "x", "x == a[${open(62, 'a[')}0${open(63, ']')}" | size }}`,
    });
    for (const [set, file, line, column, ruleId] of [['parens', 'release.html.liquid', 1, 4, 'template/syntax'], ['brackets', 'partials/deep.liquid', 3, 1, 'template/syntax'], ['filter', 'release.html.liquid', 1, 34, 'template/render']] as const) {
      const built = await runMain(['build', 'rel', '--template', set, '--out', 'out', '--reporter', 'json', '--now', NOW], { cwd: dir });
      noCrash(built);
      expect(built.code, set).toBe(1);
      expect(diagnosticsOf(built.stdout)[0], set).toMatchObject({
        file: `templates/${set}/${file}`, line, column, ruleId,
        message: expect.stringContaining('The template nests brackets and parentheses in an expression (a[b[c]], ((1..2))) more than 64 levels deep.') as unknown,
      });
    }
    const limit = await runMain(['build', 'rel', '--template', 'limit', '--format', 'html', '--out', 'out', '--reporter', 'json', '--now', NOW], { cwd: dir });
    expect(limit.code, limit.stdout + limit.stderr).toBe(0);
    const page = await readFile(join(dir, 'out', 'en', 'service-opens-new-residence-permit-centre.html'), 'utf8');
    expect(page).toBe(`${'('.repeat(1_000)}01`);
  });

  // The CSS inliner of e-mail messages writes the page out again by recursion: 5,000 elements left open ran the binary out of stack, 50,000 this test.
  it('an e-mail template whose HTML nests elements thousands deep is refused, and one at the limit makes a message', async () => {
    const dir = await projects({
      'migration-news.config.yaml': 'email:\n  from: press@example.az\n',
      'rel/a.md': release(),
      'templates/deep/template.yaml': 'name: deep\nextends: email\n',
      'templates/deep/release.html.liquid': '<html><body>{% for i in (1..50000) %}<div>{% endfor %}{{ release.title }}</body></html>',
      // With html and body, 256 deep.
      'templates/limit/template.yaml': 'name: limit\nextends: email\n',
      'templates/limit/release.html.liquid': '<html><body>{% for i in (1..254) %}<div>{% endfor %}{{ release.title }}</body></html>',
    });
    const deep = await runMain(['build', 'rel', '--template', 'deep', '--format', 'eml', '--out', 'out', '--reporter', 'json', '--now', NOW], { cwd: dir });
    noCrash(deep);
    expect(deep.code).toBe(1);
    expect(diagnosticsOf(deep.stdout)[0]).toMatchObject({
      file: 'templates/deep/release.html.liquid', line: 1, column: 1, ruleId: 'template/render',
      message: expect.stringMatching(/^The template's HTML nests elements more than 256 levels deep, counting those left open, too deep to make an e-mail message of\./) as unknown,
    });
    const limit = await runMain(['build', 'rel', '--template', 'limit', '--format', 'eml', '--out', 'out', '--reporter', 'json', '--now', NOW], { cwd: dir });
    expect(limit.code, limit.stdout + limit.stderr).toBe(0);
  });

  it('e-mail styles the CSS inliner cannot read, a rule nested in another or at-rules nested thousands deep, fail the message, not the build', async () => {
    const dir = await projects({
      'migration-news.config.yaml': 'email:\n  from: press@example.az\n',
      'rel/a.md': release(),
      'templates/nested/template.yaml': 'name: nested\nextends: email\n',
      'templates/nested/partials/styles.liquid': '.body p { color: red; a { color: blue } }',
      'templates/deep/template.yaml': 'name: deep\nextends: email\n',
      'templates/deep/partials/styles.liquid': `${'@media screen { '.repeat(5_000)}p { color: red }${' }'.repeat(5_000)}`,
    });
    for (const set of ['nested', 'deep']) {
      const result = await runMain(['build', 'rel', '--template', set, '--format', 'eml', '--out', 'out', '--reporter', 'json', '--now', NOW], { cwd: dir });
      // Before: "internal error", exit 2, the inliner's TypeError or RangeError escaping the build.
      noCrash(result);
      expect(result.code, set).toBe(1);
      expect(diagnosticsOf(result.stdout), set).toEqual([expect.objectContaining({
        line: 1, column: 1, ruleId: 'template/render',
        message: expect.stringMatching(/^The styles of the e-mail message's HTML could not be written into its elements \(.+\), so no message is made of this release\./) as unknown,
      })]);
    }
  });

  it('a partial that includes itself is stopped with a message that says so, at the include', async () => {
    const dir = await projects({
      'rel/a.md': release(),
      'templates/self/template.yaml': 'name: self\nextends: default\n',
      'templates/self/release.html.liquid': '<p>{% include "partials/a" %}</p>',
      'templates/self/partials/a.liquid': '{% if true %}{% include "partials/b" %}{% endif %}',
      'templates/self/partials/b.liquid': '{% include "partials/a" %}',
    });
    const result = await runMain(['build', 'rel', '--template', 'self', '--out', 'out', '--reporter', 'json', '--now', NOW], { cwd: dir });
    noCrash(result);
    expect(result.code).toBe(1);
    // At the include that closes the circle, naming it, not at whatever tag the 100th level happened to be.
    expect(diagnosticsOf(result.stdout)).toEqual([expect.objectContaining({
      file: 'templates/self/partials/b.liquid', line: 1, column: 1, ruleId: 'template/render',
      message: expect.stringMatching(/^The template partials\/b includes partials\/a, which leads back to it: partials\/a → partials\/b → partials\/a; the includes never end\./) as unknown,
    })]);
    // A partial named by a value, which the set's tags do not name, is stopped all the same.
    await writeFile(join(dir, 'templates/self/partials/b.liquid'), '{% assign next = "partials/a" %}{% include next %}');
    const dynamic = await runMain(['build', 'rel', '--template', 'self', '--out', 'out', '--reporter', 'json', '--now', NOW], { cwd: dir });
    noCrash(dynamic);
    expect(diagnosticsOf(dynamic.stdout)[0]).toMatchObject({
      ruleId: 'template/render',
      message: expect.stringMatching(/^The template renders blocks and includes nested more than 100 levels deep: a partial that includes itself, directly or through another, never ends\./) as unknown,
    });
  });

  it('a set folder that holds a whole tree of folders is refused, not walked', async () => {
    const dir = await projects({ 'rel/a.md': release(), 'templates/deep/template.yaml': 'name: deep\nextends: default\n' });
    let folder = join(dir, 'templates', 'deep');
    for (let i = 0; i < 12; i++) folder = join(folder, `d${i}`);
    await mkdir(folder, { recursive: true });
    await writeFile(join(folder, 'x.liquid'), 'x');
    const result = await runMain(['build', 'rel', '--template', 'deep', '--out', 'out', '--reporter', 'json', '--now', NOW], { cwd: dir });
    noCrash(result);
    expect(result.code).toBe(1);
    expect(diagnosticsOf(result.stdout)[0]!.message).toMatch(/nests folders more than 8 levels deep/);
    expect(result.stdout).not.toMatch(TERMINAL_HAZARDS);
  });
});

describe('front matter nested thousands of levels deep', () => {
  // The YAML composer recurses once per level and catches the stack it runs out of deep inside itself, where the
  // first use of a regular expression aborts the whole process (V8's "RegExpCompiler Allocation failed"), which no
  // catch can stop. The depth is read from the parser's tokens before composing: on a stack of 100 KB, which the
  // composer runs out of some 35 levels down, each file is still stopped at its first level past the limit of 64.
  it('is stopped at its first level past the limit before it is composed, even on a small stack', async () => {
    const head = '---\ntitle: T\ndate: 2026-05-14\nlang: en\n';
    const dir = await projects({
      'flow.md': `${head}nested: ${'['.repeat(5_000)}${']'.repeat(5_000)}\n---\nBody.\n`,
      'map.md': `${head}nested: ${'{a: '.repeat(5_000)}1${'}'.repeat(5_000)}\n---\nBody.\n`,
      'block.md': `${head}nested:\n  ${'- '.repeat(5_000)}x\n---\nBody.\n`,
      'indent.md': `${head}nested:\n${Array.from({ length: 200 }, (_, i) => `${' '.repeat(i + 1)}a:`).join('\n')} 1\n---\nBody.\n`,
    });
    const result = await runProcess(process.execPath, ['--stack-size=100', BIN, 'validate', '.', '--reporter', 'json', '--now', NOW], { cwd: dir, env: npmEnvironment() });
    noCrash(result);
    expect(result.code).toBe(1);
    expect(diagnosticsOf(result.stdout).map((d) => `${d.file}:${d.line}:${d.column} ${d.message}`)).toEqual(
      [['block.md', 6, 129], ['flow.md', 5, 72], ['indent.md', 69, 65], ['map.md', 5, 261]].map(([file, line, column]) => `${file}:${line}:${column} The YAML nests lists or mappings too deeply to be read.`));
  });
});
