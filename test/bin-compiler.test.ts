import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { BIN, NOW, ROOT, fixture, release, runProcess } from './helpers/cli.js';

/*
 * The binary tunes V8's optimising compiler just before a build starts its
 * threads (bin/compiler-tuning.js), and only then: any V8 flag set costs a
 * process's start-up, which a small build or `validate` would pay for
 * nothing. A preloaded module records each flag set.
 */

const { TUNING, compilerFlags } = createRequire(import.meta.url)(join(ROOT, 'bin', 'compiler-tuning.js')) as {
  TUNING: string[];
  compilerFlags: (execArgv: readonly string[], v8Version: string) => string[];
};

/**
 * Appends to the file named by FLAGS_LOG each flag set, \`thread\` for each
 * worker thread started, and at exit \`loaded\` if bin/compiler-tuning.js
 * was loaded: the order shows the flags were set before the threads started.
 */
const RECORDER = `
const v8 = require('node:v8');
const threads = require('node:worker_threads');
const { syncBuiltinESMExports } = require('node:module');
const { appendFileSync } = require('node:fs');
const log = (line) => appendFileSync(process.env.FLAGS_LOG, line + '\\n');
const set = v8.setFlagsFromString;
v8.setFlagsFromString = (flags) => {
  log(flags);
  return set.call(v8, flags);
};
const Worker = threads.Worker;
threads.Worker = class extends Worker {
  constructor(...args) {
    log('thread');
    super(...args);
  }
};
syncBuiltinESMExports();
process.on('exit', () => {
  if (Object.keys(require.cache).some((path) => path.endsWith('compiler-tuning.js'))) log('loaded');
});
`;

/** An archive of `count` releases with their own ids and slugs. */
function archive(count: number): Record<string, string> {
  const files: Record<string, string> = { 'migration-news.config.yaml': 'organisation:\n  name: State Migration Service\n', 'record-flags.cjs': RECORDER };
  for (let i = 0; i < count; i++) files[`releases/r-${String(i).padStart(3, '0')}.md`] = release({ id: `release-${i}`, slug: `release-${i}`, title: `"Residence permits update ${i}"` });
  return files;
}

let runs = 0;

/** Runs the binary with the recorder preloaded and `nodeFlags` before it; returns its exit code and the flags it set. */
async function run(dir: string, nodeFlags: string[], args: string[]): Promise<{ code: number | null; stdout: string; stderr: string; flags: string[] }> {
  const log = join(dir, `flags-${++runs}.log`);
  const { code, stdout, stderr } = await runProcess(process.execPath, [...nodeFlags, '--require', join(dir, 'record-flags.cjs'), BIN, ...args], {
    cwd: dir,
    env: { PATH: process.env.PATH ?? '', HOME: dir, NO_COLOR: '1', FLAGS_LOG: log },
  });
  const flags = (await readFile(log, 'utf8').catch(() => '')).split('\n').filter(Boolean);
  return { code, stdout, stderr, flags };
}

const BUILD = ['build', 'releases', '--format', 'html', '--now', NOW];

describe("the binary's compiler tuning", () => {
  /** Just enough releases for a build to start two threads (their least per thread is 200 when `--jobs` asks for them: threadsFor in src/app/pool.ts). */
  let dir: string;
  /**
   * The one build of all 400 on threads, with node given one of the two
   * flags tuned; the two tests of the binary read it. The flag not given is
   * set, and where it falls among the threads shows when and how often; the
   * one given is left as node has it. Which flags the tuning is with none
   * given is compilerFlags', tested first.
   */
  let threaded: Awaited<ReturnType<typeof run>>;
  // One of the two tuned that every V8 since Node 20's knows (newer ones have no --interrupt-budget).
  const flag = '--max-inlined-bytecode-size-cumulative=300';
  beforeAll(async () => {
    dir = await fixture(archive(400));
    threaded = await run(dir, [flag], [...BUILD, '--out', 'dist', '--jobs', '2', '--timings']);
  }, 60_000);

  it('is the V8 flags measured, on the version of V8 they were measured on, less those given to node', () => {
    expect(TUNING).toEqual(['--max-inlined-bytecode-size-cumulative=200', '--interrupt-budget=135168']);
    expect(compilerFlags([], '11.3.244.8-node.33')).toEqual(TUNING);
    expect(compilerFlags(['--interrupt_budget=1000', '--max-old-space-size=512'], '11.3.244.8-node.33')).toEqual([TUNING[0]]);
    expect(compilerFlags(['--max-inlined-bytecode-size-cumulative=50', '--interrupt-budget=1000'], '11.3.244.8-node.33')).toEqual([]);
    expect(compilerFlags([], '12.4.254.21-node.33')).toEqual([]);
    // Node 21's V8: another compiler.
    expect(compilerFlags([], '11.8.172.17-node.19')).toEqual([]);
    expect(compilerFlags([], '1.0')).toEqual([]);
  });

  it('is set once when a build starts threads, and not at all for a small build or a validate', async () => {
    expect(threaded.code, threaded.stderr).toBe(0);
    expect(threaded.stdout).toContain('with 2 build threads');
    // On any version of V8 the tuning is loaded; on the one it was measured on, the flag not given is set before the threads start.
    expect(threaded.flags).toEqual([...compilerFlags([flag], process.versions.v8), 'thread', 'thread', 'loaded']);
    if (process.versions.v8.startsWith('11.3.')) expect(threaded.flags.slice(0, 2)).toEqual([TUNING[1], 'thread']);

    // Two threads asked for, as above, but too few releases to start them: a build of ten of the 400.
    const few = Array.from({ length: 10 }, (_, i) => `releases/r-00${i}.md`);
    const small = await run(dir, [], ['build', ...few, ...BUILD.slice(2), '--out', 'one', '--jobs', '2', '--timings']);
    expect(small.code, small.stderr).toBe(0);
    expect(small.stdout).toContain('on one thread');
    expect(small.flags).toEqual([]);

    const validate = await run(dir, [], ['validate', 'releases/r-000.md']);
    expect(validate.code, validate.stderr).toBe(0);
    expect(validate.flags).toEqual([]);
  }, 60_000);

  it('leaves a flag given to node as given', () => {
    expect(threaded.code, threaded.stderr).toBe(0);
    expect(threaded.flags.filter((line) => line.startsWith('--max-inlined-bytecode-size-cumulative'))).toEqual([]);
    // Not because nothing was set: the other flag was, on the V8 they were measured on.
    if (process.versions.v8.startsWith('11.3.')) expect(threaded.flags).toContain(TUNING[1]);
  });
});
