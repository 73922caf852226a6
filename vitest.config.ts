import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Removes the throwaway folders of each test file, whether its tests passed or not.
    setupFiles: ['test/setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // Threads share one module cache per worker (isolate: false), so the sources are loaded once per
    // worker rather than once per file; no test mocks modules or changes globals, which is what
    // isolation would protect against. Two workers even on a 2-core machine (vitest's default there
    // is one): much of the suite waits on the file system or on a child process.
    pool: 'threads',
    isolate: false,
    maxWorkers: Math.max(2, availableParallelism() - 1),
    reporters: ['default'],
  },
});
