import { setEnvironmentData } from 'node:worker_threads';
import { threadScript } from '../../src/app/pool.js';
// @ts-expect-error: a JavaScript module of the stand-in threads, which run without a TypeScript loader.
import { POOL_FROM } from './pool-module.js';

/**
 * The script of a stand-in thread for the pool's tests (test/build-writes.test.ts starts near twenty). It takes the
 * pool's `serveTasks` from lib/ when lib/ was built from the sources as they are, which is then the same code: when
 * the build threads load the bundle, a choice test/parallel-build.test.ts holds to the hash `npm test` builds by.
 * Otherwise it loads a TypeScript loader first, some 0.2 s of processor time a thread, and takes the sources'.
 */
export function poolWorker(name: 'slow-task-worker' | 'run-data-worker'): URL {
  setEnvironmentData(POOL_FROM as string, threadScript().pathname.endsWith('/lib/bundle/build-worker.js') ? 'lib' : 'src');
  return new URL(`./${name}.js`, import.meta.url);
}
