import { parentPort } from 'node:worker_threads';
import { threadTaskHandler, type ThreadData } from './parallel.js';
import { serveTasks } from './pool.js';

/**
 * One build thread: for each run it is given, compiles the template set,
 * then checks and renders the batches of releases it is given, writing each
 * release's outputs into the staging folder; the calling thread confirms
 * them in order. For `validate`, it only checks. A thread may serve several
 * runs of one process, one after another (see `IdleThreads`).
 */

serveTasks(parentPort!, (data) => threadTaskHandler(data as ThreadData));
