import { writeFileSync } from 'node:fs';
import { setTimeout } from 'node:timers';
import { parentPort } from 'node:worker_threads';
import { serveTasks } from '../../lib/app/pool.js';

/** slow-task-worker.ts as it is, in JavaScript on the built lib/, for a thread that need not load a TypeScript loader first (pool-workers.ts). */
serveTasks(parentPort, () => async (message) => {
  const { path, waitMs } = message;
  await new Promise((resolve) => setTimeout(resolve, waitMs));
  writeFileSync(path, 'done\n');
  return path;
});
