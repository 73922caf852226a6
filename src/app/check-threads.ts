import { checkOne, type FileChecker } from './check.js';
import type { CheckItem, CheckItemResult } from './incremental.js';
import type { BuildTask, CheckThreadData } from './parallel.js';
import { threadScript, threadsFor, WorkerPool } from './pool.js';
import type { ValidateOptions } from '../core/validate.js';

/*
 * `validate`'s threads: a module of its own, so that a validate loads no
 * renderer (parallel.ts, which the threads run, has the build's).
 */

/**
 * Files per thread below which `validate` checks on the calling thread: a
 * thread's start-up (loading and compiling the checks) is repaid only from
 * some 1,500 files on two cores (measured: 1,000 files took 0.84–0.99 s on
 * two threads against 0.88–0.91 s on one, 2,000 took 1.26–1.50 s against
 * 1.34–1.53 s, 10,000 took 3.3–3.9 s against 4.4–4.9 s).
 */
export const FILES_PER_CHECK_THREAD = 1_000;

/**
 * Checks files on threads of their own when there are enough of them to
 * repay the threads' start-up (`validate`), else on the calling thread: the
 * same checks, the outcomes handed on in file order either way.
 */
export function threadedChecker(checking: ValidateOptions, { jobs, minimumPerThread = FILES_PER_CHECK_THREAD, started, keepThreads = false }: { jobs: number; minimumPerThread?: number; started?: (threads: number) => void; keepThreads?: boolean }): FileChecker {
  return async (files, onResult) => {
    const threads = threadsFor(files.length, jobs, minimumPerThread);
    if (threads === 0) {
      files.forEach((file, i) => onResult(checkOne(file, checking), i));
      return;
    }
    started?.(threads);
    const pool = new WorkerPool(threadScript(), { check: checking } satisfies CheckThreadData, threads);
    try {
      // Without a known hash every item is checked: each result has its outcome.
      await pool.runBatches<CheckItem, CheckItemResult>(files.map((file) => ({ file })), (items) => ({ kind: 'check', items } satisfies BuildTask), (result, i) => onResult(result.outcome!, i));
    } finally {
      // Kept for the next check where one follows (`validate --watch`; see `BuildOptions.keepThreads`).
      await pool.close(keepThreads);
    }
  };
}
