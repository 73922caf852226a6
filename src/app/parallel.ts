import type { Translation } from '../core/collection.js';
import type { Diagnostic } from '../core/diagnostic.js';
import type { ImageFacts } from '../core/images.js';
import { renderBodyHtml, type BodyTokens } from '../core/markdown.js';
import { bodyRenderOptions } from '../core/model.js';
import type { Config } from '../core/schema.js';
import { OUTPUT_LIMITS } from '../core/templates.js';
import { writeStagedLater, type OutputError } from '../io/output.js';
import { decodeText, readBytesSync } from '../io/read.js';
import { checkText, indexEntry, loadBody, type CheckedRelease } from './check.js';
import { sha256, type CheckItem, type CheckItemResult } from './incremental.js';
import { threadsFor, WorkerPool, type TaskHandler } from './pool.js';
import { maxFileSize } from './project.js';
import { ReleaseRendering, type RenderSettings } from './render.js';

/**
 * The units of work of a build, the same on the calling thread and in the
 * build threads: a batch of files to check, a batch of releases to render.
 * Results come back in the order of the work given, so that a build's
 * output and diagnostics are the same whatever the number of threads.
 */

/** Releases per message to a thread: enough to make the message cheap beside the work. */
export const BATCH_SIZE = 32;

export interface BuildThreadData {
  render: RenderSettings;
  now: number;
  /** Build threads: each may write its share of the run's output limit. */
  threads: number;
}

export type BuildTask =
  | { kind: 'check'; items: CheckItem[] }
  | { kind: 'render'; items: RenderItem[] };

export interface RenderItem {
  item: CheckedRelease;
  translations: readonly Translation[];
  /** Where each output goes in the staging folder, by its path in the output folder (`OutputStage.reserve`). */
  targets: Record<string, string>;
  /** Whether the site's feeds carry the body in full (`SiteStep.needsBody`). */
  bodyHtml?: boolean;
  /** Whether the caller needs the lexed body back (only on the calling thread: e-mail messages). */
  keepBody?: boolean;
  /** The release's local images as the build copied them, by `src` as written. */
  images?: ImageFacts;
}

export interface RenderItemOutcome {
  ok: boolean;
  /** A problem of this release's own (its file changed, its body is too complex). */
  diagnostic?: Diagnostic;
  /** Template problems first met while rendering it (see `TemplateProblems.entries`). */
  problems: [string, Diagnostic][];
  /** The outputs written to the staging folder, by their path in the output folder. */
  written: string[];
  /** An output that could not be written: the build stops, as for any write error. */
  writeError?: { path: string; message: string };
  /** The body's HTML, when asked for. */
  bodyHtml?: string;
  /** The lexed body, when asked for. */
  body?: BodyTokens;
}

/** Reads a file once, hashes it, and checks it unless the earlier check of the same bytes holds. */
export function checkItem({ file, known }: CheckItem, config: Config, now: number): CheckItemResult {
  if (file.refused) return { outcome: { diagnostics: [file.refused] } };
  const maxSize = maxFileSize(config);
  const read = readBytesSync(file.path, file.display, maxSize);
  if (!read.ok) return { outcome: { diagnostics: [read.diagnostic] } };
  const hash = sha256(read.bytes);
  const stamp = { hash, size: read.size, mtimeMs: read.mtimeMs };
  if (hash === known) return stamp;
  const decoded = decodeText(read.bytes, file.display, maxSize);
  if (!decoded.ok) return { ...stamp, outcome: { diagnostics: [decoded.diagnostic] } };
  const result = checkText(decoded.text, file.display, config, now);
  const checked = result.release
    ? { entry: indexEntry(result.release), release: result.release, source: { path: file.path, size: read.size, mtimeMs: read.mtimeMs, bodyStart: result.bodyStart } }
    : undefined;
  return { ...stamp, outcome: { diagnostics: result.diagnostics, ...(checked ? { checked } : {}) } };
}

/** Folders made in the staging folder by this thread. */
const stagedFolders = new Set<string>();

/**
 * Characters of rendered pages that may wait for the disk in one thread: past
 * it, rendering waits for the writes, so that a batch of huge pages never
 * piles up in memory.
 */
const WAITING_FOR_DISK = 8 * 1024 * 1024;

/** One turn of the event loop, in which writes under way move on to their next step. */
const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

interface StartedRender {
  outcome: RenderItemOutcome;
  writes: { path: string; done: Promise<OutputError | undefined> }[];
  characters: number;
}

/**
 * Renders one release and starts writing its outputs straight into the
 * staging folder (the pages never pass between threads); `renderBatch`
 * waits for the writes.
 */
function startRender({ item, translations, targets, bodyHtml, keepBody, images }: RenderItem, rendering: ReleaseRendering): StartedRender {
  const known = rendering.problems.size;
  const loaded = loadBody(item, rendering.settings.config);
  if (!loaded.ok) return { outcome: { ok: false, diagnostic: loaded.diagnostic, problems: [], written: [] }, writes: [], characters: 0 };
  const rendered = rendering.render(item.release, loaded.body, translations, images);
  const problems = rendering.problems.entries().slice(known);
  const missing = rendered.outputs.find((output) => targets[output.path] === undefined);
  if (missing) return { outcome: { ok: false, problems, written: [], writeError: { path: missing.path, message: `${missing.path} was not reserved in the staging folder` } }, writes: [], characters: 0 };
  const writes = rendered.outputs.map((output) => ({ path: output.path, done: writeStagedLater(targets[output.path]!, output.content, stagedFolders, output.path) }));
  const characters = rendered.outputs.reduce((sum, output) => sum + output.content.length, 0);
  const outcome: RenderItemOutcome = {
    ok: rendered.ok, problems, written: [],
    ...(bodyHtml ? { bodyHtml: renderBodyHtml(loaded.body, bodyRenderOptions(rendering.settings.config, rendering.settings.set.labels?.get(item.release.lang)?.values, images)) } : {}),
    ...(keepBody ? { body: loaded.body } : {}),
  };
  return { outcome, writes, characters };
}

/**
 * Renders releases and writes their outputs, each release's in order. The
 * files are written by libuv's threads while the next releases render;
 * every write has ended, written or failed, when the outcomes are returned,
 * so that nothing writes into the staging folder after its batch.
 */
export async function renderBatch(items: readonly RenderItem[], rendering: ReleaseRendering): Promise<RenderItemOutcome[]> {
  const started: StartedRender[] = [];
  let waiting = 0;
  let unsettled: Promise<unknown>[] = [];
  for (const item of items) {
    const render = startRender(item, rendering);
    started.push(render);
    for (const write of render.writes) unsettled.push(write.done);
    waiting += render.characters;
    if (waiting > WAITING_FOR_DISK) {
      await Promise.all(unsettled);
      unsettled = [];
      waiting = 0;
    } else await nextTurn();
  }
  const outcomes: RenderItemOutcome[] = [];
  for (const { outcome, writes } of started) {
    for (const write of writes) {
      const error = await write.done;
      if (error) {
        // The build stops at a write error; outputs after it in the same release are not confirmed.
        outcome.ok = false;
        outcome.writeError = { path: write.path, message: error.message };
        break;
      }
      outcome.written.push(write.path);
    }
    outcomes.push(outcome);
  }
  // A release whose write failed may have later writes still under way.
  await Promise.all(unsettled);
  return outcomes;
}

function batches<T>(items: readonly T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += BATCH_SIZE) out.push(items.slice(i, i + BATCH_SIZE));
  return out;
}

/** What a build thread does with one task, with its own renderer. */
export function buildTaskHandler(data: BuildThreadData): TaskHandler {
  // The run's output limit is shared out: all threads together write no more than one thread may.
  const rendering = new ReleaseRendering({ ...data.render, outputPerRun: Math.floor(OUTPUT_LIMITS.perRun / data.threads) });
  return (message) => {
    const task = message as BuildTask;
    return task.kind === 'check'
      ? task.items.map((item) => checkItem(item, data.render.config, data.now))
      : renderBatch(task.items, rendering);
  };
}

/**
 * The build threads of one run, or none when the input is small enough for
 * the calling thread alone. The calling thread takes no share of the work:
 * rendering there would grow its heap, which holds the whole run's index,
 * far more than a thread of its own costs (measured at 10,000 releases).
 */
export class BuildThreads {
  private constructor(private readonly pool: WorkerPool | undefined, readonly count: number) {}

  static start(items: number, jobs: number, data: Omit<BuildThreadData, 'threads'>, minimumPerThread?: number): BuildThreads {
    const threads = threadsFor(items, jobs, minimumPerThread);
    if (threads === 0) return new BuildThreads(undefined, 0);
    const script = new URL(`./build-worker.${import.meta.url.endsWith('.ts') ? 'ts' : 'js'}`, import.meta.url);
    return new BuildThreads(new WorkerPool(script, { ...data, threads }, threads), threads);
  }

  /** Checks the files, calling `onResult` for each in the given order. */
  async check(items: readonly CheckItem[], config: Config, now: number, onResult: (result: CheckItemResult, index: number) => void): Promise<void> {
    if (!this.pool) {
      items.forEach((item, i) => onResult(checkItem(item, config, now), i));
      return;
    }
    await this.pool.runAll<CheckItem[], CheckItemResult[]>(batches(items), (group) => ({ kind: 'check', items: group } satisfies BuildTask), (results, g) => {
      results.forEach((result, i) => onResult(result, g * BATCH_SIZE + i));
    });
  }

  /** Renders the releases, calling `onResult` for each in the given order; `rendering` gathers every thread's template problems. */
  async render(items: readonly RenderItem[], rendering: ReleaseRendering, onResult: (outcome: RenderItemOutcome, index: number) => void | Promise<void>): Promise<void> {
    if (!this.pool) {
      let index = 0;
      for (const group of batches(items)) {
        for (const outcome of await renderBatch(group, rendering)) await onResult(outcome, index++);
      }
      return;
    }
    await this.pool.runAll<RenderItem[], RenderItemOutcome[]>(batches(items), (group) => ({ kind: 'render', items: group } satisfies BuildTask), async (outcomes, g) => {
      for (let i = 0; i < outcomes.length; i++) await onResult(outcomes[i]!, g * BATCH_SIZE + i);
    });
  }

  /** Stops the threads; once they are stopped, again is a no-op. */
  async close(): Promise<void> {
    await this.pool?.close();
  }
}
