import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach } from 'vitest';
import { main } from '../../src/cli/main.js';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const BIN = join(ROOT, 'bin', 'migration-news.js');
export const EXAMPLES = join(ROOT, 'examples');
/** A fixed clock so embargo decisions do not depend on the day the tests run. */
export const NOW = '2026-11-28T12:00:00+04:00';

export interface CliResult {
  code: number | null;
  signal?: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

export interface RunOptions {
  /** The working folder (default: the checkout). */
  cwd?: string;
  /** Extra environment variables; `NO_COLOR=1` is set unless overridden. */
  env?: Record<string, string>;
  /** What standard input holds, for `validate -`. */
  input?: string | Uint8Array;
}

/**
 * Runs the CLI in this process through `main()`, the function the binary
 * calls: the way to test any CLI behaviour. It is fast (no process start-up)
 * and independent of lib/, so it tests the sources as they are.
 */
/** Environment for a child that needs npm: where its cache and registry are, nothing of the test runner's own. */
export function npmEnvironment(): Record<string, string> {
  const { PATH, HOME, npm_config_cache, NPM_CONFIG_CACHE, npm_config_registry } = process.env;
  return Object.fromEntries(Object.entries({ PATH, HOME, npm_config_cache, NPM_CONFIG_CACHE, npm_config_registry, NO_COLOR: '1', XDG_CACHE_HOME: testCacheHome() }).filter(([, v]) => v !== undefined)) as Record<string, string>;
}

let cacheHome: string | undefined;

/**
 * The cache folder (`XDG_CACHE_HOME`) of the builds this test file runs as
 * subprocesses with the user's `HOME`: one throwaway folder per file, so
 * that their build records go with the file's fixtures instead of piling up
 * in the user's own cache.
 */
export function testCacheHome(): string {
  if (cacheHome === undefined || !made.has(cacheHome)) {
    cacheHome = mkdtempSync(join(tmpdir(), 'migration-news-cache-'));
    made.add(cacheHome);
  }
  return cacheHome;
}

/** Runs any program to its end and collects what it printed; only the environment given is passed on. */
export function runProcess(command: string, args: readonly string[], options: { cwd: string; env: Record<string, string> }): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: options.cwd, env: options.env });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

export async function runMain(args: readonly string[], options: RunOptions & { isTTY?: boolean } = {}): Promise<CliResult> {
  let stdout = '';
  let stderr = '';
  const input = options.input ?? '';
  const code = await main(args, {
    cwd: options.cwd ?? ROOT,
    env: { NO_COLOR: '1', ...options.env },
    stdout: { write: (s: string) => (stdout += s) },
    stderr: { write: (s: string) => (stderr += s) },
    readStdin: async () => (typeof input === 'string' ? new TextEncoder().encode(input) : input),
    isTTY: options.isTTY ?? false,
  });
  return { code, stdout, stderr };
}

/**
 * Runs the real binary (bin/migration-news.js on the built `lib/`) as a
 * subprocess. Slow (a Node start-up each): keep it for what only a process
 * shows (signals, closed pipes, exit codes as the shell sees them) and the
 * one table in test/subprocess.test.ts that proves it agrees with `runMain`.
 */
export function runCli(args: readonly string[], options: RunOptions = {}): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], {
      cwd: options.cwd ?? ROOT,
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', XDG_CACHE_HOME: testCacheHome(), NO_COLOR: '1', ...options.env },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr }));
    child.stdin.on('error', () => undefined);
    child.stdin.end(options.input ?? '');
  });
}

/** Every throwaway folder made by `fixture` and not yet removed; test/setup.ts removes them after each test file, passed or failed. */
const made = new Set<string>();

/** A throwaway folder with the given files; returns its path. Removed after the test file at the latest. */
export async function fixture(files: Record<string, string | Uint8Array>): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'migration-news-test-'));
  made.add(dir);
  // Written synchronously, each folder made once: a project of thousands of files took a second through the promise API.
  const folders = new Set<string>([dir]);
  for (const [path, content] of Object.entries(files)) {
    const target = join(dir, path);
    const folder = dirname(target);
    if (!folders.has(folder)) {
      mkdirSync(folder, { recursive: true });
      folders.add(folder);
    }
    writeFileSync(target, content);
  }
  return dir;
}

export async function removeFixture(dir: string): Promise<void> {
  made.delete(dir);
  rmSync(dir, { recursive: true, force: true });
}

/** Removes every folder `fixture` made that is still there. */
export async function removeAllFixtures(): Promise<void> {
  await Promise.all([...made].map(removeFixture));
}

/** A valid release; override front matter fields or the body. */
export function release(fields: Record<string, string | undefined> = {}, body = 'The State Migration Service announced new measures today.\n'): string {
  const base: Record<string, string | undefined> = {
    title: 'Service opens new residence permit centre',
    date: '2026-05-14',
    lang: 'en',
    status: 'published',
    ...fields,
  };
  const lines = Object.entries(base).filter(([, v]) => v !== undefined).map(([k, v]) => `${k}: ${v}`);
  return `---\n${lines.join('\n')}\n---\n${body}`;
}

/** Per-test throwaway projects, removed after each test of the file that calls this; `track` adds a folder made elsewhere. */
export function useProjects(): ((files: Record<string, string>) => Promise<string>) & { track(dir: string): string } {
  let dirs: string[] = [];
  afterEach(async () => {
    await Promise.all(dirs.map(removeFixture));
    dirs = [];
  });
  const track = (dir: string) => {
    dirs.push(dir);
    return dir;
  };
  return Object.assign(async (files: Record<string, string>) => track(await fixture(files)), { track });
}
