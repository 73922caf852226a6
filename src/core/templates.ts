import { Liquid, type Template } from 'liquidjs';
import type { Diagnostic } from './diagnostic.js';
import { formatDate, formatDateTime } from './dates.js';
import { jsonDocument, ninjsDocument, type OutputFormat, type ReleaseView } from './model.js';
import type { Language } from './schema.js';
import { slugify } from './slug.js';
import { escapeHtml, printable, wrapText } from './text.js';

/**
 * Rendering through LiquidJS templates. A template set is handed over as an
 * in-memory map of its files, so templates can include only files of their
 * own set (and the sets it extends) and never read the file system.
 */

export interface TemplateFile {
  /** Name inside the set, e.g. `partials/contacts.liquid`. */
  name: string;
  source: string;
  /** Where the file came from, for diagnostics and `templates list`. */
  path: string;
  /** The set that provided this file. */
  set: string;
}

export interface TemplateSet {
  name: string;
  description?: string;
  /** Formats with their own template; json and ninjs also have a built-in rendering. */
  formats: readonly OutputFormat[];
  files: ReadonlyMap<string, TemplateFile>;
}

export const ENTRY_TEMPLATES: Record<OutputFormat, string> = {
  html: 'release.html.liquid',
  text: 'release.txt.liquid',
  json: 'release.json.liquid',
  ninjs: 'release.ninjs.liquid',
};

/** Limits that keep a hostile template from hanging or exhausting a build. */
export const TEMPLATE_LIMITS = { parseLimit: 1_000_000, renderLimit: 5_000, memoryLimit: 64 * 1024 * 1024 };

/** HTML that needs no escaping: only the rendered body and `json_script` output are ever marked so. */
export class SafeHtml {
  constructor(readonly html: string) {}
  toString(): string {
    return this.html;
  }
}

function escapeOutput(value: unknown): string {
  if (value instanceof SafeHtml) return value.html;
  return escapeHtml(value === null || value === undefined ? '' : String(value));
}

/** JSON that cannot end a `<script>` block or start a comment inside it. */
export function jsonForScript(value: unknown): string {
  return JSON.stringify(value ?? null)
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

export type RenderResult = { ok: true; output: string } | { ok: false; diagnostics: Diagnostic[] };

interface FilterThis { context: { environments: unknown } }

function scopeLanguage(self: FilterThis): Language {
  const environments = self.context.environments as { release?: { lang?: Language } } | undefined;
  return environments?.release?.lang ?? 'en';
}

function createEngine(set: TemplateSet, format: OutputFormat, strictVariables: boolean): Liquid {
  const templates: Record<string, string> = {};
  for (const [name, file] of set.files) templates[name] = file.source;
  const html = format === 'html';
  const engine = new Liquid({
    templates,
    extname: '.liquid',
    strictFilters: true,
    strictVariables,
    lenientIf: true,
    ownPropertyOnly: true,
    jsTruthy: false,
    greedy: false,
    ...(html ? { outputEscape: escapeOutput } : format === 'text' ? {} : { outputEscape: 'json' as const }),
    ...TEMPLATE_LIMITS,
  });
  engine.registerFilter('format_date', function (this: FilterThis, value: unknown, lang?: Language) {
    return typeof value === 'string' && value ? formatDate(value, lang ?? scopeLanguage(this)) : '';
  });
  engine.registerFilter('format_datetime', function (this: FilterThis, value: unknown, lang?: Language, timeZone?: string) {
    const environments = this.context.environments as { site?: { timezone?: string } };
    return typeof value === 'string' && value ? formatDateTime(value, lang ?? scopeLanguage(this), timeZone ?? environments.site?.timezone ?? 'UTC') : '';
  });
  engine.registerFilter('wrap', (value: unknown, width = 72, indent = '') =>
    wrapText(String(value ?? ''), Number(width), String(indent), String(indent)).join('\n'));
  engine.registerFilter('slugify', (value: unknown) => slugify(String(value ?? '')));
  engine.registerFilter('json_script', (value: unknown) => (html ? new SafeHtml(jsonForScript(value)) : jsonForScript(value)));
  if (html) {
    // `raw` may keep safe HTML unescaped, but cannot smuggle a release value past the escaping.
    engine.registerFilter('raw', { handler: (value: unknown) => escapeOutput(value), raw: true });
  }
  return engine;
}

/** Renders releases through one template set: one engine and one compiled template per format, made once per run. */
export class ReleaseRenderer {
  private readonly engines = new Map<OutputFormat, { engine: Liquid; template: Template[] } | { error: Diagnostic[] } | null>();

  constructor(readonly set: TemplateSet, private readonly options: { strictVariables?: boolean } = {}) {}

  /** Parses a format's entry template (and what it includes) once; null when the set has none. */
  private compiled(format: OutputFormat) {
    if (this.engines.has(format)) return this.engines.get(format)!;
    const name = ENTRY_TEMPLATES[format];
    let entry: { engine: Liquid; template: Template[] } | { error: Diagnostic[] } | null = null;
    const file = this.set.files.get(name);
    if (file) {
      const engine = createEngine(this.set, format, this.options.strictVariables ?? false);
      try {
        entry = { engine, template: engine.parse(file.source, name) };
      } catch (cause) {
        entry = { error: [templateDiagnostic(cause, this.set, name, 'template/syntax')] };
      }
    }
    this.engines.set(format, entry);
    return entry;
  }

  /** Parse errors of every format's entry template, for `templates check`. */
  check(formats: readonly OutputFormat[]): Diagnostic[] {
    return formats.flatMap((f) => {
      const c = this.compiled(f);
      return c && 'error' in c ? c.error : [];
    });
  }

  render(format: OutputFormat, view: ReleaseView): RenderResult {
    const compiled = this.compiled(format);
    if (compiled === null) {
      if (format === 'json') return { ok: true, output: `${JSON.stringify(jsonDocument(view), null, 2)}\n` };
      if (format === 'ninjs') return { ok: true, output: `${JSON.stringify(ninjsDocument(view), null, 2)}\n` };
      return {
        ok: false,
        diagnostics: [{
          file: this.set.name, line: 1, column: 1, severity: 'error', ruleId: 'template/syntax',
          message: `The template set "${this.set.name}" has no ${ENTRY_TEMPLATES[format]}, so it cannot render ${format}.`,
          hint: `Add ${ENTRY_TEMPLATES[format]} to the set, or leave ${format} out of --format.`,
        }],
      };
    }
    if ('error' in compiled) return { ok: false, diagnostics: compiled.error };
    const scope = { ...view, body_html: new SafeHtml(view.body_html) };
    try {
      const output = compiled.engine.renderSync(compiled.template, scope) as string;
      return { ok: true, output: format === 'text' ? tidyText(output) : output };
    } catch (cause) {
      return { ok: false, diagnostics: [templateDiagnostic(cause, this.set, ENTRY_TEMPLATES[format], 'template/render')] };
    }
  }
}

/** Plain text: no trailing spaces, at most one blank line in a row, one final newline. */
export function tidyText(text: string): string {
  return `${text.replace(/[ \t]+$/gm, '').replace(/\n{3,}/g, '\n\n').trim()}\n`;
}

interface LiquidLikeError { name?: string; message?: string; token?: { file?: string; getPosition(): [number, number]; input?: string }; originalError?: unknown }

/** A LiquidJS error as a diagnostic in the template's own file, without the stack. */
export function templateDiagnostic(cause: unknown, set: TemplateSet, entry: string, ruleId: 'template/syntax' | 'template/render'): Diagnostic {
  const error = cause as LiquidLikeError;
  const token = error?.token;
  const name = token?.file && set.files.has(token.file) ? token.file : token?.file && set.files.has(`${token.file}.liquid`) ? `${token.file}.liquid` : entry;
  const file = set.files.get(name);
  const [line, column] = token ? token.getPosition() : [1, 1];
  const raw = String(error?.message ?? cause).replace(/, file:[^,]*(?=, line:)/, '').replace(/, line:\d+, col:\d+$/, '');
  const isParse = error?.name === 'ParseError' || error?.name === 'TokenizationError';
  const sourceLine = token?.input?.split('\n')[line - 1];
  return {
    file: file?.path ?? name,
    line,
    column,
    severity: 'error',
    ruleId: isParse ? 'template/syntax' : ruleId,
    message: `Template ${isParse ? 'syntax' : 'rendering'} error: ${printable(raw)}.`.replace(/\.\.$/, '.'),
    hint: /undefined variable/i.test(raw)
      ? 'Check the variable against the template context in the README, or guard it with {% if %}.'
      : /undefined filter/i.test(raw)
        ? 'Use a filter that LiquidJS or migration-news provides (see "Writing templates" in the README).'
        : 'Fix the template at this position.',
    ...(sourceLine !== undefined ? { sourceLine } : {}),
  };
}
