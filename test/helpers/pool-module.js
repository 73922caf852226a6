import { getEnvironmentData } from 'node:worker_threads';

/** What `poolWorker` (pool-workers.ts) set for the threads it starts: whether the pool's code is taken from lib/. */
export const POOL_FROM = 'migration-news-test:pool-from';

/**
 * The pool's module for a stand-in thread: lib/'s when it was built from the sources as they are (no TypeScript
 * loader to load first, some 0.2 s of processor time a thread); else the sources', through the loader.
 */
export async function poolModule() {
  if (getEnvironmentData(POOL_FROM) === 'lib') return import('../../lib/app/pool.js');
  const { register } = await import('tsx/esm/api');
  register();
  return import('../../src/app/pool.ts');
}
