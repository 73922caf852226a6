import { writeFileSync } from 'node:fs';
import { setTimeout } from 'node:timers';
import { parentPort, threadId } from 'node:worker_threads';
import { poolModule } from './pool-module.js';

/**
 * A thread stand-in for the pool's tests: answers each task with the thread
 * it ran on, the data of the run it was given, and how many tasks that run's
 * handler has answered; a task `{ exit: code }` ends the thread, and one
 * `{ crashMs }` is never answered: the thread fails that much later with an
 * uncaught error, having first made the file `failing` names, if any (so
 * that a test can tell, without giving way, that the failure has come).
 */
const { serveTasks } = await poolModule();
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
