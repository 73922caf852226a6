import type { Diagnostic } from '../core/diagnostic.js';
import { pagePath, type OutputFormat } from '../core/model.js';
import { isPublic } from '../core/publication.js';
import type { Config } from '../core/schema.js';
import { bodyKey, buildSite, feedBodiesNeeded, PageProblems, siteEntry, type SiteEntry, type SitePageJob, type SiteResult } from '../core/site/index.js';
import type { SiteFile } from '../core/site/sitemaps.js';
import { ReleaseRenderer, type PageRenderers, type RenderResult, type SitePage, type TemplateSet } from '../core/templates.js';
import type { Release } from '../core/validate.js';
import { VERSION } from '../version.js';

/** Pages rendered at a time: their views and pages are held until they are written, and no longer. */
const PAGE_CHUNK = 256;

/** What a build remembers of the site's pages (see `BuildCache`): whether a page stays as an earlier build wrote it. */
export interface SitePageCache {
  pageState(kind: SitePage, path: string, key: string): { kept: boolean };
  pageRendered(state: { kept: boolean }, result: RenderResult): void;
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
  private readonly bodies = new Map<string, string>();
  private readonly needed: Set<string>;

  /** Renders the site's pages on the calling thread, when there are no build threads. */
  private readonly renderer: ReleaseRenderer;
  private planned: SiteResult | undefined;

  /** `pages`: what an earlier build rendered, so that a page made from the same view is left as it is. */
  constructor(private readonly settings: { config: Config; set: TemplateSet; formats: readonly OutputFormat[]; now: number; pages?: SitePageCache }, releases: readonly Release[]) {
    const { config, now } = settings;
    this.renderer = new ReleaseRenderer(settings.set);
    for (const release of releases) {
      if (isPublic(release, now, config.timezone)) this.entries.set(bodyKey(release), siteEntry(release, config.timezone));
    }
    this.needed = feedBodiesNeeded([...this.entries.values()], config, config.languages);
  }

  /** Whether a feed carries this release's body in full, so that `recordHtml` needs the body's HTML. */
  needsBody(release: Release): boolean {
    return this.needed.has(bodyKey(release));
  }

  /** Records a release whose files were written (here, by a build thread or by an earlier build), with its body's HTML when `needsBody`. */
  recordHtml(release: Release, bodyHtml: string | undefined): void {
    const key = bodyKey(release);
    if (!this.entries.has(key)) return;
    this.built.add(key);
    if (bodyHtml !== undefined && this.needed.has(key)) this.bodies.set(key, bodyHtml);
  }

  /** The site, planned once from the public releases whose own files were written: call it only when all of them are. */
  private plan(): SiteResult {
    const { config, set, formats, now } = this.settings;
    this.planned ??= buildSite([...this.entries.values()].filter((e) => this.built.has(bodyKey(e))), this.bodies, {
      config, languages: config.languages, now, version: VERSION,
      pages: formats.includes('html') && this.renderer.hasSitePages(),
      htmlPages: formats.includes('html'),
      files: (e) => formats.map((f) => pagePath(e.lang, e.slug, f)),
      labels: (lang) => set.labels?.get(lang)?.values ?? {},
    });
    return this.planned;
  }

  /**
   * Renders the site's pages (listings, tag pages, home) and hands each to
   * `onFile` in order as it is made: a page another build wrote from the
   * same view is handed over `kept`, with no content, for the caller to
   * leave as it is. `elsewhere` renders them on other threads (the build's),
   * when there are any: the pages are most of the step's work.
   */
  async writePages(elsewhere: PageRenderers | undefined, onFile: (file: SiteFile, kept: boolean) => Promise<void>): Promise<Diagnostic[]> {
    const cache = this.settings.pages;
    const problems = new PageProblems();
    const chunk: SitePageJob[] = [];
    const flush = async () => {
      const states = chunk.map((job) => cache?.pageState(job.kind, job.path, job.key) ?? { kept: false });
      const views = chunk.filter((_, i) => !states[i]!.kept).map((job) => ({ kind: job.kind, view: job.view() }));
      const rendered = elsewhere ? await elsewhere(views) : views.map((p) => this.renderer.renderPage(p.kind, p.view));
      let next = 0;
      for (const [i, job] of chunk.entries()) {
        const state = states[i]!;
        if (state.kept) {
          await onFile({ path: job.path, content: '' }, true);
          continue;
        }
        const result = rendered[next++];
        if (result === undefined) throw new Error(`The site's page ${job.path} was not rendered.`);
        cache?.pageRendered(state, result);
        if (result.ok) await onFile({ path: job.path, content: result.output }, false);
        else problems.add(job.path, result.diagnostics);
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

  /** The site's other files (feeds, sitemaps, releases.json), each handed to `onFile` as it is made, after `writePages`. */
  async writeFiles(onFile: (file: SiteFile) => Promise<void>): Promise<{ diagnostics: Diagnostic[]; notes: string[] }> {
    const site = this.plan();
    for (const file of site.files) await onFile(file);
    return { diagnostics: site.diagnostics, notes: site.notes };
  }
}
