import { readdirSync, readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { configDefaults, defineConfig } from 'vitest/config';

/**
 * Test files that replace modules or globals (`vi.mock`, `vi.stubGlobal`, …) need a module cache
 * of their own: a mock only takes effect where the module has not been loaded yet. Found by
 * reading the files, so a new one is isolated without anyone listing it here.
 */
const NEEDS_ISOLATION = readdirSync('test')
  .filter((name) => name.endsWith('.test.ts') && /\bvi\.(mock|doMock|stubGlobal|stubEnv)\(/.test(readFileSync(`test/${name}`, 'utf8')))
  .map((name) => `test/${name}`);

export default defineConfig({
  test: {
    // Removes the throwaway folders of each test file, whether its tests passed or not.
    setupFiles: ['test/setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // Threads share one module cache per worker (isolate: false), so the sources are loaded once per
    // worker rather than once per file: this roughly halves the suite's CPU time. Two workers even on
    // a 2-core machine (vitest's default there is one): much of the suite waits on the file system or
    // on a child process.
    pool: 'threads',
    maxWorkers: Math.max(2, availableParallelism() - 1),
    reporters: ['default'],
    projects: [
      { extends: true as const, test: { name: 'shared', isolate: false, include: ['test/**/*.test.ts'], exclude: [...configDefaults.exclude, ...NEEDS_ISOLATION] } },
      ...(NEEDS_ISOLATION.length > 0 ? [{ extends: true as const, test: { name: 'isolated', isolate: true, include: NEEDS_ISOLATION } }] : []),
    ],
  },
});
