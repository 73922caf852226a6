import { COMPILED_TEMPLATES } from './compiled-templates.js';
import type { Diagnostic } from '../core/diagnostic.js';
import { composeEmail, inlineImageFacts, type InlineImage, UnreadableStyles, MAX_EMAIL_DECLARATION_WORK, MAX_EMAIL_ELEMENTS, MAX_EMAIL_NESTING, MAX_EMAIL_STYLE_WORK, styleWork } from '../core/email.js';
import { nestsPast } from '../core/html-nesting.js';
import type { ImageFacts } from '../core/images.js';
import type { ReleaseView } from '../core/model.js';
import type { EmailConfig } from '../core/schema.js';
import { ENTRY_TEMPLATES, ReleaseRenderer, type TemplateSet } from '../core/templates.js';
import { labelsFor } from '../core/labels.js';
import { loadTemplateSet, type SetLocation, type TemplateSearch } from '../io/template-sets.js';
import { FRESH } from '../core/objects.js';
import { excerpt } from '../core/text.js';

/**
 * The `eml` format of a build: each release's HTML and text, rendered by the
 * e-mail template set (`email` unless another is named), composed into one
 * message. The set is loaded once per build.
 */

export type EmailSetup = { ok: true; rendering: EmailRendering } | { ok: false; message: string; hint?: string; diagnostics?: Diagnostic[] };

export class EmailRendering {
  private constructor(
    readonly set: TemplateSet,
    readonly chain: readonly SetLocation[],
    /** What loading the set found to warn of (`template/unused-file`), for the build to report beside its own set's. */
    readonly warnings: readonly Diagnostic[],
    private readonly renderer: ReleaseRenderer,
    private readonly email: EmailConfig,
  ) {}

  static async open(template: string, search: TemplateSearch, email: EmailConfig | undefined, now?: number): Promise<EmailSetup> {
    if (!email) {
      return { ok: false, message: '`build --format eml` needs `email.from` in the config file: the address the messages are sent from.', hint: 'Add `email:` with `from: press@example.org` (see README, "E-mail messages").' };
    }
    const loaded = await loadTemplateSet(template, search);
    if (!loaded.ok) return { ok: false, message: loaded.diagnostics.map((d) => d.message).join(' '), ...(loaded.diagnostics[0]?.hint ? { hint: loaded.diagnostics[0].hint } : {}), diagnostics: loaded.diagnostics };
    const missing = (['html', 'text'] as const).filter((f) => !loaded.set.formats.includes(f));
    if (missing.length > 0) return { ok: false, message: `E-mail messages need the HTML and text templates of the set "${loaded.set.name}", which has no ${missing.join(' or ')}.` };
    return { ok: true, rendering: new EmailRendering(loaded.set, loaded.chain, loaded.warnings, new ReleaseRenderer(loaded.set, now === undefined ? { compiled: COMPILED_TEMPLATES } : { now, compiled: COMPILED_TEMPLATES }), email) };
  }

  /** A build thread's: the set and the config's `email` as the calling thread opened them (see `open`), writing at most `perRun` characters in all. */
  static of(set: TemplateSet, email: EmailConfig, now: number, perRun: number): EmailRendering {
    return new EmailRendering(set, [], [], new ReleaseRenderer(set, { now, outputLimits: { perRun }, compiled: COMPILED_TEMPLATES }), email);
  }

  /** A release's local images as its message shows them when it carries them (`render`'s `images`): at their `cid:` addresses. */
  carried(images: ImageFacts): ImageFacts {
    return inlineImageFacts(images, this.email);
  }

  /**
   * The message for one release, or the template problems that stopped it. A message is read away from the page: its HTML
   * carries the body as documents do (`body_html_document`: with the site's URL, addresses relative to the page resolved).
   * `images`: the local images it carries in parts of their own, which the view shows at their `cid:` addresses.
   */
  async render(pageView: ReleaseView, images: readonly InlineImage[] = []): Promise<{ ok: true; output: string } | { ok: false; diagnostics: Diagnostic[] }> {
    // Without the site's URL nothing can be made a full address: the body as the page has it (a document's has its images' paths from the output root).
    const view = pageView.release.canonical_url === null || pageView.body_html_document === pageView.body_html ? pageView : { ...FRESH, ...pageView, body_html: pageView.body_html_document };
    const html = this.renderer.render('html', view);
    const text = this.renderer.render('text', view);
    if (!html.ok || !text.ok) return { ok: false, diagnostics: [...(html.ok ? [] : html.diagnostics), ...(text.ok ? [] : text.diagnostics)] };
    const file = this.set.files.get(ENTRY_TEMPLATES.html)?.path ?? this.set.name;
    let elements = 0;
    if (nestsPast(html.output, MAX_EMAIL_NESTING, () => elements++)) {
      return { ok: false, diagnostics: [{
        file, line: 1, column: 1, severity: 'error', ruleId: 'template/render',
        message: `The template's HTML nests elements more than ${MAX_EMAIL_NESTING} levels deep, counting those left open, too deep to make an e-mail message of.`,
        hint: 'Close the elements the template opens (a tag opened in a loop and never closed adds a level each time), and nest tables only a few levels.',
      }] };
    }
    // The styles are written into each element they apply to, which takes time and memory growing with both.
    const { selectors, declarations } = elements > MAX_EMAIL_ELEMENTS ? { selectors: 0, declarations: 0 } : styleWork(html.output);
    if (elements > MAX_EMAIL_ELEMENTS || elements * selectors > MAX_EMAIL_STYLE_WORK || elements * declarations > MAX_EMAIL_DECLARATION_WORK) {
      const tooMany = elements > MAX_EMAIL_ELEMENTS ? `${elements.toLocaleString('en')} elements, over the limit of ${MAX_EMAIL_ELEMENTS.toLocaleString('en')}`
        : elements * selectors > MAX_EMAIL_STYLE_WORK ? `${elements.toLocaleString('en')} elements and its styles ${selectors.toLocaleString('en')} selectors, whose pairs pass the limit of ${MAX_EMAIL_STYLE_WORK.toLocaleString('en')}`
          : `${elements.toLocaleString('en')} elements and its styles ${declarations.toLocaleString('en')} declarations (each counted once for each selector of its rule), whose pairs pass the limit of ${MAX_EMAIL_DECLARATION_WORK.toLocaleString('en')}`;
      return { ok: false, diagnostics: [{
        file, line: 1, column: 1, severity: 'error', ruleId: 'template/render',
        message: `The e-mail message's HTML has ${tooMany}: too many to write its styles into each element, so no message is made of this release.`,
        hint: 'A release this long (a list or table of thousands of items) is better sent as a link to its page: shorten the body for the message, or keep the set\'s styles to a few dozen rules.',
      }] };
    }
    try {
      return { ok: true, output: await composeEmail(view, { html: html.output, text: text.output, labels: { ...FRESH, ...view.labels, ...labelsFor(this.set.labels, view.release.lang)?.values } }, this.email, images) };
    } catch (cause) {
      // The styles are the set's, like its markup: their fault is the template's, for this release, not the tool's.
      if (!(cause instanceof UnreadableStyles)) throw cause;
      return { ok: false, diagnostics: [{
        file, line: 1, column: 1, severity: 'error', ruleId: 'template/render',
        message: `The styles of the e-mail message's HTML could not be written into its elements (${excerpt(cause.reason, 80)}), so no message is made of this release.`,
        hint: 'Write the set\'s styles as plain rules, each a list of selectors and its declarations: a rule nested inside another (`p { a { … } }`) or at-rules nested deep cannot be inlined.',
      }] };
    }
  }
}
