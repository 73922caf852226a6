import { parentPort, workerData } from 'node:worker_threads';
import { threadTaskHandler, type ThreadData } from './parallel.js';
import { serveTasks } from './pool.js';

/**
 * One build thread: compiles the template set once, then checks and renders
 * the batches of releases it is given, writing each release's outputs into
 * the staging folder; the calling thread confirms them in order. Started by
 * `validate`, it only checks.
 */

serveTasks(parentPort!, threadTaskHandler(workerData as ThreadData));
