import { writeFileSync } from 'node:fs';
import { setTimeout } from 'node:timers';
import { parentPort, threadId } from 'node:worker_threads';
import { serveTasks } from '../../lib/app/pool.js';

/** run-data-worker.ts as it is, in JavaScript on the built lib/, for a thread that need not load a TypeScript loader first (pool-workers.ts). */
serveTasks(parentPort, (data) => {
  let answered = 0;
  return (message) => {
    const { exit, crashMs, failing } = message;
    if (exit !== undefined) process.exit(exit);
    if (crashMs !== undefined) {
      setTimeout(() => {
        if (failing !== undefined) writeFileSync(failing, '');
        throw new Error(`failed after ${crashMs} ms`);
      }, crashMs);
      return new Promise(() => undefined);
    }
    answered++;
    return { thread: threadId, data, answered };
  };
});
