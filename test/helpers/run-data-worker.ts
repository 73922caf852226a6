import { parentPort, threadId } from 'node:worker_threads';
import { serveTasks } from '../../src/app/pool.js';

/**
 * A thread stand-in for the pool's tests: answers each task with the thread
 * it ran on, the data of the run it was given, and how many tasks that run's
 * handler has answered; a task `{ exit: code }` ends the thread, and one
 * `{ crashMs }` is never answered: the thread fails that much later with an
 * uncaught error.
 */
serveTasks(parentPort!, (data) => {
  let answered = 0;
  return (message) => {
    const { exit, crashMs } = message as { exit?: number; crashMs?: number };
    if (exit !== undefined) process.exit(exit);
    if (crashMs !== undefined) {
      setTimeout(() => {
        throw new Error(`failed after ${crashMs} ms`);
      }, crashMs);
      return new Promise(() => undefined);
    }
    answered++;
    return { thread: threadId, data, answered };
  };
});
