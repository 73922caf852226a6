import type { Diagnostic } from '../core/diagnostic.js';
import { pagePath, type OutputFormat } from '../core/model.js';
import { isPublic } from '../core/publication.js';
import type { Config } from '../core/schema.js';
import { bodyKey, buildSite, feedBodiesNeeded, pageFiles, siteEntry, type SiteEntry } from '../core/site/index.js';
import type { SiteFile } from '../core/site/sitemaps.js';
import { ReleaseRenderer, type PageRenderers, type TemplateSet } from '../core/templates.js';
import type { Release } from '../core/validate.js';
import { VERSION } from '../version.js';

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

  /** `renderer`: the one for the site's pages, when not the set's own (one that reuses pages an earlier build rendered). */
  constructor(private readonly settings: { config: Config; set: TemplateSet; formats: readonly OutputFormat[]; now: number; renderer?: ReleaseRenderer }, releases: readonly Release[]) {
    const { config, now } = settings;
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

  /**
   * The site's files, from the public releases whose own files were written.
   * `elsewhere` renders the site's pages on other threads (the build's), when
   * there are any: the pages are most of the step's work.
   */
  async files(elsewhere?: PageRenderers): Promise<{ files: SiteFile[]; diagnostics: Diagnostic[]; notes: string[] }> {
    const { config, set, formats, now } = this.settings;
    const renderer = this.settings.renderer ?? new ReleaseRenderer(set);
    const site = buildSite([...this.entries.values()].filter((e) => this.built.has(bodyKey(e))), this.bodies, {
      config, languages: config.languages, now, version: VERSION,
      pages: formats.includes('html') && renderer.hasSitePages(),
      htmlPages: formats.includes('html'),
      files: (e) => formats.map((f) => pagePath(e.lang, e.slug, f)),
      labels: (lang) => set.labels?.get(lang)?.values ?? {},
    });
    const pages = pageFiles(site.pages, await renderer.renderPages(site.pages, elsewhere));
    return { files: [...pages.files, ...site.files], diagnostics: [...pages.diagnostics, ...site.diagnostics], notes: site.notes };
  }
}
