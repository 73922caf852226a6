import { writeFileSync } from 'node:fs';
import { setTimeout } from 'node:timers';
import { parentPort } from 'node:worker_threads';
import { poolModule } from './pool-module.js';

/** A build thread stand-in for the pool's tests: waits, then writes a file, and answers with its path. */
const { serveTasks } = await poolModule();
serveTasks(parentPort, () => async (message) => {
  const { path, waitMs } = message;
  await new Promise((resolve) => setTimeout(resolve, waitMs));
  writeFileSync(path, 'done\n');
  return path;
});
