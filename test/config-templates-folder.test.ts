import { symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { NOW, release, runMain, useProjects } from './helpers/cli.js';
import { editorLines, textAt, type JsonReport } from './helpers/rule-fixtures.js';

/** The config's `templates` folder: a path that leads to no folder is said at its line, by `validate` and `build` alike. */

const project = useProjects();

const CONFIG = 'languages: [en]\ntemplates: ./tempaltes\n';
const SET = { 'templates/mine/template.yaml': 'extends: default\n', 'templates/mine/partials/contacts.liquid': '<p class="mine">Press office</p>\n' };

const configProblems = (stdout: string) => (JSON.parse(stdout) as JsonReport).diagnostics.filter((d) => d.file === 'migration-news.config.yaml');

describe('a config `templates` that names no folder', () => {
  it('is a warning at its value in validate, with the folder it was likely meant to be', async () => {
    const dir = await project({ 'migration-news.config.yaml': CONFIG, 'releases/a.md': release(), ...SET });
    const result = await runMain(['validate', 'releases', '--reporter', 'json', '--now', NOW], { cwd: dir });
    const [d, ...more] = configProblems(result.stdout);
    expect(more).toEqual([]);
    expect(d?.ruleId).toBe('config/templates-folder');
    expect(d?.severity).toBe('warning');
    expect(textAt(await editorLines(join(dir, 'migration-news.config.yaml')), d!.line, d!.column, d!.endLine, d!.endColumn)).toBe('./tempaltes');
    expect(d?.message).toContain('does not exist');
    expect(d?.hint).toContain('`./templates`');
    expect(result.code).toBe(0);
  });

  it('is the same warning in build, which says so instead of building with the built-in look in silence', async () => {
    const dir = await project({ 'migration-news.config.yaml': CONFIG, 'releases/a.md': release() });
    const result = await runMain(['build', 'releases', '--out', 'dist', '--reporter', 'json', '--now', NOW], { cwd: dir });
    expect(configProblems(result.stdout).map((d) => `${d.ruleId} ${d.severity} ${d.line}:${d.column}`)).toEqual(['config/templates-folder warning 2:12']);
    expect(result.code).toBe(0);
    const plain = await runMain(['build', 'releases', '--out', 'dist2', '--now', NOW], { cwd: dir, env: { NO_COLOR: '1' } });
    expect(plain.stdout + plain.stderr).toMatch(/migration-news\.config\.yaml\n\s+2:12\s+warning\s+`templates` names "\.\/tempaltes", which does not exist/);
    expect(plain.code).toBe(0);
  });

  it('is an error that stops the build when raised to one in `rules`', async () => {
    const dir = await project({ 'migration-news.config.yaml': `${CONFIG}rules:\n  config/templates-folder: error\n`, 'releases/a.md': release() });
    const validate = await runMain(['validate', 'releases', '--reporter', 'json', '--now', NOW], { cwd: dir });
    expect(configProblems(validate.stdout).map((d) => `${d.ruleId} ${d.severity}`)).toEqual(['config/templates-folder error']);
    expect(validate.code).toBe(1);
    const build = await runMain(['build', 'releases', '--out', 'dist', '--reporter', 'json', '--now', NOW], { cwd: dir });
    expect(configProblems(build.stdout).map((d) => `${d.ruleId} ${d.severity}`)).toEqual(['config/templates-folder error']);
    expect(build.code).toBe(1);
  });

  it('stops validate and build with an error naming the folder when the set asked for is not found anywhere else', async () => {
    const dir = await project({ 'migration-news.config.yaml': CONFIG, 'releases/a.md': release() });
    for (const command of [['validate', 'releases'], ['build', 'releases', '--out', 'dist']]) {
      const result = await runMain([...command, '--template', 'mine', '--now', NOW], { cwd: dir });
      expect(result.code, command[0]).toBe(2);
      expect(result.stderr, command[0]).toContain('There is no template set named "mine"');
      expect(result.stderr, command[0]).toMatch(/`templates` in migration-news\.config\.yaml names .*tempaltes.*, which does not exist/);
    }
  });

  it('says, where it lies outside the project, why a set of it is not found, in validate, build, new and the template commands alike', async () => {
    // Only build said so: validate, templates list and templates check said the set was nowhere, and to run `templates list`.
    const shared = await project({ 'press/template.yaml': 'name: press\nextends: default\n' });
    const dir = await project({ 'migration-news.config.yaml': `languages: [en]\ntemplates: ${JSON.stringify(shared)}\n`, 'releases/a.md': release() });
    const commands = [
      ['validate', 'releases', '--template', 'press', '--now', NOW],
      ['build', 'releases', '--out', 'dist', '--template', 'press', '--now', NOW],
      ['templates', 'list', '--template', 'press'],
      ['templates', 'check', 'press', 'releases', '--now', NOW],
      ['new', 'A title', '--lang', 'en', '--dir', 'releases', '--template', 'press'],
    ];
    for (const command of commands) {
      const result = await runMain(command, { cwd: dir });
      expect(result.code, command.join(' ')).toBe(2);
      expect(result.stderr, command.join(' ')).toMatch(/There is no template set named "press" \(no folder templates\/press, and no built-in set of that name\)\. `templates` names ".*", which lies outside the project/);
      expect(result.stderr, command.join(' ')).toContain('hint: Keep the template sets in the project, in a folder beside the config file or below it.');
    }
  });

  it('says only that a folder outside the project is not read: not whether it exists, nor what lies beside it', async () => {
    const elsewhere = await project({ 'templates-secret-name/x/template.yaml': 'extends: default\n', 'a-file': 'x\n' });
    const messages = [];
    for (const written of [join(elsewhere, 'templates-secret-nam'), join(elsewhere, 'templates-secret-name'), join(elsewhere, 'a-file'), '../../nowhere/at/all']) {
      const dir = await project({ 'migration-news.config.yaml': `languages: [en]\ntemplates: ${JSON.stringify(written)}\n`, 'releases/a.md': release() });
      const result = await runMain(['validate', 'releases', '--reporter', 'json', '--now', NOW], { cwd: dir });
      const [d, ...more] = configProblems(result.stdout);
      expect(more).toEqual([]);
      expect(d?.ruleId).toBe('config/templates-folder');
      expect(`${d?.message} ${d?.hint}`).not.toContain('secret-name`');
      messages.push(d!.message.replace(JSON.stringify(written), 'X'));
    }
    expect(new Set(messages).size).toBe(1);
    expect(messages[0]).toContain('lies outside the project');
  });

  it('looks through no link that leads out, to a folder there or not, and the sets looked up never look there', async () => {
    const elsewhere = await project({ 'secret-place/inner/x/template.yaml': 'extends: default\n', 'secret-place/a-file': 'x\n' });
    const dir = await project({ 'releases/a.md': release(), 'templates/default/template.yaml': 'extends: probe\n' });
    await symlink(join(elsewhere, 'secret-place'), join(dir, 'esc'));
    // A link out to nothing leads out as one to a folder that is there.
    await symlink(join(elsewhere, 'no-such-place'), join(dir, 'gone'));
    const messages = [];
    for (const written of ['esc/inner', 'esc/nothing', 'esc/inne', 'esc/a-file', join(elsewhere, 'no-such-place'), join(elsewhere, 'secret-place', 'a-file'), 'gone', 'gone/inner']) {
      await writeFile(join(dir, 'migration-news.config.yaml'), `languages: [en]\ntemplates: ${JSON.stringify(written)}\n`);
      const result = await runMain(['build', 'releases', '--out', 'out', '--reporter', 'json', '--now', NOW], { cwd: dir });
      const report = JSON.parse(result.stdout) as JsonReport;
      const [d] = configProblems(result.stdout);
      messages.push(d!.message.replace(JSON.stringify(written), 'X'));
      // What the config says itself aside: nothing of what is there.
      const said = report.diagnostics.map((p) => `${p.message} ${p.hint ?? ''}`).join('\n').split(JSON.stringify(written)).join('X');
      expect(said, written).not.toMatch(/inner|does not exist|a file, not a folder|Did you mean/);
    }
    expect(new Set(messages).size).toBe(1);
    // A link that leads back into the project is the project's folder, said to be missing as it is.
    await symlink(dir, join(dir, 'here'));
    await writeFile(join(dir, 'migration-news.config.yaml'), 'languages: [en]\ntemplates: here/setz\n');
    const [back] = configProblems((await runMain(['validate', 'releases', '--reporter', 'json', '--now', NOW], { cwd: dir })).stdout);
    expect(back?.message).toContain('does not exist');
  });

  it('is a warning when it names a file, not a folder', async () => {
    const dir = await project({ 'migration-news.config.yaml': 'languages: [en]\ntemplates: sets.yaml\n', 'sets.yaml': 'x: 1\n', 'releases/a.md': release() });
    const result = await runMain(['validate', 'releases', '--reporter', 'json', '--now', NOW], { cwd: dir });
    const [d] = configProblems(result.stdout);
    expect(d?.ruleId).toBe('config/templates-folder');
    expect(d?.message).toContain('a file, not a folder');
  });

  it('leaves in the search a release file it names, which holds no set', async () => {
    const dir = await project({ 'migration-news.config.yaml': 'languages: [en]\ntemplates: releases/a.md\n', 'releases/a.md': release() });
    const result = await runMain(['validate', 'releases', '--reporter', 'json', '--now', NOW], { cwd: dir });
    expect(result.code, result.stderr).toBe(0);
    expect(configProblems(result.stdout).map((d) => d.ruleId)).toEqual(['config/templates-folder']);
    expect((JSON.parse(result.stdout) as JsonReport & { summary: { files: number } }).summary.files).toBe(1);
  });

  it('is not reported for a folder that exists, nor when the setting is turned off', async () => {
    const good = await project({ 'migration-news.config.yaml': 'languages: [en]\ntemplates: ./templates\n', 'releases/a.md': release(), ...SET });
    const clean = await runMain(['build', 'releases', '--out', 'dist', '--template', 'mine', '--reporter', 'json', '--now', NOW], { cwd: good });
    expect(configProblems(clean.stdout)).toEqual([]);
    expect(clean.code).toBe(0);
    const off = await project({ 'migration-news.config.yaml': `${CONFIG}rules:\n  config/templates-folder: "off"\n`, 'releases/a.md': release() });
    const quiet = await runMain(['validate', 'releases', '--reporter', 'json', '--now', NOW], { cwd: off });
    expect(configProblems(quiet.stdout)).toEqual([]);
  });
});

describe('a set named on the command line, with a config file that has errors', () => {
  it('is not found, and the usage error says that the config\'s `templates` folder was not read for its errors', async () => {
    const dir = await project({
      'ci/press.yaml': 'site:\n  url: press.example.az\ntemplates: sets\n',
      'ci/sets/press/template.yaml': 'extends: default\n',
      'releases/a.md': release(),
    });
    const result = await runMain(['build', 'releases', '--config', 'ci/press.yaml', '--template', 'press', '--out', 'dist', '--now', NOW], { cwd: dir });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('There is no template set named "press" (no folder ci/templates/press, and no built-in set of that name). The config file ci/press.yaml has errors, so its settings are not read, nor any `templates` folder it names.');
    expect(result.stderr).toContain('hint: Correct the config file (`migration-news validate` lists its problems, the first at line 2), then name the set again.');
    // Corrected, the set is found.
    await writeFile(join(dir, 'ci/press.yaml'), 'site:\n  url: https://press.example.az\ntemplates: sets\n');
    expect((await runMain(['build', 'releases', '--config', 'ci/press.yaml', '--template', 'press', '--out', 'dist', '--now', NOW], { cwd: dir })).code).toBe(0);
  });
});
