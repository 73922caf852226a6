import { spawn } from 'node:child_process';
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
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

/** Runs the real CLI (the built `lib/`) as a subprocess, colour off unless env says otherwise. */
export function runCli(args: readonly string[], options: { cwd?: string; env?: Record<string, string>; input?: string | Buffer } = {}): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], {
      cwd: options.cwd ?? ROOT,
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', NO_COLOR: '1', ...options.env },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr }));
    child.stdin.end(options.input ?? '');
  });
}

/** Runs the CLI in this process through `main()`, for fast checks of the same contract. */
export async function runMain(args: readonly string[], options: { cwd?: string; env?: Record<string, string>; input?: string } = {}): Promise<CliResult> {
  let stdout = '';
  let stderr = '';
  const code = await main(args, {
    cwd: options.cwd ?? ROOT,
    env: { NO_COLOR: '1', ...options.env },
    stdout: { write: (s: string) => (stdout += s) },
    stderr: { write: (s: string) => (stderr += s) },
    readStdin: async () => new TextEncoder().encode(options.input ?? ''),
    isTTY: false,
  });
  return { code, stdout, stderr };
}

/** A throwaway folder with the given files; returns its path. */
export async function fixture(files: Record<string, string | Buffer>): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'migration-news-test-'));
  for (const [path, content] of Object.entries(files)) {
    await mkdir(dirname(join(dir, path)), { recursive: true });
    await writeFile(join(dir, path), content);
  }
  return dir;
}

export async function removeFixture(dir: string): Promise<void> {
  await rm(dir, { recursive: true, force: true });
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
