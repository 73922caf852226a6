import { spawnSync } from 'node:child_process';
import { copyFile, mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createProgram } from '../src/cli/main.js';
import { helpForms, type HelpRecord } from '../src/cli/help-forms.js';
import { BIN, ROOT, fixture, runCli } from './helpers/cli.js';
import { readFileSync } from 'node:fs';

/*
 * The binary answers `--help` and `--version` from texts recorded when the
 * bundle was built, without commander (bin/migration-news.js). What it
 * prints must be what commander prints, for every command, and commander
 * must still answer whenever it would wrap to another width (a terminal).
 */

const MAIN = join(ROOT, 'lib', 'bundle', 'main.js');
const quiet = { write: () => true };
const forms = helpForms(createProgram({ cwd: ROOT, env: {}, stdout: quiet, stderr: quiet, readStdin: async () => new Uint8Array(), isTTY: false }));

/** What commander prints for each command line, run through `main` of the bundle in a child whose standard output is a pipe. */
function commanderOutputs(argvs: readonly string[][], env: Record<string, string> = {}): { code: number; stdout: string; stderr: string }[] {
  const script = `
    const { main } = await import(${JSON.stringify(MAIN)});
    const results = [];
    for (const argv of ${JSON.stringify(argvs)}) {
      let stdout = '', stderr = '';
      const code = await main(argv, { cwd: process.cwd(), env: {}, stdout: { write: (s) => (stdout += s) }, stderr: { write: (s) => (stderr += s) }, readStdin: async () => new Uint8Array(), isTTY: false });
      results.push({ code, stdout, stderr });
    }
    process.stdout.write(JSON.stringify(results));
  `;
  const run = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8', env: { PATH: process.env.PATH ?? '', ...env } });
  expect(run.stderr).toBe('');
  return JSON.parse(run.stdout) as { code: number; stdout: string; stderr: string }[];
}

/** Runs a shell command line in a pseudo-terminal `columns` wide, with util-linux `script`; standard output and error arrive together. */
function inTerminal(columns: number, command: string): { status: number | null; output: string } {
  const run = spawnSync('script', ['-qec', `stty cols ${columns}; ${command}`, '/dev/null'], { encoding: 'utf8', env: { PATH: process.env.PATH ?? '', NO_COLOR: '1', TERM: 'dumb' } });
  return { status: run.status, output: run.stdout.replace(/\r\n/g, '\n') };
}
const hasScript = spawnSync('script', ['-qec', 'true', '/dev/null']).status === 0;

describe('help and the version without commander', () => {
  it('has a recorded text for every command of the program, each way of asking', () => {
    const record = JSON.parse(readFileSync(join(ROOT, 'lib', 'bundle', 'help.json'), 'utf8')) as HelpRecord;
    expect(Object.keys(record.forms).sort()).toEqual(forms.map((form) => JSON.stringify(form)).sort());
    expect(record.anyWidth).toEqual(['["--version"]', '["-v"]']);
    expect(forms).toContainEqual(['templates', 'check', '--help']);
    expect(forms).toContainEqual(['help', 'validate']);
    expect(forms.length).toBeGreaterThan(30);
  });

  it('prints exactly what commander prints, for every form, when standard output is a pipe', async () => {
    const expected = commanderOutputs(forms);
    const actual = [];
    // A few at a time: each is a process of its own.
    for (let i = 0; i < forms.length; i += 6) actual.push(...await Promise.all(forms.slice(i, i + 6).map((form) => runCli(form))));
    for (const [i, form] of forms.entries()) {
      expect({ form, ...actual[i] }).toEqual({ form, code: expected[i]!.code, signal: null, stdout: expected[i]!.stdout, stderr: '' });
    }
    expect(actual[forms.findIndex((f) => f.join(' ') === '--version')]!.stdout).toMatch(/^\d+\.\d+\.\d+/);
    // Colour settings, which commander reads, change nothing either.
    for (const env of [{ FORCE_COLOR: '1' }, { NO_COLOR: '1', CLICOLOR_FORCE: '1' }]) {
      expect((await runCli(['validate', '--help'], { env })).stdout).toBe(commanderOutputs([['validate', '--help']], env)[0]!.stdout);
    }
  });

  it('answers from the record alone: a copy of the binary without the bundle still prints help into a pipe', async () => {
    const dir = await fixture({});
    await mkdir(join(dir, 'bin'));
    await mkdir(join(dir, 'lib', 'bundle'), { recursive: true });
    await copyFile(BIN, join(dir, 'bin', 'migration-news.js'));
    await copyFile(join(ROOT, 'lib', 'bundle', 'help.json'), join(dir, 'lib', 'bundle', 'help.json'));
    const copy = join(dir, 'bin', 'migration-news.js');
    const [help] = commanderOutputs([['validate', '--help']]);
    const run = spawnSync(process.execPath, [copy, 'validate', '--help'], { encoding: 'utf8' });
    expect({ status: run.status, stdout: run.stdout, stderr: run.stderr }).toEqual({ status: 0, stdout: help!.stdout, stderr: '' });
    // Anything else needs the bundle, which the copy lacks.
    expect(spawnSync(process.execPath, [copy, 'validate', '--help', '--debug'], { encoding: 'utf8' }).status).not.toBe(0);
    expect(spawnSync(process.execPath, [copy, 'rules'], { encoding: 'utf8' }).status).not.toBe(0);
    if (hasScript) {
      // On a terminal commander wraps help to its width: the copy, lacking commander, cannot answer.
      expect(inTerminal(80, `${JSON.stringify(process.execPath)} ${JSON.stringify(copy)} --help`).status).not.toBe(0);
      // The version is never wrapped: the copy prints it on a terminal of any width.
      const [version] = commanderOutputs([['--version']]);
      expect(inTerminal(60, `${JSON.stringify(process.execPath)} ${JSON.stringify(copy)} --version`)).toEqual({ status: 0, output: version!.stdout });
    }
  });

  it.skipIf(!hasScript)('leaves help on a terminal to commander, which wraps it to the terminal\'s width', () => {
    // At 60 columns commander leaves descriptions unwrapped (too little room); at 100 it wraps wider than the record's 80.
    for (const columns of [60, 80, 100]) {
      const bin = inTerminal(columns, `${JSON.stringify(process.execPath)} ${JSON.stringify(BIN)} validate --help`);
      const script = `const { main } = await import(${JSON.stringify(MAIN)}); process.exitCode = await main(['validate', '--help'], { cwd: process.cwd(), env: {}, stdout: process.stdout, stderr: process.stderr, readStdin: async () => new Uint8Array(), isTTY: true });`;
      const commander = inTerminal(columns, `${JSON.stringify(process.execPath)} --input-type=module -e ${JSON.stringify(script)}`);
      expect(bin).toEqual(commander);
      expect(bin.status).toBe(0);
      const widest = Math.max(...bin.output.split('\n').map((line) => line.length));
      if (columns === 60) expect(widest).toBeGreaterThan(100);
      else expect(widest).toBeLessThanOrEqual(columns);
      if (columns === 100) expect(widest).toBeGreaterThan(80);
    }
  });

  it('exits 0 without a word on standard error when the reader of the pipe has gone', () => {
    const run = spawnSync('bash', ['-c', `set -o pipefail; ${JSON.stringify(process.execPath)} ${JSON.stringify(BIN)} --help | true`], { encoding: 'utf8' });
    expect({ status: run.status, stderr: run.stderr }).toEqual({ status: 0, stderr: '' });
  });
});
