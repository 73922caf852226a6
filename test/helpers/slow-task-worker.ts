import { writeFileSync } from 'node:fs';
import { parentPort } from 'node:worker_threads';
import { serveTasks } from '../../src/app/pool.js';

/** A build thread stand-in for the pool's tests: waits, then writes a file, and answers with its path. */
serveTasks(parentPort!, () => async (message) => {
  const { path, waitMs } = message as { path: string; waitMs: number };
  await new Promise((resolve) => setTimeout(resolve, waitMs));
  writeFileSync(path, 'done\n');
  return path;
});
