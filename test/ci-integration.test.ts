import { spawnSync } from 'node:child_process';
import { readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { BIN, release, ROOT, runProcess, useProjects } from './helpers/cli.js';

/** Runs a step's script as GitHub runs `shell: bash`. */
const bash = (script: string, options: { cwd: string; env: Record<string, string> }) =>
  runProcess('bash', ['--noprofile', '--norc', '-eo', 'pipefail', '-c', script], { cwd: options.cwd, env: { PATH: process.env.PATH ?? '', NO_COLOR: '1', ...options.env } });

interface Step { name?: string; id?: string; uses?: string; run?: string; shell?: string; if?: string; env?: Record<string, string>; with?: Record<string, string> }
interface Action {
  name: string;
  description: string;
  inputs: Record<string, { description: string; required?: boolean; default?: string }>;
  outputs: Record<string, { value: string }>;
  runs: { using: string; steps: Step[] };
}

const project = useProjects();

async function action(): Promise<Action> {
  return parse(await readFile(join(ROOT, 'action.yml'), 'utf8')) as Action;
}


function outputs(text: string): Record<string, string> {
  return Object.fromEntries(text.trim().split('\n').filter(Boolean).map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)]));
}

describe('the GitHub Action (action.yml)', () => {
  it('is a composite action with the documented inputs, and uploads SARIF', async () => {
    const a = await action();
    expect(a.runs.using).toBe('composite');
    expect(Object.keys(a.inputs)).toEqual(expect.arrayContaining(['paths', 'reporter', 'strict']));
    expect(a.inputs.paths!.default).toBe('.');
    expect(a.inputs.reporter!.default).toBe('github');
    expect(a.inputs.strict!.default).toBe('false');
    for (const input of Object.values(a.inputs)) expect(input.description.length).toBeGreaterThan(10);
    const upload = a.runs.steps.find((s) => s.uses?.startsWith('github/codeql-action/upload-sarif@'));
    expect(upload?.with?.sarif_file).toBe('${{ steps.validate.outputs.sarif-file }}');
    expect(upload?.if).toMatch(/always\(\)/);
    // Every shell step names its shell (composite actions require it), and no input is pasted into a script.
    for (const step of a.runs.steps.filter((s) => s.run !== undefined)) {
      expect(step.shell).toBe('bash');
      expect(step.run).not.toMatch(/\$\{\{/);
    }
    // The README shows it in use with the inputs it has.
    const readme = await readFile(join(ROOT, 'README.md'), 'utf8');
    expect(readme).toMatch(/uses: OWNER\/migration-news@v\d/);
  });

  it('uses the actions\' majors that run on Node 24, and leaves the caller\'s package manager alone', async () => {
    const a = await action();
    const readme = await readFile(join(ROOT, 'README.md'), 'utf8');
    // The majors before these run on Node 20, past its end of life, which runners warn of and no longer provide: v3 of
    // codeql-action is deprecated. Each line of the action and of the README's workflows names one of these or a later one.
    const oldest: Record<string, number> = { 'actions/setup-node': 6, 'github/codeql-action/upload-sarif': 4, 'actions/checkout': 6 };
    const uses = [...a.runs.steps.flatMap((s) => (s.uses ? [s.uses] : [])), ...[...readme.matchAll(/uses: ([\w./-]+@v\d+)/g)].map((m) => m[1]!)];
    for (const use of uses) {
      const [name, major] = use.split('@v') as [string, string];
      if (oldest[name] !== undefined) expect(Number(major), use).toBeGreaterThanOrEqual(oldest[name]);
    }
    expect(uses.filter((use) => use.startsWith('actions/setup-node@'))).toHaveLength(1);
    // setup-node caches the packages of the repository's own package manager when its package.json names one, and fails
    // where that is Yarn without Corepack: the action installs only its own dependencies, in its own folder.
    expect(a.runs.steps.find((s) => s.uses?.startsWith('actions/setup-node@'))?.with?.['package-manager-cache']).toBe(false);
    // The Node that runs the tool by default is past Node 20's end of life too, one the package's engines take, and the README says which.
    const node = a.inputs['node-version']!.default!;
    expect(Number(node)).toBeGreaterThanOrEqual(22);
    const engines = (JSON.parse(await readFile(join(ROOT, 'package.json'), 'utf8')) as { engines: { node: string } }).engines.node;
    expect(engines).toMatch(/^>=20\./);
    expect(readme).toContain(`| \`node-version\` | \`${node}\` |`);
  });

  it('validates, writes SARIF and reports the exit code, as its steps run on a runner', async () => {
    const a = await action();
    const validate = a.runs.steps.find((s) => s.id === 'validate')!;
    const fail = a.runs.steps.find((s) => s.name === 'Fail on problems')!;
    const dir = await project({
      'releases/good.md': release(),
      'releases/bad.md': release({ title: 'Bad', date: '2026-02-30' }),
      'releases/warn.md': release({ title: 'Warned', colour: 'blue' }),
      'releases/notes.txt': 'Not a release.\n',
    });
    const run = async (inputs: Record<string, string>) => {
      const env = { INPUT_PATHS: '.', INPUT_REPORTER: 'github', INPUT_STRICT: 'false', ...inputs, MIGRATION_NEWS: BIN, RUNNER_TEMP: dir, GITHUB_OUTPUT: join(dir, `output-${Math.random()}`) };
      const result = await bash(validate.run!, { cwd: dir, env });
      return { ...result, outputs: outputs(await readFile(env.GITHUB_OUTPUT, 'utf8').catch(() => '')) };
    };

    // Given empty, the category is the default, for the report's file and its upload alike.
    const all = await run({ INPUT_PATHS: 'releases', INPUT_CATEGORY: '' });
    expect(all.code).toBe(0);
    expect(all.outputs['exit-code']).toBe('1');
    expect(all.stdout).toMatch(/::error file=releases\/bad\.md,line=3/);
    // The note on files left out is the log run's; the SARIF run's copy of it is not shown too.
    expect(all.stderr.match(/In the folders searched: skipped 1 file/g)).toHaveLength(1);
    const sarif = JSON.parse(await readFile(all.outputs['sarif-file']!, 'utf8')) as { runs: { results: { ruleId: string }[] }[] };
    expect(sarif.runs[0]!.results.map((r) => r.ruleId).sort()).toEqual(['schema/format', 'schema/unknown-key']);

    // Each run below also gives the inputs that only the script reads (upload-sarif, category) values of their own: how it reads
    // them is seen in these runs, without more runs of migration-news for them alone. Paths are split on new lines and on spaces.
    const strict = await run({ INPUT_PATHS: 'releases/good.md\nreleases/warn.md', INPUT_STRICT: 'true', INPUT_UPLOAD_SARIF: '1', INPUT_CATEGORY: 'releases ru' });
    expect(strict.outputs['exit-code']).toBe('1');
    // A glob reaches migration-news as written; a warning without strict passes.
    const glob = await run({ INPUT_PATHS: 'releases/g*.md releases/warn.md', INPUT_REPORTER: 'stylish', INPUT_UPLOAD_SARIF: 'no', INPUT_CATEGORY: 'releases/en' });
    expect(glob.outputs['exit-code']).toBe('0');
    expect(glob.stdout).toMatch(/^releases\/warn\.md\n.*warning/m);
    expect(glob.stdout).toMatch(/\(0 errors, 1 warning, 0 info\) in 1 file; 2 files checked/);
    const badUpload = await run({ INPUT_UPLOAD_SARIF: 'ture' });
    expect(badUpload.code).toBe(2);
    expect(badUpload.stdout).toMatch(/::error title=migration-news::The input upload-sarif must be true or false, not "ture"/);
    expect(a.runs.steps.find((s) => s.uses?.startsWith('github/codeql-action/upload-sarif@'))?.if).toMatch(/steps\.validate\.outputs\.upload == 'true'/);
    const badInput = await run({ INPUT_STRICT: 'sometimes' });
    expect(badInput.code).toBe(2);
    expect(badInput.stdout).toMatch(/::error title=migration-news::The input strict must be true or false/);
    // An input that looks like a command is a path that does not exist, not a command.
    const hostile = await run({ INPUT_PATHS: '$(touch pwned) ;touch pwned2', INPUT_UPLOAD_SARIF: 'yes' });
    expect(hostile.outputs['exit-code']).toBe('2');
    await expect(readFile(join(dir, 'pwned'))).rejects.toThrow();
    await expect(readFile(join(dir, 'pwned2'))).rejects.toThrow();
    // upload-sarif is read as strict is: `yes` and `1` upload, `no` does not, and a typo is an error, not a silent `false`.
    expect([hostile.outputs.upload, strict.outputs.upload, glob.outputs.upload, all.outputs.upload]).toEqual(['true', 'true', 'false', 'true']);

    // Two uses in one job (the runs with the glob and with strict), each with a category of its own: two reports, and each upload
    // under its category.
    expect([glob.outputs['sarif-file'], strict.outputs['sarif-file']]).toEqual([join(dir, 'releases-en.sarif'), join(dir, 'releases-ru.sarif')]);
    expect(all.outputs['sarif-file']).toBe(join(dir, 'migration-news.sarif'));
    expect(a.inputs.category!.default).toBe('migration-news');
    expect(a.runs.steps.find((s) => s.uses?.startsWith('github/codeql-action/upload-sarif@'))?.with?.category).toBe("${{ inputs.category || 'migration-news' }}");

    expect((await bash(fail.run!, { cwd: dir, env: { CODE: '1' } })).code).toBe(1);
  }, 30_000);
});

describe('the GitHub Action after a usage error, and its own messages', () => {
  const runValidate = async (dir: string, inputs: Record<string, string>) => {
    const validate = (await action()).runs.steps.find((s) => s.id === 'validate')!;
    const env = { INPUT_PATHS: '.', INPUT_REPORTER: 'github', INPUT_STRICT: 'false', MIGRATION_NEWS: BIN, ...inputs, RUNNER_TEMP: dir, GITHUB_WORKSPACE: dir, GITHUB_OUTPUT: join(dir, `output-${Math.random()}`) };
    const result = await bash(validate.run!, { cwd: dir, env });
    return { ...result, outputs: outputs(await readFile(env.GITHUB_OUTPUT, 'utf8').catch(() => '')) };
  };

  it('uploads no SARIF (none was written), says why, and fails the job with the real error', async () => {
    const a = await action();
    const upload = a.runs.steps.find((s) => s.uses?.startsWith('github/codeql-action/upload-sarif@'))!;
    expect(upload.if).toMatch(/steps\.validate\.outputs\.sarif-file != ''/);
    const dir = await project({ 'releases/good.md': release() });
    const result = await runValidate(dir, { INPUT_PATHS: 'releses' });
    expect(result.code).toBe(0);
    expect(result.outputs['exit-code']).toBe('2');
    // No sarif-file output, so the upload step is skipped, and no empty report is left for anything else to pick up.
    expect(result.outputs['sarif-file']).toBeUndefined();
    await expect(readFile(join(dir, 'migration-news.sarif'))).rejects.toThrow();
    expect(result.stderr).toMatch(/No such file, folder or match: releses/);
    // Said once, by the run for the log, not again by the SARIF run; nor is the SARIF run's copy of it left behind.
    expect(result.stderr.match(/No such file, folder or match/g)).toHaveLength(1);
    expect((await readdir(dir)).filter((name) => name.startsWith('migration-news.sarif'))).toEqual([]);
    expect(result.stdout).toMatch(/^::notice title=migration-news::No SARIF report to upload/m);
    const fail = a.runs.steps.find((s) => s.name === 'Fail on problems')!;
    expect(fail.if).toMatch(/steps\.validate\.outputs\.exit-code != '0'/);
    expect((await bash(fail.run!, { cwd: dir, env: { CODE: result.outputs['exit-code']! } })).code).toBe(2);
  }, 30_000);

  it('fails with the SARIF run\'s error even if the run for the log did not fail', async () => {
    const dir = await project({ 'releases/good.md': release() });
    // A migration-news that fails only when asked for SARIF, as a failure of the tool itself might.
    const flaky = join(dir, 'flaky.js');
    await writeFile(flaky, 'if (process.argv.includes("sarif")) { console.error("migration-news: internal error."); process.exit(2); }\n');
    const result = await runValidate(dir, { MIGRATION_NEWS: flaky });
    expect(result.outputs['exit-code']).toBe('2');
    expect(result.outputs['sarif-file']).toBeUndefined();
    expect(result.stderr.match(/internal error/g)).toHaveLength(1);
  }, 30_000);

  it('takes every path for a path, one that starts with a dash too, so that no path can turn on an option', async () => {
    // A zero-width space in the text, which `validate --fix` would take out, rewriting the file.
    const text = release({}, 'The centre opens\u200b today.\n');
    const dir = await project({ 'releases/good.md': text });
    // Before, `--fix` rewrote the checkout's files, and `--help` printed the help, exited 0 and passed the job, having checked nothing.
    // Both in one run: either taken for an option fails it (help exits 0 before any path is read).
    const run = await runValidate(dir, { INPUT_PATHS: '--fix --help releases' });
    expect(run.outputs['exit-code']).toBe('2');
    expect(run.stderr).toMatch(/No such file, folder or match: --fix/);
    expect(await readFile(join(dir, 'releases/good.md'), 'utf8')).toBe(text);
    expect(run.stdout).not.toMatch(/Usage:/);
    expect(run.outputs['sarif-file']).toBeUndefined();
  }, 30_000);

  it('writes a bad strict input into its error escaped, so it cannot end the message or start another command', async () => {
    const dir = await project({ 'releases/good.md': release() });
    const result = await runValidate(dir, { INPUT_STRICT: 'yes please 100%0A\r\n::warning file=x::injected' });
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('::error title=migration-news::The input strict must be true or false, not "yes please 100%250A%0D%0A::warning file=x::injected".\n');
  }, 30_000);
});

describe('the GitHub Action in a monorepo: releases in press/, working-directory: press', () => {
  it('annotates and uploads the files by their path from the repository\'s root, where GitHub looks for them', async () => {
    const validate = (await action()).runs.steps.find((s) => s.id === 'validate')!;
    const workspace = await project({
      'README.md': '# A repository with more than releases\n',
      'press/releases/good.md': release(),
      'press/releases/bad.md': release({ title: 'Bad', date: '2026-02-30' }),
    });
    const env = { INPUT_PATHS: 'releases', INPUT_REPORTER: 'github', INPUT_STRICT: 'false', MIGRATION_NEWS: BIN, RUNNER_TEMP: workspace, GITHUB_WORKSPACE: workspace, GITHUB_OUTPUT: join(workspace, 'output') };
    const result = await bash(validate.run!, { cwd: join(workspace, 'press'), env });
    const out = outputs(await readFile(env.GITHUB_OUTPUT, 'utf8'));
    expect(out['exit-code']).toBe('1');
    expect(result.stdout).toMatch(/^::error file=press\/releases\/bad\.md,line=3,/m);
    const sarif = JSON.parse(await readFile(out['sarif-file']!, 'utf8')) as { runs: { results: { locations: { physicalLocation: { artifactLocation: { uri: string } } }[] }[] }[] };
    // upload-sarif resolves a relative URI from its checkout_path, github.workspace by default.
    expect(sarif.runs[0]!.results.map((r) => r.locations[0]!.physicalLocation.artifactLocation.uri)).toEqual(['press/releases/bad.md']);
  }, 30_000);
});

describe('the hand-written monorepo workflow in the README ("Releases below the repository\'s root")', () => {
  async function readmeSteps(): Promise<Step[]> {
    const readme = await readFile(join(ROOT, 'README.md'), 'utf8');
    const block = /\*\*Releases below the repository's root\.\*\*[\s\S]*?```yaml\n([\s\S]*?)```/.exec(readme)![1]!;
    return parse(block) as Step[];
  }

  it('uploads SARIF that names files from the repository\'s root, and nothing after a usage error', async () => {
    const steps = await readmeSteps();
    const validate = steps.find((s) => s.id === 'validate')! as Step & { 'working-directory': string };
    const upload = steps.find((s) => s.uses?.startsWith('github/codeql-action/upload-sarif@'))!;
    expect(validate['working-directory']).toBe('press');
    expect(upload.if).toBe("${{ !cancelled() && steps.validate.outputs.sarif-file != '' }}");
    expect(upload.with?.sarif_file).toBe('${{ steps.validate.outputs.sarif-file }}');
    const script = validate.run!.replace(/npx migration-news/g, 'node "$BIN"');
    const workspace = await project({ 'press/releases/bad.md': release({ date: '2026-02-30' }) });
    const run = async () => {
      const env = { BIN, RUNNER_TEMP: workspace, GITHUB_WORKSPACE: workspace, GITHUB_OUTPUT: join(workspace, `output-${Math.random()}`) };
      const result = await bash(script, { cwd: join(workspace, 'press'), env });
      return { ...result, outputs: outputs(await readFile(env.GITHUB_OUTPUT, 'utf8').catch(() => '')) };
    };
    const problems = await run();
    expect(problems.code).toBe(1);
    const sarif = JSON.parse(await readFile(problems.outputs['sarif-file']!, 'utf8')) as { runs: { results: { locations: { physicalLocation: { artifactLocation: { uri: string } } }[] }[] }[] };
    expect(sarif.runs[0]!.results[0]!.locations[0]!.physicalLocation.artifactLocation.uri).toBe('press/releases/bad.md');
    await rm(join(workspace, 'press', 'releases'), { recursive: true });
    const usage = await run();
    expect(usage.code).toBe(2);
    expect(usage.stderr).toMatch(/releases/);
    expect(usage.outputs['sarif-file']).toBeUndefined();
  }, 30_000);
});

describe('the pre-commit hook (.pre-commit-hooks.yaml)', () => {
  it('runs the validate command of this package on the staged Markdown files', async () => {
    const hooks = parse(await readFile(join(ROOT, '.pre-commit-hooks.yaml'), 'utf8')) as { id: string; entry: string; language: string; types?: string[]; pass_filenames?: boolean }[];
    const hook = hooks.find((h) => h.id === 'migration-news-validate');
    expect(hook).toMatchObject({ language: 'node', types: ['markdown'], pass_filenames: true });
    const [bin, ...args] = hook!.entry.split(' ');
    const pkg = JSON.parse(await readFile(join(ROOT, 'package.json'), 'utf8')) as { bin: Record<string, string> };
    expect(pkg.bin[bin!]).toBeDefined();
    expect(args[0]).toBe('validate');
    // pre-commit appends the staged file names to the entry.
    const dir = await project({ 'a.md': release(), 'b.md': release({ title: 'B', lang: 'fr' }) });
    // One run for both: the one with a problem is named and fails the commit; the clean one passes, unnamed.
    const failing = await bash(`node "$BIN" ${args.join(' ')} a.md b.md`, { cwd: dir, env: { BIN: join(ROOT, pkg.bin[bin!]!) } });
    expect(failing.code).toBe(1);
    expect(failing.stdout).toMatch(/^b\.md$/m);
    expect(failing.stdout).not.toMatch(/^a\.md$/m);
    expect(failing.stdout).toMatch(/in 1 file; 2 files checked/);
  }, 30_000);
});

describe('the pre-commit hook without the framework, as the README shows it', () => {
  const hasGit = spawnSync('git', ['--version']).status === 0;

  /** The hook's lines from README, "Standard input, for editors and pre-commit hooks", run with this checkout's binary. */
  async function readmeHook(): Promise<string> {
    const readme = await readFile(join(ROOT, 'README.md'), 'utf8');
    const section = /### Standard input, for editors and pre-commit hooks[\s\S]*?```sh\n([\s\S]*?)```/.exec(readme)![1]!;
    const hook = section.slice(section.indexOf('# .git/hooks/pre-commit'));
    expect(hook).toMatch(/npx migration-news validate -/);
    return hook.replace(/npx migration-news/g, 'node "$BIN"');
  }

  it.skipIf(!hasGit)('checks the staged releases, whatever letters their names have, and no other Markdown file', async () => {
    const hook = await readmeHook();
    const dir = await project({
      'releases/az/gəncə mərkəzi.md': release({ title: 'Gəncədə yeni mərkəz', lang: 'az' }),
      'releases/ru/центр.md': release({ title: 'Новый центр', lang: 'ru' }),
      'README.md': '# Press releases\n\nHow we write them.\n',
      'docs/style.md': 'No front matter here.\n',
    });
    // Git as a new user has it: no settings of the machine or of whoever runs the tests (core.quotePath among them).
    const env = { BIN, HOME: dir, GIT_CONFIG_NOSYSTEM: '1' };
    const git = (...args: string[]) => runProcess('git', args, { cwd: dir, env: { PATH: process.env.PATH ?? '', ...env } });
    expect((await git('init', '-q')).code).toBe(0);
    expect((await git('add', '-A')).code).toBe(0);
    const clean = await bash(hook, { cwd: dir, env });
    // One check for each of the two releases, and none for README.md or docs/style.md.
    expect(clean.stdout).toBe('No problems in 1 file.\n'.repeat(2));
    expect(clean.stderr).toBe('');
    expect(clean.code).toBe(0);
    // A staged mistake stops the commit, named by its file; what is in the working tree instead does not count.
    const broken = release({ title: 'Gəncədə yeni mərkəz', lang: 'az', date: '2026-02-30' });
    await writeFile(join(dir, 'releases/az/gəncə mərkəzi.md'), broken);
    expect((await git('add', 'releases/az/gəncə mərkəzi.md')).code).toBe(0);
    await writeFile(join(dir, 'releases/az/gəncə mərkəzi.md'), release({ title: 'Gəncədə yeni mərkəz', lang: 'az' }));
    const stopped = await bash(hook, { cwd: dir, env });
    expect(stopped.code).toBe(1);
    expect(stopped.stdout).toMatch(/^releases\/az\/gəncə mərkəzi\.md\n {2}\d+:\d+ +error .*schema\/format/m);
  }, 30_000);
});
