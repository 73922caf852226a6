import { createHash } from 'node:crypto';
import { COMPILED_TEMPLATES } from './compiled-templates.js';
import type { Diagnostic } from '../core/diagnostic.js';
import { leadImageLink, pagePath, type OutputFormat } from '../core/model.js';
import type { BuildFormat } from '../core/formats.js';
import { isPublic, leftPublicationDated } from '../core/publication.js';
import type { Config } from '../core/schema.js';
import { bodyKey, buildSite, departure, feedBodiesNeeded, feedImage, PageProblems, PIECE_SEPARATOR, siteEntry, type Departure, type PiecedText, type FeedContent, type RefusedAliases, type SiteEntry, type SitePageJob, type SiteResult } from '../core/site/index.js';
import type { ImageFacts } from '../core/images.js';
import type { MadeSiteFile, PieceRecord } from './incremental.js';
import { sitePageView, type PageSpec, type SiteViewOptions } from '../core/site/views.js';
import { ReleaseRenderer, type SitePage, type TemplateSet } from '../core/templates.js';
import { labelsFor } from '../core/labels.js';
import { FRESH } from '../core/objects.js';
import type { Release } from '../core/validate.js';
import { holdsText, OutputError, writeStaged, type FileContent } from '../io/output.js';
import { VERSION } from '../version.js';

/**
 * A file's bytes from its pieces (see `PiecedText`): each piece whose key an
 * earlier build's file (`earlier`) holds is taken from it as it is, the
 * others are made and encoded; with where each lies and the SHA-256 of the
 * whole, for the next build (`BuildCache.earlierPieces`).
 * At 10,000 releases, releases.json is some 8 MB, and a release changed
 * (its title, a translation of it added) changes only its entry and those
 * of its translations. The pieces taken that follow each other in the
 * earlier file, with the separators between them there, are one range of
 * its bytes, and the file is written from its few parts as they are (see
 * `FileContent`): joined into one buffer first, its 8 MB were copied
 * before they were written.
 */
export function joinPieces(text: PiecedText, earlier: ReadonlyMap<string, Uint8Array> | undefined): { parts: Uint8Array[]; size: number; pieces: PieceRecord } {
  const head = Buffer.from(text.head);
  const parts: Uint8Array[] = [head];
  const list: PieceRecord['list'] = [];
  // The range of the earlier file's bytes taken last and not yet given: its buffer, where it starts and where it ends.
  let run: { buffer: ArrayBufferLike; start: number; end: number } | undefined;
  const endRun = () => {
    if (run) parts.push(new Uint8Array(run.buffer, run.start, run.end - run.start));
    run = undefined;
  };
  for (const piece of text.pieces) {
    const taken = earlier?.get(piece.key);
    if (taken && run && taken.buffer === run.buffer && taken.byteOffset === run.end + SEPARATOR.length) {
      run.end = taken.byteOffset + taken.length;
    } else {
      endRun();
      if (list.length > 0) parts.push(SEPARATOR);
      if (taken) run = { buffer: taken.buffer, start: taken.byteOffset, end: taken.byteOffset + taken.length };
      else parts.push(Buffer.from(piece.text()));
    }
    list.push([piece.key, taken ? taken.length : parts.at(-1)!.length]);
  }
  endRun();
  parts.push(Buffer.from(text.tail));
  const digest = createHash('sha256');
  let size = 0;
  for (const part of parts) {
    digest.update(part);
    size += part.length;
  }
  return { parts, size, pieces: { head: head.length, list, digest: digest.digest('base64') } };
}

const SEPARATOR = Buffer.from(PIECE_SEPARATOR);

/** Pages handed out at a time: their specs are held until they are written, and no longer. */
const PAGE_CHUNK = 256;

/** What a build remembers of the site's pages (see `BuildCache`): whether a page stays as an earlier build wrote it. */
export interface SitePageCache {
  pageState(kind: SitePage, path: string, key: string): { kept: boolean };
  pageRendered(state: { kept: boolean }, size: number): void;
  siteFileState(path: string, key: string, exactKey?: () => string): { kept: boolean; paths: string[] };
  siteFilesMade(state: { kept: boolean; paths: string[] }, files: readonly MadeSiteFile[]): void;
  /** The pieces of a file an earlier build wrote in pieces, by key, when it is still as written (see `BuildCache.earlierPieces`). */
  earlierPieces(path: string): ReadonlyMap<string, Uint8Array> | undefined;
}

/** Where the site's pages go: the build's staging folder and manifest. */
export interface SitePageOutput {
  /** Claims a page's path in the staging folder, in the site's order; where to write the page. */
  reserve(path: string): string;
  /** Confirms a page written where `reserve` said. */
  written(path: string): void;
  /** The file in the output folder that an earlier build wrote for the site at `path`, if any: a page with the same bytes is not written again. */
  compareWith(path: string): string | undefined;
  /** A page that is part of the site: written, the same as before, or left as it was (`kept`). */
  listed(path: string, kept: boolean): void;
  /** How long the template of a page of `kind` took to render it, in ms. */
  rendered?(kind: SitePage, ms: number): void;
}

/** One page to render and write, on whatever thread: its spec is all its view is made from. */
export interface SitePageTask {
  kind: SitePage;
  path: string;
  spec: PageSpec;
  /** Where to write it in the staging folder (`SitePageOutput.reserve`). */
  target: string;
  /** The file to compare it with (`SitePageOutput.compareWith`). */
  compare?: string;
}

export interface SitePageOutcome {
  ok: boolean;
  /** The size in bytes of the page. */
  size?: number;
  /** The output folder already holds the page, byte for byte: nothing was written. */
  same?: boolean;
  /** Template problems. */
  diagnostics?: Diagnostic[];
  /** A page that could not be written: the build stops, as for any write error. */
  writeError?: { path: string; message: string };
  /** How long its template took to render it, in ms. */
  ms?: number;
}

/** Renders site pages on other threads, the outcomes in order. */
export type SitePageRenderers = (tasks: SitePageTask[]) => Promise<SitePageOutcome[]>;

/** What the views of the site's pages need of the build's settings, the same on every thread. */
export function siteViewOptions(set: TemplateSet, config: Config): SiteViewOptions {
  return { config, version: VERSION, labels: (lang) => labelsFor(set.labels, lang)?.values ?? {} };
}

/**
 * Renders every page of the site that `releases` would make, each of them
 * listed as if it were public (drafts too, as `templates check` renders
 * them), with the set's site templates: their problems are found by the
 * check, not first by a build. Nothing is written.
 */
export function checkSitePages(set: TemplateSet, config: Config, releases: readonly Release[], now: number, known: Iterable<string> = []): { pages: number; diagnostics: Diagnostic[] } {
  const renderer = new ReleaseRenderer(set, { now, compiled: COMPILED_TEMPLATES });
  if (!renderer.hasSitePages()) return { pages: 0, diagnostics: [] };
  const options = siteViewOptions(set, config);
  const site = buildSite(releases.map((release) => siteEntry(release, config.timezone, release.image ? leadImageLink(release.image, undefined) : null)), new Map(), {
    config, languages: config.languages, now, version: VERSION, pages: true, htmlPages: true,
    files: (e) => [pagePath(e.lang, e.slug, 'html')],
    labels: options.labels,
  });
  // A problem the releases' renders met already (a layout's or partial's both kinds of page share) is not reported again for a page.
  const problems = new PageProblems(known);
  let pages = 0;
  for (const job of site.pages) {
    const result = renderer.renderPage(job.kind, sitePageView(job.spec(), options));
    pages++;
    if (!result.ok) problems.add(job.path, result.diagnostics);
  }
  return { pages, diagnostics: problems.diagnostics };
}

/**
 * Makes one page of the site from its spec and writes it into the staging
 * folder, unless the output folder holds the same bytes: the page never
 * passes between threads.
 */
export function renderSitePage(task: SitePageTask, renderer: ReleaseRenderer, options: SiteViewOptions, folders: Set<string>): SitePageOutcome {
  const view = sitePageView(task.spec, options);
  renderer.compilePage(task.kind);
  const started = performance.now();
  const result = renderer.renderPage(task.kind, view);
  const ms = performance.now() - started;
  if (!result.ok) return { ok: false, diagnostics: result.diagnostics };
  const size = Buffer.byteLength(result.output);
  if (task.compare !== undefined && holdsText(task.compare, result.output)) return { ok: true, size, same: true, ms };
  try {
    writeStaged(task.target, result.output, folders, task.path);
  } catch (cause) {
    if (!(cause instanceof OutputError)) throw cause;
    return { ok: false, writeError: { path: task.path, message: cause.message } };
  }
  return { ok: true, size, same: false, ms };
}

/**
 * The site step of a build: the listings, tag pages, home page, feeds,
 * sitemaps and releases.json. It is given the releases the build renders and
 * keeps, of those, only the ones the publication module calls public at the
 * build's clock, whatever the build's mode: a preview with drafts or
 * embargoed copies writes those releases' own pages, never a listing, feed or
 * manifest entry for them.
 */
export class SiteStep {
  private readonly entries = new Map<string, SiteEntry>();
  private readonly built = new Set<string>();
  private readonly bodies = new Map<string, FeedContent>();
  private readonly needed: Set<string>;

  /** Renders the site's pages on the calling thread, when there are no build threads. */
  private readonly renderer: ReleaseRenderer;
  private planned: SiteResult | undefined;
  /** Set once the site's files are made: the step has let go of what it held, and is done. */
  private spent = false;
  private readonly viewOptions: SiteViewOptions;
  /** Folders made in the staging folder by pages rendered on the calling thread. */
  private readonly folders = new Set<string>();

  /** Releases withdrawn after they went out: the pages they left changed when they left (`sitemapUrls`). */
  private readonly departures: Departure[] = [];

  /** `pages`: what an earlier build rendered, so that a page made from the same view is left as it is. */
  /** `files`: the formats of each release's files, for `releases.json` (`formats` and the e-mail, when it is built). */
  /** `withdrawn`: the withdrawn releases, of which those withdrawn after they went out (`leftPublicationDated`) date the pages they left. */
  constructor(private readonly settings: { config: Config; set: TemplateSet; formats: readonly OutputFormat[]; files: readonly BuildFormat[]; now: number; pages?: SitePageCache }, releases: readonly Release[], withdrawn: readonly Release[] = []) {
    const { config, now } = settings;
    for (const release of withdrawn) if (leftPublicationDated(release, now, config.timezone)) this.departures.push(departure(release, config.timezone, now));
    // In one order whatever order the files came in: the sitemap's key lists them.
    const order = (d: Departure) => JSON.stringify([d.dateIso, d.lang, d.tags]);
    this.departures.sort((a, b) => a.instant - b.instant || (order(a) < order(b) ? -1 : order(a) > order(b) ? 1 : 0));
    this.renderer = new ReleaseRenderer(settings.set, { now, compiled: COMPILED_TEMPLATES });
    this.viewOptions = siteViewOptions(settings.set, config);
    for (const release of releases) {
      if (isPublic(release, now, config.timezone)) this.entries.set(bodyKey(release), siteEntry(release, config.timezone, release.image ? leadImageLink(release.image, undefined) : null));
    }
    this.needed = feedBodiesNeeded([...this.entries.values()], config, config.languages);
  }

  /** Whether a feed carries this release's body in full, so that `recordHtml` needs the body's HTML. */
  needsBody(release: Release): boolean {
    return this.needed.has(bodyKey(release));
  }

  /**
   * Records a release whose files were written (here, by a build thread or
   * by an earlier build), with its body's HTML when `needsBody`, and its
   * local images as the build copied them, for the lead image of its feeds
   * and of releases.json.
   */
  recordHtml(release: Release, bodyHtml: string | undefined, images?: ImageFacts): void {
    const key = bodyKey(release);
    if (!this.entries.has(key)) return;
    this.built.add(key);
    const siteUrl = this.settings.config.site?.url;
    this.linkImage(key, release, images);
    if (bodyHtml !== undefined && this.needed.has(key)) this.bodies.set(key, { html: bodyHtml, image: siteUrl ? feedImage(release, images, siteUrl) : null });
  }

  /**
   * Counts a release as built before its files are written, so that the
   * site's pages can be planned and made while it renders. Only for a build
   * that stops at any failure: a release that fails after all is taken back
   * with `forgetHtml`, and the pages already made list it
   * (`builtFewerThanPlanned`), which only a build that writes nothing may
   * leave so.
   */
  expectBuilt(release: Release, images?: ImageFacts): void {
    const key = bodyKey(release);
    if (!this.entries.has(key)) return;
    this.built.add(key);
    this.linkImage(key, release, images);
  }

  /**
   * A local lead image is its copy, at the address and of the size the build
   * found, known once its images are planned: set before the site is planned,
   * since an entry's digest is made once, when a page or file first needs it.
   */
  private linkImage(key: string, release: Release, images: ImageFacts | undefined): void {
    if (!release.image || !images) return;
    const entry = this.entries.get(key)!;
    const link = leadImageLink(release.image, images);
    // Recorded again once rendered (`recordHtml`), it must be as expected (`expectBuilt`).
    if (this.planned && JSON.stringify(link) !== JSON.stringify(entry.image)) throw new Error(`The lead image of ${key} changed after the site was planned.`);
    entry.image = link;
  }

  /**
   * The releases the feeds carry in full, as planned from the releases
   * built, whose body's HTML was not asked for (`needsBody`, made from every
   * public release): each next newest below a release that failed. Asked for
   * now, so that `recordHtml` takes them.
   */
  missingBodies(): string[] {
    const { config } = this.settings;
    const built = [...this.entries.values()].filter((e) => this.built.has(bodyKey(e)));
    const missing = [...feedBodiesNeeded(built, config, config.languages)].filter((key) => !this.bodies.has(key));
    for (const key of missing) this.needed.add(key);
    return missing;
  }

  /** A release the planned site lists was taken back (`forgetHtml`) after the site was planned. */
  builtFewerThanPlanned = false;

  /** Forgets a release recorded with `recordHtml` or `expectBuilt`: it failed, and its files are not all written. */
  forgetHtml(release: Release): void {
    const key = bodyKey(release);
    if (this.built.delete(key) && this.planned) this.builtFewerThanPlanned = true;
    this.bodies.delete(key);
  }

  /**
   * The template problems of the site's pages planned again from the
   * releases built, rendered on this thread and not written: for a build
   * whose pages, made beside the releases, list one that failed
   * (`builtFewerThanPlanned`), and which writes nothing. The site's other
   * files are made from this plan too.
   */
  pageProblemsAsBuilt(): Diagnostic[] {
    this.planned = undefined;
    const problems = new PageProblems();
    for (const job of this.plan().pages) {
      const result = this.renderer.renderPage(job.kind, sitePageView(job.spec(), this.viewOptions));
      if (!result.ok) problems.add(job.path, result.diagnostics);
    }
    return problems.diagnostics;
  }

  /** The site, planned once from the public releases whose own files were written: call it only when all of them are. */
  private plan(): SiteResult {
    const { config, formats, files, now } = this.settings;
    if (this.planned) return this.planned;
    if (this.spent) throw new Error('The site was planned again after its files were made.');
    // A set that builds its release pages without the site's own says so: they link to a listing, a home page and tag pages that are not there.
    const missing = formats.includes('html') ? this.renderer.sitePagesMissing() : undefined;
    const site = buildSite([...this.entries.values()].filter((e) => this.built.has(bodyKey(e))), this.bodies, {
      config, languages: config.languages, now, version: VERSION,
      pages: formats.includes('html') && missing === undefined,
      htmlPages: formats.includes('html'),
      files: (e) => files.map((f) => pagePath(e.lang, e.slug, f)),
      labels: this.viewOptions.labels,
      departures: this.departures,
    });
    this.planned = missing === undefined ? site : { ...FRESH, ...site, notes: [missing, ...site.notes] };
    return this.planned;
  }

  /**
   * Renders the site's pages (listings, tag pages, home) into `output`, in
   * order: a page another build wrote from the same spec is left as it is.
   * `elsewhere` renders them on other threads (the build's), when there are
   * any: the pages are most of the step's work.
   */
  async writePages(elsewhere: SitePageRenderers | undefined, output: SitePageOutput): Promise<Diagnostic[]> {
    const cache = this.settings.pages;
    const problems = new PageProblems();
    const chunk: SitePageJob[] = [];
    const flush = async () => {
      const states = chunk.map((job) => cache?.pageState(job.kind, job.path, job.key) ?? { kept: false });
      const tasks: SitePageTask[] = [];
      for (const [i, job] of chunk.entries()) {
        if (states[i]!.kept) continue;
        const compare = output.compareWith(job.path);
        tasks.push({ kind: job.kind, path: job.path, spec: job.spec(), target: output.reserve(job.path), ...(compare !== undefined ? { compare } : {}) });
      }
      const outcomes = elsewhere ? await elsewhere(tasks) : tasks.map((task) => renderSitePage(task, this.renderer, this.viewOptions, this.folders));
      let next = 0;
      for (const [i, job] of chunk.entries()) {
        const state = states[i]!;
        if (state.kept) {
          output.listed(job.path, true);
          continue;
        }
        const outcome = outcomes[next++];
        if (outcome === undefined) throw new Error(`The site's page ${job.path} was not rendered.`);
        if (outcome.writeError) throw new OutputError(outcome.writeError.path, outcome.writeError.message);
        if (!outcome.ok) {
          problems.add(job.path, outcome.diagnostics ?? []);
          continue;
        }
        if (outcome.ms !== undefined) output.rendered?.(job.kind, outcome.ms);
        cache?.pageRendered(state, outcome.size ?? 0);
        if (!outcome.same) output.written(job.path);
        output.listed(job.path, false);
      }
      chunk.length = 0;
    };
    for (const job of this.plan().pages) {
      chunk.push(job);
      if (chunk.length === PAGE_CHUNK) await flush();
    }
    await flush();
    return problems.diagnostics;
  }

  /**
   * The site's other files (feeds, sitemaps, releases.json), each handed to
   * `onFile` with its content as it is made, after `writePages`; files
   * another build made from the same data are handed over without content
   * (kept as they are), and are not made. `refused`: the aliases whose
   * redirect pages the build does not write, which releases.json leaves out.
   */
  async writeFiles(refused: RefusedAliases, onFile: (path: string, content: FileContent | undefined) => Promise<void>): Promise<{ notes: string[] }> {
    const cache = this.settings.pages;
    const site = this.plan();
    for (const job of site.files(refused)) {
      const state = job.key !== undefined ? cache?.siteFileState(job.path, job.key, job.exactKey) : undefined;
      if (state?.kept) {
        for (const path of state.paths) await onFile(path, undefined);
        continue;
      }
      const made: MadeSiteFile[] = [];
      for (const file of job.files()) {
        if (typeof file.content === 'string') {
          await onFile(file.path, file.content);
          made.push({ path: file.path, size: Buffer.byteLength(file.content) });
          continue;
        }
        const joined = joinPieces(file.content, state ? cache?.earlierPieces(file.path) : undefined);
        await onFile(file.path, joined.parts);
        made.push({ path: file.path, size: joined.size, pieces: joined.pieces });
      }
      if (state) cache?.siteFilesMade(state, made);
    }
    // The files are the site's last step: what it held (an entry of every public release, the feeds' bodies, the plan with every page's
    // and file's view, its addresses) is let go before the commit, where the build would otherwise hold it to its end: some 4 MiB at
    // 10,000 releases.
    this.spent = true;
    this.planned = undefined;
    this.entries.clear();
    this.built.clear();
    this.bodies.clear();
    return { notes: site.notes };
  }
}
