import { spawnSync } from 'node:child_process';
import { copyFile, mkdir } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createProgram } from '../src/cli/main.js';
import { commandAt, helpForms, VERSION_FORMS, type HelpLayout, type HelpRecord } from '../src/cli/help-forms.js';
import { BIN, ROOT, fixture, runCli } from './helpers/cli.js';

/*
 * The binary answers `--help` and `--version` without commander, from the
 * layouts the build read from the real program (bin/migration-news.js,
 * lib/bundle/help.cjs). What it prints must be what commander prints, for
 * every command and every width commander may wrap to.
 */

/** An ES module's statement that loads the bundle's `main` as the binary does (bin/bundle-loader.js). */
const LOAD_MAIN = `const { main } = (await import('node:module')).createRequire(import.meta.url)(${JSON.stringify(join(ROOT, 'bin', 'bundle-loader.js'))}).bundleLoader(${JSON.stringify(join(ROOT, 'lib', 'bundle'))}).load('main');`;
const HELP = join(ROOT, 'lib', 'bundle', 'help.cjs');
const quiet = { write: () => true };
const program = () => createProgram({ cwd: ROOT, env: {}, stdout: quiet, stderr: quiet, readStdin: async () => new Uint8Array(), isTTY: false });
const helps = helpForms(program());
const forms = [...VERSION_FORMS.map((form) => [...form]), ...helps.map(({ argv }) => argv)];
/** What the binary loads: the record and the function that lays it out, as built. */
const { RECORD, layOutHelp } = createRequire(import.meta.url)(HELP) as { RECORD: HelpRecord; layOutHelp: (layout: HelpLayout, width: number) => string };

/** What commander prints for each command line, run through `main` of the bundle in a child whose standard output is a pipe. */
function commanderOutputs(argvs: readonly string[][], env: Record<string, string> = {}): { code: number; stdout: string; stderr: string }[] {
  const script = `
    ${LOAD_MAIN}
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

let everyForm: { code: number; stdout: string; stderr: string }[] | undefined;
/** What commander prints for each of `forms` into a pipe: one child, run once for the file's tests. */
const commanderForms = () => (everyForm ??= commanderOutputs(forms));
/** What commander prints into a pipe for `argv`, one of `forms`. */
function commanderFor(argv: readonly string[]): { code: number; stdout: string; stderr: string } {
  const i = forms.findIndex((form) => JSON.stringify(form) === JSON.stringify(argv));
  if (i === -1) throw new Error(`${JSON.stringify(argv)} is none of the forms`);
  return commanderForms()[i]!;
}

/** Runs a shell command line in a pseudo-terminal `columns` wide, with util-linux `script`; standard output and error arrive together. */
function inTerminal(columns: number, command: string): { status: number | null; output: string } {
  const run = spawnSync('script', ['-qec', `stty cols ${columns}; ${command}`, '/dev/null'], { encoding: 'utf8', env: { PATH: process.env.PATH ?? '', NO_COLOR: '1', TERM: 'dumb' } });
  return { status: run.status, output: run.stdout.replace(/\r\n/g, '\n') };
}
const hasScript = spawnSync('script', ['-qec', 'true', '/dev/null']).status === 0;
/** The command line commander's own help for `validate` runs with in a terminal, bypassing the binary. */
const commanderInTerminal = (argv: readonly string[]) => `${JSON.stringify(process.execPath)} --input-type=module -e ${JSON.stringify(`${LOAD_MAIN} process.exitCode = await main(${JSON.stringify(argv)}, { cwd: process.cwd(), env: {}, stdout: process.stdout, stderr: process.stderr, readStdin: async () => new Uint8Array(), isTTY: true });`)}`;
const validateHelpInTerminal = new Map<number, { status: number | null; output: string }>();
/** What commander prints for `validate --help` in a terminal `columns` wide: each width run once for the file's tests. */
function commanderValidateHelpInTerminal(columns: number): { status: number | null; output: string } {
  const found = validateHelpInTerminal.get(columns) ?? inTerminal(columns, commanderInTerminal(['validate', '--help']));
  validateHelpInTerminal.set(columns, found);
  return found;
}

describe('help and the version without commander', () => {
  it('has a layout for every command of the program, each way of asking, and the version', () => {
    expect(Object.keys(RECORD.forms).sort()).toEqual(helps.map(({ argv }) => JSON.stringify(argv)).sort());
    expect(RECORD.version.forms).toEqual(['["--version"]', '["-v"]']);
    expect(helps.map(({ argv }) => argv)).toContainEqual(['templates', 'check', '--help']);
    expect(helps.map(({ argv }) => argv)).toContainEqual(['help', 'validate']);
    expect(helps.length).toBeGreaterThan(30);
  });

  it('lays out every command\'s help as commander does, at every width from 0 to 500 columns (the widest the binary lays out itself)', () => {
    const live = program();
    // The forms of one command (`build --help`, `build -h`, `help build`) that the record gives one layout are compared once:
    // the same command's help and the same layout, at the same widths, are the same texts.
    const pairs = new Map<string, { argv: string[]; path: string[] }>();
    for (const form of helps) pairs.set(JSON.stringify([form.path, RECORD.forms[JSON.stringify(form.argv)]]), form);
    let compared = 0;
    for (const { argv, path } of pairs.values()) {
      const command = commandAt(live, path);
      const layout = RECORD.layouts[RECORD.forms[JSON.stringify(argv)]!]!;
      for (let width = 0; width <= 500; width++) {
        command.configureOutput({ getOutHelpWidth: () => width, getOutHasColors: () => false });
        const expected = command.helpInformation();
        if (layOutHelp(layout, width) !== expected) expect({ argv, width, text: layOutHelp(layout, width) }).toEqual({ argv, width, text: expected });
        compared++;
      }
    }
    expect(compared).toBe(pairs.size * 501);
  });

  it('prints exactly what commander prints, for every form, when standard output is a pipe', async () => {
    const expected = commanderForms();
    // Into a pipe the binary prints the record's text at 80 columns, from the record's entry for the command line: for every form,
    // that is what commander prints, and it exits 0 with nothing on standard error.
    for (const [i, form] of forms.entries()) {
      const key = JSON.stringify(form);
      const text = RECORD.version.forms.includes(key) ? RECORD.version.text : layOutHelp(RECORD.layouts[RECORD.forms[key]!]!, 80);
      expect({ form, ...expected[i] }).toEqual({ form, code: 0, stdout: text, stderr: '' });
    }
    // The binary itself, once for each way of asking (the words for help and the version in their places, any names of commands
    // around them): the binary finds a command line's text by the line itself, by one path for every line of a shape, and the
    // record's entry for every line, and its text, are the ones commander's are (above). Each way of asking with a text not yet
    // printed where there is one, so that most texts are printed too.
    const shape = (form: readonly string[]) => JSON.stringify(form.map((arg) => (['--help', '-h', 'help', '--version', '-v'].includes(arg) ? arg : 'a command')));
    const textOf = (form: readonly string[]) => (RECORD.version.forms.includes(JSON.stringify(form)) ? 'version' : RECORD.forms[JSON.stringify(form)]!);
    const tried = new Set<number>();
    const texts = new Set<string | number>();
    for (const way of new Set(forms.map(shape))) {
      const own = [...forms.keys()].filter((i) => shape(forms[i]!) === way);
      const i = own.find((j) => !texts.has(textOf(forms[j]!))) ?? own[0]!;
      tried.add(i);
      texts.add(textOf(forms[i]!));
    }
    expect([...tried].some((i) => forms[i]!.length === 3)).toBe(true);
    // A few at a time: each is a process of its own.
    const actual = [];
    const order = [...tried].sort((a, b) => a - b);
    for (let j = 0; j < order.length; j += 6) actual.push(...await Promise.all(order.slice(j, j + 6).map((i) => runCli(forms[i]!))));
    for (const [j, i] of order.entries()) {
      const form = forms[i]!;
      expect({ form, ...actual[j] }).toEqual({ form, code: expected[i]!.code, signal: null, stdout: expected[i]!.stdout, stderr: '' });
    }
    expect(actual[0]!.stdout).toMatch(/^\d+\.\d+\.\d+\n$/);
    // Colour forced, which commander reads, changes nothing either. (Colour turned off is what a pipe has already; NO_COLOR
    // with CLICOLOR_FORCE is one of the two, whichever commander let win.)
    const env = { FORCE_COLOR: '1' };
    expect((await runCli(['validate', '--help'], { env })).stdout).toBe(commanderOutputs([['validate', '--help']], env)[0]!.stdout);
  });

  it('answers from the record alone: a copy of the binary without the bundle still prints help and the version', async () => {
    const dir = await fixture({});
    await mkdir(join(dir, 'bin'));
    await mkdir(join(dir, 'lib', 'bundle'), { recursive: true });
    await copyFile(BIN, join(dir, 'bin', 'migration-news.js'));
    await copyFile(HELP, join(dir, 'lib', 'bundle', 'help.cjs'));
    const copy = join(dir, 'bin', 'migration-news.js');
    const help = commanderFor(['validate', '--help']);
    const run = spawnSync(process.execPath, [copy, 'validate', '--help'], { encoding: 'utf8' });
    expect({ status: run.status, stdout: run.stdout, stderr: run.stderr }).toEqual({ status: 0, stdout: help.stdout, stderr: '' });
    // Anything else needs the bundle, which the copy lacks.
    expect(spawnSync(process.execPath, [copy, 'validate', '--help', '--debug'], { encoding: 'utf8' }).status).not.toBe(0);
    expect(spawnSync(process.execPath, [copy, 'rules'], { encoding: 'utf8' }).status).not.toBe(0);
    if (hasScript) {
      // On a terminal too, at its width, and the version.
      expect(inTerminal(100, `${JSON.stringify(process.execPath)} ${JSON.stringify(copy)} validate --help`)).toEqual(commanderValidateHelpInTerminal(100));
      const version = commanderFor(['--version']);
      expect(inTerminal(60, `${JSON.stringify(process.execPath)} ${JSON.stringify(copy)} --version`)).toEqual({ status: 0, output: version.stdout });
    }
  });

  it.skipIf(!hasScript)('wraps help on a terminal to the terminal\'s width, as commander does', () => {
    // At 60 columns commander leaves descriptions unwrapped (too little room); at 100 it wraps wider than 80. Every width from 0
    // to 500 is laid out as commander does (above): what only a terminal shows is that both take its width, and wrap or not.
    for (const columns of [60, 100]) {
      const bin = inTerminal(columns, `${JSON.stringify(process.execPath)} ${JSON.stringify(BIN)} validate --help`);
      expect(bin).toEqual(commanderValidateHelpInTerminal(columns));
      expect(bin.status).toBe(0);
      const widest = Math.max(...bin.output.split('\n').map((line) => line.length));
      if (columns === 60) expect(widest).toBeGreaterThan(100);
      else expect(widest).toBeLessThanOrEqual(columns);
      if (columns >= 100) expect(widest).toBeGreaterThan(80);
    }
  });

  it('exits 0 without a word on standard error when the reader of the pipe has gone', () => {
    const run = spawnSync('bash', ['-c', `set -o pipefail; ${JSON.stringify(process.execPath)} ${JSON.stringify(BIN)} --help | true`], { encoding: 'utf8' });
    expect({ status: run.status, stderr: run.stderr }).toEqual({ status: 0, stderr: '' });
  });
});
