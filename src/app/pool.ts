import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { availableParallelism } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';

/**
 * A small pool of worker threads that runs batches of tasks and hands the
 * results back in the order the tasks were given, whatever thread finished
 * first: output and diagnostics must not depend on the number of threads.
 */

/** Releases per message to a thread: enough to make the message cheap beside the work. */
export const BATCH_SIZE = 32;

/** `items` in runs of `size`, each one message to a thread. */
function batches<T>(items: readonly T[], size = BATCH_SIZE): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** The default number of threads: one per core the process may use. */
export function defaultJobs(): number {
  return availableParallelism();
}

/**
 * How many threads are worth starting for `items` units of work: a thread
 * costs its start-up (loading the validators and compiling the templates),
 * so small inputs run on the calling thread (0).
 */
export function threadsFor(items: number, jobs: number, minimumPerThread = 200): number {
  const threads = Math.min(jobs, Math.floor(items / minimumPerThread));
  // One extra thread beside the calling one gains nothing over the calling thread alone.
  return threads >= 2 ? threads : 0;
}

/** The ES module of tsx's loader API, for threads started from the TypeScript sources. */
function tsxLoader(): string {
  const require = createRequire(import.meta.url);
  const manifest = require.resolve('tsx/package.json');
  const exports = (require(manifest) as { exports: Record<string, { import: { default: string } }> }).exports;
  return pathToFileURL(join(dirname(manifest), exports['./esm/api']!.import.default)).href;
}

interface Pending {
  resolve(value: unknown): void;
  reject(error: Error): void;
}

/**
 * A thread's young generation: V8 lets it grow to 16 MiB of semi-spaces
 * per thread, which a render's short-lived strings and tokens fill and
 * leave behind as resident memory; at a quarter of that, a build spends no
 * more time collecting garbage (measured on 2,000 releases) and each
 * thread holds some 30 MiB less.
 *
 * Its old generation: V8 grows a heap by a larger factor the larger the
 * heap may become, and a thread of a machine's default size let what a
 * render left behind pile up to four times the 11 to 15 MiB it keeps live
 * (60 to 72 MiB a thread at 10,000 releases). Allowed 1 GiB, far above
 * what the limits on a release and a render let one take, it collects
 * twice as often (eleven full collections, not five, some 40 ms a thread)
 * and the build's peak memory at 10,000 releases falls from 285 to 310 MiB
 * to 245 to 250 MiB, at 2,000 from 207 to 201 MiB (bench/RESULTS.md).
 */
const THREAD_LIMITS = { maxYoungGenerationSizeMb: 12, maxOldGenerationSizeMb: 1024 };

/** How long `close` waits for tasks under way before it stops their threads anyway. */
const CLOSE_GRACE_MS = 10_000;

type Reply = { id: number; result: unknown } | { id: number; error: string; stack?: string };

/**
 * What a pool says to a thread: the data of the run it now works for
 * (`begin`), before its first task; a task; the end of that run, which lets
 * the thread's handler go with all it kept.
 */
type Message = { id: number; message: unknown } | { begin: unknown } | { end: true };

/** What a thread does with one task: its result, or a promise of it. */
export type TaskHandler = (message: unknown) => unknown;

/** Tasks given to a thread at once: the next waits in its queue, so the thread never idles while the calling thread handles results. */
const TASKS_PER_THREAD = 2;

export class WorkerPool {
  private readonly workers: Worker[] = [];
  /** Tasks each thread has been given and not answered. */
  private readonly load = new Map<Worker, number>();
  private readonly pending = new Map<number, Pending>();
  private readonly queue: { id: number; message: unknown; prefer: number | undefined }[] = [];
  /** The tasks threads are working on, with the thread (its index) each was given to. */
  private readonly ranOn = new Map<number, number>();
  private nextId = 0;
  private failure: Error | undefined;
  private closed = false;
  private drained: (() => void) | undefined;
  private readonly listeners = new Map<Worker, { message(reply: Reply): void; error(error: Error): void; exit(code: number): void }>();

  /** Threads of an earlier pool of the same script are taken first (see `IdleThreads`); each is given the run's `data` before its first task. */
  constructor(private readonly script: URL, data: unknown, size: number) {
    const reused = IDLE_THREADS.take(script.href, size);
    for (let i = 0; i < size; i++) {
      const worker = reused[i] ?? startThread(script);
      const listeners = {
        message: (reply: Reply) => this.settle(worker, reply),
        error: (error: Error) => this.fail(error),
        exit: (code: number) => {
          if (code !== 0 && !this.closed) this.fail(new Error(`a worker thread stopped with exit code ${code}`));
        },
      };
      worker.on('message', listeners.message).on('error', listeners.error).on('exit', listeners.exit);
      this.listeners.set(worker, listeners);
      worker.postMessage({ begin: data } satisfies Message);
      this.workers.push(worker);
      this.load.set(worker, 0);
    }
  }

  /**
   * Runs one task, on thread `prefer` (an index) when it has room, else on
   * an idle one; says which thread ran it. A thread may keep what one task
   * left for a later one (see `KeptBodies`): where a task runs changes how
   * fast it runs, never its result.
   */
  runOn<R>(message: unknown, prefer?: number): Promise<{ result: R; thread: number }> {
    if (this.failure) return Promise.reject(this.failure);
    if (this.closed) return Promise.reject(new Error('the worker threads were stopped'));
    const id = this.nextId++;
    const promise = new Promise<{ result: R; thread: number }>((resolve, reject) => this.pending.set(id, { resolve: resolve as (value: unknown) => void, reject }));
    this.queue.push({ id, message, prefer: prefer !== undefined && prefer >= 0 && prefer < this.workers.length ? prefer : undefined });
    this.dispatch();
    return promise;
  }

  /**
   * Runs every task and calls `onResult` for each result in task order, as
   * soon as it and every earlier one are in. Only a few tasks run ahead of
   * the oldest result not yet handled, so results wait in memory only
   * briefly, however many tasks there are.
   */
  async runAll<T, R>(tasks: readonly T[], toMessage: (task: T) => unknown, onResult: (result: R, index: number, thread: number) => void | Promise<void>, prefer?: (task: T, index: number) => number | undefined): Promise<void> {
    const ahead = 2 * this.workers.length * TASKS_PER_THREAD;
    const results = new Map<number, Promise<{ result: R; thread: number }>>();
    const submit = (i: number) => {
      const result = this.runOn<R>(toMessage(tasks[i]!), prefer?.(tasks[i]!, i));
      // Handled in order below; until then a failure must not count as unhandled.
      result.catch(() => undefined);
      results.set(i, result);
    };
    for (let i = 0; i < Math.min(ahead, tasks.length); i++) submit(i);
    for (let i = 0; i < tasks.length; i++) {
      const { result, thread } = await results.get(i)!;
      results.delete(i);
      if (i + ahead < tasks.length) submit(i + ahead);
      await onResult(result, i, thread);
    }
  }

  /**
   * Runs `items` in batches of `size`, one task each, and calls `onItem` for
   * each item's result in item order, with its index and the thread that
   * ran its batch.
   */
  async runBatches<T, R>(items: readonly T[], toMessage: (batch: T[]) => unknown, onItem: (result: R, index: number, thread: number) => void, size = BATCH_SIZE): Promise<void> {
    await this.runAll<T[], R[]>(batches(items, size), toMessage, (results, b, thread) => results.forEach((result, i) => onItem(result, b * size + i, thread)));
  }

  /**
   * Ends the pool's work; again, it does nothing. Tasks not yet started are
   * dropped; a task under way is given a moment to end, since a thread may
   * still be writing into a folder that the caller removes next. With
   * `keep`, threads that did all they were given, none having failed, are
   * kept for the next pool of the same script (`IdleThreads`); the others
   * are stopped, and give their memory back.
   */
  async close(keep = false): Promise<void> {
    const workers = this.workers.splice(0);
    this.closed = true;
    for (const { id } of this.queue.splice(0)) {
      this.pending.get(id)?.reject(new Error('the worker threads were stopped'));
      this.pending.delete(id);
    }
    if (this.ranOn.size > 0 && !this.failure) {
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([
        new Promise<void>((resolve) => { this.drained = resolve; }),
        new Promise<void>((resolve) => { timer = setTimeout(resolve, CLOSE_GRACE_MS); }),
      ]);
      clearTimeout(timer);
    }
    const reusable = keep && !this.failure && this.ranOn.size === 0;
    for (const worker of workers) {
      const listeners = this.listeners.get(worker)!;
      worker.off('message', listeners.message).off('error', listeners.error).off('exit', listeners.exit);
      this.listeners.delete(worker);
    }
    if (reusable) {
      for (const worker of workers) {
        worker.postMessage({ end: true } satisfies Message);
        IDLE_THREADS.keep(this.script.href, worker);
      }
      return;
    }
    await Promise.all(workers.map(stopThread));
  }

  /**
   * Gives queued tasks, in order, to an idle thread first, then to a
   * thread's queue; a task that prefers a thread goes to it while it has
   * room, and to another only when that one is idle.
   */
  private dispatch(): void {
    while (!this.closed && this.queue.length > 0) {
      const head = this.queue[0]!;
      const preferred = head.prefer === undefined ? undefined : this.workers[head.prefer];
      const idle = this.workers.find((w) => this.load.get(w) === 0);
      const worker = preferred
        ? (this.load.get(preferred)! < TASKS_PER_THREAD ? preferred : idle)
        : idle ?? this.workers.find((w) => this.load.get(w)! < TASKS_PER_THREAD);
      if (!worker) return;
      this.post(worker);
    }
  }

  private post(worker: Worker): void {
    const task = this.queue.shift()!;
    this.load.set(worker, this.load.get(worker)! + 1);
    this.ranOn.set(task.id, this.workers.indexOf(worker));
    worker.postMessage({ id: task.id, message: task.message } satisfies Message);
  }

  private settle(worker: Worker, reply: Reply): void {
    const pending = this.pending.get(reply.id);
    const thread = this.ranOn.get(reply.id) ?? -1;
    this.pending.delete(reply.id);
    this.ranOn.delete(reply.id);
    if (this.ranOn.size === 0) this.drained?.();
    this.load.set(worker, this.load.get(worker)! - 1);
    this.dispatch();
    if (!pending) return;
    if ('error' in reply) {
      const error = new Error(reply.error);
      if (reply.stack) error.stack = reply.stack;
      pending.reject(error);
    } else pending.resolve({ result: reply.result, thread });
  }

  private fail(error: Error): void {
    if (this.failure) return;
    this.failure = error;
    for (const p of this.pending.values()) p.reject(error);
    this.pending.clear();
  }
}

function errorReply(id: number, cause: unknown): Reply {
  const error = cause instanceof Error ? cause : new Error(String(cause));
  return { id, error: error.message, ...(error.stack ? { stack: error.stack } : {}) };
}

/**
 * The worker's side: makes a handler with `handlerFor` from the data of each
 * run it is given (see `Message`), and answers each task with the handler's
 * result (awaited when it is a promise), or the error it threw, or the
 * error making the handler threw. Tasks run one after another, in the order
 * given, even when the handler awaits.
 */
export function serveTasks(port: { on(event: 'message', listener: (value: Message) => void): unknown; postMessage(value: Reply): void }, handlerFor: (data: unknown) => TaskHandler): void {
  let previous: Promise<void> = Promise.resolve();
  let handler: { handle: TaskHandler } | { error: unknown } | undefined;
  port.on('message', (value) => {
    if ('end' in value) {
      previous = previous.then(() => { handler = undefined; });
      return;
    }
    if ('begin' in value) {
      // Made at once, while the calling thread prepares the first task: a build thread compiles its templates here.
      previous = previous.then(() => {
        try {
          handler = { handle: handlerFor(value.begin) };
        } catch (error) {
          handler = { error };
        }
      });
      return;
    }
    const { id, message } = value;
    previous = previous.then(async () => {
      try {
        if (!handler) throw new Error('a task came before the data of its run');
        if ('error' in handler) throw handler.error;
        port.postMessage({ id, result: await handler.handle(message) });
      } catch (cause) {
        port.postMessage(errorReply(id, cause));
      }
    });
  });
}

/** A thread running `script`: from the TypeScript sources (the tests), through a TypeScript loader, since threads take no --import. */
function startThread(script: URL): Worker {
  return script.pathname.endsWith('.ts')
    ? new Worker(`import(${JSON.stringify(tsxLoader())}).then((api) => { api.register(); return import(${JSON.stringify(script.href)}); })`, { eval: true, resourceLimits: THREAD_LIMITS })
    : new Worker(script, { resourceLimits: THREAD_LIMITS });
}

/**
 * Stops a thread no pool listens to any longer. One that failed meanwhile
 * (an uncaught error, out of memory) tells its error as it stops: with no
 * listener, Node would throw it in the calling thread, and end the process.
 * Stopped, it is of no one's concern.
 */
function stopThread(worker: Worker): Promise<number> {
  worker.on('error', () => undefined);
  return worker.terminate();
}

/** How long a thread no pool uses is kept for the next: the next build of `serve` or `validate --watch` after a save. */
const IDLE_MS = 60_000;

/**
 * Threads that pools closed with `keep` left, and those a run started
 * ahead of its pool (`startThreadsAhead`), by script, for the next pool in
 * the same process: a thread's start (loading the code, compiling the
 * template set, the compiler warming up to it) cost a threaded build of 40
 * releases some 0.3 s and 0.6 s of processor time, which every later build
 * of `serve` and check of `validate --watch` (and the test suite's) would
 * pay again. An idle thread keeps no process alive, and is stopped after
 * `IDLE_MS` unused; one that ends or fails while idle is forgotten. At most
 * one per core is kept.
 */
class IdleThreads {
  private readonly threads = new Map<string, Map<Worker, () => void>>();

  /** How many threads of `script` are idle. */
  count(script: string): number {
    return this.threads.get(script)?.size ?? 0;
  }

  /** Up to `count` idle threads of `script`, no longer idle. */
  take(script: string, count: number): Worker[] {
    const idle = this.threads.get(script);
    if (!idle) return [];
    const taken = [...idle.keys()].slice(0, count);
    for (const worker of taken) {
      idle.get(worker)!();
      idle.delete(worker);
      worker.ref();
    }
    return taken;
  }

  /** Stops `worker` if it still waits here for a pool of `script`. */
  drop(script: string, worker: Worker): void {
    const idle = this.threads.get(script);
    const release = idle?.get(worker);
    if (!release) return;
    release();
    idle!.delete(worker);
    void stopThread(worker);
  }

  /** Keeps `worker`, whose pool ended with nothing under way, for a later pool of `script`. */
  keep(script: string, worker: Worker): void {
    const idle = this.threads.get(script) ?? new Map<Worker, () => void>();
    this.threads.set(script, idle);
    if (idle.size >= availableParallelism()) {
      void stopThread(worker);
      return;
    }
    const release = () => {
      clearTimeout(timer);
      worker.off('exit', forget).off('error', stop);
    };
    const forget = () => {
      release();
      idle.delete(worker);
    };
    const stop = () => {
      forget();
      void stopThread(worker);
    };
    const timer = setTimeout(stop, IDLE_MS);
    timer.unref();
    worker.on('exit', forget).on('error', stop);
    worker.unref();
    idle.set(worker, release);
  }
}

const IDLE_THREADS = new IdleThreads();

/**
 * Starts the threads a run of `items` units of work will want (`threadsFor`),
 * before the run has the data to give them: they wait as idle threads (see
 * `IdleThreads`), loading their code meanwhile, and the run's pool takes
 * them. Threads already idle count; no more than one per core is kept
 * waiting, and the pool starts any others itself. `beforeStart` runs first,
 * only when a thread is to start.
 */
export function startThreadsAhead(script: URL, items: number, jobs: number, minimumPerThread: number | undefined, beforeStart?: () => void): Worker[] {
  const wanted = Math.min(threadsFor(items, jobs, minimumPerThread), availableParallelism());
  const idle = IDLE_THREADS.count(script.href);
  if (wanted <= idle) return [];
  beforeStart?.();
  const started: Worker[] = [];
  for (let i = idle; i < wanted; i++) {
    const worker = startThread(script);
    IDLE_THREADS.keep(script.href, worker);
    started.push(worker);
  }
  return started;
}

/** Stops those of `workers` (started by `startThreadsAhead`) that no pool took: the run that started them ended without one. */
export function stopThreadsAhead(script: URL, workers: readonly Worker[]): void {
  for (const worker of workers) IDLE_THREADS.drop(script.href, worker);
}

/** How many threads of `script` wait for a pool (see `IdleThreads`): for the tests. */
export function idleThreadCount(script: URL): number {
  return IDLE_THREADS.count(script.href);
}

let freshBundle: boolean | undefined;

/**
 * The build threads' script. From the TypeScript sources (the tests), a
 * thread loads some sixty modules through a TypeScript loader, which takes
 * near a second; the bundle `npm run build` makes of the same sources loads
 * in a tenth of that, so it is used when lib/ was built from the sources and
 * build files as they are: the hash `npm test` compares to decide whether to
 * build (scripts/source-hash.js), so that the two never disagree (a file's
 * time would: a source touched but not changed is newer than the bundle).
 */
export function threadScript(): URL {
  if (!import.meta.url.endsWith('.ts')) return new URL('./build-worker.js', import.meta.url);
  freshBundle ??= builtFromSources(fileURLToPath(new URL('../..', import.meta.url)));
  return new URL(freshBundle ? '../../lib/bundle/build-worker.js' : './build-worker.ts', import.meta.url);
}

/** Whether lib/ holds a build of the sources and build files under `root` as they are now. */
function builtFromSources(root: string): boolean {
  try {
    const { INPUTS_RECORD, inputsHash } = createRequire(import.meta.url)('../../scripts/source-hash.js') as { INPUTS_RECORD: string; inputsHash(root: string): string };
    return existsSync(join(root, 'lib/bundle/build-worker.js')) && readFileSync(join(root, INPUTS_RECORD), 'utf8').trim() === inputsHash(root);
  } catch {
    return false;
  }
}
