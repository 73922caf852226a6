import { COMPILED_TEMPLATES } from './compiled-templates.js';
import type { Translation } from '../core/collection.js';
import { problemKey, type Diagnostic } from '../core/diagnostic.js';
import type { ImageFacts } from '../core/images.js';
import type { ListedLinks } from '../core/site/listing.js';
import type { BodyTokens } from '../core/markdown.js';
import { buildView, pagePath, type OutputFormat } from '../core/model.js';
import type { Config } from '../core/schema.js';
import { ReleaseRenderer, type TemplateSet } from '../core/templates.js';
import { labelsFor } from '../core/labels.js';
import type { Release } from '../core/validate.js';
import { VERSION } from '../version.js';
import { FRESH } from '../core/objects.js';

/**
 * Rendering one release to the chosen formats, the same way for `build` and
 * `templates check`. A broken template is one problem, however many
 * releases run into it: `TemplateProblems` keeps the first of each.
 */

export class TemplateProblems {
  private readonly problems = new Map<string, Diagnostic>();

  /**
   * Adds problems found while rendering `context` (such as "en/x.md as html"); a problem already known is not repeated.
   * A syntax error is the template's whatever it renders: it is not said to have happened while rendering a release.
   */
  add(diagnostics: readonly Diagnostic[], context?: string): void {
    for (const d of diagnostics) {
      const key = problemKey(d);
      if (this.problems.has(key)) continue;
      this.problems.set(key, context && d.ruleId !== 'template/syntax' ? { ...FRESH, ...d, message: `${d.message} It happened while rendering ${context}.` } : d);
    }
  }

  list(): Diagnostic[] {
    return [...this.problems.values()];
  }

  /** The problems with the keys they are known by, for another thread's `merge`. */
  entries(): [string, Diagnostic][] {
    return [...this.problems.entries()];
  }

  /** Adds problems another thread found (see `entries`); a problem already known is not repeated. */
  merge(entries: readonly (readonly [string, Diagnostic])[]): void {
    for (const [key, d] of entries) if (!this.problems.has(key)) this.problems.set(key, d);
  }

  get size(): number {
    return this.problems.size;
  }
}

export interface RenderSettings {
  set: TemplateSet;
  config: Config;
  now: number;
  formats: readonly OutputFormat[];
  /** `templates check` renders with strict variables: a misspelt name is an error even where a build would be lenient. */
  strictVariables?: boolean;
  /** Characters all renders of this renderer may write; a build split over threads gives each its share of the run's limit. */
  outputPerRun?: number;
}

/** One rendered output, at its path inside the output folder. */
export interface RenderedOutput {
  format: OutputFormat;
  path: string;
  content: string;
  /** How long its template took to render it, in ms (see `--timings`). */
  ms: number;
}

/** The outputs, and the body's HTML as documents read away from the page carry it (`body_html_document`), for the feeds. */
export type RenderOutcome = { ok: boolean; outputs: RenderedOutput[]; bodyHtml: string };

/** Renders releases with one template set; keeps the template problems it meets. */
export class ReleaseRendering {
  readonly problems = new TemplateProblems();
  /** Folders made in the staging folder by this run's writes on this thread (see `writeStaged`). */
  readonly stagedFolders = new Set<string>();
  private readonly renderer: ReleaseRenderer;

  /** Whether the build makes the site's own pages, which a release's page then links to (see `ViewOptions.sitePages`). */
  readonly sitePages: boolean;

  constructor(readonly settings: RenderSettings) {
    this.renderer = new ReleaseRenderer(settings.set, {
      ...FRESH, now: settings.now, compiled: COMPILED_TEMPLATES, ...(settings.strictVariables ? { strictVariables: true } : {}),
      ...(settings.outputPerRun !== undefined ? { outputLimits: { perRun: settings.outputPerRun } } : {}),
    });
    // As the site decides it (`SiteStep.plan`): HTML pages, and a set with the site's templates in the design of its release page.
    this.sitePages = !settings.formats.includes('html') || this.renderer.hasSitePages();
  }

  /** The template that renders `format` (see `ReleaseRenderer.templateOf`). */
  templateOf(format: OutputFormat): string {
    return this.renderer.templateOf(format);
  }

  /**
   * Problems found by compiling every template (or those `only` names),
   * before any release is rendered; none of the files `unread` names, which
   * no build reads.
   */
  checkTemplates(unread: ReadonlySet<string> = new Set(), only?: ReadonlySet<string>): void {
    this.problems.add(this.renderer.check(only).filter((d) => !unread.has(d.file)));
  }

  /**
   * Renders one release in every format. `translations` are the other
   * languages' versions that the same build writes: the caller decides
   * which, through the publication module. `images` are its local images
   * as the build copied them. `listed`: for a release no listing names, the
   * site's pages there are for its page to link to (`ViewOptions.listed`).
   */
  render(release: Release, body: BodyTokens, translations: readonly Translation[], images?: ImageFacts, listed?: ListedLinks): RenderOutcome {
    const { config, now, formats } = this.settings;
    const view = buildView(release, body, { config, now, translations, version: VERSION, labels: labelsFor(this.settings.set.labels, release.lang)?.values, images, sitePages: this.sitePages, listed });
    const outputs: RenderedOutput[] = [];
    let ok = true;
    for (const format of formats) {
      // The first render of a format parses its template: that is not the render's time.
      this.renderer.compile(format);
      const started = performance.now();
      const rendered = this.renderer.render(format, view);
      const ms = performance.now() - started;
      if (!rendered.ok) {
        ok = false;
        this.problems.add(rendered.diagnostics, `${release.file} as ${format}`);
        continue;
      }
      outputs.push({ format, path: pagePath(release.lang, release.slug, format), content: rendered.output, ms });
    }
    return { ok, outputs, bodyHtml: view.body_html_document };
  }
}
