import type { z } from 'zod';
import type { Diagnostic, Location } from './diagnostic.js';
import { toInstant } from './dates.js';
import { checkBody, lexBody, type BodyTokens } from './markdown.js';
import type { ParsedFile } from './parse.js';
import { severityOf, type RuleId, type RuleSettings } from './rules.js';
import { releaseSchema, UNSAFE_CHARACTERS, type Config, type Language, type ReleaseMeta } from './schema.js';
import { slugify } from './slug.js';
import { quote } from './text.js';

export const TITLE_MAX = 110;
export const SUMMARY_MAX = 160;

/** A release that passed validation, with its derived id and slug. */
export interface Release extends ReleaseMeta {
  file: string;
  id: string;
  slug: string;
  lang: Language;
  /** Where the slug comes from, for "first defined here" notes. */
  slugAt: Location;
  idAt: Location;
}

export interface ValidateOptions {
  config: Config;
  /** The clock for embargo and future-date checks, in ms since the epoch. */
  now: number;
}

export interface ValidationResult {
  /** Present when the release has no errors. */
  release?: Release;
  body?: BodyTokens;
  diagnostics: Diagnostic[];
}

/** A reporter that applies the project's rule settings (a rule may be off). */
export function createReporter(file: string, rules: RuleSettings | undefined, out: Diagnostic[]) {
  return (ruleId: RuleId, diagnostic: Omit<Diagnostic, 'severity' | 'ruleId' | 'file'> & { file?: string }): void => {
    const severity = severityOf(ruleId, rules);
    if (severity === 'off') return;
    out.push({ file, ...diagnostic, severity, ruleId });
  };
}

/** Checks one parsed release against the schema and the content rules. */
export function validateRelease(parsed: ParsedFile, options: ValidateOptions): ValidationResult {
  const diagnostics = [...parsed.diagnostics];
  if (parsed.data === undefined || diagnostics.some((d) => d.severity === 'error')) return { diagnostics };
  const report = createReporter(parsed.path, options.config.rules, diagnostics);
  const data = parsed.data as Record<string, unknown>;

  const meta = checkData(releaseSchema, data, parsed, report, 'the release format');
  if (!meta) return { diagnostics };
  const { config, now } = options;

  if (!config.languages.includes(meta.lang)) {
    report('schema/enum', {
      ...parsed.locate(['lang']),
      message: `\`lang\` is ${quote(meta.lang)}, but this project's languages are ${config.languages.join(', ')}.`,
      hint: 'Use one of the configured languages, or add this one to `languages` in the config file.',
      actual: meta.lang, expected: config.languages.join(', '),
    });
  }
  if ([...meta.title].length > TITLE_MAX) {
    report('content/title-length', {
      ...parsed.locate(['title']),
      message: `The title is ${[...meta.title].length} characters long; headlines should be at most ${TITLE_MAX}.`,
      hint: 'Shorten the headline and move detail into `subtitle`.',
    });
  }
  if (meta.summary !== undefined && [...meta.summary].length > SUMMARY_MAX) {
    report('content/summary-length', {
      ...parsed.locate(['summary']),
      message: `The summary is ${[...meta.summary].length} characters long; search snippets show about ${SUMMARY_MAX}.`,
      hint: 'Keep the summary to one or two short sentences.',
    });
  }
  const timeZone = config.timezone;
  if (meta.embargo !== undefined && meta.status !== 'published' && toInstant(meta.embargo, timeZone) <= now) {
    report('embargo/past', {
      ...parsed.locate(['embargo']),
      message: `The embargo (${meta.embargo}) has passed, but the release is still "${meta.status}".`,
      hint: 'Publish the release, or remove the embargo.',
    });
  }
  if (meta.status === 'published' && toInstant(meta.date, timeZone) > now) {
    report('date/future-published', {
      ...parsed.locate(['date']),
      message: `The release is "published" but dated ${meta.date}, in the future.`,
      hint: 'Set `status: approved` with an `embargo`, or correct the date.',
    });
  }

  let body: BodyTokens | undefined;
  if (parsed.body.trim() === '') {
    report('content/empty-body', {
      file: parsed.path, line: parsed.closeLine, column: 1,
      message: 'The release has no body text after the front matter.',
      hint: 'Write the release text below the closing `---`.',
    });
  } else {
    const lexed = lexBody(parsed.body);
    if (!lexed.ok) {
      report('content/too-complex', { line: parsed.bodyLine + lexed.line - 1, column: 1, message: lexed.message, hint: 'Flatten the nesting or split the text.' });
    } else {
      body = lexed.body;
      checkBody(body, { file: parsed.path, bodyLine: parsed.bodyLine, body: parsed.body, report: (ruleId, d) => report(ruleId, d) });
    }
  }

  if (diagnostics.some((d) => d.severity === 'error') || !body) return { diagnostics };
  const id = meta.id ?? defaultId(parsed.path);
  const slug = meta.slug ?? (slugify(meta.title) || slugify(id) || 'release');
  const release: Release = {
    ...meta,
    file: parsed.path,
    id,
    slug,
    slugAt: parsed.locate([meta.slug !== undefined ? 'slug' : 'title']),
    idAt: meta.id !== undefined ? parsed.locate(['id']) : parsed.locate(['title']),
  };
  return { release, body, diagnostics };
}

/** The file name without folders and extension. */
export function defaultId(path: string): string {
  const name = path.split(/[\\/]/).pop() ?? path;
  return name.replace(/\.[^.]*$/, '');
}

type Report = ReturnType<typeof createReporter>;

/** Where data came from: enough to point at a key path and quote the author's text. */
export interface DataSource {
  text: string;
  locate(path: readonly PropertyKey[], part?: 'key' | 'value'): Location;
}

/**
 * Validates data against a zod schema: unknown keys, then every schema issue,
 * each as a diagnostic at the exact YAML node. Returns the parsed data, or
 * undefined when there were errors.
 */
export function checkData<T extends z.ZodType>(schema: T, data: unknown, source: DataSource, report: Report, formatName: string): z.output<T> | undefined {
  reportUnknownKeys(schema as unknown as { _zod: { def: unknown } }, data, [], source, report, formatName);
  const result = schema.safeParse(data);
  if (result.success) return result.data;
  for (const issue of result.error.issues) reportIssue(issue, data, source, report);
  return undefined;
}
type Path = readonly PropertyKey[];

function formatPath(path: Path): string {
  return path.reduce<string>((out, segment) => (typeof segment === 'number' ? `${out}[${segment}]` : out ? `${out}.${String(segment)}` : String(segment)), '');
}

function valueAt(data: unknown, path: Path): unknown {
  let value = data;
  for (const segment of path) {
    if (value === null || typeof value !== 'object') return undefined;
    if (!Object.hasOwn(value, segment)) return undefined;
    value = (value as Record<PropertyKey, unknown>)[segment];
  }
  return value;
}

function describeType(value: unknown): string {
  if (value === null) return 'empty (null)';
  if (Array.isArray(value)) return 'a list';
  switch (typeof value) {
    case 'string': return 'text';
    case 'number': return `the number ${value}`;
    case 'boolean': return `the boolean ${value}`;
    case 'object': return 'a mapping';
    default: return typeof value;
  }
}

const EXPECTED: Record<string, string> = { string: 'text', array: 'a list', object: 'a mapping of fields', number: 'a number', boolean: 'true or false' };

function reportIssue(issue: z.core.$ZodIssue, data: unknown, parsed: DataSource, report: Report): void {
  const path = issue.path;
  const field = formatPath(path);
  const value = valueAt(data, path);
  const where = parsed.locate(path);
  if (issue.code === 'invalid_type') {
    const expected = EXPECTED[issue.expected] ?? issue.expected;
    if (value === undefined) {
      const parent = formatPath(path.slice(0, -1));
      const key = String(path[path.length - 1]);
      report('schema/required', {
        ...where,
        message: parent ? `\`${parent}\` is missing the required field \`${key}\`.` : `The required field \`${key}\` is missing.`,
        hint: `Add \`${key}: …\` ${parent ? `under \`${parent}\`` : 'to the front matter'}.`,
        expected,
      });
      return;
    }
    const source = sourceText(parsed.text, where);
    const unquoted = issue.expected === 'string' && (typeof value === 'number' || typeof value === 'boolean' || value === null) && !/^["']/.test(source);
    if (unquoted) {
      report('yaml/unquoted-value', {
        ...where,
        message: `\`${field}\` is read as ${describeType(value)} because it is not quoted, but it must be text.`,
        hint: `Put the value in quotes, exactly as it should appear: ${String(path[path.length - 1])}: "${source.replace(/"/g, '\\"')}".`,
        actual: source, expected,
      });
      return;
    }
    report('schema/type', { ...where, message: `\`${field}\` must be ${expected}, but it is ${describeType(value)}.`, actual: describeType(value), expected });
    return;
  }
  if (issue.code === 'invalid_value') {
    const allowed = issue.values.map(String).join(', ');
    report('schema/enum', {
      ...where,
      message: `\`${field}\` is ${quote(value)}, but must be one of ${allowed}.`,
      actual: typeof value === 'string' ? value : JSON.stringify(value), expected: allowed,
    });
    return;
  }
  if (typeof value === 'string' && UNSAFE_CHARACTERS.test(value)) {
    const index = value.search(UNSAFE_CHARACTERS);
    const code = value.codePointAt(index)!.toString(16).toUpperCase().padStart(4, '0');
    report('schema/control-character', {
      ...where,
      message: `\`${field}\` contains the invisible control character U+${code} at position ${index + 1}.`,
      hint: 'Delete the character; retype the text if you cannot see it.',
    });
    return;
  }
  const params = (issue as { params?: { ruleId?: RuleId } }).params;
  const ruleId: RuleId = params?.ruleId ?? 'schema/format';
  report(ruleId, { ...where, message: `\`${field}\` ${issue.message}; it is ${quote(value)}.`, actual: typeof value === 'string' ? value : JSON.stringify(value) });
}

/** The source text at a location (on its first line), for quoting the author's own spelling back. */
function sourceText(text: string, where: Location): string {
  const line = text.split('\n', where.line)[where.line - 1] ?? '';
  const end = where.endLine === where.line && where.endColumn ? where.endColumn - 1 : line.length;
  return line.slice(where.column - 1, end).trim();
}

interface ZodDef { type: string; shape?: Record<string, { _zod: { def: ZodDef } }>; element?: { _zod: { def: ZodDef } }; innerType?: { _zod: { def: ZodDef } } }

/** Unknown keys are reported rather than silently dropped, with a spelling suggestion where one is close. */
function reportUnknownKeys(schema: { _zod: { def: unknown } }, data: unknown, path: PropertyKey[], parsed: DataSource, report: Report, formatName: string): void {
  let def = schema._zod.def as ZodDef;
  while ((def.type === 'optional' || def.type === 'default' || def.type === 'nullable') && def.innerType) def = def.innerType._zod.def;
  if (def.type === 'object' && def.shape && data !== null && typeof data === 'object' && !Array.isArray(data)) {
    const known = Object.keys(def.shape);
    for (const key of Object.keys(data)) {
      const child = def.shape[key];
      if (Object.hasOwn(def.shape, key) && child) {
        reportUnknownKeys(child, (data as Record<string, unknown>)[key], [...path, key], parsed, report, formatName);
        continue;
      }
      const suggestion = closest(key, known);
      const field = formatPath([...path, key]);
      report('schema/unknown-key', {
        ...parsed.locate([...path, key], 'key'),
        message: `\`${field}\` is not a field of ${formatName}; it is ignored.`,
        hint: suggestion ? `Did you mean \`${suggestion}\`?` : `Known fields here: ${known.join(', ')}.`,
      });
    }
  } else if (def.type === 'array' && def.element && Array.isArray(data)) {
    data.forEach((item, i) => reportUnknownKeys(def.element!, item, [...path, i], parsed, report, formatName));
  }
}

function closest(word: string, candidates: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Math.max(2, Math.floor(word.length / 3)) + 1;
  for (const candidate of candidates) {
    const d = editDistance(word.toLowerCase(), candidate);
    if (d < bestDistance) { best = candidate; bestDistance = d; }
  }
  return best;
}

function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = row[j]!;
      row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = tmp;
    }
  }
  return row[b.length]!;
}
