import { COMPILED_TEMPLATES } from './compiled-templates.js';
import { join } from 'node:path';
import type { Translation } from '../core/collection.js';
import type { Diagnostic } from '../core/diagnostic.js';
import type { ImageFacts } from '../core/images.js';
import type { ListedLinks } from '../core/site/listing.js';
import type { BodyTokens } from '../core/markdown.js';
import { absoluteImages, buildView, pagePath, type OutputFormat } from '../core/model.js';
import { labelsFor } from '../core/labels.js';
import { isIncluded, type PublicationFacts, type PublicationMode } from '../core/publication.js';
import type { EmailConfig } from '../core/schema.js';
import type { Release, ValidateOptions } from '../core/validate.js';
import type { SiteViewOptions } from '../core/site/views.js';
import { OUTPUT_LIMITS, pageIdsOf, ReleaseRenderer, type TemplateSet } from '../core/templates.js';
import { holdsText, OutputError, stagedPath, writeStaged } from '../io/output.js';
import { decodeRelease, readBytesSync } from '../io/read.js';
import { checkText, loadBody, outcomeOf, undecodedOutcome, unreadOutcome, type LoadedBody, type SourceStamp, type ValidRelease } from './check.js';
import { sha256, type CheckItem, type CheckItemResult } from './incremental.js';
import { BATCH_SIZE, threadScript, threadsFor, WorkerPool, type TaskHandler } from './pool.js';
import { maxFileSize } from './project.js';
import { ReleaseRendering, type RenderSettings } from './render.js';
import { renderSitePage, siteViewOptions, type SitePageOutcome, type SitePageRenderers, type SitePageTask } from './site.js';
import { FRESH, ownStrings } from '../core/objects.js';
import { VERSION } from '../version.js';
import type { EmailRendering } from './email.js';
import type { InlineImage } from '../core/email.js';

/**
 * The units of work of a build, the same on the calling thread and in the
 * build threads: a batch of files to check, a batch of releases to render.
 * Results come back in the order of the work given, so that a build's
 * output and diagnostics are the same whatever the number of threads.
 */

/** Site pages per message: a listing page's view is small, and its page far quicker to make than a release's. */
const PAGE_BATCH_SIZE = 16;

export interface BuildThreadData {
  render: RenderSettings;
  /** For an `eml` build: the e-mail template set and the config's `email`, with which a thread makes each release's message. */
  email?: { set: TemplateSet; config: EmailConfig };
  now: number;
  /** Which releases the build writes: a thread keeps no body of one it will not render. */
  mode: PublicationMode;
  /** Build threads: each may write its share of the run's output limit. */
  threads: number;
}

/** What a thread that only checks needs (`validate`): no template set, no output folder. */
export interface CheckThreadData {
  check: ValidateOptions;
}

export type ThreadData = BuildThreadData | CheckThreadData;

export type BuildTask =
  /** `share`: how many files the thread is likely to check in all, the run's shared out (see `KeptBodies.expect`). */
  | { kind: 'check'; items: CheckItem[]; share?: number }
  | { kind: 'render'; items: RenderItem[] }
  | { kind: 'pages'; pages: SitePageTask[] };

export interface RenderItem {
  item: ValidRelease;
  translations: readonly Translation[];
  /** The staging folder (`OutputStage.staging`). */
  staging: string;
  /** The paths in the output folder claimed for the release's outputs (`OutputStage.reserve`), each written at its `stagedPath`. */
  reserved: readonly string[];
  /** Whether the site's feeds carry the body in full (`SiteStep.needsBody`). */
  bodyHtml?: boolean;
  /** The release's local images as the build copied them, by `src` as written. */
  images?: ImageFacts;
  /**
   * For its e-mail message, where the site has no address (no `site.url`): each local image's file, by where the build
   * copies it in the output folder, which the message carries in a part of its own.
   */
  imageFiles?: Readonly<Record<string, string>>;
  /** For a release no listing names, the site's pages its page may link to (`ViewOptions.listed`). */
  listed?: ListedLinks;
  /**
   * The output folder, and the reserved paths at which the earlier build
   * wrote a release's page (its manifest says so): a page rendered with the
   * same bytes as the file there is not written again.
   */
  earlier?: { folder: string; paths: readonly string[] };
}

export interface RenderItemOutcome {
  ok: boolean;
  /** A problem of this release's own (its file changed, its body is too complex). */
  diagnostic?: Diagnostic;
  /** Template problems first met while rendering it (see `TemplateProblems.entries`). */
  problems: [string, Diagnostic][];
  /** The outputs written to the staging folder, by their path in the output folder. */
  written: string[];
  /** The pages rendered with the bytes the output folder holds for them already (see `RenderItem.earlier`): left as they are. */
  unchanged?: string[];
  /** How long each format's template took to render the release, in ms. */
  templateMs?: Partial<Record<OutputFormat, number>>;
  /** An output that could not be written: the build stops, as for any write error. */
  writeError?: { path: string; message: string };
  /** The body's HTML as the feeds carry it (`body_html_document`), when asked for. */
  bodyHtml?: string;
  /** Why the release's e-mail message could not be made: problems of the e-mail template set. */
  emailProblems?: Diagnostic[];
  /** The body was read and lexed again: the thread had not kept it from the check. */
  reread?: boolean;
}

/** A body as it was lexed from a file's bytes (`source`), `length` characters long. */
export interface KeptBody {
  source: SourceStamp;
  body: BodyTokens;
  length: number;
}

/**
 * Bodies lexed while checking, kept for the render of the same release by
 * the same thread, so that a body is read and lexed once per build. They
 * are kept only while all of them fit in `budget` characters of body
 * (their tokens, with the text they hold, take some 7 bytes a character
 * for releases like those in examples/, 12 for short ones): once a thread's
 * share of the archive does not, it lets every kept body go and keeps no
 * more, since keeping the first few of a large archive would cost the
 * memory and save little (measured at 10,000 releases on two threads: 115
 * MiB more peak memory for some 2% of the time). A thread told its share
 * (`expect`) sees that coming from its first batch, by the bodies it has
 * kept so far, and stops there: filling the budget only to let it go held
 * some 45 MiB more per thread for a while (10,000 releases, two threads).
 * A kept body serves only the bytes it was lexed from: same size, times
 * and offset. Only the bodies of releases the build renders (`rendered`:
 * in a public build, not a draft or an embargoed copy) are kept, or count
 * against the budget.
 */
export class KeptBodies {
  private readonly bodies = new Map<string, KeptBody>();
  private length = 0;
  private full = false;
  /** Files this thread is likely to check in all (`expect`), files it checked, and the characters of the bodies it kept of them. */
  private share: number | undefined;
  private checked = 0;
  private keptLength = 0;

  constructor(private readonly budget: number, readonly rendered: (release: PublicationFacts) => boolean = () => true) {}

  /** Tells how many files this thread is likely to check in all: its share of the run's. */
  expect(files: number): void {
    this.share = files;
  }

  /** Counts a file checked, with its lexed body when the build renders it. */
  checkedFile(kept?: KeptBody): void {
    this.checked++;
    if (kept) this.keep(kept.source, kept.body, kept.length);
    // From the first batch on, the bodies kept so far say how much the whole share would take.
    if (!this.full && this.share !== undefined && this.checked >= Math.min(BATCH_SIZE, this.share) && (this.keptLength / this.checked) * this.share > this.budget) this.letGo();
  }

  keep(source: SourceStamp, body: BodyTokens, length: number): void {
    if (this.full || this.bodies.has(source.path)) return;
    this.keptLength += length;
    if (this.length + length > this.budget) {
      this.letGo();
      return;
    }
    this.bodies.set(source.path, { source, body, length });
    this.length += length;
  }

  /** Lets every kept body go, and keeps no more. */
  private letGo(): void {
    this.full = true;
    this.bodies.clear();
    this.length = 0;
  }

  /** The body kept for `source`, once: it is forgotten as it is given. */
  take(source: SourceStamp): BodyTokens | undefined {
    const kept = this.bodies.get(source.path);
    if (!kept) return undefined;
    this.bodies.delete(source.path);
    this.length -= kept.length;
    const same = kept.source.size === source.size && kept.source.mtimeMs === source.mtimeMs && kept.source.bodyStart === source.bodyStart;
    return same ? kept.body : undefined;
  }
}

/**
 * Characters of body a thread keeps lexed between check and render (see
 * `KeptBodies`): some 20 to 35 MiB of tokens, a thread's share of an
 * archive of 2,000 releases like those in examples/ (2,600 characters of
 * body each). Half of it, such an archive outgrew the budget and every body
 * was read and lexed again while rendering: its render phase took 1.8 s
 * against 1.2 s on two threads, the whole build a tenth longer, for no
 * less peak memory (and 30 MiB less on one thread). An archive of 10,000
 * outgrows either budget (measured; bench/RESULTS.md).
 */
const KEPT_BODY_BUDGET = 3_000_000;
/** The calling thread, working alone, keeps as much as the two threads a two-core machine would start. */
const MAX_THREADS_KEEPING = 2;

/** Reads a file once, hashes it, and checks it unless the earlier check of the same bytes holds; its lexed body goes to `kept`. */
export function checkItem(item: CheckItem, options: ValidateOptions, kept?: KeptBodies): CheckItemResult {
  const { result, lexed } = readAndCheck(item, options);
  // Every file counts towards the thread's share, read or not (see `KeptBodies`).
  kept?.checkedFile(lexed && kept.rendered(lexed.release) ? lexed : undefined);
  return result;
}

/** A file's check, and its body as it was lexed, when it has a release. */
function readAndCheck({ file, known }: CheckItem, options: ValidateOptions): { result: CheckItemResult; lexed?: KeptBody & { release: Release } } {
  if (file.refused) return { result: { outcome: { diagnostics: [file.refused] } } };
  const maxSize = maxFileSize(options.config);
  const read = readBytesSync(file.path, file.display, maxSize);
  if (!read.ok) return { result: { outcome: outcomeOf(unreadOutcome(file.path, read.diagnostic, file.display, options), undefined) } };
  const hash = sha256(read.bytes);
  const stamp = { hash, size: read.size, mtimeMs: read.mtimeMs };
  if (hash === known) return { result: stamp };
  const decoded = decodeRelease(read.bytes, file.display, maxSize);
  if (!decoded.ok) return { result: { ...FRESH, ...stamp, outcome: outcomeOf(undecodedOutcome(read.bytes, decoded.diagnostic, file.display, options), undefined) } };
  const checkedText = checkText(decoded.text, file.display, options);
  const checked = checkedText.release
    ? { release: checkedText.release, source: { path: file.path, size: read.size, mtimeMs: read.mtimeMs, bodyStart: checkedText.bodyStart } }
    : undefined;
  const result = { ...FRESH, ...stamp, outcome: outcomeOf(checkedText, checked) };
  return checked && checkedText.body ? { result, lexed: { ...FRESH, ...checked, body: checkedText.body, length: decoded.text.length - checkedText.bodyStart } } : { result };
}

/**
 * Renders one release and writes its outputs straight into the staging folder: the pages never pass between threads. With `email`, its message too.
 * A release that fails in any format, or whose message cannot be made, writes nothing: it leaves the listings, and a page of it in another
 * format would be one that nothing links to.
 */
export function renderItem(task: RenderItem, rendering: ReleaseRendering, kept?: KeptBodies): RenderItemOutcome;
export function renderItem(task: RenderItem, rendering: ReleaseRendering, kept: KeptBodies | undefined, email: EmailRendering): Promise<RenderItemOutcome>;
export function renderItem(task: RenderItem, rendering: ReleaseRendering, kept?: KeptBodies, email?: EmailRendering): RenderItemOutcome | Promise<RenderItemOutcome> {
  const { item, translations, bodyHtml, images, listed } = task;
  const known = rendering.problems.size;
  const body = kept?.take(item.source);
  const loaded: LoadedBody = body ? { ok: true, body } : loadBody(item, rendering.settings.config);
  if (!loaded.ok) return { ok: false, diagnostic: loaded.diagnostic, problems: [], written: [] };
  const rendered = rendering.render(item.release, loaded.body, translations, images, listed);
  const problems = rendering.problems.entries().slice(known);
  const templateMs = Object.fromEntries(rendered.outputs.map((output) => [output.format, output.ms])) as Partial<Record<OutputFormat, number>>;
  const outcome: RenderItemOutcome = {
    ok: rendered.ok, problems, written: [], templateMs,
    // The feeds carry the body as the view has it for what is read away from the page (`body_html_document`), not a render of their own.
    ...(bodyHtml ? { bodyHtml: rendered.bodyHtml } : {}),
    ...(body ? {} : { reread: true }),
  };
  const outputs = rendered.outputs.map(({ path, content }) => ({ path, content }));
  if (!rendered.ok) return email ? Promise.resolve(outcome) : outcome;
  return email ? withMessage(outcome, outputs, task, loaded.body, rendering, email) : writeOutputs(outcome, outputs, task, rendering.stagedFolders);
}

/** Writes a release's outputs, but those the output folder holds with the same bytes already (see `RenderItem.earlier`), and says which. */
function writeOutputs(outcome: RenderItemOutcome, outputs: readonly { path: string; content: string }[], task: RenderItem, folders: Set<string>): RenderItemOutcome {
  const unchanged: string[] = [];
  for (const { path, content } of outputs) {
    if (task.earlier?.paths.includes(path) && holdsText(join(task.earlier.folder, path), content)) {
      unchanged.push(path);
      continue;
    }
    const writeError = writeOutput(task, path, content, folders);
    if (writeError) return { ...FRESH, ...outcome, ok: false, writeError };
    outcome.written.push(path);
  }
  if (unchanged.length > 0) outcome.unchanged = unchanged;
  return outcome;
}

/** Writes one output at its path in the output folder, which must have been reserved for it; says why it could not. */
function writeOutput({ staging, reserved }: RenderItem, path: string, content: string, folders: Set<string>): { path: string; message: string } | undefined {
  if (!reserved.includes(path)) return { path, message: `${path} was not reserved in the staging folder` };
  // Synchronous: writing through libuv's threads instead, overlapped with rendering, cost more system time than it saved (measured on 10,000 releases, two threads).
  try {
    writeStaged(stagedPath(staging, path), content, folders, path);
    return undefined;
  } catch (cause) {
    if (!(cause instanceof OutputError)) throw cause;
    return { path, message: cause.message };
  }
}

/**
 * Adds the release's e-mail message to what its render made: its view made
 * again, with the body's images at the copies' full addresses where the
 * site's URL is known (a message is read in a mail client), rendered by
 * the e-mail set and composed, then written with its pages; none of them
 * when the message cannot be made.
 */
async function withMessage(outcome: RenderItemOutcome, outputs: readonly { path: string; content: string }[], task: RenderItem, body: BodyTokens, rendering: ReleaseRendering, email: EmailRendering): Promise<RenderItemOutcome> {
  const { release } = task.item;
  const { config, now, set } = rendering.settings;
  const carried: InlineImage[] = [];
  for (const [path, file] of Object.entries(task.imageFiles ?? {})) {
    const read = readBytesSync(file, path, Number.MAX_SAFE_INTEGER);
    // Copied a moment ago: gone or unreadable since, it fails the release as a file changed during the build does.
    if (!read.ok) return { ...FRESH, ...outcome, ok: false, emailProblems: [{ file: release.file, line: 1, column: 1, severity: 'error', ruleId: 'file/changed', message: `The release was not built: the image copied to ${path} could not be read again for its e-mail message. ${read.diagnostic.message}`, hint: 'Run the build again.' }] };
    carried.push({ path, bytes: read.bytes });
  }
  const images = task.images && carried.length > 0 ? email.carried(task.images) : absoluteImages(task.images, config.site?.url);
  const view = buildView(release, body, { config, now, translations: task.translations, version: VERSION, labels: labelsFor(set.labels, release.lang)?.values, images, listed: task.listed, message: true });
  const message = await email.render(view, carried);
  if (!message.ok) return { ...FRESH, ...outcome, ok: false, emailProblems: message.diagnostics };
  return writeOutputs(outcome, [...outputs, { path: pagePath(release.lang, release.slug, 'eml'), content: message.output }], task, rendering.stagedFolders);
}

/**
 * The items in runs of at most `size` that one thread checked (`threadOf`),
 * in order, each with the index of its first item: a run goes to that
 * thread, which kept the bodies it lexed. Releases left out between check
 * and render (drafts, embargoed copies) shift the runs off the check's
 * batches, so a run is cut wherever the thread changes. (A thread with
 * nothing to do still takes a run another thread is too busy for, and reads
 * those bodies again: see `WorkerPool.dispatch`.)
 */
export function runsByThread<T>(items: readonly T[], threadOf: (item: T) => number | undefined, size = BATCH_SIZE): { start: number; items: T[]; thread: number | undefined }[] {
  const runs: { start: number; items: T[]; thread: number | undefined }[] = [];
  items.forEach((item, i) => {
    const thread = threadOf(item);
    const last = runs.at(-1);
    if (last && last.thread === thread && last.items.length < size) last.items.push(item);
    else runs.push({ start: i, items: [item], thread });
  });
  return runs;
}


/** What a thread does with one task: a build thread checks, renders and writes; a checking thread only checks. */
export function threadTaskHandler(data: ThreadData): TaskHandler {
  if ('render' in data) return buildTaskHandler(data);
  const checking = data.check;
  return (message) => {
    const task = message as BuildTask;
    if (task.kind !== 'check') throw new Error(`a checking thread was given a ${task.kind} task`);
    return task.items.map((item) => checkItem(item, checking));
  };
}

/** What a build thread does with one task, with its own renderer. */
export function buildTaskHandler(data: BuildThreadData): TaskHandler {
  // The run's output limit is shared out: all threads together write no more than one thread may.
  const perRun = Math.floor(OUTPUT_LIMITS.perRun / data.threads);
  const rendering = new ReleaseRendering({ ...FRESH, ...data.render, outputPerRun: perRun });
  let pages: ReleaseRenderer | undefined;
  let siteOptions: SiteViewOptions | undefined;
  const kept = new KeptBodies(KEPT_BODY_BUDGET, (release) => isIncluded(release, data.mode, data.now, data.render.config.timezone));
  // E-mail's libraries (juice, nodemailer) are loaded by a thread that makes messages, on its first render.
  let email: Promise<EmailRendering> | undefined;
  // The checks know the ids the set's page gives elements around the body, as the calling thread's do.
  const checking: ValidateOptions = { config: data.render.config, now: data.now, pageIds: pageIdsOf(data.render.set) };
  const emailRendering = (setup: NonNullable<BuildThreadData['email']>) => (email ??= import('./email.js').then(({ EmailRendering }) => EmailRendering.of(setup.set, setup.config, data.now, perRun)));
  return (message) => {
    const task = message as BuildTask;
    if (task.kind === 'check') {
      if (task.share !== undefined) kept.expect(task.share);
      return task.items.map((item) => checkItem(item, checking, kept));
    }
    if (task.kind === 'render') {
      if (!data.email) return task.items.map((item) => renderItem(item, rendering, kept));
      const setup = data.email;
      return (async () => {
        const messages = await emailRendering(setup);
        const outcomes: RenderItemOutcome[] = [];
        for (const item of task.items) outcomes.push(await renderItem(item, rendering, kept, messages));
        return outcomes;
      })();
    }
    // The site's pages, with a renderer like the calling thread's own (strict), sharing its output limit as the releases do.
    pages ??= new ReleaseRenderer(data.render.set, { outputLimits: { perRun }, now: data.now, compiled: COMPILED_TEMPLATES });
    const renderer = pages;
    const options = (siteOptions ??= siteViewOptions(data.render.set, data.render.config));
    return task.pages.map((page) => renderSitePage(page, renderer, options, rendering.stagedFolders));
  };
}

/**
 * The build threads of one run, started when a phase first has enough work
 * for them: the check when many files must be read, else the render when
 * many releases must be rendered (an output folder removed since the last
 * build: nothing to read again, everything to render). The calling thread
 * takes no share of the work: rendering there would grow its heap, which
 * holds the whole run's index, far more than a thread of its own costs
 * (measured at 10,000 releases).
 */
export class BuildThreads {
  private pool: WorkerPool | undefined;
  /** Threads started (0: the calling thread does everything). */
  count = 0;
  /** Which thread checked each file, by path. */
  private readonly checkedOn = new Map<string, number>();
  /**
   * Bodies the calling thread lexed while checking, for its own render of
   * them, when no thread runs: it does the work of the threads it did not
   * start, with their budgets. Lexing a body again took about a tenth of a
   * one-thread build of 1,000 releases (1.72 s against 1.53 s, measured).
   */
  private kept: KeptBodies | undefined;

  /** Threads for a run, started when a phase has work for them; `jobs` 0 keeps all work on the calling thread. `beforeStart` runs just before they start. */
  constructor(
    private jobs: number,
    private readonly data: Omit<BuildThreadData, 'threads'>,
    private readonly minimumPerThread?: number,
    private readonly beforeStart?: () => void,
    /** Whether the threads wait, once closed, for the next build of the process (`BuildOptions.keepThreads`). */
    private readonly keep = false,
  ) {}

  /** The pool, started now if `items` units of work are worth it and none runs yet. */
  private poolFor(items: number): WorkerPool | undefined {
    if (this.pool || this.jobs === 0) return this.pool;
    const threads = threadsFor(items, this.jobs, this.minimumPerThread);
    if (threads === 0) return undefined;
    const script = threadScript();
    // The threads render what the calling thread checked: it would not take the bodies it kept.
    this.kept = undefined;
    this.beforeStart?.();
    this.pool = new WorkerPool(script, { ...FRESH, ...this.data, threads }, threads);
    this.count = threads;
    return this.pool;
  }

  /** Checks the files, calling `onResult` for each in the given order. */
  async check(items: readonly CheckItem[], checking: ValidateOptions, onResult: (result: CheckItemResult, index: number) => void): Promise<void> {
    const pool = this.poolFor(items.length);
    if (!pool) {
      const { mode, now: at, render } = this.data;
      const kept = (this.kept ??= new KeptBodies(MAX_THREADS_KEEPING * KEPT_BODY_BUDGET, (release) => isIncluded(release, mode, at, render.config.timezone)));
      kept.expect(items.length);
      items.forEach((item, i) => {
        const result = checkItem(item, checking, kept);
        // What the run keeps of a file must not keep its text, as a thread's result does not (see `ownStrings`).
        if (result.outcome) ownStrings(result.outcome);
        onResult(result, i);
      });
      return;
    }
    const share = Math.ceil(items.length / this.count);
    await pool.runBatches<CheckItem, CheckItemResult>(items, (group) => ({ kind: 'check', items: group, share } satisfies BuildTask), (result, i, thread) => {
      // That thread keeps the bodies it lexed: their renders are sent to it.
      this.checkedOn.set(items[i]!.file.path, thread);
      onResult(result, i);
    });
  }

  /** Renders the releases, calling `onResult` for each in the given order; `rendering` gathers every thread's template problems. */
  async render(items: readonly RenderItem[], rendering: ReleaseRendering, onResult: (outcome: RenderItemOutcome, index: number) => void | Promise<void>, email?: EmailRendering): Promise<void> {
    const pool = this.poolFor(items.length);
    if (!pool) {
      for (let i = 0; i < items.length; i++) await onResult(email ? await renderItem(items[i]!, rendering, this.kept, email) : renderItem(items[i]!, rendering, this.kept), i);
      this.kept = undefined;
      return;
    }
    const runs = runsByThread(items, (item) => this.checkedOn.get(item.item.source.path));
    await pool.runAll(runs, (run) => ({ kind: 'render', items: run.items } satisfies BuildTask), async (outcomes: RenderItemOutcome[], r) => {
      for (let i = 0; i < outcomes.length; i++) await onResult(outcomes[i]!, runs[r]!.start + i);
    }, (run) => run.thread);
  }

  /** Renders and writes site pages on the threads, the outcomes in order; undefined when there are no threads (the calling thread renders them). */
  pageRenderers(): SitePageRenderers | undefined {
    const pool = this.pool;
    if (!pool) return undefined;
    return async (pages) => {
      const results: SitePageOutcome[] = [];
      await pool.runBatches<SitePageTask, SitePageOutcome>(pages, (group) => ({ kind: 'pages', pages: group } satisfies BuildTask), (result, i) => {
        results[i] = result;
      }, PAGE_BATCH_SIZE);
      return results;
    };
  }

  /** Stops the threads, or leaves them for the next build (`keep`); once closed, again is a no-op. */
  async close(): Promise<void> {
    const pool = this.pool;
    this.pool = undefined;
    this.jobs = 0;
    await pool?.close(this.keep);
  }
}
