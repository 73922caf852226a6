import { threadScript } from '../../src/app/pool.js';

/**
 * The script of a stand-in thread for the pool's tests. A thread started from a TypeScript file (slow-task-worker.ts,
 * run-data-worker.ts) loads a TypeScript loader first, some 0.2 s of processor time each, and test/build-writes.test.ts
 * starts near twenty. Their twins in JavaScript (*-built.js) take the pool's `serveTasks` from lib/ instead, which is the
 * same code exactly when lib/ was built from the sources as they are: when the build threads load the bundle, a choice
 * test/parallel-build.test.ts holds to the hash `npm test` builds by. Otherwise the TypeScript ones, on the sources.
 */
export function poolWorker(name: 'slow-task-worker' | 'run-data-worker'): URL {
  const built = threadScript().pathname.endsWith('/lib/bundle/build-worker.js');
  return new URL(built ? `./${name}-built.js` : `./${name}.ts`, import.meta.url);
}
