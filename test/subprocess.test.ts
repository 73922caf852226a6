import { spawnSync } from 'node:child_process';
import { closeSync, existsSync, openSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../src/cli/main.js';
import { BIN, NOW, ROOT, fixture, release, runCli, runMain, type CliResult } from './helpers/cli.js';
import { listTree } from './helpers/hostile.js';

/**
 * The rest of the suite runs the CLI in-process through `main()`. This one
 * table runs each case both ways, the second as a real subprocess of
 * bin/migration-news.js (on the built lib/, so `npm run build` first), and
 * requires the same exit code, output and files: proof that what the
 * in-process tests see is what a user's shell sees.
 */

const PROJECT = {
  'migration-news.config.yaml': 'organisation:\n  name: State Migration Service\n',
  'releases/clean.md': release(),
  'releases/warnings.md': release({ title: 'Service extends opening hours', auther: 'Press Office' }, 'Opening hours: <b>09:00</b>.\n'),
  'broken/error.md': release({ date: '14.05.2026' }),
  // Raw HTML kept, with the `&` of a query in its addresses: what the bundle loads only when needed must be all the sources use.
  'safe/migration-news.config.yaml': 'organisation:\n  name: State Migration Service\nhtml: safe\nsite:\n  url: https://press.example.az\nemail:\n  from: press@example.az\n',
  'safe/r/form.md': release({}, 'Apply with <a href="https://e-services.example.az/apply?lang=en&amp;type=work">the online form</a> or <a href="forms/a.pdf?v=2&amp;l=en">on paper</a>.\n\n<img src="https://cdn.example.az/map.png?w=600&amp;h=400" alt="Map &amp; routes">\n'),
};

/** A fixed clock, so that the two runs (and every day's run) judge embargoes alike. */
const AT_NOW = ['--now', NOW];

interface Case {
  name: string;
  args: string[];
  code: number;
  input?: string | Uint8Array;
  env?: Record<string, string>;
}

/*
 * One case for each way a command line crosses the process's edge (each exit code, bytes on standard input, colour
 * from the environment, files written) and one for each command whose code the bundle loads only when it runs: each
 * case is a process of its own, the dearest thing in this file. What is not here is run as the real binary elsewhere: --version
 * and help, each way of asking, in test/startup-help.test.ts; --strict with the github reporter in test/ci-integration.test.ts
 * (the Action's validate step); `templates list` loads the same code as `templates check`. The other usage errors (no command,
 * a command group alone, a path that does not exist, an empty one) leave the process as the unknown option does, exit 2 and a
 * message; standard input as text comes through the same pipe as the bytes here, and --stdin-filename is main()'s alone. One
 * build writes every format, feeds and the sitemap (the project has site.url); a build that fails exits 1 as validate does, and
 * that it then writes nothing is main()'s own (test/cli-build.test.ts).
 */
const cases: Case[] = [
  { name: 'an unknown option is a usage error', args: ['build', '--outt', 'x', ...AT_NOW], code: 2 },
  { name: 'validate, warnings only, JSON reporter', args: ['validate', 'releases/warnings.md', '--reporter', 'json', ...AT_NOW], code: 0 },
  { name: 'validate, an error, SARIF reporter', args: ['validate', 'broken', '--reporter', 'sarif', ...AT_NOW], code: 1 },
  { name: 'validate - with bytes that are not UTF-8', args: ['validate', '-', ...AT_NOW], code: 1, input: new Uint8Array([0x2d, 0x2d, 0x2d, 0x0a, 0xff, 0xfe, 0x0a]) },
  { name: 'colour forced by FORCE_COLOR', args: ['validate', 'releases/warnings.md', ...AT_NOW], code: 0, env: { FORCE_COLOR: '1' } },
  { name: 'build writes every format, with html: safe, raw links and images with & in their addresses', args: ['build', 'safe/r', '--out', 'dist', '--format', 'html,text,json,ninjs,eml', ...AT_NOW], code: 0 },
  { name: 'templates check', args: ['templates', 'check', 'default', 'releases', ...AT_NOW], code: 0 },
  { name: 'schema', args: ['schema'], code: 0 },
  { name: 'rules --markdown', args: ['rules', '--markdown'], code: 0 },
];

/** The run and the files it left, with the project's own path (which differs between the two runs) replaced. */
async function outcome(run: (cwd: string) => Promise<CliResult>): Promise<{ code: number | null; stdout: string; stderr: string; files: string[] }> {
  const dir = await fixture(PROJECT);
  const { code, stdout, stderr } = await run(dir);
  const normalise = (text: string) => text.split(dir).join('<project>');
  return { code, stdout: normalise(stdout), stderr: normalise(stderr), files: await listTree(dir) };
}

describe('the binary and main() agree', () => {
  it('has a built lib/ to run', async () => {
    expect(await readFile(BIN, 'utf8'), 'the binary loads the CLI from lib/bundle').toContain("bundleLoader(`${__dirname}/../lib/bundle`).load('main')");
    expect(existsSync(join(ROOT, 'lib', 'bundle', 'main.cjs')), 'lib/bundle/main.cjs is missing: run `npm run build` before the tests').toBe(true);
  });

  it.concurrent.each(cases)('$name: exit $code', async ({ args, code, input, env }) => {
    const options = { ...(input !== undefined ? { input } : {}), ...(env ? { env } : {}) };
    const [inProcess, subprocess] = await Promise.all([
      outcome((cwd) => runMain(args, { cwd, ...options })),
      outcome((cwd) => runCli(args, { cwd, ...options })),
    ]);
    expect(subprocess.code, subprocess.stderr).toBe(code);
    expect(inProcess).toEqual(subprocess);
    expect(subprocess.stdout + subprocess.stderr).not.toMatch(/\n\s+at /);
    // eslint-disable-next-line no-control-regex
    expect(/\u001b\[/.test(subprocess.stdout), 'colour only when forced').toBe(env?.FORCE_COLOR === '1');
    if (args[0] === 'build') expect(subprocess.files.some((f) => f.startsWith('dist/')), 'outputs written').toBe(code === 0);
  });
});

describe('standard input that is a folder (`validate - < releases`)', () => {
  const said = 'migration-news: cannot read standard input (EISDIR: a folder is where a file should be).\nhint: Give a folder as a path (`validate releases`); `-` reads one release piped or redirected from a file (`validate - < release.md`).\n';

  it('is a usage error that says so, not an empty release, from main()', async () => {
    let stdout = '';
    let stderr = '';
    const folder = Object.assign(new Error('EISDIR: illegal operation on a directory, read'), { code: 'EISDIR', syscall: 'read' });
    const code = await main(['validate', '-', ...AT_NOW], {
      cwd: await fixture(PROJECT), env: { NO_COLOR: '1' }, isTTY: false,
      stdout: { write: (s: string) => (stdout += s) }, stderr: { write: (s: string) => (stderr += s) },
      readStdin: () => Promise.reject(folder),
    });
    expect({ code, stdout, stderr }).toEqual({ code: 2, stdout: '', stderr: said });
  });

  it('is the same usage error from the binary, whose stream of a folder reads as nothing', async () => {
    const dir = await fixture(PROJECT);
    const input = openSync(join(dir, 'releases'), 'r');
    try {
      // Before, the folder was read as an empty release: `frontmatter/missing`, exit 1.
      const run = spawnSync(process.execPath, [BIN, 'validate', '-', ...AT_NOW], { cwd: dir, stdio: [input, 'pipe', 'pipe'], encoding: 'utf8', env: { PATH: process.env.PATH ?? '', NO_COLOR: '1' } });
      expect({ code: run.status, stdout: run.stdout, stderr: run.stderr }).toEqual({ code: 2, stdout: '', stderr: said });
    } finally {
      closeSync(input);
    }
  });
});
