import { checkOne, type FileChecker } from './check.js';
import type { CheckItem, CheckItemResult } from './incremental.js';
import type { BuildTask, CheckThreadData } from './parallel.js';
import { BATCH_SIZE, batches, threadScript, threadsFor, WorkerPool } from './pool.js';
import type { Config } from '../core/schema.js';

/*
 * `validate`'s threads: a module of its own, so that a validate loads no
 * renderer (parallel.ts, which the threads run, has the build's).
 */

/**
 * Checks files on threads of their own when there are enough of them to
 * repay the threads' start-up (`validate`), else on the calling thread: the
 * same checks, the outcomes handed on in file order either way.
 */
export function threadedChecker(config: Config, now: number, { jobs, minimumPerThread, started }: { jobs: number; minimumPerThread?: number; started?: (threads: number) => void }): FileChecker {
  return async (files, onResult) => {
    const threads = threadsFor(files.length, jobs, minimumPerThread);
    if (threads === 0) {
      files.forEach((file, i) => onResult(checkOne(file, config, now), i));
      return;
    }
    started?.(threads);
    const pool = new WorkerPool(threadScript(), { check: { config, now } } satisfies CheckThreadData, threads);
    try {
      const groups = batches(files.map((file): CheckItem => ({ file })));
      await pool.runAll<CheckItem[], CheckItemResult[]>(groups, (items) => ({ kind: 'check', items } satisfies BuildTask), (results, g) => {
        // Without a known hash every item is checked: each result has its outcome.
        results.forEach((result, i) => onResult(result.outcome!, g * BATCH_SIZE + i));
      });
    } finally {
      await pool.close();
    }
  };
}
