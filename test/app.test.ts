import { readFile, readdir, utimes, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkProject, loadBody } from '../src/app/check.js';
import { openProject } from '../src/app/project.js';
import { main } from '../src/cli/main.js';
import { exitCodeFor } from '../src/cli/report.js';
import type { Diagnostic } from '../src/core/diagnostic.js';
import { RULES, ruleDocsUrl, type RuleId } from '../src/core/rules.js';
import { NOW, release, runMain, useProjects } from './helpers/cli.js';

const project = useProjects();
const now = Date.parse(NOW);

/** Runs `main()` in this process with raw bytes on standard input. */
async function mainWithStdin(args: string[], cwd: string, bytes: Uint8Array) {
  let stdout = '';
  let stderr = '';
  const code = await main(args, {
    cwd, env: { NO_COLOR: '1' }, isTTY: false, readStdin: async () => bytes,
    stdout: { write: (s: string) => (stdout += s) }, stderr: { write: (s: string) => (stderr += s) },
  });
  return { code, stdout, stderr };
}

describe('the application layer', () => {
  it('refuses to render a file that changed after it was checked, under its own rule', async () => {
    const dir = await project({ 'r/a.md': release() });
    const opened = await openProject({ cwd: dir, paths: ['r'] });
    const checked = await checkProject(opened, now);
    expect(checked.diagnostics).toEqual([]);
    const item = checked.releases[0]!;
    expect((await loadBody(item, opened.config)).ok).toBe(true);
    await writeFile(join(dir, 'r/a.md'), release({}, 'A different body that nobody checked.\n'));
    await utimes(join(dir, 'r/a.md'), new Date(), new Date(Date.now() + 5000));
    const loaded = await loadBody(item, opened.config);
    expect(loaded.ok).toBe(false);
    if (!loaded.ok) expect(loaded.diagnostic.ruleId).toBe('file/changed');
  });

  it('reads the body from where parsing says it starts, whatever the line endings and byte-order mark', async () => {
    const dir = await project({ 'r/a.md': `\uFEFF${release({}, 'First paragraph.\r\n\r\nSecond paragraph.\r\n').replace(/\n/g, '\r\n')}` });
    const opened = await openProject({ cwd: dir, paths: ['r'] });
    const checked = await checkProject(opened, now);
    const loaded = await loadBody(checked.releases[0]!, opened.config);
    expect(loaded.ok && loaded.body.tokens.map((t) => t.raw.trim()).filter(Boolean)).toEqual(['First paragraph.', 'Second paragraph.']);
  });

  it('warns of a second byte-order mark at 1:1, where the first is the encoding\'s signature, and --fix removes only the second', async () => {
    const text = release({ date: '2026-02-30' });
    const dir = await project({ 'r/one.md': `\uFEFF${text}`, 'r/two.md': `\uFEFF\uFEFF${text}` });
    const places = async () => {
      const result = await runMain(['validate', 'r', '--reporter', 'json'], { cwd: dir });
      return (JSON.parse(result.stdout) as { diagnostics: Diagnostic[] }).diagnostics.map((d) => `${d.file}:${d.line}:${d.column}-${d.endColumn ?? ''} ${d.ruleId}`);
    };
    // The date's place is the same in both files: neither mark is a line or a column of it.
    expect(await places()).toEqual(['r/one.md:3:7-17 schema/format', 'r/two.md:1:1-2 content/invisible-character', 'r/two.md:3:7-17 schema/format']);
    const stdin = await runMain(['validate', '-', '--reporter', 'json'], { cwd: dir, input: new TextEncoder().encode(`\uFEFF\uFEFF${text}`) });
    expect((JSON.parse(stdin.stdout) as { diagnostics: Diagnostic[] }).diagnostics.map((d) => `${d.line}:${d.column} ${d.ruleId}`)).toEqual(['1:1 content/invisible-character', '3:7 schema/format']);
    const fixed = await runMain(['validate', 'r', '--fix'], { cwd: dir });
    expect(fixed.stdout + fixed.stderr).toContain('Removed or replaced 1 invisible character in 1 file: r/two.md.');
    expect(await readFile(join(dir, 'r/two.md'), 'utf8')).toBe(`\uFEFF${text}`);
    expect(await places()).toEqual(['r/one.md:3:7-17 schema/format', 'r/two.md:3:7-17 schema/format']);
  });

  it('reports a template set that does not exist, or a file named as one, as a usage error, exit 2', async () => {
    const dir = await project({ 'r/a.md': release() });
    const result = await runMain(['build', 'r', '--template', 'no-such-set', '--now', NOW], { cwd: dir });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^migration-news: There is no template set named "no-such-set" \(no folder templates\/no-such-set, and no built-in set of that name\)\.\nhint: /);
    expect(await readdir(dir)).toEqual(['r']);
    // A file named in its place is there, and is said to be no folder.
    const file = await runMain(['build', 'r', '--template', 'r/a.md', '--now', NOW], { cwd: dir });
    expect(file.code).toBe(2);
    expect(file.stderr).toMatch(/^migration-news: The template folder r\/a\.md is a file, not a folder\.\nhint: /);
    expect((await runMain(['build', 'r', '--template', './no-such-folder', '--now', NOW], { cwd: dir })).stderr).toMatch(/^migration-news: The template folder \.\/no-such-folder does not exist\./);
    expect(await readdir(dir)).toEqual(['r']);
  });

  it('reports a broken template.yaml in build as a diagnostic at its place, exit 1, and writes nothing', async () => {
    const dir = await project({ 'r/a.md': release(), 'templates/custom/template.yaml': 'extends: default\nformats: html\n' });
    const result = await runMain(['build', 'r', '--template', 'custom', '--reporter', 'json', '--now', NOW], { cwd: dir });
    expect(result.code).toBe(1);
    const report = JSON.parse(result.stdout) as { diagnostics: Diagnostic[] };
    expect(report.diagnostics.map((d) => `${d.file}:${d.line}:${d.column} ${d.ruleId}`)).toEqual(['templates/custom/template.yaml:2:10 template/manifest']);
    expect(result.stderr).toMatch(/Nothing was written because of the errors above; dist was not created/);
    expect((await readdir(dir)).sort()).toEqual(['r', 'templates']);
  });
});

describe('validate - (standard input)', () => {
  it('applies the same size limit as a file, from the config', async () => {
    const dir = await project({ 'migration-news.config.yaml': 'limits:\n  maxFileSize: 100\n' });
    const big = new TextEncoder().encode(release({}, `${'word '.repeat(40)}\n`));
    const result = await mainWithStdin(['validate', '-', '--reporter', 'json', '--now', NOW], dir, big);
    expect(result.code).toBe(1);
    const [d] = (JSON.parse(result.stdout) as { diagnostics: Diagnostic[] }).diagnostics;
    expect(d?.ruleId).toBe('file/too-large');
    expect(d?.message).toMatch(/over the limit of 100 bytes/);
  });

  it('gives the same encoding diagnostics as a file: UTF-16 named as such', async () => {
    const dir = await project({});
    const utf16 = Buffer.from(`\ufeff${release()}`, 'utf16le');
    const fromStdin = await mainWithStdin(['validate', '-', '--stdin-filename', 'r/a.md', '--reporter', 'json', '--now', NOW], dir, utf16);
    await writeFile(join(dir, 'a.md'), utf16);
    const fromFile = await runMain(['validate', 'a.md', '--reporter', 'json', '--now', NOW], { cwd: dir });
    const message = (r: { stdout: string }) => (JSON.parse(r.stdout) as { diagnostics: Diagnostic[] }).diagnostics.map((d) => `${d.ruleId} ${d.message}`);
    expect(message(fromStdin)).toEqual(message(fromFile));
    expect(message(fromStdin)[0]).toMatch(/^file\/encoding The file is encoded as UTF-16/);
  });

  it('named with --stdin-filename, looks for its local images from that file\'s folder, as for the file', async () => {
    const text = release({}, '![Officers at the checkpoint](photo.png)\n');
    const dir = await project({ 'r/a.md': text });
    const fromStdin = await runMain(['validate', '-', '--stdin-filename', 'r/a.md', '--reporter', 'json', '--now', NOW], { cwd: dir, input: text });
    const fromFile = await runMain(['validate', 'r/a.md', '--reporter', 'json', '--now', NOW], { cwd: dir });
    expect(fromStdin.code).toBe(1);
    expect(fromStdin.stdout).toBe(fromFile.stdout);
    expect((JSON.parse(fromStdin.stdout) as { diagnostics: Diagnostic[] }).diagnostics.map((d) => `${d.file} ${d.ruleId} ${d.message}`))
      .toEqual(['r/a.md content/image-file The image "photo.png" does not exist: there is no file r/photo.png.']);
  });
});

describe('the rule catalogue decides', () => {
  const diagnostic = (ruleId: RuleId): Diagnostic => ({ file: 'x', line: 1, column: 1, severity: 'error', ruleId, message: 'M.' });

  it('the exit code by the kind of rule, not by its name', () => {
    const runRules = (Object.keys(RULES) as RuleId[]).filter((id) => RULES[id].kind === 'run');
    expect(runRules).toEqual(['output/write']);
    for (const id of Object.keys(RULES) as RuleId[]) {
      expect(exitCodeFor([diagnostic(id)], { strict: false }), id).toBe(RULES[id].kind === 'run' ? 2 : 1);
    }
  });

  it('each rule\'s documentation link, an anchor in the README rule table', async () => {
    const { readFile } = await import('node:fs/promises');
    const readme = await readFile(new URL('../README.md', import.meta.url), 'utf8');
    for (const id of Object.keys(RULES) as RuleId[]) {
      const anchor = new URL(ruleDocsUrl(id)).hash.slice(1);
      expect(readme, id).toContain(`<a id="${anchor}"></a>\`${id}\``);
    }
  });

  it('gives the JSON report a url and SARIF a helpUri for every diagnostic', async () => {
    const dir = await project({ 'a.md': release({ auther: 'x' }) });
    const json = JSON.parse((await runMain(['validate', '.', '--reporter', 'json', '--now', NOW], { cwd: dir })).stdout) as { diagnostics: { ruleId: RuleId; url: string }[] };
    expect(json.diagnostics.map((d) => d.url)).toEqual([ruleDocsUrl('schema/unknown-key')]);
    const sarif = JSON.parse((await runMain(['validate', '.', '--reporter', 'sarif', '--now', NOW], { cwd: dir })).stdout) as { runs: { tool: { driver: { rules: { id: string; helpUri: string }[] } } }[] };
    expect(sarif.runs[0]!.tool.driver.rules).toEqual([expect.objectContaining({ id: 'schema/unknown-key', helpUri: ruleDocsUrl('schema/unknown-key') })]);
  });

  it('that a fixed rule cannot be weakened, under its own rule id', async () => {
    const dir = await project({ 'migration-news.config.yaml': 'rules:\n  schema/required: "off"\n', 'a.md': release() });
    const json = JSON.parse((await runMain(['validate', '.', '--reporter', 'json', '--now', NOW], { cwd: dir })).stdout) as { diagnostics: Diagnostic[] };
    expect(json.diagnostics.map((d) => `${d.ruleId} ${d.severity}`)).toEqual(['config/rule-fixed warning']);
  });

  it('that `rules:` written as a list is an error saying a mapping is wanted, in words', async () => {
    const dir = await project({ 'migration-news.config.yaml': 'rules: [content/raw-html]\n', 'a.md': release() });
    const result = await runMain(['validate', '.', '--reporter', 'json', '--now', NOW], { cwd: dir });
    expect(result.code).toBe(1);
    const json = JSON.parse(result.stdout) as { diagnostics: Diagnostic[] };
    expect(json.diagnostics.map((d) => [d.ruleId, d.message, d.expected])).toEqual([['schema/type', '`rules` must be a mapping, but it is a list.', 'a mapping']]);
  });

  it('that a page size with a fraction is an error saying a whole number is wanted, in words', async () => {
    const dir = await project({ 'migration-news.config.yaml': 'site:\n  pageSize: 12.5\n  feedSize: 20\n', 'a.md': release() });
    const result = await runMain(['validate', '.', '--reporter', 'json', '--now', NOW], { cwd: dir });
    expect(result.code).toBe(1);
    const json = JSON.parse(result.stdout) as { diagnostics: Diagnostic[] };
    expect(json.diagnostics.map((d) => [d.ruleId, d.message, d.expected])).toEqual([['schema/type', '`site.pageSize` must be a whole number, but it is the number 12.5.', 'a whole number']]);
  });
});
