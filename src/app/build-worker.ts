import { parentPort, workerData } from 'node:worker_threads';
import { OUTPUT_LIMITS } from '../core/templates.js';
import { checkItem, renderBatch, type BuildTask, type BuildThreadData } from './parallel.js';
import { serveTasks } from './pool.js';
import { ReleaseRendering } from './render.js';

/**
 * One build thread: compiles the template set once, then checks and renders
 * the batches of releases it is given. It writes nothing; the calling thread
 * stages the outputs in order.
 */

const data = workerData as BuildThreadData & { threads: number };
// The run's output limit is shared out: all threads together write no more than one thread may.
const rendering = new ReleaseRendering({ ...data.render, outputPerRun: Math.floor(OUTPUT_LIMITS.perRun / data.threads) });
const { config } = data.render;

serveTasks(parentPort!, (message) => {
  const task = message as BuildTask;
  return task.kind === 'check'
    ? task.items.map((item) => checkItem(item, config, data.now))
    : renderBatch(task.items, rendering);
});
