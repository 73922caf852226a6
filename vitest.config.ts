import { accessSync, constants, mkdtempSync, readdirSync, readFileSync, rmSync, statfsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { configDefaults, defineConfig } from 'vitest/config';

/**
 * Test files that replace modules or globals (`vi.mock`, `vi.stubGlobal`, …) need a module cache
 * of their own: a mock only takes effect where the module has not been loaded yet. Found by
 * reading the files, so a new one is isolated without anyone listing it here.
 */
const NEEDS_ISOLATION = readdirSync('test')
  .filter((name) => name.endsWith('.test.ts') && /\bvi\.(mock|doMock|stubGlobal|stubEnv)\(/.test(readFileSync(`test/${name}`, 'utf8')))
  .map((name) => `test/${name}`);

/**
 * The suite makes and removes tens of thousands of small files in throwaway folders: on a machine
 * with a memory file system of some size (/dev/shm), they go there, which takes a third off the
 * suite's system time. A TMPDIR the user set is kept; so is the usual one where /dev/shm is small
 * (a container's is often 64 MiB), missing, or mounted `noexec` (the tests run programs they install
 * there). Set before the test threads start, which inherit it.
 */
const MEMORY_FOLDER = '/dev/shm';
const MEMORY_NEEDED = 1024 ** 3;
function memoryFolder(): string | undefined {
  let probe: string | undefined;
  try {
    const { bavail, bsize } = statfsSync(MEMORY_FOLDER);
    if (bavail * bsize < MEMORY_NEEDED) return undefined;
    // A file that may be run, as far as its mode goes: `access` says no on a noexec mount.
    probe = mkdtempSync(join(MEMORY_FOLDER, 'migration-news-probe-'));
    const file = join(probe, 'run');
    writeFileSync(file, '', { mode: 0o700 });
    accessSync(file, constants.X_OK);
    return MEMORY_FOLDER;
  } catch {
    return undefined;
  } finally {
    if (probe) rmSync(probe, { recursive: true, force: true });
  }
}
if (process.env.TMPDIR === undefined) {
  const folder = memoryFolder();
  if (folder) process.env.TMPDIR = folder;
}

/**
 * The built library (lib/), which test/library.test.ts imports by the package's name: Node loads it as it loads it for a
 * user's program, where Vite's transform of its hundred modules took that test two seconds of a busy run.
 */
const LIBRARY_FOLDER = fileURLToPath(new URL('./lib/', import.meta.url)).split('\\').join('/');
const LIBRARY = new RegExp('^' + LIBRARY_FOLDER.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));

export default defineConfig({
  test: {
    // Removes the throwaway folders of each test file, whether its tests passed or not.
    setupFiles: ['test/setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // Each worker keeps one module cache (isolate: false), so the sources are loaded once per worker
    // rather than once per file: this roughly halves the suite's CPU time. Two workers even on a 2-core
    // machine (vitest's default there is one): much of the suite waits on the file system or on a child
    // process. Worker processes rather than threads: the suite took 86-87 s against 90-94 s, with a
    // fifth less system time (four runs each on two cores; it starts some hundred child processes).
    pool: 'forks',
    maxWorkers: Math.max(2, availableParallelism() - 1),
    reporters: ['default'],
    server: { deps: { external: [LIBRARY] } },
    projects: [
      { extends: true as const, test: { name: 'shared', isolate: false, include: ['test/**/*.test.ts'], exclude: [...configDefaults.exclude, ...NEEDS_ISOLATION] } },
      ...(NEEDS_ISOLATION.length > 0 ? [{ extends: true as const, test: { name: 'isolated', isolate: true, include: NEEDS_ISOLATION } }] : []),
    ],
  },
});
